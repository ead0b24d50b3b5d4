"""CBS/ROA BRC 2014 occupation classification with its ISCO-08 codes (CSV) → :class:`BrcDataset` → SKOS.

The input is CBS's conversion table ISCO 2008 → BRC 2014 as CSV, one row per ISCO code with its
beroepsgroep (4 digits), beroepssegment (3) and beroepsklasse (2). The three BRC levels become
``skos:Concept``\\ s of one concept scheme under ``https://w3id.org/competence-bridge/id/brc2014/``::

    <…/brc2014/beroepsklasse/06>      skos:topConceptOf <…/brc2014/scheme>
    <…/brc2014/beroepssegment/063>    skos:broader <…/beroepsklasse/06>
    <…/brc2014/beroepsgroep/0634>     skos:broader <…/beroepssegment/063> ;
                                      skos:narrowMatch <isco:C0110>, <isco:C0210>, <isco:C0310> ;
                                      skos:relatedMatch <isco:C0>

Which mapping relation, and why: the table is **many-to-one**. Each ISCO code occurs on exactly one
row (588 rows, 588 codes), so it sits in exactly one beroepsgroep, and a beroepsgroep collects one
to 35 codes (CBS: "from the 436 unit groups of ISCO 2008 one can switch to 114 beroepsgroepen").
A beroepsgroep is therefore the union of its ISCO unit groups, and each unit group is narrower
than its beroepsgroep:

* ``skos:narrowMatch`` from the beroepsgroep to each of its ISCO-08 unit groups (the unit group is
  the narrower concept; seen from ISCO this is ``isco skos:broadMatch brc``);
* ``skos:closeMatch`` when a beroepsgroep consists of exactly one ISCO unit group and nothing else
  (22 groups, e.g. 0732 Timmerlieden = 7115): the two have the same extension, but closeMatch,
  not exactMatch, because the two schemes are maintained independently and exactMatch is
  transitive;
* ``skos:relatedMatch`` for CBS's residual codes, labelled "z.n.d." (zonder nadere definitie, "not
  further defined", e.g. 2340 "Docenten basisonderwijs en voorschoolse onderwijs z.n.d."). They are
  not ISCO unit groups but an ISCO group coded at a higher level padded with zeros (2340 = minor
  group 234). The beroepsgroep that takes them is neither broader nor narrower than that ISCO
  group, so the link is only associative, to ESCO's IRI of the group (``isco:C234``);
* code 9999 "Onbekend" (unknown) gets no mapping.

Whether a code is residual is read from its label, not from trailing zeros: 1330, 2310 and 5230
are genuine unit groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF

from competence_bridge.bulk import paused_gc
from competence_bridge.errors import SourceFormatError
from competence_bridge.importers import Triple
from competence_bridge.importers.esco_csv import CsvTable, label_cell, read_csv, required_cell
from competence_bridge.rdf.curies import BASE, PREFIXES
from competence_bridge.rdf.namespaces import CB, DCTERMS, PROV, RDF, SKOS

NAMESPACE = f"{BASE}id/brc2014/"
SCHEME = URIRef(f"{NAMESPACE}scheme")
SOURCE = URIRef(f"{BASE}id/dataset/brc2014")
CBS_PAGE = URIRef("https://www.cbs.nl/nl-nl/onze-diensten/methoden/begrippen/beroepenindeling-roa-cbs-2014--brc-2014--")
TITLE = "Beroepenindeling ROA-CBS 2014 (BRC 2014), schakeling ISCO 2008 - BRC 2014"
#: CBS's marker of a residual ("not further defined") ISCO code.
RESIDUAL_MARK = "z.n.d."
UNKNOWN_CODE = "9999"

COLUMNS = ("ISCO2008unitgroup", "ISCO2008unitgrouplabel", "BRC2014beroepsgroep", "BRC2014beroepsgroep_label",
           "BRC2014beroepssegment", "BRC2014beroepssegment_label", "BRC2014beroepsklasse",
           "BRC2014beroepsklasse_label")
#: The three BRC levels, top down: (name, code column, code length); the label column adds "_label".
LEVELS = (("beroepsklasse", "BRC2014beroepsklasse", 2), ("beroepssegment", "BRC2014beroepssegment", 3),
          ("beroepsgroep", "BRC2014beroepsgroep", 4))


@dataclass(frozen=True, slots=True)
class BrcRow:
    """One row of the table: an ISCO-08 code and the BRC 2014 concepts it belongs to."""

    line: int
    isco_code: str
    isco_label: str
    group: str
    segment: str
    klasse: str
    isco_level: str  # CBS's "ISCO2008niveau" (skill level 1-4; 0 and 7 for residual and unknown codes)

    @property
    def residual(self) -> bool:
        """A CBS "z.n.d." code: an ISCO group above unit-group level, not further defined."""
        return RESIDUAL_MARK in self.isco_label

    @property
    def unknown(self) -> bool:
        """Code 9999, "Onbekend"."""
        return self.isco_code == UNKNOWN_CODE

    @property
    def isco_group(self) -> str | None:
        """The ISCO-08 code this row stands for (2340 → 234 for a residual code), None for unknown."""
        if self.unknown:
            return None
        return (self.isco_code.rstrip("0") or "0") if self.residual else self.isco_code


@dataclass(frozen=True, slots=True)
class BrcConcept:
    """A beroepsklasse, beroepssegment or beroepsgroep."""

    level: str  # "beroepsklasse", "beroepssegment" or "beroepsgroep"
    code: str
    label: str
    broader: str  # the code of the concept one level up ('' for a beroepsklasse)

    @property
    def iri(self) -> URIRef:
        """``…/id/brc2014/<level>/<code>``."""
        return URIRef(f"{NAMESPACE}{self.level}/{self.code}")


@dataclass(frozen=True)
class BrcDataset:
    """The validated BRC 2014 - ISCO-08 table (see the module docstring for its RDF)."""

    path: Path
    version: str | None
    rows: tuple[BrcRow, ...]
    concepts: tuple[BrcConcept, ...]  # klassen, then segments, then groups, each sorted by code
    kind: str = field(default="brc", init=False)

    def by_level(self, level: str) -> tuple[BrcConcept, ...]:
        """The concepts of one level."""
        return tuple(c for c in self.concepts if c.level == level)

    def mapping(self, row: BrcRow) -> URIRef | None:
        """The SKOS mapping property from the row's beroepsgroep to its ISCO group (None for 9999)."""
        if row.unknown:
            return None
        if row.residual:
            return SKOS.relatedMatch
        return SKOS.closeMatch if self._group_sizes[row.group] == 1 else SKOS.narrowMatch

    @cached_property
    def _group_sizes(self) -> dict[str, int]:
        sizes: dict[str, int] = {}
        for row in self.rows:
            sizes[row.group] = sizes.get(row.group, 0) + 1
        return sizes

    def summary(self) -> dict[str, int]:
        """Counts of rows, codes by kind, BRC concepts by level and mappings by relation."""
        mappings = [self.mapping(row) for row in self.rows]
        return {
            "rows": len(self.rows),
            "isco_unit_groups": sum(1 for r in self.rows if not r.residual and not r.unknown),
            "residual_codes": sum(1 for r in self.rows if r.residual),
            "unknown_codes": sum(1 for r in self.rows if r.unknown),
            "beroepsgroepen": len(self.by_level("beroepsgroep")),
            "beroepssegmenten": len(self.by_level("beroepssegment")),
            "beroepsklassen": len(self.by_level("beroepsklasse")),
            "narrow_matches": mappings.count(SKOS.narrowMatch),
            "close_matches": mappings.count(SKOS.closeMatch),
            "related_matches": mappings.count(SKOS.relatedMatch),
        }

    def triples(self) -> Iterator[Triple]:
        """The scheme, its three levels with ``skos:broader``, and the ISCO mappings; provenance first."""
        yield SOURCE, RDF.type, CB.Source
        yield SOURCE, RDF.type, PROV.Entity
        yield SOURCE, DCTERMS.title, Literal(TITLE)
        yield SOURCE, DCTERMS.publisher, Literal("CBS, ROA")
        yield SOURCE, FOAF.page, CBS_PAGE
        yield SOURCE, DCTERMS.source, Literal(self.path.name)
        if self.version:
            yield SOURCE, DCTERMS.hasVersion, Literal(self.version)
        yield SCHEME, RDF.type, SKOS.ConceptScheme
        yield SCHEME, SKOS.prefLabel, Literal("Beroepenindeling ROA-CBS 2014 (BRC 2014)", lang="nl")
        yield SCHEME, SKOS.prefLabel, Literal("ROA-CBS occupational classification 2014 (BRC 2014)", lang="en")
        yield SCHEME, DCTERMS.source, SOURCE
        iri_of = {(c.level, c.code): c.iri for c in self.concepts}
        parent_level = {"beroepssegment": "beroepsklasse", "beroepsgroep": "beroepssegment"}
        for concept in self.concepts:
            node = concept.iri
            yield node, RDF.type, SKOS.Concept
            yield node, SKOS.inScheme, SCHEME
            yield node, SKOS.notation, Literal(concept.code)
            yield node, SKOS.prefLabel, Literal(concept.label, lang="nl")
            if concept.broader:
                yield node, SKOS.broader, iri_of[(parent_level[concept.level], concept.broader)]
            else:
                yield node, SKOS.topConceptOf, SCHEME
                yield SCHEME, SKOS.hasTopConcept, node
            yield node, DCTERMS.source, SOURCE
        isco = PREFIXES["isco"]
        for row in self.rows:
            relation = self.mapping(row)
            if relation is not None:
                yield iri_of[("beroepsgroep", row.group)], relation, URIRef(f"{isco}C{row.isco_group}")


