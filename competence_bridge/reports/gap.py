"""Gap report: two qualifications or job profiles side by side, competence by competence.

"She has the Dutch Verzorgende-IG diploma; what is that in Flanders, at what level, and what is
she missing?" → ``compare("nl:…vig", "vl:…zorgkundige")``: what of B the holder of A already
covers, what is missing, the level comparison, the recognitions that apply, and a short verdict
in plain Dutch (English available).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from competence_bridge.display import Shown, Tabular
from competence_bridge.matching.recognitions import Recognitions
from competence_bridge.matching.results import LevelComparison, compare_levels
from competence_bridge.matching.statement_comparer import Measure
from competence_bridge.matching.translate import Translator
from competence_bridge.rdf.items import CompetenceItem, Item
from competence_bridge.reports.alignment import Aligned, align
from competence_bridge.vocabulary import Lang

#: The four verdicts on content: nothing to compare, largely equal, partly, little overlap.
VerdictKind = Literal["none", "equal", "partial", "little"]


@dataclass(frozen=True, repr=False)
class Verdict(Shown):
    """What a gap report concludes, as facts; ``to_text(lang)`` words it (see :mod:`competence_bridge.present`)."""

    kind: VerdictKind
    a: str  # label of A
    b: str  # label of B
    bring: float  # share of B's competences A covers
    missing: int  # B's competences A does not cover
    level_text: str
    level_text_en: str
    recognitions: tuple[str, ...]
    recognitions_en: tuple[str, ...]
    borrowed: tuple[tuple[str, tuple[str, ...]], ...]  # (job profile label, qualifications it borrows from)
    measure: Measure = "words"  # how the competences were compared


@dataclass(frozen=True)
class CompetenceMatch:
    """A competence of one side and the one it is aligned with on the other (None when nothing aligns).

    *counted* is False for a core task (kerntaak) that only summarises work processes: it is shown but
    neither aligned nor part of the percentages.
    """

    competence: CompetenceItem
    best: CompetenceItem | None
    score: float
    covered: bool
    counted: bool = True

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"id": self.competence.id, "statement": self.competence.text, "kind": self.competence.kind,
                "covered": self.covered, "counted": self.counted, "score": round(self.score, 4),
                "best_match": None if self.best is None else {"id": self.best.id, "statement": self.best.text}}


@dataclass(frozen=True, repr=False)
class GapReport(Tabular):
    """Both directions of a competence comparison, the levels, the recognitions and a verdict."""

    a: Item
    b: Item
    a_in_b: tuple[CompetenceMatch, ...]  # A's competences, each found in B or not
    b_in_a: tuple[CompetenceMatch, ...]  # B's competences, each found in A or not
    levels: LevelComparison
    level_text: str
    level_text_en: str
    recognitions: tuple[str, ...]
    threshold: float
    recognitions_en: tuple[str, ...] = ()
    #: how the competences were compared: by word overlap, by words and spelling, or by sentence embedding
    measure: Measure = "words"

    @property
    def coverage_a_in_b(self) -> float:
        """Share of A's (counted) competences that B covers."""
        return _share(self.a_in_b)

    @property
    def coverage_b_in_a(self) -> float:
        """Share of B's (counted) competences that A covers: what a holder of A already brings to B."""
        return _share(self.b_in_a)

    @property
    def missing_for_b(self) -> tuple[CompetenceItem, ...]:
        """B's competences a holder of A still has to show (core tasks that only summarise are not listed)."""
        return tuple(m.competence for m in self.b_in_a if m.counted and not m.covered)

    @property
    def assessment(self) -> Verdict:
        """The verdict as facts: which of the four, the shares, the levels and the recognitions."""
        bring, back = self.coverage_b_in_a, self.coverage_a_in_b
        kind: VerdictKind
        if not self.a_in_b or not self.b_in_a:
            kind = "none"
        elif bring >= 0.8 and back >= 0.8:
            kind = "equal"
        elif bring >= 0.5:
            kind = "partial"
        else:
            kind = "little"
        borrowed = tuple((item.label, tuple(item.competences_from)) for item in (self.a, self.b)
                         if item.competences_from)
        return Verdict(kind, self.a.label, self.b.label, bring, len(self.missing_for_b), self.level_text,
                       self.level_text_en, self.recognitions, self.recognitions_en, borrowed, self.measure)

    def verdict(self, lang: Lang = "nl") -> str:
        """A short verdict a workshop participant understands (Dutch, or ``lang="en"``)."""
        return self.assessment.to_text(lang)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``competence-bridge compare``."""
        return {
            "a": self.a.to_ref(), "b": self.b.to_ref(),
            "coverage": {"a_in_b": round(self.coverage_a_in_b, 4), "b_in_a": round(self.coverage_b_in_a, 4)},
            "a_in_b": [m.to_dict() for m in self.a_in_b],
            "b_in_a": [m.to_dict() for m in self.b_in_a],
            "missing_for_b": [{"id": c.id, "statement": c.text} for c in self.missing_for_b],
            "levels": {**self.levels.to_dict(), "explanation": self.level_text, "explanation_en": self.level_text_en},
            "recognitions": list(self.recognitions),
            "recognitions_en": list(self.recognitions_en),
            "competences_from": {"a": list(self.a.competences_from), "b": list(self.b.competences_from)},
            "threshold": self.threshold,
            "measure": self.measure,
            "verdict": self.verdict("nl"),
            "verdict_en": self.verdict("en"),
        }


def _share(matches: tuple[CompetenceMatch, ...]) -> float:
    counted = [m for m in matches if m.counted]
    return sum(m.covered for m in counted) / len(counted) if counted else 0.0


def _matches(aligned: tuple[Aligned, ...], threshold: float) -> tuple[CompetenceMatch, ...]:
    return tuple(CompetenceMatch(a.competence, a.partner, a.score, a.counted and a.score >= threshold, a.counted)
                 for a in aligned)


def compare_items(translator: Translator, recognitions: Recognitions, first: Item, second: Item) -> GapReport:
    """Gap report between two qualifications or job profiles, competence by competence.

    *first* is what a person has, *second* what they aim for: the report says what of *second* is
    covered and missing.
    """
    levels = compare_levels(first, second)
    # Only valuations of what the person has (A) on B's side answer the question "what is A worth there?"
    found = [evidence for evidence in recognitions.evidence(first)
             if evidence.object in {second.id, second.qualification_type}
             or (evidence.level is not None and evidence.level in second.levels)]
    describe = recognitions.describe_level
    threshold = translator.settings.competence_threshold
    a_side, b_side = align(first.competences, second.competences, translator.competence_similarity)
    return GapReport(first, second, _matches(a_side, threshold), _matches(b_side, threshold),
                     levels, levels.explain(describe, "nl"), levels.explain(describe, "en"),
                     tuple(e.description for e in found), threshold,
                     tuple(e.description_en for e in found), translator.statements.measure(translator.settings))
