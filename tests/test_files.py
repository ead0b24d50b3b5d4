"""Writes that respect what the user named (files, links, FIFOs, devices, directories, stdout) and safe text."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from competence_bridge.errors import OutputError, SourceFormatError
from competence_bridge.files import atomic_file, open_output, read_capped, write_atomic, write_output
from competence_bridge.sanitize import (
    clean_block,
    clean_line,
    spreadsheet_escape,
    spreadsheet_unescape,
    terminal_safe,
)

ROOT = Path(__file__).resolve().parents[1]


# --- the target rule ------------------------------------------------------------------------

def test_a_directory_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError, match=r"out: is a directory; name a file to write"):
        write_output(tmp_path / "out", b"x")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_missing_directory_is_refused_not_created(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.tsv"
    with pytest.raises(OutputError, match=f"the directory {tmp_path / 'no' / 'such'} does not exist"):
        write_output(target, b"x")
    assert list(tmp_path.iterdir()) == []
    write_atomic(target, b"x")  # the library's own caches may ask for their directories
    assert target.read_bytes() == b"x"


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "bridge.ttl"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_output(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new" and stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ttl", "real"]


def test_a_link_to_nothing_and_a_link_to_a_directory_are_refused(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    with pytest.raises(OutputError, match="dangling: is a symbolic link to a missing file"):
        write_output(tmp_path / "dangling", b"x")
    (tmp_path / "dir").mkdir()
    (tmp_path / "to-dir").symlink_to(tmp_path / "dir")
    with pytest.raises(OutputError, match="to-dir: is a directory"):
        write_output(tmp_path / "to-dir", b"x")
    assert not (tmp_path / "missing").exists() and (tmp_path / "dangling").is_symlink()


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, b"through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_character_device_is_written_through_never_replaced(tmp_path: Path) -> None:
    with open_output("/dev/null") as out:
        out.write(b"discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not any(p.name.startswith(".null") for p in Path("/dev").iterdir())


def test_dev_stdout_and_dash_reach_standard_output(tmp_path: Path) -> None:
    script = ("from competence_bridge.files import write_output\n"
              "write_output('-', b'dash\\n'); write_output('/dev/stdout', b'dev-stdout\\n')")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout == b"dash\ndev-stdout\n"


def test_a_block_device_is_refused() -> None:
    blocks = [p for p in Path("/dev").iterdir() if p.exists() and stat.S_ISBLK(p.stat().st_mode)]
    if not blocks:
        pytest.skip("this machine shows no block device in /dev")
    with pytest.raises(OutputError, match="is a block device; refusing to write to it"):
        write_output(blocks[0], b"x")


def test_system_refusals_are_one_line_output_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write: File name too long"):
        write_output(tmp_path / ("x" * 300), b"x")
    with pytest.raises(OutputError, match="/proc/self/status: cannot write"):
        write_output("/proc/self/status", b"x")


def test_a_failed_write_keeps_the_old_file_and_a_killed_writers_copy_goes_next_time(tmp_path: Path) -> None:
    path = tmp_path / "out.ttl"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(path) as out:
        out.write(b"half")
        raise RuntimeError("interrupted")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.ttl"]
    script = ("import os, signal\nfrom competence_bridge.files import write_atomic\n"
              "os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
              f"write_atomic({str(path)!r}, b'new')")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert len(list(tmp_path.iterdir())) == 2 and path.read_bytes() == b"old"
    write_atomic(path, b"newer")
    assert path.read_bytes() == b"newer" and [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_reads_are_capped(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match="/dev/zero: larger than 1,000 bytes, the limit yaml_file_bytes"):
        read_capped("/dev/zero", 1000, limit_name="yaml_file_bytes")
    with pytest.raises(SourceFormatError, match="is a directory, not a file"):
        read_capped(tmp_path, 1000, limit_name="x")
    (tmp_path / "f").write_bytes(b"12345")
    assert read_capped(tmp_path / "f", 5, limit_name="x") == b"12345"


# --- safe text ------------------------------------------------------------------------------

def test_terminal_safe_escapes_what_a_terminal_would_act_on() -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J\x00label\u202e\x9b31m\ud800"
    assert terminal_safe(hostile) == "\\x1b]0;pwned\\x07\\x1b[2J\\x00label\\u202e\\x9b31m\\ud800"
    assert terminal_safe("kinesitherapeut → fysiotherapeut\n\tnext") == "kinesitherapeut → fysiotherapeut\n\tnext"
    assert terminal_safe("a\nb\rc", layout=False) == "a\\x0ab\\x0dc"


@given(st.text())
def test_terminal_safe_output_has_nothing_a_terminal_acts_on(text: str) -> None:
    safe = terminal_safe(text, layout=False)
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or 0xD800 <= ord(char) <= 0xDFFF
                   or char in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for char in safe)


def test_labels_are_cleaned_like_curated_yaml_and_descriptions_keep_their_lines() -> None:
    assert clean_line("\x1b]0;x\x07Helpende\u00a0Zorg\u200b en\nWelzijn ") == "]0;xHelpende Zorg en Welzijn"
    assert clean_block("regel 1\r\nregel\x00 2\u202e") == "regel 1\nregel 2"


@given(st.text())
def test_the_spreadsheet_rule_round_trips_and_leaves_no_formula(cell: str) -> None:
    escaped = spreadsheet_escape(cell)
    assert spreadsheet_unescape(escaped) == cell
    assert not escaped or escaped[0] not in "=+-@\t\r"


@pytest.mark.parametrize(("cell", "escaped"), [
    ('=HYPERLINK("http://evil.example","klik")', '\'=HYPERLINK("http://evil.example","klik")'),
    ("+31 20", "'+31 20"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("'=already", "''=already"), ("'s-Hertogenbosch", "'s-Hertogenbosch"), ("verpleegkundige", "verpleegkundige"),
])
def test_the_spreadsheet_rule_on_named_cells(cell: str, escaped: str) -> None:
    assert spreadsheet_escape(cell) == escaped and spreadsheet_unescape(escaped) == cell


def test_read_capped_reserves_the_file_not_the_cap(tmp_path: Path) -> None:
    import tracemalloc

    (tmp_path / "f").write_bytes(b"x" * 1000)
    tracemalloc.start()
    try:
        assert read_capped(tmp_path / "f", 1 << 30, limit_name="csv_file_bytes") == b"x" * 1000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # before: a read of the cap reserved 1 GiB
    with pytest.raises(SourceFormatError, match="f: larger than 999 bytes, the limit csv_file_bytes"):
        read_capped(tmp_path / "f", 999, limit_name="csv_file_bytes")
