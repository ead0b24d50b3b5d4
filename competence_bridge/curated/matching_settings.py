"""The settings of matching and search: every weight, threshold and factor, validated (``taxonomies/matching.yaml``).

Each field says what it does; ``tests/test_matching_settings.py`` changes each one and shows which named case
or gold pair it decides.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from competence_bridge.vocabulary import PREDICATES, Predicate

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # validators built on first use (see models)
_Share = Annotated[float, Field(ge=0, le=1)]
#: The id of a settings entry, a CURIE (the pattern of ``competence_bridge.curated.models.Curie``).
_Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*:[A-Za-z0-9][A-Za-z0-9._-]*$")]


def _check_keys(name: str, table: dict[str, float], keys: tuple[str, ...]) -> None:
    """Refuse a table that misses one of *keys* or names another."""
    missing = [key for key in keys if key not in table]
    unknown = [key for key in table if key not in keys]
    if missing or unknown:
        raise ValueError(f"{name} needs exactly {', '.join(keys)}"
                         + (f"; missing {', '.join(missing)}" if missing else "")
                         + (f"; unknown {', '.join(unknown)}" if unknown else ""))


class SearchSettings(BaseModel):
    """Weights and cut-offs of search (:mod:`competence_bridge.matching.search`; its docstring gives the formula)."""

    model_config = _FROZEN

    role_weights: dict[str, _Share] = Field(
        description="What a label of each role is worth against a preferred one (``level``: the item's level "
                    "named as 'VKS 5', 'EQF 5').")
    description_weight: _Share = Field(
        description="Share of the rest to 1 that a description covering the whole query adds to a label's score.")
    bm25_k1: float = Field(gt=0, description="Term-frequency saturation of descriptions (BM25 k1).")
    bm25_b: _Share = Field(description="Description length normalisation (BM25 b).")
    synonym_factor: _Share = Field(description="Worth of a Flemish/Netherlands synonym against the word itself.")
    synonym_relations: tuple[Literal["exact", "close", "related"], ...] = Field(
        description="The relations of the term pairs whose forms are search synonyms (never a false friend's).")
    mined_synonym_factor: _Share = Field(
        description="Worth of a synonym mined from official labels (taxonomies/mined-synonyms.yaml) against the "
                    "word itself: weaker than a curated one.")
    derivation_factors: dict[str, _Share] = Field(
        description="Worth of a derived word: suffix family (-isch/-icus/-iek, -ateur/-ator), agent noun (-er/-ing).")
    fuzzy_cutoff: float = Field(gt=0, le=100, description="rapidfuzz ratio from which a spelling variant counts.")
    fuzzy_zero: float = Field(ge=0, lt=100, description="Ratio at which a spelling variant would be worth nothing "
                                                        "(its worth falls linearly from fuzzy_factor at 100).")
    fuzzy_factor: _Share = Field(description="Worth of a spelling variant at ratio 100.")
    gram_weight: _Share = Field(description="Share of a label's score taken by its character 3-gram cosine.")
    gram_floor: float = Field(ge=0, lt=1, description="A 3-gram cosine counts only above this (rescaled to 0..1).")
    coverage_power: float = Field(gt=0, description="Exponent of the query coverage P: a label must cover most "
                                                    "of the query.")
    joint: _Share = Field(description="What a query word only the label's description covers counts for in P.")
    rerank: int = Field(ge=1, description="Candidates (by unit score, and by 3-grams) whose labels are scored in full.")
    posting_budget: int = Field(ge=1, description="Postings a query reads, rarest keys first, once it has ``rerank`` "
                                                  "candidates: the keys whose postings would exceed it are not read "
                                                  "(a document sharing only the commonest query words is not a "
                                                  "candidate), so a query's cost stays bounded as the index grows.")
    minimum_score: _Share = Field(description="Hits scoring below this are dropped.")

    @model_validator(mode="after")
    def _consistent(self) -> SearchSettings:
        if self.fuzzy_zero >= self.fuzzy_cutoff:
            raise ValueError(f"fuzzy_zero ({self.fuzzy_zero}) must lie below fuzzy_cutoff ({self.fuzzy_cutoff})")
        _check_keys("role_weights", self.role_weights, ("pref", "alt", "hidden", "level"))
        _check_keys("derivation_factors", self.derivation_factors, ("suffix", "agent"))
        return self


class EmbeddingSettings(BaseModel):
    """How a sentence embedding's cosine becomes a competence similarity (used only when embeddings are asked for).

    The model's cosines are compressed (unrelated statements near 0.83, equivalent ones near 0.90) and rank far
    better than they decide, so the scale has two fitted points: ``floor`` gives 0 and ``covered`` gives
    ``competence_threshold``; a cosine of 1 gives 1, linearly in between (``matching/statements.py``).
    """

    model_config = _FROZEN

    model: Literal["multilingual-e5-small"] = Field(description="The model the scale was fitted for.")
    floor: float = Field(ge=-1, lt=1, description="Cosine that counts as no similarity (and anything below).")
    covered: float = Field(gt=-1, lt=1, description="Cosine from which two statements count as covering each other.")
    fitted_on: str = Field(min_length=1, description="The data, split and rule the two points come from.")

    @model_validator(mode="after")
    def _ordered(self) -> EmbeddingSettings:
        if self.floor >= self.covered:
            raise ValueError(f"floor ({self.floor}) must lie below covered ({self.covered})")
        return self


class StatementWordSettings(BaseModel):
    """How the core compares two competence statements: IDF-weighted words mixed with character n-grams, rescaled.

    The mix ``word_weight · words + (1 − word_weight) · spelling`` is put on the similarity scale by two fitted
    points, as the embedding's cosine is: ``floor`` gives 0 and ``covered`` gives ``competence_threshold``; a
    mix of 1 gives 1, linearly in between (``matching/statement_words.py``).
    """

    model_config = _FROZEN

    used: bool = Field(description="Whether the core compares statements this way by default; false: by word overlap "
                                   "(soft Dice and overlap of their keys), the measure the translation signals, "
                                   "their calibrations and the curated gold set were tuned with.")
    word_weight: _Share = Field(description="Share of the IDF-weighted word similarity in the mix (the rest: "
                                            "spelling).")
    gram_sizes: tuple[int, ...] = Field(min_length=1, description="Lengths of the character n-grams compared.")
    floor: float = Field(ge=0, lt=1, description="Mix that counts as no similarity (and anything below).")
    covered: float = Field(gt=0, lt=1, description="Mix from which two statements count as covering each other.")
    chosen_on: str = Field(min_length=1, description="The data, split and rule the weight and points come from.")

    @model_validator(mode="after")
    def _ordered(self) -> StatementWordSettings:
        if self.floor >= self.covered:
            raise ValueError(f"floor ({self.floor}) must lie below covered ({self.covered})")
        if any(size < 1 or size > 8 for size in self.gram_sizes) or len(set(self.gram_sizes)) < len(self.gram_sizes):
            raise ValueError(f"gram_sizes ({list(self.gram_sizes)}) must be distinct lengths from 1 to 8")
        return self


class SearchEmbeddingSettings(BaseModel):
    """How search fuses a sentence embedding's cosine with its own score (used only when embeddings are asked for).

    A document is embedded as its preferred label and the start of its description. The search's best ``rerank``
    hits and the embedding's best ``candidates`` documents compete on the search score plus ``weight`` times
    the cosine rescaled so that ``floor`` gives 0 and 1 gives 1 (``matching/search_meaning.py``).
    """

    model_config = _FROZEN

    model: Literal["multilingual-e5-small"] = Field(description="The model the weight and floor were chosen for.")
    weight: float = Field(ge=0, description="Worth of a rescaled cosine of 1 against a search score of 1.")
    floor: float = Field(ge=-1, lt=1, description="Cosine that counts as no likeness (and anything below).")
    candidates: int = Field(ge=0, description="Documents closest by embedding that join the search's hits.")
    alone_floor: float = Field(ge=-1, lt=1, description="Cosine from which a document search did not find may be "
                                                        "a hit by its meaning alone.")
    description_chars: int = Field(ge=0, description="Characters of a description embedded after the label.")
    chosen_on: str = Field(min_length=1, description="The data, split and rule the values were chosen on.")


class Calibration(BaseModel):
    """What a score means: a monotone map from a score to the precision observed on held-out pairs.

    When the only signal of a pair is its name (no term pair, anchor, competences or recognition), or when a
    pair comes from two name searches through a proposed ESCO anchor, the score is a similarity, not a
    probability: on the official occupation pairs (gold set (a)) a name similarity of 0.6 is right about once in
    five. ``points`` are (score, observed precision), fitted by ``benchmarks/fit_name_calibration.py``; between
    points the map is linear, below the first it falls linearly to 0, above the last it stays at the last.

    >>> round(Calibration(points=((0.2, 0.05), (0.6, 0.2), (1.0, 0.9)), fitted_on="example").calibrate(0.4), 4)
    0.125
    """

    model_config = _FROZEN

    points: tuple[tuple[_Share, _Share], ...] = Field(
        min_length=2, description="(score, calibrated confidence), the first strictly increasing, "
                                  "the second never decreasing.")
    fitted_on: str = Field(min_length=1, description="The data, split and rule the points come from.")

    @model_validator(mode="after")
    def _monotone(self) -> Calibration:
        for (x0, y0), (x1, y1) in itertools.pairwise(self.points):
            if x1 <= x0:
                raise ValueError(f"points must rise strictly in their first value: {x1} follows {x0}")
            if y1 < y0:
                raise ValueError(f"points must never fall in their second value: {y1} follows {y0}")
        return self

    def calibrate(self, raw: float) -> float:
        """The calibrated confidence of a score *raw*."""
        points = self.points
        if raw <= points[0][0]:
            # at most the first point's value: y·raw/x rounded could pass it by one ulp (and so the next points)
            return min(points[0][1] * (raw / points[0][0]), points[0][1]) if points[0][0] > 0 else points[0][1]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if raw <= x1:  # kept within [y0, y1]: rounding must not lift a point's neighbour above the next point
                return min(max(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), y0), y1)
        return points[-1][1]


class PivotSettings(BaseModel):
    """Candidates found by search for a name without an ESCO anchor (:mod:`competence_bridge.matching.pivot`):
    directly among the other side's occupations, or through a proposed ESCO anchor."""

    model_config = _FROZEN

    esco_hits: int = Field(ge=1, description="ESCO occupations a source's name may propose as its anchor.")
    target_hits: int = Field(ge=1, description="Occupations of the other side each proposed anchor's name may find.")
    name_overlap: float = Field(gt=0, le=1, description="Without crosswalk tables, a proposed anchor is searched by "
                                "its preferred label and by each other label whose unit keys overlap a label of an "
                                "occupation of the other side by at least this share (Jaccard; 1: the same keys).")
    factor: _Share = Field(description="Confidence factor on the product of the two search scores: a proposed "
                                       "anchor is less sure than an official one.")
    calibration: Calibration = Field(description="What that score has meant on held-out official pairs: the "
                                                 "candidate's confidence.")
    direct_hits: int = Field(ge=0, description="Occupations of the other side the source's name may find directly.")
    direct_calibration: Calibration = Field(description="What a direct search score has meant on held-out official "
                                                        "pairs: the candidate's confidence.")
    direct_calibration_narrower: Calibration = Field(
        description="The same, for a direct hit whose label holds every word of the name and more (the occupation "
                    "found is narrower than the name): such a score has meant less.")
    row_calibration: Calibration = Field(description="What a proposed anchor's search score times the confidence of "
                                                     "an official row from it has meant on held-out official pairs: "
                                                     "the candidate's confidence (only with crosswalk tables).")
    row_calibration_narrower: Calibration = Field(
        description="The same, for a proposed anchor whose matched label holds every word of the name and more (the "
                    "ESCO occupation is narrower than the name): such a score has meant less.")
    merged_calibration: Calibration = Field(
        description="What the confidence of a calibrated guess a translation keeps (the pivot's, or a candidate of "
                    "the signals whose only evidence is its name) has meant there, among the other ways of finding "
                    "(each way's own map is fitted on its hits alone; a hit whose confidence wins among them is a "
                    "different sample): its confidence in the translation.")
    below_row_calibration: Calibration = Field(
        description="What the confidence of a guess from names alone (an occupation no row, chain, anchor, structure "
                    "or recognition stands behind) has meant when a candidate through an official row ranks above "
                    "it: its confidence then (only with crosswalk tables).")


