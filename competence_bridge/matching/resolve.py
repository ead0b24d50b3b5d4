"""Which item a name means: ids, preferred and alternative labels, with "did you mean" for the rest."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from hashlib import blake2b

from competence_bridge.errors import AmbiguousItemError, UnknownItemError
from competence_bridge.language.rules import lemma, undouble
from competence_bridge.language.text import normalize, suggest
from competence_bridge.matching.diploma_names import DiplomaNames, content_words
from competence_bridge.rdf.curies import compress
from competence_bridge.rdf.items import Item, ItemTable

#: Which kind a shared label names first: a qualification has a level, a job profile does not.
KIND_PRIORITY = {"qualification": 0, "qualification-type": 1, "job-profile": 2, "occupation": 3}


def _label_hash(key: str) -> int:
    """A 64-bit hash of a normalised label that is the same in every process (a prepared index is read back in
    another, whose ``hash`` of a string differs)."""
    return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little",
                          signed=True)


def _rank_of(item: Item, key: str) -> int | None:
    """The rank of the normalised label *key* among *item*'s labels (0 preferred, 1 alternative, 2 hidden)."""
    if normalize(item.label) == key:
        return 0
    if any(normalize(label) == key for label in item.alt_labels):
        return 1
    return 2 if any(normalize(label) == key for label in item.hidden_labels) else None


class LabelIndex:
    """Every item of a table under its normalised labels (rank 0 preferred, 1 alternative, 2 hidden), in table order.

    Kept as two arrays, not a dict of lists of tuples (about 200 bytes a label, 90 MB at a million triples): each
    label's 64-bit :func:`_label_hash`, sorted, with its item's number and rank, 12 bytes a label. A lookup reads
    the run of its hash and checks each item's labels, so a hash collision never mixes two labels.

    >>> from competence_bridge.rdf.items import Item, ItemTable
    >>> table = ItemTable({"a": Item("a", "occupation", None, "Lasser", ["Las-ser"]),
    ...                    "b": Item("b", "occupation", None, "Staallasser", ["lasser"])}, {})
    >>> [(rank, item.id) for rank, item in LabelIndex(table).get("lasser")]
    [(0, 'a'), (1, 'b')]

    Hidden labels (ESCO's misspellings and older names) are found only when asked for (``hidden=True``).
    """

    def __init__(self, table: ItemTable) -> None:
        """Index every item of *table* under its preferred, alternative and hidden labels."""
        import numpy as np  # here: only finding an item by name pays for numpy

        self.items = list(table.items.values())
        hashes, codes = array("q"), array("i")
        for number, item in enumerate(self.items):
            ranks = {normalize(item.label): 0}
            for label in item.alt_labels:
                ranks.setdefault(normalize(label), 1)
            for label in item.hidden_labels:
                ranks.setdefault(normalize(label), 2)
            for key, rank in ranks.items():
                hashes.append(_label_hash(key))
                codes.append(3 * number + rank)
        found = np.frombuffer(hashes, dtype=np.int64)
        order = np.argsort(found, kind="stable")  # one hash's labels stay in table order
        self.hashes, self.codes = found[order], np.frombuffer(codes, dtype=np.int32)[order]

    def get(self, key: str, *, hidden: bool = False) -> list[tuple[int, Item]]:
        """The items with the normalised label *key*, each with the label's rank, in table order (*hidden*: also
        those whose hidden label it is, rank 2)."""
        import numpy as np

        target = np.int64(_label_hash(key))
        start, end = np.searchsorted(self.hashes, target), np.searchsorted(self.hashes, target, side="right")
        found: list[tuple[int, Item]] = []
        seen: set[int] = set()
        for code in self.codes[start:end].tolist():
            number, rank = divmod(code, 3)
            if number in seen or (rank == 2 and not hidden):
                continue
            item = self.items[number]
            if _rank_of(item, key) == rank:
                seen.add(number)
                found.append((rank, item))
        return found


