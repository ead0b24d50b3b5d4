"""Official crosswalk chains as translation candidates, merged into what the signals found.

A chain through ESCO built from the employment services' own tables (see
:mod:`competence_bridge.matching.chains`) is evidence of another order than a lexical guess: it
ranks above every guess from names alone, and competes by confidence with candidates that have evidence
beyond their names; an accepted review decision beats both (:func:`rank`). When the signals found the
same target, the chain's relation and confidence stand and the signals' explanation follows the chain's (its
confidence line said as the signals' alone, without the official mapping).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from competence_bridge.language.text import normalize
from competence_bridge.matching.breakdown import SIGNALS_HEAD
from competence_bridge.matching.results import Candidate, Translation, compare_levels
from competence_bridge.rdf.items import Item, ItemTable, OfficialMapping
from competence_bridge.rdf.queries import query
from competence_bridge.rdf.sparql import queries_of
from competence_bridge.vocabulary import CLOSE, EXACT, PREDICATES

if TYPE_CHECKING:
    from rdflib import Graph

    from competence_bridge.curated.matching_settings import CrosswalkSettings
    from competence_bridge.matching.chains import Chain, ChainHop
    from competence_bridge.matching.crosswalk_links import RowMemory
    from competence_bridge.rdf.queries import Queries

#: Finds the official chains from an item to a region: (item, region) → chains, best first.
ChainLookup = Callable[[Item, str], "list[Chain]"]

#: The signal name an official chain adds to a candidate.
OFFICIAL = "official"
#: The flag of a chain that starts from free text ESCO gives as the name of several occupations: its first hop is
#: one reading of the name among those, so the chain does not put guesses from names below it (:func:`rank`).
SHARED_NAME = "shared-name"


def graph_chains(graph: Graph | Queries | Callable[[], Graph | Queries],
                 settings: CrosswalkSettings | Callable[[], CrosswalkSettings | None] | None = None, *,
                 national: Callable[[], bool] | None = None) -> ChainLookup:
    """A lookup that reads just the rows one item needs from *graph* (a few small queries per call, only about
    concepts no earlier call asked for: :class:`~.crosswalk_links.RowMemory`): an rdflib graph, or
    :class:`~competence_bridge.rdf.queries.Queries` (a store read with pyoxigraph alone, without rdflib).

    Without national occupations in the graph (no official table loaded) it answers nothing at once: *national*
    says whether there are any (default: ask the graph). *graph* and *settings* may be callables, asked only when
    there are rows to chain, so a translation over a graph without official tables need not open the graph.
    """
    loaded: list[bool] = []
    chosen: list[CrosswalkSettings | None] = []
    opened: list[Queries] = []
    memory: list[RowMemory] = []

    def the_graph() -> Queries:
        if not opened:
            opened.append(queries_of(graph() if callable(graph) else graph))
        return opened[0]

    def lookup(item: Item, to: str) -> list[Chain]:
        if not loaded:
            loaded.append(national() if national is not None else bool(
                the_graph().select(query("SELECT ?occupation WHERE { ?occupation a cb:Occupation } LIMIT 1"))))
        if not loaded[0]:
            return []
        if not chosen:
            chosen.append(settings() if callable(settings) else settings)
        from competence_bridge.matching.chains import ChainIndex  # the SSSOM machinery: only with official tables
        from competence_bridge.matching.crosswalk_links import RowMemory

        if not memory:
            memory.append(RowMemory(the_graph()))
        anchors = sorted(item.esco)
        index = ChainIndex.around(the_graph(), item.id, anchors=anchors, settings=chosen[0], memory=memory[0])
        if not len(index):
            return []
        return index.chains(item.id, to, anchors=anchors, subject_label=item.label, subject_category=item.kind,
                            best_per_target=True, named=len(anchors) if item.kind == "text" and anchors else 1,
                            read_as=item.read_as)

    return lookup


def has_national_occupations(table: ItemTable) -> bool:
    """True when *table* holds concepts of a national classification (``cb:Occupation``: VDAB's, UWV's), the
    targets of the official chains; an ESCO occupation is its own anchor, a national concept is not."""
    return any(item.kind == "occupation" and item.id not in item.esco for item in table.items.values())


def official_mappings(graph: Graph, concept: str) -> list[OfficialMapping]:
    """The official table rows of a national concept (VDAB, UWV), each with its table cited."""
    from competence_bridge.matching.chains import ChainIndex

    index = ChainIndex.around(graph, concept)
    found = []
    for link in index.official(concept):
        table = link.table
        who = ", ".join(str(part) for part in (table.author, table.date) if part)
        lines = f", {table.file or ''}:{','.join(map(str, link.lines))}" if link.lines else ""
        found.append(OfficialMapping(link.predicate, link.esco, index.esco_labels.get(link.esco, link.esco_label),
                                     f"{table.title}{f' ({who})' if who else ''}{lines}"))
    return found


def chain_candidate(chain: Chain, source: Item, target: Item) -> Candidate:
    """The chain as a candidate: its relation, confidence, hops, rows and explanation (both languages)."""
    provenance = chain.other_fields()
    return Candidate(target, chain.predicate, chain.confidence, "semapv:MappingChaining",
                     {OFFICIAL: chain.confidence}, chain.explanation("nl"), chain.explanation("en"),
                     compare_levels(source, target), chain.to_hops(),
                     flags=(SHARED_NAME,) if chain.hops and chain.hops[0].named > 1 else (),
                     provenance=tuple((key, provenance[key]) for key in ("chain", "rows", "mapping_sets")
                                      if key in provenance))


def is_official(candidate: Candidate) -> bool:
    """True for a candidate that an official chain stands behind."""
    return OFFICIAL in candidate.signals


def _standing(candidates: Iterable[Candidate]) -> bool:
    """Whether an official chain among *candidates* puts the guesses from names alone below it: one that does not
    start from a name ESCO gives several occupations (:data:`SHARED_NAME`; such a chain is a reading of the name)."""
    return any(is_official(c) and SHARED_NAME not in c.flags for c in candidates)


#: Evidence beyond names: a shared ESCO anchor, aligned competences, a recognition. Where official chains are
#: listed, a candidate with one of them competes with the chains by confidence; one with names alone (words, the
#: term layer, search) ranks below every chain, unless it bears the source's own name (:func:`bears_the_name`).
BEYOND_NAMES = frozenset({"esco", "structure", "recognition"})


def rank(candidates: Sequence[Candidate], *, below: Callable[[Candidate], bool] | None = None,
         source: Item | None = None) -> list[Candidate]:
    """Accepted reviews first; then by confidence (where it ties: the higher confidence before a calibration among
    the others of the list (``Candidate.before``), then an item of the side asked for before an ESCO
    concept, then the candidate more kinds of evidence fully agree on (:func:`agreeing`), then the stronger relation
    (exact, close, broad, narrow, related), then a chain, then the evidence's own score); where official chains are
    listed, the guesses from names alone come after all the rest.

    Official chains rank above lexical guesses, but not above a curated counterpart that shares the source's ESCO
    anchor: for *Lasser*, the curated Dutch *Lasser* (exactMatch 1.00, same ESCO occupation) comes before the UWV
    occupation *Onderpoeder lasoperator* that a chain reaches (narrowMatch 0.56).

    A candidate that bears the name of *source* (:func:`bears_the_name`) is no guess: typed ``kok`` to Flanders, the
    VDAB occupation *Kok* (closeMatch 0.86) stood fourth, below three chains' narrowMatch 0.56; VDAB's
    *Interieurbouwer* listed UWV's *Interieurbouwer* (closeMatch 0.86) below every chain, *Keukenmonteur* first.

    *below* says instead which candidates go after the rest (:func:`rank_lists`: several lists as one)."""
    if below is None:
        chains = _standing(candidates)
        names = _names(source)
        below = (lambda c: _guess(c) and not _bears(names, source, c)) if chains else _never

    def key(c: Candidate) -> tuple[bool, bool, float, float, bool, int, int, bool, float, str]:
        return (c.review != "accepted", below(c), -c.confidence, -(c.confidence if c.before is None else c.before),
                c.target.region is None, -agreeing(c), _RELATION_ORDER.get(c.predicate, len(PREDICATES)),
                not is_official(c), -c.strength, c.target.id)

    return bridges_after_answers(_guesses_said(sorted(candidates, key=key), below))


#: The kinds of evidence :func:`agreeing` counts, each as the signals that carry it (a name: by its words or by
#: the term layer).
EVIDENCE_KINDS = (("lexical", "terms"), ("esco",), ("isco",), ("structure",), ("recognition",), (OFFICIAL,))


#: A relation's place, strongest first: at equal confidence a target that holds the source (broadMatch: VDAB's
#: *Kapper* → UWV's *Dames- en herenkapper*, 0.70) goes before one the source holds (narrowMatch: *Afrokapper*, 0.70),
#: which before came first by its id.
_RELATION_ORDER: dict[str, int] = {predicate: place for place, predicate in enumerate(PREDICATES)}


def agreeing(candidate: Candidate) -> int:
    """How many kinds of evidence fully agree on *candidate* (a signal at 1.0 or more; each kind counted once).

    Breaks a tie of confidences, which is most common at the ceiling: *systeembeheerder* reached the UWV
    *Databasebeheerder* through one chain (VDAB's table maps its Systeembeheerder exactly to ESCO's *database
    administrator*), exactMatch 1.00, and the curated Dutch *Systeembeheerder* (the same name, ESCO occupation and
    ISCO group), exactMatch 1.00; the chain came first, because a chain went first on any tie."""
    return sum(any(candidate.signals.get(name, 0.0) >= 1.0 for name in names) for names in EVIDENCE_KINDS)


def rank_lists(lists: Sequence[Sequence[Candidate]]) -> list[Candidate]:
    """Several translations' candidates as one ranking, each target once (its most confident candidate; at equal
    confidence the one its own list does not put below): a guess from names alone goes after the rest only when
    official chains were listed with it, in its own list.

    A qualification's jobs are its job profiles' counterparts, each as ``translate`` of that job profile ranks them,
    and the occupations a chain reaches from the qualification's own ESCO anchor. Ranked as one list, the guess
    rule let those chains push a job profile's counterpart out: *HBO5 Verpleegkunde* listed five UWV occupations
    (one a marine's sailor, closeMatch 0.68) and not *Mbo-verpleegkundige* (closeMatch 0.95), the first answer of
    ``translate`` of its job profile, which lists no chain."""
    best: dict[str, Candidate] = {}
    demoted: set[str] = set()  # the targets whose kept candidate is a guess listed with chains
    for found in lists:
        chains = _standing(found)
        for candidate in found:
            target = candidate.target.id
            known = best.get(target)
            guess = chains and _guess(candidate)
            if known is None or candidate.confidence > known.confidence or (
                    candidate.confidence == known.confidence and target in demoted and not guess):
                best[target] = candidate
                if guess:
                    demoted.add(target)
                else:
                    demoted.discard(target)
    return rank(list(best.values()), below=lambda c: c.target.id in demoted)


def bears_the_name(source: Item | None, candidate: Candidate) -> bool:
    """Whether *candidate*'s target bears the name of *source*: free text that is one of its names, or an item one
    of whose own names is one of the names of an item of the other side (not an ESCO concept, whose many alternative
    labels are no counterpart's name: ESCO's *draaier* is also called *bankwerker*); the same lookup key as the
    resolver's (:func:`~competence_bridge.language.text.normalize`: case, accents and separators aside)."""
    return _bears(_names(source), source, candidate)


def _names(source: Item | None) -> frozenset[str]:
    """The lookup keys of *source*'s names (free text has its one label)."""
    return frozenset(normalize(label) for label in source.labels) if source is not None else frozenset()


def _bears(names: frozenset[str], source: Item | None, candidate: Candidate) -> bool:
    """:func:`bears_the_name`, with the keys of *source*'s names given."""
    if source is None or (source.kind != "text" and candidate.target.region is None):
        return False
    return any(normalize(label) in names for label in candidate.target.labels)


def _never(candidate: Candidate) -> bool:
    return False


def _guess(candidate: Candidate) -> bool:
    """Whether *candidate* is a guess from names alone: no official chain and none of :data:`BEYOND_NAMES`."""
    return not is_official(candidate) and not any(candidate.signals.get(name, 0.0) > 0 for name in BEYOND_NAMES)


#: What a guess from names alone says when a less sure candidate stands above it (official chains are listed).
GUESS_BELOW = ("Alleen op naam gevonden: staat daarom onder de officiële ketens, ook onder minder zekere.",
               "Found by its name alone: so it is listed below the official chains, even less sure ones.")


def _guesses_said(ranked: list[Candidate], below: Callable[[Candidate], bool]) -> list[Candidate]:
    """*ranked* with :data:`GUESS_BELOW` added to each guess from names alone (*below*) that a less sure candidate
    precedes (without it, *Elektrotechnisch installateur* closeMatch 1.00 stood under a chain's broadMatch 0.56
    unexplained)."""
    said: list[Candidate] = []
    lowest = math.inf
    for candidate in ranked:
        below_one = below(candidate) and candidate.review is None and lowest < candidate.confidence
        said.append(dataclasses.replace(candidate, explanation=(*candidate.explanation, GUESS_BELOW[0]),
                                        explanation_en=(*candidate.explanation_en, GUESS_BELOW[1]))
                    if below_one and GUESS_BELOW[0] not in candidate.explanation else candidate)
        lowest = min(lowest, candidate.confidence)
    return said


def bridges_after_answers(ranked: list[Candidate]) -> list[Candidate]:
    """*ranked* with each ESCO concept moved to just after the best item of the side asked for that is anchored to
    it and shares an anchor with the source: the concept is the bridge, that item the answer.

    Without the move, ESCO loaded, *Elektromecanicien* listed its own ESCO anchor *elektromechanicus* (exactMatch
    1.00) above the Dutch *Servicemonteur elektrotechniek* (exactMatch 0.86) that shares it. The concept says why
    it stands there; it keeps its confidence."""
    placed = list(ranked)
    for bridge in ranked:
        if bridge.target.region is not None or bridge.review is not None:
            continue
        where = placed.index(bridge)
        answer = next((c for c in placed[where + 1:] if c.target.region is not None and c.signals.get("esco", 0) > 0
                       and bridge.target.id in c.target.esco), None)
        if answer is None:
            continue
        placed.remove(bridge)
        named = f"{answer.target.label} ({answer.target.id})"
        nl = f"ESCO-beroep waaraan {named} gekoppeld is; die tegenhanger staat erboven."
        en = f"The ESCO occupation {named} is anchored to; that counterpart is listed above."
        moved = bridge if nl in bridge.explanation else dataclasses.replace(
            bridge, explanation=(*bridge.explanation, nl), explanation_en=(*bridge.explanation_en, en))
        placed.insert(placed.index(answer) + 1, moved)
    return placed


#: The relations by which an official row says what its national concept is in ESCO (not a bridge).
EQUIVALENT = frozenset({EXACT, CLOSE})


def row_candidate(hop: ChainHop, source: Item, target: Item) -> Candidate:
    """The ESCO concept an official table maps *source* to (the first hop of its chains), as a candidate: the
    table's relation and the hop's confidence, the row as its explanation."""
    table = hop.table
    if table is None:
        raise ValueError(f"{hop.subject} → {hop.object} is no official row (a curated or free-text anchor)")
    rows = f"{table.file or table.mapping_set_id}:{','.join(map(str, hop.lines))}"
    return Candidate(target, hop.predicate, hop.confidence, "semapv:ManualMappingCuration", {OFFICIAL: hop.confidence},
                     (hop.explain("nl"),), (hop.explain("en"),), compare_levels(source, target), (hop.to_hop(),),
                     provenance=(("rows", rows), ("mapping_sets", table.mapping_set_id)))


#: What the signals' confidence line says beside an official mapping, whose confidence the candidate takes.
_BESIDE_OFFICIAL = {"nl": " alleen, zonder de officiële koppeling", "en": " alone, without the official mapping"}


def _signals_alone(lines: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """*lines* with the signals' confidence line said as what it is beside an official mapping: VDAB's *Kapper* →
    ESCO's *kapper* (exactMatch 1.00 by the table) ended "Zekerheid volgens de signalen: … alleen de naam als
    bewijs, … 1,00 → 0,86", as if the name were all the evidence."""
    head = SIGNALS_HEAD[lang] + ":"
    alone = SIGNALS_HEAD[lang] + _BESIDE_OFFICIAL[lang] + ":"
    return tuple(alone + line.removeprefix(head) if line.startswith(head) else line for line in lines)


def merge_official(translation: Translation, chains: list[Chain], table: ItemTable, *, limit: int) -> Translation:
    """*translation* with the chains' targets added or, when already found, taken over by the chain; and so the ESCO
    concepts an official table maps a national source to, where a chain passes (the table's own row).

    Before, VDAB's *Kapper* listed ESCO's *kapper* seventh, "Alleen op naam gevonden", under chains whose every first
    line says VDAB's table maps Kapper exactly to it."""
    if not chains:
        return translation
    found = {candidate.target.id: candidate for candidate in translation.candidates}
    rows = {hop.object: hop for chain in chains for hop in chain.hops[:1]
            if hop.table is not None and hop.predicate in EQUIVALENT}  # a bridge it is not: what the source is
    listed: list[tuple[Candidate, float]] = []
    for concept, hop in rows.items():
        if (target := table.items.get(concept)) is not None:
            listed.append((row_candidate(hop, translation.source, target), hop.confidence))
    for chain in chains:
        if (target := table.items.get(chain.target)) is not None:  # else a concept of a table not loaded
            listed.append((chain_candidate(chain, translation.source, target), chain.confidence))
    for candidate, confidence in listed:
        known = found.get(candidate.target.id)
        if known is not None and known.review is not None:
            continue  # a review decision beats the chain
        found[candidate.target.id] = candidate if known is None else dataclasses.replace(
            candidate, signals={**known.signals, OFFICIAL: confidence}, flags=known.flags,
            explanation=candidate.explanation + _signals_alone(known.explanation, "nl"),
            explanation_en=candidate.explanation_en + _signals_alone(known.explanation_en, "en"))
    return dataclasses.replace(translation, candidates=tuple(rank(list(found.values()),
                                                                  source=translation.source)[:limit]))
