"""ESCO CSV importer: the real Dutch exports (counts), the fixture export (skills, relations), bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from competence_bridge.errors import SourceFormatError
from competence_bridge.rdf.graph import new_graph
from competence_bridge.importers import IMPORTERS
from competence_bridge.importers.esco import ESCO, EscoDataset, read
from competence_bridge.bulk import paused_gc
from competence_bridge.rdf.namespaces import CB, RDF

from conftest import shared_data

FIXTURE = Path(__file__).parent / "fixtures" / "esco"
E = "http://data.europa.eu/esco/"
ISCO = E + "isco/C"


def occ(n: int) -> str:
    return f"{E}occupation/f1000000-0000-4000-8000-00000000000{n}"


def skill(n: int) -> str:
    return f"{E}skill/f2000000-0000-4000-8000-00000000000{n}"


def group(n: int) -> str:
    return f"{E}skill/f3000000-0000-4000-8000-00000000000{n}"


def load(dataset: EscoDataset):
    graph = new_graph("oxigraph")
    with paused_gc():
        graph.addN((s, p, o, graph) for s, p, o in dataset.triples())
    return graph


def count(graph, where: str) -> int:
    query = ("PREFIX esco: <http://data.europa.eu/esco/model#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
             "PREFIX cb: <https://w3id.org/competence-bridge/vocab#> PREFIX dcterms: <http://purl.org/dc/terms/> "
             f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(next(iter(graph.query(query)))[0])


# --- the real exports in ../shared/data -----------------------------------------------------------


@pytest.fixture(scope="module")
def esco120() -> EscoDataset:
    return read(shared_data("esco-nl-1.2.0"))


@pytest.fixture(scope="module")
def graph120(esco120: EscoDataset):
    return load(esco120)


def test_esco_120_nl_counts(esco120: EscoDataset) -> None:
    assert (esco120.kind, esco120.version, esco120.language) == ("esco", "1.2.0", "nl")
    assert esco120.summary() == {
        "occupations": 3039,
        "occupation_preferred_labels": 3039,
        "occupation_alt_labels": 19786,
        "occupation_hidden_labels": 1481,
        "isco_groups": 619,
        "skill_groups": 640,
        "skills": 0,
        "skill_relations": 0,
    }
    assert esco120.files == ("esco-nl-1.2.0/occupations_nl.csv", "esco-nl-1.2.0/ISCOGroups_nl.csv",
                             "esco-nl-1.2.0/skillsHierarchy_nl.csv", "esco-nl-1.2.0/skillGroups_nl.csv")


def test_esco_120_nl_graph_has_every_occupation_label_and_anchor(graph120) -> None:
    assert count(graph120, "?o a esco:Occupation") == 3039
    assert count(graph120, "?o a esco:Occupation ; skos:prefLabel ?l FILTER(lang(?l) = 'nl')") == 3039
    assert count(graph120, "?o a esco:Occupation ; skos:altLabel ?l FILTER(lang(?l) = 'nl')") == 19786
    assert count(graph120, "?o a esco:Occupation ; skos:hiddenLabel ?l FILTER(lang(?l) = 'nl')") == 1481
    assert count(graph120, "?o a esco:Occupation ; cb:iscoGroup ?g ; esco:memberOfISCOGroup ?g") == 3039
    assert count(graph120, "?o a esco:Occupation ; skos:broader ?b") == 3039
    # 1244 occupations sit under another occupation, the rest directly under their ISCO unit group
    assert count(graph120, "?o a esco:Occupation ; skos:broader ?b . ?b a esco:Occupation") == 1244
    assert count(graph120, "?g skos:inScheme <http://data.europa.eu/esco/concept-scheme/isco>") == 619
    assert count(graph120, "?g skos:inScheme <http://data.europa.eu/esco/concept-scheme/isco> ; skos:broader ?p") == 609
    # skill groups: every group but the four top ones (L, S, K, T) has a broader group
    assert count(graph120, "?g skos:inScheme <http://data.europa.eu/esco/concept-scheme/skills-hierarchy> ; "
                           "skos:broader ?p") == 636
    assert count(graph120, "?c dcterms:source <https://w3id.org/competence-bridge/id/dataset/esco/1.2.0/nl>") \
        == 3039 + 619 + 640


def test_esco_120_broader_follows_the_code(esco120: EscoDataset, graph120) -> None:
    by_code = {o.code: o for o in esco120.occupations}
    assert by_code["2654.1.7"].preferred_label == "inspiciënt"
    assert by_code["2654.1.7"].broader == by_code["2654.1"].uri
    assert by_code["2654.1"].broader == ISCO + "2654"
    node = URIRef(by_code["2654.1.7"].uri)
    assert set(graph120.objects(node, SKOS.broader)) == {URIRef(by_code["2654.1"].uri)}
    assert set(graph120.objects(node, CB.iscoGroup)) == {URIRef(ISCO + "2654")}
    assert {str(o) for o in graph120.objects(node, SKOS.notation)} == {"2654.1.7"}
    assert Literal("toneelmeester", lang="nl") in set(graph120.objects(node, SKOS.altLabel))
    chain = [ISCO + "2654", ISCO + "265", ISCO + "26", ISCO + "2"]
    for narrower, broader in zip(chain, chain[1:]):
        assert set(graph120.objects(URIRef(narrower), SKOS.broader)) == {URIRef(broader)}


def test_esco_111_nl_has_3007_occupations_read_from_the_file() -> None:
    dataset = IMPORTERS["esco"].read(shared_data("esco-nl-1.1.1", "occupations_nl.csv"))
    assert isinstance(dataset, EscoDataset)
    assert (dataset.version, dataset.language) == ("1.1.1", "nl")
    assert dataset.summary() == {
        "occupations": 3007, "occupation_preferred_labels": 3007, "occupation_alt_labels": 19800,
        "occupation_hidden_labels": 1481, "isco_groups": 0, "skill_groups": 0, "skills": 0, "skill_relations": 0,
    }
    # its records end in CRLF; text fields are normalised to LF
    assert not any("\r" in o.description for o in dataset.occupations)


# --- the fixture export (skills and relations are not in shared data) ------------------------------


@pytest.fixture(scope="module")
def fixture_set() -> EscoDataset:
    return read(FIXTURE)


def test_fixture_export_is_read_whole(fixture_set: EscoDataset) -> None:
    assert (fixture_set.version, fixture_set.language) == (None, "en")
    assert fixture_set.summary() == {
        "occupations": 4, "occupation_preferred_labels": 4, "occupation_alt_labels": 5,
        "occupation_hidden_labels": 1, "isco_groups": 11, "skill_groups": 3, "skills": 4, "skill_relations": 6,
    }
    first = fixture_set.occupations[0]
    assert first.alt_labels == ("technical and operations director", "head of technical")
    assert first.in_scheme == (E + "concept-scheme/occupations", E + "concept-scheme/member-occupations")
    assert [o.broader for o in fixture_set.occupations] == [ISCO + "2654", occ(1), ISCO + "8121", ISCO + "2512"]
    assert [g.broader for g in fixture_set.skill_groups] == ["", group(1), group(2)]
    assert fixture_set.skill_groups[1].description == "Communicating, collaborating and being creative,\nwith others."
    assert [(s.skill_type, s.reuse_level) for s in fixture_set.skills] == [
        ("skill/competence", "sector-specific"), ("knowledge", "sector-specific"),
        ("skill/competence", "occupation-specific"), ("skill/competence", "transversal")]


def test_fixture_triples_use_the_esco_model(fixture_set: EscoDataset) -> None:
    graph = load(fixture_set)
    assert set(graph.objects(URIRef(occ(1)), ESCO.relatedEssentialSkill)) == {URIRef(skill(1)), URIRef(skill(2))}
    assert set(graph.objects(URIRef(occ(3)), ESCO.relatedOptionalSkill)) == {URIRef(skill(4))}
    assert count(graph, "?o esco:relatedEssentialSkill ?s") == 3
    assert count(graph, "?o esco:relatedOptionalSkill ?s") == 3
    s2 = URIRef(skill(2))
    assert set(graph.objects(s2, RDF.type)) == {ESCO.Skill, SKOS.Concept}
    assert set(graph.objects(s2, ESCO.skillType)) == {URIRef(E + "skill-type/knowledge")}
    assert set(graph.objects(s2, ESCO.skillReuseLevel)) == {URIRef(E + "skill-reuse-level/sector-specific")}
    assert set(graph.objects(URIRef(skill(4)), SKOS.hiddenLabel)) == {Literal("teamwork", lang="en")}
    o2 = URIRef(occ(2))
    assert set(graph.objects(o2, RDF.type)) == {ESCO.Occupation, SKOS.Concept}
    assert set(graph.objects(o2, SKOS.prefLabel)) == {Literal("stage manager", lang="en")}
    assert set(graph.objects(o2, SKOS.broader)) == {URIRef(occ(1))}
    assert set(graph.objects(o2, ESCO.memberOfISCOGroup)) == set(graph.objects(o2, CB.iscoGroup)) \
        == {URIRef(ISCO + "2654")}
    assert set(graph.objects(URIRef(group(3)), SKOS.broader)) == {URIRef(group(2))}
    assert set(graph.objects(URIRef(group(1)), SKOS.broader)) == set()
    source = fixture_set.source_iri
    assert str(source) == "https://w3id.org/competence-bridge/id/dataset/esco/unversioned/en"
    assert set(graph.objects(o2, DCTERMS.source)) == {source}
    assert (source, RDF.type, CB.Source) in graph
    assert {str(o) for o in graph.objects(source, DCTERMS.source)} == {
        f"esco/{name}_en.csv" for name in ("occupations", "ISCOGroups", "skillsHierarchy", "skillGroups", "skills",
                                           "occupationSkillRelations")}
    assert count(graph, "?x a skos:ConceptScheme") == 7


def test_version_from_directory_name_or_argument(tmp_path: Path) -> None:
    export = shutil.copytree(FIXTURE, tmp_path / "esco-en-v1.2.0")
    assert read(export).version == "1.2.0"
    assert read(export, version="1.2.1").version == "1.2.1"
    assert read(export / "occupations_en.csv").version == "1.2.0"


def test_a_file_path_reads_the_whole_export(fixture_set: EscoDataset) -> None:
    dataset = read(FIXTURE / "occupations_en.csv")
    assert dataset.summary() == fixture_set.summary()
    assert list(dataset.triples()) == list(fixture_set.triples())


def test_bom_and_crlf_are_accepted(tmp_path: Path, fixture_set: EscoDataset) -> None:
    export = shutil.copytree(FIXTURE, tmp_path / "export")
    for name in ("occupations_en.csv", "skills_en.csv"):
        path = export / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    dataset = read(export)
    assert dataset.occupations == fixture_set.occupations
    assert dataset.skills == fixture_set.skills


# --- bad input: SourceFormatError naming the file, the line and the column -------------------------

HEADER = ("conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
          "regulatedProfessionNote,scopeNote,definition,inScheme,description,code")
GOOD = f"Occupation,{occ(1)},2654,technical director,\"director\nhead of technical\",,released,,,,,,,2654.1"


def export(tmp_path: Path, text: str | bytes, name: str = "occupations_en.csv") -> Path:
    """A one-file export directory holding *text* as *name*."""
    directory = tmp_path / "export"
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def error_of(path: Path) -> SourceFormatError:
    with pytest.raises(SourceFormatError) as caught:
        read(path)
    return caught.value


def test_truncated_record(tmp_path: Path) -> None:
    path = export(tmp_path, f"{HEADER}\n{GOOD}\nOccupation,{occ(2)},2654,stage manager\n")
    error = error_of(path.parent)
    assert str(error) == (f"{path}:4: the record has 4 fields but the header has 14; "
                          "is the file truncated or a quote missing?")
    assert (error.file, error.line) == (str(path), 4)


def test_unterminated_quoted_field(tmp_path: Path) -> None:
    path = export(tmp_path, f"{HEADER}\n{GOOD}\nOccupation,{occ(2)},2654,\"stage manager,,,released\n")
    assert str(error_of(path)) == (f"{path}:4: unterminated quoted field: the record starting on this line "
                                   "runs to the end of the file")


def test_stray_quote(tmp_path: Path) -> None:
    path = export(tmp_path, f"{HEADER}\nOccupation,{occ(2)},2654,\"stage\" manager,,,,,,,,,,\n")
    assert str(error_of(path)) == f"{path}:2: malformed CSV: ',' expected after '\"'"


def test_missing_required_column(tmp_path: Path) -> None:
    header = HEADER.replace("conceptUri,", "")
    path = export(tmp_path, f"{header}\nOccupation,2654,technical director,,,released,,,,,,,2654.1\n")
    error = error_of(path)
    assert str(error) == (f"{path}:1: missing required column 'conceptUri'; the header has conceptType, iscoGroup, "
                          "preferredLabel, altLabels, hiddenLabels, status, modifiedDate, regulatedProfessionNote, "
                          "scopeNote, definition, inScheme, description, code")


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    text = f"{HEADER}\n{GOOD}\nOccupation,{occ(2)},2654,r\xe9gisseur,,,released,,,,,,,2654.2\n".encode("latin-1")
    path = export(tmp_path, text)
    error = error_of(path)
    assert str(error) == f"{path}:4: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8"
    assert error.line == 4  # GOOD spans lines 2 and 3


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    path = export(tmp_path, "")
    assert str(error_of(path)) == f"{path}: the file is empty; expected a CSV header row"
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert str(error_of(path)) == f"{path}: the file has a header but no records"


def test_directory_without_occupations(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "skills_en.csv", tmp_path / "skills_en.csv")
    assert str(error_of(tmp_path)) == (f"{tmp_path}: no occupations_<language>.csv in this directory; "
                                       "expected an ESCO CSV export such as esco-nl-1.2.0/")
    assert str(error_of(tmp_path / "nothing-here")) == f"{tmp_path / 'nothing-here'}: no such file or directory"
    assert str(error_of(tmp_path / "skills_en.csv")) == (
        f"{tmp_path / 'skills_en.csv'}: expected an ESCO occupations_<language>.csv file or an export directory")


def test_several_languages_need_a_choice(tmp_path: Path) -> None:
    directory = shutil.copytree(FIXTURE, tmp_path / "export")
    shutil.copy(FIXTURE / "occupations_en.csv", directory / "occupations_nl.csv")
    assert str(error_of(directory)) == f"{directory}: exports in several languages (en, nl); choose one with language="
    assert read(directory, language="en").summary()["skills"] == 4
    assert read(directory, language="nl").summary()["skills"] == 0


@pytest.mark.parametrize(("row", "where", "message"), [
    (f"Occupation,{occ(1)},2654,,,,released,,,,,,,2654.1", "column 'preferredLabel'", "empty value"),
    (f"Occupation,{occ(1)},265,director,,,released,,,,,,,2654.1", "column 'iscoGroup'",
     "'265' is not a 4-digit ISCO-08 unit group code"),
    (f"Occupation,urn:x:1,2654,director,,,released,,,,,,,2654.1", "column 'conceptUri'",
     "'urn:x:1' is not an http(s) IRI"),
    (f"Occupation,{occ(1)},2654,director,,,released,25-01-2024,,,,,,2654.1", "column 'modifiedDate'",
     "'25-01-2024' is not an ISO 8601 date and time"),
    (f"Occupation,{occ(1)},2654,director,,,released,,,,,,,2654-1", "column 'code'",
     "'2654-1' is not an ESCO occupation code such as 2654.1.7"),
    (f"Occupation,{occ(1)},2654,director,,,released,,,,,not an iri,,2654.1", "column 'inScheme'",
     "'not' is not an http(s) IRI"),
])
def test_bad_values_name_the_column(tmp_path: Path, row: str, where: str, message: str) -> None:
    path = export(tmp_path, f"{HEADER}\n{row}\n")
    error = error_of(path)
    assert str(error) == f"{path}:2, {where}: {message}"
    assert (error.line, error.where, error.message) == (2, where, message)


def test_duplicate_occupation(tmp_path: Path) -> None:
    path = export(tmp_path, f"{HEADER}\n{GOOD}\n{GOOD.replace('2654.1', '2654.2')}\n")
    assert str(error_of(path)) == f"{path}:4, column 'conceptUri': duplicate {occ(1)} (first on line 2)"


def _broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    directory = shutil.copytree(FIXTURE, tmp_path / "export")
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_relation_to_an_unknown_occupation(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "occupationSkillRelations_en.csv", occ(3), occ(9))
    assert str(error_of(path.parent)) == f"{path}:5, column 'occupationUri': unknown occupation {occ(9)}"


def test_relation_to_an_unknown_skill_and_type(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "occupationSkillRelations_en.csv", f"optional,skill/competence,{skill(1)}",
                        f"optional,skill/competence,{skill(8)}")
    assert str(error_of(path.parent)) == (f"{path}:4, column 'skillUri': unknown skill {skill(8)} "
                                          "(not in skills_en.csv)")
    path.write_text(path.read_text(encoding="utf-8").replace(",optional,", ",nice-to-have,", 1), encoding="utf-8")
    assert str(error_of(path.parent)) == (f"{path}:4, column 'relationType': unknown relation type "
                                          "'nice-to-have'; expected essential or optional")


def test_unknown_skill_type(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "skills_en.csv", ",knowledge,", ",knowhow,")
    assert str(error_of(path.parent)) == (f"{path}:5, column 'skillType': unknown skill type 'knowhow'; expected "
                                          "one of skill/competence, knowledge")


def test_unknown_isco_group_when_the_groups_file_is_there(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "occupations_en.csv", ",8121,", ",8122,")
    assert str(error_of(path.parent)) == f"{path}:7, column 'iscoGroup': ISCO group '8122' is not in ISCOGroups_en.csv"


def test_hierarchy_record_cut_before_its_own_code(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "skillsHierarchy_en.csv", ",S,S1\n", ",S\n")
    assert str(error_of(path.parent)) == (f"{path}:3: the record has 11 fields but the header has 14; "
                                          "is the file truncated or a quote missing?")


def test_nothing_is_returned_when_an_optional_file_is_bad(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "skillGroups_en.csv", ",S1.1\n", ",\"S1.1\n")
    assert str(error_of(path.parent)) == (f"{path}:7: unterminated quoted field: the record starting on this line "
                                          "runs to the end of the file")
