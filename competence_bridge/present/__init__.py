"""Presentation: text, summaries, HTML and DataFrames of the result types, in Dutch and English.

Importing the package registers every rendering with :mod:`competence_bridge.display`; the words
come from :mod:`competence_bridge.present.catalogue`. May import every layer below it.
"""

from competence_bridge.present import frames, html, summary, text

__all__ = ["frames", "html", "summary", "text"]
