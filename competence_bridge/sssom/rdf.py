"""SSSOM mapping sets as RDF, so that reviewed mappings live in the same graph as what they map.

The shape follows the SSSOM/RDF serialisation: the set is a ``sssom:MappingSet`` with its metadata
under SSSOM slot names; each mapping is an ``owl:Axiom`` reifying *subject predicate object*
(``owl:annotatedSource``, ``owl:annotatedProperty``, ``owl:annotatedTarget``) with its slots.
Ids, predicates, justifications and CURIE-shaped authors/reviewers become IRIs; everything else
literals. A curated, positive mapping (``semapv:ManualMappingCuration``) is also asserted
directly (``vl:bk-0337-1 skos:closeMatch nl:hbo-fysiotherapie``) so that plain SPARQL over the
graph sees it; proposals and rejections are only ever reified, never asserted.

Each mapping node's IRI is derived from the set and every slot of the mapping, so that publishing
the same set twice gives the same triples (and two identical rows are one node).

>>> from competence_bridge.sssom.mapping import Mapping, MappingSet
>>> ms = MappingSet(mapping_set_id="https://example.org/set", license="https://creativecommons.org/licenses/by/4.0/",
...                 mappings=(Mapping(subject_id="vl:a", predicate_id="skos:closeMatch", object_id="nl:b",
...                                   mapping_justification="semapv:ManualMappingCuration"),))
>>> mapping_set_from_graph(mapping_set_graph(ms)) == ms
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

from rdflib import OWL, RDF, XSD, Graph, Literal, Namespace, URIRef

from competence_bridge.errors import MappingRdfError
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.graph import add_triples
from competence_bridge.sssom.mapping import Mapping, MappingSet

#: The SSSOM vocabulary namespace.
SSSOM = Namespace("https://w3id.org/sssom/")

_BASE = {
    **PREFIXES,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "orcid": "https://orcid.org/",
}
#: Slots written as IRIs (when CURIE-shaped with a known prefix, for the free-text ones).
_IRI_SLOTS = {"mapping_justification"}
_AGENT_SLOTS = {"author_id", "reviewer_id"}
_REIFIED = {"subject_id": OWL.annotatedSource, "predicate_id": OWL.annotatedProperty, "object_id": OWL.annotatedTarget}
_SET_IRI_SLOTS = {"license"}


def _prefixes(mapping_set: MappingSet) -> dict[str, str]:
    return {**_BASE, **mapping_set.curie_map}


def _expand(curie: str, prefixes: dict[str, str]) -> URIRef:
    prefix, _, local = curie.partition(":")
    if prefix not in prefixes:
        raise MappingRdfError(f"no namespace for the prefix of {curie!r}; add it to the mapping set's curie_map")
    return URIRef(prefixes[prefix] + local)


def _compress(iri: str, prefixes: dict[str, str]) -> str:
    best = max((prefix for prefix, base in prefixes.items() if iri.startswith(base)),
               key=lambda prefix: len(prefixes[prefix]), default=None)
    if best is None:
        raise MappingRdfError(f"no prefix in the curie_map covers {iri}")
    return f"{best}:{iri[len(prefixes[best]):]}"


def mapping_iri(mapping_set_id: str, mapping: Mapping) -> URIRef:
    """The IRI of *mapping* inside the set *mapping_set_id*: the same for the same content."""
    key = mapping.model_dump_json(exclude_none=True)
    return URIRef(f"{mapping_set_id.split('#', 1)[0]}#mapping-{hashlib.sha256(key.encode()).hexdigest()[:20]}")


def _literal(value: Any) -> Literal:
    if isinstance(value, float):
        return Literal(value, datatype=XSD.double)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(str(value))


def mapping_set_triples(mapping_set: MappingSet) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of *mapping_set* (see the module docstring for the shape)."""
    prefixes = _prefixes(mapping_set)
    node = URIRef(mapping_set.mapping_set_id)
    yield node, RDF.type, SSSOM.MappingSet
    for slot, value in mapping_set.model_dump(exclude={"mappings", "curie_map", "mapping_set_id"},
                                              exclude_none=True).items():
        yield node, SSSOM[slot], URIRef(value) if slot in _SET_IRI_SLOTS else _literal(value)
    for mapping in mapping_set.mappings:
        axiom = mapping_iri(mapping_set.mapping_set_id, mapping)
        yield node, SSSOM.mappings, axiom
        yield axiom, RDF.type, OWL.Axiom
        for slot, value in mapping.model_dump(exclude_none=True).items():
            if slot in _REIFIED:
                yield axiom, _REIFIED[slot], _expand(value, prefixes)
            elif slot in _IRI_SLOTS or (slot in _AGENT_SLOTS and value.partition(":")[0] in prefixes):
                yield axiom, SSSOM[slot], _expand(value, prefixes)
            else:
                yield axiom, SSSOM[slot], _literal(value)
        if not mapping.is_negative and mapping.mapping_justification == "semapv:ManualMappingCuration":
            yield (_expand(mapping.subject_id, prefixes), _expand(mapping.predicate_id, prefixes),
                   _expand(mapping.object_id, prefixes))


