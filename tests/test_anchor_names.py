"""The names a proposed ESCO anchor is searched by on the other side (competence_bridge/matching/anchor_names.py):
its preferred label, and its labels whose unit keys overlap an occupation's name on that side enough."""

from __future__ import annotations

import pytest
from conftest import shared_data

import competence_bridge
from competence_bridge.matching.anchor_names import AnchorNames
from competence_bridge.matching.pivot import PIVOT, anchor_candidates
from competence_bridge.matching.query import translate_item
from competence_bridge.matching.search import SearchDocument, SearchIndex
from competence_bridge.matching.settings import shipped

SETTINGS = shipped()[0]


def _index() -> SearchIndex:
    esco = SearchDocument("esco:1", "occupation", None, (
        ("grafisch ontwerper", "nl", "pref"), ("grafisch vormgever", "nl", "alt"), ("designer", "nl", "alt"),
        ("grafische vormgevers", "nl", "hidden")))
    return SearchIndex.build([
        esco,
        SearchDocument("uwv:1", "occupation", "NL", (("Grafisch vormgever", "nl", "pref"),)),
        SearchDocument("vdab:1", "occupation", "BE-VLG", (("Grafisch ontwerper", "nl", "pref"),
                                                          ("Webdesigner", "nl", "alt"))),
        SearchDocument("nl:q", "qualification", "NL", (("Designer", "nl", "pref"),))])


def _anchor(index: SearchIndex):
    return next(hit for hit in index.search("grafisch ontwerper", kind="occupation") if hit.id == "esco:1")


def test_the_preferred_label_first_then_the_labels_that_name_an_occupation_of_the_side():
    index = _index()
    names = AnchorNames(index)
    anchor = _anchor(index)
    # "grafisch vormgever" is UWV's name; "designer" names a qualification, not an occupation; hidden labels never
    assert names(anchor, "NL") == ("grafisch ontwerper", "grafisch vormgever")
    # on the Flemish side only the preferred label names an occupation; it is searched anyway, once
    assert names(anchor, "BE-VLG") == ("grafisch ontwerper",)
    assert names(anchor, "DE") == ("grafisch ontwerper",)  # a side without occupations


def test_one_object_per_index_reads_its_labels_once(monkeypatch):
    index, other = _index(), _index()
    names = AnchorNames.of(index)
    assert AnchorNames.of(index) is names and AnchorNames.of(other) is not names
    read = []
    labels_with_keys = SearchIndex.labels_with_keys
    monkeypatch.setattr(SearchIndex, "labels_with_keys", lambda self, kind: read.append(kind) or labels_with_keys(
        self, kind))
    names(_anchor(index), "NL"), names(_anchor(index), "BE-VLG")
    assert read == ["occupation"]


def test_a_label_names_an_occupation_by_its_unit_keys_not_its_spelling():
    # a plural and a capital letter are the same unit keys as search analyses them
    index = SearchIndex.build([
        SearchDocument("esco:1", "occupation", None, (("kapper", "nl", "pref"), ("haarstylisten", "nl", "alt"))),
        SearchDocument("uwv:1", "occupation", "NL", (("Haarstylist", "nl", "pref"),))])
    anchor = next(hit for hit in index.search("kapper") if hit.id == "esco:1")
    assert AnchorNames(index)(anchor, "NL") == ("kapper", "haarstylisten")


def test_a_label_that_overlaps_a_name_of_the_side_enough_is_searched_too():
    # Jaccard of unit keys: 'medewerker klantenservice' and UWV's 'Medewerker klantcontact' share one key of the
    # three they have (medewerker: 1/3); 'servicebalie' shares none
    index = SearchIndex.build([
        SearchDocument("esco:1", "occupation", None, (
            ("klantadviseur", "nl", "pref"), ("medewerker klantenservice", "nl", "alt"),
            ("servicebalie", "nl", "alt"))),
        SearchDocument("uwv:1", "occupation", "NL", (("Medewerker klantcontact", "nl", "pref"),))])
    anchor = next(hit for hit in index.search("klantadviseur") if hit.id == "esco:1")
    assert AnchorNames(index)(anchor, "NL") == ("klantadviseur",)  # 1: the same keys only
    assert AnchorNames(index, 0.3)(anchor, "NL") == ("klantadviseur", "medewerker klantenservice")
    assert AnchorNames(index, 0.5)(anchor, "NL") == ("klantadviseur",)
    assert AnchorNames.of(index, 0.3)(anchor, "NL") == AnchorNames(index, 0.3)(anchor, "NL")
    assert AnchorNames.of(index, 1.0).overlap == 1.0  # another overlap: another object over the same labels


