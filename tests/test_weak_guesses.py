"""A translation whose best candidate stays below ``minimum_confidence`` says it holds only weak guesses.

Before: ``translate frigotechnieker --to NL`` with ESCO and the tables listed *Wetenschappelijk onderzoeker
aardwetenschappen* (0.04, through ESCO's milieugeoloog) first, as any first answer, with nothing above it to say that
no candidate is worth trusting.
"""

from __future__ import annotations

from competence_bridge.matching.results import Translation


def test_only_weak_guesses_are_said_to_be_so_in_text_html_and_json(esco_tables_bridge) -> None:
    result = esco_tables_bridge.translate("frigotechnieker", to="NL")
    assert result.only_weak and result.weak_below == 0.2
    assert (result.candidates[0].target.id, round(result.candidates[0].confidence, 2)) == ("uwv:1000402420", 0.04)
    assert result.to_text("nl").splitlines()[1] == (
        "  Geen betrouwbare vertaling: de zekerste kandidaat haalt 0,04 (onder 0,20). Hieronder zwakke gissingen, om "
        "na te gaan.")
    assert result.to_text("en").splitlines()[1] == (
        "  No reliable translation: the most confident candidate reaches 0.04 (below 0.20). Weak guesses follow, to be "
        "checked.")
    assert "Geen betrouwbare vertaling: de zekerste kandidaat haalt 0,04" in result._repr_html_()
    assert result.to_dict()["only_weak"] is True


def test_a_confident_first_answer_gets_no_such_line(esco_tables_bridge, bridge) -> None:
    kapster = esco_tables_bridge.translate("kapster", to="NL")
    assert not kapster.only_weak and kapster.to_dict()["only_weak"] is False
    assert "betrouwbare" not in kapster.to_text("nl") and "reliable" not in kapster.to_text("en")
    # on the shipped data: a guess from the first part of a compound alone (netwerk), calibrated as a name
    technieker = bridge.translate("vl:job.netwerktechnieker", to="NL")
    assert technieker.only_weak and technieker.to_text("nl").splitlines()[1].startswith(
        "  Geen betrouwbare vertaling: de zekerste kandidaat haalt 0,13 (onder 0,20).")
    assert not bridge.translate("vl:job.lasser", to="NL").only_weak


def test_a_translation_without_settings_or_candidates_is_not_called_weak(bridge) -> None:
    result = bridge.translate("vl:job.netwerktechnieker", to="NL")
    assert not Translation(result.source, "NL", result.candidates).only_weak  # weak_below unknown: 0
    assert not Translation(result.source, "NL", (), weak_below=0.2).only_weak  # nothing to call weak
