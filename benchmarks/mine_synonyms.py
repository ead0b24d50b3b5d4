"""Mine word synonyms from official labels, tune how search uses them on the dev split, report protocol S.

Run:  python benchmarks/mine_synonyms.py mine [--write]     the pairs (and, with --write, the curated file)
      python benchmarks/mine_synonyms.py tune               factor × minimum support on the dev split
      python benchmarks/mine_synonyms.py report             protocol S per split: without and with, and baselines

Mining (offline, plain Python; the only analysis is the library's own). Only concepts of the *train* split
(benchmarks/goldsets.py ``split_of``, by the ESCO occupation's URI) are read:

- ESCO 1.2.0 nl (``../shared/data/esco-nl-1.2.0/occupations_nl.csv``): every two labels of one occupation, its
  preferred label and each alternative label, and two alternative labels (hidden labels, mostly misspellings,
  are not read);
- with ``--crosswalk``, the official crosswalk tables (``../shared/data/eures-esco-mappings``): a national
  occupation's Dutch label (VDAB Competent in BLM_mapping.csv, UWV in NL_mapping.csv) mapped ``skos:exactMatch``
  to a train occupation, paired with that occupation's preferred label.

Two labels are analysed with the search analyser (:class:`~competence_bridge.language.lexicon.Lexicon`, eager,
over the train occupations' labels and descriptions: gender forms, plurals, Flemish suffixes and compound parts
become the same keys). When their keys differ in exactly one unit each (a word or a compound part:
``hoofd|verpleegkundige`` / ``manager verpleegkunde`` gives nothing, ``bediener`` / ``operator`` in
``bediener boormachine`` / ``operator boormachine`` gives the pair), the two units are a candidate pair. The
support of a pair is the number of train occupations whose labels give it. Dropped: pairs the analyser or
search already equates (the same key, a derived word of :func:`~competence_bridge.language.rules.derived_keys`,
or a spelling search already takes: rapidfuzz ratio from ``fuzzy_cutoff``), words of fewer than three letters,
digits, stop words, and pairs holding a false friend's form (the vocabulary drops those at load too).

The shipped file (``taxonomies/mined-synonyms.yaml``) holds every pair from ``--floor`` (default 2); search uses
those from ``mined_minimum_support`` with ``mined_synonym_factor`` (``taxonomies/matching.yaml``), both chosen by
``tune`` on the dev split only (``--differ 2``, pairs from labels differing in up to two units each, every cross
pair, was tried: dev 0.399-0.415 against 0.420 shipped; the import/export label series gives junk pairs such as
customs ~ hoofd). ``report`` prints protocol S (benchmarks/search_esco.py: preferred labels and
descriptions indexed, every alternative label a query, own occupation first) per split in one run: search
without mined synonyms, with them, and the two baselines. The train split's "with" is in-sample (its queries are
the labels the pairs were mined from); dev and test occupations gave no pair. Each split is also reported on its
*hard* queries: those sharing no word (folded) with their own occupation's preferred label.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from goldsets import TABLES, split_of
from search_esco import DEFAULT_DIR, Occupation, protocol_a, read_occupations

from competence_bridge.language.lexicon import Lexicon
from competence_bridge.language.rules import base_key, derived_keys
from competence_bridge.language.terms import MinedEntry, Vocabulary
from competence_bridge.language.text import STOPWORDS, fold
from competence_bridge.language.word_units import Word

OUTPUT = ROOT / "taxonomies" / "mined-synonyms.yaml"
SOURCE = "ESCO 1.2.0 nl"
SPLITS = ("train", "dev", "test")

#: (key, key) of a pair, sorted; its support: the concepts that gave it, by source.
PairKey = tuple[str, str]


class Miner:
    """Candidate word pairs from labels of one concept, analysed as search analyses them."""

    def __init__(self, occupations: Sequence[Occupation], vocabulary: Vocabulary, fuzzy_cutoff: float,
                 differ: int = 1) -> None:
        """A miner over *occupations* (the train split's), with the analyser built from their texts; two labels
        give pairs when they differ in at most *differ* units each (every pair of those units)."""
        self.lexicon = Lexicon.from_texts([str(occ["description"]) for occ in occupations if occ["description"]],
                                          titles=[str(text) for occ in occupations for text in _labels(occ)],
                                          eager=True, terms=vocabulary.words)
        self.fuzzy_cutoff, self.differ = fuzzy_cutoff, differ
        self.support: dict[PairKey, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self.concepts: Counter[str] = Counter()  # key -> concepts whose labels hold it
        self._analysed: dict[str, list[Word]] = {}

    def count(self, labels: Iterable[str]) -> None:
        """Count the keys of one concept's *labels* (the denominator of a pair's share)."""
        self.concepts.update({key for text in labels for key in self._units(text)})

    def _units(self, text: str) -> dict[str, str]:
        if text not in self._analysed:
            self._analysed[text] = self.lexicon.analyse(text)
        return {unit.key: unit.surface for word in self._analysed[text] for unit in word.units}

    def compare(self, concept: str, first: str, second: str, source: str) -> None:
        """Count the pair of units in which two labels of *concept* differ, if they differ in one unit each."""
        ones, twos = self._units(first), self._units(second)
        only_one, only_two = set(ones) - set(twos), set(twos) - set(ones)
        if not (1 <= len(only_one) <= self.differ and 1 <= len(only_two) <= self.differ):
            return
        for key_one, key_two in itertools.product(sorted(only_one), sorted(only_two)):
            if not self._usable(key_one, ones[key_one], key_two, twos[key_two]):
                continue
            self.surfaces[key_one][ones[key_one]] += 1
            self.surfaces[key_two][twos[key_two]] += 1
            pair = (key_one, key_two) if key_one < key_two else (key_two, key_one)
            self.support[pair][source].add(concept)

    def _usable(self, key_one: str, surface_one: str, key_two: str, surface_two: str) -> bool:
        """Whether two differing units make a candidate: words, and not what search equates already."""
        from rapidfuzz import fuzz

        for key, surface in ((key_one, surface_one), (key_two, surface_two)):
            if len(key) < 3 or not key.isalpha() or surface in STOPWORDS or key in STOPWORDS:
                return False
        if any(other == key_two for other, _kind, _note in derived_keys(key_one)) or any(
                other == key_one for other, _kind, _note in derived_keys(key_two)):
            return False
        return fuzz.ratio(key_one, key_two) < self.fuzzy_cutoff

    def surface(self, key: str) -> str:
        """The word a key was written as most often (ties: the shortest, then alphabetical)."""
        return min(self.surfaces[key].items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]


def _labels(occupation: Occupation) -> list[str]:
    return [str(occupation["pref"]), *(str(text) for text in occupation["alt"])]  # type: ignore[attr-defined]


def crosswalk_labels(occupations: Iterable[Occupation]) -> list[tuple[str, str]]:
    """(ESCO occupation URI, national Dutch label) of every exactMatch row of the VDAB and UWV tables."""
    known = {str(occ["id"]) for occ in occupations}
    found = []
    for name, uri_column, label_column in (("BLM_mapping.csv", 3, 6), ("NL_mapping.csv", 0, 4)):
        with (TABLES / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = next(number for number, row in enumerate(rows) if row and row[0].startswith("Classification 1 URI"))
        for row in rows[header + 1:]:
            relation = row[9] if name == "BLM_mapping.csv" else row[6]
            if relation == "skos:exactMatch" and row[uri_column] in known and row[label_column].strip():
                found.append((row[uri_column], row[label_column].strip()))
    return sorted(set(found))


def mine(occupations: Sequence[Occupation], vocabulary: Vocabulary, fuzzy_cutoff: float, *, crosswalk: bool = False,
         alternatives: bool = True, differ: int = 1) -> tuple[Miner, list[Occupation]]:
    """Mine the train occupations of *occupations* (and, with *crosswalk*, their exact national labels)."""
    train = [occ for occ in occupations if split_of(str(occ["id"])) == "train"]
    miner = Miner(train, vocabulary, fuzzy_cutoff, differ)
    national: dict[str, list[str]] = defaultdict(list)
    for uri, label in crosswalk_labels(train) if crosswalk else ():
        national[uri].append(fold(label))
    for occ in train:
        labels = list(dict.fromkeys(fold(text) for text in _labels(occ)))
        miner.count([*labels, *national[str(occ["id"])]])  # a national label's words are the concept's too
        for first, second in itertools.combinations(range(len(labels)), 2):
            if first == 0 or alternatives:
                miner.compare(str(occ["id"]), labels[first], labels[second], "esco")
        for label in national[str(occ["id"])]:
            if label != labels[0]:
                miner.compare(str(occ["id"]), labels[0], label, "crosswalk")
    return miner, train


@dataclass(frozen=True)
class Pair:
    """A mined pair as shipped: the two words as written most often, its support (train concepts whose labels pair
    them), of which through a crosswalk label, and its share (support over the concepts holding the rarer word)."""

    words: tuple[str, str]
    support: int
    crosswalk: int
    share: float


def pairs(miner: Miner, friends: Sequence[str], support: int = 2, share: float = 0.0) -> list[Pair]:
    """Every pair with at least *support* concepts and at least *share*, most support first; pairs with a false
    friend's form (*friends*) or two words of one key as written dropped."""
    found = []
    for (key_one, key_two), sources in miner.support.items():
        concepts = set().union(*sources.values())
        ratio = round(len(concepts) / min(miner.concepts[key_one], miner.concepts[key_two]), 3)
        if len(concepts) < support or ratio < share:
            continue
        words = tuple(sorted((miner.surface(key_one), miner.surface(key_two))))
        probe = Vocabulary([], friends, [MinedEntry(words, SOURCE, "train", 1)])  # type: ignore[arg-type]
        if not probe.mined(base_key(words[0])):
            continue
        found.append(Pair(words, len(concepts), len(sources.get("crosswalk", ())), ratio))  # type: ignore[arg-type]
    return sorted(found, key=lambda pair: (-pair.support, pair.words))


