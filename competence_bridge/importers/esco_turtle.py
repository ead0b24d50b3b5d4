"""ESCO's records written straight as Turtle text, a block of records at a time: the fast path of ``quads()``.

The statements are exactly those :class:`~competence_bridge.importers.esco_terms.Terms` makes for
``EscoDataset.triples()``, in the same order (``tests/test_ntriples.py`` compares the two); only
the spelling differs. Each record is one Turtle statement group (``<s> <p> o1, o2 ; <q> o3 .``):
its subject written once and a list of labels joined in one step, no term objects and no
generator step per statement. Every IRI is written as it is, so this is only for records the
ESCO reader validated (Turtle reads N-Triples too; the head of the data set is written as such).

The records come as columns and are written a block at a time, a predicate at a time: one list of
parts per predicate (a few C loops: f-strings in list comprehensions, values that repeat made once),
then each record's parts joined. Escaping is checked a column of a block at a time: when no value
holds a character Turtle's strings reserve (``"``, ``\\``, line feed, carriage return; nearly always),
the values are written as they are (a Turtle string holds any other character as itself); else those
characters are escaped in every value of the column (``str.replace``). The few literals that are not
the reader's cleaned labels and texts (statuses, notes, the data set's head) go through
:func:`~competence_bridge.rdf.ntriples.escape`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from typing import Any

from competence_bridge.importers.esco_csv import IRI, normal_date_time
from competence_bridge.rdf.curies import BASE, PREFIXES
from competence_bridge.rdf.ntriples import escape

#: Where ESCO is downloaded (the data set's ``foaf:page``).
ESCO_DOWNLOAD_PAGE = "https://esco.ec.europa.eu/en/use-esco/download"
#: The attribution ESCO's licence asks for.
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."

_ESCO, _SKOS, _DCT = PREFIXES["esco"], PREFIXES["skos"], PREFIXES["dcterms"]
#: ESCO's publication status property (ISO 25964 SKOS extension).
ISO_THES_STATUS = "http://purl.org/iso25964/skos-thes#status"
#: CSV ``skillType`` values → ESCO's skill-type concepts.
SKILL_TYPES = {"skill/competence": "http://data.europa.eu/esco/skill-type/skill",
               "knowledge": "http://data.europa.eu/esco/skill-type/knowledge"}
#: CSV ``reuseLevel`` values → ESCO's skill-reuse-level concepts.
REUSE_LEVELS = {level: f"http://data.europa.eu/esco/skill-reuse-level/{level}"
                for level in ("transversal", "cross-sector", "sector-specific", "occupation-specific")}
#: CSV ``relationType`` values → the ESCO property linking an occupation to a skill.
RELATION_PROPERTIES = {"essential": f"{_ESCO}relatedEssentialSkill", "optional": f"{_ESCO}relatedOptionalSkill"}
XSD_DATE_TIME = f"{PREFIXES['xsd']}dateTime"


def source_iri(version: str | None, language: str) -> str:
    """The provenance node of an ESCO data set of *version* in *language*."""
    return f"{BASE}id/dataset/esco/{version or 'unversioned'}/{language}"


# Predicates with the spaces around them.
_TYPE, _NOTATION, _BROADER = f" <{PREFIXES['rdf']}type> ", f" <{_SKOS}notation> ", f" <{_SKOS}broader> "
_PREF, _ALT, _HIDDEN = f" <{_SKOS}prefLabel> ", f" <{_SKOS}altLabel> ", f" <{_SKOS}hiddenLabel> "
_STATUS, _MODIFIED, _SCOPE = f" <{ISO_THES_STATUS}> ", f" <{_DCT}modified> ", f" <{_SKOS}scopeNote> "
_DEFINITION, _DESCRIPTION = f" <{_SKOS}definition> ", f" <{_DCT}description> "
_IN_SCHEME, _SOURCE = f" <{_SKOS}inScheme> ", f" <{_DCT}source> "
_MEMBER_OF, _ISCO_ANCHOR = f" <{_ESCO}memberOfISCOGroup> ", f" <{PREFIXES['cb']}iscoGroup> "
_REGULATED = f" <{_ESCO}regulatedProfessionNote> "
_SKILL_TYPE, _REUSE_LEVEL = f" <{_ESCO}skillType> ", f" <{_ESCO}skillReuseLevel> "
_CONCEPT = f"<{_SKOS}Concept>"
_OCCUPATION, _SKILL = f"<{_ESCO}Occupation>, {_CONCEPT}", f"<{_ESCO}Skill>, {_CONCEPT}"
_SKILL_TYPES = {key: f" ;{_SKILL_TYPE}<{value}>" for key, value in SKILL_TYPES.items()}
_REUSE_LEVELS = {key: f" ;{_REUSE_LEVEL}<{value}>" for key, value in REUSE_LEVELS.items()}
_RELATIONS = {key: f" <{value}> " for key, value in RELATION_PROPERTIES.items()}
_ISCO = f"<{PREFIXES['isco']}C"
#: Records per block: one text, one escaping check a column, one statement count. Small, so that a block's parts
#: stay in cache while they are made, encoded and joined: writing ESCO-nl costs about half what blocks of 2,048
#: records cost.
BLOCK = 128
#: The characters a Turtle string literal cannot hold as themselves (its quote, the escape, the line breaks), with
#: their escapes; the backslash first.
_RESERVED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}

Column = Sequence[Any]


def _escaped(values: Sequence[str]) -> Sequence[str]:
    """*values* as the insides of Turtle string literals: as they are when none holds a reserved character
    (nearly always; one scan of their joined text each), else with those escaped (a ``str.replace`` a reserved
    character that occurs, over all values). A Turtle string holds any other character as itself."""
    text = "".join(values)
    for mark, escaped in _RESERVED.items():
        if mark in text:
            values = list(map(str.replace, values, repeat(mark), repeat(escaped)))
    return values


def _escaped_lists(values: Sequence[tuple[str, ...]]) -> Sequence[tuple[str, ...]]:
    """:func:`_escaped` for a column of label lists."""
    text = "".join(map("".join, values))
    if any(mark in text for mark in _RESERVED):
        return [tuple(_escaped(labels)) for labels in values]
    return values


def _repeated(values: Column, make: Callable[[Any], str]) -> list[str]:
    """*make* of each value, made once per distinct value ('' for an empty one): statuses, dates, schemes repeat."""
    made = {value: make(value) if value else "" for value in set(values)}
    return list(map(made.__getitem__, values))


def _optional(values: Column) -> int:
    """How many of *values* are not empty (one statement each)."""
    return len(values) - values.count("")


def _items(values: Column) -> int:
    """How many items *values* hold together (one statement each)."""
    return sum(map(len, values))


class TurtleWriter:
    """Writes validated ESCO records as Turtle, in language *lang*, each concept a source of *source*.

    The records come as columns, one list per field in the order of the record's fields (the dataclasses of
    :mod:`competence_bridge.importers.esco_record_types`), and are written a block of :data:`BLOCK` records at
    a time: one list of parts per predicate, then the parts of each record joined.
    """

    def __init__(self, lang: str, source: str) -> None:
        self._lang = f"@{lang}"
        self._labels = f'"@{lang}, "'  # between two labels of one list
        self._node = f"<{source}>"
        self._source = f" ;{_SOURCE}<{source}> .\n"

    def head(self, version: str | None, files: Sequence[str], schemes: Sequence[str]) -> tuple[str, int]:
        """The statements before the records', with their count: the provenance of the data set, its concept schemes."""
        dct, lang = _DCT, self._lang[1:]
        title = f"ESCO {version or '(version unknown)'} CSV export ({lang})"
        parts = [f"{self._node}{_TYPE}<{PREFIXES['cb']}Source>, <{PREFIXES['prov']}Entity> ;"
                 f' <{dct}title> "{escape(title)}" ; <{dct}publisher> "European Commission" ;'
                 f" <{PREFIXES['foaf']}page> <{ESCO_DOWNLOAD_PAGE}> ;"
                 f' <{dct}rights> "{escape(ESCO_ATTRIBUTION)}"@en ;'
                 f' <{dct}language> "{escape(lang)}"^^<{PREFIXES["xsd"]}language>']
        if version:
            parts.append(f' ; <{dct}hasVersion> "{escape(version)}"')
        if files:
            parts.append(f' ;{_SOURCE}"' + '", "'.join(map(escape, files)) + '"')
        parts.append(" .\n")
        parts += [f"<{scheme}>{_TYPE}<{_SKOS}ConceptScheme> .\n" for scheme in schemes]
        return "".join(parts), 7 + bool(version) + len(files) + len(schemes)

    def blocks(self, isco_groups: Sequence[Column], occupations: Sequence[Column], skill_groups: Sequence[Column],
               skills: Sequence[Column], relations: Sequence[Column]) -> Iterator[tuple[bytes, int]]:
        """The statements of the records (each kind as columns), in ``_statements``' order, as blocks of UTF-8 text
        with their statement counts.

        Each part is encoded on its own and the bytes joined: joining the parts as text first would widen a
        whole block to two bytes a character for one ``„`` in it, and encoding that costs as much again (the
        occupations of ESCO-nl: 3.6 ms against 8.4).
        """
        for columns, write in ((isco_groups, self.isco_groups), (occupations, self.occupations),
                               (skill_groups, self.skill_groups), (skills, self.skills)):
            for start in range(0, len(columns[0]) if columns else 0, BLOCK):
                parts, count = write(*(column[start:start + BLOCK] for column in columns))
                yield b"".join(map(str.encode, itertools.chain.from_iterable(zip(*parts, strict=True)))), count
        relation = _RELATIONS
        size = 10 * BLOCK
        for start in range(0, len(relations[0]) if relations else 0, size):
            occupation, kind, skill = (column[start:start + size] for column in relations[:3])
            yield "".join([f"<{o}>{relation[k]}<{s}> .\n" for o, k, s in zip(occupation, kind, skill,
                                                                                strict=True)]).encode(), len(occupation)

    def _label_lists(self, predicate: str, values: Column) -> list[str]:
        lang, labels = self._lang, self._labels
        return [f' ;{predicate}"{labels.join(value)}"{lang}' if value else "" for value in _escaped_lists(values)]

    def _texts(self, predicate: str, values: Column) -> list[str]:
        lang = self._lang
        return [f' ;{predicate}"{value}"{lang}' if value else "" for value in _escaped(values)]

    def _concept(self, pref: Column, alts: Column, hidden: Column | None, status: Column, modified: Column | None,
                 scope_note: Column | None, definition: Column | None, description: Column,
                 in_scheme: Column) -> list[list[str]]:
        """The labels, notes, status, modification date and schemes of concepts (a column each; None: the kind has
        no such field), as predicate-object lists."""
        lang = self._lang
        parts = [[f' ;{_PREF}"{value}"{lang}' for value in _escaped(pref)], self._label_lists(_ALT, alts)]
        if hidden is not None:
            parts.append(self._label_lists(_HIDDEN, hidden))
        parts.append(_repeated(status, lambda value: f' ;{_STATUS}"{escape(value)}"'))
        if modified is not None:
            parts.append(_modified_parts(modified))
        parts += [self._texts(predicate, values) for predicate, values in (
            (_SCOPE, scope_note), (_DEFINITION, definition), (_DESCRIPTION, description)) if values is not None]
        parts.append(_repeated(in_scheme, lambda value: f' ;{_IN_SCHEME}<{">, <".join(value)}>'))
        return parts

    def _concept_count(self, pref: Column, lists: Sequence[Column], optional: Sequence[Column | None]) -> int:
        """The statements of :meth:`_concept` (a source each too): a label and a source per record, an item of
        every list, a non-empty optional value."""
        return 2 * len(pref) + sum(map(_items, lists)) + sum(_optional(values) for values in optional
                                                              if values is not None)

    def isco_groups(self, uri: Column, code: Column, pref: Column, alts: Column, status: Column,
                    description: Column, in_scheme: Column) -> tuple[list[list[str]], int]:
        """The statements of ISCO groups (the columns of ``IscoGroup``), as parts a record and their count."""
        codes = _escaped(code)
        parts = [[f"<{value}>{_TYPE}{_CONCEPT}" for value in uri], [f' ;{_NOTATION}"{value}"' for value in codes],
                 [f" ;{_BROADER}{_ISCO}{value[:-1]}>" if len(value) > 1 else "" for value in code],
                 *self._concept(pref, alts, None, status, None, None, None, description, in_scheme),
                 [self._source] * len(uri)]
        broader = len(code) - sum(len(value) <= 1 for value in code)
        return parts, 2 * len(uri) + broader + self._concept_count(pref, (alts, in_scheme), (status, description))

    def occupations(self, uri: Column, group: Column, code: Column, broader: Column, pref: Column, alts: Column,
                    hidden: Column, status: Column, modified: Column, note: Column, scope_note: Column,
                    definition: Column, description: Column, in_scheme: Column) -> tuple[list[list[str]], int]:
        """The statements of occupations (the columns of ``Occupation``), as parts a record and their count."""
        parts = [[f"<{value}>{_TYPE}{_OCCUPATION}" for value in uri],
                 [f' ;{_NOTATION}"{value}"' if value else "" for value in _escaped(code)],
                 [f' ;{_BROADER}<{parent}> ;{_MEMBER_OF}{_ISCO}{unit}> ;{_ISCO_ANCHOR}{_ISCO}{unit}>'
                  for parent, unit in zip(broader, group, strict=True)],
                 *self._concept(pref, alts, hidden, status, modified, scope_note, definition, description,
                                in_scheme),
                 _repeated(note, self._note), [self._source] * len(uri)]
        count = self._concept_count(pref, (alts, hidden, in_scheme),
                                    (status, modified, scope_note, definition, description, note))
        return parts, 5 * len(uri) + _optional(code) + count

    def _note(self, note: str) -> str:
        return f" ;{_REGULATED}<{note}>" if IRI.match(note) else f' ;{_REGULATED}"{escape(note)}"{self._lang}'

    def skill_groups(self, uri: Column, code: Column, pref: Column, alts: Column, hidden: Column, status: Column,
                     modified: Column, scope_note: Column, description: Column, in_scheme: Column,
                     broader: Column) -> tuple[list[list[str]], int]:
        """The statements of skill groups (the columns of ``SkillGroup``), as parts a record and their count."""
        parts = [[f"<{value}>{_TYPE}{_CONCEPT}" for value in uri],
                 [f' ;{_NOTATION}"{value}"' if value else "" for value in _escaped(code)],
                 [f" ;{_BROADER}<{value}>" if value else "" for value in broader],
                 *self._concept(pref, alts, hidden, status, modified, scope_note, None, description, in_scheme),
                 [self._source] * len(uri)]
        count = self._concept_count(pref, (alts, hidden, in_scheme), (status, modified, scope_note, description))
        return parts, len(uri) + _optional(code) + _optional(broader) + count

    def skills(self, uri: Column, skill_type: Column, reuse_level: Column, pref: Column, alts: Column,
               hidden: Column, status: Column, modified: Column, scope_note: Column, definition: Column,
               description: Column, in_scheme: Column) -> tuple[list[list[str]], int]:
        """The statements of skills (the columns of ``Skill``), as parts a record and their count."""
        parts = [[f"<{value}>{_TYPE}{_SKILL}" for value in uri], _repeated(skill_type, _SKILL_TYPES.__getitem__),
                 _repeated(reuse_level, _REUSE_LEVELS.__getitem__),
                 *self._concept(pref, alts, hidden, status, modified, scope_note, definition, description,
                                in_scheme),
                 [self._source] * len(uri)]
        count = self._concept_count(pref, (alts, hidden, in_scheme),
                                    (status, modified, scope_note, definition, description))
        return parts, 2 * len(uri) + _optional(skill_type) + _optional(reuse_level) + count