def test_a_target_that_is_not_an_item_of_the_table_is_left_out():
    index = _index()
    table = competence_bridge.load().items  # the items themselves do not matter: the targets must be in the table
    found = anchor_candidates(index, table, SETTINGS, table.items["nl:crebo-25656"], "NL",
                              anchors=[_anchor(index)])
    assert found == []  # the index's documents are not items of the table: nothing is invented


@pytest.fixture(scope="module")
def esco_bridge():
    """ESCO and both national occupation lists (their rows unused: the pivot alone)."""
    tables = [shared_data("eures-esco-mappings", name) for name in ("BLM_mapping.csv", "NL_mapping.csv")]
    return competence_bridge.load(esco=shared_data("esco-nl-1.2.0"), esco_mapping=tables)


def _national(bridge, subject: str) -> list:
    """The UWV occupations a translation of *subject* gives without the official chains, best first."""
    candidates = translate_item(bridge.translator, bridge.items.items[subject], "NL", limit=20,
                                pivot=bridge.esco_pivot).candidates
    return [c for c in candidates if c.target.region == "NL" and c.target.kind == "occupation"]


def test_grafisch_ontwerper_finds_grafisch_vormgever_through_the_esco_label_that_is_uwvs_name(esco_bridge):
    # gold set (a), train split: VDAB's Grafisch ontwerper is UWV's Grafisch vormgever (both rows name ESCO's
    # 'grafisch ontwerper'); the UWV name is an alternative label of that ESCO occupation
    first = _national(esco_bridge, "vdab:OP-321")[0]
    assert (first.target.id, first.target.label) == ("uwv:1000404022", "Grafisch vormgever")
    assert PIVOT in first.signals
    assert [line for line in first.explanation if line.startswith("Voorgesteld")] == [(
        "Voorgesteld ESCO-anker (niet officieel): 'Grafisch ontwerper' vindt bij zoeken ESCO-beroep 'grafisch "
        "ontwerper' (1,00), en dat vindt, gezocht op zijn naam 'grafisch vormgever', 'Grafisch vormgever' (1,00).")]
    assert [line for line in first.explanation_en if line.startswith("Proposed")] == [(
        "Proposed ESCO anchor (not official): searching 'Grafisch ontwerper' finds the ESCO occupation 'grafisch "
        "ontwerper' (1.00), which, searched by its name 'grafisch vormgever', finds 'Grafisch vormgever' (1.00).")]


def test_without_the_other_labels_the_counterpart_is_only_a_guess_by_name(esco_bridge, monkeypatch):
    # the same case searched by the preferred label alone, as before: UWV's Grafisch vormgever is found by its name
    # alone (one word in two shared, and search), a related guess with less confidence
    shipped_first = _national(esco_bridge, "vdab:OP-321")[0]
    monkeypatch.setattr(AnchorNames, "__call__", lambda self, anchor, to: (anchor.name or anchor.label,))
    before = next(c for c in _national(esco_bridge, "vdab:OP-321") if c.target.id == "uwv:1000404022")
    assert (sorted(before.signals), before.predicate, round(before.confidence, 3)) == (
        ["lexical", "name-search"], "skos:relatedMatch", 0.329)
    assert (shipped_first.predicate, round(shipped_first.confidence, 3)) == ("skos:closeMatch", 0.668)


def test_with_the_tables_the_anchor_is_searched_by_its_preferred_label_only(esco_bridge):
    # with official rows, the rows from the anchor say what it is on the other side: no search by its other names
    from competence_bridge.matching.pivot import pivot_candidates
    from competence_bridge.matching.query import anchor_rows

    item = esco_bridge.items.items["vdab:OP-321"]
    rows = anchor_rows(esco_bridge.official_chains, esco_bridge.items)
    index, items = esco_bridge.search_index, esco_bridge.items

    def searched_by_another_name(candidates) -> list[str]:
        return [c.target.id for c in candidates if any("gezocht op zijn naam" in line for line in c.explanation)]

    assert "uwv:1000404022" in searched_by_another_name(pivot_candidates(index, items, SETTINGS, item, "NL"))
    assert searched_by_another_name(pivot_candidates(index, items, SETTINGS, item, "NL", rows)) == []
