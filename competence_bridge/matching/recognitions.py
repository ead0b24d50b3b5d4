"""Official recognitions and levels as the matching layer sees them: evidence for a translation.

A type-to-type valuation is stronger evidence than a level-only one; a statement with a qualifier
("soms") is weaker still. The strengths are data (``recognition_strengths`` in
``taxonomies/matching.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from competence_bridge.rdf.items import Item

if TYPE_CHECKING:
    from competence_bridge.rdf.catalog import Catalog

#: One statement FROM an item's type: (instrument id, object type id, level id, Dutch and English description,
#: strength).
RecognitionTuple = tuple[str, str | None, str | None, str, str, float]

#: Strength of each kind of statement when the settings do not say otherwise.
DEFAULT_STRENGTHS: Mapping[str, float] = {"type": 1.0, "level": 0.7, "qualified": 0.6}


@dataclass(frozen=True)
class RecognitionEvidence:
    """One official statement by which the other side values an item's type: its target, words and strength."""

    instrument: str
    object: str | None  # the other side's qualification type it is valued as
    level: str | None  # or the level it is valued at
    description: str  # Dutch
    description_en: str
    strength: float

    def as_tuple(self) -> RecognitionTuple:
        """The form the translator's recognition signal takes."""
        return (self.instrument, self.object, self.level, self.description, self.description_en, self.strength)


class Recognitions:
    """Level names and the recognition statements that start from an item, read from the catalogue.

    *catalog* may be a callable, asked on the first level or statement looked up: a translation that
    needs neither (free text, a job profile) never opens the graph.
    """

    def __init__(self, catalog: Catalog | Callable[[], Catalog],
                 strengths: Mapping[str, float] = DEFAULT_STRENGTHS) -> None:
        self._catalog = catalog
        self.strengths = dict(strengths)

    @property
    def catalog(self) -> Catalog:
        """The catalogue the levels and statements are read from (opened on first use)."""
        if callable(self._catalog):
            self._catalog = self._catalog()
        return self._catalog

    def describe_level(self, level_id: str) -> str:
        """``VKS 5 (EQF 5)``: a level as a person names it (the id itself when unknown)."""
        level = self.catalog.levels.get(level_id)
        if level is None:
            return level_id
        eqf = f" (EQF {level.eqf.partition(':')[2]})" if level.eqf and level.framework != "eqf" else ""
        return f"{level.framework.upper()} {level.notation}{eqf}"

    def from_item(self, item: Item) -> list[RecognitionTuple]:
        """Every statement by which the item's own side values it on the other side, with its strength."""
        return [evidence.as_tuple() for evidence in self.evidence(item)]

    def evidence(self, item: Item) -> list[RecognitionEvidence]:
        """Every statement valuing the item's type on the other side, described in Dutch and English."""
        type_id = item.id if item.kind == "qualification-type" else item.qualification_type
        return self.evidence_of_type(type_id) if type_id else []

    def evidence_of_type(self, type_id: str) -> list[RecognitionEvidence]:
        """Every statement valuing the qualification type *type_id* on the other side (none for an unknown type),
        the oldest instrument first (as the recognition report lists them)."""
        catalog = self.catalog
        if type_id not in catalog.types:
            return []
        subject = catalog.types[type_id]
        found = []
        for row in sorted(catalog.statements_about(type_id), key=lambda row: (
                catalog.instruments[row.instrument].date or "", row.instrument, row.id)):
            if row.subject != type_id:
                continue
            instrument = catalog.instruments[row.instrument]
            target = row.object or row.level or ""
            if target in catalog.types:
                label, label_en = catalog.types[target].label, catalog.types[target].label_en
            else:
                label = label_en = self.describe_level(target)
            qualifier = f" ({row.qualifier})" if row.qualifier else ""
            qualifier_en = f" ({row.qualifier_in('en')})" if row.qualifier else ""
            where = f"[{row.from_region} → {row.to_region}]"
            kind = "qualified" if row.qualifier else ("type" if row.object else "level")
            found.append(RecognitionEvidence(
                instrument.id, row.object, row.level,
                f"{instrument.authority} waardeert {subject.label} als {label}{qualifier} {where}",
                f"{instrument.authority_in('en')} values {subject.label_en} as {label_en}{qualifier_en} {where}",
                self.strengths[kind]))
        return found


@dataclass(frozen=True)
class RecognitionBook:
    """The level names and recognition statements a translator consults, read from the catalogue at once.

    Plain data, so it is kept with a prepared translator: a one-off translation read back from the cache
    answers without opening the graph. It holds what :class:`Recognitions` would answer for the same graph.
    """

    level_names: dict[str, str]
    statements: dict[str, tuple[RecognitionTuple, ...]]  # by qualification type

    @classmethod
    def read(cls, recognitions: Recognitions) -> RecognitionBook:
        """Every level name and every type's statements (with *recognitions*' strengths): a few small queries."""
        levels = {level_id: recognitions.describe_level(level_id) for level_id in recognitions.catalog.levels}
        statements = {type_id: tuple(evidence.as_tuple() for evidence in recognitions.evidence_of_type(type_id))
                      for type_id in recognitions.catalog.types}
        return cls(levels, {type_id: found for type_id, found in statements.items() if found})

    def describe_level(self, level_id: str) -> str:
        """As :meth:`Recognitions.describe_level`."""
        return self.level_names.get(level_id, level_id)

    def from_item(self, item: Item) -> list[RecognitionTuple]:
        """As :meth:`Recognitions.from_item`."""
        type_id = item.id if item.kind == "qualification-type" else item.qualification_type
        return list(self.statements.get(type_id or "", ()))
