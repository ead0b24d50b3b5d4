"""How load, memory, search and translation grow with the graph: ESCO-shaped inputs at 1x, 4x, 16x, 32x.

Run:  python benchmarks/scale.py [--scales 1,4,16,32] [--queries 200] [--keep DIR]

The inputs are generated from the real ESCO nl 1.2.0 export (``../shared/data/esco-nl-1.2.0``), never
copied into the repository: at scale *k* the occupations file holds the 3,039 real occupations plus
``k - 1`` derived variants of each, so every label is unique and reads like a Dutch occupation. A
variant *i* of an occupation gets a specialisation drawn from a fixed list of 64 Dutch domain words
(``haven``, ``voeding``, ``scheepsbouw``, ...; seed 11): as a compound prefix of the preferred label
(``havenlasser``) for half of the variants and as a trailing phrase (``lasser scheepsbouw``) for the
other half, its alternative labels get the same treatment, its description names the specialisation,
its IRI is a UUID derived from the original's and *i*, and it keeps the ISCO group. ISCO groups,
skill groups and the skills hierarchy are the real files. 32x is about 2.4M triples: the scale of
multilingual ESCO.

Every scale runs in its own process (peak RSS is that process's ``ru_maxrss``) and prints:
  load            ``load(esco=DIR, cache=False)``: read, validate, compile; triples/s. ``cache=False`` keeps no
                  compiled graph of the load, but the curated taxonomies' part is read from the cache when the
                  same taxonomy files were compiled before (``backends/curated_part.py``): it is warmed once
                  before the first scale, so every scale measures that case (cold, it costs ~0.15 s more)
  oxigraph floor  pyoxigraph's own ``Store.load`` of the same triples as N-Triples, in a process of its own
  cpu ratio       the same two, as CPU seconds of their processes (``time.process_time``): the ratio
                  a shared, busy machine disturbs least (wall time includes waiting for a core)
  index build     the first ``bridge.search(...)`` (builds the search index)
  translate prep  the first ``bridge.translate(...)`` (reads the item table, prepares both sides)
  search, translate  p50 / p95 over *queries* alternative labels of random occupations (seed 5), warm
  peak RSS        after all of the above
Then, per scale, a store is built once (``store build``) and a one-off CLI lookup timed against it:
  levels --store  ``competence-bridge levels vks 5 --store DIR``, median of 5 fresh processes
  store floor     a fresh ``python -c`` that opens the store read-only with pyoxigraph and runs one query
Targets (issue 14): load >= 400k triples/s and <= 1.3x the Oxigraph floor; p95 at 16x <= 4x p95 at 1x;
translate p95 <= 50 ms at 1x; peak RSS ESCO-nl <= 250 MB, 1M triples <= 1 GB; one-off <= 3x the store floor.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ESCO = ROOT.parent / "shared" / "data" / "esco-nl-1.2.0"

#: Specialisations a derived occupation gets: Dutch domain words that compound and follow naturally.
DOMAINS = (
    "haven", "voeding", "scheepsbouw", "luchtvaart", "spoor", "bouw", "zorg", "onderwijs", "energie", "water",
    "chemie", "textiel", "glas", "papier", "hout", "metaal", "kunststof", "auto", "fiets", "tuin", "land",
    "bos", "visserij", "zuivel", "vlees", "bakkerij", "brouwerij", "wijn", "horeca", "toerisme", "sport",
    "cultuur", "media", "reclame", "mode", "meubel", "keuken", "badkamer", "dak", "gevel", "vloer", "wand",
    "riolering", "weg", "brug", "tunnel", "dijk", "offshore", "laboratorium", "ziekenhuis", "thuiszorg",
    "jeugd", "ouderen", "gevangenis", "defensie", "douane", "post", "koerier", "opslag", "recycling",
    "afval", "archief", "museum", "evenementen",
)


def generate(directory: Path, scale: int) -> int:
    """Write an ESCO-shaped export at *scale* into *directory*; returns the number of occupations."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("ISCOGroups_nl.csv", "skillGroups_nl.csv", "skillsHierarchy_nl.csv"):
        (directory / name).write_bytes((ESCO / name).read_bytes())
    with (ESCO / "occupations_nl.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    chooser = random.Random(11)
    written = 0
    with (directory / "occupations_nl.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            written += 1
            domains = chooser.sample(DOMAINS, min(scale - 1, len(DOMAINS)))
            for variant in range(1, scale):
                domain = domains[(variant - 1) % len(domains)] + ("" if variant <= len(domains) else str(variant))
                writer.writerow(_variant(row, domain, variant))
                written += 1
    return written


def _variant(row: dict[str, str], domain: str, variant: int) -> dict[str, str]:
    def special(label: str) -> str:
        return f"{domain}{label}" if variant % 2 and " " not in label else f"{label} {domain}"

    alt = "\n".join(special(label) for label in row["altLabels"].split("\n") if label)
    return {**row,
            "conceptUri": "http://data.europa.eu/esco/occupation/" + str(uuid.uuid5(uuid.NAMESPACE_URL,
                                                                                     f"{row['conceptUri']}#{variant}")),
            "preferredLabel": special(row["preferredLabel"]), "altLabels": alt, "hiddenLabels": "",
            "description": f"Gespecialiseerd in {domain}. {row['description']}",
            "code": f"{row['code']}.9{variant:03d}"}


#: pyoxigraph's own load of an N-Triples file into an in-memory store; prints the seconds it took.
_FLOOR_LOAD = """\
import sys, time
import pyoxigraph as ox
store = ox.Store()
start, cpu = time.perf_counter(), time.process_time()
store.load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def measure(directory: Path, queries: int) -> dict[str, float]:
    """One scale, in this process: load, the Oxigraph floor, index build, latencies, peak RSS."""
    import resource

    import competence_bridge
    from competence_bridge.rdf.graph import export

    start, cpu = time.perf_counter(), time.process_time()
    bridge = competence_bridge.load(esco=directory, cache=False)
    load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu
    triples = bridge.size
    with tempfile.TemporaryDirectory() as scratch:
        nt = Path(scratch) / "graph.nt"
        export(bridge.graph, "nt", nt)
        # in a process of its own, so that the peak RSS below is the library's alone
        floor_s, floor_cpu = map(float, subprocess.run([sys.executable, "-c", _FLOOR_LOAD, str(nt)], check=True,
                                                       capture_output=True, text=True).stdout.split())
    occupations = [item for item in bridge.list_items(kind="occupation") if item.alt_labels]
    sample = random.Random(5).sample(occupations, min(queries, len(occupations)))
    texts = [item.alt_labels[0] for item in sample]
    start = time.perf_counter()
    bridge.search(texts[0])
    index_s = time.perf_counter() - start
    start = time.perf_counter()
    bridge.translate(texts[0], to="NL")
    prepare_s = time.perf_counter() - start
    search_ms, translate_ms = [], []
    for text in texts:
        start = time.perf_counter()
        bridge.search(text)
        search_ms.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        bridge.translate(text, to="NL")
        translate_ms.append(1000 * (time.perf_counter() - start))
    return {"triples": triples, "load_s": load_s, "floor_s": floor_s, "load_cpu": load_cpu, "floor_cpu": floor_cpu,
            "index_s": index_s, "prepare_s": prepare_s,
            "search_p50": _pct(search_ms, 50), "search_p95": _pct(search_ms, 95),
            "translate_p50": _pct(translate_ms, 50), "translate_p95": _pct(translate_ms, 95),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def one_off(directory: Path, store: Path, runs: int = 5) -> tuple[float, float]:
    """Median wall time of ``levels vks 5 --store`` and of a bare pyoxigraph open + query, fresh processes."""
    subprocess.run([sys.executable, "-m", "competence_bridge", "store", "build", str(store), "--with",
                    f"esco:{directory}"], check=True, stdout=subprocess.DEVNULL)
    lookup = [sys.executable, "-m", "competence_bridge", "levels", "vks", "5", "--store", str(store)]
    bare = [sys.executable, "-c", "import pyoxigraph as ox, sys; s = ox.Store.read_only(sys.argv[1]); "
            "list(s.query('SELECT ?l WHERE { ?l <http://www.w3.org/2004/02/skos/core#notation> \"5\" } LIMIT 5'))",
            str(store / "oxigraph")]
    times: dict[str, list[float]] = {"lookup": [], "bare": []}
    for _ in range(runs):  # interleaved, so both see the same machine load
        for name, command in (("lookup", lookup), ("bare", bare)):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    return statistics.median(times["lookup"]), statistics.median(times["bare"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,4,16,32")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one scale in a child process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.queries)))
        return
    if not ESCO.is_dir():
        raise SystemExit(f"needs the real ESCO export in {ESCO}")
    scales = [int(part) for part in args.scales.split(",")]
    base = args.keep or Path(tempfile.mkdtemp(prefix="cb-scale-"))
    print(f"{'scale':>5} {'triples':>9} {'load s':>7} {'t/s':>8} {'ox s':>6} {'ratio':>6} {'cpu':>5} {'index s':>8} "
          f"{'prep s':>7} {'search p50/p95 ms':>18} {'translate p50/p95 ms':>21} {'RSS MB':>7} "
          f"{'one-off s':>9} {'floor s':>8} {'ratio':>6}")
    results = {}
    for scale in scales:
        directory = base / f"esco-x{scale}"
        generate(directory, scale)
        if not results:  # keeps the curated part in the cache, as any earlier load with a source would have
            subprocess.run([sys.executable, "-c", "import competence_bridge, sys; "
                            "competence_bridge.load(esco=sys.argv[1], cache=False)", str(directory)], check=True)
        child = subprocess.run([sys.executable, __file__, "--measure", str(directory), "--queries", str(args.queries)],
                               check=True, capture_output=True, text=True)
        r = json.loads(child.stdout.strip().splitlines()[-1])
        lookup, bare = one_off(directory, base / f"store-x{scale}")
        results[scale] = r
        print(f"{scale:>4}x {r['triples']:>9,} {r['load_s']:>7.2f} {r['triples'] / r['load_s']:>8,.0f} "
              f"{r['floor_s']:>6.2f} {r['load_s'] / r['floor_s']:>6.2f} {r['load_cpu'] / r['floor_cpu']:>5.2f} "
              f"{r['index_s']:>8.2f} {r['prepare_s']:>7.2f} "
              f"{r['search_p50']:>8.1f} / {r['search_p95']:>6.1f} {r['translate_p50']:>10.1f} / "
              f"{r['translate_p95']:>7.1f} {r['rss_mb']:>7.0f} {lookup:>9.3f} {bare:>8.3f} {lookup / bare:>6.1f}")
    if 1 in results and 16 in results:
        for name in ("search_p95", "translate_p95"):
            print(f"{name} at 16x / at 1x = {results[16][name] / results[1][name]:.1f} (target <= 4)")
    if not args.keep:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
