"""Review decisions in translations: accepted mappings win, rejected ones go, unsure ones are marked.

A curated decision beats every predicted signal (see :mod:`competence_bridge.sssom.review` for
how decisions are kept); :func:`apply_reviews` merges a review file into a translation, and
:func:`record_review` records a decision on a mapping the translation proposes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from competence_bridge.errors import ReviewError
from competence_bridge.matching.official import rank
from competence_bridge.matching.results import Candidate, Translation, compare_levels
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.sssom.mapping import Mapping
from competence_bridge.sssom.review import ReviewLog, status_of
from competence_bridge.vocabulary import NETHERLANDS, OTHER_SIDE

#: A review file's path, or the opened log.
Reviews = str | Path | ReviewLog


def open_reviews(reviews: Reviews, table: ItemTable | None = None) -> ReviewLog:
    """The review log of *reviews*, opened from its file unless it is one already; opened with *table*, its rows
    name the ids in use now (a decision on a former id of an item is one on the item)."""
    if isinstance(reviews, ReviewLog):
        return reviews
    return ReviewLog.open(reviews, rename=table.rename if table is not None else None)


def apply_reviews(translation: Translation, reviews: Reviews, table: ItemTable) -> Translation:
    """*translation* with the decisions of *reviews* merged in, accepted ones first (a decision that names a
    former id of an item applies to the item)."""
    log = open_reviews(reviews, table)
    source = translation.source
    merged: list[Candidate] = []
    seen: set[str] = set()
    for candidate in translation.candidates:
        decision = log.decisions.get((source.id, candidate.target.id))
        seen.add(candidate.target.id)
        if decision is None:
            merged.append(candidate)
            continue
        status = status_of(decision)
        if status == "rejected":
            continue
        accepted = status == "accepted"
        reviewer = log.reviewer_of(decision)
        note_nl = f"Beoordeeld door {reviewer} op {decision.mapping_date}: {'aanvaard' if accepted else 'twijfel'}."
        note_en = f"Reviewed by {reviewer} on {decision.mapping_date}: {status}."
        merged.append(dataclasses.replace(
            candidate,
            predicate=decision.predicate_id if accepted else candidate.predicate,
            confidence=1.0 if accepted else candidate.confidence,
            justification=decision.mapping_justification if accepted else candidate.justification,
            explanation=(note_nl, *candidate.explanation), explanation_en=(note_en, *candidate.explanation_en),
            review=status))
    for (subject, target_id), decision in sorted(log.decisions.items()):
        if subject != source.id or target_id in seen or status_of(decision) != "accepted":
            continue
        target = table.items.get(target_id)
        if target is None:
            continue  # the target left the data; revalidation reports it
        reviewer = log.reviewer_of(decision)
        merged.append(Candidate(target, decision.predicate_id, 1.0, decision.mapping_justification, {},
                                (f"Beoordeeld door {reviewer} op {decision.mapping_date}: aanvaard.",),
                                (f"Reviewed by {reviewer}: accepted.",),
                                compare_levels(source, target), review="accepted"))
    return dataclasses.replace(translation, candidates=tuple(rank(merged)))


def record_review(propose: Callable[[Item, str], Translation], path: str | Path, source: Item, target: Item,
                  decision: str, reviewer: str, *, date: dt.date | None = None, comment: str | None = None,
                  predicate: str | None = None, table: ItemTable | None = None) -> Mapping:
    """Record *decision* on the mapping *source* → *target* in the review file at *path* and save it.

    The mapping must be one *propose* (item, region → translation) offers, or one decided before;
    otherwise nothing is written. Returns the decision row. With *table*, the file's rows that name a former id
    of an item are read, and saved, as naming the item.

    :raises ReviewError: when no such mapping is proposed, or the decision is not valid
    """
    log = open_reviews(path, table)
    proposal = log.decisions.get((source.id, target.id))
    if proposal is None:
        region = target.region if target.region in OTHER_SIDE else OTHER_SIDE.get(source.region or "", NETHERLANDS)
        translation = propose(source, region)
        found = [c for c in translation.candidates if c.target.id == target.id]
        if not found:
            raise ReviewError(f"no proposed mapping from {source.id} to {target.id}; "
                              f"translate {source.id} to see the proposals")
        proposal = found[0].to_mapping(source)
    row = log.decide(proposal, decision, reviewer, date=date, comment=comment, predicate=predicate)
    log.save()
    return row
