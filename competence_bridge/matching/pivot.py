"""Candidates found by search for a name of work without an ESCO anchor of its own: its name is searched among
the other side's occupations (directly), and among the ESCO occupations, each of which is then searched among
the other side's occupations (through a proposed anchor).

VDAB and UWV occupations, and free text, carry no ESCO anchor unless an official table gives one; their titles
often share no word with their counterpart (*magazijnier*, *orderpicker*) while both sit near the same ESCO
occupation. The pivot proposes that anchor, as a search hop with its own confidence, never as an official one::

    Magazijnier --search 0.92--> ESCO magazijnmedewerker --search 0.81--> UWV Magazijnmedewerker

The second hop searches by the ESCO occupation's preferred label, and without rows by each other label of it close to
an occupation's name on that side (:class:`~competence_bridge.matching.anchor_names.AnchorNames`).

Search finds what the translator's word overlap misses: spelling variants and compound parts by character 3-grams,
Flemish/Netherlands synonyms, derivations, and the synonyms mined from the labels of ESCO occupations (``bediener``
~ ``operator``; an explanation line names those a candidate was found through). Searching with them raised gold set
(a)'s dev split from acc@1 0.406 to 0.455 (recall@5 0.554 to 0.574), the calibrations refitted on its train split. A
direct pair's score is the search score; a pair through a proposed anchor scores ``factor × score of the first hop ×
score of the second``. When crosswalk tables are loaded, the official rows from a proposed anchor lead on too
(``row_candidates``: search score × the row's confidence, calibrated by ``row_calibration``): the search proposes
the ESCO occupation, the table says what it is on the other side. When the label search matched holds every word of
the name and more (*klantendienstmedewerker* finds *medewerker klantendienst spoorwegen*), the ESCO occupation is
narrower than the name: the first hop is a narrower match, and such a score is calibrated by
``row_calibration_narrower`` (on gold set (a) train, the first such row was right for 27% of names, against 71% for
the others). A name search finds the same way a name narrower than the one typed (*archiefmedewerker* finds
*Archiefmedewerker museum*): a narrower match, calibrated by ``direct_calibration_narrower`` (on gold set (a) train
such hits were right about 13 times in 100, against about 40 for other hits scoring 0.5–0.95). Every hit search
returns is kept (search has its own floor, ``minimum_score``), because its confidence is what such a score has meant
on held-out official pairs (``direct_calibration``, ``calibration``, ``row_calibration`` and the narrower twins,
fitted by ``benchmarks/fit_name_calibration.py``): a weak hit is listed as weak, not dropped. A target found several
ways keeps the most confident. Each of those maps is fitted on its own hits; in a translation a hit is shown only
where no other way found its target with more confidence, a different sample, so every calibrated guess a
translation keeps takes ``merged_calibration`` once more (:func:`among_others`). Listed below a candidate through an
official row, a guess from names alone has meant much less than alone, and takes ``below_row_calibration``
(:func:`below_a_row`). The relation is ``skos:closeMatch`` from ``close_threshold``, else ``skos:relatedMatch``
(name searches never make an exact match); through an official row, a broader or narrower row keeps its direction,
and an anchor or a name found narrower than the name makes the match narrower. The settings are ``esco_pivot`` in
``taxonomies/matching.yaml``. Cost: ``2 + esco_hits`` searches per translation, each bounded by the search index's
own blocking, and with the tables one lookup of rows per proposed anchor.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from competence_bridge.curated.matching_settings import Calibration, MatchingSettings
from competence_bridge.display import format_number
from competence_bridge.language.text import as_written
from competence_bridge.matching.anchor_names import AnchorNames, NamesOf, preferred_name
from competence_bridge.matching.breakdown import calibration_phrase
from competence_bridge.matching.official import BEYOND_NAMES, OFFICIAL, rank
from competence_bridge.matching.results import Candidate, Hop, compare_levels
from competence_bridge.matching.search import SearchHit, SearchIndex
from competence_bridge.matching.search_words import mined_words
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.vocabulary import CLOSE, NARROW, RELATED, compose

if TYPE_CHECKING:
    from competence_bridge.matching.chains import Chain

#: The official rows from an ESCO occupation to side *to*, as one-hop chains: (ESCO id, to) → chains.
AnchorRows = Callable[[str, str], "list[Chain]"]
#: The candidates the pivot gives an item on side *to* (with the official rows, when crosswalk tables are loaded).
PivotLookup = Callable[[Item, str, "AnchorRows | None"], list[Candidate]]
#: The signal name of a candidate through a proposed ESCO anchor (in ``Candidate.signals``).
PIVOT = "esco-pivot"
#: The signal name of a candidate through a proposed ESCO anchor and an official row from it.
PIVOT_ROW = "esco-pivot-row"
#: The signal name of a candidate the source's name finds directly by search.
NAME_SEARCH = "name-search"
#: The kinds of source a pivot serves: names of work, not qualifications.
PIVOT_KINDS = frozenset({"occupation", "job-profile", "text"})


def _nl(value: float) -> str:
    return format_number(value, "nl")


def _hop(subject: str, hit: SearchHit, relation: str = RELATED) -> Hop:
    name = hit.name or hit.label
    return Hop(subject, hit.id, relation, hit.score, f"Zoeken op naam: {name} ({_nl(hit.score)})",
               f"Search by name: {name} ({hit.score:.2f})")


def needs_pivot(source: Item) -> bool:
    """Whether the pivot serves *source*: a name of work (not a qualification or type) without an ESCO anchor."""
    return not source.esco and source.kind in PIVOT_KINDS and bool(source.label.strip())


#: The other side's occupations the name of an ESCO occupation finds (name, region → hits, best first).
AnchorTargets = Callable[[str, str], Sequence[SearchHit]]


def anchor_targets(index: SearchIndex, settings: MatchingSettings) -> AnchorTargets:
    """The search from an ESCO occupation's name to the other side's occupations, remembered: a fact of the data,
    not of the query, and the same few anchors come back for many names (the last 4,096 are kept)."""
    limit = settings.esco_pivot.target_hits

    @lru_cache(maxsize=4096)
    def targets(name: str, to: str) -> tuple[SearchHit, ...]:
        return tuple(index.search(name, kind="occupation", region=to, limit=limit))

    return targets


def pivot_candidates(index: SearchIndex, table: ItemTable, settings: MatchingSettings, source: Item, to: str,
                     rows: AnchorRows | None = None, targets: AnchorTargets | None = None,
                     names: NamesOf | None = None) -> list[Candidate]:
    """The other side's occupations that the name of *source* finds, directly or through a proposed ESCO anchor
    (by search, or by an official row from the anchor when *rows* reads the crosswalk tables), best first (a
    target found several ways keeps the most confident).

    Nothing for a source with an ESCO anchor of its own (the signals and official chains use that), for a
    qualification or type, or when no ESCO occupations are loaded. *targets*: the :func:`anchor_targets` of *index*,
    and *names*, its :class:`AnchorNames` (used only without *rows*), when kept between calls.
    """
    if not needs_pivot(source):
        return []
    candidates: dict[str, Candidate] = {}
    anchors = proposed_anchors(index, settings, source)  # one search, for both lists that start from them
    found = [*anchor_candidates(index, table, settings, source, to, anchors, targets,
                                names if rows is None else preferred_name),  # with rows, the rows say what it is
             *(row_candidates(index, table, settings, source, to, rows, anchors) if rows is not None else ()),
             *direct_candidates(index, table, settings, source, to)]
    for candidate in found:
        known = candidates.get(candidate.target.id)
        if known is None or candidate.confidence > known.confidence:
            candidates[candidate.target.id] = candidate
    return sorted(candidates.values(), key=_best_first)


def proposed_anchors(index: SearchIndex, settings: MatchingSettings, source: Item) -> list[SearchHit]:
    """The ESCO occupations the name of *source* finds by search, best first (at most ``esco_hits``)."""
    # national occupations are found too; the ESCO ones among the first 5 × esco_hits hits are kept
    limit = settings.esco_pivot.esco_hits
    found = index.search(source.label, kind="occupation", limit=5 * limit)
    return [hit for hit in found if hit.region is None][:limit]


def anchor_candidates(index: SearchIndex, table: ItemTable, settings: MatchingSettings, source: Item,
                      to: str, anchors: list[SearchHit] | None = None, targets: AnchorTargets | None = None,
                      names: NamesOf | None = None) -> list[Candidate]:
    """The other side's occupations that a proposed ESCO anchor of *source* leads to, searched by the anchor's
    :class:`AnchorNames`, best first (*anchors*: the :func:`proposed_anchors`, when already found; *targets*: the
    :func:`anchor_targets` of *index*, and *names*, when kept)."""
    pivot = settings.esco_pivot
    targets, names = targets or anchor_targets(index, settings), names or AnchorNames.of(index, pivot.name_overlap)
    best: dict[str, tuple[float, SearchHit, SearchHit, str]] = {}
    for anchor in proposed_anchors(index, settings, source) if anchors is None else anchors:
        for name in names(anchor, to):
            for hit in targets(name, to):
                score = pivot.factor * anchor.score * hit.score
                if hit.id in table.items and hit.id != source.id and score > best.get(hit.id, (0.0,))[0]:
                    best[hit.id] = (score, anchor, hit, name)
    found_candidates = [_through_anchor(settings, source, table.items[target_id], score, anchor, hit, name)
                        for target_id, (score, anchor, hit, name) in best.items()]
    return sorted(found_candidates, key=_best_first)


def row_candidates(index: SearchIndex, table: ItemTable, settings: MatchingSettings, source: Item, to: str,
                   rows: AnchorRows, anchors: list[SearchHit] | None = None) -> list[Candidate]:
    """The other side's occupations an official row leads to from a proposed ESCO anchor of *source*, best first.

    The search proposes the anchor; the crosswalk table says what it is on the other side. A pair scores the
    anchor's search score × the row's confidence (``crosswalk.hop_confidence`` of its relation), calibrated
    by ``esco_pivot.row_calibration``, or ``row_calibration_narrower`` when the anchor is narrower than the name
    (:func:`added_words`). *anchors*: the :func:`proposed_anchors`, when already found.
    """
    pivot = settings.esco_pivot
    best: dict[str, tuple[tuple[float, float], SearchHit, Chain, tuple[str, ...]]] = {}
    for anchor in proposed_anchors(index, settings, source) if anchors is None else anchors:
        added = added_words(index, source.label, anchor.label)
        calibration = pivot.row_calibration_narrower if added else pivot.row_calibration
        for chain in rows(anchor.id, to):
            score = anchor.score * chain.confidence
            order = (calibration.calibrate(score), score)  # a candidate's (confidence, strength)
            if chain.target in table.items and order > best.get(chain.target, ((-1.0, 0.0),))[0]:
                best[chain.target] = (order, anchor, chain, added)
    found = [_through_row(settings, source, table.items[target_id], anchor, chain, added, confidence)
             for target_id, ((confidence, _), anchor, chain, added) in best.items()]
    return sorted(found, key=_best_first)


def added_words(index: SearchIndex, name: str, label: str) -> tuple[str, ...]:
    """The words of *label* (as written, or the compound parts) whose keys *name* lacks, when *name* has no key
    *label* lacks: the label is narrower than the name (``ploegleider`` and ``ploegleider textiel``); else none.

    >>> from competence_bridge.matching.search import SearchDocument
    >>> index = SearchIndex.build([SearchDocument("a", "occupation", None, (("Ploegleider textiel", "nl", "pref"),))])
    >>> added_words(index, "ploegleider", "Ploegleider textiel"), added_words(index, "lasser", "Ploegleider textiel")
    (('textiel',), ())
    """
    name_keys = {unit.key for word in index.lexicon.analyse(name) for unit in word.units}
    label_words = index.lexicon.analyse(label)
    if not name_keys or not name_keys <= {unit.key for word in label_words for unit in word.units}:
        return ()
    added: list[str] = []
    written = as_written(label)
    for word in label_words:
        run = ""  # adjacent parts of one compound join again (spoor|wegen is spoorwegen)
        for unit in (*word.units, None):
            if unit is not None and unit.key not in name_keys:
                run += unit.surface
            elif run:
                added.append(run if "".join(part.surface for part in word.units) == word.surface else word.surface)
                run = ""
    return tuple(dict.fromkeys(written.get(word, word) for word in added))


def direct_candidates(index: SearchIndex, table: ItemTable, settings: MatchingSettings, source: Item,
                      to: str) -> list[Candidate]:
    """The other side's occupations that the name of *source* finds by search, best first."""
    hits = index.search(source.label, kind="occupation", region=to, limit=settings.esco_pivot.direct_hits)
    return [_direct(settings, source, table.items[hit.id], hit, added_words(index, source.label, hit.label))
            for hit in hits if hit.id in table.items and hit.id != source.id]


