"""Chains through ESCO: a Flemish occupation → ESCO occupation → Dutch occupation, from official tables.

The official mapping tables (imported with :mod:`competence_bridge.importers.esco_mapping`) link
national concepts to ESCO: VDAB Competent to ESCO, UWV to ESCO. Two rows that meet in one ESCO
concept make a chain from one side of the border to the other::

    vdab:OP-410 --narrowMatch--> esco:inspiciënt --exactMatch--> uwv:Inspiciënt
    (BLM_mapping.csv, lines 18-19)            (NL_mapping.csv, line …)

A curated item with an ESCO anchor can start a chain too (its anchor is the first hop, taken as
``skos:closeMatch`` with the ``anchor_confidence`` of the settings; for free text that is the name of one
occupation, ``skos:exactMatch``), and so can an ESCO occupation itself (one hop). Every hop reads
*subject → object* in SKOS terms.

**Composing relations.** The relation of a chain is its hops' relations composed pairwise,
left to right (:data:`COMPOSITION`, the rules of :func:`competence_bridge.vocabulary.compose`)::

    a ∘ b        exact    close    broad    narrow   related
    exact        exact    close    broad    narrow   related
    close        close    close    broad    narrow   related
    broad        broad    broad    broad    related  related
    narrow       narrow   narrow   related  narrow   related
    related      related  related  related  related  related

``exactMatch`` is neutral; ``closeMatch`` keeps the other relation (two close hops stay close, their
confidences multiply); two hops the same way up or down stay broad or narrow (SKOS broader and
narrower are transitive in meaning); ``broad ∘ narrow`` (two concepts under one broader ESCO
concept) and ``narrow ∘ broad`` (two concepts sharing one narrower ESCO concept) only say
"related", and anything with a related hop is related at best.

**Confidence.** A hop's confidence is the settings' ``hop_confidence`` of its relation (or
``anchor_confidence``); a chain's is the product of its hops', at most the ``chain_cap`` of its
composed relation; chains below ``minimum_confidence`` are dropped. The numbers live in
``taxonomies/matching.yaml`` (section ``crosswalk``, :class:`~competence_bridge.curated.models.CrosswalkSettings`).

**Explanations** name, per hop, the table, its author and date and the lines the row stands on,
in Dutch and in English; :meth:`Chain.to_mapping` gives the chain as an SSSOM mapping with
``semapv:MappingChaining``, its ``other`` listing the rows it came from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from competence_bridge.curated.matching_settings import CrosswalkSettings
from competence_bridge.matching.crosswalk_links import (
    Link,
    RowMemory,
    TableRef,
    esco_labels_from_graph,
    links_from_graph,
    links_from_mapping_sets,
)
from competence_bridge.matching.results import Hop, the_text
from competence_bridge.vocabulary import CLOSE, EXACT, OTHER_SIDE, PREDICATES, compose, invert

if TYPE_CHECKING:
    from rdflib import Graph

    from competence_bridge.rdf.queries import Queries
    from competence_bridge.sssom.mapping import Mapping, MappingSet

#: The relation of a two-hop chain, for every pair of hop relations (see the module docstring).
COMPOSITION: dict[tuple[str, str], str] = {(a, b): compose(a, b) for a in PREDICATES for b in PREDICATES}

#: How a relation reads between two named concepts, subject first.
RELATION_WORDS = {
    "nl": {"skos:exactMatch": "komt exact overeen met", "skos:closeMatch": "komt nagenoeg overeen met",
           "skos:broadMatch": "is enger dan", "skos:narrowMatch": "is ruimer dan",
           "skos:relatedMatch": "is verwant aan"},
    "en": {"skos:exactMatch": "is an exact match for", "skos:closeMatch": "is a close match for",
           "skos:broadMatch": "is narrower than", "skos:narrowMatch": "is broader than",
           "skos:relatedMatch": "is related to"},
}
_CONCEPT_NAMES = {
    "nl": {"vdab:OP": "VDAB Competent-beroep", "vdab": "VDAB Competent-competentie", "uwv": "UWV-beroep",
           "esco-occupation": "ESCO-beroep", "esco-skill": "ESCO-vaardigheid", "isco": "ISCO-groep"},
    "en": {"vdab:OP": "VDAB Competent occupation", "vdab": "VDAB Competent competence", "uwv": "UWV occupation",
           "esco-occupation": "ESCO occupation", "esco-skill": "ESCO skill", "isco": "ISCO group"},
}


def default_settings() -> CrosswalkSettings:
    """The crosswalk settings of the shipped taxonomies."""
    from competence_bridge.curated.taxonomy import load_shipped  # read only when no settings are given

    return load_shipped().crosswalk[-1]


@dataclass(frozen=True)
class ChainHop:
    """One step of a chain, subject → object, with its source and explanation in both languages."""

    subject: str
    subject_label: str
    object: str
    object_label: str
    predicate: str
    confidence: float
    table: TableRef | None  # None for a curated item's own ESCO anchor (or the one free text names)
    lines: tuple[int, ...]
    named: int = 1  # free text: how many occupations ESCO gives its name (this hop counts 1/named)
    read_as: str | None = None  # free text anchored through its Dutch reading (``Item.read_as``)

    def explain(self, lang: str = "nl") -> str:
        """One sentence: the two concepts, their relation and where the row stands."""
        nl = lang == "nl"
        said = (f"{_name(self.subject, self.subject_label, lang)} {RELATION_WORDS[lang][self.predicate]} "
                f"{_name(self.object, self.object_label, lang)} ({self.predicate})")
        text = the_text(self.read_as)[0 if nl else 1]
        if self.table is None and self.named > 1:
            source = (f"{text} is in ESCO een naam van {self.named} beroepen, dit is er één van" if nl
                      else f"in ESCO {text} names {self.named} occupations, this is one of them")
        elif self.table is None and self.subject.startswith("text:"):  # free text anchored by the ESCO label it is
            source = f"{text} is een naam van dit beroep in ESCO" if nl else f"{text} is a name of it in ESCO"
        elif self.table is None:
            source = ("eigen ESCO-anker in de gecureerde taxonomie" if nl
                      else "its own ESCO anchor in the curated taxonomy")
        else:
            source = self.table.cite(self.lines, lang)
        return f"{said}: {source}."

    def to_hop(self) -> Hop:
        """The hop as :class:`~competence_bridge.matching.results.Hop` (for translation results), explained in
        Dutch and English."""
        return Hop(self.subject, self.object, self.predicate, self.confidence, self.explain("nl"), self.explain("en"))


@dataclass(frozen=True)
class Chain:
    """A path from a concept on one side through ESCO to a concept on the other side."""

    subject: str
    subject_label: str
    subject_category: str | None
    target: str
    target_label: str
    target_category: str | None
    target_region: str
    hops: tuple[ChainHop, ...]
    predicate: str
    confidence: float
    target_version: str | None = None

    @property
    def via(self) -> tuple[str, ...]:
        """The ESCO concepts the chain passes through."""
        return tuple(hop.object for hop in self.hops[:-1])

    def explanation(self, lang: str = "nl") -> tuple[str, ...]:
        """One line per hop, then how the relation and the confidence follow from them."""
        nl = lang == "nl"
        lines = [hop.explain(lang) for hop in self.hops]
        relations = " ∘ ".join(hop.predicate for hop in self.hops)
        product = " × ".join(f"{hop.confidence:.2f}" for hop in self.hops)
        if len(self.hops) > 1:
            capped = (", begrensd" if nl else ", capped") if self._capped else ""
            lines.append(f"{'Samengesteld' if nl else 'Composed'}: {relations} = {self.predicate}; "
                         f"{'betrouwbaarheid' if nl else 'confidence'} {self.confidence:.2f} ({product}{capped}).")
        return tuple(lines)

    @property
    def _capped(self) -> bool:
        product = 1.0
        for hop in self.hops:
            product *= hop.confidence
        return self.confidence < product - 1e-9

    explanation_nl = property(lambda self: self.explanation("nl"), doc="The explanation in Dutch (what users read).")
    explanation_en = property(lambda self: self.explanation("en"), doc="The explanation in English.")

    def rows(self) -> tuple[str, ...]:
        """The table rows the chain stands on, as ``file:line,line``."""
        return tuple(f"{hop.table.file or hop.table.mapping_set_id}:{','.join(map(str, hop.lines))}"
                     for hop in self.hops if hop.table is not None)

    def to_hops(self) -> tuple[Hop, ...]:
        """The hops as :class:`~competence_bridge.matching.results.Hop` (for translation results)."""
        return tuple(hop.to_hop() for hop in self.hops)

    def other_fields(self) -> dict[str, str]:
        """What the SSSOM mapping of the chain says in ``other``: the concepts it passes, its hops' relations and
        confidences, the rows and mapping sets it stands on, and the anchor it starts from (if any)."""
        sets = dict.fromkeys(hop.table.mapping_set_id for hop in self.hops if hop.table is not None)
        other = {
            "chain": " > ".join([self.subject, *(hop.object for hop in self.hops)]),
            "hop_predicates": ",".join(hop.predicate for hop in self.hops),
            "hop_confidences": ",".join(f"{hop.confidence:.3f}" for hop in self.hops),
            "rows": ";".join(self.rows()),
            "mapping_sets": " ".join(sets),
        }
        if self.hops and self.hops[0].table is None:
            other["anchor"] = self.hops[0].object
        return {key: value for key, value in other.items() if value}

    def to_mapping(self) -> Mapping:
        """The chain as one SSSOM mapping (``semapv:MappingChaining``), its rows and hops in ``other``."""
        from competence_bridge.sssom.mapping import Mapping  # the SSSOM model: for exports, not for translating

        return Mapping(
            subject_id=self.subject, subject_label=self.subject_label, subject_category=self.subject_category,
            predicate_id=self.predicate,  # type: ignore[arg-type]
            object_id=self.target, object_label=self.target_label, object_category=self.target_category,
            mapping_justification="semapv:MappingChaining", confidence=round(self.confidence, 4),
            object_source_version=self.target_version, comment=" ".join(self.explanation("nl")),
            other="|".join(f"{key}={value}" for key, value in self.other_fields().items()))

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"subject": self.subject, "subject_label": self.subject_label, "target": self.target,
                "target_label": self.target_label, "target_region": self.target_region,
                "predicate": self.predicate, "confidence": round(self.confidence, 4), "via": list(self.via),
                "hops": [{"subject": h.subject, "object": h.object, "predicate": h.predicate,
                          "confidence": round(h.confidence, 4), "rows": list(h.lines),
                          "table": h.table.title if h.table else None, "explanation": h.explain("nl"),
                          "explanation_en": h.explain("en")} for h in self.hops],
                "explanation": list(self.explanation("nl")), "explanation_en": list(self.explanation("en"))}


def _name(concept: str, label: str, lang: str) -> str:
    names = _CONCEPT_NAMES[lang]
    prefix, _, local = concept.partition(":")
    kind = names.get(f"{prefix}:{local[:2]}") or names.get(prefix)
    code = f" ({local})" if prefix in ("vdab", "uwv") else ""
    return f"{kind} '{label}'{code}" if kind else f"'{label}' ({concept})"


class ChainIndex:
    """Official links by national concept and by ESCO concept; chains on request (see the module docstring)."""

    def __init__(self, links: Iterable[Link], settings: CrosswalkSettings | None = None,
                 esco_labels: dict[str, str] | None = None) -> None:
        self.settings = settings if settings is not None else default_settings()
        #: Labels of ESCO concepts from a loaded ESCO (Dutch); else each chain names its ESCO concept as
        #: the table of its first hop does (NL_mapping.csv names ESCO mostly in English).
        self.esco_labels = dict(esco_labels or {})
        self._by_national: dict[str, list[Link]] = defaultdict(list)
        self._by_esco: dict[str, list[Link]] = defaultdict(list)
        for link in sorted(links, key=lambda link: (link.table.mapping_set_id, link.national, link.esco,
                                                    link.predicate)):
            self._by_national[link.national].append(link)
            self._by_esco[link.esco].append(link)

    @classmethod
    def from_mapping_sets(cls, sets: Iterable[MappingSet], settings: CrosswalkSettings | None = None) -> ChainIndex:
        """The index of the official rows in *sets* (positive, manually curated, national → ESCO)."""
        return cls(links_from_mapping_sets(sets), settings)

    @classmethod
    def from_graph(cls, graph: Graph | Queries, settings: CrosswalkSettings | None = None) -> ChainIndex:
        """The index of every official table loaded into *graph* (its SSSOM/RDF mapping sets; an rdflib graph or
        :class:`~competence_bridge.rdf.queries.Queries`).

        Two SPARQL queries: the official rows, and the Dutch labels of ESCO occupations when ESCO is loaded.
        """
        return cls(links_from_graph(graph), settings, esco_labels_from_graph(graph))

    @classmethod
    def around(cls, graph: Graph | Queries, subject: str, *, anchors: Iterable[str] = (),
               settings: CrosswalkSettings | None = None, memory: RowMemory | None = None) -> ChainIndex:
        """An index of just the rows :meth:`chains` needs for *subject* (and *anchors*): for one cold lookup.

        Small queries instead of reading every table: the subject's own rows (a national concept's only), then every
        row of the ESCO concepts they (or the anchors, or the subject itself) reach, and those concepts' labels.
        *memory* (of *graph*) remembers what earlier lookups read: a session asks only about concepts it has not met.
        """
        memory = RowMemory(graph) if memory is None else memory
        own = memory.own(subject)
        pivots = [*(link.esco for link in own), *anchors, subject]
        return cls(dict.fromkeys([*own, *memory.reaching(pivots)]), settings, memory.labels(pivots))

    def __len__(self) -> int:
        return sum(len(links) for links in self._by_national.values())

    def official(self, concept: str) -> list[Link]:
        """The official rows of a national concept (to ESCO), or those reaching an ESCO concept."""
        return list(self._by_national.get(concept) or self._by_esco.get(concept) or ())

    def chains(self, subject: str, to_region: str | None = None, *, anchors: Iterable[str] = (),
               subject_label: str | None = None, subject_category: str | None = None,
               best_per_target: bool = False, named: int = 1, read_as: str | None = None) -> list[Chain]:
        """Every chain from *subject* to a concept of *to_region*, best first.

        *subject* is a national concept of a loaded table, an ESCO concept, or any item whose ESCO
        anchors are given as *anchors* (CURIEs, e.g. a curated job profile's). *to_region*
        defaults to the other side of a national concept's region. With *best_per_target*, only
        the best chain to each target is kept. *named*: free text whose name ESCO gives that many occupations
        (its *anchors*); a hop into one of them counts 1/*named* of ``anchor_confidence``. *read_as*: the Dutch
        reading through which free text names them (``Item.read_as``), said on that hop.
        """
        own = self._by_national.get(subject, [])
        region = own[0].region if own else None
        if to_region is None:
            if region is None:
                raise ValueError(f"say to_region for {subject!r}: it is not a national concept of a loaded table")
            to_region = OTHER_SIDE[region]
        side = OTHER_SIDE[to_region]
        label = subject_label or (own[0].national_label if own else None) or self._esco_label(subject, side) or subject
        category = subject_category or (own[0].category if own else None)
        settings = self.settings
        starts: list[ChainHop | None] = []  # the hop into ESCO; None when the subject is an ESCO concept
        for link in own:
            esco_label = self.esco_labels.get(link.esco, link.esco_label)
            starts.append(ChainHop(subject, label, link.esco, esco_label, link.predicate,
                                   settings.hop_confidence[link.predicate], link.table, link.lines))
        # A curated anchor is the curator's closest ESCO occupation (close); free text that is the name of one
        # occupation is that occupation (exact), as the translation's own candidate for it says.
        anchored = EXACT if subject.startswith("text:") and named == 1 else CLOSE
        for anchor in dict.fromkeys(anchors):  # an ESCO concept is its own start (below), not its own anchor
            if anchor != subject and anchor in self._by_esco and anchor not in {hop.object for hop in starts if hop}:
                starts.append(ChainHop(subject, label, anchor, self._esco_label(anchor, side) or anchor, anchored,
                                       settings.anchor_confidence / named, None, (), named, read_as))
        if subject in self._by_esco and not own:
            starts.append(None)
        found: list[Chain] = []
        for start in starts:
            pivot = start.object if start else subject
            pivot_label = start.object_label if start else label
            for link in self._by_esco.get(pivot, ()):
                if link.region != to_region or link.national == subject:
                    continue
                second = ChainHop(pivot, pivot_label, link.national, link.national_label,
                                  invert(link.predicate), settings.hop_confidence[link.predicate], link.table,
                                  link.lines)
                hops = (start, second) if start else (second,)
                chain = self._chain(subject, label, category, link, hops)
                if chain.confidence >= settings.minimum_confidence:
                    found.append(chain)
        found.sort(key=lambda c: (-c.confidence, PREDICATES.index(c.predicate), c.target_label, c.target, c.via))
        if best_per_target:
            seen: set[str] = set()
            found = [c for c in found if not (c.target in seen or seen.add(c.target))]  # type: ignore[func-returns-value]
        return found

    def _chain(self, subject: str, label: str, category: str | None, link: Link, hops: tuple[ChainHop, ...]) -> Chain:
        predicate = hops[0].predicate
        confidence = hops[0].confidence
        for hop in hops[1:]:
            predicate = COMPOSITION[(predicate, hop.predicate)]
            confidence *= hop.confidence
        confidence = min(confidence, self.settings.chain_cap.get(predicate, 1.0))  # type: ignore[call-overload]
        return Chain(subject, label, category, link.national, link.national_label, link.category, link.region, hops,
                     predicate, confidence, link.national_version)

    def _esco_label(self, concept: str, side: str) -> str | None:
        """A loaded ESCO's Dutch label, else the label the table of *side* gives, else any table's."""
        if concept in self.esco_labels:
            return self.esco_labels[concept]
        links = self._by_esco.get(concept, ())
        return next((link.esco_label for link in links if link.region == side),
                    links[0].esco_label if links else None)
