"""The search index as a memory-mapped array file: it reads back the same index (the same answers, part by part),
and a truncated, altered, foreign or planted file is refused, deleted and prepared again."""

from __future__ import annotations

import json
import pickle
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

import competence_bridge
from competence_bridge.backends import arrays, cache
from competence_bridge.backends.arrays import Numbers, Strings, Values, open_arrays, pack_strings, write_arrays
from competence_bridge.backends.cache import cache_info, clear_cache, evict
from competence_bridge.backends.prepared import prepared_key, prepared_path
from competence_bridge.matching.preparing import prepared_search_index
from competence_bridge.matching.search import SearchDocument, SearchIndex
from competence_bridge.curated.matching_settings import SearchSettings
from competence_bridge.matching.search_file import open_index, save_index
from competence_bridge.matching.search_values import SearchValues
from competence_bridge.matching.settings import shipped

DOCS = [
    SearchDocument("x:1", "occupation", None, (("verwarmingsmonteur", "nl", "pref"), ("cv-monteur", "nl", "alt"),
                                              ("heating fitter", "en", "alt")),
                   "Installeert verwarming en onderhoudt verwarming."),
    SearchDocument("nl:2", "job-profile", "NL", (("monteur", "nl", "pref"), ("Monteur", "", "hidden")), ""),
    SearchDocument("vl:3", "qualification", "BE-VLG", (("elektricien", "nl", "pref"), ("Elektriciën", "nl", "alt")),
                   "Werkt aan elektriciteit.", ("VKS 4",)),
    SearchDocument("vl:4", "competence", "BE-VLG", (("kinesitherapeute", "nl", "pref"),)),
]
QUERIES = ["verwarmingsinstallateur", "monteur", "elektriciën", "vks 4", "kinesist", "monteurs verwarming",
           "elektrisch", "verwarmingsmontuer", "xyz"]


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("COMPETENCE_BRIDGE_CACHE", str(home))
    return home


def _saved(index: SearchIndex, name: str = "entry") -> tuple[Path, str]:
    path = cache.cache_dir() / f"search-{name}.arrays"
    assert save_index(index, path, f"key-{name}")
    return path, f"key-{name}"


def _answers(index: SearchIndex) -> list[list[dict[str, object]]]:
    return [[hit.to_dict() for hit in index.search(query, **filters)]  # type: ignore[arg-type]
            for query in QUERIES for filters in ({}, {"region": "BE-VLG"}, {"kind": "occupation"})]


def _same_parts(index: SearchIndex, opened: SearchIndex) -> None:
    assert list(opened._documents) == list(index._documents)
    assert (list(opened._label_texts), list(opened._label_langs), list(opened._folded)) == (
        list(index._label_texts), list(index._label_langs), list(index._folded))
    assert opened.settings == index.settings
    tables, back = index._tables, opened._tables
    for name in back.ARRAYS:
        assert np.array_equal(getattr(back, name), getattr(tables, name)), name
    assert list(back.keys) == list(tables.keys) and dict(back.idf) == dict(tables.idf)
    assert {key: back.numbers[key] for key in tables.keys} == tables.numbers
    assert {key: list(opened._postings[key]) for key in index._postings} == {
        key: list(rows) for key, rows in index._postings.items()}
    assert dict(opened._grams.grams) == dict(index._grams.grams)
    lexicon = index.lexicon
    assert {key: opened.lexicon.frequencies[key] for key in lexicon.frequencies} == dict(lexicon.frequencies)
    assert {key for key in lexicon.frequencies if key in opened.lexicon.known} == set(lexicon.known)  # type: ignore
    assert opened.lexicon.frequencies["nowhere"] == 0 and "nowhere" not in opened.lexicon.known
    assert {surface: opened.lexicon.word(surface) for surface in lexicon.surfaces()} == {
        surface: lexicon.word(surface) for surface in lexicon.surfaces()}
    reader, read = index._reader, opened._reader
    assert list(read.vocabulary) == list(reader.vocabulary)
    assert {start: read.keys_by_start[start] for start in reader.keys_by_start} == reader.keys_by_start
    assert read.terms.search_state() == reader.terms.search_state()


