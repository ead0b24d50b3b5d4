"""Dutch-aware search over everything loaded: occupations, job profiles, qualifications (types), competences.

>>> index = SearchIndex.build([SearchDocument("x:1", "occupation", None,
...     (("verwarmingsmonteur", "nl", "pref"), ("installateur verwarming", "nl", "alt")))])
>>> hit = index.search("verwarmingsinstallateur")[0]
>>> hit.id, hit.label, hit.explanation[1]
('x:1', 'installateur verwarming', 'compound split verwarmings|installateur')

How it works (the word analysis is in :mod:`competence_bridge.language.dutch`):

1. Every label and description becomes a bag of *units*: word keys after folding (case, diacritics,
   punctuation), plural/gender/Flemish suffix rules and compound splitting (an eager
   :class:`~competence_bridge.language.dutch.Lexicon`: every compound it can split), so word order, hyphens and
   ``verwarmings|installateur`` versus ``installateur verwarming`` stop mattering.
2. An inverted index from unit to labels (and to descriptions) finds candidates. A query word matches
   through its own units or, for less, a Flemish/Netherlands synonym, a derived word (``-isch``/``-icus``,
   ``-er``/``-ing``) or a close spelling (``rapidfuzz`` ratio ≥ 80 among label words with the same first
   two letters); words of one or two letters (``hr``) match labels only, never running text. The rarest
   character 3-grams of the query add candidates that share no whole word.
3. A label scores ``(1 - g) · P³ · (1 + R) / 2 + g · C``: P is the IDF-weighted share of the query its
   units cover, where a word only its document's description covers counts 0.7; R is the share of the
   label covered; C is the character 3-gram TF-IDF cosine above 0.2, rescaled to 0..1 (a weaker spelling
   likeness is noise, so a hit with nothing else drops out); g = 0.5. An exact label (after folding)
   scores 1 and ranks first. Alternative and hidden labels weigh 0.98 and 0.95. A document scores its
   best label's L plus ``0.6 · D · (1 - L)``, D the description's coverage of the query with BM25 term
   weights (a word counts ``tf / (tf + K)``, K = 1.2 · (0.25 + 0.75 · length / average length)). Hits
   scoring under 0.1 are dropped.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from competence_bridge.display import Tabular
from competence_bridge.language.dutch import RULES, Lexicon, Trigrams, Unit, Word, derived_keys, fold, synonyms

if TYPE_CHECKING:
    from rdflib import Graph

#: Label roles, in order of preference.
ROLES = ("pref", "alt", "hidden")
_ROLE_WEIGHT = {"pref": 1.0, "alt": 0.98, "hidden": 0.95}
_DESCRIPTION_WEIGHT = 0.6  # share of the rest to 1 that a description covering the whole query adds
_BM25_K1 = 1.2  # term-frequency saturation of descriptions (BM25)
_BM25_B = 0.75  # description length normalisation (BM25)
_SYNONYM_FACTOR = 0.9  # a Flemish/Netherlands synonym is worth this much of the word itself
_FUZZY_CUTOFF = 80.0  # rapidfuzz ratio from which a spelling variant counts
_FUZZY_FACTOR = 0.95  # worth of a spelling variant at ratio 100 (falls linearly to 0 at ratio 50)
_GRAM_WEIGHT = 0.5  # share of a label's score taken by the character 3-gram cosine with the query
_GRAM_FLOOR = 0.2  # a 3-gram cosine counts only above this (rescaled to 0..1): weak spelling likeness is noise
_P_POWER = 3.0  # exponent of the query coverage P: a label must cover most of the query
_JOINT = 0.7  # what a query word only the label's description covers counts for in P
_NOTHING: frozenset[str] = frozenset()
_RERANK = 60  # candidates whose every label is scored in full
_MIN_SCORE = 0.1  # hits below this are noise


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing: an id (CURIE or IRI), its kind and region, labels and a description.

    ``labels`` holds ``(text, lang, role)`` triples with role ``'pref'``, ``'alt'`` or ``'hidden'``.
    """

    id: str
    kind: str
    region: str | None
    labels: tuple[tuple[str, str, str], ...]
    description: str | None = None

    def __post_init__(self) -> None:
        for text, _lang, role in self.labels:
            if role not in ROLES:
                raise ValueError(f"label {text!r} of {self.id} has role {role!r}, not one of {', '.join(ROLES)}")

    @property
    def pref_label(self) -> str:
        """The first preferred label (Dutch or untagged first), else the first label, else the id."""
        ranked = sorted(self.labels, key=lambda label: (ROLES.index(label[2]), label[1] not in ("nl", "")))
        return ranked[0][0] if ranked else self.id


