"""A cache of compiled graphs, so that a one-off lookup does not validate YAML every time.

The key is a hash of the package's own source (:func:`source_digest`) and of every input file's
name and bytes, so an edited taxonomy or a changed compiler is recompiled on its next use. The cache lives in
``$COMPETENCE_BRIDGE_CACHE``, else ``$XDG_CACHE_HOME/competence-bridge``, else
``~/.cache/competence-bridge``. Writes are atomic; an unwritable cache is skipped silently,
because it only costs time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

#: Bump when the compiled graph's shape changes without a package version change.
_SCHEMA = "1"


def source_digest() -> str:
    """A digest of the installed package's own Python source (every module, by path and bytes).

    Part of every cache key: any change to the code that compiles, imports or prepares data
    makes old cache entries unreachable, without a hand-kept list of the modules involved.
    Computed once per process (about 2 ms).
    """
    global _SOURCE_DIGEST
    if _SOURCE_DIGEST is None:
        package = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256()
        for path in sorted(package.rglob("*.py")):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
        _SOURCE_DIGEST = digest.hexdigest()[:20]
    return _SOURCE_DIGEST


_SOURCE_DIGEST: str | None = None


def cache_dir() -> Path:
    """The directory compiled graphs are kept in."""
    if explicit := os.environ.get("COMPETENCE_BRIDGE_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "competence-bridge"


def cache_key(files: Iterable[Path], version: str) -> str:
    """A digest of the inputs a compiled graph was built from."""
    digest = hashlib.sha256(f"{_SCHEMA}\0{version}\0".encode())
    for path in files:
        digest.update(str(path.name).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def cached_path(key: str) -> Path:
    """Where the compiled graph for *key* is (or would be) stored, as N-Triples."""
    return cache_dir() / f"graph-{key}.nt"


def store(key: str, data: bytes) -> None:
    """Keep *data* for *key*; failures to write are ignored."""
    from competence_bridge.rdf.graph import write_atomic

    try:
        write_atomic(cached_path(key), data)
    except OSError:
        pass


def store_graph(key: str, graph: Graph) -> None:
    """Keep *graph* for *key* as N-Triples, written straight from the store; failures to write are ignored."""
    from competence_bridge.rdf.graph import export

    try:
        export(graph, "nt", cached_path(key))
    except OSError:
        pass
