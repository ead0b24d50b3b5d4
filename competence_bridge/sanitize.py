"""Text that is safe to print to a terminal, to keep as a label, and to open in a spreadsheet.

Three rules, each one function:

* :func:`terminal_safe` escapes what a terminal would act on instead of showing: C0 and C1
  control characters (ESC starts colour, title and clear-screen sequences; BEL, NUL), DEL, line
  and paragraph separators, bidirectional overrides and isolates ("Trojan Source"), and lone
  surrogates (an argument that was not valid UTF-8). ``\\x1b`` prints as the four characters
  ``\\x1b``. Newlines and tabs are kept unless ``layout=False``.
* :func:`clean_line` makes one line of label text the way curated YAML requires it: control,
  format and separator characters (Unicode categories Cc, Cf, Zl, Zp, Cs) dropped and whitespace
  collapsed. Importers clean labels with it; :func:`clean_block` does the same for longer text
  (descriptions) but keeps line breaks and tabs.
* :func:`spreadsheet_escape` protects free-text cells of TSV/CSV exports from formula injection:
  a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any
  number of ``'``) gets one ``'`` in front, so a spreadsheet shows it as text.
  :func:`spreadsheet_unescape` removes exactly that ``'`` again, so files we write read back
  losslessly; a cell of another tool that starts with ``'`` followed by anything else
  (``'s-Hertogenbosch``) is left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

#: Unicode categories a label may not contain (as in curated YAML): controls, format characters,
#: line and paragraph separators, surrogates.
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})

#: What a terminal acts on: C0 controls, DEL, C1 controls, separators, bidi controls, surrogates (the line feed and
#: the tab too when the layout is not kept: :func:`_terminal` compiles it).
_TERMINAL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_TERMINAL_ALL = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
#: Controls dropped from descriptions: as :data:`_TERMINAL`, and zero-width and BOM characters.
_BLOCK_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e"
                         "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]")
#: A cell a spreadsheet would take for a formula (after any quotes we added before).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED_FORMULA = re.compile(r"'+[=+\-@\t\r]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, layout: bool = True) -> str:
    r"""*text* with every character a terminal would act on escaped, so it prints as what it is.

    >>> terminal_safe("\x1b]0;pwned\x07Helpende\u202e zorg")
    '\\x1b]0;pwned\\x07Helpende\\u202e zorg'
    >>> terminal_safe("two\nlines")
    'two\nlines'
    >>> terminal_safe("two\nlines", layout=False)
    'two\\x0alines'
    """
    if text.isprintable():
        return text
    return _terminal(layout).sub(_escape, text)


@functools.cache
def _terminal(layout: bool) -> re.Pattern[str]:
    """The pattern of :data:`_TERMINAL` (with *layout*) or :data:`_TERMINAL_ALL`, compiled when first needed: the
    two cost ~0.7 ms to compile, and a load prints nothing."""
    return re.compile(_TERMINAL if layout else _TERMINAL_ALL)


def clean_line(value: str) -> str:
    """One line of text: control, format and separator characters dropped, whitespace collapsed.

    >>> clean_line(" Helpende\\x00 zorg\\u200b en\\nwelzijn ")
    'Helpende zorg en welzijn'
    """
    if not value.isprintable():
        value = "".join(" " if char.isspace() else char for char in value
                        if char.isspace() or unicodedata.category(char) not in FORBIDDEN_CATEGORIES)
    return " ".join(value.split())


def clean_block(value: str) -> str:
    r"""Longer text (a description): controls and invisible characters dropped, line breaks and tabs kept.

    >>> clean_block("Eerste regel\r\n\x1b[2Jtweede\tregel")
    'Eerste regel\n[2Jtweede\tregel'
    """
    if value.isprintable():
        return value
    return _BLOCK_DROP.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def spreadsheet_escape(cell: str) -> str:
    """A free-text cell a spreadsheet shows as text: ``'`` in front of what looks like a formula.

    >>> spreadsheet_escape('=HYPERLINK("http://evil.example")')
    '\\'=HYPERLINK("http://evil.example")'
    >>> spreadsheet_escape("'s-Hertogenbosch")
    "'s-Hertogenbosch"
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def spreadsheet_unescape(cell: str) -> str:
    """The inverse of :func:`spreadsheet_escape`: ``spreadsheet_unescape(spreadsheet_escape(x)) == x``."""
    return cell[1:] if _ESCAPED_FORMULA.match(cell) else cell


def redact_url(url: str) -> str:
    """*url* fit for a message: no user information, no query string (``?…``: it may hold a key), no fragment.

    >>> redact_url("https://editor:pw@sparql.example.org:8443/query?api_key=123#x")
    'https://sparql.example.org:8443/query?…'
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<malformed URL>"
    host = f"[{host}]" if ":" in host else host
    return terminal_safe(f"{parts.scheme}://{host}{port}{parts.path}" + ("?…" if parts.query else ""), layout=False)


def valid_iri(text: str) -> bool:
    """*text* is an IRI an RDF store accepts (RFC 3987: no controls or spaces, ``%`` + two hex digits, a valid host).

    >>> valid_iri("http://data.europa.eu/esco/occupation/1"), valid_iri("http://x.example/%zz"), valid_iri("http://[x/")
    (True, False, False)
    """
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(text)
    except ValueError:
        return False
    return True


def valid_language_tag(text: str) -> bool:
    """*text* is a BCP 47 language tag an RDF store accepts (``nl``, ``pt-PT``; not ``xx-x``).

    >>> valid_language_tag("nl"), valid_language_tag("pt-PT"), valid_language_tag("xx-x")
    (True, True, False)
    """
    import pyoxigraph

    try:
        pyoxigraph.Literal("x", language=text)
    except ValueError:
        return False
    return True
