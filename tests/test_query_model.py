"""Questions through EmbeddingGemma's ONNX export: the same vectors and rankings as
sentence-transformers, no torch in the answering process, and an export that was
changed is refused."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from rag.embed import Embedder
from rag.gemma import model_dir, pinned_sha256
from rag.provision import ProvisionError
from rag.query_model import GRAPH, META, QueryModel, export_dir, export_query_model
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

STAFF = [json.loads(line)["question"] for line in (ROOT / "eval" / "staff" / "set.jsonl").open(encoding="utf-8")]
PINS = pinned_sha256()


@pytest.fixture(scope="module")
def fp32():
    """At float32, as on a CPU without bfloat16 (where the export is used); on one with
    bfloat16 the shared embedder runs the torch model at bf16 instead."""
    return Embedder(precision="fp32")


def test_the_embedder_asks_through_the_export(fp32):
    assert fp32.query_model is not None, "rag provision makes the export (make setup runs it)"
    questions = STAFF[:40]
    fast = fp32.embed_queries(questions)
    slow = fp32._encode(questions, fp32.query_prompt, False)  # sentence-transformers itself
    assert fast.shape == slow.shape == (40, 768)
    assert float((fast * slow).sum(1).min()) > 0.9999
    # One padded batch gives what one question at a time gives.
    singles = np.concatenate([fp32.embed_queries([q]) for q in questions[:8]])
    assert float((singles * fast[:8]).sum(1).min()) > 0.99999


def test_rankings_on_the_bundled_letters_are_those_of_sentence_transformers(letters_store, fp32):
    from rag.retrieve import Retriever

    fast = Retriever(letters_store, fp32)
    slow = Retriever(letters_store, Embedder(precision="fp32", fast_queries=False))
    assert slow.embedder.query_model is None
    for q in STAFF[:25]:
        assert [h.chunk.id for h in fast.search(q, k=10)] == [h.chunk.id for h in slow.search(q, k=10)], q


# Printed by a child process: which of the libraries the app must not load it has loaded.
TORCH_LOADED = "sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules)"


def _in_a_clean_process(code: str) -> list[str]:
    """Run ``code`` as the app runs: a fresh process at fp32, no LLM, the default question engine.
    Returns its output lines."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_LLM_", "RAG_QUERY_ENGINE"))}
    env["RAG_EMBED_PRECISION"] = "fp32"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=600, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()


def test_answering_never_imports_torch_not_even_to_check_an_llm_answer(letters_store, fp32):
    code = (
        "import sys\n"
        "from rag.chat_service import ChatService\n"
        f"s = ChatService({str(letters_store.path)!r})\n"
        "s.warm_up()\n"
        "a = s.ask('Wat is de Nederlandse positie over Europol?')\n"
        # What the LLM grounding check embeds: the claims, and the cited letters' sentences.
        "e = s.retriever.embedder\n"
        "e.embed_passages(['Nederland steunt Europol.']); e.embed_letter_text(['Een zin die niet in de cache staat.'])\n"
        f"print(a.answered, bool(a.citations), {TORCH_LOADED})\n"
    )
    assert _in_a_clean_process(code)[-1] == "True True []"
    # Those passages, through the export, are sentence-transformers' vectors.
    texts = ["Nederland steunt Europol.", "Het kabinet is kritisch over de termijn van het voorstel."]
    assert float((fp32.embed_passages(texts) * fp32._encode(texts, fp32.passage_prompt, False))
                 .sum(1).min()) > 0.9999


def _copy_of_export(tmp_path):
    source = model_dir()
    copy = tmp_path / "export"
    shutil.copytree(export_dir(source), copy)
    return source, copy


