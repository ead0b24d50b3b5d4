"""Rich HTML views for Jupyter: levels, recognitions, translations, gap reports, items and exercises.

Every function returns one self-contained HTML fragment: inline ``style`` attributes only (no
``<style>`` block, no JavaScript, no external resources), so it renders the same in JupyterLab,
VS Code and exported notebooks. Every text that comes from data is escaped. Headings are Dutch;
pass ``lang="en"`` for English. Marks never rely on colour alone: ✔/✘ always come with a word.
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from competence_bridge.reports.levels import BINDING_TEXT, REGION_NAMES

if TYPE_CHECKING:
    from competence_bridge.reports.exercise import Exercise, Proposal
    from competence_bridge.reports.gap import CompetenceMatch, GapReport
    from competence_bridge.rdf.items import Item
    from competence_bridge.reports.levels import LevelReport, RecognitionReport
    from competence_bridge.matching.translate import Candidate, Translation

# --- colours and styles ---------------------------------------------------------------------

_GOOD = "#1a7f37"
_BAD = "#cf222e"
_WARN_FG, _WARN_BG = "#7d4e00", "#fff3c4"
_INFO_FG, _INFO_BG = "#0b4f8a", "#ddeeff"
_BOX = ("font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px;line-height:1.45;"
        "max-width:1150px")
_TABLE = "border-collapse:collapse;width:100%;margin:4px 0 10px 0"
_TH = "text-align:left;border-bottom:2px solid #999;padding:4px 8px;vertical-align:bottom"
_TD = "border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left"
_SMALL = "font-size:12px;opacity:0.8"
_CODE = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px"

# --- words -----------------------------------------------------------------------------------

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "eqf": "EQF", "no_eqf": "geen EQF-niveau", "within": "valt binnen", "equals": "gelijk aan",
        "same": "Zelfde EQF-niveau", "at_level": "Op dit niveau", "none": "(niets)", "historical": "historisch",
        "recognitions": "Erkenningen", "no_statements": "Geen erkenningsverklaring gevonden.",
        "not_in_force": "Niet van kracht", "direction": "Richting", "instrument": "Instantie en instrument",
        "valuation": "Waardering", "source": "Bron", "level": "niveau", "no_level": "niveau onbekend",
        "translation": "Vertaling", "candidate": "Kandidaat", "relation": "Relatie", "confidence": "Zekerheid",
        "justification": "Onderbouwing", "explanation": "Uitleg", "no_candidate": "Geen kandidaat gevonden.",
        "comparison": "Vergelijking", "levels": "Niveaus", "verdict": "Oordeel", "covered": "gedekt",
        "missing": "ontbreekt", "best": "beste overeenkomst", "no_match": "geen overeenkomst",
        "unknown": "onbekend", "recognition": "Erkenning", "mismatch": "niveauverschil",
        "eqf_levels": "EQF-niveau", "competences": "Competenties", "code": "Code", "kind": "Soort",
        "competence": "Competentie", "exercise": "Vertaaloefening", "reviewer": "Beoordelaar", "file": "bestand",
        "nr": "nr.", "proposal": "Voorstel", "why": "Waarom", "decision": "Beslissing", "open": "open",
        "accepted": "aanvaard", "rejected": "afgewezen", "unsure": "twijfel", "next": "volgende",
        "of": "van", "stale": "beslissingen over voorstellen die de huidige gegevens niet meer doen",
        "threshold": "gedekt vanaf een overeenkomst van",
    },
    "en": {
        "eqf": "EQF", "no_eqf": "no EQF level", "within": "lies within", "equals": "equal to",
        "same": "Same EQF level", "at_level": "At this level", "none": "(none)", "historical": "historical",
        "recognitions": "Recognitions", "no_statements": "No recognition statement found.",
        "not_in_force": "Not in force", "direction": "Direction", "instrument": "Authority and instrument",
        "valuation": "Valuation", "source": "Source", "level": "level", "no_level": "level unknown",
        "translation": "Translation", "candidate": "Candidate", "relation": "Relation", "confidence": "Confidence",
        "justification": "Justification", "explanation": "Explanation", "no_candidate": "No candidate found.",
        "comparison": "Comparison", "levels": "Levels", "verdict": "Verdict", "covered": "covered",
        "missing": "missing", "best": "best match", "no_match": "no match",
        "unknown": "unknown", "recognition": "Recognition", "mismatch": "level mismatch",
        "eqf_levels": "EQF level", "competences": "Competences", "code": "Code", "kind": "Kind",
        "competence": "Competence", "exercise": "Translation exercise", "reviewer": "Reviewer", "file": "file",
        "nr": "no.", "proposal": "Proposal", "why": "Why", "decision": "Decision", "open": "open",
        "accepted": "accepted", "rejected": "rejected", "unsure": "unsure", "next": "next",
        "of": "of", "stale": "decisions on proposals the current data no longer makes",
        "threshold": "covered from a similarity of",
    },
}

#: What a SKOS predicate means, in words a workshop participant reads.
PREDICATE_TEXT = {
    "nl": {"skos:exactMatch": "gelijkwaardig", "skos:closeMatch": "nagenoeg gelijkwaardig",
           "skos:broadMatch": "doel is ruimer", "skos:narrowMatch": "doel is smaller",
           "skos:relatedMatch": "verwant"},
    "en": {"skos:exactMatch": "equivalent", "skos:closeMatch": "close match",
           "skos:broadMatch": "target is broader", "skos:narrowMatch": "target is narrower",
           "skos:relatedMatch": "related"},
}

#: What a SEMAPV justification means.
JUSTIFICATION_TEXT = {
    "nl": {"semapv:LexicalMatching": "zelfde naam",
           "semapv:LexicalSimilarityThresholdMatching": "gelijkende woorden",
           "semapv:CompositeMatching": "meerdere signalen samen",
           "semapv:MappingChaining": "via een gedeelde schakel (ESCO, ISCO)",
           "semapv:ManualMappingCuration": "door een mens beoordeeld",
           "semapv:MappingReview": "in beoordeling",
           "semapv:UnspecifiedMatching": "niet gespecificeerd"},
    "en": {"semapv:LexicalMatching": "same name",
           "semapv:LexicalSimilarityThresholdMatching": "similar words",
           "semapv:CompositeMatching": "several signals combined",
           "semapv:MappingChaining": "via a shared pivot (ESCO, ISCO)",
           "semapv:ManualMappingCuration": "curated by a person",
           "semapv:MappingReview": "under review",
           "semapv:UnspecifiedMatching": "unspecified"},
}

#: Item and competence kinds.
KIND_TEXT = {
    "nl": {"qualification": "kwalificatie", "job-profile": "beroepsprofiel", "qualification-type": "kwalificatietype",
           "occupation": "ESCO-beroep", "text": "vrije tekst", "competence": "competentie", "knowledge": "kennis",
           "skill": "vaardigheid", "attitude": "houding", "task": "taak", "work-process": "werkproces"},
    "en": {"qualification": "qualification", "job-profile": "job profile", "qualification-type": "qualification type",
           "occupation": "ESCO occupation", "text": "free text", "competence": "competence", "knowledge": "knowledge",
           "skill": "skill", "attitude": "attitude", "task": "task", "work-process": "work process"},
}

_FLAG_TEXT = {
    "nl": {"level-mismatch": "⚠ niveauverschil", "no-recognition": "geen officiële erkenning",
           "false-friend": "⚠ valse vriend"},
    "en": {"level-mismatch": "⚠ level mismatch", "no-recognition": "no official recognition",
           "false-friend": "⚠ false friend"},
}


def _words(lang: str) -> dict[str, str]:
    if lang not in WORDS:
        raise ValueError(f"unknown language {lang!r}; choose nl or en")
    return WORDS[lang]


# --- small building blocks ---------------------------------------------------------------------


def esc(value: Any) -> str:
    """``html.escape`` of ``str(value)`` (quotes too); ``None`` becomes an empty string."""
    return "" if value is None else _html.escape(str(value), quote=True)


def _code(text: Any) -> str:
    return f'<code style="{_CODE}">{esc(text)}</code>'


def _badge(text: str, *, fg: str = _WARN_FG, bg: str = _WARN_BG, title: str | None = None) -> str:
    hint = f' title="{esc(title)}"' if title else ""
    return (f'<span style="display:inline-block;padding:0 6px;margin:1px 2px 1px 0;border-radius:8px;'
            f'font-size:12px;font-weight:600;color:{fg};background:{bg}"{hint}>{esc(text)}</span>')


def _flag_badge(flag: str, lang: str) -> str:
    words = _FLAG_TEXT[lang]
    if flag.startswith("ff:"):
        return _badge(f"{words['false-friend']} ({flag})", title=flag)
    if flag == "level-mismatch":
        return _badge(words["level-mismatch"], title=flag)
    if flag == "no-recognition":
        return _badge(words["no-recognition"], fg=_INFO_FG, bg=_INFO_BG, title=flag)
    return _badge(flag)


def confidence_bar(value: float | None) -> str:
    """A horizontal bar (0 to 1) with the number beside it; ``None`` shows a dash."""
    if value is None:
        return "–"
    return f'<span style="white-space:nowrap">{_bar(value)} {value:.2f}</span>'


def _bar(fraction: float, width: int = 64) -> str:
    percent = max(0, min(100, round(fraction * 100)))
    return (f'<span style="display:inline-block;width:{width}px;height:9px;background:#d9dde3;border-radius:3px;'
            f'vertical-align:middle;overflow:hidden"><span style="display:block;width:{percent}%;height:100%;'
            f'background:#2f6fb0"></span></span>')


def mark(covered: bool, lang: str = "nl") -> str:
    """✔ covered (green) or ✘ missing (red), always with the word."""
    words = _words(lang)
    if covered:
        return f'<span style="color:{_GOOD};font-weight:700;white-space:nowrap">✔ {words["covered"]}</span>'
    return f'<span style="color:{_BAD};font-weight:700;white-space:nowrap">✘ {words["missing"]}</span>'


_STATUS_STYLE = {"accepted": ("✔", _GOOD), "rejected": ("✘", _BAD), "unsure": ("?", _WARN_FG)}


def _status(status: str, lang: str) -> str:
    words = _words(lang)
    if status not in _STATUS_STYLE:
        return f'<span style="opacity:0.75">{esc(words["open"])}</span>'
    sign, colour = _STATUS_STYLE[status]
    return f'<span style="color:{colour};font-weight:700;white-space:nowrap">{sign} {esc(words[status])}</span>'


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table; *head* is plain text (escaped here), *rows* hold ready HTML cells."""
    parts = [f'<table style="{_TABLE}"><thead><tr>']
    parts.extend(f'<th style="{_TH}">{esc(cell)}</th>' for cell in head)
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f'<td style="{_TD}">{cell}</td>' for cell in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _box(lang: str, body: str) -> str:
    return f'<div lang="{esc(lang)}" style="{_BOX}">{body}</div>'


