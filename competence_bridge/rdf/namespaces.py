"""Namespaces: our own closed vocabulary, the standard ones we use, and the one CURIE table.

Importing this module imports rdflib; keep it off the paths that must start fast.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from competence_bridge.rdf.curies import PREFIXES

ELM = Namespace("http://data.europa.eu/snb/model/elm/")


class CB(DefinedNamespace):
    """Terms minted by competence_bridge. Closed: a misspelt term raises ``AttributeError``."""

    _fail = True
    _NS = Namespace(PREFIXES["cb"])

    # classes
    Framework: URIRef  # a qualification framework (EQF, VKS, NLQF), also a skos:ConceptScheme
    FrameworkLevel: URIRef  # a rung of a framework, also a skos:Concept
    DescriptorDimension: URIRef  # a descriptor dimension of a framework (kennis, vaardigheden, ...)
    LevelDescriptor: URIRef  # the text describing one level in one dimension
    QualificationType: URIRef  # an education or qualification type of one region (havo, graduaat)
    RecognitionInstrument: URIRef  # a table, decision or treaty by which one side values the other's diplomas
    RecognitionStatement: URIRef  # one directed statement of an instrument
    Source: URIRef  # a public document a fact was taken from
    Qualification: URIRef  # a BK, onderwijskwalificatie, mbo-kwalificatie or higher-education programme
    JobProfile: URIRef  # an occupation as one side names it
    Competence: URIRef  # one competence statement (knowledge, skill, attitude, task, work process)
    Occupation: URIRef  # an occupation of a national classification (VDAB Competent, UWV beroepen)

    # properties
    region: URIRef  # ISO 3166 code of the region an item belongs to (BE-VLG, NL)
    levelOrder: URIRef  # position of a level within its framework, 0-based
    eqfReferenced: URIRef  # when a national framework was referenced to the EQF
    eqfUpdated: URIRef  # when that referencing was last updated
    dimension: URIRef  # the dimension a level descriptor belongs to
    descriptor: URIRef  # links a level to one of its descriptors
    level: URIRef  # the framework level(s) a qualification type sits on
    levelNote: URIRef  # why a qualification type has no (single) level
    sector: URIRef  # primary, secondary, adult, higher
    status: URIRef  # current / historical (types); in-force / not-in-force (instruments)
    validFrom: URIRef
    validUntil: URIRef
    authority: URIRef  # who issues a recognition instrument
    binding: URIRef  # automatic / on-application / advisory
    direction: URIRef  # "FROM>TO" regions an instrument applies in
    fromRegion: URIRef  # the region whose diploma is valued
    toRegion: URIRef  # the region that values it
    instrument: URIRef  # the instrument a recognition statement belongs to
    recognisedItem: URIRef  # the qualification type being valued
    recognisedAs: URIRef  # the other side's qualification type it is valued as
    recognisedAtLevel: URIRef  # the other side's level it is valued at (level-only recognition)
    qualifier: URIRef  # a restriction of a statement ("soms")
    evidence: URIRef  # verified / secondary / inference
    qualificationKind: URIRef  # beroepskwalificatie, onderwijskwalificatie, mbo-kwalificatie, opleiding
    competenceKind: URIRef  # knowledge, skill, attitude, work-process, task
    hasCompetence: URIRef  # a qualification or job profile -> one of its competence statements
    jobProfile: URIRef  # a qualification -> a job profile it prepares for
    domain: URIRef  # technology, ict, care, logistics, other
    version: URIRef  # version of a qualification (BK versie, dossier edition)
    textStatus: URIRef  # curated (summarised from public descriptions) or official
    iscoGroup: URIRef  # ISCO-08 unit group, as ESCO's ISCO concept IRI
    escoOccupation: URIRef  # ESCO occupation anchor
    escoSkill: URIRef  # ESCO skill anchor of a competence statement
    Verified: URIRef  # checked against the named source
    Secondary: URIRef  # from a secondary or weak source
    Inference: URIRef  # an inference; no source states it


#: Evidence marks of the curated data and the IRIs they become.
EVIDENCE = {"verified": CB.Verified, "secondary": CB.Secondary, "inference": CB.Inference}

__all__ = ["CB", "DCTERMS", "ELM", "EVIDENCE", "PROV", "RDF", "RDFS", "SKOS", "XSD"]

