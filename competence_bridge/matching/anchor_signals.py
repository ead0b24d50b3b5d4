"""The signals of a shared anchor: an ESCO occupation (a two-hop chain through it) or an ISCO-08 unit group.

Part of :data:`~competence_bridge.matching.signals.SIGNALS` (see :mod:`competence_bridge.matching.signals`).
"""

from __future__ import annotations

from competence_bridge.matching.evidence import Context, Evidence, Pair
from competence_bridge.matching.results import Hop, the_text

#: Kinds of curated items, whose ESCO anchors a curator chose.
CURATED_KINDS = frozenset({"qualification", "qualification-type", "job-profile"})


class EscoAnchor:
    """A shared ESCO occupation: a two-hop chain through it (hops with ``hop_confidence``)."""

    name = "esco"

    def __call__(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score 1 for a shared occupation, 0 when both are anchored elsewhere; a shared one anchors and vouches.

        Free text is anchored to the occupations ESCO gives its name; when that is several, the name is ambiguous:
        a shared one scores 1/n of the n named, its hop from the text counts 1/n of ``hop_confidence`` (as the
        chains' first hop counts 1/n of ``anchor_confidence``), and it does not vouch (no exact match from a name
        alone)."""
        source, target = pair.source, pair.target
        shared = sorted(source.esco & target.esco)
        named = len(source.esco) if source.kind == "text" else 1
        if source.esco and target.esco:
            evidence.signals[self.name] = 1.0 / named if shared else 0.0
        if not shared:
            return
        evidence.anchored = True
        pivot = shared[0]
        # The source's own curated anchor as the target: the anchor is the curator's closest ESCO occupation, a
        # close match (as the chains take it); it vouches for an exact one only under the same name.
        own = target.id == pivot and source.kind in CURATED_KINDS
        same_name = evidence.signals.get("lexical", 0.0) >= 1.0  # Lexical runs first (SIGNALS)
        evidence.vouched = named == 1 and (same_name or not own)
        items, hops = context.table.items, context.settings.hop_confidence
        label = items[pivot].label if pivot in items else context.esco_names.get(pivot)
        name = f"{label} ({pivot})" if label else pivot
        first = hops["occupation" if source.kind == "occupation" else "linked"] / named
        second = hops["occupation" if target.kind == "occupation" else "linked"]
        if source.id != pivot:  # free text that is the name of one occupation is that occupation; so is an item
            # whose own anchor it names (the relation the candidate then claims)
            exact = (source.kind == "text" and named == 1) or (own and same_name)
            relation = "skos:exactMatch" if exact else "skos:closeMatch"
            evidence.hops.append(Hop(source.id, pivot, relation, first, "bron is gekoppeld aan dit ESCO-beroep",
                                     "the source is linked to this ESCO occupation"))
        if target.id != pivot:
            evidence.hops.append(Hop(pivot, target.id, "skos:closeMatch", second,
                                     "doel is gekoppeld aan dit ESCO-beroep",
                                     "the target is linked to this ESCO occupation"))
        text_nl, text_en = the_text(source.read_as)
        if named > 1:
            evidence.say(f"Zelfde ESCO-beroep: {name}; {text_nl} is in ESCO een naam van {named} beroepen, dit is er "
                         f"één van.", f"Same ESCO occupation: {name}; in ESCO {text_en} names {named} occupations, "
                         "this is one of them.")
        elif source.kind == "text":  # its anchor is the occupation ESCO names by the text: no fact of its own
            evidence.say(f"Zelfde ESCO-beroep: {name}; {text_nl} is een naam ervan in ESCO.",
                         f"Same ESCO occupation: {name}; {text_en} is one of its names in ESCO.")
        elif own and same_name:
            evidence.say(f"Het ESCO-anker van {source.label} in de gecureerde taxonomie, met dezelfde naam.",
                         f"The ESCO anchor of {source.label} in the curated taxonomy, under the same name.")
        elif own:
            evidence.say(f"Het ESCO-anker van {source.label} in de gecureerde taxonomie: een nauwe overeenkomst "
                         "(skos:closeMatch); exact alleen onder dezelfde naam.",
                         f"The ESCO anchor of {source.label} in the curated taxonomy: a close match (skos:closeMatch); "
                         "exact only under the same name.")
        else:
            evidence.say(f"Zelfde ESCO-beroep: {name}.", f"Same ESCO occupation: {name}.")


class IscoAnchor:
    """A shared ISCO-08 unit group."""

    name = "isco"

    def __call__(self, context: Context, pair: Pair, evidence: Evidence) -> None:
        """Score 1 for a shared unit group, 0 when both have one and they differ.

        Free text has the groups of the occupations ESCO gives its name; when those are several, its group is as
        ambiguous as its name: a shared one scores 1/n of the n groups (*monteur* names an installatie-ingenieur,
        a film editor and a forestry mechanic, in three groups; each scored a full shared group)."""
        source, target = pair.source, pair.target
        shared = sorted(source.isco & target.isco)
        groups = len(source.isco) if source.kind == "text" else 1
        if source.isco and target.isco:
            evidence.signals[self.name] = 1.0 / groups if shared else 0.0
            if shared and groups > 1:
                text_nl, text_en = the_text(source.read_as)
                evidence.say(f"Zelfde ISCO-08-beroepsgroep {', '.join(shared)}; de beroepen die {text_nl} in ESCO "
                             f"noemt, liggen in {groups} groepen, dit is er één van.",
                             f"Same ISCO-08 unit group {', '.join(shared)}; the occupations {text_en} names in ESCO "
                             f"lie in {groups} groups, this is one of them.")
            elif shared:
                evidence.say(f"Zelfde ISCO-08-beroepsgroep {', '.join(shared)}.",
                             f"Same ISCO-08 unit group {', '.join(shared)}.")
