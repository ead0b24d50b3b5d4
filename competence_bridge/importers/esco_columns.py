"""The ESCO occupations file (and the ISCO and skill group files) checked a column at a time: the fast path of the
reader, for files without problems.

:func:`occupation_values` makes exactly the values the record-by-record loop of
:func:`competence_bridge.importers.esco._read_occupations` makes, from the same table, but checks
and cleans whole columns with a few calls each (C loops over joined text, sets, ``map``) instead
of a dozen Python calls per record. It accepts only what that loop accepts: at the first value
it cannot vouch for it gives up (``None``) and the loop reads the file again, record by record,
so a problem is still reported as the loop reports it (file, line, column, message; the first
problem in file order). ``tests/test_esco_columns.py`` compares the two paths on generated files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import chain, compress, pairwise, repeat
from operator import itemgetter
from typing import Any

from competence_bridge.importers.esco_csv import (
    DATE_TIME,
    IRI,
    ISCO_CODE,
    ISCO_UNIT,
    OCCUPATION_CODE,
    SEPARATORS,
    CsvTable,
    labels_cell,
    plain_lines,
    text_cell,
)
from competence_bridge.sanitize import _BLOCK_DROP, clean_line

#: The columns of the occupations file the reader uses, in the order of its records' values.
OCCUPATION_COLUMNS = ("conceptUri", "iscoGroup", "code", "preferredLabel", "altLabels", "hiddenLabels", "status",
                      "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "description", "inScheme")
#: The same for the ISCO groups file and the skill groups file.
ISCO_GROUP_COLUMNS = ("conceptUri", "code", "preferredLabel", "altLabels", "status", "description", "inScheme")
SKILL_GROUP_COLUMNS = ("conceptUri", "code", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate",
                       "scopeNote", "description", "inScheme")
#: Cells checked together in one joined text: a cell that needs cleaning sends only its chunk the slow way.
CHUNK = 256
#: Cells of label lists checked together (:func:`label_lists`): small, as a chunk that needs cleaning is cleaned
#: cell by cell (a cell that is plain costs little more so) and a small text stays in cache.
LABEL_CHUNK = 64


class _Refused(Exception):
    """A value the fast path cannot vouch for: the record-by-record loop decides."""


def columns(table: CsvTable, names: Sequence[str]) -> list[list[str]]:
    """The stripped values of each of *names*, a column at a time ('' for a column the file lacks).

    The records must be as long as the header, as :func:`~competence_bridge.importers.esco_csv.read_csv`
    makes them without *min_fields*.
    """
    transposed = list(zip(*(row for _, row in table.rows), strict=True))
    count = len(table.rows)
    result = []
    for name in names:
        position = table.index(name)
        result.append(list(map(str.strip, transposed[position])) if position is not None else [""] * count)
    return result


def occupation_values(table: CsvTable, known_groups: set[str] | None) -> list[tuple[Any, ...]] | None:
    """Each record's checked and cleaned values, as the reader's loop makes them, or None to leave it to the loop.

    :param known_groups: the ISCO group codes of the ISCOGroups file, or None when there is none
    """
    found = occupation_columns(table, known_groups)
    return None if found is None else list(zip(*found, strict=True))


def occupation_columns(table: CsvTable, known_groups: set[str] | None) -> list[list[Any]] | None:
    """:func:`occupation_values` a column at a time (the values of :data:`OCCUPATION_COLUMNS`, in order)."""
    try:
        return _occupation_columns(table, known_groups)
    except _Refused:
        return None


def _occupation_columns(table: CsvTable, known_groups: set[str] | None) -> list[list[Any]]:
    uri, group, code, preferred, alt, hidden, status, modified, regulated, scope, definition, description, \
        scheme = columns(table, OCCUPATION_COLUMNS)
    _require(_unique_iris(uri))
    groups = set(group)
    _require(all(groups) and all(map(ISCO_UNIT.match, groups)))
    _require(known_groups is None or groups <= known_groups)
    codes = [value for value in code if value]
    _require(len(set(codes)) == len(codes) and all(map(OCCUPATION_CODE.match, codes)))
    _require(good_date_times(set(modified) - {""}))
    notes = {value: _note(value) for value in set(regulated)}
    return [uri, group, code, chunked(preferred, _plain_labels, _label),
            label_lists(alt), label_lists(hidden), status, modified,
            list(map(notes.__getitem__, regulated)),
            chunked(scope, _plain_text, text_cell), chunked(definition, _plain_text, text_cell),
            chunked(description, _plain_text, text_cell), _schemes(scheme)]


def isco_group_columns(table: CsvTable) -> list[list[Any]] | None:
    """The checked and cleaned values of the ISCO groups file (:data:`ISCO_GROUP_COLUMNS`, a list each), as the
    reader's loop makes them, or None to leave the file to the loop."""
    try:
        uri, code, preferred, alt, status, description, scheme = columns(table, ISCO_GROUP_COLUMNS)
        _require(_unique_iris(uri) and all(code) and len(set(code)) == len(code) and all(map(ISCO_CODE.match, code)))
        codes = set(code)
        _require(all(value[:-1] in codes for value in code if len(value) > 1))  # every group's parent is there
        return [uri, code, chunked(preferred, _plain_labels, _label), label_lists(alt), status,
                chunked(description, _plain_text, text_cell), _schemes(scheme)]
    except _Refused:
        return None


