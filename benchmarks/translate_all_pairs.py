"""All-pairs translation of two synthetic 20,000-statement sides, against exhaustive matching.

Run:  python benchmarks/translate_all_pairs.py [--size 20000] [--threshold 0.5] [--check-rows 300]

The statements are generated like the reference benchmark (../shared/reference/performance.md §6):
a Zipf-distributed Dutch-like vocabulary with compounds; side B holds perturbed copies of 60 % of
side A (Flemish/Dutch word swaps, word order, dropped or added words, typos) and unrelated
statements. It prints the wall time of the full pipeline (analysis + join in rapidfuzz's C++ kernel + best
match per statement) and checks, on the first --check-rows statements, that the join finds exactly
the pairs a pure-Python comparison of every pair finds at the same threshold (recall 1.0).
Target (issue 4): <= 30 s on 2 cores for 20,000 x 20,000 with the same recall as exhaustive.
"""

from __future__ import annotations

import argparse
import random
import time

from competence_bridge.language.analyser import Analyser
from competence_bridge.matching.lexical import best_matches, dice, match_statements

VERBS = ["beheert", "controleert", "installeert", "plaatst", "onderhoudt", "herstelt", "meet", "test",
         "bereidt", "rapporteert", "plant", "ondersteunt", "begeleidt", "verzorgt", "observeert", "monteert"]
SWAPS = {"medewerker": "bediende", "klant": "cliënt", "opleiding": "vorming", "technicus": "technieker",
         "verpleegkundige": "verpleger", "zorgvrager": "cliënt", "werkplek": "werkvloer"}


def vocabulary(rng: random.Random, size: int = 2500) -> list[str]:  # 30 stems give at most 2,640 words
    stems = ["klant", "gegevens", "installatie", "leiding", "kabel", "machine", "onderhoud", "zorg", "cliënt",
             "medicatie", "veiligheid", "kwaliteit", "werkplek", "planning", "verslag", "netwerk", "systeem",
             "schakel", "meting", "storing", "voorraad", "order", "hygiëne", "dossier", "team", "opleiding",
             "medewerker", "technicus", "verpleegkundige", "zorgvrager"]
    words = set(stems)
    while len(words) < size:
        a, b = rng.sample(stems, 2)
        words.add(a + rng.choice(["", "s", "en"]) + b)
    return sorted(words)


def statement(rng: random.Random, vocab: list[str], weights: list[float]) -> str:
    nouns = rng.choices(vocab, weights=weights, k=rng.randint(2, 6))
    return f"{rng.choice(VERBS)} {' en '.join(nouns[:2])} " + " ".join(f"van de {n}" for n in nouns[2:])


def perturb(rng: random.Random, text: str, vocab: list[str]) -> str:
    words = [SWAPS.get(w, w) if rng.random() < 0.5 else w for w in text.split()]
    if rng.random() < 0.3 and len(words) > 3:
        words.pop(rng.randrange(len(words)))
    if rng.random() < 0.3:
        words.append(rng.choice(vocab))
    if rng.random() < 0.3:
        rng.shuffle(words)
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        word = words[i]
        if len(word) > 4:
            j = rng.randrange(1, len(word) - 1)
            words[i] = word[:j] + word[j + 1:]
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--check-rows", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(42)
    vocab = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    side_a = [statement(rng, vocab, weights) for _ in range(args.size)]
    side_b = [perturb(rng, text, vocab) if rng.random() < 0.6 else statement(rng, vocab, weights) for text in side_a]
    rng.shuffle(side_b)

    start = time.perf_counter()
    pairs = match_statements(side_a, side_b, threshold=args.threshold)
    best = best_matches(pairs)
    elapsed = time.perf_counter() - start
    print(f"all-pairs {args.size:,} x {args.size:,} statements at Dice >= {args.threshold}: "
          f"{elapsed:.2f} s, {len(pairs):,} pairs, best match for {len(best):,} statements")

    rows = args.check_rows
    # The same keys as the pipeline: an analyser whose lexicon is built on both sides (compounds split).
    analyser = Analyser.from_texts([*side_a, *side_b])
    left = [analyser.keys(text) for text in side_a[:rows]]
    right = [analyser.keys(text) for text in side_b]
    start = time.perf_counter()
    exhaustive = [(i, j) for i, a in enumerate(left) for j, b in enumerate(right) if dice(a, b) >= args.threshold]
    exhaustive_time = time.perf_counter() - start
    joined = [(i, j) for i, j, _ in pairs if i < rows]  # what the pipeline found for these rows
    recall = len(set(joined) & set(exhaustive)) / len(exhaustive) if exhaustive else 1.0
    print(f"check on {rows} rows x {args.size:,}: exhaustive {len(exhaustive):,} pairs in {exhaustive_time:.1f} s "
          f"(≈ {exhaustive_time * args.size / rows:.0f} s for all rows); join recall {recall:.3f}, "
          f"identical: {sorted(joined) == sorted(exhaustive)}")


if __name__ == "__main__":
    main()
