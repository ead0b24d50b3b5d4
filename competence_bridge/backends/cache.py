"""A cache of compiled graphs and prepared matchers, safe to keep in a shared machine's file system.

The key is a hash of the package's own source (:func:`source_digest`) and of every input file's
name and bytes, so an edited taxonomy or a changed compiler is recompiled on its next use. The
cache lives in ``$COMPETENCE_BRIDGE_CACHE``, else ``$XDG_CACHE_HOME/competence-bridge``, else
``~/.cache/competence-bridge``. Writes are atomic; an unwritable cache is skipped, because it
only costs time.

Trust. The cache holds pickles (:mod:`competence_bridge.backends.prepared`), and unpickling runs
code, so nothing is read from it unless

* the directory belongs to the user and no one else may write in it (a new one is made 0700;
  a world-writable one such as ``/tmp`` is not used at all, with an :class:`UnsafeCacheWarning`),
* the entry is a regular file (not a link) of the user's that no one else may write, and
* for a pickle, its HMAC-SHA256 under a per-user secret (``.secret``, 32 random bytes, mode 0600,
  in the directory) matches: a file planted by anyone who does not know the secret is deleted
  unread. A prepared search index is no pickle but an array file, whose reading runs no code; only
  its header is signed (:mod:`competence_bridge.backends.arrays` says why).

Size. When the entries pass ``cache_bytes`` (``taxonomies/limits.yaml``), the least recently
used go (by modification time; a cache hit touches its entry). :func:`clear_cache` removes
every entry; :func:`cache_info` says what is there.
"""

from __future__ import annotations

import contextlib
import os
import stat
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from competence_bridge.curated.limits import limits
from competence_bridge.errors import SourceFormatError
from competence_bridge.files import atomic_file, write_atomic

try:  # BLAKE2b as hashlib gives it: hashlib itself loads OpenSSL for its other algorithms (~2.5 ms every load)
    from _blake2 import blake2b
except ImportError:  # a Python without CPython's module: through hashlib
    from hashlib import blake2b

if TYPE_CHECKING:
    from rdflib import Graph

    from competence_bridge.backends.cache_info import CacheInfo

#: Bump when the compiled graph's shape changes without a package version change.
# 2: job profiles of a qualification; 3: former ids; 4: hidden labels indexed; 5: ESCO anchor names; 6: level-free
# hidden labels of national occupations
_SCHEMA = "6"
#: File name patterns of cache entries (and of their temporaries, which start with a dot).
ENTRY_PATTERNS: tuple[str, ...] = ("graph-*.nt", "translator-*.pickle", "search-*.arrays",
                                   "search-*.pickle", "meaning-*.pickle")
#: The per-user secret that signs pickled entries.
SECRET = ".secret"
#: Every signed entry starts with this, then the 32-byte HMAC of the rest.
MAGIC = b"competence-bridge signed v1\n"
_TAG = 32


class UnsafeCacheWarning(UserWarning):
    """The cache directory is not the user's alone, so it is not used (lookups work, only slower)."""


def source_digest() -> str:
    """A digest of the installed package's own Python source: every module by its path and, on POSIX, its inode,
    size and modification and change times, elsewhere its bytes.

    Part of every cache key: any change to the code that compiles, imports or prepares data
    makes old cache entries unreachable, without a hand-kept list of the modules involved.
    Safe without reading the bytes on POSIX: every write to a file moves its change time
    (``st_ctime``), which no user can set (``touch`` and ``os.utime`` set the other two times, and
    move it too), and a file replaced is a new inode; a module copied or touched without a change
    gives another digest as well, so its entries are made again (that costs only time). The stat
    of the package's ~150 modules costs ~0.5 ms, reading them ~2.5 ms. On Windows, where
    ``st_ctime`` is the creation time, the bytes are read. Computed once per process.
    """
    global _SOURCE_DIGEST  # noqa: PLW0603 (computed once per process, on first use)
    if _SOURCE_DIGEST is None:
        digest = blake2b(digest_size=10)
        for _, name, entry in sorted(_modules(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), ())):
            if os.name == "posix":
                info = entry.stat()
                digest.update(f"{name}\0{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:"
                              f"{info.st_ctime_ns}\0".encode())
            else:
                with open(entry.path, "rb", buffering=0) as handle:
                    digest.update(name.encode() + b"\0" + handle.readall() + b"\0")
        _SOURCE_DIGEST = digest.hexdigest()
    return _SOURCE_DIGEST


