"""Gold set (b): VDAB Competent competences and the ESCO skills VDAB's own table maps them to.

Run:  python benchmarks/competence_pairs.py [--split test|dev|train|all] [--no-embeddings]

The query is a VDAB competence (its Dutch label, e.g. "Dierlijke fysiologie"); the documents are the
5,453 ESCO skills of the table (their Dutch labels); the gold answers are the skills the table maps it to
with skos:exactMatch or skos:closeMatch (benchmarks/goldsets.py). The library ranks with its competence
similarity (``Translator.competence_similarity`` over statements, as gap reports and exercises use it),
by word overlap (the default), by words and spelling (``Translator.use_spelling``: IDF-weighted words mixed
with character 2-4-grams, the IDF counted over the documents as the TF-IDF baseline's is) and, when the
``embeddings`` extra is installed, by sentence embedding
(``Bridge.use_embeddings``; its scale was fitted on the train split only; a scale changes no ranking); the
baselines are TF-IDF over character 2-4-grams and rapidfuzz token_set, same documents, same queries.

Scoring, per competence: strict = a gold skill is ranked first (acc@1); recall@3 = one is in the top 3.
The split is by competence (70/15/15); the core's word weight and scale and the embedding's scale were fitted
on train (benchmarks/fit_competence_words.py, benchmarks/fit_competence_embedding.py), the word weight
checked on dev. Target (issue 12):
recall@3 >= 1.2x TF-IDF char 2-4 in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from baselines import CharTfidf, TokenSet
from goldsets import TABLES, competence_pairs

from competence_bridge.matching.translate import Translator
from competence_bridge.rdf.items import CompetenceItem


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="test", choices=("train", "dev", "test", "all"))
    parser.add_argument("--no-embeddings", action="store_true", help="skip the sentence-embedding row")
    args = parser.parse_args()
    import competence_bridge
    from competence_bridge.importers import IMPORTERS

    pairs = [p for p in competence_pairs() if args.split in ("all", p.split)]
    table = IMPORTERS["esco-mapping"].read(TABLES / "escocompetencemappingfinalreport-fr-nl-45-v3.8.csv")
    skills = sorted({(m.object_id, m.object_label or m.object_id) for m in table.mapping_set.mappings})
    bridge = competence_bridge.load()
    lexical = bridge.translator
    spelled = competence_bridge.load(cache=False).translator
    spelled.use_spelling()
    embedded = None
    if not args.no_embeddings:
        try:
            embedded = competence_bridge.load(cache=False)
            embedded.use_embeddings()
        except competence_bridge.MissingExtraError as error:
            print(f"(no sentence-embedding row: {error})")
            embedded = None
    documents = [CompetenceItem(skill, "esco", label, "skill", None, frozenset()) for skill, label in skills]
    spelled.statements.add(documents, spelled.settings)  # the documents' IDF, as the TF-IDF baseline counts it
    tfidf, token_set = CharTfidf(skills), TokenSet(skills)
    libraries = {"competence-bridge (word overlap)": lexical, "competence-bridge (words+spelling)": spelled}
    if embedded is not None:
        libraries["competence-bridge (embedding)"] = embedded.translator
        assert embedded.translator.embedder is not None
        embedded.translator.embedder.embed([label for _, label in skills])  # one batch instead of one by one
    totals = {name: [0, 0] for name in (*libraries, "TF-IDF char 2-4", "rapidfuzz token_set")}
    start = time.perf_counter()
    for pair in pairs:
        query = CompetenceItem(pair.subject, "vdab", pair.label, "skill", None, frozenset())
        ranks = {name: _top(translator, query, documents) for name, translator in libraries.items()}
        ranks |= {"TF-IDF char 2-4": tfidf.rank(pair.label, 3), "rapidfuzz token_set": token_set.rank(pair.label, 3)}
        for name, rank in ranks.items():
            totals[name][0] += bool(rank) and rank[0] in pair.targets
            totals[name][1] += any(found in pair.targets for found in rank)
    print(f"{len(pairs)} competences ({args.split} split) against {len(skills)} ESCO skills, "
          f"{time.perf_counter() - start:.0f} s")
    print(f"{'':36} {'strict acc@1':>12} {'recall@3':>9} {'x TF-IDF':>9}")
    tfidf_top3 = totals["TF-IDF char 2-4"][1] or 1
    for name, (first, top3) in totals.items():
        print(f"{name:36} {first / len(pairs):>12.3f} {top3 / len(pairs):>9.3f} {top3 / tfidf_top3:>9.2f}")


def _top(translator: Translator, query: CompetenceItem, documents: list[CompetenceItem]) -> list[str]:
    """The ids of the three documents most similar to *query* (score above 0), ties by id."""
    scored = sorted(((translator.competence_similarity(query, doc), doc.id) for doc in documents),
                    key=lambda hit: (-hit[0], hit[1]))
    return [doc_id for score, doc_id in scored[:3] if score > 0]


if __name__ == "__main__":
    main()
