"""The object a user holds: the loaded graph and the lookups over it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import IO

from rdflib import Graph

from competence_bridge.rdf.catalog import Catalog, LevelRef, TypeRef
from competence_bridge.errors import AmbiguousItemError, CompetenceBridgeError, UnknownFrameworkError, UnknownItemError
from competence_bridge.reports.levels import LevelReport, RecognitionLine, RecognitionReport
from competence_bridge.language.text import normalize, suggest


#: Regions and kinds :meth:`Bridge.search` filters on.
SEARCH_REGIONS = ("BE-VLG", "NL")
SEARCH_KINDS = ("qualification", "job-profile", "qualification-type", "competence", "occupation")


class Bridge:
    """Frameworks, qualification types and recognitions of both sides as one RDF graph.

    Create one with :func:`competence_bridge.load`. ``bridge.graph`` is a plain
    ``rdflib.Graph``; the lookups below are SPARQL over it.
    """

    def __init__(self, graph: Graph, *, taxonomy_files: Sequence[Path] = (), identity: str | None = None) -> None:
        """Wrap *graph*; *identity* names its content (same identity, same graph) so that the
        prepared translator can be kept in the cache (see :mod:`competence_bridge.backends.prepared`)."""
        self.graph = graph
        self.catalog = Catalog(graph)
        self.taxonomy_files = tuple(taxonomy_files)
        self.identity = identity

    @cached_property
    def taxonomy(self):  # noqa: ANN201 (Taxonomy; imported lazily to keep start-up cheap)
        """The validated curated data the graph was built from (term layer, false friends, settings)."""
        from competence_bridge.curated.taxonomy import read_taxonomy

        return read_taxonomy(self.taxonomy_files)

    @cached_property
    def items(self):  # noqa: ANN201
        """The :class:`~competence_bridge.rdf.items.ItemTable` of translatable items (read once)."""
        if self.identity is not None:
            return self.translator.table  # prepared together, and kept in the cache
        from competence_bridge.rdf.items import ItemTable

        return ItemTable.from_graph(self.graph)

    @cached_property
    def translator(self):  # noqa: ANN201
        """The :class:`~competence_bridge.matching.translate.Translator` over this graph.

        With an identity, a translator prepared before for the same graph is read from the cache,
        and a new one is prepared for both sides and kept there.
        """
        if self.identity is None:
            return self._new_translator(self.items)
        from competence_bridge.rdf.items import ItemTable
        from competence_bridge.backends.prepared import load_prepared, save_prepared

        translator = load_prepared(self.identity)
        if translator is not None:
            translator.attach(self._describe_level, self._recognitions_from)
            return translator
        translator = self._new_translator(ItemTable.from_graph(self.graph)).prepare()
        save_prepared(self.identity, translator)
        return translator

    def _new_translator(self, table):  # noqa: ANN001, ANN202
        from competence_bridge.matching.lexical import TermLayer
        from competence_bridge.matching.translate import FalseFriendRule, Settings, Translator

        taxonomy = self.taxonomy
        if not taxonomy.matching:
            raise CompetenceBridgeError("no matching settings are loaded (taxonomies/matching.yaml)")
        raw = taxonomy.matching[-1]
        settings = Settings(**raw.model_dump(exclude={"id"}))
        terms = TermLayer((pair.id, pair.be, pair.nl, pair.relation) for pair in taxonomy.term_pairs)
        friends = [FalseFriendRule(f.id, f.be, f.nl, f.action, f.warning.nl, f.warning.en)
                   for f in taxonomy.false_friends]
        return Translator(table, settings=settings, terms=terms, false_friends=friends,
                          describe_level=self._describe_level, recognitions=self._recognitions_from)

    def _describe_level(self, level_id: str) -> str:
        level = self.catalog.levels.get(level_id)
        if level is None:
            return level_id
        eqf = f" (EQF {level.eqf.partition(':')[2]})" if level.eqf and level.framework != "eqf" else ""
        return f"{level.framework.upper()} {level.notation}{eqf}"

    def _recognitions_from(self, item):  # noqa: ANN001, ANN202
        type_id = item.id if item.kind == "qualification-type" else item.qualification_type
        if not type_id or type_id not in self.catalog.types:
            return []
        found = []
        for row in self.catalog.statements_about(type_id):
            if row.subject != type_id:
                continue
            instrument = self.catalog.instruments[row.instrument]
            target = row.object or row.level
            target_label = (self.catalog.types[target].label if target in self.catalog.types
                            else self._describe_level(target))
            qualifier = f" ({row.qualifier})" if row.qualifier else ""
            description = (f"{instrument.authority} waardeert {self.catalog.types[type_id].label} als "
                           f"{target_label}{qualifier} [{row.from_region} → {row.to_region}]")
            # a type-to-type valuation is stronger evidence than a level-only one; "soms" weakens it
            strength = 0.6 if row.qualifier else (1.0 if row.object else 0.7)
            found.append((instrument.id, row.object, row.level, description, strength))
        return found

    # --- search ----------------------------------------------------------------------------

    @cached_property
    def search_index(self):  # noqa: ANN201
        """The :class:`~competence_bridge.matching.search.SearchIndex` over everything loaded (built on first use)."""
        from competence_bridge.matching.search import SearchIndex, documents_from_graph

        if self.identity is None:
            return SearchIndex.build(documents_from_graph(self.graph))
        from competence_bridge.backends.prepared import load_prepared, save_prepared

        index = load_prepared(self.identity, "search")
        if index is None:
            index = SearchIndex.build(documents_from_graph(self.graph))
            save_prepared(self.identity, index, "search")
        return index

    def search(self, text: str, *, region: str | None = None, kind: str | Sequence[str] | None = None,
               limit: int = 10):  # noqa: ANN201
        """Everything loaded whose labels or description match *text*, best first, each hit explained.

        Dutch-aware: case, diacritics, hyphens, compounds, gender forms and word order do not matter
        (see :mod:`competence_bridge.matching.search`).

        >>> load().search("kinesitherapeute", region="BE-VLG").hits[0].id  # doctest: +SKIP
        'vl:job.kinesitherapeut'

        :param region: ``'BE-VLG'`` or ``'NL'`` keeps that side only (ESCO occupations have no side)
        :param kind: ``qualification``, ``job-profile``, ``qualification-type``, ``competence`` or
            ``occupation``, or several of them
        :raises UnknownItemError: for an unknown region or kind
        """
        from competence_bridge.matching.search import SearchResult

        kinds = () if kind is None else ((kind,) if isinstance(kind, str) else tuple(kind))
        if region is not None and region not in SEARCH_REGIONS:
            raise UnknownItemError(region, kind="region", suggestions=list(SEARCH_REGIONS))
        for name in kinds:
            if name not in SEARCH_KINDS:
                raise UnknownItemError(name, kind="kind", suggestions=suggest(name, list(SEARCH_KINDS)) or list(SEARCH_KINDS))
        if not text.strip():
            raise CompetenceBridgeError("nothing to search for: the search text is empty")
        hits = self.search_index.search(text, region=region, kind=kinds or None, limit=limit)
        return SearchResult(text, tuple(hits), region, kinds)

    # --- translation -----------------------------------------------------------------------

    #: Which kind a shared label names first: a qualification has a level, a job profile does not.
    _KIND_PRIORITY = {"qualification": 0, "qualification-type": 1, "job-profile": 2, "occupation": 3}

    def _named(self, query: str, region: str | None, *, occupations: bool) -> list[tuple[int, object]]:
        """Items whose preferred (rank 0) or alternative (rank 1) label is *query*, ignoring case, accents, hyphens."""
        wanted = normalize(query)
        found = []
        for item in self.items.items.values():
            if (region is not None and item.region != region) or (item.kind == "occupation" and not occupations):
                continue
            if normalize(item.label) == wanted:
                found.append((0, item))
            elif any(normalize(label) == wanted for label in item.alt_labels):
                found.append((1, item))
        return found

    def resolve_item(self, query: str, *, region: str | None = None):  # noqa: ANN201
        """An item (qualification, job profile, qualification type, ESCO occupation) by id or exact label.

        A preferred label wins over an alternative one; among items of one label, a qualification
        over a qualification type over a job profile over an ESCO occupation. Returns ``None`` when
        *query* names nothing, so callers can treat it as free text.

        :raises AmbiguousItemError: when the best label names several items of the same kind
        """
        from competence_bridge.rdf.curies import compress

        items = self.items.items
        text = query.strip()
        if text in items or compress(text) in items:
            return items[text] if text in items else items[compress(text)]
        named = self._named(text, region, occupations=True)
        if not named:
            return None
        rank = min(rank for rank, _ in named)
        hits = [item for found, item in named if found == rank]
        best = min(self._KIND_PRIORITY[item.kind] for item in hits)
        hits = [item for item in hits if self._KIND_PRIORITY[item.kind] == best]
        if len(hits) > 1:
            raise AmbiguousItemError(query, sorted(item.id for item in hits))
        return hits[0]

    def matching_items(self, query: str, *, region: str | None = None) -> list:
        """Curated items whose preferred or alternative label is *query* (ignoring case, accents, hyphens)."""
        found = [item for _, item in self._named(query, region, occupations=False)]
        return sorted(found, key=lambda item: (self._KIND_PRIORITY[item.kind], item.id))

    def translate(self, item: str, *, to: str | None = None, limit: int = 5, reviews=None):  # noqa: ANN001, ANN201
        """Ranked counterparts of *item* on the other side.

        *item* is an id (one item), a label (every curated item with that name is translated and
        the candidates merged: a title can be a qualification and a job profile at once), or free
        text (matched on words, morphology, the term layer and ESCO labels).

        >>> load().translate("kinesitherapeut", to="NL").candidates[0].target.id  # doctest: +SKIP
        'nl:hbo-fysiotherapie'
        """
        import dataclasses

        from competence_bridge.rdf.curies import compress
        from competence_bridge.rdf.items import Item
        from competence_bridge.matching.translate import OTHER_SIDE, Translation

        if to is not None and to not in OTHER_SIDE:
            raise UnknownItemError(to, kind="region", suggestions=sorted(OTHER_SIDE))
        text = item.strip()
        by_id = self.items.items.get(text) or self.items.items.get(compress(text))
        sources = [by_id] if by_id is not None else self.matching_items(text, region=OTHER_SIDE[to] if to else None)
        if to is None:
            regions = {source.region for source in sources if source.region in OTHER_SIDE}
            if len(regions) != 1:
                if not sources:
                    raise UnknownItemError(item, kind="item (free text needs to='NL' or to='BE-VLG')",
                                           suggestions=self._suggest_items(item))
                if not regions:
                    raise CompetenceBridgeError(f"{sources[0].id} belongs to neither side (an ESCO occupation); "
                                                "say where to translate it: to='NL' or to='BE-VLG' (--to)")
                raise AmbiguousItemError(item, sorted(source.id for source in sources))
            to = OTHER_SIDE[regions.pop()]
        for source in sources:
            if source.region == to:
                raise CompetenceBridgeError(f"{source.id} is already on the {to} side; translate to "
                                            f"{OTHER_SIDE[to]} or pick an item of the other side")
        if not sources:
            free = Item(id=f"text:{normalize(text).replace(' ', '-')}", kind="text", region=OTHER_SIDE[to], label=text)
            for occupation in self.items.items.values():
                if occupation.kind == "occupation" and any(normalize(l) == normalize(text) for l in occupation.labels):
                    free.esco.add(occupation.id)
                    free.isco |= occupation.isco
            sources = [free]
        translations = [self.translator.translate(source, to, limit=limit) for source in sources]
        if reviews is not None:
            translations = [self._apply_reviews(t, reviews) for t in translations]
        if len(translations) == 1:
            return translations[0]
        best: dict[str, object] = {}
        for translation in translations:
            via = (f"Via {translation.source.label} ({translation.source.id}).",)
            for candidate in translation.candidates:
                known = best.get(candidate.target.id)
                if known is None or candidate.confidence > known.confidence:  # type: ignore[attr-defined]
                    best[candidate.target.id] = dataclasses.replace(
                        candidate, explanation=via + candidate.explanation, explanation_en=via + candidate.explanation_en)
        ranked = sorted(best.values(), key=lambda c: (c.review != "accepted", -c.confidence, c.target.id))  # type: ignore[attr-defined]
        return Translation(sources[0], to, tuple(ranked[:limit]), via=tuple(s.id for s in sources))

    def _apply_reviews(self, translation, reviews):  # noqa: ANN001, ANN202
        """Merge review decisions: accepted ones win, rejected ones go, unsure ones are marked."""
        import dataclasses

        from competence_bridge.sssom.review import ReviewLog, status_of
        from competence_bridge.matching.translate import compare_levels

        log = reviews if isinstance(reviews, ReviewLog) else ReviewLog.open(reviews)
        source = translation.source
        merged = []
        seen = set()
        for candidate in translation.candidates:
            decision = log.decisions.get((source.id, candidate.target.id))
            seen.add(candidate.target.id)
            if decision is None:
                merged.append(candidate)
                continue
            status = status_of(decision)
            if status == "rejected":
                continue
            note_nl = (f"Beoordeeld door {log.reviewer_of(decision)} op {decision.mapping_date}: "
                       f"{'aanvaard' if status == 'accepted' else 'twijfel'}.")
            note_en = f"Reviewed by {log.reviewer_of(decision)} on {decision.mapping_date}: {status}."
            merged.append(dataclasses.replace(
                candidate,
                predicate=decision.predicate_id if status == "accepted" else candidate.predicate,
                confidence=1.0 if status == "accepted" else candidate.confidence,
                justification=decision.mapping_justification if status == "accepted" else candidate.justification,
                explanation=(note_nl, *candidate.explanation), explanation_en=(note_en, *candidate.explanation_en),
                review=status))
        for (subject, target_id), decision in sorted(log.decisions.items()):
            if subject != source.id or target_id in seen or status_of(decision) != "accepted":
                continue
            target = self.items.items.get(target_id)
            if target is None:
                continue  # the target left the data; revalidation reports it
            from competence_bridge.matching.translate import Candidate

            note = f"Beoordeeld door {log.reviewer_of(decision)} op {decision.mapping_date}: aanvaard."
            merged.append(Candidate(target, decision.predicate_id, 1.0, decision.mapping_justification, {},
                                    (note,), (f"Reviewed by {log.reviewer_of(decision)}: accepted.",),
                                    compare_levels(source, target), review="accepted"))
        merged.sort(key=lambda c: (c.review != "accepted", -c.confidence, c.target.id))
        return dataclasses.replace(translation, candidates=tuple(merged))

    def review(self, path, subject: str, object: str, decision: str, reviewer: str, *,  # noqa: A002, ANN001, ANN201
               date=None, comment: str | None = None, predicate: str | None = None):  # noqa: ANN001
        """Record a decision on the proposed mapping *subject* → *object* in the review file at *path*.

        The mapping must be one the translation proposes (or one decided before); otherwise
        nothing is written. Returns the decision row.
        """
        from competence_bridge.sssom.review import ReviewError, ReviewLog
        from competence_bridge.matching.translate import OTHER_SIDE

        log = ReviewLog.open(path)
        source, target = self.require_item(subject), self.require_item(object)
        proposal = log.decisions.get((source.id, target.id))
        if proposal is None:
            to = target.region if target.region in OTHER_SIDE else OTHER_SIDE.get(source.region or "", "NL")
            translation = self.translator.translate(source, to, limit=1000)
            found = [c for c in translation.candidates if c.target.id == target.id]
            if not found:
                raise ReviewError(f"no proposed mapping from {source.id} to {target.id}; "
                                  f"translate {source.id} to see the proposals")
            proposal = found[0].to_mapping(source)
        row = log.decide(proposal, decision, reviewer, date=date, comment=comment, predicate=predicate)
        log.save()
        return row

    def competence_proposals(self, a: str, b: str, *, limit: int = 3):  # noqa: ANN201
        """Proposed mappings from every competence of A to the closest competences of B (SSSOM rows).

        This is what a translation exercise walks through: each row can be accepted, rejected or
        marked unsure with the review mechanism (:class:`~competence_bridge.sssom.review.ReviewLog`).
        """
        from competence_bridge.sssom.mapping import Mapping

        first, second = self.require_item(a), self.require_item(b)
        translator = self.translator
        threshold = translator.settings.competence_threshold
        rows = []
        for competence in first.competences:
            scored = sorted(((translator.competence_similarity(competence, other), other.id, other)
                             for other in second.competences), key=lambda t: (-t[0], t[1]))
            for score, _, other in scored[:limit]:
                if score <= 0:
                    continue
                shared_skill = competence.esco_skills & other.esco_skills
                words = translator.shared_words(competence, other)
                if shared_skill:
                    why = f"Zelfde ESCO-vaardigheid: {', '.join(sorted(shared_skill))}."
                else:
                    why = "Gedeelde woorden: " + ", ".join(x if x == y else f"{x}~{y}" for x, y in words) + "."
                predicate = "skos:closeMatch" if score >= threshold else "skos:relatedMatch"
                rows.append(Mapping(
                    subject_id=competence.id, subject_label=competence.text, subject_category="competence",
                    predicate_id=predicate, object_id=other.id, object_label=other.text, object_category="competence",
                    mapping_justification="semapv:MappingChaining" if shared_skill
                    else "semapv:LexicalSimilarityThresholdMatching",
                    confidence=round(score, 4), comment=why,
                    other=f"subject_owner={first.id}|object_owner={second.id}|covered={'yes' if score >= threshold else 'no'}"))
        return rows

    def evaluate(self, gold, *, k: int = 3):  # noqa: ANN001, ANN201
        """Score this bridge's translations against a gold SSSOM file or mapping set (see :mod:`.evaluate`)."""
        from competence_bridge.matching.evaluate import evaluate
        from competence_bridge.sssom.mapping import MappingSet
        from competence_bridge.sssom.tsv import read_sssom

        gold_set = gold if isinstance(gold, MappingSet) else read_sssom(gold)

        def translate(subject: str, region: str, limit: int) -> list[tuple[str, bool]]:
            item = self.items.items.get(subject)
            if item is None:
                return []
            result = self.translator.translate(item, region, limit=limit)
            return [(c.target.id, c.levels.mismatch) for c in result.candidates]

        def region_of(item_id: str) -> str:
            item = self.items.items.get(item_id)
            return item.region if item is not None and item.region else "NL"

        return evaluate(translate, gold_set, k=k, region_of=region_of)

    def mapping_set(self, *, source_region: str = "BE-VLG", kinds=("qualification", "job-profile",  # noqa: ANN001
                    "qualification-type"), limit: int = 3, reviews=None):  # noqa: ANN001, ANN201
        """Translate every curated item of one side and return the proposals as an SSSOM mapping set."""
        import datetime as dt

        from competence_bridge.sssom.mapping import MappingSet
        from competence_bridge.progress import track
        from competence_bridge.matching.translate import OTHER_SIDE

        mappings = []
        to = OTHER_SIDE[source_region]
        items = sorted((item for item in self.items.items.values()
                        if item.region == source_region and item.kind in kinds), key=lambda i: i.id)
        for item in track(items, f"vertalen {source_region} → {to}"):
            translation = self.translator.translate(item, to, limit=limit)
            if reviews is not None:
                translation = self._apply_reviews(translation, reviews)
            mappings.extend(candidate.to_mapping(item) for candidate in translation.candidates)
        from importlib.metadata import PackageNotFoundError, version

        try:
            tool_version = version("competence-bridge")
        except PackageNotFoundError:
            tool_version = None
        return MappingSet(
            mapping_set_id=f"https://w3id.org/competence-bridge/mappings/{source_region.lower()}-to-{to.lower()}",
            mapping_set_title=f"competence-bridge proposals {source_region} → {to}",
            license="https://creativecommons.org/licenses/by/4.0/",
            subject_source=f"competence-bridge taxonomies ({source_region})", object_source=f"competence-bridge ({to})",
            mapping_date=dt.date.today(), mapping_tool="competence-bridge", mapping_tool_version=tool_version,
            mappings=tuple(mappings))

    def item(self, query: str):  # noqa: ANN201
        """The qualification, job profile, qualification type or ESCO occupation named by an id or label.

        In Jupyter it shows as a card with its level, code, anchors and competences.

        >>> load().item("zorgkundige").id  # doctest: +SKIP
        'vl:bk-zorgkundige'

        :raises UnknownItemError: with "did you mean" suggestions when nothing has that id or label
        :raises AmbiguousItemError: when the label names several items of the same kind
        """
        return self.require_item(query)

    def require_item(self, query: str):  # noqa: ANN201
        """Like :meth:`resolve_item`, but an unknown id or label raises with suggestions."""
        item = self.resolve_item(query)
        if item is None:
            raise UnknownItemError(query, kind="item", suggestions=self._suggest_items(query))
        return item

    def compare(self, a: str, b: str):  # noqa: ANN201
        """Gap report between two qualifications or job profiles (ids or labels), competence by competence.

        A is what a person has, B what they aim for: the report says what of B is covered and missing.
        """
        from competence_bridge.reports.gap import CompetenceMatch, GapReport
        from competence_bridge.matching.translate import compare_levels

        first, second = self.require_item(a), self.require_item(b)
        translator = self.translator
        threshold = translator.settings.competence_threshold

        def matches(source, target):  # noqa: ANN001, ANN202
            found = []
            for competence in source.competences:
                scored = [(translator.competence_similarity(competence, other), other) for other in target.competences]
                score, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
                found.append(CompetenceMatch(competence, best if score > 0 else None, score, score >= threshold))
            return tuple(found)

        levels = compare_levels(first, second)
        recognitions = []
        for source, target in ((first, second), (second, first)):
            for _, obj, level, description, _ in self._recognitions_from(source):
                type_ids = {target.id, target.qualification_type}
                if obj in type_ids or (level is not None and level in target.levels):
                    recognitions.append(description)
        return GapReport(first, second, matches(first, second), matches(second, first), levels,
                         levels.explain(self._describe_level, "nl"), levels.explain(self._describe_level, "en"),
                         tuple(recognitions), threshold)

    def _suggest_items(self, query: str) -> list[str]:
        labels = [item.label for item in self.items.items.values() if item.kind != "occupation"]
        return suggest(query, labels)

    # --- levels ------------------------------------------------------------------------

    def resolve_level(self, framework: str, level: str) -> LevelRef:
        """The level written *level* (``5``, ``4+``, ``entry``) in *framework* (``vks``, ``nlqf``, ``eqf``).

        :raises UnknownFrameworkError: for a framework that is not loaded
        :raises UnknownItemError: for a level the framework does not have
        """
        key = framework.strip().lower()
        levels = self.catalog.levels
        if key not in self.catalog.frameworks:
            raise UnknownFrameworkError(framework, suggestions=suggest(framework, self.catalog.frameworks))
        wanted = normalize(level)
        in_framework = [ref for ref in levels.values() if ref.framework == key]
        for ref in in_framework:
            if wanted in {normalize(ref.notation), normalize(ref.id.partition(":")[2]), normalize(ref.id),
                          normalize(ref.label), normalize(ref.label_en)}:
                return ref
        notations = [ref.notation for ref in in_framework]
        raise UnknownItemError(level, kind=f"{key} level", suggestions=suggest(level, notations) or notations)

    def level(self, framework: str, level: str) -> LevelReport:
        """A level, its EQF level, its equivalents in the other frameworks and what sits on it.

        >>> report = load().level("vks", "5")
        >>> [ref.id for ref in report.equivalents]
        ['nlqf:5']
        """
        ref = self.resolve_level(framework, level)
        levels = self.catalog.levels
        eqf = levels.get(ref.eqf) if ref.eqf else None
        if ref.eqf is None:
            equivalents: tuple[LevelRef, ...] = ()
            at_level = {ref.id}
        else:
            equivalents = tuple(other for other in levels.values()
                                if other.eqf == ref.eqf and other.id != ref.id and other.framework != "eqf")
            at_level = {other.id for other in levels.values() if other.eqf == ref.eqf}
        regions = ("BE-VLG", "NL")
        types = {
            region: tuple(t for t in self.catalog.types.values() if t.region == region and at_level & set(t.levels))
            for region in regions
        }
        return LevelReport(ref, eqf, equivalents, types)

    # --- qualification types ---------------------------------------------------------------

    def resolve_type(self, query: str) -> TypeRef:
        """The qualification type with this id (``nl:havo``) or label ("havo", "diploma secundair onderwijs BSO").

        A preferred label wins over an alternative label; several equally good matches raise.

        :raises UnknownItemError: with close suggestions when nothing matches
        :raises AmbiguousItemError: when a label names several types
        """
        types = self.catalog.types
        text = query.strip()
        if text in types:
            return types[text]
        wanted = normalize(text)
        by_rank: dict[bool, set[str]] = {True: set(), False: set()}
        for type_id, label, preferred in self.catalog.type_labels:
            if normalize(label) == wanted:
                by_rank[preferred].add(type_id)
        for preferred in (True, False):
            hits = by_rank[preferred]
            if len(hits) == 1:
                return types[hits.pop()]
            if len(hits) > 1:
                raise AmbiguousItemError(query, sorted(hits))
        choices = list(types) + [label for _, label, _ in self.catalog.type_labels]
        raise UnknownItemError(query, kind="qualification type", suggestions=suggest(query, choices))

    def recognitions(self, item: str) -> RecognitionReport:
        """Every recognition statement about a qualification type, in either role, direction first.

        Instruments that are not in force but cover the type's sector and region are listed
        separately, so "there is no recognition" is said, not left to guess.
        """
        ref = self.resolve_type(item)
        catalog = self.catalog
        lines = []
        for row in catalog.statements_about(ref.id):
            lines.append(RecognitionLine(
                statement=row,
                instrument=catalog.instruments[row.instrument],
                subject=catalog.types[row.subject],
                object=catalog.types.get(row.object) if row.object else None,
                level=catalog.levels.get(row.level) if row.level else None,
            ))
        lines.sort(key=lambda line: (line.statement.subject != ref.id, line.direction,
                                     line.instrument.date or "", line.instrument.id, line.statement.id))
        not_in_force = tuple(
            instrument for instrument in catalog.instruments.values()
            if instrument.status == "not-in-force" and ref.sector in instrument.sectors
            and any(ref.region in pair for pair in instrument.directions)
        )
        return RecognitionReport(ref, tuple(lines), not_in_force)

    # --- export ----------------------------------------------------------------------------

    def export(self, fmt: str, out: str | Path | IO[bytes]) -> None:
        """Write the graph as ``ttl``, ``nt`` or ``jsonld`` to a path (atomically) or a binary stream."""
        from competence_bridge.rdf.graph import export

        export(self.graph, fmt, out)

    def add_mappings(self, mappings) -> int:  # noqa: ANN001
        """Add an SSSOM mapping set (a file or a :class:`~competence_bridge.sssom.mapping.MappingSet`) to the graph.

        Written as SSSOM/RDF (:mod:`competence_bridge.sssom.rdf`): every mapping reified, curated
        positive ones also asserted. Returns the number of triples added.
        """
        from competence_bridge.rdf.graph import add_triples
        from competence_bridge.sssom.mapping import MappingSet
        from competence_bridge.sssom.rdf import mapping_set_triples
        from competence_bridge.sssom.tsv import read_sssom

        mapping_set = mappings if isinstance(mappings, MappingSet) else read_sssom(mappings)
        return add_triples(self.graph, list(mapping_set_triples(mapping_set)))

    def publish(self, update_url: str, named_graph: str, *, query_url: str | None = None, mappings=None) -> int:  # noqa: ANN001
        """Replace *named_graph* on a SPARQL 1.1 endpoint with this graph, or with a mapping set, atomically.

        See :func:`competence_bridge.backends.endpoint.publish`; with *mappings* (an SSSOM file or mapping
        set) only that set is published, as SSSOM/RDF. Returns the number of triples published.
        """
        from competence_bridge.backends.endpoint import publish

        graph = self.graph
        if mappings is not None:
            from competence_bridge.sssom.mapping import MappingSet
            from competence_bridge.sssom.rdf import mapping_set_graph
            from competence_bridge.sssom.tsv import read_sssom

            graph = mapping_set_graph(mappings if isinstance(mappings, MappingSet) else read_sssom(mappings))
        return publish(graph, update_url, named_graph, query_url=query_url)

    @cached_property
    def size(self) -> int:
        """Number of triples (counted once; on large graphs this is a full scan)."""
        return len(self.graph)


