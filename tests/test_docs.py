"""The documentation names real code: every ``competence_bridge.x.y`` and ``competence_bridge/x.py`` it mentions exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
DOTTED = re.compile(r"\bcompetence_bridge(?:\.[A-Za-z_]\w*)+")
PATHS = re.compile(r"\bcompetence_bridge/[\w/]+\.py\b")


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(value, name):
                return False
            value = getattr(value, name)
        return True
    return False


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_named_code_exists(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    missing = [name for name in sorted(set(DOTTED.findall(text))) if not _resolves(name)]
    missing += [path for path in sorted(set(PATHS.findall(text))) if not (ROOT / path).is_file()]
    assert missing == [], f"{page.name} names code that does not exist: {missing}"
