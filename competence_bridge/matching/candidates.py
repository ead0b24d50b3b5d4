"""Candidate generation (blocking): which items of the other side a source is scored against.

A side's items are indexed once by label key, ESCO anchor and level. A source's candidates are every item
sharing an ESCO anchor with it, every recognised type and every item on a recognised level, and, of the items
whose labels share a key with one of its labels, the ``lexical_pool`` (``taxonomies/matching.yaml``) sharing
the most: the best IDF-weighted Dice of two labels, ties by id, as many with an ESCO anchor as without (they
score apart: the ESCO signal weighs in for the one and not the other). An ISCO group alone makes no candidate:
it grows with the graph, and its signal only strengthens names that share words.

Cost: one step per posting of the source's keys, then at most ``2 × lexical_pool`` word-sharing candidates
scored (plus the anchored and recognised ones), whatever the size of the graph.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from competence_bridge.matching.recognitions import RecognitionTuple
from competence_bridge.matching.signals import LabelKeys
from competence_bridge.rdf.items import Item


@dataclass
class Side:
    """Targets of one region, indexed for candidate generation: by label key, ESCO anchor and level."""

    items: list[Item]
    label_keys: dict[str, list[LabelKeys]] = field(default_factory=dict)
    index: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=lambda: defaultdict(list))
    by_id: dict[str, Item] = field(default_factory=dict)
    by_anchor: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_level: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, item: Item, entries: list[LabelKeys]) -> None:
        """Index *item* with its labels' key sets (*entries*: label, keys, substitutions)."""
        self.by_id[item.id] = item
        for anchor in item.esco:
            self.by_anchor[anchor].add(item.id)
        for level in item.levels:
            self.by_level[level].add(item.id)
        for _label, label_keys, _fired in entries:
            for key in label_keys:
                self.index[key].append((item.id, label_keys))
        self.label_keys[item.id] = entries


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
    best: dict[str, float] = {}  # the best IDF-weighted Dice of a source label with one of the item's labels
    for source_keys in {label_keys for _, label_keys, _ in source_labels}:
        shared: dict[tuple[str, frozenset[str]], float] = {}
        for key in source_keys:
            key_weight = weight(key)
            for entry in side.index.get(key, ()):
                shared[entry] = shared.get(entry, 0.0) + key_weight
        total = label_weight(source_keys)
        for (target_id, target_keys), found in shared.items():
            dice = 2 * found / (total + label_weight(target_keys))
            if dice > best.get(target_id, 0.0):
                best[target_id] = dice
    groups: dict[bool, list[str]] = defaultdict(list)
    for target_id in best:
        if side.by_id[target_id].kind in kinds:
            groups[bool(side.by_id[target_id].esco)].append(target_id)
    for group in groups.values():
        pool.update(heapq.nsmallest(limit, group, key=lambda target_id: (-best[target_id], target_id)))
    return [side.by_id[target_id] for target_id in sorted(pool)
            if target_id in side.by_id and side.by_id[target_id].kind in kinds and target_id != source.id]
