"""The pyoxigraph store under an rdflib graph, reached without importing rdflib.

A one-off lookup that reads a prepared translator or search index never opens a graph; the modules it
imports (the item table, SPARQL helpers) therefore must not import rdflib just to be able to ask, later,
whether a graph sits on Oxigraph. Whoever holds a graph has imported rdflib already.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph


def oxigraph_store(graph: Graph) -> ox.Store | None:
    """The pyoxigraph store under *graph*, or None when *graph* is not on Oxigraph."""
    import pyoxigraph as ox

    inner = getattr(graph.store, "_inner", None)  # oxrdflib 0.5 has no public accessor
    return inner if isinstance(inner, ox.Store) else None


def oxigraph_graph_name(graph: Graph) -> ox.DefaultGraph | ox.NamedNode | ox.BlankNode:
    """Where oxrdflib keeps the triples of *graph* in its pyoxigraph store."""
    import pyoxigraph as ox
    from rdflib import BNode
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    identifier = graph.identifier
    if identifier == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return ox.BlankNode(str(identifier)) if isinstance(identifier, BNode) else ox.NamedNode(str(identifier))
