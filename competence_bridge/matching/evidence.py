"""What the signals of translation share: the :class:`Evidence` they gather for one :class:`Pair`, what they may
ask the translator (:class:`Context`), and the :class:`Signal` protocol each implements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from competence_bridge.curated.matching_settings import MatchingSettings
from competence_bridge.language.analyser import Analyser
from competence_bridge.language.terms import Substitution, Vocabulary
from competence_bridge.language.text import fold
from competence_bridge.matching.recognitions import RecognitionTuple
from competence_bridge.matching.results import Hop
from competence_bridge.rdf.items import Item, ItemTable

#: :func:`~competence_bridge.language.text.fold`, cached: every candidate compares the same labels again.
folded = lru_cache(maxsize=1 << 16)(fold)

#: A label with its token keys (as written, or after the term layer).
LabelKeys = tuple[str, frozenset[str], tuple[Substitution, ...]]


@dataclass
class Evidence:
    """What the signals found for one pair, stage by stage: scores, reasons (nl, en), hops, flags, and marks."""

    signals: dict[str, float] = field(default_factory=dict)
    nl: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    hops: list[Hop] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    matched: tuple[str, str] = ("", "")  # the label pair the lexical signal matched (source, target)
    matched_rows: tuple[LabelKeys, LabelKeys] | None = None  # that pair's rows (keys, substitutions)
    anchored: bool = False  # a shared ESCO occupation or a term pair supports the pair beyond its words
    vouched: bool = False  # a shared ESCO occupation or a recognition vouches for it: false friends only flag
    hint: str | None = None  # skos:broadMatch / skos:narrowMatch: from the competences, or a type of education
    recognised: bool = False  # an official recognition names the target or its level
    named: bool = False  # an official recognition names the target itself, not only its level

    def say(self, nl: str, en: str) -> None:
        """Add one reason, in Dutch and in English."""
        self.nl.append(nl)
        self.en.append(en)

    def relation(self, confidence: float, settings: MatchingSettings) -> str:
        """The SKOS relation: exact only when confident, unflagged and supported beyond the names (a shared ESCO
        anchor, shared competences or a recognition); broad/narrow from the structure hint."""
        # A false-friend warning does not stand in the way of an officially recognised pair.
        blocking = [flag for flag in self.flags if not (flag.startswith("ff:") and self.recognised)]
        beyond_names = self.vouched or self.recognised or (
            self.signals.get("structure", 0) >= settings.competence_threshold)
        if confidence >= settings.exact_threshold and not blocking and self.hint is None and beyond_names:
            return "skos:exactMatch"
        if self.hint is not None and confidence >= settings.close_threshold * settings.hint_close_factor:
            return self.hint
        if confidence >= settings.close_threshold:
            return "skos:closeMatch"
        return "skos:relatedMatch"


@dataclass(frozen=True)
class Pair:
    """One candidate pair with what the translator prepared for the source."""

    source: Item
    target: Item
    labels: list[LabelKeys]  # the source's labels, with their term-layer variants
    target_labels: list[LabelKeys]  # the target's, likewise
    statements: list[RecognitionTuple]  # recognition statements from the source's side about its type


class Context(Protocol):
    """What a signal may ask the translator (:class:`~competence_bridge.matching.translate.Translator`)."""

    settings: MatchingSettings
    table: ItemTable
    vocabulary: Vocabulary
    esco_names: Mapping[str, str]  # ESCO occupations' Dutch names from the curated data, by id

    def label_similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """IDF-weighted Dice of two label key sets."""
        ...

    def modifier_keys(self, label: str) -> frozenset[str]:
        """The keys that occur in *label* only as first parts of compounds."""
        ...

    @property
    def analyser(self) -> Analyser:
        """The word analysis of both sides (its ``spelling`` names the words a key comes from)."""
        ...

    def generic_keys(self) -> frozenset[str]:
        """The keys of the settings' ``generic_words``."""
        ...

    def coverage(self, source: Item, target: Item) -> tuple[float, float]:
        """Share of *source*'s competences matched in *target*, and the other way round."""
        ...


class Signal(Protocol):
    """One signal: its ``name`` is its weight's key in the settings."""

    name: str

    def __call__(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score *pair* into ``evidence.signals[self.name]`` and explain it."""
        ...
