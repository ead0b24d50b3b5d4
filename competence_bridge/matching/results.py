"""What a translation returns: ranked candidates, each with its SKOS relation, confidence, hops and levels.

Plain typed data; rendering (text, HTML, DataFrames) is in :mod:`competence_bridge.present`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from competence_bridge.display import Shown, Tabular
from competence_bridge.matching.breakdown import ConfidenceBreakdown
from competence_bridge.rdf.items import Item

if TYPE_CHECKING:
    from competence_bridge.sssom.mapping import Mapping


#: How a typed name found items when not as written (``Translation.found_by``).
FoundBy = Literal["forms", "spelling", "words", "type", "type-parts", "other-type"]


def the_text(read_as: str | None) -> tuple[str, str]:
    """How an explanation names free text (Dutch, English): as written, or as read through the term layer when it
    was (``Item.read_as``: ``mecanicien`` read as ``monteur``)."""
    if read_as is None:
        return "de tekst", "the text"
    return f"de tekst, gelezen als '{read_as}' (termenlaag),", f"the text, read as '{read_as}' (term layer),"


@dataclass(frozen=True)
class Hop:
    """One step of a chain through a pivot, with its own confidence and explanation (Dutch, and English)."""

    subject: str
    object: str
    predicate: str
    confidence: float
    explanation: str
    explanation_en: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"subject": self.subject, "object": self.object, "predicate": self.predicate,
                "confidence": round(self.confidence, 4), "explanation": self.explanation,
                "explanation_en": self.explanation_en}


@dataclass(frozen=True)
class LevelComparison:
    """The EQF levels of both ends and what their difference means."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    source_eqf: tuple[int, ...]
    target_eqf: tuple[int, ...]
    difference: int | None  # source minus target, the smallest in absolute value; None if unknown

    @property
    def mismatch(self) -> bool:
        """True when both levels are known and differ."""
        return bool(self.difference)

    def explain(self, describe: Callable[[str], str], lang: str = "nl") -> str:
        """One sentence comparing the levels."""
        left = ", ".join(describe(level) for level in self.source) or ("onbekend" if lang == "nl" else "unknown")
        right = ", ".join(describe(level) for level in self.target) or ("onbekend" if lang == "nl" else "unknown")
        if self.difference is None:
            return (f"Niveau: {left} tegenover {right}; niet te vergelijken." if lang == "nl"
                    else f"Level: {left} against {right}; not comparable.")
        if self.difference == 0:
            return (f"Niveau: {left} en {right}, hetzelfde EQF-niveau." if lang == "nl"
                    else f"Level: {left} and {right}, the same EQF level.")
        steps = abs(self.difference)
        higher = "bron" if self.difference > 0 else "doel"
        if lang == "nl":
            return (f"Niveauverschil: {left} tegenover {right}; het {higher}-diploma ligt {steps} EQF-niveau"
                    f"{'s' if steps > 1 else ''} hoger.").replace("bron-diploma", "brondiploma").replace(
                        "doel-diploma", "doeldiploma")
        side = "source" if self.difference > 0 else "target"
        return f"Level mismatch: {left} against {right}; the {side} is {steps} EQF level{'s' * (steps > 1)} higher."

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"source": list(self.source), "target": list(self.target), "source_eqf": list(self.source_eqf),
                "target_eqf": list(self.target_eqf), "difference": self.difference, "mismatch": self.mismatch}


def compare_levels(source: Item, target: Item) -> LevelComparison:
    """Compare the EQF levels of two items (the closest pair when an item has several)."""
    difference = None
    if source.eqf and target.eqf:
        difference = min((a - b for a in source.eqf for b in target.eqf), key=lambda d: (abs(d), -d))
    return LevelComparison(tuple(source.levels), tuple(target.levels), tuple(sorted(source.eqf)),
                           tuple(sorted(target.eqf)), difference)



