"""The file shape of ESCO national-classification mapping tables, as published for EURES.

A table is a CSV file: a metadata block of ``key,value`` lines ("Mapping project name", …,
"Classification 2 Language"), blank lines, then a header row starting with "Classification 1 URI"
and one record per mapping row. Column names differ in case between tables ("Mapping relation",
"Mapping Relation") and are matched case-insensitively. This module reads that shape into plain
records, checking everything a single cell or line can show; :mod:`competence_bridge.importers.esco_mapping`
turns the records into concepts and SSSOM mappings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from competence_bridge.errors import SourceFormatError
from competence_bridge.importers.esco_csv import decode_utf8
from competence_bridge.vocabulary import PREDICATES

#: The header's first column, how the header row is recognised.
FIRST_COLUMN = "classification 1 uri"
#: Columns every table must have (compared case-insensitively).
REQUIRED_COLUMNS = ("Classification 1 URI", "Classification 2 ID", "Mapping relation")
#: Metadata keys every table must have.
REQUIRED_KEYS = ("Mapping project name", "Classification 1 Name", "Classification 1 Concept type",
                 "Classification 2 Name", "Classification 2 Concept type")
#: Author values that mean "not named" (the ESCO mapping tool's placeholder).
NO_AUTHOR = frozenset({"", "default-author"})
#: Day 0 of spreadsheet serial dates (the 1900 date system, after its 1900-02-29 bug).
SPREADSHEET_EPOCH = dt.date(1899, 12, 30)

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z", re.IGNORECASE)
_ESCO_URI = re.compile(r"https?://data\.europa\.eu/esco/(occupation|skill|isco)/([^/\s]+)\Z")
_ISCO = re.compile(r"C\d{1,4}\Z")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\Z")
_DMY_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\Z")
_SERIAL = re.compile(r"(\d{4,6})(?:\.0+)?\Z")
_VERSION = re.compile(r"\d+(?:[.,]\d+)*")
_LABEL_COLUMN = re.compile(r"classification 2 preflabel(?: ([a-z]{2}))?\Z")


@dataclass(frozen=True)
class Classification:
    """One side of the table as its metadata describes it."""

    name: str
    concept_type: str  # as written: "Occupation", "occupations", "Competence", ...
    version: str | None  # normalised: "3,8" and "Competent 3.8" become "3.8", "V1.0.3" becomes "1.0.3"
    raw_version: str
    languages: tuple[str, ...]  # "nl/fr" becomes ("nl", "fr")
    landing_page: str | None

    @property
    def kind(self) -> str:
        """``occupation`` or ``competence``, from the concept type."""
        return "competence" if self.concept_type.lower().startswith(("competen", "skill")) else "occupation"


@dataclass(frozen=True)
class Metadata:
    """The metadata block: the project, its author and date, and the two classifications."""

    name: str
    author: str | None  # None when the table names none (empty or the tool's "default-author")
    raw_author: str
    version: str | None
    date: dt.date | None
    esco: Classification  # "Classification 1"
    national: Classification  # "Classification 2"
    lines: dict[str, int]  # metadata key (lower case) -> line


@dataclass(frozen=True, slots=True)
class Record:
    """One mapping row, its cells checked; the relation is still as written in the table."""

    line: int
    esco_kind: str  # "occupation", "skill" or "isco" (ESCO's concept of an ISCO-08 group)
    esco_uuid: str  # lower case; for an ISCO group its code, e.g. "C0310"
    esco_code: str  # ESCO's code where the table gives one, e.g. "2166.4.7"
    esco_label: str
    national_id: str
    national_uri: str  # the national classification's own identifier, where given
    labels: tuple[tuple[str, str], ...]  # (language, label) of the national concept
    relation: str  # a SKOS mapping predicate CURIE, as the table states it
    note: str  # the "Editorial Note", if any


@dataclass(frozen=True)
class RawTable:
    """A table read line by line: metadata, header and records."""

    path: Path
    metadata: Metadata
    header: tuple[str, ...]
    records: tuple[Record, ...]


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """Every CSV record of the file with the line it starts on."""
    text = decode_utf8(path)
    if not text.strip():
        raise SourceFormatError(path, "the file is empty; expected a metadata block and a header row")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise SourceFormatError(path, "unterminated quoted field: the record starting on this line runs to "
                                    "the end of the file", line=line) from None
        raise SourceFormatError(path, f"malformed CSV: {error}", line=line) from None
    return rows


def _blank(row: list[str]) -> bool:
    return not any(value.strip() for value in row)


def _looks_like_data(value: str) -> bool:
    value = value.strip()
    return bool(_UUID.match(value) or value.lower().startswith(("http://", "https://")))


def read_table(path: Path) -> RawTable:
    """Read the metadata block, the header and every record, or raise ``SourceFormatError``."""
    rows = _rows(path)
    meta: dict[str, tuple[str, str, int]] = {}  # lower key -> (key, value, line)
    header_at = None
    for index, (line, row) in enumerate(rows):
        if _blank(row):
            continue
        first = row[0].strip()
        if first.lower() == FIRST_COLUMN:
            header_at = index
            break
        if _looks_like_data(first):
            raise SourceFormatError(path, "missing header row: a mapping row comes before any header row starting "
                                    "with 'Classification 1 URI'", line=line, where="column 1")
        known = meta.get(first.lower())
        if known is not None:
            raise SourceFormatError(path, f"metadata key {first!r} appears twice (first on line {known[2]})",
                                    line=line, where="column 1")
        meta[first.lower()] = (first, row[1].strip() if len(row) > 1 else "", line)
    if header_at is None:
        raise SourceFormatError(path, "missing header row: no row starts with 'Classification 1 URI'")
    header_line, header_row = rows[header_at]
    header = tuple(name.strip() for name in header_row)
    columns = _columns(path, header_line, header)
    metadata = _metadata(path, meta, header_line)
    label_columns = _label_columns(path, header_line, header, metadata.national)
    records = []
    for line, row in rows[header_at + 1:]:
        if _blank(row):
            continue
        if len(row) != len(header):
            raise SourceFormatError(path, f"the record has {len(row)} fields but the header has {len(header)}; "
                                    "is the file truncated or a quote missing?", line=line)
        records.append(_record(path, line, row, header, columns, label_columns, metadata))
    if not records:
        raise SourceFormatError(path, "the table has a header row but no mapping rows", line=header_line)
    return RawTable(path, metadata, header, tuple(records))


def _columns(path: Path, line: int, header: tuple[str, ...]) -> dict[str, int]:
    """Lower-case column name -> position; duplicate and missing columns raise."""
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        key = name.lower()
        if not key:
            continue
        if key in positions:
            raise SourceFormatError(path, f"column {name!r} appears twice in the header", line=line,
                                    where=f"column {position + 1}")
        positions[key] = position
    for name in REQUIRED_COLUMNS:
        if name.lower() not in positions:
            raise SourceFormatError(path, f"missing required column {name!r}; the header has "
                                    f"{', '.join(h for h in header if h)}", line=line)
    return positions


def _label_columns(path: Path, line: int, header: tuple[str, ...], national: Classification) -> list[tuple[str, int]]:
    """(language, position) of the national labels: the language-suffixed columns, else the plain one.

    A plain "Classification 2 PrefLabel" beside language-suffixed ones is ignored (in BLM_mapping.csv
    it repeats the Dutch and the French label on alternate rows, which is why every row is there twice).
    """
    suffixed, plain = [], None
    for position, name in enumerate(header):
        match = _LABEL_COLUMN.match(name.lower())
        if match and match.group(1):
            suffixed.append((match.group(1), position))
        elif match:
            plain = position
    if suffixed:
        return suffixed
    if plain is None:
        return []
    if len(national.languages) != 1:
        raise SourceFormatError(path, "the column 'Classification 2 PrefLabel' has no language and "
                                f"'Classification 2 Language' is {'/'.join(national.languages) or 'empty'}; "
                                "name the label columns by language (e.g. 'Classification 2 PrefLabel NL')",
                                line=line, where=f"column {plain + 1}")
    return [(national.languages[0], plain)]


def _metadata(path: Path, meta: dict[str, tuple[str, str, int]], header_line: int) -> Metadata:
    for key in REQUIRED_KEYS:
        entry = meta.get(key.lower())
        if entry is None:
            raise SourceFormatError(path, f"metadata {key!r} is missing; expected a line '{key},<value>' above the "
                                    "header row", line=header_line)
        if not entry[1]:
            raise SourceFormatError(path, f"metadata {key!r} is empty", line=entry[2], where="column 2")

    def value(key: str) -> str:
        entry = meta.get(key.lower())
        return entry[1] if entry else ""

    def classification(n: int) -> Classification:
        raw = value(f"Classification {n} Version")
        found = _VERSION.search(raw)
        languages = tuple(part for part in re.split(r"[\s/,;]+", value(f"Classification {n} Language").lower()) if part)
        return Classification(value(f"Classification {n} Name"), value(f"Classification {n} Concept type"),
                              found.group(0).replace(",", ".") if found else None, raw, languages,
                              value(f"Classification {n} Landing page") or None)

    raw_date = meta.get("mapping project version date")
    date = parse_date(path, raw_date[1], raw_date[2]) if raw_date and raw_date[1] else None
    version = _VERSION.search(value("Mapping project version"))
    author = value("Mapping project author")
    return Metadata(value("Mapping project name"), None if author.lower() in NO_AUTHOR else author, author,
                    version.group(0).replace(",", ".") if version else None, date, classification(1),
                    classification(2), {key: line for key, (_, _, line) in meta.items()})


def parse_date(path: Path, value: str, line: int) -> dt.date:
    """An ISO date, a d-m-yyyy date or a spreadsheet serial number (44355 is 2021-06-08) as a date.

    >>> parse_date(Path("t.csv"), "44355", 4), parse_date(Path("t.csv"), "22-8-2021", 4)
    (datetime.date(2021, 6, 8), datetime.date(2021, 8, 22))
    """
    try:
        if match := _ISO_DATE.match(value):
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _DMY_DATE.match(value):
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match := _SERIAL.match(value):
            return SPREADSHEET_EPOCH + dt.timedelta(days=int(match.group(1)))
    except (ValueError, OverflowError):
        pass
    raise SourceFormatError(path, f"{value!r} is not a date (expected yyyy-mm-dd, d-m-yyyy or a spreadsheet "
                            "serial number)", line=line, where="column 2")


def _record(path: Path, line: int, row: list[str], header: tuple[str, ...], columns: dict[str, int],
            label_columns: list[tuple[str, int]], metadata: Metadata) -> Record:
    def cell(name: str) -> str:
        position = columns.get(name.lower())
        return row[position].strip() if position is not None else ""

    def where(name: str) -> str:
        return f"column {header[columns[name.lower()]]!r}"

    expected = "skill" if metadata.esco.kind == "competence" else "occupation"
    esco_kind, uuid = esco_id(path, line, cell("Classification 1 URI"), where("Classification 1 URI"), expected)
    url = cell("Classification 1 URL")
    if url:
        _, url_uuid = esco_id(path, line, url, where("Classification 1 URL"), expected)
        if url_uuid != uuid:
            raise SourceFormatError(path, f"the URL names ESCO concept {url_uuid}, the URI column {uuid}", line=line,
                                    where=where("Classification 1 URL"))
    national_id = cell("Classification 2 ID")
    if not national_id:
        raise SourceFormatError(path, "empty value", line=line, where=where("Classification 2 ID"))
    labels = tuple((lang, row[position].strip()) for lang, position in label_columns if row[position].strip())
    if label_columns and not labels:
        raise SourceFormatError(path, f"no label for {national_id}", line=line,
                                where=f"column {header[label_columns[0][1]]!r}")
    return Record(line, esco_kind, uuid, cell("Classification 1 ID"), cell("Classification 1 PrefLabel"), national_id,
                  cell("Classification 2 URI"), labels,
                  relation(path, line, cell("Mapping relation"), where("Mapping relation")), cell("Editorial Note"))


def esco_id(path: Path, line: int, value: str, where: str, expected: str) -> tuple[str, str]:
    """(kind, uuid) of a bare ESCO UUID or an ESCO URI; anything else raises ``SourceFormatError``.

    An occupation table may also point at ESCO's concept of an ISCO-08 group
    (``http://data.europa.eu/esco/isco/C0310``, as 97 rows of NL_mapping.csv do): kind ``isco``.
    """
    if _UUID.match(value):
        return expected, value.lower()
    match = _ESCO_URI.match(value)
    if match and match.group(1) == "isco" and _ISCO.match(match.group(2)) and expected == "occupation":
        return "isco", match.group(2)
    if match and _UUID.match(match.group(2)):
        if match.group(1) != expected:
            raise SourceFormatError(path, f"{value} is an ESCO {match.group(1)}, but the table maps ESCO "
                                    f"{expected}s (Classification 1 Concept type)", line=line, where=where)
        return match.group(1), match.group(2).lower()
    shown = repr(value) if value else "an empty value"
    raise SourceFormatError(path, f"{shown} is not an ESCO id: expected a UUID or an ESCO URI such as "
                            f"http://data.europa.eu/esco/{expected}/<uuid>", line=line, where=where)


def relation(path: Path, line: int, value: str, where: str) -> str:
    """The SKOS mapping predicate of a row, as a ``skos:`` CURIE (a full SKOS IRI is accepted too)."""
    curie = "skos:" + value[len(_SKOS):] if value.startswith(_SKOS) else value
    if curie not in PREDICATES:
        shown = repr(value) if value else "an empty value"
        raise SourceFormatError(path, f"unknown mapping relation {shown}; expected one of {', '.join(PREDICATES)}",
                                line=line, where=where)
    return curie


def fan_out_evidence(triples: Iterable[tuple[str, str, str]]) -> tuple[float, int]:
    """Which way a table's hierarchical relations read, from (national id, ESCO uuid, relation as written).

    Where one concept is narrower than the other, the narrower side is the more numerous: many
    ESCO occupations under one broad national occupation, or the reverse. If the relations read
    national → ESCO (``national skos:narrowMatch esco``: ESCO is narrower), the narrowMatch rows
    hold more distinct ESCO than national concepts and the broadMatch rows fewer. The evidence is the
    row-weighted mean of log(distinct ESCO / distinct national) over the narrowMatch rows and of its
    negation over the broadMatch rows: positive means national → ESCO, negative ESCO → national.
    Give each distinct (national id, ESCO id, relation) once. Returns (evidence, number of them
    that are broad or narrow).
    """
    sides: dict[str, tuple[set[str], set[str], list[int]]] = {
        p: (set(), set(), [0]) for p in ("skos:narrowMatch", "skos:broadMatch")}
    for national, esco, predicate in triples:
        if predicate in sides:
            nationals, escos, count = sides[predicate]
            nationals.add(national)
            escos.add(esco)
            count[0] += 1
    total, weighted = 0, 0.0
    for predicate, sign in (("skos:narrowMatch", 1.0), ("skos:broadMatch", -1.0)):
        nationals, escos, count = sides[predicate]
        if count[0]:
            weighted += sign * count[0] * math.log(len(escos) / len(nationals))
            total += count[0]
    return (weighted / total if total else 0.0), total
