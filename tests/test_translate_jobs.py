"""A qualification's translation lists qualifications; the jobs it prepares for come in a list of their own."""

from __future__ import annotations

import json

import pytest

from competence_bridge.cli import main
from competence_bridge.present.html import translation_html

HEFTRUCK = "vl:bk-bestuurder-interne-transportmiddelen"


def test_items_know_the_job_profiles_a_qualification_prepares_for(bridge) -> None:
    items = bridge.items.items
    assert items["vl:bk-zorgkundige"].job_profiles == ["vl:job.zorgkundige"]
    assert items["nl:crebo-25498"].job_profiles == ["nl:job.helpende-zorg-en-welzijn",
                                                     "nl:job.huishoudelijk-medewerker-thuiszorg"]
    assert items["vl:job.zorgkundige"].job_profiles == []  # only qualifications prepare for jobs


def test_a_qualification_without_a_counterpart_still_names_its_job(bridge) -> None:
    # Before: "Geen kandidaat gevonden." and nothing else, although the job has an exact Dutch counterpart.
    translation = bridge.translate(HEFTRUCK)
    assert translation.candidates == () and translation.jobs_via == ("vl:job.heftruckchauffeur",)
    assert translation.to_text().splitlines() == [
        "Bestuurder interne transportmiddelen (vl:bk-bestuurder-interne-transportmiddelen) → NL",
        # was "Geen kandidaat gevonden.", above the candidate it then lists
        "  Geen diploma of kwalificatie gevonden; wel de beroepen waarvoor dit opleidt (hieronder).",
        "Wat op hetzelfde niveau ligt, aan beide kanten: competence-bridge levels vks 3",
        "Beroepen waarvoor dit opleidt, aan de andere kant (uitleg: competence-bridge translate "
        "vl:job.heftruckchauffeur):",
        "  1. Heftruckchauffeur (nl:job.heftruckchauffeur)  skos:exactMatch  1.00  semapv:CompositeMatching"]
    assert translation.to_text(lang="en").splitlines()[1] == (
        "  No diploma or qualification found; the jobs it prepares for follow (below).")
    assert "<p>Geen diploma of kwalificatie gevonden; wel de beroepen" in translation_html(translation)
    assert translation.to_text(lang="en").splitlines()[3] == (
        "Jobs it prepares for, on the other side (explained by: competence-bridge translate vl:job.heftruckchauffeur):")
    job = translation.jobs[0]
    assert job.explanation[:2] == ("Via Heftruckchauffeur (vl:job.heftruckchauffeur).",
                                   "Naam 'Heftruckchauffeur' ≈ 'Heftruckchauffeur' (100% gedeelde woorden).")


def test_the_jobs_are_the_job_profiles_translations_merged(bridge) -> None:
    translation = bridge.translate("nl:crebo-25498")  # helpende zorg en welzijn: two job profiles
    assert translation.jobs_via == ("nl:job.helpende-zorg-en-welzijn", "nl:job.huishoudelijk-medewerker-thuiszorg")
    assert [(c.target.id, c.explanation[0]) for c in translation.jobs] == [
        ("vl:job.huishoudmedewerker-zorg",
         "Via Huishoudelijk medewerker thuiszorg (nl:job.huishoudelijk-medewerker-thuiszorg)."),
        ("vl:job.verzorgende", "Via Helpende zorg en welzijn (nl:job.helpende-zorg-en-welzijn)."),
        ("vl:job.zorgkundige", "Via Helpende zorg en welzijn (nl:job.helpende-zorg-en-welzijn).")]
    for job in translation.jobs:  # each as the job profile's own translation gives it
        via = job.explanation[0].rpartition("(")[2].rstrip(").")
        own = {c.target.id: c for c in bridge.translate(via).candidates}[job.target.id]
        assert (own.confidence, own.predicate, own.explanation) == (job.confidence, job.predicate,
                                                                   job.explanation[1:])


def test_only_qualifications_get_a_jobs_list(bridge) -> None:
    assert bridge.translate("vl:job.zorgkundige").jobs == ()
    assert bridge.translate("vl:bk-zorgkundige").jobs[0].target.id == "nl:job.verzorgende-ig"
    free = bridge.translate("heftruck rijden", to="NL")
    assert free.jobs == () and free.jobs_via == ()


