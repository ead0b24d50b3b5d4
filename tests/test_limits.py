"""The caps read without YAML or pydantic (the shipped file's plain shape) equal the pydantic model's reading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from competence_bridge.curated.limits import _plain_caps, limits
from competence_bridge.curated.limits_model import read_limits
from competence_bridge.curated.resources import shipped_dir
from competence_bridge.errors import TaxonomyError

SHIPPED = shipped_dir() / "limits.yaml"


def test_the_plain_reading_equals_the_models() -> None:
    assert _plain_caps(SHIPPED.read_text(encoding="utf-8")) == read_limits(SHIPPED) == limits()


def test_limits_import_neither_yaml_nor_pydantic() -> None:
    code = ("import sys; from competence_bridge.curated.limits import limits; limits(); "
            "print(sorted({'yaml', 'pydantic'} & set(sys.modules)))")
    assert subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout == "[]\n"


@pytest.mark.parametrize(("old", "new"), [
    ("yaml_depth: 50", "yaml_depth: 050"),  # YAML 1.1 reads a leading zero as octal
    ("query_chars: 1000", "query_chars: 99"),  # out of bounds: the model says so, located
    ("query_words: 32\n", "query_words: 32\n  query_words: 33\n"),
    ("query_words: 32\n", "query_words: 32\n  unknown: 1\n"),
    ("query_words: 32\n", ""),
    ("limits:\n", "limits: # the caps\n"),
])
def test_anything_else_goes_to_the_model(tmp_path: Path, old: str, new: str) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace(old, new)
    assert _plain_caps(text) is None
    path = tmp_path / "limits.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        assert read_limits(path) != limits() or old == "limits:\n"
    except TaxonomyError:
        pass
