"""A search index kept as an array file (:mod:`competence_bridge.backends.arrays`), opened without unpickling.

:func:`save_index` writes every part of a :class:`~competence_bridge.matching.search.SearchIndex` as arrays and
:func:`open_index` reads it back as views of the mapped file: nothing index-sized is decoded or copied when it is
opened (about a millisecond for ESCO nl, against 0.17 s of CPU to unpickle the same index), and a query decodes
only the strings it touches. The arrays (names as in the file):

=================================  ========================================================================
``tables.*``                       the label, description and document tables, as built
                                   (:data:`~competence_bridge.matching.search_tables.SearchTables.ARRAYS`)
``keys`` (strings, hashed)         the unit keys by number; ``keys.idf``: each key's IDF
``postings.*``,                    a key's labels (descriptions): ``pointers`` by key number, ``rows``
``description_postings.*``
``grams`` (strings, hashed)        the character 3-grams by number; ``grams.*``: the 3-gram model's arrays
                                   (:data:`~competence_bridge.language.trigrams.Trigrams.ARRAYS`)
``documents.ids``, ``.names``,     what a hit shows of each document (``described``: whether it has a
``.descriptions`` (strings)        description); its kind and region are ``tables.doc_kinds``/``doc_regions``
``labels.texts``, ``.folded``      each label as written and folded; ``labels.langs``: its language's code
(strings)
``lexicon.keys`` (strings,         the corpus' word keys, ``lexicon.counts`` their frequencies and
hashed)                            ``lexicon.known`` whether they are known words
``lexicon.words`` (strings,        every word of the corpus, with its analysis packed in
hashed), ``lexicon.packed``        ``lexicon.packed`` (the rare one that does not pack is in the header)
``vocabulary`` (strings)           the corpus' words, sorted (spelling variants are looked for among them)
``starts`` (strings, hashed),      the label keys sorted, grouped by their first two letters: the group of
``starts.keys``, ``starts.ptr``    ``starts[n]`` is ``starts.keys[ptr[n]:ptr[n + 1]]``

``terms.synonyms`` (strings,        the term pairs' synonyms by form (its word keys as a JSON list), and the
hashed), ``terms.mined``           mined pairs by word key; ``.values``: each one's as JSON text, decoded
(strings, hashed)                  when a query asks for it
=================================  ========================================================================

The header's ``meta`` holds the small rest: the search settings as JSON, the kinds, regions and languages named
by the codes, the words of the term pairs, and a few numbers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from competence_bridge.backends.arrays import (
    ArrayFile,
    Numbers,
    Strings,
    Values,
    open_arrays,
    pack_strings,
    write_arrays,
)
from competence_bridge.language.lexicon import Lexicon
from competence_bridge.language.terms import MinedEntry, SearchState, Vocabulary
from competence_bridge.language.trigrams import Trigrams
from competence_bridge.language.word_units import Packed
from competence_bridge.matching.search import Document, SearchIndex
from competence_bridge.matching.search_tables import Postings, SearchTables
from competence_bridge.matching.search_values import SearchValues
from competence_bridge.matching.search_words import QueryReader

if TYPE_CHECKING:
    import numpy.typing as npt


def save_index(index: SearchIndex, path: Path, key: str) -> bool:
    """Write *index* to the cache entry *path* under *key* (atomically); False when it could not be written."""
    meta, arrays = _layout(index)
    return write_arrays(path, key, meta, arrays)


def open_index(path: Path, key: str) -> SearchIndex | None:
    """The index written to *path* under *key*, as views of the mapped file; ``None`` (and the file deleted) when
    there is none that fits (see :func:`~competence_bridge.backends.arrays.open_arrays`)."""
    opened = open_arrays(path, key)
    if opened is None:
        return None
    try:
        return _index(opened)
    except (KeyError, IndexError, TypeError, ValueError):
        path.unlink(missing_ok=True)
        return None


def _layout(index: SearchIndex) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
    arrays: dict[str, npt.NDArray[Any]] = {}
    tables, grams, lexicon, reader = index._tables, index._grams, index.lexicon, index._reader
    for name in SearchTables.ARRAYS:
        arrays[f"tables.{name}"] = getattr(tables, name)
    pack_strings(tables.keys, arrays, "keys", lookup=True)
    arrays["keys.idf"] = np.array([tables.idf[key] for key in tables.keys], dtype=np.float64)
    for name, postings in (("postings", tables.postings), ("description_postings", tables.description_postings)):
        arrays[f"{name}.pointers"], arrays[f"{name}.rows"] = postings.arrays()
    if list(grams.grams.values()) != list(range(len(grams.grams))):
        raise ValueError("the 3-grams are not numbered in order")
    pack_strings(grams.grams, arrays, "grams", lookup=True)
    for name in Trigrams.ARRAYS:
        arrays[f"grams.{name}"] = getattr(grams, name)
    documents = index._documents
    pack_strings((doc.id for doc in documents), arrays, "documents.ids")
    pack_strings((doc.pref_label for doc in documents), arrays, "documents.names")
    pack_strings((doc.description or "" for doc in documents), arrays, "documents.descriptions")
    arrays["documents.described"] = np.array([doc.description is not None for doc in documents], dtype=bool)
    pack_strings(index._label_texts, arrays, "labels.texts")
    pack_strings(index._folded, arrays, "labels.folded")
    langs = sorted(set(index._label_langs))
    codes = {lang: code for code, lang in enumerate(langs)}
    arrays["labels.langs"] = np.array([codes[lang] for lang in index._label_langs], dtype=np.int16)
    frequencies = list(lexicon.frequencies)
    pack_strings(frequencies, arrays, "lexicon.keys", lookup=True)
    arrays["lexicon.counts"] = np.array([lexicon.frequencies[key] for key in frequencies], dtype=np.int64)
    arrays["lexicon.known"] = np.array([key in lexicon.known for key in frequencies], dtype=bool)
    packed = lexicon.packed_words()
    pack_strings(packed, arrays, "lexicon.words", lookup=True)
    pack_strings((value if isinstance(value, str) else "" for value in packed.values()), arrays, "lexicon.packed")
    unpacked = {surface: value for surface, value in packed.items() if not isinstance(value, str)}
    pack_strings(reader.vocabulary, arrays, "vocabulary")
    starts = list(reader.keys_by_start)
    pack_strings(starts, arrays, "starts", lookup=True)
    pack_strings((key for start in starts for key in reader.keys_by_start[start]), arrays, "starts.keys")
    arrays["starts.ptr"] = np.concatenate(([0], np.cumsum([len(reader.keys_by_start[start]) for start in starts],
                                                          dtype=np.int64))).astype(np.int64)
    terms = reader.terms.search_state()
    pack_strings((_json(list(keys)) for keys in terms.synonyms), arrays, "terms.synonyms", lookup=True)
    pack_strings((_json(found) for found in terms.synonyms.values()), arrays, "terms.synonyms.values")
    pack_strings(terms.mined, arrays, "terms.mined", lookup=True)
    pack_strings((_json([[other, list(entry.words), entry.source, entry.split, entry.support]
                         for other, entry in found]) for found in terms.mined.values()), arrays, "terms.mined.values")
    meta = {"settings": index.settings.as_json(),
            "terms": {"words": sorted(terms.words), "longest": terms.longest},
            "kinds": list(tables.kinds), "regions": list(tables.regions), "langs": langs,
            "unknown_idf": index._unknown_idf, "average": index._average,
            "grams": {"unknown": grams.unknown, "max_df": grams.max_df},
            "lexicon": {"eager": lexicon.eager, "terms": sorted(lexicon.terms), "text_chars": lexicon.text_chars,
                        "word_chars": lexicon.word_chars, "unpacked": unpacked}}
    return meta, arrays


def _index(opened: ArrayFile) -> SearchIndex:
    arrays, meta = opened.arrays, opened.meta
    keys = Strings(arrays, "keys")
    numbers = Numbers(keys)
    postings = (Postings(numbers, arrays["postings.pointers"], arrays["postings.rows"]),
                Postings(numbers, arrays["description_postings.pointers"], arrays["description_postings.rows"]))
    tables = SearchTables.restored({name: arrays[f"tables.{name}"] for name in SearchTables.ARRAYS}, keys, numbers,
                                   Values(keys, arrays["keys.idf"]), postings, meta["kinds"], meta["regions"])
    if len(arrays["keys.idf"]) != len(keys) or len(arrays["postings.pointers"]) != len(keys) + 1:
        raise ValueError("the key tables do not fit")
    grams = Trigrams.restored(Numbers(Strings(arrays, "grams")),
                              {name: arrays[f"grams.{name}"] for name in Trigrams.ARRAYS},
                              float(meta["grams"]["unknown"]), int(meta["grams"]["max_df"]))
    held = meta["lexicon"]
    frequencies = Strings(arrays, "lexicon.keys")
    lexicon = Lexicon.restored(Values(frequencies, arrays["lexicon.counts"], missing=0),
                               Values(frequencies, arrays["lexicon.known"], present=arrays["lexicon.known"]),
                               _PackedWords(Strings(arrays, "lexicon.words"), Strings(arrays, "lexicon.packed"),
                                            held["unpacked"]),
                               eager=bool(held["eager"]), terms=frozenset(held["terms"]),
                               text_chars=int(held["text_chars"]), word_chars=int(held["word_chars"]))
    # the header is signed (a file another secret signed never gets here): taken as written, as unpickling did, not
    # validated again (no pydantic: see matching/search_values.py)
    settings = SearchValues.restored(meta["settings"])
    unknown_idf = float(meta["unknown_idf"])
    reader = QueryReader(lexicon, tables.idf, unknown_idf, tables.postings,
                         _Groups(Strings(arrays, "starts"), Strings(arrays, "starts.keys"), arrays["starts.ptr"]),
                         Strings(arrays, "vocabulary"), _vocabulary(arrays, meta["terms"]))
    labels = Strings(arrays, "labels.texts")
    documents = _Documents(arrays, tables)
    if len(documents) != len(tables.doc_kinds) or len(labels) != len(tables.label_doc):
        raise ValueError("the document or label tables do not fit")
    return SearchIndex.assembled(documents, lexicon, labels, _Coded(arrays["labels.langs"], meta["langs"]),
                                 Strings(arrays, "labels.folded"), tables, grams, reader, settings=settings,
                                 unknown_idf=unknown_idf, average=float(meta["average"]))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _vocabulary(arrays: Mapping[str, npt.NDArray[Any]], held: dict[str, Any]) -> Vocabulary:
    """The vocabulary of term pairs search reads: its synonyms and mined pairs decoded key by key, when asked for."""

    def synonyms(found: list[list[str]]) -> list[tuple[str, str]]:
        return [(form, relation) for form, relation in found]

    def mined(found: list[list[Any]]) -> list[tuple[str, MinedEntry]]:
        return [(other, MinedEntry((first, second), source, split, support))
                for other, (first, second), source, split, support in found]

    return Vocabulary.for_search(SearchState(
        frozenset(held["words"]), int(held["longest"]),
        _Decoded(Strings(arrays, "terms.synonyms"), Strings(arrays, "terms.synonyms.values"), synonyms,
                 lambda keys: _json(list(keys))),
        _Decoded(Strings(arrays, "terms.mined"), Strings(arrays, "terms.mined.values"), mined, str)))


class _Decoded(Mapping[Any, Any]):
    """Values kept as JSON text by key (a key written as *written*), decoded with *decode* when first asked for."""

    def __init__(self, keys: Strings, values: Strings, decode: Callable[[Any], Any],
                 written: Callable[[Any], str]) -> None:
        self._keys, self._values, self._decode, self._written = keys, values, decode, written
        self._found: dict[Any, Any] = {}

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self._found:
            return self._found[key]
        number = self._keys.number(self._written(key))
        if number < 0:
            return default
        found = self._found[key] = self._decode(json.loads(self._values[number]))
        return found

    def __getitem__(self, key: Any) -> Any:
        found = self.get(key, _MISSING)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[Any]:
        return (tuple(json.loads(key)) if self._written is not str else key for key in self._keys)

    def __len__(self) -> int:
        return len(self._keys)


_MISSING = object()


class _Documents(Sequence[Document]):
    """What a hit shows of each document, decoded when asked for."""

    def __init__(self, arrays: Mapping[str, npt.NDArray[Any]], tables: SearchTables) -> None:
        self._ids, self._names = Strings(arrays, "documents.ids"), Strings(arrays, "documents.names")
        self._descriptions = Strings(arrays, "documents.descriptions")
        self._described = arrays["documents.described"].data
        self._kinds, self._regions = tables.doc_kinds.data, tables.doc_regions.data
        self._kind_names, self._region_names = tables.kinds, tables.regions

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, number: int) -> Document:  # type: ignore[override]  # (no slices)
        region = self._regions[number]
        return Document(self._ids[number], self._kind_names[self._kinds[number]],
                        None if region < 0 else self._region_names[region], self._names[number],
                        self._descriptions[number] if self._described[number] else None)


class _Coded(Sequence[str]):
    """Strings by a code each (a label's language)."""

    def __init__(self, codes: npt.NDArray[Any], names: list[str]) -> None:
        self._codes, self._names = codes.data, names

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, number: int) -> str:  # type: ignore[override]  # (no slices)
        return self._names[self._codes[number]]


