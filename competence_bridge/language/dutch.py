"""Dutch (Belgian and Netherlands) text analysis for search: folding, word keys, compounds, Flemish terms.

A word becomes one or more *units*: the key of the word itself, or the keys of its compound parts.
Keys conflate the forms a job title takes in Dutch text (rule names in :data:`RULES`):

* inflection: plural ``-s``/``-en``/``-ici`` (with ``v``/``f`` and ``z``/``s``: bedrijven, prijzen; not
  after a vowel: ``steen``, ``schoen``), adjective ``-e`` (``monteurs``, ``technische``, ``technici``);
* gender forms: ``-ster``, ``-e``, ``-es``, ``-in``, ``-euse``/``-eur``, ``-trice``/``-teur``, ``-ica``/``-icus``;
* Flemish suffixes: ``-ieker``/``-icus`` (``technieker``), ``-ist``/``-itherapeut`` (``kinesist``);
* spelling: doubled vowels and a final doubled consonant are undoubled (``leraar``/``leraren``).

Rules that could invent words (``-in``, ``-es``, ``-ica``, ``-ieker``, ``-ist``, the masculine of ``-ster``)
fire only when their result is a word of the :class:`Lexicon` the analysis was built on. Compounds are
split against the same lexicon (Koehn and Knight's frequency test; an *eager* lexicon, for search, splits
every compound it can), with the linking ``-s-``/``-e-``/``-en-`` (``verwarmings|installateur``);
modifiers the corpus only shows inside compounds are learnt from titles (``sprinkler`` in
``sprinklermonteur`` and ``sprinklerinstallatie``). :data:`FLEMISH_SYNONYMS` maps Belgian to
Netherlands words, :func:`derived_keys` relates ``-isch``/``-icus``/``-iek`` and ``-er``/``-ing``, and
:class:`Trigrams` gives a character 3-gram spelling similarity. Pure Python; imports nothing heavy.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_DOUBLE_CONSONANTS = frozenset("bdfgklmnprst")
_VOWELS = frozenset("aeiouy")

#: Function words that never carry a match (articles, prepositions, conjunctions, pronouns).
STOPWORDS = frozenset(
    "de het een en of van voor in op met aan bij te tot uit door over om als die dat der des den zich zij ze hun "
    "er is zijn worden wordt ook naar onder na per tegen zoals dan deze dit al wat welke hij wie ten ter".split()
)

#: Words ending in -ster that are not feminine forms.
_NOT_FEMININE_STER = ("meester", "zuster", "register", "minister", "orkester", "venster", "priester", "monster",
                      "hamster", "polyester", "semester", "master")

#: Rule name → explanation label, for every rule a key can be derived with.
RULES: dict[str, str] = {
    "-es": "gender form -es",
    "-ici": "plural -ici → -icus",
    "-s": "plural or linking -s",
    "-en": "plural -en",
    "-trice": "gender form -trice → -teur",
    "-euse": "gender form -euse → -eur",
    "-ster": "gender form -ster → -er",
    "-in": "gender form -in",
    "-ica": "gender form -ica → -icus",
    "-e": "gender/inflection form -e",
    "-ieker": "Flemish suffix -ieker → -icus",
    "-ist": "Flemish suffix -ist → -therapeut",
}

#: Belgian-Dutch → Netherlands-Dutch words with the same meaning in job and education titles (both ways where
#: it holds). From domain-facts §4: kinesitherapeut/kinesist/kine ~ fysiotherapeut (row 3), elektricien ~
#: elektromonteur (32), secundair ~ voortgezet onderwijs (21), technieker ~ technicus (31, also a suffix rule);
#: general usage [inference]: leerkracht ~ leraar, buitengewoon ~ speciaal onderwijs, beenhouwer ~ slager,
#: magazijnier ~ magazijnmedewerker, verpleger ~ verpleegkundige. False friends (verzorgende, HBO,
#: graduaat) stay out on purpose.
FLEMISH_SYNONYMS: dict[str, tuple[str, ...]] = {
    "kinesitherapeut": ("fysiotherapeut",),
    "kine": ("kinesitherapeut", "fysiotherapeut"),
    "fysiotherapeut": ("kinesitherapeut",),
    "elektricien": ("elektromonteur",),
    "elektromonteur": ("elektricien",),
    "elektrieker": ("elektricien",),
    "mekanieker": ("mecanicien", "monteur"),
    "secundair": ("voortgezet",),
    "voortgezet": ("secundair",),
    "leerkracht": ("leraar",),
    "leraar": ("leerkracht",),
    "buitengewoon": ("speciaal",),
    "beenhouwer": ("slager",),
    "slager": ("beenhouwer",),
    "magazijnier": ("magazijnmedewerker",),
    "verpleger": ("verpleegkundige",),
    "verpleegkundige": ("verpleger",),
}


def fold(text: str) -> str:
    """Lower case without diacritics, every run of non-alphanumeric characters one space.

    >>> fold("Kinésithérapeute (m/v) - Gent")
    'kinesitherapeute m v gent'
    """
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _NON_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The content words of *text*, folded, without stop words and one-letter words."""
    return [word for word in fold(text).split() if len(word) > 1 and word not in STOPWORDS]