PathArg = str | Path | Iterable[str | Path]


def load(
    yaml: PathArg = (),
    *,
    esco: PathArg = (),
    sbb: PathArg = (),
    brc: PathArg = (),
    bk: PathArg = (),
    store: str = "oxigraph",
    cache: bool = True,
    location: str | Path | None = None,
    endpoint: str | None = None,
    graphs: str | Sequence[str] = (),
) -> Bridge:
    """Load the shipped taxonomies, plus any extra curated YAML and official data sets, as one graph.

    >>> bridge = load(esco="../shared/data/esco-nl-1.2.0")          # doctest: +SKIP
    >>> bridge = load(sbb=["2635_Pedagogisch_Werk.xml", "2637_Sociaal_werk.xml"])  # doctest: +SKIP
    >>> bridge = load(location="bridge-store")                      # doctest: +SKIP
    >>> bridge = load(endpoint="http://localhost:7878/query", graphs=[graph_iri("esco-nl", "1.2.0")])  # doctest: +SKIP

    Three backends: in memory (the default), a persistent store on disk built before with
    ``competence-bridge store build DIR`` or :func:`competence_bridge.backends.store.compile_store`
    (*location*; reopened in milliseconds, nothing is imported again), or a SPARQL 1.1 endpoint
    (*endpoint*, its query URL; *graphs* are the named graphs to query, see ``publish``).

    :param yaml: extra taxonomy files or directories, validated together with the shipped ones
    :param esco: ESCO CSV export directories (any language)
    :param sbb: SBB kwalificatiedossier XML files
    :param brc: the CBS BRC 2014 - ISCO-08 CSV
    :param bk: Flemish beroepskwalificatie JSON records (onderwijs-API shape)
    :param store: ``oxigraph`` (default) or ``memory`` (rdflib's own store), for the in-memory backend
    :param cache: reuse a compiled graph of exactly the same inputs from the cache directory
    :param location: a store directory to open read-only instead of compiling the inputs
    :param endpoint: a SPARQL endpoint's query URL to query instead of compiling the inputs
    :param graphs: with *endpoint*: named graph IRIs queried together as the default graph
    :raises TaxonomyError: if a YAML file fails validation; nothing is loaded then
    :raises SourceFormatError: if a data file is malformed; nothing is loaded then
    :raises StoreError: if *location* is not a store
    """
    sources = _sources(esco=esco, sbb=sbb, brc=brc, bk=bk)
    if location is not None and endpoint is not None:
        raise CompetenceBridgeError("choose one backend: a store location or an endpoint, not both")
    if location is not None:
        if sources or _paths(yaml):
            raise CompetenceBridgeError(f"{location}: a store holds the data it was built with; to add data, "
                                        f"rebuild it: competence-bridge store build {location} --with KIND:PATH")
        from competence_bridge.backends.store import open_store

        return Bridge(open_store(location), taxonomy_files=_store_yaml(location), identity=_store_identity(location))
    files = _files(_paths(yaml))
    if endpoint is not None:
        if sources:
            raise CompetenceBridgeError(f"{endpoint}: an endpoint serves the data published to it; to add data, "
                                        "publish it: competence-bridge publish --with KIND:PATH ...")
        from competence_bridge.backends.endpoint import endpoint_graph

        return Bridge(endpoint_graph(endpoint, graphs=graphs), taxonomy_files=files)
    if graphs:
        raise CompetenceBridgeError("named graphs are chosen only on an endpoint (give endpoint= as well)")
    from competence_bridge.backends.compile import compiled_graph, compiled_key

    return Bridge(compiled_graph(files, sources, store=store, cache=cache), taxonomy_files=files,
                  identity=compiled_key(files, sources) if cache else None)


