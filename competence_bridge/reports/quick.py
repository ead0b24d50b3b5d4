"""One-off level and recognition answers straight from a disk store: no rdflib, no compiled taxonomy.

``competence-bridge levels vks 5 --store DIR`` is a couple of SPARQL questions. Asked through a full
:class:`~competence_bridge.bridge.Bridge` it pays for importing rdflib and the matching layer first;
these functions open the store's data with pyoxigraph alone (:func:`~competence_bridge.backends.manifest.open_native`)
and build the same reports as ``Bridge.level`` and ``Bridge.recognitions``.
"""

from __future__ import annotations

from pathlib import Path

from competence_bridge.backends.manifest import open_native
from competence_bridge.rdf.catalog import Catalog
from competence_bridge.rdf.queries import NativeQueries
from competence_bridge.reports.levels import LevelReport, RecognitionReport, level_report, recognition_report


def store_catalog(location: str | Path) -> Catalog:
    """The catalogue (levels, types, recognitions) of the store in *location*, read with pyoxigraph alone.

    :raises StoreError: when *location* is not a store
    """
    return Catalog(NativeQueries(open_native(location)))


def level_in_store(location: str | Path, framework: str, level: str) -> LevelReport:
    """``Bridge.level(framework, level)`` against a store, quickly (see the module docstring)."""
    return level_report(store_catalog(location), framework, level)


def recognitions_in_store(location: str | Path, item: str) -> RecognitionReport:
    """``Bridge.recognitions(item)`` against a store, quickly (see the module docstring)."""
    return recognition_report(store_catalog(location), item)
