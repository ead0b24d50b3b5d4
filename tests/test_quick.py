"""Quick lookups against a store: the same answers as a Bridge, without importing rdflib or matching."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import competence_bridge
from competence_bridge.reports.quick import level_in_store, recognitions_in_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("quick") / "store"
    competence_bridge.build_store(location)
    return location


def test_the_quick_answers_equal_the_bridge_ones(store: Path) -> None:
    bridge = competence_bridge.load(location=store)
    for framework, level in (("vks", "5"), ("nlqf", "4+"), ("eqf", "6")):
        assert level_in_store(store, framework, level).to_dict() == bridge.level(framework, level).to_dict()
    for item in ("havo", "vl:graduaat"):
        assert recognitions_in_store(store, item).to_dict() == bridge.recognitions(item).to_dict()


def test_a_quick_level_text_imports_neither_rdflib_nor_pydantic_nor_matching(store: Path) -> None:
    code = ("import sys; from competence_bridge.reports.quick import level_in_store; "
            f"text = level_in_store({str(store)!r}, 'vks', '5').to_text('en'); "
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'rdflib', 'pydantic', 'oxrdflib'} "
            "or m.startswith('competence_bridge.matching')); print(text.splitlines()[0]); print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["FQF level 5 (vks:5)", "[]"]
