"""Translation exercises: walking proposals, deciding with the review log, atomic saves, reopening."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from competence_bridge.reports.exercise import Exercise, ExerciseError, Proposal
from competence_bridge.present.html import proposal_html, review_queue_html
from competence_bridge.sssom.review import ReviewError, ReviewLog
from competence_bridge.sssom.tsv import read_sssom

TECH_A, TECH_B = "vl:bk-residentieel-elektrotechnisch-installateur", "nl:crebo-25332"
CARE_A, CARE_B = "vl:bk-zorgkundige", "nl:crebo-25656"
DAY = dt.date(2025, 3, 14)
REVIEWER = "Els (Zeeland) & <Jan> (Oost-Vlaanderen)"


@pytest.fixture()
def exercise(bridge, tmp_path: Path) -> Exercise:
    return Exercise.start(bridge, TECH_A, TECH_B, tmp_path / "tech.sssom.tsv", REVIEWER)


def test_start_saves_an_empty_exercise_file_naming_a_b_and_the_reviewer(exercise: Exercise) -> None:
    assert exercise.path.exists()
    saved = read_sssom(exercise.path)
    assert saved.mappings == ()
    assert saved.mapping_set_title == ("Vertaaloefening Residentieel elektrotechnisch installateur ↔ Eerste monteur "
                                       "elektrotechnische installaties woning en utiliteit")
    assert saved.mapping_set_description == (
        "Competentie-vertaaloefening (competence-bridge exercise): a=vl:bk-residentieel-elektrotechnisch-installateur; "
        "b=nl:crebo-25332; limit=3; reviewer=Els (Zeeland) & <Jan> (Oost-Vlaanderen)")
    assert (exercise.a.id, exercise.b.id, exercise.limit) == (TECH_A, TECH_B, 3)
    assert exercise.progress.to_dict() == {"total": 18, "decided": 0, "accepted": 0, "rejected": 0, "unsure": 0,
                                           "pending": 18}


def test_proposals_are_the_bridges_competence_proposals_in_order(bridge, exercise: Exercise) -> None:
    expected = bridge.competence_proposals(TECH_A, TECH_B)
    assert [p.mapping for p in exercise.proposals] == expected
    assert [p.index for p in exercise.pending] == list(range(18))
    first = exercise.next()
    assert isinstance(first, Proposal) and first.index == 0 and first.status == "open"
    assert (first.mapping.subject_id, first.mapping.object_id) == (f"{TECH_A}.c01", f"{TECH_B}.w02")
    assert first.to_text() == (
        "0. Leest elektrische schema's, installatieplannen en het ééndraadschema van een woning "
        "(vl:bk-residentieel-elektrotechnisch-installateur.c01)\n"
        "   skos:closeMatch 0.55\n"
        "   Legt elektrotechnische installaties aan in woningen en utiliteitsgebouwen (nl:crebo-25332.w02)\n"
        "   Gedeelde woorden: elektrische~elektrotechnische, installatie, woning.\n"
        "   [open]")


def test_decisions_are_review_log_rows_saved_after_each_decision(exercise: Exercise) -> None:
    first = exercise.decide(exercise.next(), "accept", comment="zelfde werk", date=DAY)
    assert first.status == "accepted" and first.note == "zelfde werk" and first.reviewer == REVIEWER.replace("|", "/")
    assert len(read_sssom(exercise.path).mappings) == 1  # saved at once
    exercise.decide(2, "reject", date=DAY)
    exercise.decide(exercise.proposals[3].mapping, "unsure", date=DAY)
    assert str(exercise.progress) == "3 van 18 beslist: 1 aanvaard, 1 afgewezen, 1 twijfel; 15 open"
    assert exercise.progress.to_text("en") == "3 of 18 decided: 1 accepted, 1 rejected, 1 unsure; 15 open"
    assert exercise.next().index == 1
    rows = {m.object_id: m for m in read_sssom(exercise.path).mappings}
    accepted, rejected, unsure = rows[f"{TECH_B}.w02"], rows[f"{TECH_B}.w06"], rows[f"{TECH_B}.w03"]
    assert (accepted.mapping_justification, accepted.confidence, accepted.comment) == (
        "semapv:ManualMappingCuration", 1.0, "zelfde werk")
    assert rejected.predicate_modifier == "Not"
    assert rejected.comment == "Gedeelde woorden: installatie."
    assert unsure.mapping_justification == "semapv:MappingReview" and unsure.confidence == 0.4722
    assert accepted.other_fields() == {
        "subject_owner": TECH_A, "object_owner": TECH_B, "covered": "yes", "review": "accepted",
        "reviewer": REVIEWER, "predicted_confidence": "0.5500"}
    assert {m.mapping_date for m in rows.values()} == {DAY}
    # the same file is an ordinary review file
    assert set(ReviewLog.open(exercise.path).decisions) == {m.key for m in rows.values()}


def test_deciding_again_replaces_the_decision(exercise: Exercise) -> None:
    exercise.decide(0, "unsure", date=DAY)
    again = exercise.decide(0, "reject", comment="toch niet", date=DAY)
    assert again.status == "rejected" and again.note == "toch niet"
    assert len(read_sssom(exercise.path).mappings) == 1
    assert exercise.progress.rejected == 1 and exercise.progress.unsure == 0


def test_bad_decisions_and_numbers_are_refused_and_nothing_is_written(exercise: Exercise) -> None:
    before = exercise.path.read_bytes()
    with pytest.raises(ReviewError, match="unknown decision 'yes'"):
        exercise.decide(0, "yes")
    with pytest.raises(ExerciseError, match="no proposal number 20; the numbers run from 0 to 17"):
        exercise.decide(20, "accept")
    with pytest.raises(ExerciseError, match="not True/False"):
        exercise.decide(True, "accept")  # type: ignore[arg-type]
    other = exercise.bridge.competence_proposals(CARE_A, CARE_B)[0]
    with pytest.raises(ExerciseError, match="not a proposal of this exercise"):
        exercise.decide(other, "accept")
    assert exercise.path.read_bytes() == before and exercise.progress.decided == 0


def test_an_interrupted_save_keeps_the_previous_file_and_undoes_the_decision(
        exercise: Exercise, monkeypatch: pytest.MonkeyPatch) -> None:
    exercise.decide(0, "accept", date=DAY)
    before = exercise.path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left on device"):
        exercise.decide(1, "reject", date=DAY)
    with pytest.raises(OSError):
        exercise.decide(0, "reject", date=DAY)  # a changed decision is undone too
    monkeypatch.undo()
    assert exercise.path.read_bytes() == before
    assert sorted(p.name for p in exercise.path.parent.iterdir()) == ["tech.sssom.tsv"]  # no temporary files left
    assert [p.status for p in exercise.proposals[:2]] == ["accepted", "open"]
    assert exercise.progress.decided == 1


def test_open_continues_where_it_stopped(bridge, exercise: Exercise) -> None:
    exercise.decide(0, "accept", date=DAY)
    exercise.decide(1, "reject", date=DAY)
    again = Exercise.open(bridge, exercise.path)
    assert (again.a.id, again.b.id, again.limit, again.reviewer) == (TECH_A, TECH_B, 3, REVIEWER)
    assert [p.status for p in again.proposals[:3]] == ["accepted", "rejected", "open"]
    assert again.next().index == 2 and again.stale == ()
    other = Exercise.open(bridge, exercise.path, reviewer="Mieke")
    assert other.decide(2, "unsure", date=DAY).reviewer == "Mieke"
    assert Exercise.open(bridge, exercise.path).reviewer == REVIEWER  # the file keeps who started it


def test_open_in_a_new_process(bridge, exercise: Exercise) -> None:
    exercise.decide(0, "accept", date=DAY)
    script = textwrap.dedent(f"""
        import datetime, competence_bridge
        from competence_bridge.reports.exercise import Exercise
        exercise = Exercise.open(competence_bridge.load(), {str(exercise.path)!r})
        step = exercise.next()
        exercise.decide(step, "reject", comment="andere handeling", date=datetime.date(2025, 3, 15))
        print(step.index, exercise.progress)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env=os.environ.copy(), check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1 2 van 18 beslist: 1 aanvaard, 1 afgewezen, 0 twijfel; 16 open\n"
    back = Exercise.open(bridge, exercise.path)
    assert back.proposals[1].note == "andere handeling" and back.next().index == 2


