"""The ceiling of the signals (``signals.ceiling``): a pool member it puts below the minimum is skipped unscored.

The ceiling is a bound, not a guess: every pair scored comes out at or below it, and the translations with and
without it are the same, candidate for candidate, explanation for explanation.
"""

from __future__ import annotations

import pytest

from competence_bridge.matching import translate as translate_module
from competence_bridge.matching.signals import ceiling

#: Typed names beside the curated items: free text shares a word with many items.
TYPED = [("klantendienstmedewerker", "NL"), ("technicus koeltechniek", "NL"), ("logistiek bediende", "NL"),
         ("verzorgende", "BE-VLG"), ("ICT-medewerker", "BE-VLG"), ("bachelor toegepaste informatica", "NL")]


def _translations(bridge) -> dict[tuple[str, str], list[dict]]:
    queries = [(item.id, "NL" if item.region == "BE-VLG" else "BE-VLG") for item in bridge.items.items.values()
               if item.region in ("BE-VLG", "NL")]
    return {(query, to): bridge.translate(query, to=to, limit=10).to_dict()["candidates"]
            for query, to in sorted(queries) + TYPED}


def test_no_pair_scores_above_its_ceiling_and_the_skipped_change_nothing(bridge, monkeypatch) -> None:
    with_ceiling = _translations(bridge)
    counted = {"pairs": 0, "below the minimum": 0}
    score = translate_module.Translator.score

    def checked(self, pair, *, minimum=0.0):
        candidate = score(self, pair, minimum=0.0)
        bound = ceiling(self, pair)
        counted["pairs"] += 1
        counted["below the minimum"] += bound < self.settings.minimum_confidence
        assert candidate is None or candidate.breakdown.raw <= bound + 1e-12, (pair.source.id, pair.target.id)
        return None if candidate is None or candidate.breakdown.raw < minimum else candidate

    monkeypatch.setattr(translate_module, "ceiling", lambda context, pair: 1.0)  # every pool member scored
    monkeypatch.setattr(translate_module.Translator, "score", checked)
    without = _translations(bridge)
    assert without == with_ceiling
    # the bound is not vacuous: on the shipped data a third of the pairs pooled lie below the minimum by their names
    # alone (496 of 1,558); with ESCO loaded, free text's pools seven in ten
    assert counted["below the minimum"] > counted["pairs"] / 4


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("vl:bk-zorgkundige", "nl:crebo-25656", 1.0),  # own competences on both sides: more than names may speak
    ("vl:job.elektricien", "nl:job.elektromonteur", 1.0),  # a shared ESCO occupation
    ("vl:job.lasser", "nl:job.heftruckchauffeur", 0.0),  # anchored apart, no word shared, competences borrowed
    # 'monteur' alone is shared: the best pair of names at 0.3563, below lexical_threshold, × 0.5
    ("vl:job.sanitair-installateur", "nl:job.onderhoudsmonteur", 0.1781),
])
def test_the_ceiling_of_named_pairs(bridge, source, target, expected) -> None:
    translator = bridge.translator
    items = bridge.items.items
    side = translator.side(items[target].region)
    labels = [(label, keys, fired) for label in items[source].labels
              for keys, fired in translator._variants(label, netherlands=items[source].region == "NL")]
    pair = translate_module.Pair(items[source], items[target], labels, side.label_keys(items[target]), [])
    assert round(ceiling(translator, pair), 4) == expected