def test_a_title_naming_a_qualification_and_a_job_keeps_them_apart(bridge) -> None:
    # 'zorgkundige' names the beroepskwalificatie and the job profile: before, four Dutch job profiles ranked
    # above Verzorgende-IG (the qualification, fifth) in one list.
    translation = bridge.translate("zorgkundige", to="NL")
    assert translation.via == ("vl:bk-zorgkundige", "vl:job.zorgkundige")
    assert [c.target.id for c in translation.candidates][:3] == ["nl:crebo-25656", "nl:kd-zorghulp", "nl:crebo-25498"]
    assert all(c.target.kind == "qualification" for c in translation.candidates)
    assert [c.target.id for c in translation.jobs][:2] == ["nl:job.verzorgende-ig", "nl:job.zorghulp"]
    assert translation.candidates[0].explanation[0].startswith("Naam 'Zorgkundige'")  # one diploma: no "Via"


def test_translate_json_holds_the_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", HEFTRUCK, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["candidates"] == [] and document["jobs_via"] == ["vl:job.heftruckchauffeur"]
    job = document["jobs"][0]
    assert (job["id"], job["kind"], job["predicate"], job["confidence"]) == (
        "nl:job.heftruckchauffeur", "job-profile", "skos:exactMatch", 1.0)


@pytest.fixture(scope="module")
def official():
    """The shipped data with ESCO and the VDAB and UWV crosswalk tables."""
    import competence_bridge
    from conftest import shared_data

    tables = shared_data("eures-esco-mappings")
    return competence_bridge.load(esco=shared_data("esco-nl-1.2.0"),
                                  esco_mapping=[tables / "BLM_mapping.csv", tables / "NL_mapping.csv"])


def test_an_official_chain_from_a_qualification_reaches_a_job_not_a_qualification(official) -> None:
    # Before: the UWV occupation Heftruckchauffeur, reached through the beroepskwalificatie's ESCO anchor, stood in
    # its list of qualifications (closeMatch 0.80).
    translation = official.translate(HEFTRUCK)
    assert translation.candidates == ()
    assert [(c.target.id, c.predicate, c.justification) for c in translation.jobs[:3]] == [
        ("nl:job.heftruckchauffeur", "skos:exactMatch", "semapv:CompositeMatching"),
        ("esco-occupation:eeac6251-1974-42f5-91ed-513c6c883755", "skos:exactMatch", "semapv:CompositeMatching"),
        ("uwv:5295", "skos:closeMatch", "semapv:MappingChaining")]
    assert translation.jobs[2].explanation[0].startswith("'Bestuurder interne transportmiddelen' (vl:bk-")


@pytest.mark.parametrize(("query", "first"), [("zorgkundige", "nl:crebo-25656"), ("loodgieter", "nl:crebo-25350"),
                                              ("programmeur", "nl:crebo-25604")])
def test_official_chains_no_longer_crowd_the_qualifications_out(official, query: str, first: str) -> None:
    # Before, with the crosswalks loaded, the chains' UWV occupations filled the top three of each, and no
    # qualification was listed (Verzorgende-IG, the named counterpart of zorgkundige, among them).
    translation = official.translate(query, to="NL", limit=3)
    assert translation.candidates[0].target.id == first
    assert all(c.target.kind == "qualification" for c in translation.candidates)
    assert translation.jobs and all(c.target.kind != "qualification" for c in translation.jobs)


def test_a_curated_counterpart_with_the_same_anchor_is_not_ranked_below_a_looser_chain(official) -> None:
    # Before: 'Lasser' -> Onderpoeder lasoperator (UWV, narrowMatch 0.56, a chain) first: every chain ranked above
    # every other candidate. Now a chain outranks guesses from names alone, and competes by confidence with a
    # candidate that shares the ESCO anchor (the curated Dutch Lasser, exactMatch 1.00).
    ids = [c.target.id for c in official.translate("vl:job.lasser", to="NL").candidates]
    assert ids[:2] == ["nl:job.lasser", "esco-occupation:7aedaa07-3884-4c5b-88f9-80997b2aa54b"]
    chains = [c for c in official.translate("vl:job.lasser", to="NL", limit=10).candidates
              if c.justification == "semapv:MappingChaining"]
    assert chains and all(c.confidence <= 0.56 for c in chains)


@pytest.mark.parametrize(("source", "answer", "concept"), [
    ("vl:job.elektromecanicien", "nl:job.servicemonteur-elektrotechniek", "5d009d45-3bb9-4e33-8760-294f59adec8c"),
    ("vl:job.verwarmingsinstallateur", "nl:job.cv-monteur", "7259dc48-004a-4ceb-aa4e-5bbd548c2397")])
