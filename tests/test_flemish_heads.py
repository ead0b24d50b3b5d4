"""Free text whose compound ends in a Flemish term is read with the Dutch head (``TermLayer.read_heads``).

Before: the term layer replaced whole words only, so ``elektrotechnieker`` had no Dutch reading and no ESCO anchor,
where ``elektrotechnicus`` is the preferred label of an ESCO occupation; its first answer with ESCO and the VDAB and
UWV tables was ESCO's *elektromechanicus* (closeMatch 0.86, through an alternative label), not the Dutch qualification
anchored to ESCO's elektrotechnicus.
"""

from __future__ import annotations

import pytest

from competence_bridge.language.terms import TermEntry, TermLayer

LAYER = TermLayer([TermEntry("term:technieker", ("technieker",), ("technicus", "monteur")),
                   TermEntry("term:arbeider", ("arbeider",), ("werknemer",), relation="related"),
                   TermEntry("term:zorgkundige", ("zorgkundige",), ("verzorgende ig",), relation="close")])


@pytest.mark.parametrize(("text", "reading", "fired"), [
    ("Elektrotechnieker", "elektrotechnicus", ["technieker"]),
    ("koeltechnieker onderhoud", "koeltechnicus onderhoud", ["technieker"]),
    ("technieker", "technieker", []),  # a whole word is the term layer's own (apply)
    ("labotechnieker", "labotechnicus", ["technieker"]),
    ("abtechnieker", "abtechnieker", []),  # at least three letters before the head
    ("bouwarbeider", "bouwarbeider", []),  # a related pair is no reading of the word
    ("thuiszorgkundige", "thuiszorgkundige", []),  # nor a close one, nor a Dutch form of more than one word
    ("techniekers", "techniekers", []),  # the head ends the word
])
def test_a_compound_is_read_with_the_dutch_form_of_its_flemish_head(text, reading, fired) -> None:
    read, substitutions = LAYER.read_heads(text)
    assert (read, [substitution.source for substitution in substitutions]) == (reading, fired)
    assert all(substitution.flemish and substitution.term_pair == "term:technieker" for substitution in substitutions)


def test_elektrotechnieker_is_read_as_elektrotechnicus_and_anchored_to_it(esco_tables_bridge) -> None:
    result = esco_tables_bridge.translate("elektrotechnieker", to="NL", limit=3)
    assert result.source.read_as == "elektrotechnicus"
    assert result.source.esco == {"esco-occupation:9aa2a36f-296e-45fe-9798-b7839e0ed389"}
    assert [(c.target.id, c.predicate, round(c.confidence, 2)) for c in result.candidates[:2]] == [
        ("nl:crebo-25262", "skos:closeMatch", 0.7),
        ("esco-occupation:9aa2a36f-296e-45fe-9798-b7839e0ed389", "skos:exactMatch", 1.0)]
    assert result.candidates[1].explanation_en[1] == (
        "Same ESCO occupation: elektrotechnicus (esco-occupation:9aa2a36f-296e-45fe-9798-b7839e0ed389); the text, "
        "read as 'elektrotechnicus' (term layer), is one of its names in ESCO.")
    # a Dutch text is not read as Flemish
    assert esco_tables_bridge.translate("elektrotechnieker", to="BE-VLG").source.read_as is None
