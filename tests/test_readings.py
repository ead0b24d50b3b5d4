"""Free text that ESCO gives as the name of several occupations says so above its candidates.

Before: ``translate mecanicien --to NL`` with ESCO listed installatie-ingenieur, editor film en video and
werktuigbouwkundige bosbouw (closeMatch 0.64 each) with only each candidate's own line saying "in ESCO the text
names 3 occupations, this is one of them": a reader of the first answer alone did not learn that the word is
ambiguous, nor which readings there are.
"""

from __future__ import annotations


def test_a_name_of_several_esco_occupations_lists_its_readings_above_the_candidates(esco_tables_bridge) -> None:
    result = esco_tables_bridge.translate("mecanicien", to="NL")
    assert [reading.label for reading in result.readings] == [
        "editor film en video", "installatie-ingenieur", "werktuigbouwkundige bosbouw"]
    assert {reading.id for reading in result.readings} == result.source.esco
    assert result.to_text("nl").splitlines()[1] == (
        "  In ESCO is 'mecanicien' (gelezen als 'monteur', termenlaag) een naam van 3 beroepen: editor film en video, "
        "installatie-ingenieur, werktuigbouwkundige bosbouw. De tekst zegt niet welk; kandidaten via ESCO lezen het "
        "elk als één ervan. Een preciezere naam geeft één lezing.")
    assert result.to_text("en").splitlines()[1] == (
        "  In ESCO, 'mecanicien' (read as 'monteur', term layer) is a name of 3 occupations: editor film en video, "
        "installatie-ingenieur, werktuigbouwkundige bosbouw. The text does not say which; candidates through ESCO "
        "each read it as one of them. A more precise name gives one reading.")
    assert "een naam van 3 beroepen" in result._repr_html_()
    assert [reading["label"] for reading in result.to_dict()["readings"]][:1] == ["editor film en video"]
    schrijnwerker = esco_tables_bridge.translate("schrijnwerker", to="NL")
    assert [reading.label for reading in schrijnwerker.readings] == ["meubelmaker", "timmerman"]


def test_a_name_of_one_occupation_or_none_has_no_readings(esco_tables_bridge, bridge) -> None:
    for text in ("kapster", "automecanicien", "vl:job.lasser"):
        result = esco_tables_bridge.translate(text, to="NL")
        assert result.readings == () and result.to_dict()["readings"] == []
        assert not any(line.startswith("  In ESCO is ") for line in result.to_text("nl").splitlines())
    assert bridge.translate("monteur", to="NL").readings == ()  # without ESCO nothing names it several times
