"""One validation problem, located: what :class:`~competence_bridge.errors.TaxonomyError` lists.

Kept apart from :mod:`competence_bridge.errors` (which gives it as ``errors.Problem``, imported when first
asked for) because it is a dataclass: every load imports the errors, and only a load that reports a problem
need import ``dataclasses`` (with ``inspect``, ~7 ms).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One validation problem, located in a file as precisely as the YAML allows."""

    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.entry:
            parts.append(f"entry {self.entry!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts) + f": {self.message}"
