"""A translation exercise (*competentie-vertaaloefening*): two people walk the proposed competence mappings.

A teacher from each side puts two qualifications (or a qualification and a job profile) side by
side, goes through what :meth:`Bridge.competence_proposals` proposes, and accepts, rejects or
marks each proposal unsure. Decisions are recorded with the one review mechanism,
:class:`~competence_bridge.sssom.review.ReviewLog`, in an SSSOM file that is saved atomically after
every decision. The file's metadata names A, B, the proposal limit and the reviewer, so
:meth:`Exercise.open` continues the exercise in a new process where it stopped.

>>> exercise = Exercise.start(bridge, "vl:bk-zorgkundige", "nl:crebo-25656",
...                           "zorg.sssom.tsv", "Els (Zeeland) en Jan (Oost-Vlaanderen)")  # doctest: +SKIP
>>> exercise.decide(exercise.next(), "accept", comment="zelfde handeling")               # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from competence_bridge.display import Shown, Tabular
from competence_bridge.errors import ExerciseError
from competence_bridge.rdf.graph import write_atomic
from competence_bridge.rdf.items import Item, ItemTable
from competence_bridge.reports.gap import GapReport
from competence_bridge.sssom.mapping import Mapping
from competence_bridge.sssom.review import ReviewLog, status_of
from competence_bridge.sssom.tsv import dumps_sssom


class ExerciseSource(Protocol):
    """What an exercise needs from the loaded data (a :class:`~competence_bridge.bridge.Bridge` has it)."""

    def require_item(self, query: str) -> Item:
        """The item an id or label names."""

    def competence_proposals(self, a: str, b: str, *, limit: int = 3) -> list[Mapping]:
        """Proposed mappings from every competence of A to the closest competences of B."""

    def compare(self, a: str, b: str) -> GapReport:
        """The gap report of A and B."""

    @property
    def items(self) -> ItemTable:
        """Every item and competence, with the ids items had before (``renamed``)."""


#: Marks a review file as an exercise; the description also names A, B, the limit and the reviewer.
MARKER = "competence-bridge exercise"
_DESCRIPTION = re.compile(re.escape(MARKER) + r"\): a=(?P<a>\S+); b=(?P<b>\S+); limit=(?P<limit>\d+); "
                          r"reviewer=(?P<reviewer>.+)\Z", re.DOTALL)



@dataclass(frozen=True, repr=False)
class Proposal(Shown):
    """One proposed competence mapping of an exercise: its number, the SSSOM row and the decision so far."""

    index: int  # position in Exercise.proposals; what decide() takes
    mapping: Mapping  # the proposal as Bridge.competence_proposals made it
    decision: Mapping | None = None  # the recorded review row, if decided
    total: int = 0  # number of proposals in the exercise

    @property
    def status(self) -> str:
        """``open``, ``accepted``, ``rejected`` or ``unsure``."""
        return "open" if self.decision is None else (status_of(self.decision) or "open")

    @property
    def reviewer(self) -> str | None:
        """Who decided (id or name), or None while open."""
        if self.decision is None:
            return None
        return self.decision.reviewer_id or self.decision.other_fields().get("reviewer")

    @property
    def note(self) -> str | None:
        """The reviewer's comment, when it differs from the proposal's own explanation."""
        if self.decision is None or self.decision.comment == self.mapping.comment:
            return None
        return self.decision.comment


@dataclass(frozen=True, repr=False)
class ExerciseProgress(Shown):
    """How far an exercise is: counts of proposals per decision."""

    total: int
    accepted: int
    rejected: int
    unsure: int

    @property
    def decided(self) -> int:
        """Proposals with any decision (unsure included)."""
        return self.accepted + self.rejected + self.unsure

    @property
    def pending(self) -> int:
        """Proposals still open."""
        return self.total - self.decided

    def to_dict(self) -> dict[str, int]:
        """All counts."""
        return {"total": self.total, "decided": self.decided, "accepted": self.accepted,
                "rejected": self.rejected, "unsure": self.unsure, "pending": self.pending}


class Exercise(Tabular):
    """A workshop exercise over the competences of A and B, its decisions kept in one SSSOM file.

    Create one with :meth:`start` or continue one with :meth:`open`; do not call the constructor.
    """

    def __init__(self, bridge: ExerciseSource, a: Item, b: Item, reviewer: str, limit: int, log: ReviewLog,
                 mappings: list[Mapping]) -> None:
        self.bridge = bridge
        self.a = a
        self.b = b
        self.reviewer = reviewer
        self.limit = limit
        self.log = log
        self._mappings = tuple(mappings)
        self._index = {mapping.key: number for number, mapping in enumerate(self._mappings)}

    # --- starting and continuing ---------------------------------------------------------------

    @classmethod
    def start(cls, bridge: ExerciseSource, a: str, b: str, path: str | Path, reviewer: str, *,
              limit: int = 3) -> Exercise:
        """Start an exercise on A and B (ids or labels), saving an empty review file at *path* at once.

        *limit* is how many competences of B are proposed for each competence of A.

        :raises ExerciseError: when *path* exists (continue it with :meth:`open`), when A or B has no
            competences, or the reviewer is empty
        """
        path = Path(path)
        if path.exists():
            raise ExerciseError(f"{path} already exists; continue it with Exercise.open(bridge, {str(path)!r}) "
                                "or choose another file")
        reviewer = _check_reviewer(reviewer)
        if limit < 1:
            raise ExerciseError(f"limit must be at least 1, not {limit}")
        first, second = bridge.require_item(a), bridge.require_item(b)
        for item in (first, second):
            if not item.competences:
                raise ExerciseError(f"{item.label} ({item.id}) has no competences to compare; pick a qualification "
                                    "or a job profile")
        log = ReviewLog.open(path, rename=bridge.items.rename)
        log.mapping_set = log.mapping_set.model_copy(update={
            "mapping_set_title": f"Vertaaloefening {first.label} ↔ {second.label}",
            "mapping_set_description": (f"Competentie-vertaaloefening ({MARKER}): a={first.id}; b={second.id}; "
                                        f"limit={limit}; reviewer={reviewer}"),
            "mapping_tool": "competence-bridge",
            "mapping_date": dt.date.today(),
        })
        exercise = cls(bridge, first, second, reviewer, limit, log,
                       bridge.competence_proposals(first.id, second.id, limit=limit))
        log.save()
        return exercise

    @classmethod
    def open(cls, bridge: ExerciseSource, path: str | Path, *, reviewer: str | None = None) -> Exercise:
        """Continue the exercise saved at *path*; new decisions are by *reviewer* (default: the file's).

        The proposals are made again from the loaded data; decisions on proposals the data no longer
        makes are kept in the file and listed in :attr:`stale`.

        :raises ExerciseError: when *path* does not exist or is not an exercise file
        """
        path = Path(path)
        if not path.exists():
            raise ExerciseError(f"there is no exercise file {path}; start one with Exercise.start(...)")
        log = ReviewLog.open(path, rename=bridge.items.rename)
        found = _DESCRIPTION.search(log.mapping_set.mapping_set_description or "")
        if found is not None:
            a, b, limit, owner = found["a"], found["b"], int(found["limit"]), found["reviewer"]
        else:  # a review file without our description: the rows still say whose competences they map
            rows = [m.other_fields() for m in log.decisions.values()]
            owners = {(r.get("subject_owner"), r.get("object_owner")) for r in rows}
            if len(owners) != 1 or None in next(iter(owners)):
                raise ExerciseError(f"{path} is not a translation exercise: its description does not name A and B")
            (a, b), limit = owners.pop(), 3
            owner = next((log.reviewer_of(m) for m in log.decisions.values()), "?")
        first, second = bridge.require_item(str(a)), bridge.require_item(str(b))
        return cls(bridge, first, second, _check_reviewer(reviewer) if reviewer is not None else owner, limit, log,
                   bridge.competence_proposals(first.id, second.id, limit=limit))

    # --- walking the proposals ----------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The exercise's SSSOM file."""
        return self.log.path

    @property
    def proposals(self) -> tuple[Proposal, ...]:
        """Every proposal in order, with its decision so far."""
        total = len(self._mappings)
        return tuple(Proposal(number, mapping, self.log.decisions.get(mapping.key), total)
                     for number, mapping in enumerate(self._mappings))

    @property
    def pending(self) -> list[Proposal]:
        """The proposals nobody has decided yet, in order."""
        return [proposal for proposal in self.proposals if proposal.decision is None]

    def next(self) -> Proposal | None:
        """The first undecided proposal, or None when every proposal is decided."""
        pending = self.pending
        return pending[0] if pending else None

    @property
    def progress(self) -> ExerciseProgress:
        """Counts of accepted, rejected, unsure and open proposals."""
        statuses = [proposal.status for proposal in self.proposals]
        return ExerciseProgress(len(statuses), statuses.count("accepted"), statuses.count("rejected"),
                                statuses.count("unsure"))

    @property
    def stale(self) -> tuple[Mapping, ...]:
        """Decisions in the file on proposals the current data no longer makes."""
        return tuple(m for key, m in sorted(self.log.decisions.items()) if key not in self._index)

    def proposal(self, a_competence: str, b_competence: str) -> Proposal:
        """The proposal that maps competence *a_competence* of A to *b_competence* of B (their ids).

        :raises ExerciseError: when no such proposal is made; the message lists what is proposed for A's competence
        """
        return self.proposals[self._number((a_competence, b_competence))]

    def decide(self, proposal: Proposal | Mapping | tuple[str, str] | int, decision: str,
               comment: str | None = None, *, date: dt.date | None = None) -> Proposal:
        """Record ``accept``, ``reject`` or ``unsure`` on a proposal and save.

        Name the proposal by the two competence ids it maps (``("vl:bk-zorgkundige.c03",
        "nl:crebo-25656.w03")``, the robust way: positions change when the data does), by the
        :class:`Proposal` or its mapping, or by its number.

        Deciding again replaces the earlier decision. The file is written atomically; if the save
        fails, the decision is undone in memory too and the error is raised.
        """
        number = self._number(proposal)
        mapping = self._mappings[number]
        previous = self.log.decisions.get(mapping.key)
        self.log.decide(mapping, decision, self.reviewer, comment=comment, date=date)
        try:
            self.log.save()
        except BaseException:
            if previous is None:
                self.log.decisions.pop(mapping.key, None)
            else:
                self.log.decisions[mapping.key] = previous
            raise
        return self.proposals[number]

    def _number(self, proposal: Proposal | Mapping | tuple[str, str] | int) -> int:
        if isinstance(proposal, bool):
            raise ExerciseError("a proposal is a number or a proposal, not True/False")
        if isinstance(proposal, tuple):
            if proposal in self._index:
                return self._index[proposal]
            subject = proposal[0] if proposal else ""
            offered = [m.object_id for m in self._mappings if m.subject_id == subject]
            hint = (f"for {subject} it proposes {', '.join(offered)}" if offered
                    else f"it proposes nothing for {subject!r}")
            raise ExerciseError(f"this exercise does not propose {' → '.join(map(str, proposal))}; {hint}")
        if isinstance(proposal, int):
            if not 0 <= proposal < len(self._mappings):
                raise ExerciseError(f"no proposal number {proposal}; the numbers run from 0 to "
                                    f"{len(self._mappings) - 1}")
            return proposal
        mapping = proposal.mapping if isinstance(proposal, Proposal) else proposal
        if not isinstance(mapping, Mapping) or mapping.key not in self._index:
            raise ExerciseError(f"not a proposal of this exercise: {getattr(mapping, 'key', mapping)!r}")
        return self._index[mapping.key]

    # --- results ----------------------------------------------------------------------------------

    def report(self) -> GapReport:
        """The gap report of A and B (:meth:`Bridge.compare`)."""
        return self.bridge.compare(self.a.id, self.b.id)

    def export_sssom(self, path: str | Path, *, include_pending: bool = False) -> Path:
        """Write the decisions (and, with *include_pending*, the open proposals) as SSSOM/TSV, atomically."""
        rows = list(self.log.to_mapping_set().mappings)
        if include_pending:
            rows.extend(proposal.mapping for proposal in self.pending)
        mapping_set = self.log.mapping_set.with_mappings(rows)
        path = Path(path)
        write_atomic(path, dumps_sssom(mapping_set).encode("utf-8"))
        return path


def _check_reviewer(reviewer: str) -> str:
    text = reviewer.strip() if isinstance(reviewer, str) else ""
    if not text:
        raise ExerciseError("an exercise needs a reviewer: your name, or both names")
    if "\n" in text or "\r" in text:
        raise ExerciseError("the reviewer must be one line")
    return text.replace("|", "/")
