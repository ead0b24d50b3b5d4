"""Fit the scale of the optional sentence-embedding competence similarity on the train split of gold set (b).

Run:  python benchmarks/fit_competence_embedding.py       (needs the extra: pip install -e ".[embeddings]")

Gold set (b) pairs a VDAB competence with the ESCO skills VDAB's own table maps it to (exact or close;
benchmarks/goldsets.py). Only the train split is read. Two points are fitted (seed 0 throughout):

- floor: the median cosine of a competence with 20 skills drawn at random (gold skills left out): a
  statement about something else scores 0.
- covered: the cosine from which a gap report may call two statements equivalent. A gap report aligns a
  competence with the closest of some ten statements of a *related* qualification, so the rule simulates
  that: per train competence, two candidate lists of 10 skills drawn from its 100 nearest non-gold skills
  (same domain, hard), one of them with a gold skill added. ``covered`` is the lowest cosine (0.005 steps)
  at which the closest candidate, where it scores that much, is a gold skill in at least 70 % of the lists.
  Gold set (b) lists one to three skills per competence, so some "wrong" neighbours are right: the precision
  is a lower bound and the point errs towards saying "missing".

The script prints the table behind the choice and the YAML to paste into ``competence_embedding``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from covered_rule import covered_point
from goldsets import TABLES, competence_pairs


def main() -> None:
    import numpy as np

    from competence_bridge.importers import IMPORTERS
    from competence_bridge.language.embedding import sentence_embedder

    pairs = [pair for pair in competence_pairs() if pair.split == "train"]
    table = IMPORTERS["esco-mapping"].read(TABLES / "escocompetencemappingfinalreport-fr-nl-45-v3.8.csv")
    skills = sorted({(m.object_id, m.object_label or m.object_id) for m in table.mapping_set.mappings})
    position = {skill: number for number, (skill, _) in enumerate(skills)}
    embedder = sentence_embedder()
    print(f"embedding {len(skills)} ESCO skills and {len(pairs)} train competences ...", flush=True)
    documents = embedder.embed([label for _, label in skills])
    queries = embedder.embed([pair.label for pair in pairs])
    random = np.random.default_rng(0)
    gold: list[float] = []
    other: list[float] = []
    for vector, pair in zip(queries, pairs, strict=True):
        cosines = documents @ vector
        targets = {position[target] for target in pair.targets}
        gold.extend(float(cosines[number]) for number in targets)
        other.extend(float(cosines[number]) for number in random.integers(0, len(skills), 20) if number not in targets)
    floor = float(np.median(other))
    best: list[tuple[float, bool, bool]] = []  # (cosine of the closest candidate, is it gold, was gold offered)
    for vector, pair in zip(queries, pairs, strict=True):
        cosines = documents @ vector
        targets = {position[target] for target in pair.targets}
        near = [int(number) for number in np.argsort(-cosines)[:100] if number not in targets]
        for offered in (True, False):
            candidates = [*random.choice(near, 10, replace=False).tolist(), *([min(targets)] if offered else [])]
            closest = max(candidates, key=lambda number: (cosines[number], -number))
            best.append((float(cosines[closest]), closest in targets, offered))
    print(f"{len(pairs)} train competences; floor (median of {len(other)} random cosines) = {floor:.3f}")
    covered = covered_point(best, [round(step * 0.005, 3) for step in range(170, 200)], name="cosine")
    print("\n  competence_embedding:\n    model: multilingual-e5-small\n"
          f"    floor: {floor:.3f}\n    covered: {covered}\n"
          "    fitted_on: gold set (b), train split; floor = median random cosine, covered = lowest cosine where "
          "the closest of 10 hard candidates is gold in >= 70 % (benchmarks/fit_competence_embedding.py)")

if __name__ == "__main__":
    main()
