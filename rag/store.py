"""Where indexed chunks live. Chroma is the one source of truth: a collection of chunk
vectors and metadata, one with each chunk's sentence vectors (packed in one record per
chunk, fetched by chunk id and cached), and a small one (``kamerbrieven_beheer``)
with the manifest (one record per letter), the store's model and generation, and the
writers' lock (:mod:`rag.writelock`). The BM25 index (:mod:`rag.bm25`) and the
abbreviation list are caches in the store folder, rebuilt from Chroma whenever the
generation they were built at is not Chroma's (the BM25 cache also when it holds other texts
than :data:`rag.documents.KEYWORD_TEXTS` says). The record types are in :mod:`rag.records`.

By default Chroma runs embedded (``PersistentClient``) in ``<store>/chroma``;
``RAG_CHROMA_URL`` points it at a Chroma server instead, and then several processes
(app instances, ``rag index``) share one index: every write bumps the generation, so a
reader sees that it must refresh, and writers take turns through the lock.

A letter becomes visible only when its manifest record is written, after all its
chunks and sentences are stored; so a reader never sees half a letter, and chunks of
an interrupted run are invisible (and reused by the next one).

Example:
    >>> from rag.store import Store
    >>> store = Store("index")
    >>> store.manifest.documents["kst-32317-995"].title
    'Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken, 5 en 6 maart 2026'
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from rag.bm25 import BM25Index
from rag.chroma import NO_VECTOR, StoreError, connect, open_collection, opening, reopen_embedded
from rag.documents import KEYWORD_TEXTS, Chunk, keyword_text, pack_text, searchable_text
from rag.embed import settings_for
from rag.expand import collect_definitions
from rag.files import write_json_atomic
from rag.records import DocRecord, Manifest, SentenceVectors, chunk_from_record, chunk_metadata
from rag.writelock import WriteLock

COLLECTION = "kamerbrieven"
# One record per chunk: its sentences' spans and vectors, packed. Sentences are never
# searched by vector, only fetched with their chunk, so they need no vector index of their
# own (which Chroma would build, and load whole into memory to return a single vector).
SENTENCE_COLLECTION = "kamerbrieven_zinvectoren"
# Before: one record per sentence, its vector indexed. Read as a fallback; migrated by the next write.
LEGACY_SENTENCE_COLLECTION = "kamerbrieven_zinnen"
# The manifest, the store's model and generation, and the writers' lock (rag.writelock).
META_COLLECTION = "kamerbrieven_beheer"
STORE_RECORD = "__store__"
DOC_PREFIX = "doc:"
# A store folder from before the manifest moved into Chroma; read once and migrated.
LEGACY_MANIFEST = "manifest.json"
ABBREVIATIONS = "abbreviations.json"
GENERATION_FILE = "generation"
CHROMA_BATCH = 256
# Chunks whose sentence vectors are kept in memory (about 10 sentences x 3 kB each).
SENTENCE_CACHE_CHUNKS = int(os.environ.get("RAG_SENTENCE_CACHE", "4096"))


class Store:
    """The on-disk (or server) index.

    Args:
        path: Store folder; ``RAG_STORE`` or ``index`` when None.
        url: Chroma server URL (``http://127.0.0.1:8000``); ``RAG_CHROMA_URL`` when None.
    """

    def __init__(self, path: str | Path | None = None, url: str | None = None) -> None:
        self.path = Path(path or os.environ.get("RAG_STORE") or "index")
        self.url = url if url is not None else os.environ.get("RAG_CHROMA_URL") or None
        self.path.mkdir(parents=True, exist_ok=True)
        self._client = None
        self._collections: dict[str, Any] = {}
        self._lock = WriteLock(lambda: self.collection(META_COLLECTION))
        self.bm25 = BM25Index(self.path / "bm25", texts=KEYWORD_TEXTS)
        self.manifest = Manifest()
        self._saved: dict[str, str] = {}
        self.generation = 0
        self._sentence_cache: OrderedDict[str, list[tuple[int, int, np.ndarray]]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._legacy: Any = False  # not looked for yet
        # The first open, up to the first read, is one step for other processes: see rag.chroma.opening.
        with opening(None if self.url else self.path):
            self.reload()

    # -- manifest
    def reload(self) -> None:
        """Read the manifest and generation from Chroma (migrating an old store folder's file once)."""
        meta = self.collection(META_COLLECTION)
        store = meta.get(ids=[STORE_RECORD], include=["metadatas"])
        if not store["ids"]:
            self._migrate_legacy_manifest()
            store = meta.get(ids=[STORE_RECORD], include=["metadatas"])
        info = store["metadatas"][0] if store["ids"] else {}
        docs: dict[str, DocRecord] = {}
        saved: dict[str, str] = {}
        total = meta.count()
        for offset in range(0, total, 1000):
            got = meta.get(where={"kind": "document"}, include=["documents"], limit=1000, offset=offset)
            for rid, text in zip(got["ids"], got["documents"]):
                record = DocRecord(**json.loads(text))
                docs[record.doc_id] = record
                saved[rid] = text
        self.manifest = Manifest(model=info.get("model") or None, dim=info.get("dim") or None, documents=docs)
        self._saved = saved
        self.generation = int(info.get("generation", 0))

    def current_generation(self) -> int:
        """The generation in Chroma now: it differs from :attr:`generation` when another
        process wrote since this one read."""
        got = self.collection(META_COLLECTION).get(ids=[STORE_RECORD], include=["metadatas"])
        return int(got["metadatas"][0].get("generation", 0)) if got["ids"] else 0

    def _migrate_legacy_manifest(self) -> None:
        file = self.path / LEGACY_MANIFEST
        if not file.exists():
            return
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise StoreError(f"{file}: manifest is unreadable ({exc}); remove the store and re-index") from exc
        self.manifest = Manifest(model=data.get("model"), dim=data.get("dim"),
                                 documents={k: DocRecord(**v) for k, v in data.get("documents", {}).items()})
        self.save_manifest()
        # Kept for reference, under a name that says it is no longer read.
        os.replace(file, file.with_suffix(".json.migrated"))

    def save_manifest(self) -> None:
        """Write the changed manifest records to Chroma and bump the generation."""
        meta = self.collection(META_COLLECTION)
        records = {f"{DOC_PREFIX}{k}": json.dumps(asdict(v), ensure_ascii=False, sort_keys=True)
                   for k, v in self.manifest.documents.items()}
        changed = [rid for rid, text in records.items() if self._saved.get(rid) != text]
        for i in range(0, len(changed), CHROMA_BATCH):
            part = changed[i : i + CHROMA_BATCH]
            meta.upsert(ids=part, documents=[records[r] for r in part], embeddings=[NO_VECTOR] * len(part),
                        metadatas=[{"kind": "document"}] * len(part))
        gone = [rid for rid in self._saved if rid not in records]
        for i in range(0, len(gone), CHROMA_BATCH):
            meta.delete(ids=gone[i : i + CHROMA_BATCH])
        self.generation = self.current_generation() + 1
        meta.upsert(ids=[STORE_RECORD], embeddings=[NO_VECTOR], documents=[""],
                    metadatas=[{"kind": "store", "model": self.manifest.model or "", "dim": self.manifest.dim or 0,
                                "generation": self.generation}])
        self._saved = records

    def check_model(self, name: str, dim: int) -> None:
        """Refuse to mix vectors of two models in one index."""
        if self.manifest.model is None or not self.manifest.documents:
            self.manifest.model, self.manifest.dim = name, dim
            return
        if self.manifest.model != name or self.manifest.dim != dim:
            raise StoreError(
                f"the index in {self.path} was built with {self.manifest.model} ({self.manifest.dim} dims), "
                f"not {name} ({dim} dims); re-index into a new store (--store) or set "
                f"{settings_for(self.manifest.model)}"
            )

    # -- the writers' lock
    @contextmanager
    def writing(self, wait_s: float = 600.0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the store for writing: one writer at a time, across processes and machines
        (:class:`rag.writelock.WriteLock`). The manifest is re-read once the lock is held:
        another writer may have changed it. Re-entrant.

        Args:
            wait_s: How long to wait for another writer before giving up.
            on_wait: Called once with a sentence saying who holds the lock.
        """
        if self._lock.held:
            yield
            return
        with self._lock.hold(wait_s, on_wait):
            # Another process may have written since this process opened the embedded store:
            # write through a view that has its records.
            self.reconnect()
            self.reload()
            yield

    # -- chroma
    @property
    def client(self) -> Any:
        """The Chroma client, connected when first used."""
        if self._client is None:
            self._client = connect(self.path, self.url)
        return self._client

    def reconnect(self) -> None:
        """Read an embedded store afresh from here on (:func:`rag.chroma.reopen_embedded`);
        call it when another process may have written. A server store is always current."""
        if self.url or self._client is None:
            return
        reopen_embedded(self._client)
        self._client = None
        self._collections = {}

    def collection(self, name: str = COLLECTION) -> Any:
        """A Chroma collection of the store, opened (and created when missing) once."""
        if name not in self._collections:
            self._collections[name] = open_collection(self.client, name, None if self.url else self.path)
        return self._collections[name]

    def existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), CHROMA_BATCH):
            got = self.collection().get(ids=ids[i : i + CHROMA_BATCH], include=[])
            found.update(got["ids"])
        return found

    def add_chunks(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        self._lock.renew()
        col = self.collection()
        for i in range(0, len(chunks), CHROMA_BATCH):
            batch = chunks[i : i + CHROMA_BATCH]
            col.upsert(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                metadatas=[chunk_metadata(c) for c in batch],
                embeddings=vectors[i : i + CHROMA_BATCH],
            )

    def update_metadata(self, chunks: list[Chunk]) -> None:
        col = self.collection()
        for i in range(0, len(chunks), CHROMA_BATCH):
            batch = chunks[i : i + CHROMA_BATCH]
            col.update(ids=[c.id for c in batch], metadatas=[chunk_metadata(c) for c in batch])

    def add_sentences(self, records: list[SentenceVectors]) -> None:
        self._lock.renew()
        col = self.collection(SENTENCE_COLLECTION)
        for i in range(0, len(records), CHROMA_BATCH):
            batch = records[i : i + CHROMA_BATCH]
            col.upsert(ids=[r.chunk_id for r in batch], metadatas=[r.pack() for r in batch],
                       embeddings=[NO_VECTOR] * len(batch))

    def delete_chunks(self, ids: list[str]) -> None:
        if not ids:
            return
        legacy = self._legacy_sentences()
        for i in range(0, len(ids), CHROMA_BATCH):
            batch = ids[i : i + CHROMA_BATCH]
            self.collection().delete(ids=batch)
            self.collection(SENTENCE_COLLECTION).delete(ids=batch)
            if legacy is not None:
                legacy.delete(where={"chunk_id": {"$in": batch}})

    def all_chunks(self) -> list[Chunk]:
        """Every chunk of the letters in the manifest, in document order. Chunks that no
        manifest record lists (a run still writing, or one that was interrupted) are left out."""
        return self.all_chunks_and_vectors(vectors=False)[0]

    def listed_chunk_count(self) -> int:
        """How many chunks the manifest lists (no read from Chroma)."""
        return sum(len(doc.chunk_ids) for doc in self.manifest.documents.values())

    def all_chunks_and_vectors(self, vectors: bool = True, pack: bool = False) -> tuple[list[Chunk], np.ndarray | None]:
        """As :meth:`all_chunks`, with each chunk's vector (row i belongs to chunk i) when
        ``vectors`` is set, read in the same pass. With ``pack``, each text is compressed as
        it is read (:func:`rag.documents.pack_text`): a reader that keeps every chunk never
        holds all texts uncompressed at once (about 400 MB at 100k chunks)."""
        col = self.collection()
        total = col.count()
        order = {doc_id: i for i, doc_id in enumerate(sorted(self.manifest.documents))}
        position = {cid: i for doc in self.manifest.documents.values() for i, cid in enumerate(doc.chunk_ids)}
        found: list[tuple[Chunk, Any]] = []
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        shared: dict[str, str] = {}
        for offset in range(0, total, 1000):
            got = col.get(include=include, limit=1000, offset=offset)
            vecs = got["embeddings"] if vectors else [None] * len(got["ids"])
            for cid, text, meta, vec in zip(got["ids"], got["documents"], got["metadatas"], vecs):
                if cid in position:
                    chunk = chunk_from_record(cid, text, meta, shared)
                    found.append((pack_text(chunk) if pack else chunk, vec))
        found.sort(key=lambda cv: (order.get(cv[0].doc_id, 1 << 30), position.get(cv[0].id, 0)))
        chunks = [c for c, _ in found]
        if not vectors or not found:  # an empty store has no vectors to hold
            return chunks, None
        matrix = np.asarray([v for _, v in found], dtype=np.float32).reshape(len(found), -1)
        return chunks, matrix

    def delete_orphans(self) -> int:
        """Delete the chunks no manifest record lists (left by an interrupted run); returns how many."""
        listed = {cid for doc in self.manifest.documents.values() for cid in doc.chunk_ids}
        ids: set[str] = set()
        for col in (self.collection(), self.collection(SENTENCE_COLLECTION)):
            for offset in range(0, col.count(), 5000):
                ids.update(col.get(include=[], limit=5000, offset=offset)["ids"])
        orphans = sorted(cid for cid in ids if cid not in listed)
        self.delete_chunks(orphans)
        return len(orphans)

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document, as its manifest record lists them."""
        doc = self.manifest.documents.get(doc_id)
        if doc is None:
            return []
        got = self.collection().get(ids=list(doc.chunk_ids), include=["documents", "metadatas"])
        found = {cid: chunk_from_record(cid, text, meta) for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"])}
        return [found[cid] for cid in doc.chunk_ids if cid in found]

    def sentence_vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[tuple[int, int, np.ndarray]]]:
        """Sentence spans and vectors of the given chunks, by chunk id.

        One record per chunk, fetched by id, kept in a bounded cache: a chunk id is a
        hash of its content, so a cached entry never goes stale."""
        out: dict[str, list[tuple[int, int, np.ndarray]]] = {}
        missing: list[str] = []
        with self._cache_lock:
            for cid in chunk_ids:
                spans = self._sentence_cache.get(cid)
                if spans is None:
                    missing.append(cid)
                else:
                    self._sentence_cache.move_to_end(cid)
                    out[cid] = spans
        if not missing:
            return out
        fetched: dict[str, list[tuple[int, int, np.ndarray]]] = {cid: [] for cid in missing}
        got = self.collection(SENTENCE_COLLECTION).get(ids=missing, include=["metadatas"])
        for meta in got["metadatas"]:
            record = SentenceVectors.unpack(meta)
            fetched[record.chunk_id] = [(a, b, v) for (a, b), v in zip(record.spans, record.vectors)]
        unpacked = [cid for cid in missing if cid not in set(got["ids"])]
        legacy = self._legacy_sentences() if unpacked else None
        if legacy is not None:  # a store written before the sentences were packed, not yet migrated
            for record in _legacy_records(legacy, {"chunk_id": {"$in": unpacked}}).values():
                fetched[record.chunk_id] = [(a, b, v) for (a, b), v in zip(record.spans, record.vectors)]
        with self._cache_lock:
            self._sentence_cache.update(fetched)
            while len(self._sentence_cache) > SENTENCE_CACHE_CHUNKS:
                self._sentence_cache.popitem(last=False)
        out.update(fetched)
        return out

    def _legacy_sentences(self):
        """The per-sentence collection of an older store, or None."""
        if self._legacy is False:
            names = {getattr(c, "name", c) for c in self.client.list_collections()}
            self._legacy = self.client.get_collection(LEGACY_SENTENCE_COLLECTION) if (
                LEGACY_SENTENCE_COLLECTION in names) else None
        return self._legacy

    def migrate_sentences(self) -> int:
        """Pack the sentence vectors of an older store (one record per sentence) into one
        record per chunk, then drop the old collection; returns the chunks migrated.
        Called by writers, under the lock."""
        legacy = self._legacy_sentences()
        if legacy is None:
            return 0
        listed = [cid for doc in self.manifest.documents.values() for cid in doc.chunk_ids]
        have = set()
        col = self.collection(SENTENCE_COLLECTION)
        for i in range(0, len(listed), CHROMA_BATCH):
            have.update(col.get(ids=listed[i : i + CHROMA_BATCH], include=[])["ids"])
        todo = [cid for cid in listed if cid not in have]
        for i in range(0, len(todo), CHROMA_BATCH):
            batch = todo[i : i + CHROMA_BATCH]
            self.add_sentences(list(_legacy_records(legacy, {"chunk_id": {"$in": batch}}).values()))
        self.client.delete_collection(LEGACY_SENTENCE_COLLECTION)
        self._legacy = None
        return len(todo)

    def query_dense(self, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        col = self.collection()
        n = col.count()
        if n == 0:
            return []
        res = col.query(query_embeddings=[vector], n_results=min(k, n), where=where or None, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def rebuild_bm25(self, chunks: list[Chunk], generation: int | None = None) -> None:
        """Rebuild the caches derived from the chunks: BM25 and the abbreviations the letters
        define, as of ``generation`` (the store's when None).

        A writer builds them for the generation its :meth:`save_manifest` is about to make
        (:meth:`publish`), so a reader that sees the new generation finds them ready."""
        generation = self.generation if generation is None else generation
        self.bm25.build([c.id for c in chunks], [keyword_text(c) for c in chunks], generation,
                        replace=generation != self.generation)
        write_json_atomic(self.path / ABBREVIATIONS, {"generation": generation,
                                                        "abbreviations": collect_definitions(searchable_text(c) for c in chunks)})

    def publish(self) -> None:
        """Make the manifest in memory the store's: its keyword caches first, then the
        manifest and the new generation. Hold :meth:`writing`. Chunks it no longer lists
        are left for the caller to delete."""
        self.rebuild_bm25(self.all_chunks(), generation=self.current_generation() + 1)
        self.save_manifest()

    def abbreviations(self, chunks: list[Chunk]) -> dict[str, str]:
        """Short form -> long form, as the indexed letters define them (rebuilt when missing or stale)."""
        file = self.path / ABBREVIATIONS
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if data.get("generation") == self.generation:
                return data["abbreviations"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass
        found = collect_definitions(searchable_text(c) for c in chunks)
        write_json_atomic(file, {"generation": self.generation, "abbreviations": found})
        return found


def _legacy_records(col: Any, where: dict[str, Any]) -> dict[str, SentenceVectors]:
    """Per-chunk records from the older one-record-per-sentence collection."""
    got = col.get(where=where, include=["metadatas", "embeddings"])
    rows: dict[str, list[tuple[int, int, np.ndarray, str]]] = {}
    for meta, vec in zip(got["metadatas"], got["embeddings"]):
        rows.setdefault(meta["chunk_id"], []).append((int(meta["start"]), int(meta["end"]),
                                                      np.asarray(vec, dtype=np.float32), meta.get("doc_id", "")))
    out = {}
    for cid, found in rows.items():
        found.sort(key=lambda r: r[0])
        out[cid] = SentenceVectors(cid, found[0][3], [(a, b) for a, b, _, _ in found], np.stack([r[2] for r in found]))
    return out
