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

from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from competence_bridge.matching.recognitions import RecognitionTuple
from competence_bridge.matching.signals import LabelKeys
from competence_bridge.rdf.items import Item


class _Arrays:
    """A side's label entries as arrays (built on first use): for each distinct (item, label key set) its item
    number and total key weight, each item's rank by id, kind and whether it has an ESCO anchor. The postings
    stay the side's own int arrays, read as numpy views (no second copy)."""

    def __init__(self, side: Side, label_weight: Callable[[frozenset[str]], float]) -> None:
        import numpy as np  # here: only a side that is translated against pays for numpy

        numbers = {item.id: number for number, item in enumerate(side.items)}
        self.item_ids = [item.id for item in side.items]
        self.entry_item = np.array([numbers[item_id] for item_id, _keys in side.entries], dtype=np.int32)
        self.entry_weight = np.array([label_weight(keys) for _item_id, keys in side.entries], dtype=np.float64)
        self.rank = np.empty(len(side.items), dtype=np.int32)
        self.rank[np.argsort(np.array(self.item_ids, dtype=object))] = np.arange(len(side.items), dtype=np.int32)
        self.kinds = sorted({item.kind for item in side.items})
        self.kind = np.array([self.kinds.index(item.kind) for item in side.items], dtype=np.int8)
        self.anchored = np.array([bool(item.esco) for item in side.items], dtype=bool)


@dataclass
class Side:
    """Targets of one region, indexed for candidate generation: by label key, ESCO anchor and level."""

    items: list[Item]
    label_keys: dict[str, list[LabelKeys]] = field(default_factory=dict)
    entries: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # distinct (item, label key set)
    postings: dict[str, array[int]] = field(default_factory=dict)  # key: entry numbers, as compact int arrays
    by_id: dict[str, Item] = field(default_factory=dict)
    by_anchor: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_level: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _arrays: _Arrays | None = None

    def add(self, item: Item, entries: list[LabelKeys]) -> None:
        """Index *item* with its labels' key sets (*entries*: label, keys, substitutions)."""
        self.by_id[item.id] = item
        for anchor in item.esco:
            self.by_anchor[anchor].add(item.id)
        for level in item.levels:
            self.by_level[level].add(item.id)
        for label_keys in dict.fromkeys(label_keys for _label, label_keys, _fired in entries):
            for key in label_keys:
                self.postings.setdefault(key, array("i")).append(len(self.entries))
            self.entries.append((item.id, label_keys))
        self.label_keys[item.id] = entries
        self._arrays = None

    def arrays(self, label_weight: Callable[[frozenset[str]], float]) -> _Arrays:
        """The entries as arrays (built once)."""
        if self._arrays is None:
            self._arrays = _Arrays(self, label_weight)
        return self._arrays


def _word_sharing(side: Side, source_labels: list[LabelKeys], kinds: set[str], *, weight: Callable[[str], float],
                  label_weight: Callable[[frozenset[str]], float], limit: int) -> list[str]:
    """The ``limit`` items of *kinds* with an ESCO anchor and the ``limit`` without whose labels share the most
    with a source label (IDF-weighted Dice), vectorised over the postings."""
    import numpy as np

    arrays = side.arrays(label_weight)
    found_items, found_dice = [], []
    for source_keys in dict.fromkeys(label_keys for _, label_keys, _ in source_labels):
        keys = [key for key in source_keys if key in side.postings]
        if not keys:
            continue
        parts = [np.frombuffer(found, dtype=f"i{found.itemsize}") for found in (side.postings[key] for key in keys)]
        entries = np.concatenate(parts)
        weights = np.repeat(np.array([weight(key) for key in keys]), [len(part) for part in parts])
        distinct, inverse = np.unique(entries, return_inverse=True)
        shared = np.bincount(inverse, weights=weights)
        found_items.append(arrays.entry_item[distinct])
        found_dice.append(2 * shared / (label_weight(source_keys) + arrays.entry_weight[distinct]))
    if not found_items:
        return []
    items, dice = np.concatenate(found_items), np.concatenate(found_dice)
    order = np.lexsort((-dice, items))  # per item, its best Dice first
    items, first = np.unique(items[order], return_index=True)
    dice = dice[order][first]
    wanted = np.isin(arrays.kind[items], [arrays.kinds.index(kind) for kind in kinds if kind in arrays.kinds])
    chosen: list[str] = []
    for anchored in (True, False):
        group = wanted & (arrays.anchored[items] == anchored)
        members, scores = items[group], dice[group]
        best = np.lexsort((arrays.rank[members], -scores))[:limit]
        chosen.extend(arrays.item_ids[number] for number in members[best].tolist())
    return chosen


def candidate_pool(side: Side, source: Item, source_labels: list[LabelKeys], statements: list[RecognitionTuple],
                   kinds: set[str], *, weight: Callable[[str], float],
                   label_weight: Callable[[frozenset[str]], float], limit: int) -> list[Item]:
    """The items of *side* of *kinds* that *source* is scored against, by id (see the module docstring).

    *weight* is a key's IDF weight, *label_weight* the total of a key set's, *limit* the ``lexical_pool``.
    """
    pool: set[str] = set()
    for anchor in source.esco:
        pool |= side.by_anchor.get(anchor, set())
    pool.update(target_id for _, target_id, _, _, _, _ in statements if target_id)
    for level in {level for _, _, level, _, _, _ in statements if level}:
        pool |= side.by_level.get(level, set())
    pool.update(_word_sharing(side, source_labels, kinds, weight=weight, label_weight=label_weight, limit=limit))
    return [side.by_id[target_id] for target_id in sorted(pool)
            if target_id in side.by_id and side.by_id[target_id].kind in kinds and target_id != source.id]
