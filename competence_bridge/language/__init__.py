"""Dutch text analysis, one pipeline for search and translation: folding and words (``text``), suffix rules
(``rules``), the lexicon and compound splitting (``lexicon``), token keys (``analyser``), the nl-BE ↔ nl-NL
vocabulary of ``terms.yaml`` (``terms``), character 3-grams (``trigrams``), suggestions.

Imports the foundation modules and ``curated`` (the caps of ``taxonomies/limits.yaml``).
"""
