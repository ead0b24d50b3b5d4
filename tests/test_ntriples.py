"""N-Triples written in bulk: exact literal escaping; ESCO loaded natively holds exactly the triples it held before."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, namespace

from competence_bridge.importers.esco import read
from competence_bridge.importers.esco_terms import normal_date_time
from competence_bridge.progress import Progress
from competence_bridge.rdf import ntriples
from competence_bridge.rdf.graph import OxigraphTerms, add_quads, new_graph
from competence_bridge.rdf.ntriples import NTriplesDocuments

from conftest import shared_data

FIXTURE = Path(__file__).parent / "fixtures" / "esco"
S, P = "<http://example.org/s>", "<http://example.org/p>"
#: Any text a Python str can hold that UTF-8 can encode (lone surrogates cannot be in an RDF literal).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)))


def parsed_object(term: str, *, lenient: bool) -> ox.Literal:
    (quad,) = ox.parse(f"{S} {P} {term} .\n".encode(), format=ox.RdfFormat.N_TRIPLES, lenient=lenient)
    return quad.object


# --- literals ---------------------------------------------------------------------------------------


def test_escape_writes_the_n_triples_escapes() -> None:
    assert ntriples.escape('say "hi"\\ \n\r\t\x00\x1f\x7f é\u2028') == \
        'say \\"hi\\"\\\\ \\n\\r\\u0009\\u0000\\u001F\\u007F é\u2028'
    assert ntriples.escape("plain text, één") == "plain text, één"
    assert ntriples.literal('a"b') == '"a\\"b"'
    assert ntriples.text("x\ny", "nl") == '"x\\ny"@nl'
    assert ntriples.typed("5", str(namespace.XSD.integer)) == '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert ntriples.iri("http://example.org/a") == "<http://example.org/a>"


@given(TEXT, st.booleans())
def test_any_text_round_trips_through_oxigraphs_parser(value: str, lenient: bool) -> None:
    assert parsed_object(ntriples.literal(value), lenient=lenient) == ox.Literal(value)
    assert parsed_object(ntriples.text(value, "nl"), lenient=lenient) == ox.Literal(value, language="nl")
    assert parsed_object(ntriples.text(value, "pt-PT"), lenient=lenient) == ox.Literal(value, language="pt-pt")
    datatype = "http://example.org/datatype"
    assert parsed_object(ntriples.typed(value, datatype), lenient=lenient) == \
        ox.Literal(value, datatype=ox.NamedNode(datatype))


@given(st.lists(TEXT, min_size=1, max_size=20), st.integers(1, 7))
def test_documents_hold_every_line_once_and_count_them(values: list[str], size: int) -> None:
    lines = [f"{S} {P} {ntriples.literal(value)} .\n" for value in values]
    blocks = ["".join(lines[i:i + 2]) for i in range(0, len(lines), 2)]  # blocks of one or two lines
    documents = list(ntriples.documents(blocks, size))
    assert sum(count for _, count in documents) == len(lines)
    assert all(count >= size for _, count in documents[:-1])
    assert b"".join(document for document, _ in documents) == "".join(lines).encode()
    quads = NTriplesDocuments(lambda: iter(documents), validated=False)
    assert [quad.object.value for quad in quads] == values


@given(st.datetimes(timezones=st.one_of(st.none(), st.timezones())), st.sampled_from(["", "Z", "+02:00"]),
       st.integers(0, 3))
def test_normal_date_time_is_rdflibs_lexical_form(moment: dt.datetime, zone: str, trim: int) -> None:
    text = moment.replace(tzinfo=None).isoformat()
    if "." in text:
        text = text[:len(text) - trim]  # fewer fractional digits than Python writes
    text += zone
    assert normal_date_time(text) == str(Literal(text, datatype=namespace.XSD.dateTime))


def test_normal_date_time_keeps_what_rdflib_cannot_parse() -> None:
    bad = "2024-13-45T99:00:00"
    assert normal_date_time(bad) == str(Literal(bad, datatype=namespace.XSD.dateTime)) == bad
    assert normal_date_time("2024-01-25T11:28:50.295Z") == "2024-01-25T11:28:50.295000+00:00"


# --- ESCO: the native load gives the triples rdflib gives ----------------------------------------------


def _store_of_triples(dataset) -> set[ox.Quad]:
    """What the store holds after rdflib's own ``addN`` of triples(): the reference the N-Triples path must equal.

    Compared store against store: Oxigraph keeps an ``xsd:dateTime`` as a value and gives it back canonical.
    """
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in dataset.triples())
    return set(graph.store._inner)


def _loaded(dataset) -> set[ox.Quad]:
    graph = new_graph()
    add_quads(graph, dataset.quads())
    return set(graph.store._inner)


def _hostile_copy(tmp_path: Path) -> Path:
    """The fixture export with quotes, backslashes, tabs, line breaks and non-ASCII in labels and notes."""
    directory = tmp_path / "esco-en-1.2.0"
    shutil.copytree(FIXTURE, directory)
    path = directory / "occupations_en.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    first = rows[1]
    first[header.index("preferredLabel")] = 'director "technical" \\ één'
    first[header.index("altLabels")] = 'back\\slash\nquote "q"\r\ntab\there'
    first[header.index("description")] = 'line one\r\nline "two"\rthree\\n \x1b[2J ✓\u00a0'
    first[header.index("scopeNote")] = "\\u0041 is not an escape here"
    first[header.index("regulatedProfessionNote")] = 'regulated "in" NL\\BE'
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return directory


def test_esco_quads_load_natively_and_hold_exactly_the_triples(tmp_path: Path) -> None:
    for dataset in (read(FIXTURE), read(_hostile_copy(tmp_path))):
        quads = dataset.quads()
        assert isinstance(quads, NTriplesDocuments) and quads.validated
        assert _loaded(dataset) == _store_of_triples(dataset)
        assert list(quads) == list(OxigraphTerms().quads(dataset.triples()))  # also in the same order
    labels = {q.object.value for q in _loaded(dataset) if q.predicate.value.endswith("#altLabel")}
    assert {"back\\slash", 'quote "q"', "tab here"} <= labels  # clean_line makes the tab a space


def test_esco_native_load_advances_progress_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("competence_bridge.importers.esco_records.DOCUMENT_LINES", 10)
    dataset = read(FIXTURE)
    out = io.StringIO()
    with Progress("graaf opbouwen", stream=out, delay=0, interval=0, enabled=True) as progress:
        added = add_quads(new_graph(), dataset.quads(), progress=progress)
    assert added == len(list(dataset.triples())) == progress.done
    steps = [len(document) for document in dataset.quads().documents()]  # type: ignore[attr-defined]
    assert len(steps) > 3 and out.getvalue().rstrip().endswith(f"graaf opbouwen: {added}")


def test_a_data_set_not_from_the_reader_gets_validated_terms() -> None:
    dataset = read(FIXTURE)
    copy = dataclasses.replace(dataset)
    assert not copy.validated and not isinstance(copy.quads(), NTriplesDocuments)
    assert _loaded(copy) == _loaded(dataset)
    bad = dataclasses.replace(dataset, occupations=(dataclasses.replace(dataset.occupations[0], uri="http://x/ >"),))
    with pytest.raises(ValueError):
        list(bad.quads())


def test_a_version_that_makes_an_invalid_iri_is_refused_as_before() -> None:
    dataset = read(FIXTURE, version="1 2")
    assert not isinstance(dataset.quads(), NTriplesDocuments)
    with pytest.raises(ValueError):
        list(dataset.quads())


def test_the_real_esco_export_loads_the_same_triples_natively() -> None:
    dataset = read(shared_data("esco-nl-1.2.0"))
    assert _loaded(dataset) == _store_of_triples(dataset)
