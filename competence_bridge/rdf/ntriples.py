"""N-Triples text written in bulk, for importers that hand whole documents to Oxigraph's native parser.

Building one pyoxigraph term and quad per statement in Python costs about twice what Oxigraph
needs to parse the same statements as N-Triples. An importer can therefore write its statements
as N-Triples lines (:func:`literal`, :func:`text`, :func:`typed`, :func:`iri`) and give them to
:func:`~competence_bridge.rdf.graph.add_quads` as :class:`NTriplesDocuments`, which loads them
with ``Store.load`` and can still be iterated as quads by any other caller.

Literals are escaped exactly: ``"``, ``\\``, line feed and carriage return as the N-Triples
escapes ``\\"``, ``\\\\``, ``\\n`` and ``\\r``, every other C0 control character and DEL as
``\\u00XX``; everything else is written as itself (UTF-8). IRIs and language tags are written as
given: they must have been validated by the caller (see :class:`NTriplesDocuments`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Characters a literal cannot hold as themselves in N-Triples (or that we escape to keep lines plain).
_SPECIAL = re.compile('[\x00-\x1f\x7f"\\\\]')
_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)} | {
    ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r"}


def escape(value: str) -> str:
    """*value* as the inside of an N-Triples string literal (between its quotes)."""
    if ('"' not in value and "\\" not in value and value.isprintable()) or _SPECIAL.search(value) is None:
        return value  # printable: no control character (a few C scans, faster than the pattern on long texts)
    return value.translate(_ESCAPES)


def literal(value: str) -> str:
    """A literal without language or datatype (``xsd:string``)."""
    return f'"{escape(value)}"'


def text(value: str, language: str) -> str:
    """A literal in *language*, a tag the caller has validated."""
    return f'"{escape(value)}"@{language}'


def typed(value: str, datatype: str) -> str:
    """A literal of *datatype*, an IRI the caller has validated; *value* is written as given."""
    return f'"{escape(value)}"^^<{datatype}>'


def iri(value: str) -> str:
    """An IRI term, for an IRI the caller has validated (no ``<``, ``>``, spaces or controls in it)."""
    return f"<{value}>"


class NTriplesDocuments:
    """Statements as N-Triples documents of a bounded size, each with the number of lines it holds.

    :param documents: makes the documents afresh on each call, as (UTF-8 bytes, line count) pairs
    :param validated: every IRI and language tag in them was validated by our own code, so Oxigraph
        may skip validating them again (``lenient=True``); only an importer that checked them says so
    :param turtle: the documents are Turtle (which reads N-Triples too), so they may abbreviate: a
        subject written once for its predicates (``;``), a list of objects (``,``); the counts are then
        of statements, not lines

    Iterating gives the statements as pyoxigraph quads in the default graph, in document order,
    so a caller that expects quads gets them.
    """

    def __init__(self, documents: Callable[[], Iterator[tuple[bytes, int]]], *, validated: bool,
                 turtle: bool = False) -> None:
        self._documents = documents
        self.validated = validated
        self.turtle = turtle

    def rdf_format(self) -> ox.RdfFormat:
        """The syntax Oxigraph reads the documents in."""
        import pyoxigraph as ox

        return ox.RdfFormat.TURTLE if self.turtle else ox.RdfFormat.N_TRIPLES

    def documents(self) -> Iterator[tuple[bytes, int]]:
        """The documents and how many statements (lines) each holds."""
        return self._documents()

    def __iter__(self) -> Iterator[ox.Quad]:
        import pyoxigraph as ox

        syntax = self.rdf_format()
        for document, _ in self.documents():
            yield from ox.parse(document, format=syntax, lenient=self.validated)


def documents(blocks: Iterable[str], size: int) -> Iterator[tuple[bytes, int]]:
    """*blocks* (each one or more whole N-Triples lines) joined into documents of at least *size* lines
    (the last one shorter), each with its number of lines.

    A line feed ends a statement and nothing else: :func:`escape` writes those in literals as ``\\n``.
    Each block is encoded on its own, then the bytes joined: joining the text first would widen a whole
    document to two or four bytes a character for one ``„`` in it, and encoding that costs about twice as much.
    """
    batch: list[bytes] = []
    lines = 0
    for block in blocks:
        data = block.encode("utf-8")
        batch.append(data)
        lines += data.count(b"\n")
        if lines >= size:
            yield b"".join(batch), lines
            batch.clear()
            lines = 0
    if batch:
        yield b"".join(batch), lines


def counted_documents(blocks: Iterable[tuple[str | bytes, int]], size: int) -> Iterator[tuple[bytes, int]]:
    """*blocks* (text holding whole statements, or its UTF-8 bytes, each with how many) joined into documents of at
    least *size* statements (the last one fewer), each with its number of statements; encoded a block at a time, as
    :func:`documents` does."""
    batch: list[bytes] = []
    count = 0
    for block, statements in blocks:
        batch.append(block if isinstance(block, bytes) else block.encode("utf-8"))
        count += statements
        if count >= size:
            yield b"".join(batch) if len(batch) > 1 else batch[0], count
            batch.clear()
            count = 0
    if batch:
        yield b"".join(batch), count
