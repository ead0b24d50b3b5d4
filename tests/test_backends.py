"""The persistent store and SPARQL endpoint backends: same lookups, atomic replacement, safe SPARQL.

The endpoint tests run a real Oxigraph server (the ``oxigraph`` binary from the PyPI package of
that name) on a free 127.0.0.1 port below pytest's tmp path. They skip only when the binary is
not installed, and fail instead when the ``CI`` environment variable is set.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from competence_bridge.backends import store as backends

from competence_bridge.backends import endpoint
from competence_bridge.backends.store import StoreError, build_store, open_store, store_manifest
from competence_bridge.bridge import Bridge
from competence_bridge.backends.compile import compile_inputs
from competence_bridge.backends.endpoint import (
    Credentials,
    EndpointError,
    UnsafeTermError,
    drop_stale_uploads,
    endpoint_credentials,
    endpoint_graph,
    graph_iri,
    publish,
    sparql_term,
)
from competence_bridge.rdf.graph import new_graph
from competence_bridge.curated.resources import shipped_files

ROOT = Path(__file__).resolve().parents[1]
EX = "https://example.org/test/"
#: Labels that would break a query if they were spliced into it.
HOSTILE = [
    'a "quoted" label', "closing } brace", 'three """ quotes', 'ends with a quote"', "hash # not a comment",
    "new\nline", "back\\slash", "trailing backslash\\", "\\u0022 escape look-alike", "'single' quotes",
    '"} ; DROP ALL ; INSERT DATA { <x:a> <x:b> "c', "tab\tand\rreturn", "> <http://evil/> .", "ünïcödé ✓ 𝄞",
    'line\nthen backslash-quote \\"', "nul \x00 and bell \x07",  # rdflib's n3() breaks on the first
]


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped() -> Graph:
    """The shipped taxonomies, compiled without the cache, on the in-memory Oxigraph store."""
    return compile_inputs(shipped_files())


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(base: str) -> bool:
    try:
        with urlopen(f"{base}/query?query={quote('ASK {}')}", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of an Oxigraph server on 127.0.0.1, stopped at the end of the session."""
    binary = _oxigraph_binary()
    if binary is None:
        reason = "the oxigraph server binary is not installed (pip install oxigraph)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI must run every test")
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("oxigraph-server")
    for attempt in range(3):  # another process may take the free port between probe and bind
        port = _free_port()
        log = (root / f"server-{attempt}.log").open("wb")
        process = subprocess.Popen([binary, "serve", "--location", str(root / "data"), "--bind", f"127.0.0.1:{port}"],
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None and not _answers(base):
            time.sleep(0.1)
        if process.poll() is None and _answers(base):
            break
        process.kill()
        process.wait(timeout=10)
        log.close()
    else:
        pytest.fail("the oxigraph server did not start: " + (root / "server-2.log").read_text(errors="replace")[-500:])
    try:
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def _graphs(base: str) -> dict[str, int]:
    """Named graph → number of triples, straight from the server."""
    rows = endpoint._select(f"{base}/query", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                            auth=None, timeout=10)
    return {str(g): int(n) for g, n in rows}


def _small_graph(count: int, tag: str) -> Graph:
    graph = new_graph()
    graph.addN((URIRef(f"{EX}s{i}"), SKOS.prefLabel, Literal(f"{tag} {i}", lang="nl"), graph) for i in range(count))
    return graph


# --- the same lookups on all three backends -------------------------------------------------

LOOKUPS = {
    "level vks 5": lambda bridge: bridge.level("vks", "5").to_dict(),
    "level nlqf 4+": lambda bridge: bridge.level("nlqf", "4+").to_dict(),
    "recognitions havo": lambda bridge: bridge.recognitions("havo").to_dict(),
    "translate vl:bk-0140-3": lambda bridge: bridge.translate("vl:bk-0140-3").to_dict(),
}


@pytest.fixture(scope="module")
def reference(shipped: Graph) -> dict[str, object]:
    bridge = Bridge(shipped, taxonomy_files=shipped_files())
    return {name: lookup(bridge) for name, lookup in LOOKUPS.items()}


def _memory_graph(request: pytest.FixtureRequest, shipped: Graph) -> Graph:
    return shipped


def _disk_graph(request: pytest.FixtureRequest, shipped: Graph) -> Graph:
    directory = request.getfixturevalue("tmp_path") / "store"
    build_store(directory, shipped, files=shipped_files())
    return open_store(directory)


def _endpoint_graph(request: pytest.FixtureRequest, shipped: Graph) -> Graph:
    base = request.getfixturevalue("server")
    name = graph_iri("curated", "lookups")
    publish(shipped, f"{base}/update", name, query_url=f"{base}/query")
    return endpoint_graph(f"{base}/query", graphs=[name])


@pytest.mark.parametrize("backend", [_memory_graph, _disk_graph, _endpoint_graph], ids=["memory", "disk", "endpoint"])
def test_the_same_lookups_on_every_backend(request: pytest.FixtureRequest, shipped: Graph,
                                           reference: dict[str, object], backend) -> None:
    bridge = Bridge(backend(request, shipped), taxonomy_files=shipped_files())
    for name, lookup in LOOKUPS.items():
        assert lookup(bridge) == reference[name], name
    assert reference["level vks 5"]["eqf"]["id"] == "eqf:5"  # type: ignore[index]


# --- the disk store -------------------------------------------------------------------------

def test_a_store_reopens_in_milliseconds_read_only_with_its_manifest(tmp_path: Path, shipped: Graph) -> None:
    manifest = build_store(tmp_path / "store", shipped, files=shipped_files(),
                           sources=[("esco", ROOT / "tests" / "fixtures" / "esco")])
    assert manifest.triples == len(shipped.store._inner) > 5000
    assert store_manifest(tmp_path / "store") == manifest
    on_disk = json.loads((tmp_path / "store" / "manifest.json").read_text())
    assert on_disk["format"] == "competence-bridge-store" and on_disk["oxigraph_version"] == ox.__version__
    assert [entry["kind"] for entry in manifest.inputs].count("yaml") == len(shipped_files())
    assert manifest.yaml_files == [path.resolve() for path in shipped_files()]
    esco = manifest.inputs[-1]
    assert esco["kind"] == "esco" and esco["files"] and len(esco["files"][0]["sha256"]) == 64
    start = time.perf_counter()
    graph = open_store(tmp_path / "store")
    assert time.perf_counter() - start < 1.0  # typically a few ms
    assert len(graph.store._inner) == manifest.triples
    with pytest.raises(RuntimeError, match="read-write"):
        graph.add((URIRef(f"{EX}a"), SKOS.prefLabel, Literal("x")))
    writable = open_store(tmp_path / "store", read_only=False)
    writable.add((URIRef(f"{EX}a"), SKOS.prefLabel, Literal("x")))
    assert (URIRef(f"{EX}a"), SKOS.prefLabel, Literal("x")) in writable


def test_a_store_is_built_from_a_file_a_memory_graph_or_triples(tmp_path: Path, shipped: Graph) -> None:
    data = tmp_path / "data.nt"
    shipped.serialize(str(data), format="ox-ntriples")
    memory = Graph()
    memory.parse(data, format="nt")
    memory.add((BNode("b1"), SKOS.prefLabel, Literal("blank", lang="nl")))
    count = len(shipped.store._inner)
    assert build_store(tmp_path / "from-file", data).triples == count
    assert build_store(tmp_path / "from-memory", memory).triples == count + 1
    assert build_store(tmp_path / "from-triples", iter(memory)).triples == count + 1
    plain = Graph(store="Oxigraph")  # oxrdflib keeps it in a blank-node named graph
    plain.add((URIRef(f"{EX}a"), SKOS.prefLabel, Literal("a")))
    assert build_store(tmp_path / "from-plain", plain).triples == 1
    with pytest.raises(StoreError, match="suffix"):
        build_store(tmp_path / "bad", tmp_path / "data.csv")


@pytest.mark.parametrize("make", [
    lambda path: None,
    lambda path: path.mkdir(),
    lambda path: (path.mkdir(), (path / "manifest.json").write_text("{not json")),
    lambda path: (path.mkdir(), (path / "manifest.json").write_text('{"format": "something else"}')),
    lambda path: (path.mkdir(), (path / "manifest.json").write_text(
        '{"format": "competence-bridge-store", "format_version": 99}')),
], ids=["missing", "empty", "bad-json", "foreign", "newer"])
def test_opening_something_that_is_not_a_store_says_so(tmp_path: Path, make) -> None:
    make(tmp_path / "x")
    with pytest.raises(StoreError) as raised:
        open_store(tmp_path / "x")
    assert str(tmp_path / "x") in str(raised.value) and "\n" not in str(raised.value)


def test_a_directory_that_is_not_a_store_is_never_replaced(tmp_path: Path, shipped: Graph) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.txt").write_text("precious")
    with pytest.raises(StoreError, match="refusing"):
        build_store(tmp_path / "home", shipped)
    assert (tmp_path / "home" / "thesis.txt").read_text() == "precious"
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        build_store(tmp_path / "file", shipped)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "home"]


def test_a_failed_build_keeps_the_old_store(tmp_path: Path, shipped: Graph) -> None:
    old = build_store(tmp_path / "store", shipped)

    def broken() -> Iterator[tuple]:
        yield from _small_graph(50, "new")
        raise OSError("disk on fire")

    with pytest.raises(StoreError, match="disk on fire"):
        build_store(tmp_path / "store", broken())
    assert store_manifest(tmp_path / "store") == old
    assert len(open_store(tmp_path / "store").store._inner) == old.triples
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # no half-built or old copies left
    new = build_store(tmp_path / "store", _small_graph(10, "new"))
    assert new.triples == 10 and store_manifest(tmp_path / "store").triples == 10


def test_a_bad_rdf_file_fails_the_build_and_keeps_the_old_store(tmp_path: Path, shipped: Graph) -> None:
    old = build_store(tmp_path / "store", shipped)
    bad = tmp_path / "bad.nt"
    bad.write_text(f"<{EX}a> <{EX}p> \"fine\" .\n<{EX}a> <{EX}p> \"no end\n", encoding="utf-8")
    with pytest.raises(StoreError, match="building the store failed"):
        build_store(tmp_path / "store", bad)
    assert store_manifest(tmp_path / "store") == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nt", "store"]


def _forced_progress(monkeypatch: pytest.MonkeyPatch, module: object) -> io.StringIO:
    """Make *module*'s progress lines show at once, into the returned stream."""
    out = io.StringIO()
    real = module.Progress  # type: ignore[attr-defined]
    monkeypatch.setattr(module, "Progress", lambda label, total=None, **_: real(
        label, total, stream=out, delay=0, interval=0, enabled=True))
    return out


def test_build_store_reports_progress(tmp_path: Path, shipped: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _forced_progress(monkeypatch, backends)
    count = build_store(tmp_path / "store", shipped).triples
    assert "store bouwen [####################] 100%" in out.getvalue() and count > 5000
    out.seek(0)
    out.truncate()
    build_store(tmp_path / "store", iter(_small_graph(5, "x")))
    assert out.getvalue().rstrip().endswith("store bouwen: 5")


def test_a_killed_build_keeps_the_old_store(tmp_path: Path, shipped: Graph) -> None:
    old = build_store(tmp_path / "store", shipped)
    script = textwrap.dedent(f"""
        import sys, time
        from rdflib import Literal, URIRef
        from competence_bridge.backends.store import build_store
        def slow():
            for i in range(10**9):
                if i == 1000:
                    print("building", flush=True)
                    time.sleep(60)
                yield URIRef(f"{EX}s{{i}}"), URIRef("{EX}p"), Literal(i)
        build_store(sys.argv[1], slow())
    """)
    child = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "store")], stdout=subprocess.PIPE,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert _wait_for_line(child, "building", timeout=30)
        assert any(p.name.startswith(".store.build-") for p in tmp_path.iterdir())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert store_manifest(tmp_path / "store") == old
    assert len(open_store(tmp_path / "store").store._inner) == old.triples
    build_store(tmp_path / "store", _small_graph(3, "next"))  # also removes the killed build's directory
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def _wait_for_line(child: subprocess.Popen, text: str, *, timeout: float) -> bool:
    found: list[bool] = []
    reader = threading.Thread(target=lambda: found.append(text in child.stdout.readline().decode()), daemon=True)
    reader.start()
    reader.join(timeout)
    return bool(found and found[0])


