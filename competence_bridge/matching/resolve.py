"""Which item a name means: ids, preferred and alternative labels, with "did you mean" for the rest."""

from __future__ import annotations

from competence_bridge.errors import AmbiguousItemError, UnknownItemError
from competence_bridge.language.text import normalize, suggest
from competence_bridge.rdf.curies import compress
from competence_bridge.rdf.items import Item, ItemTable

#: Which kind a shared label names first: a qualification has a level, a job profile does not.
KIND_PRIORITY = {"qualification": 0, "qualification-type": 1, "job-profile": 2, "occupation": 3}


#: Items under their normalised labels, with the rank of the label (0 preferred, 1 alternative).
LabelIndex = dict[str, list[tuple[int, Item]]]


def label_index(table: ItemTable) -> LabelIndex:
    """Every item of *table* under its normalised labels (rank 0 preferred, 1 alternative), in table order."""
    found: LabelIndex = {}
    for item in table.items.values():
        ranks = {normalize(item.label): 0}
        for label in item.alt_labels:
            ranks.setdefault(normalize(label), 1)
        for key, rank in ranks.items():
            found.setdefault(key, []).append((rank, item))
    return found


class ItemResolver:
    """Finds items of one :class:`~competence_bridge.rdf.items.ItemTable` by id or by label."""

    def __init__(self, table: ItemTable, labels: LabelIndex | None = None) -> None:
        """A resolver over *table* (which it never changes); *labels* its :func:`label_index`, when prepared."""
        self.table = table
        self._by_label = labels

    def by_id(self, text: str) -> Item | None:
        """The item with this id or CURIE (or full IRI), or ``None``."""
        items = self.table.items
        return items.get(text) or items.get(compress(text))

    def named(self, query: str, region: str | None = None, *, esco: bool = True) -> list[tuple[int, Item]]:
        """Items whose preferred (rank 0) or alternative (rank 1) label is *query*, ignoring case, accents, hyphens.

        With ``esco=False``, ESCO's own occupations (which belong to neither side) are left out.
        """
        return [(rank, item) for rank, item in self._labels().get(normalize(query), ())
                if (region is None or item.region == region) and (esco or item.region is not None)]

    def _labels(self) -> LabelIndex:
        if self._by_label is None:
            self._by_label = label_index(self.table)
        return self._by_label

    def resolve(self, query: str, *, region: str | None = None) -> Item | None:
        """An item by id or exact label; ``None`` when *query* names nothing (free text).

        A preferred label wins over an alternative one; among items of one label, a qualification
        over a qualification type over a job profile over an ESCO occupation.

        :raises AmbiguousItemError: when the best label names several items of the same kind
        """
        text = query.strip()
        found = self.by_id(text)
        if found is not None:
            return found
        named = self.named(text, region)
        if not named:
            return None
        rank = min(rank for rank, _ in named)
        hits = [item for found_rank, item in named if found_rank == rank]
        best = min(KIND_PRIORITY[item.kind] for item in hits)
        hits = [item for item in hits if KIND_PRIORITY[item.kind] == best]
        if len(hits) > 1:
            raise AmbiguousItemError(query, sorted(item.id for item in hits),
                                     regions=sorted({item.region for item in hits if item.region}))
        return hits[0]

    def require(self, query: str, *, region: str | None = None) -> Item:
        """Like :meth:`resolve`, but an unknown id or label raises with suggestions.

        :raises UnknownItemError: with "did you mean" suggestions
        :raises AmbiguousItemError: as :meth:`resolve`
        """
        item = self.resolve(query, region=region)
        if item is None:
            raise UnknownItemError(query, kind="item", suggestions=self.suggest(query))
        return item

    def on_a_side(self, query: str, *, region: str | None = None) -> list[Item]:
        """Items of one side (curated, or national occupations of an official table; not ESCO's own)
        whose preferred or alternative label is *query*."""
        found = [item for _, item in self.named(query, region, esco=False)]
        return sorted(found, key=lambda item: (KIND_PRIORITY[item.kind], item.id))

    def suggest(self, query: str) -> list[str]:
        """Labels of curated items close to *query*, for "did you mean"."""
        return suggest(query, [item.label for item in self.table.items.values() if item.kind != "occupation"])
