"""A lean model: token tables read from the weight file, tokenizer copies dropped; same vectors."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import torch
from safetensors.torch import save_file
from torch import nn

from rag.embed import Embedder
from rag.token_table import MIN_ROWS, MappedTable, map_token_tables

QUESTIONS = ["Wat is de Nederlandse positie over Europol?", "What does NL think of the ETIAS delay?", "ja"]
PASSAGES = ["Nederland steunt het voorstel om Europol te versterken binnen het bestaande mandaat. " * 12,
            "De visquota voor de Noordzee.", "De Raad neemt de conclusies aan."]


class Tiny(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(MIN_ROWS, 8)
        self.proj = nn.Linear(8, 2)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.proj(self.embed(ids))


def _tiny_with_file(tmp_path, table: torch.Tensor | None = None):
    torch.manual_seed(0)
    model = Tiny()
    path = tmp_path / "model.safetensors"
    weights = {k: v.clone() for k, v in model.state_dict().items()}
    if table is not None:
        weights["embed.weight"] = table
    save_file(weights, str(path))
    return model, path


def test_a_matching_table_is_read_from_the_file_with_the_same_results(tmp_path):
    model, path = _tiny_with_file(tmp_path)
    ids = torch.tensor([[0, 5, MIN_ROWS - 1], [7, 7, 1]])
    before = model(ids).detach()
    assert map_token_tables(model, path) == MIN_ROWS * 8 * 4
    assert isinstance(model.embed, MappedTable)
    assert torch.equal(model(ids).detach(), before)
    # Cast to bfloat16 afterwards, as the embedder does: lookups follow the model's dtype.
    reference = Tiny()
    reference.load_state_dict({**model.state_dict(), "embed.weight": torch.from_numpy(np.array(model.embed.table))})
    model.to(torch.bfloat16)
    reference.to(torch.bfloat16)
    assert torch.equal(model(ids), reference(ids))


def test_a_table_that_differs_from_the_file_is_kept_in_memory(tmp_path):
    changed = torch.zeros(MIN_ROWS, 8)
    model, path = _tiny_with_file(tmp_path, changed)
    assert map_token_tables(model, path) == 0
    assert isinstance(model.embed, nn.Embedding)
    other = tmp_path / "other"
    other.mkdir()
    wrong_shape, path2 = _tiny_with_file(other, torch.zeros(MIN_ROWS, 4))
    assert map_token_tables(wrong_shape, path2) == 0
    assert map_token_tables(model, tmp_path / "missing.safetensors") == 0


@pytest.mark.slow
def test_the_shared_model_gives_the_same_vectors_without_holding_its_table(embedder):
    """EmbeddingGemma as every command loads it, against one that keeps its table and its
    tokenizer's construction copies in memory (questions through sentence-transformers
    here, not the ONNX question model: it is the torch model's table that is mapped)."""
    assert not [m for m in embedder.model.modules() if isinstance(m, nn.Embedding) and m.num_embeddings >= MIN_ROWS]
    assert embedder.mapped_bytes >= 262_144 * 768 * 4
    held = sum(p.numel() for p in embedder.model.parameters())
    full = Embedder(lean=False, fast_queries=False)
    assert full.mapped_bytes == 0
    assert sum(p.numel() for p in full.model.parameters()) - held == 262_144 * 768
    assert np.array_equal(embedder._encode(QUESTIONS, embedder.query_prompt, False), full.embed_queries(QUESTIONS))
    assert np.array_equal(embedder._encode(PASSAGES, embedder.passage_prompt, False),
                          full._encode(PASSAGES, full.passage_prompt, False))
    # The tokenizer, without the copies it was built from, still reads and writes text.
    lean_tok, full_tok = embedder.model.tokenizer, full.model.tokenizer
    assert not lean_tok._vocab and full_tok._vocab
    assert lean_tok.get_vocab() == full_tok.get_vocab()
    ids = lean_tok(PASSAGES[0])["input_ids"]
    assert ids == full_tok(PASSAGES[0])["input_ids"]
    assert lean_tok.decode(ids, skip_special_tokens=True) == PASSAGES[0]


@pytest.mark.slow
def test_a_pickled_model_carries_the_files_place_not_the_table():
    """sentence-transformers' worker pool (rag index --workers N) sends the model pickled."""
    e5 = Embedder("multilingual-e5-small")
    assert e5.mapped_bytes == 250_037 * 384 * 4
    blob = pickle.dumps(e5.model)
    copy = pickle.loads(blob)
    assert len(blob) < 470_000_000 - e5.mapped_bytes + 10_000_000
    texts = ["passage: " + p for p in PASSAGES]
    assert np.array_equal(copy.encode(texts), e5.model.encode(texts))
