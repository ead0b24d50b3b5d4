"""A translator and a search index for a graph, prepared once per content and kept in the cache.

With an *identity* (the graph's content digest, see :mod:`competence_bridge.backends.prepared`),
what was prepared before for the same content is read back instead of built again: a translator unpickled, a
search index mapped (:mod:`competence_bridge.matching.search_file`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from competence_bridge.backends.prepared import load_prepared, prepared_key, prepared_path, save_prepared

if TYPE_CHECKING:
    from rdflib import Graph

    from competence_bridge.curated.matching_settings import CrosswalkSettings, SearchEmbeddingSettings
    from competence_bridge.curated.taxonomy import Taxonomy
    from competence_bridge.language.embedding import SentenceEmbedder
    from competence_bridge.matching.recognitions import Recognitions
    from competence_bridge.matching.search import SearchIndex
    from competence_bridge.matching.search_meaning import MeaningSearch, MeaningVectors
    from competence_bridge.matching.translate import Translator
    from competence_bridge.rdf.items import ItemTable

#: The item table of the translator prepared last, held weakly (it lives as long as its translator): a search index
#: built after it keeps the table's strings for the ids and labels the two have alike (see ``documents_from_graph``).
#: Only equal strings are shared, so a table of another graph costs a look-up and changes nothing.
_LAST: weakref.WeakValueDictionary[str, ItemTable] = weakref.WeakValueDictionary()

# What only building needs (the item table, the analysers, the embedder) is imported when something is built:
# a one-off lookup that reads a prepared translator or search index does without it.


def prepared_translator(graph: Graph | Callable[[], Graph], taxonomy: Taxonomy | Callable[[], Taxonomy],
                        recognitions: Recognitions, identity: str | None = None) -> Translator:
    """The translator over *graph*: read back from the cache, or built (and kept, with an identity).

    *graph* and *taxonomy* may be callables: they are then opened and read only when the translator has to be
    built (a one-off lookup that finds it prepared never opens the store or parses the curated files).
    """
    from competence_bridge.matching.translate import Translator

    def built() -> Translator:
        from competence_bridge.matching.factory import new_translator
        from competence_bridge.rdf.items import ItemTable

        return new_translator(ItemTable.from_graph(graph() if callable(graph) else graph),
                              taxonomy() if callable(taxonomy) else taxonomy,
                              recognitions)

    if identity is None:
        return _remembered(built())
    translator = load_prepared(identity)
    if isinstance(translator, Translator):
        if translator.recognitions is None:  # kept only when they were plain data (a RecognitionBook's)
            translator.attach(recognitions.describe_level, recognitions.from_item)
        return _remembered(translator)
    translator = built().prepare()
    save_prepared(identity, translator)
    return _remembered(translator)


def prepared_crosswalk(taxonomy: Callable[[], Taxonomy], identity: str | None = None) -> CrosswalkSettings | None:
    """The settings of chains through official tables (the last ``crosswalk`` entry of *taxonomy*, None without
    one): read back from the cache, or read from *taxonomy* (and kept, with an identity). A one-off translation on
    a store with official tables then parses no curated file, as one without them does not."""
    if identity is not None:
        kept = load_prepared(identity, "crosswalk")
        if isinstance(kept, tuple) and len(kept) == 1:
            return kept[0]
    entries = taxonomy().crosswalk
    settings = entries[-1] if entries else None
    if identity is not None:
        save_prepared(identity, (settings,), "crosswalk")
    return settings


def _remembered(translator: Translator) -> Translator:
    _LAST["table"] = translator.table
    return translator


def prepared_search_index(graph: Graph | Callable[[], Graph], identity: str | None = None,
                          taxonomy: Taxonomy | None = None) -> SearchIndex:
    """The search index over everything in *graph*: read back from the cache, or built (and kept).

    *graph* may be a callable: it is then called only when the index has to be built (a one-off search on a
    store that finds it prepared never opens the store). Its settings and term pairs are *taxonomy*'s (default:
    the shipped taxonomies').
    """
    from competence_bridge.matching.search_file import open_index, save_index

    index = None
    if identity is not None:
        index = open_index(prepared_path(identity, "search"), prepared_key(identity, "search"))
    if index is None:
        from competence_bridge.matching.search import SearchIndex
        from competence_bridge.matching.search_graph import documents_from_graph
        from competence_bridge.matching.settings import settings_of, vocabulary_of

        settings = terms = None
        if taxonomy is not None:
            settings, terms = settings_of(taxonomy).search, vocabulary_of(taxonomy)
        table = _LAST.get("table")
        index = SearchIndex.build(documents_from_graph(graph() if callable(graph) else graph, table),
                                  settings=settings, terms=terms)
        del table
        if identity is not None:
            save_index(index, prepared_path(identity, "search"), prepared_key(identity, "search"))
    return index


def prepared_meaning_search(index: Callable[[], SearchIndex], embedder: SentenceEmbedder, translator: Translator,
                            identity: str | None = None) -> MeaningSearch:
    """Search fused with *embedder* over *index*, as *translator*'s settings say (``search_embedding``); the
    document vectors are embedded on first use and, with an *identity*, kept in the cache (per graph content,
    model and text recipe), so only once."""
    from competence_bridge.matching.search_meaning import MeaningSearch, MeaningVectors, embed_documents

    def vectors_of(built: SearchIndex, model: SentenceEmbedder, chosen: SearchEmbeddingSettings) -> MeaningVectors:
        key = f"{identity}\0{model.name}\0{chosen.description_chars}"
        found = load_prepared(key, "meaning") if identity is not None else None
        if isinstance(found, MeaningVectors) and found.fits(built, model, chosen):
            return found
        vectors = embed_documents(built, model, chosen)
        if identity is not None:
            save_prepared(key, vectors, "meaning")
        return vectors

    return MeaningSearch(index, embedder, translator.settings.search_embedding, vectors_of)