def mined_entries(found: Iterable[Pair]) -> list[MinedEntry]:
    """*found* as the vocabulary reads them."""
    return [MinedEntry(pair.words, SOURCE, "train", pair.support) for pair in found]


# --- measuring ------------------------------------------------------------------------------------------------


def strict_queries(occupations: Sequence[Occupation], splits: Sequence[str],
                   hard: bool = False) -> list[tuple[str, str, str]]:
    """Protocol S's queries of *splits*: (alternative label, its occupation, the occupation's split); with *hard*,
    each split also as ``split/hard``: the queries sharing no word (folded) with their occupation's preferred label."""
    found = []
    for occ in occupations:
        split = split_of(str(occ["id"]))
        if split in splits:
            words = set(fold(str(occ["pref"])).split())
            for text in occ["alt"]:  # type: ignore[attr-defined]
                if fold(text) and fold(text) != fold(str(occ["pref"])):
                    found.append((text, str(occ["id"]), split))
                    if hard and not words & set(fold(text).split()):
                        found.append((text, str(occ["id"]), f"{split}/hard"))
    return found


def accuracy(rank: Callable[[str], list[str]], queries: Sequence[tuple[str, str, str]]) -> dict[str, tuple[int, int]]:
    """Per split, (queries whose own occupation *rank* puts first, queries)."""
    tally: dict[str, list[int]] = {}
    ranked: dict[str, list[str]] = {}  # a hard query is listed twice (its split and split/hard): ranked once
    for text, owner, split in queries:
        found = ranked[text] if text in ranked else ranked.setdefault(text, rank(text))
        cell = tally.setdefault(split, [0, 0])
        cell[0] += bool(found) and found[0] == owner
        cell[1] += 1
    return {split: (right, total) for split, (right, total) in tally.items()}


