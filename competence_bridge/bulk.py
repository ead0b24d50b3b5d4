"""Helpers for bulk work on millions of small objects (importing, compiling, reading caches)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during bulk construction (about 3x faster).

    >>> with paused_gc():
    ...     rows = [(n, str(n)) for n in range(3)]
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
