"""The command line's own error, and how any error becomes the one line ``competence-bridge: error: …``.

:class:`~competence_bridge.errors.UsageError` (in the one error tree) is raised for arguments that
parse but do not fit (a missing file, two options that exclude each other); :class:`ArgumentsError`
is its form for a value the argument parser refused.

:func:`one_line` words an error for a person at a terminal: the library's messages as they are,
except where they name a Python keyword argument (``to='NL'``) where the command line has an
option (``--to NL``); an ``OSError`` as its file and reason. Every message is one line with
control characters escaped (it may echo what was typed), and at most :data:`MESSAGE_CHARS` long.
"""

from __future__ import annotations

import re

from competence_bridge.errors import AmbiguousItemError, CompetenceBridgeError, UsageError
from competence_bridge.sanitize import terminal_safe

PROG = "competence-bridge"
#: Longest message printed; the rest of a very long one (an echoed argument) is cut with "…".
MESSAGE_CHARS = 2000

#: Python spellings in library messages and what the command line calls them.
_CLI_WORDING = [(re.compile(r"\bto='(BE-VLG|NL)'"), r"--to \1"), (re.compile(r" \(--to\)"), "")]


class ArgumentsError(UsageError):
    """A value the argument parser refused; the message ends with where to find help."""


def one_line(error: BaseException) -> str:
    """*error* as the one line a person reads after ``competence-bridge: error:`` (no newline, escaped)."""
    text: str | None = None
    if isinstance(error, AmbiguousItemError):  # ``translate`` words its own; elsewhere no side resolves it
        text = f"{error.query!r} is ambiguous; use one of the ids {', '.join(error.candidates)}"
    elif isinstance(error, OSError) and not isinstance(error, CompetenceBridgeError):
        where = error.filename if error.filename is not None else ""
        text = f"{where}: {error.strerror or error}" if where else str(error.strerror or error)
    if text is None:
        text = str(error) or type(error).__name__
    for pattern, replacement in _CLI_WORDING:
        text = pattern.sub(replacement, text)
    return shorten(terminal_safe(text, layout=False))


def shorten(text: str, limit: int = MESSAGE_CHARS) -> str:
    """*text* cut to *limit* characters, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"
