"""Re-validation: which mappings must be looked at again when a source moves to a new version.

A mapping is affected when its subject or object was removed, relabelled or reclassified in the
new version (see :class:`competence_bridge.importers.versions.VersionDiff`). Reviewed decisions are listed
too: a human said yes to the old concept, not necessarily to the new one.

:func:`revalidate_crosswalk` does the same for an official ESCO mapping table (written against,
say, ESCO 1.0.3) and the ESCO version loaded now: the table itself says how it named each ESCO
concept, so no copy of the old ESCO is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from competence_bridge.importers.esco import EscoDataset
from competence_bridge.importers.esco_mapping import EscoMappingDataset
from competence_bridge.importers.versions import Change, ConceptRecord, Placement, VersionDiff
from competence_bridge.rdf.curies import PREFIXES, expand
from competence_bridge.sssom.mapping import Mapping, MappingSet

_WHY = {
    "removed": ("is verdwenen uit", "was removed in"),
    "relabelled": ("heeft een nieuwe naam in", "was relabelled in"),
    "reclassified": ("staat anders ingedeeld in", "was reclassified in"),
}


@dataclass(frozen=True)
class Finding:
    """One mapping and the change that puts it in doubt."""

    mapping: Mapping
    side: str  # "subject" or "object"
    category: str  # removed, relabelled, reclassified
    change: Change
    version: str | None

    def explain(self, lang: str = "nl") -> str:
        """One sentence a reviewer understands."""
        nl, en = _WHY[self.category]
        concept = self.mapping.subject_id if self.side == "subject" else self.mapping.object_id
        version = self.version or "?"
        pair = f"{self.mapping.subject_id} → {self.mapping.object_id}"
        if lang == "nl":
            return f"{concept} ({self.change.label}) {nl} versie {version}: controleer {pair}."
        return f"{concept} ({self.change.label}) {en} version {version}: check {pair}."

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"subject_id": self.mapping.subject_id, "object_id": self.mapping.object_id, "side": self.side,
                "category": self.category, "change": self.change.to_dict(), "explanation": self.explain("nl")}


def _iri(curie_or_iri: str) -> str:
    try:
        return expand(curie_or_iri)
    except ValueError:
        return curie_or_iri


def revalidate(mappings: MappingSet | list[Mapping], diff: VersionDiff) -> list[Finding]:
    """Every mapping whose subject or object changed between the diff's versions."""
    rows = mappings.mappings if isinstance(mappings, MappingSet) else mappings
    changes: dict[str, list[tuple[str, Change]]] = {}
    for category in ("removed", "relabelled", "reclassified"):
        for change in getattr(diff, category):
            changes.setdefault(change.iri, []).append((category, change))
    findings = []
    for mapping in rows:
        for side, concept in (("subject", mapping.subject_id), ("object", mapping.object_id)):
            for category, change in changes.get(_iri(concept), ()):
                findings.append(Finding(mapping, side, category, change, diff.new_version))
    return findings


# --- official crosswalk tables against a loaded ESCO version ------------------------------------

#: Below this share of the table's ESCO labels equal to the loaded export's preferred labels, the table
#: is taken to name ESCO in another language (NL_mapping.csv says "nl" but writes English) and its
#: labels are not compared: every one would look relabelled.
SAME_LANGUAGE_SHARE = 0.5


