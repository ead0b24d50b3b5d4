"""ESCO's records written straight as Turtle text, a block of records at a time: the fast path of ``quads()``.

The statements are exactly those :class:`~competence_bridge.importers.esco_terms.Terms` makes for
``EscoDataset.triples()``, in the same order (``tests/test_ntriples.py`` compares the two); only
the spelling differs. Each record is one Turtle statement group (``<s> <p> o1, o2 ; <q> o3 .``):
its subject written once and a list of labels joined in one step, no term objects and no
generator step per statement. Every IRI is written as it is, so this is only for records the
ESCO reader validated (Turtle reads N-Triples too; the head of the data set is written as such).

Escaping is checked a block at a time: when a block's labels and codes are printable and hold no
``"`` or ``\\`` (nearly always), they are written as they are; else every literal of the block is
escaped (:func:`~competence_bridge.rdf.ntriples.escape`). Texts (notes, descriptions) are always escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
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
#: Records per block: one text, one escaping check, one statement count.
BLOCK = 2048

_PREF_OF, _ALTS_OF, _HIDDEN_OF, _CODE_OF, _SCHEMES_OF = (attrgetter(name) for name in (
    "preferred_label", "alt_labels", "hidden_labels", "code", "in_scheme"))


@dataclass(frozen=True)
class _Kind:
    """How to write and count one kind of concept record."""

    write: str  # the TurtleWriter method
    fixed: int  # statements every record makes
    optional: tuple[Callable[[Any], Any], ...]  # one statement each when true
    labels: tuple[Callable[[Any], Any], ...]  # the single labels and codes checked for escaping
    lists: tuple[Callable[[Any], Any], ...]  # the label lists checked for escaping; one statement per item


_KINDS = (  # in the order of EscoDataset.blocks' arguments
    _Kind("isco_group", 4, (lambda group: len(group.code) > 1, *map(attrgetter, ("status", "description"))),
          (_PREF_OF, _CODE_OF), (_ALTS_OF,)),
    _Kind("occupation", 7, tuple(map(attrgetter, ("code", "status", "modified", "scope_note", "definition",
                                                   "description", "regulated_profession_note"))),
          (_PREF_OF, _CODE_OF), (_ALTS_OF, _HIDDEN_OF)),
    _Kind("skill_group", 3, tuple(map(attrgetter, ("code", "broader", "status", "modified", "scope_note",
                                                    "description"))),
          (_PREF_OF, _CODE_OF), (_ALTS_OF, _HIDDEN_OF)),
    _Kind("skill", 4, tuple(map(attrgetter, ("skill_type", "reuse_level", "status", "modified", "scope_note",
                                              "definition", "description"))),
          (_PREF_OF,), (_ALTS_OF, _HIDDEN_OF)),
)


def _plain(records: Sequence[Any], kind: _Kind) -> bool:
    """No label or code of *records* needs escaping: all printable, no ``"`` or ``\\``."""
    text = "".join(itertools.chain(*(map(get, records) for get in kind.labels),
                                   *(itertools.chain.from_iterable(map(get, records)) for get in kind.lists)))
    return text.isprintable() and '"' not in text and "\\" not in text


def _count(records: Sequence[Any], kind: _Kind) -> int:
    """How many statements *records* make."""
    lists: tuple[Callable[[Any], Any], ...] = (*kind.lists, _SCHEMES_OF)
    items = sum(sum(map(len, map(get, records))) for get in lists)
    return len(records) * kind.fixed + items + sum(sum(map(bool, map(get, records))) for get in kind.optional)


