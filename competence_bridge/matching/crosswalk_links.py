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
from typing import TYPE_CHECKING, Any

from competence_bridge.importers.national import classification_of
from competence_bridge.rdf.curies import compress, expand
from competence_bridge.sssom.mapping import Mapping, MappingSet
from competence_bridge.vocabulary import Predicate

if TYPE_CHECKING:
    from rdflib import Graph


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
            link = _link(mapping_set.mapping_set_id, mapping_set.mapping_set_title, mapping)
            if link is not None:
                links.append(link)
    return links


def links_from_graph(graph: Graph, *, subjects: Iterable[str] | None = None,
                     objects: Iterable[str] | None = None) -> list[Link]:
    """The official rows of every mapping set in *graph* (SSSOM/RDF), in one SPARQL query.

    *subjects* (national concepts) or *objects* (ESCO concepts), as CURIEs, keep only their rows:
    what a single lookup needs, without reading every table.
    """
    links = []
    rows: Iterable[Any] = graph.query(_LINKS_QUERY.replace("WHERE {", "WHERE {" + _values(subjects, objects), 1))
    for row in rows:
        fields = {slot: row[slot].toPython() for slot in ("subject_label", "object_label", "subject_category",
                                                           "mapping_date", "other", "subject_source_version")
                  if row[slot] is not None}
        if isinstance(fields.get("mapping_date"), str):
            fields["mapping_date"] = dt.date.fromisoformat(fields["mapping_date"])
        mapping = Mapping(subject_id=compress(str(row.s)), predicate_id=compress(str(row.p)),  # type: ignore[arg-type]
                          object_id=compress(str(row.o)), mapping_justification="semapv:ManualMappingCuration",
                          **fields)
        link = _link(str(row.set), str(row.title) if row.title is not None else None, mapping)
        if link is not None:
            links.append(link)
    links.sort(key=lambda link: (link.table.mapping_set_id, link.national, link.esco, link.predicate))
    return links


def esco_labels_from_graph(graph: Graph, concepts: Iterable[str] | None = None) -> dict[str, str]:
    """The Dutch preferred labels of the ESCO occupations in *graph* (empty when ESCO is not loaded).

    *concepts* (CURIEs) keeps only those.
    """
    query = _ESCO_LABELS_QUERY
    if concepts is not None:
        query = query.replace("WHERE {", "WHERE {" + _values(None, None, concepts), 1)
    rows: Iterable[Any] = graph.query(query)
    return {compress(str(row.c)): str(row.label) for row in rows}


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


def _link(set_id: str, title: str | None, mapping: Mapping) -> Link | None:
    """The official row *mapping* as a link, or None when it is not one (negative, not national → ESCO)."""
    classification = classification_of(mapping.subject_id)
    esco_side = mapping.object_id.partition(":")[0] in ("esco-occupation", "esco-skill", "isco")
    if (classification is None or not esco_side or mapping.is_negative
            or mapping.mapping_justification != "semapv:ManualMappingCuration"):
        return None
    other = mapping.other_fields()
    lines = tuple(int(n) for n in other.get("source_lines", "").split(",") if n.strip().isdigit())
    author = other.get("author_label") or mapping.author_id
    table = TableRef(set_id, title or set_id, author, mapping.mapping_date, other.get("source_file"))
    return Link(mapping.subject_id, mapping.subject_label or mapping.subject_id, mapping.subject_category,
                classification.region, mapping.object_id, mapping.object_label or mapping.object_id,
                mapping.predicate_id, table, lines, mapping.subject_source_version)


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
