"""What the store keeps, record by record: a letter's manifest record, the manifest,
one chunk's sentence vectors (packed into Chroma metadata), and a chunk's Chroma
metadata. :mod:`rag.store` reads and writes them.

Example:
    >>> from rag.records import SentenceVectors
    >>> import numpy as np
    >>> record = SentenceVectors("c1", "kst-1", [(0, 12)], np.ones((1, 3), dtype=np.float32))
    >>> SentenceVectors.unpack(record.pack()).spans
    [(0, 12)]
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np

from rag.documents import Chunk


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
        """The document indexed from ``path``, if any."""
        for doc in self.documents.values():
            if path in doc.paths:
                return doc
        return None

    def doc_for_file_hash(self, sha: str) -> DocRecord | None:
        """The document read from a file with these bytes, if any."""
        for doc in self.documents.values():
            if sha in doc.file_sha256.values():
                return doc
        return None


# The metadata key of float16 sentence vectors (``vectors`` held float32 before).
VECTORS_F16 = "vectors_f16"


@dataclass
class SentenceVectors:
    """The sentences of one chunk: where each stands in the chunk's text, and its vector."""

    chunk_id: str
    doc_id: str
    spans: list[tuple[int, int]]
    vectors: np.ndarray  # (len(spans), dim), float32

    def pack(self) -> dict[str, Any]:
        """As Chroma metadata: the spans (JSON) and the vectors (base64). In metadata, not
        the document: Chroma full-text indexes documents, which makes writing 40 kB of
        base64 per chunk 25 times slower.

        Vectors are stored as float16: they are unit vectors from a model that computes in
        bfloat16 (or at most float32), and a cosine read back moves by < 3e-4, less than
        bfloat16 and float32 runs of the model differ. The record is then half the size:
        this collection is most of a store's bytes, written and read with every chunk.
        They go under a key of their own, so the key says how to read the bytes: Chroma's
        upsert merges metadata, so a type kept beside the data could outlive the data it
        described. (Chunk ids hash the chunk's text, so any vectors under one id agree.)
        """
        data = base64.b64encode(np.ascontiguousarray(self.vectors, dtype="<f2").tobytes()).decode("ascii")
        return {"chunk_id": self.chunk_id, "doc_id": self.doc_id, "spans": json.dumps(self.spans), VECTORS_F16: data}

    @classmethod
    def unpack(cls, meta: dict[str, Any]) -> SentenceVectors:
        """The record :meth:`pack` made (records written before float16 hold float32 under ``vectors``)."""
        spans = [(int(a), int(b)) for a, b in json.loads(meta["spans"])]
        if meta.get(VECTORS_F16) is not None:
            flat = np.frombuffer(base64.b64decode(meta[VECTORS_F16]), dtype="<f2")
        else:
            flat = np.frombuffer(base64.b64decode(meta["vectors"]), dtype="<f4")
        vectors = flat.reshape(len(spans), -1) if spans else np.zeros((0, 0), dtype=np.float32)
        return cls(meta["chunk_id"], meta["doc_id"], spans, vectors.astype(np.float32))


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    """Chroma metadata for a chunk: no None values, plus an integer date for ranges."""
    meta = {k: v for k, v in asdict(chunk).items() if k not in ("id", "text") and v is not None}
    if chunk.date:
        meta["date_int"] = int(chunk.date.replace("-", ""))
    return meta


_CHUNK_FIELDS = {f.name for f in fields(Chunk)}


def chunk_from_record(chunk_id: str, text: str, meta: dict[str, Any],
                      shared: dict[str, str] | None = None) -> Chunk:
    """The chunk a Chroma record holds (its id, document and :func:`chunk_metadata`).

    ``shared`` (the same dict for every record read in one pass) makes chunks of one
    letter share one copy of each metadata string (title, senders, ...) instead of a
    copy per chunk."""
    values = {name: meta.get(name) for name in _CHUNK_FIELDS if name not in ("id", "text")}
    if shared is not None:
        values = {k: shared.setdefault(v, v) if isinstance(v, str) else v for k, v in values.items()}
    return Chunk(id=chunk_id, text=text, **values)
