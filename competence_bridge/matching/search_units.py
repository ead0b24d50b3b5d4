"""The unit part of search scores, with exact pruning: documents reached only through common words are skipped
when they cannot reach the top.

:class:`~competence_bridge.matching.search.SearchIndex` ranks by its unit scores only the best ``rerank``
documents (with the spelling neighbours). Reading every posting of every query key makes a query over a
common word (*medewerker*) touch a share of the whole index, so latency would grow with the graph. Here the
query's keys are read rarest first; a document reached is scored in full at once, from its own label keys and
description (not from the postings that found it). Reading stops when the keys left could not lift a document
they alone reach above the ``depth``-th best score so far: such a document matches at most those keys, so its
coverage is at most theirs (:class:`~competence_bridge.matching.search_words.Shares` only grows with the keys
matched). The documents skipped could not have been among the best ``depth``; the ranking is the one a full
read gives.

Cost: the postings of the rarest keys, plus the labels of the documents they reach; for a query that names a
rare word, bounded whatever the size of the index.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from competence_bridge.curated.matching_settings import SearchSettings
from competence_bridge.matching.search_words import QueryWord, Shares

_NOTHING: frozenset[str] = frozenset()


class IndexTables(Protocol):
    """The tables of a :class:`~competence_bridge.matching.search.SearchIndex` that unit scoring reads."""

    settings: SearchSettings
    _labels: list[tuple[int, str, str, str, frozenset[str]]]
    _doc_labels: Sequence[Sequence[int]]
    _postings: Mapping[str, Sequence[int]]
    _doc_postings: Mapping[str, Sequence[int]]
    _described: list[dict[str, int]]
    _lengths: list[int]
    _average: float
    _idf: dict[str, float]
    _totals: list[float]

    def _combine(self, label: float, description: float) -> float: ...


class UnitScores:
    """The unit scores of one query: per label (before its role weight), per document its description's
    coverage, the score of its labels without units of their own, the description keys it matched, and its
    unit score as ranked (``combined``)."""

    def __init__(self, index: IndexTables, query: list[QueryWord], allowed: Callable[[int], bool]) -> None:
        """Scores of *query* over *index*'s documents that *allowed* keeps; read with :meth:`read`."""
        self.index, self.allowed = index, allowed
        self.keys = {key for qword in query for alternative in qword.alternatives for key in alternative.keys}
        self.describing = {key for qword in query for alternative in qword.alternatives if alternative.describes
                           for key in alternative.keys}
        self.shares, self.description_shares = Shares(query), Shares(query, description=True)
        self.labels: dict[int, float] = {}
        self.described: dict[int, float] = {}
        self.fallback: dict[int, float] = {}
        self.doc_hits: dict[int, frozenset[str]] = {}
        self.combined: dict[int, float] = {}
        self._seen: set[int] = set()
        self._known: dict[tuple[frozenset[str], frozenset[str]], float] = {}

    def read(self, depth: int) -> UnitScores:
        """Score every document that can be among the best *depth*, reading the rarest keys first."""
        index = self.index
        settings = index.settings

        def cost(key: str) -> int:
            postings = len(index._postings.get(key, ()))
            return postings + (len(index._doc_postings.get(key, ())) if key in self.describing else 0)

        left = sorted(self.keys, key=lambda key: (cost(key), key))
        while left:
            key = left.pop(0)
            reached = {index._labels[number][0] for number in index._postings.get(key, ())}
            if key in self.describing:
                reached.update(index._doc_postings.get(key, ()))
            for doc in sorted(reached - self._seen):
                self.score(doc)
            if left and len(self.combined) >= depth:
                bound = self.shares(left) ** settings.coverage_power * max(1.0, *settings.role_weights.values())
                ceiling = index._combine((1 - settings.gram_weight) * min(bound, 1.0),
                                         self.description_shares([key for key in left if key in self.describing]))
                if ceiling < heapq.nlargest(depth, self.combined.values())[-1]:
                    break
        return self

    def score(self, doc: int) -> None:
        """Score document *doc* in full (once): each of its labels sharing a query key, and its description."""
        if doc in self._seen or not self.allowed(doc):
            return
        self._seen.add(doc)
        index, settings = self.index, self.index.settings
        counts = index._described[doc]
        mentioned = frozenset(key for key in self.describing if key in counts)
        if mentioned:
            self.doc_hits[doc] = mentioned
            length = index._lengths[doc] / index._average
            saturation = settings.bm25_k1 * (1 - settings.bm25_b + settings.bm25_b * length)
            self.described[doc] = self.description_shares(
                mentioned, {key: counts[key] / (counts[key] + saturation) for key in mentioned})
            self.fallback[doc] = self._share(_NOTHING, mentioned) ** settings.coverage_power / 2
        best = self.fallback.get(doc)
        for number in index._doc_labels[doc]:
            label_keys = index._labels[number][4]
            matched = label_keys & self.keys
            if not matched:
                continue
            label_share = min(sum(index._idf[key] for key in matched) / index._totals[number], 1.0)
            score = self._share(frozenset(matched), mentioned) ** settings.coverage_power * (1 + label_share) / 2
            self.labels[number] = score
            weighted = score * settings.role_weights[index._labels[number][3]]
            if weighted > (best or 0.0):
                best = weighted
        if best is not None:
            self.combined[doc] = index._combine((1 - settings.gram_weight) * best, self.described.get(doc, 0.0))

    def _share(self, matched: frozenset[str], extra: frozenset[str]) -> float:
        """The query share of a label matching *matched* whose description matches *extra* (counting ``joint``)."""
        signature = (matched, extra)
        if signature not in self._known:
            if matched:
                strength = dict.fromkeys(extra, self.index.settings.joint)
                strength.update(dict.fromkeys(matched, 1.0))
                self._known[signature] = self.shares(strength, strength)
            else:
                self._known[signature] = self.index.settings.joint * self.shares(extra)
        return self._known[signature]