def _ul(lines: Iterable[str]) -> str:
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<ul style="margin:0;padding-left:18px">{items}</ul>' if items else ""


def _label(ref: Any, lang: str) -> str:
    return ref.label if lang == "nl" else (getattr(ref, "label_en", None) or ref.label)


def _pred(predicate: str, lang: str, modifier: str | None = None) -> str:
    words = PREDICATE_TEXT[lang].get(predicate, predicate)
    if modifier == "Not":
        words = ("niet " if lang == "nl" else "not ") + words
    return f"{esc(words)}<br>{_code(predicate)}"


# --- levels and recognitions -------------------------------------------------------------------


def level_report_html(report: LevelReport, lang: str = "nl") -> str:
    """A level, its EQF reference, equivalent levels, and the qualification types on both sides."""
    words = _words(lang)
    level = report.level
    parts = [f'<h3 style="margin:4px 0">{esc(_label(level, lang))} {_code(level.id)}</h3>']
    if report.eqf is None:
        parts.append(f"<p>{words['eqf']}: {esc(words['no_eqf'])}</p>")
    elif level.framework != "eqf":
        how = words["equals"] if level.eqf_relation == "exact" else words["within"]
        parts.append(f"<p>{words['eqf']}: {esc(how)} <strong>{esc(_label(report.eqf, lang))}</strong> "
                     f"{_code(report.eqf.id)}</p>")
    if report.equivalents:
        items = []
        for other in report.equivalents:
            extra = f" ({esc(words['within'])} {esc(other.eqf)})" if other.eqf_relation == "broad" else ""
            items.append(f"<li>{esc(_label(other, lang))} {_code(other.id)}{extra}</li>")
        parts.append(f"<p style=\"margin-bottom:0\">{esc(words['same'])}:</p>"
                     f'<ul style="margin-top:0">{"".join(items)}</ul>')
    head, cells = [], []
    for region, types in report.types.items():
        head.append(f"{words['at_level']}, {REGION_NAMES[lang][region]} ({region})")
        if not types:
            cells.append(esc(words["none"]))
            continue
        lines = []
        for qtype in types:
            flag = " " + _badge(words["historical"], fg="#555", bg="#e8e8e8") if qtype.status == "historical" else ""
            lines.append(f"<li>{esc(_label(qtype, lang))} {_code(qtype.id)}{flag}</li>")
        cells.append(f'<ul style="margin:0;padding-left:18px">{"".join(lines)}</ul>')
    parts.append(_table(head, [cells]))
    return _box(lang, "".join(parts))


