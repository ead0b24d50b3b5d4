"""Character 3-gram TF-IDF vectors of folded texts: a spelling similarity that needs no shared word.

The vectors are one sparse matrix kept as flat numpy arrays, by text (CSR: ``indptr``, ``indices``,
``data``) and by gram (CSC), not as Python dicts: 640k entries over ESCO take 10 MB instead of about
100 MB of tuples, and unpickle as a few buffers instead of a million objects. Building is linear in the
texts' length (a word's grams are counted once per position); a query touches only the postings of its
rarest grams.
"""

from __future__ import annotations

import math
from array import array
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy.typing as npt

#: A query vector: gram numbers of grams the texts know, with their weights (unit norm over all its grams).
Vector = dict[int, float]


def _counts(folded: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in folded.split():
        padded = f" {word} "
        for start in range(len(padded) - 2):
            counts[padded[start:start + 3]] = counts.get(padded[start:start + 3], 0) + 1
    return counts


class Trigrams:
    """TF-IDF vectors of character 3-grams (each word padded with a space) of folded texts: spelling similarity.

    >>> model = Trigrams(["verwarmingsmonteur", "kinesitherapeut"])
    >>> model.nearest(model.vector("verwarmingsmonteuse"), 1)
    [0]
    >>> round(model.cosine(model.vector("kinesitherapeut"), 1), 6)
    1.0
    """

    def __init__(self, texts: list[str]) -> None:
        """Vectorise *texts* (already folded); their positions are their numbers."""
        import numpy as np  # here, not at the top: a command that never searches does not pay for numpy

        self.grams: dict[str, int] = {}
        sizes, gram_numbers, frequencies = array("i"), array("i"), array("d")  # compact while counting
        for text in texts:
            counts = _counts(text)
            sizes.append(len(counts))
            for gram, n in counts.items():
                gram_numbers.append(self.grams.setdefault(gram, len(self.grams)))
                frequencies.append(n)
        rows = np.array(sizes, dtype=np.int32)
        columns = np.array(gram_numbers, dtype=np.int32)
        df = np.bincount(columns, minlength=len(self.grams))
        self.idf: npt.NDArray[np.float64] = np.log((1 + len(texts)) / (1 + df)) + 1
        self.unknown = math.log(1 + len(texts)) + 1
        weights = (1 + np.log(np.array(frequencies, dtype=np.float64))) * self.idf[columns]
        del frequencies
        owner = np.repeat(np.arange(len(texts), dtype=np.int32), rows)
        norms = np.sqrt(np.bincount(owner, weights=weights * weights, minlength=len(texts)))
        norms[norms == 0] = 1.0
        weights /= norms[owner]
        # by text in the order counted (CSR), and by gram with texts ascending (CSC: the CSR entries' positions
        # only, 4 bytes an entry, rather than a second copy of rows and weights)
        self.indptr = np.concatenate(([0], np.cumsum(rows))).astype(np.int32)
        self.indices, self.data = columns, weights
        self.column_ptr = np.concatenate(([0], np.cumsum(df))).astype(np.int32)
        self.column_entries = np.argsort(columns, kind="stable").astype(np.int32)
        self.max_df = max(50, len(texts) // 20)

    def __len__(self) -> int:
        """The number of texts."""
        return len(self.indptr) - 1

    def vector(self, folded: str) -> Vector:
        """The unit vector of a folded text, on the grams the texts know (the others count in its norm only)."""
        weights = {gram: (1 + math.log(n)) * (float(self.idf[self.grams[gram]]) if gram in self.grams
                                              else self.unknown)
                   for gram, n in _counts(folded).items()}
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        return {self.grams[gram]: value / norm for gram, value in weights.items() if gram in self.grams}

    def _df(self, gram: int) -> int:
        return int(self.column_ptr[gram + 1] - self.column_ptr[gram])

    def nearest(self, vector: Vector, limit: int, rarest: int = 8) -> list[int]:
        """Candidates only: texts sharing the *rarest* grams of *vector* (each in ≤ 5 % of the texts),
        best partial dot product first (ties: lower number first)."""
        grams = sorted(vector, key=self._df)
        rare = [gram for gram in grams[:rarest] if self._df(gram) <= self.max_df] or grams[:3]
        if not rare or limit <= 0:
            return []
        import numpy as np

        slices = [self.column_entries[int(self.column_ptr[gram]):int(self.column_ptr[gram + 1])] for gram in rare]
        entries = np.concatenate(slices)
        if not len(entries):
            return []
        rows = np.searchsorted(self.indptr, entries, side="right") - 1
        values = np.concatenate([vector[gram] * self.data[part] for gram, part in zip(rare, slices, strict=True)])
        scores = np.bincount(rows, weights=values, minlength=len(self))
        touched = np.flatnonzero(scores)  # every weight is positive: a text touched has a score above 0
        scores = scores[touched]
        best = np.lexsort((touched, -scores))[:limit]
        return [int(number) for number in touched[best]]

    def cosines(self, vector: Vector, numbers: list[int]) -> list[float]:
        """Cosine of *vector* with each text of *numbers*: the values :meth:`cosine` gives, in one array pass
        (products summed in the same order, so equal to the last bit)."""
        import numpy as np

        if not numbers or not vector:
            return [0.0] * len(numbers)
        rows = np.asarray(numbers, dtype=np.int64)
        starts = self.indptr[rows].astype(np.int64)
        sizes = self.indptr[rows + 1].astype(np.int64) - starts
        owner = np.repeat(np.arange(len(rows)), sizes)
        entries = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes - starts, sizes)
        grams = np.fromiter(vector, dtype=np.int64, count=len(vector))
        weights = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
        order = np.argsort(grams)
        grams, weights = grams[order], weights[order]
        columns = self.indices[entries]
        at = np.minimum(np.searchsorted(grams, columns), len(grams) - 1)
        shared = grams[at] == columns
        products = weights[at[shared]] * self.data[entries[shared]]
        return np.bincount(owner[shared], weights=products, minlength=len(rows)).tolist()

    def cosine(self, vector: Vector, number: int) -> float:
        """Cosine of *vector* with text *number*."""
        start, end = int(self.indptr[number]), int(self.indptr[number + 1])
        return sum(vector[gram] * value for gram, value in zip(self.indices[start:end].tolist(),
                                                               self.data[start:end].tolist(), strict=True)
                   if gram in vector)
