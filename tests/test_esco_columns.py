"""The ESCO reader's fast paths give exactly what its record-by-record checks give, and leave every problem to them."""

from __future__ import annotations

import csv
import functools
import io
import re
import shutil
import unicodedata
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competence_bridge.curated.models import _clean_line
from competence_bridge.errors import SourceFormatError
from competence_bridge.importers import esco, esco_columns
from competence_bridge.importers.esco_columns import OCCUPATION_COLUMNS, occupation_values
from competence_bridge.importers.esco_csv import CsvTable, label, labels_cell, read_csv, values_of
from competence_bridge.sanitize import FORBIDDEN_CATEGORIES, clean_line

from conftest import shared_data

#: Characters that make cleaning interesting: spaces, line breaks, controls, format and separator characters.
AWKWARD = st.sampled_from([" ", "  ", "\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\x85", "\u00a0", "\u200b",
                           "\u2028", "\u202e", "\ufeff", '"', "\\", "é", "a", "b"])
TEXT = st.lists(st.one_of(AWKWARD, st.text(max_size=3)), max_size=12).map("".join)


def _labels_before(value: str) -> tuple[str, ...]:
    """labels_cell as it was before its fast path."""
    return tuple(dict.fromkeys(filter(None, map(clean_line, value.splitlines())))) if value else ()


@given(TEXT)
def test_labels_cell_cleans_as_clean_line_does(value: str) -> None:
    assert labels_cell(value) == _labels_before(value)
    assert labels_cell(value.strip()) == _labels_before(value.strip())


@given(TEXT)
def test_a_required_label_is_cleaned_or_refused_as_before(value: str) -> None:
    table = CsvTable(Path("occupations_nl.csv"), ("preferredLabel",), ())
    expected = clean_line(value)
    if expected:
        assert label(table, 2, value, "preferredLabel") == expected
    else:
        with pytest.raises(SourceFormatError):
            label(table, 2, value, "preferredLabel")


@given(TEXT)
def test_curated_clean_text_accepts_and_refuses_as_before(value: str) -> None:
    def before(text: str) -> str:
        if text != text.strip():
            raise ValueError("text has leading or trailing whitespace")
        if any(unicodedata.category(char) in FORBIDDEN_CATEGORIES for char in text):
            raise ValueError("text contains a control character or line separator")
        return text

    outcomes = []
    for check in (before, _clean_line):
        try:
            outcomes.append(check(value))
        except ValueError as error:
            outcomes.append(str(error))
    assert outcomes[0] == outcomes[1]


# --- the occupations file: column checks against the record loop --------------------------------------------

#: Good and bad values per column: half the files hold no bad value (labels and texts may still need cleaning),
#: the other half mostly good ones with a bad one now and then.
VALUES = {
    "iscoGroup": (["2654", "3512"], ["9999", "265", "26a4", "", "\u0662\u0666\u0665\u0664"]),
    "code": ([""], ["2654.x", "2654.1", "2654 .2"]),
    "modifiedDate": (["", "2023-03-01T10:00:00+01:00", "2024-01-25T11:28:50.295Z"],
                     ["2020-99-99T00:00:00", "yesterday"]),
    "regulatedProfessionNote": (["", "http://data.europa.eu/esco/regulated-professions/unregulated",
                                 "gereglementeerd in NL", "line\r\nbreak \u200b"], ["http://x/%zz", "http://x.org/ a"]),
    "inScheme": (["", "http://data.europa.eu/esco/concept-scheme/occupations",
                  "http://a.org/s1, http://a.org/s2\nhttp://a.org/s1"], ["http://a.org/%zz", "not-an-iri"]),
}
BAD_URIS = st.sampled_from(["http://data.europa.eu/esco/occupation/%zz", "http://[x/", "ftp://x", "",
                            "http://data.europa.eu/esco/occupation/0"])
LABELS = st.one_of(st.sampled_from(["bakker", "lasser scheepsbouw", 'de "echte" bakker\\', "één"]), TEXT)