@dataclass(frozen=True)
class SearchHit:
    """A search result: the document, the label that matched best, a score in 0..1, and why it matched."""

    id: str
    kind: str
    region: str | None
    label: str
    score: float
    matched: str  # 'pref', 'alt', 'hidden' or 'description'
    explanation: tuple[str, ...]
    name: str = ""  # the document's preferred label (``label`` is the one that matched)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"id": self.id, "kind": self.kind, "region": self.region, "name": self.name or self.label,
                "label": self.label,
                "score": round(self.score, 4), "matched": self.matched, "explanation": list(self.explanation)}


@dataclass(frozen=True)
class _Alternative:
    """One way a query word can match: unit keys, what a full match is worth, and why."""

    keys: tuple[str, ...]
    weights: tuple[float, ...]
    factor: float
    note: str | None = None
    replacement: str | None = None  # the key that replaced one of the word's own (derived, spelling)
    describes: bool = True  # whether it may match descriptions (derivations and spellings may not)
    surfaces: tuple[str, ...] = ()  # the words behind the keys, for explanations


@dataclass(frozen=True)
class _QueryWord:
    word: Word
    weight: float
    alternatives: tuple[_Alternative, ...]


class SearchIndex:
    """An in-memory inverted index over search documents; build it with :meth:`build`."""

    def __init__(self, documents: list[SearchDocument], lexicon: Lexicon,
                 labels: list[tuple[int, str, str, str, frozenset[str]]],
                 descriptions: list[dict[str, int]]) -> None:
        """Assemble the tables from analysed labels ``(doc, text, lang, role, keys)`` and the unit counts of
        each description; use :meth:`build`."""
        self.documents = documents
        self.lexicon = lexicon
        self._labels = labels
        self._described = descriptions
        lengths = [sum(counts.values()) for counts in descriptions]
        average = sum(lengths) / max(sum(1 for length in lengths if length), 1)
        self._saturation = [_BM25_K1 * (1 - _BM25_B + _BM25_B * length / (average or 1)) for length in lengths]
        frequency: dict[str, int] = {}
        keys_of_doc: list[set[str]] = [set(keys) for keys in descriptions]
        for doc, _text, _lang, _role, keys in labels:
            keys_of_doc[doc].update(keys)
        for keys in keys_of_doc:
            for key in keys:
                frequency[key] = frequency.get(key, 0) + 1
        self._idf = {key: math.log(1 + len(documents) / df) for key, df in frequency.items()}
        self._unknown_idf = math.log(1 + max(len(documents), 1))
        self._postings: dict[str, list[int]] = {}
        self._doc_labels: list[list[int]] = [[] for _ in documents]
        self._totals = [sum(self._idf[key] for key in keys) or 1.0 for _d, _t, _l, _r, keys in labels]
        self._folded = [fold(text) for _d, text, _l, _r, _k in labels]
        for number, (doc, _text, _lang, _role, keys) in enumerate(labels):
            self._doc_labels[doc].append(number)
            for key in keys:
                self._postings.setdefault(key, []).append(number)
        self._doc_postings: dict[str, list[int]] = {}
        for doc, keys in enumerate(descriptions):
            for key in keys:
                self._doc_postings.setdefault(key, []).append(doc)
        self._grams = Trigrams(self._folded)
        self._vocabulary = sorted(lexicon.surfaces())
        self._keys_by_start: dict[str, list[str]] = {}
        for key in sorted(self._postings):
            self._keys_by_start.setdefault(key[:2], []).append(key)
        lexicon.freeze()

    @classmethod
    def build(cls, documents: Iterable[SearchDocument], *, languages: Iterable[str] | None = None) -> SearchIndex:
        """Index *documents*; *languages* (e.g. ``("nl", "")``) restricts the labels indexed, default all."""
        docs = list(documents)
        wanted = None if languages is None else set(languages)
        entries = [(number, text, lang, role) for number, doc in enumerate(docs) for text, lang, role in doc.labels
                   if wanted is None or lang in wanted]
        lexicon = Lexicon.from_texts([doc.description for doc in docs if doc.description],
                                     titles=[text for _n, text, _l, _r in entries], eager=True)

        def keys(text: str | None) -> frozenset[str]:
            return frozenset(unit.key for word in lexicon.analyse(text or "") for unit in word.units)

        def counts(text: str | None) -> dict[str, int]:
            found: dict[str, int] = {}
            for word in lexicon.analyse(text or ""):
                for unit in word.units:
                    found[unit.key] = found.get(unit.key, 0) + 1
            return found

        labels = [(number, text, lang, role, keys(text)) for number, text, lang, role in entries]
        return cls(docs, lexicon, labels, [counts(doc.description) for doc in docs])

    def __len__(self) -> int:
        """The number of documents."""
        return len(self.documents)

    def search(self, text: str, *, region: str | None = None, kind: str | Iterable[str] | None = None,
               limit: int = 10) -> list[SearchHit]:
        """The documents best matching *text*, best first.

        *region* keeps only documents of that region (``'BE-VLG'``, ``'NL'``; documents without a region,
        such as ESCO occupations, drop out); *kind* keeps one kind or any of several.
        """
        query = self._query(text)
        if not query or limit <= 0:
            return []
        kinds = None if kind is None else ({kind} if isinstance(kind, str) else set(kind))

        def filtered(doc: int) -> bool:
            document = self.documents[doc]
            return (region is None or document.region == region) and (kinds is None or document.kind in kinds)

        allowed: Callable[[int], bool] = _everything if region is None and kinds is None else filtered

        label_scores, described, fallback, doc_hits = self._unit_scores(query, allowed)
        best: dict[int, float] = dict(fallback)
        for number, score in label_scores.items():
            doc, weighted = self._labels[number][0], score * _ROLE_WEIGHT[self._labels[number][3]]
            if weighted > best.get(doc, 0.0):
                best[doc] = weighted
        combined = {doc: _combine((1 - _GRAM_WEIGHT) * score, described.get(doc, 0.0)) for doc, score in best.items()}
        top = {doc for doc, _ in heapq.nlargest(max(_RERANK, limit), combined.items(),
                                                key=lambda item: (item[1], -item[0]))}
        folded = fold(text)
        vector = self._grams.vector(folded)
        near = self._grams.nearest(vector, _RERANK)
        top.update(doc for doc in (self._labels[number][0] for number in near) if allowed(doc))
        considered = label_scores.keys() | set(near)
        ranked = []
        for doc in top:  # a document its description found scores at least as a label with no unit and spelling
            choice, number, exact = (1 - _GRAM_WEIGHT) * fallback.get(doc, 0.0), -1, False
            for candidate in self._doc_labels[doc]:
                if candidate not in considered:
                    continue
                same = self._folded[candidate] == folded
                own = label_scores.get(candidate)
                gram = max(0.0, self._grams.cosine(vector, candidate) - _GRAM_FLOOR) / (1 - _GRAM_FLOOR)
                score = 1.0 if same else (1 - _GRAM_WEIGHT) * (fallback.get(doc, 0.0) if own is None else own) + (
                    _GRAM_WEIGHT * gram)
                score *= _ROLE_WEIGHT[self._labels[candidate][3]]
                if (same, score) > (exact, choice):  # a label without a unit or spelling of its own: the description
                    choice, exact = score, same
                    number = candidate if same or own is not None or gram > 0 else -1
            description = described.get(doc, 0.0)
            if choice < _DESCRIPTION_WEIGHT * description and not exact:
                number = -1
            ranked.append((exact, _combine(choice, description), doc, number))
        ranked.sort(key=lambda item: (not item[0], -item[1], item[2]))  # an exact label first, then by score
        return [self._hit(query, text, doc, number, score, doc_hits.get(doc, set()))
                for _exact, score, doc, number in ranked[:limit] if score >= _MIN_SCORE]

    def _unit_scores(self, query: list[_QueryWord], allowed: Callable[[int], bool],
                     ) -> tuple[dict[int, float], dict[int, float], dict[int, float], dict[int, set[str]]]:
        """Unit matching: the score of every label sharing a unit with the query (before its role weight;
        the words its document's description covers count for :data:`_JOINT`), the BM25-weighted coverage
        of every description sharing one, the score of the other labels of those documents, and the keys
        each description matched."""
        label_hits: dict[int, set[str]] = {}
        for key in {key for qword in query for alternative in qword.alternatives for key in alternative.keys}:
            for number in self._postings.get(key, ()):
                label_hits.setdefault(number, set()).add(key)
        doc_hits: dict[int, set[str]] = {}
        for key in {key for qword in query for alternative in qword.alternatives if alternative.describes
                    for key in alternative.keys}:
            for doc in self._doc_postings.get(key, ()):
                doc_hits.setdefault(doc, set()).add(key)
        label_scores: dict[int, float] = {}
        shares, known = _Shares(query), {}  # type: ignore[var-annotated]
        described_keys = {doc: frozenset(keys) for doc, keys in doc_hits.items()}
        for number, matched in label_hits.items():
            doc = self._labels[number][0]
            if allowed(doc):
                extra = described_keys.get(doc, _NOTHING)
                signature = (frozenset(matched), extra)
                if signature not in known:
                    strength = dict.fromkeys(extra, _JOINT)
                    strength.update(dict.fromkeys(matched, 1.0))
                    known[signature] = shares(strength, strength)
                label_share = min(sum(self._idf[key] for key in matched) / self._totals[number], 1.0)
                label_scores[number] = known[signature] ** _P_POWER * (1 + label_share) / 2
        description_shares = _Shares(query, description=True)
        described, fallback = {}, {}
        for doc, matched in described_keys.items():
            if allowed(doc):
                counts, saturation = self._described[doc], self._saturation[doc]
                described[doc] = description_shares(
                    matched, {key: counts[key] / (counts[key] + saturation) for key in matched})
                signature = (_NOTHING, matched)
                if signature not in known:
                    known[signature] = _JOINT * shares(matched)
                fallback[doc] = known[signature] ** _P_POWER / 2
        return label_scores, described, fallback, doc_hits

    def _alternative(self, units: Iterable[Unit], factor: float, note: str | None = None,
                     replacement: str | None = None, describes: bool = True) -> _Alternative:
        surfaces = {unit.key: unit.surface for unit in reversed(list(units))}
        unique = tuple(reversed(surfaces))
        weights = tuple(self._idf.get(key, self._unknown_idf) for key in unique)
        return _Alternative(unique, weights, factor, note, replacement, describes,
                            tuple(surfaces[key] for key in unique))

    def _query(self, text: str) -> list[_QueryWord]:
        """Analyse a query: each word with its own units and the alternatives it may match through."""
        found = []
        for word in self.lexicon.analyse(text):
            own = self._alternative(word.units, 1.0, describes=len(word.surface) > 2)  # "hr" is no word in text
            alternatives = [own]
            if len(word.units) > 1:
                for other in synonyms(self.lexicon.key(word.surface)[0]):
                    alternatives.append(self._alternative(self.lexicon.word(other).units, _SYNONYM_FACTOR,
                                                          f"Flemish/Dutch synonym {word.surface} → {other}"))
            for position, unit in enumerate(word.units):
                before, after = list(word.units[:position]), list(word.units[position + 1:])
                for other in synonyms(unit.key):
                    alternatives.append(self._alternative(before + list(self.lexicon.word(other).units) + after,
                                                          _SYNONYM_FACTOR,
                                                          f"Flemish/Dutch synonym {unit.surface} → {other}"))
                related = [(key, factor, f"{note}: {unit.surface} ~ {{}}") for key, factor, note
                           in derived_keys(unit.key)] + self._close_keys(unit.key, unit.surface)
                for key, factor, note in related:
                    if key in self._postings and key != unit.key:
                        alternatives.append(self._alternative(before + [Unit(key, unit.surface)] + after, factor,
                                                              note, key, False))
            if len(word.surface) >= 5 and any(key not in self._postings for key in own.keys):
                alternatives += self._close_words(word.surface)
            found.append(_QueryWord(word, sum(own.weights), tuple(alternatives)))
        return found

    def _close_keys(self, key: str, surface: str) -> list[tuple[str, float, str]]:
        """Label keys with the same first two letters spelt almost like *key* (rapidfuzz ratio ≥ 80)."""
        if len(key) < 5:
            return []
        from rapidfuzz import fuzz, process

        matches = process.extract(key, self._keys_by_start.get(key[:2], ()), scorer=fuzz.ratio, processor=None,
                                  limit=5, score_cutoff=_FUZZY_CUTOFF)
        return [(match, _FUZZY_FACTOR * (score - 50) / 50, f"spelling: {surface} ≈ {{}} ({score:.0f})")
                for match, score, _ in matches if match != key]

    def _close_words(self, surface: str) -> list[_Alternative]:
        """For a word the labels do not know: the analyses of the closest words the index knows."""
        from rapidfuzz import fuzz, process

        matches = process.extract(surface, self._vocabulary, scorer=fuzz.ratio, processor=None, limit=3,
                                  score_cutoff=_FUZZY_CUTOFF)
        return [self._alternative(self.lexicon.word(match).units,
                                  _FUZZY_FACTOR * (score - 50) / 50, f"spelling: {surface} ≈ {match} ({score:.0f})",
                                  describes=False) for match, score, _ in matches if match != surface]

    def _hit(self, query: list[_QueryWord], text: str, doc: int, number: int, score: float,
             described: set[str]) -> SearchHit:
        """A hit with its explanation: the label (or description), then the rules, splits and variants used."""
        document = self.documents[doc]
        if number >= 0:
            _doc, label, lang, role, keys = self._labels[number]
            notes = [f"label '{label}' ({role}{', ' + lang if lang else ''})"]
            if self._folded[number] == fold(text):
                notes.append("same label" if " ".join(text.split()) == " ".join(label.split())
                             else "same label after folding case, diacritics and punctuation")
            matched = set(keys) & {key for qword in query for alt in qword.alternatives for key in alt.keys}
            if matched:
                notes += _explain(query, _best_alternatives(query, matched), self.lexicon.analyse(label))
            else:
                notes.append("similar spelling (character 3-grams)")
            if described - matched:
                notes.append("description also mentions " + _surfaces(query, described - matched))
        else:
            label, role = document.pref_label, "description"
            notes = ["description mentions " + _surfaces(query, described)]
            notes += _explain(query, _best_alternatives(query, described, True),
                              self.lexicon.analyse(document.description or ""))
        return SearchHit(document.id, document.kind, document.region, label, round(min(score, 1.0), 6), role,
                         tuple(dict.fromkeys(notes)), document.pref_label)


