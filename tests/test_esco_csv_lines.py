"""The CSV reader's lines split fast (``splitlines``) are exactly the lines ``io.StringIO(newline="")`` gives, and a
file read in pieces gives what it gives read whole."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from competence_bridge.errors import SourceFormatError
from competence_bridge.importers import esco_csv
from competence_bridge.importers.esco_csv import BOM, _lines

#: Text rich in every kind of line break, quotes and commas.
TEXT = st.lists(st.sampled_from(["a", "é", ",", '"', "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
                                 "\x85", "\u2028", "\u2029", " "])).map("".join)


@given(TEXT)
def test_lines_are_the_csv_modules_lines(text: str) -> None:
    assert list(_lines(text)) == list(io.StringIO(text, newline=""))


CSV_TEXT = st.lists(st.sampled_from(["a", "é", "„", ",", '"', '""', "\n", "\r\n", "\r", "\x85", "\u2028", " "]),
                    max_size=60).map(lambda parts: 'h1,h2\n"' + "".join(parts) + '",x\nb,c\n')


@given(CSV_TEXT, st.integers(min_value=1, max_value=16))
def test_a_file_read_in_small_pieces_gives_the_records_of_one_piece(text: str, size: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "t.csv"
        path.write_bytes(BOM + text.encode())
        outcomes = []
        for chunk_bytes in (1 << 16, size):
            with mock.patch.object(esco_csv, "CHUNK_BYTES", chunk_bytes):
                assert "".join(esco_csv.decode_chunks(path)) == text
                try:
                    outcomes.append(esco_csv.read_csv(path, ("h1",)))
                except SourceFormatError as error:
                    outcomes.append(str(error))
        assert outcomes[0] == outcomes[1]


def test_a_bad_byte_in_a_later_piece_names_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "occupations_nl.csv"
    path.write_bytes(BOM + b"h1,h2\n" + b"a,b\n" * 50 + b"c,\xe9\n")
    monkeypatch.setattr(esco_csv, "CHUNK_BYTES", 16)
    with pytest.raises(SourceFormatError, match=r"occupations_nl.csv:52: not UTF-8: byte 0xe9 cannot be decoded"):
        esco_csv.read_csv(path, ("h1",))
