"""Text analysis on hostile input: time at n, 2n, 4n, 8n, ... against a normal query measured in the same run.

Run:  python benchmarks/hostile_text.py [--largest 256000]

Issue 15 measured the compound splitter superlinear: ``search`` on 'b' x 1000/2000/4000/8000 took
0.85/2.4/9.3/42 s, x 32000 over 120 s, and one ESCO description of a single 131,000-character word made an
index over ESCO take over 300 s. The caps of taxonomies/limits.yaml (``analysed_text_chars``,
``analysed_word_chars``, ``query_words``) make the work linear and bounded. Printed per case: seconds at each
size, the ratio to the anchor (one ordinary query, ``verwarmingsinstallateur``, on the same index), and the
growth of the last size over the first against the growth of the size itself (linear: about equal or less).
Targets: every case <= 1 s, growing linearly.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import competence_bridge
from competence_bridge.curated.taxonomy import limits
from competence_bridge.language.lexicon import Lexicon
from competence_bridge.matching.search import SearchDocument, SearchIndex
from competence_bridge.matching.search_graph import documents_from_graph


def seconds(action: Callable[[], object], runs: int = 3) -> float:
    """The median time of *action* over *runs* runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def random_word(size: int, seed: int) -> str:
    """*size* random lower-case letters (no word of any corpus)."""
    generator = random.Random(seed)
    return "".join(generator.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(size))


def main() -> None:
    """Build the shipped search index once, then time each hostile case at growing sizes."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--largest", type=int, default=256_000, help="largest input size in characters")
    args = parser.parse_args()
    caps = limits()
    print(f"caps (taxonomies/limits.yaml): analysed_text_chars {caps.analysed_text_chars}, analysed_word_chars "
          f"{caps.analysed_word_chars}, query_words {caps.query_words}")
    bridge = competence_bridge.load()
    documents = documents_from_graph(bridge.graph)
    index = SearchIndex.build(documents)
    anchor = seconds(lambda: index.search("verwarmingsinstallateur"), runs=9)
    print(f"anchor: one ordinary search on the shipped data {anchor * 1000:.2f} ms")
    sizes = []
    size = 1000
    while size <= args.largest:
        sizes.append(size)
        size *= 2
    cases: dict[str, Callable[[int], Callable[[], object]]] = {
        "search 'b' x n": lambda n: lambda: index.search("b" * n),
        "search 'ab' x n/2": lambda n: lambda: index.search("ab" * (n // 2)),
        "search one random word of n letters": lambda n: lambda: index.search(random_word(n, n)),
        "search n/9 random words": lambda n: lambda: index.search(" ".join(random_word(8, i) for i in range(n // 9))),
        "translate free text 'b' x n": lambda n: lambda: bridge.translate("b" * n, to="NL"),
        "analyse n/9 words (fresh lexicon)": lambda n: lambda: Lexicon.from_texts(
            [" ".join(random_word(8, i) for i in range(n // 9))], eager=True).analyse("x"),
        "index: a description of one n-letter word": lambda n: lambda: SearchIndex.build(
            [*documents[:50], SearchDocument("x:long", "occupation", None, (("lang", "nl", "pref"),), "b" * n)]),
    }
    print(f"\n{'case':<44}" + "".join(f"{size:>10}" for size in sizes) + f"{'growth':>9}{'vs n':>7}{'max/anchor':>12}")
    for name, make in cases.items():
        timings = [seconds(make(size), runs=1 if size >= 64_000 else 3) for size in sizes]
        growth = timings[-1] / max(timings[0], 1e-6)
        print(f"{name:<44}" + "".join(f"{value:>10.4f}" for value in timings)
              + f"{growth:>9.1f}{sizes[-1] / sizes[0]:>7.0f}{max(timings) / anchor:>12.0f}")
    print("\n(seconds per call; growth = time at the largest size / time at the smallest; every case is capped, so "
          "past the caps it stops growing)")


if __name__ == "__main__":
    main()
