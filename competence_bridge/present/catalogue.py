"""The one nl/en catalogue of the words people read: headings, kinds, regions, relations, verdicts.

Every rendering (text, HTML, DataFrame headers) takes its words from here, so a Dutch or English
term is changed in one place. :func:`words` checks the language.

>>> words("en")["no_candidate"]
'No candidate found.'
>>> KIND_TEXT["nl"]["job-profile"]
'beroepsprofiel'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from competence_bridge.display import format_number
from competence_bridge.errors import UnknownLanguageError
from competence_bridge.vocabulary import LANGS

if TYPE_CHECKING:
    from competence_bridge.matching.results import Translation

WORDS: Final[dict[str, dict[str, str]]] = {
    "nl": {
        "eqf": "EQF", "no_eqf": "geen EQF-niveau", "within": "valt binnen", "equals": "gelijk aan",
        "same": "Zelfde EQF-niveau", "at_level": "Op dit niveau", "none": "(niets)", "historical": "historisch",
        "recognitions": "Erkenningen", "no_statements": "Geen erkenningsverklaring gevonden.",
        "not_in_force": "Niet van kracht", "direction": "Richting", "instrument": "Instantie en instrument",
        "valuation": "Waardering", "source": "Bron", "source_lower": "bron", "level": "niveau",
        "no_level": "niveau onbekend", "translation": "Vertaling", "candidate": "Kandidaat", "relation": "Relatie",
        "confidence": "Zekerheid", "justification": "Onderbouwing", "explanation": "Uitleg",
        "no_candidate": "Geen kandidaat gevonden.", "comparison": "Vergelijking", "levels": "Niveaus",
        "no_diploma": "Geen diploma of kwalificatie gevonden; wel de beroepen waarvoor dit opleidt (hieronder).",
        "only_weak": "Geen betrouwbare vertaling: de zekerste kandidaat haalt {best} (onder {floor}). Hieronder "
                     "zwakke gissingen, om na te gaan.",
        "readings": "In ESCO is '{text}'{read_as} een naam van {count} beroepen: {labels}. De tekst zegt niet welk; "
                    "kandidaten via ESCO lezen het elk als één ervan. Een preciezere naam geeft één lezing.",
        "read_as": " (gelezen als '{read_as}', termenlaag)",
        "verdict": "Oordeel", "covered": "gedekt", "missing": "niet gevonden", "best": "gekoppeld aan",
        "no_match": "met niets gekoppeld", "unknown": "onbekend", "recognition": "Erkenning",
        "mismatch": "niveauverschil", "eqf_levels": "EQF-niveau", "competences": "Competenties", "code": "Code",
        "kind": "Soort", "competence": "Competentie", "exercise": "Vertaaloefening", "reviewer": "Beoordelaar",
        "file": "bestand", "nr": "nr.", "proposal": "Voorstel", "why": "Waarom", "decision": "Beslissing",
        "open": "open", "accepted": "aanvaard", "rejected": "afgewezen", "unsure": "twijfel", "next": "volgende",
        "of": "van", "stale": "beslissingen over voorstellen die de huidige gegevens niet meer doen",
        "threshold": "gedekt vanaf een overeenkomst van",
        "what_differs": "Wat verschilt, competentie per competentie",
        "same_level": "Wat op hetzelfde niveau ligt, aan beide kanten",
        "asks": "{b}: wat gevraagd wordt, en of {a} het dekt ({share})",
        "covers": "{a}: wat {b} daarvan dekt ({share})",
        "verdict_prefix": "Oordeel: ",
        "progress": "{decided} van {total} beslist: {accepted} aanvaard, {rejected} afgewezen, {unsure} twijfel; "
                    "{pending} open",
        "search_results": "Zoekresultaten voor '{query}':", "search_none": "Niets gevonden voor '{query}'.",
        "candidates": "kandidaten", "hits": "resultaten", "competences_lower": "competenties",
        "not": "niet", "official": "Officiële koppelingen met ESCO",
        "summary": "kerntaak (via werkprocessen)",
        "jobs": "Beroepen waarvoor dit opleidt, aan de andere kant", "jobs_explained": "uitleg",
        "below": "gekoppeld, onder de drempel",
        "by_word_forms": "gevonden als een andere vorm (meervoud of mannelijk/vrouwelijk) van '{query}'",
        "by_spelling": "gevonden als een andere spelling (enkele of dubbele letter) van '{query}'",
        "by_words": "gevonden als de enige naam met alle woorden van '{query}'",
        "by_type": "gevonden als de kwalificatie van het onderwijstype in '{query}' met de andere woorden in "
                   "haar naam",
        "by_type_parts": "gevonden als de kwalificatie van het onderwijstype in '{query}' met de andere woorden als "
                         "laatste deel van een samenstelling in haar naam",
        "by_other_type": "gevonden als de kwalificatie van een ander onderwijstype{levels} met de andere woorden van "
                         "'{query}' in haar naam: geen kwalificatie van het genoemde onderwijstype heeft ze",
    },
    "en": {
        "eqf": "EQF", "no_eqf": "no EQF level", "within": "lies within", "equals": "equal to",
        "same": "Same EQF level", "at_level": "At this level", "none": "(none)", "historical": "historical",
        "recognitions": "Recognitions", "no_statements": "No recognition statement found.",
        "not_in_force": "Not in force", "direction": "Direction", "instrument": "Authority and instrument",
        "valuation": "Valuation", "source": "Source", "source_lower": "source", "level": "level",
        "no_level": "level unknown", "translation": "Translation", "candidate": "Candidate", "relation": "Relation",
        "confidence": "Confidence", "justification": "Justification", "explanation": "Explanation",
        "no_candidate": "No candidate found.", "comparison": "Comparison", "levels": "Levels",
        "no_diploma": "No diploma or qualification found; the jobs it prepares for follow (below).",
        "only_weak": "No reliable translation: the most confident candidate reaches {best} (below {floor}). Weak "
                     "guesses follow, to be checked.",
        "readings": "In ESCO, '{text}'{read_as} is a name of {count} occupations: {labels}. The text does not say "
                    "which; candidates through ESCO each read it as one of them. A more precise name gives one "
                    "reading.",
        "read_as": " (read as '{read_as}', term layer)",
        "verdict": "Verdict", "covered": "covered", "missing": "not found", "best": "paired with",
        "no_match": "paired with nothing", "unknown": "unknown", "recognition": "Recognition",
        "mismatch": "level mismatch", "eqf_levels": "EQF level", "competences": "Competences", "code": "Code",
        "kind": "Kind", "competence": "Competence", "exercise": "Translation exercise", "reviewer": "Reviewer",
        "file": "file", "nr": "no.", "proposal": "Proposal", "why": "Why", "decision": "Decision",
        "open": "open", "accepted": "accepted", "rejected": "rejected", "unsure": "unsure", "next": "next",
        "of": "of", "stale": "decisions on proposals the current data no longer makes",
        "threshold": "covered from a similarity of",
        "what_differs": "What differs, competence by competence",
        "same_level": "What sits at the same level, on both sides",
        "asks": "{b}: what it asks, and whether {a} covers it ({share})",
        "covers": "{a}: what {b} covers of it ({share})",
        "verdict_prefix": "Verdict: ",
        "progress": "{decided} of {total} decided: {accepted} accepted, {rejected} rejected, {unsure} unsure; "
                    "{pending} open",
        "search_results": "Results for '{query}':", "search_none": "Nothing found for '{query}'.",
        "candidates": "candidates", "hits": "hits", "competences_lower": "competences",
        "not": "not", "official": "Official mappings to ESCO",
        "summary": "core task (via work processes)",
        "jobs": "Jobs it prepares for, on the other side", "jobs_explained": "explained by",
        "below": "paired, below the threshold",
        "by_word_forms": "found as another form (plural, masculine or feminine) of '{query}'",
        "by_spelling": "found as another spelling (single or doubled letter) of '{query}'",
        "by_words": "found as the only name holding every word of '{query}'",
        "by_type": "found as the qualification of the type of education in '{query}' whose name holds its "
                   "other words",
        "by_type_parts": "found as the qualification of the type of education in '{query}' whose name holds its "
                         "other words as the last part of a compound",
        "by_other_type": "found as the qualification of another type of education{levels} whose name holds the other "
                         "words of '{query}': no qualification of the type named holds them",
    },
}

#: The regions, as people name them.
REGION_NAMES: Final[dict[str, dict[str, str]]] = {
    "nl": {"BE-VLG": "Vlaanderen", "NL": "Nederland"},
    "en": {"BE-VLG": "Flanders", "NL": "Netherlands"},
}

#: How binding a recognition instrument is.
BINDING_TEXT: Final[dict[str, dict[str, str]]] = {
    "nl": {"automatic": "automatisch, zonder procedure", "on-application": "erkenning op aanvraag",
           "advisory": "advies, je kunt er geen rechten aan ontlenen", "none": "niet van kracht"},
    "en": {"automatic": "automatic, no procedure", "on-application": "recognition on application",
           "advisory": "advice, confers no rights", "none": "not in force"},
}

#: What a SKOS predicate means, in words a workshop participant reads.
PREDICATE_TEXT: Final[dict[str, dict[str, str]]] = {
    "nl": {"skos:exactMatch": "gelijkwaardig", "skos:closeMatch": "nagenoeg gelijkwaardig",
           "skos:broadMatch": "doel is ruimer", "skos:narrowMatch": "doel is smaller",
           "skos:relatedMatch": "verwant"},
    "en": {"skos:exactMatch": "equivalent", "skos:closeMatch": "close match",
           "skos:broadMatch": "target is broader", "skos:narrowMatch": "target is narrower",
           "skos:relatedMatch": "related"},
}

#: What a SEMAPV justification means.
JUSTIFICATION_TEXT: Final[dict[str, dict[str, str]]] = {
    "nl": {"semapv:LexicalMatching": "zelfde naam",
           "semapv:LexicalSimilarityThresholdMatching": "gelijkende woorden",
           "semapv:CompositeMatching": "meerdere signalen samen",
           "semapv:MappingChaining": "via een gedeelde schakel (ESCO, ISCO)",
           "semapv:ManualMappingCuration": "door een mens beoordeeld",
           "semapv:MappingReview": "in beoordeling",
           "semapv:UnspecifiedMatching": "niet gespecificeerd"},
    "en": {"semapv:LexicalMatching": "same name",
           "semapv:LexicalSimilarityThresholdMatching": "similar words",
           "semapv:CompositeMatching": "several signals combined",
           "semapv:MappingChaining": "via a shared pivot (ESCO, ISCO)",
           "semapv:ManualMappingCuration": "curated by a person",
           "semapv:MappingReview": "under review",
           "semapv:UnspecifiedMatching": "unspecified"},
}

#: Item and competence kinds.
KIND_TEXT: Final[dict[str, dict[str, str]]] = {
    "nl": {"qualification": "kwalificatie", "job-profile": "beroepsprofiel", "qualification-type": "kwalificatietype",
           "occupation": "ESCO-beroep", "text": "vrije tekst", "competence": "competentie", "knowledge": "kennis",
           "skill": "vaardigheid", "attitude": "houding", "task": "taak", "work-process": "werkproces"},
    "en": {"qualification": "qualification", "job-profile": "job profile", "qualification-type": "qualification type",
           "occupation": "ESCO occupation", "text": "free text", "competence": "competence", "knowledge": "knowledge",
           "skill": "skill", "attitude": "attitude", "task": "task", "work-process": "work process"},
}

#: Flags a candidate can carry.
FLAG_TEXT: Final[dict[str, dict[str, str]]] = {
    "nl": {"level-mismatch": "⚠ niveauverschil", "no-recognition": "geen officiële erkenning",
           "false-friend": "⚠ valse vriend", "shared-name": "naam van meerdere ESCO-beroepen"},
    "en": {"level-mismatch": "⚠ level mismatch", "no-recognition": "no official recognition",
           "false-friend": "⚠ false friend", "shared-name": "a name of several ESCO occupations"},
}

#: The sentences of a gap report's verdict.
VERDICT_TEXT: Final[dict[str, dict[str, str]]] = {
    "nl": {
        "none": "Er zijn geen competenties om te vergelijken.",
        "equal": "Inhoudelijk grotendeels gelijkwaardig ({measure}): {bring} van {b} zit ook in {a}.",
        "partial": "Gedeeltelijk gelijkwaardig ({measure}): wie {a} heeft, dekt {bring} van {b}; {missing}.",
        "little": "Weinig overlap gevonden ({measure}): in {a} staat voor maar {bring} van {b} een "
                  "overeenkomende competentie.",
        "unfound": "Een ✘ betekent alleen dat niets boven de drempel gevonden werd; een anders verwoorde "
                   "competentie kan gemist zijn.",
        "recognition": "Erkenning: {}.",
        "borrowed": "Het beroepsprofiel {job} heeft geen eigen competenties; vergeleken zijn die van de "
                    "kwalificatie(s) die erop voorbereiden ({qualifications}).",
    },
    "en": {
        "none": "There are no competences to compare.",
        "equal": "Largely equivalent in content ({measure}): {bring} of {b} is also in {a}.",
        "partial": "Partly equivalent ({measure}): a holder of {a} covers {bring} of {b}; {missing}.",
        "little": "Little overlap found ({measure}): {a} has a matching competence for only {bring} of {b}.",
        "unfound": "A ✘ only means that nothing was found above the threshold; a competence worded differently "
                   "may have been missed.",
        "recognition": "Recognition: {}.",
        "borrowed": "The job profile {job} has no competences of its own; those of the qualification(s) "
                    "preparing for it ({qualifications}) were compared.",
    },
}


def kind_name(kind: str, region: str | None, lang: str) -> str:
    """What a kind of item is called: an occupation with a side is a national one, without one ESCO's.

    >>> kind_name("occupation", "NL", "nl"), kind_name("occupation", None, "en")
    ('beroep (nationale lijst)', 'ESCO occupation')
    """
    if kind == "occupation" and region:
        words(lang)
        return NATIONAL_OCCUPATION[lang]
    return KIND_TEXT[lang].get(kind, kind)


#: An occupation of a national classification (VDAB Competent, UWV).
NATIONAL_OCCUPATION: Final[dict[str, str]] = {"nl": "beroep (nationale lijst)", "en": "occupation (national list)"}


def words(lang: str) -> dict[str, str]:
    """The headings and short words of *lang*.

    :raises UnknownLanguageError: for a language other than ``nl`` or ``en``
    """
    if lang not in LANGS:
        raise UnknownLanguageError(lang)
    return WORDS[lang]


def found_as(query: str, found_by: str | None, lang: str, levels: Sequence[str] = ()) -> str:
    """The line saying how *query* named a translation's source (``Translation.found_by``): up to word forms
    (``"forms"``), only up to a letter written once or twice (``"spelling"``), or as the one name holding all its
    words (``"words"``), or as the one qualification of the type of education it names holding its other words
    (``"type"``), or holding them as the last parts of compounds (``"type-parts"``), or as the one of another type
    holding them (``"other-type"``: with the source's *levels*, since they are not the levels the query names).

    >>> found_as("lassers", "forms", "en"), found_as("BSO verzorging", "words", "en")
    ("found as another form (plural, masculine or feminine) of 'lassers'", "found as the only name holding every \
word of 'BSO verzorging'")
    >>> found_as("mbo 3 lasser", "other-type", "nl", ["nlqf:2"])
    "gevonden als de kwalificatie van een ander onderwijstype (nlqf:2) met de andere woorden van 'mbo 3 lasser' in \
haar naam: geen kwalificatie van het genoemde onderwijstype heeft ze"
    """
    said = {"spelling": "by_spelling", "words": "by_words", "type": "by_type", "type-parts": "by_type_parts",
            "other-type": "by_other_type"}.get(found_by or "", "by_word_forms")
    return words(lang)[said].format(query=query, levels=f" ({'+'.join(levels)})" if levels else "")


def weak_note(best: float, floor: float, lang: str) -> str:
    """The line above candidates that are all weak guesses (``Translation.only_weak``): the best confidence and the
    floor it stays under, written as *lang* writes numbers.

    >>> weak_note(0.04, 0.2, "nl").split(". ")[0]
    'Geen betrouwbare vertaling: de zekerste kandidaat haalt 0,04 (onder 0,20)'
    """
    return words(lang)["only_weak"].format(best=format_number(best, lang), floor=format_number(floor, lang))


def readings_note(text: str, read_as: str | None, labels: list[str], lang: str) -> str:
    """The line above the candidates of free text that ESCO gives as the name of several occupations
    (``Translation.readings``): which occupations, and that the text does not say which.

    >>> readings_note("mecanicien", "monteur", ["editor film en video", "installatie-ingenieur"], "en")[:77]
    "In ESCO, 'mecanicien' (read as 'monteur', term layer) is a name of 2 occupati"
    """
    said = words(lang)
    reading = said["read_as"].format(read_as=read_as) if read_as else ""
    return said["readings"].format(text=text, read_as=reading, count=len(labels), labels=", ".join(labels))


def translation_notes(translation: Translation, lang: str) -> list[str]:
    """The lines a translation says above its candidates, text and HTML alike: the ESCO occupations free text
    names when it names several (:func:`readings_note`), and that the candidates are only weak guesses
    (:func:`weak_note`)."""
    notes = []
    source = translation.source
    if translation.readings:
        labels = [reading.label for reading in translation.readings]
        notes.append(readings_note(source.label, source.read_as, labels, lang))
    if translation.only_weak and translation.best_confidence is not None:
        notes.append(weak_note(translation.best_confidence, translation.weak_below, lang))
    return notes


def paired(covered: bool, lang: str) -> str:
    """The words before a competence's partner in a gap report: *gekoppeld aan* under a covered one, *gekoppeld,
    onder de drempel* under one whose partner lies below the threshold.

    >>> paired(True, "nl"), paired(False, "en")
    ('gekoppeld aan', 'paired, below the threshold')
    """
    said = words(lang)
    return said["best"] if covered else said["below"]


#: How many of B's competences nothing was found for: (plural, singular).
VERDICT_MISSING: Final[dict[str, tuple[str, str]]] = {
    "nl": ("{n} competenties niet teruggevonden", "{n} competentie niet teruggevonden"),
    "en": ("{n} competences not found", "{n} competence not found"),
}

#: How the competences of a gap report were compared (:meth:`StatementComparer.measure`), as its verdict says.
MEASURE_TEXT: Final[dict[str, dict[str, str]]] = {
    "nl": {"words": "vergeleken op woorden", "spelling": "vergeleken op woorden en spelling",
           "embedding": "vergeleken op betekenis, met een zinsembedding"},
    "en": {"words": "compared by words", "spelling": "compared by words and spelling",
           "embedding": "compared by meaning, with a sentence embedding"},
}
