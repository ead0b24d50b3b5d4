"""The array tables of the search index and the array ranking pass: the layout on a named case, filters, and
two properties tying the array pass to the one-by-one scoring it stands in for."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competence_bridge.language.text import fold
from competence_bridge.language.trigrams import Trigrams
from competence_bridge.matching.search import SearchDocument, SearchIndex
from competence_bridge.matching.search_units import UnitScores

DOCS = [
    SearchDocument("x:1", "occupation", None, (("verwarmingsmonteur", "nl", "pref"), ("cv-monteur", "nl", "alt")),
                   "Installeert verwarming en onderhoudt verwarming."),
    SearchDocument("nl:2", "job-profile", "NL", (("monteur", "nl", "pref"),)),
    SearchDocument("vl:3", "qualification", "BE-VLG", (("elektricien", "nl", "pref"),), "Werkt aan elektriciteit.",
                   ("VKS 4",)),
]


def test_tables_lay_out_labels_keys_and_description_counts() -> None:
    index = SearchIndex.build(DOCS)
    tables = index._tables
    assert [tables.labels_of(doc) for doc in range(3)] == [[0, 1], [2], [3, 4]]
    assert tables.label_doc.tolist() == [0, 0, 1, 2, 2]
    assert tables.label_roles.tolist() == [0, 1, 0, 0, 3]  # pref, alt, pref, pref, level
    assert tables.keys == ["monteur", "verwarming", "cv", "elektricien", "4", "vks", "installert", "onderhoudt",
                           "werkt", "elektriciteit"]  # folded and stemmed; "en" and "aan" are no keys

    def description(doc: int) -> dict[str, int]:
        start, end = tables.description_ptr[doc], tables.description_ptr[doc + 1]
        return {tables.keys[key]: count for key, count in zip(tables.description_keys[start:end].tolist(),
                                                              tables.description_counts[start:end].tolist())}

    assert description(0) == {"verwarming": 2, "installert": 1, "onderhoudt": 1}
    assert description(1) == {}
    assert description(2) == {"werkt": 1, "elektriciteit": 1}  # elektricien is in its label, not its description
    assert tables.lengths.tolist() == [4.0, 0.0, 2.0]

def test_filters_are_masks_of_region_and_kind() -> None:
    tables = SearchIndex.build(DOCS)._tables
    assert tables.allowed(None, None) is None
    assert tables.allowed("NL", None).tolist() == [False, True, False]
    assert tables.allowed(None, {"occupation", "qualification"}).tolist() == [True, False, True]
    assert tables.allowed("BE-VLG", {"job-profile"}).tolist() == [False, False, False]
    assert tables.allowed("XX", None).tolist() == [False, False, False]


_WORDS = ("monteur", "verwarming", "installateur", "lasser", "zorg", "kundige", "elektricien", "technicus",
          "onderhoud", "medewerker", "logistiek", "magazijn", "haven", "verpleeg", "en", "van", "cv")
_TEXT = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
_DOC = st.tuples(st.lists(st.tuples(_TEXT, st.sampled_from(("pref", "alt", "hidden"))), min_size=1, max_size=3),
                 st.none() | st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join),
                 st.sampled_from(("occupation", "job-profile")), st.sampled_from((None, "NL", "BE-VLG")))


def _one_by_one(index: SearchIndex, units: UnitScores, doc: int) -> tuple[dict[int, float], float | None]:
    """The unit formula for one document written plainly with :class:`Shares` (the oracle): per label sharing a query
    key its score before its role weight, and the document's unit score (None when it has none)."""
    settings, tables = index.settings, index._tables
    start, end = tables.description_ptr[doc], tables.description_ptr[doc + 1]
    counts = {tables.keys[key]: count for key, count in zip(tables.description_keys[start:end].tolist(),
                                                            tables.description_counts[start:end].tolist())
              if tables.keys[key] in units.describing}
    mentioned = frozenset(counts)
    described, best = 0.0, None
    if mentioned:
        saturation = settings.bm25_k1 * (1 - settings.bm25_b + settings.bm25_b * tables.lengths[doc] / index._average)
        described = units.description_shares(mentioned, {key: n / (n + saturation) for key, n in counts.items()})
        best = (settings.joint * units.shares(mentioned)) ** settings.coverage_power / 2
    labels = {}
    for number in tables.labels_of(doc):
        matched = set(tables.label_key_list(number)) & units.keys
        if not matched:
            continue
        strength = dict.fromkeys(mentioned, settings.joint) | dict.fromkeys(matched, 1.0)
        label_share = min(sum(index._idf[key] for key in matched) / tables.label_totals[number], 1.0)
        labels[number] = units.shares(strength, strength) ** settings.coverage_power * (1 + label_share) / 2
        weighted = labels[number] * settings.role_weights[tables.role(number)]
        if weighted > (best or 0.0):
            best = weighted
    return labels, None if best is None else index._combine((1 - settings.gram_weight) * best, described)


