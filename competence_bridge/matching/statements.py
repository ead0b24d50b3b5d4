"""Competence similarity from a sentence embedding: the cosine of two statements, on the scale of the settings.

Used instead of word overlap when :meth:`~competence_bridge.matching.translate.Translator.use_embeddings` is
called (the optional extra of :mod:`competence_bridge.language.embedding`). The cosine is rescaled piecewise
linearly through the two points of ``competence_embedding`` in ``taxonomies/matching.yaml``: ``floor`` → 0,
``covered`` → ``competence_threshold``, and 1 → 1 (both fitted on the train split of gold set (b) by
``benchmarks/fit_competence_embedding.py``), so that the threshold means "covered" on either scale. The
scale is monotone: it changes no ranking, only what counts as covered.
"""

from __future__ import annotations

from competence_bridge.curated.matching_settings import MatchingSettings
from competence_bridge.display import format_number
from competence_bridge.language.embedding import SentenceEmbedder
from competence_bridge.matching.statement_words import rescale


def rescaled(cosine: float, settings: MatchingSettings) -> float:
    """*cosine* on the similarity scale: 0 up to ``floor``, ``competence_threshold`` at ``covered``, 1 at 1.

    >>> from competence_bridge.matching.settings import shipped
    >>> settings = shipped()[0]
    >>> scale = settings.competence_embedding
    >>> rescaled(scale.covered, settings) == settings.competence_threshold, rescaled(1.0, settings)
    (True, 1.0)
    >>> rescaled(scale.floor, settings), rescaled(-1.0, settings)
    (0.0, 0.0)
    """
    return rescale(cosine, settings.competence_embedding, settings.competence_threshold)


def statement_cosine(embedder: SentenceEmbedder, first: str, second: str) -> float:
    """The cosine similarity of the embeddings of two statements."""
    vectors = embedder.embed([first, second])
    return float(vectors[0] @ vectors[1])


def embedding_similarity(embedder: SentenceEmbedder, settings: MatchingSettings, first: str, second: str) -> float:
    """Similarity of two statements (0..1) by their embeddings, on the settings' scale."""
    return rescaled(statement_cosine(embedder, first, second), settings)


def explain_embedding(embedder: SentenceEmbedder, first: str, second: str) -> str:
    """What the similarity rests on, in Dutch: the model and the cosine, as a person can check them.

    >>> class Fake:
    ...     name = "test-model"
    ...     def embed(self, texts):
    ...         import numpy as np
    ...         return np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    >>> explain_embedding(Fake(), "a", "b")
    'Verwante betekenis volgens de zinsembedding test-model (cosinus 0,60).'
    """
    cosine = format_number(statement_cosine(embedder, first, second), "nl")
    return f"Verwante betekenis volgens de zinsembedding {embedder.name} (cosinus {cosine})."
