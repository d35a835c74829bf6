"""The bundled letters' vectors, kept with the tests so a test run does not embed them again.

Every test session starts with an empty vector cache (``tests/conftest.py``). Embedding
the 17 bundled letters' chunks and sentences with EmbeddingGemma takes ~6 (bfloat16) to
~14 (float32) of CI's 30 minutes on a 2-core machine, and the same vectors come out every
time. The session's cache is therefore filled from ``tests/fixtures/letter-vectors.npz``
before the first test: the vectors `rag index` computes for those texts, by the same
content keys (:func:`rag.vectorcache.text_key`), chunks in float32 and sentences in
float16 (the store keeps sentences in float16 anyway). The file holds them for both
precisions the model runs at by default (:func:`rag.embed.default_precision`): float32,
and bfloat16 on a CPU that computes it natively; the two differ, so each is kept. Only a
cache of a setting the file holds is filled; any text the file lacks (a letter whose
chunking changed) is embedded as before, and everything else in the tests (fixtures,
excerpts, uploads) is embedded cold.

Rebuild after a change to parsing or chunking (``tests/test_letter_vectors.py`` fails until
then); a rebuild embeds only the texts the file lacks. After a change to the model (weights,
pooling, truncation) under the same setting name, delete the file first, or it keeps the old
vectors::

    .venv/bin/python -m tests.letter_vectors
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "data" / "letters"
VECTOR_FILE = ROOT / "tests" / "fixtures" / "letter-vectors.npz"


def letter_texts() -> tuple[list[str], list[str]]:
    """What the indexer embeds of the bundled letters (:func:`rag.index.embedded_texts`):
    each chunk's searchable text, and every sentence of every chunk."""
    from rag.chunk import chunk_letter
    from rag.index import collect_files, embedded_texts
    from rag.parse import ParseError, parse_file

    chunks, sentences = [], []
    for path in collect_files([LETTERS])[0]:
        try:
            letter = parse_file(path)
        except ParseError:  # as the indexer: a letter that cannot be read is left out
            continue
        for chunk in chunk_letter(letter):
            text, found = embedded_texts(chunk)
            chunks.append(text)
            sentences.extend(s.text for s in found)
    return chunks, sentences


def current_setting() -> str:
    """The vector cache setting the tests' embedder will use, without loading it."""
    from rag.embed import cache_setting, configured_model, precision_for

    model = configured_model()
    return cache_setting(model, precision_for(model), int(os.environ.get("RAG_EMBED_DIM") or 768))


PRECISIONS = ("fp32", "bf16")  # what rag.embed.default_precision picks, by CPU


def settings() -> dict[str, str]:
    """The model settings the file holds vectors of, each to its precision."""
    data = np.load(VECTOR_FILE)
    return {str(setting): p for p in PRECISIONS if f"{p}_setting" in data for setting in [data[f"{p}_setting"]]}


def held_vectors(setting: str) -> dict[str, np.ndarray]:
    """The file's vectors of one model setting (none when it lacks it), by content key."""
    data = np.load(VECTOR_FILE)
    precision = settings().get(setting)
    if precision is None:
        return {}
    vectors = {}
    for kind in ("chunk", "sentence"):
        keys, rows = data[f"{kind}_keys"], data[f"{precision}_{kind}_vectors"].astype(np.float32)
        vectors.update({bytes(k).hex(): v for k, v in zip(keys, rows)})
    return vectors


def seed_cache() -> int:
    """Fill the vector cache (``RAG_VECTOR_CACHE``) from the file; returns the vectors
    written (0 when the file lacks this model setting or the cache is off)."""
    from rag.vectorcache import VectorCache

    if not VECTOR_FILE.exists():
        return 0
    setting = current_setting()
    vectors = held_vectors(setting)
    if not vectors:
        return 0
    cache = VectorCache.for_model(setting, len(next(iter(vectors.values()))))
    if cache is None:
        return 0
    cache.put(vectors)
    return len(vectors)


def _vectors(emb, texts: list[str], held: dict[str, np.ndarray]) -> np.ndarray:
    """Vectors of ``texts``: the file's where it holds them, else the model's."""
    from rag.vectorcache import text_key

    keys = [text_key(emb.passage_prompt, t) for t in texts]
    todo = {k: t for k, t in zip(keys, texts) if k not in held}
    fresh = emb.embed_passages(list(todo.values()), progress=True, remember=True) if todo else []
    known = {**held, **dict(zip(todo, fresh))}
    return np.stack([known[k] for k in keys])


def build() -> None:
    """Write the file: the vectors it already holds for texts still embedded, the model's
    (through the user's vector cache when it holds them) for the rest, at both default
    precisions whatever this CPU would choose (bfloat16 without native support is emulated
    and slow; its vectors agree with native ones to ~1e-4)."""
    from rag.embed import GEMMA_MODEL, Embedder
    from rag.vectorcache import text_key

    chunks, sentences = letter_texts()
    sentences = list(dict.fromkeys(sentences))
    chunks = list(dict.fromkeys(chunks))
    out: dict[str, np.ndarray] = {}
    for precision in PRECISIONS:
        emb = Embedder(GEMMA_MODEL, precision=precision)
        # Only texts the file lacks are embedded: emulated bfloat16 takes ~40 minutes for all.
        held = held_vectors(emb.cache_setting) if VECTOR_FILE.exists() else {}
        out[f"{precision}_setting"] = np.array(emb.cache_setting)
        out[f"{precision}_chunk_vectors"] = _vectors(emb, chunks, held).astype(np.float32)
        out[f"{precision}_sentence_vectors"] = _vectors(emb, sentences, held).astype(np.float16)

    def keys(texts: list[str]) -> np.ndarray:
        # Bytes as uint8 rows: numpy's "S" strings would drop a digest's trailing zero bytes.
        return np.array([list(bytes.fromhex(text_key(emb.passage_prompt, t))) for t in texts], dtype=np.uint8)

    np.savez(VECTOR_FILE, chunk_keys=keys(chunks), sentence_keys=keys(sentences), **out)
    print(f"{VECTOR_FILE}: {len(chunks)} chunks and {len(sentences)} sentences of {', '.join(settings())}")


if __name__ == "__main__":
    build()
