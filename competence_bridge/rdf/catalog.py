"""Read the frameworks, levels, qualification types and recognition instruments back out of a graph.

Everything here is SPARQL through a :class:`~competence_bridge.rdf.queries.Queries` (an rdflib graph on
any backend, or a bare Oxigraph store for the CLI's quick lookups), so it runs unchanged on the
Oxigraph store, rdflib's memory store or a remote endpoint. Values reach a query only as a validated
IRI in a ``VALUES`` block, never as spliced text. The tables are small (tens of rows) and read once.
This module does not import rdflib: a one-off level lookup against a store needs only pyoxigraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from competence_bridge.rdf.curies import compress, expand
from competence_bridge.rdf.queries import Queries, Row, iri_values, query

_LEVELS = query("""\
SELECT ?level ?fw ?region ?notation ?order ?nl ?en ?eqf ?rel WHERE {
  ?level a cb:FrameworkLevel ; skos:inScheme ?scheme ; skos:notation ?notation ; cb:levelOrder ?order .
  ?scheme dcterms:identifier ?fw .
  OPTIONAL { ?scheme cb:region ?region }
  OPTIONAL { ?level skos:prefLabel ?nl FILTER(lang(?nl) = "nl") }
  OPTIONAL { ?level skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?level skos:exactMatch ?eqf BIND("exact" AS ?rel) }
  OPTIONAL { ?level skos:broadMatch ?eqf BIND("broad" AS ?rel) }
}""")

_TYPES = query("""\
SELECT ?type ?region ?sector ?status ?nl ?en ?level ?note WHERE {
  ?type a cb:QualificationType ; cb:region ?region ; cb:sector ?sector ; cb:status ?status .
  OPTIONAL { ?type skos:prefLabel ?nl FILTER(lang(?nl) = "nl") }
  OPTIONAL { ?type skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?type cb:level ?level }
  OPTIONAL { ?type cb:levelNote ?note }
}""")

_TYPE_LABELS = query("""\
SELECT ?type ?label ?pref WHERE {
  ?type a cb:QualificationType .
  { ?type skos:prefLabel ?label BIND(true AS ?pref) } UNION { ?type skos:altLabel ?label BIND(false AS ?pref) }
}""")

_INSTRUMENTS = query("""\
SELECT ?instr ?nl ?en ?authority ?authority_en ?binding ?status ?date ?scope_nl ?scope_en
       (GROUP_CONCAT(DISTINCT ?sector; separator=" ") AS ?sectors)
       (GROUP_CONCAT(DISTINCT ?direction; separator=" ") AS ?directions)
       (GROUP_CONCAT(DISTINCT STR(?page); separator=" ") AS ?pages) WHERE {
  ?instr a cb:RecognitionInstrument ; cb:authority ?authority ; cb:binding ?binding ; cb:status ?status ;
         cb:sector ?sector ; cb:direction ?direction .
  FILTER(lang(?authority) != "en")
  OPTIONAL { ?instr cb:authority ?authority_en FILTER(lang(?authority_en) = "en") }
  OPTIONAL { ?instr skos:prefLabel ?nl FILTER(lang(?nl) = "nl") }
  OPTIONAL { ?instr skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?instr skos:scopeNote ?scope_nl FILTER(lang(?scope_nl) = "nl") }
  OPTIONAL { ?instr skos:scopeNote ?scope_en FILTER(lang(?scope_en) = "en") }
  OPTIONAL { ?instr dcterms:date ?date }
  OPTIONAL { ?instr dcterms:source/foaf:page ?page }
} GROUP BY ?instr ?nl ?en ?authority ?authority_en ?binding ?status ?date ?scope_nl ?scope_en""")

_STATEMENTS = query("""\
SELECT ?item ?stmt ?instr ?subject ?object ?level ?fromRegion ?toRegion ?qualifier ?qualifier_en ?evidence WHERE {
  { ?stmt cb:recognisedItem ?item } UNION { ?stmt cb:recognisedAs ?item }
  ?stmt a cb:RecognitionStatement ; cb:instrument ?instr ; cb:recognisedItem ?subject ;
        cb:fromRegion ?fromRegion ; cb:toRegion ?toRegion ; cb:evidence ?evidence .
  OPTIONAL { ?stmt cb:recognisedAs ?object }
  OPTIONAL { ?stmt cb:recognisedAtLevel ?level }
  OPTIONAL { ?stmt cb:qualifier ?qualifier FILTER(lang(?qualifier) = "nl") }
  OPTIONAL { ?stmt cb:qualifier ?qualifier_en FILTER(lang(?qualifier_en) = "en") }
}""")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class LevelRef:
    """A framework level as the catalog knows it."""

    id: str
    label: str
    label_en: str
    framework: str
    region: str | None
    notation: str
    order: int
    eqf: str | None
    eqf_relation: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with CURIE ids."""
        return {"id": self.id, "label": self.label, "label_en": self.label_en, "framework": self.framework,
                "notation": self.notation, "eqf": self.eqf}


