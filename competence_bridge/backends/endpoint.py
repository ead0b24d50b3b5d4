"""A remote SPARQL 1.1 endpoint behind rdflib's Graph API, and atomic publishing into named graphs.

:func:`endpoint_graph` returns a plain ``rdflib.Graph`` whose queries go to the endpoint, so the
library's lookups (SPARQL SELECTs with a few bound values) run on it unchanged. :func:`publish`
puts a compiled graph into one named graph, replacing the previous version in a single SPARQL
Update request, so a failed or interrupted upload leaves the old version served.

Safety: user text never becomes query text. Bound values and every term of an update are
rendered by :func:`sparql_term`, which escapes literals and rejects IRIs that could break out
of ``<...>``. Credentials come from the environment or a config file (see
:func:`endpoint_credentials`), never from arguments on a command line or from the URL.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import re
import stat
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit
from urllib.request import Request, urlopen

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result

from competence_bridge.errors import CompetenceBridgeError, EndpointError, UnsafeTermError

#: Environment variables holding the user name and password for every endpoint of this process.
ENV_USER = "COMPETENCE_BRIDGE_ENDPOINT_USER"
ENV_PASSWORD = "COMPETENCE_BRIDGE_ENDPOINT_PASSWORD"
#: Environment variable naming the credentials file, instead of the default path.
ENV_CONFIG = "COMPETENCE_BRIDGE_ENDPOINTS"
#: Named graphs under upload have IRIs starting with this (see :func:`drop_stale_uploads`).
UPLOAD_PREFIX = "urn:competence-bridge:upload:"
#: Base of the IRIs :func:`graph_iri` makes: one named graph per source and version.
GRAPH_BASE = "https://w3id.org/competence-bridge/graph/"

Auth = tuple[str, str]


# --- rendering terms ----------------------------------------------------------------------

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
_BNODE_LABEL = re.compile(r"[A-Za-z0-9_]+\Z")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
                          "\f": "\\f", **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)
                                          if chr(c) not in "\n\r\t\b\f"}})
_LITERALS = (Literal, ox.Literal)
_BNODES = (BNode, ox.BlankNode)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _checked_iri(value: str) -> str:
    if not _SCHEME.match(value) or _IRI_FORBIDDEN.search(value):
        raise UnsafeTermError(f"not a safe absolute IRI: {value!r} (no spaces, controls or <>\"{{}}|^`\\)")
    _utf8(value)
    return value


def _utf8(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UnsafeTermError(f"text is not valid Unicode (lone surrogate): {text[:40]!r}") from error


def sparql_term(term: Any, *, bnodes: bool = False) -> str:
    """Render an rdflib or pyoxigraph term as SPARQL text that cannot change the query around it.

    IRIs must be absolute and free of spaces, control characters and ``<>"{}|^`\\``; literals are
    quoted with every quote, backslash and control character escaped; language tags and blank
    node labels are checked. Blank nodes are refused unless *bnodes* (they are not allowed as
    bound values; in ``INSERT DATA`` they stand for new nodes).

    :raises UnsafeTermError: for anything else
    """
    if isinstance(term, URIRef):
        return f"<{_checked_iri(term)}>"
    if isinstance(term, ox.NamedNode):
        return f"<{_checked_iri(term.value)}>"
    if isinstance(term, _LITERALS):
        if isinstance(term, Literal):
            text, language, datatype = str(term), term.language, (str(term.datatype) if term.datatype else None)
        else:
            text, language, datatype = term.value, term.language, term.datatype.value
            if getattr(term, "direction", None):
                raise UnsafeTermError("literals with a base direction are not supported")
        _utf8(text)
        quoted = '"' + text.translate(_ESCAPES) + '"'
        if language:
            if not _LANGUAGE.match(language):
                raise UnsafeTermError(f"not a language tag: {language!r}")
            return f"{quoted}@{language}"
        if datatype in (None, _XSD_STRING, _LANG_STRING):
            return quoted
        return f"{quoted}^^<{_checked_iri(datatype)}>"
    if isinstance(term, _BNODES):
        if not bnodes:
            raise UnsafeTermError("a blank node cannot be sent to a SPARQL endpoint as a bound value")
        label = str(term) if isinstance(term, BNode) else term.value
        if not _BNODE_LABEL.match(label):
            raise UnsafeTermError(f"not a safe blank node label: {label!r}")
        return f"_:{label}"
    raise UnsafeTermError(f"cannot render a {type(term).__name__} as a SPARQL term")


def graph_iri(source: str, version: str) -> str:
    """The named graph IRI for one source and version, e.g. ``graph_iri("esco-nl", "1.2.0")``."""
    if not source or not version:
        raise ValueError("a named graph needs a source and a version")
    return f"{GRAPH_BASE}{quote(source, safe='')}/{quote(version, safe='')}"


# --- credentials --------------------------------------------------------------------------

def config_path() -> Path:
    """The credentials file: ``$COMPETENCE_BRIDGE_ENDPOINTS``, else ``$XDG_CONFIG_HOME`` or ``~/.config``."""
    if explicit := os.environ.get(ENV_CONFIG):
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "competence-bridge" / "endpoints.toml"


def _covers(key: str, url: str) -> bool:
    a, b = urlsplit(key), urlsplit(url)
    if (a.scheme.lower(), a.hostname, a.port) != (b.scheme.lower(), b.hostname, b.port):
        return False
    prefix = a.path.rstrip("/")
    return b.path == prefix or b.path.startswith(prefix + "/") or not prefix


def endpoint_credentials(url: str) -> Auth | None:
    """The (user, password) to send to *url*, or ``None`` for an anonymous request.

    Looked up in this order: the environment variables ``COMPETENCE_BRIDGE_ENDPOINT_USER`` and
    ``COMPETENCE_BRIDGE_ENDPOINT_PASSWORD`` (both set), then the TOML file :func:`config_path`,
    whose tables are keyed by endpoint URL; the most specific key whose scheme, host, port and
    path prefix match *url* wins::

        ["https://sparql.example.org/competences"]
        user = "editor"
        password = "..."

    The file must not be readable by group or others (``chmod 600``).
    """
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user and password is not None:
        return user, password
    path = config_path()
    if not path.is_file():
        return None
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise EndpointError(f"{path}: credentials file is readable by others; run chmod 600 {path}")
    import tomllib

    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise EndpointError(f"{path}: not a valid TOML credentials file: {error}") from error
    matches = [key for key, entry in table.items() if isinstance(entry, dict) and _covers(key, url)]
    if not matches:
        return None
    entry = table[max(matches, key=len)]
    if not isinstance(entry.get("user"), str) or not isinstance(entry.get("password"), str):
        raise EndpointError(f"{path}: the entry for {max(matches, key=len)!r} needs string 'user' and 'password'")
    return entry["user"], entry["password"]


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"not an http(s) endpoint URL: {url!r}")
    if parts.username is not None or parts.password is not None:
        raise EndpointError("put endpoint credentials in the environment or the credentials file, not in the URL")
    return url


def _resolve_auth(url: str, auth: Auth | None) -> Auth | None:
    found = auth if auth is not None else endpoint_credentials(url)
    if found is not None and urlsplit(url).scheme == "http" and not _is_loopback(urlsplit(url).hostname or ""):
        warnings.warn(f"sending credentials over plain http to {urlsplit(url).hostname}; use https", stacklevel=3)
    return found


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --- HTTP ---------------------------------------------------------------------------------

def _post(url: str, body: bytes, content_type: str, *, auth: Auth | None, timeout: float,
          accept: str = "*/*") -> tuple[bytes, str]:
    headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": "competence-bridge"}
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    try:
        with urlopen(Request(url, data=body, headers=headers, method="POST"), timeout=timeout) as response:
            return response.read(), response.headers.get("Content-Type", "")
    except HTTPError as error:
        detail = " ".join(error.read(500).decode("utf-8", "replace").split())
        raise EndpointError(f"{url}: HTTP {error.code} {error.reason}: {detail[:300]}") from None
    except TimeoutError:
        raise EndpointError(f"{url}: no answer within {timeout:g} s") from None
    except (URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"{url}: cannot reach the endpoint: {reason}") from None


def _select(query_url: str, query: str, *, graphs: Sequence[str] = (), auth: Auth | None,
            timeout: float) -> Result:
    fields = [("query", query), *(("default-graph-uri", g) for g in graphs)]
    body, content_type = _post(query_url, urlencode(fields).encode(), "application/x-www-form-urlencoded",
                               auth=auth, timeout=timeout,
                               accept="application/sparql-results+json, application/n-triples;q=0.9")
    try:
        return Result.parse(BytesIO(body), content_type=content_type.split(";")[0].strip() or None)
    except Exception as error:  # noqa: BLE001 (a broken answer is the endpoint's fault, say so)
        raise EndpointError(f"{query_url}: unreadable answer ({content_type or 'no content type'}): {error}") from None


def _update(update_url: str, update: str, *, auth: Auth | None, timeout: float) -> None:
    _post(update_url, update.encode("utf-8"), "application/sparql-update; charset=UTF-8", auth=auth, timeout=timeout)


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
    """

    def __init__(self, query_url: str, update_url: str | None = None, *, graphs: Sequence[str] = (),
                 auth: Auth | None = None, timeout: float = 60.0) -> None:
        super().__init__(query_endpoint=query_url, update_endpoint=update_url, node_to_sparql=_node_to_sparql,
                         returnFormat="json", context_aware=True)
        self._graphs = tuple(_checked_iri(g) for g in graphs)
        self._auth = auth
        self._timeout = timeout

    def query(self, query: Any, initNs: Mapping[str, Any] | None = None,  # noqa: N803
              initBindings: Mapping[str, Any] | None = None, queryGraph: Any = None,  # noqa: N803
              DEBUG: bool = False) -> Result:  # noqa: N803
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

    def update(self, query: Any, initNs: Mapping[str, Any] | None = None,  # noqa: N803
               initBindings: Mapping[str, Any] | None = None, queryGraph: Any = None,  # noqa: N803
               DEBUG: bool = False) -> None:  # noqa: N803
        """Run a SPARQL Update on the endpoint (bound values are refused: rdflib splices them by regex)."""
        if not self.update_endpoint:
            raise EndpointError("this endpoint graph is read-only (no update URL was given)")
        if initBindings:
            raise UnsafeTermError("bound values in a SPARQL Update are not supported on an endpoint; "
                                  "render the terms with sparql_term()")
        super().update(query, initNs or {}, {}, queryGraph, DEBUG)

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:  # noqa: ARG002
        self._queries += 1
        return _select(str(self.query_endpoint), query, graphs=self._graphs, auth=self._auth, timeout=self._timeout)

    def _update(self, update: str) -> None:
        if not self.update_endpoint:
            raise EndpointError("this endpoint graph is read-only (no update URL was given)")
        self._updates += 1
        _update(str(self.update_endpoint), update, auth=self._auth, timeout=self._timeout)


