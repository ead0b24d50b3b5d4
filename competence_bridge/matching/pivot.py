"""Candidates through proposed ESCO anchors: for an item without an ESCO anchor of its own, its name is searched
among the ESCO occupations, and each ESCO occupation found is searched among the other side's occupations.

VDAB and UWV occupations, and free text, carry no ESCO anchor unless an official table gives one; their titles
often share no word with their counterpart (*magazijnier*, *orderpicker*) while both sit near the same ESCO
occupation. The pivot proposes that anchor, as a search hop with its own confidence, never as an official one::

    Magazijnier --search 0.92--> ESCO magazijnmedewerker --search 0.81--> UWV Magazijnmedewerker

A pair's score is ``factor × score of the first hop × score of the second`` (kept from the
``minimum_confidence`` of the matching settings); its confidence is what such a score has meant on held-out
official pairs (``calibration``, fitted by ``benchmarks/fit_name_calibration.py``); its relation is
``skos:closeMatch`` from ``close_threshold``, else ``skos:relatedMatch`` (two name searches never make an exact
match). The settings are ``esco_pivot`` in ``taxonomies/matching.yaml``. Cost: ``1 + esco_hits`` searches
per translation, each bounded by the search index's own blocking.
"""

from __future__ import annotations

from collections.abc import Callable

from competence_bridge.curated.matching_settings import MatchingSettings
from competence_bridge.matching.results import Candidate, Hop, compare_levels
from competence_bridge.matching.search import SearchHit, SearchIndex
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.vocabulary import CLOSE, RELATED

#: The candidates the pivot gives an item on side *to*.
PivotLookup = Callable[[Item, str], list[Candidate]]
#: The signal name of a pivot candidate (in ``Candidate.signals``).
PIVOT = "esco-pivot"
#: The kinds of source a pivot serves: names of work, not qualifications.
PIVOT_KINDS = frozenset({"occupation", "job-profile", "text"})


def _number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _hop(subject: str, hit: SearchHit) -> Hop:
    return Hop(subject, hit.id, RELATED, hit.score, f"Zoeken op naam: {hit.name or hit.label} ({_number(hit.score)})")


def needs_pivot(source: Item) -> bool:
    """Whether the pivot serves *source*: a name of work (not a qualification or type) without an ESCO anchor."""
    return not source.esco and source.kind in PIVOT_KINDS and bool(source.label.strip())


def pivot_candidates(index: SearchIndex, table: ItemTable, settings: MatchingSettings, source: Item,
                     to: str) -> list[Candidate]:
    """The other side's occupations that a proposed ESCO anchor of *source* leads to, best first.

    Nothing for a source with an ESCO anchor of its own (the signals and official chains use that), for a
    qualification or type, or when no ESCO occupations are loaded.
    """
    pivot = settings.esco_pivot
    if not needs_pivot(source):
        return []
    # national occupations are found too; the ESCO ones among the first 5 × esco_hits hits are kept
    found = index.search(source.label, kind="occupation", limit=5 * pivot.esco_hits)
    anchors = [hit for hit in found if hit.region is None][:pivot.esco_hits]
    best: dict[str, tuple[float, SearchHit, SearchHit]] = {}
    for anchor in anchors:
        for hit in index.search(anchor.name or anchor.label, kind="occupation", region=to, limit=pivot.target_hits):
            score = pivot.factor * anchor.score * hit.score
            if (score >= settings.minimum_confidence and hit.id in table.items and hit.id != source.id
                    and score > best.get(hit.id, (0.0,))[0]):
                best[hit.id] = (score, anchor, hit)
    candidates = []
    for target_id, (score, anchor, hit) in sorted(best.items(), key=lambda entry: (-entry[1][0], entry[0])):
        target = table.items[target_id]
        esco = anchor.name or anchor.label
        confidence = pivot.calibration.calibrate(score)
        arithmetic = f"{pivot.factor:.2f} × {anchor.score:.2f} × {hit.score:.2f} = {score:.2f}"
        candidates.append(Candidate(
            target, CLOSE if confidence >= settings.close_threshold else RELATED, confidence,
            "semapv:MappingChaining", {PIVOT: score},
            (f"Voorgesteld ESCO-anker (niet officieel): '{source.label}' vindt bij zoeken ESCO-beroep '{esco}' "
             f"({_number(anchor.score)}), en dat vindt '{target.label}' ({_number(hit.score)}).",
             f"Zekerheid: {arithmetic.replace('.', ',')}; een voorgesteld anker, geijkt op officiële paren: "
             f"{_number(score)} → {_number(confidence)}."),
            (f"Proposed ESCO anchor (not official): searching '{source.label}' finds the ESCO occupation "
             f"'{esco}' ({anchor.score:.2f}), which finds '{target.label}' ({hit.score:.2f}).",
             f"Confidence: {arithmetic}; a proposed anchor, calibrated on official pairs: {score:.2f} → "
             f"{confidence:.2f}."),
            compare_levels(source, target), (_hop(source.id, anchor), _hop(anchor.id, hit))))
    candidates.sort(key=lambda candidate: (-candidate.confidence, candidate.target.id))
    return candidates


def esco_pivot(table: ItemTable, index: Callable[[], SearchIndex], settings: MatchingSettings) -> PivotLookup | None:
    """The pivot over *table*, or None when it holds no ESCO occupation (*index* is built only when used)."""
    if not any(item.kind == "occupation" and item.region is None for item in table.items.values()):
        return None
    def lookup(source: Item, to: str) -> list[Candidate]:
        return pivot_candidates(index(), table, settings, source, to) if needs_pivot(source) else []

    return lookup  # the index is built (or read) only for a source the pivot serves
