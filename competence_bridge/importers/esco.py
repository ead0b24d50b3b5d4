"""ESCO CSV export (any language) → a validated :class:`EscoDataset` → RDF in ESCO's own model.

``read(path)`` takes an export directory such as ``esco-nl-1.2.0/`` or the ``occupations_<lang>.csv``
file inside one. It reads ``occupations_<lang>.csv`` (required) and, when present,
``ISCOGroups_<lang>.csv``, ``skillGroups_<lang>.csv``, ``skillsHierarchy_<lang>.csv``,
``skills_<lang>.csv`` and ``occupationSkillRelations_<lang>.csv``. Every file is decoded and
validated completely before ``read`` returns; the first problem raises
:class:`~competence_bridge.errors.SourceFormatError` naming the file, the line the record starts
on and the column.

The RDF follows ESCO's published model (``http://data.europa.eu/esco/model#``) and SKOS::

    <occupation>  a esco:Occupation, skos:Concept ; skos:prefLabel/altLabel/hiddenLabel "…"@nl ;
                  skos:notation "2654.1.7" ; skos:broader <parent occupation> | <isco:C2654> ;
                  esco:memberOfISCOGroup <isco:C2654> ; cb:iscoGroup <isco:C2654> ;
                  dcterms:description "…"@nl ; skos:inScheme <…> ; dcterms:modified "…"^^xsd:dateTime ;
                  iso-thes:status "released" ; dcterms:source <the data set>
    <isco:C2654>  a skos:Concept ; skos:notation "2654" ; skos:broader <isco:C265>
    <skill>       a esco:Skill, skos:Concept ; esco:skillType <…/skill-type/skill> ;
                  esco:skillReuseLevel <…/skill-reuse-level/sector-specific>
    <occupation>  esco:relatedEssentialSkill | esco:relatedOptionalSkill <skill>
    <data set>    a cb:Source, prov:Entity ; dcterms:hasVersion "1.2.0" ; dcterms:language "nl" ;
                  dcterms:source "esco-nl-1.2.0/occupations_nl.csv" ; …

``cb:iscoGroup`` repeats ``esco:memberOfISCOGroup`` on purpose: it is the one ISCO anchor that
curated job profiles, qualifications and every imported source share.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from competence_bridge.bulk import paused_gc
from competence_bridge.errors import SourceFormatError
from competence_bridge.importers.esco_columns import (
    ISCO_GROUP_COLUMNS,
    OCCUPATION_COLUMNS,
    SKILL_GROUP_COLUMNS,
    hierarchy_broader,
    isco_group_columns,
    occupation_columns,
    skill_group_columns,
)
from competence_bridge.importers.esco_csv import (
    ISCO_CODE,
    ISCO_UNIT,
    OCCUPATION_CODE,
    OCCUPATIONS_FILE,
    VERSION,
    CsvTable,
    cell,
    check_iri,
    check_unique,
    date_time_cell,
    iris_cell,
    label,
    labels_cell,
    note_cell,
    read_csv,
    required,
    shown,
    text_cell,
    values_of,
)
from competence_bridge.importers.esco_records import EscoExport, RecordTable, record_table
from competence_bridge.importers.esco_turtle import RELATION_PROPERTIES, REUSE_LEVELS, SKILL_TYPES
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.sanitize import valid_language_tag

if TYPE_CHECKING:
    from rdflib import Namespace

    from competence_bridge.importers.esco_dataset import EscoDataset
    from competence_bridge.importers.esco_record_types import IscoGroup, Occupation, Skill, SkillGroup, SkillRelation

#: Names other modules and users import from here (the ESCO namespace, the dataset type).
__all__ = ["ESCO", "EscoDataset", "read", "read_for_store"]  # noqa: F822 (ESCO, EscoDataset: by __getattr__)


def __getattr__(name: str) -> Namespace | type[EscoDataset]:
    """``ESCO``, ESCO's model namespace as rdflib's, made when asked for (reading needs no rdflib), and
    ``EscoDataset`` (a dataclass, imported when asked for: a load makes none)."""
    if name == "ESCO":
        from rdflib import Namespace

        return Namespace(PREFIXES["esco"])
    if name == "EscoDataset":
        from competence_bridge.importers.esco_dataset import EscoDataset

        return EscoDataset
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# --- reading ----------------------------------------------------------------------------------


def read(path: Path, version: str | None = None, *, language: str | None = None) -> EscoDataset:
    """Read and validate an ESCO CSV export directory, or the ``occupations_<lang>.csv`` in one.

    *version* defaults to a pattern such as ``1.2.0`` in the directory name; *language* picks one
    when the directory holds exports in several languages. Raises ``SourceFormatError``.
    """
    return read_for_store(path, version, language=language).dataset()


def read_for_store(path: Path, version: str | None = None, *, language: str | None = None) -> EscoExport:
    """:func:`read`, as the export read (:class:`~competence_bridge.importers.esco_records.EscoExport`) rather than
    the data set made of it: what a load into a store reads (its ``quads()`` are the data set's).

    The same files read and validated, the same ``SourceFormatError`` for the first problem.
    """
    path = Path(path)
    directory, language = _locate(path, language)
    if version is None:
        found = VERSION.search(directory.resolve().name)
        version = found.group(1) if found else None
    files: list[str] = []

    def optional(stem: str) -> Path | None:
        candidate = directory / f"{stem}_{language}.csv"
        if candidate.is_file():
            files.append(f"{directory.name}/{candidate.name}")
            return candidate
        return None

    with paused_gc():
        occupations_path = directory / f"occupations_{language}.csv"
        files.append(f"{directory.name}/{occupations_path.name}")
        isco_path = optional("ISCOGroups")
        isco_groups = _read_isco_groups(isco_path) if isco_path else ()
        occupations = _read_occupations(occupations_path, set(_column(isco_groups, 1)), isco_path)
        hierarchy_path = optional("skillsHierarchy")
        broader = _read_skills_hierarchy(hierarchy_path) if hierarchy_path else {}
        groups_path = optional("skillGroups")
        skill_groups = _read_skill_groups(groups_path, broader) if groups_path else ()
        skills_path = optional("skills")
        skills = _read_skills(skills_path) if skills_path else ()
        relations_path = optional("occupationSkillRelations")
        relations = (_read_relations(relations_path, occupations, skills, skills_path)
                     if relations_path else ())
    return EscoExport(path, version, language, tuple(files), occupations, isco_groups, skill_groups, skills, relations)


def _locate(path: Path, language: str | None) -> tuple[Path, str]:
    """The export directory and its language, from a directory or an occupations file."""
    if path.is_file():
        match = OCCUPATIONS_FILE.match(path.name)
        if not match:
            raise SourceFormatError(path, "expected an ESCO occupations_<language>.csv file or an export directory")
        if language is not None and language != match.group(1):
            raise SourceFormatError(path, f"the file is in {match.group(1)!r}, not {language!r}")
        return path.parent, _language(path, match.group(1))
    if not path.is_dir():
        raise SourceFormatError(path, "no such file or directory" if not path.exists() else
                                "not a file or directory that can be read")
    found = sorted(_language(p, m.group(1)) for p in path.iterdir()
                   if (m := OCCUPATIONS_FILE.match(p.name)) and p.is_file())
    if language is not None:
        if language not in found:
            raise SourceFormatError(path, f"no occupations_{language}.csv in this directory")
        return path, language
    if not found:
        raise SourceFormatError(path, "no occupations_<language>.csv in this directory; "
                                "expected an ESCO CSV export such as esco-nl-1.2.0/")
    if len(found) > 1:
        raise SourceFormatError(path, f"exports in several languages ({', '.join(found)}); choose one with language=")
    return path, found[0]


def _language(path: Path, tag: str) -> str:
    """The language of an ``occupations_<language>.csv`` file name, checked."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) or not valid_language_tag(tag):
        raise SourceFormatError(path, f"{shown(tag)} in the file name is not a language tag such as nl or pt-PT")
    return tag


def _column(records: RecordTable[Any] | tuple[()], position: int) -> list[Any]:
    """One column of records the reader made, or nothing for a file that is not there."""
    return records.columns[position] if records else []


def _read_isco_groups(path: Path) -> RecordTable[IscoGroup]:
    table = read_csv(path, ("conceptUri", "code", "preferredLabel"))
    found = isco_group_columns(table)  # None: the loop finds the first problem, if any
    return RecordTable("IscoGroup", found) if found is not None else _checked_isco_groups(table)


def _checked_isco_groups(table: CsvTable) -> RecordTable[IscoGroup]:
    path = table.path
    values = values_of(table, ISCO_GROUP_COLUMNS)
    seen: dict[str, int] = {}
    codes: dict[str, int] = {}
    schemes: dict[str, tuple[str, ...]] = {}  # a cell's IRIs, checked once: the same few repeat on every line
    groups = []
    for line, row in table.rows:
        uri, code, preferred, alt, status, description, scheme = values(row)
        check_iri(table, line, required(table, line, uri, "conceptUri"), "conceptUri")
        check_unique(table, line, uri, seen)
        required(table, line, code, "code")
        if not ISCO_CODE.match(code):
            raise SourceFormatError(path, f"{code!r} is not an ISCO-08 code (1 to 4 digits)", line=line,
                                    where="column 'code'")
        check_unique(table, line, code, codes, "code")
        groups.append((uri, code, label(table, line, preferred, "preferredLabel"), labels_cell(alt), status,
                       text_cell(description), schemes.get(scheme) or _iris(table, line, scheme, schemes)))
    for code, line in codes.items():  # every group but the ten major groups has its parent in the file
        if len(code) > 1 and code[:-1] not in codes:
            raise SourceFormatError(path, f"ISCO group {code!r} has no parent group {code[:-1]!r} "
                                    "in the file", line=line, where="column 'code'")
    return record_table("IscoGroup", groups)


def _read_occupations(path: Path, known_groups: set[str], isco_path: Path | None) -> RecordTable[Occupation]:
    table = read_csv(path, ("conceptUri", "iscoGroup", "preferredLabel"))
    found = occupation_columns(table, known_groups if isco_path is not None else None)
    if found is None:  # a value the column checks cannot vouch for: the loop finds the first problem, if any
        rows = _checked_occupation_values(table, values_of(table, OCCUPATION_COLUMNS), known_groups, isco_path)
        found = [list(column) for column in zip(*rows, strict=True)]
    uri, group, code, *rest = found
    return RecordTable("Occupation", [uri, group, code, _broader(uri, group, code), *rest])


def _broader(uri: list[str], group: list[str], code: list[str]) -> list[str]:
    """Each occupation's parent: the occupation whose code is its code less the last part, else its ISCO group
    (C loops: the parent codes by ``rpartition``, the lookup with the group's IRI as default)."""
    uri_of_code = dict(zip(code, uri, strict=True))
    uri_of_code.pop("", None)  # occupations without a code are no one's parent (a code without a dot has parent "")
    isco = {unit: f"{PREFIXES['isco']}C{unit}" for unit in set(group)}
    parents = map(itemgetter(0), map(str.rpartition, code, repeat(".")))
    return list(map(uri_of_code.get, parents, map(isco.__getitem__, group)))


def _checked_occupation_values(table: CsvTable, values: Callable[[list[str]], list[str]], known_groups: set[str],
                               isco_path: Path | None) -> list[tuple[Any, ...]]:
    """The values of every record, checked and cleaned one record at a time; the first problem raises."""
    path = table.path
    seen: dict[str, int] = {}
    codes: dict[str, int] = {}
    rows = []
    for line, row in table.rows:
        uri, group, code, preferred, alt, hidden, status, modified, regulated, scope, definition, description, \
            scheme = values(row)
        check_iri(table, line, required(table, line, uri, "conceptUri"), "conceptUri")
        check_unique(table, line, uri, seen)
        required(table, line, group, "iscoGroup")
        if not ISCO_UNIT.match(group):
            raise SourceFormatError(path, f"{group!r} is not a 4-digit ISCO-08 unit group code", line=line,
                                    where="column 'iscoGroup'")
        if isco_path is not None and group not in known_groups:
            raise SourceFormatError(path, f"ISCO group {group!r} is not in {isco_path.name}", line=line,
                                    where="column 'iscoGroup'")
        if code:
            if not OCCUPATION_CODE.match(code):
                raise SourceFormatError(path, f"{code!r} is not an ESCO occupation code such as 2654.1.7",
                                        line=line, where="column 'code'")
            check_unique(table, line, code, codes, "code")
        rows.append((uri, group, code, label(table, line, preferred, "preferredLabel"), labels_cell(alt),
                     labels_cell(hidden), status, date_time_cell(table, line, modified, "modifiedDate"),
                     note_cell(table, line, regulated), text_cell(scope), text_cell(definition),
                     text_cell(description), iris_cell(table, line, scheme, "inScheme")))
    return rows


def _read_skills_hierarchy(path: Path) -> dict[str, str]:
    """``skillsHierarchy``: each group's broader group, from the Level 0..3 URI columns."""
    table = read_csv(path, ("Level 0 URI",), min_fields=_hierarchy_min_fields)
    levels = _hierarchy_levels(table.header)
    uri_at = [table.header.index(f"Level {i} URI") for i in levels]
    found = hierarchy_broader(table, uri_at)  # None: the loop finds the first problem, if any
    if found is not None:
        return found
    broader: dict[str, str] = {}
    for line, row in table.rows:
        chain = [cell(row, i) for i in uri_at]
        if not chain[0]:
            raise SourceFormatError(path, "empty value", line=line, where="column 'Level 0 URI'")
        depth = max(n for n, value in enumerate(chain) if value)
        for n in range(depth + 1):
            column = f"Level {levels[n]} URI"
            if not chain[n]:
                raise SourceFormatError(path, f"empty value above the row's level {levels[depth]}", line=line,
                                        where=f"column {column!r}")
            check_iri(table, line, chain[n], column)
            if n:
                known = broader.setdefault(chain[n], chain[n - 1])
                if known != chain[n - 1]:
                    raise SourceFormatError(path, f"{chain[n]} is under {known} on an earlier line and under "
                                            f"{chain[n - 1]} here", line=line, where=f"column {column!r}")
    return broader


def _hierarchy_levels(header: tuple[str, ...]) -> list[int]:
    return [i for i in range(10) if f"Level {i} URI" in header]


def _hierarchy_min_fields(header: tuple[str, ...], row: list[str]) -> int:
    """ESCO leaves off the empty code columns after a record's own level; nothing else may be missing."""
    uri_at, needed_at_depth = _hierarchy_fields(header)
    depth = max((n for n, i in enumerate(uri_at) if i < len(row) and row[i].strip()), default=0)
    return needed_at_depth[depth]


@functools.lru_cache(maxsize=8)
def _hierarchy_fields(header: tuple[str, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the level URIs are in *header*, and how many fields a record of each depth needs (its level's code)."""
    levels = _hierarchy_levels(header)
    uri_at = [header.index(f"Level {i} URI") for i in levels]
    needed_at_depth = []
    for level in levels or [0]:
        code = f"Level {level} code" if levels else ""
        needed = [*uri_at, header.index(code)] if code in header else uri_at
        needed_at_depth.append(max(needed, default=0) + 1)
    return tuple(uri_at), tuple(needed_at_depth)


def _read_skill_groups(path: Path, broader: dict[str, str]) -> RecordTable[SkillGroup]:
    table = read_csv(path, ("conceptUri", "preferredLabel"))
    found = skill_group_columns(table)  # as for the ISCO groups
    if found is not None:
        return RecordTable("SkillGroup", [*found, [broader.get(uri, "") for uri in found[0]]])
    values = values_of(table, SKILL_GROUP_COLUMNS)
    seen: dict[str, int] = {}
    schemes: dict[str, tuple[str, ...]] = {}  # as in _read_isco_groups
    groups = []
    for line, row in table.rows:
        uri, code, preferred, alt, hidden, status, modified, scope, description, scheme = values(row)
        check_iri(table, line, required(table, line, uri, "conceptUri"), "conceptUri")
        check_unique(table, line, uri, seen)
        groups.append((uri, code, label(table, line, preferred, "preferredLabel"), labels_cell(alt),
                       labels_cell(hidden), status, date_time_cell(table, line, modified, "modifiedDate"),
                       text_cell(scope), text_cell(description),
                       schemes.get(scheme) or _iris(table, line, scheme, schemes), broader.get(uri, "")))
    return record_table("SkillGroup", groups)


def _iris(table: CsvTable, line: int, value: str, known: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The IRIs of an ``inScheme`` cell (:func:`iris_cell`), kept in *known* for the next line that has them."""
    known[value] = iris_cell(table, line, value, "inScheme")
    return known[value]


def _read_skills(path: Path) -> RecordTable[Skill]:
    table = read_csv(path, ("conceptUri", "skillType", "reuseLevel", "preferredLabel"))
    values = values_of(table, ("conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
                               "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "description",
                               "inScheme"))
    seen: dict[str, int] = {}
    skills = []
    for line, row in table.rows:
        uri, skill_type, reuse, preferred, alt, hidden, status, modified, scope, definition, description, scheme = \
            values(row)
        check_iri(table, line, required(table, line, uri, "conceptUri"), "conceptUri")
        check_unique(table, line, uri, seen)
        if skill_type and skill_type not in SKILL_TYPES:
            raise SourceFormatError(path, f"unknown skill type {skill_type!r}; expected one of "
                                    f"{', '.join(SKILL_TYPES)}", line=line, where="column 'skillType'")
        if reuse and reuse not in REUSE_LEVELS:
            raise SourceFormatError(path, f"unknown reuse level {reuse!r}; expected one of "
                                    f"{', '.join(REUSE_LEVELS)}", line=line, where="column 'reuseLevel'")
        skills.append((uri, skill_type, reuse, label(table, line, preferred, "preferredLabel"),
                       labels_cell(alt), labels_cell(hidden), status,
                       date_time_cell(table, line, modified, "modifiedDate"), text_cell(scope),
                       text_cell(definition), text_cell(description), iris_cell(table, line, scheme, "inScheme")))
    return record_table("Skill", skills)


def _read_relations(path: Path, occupations: RecordTable[Occupation], skills: RecordTable[Skill] | tuple[()],
                    skills_path: Path | None) -> RecordTable[SkillRelation]:
    table = read_csv(path, ("occupationUri", "relationType", "skillUri"))
    skill_type_at = table.index("skillType")
    values = values_of(table, ("occupationUri", "relationType", "skillUri"))
    known_occupations = set(_column(occupations, 0))
    known_skills = set(_column(skills, 0))
    relations = []
    for line, row in table.rows:
        occupation, relation_type, skill = values(row)
        if occupation not in known_occupations:  # known ones passed check_iri in the occupations file
            check_iri(table, line, required(table, line, occupation, "occupationUri"), "occupationUri")
            raise SourceFormatError(path, f"unknown occupation {occupation}", line=line, where="column 'occupationUri'")
        required(table, line, relation_type, "relationType")
        if relation_type not in RELATION_PROPERTIES:
            raise SourceFormatError(path, f"unknown relation type {relation_type!r}; expected essential or optional",
                                    line=line, where="column 'relationType'")
        if skill not in known_skills:  # as occupations: a known skill's IRI was checked in the skills file
            check_iri(table, line, required(table, line, skill, "skillUri"), "skillUri")
        if skills_path is not None and skill not in known_skills:
            raise SourceFormatError(path, f"unknown skill {skill} (not in {skills_path.name})", line=line,
                                    where="column 'skillUri'")
        relations.append((occupation, relation_type, skill, cell(row, skill_type_at)))
    return record_table("SkillRelation", relations)

