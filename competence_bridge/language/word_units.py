"""A word's analysis as data: its units (keys of the word or of its compound parts), and one string that packs it.

:class:`~competence_bridge.language.lexicon.Lexicon` makes them; a pickled search index keeps them packed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """One matchable piece of a word: a key, the surface text it came from, and the rules that produced it."""

    key: str
    surface: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Word:
    """A content word with its units (one, or the parts of a compound) and its split, if any."""

    surface: str
    units: tuple[Unit, ...]
    split: tuple[str, ...] = ()


#: A word as one string (a pickled index holds tens of thousands, and one string reads back many times faster
#: than a dataclass or nested tuples): whether its split is its units' surfaces ("1") or none ("0"), then per
#: unit its key, surface and rules, separated by control characters no folded word contains. The rare word
#: that does not fit (a split of other surfaces) stays a tuple: surface, units as (key, surface, rules), split.
Packed = str | tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...], tuple[str, ...]]
_UNIT, _FIELD, _RULE = "\x1e", "\x1f", "\x1d"


def pack(word: Word) -> Packed:
    """*word* as one string, or as a tuple when it does not fit (see :data:`Packed`)."""
    surfaces = tuple(unit.surface for unit in word.units)
    flag = "1" if word.split and word.split == surfaces else "0" if not word.split else None
    fields = [part for unit in word.units for part in (unit.key, unit.surface, *unit.rules)]
    if flag is None or any(_UNIT in part or _FIELD in part or _RULE in part for part in fields) or any(
            not rule for unit in word.units for rule in unit.rules):
        return word.surface, tuple((unit.key, unit.surface, unit.rules) for unit in word.units), word.split
    return flag + _UNIT.join(f"{unit.key}{_FIELD}{unit.surface}{_FIELD}{_RULE.join(unit.rules)}"
                             for unit in word.units)


def unpack(surface: str, packed: Packed) -> Word:
    """The word *surface* whose analysis :func:`pack` packed."""
    if isinstance(packed, str):
        units = []
        for part in packed[1:].split(_UNIT):
            key, written, rules = part.split(_FIELD)
            units.append(Unit(key, written, tuple(rules.split(_RULE)) if rules else ()))
        return Word(surface, tuple(units), tuple(unit.surface for unit in units) if packed[0] == "1" else ())
    surface, unit_tuples, split = packed
    return Word(surface, tuple(Unit(key, written, rules) for key, written, rules in unit_tuples), split)
