"""Gap report: two qualifications or job profiles side by side, competence by competence.

"She has the Dutch Verzorgende-IG diploma; what is that in Flanders, at what level, and what is
she missing?" → ``compare("nl:…vig", "vl:…zorgkundige")``: what of B the holder of A already
covers, what is missing, the level comparison, the recognitions that apply, and a short verdict
in plain Dutch (English available).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from competence_bridge.rdf.items import CompetenceItem, Item
from competence_bridge.matching.translate import LevelComparison


#: The words of the verdict; ``missing`` is (plural, singular).
_VERDICT = {
    "nl": {
        "none": "Er zijn geen competenties om te vergelijken.",
        "equal": "Inhoudelijk grotendeels gelijkwaardig: {bring} van {b} zit ook in {a}.",
        "partial": "Gedeeltelijk gelijkwaardig: wie {a} heeft, dekt {bring} van {b}; {missing}.",
        "little": "Weinig inhoudelijke overlap: wie {a} heeft, dekt maar {bring} van {b}.",
        "missing": ("{n} competenties ontbreken nog", "{n} competentie ontbreekt nog"),
        "recognition": "Erkenning: {}.",
        "borrowed": "Het beroepsprofiel {job} heeft geen eigen competenties; vergeleken zijn die van de "
                    "kwalificatie(s) die erop voorbereiden ({qualifications}).",
    },
    "en": {
        "none": "There are no competences to compare.",
        "equal": "Largely equivalent in content: {bring} of {b} is also in {a}.",
        "partial": "Partly equivalent: a holder of {a} covers {bring} of {b}; {missing}.",
        "little": "Little overlap in content: a holder of {a} covers only {bring} of {b}.",
        "missing": ("{n} competences still missing", "{n} competence still missing"),
        "recognition": "Recognition: {}.",
        "borrowed": "The job profile {job} has no competences of its own; those of the qualification(s) "
                    "preparing for it ({qualifications}) were compared.",
    },
}


@dataclass(frozen=True)
class CompetenceMatch:
    """A competence of one side and its best counterpart on the other (None when missing)."""

    competence: CompetenceItem
    best: CompetenceItem | None
    score: float
    covered: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"id": self.competence.id, "statement": self.competence.text, "kind": self.competence.kind,
                "covered": self.covered, "score": round(self.score, 4),
                "best_match": None if self.best is None else {"id": self.best.id, "statement": self.best.text}}


@dataclass(frozen=True)
class GapReport:
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

    @property
    def coverage_a_in_b(self) -> float:
        """Share of A's competences that B covers."""
        return sum(m.covered for m in self.a_in_b) / len(self.a_in_b) if self.a_in_b else 0.0

    @property
    def coverage_b_in_a(self) -> float:
        """Share of B's competences that A covers: what a holder of A already brings to B."""
        return sum(m.covered for m in self.b_in_a) / len(self.b_in_a) if self.b_in_a else 0.0

    @property
    def missing_for_b(self) -> tuple[CompetenceItem, ...]:
        """B's competences a holder of A still has to show."""
        return tuple(m.competence for m in self.b_in_a if not m.covered)

    def verdict(self, lang: str = "nl") -> str:
        """A short verdict a workshop participant understands (Dutch, or ``lang="en"``)."""
        words = _VERDICT[lang]
        bring, back = self.coverage_b_in_a, self.coverage_a_in_b
        missing = len(self.missing_for_b)
        names = {"a": self.a.label, "b": self.b.label, "bring": f"{bring:.0%}",
                 "missing": words["missing"][missing == 1].format(n=missing)}
        if not self.a_in_b or not self.b_in_a:
            content = words["none"]
        elif bring >= 0.8 and back >= 0.8:
            content = words["equal"].format(**names)
        elif bring >= 0.5:
            content = words["partial"].format(**names)
        else:
            content = words["little"].format(**names)
        level = self.level_text if lang == "nl" else self.level_text_en
        return " ".join([content, *self.borrowed(lang), level,
                         *(words["recognition"].format(r) for r in self.recognitions)])

    def borrowed(self, lang: str = "nl") -> tuple[str, ...]:
        """For a job profile whose competences are those of the qualifications preparing for it: a note saying so."""
        return tuple(_VERDICT[lang]["borrowed"].format(job=item.label, qualifications=", ".join(item.competences_from))
                     for item in (self.a, self.b) if item.competences_from)

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
            "competences_from": {"a": list(self.a.competences_from), "b": list(self.b.competences_from)},
            "threshold": self.threshold,
            "verdict": self.verdict("nl"),
            "verdict_en": self.verdict("en"),
        }

    def to_text(self, lang: str = "nl") -> str:
        """Two blocks (what B asks and whether A covers it; the reverse) and the verdict."""
        yes, no = ("✔", "✘")
        title = "Vergelijking" if lang == "nl" else "Comparison"
        lines = [f"{title}: {self.a.label} ({self.a.id}) ↔ {self.b.label} ({self.b.id})", ""]
        head_b = (f"{self.b.label}: wat gevraagd wordt, en of {self.a.label} het dekt ({self.coverage_b_in_a:.0%})"
                  if lang == "nl" else
                  f"{self.b.label}: what it asks, and whether {self.a.label} covers it ({self.coverage_b_in_a:.0%})")
        lines.append(head_b)
        for match in self.b_in_a:
            lines.append(f"  {yes if match.covered else no} {match.competence.text}")
        head_a = (f"{self.a.label}: wat {self.b.label} daarvan dekt ({self.coverage_a_in_b:.0%})" if lang == "nl"
                  else f"{self.a.label}: what {self.b.label} covers of it ({self.coverage_a_in_b:.0%})")
        lines += ["", head_a]
        for match in self.a_in_b:
            lines.append(f"  {yes if match.covered else no} {match.competence.text}")
        lines += ["", ("Oordeel: " if lang == "nl" else "Verdict: ") + self.verdict(lang)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Rich view in Jupyter (see :mod:`competence_bridge.present.html`)."""
        from competence_bridge.present.html import gap_report_html

        return gap_report_html(self)

    def to_frame(self):  # noqa: ANN201 (pandas.DataFrame; pandas is an optional extra)
        """The rows of this result as a pandas DataFrame (``pip install competence-bridge[notebook]``)."""
        from competence_bridge.present.frames import gap_report_frame

        return gap_report_frame(self)