def _store_identity(location: str | Path) -> str:
    """A store's identity: where it is and which build it holds (a rebuild gets a new one)."""
    import hashlib

    from competence_bridge.backends.store import MANIFEST

    manifest = (Path(location) / MANIFEST).read_bytes()
    return "store:" + hashlib.sha256(str(Path(location).resolve()).encode() + b"\0" + manifest).hexdigest()


def build_store(directory: str | Path, yaml: PathArg = (), *, esco: PathArg = (), sbb: PathArg = (),
                brc: PathArg = (), bk: PathArg = (), cache: bool = True):  # noqa: ANN201
    """Compile the inputs as :func:`load` does and build a persistent store of them in *directory*.

    The store replaces one already there only once it is complete. Afterwards
    ``load(location=directory)`` reopens it in milliseconds. Returns its
    :class:`~competence_bridge.backends.store.StoreManifest`.

    >>> build_store("bridge-store", esco="../shared/data/esco-nl-1.2.0")  # doctest: +SKIP
    """
    from competence_bridge.backends.store import compile_store

    sources = _sources(esco=esco, sbb=sbb, brc=brc, bk=bk)
    return compile_store(directory, _files(_paths(yaml)), sources, cache=cache)


def _store_yaml(location: str | Path) -> list[Path]:
    """The taxonomy files a store was compiled from; shipped ones found again where the package now lives."""
    from competence_bridge.backends.store import StoreError, store_manifest
    from competence_bridge.curated.resources import shipped_files

    shipped = {path.name: path for path in shipped_files()}
    found = []
    for path in store_manifest(location).yaml_files:
        if path.is_file():
            found.append(path)
        elif path.name in shipped:  # the package was reinstalled elsewhere since the build
            found.append(shipped[path.name])
        else:
            raise StoreError(f"{location}: the store was built with {path}, which is gone; "
                             f"rebuild it: competence-bridge store build {location}")
    return found or list(shipped.values())


def _sources(**by_kind: PathArg) -> list[tuple[str, Path]]:
    """The imported inputs as (importer kind, path), from ``load()``-style keyword arguments."""
    return [(kind, path) for kind, arg in by_kind.items() for path in _paths(arg)]


def _paths(arg: PathArg) -> list[Path]:
    if isinstance(arg, (str, Path)):
        return [Path(arg)]
    return [Path(item) for item in arg]


def _files(extra: Iterable[Path]) -> Sequence[Path]:
    from competence_bridge.curated.resources import shipped_files

    paths = list(shipped_files())
    for path in extra:
        paths.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return paths
