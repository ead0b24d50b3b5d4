"""Fitting what a confidence means: a monotone map from a score to the precision observed on held-out pairs.

The calibrations of name evidence (``name_calibration`` and the ESCO pivot's in ``taxonomies/matching.yaml``)
are fitted here by ``benchmarks/fit_name_calibration.py``. Predictions (score, right or wrong) are sorted by
score and cut into blocks of at least *block* predictions (a block never splits one score; the predictions at
the highest score, such as identical names at 1, are a block of their own). Adjacent blocks whose precision
does not rise are pooled (isotonic regression by pooling adjacent violators; the precision is the rule of
succession, (right + 1) / (predictions + 2), so that no block claims certainty from a finite sample). Each
final block gives its precision to the whole span of its scores: a point at its lowest score and one at its
highest (where its lowest score rounds onto the block before, one rounding unit later: a step, not a ramp through the
block). Between blocks the map rises linearly.

>>> predictions = [(0.3, False)] * 9 + [(0.3, True)] + [(0.6, False)] * 6 + [(0.6, True)] * 4 + [(1.0, True)] * 9
>>> fit_points(predictions + [(1.0, False)], block=10)
((0.3, 0.167), (0.6, 0.417), (1.0, 0.833))
>>> fit_points([(0.2, False)] * 9 + [(0.25, True)] + [(0.5, False)] * 6 + [(0.7, True)] * 4 + [(0.9, True)], block=10)
((0.2, 0.167), (0.25, 0.167), (0.5, 0.417), (0.7, 0.417), (0.9, 0.667))

A block whose precision falls below the one before is pooled with it:

>>> fit_points([(0.2, True)] * 3 + [(0.2, False)] * 7 + [(0.5, True)] * 1 + [(0.5, False)] * 9, block=10)
((0.2, 0.227), (0.5, 0.227))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class _Block:
    low: float
    high: float
    right: int
    count: int

    @property
    def precision(self) -> float:
        """The rule of succession: (right + 1) / (count + 2)."""
        return (self.right + 1) / (self.count + 2)


def fit_points(predictions: Sequence[tuple[float, bool]], *, block: int = 30,
               decimals: int = 3) -> tuple[tuple[float, float], ...]:
    """(score, precision) points of the isotonic fit of *predictions*: the first rising strictly, the second
    never falling.

    :param predictions: (score, whether the prediction was right).
    :param block: predictions per block before pooling (a short last block joins the one before).
    :param decimals: the points are rounded to this many decimals.
    """
    ordered = sorted(predictions, key=lambda found: found[0])
    if not ordered:
        return ()
    top = ordered[-1][0]
    blocks: list[list[tuple[float, bool]]] = [[]]
    for found in ordered:
        current = blocks[-1]
        if current and (found[0] >= top > current[-1][0]
                        or (len(current) >= block and found[0] > current[-1][0])):
            blocks.append(current := [])
        current.append(found)
    if len(blocks) > 2 and len(blocks[-2]) < block // 2 and blocks[-1][0][0] >= top:
        short = blocks.pop(-2)  # a short block before the top one joins the one before it
        blocks[-2] += short
    elif len(blocks) > 1 and len(blocks[-1]) < block // 2 and blocks[-1][0][0] < top:
        blocks[-2] += blocks.pop()
    pooled: list[_Block] = []
    for members in blocks:
        current_block = _Block(members[0][0], members[-1][0], sum(right for _, right in members), len(members))
        while pooled and pooled[-1].precision >= current_block.precision:
            previous = pooled.pop()
            current_block = _Block(previous.low, current_block.high, previous.right + current_block.right,
                                   previous.count + current_block.count)
        pooled.append(current_block)
    points: list[tuple[float, float]] = []
    unit = 10 ** -decimals
    for found_block in pooled:
        precision = round(found_block.precision, decimals)
        starts = bool(points)  # a block after another: its low edge is a step up
        for edge in (found_block.low, found_block.high):
            score = round(edge, decimals)
            if starts and score <= points[-1][0]:
                # the block's low edge rounds onto the block before: its step one unit later, never a ramp
                score = round(points[-1][0] + unit, decimals)
                if score > 1:
                    points[-1] = (points[-1][0], precision)
                    continue
            starts = False
            if not points or score > points[-1][0]:
                points.append((score, precision))
    return tuple(points)
