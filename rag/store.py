"""Where indexed chunks live. Chroma is the one source of truth: a collection of chunk
vectors and metadata, one with each chunk's sentence vectors (packed in one record per
chunk, fetched by chunk id and cached), and a small one (``kamerbrieven_beheer``)
with the manifest (one record per letter), the store's model and generation, and the
writers' lock. The BM25 index and the abbreviation list are caches in the store folder,
rebuilt from Chroma whenever the generation they were built at is not Chroma's.

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
    >>> sorted(store.manifest.documents)[:1]
    ['kst-29515-496']
"""

from __future__ import annotations

import base64
import json
import os
import socket
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from rag.documents import Chunk
from rag.embed import settings_for
from rag.language import WORD_RE

COLLECTION = "kamerbrieven"
# One record per chunk: its sentences' spans and vectors, packed. Sentences are never
# searched by vector, only fetched with their chunk, so they need no vector index of their
# own (which Chroma would build, and load whole into memory to return a single vector).
SENTENCE_COLLECTION = "kamerbrieven_zinvectoren"
# Before: one record per sentence, its vector indexed. Read as a fallback; migrated by the next write.
LEGACY_SENTENCE_COLLECTION = "kamerbrieven_zinnen"
# The manifest, the store's model and generation, and the writers' lock.
META_COLLECTION = "kamerbrieven_beheer"
STORE_RECORD = "__store__"
LOCK_RECORD = "__lock__"
DOC_PREFIX = "doc:"
# Records of the meta collection carry no meaning in their vector; Chroma wants one.
_NO_VECTOR = [1.0]
# A store folder from before the manifest moved into Chroma; read once and migrated.
LEGACY_MANIFEST = "manifest.json"
ABBREVIATIONS = "abbreviations.json"
GENERATION_FILE = "generation"
CHROMA_BATCH = 256
# Chunks whose sentence vectors are kept in memory (about 10 sentences x 3 kB each).
SENTENCE_CACHE_CHUNKS = int(os.environ.get("RAG_SENTENCE_CACHE", "4096"))
# How long a writer's lock holds without renewal: a writer killed outright frees it after this.
LOCK_LEASE_S = float(os.environ.get("RAG_LOCK_LEASE_S", "120"))


class StoreError(Exception):
    """The store cannot be used as asked (another model, unreachable server, ...)."""


@dataclass
class DocRecord:
    """One indexed document in the manifest."""

    doc_id: str
    title: str
    kind: str
    date: str | None
    council: str | None
    meeting_date: str | None
    dossier: str | None
    paths: list[str]
    file_sha256: dict[str, str]
    text_sha256: str
    chunk_ids: list[str]
    indexed_at: str
    model: str
    page_count: int = 0
    warnings: list[str] = field(default_factory=list)
    # Which chunk metadata the record's chunks carry (rag.chunk.CHUNK_SCHEMA); records
    # written before the field existed are schema 1, and are refreshed on the next run.
    chunk_schema: int = 1


@dataclass
class Manifest:
    """What is in the index, and with which model."""

    model: str | None = None
    dim: int | None = None
    documents: dict[str, DocRecord] = field(default_factory=dict)

    def doc_for_path(self, path: str) -> DocRecord | None:
        for doc in self.documents.values():
            if path in doc.paths:
                return doc
        return None

    def doc_for_file_hash(self, sha: str) -> DocRecord | None:
        for doc in self.documents.values():
            if sha in doc.file_sha256.values():
                return doc
        return None


@dataclass
class SentenceVectors:
    """The sentences of one chunk: where each stands in the chunk's text, and its vector."""

    chunk_id: str
    doc_id: str
    spans: list[tuple[int, int]]
    vectors: np.ndarray  # (len(spans), dim), float32

    def pack(self) -> dict[str, Any]:
        """As Chroma metadata: the spans (JSON) and the vectors (base64 of float32). In
        metadata, not the document: Chroma full-text indexes documents, which makes
        writing 40 kB of base64 per chunk 25 times slower."""
        data = base64.b64encode(np.ascontiguousarray(self.vectors, dtype="<f4").tobytes()).decode("ascii")
        return {"chunk_id": self.chunk_id, "doc_id": self.doc_id, "spans": json.dumps(self.spans), "vectors": data}

    @classmethod
    def unpack(cls, meta: dict[str, Any]) -> SentenceVectors:
        spans = [(int(a), int(b)) for a, b in json.loads(meta["spans"])]
        flat = np.frombuffer(base64.b64decode(meta["vectors"]), dtype="<f4")
        vectors = flat.reshape(len(spans), -1) if spans else np.zeros((0, 0), dtype=np.float32)
        return cls(meta["chunk_id"], meta["doc_id"], spans, vectors.astype(np.float32))


