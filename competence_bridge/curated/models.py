"""Pydantic models of the curated taxonomies: frameworks, levels, qualification types, recognitions.

The models check what one entry can check on its own (shape, unknown keys, clean labels,
evidence rules). Checks that need the whole taxonomy (duplicate ids, references, levels
inside the right framework) live in :mod:`competence_bridge.curated.taxonomy`, which knows the file
and line of every entry.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal, TypeAlias

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from competence_bridge.curated.limits_model import LimitsModel
from competence_bridge.curated.matching_settings import CrosswalkSettings, MatchingSettings
from competence_bridge.curated.mined_synonyms import MinedSynonyms

#: Validators are built on first use, not at import: a lookup that reads prepared data validates none of these
#: (about 15 ms of its start-up). What is validated, and how, is the same.
_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)

#: Unicode categories a label may not contain: controls (incl. NEL U+0085), line/paragraph separators.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})

#: Regions we model, as ISO 3166-2 / 3166-1 codes.
Region: TypeAlias = Literal["BE-VLG", "NL"]

#: How a fact was established (the [V] / [S] / [I] marks of the reference notes).
Evidence: TypeAlias = Literal["verified", "secondary", "inference"]

#: Education sectors.
Sector: TypeAlias = Literal["primary", "secondary", "adult", "higher"]

#: The framework each region's levels are taken from.
REGION_FRAMEWORK: dict[str, str] = {"BE-VLG": "vks", "NL": "nlqf"}


def _clean_line(value: str) -> str:
    if value != value.strip():
        raise ValueError("text has leading or trailing whitespace")
    if value.isprintable():  # no character of a forbidden category is printable: nothing to look up
        return value
    if any(unicodedata.category(char) in _FORBIDDEN_CATEGORIES for char in value):
        raise ValueError("text contains a control character or line separator")
    return value


#: A single line of human-readable text.
CleanText = Annotated[str, Field(min_length=1), AfterValidator(_clean_line)]
#: A CURIE of one of our item namespaces, e.g. ``vl:graduaat``.
Curie = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*:[A-Za-z0-9][A-Za-z0-9._-]*$")]
#: A local key (sources, dimensions).
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
#: An http(s) URL without spaces.
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
#: A year or year-month such as ``2011-06``.
YearMonth = Annotated[str, Field(pattern=r"^\d{4}(-\d{2})?$")]


class Labels(BaseModel):
    """A preferred label in Dutch and in English."""

    model_config = _FROZEN

    nl: CleanText
    en: CleanText


class AltLabels(BaseModel):
    """Other names an item is known by, per language."""

    model_config = _FROZEN

    nl: tuple[CleanText, ...] = ()
    en: tuple[CleanText, ...] = ()


class Sourced(BaseModel):
    """Fields every curated fact carries: where it comes from and how sure we are."""

    model_config = _FROZEN

    sources: tuple[Key, ...] = Field(default=(), description="Ids of entries in the sources list.")
    evidence: Evidence = Field(description="verified, secondary or inference.")
    note: CleanText | None = Field(default=None, description="Caveat or, for inferences, the reasoning.")

    @model_validator(mode="after")
    def _evidence_has_basis(self) -> Sourced:
        if self.evidence != "inference" and not self.sources:
            raise ValueError(f"a {self.evidence} fact needs at least one source")
        if self.evidence == "inference" and self.note is None:
            raise ValueError("an inference needs a note that gives the reasoning")
        return self


class Source(BaseModel):
    """A public document facts were taken from."""

    model_config = _FROZEN

    id: Key
    title: CleanText
    publisher: CleanText
    url: Url


class Dimension(BaseModel):
    """A descriptor dimension of a framework, e.g. ``kennis``."""

    model_config = _FROZEN

    key: Key
    label: Labels


class Level(Sourced):
    """One level of a framework, with its EQF reference."""

    id: Curie
    notation: CleanText = Field(description="How people write the level: '5', '4+', 'entry'.")
    label: Labels
    eqf: Curie | None = Field(default=None, description="The EQF level it is referenced to, if any.")
    eqf_relation: Literal["exact", "broad"] = Field(
        default="exact", description="exact: the same level; broad: a position inside the EQF level."
    )
    descriptors: dict[Key, CleanText] = Field(default_factory=dict, description="Text per dimension key.")
    descriptor_lang: Literal["nl", "en"] = "en"
    descriptor_evidence: dict[Key, Evidence] = Field(
        default_factory=dict, description="Overrides ``evidence`` for single descriptors."
    )


class Framework(Sourced):
    """A qualification framework: the EQF or a national one referenced to it."""

    id: Key
    label: Labels
    alt_labels: AltLabels = AltLabels()
    region: Region | None = Field(default=None, description="None for the European framework.")
    eqf_referenced: YearMonth | None = None
    eqf_updated: YearMonth | None = None
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=1)


class QualificationType(Sourced):
    """An education or qualification type of one region, on one or more framework levels."""

    id: Curie
    region: Region
    label: Labels
    alt_labels: AltLabels = AltLabels()
    definition: CleanText | None = Field(default=None, description="One Dutch sentence on what it is.")
    sector: Sector
    levels: tuple[Curie, ...] = Field(default=(), description="Framework levels; empty only with level_note.")
    level_note: CleanText | None = None
    status: Literal["current", "historical"] = "current"
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    replaced_by: tuple[Curie, ...] = ()

    @model_validator(mode="after")
    def _has_level_or_reason(self) -> QualificationType:
        if not self.levels and self.level_note is None:
            raise ValueError("a qualification type needs levels, or a level_note saying why it has none")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class Direction(BaseModel):
    """From which region's diplomas to which region's valuation."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, serialize_by_alias=True,
                              defer_build=True)

    from_region: Region = Field(alias="from")
    to_region: Region = Field(alias="to")

    @model_validator(mode="after")
    def _crosses_border(self) -> Direction:
        if self.from_region == self.to_region:
            raise ValueError("a recognition direction must go from one region to the other")
        return self

    def __str__(self) -> str:
        return f"{self.from_region} → {self.to_region}"


