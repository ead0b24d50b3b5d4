"""Lexical signal: Dutch token keys, the nl-BE → nl-NL term layer, similarity, and an all-pairs join.

Token keys come from :mod:`competence_bridge.language.dutch`, the analyser search uses too: folding, plural,
gender and Flemish suffix forms, and compound parts split against a lexicon of the texts being
matched (``netwerk|technieker`` and ``netwerk|beheerder`` share ``netwerk``; the head becomes
``technicus``). Similarity is the Dice coefficient of two sets of token keys. Single translations find
their candidates through an inverted index of label keys (blocking); the all-pairs join of two large
statement lists is exhaustive but runs in rapidfuzz's C++ kernel on every core, so it finds exactly
the pairs a comparison of every pair finds, fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from competence_bridge.language.dutch import STOPWORDS, Lexicon, base_key, fold
from competence_bridge.language.text import normalize

#: Words that carry no matching weight in labels and competence statements: the search analyser's
#: function words plus a few auxiliaries and particles of competence statements.
STOP_WORDS = STOPWORDS | frozenset("kan zo niet werd".split())


class Analyser:
    """Token keys of Dutch text, built on :mod:`competence_bridge.language.dutch`'s word analysis.

    With a :class:`~competence_bridge.language.dutch.Lexicon`, a word gives the keys of its units: the word
    itself or its compound parts, after the suffix rules (plural, gender, ``-ieker``/``-icus``); the
    head of a compound gets the Flemish suffix rules on its own. Without one, only the rules that need
    no lexicon apply and nothing is split.

    >>> analyser = Analyser.from_texts(["netwerkbeheer", "netwerk", "technicus", "technieker"])
    >>> sorted(analyser.keys("De netwerktechniekers"))
    ['netwerk', 'technicus']
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        """Analyse against *lexicon*, or without compound splitting when it is ``None``."""
        self.lexicon = lexicon
        self._words: dict[str, tuple[tuple[str, str], ...]] = {}
        self._frozen = False

    @classmethod
    def from_texts(cls, texts: Iterable[str], titles: Iterable[str] = ()) -> Analyser:
        """An analyser whose lexicon knows every word of *texts* and *titles* (see ``Lexicon.from_texts``)."""
        return cls(Lexicon.from_texts(texts, titles))

    def units(self, word: str) -> tuple[tuple[str, str], ...]:
        """The (key, surface) pairs of one folded content word: one, or one per compound part (cached)."""
        found = self._words.get(word)
        if found is None:
            found = self._analyse(word)
            if not self._frozen:
                self._words[word] = found
        return found

    def freeze(self, texts: Iterable[str] = ()) -> None:
        """Analyse *texts*, then stop caching: words seen later (free-text queries) are not remembered."""
        for text in texts:
            self.keys(text)
        self._frozen = True
        if self.lexicon is not None:
            self.lexicon.freeze()

    def word_keys(self, word: str) -> tuple[str, ...]:
        """The keys of one folded content word."""
        return tuple(key for key, _ in self.units(word))

    def _analyse(self, word: str) -> tuple[tuple[str, str], ...]:
        if self.lexicon is None:
            return ((base_key(word), word),)
        units = self.lexicon.word(word).units
        if len(units) == 1:
            return ((units[0].key, word),)
        return tuple((self.lexicon.head_key(unit.key), unit.surface) for unit in units)

    def keys(self, text: str) -> frozenset[str]:
        """The token keys of a text: folded, function words dropped, every word analysed."""
        return frozenset(key for word in tokens(text) for key, _ in self.units(word))

    def spelling(self, text: str) -> dict[str, str]:
        """Each key of *text* with the (folded) word or compound part it first comes from, for explanations.

        >>> Analyser().spelling("Legt elektrotechnische installaties aan")["installati"]
        'installaties'
        """
        found: dict[str, str] = {}
        for word in tokens(text):
            for key, surface in self.units(word):
                found.setdefault(key, surface)
        return found


def tokens(text: str) -> list[str]:
    """The content words of *text*, folded; unlike search, a lone digit stays (``verzorgende niveau 3``).

    >>> tokens("Verzorgende-IG, niveau 3 en de helpende")
    ['verzorgende', 'ig', 'niveau', '3', 'helpende']
    """
    return [word for word in fold(text).split() if word not in STOP_WORDS and (len(word) > 1 or word.isdigit())]