def shipped_vocabulary(mined: Iterable[MinedEntry] = ()) -> tuple[Vocabulary, list[str]]:
    """The shipped term pairs and false friends' forms, with *mined* pairs (the shipped file's are not read)."""
    from competence_bridge.curated.taxonomy import load_shipped
    from competence_bridge.language.terms import TermEntry

    taxonomy = load_shipped()
    friends = [form for friend in taxonomy.false_friends for form in (*friend.be, *friend.nl)]
    pairs = [TermEntry(pair.id, pair.be, pair.nl, pair.relation) for pair in taxonomy.term_pairs]
    return Vocabulary(pairs, friends, mined), friends


class Measure:
    """Protocol S over one search index, its vocabulary and settings swapped between runs (built once)."""

    def __init__(self, occupations: Sequence[Occupation], splits: Sequence[str], hard: bool = False) -> None:
        """The index of protocol S (preferred labels and descriptions) and the queries of *splits* (*hard*: also
        their hard subsets, see :func:`strict_queries`)."""
        from competence_bridge.matching.search import SearchIndex
        from competence_bridge.matching.settings import shipped

        self.settings = shipped()[0].search
        self.plain, self.friends = shipped_vocabulary()
        self.docs, _ = protocol_a(list(occupations))
        self.queries = strict_queries(occupations, splits, hard)
        self.index = SearchIndex.build(self.docs, settings=self.settings, terms=self.plain)

    def run(self, mined: Sequence[MinedEntry], factor: float) -> dict[str, tuple[int, int]]:
        """Per split, (own occupation first, queries) with *mined* pairs worth *factor* (none: as before)."""
        reader = self.index._reader
        reader.terms = shipped_vocabulary(mined)[0] if mined else self.plain
        self.index.settings = self.settings.model_copy(update={"mined_synonym_factor": factor})
        try:
            return accuracy(lambda text: [hit.id for hit in self.index.search(text, limit=1)], self.queries)
        finally:
            reader.terms, self.index.settings = self.plain, self.settings


