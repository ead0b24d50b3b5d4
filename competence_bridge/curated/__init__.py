"""Curated data: the pydantic models of the YAML taxonomies, reading and validating them.

Imports only errors/vocabulary/progress.
"""
