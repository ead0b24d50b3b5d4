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
with the most words are read. Where no type's name is there in full, a head word several types' names share after
inflected adjectives or before a qualifier in brackets is (*bachelor toegepaste informatica*: *Professionele
bachelor*, *Academische bachelor*; *bachelor bedrijfskunde*: *Bachelor (hbo)*, *Bachelor (wo)*): each of those types
is read at an equal share (× 1/n), the text not saying which.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import NamedTuple

from competence_bridge.display import format_number
from competence_bridge.matching.results import Candidate, Hop, Translation
from competence_bridge.matching.translate import Translator
from competence_bridge.matching.type_scope import inflected_adjective, scope_of_type_blocked, type_names
from competence_bridge.rdf.items import Item
from competence_bridge.vocabulary import BROAD, NARROW, compose

__all__ = ["TypeReading", "through_types", "types_named"]


class TypeReading(NamedTuple):
    """A type of education that free text names a programme of (:func:`types_named`)."""

    kind: Item  #: the type
    name: str  #: the name of the type the text holds, or the head word of its name ('bachelor')
    similarity: float  #: the similarity of that name and the text
    among: tuple[Item, ...] = ()  #: the types the text may mean, where it holds only a head word several names share


def types_named(translator: Translator, text: str, region: str) -> list[TypeReading]:
    """The types of education of *region* that *text* names a programme of, by id: those of whose names it holds one,
    the types whose name has the most words; else those whose name is inflected adjectives before a head word that
    the text holds, or that word before a qualifier in brackets ('bachelor toegepaste informatica': the head of
    *Professionele bachelor* and of *Academische bachelor*; 'bachelor bedrijfskunde': of *Bachelor (hbo)* and
    *Bachelor (wo)*; the text does not say which, each reading names all of them in ``among``)."""
    keys = translator.keys(text)
    found: list[tuple[int, TypeReading]] = []
    heads: list[TypeReading] = []
    for item, labels in type_names(translator).get(region, ()):
        best: tuple[int, str, frozenset[str]] | None = None
        for label, held in labels:
            if held and held < keys and (best is None or len(held) > best[0]) and not scope_of_type_blocked(
                    translator, held, text, keys):
                best = (len(held), label, held)
        if best is not None:
            found.append((best[0], TypeReading(item, best[1], translator.label_similarity(best[2], keys))))
        elif (head := _head_named(translator, item.label, text, keys)) is not None:
            heads.append(TypeReading(item, head[0], translator.label_similarity(head[1], keys)))
    if found:
        most = max(size for size, _ in found)
        return sorted((reading for size, reading in found if size == most), key=lambda r: r.kind.id)
    among = {name: tuple(sorted((r.kind for r in heads if r.name == name), key=lambda kind: kind.id))
             for name in {reading.name for reading in heads}}  # the types each head word may mean
    return sorted((reading._replace(among=among[reading.name]) for reading in heads), key=lambda r: r.kind.id)


def _head_named(translator: Translator, label: str, text: str,
                keys: frozenset[str]) -> tuple[str, frozenset[str]] | None:
    """The head word of a type's preferred name *label* and its keys, where the name is inflected adjectives before
    it (*Professionele bachelor*) or it before a qualifier in brackets (*Bachelor (hbo)*), and *text* holds it as the
    type scope reads a type's name (one word, not after a noun: 'scrum bachelor' is none)."""
    bracketed = _BRACKETED.fullmatch(label)
    words = translator.analyser.tokens(bracketed.group(1) if bracketed else label)
    if not (len(words) == 1 if bracketed else len(words) > 1 and all(map(inflected_adjective, words[:-1]))):
        return None
    held = frozenset(translator.analyser.word_keys(words[-1]))
    if not held or not held < keys or scope_of_type_blocked(translator, held, text, keys):
        return None
    return words[-1], held


#: A name that is a head before a qualifier in brackets: Bachelor (hbo), Doctor (PhD).
_BRACKETED = re.compile(r"\s*([^()]+?)\s*\([^()]*\)\s*")


def through_types(translator: Translator, source: Item, translated: Callable[[Item], Translation]) -> list[Candidate]:
    """The candidates of free text *source* through the types of education of its side it names (module doc), each
    from the type's own translation (*translated*)."""
    if source.region is None:
        return []
    found: list[Candidate] = []
    for reading in types_named(translator, source.label, source.region):
        # a narrower counterpart of the type is a programme beside the text's, only a sibling: left out
        found.extend(_through(source, reading, candidate) for candidate in translated(reading.kind).candidates
                     if candidate.predicate != NARROW)
    return found


def _through(source: Item, reading: TypeReading, candidate: Candidate) -> Candidate:
    kind, label, similarity = reading.kind, reading.name, reading.similarity
    share = len(reading.among) or 1  # a head word several types' names share: the text does not say which
    confidence = similarity * candidate.confidence / share
    predicate = compose(BROAD, candidate.predicate)
    step = Hop(source.id, kind.id, BROAD, similarity / share, f"'{label}' staat in '{source.label}'",
               f"'{label}' is in '{source.label}'")
    arrow = f"{kind.label} → {candidate.target.label}"
    onward = candidate.hops or (Hop(kind.id, candidate.target.id, candidate.predicate, candidate.confidence, arrow,
                                    arrow),)
    name, worth, product = (format_number(value, "nl") for value in (similarity, candidate.confidence, confidence))
    which = which_en = share_nl = share_en = ""
    if share > 1:
        others = ", ".join(other.label for other in reading.among if other.id != kind.id)
        which = (f" of van {others} (ook in die naam is '{label}' het kernwoord; de tekst zegt niet welk type, elk "
                 f"telt voor 1/{share})")
        which_en = (f" or of {others} ('{label}' is the head of that name too; the text does not say which type, each "
                    f"counts for 1/{share})")
        share_nl = share_en = f" × 1/{share}"
    return dataclasses.replace(
        candidate, predicate=predicate, confidence=confidence, justification="semapv:MappingChaining", review=None,
        signals={"type_scope": similarity / share, **candidate.signals}, hops=(step, *onward), breakdown=None,
        explanation=(f"De tekst noemt een opleiding van het onderwijstype {kind.label} ({kind.id}){which}: '{label}' "
                     f"staat in '{source.label}' (naam {name}); een opleiding van een type is enger dan het type. "
                     "Wat het type vertaalt:",
                     *candidate.explanation,
                     f"Zekerheid: naam {name} × het type {worth}{share_nl} = {product}; de naam is niet geijkt (een "
                     "onderwijstype, geen tegenhanger)."),
        explanation_en=(f"The text names a programme of the type of education {kind.label} ({kind.id}){which_en}: "
                        f"'{label}' is in '{source.label}' (name {similarity:.2f}); a programme of a type is narrower "
                        "than the type. What the type translates to:",
                        *candidate.explanation_en,
                        f"Confidence: name {similarity:.2f} × the type {candidate.confidence:.2f}{share_en} = "
                        f"{confidence:.2f}; the name is not calibrated (a type of education, not a counterpart)."))
