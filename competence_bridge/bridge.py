"""The object a user holds: the loaded graph and typed lookups over it; the work is done in the layers below.

Each capability's code is imported when it is first used, so a one-off lookup (``search`` or ``translate`` on
a store) pays neither for the importers, the endpoint client and the curated models nor for the reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING

from competence_bridge.backends.inputs import Inputs, PathArg
from competence_bridge.vocabulary import FLANDERS, PROPOSED_KINDS, Region

if TYPE_CHECKING:
    from rdflib import Graph

    from competence_bridge.backends.store import StoreManifest
    from competence_bridge.curated.taxonomy import Taxonomy
    from competence_bridge.matching.evaluate import Scores
    from competence_bridge.matching.official import ChainLookup
    from competence_bridge.matching.pivot import PivotLookup
    from competence_bridge.matching.recognitions import Recognitions
    from competence_bridge.matching.resolve import ItemResolver
    from competence_bridge.matching.results import Translation
    from competence_bridge.matching.reviews import Reviews
    from competence_bridge.matching.search import SearchIndex, SearchResult
    from competence_bridge.matching.search_meaning import MeaningSearch
    from competence_bridge.matching.translate import Translator
    from competence_bridge.rdf.catalog import Catalog, LevelRef, TypeRef
    from competence_bridge.rdf.items import Item, ItemTable
    from competence_bridge.rdf.queries import Queries
    from competence_bridge.reports.gap import GapReport
    from competence_bridge.reports.levels import LevelReport, RecognitionReport
    from competence_bridge.sssom.mapping import Mapping, MappingSet
    from competence_bridge.sssom.tsv import MappingsArg


class Bridge:
    """Frameworks, qualification types, recognitions, qualifications and occupations of both sides as one graph.

    Create one with :func:`competence_bridge.load`. ``bridge.graph`` is a plain ``rdflib.Graph``.
    """

    def __init__(self, graph: Graph | Callable[[], Graph], *, taxonomy_files: Sequence[Path] = (),
                 identity: str | None = None, queries: Callable[[], Queries] | None = None) -> None:
        """Wrap *graph*, or what opens it when first read (a store: a search on a prepared index never reads it); its
        *identity* (same identity, same graph) keys the prepared translator and search index in the cache (see
        :mod:`competence_bridge.backends.prepared`); *queries* reads the same data without rdflib (official chains)."""
        self._graph, self._queries = graph, queries
        self.taxonomy_files = tuple(taxonomy_files)
        self.identity = identity
        self.meaning_search: MeaningSearch | None = None  # search fused with an embedding, once asked for

    @cached_property
    def graph(self) -> Graph:
        """The graph, a plain ``rdflib.Graph``."""
        return self._graph() if callable(self._graph) else self._graph

    @cached_property
    def catalog(self) -> Catalog:
        """Frameworks, levels, qualification types and recognitions, queried from the graph."""
        from competence_bridge.rdf.catalog import Catalog
        from competence_bridge.rdf.sparql import GraphQueries
        return Catalog(GraphQueries(self.graph))

    @cached_property
    def taxonomy(self) -> Taxonomy:
        """The validated curated data the graph was built from (term layer, false friends, settings)."""
        from competence_bridge.curated.taxonomy import read_taxonomy
        return read_taxonomy(self.taxonomy_files)

    @cached_property
    def recognitions_lookup(self) -> Recognitions:
        """Level names and recognition statements as translation evidence."""
        from competence_bridge.matching.recognitions import Recognitions
        return Recognitions(lambda: self.catalog)

    @cached_property
    def translator(self) -> Translator:
        """The translator over this graph; with an identity, prepared once and kept in the cache."""
        from competence_bridge.matching.preparing import prepared_translator
        return prepared_translator(lambda: self.graph, lambda: self.taxonomy, self.recognitions_lookup, self.identity)

    def use_embeddings(self, model: str = "multilingual-e5-small") -> None:
        """Compare competences and rank search hits by sentence embedding too (extra; docs/embeddings.md)."""
        from competence_bridge.language.embedding import sentence_embedder
        from competence_bridge.matching.preparing import prepared_meaning_search
        self.translator.use_embeddings(embedder := sentence_embedder(model))  # MissingExtraError without the extra
        self.meaning_search = prepared_meaning_search(lambda: self.search_index, embedder, self.translator,
                                                      self.identity)

    @cached_property
    def official_chains(self) -> ChainLookup:
        """Chains through ESCO from the official crosswalk tables loaded (none without them)."""
        from competence_bridge.matching.official import graph_chains, has_national_occupations
        from competence_bridge.matching.preparing import prepared_crosswalk
        return graph_chains(lambda: self.graph if self._queries is None or "graph" in vars(self) else self._queries(),
                            lambda: prepared_crosswalk(lambda: self.taxonomy, self.identity),
                            national=lambda: has_national_occupations(self.items))

    @cached_property
    def esco_pivot(self) -> PivotLookup | None:
        """Candidates through ESCO anchors proposed by search (None when no ESCO occupation is loaded)."""
        from competence_bridge.matching.pivot import esco_pivot
        return esco_pivot(self.items, lambda: self.search_index, self.translator.settings)

    @property
    def items(self) -> ItemTable:
        """Every translatable item and competence of the graph (read once, with the translator)."""
        return self.translator.table

    @cached_property
    def resolver(self) -> ItemResolver:
        """Finds items by id or label."""
        from competence_bridge.matching.resolve import ItemResolver
        return ItemResolver(self.items, self.translator.labels)

    @cached_property
    def search_index(self) -> SearchIndex:
        """The search index over everything loaded (built on first use; with an identity, kept in the cache)."""
        from competence_bridge.matching.preparing import prepared_search_index
        return prepared_search_index(lambda: self.graph, self.identity)

    def level(self, framework: str, level: str) -> LevelReport:
        """A level, its EQF level, its equivalents in the other frameworks and what sits on it.

        >>> [ref.id for ref in load().level("vks", "5").equivalents]
        ['nlqf:5']
        """
        from competence_bridge.reports import levels as level_reports
        return level_reports.level_report(self.catalog, framework, level)

    def resolve_level(self, framework: str, level: str) -> LevelRef:
        """The level written *level* (``5``, ``4+``) in *framework* (``vks``, ``nlqf``, ``eqf``)."""
        from competence_bridge.reports import levels as level_reports
        return level_reports.resolve_level(self.catalog, framework, level)

    def resolve_type(self, query: str) -> TypeRef:
        """The qualification type with this id (``nl:havo``) or label ("havo")."""
        from competence_bridge.reports import levels as level_reports
        return level_reports.resolve_type(self.catalog, query)

    def recognitions(self, item: str) -> RecognitionReport:
        """Every recognition statement about a qualification type, in either role, direction first."""
        from competence_bridge.reports import levels as level_reports
        return level_reports.recognition_report(self.catalog, item)

    def search(self, text: str, *, region: Region | None = None, kind: str | Sequence[str] | None = None,
               limit: int = 10) -> SearchResult:
        """Everything loaded whose labels or description match *text*, best first, each hit explained.

        >>> load().search("kinesitherapeute", region="BE-VLG").hits[0].id  # doctest: +SKIP
        'vl:job.kinesitherapeut'

        :raises UnknownItemError: for an unknown region or kind
        :raises CompetenceBridgeError: for an empty text or a limit below 1
        """
        from competence_bridge.matching.search_query import search_items
        return search_items(self.search_index, text, region=region, kind=kind, limit=limit,
                            meaning=self.meaning_search)

    def item(self, query: str) -> Item:
        """The qualification, job profile, qualification type or occupation an id or label names.

        >>> load().item("zorgkundige").id  # doctest: +SKIP
        'vl:bk-zorgkundige'

        :raises UnknownItemError: with "did you mean" suggestions when nothing has that id or label
        :raises AmbiguousItemError: when the label names several items of the same kind
        """
        found = self.resolver.require(query)
        if found.kind in {"occupation", "competence"} and found.region and not found.official:
            from competence_bridge.matching.official import official_mappings

            found.official = official_mappings(self.graph, found.id)
        return found

    require_item = item

    def list_items(self, *, kind: str | None = None, region: Region | None = None) -> list[Item]:
        """Every loaded item of *kind* (``qualification``, ``job-profile``, ...) and *region*, by id."""
        return sorted((i for i in self.items.items.values() if kind in (None, i.kind) and region in (None, i.region)),
                      key=lambda item: item.id)

    def translate(self, item: str, *, to: Region | None = None, limit: int = 5,
                  reviews: Reviews | None = None) -> Translation:
        """Ranked, explained counterparts of *item* (an id, a label or free text); a qualification's jobs in ``jobs``.

        >>> load().translate("kinesitherapeut", to="NL").candidates[0].target.id  # doctest: +SKIP
        'nl:hbo-fysiotherapie'
        """
        from competence_bridge.matching.query import translate_query
        return translate_query(self.translator, self.resolver, item, to=to, limit=limit, reviews=reviews,
                               chains=self.official_chains, pivot=self.esco_pivot)

    def propose(self, source: Item, to: str, limit: int = 1000) -> Translation:
        """Every candidate the signals and the official chains give *source* on side *to*."""
        from competence_bridge.matching.query import translate_item
        return translate_item(self.translator, source, to, limit=limit, chains=self.official_chains,
                              pivot=self.esco_pivot)

    def compare(self, a: str, b: str) -> GapReport:
        """Gap report of A (what a person has) against B (what they aim for), competence by competence."""
        from competence_bridge.reports.gap import compare_items
        return compare_items(self.translator, self.recognitions_lookup, self.item(a), self.item(b))

    def competence_proposals(self, a: str, b: str, *, limit: int = 3) -> list[Mapping]:
        """Proposed mappings from every competence of A to the closest competences of B (SSSOM rows)."""
        from competence_bridge.matching.competences import competence_proposals
        return competence_proposals(self.translator, self.item(a), self.item(b), limit=limit)

    def review(self, path: str | Path, subject: str, object: str, decision: str, reviewer: str, *,  # noqa: A002
               date: dt.date | None = None, comment: str | None = None, predicate: str | None = None) -> Mapping:
        """Record a decision on the proposed mapping *subject* → *object* in the review file at *path*."""
        from competence_bridge.matching.reviews import record_review
        return record_review(self.propose, path, self.item(subject), self.item(object), decision, reviewer,
                             date=date, comment=comment, predicate=predicate, table=self.items)

    def mapping_set(self, *, source_region: Region = FLANDERS, kinds: Collection[str] = PROPOSED_KINDS,
                    limit: int = 3, reviews: Reviews | None = None) -> MappingSet:
        """Translate every curated item of one side and return the proposals as an SSSOM mapping set."""
        from competence_bridge.matching.proposals import proposal_set
        from competence_bridge.version import package_version
        return proposal_set(self.propose, self.items, source_region=source_region, kinds=kinds, limit=limit,
                            reviews=reviews, tool_version=package_version())

    def evaluate(self, gold: MappingsArg, *, k: int = 3) -> Scores:
        """Score this bridge's translations against a gold SSSOM file or mapping set."""
        from competence_bridge.matching.gold import evaluate_translator
        from competence_bridge.sssom.tsv import mapping_set_of
        return evaluate_translator(self.translator, mapping_set_of(gold), k=k)

    def export(self, fmt: str, out: str | Path | IO[bytes]) -> None:
        """Write the graph as ``ttl``, ``nt`` or ``jsonld`` to a path (atomically) or a binary stream."""
        from competence_bridge.rdf.graph import export
        export(self.graph, fmt, out)

    def add_mappings(self, mappings: MappingsArg) -> int:
        """Add an SSSOM mapping set to the graph as SSSOM/RDF; returns the number of triples added."""
        from competence_bridge.rdf.graph import add_triples
        from competence_bridge.sssom.rdf import mapping_set_triples
        from competence_bridge.sssom.tsv import mapping_set_of
        vars(self).pop("official_chains", None)  # the rows it has read lack the new ones: read them afresh
        return add_triples(self.graph, list(mapping_set_triples(mapping_set_of(mappings))))

    def publish(self, update_url: str, named_graph: str, *, query_url: str | None = None,
                mappings: MappingsArg | None = None) -> int:
        """Replace *named_graph* on a SPARQL endpoint with this graph (or only *mappings*), atomically."""
        from competence_bridge.backends.endpoint import publish
        from competence_bridge.sssom.rdf import mapping_set_graph
        from competence_bridge.sssom.tsv import mapping_set_of
        graph = self.graph if mappings is None else mapping_set_graph(mapping_set_of(mappings))
        return publish(graph, update_url, named_graph, query_url=query_url)

    @cached_property
    def size(self) -> int:
        """Number of triples (counted inside the store when it is Oxigraph)."""
        from competence_bridge.rdf.graph import triple_count
        return triple_count(self.graph)