def skill_group_columns(table: CsvTable) -> list[list[Any]] | None:
    """:func:`isco_group_columns` for the skill groups file (:data:`SKILL_GROUP_COLUMNS`)."""
    try:
        uri, code, preferred, alt, hidden, status, modified, scope, description, scheme = columns(
            table, SKILL_GROUP_COLUMNS)
        _require(_unique_iris(uri) and good_date_times(set(modified) - {""}))
        return [uri, code, chunked(preferred, _plain_labels, _label), label_lists(alt), label_lists(hidden), status,
                modified, chunked(scope, _plain_text, text_cell), chunked(description, _plain_text, text_cell),
                _schemes(scheme)]
    except _Refused:
        return None


def hierarchy_broader(table: CsvTable, uri_at: Sequence[int]) -> dict[str, str] | None:
    """Each skill group's broader group in ``skillsHierarchy`` (*table*; its Level URI columns at *uri_at*, the
    records at least that long), as ``esco._read_skills_hierarchy``'s loop makes it, or None to leave it to the loop:
    a Level 0 URI on every record, no value below an empty one, every value a good IRI, one broader group each."""
    rows = [row for _, row in table.rows]
    levels = [list(map(str.strip, map(itemgetter(at), rows))) for at in uri_at]
    pairs = list(pairwise(levels))
    if not (all(levels[0]) and all(all(compress(upper, lower)) for upper, lower in pairs)):
        return None
    if not good_iris(list(set(chain.from_iterable(levels)).difference(("",)))):
        return None
    broader: dict[str, str] = {}
    for upper, lower in pairs:
        broader.update(zip(compress(lower, lower), compress(upper, lower), strict=True))
    if not all(all(map(str.__eq__, map(broader.__getitem__, compress(lower, lower)), compress(upper, lower)))
               for upper, lower in pairs):
        return None  # a group under two others
    return broader


def _unique_iris(values: list[str]) -> bool:
    """Concept IRIs as the loop requires them: none empty, none twice, each good (:func:`good_iris`)."""
    return all(values) and len(set(values)) == len(values) and good_iris(values)


def _schemes(values: list[str]) -> list[tuple[str, ...]]:
    """The IRIs of each ``inScheme`` cell, each distinct cell split and checked once (:func:`_iris`)."""
    schemes = {value: _iris(value) for value in set(values)}
    return list(map(schemes.__getitem__, values))


def _require(condition: bool) -> None:
    if not condition:
        raise _Refused


def chunked(values: list[str], plain: Callable[[list[str]], bool], clean: Callable[[str], Any],
            unchanged: Callable[[list[str]], list[Any]] = list) -> list[Any]:
    """*clean* of every value, as *unchanged* gives it for each chunk of :data:`CHUNK` values that are *plain*.

    *plain(chunk)* must mean that *clean* of each value in *chunk* equals *unchanged(chunk)*'s; it
    checks the chunk's values joined into one text, so that a chunk costs a few C loops.
    """
    result: list[Any] = []
    for start in range(0, len(values), CHUNK):
        _chunk_into(result, values[start:start + CHUNK], plain, clean, unchanged)
    return result


