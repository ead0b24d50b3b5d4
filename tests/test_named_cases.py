"""The named cases of the issue "Trustworthy translations": the first answer a counsellor reads is right."""

from __future__ import annotations

import dataclasses
import re

from competence_bridge.matching.results import Candidate
from competence_bridge.rdf.items import Item
from competence_bridge.vocabulary import PROPOSED_KINDS


def test_zorgkundige_first_meets_verzorgende_ig_not_zorghulp(bridge) -> None:
    result = bridge.translate("zorgkundige", to="NL")  # the beroepskwalificatie and the job profile
    assert result.candidates[0].target.id == "nl:crebo-25656"  # the qualification list: qualifications only
    assert "level-mismatch" in result.candidates[0].flags
    jobs = [candidate.target.id for candidate in result.jobs]
    assert jobs[0] == "nl:job.verzorgende-ig"
    zorghulp = next(c for c in result.jobs if c.target.id == "nl:job.zorghulp")
    assert zorghulp.predicate != "skos:exactMatch"


def test_zorgkundige_is_anchored_to_esco_verpleeghulp(bridge) -> None:
    assert bridge.item("vl:job.zorgkundige").esco == {"esco-occupation:87d0795a-d41f-47ee-979f-0ab7d73836e7"}


def test_a_flemish_verpleegkundige_is_the_hbo_nurse_not_the_mbo_nurse(bridge) -> None:
    result = bridge.translate("verpleegkundige", to="NL")
    assert result.source.id == "vl:job.verpleegkundige"
    first = result.candidates[0]
    assert (first.target.id, first.predicate) == ("nl:job.hbo-verpleegkundige", "skos:exactMatch")
    mbo = next(c for c in result.candidates if c.target.id == "nl:job.mbo-verpleegkundige")
    assert mbo.predicate != "skos:exactMatch" and mbo.confidence < first.confidence


def test_boekhouder_with_esco_is_the_boekhouder_occupation_first() -> None:
    import competence_bridge
    from conftest import shared_data

    bridge = competence_bridge.load(esco=shared_data("esco-nl-1.2.0"))
    result = bridge.translate("boekhouder", to="NL")
    first = result.candidates[0]
    assert (first.target.label, first.predicate) == ("boekhouder", "skos:exactMatch")
    assert [c.predicate for c in result.candidates].count("skos:exactMatch") == 1  # one exact answer, not three


def test_a_text_longer_than_the_cap_is_refused_by_the_library(bridge) -> None:
    import pytest

    from competence_bridge.errors import CompetenceBridgeError

    for call in (lambda text: bridge.search(text), lambda text: bridge.translate(text, to="NL")):
        with pytest.raises(CompetenceBridgeError, match=r"^the text is 1,001 characters long; the limit is 1,000 "
                                                        r"\(query_chars in taxonomies/limits.yaml\)$"):
            call("b" * 1001)


def test_names_equal_only_after_a_term_substitution_say_so(bridge) -> None:
    # Was: "Naam 'Magazijnier' ≈ 'Logistiek medewerker' (100% gedeelde woorden)", two names sharing no word.
    translation = bridge.translate("magazijnier", to="NL")  # the beroepskwalificatie and the job profile
    assert translation.candidates[0].explanation[0] == (
        "Naam 'Magazijnier' ≈ 'Logistiek medewerker' na termvervanging (magazijnier → magazijnmedewerker) en "
        "gelijkstelling van Nederlandse varianten (logistiek medewerker = magazijnmedewerker): 100% gedeelde woorden.")
    first = translation.jobs[0]
    assert first.target.id == "nl:job.logistiek-medewerker"
    assert first.explanation[1] == ("Naam 'Magazijnier' ≈ 'Logistiek medewerker' na termvervanging (magazijnier → "
                                    "magazijnmedewerker) en gelijkstelling van Nederlandse varianten (logistiek "
                                    "medewerker = magazijnmedewerker): 100% gedeelde woorden.")
    assert first.explanation_en[1] == ("Name 'Magazijnier' ≈ 'Logistiek medewerker' after term substitution "
                                       "(magazijnier → magazijnmedewerker) and equating Netherlands Dutch variants "
                                       "(logistiek medewerker = magazijnmedewerker): 100% shared words.")


