"""ESCO's records written straight as N-Triples text, one string per record: the fast path of ``quads()``.

The statements are exactly those :class:`~competence_bridge.importers.esco_terms.Terms` makes for
``EscoDataset.triples()``, in the same order (``tests/test_ntriples.py`` compares the two); only
the spelling differs: no term objects and no generator step per statement, about four times
faster. Every IRI is written as it is, so this is only for records the ESCO reader validated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from competence_bridge.importers.esco_csv import IRI
from competence_bridge.importers.esco_terms import (
    ESCO,
    ISO_THES_STATUS,
    RELATION_PROPERTIES,
    REUSE_LEVELS,
    SKILL_TYPES,
    normal_date_time,
)
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.namespaces import CB, DCTERMS, RDF, SKOS, XSD
from competence_bridge.rdf.ntriples import escape

# Predicates with the spaces around them, objects with the line's end where they always end one.
_TYPE, _NOTATION, _BROADER = f" <{RDF.type}> ", f" <{SKOS.notation}> ", f" <{SKOS.broader}> "
_PREF, _ALT, _HIDDEN = f" <{SKOS.prefLabel}> ", f" <{SKOS.altLabel}> ", f" <{SKOS.hiddenLabel}> "
_STATUS, _MODIFIED, _SCOPE = f" <{ISO_THES_STATUS}> ", f" <{DCTERMS.modified}> ", f" <{SKOS.scopeNote}> "
_DEFINITION, _DESCRIPTION = f" <{SKOS.definition}> ", f" <{DCTERMS.description}> "
_IN_SCHEME, _SOURCE = f" <{SKOS.inScheme}> ", f" <{DCTERMS.source}> "
_MEMBER_OF, _ISCO_ANCHOR = f" <{ESCO.memberOfISCOGroup}> ", f" <{CB.iscoGroup}> "
_REGULATED = f" <{ESCO.regulatedProfessionNote}> "
_SKILL_TYPE, _REUSE_LEVEL = f" <{ESCO.skillType}> ", f" <{ESCO.skillReuseLevel}> "
_CONCEPT = f"<{SKOS.Concept}> .\n"
_OCCUPATION, _SKILL = f"<{ESCO.Occupation}> .\n", f"<{ESCO.Skill}> .\n"
_SKILL_TYPES = {key: f"<{value}> .\n" for key, value in SKILL_TYPES.items()}
_REUSE_LEVELS = {key: f"<{value}> .\n" for key, value in REUSE_LEVELS.items()}
_RELATIONS = {key: f" <{value}> " for key, value in RELATION_PROPERTIES.items()}
_DATE_TIME = f"^^<{XSD.dateTime}> .\n"
_ISCO = f"<{PREFIXES['isco']}C"


class NTriplesWriter:
    """Writes validated ESCO records as N-Triples, in language *lang*, each concept a source of *source*.

    Records are duck-typed (the dataclasses of :mod:`competence_bridge.importers.esco_records`).
    """

    def __init__(self, lang: str, source: str) -> None:
        self._lang = f"@{lang} .\n"
        self._source = f"{_SOURCE}<{source}> .\n"
        self._status: dict[str, str] = {}
        self._modified: dict[str, str] = {}

    def records(self, isco_groups: Iterable[Any], occupations: Iterable[Any], skill_groups: Iterable[Any],
                skills: Iterable[Any], relations: Sequence[Any]) -> Iterator[str]:
        """The statements of the records, one string of whole lines per record, in ``_statements``' order."""
        yield from map(self.isco_group, isco_groups)
        yield from map(self.occupation, occupations)
        yield from map(self.skill_group, skill_groups)
        yield from map(self.skill, skills)
        relation = _RELATIONS
        for start in range(0, len(relations), 10_000):
            yield "".join([f"<{r.occupation}>{relation[r.relation_type]}<{r.skill}> .\n"
                           for r in relations[start:start + 10_000]])

    def isco_group(self, group: Any) -> str:
        """The statements of one ISCO group."""
        s, code = f"<{group.uri}>", group.code
        broader = f"{s}{_BROADER}{_ISCO}{code[:-1]}> .\n" if len(code) > 1 else ""
        parts = [f'{s}{_TYPE}{_CONCEPT}{s}{_NOTATION}"{escape(code)}" .\n{broader}']
        self.concept_parts(parts, s, group.preferred_label, group.alt_labels, (), group.status, "", "", "",
                           group.description, group.in_scheme)
        parts += (s, self._source)
        return "".join(parts)

    def occupation(self, occupation: Any) -> str:
        """The statements of one occupation."""
        s, group = f"<{occupation.uri}>", f"{_ISCO}{occupation.isco_group}> .\n"
        parts = [f"{s}{_TYPE}{_OCCUPATION}{s}{_TYPE}{_CONCEPT}"]
        if occupation.code:
            parts.append(f'{s}{_NOTATION}"{escape(occupation.code)}" .\n')
        parts.append(f"{s}{_BROADER}<{occupation.broader}> .\n{s}{_MEMBER_OF}{group}{s}{_ISCO_ANCHOR}{group}")
        self.concept_parts(parts, s, occupation.preferred_label, occupation.alt_labels, occupation.hidden_labels,
                           occupation.status, occupation.modified, occupation.scope_note, occupation.definition,
                           occupation.description, occupation.in_scheme)
        note = occupation.regulated_profession_note
        if note:
            parts.append(f"{s}{_REGULATED}<{note}> .\n" if IRI.match(note)
                         else f'{s}{_REGULATED}"{escape(note)}"{self._lang}')
        parts += (s, self._source)
        return "".join(parts)

    def skill_group(self, group: Any) -> str:
        """The statements of one skill group."""
        s = f"<{group.uri}>"
        notation = f'{s}{_NOTATION}"{escape(group.code)}" .\n' if group.code else ""
        broader = f"{s}{_BROADER}<{group.broader}> .\n" if group.broader else ""
        parts = [f"{s}{_TYPE}{_CONCEPT}{notation}{broader}"]
        self.concept_parts(parts, s, group.preferred_label, group.alt_labels, group.hidden_labels, group.status,
                           group.modified, group.scope_note, "", group.description, group.in_scheme)
        parts += (s, self._source)
        return "".join(parts)

    def skill(self, skill: Any) -> str:
        """The statements of one skill."""
        s = f"<{skill.uri}>"
        kind = f"{s}{_SKILL_TYPE}{_SKILL_TYPES[skill.skill_type]}" if skill.skill_type else ""
        reuse = f"{s}{_REUSE_LEVEL}{_REUSE_LEVELS[skill.reuse_level]}" if skill.reuse_level else ""
        parts = [f"{s}{_TYPE}{_SKILL}{s}{_TYPE}{_CONCEPT}{kind}{reuse}"]
        self.concept_parts(parts, s, skill.preferred_label, skill.alt_labels, skill.hidden_labels, skill.status,
                           skill.modified, skill.scope_note, skill.definition, skill.description, skill.in_scheme)
        parts += (s, self._source)
        return "".join(parts)

    def concept_parts(self, parts: list[str], s: str, pref: str, alts: tuple[str, ...], hidden: tuple[str, ...],
                      status: str, modified: str, scope_note: str, definition: str, description: str,
                      in_scheme: tuple[str, ...]) -> None:
        """Add the labels, notes, status, modification date and schemes of the concept *s* (``<IRI>``) to *parts*.

        A record's statements are joined once, from one list: adding texts up would copy each record several times.
        """
        lang = self._lang
        parts.append(f'{s}{_PREF}"{escape(pref)}"{lang}')
        if alts:
            parts += [f'{s}{_ALT}"{escape(label)}"{lang}' for label in alts]
        if hidden:
            parts += [f'{s}{_HIDDEN}"{escape(label)}"{lang}' for label in hidden]
        if status:
            line = self._status.get(status)
            if line is None:
                line = self._status[status] = f'{_STATUS}"{escape(status)}" .\n'
            parts += (s, line)
        if modified:
            line = self._modified.get(modified)
            if line is None:
                line = self._modified[modified] = f'{_MODIFIED}"{escape(normal_date_time(modified))}"{_DATE_TIME}'
            parts += (s, line)
        if scope_note:
            parts.append(f'{s}{_SCOPE}"{escape(scope_note)}"{lang}')
        if definition:
            parts.append(f'{s}{_DEFINITION}"{escape(definition)}"{lang}')
        if description:
            parts.append(f'{s}{_DESCRIPTION}"{escape(description)}"{lang}')
        if in_scheme:
            parts += [f"{s}{_IN_SCHEME}<{scheme}> .\n" for scheme in in_scheme]