class _Shares:
    """The IDF-weighted share of a query that a set of matched keys covers, each word by its best alternative."""

    def __init__(self, query: list[_QueryWord], description: bool = False) -> None:
        self.total = sum(qword.weight for qword in query) or 1.0
        self.parts: dict[str, list[tuple[int, int, float]]] = {}
        for position, qword in enumerate(query):
            for number, alternative in enumerate(qword.alternatives):
                if description and not alternative.describes:
                    continue
                scale = alternative.factor * qword.weight / (sum(alternative.weights) or 1.0)
                for key, weight in zip(alternative.keys, alternative.weights):
                    self.parts.setdefault(key, []).append((position, number, scale * weight))

    def __call__(self, matched: Iterable[str], strength: dict[str, float] | None = None) -> float:
        """The share covered by *matched* (each key counting for its *strength*, default 1)."""
        sums: dict[tuple[int, int], float] = {}
        for key in matched:
            factor = 1.0 if strength is None else strength[key]
            for position, number, value in self.parts.get(key, ()):
                sums[position, number] = sums.get((position, number), 0.0) + value * factor
        best: dict[int, float] = {}
        for (position, _number), value in sums.items():
            if value > best.get(position, 0.0):
                best[position] = value
        return sum(best.values()) / self.total


def _everything(_doc: int) -> bool:
    """Every document is allowed (no region or kind filter)."""
    return True


