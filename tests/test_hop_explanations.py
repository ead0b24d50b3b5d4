"""Every hop a candidate carries (through an ESCO occupation, a type of education, an official row, a search) is
explained in Dutch and in English, in the library and in JSON. Before: ``Hop`` had a Dutch explanation only, so a
``--lang en`` user reading ``hops`` (JSON, a notebook) met "bron is gekoppeld aan dit ESCO-beroep"."""

from __future__ import annotations

import re

import pytest

#: Dutch words of the hop explanations' own wording, which no occupation or qualification name holds.
DUTCH = re.compile(r"\b(zoeken|staat|bron|doel|gekoppeld|tabel|regels?|komt|overeen|enger|ruimer|auteur|vermeld|"
                   r"-beroep)\b", re.IGNORECASE)


def _unquoted(text: str) -> str:
    return re.sub(r"'[^']*'|“[^”]*”|\([^)]*\)", "", text)



def test_the_hops_through_a_shared_esco_occupation_and_a_type_are_explained_in_english(bridge) -> None:
    lasser = bridge.translate("vl:job.lasser", to="NL").candidates[0]
    assert [(hop.explanation, hop.explanation_en) for hop in lasser.hops] == [
        ("bron is gekoppeld aan dit ESCO-beroep", "the source is linked to this ESCO occupation"),
        ("doel is gekoppeld aan dit ESCO-beroep", "the target is linked to this ESCO occupation")]
    typed = bridge.translate("TSO elektromechanica", to="NL").candidates[0]
    assert [(hop.explanation, hop.explanation_en) for hop in typed.hops] == [
        ("'TSO' staat in 'TSO elektromechanica'", "'TSO' is in 'TSO elektromechanica'"),
        ("Diploma secundair onderwijs TSO → Vwo-diploma", "Diploma secundair onderwijs TSO → Vwo-diploma")]
    assert typed.to_dict()["hops"][0]["explanation_en"] == "'TSO' is in 'TSO elektromechanica'"


def test_the_hops_of_an_official_row_and_a_search_are_explained_in_english(esco_tables_bridge) -> None:
    kapper = esco_tables_bridge.translate("kapster", to="NL").candidates
    row = next(hop for candidate in kapper for hop in candidate.hops if hop.object == "uwv:1000400093")
    assert row.explanation_en == ("ESCO occupation 'kapper' is narrower than UWV occupation 'Eerste kapper' "
                                  "(1000400093) (skos:broadMatch): table 'ESCO to Dutch NOC' (no author named), "
                                  "2021-08-22, NL_mapping.csv line 4469.")
    priester = esco_tables_bridge.translate("Priester", to="NL").candidates
    koster = next(c for c in priester if c.target.id == "uwv:6956")
    assert [hop.explanation_en for hop in koster.hops][-2:] == [
        "Search by name: koster (0.35)",
        "ESCO occupation 'koster' is an exact match for UWV occupation 'Koster' (6956) (skos:exactMatch): table 'ESCO "
        "to Dutch NOC' (no author named), 2021-08-22, NL_mapping.csv line 4489."]
    verzorger = next(c for c in priester if c.target.id == "uwv:1000406179")
    assert [hop.explanation_en for hop in verzorger.hops] == ["Search by name: geestelijk verzorger (0.35)",
                                                              "Search by name: Geestelijk verzorger zorginstelling (0.78)"]


@pytest.mark.parametrize("to", ["NL", "BE-VLG"])
def test_no_english_hop_explanation_is_dutch(bridge, esco_tables_bridge, to) -> None:
    queries = [item.id for item in bridge.items.items.values() if item.region not in (None, to)]
    queries += ["kapster", "Priester", "monteur", "schrijnwerker", "bachelor toegepaste informatica", "TSO"]
    checked = 0
    for query in queries:
        for candidate in esco_tables_bridge.translate(query, to=to, limit=10).candidates:
            for hop in candidate.hops:
                checked += 1
                assert hop.explanation_en and not DUTCH.search(_unquoted(hop.explanation_en)), hop
    assert checked > 100
