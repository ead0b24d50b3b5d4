"""Publish the inputs to a SPARQL endpoint: one named graph per source and version.

The curated taxonomies go to ``…/graph/competence-bridge-taxonomies/<package version>``, each
imported source to its own graph (``…/graph/esco-nl/1.2.0``, ``…/graph/sbb-2635_Pedagogisch_Werk/…``),
so a partner can replace ESCO 1.1.1 by 1.2.0 without touching anything else, and readers choose
which graphs to query together (``load(endpoint=..., graphs=[...])``); without named graphs,
lookups read the latest version of every source (the endpoint's catalogue,
:mod:`competence_bridge.backends.catalogue`). Every input is read and validated before the first
upload; each graph is replaced atomically (:func:`competence_bridge.backends.endpoint.publish`).
"""

from __future__ import annotations

from competence_bridge.backends.catalogue import PublishedGraph, graph_iri
from competence_bridge.backends.compile import compile_parts
from competence_bridge.backends.endpoint import publish
from competence_bridge.backends.inputs import Inputs, PathArg


def publish_inputs(update_url: str, yaml: PathArg = (), *, inputs: Inputs | None = None, query_url: str | None = None,
                   **by_kind: PathArg) -> list[PublishedGraph]:
    """Publish the shipped taxonomies (plus *yaml*) and every imported source, each into its own named graph.

    >>> publish_inputs("http://localhost:7878/update", esco="esco-nl-1.2.0",
    ...                query_url="http://localhost:7878/query")   # doctest: +SKIP
    [PublishedGraph(source='competence-bridge-taxonomies', ...), PublishedGraph(source='esco-nl', version='1.2.0', ...)]

    :param inputs: what to publish besides the shipped taxonomies (or give *yaml* and one keyword per
        importer kind, as :func:`competence_bridge.load` takes them)
    :param query_url: when given, every upload is counted before it replaces the published graph
    :raises SourceFormatError: if an input is malformed (nothing is uploaded then)
    :raises EndpointError: if the endpoint refuses a request; graphs published before stay replaced,
        the failed one keeps its previous version
    """
    chosen = inputs if inputs is not None else Inputs.of(yaml, **by_kind)
    published = []
    for part in compile_parts(chosen.taxonomy_files(), list(chosen.sources)):
        name = graph_iri(part.source, part.version)
        count = publish(part.graph, update_url, name, query_url=query_url, source=part.source, version=part.version)
        published.append(PublishedGraph(part.source, part.version, name, count))
    return published


def published_text(endpoint: str, published: list[PublishedGraph]) -> str:
    """What was published, and the options that query it all."""
    lines = [f"{item.triples:>9,} triples  <{item.graph}>" for item in published]
    graphs = " ".join(f"--graph {item.graph}" for item in published)
    return "\n".join([f"published to {endpoint}:", *lines, f"query them with: --endpoint {endpoint} {graphs}"])
