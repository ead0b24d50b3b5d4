"""Normalising names for lookup, and close suggestions for names that match nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s\-_/.,;:()'\"]+")


def normalize(text: str) -> str:
    """The comparison key of a name: no case, no diacritics, separators as single spaces.

    >>> normalize("  Diploma Secundair-Onderwijs (BSO) ")
    'diploma secundair onderwijs bso'
    >>> normalize("Gediplomeerd verpleegkundige") == normalize("gediplomeerd VERPLEEGKUNDIGE")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", stripped).strip()


def suggest(query: str, choices: Iterable[str], *, limit: int = 3, cutoff: float = 60.0) -> list[str]:
    """The choices closest to *query*, best first (for "did you mean ...")."""
    from rapidfuzz import fuzz, process

    options = {choice: normalize(choice) for choice in choices}
    hits = process.extract(normalize(query), options, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=cutoff,
                           processor=None)
    seen: list[str] = []
    for _, _, choice in hits:
        if choice not in seen:
            seen.append(choice)
    return seen[:limit]
