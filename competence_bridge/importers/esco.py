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

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import FOAF

from competence_bridge.rdf.curies import BASE, PREFIXES
from competence_bridge.errors import SourceFormatError
from competence_bridge.bulk import paused_gc
from competence_bridge.curated.taxonomy import limits
from competence_bridge.files import read_capped
from competence_bridge.sanitize import clean_block, clean_line, valid_iri, valid_language_tag
from competence_bridge.importers.versions import ConceptRecord
from competence_bridge.rdf.namespaces import CB, DCTERMS, PROV, RDF, SKOS, XSD
from competence_bridge.importers import Triple

if TYPE_CHECKING:
    import pyoxigraph as ox

ESCO = Namespace(PREFIXES["esco"])
#: ESCO's publication status property (ISO 25964 SKOS extension).
ISO_THES_STATUS = URIRef("http://purl.org/iso25964/skos-thes#status")
ESCO_DOWNLOAD_PAGE = URIRef("https://esco.ec.europa.eu/en/use-esco/download")
#: The attribution ESCO's licence asks for.
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."

#: CSV ``skillType`` values → ESCO's skill-type concepts.
SKILL_TYPES = {
    "skill/competence": URIRef("http://data.europa.eu/esco/skill-type/skill"),
    "knowledge": URIRef("http://data.europa.eu/esco/skill-type/knowledge"),
}
#: CSV ``reuseLevel`` values → ESCO's skill-reuse-level concepts.
REUSE_LEVELS = {
    level: URIRef(f"http://data.europa.eu/esco/skill-reuse-level/{level}")
    for level in ("transversal", "cross-sector", "sector-specific", "occupation-specific")
}
#: CSV ``relationType`` values → the ESCO property linking an occupation to a skill.
RELATION_PROPERTIES = {"essential": ESCO.relatedEssentialSkill, "optional": ESCO.relatedOptionalSkill}

# Terms looked up once: attribute access on rdflib namespaces costs more than the triple itself.
_TYPE, _CONCEPT, _SCHEME = RDF.type, SKOS.Concept, SKOS.ConceptScheme
_PREF, _ALT, _HIDDEN, _NOTATION = SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation
_BROADER, _IN_SCHEME, _SCOPE_NOTE, _DEFINITION = SKOS.broader, SKOS.inScheme, SKOS.scopeNote, SKOS.definition
_DESCRIPTION, _MODIFIED, _SOURCE = DCTERMS.description, DCTERMS.modified, DCTERMS.source
_DATE_TIME_TYPE = XSD.dateTime

_BOM = b"\xef\xbb\xbf"
_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")
# ASCII digits only: in a str pattern \d also matches Arabic-Indic and other digits.
_ISCO_CODE = re.compile(r"[0-9]{1,4}\Z")
_ISCO_UNIT = re.compile(r"[0-9]{4}\Z")
_OCCUPATION_CODE = re.compile(r"[0-9]{4}(\.[0-9]+)*\Z")
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?\Z")
_OCCUPATIONS_FILE = re.compile(r"occupations_([^_/\\]+)\.csv\Z")
_VERSION = re.compile(r"(?<![\d.])v?(\d+\.\d+\.\d+)(?![\d.])")
_SEPARATORS = re.compile(r"[\s,]+")


# --- CSV reading, shared by the CSV importers ------------------------------------------------------


