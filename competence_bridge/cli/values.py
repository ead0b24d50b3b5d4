"""What the command line accepts as a value: argument types (syntax) and checks (what a value names).

Types run while parsing; a refusal is an ``argparse.ArgumentTypeError`` and reads
``argument --limit: …  (see 'competence-bridge search --help')``. Checks run after parsing and
raise :class:`~competence_bridge.cli.errors.UsageError` naming the argument: a file that is not
there, a directory to write in that is not there. Nothing is created or written by a check.

The rules for a target the command line writes (``-o FILE``, a review file, a store directory)
follow :mod:`competence_bridge.files`: ``-`` is standard output where a stream makes sense, a
missing parent directory is refused (a typo must not create directories), a directory is refused
as a file; what only the write can tell (``/proc``, a full disk) is refused by the write itself,
with nothing left behind.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from competence_bridge.cli.errors import UsageError, shorten

#: The standard output, where a command can write a stream.
STDOUT = "-"


def _show(value: str) -> str:
    """*value* quoted as argparse quotes values (``repr``: control characters escaped), cut when long."""
    return shorten(repr(value), 200)


def positive_int(value: str) -> int:
    """A whole number of at least 1 (``--limit``)."""
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {_show(value)}")
    return int(text)


def seconds(value: str) -> float:
    """A number of seconds, zero or more (``--older-than``)."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds, 0 or more, got {_show(value)}")
    return number


#: No ``query_chars`` cap is set this low (the limits model refuses it), so shorter texts need no look.
SURELY_SHORT = 100


def query_chars() -> int:
    """The longest text a search or translation takes: ``query_chars`` of ``taxonomies/limits.yaml``."""
    from competence_bridge.curated.limits import limits

    return limits().query_chars


def text(what: str, *, empty: str | None = None) -> Callable[[str], str]:
    """A non-empty text of at most :func:`query_chars` characters; *what* names it in messages (*empty*: when empty).

    The cap is read only for a text longer than :data:`SURELY_SHORT` characters, so a short lookup never
    loads the limits file.
    """

    def parse(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(empty or f"{what} is empty")
        if len(value) > SURELY_SHORT and len(value) > (cap := query_chars()):
            raise argparse.ArgumentTypeError(f"{what} is {len(value):,} characters long; the limit is {cap:,} "
                                             "(query_chars in taxonomies/limits.yaml)")
        return value

    parse.__name__ = what
    return parse


def non_empty(what: str) -> Callable[[str], str]:
    """Any text but an empty one (a reviewer's name, an IRI)."""

    def parse(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(f"{what} is empty")
        return value

    parse.__name__ = what
    return parse


def url(what: str) -> Callable[[str], str]:
    """A URL in printable ASCII without spaces (the library checks the rest: scheme, host, credentials)."""

    def parse(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(f"{what} is empty")
        if not value.isascii() or any(char.isspace() or not char.isprintable() for char in value):
            raise argparse.ArgumentTypeError(f"{what} {_show(value)} holds a space, a control character or a "
                                             "non-ASCII character; write it percent-encoded (a host in punycode)")
        return value

    parse.__name__ = what
    return parse


def input_spec(value: str) -> str:
    """A ``KIND:PATH`` input (``--with``), its kind one of :func:`competence_bridge.backends.inputs.kinds`."""
    from competence_bridge.backends.inputs import Inputs, kinds
    from competence_bridge.errors import UnknownItemError

    try:
        Inputs.parse([value])
    except UnknownItemError as error:
        kind, sep, path = value.partition(":")
        if not sep or not path:
            raise argparse.ArgumentTypeError(f"expected KIND:PATH, e.g. yaml:my-taxonomy.yaml, got {_show(value)}"
                                             ) from None
        close = [s for s in error.suggestions if s in kinds()][:1]
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise argparse.ArgumentTypeError(f"unknown data kind {_show(kind)} (choose from {', '.join(kinds())}){hint}"
                                         ) from None
    return value


# --- checks: what a value names ------------------------------------------------------------------

def _stat(path: Path, shown: str) -> os.stat_result | None:
    """The status of *path*, ``None`` when it does not exist; refuses names the system cannot take."""
    if "\x00" in str(path):
        raise UsageError(f"{shown}: a file name cannot hold a NUL character")
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    except OSError as error:
        raise UsageError(f"{shown}: {error.strerror or error}") from None


def _name(path: str | Path) -> str:
    from competence_bridge.sanitize import terminal_safe

    return shorten(terminal_safe(str(path), layout=False), 300)


def existing_file(value: str | Path) -> None:
    """A file to read: it exists and is not a directory."""
    import stat

    info = _stat(Path(value), _name(value))
    if info is None:
        raise UsageError(f"{_name(value)}: no such file")
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{_name(value)}: is a directory; name a file")


def existing_path(value: str | Path) -> None:
    """A file or directory to read."""
    if _stat(Path(value), _name(value)) is None:
        raise UsageError(f"{_name(value)}: no such file or directory")


def existing_paths(values: Sequence[str | Path] | None) -> None:
    """Every one of *values* is a file or directory to read."""
    for value in values or ():
        existing_path(value)


def output_target(value: str) -> None:
    """Where to write a file (``-o``): ``-`` (standard output), or a file in an existing directory."""
    if value == STDOUT:
        return
    _writable(value)


def writable_file(value: str) -> None:
    """A file to read and rewrite (a review file): a regular file or a new one in an existing directory, not ``-``."""
    import stat

    if value == STDOUT:
        raise UsageError("'-' is standard output; name a file to keep the decisions in")
    _writable(value)
    info = _stat(Path(value), _name(value))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{_name(value)}: is not a regular file; decisions are kept in a file that is read and "
                         "rewritten")


def _writable(value: str) -> None:
    import stat

    path = Path(value)
    shown = _name(value)
    if not path.name:
        raise UsageError(f"{shown}: is a directory; name a file to write")
    info = _stat(path, shown)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown}: is a directory; name a file to write")
    _parent(path, shown)
    if info is None and len(os.fsencode(path.name)) > _name_max(path.parent):
        raise UsageError(f"{shown}: cannot write: File name too long")


def new_directory(value: str) -> None:
    """A directory to create or replace (``store build DIR``): its parent exists; it is not a file."""
    import stat

    path = Path(value)
    shown = _name(value)
    info = _stat(path, shown)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown}: is not a directory; name a directory for the store")
    _parent(path, shown)


def _parent(path: Path, shown: str) -> None:
    import stat

    parent = path.parent
    info = _stat(parent, shown)
    if info is None or not stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown}: the directory {_name(parent)} does not exist")


def _name_max(directory: Path) -> int:
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def each(check: Callable[[Any], None]) -> Callable[[Sequence[Any] | None], None]:
    """A check of every value of a repeatable argument."""

    def check_all(values: Sequence[Any] | None) -> None:
        for value in values or ():
            check(value)

    return check_all
