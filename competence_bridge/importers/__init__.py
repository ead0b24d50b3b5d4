"""Importers for the official data sets partners download: ESCO CSV, SBB XML, CBS BRC, Flemish BK records,
ESCO mapping tables of national classifications.

Each importer reads and validates a whole file into a :class:`Dataset` before anything touches a
graph (all-or-nothing), and raises :class:`~competence_bridge.errors.SourceFormatError` naming the
file and the line or element of the first problem. ``IMPORTERS`` maps the ``--with KIND:PATH``
kinds to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeAlias

if TYPE_CHECKING:  # the registry itself stays free of rdflib: the CLI reads it to check --with quickly
    from rdflib import Literal, URIRef

#: One triple an importer produces.
Triple: TypeAlias = "tuple[URIRef, URIRef, URIRef | Literal]"


class Dataset(Protocol):
    """What every importer returns: a validated, fully read source."""

    kind: str  # the IMPORTERS key
    path: Path  # the file (or directory) it was read from
    version: str | None  # the source's own version, when known (e.g. ESCO "1.2.0")

    def triples(self) -> Iterator[Triple]:
        """The dataset as RDF, in standard vocabularies first (ESCO, SKOS), ``cb:`` where needed."""
        ...

    def summary(self) -> dict[str, int]:
        """Counts of what was read, e.g. ``{"occupations": 3039}``."""
        ...


class Importer(NamedTuple):
    """One registered importer (a named tuple: the registry is made on every import of the package's importers)."""

    kind: str
    description: str
    module: str  # submodule defining ``read(path) -> Dataset``
    versioned: bool = False  # its datasets give ``concept_records()``, so two versions can be compared

    def read(self, path: str | Path) -> Dataset:
        """Read and validate *path*; raises ``SourceFormatError`` on bad input."""
        reader: Callable[[Path], Dataset] = import_module(f"{__name__}.{self.module}").read
        return reader(Path(path))

    def read_for_store(self, path: str | Path) -> Dataset:
        """:meth:`read`, for a load into a store, which needs only the statements: the module's ``read_for_store``
        when it has one (the same validation and errors, a lighter object with the same ``quads()``), else ``read``."""
        module = import_module(f"{__name__}.{self.module}")
        reader: Callable[[Path], Dataset] = getattr(module, "read_for_store", module.read)
        return reader(Path(path))


#: ``--with KIND:PATH`` kinds (besides ``yaml``), in the order they are documented.
IMPORTERS: dict[str, Importer] = {}


def register(kind: str, description: str, module: str, *, versioned: bool = False) -> None:
    """Add an importer to :data:`IMPORTERS` (*versioned*: its datasets can be compared across versions)."""
    IMPORTERS[kind] = Importer(kind, description, module, versioned)


register("esco", "an ESCO CSV export directory (any language), e.g. esco-nl-1.2.0/", "esco", versioned=True)
register("sbb", "an SBB kwalificatiedossier XML file", "sbb")
register("brc", "the CBS BRC 2014 - ISCO-08 table as CSV", "brc")
register("bk", "Flemish beroepskwalificatie records in the onderwijs-API JSON shape", "bk")
register("esco-mapping", "an official ESCO mapping table of a national classification (VDAB Competent, UWV) as CSV",
         "esco_mapping")
