"""A search query, word by word: the ways each word may match (its alternatives), their coverage, and the notes
that explain a hit.

A query word matches through its own units or, for less (each factor is data, ``search`` in
``taxonomies/matching.yaml``), through a Flemish/Netherlands synonym of the term pairs (a word, a compound
part, or a phrase of several words), a synonym mined from official labels (a word or compound part, weaker:
``mined_synonym_factor``; labels only, never running text; its note names the data, the support and the split),
a derived word (``-isch``/``-icus``, ``-er``/``-ing``) or a close
spelling (rapidfuzz ratio from ``fuzzy_cutoff``, among label words with the same first two letters; words
over the ``analysed_word_chars`` cap are never compared by spelling). Only the first ``query_words`` words of
a query are read (``taxonomies/limits.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from competence_bridge.curated.limits import limits
from competence_bridge.language.lexicon import Lexicon
from competence_bridge.language.rules import RULES, base_key, derived_keys
from competence_bridge.language.terms import MinedEntry, Vocabulary
from competence_bridge.language.word_units import Unit, Word

if TYPE_CHECKING:
    from competence_bridge.matching.search_values import SearchValues


@dataclass(frozen=True)
class Alternative:
    """One way a query word can match: unit keys, what a full match is worth, and why."""

    keys: tuple[str, ...]
    weights: tuple[float, ...]
    factor: float
    note: str | None = None
    replacement: str | None = None  # the key that replaced one of the word's own (derived, spelling)
    describes: bool = True  # whether it may match descriptions (derivations and spellings may not)
    surfaces: tuple[str, ...] = ()  # the words behind the keys, for explanations


@dataclass(frozen=True)
class QueryWord:
    """A query word, its weight (the IDF of its own units) and its alternatives (its own units first)."""

    word: Word
    weight: float
    alternatives: tuple[Alternative, ...]


class QueryReader:
    """Reads queries against one index's tables (shared with it, never copied)."""

    def __init__(self, lexicon: Lexicon, idf: Mapping[str, float], unknown_idf: float,
                 postings: Mapping[str, object], keys_by_start: Mapping[str, Sequence[str]],
                 vocabulary: Sequence[str], terms: Vocabulary) -> None:
        """The reader of an index: its lexicon, IDF, label postings, label keys by their first two letters,
        every word of the corpus, and the term vocabulary."""
        self.lexicon, self.idf, self.unknown_idf, self.postings = lexicon, idf, unknown_idf, postings
        self.keys_by_start, self.vocabulary, self.terms = keys_by_start, vocabulary, terms
        self.query_words = limits().query_words
        self._unmined = Vocabulary([])  # no mined pairs: what a search without them reads

    def alternative(self, units: Iterable[Unit], factor: float, note: str | None = None,
                    replacement: str | None = None, describes: bool = True) -> Alternative:
        """An alternative of these units (each key once, IDF-weighted)."""
        surfaces = {unit.key: unit.surface for unit in reversed(list(units))}
        unique = tuple(reversed(surfaces))
        weights = tuple(self.idf.get(key, self.unknown_idf) for key in unique)
        return Alternative(unique, weights, factor, note, replacement, describes,
                           tuple(surfaces[key] for key in unique))

    def _units(self, form: str) -> list[Unit]:
        return [unit for word in self.lexicon.analyse(form) for unit in word.units]

    def read(self, text: str, settings: SearchValues, mined: bool = True) -> list[QueryWord]:
        """Analyse a query: each word with its own units and the alternatives it may match through (*mined*: with
        the synonyms mined from labels)."""
        analysed = self.lexicon.analyse(text)[:self.query_words]
        relations = settings.synonym_relations
        terms = self.terms if mined else self._unmined
        found: list[list[Alternative]] = []
        for word in analysed:
            own = self.alternative(word.units, 1.0, describes=len(word.surface) > 2)  # "hr" is no word in text
            alternatives = [own]
            if len(word.units) > 1:
                whole = self.lexicon.key(word.surface)[0]
                for other in self.terms.synonyms(whole, relations):
                    alternatives.append(self.alternative(self._units(other), settings.synonym_factor,
                                                         f"Flemish/Dutch synonym {word.surface} → {other}"))
                for other, entry in terms.mined(whole):
                    alternatives.append(self.alternative(self._units(other), settings.mined_synonym_factor,
                                                         mined_note(word.surface, other, entry), describes=False))
            for position, unit in enumerate(word.units):
                before, after = list(word.units[:position]), list(word.units[position + 1:])
                for other in self.terms.synonyms(unit.key, relations):
                    alternatives.append(self.alternative(before + self._units(other) + after, settings.synonym_factor,
                                                         f"Flemish/Dutch synonym {unit.surface} → {other}"))
                for other, entry in terms.mined(unit.key):
                    alternatives.append(self.alternative(before + self._units(other) + after,
                                                         settings.mined_synonym_factor,
                                                         mined_note(unit.surface, other, entry), describes=False))
                related = [(key, settings.derivation_factors[kind], f"{note}: {unit.surface} ~ {{}}")
                           for key, kind, note in derived_keys(unit.key)] + self._close_keys(unit.key, unit.surface,
                                                                                               settings)
                for key, factor, note in related:
                    if key in self.postings and key != unit.key:
                        alternatives.append(self.alternative(before + [Unit(key, unit.surface)] + after, factor,
                                                             note, key, False))
            if (5 <= len(word.surface) <= self.lexicon.word_chars
                    and any(key not in self.postings for key in own.keys)):
                alternatives += self._close_words(word.surface, settings)
            found.append(alternatives)
        surfaces = [word.surface for word in analysed]
        for start, end, others in self.terms.phrases([base_key(surface) for surface in surfaces], relations):
            phrase = " ".join(surfaces[start:end])
            for other in others:
                alternative = self.alternative(self._units(other), settings.synonym_factor,
                                               f"Flemish/Dutch synonym {phrase} → {other}")
                for position in range(start, end):
                    found[position].append(alternative)
        return [QueryWord(word, sum(alternatives[0].weights), tuple(alternatives))
                for word, alternatives in zip(analysed, found, strict=True)]

    def _worth(self, score: float, settings: SearchValues) -> float:
        """The worth of a spelling variant of rapidfuzz ratio *score*: ``fuzzy_factor`` at 100, 0 at ``fuzzy_zero``."""
        return settings.fuzzy_factor * (score - settings.fuzzy_zero) / (100 - settings.fuzzy_zero)

    def _close_keys(self, key: str, surface: str, settings: SearchValues) -> list[tuple[str, float, str]]:
        """Label keys with the same first two letters spelt almost like *key* (rapidfuzz ratio ≥ fuzzy_cutoff)."""
        if not 5 <= len(key) <= self.lexicon.word_chars:
            return []
        from rapidfuzz import fuzz, process

        matches = process.extract(key, self.keys_by_start.get(key[:2], ()), scorer=fuzz.ratio, processor=None,
                                  limit=5, score_cutoff=settings.fuzzy_cutoff)
        return [(match, self._worth(score, settings), f"spelling: {surface} ≈ {{}} ({score:.0f})")
                for match, score, _ in matches if match != key]

    def _close_words(self, surface: str, settings: SearchValues) -> list[Alternative]:
        """For a word the labels do not know: the analyses of the closest words the index knows."""
        from rapidfuzz import fuzz, process

        vocabulary = self.vocabulary if isinstance(self.vocabulary, list) else list(self.vocabulary)
        matches = process.extract(surface, vocabulary, scorer=fuzz.ratio, processor=None, limit=3,
                                  score_cutoff=settings.fuzzy_cutoff)
        return [self.alternative(self.lexicon.word(match).units, self._worth(score, settings),
                                 f"spelling: {surface} ≈ {match} ({score:.0f})", describes=False)
                for match, score, _ in matches if match != surface]