@dataclass(frozen=True)
class CsvTable:
    """A decoded, well-formed CSV file: its header and its records with the line each starts on."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[int, list[str]], ...]

    def index(self, column: str) -> int | None:
        """Position of *column* in the header, or None when the file has no such column."""
        try:
            return self.header.index(column)
        except ValueError:
            return None


def decode_utf8(path: Path) -> str:
    """The text of *path*, strictly UTF-8 (a leading BOM is dropped); a bad byte names its line.

    :raises SourceFormatError: also for a file larger than ``csv_file_bytes`` (``taxonomies/limits.yaml``)
    """
    raw = read_capped(path, limits().csv_file_bytes, limit_name="csv_file_bytes")
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SourceFormatError(
            path, f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; save the file as UTF-8", line=line
        ) from None


def read_csv(path: Path, required: Sequence[str], *,
             min_fields: Callable[[tuple[str, ...], list[str]], int] | None = None) -> CsvTable:
    """Read a whole comma-separated file with a header row, or raise ``SourceFormatError``.

    Checks: UTF-8, not empty, every *required* column present, no duplicate column names,
    well-formed quoting, at least one record, and every record exactly as long as the header.
    *min_fields(header, record)*, when given, says how short a record may be (ESCO's
    skillsHierarchy file leaves off the empty code columns at the end of a record).
    """
    text = decode_utf8(path)
    if not text.strip():
        raise SourceFormatError(path, "the file is empty; expected a CSV header row")
    cap = limits().cell_chars
    if csv.field_size_limit() < cap:
        csv.field_size_limit(cap)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1  # the line the current record starts on
    try:
        header = tuple(name.strip() for name in next(reader))
        _check_header(path, header, required)
        width = len(header)
        line = reader.line_num + 1
        for row in reader:
            if row:  # csv yields [] for a blank line
                if max(map(len, row)) > cap:
                    raise csv.Error("field larger than field limit")
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
    if not rows:
        raise SourceFormatError(path, "the file has a header but no records")
    return CsvTable(path, header, tuple(rows))


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


def required_cell(table: CsvTable, line: int, row: list[str], column: str) -> str:
    """The value of a required column; an empty value raises ``SourceFormatError``."""
    value = cell(row, table.index(column))
    if not value:
        raise SourceFormatError(table.path, "empty value", line=line, where=f"column {column!r}")
    return value


def label_cell(table: CsvTable, line: int, row: list[str], column: str) -> str:
    """A required label: cleaned like a curated label (controls and invisible characters dropped), not empty."""
    value = clean_line(required_cell(table, line, row, column))
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
    if not _IRI.match(value):
        raise SourceFormatError(table.path, f"{_shown(value)} is not an http(s) IRI", line=line,
                                where=f"column {column!r}")
    if not valid_iri(value):
        raise SourceFormatError(table.path, f"{_shown(value)} is not a valid IRI (a '%' needs two hex digits; "
                                "no control characters; a valid host)", line=line, where=f"column {column!r}")


def _shown(value: str) -> str:
    """*value* for a message: quoted, escaped, cut at 80 characters."""
    return repr(value[:80] + ("…" if len(value) > 80 else ""))


# --- records --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Occupation:
    """One row of ``occupations_<lang>.csv``; ``broader`` is derived from the code hierarchy."""

    uri: str
    isco_group: str  # ISCO-08 unit group code, e.g. "2654"
    code: str  # ESCO code, e.g. "2654.1.7" ('' in exports without codes)
    broader: str  # parent occupation IRI, or the ISCO group IRI
    preferred_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    status: str
    modified: str
    regulated_profession_note: str
    scope_note: str
    definition: str
    description: str
    in_scheme: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IscoGroup:
    """One row of ``ISCOGroups_<lang>.csv``: an ISCO-08 group at any of its four levels."""

    uri: str
    code: str
    preferred_label: str
    alt_labels: tuple[str, ...]
    status: str
    description: str
    in_scheme: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkillGroup:
    """One row of ``skillGroups_<lang>.csv``, with its broader group from ``skillsHierarchy``."""

    uri: str
    code: str
    preferred_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    status: str
    modified: str
    scope_note: str
    description: str
    in_scheme: tuple[str, ...]
    broader: str  # '' for the four top groups or when there is no hierarchy file


@dataclass(frozen=True, slots=True)
class Skill:
    """One row of ``skills_<lang>.csv``: a knowledge, skill or competence concept."""

    uri: str
    skill_type: str  # "skill/competence", "knowledge" or ''
    reuse_level: str  # "transversal", "cross-sector", "sector-specific", "occupation-specific" or ''
    preferred_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    status: str
    modified: str
    scope_note: str
    definition: str
    description: str
    in_scheme: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkillRelation:
    """One row of ``occupationSkillRelations_<lang>.csv``."""

    occupation: str
    relation_type: str  # "essential" or "optional"
    skill: str
    skill_type: str


# --- the data set --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EscoDataset:
    """A validated ESCO CSV export in one language (see the module docstring for its RDF)."""

    path: Path
    version: str | None
    language: str
    files: tuple[str, ...]  # the files read, as "<directory>/<file>"
    occupations: tuple[Occupation, ...]
    isco_groups: tuple[IscoGroup, ...] = ()
    skill_groups: tuple[SkillGroup, ...] = ()
    skills: tuple[Skill, ...] = ()
    relations: tuple[SkillRelation, ...] = ()
    kind: str = field(default="esco", init=False)

    @property
    def source_iri(self) -> URIRef:
        """The provenance node of this data set (also a good named-graph name for it)."""
        return URIRef(f"{BASE}id/dataset/esco/{self.version or 'unversioned'}/{self.language}")

    def summary(self) -> dict[str, int]:
        """Counts of what was read, labels counted on occupations."""
        return {
            "occupations": len(self.occupations),
            "occupation_preferred_labels": sum(1 for o in self.occupations if o.preferred_label),
            "occupation_alt_labels": sum(len(o.alt_labels) for o in self.occupations),
            "occupation_hidden_labels": sum(len(o.hidden_labels) for o in self.occupations),
            "isco_groups": len(self.isco_groups),
            "skill_groups": len(self.skill_groups),
            "skills": len(self.skills),
            "skill_relations": len(self.relations),
        }

    def concept_records(self, lang: str | None = None) -> Iterator[ConceptRecord]:
        """The occupations as version-comparable records (see :mod:`competence_bridge.importers.versions`)."""
        if lang is not None and lang != self.language:
            raise ValueError(f"this ESCO data set is in {self.language!r}, not {lang!r}")
        isco = PREFIXES["isco"]
        for occupation in self.occupations:
            yield ConceptRecord(
                iri=occupation.uri,
                label=occupation.preferred_label,
                group=f"{isco}C{occupation.isco_group}",
                broader=(occupation.broader,),
                alt_labels=frozenset(occupation.alt_labels),
                notation=occupation.code,
            )

    def triples(self) -> Iterator[Triple]:
        """The data set in ESCO's model, SKOS, dcterms and ``cb:iscoGroup``; provenance first."""
        return self._statements(_Terms(self.language))

    def quads(self) -> Iterator[ox.Quad]:
        """The statements of :meth:`triples` as pyoxigraph quads in the default graph.

        Made from the records directly, without rdflib terms: loading into Oxigraph this way
        takes about half the time of converting :meth:`triples`.
        """
        import pyoxigraph as ox

        quad = ox.Quad
        return (quad(s, p, o) for s, p, o in self._statements(_OxigraphTerms(self.language)))

    def _statements(self, terms: _Terms) -> Iterator[tuple]:
        """The statements of the data set, in the terms *terms* makes (rdflib or pyoxigraph)."""
        ref, text, const = terms.ref, terms.concept_text, terms.const
        type_, concept, notation, broader, source_of = (
            const(_TYPE), const(_CONCEPT), const(_NOTATION), const(_BROADER), const(_SOURCE))
        source = const(self.source_iri)
        yield from self._provenance(source, terms)
        schemes = {s for records in (self.occupations, self.isco_groups, self.skill_groups, self.skills)
                   for record in records for s in record.in_scheme}
        scheme_class = const(_SCHEME)
        for scheme in sorted(schemes):
            yield ref(scheme), type_, scheme_class
        isco = PREFIXES["isco"]
        for group in self.isco_groups:
            node = terms.node(group.uri)
            yield node, type_, concept
            yield node, notation, terms.plain(group.code)
            if len(group.code) > 1:
                yield node, broader, ref(f"{isco}C{group.code[:-1]}")
            yield from text(node, group.preferred_label, group.alt_labels, (), group.status, "", "", "",
                            group.description, group.in_scheme)
            yield node, source_of, source
        occupation_type, member_of_isco, isco_anchor = (
            const(ESCO.Occupation), const(ESCO.memberOfISCOGroup), const(CB.iscoGroup))
        regulated = const(ESCO.regulatedProfessionNote)
        for occupation in self.occupations:
            node = terms.node(occupation.uri)
            group = ref(f"{isco}C{occupation.isco_group}")
            yield node, type_, occupation_type
            yield node, type_, concept
            if occupation.code:
                yield node, notation, terms.plain(occupation.code)
            yield node, broader, ref(occupation.broader)
            yield node, member_of_isco, group
            yield node, isco_anchor, group
            yield from text(node, occupation.preferred_label, occupation.alt_labels, occupation.hidden_labels,
                            occupation.status, occupation.modified, occupation.scope_note, occupation.definition,
                            occupation.description, occupation.in_scheme)
            note = occupation.regulated_profession_note
            if note:
                yield node, regulated, ref(note) if _IRI.match(note) else terms.text(note)
            yield node, source_of, source
        for skill_group in self.skill_groups:
            node = terms.node(skill_group.uri)
            yield node, type_, concept
            if skill_group.code:
                yield node, notation, terms.plain(skill_group.code)
            if skill_group.broader:
                yield node, broader, ref(skill_group.broader)
            yield from text(node, skill_group.preferred_label, skill_group.alt_labels, skill_group.hidden_labels,
                            skill_group.status, skill_group.modified, skill_group.scope_note, "",
                            skill_group.description, skill_group.in_scheme)
            yield node, source_of, source
        skill_class, skill_type, reuse_level = const(ESCO.Skill), const(ESCO.skillType), const(ESCO.skillReuseLevel)
        skill_types = {key: const(value) for key, value in SKILL_TYPES.items()}
        reuse_levels = {key: const(value) for key, value in REUSE_LEVELS.items()}
        for skill in self.skills:
            node = terms.node(skill.uri)
            yield node, type_, skill_class
            yield node, type_, concept
            if skill.skill_type:
                yield node, skill_type, skill_types[skill.skill_type]
            if skill.reuse_level:
                yield node, reuse_level, reuse_levels[skill.reuse_level]
            yield from text(node, skill.preferred_label, skill.alt_labels, skill.hidden_labels, skill.status,
                            skill.modified, skill.scope_note, skill.definition, skill.description, skill.in_scheme)
            yield node, source_of, source
        properties = {key: const(value) for key, value in RELATION_PROPERTIES.items()}
        for relation in self.relations:
            yield ref(relation.occupation), properties[relation.relation_type], ref(relation.skill)

    def _provenance(self, node: object, terms: _Terms) -> Iterator[tuple]:
        const, plain = terms.const, terms.plain
        type_, source_of = const(_TYPE), const(_SOURCE)
        yield node, type_, const(CB.Source)
        yield node, type_, const(PROV.Entity)
        title = f"ESCO {self.version or '(version unknown)'} CSV export ({self.language})"
        yield node, const(DCTERMS.title), plain(title)
        yield node, const(DCTERMS.publisher), plain("European Commission")
        yield node, const(FOAF.page), const(ESCO_DOWNLOAD_PAGE)
        yield node, const(DCTERMS.rights), terms.text(ESCO_ATTRIBUTION, "en")
        yield node, const(DCTERMS.language), terms.typed(self.language, XSD.language)
        if self.version:
            yield node, const(DCTERMS.hasVersion), plain(self.version)
        for name in self.files:
            yield node, source_of, plain(name)


