"""A translator for a loaded graph: its item table with the curated settings, vocabulary and false friends."""

from __future__ import annotations

from competence_bridge.curated.taxonomy import Taxonomy
from competence_bridge.matching.recognitions import RecognitionBook, Recognitions
from competence_bridge.matching.settings import settings_of, vocabulary_of
from competence_bridge.matching.translate import FalseFriendRule, Translator
from competence_bridge.rdf.curies import compress
from competence_bridge.rdf.items import ItemTable


def new_translator(table: ItemTable, taxonomy: Taxonomy, recognitions: Recognitions) -> Translator:
    """A translator over *table* with the last matching settings of *taxonomy* (unprepared: see ``prepare``).

    Its ``esco_names`` are the Dutch names of *taxonomy*'s ``esco_occupations``. The level names and recognition
    statements of *recognitions*' catalogue are read at once (a
    :class:`~competence_bridge.matching.recognitions.RecognitionBook`, with the settings' ``recognition_strengths``).

    :raises CompetenceBridgeError: when no matching settings are loaded, or their weights miss a signal
    """
    friends = [FalseFriendRule(f.id, f.be, f.nl, f.action, f.warning.nl, f.warning.en) for f in taxonomy.false_friends]
    settings = settings_of(taxonomy)
    # Read now, with the settings' strengths, and kept with the translator: a prepared one never opens the graph.
    book = RecognitionBook.read(Recognitions(recognitions.catalog, settings.recognition_strengths))
    return Translator(table, settings=settings, vocabulary=vocabulary_of(taxonomy), false_friends=friends,
                      describe_level=book.describe_level, recognitions=book.from_item,
                      esco_names={compress(name.id): name.label for name in taxonomy.esco_occupations})
