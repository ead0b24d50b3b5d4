"""A store's manifest, and opening a store's data with pyoxigraph alone (no rdflib): the quick path.

A store is a directory holding ``manifest.json`` (what was loaded, when, by which version) and
``oxigraph/`` (the RocksDB files); :mod:`competence_bridge.backends.store` builds them. A one-off
CLI lookup (``levels vks 5 --store DIR``) needs neither rdflib nor the compiled taxonomy: it opens
the data read-only with :func:`open_native` and asks its few SPARQL questions directly.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from competence_bridge.errors import StoreError

#: The manifest's file name inside a store directory.
MANIFEST = "manifest.json"
#: The subdirectory with Oxigraph's files.
DATA = "oxigraph"
#: ``format`` value of every manifest, and the manifest layout version this code reads and writes.
FORMAT, FORMAT_VERSION = "competence-bridge-store", 1

@dataclass(frozen=True)
class StoreManifest:
    """What a store holds: written by :func:`build_store`, read by :func:`store_manifest`."""

    package_version: str
    oxigraph_version: str
    built_at: str
    build_seconds: float
    triples: int
    inputs: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    @property
    def yaml_files(self) -> list[Path]:
        """The curated YAML files the store was compiled from (``Bridge(taxonomy_files=...)`` needs them)."""
        return [Path(entry["path"]) for entry in self.inputs if entry.get("kind") == "yaml"]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in ``manifest.json``."""
        data = asdict(self)
        data["inputs"] = list(self.inputs)
        return data


def store_manifest(directory: str | Path) -> StoreManifest:
    """The manifest of the store in *directory*.

    :raises StoreError: when *directory* is not a competence-bridge store or was written by a newer version
    """
    root = Path(directory)
    path = root / MANIFEST
    hint = f"; build one with: competence-bridge store build {root}"
    if not root.is_dir():
        raise StoreError(f"{root}: no such store directory{hint}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{root}: not a competence-bridge store (no {MANIFEST}){hint}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreError(f"{path}: unreadable store manifest: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{path}: not a competence-bridge store manifest{hint}")
    if data.get("format_version") != FORMAT_VERSION:
        raise StoreError(f"{path}: store format {data.get('format_version')!r} is not supported "
                         f"(this version reads {FORMAT_VERSION}){hint}")
    known = {f.name for f in fields(StoreManifest)}  # newer writers may add fields: ignore them
    try:
        return StoreManifest(**{key: value for key, value in data.items() if key in known - {"inputs"}},
                             inputs=tuple(data.get("inputs", ())))
    except TypeError as error:
        raise StoreError(f"{path}: malformed store manifest: {error}") from None


def open_native(directory: str | Path) -> Any:
    """The store's data as a read-only ``pyoxigraph.Store`` (after checking the manifest).

    :raises StoreError: when *directory* is not a store or its files cannot be opened
    """
    import pyoxigraph as ox

    store_manifest(directory)
    path = Path(directory) / DATA
    if not path.is_dir():
        raise StoreError(f"{directory}: the store has a manifest but no {DATA}/ directory; build it again")
    try:
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise StoreError(f"{directory}: cannot open the store: {error}") from None


def checked_store(directory: str | Path) -> Path:
    """The data directory of the store in *directory*, once its manifest reads and the directory is there.

    :raises StoreError: when *directory* is not a store
    """
    store_manifest(directory)
    path = Path(directory) / DATA
    if not path.is_dir():
        raise StoreError(f"{directory}: the store has a manifest but no {DATA}/ directory; build it again")
    return path
