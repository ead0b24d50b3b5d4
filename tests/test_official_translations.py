"""Official crosswalk chains in translations: they rank above lexical guesses, reviews beat them, SSSOM says their rows."""

from __future__ import annotations

import dataclasses

from pathlib import Path

import pytest

from conftest import shared_data

TABLES = ("BLM_mapping.csv", "NL_mapping.csv")


@pytest.fixture(scope="module")
def crosswalk_bridge():
    import competence_bridge

    tables = [shared_data("eures-esco-mappings", name) for name in TABLES]
    return competence_bridge.load(esco=shared_data("esco-nl-1.2.0"), esco_mapping=tables)


def test_a_competent_title_reaches_its_uwv_counterparts_through_esco(crosswalk_bridge) -> None:
    result = crosswalk_bridge.translate("Productieverantwoordelijke podium/audiovisueel", to="NL")
    assert result.source.id == "vdab:OP-410"
    first, row, second = result.candidates[:3]
    assert (first.target.id, first.predicate, round(first.confidence, 2)) == ("uwv:1000408265", "skos:closeMatch", 0.85)
    # the ESCO occupation VDAB's table maps it to (closeMatch), the bridge of the chain: after the Dutch answer
    assert (row.target.label, row.predicate, row.justification) == ("stage manager", "skos:closeMatch",
                                                                    "semapv:ManualMappingCuration")
    assert (second.target.id, second.predicate, round(second.confidence, 2)) == \
        ("uwv:1000407899", "skos:narrowMatch", 0.7)
    assert first.justification == "semapv:MappingChaining"
    assert [hop.object for hop in first.hops] == ["esco-occupation:" + first.hops[0].object.split(":", 1)[1],
                                                   "uwv:1000408265"]
    assert "BLM_mapping.csv regels 5856, 5857" in first.explanation[0]
    assert "NL_mapping.csv line 4058" in first.explanation_en[1]
    assert all(c.justification != "semapv:MappingChaining" for c in result.candidates[3:])


def test_the_chain_is_in_the_sssom_row_with_its_table_rows(crosswalk_bridge) -> None:
    result = crosswalk_bridge.translate("vdab:OP-410", to="NL")
    row = result.candidates[0].to_mapping(result.source).other_fields()
    assert row["signal_official"] == "0.850"
    assert row["rows"] == "BLM_mapping.csv:5856,5857;NL_mapping.csv:4058"
    assert row["chain"].startswith("vdab:OP-410 > esco-occupation:") and row["chain"].endswith("> uwv:1000408265")


def test_a_review_decision_beats_the_official_chain(crosswalk_bridge, tmp_path: Path) -> None:
    path = tmp_path / "reviews.sssom.tsv"
    crosswalk_bridge.review(path, "vdab:OP-410", "uwv:1000408265", "reject", "An Peeters")
    crosswalk_bridge.review(path, "vdab:OP-410", "uwv:1000407899", "accept", "An Peeters")
    result = crosswalk_bridge.translate("vdab:OP-410", to="NL", reviews=path)
    ids = [candidate.target.id for candidate in result.candidates]
    assert ids[0] == "uwv:1000407899" and result.candidates[0].review == "accepted"
    assert "uwv:1000408265" not in ids


def test_without_tables_nothing_official_is_proposed(bridge) -> None:
    result = bridge.translate("zorgkundige", to="NL")
    assert all("official" not in candidate.signals for candidate in result.candidates)


def test_the_item_card_shows_the_official_mappings_with_their_table(crosswalk_bridge) -> None:
    item = crosswalk_bridge.item("vdab:OP-410")
    assert [(m.predicate, m.target_label) for m in item.official] == [
        ("skos:narrowMatch", "inspiciënt"), ("skos:closeMatch", "stage manager")]
    text = item.to_text()
    assert "beroep (nationale lijst) · Vlaanderen (BE-VLG) · Code OP-410" in text
    assert "skos:closeMatch stage manager (esco-occupation:1aa4bb15-c527-4a3b-9270-b3c71c4be111) — ESCO – BE NOC " \
           "(Nalantis nv, 2021-09-30), BLM_mapping.csv:5856,5857" in text
    assert "  Official mappings to ESCO:" in item.to_text("en")
    assert "Officiële koppelingen met ESCO (2)" in item._repr_html_()


def test_national_occupations_are_found_by_search_by_title_and_by_code(crosswalk_bridge) -> None:
    by_title = crosswalk_bridge.search("Productieverantwoordelijke podium/audiovisueel", limit=1).hits[0]
    assert (by_title.id, by_title.kind, by_title.region, by_title.matched) == ("vdab:OP-410", "occupation", "BE-VLG",
                                                                                "pref")
    by_code = crosswalk_bridge.search("OP-410", limit=1).hits[0]
    assert (by_code.id, by_code.label, by_code.matched) == ("vdab:OP-410", "OP-410", "hidden")
    assert crosswalk_bridge.search("kok", region="NL", limit=1).hits[0].id.startswith("uwv:")


