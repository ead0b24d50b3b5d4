"""ESCO's records as read from its CSV export, and the validated dataset that turns them into RDF.

See :mod:`competence_bridge.importers.esco` for the files read and the RDF written.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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

    from competence_bridge.importers.versions import ConceptRecord

#: Statements per Turtle document that :meth:`EscoDataset.quads` hands to Oxigraph (one progress step each).
DOCUMENT_LINES = 50_000

# --- records --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Occupation:
    """One row of ``occupations_<lang>.csv``; ``broader`` is derived from the code hierarchy."""

    uri: str
    isco_group: str  # ISCO-08 unit group code, e.g. "2654"
    code: str  # ESCO code, e.g. "2654.1.7" ('' in exports without codes)
    broader: str  # parent occupation IRI, or the ISCO group IRI
    preferred_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    status: str
    modified: str
    regulated_profession_note: str
    scope_note: str
    definition: str
    description: str
    in_scheme: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IscoGroup:
    """One row of ``ISCOGroups_<lang>.csv``: an ISCO-08 group at any of its four levels."""

    uri: str
    code: str
    preferred_label: str
    alt_labels: tuple[str, ...]
    status: str
    description: str
    in_scheme: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkillGroup:
    """One row of ``skillGroups_<lang>.csv``, with its broader group from ``skillsHierarchy``."""

    uri: str
    code: str
    preferred_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    status: str
    modified: str
    scope_note: str
    description: str
    in_scheme: tuple[str, ...]
    broader: str  # '' for the four top groups or when there is no hierarchy file


@dataclass(frozen=True, slots=True)
class Skill:
    """One row of ``skills_<lang>.csv``: a knowledge, skill or competence concept."""

    uri: str
    skill_type: str  # "skill/competence", "knowledge" or ''
    reuse_level: str  # "transversal", "cross-sector", "sector-specific", "occupation-specific" or ''
    preferred_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    status: str
    modified: str
    scope_note: str
    definition: str
    description: str
    in_scheme: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkillRelation:
    """One row of ``occupationSkillRelations_<lang>.csv``."""

    occupation: str
    relation_type: str  # "essential" or "optional"
    skill: str
    skill_type: str


# --- records kept as columns -----------------------------------------------------------------------

R = TypeVar("R")


class RecordTable(Sequence[R]):
    """Records kept as columns, one list per field in the order of the record's fields: what the reader makes.

    Loading writes the columns straight as Turtle (:class:`~competence_bridge.importers.esco_turtle.TurtleWriter`),
    so a load makes no record objects; the records are made, once, when first asked for (iterating, indexing).
    Equal to another table or a tuple of the same records.
    """

    __slots__ = ("_kind", "_records", "columns")

    def __init__(self, kind: Callable[..., R], columns: list[list[Any]]) -> None:
        self._kind = kind
        self.columns = columns
        self._records: tuple[R, ...] | None = None

    def records(self) -> tuple[R, ...]:
        """The records, made on the first call."""
        if self._records is None:
            self._records = tuple(map(self._kind, *self.columns))
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
            return self._kind is other._kind and self.columns == other.columns
        if isinstance(other, tuple):
            return self.records() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.records())

    def __repr__(self) -> str:
        return repr(self.records())


def record_table(kind: Callable[..., R], rows: Iterable[tuple[Any, ...]]) -> RecordTable[R]:
    """The records of *rows* (each the values of one record, in field order) as a :class:`RecordTable`."""
    columns = [list(column) for column in zip(*rows, strict=True)]
    return RecordTable(kind, columns or [[] for _ in fields_of(kind)])  # type: ignore[arg-type]


def columns_of(records: Sequence[Any], kind: type) -> Sequence[Sequence[Any]]:
    """The columns of *records* of dataclass *kind*: a table's own, else read from each record."""
    if isinstance(records, RecordTable):
        return records.columns
    return [list(map(attrgetter(name), records)) for name in fields_of(kind)]


def fields_of(kind: type) -> tuple[str, ...]:
    """The field names of record dataclass *kind*, in order."""
    return kind.__match_args__  # type: ignore[attr-defined]


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
        kinds = ((self.isco_groups, IscoGroup), (self.occupations, Occupation), (self.skill_groups, SkillGroup),
                 (self.skills, Skill), (self.relations, SkillRelation))
        columns = [columns_of(records, kind) for records, kind in kinds]
        schemes = {scheme for (_, kind), found in zip(kinds[:4], columns, strict=False)
                   for value in set(found[fields_of(kind).index("in_scheme")]) for scheme in value}
        head = writer.head(self.version, self.files, sorted(schemes))
        blocks = writer.blocks(*columns)
        return ntriples.counted_documents(itertools.chain((head,), blocks), DOCUMENT_LINES)


def read_by_reader(dataset: EscoDataset) -> EscoDataset:
    """*dataset*, marked as made by the ESCO reader, which checked every IRI and the language tag it holds.

    Only the reader calls this: :meth:`EscoDataset.quads` then lets Oxigraph skip checking them again.
    """
    object.__setattr__(dataset, "validated", True)  # frozen, and not an init field so replace() drops it
    return dataset
