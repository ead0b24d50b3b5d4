"""Search fused with a sentence embedding (the optional ``embeddings`` extra): finds what a query names in other
words (*badjuffrouw*, *zwemmeester*) where words and spelling share nothing.

Only when asked for (:meth:`competence_bridge.Bridge.use_embeddings`, ``--embeddings``); plain search is
unchanged. Every document of the search index is embedded once as its preferred label and the first
``description_chars`` characters of its description (minutes for ESCO's 3,039 occupations; kept in the cache
with the graph's identity, so once per content). A query is then one embedding and one matrix product.

Ranking (the ``search_embedding`` settings, chosen on the train and dev splits of protocol S): the search's best
``rerank`` hits and the ``candidates`` documents closest by embedding compete on
``search score + weight · max(0, (cosine - floor) / (1 - floor))``, a document search did not find counting
search score 0 and only from a cosine of ``alone_floor`` (the model's cosines are compressed: unrelated texts
sit near 0.83); an exact label still comes first, as in search. The score a hit shows is that sum divided by
``1 + weight``, so it stays in 0..1 (and is no search score: the calibrations of ``matching/pivot.py`` never
see it; translation keeps to plain search).

On protocol S (``benchmarks/search_embedding.py``), strict acc@1 on the held-out test split: search 0.443,
fused 0.484, TF-IDF char 2-4 0.366 (docs/embeddings.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from competence_bridge.curated.matching_settings import SearchEmbeddingSettings
from competence_bridge.language.embedding import SentenceEmbedder
from competence_bridge.language.text import fold
from competence_bridge.matching.search import SearchHit, SearchIndex
from competence_bridge.progress import Progress

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: Documents embedded per call, between two progress steps.
_BATCH = 32


class MeaningVectors:
    """The embedding of every document of one search index, in the index's order, with the model and the text
    recipe that made them (picklable; no model inside)."""

    def __init__(self, model: str, description_chars: int, ids: list[str], vectors: npt.NDArray[np.float32]) -> None:
        """*vectors*: one unit-length row per document id of *ids*."""
        self.model, self.description_chars, self.ids, self.vectors = model, description_chars, ids, vectors

    def fits(self, index: SearchIndex, embedder: SentenceEmbedder, settings: SearchEmbeddingSettings) -> bool:
        """Whether these vectors are *index*'s documents, embedded by *embedder*'s model as *settings* say."""
        return (self.model == embedder.name and self.description_chars == settings.description_chars
                and self.ids == [doc.id for doc in index._documents])


def document_texts(index: SearchIndex, description_chars: int) -> list[str]:
    """What is embedded of each document: ``"preferred label. start of the description"``."""
    return [f"{doc.pref_label}. {(doc.description or '')[:description_chars]}" for doc in index._documents]


def embed_documents(index: SearchIndex, embedder: SentenceEmbedder, settings: SearchEmbeddingSettings,
                    *, progress: bool | None = None) -> MeaningVectors:
    """Embed every document of *index* (with a progress line once it takes a while; *progress* forces it)."""
    import numpy as np

    texts = document_texts(index, settings.description_chars)
    rows = []
    with Progress("zoekindex inbedden", total=len(texts), enabled=progress) as shown:
        for start in range(0, len(texts), _BATCH):
            rows.append(embedder.embed(texts[start:start + _BATCH]))
            shown.advance(len(rows[-1]))
    vectors = np.concatenate(rows) if rows else np.zeros((0, 384), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)
    return MeaningVectors(embedder.name, settings.description_chars, [doc.id for doc in index._documents], vectors)


def fused_search(index: SearchIndex, meaning: MeaningVectors, embedder: SentenceEmbedder,
                 settings: SearchEmbeddingSettings, text: str, *, region: str | None = None,
                 kind: str | Iterable[str] | None = None, limit: int = 10) -> list[SearchHit]:
    """The documents best matching *text* by search and sentence embedding together, best first (module doc)."""
    import numpy as np

    hits = index.search(text, region=region, kind=kind, limit=max(index.settings.rerank, limit))
    query = embedder.embed([text])[0]
    cosines = meaning.vectors @ (query / (np.linalg.norm(query) or 1.0))
    kinds = None if kind is None else ({kind} if isinstance(kind, str) else set(kind))
    allowed = index._tables.allowed(region, kinds)
    if allowed is not None:
        cosines = np.where(allowed, cosines, -np.inf)
    closest = np.argsort(-cosines, kind="stable")[:settings.candidates].tolist()
    position = {doc_id: number for number, doc_id in enumerate(meaning.ids)}

    def likeness(number: int) -> float:
        return max(0.0, (float(cosines[number]) - settings.floor) / (1 - settings.floor))

    folded = fold(text[:index.lexicon.text_chars])
    ranked: list[tuple[bool, float, int, SearchHit]] = []
    seen = set()
    for order, hit in enumerate(hits):
        number = position[hit.id]
        seen.add(number)
        exact = fold(hit.label) == folded and hit.matched != "level"
        ranked.append((exact, hit.score + settings.weight * likeness(number), order, _noted(hit, cosines[number],
                                                                                         settings, meaning.model)))
    for number in closest:
        if number not in seen and likeness(number) > 0 and cosines[number] >= settings.alone_floor:
            ranked.append((False, settings.weight * likeness(number), len(ranked),
                           _meaning_hit(index, number, float(cosines[number]), meaning.model)))
    ranked.sort(key=lambda entry: (not entry[0], -entry[1], entry[2]))
    scale = 1 + settings.weight
    return [_scored(hit, min(fused / scale, 1.0)) for _exact, fused, _order, hit in ranked[:limit]]


def _noted(hit: SearchHit, cosine: float, settings: SearchEmbeddingSettings, model: str) -> SearchHit:
    """*hit* with a note on its embedding cosine when that adds to its score."""
    if cosine <= settings.floor:
        return hit
    note = f"close in meaning: sentence embedding cosine {cosine:.2f} ({model})"
    return SearchHit(hit.id, hit.kind, hit.region, hit.label, hit.score, hit.matched, (*hit.explanation, note),
                     hit.name)


def _meaning_hit(index: SearchIndex, number: int, cosine: float, model: str) -> SearchHit:
    """A hit search did not find: its preferred label, found by meaning alone."""
    doc = index._documents[number]
    return SearchHit(doc.id, doc.kind, doc.region, doc.pref_label, 0.0, "meaning",
                     (f"close in meaning: sentence embedding cosine {cosine:.2f} ({model}); no word or spelling "
                      "in common",), doc.pref_label)


def _scored(hit: SearchHit, score: float) -> SearchHit:
    return SearchHit(hit.id, hit.kind, hit.region, hit.label, round(score, 6), hit.matched, hit.explanation,
                     hit.name)


class MeaningSearch:
    """Fused search over one bridge's index: the embedder, and the document vectors, embedded on first use (or
    read back through *vectors_of*, which keeps them per graph content)."""

    def __init__(self, index: Callable[[], SearchIndex], embedder: SentenceEmbedder,
                 settings: SearchEmbeddingSettings,
                 vectors_of: Callable[[SearchIndex, SentenceEmbedder, SearchEmbeddingSettings], MeaningVectors]
                 ) -> None:
        """*index* gives the search index when first needed."""
        self._index, self.embedder, self.settings, self._vectors_of = index, embedder, settings, vectors_of
        self._meaning: MeaningVectors | None = None

    @property
    def meaning(self) -> MeaningVectors:
        """The document vectors (embedded, or read back, on first use)."""
        if self._meaning is None:
            self._meaning = self._vectors_of(self._index(), self.embedder, self.settings)
        return self._meaning

    def search(self, text: str, *, region: str | None = None, kind: Sequence[str] | None = None,
               limit: int = 10) -> list[SearchHit]:
        """:func:`fused_search` over the index."""
        return fused_search(self._index(), self.meaning, self.embedder, self.settings, text, region=region,
                            kind=kind, limit=limit)
