"""The package's architecture, checked: layers import only downwards, no cycles, small modules.

Layers, lowest first (a module may import its own layer and any lower one):

    errors, vocabulary, progress, settings   foundations
    language, curated                        Dutch text analysis; curated YAML models
    rdf                                      CURIEs, namespaces, triples, stores, item tables
    importers, sssom                         official data sets; mappings in SSSOM
    backends                                 inputs, compiled graphs, disk store, endpoint, publish
    matching                                 translation, competence similarity, search, evaluation
    reports                                  levels, recognitions, gap reports, exercises
    present                                  text, HTML, DataFrames; the nl/en catalogue
    bridge                                   the facade
    cli, __init__, __main__                  entry points
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "competence_bridge"

#: Rank of each layer; the first dotted part of a module name below ``competence_bridge`` names it.
LAYERS: dict[str, int] = {
    "errors": 0, "problems": 0, "vocabulary": 0, "progress": 0, "bulk": 0, "display": 0, "version": 0, "files": 0, "sanitize": 0,
    "language": 1, "curated": 1,
    "rdf": 2,
    "importers": 3, "sssom": 3,
    "backends": 4,
    "matching": 5,
    "reports": 6,
    "present": 7,
    "bridge": 8,
    "cli": 9, "__init__": 9, "__main__": 9,
}

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> str:
    return module.split(".")[0]


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported competence_bridge module, line, at module top) for every import of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    for node in tree.body:  # `if TYPE_CHECKING:` blocks count as top level
        if isinstance(node, ast.If):
            top |= {id(child) for child in node.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("competence_bridge"):
            base = node.module.removeprefix("competence_bridge").lstrip(".")
            names = [alias.name for alias in node.names]
            targets = [f"{base}.{name}" if base else name for name in names] if not base or base in LAYERS else [base]
            for target in targets:
                found.append((target, node.lineno, id(node) in top))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: relative import; write competence_bridge.… in full")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_layers_import_only_downwards(path: Path) -> None:
    module = _module_name(path)
    own = LAYERS[_layer(module)]
    wrong = [f"line {line}: {module} imports {target}" for target, line, _ in _imports(path)
             if _layer(target) in LAYERS and LAYERS[_layer(target)] > own]
    assert not wrong, "a lower layer imports a higher one:\n" + "\n".join(wrong)


#: Entry points that import each command's implementation when it runs, to keep start-up cheap
#: (a one-off lookup against a store must not pay for translation or importers).
LAZY_MODULES = {"cli", "__init__"}
#: Modules on the path of such a lookup that import what only some of their functions need when those run: the
#: facade (each capability), opening a backend (compiling, endpoints), preparing (building a translator or an
#: index, not reading one back), writing a compiled graph to the cache (not reading a prepared entry) and the shipped settings (the whole taxonomy, only without given ones). Their
#: inner imports are still checked for layers and cycles. Compiling imports the curated models and their compiler
#: only when the curated part is not in the cache, and rdflib's graph machinery only when a graph is asked for. The
#: caps (curated.limits) import their pydantic model only for a limits file not in its plain shape; an ESCO data set
#: (importers.esco_records) imports its rdflib statements only for triples() or a data set the reader did not make.
#: A load makes no dataclass (``dataclasses`` imports ``inspect``, ~7 ms): the errors (errors) give their Problem, the
#: ESCO reader (importers.esco) its EscoDataset, each only when asked for; an ESCO data set (importers.esco_dataset)
#: imports the export's writer only for quads() (importers.esco_records gives the data set's class when asked for:
#: neither imports the other at its top).
#: A search index (matching.search) reads the shipped settings (pydantic models) only when it is built without given
#: ones, never when it is opened from its file. A translation imports the SSSOM models only when they are used: the
#: chains (matching.official) with official tables, a candidate's mapping (matching.results) for an export, the
#: review log (matching.query) with reviews.
LAZY_IMPORTERS = {"bridge", "backends.opening", "backends.store", "matching.preparing", "matching.settings",
                  "matching.chains", "backends.cache", "backends.compile", "curated.limits",
                  "importers.esco_records", "backends.inputs", "matching.search", "matching.official",
                  "matching.results", "matching.query", "errors", "importers.esco", "importers.esco_dataset"}


@pytest.mark.parametrize("path", [p for p in MODULES if _layer(_module_name(p)) not in LAZY_MODULES
                                  and _module_name(p) not in LAZY_IMPORTERS],
                         ids=lambda p: _module_name(p))
def test_package_imports_sit_at_module_top(path: Path) -> None:
    module = _module_name(path)
    inner = [f"line {line}: {target}" for target, line, at_top in _imports(path) if not at_top]
    assert not inner, f"{module} imports the package inside a function:\n" + "\n".join(inner)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    names = {_module_name(path) for path in MODULES}
    for path in MODULES:
        module = _module_name(path)
        targets = set()
        for target, _, at_top in _imports(path):
            while target and target not in names:
                target = target.rpartition(".")[0]
            if target and target != module and at_top:
                targets.add(target)
        graph[module] = targets
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{_module_name(path)} has {lines} lines; split it by job (≲ 400)"


def test_bridge_is_a_thin_facade() -> None:
    # import lines do not count: the facade imports each capability where it delegates to it (a one-off lookup
    # then loads only what it uses)
    lines = [line for line in (PACKAGE / "bridge.py").read_text(encoding="utf-8").splitlines()
             if not re.match(r"\s*(from \S+ import|import )", line)]
    # 241: the graph and its catalog opened on first use, one cached lookup per evidence source (official chains,
    # ESCO pivot; adding mappings drops the chains' lookup, whose rows read so far lack them) and one delegation
    # per capability
    assert len(lines) <= 241, f"bridge.py has {len(lines)} lines; matching and reporting work belongs below it"
