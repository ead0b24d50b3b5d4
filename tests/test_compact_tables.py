"""The compact forms the large tables take (issue 14, memory) answer exactly as the plain forms they replaced:
the resolver's label index, a frozen lexicon's packed words, the memos the lexicon no longer keeps, and the
spelling index's weights worked out from counts."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competence_bridge.language import lexicon as lexicon_module
from competence_bridge.language import trigrams as trigrams_module
from competence_bridge.language.lexicon import Lexicon
from competence_bridge.language.rules import base_key
from competence_bridge.language.text import fold, normalize
from competence_bridge.language.trigrams import Trigrams
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
        for label in item.hidden_labels:
            ranks.setdefault(normalize(label), 2)
        for key, rank in ranks.items():
            found.setdefault(key, []).append((rank, item))
    return found


_LABEL = st.sampled_from(["Lasser", "lasser", "Las-ser", "Kapster", "kapper", "Zorgkundige", "zorg kundige", "é"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_LABEL, st.lists(_LABEL, max_size=4), st.lists(_LABEL, max_size=2)), min_size=1,
                max_size=8))
def test_the_label_index_answers_as_the_plain_dict(labelled: list[tuple[str, list[str], list[str]]]) -> None:
    table = ItemTable({f"x:{n}": Item(f"x:{n}", "occupation", None, label, alt, hidden)
                       for n, (label, alt, hidden) in enumerate(labelled)}, {})
    plain, index = plain_index(table), LabelIndex(table)
    for key in {*plain, "onbekend", ""}:
        assert index.get(key, hidden=True) == plain.get(key, [])
        assert index.get(key) == [(rank, item) for rank, item in plain.get(key, []) if rank < 2]


def test_a_hidden_label_is_found_only_when_asked_for() -> None:
    table = ItemTable({"a": Item("a", "occupation", None, "voorman metselaar", ["metser"]),
                       "b": Item("b", "occupation", None, "metselaar", [], ["metser"])}, {})
    resolver = ItemResolver(table)
    assert [(rank, item.id) for rank, item in resolver.named("Metser")] == [(1, "a")]
    assert [(rank, item.id) for rank, item in resolver.named("Metser", hidden=True)] == [(1, "a"), (2, "b")]
    assert resolver.resolve("metser").id == "a"  # resolving a name never reads hidden labels


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


def test_two_forms_of_one_head_do_not_teach_a_modifier() -> None:
    # galeriehouder and galeriehoudster end in one head (houder): before, the fragment 'galerieh' was learnt from
    # them (before 'ouder' and 'oudster'), and 'Gastouder' read as ≈ 'Galeriehouder' through it
    frequencies = lexicon_module._frequencies(lexicon_module.Counter(["houder", "houdster", "ouder", "monteur"]))
    one_head = lexicon_module._learned_modifiers({"galeriehouder", "galeriehoudster"}, frequencies, 40)
    assert one_head == {}
    two_heads = lexicon_module._learned_modifiers({"zzqwxhouder", "zzqwxmonteur"}, frequencies, 40)
    assert two_heads == {base_key("zzqwx"): 2}


def plain_trigrams(texts: list[str]) -> tuple[list[dict[str, float]], dict[str, list[int]]]:
    """The TF-IDF vectors of *texts* as dicts, and the texts of each gram, ascending: what the arrays stand for."""
    counted = [trigrams_module._counts(text) for text in texts]
    df: dict[str, int] = {}
    for counts in counted:
        for gram in counts:
            df[gram] = df.get(gram, 0) + 1
    vectors = []
    for counts in counted:
        weights = {gram: (1 + math.log(n)) * (math.log((1 + len(texts)) / (1 + df[gram])) + 1)
                   for gram, n in counts.items()}
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        vectors.append({gram: value / norm for gram, value in weights.items()})
    return vectors, {gram: [n for n, counts in enumerate(counted) if gram in counts] for gram in df}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdeklmnors -", max_size=24), min_size=1, max_size=12), st.integers(1, 5))
def test_the_spelling_index_holds_the_plain_vectors(texts: list[str], block: int) -> None:
    folded = [fold(text) for text in texts]
    with pytest.MonkeyPatch.context() as patch:  # tiny blocks: norms and the by-gram sort cross block bounds
        patch.setattr(trigrams_module, "_TEXTS", block)
        patch.setattr(trigrams_module, "_ENTRIES", block)
        model = Trigrams(folded)
    vectors, texts_of = plain_trigrams(folded)
    names = {number: gram for gram, number in model.grams.items()}
    for number, vector in enumerate(vectors):
        start, end = int(model.indptr[number]), int(model.indptr[number + 1])
        weights = model.weights(np.arange(start, end), np.full(end - start, number)).tolist()
        found = {names[gram]: weight for gram, weight in zip(model.indices[start:end].tolist(), weights, strict=True)}
        assert found == pytest.approx(vector, rel=1e-12) and list(found) == list(vector)
    for gram, number in model.grams.items():
        rows = model.column_rows[model.column_ptr[number]:model.column_ptr[number + 1]].tolist()
        assert rows == texts_of[gram]
        counts = model.column_counts[model.column_ptr[number]:model.column_ptr[number + 1]].tolist()
        assert counts == [int(model.counts[model.indptr[row]:model.indptr[row + 1]][
            model.indices[model.indptr[row]:model.indptr[row + 1]] == number][0]) for row in rows]
    assert model.indices.dtype == np.uint16 and model.counts.dtype == np.uint8


def test_a_count_over_255_and_over_65536_grams_keep_their_values() -> None:
    many = " ".join(["aa"] * 300)  # " aa" and "aa " 300 times each: counts a byte cannot hold
    model = Trigrams([many, "ab"])
    assert model.counts.dtype == np.int32 and sorted(model.counts.tolist()) == [1, 1, 300, 300]
    assert model.count_weights[300] == 1 + math.log(300)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789éèëêïö"  # 42^3 grams and more: numbers past 2 bytes
    words = [a + b + c for a in letters for b in letters for c in letters]
    big = Trigrams([" ".join(words[start:start + 500]) for start in range(0, len(words), 500)] + ["abc"])
    assert len(big.grams) > 0xFFFF and big.indices.dtype == np.int32
    assert big.nearest(big.vector("abc"), 2) == [len(big) - 1, 0]


def test_items_without_eqf_levels_share_one_empty_set_that_cannot_change(bridge) -> None:
    table = bridge.items
    empty = [item for item in table.items.values() if not item.eqf]
    with_eqf = [item for item in table.items.values() if item.eqf]
    assert len(empty) > 1 and with_eqf and len({id(item.eqf) for item in empty}) == 1
    assert empty[0].eqf == set() and not isinstance(empty[0].eqf, set)  # equal to an empty set, and immutable
    assert all(isinstance(item.eqf, set) for item in with_eqf)
    with pytest.raises(AttributeError):
        empty[0].eqf.add(4)  # type: ignore[attr-defined]


def test_items_share_their_empty_lists_and_single_isco_groups_which_cannot_change(bridge) -> None:
    items = list(bridge.items.items.values())
    for name in ("hidden_labels", "levels", "competences", "competences_from", "official"):
        empty = [getattr(item, name) for item in items if not getattr(item, name)]
        assert len(empty) > 1 and len({id(value) for value in empty}) == 1, name
        assert empty[0] == [] and isinstance(empty[0], list)  # equal to [], a list to every reader
        with pytest.raises(TypeError):
            empty[0].append("x")
        with pytest.raises(TypeError):
            empty[0] += ["x"]
    assert any(item.levels for item in items) and any(item.competences for item in items)
    single = [item for item in items if len(item.isco) == 1]
    by_code: dict[str, set[int]] = {}
    for item in single:
        by_code.setdefault(next(iter(item.isco)), set()).add(id(item.isco))
    assert max(len(found) for found in by_code.values()) == 1 and any(len(item.isco) > 1 for item in items)
    assert len(single) > len(by_code)  # some codes are shared by several items
    with pytest.raises(AttributeError):
        single[0].isco.add("0000")  # type: ignore[attr-defined]
    item = single[0]
    assert pickle.loads(pickle.dumps(item)).levels == item.levels  # a pickled table (the prepared translator)
    shared = next(item for item in items if not item.hidden_labels)
    assert pickle.loads(pickle.dumps([shared, shared]))[0].hidden_labels == []


def test_search_documents_keep_the_item_tables_strings_and_equal_those_read_alone(bridge) -> None:
    from competence_bridge.matching.search_graph import documents_from_graph

    table = bridge.items
    alone, shared = documents_from_graph(bridge.graph), documents_from_graph(bridge.graph, table)
    assert shared == alone
    items = [(document, table.items[document.id]) for document in shared if document.id in table.items]
    assert len(items) == len(table.items)
    for document, item in items:
        assert document.id is item.id
        own = {id(text) for text in item.labels}
        assert all(id(text) in own for text, lang, _role in document.labels if lang == "nl")
    assert all(document.id is not table.items[document.id].id for document in alone if document.id in table.items)


def test_a_search_index_built_after_a_translator_reads_its_table(monkeypatch: pytest.MonkeyPatch) -> None:
    import competence_bridge
    from competence_bridge.matching import search_graph

    tables = []
    read = search_graph.documents_from_graph
    monkeypatch.setattr(search_graph, "documents_from_graph", lambda graph, table=None: tables.append(table) or read(
        graph, table))
    fresh = competence_bridge.load(cache=False)
    assert fresh.translate("zorgkundige", to="NL").candidates and fresh.search("zorgkundige").hits
    assert len(tables) == 1 and tables[0] is fresh.items


def test_a_lexicon_with_tiny_memos_analyses_as_one_with_whole_memos(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*TEXTS, *TITLES]
    whole = Lexicon.from_texts(TEXTS, titles=TITLES, eager=True)
    expected = [whole.analyse(text) for text in texts]
    monkeypatch.setattr(lexicon_module, "_MEMO", 3)
    monkeypatch.setattr(lexicon_module, "_UNPACKED", 2)
    small = Lexicon.from_texts(TEXTS, titles=TITLES, eager=True)
    for _ in range(2):  # the second time from the packed words
        assert [small.analyse(text) for text in texts] == expected
        assert max(len(memo) for memo in (*small._splits, small._heads, small._parts)) <= 3
        assert len(small._words) <= 2 and sorted(small.surfaces()) == sorted(whole.surfaces())
    assert small.cuts >= whole.cuts  # dropped splits are worked out again
    small.freeze()
    assert [small.analyse(text) for text in texts] == expected
