"""Backend commands: build and describe a disk store, publish to an endpoint, list and clean what is published there."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from competence_bridge.cli.errors import UsageError
from competence_bridge.cli.shared import inputs_of, open_bridge, update_url
from competence_bridge.cli.spec import Command, Group, Output, arg
from competence_bridge.cli.values import existing_file, new_directory, non_empty, seconds, url

GROUPS = (
    Group("store", "build or describe a persistent store on disk (reopened in milliseconds by --store DIR)",
          "A store is a directory with the compiled graph (Oxigraph's files) and a manifest of what went in. Build it "
          "once with the data you use, then point every lookup at it with --store DIR.",
          ("competence-bridge store build bridge-store --with esco:../shared/data/esco-nl-1.2.0",
           "competence-bridge store info bridge-store",
           "competence-bridge --store bridge-store translate magazijnier --to NL   (or: translate ... --store DIR)")),
    Group("endpoint", "what is published on a SPARQL endpoint, and cleaning up after interrupted publishes",
          "List the competence-bridge graphs an endpoint holds (the ones lookups with --endpoint URL read), and drop "
          "the temporary upload graphs that interrupted publishes left behind.",
          ("competence-bridge endpoint graphs --endpoint http://localhost:7878/query",
           "competence-bridge endpoint cleanup --endpoint http://localhost:7878/query --dry-run")),
)


def manifest_text(directory: str, manifest: Any) -> str:
    """What a store holds, in a few lines."""
    lines = [f"{directory}: {manifest.triples:,} triples, built {manifest.built_at} in {manifest.build_seconds} s "
             f"(competence-bridge {manifest.package_version}, Oxigraph {manifest.oxigraph_version})"]
    lines += [f"  {entry.get('kind')}: {entry.get('path')}" for entry in manifest.inputs if entry.get("kind") != "yaml"]
    yaml_count = sum(1 for entry in manifest.inputs if entry.get("kind") == "yaml")
    lines.append(f"  yaml: {yaml_count} taxonomy file(s)")
    return "\n".join(lines)


def _show_manifest(manifest: Any, args: argparse.Namespace) -> Output:
    return Output(manifest.to_dict(), manifest_text(args.directory, manifest))


def _derivable_update_url(args: argparse.Namespace) -> None:
    update_url(args.endpoint, args.update)


def _publish_fits(args: argparse.Namespace) -> None:
    if args.mappings and args.with_:
        raise UsageError("--mappings publishes a mapping set; --with adds data to the graph: choose one")
    if args.mappings and args.graph is None:
        raise UsageError("--mappings needs --graph IRI: the named graph the mapping set replaces")
    _derivable_update_url(args)


def _publish(publish_inputs: Any, args: argparse.Namespace) -> list[Any]:
    update = update_url(args.endpoint, args.update)
    if args.graph is None:
        return list(publish_inputs(update, inputs=inputs_of(args), query_url=args.endpoint))
    from competence_bridge.backends.catalogue import PublishedGraph

    local = argparse.Namespace(**{**vars(args), "endpoint": None, "global_endpoint": None, "global_graphs": []})
    count = open_bridge(local).publish(update, args.graph, query_url=args.endpoint, mappings=args.mappings)
    return [PublishedGraph("mappings" if args.mappings else "all", "", args.graph, count)]


def _show_published(published: list[Any], args: argparse.Namespace) -> Output:
    from competence_bridge.backends.publish import published_text

    return Output({"endpoint": args.endpoint, "graphs": [item.to_dict() for item in published]},
                  published_text(args.endpoint, published))


def _credentials(url: str) -> Any:
    from competence_bridge.backends.credentials import resolve_credentials
    from competence_bridge.backends.sparql import checked_url

    return resolve_credentials(checked_url(url), None)


def _graphs(discover_graphs: Any, args: argparse.Namespace) -> list[Any]:
    return list(discover_graphs(args.endpoint, auth=_credentials(args.endpoint), every_version=args.every_version))


def _show_graphs(graphs: list[Any], args: argparse.Namespace) -> Output:
    lines = [f"{item.triples:>9,} triples  <{item.graph}>  {item.source} {item.version}"
             + (f", published {item.published}" if item.published else "") for item in graphs]
    head = (f"{len(graphs)} competence-bridge graph(s) on {args.endpoint}:" if graphs else
            f"no competence-bridge graphs on {args.endpoint}; publish them with: competence-bridge publish "
            f"--endpoint {args.endpoint}")
    return Output({"endpoint": args.endpoint, "graphs": [item.to_dict() for item in graphs]}, "\n".join([head, *lines]))


def _cleanup(cleanup_uploads: Any, args: argparse.Namespace) -> list[Any]:
    update = update_url(args.endpoint, args.update)
    return list(cleanup_uploads(update, args.endpoint, older_than=args.older_than, update_auth=_credentials(update),
                                query_auth=_credentials(args.endpoint), dry_run=args.dry_run))


def _show_cleanup(uploads: list[Any], args: argparse.Namespace) -> Output:
    verb = "would drop" if args.dry_run else "dropped"
    age = dt.timedelta(seconds=int(args.older_than))
    lines = [f"{verb} {len(uploads)} upload graph(s) older than {age} on {args.endpoint}"
             + (":" if uploads else "")]
    lines += [f"  {upload.triples:>9,} triples  <{upload.graph}>" for upload in uploads]
    return Output({"endpoint": args.endpoint, "dry_run": args.dry_run,
                   "uploads": [upload.to_dict() for upload in uploads]}, "\n".join(lines))


def _endpoint() -> Any:
    return arg("--endpoint", required=True, metavar="URL", type=url("the endpoint URL"),
               help="the endpoint's query URL")


def _update() -> Any:
    return arg("--update", metavar="URL", type=url("the update URL"),
               help="its update URL (default: the query URL with /query replaced by /update)")


COMMANDS = (
    Command(
        "store build", "compile the shipped data plus --with inputs into a store in DIR",
        "Compile the shipped taxonomies and every --with input into a new store, then swap it into DIR (an existing "
        "store there is replaced only once the new one is complete; the directory DIR is in must exist).",
        ("competence-bridge store build bridge-store --with esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge store build bridge-store --with sbb:2635_Pedagogisch_Werk.xml --with yaml:mine.yaml"),
        call="competence_bridge.bridge:build_store",
        run=lambda build_store, args: build_store(args.directory, inputs=inputs_of(args)),
        show=_show_manifest,
        args=(arg("directory", metavar="DIR", help="the store directory (created or replaced)", check=new_directory),),
        shared=("output", "inputs"),
    ),
    Command(
        "store info", "what a store holds: inputs, triples, versions, when it was built",
        "Read the manifest of the store in DIR: what went in, how many triples, which versions, when it was built.",
        ("competence-bridge store info bridge-store --json",),
        call="competence_bridge.backends.store:store_manifest",
        run=lambda store_manifest, args: store_manifest(args.directory),
        show=_show_manifest,
        args=(arg("directory", metavar="DIR", help="the store directory"),),
    ),
    Command(
        "publish", "publish the data to a SPARQL endpoint, one named graph per source and version",
        "Upload the shipped taxonomies and every --with input to a SPARQL 1.1 endpoint, each into its own named graph "
        "(.../graph/competence-bridge-taxonomies/VERSION, .../graph/esco-nl/1.2.0, ...), so that one source can be "
        "replaced without touching the others; lookups with --endpoint URL find them by themselves. With --graph IRI "
        "everything goes into that one graph; with --mappings FILE --graph IRI an SSSOM mapping set goes there as "
        "RDF. Each upload goes into a temporary graph first and replaces its named graph in one request: a failed "
        "upload leaves the previous version served ('endpoint cleanup' drops what a killed publish left). "
        "Credentials: COMPETENCE_BRIDGE_ENDPOINT_TOKEN, or COMPETENCE_BRIDGE_ENDPOINT_USER and "
        "COMPETENCE_BRIDGE_ENDPOINT_PASSWORD, or the credentials file (docs/backends.md).",
        ("competence-bridge publish --endpoint http://localhost:7878/query --with esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge publish --endpoint https://sparql.example.org/ds/query --graph "
         "https://w3id.org/competence-bridge/graph/reviews/2026-11 --mappings decisions.sssom.tsv"),
        call="competence_bridge.backends.publish:publish_inputs",
        run=_publish, show=_show_published, fits=_publish_fits,
        args=(_endpoint(), _update(),
              arg("--graph", metavar="IRI", type=non_empty("the graph IRI"),
                  help="put everything into this one named graph instead"),
              arg("--mappings", metavar="FILE", help="publish this SSSOM mapping set (needs --graph)",
                  check=existing_file)),
        shared=("output", "inputs"),
    ),
    Command(
        "endpoint graphs", "the competence-bridge graphs an endpoint holds (what --endpoint lookups read)",
        "List the graphs recorded in the endpoint's catalogue: by default the latest version of each source, which "
        "is what lookups with --endpoint URL and no --graph read.",
        ("competence-bridge endpoint graphs --endpoint http://localhost:7878/query",
         "competence-bridge endpoint graphs --endpoint http://localhost:7878/query --every-version --json"),
        call="competence_bridge.backends.catalogue:discover_graphs",
        run=_graphs, show=_show_graphs,
        args=(_endpoint(),
              arg("--every-version", action="store_true", help="every recorded version, not only the latest")),
    ),
    Command(
        "endpoint cleanup", "drop the upload graphs that interrupted publishes left on an endpoint",
        "A killed publish leaves its temporary upload graph (urn:competence-bridge:upload:TIME:...) behind; this "
        "drops those older than --older-than seconds (an upload still running elsewhere is left alone).",
        ("competence-bridge endpoint cleanup --endpoint http://localhost:7878/query",
         "competence-bridge endpoint cleanup --endpoint http://localhost:7878/query --older-than 0 --dry-run"),
        call="competence_bridge.backends.catalogue:cleanup_uploads",
        run=_cleanup, show=_show_cleanup, fits=_derivable_update_url,
        args=(_endpoint(), _update(),
              arg("--older-than", metavar="SECONDS", type=seconds, default=3600.0,
                  help="only uploads that started at least this long ago (default 3600)"),
              arg("--dry-run", action="store_true", help="only say which would be dropped")),
    ),
)
