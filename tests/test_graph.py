"""The compiled graph: round trips (YAML → graph → Turtle/JSON-LD → graph), stores, provenance."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS, XSD

from competence_bridge.backends.compile import compile_inputs
from competence_bridge.rdf.graph import (
    OxigraphTerms,
    add_quads,
    add_triples,
    atomic_file,
    current_umask,
    export,
    new_graph,
    parse_into,
    serialize,
    write_atomic,
)
from competence_bridge.importers import IMPORTERS
from competence_bridge.curated.models import TaxonomyFile
from competence_bridge.progress import Progress
from competence_bridge.rdf.build import add_taxonomy
from competence_bridge.curated.resources import shipped_files
from competence_bridge.curated.taxonomy import dump_file, load_shipped, read_taxonomy
from competence_bridge.rdf.namespaces import CB

#: Mirrors the label validator: no controls, format characters, separators or surrogates.
texts = (
    st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), min_size=1, max_size=25)
    .map(str.strip)
    .filter(bool)
)
labels = st.fixed_dictionaries({"nl": texts, "en": texts})
keys = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)


@st.composite
def taxonomies(draw: st.DrawFn) -> dict:
    """A small valid taxonomy: sources, three frameworks, types on both sides, one recognition."""
    source_ids = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    sources = [{"id": s, "title": draw(texts), "publisher": draw(texts), "url": f"https://example.org/{s}"}
               for s in source_ids]
    fact = {"sources": [draw(st.sampled_from(source_ids))], "evidence": "verified"}
    n = draw(st.integers(1, 4))
    eqf = {"id": "eqf", "label": draw(labels), "dimensions": [{"key": "knowledge", "label": draw(labels)}],
           "levels": [{"id": f"eqf:{i}", "notation": str(i), "label": draw(labels),
                       "descriptors": {"knowledge": draw(texts)}, **fact} for i in range(1, n + 1)], **fact}

    def national(key: str, region: str) -> dict:
        return {"id": key, "label": draw(labels), "region": region,
                "dimensions": [{"key": "kennis", "label": draw(labels)}],
                "levels": [{"id": f"{key}:{i}", "notation": str(i), "label": draw(labels), "eqf": f"eqf:{i}",
                            "eqf_relation": draw(st.sampled_from(["exact", "broad"])), **fact}
                           for i in range(1, n + 1)], **fact}

    def types(prefix: str, region: str, framework: str) -> list[dict]:
        local_ids = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
        return [{"id": f"{prefix}:{local}", "region": region, "label": draw(labels),
                 "alt_labels": {"nl": draw(st.lists(texts, max_size=2))}, "sector": "secondary",
                 "levels": [f"{framework}:{draw(st.integers(1, n))}"],
                 "note": draw(st.none() | texts), **fact} for local in local_ids]

    vl, nl = types("vl", "BE-VLG", "vks"), types("nl", "NL", "nlqf")
    statements = [{"subject": draw(st.sampled_from(vl))["id"], "object": nl[0]["id"]}]
    recognition = {"id": "rec:x", "label": draw(labels), "authority": draw(labels), "sectors": ["secondary"],
                   "directions": [{"from": "BE-VLG", "to": "NL"}], "binding": "advisory", "status": "in-force",
                   "scope": draw(labels), "statements": statements, **fact}
    return {"sources": sources, "frameworks": [eqf, national("vks", "BE-VLG"), national("nlqf", "NL")],
            "qualification_types": vl + nl, "recognitions": [recognition]}


def _plain(graph: Graph) -> Graph:
    """A memory copy in which ``"x"^^xsd:string`` is written ``"x"``: the same literal in RDF 1.1,
    but Oxigraph always spells out the datatype and rdflib's comparison does not know they are equal."""
    copy = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        copy.add((s, p, o))
    return copy


def _taxonomy(tmp_path: Path, data: dict):
    path = tmp_path / "generated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return read_taxonomy([path])


_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_settings
@given(taxonomies())
def test_yaml_canonical_round_trip(tmp_path: Path, data: dict) -> None:
    content = TaxonomyFile.model_validate(data)
    canonical = dump_file(content)
    assert TaxonomyFile.model_validate(yaml.safe_load(canonical)) == content
    assert dump_file(TaxonomyFile.model_validate(yaml.safe_load(canonical))) == canonical


@_settings
@given(taxonomies())
def test_yaml_to_graph_to_turtle_to_graph_is_isomorphic(tmp_path: Path, data: dict) -> None:
    graph = add_taxonomy(new_graph(), _taxonomy(tmp_path, data))
    for fmt in ("ttl", "jsonld"):
        path = tmp_path / f"graph.{fmt}"
        path.write_bytes(serialize(graph, fmt))
        assert isomorphic(graph, parse_into(new_graph(), path, fmt)), fmt


