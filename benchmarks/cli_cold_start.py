"""Cold wall and CPU time of one-off CLI commands against the import floor of their dependencies.

Run:  python benchmarks/cli_cold_start.py [--runs 9]

Prints, per command, the median (and min-max) wall time of fresh processes and the median CPU time
(user + sys of the child, from ``resource.getrusage(RUSAGE_CHILDREN)``; steadier than wall time on a
shared machine) for
  1. python -c "import rdflib, pydantic, rapidfuzz, yaml, oxrdflib"   (the import floor)
  2. competence-bridge levels vks 5                                   (compiled graph cached)
  3. the same lookup with an empty cache                                (first run after install)
  4. translate zorgkundige --to NL                                      (shipped data, cache warm)
and, when ../shared/data/esco-nl-1.2.0 is present, with ESCO nl in a store built once (store build):
  5. python -c: open the store read-only with pyoxigraph, one SPARQL query  (the store floor)
  6. levels vks 5 --store DIR,  7. translate magazijnier --to NL --store DIR
  8. search magazijnier --store DIR
  9. translate magazijnier --to NL --with esco:DIR                      (compiled graph cached)
Targets: lookup <= 0.5 s median and <= 1.5x the import floor (issue 2); a lookup on a store with ESCO
as fast as one on the shipped data alone (issue 6); a counsellor's translation in about a second;
a one-off translate or search on a store with ESCO <= 0.35 s CPU, levels on it <= 3x the store floor
(issue 14).

Children read the package from bytecode, as an installed package does: they run with a private
``PYTHONPYCACHEPREFIX`` (and without ``PYTHONDONTWRITEBYTECODE``), so nothing is written beside the
sources and the first run of each command fills it. To measure another checkout of the package, run
from outside the repository with ``PYTHONPATH=that/checkout`` (the current directory comes first).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = [sys.executable, "-c", "import rdflib, pydantic, rapidfuzz, yaml, oxrdflib"]
LOOKUP = [sys.executable, "-m", "competence_bridge", "levels", "vks", "5"]
TRANSLATE = [sys.executable, "-m", "competence_bridge", "translate", "zorgkundige", "--to", "NL"]
ESCO = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco-nl-1.2.0"


STORE_FLOOR = ("import sys, pyoxigraph as ox; store = ox.Store.read_only(sys.argv[1]); "
               "list(store.query('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1'))")


def children_cpu() -> float:
    """User + sys CPU seconds of every finished child so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(command: list[str], env: dict[str, str]) -> float:
    return measure(command, env)[0]


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process running *command*."""
    cpu = children_cpu()
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "COMPETENCE_BRIDGE_CACHE": cache, "PYTHONPYCACHEPREFIX": str(Path(cache) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        wall(LOOKUP, env)  # fill the cache
        wall(TRANSLATE, env)  # prepare the translator once
        commands = [("import floor", FLOOR), ("levels vks 5 (cached)", LOOKUP), ("translate (shipped)", TRANSLATE)]
        if ESCO.is_dir():
            store = str(Path(cache) / "esco-store")
            magazijnier = [sys.executable, "-m", "competence_bridge", "translate", "magazijnier", "--to", "NL"]
            subprocess.run([sys.executable, "-m", "competence_bridge", "store", "build", store, "--with",
                            f"esco:{ESCO}"], env=env, check=True, stdout=subprocess.DEVNULL)
            commands += [("store floor (pyoxigraph)", [sys.executable, "-c", STORE_FLOOR,
                                                       str(Path(store) / "oxigraph")]),
                         ("levels vks 5 --store (ESCO)", [*LOOKUP, "--store", store]),
                         ("translate --store (ESCO)", [*magazijnier, "--store", store]),
                         ("search --store (ESCO)", [sys.executable, "-m", "competence_bridge", "search",
                                                    "magazijnier", "--store", store]),
                         ("translate --with esco", [*magazijnier, "--with", f"esco:{ESCO}"])]
            for _, command in commands[3:]:
                wall(command, env)  # prepare once
        results: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in commands}
        for _ in range(runs):  # interleaved, so a burst of load on a shared machine hits every command alike
            for name, command in commands:
                results[name].append(measure(command, env))
        uncached = []
        for _ in range(max(3, runs // 3)):
            with tempfile.TemporaryDirectory() as empty:
                uncached.append(measure(LOOKUP, {**env, "COMPETENCE_BRIDGE_CACHE": empty}))
        results["levels vks 5 (empty cache)"] = uncached
    print(f"{'command':32} {'wall s':>7} {'min-max s':>15} {'CPU s':>7}  runs")
    for name, pairs in results.items():
        walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
        print(f"{name:32} {statistics.median(walls):7.3f} {min(walls):7.3f}-{max(walls):<7.3f} "
              f"{statistics.median(cpus):7.3f}  {len(pairs)}")

    def median(name: str, which: int) -> float:
        return statistics.median(pair[which] for pair in results[name])

    floor, lookup = median("import floor", 0), median("levels vks 5 (cached)", 0)
    print(f"lookup / floor = {lookup / floor:.2f}  (target <= 1.50; lookup target <= 0.500 s)")
    if "store floor (pyoxigraph)" in results:
        store_floor = median("store floor (pyoxigraph)", 0)
        store_floor_cpu = median("store floor (pyoxigraph)", 1)
        ratio = median("levels vks 5 --store (ESCO)", 0) / store_floor
        ratio_cpu = median("levels vks 5 --store (ESCO)", 1) / store_floor_cpu
        print(f"levels --store / store floor = {ratio:.2f} wall, {ratio_cpu:.2f} CPU  (target <= 3.00)")
        for name in ("translate --store (ESCO)", "search --store (ESCO)"):
            print(f"{name}: {median(name, 1):.3f} s CPU  (target <= 0.350)")


if __name__ == "__main__":
    main()