def recognition_report_html(report: RecognitionReport, lang: str = "nl") -> str:
    """Every recognition statement about a type, direction first; instruments not in force below."""
    words = _words(lang)
    item = report.item
    levels = ", ".join(item.levels) or words["no_level"]
    parts = [f'<h3 style="margin:4px 0">{esc(_label(item, lang))} {_code(item.id)}</h3>',
             f"<p>{esc(REGION_NAMES[lang][item.region])} ({esc(item.region)}), {esc(levels)}</p>",
             f'<h4 style="margin:8px 0 2px 0">{esc(words["recognitions"])}</h4>']
    if not report.lines:
        parts.append(f"<p>{esc(words['no_statements'])}</p>")
    else:
        rows = []
        for line in report.lines:
            instrument = line.instrument
            when = f", {instrument.date}" if instrument.date else ""
            if line.object is not None:
                target = f"{esc(_label(line.object, lang))} {_code(line.object.id)}"
            elif line.level is not None:
                target = f"{esc(words['level'])} {esc(_label(line.level, lang))} {_code(line.level.id)}"
            else:
                target = "?"
            qualifier = f"<br>{_badge(line.statement.qualifier)}" if line.statement.qualifier else ""
            binding = BINDING_TEXT[lang].get(instrument.binding, instrument.binding)
            sources = ", ".join(f"{esc(source)}" for source in instrument.sources)
            rows.append([
                f'<strong style="white-space:nowrap">{esc(line.direction)}</strong>',
                f"{esc(instrument.authority)} ({esc(binding)}{esc(when)})<br>"
                f'<span style="{_SMALL}">{esc(_label(instrument, lang))}</span>',
                f"{esc(_label(line.subject, lang))} → {target}{qualifier}",
                f'<span style="{_SMALL}">{sources}</span>',
            ])
        parts.append(_table([words["direction"], words["instrument"], words["valuation"], words["source"]], rows))
    for instrument in report.not_in_force:
        scope = instrument.scope if lang == "nl" else instrument.scope_en
        parts.append(f"<p>{_badge(words['not_in_force'], fg=_INFO_FG, bg=_INFO_BG)} "
                     f"<strong>{esc(_label(instrument, lang))}</strong>. {esc(scope)}</p>")
    return _box(lang, "".join(parts))


