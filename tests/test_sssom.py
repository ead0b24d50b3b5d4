"""SSSOM/TSV: lossless round trips, validation by sssom-py, and bad input with exact messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competence_bridge.errors import SourceFormatError
from competence_bridge.sssom.mapping import JUSTIFICATIONS, PREDICATES, Mapping, MappingSet, compose, invert
from competence_bridge.sssom.tsv import dumps_sssom, parse_sssom, read_sssom

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
SET_ID = "https://w3id.org/competence-bridge/mappings/test"

# Free text as people type it, tabs, quotes and pipes included; no line breaks or controls.
texts = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30).filter(
    lambda s: s == s.strip() and s != "")
locals_ = st.from_regex(r"[a-z0-9][a-z0-9.-]{0,12}", fullmatch=True)
ids = st.tuples(st.sampled_from(["vl", "nl", "esco-occupation", "isco"]), locals_).map(":".join)

mappings = st.builds(
    Mapping,
    subject_id=ids,
    subject_label=st.none() | texts,
    subject_category=st.none() | st.sampled_from(["qualification", "job-profile", "competence"]),
    predicate_id=st.sampled_from(PREDICATES),
    predicate_modifier=st.none() | st.just("Not"),
    object_id=ids,
    object_label=st.none() | texts,
    mapping_justification=st.sampled_from(JUSTIFICATIONS),
    confidence=st.none() | st.floats(0, 1, allow_nan=False),
    reviewer_id=st.none() | st.just("orcid:0000-0002-1825-0097"),
    mapping_date=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    comment=st.none() | texts,
    other=st.none() | texts,
)
mapping_sets = st.builds(MappingSet, mapping_set_id=st.just(SET_ID), license=st.just(LICENSE),
                         mapping_set_title=st.none() | texts, mappings=st.lists(mappings, max_size=5).map(tuple))


@given(mapping_sets)
def test_write_then_read_is_lossless(mapping_set: MappingSet) -> None:
    back = parse_sssom(dumps_sssom(mapping_set))
    assert back.mappings == mapping_set.mappings
    assert back.model_dump(exclude={"curie_map", "mappings"}) == mapping_set.model_dump(exclude={"curie_map", "mappings"})
    assert parse_sssom(dumps_sssom(back)) == back  # and a fixed point once the curie_map is filled


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mapping_sets.filter(lambda s: len(s.mappings) > 0))
def test_sssom_py_parses_and_validates_what_we_write(tmp_path: Path, mapping_set: MappingSet) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    path = tmp_path / "set.sssom.tsv"
    path.write_text(dumps_sssom(mapping_set), encoding="utf-8")
    msdf = parse_sssom_table(path)
    assert len(msdf.df) == len(mapping_set.mappings)
    reports = validate(msdf, fail_on_error=False)
    assert {kind.value: [r.message for r in report.results] for kind, report in reports.items()} == {
        kind.value: [] for kind in reports
    }


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.sssom.tsv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "#curie_map:\n#  vl: https://w3id.org/competence-bridge/id/vl/\n#  skos: http://www.w3.org/2004/02/skos/core#\n" \
         f"#mapping_set_id: {SET_ID}\n#license: {LICENSE}\n"
COLUMNS = "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"


def test_missing_curie_map_entry(tmp_path: Path) -> None:
    path = _file(tmp_path, HEADER + COLUMNS + "vl:a\tskos:exactMatch\tnl:b\tsemapv:LexicalMatching\n")
    with pytest.raises(SourceFormatError) as caught:
        read_sssom(path)
    assert str(caught.value) == f"{path}:7: prefix 'nl' of object_id 'nl:b' is not in the curie_map"


def test_unknown_predicate(tmp_path: Path) -> None:
    path = _file(tmp_path, HEADER + COLUMNS + "vl:a\towl:sameAs\tvl:b\tsemapv:LexicalMatching\n")
    with pytest.raises(SourceFormatError) as caught:
        read_sssom(path)
    assert str(caught.value) == (f"{path}:7: unknown predicate 'owl:sameAs' (expected one of skos:exactMatch, "
                                 "skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch)")


def test_missing_column_and_bad_confidence(tmp_path: Path) -> None:
    path = _file(tmp_path, HEADER + "subject_id\tobject_id\n")
    with pytest.raises(SourceFormatError, match=r"bad.sssom.tsv:6: missing required column 'predicate_id'$"):
        read_sssom(path)
    path = _file(tmp_path, HEADER + COLUMNS.rstrip("\n") + "\tconfidence\n"
                 + "vl:a\tskos:exactMatch\tvl:b\tsemapv:LexicalMatching\t1.5\n")
    with pytest.raises(SourceFormatError, match=r"bad.sssom.tsv:7: confidence: Input should be less than or equal to 1$"):
        read_sssom(path)


def test_chain_composition_and_inversion() -> None:
    assert compose("skos:exactMatch", "skos:exactMatch") == "skos:exactMatch"
    assert compose("skos:exactMatch", "skos:broadMatch") == "skos:broadMatch"
    assert compose("skos:narrowMatch", "skos:exactMatch") == "skos:narrowMatch"
    assert compose("skos:broadMatch", "skos:narrowMatch") == "skos:relatedMatch"
    assert compose("skos:closeMatch", "skos:exactMatch") == "skos:closeMatch"
    assert compose("skos:relatedMatch", "skos:exactMatch") == "skos:relatedMatch"
    assert invert("skos:broadMatch") == "skos:narrowMatch" and invert("skos:exactMatch") == "skos:exactMatch"