def read(path: Path, version: str | None = "2014") -> BrcDataset:
    """Read and validate the BRC 2014 - ISCO-08 CSV; raises ``SourceFormatError``."""
    path = Path(path)
    if path.is_dir():
        raise SourceFormatError(path, "expected the BRC 2014 - ISCO-08 CSV file, not a directory")
    if not path.exists():
        raise SourceFormatError(path, "no such file or directory")
    with paused_gc():
        table = read_csv(path, COLUMNS)
        rows, concepts = _validate(table)
    return BrcDataset(path=path, version=version, rows=rows, concepts=concepts)


_DIGITS = {n: re.compile(rf"[0-9]{{{n}}}\Z") for n in (2, 3, 4)}  # ASCII digits only


def _validate(table: CsvTable) -> tuple[tuple[BrcRow, ...], tuple[BrcConcept, ...]]:
    path = table.path
    level_at = table.index("ISCO2008niveau")
    isco_seen: dict[str, int] = {}
    # (level, code) → (label, broader code, first line)
    concepts: dict[tuple[str, str], tuple[str, str, int]] = {}
    rows = []
    for line, row in table.rows:
        code = required_cell(table, line, row, "ISCO2008unitgroup")
        if not _DIGITS[4].match(code):
            raise SourceFormatError(path, f"{code!r} is not a 4-digit ISCO-08 code", line=line,
                                    where="column 'ISCO2008unitgroup'")
        first = isco_seen.setdefault(code, line)
        if first != line:
            raise SourceFormatError(path, f"ISCO code {code} appears twice (first on line {first}); "
                                    "the table must give each code one beroepsgroep", line=line,
                                    where="column 'ISCO2008unitgroup'")
        label = label_cell(table, line, row, "ISCO2008unitgrouplabel")
        if RESIDUAL_MARK in label and not code.endswith("0"):
            raise SourceFormatError(path, f"{code} is marked {RESIDUAL_MARK!r} (not further defined) but does not "
                                    "end in 0 like CBS's residual codes", line=line, where="column 'ISCO2008unitgroup'")
        codes = {}
        for n, (level, column, width) in enumerate(LEVELS):
            value = required_cell(table, line, row, column)
            if not _DIGITS[width].match(value):
                raise SourceFormatError(path, f"{value!r} is not a {width}-digit {level} code", line=line,
                                        where=f"column {column!r}")
            codes[level] = value
            broader = codes[LEVELS[n - 1][0]] if n else ""
            if broader and not value.startswith(broader):
                raise SourceFormatError(path, f"{level} {value} does not start with its {LEVELS[n - 1][0]} "
                                        f"code {broader}", line=line, where=f"column {column!r}")
            name = label_cell(table, line, row, f"{column}_label")
            known = concepts.setdefault((level, value), (name, broader, line))
            if known[0] != name:
                raise SourceFormatError(path, f"{level} {value} is called {name!r} here but {known[0]!r} on line "
                                        f"{known[2]}", line=line, where=f"column '{column}_label'")
        rows.append(BrcRow(line, code, label, codes["beroepsgroep"], codes["beroepssegment"], codes["beroepsklasse"],
                           row[level_at].strip() if level_at is not None else ""))
    ordered = tuple(BrcConcept(level, code, label, broader)
                    for level, _, _ in LEVELS
                    for (lvl, code), (label, broader, _) in sorted(concepts.items()) if lvl == level)
    return tuple(rows), ordered
