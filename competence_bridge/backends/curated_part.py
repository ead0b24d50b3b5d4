"""The curated part of a compiled graph, kept in the cache by content: compiled once per taxonomy version.

Loading an imported source (``load(esco=...)``) compiles the curated taxonomies too, and they change
far less often than the sources: reading, validating and compiling the YAML costs about 0.15 s and
pulls in every curated model. So when imported sources join the curated files, the curated triples
are kept as an N-Triples entry of the graph cache (``graph-<key>.nt``), keyed like a whole compiled
graph: every taxonomy file's name and bytes and the package's source digest
(:func:`~competence_bridge.backends.cache.source_digest`), plus ``curated part``. The next load of
the same taxonomies with any sources reads that entry (Oxigraph's native parser, without validating
IRIs again: we wrote it from a validated graph) instead of the YAML.

This holds for ``load(cache=False)`` as well: *cache* is about the compiled graph of the whole load
(read it back, keep it); the curated part is a pure function of the files' bytes and the code, so
reusing it changes no result, and an edited or broken taxonomy file has another key and is read and
validated again (its error raises as before). A directory the cache may not use (not the user's
alone, unwritable) is skipped, as for every entry. A load of the curated files alone keeps no
part: its whole graph is the part.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from competence_bridge.backends import cache as graph_cache
from competence_bridge.errors import SourceFormatError
from competence_bridge.files import atomic_file

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Part of the key: what distinguishes the curated part from a whole graph of the same files.
_PART = "curated part"


class CuratedPart(NamedTuple):
    """Where the curated part of *files* is kept in the cache, and whether it is there to be read."""

    path: Path
    ready: bool


def find(files: Sequence[Path]) -> CuratedPart | None:
    """The cache entry of the curated part of *files*; None when a file cannot be read (the reader reports it)."""
    try:
        key = graph_cache.cache_key(files, graph_cache.source_digest() + "\0" + _PART)
    except SourceFormatError:
        return None
    path = graph_cache.cached_path(key)
    return CuratedPart(path, graph_cache.is_trusted(path))


def read_into(store: ox.Store, part: CuratedPart) -> int | None:
    """Load the kept part into the empty *store*; returns the number of triples, None when the entry is damaged
    (deleted then: the caller compiles the taxonomies instead)."""
    import pyoxigraph as ox

    try:
        store.load(path=str(part.path), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    except (OSError, SyntaxError, ValueError):
        store.clear()
        with contextlib.suppress(OSError):
            part.path.unlink()
        return None
    return len(store)


def keep(store: ox.Store, part: CuratedPart) -> None:
    """Write the curated triples in *store* (which holds nothing else yet) as the entry of *part*; failures to
    write are ignored (the cache only saves time)."""
    import pyoxigraph as ox

    if graph_cache.usable_dir(create=True) is None:
        return
    with contextlib.suppress(OSError), atomic_file(part.path) as out:
        store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    graph_cache.evict()
