"""The unit part of search scores: exact pruning, then blocking, so that a query touches a bounded neighbourhood.

:class:`~competence_bridge.matching.search.SearchIndex` ranks by its unit scores only the best ``rerank``
documents (with the spelling neighbours). Reading every posting of every query key makes a query over a
common word (*medewerker*) touch a share of the whole index, so latency would grow with the graph. Here the
query's keys are read rarest first; the documents a key reaches are scored in full at once, from their own
label keys and descriptions (not from the postings that found them), as arrays
(:class:`~competence_bridge.matching.search_tables.SearchTables`). Reading stops

- when the keys left could not lift a document they alone reach above the ``depth``-th best score so far
  (exact: such a document matches at most those keys, so its coverage is at most theirs;
  :class:`~competence_bridge.matching.search_words.Shares` only grows with the keys matched), or
- blocking, once ``depth`` documents are ranked, when the next keys' postings would take the postings read past
  ``posting_budget`` (``taxonomies/matching.yaml``): what is left are the query's commonest keys, and a
  document reached only through them (it shares none of the query's rarer words) is not a candidate. On ESCO nl
  (81k triples) the shipped budget changes no first hit of 460 label queries and the order below it for 7; at 16
  times that size it keeps the p95 latency within twice the small graph's (benchmarks/scale.py).

The few documents a hit can come from (the best ``depth`` and the spelling neighbours) are then scored once
more, together (:meth:`UnitScores.score`), keeping each label's score and the description words matched for the
final ranking and the explanation. A query's share of each distinct pattern of matched keys is one matrix product
(each key's worth to each way of covering a query word, the best way per word), not a pass per label.

Cost: O(P + D·w) per query, P the postings read and D the documents they reach, each scored over its labels'
and description's keys (w the query's keys) with a few array operations (no Python work per document). P is at
most ``posting_budget`` plus what is read before ``depth`` documents are ranked (the groups of rarest keys; a
query of only common words reads until it has ``depth`` candidates): independent of the size of the index
except for such a query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

from competence_bridge.matching.search_tables import ROLE_CODES, Postings, SearchTables, gather
from competence_bridge.matching.search_words import QueryWord, Shares

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from competence_bridge.matching.search_values import SearchValues

#: Postings read before the pruning bound is checked again: one array pass costs about as much as scoring a
#: few hundred documents, so checking after every key would cost more than it saves.
_GROUP = 512
#: Columns coded as one integer when grouping rows by signature (63 bits and a sign).
_CHUNK = 62


def signatures(rows: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Number the distinct rows of a boolean matrix: each row's number (0, 1, ... in no promised order) and, per
    number, the first row that has it.

    Each chunk of up to 62 columns is coded as one integer and the chunks' codes are combined one by one, so only
    integers are sorted (``np.unique(..., axis=0)`` over rows of bytes sorts a void view, ten times slower).
    """
    import numpy as np

    numbers = np.zeros(len(rows), dtype=np.int64)
    firsts = np.zeros(min(len(rows), 1), dtype=np.int64)  # no columns: every row is the first one's
    for start in range(0, rows.shape[1], _CHUNK):
        chunk = rows[:, start:start + _CHUNK]
        codes, inverse = np.unique(chunk @ (1 << np.arange(chunk.shape[1], dtype=np.int64)), return_inverse=True)
        # both factors are below the row count, so the product stays far inside 64 bits
        _seen, firsts, numbers = np.unique(numbers * len(codes) + inverse.reshape(-1), return_index=True,
                                           return_inverse=True)
    numbers = numbers.reshape(-1)
    return numbers, firsts


class IndexTables(Protocol):
    """The tables of a :class:`~competence_bridge.matching.search.SearchIndex` that unit scoring reads."""

    _tables: SearchTables
    _postings: Postings
    _doc_postings: Postings
    _average: float

    @property
    def settings(self) -> SearchValues:
        """The search settings' values."""
        ...
    _idf: Mapping[str, float]

    def _combine(self, label: float, description: float) -> float: ...


