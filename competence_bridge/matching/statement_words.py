"""Competence similarity by words and spelling (no extra needed): IDF-weighted words fused with character
n-grams, on the scale of the settings.

It ranks better than word overlap and than TF-IDF over character 2-4-grams on gold set (b)
(``benchmarks/competence_pairs.py``), but it is not the default (``competence_words.used: false``): the
translation signals, their calibrations and the curated gold set were tuned with word overlap, and with this
measure the curated gold set's first-candidate precision falls from 0.973 to 0.936. Ask for it with
:meth:`Translator.use_spelling <competence_bridge.matching.translate.Translator.use_spelling>`.

Two statements are compared twice, both weighted by how rare a feature is among the statements the translator
knows (its :class:`StatementCorpus`: every competence statement of the graph, plus any collection a caller
adds):

- **words**: the mean of soft Dice and soft overlap of their token keys (after the nl-BE → nl-NL term layer and
  the Dutch analyser), each key weighted by its IDF, so ``fysiologie`` counts and ``beheren`` hardly;
- **spelling**: the cosine of their TF-IDF vectors of character n-grams (of the folded content words after the
  term layer), which needs no shared word (``metallografie`` / ``metallografische``).

The mix ``word_weight · words + (1 − word_weight) · spelling`` is rescaled piecewise linearly like the
embedding's cosine (``floor`` → 0, ``covered`` → ``competence_threshold``, 1 → 1), both points chosen on the
curated statements (floor: the median mix of random statement pairs; covered: so that as many closest pairs
count as covered as under word overlap; ``benchmarks/fit_competence_words.py``; no sentence-level gold
exists). The scale is monotone: it changes no ranking, only what counts as covered.
"""

from __future__ import annotations

import math
from collections import Counter

from competence_bridge.curated.matching_settings import EmbeddingSettings, StatementWordSettings
from competence_bridge.language.text import words
from competence_bridge.matching.lexical import soft_dice

#: A statement's spelling vector: character n-grams with unit-norm TF-IDF weights.
GramVector = dict[str, float]


def matching_text(text: str) -> str:
    """The form whose character n-grams are compared: folded content words, single spaces.

    >>> matching_text("Spoort storingen op en herstelt ze")
    'spoort storingen herstelt'
    """
    return " ".join(words(text))


def grams(text: str, sizes: tuple[int, ...]) -> Counter[str]:
    """The character n-grams of *text* (one space before and after), with their counts.

    >>> sorted(grams("zorg", (3,)).items())
    [(' zo', 1), ('org', 1), ('rg ', 1), ('zor', 1)]
    """
    padded = f" {text} "
    return Counter(padded[start:start + size] for size in sizes for start in range(len(padded) - size + 1))


class StatementCorpus:
    """How many statements of a collection have each token key and each character n-gram: the IDF of both.

    A feature no statement has weighs most (as if one statement had it). Adding statements changes every weight.

    >>> corpus = StatementCorpus((2, 3, 4))
    >>> corpus.add(frozenset({"zorg", "verlen"}), "verleent zorg")
    >>> corpus.add(frozenset({"zorg", "plan"}), "plant zorg")
    >>> corpus.key_weight("zorg") < corpus.key_weight("plan") < corpus.key_weight("onbekend")
    True
    """

    def __init__(self, sizes: tuple[int, ...]) -> None:
        """An empty collection whose spelling compares n-grams of the *sizes* given."""
        self.sizes = sizes
        self.size = 0
        self._keys: Counter[str] = Counter()
        self._grams: Counter[str] = Counter()

    def add(self, keys: frozenset[str], text: str) -> None:
        """Count one statement: its token *keys* and the n-grams of its :func:`matching_text` *text*."""
        self.size += 1
        self._keys.update(keys)
        self._grams.update(grams(text, self.sizes).keys())

    def _idf(self, count: int) -> float:
        return math.log((self.size + 1) / (1 + count)) + 1

    def key_weight(self, key: str) -> float:
        """The IDF of a token key in the collection."""
        return self._idf(self._keys.get(key, 0))

    def vector(self, text: str) -> GramVector:
        """The unit-norm TF-IDF vector of the n-grams of a :func:`matching_text` *text* (empty for no text)."""
        weights = {gram: (1 + math.log(count)) * self._idf(self._grams.get(gram, 0))
                   for gram, count in grams(text, self.sizes).items()} if text else {}
        norm = math.sqrt(math.fsum(weight * weight for weight in weights.values()))
        return {gram: weight / norm for gram, weight in weights.items()} if norm else {}

    def word_similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The mean of soft Dice and soft overlap of two key sets, every key weighted by its IDF (a near match by
        its two keys' mean). Overlap (shared / the lighter set) keeps a short statement that a longer one contains
        from scoring low only because the longer one says more."""
        _, matched = soft_dice(a, b)
        if not matched:
            return 0.0
        shared = math.fsum((self.key_weight(x) + self.key_weight(y)) / 2 for x, y in matched)
        first = math.fsum(self.key_weight(key) for key in a)
        second = math.fsum(self.key_weight(key) for key in b)
        return min(1.0, (2 * shared / (first + second) + shared / min(first, second)) / 2)


def cosine(a: GramVector, b: GramVector) -> float:
    """The cosine of two unit-norm vectors (at most 1).

    >>> cosine({"ab": 0.6, "bc": 0.8}, {"bc": 1.0})
    0.8
    """
    if len(a) > len(b):
        a, b = b, a
    return min(1.0, math.fsum(weight * b.get(gram, 0.0) for gram, weight in a.items()))


def rescale(mixed: float, settings: StatementWordSettings | EmbeddingSettings, threshold: float) -> float:
    """*mixed* (a mix, or an embedding's cosine) on the similarity scale: 0 up to ``floor``, *threshold* at
    ``covered``, 1 at 1.

    >>> from competence_bridge.matching.settings import shipped
    >>> settings = shipped()[0]
    >>> scale = settings.competence_words
    >>> rescale(scale.covered, scale, 0.4), rescale(1.0, scale, 0.4), rescale(scale.floor, scale, 0.4)
    (0.4, 1.0, 0.0)
    """
    if mixed < settings.covered:
        return max(0.0, (mixed - settings.floor) / (settings.covered - settings.floor)) * threshold
    return min(1.0, threshold + (mixed - settings.covered) / (1 - settings.covered) * (1 - threshold))


def mixed_similarity(words_score: float, spelling: float, settings: StatementWordSettings) -> float:
    """The words and spelling similarities mixed by ``word_weight`` (before the scale)."""
    return settings.word_weight * words_score + (1 - settings.word_weight) * spelling

