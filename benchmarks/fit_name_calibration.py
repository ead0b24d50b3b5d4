"""Fit the name-only calibration (``name_calibration`` in taxonomies/matching.yaml) on gold set (a), train split.

Run:  python benchmarks/fit_name_calibration.py [--block 30]

Gold set (a) (benchmarks/goldsets.py): VDAB and UWV occupations the official tables make equivalent through
ESCO. Each train-split occupation is translated by the library without the chains (as
benchmarks/occupation_pairs.py and benchmarks/calibration.py do), with the calibration switched off; every
candidate among the other side's national occupations whose only evidence is its name is one prediction: its
signals' confidence and whether it is a gold counterpart. ``competence_bridge.matching.calibration.fit_points``
turns them into the points. The dev split only shows how the points hold on pairs they were not fitted on; the
test split is never read here (benchmarks/calibration.py reports it). Prints the YAML to paste into
taxonomies/matching.yaml (then `competence-bridge validate taxonomies --standalone --canonicalize`) and the
reliability of the fitted map on train and dev.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from calibration import table
from goldsets import SHARED, TABLES, occupation_pairs

BLOCK = 30


def name_only_predictions(bridge: object, split: str) -> list[tuple[float, bool]]:
    """(signals' confidence, right) of every name-only candidate for the gold (a) pairs of *split*."""
    from competence_bridge.curated.matching_settings import NameCalibration

    translator = bridge.translator  # type: ignore[attr-defined]
    shipped = translator.settings
    translator.settings = shipped.model_copy(update={"name_calibration": NameCalibration(
        points=((0.0, 0.0), (1.0, 1.0)), fitted_on="identity, while fitting")})
    other = {"BE-VLG": "NL", "NL": "BE-VLG"}
    found: list[tuple[float, bool]] = []
    try:
        for pair in occupation_pairs():
            if pair.split != split:
                continue
            to = other[pair.region]
            item = bridge.items.items[pair.subject]  # type: ignore[attr-defined]
            for candidate in translator.translate(item, to, limit=10).candidates:
                if (candidate.target.region == to and candidate.target.kind == "occupation"
                        and candidate.breakdown is not None and candidate.breakdown.calibrated is not None):
                    found.append((candidate.breakdown.raw, candidate.target.id in pair.targets))
    finally:
        translator.settings = shipped
    return found


def load_bridge() -> object:
    """ESCO-nl 1.2.0 with the VDAB and UWV tables, as the gold set is measured."""
    import competence_bridge

    return competence_bridge.load(esco=SHARED / "esco-nl-1.2.0",
                                  esco_mapping=[TABLES / "BLM_mapping.csv", TABLES / "NL_mapping.csv"])


def fitted(bridge: object, block: int = BLOCK) -> tuple[tuple[float, float], ...]:
    """The points fitted on the train split."""
    from competence_bridge.matching.calibration import fit_points

    return fit_points(name_only_predictions(bridge, "train"), block=block)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--block", type=int, default=BLOCK, help="predictions per block before pooling")
    args = parser.parse_args()
    from competence_bridge.curated.matching_settings import NameCalibration

    bridge = load_bridge()
    train = name_only_predictions(bridge, "train")
    from competence_bridge.matching.calibration import fit_points

    points = fit_points(train, block=args.block)
    calibration = NameCalibration(points=points, fitted_on="fit")
    print("  name_calibration:\n    points:")
    for x, y in points:
        print(f"    - - {x}\n      - {y}")
    print(f"    fitted_on: 'gold set (a), train split: {len(train)} name-only candidates (top 10, without the "
          f"chains), blocks of {args.block}, pooled adjacent violators (benchmarks/fit_name_calibration.py)'")
    for split, predictions in (("train", train), ("dev", name_only_predictions(bridge, "dev"))):
        table([(calibration.calibrate(raw), right) for raw, right in predictions],
              f"fitted map on gold set (a), {split} split, name-only candidates")


if __name__ == "__main__":
    main()
