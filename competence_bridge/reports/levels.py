"""Answers a person reads: a level and what sits on it, a qualification type and its recognitions.

Each report is a frozen value with ``to_dict()`` (the JSON contract: CURIE ``id``s and
``label``s); ``to_text(lang)``, the HTML view and ``to_frame()`` come from :mod:`competence_bridge.present`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from competence_bridge.display import Shown, Tabular
from competence_bridge.errors import AmbiguousItemError, UnknownFrameworkError, UnknownItemError
from competence_bridge.language.text import normalize, suggest
from competence_bridge.rdf.catalog import Catalog, Instrument, LevelRef, StatementRow, TypeRef
from competence_bridge.vocabulary import REGIONS, Region


@dataclass(frozen=True, repr=False)
class LevelReport(Tabular):
    """A level, its EQF reference, the levels of other frameworks at that EQF level, and the
    qualification types on each side that sit there."""

    level: LevelRef
    eqf: LevelRef | None
    equivalents: tuple[LevelRef, ...]
    types: dict[Region, tuple[TypeRef, ...]]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``competence-bridge levels``."""
        return {
            "level": self.level.to_dict(),
            "eqf": None if self.eqf is None else {**self.eqf.to_dict(), "relation": self.level.eqf_relation},
            "equivalents": [{**level.to_dict(), "relation": level.eqf_relation} for level in self.equivalents],
            "qualification_types": {region: [t.to_dict() for t in types] for region, types in self.types.items()},
        }

@dataclass(frozen=True, repr=False)
class RecognitionLine(Shown):
    """One directed recognition statement, resolved to labels."""

    statement: StatementRow
    instrument: Instrument
    subject: TypeRef
    object: TypeRef | None
    level: LevelRef | None

    @property
    def direction(self) -> str:
        """``FROM → TO``."""
        return f"{self.statement.from_region} → {self.statement.to_region}"

    def to_dict(self) -> dict[str, Any]:
        """JSON form, direction first."""
        return {
            "direction": self.direction,
            "from": self.statement.from_region,
            "to": self.statement.to_region,
            "id": self.statement.id,
            "instrument": {"id": self.instrument.id, "label": self.instrument.label,
                           "label_en": self.instrument.label_en},
            "authority": self.instrument.authority,
            "authority_en": self.instrument.authority_in("en"),
            "binding": self.instrument.binding,
            "date": self.instrument.date,
            "subject": self.subject.to_dict(),
            "object": None if self.object is None else self.object.to_dict(),
            "level": None if self.level is None else self.level.to_dict(),
            "qualifier": self.statement.qualifier,
            "qualifier_en": self.statement.qualifier_in("en"),
            "evidence": self.statement.evidence,
            "scope": self.instrument.scope,
            "scope_en": self.instrument.scope_en,
            "sources": list(self.instrument.sources),
        }

@dataclass(frozen=True, repr=False)
class RecognitionReport(Tabular):
    """Every recognition statement about one qualification type, and instruments that do not apply."""

    item: TypeRef
    lines: tuple[RecognitionLine, ...]
    not_in_force: tuple[Instrument, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``competence-bridge recognize``."""
        return {
            "item": self.item.to_dict(),
            "recognitions": [line.to_dict() for line in self.lines],
            "not_in_force": [instrument.to_dict() for instrument in self.not_in_force],
        }



def resolve_level(catalog: Catalog, framework: str, level: str) -> LevelRef:
    """The level written *level* (``5``, ``4+``, ``entry``) in *framework* (``vks``, ``nlqf``, ``eqf``).

    :raises UnknownFrameworkError: for a framework that is not loaded
    :raises UnknownItemError: for a level the framework does not have
    """
    key = framework.strip().lower()
    if key not in catalog.frameworks:
        raise UnknownFrameworkError(framework, suggestions=suggest(framework, catalog.frameworks))
    wanted = normalize(level)
    in_framework = [ref for ref in catalog.levels.values() if ref.framework == key]
    for ref in in_framework:
        if wanted in {normalize(ref.notation), normalize(ref.id.partition(":")[2]), normalize(ref.id),
                      normalize(ref.label), normalize(ref.label_en)}:
            return ref
    notations = [ref.notation for ref in in_framework]
    raise UnknownItemError(level, kind=f"{key} level", suggestions=suggest(level, notations) or notations)


def level_report(catalog: Catalog, framework: str, level: str) -> LevelReport:
    """A level, its EQF level, its equivalents in the other frameworks and the types on each side there."""
    ref = resolve_level(catalog, framework, level)
    levels = catalog.levels
    eqf = levels.get(ref.eqf) if ref.eqf else None
    if ref.eqf is None:
        equivalents: tuple[LevelRef, ...] = ()
        at_level = {ref.id}
    else:
        equivalents = tuple(other for other in levels.values()
                            if other.eqf == ref.eqf and other.id != ref.id and other.framework != "eqf")
        at_level = {other.id for other in levels.values() if other.eqf == ref.eqf}
    types = {region: tuple(t for t in catalog.types.values() if t.region == region and at_level & set(t.levels))
             for region in REGIONS}
    return LevelReport(ref, eqf, equivalents, types)


def resolve_type(catalog: Catalog, query: str) -> TypeRef:
    """The qualification type with this id (``nl:havo``) or label ("havo", "diploma secundair onderwijs BSO").

    A preferred label wins over an alternative label; several equally good matches raise.

    :raises UnknownItemError: with close suggestions when nothing matches
    :raises AmbiguousItemError: when a label names several types
    """
    types = catalog.types
    text = query.strip()
    if text in types:
        return types[text]
    wanted = normalize(text)
    by_rank: dict[bool, set[str]] = {True: set(), False: set()}
    for type_id, label, preferred in catalog.type_labels:
        if normalize(label) == wanted:
            by_rank[preferred].add(type_id)
    for preferred in (True, False):
        hits = by_rank[preferred]
        if len(hits) == 1:
            return types[hits.pop()]
        if len(hits) > 1:
            raise AmbiguousItemError(query, sorted(hits))
    choices = list(types) + [label for _, label, _ in catalog.type_labels]
    raise UnknownItemError(query, kind="qualification type", suggestions=suggest(query, choices))


def recognition_report(catalog: Catalog, query: str) -> RecognitionReport:
    """Every recognition statement about a qualification type, in either role, direction first.

    Instruments that are not in force but cover the type's sector and region are listed
    separately, so "there is no recognition" is said, not left to guess.
    """
    ref = resolve_type(catalog, query)
    lines = [RecognitionLine(statement=row, instrument=catalog.instruments[row.instrument],
                             subject=catalog.types[row.subject],
                             object=catalog.types.get(row.object) if row.object else None,
                             level=catalog.levels.get(row.level) if row.level else None)
             for row in catalog.statements_about(ref.id)]
    lines.sort(key=lambda line: (line.statement.subject != ref.id, line.direction,
                                 line.instrument.date or "", line.instrument.id, line.statement.id))
    not_in_force = tuple(
        instrument for instrument in catalog.instruments.values()
        if instrument.status == "not-in-force" and ref.sector in instrument.sectors
        and any(ref.region in pair for pair in instrument.directions)
    )
    return RecognitionReport(ref, tuple(lines), not_in_force)
