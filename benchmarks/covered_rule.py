"""The rule a "covered" point is read off by: the lowest score at which the closest candidate is gold often enough.

Shared by benchmarks/fit_competence_embedding.py and benchmarks/fit_competence_words.py.
"""

from __future__ import annotations

from collections.abc import Sequence


def covered_point(best: Sequence[tuple[float, bool, bool]], cuts: Sequence[float], *, name: str,
                  shown: Sequence[float] | None = None, precision_needed: float = 0.7) -> float | None:
    """Print precision, recall and 'covered when absent' per cut, and return the lowest cut reaching *precision_needed*.

    *best* holds per candidate list (score of its closest candidate, whether that one is gold, whether gold was
    offered); *shown* limits the printed rows (the chosen cut is always printed).
    """
    print(f"{name:>7} {'precision':>9} {'recall':>7} {'covered when absent':>20}")
    offered_total = sum(offered for _, _, offered in best)
    absent_total = sum(not offered for _, _, offered in best)
    covered = None
    for cut in cuts:
        chosen = [(gold, offered) for score, gold, offered in best if score >= cut]
        if not chosen:
            break
        precision = sum(gold for gold, _ in chosen) / len(chosen)
        recall = sum(gold for gold, _ in chosen) / offered_total
        absent = sum(not offered for _, offered in chosen) / absent_total
        first = covered is None and precision >= precision_needed
        if shown is None or cut in shown or first:
            print(f"{cut:>7.3f} {precision:>9.3f} {recall:>7.3f} {absent:>20.3f}")
        if first:
            covered = cut
    return covered
