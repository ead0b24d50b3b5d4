"""The SSSOM ``other`` slot as we write it (``key=value|key=value``), read without the mapping models.

>>> read_other("chain=vdab:OP-410 > esco-occupation:1aa4 > uwv:1000408265|rows=BLM_mapping.csv:5856,5857")
{'chain': 'vdab:OP-410 > esco-occupation:1aa4 > uwv:1000408265', 'rows': 'BLM_mapping.csv:5856,5857'}
"""

from __future__ import annotations


def read_other(text: str | None) -> dict[str, str]:
    """The ``key=value`` pairs of an ``other`` slot (parts without ``=`` are skipped; empty without a slot)."""
    if not text:
        return {}
    return dict(part.split("=", 1) for part in text.split("|") if "=" in part)
