"""A name typed in its plural or in another gender form finds the item it names, and the translation says so."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from competence_bridge.cli import main
from competence_bridge.language.text import normalize
from competence_bridge.matching.resolve import FormIndex, ItemResolver
from competence_bridge.rdf.items import Item, ItemTable


def test_a_plural_finds_the_item_its_singular_names_and_translates_as_it(bridge) -> None:
    # Before: 'lassers' named nothing, so it was free text: Basislasser (a qualification), Lasser and ESCO's lasser,
    # each closeMatch 0.86 on the name alone; 'lasser' gives the curated Lasser, exactMatch 1.00.
    plural, singular = bridge.translate("lassers", to="NL"), bridge.translate("lasser", to="NL")
    assert plural.source.id == singular.source.id == "vl:job.lasser"
    assert plural.candidates == singular.candidates
    assert (plural.by_word_forms, singular.by_word_forms) == ("lassers", None)
    assert plural.to_text().splitlines()[:3] == [
        "Lasser (vl:job.lasser) → NL",
        "  (gevonden als een andere vorm (meervoud of mannelijk/vrouwelijk) van 'lassers')",
        "  1. Lasser (nl:job.lasser)  skos:exactMatch  1.00  semapv:CompositeMatching"]
    assert plural.to_text(lang="en").splitlines()[1] == (
        "  (found as another form (plural, masculine or feminine) of 'lassers')")
    from competence_bridge.display import render
    assert "<p>gevonden als een andere vorm (meervoud of mannelijk/vrouwelijk) van &#x27;lassers&#x27;</p>" in \
        render("html", plural)


def test_a_feminine_form_finds_the_masculine_name(bridge) -> None:
    translation = bridge.translate("Pedagogisch medewerkster", to="BE-VLG")
    assert translation.via == ("nl:crebo-25486", "nl:job.pedagogisch-medewerker-kinderopvang")
    assert translation.by_word_forms == "Pedagogisch medewerkster"


def test_the_json_says_when_the_words_forms_found_the_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "heftruckchauffeurs", "--to", "NL", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["source"]["id"], document["by_word_forms"]) == (
        "vl:bk-bestuurder-interne-transportmiddelen", "heftruckchauffeurs")
    assert main(["translate", "heftruckchauffeur", "--to", "NL", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_word_forms"] is None


def test_a_national_occupation_in_another_gender_form_reaches_its_chain() -> None:
    # Before: 'doktersassistente' to Flanders was free text: Dierenartsassistent, relatedMatch 0.04.
    from conftest import shared_data

    import competence_bridge

    tables = shared_data("eures-esco-mappings")
    official = competence_bridge.load(esco=shared_data("esco-nl-1.2.0"),
                                      esco_mapping=[tables / "BLM_mapping.csv", tables / "NL_mapping.csv"])
    translation = official.translate("doktersassistente", to="BE-VLG")
    assert (translation.source.id, translation.by_word_forms) == ("uwv:4083", "doktersassistente")
    first = translation.candidates[0]
    assert (first.target.label, first.predicate, first.justification) == (
        "Medisch-technisch assistent", "skos:exactMatch", "semapv:MappingChaining")


def test_only_plural_and_gender_forms_are_one_form() -> None:
    table = ItemTable({
        "vl:a": Item("vl:a", "job-profile", "BE-VLG", "Netwerktechnieker"),
        "nl:b": Item("nl:b", "occupation", "NL", "Kapper", ["Verkoper"]),
        "nl:c": Item("nl:c", "job-profile", "NL", "Zorgkundige"),
        "vl:d": Item("vl:d", "job-profile", "BE-VLG", "Kinesitherapeut", ["Kinesist"])}, {})
    index = FormIndex(table)
    assert index.get("netwerktechnicus") == []  # a Flemish suffix makes another side's word, not a form
    assert [item.id for item in index.get("kinesisten")] == ["vl:d"]  # the plural of a Flemish word is a form
    assert [item.id for item in index.get("Netwerktechniekers")] == ["vl:a"]
    assert [item.id for item in index.get("kapsters")] == ["nl:b"]
    assert [item.id for item in index.get("verkoopster")] == ["nl:b"]
    assert [item.id for item in index.get("zorgkundigen")] == ["nl:c"]
    resolver = ItemResolver(table)
    assert resolver.on_a_side_by_forms("Kapsters", region="BE-VLG") == []
    assert [item.id for item in resolver.on_a_side_by_forms("Kapsters", region="NL")] == ["nl:b"]


def test_a_doubled_letter_finds_the_item_and_is_said_as_a_spelling_not_a_form(bridge) -> None:
    # Before: 'verpleegkundigge' (a letter typed twice) found Verpleegkundige and said "gevonden als een andere vorm
    # (meervoud of mannelijk/vrouwelijk)": no plural or gender form was involved.
    typo = bridge.translate("verpleegkundigge", to="NL")
    assert (typo.source.id, typo.by_word_forms, typo.by_spelling) == (
        "vl:job.verpleegkundige", "verpleegkundigge", True)
    assert typo.candidates == bridge.translate("verpleegkundige", to="NL").candidates
    assert typo.to_text().splitlines()[1] == (
        "  (gevonden als een andere spelling (enkele of dubbele letter) van 'verpleegkundigge')")
    assert typo.to_text(lang="en").splitlines()[1] == (
        "  (found as another spelling (single or doubled letter) of 'verpleegkundigge')")
    assert typo.to_dict()["by_spelling"] is True
    from competence_bridge.display import render
    assert "<p>gevonden als een andere spelling (enkele of dubbele letter) van &#x27;verpleegkundigge&#x27;</p>" in \
        render("html", typo)
    plural = bridge.translate("lassers", to="NL")
    assert (plural.by_spelling, plural.to_dict()["by_spelling"]) == (False, False)


def test_a_gender_marker_is_no_part_of_the_name_typed(bridge) -> None:
    # Before: 'elektricien (m/v)', as a vacancy writes it, named nothing and was free text: Elektromonteur
    # closeMatch 0.86 on the name alone, instead of the curated Elektricien's exactMatch 1.00.
    for typed in ("elektricien (m/v)", "Elektricien (M/V/X)", "elektricien m/v/x", "elektricien (v/m)"):
        translation = bridge.translate(typed, to="NL")
        assert (translation.source.id, translation.by_word_forms) == ("vl:job.elektricien", None), typed
        assert translation.candidates == bridge.translate("elektricien", to="NL").candidates
    assert bridge.translate("Verpleegkundige?!", to="NL").source.id == "vl:job.verpleegkundige"  # so is punctuation


@given(st.text(alphabet="abkprstvmhfxé/()-!? ", max_size=24), st.sampled_from(["(m/v)", "(m/v/x)", "m/v/x", "(h/f/x)"]))
def test_a_name_key_is_stable_and_ignores_a_gender_marker(name: str, marker: str) -> None:
    key = normalize(name)
    assert normalize(key) == key
    assert normalize(f"{key} {marker}") == key


def test_an_ordinal_written_the_flemish_way_names_the_same_item(bridge) -> None:
    # Before: '7de jaar BSO', as Flanders writes it, named nothing ('7e jaar BSO' did): free text, whose first
    # answer was Leider kinderopvang (relatedMatch 0.02); now the BSO diploma and its Nuffic valuation as mbo-4.
    for typed in ("7de jaar BSO", "7e jaar bso", "Diploma secundair onderwijs BSO (7de jaar)"):
        translation = bridge.translate(typed, to="NL")
        assert translation.source.id == "vl:dso-bso", typed
        assert [c.target.id for c in translation.candidates] == ["nl:mbo-4"], typed
    assert bridge.translate("Studiegetuigschrift 6de jaar BSO", to="NL").source.id == "vl:studiegetuigschrift-bso-6"


@given(st.text(alphabet="0123456789dest ej", max_size=16))
def test_a_name_key_is_stable_and_has_one_form_of_an_ordinal(name: str) -> None:
    key = normalize(name)
    assert normalize(key) == key
    assert normalize(f"{key} 1ste 2de 3e") == normalize(f"{key} 1e 2e 3e")


def test_a_text_whose_words_one_name_alone_holds_finds_that_item_and_says_so(bridge) -> None:
    # Before: 'BSO verzorging' and 'lasser TIG' named nothing and were free text ('BSO verzorging' found no
    # candidate, 'lasser TIG' Basislasser and Lasser, relatedMatch 0.18 each); each is the words of one name in
    # another order: 'Verzorging (bso, 3e graad)', 'TIG-lasser' (an alternative label of Lasser).
    translation = bridge.translate("BSO verzorging", to="NL", limit=3)
    assert (translation.source.id, translation.by_word_forms, translation.by_words) == (
        "vl:ok-verzorging", "BSO verzorging", True)
    assert translation.candidates == bridge.translate("vl:ok-verzorging", to="NL", limit=3).candidates
    assert translation.to_text().splitlines()[1] == "  (gevonden als de enige naam met alle woorden van 'BSO verzorging')"
    assert translation.to_text(lang="en").splitlines()[1] == (
        "  (found as the only name holding every word of 'BSO verzorging')")
    assert translation.to_dict()["by_words"] is True
    lasser = bridge.translate("lasser TIG", to="NL")
    assert (lasser.source.id, lasser.by_words, lasser.candidates[0].predicate) == (
        "vl:job.lasser", True, "skos:exactMatch")
    # words that several names hold alike (the ASO, TSO, KSO and BSO diplomas) name none of them: free text
    assert bridge.translate("diploma secundair onderwijs", to="NL").source.kind == "text"
    assert bridge.translate("lasser", to="NL").by_words is False  # a name as written says nothing


def test_a_type_of_education_and_other_words_find_the_one_qualification_of_that_type_they_name(bridge) -> None:
    # Before: 'mbo niveau 3 verzorgende' and 'mbo 4 ICT', as a counsellor types a diploma, named nothing and were
    # free text ('mbo 4 ICT' found no Flemish qualification at all). Each is a type of education (a label of
    # Mbo-diploma niveau 3 / 4) and the words of one qualification of that type.
    translation = bridge.translate("mbo niveau 3 verzorgende", to="BE-VLG", limit=3)
    assert (translation.source.id, translation.by_word_forms, translation.found_by) == (
        "nl:crebo-25656", "mbo niveau 3 verzorgende", "type")
    assert translation.candidates == bridge.translate("nl:crebo-25656", to="BE-VLG", limit=3).candidates
    _says_found(translation, "by_type",
                "gevonden als de kwalificatie van het onderwijstype in 'mbo niveau 3 verzorgende' met de andere "
                "woorden in haar naam",
                "found as the qualification of the type of education in 'mbo niveau 3 verzorgende' whose name "
                "holds its other words")
    assert translation.to_dict()["by_words"] is False
    ict = bridge.translate("mbo 4 ICT", to="BE-VLG", limit=1)
    assert (ict.source.id, ict.by_type, ict.candidates[0].target.id) == (
        "nl:crebo-25606", True, "vl:bk-supportmedewerker-ict")
    assert bridge.translate("mbo 4 verpleegkunde", to="BE-VLG").source.id == "nl:crebo-25655"
    # Before: two mbo-4 qualifications carry the name 'software developer' (25604's preferred label, its successor
    # 25998's alternative one), so 'mbo 4 software developer' was free text whose first answer was the job profile
    # Programmeur at 0.13; the preferred label wins, as when the name is typed alone
    developer = bridge.translate("mbo 4 software developer", to="BE-VLG", limit=1)
    assert (developer.source.id, developer.by_type, developer.candidates[0].target.id) == (
        "nl:crebo-25604", True, "vl:ok-graduaat-programmeren")
    assert bridge.translate("software developer", to="BE-VLG").source.id == "nl:crebo-25604"
    # Before: 'graduaat verpleegkunde' was free text, read as its type (Graduaat) alone: Associate degree
    # skos:broadMatch 0.69 first, the level-only answer domain-facts row 13 warns of. The one graduaat in nursing is
    # named 'graduaat Basisverpleegkunde': the field is the last part of a compound of its name
    nursing = bridge.translate("graduaat verpleegkunde", to="NL", limit=1)
    assert (nursing.source.id, nursing.found_by, nursing.by_type) == (
        "vl:ok-graduaat-basisverpleegkunde", "type-parts", True)
    first = nursing.candidates[0]
    assert (first.target.id, first.predicate, first.levels.difference) == ("nl:crebo-25655", "skos:relatedMatch", 1)
    assert _found_as(nursing) == (
        "  (gevonden als de kwalificatie van het onderwijstype in 'graduaat verpleegkunde' met de andere woorden als "
        "laatste deel van een samenstelling in haar naam)",
        "  (found as the qualification of the type of education in 'graduaat verpleegkunde' whose name holds its "
        "other words as the last part of a compound)")
    # no qualification of the type holds the other words, or the type alone: free text
    assert bridge.translate("mbo 2 lassen", to="BE-VLG").source.kind == "text"
    assert bridge.translate("mbo 4", to="BE-VLG").by_type is False


def test_a_field_no_qualification_of_the_named_type_holds_is_read_in_the_type_a_level_beside(bridge) -> None:
    # Before: 'mbo 3 lasser' named nothing (no mbo-3 qualification is named lasser) and stayed free text: the job
    # profile Lasser, relatedMatch 0.13, under the weak-guess line, and no Flemish diploma at all. The one mbo
    # qualification named lasser is Basislasser (mbo 2, one EQF level below the type typed): read as it, said so
    # with its level, and its Flemish counterpart comes first
    welder = bridge.translate("mbo 3 lasser", to="BE-VLG", limit=1)
    assert (welder.source.id, welder.found_by, welder.by_other_type, welder.by_type) == (
        "nl:crebo-25290", "other-type", True, False)
    first = welder.candidates[0]
    assert (first.target.id, first.predicate, first.levels.difference) == (
        "vl:ok-lassen-constructie", "skos:closeMatch", -1)
    _says_found(welder, "by_other_type",
                "gevonden als de kwalificatie van een ander onderwijstype (nlqf:2) met de andere woorden van 'mbo 3 "
                "lasser' in haar naam: geen kwalificatie van het genoemde onderwijstype heeft ze",
                "found as the qualification of another type of education (nlqf:2) whose name holds the other words "
                "of 'mbo 3 lasser': no qualification of the type named holds them")
    assert welder.to_dict()["by_type"] is False
    # Before: free text whose first answer was the Flemish type HBO5 Verpleegkunde, skos:broadMatch 0.68 (EQF 5 for
    # an mbo-3 text); the one mbo nurse is Mbo-verpleegkundige (mbo 4)
    assert bridge.translate("mbo 3 verpleegkundige", to="BE-VLG").source.id == "nl:crebo-25655"
    assert bridge.translate("mbo 4 verzorgende ig", to="BE-VLG").source.id == "nl:crebo-25656"
    # the ladder is the type's name but for its number: 7de jaar BSO beside 6e jaar BSO
    assert bridge.translate("7de jaar bso lassen", to="NL").source.id == "vl:ok-lassen-constructie"
    # not across ladders (a master is no bachelor, a havo no mbo, an ASO diploma no graduaat), not two levels apart,
    # and not without a field (every word names a type of education)
    for text in ("master in de verpleegkunde", "professionele bachelor orthopedagogie", "aso programmeren",
                 "graduaat verzorging", "diploma secundair onderwijs"):
        assert bridge.translate(text, to="NL").source.kind == "text", text
    for text in ("hbo master verpleegkunde", "havo verpleegkunde", "associate degree verpleegkunde"):
        assert bridge.translate(text, to="BE-VLG").source.kind == "text", text
    assert bridge.translate("mbo 4 lasser", to="BE-VLG").source.kind == "text"  # Basislasser is mbo 2
    assert bridge.translate("mbo 3 lasser", to="BE-VLG").by_type is False


def _says_found(translation, flag: str, nl: str, en: str) -> None:
    """The line under the heading says how the name was found, in Dutch and in English, and JSON sets *flag*."""
    assert _found_as(translation) == (f"  ({nl})", f"  ({en})")
    assert translation.to_dict()[flag] is True


def _found_as(translation) -> tuple[str, str]:
    """The line under a translation's heading that says how its name was found, in Dutch and in English."""
    return translation.to_text().splitlines()[1], translation.to_text(lang="en").splitlines()[1]
