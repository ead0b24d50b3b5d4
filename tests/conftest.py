"""Shared fixtures: every test writes only below pytest's tmp paths, the graph cache included.

In CI every Hypothesis test is derandomized (the same examples on every run, no example
database), so a landing run is reproducible; locally they stay random and keep finding new cases.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["COMPETENCE_BRIDGE_CACHE"] = str(tmp_path_factory.mktemp("graph-cache"))


@pytest.fixture(scope="session")
def bridge():
    """The shipped data on the default (Oxigraph) store."""
    import competence_bridge

    return competence_bridge.load()


def shared_data(*parts: str) -> Path:
    """A path in ../shared/data; skips (never in CI) when the shared data is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"shared data {path} is missing, and CI must run every test")
        pytest.skip(f"shared data {path} is not present beside the project")
    return path


@pytest.fixture(scope="session")
def esco_tables_bridge():
    """ESCO nl 1.2.0 with the VDAB and UWV occupation tables, as a counsellor's session loads them (shared data)."""
    import competence_bridge

    tables = [shared_data("eures-esco-mappings", name) for name in ("BLM_mapping.csv", "NL_mapping.csv")]
    return competence_bridge.load(esco=shared_data("esco-nl-1.2.0"), esco_mapping=tables)
