"""Validation of curated YAML: every bad-input kind with its exact message, canonical form, curation rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from competence_bridge import TaxonomyError, load, read_taxonomy
from competence_bridge.curated.resources import shipped_files
from competence_bridge.curated.taxonomy import canonical_text, load_shipped, validate_paths

SHIPPED = shipped_files()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_yaml_is_canonical(path: Path) -> None:
    """Shipped files equal their canonical dump; fix with `competence-bridge validate taxonomies --standalone --canonicalize`."""
    assert path.read_text(encoding="utf-8") == canonical_text(path)


def _write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


TYPE = """\
qualification_types:
- id: nl:test-type
  region: NL
  label: {{nl: Testtype, en: Test type}}
  sector: secondary
  levels: [{level}]
  sources: [nuffic-nl-levels]
  evidence: verified
{extra}"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = _write(tmp_path, text)
    with pytest.raises(TaxonomyError) as caught:
        validate_paths([path])
    return [str(p).replace(str(path), "extra.yaml") for p in caught.value.problems]


def test_unknown_key_is_rejected_with_file_line_entry_and_field(tmp_path: Path) -> None:
    problems = _problems(tmp_path, TYPE.format(level="nlqf:3", extra="  colour: blue\n"))
    assert problems == ["extra.yaml:9, entry 'nl:test-type', field 'colour': unknown key"]


def test_duplicate_id_names_the_first_definition(tmp_path: Path) -> None:
    text = TYPE.format(level="nlqf:3", extra="").replace("nl:test-type", "nl:havo")
    problems = _problems(tmp_path, text)
    assert len(problems) == 1
    assert problems[0].startswith("extra.yaml:2, entry 'nl:havo', field 'id': duplicate id, first defined at ")
    assert "qualification-types-nl.yaml:" in problems[0]


def test_a_mined_synonym_set_with_the_id_of_the_shipped_one_is_a_duplicate(tmp_path: Path) -> None:
    text = ("mined_synonyms:\n- id: mined:esco-nl-1.2.0-labels\n  source: ESCO 1.2.0 nl\n  split: train\n"
            "  minimum_support: 2\n  minimum_share: 0.1\n  mined_by: a test\n  chosen_on: a test\n  pairs:\n"
            "  - words: [bediener, operator]\n    support: 5\n    share: 0.5\n")
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith("extra.yaml:2, entry 'mined:esco-nl-1.2.0-labels', field 'id': duplicate id, "
                              "first defined at ")
    assert problem.endswith("mined-synonyms.yaml:2")


def test_reference_to_a_missing_entry(tmp_path: Path) -> None:
    problems = _problems(tmp_path, TYPE.format(level="nlqf:3", extra="  replaced_by: [nl:nothing]\n"))
    assert problems == ["extra.yaml:9, entry 'nl:test-type', field 'replaced_by': unknown qualification type 'nl:nothing'"]


def test_unknown_source_reference(tmp_path: Path) -> None:
    problems = _problems(tmp_path, TYPE.format(level="nlqf:3", extra="").replace("[nuffic-nl-levels]", "[nowhere]"))
    assert problems == ["extra.yaml:7, entry 'nl:test-type', field 'sources': unknown source 'nowhere'"]


def test_level_outside_its_framework(tmp_path: Path) -> None:
    problems = _problems(tmp_path, TYPE.format(level="vks:3", extra=""))
    assert problems == [
        "extra.yaml:6, entry 'nl:test-type', field 'levels': level 'vks:3' is outside framework 'nlqf' of region NL"
    ]


def test_level_that_does_not_exist(tmp_path: Path) -> None:
    problems = _problems(tmp_path, TYPE.format(level="nlqf:9", extra=""))
    assert problems == ["extra.yaml:6, entry 'nl:test-type', field 'levels': unknown level 'nlqf:9'"]


RECOGNITION = """\
recognitions:
- id: rec:test
  label: {nl: Test, en: Test}
  authority: {nl: Nuffic, en: Nuffic}
  sectors: [secondary]
%s  binding: advisory
  status: in-force
  scope: {nl: Test, en: Test}
  statements:
  - {subject: vl:dso-aso, object: nl:vwo}
%s  evidence: verified
"""


def test_recognition_without_source(tmp_path: Path) -> None:
    problems = _problems(tmp_path, RECOGNITION % ("  directions: [{from: BE-VLG, to: NL}]\n", ""))
    assert problems == ["extra.yaml:2, entry 'rec:test': a verified fact needs at least one source"]


def test_recognition_without_direction(tmp_path: Path) -> None:
    problems = _problems(tmp_path, RECOGNITION % ("", "  sources: [nuffic-vl-waarderingen]\n"))
    assert problems == ["extra.yaml:2, entry 'rec:test', field 'directions': Field required"]


def test_a_qualifier_needs_dutch_and_english(tmp_path: Path) -> None:
    text = RECOGNITION % ("  directions: [{from: BE-VLG, to: NL}]\n", "  sources: [nuffic-vl-waarderingen]\n")
    text = text.replace("object: nl:vwo}", "object: nl:vwo, qualifier: soms}")
    assert _problems(tmp_path, text) == [
        "extra.yaml:11, entry 'rec:test', field 'statements.qualifier': Input should be a valid dictionary or "
        "instance of Labels"]


def test_an_authority_is_named_in_dutch_and_english(tmp_path: Path) -> None:
    text = RECOGNITION % ("  directions: [{from: BE-VLG, to: NL}]\n", "  sources: [nuffic-vl-waarderingen]\n")
    text = text.replace("authority: {nl: Nuffic, en: Nuffic}", "authority: Nuffic")
    assert _problems(tmp_path, text) == [
        "extra.yaml:4, entry 'rec:test', field 'authority': Input should be a valid dictionary or instance of Labels"]


