"""Fit the calibrations of name evidence on gold set (a), train split: ``name_calibration`` (a candidate whose
only evidence is its name), ``esco_pivot.calibration`` (a candidate through a proposed ESCO anchor),
``esco_pivot.direct_calibration`` (a candidate the name finds directly by search),
``esco_pivot.direct_calibration_narrower`` (the same, when the label found holds every word of the name and more:
the occupation found is narrower than the name),
``esco_pivot.row_calibration`` (a candidate through a proposed ESCO anchor and an official row from it) and
``esco_pivot.row_calibration_narrower`` (the same, when the label search matched holds every word of the name and
more: the anchor is narrower than the name), ``esco_pivot.merged_calibration`` (a calibrated guess a translation
keeps among the other ways of finding) and ``esco_pivot.below_row_calibration`` (a guess from names alone that
a candidate through an official row ranks above) in taxonomies/matching.yaml.

Run:  python benchmarks/fit_name_calibration.py [--block 30]

Gold set (a) (benchmarks/goldsets.py): VDAB and UWV occupations the official tables make equivalent through
ESCO. Each train-split occupation is translated without the chains (as benchmarks/occupation_pairs.py and
benchmarks/calibration.py do), with both calibrations switched off. A prediction is a candidate among the other
side's national occupations (the first ten): for the name map, every candidate of the signals whose only
evidence is its name, with its signals' confidence; for the pivot maps, every candidate through a proposed
anchor and every candidate of the direct search (in two lists by whether the label found is narrower than the
name), each list on its own, with its score. For the row map, the
official tables are loaded but the subject's own rows are left out (it is translated as a name the tables do
not hold): every candidate an official row leads to from an ESCO occupation its name proposes, with its score,
in two lists by whether that occupation is narrower than the name (its first hop a narrower match). For the
below-row map, the whole translation is made as a counsellor gets it (the pivot and the rows, the subject's own
rows unknown, the other maps as shipped: it maps their confidence): every guess from names alone in the first ten
that a candidate through an official row ranks above (``pivot.guesses_below_a_row``), with its confidence. For
the merged map, the translations with the pivot alone and with the tables (the subject's own rows unknown), the
merged map switched off and the others as shipped: every calibrated guess kept in the first ten that is no guess
below a row (its explanation says it was chosen among the others), with its confidence. The merged map reads the
path maps, and the below-row map the merged one: refitting until nothing changes reaches a fixed point, which
tests/test_name_calibration.py checks.
Each is right when it is a gold counterpart. ``competence_bridge.matching.calibration.fit_points`` turns them
into points. The dev split only shows how the points hold on pairs they were not fitted on; the test split
is never read here (benchmarks/calibration.py reports it). Prints the YAML to paste into taxonomies/matching.yaml
(then `competence-bridge validate taxonomies --standalone --canonicalize`) and the reliability of the fitted
maps on train and dev.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from calibration import table
from goldsets import SHARED, TABLES, occupation_pairs

BLOCK = 30
OTHER = {"BE-VLG": "NL", "NL": "BE-VLG"}

Predictions = list[tuple[float, bool]]


def rows_from_anchors(bridge: Any) -> Any:
    """The official rows from ESCO occupations to a side, as a translation reads them (``query.anchor_rows``).
    They never hold a subject's own rows (those lead from the subject's side into ESCO), so the subject is
    measured as a name the tables do not hold."""
    from competence_bridge.matching.query import anchor_rows

    return anchor_rows(bridge.official_chains, bridge.items)


def predictions(bridge: Any, split: str) -> tuple[Predictions, ...]:
    """(score, right) of the name-only candidates, of the pivot's candidates through a proposed anchor, of its
    direct name search (the label found not narrower, then narrower than the name), and of its candidates through a
    proposed anchor and an official row from it (the subject's own rows unknown; the anchor not narrower, then
    narrower than the name), for the gold (a) pairs of *split*."""
    identity = _identity()
    translator = bridge.translator
    shipped = translator.settings
    translator.settings = shipped.model_copy(update={
        "name_calibration": identity,
        "esco_pivot": shipped.esco_pivot.model_copy(update={"calibration": identity, "direct_calibration": identity,
                                                             "direct_calibration_narrower": identity,
                                                             "row_calibration": identity,
                                                             "row_calibration_narrower": identity})})
    from competence_bridge.matching.pivot import anchor_candidates, direct_candidates, row_candidates

    names: Predictions = []
    pivoted: Predictions = []
    direct: Predictions = []
    direct_narrower: Predictions = []
    rows: Predictions = []
    narrower: Predictions = []
    from_anchors = rows_from_anchors(bridge)
    try:
        for pair in occupation_pairs():
            if pair.split != split:
                continue
            to = OTHER[pair.region]
            item = bridge.items.items[pair.subject]
            for candidate in translator.translate(item, to, limit=10).candidates:
                if (candidate.target.region == to and candidate.target.kind == "occupation"
                        and candidate.breakdown is not None and candidate.breakdown.calibrated is not None):
                    names.append((candidate.breakdown.raw, candidate.target.id in pair.targets))
            pivoted.extend((candidate.confidence, candidate.target.id in pair.targets)
                           for candidate in anchor_candidates(bridge.search_index, bridge.items, translator.settings,
                                                              item, to)[:10])
            for candidate in direct_candidates(bridge.search_index, bridge.items, translator.settings, item, to)[:10]:
                kept = direct_narrower if candidate.hops[0].predicate == "skos:narrowMatch" else direct
                kept.append((candidate.confidence, candidate.target.id in pair.targets))
            for candidate in row_candidates(bridge.search_index, bridge.items, translator.settings, item, to,
                                            from_anchors)[:10]:
                kept = narrower if candidate.hops[0].predicate == "skos:narrowMatch" else rows
                kept.append((candidate.confidence, candidate.target.id in pair.targets))
    finally:
        translator.settings = shipped
    return names, pivoted, direct, direct_narrower, rows, narrower


def below_row_predictions(bridge: Any, split: str) -> Predictions:
    """(confidence, right) of the guesses from names alone below a candidate through an official row, in the
    translations of the gold (a) subjects of *split* with the pivot and the tables, their own rows unknown, and
    the below-row map switched off (every other map as shipped)."""
    with _switched_off(bridge, "below_row_calibration"):
        return [(candidate.confidence, candidate.target.id in pair.targets)
                for pair, candidates, below in _translations(bridge, split, without_tables=False)
                for candidate, guess in zip(candidates, below, strict=True) if guess]


def merged_predictions(bridge: Any, split: str) -> Predictions:
    """(confidence, right) of the calibrated guesses a translation keeps (the pivot's, or the signals' name-only
    candidates, no other way having found their target with more confidence;
    :func:`competence_bridge.matching.pivot.among_others`, which keeps their confidence before it in
    ``Candidate.before``) among the first ten, for the gold (a) subjects of
    *split*, translated with the pivot alone and again with the tables, the subject's own rows left out; the merged
    map switched off, every other map as shipped. A guess below a candidate through an official
    row is left out (``below_row_calibration`` maps it)."""
    with _switched_off(bridge, "merged_calibration"):
        return [(candidate.confidence, candidate.target.id in pair.targets)
                for pair, candidates, below in _translations(bridge, split, without_tables=True)
                for candidate, guess in zip(candidates, below, strict=True)
                if candidate.before is not None and not guess and candidate.review is None
                and candidate.target.region == OTHER[pair.region] and candidate.target.kind == "occupation"]


def _translations(bridge: Any, split: str, *, without_tables: bool) -> Iterator[tuple[Any, Any, list[bool]]]:
    """For each gold (a) subject of *split*: its pair, its first ten candidates with the pivot and the tables (its
    own rows unknown; *without_tables*: first without the tables too) and which of them are guesses below an
    official row (:func:`competence_bridge.matching.pivot.guesses_below_a_row`)."""
    from occupation_pairs import without_own_rows

    from competence_bridge.matching.pivot import guesses_below_a_row
    from competence_bridge.matching.query import translate_item

    for pair in occupation_pairs():
        if pair.split != split:
            continue
        item = bridge.items.items[pair.subject]
        for chains in (*((None,) if without_tables else ()), without_own_rows(bridge, item.id)):
            candidates = translate_item(bridge.translator, item, OTHER[pair.region], limit=10,
                                        pivot=bridge.esco_pivot, chains=chains).candidates
            yield pair, candidates, guesses_below_a_row(candidates)


@contextmanager
def _switched_off(bridge: Any, name: str) -> Iterator[None]:
    """The ESCO pivot's map *name* switched off (:func:`_identity`) in *bridge*'s translator while fitting it."""
    translator = bridge.translator
    shipped = translator.settings
    translator.settings = shipped.model_copy(update={
        "esco_pivot": shipped.esco_pivot.model_copy(update={name: _identity()})})
    try:
        yield
    finally:
        translator.settings = shipped


def _identity() -> Any:
    """A map that changes no score: a calibration switched off while its points are fitted."""
    from competence_bridge.curated.matching_settings import Calibration

    return Calibration(points=((0.0, 0.0), (1.0, 1.0)), fitted_on="identity, while fitting")


def load_bridge() -> Any:
    """ESCO-nl 1.2.0 with the VDAB and UWV tables, as the gold set is measured."""
    import competence_bridge

    return competence_bridge.load(esco=SHARED / "esco-nl-1.2.0",
                                  esco_mapping=[TABLES / "BLM_mapping.csv", TABLES / "NL_mapping.csv"])


def fitted(bridge: Any, block: int = BLOCK) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The name, pivot, direct search (the label found not narrower, then narrower than the name), official row
    (the anchor not narrower, then narrower than the name) and below-row points fitted on the train split."""
    from competence_bridge.matching.calibration import fit_points

    lists = (*predictions(bridge, "train"), merged_predictions(bridge, "train"), below_row_predictions(bridge, "train"))
    return tuple(fit_points(found, block=block) for found in lists)


