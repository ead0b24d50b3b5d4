"""Which competence-bridge graphs an endpoint holds: a small catalogue graph that publishing keeps up to date.

Every :func:`~competence_bridge.backends.endpoint.publish` records its named graph in the graph
:data:`CATALOGUE` in the same SPARQL Update request that swaps the new version in, so the
catalogue and the data never disagree::

    <https://w3id.org/competence-bridge/graph/esco-nl/1.2.0>
        a sd:NamedGraph ; dcterms:identifier "esco-nl" ; owl:versionInfo "1.2.0" ;
        dcterms:modified "2026-12-03T10:00:00Z"^^xsd:dateTime ; void:triples 431227 .

:func:`discover_graphs` reads it back: by default the most recently published version of each
source (so ESCO 1.1.1 and 1.2.0 published one after the other are not read together), and only
graphs that still exist. Lookups against an endpoint without named graphs use them
(:func:`~competence_bridge.backends.endpoint.endpoint_graph`).

Interrupted uploads leave temporary graphs ``urn:competence-bridge:upload:<unix time>:…``;
:func:`list_uploads` lists them and :func:`cleanup_uploads` drops those old enough to be orphans.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD, Namespace

from competence_bridge.backends.http import Credentials, redact_url
from competence_bridge.backends.sparql import select, sparql_term, update
from competence_bridge.errors import EndpointError

#: Base of the IRIs :func:`graph_iri` makes: one named graph per source and version.
GRAPH_BASE = "https://w3id.org/competence-bridge/graph/"
#: The named graph that lists every published graph.
CATALOGUE = GRAPH_BASE + "catalogue"
#: Named graphs under upload have IRIs starting with this.
UPLOAD_PREFIX = "urn:competence-bridge:upload:"

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")

_DISCOVER = f"""\
SELECT ?g ?source ?version ?modified ?triples WHERE {{
  GRAPH <{CATALOGUE}> {{
    ?g a <{SD.NamedGraph}> ; <{DCTERMS.identifier}> ?source .
    OPTIONAL {{ ?g <{OWL.versionInfo}> ?version }}
    OPTIONAL {{ ?g <{DCTERMS.modified}> ?modified }}
    OPTIONAL {{ ?g <{VOID.triples}> ?triples }}
  }}
  FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }}
}}"""


@dataclass(frozen=True)
class PublishedGraph:
    """One named graph on an endpoint, as publishing recorded it."""

    source: str
    version: str
    graph: str  # the named graph IRI
    triples: int
    published: str | None = None  # when, ISO 8601 (UTC)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"source": self.source, "version": self.version, "graph": self.graph, "triples": self.triples,
                "published": self.published}


def graph_iri(source: str, version: str) -> str:
    """The named graph IRI for one source and version, e.g. ``graph_iri("esco-nl", "1.2.0")``."""
    if not source or not version:
        raise ValueError("a named graph needs a source and a version")
    return f"{GRAPH_BASE}{quote(source, safe='')}/{quote(version, safe='')}"


def source_of(graph: str) -> tuple[str, str]:
    """(source, version) of a graph IRI made by :func:`graph_iri`; (the IRI, "") for any other."""
    rest = graph[len(GRAPH_BASE):] if graph.startswith(GRAPH_BASE) else ""
    source, sep, version = rest.partition("/")
    if source and sep and version and "/" not in version:
        return unquote(source), unquote(version)
    return graph, ""


def register(graph: str, source: str, version: str, triples: int) -> str:
    """SPARQL Update operations that record *graph* in the catalogue (replacing an older record of it)."""
    node, now = URIRef(graph), dt.datetime.now(dt.UTC).replace(microsecond=0)
    facts = [(RDF.type, SD.NamedGraph), (DCTERMS.identifier, Literal(source)), (OWL.versionInfo, Literal(version)),
             (DCTERMS.modified, Literal(now.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)),
             (VOID.triples, Literal(triples))]
    body = " ".join(f"{sparql_term(node)} {sparql_term(p)} {sparql_term(o)} ." for p, o in facts)
    return f"{unregister(graph)} ;\nINSERT DATA {{ GRAPH <{CATALOGUE}> {{ {body} }} }}"


def unregister(graph: str) -> str:
    """A SPARQL Update operation that removes *graph* from the catalogue."""
    return f"DELETE WHERE {{ GRAPH <{CATALOGUE}> {{ {sparql_term(URIRef(graph))} ?p ?o }} }}"


def discover_graphs(query_url: str, *, auth: Credentials | None = None, timeout: float = 60.0,
                    every_version: bool = False) -> list[PublishedGraph]:
    """The competence-bridge graphs published to the endpoint at *query_url*, sorted by source.

    :param every_version: every recorded graph, not only the latest version of each source
    :returns: an empty list when the endpoint holds none
    :raises EndpointError: when the endpoint cannot be queried
    """
    found = []
    for row in select(query_url, _DISCOVER, auth=auth, timeout=timeout):
        graph, source, version, modified, triples = (None if value is None else str(value)
                                                     for value in row)  # type: ignore[union-attr]
        count = int(triples) if triples and triples.isascii() and triples.isdigit() else 0
        found.append(PublishedGraph(source or "", version or "", graph or "", count, modified))
    found.sort(key=lambda item: (item.source, item.published or "", item.graph))
    if not every_version:
        latest = {item.source: item for item in found}  # sorted by time: the last one wins
        found = sorted(latest.values(), key=lambda item: item.source)
    return found


def no_graphs_error(query_url: str) -> EndpointError:
    """The error for an endpoint that holds no published competence-bridge graph."""
    return EndpointError(f"{redact_url(query_url)}: the endpoint holds no competence-bridge graphs; publish them "
                         "with 'competence-bridge publish --endpoint URL', or name the graphs to read (--graph IRI, "
                         "or --graph default for the endpoint's default graph)")


@dataclass(frozen=True)
class Upload:
    """A temporary upload graph: its IRI, when its upload started, and how many triples it holds."""

    graph: str
    started: float | None  # unix time, from the IRI
    triples: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        started = None if self.started is None else dt.datetime.fromtimestamp(self.started, dt.UTC)
        return {"graph": self.graph, "started": started and started.isoformat(), "triples": self.triples}


def list_uploads(query_url: str, *, auth: Credentials | None = None, timeout: float = 60.0) -> list[Upload]:
    """The temporary upload graphs on the endpoint (of running or of interrupted publishes), oldest first."""
    uploads = []
    for row in select(query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", auth=auth, timeout=timeout):
        name = str(row[0])  # type: ignore[index]
        if not name.startswith(UPLOAD_PREFIX):
            continue
        stamp = name[len(UPLOAD_PREFIX):].split(":", 1)[0]
        counted = select(query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_term(URIRef(name))} "
                                    "{ ?s ?p ?o } }", auth=auth, timeout=timeout)
        triples = int(str(next(iter(counted))[0]))  # type: ignore[index]
        uploads.append(Upload(name, float(stamp) if stamp.isascii() and stamp.isdigit() else None, triples))
    return sorted(uploads, key=lambda upload: (upload.started or 0.0, upload.graph))


def cleanup_uploads(update_url: str, query_url: str, *, older_than: float = 3600.0,
                    update_auth: Credentials | None = None, query_auth: Credentials | None = None,
                    timeout: float = 60.0, dry_run: bool = False) -> list[Upload]:
    """Drop the upload graphs that interrupted publishes left behind; returns them.

    Only uploads that started more than *older_than* seconds ago are dropped (an upload still
    running elsewhere is left alone); one whose IRI holds no start time is never dropped.

    :param dry_run: only say which would be dropped
    """
    if older_than < 0:
        raise ValueError("older_than must be zero or more seconds")
    now = time.time()
    stale = [upload for upload in list_uploads(query_url, auth=query_auth, timeout=timeout)
             if upload.started is not None and now - upload.started >= older_than]
    if not dry_run:
        for upload in stale:
            update(update_url, f"DROP SILENT GRAPH {sparql_term(URIRef(upload.graph))}", auth=update_auth,
                   timeout=timeout)
    return stale
