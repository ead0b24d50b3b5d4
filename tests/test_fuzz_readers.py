"""Every reader, fed generated garbage and near-valid files, raises only the library's own errors.

12,000 examples across the readers in CI (see SHARE), a twentieth otherwise. Inputs are bounded in size, so
each run is bounded in time (the caps of ``taxonomies/limits.yaml`` do the rest).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competence_bridge.curated.taxonomy import read_taxonomy
from competence_bridge.errors import CompetenceBridgeError
from competence_bridge.importers import bk, esco, sbb
from competence_bridge.sssom.tsv import read_sssom

#: Examples per reader in CI (12,000 in all); a twentieth of that locally.
SHARE = {"yaml": 3000, "bk": 2000, "sbb": 3000, "esco": 2000, "sssom": 2000}
SCALE = 1.0 if os.environ.get("CI") else 0.05


def fuzz(reader: str) -> settings:
    """The Hypothesis settings of one reader's test."""
    return settings(max_examples=max(20, int(SHARE[reader] * SCALE)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
FIXTURES = Path(__file__).parent / "fixtures"
DOSSIER = (FIXTURES / "sbb" / "minimal-dossier.xml").read_text(encoding="utf-8")
BK_RECORD = json.loads((FIXTURES / "bk" / "bk-records.json").read_text(encoding="utf-8"))

#: Characters that matter to the formats, and some that hurt terminals, IRIs and digit checks.
SPECIAL = list('[]{}:,-?!&*#|>"\'\t\n\r\x00\x1b\u202e%<@=+٥٢\\') + ["!!int", "!!timestamp", "2020-13-45", "http://[",
                                                                       "%zz", "<!DOCTYPE", "encoding=", "\ud800"]
text = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=12)), max_size=60).map("".join)
cells = st.one_of(text, st.sampled_from(["2654", "٢٦٥٤", "http://data.europa.eu/esco/occupation/1", "released",
                                         "2024-01-25T11:28:50.295Z", "2020-99-99T00:00:00Z", "x" * 200]))


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as directory:
        yield Path(directory)


def _only_our_errors(action: Callable[[], object]) -> None:
    try:
        action()
    except CompetenceBridgeError as error:
        message = str(error)
        assert message.strip() and "\n" not in message, message  # one line a person can act on


def _write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    return path


@fuzz("yaml")
@given(st.one_of(text, st.binary(max_size=400),
                 st.builds(lambda value: f"qualification_types:\n- id: nl:x\n  region: NL\n  valid_from: {value}\n",
                           text)))
def test_curated_yaml(work: Path, data: str | bytes) -> None:
    path = _write(work / "t.yaml", data)
    _only_our_errors(lambda: read_taxonomy([path]))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
                           max_leaves=20)


@fuzz("bk")
@given(st.one_of(text, st.binary(max_size=400), json_values.map(json.dumps),
                 st.builds(lambda key, value: json.dumps([{**BK_RECORD[0], key: value}]),
                           st.sampled_from(sorted(BK_RECORD[0])), json_values)))
def test_bk_json(work: Path, data: str | bytes) -> None:
    path = _write(work / "bk.json", data)
    _only_our_errors(lambda: bk.read(path))


@fuzz("sbb")
@given(st.one_of(st.binary(max_size=400), st.builds(lambda at, insert: DOSSIER[:at] + insert + DOSSIER[at:],
                                                      st.integers(0, len(DOSSIER)), text),
                 st.builds(lambda at, cut: DOSSIER[:at] + DOSSIER[at + cut:], st.integers(0, len(DOSSIER)),
                           st.integers(0, 40))),
       st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_sbb_xml(work: Path, data: str | bytes, encoding: str) -> None:
    raw = data if isinstance(data, bytes) else data.encode(encoding, "replace")
    path = _write(work / "dossier.xml", raw)
    _only_our_errors(lambda: sbb.read(path))


ESCO_HEADER = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
               "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code"]


@fuzz("esco")
@given(st.lists(st.lists(cells, min_size=13, max_size=15), min_size=1, max_size=4), st.booleans())
def test_esco_csv(work: Path, rows: list[list[str]], quoted: bool) -> None:
    directory = work / "esco"
    directory.mkdir(exist_ok=True)

    def line(values: list[str]) -> str:
        return ",".join('"' + v.replace('"', '""') + '"' if quoted else v for v in values)

    _write(directory / "occupations_nl.csv", "\n".join([",".join(ESCO_HEADER), *map(line, rows)]) + "\n")
    _only_our_errors(lambda: esco.read(directory))


SSSOM_HEAD = ("#curie_map:\n#  vl: https://w3id.org/competence-bridge/id/vl/\n#  nl: https://w3id.org/competence-bridge/id/nl/\n"
              "#mapping_set_id: https://example.org/set\n#license: https://creativecommons.org/licenses/by/4.0/\n")


@fuzz("sssom")
@given(st.one_of(text, st.builds(lambda meta, row: f"{SSSOM_HEAD}#{meta}\nsubject_id\tpredicate_id\tobject_id\t"
                                                   f"mapping_justification\tcomment\n{row}\n", text,
                                 st.lists(cells, min_size=4, max_size=6).map("\t".join))))
def test_sssom_tsv(work: Path, data: str) -> None:
    path = _write(work / "m.sssom.tsv", data)
    _only_our_errors(lambda: read_sssom(path))
