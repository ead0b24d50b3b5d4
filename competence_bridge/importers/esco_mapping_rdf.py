"""The RDF of an imported ESCO mapping table: provenance, national concepts as items, SSSOM mappings.

::

    <…/id/dataset/esco-mapping/BLM_mapping>  a cb:Source, prov:Entity ; dcterms:title "ESCO – BE NOC" ;
        dcterms:creator <…/id/agent/nalantis-nv> ; dcterms:issued "2021-09-30"^^xsd:date ;
        dcterms:hasVersion "1.0" ; dcterms:source "BLM_mapping.csv" ; dcterms:description "…"@en
    vdab:scheme/occupation  a skos:ConceptScheme ; skos:prefLabel "VDAB Competent 3.8 – beroepen"@nl ;
        cb:region "BE-VLG" ; dcterms:hasVersion "3.8" ; dcterms:publisher "VDAB"
    vdab:OP-410  a cb:Occupation, skos:Concept ; skos:inScheme vdab:scheme/occupation ;
        skos:prefLabel "Productieverantwoordelijke podium/audiovisueel"@nl, "Responsable production …"@fr ;
        skos:notation "OP-410" ; dcterms:identifier "06e9b608-…" ; cb:region "BE-VLG" ; cb:version "3.8" ;
        dcterms:source <…/BLM_mapping>
    vdab:KN-10  a cb:Competence, skos:Concept ; cb:competenceKind "knowledge" ; cb:escoSkill <esco skill> ; …

followed by the mapping set in SSSOM/RDF (:mod:`competence_bridge.sssom.rdf`), which also asserts
each mapping directly (``vdab:OP-410 skos:narrowMatch <esco occupation>``). ``cb:escoSkill`` anchors
a VDAB competence only to the ESCO skills the table calls exact or close; every relation stays in
the SSSOM mappings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF

from competence_bridge.importers import Triple
from competence_bridge.importers.esco_mapping_table import Metadata
from competence_bridge.rdf.curies import BASE, expand
from competence_bridge.rdf.namespaces import CB, DCTERMS, PROV, RDF, SKOS, XSD
from competence_bridge.sssom.mapping import MappingSet
from competence_bridge.sssom.rdf import mapping_set_triples


class EscoMappingDataset(Protocol):
    """What the RDF is made from (:class:`competence_bridge.importers.esco_mapping.EscoMappingDataset`)."""

    @property
    def path(self) -> Path:
        """The table file."""

    @property
    def metadata(self) -> Metadata:
        """The table's metadata block."""

    @property
    def classification(self) -> Any:
        """The national classification."""

    @property
    def national_concepts(self) -> tuple[Any, ...]:
        """The national concepts of the table."""

    @property
    def esco_concepts(self) -> tuple[Any, ...]:
        """The ESCO concepts of the table."""

    @property
    def mappings(self) -> tuple[Any, ...]:
        """The deduplicated rows."""

    @property
    def concept_kind(self) -> str:
        """occupation or competence."""

    @property
    def scheme_curie(self) -> str:
        """The classification's concept scheme."""

    @property
    def mapping_set(self) -> MappingSet:
        """The rows as an SSSOM mapping set."""

    def describe(self) -> str:
        """One line saying what the table is."""


#: VDAB Competent competence codes → our competence kinds (SO-: generic competences such as "Samenwerken").
COMPETENCE_KINDS = {"KN": "knowledge", "SK": "skill", "SO": "attitude"}
#: Relations that make an ESCO skill a competence's anchor (``cb:escoSkill``).
ANCHOR_RELATIONS = frozenset({"skos:exactMatch", "skos:closeMatch"})

_KIND_NAMES = {"occupation": ("beroepen", "occupations"), "competence": ("competenties", "competences")}


