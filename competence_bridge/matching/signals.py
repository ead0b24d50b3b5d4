"""The signals of translation: each scores one candidate pair and says why, in Dutch and English.

Every signal is one class with a ``name`` (its weight in ``weights`` of ``taxonomies/matching.yaml``) that
implements :class:`Signal`: called with the translator (a :class:`Context`), the :class:`Pair` and the
:class:`Evidence` gathered so far, it writes its score into ``evidence.signals[name]``, explains it with
``evidence.say(dutch, english)`` and, where it applies, marks what later stages read (the matched label
pair, an anchor, a broad/narrow hint, a recognition). :data:`SIGNALS` is the order they run in; adding a
signal is one class here, one entry in that tuple and one weight in the settings.

- ``lexical``: IDF-weighted Dice of the labels' token keys (the best label pair; the same label scores 1);
- ``terms``: a curated Flemish term rewrote the matched Flemish name and its Dutch form is in the matched
  Netherlands name, the names matching;
- ``esco`` / ``isco``: a shared ESCO occupation (a two-hop chain) or ISCO-08 unit group
  (:mod:`~competence_bridge.matching.anchor_signals`);
- ``structure``: overlap of matched competences, both directions;
- ``recognition``: an official recognition statement from the source's side names the target or its level.
"""

from __future__ import annotations

from collections.abc import Sequence

from competence_bridge.curated.matching_settings import MatchingSettings
from competence_bridge.errors import CompetenceBridgeError
from competence_bridge.language.terms import Substitution, Vocabulary
from competence_bridge.language.text import as_written, one_word_of
from competence_bridge.matching.anchor_signals import EscoAnchor, IscoAnchor
from competence_bridge.matching.evidence import Context, Evidence, LabelKeys, Pair, Signal, folded
from competence_bridge.matching.type_scope import type_scope

__all__ = ["SIGNALS", "Context", "Evidence", "LabelKeys", "Pair", "Signal", "ceiling", "check_weights", "folded",
           "justification"]


