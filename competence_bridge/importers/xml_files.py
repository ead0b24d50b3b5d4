"""Files the XML and JSON importers share: safe XML parsing with the line of every element, honest
decoding of the declared encoding, source keys from file names, Dutch-only labels.

An XML file is decoded by its own declaration (a declared encoding the bytes contradict, or an unknown
one, is refused) and parsed with expat with every DOCTYPE and entity refused before anything is expanded
or fetched; a file larger than ``xml_file_bytes`` (``taxonomies/limits.yaml``) is refused unread.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NoReturn
from xml.etree import ElementTree as ET
from xml.parsers import expat

from rdflib import Literal

from competence_bridge.curated.limits import limits
from competence_bridge.errors import SourceFormatError
from competence_bridge.files import read_capped
from competence_bridge.rdf.namespaces import SKOS
from competence_bridge.sanitize import clean_line

#: One line of text: control and format characters dropped, whitespace collapsed (as curated labels).
clean_text = clean_line

_DECLARATION = re.compile(rb"""\A\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']{1,40})["']""")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_xml(path: Path, data: bytes) -> str:
    """The text of an XML file, decoded by its byte order mark or declared encoding (UTF-8 by default).

    :raises SourceFormatError: for an unknown encoding, bytes that are not valid in it, or a
        single-byte declaration contradicted by UTF-8 bytes
    """
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    declared = _DECLARATION.match(data)
    if encoding is None and declared is not None:
        name = declared.group(1).decode("ascii", "replace")
        try:
            info = codecs.lookup(name)
        except (LookupError, ValueError):  # ValueError: a NUL in the name
            info = None
        if info is None or not getattr(info, "_is_text_encoding", True):
            raise SourceFormatError(path, f"unknown encoding {name!r} in the XML declaration; use UTF-8", line=1)
        encoding = info.name
        if encoding not in ("utf-8", "utf-8-sig") and not data.isascii() and _is_utf8(data):
            raise SourceFormatError(path, f"the XML declaration says {name}, but the bytes are UTF-8; correct the "
                                          'declaration to encoding="UTF-8"', line=1)
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceFormatError(path, f"not valid {encoding or 'UTF-8'}: byte 0x{data[error.start]:02x} cannot be "
                                "decoded", line=line) from None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def dutch_labels_only(triples: Iterable[tuple]) -> Iterator[tuple]:
    """*triples* without the English preferred labels that only copy a Dutch-only source's title."""
    for triple in triples:
        label = triple[2]
        if triple[1] == SKOS.prefLabel and isinstance(label, Literal) and label.language == "en":
            continue
        yield triple


def file_key(prefix: str, path: Path) -> str:
    """A source key for a file, e.g. ``sbb-2637-sociaal-werk`` for ``2637_Sociaal_werk.xml``."""
    ascii_stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-")
    return f"{prefix}-{slug}" if slug else f"{prefix}-file"


def parse_xml(path: Path) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse *path* safely; return the root element and the line each element starts on.

    A DOCTYPE, an entity declaration or an external entity reference raises
    :class:`SourceFormatError` before anything is expanded or fetched; so does malformed XML.
    """
    data = decode_xml(path, read_capped(path, limits().xml_file_bytes, limit_name="xml_file_bytes")).encode("utf-8")
    parser = expat.ParserCreate(encoding="UTF-8")  # decoded above: the declared encoding is not expat's to apply
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}

    def refuse(what: str) -> Callable[..., NoReturn]:
        def handler(*_args: object) -> NoReturn:
            raise SourceFormatError(path, f"{what} is not allowed (entities are never expanded or fetched)",
                                    line=parser.CurrentLineNumber)
        return handler

    def start(tag: str, attributes: dict[str, str]) -> None:
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = refuse("a DOCTYPE")
    parser.EntityDeclHandler = refuse("an entity declaration")
    parser.UnparsedEntityDeclHandler = refuse("an entity declaration")
    parser.ExternalEntityRefHandler = refuse("an external entity")
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise SourceFormatError(path, f"malformed XML: {expat.ErrorString(error.code)}", line=error.lineno) from None
    return builder.close(), lines
