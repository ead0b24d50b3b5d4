"""Acceptance of issues 13 and 15: generated arguments for every command, and not one traceback.

Every command of the dispatch table gets generated arguments (random unicode, SPARQL syntax, control
characters, very long strings, invalid UTF-8, hostile file contents and names), mixed with real ids and
labels so that the lookups do real work. Each run calls ``main(argv)`` in this process with captured
standard streams and must end in exit 0 (1 for ``validate`` with problems) or in exactly one line
``competence-bridge: error: …`` with exit 2, never a traceback or an internal error.

Under ``CI`` the examples add up to at least 10,000 (:data:`BUDGET`); elsewhere a tenth of each, to
keep a local run short. ``load()`` is kept per set of arguments for the session (the shipped graph
is compiled and prepared once), and no generated URL reaches beyond the loopback interface.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import competence_bridge.bridge as facade
from competence_bridge.cli import main
from competence_bridge.cli.table import COMMANDS
from competence_bridge.vocabulary import DECISIONS, ITEM_KINDS, LANGS, PREDICATES, RDF_FORMATS, REGIONS

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = Path(__file__).parent / "gold" / "border-pairs.sssom.tsv"
CI = bool(os.environ.get("CI"))

#: Examples per command (the key is the command, or "argv" for free-form argument lists); ≥ 10,000 in all.
BUDGET = {"argv": 2500, "levels": 700, "recognize": 700, "search": 900, "translate": 1100, "compare": 500,
          "review": 350, "export": 250, "diff": 300, "store build": 40, "store info": 250, "publish": 120,
          "validate": 700, "endpoint graphs": 300, "endpoint cleanup": 300, "cache info": 150, "cache clear": 100,
          "global": 800}


def examples(command: str) -> int:
    """How many examples *command* gets here: its budget under CI, a tenth of it elsewhere."""
    return BUDGET[command] if CI else max(10, BUDGET[command] // 10)


def test_the_budget_covers_every_command_and_adds_up_to_ten_thousand() -> None:
    assert {command.name for command in COMMANDS} <= set(BUDGET)
    assert sum(BUDGET.values()) >= 10_000


# --- the environment: one load per set of arguments, loopback only, a private cache -------------------

@pytest.fixture(scope="module", autouse=True)
def _environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    original_load, original_lookup = facade.load, socket.getaddrinfo
    loaded: dict[tuple[Any, ...], Any] = {}

    def load(**arguments: Any) -> Any:
        inputs = arguments.get("inputs")
        key = (tuple(inputs.describe()) if inputs is not None else (), str(arguments.get("location")),
               arguments.get("endpoint"), tuple(arguments.get("graphs") or ()))
        if key not in loaded:
            loaded[key] = original_load(**arguments)
        return loaded[key]

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if str(host) not in {"127.0.0.1", "localhost", "::1"}:
            raise socket.gaierror(socket.EAI_NONAME, "the fuzz test resolves no other host")
        return original_lookup(host, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(facade, "load", load)
        patch.setattr(socket, "getaddrinfo", loopback_only)
        patch.setenv("COMPETENCE_BRIDGE_CACHE", str(tmp_path_factory.mktemp("fuzz-cache")))
        patch.chdir(tmp_path_factory.mktemp("fuzz-cwd"))  # relative names land in a scratch directory
        yield
    assert facade.load is original_load and socket.getaddrinfo is original_lookup


def run(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` with standard output (text and bytes) and standard error captured."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()  # type: ignore[attr-defined]


def check(argv: list[str], *, problems_allowed: bool = False) -> None:
    """The property: exit 0 (1 for validate), or exactly one error line and exit 2; never a traceback."""
    code, out, err = run(argv)
    assert code != 2 or out == "", (argv, out[:200])  # a refusal writes nothing
    if "--debug" in argv and code == 2:  # the traceback is asked for: the last line is still the one error line
        err = err[err.rfind("\ncompetence-bridge: ") + 1:] if "Traceback" in err else err
    lines = err.splitlines()
    # the CLI's own mark of an internal error (the words alone may be an argument echoed in a message)
    assert "Traceback" not in err and "competence-bridge: internal error: " not in err, (argv, err)
    assert all(line.startswith("competence-bridge: warning: ") for line in lines[:-1] if code == 2), (argv, err)
    if code == 2:
        assert lines and lines[-1].startswith("competence-bridge: error: ") and err.endswith("\n"), (argv, err)
        assert sum(1 for line in lines if line.startswith("competence-bridge: error: ")) == 1, (argv, err)
    elif code == 1:
        assert problems_allowed, (argv, code, err)
    else:
        assert code == 0, (argv, code, err)
        assert all(line.startswith("competence-bridge: warning: ") for line in lines), (argv, err)


# --- strategies --------------------------------------------------------------------------------

SPARQL = ['"""', "}", "{", "#", "\\", "' ; DROP ALL ; '", "} ; CLEAR ALL ; {", "<http://evil.example/>",
          "SELECT * WHERE { ?s ?p ?o }", "?s", "\"@en", "^^xsd:int", "FILTER(1=1)", "\x00", "\n", "\r\n", "\t"]
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"])  # controls, bidi, separators, private use
KNOWN = ["havo", "vks", "nlqf", "eqf", "5", "4+", "entry", "kinesitherapeut", "vl:bk-0337-1", "nl:hbo-fysiotherapie",
         "lasser", "elektricien", "zorgkundige", "vl:bk-zorgkundige", "nl:crebo-25656", "Verzorgende IG", "PhD",
         "mbo 4 diploma", "schoonmaker", "boekhouder", "vl:job.kinesitherapeut", "nl:job.lasser"]
