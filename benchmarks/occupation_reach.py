"""Gold set (a) by what names can reach: which official pairs share words along their own chain through ESCO.

Run:  python benchmarks/occupation_reach.py [--split test|dev|train|all]

Gold set (a) (benchmarks/occupation_pairs.py) pairs a VDAB and a UWV occupation when the official tables map
both, exactly or closely, to one ESCO occupation. Without the tables, the engine can find such a pair only
from names: the subject's name must say something about that ESCO occupation, or about the counterpart, and
the counterpart's name something about the ESCO occupation. This script splits the subjects into

- **word path**: the subject's name shares a word (a unit key of the search analyser: compound parts, gender
  forms and Flemish variants folded together) with the counterpart's name, or with a label (preferred or
  alternative) of the ESCO occupation that links them and that occupation's labels share one with the
  counterpart's name;
- **no word path**: none of that, for every counterpart. Such a pair is official, but no reading of the
  words of the two names and of the ESCO labels connects them (VDAB's *Productieoperator metaalbewerking* is
  mapped closely to ESCO's *gerechtsdeurwaarder*, and so paired with UWV's *Gerechtsdeurwaarder*); only
  meaning (or the tables) can.

For each group it prints the share of subjects and, under the strict rule of benchmarks/occupation_pairs.py
(the subject's own counterpart first; recall@5 beside it), the library with the ESCO pivot and without the
tables' rows, and TF-IDF char 2-4, in the same run. Nothing is fitted here; the grouping reads only the gold
set, ESCO's labels and the analyser. It explains a figure; it does not replace it: the target (recall@5 >= 0.90
on test) is on every subject.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from baselines import CharTfidf
from goldsets import EQUIVALENT, TABLES, GoldPair, occupation_bridge, occupation_split
from occupation_pairs import score


def linking_concepts(pairs: list[GoldPair]) -> dict[tuple[str, str], set[str]]:
    """For each (subject, counterpart) of *pairs*, the ESCO occupations its equivalence chains pass through."""
    from competence_bridge.importers import IMPORTERS
    from competence_bridge.matching.chains import ChainIndex

    reader = IMPORTERS["esco-mapping"]
    index = ChainIndex.from_mapping_sets([reader.read(TABLES / name).mapping_set
                                          for name in ("BLM_mapping.csv", "NL_mapping.csv")])
    other = {"BE-VLG": "NL", "NL": "BE-VLG"}
    found: dict[tuple[str, str], set[str]] = {}
    for pair in pairs:
        for chain in index.chains(pair.subject, other[pair.region]):
            if chain.predicate in EQUIVALENT and chain.target in pair.targets:
                found.setdefault((pair.subject, chain.target), set()).update(chain.via)
    return found


def main() -> None:
    """Group the subjects of a split by word path and print the library and TF-IDF per group."""
    from competence_bridge.matching.query import translate_item

    split, pairs = occupation_split(__doc__)
    start = time.perf_counter()
    bridge = occupation_bridge()
    lexicon = bridge.search_index.lexicon
    items = bridge.items.items

    def keys(text: str) -> frozenset[str]:
        return frozenset(unit.key for word in lexicon.analyse(text) for unit in word.units)

    def words_of(concept: str) -> frozenset[str]:
        item = items.get(concept)
        return frozenset().union(*(keys(label) for label in item.labels)) if item is not None else frozenset()

    via = linking_concepts(pairs)
    print(f"loaded in {time.perf_counter() - start:.1f} s; {len(pairs)} subjects ({split} split)")
    national = [item for item in bridge.list_items(kind="occupation") if item.region]
    tfidf = {region: CharTfidf([(item.id, label) for item in national if item.region == region
                                for label in item.labels]) for region in ("BE-VLG", "NL")}
    other = {"BE-VLG": "NL", "NL": "BE-VLG"}
    groups: dict[str, list[tuple[tuple[bool, bool], tuple[bool, bool]]]] = {"word path": [], "no word path": []}
    for pair in pairs:
        subject = keys(pair.label)
        reached = False
        for target in pair.targets:
            target_words = keys(items[target].label) if target in items else frozenset()
            if subject & target_words:
                reached = True
            for concept in via.get((pair.subject, target), ()):
                esco = words_of(concept)
                reached |= bool(subject & esco and esco & target_words)
        to = other[pair.region]
        found = translate_item(bridge.translator, items[pair.subject], to, limit=50, pivot=bridge.esco_pivot)
        rank = [c.target.id for c in found.candidates if c.target.region == to and c.target.kind == "occupation"]
        groups["word path" if reached else "no word path"].append((score(rank, pair),
                                                                    score(tfidf[to].rank(pair.label), pair)))
    print(f"{'group':14} {'subjects':>9} {'share':>6}   {'ESCO pivot acc@1 / recall@5':>28}   "
          f"{'TF-IDF char 2-4':>16}")
    for name, rows in groups.items():
        if not rows:
            continue
        library = [sum(row[0][i] for row in rows) / len(rows) for i in (0, 1)]
        baseline = [sum(row[1][i] for row in rows) / len(rows) for i in (0, 1)]
        print(f"{name:14} {len(rows):>9} {len(rows) / len(pairs):>6.3f}   {library[0]:>19.3f} / {library[1]:.3f}   "
              f"{baseline[0]:>7.3f} / {baseline[1]:.3f}")


if __name__ == "__main__":
    main()
