"""Answers a person reads, as typed data: levels, recognitions, gap reports, exercises, re-validation.

Imports matching and below.
"""
