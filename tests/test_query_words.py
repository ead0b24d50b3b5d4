"""A frozen lexicon and analyser remember the words of recent queries, up to a cap, apart from their corpus.

One translation analyses its query again for every search the ESCO pivot makes and for every candidate it
scores: ``klantendienstmedewerker``, a long compound nothing knows, was split 235 times per translation.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competence_bridge.language import analyser as analyser_module
from competence_bridge.language import lexicon as lexicon_module
from competence_bridge.language.analyser import Analyser
from competence_bridge.language.lexicon import Lexicon

TITLES = ["klantendienst", "medewerker", "verwarmingsmonteur", "onderhoudstechnicus", "lasser"]
QUERY = "klantendienstmedewerkers"


def test_a_frozen_lexicon_splits_a_query_word_once_and_keeps_it_out_of_its_corpus() -> None:
    lexicon = Lexicon.from_texts([], titles=TITLES, eager=True)
    for title in TITLES:
        lexicon.analyse(title)
    lexicon.freeze()
    corpus = sorted(lexicon.surfaces())
    first = lexicon.word(QUERY)
    cuts = lexicon.cuts
    assert cuts and [unit.key for unit in first.units] == ["klantendienst", "medewerker"]
    assert lexicon.word(QUERY) == first and lexicon.cuts == cuts  # remembered, not split again
    assert sorted(lexicon.surfaces()) == corpus and QUERY not in lexicon.packed_words()
    copy = pickle.loads(pickle.dumps(lexicon))
    assert copy.word(QUERY) == first and copy.cuts > cuts  # a pickle holds no query: split again, alike


def test_the_words_of_queries_are_a_bounded_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = Lexicon.from_texts([], titles=TITLES, eager=True)
    lexicon.freeze()
    analyser = Analyser(lexicon)
    analyser.freeze()
    monkeypatch.setattr(lexicon_module, "_ASKED", 3)
    monkeypatch.setattr(analyser_module, "_ASKED", 3)
    queries = ["klantendienstlasser", "lasserklantendienst", "onderhoudslasser", "verwarmingslasser", QUERY]
    expected = [Analyser(Lexicon.from_texts([], titles=TITLES, eager=True)).units(query) for query in queries]
    for _ in range(2):
        assert [analyser.units(query) for query in queries] == expected
        assert len(analyser._asked) <= 3 and len(lexicon._asked) <= 3


def test_a_frozen_analyser_asks_its_lexicon_once_per_query_word(monkeypatch: pytest.MonkeyPatch) -> None:
    analyser = Analyser.from_texts([], titles=TITLES)
    analyser.freeze(TITLES)
    asked: list[str] = []
    word = analyser.lexicon.word  # type: ignore[union-attr]
    monkeypatch.setattr(analyser.lexicon, "word", lambda surface: asked.append(surface) or word(surface))
    keys = [analyser.word_keys(QUERY) for _ in range(3)]
    assert asked == [QUERY, "klantendienst"] and keys == [("klantendienst", "medewerker")] * 3
    monkeypatch.undo()
    assert QUERY in analyser._asked and not pickle.loads(pickle.dumps(analyser))._asked


_PARTS = st.sampled_from(["klant", "dienst", "medewerker", "verwarmings", "monteur", "onderhouds", "technicus",
                          "lasser", "en", "s", "xyz"])
_WORDS = st.lists(_PARTS, min_size=1, max_size=4).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12))
def test_remembered_query_words_read_as_if_analysed_afresh(queries: list[str]) -> None:
    """Whatever the order and the evictions (a memo of 2), a frozen analyser gives every word the analysis a fresh
    one gives it."""
    def frozen() -> Analyser:
        analyser = Analyser(Lexicon.from_texts([], titles=TITLES, eager=True))
        analyser.freeze(TITLES)
        return analyser

    remembering = frozen()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexicon_module, "_ASKED", 2)
        patch.setattr(analyser_module, "_ASKED", 2)
        for query in [*queries, *reversed(queries)]:
            assert remembering.units(query) == frozen().units(query)
            assert remembering.lexicon.word(query) == frozen().lexicon.word(query)  # type: ignore[union-attr]
