"""Level and recognition lookups, including the traps every border counsellor falls into."""

from __future__ import annotations

import pytest

import competence_bridge
from competence_bridge import AmbiguousItemError, UnknownFrameworkError, UnknownItemError


def _ids(refs) -> list[str]:
    return [ref.id for ref in refs]


def test_vks_5_is_eqf_5_and_nlqf_5_with_graduaat_and_associate_degree(bridge) -> None:
    report = bridge.level("vks", "5")
    assert report.eqf.id == "eqf:5"
    assert _ids(report.equivalents) == ["nlqf:5"]
    assert _ids(report.types["BE-VLG"]) == ["vl:graduaat", "vl:hbo5", "vl:hbo5-verpleegkunde"]
    assert _ids(report.types["NL"]) == ["nl:associate-degree"]


def test_flemish_hbo5_is_level_5_and_dutch_hbo_is_level_6(bridge) -> None:
    hbo5 = bridge.resolve_type("HBO5")
    hbo = bridge.resolve_type("hbo")
    assert (hbo5.id, hbo5.levels) == ("vl:hbo5", ("vks:5",))
    assert (hbo.id, hbo.levels) == ("nl:hbo-bachelor", ("nlqf:6",))
    assert "nl:hbo-bachelor" not in _ids(bridge.level("vks", "5").types["NL"])
    nurse = bridge.resolve_type("HBO5 Verpleegkunde")
    assert nurse.levels == ("vks:5",)


def test_nlqf_4plus_is_eqf_4(bridge) -> None:
    report = bridge.level("nlqf", "4+")
    assert (report.level.id, report.eqf.id, report.level.eqf_relation) == ("nlqf:4plus", "eqf:4", "broad")
    assert _ids(report.equivalents) == ["nlqf:4", "vks:4"]
    assert "nl:vwo" in _ids(report.types["NL"])
    assert bridge.level("nlqf", "4plus").level == report.level


def test_nlqf_entry_level_has_no_eqf_level(bridge) -> None:
    report = bridge.level("nlqf", "entry")
    assert report.eqf is None and report.equivalents == ()
    assert _ids(report.types["NL"]) == ["nl:basiseducatie"] and report.types["BE-VLG"] == ()
    assert report.to_dict()["eqf"] is None


def test_eqf_levels_use_the_official_iris(bridge) -> None:
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    official = URIRef("http://data.europa.eu/snb/eqf/4")
    matches = set(bridge.graph.subjects(SKOS.exactMatch, official))
    assert URIRef("https://w3id.org/competence-bridge/id/vks/4") in matches


def _lines(bridge, item):
    return [(line.direction, line.instrument.authority, line.subject.id,
             line.object.id if line.object else line.level.id, line.statement.qualifier)
            for line in bridge.recognitions(item).lines]


def test_havo_in_flanders_is_only_a_second_grade_certificate(bridge) -> None:
    outgoing = [line for line in _lines(bridge, "havo") if line[2] == "nl:havo"]
    assert outgoing == [("NL → BE-VLG", "NARIC-Vlaanderen", "nl:havo", "vl:getuigschrift-2e-graad-aso", None)]
    target = bridge.catalog.types["vl:getuigschrift-2e-graad-aso"]
    assert target.levels == ("vks:2",)


def test_tso_in_the_netherlands_is_vwo_or_sometimes_havo(bridge) -> None:
    assert _lines(bridge, "vl:dso-tso") == [
        ("BE-VLG → NL", "Nuffic", "vl:dso-tso", "nl:havo", "soms een havodiploma met beroepsgerichte vakken"),
        ("BE-VLG → NL", "Nuffic", "vl:dso-tso", "nl:vwo", None),
    ]


def test_havo_and_tso_asymmetry_is_not_made_symmetric(bridge) -> None:
    """Nuffic values TSO as (sometimes) havo; NARIC does not value havo as a diploma secundair onderwijs."""
    havo_targets = {line[3] for line in _lines(bridge, "nl:havo") if line[0] == "NL → BE-VLG"}
    assert not havo_targets & {"vl:dso-tso", "vl:dso-aso", "vl:dso-kso", "vl:dso-bso"}


