"""ESCO's records as read from its CSV export, and the validated dataset that turns them into RDF.

See :mod:`competence_bridge.importers.esco` for the files read and the RDF written.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.namespace import FOAF

from competence_bridge.importers import Triple
from competence_bridge.importers.esco_csv import IRI
from competence_bridge.importers.esco_terms import (  # noqa: F401 (ESCO's vocabulary, importable from here as before)
    ESCO,
    ISO_THES_STATUS,
    RELATION_PROPERTIES,
    REUSE_LEVELS,
    SKILL_TYPES,
    NTriplesTerms,
    OxigraphTerms,
    Terms,
)
from competence_bridge.importers.esco_turtle import TurtleWriter
from competence_bridge.importers.versions import ConceptRecord
from competence_bridge.rdf import ntriples
from competence_bridge.rdf.curies import BASE, PREFIXES
from competence_bridge.rdf.namespaces import CB, DCTERMS, PROV, RDF, SKOS, XSD
from competence_bridge.rdf.ntriples import NTriplesDocuments
from competence_bridge.sanitize import valid_iri

if TYPE_CHECKING:
    import pyoxigraph as ox


ESCO_DOWNLOAD_PAGE = URIRef("https://esco.ec.europa.eu/en/use-esco/download")
#: The attribution ESCO's licence asks for.
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."

# Terms looked up once: attribute access on rdflib namespaces costs more than the triple itself.
_TYPE, _CONCEPT, _SCHEME = RDF.type, SKOS.Concept, SKOS.ConceptScheme
_NOTATION, _BROADER, _SOURCE = SKOS.notation, SKOS.broader, DCTERMS.source
#: Statements per N-Triples document that :meth:`EscoDataset.quads` hands to Oxigraph (one progress step each).
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
    occupations: tuple[Occupation, ...]
    isco_groups: tuple[IscoGroup, ...] = ()
    skill_groups: tuple[SkillGroup, ...] = ()
    skills: tuple[Skill, ...] = ()
    relations: tuple[SkillRelation, ...] = ()
    kind: str = field(default="esco", init=False)
    validated: bool = field(default=False, init=False, repr=False, compare=False)

    @property
    def source_iri(self) -> URIRef:
        """The provenance node of this data set (also a good named-graph name for it)."""
        return URIRef(f"{BASE}id/dataset/esco/{self.version or 'unversioned'}/{self.language}")

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
        return self._statements(Terms(self.language))

    def quads(self) -> Iterable[ox.Quad]:
        """The statements of :meth:`triples` as pyoxigraph quads in the default graph.

        Made from the records directly, without rdflib terms. For a data set the reader made,
        they come as N-Triples documents (:class:`~competence_bridge.rdf.ntriples.NTriplesDocuments`,
        also iterable as quads) that Oxigraph's native parser loads without validating IRIs and
        language tags again: the reader checked every IRI (``check_iri``: the http(s) pattern and
        ``valid_iri``) and the language tag (``valid_language_tag``), the ISCO group IRIs are a fixed
        prefix and digits, and the data set's own IRI is checked here. Any other data set (made or
        changed by hand) gets pyoxigraph terms, which validate every IRI and tag.
        """
        if self.validated and valid_iri(str(self.source_iri)):
            return NTriplesDocuments(self._documents, validated=True, turtle=True)
        import pyoxigraph as ox

        quad = ox.Quad
        return (quad(s, p, o) for s, p, o in self._statements(OxigraphTerms(self.language)))

    def _documents(self) -> Iterator[tuple[bytes, int]]:
        """The statements of :meth:`_statements`, in its order, as Turtle documents with their statement counts."""
        head = [f"{s} {p} {o} .\n" for s, p, o in self._head(NTriplesTerms(self.language))]
        writer = TurtleWriter(self.language, str(self.source_iri))
        blocks = writer.blocks(self.isco_groups, self.occupations, self.skill_groups, self.skills, self.relations)
        return ntriples.counted_documents(itertools.chain((("".join(head), len(head)),), blocks), DOCUMENT_LINES)

    def _head(self, terms: Terms) -> Iterator[tuple]:
        """The statements before the records': the provenance of the data set and its concept schemes."""
        yield from self._provenance(terms.const(self.source_iri), terms)
        schemes = {s for records in (self.occupations, self.isco_groups, self.skill_groups, self.skills)
                   for record in records for s in record.in_scheme}
        type_, scheme_class = terms.const(_TYPE), terms.const(_SCHEME)
        for scheme in sorted(schemes):
            yield terms.ref(scheme), type_, scheme_class

    def _statements(self, terms: Terms) -> Iterator[tuple]:
        """The statements of the data set, in the terms *terms* makes (rdflib or pyoxigraph).

        :class:`~competence_bridge.importers.esco_ntriples.NTriplesWriter` writes the records' part as text.
        """
        ref, text, const = terms.ref, terms.concept_text, terms.const
        type_, concept, notation, broader, source_of = (
            const(_TYPE), const(_CONCEPT), const(_NOTATION), const(_BROADER), const(_SOURCE))
        source = const(self.source_iri)
        yield from self._head(terms)
        isco = PREFIXES["isco"]
        for group in self.isco_groups:
            node = terms.node(group.uri)
            yield node, type_, concept
            yield node, notation, terms.plain(group.code)
            if len(group.code) > 1:
                yield node, broader, ref(f"{isco}C{group.code[:-1]}")
            yield from text(node, group.preferred_label, group.alt_labels, (), group.status, "", "", "",
                            group.description, group.in_scheme)
            yield node, source_of, source
        occupation_type, member_of_isco, isco_anchor = (
            const(ESCO.Occupation), const(ESCO.memberOfISCOGroup), const(CB.iscoGroup))
        regulated = const(ESCO.regulatedProfessionNote)
        for occupation in self.occupations:
            node = terms.node(occupation.uri)
            group = ref(f"{isco}C{occupation.isco_group}")  # type: ignore[assignment]
            yield node, type_, occupation_type
            yield node, type_, concept
            if occupation.code:
                yield node, notation, terms.plain(occupation.code)
            yield node, broader, ref(occupation.broader)
            yield node, member_of_isco, group
            yield node, isco_anchor, group
            yield from text(node, occupation.preferred_label, occupation.alt_labels, occupation.hidden_labels,
                            occupation.status, occupation.modified, occupation.scope_note, occupation.definition,
                            occupation.description, occupation.in_scheme)
            note = occupation.regulated_profession_note
            if note:
                yield node, regulated, ref(note) if IRI.match(note) else terms.text(note)
            yield node, source_of, source
        for skill_group in self.skill_groups:
            node = terms.node(skill_group.uri)
            yield node, type_, concept
            if skill_group.code:
                yield node, notation, terms.plain(skill_group.code)
            if skill_group.broader:
                yield node, broader, ref(skill_group.broader)
            yield from text(node, skill_group.preferred_label, skill_group.alt_labels, skill_group.hidden_labels,
                            skill_group.status, skill_group.modified, skill_group.scope_note, "",
                            skill_group.description, skill_group.in_scheme)
            yield node, source_of, source
        skill_class, skill_type, reuse_level = const(ESCO.Skill), const(ESCO.skillType), const(ESCO.skillReuseLevel)
        skill_types = {key: const(value) for key, value in SKILL_TYPES.items()}
        reuse_levels = {key: const(value) for key, value in REUSE_LEVELS.items()}
        for skill in self.skills:
            node = terms.node(skill.uri)
            yield node, type_, skill_class
            yield node, type_, concept
            if skill.skill_type:
                yield node, skill_type, skill_types[skill.skill_type]
            if skill.reuse_level:
                yield node, reuse_level, reuse_levels[skill.reuse_level]
            yield from text(node, skill.preferred_label, skill.alt_labels, skill.hidden_labels, skill.status,
                            skill.modified, skill.scope_note, skill.definition, skill.description, skill.in_scheme)
            yield node, source_of, source
        properties = {key: const(value) for key, value in RELATION_PROPERTIES.items()}
        for relation in self.relations:
            yield ref(relation.occupation), properties[relation.relation_type], ref(relation.skill)

    def _provenance(self, node: object, terms: Terms) -> Iterator[tuple]:
        const, plain = terms.const, terms.plain
        type_, source_of = const(_TYPE), const(_SOURCE)
        yield node, type_, const(CB.Source)
        yield node, type_, const(PROV.Entity)
        title = f"ESCO {self.version or '(version unknown)'} CSV export ({self.language})"
        yield node, const(DCTERMS.title), plain(title)
        yield node, const(DCTERMS.publisher), plain("European Commission")
        yield node, const(FOAF.page), const(ESCO_DOWNLOAD_PAGE)
        yield node, const(DCTERMS.rights), terms.text(ESCO_ATTRIBUTION, "en")
        yield node, const(DCTERMS.language), terms.typed(self.language, XSD.language)
        if self.version:
            yield node, const(DCTERMS.hasVersion), plain(self.version)
        for name in self.files:
            yield node, source_of, plain(name)


def read_by_reader(dataset: EscoDataset) -> EscoDataset:
    """*dataset*, marked as made by the ESCO reader, which checked every IRI and the language tag it holds.

    Only the reader calls this: :meth:`EscoDataset.quads` then lets Oxigraph skip checking them again.
    """
    object.__setattr__(dataset, "validated", True)  # frozen, and not an init field so replace() drops it
    return dataset
