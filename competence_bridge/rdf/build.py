"""Curated taxonomy → RDF triples, in SKOS, dcterms and ELM with our own closed ``cb:`` terms.

Pure functions: they read validated models and yield triples; the caller chooses the store
and serialises. The shape, in short::

    <fw:vks>      a skos:ConceptScheme, cb:Framework ; skos:hasTopConcept <vks:5> ...
    <vks:5>       a skos:Concept, cb:FrameworkLevel ; skos:notation "5" ; cb:levelOrder 5 ;
                  skos:exactMatch <eqf:5>            (skos:broadMatch for NLQF 4+)
    <vl:graduaat> a skos:Concept, cb:QualificationType ; cb:region "BE-VLG" ;
                  cb:level <vks:5> ; elm:EQFLevel <eqf:5>
    <rec:x/a--b>  a cb:RecognitionStatement ; cb:instrument <rec:x> ;
                  cb:recognisedItem <a> ; cb:recognisedAs <b> | cb:recognisedAtLevel <lvl> ;
                  cb:fromRegion "BE-VLG" ; cb:toRegion "NL"

Every entity carries ``dcterms:source`` (a ``cb:Source`` node with ``foaf:page``) and
``cb:evidence`` (``cb:Verified``, ``cb:Secondary`` or ``cb:Inference``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, OWL

from competence_bridge.curated.models import (
    AltLabels,
    Competence,
    Framework,
    JobProfile,
    Labels,
    Qualification,
    QualificationType,
    Recognition,
    Sourced,
)
from competence_bridge.curated.taxonomy import Taxonomy
from competence_bridge.rdf.curies import BASE, expand
from competence_bridge.rdf.namespaces import CB, DCTERMS, ELM, EVIDENCE, RDF, SKOS, XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def iri(curie: str) -> URIRef:
    """The IRI of one of our CURIEs."""
    return URIRef(expand(curie))


def framework_iri(key: str) -> URIRef:
    """The ``skos:ConceptScheme`` IRI of a framework such as ``vks``."""
    return URIRef(f"{BASE}id/framework/{key}")


def source_iri(key: str) -> URIRef:
    """The IRI of a curated source entry."""
    return URIRef(f"{BASE}id/source/{key}")


def region_scheme_iri(region: str) -> URIRef:
    """The scheme that holds one region's qualification types."""
    return URIRef(f"{BASE}id/scheme/qualification-types-{region.lower()}")


def statement_iri(instrument: str, subject: str, target: str) -> URIRef:
    """A stable IRI for a recognition statement, derived from what it links."""
    return URIRef(f"{expand(instrument)}/{subject.replace(':', '-')}--{target.replace(':', '-')}")


def _labels(node: URIRef, label: Labels, alt_labels: AltLabels | None = None) -> Iterator[Triple]:
    yield node, SKOS.prefLabel, Literal(label.nl, lang="nl")
    yield node, SKOS.prefLabel, Literal(label.en, lang="en")
    if alt_labels is not None:
        for lang in ("nl", "en"):
            for text in getattr(alt_labels, lang):
                yield node, SKOS.altLabel, Literal(text, lang=lang)


def _provenance(node: URIRef, fact: Sourced) -> Iterator[Triple]:
    for key in fact.sources:
        yield node, DCTERMS.source, source_iri(key)
    yield node, CB.evidence, EVIDENCE[fact.evidence]
    if fact.note:
        yield node, SKOS.editorialNote, Literal(fact.note, lang="en")


