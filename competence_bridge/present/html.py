"""Rich HTML views for Jupyter: levels, recognitions, translations, gap reports, items and exercises.

Every function returns one self-contained HTML fragment (see :mod:`competence_bridge.present.html_parts`)
and is registered as the ``html`` rendering of its result type, which Jupyter shows through the
result's ``_repr_html_``. Headings are Dutch; pass ``lang="en"`` for English. Marks never rely on
colour alone: ✔/✘ always come with a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from competence_bridge.display import renders
from competence_bridge.present.catalogue import (
    BINDING_TEXT,
    FLAG_TEXT,
    JUSTIFICATION_TEXT,
    KIND_TEXT,
    REGION_NAMES,
    found_as,
    paired,
    translation_notes,
    words,
)
from competence_bridge.present.html_parts import (
    INFO_BG,
    INFO_FG,
    SMALL,
    TABLE,
    TD,
    badge,
    bar,
    box,
    bullets,
    code,
    confidence_bar,
    esc,
    flag_badge,
    label,
    mark,
    predicate_cell,
    status_mark,
    table,
)
from competence_bridge.present.text import gap_headings
from competence_bridge.vocabulary import Lang

if TYPE_CHECKING:
    from competence_bridge.matching.results import Candidate, Translation
    from competence_bridge.rdf.items import Item
    from competence_bridge.reports.exercise import Exercise, Proposal
    from competence_bridge.reports.gap import CompetenceMatch, GapReport
    from competence_bridge.reports.levels import LevelReport, RecognitionReport

# --- levels and recognitions -------------------------------------------------------------------


@renders("html", "competence_bridge.reports.levels.LevelReport")
def level_report_html(report: LevelReport, *, lang: Lang = "nl") -> str:
    """A level, its EQF reference, equivalent levels, and the qualification types on both sides."""
    said = words(lang)
    level = report.level
    parts = [f'<h3 style="margin:4px 0">{esc(label(level, lang))} {code(level.id)}</h3>']
    if report.eqf is None:
        parts.append(f"<p>{said['eqf']}: {esc(said['no_eqf'])}</p>")
    elif level.framework != "eqf":
        how = said["equals"] if level.eqf_relation == "exact" else said["within"]
        parts.append(f"<p>{said['eqf']}: {esc(how)} <strong>{esc(label(report.eqf, lang))}</strong> "
                     f"{code(report.eqf.id)}</p>")
    if report.equivalents:
        items = []
        for other in report.equivalents:
            extra = f" ({esc(said['within'])} {esc(other.eqf)})" if other.eqf_relation == "broad" else ""
            items.append(f"<li>{esc(label(other, lang))} {code(other.id)}{extra}</li>")
        parts.append(f"<p style=\"margin-bottom:0\">{esc(said['same'])}:</p>"
                     f'<ul style="margin-top:0">{"".join(items)}</ul>')
    head, cells = [], []
    for region, types in report.types.items():
        head.append(f"{said['at_level']}, {REGION_NAMES[lang][region]} ({region})")
        if not types:
            cells.append(esc(said["none"]))
            continue
        lines = []
        for qtype in types:
            flag = " " + badge(said["historical"], fg="#555", bg="#e8e8e8") if qtype.status == "historical" else ""
            lines.append(f"<li>{esc(label(qtype, lang))} {code(qtype.id)}{flag}</li>")
        cells.append(f'<ul style="margin:0;padding-left:18px">{"".join(lines)}</ul>')
    parts.append(table(head, [cells]))
    return box(lang, "".join(parts))


@renders("html", "competence_bridge.reports.levels.RecognitionReport")
def recognition_report_html(report: RecognitionReport, *, lang: Lang = "nl") -> str:
    """Every recognition statement about a type, direction first; instruments not in force below."""
    said = words(lang)
    item = report.item
    levels = ", ".join(item.levels) or said["no_level"]
    parts = [f'<h3 style="margin:4px 0">{esc(label(item, lang))} {code(item.id)}</h3>',
             f"<p>{esc(REGION_NAMES[lang][item.region])} ({esc(item.region)}), {esc(levels)}</p>",
             f'<h4 style="margin:8px 0 2px 0">{esc(said["recognitions"])}</h4>']
    if not report.lines:
        parts.append(f"<p>{esc(said['no_statements'])}</p>")
    else:
        rows = []
        for line in report.lines:
            instrument = line.instrument
            when = f", {instrument.date}" if instrument.date else ""
            if line.object is not None:
                target = f"{esc(label(line.object, lang))} {code(line.object.id)}"
            elif line.level is not None:
                target = f"{esc(said['level'])} {esc(label(line.level, lang))} {code(line.level.id)}"
            else:
                target = "?"
            said_qualifier = line.statement.qualifier_in(lang)
            qualifier = f"<br>{badge(said_qualifier)}" if said_qualifier else ""
            binding = BINDING_TEXT[lang].get(instrument.binding, instrument.binding)
            sources = ", ".join(f"{esc(source)}" for source in instrument.sources)
            rows.append([
                f'<strong style="white-space:nowrap">{esc(line.direction)}</strong>',
                f"{esc(instrument.authority_in(lang))} ({esc(binding)}{esc(when)})<br>"
                f'<span style="{SMALL}">{esc(label(instrument, lang))}</span>',
                f"{esc(label(line.subject, lang))} → {target}{qualifier}",
                f'<span style="{SMALL}">{sources}</span>',
            ])
        parts.append(table([said["direction"], said["instrument"], said["valuation"], said["source"]], rows))
    for instrument in report.not_in_force:
        scope = instrument.scope if lang == "nl" else instrument.scope_en
        parts.append(f"<p>{badge(said['not_in_force'], fg=INFO_FG, bg=INFO_BG)} "
                     f"<strong>{esc(label(instrument, lang))}</strong>. {esc(scope)}</p>")
    return box(lang, "".join(parts))


# --- translations --------------------------------------------------------------------------------


def _item_line(item: Item, lang: str) -> str:
    kind = KIND_TEXT[lang].get(item.kind, item.kind)
    level = f" · {esc('+'.join(item.levels))}" if item.levels else ""
    return f"<strong>{esc(item.label)}</strong><br>{code(item.id)}{level} · {esc(kind)}"


def _candidate_row(rank: int, candidate: Candidate, lang: str) -> list[str]:
    badges = "".join(flag_badge(flag, lang) for flag in candidate.flags)
    if candidate.review:
        badges += " " + status_mark(candidate.review, lang)
    explanation = candidate.explanation if lang == "nl" else candidate.explanation_en
    justification = JUSTIFICATION_TEXT[lang].get(candidate.justification, candidate.justification)
    return [
        str(rank),
        _item_line(candidate.target, lang) + (f"<br>{badges}" if badges else ""),
        predicate_cell(candidate.predicate, lang),
        confidence_bar(candidate.confidence),
        f"{esc(justification)}<br>{code(candidate.justification)}",
        bullets(explanation),
    ]


@renders("html", "competence_bridge.matching.results.Translation")
def translation_html(translation: Translation, *, lang: Lang = "nl") -> str:
    """Ranked candidates as a table: predicate, confidence bar, justification, explanation, flags; for a
    qualification, the jobs it prepares for on the other side in a second table."""
    said = words(lang)
    source = translation.source
    to = f"{REGION_NAMES[lang].get(translation.to, translation.to)} ({translation.to})"
    if source.kind == "text":
        title = f"{esc(said['translation'])}: ‘{esc(source.label)}’ → {esc(to)}"
    else:
        ids = " ".join(code(item_id) for item_id in (translation.via or (source.id,)))
        title = f"{esc(said['translation'])}: {esc(source.label)} {ids} → {esc(to)}"
    parts = [f'<h3 style="margin:4px 0">{title}</h3>']
    if translation.by_word_forms is not None:
        found = found_as(translation.by_word_forms, translation.found_by, lang, source.levels)
        parts.append(f"<p>{esc(found)}</p>")
    head = ["#", said["candidate"], said["relation"], said["confidence"], said["justification"], said["explanation"]]
    parts.extend(f"<p>{esc(note)}</p>" for note in translation_notes(translation, lang))
    if not translation.candidates:
        parts.append(f"<p>{esc(said['no_diploma' if translation.jobs else 'no_candidate'])}</p>")
    else:
        parts.append(table(head, [_candidate_row(rank, c, lang) for rank, c in enumerate(translation.candidates, 1)]))
    if translation.jobs:
        parts.append(f'<h4 style="margin:8px 0 4px 0">{esc(said["jobs"])}</h4>')
        parts.append(table(head, [_candidate_row(rank, c, lang) for rank, c in enumerate(translation.jobs, 1)]))
    return box(lang, "".join(parts))


# --- gap reports ---------------------------------------------------------------------------------


def _match_rows(matches: tuple[CompetenceMatch, ...], lang: str) -> str:
    said = words(lang)
    rows = []
    for match in matches:
        kind = KIND_TEXT[lang].get(match.competence.kind, match.competence.kind)
        if match.best is not None:
            best = (f'<br><span style="{SMALL}">≈ {esc(paired(match.covered, lang))}: {esc(match.best.text)} '
                    f"({match.score:.2f})</span>")
        else:
            best = f'<br><span style="{SMALL}">{esc(said["no_match"])}</span>'
        summary = f'<span style="{SMALL}">{esc(said["summary"])}</span>'
        shown = mark(match.covered, lang) if match.counted else summary
        rows.append(f'<tr><td style="{TD};width:7.5em">{shown}</td>'
                    f'<td style="{TD}">{esc(match.competence.text)} <span style="{SMALL}">({esc(kind)})</span>'
                    f"{best}</td></tr>")
    return f'<table style="{TABLE}"><tbody>{"".join(rows)}</tbody></table>'


def _levels_text(levels: tuple[str, ...], eqf: tuple[int, ...], lang: str) -> str:
    said = words(lang)
    shown = ", ".join(levels) or said["unknown"]
    grade = ", ".join(str(number) for number in eqf)
    return f"{esc(shown)} ({said['eqf_levels']} {esc(grade)})" if grade else esc(shown)


@renders("html", "competence_bridge.reports.gap.GapReport")
def gap_report_html(report: GapReport, *, lang: Lang = "nl") -> str:
    """Both qualifications side by side in two columns, covered ✔ / missing ✘, the levels and the verdict."""
    said = words(lang)
    a, b, levels = report.a, report.b, report.levels
    parts = [f'<h3 style="margin:4px 0">{esc(said["comparison"])}: {esc(a.label)} {code(a.id)} ↔ '
             f"{esc(b.label)} {code(b.id)}</h3>"]
    mismatch = ""
    if levels.mismatch:
        steps = abs(levels.difference or 0)
        mismatch = " " + badge(f"{FLAG_TEXT[lang]['level-mismatch']}: {steps} EQF")
    level_text = report.level_text if lang == "nl" else report.level_text_en
    parts.append(table(
        [said["levels"], a.label, b.label],
        [[esc(said["level"]), _levels_text(levels.source, levels.source_eqf, lang),
          _levels_text(levels.target, levels.target_eqf, lang)]]))
    parts.append(f"<p>{esc(level_text)}{mismatch}</p>")
    if report.recognitions:
        parts.append(f'<p style="margin-bottom:0">{esc(said["recognitions"])}:</p>' + bullets(report.recognitions))
    head_a, head_b = gap_headings(report, lang)
    parts.append(
        f'<table style="{TABLE};table-layout:fixed"><tbody><tr>'
        f'<td style="vertical-align:top;width:50%;padding:0 8px 0 0">'
        f'<h4 style="margin:6px 0">{esc(head_a)}</h4>{_match_rows(report.a_in_b, lang)}</td>'
        f'<td style="vertical-align:top;width:50%;padding:0 0 0 8px">'
        f'<h4 style="margin:6px 0">{esc(head_b)}</h4>{_match_rows(report.b_in_a, lang)}</td>'
        f"</tr></tbody></table>")
    parts.append(f'<div style="border-left:4px solid #2f6fb0;padding:4px 10px;margin:6px 0">'
                 f"<strong>{esc(said['verdict'])}:</strong> {esc(report.verdict(lang))}</div>")
    parts.append(f'<p style="{SMALL}">{esc(said["threshold"])} {report.threshold:.2f}</p>')
    return box(lang, "".join(parts))


# --- items and exercises ---------------------------------------------------------------------------


@renders("html", "competence_bridge.rdf.items.Item")
def qualification_html(item: Item, *, lang: Lang = "nl") -> str:
    """A qualification or job profile: kind, region, level, code, definition and its competences."""
    said = words(lang)
    kind = KIND_TEXT[lang].get(item.kind, item.kind)
    facts = [esc(kind)]
    if item.region:
        facts.append(f"{esc(REGION_NAMES[lang].get(item.region, item.region))} ({esc(item.region)})")
    if item.levels:
        facts.append(f"{esc(said['level'])} {esc(', '.join(item.levels))}")
    if item.code:
        facts.append(f"{esc(said['code'])} {esc(item.code)}")
    parts = [f'<h3 style="margin:4px 0">{esc(item.label)} {code(item.id)}</h3>', f"<p>{' · '.join(facts)}</p>"]
    if item.alt_labels:
        parts.append(f'<p style="{SMALL}">{esc(", ".join(item.alt_labels))}</p>')
    if item.definition:
        parts.append(f"<p><em>{esc(item.definition)}</em></p>")
    if item.official:
        rows = [[predicate_cell(m.predicate, lang), f"{esc(m.target_label)}<br>{code(m.target)}",
                 f'<span style="{SMALL}">{esc(m.source)}</span>'] for m in item.official]
        parts.append(f'<h4 style="margin:8px 0 2px 0">{esc(said["official"])} ({len(item.official)})</h4>')
        parts.append(table([said["relation"], "ESCO", said["source"]], rows))
    if item.competences:
        rows = [[code(c.code or c.id.rpartition(".")[2]), esc(KIND_TEXT[lang].get(c.kind, c.kind)), esc(c.text)]
                for c in item.competences]
        parts.append(f'<h4 style="margin:8px 0 2px 0">{esc(said["competences"])} ({len(item.competences)})</h4>')
        parts.append(table([said["code"], said["kind"], said["competence"]], rows))
    return box(lang, "".join(parts))


def _proposal_cells(proposal: Proposal, lang: str, *, next_index: int | None) -> list[str]:
    said = words(lang)
    mapping = proposal.mapping
    number = str(proposal.index)
    if proposal.index == next_index:
        number = f'<strong title="{esc(said["next"])}">▶ {number}</strong>'
    decision = status_mark(proposal.status, lang)
    if proposal.decision is not None:
        who = proposal.reviewer or ""
        when = proposal.decision.mapping_date or ""
        decision += f'<br><span style="{SMALL}">{esc(who)} {esc(when)}</span>'
        if proposal.note:
            decision += f"<br>“{esc(proposal.note)}”"
    return [
        number,
        f"{esc(mapping.subject_label)}<br>{code(mapping.subject_id)}",
        predicate_cell(mapping.predicate_id, lang),
        f"{esc(mapping.object_label)}<br>{code(mapping.object_id)}",
        confidence_bar(mapping.confidence),
        f'<span style="{SMALL}">{esc(mapping.comment)}</span>',
        decision,
    ]


@renders("html", "competence_bridge.reports.exercise.Proposal")
def proposal_html(proposal: Proposal, *, lang: Lang = "nl") -> str:
    """One proposal of an exercise, as a small card: both competences, the relation and the decision."""
    said = words(lang)
    head = [said["nr"], "A", said["proposal"], "B", said["confidence"], said["why"], said["decision"]]
    title = said["proposal"]
    if proposal.total:
        title = f"{title} {proposal.index} {said['of']} {proposal.total}"
    return box(lang, f'<h4 style="margin:4px 0">{esc(title)}</h4>'
                + table(head, [_proposal_cells(proposal, lang, next_index=None)]))


@renders("html", "competence_bridge.reports.exercise.Exercise")
def review_queue_html(exercise: Exercise, *, lang: Lang = "nl") -> str:
    """The review queue of a translation exercise: progress, then every proposal with its decision."""
    said = words(lang)
    a, b = exercise.a, exercise.b
    progress = exercise.progress
    parts = [f'<h3 style="margin:4px 0">{esc(said["exercise"])}: {esc(a.label)} {code(a.id)} ↔ '
             f"{esc(b.label)} {code(b.id)}</h3>",
             f"<p>{esc(said['reviewer'])}: <strong>{esc(exercise.reviewer)}</strong> · "
             f"{esc(said['file'])} {code(exercise.path)}</p>",
             f"<p>{bar(progress.decided / progress.total if progress.total else 1.0, 160)} "
             f"{esc(progress.to_text(lang))}</p>"]
    proposals = exercise.proposals
    upcoming = exercise.next()
    next_index = upcoming.index if upcoming is not None else None
    head = [said["nr"], f"A: {a.label}", said["proposal"], f"B: {b.label}", said["confidence"], said["why"],
            said["decision"]]
    parts.append(table(head, [_proposal_cells(p, lang, next_index=next_index) for p in proposals]))
    stale = exercise.stale
    if stale:
        parts.append(f"<p>{badge(str(len(stale)))} {esc(said['stale'])}: "
                     + ", ".join(f"{code(m.subject_id)} → {code(m.object_id)}" for m in stale) + "</p>")
    return box(lang, "".join(parts))