def _combine(label: float, description: float) -> float:
    """A document's score from its best label score and its description's weighted coverage, in 0..1."""
    return label + _DESCRIPTION_WEIGHT * description * (1 - label)


def _best_alternatives(query: list[_QueryWord], matched: set[str],
                       description: bool = False) -> list[_Alternative | None]:
    """For each query word, the alternative that covers most of it with *matched* keys, or ``None``."""
    found: list[_Alternative | None] = []
    for qword in query:
        top, choice = 0.0, None
        for alternative in qword.alternatives:
            if description and not alternative.describes:
                continue
            hit = sum(weight for key, weight in zip(alternative.keys, alternative.weights) if key in matched)
            share = alternative.factor * hit / (sum(alternative.weights) or 1.0)
            if share > top:
                top, choice = share, alternative
        found.append(choice)
    return found


def _surfaces(query: list[_QueryWord], keys: set[str]) -> str:
    """The query words (or their parts, or their synonyms) behind matched keys, in query order."""
    found = [surface for qword in query for alternative in qword.alternatives if alternative.describes
             for key, surface in zip(alternative.keys, alternative.surfaces) if key in keys]
    return ", ".join(dict.fromkeys(found)) or ", ".join(sorted(keys))


def _explain(query: list[_QueryWord], choices: list[_Alternative | None], target: list[Word]) -> list[str]:
    """Short factual notes: which rules, splits, synonyms and spellings made each query word match."""
    where = {unit.key: (word, unit) for word in target for unit in word.units}
    notes: list[str] = []
    order: list[tuple[int, int]] = []
    for qword, choice in zip(query, choices):
        word = qword.word
        if choice is None:
            notes.append(f"no match for '{word.surface}'")
            continue
        if choice.note and choice.replacement is not None:
            notes.append(choice.note.format(where[choice.replacement][1].surface
                                            if choice.replacement in where else "?"))
        elif choice.note:
            notes.append(choice.note)
        if word.split and choice.factor == 1.0:
            notes.append("compound split " + "|".join(word.split))
        for unit in word.units:
            if unit.key not in where:
                continue
            other_word, other = where[unit.key]
            order.append((target.index(other_word), other_word.units.index(other)))
            if other.surface != unit.surface:
                notes += [f"{RULES[rule]}: {unit.surface} ~ {other.surface}"
                          for rule in dict.fromkeys(unit.rules + other.rules)]
        notes += ["compound split " + "|".join(where[key][0].split) + " (label)" for key in choice.keys
                  if key in where and where[key][0].split and where[key][0].surface != word.surface]
    if order != sorted(order):
        notes.append("word order differs")
    return notes