def test_a_dutch_variant_is_no_flemish_term_and_a_term_counts_only_for_names_that_match(bridge) -> None:
    # Was: Logistiek medewerker first, closeMatch 0.75, for the care job, on "Termvervanging Vlaams → Nederlands:
    # logistiek medewerker → magazijnmedewerker" (a Dutch variant, not a Flemish word) counted as a term at 1.0.
    candidates = bridge.translate("vl:job.logistiek-assistent-zorg", to="NL").candidates
    warehouse = next(c for c in candidates if c.target.id == "nl:job.logistiek-medewerker")
    assert (warehouse.predicate, round(warehouse.confidence, 2), "terms" in warehouse.signals) == (
        "skos:relatedMatch", 0.26, False)
    assert warehouse.explanation[0] == (
        "Naam 'logistiek medewerker zorg' ≈ 'Logistiek medewerker' na gelijkstelling van Nederlandse varianten "
        "(logistiek medewerker = magazijnmedewerker): 85% gedeelde woorden.")
    # Was: IT-medewerker third at 0.35 for technieker mechatronica, the term technieker → technicus at 1.0 because
    # 'technicus' is in 'ICT-technicus'; the names share nothing else.
    mechatronics = bridge.translate("vl:job.technieker-mechatronica", to="NL", limit=10).candidates
    assert "nl:job.ict-technicus" not in {c.target.id for c in mechatronics}
    first = mechatronics[0]
    assert (first.target.id, first.predicate, "terms" in first.signals) == (
        "nl:job.technicus-mechatronica", "skos:exactMatch", False)
    assert first.explanation[0] == ("Naam 'Technieker mechatronica' ≈ 'Technicus mechatronica' (100% gedeelde "
                                    "woorden; als hetzelfde woord gelezen: technieker ~ technicus).")
    assert first.explanation_en[0] == ("Name 'Technieker mechatronica' ≈ 'Technicus mechatronica' (100% shared "
                                       "words; read as the same word: technieker ~ technicus).")


def test_recognition_evidence_reads_in_english_in_the_english_explanation(bridge) -> None:
    result = bridge.translate("vl:pba-verpleegkunde", to="NL")
    target = next(c for c in result.candidates if c.target.id == "nl:hbo-verpleegkunde")
    recognitions = [line for line in target.explanation_en if line.startswith("Recognition:")]
    assert recognitions and all(" values Professional bachelor as NLQF 6 (EQF 6) [BE-VLG → NL]." in line
                                for line in recognitions)
    assert not [line for line in target.explanation_en if "waardeert" in line]


def test_a_recognition_qualifier_reads_in_english_in_the_english_explanation(bridge) -> None:
    # Was: "... as Senior general secondary education diploma (havo) (soms een havodiploma met beroepsgerichte
    # vakken)" in the English explanation: the qualifier was Dutch only
    havo = next(c for c in bridge.translate("vl:dso-kso", to="NL").candidates if c.target.id == "nl:havo")
    assert [line for line in havo.explanation_en if line.startswith("Recognition:")] == [
        "Recognition: Nuffic values Secondary education diploma, arts (KSO) as Senior general secondary education "
        "diploma (havo) (sometimes a havo diploma with vocational subjects) [BE-VLG → NL]."]
    assert [line for line in havo.explanation if line.startswith("Erkenning:")] == [
        "Erkenning: Nuffic waardeert Diploma secundair onderwijs KSO als Havodiploma (soms een havodiploma met "
        "beroepsgerichte vakken) [BE-VLG → NL]."]
    line = next(line for line in bridge.recognitions("vl:dso-kso").lines if line.statement.object == "nl:havo")
    assert (line.statement.qualifier, line.statement.qualifier_in("en")) == (
        "soms een havodiploma met beroepsgerichte vakken", "sometimes a havo diploma with vocational subjects")


