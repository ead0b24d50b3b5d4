"""The RDF terms of one ESCO data set, in two spellings: rdflib terms and pyoxigraph terms.

:func:`competence_bridge.importers.esco_statements.statements` makes every term through one of these
classes, so the two give the very same statements: rdflib triples for ``triples()``, pyoxigraph quads
for ``quads()`` of a data set the reader did not make. A data set the reader made is written as Turtle
text instead (:mod:`competence_bridge.importers.esco_turtle`), the same statements in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, Namespace, URIRef

from competence_bridge.importers.esco_csv import normal_date_time  # noqa: F401 (importable from here as before)
from competence_bridge.rdf.curies import PREFIXES
from competence_bridge.rdf.namespaces import DCTERMS, SKOS, XSD

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pyoxigraph as ox

ESCO = Namespace(PREFIXES["esco"])
#: CSV ``skillType`` values → ESCO's skill-type concepts.
SKILL_TYPES = {
    "skill/competence": URIRef("http://data.europa.eu/esco/skill-type/skill"),
    "knowledge": URIRef("http://data.europa.eu/esco/skill-type/knowledge"),
}
#: CSV ``reuseLevel`` values → ESCO's skill-reuse-level concepts.
REUSE_LEVELS = {
    level: URIRef(f"http://data.europa.eu/esco/skill-reuse-level/{level}")
    for level in ("transversal", "cross-sector", "sector-specific", "occupation-specific")
}
#: CSV ``relationType`` values → the ESCO property linking an occupation to a skill.
RELATION_PROPERTIES = {"essential": ESCO.relatedEssentialSkill, "optional": ESCO.relatedOptionalSkill}
#: ESCO's publication status property (ISO 25964 SKOS extension).
ISO_THES_STATUS = URIRef("http://purl.org/iso25964/skos-thes#status")

_TEXT_PROPERTIES = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, ISO_THES_STATUS, DCTERMS.modified,
                    SKOS.scopeNote, SKOS.definition, DCTERMS.description, SKOS.inScheme)
_DATE_TIME_TYPE = XSD.dateTime


class Terms:
    """The rdflib terms of one data set, the repeated ones (schemes, groups, status) made once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._iris: dict[str, object] = {}
        self._plain: dict[str, object] = {}
        self._text_properties = tuple(self.const(iri) for iri in _TEXT_PROPERTIES)

    def node(self, value: str) -> URIRef:
        """The term of a concept IRI that is used only for one record's statements (not cached)."""
        return URIRef(value)

    def ref(self, value: str) -> URIRef:
        """The term of IRI *value*, shared between triples."""
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = self.node(value)
        return node  # type: ignore[return-value]

    def const(self, iri: URIRef) -> URIRef:
        """The term of a vocabulary IRI (a module constant)."""
        return iri

    def plain(self, value: str) -> Literal:
        """A literal without language or datatype (``xsd:string``)."""
        return Literal(value)

    def text(self, value: str, lang: str | None = None) -> Literal:
        """A literal in the data set's language (or *lang*)."""
        return Literal(value, lang=lang or self.lang)

    def typed(self, value: str, datatype: URIRef) -> Literal:
        """A literal of *datatype*, in rdflib's normal form of *value* (e.g. of an ``xsd:dateTime``)."""
        return Literal(value, datatype=datatype)

    def concept_text(self, node: object, pref: str, alts: tuple[str, ...], hidden: tuple[str, ...], status: str,
                     modified: str, scope_note: str, definition: str, description: str,
                     in_scheme: tuple[str, ...]) -> Iterator[tuple]:
        """Labels, notes, status, modification date and schemes of one concept."""
        pref_label, alt_label, hidden_label, status_of, modified_at, scope_of, definition_of, description_of, \
            in_scheme_of = self._text_properties
        text = self.text
        yield node, pref_label, text(pref)
        for label in alts:
            yield node, alt_label, text(label)
        for label in hidden:
            yield node, hidden_label, text(label)
        if status:
            literal = self._plain.get(status)
            if literal is None:
                literal = self._plain[status] = self.plain(status)
            yield node, status_of, literal
        if modified:
            yield node, modified_at, self.typed(modified, _DATE_TIME_TYPE)
        if scope_note:
            yield node, scope_of, text(scope_note)
        if definition:
            yield node, definition_of, text(definition)
        if description:
            yield node, description_of, text(description)
        for scheme in in_scheme:
            yield node, in_scheme_of, self.ref(scheme)


class OxigraphTerms(Terms):
    """The same terms as pyoxigraph terms, vocabulary IRIs made once."""

    def __init__(self, lang: str) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._constants: dict[str, ox.NamedNode] = {}
        super().__init__(lang)  # last: it makes vocabulary terms with const()

    def node(self, value: str) -> ox.NamedNode:  # type: ignore[override]
        """:meth:`Terms.node`, as a pyoxigraph term."""
        return self._ox.NamedNode(value)

    def const(self, iri: URIRef) -> ox.NamedNode:  # type: ignore[override]
        """:meth:`Terms.const`, as a pyoxigraph term."""
        node = self._constants.get(iri)
        if node is None:
            node = self._constants[iri] = self._ox.NamedNode(iri)
        return node

    def plain(self, value: str) -> ox.Literal:  # type: ignore[override]
        """:meth:`Terms.plain`, as a pyoxigraph term."""
        return self._ox.Literal(value)

    def text(self, value: str, lang: str | None = None) -> ox.Literal:  # type: ignore[override]
        """:meth:`Terms.text`, as a pyoxigraph term."""
        return self._ox.Literal(value, language=lang or self.lang)

    def typed(self, value: str, datatype: URIRef) -> ox.Literal:  # type: ignore[override]
        """:meth:`Terms.typed`, as a pyoxigraph term."""
        # Through rdflib on purpose: its normal form ("…:50.295000+00:00" for "…:50.295Z") is what triples() gives.
        return self._ox.Literal(str(Literal(value, datatype=datatype)), datatype=self.const(datatype))