class _Terms:
    """The rdflib terms of one data set, the repeated ones (schemes, groups, status) made once.

    :meth:`EscoDataset._statements` makes every term through one of these, so :class:`_OxigraphTerms`
    gives the very same statements as pyoxigraph terms.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._iris: dict[str, object] = {}
        self._plain: dict[str, object] = {}
        self._text_properties = tuple(self.const(iri) for iri in (
            _PREF, _ALT, _HIDDEN, ISO_THES_STATUS, _MODIFIED, _SCOPE_NOTE, _DEFINITION, _DESCRIPTION, _IN_SCHEME))

    def node(self, value: str) -> URIRef:
        """The term of a concept IRI that is used only for one record's statements (not cached)."""
        return URIRef(value)

    def ref(self, value: str) -> URIRef:
        """The term of IRI *value*, shared between triples."""
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = self.node(value)
        return node  # type: ignore[return-value]

    def const(self, iri: URIRef) -> URIRef:
        """The term of a vocabulary IRI (a module constant)."""
        return iri

    def plain(self, value: str) -> Literal:
        """A literal without language or datatype (``xsd:string``)."""
        return Literal(value)

    def text(self, value: str, lang: str | None = None) -> Literal:
        """A literal in the data set's language (or *lang*)."""
        return Literal(value, lang=lang or self.lang)

    def typed(self, value: str, datatype: URIRef) -> Literal:
        """A literal of *datatype*, in rdflib's normal form of *value* (e.g. of an ``xsd:dateTime``)."""
        return Literal(value, datatype=datatype)

    def concept_text(self, node: object, pref: str, alts: tuple[str, ...], hidden: tuple[str, ...], status: str,
                     modified: str, scope_note: str, definition: str, description: str,
                     in_scheme: tuple[str, ...]) -> Iterator[tuple]:
        """Labels, notes, status, modification date and schemes of one concept."""
        pref_label, alt_label, hidden_label, status_of, modified_at, scope_of, definition_of, description_of, \
            in_scheme_of = self._text_properties
        text = self.text
        yield node, pref_label, text(pref)
        for label in alts:
            yield node, alt_label, text(label)
        for label in hidden:
            yield node, hidden_label, text(label)
        if status:
            literal = self._plain.get(status)
            if literal is None:
                literal = self._plain[status] = self.plain(status)
            yield node, status_of, literal
        if modified:
            yield node, modified_at, self.typed(modified, _DATE_TIME_TYPE)
        if scope_note:
            yield node, scope_of, text(scope_note)
        if definition:
            yield node, definition_of, text(definition)
        if description:
            yield node, description_of, text(description)
        for scheme in in_scheme:
            yield node, in_scheme_of, self.ref(scheme)


