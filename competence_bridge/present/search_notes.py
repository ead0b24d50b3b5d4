"""The notes of a search hit in Dutch: the matching layer writes them as short English facts, this renders them.

The notes are data (``SearchHit.explanation``, English, stable for tools); a person reading Dutch
gets the same facts in Dutch. Every pattern the matching layer writes has a Dutch form here; a note
no pattern knows is shown as it is, so a new note never disappears (``tests/test_search_notes.py``
checks that every note of a real search run is rendered).

>>> search_note("compound split verwarmings|installateur (label)", "nl")
'samenstelling gesplitst: verwarmings|installateur (in de naam)'
>>> search_note("same label", "en")
'same label'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from competence_bridge.vocabulary import Lang

#: The names of the label roles and the word-formation rules, in Dutch.
ROLE_WORDS: Final[dict[str, str]] = {"pref": "voorkeursnaam", "alt": "andere naam", "hidden": "verborgen naam"}
RULE_WORDS: Final[dict[str, str]] = {
    "gender form": "vrouwelijke vorm",
    "plural or linking": "meervoud of verbindingsletter",
    "plural": "meervoud",
    "gender/inflection form": "vrouwelijke of verbogen vorm",
    "Flemish suffix": "Vlaams achtervoegsel",
    "agent noun": "persoonsnaam",
    "action noun": "handelingsnaam",
    "derivation": "afleiding",
}

#: The splits of a benchmark a mined synonym may come from, in Dutch.
SPLIT_WORDS: Final[dict[str, str]] = {"train": "trainingsdeel"}

_RULE = re.compile("|".join(sorted(map(re.escape, RULE_WORDS), key=len, reverse=True)))


def _rules(text: str) -> str:
    return _RULE.sub(lambda match: RULE_WORDS[match.group()], text)


def _label(match: re.Match[str]) -> str:
    role, _, lang = match.group(2).partition(", ")
    return f"naam '{match.group(1)}' ({ROLE_WORDS.get(role, role)}{', ' + lang if lang else ''})"


#: English note pattern → its Dutch form (a format string over the groups, or a function of the match).
_DUTCH: Final[list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]] = [
    (re.compile(r"level '(.*)'\Z"), "niveau '{0}'"),
    (re.compile(r"label '(.*)' \(([^()]*)\)\Z"), _label),
    (re.compile(r"same label\Z"), "zelfde naam"),
    (re.compile(r"same label after folding case, diacritics and punctuation\Z"),
     "zelfde naam na gelijkschakelen van hoofdletters, accenten en leestekens"),
    (re.compile(r"similar spelling \(character 3-grams\)\Z"), "gelijkaardige spelling (lettergroepjes van drie)"),
    (re.compile(r"description also mentions (.*)\Z"), "de beschrijving vermeldt ook {0}"),
    (re.compile(r"description mentions (.*)\Z"), "de beschrijving vermeldt {0}"),
    (re.compile(r"no match for '(.*)'\Z"), "niets gevonden voor '{0}'"),
    (re.compile(r"compound split (\S*) \(label\)\Z"), "samenstelling gesplitst: {0} (in de naam)"),
    (re.compile(r"compound split (\S*)\Z"), "samenstelling gesplitst: {0}"),
    (re.compile(r"Flemish/Dutch synonym (.*)\Z"), "Vlaams/Nederlands synoniem {0}"),
    (re.compile(r"mined synonym (.*) \((.*) labels of (\d+) concepts?, (\w+) split\)\Z"), lambda match: (
        f"afgeleid synoniem {match.group(1)} (namen van {match.group(3)} "
        f"{'begrip' if match.group(3) == '1' else 'begrippen'} in {match.group(2)}, "
        f"{SPLIT_WORDS.get(match.group(4), match.group(4) + '-deel')})")),
    (re.compile(r"spelling: (.*)\Z"), "spelling: {0}"),
    (re.compile(r"word order differs\Z"), "andere woordvolgorde"),
    (re.compile(r"((?:gender|plural|Flemish|agent|action|derivation)[^:]*): (.*)\Z"),
     lambda match: f"{_rules(match.group(1))}: {match.group(2)}"),
]


def search_note(note: str, lang: Lang) -> str:
    """One note of a search hit in *lang* (the note itself for English; unknown notes unchanged)."""
    if lang != "nl":
        return note
    for pattern, dutch in _DUTCH:
        match = pattern.match(note)
        if match:
            return dutch(match) if callable(dutch) else dutch.format(*match.groups())
    return note


def knows(note: str) -> bool:
    """Whether *note* has a Dutch form."""
    return any(pattern.match(note) for pattern, _ in _DUTCH)
