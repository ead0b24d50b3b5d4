"""Synonyms mined from official labels (taxonomies/mined-synonyms.yaml): validated on load, used by search as a
weaker kind of synonym, explained with their provenance, and exactly what benchmarks/mine_synonyms.py mines from
the train split of ESCO 1.2.0 nl."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import shared_data

from competence_bridge import TaxonomyError
from competence_bridge.curated.resources import shipped_dir
from competence_bridge.curated.taxonomy import canonical_text, validate_paths
from competence_bridge.language.rules import base_key
from competence_bridge.language.terms import MinedEntry, TermEntry, Vocabulary
from competence_bridge.matching.search import SearchDocument, SearchIndex
from competence_bridge.matching.settings import shipped
from competence_bridge.present.search_notes import search_note

SHIPPED = shipped_dir() / "mined-synonyms.yaml"

VALID = """\
mined_synonyms:
- id: mined:test
  source: ESCO 1.2.0 nl
  split: train
  minimum_support: 2
  minimum_share: 0.1
  mined_by: a test
  chosen_on: a test
  pairs:
  - words: [bediener, operator]
    support: 5
    share: 0.5
{extra}"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        validate_paths([path], with_shipped=False)
    return [str(problem).replace(str(path), "extra.yaml") for problem in caught.value.problems]