#: The rules by which a name's word forms are the same word: plural and gender forms (not the Flemish suffixes,
#: whose words belong to one side).
FORM_RULES = frozenset({"-s", "-en", "-ici", "-es", "-ster", "-in", "-ica", "-e", "-trice", "-euse"})


class FormIndex:
    """The items of either side under the word forms of their preferred and alternative labels: each word in the
    form the plural and gender rules give it (``Doktersassistent`` and ``doktersassistente``, ``Lasser`` and
    ``lassers``, ``medewerker`` and ``medewerkster`` are one form).

    >>> from competence_bridge.rdf.items import Item, ItemTable
    >>> table = ItemTable({"a": Item("a", "occupation", "NL", "Doktersassistent"),
    ...                    "b": Item("b", "job-profile", "BE-VLG", "Pedagogisch medewerker", ["Kinderbegeleider"]),
    ...                    "c": Item("c", "occupation", None, "lasser")}, {})
    >>> index = FormIndex(table)
    >>> [item.id for item in index.get("doktersassistente") + index.get("Pedagogisch medewerkster")]
    ['a', 'b']
    >>> index.get("lassers"), index.get("doktersassistenten ICT")  # ESCO's own occupations belong to no side
    ([], [])
    """

    def __init__(self, table: ItemTable) -> None:
        """Index the items of a side of *table* (ESCO's own occupations are left out)."""
        items = [item for item in table.items.values() if item.region is not None]
        labels = [(item, normalize(label)) for item in items for label in (item.label, *item.alt_labels)]
        self.known = frozenset(undouble(word) for _, label in labels for word in label.split())
        self._items: dict[str, list[Item]] = {}
        self._labels: dict[str, set[str]] = {}  # the normalised labels under each form
        self._holding: dict[str, set[str]] | None = None  # the forms holding each content word (built when asked)
        self._contents: dict[str, frozenset[str]] | None = None  # each form's content words (built when asked)
        self._diploma_names: DiplomaNames | None = None  # for of_type and of_other_type (built when asked)
        # each distinct word of the labels formed once (the first translation of a name builds this index; labels
        # share most words, so this is a third of the work); a query's words are formed as they come
        self._word_forms: dict[str, str] = {}
        for word in {word for _, label in labels for word in label.split()}:
            self._word_forms[word] = self._word_form(word)
        for item, label in labels:
            form = " ".join(self._word_forms[word] for word in label.split())
            found = self._items.setdefault(form, [])
            if item not in found:
                found.append(item)
            self._labels.setdefault(form, set()).add(label)

    def form(self, text: str) -> str:
        """*text* normalised, each word in the form the plural and gender rules give it."""
        known = self._word_forms
        return " ".join(known.get(word) or self._word_form(word) for word in normalize(text).split())

    def _word_form(self, word: str) -> str:
        """A normalised word in the form the plural and gender rules give it."""
        base, fired = lemma(word, self.known)
        if not set(fired) <= FORM_RULES:  # a Flemish suffix: the forms alone, without the rules a lexicon guards
            base, fired = lemma(word, None)
        return undouble(base) if fired else undouble(word)

    def get(self, text: str) -> list[Item]:
        """The items one of whose labels is *text* up to the word forms."""
        return list(self._items.get(self.form(text), ()))

    def holding(self, text: str, region: str | None = None) -> list[Item]:
        """The items of one label (of side *region*, if given) that holds every content word of *text* (two or
        more), up to the word forms and in any order, when no other label of that side holds them with as few words
        besides: ``BSO verzorging`` finds *Verzorging (bso, 3e graad)*; ``diploma secundair onderwijs`` finds
        nothing, since the ASO, TSO, KSO and BSO diplomas hold it alike.

        >>> from competence_bridge.rdf.items import Item, ItemTable
        >>> table = ItemTable({"a": Item("a", "qualification", "BE-VLG", "Verzorging (bso, 3e graad)"),
        ...                    "b": Item("b", "qualification", "BE-VLG", "Kinderzorg (7e jaar bso)"),
        ...                    "c": Item("c", "qualification", "BE-VLG", "Haarzorg (7e jaar bso)")}, {})
        >>> [item.id for item in FormIndex(table).holding("BSO verzorging")], FormIndex(table).holding("7de jaar BSO")
        (['a'], [])
        """
        wanted = content_words(self.form(text))
        if len(wanted) < 2:
            return []
        contents = self._content_words()
        if self._holding is None:
            self._holding = {}
            for form, content in contents.items():
                for word in content:
                    self._holding.setdefault(word, set()).add(form)
        tightest: dict[int, dict[tuple[str, ...], list[Item]]] = {}
        for form in set.intersection(*(self._holding.get(word, set()) for word in wanted)):
            items = [item for item in self._items[form] if region is None or item.region == region]
            if items:
                tightest.setdefault(len(contents[form]), {})[tuple(sorted(item.id for item in items))] = items
        if not tightest:
            return []
        found = tightest[min(tightest)]  # the items of each label as tight as the tightest, by their ids
        return next(iter(found.values())) if len(found) == 1 else []

    def of_type(self, text: str, region: str | None = None, *, parts: bool = False) -> list[Item]:
        """The qualification *text* names by its type of education and its other words
        (:meth:`DiplomaNames.of_type <competence_bridge.matching.diploma_names.DiplomaNames.of_type>`).

        >>> from competence_bridge.rdf.items import Item, ItemTable
        >>> table = ItemTable({"t": Item("t", "qualification-type", "NL", "Mbo niveau 3", ["mbo 3"]),
        ...                    "a": Item("a", "qualification", "NL", "Verzorgende-IG", qualification_type="t"),
        ...                    "b": Item("b", "qualification", "NL", "Verzorgende IG", qualification_type=None)}, {})
        >>> [item.id for item in FormIndex(table).of_type("mbo 3 verzorgende")], FormIndex(table).of_type("mbo 3")
        (['a'], [])
        >>> table.items["c"] = Item("c", "qualification", "NL", "Verzorgende (nieuw)", ["Verzorgende IG"],
        ...                         qualification_type="t")
        >>> [item.id for item in FormIndex(table).of_type("verzorgende ig mbo 3")]
        ['a']
        >>> table.items["d"] = Item("d", "qualification", "NL", "Basisverpleegkunde", qualification_type="t")
        >>> index = FormIndex(table)
        >>> index.of_type("mbo 3 verpleegkunde"), [item.id for item in index.of_type("mbo 3 verpleegkunde", parts=True)]
        ([], ['d'])
        """
        return self._diplomas().of_type(text, region, parts=parts)

    def of_other_type(self, text: str, region: str | None = None) -> list[Item]:
        """The qualification of a neighbouring type (its name the one typed but for its number, its EQF level one
        apart at most) that *text* names by its field, when no qualification of the type it names holds it
        (:meth:`DiplomaNames.of_other_type <competence_bridge.matching.diploma_names.DiplomaNames.of_other_type>`)."""
        return self._diplomas().of_other_type(text, region)

    def _diplomas(self) -> DiplomaNames:
        if self._diploma_names is None:
            self._diploma_names = DiplomaNames(self._items, self.form, self._content_words())
        return self._diploma_names

    def _content_words(self) -> dict[str, frozenset[str]]:
        """The content words of each form (built on the first call)."""
        if self._contents is None:
            self._contents = {form: content_words(form) for form in self._items}
        return self._contents

    def by_spelling(self, text: str) -> bool:
        """Whether *text* finds what :meth:`get` gives only up to single or doubled letters: a label it meets has
        its words but for a doubled letter (``verpleegkundigge``), no other form."""
        written = normalize(text).split()
        labels = (label.split() for label in self._labels.get(self.form(text), ()))
        return any(len(words) == len(written) and all(a == b or _doubled(a, b)
                                                      for a, b in zip(words, written, strict=True)) for words in labels)


