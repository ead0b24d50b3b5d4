"""competence-bridge: qualifications, competences and job profiles across the Belgian-Dutch border.

>>> import competence_bridge
>>> bridge = competence_bridge.load()
>>> bridge.level("vks", "5").eqf.id
'eqf:5'

The public API is :data:`__all__`: the :class:`Bridge` facade and :func:`load` / :func:`build_store`,
the result types its methods return, SSSOM mappings and their I/O, the translation
:class:`Exercise` and every error class (one tree, see :mod:`competence_bridge.errors`).
Names are imported on first use, so ``import competence_bridge`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from competence_bridge.backends.inputs import Inputs
    from competence_bridge.backends.store import StoreManifest
    from competence_bridge.bridge import Bridge, build_store, load
    from competence_bridge.curated.taxonomy import Taxonomy, read_taxonomy
    from competence_bridge.errors import (
        AmbiguousItemError,
        CompetenceBridgeError,
        EndpointError,
        ExerciseError,
        MappingRdfError,
        MissingExtraError,
        OutputError,
        Problem,
        ReviewError,
        SourceFormatError,
        StoreError,
        TaxonomyError,
        UnknownFrameworkError,
        UnknownItemError,
        UnknownLanguageError,
        UnsafeTermError,
        UsageError,
    )
    from competence_bridge.importers.versions import VersionDiff, diff_files
    from competence_bridge.matching.evaluate import Scores
    from competence_bridge.matching.results import Candidate, Hop, LevelComparison, Translation
    from competence_bridge.matching.search import SearchHit, SearchResult
    from competence_bridge.rdf.items import CompetenceItem, Item
    from competence_bridge.reports.exercise import Exercise, ExerciseProgress, Proposal
    from competence_bridge.reports.gap import CompetenceMatch, GapReport, Verdict
    from competence_bridge.reports.levels import LevelReport, RecognitionLine, RecognitionReport
    from competence_bridge.sssom.mapping import Mapping, MappingSet
    from competence_bridge.sssom.tsv import read_sssom, write_sssom

#: Public name → module that defines it.
_EXPORTS = {
    "Bridge": "bridge", "load": "bridge", "build_store": "bridge",
    "Inputs": "backends.inputs", "StoreManifest": "backends.store",
    "Taxonomy": "curated.taxonomy", "read_taxonomy": "curated.taxonomy",
    "Translation": "matching.results", "Candidate": "matching.results", "Hop": "matching.results",
    "LevelComparison": "matching.results",
    "SearchResult": "matching.search", "SearchHit": "matching.search",
    "Scores": "matching.evaluate",
    "Item": "rdf.items", "CompetenceItem": "rdf.items",
    "LevelReport": "reports.levels", "RecognitionReport": "reports.levels", "RecognitionLine": "reports.levels",
    "GapReport": "reports.gap", "CompetenceMatch": "reports.gap", "Verdict": "reports.gap",
    "Exercise": "reports.exercise", "Proposal": "reports.exercise", "ExerciseProgress": "reports.exercise",
    "VersionDiff": "importers.versions", "diff_files": "importers.versions",
    "Mapping": "sssom.mapping", "MappingSet": "sssom.mapping",
    "read_sssom": "sssom.tsv", "write_sssom": "sssom.tsv",
    **dict.fromkeys([
        "CompetenceBridgeError", "Problem", "TaxonomyError", "SourceFormatError", "UnknownItemError",
        "UnknownFrameworkError", "AmbiguousItemError", "UnknownLanguageError", "ReviewError", "ExerciseError",
        "MappingRdfError", "OutputError", "StoreError", "EndpointError", "UnsafeTermError", "UsageError",
        "MissingExtraError"],
        "errors"),
}

__all__ = [
    "AmbiguousItemError", "Bridge", "Candidate", "CompetenceBridgeError", "CompetenceItem", "CompetenceMatch",
    "EndpointError", "Exercise", "ExerciseError", "ExerciseProgress", "GapReport", "Hop", "Inputs", "Item",
    "LevelComparison", "LevelReport", "Mapping", "MappingRdfError", "MappingSet", "MissingExtraError", "OutputError",
    "Problem", "Proposal",
    "RecognitionLine", "RecognitionReport", "ReviewError", "Scores", "SearchHit", "SearchResult",
    "SourceFormatError", "StoreError", "StoreManifest", "Taxonomy", "TaxonomyError", "Translation",
    "UnknownFrameworkError", "UnknownItemError", "UnknownLanguageError", "UnsafeTermError", "UsageError", "Verdict",
    "VersionDiff", "__version__", "build_store", "diff_files", "load", "read_sssom", "read_taxonomy", "write_sssom",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from competence_bridge.version import package_version

        return package_version()
    if name in _EXPORTS:
        value = getattr(import_module(f"competence_bridge.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
