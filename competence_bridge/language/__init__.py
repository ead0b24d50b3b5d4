"""Dutch text analysis: folding, word keys, compounds, Flemish variants, suggestions.

Imports only the foundation modules.
"""
