"""Mapping commands: review a proposed mapping, export the graph or the proposals, diff two source versions."""

from __future__ import annotations

import argparse
from typing import Any

from competence_bridge.cli.errors import UsageError
from competence_bridge.cli.shared import EMBEDDINGS, SPELLING, open_bridge
from competence_bridge.cli.spec import Command, Output, arg, nothing
from competence_bridge.cli.values import (
    STDOUT,
    each,
    existing_file,
    existing_path,
    input_spec,
    non_empty,
    output_target,
    text,
    writable_file,
)
from competence_bridge.vocabulary import DECISIONS, FLANDERS, PREDICATES, RDF_FORMATS, REGIONS

#: ``export --format``: the RDF serialisations, and the proposals as an SSSOM table.
EXPORT_FORMATS = (*RDF_FORMATS, "sssom")


def _review(review: Any, args: argparse.Namespace) -> Any:
    return review(open_bridge(args), args.file, args.subject, args.object, args.decision, args.reviewer,
                  comment=args.comment, predicate=args.predicate)


def _show_review(row: Any, args: argparse.Namespace) -> Output:
    return Output(row.model_dump(mode="json", exclude_none=True),
                  f"{args.decision}: {row.subject_id} {row.predicate_id} {row.object_id} → {args.file}")


def _export_fits(args: argparse.Namespace) -> None:
    if args.format == "sssom" and args.mappings:
        raise UsageError("--mappings adds mapping sets to an RDF export (ttl, nt, jsonld); "
                         "--format sssom writes the proposals (decisions: --reviews FILE)")
    if args.format != "sssom" and (args.from_region or args.reviews):
        raise UsageError(f"--from and --reviews apply to --format sssom, not {args.format}")


def _export(export: Any, args: argparse.Namespace) -> None:
    from competence_bridge.files import open_output

    target = args.output or STDOUT
    if args.format == "sssom":
        from competence_bridge.sssom.tsv import dumps_sssom

        bridge = open_bridge(args)
        proposals = bridge.mapping_set(source_region=args.from_region or FLANDERS, reviews=args.reviews)
        data = dumps_sssom(proposals).encode("utf-8")
        with open_output(target) as out:
            out.write(data)
        return
    bridge = open_bridge(args)
    for path in args.mappings:
        bridge.add_mappings(path)
    with open_output(target) as out:
        export(bridge, args.format, out)


def _versions(args: argparse.Namespace) -> tuple[str, str, str]:
    from competence_bridge.backends.inputs import Inputs

    old, new = Inputs.parse([args.old]), Inputs.parse([args.new])
    if not old.sources or not new.sources or old.sources[0][0] != new.sources[0][0]:
        kinds = [spec.partition(":")[0] for spec in (args.old, args.new)]
        raise UsageError("compare two versions of one imported kind, e.g. esco:OLD esco:NEW "
                         f"(got {kinds[0]} and {kinds[1]})")
    return old.sources[0][0], str(old.sources[0][1]), str(new.sources[0][1])


def _same_kind(args: argparse.Namespace) -> None:
    _versions(args)


def _diff(diff_files: Any, args: argparse.Namespace) -> tuple[Any, list[Any] | None]:
    kind, old, new = _versions(args)
    changes = diff_files(kind, old, new)
    if not args.mappings:
        return changes, None
    from competence_bridge.reports.revalidation import revalidate
    from competence_bridge.sssom.tsv import read_sssom

    return changes, revalidate(read_sssom(args.mappings), changes)


def _show_diff(result: tuple[Any, list[Any] | None], args: argparse.Namespace) -> Output:
    changes, findings = result
    payload, shown = changes.to_dict(), changes.to_text()
    if findings is not None:
        payload["revalidate"] = [finding.to_dict() for finding in findings]
        shown += "\n" + "\n".join([f"{len(findings)} mapping(s) to re-check:",
                                    *(f"  {finding.explain(args.lang)}" for finding in findings)])
    return Output(payload, shown)