def test_a_recognitions_authority_is_named_in_english_in_the_english_explanation(bridge) -> None:
    # Was: "Recognition: Benelux Comité van Ministers values Professional bachelor as ..." in English
    first = bridge.translate("vl:professionele-bachelor", to="NL").candidates[0]
    # the oldest instrument first (2015, then 2021), whatever order the store returns them in
    assert [line for line in first.explanation_en if line.startswith("Recognition: Benelux")] == [
        "Recognition: Benelux Committee of Ministers values Professional bachelor as NLQF 6 (EQF 6) [BE-VLG → NL].",
        "Recognition: Benelux, Estonia, Latvia and Lithuania values Professional bachelor as NLQF 6 (EQF 6) "
        "[BE-VLG → NL]."]
    assert "Erkenning: Benelux Comité van Ministers waardeert Professionele bachelor als NLQF 6 (EQF 6) " \
           "[BE-VLG → NL]." in first.explanation
    line = next(line for line in bridge.recognitions("vl:professionele-bachelor").lines
                if line.instrument.authority == "Benelux Comité van Ministers")
    assert line.instrument.authority_in("en") == line.to_dict()["authority_en"] == "Benelux Committee of Ministers"


def test_a_shared_generic_compound_part_is_no_proposal(bridge) -> None:
    # Was: Basislasser proposed for "hbo5 verpleegkunde" ("'basisverpleegkundige' ≈ 'Basislasser', 53% gedeelde
    # woorden") and vmbo-bb ("≈ 'vmbo basis'"): they share only 'basis', a generic_words entry.
    ids = [c.target.id for c in bridge.translate("hbo5 verpleegkunde", to="NL").candidates]
    assert ids[0] == "nl:crebo-25655"
    assert "nl:crebo-25290" not in ids and "nl:vmbo-bb" not in ids


def test_a_shared_type_of_education_word_is_no_proposal(bridge) -> None:
    # Was: 'hbo ICT' → Verpleegkundige (bachelor) 0.13 ("'hbo ICT' ≈ 'A1-verpleegkundige' na termvervanging
    # (a1 verpleegkundige → hbo verpleegkundige): 51% gedeelde woorden"): the two names share only 'hbo', which says
    # which school, not which job (generic_words).
    # The words it shares with the ICT jobs stand; 'hbo' itself names the type Bachelor (hbo), whose counterparts
    # come first, broader (tests/test_through_type.py).
    result = bridge.translate("hbo ICT", to="BE-VLG", limit=6)
    assert [c.target.id for c in result.candidates] == [
        "vl:professionele-bachelor", "vl:academische-bachelor", "vl:bachelor-na-bachelor", "vl:job.ict-technieker",
        "vl:job.systeembeheerder", "vl:bk-supportmedewerker-ict"]
    assert "vl:job.verpleegkundige" not in [c.target.id for c in bridge.translate("hbo ICT", to="BE-VLG",
                                                                                   limit=10).candidates]


def test_no_proposal_in_the_whole_export_rests_on_a_generic_compound_part(bridge) -> None:
    # Every curated item of both sides, as `export --format sssom` proposes them: no pair whose matched names
    # share only generic words (basis, hulp, assistent …), and the 'basis' junk of issue 12 is gone.
    translator = bridge.translator
    generic = translator.generic_keys()
    rows = []
    for side in ("BE-VLG", "NL"):
        for mapping in bridge.mapping_set(source_region=side).mappings:
            rows.append((mapping.subject_id, mapping.object_id))
            if mapping.mapping_justification == "semapv:LexicalSimilarityThresholdMatching":
                source_label, target_label = mapping.comment and mapping.comment.split("'")[1:4:2] or ("", "")
                shared = translator.keys(source_label) & translator.keys(target_label)
                assert not shared or not shared <= generic, mapping
    assert len(rows) > 250
    assert not [row for row in rows if {row[0], row[1]} & {"nl:crebo-25290", "nl:job.lasser", "nl:vmbo-bb"}
                and {row[0], row[1]} & {"vl:hbo5-verpleegkunde", "vl:getuigschrift-basisonderwijs"}]


