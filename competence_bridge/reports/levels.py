"""Answers a person reads: a level and what sits on it, a qualification type and its recognitions.

Each report is a frozen value with ``to_dict()`` (the JSON contract: CURIE ``id``s and
``label``s); ``to_text(lang)``, the HTML view and ``to_frame()`` come from :mod:`competence_bridge.present`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from competence_bridge.display import Shown, Tabular
from competence_bridge.rdf.catalog import Instrument, LevelRef, StatementRow, TypeRef

@dataclass(frozen=True, repr=False)
class LevelReport(Tabular):
    """A level, its EQF reference, the levels of other frameworks at that EQF level, and the
    qualification types on each side that sit there."""

    level: LevelRef
    eqf: LevelRef | None
    equivalents: tuple[LevelRef, ...]
    types: dict[str, tuple[TypeRef, ...]]

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
            "binding": self.instrument.binding,
            "date": self.instrument.date,
            "subject": self.subject.to_dict(),
            "object": None if self.object is None else self.object.to_dict(),
            "level": None if self.level is None else self.level.to_dict(),
            "qualifier": self.statement.qualifier,
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

