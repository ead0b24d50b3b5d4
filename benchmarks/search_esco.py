"""Accuracy and speed of competence_bridge.matching.search on the Dutch ESCO occupations, against a TF-IDF baseline.

Run:  python benchmarks/search_esco.py [ESCO_DIR] [--sample N] [--seed 42] [--protocol A|B|S|all] [--failures N]

ESCO_DIR holds occupations_nl.csv (default: ../shared/data/esco-nl-1.2.0 beside the repository). Every
occupation becomes one SearchDocument (preferred label, alternative and hidden labels, description);
some labels are held back, and each held-back label is searched as a query.

Protocols (queries are distinct folded texts: lower case, no diacritics, punctuation as spaces):
  A  "every alt label held back": the index has only the preferred labels and the descriptions of all
     3,039 occupations; every alternative label is a query. Hidden labels (mostly misspellings of alt
     labels) are neither indexed nor queried.
  B  "random 20 %": 20 % of all (occupation, alt label) pairs, drawn with random.Random(seed), are held
     back; the index has everything else (preferred, the other alt and the hidden labels, descriptions).
     Holding back a label also removes any other label of that occupation with the same folded text.
In both, an alt label whose folded text equals its own occupation's preferred label is not a query, and
a hit is correct when it is any occupation that carries the query text (folded) in full ESCO, so a label
shared by two occupations counts for either.
  S  strict (issue 12's rule, the one to quote): A's index; every (occupation, alt label) pair is a query,
     not deduplicated; a hit only when the first result is the label's own occupation. Reported per split
     of the occupation (benchmarks/goldsets.py: train/dev/test by concept), beside the two standard
     baselines of benchmarks/baselines.py (TF-IDF char 2-4 and rapidfuzz token_set over the preferred
     labels) in the same run. Nothing in search was fitted on these queries.

Metrics: accuracy@1, accuracy@5, MRR over the top 10 (0 when the answer is not there); latency per query
(median and p95, after the build); index build time.

--failures N prints N queries (seeded) whose answer our search does not rank first: the query, the
answer, our first hit with its explanation, and where the baseline ranks the answer. Failure analysis
starts there; many misses are synonyms no lexical method can find.

Baseline: plain TF-IDF over character 3-grams of each label (words padded with a space, folded text,
sublinear tf, smooth idf, L2 norm; cosine), an occupation scoring its best label; pure Python, the same
index contents minus the descriptions.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from competence_bridge.language.text import fold
from competence_bridge.matching.search import SearchDocument, SearchIndex

DEFAULT_DIR = ROOT.parent / "shared" / "data" / "esco-nl-1.2.0"

Occupation = dict[str, object]
Query = tuple[str, frozenset[str]]


def read_occupations(directory: Path) -> list[Occupation]:
    """The occupations of occupations_nl.csv with their labels split on newlines."""
    with (directory / "occupations_nl.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def split(cell: str) -> list[str]:
        return [line.strip() for line in cell.splitlines() if line.strip()]

    return [{"id": row["conceptUri"], "pref": row["preferredLabel"].strip(), "alt": split(row["altLabels"]),
             "hidden": split(row["hiddenLabels"]), "description": row["description"].strip() or None}
            for row in rows]


def carriers(occupations: list[Occupation]) -> dict[str, set[str]]:
    """Folded label text → every occupation that has it (any role)."""
    found: dict[str, set[str]] = {}
    for occ in occupations:
        for text in [occ["pref"], *occ["alt"], *occ["hidden"]]:  # type: ignore[misc]
            found.setdefault(fold(text), set()).add(occ["id"])  # type: ignore[arg-type]
    return found


def protocol_a(occupations: list[Occupation]) -> tuple[list[SearchDocument], list[Query]]:
    """Index preferred labels and descriptions; query every alt label."""
    owners = carriers(occupations)
    docs = [SearchDocument(occ["id"], "occupation", None, ((occ["pref"], "nl", "pref"),),  # type: ignore[arg-type]
                           occ["description"]) for occ in occupations]  # type: ignore[arg-type]
    texts = {fold(text) for occ in occupations for text in occ["alt"]  # type: ignore[attr-defined]
             if fold(text) != fold(occ["pref"])}  # type: ignore[arg-type]
    return docs, sorted((text, frozenset(owners[text])) for text in texts if text)


def protocol_b(occupations: list[Occupation], seed: int, share: float) -> tuple[list[SearchDocument], list[Query]]:
    """Hold back a random *share* of the (occupation, alt label) pairs; index the rest."""
    owners = carriers(occupations)
    pairs = sorted({(occ["id"], fold(text)) for occ in occupations for text in occ["alt"]  # type: ignore[attr-defined]
                    if fold(text) and fold(text) != fold(occ["pref"])})  # type: ignore[arg-type]
    held = set(random.Random(seed).sample(pairs, round(share * len(pairs))))
    docs = []
    for occ in occupations:
        labels = [(occ["pref"], "nl", "pref")]
        labels += [(text, "nl", role) for role in ("alt", "hidden") for text in occ[role]  # type: ignore[attr-defined]
                   if (occ["id"], fold(text)) not in held]
        docs.append(SearchDocument(occ["id"], "occupation", None, tuple(labels), occ["description"]))  # type: ignore
    texts = {text for _id, text in held}
    return docs, sorted((text, frozenset(owners[text])) for text in texts)


class TfidfBaseline:
    """Character 3-gram TF-IDF with cosine over labels; an occupation scores its best label."""

    def __init__(self, documents: Sequence[SearchDocument]) -> None:
        """Vectorise every label of *documents*."""
        grams = [(doc.id, self._grams(text)) for doc in documents for text, _lang, _role in doc.labels]
        df: dict[str, int] = {}
        for _id, counts in grams:
            for gram in counts:
                df[gram] = df.get(gram, 0) + 1
        n = len(grams)
        self.idf = {gram: math.log((1 + n) / (1 + count)) + 1 for gram, count in df.items()}
        self.owner = [doc_id for doc_id, _ in grams]
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for number, (_id, counts) in enumerate(grams):
            vector = self._vector(counts)
            for gram, value in vector.items():
                self.postings.setdefault(gram, []).append((number, value))

    @staticmethod
    def _grams(text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for word in fold(text).split():
            padded = f" {word} "
            for start in range(len(padded) - 2):
                gram = padded[start:start + 3]
                counts[gram] = counts.get(gram, 0) + 1
        return counts

    def _vector(self, counts: dict[str, int]) -> dict[str, float]:
        weights = {gram: (1 + math.log(count)) * self.idf.get(gram, 0.0) for gram, count in counts.items()}
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        return {gram: value / norm for gram, value in weights.items() if value}

    def search(self, text: str, limit: int = 10) -> list[str]:
        """The ids of the best occupations for *text*."""
        scores: dict[int, float] = {}
        for gram, weight in self._vector(self._grams(text)).items():
            for number, value in self.postings.get(gram, ()):
                scores[number] = scores.get(number, 0.0) + weight * value
        best: dict[str, float] = {}
        for number, score in sorted(scores.items(), key=lambda item: -item[1]):
            owner = self.owner[number]
            if owner not in best:
                best[owner] = score
                if len(best) == limit:
                    break
        return list(best)


def evaluate(search: Callable[[str], list[str]], queries: Sequence[Query]) -> dict[str, float]:
    """accuracy@1, accuracy@5, MRR@10 and per-query latency of *search* over *queries*."""
    at1 = at5 = reciprocal = 0.0
    latencies = []
    for text, gold in queries:
        start = time.perf_counter()
        ids = search(text)
        latencies.append((time.perf_counter() - start) * 1000)
        rank = next((position for position, found in enumerate(ids[:10], 1) if found in gold), None)
        if rank:
            at1 += rank == 1
            at5 += rank <= 5
            reciprocal += 1 / rank
    n = len(queries) or 1
    latencies.sort()
    return {"acc@1": at1 / n, "acc@5": at5 / n, "mrr": reciprocal / n, "median_ms": statistics.median(latencies),
            "p95_ms": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]}


def show_failures(index: SearchIndex, baseline: TfidfBaseline, docs: list[SearchDocument], queries: Sequence[Query],
                  count: int, seed: int) -> None:
    """Print *count* seeded queries whose answer *index* does not rank first, with our first hit and why."""
    names = {doc.id: doc.pref_label for doc in docs}
    missed = []
    for text, gold in queries:
        hits = index.search(text, limit=10)
        rank = next((position for position, hit in enumerate(hits, 1) if hit.id in gold), 0)
        if rank != 1:
            missed.append((text, gold, hits, rank))
    print(f"\n{len(missed)} of {len(queries)} queries miss rank 1; {min(count, len(missed))} of them:")
    for text, gold, hits, rank in random.Random(seed).sample(missed, min(count, len(missed))):
        base = next((position for position, found in enumerate(baseline.search(text), 1) if found in gold), 0)
        print(f"  {text!r} → {' / '.join(sorted(names[doc_id] for doc_id in gold))}: ours {rank or '-'}, "
              f"baseline {base or '-'}")
        if hits:
            print(f"      first: {hits[0].name} ({hits[0].score:.2f}): {'; '.join(hits[0].explanation)}")


def run(name: str, docs: list[SearchDocument], queries: list[Query], failures: int = 0, seed: int = 42) -> None:
    """Build both indexes over *docs*, run *queries*, print one line each (and *failures* missed queries)."""
    start = time.perf_counter()
    index = SearchIndex.build(docs)
    build = time.perf_counter() - start
    start = time.perf_counter()
    baseline = TfidfBaseline(docs)
    baseline_build = time.perf_counter() - start
    ours = evaluate(lambda text: [hit.id for hit in index.search(text, limit=10)], queries)
    base = evaluate(baseline.search, queries)
    labels = sum(len(doc.labels) for doc in docs)
    print(f"\nprotocol {name}: {len(docs)} occupations, {labels} labels indexed, {len(queries)} queries")
    print(f"{'method':<22}{'acc@1':>7}{'acc@5':>7}{'MRR':>7}{'median ms':>11}{'p95 ms':>8}{'build s':>9}")
    for method, result, seconds in (("search (ours)", ours, build), ("TF-IDF char 3-gram", base, baseline_build)):
        print(f"{method:<22}{result['acc@1']:>7.3f}{result['acc@5']:>7.3f}{result['mrr']:>7.3f}"
              f"{result['median_ms']:>11.2f}{result['p95_ms']:>8.2f}{seconds:>9.2f}")
    if failures:
        show_failures(index, baseline, docs, queries, failures, seed)


def run_strict(occupations: list[Occupation], sample: int = 0, seed: int = 42) -> None:
    """Protocol S: every (occupation, alt label) pair, own occupation first, per split, with both baselines."""
    from baselines import CharTfidf, TokenSet
    from goldsets import split_of

    docs, _ = protocol_a(occupations)
    pairs = [(text, occ["id"]) for occ in occupations for text in occ["alt"]  # type: ignore[attr-defined]
             if fold(text) and fold(text) != fold(occ["pref"])]  # type: ignore[arg-type]
    if sample and sample < len(pairs):
        pairs = sorted(random.Random(seed).sample(pairs, sample))
    index = SearchIndex.build(docs)
    labels = [(doc.id, doc.pref_label) for doc in docs]
    methods: dict[str, Callable[[str], list[str]]] = {
        "search (ours)": lambda text: [hit.id for hit in index.search(text, limit=1)],
        "TF-IDF char 2-4": CharTfidf(labels).rank, "rapidfuzz token_set": TokenSet(labels).rank}
    hits: dict[tuple[str, str], list[int]] = {}
    for text, owner in pairs:
        split = split_of(str(owner))
        for name, method in methods.items():
            found = method(text)
            tally = hits.setdefault((name, split), [0, 0])
            tally[0] += bool(found) and found[0] == owner
            tally[1] += 1
    print(f"\nprotocol S (strict: own occupation first): {len(docs)} occupations, {len(pairs)} queries")
    print(f"{'method':<22}" + "".join(f"{split:>14}" for split in ("train", "dev", "test", "all")))
    for name in methods:
        cells = [hits.get((name, split), [0, 0]) for split in ("train", "dev", "test")]
        total = [sum(cell[0] for cell in cells), sum(cell[1] for cell in cells)]
        print(f"{name:<22}" + "".join(f"{right / (n or 1):>8.3f} ({n:>4})" for right, n in (*cells, total)))


def main() -> None:
    """Parse the arguments and run the protocols."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("esco_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seed", type=int, default=42, help="seed of protocol B's draw (default 42)")
    parser.add_argument("--share", type=float, default=0.2, help="share held back in protocol B (default 0.2)")
    parser.add_argument("--sample", type=int, default=0, help="run only N queries per protocol (seeded), 0 = all")
    parser.add_argument("--protocol", choices=["A", "B", "S", "all"], default="all")
    parser.add_argument("--failures", type=int, default=0, help="print N queries (seeded) we miss at rank 1")
    args = parser.parse_args()
    occupations = read_occupations(args.esco_dir)
    print(f"ESCO occupations: {len(occupations)} from {args.esco_dir}")
    protocols = {"A": lambda: protocol_a(occupations), "B": lambda: protocol_b(occupations, args.seed, args.share)}
    for name, make in protocols.items():
        if args.protocol not in (name, "all"):
            continue
        docs, queries = make()
        if args.sample and args.sample < len(queries):
            queries = sorted(random.Random(args.seed).sample(queries, args.sample))
        run(name, docs, queries, args.failures, args.seed)
    if args.protocol in ("S", "all"):
        run_strict(occupations, args.sample, args.seed)


if __name__ == "__main__":
    main()
