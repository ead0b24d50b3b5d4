"""The one interface lookups ask SPARQL through, without rdflib: a ``select(text)`` giving plain rows.

Two implementations: :class:`competence_bridge.rdf.sparql.GraphQueries` over any rdflib graph (memory,
Oxigraph, an endpoint), and :class:`NativeQueries` over a bare pyoxigraph store, which a one-off CLI
lookup opens without importing rdflib at all. Rows have one attribute per query variable, holding the
value as a string (an IRI, or a literal's lexical form) or ``None`` when unbound.

>>> iri_values("SELECT ?x WHERE { ?x a ?t }", "t", "https://w3id.org/competence-bridge/vocab#Framework")
'SELECT ?x WHERE { VALUES ?t { <https://w3id.org/competence-bridge/vocab#Framework> } ?x a ?t }'
"""

from __future__ import annotations

import functools
import re
from collections import namedtuple
from typing import Any, Protocol

from competence_bridge.errors import UnsafeTermError
from competence_bridge.rdf.curies import PREFIXES

#: The PREFIX block every query starts with: exactly the package's CURIE table.
PREFIXES_SPARQL = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

#: One result row: attributes named after the query's variables (``row.item``), ``None`` when unbound.
Row = Any

_IRI = re.compile(r"[^\x00-\x20<>\"{}|^`\\]+\Z")


class Queries(Protocol):
    """Something that answers SPARQL SELECT queries with plain rows."""

    def select(self, text: str) -> list[Row]:
        """The rows of the SELECT *text* (already prefixed, see :func:`query`)."""


def query(text: str) -> str:
    """*text* (a query without prefixes) with the package's PREFIX block in front."""
    return PREFIXES_SPARQL + text


def iri_values(text: str, variable: str, iri: str) -> str:
    """*text* with ``?variable`` fixed to *iri* by a ``VALUES`` block at the start of its first group.

    :raises UnsafeTermError: when *iri* could end the IRI early or hold characters SPARQL refuses
    """
    if not _IRI.match(iri):
        raise UnsafeTermError(f"{iri!r} is not an IRI that can be written into SPARQL")
    return text.replace("WHERE {", f"WHERE {{ VALUES ?{variable} {{ <{iri}> }}", 1)


class NativeQueries:
    """SPARQL straight on a pyoxigraph store (its default graph), rows as plain strings."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def select(self, text: str) -> list[Row]:
        """The rows of the SELECT *text*."""
        solutions: Any = self.store.query(text)
        return rows_of([variable.value for variable in solutions.variables],
                       ([None if term is None else term.value for term in solution] for solution in solutions))


def rows_of(variables: list[str], values: Any) -> list[Row]:
    """Rows with one attribute per variable from sequences of values."""
    row = _row_type(tuple(variables))
    return [row(*found) for found in values]


@functools.lru_cache(maxsize=256)
def _row_type(variables: tuple[str, ...]) -> Any:
    """The row class of a query's *variables*, made once: making a named tuple class evaluates code (0.15 ms, half
    as long as a chain lookup's query itself)."""
    return namedtuple("row", variables)
