"""Cold wall time of a one-off CLI lookup against the import floor of its dependencies.

Run:  python benchmarks/cli_cold_start.py [--runs 9]

Prints the median (and min-max) wall time of fresh processes for
  1. python -c "import rdflib, pydantic, rapidfuzz, yaml, oxrdflib"   (the import floor)
  2. competence-bridge levels vks 5                                   (compiled graph cached)
  3. the same lookup with an empty cache                                (first run after install)
  4. translate zorgkundige --to NL                                      (shipped data, cache warm)
and, when ../shared/data/esco-nl-1.2.0 is present, with ESCO nl in a store built once (store build):
  5. levels vks 5 --store DIR,  6. translate magazijnier --to NL --store DIR
  7. translate magazijnier --to NL --with esco:DIR                      (compiled graph cached)
Targets: lookup <= 0.5 s median and <= 1.5x the import floor (issue 2); a lookup on a store with ESCO
as fast as one on the shipped data alone (issue 6); a counsellor's translation in about a second.
"""

from __future__ import annotations

import argparse
import os
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


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "COMPETENCE_BRIDGE_CACHE": cache}
        wall(LOOKUP, env)  # fill the cache
        wall(TRANSLATE, env)  # prepare the translator once
        commands = [("import floor", FLOOR), ("levels vks 5 (cached)", LOOKUP), ("translate (shipped)", TRANSLATE)]
        if ESCO.is_dir():
            store = str(Path(cache) / "esco-store")
            magazijnier = [sys.executable, "-m", "competence_bridge", "translate", "magazijnier", "--to", "NL"]
            subprocess.run([sys.executable, "-m", "competence_bridge", "store", "build", store, "--with",
                            f"esco:{ESCO}"], env=env, check=True, stdout=subprocess.DEVNULL)
            commands += [("levels vks 5 --store (ESCO)", [*LOOKUP, "--store", store]),
                         ("translate --store (ESCO)", [*magazijnier, "--store", store]),
                         ("translate --with esco", [*magazijnier, "--with", f"esco:{ESCO}"])]
            for _, command in commands[3:]:
                wall(command, env)  # prepare once
        results = {}
        for name, command in commands:
            times = [wall(command, env) for _ in range(runs)]
            results[name] = times
        uncached = []
        for _ in range(max(3, runs // 3)):
            with tempfile.TemporaryDirectory() as empty:
                uncached.append(wall(LOOKUP, {**os.environ, "COMPETENCE_BRIDGE_CACHE": empty}))
        results["levels vks 5 (empty cache)"] = uncached
    print(f"{'command':32} {'median s':>9} {'min-max s':>15}  runs")
    for name, times in results.items():
        print(f"{name:32} {statistics.median(times):9.3f} {min(times):7.3f}-{max(times):<7.3f}  {len(times)}")
    floor = statistics.median(results["import floor"])
    lookup = statistics.median(results["levels vks 5 (cached)"])
    print(f"lookup / floor = {lookup / floor:.2f}  (target <= 1.50; lookup target <= 0.500 s)")


if __name__ == "__main__":
    main()