def test_the_index_reads_back_part_by_part_and_answers_alike(cache_home: Path) -> None:
    index = SearchIndex.build(DOCS)
    path, key = _saved(index)
    opened = open_index(path, key)
    assert opened is not None and type(opened._documents).__name__ == "_Documents"  # views, not lists
    _same_parts(index, opened)
    assert _answers(opened) == _answers(index)
    assert opened._documents[1].description == "" and opened._documents[3].description is None
    again = open_index(path, key)  # a second open maps the same file again
    assert again is not None and _answers(again) == _answers(index)


def test_the_index_keeps_the_search_settings_as_plain_values_that_read_back_equal() -> None:
    settings = shipped()[0].search
    assert SearchValues._fields == tuple(SearchSettings.model_fields)  # the same fields, in the same order
    values = SearchValues.of(settings)
    assert values._asdict() == settings.model_dump() and SearchValues.of(values) is values
    assert SearchValues.restored(json.loads(json.dumps(values.as_json()))) == values
    index = SearchIndex.build(DOCS, settings=settings)
    assert index.settings == values
    index.settings = settings.model_copy(update={"rerank": 7})  # settable as validated settings, kept as values
    assert isinstance(index.settings, SearchValues) and index.settings.rerank == 7


_WORDS = st.sampled_from(["verwarming", "monteur", "monteurs", "elektricien", "kinesitherapeut", "kapster", "lasser",
                          "installateur", "verpleegkundige", "zorg", "hr", "it", "café", "naïef", "1", "5",
                          "leerkracht", "leraar", "technieker", "magazijnier", "x\0y", "ß"])
_TEXT = st.lists(_WORDS | st.text(min_size=1, max_size=6), min_size=1, max_size=4).map(" ".join)
_LABEL = st.tuples(_TEXT, st.sampled_from(["nl", "", "en"]), st.sampled_from(["pref", "alt", "hidden"]))
_DOCUMENT = st.builds(SearchDocument, st.text(min_size=1, max_size=5), st.sampled_from(["occupation", "competence"]),
                      st.sampled_from([None, "NL", "BE-VLG"]), st.lists(_LABEL, max_size=3).map(tuple),
                      st.none() | _TEXT, st.lists(st.sampled_from(["VKS 4", "EQF 5"]), max_size=2).map(tuple))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_DOCUMENT, min_size=1, max_size=6), st.lists(_TEXT, min_size=1, max_size=3))
def test_any_small_index_reads_back_the_same(cache_home: Path, documents: list[SearchDocument],
                                             queries: list[str]) -> None:
    index = SearchIndex.build(documents)
    path, key = _saved(index, "property")
    opened = open_index(path, key)
    assert opened is not None
    _same_parts(index, opened)
    for query in queries:
        assert [hit.to_dict() for hit in opened.search(query)] == [hit.to_dict() for hit in index.search(query)]


_STRINGS = st.lists(st.text(max_size=6), max_size=30, unique=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_STRINGS, st.lists(st.text(max_size=6), max_size=5))
def test_a_string_table_finds_each_string_and_only_those(cache_home: Path, texts: list[str],
                                                         others: list[str]) -> None:
    packed: dict[str, np.ndarray] = {}
    pack_strings(texts, packed, "t", lookup=True)
    packed["t.values"] = np.arange(len(texts), dtype=np.int64) * 3
    path = cache.cache_dir() / "search-strings.arrays"
    assert write_arrays(path, "k", {"n": len(texts)}, packed)
    opened = open_arrays(path, "k")
    assert opened is not None and opened.meta == {"n": len(texts)}
    strings = Strings(opened.arrays, "t")
    assert list(strings) == texts and [strings[n] for n in range(len(texts))] == texts
    assert strings.span(0, len(texts)) == texts and strings.span(1, 1) == []
    assert [strings.number(text) for text in texts] == list(range(len(texts)))
    assert all(strings.number(other) == -1 for other in others if other not in texts)
    values = Values(strings, opened.arrays["t.values"])
    assert dict(values) == {text: 3 * n for n, text in enumerate(texts)} and dict(Numbers(strings)) == {
        text: n for n, text in enumerate(texts)}


