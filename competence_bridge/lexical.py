"""Lexical signal: Dutch-aware token keys, the nl-BE → nl-NL term layer, similarity, and a lossless join.

Similarity is the Dice coefficient of two sets of token keys. Because it is a set measure, the
all-pairs join can use prefix filtering (Bayardo et al., "Scaling up all pairs similarity
search"): order tokens from rare to common, index only each set's prefix, and every pair with
Dice ≥ t shares a prefix token. The join therefore finds exactly the pairs an exhaustive
comparison finds at the same threshold, in a fraction of the time.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
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
    left: Sequence[frozenset[str]], right: Sequence[frozenset[str]], threshold: float
) -> list[tuple[int, int, float]]:
    """Every (i, j, dice) with ``dice(left[i], right[j]) >= threshold > 0``, via prefix filtering.

    Exactly the pairs an exhaustive comparison returns at the same threshold.
    """
    if threshold <= 0:
        raise ValueError("the join needs a positive threshold; use an exhaustive comparison for 0")
    frequency: Counter[str] = Counter()
    for tokens in (*left, *right):
        frequency.update(tokens)
    rank = {token: (count, token) for token, count in frequency.items()}
    jaccard = threshold / (2 - threshold)  # Dice >= t  <=>  Jaccard >= t / (2 - t)

    def prefix(tokens: frozenset[str]) -> list[str]:
        ordered = sorted(tokens, key=rank.__getitem__)
        return ordered[: len(ordered) - math.ceil(jaccard * len(ordered) - 1e-9) + 1]

    index: dict[str, list[int]] = defaultdict(list)
    for j, tokens in enumerate(right):
        for token in prefix(tokens):
            index[token].append(j)
    found = []
    for i, tokens in enumerate(left):
        if not tokens:
            continue
        low, high = jaccard * len(tokens), len(tokens) / jaccard
        candidates: set[int] = set()
        for token in prefix(tokens):
            candidates.update(index.get(token, ()))
        for j in candidates:
            other = right[j]
            if low - 1e-9 <= len(other) <= high + 1e-9:
                score = dice(tokens, other)
                if score >= threshold:
                    found.append((i, j, score))
    found.sort()
    return found


def exhaustive_join(
    left: Sequence[frozenset[str]], right: Sequence[frozenset[str]], threshold: float
) -> list[tuple[int, int, float]]:
    """The reference all-pairs comparison (slow); used to check :func:`similarity_join`."""
    return [(i, j, score) for i, a in enumerate(left) for j, b in enumerate(right)
            if (score := dice(a, b)) >= threshold and score > 0]