def test_decisions_the_data_no_longer_proposes_are_kept_and_listed_as_stale(bridge, exercise: Exercise) -> None:
    exercise.decide(1, "reject", date=DAY)  # the second-best match of c01: gone when limit is 1
    text = exercise.path.read_text(encoding="utf-8").replace("limit=3;", "limit=1;")
    exercise.path.write_text(text, encoding="utf-8")
    narrow = Exercise.open(bridge, exercise.path)
    assert narrow.limit == 1 and narrow.progress.total == 8 and narrow.progress.decided == 0
    assert [(m.subject_id, m.object_id) for m in narrow.stale] == [(f"{TECH_A}.c01", f"{TECH_B}.w01")]
    assert "beslissingen over voorstellen die de huidige gegevens niet meer doen" in review_queue_html(narrow)
    narrow.decide(0, "accept", date=DAY)
    assert len(read_sssom(exercise.path).mappings) == 2  # the stale decision is still in the file


def test_start_and_open_refuse_what_they_cannot_do(bridge, exercise: Exercise, tmp_path: Path) -> None:
    with pytest.raises(ExerciseError, match=r"already exists; continue it with Exercise.open"):
        Exercise.start(bridge, TECH_A, TECH_B, exercise.path, "Els")
    with pytest.raises(ExerciseError, match="there is no exercise file"):
        Exercise.open(bridge, tmp_path / "none.sssom.tsv")
    with pytest.raises(ExerciseError, match="needs a reviewer"):
        Exercise.start(bridge, TECH_A, TECH_B, tmp_path / "x.sssom.tsv", "  ")
    with pytest.raises(ExerciseError, match=r"Havodiploma \(nl:havo\) has no competences"):
        Exercise.start(bridge, "nl:havo", TECH_B, tmp_path / "y.sssom.tsv", "Els")
    assert not (tmp_path / "x.sssom.tsv").exists() and not (tmp_path / "y.sssom.tsv").exists()
    plain = tmp_path / "reviews.sssom.tsv"
    bridge.review(plain, "vl:bk-0337-1", "nl:hbo-fysiotherapie", "accept", "Els")
    with pytest.raises(ExerciseError, match="is not a translation exercise"):
        Exercise.open(bridge, plain)


