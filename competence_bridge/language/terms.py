"""The one vocabulary of Belgian (nl-BE) and Netherlands (nl-NL) Dutch: the curated term pairs of ``terms.yaml``.

Translation and search read the same pairs, each in the form its job needs:

* :class:`TermLayer` (translation): every Flemish form, and every Dutch variant, is rewritten as the first
  Dutch form of its pair before labels and statements are compared;
* :meth:`Vocabulary.synonyms` and :meth:`Vocabulary.phrases` (search): a query word or phrase may also match
  through the first form of either side of its pair, for a little less. Search names the relations whose
  pairs serve (``synonym_relations``: a related pair differs too much for a hit); no pair any of whose forms
  is a false friend's (``graduaat``, ``hbo``, ``verzorgende``) ever serves.

Search also reads a weaker kind of synonym, :meth:`Vocabulary.mined`: word pairs mined from official labels
(``taxonomies/mined-synonyms.yaml``, by ``benchmarks/mine_synonyms.py``: two labels of one ESCO occupation that
differ in just these words), each with where it comes from and how often it was seen. They are not term pairs:
translation never reads them.

:attr:`Vocabulary.words` are the words of every form; the Flemish ``-ist`` rule knows them
(``kinesist`` is ``kinesitherapeut`` even where no text of the corpus says so).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from competence_bridge.language.rules import base_key
from competence_bridge.language.text import fold, words


@dataclass(frozen=True)
class TermEntry:
    """One curated term pair as the analysis reads it: its id, Flemish forms, Dutch forms and relation, and what an
    explanation cites for it: its sources (``Publisher, “Title”``) and evidence (verified, secondary, inference)."""

    id: str
    be: tuple[str, ...]
    nl: tuple[str, ...]
    relation: str = "exact"  # exact, close or related
    sources: tuple[str, ...] = ()
    evidence: str = ""


@dataclass(frozen=True)
class MinedEntry:
    """A word pair mined from data: two folded words that name the same thing in the labels of one concept, the
    data it was seen in (``'ESCO 1.2.0 nl'``), the split of the concepts it was mined from and its support (how
    many concepts)."""

    words: tuple[str, str]
    source: str
    split: str
    support: int


@dataclass(frozen=True)
class Substitution:
    """One term-layer replacement that fired on a label: *flemish* when *source* is a Flemish form of the pair,
    not a Dutch variant folded to the pair's first Dutch form (``logistiek medewerker`` → ``magazijnmedewerker``)."""

    term_pair: str
    source: str
    target: str
    relation: str
    flemish: bool = True


