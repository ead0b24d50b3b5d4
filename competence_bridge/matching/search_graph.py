"""Search documents read from a graph: labels by role and language, descriptions, and the levels items sit on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import Graph

from competence_bridge.matching.search import ROLES, SearchDocument
from competence_bridge.rdf.curies import compress
from competence_bridge.rdf.sparql import iter_values, query, select

if TYPE_CHECKING:
    from competence_bridge.rdf.items import ItemTable

_DOCUMENTS_QUERY = query("""\
SELECT ?item ?kind ?region ?text ?role ?lang WHERE {
  VALUES (?class ?kind) {
    (cb:Qualification "qualification") (cb:JobProfile "job-profile") (cb:QualificationType "qualification-type")
    (cb:Competence "competence") (esco:Occupation "occupation") (cb:Occupation "occupation")
  }
  ?item a ?class .
  { ?item skos:prefLabel ?text BIND("pref" AS ?role) }
  UNION { ?item skos:altLabel ?text BIND("alt" AS ?role) }
  UNION { ?item skos:hiddenLabel ?text BIND("hidden" AS ?role) }
  UNION { ?item skos:definition ?text BIND("definition" AS ?role) }
  UNION { ?item dcterms:description ?text BIND("description" AS ?role) }
  UNION { ?item a cb:Occupation ; skos:notation ?text BIND("hidden" AS ?role) }
  OPTIONAL { ?item cb:region ?region }
  FILTER(isIRI(?item))
  BIND(LANG(?text) AS ?lang)
}""")

_LEVELS_QUERY = query("""\
SELECT ?item ?level ?notation ?eqf WHERE {
  VALUES ?class { cb:Qualification cb:JobProfile cb:QualificationType }
  ?item a ?class ; cb:level ?level .
  ?level skos:notation ?notation .
  OPTIONAL { ?level skos:exactMatch ?eqf }
}""")

_KIND_ORDER = ("qualification", "job-profile", "qualification-type", "competence", "occupation")
_LANG_ORDER = ("nl", "", "en")


def level_names(graph: Graph) -> dict[str, list[str]]:
    """Each item's levels as a person writes them: the framework and notation (``VKS 5``), and ``EQF n`` for a
    level referenced exactly to the EQF."""
    found: dict[str, list[str]] = {}
    for row in select(graph, _LEVELS_QUERY):
        names = found.setdefault(compress(str(row.item)), [])
        framework = compress(str(row.level)).partition(":")[0]
        names.append(f"{framework.upper()} {row.notation}")
        eqf = compress(str(row.eqf)) if row.eqf is not None else ""
        if eqf.startswith("eqf:"):
            names.append(f"EQF {eqf.partition(':')[2]}")
    return {item: sorted(set(names)) for item, names in found.items()}


def documents_from_graph(graph: Graph, table: ItemTable | None = None) -> list[SearchDocument]:
    """Every qualification, job profile, qualification type, competence and occupation (ESCO or national) in *graph*.

    One SPARQL query for labels per role and language (a national occupation's code, such as VDAB's
    ``OP-410``, as a hidden label), ``cb:region``, and as description the
    ``skos:definition`` and the ``dcterms:description`` (each in Dutch, else untagged, else English,
    joined when both exist), read natively row by row; one for the levels (:func:`level_names`). Blank nodes
    are skipped; ids are CURIEs where a prefix is known. Sorted by id.

    With an item *table* (the translator's, read from the same graph), a document keeps the table's own string
    for its id and for each label equal to one of its item's: one string for both, not two (30 MB at a million
    triples). Only equal strings are shared, so a table of another graph changes nothing.
    """
    items: dict[str, dict[str, Any]] = {}
    # one string for each kind, region, role and language, not one a row (a label holds its language for good)
    shared: dict[str | None, str | None] = {None: None}
    _variables, rows = iter_values(graph, _DOCUMENTS_QUERY)  # plain strings, row by row: no rdflib terms
    for iri, kind, region, text, role_read, tag in rows:
        entry = items.setdefault(iri or "", {"kinds": set(), "region": None, "labels": set(), "texts": []})
        entry["kinds"].add(shared.setdefault(kind, kind))
        if region is not None:
            entry["region"] = shared.setdefault(region, region)
        lang, role = shared.setdefault(tag or "", tag or "") or "", shared.setdefault(role_read, role_read)
        if role in ROLES:
            entry["labels"].add((text, lang, role))
        else:
            rank = (_LANG_ORDER.index(lang) if lang in _LANG_ORDER else len(_LANG_ORDER), lang, text)
            entry["texts"].append((role, rank))
    levels = level_names(graph)
    documents = []
    for iri, entry in items.items():
        kind = min(entry["kinds"], key=_KIND_ORDER.index)
        labels = tuple(sorted(entry["labels"], key=lambda label: (ROLES.index(label[2]), label[1], label[0])))
        best = {role: min(rank for found, rank in entry["texts"] if found == role)[2]
                for role in ("definition", "description") if any(found == role for found, _ in entry["texts"])}
        description = " ".join(dict.fromkeys(best.values())) or None
        curie = compress(iri)
        item = table.items.get(curie) if table is not None else None
        if item is not None:
            curie = item.id
            own = {text: text for text in item.labels}
            labels = tuple((own.get(text, text), lang, role) for text, lang, role in labels)
        documents.append(SearchDocument(curie, kind, entry["region"], labels, description,
                                        tuple(levels.get(curie, ()))))
    return sorted(documents, key=lambda document: document.id)