@st.composite
def occupation_files(draw: st.DrawFn) -> str:
    good = draw(st.booleans())

    def value(column: str) -> str:
        fine, bad = VALUES[column]
        return draw(st.sampled_from(fine if good else fine * 6 + bad))

    rows = []
    for number in range(draw(st.integers(1, 6))):
        uri = f"http://data.europa.eu/esco/occupation/{number}" if good or draw(st.integers(0, 9)) else draw(BAD_URIS)
        code = f"2654.{number}" if good or draw(st.booleans()) else value("code")
        label = draw(LABELS.filter(lambda text: bool(clean_line(text)))) if good else draw(LABELS)
        rows.append([uri, value("iscoGroup"), code, label, draw(TEXT), draw(TEXT), "released", value("modifiedDate"),
                     value("regulatedProfessionNote"), draw(TEXT), draw(TEXT), draw(TEXT), value("inScheme")])
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(OCCUPATION_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(occupation_files(), st.booleans(), st.sampled_from([1, 2, 256]))
def test_the_column_checks_accept_only_what_the_record_loop_accepts(tmp_path_factory: pytest.TempPathFactory,
                                                                     text: str, with_groups: bool, chunk: int) -> None:
    path = tmp_path_factory.mktemp("esco") / "occupations_nl.csv"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        table = read_csv(path, ("conceptUri", "iscoGroup", "preferredLabel"))
    except SourceFormatError:
        return
    known = {"2654", "3512"}
    isco_path = Path("ISCOGroups_nl.csv") if with_groups else None
    chunk, esco_columns.CHUNK = esco_columns.CHUNK, chunk  # several chunks, each checked on its own
    try:
        fast = occupation_values(table, known if with_groups else None)
    finally:
        esco_columns.CHUNK = chunk
    try:
        slow = esco._checked_occupation_values(table, values_of(table, OCCUPATION_COLUMNS), known, isco_path)
    except SourceFormatError:
        assert fast is None  # a problem is always left to the loop, which reports it
        return
    assert fast is None or fast == slow


def test_the_real_export_takes_the_column_checks_and_gives_the_same_records() -> None:
    directory = shared_data("esco-nl-1.2.0")
    table = read_csv(directory / "occupations_nl.csv", ("conceptUri", "iscoGroup", "preferredLabel"))
    groups = {group.code for group in esco._read_isco_groups(directory / "ISCOGroups_nl.csv")}
    fast = occupation_values(table, groups)
    assert fast is not None
    assert fast == esco._checked_occupation_values(table, values_of(table, OCCUPATION_COLUMNS), groups,
                                                   directory / "ISCOGroups_nl.csv")


def test_a_bad_record_after_good_ones_is_reported_by_the_loop_with_its_line(tmp_path: Path) -> None:
    directory = tmp_path / "esco-nl-1.2.0"
    directory.mkdir()
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(OCCUPATION_COLUMNS)
    for number in range(300):  # more than a chunk of the column checks
        writer.writerow([f"http://data.europa.eu/esco/occupation/{number}", "2654", f"2654.{number}",
                         f"beroep {number}", "", "", "released", "", "", "", "", "", ""])
    writer.writerow(["http://data.europa.eu/esco/occupation/x", "2654", "", "  \u200b ", "", "", "", "", "", "", "",
                     "", ""])
    (directory / "occupations_nl.csv").write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"occupations_nl.csv:302, column 'preferredLabel': empty value "
                                                r"\(after dropping control characters\)$"):
        esco.read(directory)


@given(st.lists(TEXT.map(str.strip), max_size=40))
def test_label_lists_clean_each_cell_as_labels_cell_does(values: list[str]) -> None:
    for size in (1, 3, esco_columns.LABEL_CHUNK):
        with mock.patch.object(esco_columns, "LABEL_CHUNK", size):
            assert esco_columns.label_lists(values) == [labels_cell(value) for value in values]


def test_date_times_are_checked_together_as_one_by_one() -> None:
    good = {"2023-03-01T10:00:00+01:00", "2024-01-25T11:28:50.295Z"}
    assert esco_columns.good_date_times(good) and esco_columns.good_date_times(set())
    for bad in ("2020-99-99T00:00:00", "yesterday", "2024-01-25"):
        assert not esco_columns.good_date_times(good | {bad}) and not esco_columns.good_date_time(bad)


# --- the ISCO groups and skill groups files: column checks against the record loops ----------------------------

GROUP_FILES = [(directory, name) for directory in (Path(__file__).parent / "fixtures" / "esco",
                                                   shared_data("esco-nl-1.2.0"))
               for name in ("ISCOGroups", "skillGroups")]


