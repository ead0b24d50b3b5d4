"""Version diffs: ESCO nl 1.1.1 → 1.2.0 (real counts, checked against a plain-csv computation), generic records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from competence_bridge.importers.esco import read
from competence_bridge.importers.versions import ConceptRecord, Placement, VersionDiff, diff_datasets, diff_records

from conftest import shared_data

ISCO = "http://data.europa.eu/esco/isco/C"


@pytest.fixture(scope="module")
def esco_diff() -> VersionDiff:
    return diff_datasets(read(shared_data("esco-nl-1.1.1")), read(shared_data("esco-nl-1.2.0")))


def test_esco_111_to_120_counts(esco_diff: VersionDiff) -> None:
    assert (esco_diff.kind, esco_diff.old_version, esco_diff.new_version, esco_diff.language) == \
        ("esco", "1.1.1", "1.2.0", "nl")
    assert esco_diff.summary() == {"added": 35, "removed": 3, "relabelled": 13, "reclassified": 15, "alt_labels": 4}


def _plain_csv(path: Path) -> dict[str, tuple[str, str, str, frozenset[str]]]:
    """iri → (label, ISCO group, broader, alt labels), computed without the importer."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    uri_of_code = {row["code"]: row["conceptUri"] for row in rows}
    return {row["conceptUri"]: (row["preferredLabel"], row["iscoGroup"],
                                uri_of_code.get(row["code"].rsplit(".", 1)[0], ISCO + row["iscoGroup"]),
                                frozenset(x for x in row["altLabels"].split("\n") if x)) for row in rows}


def test_esco_diff_agrees_with_an_independent_computation(esco_diff: VersionDiff) -> None:
    old = _plain_csv(shared_data("esco-nl-1.1.1", "occupations_nl.csv"))
    new = _plain_csv(shared_data("esco-nl-1.2.0", "occupations_nl.csv"))
    both = old.keys() & new.keys()
    assert {c.iri for c in esco_diff.added} == new.keys() - old.keys()
    assert {c.iri for c in esco_diff.removed} == old.keys() - new.keys()
    assert {c.iri for c in esco_diff.relabelled} == {k for k in both if old[k][0] != new[k][0]}
    assert {c.iri for c in esco_diff.reclassified} == {k for k in both if old[k][1:3] != new[k][1:3]}
    assert {c.iri for c in esco_diff.alt_labels} == {k for k in both if old[k][3] != new[k][3]}
    # 14 changed ISCO group and 14 changed broader concept; together 15 occupations
    assert sum(1 for c in esco_diff.reclassified if c.old.group != c.new.group) == 14  # type: ignore[union-attr]
    assert sum(1 for c in esco_diff.reclassified if c.old.broader != c.new.broader) == 14  # type: ignore[union-attr]


def test_esco_diff_entries(esco_diff: VersionDiff) -> None:
    dj = next(c for c in esco_diff.reclassified if c.label == "diskjockey")
    assert dj.iri == "http://data.europa.eu/esco/occupation/1d4a4baf-4073-43bd-ac72-ff7d443273ff"
    parent = "http://data.europa.eu/esco/occupation/a655aff1-e5e9-4c64-bc85-b902568a3dfb"
    assert dj.old == Placement(ISCO + "2659", (parent,))
    assert dj.new == Placement(ISCO + "2652", (ISCO + "2652",))
    data = json.loads(json.dumps(esco_diff.to_dict()))
    assert data["summary"]["added"] == 35 and len(data["added"]) == 35
    assert data["reclassified"][0].keys() == {"iri", "label", "old", "new"}
    text = esco_diff.to_text().splitlines()
    assert text[0] == "esco (nl) 1.1.1 -> 1.2.0: 35 added, 3 removed, 13 relabelled, 15 reclassified, 4 alt-labels"
    assert len(text) == 1 + 35 + 3 + 13 + 15 + 4
    assert ("~ esco-occupation:1d4a4baf-4073-43bd-ac72-ff7d443273ff  diskjockey: group isco:C2659 -> isco:C2652; "
            "broader esco-occupation:a655aff1-e5e9-4c64-bc85-b902568a3dfb -> isco:C2652") in text
    assert esco_diff.affecting([dj.iri, "http://example.org/unchanged"]) == (dj,)


def record(iri: str, label: str, group: str = "g1", alts: tuple[str, ...] = ()) -> ConceptRecord:
    return ConceptRecord(iri, label, group, (group,), frozenset(alts))


def test_generic_records() -> None:
    old = [record("a", "kok"), record("b", "bakker", alts=("broodbakker",)), record("c", "slager")]
    new = [record("a", "chef-kok"), record("b", "bakker", "g2", alts=("banketbakker",)), record("d", "visser")]
    diff = diff_records(old, new, kind="test", old_version="1", new_version="2")
    assert diff.summary() == {"added": 1, "removed": 1, "relabelled": 1, "reclassified": 1, "alt_labels": 1}
    assert diff.relabelled[0].old == "kok" and diff.relabelled[0].new == "chef-kok"
    assert diff.alt_labels[0].to_dict() == {"iri": "b", "label": "bakker", "old": ["broodbakker"],
                                            "new": ["banketbakker"]}
    assert diff.to_text().splitlines()[1:] == [
        "+ d  visser", "- c  slager", "~ a  label 'kok' -> 'chef-kok'", "~ b  bakker: group g1 -> g2; broader g1 -> g2",
        "~ b  bakker: alt labels +'banketbakker' -'broodbakker'"]
    assert diff_records(old, old).summary() == dict.fromkeys(VersionDiff.CATEGORIES, 0)


def test_refuses_different_kinds_or_languages(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "esco"
    english = read(fixture)
    dutch_dir = tmp_path / "nl"
    dutch_dir.mkdir()
    (dutch_dir / "occupations_nl.csv").write_bytes((fixture / "occupations_en.csv").read_bytes())
    dutch = read(dutch_dir)
    with pytest.raises(ValueError, match="different languages"):
        diff_datasets(english, dutch)
    with pytest.raises(ValueError, match="not 'nl'"):
        diff_datasets(english, dutch, lang="nl")

    class Other:
        kind, version = "brc", "2014"

    with pytest.raises(ValueError, match="cannot compare"):
        diff_datasets(english, Other())  # type: ignore[arg-type]
    assert diff_datasets(english, english).summary() == dict.fromkeys(VersionDiff.CATEGORIES, 0)
