"""Fitting what a confidence means: a monotone map from a score to the precision observed on held-out pairs.

The translator's name-only confidence (``name_calibration`` in ``taxonomies/matching.yaml``) is fitted here
by ``benchmarks/fit_name_calibration.py``: predictions (score, right or wrong) are sorted by score, cut into
blocks of *block* predictions (those at the highest score, such as identical names at 1, are a block of their
own), and adjacent blocks whose precision does not rise are pooled (isotonic regression by pooling adjacent
violators). Each final block gives one point: its mean score and its precision by the rule of succession,
(right + 1) / (predictions + 2), so that no block claims certainty from a finite sample.

>>> predictions = [(0.3, False)] * 9 + [(0.3, True)] * 1 + [(0.6, False)] * 6 + [(0.6, True)] * 4 + [(1.0, True)] * 9
>>> fit_points(predictions + [(1.0, False)], block=10)
((0.3, 0.167), (0.6, 0.417), (1.0, 0.833))

A block whose precision falls below the one before is pooled with it:

>>> fit_points([(0.2, True)] * 3 + [(0.2, False)] * 7 + [(0.5, True)] * 1 + [(0.5, False)] * 9, block=10)
((0.35, 0.227),)
"""

from __future__ import annotations

from collections.abc import Sequence


def fit_points(predictions: Sequence[tuple[float, bool]], *, block: int = 30,
               decimals: int = 3) -> tuple[tuple[float, float], ...]:
    """(mean score, precision) points of the isotonic fit of *predictions*, rising in both.

    :param predictions: (score, whether the prediction was right).
    :param block: predictions per block before pooling (a short last block joins the one before).
    :param decimals: the points are rounded to this many decimals.
    """
    ordered = sorted(predictions, key=lambda found: found[0])
    top = ordered[-1][0] if ordered else 0.0
    exact = [found for found in ordered if found[0] >= top - 1e-9]
    rest = ordered[:len(ordered) - len(exact)]
    blocks = [rest[start:start + block] for start in range(0, len(rest), block)]
    if len(blocks) > 1 and len(blocks[-1]) < block // 2:
        blocks[-2] = blocks[-2] + blocks.pop()
    if exact:
        blocks.append(exact)
    pooled: list[tuple[float, float, int]] = []  # (sum of scores, number right, predictions)
    for found in blocks:
        current = (sum(score for score, _ in found), float(sum(right for _, right in found)), len(found))
        while pooled and pooled[-1][1] / pooled[-1][2] >= current[1] / current[2]:
            previous = pooled.pop()
            current = (previous[0] + current[0], previous[1] + current[1], previous[2] + current[2])
        pooled.append(current)
    return tuple((round(scores / count, decimals), round((right + 1) / (count + 2), decimals))
                 for scores, right, count in pooled)