_DOCUMENTS_QUERY = """\
PREFIX cb: <https://w3id.org/competence-bridge/vocab#>
PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?item ?kind ?region ?text ?role WHERE {
  VALUES (?class ?kind) {
    (cb:Qualification "qualification") (cb:JobProfile "job-profile") (cb:QualificationType "qualification-type")
    (cb:Competence "competence") (esco:Occupation "occupation")
  }
  ?item a ?class .
  { ?item skos:prefLabel ?text BIND("pref" AS ?role) }
  UNION { ?item skos:altLabel ?text BIND("alt" AS ?role) }
  UNION { ?item skos:hiddenLabel ?text BIND("hidden" AS ?role) }
  UNION { ?item skos:definition ?text BIND("definition" AS ?role) }
  UNION { ?item dcterms:description ?text BIND("description" AS ?role) }
  OPTIONAL { ?item cb:region ?region }
}"""

_KIND_ORDER = ("qualification", "job-profile", "qualification-type", "competence", "occupation")
_LANG_ORDER = ("nl", "", "en")


def documents_from_graph(graph: Graph) -> list[SearchDocument]:
    """Every qualification, job profile, qualification type, competence and ESCO occupation in *graph*.

    One SPARQL query: labels per role and language, ``cb:region``, and as description the
    ``skos:definition`` and the ``dcterms:description`` (each in Dutch, else untagged, else English,
    joined when both exist). Blank nodes are skipped; ids are CURIEs where a prefix is known. Sorted by id.
    """
    from rdflib import BNode

    from competence_bridge.rdf.curies import compress

    items: dict[str, dict[str, Any]] = {}
    for row in graph.query(_DOCUMENTS_QUERY):
        if isinstance(row.item, BNode):
            continue
        entry = items.setdefault(str(row.item), {"kinds": set(), "region": None, "labels": set(), "texts": []})
        entry["kinds"].add(str(row.kind))
        if row.region is not None:
            entry["region"] = str(row.region)
        lang = getattr(row.text, "language", None) or ""
        role = str(row.role)
        if role in ROLES:
            entry["labels"].add((str(row.text), lang, role))
        else:
            rank = (_LANG_ORDER.index(lang) if lang in _LANG_ORDER else len(_LANG_ORDER), lang, str(row.text))
            entry["texts"].append((role, rank))
    documents = []
    for iri, entry in items.items():
        kind = min(entry["kinds"], key=_KIND_ORDER.index)
        labels = tuple(sorted(entry["labels"], key=lambda label: (ROLES.index(label[2]), label[1], label[0])))
        best = {role: min(rank for found, rank in entry["texts"] if found == role)[2]
                for role in ("definition", "description") if any(found == role for found, _ in entry["texts"])}
        description = " ".join(dict.fromkeys(best.values())) or None
        documents.append(SearchDocument(compress(iri), kind, entry["region"], labels, description))
    return sorted(documents, key=lambda document: document.id)


@dataclass(frozen=True, repr=False)
class SearchResult(Tabular):
    """The hits of one search, with the query and filters that produced them."""

    query: str
    hits: tuple[SearchHit, ...]
    region: str | None = None
    kinds: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the query, the filters and every hit."""
        return {"query": self.query, "region": self.region, "kinds": list(self.kinds),
                "hits": [hit.to_dict() for hit in self.hits]}
