"""The one way the package asks a graph a SPARQL question: prefixes from the CURIE table, rows as plain values.

>>> PREFIXES_SPARQL.splitlines()[0]
'PREFIX cb: <https://w3id.org/competence-bridge/vocab#>'
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph
from rdflib.term import Identifier

from competence_bridge.rdf.curies import PREFIXES

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