# --- translations --------------------------------------------------------------------------------


def _item_line(item: Item, lang: str) -> str:
    kind = KIND_TEXT[lang].get(item.kind, item.kind)
    level = f" · {esc('+'.join(item.levels))}" if item.levels else ""
    return f"<strong>{esc(item.label)}</strong><br>{_code(item.id)}{level} · {esc(kind)}"


def _candidate_row(rank: int, candidate: Candidate, lang: str) -> list[str]:
    badges = "".join(_flag_badge(flag, lang) for flag in candidate.flags)
    if candidate.review:
        badges += " " + _status(candidate.review, lang)
    explanation = candidate.explanation if lang == "nl" else candidate.explanation_en
    justification = JUSTIFICATION_TEXT[lang].get(candidate.justification, candidate.justification)
    return [
        str(rank),
        _item_line(candidate.target, lang) + (f"<br>{badges}" if badges else ""),
        _pred(candidate.predicate, lang),
        confidence_bar(candidate.confidence),
        f"{esc(justification)}<br>{_code(candidate.justification)}",
        _ul(explanation),
    ]


def translation_html(translation: Translation, lang: str = "nl") -> str:
    """Ranked candidates as a table: predicate, confidence bar, justification, explanation, flags."""
    words = _words(lang)
    source = translation.source
    to = f"{REGION_NAMES[lang].get(translation.to, translation.to)} ({translation.to})"
    if source.kind == "text":
        title = f"{esc(words['translation'])}: ‘{esc(source.label)}’ → {esc(to)}"
    else:
        ids = " ".join(_code(item_id) for item_id in (translation.via or (source.id,)))
        title = f"{esc(words['translation'])}: {esc(source.label)} {ids} → {esc(to)}"
    parts = [f'<h3 style="margin:4px 0">{title}</h3>']
    if not translation.candidates:
        parts.append(f"<p>{esc(words['no_candidate'])}</p>")
    else:
        head = ["#", words["candidate"], words["relation"], words["confidence"], words["justification"],
                words["explanation"]]
        rows = [_candidate_row(rank, c, lang) for rank, c in enumerate(translation.candidates, 1)]
        parts.append(_table(head, rows))
    return _box(lang, "".join(parts))


