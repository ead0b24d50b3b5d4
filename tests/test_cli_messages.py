"""What a user hits on the command line (issues 13 and 15): every input checked, one exact line per failure.

Validation of arguments (13.2), translate's help on typos, free text and ambiguity (13.3), output that
survives any encoding (13.6), no traceback for bad input and the ``-o`` targets (15.3, 15.5).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from test_cli import run
from test_discovery import fresh  # noqa: F401 (a new, empty `oxigraph serve` per test)

from competence_bridge.cli import UsageError
from competence_bridge.cli.output import encodable, layout, write_text
from competence_bridge.errors import CompetenceBridgeError

FIXTURES = Path(__file__).parent / "fixtures"
ERROR = "competence-bridge: error: "
ESCO_HINT = "Loading ESCO (--with esco:DIR) matches free text against its occupation titles."


def _fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one error line of a run that must fail with exit 2 and print nothing on stdout."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, ""), (code, out, err)
    assert err.startswith(ERROR) and err.endswith("\n") and err.count("\n") == 1, err
    return err[len(ERROR):-1]


# --- 13.2: every input is checked; nothing is written on a refusal -------------------------------

def test_a_missing_reviews_file_is_refused(capsys, tmp_path: Path) -> None:
    missing = tmp_path / "nope.tsv"
    assert _fails(capsys, "translate", "kinesitherapeut", "--to", "NL", "--reviews", str(missing)) == \
        f"{missing}: no such file"
    assert _fails(capsys, "export", "--format", "sssom", "--reviews", str(tmp_path)) == \
        f"{tmp_path}: is a directory; name a file"


@pytest.mark.parametrize("limit", ["-1", "0", "three", "1.5", "٣"])
def test_a_limit_must_be_a_whole_number_of_at_least_one(capsys, limit: str) -> None:
    assert _fails(capsys, "search", "lasser", "--limit", limit) == (
        f"argument --limit: expected a whole number of 1 or more, got {limit!r} "
        "(see 'competence-bridge search --help')")


def test_output_into_a_missing_directory_is_refused_and_creates_nothing(capsys, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.tsv"
    assert _fails(capsys, "export", "-o", str(target)) == f"{target}: the directory {target.parent} does not exist"
    assert _fails(capsys, "review", str(target), "vl:bk-0337-1", "nl:hbo-fysiotherapie", "accept",
                  "--reviewer", "An") == f"{target}: the directory {target.parent} does not exist"
    assert _fails(capsys, "store", "build", str(target)) == f"{target}: the directory {target.parent} does not exist"
    assert list(tmp_path.iterdir()) == []


def test_validate_of_a_missing_file_is_the_usual_error_line(capsys, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert _fails(capsys, "validate", str(missing)) == f"{missing}: no such file or directory"


@pytest.mark.parametrize(("argv", "message"), [
    (["search", "x" * 1001], "argument TEXT: the search text is 1,001 characters long; the limit is 1,000 (query_chars "
                             "in taxonomies/limits.yaml) (see 'competence-bridge search --help')"),
    (["translate", "   "], "argument ITEM: the item is empty (see 'competence-bridge translate --help')"),
    (["search", "lasser", "--region", "BE"], "argument --region: invalid choice: 'BE' (choose from 'BE-VLG', 'NL'); "
                                             "did you mean 'BE-VLG'? (see 'competence-bridge search --help')"),
    (["review", "-", "a", "b", "accept", "--reviewer", "An"], "'-' is standard output; name a file to keep the "
                                                              "decisions in"),
    (["review", "x.tsv", "a", "b", "accept", "--reviewer", " "], "argument --reviewer: the reviewer is empty (see "
                                                                 "'competence-bridge review --help')"),
    (["export", "--format", "nt", "--from", "NL"], "--from and --reviews apply to --format sssom, not nt"),
    (["export", "--format", "sssom", "--mappings", "x.tsv"], "--mappings adds mapping sets to an RDF export (ttl, nt, "
                                                             "jsonld); --format sssom writes the proposals (decisions: "
                                                             "--reviews FILE)"),
    (["diff", "esco:a", "sbb:b"], "compare two versions of one imported kind, e.g. esco:OLD esco:NEW "
                                  "(got esco and sbb)"),
    (["diff", "yaml:a", "yaml:b"], "compare two versions of one imported kind, e.g. esco:OLD esco:NEW "
                                   "(got yaml and yaml)"),
    (["levels", "vks", "5", "--with", "esco"], "argument --with: expected KIND:PATH, e.g. yaml:my-taxonomy.yaml, got "
                                               "'esco' (see 'competence-bridge levels --help')"),
    (["endpoint", "cleanup", "--endpoint", "http://127.0.0.1:9/query", "--older-than", "-5"],
     "argument --older-than: expected a number of seconds, 0 or more, got '-5' (see 'competence-bridge endpoint "
     "cleanup --help')"),
    (["endpoint", "cleanup", "--endpoint", "http://127.0.0.1:9/sparql"],
     "cannot derive the update URL from 'http://127.0.0.1:9/sparql'; give --update URL"),
    (["endpoint", "graphs", "--endpoint", "ftp://example.org/query"], "not an http(s) endpoint URL: ftp://example.org/query"),
    (["endpoint", "graphs", "--endpoint", "http://127.0.0.1:9/\x1b"],
     "argument --endpoint: the endpoint URL 'http://127.0.0.1:9/\\x1b' holds a space, a control character or a "
     "non-ASCII character; write it percent-encoded (a host in punycode) (see 'competence-bridge endpoint graphs "
     "--help')"),
    (["review", "/dev/null", "a", "b", "accept", "--reviewer", "An"], "/dev/null: is not a regular file; decisions "
                                                                      "are kept in a file that is read and rewritten"),
    (["validate", "x.yaml", "--with", "yaml:y.yaml"], "unrecognized arguments: --with yaml:y.yaml (see "
                                                      "'competence-bridge --help')"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None)
def test_bad_values_are_one_exact_line(capsys, argv: list[str], message: str) -> None:
    assert _fails(capsys, *argv) == message


def test_a_missing_with_input_is_refused_before_anything_loads(capsys, tmp_path: Path) -> None:
    assert _fails(capsys, "levels", "vks", "5", "--with", f"esco:{tmp_path / 'esco'}") == \
        f"{tmp_path / 'esco'}: no such file or directory"


# --- 13.3: translate helps on typos, free text and ambiguity ---------------------------------------

def test_a_name_that_is_no_item_asks_for_to_without_python_syntax(capsys) -> None:
    assert _fails(capsys, "translate", "schoonmaker") == (
        "'schoonmaker' is not the id or label of an item; to translate it as free text, say which side to translate "
        f"to: --to NL or --to BE-VLG. {ESCO_HINT}")


def test_an_ambiguous_label_says_that_to_resolves_it(capsys) -> None:
    assert _fails(capsys, "translate", "elektricien") == (
        "'elektricien' is ambiguous: it names nl:job.elektromonteur, vl:job.elektricien; give one of these ids, or "
        "say which side to translate to: --to NL or --to BE-VLG")
    code, out, _ = run(capsys, "translate", "elektricien", "--to", "NL", "--json")
    assert code == 0 and json.loads(out)["source"]["id"] == "vl:job.elektricien"


def test_ambiguity_outside_translate_names_the_ids_only(capsys) -> None:
    assert _fails(capsys, "compare", "lasser", "vl:bk-zorgkundige") == \
        "'lasser' is ambiguous; use one of the ids nl:job.lasser, vl:job.lasser"


def test_a_typo_gets_suggestions_from_search(capsys) -> None:
    assert _fails(capsys, "translate", "kinesitherapuet", "--to", "NL") == (
        f"nothing on the NL side matches 'kinesitherapuet'; did you mean 'Kinesitherapeut'? {ESCO_HINT}")


def test_with_esco_loaded_there_is_no_esco_hint(capsys) -> None:
    assert _fails(capsys, "translate", "zzzzqqq", "--to", "NL", "--with", f"esco:{FIXTURES / 'esco'}") == \
        "nothing on the NL side matches 'zzzzqqq'"


def test_an_item_already_on_the_target_side_says_so(capsys) -> None:
    assert _fails(capsys, "translate", "vl:job.lasser", "--to", "BE-VLG") == \
        "vl:job.lasser is already on the BE-VLG side; translate to NL or pick an item of the other side"


# --- 13.6: output survives any encoding; terminal text is escaped and wrapped -----------------------

def _cli(*argv: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "competence_bridge", *argv], env=env, capture_output=True, check=False)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_text_output_survives_a_narrow_encoding(encoding: str) -> None:
    done = _cli("compare", "vl:bk-zorgkundige", "nl:crebo-25656", encoding=encoding)
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode(encoding)
    assert text.splitlines()[0] == "Vergelijking: Zorgkundige (vl:bk-zorgkundige) <-> Verzorgende-IG (nl:crebo-25656)"
    assert "  [-] " in text and "  [+] " in text
    client = "cliëntgericht" if encoding != "ascii" else "clientgericht"
    assert client in text


def test_json_is_utf8_whatever_the_encoding() -> None:
    done = _cli("recognize", "havo", "--json", encoding="ascii")
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("utf-8"))["recognitions"][0]["direction"] == "NL → BE-VLG"


def test_transliteration_and_wrapping_rules() -> None:
    assert encodable("A ↔ B → C ✔ ✘ ≈ … é ☃", "ascii") == "A <-> B -> C [+] [-] ~ ... e ?"
    assert encodable("A ↔ B é", "latin-1") == "A <-> B é"
    assert encodable("é", "x-klingon") == "e"
    assert layout("  1. een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien", 40) == (
        "  1. een twee drie vier vijf zes zeven\n      acht negen tien elf twaalf dertien\n      veertien")
    assert layout("kort\n" + "x" * 60, 40) == "kort\n" + "x" * 60  # a long word is never broken
    assert layout("een twee " * 10, None) == "een twee " * 10


def test_labels_are_printed_with_control_characters_escaped(capsys) -> None:
    write_text("Helpende\x1b]0;pwned\x07 zorg\u202e\nvolgende regel")
    assert capsys.readouterr().out == "Helpende\\x1b]0;pwned\\x07 zorg\\u202e\nvolgende regel\n"


# --- 15.5, 15.3: no traceback for bad input; -o targets ------------------------------------------

def test_an_invalid_utf8_argument_is_one_line(capsys) -> None:
    assert _fails(capsys, "search", "caf\udce9") == (
        "argument 2 is not valid UTF-8 text: 'caf\\udce9'; the command line takes UTF-8 (file names included)")


def test_an_invalid_utf8_byte_on_the_real_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "competence_bridge", "search", b"caf\xe9"], capture_output=True,
                          check=False)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == (b"competence-bridge: error: argument 2 is not valid UTF-8 text: 'caf\\udce9'; the command "
                           b"line takes UTF-8 (file names included)\n")


def _open_raising(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make the lookups' bridge opening raise *error*."""

    def raising(args: object) -> None:
        raise error

    monkeypatch.setattr("competence_bridge.cli.lookups.open_bridge", raising)


