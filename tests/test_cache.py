"""The cache is safe to share: planted files never run, foreign directories are not used, size is bounded."""

from __future__ import annotations

import os
import pickle
import warnings
from pathlib import Path

import pytest

import competence_bridge
from competence_bridge.backends import cache
from competence_bridge.backends.cache import UnsafeCacheWarning, cache_info, cache_key, clear_cache, evict
from competence_bridge.backends.prepared import load_prepared, prepared_path, save_prepared
from competence_bridge.errors import SourceFormatError


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("COMPETENCE_BRIDGE_CACHE", str(home))
    return home


class _Exploit:
    """Unpickling this would create the marker file: what a planted ``os.system`` payload stands for."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (self.marker, "pwned"))  # type: ignore[return-value]


def test_a_planted_pickle_cannot_run_code_and_is_deleted(cache_home: Path, tmp_path: Path) -> None:
    save_prepared("identity", {"an": "honest entry"}, "translator")  # makes the directory and the secret
    assert load_prepared("identity", "translator") == {"an": "honest entry"}
    marker = tmp_path / "marker"
    path = prepared_path("identity", "translator")
    signed = path.read_bytes()
    for planted in (pickle.dumps(_Exploit(marker)),  # a bare pickle, as the red team planted it
                    cache.MAGIC + b"\0" * 32 + pickle.dumps(_Exploit(marker)),  # our header, a made-up signature
                    signed[:-5] + bytes([signed[-5] ^ 1]) + signed[-4:]):  # a signed entry, one bit altered
        path.write_bytes(planted)
        path.chmod(0o600)
        assert load_prepared("identity", "translator") is None
        assert not marker.exists() and not path.exists()


def test_a_world_writable_cache_directory_is_not_used(cache_home: Path, tmp_path: Path) -> None:
    cache_home.mkdir(mode=0o777)
    cache_home.chmod(0o777)  # as /tmp or a shared folder
    marker = tmp_path / "marker"
    path = prepared_path("identity", "translator")
    path.write_bytes(pickle.dumps(_Exploit(marker)))
    with pytest.warns(UnsafeCacheWarning, match="is not yours alone"):
        assert load_prepared("identity", "translator") is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        save_prepared("other", [1, 2, 3])  # warned once per directory; nothing written
    assert not marker.exists() and not prepared_path("other").exists()
    bridge = competence_bridge.load()
    assert bridge.level("vks", "5").eqf is not None and not list(cache_home.glob("graph-*.nt"))
    assert not cache_info().usable


def test_links_and_other_peoples_files_are_not_trusted(cache_home: Path, tmp_path: Path) -> None:
    save_prepared("identity", "real")
    path = prepared_path("identity")
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert load_prepared("identity") is None
    path.unlink()
    elsewhere.rename(path)
    path.chmod(0o666)
    assert load_prepared("identity") is None


def test_the_secret_is_private_and_made_once(cache_home: Path) -> None:
    save_prepared("a", 1)
    secret = cache_home / cache.SECRET
    assert oct(secret.stat().st_mode & 0o777) == "0o600" and len(secret.read_bytes()) == 32
    before = secret.read_bytes()
    save_prepared("b", 2)
    assert secret.read_bytes() == before and oct(cache_home.stat().st_mode & 0o777) == "0o700"
    secret.chmod(0o644)
    assert load_prepared("a") is None  # a readable secret is no secret


def test_the_least_recently_used_entries_go_first(cache_home: Path) -> None:
    for n in range(5):
        save_prepared(f"id-{n}", b"x" * 1000)
        os.utime(prepared_path(f"id-{n}"), (1_000_000 + n, 1_000_000 + n))
    assert load_prepared("id-0") == b"x" * 1000  # used: now the most recent
    removed = evict(cap=3 * 1100)
    assert sorted(removed) == sorted([prepared_path("id-1"), prepared_path("id-2")])
    assert cache_info().entries == 3


def test_clear_cache_removes_entries_temporaries_and_the_secret_only(cache_home: Path) -> None:
    assert competence_bridge.load().translator is not None  # prepared, and kept
    (cache_home / ".graph-abc.nt.tmp-999999-deadbeef-x").write_bytes(b"half")
    (cache_home / "notes.txt").write_text("mine")
    info = cache_info()
    assert info.usable and info.entries == 2 and info.bytes > 0
    cleared = clear_cache()
    assert cleared.entries == 3 and cleared.bytes > info.bytes
    assert sorted(p.name for p in cache_home.iterdir()) == ["notes.txt"]


def test_every_kind_of_prepared_entry_is_counted_evicted_and_cleared(cache_home: Path) -> None:
    # Was: the search documents' embeddings ("meaning") were kept but never listed, evicted or cleared
    for kind in ("translator", "meaning"):
        save_prepared("id", b"x" * 1000, kind)
    assert cache_info().entries == 2
    os.utime(prepared_path("id", "meaning"), (1_000_000, 1_000_000))
    assert evict(cap=1100) == [prepared_path("id", "meaning")]
    save_prepared("id", b"x" * 1000, "meaning")
    assert clear_cache().entries == 2 and not list(cache_home.glob("*-*.pickle"))


def test_cache_keys_refuse_what_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match=r"^nope.yaml: cannot read: No such file or directory$"):
        cache_key([Path("nope.yaml")], "")
    with pytest.raises(SourceFormatError, match=r"^/dev/zero: not a regular file"):
        cache_key([Path("/dev/zero")], "")
