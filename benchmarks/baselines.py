"""The two baselines every quality benchmark prints beside the library, under the same scoring rule.

- ``CharTfidf``: TF-IDF over character 2-4-grams of the folded text (words padded with spaces), cosine
  similarity; the plain baseline the issues quote.
- ``TokenSet``: rapidfuzz's ``token_set_ratio`` over the same folded texts.

Both rank *documents* (id, text) for a query text; several texts may share an id (labels of one concept),
the best text counts for the id.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process


def fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits only, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char if char.isalnum() else " " for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


class CharTfidf:
    """TF-IDF of character 2-4-grams with cosine ranking (sparse, pure Python)."""

    def __init__(self, documents: Sequence[tuple[str, str]], sizes: tuple[int, ...] = (2, 3, 4)) -> None:
        self.sizes = sizes
        self.ids = [doc_id for doc_id, _ in documents]
        counts = [self._grams(text) for _, text in documents]
        frequency: Counter[str] = Counter(gram for grams in counts for gram in grams)
        total = len(documents) + 1
        self.idf = {gram: math.log(total / (1 + n)) + 1 for gram, n in frequency.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for number, grams in enumerate(counts):
            for gram, weight in self._vector(grams).items():
                self.postings[gram].append((number, weight))

    def _grams(self, text: str) -> Counter[str]:
        padded = f" {fold(text)} "
        return Counter(padded[i:i + n] for n in self.sizes for i in range(len(padded) - n + 1))

    def _vector(self, grams: Counter[str]) -> dict[str, float]:
        vector = {gram: (1 + math.log(n)) * self.idf.get(gram, 0.0) for gram, n in grams.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {gram: v / norm for gram, v in vector.items() if v}

    def rank(self, text: str, limit: int = 10) -> list[str]:
        """Document ids by cosine similarity to *text*, best first, each id once."""
        scores: dict[int, float] = defaultdict(float)
        for gram, weight in self._vector(self._grams(text)).items():
            for number, other in self.postings.get(gram, ()):
                scores[number] += weight * other
        return _distinct(self.ids, sorted(scores, key=lambda n: (-scores[n], self.ids[n])), limit)


class TokenSet:
    """rapidfuzz ``token_set_ratio`` over folded texts."""

    def __init__(self, documents: Sequence[tuple[str, str]]) -> None:
        self.ids = [doc_id for doc_id, _ in documents]
        self.texts = [fold(text) for _, text in documents]

    def rank(self, text: str, limit: int = 10) -> list[str]:
        """Document ids by token-set similarity to *text*, best first, each id once."""
        hits = process.extract(fold(text), self.texts, scorer=fuzz.token_set_ratio, limit=limit * 4)
        order = [number for _, _, number in sorted(hits, key=lambda hit: (-hit[1], self.ids[hit[2]]))]
        return _distinct(self.ids, order, limit)


def _distinct(ids: list[str], order: list[int], limit: int) -> list[str]:
    seen: dict[str, None] = {}
    for number in order:
        seen.setdefault(ids[number])
        if len(seen) == limit:
            break
    return list(seen)
