"""Reliability of the confidence: does a candidate at 0.8 come out right about 8 times in 10?

Run:  python benchmarks/calibration.py [--split test|dev|train|all]

Held-out pairs: gold set (a) (benchmarks/goldsets.py: VDAB and UWV occupations the official tables make
equivalent through ESCO), translated by the library without the chains (as benchmarks/occupation_pairs.py
does), once by the signals alone and once with the ESCO pivot; once more with the tables loaded but the subject's
own rows left out, as a name the tables do not hold (the pivot then follows official rows from the anchors it
proposes, benchmarks/occupation_pairs.py's third row); and the curated gold set
tests/gold/border-pairs.sssom.tsv. The name-only and pivot confidences are calibrated on the train split
(benchmarks/fit_name_calibration.py): report the test split as held out. Every candidate among the other side's
national occupations (gold (a)) or every candidate (curated set) is one prediction: its confidence, and
whether it is a gold counterpart. Per confidence bin: the number of predictions, their mean confidence and
the observed precision; for the curated set also, beside it, only the candidates that claim an equivalence
(exact or close: the claim a gold set of counterparts checks). Target (issue 12): observed precision within 0.1
of the bin's confidence in every bin with at least 20 predictions. Beside it, the gap of every bin weighted by its
predictions (the expected calibration error), which a bin just under 20 cannot hide.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from goldsets import ROOT, SHARED, TABLES, occupation_pairs


def table(predictions: list[tuple[float, bool]], title: str) -> None:
    """Print the reliability table of (confidence, correct) predictions."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for confidence, correct in predictions:
        bins[min(9, int(confidence * 10))].append((confidence, correct))
    print(f"{title}: {len(predictions)} predictions")
    print(f"  {'bin':>9} {'n':>6} {'mean conf':>10} {'precision':>10} {'gap':>6}")
    worst = weighted = 0.0
    for number in sorted(bins):
        found = bins[number]
        mean = sum(c for c, _ in found) / len(found)
        precision = sum(ok for _, ok in found) / len(found)
        gap = precision - mean
        weighted += len(found) * abs(gap)
        if len(found) >= 20:
            worst = max(worst, abs(gap))
        span = f"{number / 10:.1f}-{(number + 1) / 10:.1f}"
        print(f"  {span:>9} {len(found):>6} {mean:>10.3f} {precision:>10.3f} {gap:>+6.2f}")
    print(f"  largest gap in a bin of >= 20: {worst:.2f} (target <= 0.10); every bin, weighted by its predictions "
          f"(expected calibration error): {weighted / max(1, len(predictions)):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="test", choices=("train", "dev", "test", "all"))
    args = parser.parse_args()
    import competence_bridge
    from competence_bridge.sssom.tsv import read_sssom

    pairs = [p for p in occupation_pairs() if args.split in ("all", p.split)]
    bridge = competence_bridge.load(esco=SHARED / "esco-nl-1.2.0",
                                    esco_mapping=[TABLES / "BLM_mapping.csv", TABLES / "NL_mapping.csv"])
    from competence_bridge.matching.query import translate_item

    other = {"BE-VLG": "NL", "NL": "BE-VLG"}
    from occupation_pairs import without_own_rows

    predictions = []
    pivoted = []
    unknown = []
    for pair in pairs:
        to = other[pair.region]
        item = bridge.items.items[pair.subject]
        for candidate in bridge.translator.translate(item, to, limit=10).candidates:
            if candidate.target.region == to and candidate.target.kind == "occupation":
                predictions.append((candidate.confidence, candidate.target.id in pair.targets))
        for candidate in translate_item(bridge.translator, item, to, limit=10, pivot=bridge.esco_pivot).candidates:
            if candidate.target.region == to and candidate.target.kind == "occupation":
                pivoted.append((candidate.confidence, candidate.target.id in pair.targets))
        for candidate in translate_item(bridge.translator, item, to, limit=10, pivot=bridge.esco_pivot,
                                        chains=without_own_rows(bridge, item.id)).candidates:
            if candidate.target.region == to and candidate.target.kind == "occupation":
                unknown.append((candidate.confidence, candidate.target.id in pair.targets))
    table(predictions, f"gold set (a), {args.split} split, without the chains")
    table(pivoted, f"gold set (a), {args.split} split, without the chains, with the ESCO pivot")
    table(unknown, f"gold set (a), {args.split} split, with the ESCO pivot and the tables, the subject's own rows "
                   f"left out")
    curated = competence_bridge.load()
    gold = read_sssom(ROOT / "tests" / "gold" / "border-pairs.sssom.tsv")
    wanted: dict[str, set[str]] = defaultdict(set)
    for mapping in gold.mappings:
        if not mapping.is_negative:
            wanted[mapping.subject_id].add(mapping.object_id)
    curated_predictions = []
    claims = []  # the candidates that claim an equivalence, the only claim a gold set of counterparts can check
    for subject, objects in sorted(wanted.items()):
        item = curated.items.items[subject]
        to = other[item.region or "BE-VLG"]
        for candidate in curated.translator.translate(item, to, limit=5).candidates:
            curated_predictions.append((candidate.confidence, candidate.target.id in objects))
            if candidate.predicate in EQUIVALENCE:
                claims.append((candidate.confidence, candidate.target.id in objects))
    table(curated_predictions, "curated gold set (every pair; nothing is fitted on it)")
    table(claims, "  beside it, the same run: only the candidates that claim an equivalence (skos:exactMatch, "
                  "skos:closeMatch)")


#: The relations that claim a counterpart. A relatedMatch, broadMatch or narrowMatch claims something else (a
#: specific bachelor is narrower than the type "bachelor"), which a gold set of counterparts cannot check: the
#: strict table above counts every such candidate as wrong.
EQUIVALENCE = frozenset({"skos:exactMatch", "skos:closeMatch"})


if __name__ == "__main__":
    main()
