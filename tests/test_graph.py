"""The compiled graph: round trips (YAML → graph → Turtle/JSON-LD → graph), stores, provenance."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS, XSD

from competence_bridge.graph import new_graph, parse_into, serialize
from competence_bridge.models import TaxonomyFile
from competence_bridge.rdf import add_taxonomy
from competence_bridge.taxonomy import dump_file, load_shipped, read_taxonomy
from competence_bridge.vocab import CB

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
    recognition = {"id": "rec:x", "label": draw(labels), "authority": draw(texts), "sectors": ["secondary"],
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
