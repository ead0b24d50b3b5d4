"""Inputs (curated YAML plus imported data sets) → one graph, through the compiled-graph cache."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from competence_bridge.backends import cache as graph_cache
from competence_bridge.bulk import paused_gc
from competence_bridge.curated.taxonomy import Taxonomy, read_taxonomy
from competence_bridge.errors import SourceFormatError
from competence_bridge.importers import IMPORTERS, Dataset
from competence_bridge.progress import Progress
from competence_bridge.rdf.build import taxonomy_triples
from competence_bridge.rdf.graph import add_quads, add_triples, new_graph, oxigraph_store, parse_into
from competence_bridge.version import package_version

#: An imported input: (importer kind, path), e.g. ("esco", Path("esco-nl-1.2.0")).
SourceInput = tuple[str, Path]


def _key_files(files: Sequence[Path], sources: Sequence[SourceInput]) -> list[Path]:
    imported = []
    for _kind, path in sources:
        imported.extend(_input_files(path))
    return [*files, *imported]


def _input_files(path: Path) -> list[Path]:
    """The files of one imported input: the file itself, or every file below a directory, sorted."""
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def compile_inputs(files: Sequence[Path], sources: Sequence[SourceInput] = (), *, store: str = "oxigraph") -> Graph:
    """Validate and read every input first, then build a new graph (no cache).

    All-or-nothing: a bad YAML file or data file raises before any triple is added. On Oxigraph
    the triples go into the store natively, in batches (:func:`~competence_bridge.rdf.graph.add_triples`).

    The garbage collector stays paused from reading to the last triple, and the records read are
    dropped before it runs again: else the first collections after a reader's own pause (the
    import of oxrdflib in ``new_graph`` set one off) walk every record, ~0.3 s at a million triples.
    """
    with paused_gc():
        taxonomy, datasets = _read_inputs(files, sources)
        taxonomy = _without_official(taxonomy, datasets)
        dataset = None
        graph = new_graph(store)
        with Progress("graaf opbouwen") as progress:
            add_triples(graph, taxonomy_triples(taxonomy), progress=progress)
            for dataset in datasets:
                _add_dataset(graph, dataset, progress)
        del taxonomy, datasets, dataset  # freed by their reference counts, before a collection could walk them
    return graph


@dataclasses.dataclass(frozen=True)
class CompiledPart:
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

    with paused_gc():  # as compile_inputs
        taxonomy, datasets = _read_inputs(files, sources)
        dataset = None
        parts = [CompiledPart("competence-bridge-taxonomies", package_version(), new_graph(store))]
        with Progress("graaf opbouwen") as progress:
            add_triples(parts[0].graph, taxonomy_triples(_without_official(taxonomy, datasets)), progress=progress)
            for (kind, path), dataset in zip(sources, datasets, strict=True):
                language = getattr(dataset, "language", None)
                name = f"{kind}-{language}" if language else f"{kind}-{path.stem}"
                version = dataset.version or "sha256-" + graph_cache.cache_key(_input_files(path), "")
                parts.append(CompiledPart(name, version, new_graph(store)))
                _add_dataset(parts[-1].graph, dataset, progress)
        del taxonomy, datasets, dataset
    return parts


def _without_official(taxonomy: Taxonomy, datasets: Sequence[Dataset]) -> Taxonomy:
    """Official records replace curated summaries that carry the same id (e.g. a BK import)."""
    official = {q.id for dataset in datasets for q in getattr(dataset, "qualifications", ())}
    if not official & {q.id for q in taxonomy.qualifications}:
        return taxonomy
    return dataclasses.replace(taxonomy, qualifications=tuple(q for q in taxonomy.qualifications
                                                               if q.id not in official))


def _add_dataset(graph: Graph, dataset: Dataset, progress: Progress) -> None:
    """Add one imported data set, as pyoxigraph quads when its importer makes them (ESCO: twice as fast)."""
    quads = getattr(dataset, "quads", None)
    if quads is not None and oxigraph_store(graph) is not None:
        add_quads(graph, quads(), progress=progress)
    else:
        add_triples(graph, dataset.triples(), progress=progress)


def _read_inputs(files: Sequence[Path], sources: Sequence[SourceInput]) -> tuple[Taxonomy, list[Dataset]]:
    """Read and validate the curated YAML and every imported source, one progress step per input."""

    with Progress("invoer inlezen", len(files) + len(sources)) as progress:
        taxonomy = read_taxonomy(files)
        progress.advance(len(files))
        datasets = []
        for kind, path in sources:
            datasets.append(IMPORTERS[kind].read(path))
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


def compiled_graph(files: Sequence[Path], sources: Sequence[SourceInput] = (), *, store: str = "oxigraph",
                   cache: bool = True) -> Graph:
    """The graph of the inputs, from the cache when the same inputs were compiled before.

    The key covers every input byte, so an edited or bad file is never hidden behind a cached
    graph of an earlier version.
    """
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
