"""Gold set (b): VDAB Competent competences and the ESCO skills VDAB's own table maps them to.

Run:  python benchmarks/competence_pairs.py [--split test|dev|train|all]

The query is a VDAB competence (its Dutch label, e.g. "Dierlijke fysiologie"); the documents are the
5,453 ESCO skills of the table (their Dutch labels); the gold answers are the skills the table maps it to
with skos:exactMatch or skos:closeMatch (benchmarks/goldsets.py). The library ranks with its competence
similarity (``Translator.competence_similarity`` over statements, as gap reports and exercises use it);
the baselines are TF-IDF over character 2-4-grams and rapidfuzz token_set, same documents, same queries.

Scoring, per competence: strict = a gold skill is ranked first (acc@1); recall@3 = one is in the top 3.
The split is by competence (70/15/15); nothing was fitted on it. Target (issue 12): recall@3 >= 1.2x
TF-IDF char 2-4 in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from baselines import CharTfidf, TokenSet
from goldsets import TABLES, competence_pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="test", choices=("train", "dev", "test", "all"))
    args = parser.parse_args()
    import competence_bridge
    from competence_bridge.importers import IMPORTERS
    from competence_bridge.rdf.items import CompetenceItem

    pairs = [p for p in competence_pairs() if args.split in ("all", p.split)]
    table = IMPORTERS["esco-mapping"].read(TABLES / "escocompetencemappingfinalreport-fr-nl-45-v3.8.csv")
    skills = sorted({(m.object_id, m.object_label or m.object_id) for m in table.mapping_set.mappings})
    translator = competence_bridge.load().translator
    documents = [CompetenceItem(skill, "esco", label, "skill", None, frozenset()) for skill, label in skills]
    tfidf, token_set = CharTfidf(skills), TokenSet(skills)
    totals = {name: [0, 0] for name in ("competence-bridge", "TF-IDF char 2-4", "rapidfuzz token_set")}
    start = time.perf_counter()
    for pair in pairs:
        query = CompetenceItem(pair.subject, "vdab", pair.label, "skill", None, frozenset())
        scored = sorted(((translator.competence_similarity(query, doc), doc.id) for doc in documents),
                        key=lambda hit: (-hit[0], hit[1]))
        ranks = {"competence-bridge": [doc_id for score, doc_id in scored[:3] if score > 0],
                 "TF-IDF char 2-4": tfidf.rank(pair.label, 3), "rapidfuzz token_set": token_set.rank(pair.label, 3)}
        for name, rank in ranks.items():
            totals[name][0] += bool(rank) and rank[0] in pair.targets
            totals[name][1] += any(found in pair.targets for found in rank)
    print(f"{len(pairs)} competences ({args.split} split) against {len(skills)} ESCO skills, "
          f"{time.perf_counter() - start:.0f} s")
    print(f"{'':22} {'strict acc@1':>12} {'recall@3':>9}")
    for name, (first, top3) in totals.items():
        print(f"{name:22} {first / len(pairs):>12.3f} {top3 / len(pairs):>9.3f}")


if __name__ == "__main__":
    main()
