"""The record dataclasses of an ESCO export, one per CSV row: made only when a data set's records are asked for.

The reader keeps its records as columns (:class:`~competence_bridge.importers.esco_records.RecordTable`) and a
load writes those straight as Turtle, so loading never imports this module (defining the classes costs about as
much as making a few thousand records). Import them from :mod:`competence_bridge.importers.esco_records`.
"""

from __future__ import annotations

from dataclasses import dataclass


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
