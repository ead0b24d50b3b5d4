"""Free text naming a programme of a type of education of its own side is translated through that type."""

from __future__ import annotations

from competence_bridge.cli import main
from competence_bridge.matching.through_type import types_named


def _listed(bridge, text, to):
    return [(c.target.id, c.predicate, round(c.confidence, 2)) for c in bridge.translate(text, to=to).candidates]


def test_a_programme_of_a_flemish_type_gets_what_the_type_is_worth(bridge) -> None:
    # Before: no candidate ("nothing on the NL side matches 'TSO elektromechanica'"). TSO is a name of the type
    # Diploma secundair onderwijs TSO, which Nuffic values as a vwo diploma (relatedMatch 0.46) and sometimes a havo
    # diploma (0.28): the programme's candidates are those, related, at the name's 0.65 times the type's.
    assert _listed(bridge, "TSO elektromechanica", "NL") == [("nl:vwo", "skos:relatedMatch", 0.30),
                                                              ("nl:havo", "skos:relatedMatch", 0.18)]
    first = bridge.translate("TSO elektromechanica", to="NL").candidates[0]
    assert first.justification == "semapv:MappingChaining"
    assert first.explanation[0] == (
        "De tekst noemt een opleiding van het onderwijstype Diploma secundair onderwijs TSO (vl:dso-tso): 'TSO' staat "
        "in 'TSO elektromechanica' (naam 0,65); een opleiding van een type is enger dan het type. Wat het type "
        "vertaalt:")
    assert "Erkenning: Nuffic waardeert Diploma secundair onderwijs TSO als Vwo-diploma [BE-VLG → NL]." in (
        first.explanation)
    assert first.explanation_en[-1] == ("Confidence: name 0.65 × the type 0.46 = 0.30; the name is not calibrated (a "
                                        "type of education, not a counterpart).")
    assert [(hop.subject, hop.object, hop.predicate) for hop in first.hops] == [
        ("text:tso-elektromechanica", "vl:dso-tso", "skos:broadMatch"), ("vl:dso-tso", "nl:vwo", "skos:relatedMatch")]


def test_an_exact_counterpart_of_the_type_is_broader_than_the_programme(bridge) -> None:
    # Master -> Master (wo) exactMatch 1.00 and Master (hbo) closeMatch 0.71: broadMatch for a master's programme
    # (was: Master (wo) relatedMatch 0.24 by its name alone)
    assert _listed(bridge, "master industriële wetenschappen", "NL") == [
        ("nl:wo-master", "skos:broadMatch", 0.47), ("nl:hbo-master", "skos:broadMatch", 0.33)]


def test_a_narrower_counterpart_of_the_type_is_a_sibling_and_left_out(bridge) -> None:
    # Bachelor (hbo) -> Bachelor in de verpleegkunde is narrowMatch: another programme of the type, not the text's
    listed = _listed(bridge, "hbo ICT", "BE-VLG")
    assert listed[0] == ("vl:professionele-bachelor", "skos:broadMatch", 0.54)
    assert "vl:pba-verpleegkunde" not in {target for target, _, _ in listed}


def test_a_type_is_read_only_where_the_type_scope_reads_one(bridge) -> None:
    translator = bridge.translator
    assert [(found.kind.id, found.name) for found in types_named(translator, "TSO elektromechanica", "BE-VLG")] == [
        ("vl:dso-tso", "TSO")]
    # Master, not Master-na-master: that name's na is part of it (words() keeps a stop word between twins)
    assert [found.kind.id for found in types_named(translator, "master industriële wetenschappen", "BE-VLG")] == [
        "vl:master"]
    assert types_named(translator, "entree medewerker", "NL") == []  # a job: medewerker is a generic word of work
    assert types_named(translator, "promotiemedewerker", "NL") == []  # promotie only the first part of a compound
    # ... unless another word there is a type's word: a masteropleiding is an opleiding of the type master
    assert [found.kind.id for found in types_named(translator, "masteropleiding verpleegkunde", "BE-VLG")] == [
        "vl:master"]
    assert types_named(translator, "TSO", "BE-VLG") == []  # the type's own name: that is the type, resolved
    assert types_named(translator, "TSO elektromechanica", "NL") == []  # a type of the other side


