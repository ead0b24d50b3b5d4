"""SPARQL on an rdflib graph (any backend): rows as rdflib terms, or as plain values through :class:`GraphQueries`.

>>> PREFIXES_SPARQL.splitlines()[0]
'PREFIX cb: <https://w3id.org/competence-bridge/vocab#>'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from competence_bridge.rdf.native import oxigraph_graph_name, oxigraph_store
from competence_bridge.rdf.queries import PREFIXES_SPARQL, Queries, Row, query, rows_of

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Identifier

__all__ = ["PREFIXES_SPARQL", "GraphQueries", "Row", "iter_values", "queries_of", "query", "select", "select_values"]


def select(graph: Graph, text: str, **bindings: Identifier) -> list[Row]:
    """The rows of a SELECT *text* (already prefixed, see :func:`query`) on *graph*, *bindings* fixed.

    User text reaches a query only as a bound value, never spliced into its text.
    """
    return list(graph.query(text, initBindings=bindings or None))


def select_values(graph: Graph, text: str) -> list[Row]:
    """The rows of a SELECT *text* as plain strings (IRIs as IRI strings, literals as their lexical form).

    On an Oxigraph store the query runs natively and no rdflib term is ever built (several times
    faster on large tables); elsewhere rdflib's rows are converted. Unbound variables are ``None``.
    """
    variables, values = iter_values(graph, text)
    return rows_of(variables, values)


def iter_values(graph: Graph, text: str) -> tuple[list[str], Iterator[tuple[str | None, ...]]]:
    """The variables of a SELECT *text* and its rows as tuples of plain strings, one at a time (as
    :func:`select_values`, without holding every row: for tables of hundreds of thousands of rows)."""
    store = oxigraph_store(graph)
    if store is None:
        result: Any = graph.query(text)
        return ([str(variable) for variable in result.vars],
                (tuple(None if term is None else str(term) for term in row) for row in result))
    solutions: Any = store.query(text, default_graph=oxigraph_graph_name(graph))
    return ([variable.value for variable in solutions.variables],
            (tuple(None if term is None else term.value for term in solution) for solution in solutions))


class GraphQueries:
    """The :class:`~competence_bridge.rdf.queries.Queries` of an rdflib graph (natively on Oxigraph)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def select(self, text: str) -> list[Row]:
        """The rows of the SELECT *text*, as plain values."""
        return select_values(self.graph, text)


def queries_of(source: Graph | Queries) -> Queries:
    """*source* as :class:`~competence_bridge.rdf.queries.Queries`: an rdflib graph wrapped in :class:`GraphQueries`,
    anything that already answers ``select`` (a :class:`~competence_bridge.rdf.queries.NativeQueries`) as it is."""
    if callable(getattr(source, "select", None)):  # an rdflib graph has no select
        return source  # type: ignore[return-value]
    return GraphQueries(source)  # type: ignore[arg-type]
