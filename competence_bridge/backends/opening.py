"""Choose and open a backend: compile the inputs in memory, reopen a disk store, or query an endpoint.

:func:`open_graph` is everything :func:`competence_bridge.load` does before it wraps the graph in a
:class:`~competence_bridge.bridge.Bridge`: the graph, the taxonomy files its curated part came
from, and an identity that names its content (for the prepared-translator cache).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from competence_bridge.backends.inputs import Inputs
from competence_bridge.curated.resources import shipped_files
from competence_bridge.errors import CompetenceBridgeError, StoreError

if TYPE_CHECKING:
    from rdflib import Graph

    from competence_bridge.backends.manifest import StoreManifest
    from competence_bridge.rdf.queries import Queries


class OpenedGraph(NamedTuple):
    """A graph ready for lookups (or, for a store, what opens it on first use), what its curated part was read from,
    and its content identity. A named tuple, not a dataclass: a load then imports no ``dataclasses`` (with
    ``inspect``, ~7 ms)."""

    graph: Graph | Callable[[], Graph]
    taxonomy_files: tuple[Path, ...]
    identity: str | None  # same identity, same content; None when unknown (an endpoint, no cache)
    #: What asks SPARQL of the same data without rdflib (on Oxigraph: pyoxigraph alone), for a lookup that reads a
    #: few rows before the graph is opened (the official chains of a one-off translation); None elsewhere.
    queries: Callable[[], Queries] | None = None


def open_graph(inputs: Inputs, *, store: str = "oxigraph", cache: bool = True, location: str | Path | None = None,
               endpoint: str | None = None, graphs: str | Sequence[str] = ()) -> OpenedGraph:
    """Open the backend :func:`competence_bridge.load` describes (see there for the arguments).

    :raises CompetenceBridgeError: for contradictory arguments (a store and an endpoint; data added to
        a store or an endpoint; named graphs without an endpoint)
    :raises StoreError: if *location* is not a store
    """
    if location is not None and endpoint is not None:
        raise CompetenceBridgeError("choose one backend: a store location or an endpoint, not both")
    if location is not None:
        if inputs:
            raise CompetenceBridgeError(f"{location}: a store holds the data it was built with; to add data, "
                                        f"rebuild it: competence-bridge store build {location} --with KIND:PATH")
        from competence_bridge.backends.manifest import checked_store  # a store's manifest: JSON, only for stores

        checked_store(location)  # a store is checked now and opened when first read (a search with a
        # prepared index never reads it)
        return OpenedGraph(functools.partial(_open_store, location), tuple(store_taxonomy_files(location)),
                           store_identity(location), functools.partial(_store_queries, location))
    files = tuple(inputs.taxonomy_files())
    if endpoint is not None:
        if inputs.sources:
            raise CompetenceBridgeError(f"{endpoint}: an endpoint serves the data published to it; to add data, "
                                        "publish it: competence-bridge publish --with KIND:PATH ...")
        from competence_bridge.backends.endpoint import endpoint_graph

        return OpenedGraph(endpoint_graph(endpoint, graphs=graphs), files, None)
    if graphs:
        raise CompetenceBridgeError("named graphs are chosen only on an endpoint (give endpoint= as well)")
    from competence_bridge.backends.compile import compiled_graph, compiled_key, compiled_store, graph_on

    sources = list(inputs.sources)
    identity = compiled_key(files, sources) if cache else None
    if store == "oxigraph":  # wrapped for rdflib (oxrdflib, rdflib's SPARQL machinery) when first read
        inner = compiled_store(files, sources, cache=cache, key=identity)
        return OpenedGraph(functools.partial(graph_on, inner), files, identity, functools.partial(_queries_on, inner))
    return OpenedGraph(compiled_graph(files, sources, store=store, cache=cache), files, identity)


def _open_store(location: str | Path) -> Graph:
    from competence_bridge.backends.store import open_store  # rdflib and Oxigraph: only once the graph is read

    return open_store(location)


def _store_queries(location: str | Path) -> Queries:
    from competence_bridge.backends.manifest import open_native  # pyoxigraph alone: no rdflib

    return _queries_on(open_native(location))


def _queries_on(store: Any) -> Queries:
    from competence_bridge.rdf.queries import NativeQueries

    return NativeQueries(store)


def build_store_of(directory: str | Path, inputs: Inputs, *, cache: bool = True) -> StoreManifest:
    """Compile *inputs* as :func:`open_graph` does and build a persistent store of them in *directory*."""
    from competence_bridge.backends.store import compile_store

    return compile_store(directory, inputs.taxonomy_files(), list(inputs.sources), cache=cache)


def store_identity(location: str | Path) -> str:
    """A store's identity: where it is and which build it holds (a rebuild gets a new one)."""
    import hashlib  # only for a store: hashlib loads OpenSSL (~2.5 ms), which a compiled load need not

    from competence_bridge.backends.manifest import MANIFEST

    manifest = (Path(location) / MANIFEST).read_bytes()
    return "store:" + hashlib.sha256(str(Path(location).resolve()).encode() + b"\0" + manifest).hexdigest()


def store_taxonomy_files(location: str | Path) -> list[Path]:
    """The taxonomy files a store was compiled from; shipped ones found again where the package now lives.

    :raises StoreError: when a taxonomy file the store was built with is gone
    """
    from competence_bridge.backends.manifest import store_manifest

    shipped = {path.name: path for path in shipped_files()}
    found = []
    for path in store_manifest(location).yaml_files:
        if path.is_file():
            found.append(path)
        elif path.name in shipped:  # the package was reinstalled elsewhere since the build
            found.append(shipped[path.name])
        else:
            raise StoreError(f"{location}: the store was built with {path}, which is gone; "
                             f"rebuild it: competence-bridge store build {location}")
    return found or list(shipped.values())
