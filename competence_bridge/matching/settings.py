"""The matching settings and the nl-BE ↔ nl-NL vocabulary of a taxonomy, as matching and search use them.

Both come from the curated data: the last ``matching`` entry (``taxonomies/matching.yaml``, validated by
:class:`~competence_bridge.curated.matching_settings.MatchingSettings`) and the term pairs and false friends
of ``taxonomies/terms.yaml``. :func:`shipped` gives those of the shipped taxonomies, for a search index or
an analysis built without a loaded bridge.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from competence_bridge.curated.matching_settings import MatchingSettings
from competence_bridge.errors import CompetenceBridgeError
from competence_bridge.language.terms import MinedEntry, TermEntry, Vocabulary

if TYPE_CHECKING:
    from competence_bridge.curated.taxonomy import Taxonomy


def settings_of(taxonomy: Taxonomy) -> MatchingSettings:
    """The matching settings in force: the last ``matching`` entry of *taxonomy*.

    :raises CompetenceBridgeError: when no matching settings are loaded
    """
    if not taxonomy.matching:
        raise CompetenceBridgeError("no matching settings are loaded (taxonomies/matching.yaml)")
    return taxonomy.matching[-1]


def vocabulary_of(taxonomy: Taxonomy) -> Vocabulary:
    """The term pairs of *taxonomy*, with its false friends' forms kept out of search synonyms (and their Flemish
    forms left as written in Dutch items' labels), and its mined word pairs (``mined_synonyms``, search only)."""
    cited = {source.id: f"{source.publisher}, “{source.title}”" for source in taxonomy.sources}
    pairs = [TermEntry(pair.id, pair.be, pair.nl, pair.relation, tuple(cited.get(key, key) for key in pair.sources),
                       pair.evidence) for pair in taxonomy.term_pairs]
    mined = [MinedEntry(pair.words, found.source, found.split, pair.support)
             for found in taxonomy.mined_synonyms for pair in found.pairs]
    return Vocabulary(pairs, [form for friend in taxonomy.false_friends for form in (*friend.be, *friend.nl)], mined,
                      netherlands_words=[form for friend in taxonomy.false_friends for form in friend.be])


@functools.cache
def shipped() -> tuple[MatchingSettings, Vocabulary]:
    """The matching settings and the vocabulary of the taxonomies shipped with the package (read once)."""
    from competence_bridge.curated.taxonomy import load_shipped  # read only when no taxonomy is given

    taxonomy = load_shipped()
    return settings_of(taxonomy), vocabulary_of(taxonomy)