def _cells(result: dict[str, tuple[int, int]], splits: Sequence[str]) -> str:
    return "".join(f"{right / (total or 1):>8.3f} ({total:>4})" for right, total in
                   (result.get(split, (0, 0)) for split in splits))


def tune(occupations: Sequence[Occupation], miner: Miner, supports: Sequence[int], shares: Sequence[float],
         factors: Sequence[float]) -> None:
    """Protocol S on the dev split for every minimum support × minimum share × factor."""
    measure = Measure(occupations, ["dev"])
    print(f"protocol S, dev split only ({len(measure.queries)} queries): acc@1")
    print(f"  without mined synonyms{_cells(measure.run([], 0.0), ['dev'])}")
    for support, share in itertools.product(supports, shares):
        found = mined_entries(pairs(miner, measure.friends, support, share))
        for factor in factors:
            start = time.perf_counter()
            result = measure.run(found, factor)
            print(f"  support >= {support} share >= {share:<5} factor {factor:<5} pairs {len(found):>4}"
                  f"{_cells(result, ['dev'])}  {time.perf_counter() - start:.0f} s", flush=True)


def report(occupations: Sequence[Occupation], found: Sequence[MinedEntry], factor: float) -> None:
    """Protocol S per split in one run: search without and with *found* pairs (at *factor*), and both baselines."""
    from baselines import CharTfidf, TokenSet

    measure = Measure(occupations, SPLITS, hard=True)
    labels = [(doc.id, doc.pref_label) for doc in measure.docs]
    rows = {"search, before (no mined)": measure.run([], 0.0),
            f"search + mined ({len(found)})": measure.run(found, factor),
            "TF-IDF char 2-4": accuracy(CharTfidf(labels).rank, measure.queries),
            "rapidfuzz token_set": accuracy(TokenSet(labels).rank, measure.queries)}
    distinct = sum(1 for _text, _owner, split in measure.queries if not split.endswith("/hard"))
    print(f"\nprotocol S (strict: own occupation first): {len(measure.docs)} occupations, "
          f"{distinct} queries; mined pairs from the train split (train 'after' is in-sample)")
    hard = [f"{split}/hard" for split in SPLITS]
    print("hard: the queries sharing no word (folded) with their occupation's preferred label")
    print(f"{'method':<28}" + "".join(f"{split:>14}" for split in (*SPLITS, "all", *hard, "all/hard")))
    for name, result in rows.items():
        total = [(sum(result.get(split, (0, 0))[0] for split in group), sum(result.get(split, (0, 0))[1]
                 for split in group)) for group in (SPLITS, hard)]
        print(f"{name:<28}{_cells(result, SPLITS)}{_cells({'all': total[0]}, ['all'])}{_cells(result, hard)}"
              f"{_cells({'all': total[1]}, ['all'])}")


