r"""How a candidate's confidence was reached from its signals: each signal's contribution and every factor after.

The translator's confidence is the weighted mean of the signals that apply to a pair, then multiplied by its
penalties (``taxonomies/matching.yaml``), then, when the name is the only evidence, calibrated.
:class:`ConfidenceBreakdown` keeps that arithmetic as data, so that a person (one explanation line, Dutch and
English) and a tool (``to_dict``) can check it:

>>> breakdown = ConfidenceBreakdown((("lexical", 0.35, 0.7), ("esco", 0.3, 1.0)), (("level", 0.85),))
>>> round(breakdown.value, 4)
0.7127
>>> print(breakdown.explain("nl").replace(" + ", "\n  + "))
Zekerheid volgens de signalen: naam 0,38 (0,70 × 0,35/0,65)
  + ESCO-beroep 0,46 (1,00 × 0,30/0,65) = 0,84; × 0,85 niveauverschil = 0,71.
>>> print(breakdown.explain("en").replace(" + ", "\n  + "))
Confidence from the signals: name 0.38 (0.70 × 0.35/0.65)
  + ESCO occupation 0.46 (1.00 × 0.30/0.65) = 0.84; × 0.85 level difference = 0.71.

When the name is the only evidence, the signals' value is mapped to what such a value has meant on held-out
official pairs (``name_calibration`` in ``taxonomies/matching.yaml``):

>>> print(ConfidenceBreakdown((("lexical", 0.35, 0.62),), calibrated=0.19).explain("en").replace("; ", ";\n  "))
Confidence from the signals: name 0.62 (0.62 × 0.35/0.35) = 0.62;
  the name as the only evidence, calibrated on official pairs: 0.62 → 0.19.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from competence_bridge.display import format_number

#: What each signal is called in an explanation (Dutch, English).
SIGNAL_NAMES: dict[str, tuple[str, str]] = {
    "lexical": ("naam", "name"),
    "terms": ("termenlaag", "term layer"),
    "esco": ("ESCO-beroep", "ESCO occupation"),
    "isco": ("ISCO-groep", "ISCO group"),
    "structure": ("competenties", "competences"),
    "recognition": ("erkenning", "recognition"),
}
#: What each factor after the mean is called (Dutch, English).
FACTOR_NAMES: dict[str, tuple[str, str]] = {
    "weak-lexical": ("alleen zwakke woordovereenkomst", "weak word overlap only"),
    "level": ("niveauverschil", "level difference"),
    "false-friend": ("valse vriend", "false friend"),
    "no-recognition": ("geen erkenning", "no recognition"),
}


def calibration_phrase(raw: float, calibrated: float, lang: Literal["nl", "en"]) -> str:
    """How a score became a calibrated confidence, e.g. ``geijkt op officiële paren: 0,59 → 0,16``."""
    head = "geijkt op officiële paren" if lang == "nl" else "calibrated on official pairs"
    return f"{head}: {format_number(raw, lang)} → {format_number(calibrated, lang)}"


#: How the signals' line (:meth:`ConfidenceBreakdown.explain`) begins, in each language.
SIGNALS_HEAD: dict[str, str] = {"nl": "Zekerheid volgens de signalen", "en": "Confidence from the signals"}


@dataclass(frozen=True)
class ConfidenceBreakdown:
    """The signals of a pair as (name, weight, score), the factors applied after their weighted mean, and, when
    the name is the only evidence, the calibrated confidence that value maps to."""

    parts: tuple[tuple[str, float, float], ...]
    factors: tuple[tuple[str, float], ...] = ()
    #: The name-only calibration's value for :attr:`raw` (None when other evidence than the name applies).
    calibrated: float | None = None

    @property
    def total_weight(self) -> float:
        """The sum of the weights of the signals that apply."""
        return sum(weight for _name, weight, _score in self.parts)

    @property
    def mean(self) -> float:
        """The weighted mean of the signals (0 when none applies)."""
        total = self.total_weight
        return sum(weight * score for _name, weight, score in self.parts) / total if total else 0.0

    @property
    def raw(self) -> float:
        """The signals' confidence: the mean times every factor, at most 1."""
        return min(self.mean * math.prod(factor for _name, factor in self.factors), 1.0)

    @property
    def value(self) -> float:
        """The confidence: the calibrated value when there is one, else :attr:`raw`."""
        return self.raw if self.calibrated is None else self.calibrated

    def contribution(self, name: str) -> float:
        """What signal *name* adds to the mean (its weight × score over the total weight)."""
        total = self.total_weight
        return sum(weight * score for found, weight, score in self.parts if found == name) / total if total else 0.0

    def explain(self, lang: Literal["nl", "en"] = "nl") -> str:
        """One line: each signal's contribution, their sum, the factors after it."""
        index = 0 if lang == "nl" else 1
        total = format_number(self.total_weight, lang)
        terms = " + ".join(
            f"{SIGNAL_NAMES.get(name, (name, name))[index]} {format_number(self.contribution(name), lang)} "
            f"({format_number(score, lang)} × {format_number(weight, lang)}/{total})"
            for name, weight, score in self.parts)
        line = f"{SIGNALS_HEAD[lang]}: {terms or '0'} = {format_number(self.mean, lang)}"
        if self.factors:
            line += "; " + ", ".join(f"× {format_number(factor, lang)} {FACTOR_NAMES.get(name, (name, name))[index]}"
                                     for name, factor in self.factors) + f" = {format_number(self.raw, lang)}"
        if self.calibrated is not None:
            line += ("; alleen de naam als bewijs, " if lang == "nl" else "; the name as the only evidence, ")
            line += calibration_phrase(self.raw, self.calibrated, lang)
        return line + "."

    def to_dict(self) -> dict[str, Any]:
        """JSON form: every signal with its weight, score and contribution, the mean, the factors, the signals'
        value, the calibrated value (or None) and the confidence."""
        return {"signals": [{"signal": name, "weight": weight, "score": round(score, 4),
                             "contribution": round(self.contribution(name), 4)} for name, weight, score in self.parts],
                "mean": round(self.mean, 4), "factors": [{"factor": name, "value": round(factor, 4)}
                                                          for name, factor in self.factors],
                "raw": round(self.raw, 4), "calibrated": None if self.calibrated is None else round(self.calibrated, 4),
                "value": round(self.value, 4)}