def test_the_cli_lists_a_programme_of_a_type_instead_of_failing(capsys) -> None:
    assert main(["translate", "TSO elektromechanica", "--to", "NL"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == ("  1. Vwo-diploma (nl:vwo, nlqf:4plus)  skos:relatedMatch  0.30  "
                                   "semapv:MappingChaining")


def test_a_type_beside_a_role_word_is_a_job_at_a_school_not_a_programme(bridge) -> None:
    # role_words (taxonomies/matching.yaml): a docent of hoger beroepsonderwijs (a name of HBO5) teaches there; a
    # leerkracht TSO teaches in TSO. Without them these texts got Associate degree broadMatch 0.83 and Vwo-diploma
    # relatedMatch 0.30 through the types, and 'coördinator duaal leren' BBL broadMatch 0.65 by the type scope.
    translator = bridge.translator
    assert types_named(translator, "docent hoger beroepsonderwijs", "BE-VLG") == []
    assert types_named(translator, "leerkracht TSO", "BE-VLG") == []
    assert types_named(translator, "docent hbo", "NL") == []
    assert bridge.translate("docent hoger beroepsonderwijs", to="NL").candidates == ()
    first = bridge.translate("coördinator duaal leren", to="NL").candidates[0]
    assert (first.target.id, first.predicate, round(first.confidence, 2)) == ("nl:bbl", "skos:relatedMatch", 0.26)
    # a trade learnt on the type's pathway is no role: 'duaal leren elektricien' keeps BBL, broader
    first = bridge.translate("duaal leren elektricien", to="NL").candidates[0]
    assert (first.target.id, first.predicate) == ("nl:bbl", "skos:broadMatch")


def test_a_one_word_type_after_a_noun_names_no_programme(bridge) -> None:
    # Before: 'scrum master' -> Master (wo) skos:broadMatch 0.63 ('doctoraal', read as master, "is een onderwijstype,
    # 'scrum master' noemt meer (scrum)") and to Flanders Master and Master-na-master broadMatch 0.61: a Dutch
    # programme's name puts its type first or after an adjective, so a scrum master is a master of something else.
    assert _listed(bridge, "scrum master", "NL") == [("nl:wo-master", "skos:relatedMatch", 0.22),
                                                      ("nl:hbo-master", "skos:relatedMatch", 0.13)]
    assert _listed(bridge, "scrum master", "BE-VLG") == [("vl:master", "skos:relatedMatch", 0.22),
                                                          ("vl:master-na-master", "skos:relatedMatch", 0.13)]
    assert types_named(bridge.translator, "scrum master", "BE-VLG") == []
    # after an inflected adjective the type stays: an academische master is a master
    assert _listed(bridge, "academische master", "NL")[0] == ("nl:wo-master", "skos:broadMatch", 0.57)


def test_a_bachelor_na_bachelor_is_read_only_where_the_text_names_one(bridge) -> None:
    # Before: 'bachelor toegepaste informatica' went through Bachelor-na-bachelor ("'Bachelor-na-bachelor' staat in
    # 'bachelor toegepaste informatica'"): the name's keys were {bachelor}, na being a stop word. And the type scope
    # read the Bachelor of Nursing as a banaba programme (narrowMatch 0.61, "'Bachelor of Nursing' noemt meer").
    # words() now keeps a stop word between twins: the name's keys are {bachelor, na}.
    translator = bridge.translator
    assert "vl:bachelor-na-bachelor" not in {found.kind.id for found in types_named(
        translator, "bachelor toegepaste informatica", "BE-VLG")}
    assert [(found.kind.id, found.name) for found in types_named(
        translator, "bachelor na bachelor verpleegkunde", "BE-VLG")] == [("vl:bachelor-na-bachelor",
                                                                          "Bachelor-na-bachelor")]
    assert [(found.kind.id, found.name) for found in types_named(translator, "banaba zorgmanagement", "BE-VLG")] == [
        ("vl:bachelor-na-bachelor", "BaNaBa")]
    listed = {c.target.id: c.predicate for c in bridge.translate("vl:bachelor-na-bachelor", to="NL").candidates}
    assert listed["nl:hbo-verpleegkunde"] != "skos:narrowMatch"
    # the second bachelor follows the first: no one-word name after a noun
    assert [found.kind.id for found in types_named(translator, "bachelor-na-bachelor zorgmanagement", "BE-VLG")] == [
        "vl:bachelor-na-bachelor"]


def test_the_head_word_of_several_types_reads_each_at_an_equal_share(bridge) -> None:
    # 'bachelor' ends the names Professionele bachelor and Academische bachelor (inflected adjectives before it): a
    # 'bachelor toegepaste informatica' is a programme of one of them; the text does not say which. Before: only the
    # collapsed Bachelor-na-bachelor was read (above); without it, no candidate at all.
    readings = types_named(bridge.translator, "bachelor toegepaste informatica", "BE-VLG")
    assert [(found.kind.id, found.name, [kind.id for kind in found.among]) for found in readings] == [
        ("vl:academische-bachelor", "bachelor", ["vl:academische-bachelor", "vl:professionele-bachelor"]),
        ("vl:professionele-bachelor", "bachelor", ["vl:academische-bachelor", "vl:professionele-bachelor"])]
    assert _listed(bridge, "bachelor toegepaste informatica", "NL")[:2] == [
        ("nl:hbo-bachelor", "skos:broadMatch", 0.19), ("nl:wo-bachelor", "skos:broadMatch", 0.19)]
    first = bridge.translate("bachelor toegepaste informatica", to="NL").candidates[0]
    assert first.explanation[0] == (
        "De tekst noemt een opleiding van het onderwijstype Professionele bachelor (vl:professionele-bachelor) of van "
        "Academische bachelor (ook in die naam is 'bachelor' het kernwoord; de tekst zegt niet welk type, elk telt "
        "voor 1/2): 'bachelor' staat in 'bachelor toegepaste informatica' (naam 0,38); een opleiding van een type is "
        "enger dan het type. Wat het type vertaalt:")
    assert first.explanation_en[0].startswith(
        "The text names a programme of the type of education Professionele bachelor (vl:professionele-bachelor) or of "
        "Academische bachelor ('bachelor' is the head of that name too; the text does not say which type, each counts "
        "for 1/2): 'bachelor' is in 'bachelor toegepaste informatica' (name 0.38)")
    assert first.explanation_en[-1] == ("Confidence: name 0.38 × the type 1.00 × 1/2 = 0.19; the name is not "
                                        "calibrated (a type of education, not a counterpart).")
    assert [(hop.object, round(hop.confidence, 2)) for hop in first.hops] == [("vl:professionele-bachelor", 0.19),
                                                                              ("nl:hbo-bachelor", 1.0)]
    # a head before a qualifier in brackets alike: Bachelor (hbo), Bachelor (wo); was Bachelor-na-bachelor
    # relatedMatch 0.14 first (its name holds bachelor once, see above)
    assert [(found.kind.id, found.name, len(found.among)) for found in types_named(
        bridge.translator, "bachelor bedrijfskunde", "NL")] == [("nl:hbo-bachelor", "bachelor", 2),
                                                                 ("nl:wo-bachelor", "bachelor", 2)]
    assert _listed(bridge, "bachelor bedrijfskunde", "BE-VLG")[:2] == [
        ("vl:academische-bachelor", "skos:broadMatch", 0.24), ("vl:professionele-bachelor", "skos:broadMatch", 0.24)]
    # each head word's share is among the types it ends (a made-up text holding two heads)
    assert [(found.kind.id, found.name, len(found.among)) for found in types_named(
        bridge.translator, "basiseducatie bachelor", "NL")] == [
        ("nl:basiseducatie", "basiseducatie", 1), ("nl:hbo-bachelor", "bachelor", 2), ("nl:wo-bachelor", "bachelor", 2)]
    # a name of a type in full is read before a head word; the head after a noun, or alone, is none
    assert [found.among for found in types_named(bridge.translator, "professionele bachelor informatica",
                                                  "BE-VLG")] == [()]
    assert types_named(bridge.translator, "scrum bachelor", "BE-VLG") == []
    assert types_named(bridge.translator, "bachelor", "BE-VLG") == []


def test_a_review_of_the_types_own_pair_is_no_review_of_the_programme(bridge, tmp_path) -> None:
    # An accepted DSO TSO -> havo puts havo first for the type itself; a programme of the type only inherits the
    # type's confidence, not the person's decision on another pair
    path = tmp_path / "decisions.sssom.tsv"
    bridge.review(path, "vl:dso-tso", "nl:havo", "accept", "An Peeters")
    assert bridge.translate("vl:dso-tso", to="NL", reviews=path).candidates[0].review == "accepted"
    candidates = bridge.translate("TSO elektromechanica", to="NL", reviews=path).candidates
    assert [c.review for c in candidates] == [None] * len(candidates)
    assert "nl:havo" in {c.target.id for c in candidates}
