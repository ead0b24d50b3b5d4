"""Inputs (curated YAML plus imported data sets) → one graph, through the compiled-graph cache.

On Oxigraph (the default) the graph is compiled straight into a pyoxigraph store
(:func:`compiled_store`), and wrapped as an rdflib ``Graph`` (:func:`graph_on`) only by whoever
wants one: ``load()`` does that when ``bridge.graph`` is first read, so loading imports neither
oxrdflib nor rdflib's SPARQL machinery. The curated part comes from the cache when the same
taxonomy files were compiled before (:mod:`competence_bridge.backends.curated_part`): the curated
models and their compiler are imported only when it does not.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from competence_bridge.backends import cache as graph_cache
from competence_bridge.backends import curated_part
from competence_bridge.bulk import paused_gc
from competence_bridge.errors import SourceFormatError
from competence_bridge.files import atomic_file
from competence_bridge.importers import IMPORTERS, Dataset
from competence_bridge.progress import Progress
from competence_bridge.rdf.ntriples import NTriplesDocuments
from competence_bridge.version import package_version

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

    from competence_bridge.curated.taxonomy import Taxonomy
    from competence_bridge.rdf.build import Triple

#: An imported input: (importer kind, path), e.g. ("esco", Path("esco-nl-1.2.0")).
SourceInput = tuple[str, Path]
#: Quads per native insert: large enough to amortise the call, small enough that one batch stays a few MiB.
BATCH = 50_000


def _key_files(files: Sequence[Path], sources: Sequence[SourceInput]) -> list[Path]:
    imported = []
    for _kind, path in sources:
        imported.extend(_input_files(path))
    return [*files, *imported]


def _input_files(path: Path) -> list[Path]:
    """The files of one imported input: the file itself, or every file below a directory, sorted."""
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def graph_on(store: ox.Store) -> Graph:
    """*store* as an rdflib graph (its default graph), with exactly our prefixes bound, as ``new_graph()`` makes."""
    from oxrdflib import OxigraphStore

    from competence_bridge.rdf.graph import graph_over

    return graph_over(OxigraphStore(store=store))


def compile_inputs(files: Sequence[Path], sources: Sequence[SourceInput] = (), *, store: str = "oxigraph") -> Graph:
    """Validate and read every input first, then build a new graph (no compiled-graph cache; see
    :mod:`~competence_bridge.backends.curated_part` for the curated part).

    All-or-nothing: a bad YAML file or data file raises before any triple is added. On Oxigraph
    the triples go into the store natively (:func:`compile_native`).
    """
    if store == "oxigraph":
        return graph_on(compile_native(files, sources))
    from competence_bridge.rdf.graph import add_triples, new_graph

    with paused_gc():
        read, datasets = _read_inputs(files, sources)
        assert read is not None  # read with curated=True
        dataset = None
        graph = new_graph(store)
        with Progress("graaf opbouwen") as progress:
            add_triples(graph, _curated_triples(read, datasets), progress=progress)
            for dataset in datasets:
                add_triples(graph, dataset.triples(), progress=progress)
        del read, datasets, dataset  # freed by their reference counts, before a collection could walk them
    return graph


def compile_native(files: Sequence[Path], sources: Sequence[SourceInput] = ()) -> ox.Store:
    """:func:`compile_inputs` on Oxigraph: a new pyoxigraph store of the inputs (its default graph).

    The curated part is read from the cache when it is there and no source replaces curated
    records (a BK import); else compiled and, with sources, kept. Importers that write N-Triples
    (ESCO) are loaded by Oxigraph's parser, the others' triples converted and inserted in batches.

    The garbage collector stays paused from reading to the last triple, and the records read are
    dropped before it runs again: else the first collections after a reader's own pause walk
    every record, ~0.3 s at a million triples.
    """
    import pyoxigraph as ox

    part = curated_part.find(files) if sources else None
    with paused_gc():
        taxonomy, datasets = _read_inputs(files, sources, curated=part is None or not part.ready, for_store=True)
        replaced = bool(_official_ids(datasets))
        if taxonomy is None and replaced:  # the kept part holds the curated records an import replaces
            taxonomy = _read_taxonomy(files)
        inner, dataset = ox.Store(), None
        with Progress("graaf opbouwen") as progress:
            read = curated_part.read_into(inner, part) if taxonomy is None and part is not None else None
            if read is None:
                if taxonomy is None:  # a damaged entry, deleted: compile after all
                    taxonomy = _read_taxonomy(files)
                _extend(inner, _curated_quads(_curated_triples(taxonomy, datasets)), progress)
                if part is not None and not replaced:
                    curated_part.keep(inner, part)
            else:
                progress.advance(read)
            for dataset in datasets:
                _add_dataset(inner, dataset, progress)
        del taxonomy, datasets, dataset  # freed by their reference counts, before a collection could walk them
    return inner


def _curated_quads(triples: Iterable[Triple]) -> Iterable[ox.Quad]:
    from competence_bridge.rdf.graph import OxigraphTerms

    return OxigraphTerms().quads(triples)


class CompiledPart(NamedTuple):
    """One input's share of the graph: the curated taxonomies, or one imported source, with its version."""

    source: str  # "competence-bridge-taxonomies", "esco-nl", "sbb-2635_Pedagogisch_Werk", ...
    version: str  # the source's own version, else "sha256-" and a digest of its bytes
    graph: Graph


