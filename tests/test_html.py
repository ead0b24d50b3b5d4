"""Notebook views: the HTML of every report (escaped, self-contained, Dutch with English) and the DataFrames."""

from __future__ import annotations

import html
import re
import sys

import pytest

from competence_bridge.reports.gap import CompetenceMatch, GapReport
from competence_bridge.present.html import (
    gap_report_html,
    level_report_html,
    qualification_html,
    recognition_report_html,
    translation_html,
)
from competence_bridge.rdf.items import CompetenceItem, Item
from competence_bridge.matching.translate import LevelComparison

TECH_A, TECH_B = "vl:bk-residentieel-elektrotechnisch-installateur", "nl:crebo-25332"


def self_contained(fragment: str) -> bool:
    """No script, style block, external resource or event handler."""
    lowered = fragment.lower()
    return not any(bad in lowered for bad in ("<script", "<style", "<link", "<img", "<iframe", "src=", "href=",
                                              "url(", "@import", "javascript:")) \
        and re.search(r"\son\w+=", lowered) is None


# --- gap report ------------------------------------------------------------------------------------


def test_gap_report_html_for_the_technology_pair(bridge) -> None:
    report = bridge.compare(TECH_A, TECH_B)
    page = report._repr_html_()
    assert page == gap_report_html(report)
    assert ("<h4 style=\"margin:6px 0\">Residentieel elektrotechnisch installateur: wat Eerste monteur "
            "elektrotechnische installaties woning en utiliteit daarvan dekt (22%)</h4>") in page
    assert ("<h4 style=\"margin:6px 0\">Eerste monteur elektrotechnische installaties woning en utiliteit: wat "
            "gevraagd wordt, en of Residentieel elektrotechnisch installateur het dekt (25%)</h4>") in page
    assert page.index("daarvan dekt (22%)") < page.index("het dekt (25%)")  # A left, B right
    assert page.count("✔") == 4 and page.count("✔ gedekt") == 4
    assert page.count("✘ niet gevonden") == 13 and page.count("✘") == 14  # 13 marks, one in the verdict
    assert f"<strong>Oordeel:</strong> {html.escape(report.verdict())}</div>" in page
    assert ("Niveauverschil: VKS 4 (EQF 4) tegenover NLQF 3 (EQF 3); het brondiploma ligt 1 EQF-niveau hoger."
            in page)
    assert "⚠ niveauverschil: 1 EQF" in page
    assert "vks:4 (EQF-niveau 4)" in page and "nlqf:3 (EQF-niveau 3)" in page
    assert ("≈ gekoppeld aan: Legt elektrotechnische installaties aan in woningen en utiliteitsgebouwen "
            "(0.55)") in page
    assert "Plaatst buizen, dozen en kabels in inbouw en opbouw <span" in page and "met niets gekoppeld" in page
    assert "≈ gekoppeld, onder de drempel: " in page  # a ✘ with a partner below the threshold
    assert "gedekt vanaf een overeenkomst van 0.40" in page
    assert self_contained(page)


def test_gap_report_html_in_english(bridge) -> None:
    report = bridge.compare(TECH_A, TECH_B)
    page = gap_report_html(report, lang="en")
    assert "what it asks, and whether Residentieel elektrotechnisch installateur covers it (25%)" in page
    assert page.count("✔ covered") == 4 and page.count("✘ not found") == 13
    assert f"<strong>Verdict:</strong> {html.escape(report.verdict('en'))}</div>" in page
    assert "⚠ level mismatch: 1 EQF" in page and 'lang="en"' in page
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        gap_report_html(report, lang="fr")


def test_gap_report_html_escapes_every_text() -> None:
    evil = '<script>alert("x")</script> & co'
    competence = CompetenceItem("x:a.c1", "x:a", f"Doet {evil}", "skill", None, frozenset())
    other = CompetenceItem("x:b.c1", "x:b", "Doet iets <b>anders</b>", "task", None, frozenset())
    a = Item("x:a", "qualification", "BE-VLG", f"A {evil}", competences=[competence])
    b = Item("x:b", "qualification", "NL", "B 'quoted'", competences=[other])
    report = GapReport(a, b, (CompetenceMatch(competence, other, 0.5, True),),
                       (CompetenceMatch(other, None, 0.0, False),), LevelComparison((), (), (), (), None),
                       "Niveau: <onbekend>.", "Level: <unknown>.", ("Erkenning <x>",), 0.4)
    page = gap_report_html(report)
    assert "<script" not in page and "<b>" not in page and "<onbekend>" not in page and "<x>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "B &#x27;quoted&#x27;" in page
    assert f"<strong>Oordeel:</strong> {html.escape(report.verdict())}</div>" in page
    assert page.count("✔ gedekt") == 1 and page.count("✘ niet gevonden") == 1
    assert "niveauverschil" not in page  # no level mismatch badge when the levels are unknown
    assert self_contained(page)


# --- translations ------------------------------------------------------------------------------------