def undouble(word: str) -> str:
    """Collapse doubled vowels and a final doubled consonant (``leraar`` and ``leraren`` both give ``lerar``)."""
    for pair in ("aa", "ee", "oo", "uu"):
        while pair in word:
            word = word.replace(pair, pair[0])
    while len(word) > 2 and word[-1] == word[-2] and word[-1] in _DOUBLE_CONSONANTS:
        word = word[:-1]
    return word


def _lemma(word: str, known: frozenset[str] | None) -> tuple[str, list[str]]:
    """Plural and feminine suffixes, then Flemish suffixes; *known* guards the rules that could invent words.

    Returns the rewritten word (not yet undoubled) and the names of the rules that fired.
    """
    if (word.endswith("eres") or word.endswith("ares")) and _known(word[:-2], known):
        return _finish(word[:-2], ["-es"], known)
    fired: list[str] = []
    if word.endswith("ici") and len(word) > 5:
        word, fired = word[:-1] + "us", ["-ici"]
    elif word.endswith("s") and len(word) >= 5 and word[-2] in "rlnmkefpgdw":
        word, fired = word[:-1], ["-s"]
        if word.endswith("en") and len(word) >= 6 and word[-3] not in _VOWELS:
            word = word[:-2]
    elif word.endswith("en") and len(word) >= 5 and not word.endswith("icien") and word[-3] not in _VOWELS:
        word, fired = word[:-2], ["-en"]
        if word[-1] in "vz" and word[-2] != word[-1]:  # bedrijven/bedrijf, prijzen/prijs
            word = word[:-1] + ("f" if word[-1] == "v" else "s")
    return _finish(word, fired, known)


def _known(candidate: str, known: frozenset[str] | None) -> bool:
    return known is not None and len(candidate) >= 3 and undouble(candidate) in known


def _finish(word: str, fired: list[str], known: frozenset[str] | None) -> tuple[str, list[str]]:
    """Gender forms, the final -e and the Flemish suffixes of an uninflected word."""
    if word.endswith("trice") and len(word) > 6:
        word, fired = word[:-5] + "teur", [*fired, "-trice"]
    elif word.endswith("euse") and len(word) > 5:
        word, fired = word[:-4] + "eur", [*fired, "-euse"]
    elif word.endswith("ster") and not word.endswith(_NOT_FEMININE_STER) and len(word) > 6:
        # the masculine form the lexicon knows: bestuurster/bestuurder, verkoopster/verkoper,
        # makelaarster/makelaar; without one, -der after an r and -er elsewhere
        stem = word[:-4]
        forms = [stem + "der", stem + "er", stem] if stem.endswith("r") else [stem + "er"]
        word = next((form for form in forms if _known(form, known)), forms[0])
        fired = [*fired, "-ster"]
    elif word.endswith("in") and _known(undouble(word[:-2]), known):
        word, fired = undouble(word[:-2]), [*fired, "-in"]
    elif word.endswith("ica") and _known(word[:-1] + "us", known):
        word, fired = word[:-1] + "us", [*fired, "-ica"]
    if word.endswith("e") and len(word) >= 4 and not word.endswith("ee"):
        word, fired = word[:-1], [*fired, "-e"]
    return _flemish(word, fired, known)


def _flemish(word: str, fired: list[str], known: frozenset[str] | None) -> tuple[str, list[str]]:
    """The Flemish suffixes -ieker (→ -icus) and -ist (→ -itherapeut), when the result is a known word."""
    if word.endswith("ieker") and _known(word[:-5] + "icus", known):
        word, fired = word[:-5] + "icus", [*fired, "-ieker"]
    elif word.endswith("ist") and (_known(word[:-3] + "itherapeut", known)
                                   or word[:-3] + "itherapeut" in FLEMISH_SYNONYMS):
        word, fired = word[:-3] + "itherapeut", [*fired, "-ist"]
    return word, fired


