"""Read and write SSSOM/TSV: a ``#``-prefixed YAML metadata block, then a tab-separated table.

Writing is lossless for every :class:`~competence_bridge.sssom.mapping.Mapping` field and fills the
``curie_map`` with exactly the prefixes the rows use. Reading rejects, with file and line, a
CURIE whose prefix is missing from the ``curie_map``, an unknown predicate or justification, a
malformed metadata block, a file larger than ``csv_file_bytes`` and a cell longer than
``cell_chars`` (``taxonomies/limits.yaml``).

Spreadsheets: a free-text cell (:data:`FREE_TEXT`: labels, comment, other) that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a ``'`` in front, so a
spreadsheet opening the TSV shows text instead of running a formula; reading removes that one
``'`` again (:func:`~competence_bridge.sanitize.spreadsheet_escape`). Identifiers, predicates,
dates and numbers are never changed, so the file stays valid SSSOM.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import yaml
from pydantic import ValidationError

from competence_bridge.curated.limits import limits
from competence_bridge.curated.yaml_safe import parse_yaml
from competence_bridge.errors import SourceFormatError, TaxonomyError
from competence_bridge.files import read_capped
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.sanitize import spreadsheet_escape, spreadsheet_unescape
from competence_bridge.sssom.mapping import JUSTIFICATIONS, PREDICATES, Mapping, MappingSet

#: Column order of the table body: every Mapping field, in model order.
COLUMNS: tuple[str, ...] = tuple(Mapping.model_fields)

#: Prefixes every SSSOM file of ours may use besides those of its ids.
_BASE_PREFIXES = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "orcid": "https://orcid.org/",
}

#: Columns of free text a person reads; the spreadsheet rule of the module docstring applies to these only.
FREE_TEXT: frozenset[str] = frozenset({"subject_label", "object_label", "comment", "other"})


def _prefix(curie: str) -> str:
    return curie.partition(":")[0]


def curie_map_for(mappings: Iterable[Mapping], extra: dict[str, str] | None = None) -> dict[str, str]:
    """The curie_map covering every prefix used in *mappings* (ids, predicates, justifications)."""
    used: set[str] = set()
    for mapping in mappings:
        used.update(_prefix(value) for value in (mapping.subject_id, mapping.object_id, mapping.predicate_id,
                                                 mapping.mapping_justification))
        used.update(_prefix(value) for value in (mapping.author_id, mapping.reviewer_id) if value and ":" in value)
    known = {**PREFIXES, **_BASE_PREFIXES, **(extra or {})}
    missing = sorted(prefix for prefix in used if prefix not in known)
    if missing:
        raise ValueError(f"no namespace known for prefixes {', '.join(missing)}")
    return {prefix: known[prefix] for prefix in sorted(used | {"skos", "semapv"})}


def write_sssom(mapping_set: MappingSet, out: IO[str]) -> None:
    """Write *mapping_set* as SSSOM/TSV to a text stream."""
    curie_map = {**curie_map_for(mapping_set.mappings), **mapping_set.curie_map}
    metadata = mapping_set.model_dump(mode="json", exclude={"mappings", "curie_map"}, exclude_none=True)
    block = yaml.safe_dump({"curie_map": curie_map, **metadata}, sort_keys=False, allow_unicode=True, width=10_000)
    for line in block.splitlines():
        out.write(f"#{line}\n")
    rows = [mapping.model_dump(mode="json") for mapping in mapping_set.mappings]
    required = {"subject_id", "predicate_id", "object_id", "mapping_justification"}
    columns = [column for column in COLUMNS if column in required or any(row[column] is not None for row in rows)]
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[column] is None else _cell(row[column], column) for column in columns])


def _cell(value: Any, column: str) -> str:
    if isinstance(value, float):
        return repr(value)
    return spreadsheet_escape(str(value)) if column in FREE_TEXT else str(value)


def dumps_sssom(mapping_set: MappingSet) -> str:
    """SSSOM/TSV as a string."""
    buffer = io.StringIO()
    write_sssom(mapping_set, buffer)
    return buffer.getvalue()


#: An SSSOM file or a mapping set already read.
MappingsArg = str | Path | MappingSet


def mapping_set_of(mappings: MappingsArg) -> MappingSet:
    """*mappings* itself when it is a mapping set already read, else the SSSOM file it names, read."""
    return mappings if isinstance(mappings, MappingSet) else read_sssom(mappings)


def read_sssom(path: str | Path) -> MappingSet:
    """Read an SSSOM/TSV file written by us or another tool.

    :raises SourceFormatError: naming the file and line of the first problem
    """
    path = Path(path)
    raw = read_capped(path, limits().csv_file_bytes, limit_name="csv_file_bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceFormatError(path, "not UTF-8 text", line=raw[: error.start].count(b"\n") + 1) from None
    return parse_sssom(text, name=str(path))


def parse_sssom(text: str, *, name: str = "<sssom>") -> MappingSet:
    """Parse SSSOM/TSV text; see :func:`read_sssom`."""
    lines = text.splitlines(keepends=True)
    header = 0
    while header < len(lines) and lines[header].startswith("#"):
        header += 1
    caps = limits()
    try:
        metadata = parse_yaml("".join(line[1:] for line in lines[:header]), name, depth=caps.yaml_depth)[0] or {}
    except TaxonomyError as error:
        problem = error.problems[0]
        raise SourceFormatError(name, f"metadata block is not valid YAML: {problem.message}",
                                line=problem.line) from None
    if not isinstance(metadata, dict):
        raise SourceFormatError(name, "metadata block must be a YAML mapping", line=1)
    curie_map = metadata.get("curie_map") or {}
    if not isinstance(curie_map, dict):
        raise SourceFormatError(name, "curie_map must be a mapping of prefix to namespace", line=1)
    known = {**curie_map, **_BASE_PREFIXES}
    if csv.field_size_limit() < caps.cell_chars:
        csv.field_size_limit(caps.cell_chars)
    reader = csv.DictReader(io.StringIO("".join(lines[header:]), newline=""), delimiter="\t")
    try:
        columns = reader.fieldnames or []
    except csv.Error as error:
        raise SourceFormatError(name, _csv_problem(error, caps.cell_chars), line=header + 1) from None
    unknown = [column for column in columns if column not in COLUMNS]
    if unknown:
        raise SourceFormatError(name, f"unknown column(s) {', '.join(map(repr, unknown))}", line=header + 1)
    for required in ("subject_id", "predicate_id", "object_id", "mapping_justification"):
        if required not in columns:
            raise SourceFormatError(name, f"missing required column {required!r}", line=header + 1)
    mappings = []
    try:
        rows = list(reader)
    except csv.Error as error:
        raise SourceFormatError(name, _csv_problem(error, caps.cell_chars), line=header + reader.line_num + 1) from None
    for number, row in enumerate(rows, start=header + 2):
        if None in row:
            raise SourceFormatError(name, f"row has more cells than the {len(columns)} columns", line=number)
        longest = max((len(value) for value in row.values() if value), default=0)
        if longest > caps.cell_chars:
            raise SourceFormatError(name, _csv_problem(None, caps.cell_chars), line=number)
        values = {key: (None if not value else spreadsheet_unescape(value) if key in FREE_TEXT else value)
                  for key, value in row.items()}
        if values["predicate_id"] not in PREDICATES:
            raise SourceFormatError(name, f"unknown predicate {values['predicate_id']!r} "
                                          f"(expected one of {', '.join(PREDICATES)})", line=number)
        if values["mapping_justification"] not in JUSTIFICATIONS:
            raise SourceFormatError(name, f"unknown mapping_justification {values['mapping_justification']!r}",
                                    line=number)
        for column in ("subject_id", "object_id", "author_id", "reviewer_id"):
            value = values.get(column)
            if value and ":" in value and _prefix(value) not in known:
                raise SourceFormatError(name, f"prefix {_prefix(value)!r} of {column} {value!r} is not in the "
                                              "curie_map", line=number)
        try:
            mappings.append(Mapping.model_validate(values))
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            field = ".".join(str(part) for part in detail["loc"])
            raise SourceFormatError(name, f"{field}: {detail['msg']}", line=number) from None
    set_fields = {key: value for key, value in metadata.items() if key in MappingSet.model_fields}
    extra = sorted(set(metadata) - set(MappingSet.model_fields))
    if extra:
        raise SourceFormatError(name, f"unknown metadata key(s) {', '.join(extra)}", line=1)
    try:
        return MappingSet.model_validate({**set_fields, "curie_map": curie_map, "mappings": mappings})
    except ValidationError as error:
        detail = error.errors(include_url=False)[0]
        where = ".".join(map(str, detail["loc"]))
        raise SourceFormatError(name, f"metadata {where}: {detail['msg']}", line=1) from None


def _csv_problem(error: csv.Error | None, cap: int) -> str:
    """What a CSV reading error means; an over-long cell names the cap."""
    if error is None or "field larger than field limit" in str(error):
        return f"a cell is longer than {cap:,} characters, the limit cell_chars of taxonomies/limits.yaml"
    return f"malformed TSV: {error}"