def mined_note(surface: str, other: str, entry: MinedEntry) -> str:
    """The note of a query word matched through a mined synonym: the words, the data, its support and split."""
    concepts = "concept" if entry.support == 1 else "concepts"
    return (f"mined synonym {surface} → {other} ({entry.source} labels of {entry.support} {concepts}, "
            f"{entry.split} split)")


def mined_words(notes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The word pairs of the :func:`mined_note` notes among a hit's *notes* (query word, synonym it matched).

    >>> mined_words(("label 'x'", "mined synonym bediener → operator (ESCO 1.2.0 nl labels of 83 concepts, train)"))
    [('bediener', 'operator')]
    """
    found = []
    for note in notes:
        if note.startswith("mined synonym "):
            surface, _, rest = note.removeprefix("mined synonym ").partition(" → ")
            found.append((surface, rest.partition(" (")[0]))
    return found


class Shares:
    """The IDF-weighted share of a query that a set of matched keys covers, each word by its best alternative."""

    def __init__(self, query: list[QueryWord], description: bool = False) -> None:
        """The shares of *query*; *description*: only the alternatives that may match descriptions."""
        self.total = sum(qword.weight for qword in query) or 1.0
        self.parts: dict[str, list[tuple[int, int, float]]] = {}
        for position, qword in enumerate(query):
            for number, alternative in enumerate(qword.alternatives):
                if description and not alternative.describes:
                    continue
                scale = alternative.factor * qword.weight / (sum(alternative.weights) or 1.0)
                for key, weight in zip(alternative.keys, alternative.weights, strict=True):
                    self.parts.setdefault(key, []).append((position, number, scale * weight))

    def __call__(self, matched: Iterable[str], strength: dict[str, float] | None = None) -> float:
        """The share covered by *matched* (each key counting for its *strength*, default 1)."""
        sums: dict[tuple[int, int], float] = {}
        for key in matched:
            factor = 1.0 if strength is None else strength[key]
            for position, number, value in self.parts.get(key, ()):
                sums[position, number] = sums.get((position, number), 0.0) + value * factor
        best: dict[int, float] = {}
        for (position, _number), value in sums.items():
            if value > best.get(position, 0.0):
                best[position] = value
        return sum(best.values()) / self.total


def best_alternatives(query: list[QueryWord], matched: Set[str], description: bool = False) -> list[Alternative | None]:
    """For each query word, the alternative that covers most of it with *matched* keys, or ``None``."""
    found: list[Alternative | None] = []
    for qword in query:
        top, choice = 0.0, None
        for alternative in qword.alternatives:
            if description and not alternative.describes:
                continue
            hit = sum(weight for key, weight in zip(alternative.keys, alternative.weights, strict=True)
                      if key in matched)
            share = alternative.factor * hit / (sum(alternative.weights) or 1.0)
            if share > top:
                top, choice = share, alternative
        found.append(choice)
    return found


def surfaces(query: list[QueryWord], keys: Set[str]) -> str:
    """The query words (or their parts, or their synonyms) behind matched keys, in query order."""
    found = [surface for qword in query for alternative in qword.alternatives if alternative.describes
             for key, surface in zip(alternative.keys, alternative.surfaces, strict=True) if key in keys]
    return ", ".join(dict.fromkeys(found)) or ", ".join(sorted(keys))


def explain(query: list[QueryWord], choices: list[Alternative | None], target: list[Word]) -> list[str]:
    """Short factual notes: which rules, splits, synonyms and spellings made each query word match."""
    where = {unit.key: (word, unit) for word in target for unit in word.units}
    notes: list[str] = []
    order: list[tuple[int, int]] = []
    for qword, choice in zip(query, choices, strict=True):
        word = qword.word
        if choice is None:
            notes.append(f"no match for '{word.surface}'")
            continue
        if choice.note and choice.replacement is not None:
            notes.append(choice.note.format(where[choice.replacement][1].surface
                                            if choice.replacement in where else "?"))
        elif choice.note:
            notes.append(choice.note)
        if word.split and choice.factor == 1.0:
            notes.append("compound split " + "|".join(word.split))
        for unit in word.units:
            if unit.key not in where:
                continue
            other_word, other = where[unit.key]
            order.append((target.index(other_word), other_word.units.index(other)))
            if other.surface != unit.surface:
                notes += [f"{RULES[rule]}: {unit.surface} ~ {other.surface}"
                          for rule in dict.fromkeys(unit.rules + other.rules)]
        notes += ["compound split " + "|".join(where[key][0].split) + " (label)" for key in choice.keys
                  if key in where and where[key][0].split and where[key][0].surface != word.surface]
    if order != sorted(order):
        notes.append("word order differs")
    return notes