def compile_parts(files: Sequence[Path], sources: Sequence[SourceInput] = (), *,
                  store: str = "oxigraph") -> list[CompiledPart]:
    """The inputs as separate graphs, one per source and version (for named graphs on an endpoint).

    Read and validated exactly as :func:`compile_inputs` does (all-or-nothing); together the
    parts hold the same triples as the compiled graph.
    """
    from competence_bridge.rdf.graph import add_quads, add_triples, new_graph, oxigraph_store

    with paused_gc():  # as compile_native
        taxonomy, datasets = _read_inputs(files, sources)
        assert taxonomy is not None  # read with curated=True
        dataset = None
        parts = [CompiledPart("competence-bridge-taxonomies", package_version(), new_graph(store))]
        with Progress("graaf opbouwen") as progress:
            add_triples(parts[0].graph, _curated_triples(taxonomy, datasets), progress=progress)
            for (kind, path), dataset in zip(sources, datasets, strict=True):
                language = getattr(dataset, "language", None)
                name = f"{kind}-{language}" if language else f"{kind}-{path.stem}"
                version = dataset.version or "sha256-" + graph_cache.files_sha256(_input_files(path))
                parts.append(CompiledPart(name, version, new_graph(store)))
                quads = getattr(dataset, "quads", None)
                if quads is not None and oxigraph_store(parts[-1].graph) is not None:
                    add_quads(parts[-1].graph, quads(), progress=progress)
                else:
                    add_triples(parts[-1].graph, dataset.triples(), progress=progress)
        del taxonomy, datasets, dataset
    return parts


def _official_ids(datasets: Sequence[Dataset]) -> set[str]:
    return {q.id for dataset in datasets for q in getattr(dataset, "qualifications", ())}


def _curated_triples(taxonomy: Taxonomy, datasets: Sequence[Dataset]) -> Iterator[Triple]:
    """The curated part's triples. Official records replace curated summaries that carry the same id (e.g. a BK
    import), and what the summaries know that the records lack stays
    (:func:`~competence_bridge.rdf.build.kept_curated_facts`: an SBB dossier has no ESCO anchor, no English title
    and no alternative names)."""
    from competence_bridge.rdf.build import kept_curated_facts, taxonomy_triples

    official = {q.id: q for dataset in datasets for q in getattr(dataset, "qualifications", ())}
    replaced = [q for q in taxonomy.qualifications if q.id in official]
    if replaced:
        import dataclasses  # here only: a load that replaces nothing need not import it (with inspect, ~7 ms)

        taxonomy = dataclasses.replace(taxonomy, qualifications=tuple(q for q in taxonomy.qualifications
                                                                       if q.id not in official))
    yield from taxonomy_triples(taxonomy)
    for curated in replaced:
        yield from kept_curated_facts(curated, official[curated.id])


def _add_dataset(store: ox.Store, dataset: Dataset, progress: Progress) -> None:
    """Add one imported data set: N-Triples documents through Oxigraph's parser (ESCO), native quads in batches,
    else its rdflib triples converted."""

    quads = getattr(dataset, "quads", None)
    made = quads() if quads is not None else None
    if isinstance(made, NTriplesDocuments):
        syntax = made.rdf_format()
        for document, lines in made.documents():
            store.load(document, format=syntax, lenient=made.validated)
            progress.advance(lines)
        return
    if made is None:
        from competence_bridge.rdf.graph import OxigraphTerms

        made = OxigraphTerms().quads(dataset.triples())
    _extend(store, made, progress)


