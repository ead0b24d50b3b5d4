"""The ESCO reader keeps its records as columns; the record objects are made only when asked for."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from competence_bridge.importers import esco_records
from competence_bridge.importers.esco import read
from competence_bridge.importers.esco_records import RECORDS, Occupation, RecordTable, SkillRelation
from competence_bridge.rdf.graph import OxigraphTerms, add_quads, new_graph
from competence_bridge.rdf.ntriples import NTriplesDocuments

FIXTURE = Path(__file__).parent / "fixtures" / "esco"


def test_the_in_scheme_positions_are_those_of_the_record_classes() -> None:
    for name, position in RECORDS.items():
        fields = [field.name for field in dataclasses.fields(getattr(esco_records, name))]
        assert (fields.index("in_scheme") if "in_scheme" in fields else None) == position


def test_a_table_gives_the_records_of_its_columns() -> None:
    table: RecordTable[SkillRelation] = RecordTable("SkillRelation", [["o1", "o2"], ["essential", "optional"],
                                                                      ["s1", "s2"], ["", "knowledge"]])
    first = SkillRelation("o1", "essential", "s1", "")
    assert len(table) == 2 and table[0] == first and table[-1].skill_type == "knowledge"
    assert list(table) == [first, SkillRelation("o2", "optional", "s2", "knowledge")]
    assert table == tuple(table) and table[:1] == (first,) and table != list(table)
    assert table == RecordTable("SkillRelation", [list(column) for column in table.columns])
    assert hash(table) == hash(tuple(table)) and repr(table) == repr(tuple(table))


def test_the_reader_makes_tables_equal_to_the_records_read_one_by_one() -> None:
    dataset = read(FIXTURE)
    assert isinstance(dataset.occupations, RecordTable) and isinstance(dataset.relations, RecordTable)
    occupation = dataset.occupations[0]
    assert isinstance(occupation, Occupation)
    assert dataclasses.astuple(occupation) == tuple(column[0] for column in dataset.occupations.columns)
    assert dataclasses.replace(dataset, occupations=tuple(dataset.occupations)) == dataset


def test_loading_esco_makes_no_record_objects(tmp_path: Path) -> None:
    script = ("import sys, competence_bridge\n"
              f"bridge = competence_bridge.load(esco={str(FIXTURE)!r}, cache=False)\n"
              "assert bridge.size > 0\n"
              "print('competence_bridge.importers.esco_record_types' in sys.modules)\n")
    env = {"COMPETENCE_BRIDGE_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(Path(__file__).parents[1])}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"


def test_loading_esco_makes_no_dataclass_and_loads_no_openssl(tmp_path: Path) -> None:
    # dataclasses imports inspect, ast and dis (~7 ms of a load), hashlib loads OpenSSL (_hashlib, ~2.5 ms); the
    # second load reads the kept curated part
    script = ("import sys, competence_bridge\n"
              f"bridge = competence_bridge.load(esco={str(FIXTURE)!r}, cache=False)\n"
              "print(sorted(m for m in ('dataclasses', 'competence_bridge.importers.esco_dataset',\n"
              "                         'competence_bridge.problems', '_hashlib') if m in sys.modules))\n"
              "assert bridge.size > 0\n")  # reading the graph imports rdflib (and dataclasses)
    env = {"COMPETENCE_BRIDGE_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(Path(__file__).parents[1])}
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "[]"


def _with_cells(tmp_path: Path, name: str, cells: dict[str, str]) -> Path:
    """A copy of the fixture export with *cells* (column → value) set on the first record of file *name*."""
    directory = tmp_path / "esco-en-1.2.0"
    if not directory.exists():
        shutil.copytree(FIXTURE, directory)
    path = directory / name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for column, value in cells.items():
        rows[1][rows[0].index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return directory


def test_values_the_reader_does_not_clean_are_written_as_exactly_the_same_literals(tmp_path: Path) -> None:
    _with_cells(tmp_path, "skillGroups_en.csv", {"code": 'S "1"\x01\\', "status": 'released "x"\\\n'})
    directory = _with_cells(tmp_path, "skills_en.csv", {"definition": 'one "two"\nthree\\four\x0c', "status": "\x7f"})
    dataset = read(directory)
    assert isinstance(dataset.quads(), NTriplesDocuments)
    graph = new_graph()
    add_quads(graph, dataset.quads())
    turtle = set(graph.store._inner)  # type: ignore[attr-defined]
    from_terms = ox.Store()  # a store, as it writes typed literals (dates) in their canonical form
    from_terms.extend(OxigraphTerms().quads(dataset.triples()))
    assert turtle == set(from_terms)
    literals = {quad.object.value for quad in turtle}
    assert {'S "1"\x01\\', 'released "x"\\', 'one "two"\nthree\\four', "\x7f"} <= literals  # the text cleaned
