"""CBS BRC 2014 - ISCO-08 importer: counts, hierarchy and mapping direction on the real table; bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from competence_bridge.errors import SourceFormatError
from competence_bridge.rdf.graph import new_graph
from competence_bridge.importers import IMPORTERS
from competence_bridge.importers.brc import NAMESPACE, SCHEME, BrcDataset, read

from conftest import shared_data

ISCO = "http://data.europa.eu/esco/isco/C"


def brc(level: str, code: str) -> URIRef:
    return URIRef(f"{NAMESPACE}{level}/{code}")


@pytest.fixture(scope="module")
def dataset() -> BrcDataset:
    result = IMPORTERS["brc"].read(shared_data("cbs-brc2014-isco08", "brc2014_isco08.csv"))
    assert isinstance(result, BrcDataset)
    return result


@pytest.fixture(scope="module")
def graph(dataset: BrcDataset):
    graph = new_graph("oxigraph")
    graph.addN((s, p, o, graph) for s, p, o in dataset.triples())
    return graph


def test_counts(dataset: BrcDataset) -> None:
    assert (dataset.kind, dataset.version) == ("brc", "2014")
    assert dataset.summary() == {
        "rows": 588,
        "isco_unit_groups": 436,
        "residual_codes": 151,
        "unknown_codes": 1,
        "beroepsgroepen": 114,
        "beroepssegmenten": 41,
        "beroepsklassen": 13,
        "narrow_matches": 414,
        "close_matches": 22,
        "related_matches": 151,
    }


def test_the_table_is_many_to_one(dataset: BrcDataset) -> None:
    """What the choice of skos:narrowMatch rests on: each ISCO code in exactly one beroepsgroep."""
    assert max(Counter(row.isco_code for row in dataset.rows).values()) == 1
    sizes = Counter(row.group for row in dataset.rows)
    assert (min(sizes.values()), max(sizes.values())) == (1, 35)


def test_hierarchy(graph) -> None:
    group = brc("beroepsgroep", "0634")
    assert set(graph.objects(group, SKOS.broader)) == {brc("beroepssegment", "063")}
    assert set(graph.objects(brc("beroepssegment", "063"), SKOS.broader)) == {brc("beroepsklasse", "06")}
    assert {str(label) for label in graph.objects(group, SKOS.prefLabel)} == {"Militaire beroepen"}
    assert set(graph.objects(SCHEME, SKOS.hasTopConcept)) == {brc("beroepsklasse", f"{n:02d}") for n in range(1, 14)}
    assert len(set(graph.subjects(SKOS.inScheme, SCHEME))) == 114 + 41 + 13
    assert len(set(graph.subjects(SKOS.broader, None))) == 114 + 41


def test_mapping_relations(graph) -> None:
    group = brc("beroepsgroep", "0634")  # Militaire beroepen: three unit groups and a residual code
    assert set(graph.objects(group, SKOS.narrowMatch)) == {URIRef(ISCO + c) for c in ("0110", "0210", "0310")}
    assert set(graph.objects(group, SKOS.relatedMatch)) == {URIRef(ISCO + "0")}
    assert set(graph.objects(brc("beroepsgroep", "0732"), SKOS.closeMatch)) == {URIRef(ISCO + "7115")}  # Timmerlieden
    # a residual code maps to the ISCO group it pads: 2340 "Docenten basisonderwijs ... z.n.d." -> minor group 234
    assert (None, SKOS.relatedMatch, URIRef(ISCO + "234")) in graph
    assert len(list(graph.triples((None, SKOS.narrowMatch, None)))) == 414
    assert len(list(graph.triples((None, SKOS.closeMatch, None)))) == 22
    assert len(list(graph.triples((None, SKOS.relatedMatch, None)))) == 151
    assert (None, None, URIRef(ISCO + "9999")) not in graph


def test_genuine_unit_groups_ending_in_zero_are_not_residual(dataset: BrcDataset) -> None:
    rows = {row.isco_code: row for row in dataset.rows}
    assert not rows["1330"].residual and rows["1330"].isco_group == "1330"
    assert rows["2340"].residual and rows["2340"].isco_group == "234"
    assert rows["0000"].isco_group == "0" and rows["9999"].isco_group is None


# --- bad input ------------------------------------------------------------------------------------

HEADER = ("ISCO2008unitgroup,ISCO2008unitgrouplabel,BRC2014beroepsgroep,BRC2014beroepsgroep_label,"
          "BRC2014beroepssegment,BRC2014beroepssegment_label,BRC2014beroepsklasse,BRC2014beroepsklasse_label,"
          "ISCO2008niveau,ISCO2008niveau_label")
BRC = "0634,Militaire beroepen,063,Beveiligingswerkers,06,\"Openbaar bestuur, veiligheid\""
ROW1 = f"0110,Officieren,{BRC},4,ISCO-niveau 4"
ROW2 = f"0210,Onderofficieren,{BRC},2,ISCO-niveau 2"


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "brc.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def error_of(path: Path) -> str:
    with pytest.raises(SourceFormatError) as caught:
        read(path)
    return str(caught.value)


def test_good_minimal_table_with_crlf(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\r\n{ROW1}\r\n{ROW2}\r\n")
    assert read(path).summary()["narrow_matches"] == 2


def test_truncated_row(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{ROW1}\n0210,Onderofficieren,0634\n")
    assert error_of(path) == (f"{path}:3: the record has 3 fields but the header has 10; "
                              "is the file truncated or a quote missing?")


def test_unterminated_quote(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{ROW1}\n0210,\"Onderofficieren,0634,Militaire beroepen\n")
    assert error_of(path) == (f"{path}:3: unterminated quoted field: the record starting on this line runs to "
                              "the end of the file")


def test_missing_column(tmp_path: Path) -> None:
    header = HEADER.replace("BRC2014beroepsgroep,", "")
    path = write(tmp_path, f"{header}\n")
    assert error_of(path) == (f"{path}:1: missing required column 'BRC2014beroepsgroep'; the header has "
                              + header.replace(",", ", "))


def test_not_utf8_and_empty(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{ROW1}\n0210,Onderofficieren (m\xe9dium),0634\n".encode("latin-1"))
    assert error_of(path) == f"{path}:3: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8"
    path = write(tmp_path, "")
    assert error_of(path) == f"{path}: the file is empty; expected a CSV header row"


def test_inconsistent_label_duplicate_code_and_bad_nesting(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{ROW1}\n{ROW2.replace('Militaire beroepen', 'Militairen')}\n")
    assert error_of(path) == (f"{path}:3, column 'BRC2014beroepsgroep_label': beroepsgroep 0634 is called "
                              "'Militairen' here but 'Militaire beroepen' on line 2")
    path = write(tmp_path, f"{HEADER}\n{ROW1}\n{ROW1}\n")
    assert error_of(path) == (f"{path}:3, column 'ISCO2008unitgroup': ISCO code 0110 appears twice (first on line 2); "
                              "the table must give each code one beroepsgroep")
    path = write(tmp_path, f"{HEADER}\n{ROW1.replace(',0634,', ',0734,')}\n")
    assert error_of(path) == (f"{path}:2, column 'BRC2014beroepsgroep': beroepsgroep 0734 does not start with its "
                              "beroepssegment code 063")
    path = write(tmp_path, f"{HEADER}\n{ROW1.replace('0110,Officieren', '011,Officieren')}\n")
    assert error_of(path) == f"{path}:2, column 'ISCO2008unitgroup': '011' is not a 4-digit ISCO-08 code"


def test_a_directory_or_missing_file(tmp_path: Path) -> None:
    assert error_of(tmp_path) == f"{tmp_path}: expected the BRC 2014 - ISCO-08 CSV file, not a directory"
    assert error_of(tmp_path / "none.csv") == f"{tmp_path / 'none.csv'}: no such file or directory"