def test_graduaat_programmeren_reaches_software_developer_despite_a_level_valuation(bridge) -> None:
    # Was: no candidate at all (0.17 < 0.2): the graduaat's valuation at NLQF 5 was counted twice, once as the
    # level difference to an NLQF 4 diploma and once more as "no recognition" (×0.5).
    first = bridge.translate("vl:ok-graduaat-programmeren", to="NL").candidates[0]
    assert (first.target.id, first.predicate, round(first.confidence, 2)) == ("nl:crebo-25604", "skos:relatedMatch",
                                                                              0.34)
    assert first.flags == ("level-mismatch",)


def test_a_shared_generic_word_alone_proposes_nothing(bridge) -> None:
    # Was: Logistiek assistent in de zorg → Onderwijsassistent first (0.27), sharing only 'assistent'.
    ids = [c.target.id for c in bridge.translate("vl:bk-0498-2", to="NL").candidates]
    assert ids == ["nl:kd-zorghulp"]


def test_a_diploma_secundair_onderwijs_is_valued_as_vwo_first_not_havo(bridge) -> None:
    # Was: havo first (0.605 against 0.596): after the term rewrite secundair onderwijs → voortgezet onderwijs
    # its name shared "voortgezet onderwijs" with 'hoger algemeen voortgezet onderwijs', counted as 44% shared
    # words, although Nuffic values the diploma as vwo and only "sometimes" as havo (gold set (c), train split).
    # The term secundair onderwijs → voortgezet onderwijs no longer counts either (0.41 before): the names do not
    # match beyond it.
    for source in ("vl:dso-kso", "vl:dso-tso"):
        candidates = bridge.translate(source, to="NL").candidates
        assert [(c.target.id, c.predicate, round(c.confidence, 2)) for c in candidates[:2]] == [
            ("nl:vwo", "skos:relatedMatch", 0.46), ("nl:havo", "skos:relatedMatch", 0.28)]
        reasons = candidates[1].explanation
        assert "Naam 'Diploma secundair onderwijs " in reasons[0]
        assert reasons[0].endswith("' ≈ 'Havodiploma' telt niet: alleen een algemeen woord is gedeeld (diploma).")


def test_a_flemish_term_counts_alike_in_both_directions(bridge) -> None:
    # Was: only a Flemish source's terms counted, so elektromecanicien → Monteur mechatronica scored 0.52 and the
    # way back 0.11 (name only), and zorgkundige → Verzorgende-IG 0.52 against 0.37 back.
    for flemish, dutch in (("vl:job.elektromecanicien", "nl:job.monteur-mechatronica"),
                           ("vl:job.zorgkundige", "nl:job.verzorgende-ig")):
        there = next(c for c in bridge.translate(flemish, to="NL").candidates if c.target.id == dutch)
        back = next(c for c in bridge.translate(dutch, to="BE-VLG").candidates if c.target.id == flemish)
        assert (there.signals, round(there.confidence, 2)) == (back.signals, round(back.confidence, 2))
        assert there.signals["terms"] == 0.8 and round(there.confidence, 2) == 0.52
    back = next(c for c in bridge.translate("nl:job.monteur-mechatronica", to="BE-VLG").candidates
                if c.target.id == "vl:job.elektromecanicien")
    # the pair's Dutch forms are an inference (taxonomies/terms.yaml), and the line says so
    assert "Termvervanging Vlaams → Nederlands: elektromecanicien → monteur mechatronica (afgeleid)." in back.explanation
    assert ("Term substitution Flemish → Netherlands Dutch: elektromecanicien → monteur mechatronica (inferred)."
            in back.explanation_en)


