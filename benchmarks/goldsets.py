"""Gold sets derived from official data, split by concept into train, dev and test.

The split of a pair follows its *subject concept* only (a stable hash of its id), so every pair of a
concept lands in one split and no concept is seen in two: 70 % train, 15 % dev, 15 % test. Fit and tune
only on train and dev; report the test split as held out.

- :func:`occupation_pairs` (gold set (a) of issue 12): Flemish VDAB Competent occupations and Dutch UWV
  occupations that the employment services' own ESCO mapping tables put at the same ESCO occupation with an
  equivalence on both hops (exact or close, composed exact or close); both directions.
- :func:`competence_pairs` (gold set (b)): VDAB competences and the ESCO skills they map to exactly or closely.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
TABLES = SHARED / "eures-esco-mappings"
EQUIVALENT = ("skos:exactMatch", "skos:closeMatch")


def split_of(concept: str) -> str:
    """``train``, ``dev`` or ``test`` for a concept id (70/15/15, stable across runs and machines)."""
    bucket = int(hashlib.sha256(concept.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else ("dev" if bucket < 85 else "test")


@dataclass(frozen=True)
class GoldPair:
    """A subject concept, its label, and the concepts of the other side it must find."""

    subject: str
    label: str
    region: str  # the subject's side
    targets: frozenset[str]
    split: str


def occupation_pairs() -> list[GoldPair]:
    """Gold set (a): VDAB ↔ UWV occupations equivalent through one ESCO occupation (both directions)."""
    from competence_bridge.importers import IMPORTERS
    from competence_bridge.matching.chains import ChainIndex

    reader = IMPORTERS["esco-mapping"]
    tables = [reader.read(TABLES / name) for name in ("BLM_mapping.csv", "NL_mapping.csv")]
    index = ChainIndex.from_mapping_sets([table.mapping_set for table in tables])
    found: list[GoldPair] = []
    for table, to in zip(tables, ("NL", "BE-VLG"), strict=True):
        labels = {m.subject_id: m.subject_label or m.subject_id for m in table.mapping_set.mappings}
        for subject in sorted(labels):
            targets = frozenset(c.target for c in index.chains(subject, to, best_per_target=True)
                                if c.predicate in EQUIVALENT)
            if targets:
                region = "NL" if to == "BE-VLG" else "BE-VLG"
                found.append(GoldPair(subject, labels[subject], region, targets, split_of(subject)))
    return found


def occupation_split(description: str | None, default: str = "test") -> tuple[str, list[GoldPair]]:
    """The ``--split`` a gold set (a) benchmark is asked for on its command line (``--help`` shows *description*),
    and that split's pairs (``all``: every pair)."""
    import argparse

    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default=default, choices=("train", "dev", "test", "all"))
    split = parser.parse_args().split
    return split, [pair for pair in occupation_pairs() if split in ("all", pair.split)]


def occupation_bridge() -> Any:
    """A bridge with ESCO nl 1.2.0 and the two occupation tables (VDAB Competent, UWV) loaded: gold set (a)'s."""
    import competence_bridge

    return competence_bridge.load(esco=SHARED / "esco-nl-1.2.0",
                                  esco_mapping=[TABLES / "BLM_mapping.csv", TABLES / "NL_mapping.csv"])


def competence_pairs() -> list[GoldPair]:
    """Gold set (b): VDAB competences and the ESCO skills the official table maps them to exactly or closely."""
    from competence_bridge.importers import IMPORTERS

    table = IMPORTERS["esco-mapping"].read(TABLES / "escocompetencemappingfinalreport-fr-nl-45-v3.8.csv")
    targets: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for mapping in table.mapping_set.mappings:
        if mapping.predicate_id in EQUIVALENT:
            targets[mapping.subject_id].add(mapping.object_id)
            labels[mapping.subject_id] = mapping.subject_label or mapping.subject_id
    return [GoldPair(subject, labels[subject], "BE-VLG", frozenset(found), split_of(subject))
            for subject, found in sorted(targets.items())]
