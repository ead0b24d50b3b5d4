"""Compiling pauses the garbage collector and leaves it as it found it, also when an input is bad."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from competence_bridge.backends.compile import compile_inputs, compile_parts
from competence_bridge.curated.resources import shipped_files
from competence_bridge.errors import SourceFormatError

ESCO = Path(__file__).parent / "fixtures" / "esco"


@pytest.mark.parametrize("enabled", [True, False])
def test_compiling_leaves_the_collector_as_it_was(enabled: bool, tmp_path: Path) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        seen = []
        gc.callbacks.append(lambda phase, info: seen.append(info["generation"]))
        try:
            assert len(compile_inputs(shipped_files(), [("esco", ESCO)])) > 0
            assert len(compile_parts(shipped_files(), [("esco", ESCO)])) == 2
            with pytest.raises(SourceFormatError):
                compile_inputs(shipped_files(), [("esco", tmp_path / "missing")])
        finally:
            gc.callbacks.pop()
        assert gc.isenabled() is enabled
        assert 2 not in seen  # no full collection walks the records read
    finally:
        (gc.enable if was else gc.disable)()