def framework_triples(framework: Framework) -> Iterator[Triple]:
    """A framework as a concept scheme with its levels as top concepts."""
    scheme = framework_iri(framework.id)
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, RDF.type, CB.Framework
    yield scheme, DCTERMS.identifier, Literal(framework.id)
    yield from _labels(scheme, framework.label, framework.alt_labels)
    if framework.region:
        yield scheme, CB.region, Literal(framework.region)
    if framework.eqf_referenced:
        yield scheme, CB.eqfReferenced, Literal(framework.eqf_referenced)
    if framework.eqf_updated:
        yield scheme, CB.eqfUpdated, Literal(framework.eqf_updated)
    yield from _provenance(scheme, framework)
    dimensions = {}
    for dimension in framework.dimensions:
        node = URIRef(f"{BASE}id/dimension/{framework.id}/{dimension.key}")
        dimensions[dimension.key] = node
        yield node, RDF.type, CB.DescriptorDimension
        yield node, SKOS.notation, Literal(dimension.key)
        yield from _labels(node, dimension.label)
        yield scheme, CB.dimension, node
    for order, level in enumerate(framework.levels):
        node = iri(level.id)
        yield node, RDF.type, SKOS.Concept
        yield node, RDF.type, CB.FrameworkLevel
        yield node, SKOS.inScheme, scheme
        yield node, SKOS.topConceptOf, scheme
        yield scheme, SKOS.hasTopConcept, node
        yield node, SKOS.notation, Literal(level.notation)
        yield node, CB.levelOrder, Literal(order, datatype=XSD.integer)
        yield from _labels(node, level.label)
        if level.eqf is not None:
            relation = SKOS.exactMatch if level.eqf_relation == "exact" else SKOS.broadMatch
            yield node, relation, iri(level.eqf)
        for key, text in level.descriptors.items():
            descriptor = URIRef(f"{BASE}id/descriptor/{level.id.replace(':', '/')}/{key}")
            yield node, CB.descriptor, descriptor
            yield descriptor, RDF.type, CB.LevelDescriptor
            yield descriptor, CB.dimension, dimensions[key]
            yield descriptor, RDF.value, Literal(text, lang=level.descriptor_lang)
            yield descriptor, CB.evidence, EVIDENCE[level.descriptor_evidence.get(key, level.evidence)]
        yield from _provenance(node, level)


def qualification_type_triples(qtype: QualificationType, eqf_of: dict[str, str | None]) -> Iterator[Triple]:
    """A qualification type as a concept of its region's scheme, on its levels.

    *eqf_of* maps each level id to its EQF level id (or None), so ``elm:EQFLevel`` is derived.
    """
    node = iri(qtype.id)
    yield node, RDF.type, SKOS.Concept
    yield node, RDF.type, CB.QualificationType
    yield node, SKOS.inScheme, region_scheme_iri(qtype.region)
    yield node, CB.region, Literal(qtype.region)
    yield node, CB.sector, Literal(qtype.sector)
    yield node, CB.status, Literal(qtype.status)
    yield from _labels(node, qtype.label, qtype.alt_labels)
    if qtype.definition:
        yield node, SKOS.definition, Literal(qtype.definition, lang="nl")
    for level in qtype.levels:
        yield node, CB.level, iri(level)
        if eqf_of.get(level):
            yield node, ELM.EQFLevel, iri(eqf_of[level])  # type: ignore[arg-type]
    if qtype.level_note:
        yield node, CB.levelNote, Literal(qtype.level_note, lang="en")
    if qtype.valid_from:
        yield node, CB.validFrom, Literal(qtype.valid_from, datatype=XSD.date)
    if qtype.valid_until:
        yield node, CB.validUntil, Literal(qtype.valid_until, datatype=XSD.date)
    for other in qtype.replaced_by:
        yield node, DCTERMS.isReplacedBy, iri(other)
    yield from _provenance(node, qtype)


def recognition_triples(recognition: Recognition, region_of: dict[str, str]) -> Iterator[Triple]:
    """An instrument and its directed statements; *region_of* gives each target's region."""
    node = iri(recognition.id)
    yield node, RDF.type, CB.RecognitionInstrument
    yield from _labels(node, recognition.label)
    yield node, CB.authority, Literal(recognition.authority.nl, lang="nl")
    yield node, CB.authority, Literal(recognition.authority.en, lang="en")
    yield node, CB.binding, Literal(recognition.binding)
    yield node, CB.status, Literal(recognition.status)
    for sector in recognition.sectors:
        yield node, CB.sector, Literal(sector)
    for direction in recognition.directions:
        yield node, CB.direction, Literal(f"{direction.from_region}>{direction.to_region}")
    if recognition.date:
        yield node, DCTERMS.date, Literal(recognition.date, datatype=XSD.date)
    yield node, SKOS.scopeNote, Literal(recognition.scope.nl, lang="nl")
    yield node, SKOS.scopeNote, Literal(recognition.scope.en, lang="en")
    yield from _provenance(node, recognition)
    for statement in recognition.statements:
        target = statement.object or statement.level
        assert target is not None  # the model guarantees one of them
        stmt = statement_iri(recognition.id, statement.subject, target)
        yield stmt, RDF.type, CB.RecognitionStatement
        yield stmt, CB.instrument, node
        yield stmt, CB.recognisedItem, iri(statement.subject)
        if statement.object:
            yield stmt, CB.recognisedAs, iri(statement.object)
        if statement.level:
            yield stmt, CB.recognisedAtLevel, iri(statement.level)
        yield stmt, CB.fromRegion, Literal(region_of[statement.subject])
        yield stmt, CB.toRegion, Literal(region_of[target])
        if statement.qualifier:
            yield stmt, CB.qualifier, Literal(statement.qualifier.nl, lang="nl")
            yield stmt, CB.qualifier, Literal(statement.qualifier.en, lang="en")
        yield stmt, CB.evidence, EVIDENCE[statement.evidence or recognition.evidence]


