"""Cross-border translation: the named cases, explanations, false friends, levels, reviews, SSSOM, evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competence_bridge.cli import main
from competence_bridge.errors import CompetenceBridgeError, UnknownItemError
from competence_bridge.language.analyser import Analyser
from competence_bridge.language.terms import Substitution, TermEntry, TermLayer
from competence_bridge.matching.lexical import exhaustive_join, similarity_join, soft_dice
from competence_bridge.matching.settings import shipped
from competence_bridge.matching.signals import SIGNALS
from competence_bridge.matching.signals import check_weights
from competence_bridge.matching.translate import Translator
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.sssom.review import ReviewError
from competence_bridge.sssom.tsv import read_sssom

GOLD = Path(__file__).parent / "gold" / "border-pairs.sssom.tsv"


def top(bridge, item, to=None, n=3):
    return bridge.translate(item, to=to, limit=n).candidates


def test_kinesitherapeut_is_fysiotherapeut_with_the_level_mismatch_reported(bridge) -> None:
    translation = bridge.translate("kinesitherapeut", to="NL")
    assert set(translation.via) == {"vl:bk-0337-1", "vl:job.kinesitherapeut"}  # the title is both
    # qualifications in the list, the jobs (of the job profile the title names) in their own
    assert [c.target.id for c in translation.candidates] == ["nl:hbo-fysiotherapie"]
    assert [c.target.id for c in translation.jobs] == ["nl:job.fysiotherapeut"]
    assert translation.jobs_via == ("vl:job.kinesitherapeut",)
    job = translation.jobs[0]
    assert job.predicate == "skos:exactMatch" and not job.levels.mismatch  # same occupation
    diploma = translation.candidates[0]
    assert diploma.predicate == "skos:closeMatch" and diploma.levels.difference == 1
    assert "level-mismatch" in diploma.flags
    text = " ".join(diploma.explanation)
    assert "Niveauverschil: VKS 7 (EQF 7) tegenover NLQF 6 (EQF 6); het brondiploma ligt 1 EQF-niveau hoger." in text
    assert "Zelfde ESCO-beroep" in text and "Zelfde ISCO-08-beroepsgroep 2264." in text
    assert top(bridge, "vl:bk-0337-1")[0].target.id == "nl:hbo-fysiotherapie"


def test_the_flemish_name_of_the_discipline_finds_the_dutch_study(bridge) -> None:
    # Before: 'kinesitherapie' (the Flemish study, as in 'Master in de revalidatiewetenschappen en de
    # kinesitherapie') found nothing on the Dutch side (an error), and 'bachelor kinesitherapie' listed only the
    # types of education; the term pair kinesitherapie -> fysiotherapie (its source named) reads it in Dutch
    for text in ("kinesitherapie", "bachelor kinesitherapie"):
        first = bridge.translate(text, to="NL").candidates[0]
        assert (first.target.id, first.predicate) == ("nl:hbo-fysiotherapie", "skos:relatedMatch"), text
        assert first.explanation[1] == (
            "De tekst is gelezen met een termvervanging Vlaams → Nederlands: kinesitherapie → fysiotherapie (bron: "
            "Wikipedia (mirror of the Dutch article), “Fysiotherapie (mirror)”); dat is geen bewijs naast de naam.")


def test_the_flemish_name_of_a_home_childminder_finds_the_dutch_gastouder(bridge) -> None:
    # Before: 'onthaalouder' (the Flemish word for a gastouder, Wikipedia's article 'Gastouder') found nothing on the
    # Dutch side; the term pair onthaalouder -> gastouder, its source named, reads it in Dutch
    first = bridge.translate("onthaalouder", to="NL").candidates[0]
    assert (first.target.id, first.predicate, first.confidence) == ("nl:job.gastouder", "skos:closeMatch", 0.857)
    assert first.explanation[1] == (
        "De tekst is gelezen met een termvervanging Vlaams → Nederlands: onthaalouder → gastouder (bron: Wikipedia "
        "(Dutch article), “Gastouder”); dat is geen bewijs naast de naam.")


def test_hbo5_verpleegkunde_is_not_equal_to_dutch_hbo_v(bridge) -> None:
    candidates = top(bridge, "vl:ok-hbo5-verpleegkunde", n=10)
    hbo_v = [c for c in candidates if c.target.id in {"nl:hbo-verpleegkunde", "nl:hbo-bachelor"}]
    assert all(c.predicate != "skos:exactMatch" and c.levels.mismatch for c in hbo_v)
    first = candidates[0]
    assert first.target.id == "nl:crebo-25655"  # the mbo-verpleegkundige, one level lower
    assert first.predicate != "skos:exactMatch" and first.levels.difference == 1
    for candidate in top(bridge, "vl:hbo5", n=10):
        assert candidate.target.id != "nl:hbo-bachelor"  # the false friend is blocked


def test_zorgkundige_to_verzorgende_ig_explains_the_level_difference(bridge) -> None:
    first = top(bridge, "vl:bk-zorgkundige")[0]
    assert first.target.id == "nl:crebo-25656"
    assert first.predicate != "skos:exactMatch"
    assert ("Niveauverschil: VKS 4 (EQF 4) tegenover NLQF 3 (EQF 3); het brondiploma ligt 1 EQF-niveau hoger."
            in first.explanation)
    assert ("Termvervanging Vlaams → Nederlands: zorgkundige → verzorgende ig (bron: ACOD LRB, “Zorgkundige, niveau 4 "
            "in de zorgladder”)." in first.explanation)  # the term pair's source, as the issue asks
    assert "nl:crebo-25656" in [c.target.id for c in top(bridge, "zorgkundige", to="NL", n=5)]


def test_bso_alone_is_not_the_diploma_of_the_seventh_year(bridge, capsys) -> None:
    # Before: 'BSO' was an alternative name of the diploma after the 7th year (vl:dso-bso), so 'bso kantoor' (a BSO
    # study: after 6 years a studiegetuigschrift, VKS 3) was read as that diploma, Mbo-diploma niveau 4
    # skos:relatedMatch 0.26: the level mix-up domain-facts (section 1, item 3) warns of. BSO names either.
    from competence_bridge.cli import main

    assert bridge.translate("bso kantoor", to="NL").candidates == ()
    assert main(["translate", "bso kantoor", "--to", "NL"]) == 2
    assert capsys.readouterr().err.startswith(
        "competence-bridge: error: nothing on the NL side matches 'bso kantoor'; did you mean 'Diploma secundair "
        "onderwijs BSO (7e jaar)', 'Studiegetuigschrift 6e jaar BSO'")
    seventh = bridge.translate("7e jaar bso", to="NL")
    assert (seventh.source.id, seventh.candidates[0].target.id) == ("vl:dso-bso", "nl:mbo-4")


def test_havo_tso_asymmetry_is_respected(bridge) -> None:
    havo = top(bridge, "nl:havo", n=5)
    assert havo[0].target.id == "vl:getuigschrift-2e-graad-aso"
    assert havo[0].levels.difference == 2
    assert all(c.predicate == "skos:relatedMatch" for c in havo if c.target.id.startswith("vl:dso-"))
    tso = {c.target.id: c for c in top(bridge, "vl:dso-tso", n=5)}
    assert {"nl:vwo", "nl:havo"} <= set(tso)
    assert tso["nl:vwo"].signals["recognition"] == 1.0 and tso["nl:havo"].signals["recognition"] == 0.6


def test_verzorgende_false_friend_is_flagged(bridge) -> None:
    candidates = {c.target.id: c for c in top(bridge, "nl:crebo-25656", n=5)}
    flemish = candidates["vl:bk-verzorgende"]
    assert "ff:verzorgende-vig" in flemish.flags and flemish.predicate != "skos:exactMatch"
    assert any("Valse vriend" in reason for reason in flemish.explanation)


def test_graduaat_to_associate_degree_is_recognised_and_warns_about_2004(bridge) -> None:
    first = top(bridge, "vl:graduaat")[0]
    assert (first.target.id, first.predicate) == ("nl:associate-degree", "skos:exactMatch")
    assert first.justification == "semapv:CompositeMatching"
    assert any("vóór 2004" in reason for reason in first.explanation)


def test_json_contract_of_a_candidate(bridge, capsys) -> None:
    assert main(["translate", "vl:bk-0140-3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    candidate = data["candidates"][0]
    assert {"id", "label", "kind", "region", "level", "predicate", "confidence", "justification",
            "explanation"} <= set(candidate)
    assert candidate["id"] == "nl:kd-monteur-elektrotechnische-installaties"
    assert 0 <= candidate["confidence"] <= 1 and candidate["region"] == "NL"


def test_free_text_needs_a_direction_and_unknown_regions_are_named(bridge) -> None:
    with pytest.raises(UnknownItemError, match="free text needs to='NL' or to='BE-VLG'"):
        bridge.translate("iets dat niet bestaat")
    with pytest.raises(UnknownItemError, match=r"^unknown region 'BE'; did you mean 'BE-VLG', 'NL'\?$"):
        bridge.translate("havo", to="BE")


def test_gap_report_zorgkundige_against_verzorgende_ig(bridge) -> None:
    report = bridge.compare("nl:crebo-25656", "vl:bk-zorgkundige")
    data = report.to_dict()
    assert data["levels"]["difference"] == -1 and data["levels"]["mismatch"] is True
    assert len(data["b_in_a"]) == len(bridge.items.items["vl:bk-zorgkundige"].competences)
    assert data["verdict"].startswith(("Weinig overlap gevonden (vergeleken op woorden)", "Gedeeltelijk gelijkwaardig",
                                       "Inhoudelijk grotendeels gelijkwaardig"))
    assert "het doeldiploma ligt 1 EQF-niveau hoger" in data["verdict"]
    assert set(data["missing_for_b"][0]) == {"id", "statement"}


def test_gap_report_lists_recognitions(bridge) -> None:
    report = bridge.compare("vl:graduaat", "nl:associate-degree")
    assert any(r.startswith("Nuffic waardeert Graduaat") for r in report.recognitions)


# --- review ------------------------------------------------------------------------------


def test_review_round_trip_and_curated_beats_predicted(bridge, tmp_path: Path) -> None:
    path = tmp_path / "decisions.sssom.tsv"
    bridge.review(path, "vl:bk-0140-3", "nl:crebo-25332", "accept", "An Peeters", comment="Na workshop")
    bridge.review(path, "vl:bk-0140-3", "nl:kd-monteur-elektrotechnische-installaties", "reject", "An Peeters")
    rows = {m.object_id: m for m in read_sssom(path).mappings}
    assert rows["nl:kd-monteur-elektrotechnische-installaties"].predicate_modifier == "Not"
    assert rows["nl:crebo-25332"].mapping_justification == "semapv:ManualMappingCuration"
    translated = bridge.translate("vl:bk-0140-3", reviews=path)
    ids = [c.target.id for c in translated.candidates]
    assert ids[0] == "nl:crebo-25332" and translated.candidates[0].review == "accepted"
    assert "nl:kd-monteur-elektrotechnische-installaties" not in ids
    # re-running translation does not touch the decisions file
    before = path.read_bytes()
    bridge.translate("vl:bk-0140-3", reviews=path)
    assert path.read_bytes() == before


def test_review_of_a_mapping_that_was_never_proposed_writes_nothing(bridge, tmp_path: Path) -> None:
    path = tmp_path / "decisions.sssom.tsv"
    with pytest.raises(ReviewError, match=r"^no proposed mapping from vl:bk-0140-3 to nl:havo; "):
        bridge.review(path, "vl:bk-0140-3", "nl:havo", "accept", "An")
    assert not path.exists()


def test_interrupted_review_save_leaves_the_previous_file(bridge, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "decisions.sssom.tsv"
    bridge.review(path, "vl:graduaat", "nl:associate-degree", "accept", "An")
    before = path.read_bytes()
    import os

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        bridge.review(path, "vl:dso-aso", "nl:vwo", "accept", "An")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["decisions.sssom.tsv"]


# --- SSSOM export and evaluation ---------------------------------------------------------


def test_sssom_export_is_valid_and_carries_levels(bridge, tmp_path: Path, capsys) -> None:
    target = tmp_path / "be-nl.sssom.tsv"
    assert main(["export", "--format", "sssom", "-o", str(target)]) == 0
    mapping_set = read_sssom(target)
    kinesi = next(m for m in mapping_set.mappings if m.subject_id == "vl:bk-0337-1")
    assert kinesi.other_fields()["level_difference"] == "1"
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    reports = validate(parse_sssom_table(target), fail_on_error=False)
    assert all(not report.results for report in reports.values())


def test_gold_set_scores(bridge) -> None:
    scores = bridge.evaluate(GOLD, k=3)
    # issue 12's target for gold set (c)
    assert scores.precision >= 0.95 and scores.recall >= 0.95
    assert scores.recall_at_k >= 0.95
    assert scores.level_flags == 1.0
    # the pairs not ranked first, named: a change that mends or breaks one shows here
    assert {(p.subject, p.object, p.rank) for p in scores.pairs if p.rank != 1} == {
        ("nl:crebo-25606", "vl:bk-0469-1", 3),
        ("nl:crebo-25656", "vl:ok-verzorging", 2),
        ("vl:bk-monteur-sanitaire-en-verwarmingsinstallaties", "nl:crebo-25349", 2),
    }


def test_gold_set_c_holds_a_hundred_sourced_pairs_between_curated_items(bridge) -> None:
    rows = read_sssom(GOLD).mappings
    assert len(rows) >= 100
    assert len({(row.subject_id, row.object_id) for row in rows}) == len(rows)
    tiers = {"A", "B", "C", "term", "esco", "anchor", "official"}
    for row in rows:
        assert row.comment and row.other_fields()["tier"] in tiers, row
        assert bridge.item(row.subject_id).region != bridge.item(row.object_id).region, row


def test_netwerktechnieker_finds_netwerkbeheerder_through_the_compound_parts(bridge) -> None:
    # netwerk|technieker and netwerk|beheerder share their first part; ESCO and ISCO say they differ
    first = top(bridge, "vl:job.netwerktechnieker")[0]
    assert first.target.id == "nl:job.netwerkbeheerder" and first.predicate == "skos:relatedMatch"
    assert ("Naam 'Netwerktechnieker' ≈ 'Netwerkbeheerder' (52%): alleen het eerste deel van een samenstelling is "
            "gedeeld (netwerk), niet het beroep zelf.") in first.explanation


def test_a_part_shared_as_a_head_in_one_name_is_said_to_be_a_first_part_only_in_the_other(bridge) -> None:
    # Was: "alleen het eerste deel van een samenstelling is gedeeld (constructi)": a stem, and false of
    # 'Lassen-constructie (bso)', where constructie is a word of its own.
    lines = next(c for c in top(bridge, "vl:ok-lassen-constructie") if c.target.id == "nl:crebo-25286").explanation
    assert ("Naam 'Lassen-constructie (bso)' ≈ 'Allround constructiewerker' (33%): alleen constructie is gedeeld, in "
            "'Allround constructiewerker' alleen het eerste deel van een samenstelling, niet het beroep zelf.") in lines
    english = next(c for c in top(bridge, "vl:bk-0267") if c.target.id == "nl:crebo-25286").explanation_en
    assert ("Name 'monteerder metaalconstructie' ≈ 'metaalconstructiewerker' (68%): only constructie and metaal are "
            "shared, in 'metaalconstructiewerker' only first parts of a compound, not the occupation itself."
            ) in english


def test_words_shared_only_inside_a_compound_are_said_as_word_parts(bridge) -> None:
    # Was: "(76% gedeelde woorden)": neither 'zorg' nor 'assistent' is a word of 'zorgassistent'
    lines = next(c for c in top(bridge, "vl:bk-0498-2") if c.target.id == "nl:kd-zorghulp")
    assert ("Naam 'Logistiek assistent in de zorg' ≈ 'zorgassistent' (76% gedeelde woorden en woorddelen; als deel "
            "van een samenstelling: assistent in zorgassistent; zorg in zorgassistent).") in lines.explanation
    assert ("Name 'Logistiek assistent in de zorg' ≈ 'zorgassistent' (76% shared words and word parts; as part of a "
            "compound: assistent in zorgassistent; zorg in zorgassistent).") in lines.explanation_en
    # a compound both names write is a shared word, whole
    same = top(bridge, "vl:job.systeembeheerder")[0]
    assert "Naam 'Systeembeheerder' ≈ 'Systeembeheerder' (100% gedeelde woorden)." in same.explanation


def test_zorgkundige_and_verzorgende_ig_share_the_nursing_acts(bridge) -> None:
    # 'verpleegkundige activiteiten' (nl-BE) is what a Verzorgende-IG's 'verpleegtechnische handelingen' are
    report = bridge.compare("vl:bk-zorgkundige", "nl:crebo-25656")
    covered = {m.competence.id: m.best.id for m in report.a_in_b if m.covered}
    assert covered == {"vl:bk-zorgkundige.c02": "nl:crebo-25656.w03"}
    assert report.coverage_a_in_b > 0.1 and report.coverage_b_in_a > 0.09
    words = bridge.translator.shared_words(bridge.items.competences["vl:bk-zorgkundige.c02"],
                                           bridge.items.competences["nl:crebo-25656.w03"])
    # said as the substitution it is: the Flemish statement does not say "handelingen"
    substitution = ("verpleegkundige activiteiten = verpleegtechnische handelingen "
                    "(term:verpleegkundige-activiteiten)")
    assert words == ((substitution, substitution), ("voert", "voert"))


# --- the analyser and the term layer ---------------------------------------------------------


def test_analyser_splits_compounds_and_folds_the_flemish_head() -> None:
    analyser = Analyser.from_texts(["netwerkbeheer", "netwerk", "technicus", "verwarming", "installateur",
                                    "installatie", "technieker"])
    assert analyser.keys("netwerktechniekers") == {"netwerk", "technicus"}
    assert analyser.keys("verwarmingsinstallateur") == analyser.keys("installateur (verwarming)")
    assert analyser.keys("Verpleegster") == analyser.keys("verplegers")
    assert "3" in analyser.keys("verzorgende niveau 3")  # a level number is a word here


def test_term_layer_never_rewrites_a_dutch_form() -> None:
    layer = TermLayer([
        TermEntry("term:zorgkundige", ("zorgkundige",), ("verzorgende ig", "verzorgende-ig"), "close"),
        TermEntry("term:verzorgende", ("verzorgende",), ("helpende zorg en welzijn", "helpende"), "close"),
        TermEntry("term:technieker", ("technieker",), ("technicus", "monteur"), "exact"),
        TermEntry("term:elektromecanicien", ("elektromecanicien",), ("monteur mechatronica", "technicus mechatronica"),
                  "close")])
    assert layer.apply("Zorgkundige")[0] == "verzorgende ig"  # not 'helpende zorg en welzijn ig'
    assert layer.apply("Verzorgende-IG")[0] == "verzorgende ig"
    assert layer.apply("Helpende zorg en welzijn")[0] == "helpende zorg en welzijn"
    text, fired = layer.apply("verzorgende in de thuiszorg")
    assert text == "helpende zorg en welzijn in de thuiszorg" and [s.term_pair for s in fired] == ["term:verzorgende"]
    # a replacement that completes a longer form is replaced again
    assert layer.apply("Technieker mechatronica")[0] == layer.apply("monteur mechatronica")[0] == "monteur mechatronica"


def test_term_layer_leaves_a_false_friend_as_written_in_a_netherlands_text() -> None:
    layer = TermLayer([TermEntry("term:verzorgende", ("verzorgende",), ("helpende zorg en welzijn", "helpende"),
                                 "close"),
                       TermEntry("term:technieker", ("technieker",), ("technicus",), "exact")],
                      netherlands_words=["Verzorgende"])
    # in the Netherlands 'verzorgende niveau 3' is the Verzorgende-IG; a Dutch variant is still made the first form
    assert layer.apply("verzorgende niveau 3", netherlands=True) == ("verzorgende niveau 3", ())
    assert layer.apply("helpende instelling", netherlands=True)[0] == "helpende zorg en welzijn instelling"
    assert layer.apply("technieker", netherlands=True)[0] == "technicus"
    assert layer.apply("verzorgende niveau 3")[0] == "helpende zorg en welzijn niveau 3"


def test_a_substitution_says_whether_it_turned_a_flemish_word_or_made_a_dutch_variant_the_first_form() -> None:
    layer = TermLayer([TermEntry("term:magazijnier", ("magazijnier",), ("magazijnmedewerker", "logistiek medewerker"),
                                 "exact")])
    assert layer.apply("magazijnier")[1] == (
        Substitution("term:magazijnier", "magazijnier", "magazijnmedewerker", "exact", flemish=True),)
    assert layer.apply("logistiek medewerker zorg") == ("magazijnmedewerker zorg", (
        Substitution("term:magazijnier", "logistiek medewerker", "magazijnmedewerker", "exact", flemish=False),))


def test_verzorgende_ig_to_flanders_says_the_false_friend_and_counts_no_name(bridge) -> None:
    candidates = {c.target.id: c for c in top(bridge, "nl:crebo-25656", "BE-VLG", 5)}
    assert list(candidates)[:2] == ["vl:bk-zorgkundige", "vl:ok-verzorging"]
    friend = candidates["vl:bk-verzorgende"]
    assert friend.explanation[0] == "Naam 'Verzorgende-IG' ≈ 'Verzorgende' (62% gedeelde woorden)."
    assert friend.explanation[-3:] == (
        "Valse vriend: de Vlaamse verzorgende (polyvalent basiswerker) is niet de Nederlandse Verzorgende-IG "
        "(mbo 3, voorbehouden handelingen).",
        "De naam telt daarom niet mee.",
        "Zekerheid volgens de signalen: naam 0,00 (0,00 × 0,35/1,15) + ESCO-beroep 0,26 (1,00 × 0,30/1,15) + "
        "ISCO-groep 0,09 (1,00 × 0,10/1,15) + competenties 0,00 (0,00 × 0,40/1,15) = 0,35; × 0,70 valse vriend = "
        "0,24.")
    assert friend.explanation_en[-2] == "So the name does not count."


def _translator(*items: Item) -> Translator:
    """A translator over hand-made items with the shipped settings and vocabulary."""
    settings, vocabulary = shipped()
    return Translator(ItemTable({item.id: item for item in items}, {}), settings=settings, vocabulary=vocabulary,
                      false_friends=[], describe_level=str, recognitions=lambda item: [])


def test_translation_maps_leerkracht_to_leraar_through_the_term_pairs() -> None:
    # the same pair search uses (term:leerkracht in taxonomies/terms.yaml)
    translator = _translator(Item("vl:x", "job-profile", "BE-VLG", "Leerkracht wiskunde"),
                             Item("nl:y", "job-profile", "NL", "Leraar wiskunde"),
                             Item("nl:z", "job-profile", "NL", "Docent wiskunde"))
    first = translator.translate(translator.table.items["vl:x"], "NL").candidates[0]
    assert first.target.id == "nl:y" and first.signals["terms"] == 1.0
    assert first.explanation == ("Naam 'Leerkracht wiskunde' ≈ 'Leraar wiskunde' na termvervanging (leerkracht → leraar): 100% gedeelde woorden.",
                                 "Termvervanging Vlaams → Nederlands: leerkracht → leraar (bron: European "
                                 "Commission (ESCO v1.2.0), “ESCO occupation 'leraar basisonderwijs' (labels leerkracht "
                                 "basisonderwijs, leerkracht lager onderwijs)”).",
                                 "Zekerheid volgens de signalen: naam 0,70 (1,00 × 0,35/0,50) + termenlaag 0,30 "
                                 "(1,00 × 0,15/0,50) = 1,00.")
    assert first.explanation_en[-1] == ("Confidence from the signals: name 0.70 (1.00 × 0.35/0.50) + term layer "
                                        "0.30 (1.00 × 0.15/0.50) = 1.00.")
    assert first.to_dict()["breakdown"] == {
        "signals": [{"signal": "lexical", "weight": 0.35, "score": 1.0, "contribution": 0.7},
                    {"signal": "terms", "weight": 0.15, "score": 1.0, "contribution": 0.3}],
        "mean": 1.0, "factors": [], "raw": 1.0, "calibrated": None, "value": 1.0}


def test_settings_must_weigh_exactly_the_signals() -> None:
    settings, _vocabulary = shipped()
    with pytest.raises(CompetenceBridgeError, match=(
            r"^matching settings cb:default-matching: weights must name every signal \(lexical, terms, esco, isco, "
            r"structure, recognition\); missing recognition; unknown recogniton$")):
        check_weights(settings.model_copy(update={"weights": {**{k: v for k, v in settings.weights.items()
                                                                   if k != "recognition"}, "recogniton": 0.3}}),
                      SIGNALS)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("beher", "behertak", True),  # beheer / beheertaken: a compound kept whole
    ("server", "linuxserver", True),  # a compound's head
    ("stelt", "herstelt", False),  # a verb prefix changes the meaning
    ("plaatst", "verplaatst", False),
])
def test_near_words_in_statements(a: str, b: str, same: bool) -> None:
    assert bool(soft_dice(frozenset({a}), frozenset({b}))[1]) is same


# --- the lossless join -------------------------------------------------------------------

token_sets = st.lists(st.frozensets(st.sampled_from("abcdefghijklmnop"), max_size=7), max_size=25)


@settings(max_examples=200, deadline=None)
@given(token_sets, token_sets, st.sampled_from([0.3, 0.5, 0.67, 0.8, 1.0]))
def test_all_pairs_join_equals_exhaustive_comparison(left, right, threshold) -> None:
    assert similarity_join(left, right, threshold) == exhaustive_join(left, right, threshold)


@pytest.fixture(scope="module")
def with_esco():
    from conftest import shared_data

    import competence_bridge

    return competence_bridge.load(esco=shared_data("esco-nl-1.2.0"))


@pytest.mark.parametrize(("flemish", "dutch"), [("magazijnier", "magazijnmedewerker"), ("vroedvrouw", "verloskundige")])
def test_flemish_esco_alt_labels_translate_to_the_dutch_preferred_title(with_esco, flemish: str, dutch: str) -> None:
    translation = with_esco.translate(flemish, to="NL")
    # 'magazijnier' also names a beroepskwalificatie: its list holds qualifications, the occupation is a job. The
    # curated Dutch job profile, as confident, comes first: an item of the side asked for before an ESCO concept.
    found = translation.jobs if any(s.startswith("vl:bk") for s in translation.via) else translation.candidates
    assert found[0].target.kind == "job-profile" and found[0].target.region == "NL"
    esco = found[1]
    assert (esco.target.kind, esco.target.label, esco.predicate) == ("occupation", dutch, "skos:exactMatch")
    assert found[0].confidence == esco.confidence == 1.0


def test_an_initialism_is_a_word_and_a_status_is_no_occupation(with_esco) -> None:
    # Was: 'technieker' -> technicus kunstmatige inseminatie, closeMatch 0.89 ("100% gedeelde woorden": its label
    # 'k.i.-technicus' was read as 'technicus', the one-letter words dropped); 'bediende' -> operator naaimachine,
    # closeMatch 0.63 (bediende and arbeider, Belgian employment statuses, both rewritten to werknemer).
    technieker = with_esco.translate("technieker", to="NL").candidates
    assert technieker and all(c.predicate == "skos:relatedMatch" and c.confidence < 0.3 for c in technieker)
    assert "technicus kunstmatige inseminatie" not in [c.target.label for c in technieker]
    assert with_esco.translate("bediende", to="NL").candidates == ()
    first = with_esco.translate("k.i.-technicus", to="NL").candidates[0]  # the initialism itself still finds it
    assert (first.target.label, first.predicate) == ("technicus kunstmatige inseminatie", "skos:exactMatch")


def test_free_text_with_esco_finds_the_occupation(with_esco) -> None:
    # The ESCO occupation follows the Dutch job profile anchored to it (before this stop it came first).
    first, second = with_esco.translate("verwarmingsinstallateur", to="NL").candidates[:2]
    assert (first.target.label, second.target.label) == ("Cv-monteur", "verwarmingsmonteur")
    assert any("Zelfde ESCO-beroep: verwarmingsmonteur" in reason for reason in first.explanation)
    # the source's own anchor is said as what it is, not as an anchor both share
    assert "Het ESCO-anker van Installateur centrale verwarming in de gecureerde taxonomie, met dezelfde naam." in \
        second.explanation and second.predicate == "skos:exactMatch"
    assert [hop.predicate for hop in second.hops] == ["skos:exactMatch"]  # its hop claims what the candidate does


def test_a_curated_item_s_own_esco_anchor_is_exact_only_under_the_same_name(with_esco) -> None:
    # Before: Opvoeder-begeleider -> medewerker residentiële jeugdhulp (its own curated anchor, 64% shared words)
    # skos:exactMatch 0.83, "Zelfde ESCO-beroep", while the chain from the same anchor said "komt nagenoeg overeen"
    # (skos:closeMatch): a curated anchor is the curator's closest ESCO occupation, a close match.
    first = with_esco.translate("vl:job.opvoeder-begeleider", to="NL").candidates[0]
    assert (first.target.label, first.predicate, round(first.confidence, 2)) == (
        "medewerker residentiële jeugdhulp", "skos:closeMatch", 0.83)
    assert first.explanation[1] == ("Het ESCO-anker van Opvoeder-begeleider in de gecureerde taxonomie: een nauwe "
                                    "overeenkomst (skos:closeMatch); exact alleen onder dezelfde naam.")
    assert first.explanation_en[1] == ("The ESCO anchor of Opvoeder-begeleider in the curated taxonomy: a close match "
                                       "(skos:closeMatch); exact only under the same name.")
    verpleeghulp = next(c for c in with_esco.translate("vl:job.zorgkundige", to="NL").candidates
                        if c.target.label == "verpleeghulp")
    assert verpleeghulp.predicate == "skos:closeMatch"  # was exactMatch 0.86 on 72% shared words
    assert [hop.predicate for hop in first.hops] == ["skos:closeMatch"]


def test_free_text_anchored_by_an_esco_label_says_where_its_anchor_comes_from(with_esco) -> None:
    # Before: "Zelfde ESCO-beroep: voorman metselaar (...)." as if 'metser' had an anchor of its own; the anchor of
    # free text is the occupation ESCO gives that name ('kapster' is an alternative label of kapper).
    first = with_esco.translate("kapster", to="NL").candidates[0]
    assert (first.target.label, first.predicate) == ("kapper", "skos:exactMatch")
    assert first.explanation[1] == (f"Zelfde ESCO-beroep: kapper ({first.target.id}); de tekst is een naam ervan in "
                                    "ESCO.")
    assert first.explanation_en[1] == (f"Same ESCO occupation: kapper ({first.target.id}); the text is one of its names "
                                       "in ESCO.")
    job = with_esco.translate("vl:job.lasser", to="NL").candidates[0]  # a curated anchor is said as before
    assert f"Zelfde ESCO-beroep: lasser ({next(iter(job.target.esco))})." in job.explanation


def test_an_esco_hidden_label_names_an_occupation_as_an_alternative_one_does(with_esco) -> None:
    # Before: 'metser' -> voorman metselaar exactMatch 1.00 (the text is its alternative label); ESCO also gives
    # metselaar the name (a hidden label), so the text names two occupations and is exact for neither. They lie in
    # two ISCO groups, so the text's group is as ambiguous (before, each shared group scored 1 and both were 0.80).
    candidates = with_esco.translate("metser", to="NL").candidates
    assert [(c.target.label, c.predicate, round(c.confidence, 2), c.signals["esco"], c.signals["isco"])
            for c in candidates[:2]] == [("voorman metselaar", "skos:closeMatch", 0.73, 0.5, 0.5),
                                         ("metselaar", "skos:closeMatch", 0.73, 0.5, 0.5)]
    assert candidates[1].explanation[1] == (
        f"Zelfde ESCO-beroep: metselaar ({candidates[1].target.id}); de tekst is in ESCO een naam van 2 beroepen, "
        "dit is er één van.")
    # a hidden label alone (a misspelling ESCO keeps for finding the occupation) still names it
    first = with_esco.translate("manager welnesscentrum", to="NL").candidates[0]
    assert (first.target.label, first.predicate, first.confidence) == ("manager wellnesscentrum", "skos:exactMatch",
                                                                       1.0)


def test_a_generic_word_is_no_name_of_an_occupation_even_when_esco_gives_it_as_one(with_esco) -> None:
    # Before: 'medewerker' -> technicus drankenfiltering exactMatch 1.00, "de tekst is een naam ervan in ESCO": ESCO
    # 1.2.0 gives that occupation the alternative labels medewerker, operator and bediener. Medewerker is a generic
    # word (generic_words): two labels that share only such words are no evidence, nor is one such word as the same
    # label of an occupation or job profile.
    result = with_esco.translate("medewerker", to="NL", limit=50)
    assert result.source.esco == set()
    assert not [c for c in result.candidates if "drankenfiltering" in c.target.label]
    esco = with_esco.items.items
    drankenfiltering = next(i for i in esco.values() if i.label == "technicus drankenfiltering")
    assert "medewerker" in drankenfiltering.alt_labels
    # Operator and bediener are role words of every industry too (67 and 24 labels of VDAB and UWV occupations):
    # 'operator' was technicus drankenfiltering, exactMatch 1.00; 'bediener' was it and centrifugemedewerker,
    # closeMatch 0.80 each
    assert {"operator", "bediener"} <= set(drankenfiltering.alt_labels)
    for word in ("operator", "bediener"):
        result = with_esco.translate(word, to="NL", limit=50)
        assert result.source.esco == set()
        assert not [c for c in result.candidates if c.target.label in ("technicus drankenfiltering",
                                                                       "centrifugemedewerker")]
    # a word that is not generic still names the occupations that carry it (schoonmaker: an alternative label of
    # schoonmaker gebouwen alone), and so do generic words with others (in Flanders an 'assistent in opleiding' is
    # a university's junior researcher)
    cleaner = next(i for i in esco.values() if i.label == "schoonmaker gebouwen")
    assert "schoonmaker" in cleaner.alt_labels
    assert with_esco.translate("schoonmaker", to="NL").source.esco == {cleaner.id}
    assert len(with_esco.translate("assistent in opleiding", to="NL").source.esco) == 2
    # a school word alone names a type of education, not work: the same label still counts
    kso = with_esco.translate("KSO", to="BE-VLG").candidates[0]
    assert (kso.target.id, kso.predicate, round(kso.confidence, 3)) == ("vl:dso-kso", "skos:closeMatch", 0.857)


def test_free_text_that_esco_gives_several_occupations_is_exact_for_none(with_esco) -> None:
    # Before: 'schrijnwerker' (an alternative label of both) -> timmerman exactMatch 1.00 and meubelmaker
    # exactMatch 1.00: two different "exact" answers from one ambiguous name.
    candidates = with_esco.translate("schrijnwerker", to="NL").candidates
    assert [(c.target.label, c.predicate, round(c.confidence, 2)) for c in candidates[:2]] == [
        ("timmerman", "skos:closeMatch", 0.73), ("meubelmaker", "skos:closeMatch", 0.73)]
    assert candidates[0].signals["esco"] == candidates[0].signals["isco"] == 0.5  # two groups, too
    assert candidates[0].explanation[1] == (
        f"Zelfde ESCO-beroep: timmerman ({candidates[0].target.id}); de tekst is in ESCO een naam van 2 beroepen, "
        "dit is er één van.")
    assert candidates[0].explanation_en[1].endswith("in ESCO the text names 2 occupations, this is one of them.")
    assert not any(c.predicate == "skos:exactMatch" for c in candidates)


def test_the_hop_from_a_name_esco_gives_several_occupations_counts_its_share(with_esco) -> None:
    # Before: the hop from 'monteur' to each of its three ESCO occupations counted hop_confidence in full (0.9),
    # while the official chains' first hop from the same text counts anchor_confidence / 3 (0.27).
    result = with_esco.translate("monteur", to="NL")
    editor = next(c for c in result.candidates if c.target.label == "editor film en video")
    assert [(hop.predicate, round(hop.confidence, 2)) for hop in editor.hops] == [("skos:closeMatch", 0.3)]
    single = with_esco.translate("kapster", to="NL").candidates[0]  # one occupation: the hop in full
    assert [(hop.predicate, hop.confidence) for hop in single.hops] == [("skos:exactMatch", 0.9)]


def test_a_name_esco_gives_several_occupations_puts_one_of_them_first(with_esco) -> None:
    # Every name ESCO 1.2.0 gives two or more occupations and none as its preferred label (1,084), the first 40 in
    # order: the first candidate is one of those occupations or an item anchored to one. (Tried in stop 38: the
    # readings' confidences multiplied by 1/n, so that three readings no longer add up to 1.92; a candidate that is
    # none of them, scored by the uncalibrated weights, then came first for 107 of 1,071 such names.)
    names: dict[str, set[str]] = {}
    preferred = set()
    for item in with_esco.items.items.values():
        if item.kind == "occupation" and item.id.startswith("esco-occupation:"):
            preferred.add(item.label.lower())
            for label in item.alt_labels:
                names.setdefault(label.lower(), set()).add(item.id)
    checked = 0
    for name in sorted(name for name, owners in names.items() if len(owners) > 1 and name not in preferred)[:40]:
        result = with_esco.translate(name, to="NL", limit=5)
        if len(result.source.esco) < 2:
            continue  # a generic word, or a name read otherwise
        checked += 1
        first = result.candidates[0].target
        assert first.id in result.source.esco or first.esco & result.source.esco, (name, first.id)
    assert checked >= 30


def test_a_type_of_education_only_the_first_part_of_a_compound_names_is_no_scope(bridge) -> None:
    # Before: 'promotiemedewerker' -> Doctor (PhD) skos:broadMatch 0.82, first, "Het doel is ruimer: 'promotie' is
    # een onderwijstype, 'promotiemedewerker' noemt meer (medewerker)": a promotiemedewerker is a medewerker, and
    # 'promotie' (a doctorate) is only the first part of the compound. Now the name alone, calibrated.
    for text in ("promotiemedewerker", "promotiemedewerkster"):
        first = bridge.translate(text, to="NL").candidates[0]
        assert (first.target.id, first.predicate, round(first.confidence, 2)) == ("nl:doctor", "skos:relatedMatch",
                                                                                  0.26)
        assert first.breakdown is not None and first.breakdown.calibrated is not None
        assert not any("onderwijstype" in line for line in first.explanation)
    # a compound whose other part is a word of a type of education keeps the scope (a masteropleiding is an
    # opleiding), and so does a type's word written as a word
    # (read through the Flemish type Master since through_type.py: broader, at the name's 0.49 times its 1.00)
    master = bridge.translate("masteropleiding verpleegkunde", to="NL").candidates[0]
    assert (master.target.id, master.predicate, round(master.confidence, 2)) == ("nl:wo-master", "skos:broadMatch",
                                                                                 0.49)
    assert master.explanation[0].startswith("De tekst noemt een opleiding van het onderwijstype Master (vl:master)")
    hbo5 = bridge.translate("hbo5 boekhouden", to="NL").candidates[0]
    assert (hbo5.target.id, hbo5.predicate) == ("nl:associate-degree", "skos:broadMatch")


def test_a_type_of_education_beside_a_generic_word_of_work_is_no_scope(bridge) -> None:
    # Before: 'medewerker promotie' -> Doctor (PhD) skos:broadMatch 0.82 and 'entree medewerker' -> mbo 1 (Entree)
    # skos:broadMatch 0.81, uncalibrated, as programmes of those types. A medewerker names a job.
    for text, type_ in (("medewerker promotie", "nl:doctor"), ("entree medewerker", "nl:mbo-1")):
        first = bridge.translate(text, to="NL").candidates[0]
        assert (first.target.id, first.predicate, round(first.confidence, 2)) == (type_, "skos:relatedMatch", 0.26)
        assert first.breakdown is not None and first.breakdown.calibrated is not None
        assert not any("onderwijstype" in line for line in first.explanation)
    # a field of study or a pathway's trade beside the type keeps the scope
    for text, type_ in (("mbo 4 ICT", "nl:mbo-4"), ("duaal leren elektricien", "nl:bbl")):
        first = bridge.translate(text, to="NL").candidates[0]
        assert (first.target.id, first.predicate) == (type_, "skos:broadMatch")


def test_job_profiles_compare_through_the_qualifications_that_prepare_for_them(bridge) -> None:
    report = bridge.compare("vl:job.zorgkundige", "nl:job.verzorgende-ig")
    assert report.a.competences_from == ["vl:bk-zorgkundige", "vl:ok-thuis-en-bejaardenzorg-zorgkundige"]
    assert report.b.competences_from == ["nl:crebo-25656"]
    assert [m.competence.id for m in report.b_in_a] == [c.id for c in bridge.items.items["nl:crebo-25656"].competences]
    assert report.to_dict()["competences_from"] == {
        "a": ["vl:bk-zorgkundige", "vl:ok-thuis-en-bejaardenzorg-zorgkundige"], "b": ["nl:crebo-25656"]}
    assert ("Het beroepsprofiel Verzorgende-IG heeft geen eigen competenties; vergeleken zijn die van de "
            "kwalificatie(s) die erop voorbereiden (nl:crebo-25656).") in report.verdict()
    own = bridge.compare("vl:bk-zorgkundige", "nl:crebo-25656")
    assert own.to_dict()["competences_from"] == {"a": [], "b": []} and "beroepsprofiel" not in own.verdict()


def test_an_esco_occupation_needs_a_direction(with_esco) -> None:
    occupation = with_esco.item("magazijnmedewerker")
    assert occupation.kind == "occupation" and occupation.region is None
    with pytest.raises(CompetenceBridgeError, match=(
            rf"^{occupation.id} belongs to neither side \(an ESCO occupation\); say where to translate it: "
            r"to='NL' or to='BE-VLG' \(--to\)$")):
        with_esco.translate(occupation.id)
    assert with_esco.translate(occupation.id, to="BE-VLG").candidates[0].target.id == "vl:job.magazijnier"


def test_a_translation_points_to_its_gap_report(bridge) -> None:
    text = bridge.translate("vl:bk-zorgkundige", limit=1).to_text()
    assert text.splitlines()[-3:] == [
        "Wat verschilt, competentie per competentie: competence-bridge compare vl:bk-zorgkundige nl:crebo-25656",
        "Beroepen waarvoor dit opleidt, aan de andere kant (uitleg: competence-bridge translate vl:job.zorgkundige):",
        "  1. Verzorgende-IG (nl:job.verzorgende-ig)  skos:relatedMatch  0.52  semapv:CompositeMatching"]
    # the title names the beroepskwalificatie and the job profile: the list is the qualification's, so the hint stays
    assert ("Wat verschilt, competentie per competentie: competence-bridge compare vl:bk-zorgkundige nl:crebo-25656"
            in bridge.translate("zorgkundige", to="NL").to_text().splitlines())
    assert "competence-bridge compare" not in bridge.translate("hbo5 verpleegkunde", to="NL").to_text()  # merged


def test_borrowed_competences_do_not_score_a_job_profile_twice(bridge) -> None:
    job = bridge.translate("vl:job.zorgkundige", to="NL")
    assert job.source.competences_from and all("structure" not in c.signals for c in job.candidates)
    qualification = bridge.translate("vl:bk-zorgkundige", to="NL")
    assert "structure" in qualification.candidates[0].signals


def test_free_text_whose_esco_occupations_lie_in_several_isco_groups_shares_a_group_by_its_share(with_esco) -> None:
    # Before: 'monteur' (a name of an installatie-ingenieur, a film editor and a forestry mechanic in ESCO) shared
    # each one's ISCO group in full: closeMatch 0.73 each, and every Dutch item of group 7233 gained a full group.
    candidates = with_esco.translate("monteur", to="NL", limit=5).candidates
    assert [(c.target.label, c.predicate, round(c.confidence, 2)) for c in candidates] == [
        ("installatie-ingenieur", "skos:closeMatch", 0.64), ("editor film en video", "skos:closeMatch", 0.64),
        ("werktuigbouwkundige bosbouw", "skos:closeMatch", 0.64),
        ("Eerste monteur service en onderhoud werktuigbouw", "skos:relatedMatch", 0.33),
        ("Onderhoudsmonteur", "skos:relatedMatch", 0.33)]
    assert candidates[1].explanation[2] == ("Zelfde ISCO-08-beroepsgroep 2654; de beroepen die de tekst in ESCO noemt, "
                                            "liggen in 3 groepen, dit is er één van.")
    assert candidates[1].explanation_en[2] == ("Same ISCO-08 unit group 2654; the occupations the text names in ESCO "
                                               "lie in 3 groups, this is one of them.")
    assert candidates[3].signals["isco"] == 1 / 3
    single = with_esco.translate("kapster", to="NL").candidates[0]  # one occupation: its group in full
    assert single.signals["isco"] == 1.0 and single.explanation[2].startswith("Zelfde ISCO-08-beroepsgroep ")
    assert single.explanation[2].endswith(".") and "groepen" not in single.explanation[2]


def test_free_text_in_flemish_has_the_esco_occupations_its_dutch_reading_names(with_esco) -> None:
    # Before: ESCO names no occupation 'mecanicien', so the text had no anchor, while the term layer read it as
    # 'monteur': Monteur werktuigkundige installaties, installatie-ingenieur, the film editor and the forestry
    # mechanic each closeMatch 1.00 (0.86 after the calibration of names), where typed as 'monteur' the name's three
    # ESCO occupations share its anchor (0.64 each). Now the text has the occupations its reading names.
    def listed(text: str) -> list[tuple[str, str, float]]:
        return [(c.target.id, c.predicate, round(c.confidence, 2))
                for c in with_esco.translate(text, to="NL", limit=5).candidates]

    assert listed("mecanicien")[:3] == listed("monteur")[:3] == [
        (f"esco-occupation:{uuid}", "skos:closeMatch", 0.64) for uuid in (
            "58c30193-d29f-4d22-8bf0-fd87346b91dd", "ac734172-ae9a-41ab-80a0-a7b33694e027",
            "f49d893a-ac89-4f3b-b547-1cbdf4d69fde")]
    first = with_esco.translate("mecanicien", to="NL").candidates[0]
    assert first.explanation[2:4] == (
        f"Zelfde ESCO-beroep: installatie-ingenieur ({first.target.id}); de tekst, gelezen als 'monteur' (termenlaag), "
        "is in ESCO een naam van 3 beroepen, dit is er één van.",
        "Zelfde ISCO-08-beroepsgroep 2149; de beroepen die de tekst, gelezen als 'monteur' (termenlaag), in ESCO noemt, "
        "liggen in 3 groepen, dit is er één van.")
    assert first.explanation_en[2] == (
        f"Same ESCO occupation: installatie-ingenieur ({first.target.id}); in ESCO the text, read as 'monteur' (term "
        "layer), names 3 occupations, this is one of them.")
    # a text ESCO names as written keeps its own wording, and a Dutch text is not read as Flemish
    own = with_esco.translate("monteur", to="NL").candidates[0].explanation
    assert "de tekst is in ESCO een naam van 3 beroepen" in own[1]
    assert with_esco.translate("mecanicien", to="BE-VLG").source.esco == set()
