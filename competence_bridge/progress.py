"""A tiny progress reporter for work that takes more than a second; no dependencies.

Wrap an iterable::

    for item in track(items, "vertalen"):
        ...

or report steps yourself::

    with Progress("ESCO inlezen", total=len(rows)) as progress:
        for row in rows:
            ...
            progress.advance()

Nothing is shown for work that ends within ``delay`` seconds (one by default). After that, on a
terminal, stderr gets one line that is rewritten in place (``vertalen: 120/400 (30%) 2 s``) and
ended with a newline when the work is done. In a Jupyter notebook the same line is a simple text
bar (``vertalen [######..............] 30%``), drawn in one output area that is emptied when the
work is done, so a saved notebook keeps no progress lines. Anywhere else (a pipe, a log file, CI) nothing is
shown. ``enabled=True``/``False`` overrides that choice. The line is only redrawn from
:meth:`Progress.advance`, at most every ``interval`` seconds, so it costs almost nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

_BAR = 20


def _mode(stream: TextIO) -> str:
    """``terminal``, ``notebook`` or ``off`` for *stream*."""
    isatty = getattr(stream, "isatty", None)
    try:
        if isatty is not None and isatty():
            return "terminal"
    except ValueError:  # a closed stream
        return "off"
    if "ipykernel" in sys.modules:
        return "notebook"
    return "off"


class Progress:
    """Progress of one piece of work, shown on one updating line of stderr once it takes a while.

    :param label: what is being done, e.g. ``"ESCO inlezen"``
    :param total: number of steps, when known (shows a percentage)
    :param stream: where to write (default ``sys.stderr``, looked up when the work starts)
    :param delay: seconds of work before anything is shown
    :param interval: minimum seconds between two redraws
    :param enabled: ``None`` to decide from the stream (terminal or notebook), ``True``/``False`` to force
    """

    def __init__(self, label: str, total: int | None = None, *, stream: TextIO | None = None, delay: float = 1.0,
                 interval: float = 0.2, enabled: bool | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._stream = stream
        self._delay = delay
        self._interval = interval
        self._enabled = enabled
        self._mode = "off"
        self._start = 0.0
        self._drawn = -1.0  # time of the last redraw; negative: nothing shown yet
        self._width = 0
        self._handle: Any = None  # an IPython display handle, in a notebook without an explicit stream

    def __enter__(self) -> Progress:
        if self._stream is None and self._enabled is not False and _mode(sys.stderr) == "notebook":
            self._handle = _display_handle()
        stream = self._stream if self._stream is not None else sys.stderr
        self._stream = stream
        mode = _mode(stream)
        if self._enabled is True and mode == "off":
            mode = "notebook"  # forced on where we cannot rewrite in place: the plain text bar
        self._mode = "off" if self._enabled is False else mode
        self._start = time.monotonic()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @property
    def shown(self) -> bool:
        """True once the line has been drawn."""
        return self._drawn >= 0

    def advance(self, steps: int = 1) -> None:
        """Count *steps* more steps as done and redraw the line when it is time to."""
        self.done += steps
        if self._mode == "off":
            return
        now = time.monotonic()
        if now - self._start < self._delay or (self.shown and now - self._drawn < self._interval):
            return
        self._draw(now)

    def close(self) -> None:
        """Draw the final state and end the line, if anything was shown; safe to call twice."""
        if self.shown and self._mode != "off":
            if self._handle is not None:
                self._handle.update({"text/plain": ""}, raw=True)  # nothing stays in the saved notebook
            else:
                self._draw(time.monotonic())
                self._write("\n")
        self._mode = "off"

    def line(self, elapsed: float | None = None) -> str:
        """The text of the line as it is now (without the carriage return)."""
        seconds = time.monotonic() - self._start if elapsed is None else elapsed
        if self._mode == "notebook":
            if self.total:
                filled = min(_BAR, round(_BAR * self.done / self.total))
                return f"{self.label} [{'#' * filled}{'.' * (_BAR - filled)}] {self._percent()}%"
            return f"{self.label}: {self.done}"
        count = f"{self.done}/{self.total} ({self._percent()}%)" if self.total else f"{self.done}"
        return f"{self.label}: {count} {seconds:.0f} s"

    def _percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    def _draw(self, now: float) -> None:
        text = self.line(now - self._start)
        if self._handle is not None:
            self._handle.update({"text/plain": text}, raw=True)
            self._drawn = now
            return
        padding = " " * max(0, self._width - len(text))  # wipe what a longer previous line left behind
        self._width = len(text)
        self._write(f"\r{text}{padding}")
        self._drawn = now

    def _write(self, text: str) -> None:
        assert self._stream is not None
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # a closed or broken stream must not break the work
            self._mode = "off"


def _display_handle() -> Any:
    """An empty IPython output area to draw the bar in, or ``None`` outside IPython."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return None
    if getattr(get_ipython(), "kernel", None) is None:  # IPython imported, but no kernel to show it
        return None
    return display({"text/plain": ""}, raw=True, display_id=True)


def track(iterable: Iterable[T], label: str, *, total: int | None = None, **options: object) -> Iterator[T]:
    """Yield from *iterable* while reporting progress (see :class:`Progress`; *total* defaults to ``len()``)."""
    if total is None:
        try:
            total = len(iterable)  # type: ignore[arg-type]
        except TypeError:
            total = None
    with Progress(label, total, **options) as progress:  # type: ignore[arg-type]
        for item in iterable:
            yield item
            progress.advance()
