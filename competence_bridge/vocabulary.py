"""The controlled values of the package, once: regions, item kinds, SKOS predicates, justifications, formats.

Every module takes these names from here instead of repeating the strings; the ``Literal`` types
let mypy check them and the tuples feed the CLI's choices and the validators.

>>> OTHER_SIDE["BE-VLG"]
'NL'
>>> "job-profile" in ITEM_KINDS
True
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias, get_args

#: Regions we model, as ISO 3166-2 / 3166-1 codes: Flanders and the Netherlands.
Region: TypeAlias = Literal["BE-VLG", "NL"]
REGIONS: Final[tuple[Region, ...]] = get_args(Region)
FLANDERS: Final[Region] = "BE-VLG"
NETHERLANDS: Final[Region] = "NL"

#: The region on the other side of the border.
OTHER_SIDE: Final[dict[str, Region]] = {FLANDERS: NETHERLANDS, NETHERLANDS: FLANDERS}

#: The framework each region's levels are taken from.
REGION_FRAMEWORK: Final[dict[str, str]] = {FLANDERS: "vks", NETHERLANDS: "nlqf"}

#: What a translatable or searchable item is.
ItemKind: TypeAlias = Literal["qualification", "job-profile", "qualification-type", "competence", "occupation"]
ITEM_KINDS: Final[tuple[ItemKind, ...]] = get_args(ItemKind)

#: Kinds that translate (competences are compared inside gap reports instead); "text" is free text.
TranslatableKind: TypeAlias = Literal["qualification", "job-profile", "qualification-type", "occupation"]
TRANSLATABLE_KINDS: Final[tuple[TranslatableKind, ...]] = get_args(TranslatableKind)
SourceKind: TypeAlias = Literal["qualification", "job-profile", "qualification-type", "occupation", "text"]

#: The kinds a mapping set translates by default: what a counsellor asks about.
PROPOSED_KINDS: Final[tuple[ItemKind, ...]] = ("qualification", "job-profile", "qualification-type")

#: SKOS mapping predicates, as SSSOM ``predicate_id`` CURIEs, strongest first.
Predicate: TypeAlias = Literal[
    "skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch"
]
PREDICATES: Final[tuple[Predicate, ...]] = get_args(Predicate)
EXACT: Final[Predicate] = "skos:exactMatch"
CLOSE: Final[Predicate] = "skos:closeMatch"
BROAD: Final[Predicate] = "skos:broadMatch"
NARROW: Final[Predicate] = "skos:narrowMatch"
RELATED: Final[Predicate] = "skos:relatedMatch"

#: Composition of SKOS relations along a chain (a ∘ b) where the general rule below does not say it: two hops the
#: same way up or down keep their direction.
_CHAIN: Final[dict[tuple[str, str], Predicate]] = {(EXACT, EXACT): EXACT, (BROAD, BROAD): BROAD,
                                                   (NARROW, NARROW): NARROW}


def compose(first: str, second: str) -> str:
    """The predicate of a two-hop chain, e.g. ``exact ∘ broad = broad``: exact is neutral, close weakens, and
    broad followed by narrow only says "related".

    >>> compose("skos:exactMatch", "skos:broadMatch")
    'skos:broadMatch'
    >>> compose("skos:broadMatch", "skos:narrowMatch")
    'skos:relatedMatch'
    """
    if (first, second) in _CHAIN:
        return _CHAIN[(first, second)]
    if first == EXACT:
        return second if second != EXACT else first
    if second == EXACT:
        return first
    if CLOSE in (first, second) and RELATED not in (first, second):
        other = second if first == CLOSE else first
        return other if other != CLOSE else CLOSE
    return RELATED


def invert(predicate: str) -> str:
    """The predicate read from the object's side."""
    flipped: dict[str, str] = {BROAD: NARROW, NARROW: BROAD}
    return flipped.get(predicate, predicate)


#: SEMAPV justifications we produce or accept.
Justification: TypeAlias = Literal[
    "semapv:LexicalMatching",
    "semapv:LexicalSimilarityThresholdMatching",
    "semapv:SemanticSimilarityThresholdMatching",
    "semapv:CompositeMatching",
    "semapv:MappingChaining",
    "semapv:ManualMappingCuration",
    "semapv:MappingReview",
    "semapv:UnspecifiedMatching",
]
JUSTIFICATIONS: Final[tuple[Justification, ...]] = get_args(Justification)

#: Review decisions, and the status a decision gives a mapping.
Decision: TypeAlias = Literal["accept", "reject", "unsure"]
DECISIONS: Final[tuple[Decision, ...]] = get_args(Decision)
ReviewStatus: TypeAlias = Literal["accepted", "rejected", "unsure"]

#: Languages results are rendered in.
Lang: TypeAlias = Literal["nl", "en"]
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)

#: RDF serialisations the package reads and writes.
RdfFormat: TypeAlias = Literal["ttl", "nt", "jsonld"]
RDF_FORMATS: Final[tuple[RdfFormat, ...]] = get_args(RdfFormat)
