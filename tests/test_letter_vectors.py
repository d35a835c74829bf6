"""The bundled letters' vectors kept with the tests (tests/letter_vectors.py) are current and the model's."""

from __future__ import annotations

import os

import numpy as np
import pytest

from rag.embed import GEMMA_MODEL
from rag.vectorcache import text_key
from tests.letter_vectors import VECTOR_FILE, current_setting, held_vectors, letter_texts, settings


def _keys(rows: np.ndarray) -> list[str]:
    return [bytes(r).hex() for r in rows]


@pytest.fixture(scope="module")
def texts() -> tuple[list[str], list[str]]:
    return letter_texts()


def test_the_file_holds_every_text_the_indexer_embeds_of_the_bundled_letters(embedder, texts):
    data = np.load(VECTOR_FILE)
    chunks, sentences = texts
    held = set(_keys(data["chunk_keys"])) | set(_keys(data["sentence_keys"]))
    missing = [t for t in chunks + sentences if text_key(embedder.passage_prompt, t) not in held]
    assert not missing, (f"{len(missing)} texts of data/letters are not in {VECTOR_FILE.name} "
                         f"(first: {missing[0][:60]!r}); rebuild it: python -m tests.letter_vectors")


def test_the_file_holds_the_models_own_vectors(embedder, texts):
    held = held_vectors(embedder.cache_setting)
    if not held:  # RAG_EMBED_PRECISION=int8, RAG_EMBED_DIM=256, another model: nothing is seeded
        pytest.skip(f"the tests run {embedder.cache_setting}, which the file does not hold")
    chunks, sentences = texts
    sample = chunks[::97] + sentences[::811]  # across letters, both kinds
    fresh = embedder.embed_passages(sample)  # the model itself, not the cache
    kept = np.stack([held[text_key(embedder.passage_prompt, t)] for t in sample])
    cosines = np.sum(fresh * kept, axis=1) / np.linalg.norm(kept, axis=1)
    assert len(sample) >= 10
    # Not equal: a bfloat16 vector moves by ~1e-4 with the batch it was embedded in, and
    # sentences are kept in float16. A stale or wrong vector is far below this.
    assert cosines.min() > 0.999, cosines


def test_the_file_holds_both_default_precisions_and_the_tests_one(embedder):
    # Else seeding silently never applies and a CI run embeds the letters again (it did,
    # for a while, on a CPU with bfloat16: ~6 minutes of each run).
    assert set(settings()) == {f"{GEMMA_MODEL}-fp32-768", f"{GEMMA_MODEL}-bf16-768"}
    assert current_setting() == embedder.cache_setting
    if not any(os.environ.get(v) for v in ("RAG_EMBED_MODEL", "RAG_EMBED_PRECISION", "RAG_EMBED_DIM")):
        assert current_setting() in settings()
