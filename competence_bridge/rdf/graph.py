"""Creating graphs on a chosen store, filling them fast, and reading and writing them in the supported formats.

The default store is Oxigraph through oxrdflib: about ten times rdflib's in-memory store for
loading and about fifty times for SPARQL (see ``../shared/reference/performance.md``). All
other code uses only rdflib's ``Graph`` API, so ``store="memory"`` works the same.

Bulk work bypasses rdflib on Oxigraph: :func:`add_triples` converts rdflib triples to pyoxigraph
quads itself (each IRI once) and adds them in batches, and :func:`parse_into` and :func:`export`
call pyoxigraph's own parser and serialiser on files directly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.store import Store

# atomic_file, current_umask and write_atomic moved to competence_bridge.files; importable from here as before.
from competence_bridge.files import atomic_file, current_umask, open_output, write_atomic  # noqa: F401
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.native import oxigraph_graph_name, oxigraph_store
from competence_bridge.rdf.ntriples import NTriplesDocuments

if TYPE_CHECKING:
    import pyoxigraph as ox

    from competence_bridge.progress import Progress

#: Stores a graph can be created on.
STORES: tuple[str, ...] = ("oxigraph", "memory")

#: User-facing format names → (rdflib plugin name, file suffix). Always the native ``ox-*``
#: serialisers: rdflib's own pretty Turtle writer is ~35x slower on large graphs.
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("ox-turtle", ".ttl"),
    "nt": ("ox-ntriples", ".nt"),
    "jsonld": ("ox-json-ld", ".jsonld"),
}

#: Quads per native insert in :func:`add_triples`: large enough to amortise the call, small
#: enough that the Python quad objects of one batch stay a few MiB.
BATCH = 50_000


def new_graph(store: str = "oxigraph") -> Graph:
    """Return an empty graph on *store* with exactly our prefixes bound."""
    if store == "oxigraph":
        import pyoxigraph
        from oxrdflib import OxigraphStore

        return graph_over(OxigraphStore(store=pyoxigraph.Store()))
    if store == "memory":
        graph = Graph(bind_namespaces="none")
    else:
        raise ValueError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def graph_over(store: Store) -> Graph:
    """The default graph of the rdflib *store* (oxrdflib's, or our read-only view) as a ``Graph``, with exactly our
    prefixes bound."""
    graph = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def triple_count(graph: Graph) -> int:
    """The number of triples in *graph*: counted inside Oxigraph when it is there (no term is built), else by
    rdflib."""
    store = oxigraph_store(graph)
    if store is None:
        return len(graph)
    solutions: Any = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                 default_graph=oxigraph_graph_name(graph))
    return int(next(iter(solutions))[0].value)


class OxigraphTerms:
    """Converts rdflib triples to pyoxigraph quads, making each IRI and blank node once.

    The same conversion as oxrdflib's, at about twice its speed: IRIs repeat (predicates,
    classes, schemes, a subject per record), so a cache hit replaces a validated construction.
    """

    def __init__(self) -> None:
        import pyoxigraph as ox

        self._ox = ox
        # Keyed by the rdflib term itself: URIRef and BNode hash as str, and never compare equal to each other.
        self._nodes: dict[URIRef | BNode, ox.NamedNode | ox.BlankNode] = {}

    def term(self, term: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        """The pyoxigraph term for an rdflib URIRef, BNode or Literal."""
        node = self._nodes.get(term) if isinstance(term, (URIRef, BNode)) else None
        if node is not None:
            return node
        ox = self._ox
        if isinstance(term, URIRef):
            node = self._nodes[term] = ox.NamedNode(term)
            return node
        if isinstance(term, BNode):
            node = self._nodes[term] = ox.BlankNode(term)
            return node
        if isinstance(term, Literal):
            language, datatype = term.language, term.datatype
            if language:
                return ox.Literal(term, language=language)
            return ox.Literal(term, datatype=self.term(datatype)) if datatype else ox.Literal(term)
        raise ValueError(f"not an RDF term: {term!r}")

    def quads(self, triples: Iterable[tuple[Any, Any, Any]],
              graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None) -> Iterator[ox.Quad]:
        """*triples* as quads in *graph_name* (the default graph when None)."""
        quad, nodes, term, literal = self._ox.Quad, self._nodes, self.term, self._ox.Literal
        if isinstance(graph_name, self._ox.DefaultGraph):
            graph_name = None  # the same quad, but pyoxigraph takes None ~10x faster than a DefaultGraph object
        for s, p, o in triples:
            # Inlined fast paths for the common cases; everything else goes through term().
            subject: Any = nodes.get(s) or term(s)
            predicate: Any = nodes.get(p) or term(p)
            value: Any
            if type(o) is Literal and o.language:
                value = literal(o, language=o.language)
            else:
                value = (nodes.get(o) if type(o) is not Literal else None) or term(o)
            yield quad(subject, predicate, value, graph_name)


def add_triples(graph: Graph, triples: Iterable[tuple[Any, Any, Any]], *,
                progress: Progress | None = None) -> int:
    """Add rdflib *triples* to *graph* and return how many were given (repeats included).

    On Oxigraph they are converted by :class:`OxigraphTerms` and inserted natively in batches
    of :data:`BATCH`, each batch one transaction; elsewhere through ``Graph.addN``.
    *progress* advances by each batch.
    """
    inner = oxigraph_store(graph)
    if inner is None:
        counted = _Counted(triples, progress)
        graph.addN((s, p, o, graph) for s, p, o in counted)
        return counted.count
    return _extend(inner, OxigraphTerms().quads(triples, oxigraph_graph_name(graph)), progress)


def add_quads(graph: Graph, quads: Iterable[ox.Quad], *, progress: Progress | None = None) -> int:
    """Add pyoxigraph *quads* of the default graph to *graph*, natively in batches; returns how many.

    For importers that make pyoxigraph terms themselves (no rdflib terms to convert), or N-Triples
    (:class:`~competence_bridge.rdf.ntriples.NTriplesDocuments`): those are parsed by Oxigraph, each
    document one transaction and one *progress* step, without validating IRIs and language tags
    again when the importer says it validated them.

    :raises ValueError: when *graph* is not the default graph of an Oxigraph store
    """
    import pyoxigraph as ox

    inner = oxigraph_store(graph)
    if inner is None or not isinstance(oxigraph_graph_name(graph), ox.DefaultGraph):
        raise ValueError("add_quads needs a graph on Oxigraph's default graph, as new_graph() makes")
    if isinstance(quads, NTriplesDocuments):
        return _load(inner, quads, progress)
    return _extend(inner, quads, progress)


def _load(inner: ox.Store, documents: NTriplesDocuments, progress: Progress | None) -> int:

    added = 0
    syntax = documents.rdf_format()
    for document, lines in documents.documents():
        inner.load(document, format=syntax, lenient=documents.validated)
        added += lines
        if progress is not None:
            progress.advance(lines)
    return added


def _extend(inner: ox.Store, quads: Iterable[ox.Quad], progress: Progress | None) -> int:
    added = 0
    for batch in batches(quads, BATCH):
        inner.extend(batch)
        added += len(batch)
        if progress is not None:
            progress.advance(len(batch))
    return added


class _Counted:
    """An iterable of triples that counts them and advances *progress* every :data:`BATCH`."""

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]], progress: Progress | None) -> None:
        self._triples, self._progress, self.count = triples, progress, 0

    def __iter__(self) -> Iterator[tuple[Any, Any, Any]]:
        for triple in self._triples:
            yield triple
            self.count += 1
            if self._progress is not None and self.count % BATCH == 0:
                self._progress.advance(BATCH)
        if self._progress is not None:
            self._progress.advance(self.count % BATCH)


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """*items* in lists of *size* (the last one shorter)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def serialize(graph: Graph, fmt: str) -> bytes:
    """Serialise *graph* in one of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return graph.serialize(format=FORMATS[fmt][0], encoding="utf-8")


def export(graph: Graph, fmt: str, out: str | Path | IO[bytes]) -> None:
    """Serialise *graph* to a binary stream, or to a path by the rule of :mod:`competence_bridge.files`.

    A path is written atomically (or through a FIFO or character device); ``"-"`` is standard output.

    :raises OutputError: when the path cannot be written as named (a directory, a missing directory, ...)
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(out, (str, Path)):
        with open_output(out) as stream:
            _serialize_to(graph, fmt, stream)
    else:
        _serialize_to(graph, fmt, out)