def test_a_level_in_brackets_is_not_a_word_of_the_name(crosswalk_bridge) -> None:
    # Before: 'webdeveloper' -> Webdeveloper (hoger) and Webdeveloper (middelbaar), relatedMatch 0.28 each: the
    # bracket counted as a word of the name. The label without it is a hidden label (matched, never shown).
    hoger = crosswalk_bridge.items.items["uwv:1000402096"]
    assert (hoger.label, hoger.hidden_labels) == ("Webdeveloper (hoger)", ["Webdeveloper"])
    found = crosswalk_bridge.translate("webdeveloper", to="NL").candidates[:2]
    assert [(c.target.label, c.predicate, round(c.confidence, 2)) for c in found] == [
        ("Webdeveloper (hoger)", "skos:closeMatch", 0.67), ("Webdeveloper (middelbaar)", "skos:closeMatch", 0.67)]
    assert found[0].explanation[0] == "Naam 'webdeveloper' ≈ 'Webdeveloper' (100% gedeelde woorden)."
    gww = crosswalk_bridge.items.items["uwv:1000410965"]  # a bracket that is no level stays a word of the name
    assert (gww.label, gww.hidden_labels) == ("Hoofduitvoerder grond-, weg- en waterbouw (gww)", [])


def test_without_level_drops_only_a_level_or_grade_in_end_brackets() -> None:
    from competence_bridge.importers.esco_mapping_rdf import without_level

    assert [without_level(label) for label in (
        "Webdeveloper (hoger)", "Systeembeheerder (MIDDELBAAR)", "Docent wiskunde (2e graads)",
        "Medewerker (niveau 1&2)", "Uitvoerder (hoofd)", "(hoger)", "Chemisch (hoger) analist")] == [
        "Webdeveloper", "Systeembeheerder", "Docent wiskunde", "Medewerker", "Uitvoerder (hoofd)", "(hoger)",
        "Chemisch (hoger) analist"]


def test_a_national_occupation_the_text_names_is_no_guess_below_the_chains(crosswalk_bridge) -> None:
    # Before: 'kok' to Flanders listed Hulpkok, Hulpkok grootkeuken and Chef de partie (chains from ESCO's kok,
    # narrowMatch 0.56) above VDAB's own Kok (closeMatch 0.86), "Alleen op naam gevonden: staat daarom onder de
    # officiële ketens": the text is that occupation's name, not a guess from it.
    result = crosswalk_bridge.translate("kok", to="BE-VLG", limit=3)
    assert [(c.target.id, c.predicate, round(c.confidence, 2)) for c in result.candidates] == [
        ("vdab:OP-513", "skos:closeMatch", 0.86), ("vdab:OP-516", "skos:narrowMatch", 0.56),
        ("vdab:OP-515", "skos:narrowMatch", 0.56)]
    assert result.candidates[0].explanation == (
        "Naam 'kok' ≈ 'Kok' (100% gedeelde woorden).",
        "Zekerheid volgens de signalen: naam 1,00 (1,00 × 0,35/0,35) = 1,00; alleen de naam als bewijs, geijkt op "
        "officiële paren: 1,00 → 0,86.")
    # a name that merely shares the word stays below the chains
    ranked = crosswalk_bridge.translate("kok", to="BE-VLG", limit=8).candidates
    assert [c.target.id for c in ranked].index("vdab:OP-512") > 3  # Grootkeukenkok, relatedMatch 0.13


def test_a_target_bears_the_name_of_free_text_or_of_an_item_but_an_esco_concept_only_of_free_text() -> None:
    from competence_bridge.matching.official import bears_the_name
    from competence_bridge.matching.results import Candidate, compare_levels
    from competence_bridge.rdf.items import Item

    target = Item("uwv:1", "occupation", "NL", "Webdeveloper (hoger)", hidden_labels=["Webdeveloper"])
    candidate = Candidate(target, "skos:closeMatch", 0.86, "j", {"lexical": 1.0}, (), (), compare_levels(target, target))
    assert bears_the_name(Item("text:web-developer", "text", "BE-VLG", "WEB-developer"), candidate) is False
    assert bears_the_name(Item("text:webdeveloper", "text", "BE-VLG", "Wébdeveloper"), candidate) is True
    assert bears_the_name(Item("vl:job.webdeveloper", "job-profile", "BE-VLG", "Webdeveloper"), candidate) is True
    assert bears_the_name(Item("vl:job.web", "job-profile", "BE-VLG", "Web", ["web-developer"]), candidate) is False
    assert bears_the_name(None, candidate) is False
    esco = dataclasses.replace(candidate, target=dataclasses.replace(target, id="esco-occupation:1", region=None))
    assert bears_the_name(Item("vl:job.webdeveloper", "job-profile", "BE-VLG", "Webdeveloper"), esco) is False
    assert bears_the_name(Item("text:webdeveloper", "text", "BE-VLG", "webdeveloper"), esco) is True