@dataclass(frozen=True)
class TypeRef:
    """A qualification type as the catalog knows it."""

    id: str
    label: str
    label_en: str
    region: str
    sector: str
    status: str
    levels: tuple[str, ...]
    level_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with CURIE ids."""
        data: dict[str, Any] = {"id": self.id, "label": self.label, "label_en": self.label_en,
                                "region": self.region, "levels": list(self.levels), "status": self.status}
        if self.level_note:
            data["level_note"] = self.level_note
        return data


@dataclass(frozen=True)
class Instrument:
    """A recognition instrument (table, decision, treaty)."""

    id: str
    label: str
    label_en: str
    authority: str
    binding: str
    status: str
    date: str | None
    sectors: tuple[str, ...]
    directions: tuple[tuple[str, str], ...]
    scope: str
    scope_en: str
    sources: tuple[str, ...]
    authority_en: str = ""  # the authority's English name (empty in a graph written before it had one)

    def authority_in(self, lang: str) -> str:
        """The authority's name in *lang* (``nl`` or ``en``); the Dutch one when there is no English one."""
        return self.authority_en if lang == "en" and self.authority_en else self.authority

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with CURIE ids."""
        return {"id": self.id, "label": self.label, "label_en": self.label_en, "authority": self.authority,
                "authority_en": self.authority_in("en"),
                "binding": self.binding, "status": self.status, "date": self.date,
                "directions": [f"{a} → {b}" for a, b in self.directions],
                "scope": self.scope, "scope_en": self.scope_en, "sources": list(self.sources)}


@dataclass(frozen=True)
class StatementRow:
    """One directed recognition statement, with ids only."""

    id: str
    instrument: str
    subject: str
    object: str | None
    level: str | None
    from_region: str
    to_region: str
    qualifier: str | None
    evidence: str
    qualifier_en: str | None = None

    def qualifier_in(self, lang: str) -> str | None:
        """The qualifier in *lang* (``nl`` or ``en``); the Dutch one when there is no English one."""
        return (self.qualifier_en or self.qualifier) if lang == "en" else self.qualifier


@dataclass
class Catalog:
    """Lookup tables over one graph, read lazily and kept."""

    source: Queries
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def _rows(self, text: str) -> list[Row]:
        return self.source.select(text)

    @cached_property
    def levels(self) -> dict[str, LevelRef]:
        """Every framework level by CURIE, in framework order."""
        found: dict[str, LevelRef] = {}
        for row in self._rows(_LEVELS):
            curie = compress(str(row.level))
            framework = str(row.fw)
            eqf = compress(str(row.eqf)) if row.eqf is not None else (curie if framework == "eqf" else None)
            relation = _text(row.rel) or ("exact" if framework == "eqf" else None)
            found[curie] = LevelRef(curie, _text(row.nl) or curie, _text(row.en) or curie, framework,
                                    _text(row.region), str(row.notation), int(row.order), eqf, relation)
        return dict(sorted(found.items(), key=lambda item: (item[1].framework, item[1].order)))

    @cached_property
    def frameworks(self) -> list[str]:
        """Framework keys, sorted."""
        return sorted({level.framework for level in self.levels.values()})

    @cached_property
    def types(self) -> dict[str, TypeRef]:
        """Every qualification type by CURIE."""
        rows: dict[str, dict[str, Any]] = {}
        for row in self._rows(_TYPES):
            curie = compress(str(row.type))
            entry = rows.setdefault(curie, {"row": row, "levels": []})
            if row.level is not None and compress(str(row.level)) not in entry["levels"]:
                entry["levels"].append(compress(str(row.level)))
        order = {level_id: i for i, level_id in enumerate(self.levels)}
        found = {}
        for curie, entry in rows.items():
            row = entry["row"]
            levels = tuple(sorted(entry["levels"], key=lambda level_id: order.get(level_id, 0)))
            found[curie] = TypeRef(curie, _text(row.nl) or curie, _text(row.en) or curie, str(row.region),
                                   str(row.sector), str(row.status), levels, _text(row.note))
        return dict(sorted(found.items()))

    @cached_property
    def type_labels(self) -> list[tuple[str, str, bool]]:
        """(type id, label, is preferred) for every label of every qualification type."""
        return sorted((compress(str(row.type)), str(row.label), str(row.pref) in {"true", "1"})
                      for row in self._rows(_TYPE_LABELS))

    @cached_property
    def instruments(self) -> dict[str, Instrument]:
        """Every recognition instrument by CURIE."""
        found = {}
        for row in self._rows(_INSTRUMENTS):
            curie = compress(str(row.instr))
            directions = tuple(sorted(tuple(d.split(">", 1)) for d in str(row.directions).split()))
            found[curie] = Instrument(
                curie, _text(row.nl) or curie, _text(row.en) or curie, str(row.authority), str(row.binding),
                str(row.status), _text(row.date), tuple(sorted(str(row.sectors).split())),
                directions,  # type: ignore[arg-type]
                _text(row.scope_nl) or "", _text(row.scope_en) or "", tuple(sorted(str(row.pages).split())),
                _text(row.authority_en) or "",
            )
        return dict(sorted(found.items()))

    def statements_about(self, type_id: str) -> list[StatementRow]:
        """Recognition statements in which the type is the subject or the object, by id (a store returns its rows in
        an order of its own, which a rebuilt store may change)."""
        rows = self._rows(iri_values(_STATEMENTS, "item", expand(type_id)))
        found = {}
        for row in rows:
            curie = compress(str(row.stmt))
            found[curie] = StatementRow(
                curie, compress(str(row.instr)), compress(str(row.subject)),
                compress(str(row.object)) if row.object is not None else None,
                compress(str(row.level)) if row.level is not None else None,
                str(row.fromRegion), str(row.toRegion), _text(row.qualifier),
                compress(str(row.evidence)).removeprefix("cb:").lower(), _text(row.qualifier_en),
            )
        return sorted(found.values(), key=lambda row: row.id)
