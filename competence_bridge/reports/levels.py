"""Answers a person reads: a level and what sits on it, a qualification type and its recognitions.

Each report is a frozen value with ``to_dict()`` (the JSON contract: CURIE ``id``s and
``label``s) and ``to_text(lang)`` (Dutch by default, English on request).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from competence_bridge.rdf.catalog import Instrument, LevelRef, StatementRow, TypeRef

REGION_NAMES = {"nl": {"BE-VLG": "Vlaanderen", "NL": "Nederland"}, "en": {"BE-VLG": "Flanders", "NL": "Netherlands"}}

BINDING_TEXT = {
    "nl": {"automatic": "automatisch, zonder procedure", "on-application": "erkenning op aanvraag",
           "advisory": "advies, je kunt er geen rechten aan ontlenen", "none": "niet van kracht"},
    "en": {"automatic": "automatic, no procedure", "on-application": "recognition on application",
           "advisory": "advice, confers no rights", "none": "not in force"},
}

_WORDS = {
    "nl": {"eqf": "EQF", "no_eqf": "geen EQF-niveau", "same": "Zelfde EQF-niveau",
           "within": "valt binnen", "types": "Op dit niveau", "none": "(niets)",
           "historical": "historisch", "recognitions": "Erkenningen", "no_statements": "Geen erkenningsverklaring gevonden.",
           "not_in_force": "Niet van kracht", "level": "niveau", "source": "bron", "no_level": "niveau onbekend"},
    "en": {"eqf": "EQF", "no_eqf": "no EQF level", "same": "Same EQF level",
           "within": "lies within", "types": "At this level", "none": "(none)",
           "historical": "historical", "recognitions": "Recognitions", "no_statements": "No recognition statement found.",
           "not_in_force": "Not in force", "level": "level", "source": "source", "no_level": "level unknown"},
}


def _label(ref: LevelRef | TypeRef | Instrument, lang: str) -> str:
    return ref.label if lang == "nl" else ref.label_en


def _check_lang(lang: str) -> None:
    if lang not in _WORDS:
        raise ValueError(f"unknown language {lang!r}; choose nl or en")


@dataclass(frozen=True)
class LevelReport:
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

    def to_text(self, lang: str = "nl") -> str:
        """A short readable answer."""
        _check_lang(lang)
        words = _WORDS[lang]
        lines = [f"{_label(self.level, lang)} ({self.level.id})"]
        if self.eqf is None:
            lines.append(f"  {words['eqf']}: {words['no_eqf']}")
        elif self.level.framework != "eqf":
            how = "=" if self.level.eqf_relation == "exact" else words["within"]
            lines.append(f"  {words['eqf']}: {how} {_label(self.eqf, lang)} ({self.eqf.id})")
        if self.equivalents:
            lines.append(f"  {words['same']}:")
            for level in self.equivalents:
                extra = f" ({words['within']} {level.eqf})" if level.eqf_relation == "broad" else ""
                lines.append(f"    {_label(level, lang)} ({level.id}){extra}")
        for region, types in self.types.items():
            lines.append(f"  {words['types']}, {REGION_NAMES[lang][region]} ({region}):")
            if not types:
                lines.append(f"    {words['none']}")
            for qtype in types:
                flag = f" [{words['historical']}]" if qtype.status == "historical" else ""
                lines.append(f"    {_label(qtype, lang)} ({qtype.id}){flag}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Rich view in Jupyter (see :mod:`competence_bridge.present.html`)."""
        from competence_bridge.present.html import level_report_html

        return level_report_html(self)

    def to_frame(self):  # noqa: ANN201 (pandas.DataFrame; pandas is an optional extra)
        """The rows of this result as a pandas DataFrame (``pip install competence-bridge[notebook]``)."""
        from competence_bridge.present.frames import level_report_frame

        return level_report_frame(self)


@dataclass(frozen=True)
class RecognitionLine:
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

    def to_text(self, lang: str = "nl") -> str:
        """``FROM → TO  authority (binding, date): subject → object``, then the source."""
        words = _WORDS[lang]
        target = (f"{_label(self.object, lang)} ({self.object.id})" if self.object is not None
                  else f"{words['level']} {_label(self.level, lang)} ({self.level.id})" if self.level else "?")
        when = f", {self.instrument.date}" if self.instrument.date else ""
        qualifier = f" [{self.statement.qualifier}]" if self.statement.qualifier else ""
        head = (f"{self.direction}  {self.instrument.authority} ({BINDING_TEXT[lang][self.instrument.binding]}{when}): "
                f"{_label(self.subject, lang)} → {target}{qualifier}")
        sources = ", ".join(self.instrument.sources)
        return f"{head}\n      {_label(self.instrument, lang)}; {words['source']}: {sources}"


@dataclass(frozen=True)
class RecognitionReport:
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

    def to_text(self, lang: str = "nl") -> str:
        """Direction first, one statement per line."""
        _check_lang(lang)
        words = _WORDS[lang]
        levels = ", ".join(self.item.levels) or words["no_level"]
        lines = [f"{_label(self.item, lang)} ({self.item.id}), {REGION_NAMES[lang][self.item.region]}, {levels}"]
        if not self.lines:
            lines.append(f"  {words['no_statements']}")
        lines.extend(f"  {line.to_text(lang)}" for line in self.lines)
        for instrument in self.not_in_force:
            scope = instrument.scope if lang == "nl" else instrument.scope_en
            lines.append(f"  {words['not_in_force']}: {_label(instrument, lang)}. {scope}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Rich view in Jupyter (see :mod:`competence_bridge.present.html`)."""
        from competence_bridge.present.html import recognition_report_html

        return recognition_report_html(self)

    def to_frame(self):  # noqa: ANN201 (pandas.DataFrame; pandas is an optional extra)
        """The rows of this result as a pandas DataFrame (``pip install competence-bridge[notebook]``)."""
        from competence_bridge.present.frames import recognition_report_frame

        return recognition_report_frame(self)