class Lexical:
    """Weighted word overlap of the best pair of labels (1.0 for the same label after folding)."""

    name = "lexical"

    def __call__(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score the best label pair; mark it as the matched pair (see :meth:`_score`); a type of education whose
        name the other name holds with more words is broader than it (:func:`.type_scope.type_scope`)."""
        self._score(context, pair, evidence)
        if evidence.matched_rows is not None:
            type_scope(context, pair, evidence, evidence.matched_rows)

    def _score(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score the best label pair; mark it as the matched pair.

        A pair of labels that shares only generic words or compound parts (``generic_words``: basis in
        basisverpleegkundige and basislasser, assistent in onderwijsassistent and logistiek assistent) scores 0:
        it is no evidence of the same occupation. That holds after a term rewrite too: 'Diploma secundair
        onderwijs KSO' rewritten to 'diploma voortgezet onderwijs kso' shares only generic words with 'hoger
        algemeen voortgezet onderwijs' (havo), as it does with 'Vwo-diploma'.
        """
        lexical, best, generic = 0.0, None, None
        generic_keys = context.generic_keys()
        for source_label in pair.labels:
            for target_label in pair.target_labels:
                same = folded(source_label[0]) == folded(target_label[0])
                score = 1.0 if same else context.label_similarity(source_label[1], target_label[1])
                # the same label counts 0 too when it is one generic word naming work (a school word names a type)
                if score > 0 and self._only_generic(source_label, target_label, generic_keys) and (not same or (
                        pair.target.kind in WORK and one_word_of(source_label[0], context.settings.generic_words))):
                    generic, score = generic or (source_label, target_label), 0.0
                if score > lexical:
                    lexical, best = score, (source_label, target_label)
        evidence.signals[self.name] = lexical
        if best is None:
            evidence.matched = ("", "")
            if generic is not None:
                parts = ", ".join(sorted(generic[0][1] & generic[1][1]))
                _say_names(evidence, *generic, f" telt niet: alleen een algemeen woord is gedeeld ({parts}).",
                           f" does not count: only a generic word is shared ({parts}).")
            return
        source, target = best
        evidence.matched, evidence.matched_rows = (source[0], target[0]), best
        shared = _shared(source, target)
        modifiers = context.modifier_keys(source[0]), context.modifier_keys(target[0])
        if lexical < 1.0 and shared and shared <= modifiers[0] | modifiers[1]:
            # each part as written where it is a word or a head (bakker, not the bakkers of bakkersgast)
            spelling = context.analyser.spelling(source[0]), context.analyser.spelling(target[0])
            written = sorted({spelling[key in modifiers[0]].get(key, key) for key in shared})
            _say_first_parts(evidence, source, target, lexical, written, shared, modifiers)
            return
        fired = source[2] + target[2]
        if not fired:
            # Words written differently that the analyser reads as one (technieker ~ technicus, a plural, a
            # gender form) are named, so that "shared" is never said of words that are not written alike.
            spelled, spelled_target = context.analyser.spelling(source[0]), context.analyser.spelling(target[0])
            equated = ", ".join(sorted({f"{spelled[key]} ~ {spelled_target[key]}" for key in shared
                                        if spelled.get(key, key) != spelled_target.get(key, key)}))
            alike = (f"; als hetzelfde woord gelezen: {equated}", f"; read as the same word: {equated}") if equated \
                else ("", "")
            inside = _inside_compounds(context, source[0], target[0], shared)
            if inside:
                _say_names(evidence, source, target,
                           f" ({lexical:.0%} gedeelde woorden en woorddelen{alike[0]}; als deel van een "
                           f"samenstelling: {inside[0]}).",
                           f" ({lexical:.0%} shared words and word parts{alike[1]}; as part of a compound: "
                           f"{inside[1]}).")
                return
            _say_names(evidence, source, target, f" ({lexical:.0%} gedeelde woorden{alike[0]}).",
                       f" ({lexical:.0%} shared words{alike[1]}).")
            return
        # The words are shared only after the term layer rewrote a label: say so, with the rewrites, a Flemish
        # term (technieker → technicus) apart from Dutch variants made one (logistiek medewerker = magazijnmedewerker).
        terms = "; ".join(dict.fromkeys(f"{s.source} → {s.target}" for s in fired if s.flemish))
        variants = "; ".join(dict.fromkeys(f"{s.source} = {s.target}" for s in fired if not s.flemish))
        nl = [f"termvervanging ({terms})"] if terms else []
        en = [f"term substitution ({terms})"] if terms else []
        if variants:
            nl.append(f"gelijkstelling van Nederlandse varianten ({variants})")
            en.append(f"equating Netherlands Dutch variants ({variants})")
        _say_names(evidence, source, target, f" na {' en '.join(nl)}: {lexical:.0%} gedeelde woorden.",
                   f" after {' and '.join(en)}: {lexical:.0%} shared words.")

    @staticmethod
    def _only_generic(source: LabelKeys, target: LabelKeys, generic: frozenset[str]) -> bool:
        """Whether two labels (after any term rewrite) share only *generic* keys."""
        shared = source[1] & target[1]
        return bool(shared) and shared <= generic


def _shared(source: LabelKeys, target: LabelKeys) -> frozenset[str]:
    """The keys two labels share as written: none when the term layer rewrote either of them."""
    return frozenset() if source[2] or target[2] else source[1] & target[1]


def _inside_compounds(context: Context, source: str, target: str, shared: frozenset[str]) -> tuple[str, str] | None:
    """Where the shared keys of two names are written only inside a compound in either name ('bank in databank-
    beheerder en privébank'), in Dutch and English; ``None`` when every shared key is a word of its own in both or
    comes from a word both names write (thuiszorg)."""
    analyser = context.analyser
    held = analyser.compound_only(source), analyser.compound_only(target)
    spelled, written = analyser.spelling(source), {**as_written(target), **as_written(source)}
    both = set(analyser.tokens(source)).intersection(analyser.tokens(target))  # a compound both write is shared whole
    whole = {key for word in both for key, _ in analyser.units(word)}
    nl, en = [], []
    for key in sorted(shared - whole, key=lambda key: spelled.get(key, key)):
        words = [written.get(word, word) for word in dict.fromkeys([*held[0].get(key, ()), *held[1].get(key, ())])]
        if words:
            part = spelled.get(key, key)
            nl.append(f"{part} in {' en '.join(words)}")
            en.append(f"{part} in {' and '.join(words)}")
    return ("; ".join(nl), "; ".join(en)) if nl else None


def _say_first_parts(evidence: Evidence, source: LabelKeys, target: LabelKeys, lexical: float, parts: list[str],
                     shared: frozenset[str], modifiers: tuple[frozenset[str], frozenset[str]]) -> None:
    """Say that the names share only first parts of compounds rather than "52% shared words"; a shared domain stays
    a hint. Where the parts are first parts in both (netwerk: netwerktechnieker, netwerkbeheerder) that is said of
    both; where they are a head or a word in one name, only of the name where they are first parts: 'bakkersgast'
    is a gast, 'Gastouder' is no gast. *parts* are the shared keys as written."""
    listed = ", ".join(parts)
    if shared <= modifiers[0] & modifiers[1]:
        _say_names(evidence, source, target,
                   f" ({lexical:.0%}): alleen het eerste deel van een samenstelling is gedeeld ({listed}), niet "
                   "het beroep zelf.",
                   f" ({lexical:.0%}): only the first part of a compound is shared ({listed}), not the "
                   "occupation itself.")
        return
    where = [label[0] for label, keys in ((source, modifiers[0]), (target, modifiers[1])) if shared <= keys]
    one = len(parts) == 1
    nl = f"alleen {' en '.join(parts)} {'is' if one else 'zijn'} gedeeld"
    en = f"only {' and '.join(parts)} {'is' if one else 'are'} shared"
    if where:
        nl += f", in '{where[0]}' alleen {'het eerste deel' if one else 'eerste delen'} van een samenstelling"
        en += f", in '{where[0]}' only {'the first part' if one else 'first parts'} of a compound"
    else:
        nl += ", elk in één van beide namen alleen het eerste deel van een samenstelling"
        en += ", each only the first part of a compound in one of the names"
    _say_names(evidence, source, target, f" ({lexical:.0%}): {nl}, niet het beroep zelf.",
               f" ({lexical:.0%}): {en}, not the occupation itself.")


def _say_names(evidence: Evidence, source: LabelKeys, target: LabelKeys, nl: str, en: str) -> None:
    """One reason about a label pair: ``Naam 'A' ≈ 'B'`` followed by *nl* (and likewise in English)."""
    evidence.say(f"Naam '{source[0]}' ≈ '{target[0]}'{nl}", f"Name '{source[0]}' ≈ '{target[0]}'{en}")


class Terms:
    """A Flemish term the term layer rewrote in the matched Flemish name, whose Dutch form is in the matched
    Netherlands name (as written, or as the Dutch variant the layer folds it to): the source's when it is Flemish,
    the target's when the source is Dutch, so that a pair scores alike both ways."""

    name = "terms"

    def __call__(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score by the strongest relation used (``term_scores``); a used term anchors the pair.

        A term counts only for the names it explains, and only when those names match (``lexical_threshold``):
        technieker → technicus explains 'Technieker mechatronica' ≈ 'Technicus mechatronica', not
        'Technieker mechatronica' ≈ 'ICT-technicus', where only the role word is the same. A Dutch variant the
        layer folds to its first Dutch form (logistiek medewerker → magazijnmedewerker) is no Flemish term and
        never counts here: it only lets the names be compared. Free text is only read through a term
        (``mecanicien`` as ``monteur``): what it finds is found by its name, as when the Dutch word is typed, so the
        term adds no score there and the name-only calibration applies alike.
        """
        if evidence.matched_rows is None:
            return
        flemish, dutch = evidence.matched_rows
        if pair.source.region == "NL":
            flemish, dutch = dutch, flemish
        written = f" {folded(dutch[0])} "
        folded_to = {substitution.target for substitution in dutch[2]}
        used = [s for s in flemish[2] if s.flemish and (f" {s.target} " in written or s.target in folded_to)]
        if not used:
            return
        pairs = ", ".join(f"{s.source} → {s.target}" for s in used)
        lexical = evidence.signals.get(Lexical.name, 0.0)
        if lexical < context.settings.lexical_threshold:
            evidence.say(f"Termvervanging Vlaams → Nederlands ({pairs}) telt niet: de namen verschillen verder "
                         f"({lexical:.0%}).",
                         f"Term substitution Flemish → Netherlands Dutch ({pairs}) does not count: the names differ "
                         f"otherwise ({lexical:.0%}).")
            return
        cited = [_cited(context.vocabulary, substitution) for substitution in used]
        nl, en = ", ".join(nl for nl, _ in cited), ", ".join(en for _, en in cited)
        if pair.source.kind == "text":  # read as if typed in Dutch: found by its name, calibrated as a name
            evidence.say(f"De tekst is gelezen met een termvervanging Vlaams → Nederlands: {nl}; dat is geen bewijs "
                         "naast de naam.", f"The text was read through a term substitution Flemish → Netherlands "
                         f"Dutch: {en}; that is no evidence beside the name.")
            return
        evidence.signals[self.name] = max(context.settings.term_scores[s.relation] for s in used)
        evidence.anchored = True
        evidence.say(f"Termvervanging Vlaams → Nederlands: {nl}.",
                     f"Term substitution Flemish → Netherlands Dutch: {en}.")


def _cited(vocabulary: Vocabulary, substitution: Substitution) -> tuple[str, str]:
    """A substitution as said, with the sources of its term pair and, for an inferred pair, that it is one."""
    said = f"{substitution.source} → {substitution.target}"
    entry = vocabulary.entries.get(substitution.term_pair)
    if entry is None:
        return said, said
    inferred = entry.evidence == "inference"
    sources = "; ".join(entry.sources)
    nl = [part for part in ("afgeleid" if inferred else "", f"bron: {sources}" if sources else "") if part]
    en = [part for part in ("inferred" if inferred else "", f"source: {sources}" if sources else "") if part]
    return (f"{said} ({'; '.join(nl)})", f"{said} ({'; '.join(en)})") if nl else (said, said)


#: Kinds that name work, which one generic word alone does not name (:class:`Lexical`).
WORK = frozenset({"occupation", "job-profile"})


class Structure:
    """Overlap of matched competences, both directions; a broad/narrow hint when one side holds the other."""

    name = "structure"

    def __call__(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score the mean coverage of both directions; hint by ``structure_hint``."""
        source, target = pair.source, pair.target
        # Only own competences: a job profile's borrowed ones are its qualification's, which is scored itself.
        if not (source.competences and target.competences) or source.competences_from or target.competences_from:
            return
        forward, backward = context.coverage(source, target)
        evidence.signals[self.name] = (forward + backward) / 2
        evidence.say(f"Competenties: {forward:.0%} van de bron komt terug in het doel, "
                     f"{backward:.0%} van het doel in de bron.",
                     f"Competences: {forward:.0%} of the source recur in the target, "
                     f"{backward:.0%} of the target in the source.")
        holds, lacks = context.settings.structure_hint["holds"], context.settings.structure_hint["lacks"]
        if forward >= holds and backward < lacks:
            evidence.hint = "skos:broadMatch"
        elif backward >= holds and forward < lacks:
            evidence.hint = "skos:narrowMatch"


class Recognition:
    """Official recognition statements of the source's side that name the target or its level."""

    name = "recognition"

    def __call__(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score the strongest statement naming the target (0 when the side has statements, none of them naming it)."""
        target = pair.target
        found = [(obj == target.id, description, description_en, strength)
                 for _, obj, level, description, description_en, strength in pair.statements
                 if obj == target.id or (level is not None and level in target.levels)]
        if pair.statements:
            evidence.signals[self.name] = max((strength for *_, strength in found), default=0.0)
            for _, description, description_en, _ in found:
                evidence.say(f"Erkenning: {description}.", f"Recognition: {description_en}.")
        if found:
            evidence.recognised = evidence.vouched = True
            evidence.named = any(named for named, *_ in found)


#: The signals, in the order they run (and explain).
SIGNALS: tuple[Signal, ...] = (Lexical(), Terms(), EscoAnchor(), IscoAnchor(), Structure(), Recognition())


def ceiling(context: Context, pair: Pair) -> float:
    """The most :data:`SIGNALS` can give *pair* before any penalty but the weak name's: 1.0 when more than the names
    may speak for it, else what its best pair of labels alone can give.

    When the two share no ESCO occupation and no ISCO-08 group, and neither competences (``structure``) nor
    recognition statements apply, every signal but ``lexical`` scores 0 (``terms`` counts only for names that match
    at ``lexical_threshold``), so the confidence is at most the best label pair's likeness (the same label 1), times
    ``weak_lexical_factor`` below ``lexical_threshold``: every other factor is a penalty and the mean of the signals
    is at most their largest. The translator skips a pool member whose ceiling is below ``minimum_confidence``
    without scoring and explaining it; it would be dropped after.
    """
    source, target = pair.source, pair.target
    structure = source.competences and target.competences and not (source.competences_from or target.competences_from)
    if source.esco & target.esco or source.isco & target.isco or pair.statements or structure:
        return 1.0
    best = 0.0
    for source_label in pair.labels:
        for target_label in pair.target_labels:
            if folded(source_label[0]) == folded(target_label[0]):
                return 1.0
            best = max(best, context.label_similarity(source_label[1], target_label[1]))
    settings = context.settings
    return best * settings.weak_lexical_factor if best < settings.lexical_threshold else best


def justification(signals: dict[str, float]) -> str:
    """The SEMAPV justification: lexical alone, a chain through ESCO/ISCO alone, or a composite."""
    active = [name for name, score in signals.items() if score > 0]
    if active == ["lexical"]:
        return "semapv:LexicalMatching" if signals["lexical"] == 1.0 else "semapv:LexicalSimilarityThresholdMatching"
    if active and set(active) <= {"esco", "isco"}:
        return "semapv:MappingChaining"
    return "semapv:CompositeMatching"


def check_weights(settings: MatchingSettings, signals: Sequence[Signal]) -> None:
    """Refuse settings whose ``weights`` miss a signal or name one that does not exist.

    :raises CompetenceBridgeError: naming the settings entry and the signals
    """
    names = [signal.name for signal in signals]
    missing = [name for name in names if name not in settings.weights]
    unknown = [name for name in settings.weights if name not in names]
    if missing or unknown:
        raise CompetenceBridgeError(
            f"matching settings {settings.id}: weights must name every signal ({', '.join(names)})"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; unknown {', '.join(unknown)}" if unknown else ""))
