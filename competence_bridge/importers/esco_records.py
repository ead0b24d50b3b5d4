"""ESCO's records as read from its CSV export, and what a load writes of them.

See :mod:`competence_bridge.importers.esco` for the files read and the RDF written. The reader keeps
the records as columns (:class:`RecordTable`) in an :class:`EscoExport`; the record classes (``Occupation``,
``Skill``, ...) are importable from here and made from the columns only when asked for, and so is the
:class:`~competence_bridge.importers.esco_dataset.EscoDataset` that ``read`` makes of an export (a dataclass,
so a load, which needs only the export's :meth:`~EscoExport.quads`, imports no ``dataclasses``).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from importlib import import_module
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from competence_bridge.importers import Triple
from competence_bridge.importers.esco_turtle import TurtleWriter, source_iri
from competence_bridge.rdf import ntriples
from competence_bridge.rdf.ntriples import NTriplesDocuments
from competence_bridge.sanitize import valid_iri

if TYPE_CHECKING:
    import pyoxigraph as ox

    from competence_bridge.importers.esco_dataset import EscoDataset
    from competence_bridge.importers.esco_record_types import IscoGroup, Occupation, Skill, SkillGroup, SkillRelation

#: Statements per Turtle document that :meth:`EscoDataset.quads` hands to Oxigraph (one progress step each).
DOCUMENT_LINES = 50_000
#: The record classes (in :mod:`~competence_bridge.importers.esco_record_types`, imported when first used), with the
#: position of each one's ``in_scheme`` field (``tests/test_esco_records.py`` checks them against the classes).
RECORDS = {"IscoGroup": 6, "Occupation": 13, "SkillGroup": 9, "Skill": 11, "SkillRelation": None}
_TYPES = "competence_bridge.importers.esco_record_types"


def __getattr__(name: str) -> Any:
    """The record classes and ``EscoDataset`` (with ``read_by_reader``), from the modules that define them (imported
    on first use)."""
    if name in RECORDS:
        return getattr(import_module(_TYPES), name)
    if name in {"EscoDataset", "read_by_reader"}:
        return getattr(import_module("competence_bridge.importers.esco_dataset"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- records kept as columns -----------------------------------------------------------------------

R = TypeVar("R")


class RecordTable(Sequence[R]):
    """Records kept as columns, one list per field in the order of the record's fields: what the reader makes.

    Loading writes the columns straight as Turtle (:class:`~competence_bridge.importers.esco_turtle.TurtleWriter`),
    so a load makes no record objects; the records are made, once, when first asked for (iterating, indexing).
    Equal to another table or a tuple of the same records.
    """

    __slots__ = ("_records", "columns", "kind")

    def __init__(self, kind: str, columns: list[list[Any]]) -> None:
        self.kind = kind  # the record class's name, a key of RECORDS
        self.columns = columns
        self._records: tuple[R, ...] | None = None

    def records(self) -> tuple[R, ...]:
        """The records, made on the first call."""
        if self._records is None:
            self._records = tuple(map(getattr(import_module(_TYPES), self.kind), *self.columns))
        return self._records

    def __len__(self) -> int:
        return len(self.columns[0])

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[R, ...]: ...

    def __getitem__(self, index: int | slice) -> R | tuple[R, ...]:
        return self.records()[index]

    def __iter__(self) -> Iterator[R]:
        return iter(self.records())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RecordTable):
            return self.kind == other.kind and self.columns == other.columns
        if isinstance(other, tuple):
            return self.records() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.records())

    def __repr__(self) -> str:
        return repr(self.records())


def record_table(kind: str, rows: list[tuple[Any, ...]]) -> RecordTable[Any]:
    """The records of class *kind* (a key of :data:`RECORDS`) in *rows*, the values of one record each, in field
    order (at least one row), as a :class:`RecordTable`."""
    return RecordTable(kind, [list(column) for column in zip(*rows, strict=True)])


def columns_of(records: Sequence[Any]) -> Sequence[Sequence[Any]]:
    """The columns of *records*: a table's own, else read from each record (none: no columns)."""
    if isinstance(records, RecordTable):
        return records.columns
    if not records:
        return []
    return [list(map(attrgetter(name), records)) for name in type(records[0]).__match_args__]


# --- the export read ------------------------------------------------------------------------------


class EscoExport:
    """A validated ESCO CSV export in one language as the reader reads it: its records as column tables.

    Made only by the reader (:func:`~competence_bridge.importers.esco.read_for_store`), which checked every IRI and
    the language tag in it. A load reads its :meth:`quads`; :meth:`dataset` is the
    :class:`~competence_bridge.importers.esco_dataset.EscoDataset` that ``read`` returns.
    """

    __slots__ = ("files", "isco_groups", "language", "occupations", "path", "relations", "skill_groups", "skills",
                 "version")
    kind = "esco"

    def __init__(self, path: Path, version: str | None, language: str, files: tuple[str, ...],
                 occupations: RecordTable[Occupation], isco_groups: Sequence[IscoGroup],
                 skill_groups: Sequence[SkillGroup], skills: Sequence[Skill],
                 relations: Sequence[SkillRelation]) -> None:
        self.path, self.version, self.language, self.files = path, version, language, files
        self.occupations, self.isco_groups, self.skill_groups = occupations, isco_groups, skill_groups
        self.skills, self.relations = skills, relations

    def dataset(self) -> EscoDataset:
        """The data set of this export, marked as made by the reader."""
        from competence_bridge.importers.esco_dataset import EscoDataset, read_by_reader

        return read_by_reader(EscoDataset(
            path=self.path, version=self.version, language=self.language, files=self.files,
            occupations=self.occupations, isco_groups=self.isco_groups, skill_groups=self.skill_groups,
            skills=self.skills, relations=self.relations))

    def quads(self) -> Iterable[ox.Quad]:
        """The statements of :meth:`dataset`, as its ``quads()`` gives them (Turtle documents, see there)."""
        if valid_iri(source_iri(self.version, self.language)):
            return NTriplesDocuments(functools.partial(documents, self), validated=True, turtle=True)
        return self.dataset().quads()

    def triples(self) -> Iterator[Triple]:
        """The statements of :meth:`dataset` as rdflib triples."""
        return self.dataset().triples()

    def summary(self) -> dict[str, int]:
        """The counts of :meth:`dataset`."""
        return self.dataset().summary()


def documents(export: EscoExport | EscoDataset) -> Iterator[tuple[bytes, int]]:
    """The statements of a validated export or data set, in the order of ``triples()``, as Turtle documents with
    their statement counts."""
    writer = TurtleWriter(export.language, source_iri(export.version, export.language))
    columns = [columns_of(records) for records in (export.isco_groups, export.occupations, export.skill_groups,
                                                   export.skills, export.relations)]
    schemes = {scheme for found, at in zip(columns, RECORDS.values(), strict=True) if found and at is not None
               for value in set(found[at]) for scheme in value}
    head = writer.head(export.version, export.files, sorted(schemes))
    blocks = writer.blocks(*columns)
    return ntriples.counted_documents(itertools.chain((head,), blocks), DOCUMENT_LINES)
