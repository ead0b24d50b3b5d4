"""Lexical signal: Dutch-aware token keys, the nl-BE → nl-NL term layer, similarity, and an all-pairs join.

Similarity is the Dice coefficient of two sets of token keys. Single translations find their
candidates through an inverted index of label keys (blocking); the all-pairs join of two large
statement lists is exhaustive but runs in rapidfuzz's C++ kernel on every core, so it finds
exactly the pairs a comparison of every pair finds, fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .text import normalize

#: Words that carry no matching weight in labels and competence statements.
STOP_WORDS = frozenset(
    "de het een en of van voor met in op aan bij door naar om te tot uit over onder als die dat dit deze "
    "zijn is wordt worden kan zo ook niet hun haar zijn zich er".split()
)

# Gender forms and Flemish suffixes, longest first; each rule maps a suffix to a common stem.
_SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    ("therapeute", "therapeut"), ("kundige", "kundig"), ("ieker", "icus"), ("ische", "isch"),
    ("euse", "eur"), ("trice", "teur"), ("ster", "er"), ("essen", "es"), ("ingen", "ing"),
    ("ies", "ie"), ("en", ""), ("s", ""),
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light Dutch stem: plural, gender and Flemish suffix forms folded together.

    >>> [stem(w) for w in ["monteuse", "monteurs", "technieker", "verpleegster", "installaties"]]
    ['monteur', 'monteur', 'technicus', 'verpleeger', 'installatie']
    """
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIX_RULES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


def keys(text: str) -> frozenset[str]:
    """The token keys of a text: normalised, stop words dropped, stemmed.

    >>> sorted(keys("Installeert de elektrische installaties"))
    ['elektrisch', 'installatie', 'installeert']
    """
    return frozenset(stem(word) for word in normalize(text).split() if word not in STOP_WORDS)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|a∩b| / (|a|+|b|); 0 for two empty sets."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) >= 6 and (a.startswith(b[:6]) and b.startswith(a[:6])):
        return True  # same stem with different endings: kabelgoot / kabelgot, leiding / leidingwerk
    from rapidfuzz.fuzz import ratio

    return min(len(a), len(b)) >= 5 and ratio(a, b) >= 85


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
    """The curated nl-BE ↔ nl-NL term pairs, applied as whole-phrase substitutions."""

    def __init__(self, pairs: Iterable[tuple[str, Sequence[str], Sequence[str], str]]) -> None:
        """*pairs*: (id, Flemish forms, Dutch forms, relation)."""
        self._rules: list[tuple[re.Pattern[str], str, str, str, str]] = []
        for pair_id, be_forms, nl_forms, relation in pairs:
            target = normalize(nl_forms[0])
            for form in be_forms:
                source = normalize(form)
                if source and source != target:
                    pattern = re.compile(rf"(?<![a-z0-9]){re.escape(source)}(?![a-z0-9])")
                    self._rules.append((pattern, source, target, pair_id, relation))
            for form in nl_forms[1:]:  # Dutch variants fold onto the first Dutch form too
                source = normalize(form)
                if source and source != target:
                    pattern = re.compile(rf"(?<![a-z0-9]){re.escape(source)}(?![a-z0-9])")
                    self._rules.append((pattern, source, target, pair_id, relation))
        self._rules.sort(key=lambda rule: -len(rule[1]))

    def apply(self, text: str) -> tuple[str, tuple[Substitution, ...]]:
        """*text* normalised with every Flemish (or variant) term replaced by its Dutch form."""
        result = normalize(text)
        fired = []
        for pattern, source, target, pair_id, relation in self._rules:
            if pattern.search(result):
                result = pattern.sub(target, result)
                fired.append(Substitution(pair_id, source, target, relation))
        return result, tuple(fired)


def similarity_join(
    left: Sequence[frozenset[str]], right: Sequence[frozenset[str]], threshold: float, *, chunk: int = 1000
) -> list[tuple[int, int, float]]:
    """Every (i, j, dice) with ``dice(left[i], right[j]) >= threshold > 0``, sorted.

    Exhaustive, but in C: each token set becomes a sorted tuple of token ids, and for sorted
    sequences of unique items the Indel (LCS) similarity that rapidfuzz computes equals Dice.
    ``rapidfuzz.process.cdist`` scores row chunks on every core; the few pairs near the threshold
    are re-checked exactly in Python, so float rounding never adds or drops a pair.
    """
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    if threshold <= 0:
        raise ValueError("the join needs a positive threshold; every pair has Dice >= 0")
    ids: dict[str, int] = {}
    encode = lambda tokens: tuple(sorted(ids.setdefault(t, len(ids)) for t in tokens))  # noqa: E731
    left_seq = [encode(tokens) for tokens in left]
    right_seq = [encode(tokens) for tokens in right]
    found = []
    for start in range(0, len(left_seq), chunk):
        rows = left_seq[start:start + chunk]
        scores = cdist(rows, right_seq, scorer=Indel.normalized_similarity, score_cutoff=threshold - 1e-6,
                       dtype=np.float32, workers=-1)
        for i, j in zip(*np.nonzero(scores), strict=True):
            a, b = left[start + int(i)], right[int(j)]
            if a and b and (score := dice(a, b)) >= threshold:
                found.append((start + int(i), int(j), score))
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

    Flemish wording on the left is first mapped through the term layer. The join is lossless, so
    the result equals comparing every pair, at a fraction of the cost.
    """

    def analyse(text: str, layer: TermLayer | None) -> frozenset[str]:
        return keys(layer.apply(text)[0] if layer is not None else text)

    left_keys = [analyse(text, terms) for text in left]
    right_keys = [analyse(text, None) for text in right]
    return similarity_join(left_keys, right_keys, threshold)


def best_matches(pairs: Iterable[tuple[int, int, float]]) -> dict[int, tuple[int, float]]:
    """The best right-hand match per left index (ties go to the lowest index)."""
    best: dict[int, tuple[int, float]] = {}
    for i, j, score in pairs:
        if i not in best or score > best[i][1]:
            best[i] = (j, score)
    return best