WORDS = ["zorg", "lasser", "kine", "monteur", "elektro", "verpleeg", "kundige", "niveau", "mbo", "4", "vks"]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(CONTROL, min_size=1, max_size=10),
    st.builds("".join, st.lists(st.sampled_from(SPARQL), min_size=1, max_size=6)),
    st.builds(lambda a, b: a + b, st.sampled_from(KNOWN), st.text(CONTROL, max_size=3)),
    st.builds(" ".join, st.lists(st.sampled_from(WORDS), min_size=20, max_size=150)),  # long, within the cap
    st.builds(lambda char, n: char * n, st.characters(), st.integers(1001, 20_000)),  # over the cap
    st.sampled_from(["", " ", "-", "--", "-h", "--json", "\udce9", "caf\udce9", "x" * 1000]),
)


def choice(values: tuple[str, ...] | list[str]) -> st.SearchStrategy[str]:
    """A valid value three times in four, a hostile one otherwise."""
    valid = st.sampled_from(list(values))
    return st.one_of(valid, valid, valid, hostile_text)


#: A file name as generated, kept below the scratch directory (no "/": nothing is written elsewhere).
hostile_name = hostile_text.map(lambda text: text.replace("/", "_"))
text_value = choice(KNOWN)
FRAMEWORKS = choice(["vks", "nlqf", "eqf", "VKS"])
LEVELS = choice(["1", "2", "3", "4", "4+", "5", "6", "7", "8", "entry", "4plus"])