def test_a_recognition_of_the_level_alone_does_not_lift_a_weak_name(bridge) -> None:
    # Was: Professionele bachelor closeMatch 0.57 and Bachelor in de verpleegkunde closeMatch 0.56 for the Dutch wo
    # bachelor: the Benelux valuation "Bachelor (wo) als VKS 6" names a level, which every Flemish bachelor has,
    # and it exempted their weak names (46%, 45%) from the weak-lexical factor.
    candidates = bridge.translate("nl:wo-bachelor", to="BE-VLG").candidates
    found = [(c.target.id, c.predicate, round(c.confidence, 2)) for c in candidates[:4]]
    # (Bachelor-na-bachelor was closeMatch 0.64 second: its name read as 'bachelor' alone; see
    # test_a_stop_word_between_twins_is_part_of_the_name)
    assert found == [("vl:academische-bachelor", "skos:exactMatch", 0.86),
                     ("vl:professionele-bachelor", "skos:relatedMatch", 0.29),
                     ("vl:pba-verpleegkunde", "skos:relatedMatch", 0.28),
                     ("vl:bachelor-na-bachelor", "skos:relatedMatch", 0.27)]
    assert candidates[1].explanation[-1] == (
        "Zekerheid volgens de signalen: naam 0,25 (0,46 × 0,35/0,65) + erkenning 0,32 (0,70 × 0,30/0,65) = 0,57; "
        "× 0,50 alleen zwakke woordovereenkomst = 0,29.")
    # a recognition that names the target itself still does: Nuffic values the TSO diploma as the vwo diploma
    vwo = bridge.translate("vl:dso-tso", to="NL").candidates[0]
    assert (vwo.target.id, round(vwo.confidence, 2), vwo.breakdown.factors) == ("nl:vwo", 0.46, ())


def test_exact_needs_more_than_names(bridge) -> None:
    """Names alone (words and the term layer) make at most a close match, however high the confidence: HBO5 and
    mbo nurses share a name but sit on different levels (domain facts, pair 13)."""
    found = {c.target.id: c for c in bridge.translate("vl:job.gegradueerd-verpleegkundige", to="NL").candidates}
    mbo = found["nl:job.mbo-verpleegkundige"]
    assert mbo.confidence >= 0.8 and mbo.predicate == "skos:closeMatch"
    assert set(mbo.signals) <= {"lexical", "terms", "esco", "isco"} and mbo.signals.get("esco", 0) == 0


def _words(labels: list[str], generic: set[str]) -> set[str]:
    return {word for label in labels for word in re.findall(r"\w+", label.casefold())
            if len(word) > 2 and word not in generic}


def _rests_on_a_fragment(source: Item, candidate: Candidate, generic: set[str]) -> bool:
    """True when the name is a candidate's only evidence and the two items' labels share no whole word (other than
    the generic ones): what the names have in common is a piece of a word ('basisverpleegkundige' ~ 'Basislasser')."""
    if any(value > 0 for signal, value in candidate.signals.items() if signal != "lexical"):
        return False
    return not _words(source.labels, generic) & _words(candidate.target.labels, generic)


def test_a_shared_word_fragment_is_caught_by_the_check() -> None:
    junk = Candidate(Item("nl:crebo-25290", "qualification", "NL", "Basislasser"), "skos:relatedMatch", 0.3,
                     "semapv:LexicalMatching", {"lexical": 0.53, "isco": 0.0}, (), (), None)
    source = Item("vl:hbo5-verpleegkunde", "qualification", "BE-VLG", "HBO5 Verpleegkunde", ["basisverpleegkundige"])
    assert _rests_on_a_fragment(source, junk, {"basis"})
    whole = Item("nl:x", "job-profile", "NL", "Bachelor verpleegkunde")
    assert not _rests_on_a_fragment(source, dataclasses.replace(junk, target=whole), {"basis"})


def test_no_proposal_across_domains_rests_on_a_shared_word_fragment_alone(bridge) -> None:
    # Issue 12's acceptance, over every curated item of both sides (5 candidates each: more than the export's 3).
    taxonomy = bridge.taxonomy
    domain = {entry.id: entry.domain for entry in (*taxonomy.qualifications, *taxonomy.job_profiles)}
    generic = set(taxonomy.matching[-1].generic_words)
    checked, fragments = 0, []
    for source in bridge.items.items.values():
        if source.id not in domain or source.kind not in PROPOSED_KINDS:
            continue
        to = "NL" if source.region == "BE-VLG" else "BE-VLG"
        for candidate in bridge.propose(source, to, limit=5).candidates:
            across = domain.get(candidate.target.id, domain[source.id]) != domain[source.id]
            checked += across
            if across and _rests_on_a_fragment(source, candidate, generic):
                fragments.append(f"{source.id} → {candidate.target.id} {candidate.confidence:.2f}")
    # Two proposals cross domains, logistiek medewerker ↔ logistiek assistent in de zorg both ways (a third,
    # technieker mechatronica → ICT-technicus, went when a term stopped counting for names that otherwise differ):
    # both are checked, so the test still fails on a fragment.
    assert checked >= 2 and fragments == []


