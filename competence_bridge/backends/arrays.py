"""Flat files of numpy arrays, opened memory-mapped: a prepared index read back without unpickling anything.

A file is a header and arrays, each array at an offset that is a multiple of 64 bytes::

    offset 0   magic         8 bytes, b"CBARRAY\\n"
    offset 8   version       uint32, little-endian (:data:`VERSION`)
    offset 12  header size   uint32, little-endian: H
    offset 16  tag           32 bytes: HMAC-SHA256 of the header text under the cache's per-user secret
    offset 48  header        H bytes of UTF-8 JSON:
                 {"key": the digest the reader expects (its graph's identity and the code's),
                  "size": the file's size in bytes,
                  "meta": small JSON data of the writer's (scalars, short lists, settings),
                  "arrays": [[name, dtype, shape, offset, bytes], ...]}
    then         each array's bytes (C order, little-endian), zero padding between them

Strings are kept as :class:`Strings`: a UTF-8 blob, an offsets array, and for the tables looked up by string a
sorted array of the strings' CRC-32s with the string numbers in that order (a look-up is a binary search and a
comparison, no dict is built).

Reading maps the file (``mmap``) and makes each array a read-only ``np.frombuffer`` view of the mapping: nothing
is copied or parsed but the header, so opening takes about the same time whatever the size (under a millisecond
for the search index over ESCO nl), and the pages are the page cache's, read when first touched and shared by
every process that maps the same file. A file is never changed in place: it is written beside and renamed over
(:func:`~competence_bridge.files.atomic_file`) or unlinked, so a mapping keeps the bytes it was opened on.

Trust. Nothing read from such a file runs code: the header is JSON and the arrays are numbers of the dtypes in
:data:`DTYPES` (never objects). A file is refused (``None``) when its magic, version, header tag, key or size is
not the expected one, or when an array lies outside the file. The tag is an HMAC over the header only, so a file
written under another user's secret (copied, planted) is refused without reading its arrays; the arrays
themselves are not authenticated, because an HMAC over the whole file would read every page of it on every
open (~12 MB for ESCO nl), which is what mapping it avoids. What protects them is what protects every cache
entry: the cache directory and the file are the user's alone (:func:`competence_bridge.backends.cache.is_trusted`).
A damaged array can give wrong answers or an error, never run code.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import math
import mmap
import os
import struct
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from competence_bridge.backends import cache
from competence_bridge.files import atomic_file

#: The first bytes of every array file.
MAGIC = b"CBARRAY\n"
#: The layout's version; a file of another version is refused (and prepared again).
VERSION = 1
#: The dtypes an array may have (no object dtype ever).
DTYPES = frozenset({"|b1", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "<f4", "<f8"})
_FIXED = struct.Struct("<8sII32s")
_ALIGN = 64
_SEPARATOR = b"\0"


def write_arrays(path: Path, key: str, meta: dict[str, Any], arrays: Mapping[str, npt.NDArray[Any]]) -> bool:
    """Write *arrays* and *meta* to the cache entry *path* under *key*, atomically; False when the cache is not
    usable or the write fails (the cache only saves time)."""
    if cache.usable_dir(create=True) is None:
        return False
    table: list[tuple[str, str, list[int], int, int]] = []
    offset, laid = 0, []
    for name, array in arrays.items():
        data = np.ascontiguousarray(array)
        dtype = data.dtype.newbyteorder("<") if data.dtype.byteorder == ">" else data.dtype
        data = data.astype(dtype, copy=False)
        if dtype.str not in DTYPES:
            raise TypeError(f"array {name!r} has dtype {dtype.str}, not one of {sorted(DTYPES)}")
        offset = -(-offset // _ALIGN) * _ALIGN
        table.append((name, dtype.str, list(data.shape), offset, data.nbytes))
        laid.append((offset, data))
        offset += data.nbytes
    # the header names the file's size and the arrays' offsets, which depend on the header's own length
    header, start = b"", 0
    while True:  # the start only grows with the header's length, and the header's length with the start
        start, previous = -(-(_FIXED.size + len(header)) // _ALIGN) * _ALIGN, start
        if start == previous:
            break
        size = start + offset
        header = json.dumps({"key": key, "size": size, "meta": meta,
                             "arrays": [[n, d, s, start + o, b] for n, d, s, o, b in table]},
                            ensure_ascii=False, separators=(",", ":")).encode()
    tag = cache.signature(header)
    if tag is None:
        return False
    try:
        with atomic_file(path) as out:
            out.write(_FIXED.pack(MAGIC, VERSION, len(header), tag))
            out.write(header)
            written = _FIXED.size + len(header)
            for relative, data in laid:
                out.write(b"\0" * (start + relative - written))
                out.write(data.data if data.nbytes else b"")
                written = start + relative + data.nbytes
            out.write(b"\0" * (size - written))
    except OSError:
        return False
    cache.evict()
    return True


class ArrayFile:
    """An opened array file: its ``meta`` data and its ``arrays``, read-only views of the mapped file."""

    def __init__(self, meta: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> None:
        """The file's *meta* data and *arrays*."""
        self.meta, self.arrays = meta, arrays


