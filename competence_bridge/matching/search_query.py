"""A search as a person asks it: checked filters, then the ranked and explained hits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from competence_bridge.curated.limits import check_query_length
from competence_bridge.errors import CompetenceBridgeError, UnknownItemError
from competence_bridge.language.text import suggest
from competence_bridge.matching.search import SearchIndex, SearchResult
from competence_bridge.vocabulary import ITEM_KINDS, REGIONS

if TYPE_CHECKING:
    from competence_bridge.matching.search_meaning import MeaningSearch


def search_items(index: SearchIndex, text: str, *, region: str | None = None,
                 kind: str | Sequence[str] | None = None, limit: int = 10,
                 meaning: MeaningSearch | None = None) -> SearchResult:
    """The hits of *text* in *index*, best first, kept to *region* and *kind* when given; with *meaning*, ranked
    by search and sentence embedding together (:mod:`~competence_bridge.matching.search_meaning`).

    :raises UnknownItemError: for an unknown region or kind
    :raises CompetenceBridgeError: for an empty text or a limit below 1
    """
    kinds = () if kind is None else ((kind,) if isinstance(kind, str) else tuple(kind))
    if region is not None and region not in REGIONS:
        raise UnknownItemError(region, kind="region", suggestions=list(REGIONS))
    for name in kinds:
        if name not in ITEM_KINDS:
            raise UnknownItemError(name, kind="kind", suggestions=suggest(name, ITEM_KINDS) or list(ITEM_KINDS))
    if not text.strip():
        raise CompetenceBridgeError("nothing to search for: the search text is empty")
    check_query_length(text)
    if limit < 1:
        raise CompetenceBridgeError(f"the limit must be at least 1, not {limit}")
    hits = (index.search(text, region=region, kind=kinds or None, limit=limit) if meaning is None
            else meaning.search(text, region=region, kind=kinds or None, limit=limit))
    return SearchResult(text, tuple(hits), region, kinds)