def test_shipped_graph_round_trips_through_every_format_and_store(tmp_path: Path) -> None:
    taxonomy = load_shipped()
    oxigraph = add_taxonomy(new_graph("oxigraph"), taxonomy)
    memory = add_taxonomy(new_graph("memory"), taxonomy)
    assert isomorphic(_plain(oxigraph), _plain(memory))
    for fmt in ("ttl", "nt", "jsonld"):
        path = tmp_path / f"shipped.{fmt}"
        path.write_bytes(serialize(oxigraph, fmt))
        assert isomorphic(oxigraph, parse_into(new_graph(), path, fmt)), fmt
        rdflib_parsed = Graph().parse(path, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
        assert isomorphic(_plain(rdflib_parsed), _plain(memory)), fmt


def test_the_triple_count_is_counted_inside_oxigraph_and_agrees_with_rdflib(tmp_path: Path) -> None:
    import competence_bridge
    from competence_bridge.rdf.graph import oxigraph_store, triple_count

    taxonomy = load_shipped()
    oxigraph = add_taxonomy(new_graph("oxigraph"), taxonomy)
    memory = add_taxonomy(new_graph("memory"), taxonomy)
    assert oxigraph_store(oxigraph) is not None and oxigraph_store(memory) is None
    assert triple_count(oxigraph) == triple_count(memory) == len(memory) == len(oxigraph) > 6000
    competence_bridge.build_store(tmp_path / "store")
    stored = competence_bridge.load(location=tmp_path / "store")
    assert stored.size == len(stored.graph) == len(memory)


def test_every_entity_carries_its_source_and_evidence(bridge) -> None:
    graph = bridge.graph
    for cls in (CB.FrameworkLevel, CB.QualificationType, CB.RecognitionInstrument):
        for node in graph.subjects(predicate=None, object=cls):
            evidence = set(graph.objects(node, CB.evidence))
            assert len(evidence) == 1, node
            if evidence != {CB.Inference}:
                assert set(graph.objects(node, DCTERMS.source)), node
    inference = URIRef("https://w3id.org/competence-bridge/id/vl/duaal-leren")
    assert (inference, CB.evidence, CB.Inference) in graph


def test_only_our_prefixes_are_bound(bridge) -> None:
    turtle = serialize(bridge.graph, "ttl").decode()
    prefixes = {line.split()[1] for line in turtle.splitlines() if line.startswith("@prefix")}
    assert "wgs:" not in prefixes and {"skos:", "cb:", "eqf:", "vl:", "nl:"} <= prefixes


def test_graph_uses_skos_labels_in_both_languages(bridge) -> None:
    havo = URIRef("https://w3id.org/competence-bridge/id/nl/havo")
    assert set(bridge.graph.objects(havo, SKOS.prefLabel)) == {
        Literal("Havodiploma", lang="nl"), Literal("Senior general secondary education diploma (havo)", lang="en")
    }


def test_export_to_a_stream_and_a_file(bridge, tmp_path: Path) -> None:
    stream = io.BytesIO()
    bridge.export("nt", stream)
    target = tmp_path / "out.ttl"
    bridge.export("ttl", target)
    from_nt = Graph().parse(data=stream.getvalue(), format="nt")
    assert isomorphic(_plain(from_nt), _plain(Graph().parse(target, format="turtle")))


# --- files written for users: atomic, with the mode a plain open() gives ------------------------------


@pytest.fixture()
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_get_the_umask_mode_not_mkstemps_0600(tmp_path: Path, umask_022: None) -> None:
    write_atomic(tmp_path / "decisions.tsv", b"a\n")
    assert _mode(tmp_path / "decisions.tsv") == 0o644
    os.umask(0o027)
    write_atomic(tmp_path / "private" / "export.ttl", b"b\n")
    assert _mode(tmp_path / "private" / "export.ttl") == 0o640
    assert current_umask() == 0o027
    assert sorted(p.name for p in (tmp_path / "private").iterdir()) == ["export.ttl"]  # no temporary left


def test_rewriting_a_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "review.tsv"
    path.write_bytes(b"old\n")
    path.chmod(0o600)
    write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n" and _mode(path) == 0o600


def test_an_export_to_a_path_is_readable_by_others(bridge, tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "graph.nt"
    export(bridge.graph, "nt", target)
    assert _mode(target) == 0o644
    assert target.read_bytes() == serialize(bridge.graph, "nt")  # streamed natively, byte for byte the same


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.ttl"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(path) as out:
        out.write(b"half")
        raise RuntimeError("interrupted")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


# --- fast paths: the same graph as rdflib's own API --------------------------------------------------


def _quads(graph: Graph) -> set:
    return set(graph.store._inner)


def test_add_triples_adds_what_addn_adds_on_both_stores() -> None:
    triples = [
        (URIRef("https://example.org/a"), SKOS.prefLabel, Literal("één", lang="nl")),
        (URIRef("https://example.org/a"), SKOS.notation, Literal("2654.1")),
        (URIRef("https://example.org/a"), DCTERMS.modified, Literal("2024-01-25T11:28:50.295Z", datatype=XSD.dateTime)),
        (URIRef("https://example.org/a"), SKOS.broader, URIRef("https://example.org/b")),
        (BNode("x1"), SKOS.prefLabel, Literal('quote " and\nnewline', lang="en-GB")),
        (URIRef("https://example.org/b"), SKOS.related, BNode("x1")),
        (URIRef("https://example.org/b"), CB.level, Literal(5)),
    ]
    graphs = {}
    for store in ("oxigraph", "memory"):
        fast, slow = new_graph(store), new_graph(store)
        assert add_triples(fast, triples + triples[:2]) == len(triples) + 2
        slow.addN((s, p, o, slow) for s, p, o in triples)
        graphs[store] = slow
        if store == "oxigraph":
            assert _quads(fast) == _quads(slow) and len(fast.store._inner) == len(triples)
        else:
            assert set(fast) == set(slow)
    named = Graph(store="Oxigraph", identifier=URIRef("https://example.org/g"))  # not the default graph
    add_triples(named, triples)
    assert set(named) == set(graphs["oxigraph"]) and len(named) == len(triples)
    with pytest.raises(ValueError, match="not an RDF term"):
        add_triples(new_graph(), [(URIRef("https://example.org/a"), SKOS.prefLabel, "a plain str")])


def test_add_triples_reports_progress_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("competence_bridge.rdf.graph.BATCH", 3)
    triples = [(URIRef(f"https://example.org/{i}"), SKOS.prefLabel, Literal(str(i))) for i in range(7)]
    for store in ("oxigraph", "memory"):
        out = io.StringIO()
        with Progress("graaf opbouwen", stream=out, delay=0, interval=0, enabled=True) as progress:
            assert add_triples(new_graph(store), triples, progress=progress) == 7
        assert progress.done == 7 and out.getvalue().rstrip().endswith("graaf opbouwen: 7"), store


def test_esco_quads_are_the_esco_triples() -> None:
    dataset = IMPORTERS["esco"].read(Path(__file__).parent / "fixtures" / "esco")
    assert list(dataset.quads()) == list(OxigraphTerms().quads(dataset.triples()))
    graph = new_graph()
    add_quads(graph, dataset.quads())
    assert len(graph.store._inner) == len(set(dataset.triples()))
    with pytest.raises(ValueError, match="default graph"):
        add_quads(new_graph("memory"), dataset.quads())


def test_compile_inputs_builds_the_graph_addn_builds(tmp_path: Path) -> None:
    sources = [("esco", Path(__file__).parent / "fixtures" / "esco"),
               ("sbb", Path(__file__).parent / "fixtures" / "sbb" / "minimal-dossier.xml")]
    compiled = compile_inputs(shipped_files(), sources)
    expected = add_taxonomy(new_graph(), load_shipped())
    for kind, path in sources:
        expected.addN((s, p, o, expected) for s, p, o in IMPORTERS[kind].read(path).triples())
    assert _quads(compiled) == _quads(expected)


def test_a_trusted_parse_reads_what_a_validating_parse_reads(bridge, tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    path.write_bytes(serialize(bridge.graph, "nt"))
    trusted, checked = parse_into(new_graph(), path, "nt", trusted=True), parse_into(new_graph(), path, "nt")
    assert _quads(trusted) == _quads(checked) == _quads(bridge.graph)
    memory = parse_into(new_graph("memory"), path, "nt", trusted=True)  # rdflib's store: always validated
    assert set(memory) == set(parse_into(new_graph("memory"), path, "nt"))


def test_compile_inputs_reports_reading_and_building(monkeypatch: pytest.MonkeyPatch) -> None:
    from competence_bridge.backends import compile as compiler

    out = io.StringIO()
    monkeypatch.setattr(compiler, "Progress", lambda label, total=None, **_: Progress(
        label, total, stream=out, delay=0, interval=0, enabled=True))
    compile_inputs(shipped_files(), [("esco", Path(__file__).parent / "fixtures" / "esco")])
    reading, building, rest = out.getvalue().split("\n")  # each ended line: redraws after "\r", then "\n"
    assert reading.endswith("\rinvoer inlezen [####################] 100%") and rest == ""
    assert building.startswith("\rgraaf opbouwen: ") and int(building.rsplit(" ", 1)[1]) > 5000
