"""competence-bridge: qualifications, competences and job profiles across the Belgian-Dutch border.

>>> import competence_bridge
>>> bridge = competence_bridge.load()
>>> bridge.level("vks", "5").eqf.id
'eqf:5'

Submodules are imported on first use, so ``import competence_bridge`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from competence_bridge.bridge import Bridge, build_store, load
    from competence_bridge.reports.exercise import Exercise
    from competence_bridge.errors import (
        AmbiguousItemError,
        CompetenceBridgeError,
        Problem,
        TaxonomyError,
        UnknownFrameworkError,
        UnknownItemError,
    )
    from competence_bridge.curated.taxonomy import Taxonomy, read_taxonomy

#: Public name → module that defines it.
_EXPORTS = {
    "Bridge": "bridge",
    "load": "bridge",
    "build_store": "bridge",
    "Exercise": "reports.exercise",
    "AmbiguousItemError": "errors",
    "CompetenceBridgeError": "errors",
    "Problem": "errors",
    "TaxonomyError": "errors",
    "UnknownFrameworkError": "errors",
    "UnknownItemError": "errors",
    "Taxonomy": "curated.taxonomy",
    "read_taxonomy": "curated.taxonomy",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from competence_bridge.version import package_version

        return package_version()
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