def _group_file(directory: Path, name: str) -> Path:
    return next(directory.glob(f"{name}_*.csv"))


@pytest.mark.parametrize(("directory", "name"), GROUP_FILES)
def test_group_files_checked_a_column_at_a_time_give_what_the_loops_give(directory: Path, name: str) -> None:
    path = _group_file(directory, name)
    read_group = esco._read_isco_groups if name == "ISCOGroups" else functools.partial(
        esco._read_skill_groups, broader={})
    fast = read_group(path)
    with mock.patch.object(esco, "isco_group_columns", lambda table: None), \
            mock.patch.object(esco, "skill_group_columns", lambda table: None):
        slow = read_group(path)
    assert fast == slow and fast.columns == slow.columns and len(fast) > 0


@pytest.mark.parametrize(("name", "column", "value", "message"), [
    ("ISCOGroups", "code", "12a", "'12a' is not an ISCO-08 code (1 to 4 digits)"),
    ("ISCOGroups", "preferredLabel", "\u200b", "empty value (after dropping control characters)"),
    ("ISCOGroups", "inScheme", "http://x/%zz", "'http://x/%zz' is not a valid IRI"),
    ("skillGroups", "modifiedDate", "2020-99-99T00:00:00", "'2020-99-99T00:00:00' is not a date and time"),
    ("skillGroups", "conceptUri", "urn:x", "'urn:x' is not an http(s) IRI"),
])
def test_a_bad_group_value_is_reported_by_the_loop(tmp_path: Path, name: str, column: str, value: str,
                                                   message: str) -> None:
    directory = tmp_path / "esco-en-1.2.0"
    shutil.copytree(Path(__file__).parent / "fixtures" / "esco", directory)
    path = _group_file(directory, name)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[-1][rows[0].index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    table = read_csv(path, ("conceptUri",))
    assert (esco_columns.isco_group_columns if name == "ISCOGroups" else esco_columns.skill_group_columns)(
        table) is None
    line = table.rows[-1][0]  # the last record's first line
    with pytest.raises(SourceFormatError, match=rf"{path.name}:{line}, column '{column}': {re.escape(message)}"):
        esco.read(directory)


@pytest.mark.parametrize("directory", [Path(__file__).parent / "fixtures" / "esco", Path("esco-nl-1.2.0")],
                         ids=["fixture", "esco-nl"])
def test_the_skill_hierarchy_checked_a_column_at_a_time_gives_what_the_loop_gives(directory: Path) -> None:
    path = _group_file(directory if directory.is_absolute() else shared_data(directory.name), "skillsHierarchy")
    fast = esco._read_skills_hierarchy(path)
    with mock.patch.object(esco, "hierarchy_broader", lambda table, uri_at: None):
        slow = esco._read_skills_hierarchy(path)
    assert fast == slow and len(fast) > 0


G1, G2, G3 = (f"http://data.europa.eu/esco/skill/f3000000-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))


@pytest.mark.parametrize(("record", "message"), [
    (["", "t", G2], "column 'Level 0 URI': empty value"),
    ([G1, "t", "", "", G3], "column 'Level 1 URI': empty value above the row's level 2"),
    ([G1, "t", "http://x/%zz"], "column 'Level 1 URI': 'http://x/%zz' is not a valid IRI"),
    ([G1, "t", G3], f"column 'Level 1 URI': {G3} is under {G2} on an earlier line and under {G1} here"),
])
def test_a_bad_hierarchy_record_is_reported_by_the_loop(tmp_path: Path, record: list[str], message: str) -> None:
    directory = tmp_path / "esco-en-1.2.0"
    shutil.copytree(Path(__file__).parent / "fixtures" / "esco", directory)
    path = _group_file(directory, "skillsHierarchy")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows.append((record + [""] * 14)[:14])
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    table = read_csv(path, ("Level 0 URI",), min_fields=esco._hierarchy_min_fields)
    assert esco_columns.hierarchy_broader(table, [0, 2, 4, 6]) is None
    line = table.rows[-1][0]
    with pytest.raises(SourceFormatError, match=rf"{path.name}:{line}, {re.escape(message)}"):
        esco.read(directory)
