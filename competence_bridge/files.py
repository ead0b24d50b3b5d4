"""Files the library writes and reads: atomic writes that respect what the user named, capped reads.

The rule for a target path, followed by every writer of the package (:func:`atomic_file`,
:func:`write_atomic`, :func:`open_output`, :func:`write_output`):

* ``-`` (only :func:`open_output` and :func:`write_output`): standard output.
* a regular file, or a new name in an existing directory: written to a temporary file beside it
  and renamed over it once complete, so readers see the old file or the new one, never half. An
  existing file keeps its mode; a new one gets ``0o666`` less the umask (e.g. 0644).
* a symbolic link: followed. The file it points to is replaced as above; the link stays a link.
  A link that points nowhere is refused.
* a FIFO, a character device (``/dev/null``, a terminal, ``/dev/stdout``) or a socket: written
  through, in place and not atomically. It is never replaced by a regular file.
* a directory or a block device: refused.
* a missing parent directory: refused by :func:`open_output` (a user's typo must not create
  directories); the library's own caches ask :func:`atomic_file` to create theirs.

Every refusal and every failed write raises :class:`~competence_bridge.errors.OutputError`
naming the path. A temporary file left by a killed process (``.<name>.tmp-<pid>-…``) is removed
by the next write to the same target on the same host once that process is gone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from competence_bridge.errors import OutputError, SourceFormatError

#: What :func:`open_output` takes for standard output.
STDOUT = "-"
#: Characters of the target's name kept in the name of its temporary file (names may be 255 bytes).
_TMP_NAME_CHARS = 100


def current_umask() -> int:
    """The process's umask, read without changing it where Linux shows it (``os.umask`` is not thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _host() -> str:
    import hashlib  # here, as socket and tempfile below: most loads never write a file (hashlib loads OpenSSL)
    import socket  # the two cost ~8 ms to import

    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _tmp_prefix(target: Path) -> str:
    return f".{target.name[:_TMP_NAME_CHARS]}.tmp-"


def remove_abandoned_temporaries(target: str | Path) -> list[Path]:
    """Remove temporary files of *target* that killed processes of this host left; returns them.

    A temporary is named ``.<name>.tmp-<pid>-<host>-<random>``; one whose process still runs
    (or that another host wrote) is left alone.
    """
    path = Path(target)
    prefix, host, removed = _tmp_prefix(path), _host(), []
    try:
        candidates = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return []
    for candidate in candidates:
        pid, _, rest = candidate.name[len(prefix):].partition("-")
        if pid.isascii() and pid.isdigit() and rest.startswith(host + "-") and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _kind(path: Path) -> str:
    """``missing``, ``regular``, ``directory``, ``block``, ``dangling`` or ``special`` (FIFO, char device, socket)."""
    try:
        info = path.stat()  # follows symbolic links
    except FileNotFoundError:
        return "dangling" if path.is_symlink() else "missing"
    except OSError as error:  # a name too long, a loop of links, no permission to look
        raise _os_failure(path, error) from None
    if stat.S_ISREG(info.st_mode):
        return "regular"
    if stat.S_ISDIR(info.st_mode):
        return "directory"
    if stat.S_ISBLK(info.st_mode):
        return "block"
    return "special"


def _fail(path: Path, message: str) -> OutputError:
    return OutputError(f"{path}: {message}")


def _os_failure(path: Path, error: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {error.strerror or error}")


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], *, parents: bool = True) -> Iterator[IO[bytes]]:
    """A binary file that replaces *path* when the block ends (or writes through a special file).

    See the module docstring for the rule. On an exception inside the block the target is left
    as it was and the temporary file is removed.

    :param parents: create missing parent directories (the library's caches); otherwise refuse
    :raises OutputError: for a directory, a block device, a dangling link, a missing parent, or a failed write
    """
    target = Path(path)
    kind = _kind(target)
    if kind == "directory":
        raise _fail(target, "is a directory; name a file to write")
    if kind == "block":
        raise _fail(target, "is a block device; refusing to write to it")
    if kind == "dangling":
        raise _fail(target, "is a symbolic link to a missing file; refusing to guess where to write")
    if kind == "special":
        with _write_through(target) as out:
            yield out
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if not target.parent.is_dir():
        if not parents:
            raise _fail(target, f"the directory {target.parent} does not exist")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _os_failure(target, error) from None
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    except OSError as error:
        raise _os_failure(target, error) from None
    remove_abandoned_temporaries(target)
    import tempfile

    try:
        handle, tmp = tempfile.mkstemp(prefix=f"{_tmp_prefix(target)}{os.getpid()}-{_host()}-", dir=target.parent)
    except OSError as error:
        raise _os_failure(target, error) from None
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, OutputError):
            raise _os_failure(target, error) from None
        raise


