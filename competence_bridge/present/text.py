"""Results as plain text for a terminal or a print(): Dutch by default, English with ``lang="en"``.

Each function is registered as the ``text`` rendering of one result type (see
:mod:`competence_bridge.display`), so ``result.to_text(lang)`` and ``print(result)`` end here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from competence_bridge.display import renders
from competence_bridge.present.catalogue import (
    BINDING_TEXT,
    MEASURE_TEXT,
    REGION_NAMES,
    VERDICT_MISSING,
    VERDICT_TEXT,
    found_as,
    kind_name,
    paired,
    translation_notes,
    words,
)
from competence_bridge.present.search_notes import search_note
from competence_bridge.rdf.curies import compress
from competence_bridge.vocabulary import Lang

if TYPE_CHECKING:
    from competence_bridge.importers.versions import VersionDiff
    from competence_bridge.matching.results import Translation
    from competence_bridge.matching.search import SearchResult
    from competence_bridge.rdf.catalog import Instrument, LevelRef, TypeRef
    from competence_bridge.rdf.items import Item
    from competence_bridge.reports.exercise import Exercise, ExerciseProgress, Proposal
    from competence_bridge.reports.gap import CompetenceMatch, GapReport, Verdict
    from competence_bridge.reports.levels import LevelReport, RecognitionLine, RecognitionReport


def label(ref: LevelRef | TypeRef | Instrument, lang: str) -> str:
    """The Dutch or English label of a catalogue entry."""
    return ref.label if lang == "nl" else ref.label_en


# --- levels and recognitions -------------------------------------------------------------------


@renders("text", "competence_bridge.reports.levels.LevelReport")
def level_report_text(report: LevelReport, *, lang: Lang = "nl") -> str:
    """A level, its EQF reference, equivalent levels and the types on each side."""
    said = words(lang)
    lines = [f"{label(report.level, lang)} ({report.level.id})"]
    if report.eqf is None:
        lines.append(f"  {said['eqf']}: {said['no_eqf']}")
    elif report.level.framework != "eqf":
        how = "=" if report.level.eqf_relation == "exact" else said["within"]
        lines.append(f"  {said['eqf']}: {how} {label(report.eqf, lang)} ({report.eqf.id})")
    if report.equivalents:
        lines.append(f"  {said['same']}:")
        for level in report.equivalents:
            extra = f" ({said['within']} {level.eqf})" if level.eqf_relation == "broad" else ""
            lines.append(f"    {label(level, lang)} ({level.id}){extra}")
    for region, types in report.types.items():
        lines.append(f"  {said['at_level']}, {REGION_NAMES[lang][region]} ({region}):")
        if not types:
            lines.append(f"    {said['none']}")
        for qtype in types:
            flag = f" [{said['historical']}]" if qtype.status == "historical" else ""
            lines.append(f"    {label(qtype, lang)} ({qtype.id}){flag}")
    return "\n".join(lines)


@renders("text", "competence_bridge.reports.levels.RecognitionLine")
def recognition_line_text(line: RecognitionLine, *, lang: Lang = "nl") -> str:
    """``FROM → TO  authority (binding, date): subject → object``, then the instrument and its sources."""
    said = words(lang)
    if line.object is not None:
        target = f"{label(line.object, lang)} ({line.object.id})"
    elif line.level is not None:
        target = f"{said['level']} {label(line.level, lang)} ({line.level.id})"
    else:
        target = "?"
    when = f", {line.instrument.date}" if line.instrument.date else ""
    qualifier = f" [{line.statement.qualifier_in(lang)}]" if line.statement.qualifier else ""
    binding = BINDING_TEXT[lang][line.instrument.binding]
    head = (f"{line.direction}  {line.instrument.authority_in(lang)} ({binding}{when}): "
            f"{label(line.subject, lang)} → {target}{qualifier}")
    sources = ", ".join(line.instrument.sources)
    return f"{head}\n      {label(line.instrument, lang)}; {said['source_lower']}: {sources}"


@renders("text", "competence_bridge.reports.levels.RecognitionReport")
def recognition_report_text(report: RecognitionReport, *, lang: Lang = "nl") -> str:
    """Direction first, one statement per line; instruments not in force below."""
    said = words(lang)
    levels = ", ".join(report.item.levels) or said["no_level"]
    lines = [f"{label(report.item, lang)} ({report.item.id}), {REGION_NAMES[lang][report.item.region]}, {levels}"]
    if not report.lines:
        lines.append(f"  {said['no_statements']}")
    lines.extend(f"  {recognition_line_text(line, lang=lang)}" for line in report.lines)
    for instrument in report.not_in_force:
        scope = instrument.scope if lang == "nl" else instrument.scope_en
        lines.append(f"  {said['not_in_force']}: {label(instrument, lang)}. {scope}")
    return "\n".join(lines)


# --- translations and search -------------------------------------------------------------------


@renders("text", "competence_bridge.matching.results.Translation")
def translation_text(translation: Translation, *, lang: Lang = "nl") -> str:
    """A readable ranking with explanations, where to look for the competence-level differences, and (for a
    qualification) the jobs it prepares for on the other side, one line each with the command that explains them."""
    said = words(lang)
    source = translation.source
    head = (f"{source.label} ({', '.join(translation.via) or source.id}) → {translation.to}"
            if source.kind != "text" else f"'{source.label}' → {translation.to}")
    lines = [head]
    if translation.by_word_forms is not None:
        found = found_as(translation.by_word_forms, translation.found_by, lang, source.levels)
        lines.append(f"  ({found})")
    lines.extend(f"  {note}" for note in translation_notes(translation, lang))
    if not translation.candidates:
        lines.append(f"  {said['no_diploma' if translation.jobs else 'no_candidate']}")
        # nothing names a counterpart, but the level does: point to the types the frameworks place there
        lines.extend(f"{said['same_level']}: competence-bridge levels {level.replace(':', ' ')}"
                     for level in source.levels[:1])
    for rank, candidate in enumerate(translation.candidates, 1):
        target = candidate.target
        level = f", {'+'.join(target.levels)}" if target.levels else ""
        lines.append(f"  {rank}. {target.label} ({target.id}{level})  {candidate.predicate}  "
                     f"{candidate.confidence:.2f}  {candidate.justification}")
        for reason in (candidate.explanation if lang == "nl" else candidate.explanation_en):
            lines.append(f"       {reason}")
    first = translation.candidates[0].target if translation.candidates else None
    if first is not None and not translation.merged and source.competences and first.competences:
        lines.append(f"{said['what_differs']}: competence-bridge compare {source.id} {first.id}")
    if translation.jobs:
        commands = "; ".join(f"competence-bridge translate {job}" for job in translation.jobs_via)
        lines.append(f"{said['jobs']} ({said['jobs_explained']}: {commands}):" if commands else f"{said['jobs']}:")
        lines.extend(f"  {rank}. {job.target.label} ({job.target.id})  {job.predicate}  {job.confidence:.2f}  "
                     f"{job.justification}" for rank, job in enumerate(translation.jobs, 1))
    return "\n".join(lines)


@renders("text", "competence_bridge.matching.search.SearchResult")
def search_result_text(result: SearchResult, *, lang: Lang = "nl") -> str:
    """One line per hit (rank, label, id, kind, region, score), its reasons indented below."""
    said = words(lang)
    if not result.hits:
        return said["search_none"].format(query=result.query)
    lines = [said["search_results"].format(query=result.query)]
    for rank, hit in enumerate(result.hits, 1):
        kind = kind_name(hit.kind, hit.region, lang)
        where = ", ".join(part for part in (kind, REGION_NAMES[lang].get(hit.region or "", "")) if part)
        lines.append(f"  {rank}. {hit.name or hit.label} ({hit.id}; {where})  {hit.score:.2f}")
        lines.extend(f"       {search_note(note, lang)}" for note in hit.explanation)
    return "\n".join(lines)


@renders("text", "competence_bridge.rdf.items.Item")
def item_text(item: Item, *, lang: Lang = "nl") -> str:
    """An item card: label and id, kind, region, level and code, other names, definition, competences."""
    said = words(lang)
    facts = [kind_name(item.kind, item.region, lang)]
    if item.region:
        facts.append(f"{REGION_NAMES[lang].get(item.region, item.region)} ({item.region})")
    if item.levels:
        facts.append(f"{said['level']} {', '.join(item.levels)}")
    if item.code:
        facts.append(f"{said['code']} {item.code}")
    lines = [f"{item.label} ({item.id})", "  " + " · ".join(facts)]
    if item.alt_labels:
        lines.append("  " + ", ".join(item.alt_labels))
    if item.definition:
        lines.append(f"  {item.definition}")
    if item.official:
        lines.append(f"  {said['official']}:")
        lines.extend(f"    {m.predicate} {m.target_label} ({m.target}) — {m.source}" for m in item.official)
    if item.competences:
        lines.append(f"  {said['competences']} ({len(item.competences)}):")
        lines.extend(f"    {c.code or c.id.rpartition('.')[2]}  {c.text}" for c in item.competences)
    return "\n".join(lines)


# --- gap reports and exercises -------------------------------------------------------------------


def gap_headings(report: GapReport, lang: Lang = "nl") -> tuple[str, str]:
    """The two column headings (A's column, B's column), the same words in text and HTML."""
    said = words(lang)
    a, b = report.a.label, report.b.label
    return (said["covers"].format(a=a, b=b, share=f"{report.coverage_a_in_b:.0%}"),
            said["asks"].format(a=a, b=b, share=f"{report.coverage_b_in_a:.0%}"))


@renders("text", "competence_bridge.reports.gap.Verdict")
def verdict_text(verdict: Verdict, *, lang: Lang = "nl") -> str:
    """The verdict in words: content, borrowed competences, levels, recognitions."""
    words(lang)
    said = VERDICT_TEXT[lang]
    plural, singular = VERDICT_MISSING[lang]
    names = {"a": verdict.a, "b": verdict.b, "bring": f"{verdict.bring:.0%}",
             "missing": (singular if verdict.missing == 1 else plural).format(n=verdict.missing),
             "measure": MEASURE_TEXT[lang][verdict.measure]}
    content = said[verdict.kind].format(**names)
    if verdict.missing and verdict.kind != "none":
        content += " " + said["unfound"]
    borrowed = [said["borrowed"].format(job=job, qualifications=", ".join(qualifications))
                for job, qualifications in verdict.borrowed]
    level = verdict.level_text if lang == "nl" else verdict.level_text_en
    recognitions = verdict.recognitions if lang == "nl" else (verdict.recognitions_en or verdict.recognitions)
    return " ".join([content, *borrowed, level, *(said["recognition"].format(r) for r in recognitions)])


def _mark(match: CompetenceMatch) -> str:
    """✔ covered, ✘ missing, · a core task that only summarises (not compared)."""
    return "·" if not match.counted else ("✔" if match.covered else "✘")


@renders("text", "competence_bridge.reports.gap.GapReport")
def gap_report_text(report: GapReport, *, lang: Lang = "nl") -> str:
    """Two blocks (what B asks and whether A covers it; the reverse) and the verdict."""
    said = words(lang)
    lines = [f"{said['comparison']}: {report.a.label} ({report.a.id}) ↔ {report.b.label} ({report.b.id})", ""]
    head_a, head_b = gap_headings(report, lang)
    for head, matches in ((head_b, report.b_in_a), (head_a, report.a_in_b)):
        lines.append(head)
        for match in matches:
            lines.append(f"  {_mark(match)} {match.competence.text}")
            if match.counted:
                lines.append(f"      ≈ {paired(match.covered, lang)}: {match.best.text} ({match.score:.2f})"
                             if match.best else f"      {said['no_match']}")
        lines.append("")
    lines.append(said["verdict_prefix"] + report.verdict(lang))
    if report.a_in_b and report.b_in_a:  # something was compared
        lines.append(f"({said['threshold']} {report.threshold:.2f})")
    return "\n".join(lines)


@renders("text", "competence_bridge.reports.exercise.Proposal")
def proposal_text(proposal: Proposal, *, lang: Lang = "nl") -> str:
    """One readable block: number, both competences, relation, confidence, why and the decision."""
    m = proposal.mapping
    status = words(lang)[proposal.status]
    lines = [f"{proposal.index}. {m.subject_label} ({m.subject_id})",
             f"   {m.predicate_id} {m.confidence if m.confidence is not None else '-'}",
             f"   {m.object_label} ({m.object_id})",
             f"   {m.comment or ''}".rstrip(),
             f"   [{status}{' ' + proposal.note if proposal.note else ''}]"]
    return "\n".join(line for line in lines if line.strip())


@renders("text", "competence_bridge.reports.exercise.ExerciseProgress")
def progress_text(progress: ExerciseProgress, *, lang: Lang = "nl") -> str:
    """``3 van 20 beslist: 2 aanvaard, 1 afgewezen, 0 twijfel; 17 open``."""
    return words(lang)["progress"].format(**progress.to_dict())


@renders("text", "competence_bridge.reports.exercise.Exercise")
def exercise_text(exercise: Exercise, *, lang: Lang = "nl") -> str:
    """The queue as text: a heading, the progress and every proposal."""
    said = words(lang)
    lines = [f"{said['exercise']}: {exercise.a.label} ({exercise.a.id}) ↔ {exercise.b.label} ({exercise.b.id})",
             progress_text(exercise.progress, lang=lang), ""]
    lines.extend(proposal_text(proposal, lang=lang) for proposal in exercise.proposals)
    return "\n".join(lines)


# --- source versions -----------------------------------------------------------------------------


@renders("text", "competence_bridge.importers.versions.VersionDiff")
def version_diff_text(diff: VersionDiff, *, lang: Lang = "nl") -> str:
    """One line per change, IRIs as CURIEs where we have a prefix (the same in both languages)."""
    words(lang)
    counts = ", ".join(f"{n} {name.replace('_', '-')}" for name, n in diff.summary().items())
    language = f" ({diff.language})" if diff.language else ""
    lines = [f"{diff.kind}{language} {diff.old_version or '?'} -> {diff.new_version or '?'}: {counts}"]
    lines.extend(f"+ {compress(change.iri)}  {change.label}" for change in diff.added)
    lines.extend(f"- {compress(change.iri)}  {change.label}" for change in diff.removed)
    lines.extend(f"~ {compress(change.iri)}  label {change.old!r} -> {change.new!r}" for change in diff.relabelled)
    for change in diff.reclassified:
        old, new = change.old, change.new
        assert old is not None and new is not None and not isinstance(old, (str, tuple)) \
            and not isinstance(new, (str, tuple))  # placements
        parts = []
        if old.group != new.group:
            parts.append(f"group {_curie(old.group)} -> {_curie(new.group)}")
        if old.broader != new.broader:
            parts.append(f"broader {_curies(old.broader)} -> {_curies(new.broader)}")
        lines.append(f"~ {compress(change.iri)}  {change.label}: {'; '.join(parts)}")
    for change in diff.alt_labels:
        before, after = set(change.old or ()), set(change.new or ())  # type: ignore[arg-type]
        edits = [f"+{text!r}" for text in sorted(after - before)] + [f"-{text!r}" for text in sorted(before - after)]
        lines.append(f"~ {compress(change.iri)}  {change.label}: alt labels {' '.join(edits)}")
    return "\n".join(lines)


def _curie(iri: str | None) -> str:
    return compress(iri) if iri else "-"


def _curies(iris: tuple[str, ...]) -> str:
    return ", ".join(compress(iri) for iri in iris) or "-"
