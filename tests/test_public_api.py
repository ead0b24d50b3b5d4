"""The public API: what ``import competence_bridge`` offers, its error tree, and its types as mypy sees them."""

from __future__ import annotations

import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import competence_bridge
from competence_bridge import errors

TYPING = Path(__file__).parent / "typing" / "usage.py"

#: What mypy must reveal for each line of tests/typing/usage.py, in order.
REVEALED = [
    "competence_bridge.bridge.Bridge",
    "competence_bridge.matching.results.Translation",
    "competence_bridge.matching.results.Candidate",
    "competence_bridge.reports.gap.GapReport",
    "competence_bridge.matching.search.SearchResult",
    "competence_bridge.rdf.items.Item",
    "competence_bridge.reports.levels.LevelReport",
    "competence_bridge.reports.levels.RecognitionReport",
    "competence_bridge.sssom.mapping.MappingSet",
    "competence_bridge.sssom.mapping.MappingSet",
]


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in competence_bridge.__all__:
        value = getattr(competence_bridge, name)
        if name != "__version__":
            assert inspect.getdoc(value), f"{name} has no docstring"
    assert sorted(competence_bridge.__all__) == competence_bridge.__all__
    assert dir(competence_bridge) == competence_bridge.__all__


def test_every_error_class_is_public_and_in_the_drawn_tree() -> None:
    classes = [value for value in vars(errors).values()
               if inspect.isclass(value) and issubclass(value, errors.CompetenceBridgeError)]
    assert len(classes) == 16
    for cls in classes:
        assert cls.__name__ in competence_bridge.__all__, cls.__name__
        assert cls.__name__ in errors.__doc__, f"{cls.__name__} is missing from the tree in errors.py"


def test_no_error_class_is_defined_outside_the_errors_module() -> None:
    package = Path(competence_bridge.__file__).parent
    found = []
    for path in package.rglob("*.py"):
        if path.relative_to(package).as_posix() not in {"errors.py", "cli/errors.py"}:  # CLI-only subclasses
            found += [f"{path.relative_to(package)}: {m}" for m in
                      re.findall(r"^class ([A-Za-z]\w*)\((?:[\w.]*Error|Exception)", path.read_text(encoding="utf-8"), re.M)]
    assert found == []


def test_py_typed_is_shipped() -> None:
    assert (Path(competence_bridge.__file__).parent / "py.typed").is_file()


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None and not os.environ.get("CI"),
                    reason="mypy is not installed (it is in the test extra)")
def test_mypy_reveals_the_concrete_result_types() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--hide-error-context",
                             "--no-error-summary", str(TYPING)], capture_output=True, text=True, check=False)
    revealed = re.findall(r'Revealed type is "([^"]+)"', result.stdout)
    assert revealed == REVEALED, result.stdout + result.stderr
    errors_found = [line for line in result.stdout.splitlines() if ": error:" in line and "usage.py" in line]
    assert errors_found == []