def test_a_review_file_of_competence_decisions_opens_as_an_exercise(bridge, tmp_path: Path) -> None:
    path = tmp_path / "care.sssom.tsv"
    log = ReviewLog.open(path)
    log.decide(bridge.competence_proposals(CARE_A, CARE_B)[0], "accept", "Jan", date=DAY)
    log.save()
    exercise = Exercise.open(bridge, path)
    assert (exercise.a.id, exercise.b.id, exercise.reviewer, exercise.limit) == (CARE_A, CARE_B, "Jan", 3)
    assert exercise.proposals[0].status == "accepted" and exercise.progress.total == 14


def test_report_and_export(bridge, exercise: Exercise, tmp_path: Path) -> None:
    assert exercise.report() == bridge.compare(TECH_A, TECH_B)
    exercise.decide(0, "accept", date=DAY)
    exercise.decide(4, "reject", date=DAY)
    out = exercise.export_sssom(tmp_path / "out" / "export.sssom.tsv")
    assert [m.key for m in read_sssom(out).mappings] == [(f"{TECH_A}.c01", f"{TECH_B}.w02"),
                                                         (f"{TECH_A}.c03", f"{TECH_B}.w01")]
    everything = read_sssom(exercise.export_sssom(tmp_path / "all.sssom.tsv", include_pending=True))
    assert len(everything.mappings) == 18
    assert sum(1 for m in everything.mappings if m.other_fields().get("review")) == 2
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    reports = validate(parse_sssom_table(out), fail_on_error=False)
    assert all(not report.results for report in reports.values())