def option(flag: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """``[flag, value]`` once in three, nothing otherwise."""
    return st.one_of(st.just([]), st.just([]), values.map(lambda value: [flag, value]))


@st.composite
def a_file(draw: st.DrawFn, root: Path, suffix: str = ".tsv") -> str:
    """A path: missing, a directory, a real fixture, /dev/null, or a new file with generated content."""
    kind = draw(st.sampled_from(["missing", "dir", "gold", "devnull", "content", "name"]))
    if kind == "missing":
        return str(root / "missing" / "x")
    if kind == "dir":
        return str(root)
    if kind == "gold":  # a copy: commands may write to what they are given
        copy = root / f"gold-{draw(st.integers(0, 3))}.sssom.tsv"
        copy.write_bytes(GOLD.read_bytes())
        return str(copy)
    if kind == "devnull":
        return "/dev/null"
    if kind == "name":
        return draw(hostile_name)
    path = root / f"generated-{draw(st.integers(0, 10**9))}{suffix}"
    content = st.one_of(st.binary(max_size=300),
                        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                        st.just(GOLD.read_bytes()[:2000]))
    path.write_bytes(draw(content))
    return str(path)


def with_inputs() -> st.SearchStrategy[list[str]]:
    """No --with, a fixture, or a hostile KIND:PATH."""
    return st.one_of(st.just([]), st.just([]), st.just([]), st.just([]), st.just([]),
                     st.just(["--with", f"esco:{FIXTURES / 'esco'}"]),
                     st.just(["--with", f"bk:{FIXTURES / 'bk' / 'bk-records.json'}"]),
                     st.builds(lambda kind, path: ["--with", f"{kind}:{path}"],
                               st.sampled_from(["yaml", "esco", "sbb", "brc", "bk", "esco-mapping", "yml", ""]),
                               hostile_text))


BACKEND_URLS = st.one_of(st.sampled_from(["http://127.0.0.1:9/query", "http://[::1]:9/query", "http://localhost:9/q",
                                          "ftp://127.0.0.1/query", "http://user:pw@127.0.0.1:9/query",
                                          "http://127.0.0.1:99999/query", "http://[x/query", "https://%zz/"]),
                         hostile_text.map(lambda text: f"http://127.0.0.1:9/{text}"), hostile_text)


def common(root: Path) -> st.SearchStrategy[list[str]]:
    """The output options and, sometimes, a hostile backend."""
    nothing = st.just([])
    backend = st.one_of(nothing, nothing, nothing, nothing, nothing, nothing, nothing, nothing,
                        option("--store", st.one_of(st.just(str(root)), hostile_text)),
                        st.builds(lambda url, graph: ["--endpoint", url, *graph], BACKEND_URLS,
                                  option("--graph", choice(["default", "http://example.org/g", ""]))),
                        option("--graph", hostile_text))
    return st.builds(lambda json_, lang, inputs, where: [*json_, *lang, *inputs, *where],
                     st.sampled_from([[], ["--json"]]), option("--lang", choice(LANGS)), with_inputs(), backend)


def _settings(command: str) -> settings:
    return settings(max_examples=examples(command), deadline=None, database=None, derandomize=CI,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-files")


# --- one property per command ------------------------------------------------------------------

def test_free_form_argument_lists(root: Path) -> None:
    words = st.one_of(st.sampled_from([c.words[0] for c in COMMANDS] + ["--json", "--with", "-o", "--limit",
                                                                         "--to", "--debug", "--help", "--version"]),
                      hostile_name)

    @_settings("argv")
    @given(st.lists(words, max_size=8))
    def prop(argv: list[str]) -> None:
        check(argv, problems_allowed=bool(argv) and argv[0] == "validate")

    prop()


def test_levels_and_recognize(root: Path) -> None:
    @_settings("levels")
    @given(FRAMEWORKS, LEVELS, common(root))
    def levels(framework: str, level: str, rest: list[str]) -> None:
        check(["levels", framework, level, *rest])

    @_settings("recognize")
    @given(text_value, common(root))
    def recognize(item: str, rest: list[str]) -> None:
        check(["recognize", item, *rest])

    levels()
    recognize()


def test_search(root: Path) -> None:
    @_settings("search")
    @given(text_value, option("--region", choice(REGIONS)), option("--kind", choice(ITEM_KINDS)),
           option("--limit", st.one_of(st.integers(-5, 50).map(str), hostile_text)), common(root))
    def search(text: str, region: list[str], kind: list[str], limit: list[str], rest: list[str]) -> None:
        check(["search", text, *region, *kind, *limit, *rest])

    search()


def test_translate_and_compare(root: Path) -> None:
    @_settings("translate")
    @given(text_value, option("--to", choice(REGIONS)), option("--limit", st.one_of(st.integers(-2, 20).map(str),
                                                                                     hostile_text)),
           option("--reviews", a_file(root)), common(root))
    def translate(item: str, to: list[str], limit: list[str], reviews: list[str], rest: list[str]) -> None:
        check(["translate", item, *to, *limit, *reviews, *rest])

    @_settings("compare")
    @given(text_value, text_value, common(root))
    def compare(a: str, b: str, rest: list[str]) -> None:
        check(["compare", a, b, *rest])

    translate()
    compare()


def test_review_export_diff(root: Path) -> None:
    @_settings("review")
    @given(a_file(root), text_value, text_value, choice(DECISIONS), choice(["An Peeters", "orcid:0000-0001"]),
           option("--comment", hostile_text), option("--predicate", choice(PREDICATES)))
    def review(file: str, subject: str, object_: str, decision: str, reviewer: str, comment: list[str],
               predicate: list[str]) -> None:
        check(["review", file, subject, object_, decision, "--reviewer", reviewer, *comment, *predicate])

    @_settings("export")
    @given(choice((*RDF_FORMATS, "sssom")), option("-o", st.one_of(a_file(root, ".ttl"), st.just("-"))),
           option("--from", choice(REGIONS)), option("--reviews", a_file(root)),
           option("--mappings", a_file(root)), with_inputs())
    def export(fmt: str, output: list[str], from_: list[str], reviews: list[str], mappings: list[str],
               inputs: list[str]) -> None:
        check(["export", "--format", fmt, *output, *from_, *reviews, *mappings, *inputs])

    versions = st.one_of(st.just(f"esco:{FIXTURES / 'esco'}"),
                         st.builds(lambda kind, path: f"{kind}:{path}", choice(["esco", "sbb", "bk", "brc", "yaml"]),
                                   a_file(root, ".csv")), hostile_text)

    @_settings("diff")
    @given(versions, versions, option("--mappings", a_file(root)), st.sampled_from([[], ["--json"]]))
    def diff(old: str, new: str, mappings: list[str], json_: list[str]) -> None:
        check(["diff", old, new, *mappings, *json_])

    review()
    export()
    diff()


def test_diff_of_a_kind_without_versions_is_one_line() -> None:
    bk = f"bk:{FIXTURES / 'bk' / 'bk-records.json'}"
    check(["diff", bk, bk])


def test_store_publish_endpoint_cache(root: Path) -> None:
    @_settings("store build")
    @given(st.one_of(hostile_name, st.integers(0, 10**6).map(lambda n: str(root / f"store-{n}")),
                     a_file(root)), with_inputs())
    def store_build(directory: str, inputs: list[str]) -> None:
        check(["store", "build", directory, *inputs])

    @_settings("store info")
    @given(st.one_of(hostile_text, a_file(root)), st.sampled_from([[], ["--json"]]))
    def store_info(directory: str, json_: list[str]) -> None:
        check(["store", "info", directory, *json_])

    @_settings("publish")
    @given(BACKEND_URLS, option("--update", BACKEND_URLS), option("--graph", hostile_text),
           option("--mappings", a_file(root)), with_inputs())
    def publish(url: str, update: list[str], graph: list[str], mappings: list[str], inputs: list[str]) -> None:
        check(["publish", "--endpoint", url, *update, *graph, *mappings, *inputs])

    @_settings("endpoint graphs")
    @given(BACKEND_URLS, st.sampled_from([[], ["--every-version"], ["--json"]]))
    def endpoint_graphs(url: str, flags: list[str]) -> None:
        check(["endpoint", "graphs", "--endpoint", url, *flags])

    @_settings("endpoint cleanup")
    @given(BACKEND_URLS, option("--update", BACKEND_URLS),
           option("--older-than", st.one_of(st.floats(allow_nan=True).map(str), hostile_text)),
           st.sampled_from([[], ["--dry-run"]]))
    def endpoint_cleanup(url: str, update: list[str], older: list[str], flags: list[str]) -> None:
        check(["endpoint", "cleanup", "--endpoint", url, *update, *older, *flags])

    @_settings("cache info")
    @given(st.lists(st.one_of(st.just("--json"), hostile_text), max_size=2))
    def cache_info(extra: list[str]) -> None:
        check(["cache", "info", *extra])

    @_settings("cache clear")
    @given(st.lists(st.one_of(st.just("--json"), hostile_text), max_size=2))
    def cache_clear(extra: list[str]) -> None:
        check(["cache", "clear", *extra])

    store_build()
    store_info()
    publish()
    endpoint_graphs()
    endpoint_cleanup()
    cache_info()
    cache_clear()


def test_validate(root: Path) -> None:
    yaml_text = st.one_of(
        st.text(max_size=200),
        st.sampled_from(["valid_from: 2020-13-45", "x: !!timestamp x", "x: !!int x", "x: " + "9" * 5000,
                         "? [a, b]\n: c", "evidence:\t1", "qualification_types:\n- id: nl:x\n", "[" * 1000,
                         "!!python/object:os.system {}", "&a [*a]", "a: &a\n  b: *a\n", "sources: [{id: x}]"]),
    )

    @st.composite
    def yaml_file(draw: st.DrawFn) -> str:
        path = root / f"taxonomy-{draw(st.integers(0, 10**9))}.yaml"
        path.write_text(draw(yaml_text), encoding="utf-8", errors="surrogatepass")
        return str(path)

    @_settings("validate")
    @given(st.lists(st.one_of(yaml_file(), a_file(root, ".yaml")), min_size=1, max_size=3),
           st.sampled_from([["--standalone"], ["--standalone", "--json"], ["--standalone", "--canonicalize"]]))
    def validate(paths: list[str], flags: list[str]) -> None:
        check(["validate", *paths, *flags], problems_allowed=True)

    validate()


def test_global_options_before_the_command(root: Path) -> None:
    @_settings("global")
    @given(option("--store", st.one_of(st.just(str(root)), hostile_text)), option("--endpoint", BACKEND_URLS),
           option("--graph", hostile_text), st.sampled_from([["levels", "vks", "5"], ["translate", "lasser"],
                                                            ["search", "kine"], ["recognize", "havo"]]))
    def global_options(store: list[str], url: list[str], graph: list[str], command: list[str]) -> None:
        check([*store, *url, *graph, *command])

    global_options()