@settings(max_examples=60, deadline=None)
@given(st.lists(_DOC, min_size=1, max_size=12), _TEXT, st.sampled_from((None, "NL")))
def test_the_array_pass_scores_as_one_by_one(docs: list, query: str, region: str | None) -> None:
    """Every document the array pass ranks, and every one scored in full, has the unit score (and each label the
    score) that the formula gives one document at a time; no other document has one."""
    index = SearchIndex.build([
        SearchDocument(f"x:{n}", kind, where, tuple((text, "nl", role) for text, role in labels), description)
        for n, (labels, description, kind, where) in enumerate(docs)])
    words = index._reader.read(query, index.settings)
    if not words:
        return
    allowed = index._tables.allowed(region, None)
    units = UnitScores(index, words, allowed).read(depth=len(docs) + 1)  # deep enough to rank every document
    ranked = units.ranking()
    units.score(range(len(docs)))
    expected = {doc: _one_by_one(index, units, doc) for doc in range(len(docs)) if allowed is None or allowed[doc]}
    scored = {doc: score for doc, (_labels, score) in expected.items() if score is not None}
    assert ranked.keys() == units.combined.keys() == scored.keys()
    for doc, score in scored.items():
        assert ranked[doc] == pytest.approx(score, abs=1e-12)
        assert units.combined[doc] == pytest.approx(score, abs=1e-12)
    labels = {number: score for label_scores, _score in expected.values() for number, score in label_scores.items()}
    assert units.labels.keys() == labels.keys()
    for number, score in labels.items():
        assert units.labels[number] == pytest.approx(score, abs=1e-12)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="abcdeklmnorstuvz -", max_size=20), min_size=1, max_size=8),
       st.text(alphabet="abcdeklmnorstuvz -", max_size=20))
def test_cosines_equal_cosine_to_the_last_bit(texts: list[str], query: str) -> None:
    model = Trigrams([fold(text) for text in texts])
    vector = model.vector(fold(query))
    numbers = list(range(len(texts)))
    assert model.cosines(vector, numbers) == [model.cosine(vector, number) for number in numbers]


def test_postings_map_each_key_to_its_labels_and_documents_ascending() -> None:
    tables = SearchIndex.build(DOCS)._tables
    assert tables.postings["monteur"].tolist() == [0, 1, 2]  # verwarmingsmonteur, cv-monteur, monteur
    assert tables.description_postings["verwarming"].tolist() == [0]
    assert "installert" in tables.description_postings and "installert" not in tables.postings
    assert "lasser" not in tables.postings
    with pytest.raises(KeyError):
        tables.postings["installert"]
    assert sorted(tables.postings) == ["4", "cv", "elektricien", "monteur", "verwarming", "vks"]
    assert len(tables.postings) == 6 and len(tables.description_postings) == 5
    assert tables.idf["monteur"] == pytest.approx(math.log(1 + 3 / 2))  # in two of the three documents
