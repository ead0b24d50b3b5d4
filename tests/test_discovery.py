"""Lookups on an endpoint find the published graphs by themselves; orphan uploads are listed and dropped.

Each test gets its own, empty ``oxigraph serve`` (the helpers of test_backends start it), so what
discovery finds is exactly what the test published.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from test_backends import _answers, _free_port, _oxigraph_binary

import competence_bridge
from competence_bridge.backends import endpoint
from competence_bridge.backends.catalogue import CATALOGUE, cleanup_uploads, discover_graphs, list_uploads
from competence_bridge.backends.endpoint import endpoint_graph, graph_iri, publish
from competence_bridge.backends.publish import publish_inputs
from competence_bridge.errors import EndpointError
from competence_bridge.rdf.graph import new_graph

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[str]:
    """Base URL of a new, empty Oxigraph server."""
    binary = _oxigraph_binary()
    if binary is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("the oxigraph server binary is not installed, and CI must run every test")
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "data"), "--bind", f"127.0.0.1:{port}"],
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None and not _answers(base):
        time.sleep(0.1)
    try:
        if not _answers(base):
            pytest.fail("the oxigraph server did not start: " + (tmp_path / "server.log").read_text(errors="replace"))
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _small(tag: str, count: int = 3) -> object:
    graph = new_graph()
    graph.addN((URIRef(f"https://example.org/{tag}/{i}"), SKOS.prefLabel, Literal(f"{tag} {i}", lang="nl"), graph)
               for i in range(count))
    return graph


def test_an_endpoint_without_published_graphs_says_so(fresh: str) -> None:
    with pytest.raises(EndpointError) as empty:
        endpoint_graph(f"{fresh}/query")
    assert str(empty.value) == (
        f"{fresh}/query: the endpoint holds no competence-bridge graphs; publish them with 'competence-bridge "
        "publish --endpoint URL', or name the graphs to read (--graph IRI, or --graph default for the endpoint's "
        "default graph)")
    with pytest.raises(EndpointError, match="a named graph IRI is empty"):
        endpoint_graph(f"{fresh}/query", graphs=[""])
    assert list(endpoint_graph(f"{fresh}/query", graphs="default").query("ASK { ?s ?p ?o }")) == [False]


def test_after_publish_lookups_find_every_source_and_answer_like_the_embedded_store(fresh: str) -> None:
    bk, sbb = FIXTURES / "bk" / "bk-records.json", FIXTURES / "sbb" / "minimal-dossier.xml"
    published = publish_inputs(f"{fresh}/update", bk=bk, sbb=sbb, query_url=f"{fresh}/query")
    remote = endpoint_graph(f"{fresh}/query")
    assert sorted(remote.store.graphs) == sorted(item.graph for item in published)
    found = {item.source: item for item in remote.store.published}
    assert sorted(found) == ["bk-bk-records", "competence-bridge-taxonomies", "sbb-minimal-dossier"]
    assert all(found[item.source].triples == item.triples and found[item.source].version == item.version
               for item in published)
    assert all(dt.datetime.fromisoformat(item.published or "").utcoffset() == dt.timedelta(0)
               for item in found.values())
    on_endpoint, embedded = competence_bridge.load(endpoint=f"{fresh}/query"), competence_bridge.load(bk=bk, sbb=sbb)
    assert on_endpoint.level("vks", "5").to_dict() == embedded.level("vks", "5").to_dict()
    assert on_endpoint.translate("vl:bk-0140-3").to_dict() == embedded.translate("vl:bk-0140-3").to_dict()


def test_discovery_reads_the_latest_version_of_each_source(fresh: str) -> None:
    old, new = graph_iri("esco-nl", "1.1.1"), graph_iri("esco-nl", "1.2.0")
    publish(_small("old"), f"{fresh}/update", old)
    time.sleep(1.1)  # the catalogue keeps times to the second
    publish(_small("new", 4), f"{fresh}/update", new)
    publish(_small("mine"), f"{fresh}/update", "https://example.org/graphs/mine", source="mine", version="7")
    latest = discover_graphs(f"{fresh}/query")
    assert [(item.source, item.version, item.graph, item.triples) for item in latest] == [
        ("esco-nl", "1.2.0", new, 4), ("mine", "7", "https://example.org/graphs/mine", 3)]
    assert [item.version for item in discover_graphs(f"{fresh}/query", every_version=True)] == ["1.1.1", "1.2.0", "7"]
    publish(new_graph(), f"{fresh}/update", new)  # emptied: dropped, and gone from the catalogue
    assert [item.graph for item in discover_graphs(f"{fresh}/query")] == [old, "https://example.org/graphs/mine"]
    rows = endpoint._select(f"{fresh}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CATALOGUE}> {{ ?s ?p ?o }} }}",
                            auth=None, timeout=10)
    assert int(next(iter(rows))[0]) == 2 * 5  # five facts per recorded graph, none left of the emptied one


def test_orphan_uploads_are_listed_and_only_old_ones_dropped(fresh: str) -> None:
    now = int(time.time())
    orphan, running = f"urn:competence-bridge:upload:{now - 7200}:dead", f"urn:competence-bridge:upload:{now}:live"
    for name in (orphan, running):
        endpoint._update(f"{fresh}/update", f"INSERT DATA {{ GRAPH <{name}> {{ <x:a> <x:b> 1, 2 }} }}", auth=None,
                         timeout=10)
    publish(_small("kept"), f"{fresh}/update", graph_iri("kept", "1"))
    uploads = list_uploads(f"{fresh}/query")
    assert [(upload.graph, upload.triples) for upload in uploads] == [(orphan, 2), (running, 2)]
    assert uploads[0].to_dict()["started"].endswith("+00:00")
    assert cleanup_uploads(f"{fresh}/update", f"{fresh}/query", dry_run=True) == uploads[:1]
    assert [upload.graph for upload in list_uploads(f"{fresh}/query")] == [orphan, running]
    assert cleanup_uploads(f"{fresh}/update", f"{fresh}/query") == uploads[:1]
    assert [upload.graph for upload in list_uploads(f"{fresh}/query")] == [running]
    assert [item.source for item in discover_graphs(f"{fresh}/query")] == ["kept"]
