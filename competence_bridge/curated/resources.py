"""Where the shipped taxonomies are; no heavy imports, so the CLI can ask cheaply.

The package directory is found from this module's own file, not with ``importlib.resources``, whose
import (``tempfile``, ``zipfile`` and their dependencies) costs about as much as reading the taxonomies
it would locate; the package is always installed as files (the taxonomies are read as files).
"""

from __future__ import annotations

from pathlib import Path


def shipped_dir() -> Path:
    """Return the directory of the taxonomies shipped with the package.

    In an installed wheel they are package data (``competence_bridge/taxonomies``); in a
    source checkout used without installing, they are the repository's ``taxonomies/``.
    """
    packaged = Path(__file__).resolve().parents[1] / "taxonomies"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "taxonomies"


def shipped_files() -> list[Path]:
    """The shipped YAML files, sorted by name."""
    return sorted(shipped_dir().glob("*.yaml"))
