"""SSSOM mapping sets as RDF: round trip, shape, and what is asserted directly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from rdflib import OWL, RDF, Graph, URIRef

from competence_bridge.sssom.mapping import Mapping, MappingSet
from competence_bridge.sssom.rdf import SSSOM, MappingRdfError, mapping_set_from_graph, mapping_set_graph

from test_sssom import LICENSE, SET_ID, mapping_sets

SKOS_CLOSE = URIRef("http://www.w3.org/2004/02/skos/core#closeMatch")
BK = URIRef("https://w3id.org/competence-bridge/id/vl/bk-0337-1")


def _sorted(mapping_set: MappingSet) -> MappingSet:
    unique = {m.model_dump_json(): m for m in mapping_set.mappings}.values()
    return mapping_set.with_mappings(sorted(unique, key=lambda m: (m.subject_id, m.object_id, m.predicate_id,
                                                                    m.predicate_modifier or "")))


@settings(max_examples=60, deadline=None)
@given(mapping_sets)
def test_graph_then_read_is_lossless(mapping_set: MappingSet) -> None:
    back = mapping_set_from_graph(mapping_set_graph(mapping_set))
    expected = _sorted(mapping_set)
    assert [m.model_dump() for m in back.mappings] == [m.model_dump() for m in expected.mappings]
    assert back.model_dump(exclude={"mappings"}) == expected.model_dump(exclude={"mappings"})


def _set(*mappings: Mapping) -> MappingSet:
    return MappingSet(mapping_set_id=SET_ID, license=LICENSE, mappings=mappings)


def test_only_curated_positive_mappings_are_asserted() -> None:
    curated = Mapping(subject_id="vl:bk-0337-1", predicate_id="skos:closeMatch", object_id="nl:hbo-fysiotherapie",
                      mapping_justification="semapv:ManualMappingCuration", reviewer_id="orcid:0000-0002-1825-0097")
    rejected = curated.model_copy(update={"object_id": "nl:job.fysiotherapeut", "predicate_modifier": "Not"})
    proposed = curated.model_copy(update={"object_id": "nl:crebo-25656",
                                          "mapping_justification": "semapv:LexicalMatching"})
    graph = mapping_set_graph(_set(curated, rejected, proposed))
    assert set(graph.objects(BK, SKOS_CLOSE)) == {URIRef("https://w3id.org/competence-bridge/id/nl/hbo-fysiotherapie")}
    axioms = set(graph.subjects(RDF.type, OWL.Axiom))
    assert len(axioms) == 3 and all((URIRef(SET_ID), SSSOM.mappings, axiom) in graph for axiom in axioms)
    assert set(graph.objects(None, SSSOM.reviewer_id)) == {URIRef("https://orcid.org/0000-0002-1825-0097")}


def test_unknown_prefix_and_missing_set_are_named() -> None:
    odd = Mapping(subject_id="zz:1", predicate_id="skos:exactMatch", object_id="nl:x",
                  mapping_justification="semapv:LexicalMatching")
    with pytest.raises(MappingRdfError, match=r"^no namespace for the prefix of 'zz:1'; add it to the mapping set's curie_map$"):
        mapping_set_graph(_set(odd))
    with pytest.raises(MappingRdfError, match=r"^the graph holds 0 mapping sets; name one$"):
        mapping_set_from_graph(Graph())