@contextlib.contextmanager
def _write_through(target: Path) -> Iterator[IO[bytes]]:
    """Open an existing FIFO, character device or socket for writing, in place."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NOCTTY)
    except OSError as error:
        raise _os_failure(target, error) from None
    info = os.fstat(descriptor)
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        os.close(descriptor)
        raise _fail(target, "was replaced while opening it; nothing written")
    try:
        with os.fdopen(descriptor, "wb") as out:
            yield out
    except BrokenPipeError:
        raise
    except OSError as error:
        if isinstance(error, OutputError):
            raise
        raise _os_failure(target, error) from None


def write_atomic(path: str | os.PathLike[str], data: bytes, *, parents: bool = True) -> None:
    """Write *data* to *path* by the rule of :func:`atomic_file` (readers see the old file or the new one)."""
    with atomic_file(path, parents=parents) as out:
        out.write(data)


@contextlib.contextmanager
def open_output(target: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary stream for a user-named output: ``-`` is standard output, anything else a path.

    Paths follow the rule of the module docstring, and a missing parent directory is refused.

    >>> with open_output("-") as out:  # doctest: +SKIP
    ...     _ = out.write(b"")

    :raises OutputError: when the target cannot be written as named
    """
    if os.fspath(target) == STDOUT:
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    with atomic_file(target, parents=False) as out:
        yield out


def write_output(target: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to a user-named output (see :func:`open_output`)."""
    with open_output(target) as out:
        out.write(data)


def _read_blocks(handle: IO[bytes], most: int) -> bytes:
    """At most *most* bytes of *handle*, read 1 MiB at a time."""
    blocks: list[bytes] = []
    left = most
    while left > 0:
        block = handle.read(min(left, 1 << 20))
        if not block:
            break
        blocks.append(block)
        left -= len(block)
    return b"".join(blocks)


def read_capped(path: str | os.PathLike[str], limit: int, *, limit_name: str) -> bytes:
    """The bytes of *path*, refusing more than *limit* of them (``/dev/zero`` included).

    Memory follows the file, not the cap: a regular file is read at its own size (plus one byte, to see it grow),
    anything else in blocks, so a 2 GB cap never reserves 2 GB.

    :param limit_name: the name of the cap in ``taxonomies/limits.yaml``, said in the error
    :raises SourceFormatError: when the file cannot be read or is larger than *limit*
    """
    source = Path(path)
    try:
        with source.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > 0:
                data = handle.read(min(info.st_size, limit) + 1)
            else:
                data = _read_blocks(handle, limit + 1)
    except IsADirectoryError:
        raise SourceFormatError(source, "is a directory, not a file") from None
    except OSError as error:
        raise SourceFormatError(source, f"cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise SourceFormatError(source, f"larger than {limit:,} bytes, the limit {limit_name} "
                                        "of taxonomies/limits.yaml")
    return data


def read_capped_blocks(path: str | os.PathLike[str], limit: int, *, limit_name: str, size: int) -> Iterator[bytes]:
    """The bytes of *path* as :func:`read_capped` gives them, in blocks of at most *size* bytes (none empty).

    For a reader that works a piece at a time: the whole file is never in memory as bytes, and the
    memory of a block freed is that of the next one (fresh memory, first touched, costs more than reading).
    A regular file larger than *limit* is refused before any block, anything else once more than *limit*
    bytes came; the errors are those of :func:`read_capped`.
    """
    source = Path(path)
    total = 0
    try:
        with source.open("rb", buffering=0) as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                total = info.st_size
            while total <= limit and (block := handle.read(size)):
                total += len(block)
                if total <= limit:
                    yield block
    except IsADirectoryError:
        raise SourceFormatError(source, "is a directory, not a file") from None
    except OSError as error:
        raise SourceFormatError(source, f"cannot read: {error.strerror or error}") from None
    if total > limit:
        raise SourceFormatError(source, f"larger than {limit:,} bytes, the limit {limit_name} "
                                        "of taxonomies/limits.yaml")