@dataclass(frozen=True)
class CrosswalkRevalidation:
    """An official mapping table (written against one ESCO version) checked against the loaded ESCO."""

    mapping_set_id: str
    file: str
    diff: VersionDiff  # old: the ESCO concepts as the table names them; new: the loaded export
    findings: tuple[Finding, ...]
    unchecked: tuple[Mapping, ...]  # mappings to ESCO concepts the export does not hold at all (e.g. skills)
    concepts_checked: int  # ESCO concepts of the table of a kind the export holds
    label_agreement: float  # share of the table's ESCO labels equal to the export's
    labels_compared: bool

    def missing(self) -> tuple[Finding, ...]:
        """The findings whose ESCO concept is absent from the loaded version."""
        return tuple(f for f in self.findings if f.category == "removed")

    def table_rows(self, findings: tuple[Finding, ...]) -> int:
        """How many lines of the table the mappings of *findings* stand on (a mapping may repeat a row)."""
        lines = {(f.mapping.key, line) for f in findings
                 for line in f.mapping.other_fields().get("source_lines", "").split(",") if line}
        return len(lines)

    def summary(self) -> dict[str, int]:
        """Mappings per finding category, the table rows behind the missing ones, and what was not checked."""
        counts = {category: sum(1 for f in self.findings if f.category == category) for category in _WHY}
        return {**counts, "removed_table_rows": self.table_rows(self.missing()), "unchecked": len(self.unchecked)}

    def to_text(self, lang: str = "nl") -> str:
        """A header line with the counts, then one line per finding."""
        counts = ", ".join(f"{n} {name}" for name, n in self.summary().items())
        head = (f"{self.file} (ESCO {self.diff.old_version or '?'} -> {self.diff.new_version or '?'}): {counts}")
        if not self.concepts_checked:
            head += ("; niets gecontroleerd: de geladen ESCO-versie bevat dit soort concepten niet" if lang == "nl"
                     else "; nothing checked: the loaded ESCO version does not hold this kind of concept")
        elif not self.labels_compared:
            share = f"{self.label_agreement:.0%}"
            head += (f"; labels niet vergeleken ({share} gelijk: de tabel noemt ESCO in een andere taal)"
                     if lang == "nl" else
                     f"; labels not compared ({share} equal: the table names ESCO in another language)")
        return "\n".join([head, *(f.explain(lang) for f in self.findings)])


def _plain_label(label: str) -> str:
    return " ".join(label.replace("\u00ad", "").split()).casefold()


def crosswalk_diff(table: EscoMappingDataset, esco: EscoDataset) -> tuple[VersionDiff, int, float, bool, set[str]]:
    """ESCO as an official table names it (``table.esco_records()``) against a loaded ESCO data set.

    Compared: presence (occupations, ISCO
    groups and skills, as far as the export holds them), the preferred label (only when the table
    names ESCO in the export's language) and the ISCO group (where the table gives ESCO's code).
    Returns the diff, the number of concepts checked, the label agreement, whether labels were
    compared, and the IRIs of the concepts not checked.
    """
    new = {record.iri: record for record in esco.concept_records()}
    isco = PREFIXES["isco"]
    covered = [PREFIXES["esco-occupation"]]
    if esco.isco_groups:
        covered.append(isco)
        new.update((group.uri, ConceptRecord(group.uri, group.preferred_label, None, (), frozenset(), group.code))
                   for group in esco.isco_groups)
    if esco.skills:
        covered.append(PREFIXES["esco-skill"])
        new.update((skill.uri, ConceptRecord(skill.uri, skill.preferred_label, None, (), frozenset()))
                   for skill in esco.skills)
    old = list(table.esco_records())
    uncovered = {record.iri for record in old if not record.iri.startswith(tuple(covered))}
    present = [record for record in old if record.iri in new]
    same = sum(1 for record in present if _plain_label(record.label) == _plain_label(new[record.iri].label))
    agreement = same / len(present) if present else 0.0
    compare_labels = agreement >= SAME_LANGUAGE_SHARE
    removed, relabelled, reclassified = [], [], []
    for record in sorted(old, key=lambda r: r.iri):
        if record.iri in uncovered:
            continue
        after = new.get(record.iri)
        if after is None:
            removed.append(Change(record.iri, record.label, record.label, None))
            continue
        if compare_labels and _plain_label(record.label) != _plain_label(after.label):
            relabelled.append(Change(record.iri, after.label, record.label, after.label))
        if record.group is not None and after.group != record.group:
            reclassified.append(Change(record.iri, after.label, Placement(record.group, ()),
                                       Placement(after.group, ())))
    diff = VersionDiff("esco", table.metadata.esco.version, esco.version, esco.language, (), tuple(removed),
                       tuple(relabelled), tuple(reclassified), ())
    return diff, len(old) - len(uncovered), agreement, compare_labels, uncovered


def revalidate_crosswalk(table: EscoMappingDataset, esco: EscoDataset) -> CrosswalkRevalidation:
    """Which official mappings of *table* point at ESCO concepts absent or changed in the loaded *esco*."""
    diff, checked, agreement, compared, uncovered = crosswalk_diff(table, esco)
    mapping_set = table.mapping_set
    unchecked = tuple(m for m in mapping_set.mappings if _iri(m.object_id) in uncovered)
    return CrosswalkRevalidation(mapping_set.mapping_set_id, table.path.name, diff,
                                 tuple(revalidate(mapping_set, diff)), unchecked, checked, agreement, compared)