def endpoint_graph(query_url: str, update_url: str | None = None, *, graphs: str | Sequence[str] = (),
                   auth: Auth | None = None, timeout: float = 60.0) -> Graph:
    """A ``rdflib.Graph`` over a SPARQL 1.1 endpoint; ``Bridge(endpoint_graph(...))`` works as on a local graph.

    :param query_url: the endpoint's query URL (Oxigraph: ``http://host:7878/query``)
    :param update_url: its update URL, to allow ``graph.add``/``graph.update``; read-only without
    :param graphs: named graph IRIs (as :func:`publish` fills them) that queries see as their
        default graph, merged; without them, queries see the endpoint's default graph
    :param auth: (user, password); by default :func:`endpoint_credentials` of *query_url*
    :param timeout: seconds to wait for each answer
    """
    selected = [graphs] if isinstance(graphs, str) else list(graphs)
    store = EndpointStore(_checked_url(query_url), _checked_url(update_url) if update_url else None,
                          graphs=selected, auth=_resolve_auth(query_url, auth), timeout=timeout)
    # With one named graph, additions through the Graph go into it; otherwise into the default graph.
    identifier = URIRef(selected[0]) if len(selected) == 1 else DATASET_DEFAULT_GRAPH_ID
    graph = Graph(store=store, identifier=identifier, bind_namespaces="none")
    from competence_bridge.rdf.curies import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


