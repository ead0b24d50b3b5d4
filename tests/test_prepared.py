"""The prepared translator kept in the cache: same answers, read back instead of rebuilt, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

import competence_bridge
from competence_bridge.backends.prepared import load_prepared, prepared_key, prepared_path
from competence_bridge.bridge import Bridge
from competence_bridge.curated.resources import shipped_files
from competence_bridge.matching.search_file import open_index


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPETENCE_BRIDGE_CACHE", str(tmp_path))
    return tmp_path


def test_a_second_load_reads_the_prepared_translator_and_answers_the_same(cache: Path) -> None:
    first = competence_bridge.load()
    expected = first.translate("zorgkundige", to="NL").to_dict()
    path = prepared_path(first.identity)
    assert path.is_file() and path.parent == cache
    second = competence_bridge.load()
    assert second.identity == first.identity
    assert second.translate("zorgkundige", to="NL").to_dict() == expected
    assert second.items is second.translator.table  # nothing read from the graph again
    assert second.compare("vl:bk-zorgkundige", "nl:crebo-25656").to_dict() == \
        first.compare("vl:bk-zorgkundige", "nl:crebo-25656").to_dict()


def test_a_damaged_entry_is_prepared_again(cache: Path) -> None:
    bridge = competence_bridge.load()
    bridge.translator
    path = prepared_path(bridge.identity)
    path.write_bytes(b"not a pickle")
    assert load_prepared(bridge.identity) is None and not path.exists()
    again = competence_bridge.load()
    assert again.translate("vl:bk-0140-3").candidates and path.is_file()


def test_other_inputs_get_another_entry(cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("qualification_types:\n- id: nl:test-type\n  region: NL\n  label: {nl: Testtype, en: Test type}\n"
                     "  sector: secondary\n  levels: [nlqf:5]\n  sources: [nuffic-nl-levels]\n  evidence: verified\n",
                     encoding="utf-8")
    plain, extended = competence_bridge.load(), competence_bridge.load(extra)
    assert plain.identity != extended.identity
    assert prepared_path(plain.identity) != prepared_path(extended.identity)
    assert "nl:test-type" in extended.items.items and "nl:test-type" not in plain.items.items


def test_without_an_identity_nothing_is_kept(cache: Path) -> None:
    bridge = Bridge(competence_bridge.load().graph, taxonomy_files=shipped_files())
    assert bridge.translate("kinesitherapeut", to="NL").candidates
    assert not list(cache.glob("translator-*.pickle"))
    assert competence_bridge.load(cache=False).identity is None


def test_the_search_index_is_kept_too(cache: Path) -> None:
    first = competence_bridge.load()
    expected = first.search("kinesitherapeute").to_dict()
    path = prepared_path(first.identity, "search")
    assert path.is_file() and path != prepared_path(first.identity) and path.suffix == ".arrays"
    assert open_index(path, prepared_key(first.identity, "search")) is not None
    assert competence_bridge.load().search("kinesitherapeute").to_dict() == expected


def test_a_store_build_prepares_the_first_lookup(cache: Path, tmp_path: Path) -> None:
    """After ``build_store`` the first translate and search on the store read what they need from the cache."""
    from competence_bridge.backends.opening import store_identity

    competence_bridge.build_store(tmp_path / "store")
    identity = store_identity(tmp_path / "store")
    assert prepared_path(identity).is_file() and prepared_path(identity, "search").is_file()
    assert load_prepared(identity) is not None
    assert open_index(prepared_path(identity, "search"), prepared_key(identity, "search")) is not None
    competence_bridge.build_store(tmp_path / "uncached", cache=False)
    assert not prepared_path(store_identity(tmp_path / "uncached")).exists()
