"""Renamed items: a former id still reaches the item, in queries, review files and exercises."""

from __future__ import annotations

from pathlib import Path

import pytest

from competence_bridge import TaxonomyError
from competence_bridge.curated.taxonomy import validate_paths
from competence_bridge.reports.exercise import Exercise
from competence_bridge.sssom.tsv import dumps_sssom, read_sssom

OLD, NEW = "nl:kd-helpende-zorg-en-welzijn", "nl:crebo-25498"
REVIEWER = "An Peeters"

JOB = """\
- id: {id}
  region: NL
  title: {{nl: Testberoep, en: Test occupation}}
  domain: care
  isco: '5322'
  former_ids: [{former}]
  sources: [nuffic-nl-levels]
  evidence: verified
"""


def _problems(tmp_path: Path, *jobs: tuple[str, str]) -> list[str]:
    path = tmp_path / "extra.yaml"
    path.write_text("job_profiles:\n" + "".join(JOB.format(id=i, former=f) for i, f in jobs), encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        validate_paths([path])
    return [str(p).replace(str(path), "extra.yaml") for p in caught.value.problems]


def test_a_former_id_may_not_be_an_id_in_use(tmp_path: Path) -> None:
    assert _problems(tmp_path, ("nl:job.test", "nl:job.lasser")) == [
        "extra.yaml:7, entry 'nl:job.test', field 'former_ids': 'nl:job.lasser' is the id of an entry in use, "
        "not a former one"]


def test_a_former_id_belongs_to_one_item(tmp_path: Path) -> None:
    assert _problems(tmp_path, ("nl:job.test", "nl:job.old"), ("nl:job.other", "nl:job.old")) == [
        "extra.yaml:15, entry 'nl:job.other', field 'former_ids': 'nl:job.old' is already a former id of "
        "'nl:job.test'"]


def test_the_table_knows_each_former_id_and_the_competences_under_it(bridge) -> None:
    table = bridge.items
    assert table.renamed == {OLD: NEW, "nl:kd-medewerker-facilitaire-dienstverlening": "nl:crebo-25499",
                             "nl:kd-pedagogisch-medewerker-kinderopvang": "nl:crebo-25486",
                             "nl:kd-persoonlijk-begeleider-specifieke-doelgroepen": "nl:crebo-25478"}
    assert [table.current_id(i) for i in (OLD, f"{OLD}.w01", NEW, "nl:kd-anything", "vl:job.lasser")] == [
        NEW, f"{NEW}.w01", NEW, "nl:kd-anything", "vl:job.lasser"]


def test_a_former_id_names_the_item(bridge) -> None:
    # Before: "onbekend item 'nl:kd-helpende-zorg-en-welzijn'", although the item was only renamed (stop 28).
    assert bridge.item(OLD).id == NEW
    translation = bridge.translate(OLD)
    assert translation.source.id == NEW
    assert translation.candidates == bridge.translate(NEW).candidates


def _old_file(path: Path) -> None:
    """The review file as it was written before the rename: every id of the item its former one."""
    path.write_text(path.read_text(encoding="utf-8").replace(NEW, OLD), encoding="utf-8")


def test_a_review_decision_on_a_former_id_applies_to_the_item(bridge, tmp_path: Path) -> None:
    # Before: the decisions of a review file written under the old id were silently not applied.
    path = tmp_path / "decisions.sssom.tsv"
    bridge.review(path, NEW, "vl:bk-verzorgende", "reject", REVIEWER)
    bridge.review(path, NEW, "vl:bk-zorgkundige", "accept", REVIEWER)
    _old_file(path)
    assert {m.subject_id for m in read_sssom(path).mappings} == {OLD}
    candidates = bridge.translate(NEW, reviews=path).candidates
    assert (candidates[0].target.id, candidates[0].review) == ("vl:bk-zorgkundige", "accepted")
    assert "vl:bk-verzorgende" not in [c.target.id for c in candidates]
    assert [(m.subject_id, m.object_id) for m in bridge.mapping_set(source_region="NL", reviews=path).mappings
            if m.subject_id in (OLD, NEW)][0] == (NEW, "vl:bk-zorgkundige")


def test_the_next_save_writes_the_current_ids(bridge, tmp_path: Path) -> None:
    path = tmp_path / "decisions.sssom.tsv"
    bridge.review(path, NEW, "vl:bk-verzorgende", "reject", REVIEWER)
    _old_file(path)
    bridge.review(path, NEW, "vl:ok-verzorging", "unsure", REVIEWER)
    rows = {(m.subject_id, m.object_id): m.other_fields()["review"] for m in read_sssom(path).mappings}
    assert rows == {(NEW, "vl:bk-verzorgende"): "rejected", (NEW, "vl:ok-verzorging"): "unsure"}


def test_a_row_naming_the_current_id_wins_over_one_renamed_to_it(bridge, tmp_path: Path) -> None:
    path = tmp_path / "decisions.sssom.tsv"
    bridge.review(path, NEW, "vl:bk-verzorgende", "reject", REVIEWER)
    (rejected,) = read_sssom(path).mappings
    bridge.review(path, NEW, "vl:bk-verzorgende", "accept", REVIEWER)
    both = read_sssom(path)
    path.write_text(dumps_sssom(both.with_mappings([rejected.model_copy(update={"subject_id": OLD}),
                                                    *both.mappings])), encoding="utf-8")
    assert [m.subject_id for m in read_sssom(path).mappings] == [OLD, NEW]  # one under each id
    first = bridge.translate(NEW, reviews=path).candidates[0]
    assert (first.target.id, first.review) == ("vl:bk-verzorgende", "accepted")


def test_an_exercise_written_under_a_former_id_opens_with_its_decisions(bridge, tmp_path: Path) -> None:
    exercise = Exercise.start(bridge, "vl:bk-verzorgende", NEW, tmp_path / "care.sssom.tsv", REVIEWER)
    exercise.decide(0, "accept")
    exercise.decide(1, "reject")
    _old_file(exercise.path)
    assert f"b={OLD};" in (read_sssom(exercise.path).mapping_set_description or "")
    again = Exercise.open(bridge, exercise.path)
    assert again.b.id == NEW
    assert (again.progress.accepted, again.progress.rejected, again.stale) == (1, 1, ())
