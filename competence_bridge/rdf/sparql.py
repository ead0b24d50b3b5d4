"""The one way the package asks a graph a SPARQL question: prefixes from the CURIE table, rows as plain values.

>>> PREFIXES_SPARQL.splitlines()[0]
'PREFIX cb: <https://w3id.org/competence-bridge/vocab#>'
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from rdflib import Graph
from rdflib.term import Identifier

from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.graph import oxigraph_graph_name, oxigraph_store

#: The PREFIX block every query starts with: exactly the package's CURIE table.
PREFIXES_SPARQL = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

#: One result row: attributes named after the query's variables (``row.item``), ``None`` when unbound.
Row = Any


def query(text: str) -> str:
    """*text* (a query without prefixes) with the package's PREFIX block in front."""
    return PREFIXES_SPARQL + text


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
    store = oxigraph_store(graph)
    if store is None:
        result: Any = graph.query(text)
        converted = namedtuple("converted", [str(variable) for variable in result.vars])  # type: ignore[misc]
        return [converted(*(None if term is None else str(term) for term in row)) for row in result]
    solutions: Any = store.query(text, default_graph=oxigraph_graph_name(graph))
    native = namedtuple("native", [variable.value for variable in solutions.variables])  # type: ignore[misc]
    return [native(*(None if term is None else term.value for term in solution)) for solution in solutions]
