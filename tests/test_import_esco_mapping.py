"""ESCO mapping tables of national classifications: exact counts on the three real tables, the national
concepts as items, SSSOM round trips validated by sssom-py, and bad input with the exact message."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from competence_bridge.backends.compile import compile_inputs
from competence_bridge.curated.resources import shipped_files
from competence_bridge.errors import SourceFormatError
from competence_bridge.importers import IMPORTERS
from competence_bridge.importers.esco_mapping import EscoMappingDataset, read
from competence_bridge.importers.esco_mapping_table import parse_date
from competence_bridge.rdf.curies import expand
from competence_bridge.rdf.graph import add_triples, new_graph
from competence_bridge.rdf.items import ItemTable
from competence_bridge.rdf.namespaces import CB, DCTERMS, SKOS
from competence_bridge.sssom.tsv import dumps_sssom, read_sssom

TABLES = {"blm": "BLM_mapping.csv", "nl": "NL_mapping.csv",
          "competences": "escocompetencemappingfinalreport-fr-nl-45-v3.8.csv"}


def table(name: str) -> Path:
    return shared_data("eures-esco-mappings", TABLES[name])


@pytest.fixture(scope="module")
def datasets() -> dict[str, EscoMappingDataset]:
    found = {}
    for name in TABLES:
        dataset = IMPORTERS["esco-mapping"].read(table(name))
        assert isinstance(dataset, EscoMappingDataset)
        found[name] = dataset
    return found


# --- the real tables ---------------------------------------------------------------------------


def test_counts_blm(datasets: dict[str, EscoMappingDataset]) -> None:
    # every row is there twice: once with the Dutch, once with the French label in the last column
    assert datasets["blm"].summary() == {
        "table_rows": 7012, "mappings": 3506, "repeated_rows": 3506, "national_concepts": 638,
        "esco_concepts": 2942, "esco_isco_groups": 0, "exactMatch": 357, "closeMatch": 698, "broadMatch": 159,
        "narrowMatch": 2292, "relatedMatch": 0, "conflicting_labels": 0}


def test_counts_nl(datasets: dict[str, EscoMappingDataset]) -> None:
    # 97 rows point at ESCO's ISCO-group concepts (48 of them); nine UWV ids carry two different labels
    assert datasets["nl"].summary() == {
        "table_rows": 5651, "mappings": 5651, "repeated_rows": 0, "national_concepts": 3451,
        "esco_concepts": 2990, "esco_isco_groups": 48, "exactMatch": 990, "closeMatch": 148, "broadMatch": 1964,
        "narrowMatch": 2549, "relatedMatch": 0, "conflicting_labels": 9}


def test_counts_competences(datasets: dict[str, EscoMappingDataset]) -> None:
    assert datasets["competences"].summary() == {
        "table_rows": 11183, "mappings": 11183, "repeated_rows": 0, "national_concepts": 7963,
        "esco_concepts": 5453, "esco_isco_groups": 0, "exactMatch": 1197, "closeMatch": 4778, "broadMatch": 3194,
        "narrowMatch": 2014, "relatedMatch": 0, "conflicting_labels": 0}


def test_metadata(datasets: dict[str, EscoMappingDataset]) -> None:
    blm, nl, competences = datasets["blm"].metadata, datasets["nl"].metadata, datasets["competences"].metadata
    assert (blm.name, blm.author, blm.version, blm.date) == ("ESCO – BE NOC", "Nalantis nv", "1.0", dt.date(2021, 9, 30))
    assert (blm.esco.version, blm.national.version, blm.national.raw_version) == ("1.0.3", "3.8", "3,8")
    assert blm.national.languages == ("nl", "fr")
    # "default-author" is the mapping tool's placeholder; the date is written d-m-yyyy
    assert (nl.name, nl.author, nl.raw_author, nl.version, nl.date) == (
        "ESCO to Dutch NOC", None, "default-author", None, dt.date(2021, 8, 22))
    assert (nl.esco.version, nl.national.version, nl.national.languages) == ("1.0.3", "21.1", ("nl",))
    # a spreadsheet serial date; versions written "V1.0.3" and "Competent 3.8"
    assert (competences.date, competences.esco.version, competences.national.version) == (
        dt.date(2021, 6, 8), "1.0.3", "3.8")
    assert [d.region for d in datasets.values()] == ["BE-VLG", "NL", "BE-VLG"]


def test_relations_are_read_the_way_each_table_writes_them(datasets: dict[str, EscoMappingDataset]) -> None:
    """The Nalantis tables read national → ESCO, NL_mapping.csv ESCO → national; SSSOM always national → ESCO."""
    assert {name: d.reading for name, d in datasets.items()} == {
        "blm": "national-to-esco", "nl": "esco-to-national", "competences": "national-to-esco"}
    assert all(d.reading_detected for d in datasets.values())
    assert {name: round(d.reading_evidence[0], 2) for name, d in datasets.items()} == {
        "blm": 1.37, "nl": -0.61, "competences": 0.28}
    by_pair = {(m.subject_id, m.object_id): m for d in datasets.values() for m in d.mapping_set.mappings}
    # "inspiciënt" (ESCO) is narrower than "Productieverantwoordelijke podium/audiovisueel" (Competent)
    assert by_pair[("vdab:OP-410", "esco-occupation:00030d09-2b3a-4efd-87cc-c4ea39d27c34")].predicate_id == \
        "skos:narrowMatch"
    # the table says "welder skos:narrowMatch Autogeen lasser": the UWV occupation is the narrower one
    welder = [m for m in datasets["nl"].mapping_set.mappings
              if m.object_label == "welder" and m.subject_label == "Autogeen lasser (niveau 1&2)"]
    assert [(m.predicate_id, m.other_fields()["table_relation"]) for m in welder] == [
        ("skos:broadMatch", "skos:narrowMatch")]
    counts = Counter(m.predicate_id for m in datasets["nl"].mapping_set.mappings)
    assert (counts["skos:broadMatch"], counts["skos:narrowMatch"]) == (2549, 1964)


def test_a_mapping_row(datasets: dict[str, EscoMappingDataset]) -> None:
    mapping = next(m for m in datasets["blm"].mapping_set.mappings
                   if m.key == ("vdab:OP-410", "esco-occupation:00030d09-2b3a-4efd-87cc-c4ea39d27c34"))
    assert mapping.model_dump(exclude_none=True) == {
        "subject_id": "vdab:OP-410", "subject_label": "Productieverantwoordelijke podium/audiovisueel",
        "subject_category": "occupation", "predicate_id": "skos:narrowMatch",
        "object_id": "esco-occupation:00030d09-2b3a-4efd-87cc-c4ea39d27c34", "object_label": "inspiciënt",
        "object_category": "occupation", "mapping_justification": "semapv:ManualMappingCuration",
        "author_id": "cbid:agent/nalantis-nv", "mapping_date": dt.date(2021, 9, 30),
        "subject_source_version": "3.8", "object_source_version": "1.0.3",
        "other": "source_file=BLM_mapping.csv|source_lines=18,19|table_relation=skos:narrowMatch|"
                 "author_label=Nalantis nv"}
    isco = [m for m in datasets["nl"].mapping_set.mappings if m.object_id == "isco:C0310"]
    assert len(isco) == 2 and {m.predicate_id for m in isco} == {"skos:broadMatch"}


def test_conflicting_labels_keep_the_most_frequent(datasets: dict[str, EscoMappingDataset]) -> None:
    concepts = {c.id: c for c in datasets["nl"].national_concepts}
    # ISCO-08 unit group codes and short UWV ids collide: 3113 is both "Elektrotechnici" and "Containermonteur"
    assert {c.id: (c.labels, c.other_labels) for c in concepts.values() if c.other_labels} == {
        "uwv:3113": ((("nl", "Containermonteur"),), ("Elektrotechnici",)),
        "uwv:7412": ((("nl", "Elektromonteurs voertuigen, machines, motoren"),), ("Luchthavenmeester",)),
        "uwv:4321": ((("nl", "EDP-auditor"),), ("Logistiek medewerkers, medewerkers materiaal-, voorraadplanning "
                                                "en -beheer",)),
        "uwv:8151": ((("nl", "Manager onderwijskundig onderzoeksbureau"),),
                     ("Machinebedieners vervaardiging textiele garens",)),
        "uwv:8212": ((("nl", "Manager persbureau"),), ("Assemblagemedewerkers elektrische en elektronische "
                                                       "apparatuur",)),
        "uwv:2659": ((("nl", "Entertainment artiesten"),), ("Cartograaf",)),
        "uwv:2152": ((("nl", "Elektronica- en hardware ingenieurs"),), ("Bloembinder",)),
        "uwv:3111": ((("nl", "Scheikundige en natuurkundige onderzoekstechnici"),), ("Contactlenzenslijper",)),
        "uwv:7223": ((("nl", "Machinestellers en -bedieners metaalproduktvervaardiging"),),
                     ("Leidinggevend baggermachinist",)),
    }
    # the rows keep the label they were written with
    assert {m.subject_label for m in datasets["nl"].mapping_set.mappings if m.subject_id == "uwv:7412"} == {
        "Luchthavenmeester", "Elektromonteurs voertuigen, machines, motoren"}


# --- the national concepts as items ------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(datasets: dict[str, EscoMappingDataset]):
    graph = new_graph("oxigraph")
    for dataset in datasets.values():
        add_triples(graph, dataset.triples())
    return graph


@pytest.fixture(scope="module")
def items(graph) -> ItemTable:
    return ItemTable.from_graph(graph)


def test_national_occupations_are_items(items: ItemTable) -> None:
    op410 = items.items["vdab:OP-410"]
    assert (op410.kind, op410.region, op410.label, op410.code) == (
        "occupation", "BE-VLG", "Productieverantwoordelijke podium/audiovisueel", "OP-410")
    assert op410.esco == set()  # official mappings are chains, not anchors
    uwv = items.items["uwv:1000408265"]
    assert (uwv.kind, uwv.region, uwv.label, uwv.code) == ("occupation", "NL", "Voorstellingsleider", "1000408265")
    kinds = Counter((item.kind, item.region) for item in items.items.values())
    assert kinds == {("occupation", "BE-VLG"): 638, ("occupation", "NL"): 3451}
    assert len(items.on_side("NL")) == 3451 and len(items.on_side("BE-VLG")) == 638


def test_vdab_competences_are_items_with_their_esco_skills(items: ItemTable) -> None:
    assert len(items.competences) == 7963
    kn10 = items.competences["vdab:KN-10"]
    assert (kn10.owner, kn10.text, kn10.kind, kn10.code, kn10.esco_skills) == (
        "vdab:scheme/competence", "Dierlijke fysiologie", "knowledge", "KN-10",
        frozenset({"esco-skill:60e0ed61-6340-4372-984a-416d1fe0010c"}))
    assert Counter(c.kind for c in items.competences.values()) == {"skill": 4343, "knowledge": 3594, "attitude": 26}
    # only exact and close rows anchor: a broadMatch row does not
    assert items.competences["vdab:KN-10001"].esco_skills == frozenset()


def test_labels_languages_source_and_version(graph) -> None:
    node = URIRef(expand("vdab:OP-410"))
    assert set(graph.objects(node, SKOS.prefLabel)) == {
        Literal("Productieverantwoordelijke podium/audiovisueel", lang="nl"),
        Literal("Responsable production et technique en spectacle et l'audiovisuelle (h/f/x)", lang="fr")}
    # the competence table has its French column before the Dutch one
    assert set(graph.objects(URIRef(expand("vdab:KN-10")), SKOS.prefLabel)) == {
        Literal("Dierlijke fysiologie", lang="nl"), Literal("Physiologie animale", lang="fr")}
    assert {str(v) for v in graph.objects(node, CB.version)} == {"3.8"}
    assert {str(v) for v in graph.objects(node, DCTERMS.identifier)} == {"06e9b608-c338-4109-a2e0-01034dd89baa"}
    source = next(graph.objects(node, DCTERMS.source))
    assert str(source) == "https://w3id.org/competence-bridge/id/dataset/esco-mapping/BLM_mapping"
    assert set(graph.objects(source, DCTERMS.issued)) == {Literal("2021-09-30", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))}
    # the official mapping is asserted directly too, for plain SPARQL
    esco = URIRef("http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34")
    assert (node, SKOS.narrowMatch, esco) in graph


def test_through_the_registry_and_the_compiler(tmp_path: Path) -> None:
    graph = compile_inputs(shipped_files(), [("esco-mapping", table("blm"))])
    assert (URIRef(expand("vdab:OP-410")), SKOS.narrowMatch,
            URIRef("http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34")) in graph
    bad = tmp_path / "bad.csv"
    bad.write_text(_table(relation="skos:sameAs"), encoding="utf-8")
    with pytest.raises(SourceFormatError):  # all-or-nothing: the good table is not loaded either
        compile_inputs(shipped_files(), [("esco-mapping", table("blm")), ("esco-mapping", bad)])


# --- SSSOM round trips -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TABLES))
def test_sssom_round_trip_validates_with_sssom_py(datasets: dict[str, EscoMappingDataset], tmp_path: Path,
                                                  name: str) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    mapping_set = datasets[name].mapping_set
    path = tmp_path / f"{name}.sssom.tsv"
    path.write_text(dumps_sssom(mapping_set), encoding="utf-8")
    msdf = parse_sssom_table(path)
    assert len(msdf.df) == len(mapping_set.mappings)
    reports = validate(msdf, fail_on_error=False)
    assert {kind.value: [r.message for r in report.results] for kind, report in reports.items()} == {
        kind.value: [] for kind in reports}
    back = read_sssom(path)
    assert back.mappings == mapping_set.mappings
    assert back.model_dump(exclude={"curie_map"}) == mapping_set.model_dump(exclude={"curie_map"})


def test_sssom_rdf_round_trip(datasets: dict[str, EscoMappingDataset]) -> None:
    from competence_bridge.sssom.rdf import mapping_set_from_graph, mapping_set_graph

    mapping_set = datasets["nl"].mapping_set
    back = mapping_set_from_graph(mapping_set_graph(mapping_set), curie_map=mapping_set.curie_map)
    assert back == mapping_set


# --- small tables: reading rules and bad input --------------------------------------------------

META = """\
Mapping project name,Test mapping,,
Mapping project author,Test author,,
Mapping project version,V2,,
Mapping project version date,{date},,
Classification 1 Name,ESCO,,
Classification 1 Concept type,{esco_type},,
Classification 1 Version,1.0.3,,
Classification 1 Language,nl,,
Classification 1 Landing page,https://ec.europa.eu/esco/portal/occupation,,
Classification 2 Name,{national},,
Classification 2 Concept type,occupation,,
Classification 2 Version,"3,8",,
Classification 2 Language,nl/fr,,
Classification 2 Landing page,,,
,,,
"""
HEADER = ("Classification 1 URI,Classification 1 PrefLabel,Classification 2 ID,Classification 2 PrefLabel FR,"
          "Classification 2 PrefLabel NL,Mapping Relation\n")
UUID = "00030d09-2b3a-4efd-87cc-c4ea39d27c34"


def _table(*, relation: str = "skos:narrowMatch", esco: str = UUID, date: str = "2021-09-30",
           national: str = "Competent2.0", esco_type: str = "Occupation", header: bool = True,
           rows: str | None = None) -> str:
    body = rows if rows is not None else (
        f"{esco},inspiciënt,OP-410,Responsable production,Productieverantwoordelijke,{relation}\n"
        f"{esco},inspiciënt,OP-410,Responsable production,Productieverantwoordelijke,{relation}\n")
    return META.format(date=date, national=national, esco_type=esco_type) + (HEADER if header else "") + body


def _read(tmp_path: Path, text: str, **options: object) -> EscoMappingDataset:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return read(path, **options)  # type: ignore[arg-type]


def test_a_small_table_is_taken_literally_unless_told(tmp_path: Path) -> None:
    dataset = _read(tmp_path, _table())
    assert dataset.summary()["mappings"] == 1 and dataset.summary()["repeated_rows"] == 1
    assert (dataset.reading, dataset.reading_detected) == ("esco-to-national", False)
    assert [m.predicate_id for m in dataset.mapping_set.mappings] == ["skos:broadMatch"]
    told = _read(tmp_path, _table(), reading="national-to-esco")
    assert [m.predicate_id for m in told.mapping_set.mappings] == ["skos:narrowMatch"]
    assert told.mapping_set.mappings[0].other_fields()["source_lines"] == "17,18"
    assert "taken literally: only 1 broad/narrow rows" in dataset.describe()


def test_dates() -> None:
    path = Path("t.csv")
    assert [parse_date(path, text, 4) for text in ("2021-09-30", "22-8-2021", "44355", "44355.0", "1/2/2020")] == [
        dt.date(2021, 9, 30), dt.date(2021, 8, 22), dt.date(2021, 6, 8), dt.date(2021, 6, 8), dt.date(2020, 2, 1)]


BAD = [
    ("missing header row", dict(header=False),
     "table.csv:16, column 1: missing header row: a mapping row comes before any header row starting with "
     "'Classification 1 URI'"),
    ("no header at all", dict(header=False, rows=""),
     "table.csv: missing header row: no row starts with 'Classification 1 URI'"),
    ("unknown relation", dict(relation="skos:sameAs"),
     "table.csv:17, column 'Mapping Relation': unknown mapping relation 'skos:sameAs'; expected one of "
     "skos:exactMatch, skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch"),
    ("empty relation", dict(relation=""),
     "table.csv:17, column 'Mapping Relation': unknown mapping relation an empty value; expected one of "
     "skos:exactMatch, skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch"),
    ("ESCO id not a UUID", dict(esco="00030d09-2b3a-4efd"),
     "table.csv:17, column 'Classification 1 URI': '00030d09-2b3a-4efd' is not an ESCO id: expected a UUID or an "
     "ESCO URI such as http://data.europa.eu/esco/occupation/<uuid>"),
    ("ESCO id not an ESCO URI", dict(esco=f"http://example.org/occupation/{UUID}"),
     f"table.csv:17, column 'Classification 1 URI': 'http://example.org/occupation/{UUID}' is not an ESCO id: "
     "expected a UUID or an ESCO URI such as http://data.europa.eu/esco/occupation/<uuid>"),
    ("ESCO skill in an occupation table", dict(esco=f"http://data.europa.eu/esco/skill/{UUID}"),
     f"table.csv:17, column 'Classification 1 URI': http://data.europa.eu/esco/skill/{UUID} is an ESCO skill, but "
     "the table maps ESCO occupations (Classification 1 Concept type)"),
    ("bad date", dict(date="30 September"),
     "table.csv:4, column 2: '30 September' is not a date (expected yyyy-mm-dd, d-m-yyyy or a spreadsheet serial "
     "number)"),
    ("impossible date", dict(date="31-2-2021"),
     "table.csv:4, column 2: '31-2-2021' is not a date (expected yyyy-mm-dd, d-m-yyyy or a spreadsheet serial "
     "number)"),
    ("unknown classification", dict(national="Nomenclature des métiers"),
     "table.csv:10, column 2: unknown national classification 'Nomenclature des métiers'; this importer knows "
     "VDAB Competent for BE-VLG and UWV occupations (Dutch NOC) for NL"),
    ("national code of the wrong shape", dict(rows=f"{UUID},inspiciënt,410,R,P,skos:exactMatch\n"),
     "table.csv:17, column 'Classification 2 ID': '410' is not a VDAB Competent code"),
    ("short record", dict(rows=f"{UUID},inspiciënt,OP-410,R,P\n"),
     "table.csv:17: the record has 5 fields but the header has 6; is the file truncated or a quote missing?"),
    ("no rows", dict(rows=""),
     "table.csv:16: the table has a header row but no mapping rows"),
]


@pytest.mark.parametrize(("case", "options", "message"), BAD, ids=[case for case, _, _ in BAD])
def test_bad_input(tmp_path: Path, case: str, options: dict[str, str], message: str) -> None:
    with pytest.raises(SourceFormatError) as caught:
        _read(tmp_path, _table(**options))  # type: ignore[arg-type]
    assert str(caught.value).replace(str(tmp_path) + "/", "") == message


def test_bad_header_and_metadata(tmp_path: Path) -> None:
    def message(text: str) -> str:
        with pytest.raises(SourceFormatError) as caught:
            _read(tmp_path, text)
        return str(caught.value).replace(str(tmp_path) + "/", "")

    assert message(_table().replace(",Classification 2 ID,", ",Classification 2 Code,")) == (
        "table.csv:16: missing required column 'Classification 2 ID'; the header has Classification 1 URI, "
        "Classification 1 PrefLabel, Classification 2 Code, Classification 2 PrefLabel FR, "
        "Classification 2 PrefLabel NL, Mapping Relation")
    assert message(_table().replace("Classification 1 Name,ESCO", "Classification 1 Name,")) == (
        "table.csv:5, column 2: metadata 'Classification 1 Name' is empty")
    assert message(_table().replace("Classification 2 Concept type,occupation,,\n", "")) == (
        "table.csv:15: metadata 'Classification 2 Concept type' is missing; expected a line "
        "'Classification 2 Concept type,<value>' above the header row")
    assert message(_table().replace("Mapping project author,Test author", "Mapping project name,Again")) == (
        "table.csv:2, column 1: metadata key 'Mapping project name' appears twice (first on line 1)")
    assert message("") == "table.csv: the file is empty; expected a metadata block and a header row"
    assert message(_table().replace("Classification 1 Name,ESCO", "Classification 1 Name,ISCO-08").replace(
        "https://ec.europa.eu/esco/portal/occupation", "https://ilo.org/isco")) == (
        "table.csv:5, column 2: Classification 1 must be ESCO, not 'ISCO-08'")


# --- properties ---------------------------------------------------------------------------------

uuids = st.uuids().map(str)
codes = st.integers(1, 999).map(lambda n: f"OP-{n}")
relations = st.sampled_from(["skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch"])
rows_ = st.lists(st.tuples(uuids, codes, relations), min_size=1, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows_, repeats=st.lists(st.integers(0, 11), max_size=6))
def test_repeated_rows_collapse_and_round_trip(tmp_path: Path, rows: list[tuple[str, str, str]],
                                               repeats: list[int]) -> None:
    written = rows + [rows[i % len(rows)] for i in repeats]
    text = _table(rows="".join(f"{u},esco {u[:4]},{c},fr {c},nl {c},{r}\n" for u, c, r in written))
    dataset = _read(tmp_path, text, reading="national-to-esco")
    assert len(dataset.mapping_set.mappings) == len(set(rows))
    assert sum(len(m.lines) for m in dataset.mappings) == len(written)
    assert {(m.object_id.partition(":")[2], m.subject_id.partition(":")[2], m.predicate_id)
            for m in dataset.mapping_set.mappings} == set(rows)
    path = tmp_path / "round.sssom.tsv"
    path.write_text(dumps_sssom(dataset.mapping_set), encoding="utf-8")
    assert read_sssom(path).mappings == dataset.mapping_set.mappings


# --- versions: the tables name ESCO 1.0.3, the loaded ESCO is 1.2.0 ---------------------------------


@pytest.fixture(scope="module")
def esco_120():
    return IMPORTERS["esco"].read(shared_data("esco-nl-1.2.0"))


def test_revalidation_against_esco_120(datasets: dict[str, EscoMappingDataset], esco_120) -> None:
    from competence_bridge.reports.revalidation import revalidate_crosswalk

    blm, nl, competences = (revalidate_crosswalk(datasets[name], esco_120) for name in TABLES)
    # mapping rows whose ESCO concept is not in ESCO 1.2.0: 5 mappings on 10 table rows (BLM repeats each
    # row), 6 mappings on 6 rows (NL); both point at 5 concepts
    assert blm.summary() == {"removed": 5, "relabelled": 30, "reclassified": 80, "removed_table_rows": 10,
                             "unchecked": 0}
    assert nl.summary() == {"removed": 6, "relabelled": 0, "reclassified": 0, "removed_table_rows": 6,
                            "unchecked": 0}
    assert (len(blm.diff.removed), len(nl.diff.removed)) == (5, 5)
    assert sorted({f.change.label for f in nl.missing()}) == [
        "fruit and vegetable preserver", "ingenieur windenergie", "residential care home worker",
        "therapeutic radiographer", "wind turbine technician"]
    # NL_mapping.csv says "nl" but names ESCO mostly in English: its labels are not compared
    assert (round(blm.label_agreement, 2), blm.labels_compared, round(nl.label_agreement, 2), nl.labels_compared) == (
        0.99, True, 0.13, False)
    # the export holds no skills: the competence table cannot be checked, and says so
    assert (competences.concepts_checked, len(competences.unchecked), competences.findings) == (0, 11183, ())
    assert competences.to_text("en").endswith(
        "nothing checked: the loaded ESCO version does not hold this kind of concept")
    lines = nl.to_text().splitlines()
    assert lines[0] == ("NL_mapping.csv (ESCO 1.0.3 -> 1.2.0): 6 removed, 0 relabelled, 0 reclassified, "
                        "6 removed_table_rows, 0 unchecked; labels niet vergeleken (13% gelijk: de tabel noemt ESCO "
                        "in een andere taal)")
    assert lines[1] == (
        "esco-occupation:81309031-dad2-4a7a-bde6-7f6e518f89ff (residential care home worker) is verdwenen uit versie "
        "1.2.0: controleer uwv:1000400139 → esco-occupation:81309031-dad2-4a7a-bde6-7f6e518f89ff.")
    moved = next(f for f in blm.findings if f.category == "reclassified")
    assert (moved.mapping.subject_id, moved.change.label, moved.change.old.group, moved.change.new.group) == (
        "vdab:OP-124", "jachtopziener", "http://data.europa.eu/esco/isco/C5164",
        "http://data.europa.eu/esco/isco/C5419")