def _extend(store: ox.Store, quads: Iterable[Any], progress: Progress) -> None:
    from competence_bridge.rdf.graph import batches

    for batch in batches(quads, BATCH):
        store.extend(batch)
        progress.advance(len(batch))


def _read_taxonomy(files: Sequence[Path]) -> Taxonomy:
    from competence_bridge.curated.taxonomy import read_taxonomy

    return read_taxonomy(files)


def _read_inputs(files: Sequence[Path], sources: Sequence[SourceInput], *, curated: bool = True,
                 for_store: bool = False) -> tuple[Taxonomy | None, list[Dataset]]:
    """Read and validate the curated YAML (unless not *curated*: the taxonomy is then None) and every imported
    source (*for_store*: as :meth:`~competence_bridge.importers.Importer.read_for_store` reads it, for its
    statements only), one progress step per input."""

    with Progress("invoer inlezen", len(files) + len(sources)) as progress:
        taxonomy = _read_taxonomy(files) if curated else None
        progress.advance(len(files))
        datasets = []
        for kind, path in sources:
            importer = IMPORTERS[kind]
            datasets.append(importer.read_for_store(path) if for_store else importer.read(path))
            progress.advance()
    return taxonomy, datasets


def compiled_key(files: Sequence[Path], sources: Sequence[SourceInput] = ()) -> str:
    """The cache key of the graph these inputs compile to: it changes with any input byte or the compiler.

    :raises SourceFormatError: when an imported input does not exist
    """
    for kind, path in sources:
        if not path.exists():
            raise SourceFormatError(path, f"no such file or directory (for --with {kind})")
    kinds = "".join(f"{kind}\0" for kind, _ in sources)
    return graph_cache.cache_key(_key_files(files, sources), graph_cache.source_digest() + "\0" + kinds)


def compiled_store(files: Sequence[Path], sources: Sequence[SourceInput] = (), *, cache: bool = True,
                   key: str | None = None) -> ox.Store:
    """The inputs compiled into a pyoxigraph store, from the cache when the same inputs were compiled before.

    The key covers every input byte, so an edited or bad file is never hidden behind a cached
    graph of an earlier version. *key*: :func:`compiled_key` of the inputs, when the caller has it already
    (it reads every input byte).
    """
    import pyoxigraph as ox

    if not cache:
        return compile_native(files, sources)
    key = key or compiled_key(files, sources)
    path = graph_cache.cached_path(key)
    if graph_cache.is_trusted(path):
        inner = ox.Store()
        try:  # we wrote it, from a validated graph: Oxigraph need not validate IRIs again
            inner.load(path=str(path), format=ox.RdfFormat.N_TRIPLES, lenient=True)
            return inner
        except Exception:  # a damaged cache entry: rebuild it below
            path.unlink(missing_ok=True)
    inner = compile_native(files, sources)
    if graph_cache.usable_dir(create=True) is not None:
        with contextlib.suppress(OSError), atomic_file(path) as out:
            inner.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        graph_cache.evict()
    return inner


def compiled_graph(files: Sequence[Path], sources: Sequence[SourceInput] = (), *, store: str = "oxigraph",
                   cache: bool = True) -> Graph:
    """The graph of the inputs, from the cache when the same inputs were compiled before (:func:`compiled_store`)."""
    if store == "oxigraph":
        return graph_on(compiled_store(files, sources, cache=cache))
    from competence_bridge.rdf.graph import new_graph, parse_into

    if not cache:
        return compile_inputs(files, sources, store=store)
    key = compiled_key(files, sources)
    path = graph_cache.cached_path(key)
    if graph_cache.is_trusted(path):
        graph = new_graph(store)
        try:
            return parse_into(graph, path, "nt", trusted=True)  # we wrote it, from a validated graph
        except Exception:  # a damaged cache entry: rebuild it below
            path.unlink(missing_ok=True)
    graph = compile_inputs(files, sources, store=store)
    graph_cache.store_graph(key, graph)
    return graph
