"""The curated part of a load with imported sources: compiled once per taxonomy content, read back after.

Also with ``cache=False`` (which is about the whole graph); the graph is the same either way, and a
load with sources imports neither the curated models (on a kept part) nor oxrdflib until the graph is read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import competence_bridge
from competence_bridge.backends import compile as compiling
from competence_bridge.errors import TaxonomyError
from competence_bridge.rdf.graph import oxigraph_store

ESCO = Path(__file__).parent / "fixtures" / "esco"
BK = Path(__file__).parent / "fixtures" / "bk" / "bk-records.json"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("COMPETENCE_BRIDGE_CACHE", str(directory))
    return directory


def statements(bridge: competence_bridge.Bridge) -> list[bytes]:
    store = oxigraph_store(bridge.graph)
    assert store is not None
    return sorted(store.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def _no_taxonomy(files: object) -> None:
    raise AssertionError("the curated YAML was read again")


def test_the_curated_part_is_kept_once_and_read_back(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = competence_bridge.load(esco=ESCO, cache=False)
    kept = list(cache.glob("graph-*.nt"))
    assert len(kept) == 1  # the curated part; cache=False keeps no whole graph
    assert kept[0].read_bytes().count(b"\n") == len(competence_bridge.load(cache=False).graph)  # the part only
    monkeypatch.setattr(compiling, "_read_taxonomy", _no_taxonomy)
    second = competence_bridge.load(esco=ESCO, cache=False)
    assert statements(second) == statements(first)
    cached = competence_bridge.load(esco=ESCO)  # the whole graph compiled from the part, then kept
    assert statements(cached) == statements(first) and len(list(cache.glob("graph-*.nt"))) == 2
    assert statements(competence_bridge.load(esco=ESCO)) == statements(first)  # the whole graph read back


def test_the_curated_files_alone_keep_no_part(cache: Path) -> None:
    competence_bridge.load(cache=False)
    assert not list(cache.glob("graph-*.nt"))


def test_a_damaged_part_is_compiled_again(cache: Path) -> None:
    first = statements(competence_bridge.load(esco=ESCO, cache=False))
    (kept,) = cache.glob("graph-*.nt")
    kept.write_bytes(b"<http://example.org/a> <http://example.org/b> \"cut off")
    assert statements(competence_bridge.load(esco=ESCO, cache=False)) == first
    assert statements(competence_bridge.load(esco=ESCO, cache=False)) == first  # from the part written again


def test_an_edited_or_broken_taxonomy_is_read_again(cache: Path, tmp_path: Path) -> None:
    competence_bridge.load(esco=ESCO, cache=False)
    broken = tmp_path / "extra.yaml"
    broken.write_text("frameworks: [\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"extra\.yaml"):
        competence_bridge.load(broken, esco=ESCO, cache=False)


def test_an_import_that_replaces_curated_records_compiles_them(cache: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    competence_bridge.load(esco=ESCO, cache=False)  # keeps the part of the shipped files
    with_bk = statements(competence_bridge.load(esco=ESCO, bk=BK, cache=False))
    monkeypatch.setenv("COMPETENCE_BRIDGE_CACHE", str(tmp_path / "empty"))
    assert statements(competence_bridge.load(esco=ESCO, bk=BK, cache=False)) == with_bk


def test_loading_imports_no_curated_model_or_oxrdflib_until_the_graph_is_read(tmp_path: Path) -> None:
    script = (
        "import json, sys, competence_bridge\n"
        f"competence_bridge.load(esco={str(ESCO)!r}, cache=False)\n"  # keeps the curated part
        "for name in [m for m in sys.modules if m.startswith(('competence_bridge.curated.models', 'oxrdflib'))]:\n"
        "    del sys.modules[name]\n"
        f"bridge = competence_bridge.load(esco={str(ESCO)!r}, cache=False)\n"
        "before = sorted(m for m in ('competence_bridge.curated.models', 'oxrdflib') if m in sys.modules)\n"
        "print(json.dumps([before, len(bridge.graph) > 0, 'oxrdflib' in sys.modules]))\n")
    env = {**os.environ, "COMPETENCE_BRIDGE_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True,
                          cwd=tmp_path)
    assert json.loads(done.stdout) == [[], True, True]