def source_iri(dataset: EscoMappingDataset) -> URIRef:
    """The provenance node of one table."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", dataset.path.stem)
    return URIRef(f"{BASE}id/dataset/esco-mapping/{stem}")


def dataset_triples(dataset: EscoMappingDataset) -> Iterator[Triple]:
    """Every triple of *dataset*: provenance first, then the scheme, the concepts and the mappings."""
    meta, classification = dataset.metadata, dataset.classification
    source = source_iri(dataset)
    yield source, RDF.type, CB.Source
    yield source, RDF.type, PROV.Entity
    yield source, DCTERMS.title, Literal(meta.name)
    yield source, DCTERMS.source, Literal(dataset.path.name)
    yield source, DCTERMS.description, Literal(dataset.describe(), lang="en")
    if meta.author:
        agent = URIRef(expand(agent_curie(meta.author)))
        yield source, DCTERMS.creator, agent
        yield agent, RDF.type, PROV.Agent
        yield agent, FOAF.name, Literal(meta.author)
    if meta.date:
        yield source, DCTERMS.issued, Literal(meta.date.isoformat(), datatype=XSD.date)
    if meta.version:
        yield source, DCTERMS.hasVersion, Literal(meta.version)
    for side in (meta.esco, meta.national):
        if side.landing_page and side.landing_page.startswith(("http://", "https://")):
            yield source, FOAF.page, URIRef(side.landing_page)

    version = meta.national.version
    scheme = URIRef(expand(dataset.scheme_curie))
    nl, en = _KIND_NAMES[dataset.concept_kind]
    suffix = f" {version}" if version else ""
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, SKOS.prefLabel, Literal(f"{classification.title_nl}{suffix} – {nl}", lang="nl")
    yield scheme, SKOS.prefLabel, Literal(f"{classification.title_en}{suffix} – {en}", lang="en")
    yield scheme, CB.region, Literal(classification.region)
    yield scheme, DCTERMS.publisher, Literal(classification.publisher)
    yield scheme, DCTERMS.source, source
    if version:
        yield scheme, DCTERMS.hasVersion, Literal(version)

    competence = dataset.concept_kind == "competence"
    item_type = CB.Competence if competence else CB.Occupation
    region, version_literal = Literal(classification.region), Literal(version) if version else None
    anchors: dict[str, list[str]] = {}
    if competence:
        esco = {c.id: c.iri for c in dataset.esco_concepts}
        for mapping in dataset.mappings:
            if mapping.predicate in ANCHOR_RELATIONS:
                anchors.setdefault(mapping.national, []).append(esco[mapping.esco])
    for concept in dataset.national_concepts:
        node = URIRef(expand(concept.id))
        yield node, RDF.type, item_type
        yield node, RDF.type, SKOS.Concept
        yield node, SKOS.inScheme, scheme
        for lang, label in concept.labels:
            yield node, SKOS.prefLabel, Literal(label, lang=lang)
            if (bare := without_level(label)) != label:
                yield node, SKOS.hiddenLabel, Literal(bare, lang=lang)
        for label in concept.other_labels:
            yield node, SKOS.editorialNote, Literal(
                f"The table also gives this {dataset.concept_kind} the label {label!r} on other rows.", lang="en")
        yield node, SKOS.notation, Literal(concept.code)
        if concept.uri:
            yield node, DCTERMS.identifier, Literal(concept.uri)
        yield node, CB.region, region
        if version_literal is not None:
            yield node, CB.version, version_literal
        yield node, DCTERMS.source, source
        if competence:
            yield node, CB.competenceKind, Literal(COMPETENCE_KINDS.get(concept.code[:2], "skill"))
            for skill in sorted(set(anchors.get(concept.id, ()))):
                yield node, CB.escoSkill, URIRef(skill)
    yield from mapping_set_triples(dataset.mapping_set)


def agent_curie(name: str) -> str:
    """Our id for a table's author: ``Nalantis nv`` → ``cbid:agent/nalantis-nv``."""
    return "cbid:agent/" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed")


#: A label's last words in brackets that give a level or a teaching grade, not the occupation: UWV's
#: 'Webdeveloper (hoger)' and 'Webdeveloper (middelbaar)', 'Docent wiskunde (1e graads)', 'Medewerker … (niveau 1&2)'.
LEVEL_QUALIFIER = re.compile(r"\s*\((?:hoger|middelbaar|[12]e\s*graads|niveau\s*\d(?:\s*[&/-]\s*\d)?)\)\s*$",
                             re.IGNORECASE)


def without_level(label: str) -> str:
    """*label* without a level qualifier in brackets at its end (:data:`LEVEL_QUALIFIER`), as a hidden label for
    matching: 'webdeveloper' is the name of both 'Webdeveloper (hoger)' and 'Webdeveloper (middelbaar)'; the
    qualifier counted as a word of the name and halved its likeness.

    >>> [without_level(label) for label in ("Webdeveloper (hoger)", "Docent wiskunde (2e graads)", "Kok (hoofd)")]
    ['Webdeveloper', 'Docent wiskunde', 'Kok (hoofd)']
    """
    bare = LEVEL_QUALIFIER.sub("", label)
    return bare if bare else label