# --- safe SPARQL terms ----------------------------------------------------------------------

@pytest.mark.parametrize("iri", ["http://a/b c", "http://a/<b>", 'http://a/"', "http://a/{b}", "http://a/b|c",
                                 "http://a/^", "http://a/`", "http://a/\\", "http://a/\nb", "relative/iri", ""])
def test_unsafe_iris_are_refused(iri: str) -> None:
    with pytest.raises(UnsafeTermError):
        sparql_term(URIRef(iri))
    with pytest.raises(UnsafeTermError):
        sparql_term(Literal("x", datatype=URIRef(iri or "#")))


def test_blank_nodes_language_tags_and_other_values_are_checked() -> None:
    with pytest.raises(UnsafeTermError, match="blank node"):
        sparql_term(BNode("b1"))
    assert sparql_term(BNode("b1"), bnodes=True) == "_:b1"
    with pytest.raises(UnsafeTermError):
        sparql_term(BNode("b 1"), bnodes=True)
    with pytest.raises(UnsafeTermError):
        sparql_term("a plain Python string")
    assert sparql_term(Literal(5)) == '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert sparql_term(ox.NamedNode("http://a/b")) == "<http://a/b>"


@settings(max_examples=150, deadline=None, database=None)
@given(text=st.text(), lang=st.sampled_from([None, "nl", "en-GB"]))
def test_any_literal_survives_a_round_trip_through_a_sparql_parser(text: str, lang: str | None) -> None:
    for term in (Literal(text, lang=lang), ox.Literal(text, language=lang)):
        rendered = sparql_term(term)
        solutions = list(ox.Store().query(f"SELECT ?x WHERE {{ BIND({rendered} AS ?x) }}"))
        assert solutions[0]["x"] == ox.Literal(text, language=lang)


