"""What the translation layer knows about each translatable item, read from the graph with SPARQL.

Items are qualifications, job profiles, qualification types, competences and (when ESCO is
loaded) ESCO occupations, and (when official ESCO mapping tables are loaded) the occupations of
national classifications (``cb:Occupation``, with their region) and competences listed on their
own in a classification (VDAB Competent; their ``owner`` is the concept scheme). One
:class:`ItemTable` is read once per graph; the queries use only ``Graph.query`` so any backend works.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from competence_bridge.display import Shown
from competence_bridge.rdf.curies import compress
from competence_bridge.rdf.sparql import query, select_values

if TYPE_CHECKING:
    from rdflib import Graph

#: The EQF levels of an item on none: shared by the table's items (immutable, so no item's change reaches another).
_NO_EQF: frozenset[int] = frozenset()
_NO_ISCO: frozenset[str] = frozenset()  # likewise the ISCO groups of an item in none


class _NoneListed(list[Any]):
    """An empty list that cannot change: the one value of every empty list field of a table's items (most items
    have no hidden labels, levels, competences or official rows; 56 bytes a list, 13 MB at a million triples).
    Equal to ``[]``; assign a new list to give an item some."""

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> Any:
        raise TypeError("an item's shared empty list cannot change; assign a new list")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return _none_listed, ()


def _none_listed() -> _NoneListed:
    return _NONE_LISTED


_NONE_LISTED = _NoneListed()

#: rdf:type → our kind name.
KINDS = {
    "cb:Qualification": "qualification",
    "cb:JobProfile": "job-profile",
    "cb:QualificationType": "qualification-type",
    "esco:Occupation": "occupation",
    "cb:Occupation": "occupation",
}

_ITEMS = query("""\
SELECT ?item ?type ?region ?level ?eqf ?notation ?qtype ?definition WHERE {
  VALUES ?type { cb:Qualification cb:JobProfile cb:QualificationType esco:Occupation cb:Occupation }
  ?item a ?type .
  OPTIONAL { ?item cb:region ?region }
  OPTIONAL { ?item cb:level ?level OPTIONAL { ?level skos:exactMatch|skos:broadMatch ?eqf } }
  OPTIONAL { ?item skos:notation ?notation }
  OPTIONAL { ?item dcterms:type ?qtype }
  OPTIONAL { ?item skos:definition ?definition FILTER(lang(?definition) = "nl") }
}""")

_LABELS = query("""\
SELECT ?item ?label ?role WHERE {
  VALUES ?type { cb:Qualification cb:JobProfile cb:QualificationType esco:Occupation cb:Occupation }
  ?item a ?type .
  { ?item skos:prefLabel ?label BIND("pref" AS ?role) }
  UNION { ?item skos:altLabel ?label BIND("alt" AS ?role) }
  UNION { ?item skos:hiddenLabel ?label BIND("hidden" AS ?role) }
  FILTER(lang(?label) = "nl")
}""")

_ANCHORS = query("""\
SELECT ?item ?esco ?isco WHERE {
  VALUES ?type { cb:Qualification cb:JobProfile esco:Occupation }
  ?item a ?type .
  { ?item cb:escoOccupation ?esco } UNION { ?item cb:iscoGroup ?isco }
}""")

_COMPETENCES = query("""\
SELECT ?owner ?competence ?text ?kind ?code ?skill WHERE {
  ?owner cb:hasCompetence ?competence .
  ?competence skos:prefLabel ?text ; cb:competenceKind ?kind .
  OPTIONAL { ?competence skos:notation ?code }
  OPTIONAL { ?competence cb:escoSkill ?skill }
}""")


#: Competences that belong to a classification rather than to a qualification or job profile (VDAB Competent).
_LISTED_COMPETENCES = query("""\
SELECT ?competence ?scheme ?text ?kind ?code ?skill WHERE {
  ?competence a cb:Competence ; skos:inScheme ?scheme ; skos:prefLabel ?text ; cb:competenceKind ?kind .
  FILTER(lang(?text) = "nl")
  OPTIONAL { ?competence skos:notation ?code }
  OPTIONAL { ?competence cb:escoSkill ?skill }
}""")

_PREPARES = query("""\
SELECT ?qualification ?job WHERE { ?qualification a cb:Qualification ; cb:jobProfile ?job }""")

#: Retired ids: the IRI an item had before, deprecated and replaced by the item's own.
_RENAMED = query("""\
SELECT ?former ?item WHERE { ?former <http://www.w3.org/2002/07/owl#deprecated> true ; dcterms:isReplacedBy ?item }""")


@dataclass(frozen=True)
class CompetenceItem:
    """One competence statement of a qualification or job profile."""

    id: str
    owner: str
    text: str
    kind: str
    code: str | None
    esco_skills: frozenset[str]


@dataclass(frozen=True)
class OfficialMapping:
    """One row of an official mapping table about an item: its SKOS relation to an ESCO concept, and the table."""

    predicate: str
    target: str
    target_label: str
    source: str  # the table, its author and date, and the lines, as a person cites them


@dataclass(repr=False, slots=True)
class Item(Shown):
    """A translatable item with everything the signals look at (slotted: a table holds tens of thousands)."""

    id: str
    kind: str
    region: str | None
    label: str
    alt_labels: list[str] = field(default_factory=list)
    hidden_labels: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    eqf: set[int] = field(default_factory=set)
    code: str | None = None
    qualification_type: str | None = None
    definition: str | None = None
    esco: set[str] = field(default_factory=set)
    isco: set[str] = field(default_factory=set)
    competences: list[CompetenceItem] = field(default_factory=list)
    #: For a job profile without competences of its own: the qualifications (of its side) that prepare
    #: for it, whose competences it borrows. Empty when the competences are the item's own.
    competences_from: list[str] = field(default_factory=list)
    #: For a qualification: the job profiles of its side it prepares for (``cb:jobProfile``), by id.
    job_profiles: list[str] = field(default_factory=list)
    #: The official mapping table rows about the item (filled by ``Bridge.item`` when tables are loaded).
    official: list[OfficialMapping] = field(default_factory=list)
    #: For free text anchored through its Dutch reading (the term layer's: ``mecanicien`` read as ``monteur``):
    #: that reading, which names its ESCO occupations where the text as written names none.
    read_as: str | None = None

    @property
    def labels(self) -> list[str]:
        """Preferred label first, then alternative and hidden labels."""
        return [self.label, *self.alt_labels, *self.hidden_labels]

    def to_ref(self) -> dict[str, Any]:
        """The JSON form used in translations and gap reports."""
        return {"id": self.id, "label": self.label, "kind": self.kind, "region": self.region,
                "level": self.levels[0] if len(self.levels) == 1 else (self.levels or None)}


def _eqf_number(iri: str) -> int | None:
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if iri.startswith("http://data.europa.eu/snb/eqf/") and tail.isdigit() else None


@dataclass
class ItemTable:
    """Every translatable item of a graph, by id, plus competences by id."""

    items: dict[str, Item]
    competences: dict[str, CompetenceItem]
    #: The ids items had in earlier releases, each with the item's id now (``former_ids`` in the curated data).
    renamed: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, graph: Graph) -> ItemTable:
        """Read the table with four SPARQL queries."""
        items: dict[str, Item] = {}
        esco_occupations: set[str] = set()
        shared: dict[str, str] = {}  # one string for each region, level and ISCO code, however many items have it
        for row in select_values(graph, _ITEMS):
            item_id = compress(str(row.item))
            type_ = compress(str(row.type))
            kind = KINDS[type_]
            if type_ == "esco:Occupation":
                esco_occupations.add(item_id)
            item = items.get(item_id)
            if item is None:
                region = shared.setdefault(row.region, row.region) if row.region else None
                item = items[item_id] = Item(item_id, kind, region, item_id)
            if row.level is not None and (level := compress(str(row.level))) not in item.levels:
                item.levels.append(shared.setdefault(level, level))
            if row.eqf is not None and (number := _eqf_number(str(row.eqf))) is not None:
                item.eqf.add(number)
            if row.notation is not None and kind != "qualification-type":
                item.code = str(row.notation)
            if row.qtype is not None:
                item.qualification_type = compress(str(row.qtype))
            if row.definition is not None:
                item.definition = str(row.definition)
        for row in select_values(graph, _LABELS):
            item = items.get(compress(str(row.item)))
            if item is None:
                continue
            text, role = str(row.label), str(row.role)
            if role == "pref":
                item.label = text
            elif role == "alt":
                item.alt_labels.append(text)
            else:
                item.hidden_labels.append(text)
        for row in select_values(graph, _ANCHORS):
            item = items.get(compress(str(row.item)))
            if item is None:
                continue
            if row.esco is not None:
                item.esco.add(compress(str(row.esco)))
            if row.isco is not None:
                code = str(row.isco).rsplit("/C", 1)[-1]
                item.isco.add(shared.setdefault(code, code))
        for item in items.values():
            if item.id in esco_occupations:
                item.esco.add(item.id)  # an ESCO occupation is its own anchor
            if not item.eqf:  # most items: one shared empty set that cannot change, not 216 bytes each
                item.eqf = cast(set[int], _NO_EQF)
            item.alt_labels.sort()
            item.hidden_labels.sort()
            item.levels.sort()
        competences: dict[str, CompetenceItem] = {}
        skills: dict[str, set[str]] = defaultdict(set)
        rows = list(select_values(graph, _COMPETENCES))
        for row in rows:
            if row.skill is not None:
                skills[compress(str(row.competence))].add(compress(str(row.skill)))
        for row in rows:
            competence_id = compress(str(row.competence))
            if competence_id in competences:
                continue
            owner = compress(str(row.owner))
            competence = CompetenceItem(competence_id, owner, str(row.text), str(row.kind),
                                        str(row.code) if row.code is not None else None,
                                        frozenset(skills.get(competence_id, ())))
            competences[competence_id] = competence
            if owner in items:
                items[owner].competences.append(competence)
        for item in items.values():
            item.competences.sort(key=lambda c: c.id)
        _listed_competences(competences, graph)
        _link_job_profiles(items, graph)
        _share_common_values(items.values())
        renamed = {compress(str(row.former)): compress(str(row.item)) for row in select_values(graph, _RENAMED)}
        return cls(items, competences, {former: now for former, now in sorted(renamed.items()) if now in items})

    @property
    def rename(self) -> Callable[[str], str] | None:
        """:meth:`current_id` when some item had another id before, else None (nothing to rename)."""
        return self.current_id if self.renamed else None

    def current_id(self, some_id: str) -> str:
        """*some_id* as the data names it now: a former id of an item becomes the item's id, and so does the
        start of a competence id under it (``nl:kd-x.w01`` → ``nl:crebo-1.w01``); any other id is kept."""
        if some_id in self.renamed:
            return self.renamed[some_id]
        owner, dot, rest = some_id.rpartition(".")
        return f"{self.renamed[owner]}.{rest}" if dot and owner in self.renamed else some_id

    def on_side(self, region: str, kinds: set[str] | None = None) -> list[Item]:
        """Items of one region (ESCO occupations, which have none, count as Dutch-language targets for NL)."""
        found = []
        for item in self.items.values():
            if kinds is not None and item.kind not in kinds:
                continue
            if item.region == region or (item.kind == "occupation" and item.region is None and region == "NL"):
                found.append(item)
        return found


