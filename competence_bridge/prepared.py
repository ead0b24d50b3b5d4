"""A prepared translator kept beside the graph cache, so a one-off translation over ESCO starts in a second.

Preparing translation reads every item of the graph (SPARQL), analyses every label and statement
and indexes both sides: about 3 s once ESCO is loaded, against 0.1 s to read it back. The
prepared :class:`~competence_bridge.translate.Translator` is pickled under a key made of the
graph's identity (the compiled-graph cache key, or a store's manifest) and a digest of the code
that prepares it, so a changed input or a changed matcher never reads an old one. Writes are
atomic and an unwritable cache only costs time. The file is read only from the user's own cache
directory, which is as trusted as the code itself.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache

if TYPE_CHECKING:
    from .translate import Translator

#: Modules whose code shapes a prepared translator.
_CODE = ("translate.py", "lexical.py", "dutch.py", "items.py", "text.py", "curies.py", "prepared.py")


def prepared_path(identity: str) -> Path:
    """Where the prepared translator of the graph *identity* is (or would be) kept."""
    here = Path(__file__).parent
    digest = hashlib.sha256(f"{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}\0{identity}\0".encode())
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return cache.cache_dir() / f"translator-{digest.hexdigest()[:20]}.pickle"


def load_prepared(identity: str) -> Translator | None:
    """The prepared translator for *identity*, or ``None`` when there is none (or it cannot be read)."""
    path = prepared_path(identity)
    if not path.is_file():
        return None
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would triple the time
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 (a damaged or stale entry: prepare again)
        path.unlink(missing_ok=True)
        return None
    finally:
        if enabled:
            gc.enable()


def save_prepared(identity: str, translator: Translator) -> None:
    """Keep *translator* (prepared for both sides) for *identity*; failures to write are ignored."""
    from .graph import write_atomic

    try:
        write_atomic(prepared_path(identity), pickle.dumps(translator, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