class _PackedWords(Mapping[str, Packed]):
    """Each corpus word's packed analysis (:meth:`~competence_bridge.language.lexicon.Lexicon.packed_words`)."""

    def __init__(self, words: Strings, packed: Strings, unpacked: dict[str, Any]) -> None:
        self._words, self._packed = words, packed
        self._unpacked: dict[str, Packed] = {
            surface: (written, tuple((key, unit, tuple(rules)) for key, unit, rules in units), tuple(split))
            for surface, (written, units, split) in unpacked.items()}

    def get(self, surface: str, default: Any = None) -> Any:
        number = self._words.number(surface)
        if number < 0:
            return default
        return self._packed[number] or self._unpacked[surface]

    def __getitem__(self, surface: str) -> Packed:
        found = self.get(surface)
        if found is None:
            raise KeyError(surface)
        return found

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self._words.number(surface) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


class _Groups(Mapping[str, list[str]]):
    """The label keys with the same first two letters, sorted, by those letters (decoded on first use, kept)."""

    def __init__(self, starts: Strings, keys: Strings, pointers: npt.NDArray[np.int64]) -> None:
        self._starts, self._keys, self._pointers = starts, keys, pointers.data
        self._found: dict[str, list[str]] = {}

    def get(self, start: str, default: Any = None) -> Any:
        found = self._found.get(start)
        if found is None:
            number = self._starts.number(start)
            if number < 0:
                return default
            found = self._found[start] = self._keys.span(self._pointers[number], self._pointers[number + 1])
        return found

    def __getitem__(self, start: str) -> list[str]:
        found = self.get(start)
        if found is None:
            raise KeyError(start)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._starts)

    def __len__(self) -> int:
        return len(self._starts)
