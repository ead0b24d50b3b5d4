"""Short one-line summaries: what a result shows at a Python prompt instead of a long dataclass repr.

Registered as the ``summary`` rendering, which is every result type's ``repr()``; ``to_text()``
(or ``print(result)``) gives the full text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from competence_bridge.display import renders

if TYPE_CHECKING:
    from competence_bridge.importers.versions import VersionDiff
    from competence_bridge.matching.results import Candidate, Translation
    from competence_bridge.matching.search import SearchResult
    from competence_bridge.rdf.items import Item
    from competence_bridge.reports.exercise import Exercise, ExerciseProgress, Proposal
    from competence_bridge.reports.gap import GapReport, Verdict
    from competence_bridge.reports.levels import LevelReport, RecognitionLine, RecognitionReport

#: How many entries a summary names before it says "…".
SHOWN = 3


def _some(names: list[str]) -> str:
    more = len(names) - SHOWN
    return "; ".join(names[:SHOWN]) + (f"; … {more} more" if more > 0 else "")


@renders("summary", "competence_bridge.matching.results.Translation")
def translation_summary(translation: Translation) -> str:
    """``<Translation 'zorgkundige' → NL: 5 candidates: 1. Verzorgende-IG (nl:crebo-25656) closeMatch 0.74; …>``."""
    ranked = [f"{rank}. {c.target.label} ({c.target.id}) {c.predicate.removeprefix('skos:')} {c.confidence:.2f}"
              for rank, c in enumerate(translation.candidates, 1)]
    body = f": {_some(ranked)}" if ranked else ""
    return (f"<Translation {translation.source.label!r} → {translation.to}: "
            f"{len(translation.candidates)} candidate{'s' * (len(translation.candidates) != 1)}{body}>")


@renders("summary", "competence_bridge.matching.results.Candidate")
def candidate_summary(candidate: Candidate) -> str:
    """``<Candidate Verzorgende-IG (nl:crebo-25656) skos:closeMatch 0.74>``."""
    target = candidate.target
    return f"<Candidate {target.label} ({target.id}) {candidate.predicate} {candidate.confidence:.2f}>"


@renders("summary", "competence_bridge.reports.gap.GapReport")
def gap_report_summary(report: GapReport) -> str:
    """``<GapReport A ↔ B: B covered 40%, A covered 55%, 6 missing for B>``."""
    return (f"<GapReport {report.a.id} ↔ {report.b.id}: {report.coverage_b_in_a:.0%} of B covered by A, "
            f"{report.coverage_a_in_b:.0%} of A by B, {len(report.missing_for_b)} missing for B>")


@renders("summary", "competence_bridge.reports.levels.LevelReport")
def level_report_summary(report: LevelReport) -> str:
    """``<LevelReport vks:5 = eqf:5; equivalents nlqf:5>``."""
    eqf = report.eqf.id if report.eqf is not None else "no EQF"
    equivalents = ", ".join(level.id for level in report.equivalents) or "none"
    return f"<LevelReport {report.level.id} → {eqf}; equivalents {equivalents}>"


@renders("summary", "competence_bridge.reports.levels.RecognitionReport")
def recognition_report_summary(report: RecognitionReport) -> str:
    """``<RecognitionReport nl:havo: 3 statements, 1 instrument not in force>``."""
    return (f"<RecognitionReport {report.item.id}: {len(report.lines)} statement{'s' * (len(report.lines) != 1)}, "
            f"{len(report.not_in_force)} not in force>")


@renders("summary", "competence_bridge.reports.levels.RecognitionLine")
def recognition_line_summary(line: RecognitionLine) -> str:
    """``<RecognitionLine NL → BE-VLG rec:…>``."""
    return f"<RecognitionLine {line.direction} {line.statement.id}>"


@renders("summary", "competence_bridge.matching.search.SearchResult")
def search_result_summary(result: SearchResult) -> str:
    """``<SearchResult 'lasser': 3 hits: 1. Lasser (vl:job.lasser) 1.00; …>``."""
    hits = [f"{rank}. {hit.name or hit.label} ({hit.id}) {hit.score:.2f}" for rank, hit in enumerate(result.hits, 1)]
    body = f": {_some(hits)}" if hits else ""
    return f"<SearchResult {result.query!r}: {len(result.hits)} hit{'s' * (len(result.hits) != 1)}{body}>"


@renders("summary", "competence_bridge.reports.exercise.Proposal")
def proposal_summary(proposal: Proposal) -> str:
    """``<Proposal 3 open: vl:… skos:closeMatch nl:… (0.61)>``."""
    m = proposal.mapping
    pair = f"{m.subject_id} {m.predicate_id} {m.object_id}"
    return f"<Proposal {proposal.index} {proposal.status}: {pair} ({m.confidence})>"


@renders("summary", "competence_bridge.reports.exercise.ExerciseProgress")
def progress_summary(progress: ExerciseProgress) -> str:
    """The Dutch progress sentence, as the exercise's own summary uses it."""
    return progress.to_text("nl")


@renders("summary", "competence_bridge.reports.exercise.Exercise")
def exercise_summary(exercise: Exercise) -> str:
    """``<Exercise A ↔ B, 3 van 20 beslist: …>``."""
    return f"<Exercise {exercise.a.id} ↔ {exercise.b.id}, {exercise.progress.to_text('nl')}>"


@renders("summary", "competence_bridge.importers.versions.VersionDiff")
def version_diff_summary(diff: VersionDiff) -> str:
    """``<VersionDiff esco 1.1.1 → 1.2.0: 35 added, 3 removed, …>``."""
    counts = ", ".join(f"{n} {name.replace('_', '-')}" for name, n in diff.summary().items())
    return f"<VersionDiff {diff.kind} {diff.old_version or '?'} → {diff.new_version or '?'}: {counts}>"


@renders("summary", "competence_bridge.reports.gap.Verdict")
def verdict_summary(verdict: Verdict) -> str:
    """``<Verdict partial: 60% of B covered, 4 missing>``."""
    return f"<Verdict {verdict.kind}: {verdict.bring:.0%} of B covered, {verdict.missing} missing>"


@renders("summary", "competence_bridge.rdf.items.Item")
def item_summary(item: Item) -> str:
    """``<Item vl:bk-zorgkundige 'Zorgkundige' qualification BE-VLG vks:4, 23 competences>``."""
    facts = [item.kind, item.region or "", "+".join(item.levels)]
    competences = f", {len(item.competences)} competences" if item.competences else ""
    return f"<Item {item.id} {item.label!r} {' '.join(f for f in facts if f)}{competences}>"
