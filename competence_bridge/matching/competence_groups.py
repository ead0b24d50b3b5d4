"""Which competences are compared with which, by kind: like with like, in gap reports and in exercises.

Statements of what a person does (skills, work processes, attitudes) are compared with each other, knowledge
items with knowledge items; a *kerntaak* (an SBB core task, kind ``task``) only summarises the work processes
under it, so it is compared with nothing, unless an item has nothing but tasks.

>>> GROUPS["work-process"], GROUPS["knowledge"], GROUPS["task"]
('statement', 'knowledge', 'summary')
"""

from __future__ import annotations

from collections.abc import Sequence

from competence_bridge.rdf.items import CompetenceItem

#: Which competences are compared with which: by kind.
GROUPS = {"skill": "statement", "work-process": "statement", "attitude": "statement", "knowledge": "knowledge",
          "task": "summary"}


def only_summaries(competences: Sequence[CompetenceItem]) -> bool:
    """True when every competence of a list is a summary (a kerntaak): those are then compared as statements."""
    return all(GROUPS.get(c.kind) == "summary" for c in competences)


def group_of(competence: CompetenceItem, summaries_only: bool) -> str:
    """The group a competence is compared in (a summary counts as a statement when its list has nothing else,
    *summaries_only*)."""
    group = GROUPS.get(competence.kind, "statement")
    return "statement" if group == "summary" and summaries_only else group