def label_index(table: ItemTable) -> LabelIndex:
    """Every item of *table* under its normalised labels (rank 0 preferred, 1 alternative, 2 hidden), in table
    order."""
    return LabelIndex(table)


class ItemResolver:
    """Finds items of one :class:`~competence_bridge.rdf.items.ItemTable` by id or by label."""

    def __init__(self, table: ItemTable, labels: LabelIndex | None = None) -> None:
        """A resolver over *table* (which it never changes); *labels* its :func:`label_index`, when prepared."""
        self.table = table
        self._by_label = labels
        self._by_form: FormIndex | None = None

    def by_id(self, text: str) -> Item | None:
        """The item with this id or CURIE (or full IRI), or a former id of it (``former_ids``), or ``None``."""
        items, renamed = self.table.items, self.table.renamed
        found = items.get(text) or items.get(compress(text))
        if found is None and renamed:
            found = items.get(renamed.get(text) or renamed.get(compress(text), ""))
        return found

    def named(self, query: str, region: str | None = None, *, esco: bool = True,
              hidden: bool = False) -> list[tuple[int, Item]]:
        """Items whose preferred (rank 0) or alternative (rank 1) label is *query*, ignoring case, accents, hyphens.

        With ``esco=False``, ESCO's own occupations (which belong to neither side) are left out; with
        ``hidden=True``, items whose hidden label it is (rank 2) are found too.
        """
        return [(rank, item) for rank, item in self._labels().get(normalize(query), hidden=hidden)
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
        return _in_kind_order(item for _, item in self.named(query, region, esco=False))

    def on_a_side_by_forms(self, query: str, *, region: str | None = None) -> list[Item]:
        """Like :meth:`on_a_side`, up to the plural and gender forms of the words (:class:`FormIndex`, built on the
        first call): ``doktersassistente`` finds the UWV occupation *Doktersassistent*."""
        return _in_kind_order(item for item in self._forms().get(query) if region is None or item.region == region)

    def on_a_side_holding(self, query: str, *, region: str | None = None) -> list[Item]:
        """The items of one side whose one label holds every content word of *query* (:meth:`FormIndex.holding`):
        ``BSO verzorging`` finds *Verzorging (bso, 3e graad)*."""
        return _in_kind_order(self._forms().holding(query, region))

    def on_a_side_of_type(self, query: str, *, region: str | None = None, parts: bool = False) -> list[Item]:
        """The qualification of one side that *query* names by its type of education and its other words
        (:meth:`FormIndex.of_type`; with *parts*, also as the last part of a compound): ``mbo niveau 3
        verzorgende`` finds *Verzorgende-IG*."""
        return self._forms().of_type(query, region, parts=parts)

    def on_a_side_of_other_type(self, query: str, *, region: str | None = None) -> list[Item]:
        """The qualification of one side that *query* names by its field when no qualification of the type of
        education it names holds it: one of a neighbouring type of that side (:meth:`FormIndex.of_other_type`):
        ``mbo 3 lasser`` finds *Basislasser* (mbo 2)."""
        return self._forms().of_other_type(query, region)

    def by_spelling(self, query: str) -> bool:
        """Whether :meth:`on_a_side_by_forms` finds items by *query* only up to single or doubled letters."""
        return self._forms().by_spelling(query)

    def _forms(self) -> FormIndex:
        if self._by_form is None:
            self._by_form = FormIndex(self.table)
        return self._by_form

    def suggest(self, query: str) -> list[str]:
        """Labels of curated items close to *query*, for "did you mean"."""
        return suggest(query, [item.label for item in self.table.items.values() if item.kind != "occupation"])


def _doubled(a: str, b: str) -> bool:
    """Whether two words differ by one letter written once or twice (``verpleegkundigge``, ``verpleegkundige``).

    >>> _doubled("verpleegkundigge", "verpleegkundige"), _doubled("lassers", "lasser"), _doubled("kap", "kapt")
    (True, False, False)
    """
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:at] + longer[at + 1:] == shorter for at in range(1, len(longer))
               if longer[at] == longer[at - 1])


def _in_kind_order(items: Iterable[Item]) -> list[Item]:
    """*items* by kind (:data:`KIND_PRIORITY`: a qualification first), then by id."""
    return sorted(items, key=lambda item: (KIND_PRIORITY[item.kind], item.id))