def test_a_valid_set_loads(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(VALID.format(extra=""), encoding="utf-8")
    (found,) = validate_paths([path], with_shipped=False).mined_synonyms
    assert (found.source, found.split, [(pair.words, pair.support, pair.share) for pair in found.pairs]) == (
        "ESCO 1.2.0 nl", "train", [(("bediener", "operator"), 5, 0.5)])


def test_pairs_below_the_thresholds_or_twice_are_refused_at_their_line(tmp_path: Path) -> None:
    extra = ("  - words: [chef, hoofd]\n    support: 1\n    share: 0.05\n"
             "  - words: [bediener, operator]\n    support: 3\n    share: 0.2\n")
    assert _problems(tmp_path, VALID.format(extra=extra)) == [
        "extra.yaml:14, entry 'mined:test', field 'pairs.support': support 1 lies below minimum_support 2",
        "extra.yaml:15, entry 'mined:test', field 'pairs.share': share 0.05 lies below minimum_share 0.1",
        "extra.yaml:16, entry 'mined:test', field 'pairs.words': duplicate pair bediener ~ operator",
    ]


def test_a_pair_needs_two_words_in_order_and_the_train_split(tmp_path: Path) -> None:
    text = VALID.format(extra="  - words: [operator, bediener]\n    support: 2\n    share: 0.2\n"
                              "  - words: [hr, manager]\n    support: 2\n    share: 0.2\n    colour: blue\n")
    assert _problems(tmp_path, text.replace("split: train", "split: test")) == [
        "extra.yaml:4, entry 'mined:test', field 'split': Input should be 'train'",
        "extra.yaml:13, entry 'mined:test', field 'pairs': words must be two different words in alphabetical "
        "order, not ['operator', 'bediener']",
        "extra.yaml:16, entry 'mined:test', field 'pairs.words': String should match pattern '^[a-z]{3,}$'",
        "extra.yaml:19, entry 'mined:test', field 'pairs.colour': unknown key",
    ]


def test_the_shipped_file_is_canonical_and_from_the_train_split() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == canonical_text(SHIPPED)
    (found,) = validate_paths([SHIPPED], with_shipped=False).mined_synonyms
    assert (found.source, found.split, found.minimum_support, found.minimum_share) == ("ESCO 1.2.0 nl", "train", 2,
                                                                                       0.1)
    assert found.chosen_on.startswith("protocol S (benchmarks/mine_synonyms.py tune) on the dev split only:")


def test_the_vocabulary_reads_mined_pairs_both_ways_without_false_friends() -> None:
    vocabulary = Vocabulary([], ["verzorgende"], [MinedEntry(("bediener", "operator"), "X", "train", 4),
                                                  MinedEntry(("helpende", "verzorgende"), "X", "train", 9)])
    assert [(word, entry.support) for word, entry in vocabulary.mined(base_key("bedieners"))] == [("operator", 4)]
    assert [word for word, _entry in vocabulary.mined(base_key("operator"))] == ["bediener"]
    assert vocabulary.mined(base_key("helpende")) == ()  # a false friend's form never serves
    assert vocabulary.synonyms(base_key("bediener"), ("exact", "close")) == ()  # not a term pair


DOCS = (
    SearchDocument("x:operator", "occupation", None, (("operator mengmachine", "nl", "pref"),)),
    SearchDocument("x:monteur", "occupation", None, (("monteur mengmachine", "nl", "pref"),)),
)
MINED = [MinedEntry(("bediener", "operator"), "ESCO 1.2.0 nl", "train", 83)]


def test_search_matches_through_a_mined_synonym_and_says_so() -> None:
    settings = shipped()[0].search
    index = SearchIndex.build(DOCS, settings=settings, terms=Vocabulary([], (), MINED))
    hits = index.search("bediener mengmachine")
    assert [(hit.id, hit.explanation) for hit in hits] == [
        ("x:operator", ("label 'operator mengmachine' (pref, nl)",
                        "mined synonym bediener → operator (ESCO 1.2.0 nl labels of 83 concepts, train split)"))]
    assert search_note(hits[0].explanation[1], "nl") == (
        "afgeleid synoniem bediener → operator (namen van 83 begrippen in ESCO 1.2.0 nl, trainingsdeel)")
    assert SearchIndex.build(DOCS, settings=settings, terms=Vocabulary([], ())).search("bediener mengmachine") == []
    assert index.search("bediener mengmachine", mined_synonyms=False) == []  # as translation's ESCO pivot searches


def test_a_mined_synonym_is_weaker_than_a_curated_one() -> None:
    docs = (SearchDocument("x:leraar", "occupation", None, (("leraar wiskunde", "nl", "pref"),)),
            SearchDocument("x:docent", "occupation", None, (("docent wiskunde", "nl", "pref"),)))
    terms = Vocabulary([TermEntry("term:leerkracht", ("leerkracht",), ("leraar",))], (),
                       [MinedEntry(("docent", "leerkracht"), "ESCO 1.2.0 nl", "train", 11)])
    settings = shipped()[0].search
    assert settings.mined_synonym_factor < settings.synonym_factor
    hits = SearchIndex.build(docs, settings=settings, terms=terms).search("leerkracht wiskunde")
    assert [(hit.id, hit.explanation[1]) for hit in hits] == [
        ("x:leraar", "Flemish/Dutch synonym leerkracht → leraar"),
        ("x:docent", "mined synonym leerkracht → docent (ESCO 1.2.0 nl labels of 11 concepts, train split)")]


def test_the_shipped_pairs_are_what_the_script_mines_from_the_train_split() -> None:
    directory = shared_data("esco-nl-1.2.0")
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "mine_synonyms.py"
    spec = importlib.util.spec_from_file_location("mine_synonyms", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mine_synonyms"] = module
    spec.loader.exec_module(module)
    (found,) = validate_paths([SHIPPED], with_shipped=False).mined_synonyms
    occupations = module.read_occupations(directory)
    vocabulary, friends = module.shipped_vocabulary()
    miner, train = module.mine(occupations, vocabulary, shipped()[0].search.fuzzy_cutoff)
    assert {module.split_of(str(occupation["id"])) for occupation in train} == {"train"}
    mined = module.pairs(miner, friends, found.minimum_support, found.minimum_share)
    assert [(pair.words, pair.support, pair.share) for pair in mined] == [
        (pair.words, pair.support, pair.share) for pair in found.pairs]