class _OxigraphTerms(_Terms):
    """The same terms as pyoxigraph terms, vocabulary IRIs made once."""

    def __init__(self, lang: str) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._constants: dict[str, ox.NamedNode] = {}
        super().__init__(lang)  # last: it makes vocabulary terms with const()

    def node(self, value: str) -> ox.NamedNode:  # type: ignore[override]
        return self._ox.NamedNode(value)

    def const(self, iri: URIRef) -> ox.NamedNode:  # type: ignore[override]
        node = self._constants.get(iri)
        if node is None:
            node = self._constants[iri] = self._ox.NamedNode(iri)
        return node

    def plain(self, value: str) -> ox.Literal:  # type: ignore[override]
        return self._ox.Literal(value)

    def text(self, value: str, lang: str | None = None) -> ox.Literal:  # type: ignore[override]
        return self._ox.Literal(value, language=lang or self.lang)

    def typed(self, value: str, datatype: URIRef) -> ox.Literal:  # type: ignore[override]
        # Through rdflib on purpose: its normal form ("…:50.295000+00:00" for "…:50.295Z") is what triples() gives.
        return self._ox.Literal(str(Literal(value, datatype=datatype)), datatype=self.const(datatype))


# --- reading ----------------------------------------------------------------------------------


def read(path: Path, version: str | None = None, *, language: str | None = None) -> EscoDataset:
    """Read and validate an ESCO CSV export directory, or the ``occupations_<lang>.csv`` in one.

    *version* defaults to a pattern such as ``1.2.0`` in the directory name; *language* picks one
    when the directory holds exports in several languages. Raises ``SourceFormatError``.
    """
    path = Path(path)
    directory, language = _locate(path, language)
    if version is None:
        found = _VERSION.search(directory.resolve().name)
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
        occupations = _read_occupations(occupations_path, isco_groups, isco_path)
        hierarchy_path = optional("skillsHierarchy")
        broader = _read_skills_hierarchy(hierarchy_path) if hierarchy_path else {}
        groups_path = optional("skillGroups")
        skill_groups = _read_skill_groups(groups_path, broader) if groups_path else ()
        skills_path = optional("skills")
        skills = _read_skills(skills_path) if skills_path else ()
        relations_path = optional("occupationSkillRelations")
        relations = (_read_relations(relations_path, occupations, skills, skills_path)
                     if relations_path else ())
    return EscoDataset(path=path, version=version, language=language, files=tuple(files), occupations=occupations,
                       isco_groups=isco_groups, skill_groups=skill_groups, skills=skills, relations=relations)