def _chunk_into(result: list[Any], chunk: list[str], plain: Callable[[list[str]], bool], clean: Callable[[str], Any],
                unchanged: Callable[[list[str]], list[Any]]) -> None:
    """Add :func:`chunked`'s values of *chunk* to *result*; a chunk that is not plain is halved until its plain
    halves are found (a few values in a chunk need cleaning, seldom all)."""
    if plain(chunk):
        result += unchanged(chunk)
    elif len(chunk) <= 8:
        result += map(clean, chunk)
    else:
        middle = len(chunk) // 2
        _chunk_into(result, chunk[:middle], plain, clean, unchanged)
        _chunk_into(result, chunk[middle:], plain, clean, unchanged)


def _plain_labels(chunk: list[str]) -> bool:
    """Non-empty one-line labels, each as clean_line leaves it."""
    text = "\n".join(chunk)
    return all(chunk) and text.count("\n") == len(chunk) - 1 and plain_lines(text)


def _label(value: str) -> str:
    value = clean_line(value)
    _require(bool(value))  # an empty label: the loop reports it
    return value


def label_lists(values: list[str]) -> list[tuple[str, ...]]:
    """:func:`~competence_bridge.importers.esco_csv.labels_cell` of each value, :data:`LABEL_CHUNK` values at a time:
    split at line feeds by C loops when every cell of the chunk is plain (:func:`_plain_cells`), else each value
    cleaned as ``labels_cell`` cleans it (a double space or a no-break space somewhere in the chunk)."""
    result: list[tuple[str, ...]] = []
    for start in range(0, len(values), LABEL_CHUNK):
        chunk = values[start:start + LABEL_CHUNK]
        if _plain_cells(chunk):
            filled = list(compress(chunk, chunk))
            if len(filled) == len(chunk):
                result += map(tuple, map(dict.fromkeys, map(str.split, chunk, repeat("\n"))))
            else:  # the empty cells (no labels) left out of the C loops: most hidden-label cells are empty
                labels = iter(list(map(tuple, map(dict.fromkeys, map(str.split, filled, repeat("\n"))))))
                result += [next(labels) if value else () for value in chunk]
        else:
            result += map(labels_cell, chunk)
    return result


def _plain_cells(chunk: list[str]) -> bool:
    """Every cell of *chunk* is as :func:`~competence_bridge.importers.esco_csv.plain_lines` wants it, no empty line.

    One text of the cells that are not empty, line feeds made spaces (same length: a copy without moving):
    printable, no two spaces together (a doubled space, a space beside a line feed, an empty line), none at an
    end. Four scans where ``plain_lines`` and a check for empty lines take eight.
    """
    text = "\n".join(filter(None, chunk)).replace("\n", " ")
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _plain_text(chunk: list[str]) -> bool:
    """Descriptions text_cell gives back unchanged: no carriage return, nothing it drops.

    Printable once the line feeds, tabs and no-break spaces ESCO's texts hold are made spaces (same-length copies)
    is enough, and a quicker scan than the pattern of what ``text_cell`` drops, which decides otherwise.
    """
    text = "".join(chunk)
    if text.replace("\n", " ").replace("\t", " ").replace("\xa0", " ").isprintable():
        return True
    return "\r" not in text and _BLOCK_DROP.search(text) is None


def good_iris(values: list[str]) -> bool:
    """Every value passes :func:`~competence_bridge.importers.esco_csv.check_iri`: the http(s) pattern and Oxigraph's
    own IRI parser."""
    if not all(map(IRI.match, values)):
        return False
    import pyoxigraph as ox

    try:
        for _ in map(ox.NamedNode, values):
            pass
    except ValueError:
        return False
    return True


def good_date_times(values: set[str]) -> bool:
    """Every value passes :func:`good_date_time` (checked by C loops: a ``map`` of the pattern, one of the parser)."""
    if not all(map(DATE_TIME.match, values)):
        return False
    try:
        for _ in map(dt.datetime.fromisoformat, values):
            pass
    except ValueError:
        return False
    return True


def good_date_time(value: str) -> bool:
    """*value* passes :func:`~competence_bridge.importers.esco_csv.date_time_cell` (a non-empty value)."""
    if not DATE_TIME.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _note(value: str) -> str:
    """:func:`~competence_bridge.importers.esco_csv.note_cell` of *value*, refusing a bad IRI."""
    if IRI.match(value):
        _require(good_iris([value]))
        return value
    return text_cell(value)


def _iris(value: str) -> tuple[str, ...]:
    """:func:`~competence_bridge.importers.esco_csv.iris_cell` of *value*, refusing a bad IRI."""
    result = tuple(dict.fromkeys(part for part in SEPARATORS.split(value) if part))
    _require(good_iris(list(result)))
    return result