# --- gap reports ---------------------------------------------------------------------------------


def gap_headings(report: GapReport, lang: str = "nl") -> tuple[str, str]:
    """The two column headings (A's column, B's column), the same words as ``GapReport.to_text``."""
    a, b = report.a.label, report.b.label
    if lang == "nl":
        return (f"{a}: wat {b} daarvan dekt ({report.coverage_a_in_b:.0%})",
                f"{b}: wat gevraagd wordt, en of {a} het dekt ({report.coverage_b_in_a:.0%})")
    _words(lang)
    return (f"{a}: what {b} covers of it ({report.coverage_a_in_b:.0%})",
            f"{b}: what it asks, and whether {a} covers it ({report.coverage_b_in_a:.0%})")


def _match_rows(matches: tuple[CompetenceMatch, ...], lang: str) -> str:
    words = _words(lang)
    rows = []
    for match in matches:
        kind = KIND_TEXT[lang].get(match.competence.kind, match.competence.kind)
        if match.best is not None:
            best = (f'<br><span style="{_SMALL}">≈ {esc(words["best"])}: {esc(match.best.text)} '
                    f"({match.score:.2f})</span>")
        else:
            best = f'<br><span style="{_SMALL}">{esc(words["no_match"])}</span>'
        rows.append(f'<tr><td style="{_TD};width:7.5em">{mark(match.covered, lang)}</td>'
                    f'<td style="{_TD}">{esc(match.competence.text)} <span style="{_SMALL}">({esc(kind)})</span>'
                    f"{best}</td></tr>")
    return f'<table style="{_TABLE}"><tbody>{"".join(rows)}</tbody></table>'


def _levels_text(levels: tuple[str, ...], eqf: tuple[int, ...], lang: str) -> str:
    words = _words(lang)
    shown = ", ".join(levels) or words["unknown"]
    grade = ", ".join(str(number) for number in eqf)
    return f"{esc(shown)} ({words['eqf_levels']} {esc(grade)})" if grade else esc(shown)


def gap_report_html(report: GapReport, lang: str = "nl") -> str:
    """Both qualifications side by side in two columns, covered ✔ / missing ✘, the levels and the verdict."""
    words = _words(lang)
    a, b, levels = report.a, report.b, report.levels
    parts = [f'<h3 style="margin:4px 0">{esc(words["comparison"])}: {esc(a.label)} {_code(a.id)} ↔ '
             f"{esc(b.label)} {_code(b.id)}</h3>"]
    mismatch = ""
    if levels.mismatch:
        steps = abs(levels.difference or 0)
        mismatch = " " + _badge(f"{_FLAG_TEXT[lang]['level-mismatch']}: {steps} EQF")
    level_text = report.level_text if lang == "nl" else report.level_text_en
    parts.append(_table(
        [words["levels"], a.label, b.label],
        [[esc(words["level"]), _levels_text(levels.source, levels.source_eqf, lang),
          _levels_text(levels.target, levels.target_eqf, lang)]]))
    parts.append(f"<p>{esc(level_text)}{mismatch}</p>")
    if report.recognitions:
        parts.append(f'<p style="margin-bottom:0">{esc(words["recognitions"])}:</p>' + _ul(report.recognitions))
    head_a, head_b = gap_headings(report, lang)
    parts.append(
        f'<table style="{_TABLE};table-layout:fixed"><tbody><tr>'
        f'<td style="vertical-align:top;width:50%;padding:0 8px 0 0">'
        f'<h4 style="margin:6px 0">{esc(head_a)}</h4>{_match_rows(report.a_in_b, lang)}</td>'
        f'<td style="vertical-align:top;width:50%;padding:0 0 0 8px">'
        f'<h4 style="margin:6px 0">{esc(head_b)}</h4>{_match_rows(report.b_in_a, lang)}</td>'
        f"</tr></tbody></table>")
    parts.append(f'<div style="border-left:4px solid #2f6fb0;padding:4px 10px;margin:6px 0">'
                 f"<strong>{esc(words['verdict'])}:</strong> {esc(report.verdict(lang))}</div>")
    parts.append(f'<p style="{_SMALL}">{esc(words["threshold"])} {report.threshold:.2f}</p>')
    return _box(lang, "".join(parts))


# --- items and exercises ---------------------------------------------------------------------------


