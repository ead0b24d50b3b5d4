"""Similarity of token-key sets: Dice, soft Dice, statement similarity, and an exhaustive all-pairs join.

Token keys come from :class:`competence_bridge.language.analyser.Analyser`, on the word analysis search uses
too: folding, plural, gender and Flemish suffix forms, and compound parts split against a lexicon of the
texts being matched (``netwerk|technieker`` and ``netwerk|beheerder`` share ``netwerk``; the head becomes
``technicus``). Similarity is the Dice coefficient of two sets of token keys. Single translations find
their candidates through an inverted index of label keys (blocking); the all-pairs join of two large
statement lists is exhaustive but runs in rapidfuzz's C++ kernel on every core, so it finds exactly
the pairs a comparison of every pair finds, fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from competence_bridge.language.analyser import Analyser
from competence_bridge.language.terms import TermLayer


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