@lru_cache(maxsize=1 << 18)
def base_key(word: str) -> str:
    """The key of a folded word by the rules that need no lexicon (plural, -ster, -euse, -trice, -e)."""
    return undouble(_lemma(word, None)[0])


def derived_keys(key: str) -> list[tuple[str, float, str]]:
    """Keys of words derived from the same stem, with a weight below 1 and a note.

    ``-isch``/``-icus``/``-iek``/``-ie`` (elektrotechnisch, elektrotechnicus, elektrotechniek, biochemie),
    ``-ateur``/``-ator`` (restaurateur, restaurator), the agent noun ``-er`` (perser, pers; inpakker, inpak)
    and the action noun ``-ing`` beside it (planner, planning; reclasseerder, reclassering).
    """
    found: list[tuple[str, float, str]] = []
    families = (("isch", ("icus", "iek", "i")), ("icus", ("isch", "iek")), ("iek", ("isch", "icus")),
                ("i", ("isch",)), ("ateur", ("ator",)), ("ator", ("ateur",)))
    for suffix, others in families:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            found += [(key[:-len(suffix)] + other, 0.8, f"derivation -{suffix} ~ -{other}") for other in others]
    if key.endswith("er") and len(key) >= 6:
        found.append((undouble(key[:-2]), 0.7, "agent noun -er"))
        stems = (key[:-2], key[:-3]) if key.endswith("rder") else (key[:-2],)  # reclasseer|der, plann|er
        found += [(stem + "ing", 0.7, "agent noun -er ~ action noun -ing") for stem in stems]
    elif key.endswith("ing") and len(key) >= 6:
        stem = key[:-3]
        found += [(stem + ending, 0.7, "action noun -ing ~ agent noun -er")
                  for ending in (("er", "der") if stem.endswith("r") else ("er",))]
    elif len(key) >= 4:
        found.append((key + "er", 0.7, "agent noun -er"))
        if key[-1] in _DOUBLE_CONSONANTS and key[-2] in _VOWELS and key[-3] not in _VOWELS:  # inpak, inpakker
            found.append((key + key[-1] + "er", 0.7, "agent noun -er"))
    return found


@dataclass(frozen=True)
class Unit:
    """One matchable piece of a word: a key, the surface text it came from, and the rules that produced it."""

    key: str
    surface: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Word:
    """A content word with its units (one, or the parts of a compound) and its split, if any."""

    surface: str
    units: tuple[Unit, ...]
    split: tuple[str, ...] = ()


_BAD_HEADS = frozenset({"ster", "stes", "ing", "heid", "isch", "schap"})  # suffixes, no words (schap: schaap)
#: Eager splitting keeps a known word whole when the geometric mean of its parts' frequencies is at most
#: this share of the word's own (or at most 1): ``assistent`` is no ``assis|tent``, but ``montageleider``
#: is ``montage|leider`` though the corpus has it whole.
_EAGER_SHARE = 0.3
_GENDER_RULES = frozenset({"-es", "-in", "-ster", "-trice", "-euse", "-ica"})  # never on a compound's modifier


def _learned_modifiers(counts: Iterable[str], frequencies: Counter[str]) -> Counter[str]:
    """Unknown compound modifiers seen before at least two different known heads (``sprinkler|monteur``,
    ``sprinkler|installaties``), as keys with the number of such compounds."""
    heads = {key for key in frequencies if len(key) >= 4 and key not in STOPWORDS}
    seen: Counter[str] = Counter()
    for word in counts:
        for cut in range(4, len(word) - 3):
            if base_key(word[cut:]) in heads:
                seen[word[:cut]] += 1
    learned: Counter[str] = Counter()
    for modifier, number in seen.items():
        if number < 2 or len(modifier) < 5:
            continue
        if modifier.endswith("s") and base_key(modifier[:-1]) in frequencies:
            continue  # a known word with a linking -s-
        # a known word plus a fragment (kunst|beh|eerder, onder|wij|zend) is not a modifier
        if any(base_key(modifier[:cut]) in heads for cut in range(len(modifier) - 3, len(modifier))):
            continue
        key = base_key(modifier)
        if key not in frequencies and len(key) >= 5:
            learned[key] += number
    return learned


