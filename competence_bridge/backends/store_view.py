"""A read-only store reopened from disk as an rdflib store, without loading rdflib's SPARQL engine.

oxrdflib's ``OxigraphStore`` imports ``rdflib.plugins.sparql`` (and pyparsing) only to recognise
parsed queries, about 50 ms of a one-off lookup that never parses a query in Python: every query
goes to Oxigraph as text. :class:`ReadOnlyOxigraphStore` is oxrdflib's reading half (the same
term conversions, the same query results) over a store opened read-only; a write reaches
pyoxigraph, which refuses it as it does under oxrdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.store import Store
from rdflib.term import Identifier, Node

from competence_bridge.rdf.graph import OxigraphTerms


def _from_ox(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term, as oxrdflib converts it."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.Triple):
        return _from_ox(term.subject), _from_ox(term.predicate), _from_ox(term.object)
    raise ValueError(f"Unexpected Oxigraph term: {term!r}")


def _graph_of(name: Any, store: Store) -> Graph:
    if isinstance(name, ox.NamedNode):
        return Graph(identifier=URIRef(name.value), store=store)
    if isinstance(name, ox.BlankNode):
        return Graph(identifier=BNode(name.value), store=store)
    if isinstance(name, ox.DefaultGraph):
        return Graph(identifier=DATASET_DEFAULT_GRAPH_ID, store=store)
    raise ValueError(f"Unexpected Oxigraph graph name: {name!r}")


class ReadOnlyOxigraphStore(Store):
    """An rdflib store over a pyoxigraph store opened read-only (see the module docstring)."""

    context_aware = True
    formula_aware = False
    transaction_aware = False
    graph_aware = True

    def __init__(self, store: ox.Store) -> None:
        """Wrap *store*, a ``pyoxigraph.Store.read_only(...)``."""
        self._inner = store  # the name oxrdflib uses: competence_bridge.rdf.graph.oxigraph_store finds it there
        self._terms = OxigraphTerms()  # oxrdflib's conversion of rdflib terms, the one the loaders use
        self._namespace_for_prefix: dict[str, URIRef] = {}
        self._prefix_for_namespace: dict[URIRef, str] = {}
        super().__init__()

    def _to_ox(self, term: Any) -> Any:
        """A term or graph name as pyoxigraph's (a graph stands for its name; rdflib's default graph is
        Oxigraph's; ``None`` matches anything in a pattern)."""
        if term is None:
            return None
        if isinstance(term, Graph):
            return self._to_ox(term.identifier)
        return ox.DefaultGraph() if term == DATASET_DEFAULT_GRAPH_ID else self._terms.term(term)

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        """Refused by pyoxigraph (the store is read-only)."""
        s, p, o = triple
        self._inner.add(ox.Quad(self._to_ox(s), self._to_ox(p), self._to_ox(o), self._to_ox(context)))

    def addN(self, quads: Iterable[Any]) -> None:
        """Refused by pyoxigraph (the store is read-only)."""
        self._inner.extend([ox.Quad(*(self._to_ox(term) for term in quad)) for quad in quads])

    def remove(self, triple: Any, context: Any = None) -> None:
        """Refused by pyoxigraph (the store is read-only)."""
        for quad in self._inner.quads_for_pattern(*self._quad_pattern(triple, context)):
            self._inner.remove(quad)

    def _quad_pattern(self, triple: Any, context: Any) -> tuple[Any, Any, Any, Any]:
        s, p, o = triple
        return self._to_ox(s), self._to_ox(p), self._to_ox(o), self._to_ox(context)

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
        """The triples matching *triple_pattern* in *context* (every graph when ``None``)."""
        try:
            return (((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)),
                     iter((_graph_of(q.graph_name, self),)))
                    for q in self._inner.quads_for_pattern(*self._quad_pattern(triple_pattern, context)))
        except (TypeError, ValueError):
            return iter(())

    def __len__(self, context: Any = None) -> int:
        """The number of distinct triples (in *context*, or in the union of the graphs)."""
        options: Any = ({"use_default_graph_as_union": True} if context is None
                        else {"default_graph": self._to_ox(context)})
        solutions: Any = self._inner.query("SELECT (COUNT(DISTINCT TRIPLE(?s, ?p, ?o)) AS ?c) WHERE { ?s ?p ?o }",
                                           **options)
        return int(next(solutions)[0].value)

    def contexts(self, triple: Any = None) -> Iterator[Graph]:  # type: ignore[override]
        """The graphs (holding *triple*, when given)."""
        if triple is None:
            return (_graph_of(name, self) for name in self._inner.named_graphs())
        return (_graph_of(q.graph_name, self) for q in self._inner.quads_for_pattern(*self._quad_pattern(triple, None)))

    def query(self, query: Any, initNs: Mapping[str, Any], initBindings: Mapping[str, Identifier],
              queryGraph: str, **kwargs: object) -> Result:
        """Run the SPARQL text *query* in Oxigraph; the result as rdflib's (ASK, SELECT or CONSTRUCT)."""
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError("only SPARQL text, without options, is run on a read-only Oxigraph store")
        found = self._inner.query(query, use_default_graph_as_union=queryGraph == "__UNION__",
                                  default_graph=self._to_ox(queryGraph) if isinstance(queryGraph, Node) else None,
                                  prefixes=dict(self._namespace_for_prefix, **initNs),
                                  substitutions={ox.Variable(k): self._to_ox(v) for k, v in initBindings.items()})
        if isinstance(found, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(found)
        elif isinstance(found, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in found.variables]
            variables = out.vars
            out.bindings = ({v: _from_ox(val) for v, val in zip(variables, solution, strict=False)}
                            for solution in found)
        elif isinstance(found, ox.QueryTriples):
            out = Result("CONSTRUCT")
            out.graph = Graph()
            out.graph += (_from_ox(triple) for triple in found)
        else:
            raise ValueError(f"Unexpected query result: {found}")
        return out

    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        """Bind *prefix* to *namespace* (for the prefixes of queries), as oxrdflib does."""
        if not override and (prefix in self._namespace_for_prefix or namespace in self._prefix_for_namespace):
            return
        if prefix in self._namespace_for_prefix:
            self._prefix_for_namespace.pop(self._namespace_for_prefix.pop(prefix), None)
        if namespace in self._prefix_for_namespace:
            self._namespace_for_prefix.pop(self._prefix_for_namespace.pop(namespace), None)
        self._namespace_for_prefix[prefix] = namespace
        self._prefix_for_namespace[namespace] = prefix

    def prefix(self, namespace: Any) -> str | None:
        """The prefix bound to *namespace*."""
        return self._prefix_for_namespace.get(namespace)

    def namespace(self, prefix: str) -> URIRef | None:
        """The namespace bound to *prefix*."""
        return self._namespace_for_prefix.get(prefix)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        """Every (prefix, namespace) bound."""
        yield from self._namespace_for_prefix.items()
