"""Every label of an item table with its token keys, as arrays: what translation compares names by.

A label has one *row* of keys as written and, when the nl-BE → nl-NL term layer changes its keys, a second row
of the substituted keys with the substitutions that fired. Rows are kept as key numbers in a CSR table (one
vocabulary of keys for the whole table), not as a frozenset per label: a frozenset costs at least 216 bytes, a
key number 4. A row's keys are kept in the order the analysis first gives them, so the frozenset rebuilt from them
(:meth:`LabelRows.keys_of`) iterates exactly like the analyser's own ``keys`` (same insertions, same table), and
sums over it are the same to the last bit.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from competence_bridge.language.analyser import Analyser
from competence_bridge.language.terms import Substitution, TermLayer
from competence_bridge.rdf.items import Item

if TYPE_CHECKING:
    import numpy as np

#: A label's key sets: as written, and after the term layer when that changes them (with what fired).
Variants = list[tuple[frozenset[str], tuple[Substitution, ...]]]


def label_variants(analyser: Analyser, terms: TermLayer, label: str, *, netherlands: bool = False) -> Variants:
    """A label's own keys and, when the term layer changes them, the substituted keys too (*netherlands*: the
    label of a Dutch item, see :meth:`TermLayer.apply`)."""
    return [(frozenset(keys), fired) for keys, fired in ordered_variants(analyser, terms, label,
                                                                         netherlands=netherlands)]


def ordered_variants(analyser: Analyser, terms: TermLayer, label: str, *,
                     netherlands: bool = False) -> list[tuple[tuple[str, ...], tuple[Substitution, ...]]]:
    """:func:`label_variants` with each key set as its keys in the order they first occur."""
    original = analyser.ordered_keys(label)
    substituted, fired = terms.apply(label, netherlands=netherlands)
    keys = original if substituted == label else analyser.ordered_keys(substituted)
    return [(original, ())] if set(keys) == set(original) else [(original, ()), (keys, fired)]


class LabelRows:
    """The key rows of every label of a list of items, in item order (see the module docstring).

    ``item_start[n]:item_start[n + 1]`` are the rows of the *n*-th item; ``row_label[r]`` is the index of row
    *r*'s label in ``item.labels``; ``row_keys[key_start[r]:key_start[r + 1]]`` its key numbers (names in
    ``names``, numbers in ``numbers``); ``fired[r]`` the substitutions of a row the term layer gave. The
    columns are compact ``array`` columns (a single row reads fast from them); :meth:`column` is one as numpy.

    >>> from competence_bridge.language.terms import TermLayer
    >>> rows = LabelRows.build([Item("a", "occupation", None, "Lasser", ["lasser staal"])], Analyser(), TermLayer([]))
    >>> rows.rows_of(0), sorted(rows.keys_of(1)), rows.key_counts().tolist()
    (range(0, 2), ['lasser', 'stal'], [2, 1])
    """

    def __init__(self, names: list[str], item_start: array[int], row_label: array[int], key_start: array[int],
                 row_keys: array[int], fired: dict[int, tuple[Substitution, ...]]) -> None:
        """The table's arrays; see :meth:`build`."""
        self.names = names
        self.numbers = {name: number for number, name in enumerate(names)}
        self.item_start, self.row_label, self.key_start, self.row_keys = item_start, row_label, key_start, row_keys
        self.fired = fired

    @classmethod
    def build(cls, items: Iterable[Item], analyser: Analyser, terms: TermLayer) -> LabelRows:
        """Analyse every label of *items* (as written and after *terms*; a Dutch item's as written in the
        Netherlands) into rows."""
        numbers: dict[str, int] = {}
        item_start, row_label, key_start, row_keys = array("i", [0]), array("h"), array("i", [0]), array("i")
        fired: dict[int, tuple[Substitution, ...]] = {}
        for item in items:
            netherlands = item.region == "NL"
            for index, label in enumerate(item.labels):
                for keys, substitutions in ordered_variants(analyser, terms, label, netherlands=netherlands):
                    if substitutions:
                        fired[len(row_label)] = substitutions
                    row_label.append(index)
                    row_keys.extend(numbers.setdefault(key, len(numbers)) for key in keys)
                    key_start.append(len(row_keys))
            item_start.append(len(row_label))
        return cls(list(numbers), item_start, row_label, key_start, row_keys, fired)

    def __getstate__(self) -> dict[str, object]:
        """The state without the name → number lookup (rebuilt when read back)."""
        return {key: value for key, value in self.__dict__.items() if key != "numbers"}

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore a pickled table."""
        self.__dict__.update(state)
        self.numbers = {name: number for number, name in enumerate(self.names)}

    def rows_of(self, number: int) -> range:
        """The rows of the *number*-th item."""
        return range(self.item_start[number], self.item_start[number + 1])

    def keys_of(self, row: int) -> frozenset[str]:
        """The key set of *row* (iterating as the analysis' own did)."""
        start = self.key_start
        return frozenset(map(self.names.__getitem__, self.row_keys[start[row]:start[row + 1]]))

    def column(self, name: str) -> np.ndarray:
        """One of the columns (``item_start``, ``row_label``, ``key_start``, ``row_keys``) as a numpy view."""
        import numpy as np

        found = getattr(self, name)
        return np.frombuffer(found, dtype=np.int16 if found.typecode == "h" else np.int32)

    def key_counts(self) -> np.ndarray:
        """How many rows hold each key, by key number."""
        import numpy as np

        return np.bincount(self.column("row_keys"), minlength=len(self.names))
