"""Import time of an ESCO CSV export: read + triples + load into an Oxigraph-backed graph.

Run:  python benchmarks/import_esco.py [PATH] [--runs 5]

PATH defaults to ../shared/data/esco-nl-1.2.0 beside the project. Each run reads and validates
the export (``competence_bridge.importers.esco.read``), makes its statements as pyoxigraph quads
(``EscoDataset.quads``: no rdflib terms), and adds them to a new graph from
``competence_bridge.rdf.graph.new_graph()`` with ``competence_bridge.rdf.graph.add_quads`` (Oxigraph's
N-Triples parser, a document at a time), the garbage collector paused: the work ``load(esco=...)`` does,
which loads the same documents into a bare pyoxigraph store (``backends.compile.compile_native``).
With ``--triples`` it takes the generic route instead, the one other importers take: rdflib triples
(``EscoDataset.triples``) converted by ``competence_bridge.rdf.graph.add_triples``. Prints the median and
min-max of each phase, triples per second, and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from competence_bridge.rdf.graph import add_quads, add_triples, new_graph  # noqa: E402
from competence_bridge.importers.esco import read  # noqa: E402
from competence_bridge.bulk import paused_gc  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco-nl-1.2.0"


def run_once(path: Path, *, generic: bool = False) -> tuple[dict[str, float], int]:
    """Time one import; returns the seconds per phase and the number of triples."""
    start = time.perf_counter()
    dataset = read(path)
    read_done = time.perf_counter()
    with paused_gc():
        statements = list(dataset.triples() if generic else dataset.quads())
    made = time.perf_counter()
    graph = new_graph()
    with paused_gc():
        (add_triples if generic else add_quads)(graph, statements)
    load_done = time.perf_counter()
    names = ("triples", "load (add_triples)") if generic else ("quads", "load (add_quads)")
    phases = {"read + validate": read_done - start, names[0]: made - read_done, names[1]: load_done - made,
              "total": load_done - start}
    return phases, len(statements)


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="ESCO CSV export directory or file")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--triples", action="store_true", help="the generic route: rdflib triples, converted")
    args = parser.parse_args()
    run_once(args.path, generic=args.triples)  # warm-up: imports, file cache
    results: dict[str, list[float]] = {}
    count = 0
    for _ in range(args.runs):
        phases, count = run_once(args.path, generic=args.triples)
        for name, seconds in phases.items():
            results.setdefault(name, []).append(seconds)
    route = "rdflib triples + add_triples" if args.triples else "quads + add_quads"
    print(f"{args.path}: {count:,} triples, {args.runs} runs, {route}")
    print(f"{'phase':22} {'median s':>9} {'min-max s':>15} {'triples/s':>11}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:22} {median:9.3f} {min(times):7.3f}-{max(times):<7.3f} {count / median:11,.0f}")
    print(f"peak RSS {_peak_mib():.0f} MiB")


def _peak_mib() -> float:
    """This process's peak RSS (``VmHWM``), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
