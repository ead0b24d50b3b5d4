"""Aligning two lists of competences one to one, group by group, for gap reports.

A "best match for each" lets one Dutch work process cover five Flemish competences at once and lets a
knowledge item count as a skill. The alignment instead:

- compares like with like: statements of what a person does (skills, work processes, attitudes) with
  each other, knowledge items with knowledge items; a *kerntaak* (an SBB core task, kind ``task``)
  only summarises the work processes under it, so it is not aligned and not counted, unless an item
  has nothing but tasks;
- pairs each competence with at most one of the other side: the pairs are taken greedily by
  similarity, best first (each pair at least half as good as an optimal assignment's, and in practice
  the same; deterministic: ties by id);
- calls a competence covered only when its partner's similarity reaches the threshold.

The groups are :mod:`competence_bridge.matching.competence_groups`'s, which exercises use too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from competence_bridge.matching.competence_groups import GROUPS, group_of, only_summaries
from competence_bridge.rdf.items import CompetenceItem

__all__ = ["GROUPS", "Aligned", "Similarity", "align", "group_of"]

#: Similarity of two competences (0..1).
Similarity = Callable[[CompetenceItem, CompetenceItem], float]


@dataclass(frozen=True)
class Aligned:
    """One competence, its partner on the other side (if any), the similarity and whether it counts."""

    competence: CompetenceItem
    partner: CompetenceItem | None
    score: float
    counted: bool  # False for a core task that only summarises work processes


def align(first: Sequence[CompetenceItem], second: Sequence[CompetenceItem],
          similarity: Similarity) -> tuple[tuple[Aligned, ...], tuple[Aligned, ...]]:
    """One-to-one alignment of *first* and *second*; both lists come back in their own order."""
    only_first, only_second = only_summaries(first), only_summaries(second)
    partner: dict[str, tuple[CompetenceItem, float]] = {}
    pairs = []
    for a in first:
        group = group_of(a, only_first)
        if group == "summary":
            continue
        for b in second:
            if group_of(b, only_second) == group and (score := similarity(a, b)) > 0:
                pairs.append((-score, a.id, b.id, a, b))
    for negative, _, _, a, b in sorted(pairs, key=lambda pair: pair[:3]):
        if a.id not in partner and b.id not in partner:
            partner[a.id] = (b, -negative)
            partner[b.id] = (a, -negative)

    def side(items: Sequence[CompetenceItem], only: bool) -> tuple[Aligned, ...]:
        found = []
        for item in items:
            other, score = partner.get(item.id, (None, 0.0))
            found.append(Aligned(item, other, score, group_of(item, only) != "summary"))
        return tuple(found)

    return side(first, only_first), side(second, only_second)