def test_bso_7th_year_is_mbo_4(bridge) -> None:
    assert _lines(bridge, "diploma secundair onderwijs BSO") == [
        ("BE-VLG → NL", "Nuffic", "vl:dso-bso", "nl:mbo-4", None)
    ]
    assert bridge.resolve_type("BSO 7e jaar").id == "vl:dso-bso"


def test_secondary_diplomas_show_that_no_automatic_recognition_is_in_force(bridge) -> None:
    report = bridge.recognitions("havo")
    assert _ids(report.not_in_force) == ["rec:benelux-secundair"]
    assert "Niet van kracht" in report.to_text()
    assert bridge.recognitions("vl:master").not_in_force == ()


def test_benelux_level_recognition_runs_both_ways(bridge) -> None:
    vl = [line for line in _lines(bridge, "vl:professionele-bachelor") if line[1].startswith("Benelux")]
    nl = [line for line in _lines(bridge, "nl:hbo-bachelor") if line[1].startswith("Benelux") and line[2] == "nl:hbo-bachelor"]
    assert {line[3] for line in vl} == {"nlqf:6"} and {line[0] for line in vl} == {"BE-VLG → NL"}
    assert {line[3] for line in nl} == {"vks:6"} and {line[0] for line in nl} == {"NL → BE-VLG"}


def test_recognition_text_starts_with_the_direction(bridge) -> None:
    lines = bridge.recognitions("havo").to_text().splitlines()
    assert lines[0] == "Havodiploma (nl:havo), Nederland, nlqf:4"
    assert lines[1].startswith("  NL → BE-VLG  NARIC-Vlaanderen (erkenning op aanvraag): Havodiploma → ")
    english = bridge.recognitions("havo").to_text("en").splitlines()
    assert english[0] == "Senior general secondary education diploma (havo) (nl:havo), Netherlands, nlqf:4"


def test_lookup_by_label_ignores_case_diacritics_and_hyphens(bridge) -> None:
    assert bridge.resolve_type("Diploma Secundair-Onderwijs  bso").id == "vl:dso-bso"
    assert bridge.resolve_type("VWO").id == "nl:vwo"


def test_unknown_and_ambiguous_items_explain_themselves(bridge) -> None:
    with pytest.raises(UnknownItemError) as caught:
        bridge.resolve_type("hvo")
    assert str(caught.value) == "unknown qualification type 'hvo'; did you mean 'havo', 'nl:havo', 'nl:mavo'?"
    with pytest.raises(AmbiguousItemError) as ambiguous:
        bridge.resolve_type("PhD")
    assert str(ambiguous.value) == "'PhD' is ambiguous; use one of the ids nl:doctor, vl:doctor"
    with pytest.raises(UnknownFrameworkError, match=r"^unknown framework 'vsk'; did you mean 'vks'\?$"):
        bridge.level("vsk", "5")
    with pytest.raises(UnknownItemError) as level:
        bridge.level("nlqf", "9")
    assert str(level.value) == (
        "unknown nlqf level '9'; did you mean 'entry', '1', '2', '3', '4', '4+', '5', '6', '7', '8'?"
    )


def test_memory_store_gives_the_same_answers() -> None:
    memory = competence_bridge.load(store="memory", cache=False)
    oxigraph = competence_bridge.load(cache=False)
    for framework, level in [("vks", "5"), ("nlqf", "4+"), ("nlqf", "entry"), ("eqf", "6")]:
        assert memory.level(framework, level).to_dict() == oxigraph.level(framework, level).to_dict()
    for item in ["havo", "vl:graduaat", "nl:hbo-bachelor"]:
        assert memory.recognitions(item).to_dict() == oxigraph.recognitions(item).to_dict()