class TermLayer:
    """The curated nl-BE ↔ nl-NL term pairs, applied as whole-phrase substitutions on folded text.

    Every Flemish form, and every Dutch variant, becomes the first Dutch form of its pair; the longest
    form wins where forms overlap. The first Dutch forms themselves stand: ``verzorgende ig`` stays,
    although ``verzorgende`` alone is a Flemish form. A replacement can complete a longer form, which
    the next pass replaces in turn (``technieker mechatronica`` → ``technicus mechatronica`` →
    ``monteur mechatronica``), until nothing changes.
    """

    #: Passes at most; each turns a replaced phrase into a longer Dutch form, so few are ever needed.
    PASSES = 4

    def __init__(self, pairs: Iterable[TermEntry], netherlands_words: Iterable[str] = ()) -> None:
        """The layer of *pairs*; *netherlands_words* are Flemish forms that Netherlands Dutch writes too, meaning
        something else (the Flemish forms of the false friends): ``apply(text, netherlands=True)`` leaves them."""
        # form -> (target, pair, relation, Flemish form?); None: a first Dutch form, which stands
        self._rules: dict[str, tuple[str, str, str, bool] | None] = {}
        self._netherlands = frozenset(filter(None, map(fold, netherlands_words)))
        pairs = list(pairs)
        for pair in pairs:
            self._rules[fold(pair.nl[0])] = None
        for pair in pairs:
            target = fold(pair.nl[0])
            flemish = {fold(form) for form in pair.be}
            for form in (*pair.be, *pair.nl[1:]):
                source = fold(form)
                if source and source not in self._rules:
                    self._rules[source] = (target, pair.id, pair.relation, source in flemish)
        forms = "|".join(re.escape(form) for form in sorted(filter(None, self._rules), key=lambda f: (-len(f), f)))
        self._pattern = re.compile(rf"(?<![a-z0-9])(?:{forms})(?![a-z0-9])") if forms else None
        # one-word Flemish forms of exact pairs whose first Dutch form is one word: the head of a compound too
        heads: dict[str, tuple[str, str, str, bool]] = {form: rule for form, rule in self._rules.items()
                 if rule is not None and rule[3] and rule[2] == "exact" and form.isalpha() and rule[0].isalpha()}
        ends = "|".join(re.escape(form) for form in sorted(heads, key=lambda f: (-len(f), f)))
        self._heads = heads
        self._head_pattern = re.compile(rf"(?<![a-z0-9])([a-z]{{3,}}?)({ends})(?![a-z0-9])") if ends else None

    def apply(self, text: str, *, netherlands: bool = False) -> tuple[str, tuple[Substitution, ...]]:
        """*text* folded with every Flemish (or variant) term replaced by its Dutch form.

        A text written in the Netherlands (*netherlands*: a label of a Dutch item) keeps the forms that mean
        something else there: 'verzorgende niveau 3' names the Dutch Verzorgende-IG, not the Flemish verzorgende
        that the layer turns into 'helpende zorg en welzijn'.
        """
        result = fold(text)
        fired: dict[tuple[str, str], Substitution] = {}
        if self._pattern is None:
            return result, ()
        kept = self._netherlands if netherlands else frozenset()

        def replace(match: re.Match[str]) -> str:
            rule = self._rules[match.group(0)]
            if rule is None or match.group(0) in kept:
                return match.group(0)
            target, pair_id, relation, flemish = rule
            fired.setdefault((pair_id, match.group(0)),
                             Substitution(pair_id, match.group(0), target, relation, flemish))
            return target

        for _ in range(self.PASSES):
            replaced = self._pattern.sub(replace, result)
            if replaced == result:
                break
            result = replaced
        return result, tuple(fired.values())

    def read_heads(self, text: str) -> tuple[str, tuple[Substitution, ...]]:
        """*text* (folded) with the Flemish head of each compound replaced by its Dutch form: a word that is three
        letters or more and then a one-word Flemish form of an exact pair whose Dutch form is one word
        (``elektrotechnieker`` → ``elektrotechnicus``, ``kleuterleerkracht`` → ``kleuterleraar``). :meth:`apply`
        replaces whole words only; this reads the compounds it leaves, for free text's reading.

        >>> layer = TermLayer([TermEntry("term:technieker", ("technieker",), ("technicus", "monteur"))])
        >>> layer.read_heads("Elektrotechnieker")
        ('elektrotechnicus', (Substitution(term_pair='term:technieker', source='technieker', target='technicus', \
relation='exact', flemish=True),))
        """
        result = fold(text)
        if self._head_pattern is None:
            return result, ()
        fired: dict[str, Substitution] = {}

        def replace(match: re.Match[str]) -> str:
            target, pair_id, relation, flemish = self._heads[match.group(2)]
            fired.setdefault(match.group(2), Substitution(pair_id, match.group(2), target, relation, flemish))
            return match.group(1) + target

        return self._head_pattern.sub(replace, result), tuple(fired.values())


class SearchState(NamedTuple):
    """What search reads of a :class:`Vocabulary`: the words of its forms, its longest form (in words), the other
    forms of each form (by its word keys, with their relation) and the mined pairs of each word key."""

    words: frozenset[str]
    longest: int
    synonyms: Mapping[tuple[str, ...], list[tuple[str, str]]]
    mined: Mapping[str, list[tuple[str, MinedEntry]]]


def _keys(form: str) -> tuple[str, ...]:
    """The base keys of a form's content words: the shape a form is matched in."""
    return tuple(base_key(word) for word in words(form))


