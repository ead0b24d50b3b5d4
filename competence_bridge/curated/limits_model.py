"""The caps of ``taxonomies/limits.yaml`` as a pydantic model: every error located (file, line, field).

:func:`competence_bridge.curated.limits.limits` reads the shipped file without it when the file is in
its plain shape and every cap within bounds (pydantic costs ~0.1 s to import); this model reads it
otherwise, and validates the ``limits`` section of any taxonomy file read with the curated data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from competence_bridge.curated.limits import BOOTSTRAP_BYTES, BOOTSTRAP_DEPTH, Limits
from competence_bridge.curated.reading import read_document, validated
from competence_bridge.errors import Problem, TaxonomyError

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)

_Positive = Annotated[int, Field(gt=0)]


class LimitsModel(BaseModel):
    """Caps on hostile or broken input and on shared resources: data, so they change without code.

    Only the shipped ``taxonomies/limits.yaml`` sets them; readers refuse more with an error that
    names the cap. The bounds are those of :data:`competence_bridge.curated.limits.BOUNDS`.
    """

    model_config = _FROZEN

    yaml_file_bytes: _Positive = Field(description="Largest curated YAML file read.")
    yaml_depth: _Positive = Field(description="Deepest nesting of lists and mappings in a YAML document.")
    json_file_bytes: _Positive = Field(description="Largest JSON file read (BK records).")
    json_depth: _Positive = Field(description="Deepest nesting of arrays and objects in a JSON file.")
    xml_file_bytes: _Positive = Field(description="Largest XML file read (SBB dossiers).")
    csv_file_bytes: _Positive = Field(description="Largest CSV or TSV file read (ESCO, BRC, SSSOM), each.")
    cell_chars: _Positive = Field(description="Longest cell of a CSV or TSV file, in characters.")
    endpoint_answer_bytes: _Positive = Field(description="Largest answer read from a SPARQL endpoint.")
    endpoint_answer_seconds: _Positive = Field(description="Longest time one endpoint answer may take, in total.")
    endpoint_redirects: int = Field(ge=0, le=20, description="Redirects followed for one request (same origin).")
    cache_bytes: _Positive = Field(description="Size of the cache directory above which the oldest entries go.")
    review_lock_seconds: _Positive = Field(description="Longest wait for another process saving a review file.")
    query_chars: int = Field(ge=100, description="Longest text a search or translation takes (at least 100).")
    analysed_text_chars: _Positive = Field(description="Longest text (label, statement, query) analysed for matching.")
    analysed_word_chars: _Positive = Field(description="Longest word split into compound parts or spelt fuzzily.")
    query_words: _Positive = Field(description="Most words of a search query analysed; the rest are not read.")


class _LimitsSection(BaseModel):
    """What :func:`read_limits` reads of the shipped limits file; its other sections, if any, are validated with the
    rest of the curated data (:func:`competence_bridge.curated.taxonomy.read_taxonomy`)."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    limits: LimitsModel | None = None


def read_limits(path: Path) -> Limits:
    """The ``limits`` section of *path*, validated.

    :raises TaxonomyError: when the file is missing its section or does not validate
    """
    data, locator = read_document(path, BOOTSTRAP_BYTES, BOOTSTRAP_DEPTH, ("limits",))
    found = validated(_LimitsSection, data, locator).limits
    if found is None:
        raise TaxonomyError([Problem(str(path), None, None, "limits", "the shipped limits file has no limits section")])
    return Limits(**found.model_dump())