def test_the_source_s_own_esco_occupation_follows_the_counterpart_anchored_to_it(official, source: str,
                                                                                   answer: str, concept: str) -> None:
    # Before, with ESCO loaded: the source's own ESCO anchor (elektromechanicus, exactMatch 1.00; its label is the
    # source's name) came first, above the Dutch job profile anchored to the same occupation (exactMatch 0.86).
    candidates = official.translate(source, to="NL").candidates
    assert [c.target.id for c in candidates[:2]] == [answer, f"esco-occupation:{concept}"]
    bridge = candidates[1]
    assert bridge.confidence > candidates[0].confidence  # moved, not rescored
    name = f"{candidates[0].target.label} ({answer})"
    assert bridge.explanation[-1] == f"ESCO-beroep waaraan {name} gekoppeld is; die tegenhanger staat erboven."
    assert bridge.explanation_en[-1] == f"The ESCO occupation {name} is anchored to; that counterpart is listed above."


def test_an_esco_occupation_without_a_counterpart_anchored_to_it_keeps_its_place(official) -> None:
    first = official.translate("boekhouder", to="NL").candidates[0]
    assert (first.target.label, first.target.region, first.confidence) == ("boekhouder", None, 1.0)
    assert not any("tegenhanger staat erboven" in line for line in first.explanation)


def test_a_chain_from_free_text_names_the_esco_label_not_a_curated_anchor(official) -> None:
    # Before: "'kapster' (text:kapster) komt nagenoeg overeen met ESCO-beroep 'kapper' (skos:closeMatch): eigen
    # ESCO-anker in de gecureerde taxonomie." Free text has no curated anchor.
    # ('kapster' to Flanders: to the Netherlands it is now VDAB's Kapper, up to the gender form.)
    chain = next(c for c in official.translate("kapster", to="BE-VLG").candidates
                 if c.justification == "semapv:MappingChaining")
    # Then: "komt nagenoeg overeen met … (skos:closeMatch)", while the candidate kapper itself said exactMatch: a text
    # that is the name of one occupation is that occupation, in the chain as in the list.
    assert chain.explanation[0] == ("'kapster' (text:kapster) komt exact overeen met ESCO-beroep 'kapper' "
                                    "(skos:exactMatch): de tekst is een naam van dit beroep in ESCO.")
    assert chain.explanation_en[0].endswith("(skos:exactMatch): the text is a name of it in ESCO.")
    receptionist = official.translate("onthaalmedewerker", to="NL").candidates[0]
    assert (receptionist.target.label, receptionist.predicate) == ("receptionist", "skos:exactMatch")
    assert [hop.predicate for hop in receptionist.hops] == ["skos:exactMatch"]


def test_a_chain_through_one_of_several_occupations_a_name_gives_counts_its_share(official) -> None:
    # Before: 'schrijnwerker' -> Ambachtelijk meubelmaker (UWV) closeMatch 0.80, through meubelmaker, one of the
    # two ESCO occupations that carry the name, as sure as a chain from a curated anchor.
    chain = next(c for c in official.translate("schrijnwerker", to="NL").candidates
                 if c.justification == "semapv:MappingChaining")
    assert (chain.target.label, chain.predicate, chain.confidence) == ("Ambachtelijk meubelmaker", "skos:closeMatch",
                                                                       0.4)
    assert chain.explanation[0].endswith("(skos:closeMatch): de tekst is in ESCO een naam van 2 beroepen, dit is er "
                                         "één van.")


def test_review_decisions_on_a_job_profile_apply_to_the_jobs_list(bridge, tmp_path) -> None:
    path = tmp_path / "decisions.sssom.tsv"
    bridge.review(path, "vl:job.zorgkundige", "nl:job.verzorgende-ig", "reject", "An Peeters")
    bridge.review(path, "vl:job.zorgkundige", "nl:job.helpende-zorg-en-welzijn", "accept", "An Peeters")
    own = [(c.target.id, c.review) for c in bridge.translate("vl:job.zorgkundige", reviews=path).candidates]
    jobs = [(c.target.id, c.review) for c in bridge.translate("vl:bk-zorgkundige", reviews=path).jobs]
    assert jobs == own  # as translating the job profile gives them
    assert jobs[0] == ("nl:job.helpende-zorg-en-welzijn", "accepted")
    assert "nl:job.verzorgende-ig" not in [target for target, _ in jobs]
    assert bridge.translate("vl:bk-zorgkundige").jobs[0].target.id == "nl:job.verzorgende-ig"  # without the file


