"""The suffix rules of Dutch word keys: inflection, gender forms, Flemish suffixes, spelling; and derived words.

Keys conflate the forms a job title takes in Dutch text (rule names in :data:`RULES`):

* inflection: plural ``-s``/``-en``/``-ici`` (with ``v``/``f`` and ``z``/``s``: bedrijven, prijzen; not
  after a vowel: ``steen``, ``schoen``), adjective ``-e`` (``monteurs``, ``technische``, ``technici``);
* gender forms: ``-ster``, ``-e``, ``-es``, ``-in``, ``-euse``/``-eur``, ``-trice``/``-teur``, ``-ica``/``-icus``;
* Flemish suffixes: ``-ieker``/``-icus`` (``technieker``), ``-ist``/``-itherapeut`` (``kinesist``);
* spelling: doubled vowels and a final doubled consonant are undoubled (``leraar``/``leraren``).

Rules that could invent words (``-in``, ``-es``, ``-ica``, ``-ieker``, ``-ist``, the masculine of ``-ster``)
fire only when their result is a *known* word (a key of the lexicon the analysis was built on, or a word of
the curated term pairs). Every function here runs in time linear in the word's length.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

_DOUBLE_CONSONANTS = frozenset("bdfgklmnprst")
_VOWELS = frozenset("aeiouy")
_LONG_VOWELS = "aeou"

#: Words ending in -ster that are not feminine forms.
_NOT_FEMININE_STER = ("meester", "zuster", "register", "minister", "orkester", "venster", "priester", "monster",
                      "hamster", "polyester", "semester", "master")

#: Rule name → explanation label, for every rule a key can be derived with.
RULES: dict[str, str] = {
    "-es": "gender form -es",
    "-ici": "plural -ici → -icus",
    "-s": "plural or linking -s",
    "-en": "plural -en",
    "-trice": "gender form -trice → -teur",
    "-euse": "gender form -euse → -eur",
    "-ster": "gender form -ster → -er",
    "-in": "gender form -in",
    "-ica": "gender form -ica → -icus",
    "-e": "gender/inflection form -e",
    "-ieker": "Flemish suffix -ieker → -icus",
    "-ist": "Flemish suffix -ist → -therapeut",
}

#: Known keys, or ``None`` when no lexicon guards the rules (then the rules that could invent words stay off).
Known = Container[str] | None


def undouble(word: str) -> str:
    """Collapse doubled vowels and a final doubled consonant (``leraar`` and ``leraren`` both give ``lerar``).

    >>> undouble("leraar"), undouble("kapp"), undouble("bbb")
    ('lerar', 'kap', 'bb')
    """
    if any(pair in word for pair in ("aa", "ee", "oo", "uu")):
        kept = [char for position, char in enumerate(word)
                if not (position and char == word[position - 1] and char in _LONG_VOWELS)]
        word = "".join(kept)
    last = word[-1:]
    if last and last in _DOUBLE_CONSONANTS and len(word) > 2 and word[-2] == last:
        run = len(word) - len(word.rstrip(last))
        word = word[:max(len(word) - run + 1, 2)]
    return word


def is_known(candidate: str, known: Known) -> bool:
    """Whether *known* holds the key of *candidate* (three letters at least)."""
    return known is not None and len(candidate) >= 3 and undouble(candidate) in known


def lemma(word: str, known: Known, terms: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """Plural and feminine suffixes, then Flemish suffixes; *known* guards the rules that could invent words.

    *terms* are the words of the curated term pairs, known to the Flemish ``-ist`` rule whatever the corpus.
    Returns the rewritten word (not yet undoubled) and the names of the rules that fired.
    """
    if word.endswith(("eres", "ares")) and is_known(word[:-2], known):
        return _finish(word[:-2], ["-es"], known, terms)
    fired: list[str] = []
    if word.endswith("ici") and len(word) > 5:
        word, fired = word[:-1] + "us", ["-ici"]
    elif word.endswith("s") and len(word) >= 5 and word[-2] in "rlnmkefpgdw":
        word, fired = word[:-1], ["-s"]
        if word.endswith("en") and len(word) >= 6 and word[-3] not in _VOWELS:
            word = word[:-2]
    elif word.endswith("en") and len(word) >= 5 and not word.endswith("icien") and word[-3] not in _VOWELS:
        word, fired = word[:-2], ["-en"]
        if word[-1] in "vz" and word[-2] != word[-1]:  # bedrijven/bedrijf, prijzen/prijs
            word = word[:-1] + ("f" if word[-1] == "v" else "s")
    return _finish(word, fired, known, terms)


def masculine_forms(stem: str) -> list[str]:
    """The masculine forms a feminine ``stem + ster`` may have, the regular one first.

    After an ``r`` the masculine takes ``-der`` (bestuurster, bestuurder) or nothing (kassierster, kassier);
    after a short vowel and one consonant the consonant doubles (kapster, kapper), unless the syllable is
    unstressed ``-ig``, ``-el`` or ``-en`` (vertegenwoordigster, vertegenwoordiger).

    >>> masculine_forms("kap"), masculine_forms("kassier")
    (['kapper', 'kaper'], ['kassierder', 'kassierer', 'kassier'])
    """
    if stem.endswith("r"):
        return [stem + "der", stem + "er", stem]
    if (len(stem) >= 3 and stem[-1] in _DOUBLE_CONSONANTS and stem[-2] in _VOWELS and stem[-3] not in _VOWELS
            and stem[-2] != "y" and not stem.endswith(("ig", "el", "en"))):
        return [stem + stem[-1] + "er", stem + "er"]
    return [stem + "er"]


def _finish(word: str, fired: list[str], known: Known, terms: frozenset[str]) -> tuple[str, list[str]]:
    """Gender forms, the final -e and the Flemish suffixes of an uninflected word."""
    if word.endswith("trice") and len(word) > 6:
        word, fired = word[:-5] + "teur", [*fired, "-trice"]
    elif word.endswith("euse") and len(word) > 5:
        word, fired = word[:-4] + "eur", [*fired, "-euse"]
    elif word.endswith("ster") and not word.endswith(_NOT_FEMININE_STER) and len(word) > 6:
        # the masculine form the lexicon knows (bestuurster/bestuurder, verkoopster/verkoper,
        # kassierster/kassier, kapster/kapper); without one, the regular form
        forms = masculine_forms(word[:-4])
        word = next((form for form in forms if is_known(form, known)), forms[0])
        fired = [*fired, "-ster"]
    elif word.endswith("in") and is_known(undouble(word[:-2]), known):
        word, fired = undouble(word[:-2]), [*fired, "-in"]
    elif word.endswith("ica") and is_known(word[:-1] + "us", known):
        word, fired = word[:-1] + "us", [*fired, "-ica"]
    if word.endswith("e") and len(word) >= 4 and not word.endswith("ee"):
        word, fired = word[:-1], [*fired, "-e"]
    return flemish(word, fired, known, terms)


def flemish(word: str, fired: list[str], known: Known, terms: frozenset[str] = frozenset(),
            ) -> tuple[str, list[str]]:
    """The Flemish suffixes -ieker (→ -icus) and -ist (→ -itherapeut), when the result is a known word."""
    if word.endswith("ieker") and is_known(word[:-5] + "icus", known):
        word, fired = word[:-5] + "icus", [*fired, "-ieker"]
    elif word.endswith("ist") and (is_known(word[:-3] + "itherapeut", known) or word[:-3] + "itherapeut" in terms):
        word, fired = word[:-3] + "itherapeut", [*fired, "-ist"]
    return word, fired


@lru_cache(maxsize=1 << 18)
def base_key(word: str) -> str:
    """The key of a folded word by the rules that need no lexicon (plural, -ster, -euse, -trice, -e)."""
    return undouble(lemma(word, None)[0])


#: The kinds of :func:`derived_keys`, whose worth in search is data (``derivation_factors`` in matching.yaml).
DERIVATIONS = ("suffix", "agent")


def derived_keys(key: str) -> list[tuple[str, str, str]]:
    """Keys of words derived from the same stem, each with its kind (:data:`DERIVATIONS`) and a note.

    ``suffix``: ``-isch``/``-icus``/``-iek``/``-ie`` (elektrotechnisch, elektrotechnicus, elektrotechniek,
    biochemie) and ``-ateur``/``-ator`` (restaurateur, restaurator); ``agent``: the agent noun ``-er``
    (perser, pers; inpakker, inpak) and the action noun ``-ing`` beside it (planner, planning;
    reclasseerder, reclassering).
    """
    found: list[tuple[str, str, str]] = []
    families = (("isch", ("icus", "iek", "i")), ("icus", ("isch", "iek")), ("iek", ("isch", "icus")),
                ("i", ("isch",)), ("ateur", ("ator",)), ("ator", ("ateur",)))
    for suffix, others in families:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            found += [(key[:-len(suffix)] + other, "suffix", f"derivation -{suffix} ~ -{other}") for other in others]
    if key.endswith("er") and len(key) >= 6:
        found.append((undouble(key[:-2]), "agent", "agent noun -er"))
        stems = (key[:-2], key[:-3]) if key.endswith("rder") else (key[:-2],)  # reclasseer|der, plann|er
        found += [(stem + "ing", "agent", "agent noun -er ~ action noun -ing") for stem in stems]
    elif key.endswith("ing") and len(key) >= 6:
        stem = key[:-3]
        found += [(stem + ending, "agent", "action noun -ing ~ agent noun -er")
                  for ending in (("er", "der") if stem.endswith("r") else ("er",))]
    elif len(key) >= 4:
        found.append((key + "er", "agent", "agent noun -er"))
        if key[-1] in _DOUBLE_CONSONANTS and key[-2] in _VOWELS and key[-3] not in _VOWELS:  # inpak, inpakker
            found.append((key + key[-1] + "er", "agent", "agent noun -er"))
    return found