def isco_iri(code: str) -> URIRef:
    """ESCO's IRI for an ISCO-08 group, e.g. ``http://data.europa.eu/esco/isco/C7411``."""
    return URIRef(f"http://data.europa.eu/esco/isco/C{code}")


def competence_triples(owner: URIRef, competence: Competence, region: str) -> Iterator[Triple]:
    """One competence statement, linked from its qualification or job profile."""
    node = iri(competence.id)
    yield owner, CB.hasCompetence, node
    yield node, RDF.type, CB.Competence
    yield node, SKOS.prefLabel, Literal(competence.statement, lang="nl")
    yield node, CB.competenceKind, Literal(competence.kind)
    yield node, CB.region, Literal(region)
    if competence.code:
        yield node, SKOS.notation, Literal(competence.code)
    for skill in competence.esco:
        yield node, CB.escoSkill, URIRef(skill)


def former_id_triples(item: Qualification | JobProfile) -> Iterator[Triple]:
    """Each id *item* had before, as a deprecated IRI replaced by the current one (the OWL and dcterms way of
    retiring an identifier): ``<former> owl:deprecated true ; dcterms:isReplacedBy <item>``."""
    for former in item.former_ids:
        yield iri(former), OWL.deprecated, Literal(True)
        yield iri(former), DCTERMS.isReplacedBy, iri(item.id)


#: A qualification's links to other things: (field, predicate, the term of a value).
_LINKS: tuple[tuple[str, URIRef, Callable[[str], URIRef]], ...] = (
    ("replaced_by", DCTERMS.isReplacedBy, iri), ("related", SKOS.related, iri), ("job_profiles", CB.jobProfile, iri),
    ("isco", CB.iscoGroup, isco_iri), ("esco", CB.escoOccupation, URIRef))


def qualification_triples(qualification: Qualification, eqf_of: dict[str, str | None]) -> Iterator[Triple]:
    """A qualification with its competences, level, type, job profiles and ESCO/ISCO anchors."""
    node = iri(qualification.id)
    yield node, RDF.type, CB.Qualification
    yield node, RDF.type, ELM.Qualification
    yield node, CB.qualificationKind, Literal(qualification.kind)
    yield node, CB.region, Literal(qualification.region)
    yield node, CB.domain, Literal(qualification.domain)
    yield node, CB.textStatus, Literal(qualification.text_status)
    yield from _labels(node, qualification.title, qualification.alt_labels)
    if qualification.code:
        yield node, SKOS.notation, Literal(qualification.code)
    if qualification.version:
        yield node, CB.version, Literal(qualification.version)
    if qualification.qualification_type:
        yield node, DCTERMS.type, iri(qualification.qualification_type)
    yield node, CB.level, iri(qualification.level)
    if eqf_of.get(qualification.level):
        yield node, ELM.EQFLevel, iri(eqf_of[qualification.level])  # type: ignore[arg-type]
    if qualification.definition:
        yield node, SKOS.definition, Literal(qualification.definition, lang="nl")
    if qualification.valid_from:
        yield node, CB.validFrom, Literal(qualification.valid_from, datatype=XSD.date)
    if qualification.valid_until:
        yield node, CB.validUntil, Literal(qualification.valid_until, datatype=XSD.date)
    for field, predicate, term in _LINKS:
        for value in getattr(qualification, field):
            yield node, predicate, term(value)
    for competence in qualification.competences:
        yield from competence_triples(node, competence, qualification.region)
    yield from former_id_triples(qualification)
    yield from _provenance(node, qualification)