def test_a_national_occupation_bearing_the_source_s_name_is_no_guess_below_the_chains(crosswalk_bridge) -> None:
    # Before: VDAB's Interieurbouwer listed UWV's Interieurbouwer (closeMatch 0.86) below every chain, "Alleen op naam
    # gevonden", Keukenmonteur first; UWV's TIG-lasser had Pijpfitter (broadMatch 0.59) first and the curated Flemish
    # Lasser, also called TIG-lasser, under all chains.
    first = crosswalk_bridge.translate("vdab:OP-154", to="NL", limit=3).candidates[0]
    assert (first.target.label, first.predicate, round(first.confidence, 2)) == (
        "Interieurbouwer", "skos:closeMatch", 0.86)
    assert not any("Alleen op naam" in line for line in first.explanation)
    ranked = [(c.target.label, c.predicate) for c in crosswalk_bridge.translate("uwv:12895", to="BE-VLG",
                                                                                limit=3).candidates]
    assert ranked[:2] == [("Lasser", "skos:closeMatch"), ("Pijpfitter", "skos:broadMatch")]


def test_the_esco_occupation_an_official_row_maps_a_national_source_to_is_no_guess(crosswalk_bridge) -> None:
    # Before: VDAB's Kapper listed ESCO's kapper seventh, closeMatch 0.86, "Alleen op naam gevonden: staat daarom onder
    # de officiële ketens", under six chains whose every first line says VDAB's table maps Kapper exactly to it.
    result = crosswalk_bridge.translate("vdab:OP-15", to="NL", limit=10)
    kapper = result.candidates[0]
    assert (kapper.target.label, kapper.predicate, kapper.confidence, kapper.justification) == (
        "kapper", "skos:exactMatch", 1.0, "semapv:ManualMappingCuration")
    assert kapper.explanation[0] == (
        "VDAB Competent-beroep 'Kapper' (OP-15) komt exact overeen met ESCO-beroep 'kapper' (skos:exactMatch): "
        "tabel 'ESCO – BE NOC' van Nalantis nv, 2021-09-30, BLM_mapping.csv regels 4948, 4949.")
    assert not any("Alleen op naam" in line for line in kapper.explanation)
    # the signals' own line says it is theirs alone: it ended "alleen de naam als bewijs", as if that were all
    assert kapper.explanation[-1] == (
        "Zekerheid volgens de signalen alleen, zonder de officiële koppeling: naam 1,00 (1,00 × 0,35/0,35) = 1,00; "
        "alleen de naam als bewijs, geijkt op officiële paren: 1,00 → 0,86.")
    assert kapper.explanation_en[-1].startswith("Confidence from the signals alone, without the official mapping: ")
    assert "rows=BLM_mapping.csv:4948,4949" in (kapper.to_mapping(result.source).other or "")
    # only a row that says what the source is (exact, close) lists its ESCO occupation; a narrower one is a bridge
    labels = [c.target.label for c in result.candidates]
    assert "pruikenmaker" not in labels  # VDAB: Kapper narrowMatch pruikenmaker


def test_a_chain_from_a_name_esco_gives_several_occupations_puts_no_guess_below_it(crosswalk_bridge) -> None:
    # Before: 'monteur' to Flanders put Projectleider bouw en openbare werken first (closeMatch 0.23), a chain whose
    # first hop is one of the 3 ESCO occupations called 'monteur' (installatie-ingenieur), above Onderhoudsmonteur
    # (0.33), which read "Alleen op naam gevonden: staat daarom onder de officiële ketens": the chain itself starts
    # from the name.
    result = crosswalk_bridge.translate("monteur", to="BE-VLG", limit=3)
    ranked = result.candidates
    assert [(c.target.id, c.predicate, round(c.confidence, 2), c.flags) for c in ranked] == [
        ("vl:bk-0232", "skos:relatedMatch", 0.33, ()), ("vl:job.onderhoudstechnieker", "skos:relatedMatch", 0.33, ()),
        ("vdab:OP-42", "skos:closeMatch", 0.23, ("shared-name",))]
    assert not any("Alleen op naam" in line for c in ranked for line in c.explanation)
    assert ranked[2].explanation[0].endswith("de tekst is in ESCO een naam van 3 beroepen, dit is er één van.")
    # the flag travels with the candidate: JSON, the SSSOM row, the HTML badge
    assert result.to_dict()["candidates"][2]["flags"] == ["shared-name"]
    assert "flags=shared-name" in (ranked[2].to_mapping(result.source).other or "")
    assert "naam van meerdere ESCO-beroepen" in result._repr_html_()
    # a chain from a name ESCO gives one occupation still puts the guesses below it
    kok = crosswalk_bridge.translate("kok", to="BE-VLG", limit=8).candidates
    assert not any(c.flags for c in kok if c.justification == "semapv:MappingChaining")
    assert [c.target.id for c in kok].index("vdab:OP-512") > 3


def test_the_flag_of_a_shared_name_reads_in_both_languages() -> None:
    from competence_bridge.present.html_parts import flag_badge

    assert "naam van meerdere ESCO-beroepen" in flag_badge("shared-name", "nl")
    assert "a name of several ESCO occupations" in flag_badge("shared-name", "en")