def _input_path(spec: str) -> None:
    existing_path(spec.partition(":")[2])


COMMANDS = (
    Command(
        "review", "accept, reject or mark unsure a proposed mapping, in an SSSOM decisions file",
        "Record a review decision on a proposed mapping SUBJECT → OBJECT in FILE (created if needed, in an existing "
        "directory; written atomically under a lock, so concurrent reviewers lose nothing). Rejections are stored as "
        "negative mappings (predicate_modifier: Not).",
        ("competence-bridge review decisions.sssom.tsv vl:bk-0140-3 nl:kd-monteur-elektrotechnische-installaties "
         "accept --reviewer 'An Peeters'",),
        call="competence_bridge.bridge:Bridge.review",
        run=_review, show=_show_review,
        args=(arg("file", help="the SSSOM decisions file", check=writable_file),
              arg("subject", type=text("the subject"), help="id of the mapped item"),
              arg("object", type=text("the object"), help="id of the proposed counterpart"),
              arg("decision", choices=DECISIONS, help="the decision"),
              arg("--reviewer", required=True, type=non_empty("the reviewer"),
                  help="name or ORCID CURIE of the reviewer"),
              arg("--comment", help="why (replaces the generated explanation in the file)"),
              arg("--predicate", choices=PREDICATES, help="correct the relation while accepting")),
        shared=("output", "inputs", "backend"),
    ),
    Command(
        "export", "write the graph (Turtle, N-Triples, JSON-LD) or the proposed mappings (SSSOM)",
        "Serialise the loaded graph, or with --format sssom translate every curated item of one side and write the "
        "proposals as SSSOM/TSV. Without -o (or with -o -) it goes to standard output; with -o FILE the file is "
        "written atomically in an existing directory (a failed export leaves an existing file intact).",
        ("competence-bridge export --format ttl -o bridge.ttl",
         "competence-bridge export --format jsonld --with yaml:my-types.yaml",
         "competence-bridge export --format sssom --from BE-VLG --reviews decisions.sssom.tsv -o be-nl.sssom.tsv"),
        call="competence_bridge.bridge:Bridge.export",
        run=_export, show=nothing, fits=_export_fits,
        args=(arg("--format", choices=EXPORT_FORMATS, default="ttl", help="output format (default ttl)"),
              arg("-o", "--output", metavar="FILE", help="write here instead of standard output ('-': standard output)",
                  check=output_target),
              arg("--from", dest="from_region", choices=REGIONS,
                  help="with --format sssom: the side whose items are translated (default BE-VLG)"),
              arg("--reviews", metavar="FILE", help="with --format sssom: review decisions to apply",
                  check=existing_file),
              arg("--mappings", metavar="FILE", action="append", default=[], check=each(existing_file),
                  help="with ttl, nt or jsonld: add this SSSOM mapping set to the graph as RDF (repeatable)"),
              EMBEDDINGS, SPELLING),
        shared=("inputs", "backend"),
    ),
    Command(
        "diff", "compare two versions of a source: added, removed, relabelled, reclassified concepts",
        "Read two versions of an imported source and list what changed; with --mappings, also list the mappings (an "
        "SSSOM file) that must be looked at again.",
        ("competence-bridge diff esco:../shared/data/esco-nl-1.1.1 esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge diff esco:old/ esco:new/ --mappings decisions.sssom.tsv --json"),
        call="competence_bridge.importers.versions:diff_files",
        run=_diff, show=_show_diff, fits=_same_kind,
        args=(arg("old", type=input_spec, metavar="KIND:OLD", help="the old version, e.g. esco:esco-nl-1.1.1",
                  check=_input_path),
              arg("new", type=input_spec, metavar="KIND:NEW", help="the new version, e.g. esco:esco-nl-1.2.0",
                  check=_input_path),
              arg("--mappings", metavar="FILE", help="an SSSOM file whose mappings are re-validated",
                  check=existing_file)),
    ),
)
