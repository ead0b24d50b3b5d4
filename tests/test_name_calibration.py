"""The name-only calibration: what a confidence resting on the name alone means, fitted on gold set (a) train.

The shipped points (and the ESCO pivot's, whose named cases are in tests/test_pivot.py) are exactly what
``benchmarks/fit_name_calibration.py`` fits on the official occupation pairs (a change to the lexical signal or
to search that moves them fails here until they are refitted); named cases show that the calibration decides
rankings and relations; the map is validated and monotone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_data
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from competence_bridge.curated.matching_settings import Calibration
from competence_bridge.matching.settings import shipped

SHIPPED = shipped()[0].name_calibration
IDENTITY = Calibration(points=((0.0, 0.0), (1.0, 1.0)), fitted_on="identity")


def _translate(bridge: Any, source: str, calibration: Calibration = SHIPPED) -> list[tuple[str, float, str]]:
    translator = bridge.translator
    settings = translator.settings
    translator.settings = settings.model_copy(update={"name_calibration": calibration})
    try:
        item = bridge.items.items[source]
        candidates = translator.translate(item, "NL" if item.region == "BE-VLG" else "BE-VLG").candidates
    finally:
        translator.settings = settings
    return [(c.target.id, round(c.confidence, 2), c.predicate) for c in candidates]


def test_a_name_alone_is_said_to_be_weak_evidence(bridge) -> None:
    second = bridge.translator.translate(bridge.items.items["vl:job.logistiek-assistent-zorg"], "NL").candidates[1]
    assert (second.target.id, second.predicate) == ("nl:job.zorghulp", "skos:relatedMatch")
    assert second.explanation[-1] == (
        "Zekerheid volgens de signalen: naam 0,59 (0,76 × 0,35/0,45) + ISCO-groep 0,00 (0,00 × 0,10/0,45) = 0,59; "
        "alleen de naam als bewijs, geijkt op officiële paren: 0,59 → 0,22.")
    assert second.explanation_en[-1].endswith(
        "the name as the only evidence, calibrated on official pairs: 0.59 → 0.22.")
    assert second.to_dict()["breakdown"]["raw"] == 0.5949
    assert second.to_dict()["breakdown"]["calibrated"] == second.to_dict()["confidence"] == 0.219


def test_the_calibration_puts_shared_evidence_above_a_shared_word(bridge) -> None:
    # Zorghulp and logistiek assistent in de zorg share only 'zorg'; zorgkundige shares the ISCO group and the
    # Flemish verzorgende the term verzorgende → helpende (zorghulp's 'helpende instelling').
    assert _translate(bridge, "nl:job.zorghulp") == [
        ("vl:job.zorgkundige", 0.48, "skos:relatedMatch"),
        ("vl:job.verzorgende", 0.44, "skos:relatedMatch"),
        ("vl:job.logistiek-assistent-zorg", 0.22, "skos:relatedMatch")]
    assert _translate(bridge, "nl:job.zorghulp", IDENTITY)[0] == (
        "vl:job.logistiek-assistent-zorg", 0.59, "skos:closeMatch")


def test_the_points_decide_a_named_case(bridge) -> None:
    lowered = Calibration(points=tuple((x, y * 0.8) for x, y in SHIPPED.points), fitted_on="×0.8")
    raised = Calibration(points=tuple((x, min(1.0, y * 1.25)) for x, y in SHIPPED.points), fitted_on="×1.25")
    base = _translate(bridge, "nl:job.mbo-verpleegkundige")
    assert base == [("vl:job.gegradueerd-verpleegkundige", 0.95, "skos:closeMatch"),
                    ("vl:job.verpleegkundige", 0.26, "skos:relatedMatch")]
    assert _translate(bridge, "nl:job.mbo-verpleegkundige", lowered)[1] == (
        "vl:job.verpleegkundige", 0.2, "skos:relatedMatch")
    assert _translate(bridge, "nl:job.mbo-verpleegkundige", raised)[1] == (
        "vl:job.verpleegkundige", 0.32, "skos:relatedMatch")


def test_minimum_confidence_reads_the_signals_not_the_calibration(bridge) -> None:
    # 0.13 lies below minimum_confidence (0.2); the signals' 0.47 does not, so the candidate stays listed.
    assert ("vl:job.technieker-mechatronica", 0.13, "skos:relatedMatch") in _translate(
        bridge, "nl:job.monteur-mechatronica")


@pytest.mark.parametrize(("points", "message"), [
    (((0.2, 0.1),), "points\n  Tuple should have at least 2 items after validation, not 1"),
    (((0.5, 0.1), (0.4, 0.2)), "Value error, points must rise strictly in their first value: 0.4 follows 0.5"),
    (((0.2, 0.3), (0.4, 0.2)), "Value error, points must never fall in their second value: 0.2 follows 0.3"),
    (((0.2, 1.3), (0.4, 1.4)), "points.0.1\n  Input should be less than or equal to 1"),
])
def test_bad_points_are_refused_with_the_reason(points: Any, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Calibration(points=points, fitted_on="test")
    assert message in str(caught.value)


@given(st.lists(st.tuples(st.floats(0.01, 1), st.floats(0, 1)), min_size=2, max_size=8),
       st.floats(0, 1), st.floats(0, 1))
@example([(0.5625, 0.0), (0.46486164432008775, 0.19921875)], 1.0, 0.5625)  # rounding once gave 0.19921875000000003
@example([(1.0, 8.376713441316012e-184), (0.103515625, 8.376713441316012e-184)], 1.0, 0.103515625)  # y·x/x passed y
def test_the_map_is_monotone_within_bounds_and_passes_through_its_points(
        raw_points: list[tuple[float, float]], a: float, b: float) -> None:
    xs = sorted({x for x, _ in raw_points})
    ys = sorted(y for _, y in raw_points)[:len(xs)]
    if len(xs) < 2:
        return
    calibration = Calibration(points=tuple(zip(xs, ys, strict=True)), fitted_on="property")
    low, high = sorted((a, b))
    assert 0 <= calibration.calibrate(low) <= calibration.calibrate(high) <= 1
    for x, y in calibration.points:
        assert calibration.calibrate(x) == pytest.approx(y)


def test_the_shipped_points_of_every_map_are_the_fit_on_gold_set_a_train() -> None:
    shared_data("esco-nl-1.2.0")
    shared_data("eures-esco-mappings", "BLM_mapping.csv")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import fit_name_calibration
    finally:
        sys.path.pop(0)
    bridge = fit_name_calibration.load_bridge()
    pivot = shipped()[0].esco_pivot
    assert fit_name_calibration.fitted(bridge) == (SHIPPED.points, pivot.calibration.points,
                                                   pivot.direct_calibration.points,
                                                   pivot.direct_calibration_narrower.points,
                                                   pivot.row_calibration.points,
                                                   pivot.row_calibration_narrower.points,
                                                   pivot.merged_calibration.points,
                                                   pivot.below_row_calibration.points)
    for calibration in (SHIPPED, pivot.calibration, pivot.direct_calibration, pivot.direct_calibration_narrower,
                        pivot.row_calibration, pivot.row_calibration_narrower, pivot.merged_calibration,
                        pivot.below_row_calibration):
        assert "gold set (a), train split" in calibration.fitted_on