def test_frame_and_text(exercise: Exercise) -> None:
    exercise.decide(0, "accept", comment="zelfde werk", date=DAY)
    frame = exercise.to_frame()
    assert list(frame.columns) == ["nr", "a_id", "a_competence", "predicate", "b_id", "b_competence", "confidence",
                                   "why", "status", "reviewer", "date", "comment"]
    assert len(frame) == 18 and list(frame["status"][:2]) == ["accepted", "open"]
    assert frame["comment"][0] == "zelfde werk" and frame["date"][0] == DAY
    text = exercise.to_text()
    assert text.startswith("Vertaaloefening: Residentieel elektrotechnisch installateur "
                           "(vl:bk-residentieel-elektrotechnisch-installateur) ↔ Eerste monteur elektrotechnische "
                           "installaties woning en utiliteit (nl:crebo-25332)\n"
                           "1 van 18 beslist: 1 aanvaard, 0 afgewezen, 0 twijfel; 17 open\n")
    assert "[aanvaard zelfde werk]" in text
    assert repr(exercise).startswith(f"<Exercise {TECH_A} ↔ {TECH_B}, 1 van 18 beslist")


def test_review_queue_html(exercise: Exercise) -> None:
    exercise.decide(0, "accept", comment="zelfde <werk>", date=DAY)
    exercise.decide(2, "reject", date=DAY)
    exercise.decide(3, "unsure", date=DAY)
    page = exercise._repr_html_()
    assert page == review_queue_html(exercise)
    assert "Vertaaloefening: Residentieel elektrotechnisch installateur" in page
    assert "Els (Zeeland) &amp; &lt;Jan&gt; (Oost-Vlaanderen)" in page and "<Jan>" not in page
    assert "3 van 18 beslist: 1 aanvaard, 1 afgewezen, 1 twijfel; 15 open" in page
    assert page.count("✔ aanvaard") == 1 and page.count("✘ afgewezen") == 1 and page.count("? twijfel") == 1
    assert page.count(">open</span>") == 15
    assert "▶ 1</strong>" in page  # the next proposal is marked
    assert "“zelfde &lt;werk&gt;”" in page
    assert page.count("<tr>") == 1 + 18
    english = review_queue_html(exercise, lang="en")
    assert "Translation exercise:" in english and "3 of 18 decided" in english and "✔ accepted" in english
    card = proposal_html(exercise.proposals[0])
    assert "Voorstel 0 van 18" in card and "nagenoeg gelijkwaardig" in card and "✔ aanvaard" in card
    assert exercise.proposals[0]._repr_html_() == card
    for fragment in (page, card):
        assert "<script" not in fragment and "<style" not in fragment and "src=" not in fragment


def test_proposals_compare_like_with_like_as_the_gap_report_does(bridge) -> None:
    # Before: 'Kennis van hygiëne, infectiepreventie …' (knowledge) was proposed against 'Biedt persoonlijke
    # verzorging' (a werkproces), and a werkproces against a kerntaak, which only summarises its werkprocessen.
    kinds = {c.id: c.kind for item in (CARE_A, CARE_B) for c in bridge.items.items[item].competences}
    rows = bridge.competence_proposals(CARE_A, CARE_B)
    assert {(kinds[m.subject_id], kinds[m.object_id]) for m in rows} == {
        ("skill", "work-process"), ("skill", "attitude"), ("attitude", "work-process"), ("attitude", "attitude"),
        ("knowledge", "knowledge")}
    assert [m.object_id for m in rows if m.subject_id == f"{CARE_A}.c07"] == [f"{CARE_B}.k01"]
    assert not [m for m in rows if kinds[m.object_id] == "task"]
