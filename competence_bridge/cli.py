"""The ``competence-bridge`` command: parse arguments, call one library function, print.

Exit codes: 0 success; 1 ``validate`` found problems; 2 bad usage or an unknown id
(one line on stderr, with suggestions where there are close matches).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

PROG = "competence-bridge"

#: Data kinds ``--with KIND:PATH`` accepts; the keyword arguments of ``competence_bridge.load``.
WITH_KINDS: tuple[str, ...] = ("yaml", "esco", "sbb", "brc", "bk")


class UsageError(Exception):
    """Arguments that parse but do not fit together; reported like any bad usage (exit 2)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, with a suggestion for a misspelt choice."""

    def error(self, message: str) -> NoReturn:
        if "invalid choice:" in message:
            wrong = message.split("invalid choice:", 1)[1].split("(", 1)[0].strip().strip("'\"")
            choices = [c.strip(" '\"") for c in message.split("choose from", 1)[-1].strip(" )").split(",")]
            close = difflib.get_close_matches(wrong, choices, n=2)
            if close:
                message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
        self.exit(2, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


def _with_arg(value: str) -> tuple[str, str]:
    kind, sep, path = value.partition(":")
    if not sep or not path:
        raise argparse.ArgumentTypeError(f"expected KIND:PATH, e.g. yaml:my-taxonomy.yaml, got {value!r}")
    if kind not in WITH_KINDS:
        close = difflib.get_close_matches(kind, list(WITH_KINDS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise argparse.ArgumentTypeError(f"unknown data kind {kind!r} (choose from {', '.join(WITH_KINDS)}){hint}")
    return kind, path


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    common.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the text output (default nl)")
    common.add_argument("--with", dest="with_", metavar="KIND:PATH", type=_with_arg, action="append", default=[],
                        help="also load this data for this run (repeatable); KIND is one of " + ", ".join(WITH_KINDS)
                        + ", e.g. --with esco:esco-nl-1.2.0/ --with sbb:dossier.xml")
    return common


def _backend() -> argparse.ArgumentParser:
    backend = argparse.ArgumentParser(add_help=False)
    where = backend.add_argument_group("backend (default: compile the shipped data and --with inputs in memory)")
    where.add_argument("--store", metavar="DIR",
                       help="query a store built before with 'competence-bridge store build DIR' (nothing is imported)")
    where.add_argument("--endpoint", metavar="URL",
                       help="query a SPARQL 1.1 endpoint (its query URL); credentials come from the environment "
                            "or the credentials file (docs/backends.md), never from the command line")
    where.add_argument("--graph", dest="graphs", metavar="IRI", action="append", default=[],
                       help="with --endpoint: a named graph to query (repeatable; default: the default graph)")
    return backend


def _command(commands: Any, name: str, parents: list[argparse.ArgumentParser], summary: str,
             description: str | None, examples: tuple[str, ...]) -> argparse.ArgumentParser:
    """Add one (sub)command with its one-line summary, its description and worked examples."""
    return commands.add_parser(name, parents=parents, formatter_class=argparse.RawDescriptionHelpFormatter,
                               help=summary, description=description,
                               epilog="examples:\n" + "\n".join(f"  {example}" for example in examples))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command (also used to render the CLI reference)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("competence-bridge")
    except PackageNotFoundError:
        ver = "0+unknown"
    parser = _Parser(
        prog=PROG,
        description="Levels, recognitions and translations of qualifications between Flanders and the Netherlands.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  competence-bridge levels vks 5\n  competence-bridge recognize havo --json\n"
               "  competence-bridge export --format ttl -o bridge.ttl",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {ver}")
    # The backend may also come before the command (competence-bridge --store DIR translate ...).
    parser.add_argument("--store", dest="global_store", metavar="DIR", help="as --store of the lookup commands")
    parser.add_argument("--endpoint", dest="global_endpoint", metavar="URL",
                        help="as --endpoint of the lookup commands")
    parser.add_argument("--graph", dest="global_graphs", metavar="IRI", action="append", default=[],
                        help="as --graph of the lookup commands")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    common = _common()
    lookup = [common, _backend()]

    levels = _command(
        commands, "levels", lookup,
        "a level, its EQF level, its equivalents and what sits on it on each side",
        "Show a framework level, the EQF level it is referenced to, the levels of the other frameworks at that EQF "
        "level, and the qualification types of Flanders and the Netherlands there.",
        ("competence-bridge levels vks 5",
         "competence-bridge levels nlqf 4+ --json",
         "competence-bridge levels nlqf entry --lang en"))
    levels.add_argument("framework", help="vks, nlqf or eqf")
    levels.add_argument("level", help="the level as written: 1-8, 4+ (NLQF), entry (NLQF)")

    recognize = _command(
        commands, "recognize", lookup,
        "every recognition statement for a qualification type, direction first",
        "List the recognition statements (Nuffic, NARIC-Vlaanderen, Benelux) in which a qualification type is valued "
        "or is the valuation, each with its direction, and instruments not in force.",
        ("competence-bridge recognize havo",
         "competence-bridge recognize \"diploma secundair onderwijs BSO\"",
         "competence-bridge recognize vl:graduaat --json"))
    recognize.add_argument("item", help="an id such as nl:havo, or a label such as 'havo'")

    search = _command(
        commands, "search", lookup,
        "find qualifications, job profiles, competences and ESCO occupations by any title or wording",
        "Search everything loaded, ranked. Dutch-aware: case, accents, hyphens, compounds (verwarmingsinstallateur ~ "
        "installateur verwarming), gender forms (-ster, -e), Flemish and Netherlands words and word order do not "
        "matter. Each hit says why it matched.",
        ("competence-bridge search kinesitherapeute",
         "competence-bridge search 'verzorgende ig' --region NL --kind qualification",
         "competence-bridge search verwarmingsinstallateur --with esco:../shared/data/esco-nl-1.2.0 --json"))
    search.add_argument("text", help="a title, diploma or competence, in your own words")
    search.add_argument("--region", choices=("BE-VLG", "NL"), help="only this side (ESCO occupations have none)")
    search.add_argument("--kind", action="append", choices=("qualification", "job-profile", "qualification-type",
                                                             "competence", "occupation"),
                        help="only this kind (repeatable)")
    search.add_argument("--limit", type=int, default=10, help="number of hits (default 10)")

    translate = _command(
        commands, "translate", lookup,
        "the counterparts of an item on the other side, ranked and explained",
        "Translate a qualification, job profile, qualification type (id or label) or free text to the other side: "
        "ranked candidates with a SKOS relation, a confidence, a SEMAPV justification and an explanation (levels, "
        "shared ESCO/ISCO anchors, term substitutions, recognitions, false friends).",
        ("competence-bridge translate kinesitherapeut --to NL",
         "competence-bridge translate vl:bk-0140-3 --json",
         "competence-bridge translate magazijnier --to NL --with esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge translate nl:crebo-25656 --reviews decisions.sssom.tsv"))
    translate.add_argument("item", help="an id (vl:bk-0140-3), a label, or free text")
    translate.add_argument("--to", choices=("NL", "BE-VLG"), help="target side (default: the other side of the item)")
    translate.add_argument("--limit", type=int, default=5, help="number of candidates (default 5)")
    translate.add_argument("--reviews", metavar="FILE", help="an SSSOM file of review decisions to apply")

    compare = _command(
        commands, "compare", lookup,
        "gap report between two qualifications or job profiles, competence by competence",
        "Compare A (what a person has) with B (what they aim for): which competences of B are covered and missing, "
        "both directions, the level comparison, the recognitions that apply and a verdict.",
        ("competence-bridge compare nl:crebo-25656 vl:bk-zorgkundige",
         "competence-bridge compare vl:bk-0140-3 nl:kd-monteur-elektrotechnische-installaties --json"))
    compare.add_argument("a", help="what the person has (id or label)")
    compare.add_argument("b", help="what they aim for (id or label)")

    review = _command(
        commands, "review", lookup,
        "accept, reject or mark unsure a proposed mapping, in an SSSOM decisions file",
        "Record a review decision on a proposed mapping SUBJECT → OBJECT in FILE (created if needed, written "
        "atomically). Rejections are stored as negative mappings (predicate_modifier: Not).",
        ("competence-bridge review decisions.sssom.tsv vl:bk-0140-3 nl:kd-monteur-elektrotechnische-installaties "
         "accept --reviewer 'An Peeters'",))
    review.add_argument("file", metavar="FILE", help="the SSSOM decisions file")
    review.add_argument("subject", help="id of the mapped item")
    review.add_argument("object", help="id of the proposed counterpart")
    review.add_argument("decision", choices=("accept", "reject", "unsure"))
    review.add_argument("--reviewer", required=True, help="name or ORCID CURIE of the reviewer")
    review.add_argument("--comment", help="why (replaces the generated explanation in the file)")
    review.add_argument("--predicate", choices=("skos:exactMatch", "skos:closeMatch", "skos:broadMatch",
                                                "skos:narrowMatch", "skos:relatedMatch"),
                        help="correct the relation while accepting")

    export = _command(
        commands, "export", lookup,
        "write the graph (Turtle, N-Triples, JSON-LD) or the proposed mappings (SSSOM)",
        "Serialise the loaded graph, or with --format sssom translate every curated item of one side and write the "
        "proposals as SSSOM/TSV. Without -o it goes to standard output; with -o the file is written atomically (a "
        "failed export leaves an existing file intact).",
        ("competence-bridge export --format ttl -o bridge.ttl",
         "competence-bridge export --format jsonld --with yaml:my-types.yaml",
         "competence-bridge export --format sssom --from BE-VLG --reviews decisions.sssom.tsv -o be-nl.sssom.tsv"))
    export.add_argument("--format", choices=("ttl", "nt", "jsonld", "sssom"), default="ttl",
                        help="output format (default ttl)")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    export.add_argument("--from", dest="from_region", choices=("BE-VLG", "NL"), default="BE-VLG",
                        help="with --format sssom: the side whose items are translated (default BE-VLG)")
    export.add_argument("--reviews", metavar="FILE", help="with --format sssom: review decisions to apply")
    export.add_argument("--mappings", metavar="FILE", action="append", default=[],
                        help="with ttl, nt or jsonld: add this SSSOM mapping set to the graph as RDF (repeatable)")

    diff = _command(
        commands, "diff", [common],
        "compare two versions of a source: added, removed, relabelled, reclassified concepts",
        "Read two versions of an imported source and list what changed; with --mappings, also list the mappings (an "
        "SSSOM file) that must be looked at again.",
        ("competence-bridge diff esco:../shared/data/esco-nl-1.1.1 esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge diff esco:old/ esco:new/ --mappings decisions.sssom.tsv --json"))
    diff.add_argument("old", type=_with_arg, metavar="KIND:OLD", help="the old version, e.g. esco:esco-nl-1.1.1")
    diff.add_argument("new", type=_with_arg, metavar="KIND:NEW", help="the new version, e.g. esco:esco-nl-1.2.0")
    diff.add_argument("--mappings", metavar="FILE", help="an SSSOM file whose mappings are re-validated")

    store = _command(
        commands, "store", [],
        "build or describe a persistent store on disk (reopened in milliseconds by --store DIR)",
        "A store is a directory with the compiled graph (Oxigraph's files) and a manifest of what went in. Build it "
        "once with the data you use, then point every lookup at it with --store DIR.",
        ("competence-bridge store build bridge-store --with esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge store info bridge-store",
         "competence-bridge --store bridge-store translate magazijnier --to NL   (or: translate ... --store DIR)"))
    store_commands = store.add_subparsers(dest="store_command", required=True, metavar="ACTION", parser_class=_Parser)
    build = _command(
        store_commands, "build", [common],
        "compile the shipped data plus --with inputs into a store in DIR",
        "Compile the shipped taxonomies and every --with input into a new store, then swap it into DIR (an existing "
        "store there is replaced only once the new one is complete).",
        ("competence-bridge store build bridge-store --with esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge store build bridge-store --with sbb:2635_Pedagogisch_Werk.xml --with yaml:mine.yaml"))
    build.add_argument("directory", metavar="DIR", help="the store directory (created or replaced)")
    info = _command(
        store_commands, "info", [common],
        "what a store holds: inputs, triples, versions, when it was built",
        None,
        ("competence-bridge store info bridge-store --json",))
    info.add_argument("directory", metavar="DIR", help="the store directory")

    publish = _command(
        commands, "publish", [common],
        "publish the data to a SPARQL endpoint, one named graph per source and version",
        "Upload the shipped taxonomies and every --with input to a SPARQL 1.1 endpoint, each into its own named graph "
        "(.../graph/competence-bridge-taxonomies/VERSION, .../graph/esco-nl/1.2.0, ...), so that one source can be "
        "replaced without touching the others. With --graph IRI everything goes into that one graph; with "
        "--mappings FILE --graph IRI an SSSOM mapping set goes there as RDF. Each upload goes into a temporary graph "
        "first and replaces its named graph in one request: a failed upload leaves the previous version served. "
        "Credentials: COMPETENCE_BRIDGE_ENDPOINT_USER and COMPETENCE_BRIDGE_ENDPOINT_PASSWORD, or the credentials "
        "file (docs/backends.md).",
        ("competence-bridge publish --endpoint http://localhost:7878/query --with esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge publish --endpoint https://sparql.example.org/ds/query --graph "
         "https://w3id.org/competence-bridge/graph/reviews/2026-11 --mappings decisions.sssom.tsv"))
    publish.add_argument("--endpoint", required=True, metavar="URL", help="the endpoint's query URL")
    publish.add_argument("--update", metavar="URL",
                         help="its update URL (default: the query URL with /query replaced by /update)")
    publish.add_argument("--graph", metavar="IRI", help="put everything into this one named graph instead")
    publish.add_argument("--mappings", metavar="FILE", help="publish this SSSOM mapping set (needs --graph)")

    validate = _command(
        commands, "validate", [common],
        "check taxonomy YAML files; every problem with file, line, entry and field",
        "Validate YAML taxonomy files (or directories of them) together with the shipped taxonomies they may refer "
        "to. Exit 0 when valid, 1 when problems were found.",
        ("competence-bridge validate my-types.yaml",
         "competence-bridge validate taxonomies/ --standalone --canonicalize"))
    validate.add_argument("paths", nargs="+", metavar="PATH", help="YAML file or directory")
    validate.add_argument("--standalone", action="store_true", help="do not add the shipped taxonomies")
    validate.add_argument("--canonicalize", action="store_true", help="rewrite valid files in canonical form")
    return parser


def _print(payload: Any, text: str, as_json: bool) -> None:
    if as_json:
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(text)


def _inputs(args: argparse.Namespace) -> dict[str, list[str]]:
    """The --with inputs as ``load()`` keyword arguments."""
    return {kind: [path for k, path in args.with_ if k == kind] for kind in WITH_KINDS}


def _load(args: argparse.Namespace):  # noqa: ANN202
    from competence_bridge.bridge import load

    location = getattr(args, "store", None) or args.global_store
    endpoint = getattr(args, "endpoint", None) or args.global_endpoint
    graphs = [*args.global_graphs, *getattr(args, "graphs", [])]
    if graphs and not endpoint:
        raise UsageError("--graph names graphs on an endpoint; give --endpoint URL as well")
    return load(**_inputs(args), location=location, endpoint=endpoint, graphs=graphs)


def _update_url(args: argparse.Namespace) -> str:
    if args.update:
        return args.update
    base, sep, rest = args.endpoint.rstrip("/").rpartition("/")
    if rest != "query" or not sep:
        raise UsageError(f"cannot derive the update URL from {args.endpoint!r}; give --update URL")
    return f"{base}/update"


def _run(args: argparse.Namespace) -> int:
    if args.command == "levels":
        report = _load(args).level(args.framework, args.level)
        _print(report.to_dict(), report.to_text(args.lang), args.json)
    elif args.command == "recognize":
        report = _load(args).recognitions(args.item)
        _print(report.to_dict(), report.to_text(args.lang), args.json)
    elif args.command == "search":
        result = _load(args).search(args.text, region=args.region, kind=args.kind, limit=args.limit)
        _print(result.to_dict(), result.to_text(args.lang), args.json)
    elif args.command == "store":
        from competence_bridge.backends.store import store_manifest
        from competence_bridge.bridge import build_store

        if args.store_command == "build":
            manifest = build_store(args.directory, **_inputs(args))
        else:
            manifest = store_manifest(args.directory)
        _print(manifest.to_dict(), _manifest_text(args.directory, manifest), args.json)
    elif args.command == "publish":
        from competence_bridge.backends.publish import PublishedGraph, publish_inputs, published_text

        if args.mappings and args.with_:
            raise UsageError("--mappings publishes a mapping set; --with adds data to the graph: choose one")
        if args.mappings and not args.graph:
            raise UsageError("--mappings needs --graph IRI: the named graph the mapping set replaces")
        if args.graph:
            bridge = _load(argparse.Namespace(**{**vars(args), "endpoint": None, "graphs": []}))
            count = bridge.publish(_update_url(args), args.graph, query_url=args.endpoint, mappings=args.mappings)
            published = [PublishedGraph("mappings" if args.mappings else "all", "", args.graph, count)]
        else:
            published = publish_inputs(_update_url(args), **_inputs(args), query_url=args.endpoint)
        _print({"endpoint": args.endpoint, "graphs": [item.to_dict() for item in published]},
               published_text(args.endpoint, published), args.json)
    elif args.command == "translate":
        result = _load(args).translate(args.item, to=args.to, limit=args.limit, reviews=args.reviews)
        _print(result.to_dict(), result.to_text(args.lang), args.json)
    elif args.command == "compare":
        report = _load(args).compare(args.a, args.b)
        _print(report.to_dict(), report.to_text(args.lang), args.json)
    elif args.command == "review":
        row = _load(args).review(args.file, args.subject, args.object, args.decision, args.reviewer,
                                 comment=args.comment, predicate=args.predicate)
        _print(row.model_dump(mode="json", exclude_none=True),
               f"{args.decision}: {row.subject_id} {row.predicate_id} {row.object_id} → {args.file}", args.json)
    elif args.command == "export":
        bridge = _load(args)
        if args.format == "sssom":
            from competence_bridge.rdf.graph import write_atomic
            from competence_bridge.sssom.tsv import dumps_sssom

            text = dumps_sssom(bridge.mapping_set(source_region=args.from_region, reviews=args.reviews))
            if args.output:
                write_atomic(args.output, text.encode("utf-8"))
            else:
                sys.stdout.write(text)
        else:
            for path in args.mappings:
                bridge.add_mappings(path)
            bridge.export(args.format, args.output or sys.stdout.buffer)
    elif args.command == "diff":
        from competence_bridge.reports.revalidation import revalidate
        from competence_bridge.importers.versions import diff_files

        (kind, old), (new_kind, new) = args.old, args.new
        if kind != new_kind or kind == "yaml":
            raise UsageError("compare two versions of one imported kind, e.g. esco:OLD esco:NEW "
                             f"(got {kind} and {new_kind})")
        changes = diff_files(kind, old, new)
        payload, text = changes.to_dict(), changes.to_text()
        if args.mappings:
            from competence_bridge.sssom.tsv import read_sssom

            findings = revalidate(read_sssom(args.mappings), changes)
            payload["revalidate"] = [finding.to_dict() for finding in findings]
            text += "\n" + "\n".join([f"{len(findings)} mapping(s) to re-check:",
                                       *(f"  {finding.explain(args.lang)}" for finding in findings)])
        _print(payload, text, args.json)
    elif args.command == "validate":
        from competence_bridge.curated.taxonomy import canonicalize, summary, validate_paths

        counts = summary(validate_paths(args.paths, with_shipped=not args.standalone))
        changed = [str(path) for path in canonicalize(args.paths)] if args.canonicalize else []
        text = "valid: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
        if changed:
            text += "\nrewritten in canonical form: " + ", ".join(changed)
        _print({"valid": True, **counts, "canonicalized": changed}, text, args.json)
    return 0


def _manifest_text(directory: str, manifest) -> str:  # noqa: ANN001
    lines = [f"{directory}: {manifest.triples:,} triples, built {manifest.built_at} in {manifest.build_seconds} s "
             f"(competence-bridge {manifest.package_version}, Oxigraph {manifest.oxigraph_version})"]
    lines += [f"  {entry.get('kind')}: {entry.get('path')}" for entry in manifest.inputs if entry.get("kind") != "yaml"]
    yaml_count = sum(1 for entry in manifest.inputs if entry.get("kind") == "yaml")
    lines.append(f"  yaml: {yaml_count} taxonomy file(s)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    from competence_bridge.errors import CompetenceBridgeError, TaxonomyError

    try:
        return _run(args)
    except TaxonomyError as error:
        if args.command == "validate":
            if args.json:
                _print({"valid": False, "problems": [str(p) for p in error.problems]}, "", True)
            else:
                print(error.report(), file=sys.stderr)
            return 1
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except (CompetenceBridgeError, UsageError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
