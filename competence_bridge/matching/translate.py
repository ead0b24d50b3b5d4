"""Translate an item to the other side: candidates by blocking, scored by the signals, each explained.

Candidates are found by :mod:`~competence_bridge.matching.candidates` (shared label keys after the nl-BE →
nl-NL term layer, a bounded number; ESCO anchors; recognition targets). The signals of
:mod:`competence_bridge.matching.signals` score each pair; then levels are compared (a difference is
reported and keeps a match from being exact), false friends block or flag the pair, the confidence is the
weighted mean of the signals with its penalties, and the SKOS predicate follows. Every weight, threshold
and factor is data: the ``matching`` entry of ``taxonomies/matching.yaml``
(:class:`~competence_bridge.curated.matching_settings.MatchingSettings`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from competence_bridge.curated.matching_settings import MatchingSettings
from competence_bridge.language.analyser import Analyser
from competence_bridge.language.terms import Substitution, Vocabulary
from competence_bridge.matching.breakdown import ConfidenceBreakdown
from competence_bridge.matching.candidates import Side, candidate_pool
from competence_bridge.matching.false_friends import FalseFriendRule
from competence_bridge.matching.label_rows import LabelRows, Variants, label_variants
from competence_bridge.matching.lexical import soft_dice
from competence_bridge.matching.official import bridges_after_answers
from competence_bridge.matching.recognitions import RecognitionBook, RecognitionTuple
from competence_bridge.matching.resolve import LabelIndex, label_index
from competence_bridge.matching.results import Candidate, LevelComparison, Translation, compare_levels
from competence_bridge.matching.signals import (
    SIGNALS,
    Evidence,
    LabelKeys,
    Pair,
    Signal,
    ceiling,
    check_weights,
    justification,
)
from competence_bridge.matching.statement_comparer import StatementComparer
from competence_bridge.matching.wording import shared_wording
from competence_bridge.rdf.items import CompetenceItem, Item, ItemTable
from competence_bridge.vocabulary import OTHER_SIDE

if TYPE_CHECKING:
    from competence_bridge.language.embedding import SentenceEmbedder

#: Which target kinds each source kind translates to.
TARGET_KINDS: dict[str | None, set[str]] = {
    "qualification": {"qualification"},
    "job-profile": {"job-profile", "occupation"},
    "occupation": {"job-profile", "occupation"},
    "qualification-type": {"qualification-type", "qualification"},
    None: {"qualification", "job-profile", "occupation", "qualification-type"},
}

#: The recognition statements FROM an item's type, as the bridge looks them up.
RecognitionLookup = Callable[[Item], list[RecognitionTuple]]


class Translator:
    """Scores candidates between the two sides of one :class:`ItemTable`."""

    def __init__(self, table: ItemTable, *, settings: MatchingSettings, vocabulary: Vocabulary,
                 false_friends: list[FalseFriendRule], describe_level: Callable[[str], str],
                 recognitions: RecognitionLookup, signals: Sequence[Signal] = SIGNALS,
                 esco_names: Mapping[str, str] = MappingProxyType({})) -> None:
        """A translator over *table*; *recognitions* gives the statements FROM an item's type; *esco_names* the
        Dutch names the curated data gives ESCO occupations, by id (explanations use them when ESCO is not loaded).

        :raises CompetenceBridgeError: when the settings' weights do not name exactly the signals
        """
        check_weights(settings, signals)
        self.table = table
        self.settings = settings
        self.vocabulary = vocabulary
        self.terms = vocabulary.layer
        self.false_friends = false_friends
        self.describe_level = describe_level
        self.recognitions = recognitions
        self.signals = tuple(signals)
        self.esco_names = esco_names
        self._sides: dict[str, Side] = {}
        #: compares competence statements (coverage, gap reports, competence proposals)
        self.statements = StatementComparer(table.competences.values(), self._statement_keys, self._substituted)
        # The weight of each key set met outside the sides' entries (which keep theirs: Side.weight_of), the
        # first one computed; as with the entries', a later set with the same keys gets it (the sum's order is
        # the first set's).
        self._label_weights: dict[frozenset[str], float] = {}
        self._met: dict[frozenset[str], float] = {}  # the entries' weights met in the translation under way
        #: each target's labels with their key sets, and those sets' weights, by (side, id): a fact of the side
        self._target_keys: dict[tuple[str, str], tuple[list[LabelKeys], dict[frozenset[str], float]]] = {}
        self._generic: tuple[tuple[str, ...], frozenset[str]] | None = None  # generic_words and their keys

    # --- preparation ---------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        """The translator without its embedder and memos; level and recognition lookups only when they are a
        :class:`RecognitionBook`'s (plain data), otherwise :meth:`attach` restores them."""
        kept = {name: lookup for name, lookup in (("describe_level", self.describe_level),
                                                  ("recognitions", self.recognitions))
                if isinstance(getattr(lookup, "__self__", None), RecognitionBook)}
        return {**self.__dict__, "describe_level": None, "recognitions": None, **kept, "_met": {}, "_target_keys": {}}

    def attach(self, describe_level: Callable[[str], str], recognitions: RecognitionLookup) -> None:
        """Give an unpickled translator the level and recognition lookups of the bridge it serves."""
        self.describe_level = describe_level
        self.recognitions = recognitions

    def prepare(self) -> Translator:
        """Do all the one-time work now (word analysis, IDF, both side indexes); returns self."""
        for region in OTHER_SIDE:
            self.side(region)
        _ = self._idf, self._unseen_weight, self.labels
        return self

    @cached_property
    def labels(self) -> LabelIndex:
        """Every item under its normalised labels, for finding items by name (kept with a prepared translator)."""
        return label_index(self.table)

    @property
    def analyser(self) -> Analyser:
        """The word analysis of both sides: a lexicon of every label and competence statement of the table.

        Their words are analysed once and kept; words met later only in queries are not.
        """
        return self._analysed[0]

    @property
    def rows(self) -> LabelRows:
        """The key rows of every label of the table (as written and after the term layer), in table order."""
        return self._analysed[1]

    @cached_property
    def _analysed(self) -> tuple[Analyser, LabelRows]:
        """The analyser, and the label rows its analysis of every label (as written and substituted) gave."""
        labels = [label for item in self.table.items.values() for label in item.labels]
        texts = [competence.text for competence in self.table.competences.values()]
        analyser = Analyser.from_texts(texts, labels, terms=self.vocabulary.words)
        del labels
        rows = LabelRows.build(self.table.items.values(), analyser, self.terms)
        analyser.freeze([*texts, *(self.terms.apply(text)[0] for text in texts)])
        return analyser, rows

    def keys(self, text: str) -> frozenset[str]:
        """The token keys of *text* (see :class:`~competence_bridge.language.analyser.Analyser`)."""
        return self.analyser.keys(text)

    def modifier_keys(self, label: str) -> frozenset[str]:
        """The keys of *label* that are only first parts of compounds (see ``Analyser.modifier_keys``)."""
        return self.analyser.modifier_keys(label)

    def generic_keys(self) -> frozenset[str]:
        """The keys of the settings' ``generic_words`` (kept per word list: the settings may be swapped)."""
        words = self.settings.generic_words
        cached = self._generic
        if cached is None or cached[0] != words:
            cached = self._generic = (words, frozenset(key for word in words for key in self.analyser.word_keys(word)))
        return cached[1]

    def _label_keys(self, text: str) -> tuple[frozenset[str], tuple[Substitution, ...]]:
        substituted, fired = self.terms.apply(text)
        return self.keys(substituted), fired

    def _variants(self, label: str, *, netherlands: bool = False) -> Variants:
        """A label's own keys and, when the term layer changes it, the substituted keys too (*netherlands*: a
        Dutch item's label)."""
        return label_variants(self.analyser, self.terms, label, netherlands=netherlands)

    @cached_property
    def _idf(self) -> dict[str, float]:
        rows = self.rows
        total = sum(len(item.labels) for item in self.table.items.values()) + 1
        return {rows.names[number]: math.log(1 + total / count)
                for number, count in enumerate(rows.key_counts().tolist()) if count}

    def weight(self, token: str) -> float:
        """IDF weight of a token key (unseen tokens weigh most)."""
        found = self._idf.get(token)
        return self._unseen_weight if found is None else found

    @cached_property
    def _unseen_weight(self) -> float:
        return math.log(1 + len(self.table.items) + 1)

    def side(self, region: str) -> Side:
        """The indexed targets of *region* (built once)."""
        if region not in self._sides:
            numbers = {item_id: number for number, item_id in enumerate(self.table.items)}
            items = self.table.on_side(region)
            self._sides[region] = Side(items, [numbers[item.id] for item in items], self.rows, self.weight,
                                       self._known_weight)
        return self._sides[region]

    def _statement_keys(self, text: str) -> frozenset[str]:
        return self._label_keys(text)[0]

    def _substituted(self, text: str) -> str:
        return self.terms.apply(text)[0]

    def competence_keys(self, competence: CompetenceItem) -> frozenset[str]:
        """Token keys of a competence statement after the term layer (cached)."""
        return self.statements.keys(competence)

    def shared_words(self, a: CompetenceItem, b: CompetenceItem) -> tuple[tuple[str, str], ...]:
        """The key pairs two statements share (soft Dice), as each text writes them, for explanations.

        A word as written (``installatie``, not its key ``installati``), a near match as two words, and a key only
        the term layer gave as that substitution (:func:`~competence_bridge.matching.wording.shared_wording`).
        """
        _, matched = soft_dice(self.competence_keys(a), self.competence_keys(b))
        return shared_wording(self.analyser, self.terms, matched, a.text, b.text)

    # --- what the signals ask ------------------------------------------------------------------

    @property
    def embedder(self) -> SentenceEmbedder | None:
        """The sentence embedder competence statements are compared by, if any (see :meth:`use_embeddings`)."""
        return self.statements.embedder

    def use_embeddings(self, embedder: SentenceEmbedder | None) -> None:
        """Compare competence statements by their sentence embeddings from now on (``None``: by their words again).

        See :mod:`competence_bridge.language.embedding`; the cosine is rescaled by the settings'
        ``competence_embedding`` (:mod:`~competence_bridge.matching.statements`). Coverage, gap reports and
        competence proposals all follow.
        """
        self.statements.use_embeddings(embedder)

    def use_spelling(self, on: bool | None = True) -> None:
        """Compare competence statements by IDF-weighted words and character n-grams (*on*), by word overlap
        (``False``), or as ``competence_words.used`` in the settings says (``None``); see
        :mod:`~competence_bridge.matching.statement_words`."""
        self.statements.spelling = on

    def competence_similarity(self, a: CompetenceItem, b: CompetenceItem) -> float:
        """Similarity of two statements (0..1): 1.0 for a shared ESCO skill; else their embeddings' rescaled
        cosine when embeddings are in use, else the soft Dice and overlap of their keys or (:meth:`use_spelling`) the
        rescaled mix of their IDF-weighted words and character n-grams
        (:class:`~competence_bridge.matching.statement_comparer.StatementComparer`)."""
        return self.statements.similarity(a, b, self.settings)

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
        """Dice of two label key sets with every token weighted by its IDF (so 'diploma' or 'mbo' count
        little); the total weight of each set is cached."""
        shared = a & b
        if not shared:
            return 0.0
        # fsum: exact, so the result does not hang on the order a set happens to iterate in (the hash seed)
        return 2 * math.fsum(self.weight(token) for token in shared) / (self._label_weight(a) + self._label_weight(b))

    def _label_weight(self, label_keys: frozenset[str]) -> float:
        total = self._known_weight(label_keys)
        if total is None:
            total = self._label_weights[label_keys] = math.fsum(self.weight(token) for token in label_keys)
        return total

    def _known_weight(self, label_keys: frozenset[str]) -> float | None:
        """The weight given to these keys before: to a query's set, or to an entry of a side."""
        total = self._label_weights.get(label_keys)
        if total is None:
            total = self._met.get(label_keys)
        if total is None:
            for side in self._sides.values():
                if (total := side.weight_of(label_keys)) is not None:
                    self._met[label_keys] = total
                    break
        return total

    # --- translation -----------------------------------------------------------------------

    def translate(self, source: Item, to: str, *, limit: int = 5, kinds: set[str] | None = None) -> Translation:
        """Ranked candidates for *source* among the items of region *to* of *kinds* (default: the
        :data:`TARGET_KINDS` of its kind)."""
        side = self.side(to)
        self._met.clear()
        if kinds is None:
            kinds = TARGET_KINDS.get(source.kind if source.kind != "text" else None, TARGET_KINDS[None])
        source_labels: list[LabelKeys] = [
            (label, label_keys, fired) for label in source.labels
            for label_keys, fired in self._variants(label, netherlands=source.region == "NL")]
        statements = self.recognitions(source) if source.kind in {"qualification-type", "qualification"} else []
        candidates = []
        bounded = [type(signal) for signal in self.signals] == [type(signal) for signal in SIGNALS]  # ceiling's
        for target in candidate_pool(side, source, source_labels, statements, kinds, weight=self.weight,
                                     label_weight=self._label_weight, limit=self.settings.lexical_pool):
            pair = Pair(source, target, source_labels, self._target_labels(to, side, target), statements)
            if bounded and ceiling(self, pair) < self.settings.minimum_confidence:
                continue  # most of a pool shares a word or two: below the minimum whatever the signals say
            if (candidate := self.score(pair, minimum=self.settings.minimum_confidence)) is not None:
                candidates.append(candidate)
        # at equal confidence: an item of the side asked for before an ESCO concept, then the signals' own value;
        # an ESCO concept after the item of that side that is anchored to it
        candidates = bridges_after_answers(sorted(candidates, key=lambda c: (
            -c.confidence, c.target.region is None, -c.strength, c.target.kind != "qualification-type", c.target.id)))
        return Translation(source, to, tuple(candidates[:limit]))

    def _target_labels(self, to: str, side: Side, target: Item) -> list[LabelKeys]:
        """*target*'s labels with their key sets (:meth:`.Side.label_keys`, read once per target), their weights
        noted among those met in the translation under way."""
        known = self._target_keys.get((to, target.id))
        if known is None:
            weights: dict[frozenset[str], float] = {}
            known = self._target_keys[(to, target.id)] = (side.label_keys(target, weights), weights)
        self._met.update(known[1])
        return known[0]

    def score(self, pair: Pair, *, minimum: float = 0.0) -> Candidate | None:
        """All signals for one pair, combined into one candidate (None when a false friend blocks it, or when the
        signals' value is below *minimum*: its explanation is then never written). Each signal
        (:data:`~competence_bridge.matching.signals.SIGNALS`) adds its score and the Dutch and English sentences
        explaining it; the weights, thresholds and penalties that combine them are data (``taxonomies/matching.yaml``).
        """
        source, target = pair.source, pair.target
        evidence = Evidence()
        for signal in self.signals:
            signal(self, pair, evidence)
        levels = compare_levels(source, target)
        if source.eqf and target.eqf:
            evidence.say(levels.explain(self.describe_level, "nl"), levels.explain(self.describe_level, "en"))
        if not self._false_friends(evidence, source, target):
            return None
        breakdown = self._confidence(evidence, levels, statements=bool(pair.statements))
        if breakdown.raw < minimum:
            return None
        evidence.say(breakdown.explain("nl"), breakdown.explain("en"))
        confidence = breakdown.value
        predicate = evidence.relation(confidence, self.settings)
        return Candidate(target, predicate, confidence, justification(evidence.signals), evidence.signals,
                         tuple(evidence.nl), tuple(evidence.en), levels, tuple(evidence.hops), tuple(evidence.flags),
                         breakdown=breakdown)

    def _false_friends(self, evidence: Evidence, source: Item, target: Item) -> bool:
        """Flag (or, unless an ESCO anchor or a recognition vouches for the pair, block) false friends.

        Judged on the label pair that matched and on the two preferred labels, not on every label of
        both items: which alternative label matches best turns on word weights. Returns False to block.
        When both names write the false friend itself, their likeness is no evidence: unless an official
        recognition names the pair, the name signal counts 0 (the Flemish verzorgende and the Dutch Verzorgende-IG
        share a word, not a job). A false friend reached through the term layer (graduaat → associate degree, said
        of a graduaat from before 2004) only warns.
        """
        pairs = [evidence.matched, (source.label, target.label)]  # (source side, target side)
        if source.region == "NL":
            pairs = [(target_side, source_side) for source_side, target_side in pairs]
        for rule in self.false_friends:
            if evidence.signals["lexical"] > 0 and any(rule.fires([be], [nl]) for be, nl in pairs):
                if rule.action == "block" and not evidence.vouched:
                    return False
                evidence.flags.append(rule.id)
                evidence.say(rule.warning_nl, rule.warning_en)
                if not evidence.recognised and any(rule.written_alike(be, nl) for be, nl in pairs):
                    evidence.signals["lexical"] = 0.0
                    evidence.say("De naam telt daarom niet mee.", "So the name does not count.")
        return True

    def _confidence(self, evidence: Evidence, levels: LevelComparison, *, statements: bool) -> ConfidenceBreakdown:
        """The weighted mean of the signals, then the penalties (weak words only, levels, flags, no recognition),
        then, when the name is the only evidence, the name-only calibration (``name_calibration``, fitted on
        national occupations; not for a type of education's broader or narrower scope)."""
        settings, signals = self.settings, evidence.signals
        factors: list[tuple[str, float]] = []
        if signals.get("lexical", 0) < settings.lexical_threshold and not (
                evidence.anchored or signals.get("structure", 0) >= settings.competence_threshold or evidence.named):
            # only weak word overlap: a hint (a recognition of the target's level alone does not name the target)
            factors.append(("weak-lexical", settings.weak_lexical_factor))
        if levels.mismatch:
            factors.append(("level", settings.level_penalty ** abs(levels.difference or 0)))
            evidence.flags.append("level-mismatch")
        if any(flag.startswith("ff:") for flag in evidence.flags) and not evidence.recognised:
            factors.append(("false-friend", settings.flag_penalty))
        if statements and not evidence.recognised and not levels.mismatch:
            # The source's side has an official valuation and it does not name this target. When the levels
            # differ, the level penalty has already counted that fact: the valuation names another level.
            factors.append(("no-recognition", settings.no_recognition_factor))
            evidence.flags.append("no-recognition")
            evidence.say("Geen officiële erkenning voor deze koppeling; zie de erkenningen van de bron.",
                         "No official recognition for this pairing; see the source's recognitions.")
        breakdown = ConfidenceBreakdown(tuple((name, settings.weights[name], score) for name, score in signals.items()),
                                        tuple(factors))
        others = [score for name, score in signals.items() if name != "lexical"]
        if signals.get("lexical", 0) > 0 and not any(others) and evidence.hint is None:  # a type's scope: not a name
            # The name is the only evidence: say what such a similarity has meant on held-out official pairs.
            breakdown = dataclasses.replace(breakdown,
                                            calibrated=settings.name_calibration.calibrate(breakdown.raw))
        return breakdown
