"""The official rows a session has read are remembered (RowMemory), and rows added to a bridge still count."""

from __future__ import annotations

from pathlib import Path

from conftest import shared_data

from competence_bridge.backends.compile import compile_inputs
from competence_bridge.curated.resources import shipped_files
from competence_bridge.matching.chains import ChainIndex
from competence_bridge.matching.crosswalk_links import RowMemory
from competence_bridge.rdf.native import oxigraph_store
from competence_bridge.rdf.queries import NativeQueries, Row

ZORGHULP = "esco-occupation:87d0795a-d41f-47ee-979f-0ab7d73836e7"  # the ESCO anchor of vl:job.zorgkundige


class CountingQueries:
    """Queries that remember what they were asked."""

    def __init__(self, queries: NativeQueries) -> None:
        self.queries, self.asked = queries, 0

    def select(self, text: str) -> list[Row]:
        self.asked += 1
        return self.queries.select(text)


def test_a_memory_asks_only_about_concepts_it_has_not_met() -> None:
    folder = shared_data("eures-esco-mappings")
    graph = compile_inputs(shipped_files(), [("esco-mapping", folder / "BLM_mapping.csv"),
                                             ("esco-mapping", folder / "NL_mapping.csv")])
    counting = CountingQueries(NativeQueries(oxigraph_store(graph)))
    memory = RowMemory(counting)
    cases = [("vdab:OP-410", None, ()), ("uwv:7737", None, ()),
             ("esco-occupation:1aa4bb15-c527-4a3b-9270-b3c71c4be111", "NL", ()),
             ("vl:job.zorgkundige", "NL", (ZORGHULP,))]
    asked = []
    for _ in range(2):
        for subject, region, anchors in cases:
            before = counting.asked
            remembered = ChainIndex.around(counting, subject, anchors=anchors, memory=memory)
            asked.append(counting.asked - before)
            fresh = ChainIndex.around(graph, subject, anchors=anchors)
            assert [c.to_mapping() for c in remembered.chains(subject, region, anchors=anchors)] == [
                c.to_mapping() for c in fresh.chains(subject, region, anchors=anchors)]
    # a national concept: its own rows, the rows reaching its ESCO concepts, their labels; anything else is the
    # subject of no row, so only the last two, and none for the ESCO occupation vdab:OP-410 reached (read with its
    # rows); the second time round nothing is asked
    assert asked == [3, 3, 0, 2, 0, 0, 0, 0]


def test_mappings_added_to_a_bridge_reach_its_chains(tmp_path: Path) -> None:
    import competence_bridge

    bridge = competence_bridge.load(esco_mapping=[shared_data("eures-esco-mappings", "NL_mapping.csv")])
    item = bridge.item("vl:job.zorgkundige")
    assert item.esco == {ZORGHULP}
    before = [(c.target, c.predicate, round(c.confidence, 2)) for c in bridge.official_chains(item, "NL")]
    assert before == [("uwv:14168", "skos:closeMatch", 0.8), ("uwv:14438", "skos:narrowMatch", 0.56)]
    rows = tmp_path / "rows.sssom.tsv"
    rows.write_text(
        "#curie_map:\n#  uwv: https://w3id.org/competence-bridge/id/uwv/\n"
        "#  esco-occupation: http://data.europa.eu/esco/occupation/\n#  semapv: https://w3id.org/semapv/vocab/\n"
        "#  skos: http://www.w3.org/2004/02/skos/core#\n#mapping_set_id: https://example.org/more-rows\n"
        "#license: https://creativecommons.org/licenses/by/4.0/\n"
        "subject_id\tpredicate_id\tobject_id\tmapping_justification\tsubject_label\n"
        f"uwv:2206\tskos:exactMatch\t{ZORGHULP}\tsemapv:ManualMappingCuration\tBoekhouder\n", encoding="utf-8")
    assert bridge.add_mappings(rows) == 10
    # the rows reaching zorghulp were read before; the bridge reads them again, with the new one
    after = [(c.target, c.predicate, round(c.confidence, 2)) for c in bridge.official_chains(item, "NL")]
    assert after == [("uwv:2206", "skos:closeMatch", 0.8), *before]
