"""Mappings between the two sides, in SSSOM terms (https://mapping-commons.github.io/sssom/).

A :class:`Mapping` carries exactly the SSSOM slots we use, under their SSSOM names; a
:class:`MappingSet` adds the set metadata. Explanations a person reads go in ``comment``
(Dutch) and, structured, in ``other`` (``key=value|key=value``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from competence_bridge.sssom.other import read_other
from competence_bridge.vocabulary import JUSTIFICATIONS, PREDICATES, Justification, Predicate, compose, invert

_FROZEN = ConfigDict(frozen=True, extra="forbid")

#: SKOS mapping predicates and SEMAPV justifications, and how relations compose along a chain: one definition, in
#: :mod:`competence_bridge.vocabulary`.
__all__ = ["JUSTIFICATIONS", "PREDICATES", "Justification", "Mapping", "MappingSet", "Predicate", "compose", "invert"]


class Mapping(BaseModel):
    """One SSSOM mapping row."""

    model_config = _FROZEN

    subject_id: str
    subject_label: str | None = None
    subject_category: str | None = Field(default=None, description="Our kind: qualification, job-profile, ...")
    predicate_id: Predicate
    predicate_modifier: Literal["Not"] | None = Field(default=None, description="'Not' for a rejected mapping.")
    object_id: str
    object_label: str | None = None
    object_category: str | None = None
    mapping_justification: Justification
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    author_id: str | None = None
    reviewer_id: str | None = None
    mapping_date: dt.date | None = None
    subject_source_version: str | None = None
    object_source_version: str | None = None
    comment: str | None = Field(default=None, description="The Dutch explanation a person can check.")
    other: str | None = Field(default=None, description="key=value|key=value: levels, signals, status.")

    @field_validator("subject_id", "object_id")
    @classmethod
    def _is_curie(cls, value: str) -> str:
        prefix, sep, local = value.partition(":")
        if not sep or not prefix or not local or " " in value:
            raise ValueError(f"{value!r} is not a CURIE")
        return value

    @property
    def key(self) -> tuple[str, str]:
        """(subject_id, object_id): what a review decision is about."""
        return self.subject_id, self.object_id

    @property
    def is_negative(self) -> bool:
        """True for a rejected mapping (``predicate_modifier: Not``)."""
        return self.predicate_modifier == "Not"

    def other_fields(self) -> dict[str, str]:
        """``other`` parsed into a dict."""
        return read_other(self.other)


class MappingSet(BaseModel):
    """SSSOM mapping set metadata plus its mappings."""

    model_config = _FROZEN

    mapping_set_id: str = Field(pattern=r"^https?://\S+$")
    mapping_set_title: str | None = None
    mapping_set_description: str | None = None
    license: str = Field(pattern=r"^https?://\S+$")
    subject_source: str | None = None
    subject_source_version: str | None = None
    object_source: str | None = None
    object_source_version: str | None = None
    mapping_date: dt.date | None = None
    mapping_tool: str | None = None
    mapping_tool_version: str | None = None
    curie_map: dict[str, str] = Field(default_factory=dict)
    mappings: tuple[Mapping, ...] = ()

    def with_mappings(self, mappings: tuple[Mapping, ...] | list[Mapping]) -> MappingSet:
        """A copy with other mappings."""
        return self.model_copy(update={"mappings": tuple(mappings)})
