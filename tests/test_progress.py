"""The progress reporter: silent for short work and off a terminal, one rewritten line on a terminal."""

from __future__ import annotations

import io
import sys

import pytest

from competence_bridge import progress as progress_module
from competence_bridge.progress import Progress, track


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def no_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)


def test_short_work_shows_nothing(no_kernel: None) -> None:
    out = Terminal()
    assert list(track(range(5), "vertalen", stream=out)) == [0, 1, 2, 3, 4]  # default delay: one second
    assert out.getvalue() == ""


def test_a_terminal_gets_one_rewritten_line(no_kernel: None) -> None:
    out = Terminal()
    assert list(track(range(4), "vertalen", stream=out, delay=0, interval=0)) == [0, 1, 2, 3]
    text = out.getvalue()
    assert text.endswith("\rvertalen: 4/4 (100%) 0 s\n")
    assert text.count("\n") == 1 and text.count("\r") == 5  # four steps and the final state
    assert text.startswith("\rvertalen: 1/4 (25%) 0 s")


def test_no_terminal_and_no_notebook_shows_nothing(no_kernel: None) -> None:
    out = io.StringIO()
    with Progress("laden", 3, stream=out, delay=0, interval=0) as progress:
        progress.advance(3)
    assert out.getvalue() == "" and progress.done == 3 and not progress.shown


def test_notebook_gets_a_text_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ipykernel", sys)  # any module: "we run in a kernel"
    out = io.StringIO()
    with Progress("laden", 4, stream=out, delay=0, interval=0) as progress:
        progress.advance()
        assert progress.line() == "laden [#####...............] 25%"
        progress.advance(3)
    assert out.getvalue().endswith("\rladen [####################] 100%\n")


def test_unknown_total_forced_on_and_forced_off(no_kernel: None) -> None:
    out = io.StringIO()
    for _ in track(iter(range(3)), "zoeken", stream=out, delay=0, interval=0, enabled=True):
        pass
    assert out.getvalue().endswith("\rzoeken: 3\n")
    quiet = Terminal()
    for _ in track(range(3), "zoeken", stream=quiet, delay=0, interval=0, enabled=False):
        pass
    assert quiet.getvalue() == ""


def test_a_broken_stream_does_not_break_the_work(no_kernel: None) -> None:
    out = Terminal()
    out.close()
    with Progress("laden", 2, stream=out, delay=0, interval=0, enabled=True) as progress:
        progress.advance(2)
    assert progress.done == 2


class _Handle:
    """Records what a progress bar draws in an IPython output area."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def update(self, data: dict[str, str], *, raw: bool) -> None:
        assert raw
        self.shown.append(data["text/plain"])


def test_notebook_bar_leaves_no_output_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ipykernel", sys)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    handle = _Handle()
    monkeypatch.setattr(progress_module, "_display_handle", lambda: handle)
    with Progress("graaf opbouwen", 2, delay=0, interval=0) as progress:
        progress.advance(2)
    assert handle.shown == ["graaf opbouwen [####################] 100%", ""]
    assert sys.stderr.getvalue() == ""