def _best_first(candidate: Candidate) -> tuple[float, float, str]:
    return -candidate.confidence, -candidate.strength, candidate.target.id


def _calibrated(score: float, confidence: float) -> tuple[str, str]:
    return calibration_phrase(score, confidence, "nl"), calibration_phrase(score, confidence, "en")


def _mined(*hits: SearchHit) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One sentence in each language naming the synonyms mined from labels that the searches of *hits* went
    through (none when they went through none)."""
    pairs = list(dict.fromkeys(pair for hit in hits for pair in mined_words(hit.explanation)))
    if not pairs:
        return (), ()
    words = ", ".join(f"{surface} → {other}" for surface, other in pairs)
    return ((f"Gezocht met een synoniem uit de namen van ESCO-beroepen (gedolven, geen term van de taxonomie): "
             f"{words}.",),
            (f"Searched with a synonym mined from the names of ESCO occupations (not a curated term): {words}.",))


def _direct(settings: MatchingSettings, source: Item, target: Item, hit: SearchHit,
            added: tuple[str, ...]) -> Candidate:
    """A candidate the source's name finds directly among the other side's occupations; a narrower match,
    calibrated by ``direct_calibration_narrower``, when the label found has words the name lacks (*added*)."""
    pivot = settings.esco_pivot
    confidence = (pivot.direct_calibration_narrower if added else pivot.direct_calibration).calibrate(hit.score)
    nl, en = _calibrated(hit.score, confidence)
    mined_nl, mined_en = _mined(hit)
    narrower_nl, narrower_en = ((), ()) if not added else (
        (f"De gevonden naam '{hit.label}' heeft alle woorden van '{source.label}' en meer ({', '.join(added)}): "
         f"het gevonden beroep is nauwer.",),
        (f"The name found, '{hit.label}', has every word of '{source.label}' and more ({', '.join(added)}): the "
         f"occupation found is narrower.",))
    return Candidate(
        target, NARROW if added else _held(CLOSE, confidence, settings.close_threshold), confidence,
        "semapv:LexicalSimilarityThresholdMatching", {NAME_SEARCH: hit.score},
        (f"Zoeken op naam: '{source.label}' vindt '{target.label}' ({_nl(hit.score)}); alleen de naam als "
         f"bewijs, {nl}.", *mined_nl, *narrower_nl),
        (f"Name search: '{source.label}' finds '{target.label}' ({hit.score:.2f}); the name as the only evidence, "
         f"{en}.", *mined_en, *narrower_en),
        compare_levels(source, target), (_hop(source.id, hit, NARROW if added else RELATED),))


def _through_anchor(settings: MatchingSettings, source: Item, target: Item, score: float, anchor: SearchHit,
                    hit: SearchHit, name: str) -> Candidate:
    """A candidate through a proposed ESCO anchor (*anchor*, found by the source's name; *hit*, by its *name*)."""
    pivot, esco = settings.esco_pivot, anchor.name or anchor.label
    by_nl, by_en = ("", "") if name == esco else (f", gezocht op zijn naam '{name}',",
                                                  f", searched by its name '{name}',")
    confidence = pivot.calibration.calibrate(score)
    arithmetic = f"{pivot.factor:.2f} × {anchor.score:.2f} × {hit.score:.2f} = {score:.2f}"
    nl, en = _calibrated(score, confidence)
    mined_nl, mined_en = _mined(anchor, hit)
    return Candidate(
        target, _held(CLOSE, confidence, settings.close_threshold), confidence,
        "semapv:MappingChaining", {PIVOT: score},
        (f"Voorgesteld ESCO-anker (niet officieel): '{source.label}' vindt bij zoeken ESCO-beroep '{esco}' "
         f"({_nl(anchor.score)}), en dat vindt{by_nl} '{target.label}' ({_nl(hit.score)}).", *mined_nl,
         f"Zekerheid: {arithmetic.replace('.', ',')}; een voorgesteld anker, {nl}."),
        (f"Proposed ESCO anchor (not official): searching '{source.label}' finds the ESCO occupation "
         f"'{esco}' ({anchor.score:.2f}), which{by_en} finds '{target.label}' ({hit.score:.2f}).", *mined_en,
         f"Confidence: {arithmetic}; a proposed anchor, {en}."),
        compare_levels(source, target), (_hop(source.id, anchor), _hop(anchor.id, hit)))


def _held(relation: str, confidence: float, close_threshold: float) -> str:
    """*relation*, unless it is a close match at a confidence below *close_threshold*: then related."""
    return RELATED if relation == CLOSE and confidence < close_threshold else relation


def row_relation(narrower: bool, row: str) -> str:
    """The relation of a name to a row's target: close ∘ *row*, or narrow ∘ *row* when the proposed anchor is
    *narrower* than the name (:func:`competence_bridge.vocabulary.compose`)."""
    return compose(NARROW if narrower else CLOSE, row)


def _through_row(settings: MatchingSettings, source: Item, target: Item, anchor: SearchHit, chain: Chain,
                 added: tuple[str, ...], confidence: float) -> Candidate:
    """A candidate through a proposed ESCO anchor (*anchor*, found by the source's name) and the official row
    from it (*chain*, one hop), at *confidence* (its score calibrated). Its relation is the row's composed with a
    close match (the anchor is proposed, so never exact), and related when a close match falls below
    ``close_threshold``; with a narrower match when the label found has words the name lacks (*added*)."""
    esco = anchor.name or anchor.label
    score = anchor.score * chain.confidence
    relation = _held(row_relation(bool(added), chain.predicate), confidence, settings.close_threshold)
    arithmetic = f"{anchor.score:.2f} × {chain.confidence:.2f} = {score:.2f}"
    nl, en = _calibrated(score, confidence)
    mined_nl, mined_en = _mined(anchor)
    narrower_nl, narrower_en = ((), ()) if not added else (
        (f"De gevonden naam '{anchor.label}' heeft alle woorden van '{source.label}' en meer ({', '.join(added)}): "
         f"het ESCO-beroep is nauwer.",),
        (f"The name found, '{anchor.label}', has every word of '{source.label}' and more ({', '.join(added)}): the "
         f"ESCO occupation is narrower.",))
    first_hop = _hop(source.id, anchor, NARROW if added else RELATED)
    return Candidate(
        target, relation, confidence, "semapv:MappingChaining", {PIVOT_ROW: score},
        (f"Voorgesteld ESCO-anker (niet officieel): '{source.label}' vindt bij zoeken ESCO-beroep '{esco}' "
         f"({_nl(anchor.score)}).", *mined_nl, *narrower_nl, *chain.explanation("nl"),
         f"Zekerheid: zoekscore × officiële rij {arithmetic.replace('.', ',')}; een voorgesteld anker, {nl}."),
        (f"Proposed ESCO anchor (not official): searching '{source.label}' finds the ESCO occupation '{esco}' "
         f"({anchor.score:.2f}).", *mined_en, *narrower_en, *chain.explanation("en"),
         f"Confidence: search score × official row {arithmetic}; a proposed anchor, {en}."),
        compare_levels(source, target), (first_hop, *chain.to_hops()))


def esco_pivot(table: ItemTable, index: Callable[[], SearchIndex], settings: MatchingSettings) -> PivotLookup | None:
    """The pivot over *table*, or None when it holds no ESCO occupation (*index* is built only when used)."""
    if not any(item.kind == "occupation" and item.region is None for item in table.items.values()):
        return None
    kept: list[tuple[SearchIndex, AnchorTargets]] = []  # the anchors' searches, remembered for the index

    def lookup(source: Item, to: str, rows: AnchorRows | None = None) -> list[Candidate]:
        if not needs_pivot(source):
            return []
        searched = index()
        if not kept or kept[0][0] is not searched:
            kept[:] = [(searched, anchor_targets(searched, settings))]
        return pivot_candidates(searched, table, settings, source, to, rows, kept[0][1])

    return lookup  # the index is built (or read) only for a source the pivot serves


#: Evidence a guess from names alone lacks: an official row or chain, or evidence beyond names.
_NOT_A_GUESS = BEYOND_NAMES | {PIVOT_ROW, OFFICIAL}


def guesses_below_a_row(candidates: Sequence[Candidate]) -> list[bool]:
    """For each of *candidates* (ranked), whether it is a guess from names alone that a candidate through an official
    row (a chain, or a row from a proposed anchor) ranks above: an occupation of a national classification that
    nothing but names stands behind, not reviewed."""
    marks = []
    above = False
    for candidate in candidates:
        marks.append(above and candidate.review is None and candidate.target.kind == "occupation"
                     and candidate.target.region is not None and not _NOT_A_GUESS & candidate.signals.keys())
        above = above or bool({PIVOT_ROW, OFFICIAL} & candidate.signals.keys())
    return marks


def below_a_row(candidates: Sequence[Candidate], calibration: Calibration, close_threshold: float) -> list[Candidate]:
    """*candidates*, ranked, with each guess below an official row (:func:`guesses_below_a_row`) given the confidence
    *calibration* says such a guess has had (``esco_pivot.below_row_calibration``), and ranked again. A guess's
    calibrated confidence held alone, not below an official answer: on gold set (a) train (the tables loaded, the
    subject's own rows unknown) guesses at 0.1–0.2 below such a row were right about 3 times in 100. A close match
    that falls below *close_threshold* becomes related, as elsewhere."""
    marks = guesses_below_a_row(candidates)
    return rank([_recalibrated(candidate, calibration.calibrate(candidate.confidence), close_threshold, _BELOW_A_ROW)
                 if guess else candidate for candidate, guess in zip(candidates, marks, strict=True)])


def _recalibrated(candidate: Candidate, confidence: float, close_threshold: float, why: tuple[str, str]) -> Candidate:
    """*candidate* at *confidence*, its relation held (:func:`_held`), with a line in each language saying *why*
    (followed by the calibration's arithmetic)."""
    before = candidate.confidence
    predicate = _held(candidate.predicate, confidence, close_threshold)
    return dataclasses.replace(
        candidate, confidence=confidence, predicate=predicate,
        explanation=(*candidate.explanation, f"{why[0]}: {calibration_phrase(before, confidence, 'nl')}."),
        explanation_en=(*candidate.explanation_en, f"{why[1]}: {calibration_phrase(before, confidence, 'en')}."))


_BELOW_A_ROW = ("Staat onder een kandidaat via een officiële rij, waar een gok op naam zelden juist is",
                "Listed below a candidate through an official row, where a guess from names is seldom right")
#: The line (Dutch, English) that opens the explanation of :func:`among_others`.
AMONG_OTHERS = ("Gekozen tussen de andere kandidaten van de vertaling", "Chosen among the translation's other "
                 "candidates")


def among_others(candidate: Candidate, calibration: Calibration, close_threshold: float) -> Candidate:
    """*candidate*, a calibrated guess a translation keeps (found by the pivot, or by the signals on its name alone,
    and no other way found its target with more confidence), at the confidence *calibration* says such a guess has
    had there (``esco_pivot.merged_calibration``).

    Each of the pivot's maps is fitted on its own hits. In a translation a hit is shown only where its confidence
    beats the other ways of finding the same target: on gold set (a) train, direct hits at 0.46 were right about 46
    times in 100, those a translation kept 13 times in 35 (once in 16 with the tables), because when such a hit is
    right another way usually finds its target with more confidence. The map is flat where its data were: the
    confidence before it is kept (``Candidate.before``), and breaks the ties it makes."""
    shown = _recalibrated(candidate, calibration.calibrate(candidate.confidence), close_threshold, AMONG_OTHERS)
    return dataclasses.replace(shown, before=candidate.confidence)  # where the map is flat, the order it had
