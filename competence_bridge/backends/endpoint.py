"""A remote SPARQL 1.1 endpoint behind rdflib's Graph API, and atomic publishing into named graphs.

:func:`endpoint_graph` returns a plain ``rdflib.Graph`` whose queries go to the endpoint, so the
library's lookups (SPARQL SELECTs with a few bound values) run on it unchanged. Without named
graphs it reads the competence-bridge graphs published there (found in the catalogue,
:mod:`competence_bridge.backends.catalogue`). :func:`publish` puts a compiled graph into one
named graph, replacing the previous version and recording it in the catalogue in a single SPARQL
Update request, so a failed or interrupted upload leaves the old version served.

Safety: user text never becomes query text (:mod:`competence_bridge.backends.sparql`).
Credentials come from the environment or a config file, never from arguments on a command line
or from the URL, and never go to another origin (:mod:`competence_bridge.backends.http`).
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result

from competence_bridge.backends.catalogue import (  # noqa: F401 (graph_iri, UPLOAD_PREFIX: importable from here)
    GRAPH_BASE,
    UPLOAD_PREFIX,
    PublishedGraph,
    Upload,
    cleanup_uploads,
    discover_graphs,
    graph_iri,
    no_graphs_error,
    register,
    source_of,
    unregister,
)
from competence_bridge.backends.http import (  # noqa: F401 (the credential names: importable from here)
    ENV_AUTH,
    ENV_CONFIG,
    ENV_PASSWORD,
    ENV_TOKEN,
    ENV_USER,
    Auth,
    Credentials,
    config_path,
    endpoint_credentials,
    resolve_credentials,
)
from competence_bridge.backends.sparql import BNODES, LITERALS, checked_iri, checked_url, sparql_term
from competence_bridge.backends.sparql import select as _select
from competence_bridge.backends.sparql import update as _update
from competence_bridge.errors import EndpointError, UnsafeTermError
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.graph import oxigraph_graph_name

#: ``graphs=DEFAULT_GRAPH`` (``--graph default``) reads the endpoint's own default graph, without discovery.
DEFAULT_GRAPH = "default"

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


# --- the rdflib store ---------------------------------------------------------------------

def _node_to_sparql(node: Any) -> str:
    """What rdflib's SPARQL store writes for a node: :func:`sparql_term`, plus checked variables."""
    if isinstance(node, Variable):
        if not _VARIABLE.match(str(node)):
            raise UnsafeTermError(f"not a SPARQL variable name: {str(node)!r}")
        return f"?{node}"
    return sparql_term(node)


class EndpointStore(SPARQLUpdateStore):
    """rdflib's SPARQL store with timeouts, clear errors and safely rendered bound values.

    rdflib's own store appends bound values as a trailing ``VALUES`` clause rendered with
    ``term.n3()``; this one renders them with :func:`sparql_term`, checks variable names, and
    queries the named graphs it was given (``default-graph-uri``) as the default graph.
    :attr:`graphs` are those graphs; :attr:`published` says what they hold when they were found
    in the endpoint's catalogue.
    """

    def __init__(self, query_url: str, update_url: str | None = None, *, graphs: Sequence[str] = (),
                 auth: Auth | None = None, timeout: float = 60.0,
                 published: Sequence[PublishedGraph] = ()) -> None:
        super().__init__(query_endpoint=query_url, update_endpoint=update_url, node_to_sparql=_node_to_sparql,
                         returnFormat="json", context_aware=True)
        self.graphs: tuple[str, ...] = tuple(checked_iri(g) for g in graphs)
        self.published: tuple[PublishedGraph, ...] = tuple(published)
        self._auth = resolve_credentials(query_url, auth) if not isinstance(auth, Credentials) else auth
        self._timeout: float = timeout  # type: ignore[assignment]

    def query(self, query: Any, initNs: Mapping[str, Any] | None = None,  # type: ignore[override]
              initBindings: Mapping[str, Any] | None = None, queryGraph: Any = None,
              DEBUG: bool = False) -> Result:
        """Run *query* on the endpoint; bound values become a checked trailing ``VALUES`` clause."""
        if not isinstance(query, str):
            raise TypeError("only query strings can be sent to a SPARQL endpoint")
        self.commit()
        if initNs:
            query = self._inject_prefixes(query, initNs)
        if initBindings:
            names = [str(name) for name in initBindings]
            bad = [name for name in names if not _VARIABLE.match(name)]
            if bad:
                raise UnsafeTermError(f"not a SPARQL variable name: {bad[0]!r}")
            values = " ".join(sparql_term(initBindings[name]) for name in initBindings)
            query += "\nVALUES ( " + " ".join("?" + n for n in names) + f" )\n{{ ( {values} ) }}\n"
        return self._query(query)

    def update(self, query: Any, initNs: Mapping[str, Any] | None = None,  # type: ignore[override]
               initBindings: Mapping[str, Any] | None = None, queryGraph: Any = None,
               DEBUG: bool = False) -> None:
        """Run a SPARQL Update on the endpoint (bound values are refused: rdflib splices them by regex)."""
        if not self.update_endpoint:
            raise EndpointError("this endpoint graph is read-only (no update URL was given)")
        if initBindings:
            raise UnsafeTermError("bound values in a SPARQL Update are not supported on an endpoint; "
                                  "render the terms with sparql_term()")
        super().update(query, dict(initNs or {}), {}, queryGraph, DEBUG)

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:
        self._queries += 1
        return _select(str(self.query_endpoint), query, graphs=self.graphs, auth=self._auth, timeout=self._timeout)

    def _update(self, update: str) -> None:
        if not self.update_endpoint:
            raise EndpointError("this endpoint graph is read-only (no update URL was given)")
        self._updates += 1
        _update(str(self.update_endpoint), update, auth=self._auth, timeout=self._timeout)


