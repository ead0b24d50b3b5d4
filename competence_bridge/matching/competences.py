"""Competence-level proposals: every competence of A against the closest competences of B, as SSSOM rows.

This is what a translation exercise walks through: each row can be accepted, rejected or marked
unsure with the review mechanism (:class:`~competence_bridge.sssom.review.ReviewLog`).
"""

from __future__ import annotations

from competence_bridge.matching.competence_groups import group_of, only_summaries
from competence_bridge.matching.statements import explain_embedding
from competence_bridge.matching.translate import Translator
from competence_bridge.rdf.items import Item
from competence_bridge.sssom.mapping import Mapping
from competence_bridge.vocabulary import CLOSE, RELATED, Justification


def competence_proposals(translator: Translator, first: Item, second: Item, *, limit: int = 3) -> list[Mapping]:
    """For each competence of *first*, its *limit* closest competences of *second* (score above 0), explained;
    like with like, as a gap report aligns them (:mod:`~competence_bridge.matching.competence_groups`): a skill or
    work process with skills and work processes, knowledge with knowledge, a kerntaak with nothing."""
    threshold = translator.settings.competence_threshold
    only_first, only_second = only_summaries(first.competences), only_summaries(second.competences)
    rows = []
    for competence in first.competences:
        group = group_of(competence, only_first)
        if group == "summary":
            continue
        scored = sorted(((translator.competence_similarity(competence, other), other.id, other)
                         for other in second.competences if group_of(other, only_second) == group),
                        key=lambda t: (-t[0], t[1]))
        for score, _, other in scored[:limit]:
            if score <= 0:
                continue
            shared_skill = competence.esco_skills & other.esco_skills
            words = translator.shared_words(competence, other)
            said = "Gedeelde woorden: " + ", ".join(x if x == y else f"{x}~{y}" for x, y in words) + "."
            justification: Justification
            if shared_skill:
                why = f"Zelfde ESCO-vaardigheid: {', '.join(sorted(shared_skill))}."
                justification = "semapv:MappingChaining"
            elif translator.embedder is not None:
                why = explain_embedding(translator.embedder, competence.text, other.text)
                why += f" {said}" if words else ""
                justification = "semapv:SemanticSimilarityThresholdMatching"
            else:
                why, justification = said, "semapv:LexicalSimilarityThresholdMatching"
            covered = score >= threshold
            rows.append(Mapping(
                subject_id=competence.id, subject_label=competence.text, subject_category="competence",
                predicate_id=CLOSE if covered else RELATED, object_id=other.id, object_label=other.text,
                object_category="competence",
                mapping_justification=justification,
                confidence=round(score, 4), comment=why,
                other=f"subject_owner={first.id}|object_owner={second.id}|covered={'yes' if covered else 'no'}"))
    return rows
