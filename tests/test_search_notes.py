"""Search hits read in Dutch: every note the matching layer writes has a Dutch form."""

from __future__ import annotations

from competence_bridge.present.search_notes import knows, search_note

QUERIES = ["lasser", "kinesitherapuet", "mbo 4 diploma", "verpleegster", "leerkracht lager onderwijs",
           "installateur verwarming", "verwarmingsinstallateur", "logopedist", "kapster", "boekhoudster",
           "magazijnier", "hbo5 verpleegkunde", "zorgkundige", "VKS 5", "elektromecanicien", "programmeren",
           "schilder decorateur", "tso", "heftruckchauffeur", "kassierster", "opvoeder begeleider", "xyzzy plof"]


def test_every_note_of_real_searches_has_a_dutch_form(bridge) -> None:
    notes = {note for query in QUERIES for hit in bridge.search(query, limit=10).hits for note in hit.explanation}
    assert len(notes) > 40
    assert sorted(note for note in notes if not knows(note)) == []


def test_named_notes_in_dutch() -> None:
    assert search_note("label 'Lasser' (alt, nl)", "nl") == "naam 'Lasser' (andere naam, nl)"
    assert search_note("gender form -ster → -er: kapster ~ kapper", "nl") == (
        "vrouwelijke vorm -ster → -er: kapster ~ kapper")
    assert search_note("agent noun -er ~ action noun -ing: lasser ~ lassen", "nl") == (
        "persoonsnaam -er ~ handelingsnaam -ing: lasser ~ lassen")
    assert search_note("no match for 'tso'", "nl") == "niets gevonden voor 'tso'"
    assert search_note("Flemish/Dutch synonym leerkracht → leraar", "nl") == (
        "Vlaams/Nederlands synoniem leerkracht → leraar")
    assert search_note("a note nobody wrote yet", "nl") == "a note nobody wrote yet"


def test_the_search_text_is_dutch_by_default_and_english_on_request(bridge) -> None:
    result = bridge.search("lassers", limit=1)
    assert result.to_text() == ("Zoekresultaten voor 'lassers':\n"
                                "  1. Lasser (nl:job.lasser; beroepsprofiel, Nederland)  0.91\n"
                                "       naam 'Lasser' (voorkeursnaam, nl)\n"
                                "       meervoud of verbindingsletter -s: lassers ~ lasser")
    assert result.to_text("en") == ("Results for 'lassers':\n"
                                     "  1. Lasser (nl:job.lasser; job profile, Netherlands)  0.91\n"
                                     "       label 'Lasser' (pref, nl)\n"
                                     "       plural or linking -s: lassers ~ lasser")