def endpoint_graph(query_url: str, update_url: str | None = None, *, graphs: str | Sequence[str] = (),
                   auth: Auth | None = None, timeout: float = 60.0) -> Graph:
    """A ``rdflib.Graph`` over a SPARQL 1.1 endpoint; ``Bridge(endpoint_graph(...))`` works as on a local graph.

    Which graphs the queries read (``graph.store.graphs``; what they hold: ``graph.store.published``):

    * *graphs* named: those, merged as the default graph;
    * ``graphs="default"`` (:data:`DEFAULT_GRAPH`): the endpoint's own default graph;
    * nothing named: the latest version of every source published to the endpoint
      (:func:`~competence_bridge.backends.catalogue.discover_graphs`).

    :param query_url: the endpoint's query URL (Oxigraph: ``http://host:7878/query``)
    :param update_url: its update URL, to allow ``graph.add``/``graph.update``; read-only without
    :param auth: credentials, or (user, password) for Basic; by default those configured for *query_url*
    :param timeout: seconds to wait for each answer
    :raises EndpointError: when nothing is named and the endpoint holds no published graph
    """
    selected = [graphs] if isinstance(graphs, str) else list(graphs)
    if any(not name for name in selected):
        raise EndpointError("a named graph IRI is empty; name a graph, or leave --graph out to read the "
                            "published ones")
    credentials = resolve_credentials(checked_url(query_url), auth)
    if update_url:
        checked_url(update_url)
    published: list[PublishedGraph] = []
    if selected == [DEFAULT_GRAPH]:
        selected = []
    elif not selected:
        published = discover_graphs(query_url, auth=credentials, timeout=timeout)
        if not published:
            raise no_graphs_error(query_url)
        selected = [item.graph for item in published]
    store = EndpointStore(query_url, update_url or None, graphs=selected, auth=credentials, timeout=timeout,
                          published=published)
    # With one named graph, additions through the Graph go into it; otherwise into the default graph.
    identifier = URIRef(selected[0]) if len(selected) == 1 else DATASET_DEFAULT_GRAPH_ID
    graph = Graph(store=store, identifier=identifier, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


# --- publishing ---------------------------------------------------------------------------

def _source_triples(graph: Graph) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of *graph*; natively from pyoxigraph when the graph is on an Oxigraph store."""
    inner = getattr(graph.store, "_inner", None)
    if isinstance(inner, ox.Store):
        for quad in inner.quads_for_pattern(None, None, None, oxigraph_graph_name(graph)):
            yield quad.subject, quad.predicate, quad.object
    else:
        yield from graph


def _insert_chunks(triples: Iterable[tuple[Any, Any, Any]], target: str, chunk: int) -> Iterator[tuple[str, int]]:
    """``INSERT DATA`` requests of at most *chunk* triples each; triples with blank nodes all go in the last.

    A blank node label means the same node only within one request, so they must not be split.
    """
    head, tail = f"INSERT DATA {{ GRAPH {sparql_term(URIRef(target))} {{\n", "\n} }"
    cache: dict[Any, str] = {}  # IRIs repeat (predicates, classes, hubs): render each once

    def render(term: Any) -> str:
        text = cache.get(term)
        if text is None:
            text = sparql_term(term, bnodes=True)
            if len(cache) < 100_000:
                cache[term] = text
        return text

    lines: list[str] = []
    with_bnodes: list[str] = []
    for s, p, o in triples:
        line = f"{render(s)} {render(p)} {sparql_term(o) if isinstance(o, LITERALS) else render(o)} ."
        if isinstance(s, BNODES) or isinstance(o, BNODES):
            with_bnodes.append(line)
            continue
        lines.append(line)
        if len(lines) >= chunk:
            yield head + "\n".join(lines) + tail, len(lines)
            lines = []
    if lines:
        yield head + "\n".join(lines) + tail, len(lines)
    if with_bnodes:
        yield head + "\n".join(with_bnodes) + tail, len(with_bnodes)


def _count(query_url: str, graph: str, *, auth: Credentials | None, timeout: float) -> int:
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_term(URIRef(graph))} {{ ?s ?p ?o }} }}"
    result: Any = _select(query_url, count, auth=auth, timeout=timeout)
    return int(next(iter(result))[0])


def publish(graph: Graph, update_url: str, named_graph_iri: str, *, query_url: str | None = None,
            auth: Auth | None = None, chunk: int = 20_000, timeout: float = 120.0,
            source: str | None = None, version: str | None = None) -> int:
    """Replace the named graph *named_graph_iri* on the endpoint with the triples of *graph*, atomically.

    The triples are uploaded into a fresh temporary named graph (``urn:competence-bridge:upload:…``)
    in ``INSERT DATA`` requests of at most *chunk* triples; when *query_url* is given the upload is
    counted; then one request moves it into place (``MOVE <tmp> TO <named graph>``) and records
    it in the catalogue as *source* and *version* (by default read from an IRI made by
    :func:`graph_iri`). SPARQL 1.1 Update services apply one request atomically, so until that
    request the previous version stays served, and a failed upload never replaces it (the
    temporary graph is dropped on failure; one left by a killed process is removed by
    :func:`~competence_bridge.backends.catalogue.cleanup_uploads`).

    :returns: the number of triples published
    :raises EndpointError: when a request fails or the count does not match; the old graph is kept
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    if not str(named_graph_iri):
        raise EndpointError("the named graph IRI is empty; name the graph to publish into")
    target = checked_iri(str(named_graph_iri))
    update_url = checked_url(update_url)
    credentials = resolve_credentials(update_url, auth)
    query_auth = credentials if query_url is None or auth is not None else resolve_credentials(checked_url(query_url),
                                                                                               None)
    derived = source_of(target)
    source, version = source or derived[0], version if version is not None else derived[1]
    upload = f"{UPLOAD_PREFIX}{int(time.time())}:{uuid.uuid4().hex}"
    sent = 0
    try:
        for body, count in _insert_chunks(_source_triples(graph), upload, chunk):
            _update(update_url, body, auth=credentials, timeout=timeout)
            sent += count
        if query_url is not None:
            stored = _count(query_url, upload, auth=query_auth, timeout=timeout)
            if stored != sent:
                raise EndpointError(f"upload incomplete: {stored} of {sent} triples arrived in {upload}; "
                                    f"{target} was left unchanged")
        old, new = sparql_term(URIRef(target)), sparql_term(URIRef(upload))
        swap = (f"DROP SILENT GRAPH {old} ;\n{unregister(target)}" if sent == 0 else
                f"MOVE GRAPH {new} TO GRAPH {old} ;\n{register(target, source, version, sent)}")
        _update(update_url, swap, auth=credentials, timeout=timeout)
    except BaseException:
        with contextlib.suppress(Exception):
            _update(update_url, f"DROP SILENT GRAPH {sparql_term(URIRef(upload))}", auth=credentials,
                    timeout=min(timeout, 10.0))
        raise
    return sent


def drop_stale_uploads(update_url: str, query_url: str, *, older_than: float = 24 * 3600,
                       auth: Auth | None = None, timeout: float = 60.0) -> list[str]:
    """Drop temporary upload graphs that interrupted :func:`publish` runs left behind; returns their IRIs.

    Only graphs named ``urn:competence-bridge:upload:<unix time>:…`` and older than *older_than*
    seconds are dropped, so an upload still running elsewhere is left alone (see
    :func:`~competence_bridge.backends.catalogue.cleanup_uploads`, which says more about each).
    """
    query_auth = resolve_credentials(checked_url(query_url), auth)
    update_auth = resolve_credentials(checked_url(update_url), auth)
    dropped = cleanup_uploads(update_url, query_url, older_than=older_than, update_auth=update_auth,
                              query_auth=query_auth, timeout=timeout)
    return [upload.graph for upload in dropped]
