"""The command line on every backend: search, store build/info, --store, --endpoint, publish, mappings as RDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_backends import _graphs, server  # noqa: F401 (the live `oxigraph serve` fixture)
from test_cli import run

import competence_bridge
from competence_bridge.backends.endpoint import endpoint_graph, graph_iri

GOLD = Path(__file__).parent / "gold" / "border-pairs.sssom.tsv"
FIXTURES = Path(__file__).parent / "fixtures"
GOLD_ROWS = sum(1 for line in GOLD.read_text(encoding="utf-8").splitlines()[1:]
                if line and not line.startswith("#")) - 1  # minus the header row


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


# --- search -----------------------------------------------------------------------------------

def test_search_finds_a_gender_form_and_explains_it(capsys) -> None:
    data = _json(capsys, "search", "kinesitherapeute", "--region", "BE-VLG", "--kind", "job-profile")
    assert data["query"] == "kinesitherapeute" and data["region"] == "BE-VLG" and data["kinds"] == ["job-profile"]
    first = data["hits"][0]
    assert (first["id"], first["name"], first["label"], first["matched"]) == (
        "vl:job.kinesitherapeut", "Kinesitherapeut", "kinesitherapeute", "alt")
    assert {hit["region"] for hit in data["hits"]} == {"BE-VLG"}


def test_search_text_output_names_kind_and_side_in_dutch(capsys) -> None:
    code, out, _ = run(capsys, "search", "Verzorgende IG", "--region", "NL", "--kind", "qualification", "--limit", "1")
    assert code == 0
    assert out.splitlines()[:2] == ["Zoekresultaten voor 'Verzorgende IG':",
                                    "  1. Verzorgende-IG (nl:crebo-25656; kwalificatie, Nederland)  1.00"]


@pytest.mark.parametrize(("argv", "message"), [
    (["search", "kine", "--kind", "job"], "argument --kind: invalid choice: 'job'"),
    (["search", "  "], "nothing to search for: the search text is empty"),
    (["levels", "vks", "5", "--graph", "http://example.org/g"], "--graph names graphs on an endpoint; give --endpoint URL as well"),
])
def test_search_and_backend_usage_errors(capsys, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


# --- the disk store ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli-store") / "bridge-store"
    from competence_bridge.cli import main

    assert main(["store", "build", str(directory), "--json"]) == 0
    return directory


def test_store_info_lists_what_went_in(capsys, store_dir: Path) -> None:
    data = _json(capsys, "store", "info", str(store_dir))
    assert data["format"] == "competence-bridge-store" and data["triples"] > 5_000
    assert {entry["kind"] for entry in data["inputs"]} == {"yaml"}
    code, out, _ = run(capsys, "store", "info", str(store_dir))
    assert code == 0 and out.startswith(f"{store_dir}: {data['triples']:,} triples, built ")


@pytest.mark.parametrize("argv", [["levels", "vks", "5"], ["recognize", "havo"], ["translate", "vl:bk-0140-3"],
                                  ["search", "lasser"], ["compare", "vl:bk-zorgkundige", "nl:crebo-25656"]])
def test_lookups_on_a_store_equal_those_in_memory(capsys, store_dir: Path, argv: list[str]) -> None:
    expected = _json(capsys, *argv)
    assert _json(capsys, *argv, "--store", str(store_dir)) == expected
    assert _json(capsys, "--store", str(store_dir), *argv) == expected


def test_a_store_does_not_take_more_data_per_run(capsys, store_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("{}\n", encoding="utf-8")
    code, _, err = run(capsys, "levels", "vks", "5", "--store", str(store_dir), "--with", f"yaml:{tmp_path / 'x.yaml'}")
    assert code == 2
    assert err == (f"competence-bridge: error: {store_dir}: a store holds the data it was built with; to add data, "
                   f"rebuild it: competence-bridge store build {store_dir} --with KIND:PATH\n")


def test_a_missing_store_is_one_line(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "levels", "vks", "5", "--store", str(tmp_path / "nowhere"))
    assert code == 2
    assert err == (f"competence-bridge: error: {tmp_path / 'nowhere'}: no such store directory; "
                   f"build one with: competence-bridge store build {tmp_path / 'nowhere'}\n")


# --- the endpoint -----------------------------------------------------------------------------

def test_publish_puts_each_source_in_its_own_graph_and_lookups_query_them_together(capsys, server: str) -> None:  # noqa: F811
    bk, sbb = FIXTURES / "bk" / "bk-records.json", FIXTURES / "sbb" / "minimal-dossier.xml"
    published = _json(capsys, "publish", "--endpoint", f"{server}/query", "--with", f"bk:{bk}", "--with", f"sbb:{sbb}")
    graphs = published["graphs"]
    assert [entry["source"] for entry in graphs] == ["competence-bridge-taxonomies", "sbb-minimal-dossier",
                                                     "bk-bk-records"]
    assert graphs[0]["graph"] == graph_iri("competence-bridge-taxonomies", competence_bridge.__version__)
    stored = _graphs(server)
    assert all(stored[entry["graph"]] == entry["triples"] > 0 for entry in graphs)
    endpoint = ["--endpoint", f"{server}/query", *(arg for entry in graphs for arg in ("--graph", entry["graph"]))]
    with_inputs = ["--with", f"bk:{bk}", "--with", f"sbb:{sbb}"]
    for argv in (["levels", "vks", "5"], ["translate", "vl:bk-0140-3"], ["search", "kinesitherapeute"],
                 ["compare", "vl:bk-zorgkundige", "nl:crebo-25656"]):
        assert _json(capsys, *argv, *endpoint) == _json(capsys, *argv, *with_inputs), argv
    code, out, _ = run(capsys, "publish", "--endpoint", f"{server}/query")
    assert code == 0 and out.splitlines()[-1].startswith(f"query them with: --endpoint {server}/query --graph ")


def test_publish_everything_or_a_mapping_set_into_one_graph(capsys, server: str) -> None:  # noqa: F811
    name = graph_iri("cli-gold", "2026-11-22")
    published = _json(capsys, "publish", "--endpoint", f"{server}/query", "--graph", name, "--mappings", str(GOLD))
    assert published["graphs"][0]["triples"] == _graphs(server)[name]
    remote = endpoint_graph(f"{server}/query", graphs=[name])
    rows = list(remote.query("SELECT (COUNT(?m) AS ?n) WHERE { ?m a <http://www.w3.org/2002/07/owl#Axiom> }"))
    assert int(rows[0][0]) == GOLD_ROWS
    everything = graph_iri("cli-all", "1")
    published = _json(capsys, "publish", "--endpoint", f"{server}/query", "--graph", everything)
    assert _json(capsys, "levels", "vks", "5", "--endpoint", f"{server}/query", "--graph", everything) == \
        _json(capsys, "levels", "vks", "5")


@pytest.mark.parametrize(("argv", "message"), [
    (["publish", "--endpoint", "http://127.0.0.1:9/sparql", "--graph", "http://example.org/g"],
     "cannot derive the update URL from 'http://127.0.0.1:9/sparql'; give --update URL"),
    (["publish", "--endpoint", "http://127.0.0.1:9/query", "--mappings", "x.sssom.tsv"],
     "--mappings needs --graph IRI: the named graph the mapping set replaces"),
])
def test_publish_usage_errors(capsys, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and err == f"competence-bridge: error: {message}\n"


# --- mappings as RDF in an export -------------------------------------------------------------

def test_export_adds_reviewed_mappings_as_rdf(capsys, tmp_path: Path) -> None:
    out = tmp_path / "bridge.nt"
    code, _, err = run(capsys, "export", "--format", "nt", "--mappings", str(GOLD), "-o", str(out))
    assert (code, err) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert text.count("<http://www.w3.org/2002/07/owl#Axiom>") == GOLD_ROWS
    assert ("<https://w3id.org/competence-bridge/id/vl/bk-0337-1> <http://www.w3.org/2004/02/skos/core#closeMatch> "
            "<https://w3id.org/competence-bridge/id/nl/hbo-fysiotherapie> .") in text


def test_the_parts_together_are_the_compiled_graph() -> None:
    from competence_bridge.backends.compile import compile_inputs, compile_parts
    from competence_bridge.curated.resources import shipped_files

    sources = [("bk", FIXTURES / "bk" / "bk-records.json"), ("sbb", FIXTURES / "sbb" / "minimal-dossier.xml")]
    whole = {triple for triple in compile_inputs(shipped_files(), sources)}
    parts = compile_parts(shipped_files(), sources)
    assert [part.source for part in parts] == ["competence-bridge-taxonomies", "bk-bk-records", "sbb-minimal-dossier"]
    assert parts[0].version == competence_bridge.__version__
    # Neither fixture states a version: the graph is named by a digest of its bytes.
    assert all(part.version.startswith("sha256-") and len(part.version) == 27 for part in parts[1:])
    assert set().union(*({triple for triple in part.graph} for part in parts)) == whole
