"""Matching: translation signals and ranking, competence similarity, search, evaluation. Imports backends and below."""