def test_a_guess_listed_under_a_less_sure_chain_says_why(official) -> None:
    # Before: Elektrotechnisch installateur (closeMatch 1.00, name and term alone) stood under the chain's
    # Elektrotechnicus (broadMatch 0.56) with nothing to say why the list was not in order of confidence.
    candidates = official.translate("nl:job.elektromonteur", to="BE-VLG").candidates
    assert [(c.target.id, c.predicate, round(c.confidence, 2)) for c in candidates[:4]] == [
        ("vl:job.elektricien", "skos:exactMatch", 1.0), ("vdab:OP-675", "skos:broadMatch", 0.56),
        ("vdab:OP-133", "skos:closeMatch", 1.0), ("vl:job.industrieel-elektricien", "skos:closeMatch", 0.58)]
    said = "Alleen op naam gevonden: staat daarom onder de officiële ketens, ook onder minder zekere."
    assert [said in c.explanation for c in candidates[:5]] == [False, False, True, True, False]
    assert candidates[2].explanation_en[-1] == ("Found by its name alone: so it is listed below the official chains, "
                                                "even less sure ones.")


@pytest.mark.parametrize("qualification", ["vl:ok-hbo5-verpleegkunde", "vl:ok-graduaat-basisverpleegkunde"])
def test_a_qualification_s_jobs_keep_the_order_its_job_profile_s_translation_gives(official,
                                                                                    qualification: str) -> None:
    # Before: the chains from the qualification's own ESCO anchor (algemeen verpleegkundige) filled its jobs list,
    # a marine's sailor among them (closeMatch 0.68), and Mbo-verpleegkundige (closeMatch 0.95), the first answer of
    # `translate vl:job.gegradueerd-verpleegkundige` (which lists no chain), was not in it: as one list, every
    # guess from names alone went below every chain. Now a guess goes below the chains of its own list only.
    job = official.translate("vl:job.gegradueerd-verpleegkundige", to="NL").candidates[0]
    assert (job.target.id, job.predicate, round(job.confidence, 2)) == ("nl:job.mbo-verpleegkundige",
                                                                        "skos:closeMatch", 0.95)
    jobs = official.translate(qualification, to="NL").jobs
    assert [(c.target.id, c.justification) for c in jobs[:3]] == [
        ("nl:job.mbo-verpleegkundige", "semapv:CompositeMatching"), ("uwv:14169", "semapv:MappingChaining"),
        ("esco-occupation:8d3e8aaa-791b-4c75-a465-f3f827028f50", "semapv:CompositeMatching")]
    assert jobs[0].explanation[0] == ("Via Gegradueerd verpleegkundige (basisverpleegkundige) "
                                      "(vl:job.gegradueerd-verpleegkundige).")
    said = "Alleen op naam gevonden: staat daarom onder de officiële ketens, ook onder minder zekere."
    assert not any(said in c.explanation for c in jobs)


def test_several_lists_as_one_put_a_guess_below_the_chains_of_its_own_list_only() -> None:
    from competence_bridge.matching.official import OFFICIAL, rank_lists
    from competence_bridge.matching.results import Candidate, compare_levels
    from competence_bridge.rdf.items import Item

    def candidate(target: str, confidence: float, signal: str) -> Candidate:
        item = Item(target, "job-profile", "NL", target)
        return Candidate(item, "skos:closeMatch", confidence, "j", {signal: confidence}, (), (),
                         compare_levels(item, item))

    chained = [candidate("chain", 0.8, OFFICIAL), candidate("named-here", 0.9, "lexical")]
    alone = [candidate("named-there", 0.95, "lexical"), candidate("named-here", 0.9, "lexical")]
    assert [c.target.id for c in rank_lists([chained, alone])] == ["named-there", "named-here", "chain"]
    assert [c.target.id for c in rank_lists([chained])] == ["chain", "named-here"]
    assert [c.target.id for c in rank_lists([chained, [candidate("named-there", 0.95, "esco")]])] == [
        "named-there", "chain", "named-here"]


def test_at_equal_confidence_the_candidate_more_evidence_agrees_on_comes_first(official) -> None:
    # Before: 'systeembeheerder' listed the UWV Databasebeheerder (hoger) and (middelbaar) first, exactMatch 1.00,
    # through one chain (VDAB's table maps its Systeembeheerder exactly to ESCO's 'database administrator'), above
    # the curated Dutch Systeembeheerder (exactMatch 1.00: the same name, ESCO occupation and ISCO group): a chain
    # went first on any tie.
    translation = official.translate("systeembeheerder", to="NL", limit=4)
    assert [(c.target.id, c.predicate, c.confidence) for c in translation.candidates] == [
        ("nl:job.systeembeheerder", "skos:exactMatch", 1.0), ("uwv:200020", "skos:exactMatch", 1.0),
        ("uwv:3531", "skos:exactMatch", 1.0),
        ("esco-occupation:9e2e6e1e-363b-4e1b-a673-7bc0f7343300", "skos:exactMatch", 1.0)]