def shipped_pairs() -> tuple[list[MinedEntry], float]:
    """The pairs of the shipped file and the shipped factor (what search uses)."""
    from competence_bridge.matching.settings import shipped

    settings, vocabulary = shipped()
    return list(vocabulary.mined_entries), settings.search.mined_synonym_factor


def write(found: Sequence[Pair], args: argparse.Namespace) -> None:
    """Write *found* as the curated file, in canonical form (validated as it is built)."""
    from competence_bridge.curated.mined_synonyms import MinedSynonyms
    from competence_bridge.curated.models import TaxonomyFile
    from competence_bridge.curated.taxonomy import dump_file

    crosswalk = " and national labels of the VDAB/UWV crosswalks mapped exactMatch" if args.crosswalk else ""
    entry = MinedSynonyms.model_validate({
        "id": "mined:esco-nl-1.2.0-labels", "source": SOURCE, "split": "train",
        "minimum_support": args.support[0], "minimum_share": args.share[0],
        "mined_by": f"benchmarks/mine_synonyms.py mine --support {args.support[0]} --share {args.share[0]}"
                    f"{' --crosswalk' if args.crosswalk else ''} --write: two labels (preferred or alternative"
                    f"{crosswalk}) of one occupation of the train split that differ in one word or compound part "
                    "each, analysed as search analyses them",
        "chosen_on": args.chosen_on or "not chosen yet",
        "pairs": [{"words": list(pair.words), "support": pair.support, "crosswalk": pair.crosswalk,
                   "share": pair.share} for pair in found]})
    OUTPUT.write_text(dump_file(TaxonomyFile(mined_synonyms=(entry,))), encoding="utf-8")
    print(f"wrote {len(found)} pairs to {OUTPUT.relative_to(ROOT)}")


def main() -> None:
    """Parse the arguments and mine, tune or report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["mine", "tune", "report"])
    parser.add_argument("--esco-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--crosswalk", action="store_true", help="also national labels mapped exactMatch")
    parser.add_argument("--support", type=int, nargs="+", default=[3], help="minimum support (tune: several)")
    parser.add_argument("--share", type=float, nargs="+", default=[0.1], help="minimum share (tune: several)")
    parser.add_argument("--factor", type=float, nargs="+", default=[0.85], help="factors to tune")
    parser.add_argument("--differ", type=int, default=1, help="labels differing in up to N units each give pairs")
    parser.add_argument("--write", action="store_true", help=f"mine: write {OUTPUT.relative_to(ROOT)}")
    parser.add_argument("--chosen-on", default="", help="mine --write: how the thresholds were chosen")
    parser.add_argument("--top", type=int, default=40, help="mine: print the N best-supported pairs")
    args = parser.parse_args()
    occupations = read_occupations(args.esco_dir)
    if args.command == "report":
        found, factor = shipped_pairs()
        report(occupations, found, factor)
        return
    from competence_bridge.matching.settings import shipped

    vocabulary, friends = shipped_vocabulary()
    miner, train = mine(occupations, vocabulary, shipped()[0].search.fuzzy_cutoff, crosswalk=args.crosswalk,
                        differ=args.differ)
    if args.command == "tune":
        tune(occupations, miner, args.support, args.share, args.factor)
        return
    found = pairs(miner, friends, args.support[0], args.share[0])
    print(f"{len(train)} train occupations, {len(miner.support)} candidate pairs, {len(found)} kept "
          f"(support >= {args.support[0]}, share >= {args.share[0]})")
    for pair in found[:args.top]:
        print(f"  {pair.support:>4} {pair.share:>6.3f} {pair.crosswalk:>3}  {pair.words[0]} ~ {pair.words[1]}")
    if args.write:
        write(found, args)


if __name__ == "__main__":
    main()
