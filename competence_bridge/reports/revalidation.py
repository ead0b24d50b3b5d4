"""Re-validation: which mappings must be looked at again when a source moves to a new version.

A mapping is affected when its subject or object was removed, relabelled or reclassified in the
new version (see :class:`competence_bridge.importers.versions.VersionDiff`). Reviewed decisions are listed
too: a human said yes to the old concept, not necessarily to the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from competence_bridge.importers.versions import Change, VersionDiff
from competence_bridge.rdf.curies import expand
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
