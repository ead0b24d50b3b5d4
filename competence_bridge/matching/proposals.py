"""Every curated item of one side translated, as one SSSOM mapping set of proposals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from competence_bridge.matching.results import Translation
from competence_bridge.matching.reviews import Reviews, apply_reviews
from competence_bridge.progress import track
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.sssom.mapping import Mapping, MappingSet
from competence_bridge.vocabulary import FLANDERS, OTHER_SIDE, PROPOSED_KINDS, Region

#: Metadata of every proposal set.
BASE_SET_ID = "https://w3id.org/competence-bridge/mappings/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def proposal_set(propose: Callable[[Item, str, int], Translation], table: ItemTable, *,
                 source_region: Region = FLANDERS,
                 kinds: Collection[str] = PROPOSED_KINDS, limit: int = 3, reviews: Reviews | None = None,
                 tool_version: str | None = None) -> MappingSet:
    """Translate (*propose*: item, region, limit → translation) every item of *table* of *source_region* and
    *kinds* and return the proposals as a mapping set."""
    to = OTHER_SIDE[source_region]
    items = sorted((item for item in table.items.values()
                    if item.region == source_region and item.kind in kinds), key=lambda item: item.id)
    mappings: list[Mapping] = []
    for item in track(items, f"vertalen {source_region} → {to}"):
        translation = propose(item, to, limit)
        if reviews is not None:
            translation = apply_reviews(translation, reviews, table)
        mappings.extend(candidate.to_mapping(item) for candidate in translation.candidates)
    return MappingSet(
        mapping_set_id=f"{BASE_SET_ID}{source_region.lower()}-to-{to.lower()}",
        mapping_set_title=f"competence-bridge proposals {source_region} → {to}",
        license=LICENSE,
        subject_source=f"competence-bridge taxonomies ({source_region})", object_source=f"competence-bridge ({to})",
        mapping_date=dt.date.today(), mapping_tool="competence-bridge", mapping_tool_version=tool_version,
        mappings=tuple(mappings))
