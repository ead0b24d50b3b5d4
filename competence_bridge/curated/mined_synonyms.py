"""Word synonyms mined from official labels, as shipped in ``taxonomies/mined-synonyms.yaml``.

``benchmarks/mine_synonyms.py`` writes the file: two labels of one ESCO occupation (of the *train* split only)
that differ in just one word or compound part pair those two words; a pair is kept when enough occupations pair
them (``minimum_support``) and often enough against how common the rarer word is (``minimum_share``). Search
reads them as a weaker synonym than a curated term pair (``mined_synonym_factor`` in ``taxonomies/matching.yaml``);
translation never does. Each pair keeps its provenance: the data (``source``), the ``split`` and its counts.

>>> entry = MinedSynonyms.model_validate({"id": "mined:example", "source": "ESCO 1.2.0 nl", "split": "train",
...     "minimum_support": 2, "minimum_share": 0.1, "mined_by": "example", "chosen_on": "example",
...     "pairs": [{"words": ["bediener", "operator"], "support": 83, "share": 0.7}]})
>>> entry.pairs[0].words, entry.pairs[0].support
(('bediener', 'operator'), 83)
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # validators built on first use (see models)
#: A folded word: lower-case letters only (what the analyser compares).
_Word = Annotated[str, Field(pattern=r"^[a-z]{3,}$")]
#: The id of an entry, a CURIE (the pattern of ``competence_bridge.curated.models.Curie``).
_Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*:[A-Za-z0-9][A-Za-z0-9._-]*$")]
_Line = Annotated[str, Field(min_length=1, pattern=r"^\S(.*\S)?$")]


class MinedPair(BaseModel):
    """Two words that name the same thing in labels of one concept, with how often that was seen."""

    model_config = _FROZEN

    words: tuple[_Word, _Word] = Field(description="The two words, folded, in alphabetical order.")
    support: int = Field(ge=1, description="Concepts of the split whose labels differ in just these two words.")
    crosswalk: int = Field(default=0, ge=0, description="Of those, concepts where one of the two labels was a "
                                                        "national label an official crosswalk maps exactly.")
    share: float = Field(gt=0, le=1, description="Support over the concepts whose labels hold the rarer word.")

    @model_validator(mode="after")
    def _two_words(self) -> MinedPair:
        if self.words[0] >= self.words[1]:
            raise ValueError(f"words must be two different words in alphabetical order, not {list(self.words)}")
        if self.crosswalk > self.support:
            raise ValueError(f"crosswalk ({self.crosswalk}) cannot exceed support ({self.support})")
        return self


class MinedSynonyms(BaseModel):
    """One set of mined word pairs: where they come from, how they were kept, and the pairs."""

    model_config = _FROZEN

    id: _Id
    source: _Line = Field(description="The data the pairs were mined from, as explanations name it "
                                      "('ESCO 1.2.0 nl').")
    split: Literal["train"] = Field(description="The split of the concepts mined (never a benchmark's dev or test).")
    minimum_support: int = Field(ge=1, description="Every pair's support is at least this.")
    minimum_share: float = Field(ge=0, le=1, description="Every pair's share is at least this.")
    mined_by: _Line = Field(description="The script and rule that mined the pairs.")
    chosen_on: _Line = Field(description="The data and split the thresholds (and the search factor) were chosen on.")
    pairs: tuple[MinedPair, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _kept_as_said(self) -> MinedSynonyms:
        errors: list[InitErrorDetails] = []
        seen: set[tuple[str, str]] = set()
        for number, pair in enumerate(self.pairs):
            if pair.support < self.minimum_support:
                errors.append(_error(number, "support", pair.support,
                                     f"support {pair.support} lies below minimum_support {self.minimum_support}"))
            if pair.share < self.minimum_share:
                errors.append(_error(number, "share", pair.share,
                                     f"share {pair.share} lies below minimum_share {self.minimum_share}"))
            if pair.words in seen:
                errors.append(_error(number, "words", list(pair.words),
                                     f"duplicate pair {pair.words[0]} ~ {pair.words[1]}"))
            seen.add(pair.words)
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self


def _error(number: int, field: str, value: object, message: str) -> InitErrorDetails:
    """A validation error located at one field of pair *number*."""
    return InitErrorDetails(type=PydanticCustomError("mined_pair", message), loc=("pairs", number, field), input=value)
