"""The object a user holds: the loaded graph and the lookups over it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import IO

from rdflib import Graph

from .catalog import Catalog, LevelRef, TypeRef
from .errors import AmbiguousItemError, UnknownFrameworkError, UnknownItemError
from .reports import LevelReport, RecognitionLine, RecognitionReport
from .text import normalize, suggest


class Bridge:
    """Frameworks, qualification types and recognitions of both sides as one RDF graph.

    Create one with :func:`competence_bridge.load`. ``bridge.graph`` is a plain
    ``rdflib.Graph``; the lookups below are SPARQL over it.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.catalog = Catalog(graph)

    # --- levels ------------------------------------------------------------------------

    def resolve_level(self, framework: str, level: str) -> LevelRef:
        """The level written *level* (``5``, ``4+``, ``entry``) in *framework* (``vks``, ``nlqf``, ``eqf``).

        :raises UnknownFrameworkError: for a framework that is not loaded
        :raises UnknownItemError: for a level the framework does not have
        """
        key = framework.strip().lower()
        levels = self.catalog.levels
        if key not in self.catalog.frameworks:
            raise UnknownFrameworkError(framework, suggestions=suggest(framework, self.catalog.frameworks))
        wanted = normalize(level)
        in_framework = [ref for ref in levels.values() if ref.framework == key]
        for ref in in_framework:
            if wanted in {normalize(ref.notation), normalize(ref.id.partition(":")[2]), normalize(ref.id),
                          normalize(ref.label), normalize(ref.label_en)}:
                return ref
        notations = [ref.notation for ref in in_framework]
        raise UnknownItemError(level, kind=f"{key} level", suggestions=suggest(level, notations) or notations)

    def level(self, framework: str, level: str) -> LevelReport:
        """A level, its EQF level, its equivalents in the other frameworks and what sits on it.

        >>> report = load().level("vks", "5")
        >>> [ref.id for ref in report.equivalents]
        ['nlqf:5']
        """
        ref = self.resolve_level(framework, level)
        levels = self.catalog.levels
        eqf = levels.get(ref.eqf) if ref.eqf else None
        if ref.eqf is None:
            equivalents: tuple[LevelRef, ...] = ()
            at_level = {ref.id}
        else:
            equivalents = tuple(other for other in levels.values()
                                if other.eqf == ref.eqf and other.id != ref.id and other.framework != "eqf")
            at_level = {other.id for other in levels.values() if other.eqf == ref.eqf}
        regions = ("BE-VLG", "NL")
        types = {
            region: tuple(t for t in self.catalog.types.values() if t.region == region and at_level & set(t.levels))
            for region in regions
        }
        return LevelReport(ref, eqf, equivalents, types)

    # --- qualification types ---------------------------------------------------------------

    def resolve_type(self, query: str) -> TypeRef:
        """The qualification type with this id (``nl:havo``) or label ("havo", "diploma secundair onderwijs BSO").

        A preferred label wins over an alternative label; several equally good matches raise.

        :raises UnknownItemError: with close suggestions when nothing matches
        :raises AmbiguousItemError: when a label names several types
        """
        types = self.catalog.types
        text = query.strip()
        if text in types:
            return types[text]
        wanted = normalize(text)
        by_rank: dict[bool, set[str]] = {True: set(), False: set()}
        for type_id, label, preferred in self.catalog.type_labels:
            if normalize(label) == wanted:
                by_rank[preferred].add(type_id)
        for preferred in (True, False):
            hits = by_rank[preferred]
            if len(hits) == 1:
                return types[hits.pop()]
            if len(hits) > 1:
                raise AmbiguousItemError(query, sorted(hits))
        choices = list(types) + [label for _, label, _ in self.catalog.type_labels]
        raise UnknownItemError(query, kind="qualification type", suggestions=suggest(query, choices))

    def recognitions(self, item: str) -> RecognitionReport:
        """Every recognition statement about a qualification type, in either role, direction first.

        Instruments that are not in force but cover the type's sector and region are listed
        separately, so "there is no recognition" is said, not left to guess.
        """
        ref = self.resolve_type(item)
        catalog = self.catalog
        lines = []
        for row in catalog.statements_about(ref.id):
            lines.append(RecognitionLine(
                statement=row,
                instrument=catalog.instruments[row.instrument],
                subject=catalog.types[row.subject],
                object=catalog.types.get(row.object) if row.object else None,
                level=catalog.levels.get(row.level) if row.level else None,
            ))
        lines.sort(key=lambda line: (line.statement.subject != ref.id, line.direction,
                                     line.instrument.date or "", line.instrument.id, line.statement.id))
        not_in_force = tuple(
            instrument for instrument in catalog.instruments.values()
            if instrument.status == "not-in-force" and ref.sector in instrument.sectors
            and any(ref.region in pair for pair in instrument.directions)
        )
        return RecognitionReport(ref, tuple(lines), not_in_force)

    # --- export ----------------------------------------------------------------------------

    def export(self, fmt: str, out: str | Path | IO[bytes]) -> None:
        """Write the graph as ``ttl``, ``nt`` or ``jsonld`` to a path (atomically) or a binary stream."""
        from .graph import export

        export(self.graph, fmt, out)

    @cached_property
    def size(self) -> int:
        """Number of triples (counted once; on large graphs this is a full scan)."""
        return len(self.graph)


PathArg = str | Path | Iterable[str | Path]


def load(
    yaml: PathArg = (),
    *,
    esco: PathArg = (),
    sbb: PathArg = (),
    brc: PathArg = (),
    bk: PathArg = (),
    store: str = "oxigraph",
    cache: bool = True,
) -> Bridge:
    """Load the shipped taxonomies, plus any extra curated YAML and official data sets, as one graph.

    >>> bridge = load(esco="../shared/data/esco-nl-1.2.0")          # doctest: +SKIP
    >>> bridge = load(sbb=["2635_Pedagogisch_Werk.xml", "2637_Sociaal_werk.xml"])  # doctest: +SKIP

    :param yaml: extra taxonomy files or directories, validated together with the shipped ones
    :param esco: ESCO CSV export directories (any language)
    :param sbb: SBB kwalificatiedossier XML files
    :param brc: the CBS BRC 2014 - ISCO-08 CSV
    :param bk: Flemish beroepskwalificatie JSON records (onderwijs-API shape)
    :param store: ``oxigraph`` (default) or ``memory``
    :param cache: reuse a compiled graph of exactly the same inputs from the cache directory
    :raises TaxonomyError: if a YAML file fails validation; nothing is loaded then
    :raises SourceFormatError: if a data file is malformed; nothing is loaded then
    """
    from .compile import compiled_graph

    sources = [(kind, path) for kind, arg in (("esco", esco), ("sbb", sbb), ("brc", brc), ("bk", bk))
               for path in _paths(arg)]
    files = _files(_paths(yaml))
    return Bridge(compiled_graph(files, sources, store=store, cache=cache))


def _paths(arg: PathArg) -> list[Path]:
    if isinstance(arg, (str, Path)):
        return [Path(arg)]
    return [Path(item) for item in arg]


def _files(extra: Iterable[Path]) -> Sequence[Path]:
    from .resources import shipped_files

    paths = list(shipped_files())
    for path in extra:
        paths.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return paths
