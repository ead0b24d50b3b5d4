"""A translator keeps the recognitions and level names it consults, and whether official chains can apply.

A prepared translator read back from the cache then answers a one-off translation without opening the graph
(see test_store_view); these tests check that what it keeps is what the catalogue says.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest

import competence_bridge
from competence_bridge.matching.factory import new_translator
from competence_bridge.matching.official import has_national_occupations
from competence_bridge.matching.recognitions import RecognitionBook, Recognitions
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.rdf.queries import query
from conftest import shared_data


def _type_item(type_id: str) -> Item:
    return Item(type_id, "qualification-type", None, type_id)


def test_the_book_answers_as_the_catalogue_for_every_type_and_level(bridge) -> None:
    live = Recognitions(bridge.catalog)
    book = RecognitionBook.read(live)
    assert book.statements, "the shipped recognitions hold statements"
    for type_id in bridge.catalog.types:
        assert book.from_item(_type_item(type_id)) == live.from_item(_type_item(type_id)), type_id
    for level_id in bridge.catalog.levels:
        assert book.describe_level(level_id) == live.describe_level(level_id), level_id
    assert book.describe_level("vks:99") == "vks:99"
    assert book.from_item(_type_item("nl:no-such-type")) == []


def test_a_qualification_gets_the_statements_of_its_type(bridge) -> None:
    book = RecognitionBook.read(Recognitions(bridge.catalog))
    havo = _type_item("nl:havo")
    found = book.from_item(havo)
    assert found == [(
        "rec:naric-nl-vl", "vl:getuigschrift-2e-graad-aso", None,
        "NARIC-Vlaanderen waardeert Havodiploma als Getuigschrift van de tweede graad secundair onderwijs (ASO) "
        "[NL → BE-VLG]",
        "NARIC-Flanders values Senior general secondary education diploma (havo) as Second-stage certificate of "
        "secondary education (general, ASO) [NL → BE-VLG]", 1.0)]
    qualification = Item("nl:x", "qualification", "NL", "x", qualification_type="nl:havo")
    assert book.from_item(qualification) == found


def test_the_strengths_are_the_matching_settings(bridge) -> None:
    taxonomy = bridge.taxonomy
    settings = taxonomy.matching[-1]
    weaker = settings.model_copy(update={"recognition_strengths": {"type": 0.5, "level": 0.4, "qualified": 0.3}})
    changed = dataclasses.replace(taxonomy, matching=(*taxonomy.matching[:-1], weaker))
    shipped = new_translator(bridge.items, taxonomy, bridge.recognitions_lookup)
    translator = new_translator(bridge.items, changed, bridge.recognitions_lookup)
    havo = _type_item("nl:havo")
    strengths = {kind: settings.recognition_strengths[kind] for kind in ("type", "level", "qualified")}
    assert [statement[5] for statement in shipped.recognitions(havo)] == [strengths["type"]]
    assert [statement[5] for statement in translator.recognitions(havo)] == [0.5]
    assert [statement[:5] for statement in translator.recognitions(havo)] == \
        [statement[:5] for statement in shipped.recognitions(havo)]


def test_a_pickled_translator_keeps_its_book_and_drops_other_lookups(bridge) -> None:
    translator = new_translator(bridge.items, bridge.taxonomy, bridge.recognitions_lookup)
    havo = _type_item("nl:havo")
    copy = pickle.loads(pickle.dumps(translator))
    assert copy.recognitions(havo) == translator.recognitions(havo)
    assert copy.describe_level("vks:5") == translator.describe_level("vks:5") == "VKS 5 (EQF 5)"
    translator.recognitions, translator.describe_level = (lambda item: []), str
    bare = pickle.loads(pickle.dumps(translator))
    assert bare.recognitions is None and bare.describe_level is None  # the bridge attaches its own


def _asks_for_national_occupations(graph) -> bool:
    return bool(graph.query(query("ASK { ?occupation a cb:Occupation }")).askAnswer)


def test_national_occupations_are_seen_in_the_table_as_in_the_graph(bridge) -> None:
    assert has_national_occupations(bridge.items) is _asks_for_national_occupations(bridge.graph) is False
    table = ItemTable({"esco:x": Item("esco:x", "occupation", None, "x", esco={"esco:x"})}, {})
    assert not has_national_occupations(table)
    table.items["vdab:OP-1"] = Item("vdab:OP-1", "occupation", "BE-VLG", "y")
    assert has_national_occupations(table)


@pytest.mark.slow
def test_with_official_tables_the_table_sees_the_national_occupations() -> None:
    tables = [shared_data("eures-esco-mappings", "BLM_mapping.csv")]
    loaded = competence_bridge.load(esco=shared_data("esco-nl-1.2.0"), esco_mapping=tables)
    assert has_national_occupations(loaded.items) is _asks_for_national_occupations(loaded.graph) is True


def test_the_statements_keep_one_order_whatever_order_the_store_returns_them_in(bridge, monkeypatch) -> None:
    # Before: the statements came in the store's row order, and a rebuilt cache store returned nl:hbo-bachelor's two
    # valuations the other way round: the same translation's explanation listed them in another order.
    catalog = bridge.catalog
    rows = catalog.statements_about("nl:hbo-bachelor")
    assert [row.id for row in rows] == sorted(row.id for row in rows)
    expected = [description for _, _, _, description, _, _ in
                Recognitions(catalog).from_item(_type_item("nl:hbo-bachelor"))]
    assert expected == [
        "Benelux Comité van Ministers waardeert Bachelor (hbo) als VKS 6 (EQF 6) [NL → BE-VLG]",
        "Benelux, Estland, Letland en Litouwen waardeert Bachelor (hbo) als VKS 6 (EQF 6) [NL → BE-VLG]"]
    monkeypatch.setattr(type(catalog), "statements_about", lambda self, type_id: list(reversed(rows)))
    assert [description for _, _, _, description, _, _ in
            Recognitions(catalog).from_item(_type_item("nl:hbo-bachelor"))] == expected