# ----------------------------------------------------------------------- metadata


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    """Chroma metadata for a chunk: no None values, plus an integer date for ranges."""
    meta = {k: v for k, v in asdict(chunk).items() if k not in ("id", "text") and v is not None}
    if chunk.date:
        meta["date_int"] = int(chunk.date.replace("-", ""))
    return meta


_CHUNK_FIELDS = {f.name for f in fields(Chunk)}


def chunk_from_record(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    values = {name: meta.get(name) for name in _CHUNK_FIELDS if name not in ("id", "text")}
    return Chunk(id=chunk_id, text=text, **values)


# ----------------------------------------------------------------------- BM25



class DutchAnalyzer:
    """Lower-case, split, drop Dutch stop words, Snowball-stem."""

    def __init__(self) -> None:
        import Stemmer
        from bm25s.stopwords import STOPWORDS_DUTCH

        self.stemmer = Stemmer.Stemmer("dutch")
        self.stopwords = set(STOPWORDS_DUTCH)

    def __call__(self, text: str) -> list[str]:
        words = []
        for w in WORD_RE.findall(text.lower()):
            for part in w.split("-"):
                if len(part) > 1 and part not in self.stopwords:
                    words.append(part)
        return self.stemmer.stemWords(words)


class BM25Index:
    """Keyword index over chunk texts, kept beside the vector store."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.analyzer = DutchAnalyzer()
        self.ids: list[str] = []
        self.generation = -1
        self._bm25 = None

    def build(self, ids: list[str], texts: list[str], generation: int = 0) -> None:
        """Build the index and save it as the cache of ``generation``.

        Saved into a folder of its own and then pointed to (``current.json``, replaced
        atomically), so a reader in another process never loads a half-written index."""
        import shutil

        import bm25s

        self.ids = list(ids)
        self._bm25 = bm25s.BM25()
        if ids:
            self._bm25.index([self.analyzer(t) or ["_"] for t in texts], show_progress=False)
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"g{generation}"
        if not target.exists():
            work = Path(tempfile.mkdtemp(dir=self.folder, prefix=".build-"))
            if ids:
                self._bm25.save(str(work))
            (work / "ids.json").write_text(json.dumps(self.ids))
            try:
                os.rename(work, target)
            except OSError:  # another process saved this generation first: theirs is the same
                shutil.rmtree(work, ignore_errors=True)
        _write_json_atomic(self.folder / "current.json", {"generation": generation, "folder": target.name})
        self.generation = generation
        for old in self.folder.glob("g*"):
            if old != target and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)

    def load(self, generation: int | None = None) -> bool:
        """Load the cache; False when it is missing, unreadable or of another generation."""
        import bm25s

        try:
            current = json.loads((self.folder / "current.json").read_text())
            if generation is not None and current.get("generation") != generation:
                return False
            folder = self.folder / current["folder"]
            ids = json.loads((folder / "ids.json").read_text())
            model = bm25s.BM25.load(str(folder)) if ids else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False
        self.ids, self._bm25, self.generation = ids, model, current.get("generation", 0)
        return True

    def doc_freqs(self) -> dict[str, int]:
        """How many chunks hold each stemmed word."""
        if self._bm25 is None or not self.ids:
            return {}
        counts = np.diff(self._bm25.scores["indptr"])
        return {token: int(counts[i]) for token, i in self._bm25.vocab_dict.items() if token and token != "_"}

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed chunk for ``query`` (in ``self.ids`` order)."""
        tokens = self.analyzer(query)
        if self._bm25 is None or not self.ids or not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        known = [t for t in tokens if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)


# ----------------------------------------------------------------------- store


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
        self._lock_token: str | None = None
        self._lock_renewed = 0.0
        self.bm25 = BM25Index(self.path / "bm25")
        self.manifest = Manifest()
        self._saved: dict[str, str] = {}
        self.generation = 0
        self._sentence_cache: OrderedDict[str, list[tuple[int, int, np.ndarray]]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._legacy: Any = False  # not looked for yet
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
            meta.upsert(ids=part, documents=[records[r] for r in part], embeddings=[_NO_VECTOR] * len(part),
                        metadatas=[{"kind": "document"}] * len(part))
        gone = [rid for rid in self._saved if rid not in records]
        for i in range(0, len(gone), CHROMA_BATCH):
            meta.delete(ids=gone[i : i + CHROMA_BATCH])
        self.generation = self.current_generation() + 1
        meta.upsert(ids=[STORE_RECORD], embeddings=[_NO_VECTOR], documents=[""],
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
        """Hold the store for writing: one writer at a time, across processes and machines.

        The lock is a record in Chroma, added only if absent (Chroma keeps the first of two
        adds of one id), so it works on a shared server as well as embedded. It is a lease
        that writes renew; a writer killed outright frees it after ``RAG_LOCK_LEASE_S``, or
        at once when it ran on this machine. The manifest is re-read once the lock is held:
        another writer may have changed it.

        Args:
            wait_s: How long to wait for another writer before giving up.
            on_wait: Called once with a sentence saying who holds the lock.
        """
        if self._lock_token is not None:  # already ours (re-entrant)
            yield
            return
        meta = self.collection(META_COLLECTION)
        token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            now = time.time()
            meta.add(ids=[LOCK_RECORD], embeddings=[_NO_VECTOR], documents=[""],
                     metadatas=[{"kind": "lock", "owner": token, "since": now, "expires": now + LOCK_LEASE_S}])
            got = meta.get(ids=[LOCK_RECORD], include=["metadatas"])
            held = got["metadatas"][0] if got["ids"] else None
            if held and held.get("owner") == token:
                break
            if held and (held.get("expires", 0) < now or _dead_here(held.get("owner", ""))):
                meta.delete(ids=[LOCK_RECORD], where={"owner": held["owner"]})
                continue
            if time.monotonic() > deadline:
                raise StoreError(f"another writer ({_who(held)}) is still indexing into this store; try again later")
            if on_wait and not told:
                on_wait(f"wacht op een andere schrijver ({_who(held)})…")
                told = True
            time.sleep(0.25)
        self._lock_token, self._lock_renewed = token, time.monotonic()
        try:
            self.reload()
            yield
        finally:
            self._lock_token = None
            meta.delete(ids=[LOCK_RECORD], where={"owner": token})

    def _renew_lock(self) -> None:
        """Extend the lease during long writes (called by every write)."""
        if self._lock_token is None or time.monotonic() - self._lock_renewed < LOCK_LEASE_S / 4:
            return
        now = time.time()
        meta = self.collection(META_COLLECTION)
        got = meta.get(ids=[LOCK_RECORD], include=["metadatas"])
        if not got["ids"] or got["metadatas"][0].get("owner") != self._lock_token:
            raise StoreError("the store's write lock was lost (this writer stalled past its lease); re-run the index")
        meta.update(ids=[LOCK_RECORD], metadatas=[{**got["metadatas"][0], "expires": now + LOCK_LEASE_S}])
        self._lock_renewed = time.monotonic()

    # -- chroma
    @property
    def client(self):
        if self._client is None:
            import chromadb
            from chromadb.config import Settings

            settings = Settings(anonymized_telemetry=False)
            if self.url:
                parts = urlsplit(self.url)
                if not parts.hostname:
                    raise StoreError(f"RAG_CHROMA_URL {self.url!r} is not a URL like http://127.0.0.1:8000")
                try:
                    self._client = chromadb.HttpClient(
                        host=parts.hostname,
                        port=parts.port or (443 if parts.scheme == "https" else 8000),
                        ssl=parts.scheme == "https",
                        settings=settings,
                    )
                except Exception as exc:  # noqa: BLE001 - connection errors come in many types
                    raise StoreError(f"cannot reach the Chroma server at {self.url}: {exc}") from exc
            else:
                with self._opening():
                    self._client = chromadb.PersistentClient(path=str(self.path / "chroma"), settings=settings)
        return self._client

    @contextmanager
    def _opening(self) -> Iterator[None]:
        """Serialise creating the embedded store's tables and collections across processes.

        Two processes opening a new store at once both run Chroma's schema migrations,
        and the slower one fails ("table collections already exists"). A file lock held
        for the few milliseconds of opening makes the second wait and then find the tables.
        """
        if self.url:
            yield
            return
        try:
            import fcntl
        except ImportError:  # not POSIX: no cross-process guard, as before
            yield
            return
        with open(self.path / "chroma.open.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def collection(self, name: str = COLLECTION):
        if name not in self._collections:
            # Vectors are always computed by us and passed in; we never let Chroma
            # embed (its default model would try to download English weights).
            client = self.client
            with self._opening():
                self._collections[name] = client.get_or_create_collection(
                    name=name, embedding_function=None, metadata={"hnsw:space": "cosine"}
                )
        return self._collections[name]

    def existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), CHROMA_BATCH):
            got = self.collection().get(ids=ids[i : i + CHROMA_BATCH], include=[])
            found.update(got["ids"])
        return found

    def add_chunks(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        self._renew_lock()
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
        self._renew_lock()
        col = self.collection(SENTENCE_COLLECTION)
        for i in range(0, len(records), CHROMA_BATCH):
            batch = records[i : i + CHROMA_BATCH]
            col.upsert(ids=[r.chunk_id for r in batch], metadatas=[r.pack() for r in batch],
                       embeddings=[_NO_VECTOR] * len(batch))

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

    def all_chunks_and_vectors(self, vectors: bool = True) -> tuple[list[Chunk], np.ndarray | None]:
        """As :meth:`all_chunks`, with each chunk's vector (row i belongs to chunk i) when
        ``vectors`` is set, read in the same pass."""
        col = self.collection()
        total = col.count()
        order = {doc_id: i for i, doc_id in enumerate(sorted(self.manifest.documents))}
        position = {cid: i for doc in self.manifest.documents.values() for i, cid in enumerate(doc.chunk_ids)}
        found: list[tuple[Chunk, Any]] = []
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        for offset in range(0, total, 1000):
            got = col.get(include=include, limit=1000, offset=offset)
            vecs = got["embeddings"] if vectors else [None] * len(got["ids"])
            for cid, text, meta, vec in zip(got["ids"], got["documents"], got["metadatas"], vecs):
                if cid in position:
                    found.append((chunk_from_record(cid, text, meta), vec))
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

    def rebuild_bm25(self, chunks: list[Chunk]) -> None:
        """Rebuild the caches derived from the chunks, at the store's generation: BM25 and
        the abbreviations the letters define."""
        from rag.expand import collect_definitions

        texts = [searchable_text(c) for c in chunks]
        self.bm25.build([c.id for c in chunks], texts, self.generation)
        _write_json_atomic(self.path / ABBREVIATIONS, {"generation": self.generation,
                                                        "abbreviations": collect_definitions(texts)})

    def abbreviations(self, chunks: list[Chunk]) -> dict[str, str]:
        """Short form -> long form, as the indexed letters define them (rebuilt when missing or stale)."""
        from rag.expand import collect_definitions

        file = self.path / ABBREVIATIONS
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if data.get("generation") == self.generation:
                return data["abbreviations"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass
        found = collect_definitions([searchable_text(c) for c in chunks])
        _write_json_atomic(file, {"generation": self.generation, "abbreviations": found})
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


def _who(held: dict[str, Any] | None) -> str:
    if not held:
        return "onbekend"
    host, pid = (held.get("owner", "?").split(":") + ["?"])[:2]
    since = time.strftime("%H:%M:%S", time.localtime(held.get("since", 0)))
    return f"proces {pid} op {host}, sinds {since}"


def _dead_here(owner: str) -> bool:
    """Whether the lock's owner ran on this machine and its process is gone."""
    parts = owner.split(":")
    if len(parts) < 2 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _write_json_atomic(path: Path, data: object) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def searchable_text(chunk: Chunk) -> str:
    """What gets embedded and keyword-indexed: the item's heading, then its text."""
    head = chunk.heading
    if chunk.item_type:
        head = f"{head} ({chunk.item_type})"
    return f"{head}\n{chunk.text}" if head else chunk.text
