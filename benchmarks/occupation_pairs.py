"""Gold set (a): Flemish (VDAB) and Dutch (UWV) occupations the official tables make equivalent through ESCO.

Run:  python benchmarks/occupation_pairs.py [--split test|dev|train|all]

Which UWV occupation is a VDAB Competent occupation (and the reverse)? The gold answers come from the
employment services' own ESCO mapping tables (see benchmarks/goldsets.py: an exact or close hop on both
sides of one ESCO occupation). The library is measured **without the chains** (the tables' occupations are
loaded as items, but the official rows are not used): its signals alone must find the counterpart; a second
row adds the ESCO pivot (anchors proposed by search, competence_bridge/matching/pivot.py), as
``Bridge.translate`` does by default. A third row loads the tables but leaves out the subject's own rows, as
for a name the tables do not hold (what a counsellor types): the pivot then also follows the official rows from
the ESCO occupations the name proposes; this row measures how often search proposes the right one, not the
engine without the crosswalk. The last row is the crosswalk itself (the official chains through ESCO,
best first), which should be exact on its own rows. The pivot's three settings were chosen on the train and dev splits.
Candidates are ranked among the other side's national occupations only, for the library and both
baselines alike (TF-IDF over character 2-4-grams, rapidfuzz token_set, over every label of each
occupation), the query being the subject's preferred label (the library also sees its other labels).

Scoring, per subject: strict = a gold counterpart is ranked first (acc@1); recall@5 = one is in the top 5.
The split is by subject concept (70/15/15); nothing was fitted on it. Target (issue 12): recall@5 >= 0.90 on
the test split.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from baselines import CharTfidf, TokenSet
from goldsets import SHARED, TABLES, GoldPair, occupation_pairs


def score(rank: list[str], pair: GoldPair) -> tuple[bool, bool]:
    """(gold first, gold in the top 5)."""
    return bool(rank) and rank[0] in pair.targets, any(found in pair.targets for found in rank[:5])


def without_own_rows(bridge: Any, subject: str) -> Callable[[Any, str], list[Any]]:
    """The official chains of every item but *subject* (whose own rows are then unknown; as in
    benchmarks/fit_name_calibration.py, where the row calibration is fitted)."""
    def chains(item: Any, to: str) -> list[Any]:
        return [] if item.id == subject else bridge.official_chains(item, to)

    return chains


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="test", choices=("train", "dev", "test", "all"))
    args = parser.parse_args()
    import competence_bridge

    pairs = [p for p in occupation_pairs() if args.split in ("all", p.split)]
    start = time.perf_counter()
    bridge = competence_bridge.load(esco=SHARED / "esco-nl-1.2.0",
                                    esco_mapping=[TABLES / "BLM_mapping.csv", TABLES / "NL_mapping.csv"])
    translator = bridge.translator
    print(f"loaded and prepared in {time.perf_counter() - start:.1f} s; {len(pairs)} subjects ({args.split} split)")
    national = [item for item in bridge.list_items(kind="occupation") if item.region]
    documents = {region: [(item.id, label) for item in national if item.region == region for label in item.labels]
                 for region in ("BE-VLG", "NL")}
    tfidf = {region: CharTfidf(docs) for region, docs in documents.items()}
    token_set = {region: TokenSet(docs) for region, docs in documents.items()}
    other = {"BE-VLG": "NL", "NL": "BE-VLG"}
    from competence_bridge.matching.query import translate_item

    unknown = "competence-bridge (+ pivot, tables, own rows unknown)"
    names = ("competence-bridge (signals)", "competence-bridge (+ ESCO pivot)", unknown, "TF-IDF char 2-4",
             "rapidfuzz token_set", "official chains (the tables)")
    totals = {name: [0, 0] for name in names}
    misses = []
    for pair in pairs:
        to = other[pair.region]
        item = bridge.items.items[pair.subject]
        candidates = translator.translate(item, to, limit=50).candidates
        pivoted = translate_item(translator, item, to, limit=50, pivot=bridge.esco_pivot).candidates
        others = translate_item(translator, item, to, limit=50, pivot=bridge.esco_pivot,
                                chains=without_own_rows(bridge, item.id)).candidates
        ranks = {
            "competence-bridge (signals)": [c.target.id for c in candidates
                                            if c.target.region == to and c.target.kind == "occupation"],
            "competence-bridge (+ ESCO pivot)": [c.target.id for c in pivoted
                                                 if c.target.region == to and c.target.kind == "occupation"],
            unknown: [c.target.id for c in others if c.target.region == to and c.target.kind == "occupation"],
            "TF-IDF char 2-4": tfidf[to].rank(pair.label),
            "rapidfuzz token_set": token_set[to].rank(pair.label),
            # the crosswalk itself: the chains through ESCO the tables give, best first (not the library's engine)
            "official chains (the tables)": [chain.target for chain in sorted(
                bridge.official_chains(item, to), key=lambda chain: (-chain.confidence, chain.target))],
        }
        for name, rank in ranks.items():
            first, top5 = score(rank, pair)
            totals[name][0] += first
            totals[name][1] += top5
        if not score(ranks["competence-bridge (+ ESCO pivot)"], pair)[1]:
            misses.append(pair)
    print(f"{'':54} {'strict acc@1':>12} {'recall@5':>9}")
    for name, (first, top5) in totals.items():
        print(f"{name:54} {first / len(pairs):>12.3f} {top5 / len(pairs):>9.3f}")
    for pair in misses[:10]:
        labels = ", ".join(bridge.items.items[t].label for t in sorted(pair.targets) if t in bridge.items.items)
        print(f"  miss: {pair.label} ({pair.subject}) -> {labels}")


if __name__ == "__main__":
    main()