class Lexicon:
    """The words a corpus knows (as base keys, with frequencies): guards rules and splits compounds.

    By default a compound stays whole when the corpus knows it better than its parts (Koehn and Knight),
    which suits matching whole labels (translation). An *eager* lexicon, for search, splits every compound
    it can: a word is found through its parts in either order (``montageleider``, ``leider montage``),
    so it also splits a known word unless its parts are rare against it (:data:`_EAGER_SHARE`), splits
    a modifier that must itself be split (``post|productie|verantwoordelijke``), and cuts a word after
    its longest known modifier when the head is unknown (``schapen|hoeder``, ``baksteen|vormer``).
    """

    def __init__(self, frequencies: Counter[str], *, eager: bool = False) -> None:
        """Build from base-key frequencies; see :meth:`from_texts`."""
        self.frequencies = frequencies
        self.eager = eager
        self.known = frozenset(key for key in frequencies if len(key) >= 3 and key not in STOPWORDS)
        self._lemmas: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._keys: dict[str, str] = {}
        self._splits: dict[tuple[str, int], tuple[float, tuple[str, str] | None]] = {}
        self._heads: dict[str, str | None] = {}  # compound heads and modifiers tried, with their keys
        self._parts: dict[str, str | None] = {}
        self._words: dict[str, Word] = {}
        self._frozen = False

    @classmethod
    def from_texts(cls, texts: Iterable[str], titles: Iterable[str] = (), *, eager: bool = False) -> Lexicon:
        """The lexicon of every content word in *texts* and *titles*; compound modifiers are learnt from titles.

        *eager* splits compounds for search (see the class).
        """
        counts: Counter[str] = Counter()
        title_words: set[str] = set()
        for text in texts:
            counts.update(words(text))
        for text in titles:
            found = words(text)
            counts.update(found)
            title_words.update(found)
        frequencies: Counter[str] = Counter()
        for word, count in counts.items():
            frequencies[base_key(word)] += count
        frequencies.update(_learned_modifiers(title_words, frequencies))
        return cls(frequencies, eager=eager)

    def lemma(self, word: str) -> tuple[str, tuple[str, ...]]:
        """The word with its suffix rules applied (see :data:`RULES`), and the names of those rules."""
        found = self._lemmas.get(word)
        if found is None:
            lemma, fired = _lemma(word, self.known)
            found = (lemma, tuple(fired))
            if not self._frozen:
                self._lemmas[word] = found
        return found

    def key(self, word: str) -> tuple[str, tuple[str, ...]]:
        """The key of a folded word and the names of the rules that fired."""
        lemma, fired = self.lemma(word)
        key = self._keys.get(lemma)
        if key is None:
            key = undouble(lemma)
            if not self._frozen:
                self._keys[lemma] = key
        return key, fired

    def head_key(self, key: str) -> str:
        """A compound part's key with the Flemish suffix rules applied to the part itself.

        The rules of :meth:`word` test the whole compound against the lexicon, so the head of
        ``netwerk|technieker`` keeps its Flemish form; this gives ``technicus`` when the lexicon knows it.
        """
        return undouble(_flemish(key, [], self.known)[0])

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
        if not self._frozen:
            self._parts[part] = found
        return found

    def _head_key(self, part: str) -> str | None:
        """The key of a compound's head (already lemmatised) if the lexicon knows it."""
        if part in self._heads:
            return self._heads[part]
        found = None
        if undouble(part) not in _BAD_HEADS:
            found = next((key for key in (undouble(part), self.key(part)[0]) if key in self.known), None)
        if not self._frozen:
            self._heads[part] = found
        return found

    def _usable(self, key: str, head: bool = False, part: str = "") -> bool:
        """Whether a known key may be a compound part: 3-letter parts must be common (``bus``, ``kok``);
        the part as written counts (``haven`` has the key ``haf``)."""
        return max(len(key), len(part)) > 3 or self.frequencies[key] >= (8 if head else 20)

    def _best_split(self, lemma: str, depth: int = 3) -> tuple[float, tuple[str, str] | None]:
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
        found = self._splits.get((lemma, depth))  # the depth bounds the result
        if found is not None:
            return found
        whole = float(self.frequencies.get(self._keys.get(lemma) or undouble(lemma), 0))
        best: tuple[float, tuple[str, str] | None] = (whole, None)
        best_rank = (-3, 0.0) if self.eager else (0, whole)
        for cut in range(3, len(lemma) - 2):
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
        if not self._frozen:
            self._splits[lemma, depth] = best
        return best

    def _unknown_head_split(self, lemma: str, whole: tuple[float, tuple[str, str] | None],
                            ) -> tuple[float, tuple[str, str] | None]:
        """*lemma* cut after its longest known modifier (4 letters or more) before an unknown head (5 or more),
        scored as a split whose head has frequency 0; else *whole*."""
        for cut in range(len(lemma) - 5, 3, -1):
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
        """The analysis of one folded content word: its units, with the rules and split that made them."""
        found = self._words.get(surface)
        if found is not None:
            return found
        lemma, fired = self.lemma(surface)
        units = tuple(self._units(lemma, surface, fired))
        if len(units) > 1 and any(undouble(unit.surface)[:2] != unit.key[:2] for unit in units[1:]):
            # a rule rewrote the word's end (kinesist is kinesitherapeut): no part of it is written as such
            units = tuple(Unit(unit.key, surface, unit.rules) for unit in units)
            return self._remember(Word(surface, units))
        found = Word(surface, units, tuple(unit.surface for unit in units) if len(units) > 1 else ())
        return self._remember(found)

    def _remember(self, found: Word) -> Word:
        if not self._frozen:
            self._words[found.surface] = found
        return found

    def surfaces(self) -> list[str]:
        """Every word analysed so far (after :meth:`freeze`: the words of the corpus)."""
        return list(self._words)

    def freeze(self) -> None:
        """Stop caching: words analysed from now on (queries) are not remembered."""
        self._frozen = True

    def analyse(self, text: str) -> list[Word]:
        """Every content word of *text*, analysed."""
        return [self.word(surface) for surface in words(text)]