def _locate(path: Path, language: str | None) -> tuple[Path, str]:
    """The export directory and its language, from a directory or an occupations file."""
    if path.is_file():
        match = _OCCUPATIONS_FILE.match(path.name)
        if not match:
            raise SourceFormatError(path, "expected an ESCO occupations_<language>.csv file or an export directory")
        if language is not None and language != match.group(1):
            raise SourceFormatError(path, f"the file is in {match.group(1)!r}, not {language!r}")
        return path.parent, _language(path, match.group(1))
    if not path.is_dir():
        raise SourceFormatError(path, "no such file or directory" if not path.exists() else
                                "not a file or directory that can be read")
    found = sorted(_language(p, m.group(1)) for p in path.iterdir()
                   if (m := _OCCUPATIONS_FILE.match(p.name)) and p.is_file())
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
        raise SourceFormatError(path, f"{_shown(tag)} in the file name is not a language tag such as nl or pt-PT")
    return tag


def _labels(value: str) -> tuple[str, ...]:
    """Newline-separated labels, cleaned (:func:`~competence_bridge.sanitize.clean_line`), no empties or repeats."""
    if not value:
        return ()
    return tuple(dict.fromkeys(label for label in (clean_line(part) for part in value.splitlines()) if label))


def _text(value: str) -> str:
    """A description: line breaks kept, control characters dropped (:func:`~competence_bridge.sanitize.clean_block`)."""
    return clean_block(value.replace("\r\n", "\n") if "\r" in value else value)