class Statement(BaseModel):
    """One directed statement: *subject* (from one side) is valued as *object* or at *level*."""

    model_config = _FROZEN

    subject: Curie
    object: Curie | None = None
    level: Curie | None = None
    qualifier: Labels | None = Field(default=None, description="A restriction such as 'soms' (sometimes), in Dutch "
                                                                 "and in English.")
    evidence: Evidence | None = Field(default=None, description="Defaults to the instrument's.")

    @model_validator(mode="after")
    def _has_target(self) -> Statement:
        if self.object is None and self.level is None:
            raise ValueError("a statement needs an object (a qualification type) or a level")
        return self


class Recognition(Sourced):
    """A recognition instrument: a valuation table, a decision or a treaty, with its statements."""

    id: Curie
    label: Labels
    authority: Labels = Field(description="Who issues it, named in Dutch and in English.")
    directions: tuple[Direction, ...] = Field(min_length=1)
    date: dt.date | None = Field(default=None, description="Date of the decision; None for undated tables.")
    sectors: tuple[Sector, ...] = Field(
        min_length=1, description="Education sectors the instrument covers."
    )
    binding: Literal["automatic", "on-application", "advisory", "none"]
    status: Literal["in-force", "not-in-force"]
    scope: Labels = Field(description="What it covers and what not.")
    statements: tuple[Statement, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Recognition:
        if not self.sources:
            raise ValueError("a recognition needs at least one source")
        if self.status == "in-force" and not self.statements:
            raise ValueError("an instrument in force needs statements")
        if self.status == "not-in-force" and (self.statements or self.binding != "none"):
            raise ValueError("an instrument not in force has no statements and binding 'none'")
        return self


#: Kinds of competence statement; ``work-process`` is a Dutch werkproces, ``task`` a kerntaak.
CompetenceKind: TypeAlias = Literal["knowledge", "skill", "attitude", "work-process", "task"]
#: The shortage domains the consortium works on.
Domain: TypeAlias = Literal["technology", "ict", "care", "logistics", "other"]
#: An ISCO-08 unit group (four digits).
IscoCode = Annotated[str, Field(pattern=r"^\d{4}$")]
#: An ESCO occupation or skill IRI.
EscoIri = Annotated[str, Field(pattern=r"^http://data\.europa\.eu/esco/(occupation|skill)/[0-9a-f-]{36}$")]


class Competence(BaseModel):
    """One competence statement, in the wording of its own side."""

    model_config = _FROZEN

    id: Curie = Field(description="Owner id plus a local suffix, e.g. ``vl:bk-0140-3.c01``.")
    statement: CleanText
    kind: CompetenceKind
    code: CleanText | None = Field(default=None, description="The source's own code, e.g. 'co 02029' or 'B1-K1-W2'.")
    esco: tuple[EscoIri, ...] = Field(default=(), description="ESCO skills this statement corresponds to.")


class Qualification(Sourced):
    """A beroepskwalificatie, onderwijskwalificatie, mbo-kwalificatie or higher-education programme."""

    id: Curie
    region: Region
    kind: Literal["beroepskwalificatie", "onderwijskwalificatie", "mbo-kwalificatie", "opleiding"]
    qualification_type: Curie | None = Field(default=None, description="The education type it belongs to.")
    title: Labels
    alt_labels: AltLabels = AltLabels()
    code: CleanText | None = Field(default=None, description="BK-0140-3, crebo 25655, ...; None when unknown.")
    former_ids: tuple[Curie, ...] = Field(
        default=(), description="Ids it had in earlier releases; queries and review files naming one reach it.")
    code_note: CleanText | None = Field(default=None, description="Why the code is unknown.")
    version: CleanText | None = None
    level: Curie
    domain: Domain
    definition: CleanText | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    replaced_by: tuple[Curie, ...] = ()
    related: tuple[Curie, ...] = Field(default=(), description="BK <-> onderwijskwalificatie / studierichting links.")
    job_profiles: tuple[Curie, ...] = ()
    isco: tuple[IscoCode, ...] = ()
    esco: tuple[EscoIri, ...] = Field(default=(), description="ESCO occupations this qualification prepares for.")
    text_status: Literal["curated", "official"] = Field(
        default="curated", description="curated: summarised from public descriptions, not the official text."
    )
    competences: tuple[Competence, ...] = ()

    @model_validator(mode="after")
    def _code_or_reason(self) -> Qualification:
        if self.code is None and self.code_note is None:
            raise ValueError("a qualification needs a code, or a code_note saying why it is unknown")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class JobProfile(Sourced):
    """An occupation as one side names it, anchored to ISCO-08 and, where known, ESCO."""

    id: Curie
    region: Region
    title: Labels
    synonyms: AltLabels = AltLabels()
    definition: CleanText | None = None
    domain: Domain
    isco: IscoCode
    esco: EscoIri | None = None
    former_ids: tuple[Curie, ...] = Field(
        default=(), description="Ids it had in earlier releases; queries and review files naming one reach it.")
    competences: tuple[Competence, ...] = ()


class TermPair(Sourced):
    """Belgian-Dutch and Netherlands-Dutch words for the same thing (domain-facts section 4)."""

    id: Curie
    be: tuple[CleanText, ...] = Field(min_length=1, description="Flemish (nl-BE) forms.")
    nl: tuple[CleanText, ...] = Field(min_length=1, description="Netherlands (nl-NL) forms.")
    domain: Literal["care", "technology", "ict", "education", "labour", "general"]
    relation: Literal["exact", "close", "related"] = Field(
        default="exact", description="close/related: the words overlap but differ in scope or level."
    )


class FalseFriend(Sourced):
    """Words that look alike across the border but do not mean the same; blocks or flags a match."""

    id: Curie
    be: tuple[CleanText, ...] = Field(min_length=1, description="Forms on the Flemish side.")
    nl: tuple[CleanText, ...] = Field(min_length=1, description="Forms on the Dutch side.")
    action: Literal["block", "flag"]
    warning: Labels = Field(description="What a person must know, in Dutch and English.")


class EscoOccupationName(Sourced):
    """The Dutch preferred label ESCO gives an occupation a curated entry is anchored to: explanations name a shared
    anchor by it when ESCO itself is not loaded ("Zelfde ESCO-beroep: lasser (esco-occupation:…)")."""

    id: Annotated[str, Field(pattern=r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")]
    label: CleanText = Field(description="ESCO's preferred label in Dutch, as written there.")


class TaxonomyFile(BaseModel):
    """The content of one YAML file; each section is optional."""

    model_config = _FROZEN

    sources: tuple[Source, ...] = ()
    frameworks: tuple[Framework, ...] = ()
    qualification_types: tuple[QualificationType, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    job_profiles: tuple[JobProfile, ...] = ()
    term_pairs: tuple[TermPair, ...] = ()
    false_friends: tuple[FalseFriend, ...] = ()
    matching: tuple[MatchingSettings, ...] = ()
    crosswalk: tuple[CrosswalkSettings, ...] = ()
    mined_synonyms: tuple[MinedSynonyms, ...] = ()
    esco_occupations: tuple[EscoOccupationName, ...] = ()
    limits: LimitsModel | None = None


#: Sections of a taxonomy file, in canonical order.
SECTIONS: tuple[str, ...] = tuple(TaxonomyFile.model_fields)
