"""Time of every reader on the hostile inputs of the hardening issue, at growing sizes: bounded and linear.

Run:  python benchmarks/hostile_inputs.py [--scale 1.0]

Each case builds its input in a temporary directory (generated, never downloaded), runs the
reader the way ``--with KIND:PATH`` does, and records how long it took to raise the library's own
error (or to read a valid file). Every case runs at three sizes n, 2n, 4n: the ``x4/x1`` column
is ~4 for linear work and ~16 for quadratic. Times are also given as a ratio to an anchor
measured in the same run (``json.loads`` of a 6 MB JSON document), so machines compare.

Cases (the issue's numbering):
  yaml nesting             ``[`` x n in a curated YAML file (refused: yaml_depth)
  yaml big integer         an integer of n digits (refused with its line)
  yaml /dev/zero           ``--with yaml:/dev/zero`` (refused after yaml_file_bytes)
  bk nesting               ``[`` x n as a BK JSON file (refused: json_depth, before parsing)
  bk open string           an unterminated JSON string of n digits, then ``[`` (refused; was exponential
                           backtracking in the nesting check, found by the reader fuzz test)
  bk duplicate keys        one JSON object with n keys, the last repeated (refused; was ``keys.count``: O(n²))
  bk competences           one BK record with n competences (read; was ``ids.count``: O(n²))
  esco bad IRI             an occupations CSV of n rows, the last with ``%zz`` in its IRI (refused)
  esco long cell           one description of n characters, no spaces (read up to cell_chars, then refused)
  sbb encoding             an SBB dossier of n items declaring ISO-8859-1 with UTF-8 bytes (refused)
  sssom long cell          an SSSOM comment of n characters (read up to cell_chars, then refused)

The last line times the BK importer on 200,000 competences (``--scale`` scales it too). The
search-side cases (compound splitting of one long word) belong to the language layer's own benchmark.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from competence_bridge.curated.taxonomy import read_taxonomy
from competence_bridge.errors import CompetenceBridgeError
from competence_bridge.importers import bk, esco, sbb
from competence_bridge.sssom.tsv import read_sssom

ROOT = Path(__file__).resolve().parents[1]
OCC = "http://data.europa.eu/esco/occupation/"
ESCO_HEADER = ("conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
               "regulatedProfessionNote,scopeNote,definition,inScheme,description,code")


def _timed(action: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        action()
        outcome = "read"
    except CompetenceBridgeError as error:
        outcome = "refused: " + str(error).rsplit(": ", 1)[-1][:60]
    return time.perf_counter() - start, outcome


def _bk_record(competences: int) -> dict[str, object]:
    return {"beroepskwalificatie_nr": "BK-0140", "versie_nr_lang": "BK-0140-3", "titel": "Elektrotechnisch monteur",
            "vks_niveau": 2, "competenties": [{"competentie_code": f"c{i}", "waarde": f"Werkt veilig {i}"}
                                              for i in range(competences)]}


def _esco_rows(rows: int) -> str:
    body = [f"Occupation,{OCC}{i:08d}-0000-4000-8000-000000000001,2654,beroep {i},,,released,,,,,,,"
            for i in range(rows - 1)]
    body.append(f"Occupation,{OCC}bad%zz,2654,beroep,,,released,,,,,,,")
    return ESCO_HEADER + "\n" + "\n".join(body) + "\n"


def _sbb_dossier(items: int) -> bytes:
    text = (ROOT / "tests" / "fixtures" / "sbb" / "minimal-dossier.xml").read_text(encoding="utf-8")
    text = text.replace('encoding="utf-8"', 'encoding="ISO-8859-1"', 1).replace("Testdossier ICT", "Coördinator ICT")
    extra = "".join(f'<kennisofvaardigheid nr="{1000 + i}" titel="heeft kennis van onderwerp {i}" />'
                    for i in range(items))
    return text.replace("<kennisenvaardigheden>", "<kennisenvaardigheden>" + extra, 1).encode("utf-8")


def _sssom(chars: int) -> str:
    return ("#curie_map:\n#  vl: https://w3id.org/competence-bridge/id/vl/\n#  nl: https://w3id.org/competence-bridge/id/nl/\n"
            "#mapping_set_id: https://example.org/set\n#license: https://creativecommons.org/licenses/by/4.0/\n"
            "subject_id\tpredicate_id\tobject_id\tmapping_justification\tcomment\n"
            f"vl:a\tskos:closeMatch\tnl:b\tsemapv:ManualMappingCuration\t{'x' * chars}\n")


def cases(work: Path, scale: float) -> dict[str, tuple[int, Callable[[int], Callable[[], object]]]]:
    """Case name → (base size n, a maker of the action for size n)."""

    def write(name: str, data: str | bytes) -> Path:
        path = work / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def yaml_nesting(n: int) -> Callable[[], object]:
        path = write("deep.yaml", "note: " + "[" * n + "]" * n + "\n")
        return lambda: read_taxonomy([path])

    def yaml_integer(n: int) -> Callable[[], object]:
        path = write("int.yaml", "x: " + "7" * n + "\n")
        return lambda: read_taxonomy([path])

    def bk_nesting(n: int) -> Callable[[], object]:
        path = write("deep.json", "[" * n)
        return lambda: bk.read(path)

    def bk_open_string(n: int) -> Callable[[], object]:
        path = write("open.json", '"' + "0" * n + '[<!DOCTYPE')
        return lambda: bk.read(path)

    def bk_keys(n: int) -> Callable[[], object]:
        keys = ", ".join(f'"k{i}": {i}' for i in range(n))
        path = write("keys.json", "{" + keys + ', "k0": 0}')
        return lambda: bk.read(path)

    def bk_competences(n: int) -> Callable[[], object]:
        path = write("competences.json", json.dumps([_bk_record(n)]))
        return lambda: bk.read(path)

    def esco_iri(n: int) -> Callable[[], object]:
        directory = work / f"esco-{n}"
        directory.mkdir(exist_ok=True)
        (directory / "occupations_nl.csv").write_text(_esco_rows(n), encoding="utf-8")
        return lambda: esco.read(directory)

    def esco_cell(n: int) -> Callable[[], object]:
        directory = work / f"esco-cell-{n}"
        directory.mkdir(exist_ok=True)
        row = f"Occupation,{OCC}00000001-0000-4000-8000-000000000001,2654,beroep,,,released,,,,,,{'b' * n},"
        (directory / "occupations_nl.csv").write_text(f"{ESCO_HEADER}\n{row}\n", encoding="utf-8")
        return lambda: esco.read(directory)

    def sbb_encoding(n: int) -> Callable[[], object]:
        path = write("dossier.xml", _sbb_dossier(n))
        return lambda: sbb.read(path)

    def sssom_cell(n: int) -> Callable[[], object]:
        path = write("m.sssom.tsv", _sssom(n))
        return lambda: read_sssom(path)

    def scaled(n: int) -> int:
        return max(1, int(n * scale))

    return {
        "yaml nesting": (scaled(25_000), yaml_nesting),
        "yaml big integer": (scaled(5_000), yaml_integer),
        "bk nesting": (scaled(25_000), bk_nesting),
        "bk open string": (scaled(25_000), bk_open_string),
        "bk duplicate keys": (scaled(25_000), bk_keys),
        "bk competences": (scaled(25_000), bk_competences),
        "esco bad IRI": (scaled(25_000), esco_iri),
        "esco long cell": (scaled(40_000), esco_cell),
        "sbb encoding": (scaled(5_000), sbb_encoding),
        "sssom long cell": (scaled(40_000), sssom_cell),
    }


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every input size (default 1)")
    args = parser.parse_args()
    anchor_text = json.dumps([_bk_record(1) for _ in range(30_000)])
    start = time.perf_counter()
    json.loads(anchor_text)
    anchor = time.perf_counter() - start
    print(f"anchor: json.loads of {len(anchor_text) / 1e6:.1f} MB = {anchor * 1000:.0f} ms\n")
    print(f"{'case':<20} {'n':>9} {'t(n) s':>8} {'t(2n) s':>8} {'t(4n) s':>8} {'x4/x1':>6} "
          f"{'t(4n)/anchor':>13}  outcome")
    with tempfile.TemporaryDirectory(prefix="hostile-") as temporary:
        work = Path(temporary)
        for name, (base, make) in cases(work, args.scale).items():
            times, outcome = [], ""
            for n in (base, 2 * base, 4 * base):
                action = make(n)
                seconds, outcome = _timed(action)
                times.append(seconds)
            ratio = times[2] / times[0] if times[0] > 0 else float("nan")
            print(f"{name:<20} {base:>9,} {times[0]:>8.3f} {times[1]:>8.3f} {times[2]:>8.3f} {ratio:>6.1f} "
                  f"{times[2] / anchor:>13.1f}  {outcome}")
        zero, outcome = _timed(lambda: read_taxonomy([Path("/dev/zero")]))
        print(f"{'yaml /dev/zero':<20} {'-':>9} {zero:>8.3f} {'':>8} {'':>8} {'':>6} {zero / anchor:>13.1f}  {outcome}")
        competences = int(200_000 * args.scale)
        path = work / "bk-200k.json"
        path.write_text(json.dumps([_bk_record(competences)]), encoding="utf-8")
        seconds, outcome = _timed(lambda: bk.read(path))
        print(f"\nBK importer, one record with {competences:,} competences ({path.stat().st_size / 1e6:.0f} MB): "
              f"{seconds:.2f} s ({seconds / anchor:.0f} x anchor), {outcome}")


if __name__ == "__main__":
    main()