def _iris(table: CsvTable, line: int, value: str, column: str) -> tuple[str, ...]:
    """Several IRIs separated by newlines and/or commas (ESCO uses both)."""
    result = tuple(dict.fromkeys(part for part in _SEPARATORS.split(value) if part))
    for iri in result:
        check_iri(table, line, iri, column)
    return result


def _date_time(table: CsvTable, line: int, value: str, column: str) -> str:
    if value and not _DATE_TIME.match(value):
        raise SourceFormatError(table.path, f"{_shown(value)} is not an ISO 8601 date and time", line=line,
                                where=f"column {column!r}")
    if value:
        try:
            dt.datetime.fromisoformat(value)
        except ValueError as error:
            raise SourceFormatError(table.path, f"{_shown(value)} is not a date and time: {error}", line=line,
                                    where=f"column {column!r}") from None
    return value


def _note(table: CsvTable, line: int, value: str) -> str:
    """A regulated-profession note: an IRI (checked) or a text (cleaned)."""
    if _IRI.match(value):
        check_iri(table, line, value, "regulatedProfessionNote")
        return value
    return _text(value)


def _unique(table: CsvTable, line: int, uri: str, seen: dict[str, int], column: str = "conceptUri") -> None:
    first = seen.setdefault(uri, line)
    if first != line:
        raise SourceFormatError(table.path, f"duplicate {uri} (first on line {first})", line=line,
                                where=f"column {column!r}")


