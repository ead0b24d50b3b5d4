"""Character 3-gram TF-IDF vectors of folded texts: a spelling similarity that needs no shared word.

The vectors are one sparse matrix kept as flat numpy arrays, by text (CSR: ``indptr``, ``indices`` and each
entry's count of its gram in the text) and by gram (CSC: each entry's text and count again), not as Python dicts.
An entry's weight, (1 + log count) · idf / norm, is worked out from those when read, so an entry takes 8 bytes
(a gram number in 2 while there are at most 65,536 grams, a count in 1; by gram a text number in 4 and the count
in 1), not the 16 of a float and a gram number plus 4: 10M entries at a million triples take 82 MB instead of
165. A query's rarest grams are read from the CSC side alone, each a contiguous slice: in a memory-mapped index
(:mod:`competence_bridge.matching.search_file`) a query touches only those pages, not pages all over the CSR
arrays. The build counts into compact arrays and sorts a block at a time, never holding an index-sized float or
8-byte temporary. Building is linear in the texts' length (a word's grams are counted once per position); a query
touches only the postings of its rarest grams.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: A query vector: gram numbers of grams the texts know, with their weights (unit norm over all its grams).
Vector = dict[int, float]

_TEXTS, _ENTRIES = 1 << 13, 1 << 20  # block sizes of a build: texts when summing norms, entries when sorting


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

        grams: dict[str, int] = {}
        #: each gram's number
        self.grams: Mapping[str, int] = grams
        # compact while counting: a gram number in 2 bytes while they fit, a count in 1 (a larger one aside)
        sizes, gram_numbers, counted = array("i"), array("H"), array("B")
        larger: dict[int, int] = {}
        for text in texts:
            counts = _counts(text)
            sizes.append(len(counts))
            for gram, n in counts.items():
                number = grams.setdefault(gram, len(grams))
                if number > 0xFFFF and gram_numbers.typecode == "H":
                    gram_numbers = array("i", gram_numbers)
                gram_numbers.append(number)
                if n > 0xFF:
                    larger[len(counted)] = n
                counted.append(min(n, 0xFF))
        #: per entry, by text in the order counted (CSR), its gram's number and its count in the text (views of
        #: the arrays counted into, not copies: no second index-sized buffer while building)
        self.indices = np.frombuffer(gram_numbers, dtype=np.uint16 if gram_numbers.typecode == "H" else np.int32)
        self.counts = np.frombuffer(counted, dtype=np.uint8)
        del gram_numbers, counted
        if larger:
            self.counts = self.counts.astype(np.int32)
            self.counts[np.fromiter(larger, dtype=np.int64, count=len(larger))] = list(larger.values())
        df = np.bincount(self.indices, minlength=len(self.grams))
        self.idf: npt.NDArray[np.float64] = np.log((1 + len(texts)) / (1 + df)) + 1
        self.unknown = math.log(1 + len(texts)) + 1
        #: 1 + log(count), by count: an entry's weight, (1 + log count) · idf / norm, is worked out when read
        highest = int(self.counts.max()) if len(self.counts) else 0
        self.count_weights = np.concatenate(([0.0], 1 + np.log(np.arange(1, highest + 1, dtype=np.float64))))
        rows = np.frombuffer(sizes, dtype=np.int32)
        self.indptr = np.concatenate(([0], np.cumsum(rows))).astype(np.int32)
        self.norms = np.zeros(len(texts), dtype=np.float64)
        for first in range(0, len(texts), _TEXTS):  # whole texts a block: each norm sums as in one pass
            last = min(first + _TEXTS, len(texts))
            entries = np.arange(int(self.indptr[first]), int(self.indptr[last]), dtype=np.int64)
            weights = self.count_weights[self.counts[entries]] * self.idf[self.indices[entries]]
            owner = np.repeat(np.arange(last - first, dtype=np.int32), rows[first:last])
            self.norms[first:last] = np.sqrt(np.bincount(owner, weights=weights * weights, minlength=last - first))
        self.norms[self.norms == 0] = 1.0
        del rows, sizes
        # by gram with texts ascending (CSC: each entry's text and count, 4 + 1 bytes), sorted stably a block at a
        # time (no index-sized 8-byte temporaries)
        self.column_ptr = np.concatenate(([0], np.cumsum(df))).astype(np.int32)
        self.column_rows = np.empty(len(self.indices), dtype=np.int32)
        self.column_counts = np.empty(len(self.indices), dtype=self.counts.dtype)
        free = self.column_ptr[:-1].astype(np.int64)
        for start in range(0, len(self.indices), _ENTRIES):
            columns = self.indices[start:start + _ENTRIES]
            order = np.argsort(columns, kind="stable")
            ordered = columns[order]
            here = np.bincount(columns, minlength=len(self.grams))
            rank = np.arange(len(order)) - (np.cumsum(here) - here)[ordered]  # among the block's entries of its gram
            rank += free[ordered]  # each entry's place by gram (in place: no more block-sized temporaries)
            order += start  # and its position by text
            owners = np.searchsorted(self.indptr, order, side="right")
            owners -= 1
            self.column_rows[rank] = owners
            self.column_counts[rank] = self.counts[order]
            del owners
            free += here
        self.max_df = max(50, len(texts) // 20)

    #: The arrays of a model, by attribute name (what :meth:`restored` takes back).
    ARRAYS = ("indices", "counts", "idf", "count_weights", "indptr", "norms", "column_ptr", "column_rows",
              "column_counts")

    @classmethod
    def restored(cls, grams: Mapping[str, int], arrays: Mapping[str, npt.NDArray[Any]], unknown: float,
                 max_df: int) -> Trigrams:
        """A model read back from its parts: the gram numbers, the :data:`ARRAYS` (views of a mapped file, say),
        the weight of a gram no text has, and the document frequency above which a gram is too common to block."""
        model = cls.__new__(cls)
        model.grams, model.unknown, model.max_df = grams, unknown, max_df
        for name in cls.ARRAYS:
            setattr(model, name, arrays[name])
        return model

    def weights(self, entries: npt.NDArray[np.integer[Any]],
                rows: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.float64]:
        """The TF-IDF weights of CSR *entries*, of texts *rows* (a unit vector per text)."""
        return self.count_weights[self.counts[entries]] * self.idf[self.indices[entries]] / self.norms[rows]

    def __len__(self) -> int:
        """The number of texts."""
        return len(self.indptr) - 1

    def vector(self, folded: str) -> Vector:
        """The unit vector of a folded text, on the grams the texts know (the others count in its norm only)."""
        counts = _counts(folded)
        numbers = {gram: self.grams.get(gram) for gram in counts}
        weights = {gram: (1 + math.log(n)) * (float(self.idf[number]) if (number := numbers[gram]) is not None
                                              else self.unknown)
                   for gram, n in counts.items()}
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        return {number: value / norm for gram, value in weights.items() if (number := numbers[gram]) is not None}

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

        spans = [(int(self.column_ptr[gram]), int(self.column_ptr[gram + 1])) for gram in rare]
        if not any(end > start for start, end in spans):
            return []
        row_slices = [self.column_rows[start:end] for start, end in spans]
        # each entry's weight as weights() gives it, (1 + log count) · idf / norm, its gram's idf being one number
        values = np.concatenate([vector[gram] * (self.count_weights[self.column_counts[start:end]] * self.idf[gram]
                                                 / self.norms[rows])
                                 for gram, (start, end), rows in zip(rare, spans, row_slices, strict=True)])
        scores = np.bincount(np.concatenate(row_slices), weights=values, minlength=len(self))
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
        products = weights[at[shared]] * self.weights(entries[shared], rows[owner[shared]])
        return np.bincount(owner[shared], weights=products, minlength=len(rows)).tolist()

    def cosine(self, vector: Vector, number: int) -> float:
        """Cosine of *vector* with text *number*."""
        import numpy as np

        start, end = int(self.indptr[number]), int(self.indptr[number + 1])
        entries = np.arange(start, end, dtype=np.int64)
        values = self.weights(entries, np.full(end - start, number, dtype=np.int64))
        return sum(vector[gram] * value for gram, value in zip(self.indices[start:end].tolist(), values.tolist(),
                                                               strict=True) if gram in vector)