class TurtleWriter:
    """Writes validated ESCO records as Turtle, in language *lang*, each concept a source of *source*.

    Records are duck-typed (the dataclasses of :mod:`competence_bridge.importers.esco_records`).
    """

    def __init__(self, lang: str, source: str) -> None:
        self._lang = f"@{lang}"
        self._labels = f'"@{lang}, "'  # between two labels of one list
        self._node = f"<{source}>"
        self._source = f" ;{_SOURCE}<{source}> .\n"
        self._lines: dict[tuple[str, str], str] = {}  # (field, value) → its part, for values that repeat
        # the same for the occupations, a dict a field; an empty value writes nothing
        self._status: dict[str, str] = {"": ""}
        self._modified: dict[str, str] = {"": ""}
        self._notes: dict[str, str] = {"": ""}

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

    def blocks(self, isco_groups: Sequence[Any], occupations: Sequence[Any], skill_groups: Sequence[Any],
               skills: Sequence[Any], relations: Sequence[Any]) -> Iterator[tuple[str, int]]:
        """The statements of the records, in ``_statements``' order, as blocks of text with their statement counts."""
        for records, kind in zip((isco_groups, occupations, skill_groups, skills), _KINDS, strict=True):
            write = getattr(self, kind.write)
            for start in range(0, len(records), BLOCK):
                block = records[start:start + BLOCK]
                plain = _plain(block, kind)
                yield "".join([write(record, plain) for record in block]), _count(block, kind)
        relation = _RELATIONS
        for start in range(0, len(relations), 10 * BLOCK):
            block = relations[start:start + 10 * BLOCK]
            yield "".join([f"<{r.occupation}>{relation[r.relation_type]}<{r.skill}> .\n" for r in block]), len(block)

    def _once(self, field: str, value: str, make: Callable[[str], str]) -> str:
        part = self._lines.get((field, value))
        if part is None:
            part = self._lines[field, value] = make(value)
        return part

    def _labels_part(self, predicate: str, labels: tuple[str, ...], plain: bool) -> str:
        if not labels:
            return ""
        return f' ;{predicate}"{self._labels.join(labels if plain else map(escape, labels))}"{self._lang}'

    def _text(self, predicate: str, value: str) -> str:
        return f' ;{predicate}"{escape(value)}"{self._lang}' if value else ""

    def _concept(self, pref: str, alts: tuple[str, ...], hidden: tuple[str, ...], status: str, modified: str,
                 scope_note: str, definition: str, description: str, in_scheme: tuple[str, ...], plain: bool) -> str:
        """The labels, notes, status, modification date and schemes of a concept, as predicate-object lists."""
        lang = self._lang
        status_part = self._once("status", status, lambda v: f' ;{_STATUS}"{escape(v)}"') if status else ""
        modified_part = self._once("modified", modified, _modified) if modified else ""
        schemes = f' ;{_IN_SCHEME}<{">, <".join(in_scheme)}>' if in_scheme else ""
        return (f'{_PREF}"{pref if plain else escape(pref)}"{lang}{self._labels_part(_ALT, alts, plain)}'
                f'{self._labels_part(_HIDDEN, hidden, plain)}{status_part}{modified_part}'
                f'{self._text(_SCOPE, scope_note)}{self._text(_DEFINITION, definition)}'
                f'{self._text(_DESCRIPTION, description)}{schemes}')

    def isco_group(self, group: Any, plain: bool) -> str:
        """The statements of one ISCO group."""
        code = group.code if plain else escape(group.code)
        broader = f" ;{_BROADER}{_ISCO}{group.code[:-1]}>" if len(group.code) > 1 else ""
        concept = self._concept(group.preferred_label, group.alt_labels, (), group.status, "", "", "",
                                group.description, group.in_scheme, plain)
        return f'<{group.uri}>{_TYPE}{_CONCEPT} ;{_NOTATION}"{code}"{broader} ;{concept}{self._source}'

    def occupation(self, occupation: Any, plain: bool) -> str:
        """The statements of one occupation (:meth:`_concept` written out: this is the hot loop)."""
        o, lang, labels = occupation, self._lang, self._labels
        code, group, pref, alts, hidden = o.code, f"{_ISCO}{o.isco_group}>", o.preferred_label, o.alt_labels, \
            o.hidden_labels
        if not plain:
            code, pref, alts, hidden = escape(code), escape(pref), tuple(map(escape, alts)), tuple(map(escape, hidden))
        status, modified, note = self._status.get(o.status), self._modified.get(o.modified), self._notes.get(
            o.regulated_profession_note)
        if status is None:
            status = self._status[o.status] = f' ;{_STATUS}"{escape(o.status)}"'
        if modified is None:
            modified = self._modified[o.modified] = _modified(o.modified)
        if note is None:
            note = self._notes[o.regulated_profession_note] = self._note(o.regulated_profession_note)
        scope, definition, description, schemes = o.scope_note, o.definition, o.description, o.in_scheme
        return "".join((
            f"<{o.uri}>{_TYPE}{_OCCUPATION}", f' ;{_NOTATION}"{code}"' if code else "",
            f' ;{_BROADER}<{o.broader}> ;{_MEMBER_OF}{group} ;{_ISCO_ANCHOR}{group} ;{_PREF}"{pref}"{lang}',
            f' ;{_ALT}"{labels.join(alts)}"{lang}' if alts else "",
            f' ;{_HIDDEN}"{labels.join(hidden)}"{lang}' if hidden else "", status, modified,
            f' ;{_SCOPE}"{escape(scope)}"{lang}' if scope else "",
            f' ;{_DEFINITION}"{escape(definition)}"{lang}' if definition else "",
            f' ;{_DESCRIPTION}"{escape(description)}"{lang}' if description else "",
            f' ;{_IN_SCHEME}<{">, <".join(schemes)}>' if schemes else "", note, self._source))

    def _note(self, note: str) -> str:
        return f" ;{_REGULATED}<{note}>" if IRI.match(note) else f' ;{_REGULATED}"{escape(note)}"{self._lang}'

    def skill_group(self, group: Any, plain: bool) -> str:
        """The statements of one skill group."""
        code = group.code if plain else escape(group.code)
        notation = f' ;{_NOTATION}"{code}"' if code else ""
        broader = f" ;{_BROADER}<{group.broader}>" if group.broader else ""
        concept = self._concept(group.preferred_label, group.alt_labels, group.hidden_labels, group.status,
                                group.modified, group.scope_note, "", group.description, group.in_scheme, plain)
        return f"<{group.uri}>{_TYPE}{_CONCEPT}{notation}{broader} ;{concept}{self._source}"

    def skill(self, skill: Any, plain: bool) -> str:
        """The statements of one skill."""
        kind = _SKILL_TYPES[skill.skill_type] if skill.skill_type else ""
        reuse = _REUSE_LEVELS[skill.reuse_level] if skill.reuse_level else ""
        concept = self._concept(skill.preferred_label, skill.alt_labels, skill.hidden_labels, skill.status,
                                skill.modified, skill.scope_note, skill.definition, skill.description,
                                skill.in_scheme, plain)
        return f"<{skill.uri}>{_TYPE}{_SKILL}{kind}{reuse} ;{concept}{self._source}"


def _modified(value: str) -> str:
    return f' ;{_MODIFIED}"{escape(normal_date_time(value))}"^^<{XSD_DATE_TIME}>'
