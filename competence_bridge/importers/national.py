"""The national classifications the ESCO mapping tables link to (VDAB Competent, UWV occupations): their CURIE
prefixes, regions and code shapes.

Apart from the table importer (:mod:`competence_bridge.importers.esco_mapping`), so that translation can tell
which classification a concept belongs to without loading the importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from competence_bridge.vocabulary import FLANDERS, NETHERLANDS, Region


@dataclass(frozen=True)
class NationalClassification:
    """A national classification this importer recognises on the "Classification 2" side of a table."""

    key: str
    prefix: str  # CURIE prefix of its concepts (see :mod:`competence_bridge.rdf.curies`)
    region: Region
    publisher: str
    title_nl: str
    title_en: str
    markers: tuple[str, ...]  # lower-case text of the Classification 2 name or landing page that names it
    code: re.Pattern[str]  # what its "Classification 2 ID" looks like


NATIONAL_CLASSIFICATIONS: tuple[NationalClassification, ...] = (
    NationalClassification("vdab-competent", "vdab", FLANDERS, "VDAB", "VDAB Competent", "VDAB Competent",
                           ("competent", "vdab"), re.compile(r"[A-Z]{2}-\d{1,6}\Z")),
    NationalClassification("uwv", "uwv", NETHERLANDS, "UWV", "UWV-beroepen", "UWV occupations (Dutch NOC)",
                           ("dutch noc", "uwv"), re.compile(r"\d{1,12}\Z")),
)

def classification_of(curie: str) -> NationalClassification | None:
    """The national classification a concept CURIE such as ``vdab:OP-410`` belongs to, if any."""
    prefix = curie.partition(":")[0]
    return next((c for c in NATIONAL_CLASSIFICATIONS if c.prefix == prefix), None)
