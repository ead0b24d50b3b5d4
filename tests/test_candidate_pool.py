"""The bound on candidates found by shared words alone (``lexical_pool`` in taxonomies/matching.yaml), on real data.

ESCO 1.2.0 and the VDAB and UWV tables are loaded (../shared/data; CI must run these): only a graph of that
size has more word-sharing candidates per query than the bound. At the shipped value the bound changes no
translation of the cases below; far below it, it does (so the value decides outcomes and is guarded).
"""

from __future__ import annotations

import random

import pytest
from conftest import shared_data

import competence_bridge
from competence_bridge.matching.settings import shipped

SETTINGS = shipped()[0]
TABLES = ("BLM_mapping.csv", "NL_mapping.csv")


@pytest.fixture(scope="module")
def bridge():
    """ESCO and both national occupation lists."""
    tables = [shared_data("eures-esco-mappings", name) for name in TABLES]
    return competence_bridge.load(esco=shared_data("esco-nl-1.2.0"), esco_mapping=tables)


def _cases(bridge) -> list[tuple[str, str]]:
    """Every curated item, the first 40 VDAB and UWV occupations by id, and 40 ESCO alternative labels as free
    text (seed 7), each with the side it translates to."""
    items = bridge.items.items
    curated = sorted(item_id for item_id, item in items.items() if item.region and item.kind != "occupation")
    national = [item_id for prefix in ("vdab:OP-", "uwv:")
                for item_id in sorted(item_id for item_id in items if item_id.startswith(prefix))[:40]]
    cases = [(item_id, "NL" if items[item_id].region == "BE-VLG" else "BE-VLG") for item_id in curated + national]
    labels = sorted(label for item in items.values() if item.region is None and item.kind == "occupation"
                    for label in item.alt_labels)
    return cases + [(label, "NL") for label in random.Random(7).sample(labels, 40)]


def _outcome(bridge, settings) -> dict[str, tuple[tuple[str, float], ...]]:
    translator, shipped_settings = bridge.translator, bridge.translator.settings
    translator.settings = settings
    try:
        return {query: tuple((c.target.id, round(c.confidence, 6)) for c in bridge.translate(query, to=to).candidates)
                for query, to in _cases(bridge)}
    finally:
        translator.settings = shipped_settings


def test_the_bound_changes_no_translation_at_its_value_and_decides_them_below_it(bridge):
    unbounded = _outcome(bridge, SETTINGS.model_copy(update={"lexical_pool": 10**9}))
    assert _outcome(bridge, SETTINGS) == unbounded
    tight = _outcome(bridge, SETTINGS.model_copy(update={"lexical_pool": 2}))
    assert [query for query in unbounded if tight[query] != unbounded[query]]


def test_a_common_word_scores_a_bounded_number_of_candidates(bridge, monkeypatch):
    """'medewerker' is in hundreds of names; at most ``lexical_pool`` with and without an ESCO anchor are scored."""
    translator = bridge.translator
    scored: list[str] = []
    score = translator.score
    monkeypatch.setattr(translator, "score", lambda pair, **kw: scored.append(pair.target.id) or score(pair, **kw))
    bridge.translate("medewerker", to="NL")
    sharing = [item for item in translator.side("NL").items if "medewerker" in item.label.casefold()]
    assert len(sharing) > 2 * SETTINGS.lexical_pool
    assert 0 < len(scored) <= 2 * SETTINGS.lexical_pool
