"""The words a corpus knows, and the analysis of a word against them: its key, rules and compound parts.

A word becomes one or more *units*: the key of the word itself, or the keys of its compound parts. Compounds
are split against the lexicon (Koehn and Knight's frequency test; an *eager* lexicon, for search, splits
every compound it can), with the linking ``-s-``/``-e-``/``-en-`` (``verwarmings|installateur``); modifiers
the corpus only shows inside compounds are learnt from titles (``sprinkler`` in ``sprinklermonteur`` and
``sprinklerinstallatie``).

Work is bounded by two caps of ``taxonomies/limits.yaml``: only the first ``analysed_text_chars`` characters
of a text are read, and a word longer than ``analysed_word_chars`` is one unit, never split (the split search
of a word is quadratic in its length, so the cap makes it a constant and a text's analysis linear).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from typing import Any, cast

from competence_bridge.curated.limits import limits
from competence_bridge.language.rules import base_key, flemish, lemma, undouble
from competence_bridge.language.text import STOPWORDS, words
from competence_bridge.language.word_units import Packed, Unit, Word, pack, unpack

#: How many words a lexicon keeps unpacked (those analysed or asked for last: of its corpus while it analyses it, then
#: the corpus words that queries and the hits they explain ask for again; emptied when full). The corpus' words are
#: kept packed as they are analysed, one string each (a Word and its units take about five times the memory: 60 MB
#: against 12 for the 80k words of a million triples), and are unpacked when asked for again.
_UNPACKED = 8192
#: How many entries each memo of the corpus' analysis keeps (the compound heads and modifiers tried, and the best
#: split of each lemma at each depth); one that is full is emptied and fills again. Each answer is worked out from
#: the frequencies alone, so a dropped one is worked out again alike: the cap bounds memory, never changes a result.
_MEMO = 1 << 14
#: How many words met after :meth:`Lexicon.freeze` (the words of queries) a lexicon, and an analyser over it,
#: remembers apart from its corpus; emptied when full. One translation analyses its query again for every search
#: and candidate (a long unknown compound, 0.4 ms each, 235 times for ``klantendienstmedewerker``); never pickled.
_ASKED = 1024


def keep_bounded(memo: dict[str, Any], key: str, value: Any, cap: int) -> None:
    """Put *key* in *memo*, emptying it first when it holds *cap* entries (a memo that fills up starts again)."""
    if len(memo) >= cap:
        memo.clear()
    memo[key] = value

_BAD_HEADS = frozenset({"ster", "stes", "ing", "heid", "isch", "schap"})  # suffixes, no words (schap: schaap)
#: Eager splitting keeps a known word whole when the geometric mean of its parts' frequencies is at most
#: this share of the word's own (or at most 1): ``assistent`` is no ``assis|tent``, but ``montageleider``
#: is ``montage|leider`` though the corpus has it whole. A rule of the analysis, not a matching weight.
_EAGER_SHARE = 0.3
_GENDER_RULES = frozenset({"-es", "-in", "-ster", "-trice", "-euse", "-ica"})  # never on a compound's modifier
Split = tuple[float, tuple[str, str] | None]


def _learned_modifiers(title_words: Iterable[str], frequencies: Counter[str], longest: int) -> Counter[str]:
    """Unknown compound modifiers seen before at least two different known heads (``sprinkler|monteur``,
    ``sprinkler|installaties``; two forms of one head are one), as keys with the number of such compounds; words
    over *longest* are skipped."""
    heads = {key for key in frequencies if len(key) >= 4 and key not in STOPWORDS}
    # endings are keyed outside base_key's process-wide cache, which these one-off pieces would fill (262k entries,
    # ~60 MB at a million triples) and keep for good; memoised here, for this call only
    ending_keys: dict[str, str] = {}
    plain_key = base_key.__wrapped__
    heads_of: dict[str, set[str]] = {}  # galeriehouder and galeriehoudster (one head) teach no 'galerieh'
    compounds: Counter[str] = Counter()
    for word in title_words:
        if len(word) <= longest:
            for cut in range(4, len(word) - 3):
                ending = word[cut:]
                key = ending_keys.get(ending)
                if key is None:
                    key = ending_keys[ending] = plain_key(ending)
                if key in heads:
                    heads_of.setdefault(word[:cut], set()).add(key)
                    compounds[word[:cut]] += 1
    learned: Counter[str] = Counter()
    for modifier, number in compounds.items():
        if len(heads_of[modifier]) < 2 or len(modifier) < 5:
            continue
        if modifier.endswith("s") and plain_key(modifier[:-1]) in frequencies:
            continue  # a known word with a linking -s-
        # a known word plus a fragment (kunst|beh|eerder, onder|wij|zend) is not a modifier
        if any(plain_key(modifier[:cut]) in heads for cut in range(len(modifier) - 3, len(modifier))):
            continue
        key = plain_key(modifier)
        if key not in frequencies and len(key) >= 5:
            learned[key] += number
    return learned


def _frequencies(counts: Counter[str]) -> Counter[str]:
    """Base-key frequencies of word counts; a ``-ster`` word counts for the masculine form the other words know
    (``kassierster`` for ``kassier``, not for an invented ``kassierder``)."""
    feminine = {word for word in counts if "-ster" in lemma(word, None)[1]}
    plain = frozenset(base_key(word) for word in counts if word not in feminine)
    frequencies: Counter[str] = Counter()
    for word, count in counts.items():
        frequencies[undouble(lemma(word, plain)[0]) if word in feminine else base_key(word)] += count
    return frequencies


class Lexicon:
    """The words a corpus knows (as base keys, with frequencies): guards rules and splits compounds.

    By default a compound stays whole when the corpus knows it better than its parts (Koehn and Knight),
    which suits matching whole labels (translation). An *eager* lexicon, for search, splits every compound
    it can: a word is found through its parts in either order (``montageleider``, ``leider montage``),
    so it also splits a known word unless its parts are rare against it (:data:`_EAGER_SHARE`), splits
    a modifier that must itself be split (``post|productie|verantwoordelijke``), and cuts a word after
    its longest known modifier when the head is unknown (``schapen|hoeder``, ``baksteen|vormer``).
    *terms* are the words of the curated term pairs: the Flemish ``-ist`` rule knows them whatever the corpus.
    ``cuts`` counts the split points tried so far (the work the word cap bounds).
    """

    def __init__(self, frequencies: Mapping[str, int], *, eager: bool = False,
                 terms: frozenset[str] = frozenset()) -> None:
        """Build from base-key frequencies (a ``Counter``: a key it does not have counts 0); see :meth:`from_texts`."""
        caps = limits()
        self.text_chars, self.word_chars = caps.analysed_text_chars, caps.analysed_word_chars
        self.frequencies = frequencies
        self.eager = eager
        self.terms = terms
        self.known: Container[str] = frozenset(key for key in frequencies if len(key) >= 3 and key not in STOPWORDS)
        self.cuts = 0
        # Memos of the corpus' analysis, let go by freeze. The lemma and key of every candidate compound part are
        # not kept (one in ten would be asked for again, and they were most of a large corpus' memory, 96 MB at
        # a million triples): the parts tried are (_heads, _parts), and so are the splits.
        # per depth (0 to 3; the depth bounds the result), each lemma's best split, or its score alone when it is
        # better whole (most are: no tuple kept for them)
        self._splits: tuple[dict[str, Split | float], ...] = ({}, {}, {}, {})
        self._heads: dict[str, str | None] = {}  # compound heads and modifiers tried, with their keys
        self._parts: dict[str, str | None] = {}
        self._words: dict[str, Word] = {}
        self._packed: dict[str, Packed] = {}  # every word of the corpus analysed, unpacked when asked for
        self._asked: dict[str, Word] = {}  # the words analysed once frozen (queries), up to _ASKED
        self._frozen = False

    @classmethod
    def restored(cls, frequencies: Mapping[str, int], known: Container[str], packed: Mapping[str, Packed], *,
                 eager: bool, terms: frozenset[str], text_chars: int, word_chars: int) -> Lexicon:
        """A frozen lexicon read back from its parts (:meth:`packed_words`, ``frequencies``, ``known``), which may be
        views of a mapped file: *frequencies* gives 0 for a key it does not have, as a ``Counter`` does."""
        lexicon = cls({}, eager=eager, terms=terms)
        lexicon.text_chars, lexicon.word_chars = text_chars, word_chars
        lexicon.frequencies, lexicon.known = frequencies, known
        lexicon._packed = cast("dict[str, Packed]", packed)  # frozen: never written to
        lexicon._frozen = True
        return lexicon

    @classmethod
    def from_texts(cls, texts: Iterable[str], titles: Iterable[str] = (), *, eager: bool = False,
                   terms: frozenset[str] = frozenset()) -> Lexicon:
        """The lexicon of every content word in *texts* and *titles*; compound modifiers are learnt from titles.

        *eager* splits compounds for search (see the class).
        """
        text_chars, word_chars = limits().analysed_text_chars, limits().analysed_word_chars
        counts: Counter[str] = Counter()
        title_words: set[str] = set()
        for text in texts:
            counts.update(words(text[:text_chars]))
        for text in titles:
            found = words(text[:text_chars])
            counts.update(found)
            title_words.update(found)
        frequencies = _frequencies(counts)
        frequencies.update(_learned_modifiers(title_words, frequencies, word_chars))
        return cls(frequencies, eager=eager, terms=terms)

    def lemma(self, word: str) -> tuple[str, tuple[str, ...]]:
        """The word with its suffix rules applied (see :data:`~competence_bridge.language.rules.RULES`), and
        the names of those rules."""
        rewritten, fired = lemma(word, self.known, self.terms)
        return rewritten, tuple(fired)

    def key(self, word: str) -> tuple[str, tuple[str, ...]]:
        """The key of a folded word and the names of the rules that fired."""
        rewritten, fired = self.lemma(word)
        return undouble(rewritten), fired

    def head_key(self, key: str) -> str:
        """A compound part's key with the Flemish suffix rules applied to the part itself.

        The rules of :meth:`word` test the whole compound against the lexicon, so the head of
        ``netwerk|technieker`` keeps its Flemish form; this gives ``technicus`` when the lexicon knows it.
        """
        return undouble(flemish(key, [], self.known, self.terms)[0])

    def _modifier_key(self, part: str) -> str | None:
        """The key of a compound's modifier if the lexicon knows it (linking -s-, -e-, -en- allowed)."""
        if part in self._parts:
            return self._parts[part]
        found = None
        for candidate in (part[:-1], part) if part.endswith("s") and len(part) > 3 else (part,):
            key, fired = self.key(candidate)
            if key in self.known and not _GENDER_RULES.intersection(fired):
                found = key
                break
        self._memoise(self._parts, part, found)
        return found

    def _head_key(self, part: str) -> str | None:
        """The key of a compound's head (already lemmatised) if the lexicon knows it."""
        if part in self._heads:
            return self._heads[part]
        found = None
        if undouble(part) not in _BAD_HEADS:
            found = next((key for key in (undouble(part), self.key(part)[0]) if key in self.known), None)
        self._memoise(self._heads, part, found)
        return found

    def _usable(self, key: str, head: bool = False, part: str = "") -> bool:
        """Whether a known key may be a compound part: 3-letter parts must be common (``bus``, ``kok``);
        the part as written counts (``haven`` has the key ``haf``)."""
        return max(len(key), len(part)) > 3 or self.frequencies[key] >= (8 if head else 20)

    def _best_split(self, lemma: str, depth: int = 3) -> Split:
        """The best (modifier, head) split of a lemma and its score, or ``None`` when it is better whole.

        Koehn and Knight (2003): a split wins when the geometric mean of its parts' frequencies beats the
        whole word's frequency (eager: :data:`_EAGER_SHARE` of it, and 1). Splits into two known words beat
        splits whose modifier must be split again (that modifier counts half its own score; eager only, as
        such a split never beats the whole). The head is a known word of at least 4 letters (the 3-letter
        key of a longer part counts: ``haven`` is ``haf``); the modifier has at least 3 and may end in a
        linking -s-, -e- or -en-, never in a gender form (``textiel|inkoper``, not ``textielin|koper``).
        Eager, a word without such a split may be cut after its longest known modifier of at least 4
        letters, before an unknown head of at least 5 letters (frequency 0 in the test above).
        """
        memo = self._splits[depth]
        found = memo.get(lemma)
        if found is not None:
            return (found, None) if isinstance(found, float) else found
        whole = float(self.frequencies.get(undouble(lemma), 0))
        best: Split = (whole, None)
        best_rank = (-3, 0.0) if self.eager else (0, whole)
        for cut in range(3, len(lemma) - 2):
            self.cuts += 1
            modifier, head = lemma[:cut], lemma[cut:]
            head_key = self._head_key(head)
            if head_key is None or not self._usable(head_key, True, head):
                continue
            modifier_key = self._modifier_key(modifier)
            if modifier_key is not None and self._usable(modifier_key, False, modifier):
                rank = (0, math.sqrt((self.frequencies[modifier_key] + 1) * (self.frequencies[head_key] + 1)) - 1)
            elif depth > 1 and len(modifier) >= 7:
                score, split = self._best_split(modifier, depth - 1)
                if split is None:
                    continue
                rank = (-1, math.sqrt((score / 2 + 1) * (self.frequencies[head_key] + 1)) - 1)
            else:
                continue
            if rank > best_rank:
                best_rank, best = rank, (rank[1], (modifier, head))
        if self.eager and depth == 3 and best[1] is None:
            best = self._unknown_head_split(lemma, best)
        if self.eager and best[1] is not None and whole and best[0] <= max(_EAGER_SHARE * whole, 1.0):
            best = (whole, None)
        self._memoise(memo, lemma, best[0] if best[1] is None else best)
        return best

    def _unknown_head_split(self, lemma: str, whole: Split) -> Split:
        """*lemma* cut after its longest known modifier (4 letters or more) before an unknown head (5 or more),
        scored as a split whose head has frequency 0; else *whole*."""
        for cut in range(len(lemma) - 5, 3, -1):
            self.cuts += 1
            modifier, head = lemma[:cut], lemma[cut:]
            if undouble(head) in _BAD_HEADS or self._head_key(head) is not None:
                continue
            modifier_key = self._modifier_key(modifier)
            if modifier_key is not None and self._usable(modifier_key, False, modifier):
                return math.sqrt(self.frequencies[modifier_key] + 1) - 1, (modifier, head)
        return whole

    def _units(self, lemma: str, surface: str, fired: tuple[str, ...], depth: int = 3) -> list[Unit]:
        split = self._best_split(lemma, depth)[1] if len(lemma) >= 7 and depth else None
        if split is None:
            return [Unit(undouble(lemma), surface, fired)]
        modifier, head = split
        cut = min(len(modifier), len(surface) - 1)
        modifier_word = self.word(modifier)
        if modifier.endswith("s") and len(modifier) > 3 and self.key(modifier[:-1])[0] in self.known:
            modifier_word = self.word(modifier[:-1])
        units = [Unit(unit.key, unit.surface) for unit in modifier_word.units]
        units[-1] = Unit(units[-1].key, surface[len("".join(unit.surface for unit in units[:-1])):cut])
        return units + self._units(head, surface[cut:], fired, depth - 1)

    def word(self, surface: str) -> Word:
        """The analysis of one folded content word: its units, with the rules and split that made them.

        A word longer than the ``analysed_word_chars`` cap is one unit (its key by the suffix rules), unsplit.
        """
        found = self._words.get(surface)
        if found is not None:
            return found
        packed = self._packed.get(surface)
        if packed is not None:
            found = unpack(surface, packed)
            self._unpacked(found)
            return found
        found = self._asked.get(surface)
        if found is not None:
            return found
        rewritten, fired = self.lemma(surface)
        if len(surface) > self.word_chars:
            return self._remember(Word(surface, (Unit(undouble(rewritten), surface, fired),)))
        units = tuple(self._units(rewritten, surface, fired))
        if len(units) > 1 and any(undouble(unit.surface)[:2] != unit.key[:2] for unit in units[1:]):
            # a rule rewrote the word's end (kinesist is kinesitherapeut): no part of it is written as such
            units = tuple(Unit(unit.key, surface, unit.rules) for unit in units)
            return self._remember(Word(surface, units))
        found = Word(surface, units, tuple(unit.surface for unit in units) if len(units) > 1 else ())
        return self._remember(found)

    def _remember(self, found: Word) -> Word:
        if not self._frozen:  # a word of the corpus: kept packed, and unpacked for a while
            self._packed[found.surface] = pack(found)
            self._unpacked(found)
        else:
            keep_bounded(self._asked, found.surface, found, _ASKED)
        return found

    def _unpacked(self, found: Word) -> None:
        keep_bounded(self._words, found.surface, found, _UNPACKED)

    def _memoise(self, memo: dict[str, Any], key: str, value: Any) -> None:
        if not self._frozen:
            keep_bounded(memo, key, value, _MEMO)

    def surfaces(self) -> list[str]:
        """Every word analysed so far (after :meth:`freeze`: the words of the corpus)."""
        return [*self._packed, *(surface for surface in self._words if surface not in self._packed)]

    def packed_words(self) -> dict[str, Packed]:
        """Every word analysed and kept, packed (one string each, or a tuple for the rare word that does not fit)."""
        return {**self._packed, **{surface: pack(word) for surface, word in self._words.items()
                                   if surface not in self._packed}}

    def __getstate__(self) -> dict[str, Any]:
        """The state with the analysed words as plain tuples: a pickled search index holds tens of thousands,
        and tuples of strings read back several times faster than dataclass instances."""
        state = self.__dict__.copy()
        state["_packed"] = self.packed_words()
        state["_words"] = {}
        state["_asked"] = {}
        return state

    def freeze(self) -> None:
        """Stop caching: words analysed from now on (queries) are remembered only in a small memo of the last
        :data:`_ASKED`, never pickled, and the steps that analysed the corpus (splits and parts tried) are let go;
        the corpus words' analyses stay, packed (one string each, see :data:`_UNPACKED`)."""
        self._frozen = True
        for memo in self._splits:
            memo.clear()
        self._heads.clear()
        self._parts.clear()
        for surface, word in self._words.items():
            if surface not in self._packed:
                self._packed[surface] = pack(word)
        self._words.clear()

    def analyse(self, text: str) -> list[Word]:
        """Every content word of *text* (its first ``analysed_text_chars`` characters), analysed."""
        return [self.word(surface) for surface in words(text[:self.text_chars])]