class MatchingSettings(BaseModel):
    """Weights and thresholds of the translation signals and of search: data, so they are tuned without code changes.

    ``weights`` has one entry per signal of :mod:`competence_bridge.matching.signals` (the translator refuses
    settings that miss one or name an unknown one).
    """

    model_config = _FROZEN

    id: _Id
    weights: dict[str, float] = Field(description="Weight of each signal in the confidence (a weighted mean).")
    lexical_threshold: _Share = Field(description="Token similarity below which word overlap alone is weak.")
    competence_threshold: _Share = Field(description="Competence similarity that counts as covered.")
    exact_threshold: _Share = Field(description="Confidence needed to call a match exact (with evidence beyond the "
                                                "names: a shared ESCO anchor, shared competences or a recognition).")
    close_threshold: _Share = Field(description="Confidence needed to call a match close.")
    flag_penalty: _Share = Field(description="Confidence factor for a flagged false friend.")
    level_penalty: _Share = Field(description="Confidence factor per EQF level of difference.")
    minimum_confidence: _Share = Field(description="Candidates whose signals' confidence (before the name-only "
                                                    "calibration) lies below this are not reported.")
    lexical_pool: int = Field(ge=1, description="Candidates that share only words with a source: at most this many "
                                                "are scored, those sharing the most IDF-weighted words first "
                                                "(anchors, recognitions and levels always are).")
    term_scores: dict[str, _Share] = Field(
        description="Score of the terms signal by the relation of the term pair that fired.")
    weak_lexical_factor: _Share = Field(
        description="Confidence factor of a pair that only weak word overlap supports (no anchor, term, "
                    "shared competences or recognition): kept as a hint, not a proposal.")
    no_recognition_factor: _Share = Field(
        description="Confidence factor when the source's side has official recognitions and none names the target.")
    name_calibration: Calibration = Field(
        description="What a confidence resting on the name alone means (fitted on held-out pairs).")
    hop_confidence: dict[str, _Share] = Field(
        description="Confidence of a hop through a shared ESCO occupation: from or to the occupation itself, or "
                    "from or to an item linked to it.")
    structure_hint: dict[str, _Share] = Field(
        description="Broad/narrow match when the competences one way cover at least 'holds' and the other way "
                    "less than 'lacks'.")
    hint_close_factor: _Share = Field(
        description="A broad/narrow hint needs a confidence of close_threshold times this.")
    recognition_strengths: dict[str, _Share] = Field(
        description="Strength of a recognition statement: type to type, to a level only, or with a qualifier.")
    generic_words: tuple[Annotated[str, Field(pattern=r"^[a-z]+$")], ...] = Field(
        description="Words and compound parts of job titles that say nothing about the job on their own (basis, "
                    "hulp, assistent): two names sharing only these share no occupation, so they score no word "
                    "overlap.")
    role_words: tuple[Annotated[str, Field(pattern=r"^[a-z]+$")], ...] = Field(
        description="Words (folded) that name a person's role, such as a school's staff (docent, leerkracht, "
                    "coordinator): beside a type of education's name they make a text a job at such a school, not a "
                    "programme of the type (docent hbo, leerkracht TSO).")
    esco_pivot: PivotSettings = Field(description="Candidates found by search for a name without an ESCO anchor: "
                                                  "directly, or through a proposed ESCO anchor.")
    competence_words: StatementWordSettings = Field(
        description="How the core compares competence statements (words and spelling) and its scale.")
    competence_embedding: EmbeddingSettings = Field(
        description="Scale of the optional sentence-embedding competence similarity.")
    search_embedding: SearchEmbeddingSettings = Field(
        description="How search fuses the optional sentence embedding with its own score.")
    search: SearchSettings

    @model_validator(mode="after")
    def _complete(self) -> MatchingSettings:
        _check_keys("term_scores", self.term_scores, ("exact", "close", "related"))
        _check_keys("hop_confidence", self.hop_confidence, ("occupation", "linked"))
        _check_keys("structure_hint", self.structure_hint, ("holds", "lacks"))
        _check_keys("recognition_strengths", self.recognition_strengths, ("type", "level", "qualified"))
        negative = [name for name, value in self.weights.items() if value < 0]
        if negative:
            raise ValueError(f"weights must not be negative: {', '.join(negative)}")
        return self


