"""Printing: text that survives any terminal and any encoding, JSON that is always UTF-8.

Rules (documented in ``docs/cli.md``):

* **JSON** (``--json``) is written as UTF-8 bytes to standard output, whatever the locale says,
  so a pipe into ``jq`` or a Windows redirect always gets the same document.
* **Text** is encoded in the stream's own encoding. A character it cannot hold is transliterated:
  ``↔`` → ``<->``, ``→`` → ``->``, ``✔`` → ``[+]``, ``✘`` → ``[-]``, ``≈`` → ``~``, ``…`` → ``...``
  and a few more (:data:`FALLBACKS`); a letter with an accent loses it (``é`` → ``e`` in ASCII);
  anything else becomes ``?``. Nothing makes the command fail.
* Every character a terminal would act on (escape sequences, bidi overrides, NUL) is shown escaped
  (:func:`competence_bridge.sanitize.terminal_safe`): a label from a data file cannot clear the
  screen or retitle the window.
* When standard output is a terminal, lines longer than its width are wrapped at spaces, the
  continuation indented four spaces more than the line; piped or redirected output is never
  wrapped (a script gets one line per item, as before).
"""

from __future__ import annotations

import codecs
import json
import shutil
import sys
import textwrap
import unicodedata
from typing import IO, Any

from competence_bridge.sanitize import terminal_safe

#: Characters the text output uses, and what they become where the encoding lacks them.
FALLBACKS: dict[str, str] = {
    "↔": "<->", "→": "->", "←": "<-", "⇒": "=>", "✔": "[+]", "✘": "[-]", "✓": "[+]", "✗": "[-]",
    "≈": "~", "≠": "!=", "≥": ">=", "≤": "<=", "…": "...", "–": "-", "—": "--", "‘": "'", "’": "'",
    "“": '"', "”": '"', "„": '"', "•": "*", "·": "-", "×": "x", "€": "EUR", "\u00a0": " ",
}
_HANDLER = "competence-bridge-transliterate"
#: Narrowest wrap width, so a tiny terminal still shows words.
_MIN_WIDTH = 40


def _ascii(char: str) -> str:
    if char in FALLBACKS:
        return FALLBACKS[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and base.isascii() and base.isprintable():
        return base
    if 0xD800 <= ord(char) <= 0xDFFF:  # a lone surrogate: show the escape
        return f"\\u{ord(char):04x}"
    return "?"


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    replaced = []
    for char in error.object[error.start:error.end]:
        candidate = FALLBACKS.get(char)
        try:
            if candidate is not None:
                candidate.encode(error.encoding)
                replaced.append(candidate)
                continue
        except (UnicodeError, LookupError):
            pass
        replaced.append(_ascii(char))
    return "".join(replaced), error.end


codecs.register_error(_HANDLER, _transliterate)


def encodable(text: str, encoding: str | None) -> str:
    """*text* with every character *encoding* cannot hold transliterated (see the module docstring)."""
    name = encoding or "utf-8"
    try:
        return text.encode(name, _HANDLER).decode(name)
    except LookupError:  # an encoding Python does not know: fall back to ASCII
        return text.encode("ascii", _HANDLER).decode("ascii")


def layout(text: str, width: int | None) -> str:
    """*text* with lines longer than *width* wrapped at spaces (continuations indented four more); as is for None."""
    if width is None:
        return text
    width = max(width, _MIN_WIDTH)
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        indent = line[:len(line) - len(line.lstrip(" "))]
        lines.extend(textwrap.wrap(line.strip(" "), width=width, initial_indent=indent,
                                   subsequent_indent=indent + "    ", break_long_words=False,
                                   break_on_hyphens=False) or [line])
    return "\n".join(lines)


def terminal_width(stream: IO[str]) -> int | None:
    """The width to wrap to: the terminal's when *stream* is one, else ``None`` (no wrapping)."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return shutil.get_terminal_size().columns - 1


def write_text(text: str, stream: IO[str] | None = None, *, wrap: bool = True) -> None:
    """Print *text* and a newline on *stream* (standard output): escaped, wrapped on a terminal, encodable."""
    out = stream if stream is not None else sys.stdout
    safe = terminal_safe(text)
    if wrap:
        safe = layout(safe, terminal_width(out))
    out.write(encodable(safe + "\n", getattr(out, "encoding", None)))
    out.flush()


def write_json(payload: Any) -> None:
    """Print *payload* as one indented JSON document, UTF-8 bytes, whatever the stream's encoding."""
    document = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    data = document.encode("utf-8", "backslashreplace")  # a lone surrogate becomes a valid JSON escape
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a StringIO): ASCII JSON is the same document
        sys.stdout.write(json.dumps(payload, ensure_ascii=True, indent=2) + "\n")
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def write_error(line: str, *, prefix: str = "error") -> None:
    """``competence-bridge: error: LINE`` on standard error, encodable in its encoding."""
    write_text(f"competence-bridge: {prefix}: {line}", sys.stderr, wrap=False)
