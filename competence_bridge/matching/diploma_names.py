"""A diploma typed as its type of education and its field: ``mbo niveau 3 verzorgende``, ``graduaat
verpleegkunde``, ``mbo 3 lasser``.

:class:`DiplomaNames` finds the one qualification such a text names, over the word forms of
:class:`~competence_bridge.matching.resolve.FormIndex`: first among the qualifications of the type it names
(:meth:`DiplomaNames.of_type`), else, when none of that type holds the field, among the qualifications of a
neighbouring type: of the same side and ladder (its name but for the number), one EQF level apart at most
(:meth:`DiplomaNames.of_other_type`: ``mbo 3 lasser`` is *Basislasser*, an mbo-2 qualification; no mbo-3
qualification is named *lasser*).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from competence_bridge.language.text import STOPWORDS
from competence_bridge.rdf.items import Item

#: A number or an ordinal as written in a type's name (``3``, ``7de``, ``6e``, ``1ste``).
_ORDINAL = re.compile(r"\d+(e|de|ste)?")
#: The content words of each label of a type of education, with the type.
_Types = list[tuple[Item, frozenset[str]]]


def content_words(form: str) -> frozenset[str]:
    """The content words of a normalised *form*: no stop word, no one-letter word but a digit.

    >>> sorted(content_words("mbo niveau 3 de verzorgende"))
    ['3', 'mbo', 'niveau', 'verzorgende']
    """
    return frozenset(word for word in form.split() if word not in STOPWORDS and (len(word) > 1 or word.isdigit()))


def held(word: str, content: frozenset[str]) -> bool:
    """Whether *content* holds *word*, as a word or as the last part of a compound (five letters or more after
    three or more: ``verplegkund`` in ``basisverplegkund``, not ``las`` in ``basislasser``).

    >>> held("verplegkund", frozenset({"basisverplegkund"})), held("las", frozenset({"basislasser"}))
    (True, False)
    >>> held("kund", frozenset({"verplegkund"})), held("verplegkund", frozenset({"verplegkundig"}))
    (False, False)
    """
    return word in content or (len(word) >= 5 and any(
        len(other) >= len(word) + 3 and other.endswith(word) for other in content))


class DiplomaNames:
    """The qualifications of either side by the content words of their labels, grouped by type of education.

    >>> from competence_bridge.rdf.items import Item
    >>> t2 = Item("t2", "qualification-type", "NL", "Mbo niveau 2", ["mbo 2"], eqf={2})
    >>> t3 = Item("t3", "qualification-type", "NL", "Mbo niveau 3", ["mbo 3"], eqf={3})
    >>> a = Item("a", "qualification", "NL", "Verzorgende-IG", qualification_type="t3", eqf={3})
    >>> b = Item("b", "qualification", "NL", "Basislasser", ["lasser"], qualification_type="t2", eqf={2})
    >>> forms = {"mbo niveau 2": [t2], "mbo 2": [t2], "mbo niveau 3": [t3], "mbo 3": [t3],
    ...          "verzorgende ig": [a], "basislasser": [b], "lasser": [b]}
    >>> names = DiplomaNames(forms, str)
    >>> [item.id for item in names.of_type("mbo 3 verzorgende")], names.of_type("mbo 3 lasser")
    (['a'], [])
    >>> [item.id for item in names.of_other_type("mbo 3 lasser")], names.of_other_type("mbo 3 verzorgende")
    (['b'], [])
    """

    def __init__(self, items: Mapping[str, Sequence[Item]], form: Callable[[str], str],
                 contents: Mapping[str, frozenset[str]] | None = None) -> None:
        """Index the items under each normalised label form of *items*; *form* gives a text's form; *contents*,
        when the caller has them, the content words of each of those forms (else they are computed)."""
        self._form = form
        self._types: _Types = []
        self._side_words: dict[str, set[str]] = {}  # every content word of the labels of a side's types
        self._unnumbered: dict[frozenset[str], set[str]] = {}  # the types with a label of these words but a number
        self._of_type: dict[str, list[tuple[frozenset[str], Item]]] = {}
        for label_form, found in items.items():
            content = contents[label_form] if contents is not None else content_words(label_form)
            for item in found:
                if item.kind == "qualification-type" and content:
                    self._types.append((item, content))
                    self._side_words.setdefault(str(item.region), set()).update(content)
                    self._unnumbered.setdefault(unnumbered(content), set()).add(item.id)
                if item.qualification_type is not None:
                    self._of_type.setdefault(item.qualification_type, []).append((content, item))

    def of_type(self, text: str, region: str | None = None, *, parts: bool = False) -> list[Item]:
        """The qualification *text* names by its type of education and its other words: *text* holds every word
        of a label of a type (the type with the longest such label; of side *region*, if given) and more, and
        one label of the qualifications of that type alone holds every other content word, up to the word forms
        (the tightest: the fewest words besides): ``mbo niveau 3 verzorgende`` is *Verzorgende-IG*. When the
        words are one qualification's preferred label and another's alternative label, the first (``mbo 4
        software developer`` is *Software developer*, 25604, not its successor that also carries that name). With
        *parts*, a word may also be the last part of a compound of the label (:func:`held`: ``graduaat
        verpleegkunde`` is *Gegradueerde in de basisverpleegkunde*, the graduaat whose label ``graduaat
        Basisverpleegkunde`` is a kind of verpleegkunde). Nothing when no type or no one label fits."""
        return self._one(text, region, lambda kind, _words: self._of_type.get(kind.id, ()), parts=parts)

    def of_other_type(self, text: str, region: str | None = None) -> list[Item]:
        """The qualification *text* names by its field when no qualification of the type it names holds the field
        (:meth:`of_type` finds nothing): the one label, as :meth:`of_type` chooses, among the qualifications of
        the *other* types of that type's side on its ladder (a type one of whose names is the name typed but for
        its number: ``mbo 2`` beside ``mbo 3``, ``6e jaar bso`` beside ``7de jaar bso``; not a master beside a
        bachelor, a havo beside an mbo) whose EQF level is at most one from the type's: ``mbo 3 lasser`` is
        *Basislasser* (mbo 2). Nothing when either has no EQF level, or when every word of *text* is a word of
        that side's types' names (no field: ``diploma secundair onderwijs``)."""
        vocabulary = set().union(*(words for side, words in self._side_words.items() if region in (None, side)))
        if not content_words(self._form(text)) - vocabulary:
            return []  # no field: every word names that side's types of education (``diploma secundair onderwijs``)

        def others(kind: Item, words: frozenset[str]) -> list[tuple[frozenset[str], Item]]:
            ladder = unnumbered(words)
            kin = self._unnumbered.get(ladder, set()) - {kind.id} if ladder != words else set()
            return [(content, item) for type_id in sorted(kin) for content, item in self._of_type.get(type_id, ())
                    if item.region == kind.region and _near(kind, item)]

        return self._one(text, region, others)

    def _one(self, text: str, region: str | None,
             members: Callable[[Item, frozenset[str]], Sequence[tuple[frozenset[str], Item]]], *,
             parts: bool = False) -> list[Item]:
        wanted = content_words(self._form(text))
        types: dict[int, list[tuple[Item, frozenset[str]]]] = {}
        for kind, words in self._types:
            if words < wanted and (region is None or kind.region == region):
                types.setdefault(len(words), []).append((kind, words))
        if not types:
            return []
        found: dict[str, Item] = {}
        for kind, words in types[max(types)]:
            field = wanted - words
            fitting = [(content, item) for content, item in members(kind, words)
                       if field <= content or (parts and all(held(word, content) for word in field))]
            tightest = min((len(content) for content, _ in fitting), default=None)
            tight = [(content, item) for content, item in fitting if len(content) == tightest]
            # a preferred label beats another item's alternative label, as when the name is typed alone
            preferred = [item for content, item in tight if content == content_words(self._form(item.label))]
            found.update((item.id, item) for item in preferred or [item for _, item in tight])
        return list(found.values()) if len(found) == 1 else []


def unnumbered(words: frozenset[str]) -> frozenset[str]:
    """*words* without numbers (``3``) and ordinals (``7de``, ``6e``): the ladder a type's name puts it on.

    >>> sorted(unnumbered(frozenset({"mbo", "niveau", "3"}))), sorted(unnumbered(frozenset({"7de", "jaar", "bso"})))
    (['mbo', 'niveau'], ['bso', 'jaar'])
    """
    return frozenset(word for word in words if not _ORDINAL.fullmatch(word))


def _near(kind: Item, item: Item) -> bool:
    """Whether *item*'s EQF level is at most one from the type *kind*'s (both known)."""
    return bool(kind.eqf and item.eqf) and min(abs(a - b) for a in kind.eqf for b in item.eqf) <= 1
