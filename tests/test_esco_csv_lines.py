"""The CSV reader's lines split fast (``splitlines``) are exactly the lines ``io.StringIO(newline="")`` gives."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from competence_bridge.importers.esco_csv import _lines

#: Text rich in every kind of line break, quotes and commas.
TEXT = st.lists(st.sampled_from(["a", "é", ",", '"', "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
                                 "\x85", "\u2028", "\u2029", " "])).map("".join)


@given(TEXT)
def test_lines_are_the_csv_modules_lines(text: str) -> None:
    assert list(_lines(text)) == list(io.StringIO(text, newline=""))
