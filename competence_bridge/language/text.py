"""Text in, comparable text out: the one matching form (:func:`fold`, :func:`words`), the lookup key of a name
(:func:`normalize`), and close suggestions for names that match nothing.

:func:`fold` and :func:`words` are the first step of every Dutch text analysis, for search and translation
alike: one folding, one stop list (:data:`STOPWORDS`), one tokeniser. :func:`normalize` is the key under which
a person's typed name is looked up (ids, labels); it keeps characters such as ``+`` or ``&`` that matching drops.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s\-_/.,;:()'\"!?]+")
#: A gender marker of a job title, as vacancies write it: (m/v), (m/v/x), (v/m), (h/f/x), or bare m/v/x.
_GENDER_MARKER = re.compile(r"\(\s*[mvhfx](?:\s*/\s*[mvhfx]){1,2}\s*\)|(?<![\w/])[mvhfx](?:/[mvhfx]){1,2}(?![\w/])")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
#: An initialism: single letters joined by dots or an ampersand (k.i., h.b.o., r&d, p&o), read as one word.
_INITIALISM = re.compile(r"(?<![a-z0-9])[a-z](?:[.&][a-z](?![a-z0-9]))+\.?")
_JOINERS = re.compile(r"[.&]")
#: An ordinal written with a digit, as Flemish (7de, 1ste) or Netherlands Dutch (7e) writes it; one form, 7e.
_ORDINAL = re.compile(r"(?<![a-z0-9])([0-9]+)(?:ste|de|e)(?![a-z0-9])")
_DIGIT = re.compile(r"[0-9]")  # most names have none: a scan for one costs a fifth of the ordinal rule's

#: Function words that never carry a match: articles, prepositions, conjunctions, pronouns, and the auxiliaries
#: and particles of competence statements (``kan``, ``werd``, ``niet``, ``zo``).
STOPWORDS = frozenset((
    "de", "het", "een", "en", "of", "van", "voor", "in", "op", "met", "aan", "bij", "te", "tot", "uit", "door",
    "over", "om", "als", "die", "dat", "der", "des", "den", "zich", "zij", "ze", "hun", "er", "is", "zijn",
    "worden", "wordt", "ook", "naar", "onder", "na", "per", "tegen", "zoals", "dan", "deze", "dit", "al", "wat",
    "welke", "hij", "wie", "ten", "ter", "kan", "zo", "niet", "werd",
    # abbreviations read as one word by fold (o.a., d.w.z., e.d.): function words too
    "oa", "dwz", "ed", "ea", "ivm", "mbt", "tov", "muv",
))


def as_written(label: str) -> dict[str, str]:
    """Each folded word of *label* → the word as the label writes it, in lower case, for explanations that quote
    a name's words as written.

    >>> as_written("Medewerker industriële afwerking")["industriele"]
    'industriële'
    """
    return {fold(word): word for word in re.split(r"[\W_]+", label.lower()) if word}


def fold(text: str) -> str:
    """Lower case without diacritics, an initialism one word, every run of non-alphanumeric characters one space,
    an ordinal in one form (7de, 7e: 7e).

    >>> fold("Kinésithérapeute (m/v) - Gent")
    'kinesitherapeute m v gent'
    >>> fold("K.I.-technicus, medewerker R&D")  # not 'k i technicus' (one-letter words are no words)
    'ki technicus medewerker rd'
    >>> fold("7de jaar BSO, 1ste graad") == fold("7e jaar bso, 1e graad")
    True
    """
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    if "." in text or "&" in text:
        text = _INITIALISM.sub(lambda found: _JOINERS.sub("", found.group()), text)
    return _one_ordinal(_NON_WORD.sub(" ", text)).strip()


def _one_ordinal(text: str) -> str:
    """*text* with every ordinal written with a digit in one form, 7e (only text with a digit is scanned)."""
    return _ORDINAL.sub(r"\1e", text) if _DIGIT.search(text) else text


def words(text: str) -> list[str]:
    """The content words of *text*, folded: no stop words, no one-letter words, but a lone digit stays. The *na*
    of a content word, na, the same word again is part of one name and stays: a *bachelor-na-bachelor* (a
    *master-na-master*, *secundair-na-secundair*) is no bachelor twice, and without its *na* its name would be a
    plain bachelor's. Other stop words between twins go ('docenten of docenten', 'de door de' in ESCO's texts).

    >>> words("Verzorgende-IG, niveau 3 en de helpende")
    ['verzorgende', 'ig', 'niveau', '3', 'helpende']
    >>> words("Bachelor-na-bachelor"), words("master na de master"), words("films en films")
    (['bachelor', 'na', 'bachelor'], ['master', 'master'], ['films', 'films'])
    """
    return list(_label_words(text) if len(text) <= _LABEL_CHARS else _words(text))


#: Texts up to this length (names, labels) have their words kept: a translation reads each candidate's labels
#: several times. Longer ones (descriptions, statements) are read once or twice, and would fill the memory.
_LABEL_CHARS = 80


def _words(text: str) -> tuple[str, ...]:
    folded = fold(text).split()
    return tuple(word for at, word in enumerate(folded)
                 if (word not in STOPWORDS or (word == "na" and 0 < at < len(folded) - 1
                                               and folded[at - 1] == folded[at + 1] not in STOPWORDS))
                 and (len(word) > 1 or word.isdigit()))


_label_words = functools.lru_cache(maxsize=16384)(_words)


def one_word_of(text: str, vocabulary: Iterable[str]) -> bool:
    """Whether *text* is one word, folded, and one of *vocabulary*'s (folded too).

    >>> one_word_of(" Medewerker", ["medewerker"]), one_word_of("assistent in opleiding", ["assistent", "opleiding"])
    (True, False)
    """
    found = fold(text).split()
    return len(found) == 1 and found[0] in {fold(word) for word in vocabulary}


def normalize(text: str) -> str:
    """The lookup key of a name: no case, no diacritics, no gender marker, separators as single spaces, an ordinal
    in one form (6de, 6e).

    >>> normalize("  Diploma Secundair-Onderwijs (BSO) ")
    'diploma secundair onderwijs bso'
    >>> normalize("Gediplomeerd verpleegkundige") == normalize("gediplomeerd VERPLEEGKUNDIGE")
    True
    >>> normalize("Elektricien (m/v/x)"), normalize("Logistiek medewerker m/v"), normalize("Kapper!")
    ('elektricien', 'logistiek medewerker', 'kapper')
    >>> normalize("Studiegetuigschrift 6de jaar BSO") == normalize("studiegetuigschrift 6e jaar bso")
    True
    """
    folded = _GENDER_MARKER.sub(" ", text.casefold())  # no part of a name
    if not folded.isascii():  # NFKD and combining marks change nothing in ASCII (most names)
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _one_ordinal(_SEPARATORS.sub(" ", folded)).strip()


def suggest(query: str, choices: Iterable[str], *, limit: int = 3, cutoff: float = 60.0) -> list[str]:
    """The choices closest to *query*, best first (for "did you mean ...")."""
    from rapidfuzz import fuzz, process

    options = {choice: normalize(choice) for choice in choices}
    hits = process.extract(normalize(query), options, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=cutoff,
                           processor=None)
    seen: list[str] = []
    for _, _, choice in hits:
        if choice not in seen:
            seen.append(choice)
    return seen[:limit]
