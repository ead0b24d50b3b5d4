"""The compact forms the large tables take (issue 14, memory) answer exactly as the plain forms they replaced:
the resolver's label index, a frozen lexicon's packed words, and the memos the lexicon no longer keeps."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competence_bridge.language import lexicon as lexicon_module
from competence_bridge.language.lexicon import Lexicon
from competence_bridge.language.rules import base_key
from competence_bridge.language.text import normalize
from competence_bridge.matching import resolve
from competence_bridge.matching.resolve import ItemResolver, LabelIndex
from competence_bridge.rdf.items import Item, ItemTable

TITLES = ["verwarmingsmonteur", "sprinklermonteur", "sprinklerinstallaties", "toneelmeester", "kinesitherapeut",
          "verpleegkundige", "kassierster", "kapster", "lasser", "montageleider", "leider montage", "havenlasser"]
TEXTS = ["Installeert en onderhoudt centrale verwarming.", "Last staal en aluminium in de haven."]


def plain_index(table: ItemTable) -> dict[str, list[tuple[int, Item]]]:
    """The dict of lists of (rank, item) the label index was before it became arrays."""
    found: dict[str, list[tuple[int, Item]]] = {}
    for item in table.items.values():
        ranks = {normalize(item.label): 0}
        for label in item.alt_labels:
            ranks.setdefault(normalize(label), 1)
        for key, rank in ranks.items():
            found.setdefault(key, []).append((rank, item))
    return found


_LABEL = st.sampled_from(["Lasser", "lasser", "Las-ser", "Kapster", "kapper", "Zorgkundige", "zorg kundige", "é"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_LABEL, st.lists(_LABEL, max_size=4)), min_size=1, max_size=8))
def test_the_label_index_answers_as_the_plain_dict(labelled: list[tuple[str, list[str]]]) -> None:
    table = ItemTable({f"x:{n}": Item(f"x:{n}", "occupation", None, label, alt)
                       for n, (label, alt) in enumerate(labelled)}, {})
    plain, index = plain_index(table), LabelIndex(table)
    for key in {*plain, "onbekend", ""}:
        assert index.get(key) == plain.get(key, [])


def test_a_hash_collision_never_mixes_two_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resolve, "_label_hash", lambda key: 7)  # every label in one run
    table = ItemTable({"a": Item("a", "occupation", None, "Lasser", ["kapper", "lasser"]),
                       "b": Item("b", "occupation", None, "Kapper", ["lasser", "kapster"]),
                       "c": Item("c", "job-profile", "NL", "Kapster", [])}, {})
    index = LabelIndex(table)
    assert [(rank, item.id) for rank, item in index.get("lasser")] == [(0, "a"), (1, "b")]
    assert [(rank, item.id) for rank, item in index.get("kapster")] == [(1, "b"), (0, "c")]
    assert index.get("zorgkundige") == []
    assert ItemResolver(table, index).resolve("KAPPER").id == "b"


def test_a_pickled_label_index_answers_the_same() -> None:
    table = ItemTable({"a": Item("a", "occupation", None, "Lasser", ["Las-ser"])}, {})
    index = pickle.loads(pickle.dumps(LabelIndex(table)))
    assert [(rank, item.id) for rank, item in index.get("las ser")] == [(1, "a")]


def test_a_frozen_lexicon_keeps_its_words_packed_and_analyses_them_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = Lexicon.from_texts(TEXTS, titles=TITLES, eager=True)
    analysed = {surface: word for text in [*TEXTS, *TITLES] for surface, word in
                zip(lexicon_module.words(text), lexicon.analyse(text), strict=True)}
    surfaces = sorted(lexicon.surfaces())
    lexicon.freeze()
    assert not lexicon._words and sorted(lexicon._packed) == surfaces == sorted(lexicon.surfaces())
    monkeypatch.setattr(lexicon_module, "_UNPACKED", 3)
    for _ in range(2):
        assert {surface: lexicon.word(surface) for surface in analysed} == analysed
        assert len(lexicon._words) <= 3  # a bounded memo of unpacked words, no more
    assert sorted(lexicon.surfaces()) == surfaces
    copy = pickle.loads(pickle.dumps(lexicon))
    assert {surface: copy.word(surface) for surface in analysed} == analysed and sorted(copy.surfaces()) == surfaces


def test_a_lexicon_analyses_without_its_dropped_memos_as_a_fresh_one_does() -> None:
    one = Lexicon.from_texts(TEXTS, titles=TITLES, eager=True)
    first = [one.analyse(title) for title in TITLES]
    assert [one.analyse(title) for title in TITLES] == first  # from the memos
    other = Lexicon.from_texts(TEXTS, titles=TITLES, eager=True)
    assert [other.analyse(title) for title in reversed(TITLES)][::-1] == first  # another order, no shared memo


def test_learning_modifiers_leaves_the_shared_key_cache_alone() -> None:
    titles = {"sprinklermonteur", "sprinklerinstallaties", "zzqwxmonteur", "zzqwxinstallaties", "zzqwxzzqwy"}
    frequencies = lexicon_module._frequencies(lexicon_module.Counter(["monteur", "installaties", "sprinkler"]))
    before = base_key.cache_info().currsize
    learned = lexicon_module._learned_modifiers(titles, frequencies, 40)
    assert base_key.cache_info().currsize == before
    assert learned == {base_key("zzqwx"): 2}  # sprinkler is known; an unknown word before two known heads is learnt