def _read_isco_groups(path: Path) -> tuple[IscoGroup, ...]:
    table = read_csv(path, ("conceptUri", "code", "preferredLabel"))
    alt, status, scheme, description = (table.index(c) for c in ("altLabels", "status", "inScheme", "description"))
    seen: dict[str, int] = {}
    codes: dict[str, int] = {}
    groups = []
    for line, row in table.rows:
        uri = iri_cell(table, line, row, "conceptUri")
        _unique(table, line, uri, seen)
        code = required_cell(table, line, row, "code")
        if not _ISCO_CODE.match(code):
            raise SourceFormatError(path, f"{code!r} is not an ISCO-08 code (1 to 4 digits)", line=line,
                                    where="column 'code'")
        _unique(table, line, code, codes, "code")
        groups.append(IscoGroup(uri, code, label_cell(table, line, row, "preferredLabel"), _labels(cell(row, alt)),
                                cell(row, status), _text(cell(row, description)),
                                _iris(table, line, cell(row, scheme), "inScheme")))
    for group in groups:  # every group but the ten major groups has its parent in the file
        if len(group.code) > 1 and group.code[:-1] not in codes:
            raise SourceFormatError(path, f"ISCO group {group.code!r} has no parent group {group.code[:-1]!r} "
                                    "in the file", line=codes[group.code], where="column 'code'")
    return tuple(groups)


def _read_occupations(path: Path, isco_groups: tuple[IscoGroup, ...], isco_path: Path | None) -> tuple[Occupation, ...]:
    table = read_csv(path, ("conceptUri", "iscoGroup", "preferredLabel"))
    alt, hidden, status, modified, regulated, scope, definition, scheme, description, code_at = (
        table.index(c) for c in ("altLabels", "hiddenLabels", "status", "modifiedDate", "regulatedProfessionNote",
                                 "scopeNote", "definition", "inScheme", "description", "code"))
    known_groups = {g.code for g in isco_groups}
    seen: dict[str, int] = {}
    codes: dict[str, int] = {}
    rows = []
    for line, row in table.rows:
        uri = iri_cell(table, line, row, "conceptUri")
        _unique(table, line, uri, seen)
        group = required_cell(table, line, row, "iscoGroup")
        if not _ISCO_UNIT.match(group):
            raise SourceFormatError(path, f"{group!r} is not a 4-digit ISCO-08 unit group code", line=line,
                                    where="column 'iscoGroup'")
        if isco_path is not None and group not in known_groups:
            raise SourceFormatError(path, f"ISCO group {group!r} is not in {isco_path.name}", line=line,
                                    where="column 'iscoGroup'")
        code = cell(row, code_at)
        if code:
            if not _OCCUPATION_CODE.match(code):
                raise SourceFormatError(path, f"{code!r} is not an ESCO occupation code such as 2654.1.7",
                                        line=line, where="column 'code'")
            _unique(table, line, code, codes, "code")
        rows.append((uri, group, code, label_cell(table, line, row, "preferredLabel"), _labels(cell(row, alt)),
                     _labels(cell(row, hidden)), cell(row, status),
                     _date_time(table, line, cell(row, modified), "modifiedDate"),
                     _note(table, line, cell(row, regulated)),
                     _text(cell(row, scope)), _text(cell(row, definition)), _text(cell(row, description)),
                     _iris(table, line, cell(row, scheme), "inScheme")))
    uri_of_code = {r[2]: r[0] for r in rows if r[2]}
    isco = PREFIXES["isco"]
    occupations = []
    for uri, group, code, *rest in rows:
        parent = uri_of_code.get(code.rpartition(".")[0]) if "." in code else None
        broader = parent or f"{isco}C{group}"
        occupations.append(Occupation(uri, group, code, broader, *rest))
    return tuple(occupations)


def _read_skills_hierarchy(path: Path) -> dict[str, str]:
    """``skillsHierarchy``: each group's broader group, from the Level 0..3 URI columns."""
    table = read_csv(path, ("Level 0 URI",), min_fields=_hierarchy_min_fields)
    levels = _hierarchy_levels(table.header)
    uri_at = [table.index(f"Level {i} URI") for i in levels]
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
    levels = _hierarchy_levels(header)
    uri_at = [header.index(f"Level {i} URI") for i in levels]
    depth = max((n for n, i in enumerate(uri_at) if i < len(row) and row[i].strip()), default=0)
    code = f"Level {levels[depth]} code" if levels else ""
    needed = [*uri_at, header.index(code)] if code in header else uri_at
    return max(needed, default=0) + 1


