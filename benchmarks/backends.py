"""Load throughput, lookup latency, reopen time and peak memory of the three graph backends.

Run:  python benchmarks/backends.py [--languages 1] [--scale 1.0] [--no-real] [--publish N] [--keep DIR]

Backends: the in-memory Oxigraph store (``load()``'s default), the on-disk store
(``competence_bridge.backends.store.build_store`` / ``open_store``) and a SPARQL endpoint (an
``oxigraph serve`` process on 127.0.0.1, through ``competence_bridge.backends.endpoint``). rdflib's own
Memory store is measured for the load comparison only.

What "load" measures, per row:
  rdflib Memory (sample)      ``rdflib.Graph().parse(sample.nt, format="nt")``: the first 100,000 lines
  Oxigraph in memory          ``parse_into(new_graph(), data.nt, "nt", trusted=True)``: how ``load()`` reads
                              a compiled graph back from its cache (Oxigraph skips re-validating IRIs)
    parse_into, validated     ``parse_into(new_graph(), data.nt, "nt")``: any other N-Triples file
  disk: build_store           ``build_store(DIR, graph)`` of the in-memory graph, flush and compaction included
    from the .nt file         ``build_store(DIR, data.nt)``: Oxigraph's bulk loader on the file
  endpoint                    ``publish`` of 50,000 triples over SPARQL Update
  real ESCO nl                ``load(esco=..., cache=False)``: read, validate and compile the CSV export and
                              the shipped taxonomies; then ``build_store`` of it and ``open_store``

The data is generated, never downloaded: :func:`generate` writes a synthetic ESCO of full size in
ESCO's RDF model as N-Triples, from a fixed seed (7), so every run and machine loads the same
bytes. 3,000 occupations, 14,000 skills, 436 ISCO groups and 640 skill groups get UUID IRIs
under ``http://data.europa.eu/esco/`` from the seeded generator; each concept has its classes,
scheme and broader concept, and per language a ``skos:prefLabel`` (two words and a number), one or
two ``skos:altLabel`` (three words) and a ``dcterms:description`` (twelve words), words drawn
from a fixed 67-word Dutch vocabulary; 130,000 distinct (occupation, skill) pairs drawn uniformly
are written in both directions (essential or optional). Dutch only that is 427,158 triples (85
MB); ``--languages 28 --scale 1.5`` gives about 3M. The shipped taxonomies, compiled by
``compile_inputs``, are appended so the lookups have something to find. With
``../shared/data/esco-nl-1.2.0`` present, the real ESCO nl 1.2.0 export is measured too. Every
scenario runs in a fresh process, so peak RSS (``VmHWM``) is that scenario's own. The default run
takes under a minute on 2 cores, ``--languages 28 --scale 1.5`` about 4 minutes and 1.5 GiB.

Lookups, on a new ``Bridge`` each time (the taxonomy YAML is read before timing):
  level (cold)       ``level("vks", "5")``: the first lookup, reads the catalog tables
  recognitions       ``recognitions("havo")`` once the catalog is read: one SPARQL query with a bound value
  translate (cold)   ``translate("vl:bk-0140-3")``: the first translation, reads the item table
  translate (warm)   the same translation again
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REAL_ESCO = ROOT.parent / "shared" / "data" / "esco-nl-1.2.0"
NAMED_GRAPH = "https://w3id.org/competence-bridge/graph/benchmark/1"

# --- the synthetic ESCO ---------------------------------------------------------------------

OCCUPATIONS, SKILLS, RELATIONS, ISCO_GROUPS, SKILL_GROUPS = 3_000, 14_000, 130_000, 436, 640
_WORDS = (
    "beheren bewaken plannen adviseren onderhouden installeren controleren ontwerpen analyseren begeleiden "
    "verzorgen organiseren registreren meten repareren programmeren verkopen inkopen bedienen monteren "
    "klant gegevens systeem installatie netwerk voertuig machine product dienst zorg patiënt kind leerling "
    "project budget kwaliteit veiligheid voorraad magazijn bouw hout metaal elektriciteit software document "
    "contract personeel afval energie water voeding dier plant tuin winkel kassa hygiëne medicatie "
    "technisch sociaal financieel juridisch medisch digitaal commercieel administratief logistiek").split()
LANGUAGES = "nl en de fr es it pt pl cs sk sl hr hu ro bg el sv da fi et lv lt ga mt is no uk ar".split()
_ESCO, _SKOS = "http://data.europa.eu/esco/", "http://www.w3.org/2004/02/skos/core#"
_M = _ESCO + "model#"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def generate(out: Path, *, languages: int = 1, scale: float = 1.0, seed: int = 7) -> int:
    """Write a synthetic ESCO in ESCO's RDF model as N-Triples to *out*; returns the number of triples.

    Per concept: ``skos:Concept`` plus ``esco:Occupation``/``esco:Skill``, ``skos:inScheme``,
    ``skos:broader`` (ISCO group or skill group), and per language a ``skos:prefLabel``, one or two
    ``skos:altLabel`` and a ``dcterms:description``; occupations add ``skos:notation``,
    ``esco:memberOfISCOGroup`` and ``cb:iscoGroup`` (what the library's item table reads), skills a
    skill type and reuse level. Relations are written in both directions, as in ESCO's RDF dump.
    """
    rng = random.Random(seed)
    langs = LANGUAGES[:max(1, min(languages, len(LANGUAGES)))]
    n_occ, n_skill, n_rel = int(OCCUPATIONS * scale), int(SKILLS * scale), int(RELATIONS * scale)
    lines: list[str] = []
    add = lines.append
    concept, pref, alt, broader = f"<{_SKOS}Concept>", f"<{_SKOS}prefLabel>", f"<{_SKOS}altLabel>", f"<{_SKOS}broader>"
    scheme, notation, description = f"<{_SKOS}inScheme>", f"<{_SKOS}notation>", "<http://purl.org/dc/terms/description>"

    def iri(kind: str) -> str:
        return f"<{_ESCO}{kind}/{uuid.UUID(int=rng.getrandbits(128))}>"

    def label(words: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(words))

    def texts(node: str) -> None:
        for lang in langs:
            add(f'{node} {pref} "{label(2)} {rng.randrange(10**6)}"@{lang} .')
            for _ in range(rng.randint(1, 2)):
                add(f'{node} {alt} "{label(3)}"@{lang} .')
            add(f'{node} {description} "{label(12)}."@{lang} .')

    isco = [f"<{_ESCO}isco/C{1000 + i * 20}>" for i in range(ISCO_GROUPS)]
    for i, group in enumerate(isco):
        add(f"{group} {_TYPE} {concept} .")
        add(f'{group} {notation} "{1000 + i * 20}" .')
        add(f'{group} {pref} "{label(2)}"@nl .')
    groups = [iri("skill-group") for _ in range(SKILL_GROUPS)]
    for group in groups:
        add(f"{group} {_TYPE} {concept} .")
        add(f'{group} {pref} "{label(2)}"@nl .')
    occupations = [iri("occupation") for _ in range(n_occ)]
    for i, node in enumerate(occupations):
        group = isco[i % ISCO_GROUPS]
        add(f"{node} {_TYPE} <{_M}Occupation> .")
        add(f"{node} {_TYPE} {concept} .")
        add(f"{node} {scheme} <{_ESCO}concept-scheme/occupations> .")
        add(f'{node} {notation} "{group[-5:-1]}.{i // ISCO_GROUPS + 1}" .')
        add(f"{node} {broader} {group} .")
        add(f"{node} <{_M}memberOfISCOGroup> {group} .")
        add(f"{node} <https://w3id.org/competence-bridge/vocab#iscoGroup> {group} .")
        texts(node)
    skills = [iri("skill") for _ in range(n_skill)]
    kinds = [f"<{_ESCO}skill-type/{kind}>" for kind in ("skill", "knowledge")]
    reuse = [f"<{_ESCO}skill-reuse-level/{level}>" for level in ("transversal", "cross-sector", "sector-specific")]
    for node in skills:
        add(f"{node} {_TYPE} <{_M}Skill> .")
        add(f"{node} {_TYPE} {concept} .")
        add(f"{node} {scheme} <{_ESCO}concept-scheme/skills> .")
        add(f"{node} {broader} {rng.choice(groups)} .")
        add(f"{node} <{_M}skillType> {rng.choice(kinds)} .")
        add(f"{node} <{_M}skillReuseLevel> {rng.choice(reuse)} .")
        texts(node)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_rel:
        pairs.add((rng.randrange(n_occ), rng.randrange(n_skill)))
    for o, s in sorted(pairs):
        forward, inverse = (("relatedEssentialSkill", "isEssentialForOccupation") if (o + s) % 3
                            else ("relatedOptionalSkill", "isOptionalForOccupation"))
        add(f"{occupations[o]} <{_M}{forward}> {skills[s]} .")
        add(f"{skills[s]} <{_M}{inverse}> {occupations[o]} .")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


# --- scenarios, each run in a fresh process ------------------------------------------------

def _peak_mib() -> float:
    """This process's peak RSS. Not ``getrusage``: Linux carries ``ru_maxrss`` over from the parent's fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _lookups(graph) -> dict[str, float]:  # noqa: ANN001
    from competence_bridge.bridge import Bridge
    from competence_bridge.curated.resources import shipped_files

    timings: dict[str, float] = {}
    bridge = Bridge(graph, taxonomy_files=shipped_files())
    bridge.taxonomy  # noqa: B018 (YAML, not the backend: read before timing)
    start = time.perf_counter()
    bridge.level("vks", "5").to_dict()
    timings["level (cold)"] = time.perf_counter() - start
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        bridge.recognitions("havo").to_dict()
        runs.append(time.perf_counter() - start)
    timings["recognitions"] = statistics.median(runs)
    start = time.perf_counter()
    bridge.translate("vl:bk-0140-3").to_dict()
    timings["translate (cold)"] = time.perf_counter() - start
    start = time.perf_counter()
    bridge.translate("vl:bk-0140-3").to_dict()
    timings["translate (warm)"] = time.perf_counter() - start
    return timings


def child(scenario: str, data: Path, work: Path, extra: str) -> dict[str, object]:
    """Run one scenario; returns its figures (printed as JSON by the child process)."""
    import oxrdflib  # noqa: F401 (imported before timing: reopen times are the store's, not the imports')

    from competence_bridge.backends.store import build_store, open_store, store_manifest
    from competence_bridge.rdf.graph import new_graph, parse_into

    result: dict[str, object] = {}
    if scenario == "rdflib-memory":
        from rdflib import Graph

        sample = work / "sample.nt"
        start = time.perf_counter()
        graph = Graph()
        graph.parse(str(sample), format="nt")
        result["load"] = (len(graph), time.perf_counter() - start)
    elif scenario == "memory":
        start = time.perf_counter()
        graph = parse_into(new_graph(), data, "nt", trusted=True)
        result["load"] = (len(graph.store._inner), time.perf_counter() - start)
        result["lookups"] = _lookups(graph)
    elif scenario == "memory-validated":
        start = time.perf_counter()
        graph = parse_into(new_graph(), data, "nt")
        result["load"] = (len(graph.store._inner), time.perf_counter() - start)
    elif scenario == "disk-build":
        graph = parse_into(new_graph(), data, "nt", trusted=True)
        start = time.perf_counter()
        manifest = build_store(work / "store", graph)
        result["load"] = (manifest.triples, time.perf_counter() - start)
        del graph
        start = time.perf_counter()
        manifest = build_store(work / "store-from-file", data)
        result["file"] = (manifest.triples, time.perf_counter() - start)
        shutil.rmtree(work / "store-from-file")
    elif scenario == "disk-open":
        start = time.perf_counter()
        graph = open_store(work / "store")
        result["open"] = time.perf_counter() - start
        result["triples"] = store_manifest(work / "store").triples
        result["lookups"] = _lookups(graph)
    elif scenario == "endpoint":
        from competence_bridge.backends.endpoint import endpoint_graph, publish

        graph = endpoint_graph(f"{extra}/query", graphs=[NAMED_GRAPH])
        result["lookups"] = _lookups(graph)
        sample = new_graph()
        sample.parse(str(work / "publish.nt"), format="ox-ntriples")
        start = time.perf_counter()
        sent = publish(sample, f"{extra}/update", NAMED_GRAPH + "/publish", query_url=f"{extra}/query")
        result["load"] = (sent, time.perf_counter() - start)
    elif scenario == "real":
        import competence_bridge

        start = time.perf_counter()
        bridge = competence_bridge.load(esco=extra, cache=False)
        result["load"] = (len(bridge.graph.store._inner), time.perf_counter() - start)
        start = time.perf_counter()
        build_store(work / "real-store", bridge.graph)
        result["build"] = time.perf_counter() - start
    elif scenario == "real-open":
        start = time.perf_counter()
        graph = open_store(work / "real-store")
        result["open"] = time.perf_counter() - start
        result["lookups"] = _lookups(graph)
    result["peak MiB"] = _peak_mib()
    return result


def _run(scenario: str, data: Path, work: Path, extra: str = "", timeout: float = 600) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", scenario, str(data), str(work), extra],
                         capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"scenario {scenario} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the endpoint server --------------------------------------------------------------------

def _start_server(location: Path) -> tuple[subprocess.Popen, str]:
    binary = Path(sys.executable).parent / "oxigraph"
    binary = binary if binary.is_file() else Path(shutil.which("oxigraph") or "oxigraph")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urlopen(f"{base}/query?query={quote('ASK {}')}", timeout=1):
                return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the oxigraph server did not start")


# --- the table ------------------------------------------------------------------------------

def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main() -> None:
    """Generate the data, run every scenario in its own process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--languages", type=int, default=1, help="1 (Dutch, ~430k triples) to 28")
    parser.add_argument("--scale", type=float, default=1.0, help="1.5 with --languages 28 gives ~2.8M triples")
    parser.add_argument("--publish", type=int, default=50_000, help="triples to publish to the endpoint (0: all)")
    parser.add_argument("--rdflib-sample", type=int, default=100_000, help="triples rdflib's Memory store loads")
    parser.add_argument("--no-real", action="store_true", help="skip the real ESCO nl 1.2.0 figures")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    parser.add_argument("--child", nargs=4, metavar=("SCENARIO", "DATA", "WORK", "EXTRA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        scenario, data, work, extra = args.child
        print(json.dumps(child(scenario, Path(data), Path(work), extra)))
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="cb-backends-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def report(args: argparse.Namespace, work: Path) -> None:
    """Run the scenarios in *work* and print the table."""
    import pyoxigraph as ox

    from competence_bridge.backends.compile import compile_inputs
    from competence_bridge.curated.resources import shipped_files

    began = time.perf_counter()
    data = work / "data.nt"
    start = time.perf_counter()
    count = generate(data, languages=args.languages, scale=args.scale)
    with data.open("ab") as out:  # the shipped taxonomies, so the lookups have something to find
        out.write(compile_inputs(shipped_files()).serialize(format="ox-ntriples", encoding="utf-8"))
    lines = data.read_bytes().splitlines(keepends=True)
    total = len(lines)
    print(f"data: {count:,} synthetic ESCO triples ({args.languages} language(s), scale {args.scale}) + the "
          f"shipped taxonomies = {total:,} triples, {data.stat().st_size / 1e6:.0f} MB N-Triples, "
          f"generated in {time.perf_counter() - start:.1f} s")
    (work / "sample.nt").write_bytes(b"".join(lines[:args.rdflib_sample]))
    (work / "publish.nt").write_bytes(b"".join(lines[:args.publish] if args.publish else lines))
    del lines

    rows: list[tuple[str, dict]] = []
    rows.append(("rdflib Memory (sample)", _run("rdflib-memory", data, work)))
    rows.append(("Oxigraph in memory", _run("memory", data, work)))
    rows.append(("  parse_into, validated", _run("memory-validated", data, work)))
    rows.append(("disk: build_store", _run("disk-build", data, work)))
    rows.append(("disk: open_store", _run("disk-open", data, work)))
    location = work / "server"
    start = time.perf_counter()
    store = ox.Store(str(location))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(NAMED_GRAPH))
    store.flush()
    del store
    server_load = time.perf_counter() - start
    process, base = _start_server(location)
    try:
        rows.append(("endpoint (oxigraph serve)", _run("endpoint", data, work, base)))
    finally:
        process.terminate()
        process.wait(timeout=30)
    if not args.no_real and REAL_ESCO.is_dir():
        rows.append(("real ESCO nl: load(esco=) import", _run("real", data, work, str(REAL_ESCO))))
        rows.append(("real ESCO nl: open_store", _run("real-open", data, work)))
    _print(rows, total, server_load)
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s; {os.cpu_count()} CPUs; pyoxigraph {ox.__version__}")


def _print(rows: list[tuple[str, dict]], total: int, server_load: float) -> None:
    lookups = ["level (cold)", "recognitions", "translate (cold)", "translate (warm)"]
    print(f"\n{'backend':32} {'load':>22} {'reopen':>8} " + " ".join(f"{name:>16}" for name in lookups)
          + f" {'peak RSS':>9}")
    rates = {}
    for name, row in rows:
        load = ""
        if "load" in row:
            triples, seconds = row["load"]
            rates[name] = triples / seconds
            load = f"{triples / seconds:,.0f} t/s ({seconds:.1f} s)"
        reopen = _ms(row["open"]) if "open" in row else ""
        cells = [_ms(row["lookups"][k]) if "lookups" in row else "" for k in lookups]
        print(f"{name:32} {load:>22} {reopen:>8} " + " ".join(f"{c:>16}" for c in cells)
              + f" {row['peak MiB']:>6.0f} MiB")
        if "file" in row:
            triples, seconds = row["file"]
            rates["  from the .nt file"] = triples / seconds
            print(f"{'  build_store from the .nt file':32} {f'{triples / seconds:,.0f} t/s ({seconds:.1f} s)':>22}")
        if "build" in row:
            print(f"{'  build_store of it':32} {_ms(row['build']):>22}")
    print(f"{'  server-side bulk load':32} {f'{total / server_load:,.0f} t/s ({server_load:.1f} s)':>22}")
    rdflib_rate = rates.pop("rdflib Memory (sample)", None)
    if rdflib_rate:
        ratios = ", ".join(f"{name.strip()} {rate / rdflib_rate:.1f}x" for name, rate in rates.items()
                           if not name.startswith(("endpoint", "real")))
        print(f"\nLoad speed against rdflib's Memory store: {ratios}.")


if __name__ == "__main__":
    main()