def test_a_graph_written_before_the_english_authority_reads_its_one_name_in_both_languages() -> None:
    from rdflib import Literal

    import competence_bridge
    from competence_bridge.rdf.catalog import Catalog
    from competence_bridge.rdf.namespaces import CB
    from competence_bridge.rdf.sparql import GraphQueries

    graph = competence_bridge.load().graph  # a graph of its own: the shared bridge stays as it is
    for subject, _, name in list(graph.triples((None, CB.authority, None))):
        graph.remove((subject, CB.authority, name))
        if name.language == "nl":  # as the graph was written before: one plain literal
            graph.add((subject, CB.authority, Literal(str(name))))
    benelux = Catalog(GraphQueries(graph)).instruments["rec:benelux-m2015-3"]
    assert (benelux.authority, benelux.authority_in("en")) == ("Benelux Comité van Ministers",) * 2


def test_a_type_of_education_is_broader_than_a_programme_whose_name_holds_it(bridge) -> None:
    # Before: 'Associate degree' -> Graduaat Programmeren closeMatch 0.77, and the text 'hbo5 boekhouden' ->
    # Associate degree closeMatch 0.81: a type of education and one programme of it said to be nearly the same.
    programme = next(c for c in bridge.translate("Associate degree", to="BE-VLG").candidates
                     if c.target.id == "vl:ok-graduaat-programmeren")
    assert (programme.predicate, round(programme.confidence, 2)) == ("skos:narrowMatch", 0.77)
    assert ("Het doel is smaller: 'Associate degree' is een onderwijstype, 'Graduaat Programmeren' noemt meer "
            "(programmeren).") in programme.explanation
    assert ("The target is narrower: 'Associate degree' is a type of education, 'Graduaat Programmeren' names more "
            "(programmeren).") in programme.explanation_en
    first = bridge.translate("hbo5 boekhouden", to="NL").candidates[0]
    assert (first.target.id, first.predicate) == ("nl:associate-degree", "skos:broadMatch")
    assert first.explanation[1] == ("Het doel is ruimer: 'Associate degree' is een onderwijstype, 'hbo5 boekhouden' "
                                    "noemt meer (boekhouden).")
    # the type itself, under its own name, is still its counterpart
    same = bridge.translate("vl:hbo5", to="NL").candidates[0]
    assert (same.target.id, same.predicate) == ("nl:associate-degree", "skos:exactMatch")


def test_free_text_read_through_a_flemish_term_scores_as_its_dutch_word(bridge) -> None:
    # Before: 'mecanicien' (read as 'monteur' by the term layer) -> Monteur werktuigkundige installaties closeMatch
    # 1.00 (name 0.70 + term layer 0.30), above the 0.86 its Dutch word 'monteur' gets: the name was the only
    # evidence, and the term that only rewrote the query counted as a second kind and escaped the name calibration.
    def first_three(text: str) -> list[tuple[str, str, float]]:
        found = bridge.translate(text, to="NL").candidates[:3]
        return [(c.target.id, c.predicate, round(c.confidence, 2)) for c in found]

    assert first_three("mecanicien") == first_three("monteur") == [
        ("nl:crebo-25350", "skos:closeMatch", 0.86), ("nl:crebo-25340", "skos:relatedMatch", 0.16),
        ("nl:crebo-25344", "skos:relatedMatch", 0.16)]
    first = bridge.translate("mecanicien", to="NL").candidates[0]
    assert "terms" not in first.signals and first.justification == "semapv:LexicalMatching"
    assert first.explanation[1].startswith("De tekst is gelezen met een termvervanging Vlaams → Nederlands: "
                                           "mecanicien → monteur (bron: ")
    assert first.explanation[1].endswith("; dat is geen bewijs naast de naam.")
    assert first.explanation_en[1].endswith("; that is no evidence beside the name.")
    assert first.explanation[-1] == ("Zekerheid volgens de signalen: naam 1,00 (1,00 × 0,35/0,35) = 1,00; alleen de "
                                     "naam als bewijs, geijkt op officiële paren: 1,00 → 0,86.")
    # between two items of the taxonomy the curated term still counts (elektromecanicien ↔ Monteur mechatronica)
    pair = next(c for c in bridge.translate("vl:job.elektromecanicien", to="NL").candidates
                if c.target.id == "nl:job.monteur-mechatronica")
    assert pair.signals["terms"] == 0.8


