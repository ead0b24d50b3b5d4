"""Creating graphs on a chosen store, and reading and writing them in the supported formats.

The default store is Oxigraph through oxrdflib: about ten times rdflib's in-memory store for
loading and about fifty times for SPARQL (see ``../shared/reference/performance.md``). All
other code uses only rdflib's ``Graph`` API, so ``store="memory"`` works the same.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .curies import PREFIXES

#: Stores a graph can be created on.
STORES: tuple[str, ...] = ("oxigraph", "memory")

#: User-facing format names → (rdflib plugin name, file suffix). Always the native ``ox-*``
#: serialisers: rdflib's own pretty Turtle writer is ~35x slower on large graphs.
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("ox-turtle", ".ttl"),
    "nt": ("ox-ntriples", ".nt"),
    "jsonld": ("ox-json-ld", ".jsonld"),
}


def new_graph(store: str = "oxigraph") -> Graph:
    """Return an empty graph on *store* with exactly our prefixes bound."""
    if store == "oxigraph":
        import pyoxigraph
        from oxrdflib import OxigraphStore

        graph = Graph(
            store=OxigraphStore(store=pyoxigraph.Store()),
            identifier=DATASET_DEFAULT_GRAPH_ID,
            bind_namespaces="none",
        )
    elif store == "memory":
        graph = Graph(bind_namespaces="none")
    else:
        raise ValueError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def serialize(graph: Graph, fmt: str) -> bytes:
    """Serialise *graph* in one of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return graph.serialize(format=FORMATS[fmt][0], encoding="utf-8")


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the new one, never half."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(graph: Graph, fmt: str, out: str | Path | IO[bytes]) -> None:
    """Serialise *graph* to a path (written atomically) or a binary stream."""
    data = serialize(graph, fmt)
    if isinstance(out, (str, Path)):
        write_atomic(out, data)
    else:
        out.write(data)


def parse_into(graph: Graph, path: str | Path, fmt: str) -> Graph:
    """Load a file in one of :data:`FORMATS` into *graph* with the native parser."""
    plugin = {"ttl": "ox-turtle", "nt": "ox-ntriples", "jsonld": "ox-json-ld"}[fmt]
    graph.parse(str(path), format=plugin)
    return graph
