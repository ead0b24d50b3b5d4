"""Re-validation of mappings when ESCO moves from 1.1.1 to 1.2.0."""

from __future__ import annotations

import json

import pytest

from competence_bridge.cli import main
from competence_bridge.sssom.mapping import Mapping, MappingSet
from competence_bridge.reports.revalidation import revalidate
from competence_bridge.sssom.tsv import dumps_sssom
from competence_bridge.importers.versions import diff_files
from conftest import shared_data

REMOVED = "esco-occupation:46d0568d-7415-4643-94aa-89d2470fbe3c"  # medewerker contactonderzoek
RELABELLED = "esco-occupation:06461fc3-1274-40a1-9322-dfc2753f5eea"  # technicus → operator spinnerij
RECLASSIFIED = "esco-occupation:1d4a4baf-4073-43bd-ac72-ff7d443273ff"  # diskjockey, ISCO 2659 → 2652
UNCHANGED = "esco-occupation:4910419f-b4af-4f59-b544-9dbebc8a74f0"  # monteur elektrische installaties


@pytest.fixture(scope="module")
def esco_diff():
    return diff_files("esco", shared_data("esco-nl-1.1.1"), shared_data("esco-nl-1.2.0"))


def _mappings() -> MappingSet:
    rows = [Mapping(subject_id=f"vl:job.{name}", predicate_id="skos:closeMatch", object_id=target,
                    mapping_justification="semapv:ManualMappingCuration")
            for name, target in [("a", REMOVED), ("b", RELABELLED), ("c", RECLASSIFIED), ("d", UNCHANGED)]]
    return MappingSet(mapping_set_id="https://example.org/set", license="https://creativecommons.org/licenses/by/4.0/",
                      mappings=tuple(rows))


def test_removed_relabelled_and_reclassified_targets_are_listed(esco_diff) -> None:
    findings = revalidate(_mappings(), esco_diff)
    assert [(f.mapping.subject_id, f.side, f.category) for f in findings] == [
        ("vl:job.a", "object", "removed"), ("vl:job.b", "object", "relabelled"), ("vl:job.c", "object", "reclassified")]
    assert findings[1].explain() == (f"{RELABELLED} (operator spinnerij) heeft een nieuwe naam in versie 1.2.0: "
                                     f"controleer vl:job.b → {RELABELLED}.")


def test_diff_command_with_mappings(esco_diff, tmp_path, capsys) -> None:
    path = tmp_path / "m.sssom.tsv"
    path.write_text(dumps_sssom(_mappings()), encoding="utf-8")
    code = main(["diff", f"esco:{shared_data('esco-nl-1.1.1')}", f"esco:{shared_data('esco-nl-1.2.0')}",
                 "--mappings", str(path), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["summary"] == {"added": 35, "removed": 3, "relabelled": 13, "reclassified": 15, "alt_labels": 4}
    assert [f["category"] for f in data["revalidate"]] == ["removed", "relabelled", "reclassified"]


def test_diff_of_two_different_kinds_is_bad_usage(capsys) -> None:
    assert main(["diff", "esco:a", "sbb:b"]) == 2
    assert capsys.readouterr().err == ("competence-bridge: error: compare two versions of one imported kind, "
                                       "e.g. esco:OLD esco:NEW (got esco and sbb)\n")
