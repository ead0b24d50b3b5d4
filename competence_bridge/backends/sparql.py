"""SPARQL text that cannot be subverted, and the two requests the endpoint backend makes (query, update).

User text never becomes query text: bound values and every term of an update are rendered by
:func:`sparql_term`, which escapes literals and rejects IRIs that could break out of ``<...>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO
from typing import Any
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from competence_bridge.backends.http import Credentials, post, redact_url
from competence_bridge.errors import EndpointError, UnsafeTermError
from competence_bridge.sanitize import terminal_safe

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
_BNODE_LABEL = re.compile(r"[A-Za-z0-9_]+\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
                          "\f": "\\f", **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)
                                          if chr(c) not in "\n\r\t\b\f"}})
LITERALS = (Literal, ox.Literal)
BNODES = (BNode, ox.BlankNode)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def checked_iri(value: str) -> str:
    """*value* when it is an absolute IRI that is safe inside ``<...>``.

    :raises UnsafeTermError: otherwise
    """
    if not _SCHEME.match(value) or _IRI_FORBIDDEN.search(value):
        raise UnsafeTermError(f"not a safe absolute IRI: {terminal_safe(repr(value), layout=False)} "
                              "(no spaces, controls or <>\"{}|^`\\)")
    _utf8(value)
    return value


def _utf8(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UnsafeTermError(f"text is not valid Unicode (lone surrogate): {text[:40]!r}") from error


def sparql_term(term: Any, *, bnodes: bool = False) -> str:
    """Render an rdflib or pyoxigraph term as SPARQL text that cannot change the query around it.

    IRIs must be absolute and free of spaces, control characters and ``<>"{}|^`\\``; literals are
    quoted with every quote, backslash and control character escaped; language tags and blank
    node labels are checked. Blank nodes are refused unless *bnodes* (they are not allowed as
    bound values; in ``INSERT DATA`` they stand for new nodes).

    :raises UnsafeTermError: for anything else
    """
    if isinstance(term, URIRef):
        return f"<{checked_iri(term)}>"
    if isinstance(term, ox.NamedNode):
        return f"<{checked_iri(term.value)}>"
    if isinstance(term, LITERALS):
        if isinstance(term, Literal):
            text, language, datatype = str(term), term.language, (str(term.datatype) if term.datatype else None)
        else:
            text, language, datatype = term.value, term.language, term.datatype.value
            if getattr(term, "direction", None):
                raise UnsafeTermError("literals with a base direction are not supported")
        _utf8(text)
        quoted = '"' + text.translate(_ESCAPES) + '"'
        if language:
            if not _LANGUAGE.match(language):
                raise UnsafeTermError(f"not a language tag: {language!r}")
            return f"{quoted}@{language}"
        if datatype in (None, _XSD_STRING, _LANG_STRING):
            return quoted
        return f"{quoted}^^<{checked_iri(datatype)}>"
    if isinstance(term, BNODES):
        if not bnodes:
            raise UnsafeTermError("a blank node cannot be sent to a SPARQL endpoint as a bound value")
        label = str(term) if isinstance(term, BNode) else term.value
        if not _BNODE_LABEL.match(label):
            raise UnsafeTermError(f"not a safe blank node label: {label!r}")
        return f"_:{label}"
    raise UnsafeTermError(f"cannot render a {type(term).__name__} as a SPARQL term")


def checked_url(url: str) -> str:
    """*url* when it is an http(s) URL without credentials, spaces, control or non-ASCII characters in it.

    A space or control character would let a URL smuggle a second header line or request into
    ``http.client``; a non-ASCII host would be looked up differently by different resolvers.
    Percent-encode such characters (an IDN host as its ``xn--`` form).

    >>> checked_url("https://sparql.example.org/query?x=%20")
    'https://sparql.example.org/query?x=%20'
    >>> checked_url("https://sparql.example.org/a b")
    Traceback (most recent call last):
    competence_bridge.errors.EndpointError: the endpoint URL holds a space, control or non-ASCII character at \
position 28; percent-encode it: https://sparql.example.org/a b
    """
    bad = next((n for n, char in enumerate(url) if not 0x20 < ord(char) < 0x7F), None)
    if bad is not None:
        shown = terminal_safe(redact_url(url), layout=False)
        raise EndpointError(f"the endpoint URL holds a space, control or non-ASCII character at position {bad}; "
                            f"percent-encode it: {shown}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a malformed port raises here)
    except ValueError:
        raise EndpointError(f"not an http(s) endpoint URL: {redact_url(url)}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"not an http(s) endpoint URL: {redact_url(url)}")
    if parts.username is not None or parts.password is not None:
        raise EndpointError("put endpoint credentials in the environment or the credentials file, not in the URL")
    return url


def select(query_url: str, query: str, *, graphs: Sequence[str] = (), auth: Credentials | None,
           timeout: float) -> Result:
    """Run a SPARQL query on *query_url*, with *graphs* as its default graph (``default-graph-uri``)."""
    fields = [("query", query), *(("default-graph-uri", g) for g in graphs)]
    answer = post(query_url, urlencode(fields).encode(), "application/x-www-form-urlencoded", credentials=auth,
                  timeout=timeout, accept="application/sparql-results+json, application/n-triples;q=0.9")
    content_type = answer.content_type.split(";")[0].strip()
    try:
        return Result.parse(BytesIO(answer.body), content_type=content_type or None)
    except Exception as error:
        detail = terminal_safe(str(error), layout=False)[:200]
        kind = terminal_safe(content_type, layout=False) or "no content type"
        raise EndpointError(f"{redact_url(query_url)}: unreadable answer ({kind}): {detail}") from None


def update(update_url: str, text: str, *, auth: Credentials | None, timeout: float) -> None:
    """Run a SPARQL Update request on *update_url* (one request is applied atomically by SPARQL 1.1 services)."""
    post(update_url, text.encode("utf-8"), "application/sparql-update; charset=UTF-8", credentials=auth,
         timeout=timeout)