def test_graph_iris_are_safe_for_any_source_name() -> None:
    iri = graph_iri('esco nl "}', "1.2.0/x")
    assert sparql_term(URIRef(iri)) == f"<{iri}>" and iri.endswith("/esco%20nl%20%22%7D/1.2.0%2Fx")


# --- publishing to the endpoint -------------------------------------------------------------

def test_hostile_labels_are_published_and_found_by_bound_value_only(server: str, shipped: Graph) -> None:
    curated, hostile = graph_iri("curated", "safety"), graph_iri("hostile", "1")
    publish(shipped, f"{server}/update", curated)
    graph = new_graph()
    for i, text in enumerate(HOSTILE):
        graph.add((URIRef(f"{EX}h{i}"), SKOS.prefLabel, Literal(text, lang="nl")))
        graph.add((URIRef(f"{EX}h{i}"), SKOS.notation, Literal(text)))
    assert publish(graph, f"{server}/update", hostile, query_url=f"{server}/query", chunk=5) == 2 * len(HOSTILE)
    remote = endpoint_graph(f"{server}/query", graphs=[hostile])
    for i, text in enumerate(HOSTILE):
        for value in (Literal(text, lang="nl"), Literal(text)):
            rows = list(remote.query("SELECT ?s WHERE { ?s ?p ?label }", initBindings={"label": value}))
            assert [row.s for row in rows] == [URIRef(f"{EX}h{i}")], text
    # (plain literals come back without xsd:string from the endpoint, with it from oxrdflib: same RDF term)
    assert {(s, p, str(o), o.language) for s, p, o in remote} == {(s, p, str(o), o.language) for s, p, o in graph}
    counts = _graphs(server)
    assert counts[hostile] == 2 * len(HOSTILE) and counts[curated] == len(shipped.store._inner)
    with pytest.raises(UnsafeTermError):
        list(remote.query("SELECT ?s WHERE { ?s ?p ?o }", initBindings={"o) } #": Literal("x")}))
    with pytest.raises(UnsafeTermError):
        list(remote.query("SELECT ?s WHERE { ?s ?p ?o }", initBindings={"o": BNode()}))
    with pytest.raises(UnsafeTermError):
        list(remote.query("SELECT ?s WHERE { ?s ?p ?o }", initBindings={"o": URIRef("http://a/> } #")}))


