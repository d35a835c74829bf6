"""The vector cache: a text the indexer embedded once is not embedded again, in this process or
another; questions and LLM answers are never written; a broken cache is switched off, not fatal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.index import Indexer
from rag.store import Store
from rag.vectorcache import VectorCache, cache_folder
from tests.conftest import LETTERS, ROOT

# A real letter of seven chunks: embedding it cold takes seconds, not the seed letter's minute.
LETTER = LETTERS / "llm02_kst-36450-2_voorstel-van-wet.pdf"

pytestmark = pytest.mark.slow


@pytest.fixture
def own_cache(embedder, tmp_path, monkeypatch):
    """The session embedder with an empty cache of its own in tmp_path."""
    folder = tmp_path / "vectors"
    monkeypatch.setenv("RAG_VECTOR_CACHE", str(folder))
    cache = VectorCache.for_model(embedder.cache_setting, embedder.dim)
    monkeypatch.setattr(embedder, "cache", cache)
    return cache


def _vectors(store: Store) -> dict[str, np.ndarray]:
    got = store.collection().get(include=["embeddings"])
    return dict(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))


def test_a_second_store_of_the_same_letter_takes_every_vector_from_the_cache(embedder, own_cache, tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    shutil.copy(LETTER, folder / LETTER.name)
    first = Store(tmp_path / "a")
    done = Indexer(first, embedder).run([folder])
    assert done.embedded_chunks >= 7 and done.vectors_from_cache == 0
    # A text repeated in one batch is looked up (and embedded) once.
    looked_up = own_cache.misses
    assert done.embedded_chunks + done.embedded_sentences >= looked_up == len(own_cache) > 40

    # Another process, another store, the same cache folder: no text is embedded again.
    env = dict(os.environ, RAG_VECTOR_CACHE=str(own_cache.path.parent), RAG_STORE=str(tmp_path / "b"))
    out = subprocess.run([str(Path(sys.executable).with_name("rag")), "index", str(folder), "--json"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    again = json.loads(out.stdout)
    assert again["embedded_chunks"] == done.embedded_chunks
    assert again["vectors_from_cache"] == looked_up
    ours, theirs = _vectors(first), _vectors(Store(tmp_path / "b"))
    assert sorted(ours) == sorted(theirs)
    assert all(np.array_equal(ours[k], theirs[k]) for k in ours)


def test_only_what_the_indexer_embeds_is_written(embedder, own_cache):
    embedder.embed_passages(["De Raad bespreekt de toekomst van Europol."], remember=True)
    embedder.embed_queries(["wat vindt nl van europol", "Europol positie NL?"])
    # The grounding check embeds the question and the LLM's claims as passages: not kept.
    embedder.embed_passages(["wat vindt nl van europol", "Nederland steunt Europol [1]."])
    assert len(own_cache) == 1


def test_a_broken_cache_file_is_switched_off_and_embedding_goes_on(embedder, own_cache, caplog):
    own_cache.path.parent.mkdir(parents=True)
    own_cache.path.write_bytes(b"this is not a SQLite database" * 100)
    texts = ["Nederland steunt het voorstel voor een terugkeerverordening.", "De visquota voor de Noordzee."]
    got = embedder.embed_passages(texts, remember=True)
    assert got.shape == (2, embedder.dim)
    assert np.allclose(got, embedder._encode(texts, embedder.passage_prompt, progress=False), atol=1e-6)
    assert "vector cache" in caplog.text and "switched off" in caplog.text


def test_the_cache_can_be_switched_off(monkeypatch, tmp_path):
    monkeypatch.setenv("RAG_VECTOR_CACHE", "off")
    assert cache_folder() is None and VectorCache.for_model("m", 8) is None
    monkeypatch.setenv("RAG_VECTOR_CACHE", str(tmp_path))
    assert VectorCache.for_model("embeddinggemma-300m@int8/256-fp32-256", 256).path.parent == tmp_path
