"""The curated Dutch names of the ESCO occupations curated entries are anchored to (taxonomies/esco-occupations.yaml):
complete, true to ESCO, validated, and read by explanations when ESCO itself is not loaded."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import shared_data
from test_taxonomy import _problems  # writes the text as extra.yaml and returns its problems

from competence_bridge.curated.taxonomy import load_shipped

SHIPPED = load_shipped()


def _anchors() -> set[str]:
    found = {job.esco for job in SHIPPED.job_profiles if job.esco}
    return found | {iri for qualification in SHIPPED.qualifications for iri in qualification.esco}


def test_every_curated_anchor_has_one_name_and_every_name_an_anchor() -> None:
    names = [name.id for name in SHIPPED.esco_occupations]
    assert len(names) == len(set(names)) == 42
    assert set(names) == _anchors()


def test_each_name_is_the_preferred_label_esco_1_2_0_gives() -> None:
    path = shared_data("esco-nl-1.2.0", "occupations_nl.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        esco = {row["conceptUri"]: row["preferredLabel"].strip() for row in csv.DictReader(handle)}
    assert {name.id: name.label for name in SHIPPED.esco_occupations} == {
        name.id: esco[name.id] for name in SHIPPED.esco_occupations}


def test_a_shared_anchor_is_named_without_esco_loaded(bridge) -> None:
    # Before: "Zelfde ESCO-beroep: esco-occupation:7aedaa07-3884-4c5b-88f9-80997b2aa54b." (an id nobody can check)
    first = bridge.translate("vl:job.lasser", to="NL").candidates[0]
    assert first.explanation[1] == "Zelfde ESCO-beroep: lasser (esco-occupation:7aedaa07-3884-4c5b-88f9-80997b2aa54b)."
    assert first.explanation_en[1] == ("Same ESCO occupation: lasser "
                                       "(esco-occupation:7aedaa07-3884-4c5b-88f9-80997b2aa54b).")


NAME = """\
esco_occupations:
- id: {iri}
  label: lasser
  sources: [{source}]
  evidence: verified
"""
LASSER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


def test_a_name_for_a_skill_iri_is_refused(tmp_path: Path) -> None:
    iri = LASSER.replace("occupation", "skill")
    assert _problems(tmp_path, NAME.format(iri=iri, source="esco-1-2-0")) == [
        f"extra.yaml:2, entry '{iri}', field 'id': String should match pattern "
        "'^http://data\\.europa\\.eu/esco/occupation/[0-9a-f-]{36}$'"]


def test_a_second_name_for_one_occupation_names_the_first(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, NAME.format(iri=LASSER, source="esco-1-2-0"))
    assert problem.startswith(f"extra.yaml:2, entry '{LASSER}', field 'id': duplicate id, first defined at ")
    assert problem.rsplit("/", 1)[1] == "esco-occupations.yaml:92"  # lasser's entry, sorted by label


def test_a_name_from_an_unknown_source_is_refused(tmp_path: Path) -> None:
    other = LASSER.replace("7aedaa07", "00000000")
    assert _problems(tmp_path, NAME.format(iri=other, source="nowhere")) == [
        f"extra.yaml:4, entry '{other}', field 'sources': unknown source 'nowhere'"]
