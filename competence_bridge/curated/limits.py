"""The caps on hostile or broken input and on shared resources, from the shipped ``taxonomies/limits.yaml``.

Kept apart from the taxonomy's models so a one-off lookup that only needs a cap (the longest query) reads it
without importing and building every curated model.
"""

from __future__ import annotations

import functools
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from competence_bridge.curated.reading import read_document, validated
from competence_bridge.curated.resources import shipped_dir
from competence_bridge.errors import CompetenceBridgeError, Problem, TaxonomyError

#: The shipped file that holds the caps of :func:`limits`.
LIMITS_FILE = "limits.yaml"
#: Caps for reading ``limits.yaml`` itself, before the limits are known.
_BOOTSTRAP_BYTES, _BOOTSTRAP_DEPTH = 1 << 20, 8
_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)

_Positive = Annotated[int, Field(gt=0)]


class Limits(BaseModel):
    """Caps on hostile or broken input and on shared resources: data, so they change without code.

    Only the shipped ``taxonomies/limits.yaml`` sets them; readers refuse more with an error that
    names the cap.
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
    """What :func:`limits` reads of the shipped limits file; its other sections, if any, are validated with the
    rest of the curated data (:func:`competence_bridge.curated.taxonomy.read_taxonomy`)."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    limits: Limits | None = None


@functools.cache
def limits() -> Limits:
    """The caps in force: the ``limits`` section of the shipped ``taxonomies/limits.yaml``, validated.

    :raises TaxonomyError: when the file is missing its section or does not validate
    """
    path = shipped_dir() / LIMITS_FILE
    data, locator = read_document(path, _BOOTSTRAP_BYTES, _BOOTSTRAP_DEPTH, ("limits",))
    found = validated(_LimitsSection, data, locator).limits
    if found is None:
        raise TaxonomyError([Problem(str(path), None, None, "limits", "the shipped limits file has no limits section")])
    return found


def check_query_length(text: str) -> None:
    """Refuse a search or translation text longer than ``query_chars`` (``taxonomies/limits.yaml``).

    :raises CompetenceBridgeError: saying the length and the limit
    """
    cap = limits().query_chars
    if len(text) > cap:
        raise CompetenceBridgeError(f"the text is {len(text):,} characters long; the limit is {cap:,} "
                                    "(query_chars in taxonomies/limits.yaml)")
