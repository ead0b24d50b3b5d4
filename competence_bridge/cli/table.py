"""The dispatch table: every command of ``competence-bridge``, in the order ``--help`` lists them.

Each entry is a :class:`~competence_bridge.cli.spec.Command` defined beside its group's runners
(:mod:`~competence_bridge.cli.lookups`, :mod:`~competence_bridge.cli.mappings`,
:mod:`~competence_bridge.cli.backends`, :mod:`~competence_bridge.cli.maintenance`); a command
with actions (``store build``, ``store info``) also has a :class:`~competence_bridge.cli.spec.Group`.
"""

from __future__ import annotations

from competence_bridge.cli import backends, lookups, maintenance, mappings
from competence_bridge.cli.spec import Command, Group

#: The top-level commands in the order they are listed (a group stands for its actions).
ORDER = ("levels", "recognize", "search", "translate", "compare", "review", "export", "diff", "store", "publish",
         "validate", "endpoint", "cache")

_ALL = {command.name: command for module in (lookups, mappings, backends, maintenance) for command in module.COMMANDS}

#: Every command, by the order of :data:`ORDER` (a group's actions in the order they are defined).
COMMANDS: tuple[Command, ...] = tuple(command for first in ORDER for command in _ALL.values()
                                      if command.words[0] == first)

#: The groups (``store``, ``endpoint``, ``cache``) by name.
GROUPS: dict[str, Group] = {group.name: group for group in (*backends.GROUPS, *maintenance.GROUPS)}

assert len(COMMANDS) == len(_ALL), "a command whose first word is not in ORDER"
