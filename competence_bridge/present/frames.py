"""Results as pandas DataFrames, one row per thing a person would put in a spreadsheet row.

pandas is an optional dependency (``pip install "competence-bridge[notebook]"``); it is imported
only when a ``to_frame()`` is called, and its absence is reported with that install command.
Column names are English snake_case; ids are CURIEs; Dutch texts stay Dutch (``*_en`` for English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from competence_bridge.display import renders

if TYPE_CHECKING:
    from competence_bridge.matching.results import Translation
    from competence_bridge.matching.search import SearchResult
    from competence_bridge.reports.exercise import Exercise
    from competence_bridge.reports.gap import GapReport
    from competence_bridge.reports.levels import LevelReport, RecognitionReport

INSTALL_HINT = 'pip install "competence-bridge[notebook]"'


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:
        raise ImportError(f"to_frame() needs pandas, an optional dependency: {INSTALL_HINT}") from error
    return pandas


@renders("frame", "competence_bridge.reports.levels.LevelReport")
def level_report_frame(report: LevelReport) -> Any:
    """One row for the level, its EQF level, each equivalent level and each qualification type there.

    Columns: ``role`` (level, eqf, equivalent, type), ``region``, ``id``, ``label``, ``label_en``,
    ``framework``, ``relation`` (exact/broad, for levels), ``levels`` and ``status`` (for types).
    """
    pd = _pandas()
    rows: list[dict[str, Any]] = []

    def level_row(role: str, ref: Any) -> dict[str, Any]:
        return {"role": role, "region": ref.region, "id": ref.id, "label": ref.label, "label_en": ref.label_en,
                "framework": ref.framework, "relation": ref.eqf_relation, "levels": None, "status": None}

    rows.append(level_row("level", report.level))
    if report.eqf is not None and report.eqf.id != report.level.id:
        rows.append({**level_row("eqf", report.eqf), "relation": report.level.eqf_relation})
    rows.extend(level_row("equivalent", ref) for ref in report.equivalents)
    for region, types in report.types.items():
        for qtype in types:
            rows.append({"role": "type", "region": region, "id": qtype.id, "label": qtype.label,
                         "label_en": qtype.label_en, "framework": None, "relation": None,
                         "levels": ", ".join(qtype.levels), "status": qtype.status})
    return pd.DataFrame(rows, columns=["role", "region", "id", "label", "label_en", "framework", "relation",
                                       "levels", "status"])


@renders("frame", "competence_bridge.reports.levels.RecognitionReport")
def recognition_report_frame(report: RecognitionReport) -> Any:
    """One row per recognition statement (direction first), then one per instrument not in force."""
    pd = _pandas()
    columns = ["in_force", "direction", "from_region", "to_region", "authority", "authority_en", "instrument",
               "binding", "date",
               "subject_id", "subject", "object_id", "object", "level_id", "level", "qualifier", "qualifier_en",
               "evidence", "sources"]
    rows = []
    for line in report.lines:
        rows.append({
            "in_force": True, "direction": line.direction, "from_region": line.statement.from_region,
            "to_region": line.statement.to_region, "authority": line.instrument.authority,
            "authority_en": line.instrument.authority_in("en"),
            "instrument": line.instrument.id, "binding": line.instrument.binding, "date": line.instrument.date,
            "subject_id": line.subject.id, "subject": line.subject.label,
            "object_id": line.object.id if line.object else None, "object": line.object.label if line.object else None,
            "level_id": line.level.id if line.level else None, "level": line.level.label if line.level else None,
            "qualifier": line.statement.qualifier, "qualifier_en": line.statement.qualifier_in("en"),
            "evidence": line.statement.evidence,
            "sources": ", ".join(line.instrument.sources)})
    for instrument in report.not_in_force:
        rows.append({**dict.fromkeys(columns), "in_force": False, "authority": instrument.authority,
                     "authority_en": instrument.authority_in("en"),
                     "instrument": instrument.id, "binding": instrument.binding, "date": instrument.date,
                     "subject_id": report.item.id, "subject": report.item.label,
                     "sources": ", ".join(instrument.sources)})
    return pd.DataFrame(rows, columns=columns)


@renders("frame", "competence_bridge.matching.results.Translation")
def translation_frame(translation: Translation) -> Any:
    """One row per candidate, in rank order, with every signal as a ``signal_<name>`` column; then, for a
    qualification, one row per job it prepares for (``list`` says which list a row is in: ``candidates`` or
    ``jobs``)."""
    pd = _pandas()
    listed = [("candidates", translation.candidates), ("jobs", translation.jobs)]
    signals = sorted({name for _, candidates in listed for candidate in candidates for name in candidate.signals})
    columns = ["list", "rank", "source_id", "id", "label", "kind", "region", "level", "predicate", "confidence",
               "justification", "level_difference", "flags", "review", "explanation", "explanation_en",
               *(f"signal_{name}" for name in signals)]
    rows = []
    for name, candidates in listed:
        for rank, candidate in enumerate(candidates, 1):
            target = candidate.target
            rows.append({
                "list": name, "rank": rank, "source_id": translation.source.id, "id": target.id,
                "label": target.label, "kind": target.kind, "region": target.region,
                "level": "+".join(target.levels) or None, "predicate": candidate.predicate,
                "confidence": round(candidate.confidence, 4), "justification": candidate.justification,
                "level_difference": candidate.levels.difference, "flags": ", ".join(candidate.flags),
                "review": candidate.review, "explanation": " ".join(candidate.explanation),
                "explanation_en": " ".join(candidate.explanation_en),
                **{f"signal_{signal}": round(candidate.signals[signal], 4) if signal in candidate.signals else None
                   for signal in signals}})
    return pd.DataFrame(rows, columns=columns)


@renders("frame", "competence_bridge.reports.gap.GapReport")
def gap_report_frame(report: GapReport) -> Any:
    """One row per competence of both sides: ``side`` ``a`` (A's, found in B?) or ``b`` (B's, found in A?)."""
    pd = _pandas()
    columns = ["side", "owner", "id", "statement", "kind", "counted", "covered", "score", "best_match_id", "best_match"]
    rows = []
    for side, owner, matches in (("a", report.a.id, report.a_in_b), ("b", report.b.id, report.b_in_a)):
        for match in matches:
            rows.append({"side": side, "owner": owner, "id": match.competence.id, "statement": match.competence.text,
                         "kind": match.competence.kind, "counted": match.counted, "covered": match.covered,
                         "score": round(match.score, 4),
                         "best_match_id": match.best.id if match.best else None,
                         "best_match": match.best.text if match.best else None})
    return pd.DataFrame(rows, columns=columns)


@renders("frame", "competence_bridge.reports.exercise.Exercise")
def exercise_frame(exercise: Exercise) -> Any:
    """One row per proposal of an exercise, with its decision (``status`` open/accepted/rejected/unsure)."""
    pd = _pandas()
    columns = ["nr", "a_id", "a_competence", "predicate", "b_id", "b_competence", "confidence", "why",
               "status", "reviewer", "date", "comment"]
    rows = []
    for proposal in exercise.proposals:
        mapping, decision = proposal.mapping, proposal.decision
        rows.append({"nr": proposal.index, "a_id": mapping.subject_id, "a_competence": mapping.subject_label,
                     "predicate": mapping.predicate_id, "b_id": mapping.object_id,
                     "b_competence": mapping.object_label, "confidence": mapping.confidence, "why": mapping.comment,
                     "status": proposal.status, "reviewer": proposal.reviewer,
                     "date": decision.mapping_date if decision is not None else None, "comment": proposal.note})
    return pd.DataFrame(rows, columns=columns)


@renders("frame", "competence_bridge.matching.search.SearchResult")
def search_result_frame(result: SearchResult) -> Any:
    """One row per hit, best first: rank, id, name, the label that matched, kind, region, score, why."""
    pd = _pandas()
    columns = ["rank", "id", "name", "label", "kind", "region", "score", "matched", "explanation"]
    rows = [{"rank": rank, **hit.to_dict(), "explanation": " ".join(hit.explanation)}
            for rank, hit in enumerate(result.hits, 1)]
    return pd.DataFrame(rows, columns=columns)