_PLAIN = Analyser()
_PLAIN.freeze()  # base_key keeps its own bounded cache


def keys(text: str) -> frozenset[str]:
    """The token keys of a text without a lexicon: folded, stop words dropped, suffix forms folded.

    >>> sorted(keys("Installeert de elektrische installaties"))
    ['elektrisch', 'installati', 'installert']
    >>> keys("monteuses") == keys("monteurs") == keys("monteur")
    True
    """
    return _PLAIN.keys(text)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|a∩b| / (|a|+|b|); 0 for two empty sets."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@lru_cache(maxsize=1 << 18)
def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 6 and long.startswith(short[:6]):
        return True  # same stem with different endings: kabelgoot / kabelgot, leiding / leidingwerk
    if len(short) >= 5 and long.startswith(short):
        return True  # a verb form, or a compound the lexicon keeps whole: beheer / beheert / beheertaken
    if len(short) >= 6 and len(long) - len(short) >= 4 and long.endswith(short):
        return True  # a compound's head; not after a verb prefix (her|stelt, ver|plaatst): server / linuxserver
    if len(short) < 5 or 2 * len(short) / (len(short) + len(long)) < 0.85:
        return False  # rapidfuzz's ratio cannot reach 85 then
    from rapidfuzz.fuzz import ratio

    return ratio(a, b) >= 85


def soft_dice(a: frozenset[str], b: frozenset[str]) -> tuple[float, tuple[tuple[str, str], ...]]:
    """Dice where near-identical words count as shared; also returns the matched word pairs.

    >>> soft_dice(frozenset({"trekt", "kabel", "buizen"}), frozenset({"trekt", "kabels", "bedrading"}))[0]
    0.6666666666666666
    """
    if not a or not b:
        return 0.0, ()
    matched = [(token, token) for token in a & b]
    rest_b = sorted(b - a)
    for token in sorted(a - b):
        for other in rest_b:
            if _same_word(token, other):
                matched.append((token, other))
                rest_b.remove(other)
                break
    return 2 * len(matched) / (len(a) + len(b)), tuple(sorted(matched))