def _share_common_values(items: Iterable[Item]) -> None:
    """Let the items share what many hold alike: one unchangeable empty list for each empty list field, and one
    set for each single ISCO code (an ESCO occupation's one group; 216 bytes a set, 10 MB at a million triples).
    A shared set is a frozenset (equal to the set, iterated alike): changing it raises, never reaches another."""
    singles: dict[str, frozenset[str]] = {}
    for item in items:
        for name in ("hidden_labels", "levels", "competences", "competences_from", "job_profiles", "official"):
            if not getattr(item, name):
                setattr(item, name, _NONE_LISTED)
        if len(item.isco) == 1:
            (code,) = item.isco
            item.isco = cast(set[str], singles.setdefault(code, frozenset(item.isco)))
        elif not item.isco:
            item.isco = cast(set[str], _NO_ISCO)


def _listed_competences(competences: dict[str, CompetenceItem], graph: Graph) -> None:
    """Add the competences a classification lists on their own (no qualification or job profile has them)."""
    found: Any = select_values(graph, _LISTED_COMPETENCES)
    rows = [row for row in found if compress(str(row.competence)) not in competences]
    skills: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.skill is not None:
            skills[compress(str(row.competence))].add(compress(str(row.skill)))
    for row in rows:
        competence_id = compress(str(row.competence))
        if competence_id not in competences:
            competences[competence_id] = CompetenceItem(
                competence_id, compress(str(row.scheme)), str(row.text), str(row.kind),
                str(row.code) if row.code is not None else None, frozenset(skills.get(competence_id, ())))


def _link_job_profiles(items: dict[str, Item], graph: Graph) -> None:
    """Link each qualification to the job profiles of its side it prepares for, and give a job profile without
    competences those of these qualifications.

    What a job asks is approximated by what its qualifications teach; ``competences_from`` says so,
    and the gap report and the explanations name those qualifications.
    """
    preparing: dict[str, list[str]] = defaultdict(list)
    for row in select_values(graph, _PREPARES):
        preparing[compress(str(row.job))].append(compress(str(row.qualification)))
    for job_id, qualification_ids in sorted(preparing.items()):
        job = items.get(job_id)
        if job is None or job.kind != "job-profile":
            continue
        sources = sorted(q for q in set(qualification_ids) if q in items and items[q].region == job.region)
        for qualification_id in sources:
            items[qualification_id].job_profiles.append(job_id)
        sources = [q for q in sources if items[q].competences]
        if job.competences:
            continue
        seen: dict[str, CompetenceItem] = {}
        for qualification_id in sources:
            for competence in items[qualification_id].competences:
                seen.setdefault(competence.id, competence)
        job.competences = sorted(seen.values(), key=lambda c: c.id)
        job.competences_from = sources
