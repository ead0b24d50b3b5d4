"""The names a proposed ESCO anchor is searched by on the other side: its preferred label, and each of its labels
whose unit keys overlap those of a label of an occupation of that side enough (``esco_pivot.name_overlap``).

The pivot's second hop (:func:`~competence_bridge.matching.pivot.anchor_candidates`) searches the other side's
occupations by the ESCO occupation's name. ESCO's alternative labels often hold the national name itself
(ESCO *grafisch ontwerper* is also *grafisch vormgever*, UWV's name; *bankdirecteur* is also *kantoorhouder
bankfiliaal*, VDAB's), or a name close to it (*interieurverzorger* is also *huishoudhulp*, a part of VDAB's
*Huishoudhulp-poetshulp*); searching that label finds its occupation where the preferred label shares few words
with it. Only such labels are searched as well: a label whose unit keys (as search analyses them: gender forms,
plurals, compound parts) share at least ``name_overlap`` of theirs and a side label's together (Jaccard), read from
the search index's own tables, so nothing is analysed again and the searches added stay few.

On gold set (a) (the pivot without the crosswalk tables), searching the labels with the same unit keys only (stop 47)
took recall@5 from 0.549 to 0.573 on the train split and from 0.574 to 0.614 on dev. Overlaps of 0.67, 0.5, 0.4, 0.3
and any shared key, with the calibrations of then: names searched per anchor 1.6 (same keys), 1.7, 3.2, 3.8, 5.9 and
8.7; acc@1 / recall@5 on train 0.418 / 0.573 (same keys), 0.416 / 0.578, 0.429 / 0.592 (0.5 and 0.4), 0.429 / 0.608
(0.3 and any); on dev 0.455 / 0.614, 0.455 / 0.604, 0.485 / 0.624, 0.485 / 0.634 (0.3) and 0.485 / 0.653 (any). The
shipped 0.3 gets the train split's gain at two thirds of the searches of any shared key; with the eight maps refitted
to their fixed point: train 0.420 / 0.610, dev 0.475 / 0.604. A first translation of a name searches more (a label
sharing a part of a compound counts: *werkster* is searched for *interieurverzorger* and finds *Glaswerker* at 0.07):
the searches are remembered per name, and with the tables they are not made at all.

With crosswalk tables loaded, the pivot searches an anchor by its preferred label only (:func:`preferred_name`): the
official rows from the anchor say what it is on the other side, and the other names' searches cost a counsellor's
first translation of a name 1.7 times the CPU (the 20 typed names of ``benchmarks/import_crosswalks.py``) for mixed
gains (gold set (a), own rows unknown: recall@5 up by 0.01 on every split, acc@1 down by 0.01 on train and dev;
stop 47, the names with the same unit keys).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar
from weakref import WeakKeyDictionary

from competence_bridge.matching.search import SearchHit, SearchIndex

#: The names an anchor (an ESCO occupation's hit) is searched by on a side: an :class:`AnchorNames`, or
#: :func:`preferred_name`.
NamesOf = Callable[[SearchHit, str], tuple[str, ...]]


def preferred_name(anchor: SearchHit, to: str) -> tuple[str, ...]:
    """The preferred label of *anchor* alone, on any side *to*."""
    return (anchor.name or anchor.label,)


class AnchorNames:
    """The names each ESCO occupation is searched by on each side (read from one search index, once)."""

    _kept: ClassVar[WeakKeyDictionary[SearchIndex, AnchorNames]] = WeakKeyDictionary()

    @classmethod
    def of(cls, index: SearchIndex, overlap: float = 1.0) -> AnchorNames:
        """The names over *index* for an *overlap*, one object per index while it lives (its labels are read once)."""
        found = cls._kept.get(index)
        if found is None or found.overlap != overlap:
            found = cls._kept[index] = cls(index, overlap) if found is None else found.with_overlap(overlap)
        return found

    def __init__(self, index: SearchIndex, overlap: float = 1.0) -> None:
        """The names over *index*'s occupations (their labels and unit keys, read on first use): a label is searched
        when its unit keys overlap those of a label of an occupation of the side by at least *overlap* (Jaccard:
        shared keys over all keys of the two; 1: the same keys)."""
        self._index, self.overlap = index, overlap
        self._esco: dict[str, tuple[tuple[int, frozenset[int]], ...]] | None = None  # ESCO occupations' labels
        self._sides: dict[str, frozenset[frozenset[int]]] = {}  # each side's occupations' labels, as unit keys
        self._holding: dict[str, dict[int, list[frozenset[int]]]] = {}  # per side: each key's labels (built when asked)
        self._shared: dict[tuple[str, str], tuple[str, ...]] = {}  # the labels searched per anchor and side

    def with_overlap(self, overlap: float) -> AnchorNames:
        """The same names with another *overlap* (the labels already read are shared, not read again)."""
        other = AnchorNames(self._index, overlap)
        other._esco, other._sides, other._holding = self._esco, self._sides, self._holding
        return other

    def __call__(self, anchor: SearchHit, to: str) -> tuple[str, ...]:
        """The names *anchor* (a hit on an ESCO occupation) is searched by among side *to*'s occupations: its
        preferred label, then every other label of it whose unit keys overlap a label's of an occupation of *to*
        enough (:attr:`overlap`)."""
        if self._esco is None:
            self._esco = {}
            sides: dict[str, set[frozenset[int]]] = {}
            for occupation, (region, labels) in self._index.labels_with_keys("occupation").items():
                if region is None:
                    self._esco[occupation] = labels
                else:
                    sides.setdefault(region, set()).update(keys for _number, keys in labels)
            self._sides = {region: frozenset(keys) for region, keys in sides.items()}
        shared = self._shared.get((anchor.id, to))
        if shared is None:  # a fact of the data, kept: the same anchors come back for many names
            side = self._sides.get(to, frozenset())
            shared = self._shared[anchor.id, to] = tuple(
                self._index.label_text(number) for number, keys in self._esco.get(anchor.id, ())
                if keys in side or (self.overlap < 1 and self._overlaps(keys, to)))
        return tuple(dict.fromkeys([anchor.name or anchor.label, *shared]))

    def _overlaps(self, keys: frozenset[int], to: str) -> bool:
        """Whether a label of side *to* shares at least :attr:`overlap` of its and these unit *keys* (Jaccard)."""
        holding = self._holding.get(to)
        if holding is None:
            holding = self._holding[to] = {}
            for label in self._sides.get(to, ()):
                for key in label:
                    holding.setdefault(key, []).append(label)
        return any(len(keys & label) >= self.overlap * len(keys | label)
                   for key in keys for label in holding.get(key, ()))
