"""Maintenance commands: check taxonomy files, look into and clear the cache."""

from __future__ import annotations

import argparse
from typing import Any

from competence_bridge.cli.spec import Command, Group, Output, arg
from competence_bridge.cli.values import each, existing_path
from competence_bridge.errors import TaxonomyError

GROUPS = (
    Group("cache", "what the cache of compiled graphs and prepared matchers holds, and clearing it",
          "The cache keeps compiled graphs, prepared translators and search indexes so that the next run starts fast "
          "($COMPETENCE_BRIDGE_CACHE, else $XDG_CACHE_HOME/competence-bridge, else ~/.cache/competence-bridge). It "
          "is bounded (cache_bytes in taxonomies/limits.yaml) and safe to clear at any time: the next run rebuilds "
          "what it needs.",
          ("competence-bridge cache info", "competence-bridge cache clear")),
)


def _validate(validate_paths: Any, args: argparse.Namespace) -> Output:
    from competence_bridge.curated.taxonomy import canonicalize, summary

    try:
        counts = summary(validate_paths(args.paths, with_shipped=not args.standalone))
    except TaxonomyError as error:
        return Output({"valid": False, "problems": [str(problem) for problem in error.problems]}, error.report(),
                      code=1, to_stderr=True)
    changed = [str(path) for path in canonicalize(args.paths)] if args.canonicalize else []
    text = "valid: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
    if changed:
        text += "\nrewritten in canonical form: " + ", ".join(changed)
    return Output({"valid": True, **counts, "canonicalized": changed}, text)


def _as_is(output: Output, args: argparse.Namespace) -> Output:
    return output


def _size(count: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"


def _show_info(info: Any, args: argparse.Namespace) -> Output:
    text = (f"{info.directory}: {info.entries} entr{'y' if info.entries == 1 else 'ies'}, {_size(info.bytes)} "
            f"(cap {_size(info.cap)}, cache_bytes in taxonomies/limits.yaml)")
    if not info.usable:
        text += "\n  not used: the directory does not exist yet, or others may write in it"
    return Output(info.to_dict(), text)


def _show_cleared(info: Any, args: argparse.Namespace) -> Output:
    return Output({**info.to_dict(), "removed": info.entries, "freed": info.bytes},
                  f"{info.directory}: removed {info.entries} entr{'y' if info.entries == 1 else 'ies'}, "
                  f"{_size(info.bytes)} freed")


COMMANDS = (
    Command(
        "validate", "check taxonomy YAML files; every problem with file, line, entry and field",
        "Validate YAML taxonomy files (or directories of them) together with the shipped taxonomies they may refer "
        "to. Exit 0 when valid, 1 when problems were found (each on its own line on standard error, or as JSON).",
        ("competence-bridge validate my-types.yaml",
         "competence-bridge validate taxonomies/ --standalone --canonicalize"),
        call="competence_bridge.curated.taxonomy:validate_paths",
        run=_validate, show=_as_is,
        args=(arg("paths", nargs="+", metavar="PATH", help="YAML file or directory", check=each(existing_path)),
              arg("--standalone", action="store_true", help="do not add the shipped taxonomies"),
              arg("--canonicalize", action="store_true", help="rewrite valid files in canonical form")),
    ),
    Command(
        "cache info", "where the cache is, how many entries and bytes it holds, and its cap",
        "Say where the cache is, whether it is used (it must be private to you), and its size against the cap.",
        ("competence-bridge cache info", "competence-bridge cache info --json"),
        call="competence_bridge.backends.cache:cache_info",
        run=lambda cache_info, args: cache_info(),
        show=_show_info,
    ),
    Command(
        "cache clear", "remove every cache entry (the next run compiles and prepares again)",
        "Remove the cache's own files (entries, temporaries of killed writes, the signing secret); other files in "
        "the directory are left alone. Safe while other processes use the cache.",
        ("competence-bridge cache clear",),
        call="competence_bridge.backends.cache:clear_cache",
        run=lambda clear_cache, args: clear_cache(),
        show=_show_cleared,
    ),
)