def mapping_set_graph(mapping_set: MappingSet, graph: Graph | None = None) -> Graph:
    """Add *mapping_set* to *graph* (a new in-memory graph by default) and return the graph."""
    target = Graph(bind_namespaces="none") if graph is None else graph
    target.bind("sssom", str(SSSOM))
    add_triples(target, mapping_set_triples(mapping_set))
    return target


def mapping_set_from_graph(graph: Graph, mapping_set_id: str | None = None, *,
                           curie_map: dict[str, str] | None = None) -> MappingSet:
    """Read back the mapping set *mapping_set_id* (the only one in *graph* by default).

    :raises MappingRdfError: when there is no such set, several without an id given, or a slot is invalid
    """
    prefixes = {**_BASE, **(curie_map or {})}
    sets = sorted(str(s) for s in graph.subjects(RDF.type, SSSOM.MappingSet))
    if mapping_set_id is None:
        if len(sets) != 1:
            raise MappingRdfError(f"the graph holds {len(sets)} mapping sets; name one"
                                  + (f" of {', '.join(sets)}" if sets else ""))
        mapping_set_id = sets[0]
    node = URIRef(mapping_set_id)
    if mapping_set_id not in sets:
        raise MappingRdfError(f"no mapping set {mapping_set_id} in the graph")
    meta: dict[str, Any] = {slot: str(value) for slot, value in _slots(graph, node) if slot != "mappings"}
    mappings = [_mapping(graph, axiom, prefixes) for axiom in graph.objects(node, SSSOM.mappings)]
    mappings.sort(key=lambda m: (m.subject_id, m.object_id, m.predicate_id, m.predicate_modifier or ""))
    try:
        return MappingSet(mapping_set_id=mapping_set_id, curie_map=dict(curie_map or {}), mappings=tuple(mappings),
                          **meta)
    except ValueError as error:
        raise MappingRdfError(f"mapping set {mapping_set_id}: {error}") from None


def _slots(graph: Graph, node: URIRef) -> Iterator[tuple[str, Any]]:
    for predicate, value in graph.predicate_objects(node):
        if str(predicate).startswith(str(SSSOM)):
            yield str(predicate)[len(str(SSSOM)):], value


def _mapping(graph: Graph, axiom: Any, prefixes: dict[str, str]) -> Mapping:
    fields: dict[str, Any] = {}
    for slot, predicate in _REIFIED.items():
        value = graph.value(axiom, predicate)
        if value is None:
            raise MappingRdfError(f"mapping {axiom} has no {predicate}")
        fields[slot] = _compress(str(value), prefixes)
    for slot, value in _slots(graph, axiom):
        fields[slot] = _compress(str(value), prefixes) if isinstance(value, URIRef) else value.toPython()
    try:
        return Mapping(**fields)
    except ValueError as error:
        raise MappingRdfError(f"mapping {axiom}: {error}") from None
