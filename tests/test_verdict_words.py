"""A gap report's verdict in words: it says how the competences were compared and what a ✘ means."""

from __future__ import annotations

from typing import Any

import pytest

from competence_bridge.reports.gap import Verdict


def _verdict(kind: Any, bring: float, missing: int, measure: Any) -> Verdict:
    return Verdict(kind, "A", "B", bring, missing, "Niveau: gelijk.", "Level: equal.", (), (), (), measure)


@pytest.mark.parametrize(("kind", "bring", "missing", "measure", "nl", "en"), [
    ("little", 0.2, 8, "embedding",
     "Weinig overlap gevonden (vergeleken op betekenis, met een zinsembedding): in A staat voor maar 20% van B een "
     "overeenkomende competentie. Een ✘ betekent alleen dat niets boven de drempel gevonden werd; een anders "
     "verwoorde competentie kan gemist zijn. Niveau: gelijk.",
     "Little overlap found (compared by meaning, with a sentence embedding): A has a matching competence for only "
     "20% of B. A ✘ only means that nothing was found above the threshold; a competence worded differently may "
     "have been missed. Level: equal."),
    ("partial", 0.6, 1, "words",
     "Gedeeltelijk gelijkwaardig (vergeleken op woorden): wie A heeft, dekt 60% van B; 1 competentie niet "
     "teruggevonden. Een ✘ betekent alleen dat niets boven de drempel gevonden werd; een anders verwoorde "
     "competentie kan gemist zijn. Niveau: gelijk.",
     "Partly equivalent (compared by words): a holder of A covers 60% of B; 1 competence not found. A ✘ only means "
     "that nothing was found above the threshold; a competence worded differently may have been missed. Level: "
     "equal."),
    ("equal", 1.0, 0, "spelling",  # nothing unfound: no word on ✘
     "Inhoudelijk grotendeels gelijkwaardig (vergeleken op woorden en spelling): 100% van B zit ook in A. "
     "Niveau: gelijk.",
     "Largely equivalent in content (compared by words and spelling): 100% of B is also in A. Level: equal."),
    ("none", 0.0, 0, "words", "Er zijn geen competenties om te vergelijken. Niveau: gelijk.",
     "There are no competences to compare. Level: equal."),
])
def test_the_verdict_names_the_measure(kind: str, bring: float, missing: int, measure: str, nl: str, en: str) -> None:
    verdict = _verdict(kind, bring, missing, measure)
    assert (verdict.to_text("nl"), verdict.to_text("en")) == (nl, en)
