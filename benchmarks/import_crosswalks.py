"""Import time of the three official ESCO mapping tables, and the cost of chaining through them.

Run:  python benchmarks/import_crosswalks.py [FOLDER] [--runs 5]

FOLDER defaults to ../shared/data/eures-esco-mappings beside the project. For each table, each run
reads and validates it (``competence_bridge.importers.esco_mapping.read``), builds its SSSOM mapping set,
makes its triples and adds them to a new Oxigraph-backed graph (``add_triples``), the garbage
collector paused: what ``compile_inputs`` does for ``--with esco-mapping:PATH``. The anchor, measured
in the same run, is the floor of reading the file at all: ``csv.reader`` over its decoded text.
Then the chain index over the two occupation tables: built from the mapping sets and from a
compiled graph (one SPARQL query), and ``chains()`` for every VDAB and UWV occupation (p50/p95).
Prints medians, min-max, table rows per second, and ratios against the anchor.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from competence_bridge.bulk import paused_gc  # noqa: E402
from competence_bridge.importers.esco_mapping import read  # noqa: E402
from competence_bridge.matching.chains import ChainIndex, default_settings  # noqa: E402
from competence_bridge.rdf.graph import add_triples, new_graph  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "eures-esco-mappings"
TABLES = ("BLM_mapping.csv", "NL_mapping.csv", "escocompetencemappingfinalreport-fr-nl-45-v3.8.csv")


def anchor(path: Path) -> float:
    """Seconds to decode the file and split it into CSV records, nothing more."""
    start = time.perf_counter()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert rows
    return time.perf_counter() - start


def run_once(path: Path) -> tuple[dict[str, float], int, int]:
    """Time one import; returns the seconds per phase, the table rows and the triples."""
    phases = {"csv floor (anchor)": anchor(path)}
    start = time.perf_counter()
    dataset = read(path)
    read_done = time.perf_counter()
    _ = dataset.mapping_set
    set_done = time.perf_counter()
    with paused_gc():
        triples = list(dataset.triples())
    made = time.perf_counter()
    graph = new_graph()
    with paused_gc():
        add_triples(graph, triples)
    loaded = time.perf_counter()
    phases.update({"read + validate": read_done - start, "SSSOM mapping set": set_done - read_done,
                   "triples": made - set_done, "load (add_triples)": loaded - made, "total": loaded - start})
    return phases, dataset.table_rows, len(triples)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def chains(folder: Path, runs: int) -> None:
    """Build the chain index two ways and time a lookup for every national occupation."""
    settings = default_settings()
    tables = [read(folder / name) for name in TABLES[:2]]
    sets = [table.mapping_set for table in tables]
    built = []
    for _ in range(runs):
        start = time.perf_counter()
        index = ChainIndex.from_mapping_sets(sets, settings)
        built.append(time.perf_counter() - start)
    graph = new_graph()
    with paused_gc():
        for table in tables:
            add_triples(graph, table.triples())
    start = time.perf_counter()
    from_graph = ChainIndex.from_graph(graph, settings)
    graph_seconds = time.perf_counter() - start
    assert len(from_graph) == len(index)
    subjects = [concept.id for table in tables for concept in table.national_concepts]
    latencies, found = [], 0
    for subject in subjects:
        start = time.perf_counter()
        found += len(index.chains(subject))
        latencies.append(time.perf_counter() - start)
    print(f"\nchain index over {len(index):,} official rows (VDAB Competent + UWV occupations):")
    print(f"  from the mapping sets  median {statistics.median(built) * 1000:8.1f} ms ({runs} runs)")
    print(f"  from a compiled graph         {graph_seconds * 1000:8.1f} ms (one SPARQL query)")
    print(f"  chains() for {len(subjects):,} occupations: {found:,} chains; p50 "
          f"{_percentile(latencies, 0.5) * 1e6:.0f} µs, p95 {_percentile(latencies, 0.95) * 1e6:.0f} µs, "
          f"max {max(latencies) * 1e3:.2f} ms")


def main() -> None:
    """Run the benchmark and print a table per file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT, help="folder with the three tables")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name in TABLES:
        path = args.folder / name
        run_once(path)  # warm-up: imports, file cache
        results: dict[str, list[float]] = {}
        rows = triples = 0
        for _ in range(args.runs):
            phases, rows, triples = run_once(path)
            for phase, seconds in phases.items():
                results.setdefault(phase, []).append(seconds)
        floor = statistics.median(results["csv floor (anchor)"])
        print(f"{name}: {rows:,} table rows, {triples:,} triples, {args.runs} runs")
        print(f"  {'phase':22} {'median s':>9} {'min-max s':>15} {'rows/s':>10} {'× anchor':>9}")
        for phase, times in results.items():
            median = statistics.median(times)
            print(f"  {phase:22} {median:9.3f} {min(times):7.3f}-{max(times):<7.3f} {rows / median:10,.0f} "
                  f"{median / floor:9.1f}")
    chains(args.folder, args.runs)


if __name__ == "__main__":
    main()