def test_a_tie_goes_to_an_item_of_the_side_asked_for_then_to_more_agreeing_evidence() -> None:
    from competence_bridge.matching.official import OFFICIAL, agreeing, rank
    from competence_bridge.matching.results import Candidate, compare_levels
    from competence_bridge.rdf.items import Item

    def candidate(target: str, region: str | None, **signals: float) -> Candidate:
        item = Item(target, "occupation", region, target)
        return Candidate(item, "skos:exactMatch", 1.0, "j", signals, (), (), compare_levels(item, item))

    chain = candidate("a-chain", "NL", **{OFFICIAL: 1.0})
    named = candidate("b-named-and-chained", "NL", lexical=1.0, terms=1.0, **{OFFICIAL: 1.0})
    curated = candidate("c-curated", "NL", lexical=1.0, esco=1.0, isco=1.0)
    concept = candidate("d-esco", None, lexical=1.0, esco=1.0, isco=1.0, structure=1.0)
    assert [agreeing(c) for c in (chain, named, curated, concept)] == [1, 2, 3, 4]
    assert agreeing(candidate("e-partly", "NL", lexical=0.99, esco=1.0)) == 1  # only a signal at full strength
    assert [c.target.id for c in rank([concept, chain, named, curated])] == [
        "c-curated", "b-named-and-chained", "a-chain", "d-esco"]


def test_at_equal_confidence_the_stronger_relation_comes_first(official) -> None:
    # Before: 'kapper' to the Netherlands (VDAB's Kapper) listed Afrokapper first (narrowMatch 0.70, by its id), above
    # Dames- en herenkapper (broadMatch 0.70, a target that holds the source); 'kapster' is the same, by its form.
    for query in ("kapper", "kapster"):
        translation = official.translate(query, to="NL")
        assert translation.source.id == "vdab:OP-15"
        assert [(c.target.label, c.predicate, c.confidence) for c in translation.candidates[1:4]] == [
            ("Eerste kapper", "skos:broadMatch", 0.7), ("Dames- en herenkapper", "skos:broadMatch", 0.7),
            ("Afrokapper", "skos:narrowMatch", 0.7)]  # after ESCO's kapper, exactMatch 1.00 by VDAB's table


def test_a_chain_from_flemish_free_text_says_the_text_was_read_through_the_term_layer(official) -> None:
    # Before: the chain's first hop said "de tekst is in ESCO een naam van 3 beroepen" for 'mecanicien', which ESCO
    # does not name: its Dutch reading 'monteur' does.
    # (limit 20: a chain from a name ESCO gives several occupations puts no guess below it, so it ranks 14th)
    chain = next(c for c in official.translate("mecanicien", to="NL", limit=20).candidates
                 if c.target.id == "uwv:1000408365")  # Editor film / video, through ESCO's editor film en video
    assert chain.explanation[0] == (
        "'mecanicien' (text:mecanicien) komt nagenoeg overeen met ESCO-beroep 'editor film en video' "
        "(skos:closeMatch): de tekst, gelezen als 'monteur' (termenlaag), is in ESCO een naam van 3 beroepen, dit is "
        "er één van.")
    assert chain.explanation_en[0].endswith(
        ": in ESCO the text, read as 'monteur' (term layer), names 3 occupations, this is one of them.")
    assert official.translate("monteur", to="NL", limit=10).source.read_as is None


def test_names_sharing_only_the_word_werker_are_no_evidence(official) -> None:
    # Before: the UWV Plaatwerker (sheet-metal worker) listed the Flemish Glaswerker and the curated Maatschappelijk
    # werker, relatedMatch 0.13 each: "'Plaatwerker' ≈ 'sociaal werker' (44% gedeelde woorden en woorddelen; als
    # deel van een samenstelling: werker in plaatwerker)", a shared word fragment across domains. 'werker' names no
    # trade, as 'arbeider' and 'werknemer' do not (generic_words)
    labels = [c.target.label for c in official.translate("uwv:10866", to="BE-VLG", limit=10).candidates]
    assert labels == ["Industrieel plaatbewerker", "Plaatwerker carrosserie"]
    # the words beside it still count: the same name on both sides is the same occupation
    first = official.translate("nl:job.maatschappelijk-werker", to="BE-VLG").candidates[0]
    assert (first.target.id, first.predicate, first.confidence) == (
        "vl:job.maatschappelijk-werker", "skos:exactMatch", 1.0)