def _modules(directory: str, parts: tuple[str, ...]) -> list[tuple[tuple[str, ...], str, os.DirEntry[str]]]:
    """Every ``*.py`` below *directory* (whose path in the package is *parts*), as (its path's parts, that path
    written with ``/``, its directory entry): sorted by the parts, the order of ``sorted(Path.rglob("*.py"))``."""
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.is_dir():
                found += _modules(entry.path, (*parts, entry.name))
            elif entry.name.endswith(".py"):
                found.append(((*parts, entry.name), "/".join((*parts, entry.name)), entry))
    return found


_SOURCE_DIGEST: str | None = None
_WARNED: set[str] = set()


def __getattr__(name: str) -> type:
    """:class:`~competence_bridge.backends.cache_info.CacheInfo`, importable from here as before (see there why)."""
    if name == "CacheInfo":
        from competence_bridge.backends.cache_info import CacheInfo

        return CacheInfo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def cache_dir() -> Path:
    """The directory compiled graphs and prepared matchers are kept in."""
    if explicit := os.environ.get("COMPETENCE_BRIDGE_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "competence-bridge"


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    if os.name != "posix":
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def usable_dir(*, create: bool = False) -> Path | None:
    """The cache directory when it is safe to use (see the module docstring), else ``None``.

    :param create: make it (mode 0700) when it does not exist yet
    """
    directory = cache_dir()
    if create and not directory.exists():
        with contextlib.suppress(OSError):
            directory.mkdir(mode=0o700, parents=True)
    try:
        info = directory.lstat()
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        with contextlib.suppress(OSError):
            info = directory.stat()
    if not stat.S_ISDIR(info.st_mode):
        return None
    if not _private(info):
        if str(directory) not in _WARNED:
            _WARNED.add(str(directory))
            warnings.warn(f"cache directory {directory} is not yours alone (owner or group/others may write); "
                          "not using it. Choose another with COMPETENCE_BRIDGE_CACHE or run chmod 700 on it",
                          UnsafeCacheWarning, stacklevel=3)
        return None
    return directory


def cache_key(files: Iterable[Path], version: str) -> str:
    """A digest of the inputs a compiled graph was built from (every file's name and bytes, streamed; BLAKE2b).

    :raises SourceFormatError: when an input is missing or not a regular file (``/dev/zero``, a pipe)
    """
    return _files_digest(blake2b(f"{_SCHEMA}\0{version}\0".encode(), digest_size=10), files)


def files_sha256(files: Iterable[Path]) -> str:
    """What :func:`cache_key` digests of *files* without a version, by SHA-256 (20 hex digits); raises as it does."""
    import hashlib  # (OpenSSL) only here: see blake2b above

    return _files_digest(hashlib.sha256(f"{_SCHEMA}\0\0".encode()), files)[:20]


def _files_digest(digest: Any, files: Iterable[Path]) -> str:
    """The hex digest of *digest* (a hashlib object) once every file's name and bytes are added, streamed."""
    for path in files:
        try:
            info = Path(path).stat()
            if not stat.S_ISREG(info.st_mode):
                raise SourceFormatError(path, "not a regular file (a directory, device or pipe cannot be read "
                                              "as input)")
            digest.update(str(path.name).encode() + b"\0")
            with Path(path).open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError as error:
            raise SourceFormatError(path, f"cannot read: {error.strerror or error}") from None
        digest.update(b"\0")
    return str(digest.hexdigest())


def cached_path(key: str) -> Path:
    """Where the compiled graph for *key* is (or would be) stored, as N-Triples."""
    return cache_dir() / f"graph-{key}.nt"


def is_trusted(path: Path) -> bool:
    """*path* is a cache entry that may be read: in a safe cache directory, a regular file of the user's.

    A trusted entry is touched, so the least recently *used* entries are evicted first.
    """
    if usable_dir() is None:
        return False
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or not _private(info):
        return False
    with contextlib.suppress(OSError):
        os.utime(path)
    return True


def store(key: str, data: bytes) -> None:
    """Keep *data* for *key*; failures to write are ignored."""
    if usable_dir(create=True) is None:
        return
    with contextlib.suppress(OSError):
        write_atomic(cached_path(key), data)
    evict()


def store_graph(key: str, graph: Graph) -> None:
    """Keep *graph* for *key* as N-Triples, written straight from the store; failures to write are ignored."""
    if usable_dir(create=True) is None:
        return
    from competence_bridge.rdf.graph import export  # rdflib: only writing a graph needs it

    with contextlib.suppress(OSError), atomic_file(cached_path(key)) as out:
        export(graph, "nt", out)
    evict()


# --- signed entries -------------------------------------------------------------------------

def _secret(directory: Path) -> bytes | None:
    """The per-user secret in *directory*, made on first use; ``None`` when it is not private."""
    path = directory / SECRET
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    for _attempt in range(2):
        try:
            descriptor = os.open(path, flags)
        except FileNotFoundError:
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except FileExistsError:
                continue
            except OSError:
                return None
            import secrets  # made once per user: a load that signs nothing need not import it (random, base64)

            with os.fdopen(descriptor, "wb") as out:
                out.write(secrets.token_bytes(32))
            continue
        except OSError:
            return None
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_mode & 0o077:
                return None
            key = handle.read(33)
        return key if len(key) == 32 else None
    return None


def _hmac(secret: bytes, payload: bytes | memoryview) -> bytes:
    """The HMAC-SHA256 of *payload* under *secret* (hmac and hashlib imported here: a load signs nothing)."""
    import hashlib
    import hmac

    return hmac.new(secret, payload, hashlib.sha256).digest()


def signature(payload: bytes) -> bytes | None:
    """The HMAC-SHA256 of *payload* under the user's secret; ``None`` when the cache is not usable."""
    directory = usable_dir(create=True)
    secret = _secret(directory) if directory is not None else None
    return None if secret is None else _hmac(secret, payload)


def same_signature(one: bytes | memoryview, other: bytes) -> bool:
    """Whether two signatures are equal (compared in constant time)."""
    import hmac

    return hmac.compare_digest(one, other)


def write_signed(path: Path, payload: bytes) -> bool:
    """Write *payload* to the cache entry *path*, signed; False when the cache is not usable."""
    directory = usable_dir(create=True)
    secret = _secret(directory) if directory is not None else None
    if secret is None:
        return False
    tag = _hmac(secret, payload)
    try:
        with atomic_file(path) as out:
            out.write(MAGIC + tag)
            out.write(payload)
    except OSError:
        return False
    evict()
    return True


def read_signed(path: Path) -> memoryview | None:
    """The payload of a signed entry, read in one pass, once the signature checks.

    ``None`` (and the entry deleted when it is ours to delete) for a missing, foreign, unsigned or
    altered entry: its bytes never reach a parser. The whole entry is read into memory once, so
    checking it and then parsing it does not read the file twice.
    """
    directory = usable_dir()
    secret = _secret(directory) if directory is not None else None
    if secret is None or not is_trusted(path):
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    view = memoryview(data)
    head = len(MAGIC) + _TAG
    if view[:len(MAGIC)] == MAGIC and same_signature(view[len(MAGIC):head], _hmac(secret, view[head:])):
        return view[head:]
    with contextlib.suppress(OSError):
        path.unlink()
    return None


# --- size, listing, clearing ----------------------------------------------------------------

def _entries(directory: Path) -> list[tuple[Path, os.stat_result]]:
    found = []
    for pattern in ENTRY_PATTERNS:
        for path in directory.glob(pattern):
            with contextlib.suppress(OSError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode):
                    found.append((path, info))
    return found


def evict(cap: int | None = None) -> list[Path]:
    """Remove the least recently used entries until the cache is within *cap* bytes (``cache_bytes``)."""
    directory = usable_dir()
    if directory is None:
        return []
    cap = limits().cache_bytes if cap is None else cap
    entries = sorted(_entries(directory), key=lambda entry: entry[1].st_mtime)
    total, removed = sum(info.st_size for _, info in entries), []
    for path, info in entries:
        if total <= cap:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= info.st_size
            removed.append(path)
    return removed


def cache_info() -> CacheInfo:
    """The cache directory, whether it is used, and its entries' number and size."""
    from competence_bridge.backends.cache_info import CacheInfo

    directory = cache_dir()
    usable = usable_dir() is not None
    entries = _entries(directory) if directory.is_dir() else []
    return CacheInfo(directory, usable, len(entries), sum(info.st_size for _, info in entries), limits().cache_bytes)


def clear_cache() -> CacheInfo:
    """Remove every cache entry, the temporaries of killed writes and the secret; returns what was removed.

    Only the cache's own files go (other files in the directory are left alone). Safe to run
    while other processes use the cache: they compile or prepare again.
    """
    from competence_bridge.backends.cache_info import CacheInfo

    directory = cache_dir()
    if not directory.is_dir():
        return CacheInfo(directory, False, 0, 0, limits().cache_bytes)
    doomed = _entries(directory)
    for pattern in ENTRY_PATTERNS:
        for path in directory.glob(f".{pattern}.tmp-*"):
            with contextlib.suppress(OSError):
                doomed.append((path, path.lstat()))
    removed, freed = 0, 0
    for path, info in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
            removed, freed = removed + 1, freed + info.st_size
    with contextlib.suppress(OSError):
        (directory / SECRET).unlink()
    return CacheInfo(directory, usable_dir() is not None, removed, freed, limits().cache_bytes)
