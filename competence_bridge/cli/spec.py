"""The shape of the dispatch table: a command is one :class:`Command` entry, its arguments :class:`Arg` entries.

An entry holds everything about one command: its name (``translate``, or ``store build`` for an
action of a group), a one-line summary, a description, worked examples, its arguments, the shared
option sets it takes, the ONE library function it calls (:attr:`Command.call`, a
``module:qualified.name`` resolved only when the command runs, so start-up imports nothing of it),
how it calls it (:attr:`Command.run`), how the result prints (:attr:`Command.show`), and the rules
between its arguments (:attr:`Command.fits`: options that need or exclude each other), checked
before any file is looked at.
The argument parser (:mod:`competence_bridge.cli.parser`) and the reference in ``docs/cli.md``
(:mod:`competence_bridge.cli.reference`) are both made from the table.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: The option sets a command may share: ``output`` (``--json``, ``--lang``), ``inputs`` (``--with``),
#: ``backend`` (``--store``, ``--endpoint``, ``--graph``).
SHARED_SETS = ("output", "inputs", "backend")


@dataclass(frozen=True)
class Output:
    """What a command prints: a JSON document (``--json``) or text, and its exit code.

    *to_stderr*: the text goes to standard error (``validate``'s problem list); JSON always goes to
    standard output.
    """

    payload: Any
    text: str
    code: int = 0
    to_stderr: bool = False


#: A command's runner: gets the resolved library function and the parsed arguments, returns the result.
Runner = Callable[[Callable[..., Any], argparse.Namespace], Any]
#: How a result prints; ``None`` when the command wrote its output itself (``export``).
Shower = Callable[[Any, argparse.Namespace], "Output | None"]


def shown(result: Any, args: argparse.Namespace) -> Output:
    """The default way a result prints: ``result.to_dict()`` as JSON, ``result.to_text(lang)`` as text."""
    return Output(result.to_dict(), result.to_text(args.lang))


def nothing(result: Any, args: argparse.Namespace) -> None:
    """For commands that wrote their output themselves."""


@dataclass(frozen=True)
class Arg:
    """One argument: its flags (``item`` or ``--limit``), its help, argparse settings, and a check.

    *options* are argparse keyword arguments (``type``, ``choices``, ``default``, ``action``,
    ``metavar``, ``dest``, ``nargs``, ``required``); ``type`` checks the syntax while parsing (a bad
    value is a usage error that points at ``--help``). *check* runs after parsing on the parsed
    value (``None`` values are not checked): it checks what the value names (a file that must
    exist, a directory to write in) and raises ``UsageError`` with a message without a help hint.
    """

    flags: tuple[str, ...]
    help: str
    options: Mapping[str, Any] = field(default_factory=dict)
    check: Callable[[Any], None] | None = None

    @property
    def dest(self) -> str:
        """The attribute of the parsed arguments that holds this argument's value."""
        if "dest" in self.options:
            return str(self.options["dest"])
        name = next((flag for flag in self.flags if flag.startswith("--")), self.flags[0])
        return name.lstrip("-").replace("-", "_")

    @property
    def positional(self) -> bool:
        """Whether the argument is positional (no leading dash)."""
        return not self.flags[0].startswith("-")


def arg(*flags: str, help: str, check: Callable[[Any], None] | None = None, **options: Any) -> Arg:  # noqa: A002
    """An :class:`Arg`: ``arg("--limit", type=positive_int, default=10, help="number of hits")``.

    A positional argument is shown in capitals (``ITEM``) unless *metavar* says otherwise.
    """
    if not flags[0].startswith("-") and "metavar" not in options and "choices" not in options:
        options["metavar"] = flags[0].upper()
    return Arg(flags, help, options, check)


@dataclass(frozen=True)
class Command:
    """One command of the dispatch table (see the module docstring)."""

    name: str
    summary: str
    description: str
    examples: tuple[str, ...]
    call: str
    run: Runner
    show: Shower = shown
    args: tuple[Arg, ...] = ()
    shared: tuple[str, ...] = ("output",)
    fits: Callable[[argparse.Namespace], None] | None = None

    @property
    def words(self) -> list[str]:
        """The command's words: ``["translate"]``, ``["store", "build"]``."""
        return self.name.split()

    def function(self) -> Callable[..., Any]:
        """The library function :attr:`call` names, imported now."""
        module, _, qualified = self.call.partition(":")
        value: Any = importlib.import_module(module)
        for part in qualified.split("."):
            value = getattr(value, part)
        return value

    def deferred(self) -> Callable[..., Any]:
        """The library function :attr:`call` names, imported only when it is called.

        A command may answer some cases on a quicker path (``levels --store``) without it.
        """

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.function()(*args, **kwargs)

        return call


@dataclass(frozen=True)
class Group:
    """A command with actions (``store build``, ``store info``): its summary, description and examples."""

    name: str
    summary: str
    description: str
    examples: tuple[str, ...]
