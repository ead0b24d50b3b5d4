"""The argument parser, made from the dispatch table; its errors are one line with a "did you mean"."""

from __future__ import annotations

import argparse
import difflib
import sys
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

from competence_bridge.cli.errors import PROG, ArgumentsError
from competence_bridge.cli.output import encodable
from competence_bridge.cli.shared import SET_TITLES, option_sets
from competence_bridge.cli.spec import Arg, Command, Group
from competence_bridge.cli.table import COMMANDS, GROUPS
from competence_bridge.cli.values import url

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

DESCRIPTION = "Levels, recognitions and translations of qualifications between Flanders and the Netherlands."
EXAMPLES = ("competence-bridge levels vks 5", "competence-bridge recognize havo --json",
            "competence-bridge export --format ttl -o bridge.ttl")


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors raise :class:`ArgumentsError` (one line, a suggestion for a misspelt choice)."""

    def error(self, message: str) -> NoReturn:
        """Raise the refusal instead of printing it, so ``main`` prints it like any other error."""
        if "invalid choice:" in message:
            wrong = message.split("invalid choice:", 1)[1].split("(", 1)[0].strip().strip("'\"")
            choices = [c.strip(" '\"") for c in message.split("choose from", 1)[-1].strip(" )").split(",")]
            folded = wrong.casefold()
            close = [c for c in choices if folded and c.casefold().startswith(folded)][:2]
            close = close or difflib.get_close_matches(wrong, choices, n=2)
            if close:
                message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
        raise ArgumentsError(f"{message} (see '{self.prog} --help')")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            stream = file or sys.stderr
            stream.write(encodable(message, getattr(stream, "encoding", None)))


class _Version(argparse.Action):
    """``--version``: reads the installed version only when asked (``importlib.metadata`` is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from competence_bridge.version import package_version

        parser._print_message(f"{PROG} {package_version()}\n", sys.stdout)
        parser.exit()


def _epilog(examples: tuple[str, ...]) -> str:
    return "examples:\n" + "\n".join(f"  {example}" for example in examples)


def _add(commands: Any, name: str, summary: str, description: str, examples: tuple[str, ...]) -> Parser:
    parser: Parser = commands.add_parser(name, help=summary, description=description, epilog=_epilog(examples),
                                         formatter_class=argparse.RawDescriptionHelpFormatter)
    return parser


def _add_arg(target: Any, spec: Arg) -> None:
    target.add_argument(*spec.flags, help=spec.help, **spec.options)


def _fill(parser: Parser, command: Command, sets: dict[str, tuple[Arg, ...]]) -> None:
    for spec in command.args:
        _add_arg(parser, spec)
    for name in command.shared:
        target: Any = parser.add_argument_group(SET_TITLES[name]) if name in SET_TITLES else parser
        for spec in sets[name]:
            _add_arg(target, spec)
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="on an error, also show where it happened (the traceback)")
    parser.set_defaults(command_entry=command)


@cache
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command, made from the dispatch table (kept: it holds no state of a run)."""
    parser = Parser(prog=PROG, description=DESCRIPTION, epilog=_epilog(EXAMPLES),
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    parser.add_argument("--debug", action="store_true", help="on an error, also show where it happened (the traceback)")
    # The backend may also come before the command (competence-bridge --store DIR translate ...).
    parser.add_argument("--store", dest="global_store", metavar="DIR", help="as --store of the lookup commands")
    parser.add_argument("--endpoint", dest="global_endpoint", metavar="URL", type=url("the endpoint URL"),
                        help="as --endpoint of the lookup commands")
    parser.add_argument("--graph", dest="global_graphs", metavar="IRI", action="append", default=[],
                        help="as --graph of the lookup commands")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    sets = option_sets()
    actions: dict[str, Any] = {}
    for command in COMMANDS:
        first, *rest = command.words
        if not rest:
            _fill(_add(commands, first, command.summary, command.description, command.examples), command, sets)
            continue
        if first not in actions:
            group: Group = GROUPS[first]
            group_parser = _add(commands, first, group.summary, group.description, group.examples)
            actions[first] = group_parser.add_subparsers(dest=f"{first}_command", required=True, metavar="ACTION",
                                                         parser_class=Parser)
        _fill(_add(actions[first], rest[0], command.summary, command.description, command.examples), command, sets)
    return parser
