"""A translator for a loaded graph: its item table with the curated settings, terms and false friends."""

from __future__ import annotations

from competence_bridge.curated.taxonomy import Taxonomy
from competence_bridge.errors import CompetenceBridgeError
from competence_bridge.matching.lexical import TermLayer
from competence_bridge.matching.recognitions import Recognitions
from competence_bridge.matching.translate import FalseFriendRule, Settings, Translator
from competence_bridge.rdf.items import ItemTable


def new_translator(table: ItemTable, taxonomy: Taxonomy, recognitions: Recognitions) -> Translator:
    """A translator over *table* with the last matching settings of *taxonomy* (unprepared: see ``prepare``).

    :raises CompetenceBridgeError: when no matching settings are loaded
    """
    if not taxonomy.matching:
        raise CompetenceBridgeError("no matching settings are loaded (taxonomies/matching.yaml)")
    settings = Settings(**taxonomy.matching[-1].model_dump(exclude={"id"}))
    terms = TermLayer((pair.id, pair.be, pair.nl, pair.relation) for pair in taxonomy.term_pairs)
    friends = [FalseFriendRule(f.id, f.be, f.nl, f.action, f.warning.nl, f.warning.en) for f in taxonomy.false_friends]
    return Translator(table, settings=settings, terms=terms, false_friends=friends,
                      describe_level=recognitions.describe_level, recognitions=recognitions.from_item)
