"""``main``: parse, check, call the command's one library function, print; every failure one line.

Exit codes: 0 success; 1 ``validate`` found problems; 2 bad usage, bad input or a refusal of the
library (one line on stderr: ``competence-bridge: error: …``); 130 interrupted (Ctrl-C); 70 a bug
(an exception the library did not mean to raise: one line, and ``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import traceback
import warnings
from collections.abc import Iterator, Sequence
from typing import TextIO

from competence_bridge.cli.errors import ArgumentsError, UsageError, one_line, shorten
from competence_bridge.cli.output import write_error, write_json, write_text
from competence_bridge.cli.spec import Command, Output
from competence_bridge.errors import CompetenceBridgeError

#: Exit codes.
OK, PROBLEMS, USAGE, BUG, INTERRUPTED = 0, 1, 2, 70, 130


def _refuse_invalid_utf8(argv: Sequence[str]) -> None:
    """Arguments arrive decoded with ``surrogateescape``: a lone surrogate is a byte that was not UTF-8."""
    from competence_bridge.sanitize import terminal_safe

    for position, value in enumerate(argv, start=1):
        if any("\ud800" <= char <= "\udfff" for char in value):
            raise UsageError(f"argument {position} is not valid UTF-8 text: "
                             f"'{shorten(terminal_safe(value, layout=False), 200)}'; the command line takes UTF-8 "
                             "(file names included)")


def check_arguments(command: Command, args: argparse.Namespace) -> None:
    """Check the rules between the arguments, then each argument and shared option (files that must exist, ...)."""
    from competence_bridge.cli.shared import option_sets

    if command.fits is not None:
        command.fits(args)
    sets = option_sets()
    specs = [*command.args, *(spec for name in command.shared for spec in sets[name])]
    for spec in specs:
        value = getattr(args, spec.dest, None)
        if spec.check is not None and value is not None:
            spec.check(value)


def emit(output: Output, args: argparse.Namespace) -> int:
    """Print *output* as JSON (``--json``) or text; return its exit code."""
    if getattr(args, "json", False):
        write_json(output.payload)
    elif output.text or not output.to_stderr:
        write_text(output.text, sys.stderr if output.to_stderr else None)
    return output.code


@contextlib.contextmanager
def _one_line_warnings() -> Iterator[None]:
    """Warnings (credentials over plain http, an unsafe cache) as one line ``competence-bridge: warning: …``."""

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
        write_error(one_line(Exception(str(message))), prefix="warning")

    with warnings.catch_warnings():
        warnings.showwarning = show
        yield


def _run(argv: list[str]) -> int:
    from competence_bridge.cli.parser import build_parser

    _refuse_invalid_utf8(argv)
    args = build_parser().parse_args(argv)
    command: Command = args.command_entry
    check_arguments(command, args)
    with _collector_paused(command.words[0] in LOOKUPS):
        result = command.run(command.deferred(), args)
        output = command.show(result, args)
    return OK if output is None else emit(output, args)


#: The commands that answer one question from what is loaded: a bounded heap, mostly long-lived.
LOOKUPS = frozenset({"levels", "recognize", "search", "translate", "compare"})


@contextlib.contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector during a lookup.

    A lookup reads a prepared translator and search index (hundreds of thousands of long-lived objects) and
    makes little garbage: the collector would only traverse that heap again and again (about 0.1 s of a 0.6 s
    one-off translate over ESCO). Reference counting still frees what the lookup drops.
    """
    enabled = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause and enabled:
            if _PROCESS["ends"]:
                gc.freeze()  # re-enabled, the collector would first traverse everything the lookup allocated
            gc.enable()


#: Whether this process ends after one command (set by :func:`entry`; in-process callers of :func:`main` keep
#: their heap untouched).
_PROCESS = {"ends": False}


def entry() -> int:
    """The ``competence-bridge`` process: :func:`main`, with the objects alive at its end left to the exit.

    The interpreter collects garbage once more when it exits, and the collector re-enabled after a lookup
    traverses what the lookup allocated: both walk the whole prepared heap (about 0.1 s over ESCO) to free
    nothing, so the objects alive are frozen out of the collector instead.
    """
    _PROCESS["ends"] = True
    # OpenBLAS starts a spinning thread per core when numpy is imported (~0.1 s of CPU on every one-off lookup);
    # nothing the CLI does multiplies matrices large enough to gain from threads. A user's setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    code = main()
    gc.freeze()
    return code


def _silence_stdout() -> None:
    """After a closed pipe (``| head``), point standard output at /dev/null so the exit flush does not fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on *argv* (default ``sys.argv[1:]``); return the exit code, never raise."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    try:
        with _one_line_warnings():
            return _run(arguments)
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else (OK if exit_.code is None else USAGE)
    except KeyboardInterrupt:
        write_error("interrupted")
        return INTERRUPTED
    except BrokenPipeError:  # e.g. piped into head: the reader has what it wanted
        _silence_stdout()
        return OK
    except (CompetenceBridgeError, OSError, RecursionError, MemoryError) as error:
        if debug and not isinstance(error, ArgumentsError):  # the parser's refusals have nothing to trace
            traceback.print_exc()
        write_error(_bad_input(error))
        return USAGE
    except Exception as error:  # a bug: one line, and the traceback with --debug
        if debug:
            traceback.print_exc()
        write_error(f"{type(error).__name__}: {one_line(error)} (an internal error, please report it; --debug "
                    "shows where it happened)", prefix="internal error")
        return BUG


def _bad_input(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to read"
    if isinstance(error, MemoryError):
        return "the input is too large to hold in memory"
    return one_line(error)

