"""Dutch-aware search over everything loaded: occupations, job profiles, qualifications (types), competences.

>>> index = SearchIndex.build([SearchDocument("x:1", "occupation", None,
...     (("verwarmingsmonteur", "nl", "pref"), ("installateur verwarming", "nl", "alt")))])
>>> hit = index.search("verwarmingsinstallateur")[0]
>>> hit.id, hit.label, hit.explanation[1]
('x:1', 'installateur verwarming', 'compound split verwarmings|installateur')

How it works (the word analysis is :mod:`competence_bridge.language`, the one pipeline translation uses too;
every weight below is data, the ``search`` section of ``taxonomies/matching.yaml``):

1. Every label and description becomes a bag of *units*: word keys after folding (case, diacritics,
   punctuation), plural/gender/Flemish suffix rules and compound splitting (an eager
   :class:`~competence_bridge.language.lexicon.Lexicon`: every compound it can split), so word order, hyphens
   and ``verwarmings|installateur`` versus ``installateur verwarming`` stop mattering. A lone digit is a word
   (``mbo 4``), and an item's levels are labels of their own role (``VKS 5``, ``EQF 5``).
2. An inverted index from unit to labels (and to descriptions) finds candidates. A query word matches
   through its own units or, for less, the alternatives of :mod:`~competence_bridge.matching.search_words`
   (synonyms of the curated term pairs, weaker ones mined from official labels, derived words, close
   spellings); words of one or two letters (``hr``) match labels only, never running text. The rarest
   character 3-grams of the query add candidates that share no whole word. Keys are read rarest first, and
   reading stops once the best ``rerank`` cannot change or the ``posting_budget`` is spent
   (:mod:`~competence_bridge.matching.search_units`): a query touches a bounded part of the index.
3. A label scores ``(1 - g) · P^p · (1 + R) / 2 + g · C``: P is the IDF-weighted share of the query its
   units cover, where a word only its document's description covers counts ``joint``; R is the share of the
   label covered; C is the character 3-gram TF-IDF cosine above ``gram_floor``, rescaled to 0..1 (a weaker
   spelling likeness is noise, so a hit with nothing else drops out); g = ``gram_weight``, p =
   ``coverage_power``. An exact label (after folding; not a level) scores 1 and ranks first. Each label
   weighs by its role (``role_weights``). A document scores its best label's L plus
   ``description_weight · D · (1 - L)``, D the description's coverage of the query with BM25 term weights (a
   word counts ``tf / (tf + K)``, K = k1 · (1 - b + b · length / average length)). Hits under
   ``minimum_score`` are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from competence_bridge.display import Tabular
from competence_bridge.language.lexicon import Lexicon
from competence_bridge.language.terms import Vocabulary
from competence_bridge.language.text import fold
from competence_bridge.language.trigrams import Trigrams
from competence_bridge.matching.search_tables import ROLE_CODES, SearchTables
from competence_bridge.matching.search_units import UnitScores
from competence_bridge.matching.search_values import SearchValues
from competence_bridge.matching.search_words import QueryReader, QueryWord, best_alternatives, explain, surfaces

if TYPE_CHECKING:
    from competence_bridge.curated.matching_settings import SearchSettings

#: Label roles, in order of preference.
ROLES = ("pref", "alt", "hidden")


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing: an id (CURIE or IRI), its kind and region, labels, a description and its levels.

    ``labels`` holds ``(text, lang, role)`` triples with role ``'pref'``, ``'alt'`` or ``'hidden'``; ``levels``
    names the levels the item sits on as a person writes them (``'VKS 5'``, ``'EQF 5'``), so that a query
    that names a level finds what sits on it.
    """

    id: str
    kind: str
    region: str | None
    labels: tuple[tuple[str, str, str], ...]
    description: str | None = None
    levels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Refuse an unknown label role."""
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
    matched: str  # 'pref', 'alt', 'hidden', 'level' or 'description'
    explanation: tuple[str, ...]
    name: str = ""  # the document's preferred label (``label`` is the one that matched)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"id": self.id, "kind": self.kind, "region": self.region, "name": self.name or self.label,
                "label": self.label,
                "score": round(self.score, 4), "matched": self.matched, "explanation": list(self.explanation)}


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



class Document(NamedTuple):
    """What a hit shows of its document."""

    id: str
    kind: str
    region: str | None
    pref_label: str
    description: str | None


class SearchIndex:
    """An in-memory inverted index over search documents; build it with :meth:`build`.

    ``settings`` (the ``search`` section of the matching settings) are read at query time.
    """

    def __init__(self, documents: list[SearchDocument], lexicon: Lexicon, labels: list[tuple[int, str, str, str]],
                 tables: SearchTables, *, settings: SearchSettings | SearchValues, terms: Vocabulary) -> None:
        """Assemble the index from its documents, the analysed corpus, its labels ``(doc, text, lang, role)`` and
        their tables; use :meth:`build`."""
        lexicon.freeze()  # the corpus is analysed: its intermediate steps go before the spelling tables are built
        # what a hit needs of its document, without the labels (those are in the label table)
        self._documents: Sequence[Document] = [
            Document(doc.id, doc.kind, doc.region, doc.pref_label, doc.description) for doc in documents]
        self.lexicon = lexicon
        self.settings = settings
        # a label's document, role and keys are in the tables; its text and language here
        self._label_texts: Sequence[str] = [text for _d, text, _l, _r in labels]
        self._label_langs: Sequence[str] = [lang for _d, _t, lang, _r in labels]
        self._tables = tables
        self._idf = tables.idf
        self._unknown_idf = math.log(1 + max(len(documents), 1))
        lengths = tables.lengths
        self._average = float(lengths.sum()) / max(int((lengths > 0).sum()), 1) or 1.0
        # a label already folded (most are) is its own folded form: one string, not two
        self._folded: Sequence[str] = [
            text if folded == text else folded
            for text, folded in zip(self._label_texts, map(fold, self._label_texts), strict=True)]
        self._postings = tables.postings
        self._doc_postings = tables.description_postings
        self._grams = Trigrams(self._folded)
        keys_by_start: dict[str, list[str]] = {}
        for key in sorted(self._postings):
            keys_by_start.setdefault(key[:2], []).append(key)
        self._reader = QueryReader(lexicon, self._idf, self._unknown_idf, self._postings, keys_by_start,
                                   sorted(lexicon.surfaces()), terms)

    @property
    def settings(self) -> SearchValues:
        """The ``search`` section of the matching settings, read at query time (settable, as settings or values)."""
        return self._settings

    @settings.setter
    def settings(self, settings: SearchSettings | SearchValues) -> None:
        self._settings = SearchValues.of(settings)

    @classmethod
    def assembled(cls, documents: Sequence[Document], lexicon: Lexicon, label_texts: Sequence[str],
                  label_langs: Sequence[str], folded: Sequence[str], tables: SearchTables, grams: Trigrams,
                  reader: QueryReader, *, settings: SearchSettings | SearchValues, unknown_idf: float,
                  average: float) -> SearchIndex:
        """An index from the parts another one was made of (read back from a file: see
        :mod:`~competence_bridge.matching.search_file`); nothing is computed again."""
        index = cls.__new__(cls)
        index._documents, index.lexicon, index.settings = documents, lexicon, settings
        index._label_texts, index._label_langs, index._folded = label_texts, label_langs, folded
        index._tables, index._idf, index._unknown_idf, index._average = tables, tables.idf, unknown_idf, average
        index._postings, index._doc_postings = tables.postings, tables.description_postings
        index._grams, index._reader = grams, reader
        return index

    @classmethod
    def build(cls, documents: Iterable[SearchDocument], *, languages: Iterable[str] | None = None,
              settings: SearchSettings | None = None, terms: Vocabulary | None = None) -> SearchIndex:
        """Index *documents*; *languages* (e.g. ``("nl", "")``) restricts the labels indexed, default all.

        *settings* and *terms* default to those of the shipped taxonomies (``matching.yaml``, ``terms.yaml``).
        """
        if settings is None or terms is None:
            from competence_bridge.matching.settings import shipped  # pydantic models: only when building

            shipped_settings, shipped_terms = shipped()
            settings, terms = settings or shipped_settings.search, terms or shipped_terms
        docs = list(documents)
        wanted = None if languages is None else set(languages)
        entries = [(number, text, lang, role) for number, doc in enumerate(docs) for text, lang, role in doc.labels
                   if wanted is None or lang in wanted]
        lexicon = Lexicon.from_texts([doc.description for doc in docs if doc.description],
                                     titles=[text for _n, text, _l, _r in entries], eager=True, terms=terms.words)
        entries += [(number, name, "", "level") for number, doc in enumerate(docs) for name in doc.levels]

        def keys(text: str) -> Iterator[str]:
            return (unit.key for word in lexicon.analyse(text) for unit in word.units)

        def counts(text: str | None) -> dict[str, int]:
            found: dict[str, int] = {}
            for word in lexicon.analyse(text or ""):
                for unit in word.units:
                    found[unit.key] = found.get(unit.key, 0) + 1
            return found

        # analysed straight into the tables: no key set per label nor count dict per description is kept
        tables = SearchTables(((number, role, keys(text)) for number, text, _lang, role in entries),
                              (counts(doc.description) for doc in docs), [(doc.kind, doc.region) for doc in docs])
        return cls(docs, lexicon, entries, tables, settings=settings, terms=terms)

    def __len__(self) -> int:
        """The number of documents."""
        return len(self._documents)

    def search(self, text: str, *, region: str | None = None, kind: str | Iterable[str] | None = None,
               limit: int = 10, mined_synonyms: bool = True) -> list[SearchHit]:
        """The documents best matching *text*, best first.

        *region* keeps only documents of that region (``'BE-VLG'``, ``'NL'``; documents without a region,
        such as ESCO occupations, drop out); *kind* keeps one kind or any of several. *mined_synonyms* false
        leaves out the synonyms mined from labels.
        """
        settings = self.settings
        query = self._reader.read(text, settings, mined_synonyms)
        if not query or limit <= 0:
            return []
        kinds = None if kind is None else ({kind} if isinstance(kind, str) else set(kind))
        allowed = self._tables.allowed(region, kinds)
        roles, gram_weight, floor = settings.role_weights, settings.gram_weight, settings.gram_floor
        units = UnitScores(self, query, allowed).read(max(settings.rerank, limit))
        label_scores, described, fallback, doc_hits = units.labels, units.described, units.fallback, units.doc_hits
        top = set(units.best(max(settings.rerank, limit)))
        folded = fold(text[:self.lexicon.text_chars])
        vector = self._grams.vector(folded)
        near = self._grams.nearest(vector, settings.rerank)
        units.score(sorted(top | {int(self._tables.label_doc[number]) for number in near}))  # a hit's documents
        top.update(doc for doc in (int(self._tables.label_doc[number]) for number in near)
                   if allowed is None or allowed[doc])
        considered = label_scores.keys() | set(near)
        candidates = {doc: [number for number in self._tables.labels_of(doc) if number in considered] for doc in top}
        every = [number for numbers in candidates.values() for number in numbers]
        cosines = dict(zip(every, self._grams.cosines(vector, every), strict=True))
        ranked = []
        for doc in top:  # a document its description found scores at least as a label with no unit and spelling
            choice, number, exact = (1 - gram_weight) * fallback.get(doc, 0.0), -1, False
            for candidate in candidates[doc]:
                role = self._tables.role(candidate)
                same = self._folded[candidate] == folded and role != "level"
                own = label_scores.get(candidate)
                gram = max(0.0, cosines[candidate] - floor) / (1 - floor)
                score = 1.0 if same else (1 - gram_weight) * (fallback.get(doc, 0.0) if own is None else own) + (
                    gram_weight * gram)
                score *= roles[role]
                if (same, score) > (exact, choice):  # a label without a unit or spelling of its own: the description
                    choice, exact = score, same
                    number = candidate if same or own is not None or gram > 0 else -1
            description = described.get(doc, 0.0)
            if choice < settings.description_weight * description and not exact:
                number = -1
            ranked.append((exact, self._combine(choice, description), doc, number))
        ranked.sort(key=lambda item: (not item[0], -item[1], item[2]))  # an exact label first, then by score
        return [self._hit(query, text, doc, number, score, doc_hits.get(doc, frozenset()))
                for _exact, score, doc, number in ranked[:limit] if score >= settings.minimum_score]

    def labels_with_keys(self, kind: str) -> dict[str, tuple[str | None, tuple[tuple[int, frozenset[int]], ...]]]:
        """Every document of *kind* by id: its region, and its preferred and alternative labels, each as its number
        (:meth:`label_text`) and the numbers of its unit keys as indexed (nothing is analysed again)."""
        tables, wanted = self._tables, self._tables.kinds.index(kind) if kind in self._tables.kinds else -1
        # the slices of label_key_numbers and the codes of role, read in bulk: a third of the time for ~35k labels
        pointers, keys, roles = tables.label_keys_ptr.tolist(), tables.label_keys, tables.label_roles
        named = {ROLE_CODES.index("pref"), ROLE_CODES.index("alt")}
        found = {}
        for doc in (int(number) for number in (tables.doc_kinds == wanted).nonzero()[0]):
            document = self._documents[doc]
            found[document.id] = (document.region, tuple(
                (number, frozenset(keys[pointers[number]:pointers[number + 1]].tolist()))
                for number in tables.labels_of(doc) if roles[number] in named))
        return found

    def label_text(self, number: int) -> str:
        """The text of label *number* (as :meth:`labels_with_keys` numbers labels)."""
        return self._label_texts[number]

    def _combine(self, label: float, description: float) -> float:
        """A document's score from its best label score and its description's weighted coverage, in 0..1."""
        return label + self.settings.description_weight * description * (1 - label)

    def _hit(self, query: list[QueryWord], text: str, doc: int, number: int, score: float,
             described: frozenset[str]) -> SearchHit:
        """A hit with its explanation: the label (or description), then the rules, splits and variants used."""
        document = self._documents[doc]
        if number >= 0:
            label, lang, role = self._label_texts[number], self._label_langs[number], self._tables.role(number)
            keys = self._tables.label_key_list(number)
            notes = [f"level '{label}'" if role == "level"
                     else f"label '{label}' ({role}{', ' + lang if lang else ''})"]
            if self._folded[number] == fold(text) and role != "level":
                notes.append("same label" if " ".join(text.split()) == " ".join(label.split())
                             else "same label after folding case, diacritics and punctuation")
            matched = set(keys) & {key for qword in query for alt in qword.alternatives for key in alt.keys}
            if matched:
                notes += explain(query, best_alternatives(query, matched), self.lexicon.analyse(label))
            else:
                notes.append("similar spelling (character 3-grams)")
            if described - matched:
                notes.append("description also mentions " + surfaces(query, described - matched))
        else:
            label, role = document.pref_label, "description"
            notes = ["description mentions " + surfaces(query, described)]
            notes += explain(query, best_alternatives(query, described, True),
                             self.lexicon.analyse(document.description or ""))
        return SearchHit(document.id, document.kind, document.region, label, round(min(score, 1.0), 6), role,
                         tuple(dict.fromkeys(notes)), document.pref_label)
