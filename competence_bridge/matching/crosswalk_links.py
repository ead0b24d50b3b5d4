"""The official rows chains are made of: read from SSSOM mapping sets or from a graph, national → ESCO.

A :class:`Link` is one row of an official ESCO mapping table (imported with
:mod:`competence_bridge.importers.esco_mapping`), with the :class:`TableRef` it cites; the table's
author, file and lines travel in each SSSOM mapping's ``other`` (``author_label``, ``source_file``,
``source_lines``), so any mapping set written by that importer, read back from SSSOM/TSV or from
the graph, gives the same links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from competence_bridge.importers.national import classification_of
from competence_bridge.rdf.curies import compress, expand
from competence_bridge.rdf.sparql import queries_of
from competence_bridge.sssom.other import read_other
from competence_bridge.vocabulary import PREDICATES, Predicate

if TYPE_CHECKING:
    from rdflib import Graph

    from competence_bridge.rdf.queries import Queries
    from competence_bridge.sssom.mapping import Mapping, MappingSet


@dataclass(frozen=True)
class TableRef:
    """The official table a row comes from."""

    mapping_set_id: str
    title: str
    author: str | None
    date: dt.date | None
    file: str | None

    def cite(self, lines: tuple[int, ...], lang: str) -> str:
        """'tabel 'ESCO – BE NOC' van Nalantis nv, 2021-09-30, BLM_mapping.csv regels 18, 19'."""
        nl = lang == "nl"
        text = f"{'tabel' if nl else 'table'} '{self.title}'"
        if self.author:
            text += f" {'van' if nl else 'by'} {self.author}"
        else:
            text += " (auteur niet vermeld)" if nl else " (no author named)"
        if self.date:
            text += f", {self.date.isoformat()}"
        if self.file:
            text += f", {self.file}"
        if lines:
            word = ("regel" if len(lines) == 1 else "regels") if nl else ("line" if len(lines) == 1 else "lines")
            text += f" {word} {', '.join(map(str, lines))}"
        return text


@dataclass(frozen=True)
class Link:
    """One official mapping row, read national concept → ESCO concept."""

    national: str
    national_label: str
    category: str | None  # occupation or competence
    region: str
    esco: str
    esco_label: str
    predicate: Predicate
    table: TableRef
    lines: tuple[int, ...]
    national_version: str | None = None


def links_from_mapping_sets(sets: Iterable[MappingSet]) -> list[Link]:
    """The official rows of *sets* as links (other mappings are skipped)."""
    links = []
    for mapping_set in sets:
        for mapping in mapping_set.mappings:
            link = _mapping_link(mapping_set.mapping_set_id, mapping_set.mapping_set_title, mapping)
            if link is not None:
                links.append(link)
    return links


def links_from_graph(graph: Graph | Queries, *, subjects: Iterable[str] | None = None,
                     objects: Iterable[str] | None = None) -> list[Link]:
    """The official rows of every mapping set in *graph* (SSSOM/RDF), in one SPARQL query.

    *graph* is an rdflib graph or what answers SPARQL without one (:class:`~competence_bridge.rdf.queries.Queries`:
    a one-off lookup on a store reads the rows with pyoxigraph alone). *subjects* (national concepts) or *objects*
    (ESCO concepts), as CURIEs, keep only their rows: what a single lookup needs, without reading every table.
    """
    links = []
    for row in queries_of(graph).select(_LINKS_QUERY.replace("WHERE {", "WHERE {" + _values(subjects, objects), 1)):
        predicate = compress(row.p)
        if predicate not in PREDICATES:  # not a SKOS mapping row: no official link
            continue
        date = dt.date.fromisoformat(row.mapping_date) if row.mapping_date else None
        link = _link(row.set, row.title, subject=compress(row.s), predicate=predicate, esco=compress(row.o),
                     subject_label=row.subject_label, esco_label=row.object_label, category=row.subject_category,
                     date=date, other=read_other(row.other), author=None, version=row.subject_source_version)
        if link is not None:
            links.append(link)
    links.sort(key=lambda link: (link.table.mapping_set_id, link.national, link.esco, link.predicate))
    return links


def esco_labels_from_graph(graph: Graph | Queries, concepts: Iterable[str] | None = None) -> dict[str, str]:
    """The Dutch preferred labels of the ESCO occupations in *graph* (an rdflib graph or
    :class:`~competence_bridge.rdf.queries.Queries`; empty when ESCO is not loaded). *concepts* (CURIEs) keeps only
    those."""
    query = _ESCO_LABELS_QUERY
    if concepts is not None:
        query = query.replace("WHERE {", "WHERE {" + _values(None, None, concepts), 1)
    return {compress(row.c): row.label for row in queries_of(graph).select(query)}


class RowMemory:
    """The official rows and ESCO labels of one graph, read per concept when first asked for and remembered, so a
    session's lookups ask the graph only about concepts they have not met (:meth:`.chains.ChainIndex.around`).

    Only a national concept (VDAB's, UWV's) is the subject of a row (:data:`_LINKS_QUERY` keeps no other), so the
    rows of anything else are known to be none without asking. A memory belongs to a graph whose rows do not change
    while it is read: :meth:`competence_bridge.Bridge.add_mappings` starts a new one.
    """

    def __init__(self, graph: Graph | Queries) -> None:
        """*graph*: an rdflib graph or :class:`~competence_bridge.rdf.queries.Queries`."""
        self.graph = graph
        self._own: dict[str, list[Link]] = {}
        self._reaching: dict[str, list[Link]] = {}
        self._labels: dict[str, str | None] = {}

    def own(self, subject: str) -> list[Link]:
        """The rows of *subject* (a CURIE) to ESCO: one query the first time a national concept is asked for."""
        if subject not in self._own:
            national = _iri(subject).startswith(_NATIONAL_IRIS)
            self._own[subject] = links_from_graph(self.graph, subjects=[subject]) if national else []
        return self._own[subject]

    def reaching(self, concepts: Iterable[str]) -> list[Link]:
        """The rows reaching each of *concepts* (ESCO CURIEs), in their order: one query for those not met before."""
        wanted = list(dict.fromkeys(concepts))
        if new := [concept for concept in wanted if concept not in self._reaching]:
            found: dict[str, list[Link]] = {concept: [] for concept in new}
            for link in links_from_graph(self.graph, objects=new):
                found.setdefault(link.esco, []).append(link)
            self._reaching.update(found)
        return [link for concept in wanted for link in self._reaching.get(concept, ())]

    def labels(self, concepts: Iterable[str]) -> dict[str, str]:
        """The Dutch preferred labels of those of *concepts* that are loaded ESCO occupations: one query for those
        not met before."""
        wanted = list(dict.fromkeys(concepts))
        if new := [concept for concept in wanted if concept not in self._labels]:
            found = esco_labels_from_graph(self.graph, new)
            self._labels.update({concept: found.get(concept) for concept in new})
        return {concept: label for concept in wanted if (label := self._labels[concept]) is not None}


#: The namespaces of the concepts official rows start from (the filter of :data:`_LINKS_QUERY`).
_NATIONAL_IRIS = ("https://w3id.org/competence-bridge/id/vdab/", "https://w3id.org/competence-bridge/id/uwv/")


def _values(subjects: Iterable[str] | None, objects: Iterable[str] | None,
            concepts: Iterable[str] | None = None) -> str:
    """SPARQL VALUES blocks restricting ?s, ?o or ?c to the given CURIEs."""
    blocks = []
    for variable, curies in (("s", subjects), ("o", objects), ("c", concepts)):
        if curies is not None:
            iris = " ".join(f"<{_iri(curie)}>" for curie in dict.fromkeys(curies))
            blocks.append(f" VALUES ?{variable} {{ {iris} }}")
    return "".join(blocks)


def _iri(curie: str) -> str:
    try:
        return expand(curie)
    except ValueError:
        return curie


def _mapping_link(set_id: str, title: str | None, mapping: Mapping) -> Link | None:
    """The official row *mapping* as a link, or None when it is not one (negative, not manually curated)."""
    if mapping.is_negative or mapping.mapping_justification != "semapv:ManualMappingCuration":
        return None
    return _link(set_id, title, subject=mapping.subject_id, predicate=mapping.predicate_id, esco=mapping.object_id,
                 subject_label=mapping.subject_label, esco_label=mapping.object_label,
                 category=mapping.subject_category, date=mapping.mapping_date, other=mapping.other_fields(),
                 author=mapping.author_id, version=mapping.subject_source_version)


def _link(set_id: str, title: str | None, *, subject: str, predicate: Predicate, esco: str,
          subject_label: str | None, esco_label: str | None, category: str | None, date: dt.date | None,
          other: dict[str, str], author: str | None, version: str | None) -> Link | None:
    """A positive, manually curated row as a link, or None when it is not national → ESCO."""
    classification = classification_of(subject)
    if classification is None or esco.partition(":")[0] not in ("esco-occupation", "esco-skill", "isco"):
        return None
    lines = tuple(int(n) for n in other.get("source_lines", "").split(",") if n.strip().isdigit())
    table = TableRef(set_id, title or set_id, other.get("author_label") or author, date, other.get("source_file"))
    return Link(subject, subject_label or subject, category, classification.region, esco, esco_label or esco,
                predicate, table, lines, version)


_ESCO_LABELS_QUERY = """\
PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?label WHERE { ?c a esco:Occupation ; skos:prefLabel ?label FILTER(lang(?label) = "nl") }"""

_LINKS_QUERY = """\
PREFIX sssom: <https://w3id.org/sssom/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?set ?title ?s ?p ?o ?subject_label ?object_label ?subject_category ?mapping_date ?other
       ?subject_source_version WHERE {
  ?m owl:annotatedSource ?s ; owl:annotatedTarget ?o ; owl:annotatedProperty ?p ;
     sssom:mapping_justification <https://w3id.org/semapv/vocab/ManualMappingCuration> .
  ?set sssom:mappings ?m ; a sssom:MappingSet .
  OPTIONAL { ?set sssom:mapping_set_title ?title }
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/competence-bridge/id/vdab/")
         || STRSTARTS(STR(?s), "https://w3id.org/competence-bridge/id/uwv/"))
  FILTER NOT EXISTS { ?m sssom:predicate_modifier ?modifier }
  OPTIONAL { ?m sssom:subject_label ?subject_label }
  OPTIONAL { ?m sssom:object_label ?object_label }
  OPTIONAL { ?m sssom:subject_category ?subject_category }
  OPTIONAL { ?m sssom:mapping_date ?mapping_date }
  OPTIONAL { ?m sssom:other ?other }
  OPTIONAL { ?m sssom:subject_source_version ?subject_source_version }
}"""
