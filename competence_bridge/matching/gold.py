"""A translator scored against a gold mapping set (see :mod:`competence_bridge.matching.evaluate`)."""

from __future__ import annotations

from competence_bridge.matching.evaluate import Scores, evaluate
from competence_bridge.matching.translate import Translator
from competence_bridge.sssom.mapping import MappingSet
from competence_bridge.vocabulary import NETHERLANDS


def evaluate_translator(translator: Translator, gold: MappingSet, *, k: int = 3) -> Scores:
    """Translate every gold subject with *translator* and score the ranks against the gold objects."""
    items = translator.table.items

    def translate(subject: str, region: str, limit: int) -> list[tuple[str, bool]]:
        item = items.get(subject)
        candidates = translator.translate(item, region, limit=limit).candidates if item is not None else ()
        return [(candidate.target.id, candidate.levels.mismatch) for candidate in candidates]

    def region_of(item_id: str) -> str:
        item = items.get(item_id)
        return item.region if item is not None and item.region else NETHERLANDS

    return evaluate(translate, gold, k=k, region_of=region_of)