#: The translations a map's predictions come from, when not those without the chains.
CONTEXTS = {"row_calibration": "the tables loaded, the rows of the subject left out",
            "row_calibration_narrower": "the tables loaded, the rows of the subject left out",
            "below_row_calibration": "the tables loaded, the rows of the subject left out",
            "merged_calibration": "with and without the tables, the rows of the subject left out"}


def _yaml(name: str, points: tuple[tuple[float, float], ...], count: int, what: str, indent: str,
          context: str = "without the chains") -> None:
    print(f"{indent}{name}:\n{indent}  points:")
    for x, y in points:
        print(f"{indent}  - - {x}\n{indent}    - {y}")
    print(f"{indent}  fitted_on: 'gold set (a), train split: {count} {what} (top 10, {context}), blocks "
          f"of {BLOCK}, pooled adjacent violators (benchmarks/fit_name_calibration.py)'")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--block", type=int, default=BLOCK, help="predictions per block before pooling")
    args = parser.parse_args()
    from competence_bridge.curated.matching_settings import Calibration
    from competence_bridge.matching.calibration import fit_points

    bridge = load_bridge()
    names, pivoted, direct, direct_narrower, rows, narrower = predictions(bridge, "train")
    dev_names, dev_pivoted, dev_direct, dev_direct_narrower, dev_rows, dev_narrower = predictions(bridge, "dev")
    shown, dev_shown = merged_predictions(bridge, "train"), merged_predictions(bridge, "dev")
    below, dev_below = below_row_predictions(bridge, "train"), below_row_predictions(bridge, "dev")
    for name, train, dev, what, indent in (
            ("name_calibration", names, dev_names, "name-only candidates", "  "),
            ("calibration", pivoted, dev_pivoted, "pivot candidates", "    "),
            ("direct_calibration", direct, dev_direct, "direct name search candidates", "    "),
            ("direct_calibration_narrower", direct_narrower, dev_direct_narrower, "direct name search candidates "
             "narrower than the name", "    "),
            ("row_calibration", rows, dev_rows, "candidates through an official row from a proposed anchor",
             "    "),
            ("row_calibration_narrower", narrower, dev_narrower, "candidates through an official row from a "
             "proposed anchor narrower than the name", "    "),
            ("merged_calibration", shown, dev_shown, "calibrated guesses a translation keeps among the others",
             "    "),
            ("below_row_calibration", below, dev_below, "guesses from names alone below a candidate through an "
             "official row", "    ")):
        points = fit_points(train, block=args.block)
        _yaml(name, points, len(train), what, indent, CONTEXTS.get(name, "without the chains"))
        fitted_map = Calibration(points=points, fitted_on="fit")
        for split, found in (("train", train), ("dev", dev)):
            table([(fitted_map.calibrate(score), right) for score, right in found],
                  f"fitted map on gold set (a), {split} split, {what}")


if __name__ == "__main__":
    main()