class CrosswalkSettings(BaseModel):
    """Confidences of chains through ESCO from official crosswalk tables (:mod:`competence_bridge.matching.chains`).

    Hand-set, like the matching weights, until they are fitted on held-out pairs (issue 12).
    """

    model_config = _FROZEN

    id: _Id
    hop_confidence: dict[Predicate, float] = Field(
        description="Confidence of one hop, by the SKOS relation an official table gives it.")
    anchor_confidence: float = Field(ge=0, le=1, description="Confidence of a curated item's own ESCO anchor as a hop.")
    chain_cap: dict[Predicate, float] = Field(
        default_factory=dict, description="At most this confidence for a chain with this composed relation.")
    minimum_confidence: float = Field(ge=0, le=1, description="Chains below this are not reported.")

    @model_validator(mode="after")
    def _complete(self) -> CrosswalkSettings:
        missing = [p for p in PREDICATES if p not in self.hop_confidence]
        if missing:
            raise ValueError(f"hop_confidence needs every SKOS relation; missing {', '.join(missing)}")
        for name, table in (("hop_confidence", self.hop_confidence), ("chain_cap", self.chain_cap)):
            for predicate, value in table.items():
                if not 0 <= value <= 1:
                    raise ValueError(f"{name} of {predicate} must lie between 0 and 1, not {value}")
        return self