@pytest.mark.parametrize(("error", "code", "line"), [
    (KeyboardInterrupt(), 130, "competence-bridge: error: interrupted\n"),
    (CompetenceBridgeError("two\nlines \x1b[2J"), 2, "competence-bridge: error: two\\x0alines \\x1b[2J\n"),
    (UsageError("to='NL' (--to)"), 2, "competence-bridge: error: --to NL\n"),
    (IsADirectoryError(21, "Is a directory", "some/dir"), 2, "competence-bridge: error: some/dir: Is a directory\n"),
    (RecursionError(), 2, "competence-bridge: error: the input is nested too deeply to read\n"),
    (ValueError("boom"), 70, "competence-bridge: internal error: ValueError: boom (an internal error, please report "
                             "it; --debug shows where it happened)\n"),
], ids=["interrupt", "library", "wording", "oserror", "recursion", "bug"])
def test_every_failure_is_one_line(capsys, monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int,
                                   line: str) -> None:
    _open_raising(monkeypatch, error)
    assert run(capsys, "levels", "vks", "5") == (code, "", line)


def test_debug_shows_the_traceback_then_the_line(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    _open_raising(monkeypatch, CompetenceBridgeError("no such level"))
    for argv in (["--debug", "levels", "vks", "5"], ["levels", "vks", "5", "--debug"]):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        assert err.startswith("Traceback (most recent call last):")
        assert err.endswith("competence_bridge.errors.CompetenceBridgeError: no such level\n"
                            "competence-bridge: error: no such level\n")


def test_warnings_are_one_line(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from competence_bridge.cli import lookups

    opened = lookups.open_bridge

    def warning(args: object) -> object:
        warnings.warn("sending credentials over plain http to example.org; use https", stacklevel=1)
        return opened(args)  # type: ignore[arg-type]

    monkeypatch.setattr("competence_bridge.cli.lookups.open_bridge", warning)
    code, out, err = run(capsys, "levels", "vks", "5")
    assert (code, out.splitlines()[0]) == (0, "VKS-niveau 5 (vks:5)")
    assert err == "competence-bridge: warning: sending credentials over plain http to example.org; use https\n"


def test_dash_o_dash_writes_to_standard_output(capsys) -> None:
    code, out, err = run(capsys, "export", "--format", "nt", "-o", "-")
    assert (code, err) == (0, "")
    assert out.count("\n") > 5000 and out.endswith(" .\n")


@pytest.mark.parametrize("target", ["DIR", "/proc/version", "/sys/kernel/competence-bridge.ttl", "LONG"])
def test_dash_o_to_what_cannot_be_a_file_is_one_line(capsys, tmp_path: Path, target: str) -> None:
    path = {"DIR": str(tmp_path), "LONG": str(tmp_path / ("a" * 300))}.get(target, target)
    message = _fails(capsys, "export", "--format", "nt", "-o", path)
    if target == "DIR":
        assert message == f"{tmp_path}: is a directory; name a file to write"
    elif target == "LONG":
        assert message.startswith(f"{tmp_path}/aaa") and message.endswith(" characters): File name too long")
    else:
        assert message.startswith(f"{target}: cannot write: ")
    assert list(tmp_path.iterdir()) == []


# --- the new commands --------------------------------------------------------------------------

def test_cache_info_and_clear(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COMPETENCE_BRIDGE_CACHE", str(cache))
    assert run(capsys, "levels", "vks", "5")[0] == 0
    code, out, _ = run(capsys, "cache", "info", "--json")
    info = json.loads(out)
    assert code == 0 and info["directory"] == str(cache) and info["usable"] is True and info["entries"] >= 1
    code, out, _ = run(capsys, "cache", "clear")
    assert code == 0 and out.startswith(f"{cache}: removed {info['entries']} entr")
    code, out, _ = run(capsys, "cache", "info")
    assert (code, out) == (0, f"{cache}: 0 entries, 0 bytes (cap 4.0 GiB, cache_bytes in taxonomies/limits.yaml)\n")


def test_endpoint_lookups_without_graph_and_cleanup(capsys, fresh: str) -> None:  # noqa: F811
    query = f"{fresh}/query"
    assert _fails(capsys, "levels", "vks", "5", "--endpoint", query).startswith(
        f"{query}: the endpoint holds no competence-bridge graphs; publish them")
    assert run(capsys, "publish", "--endpoint", query)[0] == 0
    code, out, _ = run(capsys, "levels", "vks", "5", "--endpoint", query, "--json")
    assert code == 0 and json.loads(out) == json.loads(run(capsys, "levels", "vks", "5", "--json")[1])
    code, out, _ = run(capsys, "endpoint", "graphs", "--endpoint", query)
    assert code == 0 and out.splitlines()[0] == f"1 competence-bridge graph(s) on {query}:"
    orphan = f"urn:competence-bridge:upload:{int(time.time()) - 7200}:dead"
    from competence_bridge.backends import endpoint

    endpoint._update(f"{fresh}/update", f"INSERT DATA {{ GRAPH <{orphan}> {{ <x:a> <x:b> 1, 2 }} }}", auth=None,
                     timeout=10)
    code, out, _ = run(capsys, "endpoint", "cleanup", "--endpoint", query, "--dry-run")
    assert (code, out.splitlines()) == (0, [f"would drop 1 upload graph(s) older than 1:00:00 on {query}:",
                                            f"          2 triples  <{orphan}>"])
    code, out, _ = run(capsys, "endpoint", "cleanup", "--endpoint", query, "--json")
    assert code == 0 and [upload["graph"] for upload in json.loads(out)["uploads"]] == [orphan]
    code, out, _ = run(capsys, "endpoint", "cleanup", "--endpoint", query)
    assert (code, out) == (0, f"dropped 0 upload graph(s) older than 1:00:00 on {query}\n")
