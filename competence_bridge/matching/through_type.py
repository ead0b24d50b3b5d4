"""Free text that names a programme of a type of education of its own side, translated through that type.

*TSO elektromechanica* names no item, but it holds *TSO*, a name of the Flemish type *Diploma secundair onderwijs
TSO*. A programme of a type is narrower than the type, so what the type translates to is broader than the text, or
only related where the type's counterpart is: ``skos:broadMatch ∘ R`` (:func:`~competence_bridge.vocabulary.compose`).
Nuffic values the TSO diploma as a vwo diploma (a recognition, relatedMatch 0.46): the text gets *Vwo-diploma*,
related, with that recognition in its explanation, where it had no candidate before. A narrower counterpart of the
type (*Bachelor (hbo)* → *Bachelor in de verpleegkunde*) is another programme of the type, a sibling of the text's,
and is left out.

A type is read from the text as the type scope of the signals reads the other side's types
(:func:`~competence_bridge.matching.type_scope.scope_of_type_blocked`): the words of one of its names and more, not only
first parts of compounds (*promotiemedewerker*), no generic word of work or role's word beside them (*entree
medewerker*, *leerkracht TSO* are jobs), and a one-word name not after a noun (*scrum master*). The confidence
is the similarity of the text and the type's name, uncalibrated as that scope is (the calibration was fitted on
counterparts, not on a programme's type), times the type's own candidate's; where several types' names fit, those
with the most words are read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from competence_bridge.matching.breakdown import format_number
from competence_bridge.matching.results import Candidate, Hop, Translation
from competence_bridge.matching.translate import Translator
from competence_bridge.matching.type_scope import scope_of_type_blocked, type_names
from competence_bridge.rdf.items import Item
from competence_bridge.vocabulary import BROAD, NARROW, compose

__all__ = ["through_types", "types_named"]


def types_named(translator: Translator, text: str, region: str) -> list[tuple[Item, str, float]]:
    """The types of education of *region* that *text* names a programme of: (type, the name of it the text holds,
    the similarity of that name and the text), the types whose name has the most words, by id."""
    keys = translator.keys(text)
    found: list[tuple[int, Item, str, float]] = []
    for item, labels in type_names(translator).get(region, ()):
        best: tuple[int, str, frozenset[str]] | None = None
        for label, held in labels:
            if held and held < keys and (best is None or len(held) > best[0]) and not scope_of_type_blocked(
                    translator, held, text, keys):
                best = (len(held), label, held)
        if best is not None:
            found.append((best[0], item, best[1], translator.label_similarity(best[2], keys)))
    most = max((size for size, *_ in found), default=0)
    return [(item, label, similarity) for size, item, label, similarity in sorted(found, key=lambda f: f[1].id)
            if size == most]


def through_types(translator: Translator, source: Item, translated: Callable[[Item], Translation]) -> list[Candidate]:
    """The candidates of free text *source* through the types of education of its side it names (module doc), each
    from the type's own translation (*translated*)."""
    if source.region is None:
        return []
    found: list[Candidate] = []
    for kind, label, similarity in types_named(translator, source.label, source.region):
        # a narrower counterpart of the type is a programme beside the text's, only a sibling: left out
        found.extend(_through(source, kind, label, similarity, candidate) for candidate in translated(kind).candidates
                     if candidate.predicate != NARROW)
    return found


def _through(source: Item, kind: Item, label: str, similarity: float, candidate: Candidate) -> Candidate:
    confidence = similarity * candidate.confidence
    predicate = compose(BROAD, candidate.predicate)
    step = Hop(source.id, kind.id, BROAD, similarity, f"'{label}' staat in '{source.label}'")
    onward = candidate.hops or (Hop(kind.id, candidate.target.id, candidate.predicate, candidate.confidence,
                                    f"{kind.label} → {candidate.target.label}"),)
    name, worth, product = (format_number(value, "nl") for value in (similarity, candidate.confidence, confidence))
    return dataclasses.replace(
        candidate, predicate=predicate, confidence=confidence, justification="semapv:MappingChaining", review=None,
        signals={"type_scope": similarity, **candidate.signals}, hops=(step, *onward), breakdown=None,
        explanation=(f"De tekst noemt een opleiding van het onderwijstype {kind.label} ({kind.id}): '{label}' staat "
                     f"in '{source.label}' (naam {name}); een opleiding van een type is enger dan het type. "
                     "Wat het type vertaalt:",
                     *candidate.explanation,
                     f"Zekerheid: naam {name} × het type {worth} = {product}; de naam is niet geijkt (een "
                     "onderwijstype, geen tegenhanger)."),
        explanation_en=(f"The text names a programme of the type of education {kind.label} ({kind.id}): '{label}' is "
                        f"in '{source.label}' (name {similarity:.2f}); a programme of a type is narrower than the "
                        "type. What the type translates to:",
                        *candidate.explanation_en,
                        f"Confidence: name {similarity:.2f} × the type {candidate.confidence:.2f} = {confidence:.2f}; "
                        "the name is not calibrated (a type of education, not a counterpart)."))
