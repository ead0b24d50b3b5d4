"""How two statements' shared keys are written, for explanations a person can check against the texts.

Keys are compared after the term layer (``verpleegkundige activiteiten`` becomes ``verpleegtechnische
handelingen``), but an explanation must not claim that a Flemish statement says "handelingen". A key each
text writes itself is shown as written; a key that only a term substitution put there is shown as that
substitution, with the term pair it comes from.
"""

from __future__ import annotations

from competence_bridge.language.analyser import Analyser
from competence_bridge.language.terms import TermLayer


def written_keys(analyser: Analyser, terms: TermLayer, text: str) -> dict[str, str]:
    """Each key of *text* after the term layer → how *text* writes it: its own (folded) word, or
    ``source = target (term pair)`` for a key only a substitution gave it.

    >>> from competence_bridge.matching.settings import shipped
    >>> layer = shipped()[1].layer
    >>> written_keys(Analyser(), layer, "Voert verpleegkundige activiteiten uit")["handeling"]
    'verpleegkundige activiteiten = verpleegtechnische handelingen (term:verpleegkundige-activiteiten)'
    """
    substituted, fired = terms.apply(text)
    own = analyser.spelling(text)
    found = {key: own.get(key, surface) for key, surface in analyser.spelling(substituted).items()}
    for substitution in fired:
        said = f"{substitution.source} = {substitution.target} ({substitution.term_pair})"
        found.update((key, said) for key in analyser.keys(substitution.target) if key not in own)
    return found


def shared_wording(analyser: Analyser, terms: TermLayer, matched: tuple[tuple[str, str], ...],
                   first: str, second: str) -> tuple[tuple[str, str], ...]:
    """The matched key pairs of *first* and *second* as written: one pair per distinct wording, sorted.

    A shared key gives a pair of one wording twice (as *first* writes it); a near match two wordings
    (``elektrische``, ``elektrotechnische``).
    """
    left, right = written_keys(analyser, terms, first), written_keys(analyser, terms, second)
    return tuple(sorted({(left.get(x, x), left.get(x, x) if x == y else right.get(y, y)) for x, y in matched}))
