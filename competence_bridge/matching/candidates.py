"""Candidate generation (blocking): which items of the other side a source is scored against.

A side's items are indexed once by label key, ESCO anchor and level. A source's candidates are every item
sharing an ESCO anchor with it, every recognised type and every item on a recognised level, and, of the items
whose labels share a key with one of its labels, the ``lexical_pool`` (``taxonomies/matching.yaml``) sharing
the most: the best IDF-weighted Dice of two labels, ties by id, as many with an ESCO anchor as without (they
score apart: the ESCO signal weighs in for the one and not the other). An ISCO group alone makes no candidate:
it grows with the graph, and its signal only strengthens names that share words.

Cost: the postings of the source's keys, summed in one vectorised pass (numpy), then at most
``2 × lexical_pool`` word-sharing candidates scored (plus the anchored and recognised ones), whatever the size
of the graph.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from competence_bridge.matching.label_rows import LabelRows
from competence_bridge.matching.recognitions import RecognitionTuple
from competence_bridge.matching.signals import LabelKeys
from competence_bridge.rdf.items import Item

if TYPE_CHECKING:
    import numpy as np


class Side:
    """Targets of one region, indexed for candidate generation: by label key, ESCO anchor and level.

    Its *entries* are the distinct key sets of each item's label rows (:class:`LabelRows`), as arrays: the entry's
    item, its first row and its total key weight; *postings* (per key number, the entries holding it) are a CSR
    table. An entry's weight is the first one computed for its key set (*known* weights first, then this side's
    entries in order), as a cache by key set gives it; a key set is found again by its hash (:meth:`weight_of`).
    """

    def __init__(self, items: list[Item], table_numbers: list[int], rows: LabelRows,
                 weight: Callable[[str], float], known: Callable[[frozenset[str]], float | None]) -> None:
        """Index *items* (the *table_numbers*-th items of *rows*); *weight* is a key's IDF weight, *known* the
        weight already given to a key set (or None)."""
        import numpy as np  # here: only a side that is translated against pays for numpy

        self.items, self.rows = items, rows
        self.numbers = {item.id: number for number, item in enumerate(items)}
        self.table_number = np.array(table_numbers, dtype=np.int32)
        self.by_anchor: dict[str, tuple[str, ...]] = _index((anchor, item.id) for item in items for anchor in item.esco)
        self.by_level: dict[str, tuple[str, ...]] = _index((level, item.id) for item in items for level in item.levels)
        entry_item, entry_row = array("i"), array("i")
        self.row_entry = array("i", bytes(4 * len(rows.row_label)))  # each row's entry (0 for rows of other sides)
        for number, table_number in enumerate(table_numbers):
            seen: dict[frozenset[str], int] = {}
            for row in rows.rows_of(table_number):
                keys = rows.keys_of(row)
                entry = seen.get(keys)
                if entry is None:
                    entry = seen[keys] = len(entry_row)
                    entry_item.append(number)
                    entry_row.append(row)
                self.row_entry[row] = entry
        self.entry_item = np.frombuffer(entry_item, dtype=np.int32)
        self.entry_row = np.frombuffer(entry_row, dtype=np.int32)
        key_start = rows.column("key_start")
        starts, ends = key_start[self.entry_row], key_start[self.entry_row + 1]
        lengths = ends - starts
        held = rows.column("row_keys")[np.repeat(ends - np.cumsum(lengths), lengths) + np.arange(int(lengths.sum()))]
        order = np.argsort(held, kind="stable")  # each key's entries in entry order
        self.posting_entries = np.repeat(np.arange(len(entry_row), dtype=np.int32), lengths)[order]
        self.posting_start = np.zeros(len(rows.names) + 1, dtype=np.int64)
        np.cumsum(np.bincount(held, minlength=len(rows.names)), out=self.posting_start[1:])
        self._weigh(weight, known)
        self.rank = np.empty(len(items), dtype=np.int32)
        self.rank[np.argsort(np.array([item.id for item in items], dtype=object))] = np.arange(len(items),
                                                                                              dtype=np.int32)
        self.kinds = sorted({item.kind for item in items})
        self.kind = np.array([self.kinds.index(item.kind) for item in items], dtype=np.int8)
        self.anchored = np.array([bool(item.esco) for item in items], dtype=bool)

    def _weigh(self, weight: Callable[[str], float], known: Callable[[frozenset[str]], float | None]) -> None:
        """Each entry's total key weight, the first one given to its key set; entries sorted by key-set hash."""
        import numpy as np

        count = len(self.entry_row)
        hashes, weights = np.empty(count, dtype=np.int64), np.empty(count, dtype=np.float64)
        for entry, row in enumerate(self.entry_row.tolist()):
            keys = self.rows.keys_of(row)
            hashes[entry] = hash(keys)
            found = known(keys)
            weights[entry] = math.fsum(weight(token) for token in keys) if found is None else found
        order = np.argsort(hashes, kind="stable")
        sorted_hashes = hashes[order]
        for position in np.flatnonzero(sorted_hashes[1:] == sorted_hashes[:-1]).tolist():
            entry = int(order[position + 1])
            keys = self.rows.keys_of(int(self.entry_row[entry]))
            first = position  # the first entry of this hash with the same key set (entries of one hash: in order)
            while first > 0 and sorted_hashes[first - 1] == sorted_hashes[position]:
                first -= 1
            for earlier in order[first:position + 1].tolist():
                if self.rows.keys_of(int(self.entry_row[earlier])) == keys:
                    weights[entry] = weights[earlier]
                    break
        self.entry_weight, self._hash_order, self._sorted_hashes = weights, order.astype(np.int32), sorted_hashes

    def weight_of(self, keys: frozenset[str]) -> float | None:
        """The weight of an entry with exactly these keys, or None."""
        import numpy as np

        target = hash(keys)
        position = int(np.searchsorted(self._sorted_hashes, target))
        while position < len(self._sorted_hashes) and self._sorted_hashes[position] == target:
            entry = int(self._hash_order[position])
            if self.rows.keys_of(int(self.entry_row[entry])) == keys:
                return float(self.entry_weight[entry])
            position += 1
        return None

    def label_keys(self, item: Item, weights: dict[frozenset[str], float] | None = None) -> list[LabelKeys]:
        """Every label of one of the side's items with its key sets (as written, after the term layer); each key
        set's weight goes into *weights*, when given."""
        rows, labels, found = self.rows, item.labels, []
        for row in rows.rows_of(int(self.table_number[self.numbers[item.id]])):
            keys = rows.keys_of(row)
            found.append((labels[rows.row_label[row]], keys, rows.fired.get(row, ())))
            if weights is not None:
                weights[keys] = float(self.entry_weight[self.row_entry[row]])
        return found

    def postings(self, key: str) -> np.ndarray | None:
        """The entries holding *key* (None when none does)."""
        number = self.rows.numbers.get(key)
        if number is None:
            return None
        start, end = self.posting_start[number], self.posting_start[number + 1]
        return self.posting_entries[start:end] if end > start else None


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for key, item_id in pairs:
        found.setdefault(key, []).append(item_id)
    return {key: tuple(dict.fromkeys(ids)) for key, ids in found.items()}


