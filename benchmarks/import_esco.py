"""Import time of an ESCO CSV export: read + triples + load into an Oxigraph-backed graph.

Run:  python benchmarks/import_esco.py [PATH] [--runs 5]

PATH defaults to ../shared/data/esco-nl-1.2.0 beside the project. Each run reads and validates
the export (``competence_bridge.importers.esco.read``), builds its triples, and adds them to a new
graph from ``competence_bridge.graph.new_graph()`` with ``graph.addN`` (garbage collector paused,
as ``load()`` does). Prints the median and min-max of each phase, and triples per second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from competence_bridge.graph import new_graph  # noqa: E402
from competence_bridge.importers.esco import read  # noqa: E402
from competence_bridge.taxonomy import paused_gc  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco-nl-1.2.0"


def run_once(path: Path) -> tuple[dict[str, float], int]:
    """Time one import; returns the seconds per phase and the number of triples."""
    start = time.perf_counter()
    dataset = read(path)
    read_done = time.perf_counter()
    with paused_gc():
        triples = list(dataset.triples())
    triples_done = time.perf_counter()
    graph = new_graph()
    with paused_gc():
        graph.addN((s, p, o, graph) for s, p, o in triples)
    load_done = time.perf_counter()
    phases = {"read + validate": read_done - start, "triples": triples_done - read_done,
              "load (Oxigraph addN)": load_done - triples_done, "total": load_done - start}
    return phases, len(triples)


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="ESCO CSV export directory or file")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run_once(args.path)  # warm-up: imports, file cache
    results: dict[str, list[float]] = {}
    count = 0
    for _ in range(args.runs):
        phases, count = run_once(args.path)
        for name, seconds in phases.items():
            results.setdefault(name, []).append(seconds)
    print(f"{args.path}: {count:,} triples, {args.runs} runs")
    print(f"{'phase':22} {'median s':>9} {'min-max s':>15} {'triples/s':>11}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:22} {median:9.3f} {min(times):7.3f}-{max(times):<7.3f} {count / median:11,.0f}")


if __name__ == "__main__":
    main()
