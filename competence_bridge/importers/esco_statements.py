"""ESCO's data set as RDF terms, statement by statement: ``EscoDataset.triples()`` and the quads of a data set the
reader did not make (rdflib or pyoxigraph terms, :mod:`competence_bridge.importers.esco_terms`).

Imported only for those: a data set the reader made is written as Turtle text
(:class:`~competence_bridge.importers.esco_turtle.TurtleWriter`), without rdflib.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.namespace import FOAF

from competence_bridge.importers.esco_csv import IRI
from competence_bridge.importers.esco_terms import ESCO, RELATION_PROPERTIES, REUSE_LEVELS, SKILL_TYPES, Terms
from competence_bridge.importers.esco_turtle import ESCO_ATTRIBUTION, ESCO_DOWNLOAD_PAGE, source_iri
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.namespaces import CB, DCTERMS, PROV, RDF, SKOS, XSD

if TYPE_CHECKING:
    from competence_bridge.importers.esco_records import EscoDataset

# Terms looked up once: attribute access on rdflib namespaces costs more than the triple itself.
_TYPE, _CONCEPT, _SCHEME = RDF.type, SKOS.Concept, SKOS.ConceptScheme
_NOTATION, _BROADER, _SOURCE = SKOS.notation, SKOS.broader, DCTERMS.source


def head(self: EscoDataset, terms: Terms) -> Iterator[tuple]:
    """The statements before the records': the provenance of the data set and its concept schemes."""
    yield from _provenance(self, terms.const(URIRef(source_iri(self.version, self.language))), terms)
    schemes = {s for records in (self.occupations, self.isco_groups, self.skill_groups, self.skills)
               for record in records for s in record.in_scheme}
    type_, scheme_class = terms.const(_TYPE), terms.const(_SCHEME)
    for scheme in sorted(schemes):
        yield terms.ref(scheme), type_, scheme_class

def statements(self: EscoDataset, terms: Terms) -> Iterator[tuple]:
    """The statements of the data set, in the terms *terms* makes (rdflib or pyoxigraph).

    :class:`~competence_bridge.importers.esco_turtle.TurtleWriter` writes the same as Turtle text.
    """
    ref, text, const = terms.ref, terms.concept_text, terms.const
    type_, concept, notation, broader, source_of = (
        const(_TYPE), const(_CONCEPT), const(_NOTATION), const(_BROADER), const(_SOURCE))
    source = const(URIRef(source_iri(self.version, self.language)))
    yield from head(self, terms)
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

def _provenance(self: EscoDataset, node: object, terms: Terms) -> Iterator[tuple]:
    const, plain = terms.const, terms.plain
    type_, source_of = const(_TYPE), const(_SOURCE)
    yield node, type_, const(CB.Source)
    yield node, type_, const(PROV.Entity)
    title = f"ESCO {self.version or '(version unknown)'} CSV export ({self.language})"
    yield node, const(DCTERMS.title), plain(title)
    yield node, const(DCTERMS.publisher), plain("European Commission")
    yield node, const(FOAF.page), const(URIRef(ESCO_DOWNLOAD_PAGE))
    yield node, const(DCTERMS.rights), terms.text(ESCO_ATTRIBUTION, "en")
    yield node, const(DCTERMS.language), terms.typed(self.language, XSD.language)
    if self.version:
        yield node, const(DCTERMS.hasVersion), plain(self.version)
    for name in self.files:
        yield node, source_of, plain(name)