def statement_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Similarity of two competence statements: the mean of soft Dice and soft overlap.

    Overlap (shared / smaller set) keeps a short statement that a longer one fully contains from
    scoring low only because the longer one says more.
    """
    score, matched = soft_dice(a, b)
    if not matched:
        return 0.0
    return (score + len(matched) / min(len(a), len(b))) / 2


@dataclass(frozen=True)
class Substitution:
    """One term-layer replacement that fired on a label."""

    term_pair: str
    source: str
    target: str
    relation: str


class TermLayer:
    """The curated nl-BE ↔ nl-NL term pairs, applied as whole-phrase substitutions.

    Every Flemish form, and every Dutch variant, becomes the first Dutch form of its pair; the longest
    form wins where forms overlap. The first Dutch forms themselves stand: ``verzorgende ig`` stays,
    although ``verzorgende`` alone is a Flemish form. A replacement can complete a longer form, which
    the next pass replaces in turn (``technieker mechatronica`` → ``technicus mechatronica`` →
    ``monteur mechatronica``), until nothing changes.
    """

    #: Passes at most; each turns a replaced phrase into a longer Dutch form, so few are ever needed.
    PASSES = 4

    def __init__(self, pairs: Iterable[tuple[str, Sequence[str], Sequence[str], str]]) -> None:
        """*pairs*: (id, Flemish forms, Dutch forms, relation)."""
        self._rules: dict[str, tuple[str, str, str] | None] = {}  # form -> (target, pair, relation); None stands
        pairs = list(pairs)
        for _, _, nl_forms, _ in pairs:
            self._rules[normalize(nl_forms[0])] = None
        for pair_id, be_forms, nl_forms, relation in pairs:
            target = normalize(nl_forms[0])
            for form in (*be_forms, *nl_forms[1:]):
                source = normalize(form)
                if source and source not in self._rules:
                    self._rules[source] = (target, pair_id, relation)
        forms = "|".join(re.escape(form) for form in sorted(filter(None, self._rules), key=lambda f: (-len(f), f)))
        self._pattern = re.compile(rf"(?<![a-z0-9])(?:{forms})(?![a-z0-9])") if forms else None

    def apply(self, text: str) -> tuple[str, tuple[Substitution, ...]]:
        """*text* normalised with every Flemish (or variant) term replaced by its Dutch form."""
        result = normalize(text)
        fired: dict[tuple[str, str], Substitution] = {}
        if self._pattern is None:
            return result, ()

        def replace(match: re.Match[str]) -> str:
            rule = self._rules[match.group(0)]
            if rule is None:
                return match.group(0)
            target, pair_id, relation = rule
            fired.setdefault((pair_id, match.group(0)), Substitution(pair_id, match.group(0), target, relation))
            return target

        for _ in range(self.PASSES):
            replaced = self._pattern.sub(replace, result)
            if replaced == result:
                break
            result = replaced
        return result, tuple(fired.values())


def similarity_join(
    left: Sequence[frozenset[str]], right: Sequence[frozenset[str]], threshold: float, *, chunk: int = 1000
) -> list[tuple[int, int, float]]:
    """Every (i, j, dice) with ``dice(left[i], right[j]) >= threshold > 0``, sorted.

    Exhaustive, but in C: each token set becomes a sorted tuple of token ids, and for sorted
    sequences of unique items the Indel (LCS) similarity that rapidfuzz computes equals Dice.
    ``rapidfuzz.process.cdist`` scores row chunks on every core. Its float32 score of a pair gives
    the exact number of shared tokens back, so the Dice returned is computed exactly (as
    :func:`dice` does) and float rounding never adds or drops a pair.
    """
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    if threshold <= 0:
        raise ValueError("the join needs a positive threshold; every pair has Dice >= 0")
    ids: dict[str, int] = {}
    encode = lambda words: tuple(sorted(ids.setdefault(w, len(ids)) for w in words))  # noqa: E731
    left_seq = [encode(words) for words in left]
    right_seq = [encode(words) for words in right]
    left_len = np.array([len(seq) for seq in left_seq], dtype=np.int64)
    right_len = np.array([len(seq) for seq in right_seq], dtype=np.int64)
    found: list[tuple[int, int, float]] = []
    for start in range(0, len(left_seq), chunk):
        scores = cdist(left_seq[start:start + chunk], right_seq, scorer=Indel.normalized_similarity,
                       score_cutoff=threshold - 1e-6, dtype=np.float32, workers=-1)
        rows, columns = np.nonzero(scores)
        sizes_a, sizes_b = left_len[start + rows], right_len[columns]
        filled = (sizes_a > 0) & (sizes_b > 0)  # two empty sets score 1 in rapidfuzz, 0 as Dice
        rows, columns, sizes = rows[filled], columns[filled], sizes_a[filled] + sizes_b[filled]
        shared = np.rint(scores[rows, columns].astype(np.float64) * sizes / 2).astype(np.int64)
        exact = 2 * shared / sizes
        keep = exact >= threshold
        found.extend(zip((rows[keep] + start).tolist(), columns[keep].tolist(), exact[keep].tolist(), strict=True))
    found.sort()
    return found


def exhaustive_join(
    left: Sequence[frozenset[str]], right: Sequence[frozenset[str]], threshold: float
) -> list[tuple[int, int, float]]:
    """The reference all-pairs comparison (slow); used to check :func:`similarity_join`."""
    return [(i, j, score) for i, a in enumerate(left) for j, b in enumerate(right)
            if (score := dice(a, b)) >= threshold and score > 0]


def match_statements(
    left: Sequence[str], right: Sequence[str], *, threshold: float, terms: TermLayer | None = None
) -> list[tuple[int, int, float]]:
    """All-pairs matching of two lists of statements: every (i, j, Dice) at or above *threshold*.

    Flemish wording on the left is first mapped through the term layer; the keys come from an
    :class:`Analyser` whose lexicon is built on both lists, so compounds split into their parts. The
    join is lossless, so the result equals comparing every pair, at a fraction of the cost.
    """

    left_texts = [terms.apply(text)[0] for text in left] if terms is not None else list(left)
    analyser = Analyser.from_texts([*left_texts, *right])
    return similarity_join([analyser.keys(text) for text in left_texts], [analyser.keys(text) for text in right],
                           threshold)


def best_matches(pairs: Iterable[tuple[int, int, float]]) -> dict[int, tuple[int, float]]:
    """The best right-hand match per left index (ties go to the lowest index)."""
    best: dict[int, tuple[int, float]] = {}
    for i, j, score in pairs:
        if i not in best or score > best[i][1]:
            best[i] = (j, score)
    return best
