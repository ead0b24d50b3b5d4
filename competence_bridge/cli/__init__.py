"""The ``competence-bridge`` command: parse arguments, call one library function, print.

The commands are a dispatch table (:mod:`competence_bridge.cli.table`): each entry names its
arguments, the one library function it calls and how its result prints; the argument parser
(:mod:`~competence_bridge.cli.parser`) and the command reference in ``docs/cli.md``
(:mod:`~competence_bridge.cli.reference`) are made from it. A command's library code is imported
when it runs, so a lookup on a store does not pay for importers or translation.

Exit codes: 0 success; 1 ``validate`` found problems; 2 bad usage, bad input or an unknown id
(one line on stderr, with suggestions where there are close matches); 130 interrupted; 70 a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from competence_bridge.cli.app import entry, main
from competence_bridge.cli.errors import PROG, UsageError

if TYPE_CHECKING:
    import argparse

__all__ = ["PROG", "UsageError", "build_parser", "entry", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command (made from the dispatch table)."""
    from competence_bridge.cli.parser import build_parser as build

    return build()
