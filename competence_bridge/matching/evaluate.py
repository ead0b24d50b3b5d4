"""Score translations against a gold SSSOM mapping set: precision, recall, F1, recall@k, level flags.

Gold rows say "subject should translate to object". Rows with ``other: level_mismatch=true`` must
come back flagged as a level mismatch. Negative gold rows (``predicate_modifier: Not``) count as
errors when predicted at rank 1.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from competence_bridge.sssom.mapping import MappingSet


@dataclass(frozen=True)
class PairResult:
    """How one gold pair fared."""

    subject: str
    object: str
    rank: int | None  # 1-based rank of the gold object among the candidates, None if absent
    level_mismatch_expected: bool
    level_mismatch_flagged: bool | None  # None when the object was not found


@dataclass(frozen=True)
class Scores:
    """The evaluation figures."""

    k: int
    precision: float
    recall: float
    f1: float
    recall_at_k: float
    level_flags: float  # share of expected level mismatches that were flagged (1.0 if none expected)
    pairs: tuple[PairResult, ...] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"k": self.k, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), f"recall_at_{self.k}": round(self.recall_at_k, 4),
                "level_flags": round(self.level_flags, 4),
                "misses": [f"{p.subject} → {p.object}" for p in self.pairs if p.rank is None or p.rank > self.k]}

    def to_text(self) -> str:
        """One line of figures, then the misses."""
        data = self.to_dict()
        head = (f"precision {data['precision']:.3f}  recall {data['recall']:.3f}  F1 {data['f1']:.3f}  "
                f"recall@{self.k} {self.recall_at_k:.3f}  level mismatches flagged {self.level_flags:.3f}  "
                f"({len(self.pairs)} gold pairs)")
        return "\n".join([head, *(f"  miss: {miss}" for miss in data["misses"])])


#: translate(subject_id, target_region, limit) -> [(object_id, level_mismatch_flagged)], best first.
Translate = Callable[[str, str, int], list[tuple[str, bool]]]


def evaluate(translate: Translate, gold: MappingSet, *, k: int = 3, region_of: Callable[[str], str]) -> Scores:
    """Translate every gold subject and compare with the gold objects.

    Precision and recall are on rank-1 predictions: a subject's top candidate is correct when it
    is one of its gold objects; recall counts gold pairs whose object is ranked first.
    """
    positives: dict[str, set[str]] = defaultdict(set)
    negatives: dict[str, set[str]] = defaultdict(set)
    expect_flag: dict[tuple[str, str], bool] = {}
    for row in gold.mappings:
        if row.is_negative:
            negatives[row.subject_id].add(row.object_id)
            continue
        positives[row.subject_id].add(row.object_id)
        expect_flag[row.key] = row.other_fields().get("level_mismatch") == "true"
    results = []
    correct_top, predicted_top = 0, 0
    for subject in sorted(set(positives) | set(negatives)):
        wanted = positives.get(subject, set())
        region = region_of(next(iter(wanted or negatives[subject])))
        ranked = translate(subject, region, max(k, 10))
        if ranked:
            predicted_top += 1
            correct_top += ranked[0][0] in wanted
        order = {object_id: (rank, flagged) for rank, (object_id, flagged) in enumerate(ranked, 1)}
        for object_id in sorted(wanted):
            rank, flagged = order.get(object_id, (None, None))
            results.append(PairResult(subject, object_id, rank, expect_flag[(subject, object_id)], flagged))
    found_first = sum(1 for r in results if r.rank == 1)
    precision = correct_top / predicted_top if predicted_top else 0.0
    recall = found_first / len(results) if results else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    at_k = sum(1 for r in results if r.rank is not None and r.rank <= k) / len(results) if results else 0.0
    expected = [r for r in results if r.level_mismatch_expected]
    flags = sum(1 for r in expected if r.level_mismatch_flagged) / len(expected) if expected else 1.0
    return Scores(k, precision, recall, f1, at_k, flags, tuple(results))