class UnitScores:
    """The unit scores of one query: the ranking of every document that can be among the best (:meth:`read`,
    :meth:`best`) and, for the documents scored in full (:meth:`score`), per label its score before its role
    weight, per document its description's coverage, the score of its labels without units of their own, the
    description keys it matched, and its unit score (``combined``)."""

    def __init__(self, index: IndexTables, query: list[QueryWord], allowed: npt.NDArray[np.bool_] | None) -> None:
        """Scores of *query* over *index*'s documents that *allowed* keeps (``None``: all); read with :meth:`read`."""
        import numpy as np

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
        # the query's keys as columns; the index's numbers of those it knows, sorted, for look-ups
        self._columns = sorted(self.keys)
        numbers = index._tables.numbers
        known = sorted((numbers[key], column) for column, key in enumerate(self._columns) if key in numbers)
        self._numbers = np.array([number for number, _ in known], dtype=np.int64)
        self._of_number = np.array([column for _, column in known], dtype=np.int64)
        self._describes = np.array([key in self.describing for key in self._columns], dtype=bool)
        self._idf = np.array([index._idf.get(key, 0.0) for key in self._columns])
        self._ranked: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]] = []
        self._coverage: tuple[npt.NDArray[np.float64], list[int]] | None = None
        self._label_coverage: tuple[npt.NDArray[np.float64], list[int]] | None = None
        self._lookup: npt.NDArray[np.int64] | None = None
        #: Postings :meth:`read` read (what ``posting_budget`` bounds).
        self.postings_read = 0

    def read(self, depth: int) -> UnitScores:
        """Rank every document that can be among the best *depth*, reading the rarest keys first."""
        import numpy as np

        index = self.index
        settings = index.settings
        tables = index._tables
        seen = np.zeros(len(tables.doc_kinds), dtype=bool)
        fresh = np.zeros(len(tables.doc_kinds), dtype=bool)
        nothing = np.zeros(0, dtype=np.int32)

        costs = {key: len(index._postings.get(key, ())) + (len(index._doc_postings.get(key, ()))
                                                            if key in self.describing else 0) for key in self.keys}
        cost = costs.__getitem__  # each key's postings counted once (a look-up in the index's key table)
        left = sorted(self.keys, key=lambda key: (cost(key), key))
        scores = np.empty(0)  # the unit scores of every document ranked so far
        while left:
            # keys in groups of at least _GROUP postings: one array pass each (the bound is checked between them)
            group: list[str] = []
            size = 0
            while left and (not group or size + cost(left[0]) <= _GROUP):
                group.append(left.pop(0))
                size += cost(group[-1])
            if len(scores) >= depth and self.postings_read + size > settings.posting_budget:
                break  # blocking: what is left is reached only through the query's commonest keys
            self.postings_read += size
            reached = []
            for key in group:
                reached.append(tables.label_doc[index._postings.get(key, nothing)])
                if key in self.describing:
                    reached.append(index._doc_postings.get(key, nothing))
            fresh[:] = False  # a mark per document, not np.unique: linear in the postings, no sort
            fresh[np.concatenate(reached)] = True
            fresh &= ~seen
            seen |= fresh
            docs = np.flatnonzero(fresh)
            if self.allowed is not None:
                docs = docs[self.allowed[docs]]
            if len(docs):
                self._ranked.append(self._rank(docs))
                scores = np.concatenate([part for _docs, part in self._ranked])
            if left and len(scores) >= depth:
                bound = self.shares(left) ** settings.coverage_power * max(1.0, *settings.role_weights.values())
                ceiling = index._combine((1 - settings.gram_weight) * min(bound, 1.0),
                                         self.description_shares([key for key in left if key in self.describing]))
                if ceiling < np.partition(scores, len(scores) - depth)[len(scores) - depth]:
                    break
        return self

    def ranking(self) -> dict[int, float]:
        """Every document :meth:`read` ranked, with its unit score."""
        return {doc: score for docs, scores in self._ranked
                for doc, score in zip(docs.tolist(), scores.tolist(), strict=True)}

    def best(self, depth: int) -> list[int]:
        """The *depth* best documents :meth:`read` ranked (ties: lower number first)."""
        import numpy as np

        if not self._ranked:
            return []
        docs = np.concatenate([docs for docs, _scores in self._ranked])
        scores = np.concatenate([scores for _docs, scores in self._ranked])
        return [int(doc) for doc in docs[np.lexsort((docs, -scores))[:depth]]]

    def _rank(self, docs: npt.NDArray[np.int64], note: bool = False
              ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """The unit scores of *docs* at once; only the documents that have one. *note*: keep each document's parts
        too, for the final ranking and the explanation (:meth:`score`)."""
        import numpy as np

        index, settings = self.index, self.index.settings
        tables, width = index._tables, len(self._columns)
        # descriptions: each query key a document's description mentions, with its BM25 strength
        owner, entries = gather(tables.description_ptr, docs)
        column = self._column(tables.description_keys[entries])
        hit = column >= 0
        hit[hit] = self._describes[column[hit]]
        owner, column, counts = owner[hit], column[hit], tables.description_counts[entries[hit]]
        strength = np.zeros((len(docs), width))
        mentioned = np.zeros((len(docs), width), dtype=bool)
        length = tables.lengths[docs[owner]] / index._average
        saturation = settings.bm25_k1 * (1 - settings.bm25_b + settings.bm25_b * length)
        strength[owner, column] = counts / (counts + saturation)
        mentioned[owner, column] = True
        described = self._description_coverage(strength)
        has_fallback = mentioned.any(axis=1)
        fallback = np.zeros(len(docs))
        if has_fallback.any():
            rows, shares = self._by_signature(mentioned[has_fallback], None)
            fallback[has_fallback] = shares[rows] ** settings.coverage_power / 2
        # labels: each label sharing a query key
        owner, entries = gather(tables.doc_labels_ptr, docs)
        labels = tables.doc_labels[entries].astype(np.int64)
        key_owner, key_entries = gather(tables.label_keys_ptr, labels)
        column = self._column(tables.label_keys[key_entries])
        hit = column >= 0
        matched = np.zeros((len(labels), width), dtype=bool)
        matched[key_owner[hit], column[hit]] = True
        keep = matched.any(axis=1)
        labels, owner, matched = labels[keep], owner[keep], matched[keep]
        best = np.zeros(len(docs))
        if len(labels):
            label_share = np.minimum(matched @ self._idf / tables.label_totals[labels], 1.0)
            rows, shares = self._by_signature(matched, mentioned[owner])
            score = shares[rows] ** settings.coverage_power * (1 + label_share) / 2
            roles = np.array([settings.role_weights[role] for role in ROLE_CODES])
            np.maximum.at(best, owner, score * roles[tables.label_roles[labels]])
            if note:
                self.labels.update(zip(labels.tolist(), score.tolist(), strict=True))
        scored = has_fallback | (best > 0)
        best = np.where(has_fallback, np.maximum(fallback, best), best)
        label = (1 - settings.gram_weight) * best
        combined = label + settings.description_weight * described * (1 - label)
        if note:
            columns = self._columns
            for row in np.flatnonzero(has_fallback).tolist():
                doc = int(docs[row])
                self.doc_hits[doc] = frozenset(columns[column] for column in np.flatnonzero(mentioned[row]).tolist())
                self.described[doc], self.fallback[doc] = float(described[row]), float(fallback[row])
            self.combined.update(zip(docs[scored].tolist(), combined[scored].tolist(), strict=True))
        return docs[scored], combined[scored]

    def _column(self, numbers: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
        """The query column of each key number, -1 for a key the query does not have."""
        import numpy as np

        if self._lookup is None:  # one slot per key of the index: a gather per look-up, not a search
            self._lookup = np.full(len(self.index._tables.keys), -1, dtype=np.int64)
            self._lookup[self._numbers] = self._of_number
        return self._lookup[numbers]

    def _description_coverage(self, strength: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Per row of key *strength*, the description share of the query it covers (``description_shares``)."""
        if self._coverage is None:
            self._coverage = _coverage_weights(self.description_shares, self._columns)
        return _covered(strength, *self._coverage, self.description_shares.total)

    def _by_signature(self, matched: npt.NDArray[np.bool_], mentioned: npt.NDArray[np.bool_] | None
                      ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """For rows of label keys *matched* and description keys *mentioned* (``None``: a description alone),
        the row's signature number and the query share of each signature (a label key counts 1, a description
        key ``joint``)."""
        import numpy as np

        joint = matched if mentioned is None else np.concatenate((matched, mentioned), axis=1)
        rows, firsts = signatures(joint)
        if self._label_coverage is None:
            self._label_coverage = _coverage_weights(self.shares, self._columns)
        weight = self.index.settings.joint
        if mentioned is None:  # a description alone: joint × its share
            return rows, weight * _covered(matched[firsts].astype(float), *self._label_coverage, self.shares.total)
        unique, extra = matched[firsts], mentioned[firsts]
        strength = np.where(unique, 1.0, np.where(extra, weight, 0.0))  # a label key 1, a description key joint
        return rows, _covered(strength, *self._label_coverage, self.shares.total)

    def score(self, docs: Iterable[int]) -> None:
        """Score each of *docs* in full (once; those *allowed* keeps): per label sharing a query key its score before
        its role weight (``labels``), its description's coverage (``described``), the score of its labels without
        units of their own (``fallback``), the description keys it matched (``doc_hits``) and its unit score."""
        import numpy as np

        wanted = [doc for doc in dict.fromkeys(docs)
                  if doc not in self._seen and (self.allowed is None or self.allowed[doc])]
        if wanted:
            self._seen.update(wanted)
            self._rank(np.array(wanted, dtype=np.int64), note=True)


def _coverage_weights(shares: Shares, columns: list[str]) -> tuple[npt.NDArray[np.float64], list[int]]:
    """Each of *columns*' (a query's keys) worth to each way of covering a query word in *shares* (a column per way,
    ways by word), and where each word's columns start."""
    import numpy as np

    parts = sorted((position, number, column, value) for column, key in enumerate(columns)
                   for position, number, value in shares.parts.get(key, ()))
    ways = sorted({(position, number) for position, number, _column, _value in parts})
    where = {way: index for index, way in enumerate(ways)}
    weights = np.zeros((len(columns), len(ways)))
    for position, number, column, value in parts:
        weights[column, where[position, number]] += value
    return weights, [index for index, way in enumerate(ways) if index == 0 or ways[index - 1][0] != way[0]]


def _covered(strength: npt.NDArray[np.float64], weights: npt.NDArray[np.float64], firsts: list[int],
             total: float) -> npt.NDArray[np.float64]:
    """Per row of key *strength*, the share of the query it covers: each word by its best way (:class:`Shares`)."""
    import numpy as np

    if not firsts:
        return np.zeros(len(strength))
    best = np.maximum(np.maximum.reduceat(strength @ weights, firsts, axis=1), 0.0)
    return best.sum(axis=1) / total
