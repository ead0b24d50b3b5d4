"""A pickled lexicon (inside every prepared search index and translator) reads back the same analyses: words
packed as one string each, and the rare word that does not fit that form as tuples."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from competence_bridge.language.lexicon import Lexicon
from competence_bridge.language.word_units import Unit, Word, pack, unpack

TITLES = ["verwarmingsmonteur", "toneelmeester", "kinesitherapeut", "verpleegkundige", "inspiciente", "persen",
          "draadtrekmachine", "kassierster", "kapster", "lasser"]


def test_every_analysed_word_reads_back_the_same() -> None:
    lexicon = Lexicon.from_texts(["Installeert en onderhoudt centrale verwarming."], titles=TITLES, eager=True)
    analysed = {surface: lexicon.word(surface) for surface in lexicon.surfaces()}
    lexicon.freeze()
    copy = pickle.loads(pickle.dumps(lexicon))
    assert {surface: copy.word(surface) for surface in analysed} == analysed
    assert sorted(copy.surfaces()) == sorted(analysed)


def test_named_words_pack_as_one_string() -> None:
    assert pack(Word("lasser", (Unit("laser", "lasser"),))) == "0laser\x1flasser\x1f"
    compound = Word("toneelmeester", (Unit("tonel", "toneel"), Unit("mester", "meester", ("-e", "-er"))),
                    ("toneel", "meester"))
    assert pack(compound) == "1tonel\x1ftoneel\x1f\x1emester\x1fmeester\x1f-e\x1d-er"
    odd = Word("kinesist", (Unit("kinesitherapeut", "kinesist", ("-ist",)),), ("kine", "sist"))
    assert pack(odd) == ("kinesist", (("kinesitherapeut", "kinesist", ("-ist",)),), ("kine", "sist"))


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8)
_RULES = st.lists(_TEXT | st.just(""), max_size=3).map(tuple)


@settings(max_examples=200)
@given(_TEXT, st.lists(st.tuples(_TEXT, _TEXT, _RULES), min_size=1, max_size=3),
       st.sampled_from(("none", "surfaces", "other")))
def test_pack_then_unpack_is_the_word(surface: str, units: list, split: str) -> None:
    unit_tuple = tuple(Unit(key, written, rules) for key, written, rules in units)
    split_tuple = {"none": (), "surfaces": tuple(unit.surface for unit in unit_tuple), "other": ("x", surface)}[split]
    word = Word(surface, unit_tuple, split_tuple)
    assert unpack(surface, pack(word)) == word
