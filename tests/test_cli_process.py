"""The command line's process: a lookup pauses the cyclic collector, and only the process entry freezes the heap."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from competence_bridge.cli import main
from competence_bridge.cli.app import LOOKUPS, _collector_paused


def test_an_in_process_lookup_leaves_the_collector_as_it_found_it(capsys: pytest.CaptureFixture[str]) -> None:
    frozen = gc.get_freeze_count()
    assert main(["translate", "zorgkundige", "--to", "NL"]) == 0
    assert "Verzorgende-IG" in capsys.readouterr().out
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_collector_is_paused_during_a_lookup_and_back_after_a_failure() -> None:
    with pytest.raises(ValueError, match="^boom$"), _collector_paused(True):
        assert not gc.isenabled()
        raise ValueError("boom")
    assert gc.isenabled()
    with _collector_paused(False):
        assert gc.isenabled()


def test_the_lookups_are_commands_of_the_table() -> None:
    from competence_bridge.cli.table import COMMANDS

    assert LOOKUPS <= {command.words[0] for command in COMMANDS}


def test_the_process_entry_answers_and_exits_cleanly() -> None:
    done = subprocess.run([sys.executable, "-m", "competence_bridge", "levels", "vks", "5"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stderr == ""
    assert "nlqf:5" in done.stdout
