"""ESCO's records as read from its CSV export, and the validated dataset that turns them into RDF.

See :mod:`competence_bridge.importers.esco` for the files read and the RDF written. The reader keeps
the records as columns (:class:`RecordTable`); the record classes (``Occupation``, ``Skill``, ...) are
importable from here and made from the columns only when asked for.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from competence_bridge.importers import Triple
from competence_bridge.importers.esco_turtle import TurtleWriter, source_iri
from competence_bridge.rdf import ntriples
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.ntriples import NTriplesDocuments
from competence_bridge.sanitize import valid_iri

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import URIRef

    from competence_bridge.importers.esco_record_types import IscoGroup, Occupation, Skill, SkillGroup, SkillRelation
    from competence_bridge.importers.versions import ConceptRecord

#: Statements per Turtle document that :meth:`EscoDataset.quads` hands to Oxigraph (one progress step each).
DOCUMENT_LINES = 50_000
#: The record classes (in :mod:`~competence_bridge.importers.esco_record_types`, imported when first used), with the
#: position of each one's ``in_scheme`` field (``tests/test_esco_records.py`` checks them against the classes).
RECORDS = {"IscoGroup": 6, "Occupation": 13, "SkillGroup": 9, "Skill": 11, "SkillRelation": None}
_TYPES = "competence_bridge.importers.esco_record_types"


def __getattr__(name: str) -> type:
    """The record classes, from the module that defines them (imported on first use)."""
    if name in RECORDS:
        return getattr(import_module(_TYPES), name)
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


# --- the data set --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EscoDataset:
    """A validated ESCO CSV export in one language (see the module docstring for its RDF).

    ``validated`` is True only on a data set :func:`~competence_bridge.importers.esco.read` returned
    (see :func:`read_by_reader`); ``dataclasses.replace`` makes a copy without it.
    """

    path: Path
    version: str | None
    language: str
    files: tuple[str, ...]  # the files read, as "<directory>/<file>"
    occupations: Sequence[Occupation]  # a RecordTable from the reader; any sequence of records by hand
    isco_groups: Sequence[IscoGroup] = ()
    skill_groups: Sequence[SkillGroup] = ()
    skills: Sequence[Skill] = ()
    relations: Sequence[SkillRelation] = ()
    kind: str = field(default="esco", init=False)
    validated: bool = field(default=False, init=False, repr=False, compare=False)

    @property
    def source_iri(self) -> URIRef:
        """The provenance node of this data set (also a good named-graph name for it)."""
        from rdflib import URIRef

        return URIRef(source_iri(self.version, self.language))

    def summary(self) -> dict[str, int]:
        """Counts of what was read, labels counted on occupations."""
        return {
            "occupations": len(self.occupations),
            "occupation_preferred_labels": sum(1 for o in self.occupations if o.preferred_label),
            "occupation_alt_labels": sum(len(o.alt_labels) for o in self.occupations),
            "occupation_hidden_labels": sum(len(o.hidden_labels) for o in self.occupations),
            "isco_groups": len(self.isco_groups),
            "skill_groups": len(self.skill_groups),
            "skills": len(self.skills),
            "skill_relations": len(self.relations),
        }

    def concept_records(self, lang: str | None = None) -> Iterator[ConceptRecord]:
        """The occupations as version-comparable records (see :mod:`competence_bridge.importers.versions`)."""
        from competence_bridge.importers.versions import ConceptRecord

        if lang is not None and lang != self.language:
            raise ValueError(f"this ESCO data set is in {self.language!r}, not {lang!r}")
        isco = PREFIXES["isco"]
        for occupation in self.occupations:
            yield ConceptRecord(
                iri=occupation.uri,
                label=occupation.preferred_label,
                group=f"{isco}C{occupation.isco_group}",
                broader=(occupation.broader,),
                alt_labels=frozenset(occupation.alt_labels),
                notation=occupation.code,
            )

    def triples(self) -> Iterator[Triple]:
        """The data set in ESCO's model, SKOS, dcterms and ``cb:iscoGroup``; provenance first."""
        from competence_bridge.importers.esco_statements import statements
        from competence_bridge.importers.esco_terms import Terms

        return statements(self, Terms(self.language))

    def quads(self) -> Iterable[ox.Quad]:
        """The statements of :meth:`triples` as pyoxigraph quads in the default graph.

        Made from the records directly, without rdflib terms. For a data set the reader made,
        they come as Turtle documents (:class:`~competence_bridge.rdf.ntriples.NTriplesDocuments`,
        also iterable as quads) that Oxigraph's native parser loads without validating IRIs and
        language tags again: the reader checked every IRI (``check_iri``: the http(s) pattern and
        ``valid_iri``) and the language tag (``valid_language_tag``), the ISCO group IRIs are a fixed
        prefix and digits, and the data set's own IRI is checked here. Any other data set (made or
        changed by hand) gets pyoxigraph terms, which validate every IRI and tag.
        """
        if self.validated and valid_iri(source_iri(self.version, self.language)):
            return NTriplesDocuments(self._documents, validated=True, turtle=True)
        import pyoxigraph as ox

        from competence_bridge.importers.esco_statements import statements
        from competence_bridge.importers.esco_terms import OxigraphTerms

        quad = ox.Quad
        return (quad(s, p, o) for s, p, o in statements(self, OxigraphTerms(self.language)))

    def _documents(self) -> Iterator[tuple[bytes, int]]:
        """The statements of :meth:`triples`, in its order, as Turtle documents with their statement counts."""
        writer = TurtleWriter(self.language, source_iri(self.version, self.language))
        columns = [columns_of(records) for records in (self.isco_groups, self.occupations, self.skill_groups,
                                                       self.skills, self.relations)]
        schemes = {scheme for found, at in zip(columns, RECORDS.values(), strict=True) if found and at is not None
                   for value in set(found[at]) for scheme in value}
        head = writer.head(self.version, self.files, sorted(schemes))
        blocks = writer.blocks(*columns)
        return ntriples.counted_documents(itertools.chain((head,), blocks), DOCUMENT_LINES)


def read_by_reader(dataset: EscoDataset) -> EscoDataset:
    """*dataset*, marked as made by the ESCO reader, which checked every IRI and the language tag it holds.

    Only the reader calls this: :meth:`EscoDataset.quads` then lets Oxigraph skip checking them again.
    """
    object.__setattr__(dataset, "validated", True)  # frozen, and not an init field so replace() drops it
    return dataset
