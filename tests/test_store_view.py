"""A store reopened read-only answers as oxrdflib would, and a lookup on it never loads rdflib's SPARQL engine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore
from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import competence_bridge
from competence_bridge.backends.store import open_store
from competence_bridge.backends.store_view import ReadOnlyOxigraphStore
from competence_bridge.rdf.curies import PREFIXES

CB = "https://w3id.org/competence-bridge/vocab#"
#: What rdflib's SPARQL engine and oxrdflib load; a lookup on a store needs none of it.
HEAVY = ("oxrdflib", "rdflib.plugins.sparql", "pyparsing")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("view") / "store"
    competence_bridge.build_store(location)  # prepares the translator and the search index too
    return location


def _oxrdflib_graph(location: Path) -> Graph:
    inner = ox.Store.read_only(str(location / "oxigraph"))
    graph = Graph(store=OxigraphStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def test_a_read_only_store_answers_as_oxrdflib_does(store: Path) -> None:
    view, reference = open_store(store), _oxrdflib_graph(store)
    assert isinstance(view.store, ReadOnlyOxigraphStore)
    assert len(view) == len(reference) > 1000
    assert sorted(view.namespaces()) == sorted(reference.namespaces())
    select = "SELECT ?s ?type ?label WHERE { ?s a ?type ; skos:prefLabel ?label } ORDER BY ?s ?type ?label LIMIT 50"
    for text, bindings in ((select, {"type": URIRef(f"{CB}QualificationType")}), (select, {})):
        rows_view = [tuple(row) for row in view.query(text, initBindings=bindings)]
        rows_oxrdflib = [tuple(row) for row in reference.query(text, initBindings=bindings)]
        assert rows_view == rows_oxrdflib and rows_view
        assert [type(term) for term in rows_view[0]] == [type(term) for term in rows_oxrdflib[0]]
    ask = f"ASK {{ ?x a <{CB}QualificationType> }}"
    assert view.query(ask).askAnswer is reference.query(ask).askAnswer is True
    construct = "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s skos:prefLabel ?l } LIMIT 20"
    assert set(view.query(construct).graph) == set(reference.query(construct).graph)
    some = next(iter(reference.subjects(unique=True)))
    assert sorted(view.triples((some, None, None))) == sorted(reference.triples((some, None, None)))
    assert sorted(view.predicate_objects(some)) == sorted(reference.predicate_objects(some))
    with pytest.raises(RuntimeError, match="read-write"):
        view.add((URIRef("https://example.org/a"), URIRef(f"{CB}x"), Literal("x")))


def test_a_lookup_on_a_store_loads_neither_oxrdflib_nor_the_sparql_engine(store: Path) -> None:
    code = ("import sys; from competence_bridge.cli import main; "
            f"codes = [main(['translate', 'zorgkundige', '--to', 'NL', '--store', {str(store)!r}]), "
            f"main(['search', 'kinesitherapeut', '--store', {str(store)!r}, '--json'])]; "
            f"print(codes, sorted(m for m in sys.modules if m.startswith({HEAVY!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    assert done.stdout.splitlines()[-1] == "[0, 0] []"
    assert "zorgkundige" in done.stdout.casefold()


#: What a one-off search on a store with a prepared index has no use for: the store itself (rdflib, Oxigraph: the
#: index is read from the cache), the curated models and the taxonomy reader, the importers (their registry is
#: light), the endpoint client, translation, official chains and the reports.
NOT_FOR_SEARCH = ("rdflib", "pyoxigraph", "competence_bridge.curated.taxonomy", "competence_bridge.curated.models",
                  "competence_bridge.importers.",
                  "competence_bridge.backends.endpoint", "competence_bridge.backends.http",
                  "competence_bridge.matching.translate", "competence_bridge.matching.official",
                  "competence_bridge.reports", "competence_bridge.sssom",
                  # the index holds its settings as plain values: no settings model, no pydantic, no plugin look-up
                  "competence_bridge.curated.matching_settings", "pydantic", "importlib.metadata")


def _one_off(argv: list[str], unwanted: tuple[str, ...]) -> tuple[str, str]:
    """Run the CLI on *argv* in a fresh process: its output, and the last line: the exit code and the modules of
    *unwanted* it imported."""
    code = ("import sys; from competence_bridge.cli import main; "
            f"code = main({argv!r}); print(code, sorted(m for m in sys.modules if m.startswith({unwanted!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    return done.stdout.casefold(), done.stdout.splitlines()[-1]


def test_a_one_off_search_on_a_store_imports_only_what_search_needs(store: Path) -> None:
    out, last = _one_off(["search", "kinesitherapeut", "--store", str(store)], NOT_FOR_SEARCH)
    assert last == "0 []" and "kinesitherapeut" in out


#: What a one-off translation on a store with a prepared translator has no use for: the store itself (the
#: recognitions and level names are kept with the translator; without official tables no chain is looked up).
NOT_FOR_TRANSLATION = ("rdflib", "pyoxigraph", "competence_bridge.rdf.catalog", "competence_bridge.backends.store",
                       "competence_bridge.curated.taxonomy", "competence_bridge.curated.models",
                       "competence_bridge.importers.esco", "competence_bridge.importers.sbb",
                       "competence_bridge.importers.bk", "competence_bridge.importers.brc",
                       "competence_bridge.backends.compile", "competence_bridge.backends.endpoint",
                       "competence_bridge.backends.http", "competence_bridge.matching.factory", "filelock",
                       # the SSSOM models: for official chains, reviews and exports only
                       "competence_bridge.sssom", "competence_bridge.matching.chains",
                       "competence_bridge.matching.reviews")


def test_a_one_off_translation_on_a_store_imports_only_what_it_needs(store: Path) -> None:
    out, last = _one_off(["translate", "zorgkundige", "--to", "NL", "--store", str(store)], NOT_FOR_TRANSLATION)
    assert last == "0 []" and "verzorgende" in out


@pytest.fixture(scope="module")
def store_with_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import shared_data

    tables = [shared_data("eures-esco-mappings", name) for name in ("BLM_mapping.csv", "NL_mapping.csv")]
    location = tmp_path_factory.mktemp("tables") / "store"
    competence_bridge.build_store(location, esco_mapping=tables)
    _one_off(["translate", "vdab:OP-140", "--to", "NL", "--store", str(location)], ())  # keeps the chains' settings
    return location


def test_a_one_off_translation_on_a_store_with_official_tables_parses_no_curated_file(store_with_tables: Path) -> None:
    # Before: the chains' settings came from the whole curated taxonomy, so every one-off translation that read
    # official chains parsed the 20 YAML files and built their models (0.21 s of 0.42 s); now they are kept with
    # the prepared translator's graph, as the matching settings are.
    argv = ["translate", "vdab:OP-140", "--to", "NL", "--store", str(store_with_tables)]
    out, last = _one_off(argv, ("competence_bridge.curated.taxonomy", "competence_bridge.curated.models", "yaml"))
    assert last == "0 []" and "uwv:653" in out


#: What the official chains of a one-off translation have no use for: rdflib (their rows are read with pyoxigraph
#: alone) and the SSSOM models (with pydantic's plugin look-up through importlib.metadata).
NOT_FOR_CHAINS = ("rdflib", "oxrdflib", "competence_bridge.backends.store", "competence_bridge.sssom.mapping",
                  "importlib.metadata")


def test_a_one_off_translation_reads_the_official_rows_without_rdflib_or_the_sssom_models(
        store_with_tables: Path) -> None:
    # Before: the chains opened the store as an rdflib graph and built each row as an SSSOM model: about 45 ms of
    # imports in a one-off lookup of 0.27 s (1.7x the lookup on a store of the shipped data, target 1.5x).
    argv = ["translate", "vdab:OP-140", "--to", "NL", "--store", str(store_with_tables)]
    out, last = _one_off(argv, NOT_FOR_CHAINS)
    assert last == "0 []" and "uwv:653" in out and "blm_mapping.csv regels" in out