def test_a_type_of_education_s_scope_is_not_calibrated_as_a_name(bridge) -> None:
    # Before: 'associate degree boekhouden' -> Associate degree relatedMatch 0.25: the name calibration (fitted on
    # national occupations, where the answer is a counterpart) turned the type's broader scope into a weak hint,
    # while the same text typed with the Flemish 'hbo5' said broadMatch 0.81.
    for text in ("associate degree boekhouden", "hbo5 boekhouden"):
        first = bridge.translate(text, to="NL").candidates[0]
        assert (first.target.id, first.predicate, round(first.confidence, 2)) == (
            "nl:associate-degree", "skos:broadMatch", 0.73)
        assert first.breakdown is not None and first.breakdown.calibrated is None


def test_polyvalent_is_a_generic_word_like_allround() -> None:
    # Was: 'polyvalent mecanicien' → ESCO recreatiebegeleider first, relatedMatch 0.21 ("'polyvalent mecanicien' ≈
    # 'polyvalent animator' … 61% gedeelde woorden"): the names share only 'polyvalent' (versatile), the Flemish
    # word for allround, which says nothing about the job on its own (generic_words).
    import competence_bridge
    from conftest import shared_data

    bridge = competence_bridge.load(esco=shared_data("esco-nl-1.2.0"))
    found = [c.target.label for c in bridge.translate("polyvalent mecanicien", to="NL", limit=10).candidates]
    assert found[:2] == ["Monteur werktuigkundige installaties", "automonteur"]
    assert "recreatiebegeleider" not in found


def test_a_stop_word_between_twins_is_part_of_the_name(bridge) -> None:
    # Was: the Dutch wo master -> Master and Master-na-master, both skos:exactMatch 0.86 ("Naam 'doctoraal' ≈
    # 'Master-na-master' (doctoraal = master): 100% gedeelde woorden"): without its 'na' (a stop word) the name of
    # the advanced master was a plain master's. domain-facts section 4, row 20: a bachelor-na-bachelor or
    # master-na-master has no direct analogue in the Netherlands (-> hbo bachelor / wo master).
    assert _first_three(bridge, "nl:wo-master", "BE-VLG") == [
        ("vl:master", "skos:exactMatch", 0.86), ("vl:master-na-master", "skos:closeMatch", 0.66),
        ("vl:bk-0337-1", "skos:relatedMatch", 0.27)]
    # Master (hbo) was closeMatch 0.59 until the term pairs kinesitherapie and vroedkunde: their words move the
    # names' IDF weights, and 'Master-na-master' ~ 'Master (hbo)' from 0.504 to 0.499, below lexical_threshold
    assert _first_three(bridge, "vl:master-na-master", "NL") == [  # was exactMatch 1.00
        ("nl:wo-master", "skos:closeMatch", 0.80), ("nl:hbo-master", "skos:relatedMatch", 0.30)]
    assert _first_three(bridge, "vl:bachelor-na-bachelor", "NL") == [  # was exactMatch 0.82, closeMatch 0.64, 0.61
        ("nl:hbo-bachelor", "skos:closeMatch", 0.70), ("nl:wo-bachelor", "skos:relatedMatch", 0.27),
        ("nl:hbo-verpleegkunde", "skos:relatedMatch", 0.27)]


def _first_three(bridge, item: str, to: str) -> list[tuple[str, str, float]]:
    return [(c.target.id, c.predicate, round(c.confidence, 2)) for c in bridge.translate(item, to=to).candidates[:3]]
