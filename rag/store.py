"""Where indexed chunks live: a Chroma collection (vectors and metadata), a second
collection of sentence vectors, a BM25 index and a manifest of indexed documents.

By default Chroma runs embedded (``PersistentClient``) in ``<store>/chroma``;
``RAG_CHROMA_URL`` points it at a Chroma server instead. The manifest and the BM25
index always live in the store folder (``index/`` unless ``--store`` or ``RAG_STORE``).

Example:
    >>> from rag.store import Store
    >>> store = Store("index")
    >>> sorted(store.manifest.documents)[:1]
    ['kst-29515-496']
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from rag.documents import Chunk
from rag.embed import settings_for

COLLECTION = "kamerbrieven"
SENTENCE_COLLECTION = "kamerbrieven_zinnen"
MANIFEST = "manifest.json"
ABBREVIATIONS = "abbreviations.json"
CHROMA_BATCH = 256


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

_WORD_RE = re.compile(r"[0-9a-zà-ÿ]+(?:[-'][0-9a-zà-ÿ]+)*")


class DutchAnalyzer:
    """Lower-case, split, drop Dutch stop words, Snowball-stem."""

    def __init__(self) -> None:
        import Stemmer
        from bm25s.stopwords import STOPWORDS_DUTCH

        self.stemmer = Stemmer.Stemmer("dutch")
        self.stopwords = set(STOPWORDS_DUTCH)

    def __call__(self, text: str) -> list[str]:
        words = []
        for w in _WORD_RE.findall(text.lower()):
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
        self._bm25 = None

    def build(self, ids: list[str], texts: list[str]) -> None:
        import bm25s

        self.ids = list(ids)
        self._bm25 = bm25s.BM25()
        if ids:
            self._bm25.index([self.analyzer(t) or ["_"] for t in texts], show_progress=False)
        self.folder.mkdir(parents=True, exist_ok=True)
        if ids:
            self._bm25.save(str(self.folder))
        (self.folder / "ids.json").write_text(json.dumps(self.ids))

    def load(self) -> bool:
        import bm25s

        ids_file = self.folder / "ids.json"
        if not ids_file.exists():
            return False
        self.ids = json.loads(ids_file.read_text())
        self._bm25 = bm25s.BM25.load(str(self.folder)) if self.ids else None
        return True

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
        self.manifest = self._load_manifest()
        self.bm25 = BM25Index(self.path / "bm25")
        self._client = None
        self._collections: dict[str, Any] = {}

    # -- manifest
    def _load_manifest(self) -> Manifest:
        file = self.path / MANIFEST
        if not file.exists():
            return Manifest()
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise StoreError(f"{file}: manifest is unreadable ({exc}); remove the store and re-index") from exc
        docs = {k: DocRecord(**v) for k, v in data.get("documents", {}).items()}
        return Manifest(model=data.get("model"), dim=data.get("dim"), documents=docs)

    def save_manifest(self) -> None:
        data = {
            "model": self.manifest.model,
            "dim": self.manifest.dim,
            "documents": {k: asdict(v) for k, v in sorted(self.manifest.documents.items())},
        }
        # Written beside and renamed, so an interrupted run never leaves a broken manifest.
        _write_json_atomic(self.path / MANIFEST, data)

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
                self._client = chromadb.PersistentClient(path=str(self.path / "chroma"), settings=settings)
        return self._client

    def collection(self, name: str = COLLECTION):
        if name not in self._collections:
            # Vectors are always computed by us and passed in; we never let Chroma
            # embed (its default model would try to download English weights).
            self._collections[name] = self.client.get_or_create_collection(
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

    def add_sentences(self, ids: list[str], texts: list[str], metas: list[dict[str, Any]], vectors: np.ndarray) -> None:
        col = self.collection(SENTENCE_COLLECTION)
        for i in range(0, len(ids), CHROMA_BATCH):
            col.upsert(
                ids=ids[i : i + CHROMA_BATCH],
                documents=texts[i : i + CHROMA_BATCH],
                metadatas=metas[i : i + CHROMA_BATCH],
                embeddings=vectors[i : i + CHROMA_BATCH],
            )

    def delete_chunks(self, ids: list[str]) -> None:
        if not ids:
            return
        for i in range(0, len(ids), CHROMA_BATCH):
            batch = ids[i : i + CHROMA_BATCH]
            self.collection().delete(ids=batch)
            self.collection(SENTENCE_COLLECTION).delete(where={"chunk_id": {"$in": batch}})

    def all_chunks(self) -> list[Chunk]:
        """Every chunk in the store, in document order."""
        col = self.collection()
        total = col.count()
        chunks: list[Chunk] = []
        for offset in range(0, total, 1000):
            got = col.get(include=["documents", "metadatas"], limit=1000, offset=offset)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                chunks.append(chunk_from_record(cid, text, meta))
        order = {doc_id: i for i, doc_id in enumerate(sorted(self.manifest.documents))}
        position = {cid: i for doc in self.manifest.documents.values() for i, cid in enumerate(doc.chunk_ids)}
        chunks.sort(key=lambda c: (order.get(c.doc_id, 1 << 30), position.get(c.id, 0)))
        return chunks

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document."""
        got = self.collection().get(where={"doc_id": doc_id}, include=["documents", "metadatas"])
        return [chunk_from_record(cid, text, meta) for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"])]

    def sentence_vectors(self, chunk_ids: list[str]) -> dict[str, list[tuple[int, int, np.ndarray]]]:
        """Sentence spans and vectors of the given chunks."""
        out: dict[str, list[tuple[int, int, np.ndarray]]] = {cid: [] for cid in chunk_ids}
        if not chunk_ids:
            return out
        got = self.collection(SENTENCE_COLLECTION).get(
            where={"chunk_id": {"$in": list(chunk_ids)}}, include=["metadatas", "embeddings"]
        )
        for meta, vec in zip(got["metadatas"], got["embeddings"]):
            out[meta["chunk_id"]].append((int(meta["start"]), int(meta["end"]), np.asarray(vec, dtype=np.float32)))
        for spans in out.values():
            spans.sort(key=lambda s: s[0])
        return out

    def query_dense(self, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        col = self.collection()
        n = col.count()
        if n == 0:
            return []
        res = col.query(query_embeddings=[vector], n_results=min(k, n), where=where or None, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def rebuild_bm25(self, chunks: list[Chunk]) -> None:
        """Rebuild the caches derived from the chunks: BM25 and the abbreviations the
        letters define."""
        from rag.expand import collect_definitions

        texts = [searchable_text(c) for c in chunks]
        self.bm25.build([c.id for c in chunks], texts)
        _write_json_atomic(self.path / ABBREVIATIONS, collect_definitions(texts))

    def abbreviations(self, chunks: list[Chunk]) -> dict[str, str]:
        """Short form -> long form, as the indexed letters define them (rebuilt when missing)."""
        from rag.expand import collect_definitions

        file = self.path / ABBREVIATIONS
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = collect_definitions([searchable_text(c) for c in chunks])
            _write_json_atomic(file, found)
            return found


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