# --- publishing ---------------------------------------------------------------------------

def _source_triples(graph: Graph) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of *graph*; natively from pyoxigraph when the graph is on an Oxigraph store."""
    inner = getattr(graph.store, "_inner", None)
    if isinstance(inner, ox.Store):
        from competence_bridge.backends.store import oxigraph_graph_name

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
        line = f"{render(s)} {render(p)} {sparql_term(o) if isinstance(o, _LITERALS) else render(o)} ."
        if isinstance(s, _BNODES) or isinstance(o, _BNODES):
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


def _count(query_url: str, graph: str, *, auth: Auth | None, timeout: float) -> int:
    result = _select(query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_term(URIRef(graph))} {{ ?s ?p ?o }} }}",
                     auth=auth, timeout=timeout)
    return int(next(iter(result))[0])


def publish(graph: Graph, update_url: str, named_graph_iri: str, *, query_url: str | None = None,
            auth: Auth | None = None, chunk: int = 20_000, timeout: float = 120.0) -> int:
    """Replace the named graph *named_graph_iri* on the endpoint with the triples of *graph*, atomically.

    The triples are uploaded into a fresh temporary named graph (``urn:competence-bridge:upload:…``)
    in ``INSERT DATA`` requests of at most *chunk* triples; when *query_url* is given the upload is
    counted; then one request ``MOVE <tmp> TO <named graph>`` swaps it in. SPARQL 1.1 Update
    services apply one request atomically, so until that request the previous version stays
    served, and a failed upload never replaces it (the temporary graph is dropped on failure;
    one left by a killed process is removed by :func:`drop_stale_uploads`).

    :returns: the number of triples published
    :raises EndpointError: when a request fails or the count does not match; the old graph is kept
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    target = _checked_iri(str(named_graph_iri))
    update_url = _checked_url(update_url)
    credentials = _resolve_auth(update_url, auth)
    query_auth = credentials if query_url is None or auth is not None else _resolve_auth(_checked_url(query_url), None)
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
        _update(update_url, f"DROP SILENT GRAPH {old}" if sent == 0 else f"MOVE GRAPH {new} TO GRAPH {old}",
                auth=credentials, timeout=timeout)
    except BaseException:
        try:
            _update(update_url, f"DROP SILENT GRAPH {sparql_term(URIRef(upload))}", auth=credentials,
                    timeout=min(timeout, 10.0))
        except Exception:  # noqa: BLE001 (best effort; drop_stale_uploads finds it later)
            pass
        raise
    return sent


def drop_stale_uploads(update_url: str, query_url: str, *, older_than: float = 24 * 3600,
                       auth: Auth | None = None, timeout: float = 60.0) -> list[str]:
    """Drop temporary upload graphs that interrupted :func:`publish` runs left behind; returns their IRIs.

    Only graphs named ``urn:competence-bridge:upload:<unix time>:…`` and older than *older_than*
    seconds are dropped, so an upload still running elsewhere is left alone.
    """
    query_auth = auth if auth is not None else _resolve_auth(_checked_url(query_url), None)
    update_auth = auth if auth is not None else _resolve_auth(_checked_url(update_url), None)
    rows = _select(query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", auth=query_auth, timeout=timeout)
    now, dropped = time.time(), []
    for row in rows:
        name = str(row[0])
        stamp = name[len(UPLOAD_PREFIX):].split(":", 1)[0]
        if name.startswith(UPLOAD_PREFIX) and stamp.isdigit() and now - int(stamp) >= older_than:
            _update(update_url, f"DROP SILENT GRAPH {sparql_term(URIRef(name))}", auth=update_auth, timeout=timeout)
            dropped.append(name)
    return dropped