def _word_sharing(side: Side, source_labels: list[LabelKeys], kinds: set[str], *, weight: Callable[[str], float],
                  label_weight: Callable[[frozenset[str]], float], limit: int) -> list[str]:
    """The ``limit`` items of *kinds* with an ESCO anchor and the ``limit`` without whose labels share the most
    with a source label (IDF-weighted Dice), vectorised over the postings."""
    import numpy as np

    found_items, found_dice = [], []
    for source_keys in dict.fromkeys(label_keys for _, label_keys, _ in source_labels):
        held = [(key, found) for key in source_keys if (found := side.postings(key)) is not None]
        if not held:
            continue
        parts = [found for _, found in held]
        entries = np.concatenate(parts)
        weights = np.repeat(np.array([weight(key) for key, _ in held]), [len(part) for part in parts])
        distinct, inverse = np.unique(entries, return_inverse=True)
        shared = np.bincount(inverse, weights=weights)
        found_items.append(side.entry_item[distinct])
        found_dice.append(2 * shared / (label_weight(source_keys) + side.entry_weight[distinct]))
    if not found_items:
        return []
    items, dice = np.concatenate(found_items), np.concatenate(found_dice)
    order = np.lexsort((-dice, items))  # per item, its best Dice first
    items, first = np.unique(items[order], return_index=True)
    dice = dice[order][first]
    wanted = np.isin(side.kind[items], [side.kinds.index(kind) for kind in kinds if kind in side.kinds])
    chosen: list[str] = []
    for anchored in (True, False):
        group = wanted & (side.anchored[items] == anchored)
        members, scores = items[group], dice[group]
        best = np.lexsort((side.rank[members], -scores))[:limit]
        chosen.extend(side.items[number].id for number in members[best].tolist())
    return chosen


def candidate_pool(side: Side, source: Item, source_labels: list[LabelKeys], statements: list[RecognitionTuple],
                   kinds: set[str], *, weight: Callable[[str], float],
                   label_weight: Callable[[frozenset[str]], float], limit: int) -> list[Item]:
    """The items of *side* of *kinds* that *source* is scored against, by id (see the module docstring).

    *weight* is a key's IDF weight, *label_weight* the total of a key set's, *limit* the ``lexical_pool``.
    """
    pool: set[str] = set()
    for anchor in source.esco:
        pool.update(side.by_anchor.get(anchor, ()))
    pool.update(target_id for _, target_id, _, _, _, _ in statements if target_id)
    for level in {level for _, _, level, _, _, _ in statements if level}:
        pool.update(side.by_level.get(level, ()))
    pool.update(_word_sharing(side, source_labels, kinds, weight=weight, label_weight=label_weight, limit=limit))
    numbers = side.numbers
    return [side.items[numbers[target_id]] for target_id in sorted(pool)
            if target_id in numbers and side.items[numbers[target_id]].kind in kinds and target_id != source.id]
