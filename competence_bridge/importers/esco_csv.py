"""CSV files of the official data sets, decoded and checked: the shared reading of the CSV importers.

Every file is decoded completely (UTF-8, a byte-order mark allowed) and its records parsed before any
value is used; a problem raises :class:`~competence_bridge.errors.SourceFormatError` naming the file,
the line the record starts on and the column. Cells are cleaned (control characters, line separators)
and checked (IRIs an RDF store accepts, ISO dates) by the helpers here.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from competence_bridge.curated.limits import limits
from competence_bridge.errors import SourceFormatError
from competence_bridge.files import read_capped_blocks
from competence_bridge.sanitize import clean_block, clean_line, valid_iri

if TYPE_CHECKING:
    pass


BOM = b"\xef\xbb\xbf"
IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")
# ASCII digits only: in a str pattern \d also matches Arabic-Indic and other digits.
ISCO_CODE = re.compile(r"[0-9]{1,4}\Z")
ISCO_UNIT = re.compile(r"[0-9]{4}\Z")
OCCUPATION_CODE = re.compile(r"[0-9]{4}(\.[0-9]+)*\Z")
DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?\Z")
OCCUPATIONS_FILE = re.compile(r"occupations_([^_/\\]+)\.csv\Z")
VERSION = re.compile(r"(?<![\d.])v?(\d+\.\d+\.\d+)(?![\d.])")
SEPARATORS = re.compile(r"[\s,]+")


# --- CSV reading, shared by the CSV importers ------------------------------------------------------


class CsvTable:
    """A decoded, well-formed CSV file: its header and its records with the line each starts on.

    A plain class, not a dataclass (a load then imports no ``dataclasses``, with ``inspect``, ~7 ms), equal to a
    table of the same file, header and records.
    """

    __slots__ = ("_positions", "header", "path", "rows")

    def __init__(self, path: Path, header: tuple[str, ...], rows: tuple[tuple[int, list[str]], ...]) -> None:
        self.path = path
        self.header = header
        self.rows = rows
        self._positions = {name: position for position, name in enumerate(header)}

    def index(self, column: str) -> int | None:
        """Position of *column* in the header, or None when the file has no such column."""
        return self._positions.get(column)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CsvTable):
            return (self.path, self.header, self.rows) == (other.path, other.header, other.rows)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (equal by value, and its records are lists)

    def __repr__(self) -> str:
        return f"CsvTable(path={self.path!r}, header={self.header!r}, rows={self.rows!r})"


def decode_utf8(path: Path) -> str:
    """The text of *path*, strictly UTF-8 (a leading BOM is dropped); a bad byte names its line.

    :raises SourceFormatError: also for a file larger than ``csv_file_bytes`` (``taxonomies/limits.yaml``)
    """
    return "".join(decode_chunks(path))


#: Bytes per piece of a file :func:`decode_chunks` decodes (then a little more, to the end of the line).
CHUNK_BYTES = 1 << 16


def decode_chunks(path: Path) -> list[str]:
    """The text of *path* as :func:`decode_utf8` gives it, in pieces of at most about :data:`CHUNK_BYTES` (more for a
    longer line) that end at line feeds (and so on whole UTF-8 characters), every piece decoded before this returns.

    Pieces are cheaper to read on than one text: each piece is as wide as its own widest character (a ``„``
    makes only its piece two bytes a character), and a piece stays in the processor's cache while it is split and
    parsed (reading a CSV file so costs about a quarter less at ESCO's size, a third at four times it). The file is
    read a block at a time (:func:`~competence_bridge.files.read_capped_blocks`), not whole.

    :raises SourceFormatError: as :func:`decode_utf8`
    """
    pieces: list[str] = []
    rest: list[bytes] = []  # what came after the last line feed so far
    for block in read_capped_blocks(path, limits().csv_file_bytes, limit_name="csv_file_bytes", size=CHUNK_BYTES):
        end = block.rfind(b"\n") + 1
        if end:
            _decode_into(pieces, b"".join((*rest, block[:end])) if rest else block[:end], path)
            rest = [block[end:]] if end < len(block) else []
        else:
            rest.append(block)
    if rest:
        _decode_into(pieces, b"".join(rest), path)
    return pieces


def _decode_into(pieces: list[str], data: bytes, path: Path) -> None:
    """Add *data* (the next bytes of the file, whole lines or its last one) decoded to *pieces*, less the byte-order
    mark it starts with when it is the first piece; a bad byte names its line."""
    start = len(BOM) if not pieces and data.startswith(BOM) else 0
    try:
        text = data[start:].decode("utf-8") if start else data.decode("utf-8")
        if text:  # not a file of a byte-order mark alone
            pieces.append(text)
    except UnicodeDecodeError as error:
        line = sum(piece.count("\n") for piece in pieces) + data.count(b"\n", 0, start + error.start) + 1
        raise SourceFormatError(path, f"not UTF-8: byte 0x{data[start + error.start]:02x} cannot be decoded; save the "
                                "file as UTF-8", line=line) from None


def read_csv(path: Path, required: Sequence[str], *,
             min_fields: Callable[[tuple[str, ...], list[str]], int] | None = None) -> CsvTable:
    """Read a whole comma-separated file with a header row, or raise ``SourceFormatError``.

    Checks: UTF-8, not empty, every *required* column present, no duplicate column names,
    well-formed quoting, at least one record, and every record exactly as long as the header.
    *min_fields(header, record)*, when given, says how short a record may be (ESCO's
    skillsHierarchy file leaves off the empty code columns at the end of a record).
    """
    pieces = decode_chunks(path)
    if all(map(str.isspace, pieces)):  # not text.strip(), which copies the whole text; true for no pieces
        raise SourceFormatError(path, "the file is empty; expected a CSV header row")
    cap = limits().cell_chars
    reader = csv.reader(itertools.chain.from_iterable(map(_lines, pieces)), strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1  # the line the current record starts on
    before = csv.field_size_limit(cap)  # the csv module refuses a longer field itself (a field of cap is fine)
    try:
        header = tuple(name.strip() for name in next(reader))
        _check_header(path, header, required)
        width = len(header)
        line = reader.line_num + 1
        for row in reader:
            if row:  # csv yields [] for a blank line
                if len(row) != width and not (min_fields and min_fields(header, row) <= len(row) < width):
                    raise SourceFormatError(
                        path, f"the record has {len(row)} fields but the header has {width}; "
                        "is the file truncated or a quote missing?", line=line)
                rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SourceFormatError(path, f"a field is longer than {cap:,} characters, the limit cell_chars of "
                                    "taxonomies/limits.yaml", line=line) from None
        if "unexpected end of data" in str(error):
            raise SourceFormatError(path, "unterminated quoted field: the record starting on this line "
                                    "runs to the end of the file", line=line) from None
        raise SourceFormatError(path, f"malformed CSV: {error}", line=line) from None
    finally:
        csv.field_size_limit(before)
    if not rows:
        raise SourceFormatError(path, "the file has a header but no records")
    return CsvTable(path, header, tuple(rows))


#: Line breaks of ``str.splitlines`` that a CSV reader (``newline=""``) does not break at.
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _lines(text: str) -> Iterable[str]:
    """The lines of *text* as ``io.StringIO(text, newline="")`` gives them (at ``\\n``, ``\\r``, ``\\r\\n``, ends
    kept): a list made by ``splitlines`` when no other break is in the text (about a fifth faster to parse).

    The lines of a file are those of its pieces (:func:`decode_chunks`), one after the other: a piece ends at a
    line feed, so no line and no ``\\r\\n`` spans two pieces."""
    if any(mark in text for mark in _OTHER_BREAKS):
        return io.StringIO(text, newline="")
    return text.splitlines(keepends=True)


def _check_header(path: Path, header: tuple[str, ...], required: Sequence[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise SourceFormatError(path, f"column {name!r} appears twice in the header", line=1)
        seen.add(name)
    for name in required:
        if name not in seen:
            raise SourceFormatError(
                path, f"missing required column {name!r}; the header has {', '.join(header)}", line=1)


def cell(row: list[str], index: int | None) -> str:
    """The stripped value at *index*, or '' for a column the file does not have or a cut-off record."""
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def values_of(table: CsvTable, columns: Sequence[str]) -> Callable[[list[str]], list[str]]:
    """A function giving the stripped values of *columns* in one record, '' for a column the file lacks.

    The same values as :func:`cell` for each column, in one step; the records must be as long as the
    header, as :func:`read_csv` makes them when it has no *min_fields*.
    """
    positions = [table.index(column) for column in columns]
    if None in positions or len(positions) < 2:
        return lambda row: [cell(row, position) for position in positions]
    get = operator.itemgetter(*positions)
    return lambda row: [value.strip() for value in get(row)]


def required_cell(table: CsvTable, line: int, row: list[str], column: str) -> str:
    """The value of a required column; an empty value raises ``SourceFormatError``."""
    return required(table, line, cell(row, table.index(column)), column)


def required(table: CsvTable, line: int, value: str, column: str) -> str:
    """*value* of a required *column*, unless it is empty (``SourceFormatError``)."""
    if not value:
        raise SourceFormatError(table.path, "empty value", line=line, where=f"column {column!r}")
    return value


def label_cell(table: CsvTable, line: int, row: list[str], column: str) -> str:
    """A required label: cleaned like a curated label (controls and invisible characters dropped), not empty."""
    return label(table, line, cell(row, table.index(column)), column)


def label(table: CsvTable, line: int, value: str, column: str) -> str:
    """*value* of a required label *column*, cleaned as :func:`label_cell` cleans it."""
    if value and "\n" not in value and plain_lines(value):
        return value  # clean_line would give it back as it is
    value = clean_line(required(table, line, value, column))
    if not value:
        raise SourceFormatError(table.path, "empty value (after dropping control characters)", line=line,
                                where=f"column {column!r}")
    return value


def iri_cell(table: CsvTable, line: int, row: list[str], column: str) -> str:
    """A required column holding one http(s) IRI."""
    value = required_cell(table, line, row, column)
    check_iri(table, line, value, column)
    return value


def check_iri(table: CsvTable, line: int, value: str, column: str) -> None:
    """Refuse *value* unless it is an http(s) IRI an RDF store accepts (no ``%zz``, controls, ``http://[``)."""
    if _good_iri(value):
        return
    if not IRI.match(value):
        raise SourceFormatError(table.path, f"{shown(value)} is not an http(s) IRI", line=line,
                                where=f"column {column!r}")
    if not valid_iri(value):
        raise SourceFormatError(table.path, f"{shown(value)} is not a valid IRI (a '%' needs two hex digits; "
                                "no control characters; a valid host)", line=line, where=f"column {column!r}")


@functools.lru_cache(maxsize=4096)
def _good_iri(value: str) -> bool:
    """*value* passes both checks of :func:`check_iri`; cached, as schemes and notes repeat on every record."""
    return IRI.match(value) is not None and valid_iri(value)


def shown(value: str) -> str:
    """*value* for a message: quoted, escaped, cut at 80 characters."""
    return repr(value[:80] + ("…" if len(value) > 80 else ""))



def labels_cell(value: str) -> tuple[str, ...]:
    """Newline-separated labels, cleaned (:func:`~competence_bridge.sanitize.clean_line`), no empties or repeats."""
    if not value:
        return ()
    if plain_lines(value):
        return tuple(dict.fromkeys(filter(None, value.split("\n"))))
    return tuple(dict.fromkeys(filter(None, map(clean_line, value.splitlines()))))


def plain_lines(value: str) -> bool:
    """Every line of *value* (split at line feeds only) is already as :func:`~competence_bridge.sanitize.clean_line`
    leaves it, or empty.

    True when the text without its line feeds is printable (so no other line break, control or
    format character, and no whitespace but the space) and no space doubles or touches a line's
    ends: then ``value.split("\\n")`` gives the lines ``splitlines`` and ``clean_line`` give.
    """
    return (value.replace("\n", " ").isprintable() and "  " not in value and " \n" not in value
            and "\n " not in value and value[:1] != " " and value[-1:] != " ")


def text_cell(value: str) -> str:
    """A description: line breaks kept, control characters dropped (:func:`~competence_bridge.sanitize.clean_block`)."""
    return clean_block(value.replace("\r\n", "\n") if "\r" in value else value)


def iris_cell(table: CsvTable, line: int, value: str, column: str) -> tuple[str, ...]:
    """Several IRIs separated by newlines and/or commas (ESCO uses both)."""
    result = tuple(dict.fromkeys(part for part in SEPARATORS.split(value) if part))
    for iri in result:
        check_iri(table, line, iri, column)
    return result


def date_time_cell(table: CsvTable, line: int, value: str, column: str) -> str:
    """An ISO 8601 date and time that exists (``2020-99-99`` refused), or the empty string."""
    if value and not DATE_TIME.match(value):
        raise SourceFormatError(table.path, f"{shown(value)} is not an ISO 8601 date and time", line=line,
                                where=f"column {column!r}")
    if value:
        try:
            dt.datetime.fromisoformat(value)
        except ValueError as error:
            raise SourceFormatError(table.path, f"{shown(value)} is not a date and time: {error}", line=line,
                                    where=f"column {column!r}") from None
    return value


def normal_date_time(value: str) -> str:
    """rdflib's normal form of an ``xsd:dateTime`` such as ``2024-01-25T11:28:50.295Z``
    (``2024-01-25T11:28:50.295000+00:00``): the lexical form of ``Literal(value, datatype=XSD.dateTime)``.

    Made as rdflib makes it on Python 3.11 and later (``datetime.fromisoformat``, then ``isoformat``), without
    importing rdflib; a value that does not parse goes to rdflib itself, which leaves it as it is.
    """
    try:
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        from rdflib import Literal
        from rdflib.namespace import XSD

        return str(Literal(value, datatype=XSD.dateTime))


def note_cell(table: CsvTable, line: int, value: str) -> str:
    """A regulated-profession note: an IRI (checked) or a text (cleaned)."""
    if IRI.match(value):
        check_iri(table, line, value, "regulatedProfessionNote")
        return value
    return text_cell(value)


def check_unique(table: CsvTable, line: int, uri: str, seen: dict[str, int], column: str = "conceptUri") -> None:
    """Refuse *uri* when an earlier line of the table had it (*seen*: value → first line)."""
    first = seen.setdefault(uri, line)
    if first != line:
        raise SourceFormatError(table.path, f"duplicate {uri} (first on line {first})", line=line,
                                where=f"column {column!r}")

