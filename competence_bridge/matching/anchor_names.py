"""The names a proposed ESCO anchor is searched by on the other side: its preferred label, and each of its labels
that is, unit key for unit key, the name of an occupation of that side.

The pivot's second hop (:func:`~competence_bridge.matching.pivot.anchor_candidates`) searches the other side's
occupations by the ESCO occupation's name. ESCO's alternative labels often hold the national name itself
(ESCO *grafisch ontwerper* is also *grafisch vormgever*, UWV's name; *bankdirecteur* is also *kantoorhouder
bankfiliaal*, VDAB's); searching that label finds its occupation where the preferred label shares few words with it.
Only such labels are searched as well: a label whose unit keys (as search analyses them: gender forms, plurals,
compound parts) are those of a label of an occupation of the side, read from the search index's own tables, so
nothing is analysed again and the searches added are few. On gold set (a) (the pivot without the crosswalk tables,
the calibrations as they were), recall@5 went from 0.549 to 0.573 on the train split and from 0.574 to 0.614 on dev;
searching every alternative label found more (0.604 and 0.653) but took 4 to 80 searches per anchor, a first
translation of a name 3.5 times slower.

With crosswalk tables loaded, the pivot searches an anchor by its preferred label only (:func:`preferred_name`): the
official rows from the anchor say what it is on the other side, and the other names' searches cost a counsellor's
first translation of a name 1.7 times the CPU (the 20 typed names of ``benchmarks/import_crosswalks.py``) for mixed
gains (gold set (a), own rows unknown: recall@5 up by 0.01 on every split, acc@1 down by 0.01 on train and dev).
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
    def of(cls, index: SearchIndex) -> AnchorNames:
        """The names over *index*, one object per index while it lives (its labels are read once)."""
        found = cls._kept.get(index)
        if found is None:
            found = cls._kept[index] = cls(index)
        return found

    def __init__(self, index: SearchIndex) -> None:
        """The names over *index*'s occupations (their labels and unit keys, read on first use)."""
        self._index = index
        self._esco: dict[str, tuple[tuple[int, frozenset[int]], ...]] | None = None  # ESCO occupations' labels
        self._sides: dict[str, frozenset[frozenset[int]]] = {}  # each side's occupations' labels, as unit keys

    def __call__(self, anchor: SearchHit, to: str) -> tuple[str, ...]:
        """The names *anchor* (a hit on an ESCO occupation) is searched by among side *to*'s occupations: its
        preferred label, then every other label of it whose unit keys are a label's of an occupation of *to*."""
        if self._esco is None:
            self._esco = {}
            sides: dict[str, set[frozenset[int]]] = {}
            for occupation, (region, labels) in self._index.labels_with_keys("occupation").items():
                if region is None:
                    self._esco[occupation] = labels
                else:
                    sides.setdefault(region, set()).update(keys for _number, keys in labels)
            self._sides = {region: frozenset(keys) for region, keys in sides.items()}
        side = self._sides.get(to, frozenset())
        shared = (self._index.label_text(number) for number, keys in self._esco.get(anchor.id, ()) if keys in side)
        return tuple(dict.fromkeys([anchor.name or anchor.label, *shared]))
