"""Translate an item to the other side: candidates from several signals, each explained.

Signals (weights and thresholds are data: the ``matching`` entry in ``taxonomies/matching.yaml``):

- ``lexical``: Dice of Dutch token keys of the labels (word forms and compound parts, see
  :class:`~competence_bridge.matching.lexical.Analyser`), after the nl-BE → nl-NL term layer;
- ``terms``: a curated term pair fired (exact 1.0, close 0.8, related 0.5);
- ``esco`` / ``isco``: a shared ESCO occupation or ISCO-08 unit group (a two-hop chain);
- ``structure``: overlap of matched competences, both directions;
- ``recognition``: an official one-way recognition statement from the source's side.

Then levels are compared (a difference is reported and keeps a match from being exact), and
false friends block or flag the pair. The result is ranked candidates with a SKOS predicate,
a confidence, a SEMAPV justification and an explanation in Dutch and English.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from competence_bridge.rdf.items import CompetenceItem, Item, ItemTable
from competence_bridge.matching.results import Candidate, Hop, LevelComparison, Translation, compare_levels
from competence_bridge.matching.lexical import Analyser, Substitution, TermLayer, soft_dice, statement_similarity
from competence_bridge.language.text import normalize
from competence_bridge.vocabulary import OTHER_SIDE


#: Which target kinds each source kind translates to.
TARGET_KINDS: dict[str | None, set[str]] = {
    "qualification": {"qualification"},
    "job-profile": {"job-profile", "occupation"},
    "occupation": {"job-profile", "occupation"},
    "qualification-type": {"qualification-type", "qualification"},
    None: {"qualification", "job-profile", "occupation", "qualification-type"},
}

_TERM_SCORE = {"exact": 1.0, "close": 0.8, "related": 0.5}

#: :func:`~competence_bridge.language.text.normalize`, cached: every candidate compares the same labels again.
_normalized = lru_cache(maxsize=1 << 16)(normalize)


@dataclass(frozen=True)
class Settings:
    """The matching settings in force (see :class:`competence_bridge.curated.models.MatchingSettings`)."""

    weights: dict[str, float]
    lexical_threshold: float
    competence_threshold: float
    exact_threshold: float
    close_threshold: float
    flag_penalty: float
    level_penalty: float
    minimum_confidence: float


@dataclass(frozen=True)
class FalseFriendRule:
    """A false friend: Flemish and Dutch forms, the action and the warning."""

    id: str
    be: tuple[str, ...]
    nl: tuple[str, ...]
    action: str
    warning_nl: str
    warning_en: str

    def fires(self, be_labels: list[str], nl_labels: list[str]) -> bool:
        """True when a Flemish label holds a Flemish form and a Dutch label a Dutch form."""
        return _contains(be_labels, self.be) and _contains(nl_labels, self.nl)


def _contains(labels: list[str], forms: tuple[str, ...]) -> bool:
    padded = [f" {_normalized(label)} " for label in labels]
    return any(f" {_normalized(form)} " in label for form in forms for label in padded)


@dataclass
class _Evidence:
    """What the signals found for one pair, stage by stage: scores, reasons (nl, en), hops and flags."""

    signals: dict[str, float] = field(default_factory=dict)
    nl: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    hops: list[Hop] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def say(self, nl: str, en: str) -> None:
        """Add one reason, in Dutch and in English."""
        self.nl.append(nl)
        self.en.append(en)


def _justification(signals: dict[str, float]) -> str:
    """The SEMAPV justification: lexical alone, a chain through ESCO/ISCO alone, or a composite."""
    active = [name for name, score in signals.items() if score > 0]
    if active == ["lexical"]:
        return "semapv:LexicalMatching" if signals["lexical"] == 1.0 else "semapv:LexicalSimilarityThresholdMatching"
    if active and set(active) <= {"esco", "isco"}:
        return "semapv:MappingChaining"
    return "semapv:CompositeMatching"


@dataclass
class _Side:
    """Targets of one region, indexed by token key for candidate generation."""

    items: list[Item]
    label_keys: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)
    index: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def weighted_dice(a: frozenset[str], b: frozenset[str], weight: Callable[[str], float]) -> float:
    """Dice with every token weighted (by IDF), so that 'diploma' or 'mbo' count little."""
    if not a or not b:
        return 0.0
    shared = sum(weight(token) for token in a & b)
    return 2 * shared / (sum(weight(token) for token in a) + sum(weight(token) for token in b))


class Translator:
    """Scores candidates between the two sides of one :class:`ItemTable`."""

    def __init__(
        self,
        table: ItemTable,
        *,
        settings: Settings,
        terms: TermLayer,
        false_friends: list[FalseFriendRule],
        describe_level: Callable[[str], str],
        recognitions: Callable[[Item], list[tuple[str, str | None, str | None, str, float]]],
        # (instrument id, object type id, level id, description, strength) of statements FROM the item
    ) -> None:
        self.table = table
        self.settings = settings
        self.terms = terms
        self.false_friends = false_friends
        self.describe_level = describe_level
        self.recognitions = recognitions
        self._sides: dict[str, _Side] = {}
        self._competence_keys: dict[str, frozenset[str]] = {}
        self._competence_scores: dict[tuple[str, str], float] = {}
        self._label_weights: dict[frozenset[str], float] = {}
        self._label_variants: dict[str, list[tuple[frozenset[str], tuple[Substitution, ...]]]] = {}

    # --- preparation ---------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # The callbacks belong to the Bridge (and its graph); attach() gives them back after unpickling.
        return {**self.__dict__, "describe_level": None, "recognitions": None}

    def attach(self, describe_level: Callable[[str], str],
               recognitions: Callable[[Item], list[tuple[str, str | None, str | None, str, float]]]) -> None:
        """Give an unpickled translator the level and recognition lookups of the bridge it serves."""
        self.describe_level = describe_level
        self.recognitions = recognitions

    def prepare(self) -> Translator:
        """Do all the one-time work now (word analysis, IDF, both side indexes); returns self."""
        for region in OTHER_SIDE:
            self.side(region)
        _ = self._idf, self._unseen_weight
        return self


    @cached_property
    def analyser(self) -> Analyser:
        """The word analysis of both sides: a lexicon of every label and competence statement of the table.

        Their words are analysed once and kept; words met later only in queries are not.
        """
        labels = [label for item in self.table.items.values() for label in item.labels]
        texts = [competence.text for competence in self.table.competences.values()]
        analyser = Analyser.from_texts(texts, labels)
        corpus = [*labels, *texts]
        analyser.freeze([*corpus, *(self.terms.apply(text)[0] for text in corpus)])
        return analyser

    def keys(self, text: str) -> frozenset[str]:
        """The token keys of *text* (see :class:`~competence_bridge.matching.lexical.Analyser`)."""
        return self.analyser.keys(text)

    def _label_keys(self, text: str) -> tuple[frozenset[str], tuple[Substitution, ...]]:
        substituted, fired = self.terms.apply(text)
        return self.keys(substituted), fired

    def _variants(self, label: str) -> list[tuple[frozenset[str], tuple[Substitution, ...]]]:
        """A label's own keys and, when the term layer changes it, the substituted keys too (cached)."""
        found = self._label_variants.get(label)
        if found is None:
            original = self.keys(label)
            substituted, fired = self._label_keys(label)
            found = [(original, ())] if substituted == original else [(original, ()), (substituted, fired)]
            self._label_variants[label] = found
        return found

    @cached_property
    def _idf(self) -> dict[str, float]:
        frequency: Counter[str] = Counter()
        labels = [label for item in self.table.items.values() for label in item.labels]
        for label in labels:
            for variant, _ in self._variants(label):
                frequency.update(variant)
        total = len(labels) + 1
        return {token: math.log(1 + total / count) for token, count in frequency.items()}

    def weight(self, token: str) -> float:
        """IDF weight of a token key (unseen tokens weigh most)."""
        found = self._idf.get(token)
        return self._unseen_weight if found is None else found

    @cached_property
    def _unseen_weight(self) -> float:
        return math.log(1 + len(self.table.items) + 1)

    def side(self, region: str) -> _Side:
        """The indexed targets of *region* (built once)."""
        if region not in self._sides:
            side = _Side(self.table.on_side(region))
            for item in side.items:
                entries = []
                for label in item.labels:
                    for label_keys, _ in self._variants(label):
                        entries.append((label, label_keys))
                        for key in label_keys:
                            side.index[key].add(item.id)
                side.label_keys[item.id] = entries
            self._sides[region] = side
        return self._sides[region]

    def competence_keys(self, competence: CompetenceItem) -> frozenset[str]:
        """Token keys of a competence statement after the term layer (cached)."""
        if competence.id not in self._competence_keys:
            self._competence_keys[competence.id] = self._label_keys(competence.text)[0]
        return self._competence_keys[competence.id]

    def shared_words(self, a: CompetenceItem, b: CompetenceItem) -> tuple[tuple[str, str], ...]:
        """The words two statements share, as they are written (after the term layer), for explanations.

        Like the key pairs of :func:`~competence_bridge.matching.lexical.soft_dice`, but ``installatie`` rather
        than its key ``installati``: a shared key gives a pair of one word (as *a* writes it), a near
        match a pair of two (``elektrische``, ``elektrotechnische``).
        """
        _, matched = soft_dice(self.competence_keys(a), self.competence_keys(b))
        left = self.analyser.spelling(self.terms.apply(a.text)[0])
        right = self.analyser.spelling(self.terms.apply(b.text)[0])
        pairs = ((left.get(x, x), left.get(x, x) if x == y else right.get(y, y)) for x, y in matched)
        return tuple(sorted(pairs))

    # --- signals ---------------------------------------------------------------------------

    def competence_similarity(self, a: CompetenceItem, b: CompetenceItem) -> float:
        """Similarity of two statements: soft Dice and overlap of their keys, or 1.0 for a shared ESCO skill."""
        if a.esco_skills & b.esco_skills:
            return 1.0
        pair = (a.id, b.id)
        score = self._competence_scores.get(pair)
        if score is None:
            score = self._competence_scores[pair] = statement_similarity(self.competence_keys(a),
                                                                         self.competence_keys(b))
        return score

    def coverage(self, source: Item, target: Item) -> tuple[float, float]:
        """Share of *source*'s competences matched in *target*, and the other way round."""
        if not source.competences or not target.competences:
            return 0.0, 0.0
        threshold = self.settings.competence_threshold
        scores = [[self.competence_similarity(a, b) for b in target.competences] for a in source.competences]
        forward = sum(1 for row in scores if max(row) >= threshold)
        backward = sum(1 for column in zip(*scores, strict=True) if max(column) >= threshold)
        return forward / len(source.competences), backward / len(target.competences)

    def label_similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """:func:`weighted_dice` of two label key sets by IDF, with the total weight of each set cached."""
        shared = a & b
        if not shared:
            return 0.0
        return 2 * sum(self.weight(token) for token in shared) / (self._label_weight(a) + self._label_weight(b))

    def _label_weight(self, label_keys: frozenset[str]) -> float:
        total = self._label_weights.get(label_keys)
        if total is None:
            total = self._label_weights[label_keys] = sum(self.weight(token) for token in label_keys)
        return total

    def _lexical(self, source_labels: list[tuple[str, frozenset[str]]], target: Item,
                 side: _Side) -> tuple[float, str, str]:
        best = (0.0, "", "")
        for source_label, source_keys in source_labels:
            for target_label, target_keys in side.label_keys[target.id]:
                if _normalized(source_label) == _normalized(target_label):
                    score = 1.0
                else:
                    score = self.label_similarity(source_keys, target_keys)
                if score > best[0]:
                    best = (score, source_label, target_label)
        return best

    # --- translation -----------------------------------------------------------------------

    def translate(self, source: Item, to: str, *, limit: int = 5) -> Translation:
        """Ranked candidates for *source* among the items of region *to*."""
        side = self.side(to)
        kinds = TARGET_KINDS.get(source.kind if source.kind != "text" else None, TARGET_KINDS[None])
        source_labels = []
        substitutions: dict[str, Substitution] = {}
        for label in source.labels:
            for label_keys, fired in self._variants(label):
                source_labels.append((label, label_keys))
                for substitution in fired:
                    substitutions[substitution.term_pair] = substitution
        pool: set[str] = set()
        for _, label_keys in source_labels:
            for key in label_keys:
                pool |= side.index.get(key, set())
        by_id = {item.id: item for item in side.items}
        for item in side.items:
            if item.kind in kinds and ((source.esco & item.esco) or (source.isco & item.isco)):
                pool.add(item.id)
        statements = self.recognitions(source) if source.kind in {"qualification-type", "qualification"} else []
        for _, target_id, _, _, _ in statements:
            if target_id:
                pool.add(target_id)
        level_targets = {level for _, _, level, _, _ in statements if level}
        for item in side.items:
            if level_targets & set(item.levels) and item.kind in kinds:
                pool.add(item.id)
        candidates = []
        for target_id in pool:
            target = by_id.get(target_id)
            if target is None or target.kind not in kinds or target.id == source.id:
                continue
            candidate = self.score(source, target, source_labels, substitutions, statements, side)
            if candidate is not None and candidate.confidence >= self.settings.minimum_confidence:
                candidates.append(candidate)
        candidates.sort(key=lambda c: (-c.confidence, c.target.kind != "qualification-type", c.target.id))
        return Translation(source, to, tuple(candidates[:limit]))

    def score(self, source: Item, target: Item, source_labels, substitutions, statements, side) -> Candidate | None:  # noqa: ANN001
        """All signals for one pair, combined into one candidate (None when a false friend blocks it).

        Each signal is its own stage (a ``_signal_*`` method) that adds its score to the evidence with
        the Dutch and English sentences explaining it; the weights, thresholds and penalties that
        combine them are data (``taxonomies/matching.yaml``).
        """
        evidence = _Evidence()
        from_label, to_label = self._signal_lexical(evidence, source_labels, target, side)
        used = self._signal_terms(evidence, substitutions, target)
        shared_esco = self._signal_anchors(evidence, source, target)
        structure_hint = self._signal_structure(evidence, source, target)
        recognised = self._signal_recognition(evidence, statements, target)
        levels = compare_levels(source, target)
        if source.eqf and target.eqf:
            evidence.say(levels.explain(self.describe_level, "nl"), levels.explain(self.describe_level, "en"))
        if not self._false_friends(evidence, source, target, (from_label, to_label), shared_esco or recognised):
            return None
        confidence = self._confidence(evidence, levels, statements=bool(statements), recognised=recognised,
                                      anchored=bool(shared_esco or used))
        predicate = self._predicate(evidence, confidence, structure_hint, recognised)
        return Candidate(target, predicate, min(confidence, 1.0), _justification(evidence.signals), evidence.signals,
                         tuple(evidence.nl), tuple(evidence.en), levels, tuple(evidence.hops), tuple(evidence.flags))

    # --- the signals, one stage each ----------------------------------------------------------

    def _signal_lexical(self, evidence: _Evidence, source_labels, target: Item, side) -> tuple[str, str]:  # noqa: ANN001
        """Weighted word overlap of the best pair of labels; returns that pair."""
        lexical, from_label, to_label = self._lexical(source_labels, target, side)
        evidence.signals["lexical"] = lexical
        if lexical > 0:
            evidence.say(f"Naam '{from_label}' ≈ '{to_label}' ({lexical:.0%} gedeelde woorden).",
                         f"Name '{from_label}' ≈ '{to_label}' ({lexical:.0%} shared words).")
        return from_label, to_label

    def _signal_terms(self, evidence: _Evidence, substitutions: dict[str, Substitution],
                      target: Item) -> list[Substitution]:
        """The nl-BE → nl-NL term substitutions whose Dutch form occurs in the target's labels."""
        target_text = " ".join(_normalized(label) for label in target.labels)
        used = [s for s in substitutions.values() if f" {s.target} " in f" {target_text} "]
        if used:
            evidence.signals["terms"] = max(_TERM_SCORE[s.relation] for s in used)
            pairs = ", ".join(f"{s.source} → {s.target}" for s in used)
            evidence.say(f"Termvervanging Vlaams → Nederlands: {pairs}.",
                         f"Term substitution Flemish → Netherlands Dutch: {pairs}.")
        return used

    def _signal_anchors(self, evidence: _Evidence, source: Item, target: Item) -> list[str]:
        """Shared ESCO occupation (a two-hop chain through it) and shared ISCO-08 unit group."""
        shared_esco = sorted(source.esco & target.esco)
        if source.esco and target.esco:
            evidence.signals["esco"] = 1.0 if shared_esco else 0.0
        if shared_esco:
            pivot = shared_esco[0]
            name = f"{self.table.items[pivot].label} ({pivot})" if pivot in self.table.items else pivot
            first = 1.0 if source.kind == "occupation" else 0.9
            second = 1.0 if target.kind == "occupation" else 0.9
            if source.id != pivot:
                evidence.hops.append(Hop(source.id, pivot, "skos:closeMatch", first,
                                         "bron is gekoppeld aan dit ESCO-beroep"))
            if target.id != pivot:
                evidence.hops.append(Hop(pivot, target.id, "skos:closeMatch", second,
                                         "doel is gekoppeld aan dit ESCO-beroep"))
            evidence.say(f"Zelfde ESCO-beroep: {name}.", f"Same ESCO occupation: {name}.")
        shared_isco = sorted(source.isco & target.isco)
        if source.isco and target.isco:
            evidence.signals["isco"] = 1.0 if shared_isco else 0.0
            if shared_isco:
                evidence.say(f"Zelfde ISCO-08-beroepsgroep {', '.join(shared_isco)}.",
                             f"Same ISCO-08 unit group {', '.join(shared_isco)}.")
        return shared_esco

    def _signal_structure(self, evidence: _Evidence, source: Item, target: Item) -> str | None:
        """Overlap of matched competences, both directions; a broad/narrow hint when one side holds the other."""
        # Only own competences: a job profile's borrowed ones are its qualification's, which is scored itself.
        if not (source.competences and target.competences) or source.competences_from or target.competences_from:
            return None
        forward, backward = self.coverage(source, target)
        evidence.signals["structure"] = (forward + backward) / 2
        evidence.say(f"Competenties: {forward:.0%} van de bron komt terug in het doel, "
                     f"{backward:.0%} van het doel in de bron.",
                     f"Competences: {forward:.0%} of the source recur in the target, "
                     f"{backward:.0%} of the target in the source.")
        if forward >= 0.7 and backward < 0.5:
            return "skos:broadMatch"
        if backward >= 0.7 and forward < 0.5:
            return "skos:narrowMatch"
        return None

    def _signal_recognition(self, evidence: _Evidence, statements, target: Item) -> bool:  # noqa: ANN001
        """Official recognition statements of the source that name the target or its level."""
        recognition = [(description, strength) for _, obj, level, description, strength in statements
                       if obj == target.id or (level is not None and level in target.levels)]
        if statements:
            evidence.signals["recognition"] = max((strength for _, strength in recognition), default=0.0)
            for description, _ in recognition:
                evidence.say(f"Erkenning: {description}.", f"Recognition: {description}.")
        return bool(recognition)

    def _false_friends(self, evidence: _Evidence, source: Item, target: Item, matched: tuple[str, str],
                       vouched: bool) -> bool:
        """Flag (or, unless an ESCO anchor or a recognition vouches for the pair, block) false friends.

        Judged on the label pair that matched and on the two preferred labels, not on every label of
        both items: which alternative label matches best turns on word weights. Returns False to block.
        """
        pairs = [matched, (source.label, target.label)]  # (source side, target side)
        if source.region == "NL":
            pairs = [(target_side, source_side) for source_side, target_side in pairs]
        for rule in self.false_friends:
            if evidence.signals["lexical"] > 0 and any(rule.fires([be], [nl]) for be, nl in pairs):
                if rule.action == "block" and not vouched:
                    return False
                evidence.flags.append(rule.id)
                evidence.say(rule.warning_nl, rule.warning_en)
        return True

    def _confidence(self, evidence: _Evidence, levels: LevelComparison, *, statements: bool, recognised: bool,
                    anchored: bool) -> float:
        """The weighted mean of the signals, then the penalties (weak words only, levels, flags, no recognition)."""
        settings, signals = self.settings, evidence.signals
        total = sum(settings.weights[name] for name in signals)
        confidence = sum(settings.weights[name] * score for name, score in signals.items()) / total if total else 0.0
        if signals.get("lexical", 0) < settings.lexical_threshold and not (
                anchored or signals.get("structure", 0) >= settings.competence_threshold
                or signals.get("recognition", 0) > 0):
            confidence *= 0.5  # only weak word overlap: keep it as a hint, not a proposal
        if levels.mismatch:
            confidence *= settings.level_penalty ** abs(levels.difference or 0)
            evidence.flags.append("level-mismatch")
        if any(flag.startswith("ff:") for flag in evidence.flags) and not recognised:
            confidence *= settings.flag_penalty
        if statements and not recognised:
            # The source's side has an official valuation and it does not name this target.
            confidence *= 0.5
            evidence.flags.append("no-recognition")
            evidence.say("Geen officiële erkenning voor deze koppeling; zie de erkenningen van de bron.",
                         "No official recognition for this pairing; see the source's recognitions.")
        return confidence

    def _predicate(self, evidence: _Evidence, confidence: float, structure_hint: str | None, recognised: bool) -> str:
        """The SKOS relation: exact only when confident and unflagged; broad/narrow from the structure hint."""
        settings = self.settings
        # A false-friend warning does not stand in the way of an officially recognised pair.
        blocking = [flag for flag in evidence.flags if not (flag.startswith("ff:") and recognised)]
        if confidence >= settings.exact_threshold and not blocking and structure_hint is None:
            return "skos:exactMatch"
        if structure_hint is not None and confidence >= settings.close_threshold * 0.8:
            return structure_hint
        if confidence >= settings.close_threshold:
            return "skos:closeMatch"
        return "skos:relatedMatch"
