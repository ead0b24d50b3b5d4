"""Human review of proposed mappings, kept in an SSSOM file the user puts under version control.

A decision is an SSSOM row: accepted → the proposed predicate, ``semapv:ManualMappingCuration``,
confidence 1.0; rejected → the same with ``predicate_modifier: Not`` (a negative mapping);
unsure → ``semapv:MappingReview`` with the predicted confidence. Each carries ``reviewer_id``,
``mapping_date`` and ``other: review=…``. Curated beats predicted: re-running a translation
never drops or overrides a decision.

Saving is atomic and safe with several reviewers on one file. :meth:`ReviewLog.save` takes an
exclusive lock (``.<name>.lock`` beside the file, held at most ``review_lock_seconds`` of
``taxonomies/limits.yaml``), reads the file again and merges: every pair this log decided,
changed or dropped since it was opened (or last saved) gets this log's version; every other
pair keeps what the file holds, so decisions other processes saved meanwhile are never lost.
For one pair decided in two places, the later save wins. The set's metadata (title, license)
is this log's. The lock file is removed at the end of each save (one left by a killed save goes
with the next), and so is a temporary copy a killed save left.

Ids change between releases of the data (a curated summary taking its official crebo). Opened with
*rename* (the item table's ``current_id``), a log reads every row as naming the ids in use now, and its
first save writes them so; a row that already named the current ids wins over one renamed to them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from competence_bridge.curated.limits import limits
from competence_bridge.errors import OutputError, ReviewError
from competence_bridge.files import write_atomic
from competence_bridge.sssom.mapping import Mapping, MappingSet
from competence_bridge.sssom.tsv import dumps_sssom, read_sssom

Decision = Literal["accept", "reject", "unsure"]
DECISIONS: tuple[str, ...] = ("accept", "reject", "unsure")

_STATUS = {"accept": "accepted", "reject": "rejected", "unsure": "unsure"}

#: Metadata of a new review file.
DEFAULT_SET_ID = "https://w3id.org/competence-bridge/mappings/reviews"
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def status_of(mapping: Mapping) -> str | None:
    """``accepted``, ``rejected`` or ``unsure`` for a decision row; None for a prediction."""
    return mapping.other_fields().get("review")


def current_decisions(rows: Iterable[Mapping], rename: Callable[[str], str] | None = None
                      ) -> dict[tuple[str, str], Mapping]:
    """The decision rows of *rows* by (subject_id, object_id), each naming its ids as *rename* gives them; a row
    that named those ids already wins over one renamed to them."""
    found: dict[tuple[str, str], Mapping] = {}
    renamed: dict[tuple[str, str], Mapping] = {}
    for mapping in rows:
        if not status_of(mapping):
            continue
        key = (rename(mapping.subject_id), rename(mapping.object_id)) if rename is not None else mapping.key
        if key == mapping.key:
            found[key] = mapping
        else:
            renamed.setdefault(key, mapping.model_copy(update={"subject_id": key[0], "object_id": key[1]}))
    return {**renamed, **found}


@dataclass
class ReviewLog:
    """The decisions of one review file, by (subject_id, object_id)."""

    path: Path
    mapping_set: MappingSet
    decisions: dict[tuple[str, str], Mapping] = field(default_factory=dict)
    #: The decisions as the file held them when this log last read or wrote it (what :meth:`save` diffs against).
    _base: dict[tuple[str, str], Mapping] = field(default_factory=dict, repr=False)
    #: The ids in use now, for an id of the file (see the module docstring); None keeps the file's ids.
    rename: Callable[[str], str] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: str | Path, *, title: str | None = None,
             rename: Callable[[str], str] | None = None) -> ReviewLog:
        """Open a review file, or start a new (unsaved) one when it does not exist yet; with *rename*, its rows
        name the ids in use now (``ItemTable.current_id``)."""
        path = Path(path)
        if path.exists():
            mapping_set = read_sssom(path)
        else:
            mapping_set = MappingSet(mapping_set_id=DEFAULT_SET_ID, license=DEFAULT_LICENSE,
                                     mapping_set_title=title or "competence-bridge review decisions")
        decisions = current_decisions(mapping_set.mappings, rename)
        return cls(path, mapping_set, decisions, dict(decisions), rename)

    def decide(
        self,
        proposal: Mapping,
        decision: str,
        reviewer: str,
        *,
        date: dt.date | None = None,
        comment: str | None = None,
        predicate: str | None = None,
    ) -> Mapping:
        """Record a decision on a proposed mapping (in memory; call :meth:`save`)."""
        if decision not in DECISIONS:
            raise ReviewError(f"unknown decision {decision!r}; use one of {', '.join(DECISIONS)}")
        if not reviewer.strip():
            raise ReviewError("a decision needs a reviewer")
        reviewer_id = reviewer if ":" in reviewer and " " not in reviewer else None
        status = _STATUS[decision]
        other = {k: v for k, v in proposal.other_fields().items() if k not in {"review", "reviewer"}}
        other["review"] = status
        if reviewer_id is None:
            other["reviewer"] = reviewer.strip().replace("|", "/")
        if proposal.confidence is not None:
            other["predicted_confidence"] = f"{proposal.confidence:.4f}"
        row = proposal.model_copy(update={
            "predicate_id": predicate or proposal.predicate_id,
            "predicate_modifier": "Not" if decision == "reject" else None,
            "mapping_justification": "semapv:MappingReview" if decision == "unsure" else "semapv:ManualMappingCuration",
            "confidence": proposal.confidence if decision == "unsure" else 1.0,
            "reviewer_id": reviewer_id,
            "mapping_date": date or dt.date.today(),
            "comment": comment if comment is not None else proposal.comment,
            "other": "|".join(f"{k}={v}" for k, v in other.items()),
        })
        Mapping.model_validate(row.model_dump())  # re-check the updated row
        self.decisions[row.key] = row
        return row

    def reviewer_of(self, mapping: Mapping) -> str:
        """The reviewer's id or name."""
        return mapping.reviewer_id or mapping.other_fields().get("reviewer", "?")

    def to_mapping_set(self) -> MappingSet:
        """The decisions as a mapping set, in a stable order."""
        rows = sorted(self.decisions.values(), key=lambda m: m.key)
        return self.mapping_set.with_mappings(rows)

    def save(self) -> None:
        """Merge this log's changes into the file under a lock and write it atomically (see the module docstring).

        An interrupted save leaves the previous file intact. Afterwards :attr:`decisions` holds
        the merged decisions, other reviewers' included.

        :raises ReviewError: when another process holds the lock longer than ``review_lock_seconds``
        :raises OutputError: when the file's directory does not exist or cannot be written
        :raises SourceFormatError: when the file on disk no longer reads as SSSOM (it is not overwritten)
        """
        target = self.path.resolve()
        if not target.parent.is_dir():
            raise OutputError(f"{self.path}: the directory {target.parent} does not exist")
        import filelock  # only saving needs it

        wait = limits().review_lock_seconds
        lock = target.parent / f".{target.name}.lock"
        try:
            with filelock.FileLock(lock, timeout=wait):
                try:
                    self._merge_and_write(target)
                finally:
                    # Removed while still held: a process that was waiting on this (now unlinked) file sees
                    # it gone once it gets the lock and locks a new one (filelock checks), so none is left.
                    with contextlib.suppress(OSError):
                        lock.unlink()
        except filelock.Timeout:
            raise ReviewError(f"{self.path}: another process has been saving it for more than {wait} s "
                              "(review_lock_seconds); try again") from None

    def _merge_and_write(self, target: Path) -> None:
        """Read *target* again, merge this log's changes into it and write it (the lock is held)."""
        on_disk = read_sssom(target).mappings if target.exists() else ()
        merged = current_decisions(on_disk, self.rename)
        for key in self.decisions.keys() | self._base.keys():
            mine, before = self.decisions.get(key), self._base.get(key)
            if mine != before:
                if mine is None:
                    merged.pop(key, None)
                else:
                    merged[key] = mine
        self.decisions = dict(sorted(merged.items()))
        write_atomic(target, dumps_sssom(self.to_mapping_set()).encode("utf-8"), parents=False)
        self._base = dict(self.decisions)