def load(yaml: PathArg = (), *, inputs: Inputs | None = None, store: str = "oxigraph", cache: bool = True,
         location: str | Path | None = None, endpoint: str | None = None, graphs: str | Sequence[str] = (),
         **sources: PathArg) -> Bridge:
    """Load the shipped taxonomies plus extra curated YAML and official data sets as one graph.

    >>> bridge = load(esco="../shared/data/esco-nl-1.2.0", sbb=["2635_Pedagogisch_Werk.xml"])  # doctest: +SKIP

    Three backends: in memory (the default), a disk store built with :func:`build_store` (*location*),
    or a SPARQL 1.1 endpoint (*endpoint*, its query URL; *graphs*: the named graphs to query).

    :param yaml: extra taxonomy files or directories, validated together with the shipped ones
    :param sources: one keyword per importer kind (``esco``, ``sbb``, ``brc``, ``bk``, ``esco_mapping``;
        see :data:`competence_bridge.importers.IMPORTERS`), each one path or several
    :param inputs: all of the above as one :class:`~competence_bridge.backends.inputs.Inputs`
    :param store: ``oxigraph`` (default) or ``memory`` (rdflib's own store); *cache*: reuse the compiled graph
        of the whole load (the curated part of a load with imported sources is reused by its files' content
        even without: an edited file gets a new key and is validated again)
    :raises TaxonomyError, SourceFormatError: for a file that fails validation; nothing is loaded then
    :raises StoreError: if *location* is not a store
    :raises UnknownItemError: for a keyword that names no importer
    """
    from competence_bridge.backends.opening import open_graph
    chosen = inputs if inputs is not None else Inputs.of(yaml, **sources)
    opened = open_graph(chosen, store=store, cache=cache, location=location, endpoint=endpoint, graphs=graphs)
    return Bridge(opened.graph, taxonomy_files=opened.taxonomy_files, identity=opened.identity, queries=opened.queries)


def build_store(directory: str | Path, yaml: PathArg = (), *, inputs: Inputs | None = None, cache: bool = True,
                **sources: PathArg) -> StoreManifest:
    """Compile the inputs as :func:`load` does and build a persistent store of them in *directory*.

    It replaces a store already there only once complete; ``load(location=directory)`` reopens it in milliseconds:
    ``build_store("bridge-store", esco="esco-nl-1.2.0")``. With *cache*, the translator and the search index are
    prepared now and kept, so the first lookup on the store reads them instead of building them.
    """
    from competence_bridge.backends.opening import build_store_of
    manifest = build_store_of(directory, inputs if inputs is not None else Inputs.of(yaml, **sources), cache=cache)
    if cache:
        built = load(location=directory)
        _ = (built.translator, built.search_index)
    return manifest
