"""Review files shared by several processes: no lost decision, no torn file, no leftovers after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from competence_bridge.sssom.mapping import Mapping
from competence_bridge.sssom.review import ReviewLog
from competence_bridge.sssom.tsv import read_sssom

ROOT = Path(__file__).resolve().parents[1]

#: A proposal from vl:s-<n> to nl:o-<n>, as the translator would make it.
PROPOSAL = textwrap.dedent("""
    from competence_bridge.sssom.mapping import Mapping

    def proposal(n):
        return Mapping(subject_id=f"vl:s-{n}", predicate_id="skos:closeMatch", object_id=f"nl:o-{n}",
                       mapping_justification="semapv:LexicalMatching", confidence=0.5,
                       subject_label=f"=HYPERLINK(\\"x\\") {n}", object_label=f"doel {n}")
""")


def _proposal(n: int) -> Mapping:
    namespace: dict[str, object] = {}
    exec(PROPOSAL, namespace)  # noqa: S102 (the same helper the child processes run)
    return namespace["proposal"](n)  # type: ignore[operator]


def _python(script: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", PROPOSAL + textwrap.dedent(script)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def _decided(path: Path) -> set[str]:
    return {m.subject_id for m in read_sssom(path).mappings}


def test_eight_processes_deciding_fifty_pairs_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "same.sssom.tsv"
    workers = [_python(f"""
        from competence_bridge.sssom.review import ReviewLog
        for i in range(50):
            log = ReviewLog.open({str(path)!r})
            log.decide(proposal({w} * 1000 + i), "accept", "W{w}")
            log.save()
    """) for w in range(8)]
    assert [worker.wait(timeout=300) for worker in workers] == [0] * 8
    assert _decided(path) == {f"vl:s-{w * 1000 + i}" for w in range(8) for i in range(50)}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.sssom.tsv"]


def test_a_save_merges_what_others_saved_and_the_later_save_wins_a_pair(tmp_path: Path) -> None:
    path = tmp_path / "review.sssom.tsv"
    first, second = ReviewLog.open(path), ReviewLog.open(path)
    first.decide(_proposal(1), "accept", "An")
    first.decide(_proposal(2), "accept", "An")
    first.save()
    second.decide(_proposal(2), "reject", "Bo")
    second.decide(_proposal(3), "unsure", "Bo")
    second.save()
    assert set(second.decisions) == {("vl:s-1", "nl:o-1"), ("vl:s-2", "nl:o-2"), ("vl:s-3", "nl:o-3")}
    on_disk = {m.subject_id: m for m in read_sssom(path).mappings}
    assert on_disk["vl:s-2"].predicate_modifier == "Not"  # the later save wins the pair both decided
    del first.decisions[("vl:s-1", "nl:o-1")]  # a decision dropped in memory is dropped from the file
    first.save()
    assert _decided(path) == {"vl:s-2", "vl:s-3"}
    assert read_sssom(path).mappings[0].subject_label == '=HYPERLINK("x") 2'  # read back as decided
    assert '\t"\'=HYPERLINK(""x"") 2"\t' in path.read_text(encoding="utf-8")  # a spreadsheet shows text


def test_a_save_into_a_missing_directory_is_refused(tmp_path: Path) -> None:
    log = ReviewLog.open(tmp_path / "nope" / "review.sssom.tsv")
    log.decide(_proposal(1), "accept", "An")
    with pytest.raises(OSError, match="nope does not exist"):
        log.save()
    assert not (tmp_path / "nope").exists()


def test_kill_9_during_saves_leaves_an_old_or_new_file_and_the_next_save_cleans_up(tmp_path: Path) -> None:
    path = tmp_path / "big.sssom.tsv"
    log = ReviewLog.open(path)
    for n in range(1500):
        log.decide(_proposal(n), "accept", "An")
    log.save()
    for round_ in range(5):
        base = 100_000 * (round_ + 1)
        child = _python(f"""
            from competence_bridge.sssom.review import ReviewLog
            log = ReviewLog.open({str(path)!r})
            n = {base}
            while True:
                log.decide(proposal(n), "accept", "Kim")
                log.save()
                n += 1
        """)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not any(".tmp-" in p.name for p in tmp_path.iterdir()):
                time.sleep(0.001)  # kill it while a temporary copy is being written
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        numbers = {int(s.rsplit("-", 1)[1]) for s in _decided(path)}  # the file parses: it is complete
        assert set(range(1500)) <= numbers
        added = sorted(n for n in numbers if n >= base)
        assert added == list(range(base, base + len(added)))  # the old or the new file of one save, never a mix
    # A save killed between writing its copy and renaming it leaves the copy; the next save removes it.
    child = _python(f"""
        import os, signal
        from competence_bridge.sssom.review import ReviewLog
        os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
        log = ReviewLog.open({str(path)!r})
        log.decide(proposal(7), "reject", "Kim")
        log.save()
    """)
    assert child.wait(timeout=60) == -signal.SIGKILL
    assert any(".tmp-" in p.name for p in tmp_path.iterdir())
    assert ("vl:s-7", "nl:o-7") in ReviewLog.open(path).decisions and \
        ReviewLog.open(path).decisions[("vl:s-7", "nl:o-7")].predicate_modifier is None  # the old file
    log = ReviewLog.open(path)
    log.decide(_proposal(5), "reject", "An")
    log.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.sssom.tsv"]