def kept_curated_facts(curated: Qualification, official: Qualification) -> Iterator[Triple]:
    """What a *curated* qualification knows that an *official* record of the same id replaces and lacks.

    - Its links: ISCO groups, ESCO occupations, job profiles, related and successor qualifications, each kind only
      when the official record has none of it. An SBB dossier carries no anchor, so without these a curated crebo
      that was found through its ESCO occupation is no longer found once its dossier is loaded.
    - Its names: every alternative label the record does not carry as a name (the names people use, such as
      "PBGZ" or "helpende z&w", which no dossier lists), and its English title when the record's is a copy of the
      Dutch one (the Dutch-only sources drop that copy, so ``--lang en`` would show Dutch).
    - Its definition, when the record has none (an SBB profiel has no summary).
    - Its former ids (no record has them): queries and review files that name one still reach it.
    """
    yield from former_id_triples(curated)
    node = iri(curated.id)
    for field, predicate, term in _LINKS:
        if not getattr(official, field):
            for value in getattr(curated, field):
                yield node, predicate, term(value)
    named = {text.casefold() for text in (official.title.nl, official.title.en, *official.alt_labels.nl,
                                          *official.alt_labels.en)}
    for lang in ("nl", "en"):
        for text in getattr(curated.alt_labels, lang):
            if text.casefold() not in named:
                yield node, SKOS.altLabel, Literal(text, lang=lang)
    if official.title.en == official.title.nl and curated.title.en.casefold() not in named:
        yield node, SKOS.prefLabel, Literal(curated.title.en, lang="en")
    if official.definition is None and curated.definition:
        yield node, SKOS.definition, Literal(curated.definition, lang="nl")


def job_profile_triples(job: JobProfile) -> Iterator[Triple]:
    """A job profile with its synonyms, ISCO group, ESCO anchor and competences."""
    node = iri(job.id)
    yield node, RDF.type, CB.JobProfile
    yield node, CB.region, Literal(job.region)
    yield node, CB.domain, Literal(job.domain)
    yield from _labels(node, job.title, job.synonyms)
    if job.definition:
        yield node, SKOS.definition, Literal(job.definition, lang="nl")
    yield node, CB.iscoGroup, isco_iri(job.isco)
    if job.esco:
        yield node, CB.escoOccupation, URIRef(job.esco)
    for competence in job.competences:
        yield from competence_triples(node, competence, job.region)
    yield from former_id_triples(job)
    yield from _provenance(node, job)


def source_triples(taxonomy: Taxonomy) -> Iterator[Triple]:
    """The curated sources as ``cb:Source`` nodes."""
    for source in taxonomy.sources:
        node = source_iri(source.id)
        yield node, RDF.type, CB.Source
        yield node, DCTERMS.title, Literal(source.title)
        yield node, DCTERMS.publisher, Literal(source.publisher)
        yield node, FOAF.page, URIRef(source.url)


def taxonomy_triples(taxonomy: Taxonomy) -> Iterator[Triple]:
    """Every triple of a validated taxonomy."""
    eqf_of: dict[str, str | None] = {}
    region_of: dict[str, str] = {}
    for framework, level in taxonomy.levels():
        eqf_of[level.id] = level.eqf if framework.id != "eqf" else level.id
        if framework.region:
            region_of[level.id] = framework.region
    for qtype in taxonomy.qualification_types:
        region_of[qtype.id] = qtype.region
    yield from source_triples(taxonomy)
    for framework in taxonomy.frameworks:
        yield from framework_triples(framework)
    for region in sorted({q.region for q in taxonomy.qualification_types}):
        scheme = region_scheme_iri(region)
        yield scheme, RDF.type, SKOS.ConceptScheme
        yield scheme, CB.region, Literal(region)
        yield scheme, SKOS.prefLabel, Literal(f"Onderwijs- en kwalificatietypes {region}", lang="nl")
        yield scheme, SKOS.prefLabel, Literal(f"Education and qualification types {region}", lang="en")
    for qtype in taxonomy.qualification_types:
        yield from qualification_type_triples(qtype, eqf_of)
    for recognition in taxonomy.recognitions:
        yield from recognition_triples(recognition, region_of)
    for qualification in taxonomy.qualifications:
        yield from qualification_triples(qualification, eqf_of)
    for job in taxonomy.job_profiles:
        yield from job_profile_triples(job)


def add_taxonomy(graph: Graph, taxonomy: Taxonomy) -> Graph:
    """Add *taxonomy* to *graph* in one batch and return the graph."""
    graph.addN((s, p, o, graph) for s, p, o in taxonomy_triples(taxonomy))
    return graph
