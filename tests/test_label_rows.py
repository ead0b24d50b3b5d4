"""Label rows and sides as arrays: the keys a translation compares names by, read back exactly as analysed."""

from __future__ import annotations

import pickle

import pytest

from competence_bridge.language.analyser import Analyser
from competence_bridge.language.terms import TermEntry, TermLayer
from competence_bridge.matching.candidates import Side
from competence_bridge.matching.label_rows import LabelRows, label_variants
from competence_bridge.rdf.items import Item

LABELS = ["Netwerktechnieker", "netwerk technicus", "Lasser staal", "staal lasser", "Havenlasser",
          "Zorgkundige in de thuiszorg", "CAD-CAM-tekenaar vliegtuigbouw", "medewerker bediening restaurant",
          "Verzorgende-IG", "technieker mechatronica", "verkoper fietsen en onderdelen", "kok"]
TERMS = TermLayer([TermEntry("term:technieker", ("technieker",), ("technicus", "monteur"), "exact"),
                   TermEntry("term:zorgkundige", ("zorgkundige",), ("verzorgende ig", "verzorgende-ig"), "close")])


@pytest.fixture
def analyser() -> Analyser:
    return Analyser.from_texts([], LABELS)


def _items() -> list[Item]:
    return [Item("be:a", "job-profile", "BE-VLG", "Netwerktechnieker", ["netwerk technicus"]),
            Item("be:b", "job-profile", "BE-VLG", "Lasser staal", ["Havenlasser"], esco={"esco:lasser"}),
            Item("be:c", "job-profile", "BE-VLG", "staal lasser", [], levels=["vks:4"]),
            Item("be:d", "job-profile", "BE-VLG", "Zorgkundige in de thuiszorg", ["kok"], esco={"esco:lasser"})]


def test_a_key_set_rebuilt_from_its_ordered_keys_iterates_as_the_analysed_one(analyser) -> None:
    for label in LABELS:
        assert list(frozenset(analyser.ordered_keys(label))) == list(analyser.keys(label))


def test_a_label_the_term_layer_changes_has_a_second_row_with_what_fired(analyser) -> None:
    items = _items()
    rows = LabelRows.build(items, analyser, TERMS)
    assert [len(rows.rows_of(number)) for number in range(len(items))] == [2, 2, 1, 3]
    zorg = rows.rows_of(3)  # Zorgkundige in de thuiszorg, as written and substituted; kok
    assert [rows.row_label[row] for row in zorg] == [0, 0, 1]
    assert [sorted(rows.keys_of(row)) for row in zorg] == [["thuiszorg", "zorgkundig"],
                                                           ["ig", "thuiszorg", "verzorgend"], ["kok"]]
    assert [[s.term_pair for s in rows.fired.get(row, ())] for row in zorg] == [[], ["term:zorgkundige"], []]
    for number, item in enumerate(items):  # every row iterates as the analysis' own set
        analysed = [keys for label in item.labels for keys, _ in label_variants(analyser, TERMS, label)]
        assert [list(rows.keys_of(row)) for row in rows.rows_of(number)] == [list(keys) for keys in analysed]


def test_a_side_finds_entries_by_key_and_keeps_the_first_weight_of_a_key_set(analyser) -> None:
    items = _items()
    rows = LabelRows.build(items, analyser, TERMS)
    weights = {key: 1.0 + len(key) / 7 for key in rows.names}
    known = {frozenset({"kok"}): 5.0}
    side = Side(items, list(range(len(items))), rows, weights.__getitem__, known.get)
    staal = side.postings("stal")
    assert staal is not None and [side.items[int(side.entry_item[entry])].id for entry in staal.tolist()] == [
        "be:b", "be:c"]
    assert side.postings("onbekend") is None
    lasser = analyser.keys("Lasser staal")
    assert lasser == analyser.keys("staal lasser")  # one key set, two items: one weight, the first computed
    entries = [entry for entry in range(len(side.entry_row)) if rows.keys_of(int(side.entry_row[entry])) == lasser]
    assert len(entries) == 2 and len({float(side.entry_weight[entry]) for entry in entries}) == 1
    assert side.weight_of(lasser) == sum(weights[key] for key in lasser)
    assert side.weight_of(frozenset({"kok"})) == 5.0  # a weight known before the side was built stands
    assert side.weight_of(frozenset({"onbekend"})) is None
    assert [(label, sorted(keys)) for label, keys, _ in side.label_keys(items[1])] == [
        ("Lasser staal", ["lasser", "stal"]), ("Havenlasser", ["havenlasser"])]
    assert side.by_anchor == {"esco:lasser": ("be:b", "be:d")} and side.by_level == {"vks:4": ("be:c",)}


def test_label_rows_read_back_from_a_pickle(analyser) -> None:
    rows = LabelRows.build(_items(), analyser, TERMS)
    again = pickle.loads(pickle.dumps(rows))
    assert again.numbers == rows.numbers and again.fired == rows.fired
    assert [again.keys_of(row) for row in range(len(rows.row_label))] == [
        rows.keys_of(row) for row in range(len(rows.row_label))]
