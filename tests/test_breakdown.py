"""The confidence breakdown: every signal's contribution and every factor, as data and as one explanation line."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from competence_bridge.matching.breakdown import FACTOR_NAMES, SIGNAL_NAMES, ConfidenceBreakdown
from competence_bridge.matching.signals import SIGNALS


def test_zorgkundige_to_verzorgende_ig_says_how_its_confidence_was_reached(bridge) -> None:
    first = bridge.translate("vl:bk-zorgkundige", to="NL").candidates[0]
    assert first.target.id == "nl:crebo-25656"
    assert first.explanation[-1] == (
        "Zekerheid volgens de signalen: naam 0,27 (1,00 × 0,35/1,30) + termenlaag 0,09 (0,80 × 0,15/1,30) + "
        "ESCO-beroep 0,00 (0,00 × 0,30/1,30) + ISCO-groep 0,08 (1,00 × 0,10/1,30) + competenties 0,03 "
        "(0,11 × 0,40/1,30) = 0,47; × 0,85 niveauverschil = 0,40.")
    assert first.explanation_en[-1].startswith("Confidence from the signals: name 0.27 (1.00 × 0.35/1.30) + ")
    assert first.breakdown is not None and first.breakdown.value == first.confidence


def test_every_candidate_of_every_curated_item_has_its_confidence_from_its_breakdown(bridge) -> None:
    for item in bridge.items.items.values():
        if item.region is None:
            continue
        for candidate in bridge.translator.translate(item, "NL" if item.region == "BE-VLG" else "BE-VLG").candidates:
            breakdown = candidate.breakdown
            assert breakdown is not None
            assert candidate.confidence == breakdown.value
            assert [name for name, _weight, _score in breakdown.parts] == list(candidate.signals)
            assert math.isclose(sum(breakdown.contribution(name) for name in candidate.signals), breakdown.mean)


def test_every_signal_and_factor_has_a_name_in_both_languages() -> None:
    assert {signal.name for signal in SIGNALS} == set(SIGNAL_NAMES)
    assert set(FACTOR_NAMES) == {"weak-lexical", "level", "false-friend", "no-recognition"}


_SHARE = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(st.lists(st.tuples(st.sampled_from(sorted(SIGNAL_NAMES)), st.floats(0.01, 1), _SHARE), min_size=1,
                max_size=6, unique_by=lambda part: part[0]),
       st.lists(st.tuples(st.sampled_from(sorted(FACTOR_NAMES)), _SHARE), max_size=4))
def test_the_value_is_the_weighted_mean_times_the_factors(parts, factors) -> None:
    breakdown = ConfidenceBreakdown(tuple(parts), tuple(factors))
    mean = sum(weight * score for _name, weight, score in parts) / sum(weight for _name, weight, _score in parts)
    assert math.isclose(breakdown.value, min(mean * math.prod(f for _n, f in factors), 1.0), abs_tol=1e-12)
    assert 0 <= breakdown.value <= 1
    line = breakdown.explain("nl")
    assert line.startswith("Zekerheid volgens de signalen: ") and line.endswith(".")
    assert line.count(" + ") == len(parts) - 1 and line.count("× ") == len(parts) + len(factors)