def _serialize_to(graph: Graph, fmt: str, stream: IO[bytes]) -> None:
    """Write *graph* to *stream*; on Oxigraph straight from the store, without a copy in memory."""
    inner = oxigraph_store(graph)
    if inner is None:
        stream.write(serialize(graph, fmt))
        return
    # The same call as oxrdflib's serialiser, so the output is byte for byte what serialize() returns.
    inner.dump(stream, format=_native_format(fmt), from_graph=oxigraph_graph_name(graph), base_iri=graph.base,
               prefixes=dict(graph.namespaces()))


def parse_into(graph: Graph, path: str | Path, fmt: str, *, trusted: bool = False) -> Graph:
    """Load a file in one of :data:`FORMATS` into *graph* with the native parser.

    :param trusted: the file was written by this library from a validated graph (the graph
        cache), so Oxigraph may skip validating IRIs and language tags: ~35 % faster at 430k
        triples, a few per cent at millions.
        Never for files from elsewhere.
    """
    plugin = {"ttl": "ox-turtle", "nt": "ox-ntriples", "jsonld": "ox-json-ld"}[fmt]
    inner = oxigraph_store(graph)
    if inner is None or not trusted:
        graph.parse(str(path), format=plugin)
        return graph
    inner.load(path=str(path), format=_native_format(fmt), to_graph=oxigraph_graph_name(graph), lenient=True)
    return graph


def _native_format(fmt: str) -> ox.RdfFormat:
    """pyoxigraph's format for one of :data:`FORMATS`."""
    import pyoxigraph as ox

    return {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