def test_translation_html_marks_false_friends_and_level_mismatches(bridge) -> None:
    translation = bridge.translate("vl:graduaat-voor-2004")
    page = translation._repr_html_()
    assert page == translation_html(translation)
    assert "Vertaling: Graduaat (voor 2004) " in page and "→ Nederland (NL)</h3>" in page
    for heading in ("#", "Kandidaat", "Relatie", "Zekerheid", "Onderbouwing", "Uitleg"):
        assert f">{heading}</th>" in page
    assert "⚠ valse vriend (ff:graduaat-2004)" in page and "⚠ niveauverschil" in page
    assert "verwant<br>" in page and "skos:relatedMatch" in page and "semapv:CompositeMatching" in page
    assert "width:49%" in page and "0.49</span>" in page  # the confidence bar and its number
    candidate = translation.candidates[0]
    for line in candidate.explanation:
        assert f"<li>{html.escape(line)}</li>" in page
    english = translation_html(translation, lang="en")
    assert "⚠ false friend (ff:graduaat-2004)" in english and "⚠ level mismatch" in english
    assert f"<li>{html.escape(candidate.explanation_en[0])}</li>" in english
    assert self_contained(page) and self_contained(english)


def test_translation_html_ranks_every_candidate(bridge) -> None:
    translation = bridge.translate("kinesitherapeut", to="NL")
    page = translation_html(translation)
    assert page.count("<tr>") == 1 + len(translation.candidates) + 1 + len(translation.jobs) == 4  # two tables
    assert "<h4 style=\"margin:8px 0 4px 0\">Beroepen waarvoor dit opleidt, aan de andere kant</h4>" in page
    assert "vl:bk-0337-1</code> <code" in page  # a title that names two items shows both ids
    assert "gelijkwaardig<br>" in page and "nagenoeg gelijkwaardig<br>" in page
    empty = bridge.translate("zzzz qqqq", to="NL")
    assert "Geen kandidaat gevonden." in translation_html(empty)
    assert "‘zzzz qqqq’" in translation_html(empty)


# --- levels, recognitions, items ----------------------------------------------------------------------


def test_level_report_html(bridge) -> None:
    report = bridge.level("nlqf", "4+")
    page = report._repr_html_()
    assert page == level_report_html(report)
    assert "NLQF-niveau 4+" in page and "EQF: valt binnen <strong>EQF-niveau 4</strong>" in page
    assert "Op dit niveau, Vlaanderen (BE-VLG)" in page and "Op dit niveau, Nederland (NL)" in page
    assert page.count(">historisch</span>") == 4
    assert "At this level, Flanders (BE-VLG)" in level_report_html(report, lang="en")
    assert "EQF: gelijk aan" in level_report_html(bridge.level("vks", "5"))
    assert self_contained(page)


def test_recognition_report_html(bridge) -> None:
    report = bridge.recognitions("havo")
    page = report._repr_html_()
    assert page == recognition_report_html(report)
    assert page.count("NL → BE-VLG</strong>") == 1 and page.count("BE-VLG → NL</strong>") == 2
    assert "NARIC-Vlaanderen (erkenning op aanvraag)" in page
    assert "soms een havodiploma met beroepsgerichte vakken" in page
    assert ">Niet van kracht</span>" in page
    assert "Not in force" in recognition_report_html(report, lang="en")
    assert self_contained(page)


def test_qualification_html(bridge) -> None:
    page = qualification_html(bridge.items.items[TECH_B])
    assert "Eerste monteur elektrotechnische installaties woning en utiliteit" in page
    assert "kwalificatie · Nederland (NL) · niveau nlqf:3 · Code 25332" in page
    assert "Competenties (8)" in page and page.count(">werkproces</td>") == 6
    assert ">kennis</td>" in page and ">houding</td>" in page
    assert "Competences (8)" in qualification_html(bridge.items.items[TECH_B], lang="en")
    assert self_contained(page)
    assert bridge.item("Eerste monteur elektrotechnische installaties woning en utiliteit")._repr_html_() == page


# --- DataFrames -----------------------------------------------------------------------------------------


def test_frames(bridge) -> None:
    gap = bridge.compare(TECH_A, TECH_B).to_frame()
    assert list(gap.columns) == ["side", "owner", "id", "statement", "kind", "counted", "covered", "score",
                                 "best_match_id", "best_match"]
    assert len(gap) == 17 and int(gap["covered"].sum()) == 4
    assert list(gap[gap.side == "b"]["covered"]) == [False, False, False, True, True, False, False, False]

    translation = bridge.translate("vl:graduaat-voor-2004").to_frame()
    assert translation.loc[0, "id"] == "nl:associate-degree"
    assert translation.loc[0, "flags"] == "ff:graduaat-2004, level-mismatch"
    assert translation.loc[0, "level_difference"] == 1 and "signal_lexical" in translation.columns
    both = bridge.translate("vl:bk-0337-1").to_frame()  # a qualification: its candidates, then its jobs
    assert [tuple(row) for row in both[["list", "rank", "id"]].itertuples(index=False)] == [
        ("candidates", 1, "nl:hbo-fysiotherapie"), ("jobs", 1, "nl:job.fysiotherapeut")]

    levels = bridge.level("vks", "5").to_frame()
    assert list(levels["role"]) == ["level", "eqf", "equivalent", "type", "type", "type", "type"]
    assert list(levels[levels.role == "type"]["id"]) == ["vl:graduaat", "vl:hbo5", "vl:hbo5-verpleegkunde",
                                                         "nl:associate-degree"]

    recognitions = bridge.recognitions("havo").to_frame()
    assert list(recognitions["direction"][:3]) == ["NL → BE-VLG", "BE-VLG → NL", "BE-VLG → NL"]
    assert list(recognitions["in_force"]) == [True, True, True, False]


def test_to_frame_without_pandas_names_the_extra(bridge, monkeypatch: pytest.MonkeyPatch) -> None:
    report = bridge.level("vks", "5")
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=re.escape('pip install "competence-bridge[notebook]"')):
        report.to_frame()
