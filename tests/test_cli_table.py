"""The dispatch table: each entry names a real library function, takes its choices from the registries,
and ``docs/cli.md`` shows exactly what the table holds; the entry point starts without the library."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from competence_bridge.backends.inputs import kinds
from competence_bridge.cli import build_parser
from competence_bridge.cli.reference import BEGIN, END, reference, usage
from competence_bridge.cli.spec import Command
from competence_bridge.cli.table import COMMANDS, GROUPS, ORDER
from competence_bridge.vocabulary import DECISIONS, ITEM_KINDS, LANGS, PREDICATES, RDF_FORMATS, REGIONS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
def test_each_entry_calls_one_real_library_function(command: Command) -> None:
    function = command.function()
    assert callable(function) and command.call.startswith("competence_bridge.")
    assert command.examples and all(f"{example} ".startswith(f"competence-bridge {command.name} ")
                                    or example.startswith("competence-bridge --") for example in command.examples)
    assert command.summary and command.description.endswith(".")


def test_the_table_lists_every_command_once_in_order() -> None:
    names = [command.name for command in COMMANDS]
    assert len(names) == len(set(names))
    assert list(ORDER) == list(dict.fromkeys(command.words[0] for command in COMMANDS))
    assert {command.words[0] for command in COMMANDS if len(command.words) > 1} == set(GROUPS)


def _sub(parser: argparse.ArgumentParser, *words: str) -> argparse.ArgumentParser:
    for word in words:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[word]
    return parser


def _choices(parser: argparse.ArgumentParser, dest: str) -> tuple[str, ...]:
    return tuple(next(a for a in parser._actions if a.dest == dest).choices or ())


def test_choices_come_from_the_registries() -> None:
    parser = build_parser()
    assert _choices(_sub(parser, "search"), "region") == REGIONS
    assert _choices(_sub(parser, "search"), "kind") == ITEM_KINDS
    assert _choices(_sub(parser, "translate"), "to") == REGIONS
    assert _choices(_sub(parser, "levels"), "lang") == LANGS
    assert _choices(_sub(parser, "review"), "decision") == DECISIONS
    assert _choices(_sub(parser, "review"), "predicate") == PREDICATES
    assert _choices(_sub(parser, "export"), "format") == (*RDF_FORMATS, "sssom")
    with_help = next(a for a in _sub(parser, "translate")._actions if a.dest == "with_").help or ""
    assert "KIND is one of " + ", ".join(kinds()) + "," in with_help
    assert kinds() == ["yaml", "esco", "sbb", "brc", "bk", "esco-mapping"]


def test_usage_lines_are_written_from_the_specs() -> None:
    [translate] = [command for command in COMMANDS if command.name == "translate"]
    assert usage(translate) == ("competence-bridge translate ITEM [--to {BE-VLG,NL}] [--limit N] [--reviews FILE] [--embeddings] [--spelling] "
                                "[output options] [inputs options] [backend options]")


def test_the_docs_reference_is_the_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    assert text[start:end] == reference(), "run: python -m competence_bridge.cli.reference docs/cli.md"
    for command in COMMANDS:
        assert f"### {command.name}\n" in text


def test_the_entry_point_starts_without_the_library() -> None:
    """``import competence_bridge.cli`` and ``--version`` load none of the lookups' code."""
    code = ("import sys; from competence_bridge.cli import main; before = set(sys.modules); main(['--version']); "
            "heavy = ('competence_bridge.bridge', 'competence_bridge.matching', 'competence_bridge.present', "
            "'competence_bridge.reports', 'pyoxigraph'); "
            "print(sorted(m for m in sys.modules if m.startswith(heavy)), 'rdflib' in before)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[] False"
