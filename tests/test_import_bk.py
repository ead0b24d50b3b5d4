"""The Flemish beroepskwalificatie importer: the fixture's three record shapes, the graph, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from competence_bridge.errors import SourceFormatError
from competence_bridge.rdf.graph import new_graph
from competence_bridge.importers import IMPORTERS, bk
from competence_bridge.rdf.build import iri, source_iri
from competence_bridge.rdf.namespaces import CB, ELM, RDF

FIXTURE = Path(__file__).parent / "fixtures" / "bk" / "bk-records.json"

#: Per record (counted by hand in the fixture): code, level, domain, and competences by kind.
EXPECTED = [
    ("BK-0140-3", "vks:2", "technology", {"skill": 8, "knowledge": 3}),
    ("BK-0337-1", "vks:7", "care", {"skill": 6, "knowledge": 2, "attitude": 1}),
    ("BK-0469-1", "vks:4", "ict", {"skill": 3, "knowledge": 1}),
]


@pytest.fixture(scope="module")
def data() -> bk.BkDataset:
    return bk.read(FIXTURE)


def test_records(data: bk.BkDataset) -> None:
    assert [(q.code, q.level, q.domain) for q in data.qualifications] == [e[:3] for e in EXPECTED]
    for q, (code, _, _, kinds) in zip(data.qualifications, EXPECTED):
        assert q.id == f"vl:{code.lower()}" and q.version == code.rsplit("-", 1)[1]
        assert (q.region, q.kind, q.text_status, q.evidence, q.sources) == (
            "BE-VLG", "beroepskwalificatie", "official", "verified", ("bk-bk-records",))
        counted = {kind: sum(c.kind == kind for c in q.competences) for kind in kinds}
        assert counted == kinds and len(q.competences) == sum(kinds.values())
    assert data.summary() == {"records": 3, "competences": 24, "skills": 17, "knowledge": 6, "attitudes": 1}
    assert (data.kind, data.path, data.version) == ("bk", FIXTURE, None)


def test_mapping_of_fields(data: bk.BkDataset) -> None:
    monteur, kine, netwerk = data.qualifications
    assert monteur.title.nl == "Elektrotechnisch monteur" and monteur.alt_labels.nl == ("Elektricien",)
    assert str(monteur.valid_from) == "2020-01-01" and monteur.definition.startswith("De elektrotechnisch monteur")
    assert [(c.id, c.kind, c.code) for c in monteur.competences[:4]] == [
        ("vl:bk-0140-3.bkc9014001", "skill", "bkc9014001"),
        ("vl:bk-0140-3.bkc9014001.k1", "knowledge", None),
        ("vl:bk-0140-3.bkc9014001.k2", "knowledge", None),
        ("vl:bk-0140-3.bkc9014001.v1", "skill", None)]
    assert ("vl:bk-0140-3.bkc9014002.v2", "vl:bk-0140-3.bkc9014002") in data.part_of
    assert len(data.part_of) == 9  # every kennis and vaardigheid listed under a competence
    assert [c.kind for c in kine.competences if c.code] == ["skill", "skill", "skill", "attitude"]
    assert [c.id for c in kine.competences[-5:]] == [f"vl:bk-0337-1.{s}" for s in ("k1", "k2", "v1", "v2", "v3")]
    assert netwerk.alt_labels.nl == ("Netwerktechnicus", "Datacommunicatietechnicus")  # from the API envelope


def test_graph(data: bk.BkDataset) -> None:
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in IMPORTERS["bk"].read(FIXTURE).triples())
    kine, source = iri("vl:bk-0337-1"), source_iri("bk-bk-records")
    assert (kine, CB.level, iri("vks:7")) in graph and (kine, ELM.EQFLevel, iri("eqf:7")) in graph
    assert (kine, SKOS.notation, Literal("BK-0337-1")) in graph and (kine, CB.textStatus, Literal("official")) in graph
    assert (kine, DCTERMS.source, source) in graph and (kine, CB.evidence, CB.Verified) in graph
    assert (source, RDF.type, CB.Source) in graph and (source, FOAF.page, URIRef(FIXTURE.resolve().as_uri())) in graph
    assert (iri("vl:bk-0140-3.bkc9014001.k1"), DCTERMS.isPartOf, iri("vl:bk-0140-3.bkc9014001")) in graph
    rows = graph.query("SELECT ?code (COUNT(?c) AS ?n) WHERE { ?q skos:notation ?code ; cb:hasCompetence ?c ; "
                       "cb:qualificationKind 'beroepskwalificatie' } GROUP BY ?code ORDER BY ?code")
    assert [(str(code), int(n)) for code, n in rows] == [("BK-0140-3", 11), ("BK-0337-1", 9), ("BK-0469-1", 4)]


def test_one_record_and_accepted_variants(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    record = {"beroepskwalificatie_nr": 140, "versie_nr_kort": 3, "titel": "Elektrotechnisch monteur",
              "vks_niveau": "2", "competenties": [{"competentie_code": "c1", "waarde": " Werkt\n veilig "}],
              "onbekend_veld": {"genegeerd": True}}
    path.write_text(json.dumps(record), encoding="utf-8")
    (q,) = bk.read(path).qualifications
    assert (q.code, q.level, q.domain, q.competences[0].statement) == ("BK-0140-3", "vks:2", "other", "Werkt veilig")


# --- bad input: every message names the file and the record (from 1, with its number when known) --------

GOOD = {"beroepskwalificatie_nr": "BK-0140", "versie_nr_lang": "BK-0140-3", "titel": "Elektrotechnisch monteur",
        "vks_niveau": 2, "competenties": [{"competentie_code": "c1", "waarde": "Werkt veilig"}]}
KINE = {**GOOD, "beroepskwalificatie_nr": "BK-0337", "versie_nr_lang": "BK-0337-1", "vks_niveau": 7}


def _without(record: dict, key: str) -> dict:
    return {k: v for k, v in record.items() if k != key}


def _error(path: Path) -> str:
    with pytest.raises(SourceFormatError) as caught:
        bk.read(path)
    return str(caught.value)


@pytest.mark.parametrize(("content", "message"), [
    ([GOOD, _without(_without(KINE, "beroepskwalificatie_nr"), "versie_nr_lang")],
     ", record 2: the record has no beroepskwalificatie_nr (nor versie_nr_lang)"),
    ([GOOD, _without(KINE, "vks_niveau")], ", record 2 (BK-0337-1): the record has no vks_niveau"),
    ([{**KINE, "vks_niveau": 9}], ", record 1 (BK-0337-1): vks_niveau 9 is outside the VKS levels 1-8"),
    ([{**KINE, "vks_niveau": 0}], ", record 1 (BK-0337-1): vks_niveau 0 is outside the VKS levels 1-8"),
    ({**KINE, "vks_niveau": "OK3"}, ", record 1 (BK-0337-1): vks_niveau must be a whole number 1-8, not 'OK3'"),
    ({**KINE, "vks_niveau": True}, ", record 1 (BK-0337-1): vks_niveau must be a whole number 1-8, not True"),
    ("BK-0140-3", ": the top level must be a record (object) or a list of records, not a string ('BK-0140-3')"),
    (42, ": the top level must be a record (object) or a list of records, not a number (42)"),
    (None, ": the top level must be a record (object) or a list of records, not null"),
    ([], ": the file holds no records"),
    ([GOOD, "BK-0337-1"], ", record 2: a record must be an object, not a string ('BK-0337-1')"),
    ([GOOD, KINE, GOOD], ", record 3 (BK-0140-3): BK-0140-3 occurs twice in the file"),
    ({**GOOD, "versie_nr_lang": "BK-0141-3"},
     ", record 1 (BK-0140): versie_nr_lang BK-0141-3 does not belong to beroepskwalificatie_nr BK-0140"),
    ({**GOOD, "versie_nr_kort": 2}, ", record 1 (BK-0140): versie_nr_kort 2 does not match versie_nr_lang BK-0140-3"),
    (_without(GOOD, "versie_nr_lang"), ", record 1 (BK-0140): the record has no versie_nr_lang or versie_nr_kort"),
    ({**GOOD, "beroepskwalificatie_nr": "0140-3"},
     ", record 1: beroepskwalificatie_nr must look like 'BK-0140', not '0140-3'"),
    (_without(GOOD, "titel"), ", record 1 (BK-0140-3): titel must be a string, not null"),
    (_without(GOOD, "competenties"), ", record 1 (BK-0140-3): the record has no competenties"),
    ({**GOOD, "competenties": [{"competentie_code": "c1"}]},
     ", record 1 (BK-0140-3): competenties[0].waarde must be a string, not null"),
    ({**GOOD, "competenties": [{"competentie_code": "c 1", "waarde": "x"}]},
     ", record 1 (BK-0140-3): competenties[0].competentie_code must be 1-64 letters, digits, '.', '_' or '-', "
     "not 'c 1'"),
    ({**GOOD, "competenties": [{"competentie_code": "c1", "waarde": "a"}, {"competentie_code": "c1", "waarde": "b"}]},
     ", record 1 (BK-0140-3): two competence statements get the id vl:bk-0140-3.c1; competentie_code must be unique"),
    ({**GOOD, "competenties": [{"competentie_code": "c1", "waarde": "x", "kennis": [{"waarde": " "}]}]},
     ", record 1 (BK-0140-3): competenties[0].kennis[0] is empty"),
    ({**GOOD, "vaardigheden": "Werkt veilig"},
     ", record 1 (BK-0140-3): vaardigheden must be a list, not a string ('Werkt veilig')"),
    ({**GOOD, "geldig_vanaf": "01-01-2020"}, ", record 1 (BK-0140-3): geldig_vanaf must be a date YYYY-MM-DD, "
                                             "not '01-01-2020'"),
    ({**GOOD, "geldig_vanaf": "2021-01-01", "geldig_tot": "2020-01-01"},
     ", record 1 (BK-0140-3): valid_until is before valid_from"),
])
def test_bad_records(tmp_path: Path, content: object, message: str) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    assert _error(path) == f"{path}{message}"


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"beroepskwalificatie_nr": "BK-0140"\n   "vks_niveau": 2}\n]\n', encoding="utf-8")
    assert _error(path) == f"{path}:3: invalid JSON: Expecting ',' delimiter (column 4)"
    path.write_text('{"titel": "a",\n "titel": "b"}\n', encoding="utf-8")
    assert _error(path) == f"{path}: invalid JSON: the key 'titel' occurs twice in one object"
    path.write_bytes(b'{"titel": "\xff"}')
    assert _error(path) == f"{path}: not UTF-8 text (byte 11)"
    absent = tmp_path / "absent.json"
    assert _error(absent) == f"{absent}: cannot read: No such file or directory"


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_an_official_record_keeps_the_curated_anchors_it_lacks(store: str) -> None:
    import competence_bridge

    # The BK record replaces the curated summary of vl:bk-0140-3 (its title, level and competences); it names no
    # ESCO occupation or ISCO group, so the curated ones stay, and the Dutch counterpart is still found through them.
    bridge = competence_bridge.load(bk=FIXTURE, store=store, cache=False)
    item = bridge.items.items["vl:bk-0140-3"]
    assert item.esco == {"esco-occupation:4910419f-b4af-4f59-b544-9dbebc8a74f0"} and item.isco == {"7411"}
    assert {c.text for c in item.competences} >= {
        "Bereidt de eigen werkzaamheden voor aan de hand van eenvoudige schema's en plannen"}
    first = bridge.translate("vl:bk-0140-3", to="NL").candidates[0]
    assert first.target.id == "nl:kd-monteur-elektrotechnische-installaties"
    assert ("Zelfde ESCO-beroep: monteur elektrische installaties (esco-occupation:4910419f-b4af-4f59-b544-"
            "9dbebc8a74f0).") in first.explanation
