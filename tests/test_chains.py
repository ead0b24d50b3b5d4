"""Chains through ESCO from the official tables: the composition table, named cases end to end on the
real VDAB and UWV tables, explanations, SSSOM output, and the crosswalk settings."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from conftest import shared_data
from hypothesis import given
from hypothesis import strategies as st

import competence_bridge.sssom.mapping as sssom_mapping
import competence_bridge.vocabulary as vocabulary
from competence_bridge.backends.compile import compile_inputs
from competence_bridge.curated.models import CrosswalkSettings
from competence_bridge.curated.resources import shipped_files
from competence_bridge.curated.taxonomy import read_taxonomy
from competence_bridge.errors import TaxonomyError
from competence_bridge.importers.esco_mapping import EscoMappingDataset, read
from competence_bridge.matching.chains import COMPOSITION, ChainIndex, default_settings
from competence_bridge.matching.crosswalk_links import links_from_graph, links_from_mapping_sets
from competence_bridge.rdf.native import oxigraph_store
from competence_bridge.rdf.queries import NativeQueries
from competence_bridge.sssom.mapping import MappingSet, invert
from competence_bridge.sssom.tsv import dumps_sssom
from competence_bridge.vocabulary import PREDICATES

E, C, B, N, R = (f"skos:{name}Match" for name in ("exact", "close", "broad", "narrow", "related"))


def test_composition_table() -> None:
    """The documented table (module docstring of matching/chains.py and docs/crosswalks.md), cell by cell."""
    rows = {E: [E, C, B, N, R], C: [C, C, B, N, R], B: [B, B, B, R, R], N: [N, N, R, N, R], R: [R, R, R, R, R]}
    assert {(a, b): rows[a][PREDICATES.index(b)] for a in PREDICATES for b in PREDICATES} == COMPOSITION


def test_compose_keeps_its_doctests() -> None:
    result = doctest.testmod(vocabulary)
    assert result.failed == 0 and result.attempted >= 2
    assert (sssom_mapping.compose, sssom_mapping.invert) == (vocabulary.compose, vocabulary.invert)  # one definition


predicates = st.sampled_from(PREDICATES)


@given(predicates, predicates)
def test_reading_a_chain_backwards_inverts_its_relation(a: str, b: str) -> None:
    assert invert(COMPOSITION[(a, b)]) == COMPOSITION[(invert(b), invert(a))]


@given(predicates)
def test_exact_is_neutral_and_related_absorbs(a: str) -> None:
    assert COMPOSITION[(E, a)] == COMPOSITION[(a, E)] == a
    assert COMPOSITION[(R, a)] == COMPOSITION[(a, R)] == R


# --- the real tables ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables() -> list[EscoMappingDataset]:
    folder = shared_data("eures-esco-mappings")
    return [read(folder / "BLM_mapping.csv"), read(folder / "NL_mapping.csv")]


@pytest.fixture(scope="module")
def index(tables: list[EscoMappingDataset]) -> ChainIndex:
    return ChainIndex.from_mapping_sets([table.mapping_set for table in tables])


NAMED = [
    # domain, VDAB Competent occupation, UWV occupation, relation, confidence, rank among targets, hops, via, rows
    ("technology", "vdab:OP-553", "Insteller-bediener CNC werktuigmachines", "uwv:1000407328",
     "CNC-machinebediener (exclusief programmeren)", E, 1.0, 1, (E, E), "operator CNC-machine",
     ("BLM_mapping.csv:6366,6367", "NL_mapping.csv:4982")),
    ("technology", "vdab:OP-621", "Autogeenlasser", "uwv:30006", "Autogeen lasser (niveau 1&2)", R, 0.4, 4,
     (B, N), "lasser", ("BLM_mapping.csv:6596,6597", "NL_mapping.csv:2650")),
    ("ict", "vdab:OP-735", "Software ontwikkelaar", "uwv:1000414036", "Software ontwikkelaar", E, 1.0, 1, (E, E),
     "software ontwikkelaar", ("BLM_mapping.csv:6896,6897", "NL_mapping.csv:1062")),
    ("ict", "vdab:OP-229", "Websitebeheerder", "uwv:1000402036", "Webmaster (middelbaar)", C, 0.85, 1, (C, E),
     "webmaster", ("BLM_mapping.csv:5272,5273", "NL_mapping.csv:4371")),
    ("ict", "vdab:OP-200", "Netwerkbeheerder", "uwv:12643", "Systeembeheerder (hoger)", B, 0.7, 1, (E, B),
     "ict network administrator", ("BLM_mapping.csv:5120,5121", "NL_mapping.csv:827")),
    ("logistics", "vdab:OP-391", "Magazijnmedewerker", "uwv:7737", "Magazijnmedewerker", E, 1.0, 1, (E, E),
     "magazijnmedewerker", ("BLM_mapping.csv:5792,5793", "NL_mapping.csv:962")),
    ("logistics", "vdab:OP-406", "Logistiek verantwoordelijke", "uwv:8285",
     "Manager transport-, expeditie-, opslagbedrijf", E, 1.0, 1, (E, E), "manager logistiek en distributie",
     ("BLM_mapping.csv:5842,5843", "NL_mapping.csv:3124")),
    ("care", "vdab:OP-202", "Verpleegkundige", "uwv:14169", "Verpleegkundige A", E, 1.0, 1, (E, E),
     "algemeen verpleegkundige", ("BLM_mapping.csv:5128,5129", "NL_mapping.csv:4191")),
    ("care", "vdab:OP-272", "Verzorgende", "uwv:14304", "Verzorgende thuiszorg", E, 1.0, 2, (E, E),
     "thuiszorgmedewerker", ("BLM_mapping.csv:5372,5373", "NL_mapping.csv:2567")),
    ("culture", "vdab:OP-410", "Productieverantwoordelijke podium/audiovisueel", "uwv:1000408265",
     "Voorstellingsleider", C, 0.85, 1, (C, E), "stage manager", ("BLM_mapping.csv:5856,5857", "NL_mapping.csv:4058")),
]


@pytest.mark.parametrize("case", NAMED, ids=[f"{case[0]}:{case[2]}" for case in NAMED])
def test_named_chains(index: ChainIndex, case: tuple) -> None:
    _, subject, subject_label, target, target_label, predicate, confidence, rank, hops, via, rows = case
    found = index.chains(subject, best_per_target=True)
    chain = found[rank - 1]
    assert (chain.subject_label, chain.target, chain.target_label, chain.target_region) == (
        subject_label, target, target_label, "NL")
    assert (chain.predicate, round(chain.confidence, 4), tuple(h.predicate for h in chain.hops)) == (
        predicate, confidence, hops)
    assert ([h.object_label for h in chain.hops[:-1]], chain.rows()) == ([via], rows)
    # and back: the same rows, the relation inverted, the same confidence
    back = next(c for c in index.chains(target) if c.target == subject and c.via == chain.via)
    assert (back.predicate, back.confidence, back.target_region) == (invert(predicate), chain.confidence, "BE-VLG")


def test_every_chain_reads_back_inverted(index: ChainIndex, tables: list[EscoMappingDataset]) -> None:
    count = 0
    for concept in tables[0].national_concepts:
        for chain in index.chains(concept.id):
            back = [c for c in index.chains(chain.target) if c.target == concept.id and c.via == chain.via]
            assert [(c.predicate, c.confidence) for c in back] == [(invert(chain.predicate), chain.confidence)]
            count += 1
    assert count == 6837


def test_explanation_names_table_author_date_and_lines(index: ChainIndex) -> None:
    chain = index.chains("vdab:OP-410")[0]
    assert chain.explanation_nl == (
        "VDAB Competent-beroep 'Productieverantwoordelijke podium/audiovisueel' (OP-410) komt nagenoeg overeen met "
        "ESCO-beroep 'stage manager' (skos:closeMatch): tabel 'ESCO – BE NOC' van Nalantis nv, 2021-09-30, "
        "BLM_mapping.csv regels 5856, 5857.",
        "ESCO-beroep 'stage manager' komt exact overeen met UWV-beroep 'Voorstellingsleider' (1000408265) "
        "(skos:exactMatch): tabel 'ESCO to Dutch NOC' (auteur niet vermeld), 2021-08-22, NL_mapping.csv regel 4058.",
        "Samengesteld: skos:closeMatch ∘ skos:exactMatch = skos:closeMatch; betrouwbaarheid 0.85 (0.85 × 1.00).")
    assert chain.explanation_en == (
        "VDAB Competent occupation 'Productieverantwoordelijke podium/audiovisueel' (OP-410) is a close match for "
        "ESCO occupation 'stage manager' (skos:closeMatch): table 'ESCO – BE NOC' by Nalantis nv, 2021-09-30, "
        "BLM_mapping.csv lines 5856, 5857.",
        "ESCO occupation 'stage manager' is an exact match for UWV occupation 'Voorstellingsleider' (1000408265) "
        "(skos:exactMatch): table 'ESCO to Dutch NOC' (no author named), 2021-08-22, NL_mapping.csv line 4058.",
        "Composed: skos:closeMatch ∘ skos:exactMatch = skos:closeMatch; confidence 0.85 (0.85 × 1.00).")
    capped = next(c for c in index.chains("vdab:OP-621") if c.target == "uwv:30006")
    assert capped.explanation_nl[-1] == (
        "Samengesteld: skos:broadMatch ∘ skos:narrowMatch = skos:relatedMatch; betrouwbaarheid 0.40 "
        "(0.70 × 0.70, begrensd).")
    assert [hop.to_hop().explanation_en for hop in capped.hops] == list(capped.explanation_en[:2])


def test_chain_as_sssom(index: ChainIndex, tmp_path: Path) -> None:
    chain = index.chains("vdab:OP-410")[0]
    mapping = chain.to_mapping()
    assert mapping.model_dump(exclude_none=True, exclude={"comment"}) == {
        "subject_id": "vdab:OP-410", "subject_label": "Productieverantwoordelijke podium/audiovisueel",
        "subject_category": "occupation", "predicate_id": C, "object_id": "uwv:1000408265",
        "object_label": "Voorstellingsleider", "object_category": "occupation",
        "mapping_justification": "semapv:MappingChaining", "confidence": 0.85, "object_source_version": "21.1",
        "other": "chain=vdab:OP-410 > esco-occupation:1aa4bb15-c527-4a3b-9270-b3c71c4be111 > uwv:1000408265|"
                 "hop_predicates=skos:closeMatch,skos:exactMatch|hop_confidences=0.850,1.000|"
                 "rows=BLM_mapping.csv:5856,5857;NL_mapping.csv:4058|"
                 "mapping_sets=https://w3id.org/competence-bridge/mappings/esco-mapping/vdab-competent-occupation-3.8 "
                 "https://w3id.org/competence-bridge/mappings/esco-mapping/uwv-occupation-21.1"}
    assert mapping.comment == " ".join(chain.explanation_nl)
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    chains = [c.to_mapping() for s in ("vdab:OP-410", "vdab:OP-621", "vdab:OP-202") for c in index.chains(s)]
    mapping_set = MappingSet(mapping_set_id="https://w3id.org/competence-bridge/mappings/chains-test",
                             license="https://creativecommons.org/licenses/by/4.0/", mappings=tuple(chains))
    path = tmp_path / "chains.sssom.tsv"
    path.write_text(dumps_sssom(mapping_set), encoding="utf-8")
    msdf = parse_sssom_table(path)
    assert len(msdf.df) == len(chains) == 77
    reports = validate(msdf, fail_on_error=False)
    assert {kind.value: [r.message for r in report.results] for kind, report in reports.items()} == {
        kind.value: [] for kind in reports}


def test_from_a_curated_anchor_and_from_esco(index: ChainIndex) -> None:
    # the curated zorgkundige job profile's ESCO anchor ("zorghulp", see issue 12), taken as closeMatch at 0.8
    chains = index.chains("vl:job.zorgkundige", "NL", anchors=["esco-occupation:d38c2107-98f2-47b7-8bb4-f69750d51082"],
                          subject_label="Zorgkundige", subject_category="job-profile", best_per_target=True)
    first = chains[0]
    assert (first.target, first.target_label, first.predicate, first.confidence) == (
        "uwv:1000406327", "Verzorgende individuele gezondheidszorg (ig)", C, 0.8)
    assert first.hops[0].explain() == (
        "'Zorgkundige' (vl:job.zorgkundige) komt nagenoeg overeen met ESCO-beroep 'zorghulp' (skos:closeMatch): "
        "eigen ESCO-anker in de gecureerde taxonomie.")
    assert first.to_mapping().other_fields()["anchor"] == "esco-occupation:d38c2107-98f2-47b7-8bb4-f69750d51082"
    # an ESCO occupation is one hop from each side
    one = index.chains("esco-occupation:1aa4bb15-c527-4a3b-9270-b3c71c4be111", "NL")
    assert [(c.target_label, c.predicate, len(c.hops)) for c in one] == [("Voorstellingsleider", E, 1)]
    assert [c.target for c in index.chains("esco-occupation:1aa4bb15-c527-4a3b-9270-b3c71c4be111", "BE-VLG")] == [
        "vdab:OP-410"]
    with pytest.raises(ValueError, match="say to_region"):
        index.chains("vl:job.zorgkundige")


def test_settings_are_data(tables: list[EscoMappingDataset]) -> None:
    shipped = default_settings()
    assert (shipped.hop_confidence[N], shipped.anchor_confidence, shipped.chain_cap, shipped.minimum_confidence) == (
        0.7, 0.8, {R: 0.4}, 0.2)
    strict = shipped.model_copy(update={"minimum_confidence": 0.5, "chain_cap": {}})
    index = ChainIndex.from_mapping_sets([t.mapping_set for t in tables], strict)
    found = index.chains("vdab:OP-621", best_per_target=True)
    assert [(c.target_label, c.predicate, round(c.confidence, 2)) for c in found] == [("Soldeerder", N, 0.7)]


def test_bad_settings(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.yaml"
    path.write_text("crosswalk:\n- id: cb:mine\n  hop_confidence: {skos:exactMatch: 1.0}\n"
                    "  anchor_confidence: 0.8\n  minimum_confidence: 0.2\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        read_taxonomy([path])
    assert str(caught.value) == (
        f"{path}:2, entry 'cb:mine': hop_confidence needs every SKOS relation; missing "
        "skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch")
    with pytest.raises(ValueError, match="chain_cap of skos:relatedMatch must lie between 0 and 1, not 2.0"):
        CrosswalkSettings.model_validate({**default_settings().model_dump(), "chain_cap": {R: 2.0}})
    twice = tmp_path / "twice.yaml"
    twice.write_text(Path(shipped_files()[0]).parent.joinpath("matching.yaml").read_text(encoding="utf-8")
                     .split("crosswalk:")[1].replace("cb:official-crosswalks", "cb:other"), encoding="utf-8")
    twice.write_text("crosswalk:" + twice.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(TaxonomyError, match="only one crosswalk settings entry may be loaded"):
        read_taxonomy([*shipped_files(), twice])


def test_from_the_compiled_graph(index: ChainIndex, tables: list[EscoMappingDataset]) -> None:
    folder = shared_data("eures-esco-mappings")
    inputs = [("esco-mapping", folder / "BLM_mapping.csv"), ("esco-mapping", folder / "NL_mapping.csv")]
    graph = compile_inputs(shipped_files(), inputs)
    from_graph = ChainIndex.from_graph(graph)
    assert len(from_graph) == len(index) == 3506 + 5651
    # the same rows read with pyoxigraph alone, without rdflib (a one-off lookup on a store)
    native = NativeQueries(oxigraph_store(graph))
    assert links_from_graph(native) == links_from_graph(graph) == sorted(
        links_from_mapping_sets(table.mapping_set for table in tables),
        key=lambda link: (link.table.mapping_set_id, link.national, link.esco, link.predicate))
    cases = [("vdab:OP-410", None, ()), ("vdab:OP-621", None, ()), ("uwv:7737", None, ()),
             ("esco-occupation:1aa4bb15-c527-4a3b-9270-b3c71c4be111", "NL", ()),
             ("vl:job.zorgkundige", "NL", ("esco-occupation:d38c2107-98f2-47b7-8bb4-f69750d51082",))]
    for subject, region, anchors in cases:
        expected = [c.to_mapping() for c in index.chains(subject, region, anchors=anchors)]
        assert [c.to_mapping() for c in from_graph.chains(subject, region, anchors=anchors)] == expected
        # a cold lookup reads only the rows it needs, and finds the same
        for source in (graph, native):
            around = ChainIndex.around(source, subject, anchors=anchors)
            assert len(around) < 100
            assert [c.to_mapping() for c in around.chains(subject, region, anchors=anchors)] == expected
    assert [link.lines for link in from_graph.official("vdab:OP-410")] == [(18, 19), (5856, 5857)]


def test_esco_labels_from_a_loaded_esco() -> None:
    folder = shared_data("eures-esco-mappings")
    graph = compile_inputs(shipped_files(), [("esco", shared_data("esco-nl-1.2.0")),
                                             ("esco-mapping", folder / "NL_mapping.csv")])
    # NL_mapping.csv calls ESCO's inspiciënt "technical director"; the loaded ESCO gives its Dutch label
    native = NativeQueries(oxigraph_store(graph))
    for index in (ChainIndex.from_graph(graph), ChainIndex.around(graph, "uwv:1000407899"),
                  ChainIndex.from_graph(native), ChainIndex.around(native, "uwv:1000407899")):
        chain = index.chains("esco-occupation:00030d09-2b3a-4efd-87cc-c4ea39d27c34", "NL")[0]
        assert chain.explanation_nl == (
            "ESCO-beroep 'inspiciënt' komt exact overeen met UWV-beroep 'Chef-inspiciënt' (1000407899) "
            "(skos:exactMatch): tabel 'ESCO to Dutch NOC' (auteur niet vermeld), 2021-08-22, NL_mapping.csv regel 2437.",)
