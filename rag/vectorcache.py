"""Passage vectors kept by content hash, so a text already embedded is never embedded again.

Indexing the same letters into a second store (an eval corpus, ``--store`` for an
experiment, a rebuilt index, a second machine's cache folder copied over) would otherwise
run the model again over every chunk and sentence: minutes where a lookup takes
milliseconds. The cache is one SQLite file per model setting in ``RAG_VECTOR_CACHE``
(default ``<RAG_CACHE_DIR>/vectors``; ``off`` turns it off). Only what the indexer
embeds is kept (the letters' chunks and sentences), never a question or an LLM's answer:
what staff ask is not written to disk. A cache that cannot be read or
written is switched off with a warning; indexing goes on without it.

Example:
    >>> import numpy as np, tempfile
    >>> from pathlib import Path
    >>> cache = VectorCache(Path(tempfile.mkdtemp()) / "demo.sqlite", dim=2)
    >>> cache.put({"abc": np.array([0.6, 0.8], dtype=np.float32)})
    >>> cache.get(["abc", "def"])["abc"].tolist()
    [0.6000000238418579, 0.800000011920929]
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
_QUERY_BATCH = 500  # SQLite's variable limit is far above this; batches keep statements short


def cache_folder() -> Path | None:
    """The folder from ``RAG_VECTOR_CACHE`` (``off`` gives None), else ``<cache dir>/vectors``."""
    env = os.environ.get("RAG_VECTOR_CACHE", "").strip()
    if env.lower() in {"off", "0", "no", "false"}:
        return None
    if env:
        return Path(env)
    from rag.provision import cache_dir

    return cache_dir() / "vectors"


def text_key(prompt: str, text: str) -> str:
    """The cache key of ``text`` embedded with ``prompt``: a vector depends on both."""
    return hashlib.sha256(f"{prompt}\x1f{text}".encode()).hexdigest()


class VectorCache:
    """Vectors of one model setting, by key, in one SQLite file shared by processes.

    Args:
        path: The SQLite file (created with its folder on first write).
        dim: The vector size; a stored vector of another size is ignored.

    Attributes:
        hits: Vectors found since this object was made.
        misses: Vectors asked for and not found.
    """

    def __init__(self, path: Path, dim: int) -> None:
        self.path = path
        self.dim = dim
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._broken = False

    @classmethod
    def for_model(cls, setting: str, dim: int) -> VectorCache | None:
        """The cache of a model setting (name and precision), or None when switched off."""
        folder = cache_folder()
        if folder is None:
            return None
        return cls(folder / f"{re.sub(r'[^A-Za-z0-9._-]+', '_', setting)}.sqlite", dim)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One short connection per call (commits on success): threads and processes share the file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, closing(sqlite3.connect(self.path, timeout=60)) as con, con:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID")
            yield con

    def _failed(self, exc: Exception) -> None:
        self._broken = True
        log.warning("vector cache %s switched off: %s", self.path, exc)

    def get(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors among ``keys`` (missing ones are simply absent)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, np.ndarray] = {}
        if self._broken or not keys:
            self.misses += len(keys)
            return found
        try:
            with self._connect() as con:
                for i in range(0, len(keys), _QUERY_BATCH):
                    part = keys[i : i + _QUERY_BATCH]
                    marks = ",".join("?" * len(part))
                    for key, blob in con.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part):
                        vector = np.frombuffer(blob, dtype=np.float32)
                        if vector.size == self.dim:
                            found[key] = vector
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors by key (a key already there keeps its vector)."""
        if self._broken or not vectors:
            return
        rows = [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()]
        try:
            with self._connect() as con:
                con.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)", rows)
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with self._connect() as con:
            return int(con.execute("SELECT count(*) FROM vectors").fetchone()[0])
