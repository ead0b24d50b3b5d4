"""The documentation names real code and real pages: every ``competence_bridge.x.y`` and ``competence_bridge/x.py``
it mentions exists, and every relative link reaches a file (and its anchor a heading)."""

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


LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_slug_is_githubs() -> None:
    assert _slug("Mappings: proposals with a relation, a confidence and reasons") == (
        "mappings-proposals-with-a-relation-a-confidence-and-reasons")
    assert _slug("Search by meaning (opt-in)") == "search-by-meaning-opt-in"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_relative_links_reach_a_file_and_heading(page: Path) -> None:
    """Every relative link of a page names a file that exists, and its #anchor a heading of that page (a bare
    #anchor: of the page itself)."""
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md":
            headings = {_slug(heading) for heading in HEADING.findall(linked.read_text(encoding="utf-8"))}
            if anchor not in headings:
                broken.append(target)
    assert broken == [], f"{page.name} links to what does not exist: {broken}"