def open_arrays(path: Path, key: str) -> ArrayFile | None:
    """The array file at *path* written under *key*; ``None`` when it is missing, not to be trusted, or not such a
    file (another key, version or size, a header signed by another secret, an array outside the file).

    A file that is the user's but wrong is deleted, so that it is written again.
    """
    if not cache.is_trusted(path):
        return None
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else None
    except (OSError, ValueError):
        return None
    opened = _parse(mapped, size, key) if mapped is not None else None
    if opened is None:
        if mapped is not None:
            with contextlib.suppress(BufferError):
                mapped.close()
        with contextlib.suppress(OSError):
            path.unlink()
    return opened


def _parse(mapped: mmap.mmap, size: int, key: str) -> ArrayFile | None:
    if size < _FIXED.size:
        return None
    magic, version, length, tag = _FIXED.unpack_from(mapped, 0)
    if magic != MAGIC or version != VERSION or _FIXED.size + length > size:
        return None
    header = mapped[_FIXED.size:_FIXED.size + length]
    expected = cache.signature(header)
    if expected is None or not cache.same_signature(tag, expected):
        return None
    try:
        parsed = json.loads(header)
        if parsed["key"] != key or parsed["size"] != size:
            return None
        arrays: dict[str, npt.NDArray[Any]] = {}
        for name, dtype, shape, offset, nbytes in parsed["arrays"]:
            kind = np.dtype(dtype)
            count = math.prod(shape)
            if (dtype not in DTYPES or offset < 0 or offset % _ALIGN or nbytes != count * kind.itemsize
                    or offset + nbytes > size):
                return None
            view = np.frombuffer(mapped, dtype=kind, count=count, offset=offset) if count else np.zeros(0, kind)
            arrays[name] = view.reshape(shape)
        return ArrayFile(parsed["meta"], arrays)
    except (KeyError, TypeError, ValueError):
        return None


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def pack_strings(texts: Iterable[str], arrays: dict[str, npt.NDArray[Any]], name: str, *,
                 lookup: bool = False) -> None:
    """Add the arrays of a :class:`Strings` table of *texts* to *arrays*, as *name*; *lookup*: with the hashes
    that find a string's number (:meth:`Strings.number`)."""
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    sizes = np.fromiter((len(data) + 1 for data in encoded), dtype=np.int64, count=len(encoded))
    arrays[f"{name}.blob"] = np.frombuffer(b"".join(data + _SEPARATOR for data in encoded), dtype=np.uint8)
    arrays[f"{name}.offsets"] = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    if lookup:
        hashes = np.fromiter((zlib.crc32(data) for data in encoded), dtype=np.uint32, count=len(encoded))
        order = np.argsort(hashes, kind="stable")
        arrays[f"{name}.hashes"] = hashes[order]
        arrays[f"{name}.order"] = order.astype(np.int32)


