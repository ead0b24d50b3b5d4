"""The caps on hostile or broken input and on shared resources, from the shipped ``taxonomies/limits.yaml``.

Kept apart from the taxonomy's models so a one-off lookup or a load that only needs a cap (the longest
query, the largest CSV file) reads it without importing and building every curated model, and, when the
file is in its plain shape (a ``limits:`` line, then one ``  name: digits`` line per cap) with every cap
present and within bounds, without YAML or pydantic either. Any other file is read by the pydantic model
(:mod:`competence_bridge.curated.limits_model`), which accepts what YAML and pydantic accept and locates
every error.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from competence_bridge.curated.resources import shipped_dir
from competence_bridge.errors import CompetenceBridgeError, SourceFormatError
from competence_bridge.files import read_capped

#: The shipped file that holds the caps of :func:`limits`.
LIMITS_FILE = "limits.yaml"
#: Caps for reading ``limits.yaml`` itself, before the limits are known.
BOOTSTRAP_BYTES, BOOTSTRAP_DEPTH = 1 << 20, 8


class Limits(NamedTuple):
    """Caps on hostile or broken input and on shared resources: data, so they change without code.

    Only the shipped ``taxonomies/limits.yaml`` sets them; readers refuse more with an error that
    names the cap. What each one caps: :class:`~competence_bridge.curated.limits_model.LimitsModel`.
    A named tuple, not a dataclass: every load reads the caps, and a tuple class is made in a quarter of the time.
    """

    yaml_file_bytes: int
    yaml_depth: int
    json_file_bytes: int
    json_depth: int
    xml_file_bytes: int
    csv_file_bytes: int
    cell_chars: int
    endpoint_answer_bytes: int
    endpoint_answer_seconds: int
    endpoint_redirects: int
    cache_bytes: int
    review_lock_seconds: int
    query_chars: int
    analysed_text_chars: int
    analysed_word_chars: int
    query_words: int

    def model_copy(self, *, update: dict[str, int]) -> Limits:
        """A copy with the caps in *update* changed (as pydantic models copy; for tests)."""
        return self._replace(**update)


#: The least and the most each cap may be (None: no upper bound); the model checks the same.
BOUNDS: dict[str, tuple[int, int | None]] = dict.fromkeys(Limits._fields, (1, None)) | {
    "endpoint_redirects": (0, 20), "query_chars": (100, None)}
#: The plain shape: YAML reads each line as one cap and a decimal int (no sign, no leading zero: not octal).
_PLAIN = re.compile(r"limits:\n(?:  [a-z_]+: (?:0|[1-9][0-9]*)\n)+\Z")


@functools.cache
def limits() -> Limits:
    """The caps in force: the ``limits`` section of the shipped ``taxonomies/limits.yaml``, validated.

    :raises TaxonomyError: when the file is missing its section or does not validate
    """
    path = shipped_dir() / LIMITS_FILE
    try:
        text = read_capped(path, BOOTSTRAP_BYTES, limit_name="yaml_file_bytes").decode("utf-8")
    except (SourceFormatError, UnicodeDecodeError):
        text = ""  # the model's reader says what is wrong
    caps = _plain_caps(text)
    if caps is not None:
        return caps
    from competence_bridge.curated.limits_model import read_limits

    return read_limits(path)


def _plain_caps(text: str) -> Limits | None:
    """The caps of a file in the plain shape with every cap once and within bounds; else None."""
    if not _PLAIN.match(text):
        return None
    values: dict[str, int] = {}
    for line in text.splitlines()[1:]:
        name, _, number = line.strip().partition(": ")
        values.setdefault(name, int(number))
    if len(values) != len(text.splitlines()) - 1 or values.keys() != BOUNDS.keys():
        return None  # a cap twice, unknown or missing
    for name, value in values.items():
        least, most = BOUNDS[name]
        if value < least or (most is not None and value > most):
            return None
    return Limits(**values)


def check_query_length(text: str) -> None:
    """Refuse a search or translation text longer than ``query_chars`` (``taxonomies/limits.yaml``).

    :raises CompetenceBridgeError: saying the length and the limit
    """
    cap = limits().query_chars
    if len(text) > cap:
        raise CompetenceBridgeError(f"the text is {len(text):,} characters long; the limit is {cap:,} "
                                    "(query_chars in taxonomies/limits.yaml)")
