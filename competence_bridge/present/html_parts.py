"""Building blocks of the HTML views: escaping, badges, bars, tables, boxes.

Inline ``style`` attributes only (no ``<style>`` block, no JavaScript, no external resources), so a
view renders the same in JupyterLab, VS Code and exported notebooks. Every text from data is escaped.
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable
from typing import Any

from competence_bridge.present.catalogue import FLAG_TEXT, PREDICATE_TEXT, words

# --- colours and styles ---------------------------------------------------------------------

GOOD = "#1a7f37"
BAD = "#cf222e"
WARN_FG, WARN_BG = "#7d4e00", "#fff3c4"
INFO_FG, INFO_BG = "#0b4f8a", "#ddeeff"
BOX = ("font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px;line-height:1.45;"
        "max-width:1150px")
TABLE = "border-collapse:collapse;width:100%;margin:4px 0 10px 0"
TH = "text-align:left;border-bottom:2px solid #999;padding:4px 8px;vertical-align:bottom"
TD = "border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left"
SMALL = "font-size:12px;opacity:0.8"
CODE = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px"

# --- small building blocks ---------------------------------------------------------------------


def esc(value: Any) -> str:
    """``html.escape`` of ``str(value)`` (quotes too); ``None`` becomes an empty string."""
    return "" if value is None else _html.escape(str(value), quote=True)


def code(text: Any) -> str:
    """A fragment of code or an id, in a monospace font."""
    return f'<code style="{CODE}">{esc(text)}</code>'


def badge(text: str, *, fg: str = WARN_FG, bg: str = WARN_BG, title: str | None = None) -> str:
    """A small rounded label (warning colours unless *fg*/*bg* say otherwise), with a tooltip."""
    hint = f' title="{esc(title)}"' if title else ""
    return (f'<span style="display:inline-block;padding:0 6px;margin:1px 2px 1px 0;border-radius:8px;'
            f'font-size:12px;font-weight:600;color:{fg};background:{bg}"{hint}>{esc(text)}</span>')


def flag_badge(flag: str, lang: str) -> str:
    """The badge of a candidate's flag: false friend, level mismatch, no recognition, a name of several ESCO
    occupations."""
    said = FLAG_TEXT[lang]
    if flag.startswith("ff:"):
        return badge(f"{said['false-friend']} ({flag})", title=flag)
    if flag == "level-mismatch":
        return badge(said["level-mismatch"], title=flag)
    if flag in ("no-recognition", "shared-name"):
        return badge(said[flag], fg=INFO_FG, bg=INFO_BG, title=flag)
    return badge(flag)


def confidence_bar(value: float | None) -> str:
    """A horizontal bar (0 to 1) with the number beside it; ``None`` shows a dash."""
    if value is None:
        return "–"
    return f'<span style="white-space:nowrap">{bar(value)} {value:.2f}</span>'


def bar(fraction: float, width: int = 64) -> str:
    """A horizontal bar filled to *fraction* (0 to 1)."""
    percent = max(0, min(100, round(fraction * 100)))
    return (f'<span style="display:inline-block;width:{width}px;height:9px;background:#d9dde3;border-radius:3px;'
            f'vertical-align:middle;overflow:hidden"><span style="display:block;width:{percent}%;height:100%;'
            f'background:#2f6fb0"></span></span>')


def mark(covered: bool, lang: str = "nl") -> str:
    """✔ covered (green) or ✘ missing (red), always with the word."""
    said = words(lang)
    if covered:
        return f'<span style="color:{GOOD};font-weight:700;white-space:nowrap">✔ {said["covered"]}</span>'
    return f'<span style="color:{BAD};font-weight:700;white-space:nowrap">✘ {said["missing"]}</span>'


_STATUS_STYLE = {"accepted": ("✔", GOOD), "rejected": ("✘", BAD), "unsure": ("?", WARN_FG)}


def status_mark(status: str, lang: str) -> str:
    """A decision's status as a sign and a word (✔ aanvaard, ✘ afgewezen, ? twijfel, open)."""
    said = words(lang)
    if status not in _STATUS_STYLE:
        return f'<span style="opacity:0.75">{esc(said["open"])}</span>'
    sign, colour = _STATUS_STYLE[status]
    return f'<span style="color:{colour};font-weight:700;white-space:nowrap">{sign} {esc(said[status])}</span>'


def table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table; *head* is plain text (escaped here), *rows* hold ready HTML cells."""
    parts = [f'<table style="{TABLE}"><thead><tr>']
    parts.extend(f'<th style="{TH}">{esc(cell)}</th>' for cell in head)
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f'<td style="{TD}">{cell}</td>' for cell in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def box(lang: str, body: str) -> str:
    """The outer block of a view, in the font and width of all views, tagged with its language."""
    return f'<div lang="{esc(lang)}" style="{BOX}">{body}</div>'


def bullets(lines: Iterable[str]) -> str:
    """An escaped bullet list; empty when there are no lines."""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<ul style="margin:0;padding-left:18px">{items}</ul>' if items else ""


def label(ref: Any, lang: str) -> str:
    """The Dutch or English label of a catalogue entry (Dutch when there is no English one)."""
    return ref.label if lang == "nl" else (getattr(ref, "label_en", None) or ref.label)


def predicate_cell(predicate: str, lang: str, modifier: str | None = None) -> str:
    """A SKOS predicate in words (negated for a rejected mapping) above its CURIE."""
    text = PREDICATE_TEXT[lang].get(predicate, predicate)
    if modifier == "Not":
        text = f"{words(lang)['not']} {text}"
    return f"{esc(text)}<br>{code(predicate)}"