def qualification_html(item: Item, lang: str = "nl") -> str:
    """A qualification or job profile: kind, region, level, code, definition and its competences."""
    words = _words(lang)
    kind = KIND_TEXT[lang].get(item.kind, item.kind)
    facts = [esc(kind)]
    if item.region:
        facts.append(f"{esc(REGION_NAMES[lang].get(item.region, item.region))} ({esc(item.region)})")
    if item.levels:
        facts.append(f"{esc(words['level'])} {esc(', '.join(item.levels))}")
    if item.code:
        facts.append(f"{esc(words['code'])} {esc(item.code)}")
    parts = [f'<h3 style="margin:4px 0">{esc(item.label)} {_code(item.id)}</h3>', f"<p>{' · '.join(facts)}</p>"]
    if item.alt_labels:
        parts.append(f'<p style="{_SMALL}">{esc(", ".join(item.alt_labels))}</p>')
    if item.definition:
        parts.append(f"<p><em>{esc(item.definition)}</em></p>")
    if item.competences:
        rows = [[_code(c.code or c.id.rpartition(".")[2]), esc(KIND_TEXT[lang].get(c.kind, c.kind)), esc(c.text)]
                for c in item.competences]
        parts.append(f'<h4 style="margin:8px 0 2px 0">{esc(words["competences"])} ({len(item.competences)})</h4>')
        parts.append(_table([words["code"], words["kind"], words["competence"]], rows))
    return _box(lang, "".join(parts))


def _proposal_cells(proposal: Proposal, lang: str, *, next_index: int | None) -> list[str]:
    words = _words(lang)
    mapping = proposal.mapping
    number = str(proposal.index)
    if proposal.index == next_index:
        number = f'<strong title="{esc(words["next"])}">▶ {number}</strong>'
    decision = _status(proposal.status, lang)
    if proposal.decision is not None:
        who = proposal.reviewer or ""
        when = proposal.decision.mapping_date or ""
        decision += f'<br><span style="{_SMALL}">{esc(who)} {esc(when)}</span>'
        if proposal.note:
            decision += f"<br>“{esc(proposal.note)}”"
    return [
        number,
        f"{esc(mapping.subject_label)}<br>{_code(mapping.subject_id)}",
        _pred(mapping.predicate_id, lang),
        f"{esc(mapping.object_label)}<br>{_code(mapping.object_id)}",
        confidence_bar(mapping.confidence),
        f'<span style="{_SMALL}">{esc(mapping.comment)}</span>',
        decision,
    ]


def proposal_html(proposal: Proposal, lang: str = "nl") -> str:
    """One proposal of an exercise, as a small card: both competences, the relation and the decision."""
    words = _words(lang)
    head = [words["nr"], "A", words["proposal"], "B", words["confidence"], words["why"], words["decision"]]
    title = words["proposal"]
    if proposal.total:
        title = f"{title} {proposal.index} {words['of']} {proposal.total}"
    return _box(lang, f'<h4 style="margin:4px 0">{esc(title)}</h4>'
                + _table(head, [_proposal_cells(proposal, lang, next_index=None)]))


def review_queue_html(exercise: Exercise, lang: str = "nl") -> str:
    """The review queue of a translation exercise: progress, then every proposal with its decision."""
    words = _words(lang)
    a, b = exercise.a, exercise.b
    progress = exercise.progress
    parts = [f'<h3 style="margin:4px 0">{esc(words["exercise"])}: {esc(a.label)} {_code(a.id)} ↔ '
             f"{esc(b.label)} {_code(b.id)}</h3>",
             f"<p>{esc(words['reviewer'])}: <strong>{esc(exercise.reviewer)}</strong> · "
             f"{esc(words['file'])} {_code(exercise.path)}</p>",
             f"<p>{_bar(progress.decided / progress.total if progress.total else 1.0, 160)} "
             f"{esc(progress.to_text(lang))}</p>"]
    proposals = exercise.proposals
    upcoming = exercise.next()
    next_index = upcoming.index if upcoming is not None else None
    head = [words["nr"], f"A: {a.label}", words["proposal"], f"B: {b.label}", words["confidence"], words["why"],
            words["decision"]]
    parts.append(_table(head, [_proposal_cells(p, lang, next_index=next_index) for p in proposals]))
    stale = exercise.stale
    if stale:
        parts.append(f"<p>{_badge(str(len(stale)))} {esc(words['stale'])}: "
                     + ", ".join(f"{_code(m.subject_id)} → {_code(m.object_id)}" for m in stale) + "</p>")
    return _box(lang, "".join(parts))
