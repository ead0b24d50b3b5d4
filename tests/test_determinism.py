"""The same data and the same call give the same answer in every process: translations do not hang on the order
in which Python happens to iterate a set of strings (the hash seed, random per process)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import json
import competence_bridge
bridge = competence_bridge.load(cache=False)
found = [bridge.translate(item.id).to_dict() for item in bridge.list_items()
         if item.kind in ("qualification", "job-profile", "qualification-type")]
print(json.dumps(found, sort_keys=True, ensure_ascii=False))
"""


def _translations(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", SCRIPT], check=True, capture_output=True, text=True, env=env).stdout


def test_every_curated_translation_is_the_same_under_other_hash_seeds() -> None:
    # Before label weights were summed with math.fsum, seeds 0 and 1 gave another matched label pair (and its
    # explanation) for helpende in de thuiszorg, whose label pairs tie.
    assert _translations("0") == _translations("1")
