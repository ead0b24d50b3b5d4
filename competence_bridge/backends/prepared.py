"""Prepared translators and search indexes kept beside the graph cache, so one-off lookups over ESCO are quick.

Preparing translation reads every item of the graph (SPARQL), analyses every label and statement
and indexes both sides: about 3 s once ESCO is loaded, against 0.1 s to read it back; a search
index over ESCO takes about 3 s to build and under a millisecond to open. The prepared object
(:class:`~competence_bridge.matching.translate.Translator` or :class:`~competence_bridge.matching.search.SearchIndex`)
is kept under a key made of its kind, the graph's identity (the compiled-graph cache key, or a
store's manifest) and a digest of the code that prepares it, so a changed input or a changed
matcher never reads an old one. Writes are atomic and an unwritable cache only costs time.

A translator (and the search documents' embeddings, ``meaning``) is pickled. A search index is not: it is an
array file (:mod:`competence_bridge.backends.arrays`, written and opened by
:mod:`competence_bridge.matching.search_file`) that a one-off search maps in a millisecond instead of unpickling
12 MB of Python objects; :func:`prepared_path` and :func:`prepared_key` name it too.

Unpickling runs code, so an entry is unpickled only once its signature checks: every entry is
signed with an HMAC under the user's own secret and read only from a cache directory no one else
may write (:mod:`competence_bridge.backends.cache`). A planted or altered file is deleted unread.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

from competence_bridge.backends import cache
from competence_bridge.bulk import paused_gc

#: What can be prepared, with the suffix of its file.
KINDS = {"translator": ".pickle", "search": ".arrays", "meaning": ".pickle", "crosswalk": ".pickle"}
#: The kinds kept as pickles (read with :func:`load_prepared`).
PICKLED = ("translator", "meaning", "crosswalk")


def prepared_key(identity: str, kind: str = "translator") -> str:
    """The digest of the graph *identity* and of the code that prepares it: names the entry of each *kind*, and an
    array file holds it in full (a file of another graph or code is refused)."""
    if kind not in KINDS:
        raise ValueError(f"unknown prepared kind {kind!r}; one of {', '.join(KINDS)}")
    digest = hashlib.sha256(f"{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}\0{identity}\0".encode())
    digest.update(cache.source_digest().encode())
    return digest.hexdigest()


def prepared_path(identity: str, kind: str = "translator") -> Path:
    """Where the prepared *kind* (``translator``, ``search``, ``meaning``, the search documents' embeddings, or
    ``crosswalk``, the settings of chains through official tables) of the graph *identity* is (or would be) kept."""
    return cache.cache_dir() / f"{kind}-{prepared_key(identity, kind)[:20]}{KINDS[kind]}"


def _pickled(kind: str) -> None:
    if kind not in PICKLED:
        raise ValueError(f"the prepared {kind!r} is no pickle; one of {', '.join(PICKLED)} is")


def load_prepared(identity: str, kind: str = "translator") -> Any:
    """The prepared *kind* for *identity*, or ``None`` when there is none (or it cannot be trusted or read)."""
    _pickled(kind)
    path = prepared_path(identity, kind)
    payload = cache.read_signed(path)
    if payload is None:
        return None
    try:
        with paused_gc():  # millions of small objects: the collector would triple the time
            return pickle.loads(payload)
    except Exception:
        path.unlink(missing_ok=True)
        return None
    finally:
        payload.release()


def save_prepared(identity: str, prepared: Any, kind: str = "translator") -> None:
    """Keep *prepared* (a translator prepared for both sides, or a search index) for *identity*, signed.

    Failures to write are ignored: the cache only saves time.
    """
    _pickled(kind)
    try:
        payload = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    cache.write_signed(prepared_path(identity, kind), payload)