def test_statement_against_the_instruments_direction(tmp_path: Path) -> None:
    problems = _problems(tmp_path, RECOGNITION % ("  directions: [{from: NL, to: BE-VLG}]\n",
                                                  "  sources: [nuffic-vl-waarderingen]\n"))
    assert problems == [
        "extra.yaml:11, entry 'rec:test', field 'statements.object': BE-VLG → NL is not a direction of this instrument"
    ]


def test_label_with_a_control_character(tmp_path: Path) -> None:
    text = TYPE.format(level="nlqf:3", extra="").replace("Testtype", '"Test\\x85type"')
    problems = _problems(tmp_path, text)
    assert problems == [
        "extra.yaml:4, entry 'nl:test-type', field 'label.nl': text contains a control character or line separator"
    ]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    problems = _problems(tmp_path, TYPE.format(level="nlqf:3", extra="  sector: higher\n"))
    assert problems == ["extra.yaml:9: duplicate key 'sector'"]


def test_yaml_syntax_error_and_encoding(tmp_path: Path) -> None:
    # libyaml and pure-Python PyYAML word this differently; the location is what we promise
    [problem] = _problems(tmp_path, "qualification_types: [\n")
    assert problem.startswith("extra.yaml:2: ") and "node content" in problem
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("sources: []\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(TaxonomyError, match=r"latin1.yaml:2: not UTF-8 text"):
        read_taxonomy([bad])


def test_every_problem_of_every_file_is_reported(tmp_path: Path) -> None:
    first = _write(tmp_path, TYPE.format(level="nlqf:9", extra=""), "a.yaml")
    second = _write(tmp_path, TYPE.format(level="nlqf:3", extra="  colour: blue\n").replace("test-type", "other"), "b.yaml")
    with pytest.raises(TaxonomyError) as caught:
        validate_paths([first, second])
    assert [p.file for p in caught.value.problems] == [str(second)]  # shape errors stop before reference checks
    second.write_text(TYPE.format(level="nlqf:8", extra="").replace("test-type", "other"), encoding="utf-8")
    third = _write(tmp_path, TYPE.format(level="vks:1", extra="").replace("test-type", "third"), "c.yaml")
    with pytest.raises(TaxonomyError) as caught:
        validate_paths([first, second, third])
    assert [(Path(p.file).name, p.entry) for p in caught.value.problems] == [("a.yaml", "nl:test-type"), ("c.yaml", "nl:third")]
    assert "(and 1 more problem)" in str(caught.value)


def test_loading_is_all_or_nothing(tmp_path: Path) -> None:
    good = _write(tmp_path, TYPE.format(level="nlqf:3", extra=""), "good.yaml")
    bad = _write(tmp_path, TYPE.format(level="nlqf:9", extra="").replace("test-type", "bad"), "bad.yaml")
    with pytest.raises(TaxonomyError):
        load(yaml=[good, bad])
    assert load(yaml=[good]).catalog.types["nl:test-type"].levels == ("nlqf:3",)


# --- curation rules no schema captures ---------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_shipped()


def test_every_region_type_sits_in_its_own_framework(shipped) -> None:
    for qtype in shipped.qualification_types:
        prefix = {"BE-VLG": "vks:", "NL": "nlqf:"}[qtype.region]
        assert all(level.startswith(prefix) for level in qtype.levels), qtype.id
        assert qtype.id.startswith({"BE-VLG": "vl:", "NL": "nl:"}[qtype.region]), qtype.id


def test_frameworks_have_the_documented_levels(shipped) -> None:
    notations = {f.id: [level.notation for level in f.levels] for f in shipped.frameworks}
    assert notations == {
        "eqf": ["1", "2", "3", "4", "5", "6", "7", "8"],
        "vks": ["1", "2", "3", "4", "5", "6", "7", "8"],
        "nlqf": ["entry", "1", "2", "3", "4", "4+", "5", "6", "7", "8"],
    }
    vks = next(f for f in shipped.frameworks if f.id == "vks")
    assert (vks.eqf_referenced, vks.eqf_updated) == ("2011-06", "2014-03")
    assert [d.key for d in vks.dimensions] == ["kennis", "vaardigheden", "context", "autonomie", "verantwoordelijkheid"]


def test_no_recognition_of_secondary_diplomas_is_in_force(shipped) -> None:
    automatic = [r for r in shipped.recognitions if r.binding == "automatic"]
    assert automatic and all(r.sectors == ("higher",) for r in automatic)
    secondary = shipped.get("rec:benelux-secundair")
    assert (secondary.status, secondary.statements) == ("not-in-force", ())


def test_recognitions_are_one_way_tables(shipped) -> None:
    assert [(d.from_region, d.to_region) for d in shipped.get("rec:nuffic-vl-nl").directions] == [("BE-VLG", "NL")]
    assert [(d.from_region, d.to_region) for d in shipped.get("rec:naric-nl-vl").directions] == [("NL", "BE-VLG")]


def test_inferences_are_marked_and_explained(shipped) -> None:
    inferred = {q.id for q in shipped.qualification_types if q.evidence == "inference"}
    assert {"vl:duaal-leren", "vl:secundair-volwassenenonderwijs", "vl:studiegetuigschrift-arbeidsmarkt-6"} <= inferred
    eqf5 = shipped.get("eqf:5")
    assert eqf5.descriptor_evidence == {"skills": "inference", "responsibility-autonomy": "inference"}
