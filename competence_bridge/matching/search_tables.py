"""The flat tables of a search index that unit scoring reads: numpy arrays, one row pointer and one value array
per relation (the CSR layout), instead of a dict per description and a list per document.

A description is a run of (key number, count) pairs; a document's labels and a label's keys likewise. Reading
a document is then two slices, and scoring thousands of documents at once is a handful of array operations
(:mod:`competence_bridge.matching.search_units`). At 16x ESCO-nl the description dicts alone held ~100 MB; the
arrays hold the same in ~12 bytes a pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: The roles a label can have, in the order of their codes in :attr:`SearchTables.label_roles`.
ROLE_CODES = ("pref", "alt", "hidden", "level")


class SearchTables:
    """Documents, labels and description words as arrays; keys are numbered in :attr:`keys`."""

    def __init__(self, labels: Sequence[tuple[int, str, str, str, frozenset[str]]],
                 descriptions: Sequence[dict[str, int]], idf: dict[str, float],
                 documents: Sequence[tuple[str, str | None]]) -> None:
        """Number every key of *labels* and *descriptions* (``(doc, text, lang, role, keys)`` and per document
        the unit counts of its description) and lay them out; *idf* weighs a label's keys into its total;
        *documents* gives each document's kind and region, for filters."""
        import numpy as np

        self.kinds = sorted({kind for kind, _region in documents})
        self.regions = sorted({region for _kind, region in documents if region is not None})
        self.doc_kinds = np.fromiter((self.kinds.index(kind) for kind, _region in documents), dtype=np.int16,
                                     count=len(documents))
        self.doc_regions = np.fromiter((-1 if region is None else self.regions.index(region)
                                        for _kind, region in documents), dtype=np.int16, count=len(documents))

        numbers: dict[str, int] = {}
        label_doc = np.fromiter((label[0] for label in labels), dtype=np.int32, count=len(labels))
        self.label_roles = np.fromiter((ROLE_CODES.index(label[3]) for label in labels), dtype=np.int8,
                                       count=len(labels))
        self.label_keys_ptr, self.label_keys = _csr(
            [[numbers.setdefault(key, len(numbers)) for key in sorted(label[4])] for label in labels])
        self.label_totals = np.fromiter((sum(idf[key] for key in label[4]) or 1.0 for label in labels),
                                        dtype=np.float64, count=len(labels))
        self.description_ptr, self.description_keys = _csr(
            [[numbers.setdefault(key, len(numbers)) for key in counts] for counts in descriptions])
        self.description_counts = np.fromiter((n for counts in descriptions for n in counts.values()),
                                              dtype=np.int32, count=len(self.description_keys))
        self.lengths = np.fromiter((sum(counts.values()) for counts in descriptions), dtype=np.float64,
                                   count=len(descriptions))
        order = np.argsort(label_doc, kind="stable")
        self.doc_labels_ptr = np.concatenate(([0], np.cumsum(np.bincount(label_doc, minlength=len(descriptions)))
                                              )).astype(np.int32)
        self.doc_labels = order.astype(np.int32)
        self.label_doc = label_doc
        #: every key, by its number
        self.keys: list[str] = list(numbers)
        self.numbers = numbers

    def allowed(self, region: str | None, kinds: set[str] | None) -> npt.NDArray[np.bool_] | None:
        """Which documents are of *region* and of one of *kinds* (``None``: any); ``None`` when both are."""
        import numpy as np

        if region is None and kinds is None:
            return None
        mask = np.ones(len(self.doc_kinds), dtype=bool)
        if region is not None:
            mask &= self.doc_regions == (self.regions.index(region) if region in self.regions else -2)
        if kinds is not None:
            mask &= np.isin(self.doc_kinds, [self.kinds.index(kind) for kind in kinds if kind in self.kinds])
        return mask

    def labels_of(self, doc: int) -> list[int]:
        """The label numbers of document *doc*."""
        return self.doc_labels[self.doc_labels_ptr[doc]:self.doc_labels_ptr[doc + 1]].tolist()

    def counts(self, doc: int, wanted: dict[int, str]) -> dict[str, int]:
        """The counts in document *doc*'s description of the keys *wanted* (by number), by key."""
        start, end = self.description_ptr[doc], self.description_ptr[doc + 1]
        return {wanted[number]: count for number, count in zip(self.description_keys[start:end].tolist(),
                                                               self.description_counts[start:end].tolist(),
                                                               strict=True) if number in wanted}


def _csr(rows: list[list[int]]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """Row pointers and values of *rows*."""
    import numpy as np

    sizes = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
    values = np.fromiter((value for row in rows for value in row), dtype=np.int32, count=int(sizes.sum()))
    return np.concatenate(([0], np.cumsum(sizes))).astype(np.int32), values


def gather(pointers: npt.NDArray[np.int32], rows: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64],
                                                                                   npt.NDArray[np.int64]]:
    """For CSR *pointers* and some *rows*: each entry's position in *rows*, and its index in the value array."""
    import numpy as np

    starts = pointers[rows].astype(np.int64)
    sizes = pointers[rows + 1].astype(np.int64) - starts
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), sizes)
    firsts = np.cumsum(sizes) - sizes
    return owner, np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(firsts - starts, sizes)