def _modified(value: str) -> str:
    return f' ;{_MODIFIED}"{escape(normal_date_time(value))}"^^<{XSD_DATE_TIME}>'


def _modified_parts(values: Column) -> list[str]:
    """:func:`_repeated` of :func:`_modified`, the distinct dates put in normal form by C loops (``fromisoformat``,
    then ``isoformat``: what :func:`~competence_bridge.importers.esco_csv.normal_date_time` does for a date the reader
    checked; ISO digits need no escaping).

    ESCO's own shape, ``2024-01-25T11:28:50.295Z`` (24 characters, ``Z`` last: of the shapes the reader lets through,
    only this one), is put in that form by hand, which ``isoformat`` takes four times as long to do: the
    milliseconds as microseconds (``.295000``, none for ``.000``) and the zone as ``+00:00``.
    """
    distinct = list(set(values).difference(("",)))
    try:
        moments = list(map(dt.datetime.fromisoformat, distinct))
    except ValueError:  # not from the reader: rdflib's normal form, value by value
        made = {value: _modified(value) for value in distinct}
    else:
        normal = [(f"{value[:19]}+00:00" if value[20:23] == "000" else f"{value[:23]}000+00:00")
                  if len(value) == 24 and value[23] == "Z" else moment.isoformat()
                  for value, moment in zip(distinct, moments, strict=True)]
        made = dict(zip(distinct, [f' ;{_MODIFIED}"{value}"^^<{XSD_DATE_TIME}>' for value in normal], strict=True))
    made[""] = ""
    return list(map(made.__getitem__, values))
