"""A validated ESCO export as a data set: what :func:`competence_bridge.importers.esco.read` returns.

A dataclass, so kept apart from :mod:`competence_bridge.importers.esco_records`: a load reads the export the reader
makes (:class:`~competence_bridge.importers.esco_records.EscoExport`) and never imports this module (nor
``dataclasses``, with ``inspect``, ~7 ms). Its Turtle documents are those of
:func:`~competence_bridge.importers.esco_records.documents`, imported when asked for (that module gives this one's
class when asked for: neither imports the other at its top).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from competence_bridge.importers import Triple
from competence_bridge.importers.esco_turtle import source_iri
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.ntriples import NTriplesDocuments
from competence_bridge.sanitize import valid_iri

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import URIRef

    from competence_bridge.importers.esco_record_types import IscoGroup, Occupation, Skill, SkillGroup, SkillRelation
    from competence_bridge.importers.versions import ConceptRecord


@dataclass(frozen=True)
class EscoDataset:
    """A validated ESCO CSV export in one language (:mod:`competence_bridge.importers.esco` describes its RDF).

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
            from competence_bridge.importers.esco_records import documents  # it imports this module when asked for

            return NTriplesDocuments(functools.partial(documents, self), validated=True, turtle=True)
        import pyoxigraph as ox

        from competence_bridge.importers.esco_statements import statements
        from competence_bridge.importers.esco_terms import OxigraphTerms

        quad = ox.Quad
        return (quad(s, p, o) for s, p, o in statements(self, OxigraphTerms(self.language)))


def read_by_reader(dataset: EscoDataset) -> EscoDataset:
    """*dataset*, marked as made by the ESCO reader, which checked every IRI and the language tag it holds.

    Only the reader calls this: :meth:`EscoDataset.quads` then lets Oxigraph skip checking them again.
    """
    object.__setattr__(dataset, "validated", True)  # frozen, and not an init field so replace() drops it
    return dataset
