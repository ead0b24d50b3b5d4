"""Two versions of one source side by side: what was added, removed, relabelled or reclassified.

Generic over *concept records*: any data set with a ``concept_records(lang)`` method (ESCO
occupations today) can be compared. A mapping that points at a concept named in
:meth:`VersionDiff.affecting` has to be looked at again when the source moves to the new version.

    >>> old = [ConceptRecord("http://x/1", "kok", "isco:C5120", ("isco:C5120",), frozenset(), "5120.1")]
    >>> new = [ConceptRecord("http://x/1", "kok", "isco:C3434", ("isco:C3434",), frozenset(), "3434.1")]
    >>> diff_records(old, new).summary()["reclassified"]
    1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from competence_bridge.display import Shown
from competence_bridge.errors import UnknownItemError
from competence_bridge.importers import IMPORTERS
from competence_bridge.rdf.curies import expand


@dataclass(frozen=True, slots=True)
class ConceptRecord:
    """What is compared of one concept in one version, in one language."""

    iri: str
    label: str  # preferred label
    group: str | None  # the classification anchor, e.g. the ISCO unit group IRI
    broader: tuple[str, ...]  # broader concept IRIs (a parent occupation or the ISCO group)
    alt_labels: frozenset[str]
    notation: str = ""  # the source's code, e.g. "2654.1.7"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a concept sits: its group and its broader concepts."""

    group: str | None
    broader: tuple[str, ...]


#: An old or new value of a change.
Value = str | tuple[str, ...] | Placement | None


@dataclass(frozen=True, slots=True)
class Change:
    """One difference of one concept; *label* is its preferred label (the new one if it has one)."""

    iri: str
    label: str
    old: Value
    new: Value

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {"iri": self.iri, "label": self.label, "old": _plain(self.old), "new": _plain(self.new)}


class VersionedDataset(Protocol):
    """A data set that can be compared with another version of itself."""

    kind: str
    version: str | None

    def concept_records(self, lang: str | None = None) -> Iterable[ConceptRecord]:
        """Its concepts as comparable records, labels in *lang* (or its only language)."""
        ...


@dataclass(frozen=True, repr=False)
class VersionDiff(Shown):
    """Differences between an old and a new version of one source, each list sorted by IRI.

    ``added``/``removed``: old or new is the preferred label. ``relabelled``: old and new preferred
    label. ``reclassified``: old and new :class:`Placement` (group or broader changed).
    ``alt_labels``: old and new alternative labels, sorted.
    """

    kind: str
    old_version: str | None
    new_version: str | None
    language: str | None
    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    relabelled: tuple[Change, ...]
    reclassified: tuple[Change, ...]
    alt_labels: tuple[Change, ...]

    CATEGORIES: ClassVar[tuple[str, ...]] = ("added", "removed", "relabelled", "reclassified", "alt_labels")

    def summary(self) -> dict[str, int]:
        """The number of changes per category."""
        return {name: len(getattr(self, name)) for name in self.CATEGORIES}

    def affecting(self, concepts: Iterable[str]) -> tuple[Change, ...]:
        """The removals, relabellings and reclassifications of the given concepts (IRIs or CURIEs such as
        ``esco-occupation:…``): the mappings to look at again."""
        wanted = {expand(concept) if ":" in concept and not concept.startswith("http") else concept
                  for concept in concepts}
        return tuple(c for changes in (self.removed, self.relabelled, self.reclassified) for c in changes
                     if c.iri in wanted)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: the versions, the summary and every change."""
        return {
            "kind": self.kind,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "language": self.language,
            "summary": self.summary(),
            **{name: [change.to_dict() for change in getattr(self, name)] for name in self.CATEGORIES},
        }

def diff_records(old: Iterable[ConceptRecord], new: Iterable[ConceptRecord], *, kind: str = "concepts",
                 old_version: str | None = None, new_version: str | None = None,
                 language: str | None = None) -> VersionDiff:
    """Compare two versions given as concept records (the generic core of :func:`diff_datasets`)."""
    before = {record.iri: record for record in old}
    after = {record.iri: record for record in new}
    added = [Change(iri, after[iri].label, None, after[iri].label) for iri in sorted(after.keys() - before.keys())]
    removed = [Change(iri, before[iri].label, before[iri].label, None) for iri in sorted(before.keys() - after.keys())]
    relabelled, reclassified, alt_labels = [], [], []
    for iri in sorted(before.keys() & after.keys()):
        a, b = before[iri], after[iri]
        if a.label != b.label:
            relabelled.append(Change(iri, b.label, a.label, b.label))
        if a.group != b.group or a.broader != b.broader:
            reclassified.append(Change(iri, b.label, Placement(a.group, a.broader), Placement(b.group, b.broader)))
        if a.alt_labels != b.alt_labels:
            alt_labels.append(Change(iri, b.label, tuple(sorted(a.alt_labels)), tuple(sorted(b.alt_labels))))
    return VersionDiff(kind, old_version, new_version, language, tuple(added), tuple(removed), tuple(relabelled),
                       tuple(reclassified), tuple(alt_labels))


def diff_datasets(old: VersionedDataset, new: VersionedDataset, *, lang: str | None = None) -> VersionDiff:
    """Compare two versions of one source, e.g. ESCO 1.1.1 and 1.2.0 in Dutch.

    *lang* defaults to the data sets' own language; data sets of different kinds or (without
    *lang*) different languages are refused with ``ValueError``.
    """
    if old.kind != new.kind:
        raise ValueError(f"cannot compare a {old.kind!r} data set with a {new.kind!r} data set")
    if lang is None:
        old_lang, new_lang = getattr(old, "language", None), getattr(new, "language", None)
        if old_lang != new_lang:
            raise ValueError(f"the data sets are in different languages ({old_lang} and {new_lang}); labels "
                             "would all differ. Compare exports in one language")
        lang = old_lang
    return diff_records(old.concept_records(lang), new.concept_records(lang), kind=old.kind,
                        old_version=old.version, new_version=new.version, language=lang)


def _plain(value: Value) -> object:
    if isinstance(value, Placement):
        return {"group": value.group, "broader": list(value.broader)}
    if isinstance(value, tuple):
        return list(value)
    return value


def diff_files(kind: str, old: str | Path, new: str | Path, *, lang: str | None = None) -> VersionDiff:
    """Read two versions of a source with its importer (e.g. ``kind="esco"``) and compare them.

    :raises UnknownItemError: for a kind that is not an importer, or whose sources have no versions to compare
    """
    versioned = sorted(name for name, importer in IMPORTERS.items() if importer.versioned)
    if kind not in IMPORTERS or not IMPORTERS[kind].versioned:
        raise UnknownItemError(kind, kind="source kind with versions to compare", suggestions=versioned)
    importer = IMPORTERS[kind]
    return diff_datasets(importer.read(old), importer.read(new), lang=lang)  # type: ignore[arg-type]
