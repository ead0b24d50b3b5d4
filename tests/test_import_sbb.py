"""The SBB kwalificatiedossier importer: the four real 2016 files, the graph shape, bad and hostile XML.

The expected counts were computed once with a separate ElementTree script over the shared files
(not with the importer) and are hard-coded here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from competence_bridge.errors import SourceFormatError
from competence_bridge.rdf.graph import new_graph
from competence_bridge.importers import IMPORTERS, sbb
from competence_bridge.rdf.build import iri, source_iri
from competence_bridge.rdf.namespaces import CB, ELM, RDF
from conftest import shared_data

FOLDER = "sbb-kwalificatiedossiers-2016"
MINIMAL = Path(__file__).parent / "fixtures" / "sbb" / "minimal-dossier.xml"

#: Per file: dossier crebo and title; basisdeel kerntaken, werkprocessen, distinct vakkennis items; then per
#: profiel: crebo, niveau, title, own kerntaken, own werkprocessen, distinct items reached from the basisdeel
#: (with the basisdeel's additions for that profiel), distinct items of its own kerntaken, and the profiel's
#: distinct items in total split into knowledge ("heeft ...") and skills ("kan ...").
EXPECTED = {
    "2635_Pedagogisch_Werk.xml": ("23183", "Pedagogisch Werk", (2, 10, 38), [
        ("25486", "3", "Pedagogisch medewerker kinderopvang", 1, 6, 40, 16, 21, 28),
        ("25484", "4", "Gespecialiseerd pedagogisch medewerker", 2, 11, 41, 44, 44, 37),
        ("25485", "4", "Onderwijsassistent", 2, 7, 41, 31, 35, 34),
    ]),
    "2637_Sociaal_werk.xml": ("23185", "Sociaal werk", (2, 10, 47), [
        ("25489", "4", "Sociaal-maatschappelijk dienstverlener", 1, 3, 47, 14, 31, 22),
        ("25488", "4", "Sociaal-cultureel werker", 1, 3, 47, 10, 31, 21),
    ]),
    "2755_Dienstverlening.xml": ("23189", "Dienstverlening", (1, 9, 18), [
        ("25499", "2", "Medewerker facilitaire dienstverlening", 1, 3, 18, 9, 10, 16),
        ("25498", "2", "Helpende Zorg en Welzijn", 1, 3, 18, 17, 12, 21),
        ("25500", "2", "Medewerker sport en recreatie", 1, 3, 18, 13, 10, 21),
    ]),
    "4156_Maatschappelijke_Zorg.xml": ("23181", "Maatschappelijke Zorg", (2, 9, 45), [
        ("25475", "3", "Begeleider gehandicaptenzorg", 1, 4, 54, 24, 33, 45),
        ("25476", "3", "Begeleider specifieke doelgroepen", 1, 3, 54, 10, 22, 42),
        ("25477", "4", "Persoonlijk begeleider gehandicaptenzorg", 1, 8, 57, 25, 36, 46),
        ("25474", "4", "Agogisch medewerker GGZ", 1, 6, 57, 16, 30, 43),
        ("25479", "4", "Thuisbegeleider", 1, 7, 57, 14, 27, 44),
        ("25478", "4", "Persoonlijk begeleider specifieke doelgroepen", 1, 6, 57, 15, 27, 45),
    ]),
}


def _codes(qualification, kind: str, prefix: str) -> list[str]:
    return [c.code for c in qualification.competences if c.kind == kind and c.code.startswith(prefix)]


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def dossier(request: pytest.FixtureRequest) -> tuple[str, sbb.SbbDataset]:
    return request.param, sbb.read(shared_data(FOLDER, request.param))


def test_profiles_crebos_levels_and_titles(dossier: tuple[str, sbb.SbbDataset]) -> None:
    name, data = dossier
    crebo, title, _, profiles = EXPECTED[name]
    assert (data.dossier.crebo, data.dossier.title, data.dossier.id) == (crebo, title, f"nl:dossier-{crebo}")
    assert [(q.code, q.level, q.title.nl) for q in data.qualifications] == [
        (p[0], f"nlqf:{p[1]}", p[2]) for p in profiles]
    for q, p in zip(data.qualifications, profiles):
        assert q.id == f"nl:crebo-{p[0]}" and q.qualification_type == f"nl:mbo-{p[1]}"
        assert (q.region, q.kind, q.text_status, q.evidence, q.domain) == (
            "NL", "mbo-kwalificatie", "official", "verified", "care")
        assert q.sources == (data.source_key,) == (sbb.file_key("sbb", Path(name)),)


def test_counts_of_basisdeel_and_each_profiel(dossier: tuple[str, sbb.SbbDataset]) -> None:
    name, data = dossier
    _, _, (tasks, processes, items), profiles = EXPECTED[name]
    from_basis_in_all = set.intersection(*(
        {child.removeprefix(q.id) for child, parent in data.part_of
         if child.startswith(f"{q.id}.vk-") and parent.startswith(f"{q.id}.B1-")} for q in data.qualifications))
    assert len(from_basis_in_all) == items  # the basisdeel's own items; additions differ per profiel
    for n, (q, p) in enumerate(zip(data.qualifications, profiles), start=1):
        own_tasks, own_processes, from_basis, own_items, knowledge, skills = p[3:]
        assert len(_codes(q, "task", "B1-")) == tasks and len(_codes(q, "work-process", "B1-")) == processes
        assert len(_codes(q, "task", f"P{n}-")) == own_tasks
        assert len(_codes(q, "work-process", f"P{n}-")) == own_processes
        assert len(q.competences) == tasks + processes + own_tasks + own_processes + knowledge + skills
        assert sum(c.kind == "knowledge" for c in q.competences) == knowledge
        assert sum(c.kind == "skill" for c in q.competences) == skills
        links = [(child, parent) for child, parent in data.part_of if child.startswith(f"{q.id}.vk-")]
        assert len({child for child, parent in links if parent.startswith(f"{q.id}.B1-")}) == from_basis
        assert len({child for child, parent in links if parent.startswith(f"{q.id}.P{n}-")}) == own_items


def test_each_profiel_holds_the_basisdeel_work_processes_plus_its_own(dossier: tuple[str, sbb.SbbDataset]) -> None:
    _, data = dossier
    basis = [[(c.code, c.kind, c.statement) for c in q.competences if c.code.startswith("B1-")]
             for q in data.qualifications]
    assert all(part == basis[0] for part in basis) and basis[0]
    for n, q in enumerate(data.qualifications, start=1):
        structure = [c.code for c in q.competences if c.kind in ("task", "work-process")]
        own = [code for code in structure if code.startswith(f"P{n}-")]
        assert structure == [code for code, _, _ in basis[0]] + own and own
        assert all(c.id == f"{q.id}.{c.code}" for c in q.competences if c.kind in ("task", "work-process"))
        assert all(c.id == f"{q.id}.vk-{c.code}" for c in q.competences if c.kind in ("knowledge", "skill"))


def test_summary_and_protocol(dossier: tuple[str, sbb.SbbDataset]) -> None:
    name, data = dossier
    _, _, (tasks, processes, _), profiles = EXPECTED[name]
    summary = data.summary()
    assert data.kind == "sbb" and data.path.name == name
    assert summary["profiles"] == len(profiles)
    assert summary["tasks"] == sum(tasks + p[3] for p in profiles)
    assert summary["work_processes"] == sum(processes + p[4] for p in profiles)
    assert summary["knowledge"] == sum(p[7] for p in profiles) and summary["skills"] == sum(p[8] for p in profiles)


def test_versions() -> None:
    assert sbb.read(shared_data(FOLDER, "4156_Maatschappelijke_Zorg.xml")).version == "Gewijzigd 2016"
    assert sbb.read(shared_data(FOLDER, "2637_Sociaal_werk.xml")).version == "2015-11-26"  # vastgesteld op


def test_graph_shape() -> None:
    path = shared_data(FOLDER, "2637_Sociaal_werk.xml")
    data = IMPORTERS["sbb"].read(path)
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in data.triples())
    profile, dossier = iri("nl:crebo-25489"), iri("nl:dossier-23185")
    source = source_iri("sbb-2637-sociaal-werk")
    assert (profile, CB.level, iri("nlqf:4")) in graph
    assert (profile, ELM.EQFLevel, iri("eqf:4")) in graph
    assert (profile, DCTERMS.type, iri("nl:mbo-4")) in graph
    assert (profile, DCTERMS.isPartOf, dossier) in graph and (dossier, DCTERMS.hasPart, profile) in graph
    assert (profile, DCTERMS.source, source) in graph and (profile, CB.evidence, CB.Verified) in graph
    assert (source, RDF.type, CB.Source) in graph
    assert (source, FOAF.page, URIRef(path.resolve().as_uri())) in graph
    assert (source, DCTERMS.publisher, Literal(sbb.PUBLISHER)) in graph
    assert (dossier, DCTERMS.identifier, Literal("23185")) in graph
    assert (iri("nl:crebo-25489.B1-K1-W1"), DCTERMS.isPartOf, iri("nl:crebo-25489.B1-K1")) in graph
    rows = list(graph.query(
        f"SELECT ?kind (COUNT(?c) AS ?n) WHERE {{ <{profile}> cb:hasCompetence ?c . ?c cb:competenceKind ?kind }}"
        " GROUP BY ?kind"))
    assert {str(kind): int(n) for kind, n in rows} == {"task": 3, "work-process": 13, "knowledge": 31, "skill": 22}
    row = next(iter(graph.query(
        "SELECT ?c ?label ?code WHERE { ?c skos:prefLabel ?label ; skos:notation ?code }",
        initBindings={"c": iri("nl:crebo-25489.B1-K1-W1")})))[1:]
    assert (str(row[0]), str(row[1])) == ("Inventariseert de vraag naar sociaal werk", "B1-K1-W1")


def test_minimal_dossier() -> None:
    data = sbb.read(MINIMAL)
    first, second = data.qualifications
    assert [c.id for c in first.competences] == [
        "nl:crebo-99002.B1-K1", "nl:crebo-99002.B1-K1-W1", "nl:crebo-99002.B1-K1-W2", "nl:crebo-99002.P1-K1",
        "nl:crebo-99002.P1-K1-W1", "nl:crebo-99002.vk-101", "nl:crebo-99002.vk-102"]
    assert [(c.kind, c.code) for c in first.competences[-2:]] == [("knowledge", "101"), ("skill", "102")]
    assert [c.statement for c in second.competences[-2:]] == ["heeft kennis van netwerken",
                                                              "heeft kennis van besturingssystemen"]
    assert (first.level, second.level, first.domain) == ("nlqf:2", "nlqf:3", "ict")
    assert str(first.valid_from) == "2015-08-01" and second.valid_from is None
    assert data.summary() == {"profiles": 2, "competences": 12, "tasks": 3, "work_processes": 5,
                              "knowledge": 3, "skills": 1}


# --- bad input: every message names the file, and the element and line where there is one ---------------

def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "dossier.xml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(SourceFormatError) as caught:
        sbb.read(path)
    return str(caught.value)


@pytest.mark.parametrize(("old", "new", "message"), [
    ('      <dossiercrebos>\n        <dossiercrebo Geldig_vanaf="01-08-2015">99001</dossiercrebo>\n'
     '      </dossiercrebos>\n', "",
     ':8, <dossier nr="1">: the dossier has no crebo: no <dossiercrebos/dossiercrebo> element'),
    (' hoofdstuk="2" niveau="3"', ' hoofdstuk="2"', ":56, <profiel nr=\"30\">: missing or empty attribute 'niveau'"),
    ('niveau="3"', 'niveau="5"', ":56, <profiel nr=\"30\">: niveau must be an mbo level 1-4, not '5'"),
    ("<crebo>99003</crebo>", "<crebo>9900</crebo>", ":58, <crebo>: a crebo is five digits, not '9900'"),
    ("<crebo>99003</crebo>", "<crebo>99002</crebo>", ':56, <profiel nr="30">: crebo 99002 is used by two profielen'),
    ('referentie="102"', 'referentie="999"',
     ":48, <vakkennisenvaardigheden>: refers to kennisofvaardigheid 999, which the dossier does not list"),
    ('<profiel referentie="30" />', '<profiel referentie="77" />',
     ":25, <profiel>: refers to profiel 77, which the dossier does not have"),
    ('titel="Stelt de storing vast" hoofdstuk="1"', 'titel="Stelt de storing vast" hoofdstuk="x"',
     ":51, <werkproces nr=\"22\">: attribute 'hoofdstuk' must be a positive whole number, not 'x'"),
    ('<kennisofvaardigheid nr="101"', '<kennisofvaardigheid nr="1/01"',
     ":13, <kennisofvaardigheid nr=\"1/01\">: attribute 'nr' must be a positive whole number, not '1/01'"),
    ('<dossiercrebo Geldig_vanaf="01-08-2015">', '<dossiercrebo Geldig_vanaf="2015-08-01">',
     ":10, <dossiercrebo>: attribute 'Geldig_vanaf' is not a date DD-MM-YYYY: '2015-08-01'"),
])
def test_bad_dossiers(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert _error(_variant(tmp_path, old, new)) == f"{tmp_path / 'dossier.xml'}{message}"


def test_not_an_sbb_file(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?>\n<kwalificatie>\n  <dossiers/>\n</kwalificatie>\n', encoding="utf-8")
    assert _error(path) == (f"{path}:2, <kwalificatie>: not an SBB kwalificatiedossier: the root element is "
                            "<kwalificatie>, expected <sbb>")
    path.write_text("<sbb>\n  <domeinen/>\n</sbb>\n", encoding="utf-8")
    assert _error(path) == f"{path}:1, <sbb>: not an SBB kwalificatiedossier: no <dossiers>/<dossier> element"


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<sbb>\n  <dossiers>\n    <dossier nr='1'>\n  </dossiers>\n</sbb>\n", encoding="utf-8")
    assert _error(path) == f"{path}:4: malformed XML: mismatched tag"
    path.write_text("<sbb>\n  <a>&undefined;</a>\n</sbb>\n", encoding="utf-8")
    assert _error(path) == f"{path}:2: malformed XML: undefined entity"
    path.write_bytes(b"")
    assert _error(path) == f"{path}:1: malformed XML: no element found"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.xml"
    assert _error(path) == f"{path}: cannot read: No such file or directory"


# --- hostile XML: a DOCTYPE is refused before any entity is declared, expanded or fetched ----------------

REFUSED = ": a DOCTYPE is not allowed (entities are never expanded or fetched)"


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE sbb [\n  <!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>\n'
                    "<sbb><dossiers><dossier titel='&xxe;'/></dossiers></sbb>\n", encoding="utf-8")
    message = _error(path)
    assert message == f"{path}:2{REFUSED}" and "TOP-SECRET" not in message


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    entities = ['  <!ENTITY lol0 "lol">'] + [
        f'  <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    path = tmp_path / "laughs.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE sbb [\n' + "\n".join(entities) + "\n]>\n<sbb>&lol9;</sbb>\n",
                    encoding="utf-8")
    assert _error(path) == f"{path}:2{REFUSED}"


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE sbb SYSTEM "http://127.0.0.1:9/sbb.dtd">',
    '<!DOCTYPE sbb [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
    "<!DOCTYPE sbb>",
])
def test_any_doctype_is_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "doctype.xml"
    path.write_text(f'<?xml version="1.0"?>\n\n{doctype}\n<sbb/>\n', encoding="utf-8")
    assert _error(path) == f"{path}:3{REFUSED}"


def test_the_four_dossiers_replace_the_curated_summaries_of_their_crebos() -> None:
    import competence_bridge

    # Five curated mbo qualifications are profielen of these dossiers; their ids are the crebos, so a loaded
    # dossier replaces each summary instead of standing beside it as a second "Helpende zorg en welzijn".
    paths = [shared_data(FOLDER, name) for name in sorted(EXPECTED)]
    bridge = competence_bridge.load(sbb=paths, cache=False)
    helpers = [item.id for item in bridge.items.items.values()
               if item.kind == "qualification" and item.label.casefold() == "helpende zorg en welzijn"]
    assert helpers == ["nl:crebo-25498"]
    assert not [key for key in bridge.items.items if key.startswith(("nl:kd-helpende", "nl:kd-pedagogisch",
                                                                     "nl:kd-persoonlijk", "nl:kd-medewerker"))]
    for crebo in ("25477", "25478", "25486", "25498", "25499"):
        assert bridge.items.items[f"nl:crebo-{crebo}"].code == crebo  # the official record's notation
    item = bridge.items.items["nl:crebo-25477"]
    # the official title, text and competences; the curated anchors, names and summary it lacks
    assert item.label == "Persoonlijk begeleider gehandicaptenzorg" and len(item.competences) == 102
    assert item.alt_labels == ["PB gehandicaptenzorg", "PBGZ", "begeleider gehandicaptenzorg", "persoonlijk begeleider"]
    assert item.definition is not None and item.definition.startswith("Begeleidt en ondersteunt cliënten van alle")
    assert item.esco == {"esco-occupation:9c55aa23-e3f2-4c00-8c90-5ed5204951a3",
                         "esco-occupation:c6239b9e-5973-4b0a-a2ed-4c4b41331e04"}
    english = {str(label) for label in bridge.graph.objects(iri("nl:crebo-25477"), SKOS.prefLabel)
               if label.language == "en"}
    assert english == {"Personal support worker in disability care"}
    verzorgende = [c.target.id for c in bridge.translate("vl:bk-verzorgende", to="NL").candidates]
    assert verzorgende[:1] == ["nl:crebo-25498"] and len(verzorgende) == len(set(verzorgende))
    # found by its curated name 'begeleider gehandicaptenzorg', as without the dossier
    assert [c.target.id for c in bridge.translate("vl:ok-jeugd-en-gehandicaptenzorg", to="NL").candidates] == [
        "nl:crebo-25477"]


def test_kept_curated_facts_are_only_what_the_record_lacks() -> None:
    from competence_bridge.curated.models import AltLabels, Labels, Qualification
    from competence_bridge.rdf.build import kept_curated_facts

    common = {"id": "nl:crebo-99002", "region": "NL", "kind": "mbo-kwalificatie", "level": "nlqf:2",
              "domain": "ict", "sources": ("s",), "evidence": "secondary", "code": "99002"}
    curated = Qualification(**common, title=Labels(nl="Medewerker ICT", en="ICT assistant"),
                            alt_labels=AltLabels(nl=("ICT-medewerker", "Medewerker ICT (test)"), en=("IT helper",)),
                            definition="Een samenvatting.", isco=("3512",))
    bare = Qualification(**common, title=Labels(nl="Medewerker ICT (test)", en="Medewerker ICT (test)"))
    node = iri("nl:crebo-99002")
    assert set(kept_curated_facts(curated, bare)) == {
        (node, CB.iscoGroup, URIRef("http://data.europa.eu/esco/isco/C3512")),
        (node, SKOS.altLabel, Literal("ICT-medewerker", lang="nl")),  # not the record's own title again
        (node, SKOS.altLabel, Literal("IT helper", lang="en")),
        (node, SKOS.prefLabel, Literal("ICT assistant", lang="en")),
        (node, SKOS.definition, Literal("Een samenvatting.", lang="nl")),
    }
    full = Qualification(**common, title=Labels(nl="Medewerker ICT (test)", en="ICT support worker"),
                         alt_labels=AltLabels(nl=("ict-medewerker",)), definition="De officiële tekst.",
                         isco=("3511",))
    assert set(kept_curated_facts(curated, full)) == {(node, SKOS.altLabel, Literal("IT helper", lang="en"))}
