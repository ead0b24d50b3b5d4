"""ESCO's records as read from its CSV export, and the validated dataset that turns them into RDF.

See :mod:`competence_bridge.importers.esco` for the files read and the RDF written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import FOAF

from competence_bridge.importers import Triple
from competence_bridge.importers.esco_csv import IRI
from competence_bridge.importers.versions import ConceptRecord
from competence_bridge.rdf.curies import BASE, PREFIXES
from competence_bridge.rdf.namespaces import CB, DCTERMS, PROV, RDF, SKOS, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox


ESCO = Namespace(PREFIXES["esco"])
#: ESCO's publication status property (ISO 25964 SKOS extension).
ISO_THES_STATUS = URIRef("http://purl.org/iso25964/skos-thes#status")
ESCO_DOWNLOAD_PAGE = URIRef("https://esco.ec.europa.eu/en/use-esco/download")
#: The attribution ESCO's licence asks for.
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."

#: CSV ``skillType`` values → ESCO's skill-type concepts.
SKILL_TYPES = {
    "skill/competence": URIRef("http://data.europa.eu/esco/skill-type/skill"),
    "knowledge": URIRef("http://data.europa.eu/esco/skill-type/knowledge"),
}
#: CSV ``reuseLevel`` values → ESCO's skill-reuse-level concepts.
REUSE_LEVELS = {
    level: URIRef(f"http://data.europa.eu/esco/skill-reuse-level/{level}")
    for level in ("transversal", "cross-sector", "sector-specific", "occupation-specific")
}
#: CSV ``relationType`` values → the ESCO property linking an occupation to a skill.
RELATION_PROPERTIES = {"essential": ESCO.relatedEssentialSkill, "optional": ESCO.relatedOptionalSkill}

# Terms looked up once: attribute access on rdflib namespaces costs more than the triple itself.
_TYPE, _CONCEPT, _SCHEME = RDF.type, SKOS.Concept, SKOS.ConceptScheme
_PREF, _ALT, _HIDDEN, _NOTATION = SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation
_BROADER, _IN_SCHEME, _SCOPE_NOTE, _DEFINITION = SKOS.broader, SKOS.inScheme, SKOS.scopeNote, SKOS.definition
_DESCRIPTION, _MODIFIED, _SOURCE = DCTERMS.description, DCTERMS.modified, DCTERMS.source
_DATE_TIME_TYPE = XSD.dateTime

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
    """A validated ESCO CSV export in one language (see the module docstring for its RDF)."""

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
        return self._statements(_Terms(self.language))

    def quads(self) -> Iterator[ox.Quad]:
        """The statements of :meth:`triples` as pyoxigraph quads in the default graph.

        Made from the records directly, without rdflib terms: loading into Oxigraph this way
        takes about half the time of converting :meth:`triples`.
        """
        import pyoxigraph as ox

        quad = ox.Quad
        return (quad(s, p, o) for s, p, o in self._statements(_OxigraphTerms(self.language)))

    def _statements(self, terms: _Terms) -> Iterator[tuple]:
        """The statements of the data set, in the terms *terms* makes (rdflib or pyoxigraph)."""
        ref, text, const = terms.ref, terms.concept_text, terms.const
        type_, concept, notation, broader, source_of = (
            const(_TYPE), const(_CONCEPT), const(_NOTATION), const(_BROADER), const(_SOURCE))
        source = const(self.source_iri)
        yield from self._provenance(source, terms)
        schemes = {s for records in (self.occupations, self.isco_groups, self.skill_groups, self.skills)
                   for record in records for s in record.in_scheme}
        scheme_class = const(_SCHEME)
        for scheme in sorted(schemes):
            yield ref(scheme), type_, scheme_class
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

    def _provenance(self, node: object, terms: _Terms) -> Iterator[tuple]:
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


class _Terms:
    """The rdflib terms of one data set, the repeated ones (schemes, groups, status) made once.

    :meth:`EscoDataset._statements` makes every term through one of these, so :class:`_OxigraphTerms`
    gives the very same statements as pyoxigraph terms.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._iris: dict[str, object] = {}
        self._plain: dict[str, object] = {}
        self._text_properties = tuple(self.const(iri) for iri in (
            _PREF, _ALT, _HIDDEN, ISO_THES_STATUS, _MODIFIED, _SCOPE_NOTE, _DEFINITION, _DESCRIPTION, _IN_SCHEME))

    def node(self, value: str) -> URIRef:
        """The term of a concept IRI that is used only for one record's statements (not cached)."""
        return URIRef(value)

    def ref(self, value: str) -> URIRef:
        """The term of IRI *value*, shared between triples."""
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = self.node(value)
        return node  # type: ignore[return-value]

    def const(self, iri: URIRef) -> URIRef:
        """The term of a vocabulary IRI (a module constant)."""
        return iri

    def plain(self, value: str) -> Literal:
        """A literal without language or datatype (``xsd:string``)."""
        return Literal(value)

    def text(self, value: str, lang: str | None = None) -> Literal:
        """A literal in the data set's language (or *lang*)."""
        return Literal(value, lang=lang or self.lang)

    def typed(self, value: str, datatype: URIRef) -> Literal:
        """A literal of *datatype*, in rdflib's normal form of *value* (e.g. of an ``xsd:dateTime``)."""
        return Literal(value, datatype=datatype)

    def concept_text(self, node: object, pref: str, alts: tuple[str, ...], hidden: tuple[str, ...], status: str,
                     modified: str, scope_note: str, definition: str, description: str,
                     in_scheme: tuple[str, ...]) -> Iterator[tuple]:
        """Labels, notes, status, modification date and schemes of one concept."""
        pref_label, alt_label, hidden_label, status_of, modified_at, scope_of, definition_of, description_of, \
            in_scheme_of = self._text_properties
        text = self.text
        yield node, pref_label, text(pref)
        for label in alts:
            yield node, alt_label, text(label)
        for label in hidden:
            yield node, hidden_label, text(label)
        if status:
            literal = self._plain.get(status)
            if literal is None:
                literal = self._plain[status] = self.plain(status)
            yield node, status_of, literal
        if modified:
            yield node, modified_at, self.typed(modified, _DATE_TIME_TYPE)
        if scope_note:
            yield node, scope_of, text(scope_note)
        if definition:
            yield node, definition_of, text(definition)
        if description:
            yield node, description_of, text(description)
        for scheme in in_scheme:
            yield node, in_scheme_of, self.ref(scheme)


class _OxigraphTerms(_Terms):
    """The same terms as pyoxigraph terms, vocabulary IRIs made once."""

    def __init__(self, lang: str) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._constants: dict[str, ox.NamedNode] = {}
        super().__init__(lang)  # last: it makes vocabulary terms with const()

    def node(self, value: str) -> ox.NamedNode:  # type: ignore[override]
        return self._ox.NamedNode(value)

    def const(self, iri: URIRef) -> ox.NamedNode:  # type: ignore[override]
        node = self._constants.get(iri)
        if node is None:
            node = self._constants[iri] = self._ox.NamedNode(iri)
        return node

    def plain(self, value: str) -> ox.Literal:  # type: ignore[override]
        return self._ox.Literal(value)

    def text(self, value: str, lang: str | None = None) -> ox.Literal:  # type: ignore[override]
        return self._ox.Literal(value, language=lang or self.lang)

    def typed(self, value: str, datatype: URIRef) -> ox.Literal:  # type: ignore[override]
        # Through rdflib on purpose: its normal form ("…:50.295000+00:00" for "…:50.295Z") is what triples() gives.
        return self._ox.Literal(str(Literal(value, datatype=datatype)), datatype=self.const(datatype))

