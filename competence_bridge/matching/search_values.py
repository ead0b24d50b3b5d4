"""The search settings as an index holds them: plain values, read at query time without pydantic.

:class:`~competence_bridge.curated.matching_settings.SearchSettings` validates the ``search`` section of
``taxonomies/matching.yaml``. A :class:`~competence_bridge.matching.search.SearchIndex` keeps the validated values
as a :class:`SearchValues` instead, so that an index opened from its file (:mod:`~competence_bridge.matching.
search_file`) needs neither pydantic nor the settings models: building their validators and pydantic's plugin
look-up (``importlib.metadata``) cost about 50 ms, a quarter of a one-off ``search --store``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from competence_bridge.curated.matching_settings import SearchSettings


class SearchValues(NamedTuple):
    """The fields of :class:`~competence_bridge.curated.matching_settings.SearchSettings`, in its order (a test
    checks they stay the same); their meaning is described there."""

    role_weights: Mapping[str, float]
    description_weight: float
    bm25_k1: float
    bm25_b: float
    synonym_factor: float
    synonym_relations: tuple[str, ...]
    mined_synonym_factor: float
    derivation_factors: Mapping[str, float]
    fuzzy_cutoff: float
    fuzzy_zero: float
    fuzzy_factor: float
    gram_weight: float
    gram_floor: float
    coverage_power: float
    joint: float
    rerank: int
    posting_budget: int
    minimum_score: float

    @classmethod
    def of(cls, settings: SearchSettings | SearchValues) -> SearchValues:
        """The values of validated *settings* (the same object when they are values already)."""
        if isinstance(settings, SearchValues):
            return settings
        return cls(**settings.model_dump())

    @classmethod
    def restored(cls, values: Mapping[str, Any]) -> SearchValues:
        """Values written by :meth:`as_json` (validated when they were written), lists read back as tuples."""
        read: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value
                                for name, value in values.items()}
        return cls(**read)

    def as_json(self) -> dict[str, Any]:
        """The values as JSON data (tuples become lists)."""
        return {name: list(value) if isinstance(value, tuple) else dict(value) if isinstance(value, Mapping)
                else value for name, value in self._asdict().items()}
