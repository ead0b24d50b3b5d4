"""Search's bounded reading: rows grouped by signature (a property against plain row equality), and the posting
budget (``search.posting_budget`` in taxonomies/matching.yaml) on real ESCO.

The budget only binds on a graph where a query's common words reach thousands of labels, so it is guarded here on
ESCO 1.2.0 nl (../shared/data; CI must run these) rather than among the named cases of
tests/test_matching_settings.py: at the shipped value it changes no first hit of a seeded sample of label
queries, far below it the hits below the first change (so the value decides outcomes), and a query of common
words reads at most the budget once it has its candidates.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from conftest import shared_data
from hypothesis import given, settings
from hypothesis import strategies as st

import competence_bridge
from competence_bridge.matching.search import SearchIndex
from competence_bridge.matching.search_units import UnitScores, signatures


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 150).flatmap(lambda width: st.lists(
    st.lists(st.booleans(), min_size=width, max_size=width), max_size=30)), st.data())
def test_signatures_number_equal_rows_alike_and_point_at_their_first_row(rows: list[list[bool]], data) -> None:
    # repeat some rows, so that equal rows are common whatever the width
    rows = rows + [rows[i] for i in data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=10))] if rows else rows
    width = len(rows[0]) if rows else data.draw(st.integers(0, 150))
    matrix = np.array(rows, dtype=bool).reshape(len(rows), width)
    numbers, firsts = signatures(matrix)
    assert numbers.shape == (len(rows),) and sorted(set(numbers.tolist())) == list(range(len(firsts)))
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (numbers[i] == numbers[j]) == (rows[i] == rows[j])
    for number, first in enumerate(firsts.tolist()):
        assert numbers[first] == number and number not in numbers[:first].tolist()


def test_signatures_of_wide_rows_differing_in_the_last_column_only() -> None:
    """Columns past the first integer's 62 still separate rows (a query of many keys has 70 and more)."""
    matrix = np.zeros((3, 130), dtype=bool)
    matrix[1, 129] = matrix[2, 129] = True
    matrix[2, 61] = True
    numbers, firsts = signatures(matrix)
    assert len(set(numbers.tolist())) == 3 and sorted(firsts.tolist()) == [0, 1, 2]


# --- the budget on ESCO -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bridge() -> competence_bridge.Bridge:
    """ESCO 1.2.0 nl with the curated taxonomies."""
    return competence_bridge.load(esco=shared_data("esco-nl-1.2.0"))


@pytest.fixture(scope="module")
def index(bridge: competence_bridge.Bridge) -> SearchIndex:
    """Its search index."""
    return bridge.search_index


def _queries(bridge: competence_bridge.Bridge) -> list[str]:
    """150 ESCO alternative labels (seed 3) and four queries of common words."""
    labels = sorted({label for item in bridge.list_items(kind="occupation") for label in item.alt_labels})
    return random.Random(3).sample(labels, 150) + ["medewerker", "manager afdeling", "hoofd productie",
                                                   "medewerker logistiek magazijn en transport"]


def _hits(index: SearchIndex, budget: int, queries: list[str]) -> dict[str, tuple[str, ...]]:
    """The first five hits of each query with the budget at *budget*."""
    shipped = index.settings
    index.settings = shipped._replace(posting_budget=budget)
    try:
        return {query: tuple(hit.id for hit in index.search(query, limit=5)) for query in queries}
    finally:
        index.settings = shipped


def test_the_budget_changes_no_first_hit_at_its_value_and_decides_hits_far_below_it(
        bridge: competence_bridge.Bridge, index: SearchIndex) -> None:
    queries = _queries(bridge)
    unbounded = _hits(index, 10**9, queries)
    shipped = _hits(index, index.settings.posting_budget, queries)
    assert {query: hits[:1] for query, hits in shipped.items()} == {
        query: hits[:1] for query, hits in unbounded.items()}
    tight = _hits(index, 1, queries)  # the common words' documents are no candidates: lower hits change
    assert [query for query in queries if tight[query] != unbounded[query]]


def test_a_query_of_common_words_reads_at_most_the_budget_once_it_has_its_candidates(index: SearchIndex) -> None:
    settings = index.settings
    words = index._reader.read("medewerker logistiek magazijn en transport", settings)
    unbounded = UnitScores(index, words, None)
    index.settings = settings._replace(posting_budget=10**9)
    try:
        unbounded.read(settings.rerank)
    finally:
        index.settings = settings
    bounded = UnitScores(index, words, None).read(settings.rerank)
    assert unbounded.postings_read > settings.posting_budget  # without the bound, the common words are read too
    assert bounded.postings_read <= settings.posting_budget
    assert len(bounded.ranking()) >= settings.rerank
