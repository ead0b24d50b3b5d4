"""What the cache holds, as :func:`~competence_bridge.backends.cache.cache_info` and ``clear_cache`` report it.

Kept apart from :mod:`competence_bridge.backends.cache` because it is a dataclass: every load uses the cache, and
only these reports need import ``dataclasses`` (with ``inspect``, ~7 ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CacheInfo:
    """What the cache holds: its directory, whether it is used, its entries and their size against the cap."""

    directory: Path
    usable: bool
    entries: int
    bytes: int
    cap: int

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"directory": str(self.directory), "usable": self.usable, "entries": self.entries,
                "bytes": self.bytes, "cap": self.cap}
