"""Persistent Oxigraph stores on disk behind rdflib's Graph API: build once, reopen in milliseconds.

A store is a directory holding ``manifest.json`` (what was loaded, when, by which version) and
``oxigraph/`` (the RocksDB files). :func:`build_store` builds a new store in a temporary sibling
directory and swaps it into place only when it is complete, so a failed or interrupted build
never leaves a half-built store where a good one was. :func:`open_store` reopens it as a plain
``rdflib.Graph`` (read-only by default) that ``Bridge`` and every lookup use unchanged.

The remote backend (a SPARQL 1.1 endpoint) is in :mod:`competence_bridge.backends.endpoint`.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import glob
import hashlib
import json
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.store import Store

from competence_bridge.backends.manifest import (
    DATA,
    MANIFEST,
    StoreManifest,
    checked_store,
    store_manifest,  # noqa: F401  (public here: docs/backends.md)
)
from competence_bridge.backends.store_view import ReadOnlyOxigraphStore
from competence_bridge.errors import StoreError
from competence_bridge.progress import Progress
from competence_bridge.rdf.graph import (
    OxigraphTerms,
    batches,
    current_umask,
    graph_over,
    oxigraph_graph_name,
    oxigraph_store,
)
from competence_bridge.version import package_version

#: RDF file suffixes :func:`build_store` loads natively from a path.
_FILE_FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML,
                 ".xml": ox.RdfFormat.RDF_XML}


def open_store(directory: str | Path, *, read_only: bool = True) -> Graph:
    """The store in *directory* as a ``rdflib.Graph`` on Oxigraph (read-only unless *read_only* is false).

    Opening takes milliseconds whatever the size. Any number of processes may open a store
    read-only; a writable open takes a lock. Writes through a writable graph do not update the
    manifest.

    :raises StoreError: when *directory* is not a store or its files cannot be opened
    """
    path = checked_store(directory)
    try:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        raise StoreError(f"{directory}: cannot open the store: {error}") from None
    if read_only:  # no oxrdflib: it loads rdflib's SPARQL engine, which a lookup never uses (store_view)
        wrapper: Store = ReadOnlyOxigraphStore(inner)
    else:
        from oxrdflib import OxigraphStore

        wrapper = OxigraphStore(store=inner)
    return graph_over(wrapper)


#: What :func:`build_store` loads: a graph, an RDF file, or rdflib triples.
Source = Graph | str | Path | Iterable[tuple[Any, Any, Any]]


def build_store(directory: str | Path, source: Source, *, files: Sequence[Path] = (),
                sources: Sequence[tuple[str, Path]] = ()) -> StoreManifest:
    """Build a persistent store of *source* in *directory*, replacing the store there only once complete.

    :param source: a compiled graph (on Oxigraph its quads are copied natively; the fast path), an
        RDF file (``.nt``, ``.ttl``, ``.rdf``; parsed natively, never whole in memory), or an
        iterable of rdflib triples
    :param files: the curated YAML files *source* was compiled from, recorded in the manifest
    :param sources: the imported inputs as (kind, path), e.g. ``[("esco", Path("esco-nl-1.2.0"))]``
    :raises StoreError: when *directory* holds something other than a store (it is never replaced),
        or the build fails; an existing store is then left as it was
    """
    target = Path(directory)
    _check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(target)
    start = time.perf_counter()
    building = Path(tempfile.mkdtemp(prefix=_build_prefix(target) + f"{os.getpid()}-", dir=target.parent))
    building.chmod(0o777 & ~current_umask())
    try:
        inputs = (*(_describe("yaml", Path(p)) for p in files), *(_describe(k, Path(p)) for k, p in sources))
        triples = _load(building / DATA, source)
        manifest = StoreManifest(
            package_version=package_version(), oxigraph_version=ox.__version__,
            built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            build_seconds=round(time.perf_counter() - start, 3), triples=triples, inputs=inputs)
        (building / MANIFEST).write_text(json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
        _fsync_tree(building)
        _swap_into_place(building, target)
    except BaseException as error:
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(error, (OSError, ValueError, SyntaxError)):
            raise StoreError(f"{target}: building the store failed: {error}") from error
        raise
    return manifest


def compile_store(directory: str | Path, files: Sequence[Path], sources: Sequence[tuple[str, Path]] = (), *,
                  cache: bool = True) -> StoreManifest:
    """Compile the inputs (as ``load()`` does, through the graph cache) and build a store of them."""
    from competence_bridge.backends.compile import compiled_graph  # not needed to open a store

    graph = compiled_graph(files, sources, cache=cache)
    return build_store(directory, graph, files=files, sources=sources)


def _build_prefix(target: Path) -> str:
    return f".{target.name}.build-{socket.gethostname()}-"


def _remove_abandoned_builds(target: Path) -> None:
    """Remove build directories of *target* left by killed processes of this host (never a running build)."""
    prefix = _build_prefix(target)
    for path in target.parent.glob(glob.escape(prefix) + "*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _check_replaceable(target: Path) -> None:
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_dir():
        raise StoreError(f"{target}: exists and is not a directory; refusing to replace it")
    if any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise StoreError(f"{target}: a non-empty directory that is not a competence-bridge store; "
                         "refusing to replace it")


def _load(path: Path, source: Source) -> int:
    """Bulk-load *source* into a new on-disk store at *path*; returns the number of triples."""
    store = ox.Store(str(path))
    try:
        with Progress("store bouwen", _size(source)) as progress:
            _fill(store, source, progress)
        store.flush()
        store.optimize()
        return len(store)
    finally:
        del store
        gc.collect()  # close RocksDB before the directory is renamed


#: Quads per bulk-load call: memory stays bounded (~120 MiB above the source) whatever the size;
#: one call for everything is at most ~15 % faster but needs ~750 bytes more per triple.
BATCH = 100_000


def _fill(store: ox.Store, source: Source, progress: Progress) -> None:
    """Bulk-load the quads of *source* into *store* in batches of :data:`BATCH`."""
    for batch in batches(_quads(source), BATCH):
        store.bulk_extend(batch)
        progress.advance(len(batch))


def _size(source: Source) -> int | None:
    """The number of quads :func:`_quads` yields for *source*, when it is cheap to know."""
    inner = _whole_store(source) if isinstance(source, Graph) else None
    return None if inner is None else len(inner)  # pyoxigraph counts natively, unlike oxrdflib's len()


def _quads(source: Source) -> Iterator[ox.Quad]:
    """The triples of *source* as pyoxigraph quads in the default graph, natively where possible."""
    if isinstance(source, (str, Path)):
        # Streamed by the native parser. Oxigraph's bulk_load(path=) is ~10 % faster but peaks
        # ~200 MiB higher on 430k triples (355 vs 161 MiB), and more on bigger files.
        file = Path(source)
        rdf_format = _FILE_FORMATS.get(file.suffix.lower())
        if rdf_format is None:
            raise ValueError(f"{file}: unknown RDF file suffix (use one of {', '.join(_FILE_FORMATS)})")
        return ox.parse(path=str(file), format=rdf_format)
    if not isinstance(source, Graph):
        return OxigraphTerms().quads(source)
    whole = _whole_store(source)
    if whole is not None:
        return iter(whole)  # a native copy: no serialisation, no rdflib terms
    inner = oxigraph_store(source)
    if inner is None:
        return OxigraphTerms().quads(source)
    name = oxigraph_graph_name(source)
    return (ox.Quad(q.subject, q.predicate, q.object) for q in inner.quads_for_pattern(None, None, None, name))


def _whole_store(graph: Graph) -> ox.Store | None:
    """The pyoxigraph store of *graph* when the graph is all of it (its default graph, no named graphs)."""
    inner = oxigraph_store(graph)
    if inner is None or not isinstance(oxigraph_graph_name(graph), ox.DefaultGraph):
        return None
    return None if any(True for _ in inner.named_graphs()) else inner


def _describe(kind: str, path: Path) -> dict[str, Any]:
    """A manifest entry for one input: its path, and the size and SHA-256 of each of its files."""
    if path.is_dir():
        members = sorted(p for p in path.rglob("*") if p.is_file())
        return {"kind": kind, "path": str(path.resolve()),
                "files": [{"name": str(p.relative_to(path)), **_digest(p)} for p in members]}
    return {"kind": kind, "path": str(path.resolve()), **_digest(path)}


def _digest(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _fsync_tree(root: Path) -> None:
    for path in [*sorted(p for p in root.rglob("*") if p.is_file()), *(p for p in root.rglob("*") if p.is_dir()), root]:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _swap_into_place(new: Path, target: Path) -> None:
    """Put the complete store *new* at *target*; the old store stays until the new one is in place."""
    if target.exists() and not target.is_symlink() and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # *new* now holds the old store
        return
    if not target.exists() and not target.is_symlink():
        os.rename(new, target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    if old.is_symlink():
        old.unlink()
    else:
        shutil.rmtree(old, ignore_errors=True)