class Strings(Sequence[str]):
    """A table of strings in a mapped file: each string's UTF-8 bytes, followed by a NUL, in one blob.

    A string is decoded when asked for; :meth:`number` finds a string's position (with the hashes written for
    it), remembering the last strings looked up (at most :data:`MEMO`).
    """

    #: Look-ups remembered (emptied when full).
    MEMO = 1 << 15

    def __init__(self, arrays: Mapping[str, npt.NDArray[Any]], name: str) -> None:
        """The table *name* of *arrays* (see :func:`pack_strings`)."""
        self._blob = arrays[f"{name}.blob"].data
        self._offsets = arrays[f"{name}.offsets"].data
        hashes = arrays.get(f"{name}.hashes")
        self._hashes = hashes.data if hashes is not None else None
        self._order = arrays[f"{name}.order"].data if hashes is not None else None
        self._memo: dict[str, int] = {}
        self._all: list[str] | None = None

    def __len__(self) -> int:
        """The number of strings."""
        return len(self._offsets) - 1

    def __getitem__(self, number: int) -> str:  # type: ignore[override]  # (no slices)
        """The string *number*."""
        if self._all is not None:
            return self._all[number]
        if number < 0:
            number += len(self)
        return str(self._blob[self._offsets[number]:self._offsets[number + 1] - 1], "utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        """Every string, in order (decoded all at once, and kept)."""
        return iter(self.all())

    def all(self) -> list[str]:
        """Every string, in order: one decode of the blob, kept for the next call."""
        if self._all is None:
            text = str(self._blob, "utf-8", "surrogatepass")
            found = text.split("\0")[:-1]
            self._all = found if len(found) == len(self) else [self[n] for n in range(len(self))]
        return self._all

    def span(self, start: int, end: int) -> list[str]:
        """The strings *start* to *end* (excluded), decoded at once."""
        if self._all is not None:
            return self._all[start:end]
        if start >= end:
            return []
        text = str(self._blob[self._offsets[start]:self._offsets[end] - 1], "utf-8", "surrogatepass")
        found = text.split("\0")
        return found if len(found) == end - start else [self[n] for n in range(start, end)]

    def number(self, text: str) -> int:
        """The position of *text*, or -1 when the table does not have it (or was written without hashes)."""
        found = self._memo.get(text)
        if found is not None:
            return found
        hashes, order = self._hashes, self._order
        found = -1
        if hashes is not None and order is not None:
            code = _hash(text)
            at = bisect.bisect_left(hashes, code)
            while at < len(hashes) and hashes[at] == code:
                candidate = order[at]
                if self[candidate] == text:
                    found = candidate
                    break
                at += 1
        if len(self._memo) >= self.MEMO:
            self._memo.clear()
        self._memo[text] = found
        return found


class Numbers(Mapping[str, int]):
    """Each string of a :class:`Strings` table with its position: a dict's interface, no dict."""

    def __init__(self, strings: Strings) -> None:
        """The numbers of *strings*."""
        self.strings = strings

    def __getitem__(self, key: str) -> int:
        """The position of *key*; KeyError when the table does not have it."""
        number = self.strings.number(key) if isinstance(key, str) else -1
        if number < 0:
            raise KeyError(key)
        return number

    def get(self, key: str, default: Any = None) -> Any:
        """The position of *key*, or *default*."""
        number = self.strings.number(key) if isinstance(key, str) else -1
        return number if number >= 0 else default

    def __contains__(self, key: object) -> bool:
        """Whether the table has *key*."""
        return isinstance(key, str) and self.strings.number(key) >= 0

    def __iter__(self) -> Iterator[str]:
        """The strings, in order."""
        return iter(self.strings)

    def __len__(self) -> int:
        """The number of strings."""
        return len(self.strings)


class Values(Mapping[str, Any]):
    """A value per string of a :class:`Strings` table (an array, or any sequence), by string.

    *missing*, when given, is what a string the table does not have maps to (as a ``Counter`` gives 0), instead
    of a KeyError; *present* (a boolean array) keeps only some strings in the mapping.
    """

    def __init__(self, strings: Strings, values: Sequence[Any] | npt.NDArray[Any], *,
                 present: npt.NDArray[np.bool_] | None = None, missing: Any = None) -> None:
        """The *values* of *strings*, in their order."""
        self.strings, self._missing = strings, missing
        self._values = values.data if isinstance(values, np.ndarray) else values
        self._present = present.data if present is not None else None

    def _number(self, key: object) -> int:
        number = self.strings.number(key) if isinstance(key, str) else -1
        if number >= 0 and self._present is not None and not self._present[number]:
            return -1
        return number

    def __getitem__(self, key: str) -> Any:
        """The value of *key*; KeyError (or the *missing* value) when the table does not have it."""
        number = self._number(key)
        if number < 0:
            if self._missing is not None:
                return self._missing
            raise KeyError(key)
        return self._values[number]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of *key*, or *default*."""
        number = self._number(key)
        return self._values[number] if number >= 0 else default

    def __contains__(self, key: object) -> bool:
        """Whether *key* has a value."""
        return self._number(key) >= 0

    def __iter__(self) -> Iterator[str]:
        """The strings that have a value, in order."""
        present = self._present
        return (text for number, text in enumerate(self.strings) if present is None or present[number])

    def __len__(self) -> int:
        """How many strings have a value."""
        return len(self.strings) if self._present is None else sum(self._present)
