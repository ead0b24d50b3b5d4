"""Every reader refuses hostile or broken input with the library's own error, located, and bounded work.

One test per cause the red team found (issue "Hardening", item 5), each with its exact message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from competence_bridge.backends.compile import compile_inputs
from competence_bridge.curated.taxonomy import limits, read_taxonomy
from competence_bridge.errors import SourceFormatError, TaxonomyError
from competence_bridge.importers import bk, esco, sbb
from competence_bridge.sssom.tsv import parse_sssom, read_sssom

FIXTURES = Path(__file__).parent / "fixtures"
OCC = "http://data.europa.eu/esco/occupation/f1000000-0000-4000-8000-000000000001"
ESCO_HEADER = ("conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
               "regulatedProfessionNote,scopeNote,definition,inScheme,description,code")
TYPE = """qualification_types:
- id: nl:test-type
  region: NL
  label: {nl: Testtype, en: Test type}
  sector: secondary
  level_note: none
"""


def _yaml_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        read_taxonomy([path])
    return str(caught.value).replace(str(path), "t.yaml")


# --- curated YAML ---------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "message"), [
    ("  valid_from: 2020-13-45", "t.yaml:7: not a valid timestamp: '2020-13-45' (month must be in 1..12)"),
    ("  valid_from: !!timestamp x", "t.yaml:7: not a valid timestamp: 'x'"),
    ("  status: !!int x", "t.yaml:7: not a valid int: 'x' (invalid literal for int() with base 10: 'x')"),
    ("  status: " + "1" * 5000, "t.yaml:7: not a valid int: '" + "1" * 40 + "…' (Exceeds the limit (4300 digits) "
                                "for integer string conversion: value has 5000 digits)"),
    ("  ? [a, b]\n  : c", "t.yaml:7: a key must be a plain value, not a list or mapping (complex keys are not "
                          "allowed)"),
    ("  evidence:\tverified\n  sources: [nope]", "t.yaml:8, entry 'nl:test-type', field 'sources': unknown source "
                                                "'nope'"),
    ("  note: " + "[" * 60 + "]" * 60, "t.yaml:7: lists and mappings nested deeper than 50 levels (the limit "
                                       "yaml_depth of taxonomies/limits.yaml)"),
])
def test_bad_yaml_values_are_located_errors(tmp_path: Path, line: str, message: str) -> None:
    assert _yaml_error(tmp_path, TYPE + line + "\n") == message


def test_a_source_url_the_graph_cannot_hold_is_refused_by_validation(tmp_path: Path) -> None:
    text = "sources:\n- id: src-a\n  title: A\n  publisher: B\n  url: https://example.org/a>b\n"
    assert _yaml_error(tmp_path, text) == ("t.yaml:5, entry 'src-a', field 'url': 'https://example.org/a>b' is not a "
                                           "valid IRI (RFC 3987: no <>\"{}|\\^`, a '%' needs two hex digits)")


def test_yaml_inputs_that_are_not_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for path, message in ((tmp_path / "empty", "a directory without .yaml files"),
                          (Path("/dev/zero"), "larger than 33,554,432 bytes, the limit yaml_file_bytes of "
                                              "taxonomies/limits.yaml"),
                          (tmp_path / "nope.yaml", "cannot read: No such file or directory")):
        with pytest.raises(TaxonomyError) as caught:
            read_taxonomy([path])
        assert str(caught.value) == f"{path}: {message}"


def test_the_limits_are_data_and_validated() -> None:
    caps = limits()
    assert (caps.yaml_depth, caps.cell_chars, caps.endpoint_redirects) == (50, 131_072, 5)


# --- ESCO CSV -------------------------------------------------------------------------------

def _esco_error(tmp_path: Path, row: str, name: str = "occupations_en.csv") -> str:
    directory = tmp_path / "export"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(f"{ESCO_HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as caught:
        compile_inputs([], [("esco", directory)])
    return str(caught.value).replace(str(directory), "export")


_INVALID_IRI = "is not a valid IRI (a '%' needs two hex digits; no control characters; a valid host)"


@pytest.mark.parametrize(("row", "message"), [
    (f"Occupation,{OCC}%zz,2654,director,,,released,,,,,,,2654.1",
     f"export/occupations_en.csv:2, column 'conceptUri': '{OCC}%zz' {_INVALID_IRI}"),
    (f"Occupation,{OCC}\x01,2654,director,,,released,,,,,,,2654.1",
     f"export/occupations_en.csv:2, column 'conceptUri': '{OCC}\\x01' {_INVALID_IRI}"),
    ("Occupation,http://[x/a,2654,director,,,released,,,,,,,2654.1",
     f"export/occupations_en.csv:2, column 'conceptUri': 'http://[x/a' {_INVALID_IRI}"),
    (f"Occupation,{OCC},2654,director,,,released,2020-99-99T10:00:00Z,,,,,,2654.1",
     "export/occupations_en.csv:2, column 'modifiedDate': '2020-99-99T10:00:00Z' is not a date and time: month "
     "must be in 1..12"),
    (f"Occupation,{OCC},٢٦٥٤,director,,,released,,,,,,,2654.1",
     "export/occupations_en.csv:2, column 'iscoGroup': '٢٦٥٤' is not a 4-digit ISCO-08 unit group code"),
    (f"Occupation,{OCC},2654,director,,,released,,,,\"{'x' * 131_073}\",,,2654.1",
     "export/occupations_en.csv:2: a field is longer than 131,072 characters, the limit cell_chars of "
     "taxonomies/limits.yaml"),
])
def test_bad_esco_values_are_refused_at_read_time(tmp_path: Path, row: str, message: str) -> None:
    assert _esco_error(tmp_path, row) == message


def test_an_esco_file_name_must_carry_a_language_tag(tmp_path: Path) -> None:
    row = f"Occupation,{OCC},2654,director,,,released,,,,,,,2654.1"
    assert _esco_error(tmp_path, row, "occupations_xx-x.csv") == (
        "export/occupations_xx-x.csv: 'xx-x' in the file name is not a language tag such as nl or pt-PT")


def test_esco_labels_are_cleaned_like_curated_labels(tmp_path: Path) -> None:
    directory = tmp_path / "export"
    directory.mkdir()
    (directory / "occupations_en.csv").write_text(
        f"{ESCO_HEADER}\nOccupation,{OCC},2654,\x1b]0;pwn\x07Regisseur\x00,\"=HYPERLINK(\x1b[2J)\n\u202eleider\",,"
        "released,,,,,,\"line one\r\n\x1b[31mline two\",2654.1\n", encoding="utf-8")
    (occupation,) = esco.read(directory).occupations
    assert occupation.preferred_label == "]0;pwnRegisseur"
    assert occupation.alt_labels == ("=HYPERLINK([2J)", "leider")
    assert occupation.description == "line one\n[31mline two"


# --- SBB XML --------------------------------------------------------------------------------

def _dossier(tmp_path: Path, declaration: str, encoding: str, title: str = "Coördinator ICT") -> Path:
    text = (FIXTURES / "sbb" / "minimal-dossier.xml").read_text(encoding="utf-8")
    text = text.replace('<?xml version="1.0" encoding="utf-8"?>', declaration, 1)
    text = text.replace('titel="Testdossier ICT"', f'titel="{title}"', 1)
    path = tmp_path / "dossier.xml"
    path.write_bytes(text.encode(encoding))
    return path


def _sbb_error(path: Path) -> str:
    with pytest.raises(SourceFormatError) as caught:
        sbb.read(path)
    return str(caught.value)


def test_an_unknown_encoding_is_refused(tmp_path: Path) -> None:
    path = _dossier(tmp_path, '<?xml version="1.0" encoding="x-klingon"?>', "utf-8")
    assert _sbb_error(path) == f"{path}:1: unknown encoding 'x-klingon' in the XML declaration; use UTF-8"


def test_a_declared_encoding_the_bytes_contradict_is_refused(tmp_path: Path) -> None:
    path = _dossier(tmp_path, '<?xml version="1.0" encoding="ISO-8859-1"?>', "utf-8")
    assert _sbb_error(path) == (f"{path}:1: the XML declaration says ISO-8859-1, but the bytes are UTF-8; correct "
                                'the declaration to encoding="UTF-8"')


@pytest.mark.parametrize(("encoding", "title"), [("ISO-8859-1", "Coördinator ICT"), ("shift_jis", "情報 ICT")])
def test_a_declared_encoding_is_decoded(tmp_path: Path, encoding: str, title: str) -> None:
    path = _dossier(tmp_path, f'<?xml version="1.0" encoding="{encoding}"?>', encoding, title)
    assert sbb.read(path).dossier.title == title


def test_bytes_invalid_in_the_declared_encoding_name_their_line(tmp_path: Path) -> None:
    path = _dossier(tmp_path, '<?xml version="1.0" encoding="utf-8"?>', "utf-8")
    path.write_bytes(path.read_bytes().replace("Coördinator".encode(), b"Co\xf6rdinator"))
    assert _sbb_error(path) == f"{path}:8: not valid utf-8: byte 0xf6 cannot be decoded"


def test_codes_take_ascii_digits_only(tmp_path: Path) -> None:
    path = _dossier(tmp_path, '<?xml version="1.0" encoding="utf-8"?>', "utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(">99001<", ">٩٩٠٠١<"), encoding="utf-8")
    assert _sbb_error(path) == f"{path}:10, <dossiercrebo>: a crebo is five digits, not '٩٩٠٠١'"


def test_sbb_and_bk_labels_carry_their_real_language() -> None:
    for dataset in (sbb.read(FIXTURES / "sbb" / "minimal-dossier.xml"), bk.read(FIXTURES / "bk" / "bk-records.json")):
        tags = {o.language for _, p, o in dataset.triples() if str(p).endswith("#prefLabel")}
        assert tags == {"nl"}, dataset.kind


# --- BK JSON --------------------------------------------------------------------------------

def _bk_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bk.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFormatError) as caught:
        bk.read(path)
    return str(caught.value).replace(str(path), "bk.json")


GOOD = {"beroepskwalificatie_nr": "BK-0140", "versie_nr_lang": "BK-0140-3", "titel": "Elektrotechnisch monteur",
        "vks_niveau": 2, "competenties": [{"competentie_code": "c1", "waarde": "Werkt veilig"}]}


def test_deep_nesting_is_refused_before_parsing(tmp_path: Path) -> None:
    assert _bk_error(tmp_path, "[" * 100_000) == ("bk.json: arrays and objects nested deeper than 50 levels (the "
                                                  "limit json_depth of taxonomies/limits.yaml)")
    # An unterminated string: the nesting check once backtracked exponentially here (3.4 s for 30 bytes).
    assert _bk_error(tmp_path, '"' + "0" * 30_000 + "[<!DOCTYPE") == (
        "bk.json:1: invalid JSON: Unterminated string starting at (column 1)")
    assert _bk_error(tmp_path, '[["a]]\\\"", ' + "[" * 60) == ("bk.json: arrays and objects nested deeper than 50 "
                                                             "levels (the limit json_depth of taxonomies/limits.yaml)")
    nested_in_a_string = json.dumps([{**GOOD, "titel": "[" * 1000}])
    assert bk.read(_write(tmp_path, nested_in_a_string)).qualifications[0].title.nl == "[" * 1000


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ok.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_huge_number_is_a_located_error(tmp_path: Path) -> None:
    assert _bk_error(tmp_path, json.dumps([GOOD])[:-2] + ', "x": ' + "9" * 5000 + "}]") == (
        "bk.json: invalid JSON: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("vks_niveau", "٥", "vks_niveau must be a whole number 1-8, not '٥'"),
    ("beroepskwalificatie_nr", "٠١٤٠", "beroepskwalificatie_nr must look like 'BK-0140', not '٠١٤٠'"),
])
def test_bk_codes_take_ascii_digits_only(tmp_path: Path, field: str, value: str, message: str) -> None:
    record = {key: val for key, val in GOOD.items() if key != "versie_nr_lang"} | {"versie_nr_kort": 3, field: value}
    assert _bk_error(tmp_path, json.dumps([record])).endswith(message)


# --- SSSOM ----------------------------------------------------------------------------------

SSSOM = ("#curie_map:\n#  vl: https://w3id.org/competence-bridge/id/vl/\n#  nl: https://w3id.org/competence-bridge/id/nl/\n"
         "#mapping_set_id: https://example.org/set\n#license: https://creativecommons.org/licenses/by/4.0/\n{extra}"
         "subject_id\tpredicate_id\tobject_id\tmapping_justification\tcomment\n"
         "vl:a\tskos:closeMatch\tnl:b\tsemapv:ManualMappingCuration\t{comment}\n")


def test_an_over_long_sssom_cell_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.sssom.tsv"
    path.write_text(SSSOM.format(extra="", comment="x" * 131_073), encoding="utf-8")
    with pytest.raises(SourceFormatError) as caught:
        read_sssom(path)
    assert str(caught.value) == (f"{path}:7: a cell is longer than 131,072 characters, the limit cell_chars of "
                                 "taxonomies/limits.yaml")
    assert parse_sssom(SSSOM.format(extra="", comment="x" * 131_072)).mappings[0].comment == "x" * 131_072


@pytest.mark.parametrize(("extra", "message"), [
    ("#mapping_date: 2020-13-45\n", "<sssom>:6: metadata block is not valid YAML: not a valid timestamp: "
                                    "'2020-13-45' (month must be in 1..12)"),
    ("#publication_date: !!int x\n", "<sssom>:6: metadata block is not valid YAML: not a valid int: 'x' (invalid "
                                     "literal for int() with base 10: 'x')"),
])
def test_sssom_metadata_values_out_of_range_are_located(extra: str, message: str) -> None:
    with pytest.raises(SourceFormatError) as caught:
        parse_sssom(SSSOM.format(extra=extra, comment="ok"))
    assert str(caught.value) == message


def test_spreadsheet_formulas_in_sssom_free_text_round_trip() -> None:
    from competence_bridge.sssom.tsv import dumps_sssom

    text = SSSOM.format(extra="", comment="'=HYPERLINK(\"http://evil.example\")")
    mapping_set = parse_sssom(text)
    assert mapping_set.mappings[0].comment == '=HYPERLINK("http://evil.example")'
    again = dumps_sssom(mapping_set)
    assert "\t\"'=HYPERLINK(\"\"http://evil.example\"\")\"\n" in again
    assert parse_sssom(again).mappings == mapping_set.mappings