@dataclass(frozen=True, repr=False)
class Candidate(Shown):
    """One proposed counterpart on the other side."""

    target: Item
    predicate: str
    confidence: float
    justification: str
    signals: dict[str, float]
    explanation: tuple[str, ...]
    explanation_en: tuple[str, ...]
    levels: LevelComparison
    hops: tuple[Hop, ...] = ()
    flags: tuple[str, ...] = ()
    review: str | None = None
    #: Where the evidence comes from, for the SSSOM ``other`` slot (e.g. the official table rows of a chain).
    provenance: tuple[tuple[str, str], ...] = ()
    #: How the signals' confidence was reached (None for a candidate of an official chain or a proposed anchor alone).
    breakdown: ConfidenceBreakdown | None = None
    #: The confidence before a calibration of the candidate among the others of its list (``merged_calibration``,
    #: flat where its data were): a tie that calibration makes is broken by it (:func:`.official.rank`).
    before: float | None = None

    @property
    def strength(self) -> float:
        """The evidence's own score before any calibration: the signals' value, else the highest signal (a search
        score, a chain's confidence). It breaks ties between equal confidences (a calibration is flat where its
        data were)."""
        if self.breakdown is not None:
            return self.breakdown.raw
        return max(self.signals.values(), default=self.confidence)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of a translation candidate."""
        return {
            **self.target.to_ref(),
            "predicate": self.predicate,
            "confidence": round(self.confidence, 4),
            "justification": self.justification,
            "explanation": " ".join(self.explanation),
            "explanation_en": " ".join(self.explanation_en),
            "signals": {name: round(score, 4) for name, score in self.signals.items()},
            "levels": self.levels.to_dict(),
            "hops": [hop.to_dict() for hop in self.hops],
            "flags": list(self.flags),
            "review": self.review,
            "breakdown": None if self.breakdown is None else self.breakdown.to_dict(),
        }

    def to_mapping(self, source: Item, *, author: str | None = None) -> Mapping:
        """This candidate as an SSSOM mapping from *source*."""
        from competence_bridge.sssom.mapping import Mapping  # its model: only for an export, not for a lookup

        other = {"subject_level": "+".join(self.levels.source), "object_level": "+".join(self.levels.target),
                 "level_difference": "" if self.levels.difference is None else str(self.levels.difference),
                 **{f"signal_{name}": f"{score:.3f}" for name, score in self.signals.items()}}
        if self.flags:
            other["flags"] = ",".join(self.flags)
        if self.review:
            other["review"] = self.review
        other.update(self.provenance)
        return Mapping(
            subject_id=source.id, subject_label=source.label, subject_category=source.kind,
            predicate_id=self.predicate,  # type: ignore[arg-type]
            object_id=self.target.id, object_label=self.target.label, object_category=self.target.kind,
            mapping_justification=self.justification,  # type: ignore[arg-type]
            confidence=round(self.confidence, 4), author_id=author, comment=" ".join(self.explanation),
            other="|".join(f"{key}={value}" for key, value in other.items() if value != ""),
        )


@dataclass(frozen=True, repr=False)
class Translation(Tabular):
    """Ranked candidates for one item on the other side."""

    source: Item
    to: str
    candidates: tuple[Candidate, ...]
    via: tuple[str, ...] = ()  # when a label named several items, all of them (candidates merged)
    #: For a qualification: the counterparts of the job profiles it prepares for, in their own list (its
    #: ``candidates`` are qualifications), each explained "via" the job profile it translates; see ``jobs_via``.
    jobs: tuple[Candidate, ...] = ()
    #: The source's job profiles whose translations gave ``jobs``, by id.
    jobs_via: tuple[str, ...] = ()
    #: Whether ``candidates`` merge the translations of several items of ``via`` (each then says which).
    merged: bool = False
    #: The query, when it named the source(s) only up to the plural and gender forms of its words
    #: (``doktersassistente``: the UWV occupation *Doktersassistent*); ``None`` when it named them as written.
    by_word_forms: str | None = None
    #: How ``by_word_forms`` named them: ``"forms"`` (plural and gender forms), ``"spelling"`` (only up to single or
    #: doubled letters: ``verpleegkundigge``), ``"words"`` (the one label holding all its words, in any order:
    #: ``BSO verzorging`` is *Verzorging (bso, 3e graad)*), ``"type"`` (a type of education and the words of one of
    #: its qualifications: ``mbo niveau 3 verzorgende`` is *Verzorgende-IG*), ``"type-parts"`` (the same, a word
    #: being the last part of a compound of its name: ``graduaat verpleegkunde`` is *Gegradueerde in de
    #: basisverpleegkunde*), ``"other-type"`` (no qualification of the type named holds the words; one of a type
    #: of that side whose name is the one typed but for its number, one EQF level apart at most, does: ``mbo 3
    #: lasser`` is *Basislasser*, mbo 2); ``None`` when it named them as written.
    found_by: FoundBy | None = None
    #: A best candidate below this confidence is a weak guess (``minimum_confidence`` of the settings that ranked
    #: the candidates; 0 when unknown): see :attr:`only_weak`.
    weak_below: float = 0.0
    #: Free text that ESCO gives as the name of several occupations (*monteur*: an installatie-ingenieur, a film
    #: editor, a forestry mechanic): those occupations, by label; a candidate through ESCO reads it as one of them.
    readings: tuple[Item, ...] = ()

    @property
    def best_confidence(self) -> float | None:
        """The confidence of the most confident candidate (None without candidates)."""
        return max((candidate.confidence for candidate in self.candidates), default=None)

    @property
    def only_weak(self) -> bool:
        """Whether there are candidates and even the most confident is below :attr:`weak_below`: guesses to check,
        no translation to trust (text and HTML say so above them)."""
        best = self.best_confidence
        return best is not None and best < self.weak_below

    @property
    def by_spelling(self) -> bool:
        """Whether ``by_word_forms`` named the source(s) only up to single or doubled letters, no form."""
        return self.found_by == "spelling"

    @property
    def by_words(self) -> bool:
        """Whether ``by_word_forms`` named the source(s) only as the one label that holds all its words."""
        return self.found_by == "words"

    @property
    def by_type(self) -> bool:
        """Whether ``by_word_forms`` named the source as the one qualification its type of education and its other
        words name (as words, or as the last parts of compounds)."""
        return self.found_by in ("type", "type-parts")

    @property
    def by_other_type(self) -> bool:
        """Whether ``by_word_forms`` named the source as the one qualification of *another* type of education than
        the one it names whose name holds its other words (``mbo 3 lasser``: *Basislasser*, an mbo-2 diploma)."""
        return self.found_by == "other-type"

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``competence-bridge translate``."""
        return {"source": self.source.to_ref(), "to": self.to, "via": list(self.via),
                "by_word_forms": self.by_word_forms, "by_spelling": self.by_spelling, "by_words": self.by_words,
                "by_type": self.by_type, "by_other_type": self.by_other_type, "only_weak": self.only_weak,
                "readings": [reading.to_ref() for reading in self.readings],
                "candidates": [candidate.to_dict() for candidate in self.candidates],
                "jobs": [candidate.to_dict() for candidate in self.jobs], "jobs_via": list(self.jobs_via)}