def test_a_failed_upload_leaves_the_previous_version_served(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    name = graph_iri("atomic", "failed")
    publish(_small_graph(40, "old"), f"{server}/update", name)
    real, calls = endpoint._update, []

    def flaky(url: str, update: str, **kwargs) -> None:
        calls.append(update[:20])
        if len(calls) == 3:
            raise EndpointError("connection reset in the middle of the upload")
        real(url, update, **kwargs)

    monkeypatch.setattr(endpoint, "_update", flaky)
    with pytest.raises(EndpointError, match="connection reset"):
        publish(_small_graph(100, "new"), f"{server}/update", name, chunk=20)
    monkeypatch.undo()
    assert calls[-1].startswith("DROP SILENT GRAPH")  # the partial upload was removed
    labels = {str(o) for _, _, o in endpoint_graph(f"{server}/query", graphs=[name])}
    assert len(labels) == 40 and all(label.startswith("old ") for label in labels)
    assert not [g for g in _graphs(server) if g.startswith(endpoint.UPLOAD_PREFIX)]

    monkeypatch.setattr(endpoint, "_count", lambda *args, **kwargs: 7)
    with pytest.raises(EndpointError, match="7 of 100"):
        publish(_small_graph(100, "new"), f"{server}/update", name, query_url=f"{server}/query", chunk=20)
    monkeypatch.undo()
    assert _graphs(server)[name] == 40
    assert publish(_small_graph(100, "new"), f"{server}/update", name, query_url=f"{server}/query") == 100
    assert _graphs(server)[name] == 100


def test_a_killed_upload_leaves_the_previous_version_served(server: str) -> None:
    name = graph_iri("atomic", "killed")
    publish(_small_graph(30, "old"), f"{server}/update", name)
    script = textwrap.dedent(f"""
        from rdflib import Literal, URIRef
        from competence_bridge.backends.endpoint import publish
        from competence_bridge.rdf.graph import new_graph
        g = new_graph()
        g.addN((URIRef(f"{EX}n{{i}}"), URIRef("{EX}p"), Literal(i), g) for i in range(60000))
        publish(g, "{server}/update", "{name}", chunk=100)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and child.poll() is None:
            if any(g.startswith(endpoint.UPLOAD_PREFIX) and n >= 300 for g, n in _graphs(server).items()):
                break
            time.sleep(0.05)
        assert child.poll() is None, "the upload finished before it could be killed"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    counts = _graphs(server)
    assert counts[name] == 30
    assert {str(o) for _, _, o in endpoint_graph(f"{server}/query", graphs=[name])} == {f"old {i}" for i in range(30)}
    assert drop_stale_uploads(f"{server}/update", f"{server}/query", older_than=3600) == []  # too recent
    dropped = drop_stale_uploads(f"{server}/update", f"{server}/query", older_than=0)
    assert dropped and all(g.startswith(endpoint.UPLOAD_PREFIX) for g in dropped)
    assert not [g for g in _graphs(server) if g.startswith(endpoint.UPLOAD_PREFIX)]


def test_any_graph_publishes_blank_nodes_included(server: str) -> None:
    name = graph_iri("blank-nodes", "1")
    memory = Graph()
    for i in range(3):
        node = BNode()
        memory.add((URIRef(f"{EX}item"), URIRef(f"{EX}source"), node))
        memory.add((node, SKOS.prefLabel, Literal(f"source {i}", lang="nl")))
        memory.add((node, SKOS.notation, Literal(i)))
    memory.add((URIRef(f"{EX}item"), SKOS.prefLabel, Literal("item")))
    assert publish(memory, f"{server}/update", name, query_url=f"{server}/query", chunk=2) == 10
    rows = list(endpoint_graph(f"{server}/query", graphs=name).query(
        "SELECT ?label ?n WHERE { ?item <https://example.org/test/source> ?b . ?b ?p ?label ; "
        "<http://www.w3.org/2004/02/skos/core#notation> ?n FILTER(isLiteral(?label) && lang(?label) = 'nl') }"))
    assert sorted((str(label), int(n)) for label, n in rows) == [(f"source {i}", i) for i in range(3)]
    plain = Graph(store="Oxigraph")
    plain.add((URIRef(f"{EX}a"), SKOS.prefLabel, Literal("a")))
    assert publish(plain, f"{server}/update", name) == 1 and _graphs(server)[name] == 1


def test_an_empty_graph_publishes_as_an_empty_named_graph(server: str) -> None:
    name = graph_iri("atomic", "emptied")
    publish(_small_graph(5, "x"), f"{server}/update", name)
    assert publish(new_graph(), f"{server}/update", name) == 0
    assert name not in _graphs(server)


def test_an_endpoint_graph_can_write_into_its_named_graph(server: str) -> None:
    name = graph_iri("writable", "1")
    remote = endpoint_graph(f"{server}/query", f"{server}/update", graphs=name)
    remote.add((URIRef(f"{EX}w"), SKOS.prefLabel, Literal('say "hi" }', lang="nl")))
    assert _graphs(server)[name] == 1
    assert (URIRef(f"{EX}w"), SKOS.prefLabel, Literal('say "hi" }', lang="nl")) in remote
    with pytest.raises(EndpointError, match="read-only"):
        endpoint_graph(f"{server}/query", graphs=name).update("CLEAR ALL")


# --- credentials, errors, timeouts (a stub HTTP server on 127.0.0.1) -------------------------

class _Stub(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def handle(self) -> None:
        """Serve; a client that gave up (a timeout test) is no error of the server's."""
        try:
            super().handle()
        except OSError:
            pass

    def do_POST(self) -> None:  # noqa: N802
        _Stub.seen.append(dict(self.headers))
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.startswith("/slow"):
            time.sleep(3)
        status = 500 if self.path.startswith("/fail") else 200
        body = b'{"head": {"vars": []}, "results": {"bindings": []}}' if status == 200 else b"boom\nno store"
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def stub() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    _Stub.seen.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_come_from_the_environment_and_reach_the_endpoint(
        stub: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(endpoint.ENV_CONFIG, str(tmp_path / "none.toml"))
    monkeypatch.delenv(endpoint.ENV_USER, raising=False)
    list(endpoint_graph(f"{stub}/query", graphs="default").query("SELECT * WHERE { ?s ?p ?o }"))
    assert "Authorization" not in _Stub.seen[-1]
    monkeypatch.setenv(endpoint.ENV_USER, "editor")
    monkeypatch.setenv(endpoint.ENV_PASSWORD, "s3cret")
    list(endpoint_graph(f"{stub}/query", graphs="default").query("SELECT * WHERE { ?s ?p ?o }"))
    assert _Stub.seen[-1]["Authorization"] == "Basic ZWRpdG9yOnMzY3JldA=="
    with pytest.raises(EndpointError, match="not in the URL"):
        endpoint_graph(stub.replace("http://", "http://editor:s3cret@") + "/query")


def test_credentials_file_is_keyed_by_url_and_must_be_private(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(endpoint.ENV_USER, raising=False)
    monkeypatch.delenv(endpoint.ENV_PASSWORD, raising=False)
    config = tmp_path / "endpoints.toml"
    config.write_text('["https://sparql.example.org/"]\nuser = "a"\npassword = "1"\n'
                      '["https://sparql.example.org/private"]\nuser = "b"\npassword = "2"\n')
    config.chmod(0o600)
    monkeypatch.setenv(endpoint.ENV_CONFIG, str(config))
    assert endpoint_credentials("https://sparql.example.org/query") == Credentials("basic", "a", "1", str(config))
    assert endpoint_credentials("https://sparql.example.org/private/update") == \
        Credentials("basic", "b", "2", str(config))
    assert endpoint_credentials("https://sparql.example.org.evil.test/query") is None
    assert endpoint_credentials("http://sparql.example.org/query") is None
    assert endpoint_credentials("https://sparql.example.org:8443/query") is None
    config.chmod(0o644)
    with pytest.raises(EndpointError, match="chmod 600"):
        endpoint_credentials("https://sparql.example.org/query")


def test_endpoint_errors_are_one_line_and_waits_are_bounded(stub: str) -> None:
    with pytest.raises(EndpointError, match="HTTP 500.*boom no store"):
        list(endpoint_graph(f"{stub}/fail", graphs="default").query("SELECT * WHERE { ?s ?p ?o }"))
    start = time.monotonic()
    with pytest.raises(EndpointError, match="no answer within 0.5 s"):
        list(endpoint_graph(f"{stub}/slow", graphs="default", timeout=0.5).query("SELECT * WHERE { ?s ?p ?o }"))
    assert time.monotonic() - start < 2.5
    with pytest.raises(EndpointError, match="cannot reach"):
        endpoint_graph(f"http://127.0.0.1:{_free_port()}/query", timeout=2)
    with pytest.raises(EndpointError, match="http"):
        endpoint_graph("ftp://127.0.0.1/query")