def test_a_truncated_altered_or_foreign_file_is_refused_and_deleted(cache_home: Path) -> None:
    index = SearchIndex.build(DOCS)
    path, key = _saved(index)
    whole = path.read_bytes()
    start = struct.calcsize("<8sII32s")
    header = json.loads(whole[start:start + struct.unpack_from("<I", whole, 12)[0]])
    altered = bytearray(whole)
    altered[start + 10] ^= 1  # one bit of the header: its signature no longer checks
    forged = dict(header, arrays=[[name, dtype, shape, offset + (1 << 20), size]  # signed, but outside the file
                                  for name, dtype, shape, offset, size in header["arrays"]])
    forged_text = json.dumps(forged).encode()
    tag = cache.signature(forged_text)
    assert tag is not None
    cases = {"truncated": whole[:len(whole) // 2], "empty": b"", "header only": whole[:start],
             "altered": bytes(altered), "other magic": b"CBARRAY?" + whole[8:],
             "other version": whole[:8] + struct.pack("<I", arrays.VERSION + 1) + whole[12:],
             "a planted pickle": pickle.dumps({"a": 1}),
             "an array outside": _padded(struct.pack("<8sII32s", arrays.MAGIC, arrays.VERSION, len(forged_text), tag)
                                         + forged_text, whole)}
    for name, planted in cases.items():
        path.write_bytes(planted)
        path.chmod(0o600)
        assert open_index(path, key) is None, name
        assert not path.exists(), name
    path.write_bytes(whole)
    path.chmod(0o600)
    assert open_index(path, "another graph's key") is None and not path.exists()
    path.write_bytes(whole)
    path.chmod(0o600)
    (cache_home / cache.SECRET).unlink()  # another secret: the file was signed by someone else
    assert open_index(path, key) is None and not path.exists()


def _padded(head: bytes, whole: bytes) -> bytes:
    """*head*, then *whole*'s bytes after it: a file of the size its header names."""
    return head + whole[len(head):]


def test_a_file_others_may_write_is_not_read(cache_home: Path) -> None:
    path, key = _saved(SearchIndex.build(DOCS))
    path.chmod(0o666)
    assert open_index(path, key) is None


def test_a_damaged_prepared_index_is_built_again(cache_home: Path) -> None:
    bridge = competence_bridge.load()
    expected = bridge.search("kinesitherapeute").to_dict()
    path = prepared_path(bridge.identity, "search")
    assert path.is_file() and open_index(path, prepared_key(bridge.identity, "search")) is not None
    whole = path.read_bytes()
    path.write_bytes(whole[:-100])  # a write cut short
    calls: list[int] = []

    def graph() -> Graph:  # read only when the index is built
        calls.append(1)
        return bridge.graph

    rebuilt = prepared_search_index(graph, bridge.identity)
    assert calls == [1] and type(rebuilt._documents) is list  # built again, from the graph
    assert path.read_bytes() == whole  # and kept again, byte for byte
    reopened = prepared_search_index(graph, bridge.identity)
    assert calls == [1] and type(reopened._documents).__name__ == "_Documents"  # read back, the graph untouched
    assert competence_bridge.load().search("kinesitherapeute").to_dict() == expected


def test_the_cache_lists_evicts_and_clears_the_index_file(cache_home: Path) -> None:
    bridge = competence_bridge.load()
    bridge.search("monteur")
    files = sorted(path.name.partition("-")[0] for path in cache_home.iterdir() if not path.name.startswith("."))
    assert files == ["graph", "search"]
    size = prepared_path(bridge.identity, "search").stat().st_size
    assert cache_info().entries == 2 and cache_info().bytes >= size
    assert [path.name.partition("-")[0] for path in evict(cap=size)] == ["graph"]  # the older entry goes first
    assert clear_cache().entries == 1 and not any(cache_home.glob("search-*"))
