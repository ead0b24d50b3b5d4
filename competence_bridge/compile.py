"""YAML files → validated taxonomy → graph, through the compiled-graph cache."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from . import cache as graph_cache
from .graph import new_graph, serialize


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("competence-bridge")
    except PackageNotFoundError:
        return "0+unknown"


def compile_files(files: Sequence[Path], *, store: str = "oxigraph") -> Graph:
    """Validate *files* as one taxonomy and compile it into a new graph (no cache)."""
    from .rdf import add_taxonomy
    from .taxonomy import read_taxonomy

    return add_taxonomy(new_graph(store), read_taxonomy(files))


def compiled_graph(files: Sequence[Path], *, store: str = "oxigraph", cache: bool = True) -> Graph:
    """The graph of *files*, from the cache when the same inputs were compiled before.

    Validation errors are raised before anything is cached, so a bad file is never hidden
    behind a cached graph of an earlier, good version: the key covers every input byte.
    """
    if not cache:
        return compile_files(files, store=store)
    # The compiler's own source is part of the key: a changed compiler never reads an old graph.
    here = Path(__file__).parent
    compiler = [here / name for name in ("rdf.py", "models.py", "vocab.py", "curies.py", "compile.py")]
    key = graph_cache.cache_key([*compiler, *files], _version())
    path = graph_cache.cached_path(key)
    if path.is_file():
        graph = new_graph(store)
        try:
            graph.parse(str(path), format="ox-ntriples")
            return graph
        except Exception:  # a damaged cache entry: rebuild it below
            path.unlink(missing_ok=True)
    graph = compile_files(files, store=store)
    graph_cache.store(key, serialize(graph, "nt"))
    return graph