class Vocabulary:
    """The curated term pairs for translation (:attr:`layer`) and search (:meth:`synonyms`, :meth:`phrases`).

    *false_friends* are the forms of the curated false friends: a pair holding one gives no search synonym (nor
    does a mined pair). Search asks for the synonyms of pairs with given relations (``synonym_relations`` of the
    search settings), and for the *mined* pairs' (:meth:`mined`).

    >>> vocabulary = Vocabulary([TermEntry("term:leerkracht", ("leerkracht",), ("leraar",))])
    >>> vocabulary.synonyms(base_key("leerkracht")), vocabulary.layer.apply("Leerkracht wiskunde")[0]
    (('leraar',), 'leraar wiskunde')
    """

    def __init__(self, pairs: Iterable[TermEntry], false_friends: Iterable[str] = (),
                 mined: Iterable[MinedEntry] = (), *, netherlands_words: Iterable[str] = ()) -> None:
        """The vocabulary of *pairs* (and of the *mined* word pairs, for search only); *netherlands_words* go to
        the :class:`TermLayer`."""
        self.pairs = tuple(pairs)
        self.entries = {pair.id: pair for pair in self.pairs}
        self.layer = TermLayer(self.pairs, netherlands_words)
        self.words = frozenset(word for pair in self.pairs for form in (*pair.be, *pair.nl)
                               for word in fold(form).split())
        blocked = {_keys(form) for form in false_friends}
        synonyms: dict[tuple[str, ...], list[tuple[str, str]]] = {}  # form keys -> (other form, relation)
        for pair in self.pairs:
            forms = (*pair.be, *pair.nl)
            if any(_keys(form) in blocked for form in forms):
                continue
            firsts = [(pair.be[0], _keys(pair.be[0])), (pair.nl[0], _keys(pair.nl[0]))]
            for form in forms:
                keys = _keys(form)
                found = synonyms.setdefault(keys, []) if keys else []
                found += [(first, pair.relation) for first, first_keys in firsts
                          if first_keys != keys and (first, pair.relation) not in found]
        self._synonyms: Mapping[tuple[str, ...], list[tuple[str, str]]] = synonyms
        self.longest = max((len(keys) for keys in synonyms), default=0)
        self.mined_entries = tuple(mined)
        found_mined: dict[str, list[tuple[str, MinedEntry]]] = {}  # word key -> (other word, entry), by support
        for entry in sorted(self.mined_entries, key=lambda entry: (-entry.support, entry.words)):
            word_keys = [base_key(word) for word in entry.words]
            if word_keys[0] == word_keys[1] or any((key,) in blocked for key in word_keys):
                continue
            for key, other in zip(word_keys, reversed(entry.words), strict=True):
                found_mined.setdefault(key, []).append((other, entry))
        self._mined: Mapping[str, list[tuple[str, MinedEntry]]] = found_mined

    def search_state(self) -> SearchState:
        """What search reads of the vocabulary: its words, its longest form (in words), and its synonyms and mined
        pairs by key (:meth:`for_search` takes them back)."""
        return SearchState(self.words, self.longest, self._synonyms, self._mined)

    @classmethod
    def for_search(cls, state: SearchState) -> Vocabulary:
        """The vocabulary search reads, from a :meth:`search_state` (whose look-ups may be views of a mapped file):
        it answers :meth:`synonyms`, :meth:`mined` and :meth:`phrases` as the one it was taken from, but holds no
        pairs nor mined entries (its term layer changes nothing)."""
        vocabulary = cls([])
        vocabulary.words, vocabulary.longest = state.words, state.longest
        vocabulary._synonyms, vocabulary._mined = state.synonyms, state.mined
        return vocabulary

    def synonyms(self, key: str, relations: Collection[str] = ("exact",)) -> tuple[str, ...]:
        """The forms a one-word form with this base key also names (the first forms of its pairs, as written),
        from pairs with one of *relations*."""
        return tuple(dict.fromkeys(form for form, relation in self._synonyms.get((key,), ()) if relation in relations))

    def mined(self, key: str) -> tuple[tuple[str, MinedEntry], ...]:
        """The words a word with this base key names in the mined pairs, with their entries (most support first).

        >>> vocabulary = Vocabulary([], mined=[MinedEntry(("bediener", "operator"), "ESCO 1.2.0 nl", "train", 5)])
        >>> [(word, entry.support) for word, entry in vocabulary.mined(base_key("operators"))]
        [('bediener', 5)]
        """
        return tuple(self._mined.get(key, ()))

    def phrases(self, keys: Sequence[str], relations: Collection[str] = ("exact",),
                ) -> list[tuple[int, int, tuple[str, ...]]]:
        """Every form of two words or more in a sequence of word base keys: (start, end, other forms), the
        longest at each start, from pairs with one of *relations*."""
        found = []
        for start in range(len(keys)):
            for end in range(min(len(keys), start + self.longest), start + 1, -1):
                others = tuple(dict.fromkeys(form for form, relation in self._synonyms.get(tuple(keys[start:end]), ())
                                             if relation in relations))
                if others:
                    found.append((start, end, others))
                    break
        return found
