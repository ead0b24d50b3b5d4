"""Character 3-gram TF-IDF vectors of folded texts: a spelling similarity that needs no shared word.

Pure Python; linear in the text's length (a word's grams are counted once per position).
"""

from __future__ import annotations

import heapq
import math


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
