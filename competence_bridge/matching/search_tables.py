"""The flat tables of a search index: numpy arrays, one row pointer and one value array per relation (the CSR
layout), instead of a frozenset per label, a dict per description and a list per key.

A description is a run of (key number, count) pairs; a document's labels, a label's keys, and a key's labels
and descriptions (its postings) likewise. Reading a document is then two slices, and scoring thousands of
documents at once is a handful of array operations (:mod:`competence_bridge.matching.search_units`). The
tables are filled while the labels and descriptions are analysed, so no per-label or per-description Python
object is ever held for the whole corpus: at 4x ESCO-nl those held ~65 MB at the peak of a build.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: The roles a label can have, in the order of their codes in :attr:`SearchTables.label_roles`.
ROLE_CODES = ("pref", "alt", "hidden", "level")


class Postings(Mapping[str, "npt.NDArray[np.int32]"]):
    """The rows (labels or documents, ascending) where each key occurs, as slices of one array; a key that
    occurs nowhere is not in the mapping."""

    def __init__(self, numbers: Mapping[str, int], pointers: npt.NDArray[np.int64],
                 rows: npt.NDArray[np.int32]) -> None:
        """Key *numbers*, and for key number *k* its rows ``rows[pointers[k]:pointers[k + 1]]``."""
        self._numbers, self._pointers, self._rows = numbers, pointers, rows

    def arrays(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
        """The row pointers by key number and the rows."""
        return self._pointers, self._rows

    def __getitem__(self, key: str) -> npt.NDArray[np.int32]:
        """The rows of *key*; KeyError when it occurs nowhere."""
        number = self._numbers.get(key)
        if number is None or self._pointers[number + 1] == self._pointers[number]:
            raise KeyError(key)
        return self._rows[self._pointers[number]:self._pointers[number + 1]]

    def __contains__(self, key: object) -> bool:
        """Whether *key* occurs somewhere."""
        number = self._numbers.get(key) if isinstance(key, str) else None
        return number is not None and bool(self._pointers[number + 1] > self._pointers[number])

    def __iter__(self) -> Iterator[str]:
        """The keys that occur somewhere."""
        sizes = self._pointers[1:] - self._pointers[:-1]
        return (key for key, number in self._numbers.items() if sizes[number])

    def __len__(self) -> int:
        """How many keys occur somewhere."""
        return int((self._pointers[1:] > self._pointers[:-1]).sum())


class SearchTables:
    """Documents, labels, description words and postings as arrays; keys are numbered in :attr:`keys`; the
    IDF of each key (over documents) in :attr:`idf`."""

    def __init__(self, labels: Iterable[tuple[int, str, Iterable[str]]], descriptions: Iterable[Mapping[str, int]],
                 documents: Sequence[tuple[str, str | None]]) -> None:
        """Lay out *labels* (``(doc, role, keys)``, in label-number order) and the unit counts of each document's
        description, in document order, reading each once; *documents* gives each document's kind and region."""
        import numpy as np

        self._masks: dict[tuple[str | None, frozenset[str] | None], npt.NDArray[np.bool_]] = {}
        self.kinds = sorted({kind for kind, _region in documents})
        self.regions = sorted({region for _kind, region in documents if region is not None})
        self.doc_kinds = np.array([self.kinds.index(kind) for kind, _region in documents], dtype=np.int16)
        self.doc_regions = np.array([-1 if region is None else self.regions.index(region)
                                     for _kind, region in documents], dtype=np.int16)
        numbers: dict[str, int] = {}
        docs, roles, sizes, keys = array("i"), array("b"), array("i"), array("i")
        for doc, role, label_keys in labels:
            docs.append(doc)
            roles.append(ROLE_CODES.index(role))
            found = sorted(set(label_keys))
            sizes.append(len(found))
            keys.extend(numbers.setdefault(key, len(numbers)) for key in found)
        described_sizes, described_keys, described_counts = array("i"), array("i"), array("i")
        for counts in descriptions:
            described_sizes.append(len(counts))
            described_keys.extend(numbers.setdefault(key, len(numbers)) for key in counts)
            described_counts.extend(counts.values())
        self.label_doc = np.frombuffer(docs, dtype=np.int32).copy()
        self.label_roles = np.frombuffer(roles, dtype=np.int8).copy()
        self.label_keys_ptr = _pointers(sizes)
        self.label_keys = np.frombuffer(keys, dtype=np.int32).copy()
        self.description_ptr = _pointers(described_sizes)
        self.description_keys = np.frombuffer(described_keys, dtype=np.int32).copy()
        self.description_counts = np.frombuffer(described_counts, dtype=np.int32).copy()
        del docs, roles, keys, described_keys, described_counts
        total = np.concatenate(([0], np.cumsum(self.description_counts, dtype=np.int64)))
        self.lengths = (total[self.description_ptr[1:]] - total[self.description_ptr[:-1]]).astype(np.float64)
        #: every key, by its number
        self.keys: Sequence[str] = list(numbers)
        self.numbers: Mapping[str, int] = numbers
        self.doc_labels_ptr = _pointers(np.bincount(self.label_doc, minlength=len(documents)))
        self.doc_labels = np.argsort(self.label_doc, kind="stable").astype(np.int32)
        label_owner = np.repeat(np.arange(len(self.label_doc), dtype=np.int32), np.diff(self.label_keys_ptr))
        description_owner = np.repeat(np.arange(len(documents), dtype=np.int32), np.diff(self.description_ptr))
        self.postings = _postings(numbers, self.label_keys, label_owner)
        self.description_postings = _postings(numbers, self.description_keys, description_owner)
        # document frequency: the documents whose labels or description have the key
        pairs = np.unique(np.concatenate((self.label_doc[label_owner].astype(np.int64) * len(numbers)
                                          + self.label_keys,
                                          description_owner.astype(np.int64) * len(numbers) + self.description_keys)))
        frequency = np.bincount(pairs % max(len(numbers), 1), minlength=len(numbers)).tolist()
        #: log(1 + documents / document frequency) of each key
        self.idf: Mapping[str, float] = {key: math.log(1 + len(documents) / df)
                                         for key, df in zip(self.keys, frequency, strict=True)}
        weights = np.array([self.idf[key] for key in self.keys]) if self.keys else np.zeros(0)
        totals = np.bincount(label_owner, weights=weights[self.label_keys], minlength=len(self.label_doc))
        self.label_totals = np.where(totals == 0, 1.0, totals)

    #: The tables' arrays, by attribute name (what :meth:`restored` takes back).
    ARRAYS = ("doc_kinds", "doc_regions", "label_doc", "label_roles", "label_keys_ptr", "label_keys", "description_ptr",
              "description_keys", "description_counts", "lengths", "doc_labels_ptr", "doc_labels", "label_totals")

    @classmethod
    def restored(cls, arrays: Mapping[str, npt.NDArray[Any]], keys: Sequence[str], numbers: Mapping[str, int],
                 idf: Mapping[str, float], postings: tuple[Postings, Postings], kinds: list[str],
                 regions: list[str]) -> SearchTables:
        """Tables read back from their parts: the :data:`ARRAYS` (views of a mapped file, say), the keys by number
        and their numbers and IDF by key, the label and description postings, and the kinds and regions."""
        tables = cls.__new__(cls)
        for name in cls.ARRAYS:
            setattr(tables, name, arrays[name])
        tables.keys, tables.numbers, tables.idf, tables.kinds, tables.regions = keys, numbers, idf, kinds, regions
        tables.postings, tables.description_postings = postings
        tables._masks = {}
        return tables

    def allowed(self, region: str | None, kinds: set[str] | None) -> npt.NDArray[np.bool_] | None:
        """Which documents are of *region* and of one of *kinds* (``None``: any); ``None`` when both are. Read-only:
        the mask of each filter is made once (a pass over every document) and kept."""
        import numpy as np

        if region is None and kinds is None:
            return None
        masks = self._masks
        wanted = (region, None if kinds is None else frozenset(kinds))
        if wanted not in masks:
            mask = np.ones(len(self.doc_kinds), dtype=bool)
            if region is not None:
                mask &= self.doc_regions == (self.regions.index(region) if region in self.regions else -2)
            if kinds is not None:
                mask &= np.isin(self.doc_kinds, [self.kinds.index(kind) for kind in kinds if kind in self.kinds])
            mask.flags.writeable = False
            masks[wanted] = mask
        return masks[wanted]

    def role(self, label: int) -> str:
        """The role of label *label* (``pref``, ``alt``, ``hidden`` or ``level``)."""
        return ROLE_CODES[self.label_roles[label]]

    def label_key_list(self, label: int) -> list[str]:
        """The unit keys of label *label*, sorted."""
        keys = self.keys
        return [keys[number] for number in self.label_keys[self.label_keys_ptr[label]:self.label_keys_ptr[label + 1]]
                .tolist()]

    def labels_of(self, doc: int) -> list[int]:
        """The label numbers of document *doc*."""
        return self.doc_labels[self.doc_labels_ptr[doc]:self.doc_labels_ptr[doc + 1]].tolist()


def _pointers(sizes: Sequence[int] | npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Row pointers of rows of *sizes*."""
    import numpy as np

    return np.concatenate(([0], np.cumsum(np.asarray(sizes, dtype=np.int64)))).astype(np.int64)


def _postings(numbers: Mapping[str, int], keys: npt.NDArray[np.int32], owners: npt.NDArray[np.int32]) -> Postings:
    """The owners of each key, ascending: entries sorted by key (stably, so owners stay in order)."""
    import numpy as np

    order = np.argsort(keys, kind="stable")
    return Postings(numbers, _pointers(np.bincount(keys, minlength=len(numbers))), owners[order])


def gather(pointers: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64],
                                                                                   npt.NDArray[np.int64]]:
    """For CSR *pointers* and some *rows*: each entry's position in *rows*, and its index in the value array."""
    import numpy as np

    starts = pointers[rows]
    sizes = pointers[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), sizes)
    firsts = np.cumsum(sizes) - sizes
    return owner, np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(firsts - starts, sizes)