def _read_skill_groups(path: Path, broader: dict[str, str]) -> tuple[SkillGroup, ...]:
    table = read_csv(path, ("conceptUri", "preferredLabel"))
    alt, hidden, status, modified, scope, scheme, description, code = (
        table.index(c) for c in ("altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "inScheme",
                                 "description", "code"))
    seen: dict[str, int] = {}
    groups = []
    for line, row in table.rows:
        uri = iri_cell(table, line, row, "conceptUri")
        _unique(table, line, uri, seen)
        groups.append(SkillGroup(uri, cell(row, code), label_cell(table, line, row, "preferredLabel"),
                                 _labels(cell(row, alt)), _labels(cell(row, hidden)), cell(row, status),
                                 _date_time(table, line, cell(row, modified), "modifiedDate"),
                                 _text(cell(row, scope)), _text(cell(row, description)),
                                 _iris(table, line, cell(row, scheme), "inScheme"), broader.get(uri, "")))
    return tuple(groups)


def _read_skills(path: Path) -> tuple[Skill, ...]:
    table = read_csv(path, ("conceptUri", "skillType", "reuseLevel", "preferredLabel"))
    alt, hidden, status, modified, scope, definition, scheme, description = (
        table.index(c) for c in ("altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition",
                                 "inScheme", "description"))
    seen: dict[str, int] = {}
    skills = []
    for line, row in table.rows:
        uri = iri_cell(table, line, row, "conceptUri")
        _unique(table, line, uri, seen)
        skill_type = cell(row, table.index("skillType"))
        if skill_type and skill_type not in SKILL_TYPES:
            raise SourceFormatError(path, f"unknown skill type {skill_type!r}; expected one of "
                                    f"{', '.join(SKILL_TYPES)}", line=line, where="column 'skillType'")
        reuse = cell(row, table.index("reuseLevel"))
        if reuse and reuse not in REUSE_LEVELS:
            raise SourceFormatError(path, f"unknown reuse level {reuse!r}; expected one of "
                                    f"{', '.join(REUSE_LEVELS)}", line=line, where="column 'reuseLevel'")
        skills.append(Skill(uri, skill_type, reuse, label_cell(table, line, row, "preferredLabel"),
                            _labels(cell(row, alt)), _labels(cell(row, hidden)), cell(row, status),
                            _date_time(table, line, cell(row, modified), "modifiedDate"), _text(cell(row, scope)),
                            _text(cell(row, definition)), _text(cell(row, description)),
                            _iris(table, line, cell(row, scheme), "inScheme")))
    return tuple(skills)


def _read_relations(path: Path, occupations: tuple[Occupation, ...], skills: tuple[Skill, ...],
                    skills_path: Path | None) -> tuple[SkillRelation, ...]:
    table = read_csv(path, ("occupationUri", "relationType", "skillUri"))
    skill_type_at = table.index("skillType")
    known_occupations = {o.uri for o in occupations}
    known_skills = {s.uri for s in skills}
    relations = []
    for line, row in table.rows:
        occupation = iri_cell(table, line, row, "occupationUri")
        if occupation not in known_occupations:
            raise SourceFormatError(path, f"unknown occupation {occupation}", line=line, where="column 'occupationUri'")
        relation_type = required_cell(table, line, row, "relationType")
        if relation_type not in RELATION_PROPERTIES:
            raise SourceFormatError(path, f"unknown relation type {relation_type!r}; expected essential or optional",
                                    line=line, where="column 'relationType'")
        skill = iri_cell(table, line, row, "skillUri")
        if skills_path is not None and skill not in known_skills:
            raise SourceFormatError(path, f"unknown skill {skill} (not in {skills_path.name})", line=line,
                                    where="column 'skillUri'")
        relations.append(SkillRelation(occupation, relation_type, skill, cell(row, skill_type_at)))
    return tuple(relations)

