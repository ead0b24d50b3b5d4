"""Translate what a person typed: an id, a label naming one or several items, or free text.

A label can name a qualification and a job profile at once; each is translated and the
candidates merged (best confidence wins, the explanation says via which item). Free text is
matched on words, morphology, the term layer and ESCO labels.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from competence_bridge.curated.limits import check_query_length
from competence_bridge.errors import AmbiguousItemError, CompetenceBridgeError, UnknownItemError
from competence_bridge.language.text import normalize, one_word_of
from competence_bridge.matching.official import ChainLookup, merge_official, rank, rank_lists
from competence_bridge.matching.pivot import AnchorRows, PivotLookup, among_others, below_a_row
from competence_bridge.matching.resolve import ItemResolver
from competence_bridge.matching.results import Candidate, FoundBy, Translation
from competence_bridge.matching.through_type import through_types
from competence_bridge.matching.translate import TARGET_KINDS, Translator
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.vocabulary import OTHER_SIDE, REGIONS

if TYPE_CHECKING:
    from competence_bridge.curated.matching_settings import MatchingSettings
    from competence_bridge.matching.chains import Chain
    from competence_bridge.matching.reviews import Reviews


def check_region(to: str | None) -> None:
    """Refuse a region that is not one of the two sides.

    :raises UnknownItemError: with the two regions as suggestions
    """
    if to is not None and to not in OTHER_SIDE:
        raise UnknownItemError(to, kind="region", suggestions=list(REGIONS))


def sources_of(resolver: ItemResolver, text: str, to: str | None) -> tuple[list[Item], str, FoundBy | None]:
    """The items *text* names (one by id, or every item of a side with that label, else with that label up to the
    plural and gender forms of its words, else with the one label that holds all its words, else the one
    qualification its type of education and other words name, else the one of a neighbouring type), the side to
    translate to, and how the names were found when not as written: ``"forms"`` (up to those forms),
    ``"spelling"`` (only up to a letter written once or twice), ``"words"`` (a label holding the words,
    :meth:`ItemResolver.on_a_side_holding`: ``BSO verzorging``), ``"type"`` (a type of education and the words of
    one of its qualifications, :meth:`ItemResolver.on_a_side_of_type`: ``mbo niveau 3 verzorgende``),
    ``"type-parts"`` (the same, a word being the last part of a compound of the name: ``graduaat verpleegkunde``),
    ``"other-type"`` (no qualification of the type holds the words, one of a neighbouring type does:
    :meth:`ItemResolver.on_a_side_of_other_type`, ``mbo 3 lasser``), else None.

    Free text gives no items; it needs *to*.

    :raises UnknownItemError: free text without *to*
    :raises AmbiguousItemError: a label naming items of both sides, without *to*
    :raises CompetenceBridgeError: an ESCO occupation without *to*, or an item already on side *to*
    """
    check_region(to)
    by_id = resolver.by_id(text)
    side = OTHER_SIDE[to] if to else None
    sources = [by_id] if by_id is not None else resolver.on_a_side(text, region=side)
    found_by: FoundBy | None = None
    if by_id is None and not sources:
        sources = resolver.on_a_side_by_forms(text, region=side)
        found_by = ("spelling" if resolver.by_spelling(text) else "forms") if sources else None
        if not sources and side is not None:
            sources = resolver.on_a_side_holding(text, region=side)
            found_by = "words" if sources else None
        if not sources and side is not None:
            sources = resolver.on_a_side_of_type(text, region=side)
            found_by = "type" if sources else None
        if not sources and side is not None:
            sources = resolver.on_a_side_of_type(text, region=side, parts=True)
            found_by = "type-parts" if sources else None
        if not sources and side is not None:
            sources = resolver.on_a_side_of_other_type(text, region=side)
            found_by = "other-type" if sources else None
    if to is None:
        regions = {source.region for source in sources if source.region in OTHER_SIDE}
        if len(regions) != 1:
            if not sources:
                raise UnknownItemError(text, kind="item (free text needs to='NL' or to='BE-VLG')",
                                       suggestions=resolver.suggest(text))
            if not regions:
                raise CompetenceBridgeError(f"{sources[0].id} belongs to neither side (an ESCO occupation); "
                                            "say where to translate it: to='NL' or to='BE-VLG' (--to)")
            raise AmbiguousItemError(text, sorted(source.id for source in sources), regions=sorted(regions))
        to = OTHER_SIDE[str(regions.pop())]
    for source in sources:
        if source.region == to:
            raise CompetenceBridgeError(f"{source.id} is already on the {to} side; translate to "
                                        f"{OTHER_SIDE[to]} or pick an item of the other side")
    return sources, to, found_by


def free_text(resolver: ItemResolver, text: str, to: str, *, reading: str | None = None,
              generic: bool = False) -> Item:
    """Free text as a source item of the other side, anchored to the ESCO occupations it names.

    An occupation whose preferred label is the text is the anchor; only when none is, the occupations
    carrying it as an alternative or hidden label are, all of them (``boekhouder`` is ESCO's boekhouder, not
    every occupation that lists the word among its other names; ``metser`` is an alternative label of voorman
    metselaar and a hidden one of metselaar: two occupations, neither of them the text's exact match).
    When the text as written names none, the occupations its *reading* names are (the text as the term layer
    reads Flemish words in Dutch: ``mecanicien`` as ``monteur``), as they are when the Dutch word is typed.
    Text that is one *generic* word (``generic_words``: it names no occupation) is anchored only by a preferred
    label: ESCO 1.2.0 gives *technicus drankenfiltering* the alternative label *medewerker*.
    """
    free = Item(id=f"text:{normalize(text).replace(' ', '-')}", kind="text", region=OTHER_SIDE[to], label=text)
    named = _esco_named(resolver, text, preferred_only=generic)
    if not named and reading is not None:
        named = _esco_named(resolver, reading, preferred_only=generic)
        free.read_as = reading if named else None
    best = min((found for found, _ in named), default=None)
    for found, occupation in named:
        if found == best:
            free.esco.add(occupation.id)
            free.isco |= occupation.isco
    return free


def _esco_named(resolver: ItemResolver, text: str, *, preferred_only: bool = False) -> list[tuple[int, Item]]:
    """The ESCO occupations *text* is a name of: preferred (0), alternative or hidden (1; not with
    *preferred_only*)."""
    return [(min(found, 1), item) for found, item in resolver.named(text, hidden=True)
            if item.kind == "occupation" and item.region is None and not (preferred_only and found)]


def translate_item(translator: Translator, source: Item, to: str, *, limit: int = 5,
                   chains: ChainLookup | None = None, pivot: PivotLookup | None = None,
                   jobs_apart: bool = False) -> Translation:
    """The signals' candidates for one item, with the official chains' (when given) merged in, or, when no
    official chain reaches the other side, the proposed ESCO anchors' (a proposal never stands beside an
    official anchor). *jobs_apart*: a qualification's chains to occupations go to ``jobs``, so they neither stand
    in nor crowd out its list of qualifications."""
    translation = translator.translate(source, to, limit=limit)
    official = [] if chains is None else chains(source, to)
    table = translator.table
    if pivot is not None and not any(chain.target in table.items for chain in official):
        translation = merge_pivot(translation, pivot(source, to, anchor_rows(chains, table)), limit=limit,
                                  settings=translator.settings)
    if chains is None:
        return translation
    if jobs_apart and source.kind == "qualification":
        listed: list[Chain] = []
        apart: list[Chain] = []
        for chain in official:
            target = table.items.get(chain.target)
            (apart if target is not None and target.kind not in TARGET_KINDS["qualification"] else listed).append(chain)
        jobs = merge_official(Translation(source, to, ()), apart, table, limit=limit).candidates
        return dataclasses.replace(merge_official(translation, listed, table, limit=limit), jobs=jobs)
    return merge_official(translation, official, table, limit=limit)


def anchor_rows(chains: ChainLookup | None, table: ItemTable) -> AnchorRows | None:
    """The official rows from an ESCO occupation of *table* to a side, read through *chains* as one-hop chains:
    what the pivot follows from an anchor it proposes (None without crosswalk tables)."""
    if chains is None:
        return None
    lookup = chains

    def rows(concept: str, to: str) -> list[Chain]:
        item = table.items.get(concept)
        return [chain for chain in lookup(item, to) if len(chain.hops) == 1] if item is not None else []

    return rows


def merge_pivot(translation: Translation, found: list[Candidate], *, limit: int,
                settings: MatchingSettings) -> Translation:
    """*translation* with the pivot's candidates: a new target is added; a known one keeps the better confidence
    (and relation) and gains the pivot's explanation. Every calibrated guess then kept (the pivot's, and the signals'
    candidates whose only evidence is the name) takes the confidence such guesses have had among the others
    (:func:`.pivot.among_others`); a guess from names alone below a candidate through an official row takes the
    confidence such guesses have had there (:func:`.pivot.below_a_row`, *settings*)."""
    if not found:
        return translation
    merged = {candidate.target.id: candidate for candidate in translation.candidates}
    # the targets whose confidence is a calibrated guess: from the signals' names alone, or from the pivot
    kept = {candidate.target.id for candidate in translation.candidates if candidate.review is None
            and candidate.breakdown is not None and candidate.breakdown.calibrated is not None}
    for candidate in found:
        known = merged.get(candidate.target.id)
        if known is None:
            merged[candidate.target.id] = candidate
            kept.add(candidate.target.id)
        elif known.review is None:
            better = known if known.confidence >= candidate.confidence else candidate
            if better is candidate:
                kept.add(candidate.target.id)
            merged[candidate.target.id] = dataclasses.replace(
                better, signals={**known.signals, **candidate.signals}, hops=known.hops + candidate.hops,
                explanation=known.explanation + candidate.explanation,
                explanation_en=known.explanation_en + candidate.explanation_en, flags=known.flags)
    pivot = settings.esco_pivot
    shown = [among_others(candidate, pivot.merged_calibration, settings.close_threshold)
             if target in kept else candidate for target, candidate in merged.items()]
    ranked = below_a_row(rank(shown), pivot.below_row_calibration, settings.close_threshold)
    return dataclasses.replace(translation, candidates=tuple(ranked[:limit]))


def translate_query(translator: Translator, resolver: ItemResolver, query: str, *, to: str | None = None,
                    limit: int = 5, reviews: Reviews | None = None, chains: ChainLookup | None = None,
                    pivot: PivotLookup | None = None) -> Translation:
    """Ranked counterparts of *query* (an id, a label or free text) on the other side.

    Official chains through ESCO (*chains*, when crosswalk tables are loaded) rank above the signals'
    candidates; review decisions beat both.
    """
    check_query_length(query)
    text = query.strip()
    sources, region, found_by = sources_of(resolver, text, to)
    if not sources:
        reading, read = translator.terms.apply(text)  # Flemish words as the term layer reads them in Dutch
        reading, heads = translator.terms.read_heads(reading)  # and a compound's Flemish head (elektrotechnieker)
        read += heads
        flemish = region == "NL" and any(substitution.flemish for substitution in read)
        generic = one_word_of(text, translator.settings.generic_words)
        sources = [free_text(resolver, text, region, reading=reading if flemish else None, generic=generic)]
    done: dict[str, Translation] = {}

    def translated(item: Item) -> Translation:
        """*item* translated once (a label may name a qualification and the job profile it prepares for)."""
        if item.id not in done:
            found = translate_item(translator, item, region, limit=limit, chains=chains, pivot=pivot, jobs_apart=True)
            if reviews is not None:
                from competence_bridge.matching.reviews import apply_reviews  # the review log: only with reviews

                found = apply_reviews(found, reviews, resolver.table)
            done[item.id] = found
        return done[item.id]

    translations = [with_jobs(translated(source), translator.table, translated, limit=limit) for source in sources]
    if sources[0].kind == "text" and (typed := through_types(translator, sources[0], translated)):
        # free text naming a programme of a type of education: what the type is worth, broader
        found = translations[0]
        translations = [dataclasses.replace(found, candidates=tuple(rank_lists([found.candidates, typed])[:limit]))]
    if found_by:
        translations = [dataclasses.replace(t, by_word_forms=text, found_by=found_by) for t in translations]
    weak = translator.settings.minimum_confidence
    named = sources[0].esco if sources[0].kind == "text" and len(sources[0].esco) > 1 else set()
    readings = tuple(sorted((resolver.table.items[esco] for esco in named if esco in resolver.table.items),
                            key=lambda item: (item.label, item.id)))
    if len(translations) == 1:
        return dataclasses.replace(translations[0], weak_below=weak, readings=readings)
    # A label naming a qualification and a job profile (zorgkundige): qualifications in the list, jobs in their own.
    diplomas = [t for t in translations if t.source.kind in QUALIFICATION_KINDS]
    works = [t for t in translations if t.source.kind not in QUALIFICATION_KINDS] if diplomas else []
    main = diplomas if works else translations
    jobs = merge_via([(None, t.jobs) for t in main] + [(t.source, t.candidates) for t in works], limit=limit)
    jobs_via = dict.fromkeys([*(job for t in main for job in t.jobs_via), *(t.source.id for t in works)])
    merged = len(main) > 1  # the list then names the source each candidate came through
    return Translation(sources[0] if merged else main[0].source, region,
                       merge_via([(t.source if merged else None, t.candidates) for t in main], limit=limit),
                       via=tuple(s.id for s in sources), jobs=jobs, jobs_via=tuple(jobs_via), merged=merged,
                       by_word_forms=text if found_by else None, found_by=found_by, weak_below=weak, readings=readings)


#: Source kinds whose translation lists qualifications (their jobs come in a list of their own).
QUALIFICATION_KINDS = frozenset({"qualification", "qualification-type"})


def merge_via(found: list[tuple[Item | None, tuple[Candidate, ...]]], *, limit: int) -> tuple[Candidate, ...]:
    """The candidates of several sources as one ranking: each target once, with its best confidence, its
    explanation starting with the source it came through ("Via Lasser (vl:job.lasser).") unless that is None."""
    lists = []
    for source, candidates in found:
        via = (f"Via {source.label} ({source.id}).",) if source is not None else ()
        lists.append([dataclasses.replace(candidate, explanation=via + candidate.explanation,
                                          explanation_en=via + candidate.explanation_en) for candidate in candidates])
    return tuple(rank_lists(lists)[:limit])


def with_jobs(translation: Translation, table: ItemTable, translated: Callable[[Item], Translation], *,
              limit: int) -> Translation:
    """*translation* of a qualification with its own list of jobs: the job profiles it prepares for, each as
    *translated* gives it (``translate`` of the job profile, review decisions included), merged, every candidate
    explained via the job profile it came through; and the occupations an official chain reaches from the
    qualification's own ESCO anchor (``translate_item(..., jobs_apart=True)``), which are jobs too: its list keeps
    qualifications. Any other translation is returned as it is."""
    source = translation.source
    if source.kind != "qualification":
        return translation
    jobs = [table.items[job] for job in source.job_profiles if job in table.items]
    listed = TARGET_KINDS["qualification"]
    kept = tuple(c for c in translation.candidates if c.target.kind in listed)
    found: list[tuple[Item | None, tuple[Candidate, ...]]] = [
        (None, translation.jobs + tuple(c for c in translation.candidates if c.target.kind not in listed))]
    found.extend((job, translated(job).candidates) for job in jobs)
    return dataclasses.replace(translation, candidates=kept, jobs=merge_via(found, limit=limit),
                               jobs_via=tuple(job.id for job in jobs))
