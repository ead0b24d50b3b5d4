"""Fitting a calibration's points (:func:`competence_bridge.matching.calibration.fit_points`): named cases, among
them the two the first version got wrong, and the properties every fit must have."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from competence_bridge.curated.matching_settings import Calibration
from competence_bridge.matching.calibration import fit_points

F, T = False, True


def test_a_short_block_before_the_top_one_joins_the_block_before_it_once() -> None:
    # blocks of 4: [0.1 0.2 0.3 0.4] [0.5] [1.0]; the short [0.5] joins the first block (5 predictions, 1 right:
    # 2/7 by the rule of succession); the first version raised IndexError with exactly three blocks.
    assert fit_points([(0.1, F), (0.2, F), (0.3, T), (0.4, F), (0.5, F), (1.0, T)], block=4) == (
        (0.1, 0.286), (0.5, 0.286), (1.0, 0.667))
    # [0.1 .. 0.4] [0.45 .. 0.7] [0.8] [1.0]: [0.8] joins [0.45 .. 0.7] (5 predictions, 1 right), which pools with
    # the first block (9, 2 right: 3/11). The first version stored the joined block in the first block's place:
    # the first block lost, the joined one counted twice ((0.45, 0.25), (0.8, 0.25), (1.0, 0.667)).
    assert fit_points([(0.1, F), (0.2, F), (0.3, T), (0.4, F), (0.45, F), (0.5, F), (0.6, F), (0.7, T), (0.8, F),
                       (1.0, T)], block=4) == ((0.1, 0.273), (0.8, 0.273), (1.0, 0.667))


def test_a_block_whose_low_score_rounds_onto_the_block_before_steps_one_unit_later() -> None:
    # 0.8341 and 0.8344 both round to 0.834: the better block starts at 0.835, a step, not a ramp from 0.834 to
    # 0.95 through the worse block's precision (the first version dropped the better block's low point).
    predictions = [(0.5, F), (0.6, F), (0.8341, T), (0.8344, T), (0.9, T), (0.95, T)]
    assert fit_points(predictions, block=3) == ((0.5, 0.4), (0.834, 0.4), (0.835, 0.8), (0.95, 0.8))


def test_a_step_at_the_top_of_the_scale_lifts_the_last_point() -> None:
    # the worse block ends at 0.9996 and the better one starts at 0.9998, both 1.0 when rounded: no room for a
    # step, so the point at 1.0 takes the better block's precision (the first version kept the worse one's)
    predictions = [(0.5, F)] * 2 + [(0.5, T)] + [(0.9996, F)] * 3 + [(0.9998, T)] * 3 + [(1.0, T)] * 3
    assert fit_points(predictions, block=3) == ((0.5, 0.25), (1.0, 0.875))


def test_nothing_to_fit_gives_no_points() -> None:
    assert fit_points([]) == ()


@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), min_size=2, max_size=200),
       st.integers(1, 40), st.integers(1, 4))
def test_every_fit_is_a_valid_monotone_map_below_certainty(predictions: list[tuple[float, bool]], block: int,
                                                          decimals: int) -> None:
    points = fit_points(predictions, block=block, decimals=decimals)
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    assert all(a < b for a, b in zip(xs, xs[1:]))
    assert all(a <= b for a, b in zip(ys, ys[1:]))
    assert all(0 < y < 1 for y in ys) or decimals == 1  # (right + 1) / (n + 2) can round to 0 or 1 at 1 decimal
    assert 0 <= xs[0] and xs[-1] <= 1
    if len(points) >= 2:
        Calibration(points=points, fitted_on="property")