def test_a_changed_export_is_refused_naming_the_file(tmp_path):
    source, copy = _copy_of_export(tmp_path)
    assert QueryModel.load(source, copy, PINS) is not None
    graph = copy / GRAPH
    data = bytearray(graph.read_bytes())
    data[len(data) // 2] ^= 0xFF
    graph.write_bytes(bytes(data))
    with pytest.raises(ProvisionError, match=rf"{graph}: not the file that was exported and checked"):
        QueryModel.load(source, copy, PINS)


def test_an_export_of_other_weights_is_refused(tmp_path):
    source, copy = _copy_of_export(tmp_path)
    other = {**PINS, "model.safetensors": "0" * 64}  # what a later release of the weights would pin
    with pytest.raises(ProvisionError, match="exported from other weights"):
        QueryModel.load(source, copy, other)


def test_a_changed_table_address_is_refused(tmp_path):
    source, copy = _copy_of_export(tmp_path)
    meta = json.loads((copy / META).read_text())
    meta["table"]["offset"] += 4
    (copy / META).write_text(json.dumps(meta))
    with pytest.raises(ProvisionError, match="holds no token table where query-model.json says"):
        QueryModel.load(source, copy, PINS)


def test_an_unreadable_export_is_one_clear_error(tmp_path):
    source, copy = _copy_of_export(tmp_path)
    (copy / META).write_text('{"format": 2, "source": {}}')
    with pytest.raises(ProvisionError, match=rf"{copy}: the question model cannot be loaded \(KeyError"):
        QueryModel.load(source, copy, PINS)


def test_the_embedder_falls_back_to_sentence_transformers_with_a_warning(tmp_path, monkeypatch, capsys):
    import rag.query_model

    source, copy = _copy_of_export(tmp_path)
    (copy / "model.onnx.data").unlink()
    (copy / ".verified.json").unlink()
    monkeypatch.setattr(rag.query_model, "export_dir", lambda folder: copy)
    emb = Embedder(precision="fp32")
    assert emb.query_model is None
    assert "model.onnx.data: missing from the question model" in capsys.readouterr().err
    assert emb.embed_queries(["Toekomst van Europol"]).shape == (1, 768)
    shutil.rmtree(copy)
    assert Embedder(precision="fp32").query_model is None
    assert "query-model.json ontbreekt" in capsys.readouterr().err


def test_the_export_is_made_and_checked_from_the_verified_weights(tmp_path, fp32):
    """What rag provision runs (once per machine): torch's exporter on the pinned torch."""
    target = export_query_model(model_dir(), tmp_path / "fresh", log=lambda msg: None)
    meta = json.loads((target / META).read_text())
    assert meta["min_cosine"] >= 0.9999 and meta["dim"] == 768
    assert meta["table"]["shape"] == [262_144, 768]
    # The token table stays in the weight file: the export holds the rest (~425 MB).
    assert meta["files"][GRAPH + ".data"][0] < 500_000_000
    assert (target.stat().st_mode & 0o777) == 0o755 and all((p.stat().st_mode & 0o777) == 0o644 for p in target.iterdir())
    fresh = QueryModel.load(model_dir(), target, PINS)
    questions = STAFF[40:60]
    vectors = fresh.encode([fresh.query_prompt + q for q in questions])
    reference = fp32._encode(questions, fp32.query_prompt, False)
    assert float((vectors * reference).sum(1).min()) > 0.9999


def test_an_app_that_indexes_an_upload_still_never_imports_torch(tmp_path, fp32):
    """The upload is indexed in a child process (rag.index.index_in_child): the torch
    model it needs does not stay in the app, which answers from the new letter."""
    from tests.conftest import LETTERS, SEED

    code = (
        "import sys\n"
        "from rag.chat_service import ChatService\n"
        f"s = ChatService({str(tmp_path / 'store')!r})\n"
        f"print(s.upload([{str(SEED)!r}, {str(LETTERS / 'pm01_kst-21501-02-3121_motie-ceder.pdf')!r}]).failed)\n"
        "a = s.ask('Wat is de Nederlandse positie over Europol?')\n"
        f"print(a.answered, a.citations[0].chunk.doc_id, {TORCH_LOADED})\n"
    )
    assert _in_a_clean_process(code)[-2:] == ["[]", "True kst-32317-995 []"]
