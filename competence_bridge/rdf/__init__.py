"""The RDF layer: CURIEs, namespaces, curated data to triples, stores, and reading items back.

Imports curated and language.
"""
