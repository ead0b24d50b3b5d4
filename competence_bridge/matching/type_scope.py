"""Where a name holds a type of education's name and more: a programme of that type (narrower than the type), or
not (a job beside it, a compound that only starts with it, an English-style noun phrase).

Read by the lexical signal (:func:`type_scope`: a broad/narrow hint between a type and a qualification or free text of
the other side) and by :mod:`~competence_bridge.matching.through_type` (free text through a type of its own side),
with one rule for both (:func:`scope_of_type_blocked`).
"""

from __future__ import annotations

import itertools
import weakref

from competence_bridge.matching.evidence import Context, Evidence, LabelKeys, Pair
from competence_bridge.rdf.items import Item

__all__ = ["TypeNames", "inflected_adjective", "scope_of_type_blocked", "type_names", "type_scope"]


def type_scope(context: Context, pair: Pair, evidence: Evidence, rows: tuple[LabelKeys, LabelKeys]) -> None:
    """Hint broad or narrow when one side is a type of education and the other a qualification or free text whose
    matched name holds every word of the type's and more: 'Associate degree' is broader than 'Graduaat
    Programmeren' (graduaat read as associate degree), and than the text 'hbo5 boekhouden'. Not when the type's
    words are only first parts of compounds there and nothing else there is a word of a type of education: a
    'promotiemedewerker' is a medewerker, no kind of 'promotie' (a doctorate); a 'masteropleiding' is an
    opleiding of the type master. Nor beside a generic word of work or a role's word (:func:`scope_of_type_blocked`):
    'medewerker promotie' and 'docent hbo' are jobs."""
    source, target = pair.source, pair.target
    if (source.kind == "qualification-type") == (target.kind == "qualification-type"):
        return
    source_row, target_row = rows
    typed, other = (source_row, target_row) if source.kind == "qualification-type" else (target_row, source_row)
    if not typed[1] or not typed[1] < other[1]:
        return
    if scope_of_type_blocked(context, typed[1], other[0], other[1]):
        return
    spelled = context.analyser.spelling(other[0])
    more = ", ".join(spelled.get(key, key) for key in sorted(other[1] - typed[1]))
    if source.kind == "qualification-type":
        evidence.hint = "skos:narrowMatch"
        evidence.say(f"Het doel is smaller: '{typed[0]}' is een onderwijstype, '{other[0]}' noemt meer ({more}).",
                     f"The target is narrower: '{typed[0]}' is a type of education, '{other[0]}' names more ({more}).")
    else:
        evidence.hint = "skos:broadMatch"
        evidence.say(f"Het doel is ruimer: '{typed[0]}' is een onderwijstype, '{other[0]}' noemt meer ({more}).",
                     f"The target is broader: '{typed[0]}' is a type of education, '{other[0]}' names more ({more}).")


def scope_of_type_blocked(context: Context, typed: frozenset[str], other: str, keys: frozenset[str]) -> bool:
    """Whether a name *other* (its *keys*) that holds every key of a type of education's name (*typed*) and more is
    still no programme of that type: the type's words are only first parts of compounds there and nothing else there
    is a word of a type ('promotiemedewerker'), or a further word is a generic word of work or a word of a role, not
    a type's (``generic_words`` and ``role_words`` less the types' words: 'medewerker promotie', 'entree medewerker',
    'docent hoger beroepsonderwijs', 'leerkracht TSO'), or a one-word name of the type follows a noun ('scrum
    master')."""
    further, types = keys - typed, _type_keys(context)
    if typed <= context.modifier_keys(other) and not further & types:
        return True
    roles = {key for word in context.settings.role_words for key in context.analyser.word_keys(word)}
    return bool(further & ((context.generic_keys() | roles) - types)) or _after_a_noun(context, typed, other)


def _after_a_noun(context: Context, typed: frozenset[str], other: str) -> bool:
    """Whether the one word of a type's name follows, in *other*, a word that is no inflected adjective: a Dutch
    programme's name puts its type first (master industriële wetenschappen, TSO elektromechanica) or after an
    adjective (academische master, Vlaamse master), so 'scrum master' names a master of something else."""
    words = context.analyser.tokens(other)
    for before, word in itertools.pairwise(words):
        if frozenset(context.analyser.word_keys(word)) == typed and not inflected_adjective(before):
            return True
    return False


def inflected_adjective(word: str) -> bool:
    """Whether a (folded) word before a noun reads as an inflected adjective (*academische*, *professionele*): the
    rough test the readings of a type's name use, a Dutch attributive adjective ending in -e."""
    return word.endswith("e")


def _type_keys(context: Context) -> frozenset[str]:
    """The keys of every name of the types of education."""
    return frozenset(key for types in type_names(context).values() for _, names in types for _, keys in names
                     for key in keys)


#: The types of education of each side with the keys of each of their names, by side.
TypeNames = dict[str | None, list[tuple[Item, list[tuple[str, frozenset[str]]]]]]

_TYPE_NAMES: weakref.WeakKeyDictionary[Context, TypeNames] = weakref.WeakKeyDictionary()


def type_names(context: Context) -> TypeNames:
    """The types of education of each side with the keys of each of their names, kept per context: a walk over
    every item (ESCO's and the tables' too) each time a type's name is found in another name cost up to 2 ms."""
    found = _TYPE_NAMES.get(context)
    if found is None:
        found = {}
        for item in context.table.items.values():
            if item.kind == "qualification-type":
                found.setdefault(item.region, []).append((item, [(label, context.analyser.keys(label))
                                                                 for label in item.labels]))
        _TYPE_NAMES[context] = found
    return found
