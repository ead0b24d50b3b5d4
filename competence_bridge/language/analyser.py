"""Token keys of Dutch text for comparing labels and statements: the word analysis of a :class:`Lexicon`, as sets.

Search reads a lexicon's :class:`~competence_bridge.language.word_units.Word` analyses directly (it needs each
unit's surface and rules for its explanations); translation and competence matching compare sets of keys,
which an :class:`Analyser` gives. Both start from the same :func:`~competence_bridge.language.text.words`.
"""

from __future__ import annotations

from collections.abc import Iterable

from competence_bridge.language.lexicon import _ASKED, Lexicon, keep_bounded
from competence_bridge.language.rules import base_key
from competence_bridge.language.text import words


class Analyser:
    """Token keys of Dutch text, built on a :class:`~competence_bridge.language.lexicon.Lexicon`.

    With a lexicon, a word gives the keys of its units: the word itself or its compound parts, after the
    suffix rules (plural, gender, ``-ieker``/``-icus``); the head of a compound gets the Flemish suffix rules
    on its own. Without one, only the rules that need no lexicon apply and nothing is split.

    >>> analyser = Analyser.from_texts(["netwerkbeheer", "netwerk", "technicus", "technieker"])
    >>> sorted(analyser.keys("De netwerktechniekers"))
    ['netwerk', 'technicus']
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        """Analyse against *lexicon*, or without compound splitting when it is ``None``."""
        self.lexicon = lexicon
        self._words: dict[str, tuple[tuple[str, str], ...]] = {}
        self._asked: dict[str, tuple[tuple[str, str], ...]] = {}  # words analysed once frozen, up to _ASKED
        self._frozen = False
        self._text_chars = lexicon.text_chars if lexicon is not None else None

    @classmethod
    def from_texts(cls, texts: Iterable[str], titles: Iterable[str] = (), *,
                   terms: frozenset[str] = frozenset()) -> Analyser:
        """An analyser whose lexicon knows every word of *texts* and *titles* (see ``Lexicon.from_texts``)."""
        return cls(Lexicon.from_texts(texts, titles, terms=terms))

    def units(self, word: str) -> tuple[tuple[str, str], ...]:
        """The (key, surface) pairs of one folded content word: one, or one per compound part (cached)."""
        found = self._words.get(word)
        if found is None:
            found = self._asked.get(word)
        if found is None:
            found = self._analyse(word)
            if not self._frozen:
                self._words[word] = found
            else:
                keep_bounded(self._asked, word, found, _ASKED)
        return found

    def __getstate__(self) -> dict[str, object]:
        """The state without the words of queries."""
        return {**self.__dict__, "_asked": {}}

    def freeze(self, texts: Iterable[str] = ()) -> None:
        """Analyse *texts*, then stop caching: words seen later (free-text queries) are remembered only in a small
        memo of the last :data:`_ASKED`, never pickled."""
        for text in texts:
            self.keys(text)
        self._frozen = True
        if self.lexicon is not None:
            self.lexicon.freeze()

    def word_keys(self, word: str) -> tuple[str, ...]:
        """The keys of one folded content word."""
        return tuple(key for key, _ in self.units(word))

    def _analyse(self, word: str) -> tuple[tuple[str, str], ...]:
        if self.lexicon is None:
            return ((base_key(word), word),)
        units = self.lexicon.word(word).units
        if len(units) == 1:
            return ((units[0].key, word),)
        return tuple((self.lexicon.head_key(unit.key), unit.surface) for unit in units)

    def tokens(self, text: str) -> list[str]:
        """The content words of *text* (its first ``analysed_text_chars`` characters, with a lexicon)."""
        return words(text if self._text_chars is None else text[:self._text_chars])

    def keys(self, text: str) -> frozenset[str]:
        """The token keys of a text: folded, function words dropped, every word analysed."""
        return frozenset(key for word in self.tokens(text) for key, _ in self.units(word))

    def ordered_keys(self, text: str) -> tuple[str, ...]:
        """The token keys of a text in the order they first occur: the set built from them is :meth:`keys`,
        slot for slot (a set's layout depends on the order of insertion, and a repeated key changes nothing)."""
        return tuple(dict.fromkeys(key for word in self.tokens(text) for key, _ in self.units(word)))

    def modifier_keys(self, text: str) -> frozenset[str]:
        """The keys that occur in *text* only as the first parts of compounds, never as a head or a word.

        Dutch compounds are right-headed: *basis*verpleegkundige is a nurse, *basis*lasser a welder; two
        labels sharing only ``basis`` share no role.

        >>> analyser = Analyser.from_texts(["netwerkbeheer", "netwerk", "technicus", "technieker"])
        >>> sorted(analyser.modifier_keys("Netwerktechnieker")), sorted(analyser.modifier_keys("netwerk technicus"))
        (['netwerk'], [])
        """
        modifiers: set[str] = set()
        heads: set[str] = set()
        for word in self.tokens(text):
            units = self.units(word)
            modifiers.update(key for key, _ in units[:-1])
            heads.add(units[-1][0])
        return frozenset(modifiers - heads)

    def compound_only(self, text: str) -> dict[str, tuple[str, ...]]:
        """The keys of *text* that it writes only inside compounds, never as a word of their own, each with the
        (folded) compounds that hold it: what "shared words" must not be said of.

        >>> analyser = Analyser.from_texts(["netwerkbeheer", "netwerk", "technicus", "technieker"])
        >>> analyser.compound_only("Netwerktechnieker netwerk")
        {'technicus': ('netwerktechnieker',)}
        """
        words: set[str] = set()
        compounds: dict[str, list[str]] = {}
        for word in self.tokens(text):
            units = self.units(word)
            if len(units) == 1:
                words.add(units[0][0])
                continue
            for key, _ in units:
                held = compounds.setdefault(key, [])
                if word not in held:
                    held.append(word)
        return {key: tuple(held) for key, held in compounds.items() if key not in words}

    def spelling(self, text: str) -> dict[str, str]:
        """Each key of *text* with the (folded) word or compound part it first comes from, for explanations.

        >>> Analyser().spelling("Legt elektrotechnische installaties aan")["installati"]
        'installaties'
        """
        found: dict[str, str] = {}
        for word in self.tokens(text):
            for key, surface in self.units(word):
                found.setdefault(key, surface)
        return found
