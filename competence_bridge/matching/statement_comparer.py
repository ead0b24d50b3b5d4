"""Compare the competence statements of one table: by word overlap (the default), by words and spelling, or by
sentence embedding.

A :class:`StatementComparer` keeps what comparing needs once per statement (its keys, its spelling vector) and
every score it gave, and counts every statement of its table in its :class:`StatementCorpus`, whose IDF both
word and spelling similarity weigh by. The scores are those of the settings passed to :meth:`similarity`; a
change of settings (or of the embedder, or a corpus that grows) forgets the scores given before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

from competence_bridge.curated.matching_settings import MatchingSettings
from competence_bridge.matching.lexical import statement_similarity
from competence_bridge.matching.statement_words import (
    GramVector,
    StatementCorpus,
    cosine,
    matching_text,
    mixed_similarity,
    rescale,
)
from competence_bridge.matching.statements import embedding_similarity
from competence_bridge.rdf.items import CompetenceItem

if TYPE_CHECKING:
    from competence_bridge.language.embedding import SentenceEmbedder

#: Token keys of a text after the term layer, and the text after the term layer.
KeysOf = Callable[[str], frozenset[str]]
Substituted = Callable[[str], str]
#: How statements are compared: by word overlap, by words and spelling, or by sentence embedding.
Measure = Literal["words", "spelling", "embedding"]


class StatementComparer:
    """The similarity of two competence statements (0..1), on the settings' scale."""

    def __init__(self, competences: Iterable[CompetenceItem], keys_of: KeysOf, substituted: Substituted) -> None:
        """A comparer whose corpus holds *competences*; *keys_of* and *substituted* analyse a statement's text."""
        self._keys_of, self._substituted = keys_of, substituted
        self._pending: list[CompetenceItem] | None = list(competences)  # counted on first use
        self._corpus: StatementCorpus | None = None
        self._keys: dict[str, frozenset[str]] = {}
        self._vectors: dict[str, GramVector] = {}
        self._texts: dict[str, str] = {}  # the matching text of each statement counted in the corpus
        self._scores: dict[tuple[str, str], float] = {}
        self._scored_under: MatchingSettings | None = None
        self._scored_by: SentenceEmbedder | None = None
        self._scored_spelling: bool | None = None
        self.embedder: SentenceEmbedder | None = None
        #: compare by words and spelling (True), by word overlap (False), or as the settings say (None)
        self.spelling: bool | None = None

    def __getstate__(self) -> dict[str, Any]:
        """Without the embedder and the scores (the keys and corpus are kept: plain data)."""
        return {**self.__dict__, "embedder": None, "_scores": {}, "_vectors": {}, "_scored_under": None,
                "_scored_by": None, "_scored_spelling": None}

    def keys(self, competence: CompetenceItem) -> frozenset[str]:
        """Token keys of a statement after the term layer (kept)."""
        found = self._keys.get(competence.id)
        if found is None:
            found = self._keys[competence.id] = self._keys_of(competence.text)
        return found

    def corpus(self, settings: MatchingSettings) -> StatementCorpus:
        """The statements counted so far, with n-grams of the sizes *settings* name (recounted when they change)."""
        sizes = settings.competence_words.gram_sizes
        corpus = self._corpus
        if corpus is None or corpus.sizes != sizes:
            corpus = StatementCorpus(sizes)
            for competence_id, text in self._texts.items():
                corpus.add(self._keys[competence_id], text)
            self._corpus, self._vectors = corpus, {}
        if self._pending:
            pending, self._pending = self._pending, None
            self.add(pending, settings)
        return corpus

    def add(self, competences: Iterable[CompetenceItem], settings: MatchingSettings) -> None:
        """Count *competences* in the corpus too (a collection compared that the table does not hold); each
        statement once by its id. Weights change, so the scores given so far are forgotten."""
        corpus = self._corpus if self._corpus is not None else self.corpus(settings)
        for competence in competences:
            if competence.id in self._texts:
                continue
            text = self._texts[competence.id] = matching_text(self._substituted(competence.text))
            corpus.add(self.keys(competence), text)
        self._vectors.clear()
        self._scores.clear()

    def use_embeddings(self, embedder: SentenceEmbedder | None) -> None:
        """Compare by sentence embedding from now on (``None``: by words and spelling again); :meth:`similarity`
        forgets the scores it gave by the other measure."""
        self.embedder = embedder

    def measure(self, settings: MatchingSettings) -> Measure:
        """How :meth:`similarity` compares under *settings*: ``embedding`` when an embedder is in use, else
        ``spelling`` (IDF-weighted words and character n-grams) or ``words`` (word overlap)."""
        if self.embedder is not None:
            return "embedding"
        spelled = settings.competence_words.used if self.spelling is None else self.spelling
        return "spelling" if spelled else "words"

    def similarity(self, a: CompetenceItem, b: CompetenceItem, settings: MatchingSettings) -> float:
        """1.0 for a shared ESCO skill; else the embedding's rescaled cosine when an embedder is in use; else, when
        ``competence_words.used`` (or :attr:`spelling`) says so, the rescaled mix of IDF-weighted words and
        character n-grams (:mod:`~competence_bridge.matching.statement_words`); else the soft Dice and overlap of
        their keys (:func:`~competence_bridge.matching.lexical.statement_similarity`)."""
        if a.esco_skills & b.esco_skills:
            return 1.0
        if settings is not self._scored_under or self.embedder is not self._scored_by or \
                self.spelling is not self._scored_spelling:
            self._scores.clear()
            self._scored_under, self._scored_by, self._scored_spelling = settings, self.embedder, self.spelling
        pair = (a.id, b.id)
        score = self._scores.get(pair)
        if score is None:
            if self.embedder is not None:
                score = embedding_similarity(self.embedder, settings, a.text, b.text)
            elif self.measure(settings) == "words":
                score = statement_similarity(self.keys(a), self.keys(b))
            else:
                words, spelling = self.parts(a, b, settings)
                score = rescale(mixed_similarity(words, spelling, settings.competence_words),
                                settings.competence_words, settings.competence_threshold)
            self._scores[pair] = score
        return score

    def parts(self, a: CompetenceItem, b: CompetenceItem, settings: MatchingSettings) -> tuple[float, float]:
        """The two similarities the core mixes: IDF-weighted words and the cosine of character n-grams."""
        corpus = self.corpus(settings)
        return corpus.word_similarity(self.keys(a), self.keys(b)), cosine(self._vector(a, corpus),
                                                                          self._vector(b, corpus))

    def _vector(self, competence: CompetenceItem, corpus: StatementCorpus) -> GramVector:
        found = self._vectors.get(competence.id)
        if found is None:
            text = self._texts.get(competence.id)
            if text is None:
                text = matching_text(self._substituted(competence.text))
            found = self._vectors[competence.id] = corpus.vector(text)
        return found