def synonyms(key: str) -> tuple[str, ...]:
    """Words that name the same thing on the other side of the border (see :data:`FLEMISH_SYNONYMS`)."""
    if not _SYNONYM_KEYS:
        for word, others in FLEMISH_SYNONYMS.items():
            _SYNONYM_KEYS.setdefault(base_key(word), others)
    return _SYNONYM_KEYS.get(key, ())


_SYNONYM_KEYS: dict[str, tuple[str, ...]] = {}


class Trigrams:
    """TF-IDF vectors of character 3-grams (each word padded with a space) of folded texts: spelling similarity.

    >>> model = Trigrams(["verwarmingsmonteur", "kinesitherapeut"])
    >>> model.nearest(model.vector("verwarmingsmonteuse"), 1)
    [0]
    """

    def __init__(self, texts: list[str]) -> None:
        """Vectorise *texts* (already folded); their positions are their numbers."""
        counts = [self._counts(text) for text in texts]
        df: dict[str, int] = {}
        for grams in counts:
            for gram in grams:
                df[gram] = df.get(gram, 0) + 1
        self.idf = {gram: math.log((1 + len(texts)) / (1 + n)) + 1 for gram, n in df.items()}
        self.unknown = math.log(1 + len(texts)) + 1
        self.vectors = [self._normalise(grams) for grams in counts]
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for number, vector in enumerate(self.vectors):
            for gram, value in vector.items():
                self.postings.setdefault(gram, []).append((number, value))
        self.max_df = max(50, len(texts) // 20)

    @staticmethod
    def _counts(folded: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for word in folded.split():
            padded = f" {word} "
            for start in range(len(padded) - 2):
                counts[padded[start:start + 3]] = counts.get(padded[start:start + 3], 0) + 1
        return counts

    def _normalise(self, counts: dict[str, int]) -> dict[str, float]:
        weights = {gram: (1 + math.log(n)) * self.idf.get(gram, self.unknown) for gram, n in counts.items()}
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        return {gram: value / norm for gram, value in weights.items()}

    def vector(self, folded: str) -> dict[str, float]:
        """The unit vector of a folded text."""
        return self._normalise(self._counts(folded))

    def nearest(self, vector: dict[str, float], limit: int, rarest: int = 8) -> list[int]:
        """Candidates only: texts sharing the *rarest* grams of *vector* (each in ≤ 5 % of the texts),
        best partial dot product first."""
        grams = sorted(vector, key=lambda gram: len(self.postings.get(gram, ())))
        rare = [gram for gram in grams[:rarest] if len(self.postings.get(gram, ())) <= self.max_df] or grams[:3]
        scores: dict[int, float] = {}
        for gram in rare:
            weight = vector[gram]
            for number, value in self.postings.get(gram, ()):
                scores[number] = scores.get(number, 0.0) + weight * value
        return heapq.nlargest(limit, scores, key=lambda number: (scores[number], -number))

    def cosine(self, vector: dict[str, float], number: int) -> float:
        """Cosine of *vector* with text *number*."""
        other = self.vectors[number]
        return sum([vector[gram] * other[gram] for gram in vector.keys() & other.keys()])
