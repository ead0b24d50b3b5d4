"""Competence similarity by words and spelling (``Translator.use_spelling``): named cases, its settings, properties.

Word overlap stays the default (``competence_words.used: false``); every test here that needs the mix asks
for it on a translator of its own.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import competence_bridge
from competence_bridge.curated.matching_settings import StatementWordSettings
from competence_bridge.matching.lexical import statement_similarity
from competence_bridge.matching.settings import shipped
from competence_bridge.matching.statement_words import StatementCorpus, cosine, matching_text
from competence_bridge.matching.translate import Translator
from competence_bridge.rdf.items import CompetenceItem

SETTINGS = shipped()[0]

#: Curated pairs whose statements the named outcomes walk (source, target).
PAIRS = (("vl:job.programmeur", "nl:job.software-developer"), ("vl:job.magazijnier", "nl:job.logistiek-medewerker"),
         ("vl:job.sanitair-installateur", "nl:job.loodgieter"), ("vl:job.onderhoudstechnieker",
                                                                 "nl:job.onderhoudsmonteur"))


@pytest.fixture(scope="module")
def spelled() -> Any:
    bridge = competence_bridge.load(cache=False)
    bridge.translator.use_spelling()
    return bridge


def closest(translator: Translator, bridge: Any, source: str, target: str) -> list[tuple[str, str, float]]:
    """Each counted statement of *source*: its closest statement of *target* and the score, rounded."""
    found = []
    others = [c for c in bridge.item(target).competences if c.kind != "task"]
    for competence in bridge.item(source).competences:
        if competence.kind == "task":
            continue
        score, partner = max((translator.competence_similarity(competence, other), other.id) for other in others)
        found.append((competence.id, partner, round(score, 2)))
    return found


def test_word_overlap_is_the_default(bridge) -> None:
    translator = bridge.translator
    a, b = bridge.item("vl:job.magazijnier").competences[0], bridge.item("nl:job.logistiek-medewerker").competences[0]
    assert SETTINGS.competence_words.used is False
    assert translator.competence_similarity(a, b) == statement_similarity(translator.competence_keys(a),
                                                                          translator.competence_keys(b))


def test_spelling_finds_the_programming_statement_word_overlap_misses(bridge, spelled) -> None:
    """'Ontwikkelt toepassingen in een objectgeoriënteerde programmeertaal' shares no key with 'Realiseert
    software in programmeertalen' that word overlap credits, and overlap picks the agile team instead."""
    source = "vl:ok-graduaat-programmeren.c01"  # the job profile borrows its qualification's statements
    by_overlap = {row[0]: row[1] for row in closest(bridge.translator, bridge, *PAIRS[0])}
    by_spelling = {row[0]: row[1:] for row in closest(spelled.translator, spelled, *PAIRS[0])}
    assert by_overlap[source] == "nl:crebo-25998.w06"  # 'Werkt samen in een agile ontwikkelteam'
    assert by_spelling[source] == ("nl:crebo-25604.w03", 0.26)  # 'Realiseert (onderdelen van) software in ...'



def test_named_statements_on_the_shipped_scale(spelled) -> None:
    translator = spelled.translator
    statements = translator.table.competences
    toestellen = next(c for c in statements.values() if c.text.startswith("Plaatst sanitaire toestellen"))
    monteert = statements["nl:crebo-25350.w03"]
    assert (toestellen.text, monteert.text) == ("Plaatst sanitaire toestellen zoals lavabo's, douches, toiletten en "
                                                "boilers", "Monteert sanitaire toestellen")
    assert round(translator.competence_similarity(toestellen, monteert), 2) == 0.54
    assert translator.competence_similarity(toestellen, toestellen) == pytest.approx(1.0)


def test_a_gap_report_by_spelling_calls_covered_what_reaches_the_threshold(spelled) -> None:
    report = spelled.compare("vl:job.magazijnier", "nl:job.logistiek-medewerker")
    matches = [m for m in (*report.a_in_b, *report.b_in_a) if m.counted]
    assert matches and all(m.covered == (m.score >= SETTINGS.competence_threshold) for m in matches)
    assert sum(m.covered for m in matches) == 8


def _outcomes(bridge: Any, settings_: Any) -> list[tuple[str, str, float]]:
    translator = bridge.translator
    kept = translator.settings
    translator.settings = settings_
    try:
        return [row for pair in PAIRS for row in closest(translator, bridge, *pair)]
    finally:
        translator.settings = kept


def _changed(path: str, value: Any) -> Any:
    words = SETTINGS.competence_words.model_copy(update={path: value})
    return SETTINGS.model_copy(update={"competence_words": StatementWordSettings.model_validate(words.model_dump())})


@pytest.mark.parametrize(("path", "value"), [
    ("word_weight", 0.3 * 0.8), ("word_weight", 0.3 * 1.25), ("floor", 0.031 * 0.8), ("floor", 0.031 * 1.25),
    ("covered", 0.33 * 0.8), ("covered", 0.33 * 1.25), ("gram_sizes", (3,)), ("used", True)])
def test_every_constant_changes_a_named_outcome(spelled, bridge, path: str, value: Any) -> None:
    """Each constant ×0.8 and ×1.25 (and the n-gram sizes) changes a closest partner or a score of the named pairs;
    ``used`` makes the default translator compare by spelling."""
    if path == "used":
        assert _outcomes(bridge, _changed(path, value)) == _outcomes(spelled, SETTINGS)
        assert _outcomes(bridge, SETTINGS) != _outcomes(spelled, SETTINGS)
        return
    assert _outcomes(spelled, _changed(path, value)) != _outcomes(spelled, SETTINGS)


@pytest.mark.parametrize(("update", "message"), [
    ({"floor": 0.4}, "floor (0.4) must lie below covered (0.33)"),
    ({"gram_sizes": [2, 2]}, "gram_sizes ([2, 2]) must be distinct lengths from 1 to 8"),
    ({"gram_sizes": [0, 3]}, "gram_sizes ([0, 3]) must be distinct lengths from 1 to 8"),
])
def test_bad_settings_are_refused_with_their_reason(update: dict[str, Any], message: str) -> None:
    data = {**SETTINGS.competence_words.model_dump(), **update}
    with pytest.raises(ValueError, match=re.escape(message)):
        StatementWordSettings.model_validate(data)


def test_statements_counted_twice_by_id_count_once(spelled) -> None:
    translator = spelled.translator
    corpus = translator.statements.corpus(translator.settings)
    size = corpus.size
    extra = CompetenceItem("test:extra", "test", "Beheert de sleutels van het magazijn", "skill", None, frozenset())
    translator.statements.add([extra, extra], translator.settings)
    translator.statements.add([extra], translator.settings)
    assert corpus.size == size + 1


_TEXT = st.text(st.sampled_from("abcdeéklmnoprstuz -'"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT, _TEXT)
def test_spelling_weights_and_cosines_stay_in_bounds(first: str, second: str, known: str) -> None:
    corpus = StatementCorpus((2, 3, 4))
    corpus.add(frozenset(known.split()), matching_text(known))
    a, b = corpus.vector(matching_text(first)), corpus.vector(matching_text(second))
    assert 0.0 <= cosine(a, b) <= 1.0
    assert cosine(a, b) == pytest.approx(cosine(b, a))
    if a:
        assert cosine(a, a) == pytest.approx(1.0)
    keys_a, keys_b = frozenset(first.split()), frozenset(second.split())
    assert 0.0 <= corpus.word_similarity(keys_a, keys_b) <= 1.0
