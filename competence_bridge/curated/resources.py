"""Where the shipped taxonomies are; no heavy imports, so the CLI can ask cheaply."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def shipped_dir() -> Path:
    """Return the directory of the taxonomies shipped with the package.

    In an installed wheel they are package data (``competence_bridge/taxonomies``); in a
    source checkout used without installing, they are the repository's ``taxonomies/``.
    """
    packaged = Path(str(files("competence_bridge") / "taxonomies"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "taxonomies"


def shipped_files() -> list[Path]:
    """The shipped YAML files, sorted by name."""
    return sorted(shipped_dir().glob("*.yaml"))
