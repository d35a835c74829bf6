"""The store: Chroma as the one source of truth, a generation readers follow, one writer at a time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from rag.index import Indexer, remove_document
from rag.retrieve import Retriever
from rag.chroma import StoreError
from rag.store import META_COLLECTION, SENTENCE_COLLECTION, Store
from rag.writelock import LOCK_RECORD
from tests.conftest import EXCERPTS, ROOT, SMALL_CORPUS

pytestmark = pytest.mark.slow


def test_the_manifest_lives_in_chroma_and_every_write_bumps_the_generation(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    assert not (tmp_path / "store" / "manifest.json").exists()
    first = store.generation
    # A second process's view: a fresh Store reads the same manifest from Chroma.
    other = Store(tmp_path / "store")
    assert sorted(other.manifest.documents) == sorted(store.manifest.documents) == [
        "kst-21501-02-3121", "kst-29515-496", "kst-32317-995"]
    assert other.generation == first and other.manifest.model == embedder.name
    remove_document(store, "kst-21501-02-3121")
    assert other.current_generation() == first + 1 != other.generation
    other.reload()
    assert "kst-21501-02-3121" not in other.manifest.documents


def test_an_old_store_folder_is_migrated_once(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    records = {k: v.__dict__ for k, v in store.manifest.documents.items()}
    # As written before the manifest moved into Chroma: a file beside Chroma, none in it.
    (tmp_path / "store" / "manifest.json").write_text(json.dumps({"model": store.manifest.model,
                                                                  "dim": store.manifest.dim, "documents": records}))
    store.client.delete_collection(META_COLLECTION)
    migrated = Store(tmp_path / "store")
    assert sorted(migrated.manifest.documents) == sorted(records)
    assert (tmp_path / "store" / "manifest.json.migrated").exists()
    assert not (tmp_path / "store" / "manifest.json").exists()
    assert Indexer(migrated, embedder).run([small_corpus]).embedded_chunks == 0


def test_a_reader_follows_another_writer_and_never_sees_half_a_letter(small_corpus, tmp_path, embedder):
    writer = Store(tmp_path / "store")
    Indexer(writer, embedder).run([next(small_corpus.glob("pm01*"))])
    reader = Retriever(Store(tmp_path / "store"), embedder)
    assert {c.doc_id for c in reader.chunks.values()} == {"kst-21501-02-3121"}
    assert not reader.refresh_if_stale()

    # Chunks stored but no manifest record yet (a writer still at work, or killed): invisible.
    from rag.chunk import chunk_letter
    from rag.parse import parse_file

    half = chunk_letter(parse_file(next(small_corpus.glob("llm06*"))))
    Indexer(writer, embedder)._embed_and_add(half)  # sentences and chunks, no manifest record
    reader.refresh()
    assert "kst-29515-496" not in {c.doc_id for c in reader.chunks.values()}
    assert all(h.chunk.doc_id == "kst-21501-02-3121" for h in reader.search("werkprogramma ATR 2025", k=5))

    # The next run reuses those chunks, then the reader sees the whole letter.
    summary = Indexer(writer, embedder).run([small_corpus])
    assert summary.embedded_chunks == len(writer.manifest.documents["kst-32317-995"].chunk_ids)
    assert reader.refresh_if_stale()
    assert {c.doc_id for c in reader.chunks.values()} == set(writer.manifest.documents)
    assert reader.store.bm25.generation == writer.generation


def test_a_new_generation_comes_with_its_keyword_index_ready(small_corpus, tmp_path, embedder):
    """A writer saves the keyword index of the generation it makes before making it: a
    reader that sees the generation move loads it instead of rebuilding it (at 100k chunks,
    seconds of work and every text in memory, in the app, while it answers)."""
    import threading

    from rag.bm25 import BM25Index
    from rag.documents import KEYWORD_TEXTS

    folder = tmp_path / "store"
    Store(folder)
    seen: dict[int, bool] = {}
    done = threading.Event()

    def watch() -> None:
        reader = Store(folder)
        while not done.is_set():
            generation = reader.current_generation()
            if generation not in seen:
                seen[generation] = BM25Index(folder / "bm25", texts=KEYWORD_TEXTS).load(generation)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for letter in sorted(small_corpus.iterdir()):
            Indexer(Store(folder), embedder).run([letter])
        remove_document(Store(folder), "kst-29515-496")
    finally:
        done.set()
        watcher.join()
    assert len(seen) >= 5, seen  # the empty store, three letters, one removal
    assert all(seen[g] for g in seen if g > 0), seen


def test_writers_take_turns_and_a_dead_writers_lock_is_taken_over(small_corpus, tmp_path, embedder):
    store = Store(tmp_path / "store")
    meta = store.collection(META_COLLECTION)
    with store.writing():
        other = Store(tmp_path / "store")
        with pytest.raises(StoreError, match="another writer .*is still indexing"):
            with other.writing(wait_s=0.5):
                pass
    with other.writing(wait_s=0.5):
        assert meta.get(ids=[LOCK_RECORD])["ids"] == [LOCK_RECORD]
    assert meta.get(ids=[LOCK_RECORD])["ids"] == []
    # A writer killed outright on this machine: its lock is free at once.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    meta.add(ids=[LOCK_RECORD], embeddings=[[1.0]], documents=[""],
             metadatas=[{"kind": "lock", "owner": f"{os.uname().nodename}:{dead.stdout.strip()}:x", "since": time.time(),
                         "expires": time.time() + 3600}])
    start = time.monotonic()
    with store.writing(wait_s=5):
        pass
    assert time.monotonic() - start < 2


def test_two_index_runs_at_once_lose_and_duplicate_nothing(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, files in ((first, SMALL_CORPUS), (second, sorted(EXCERPTS.glob("jbz_kst-32317-9*.txt"))[:4])):
        folder.mkdir()
        for f in files:
            (folder / f.name).write_bytes(f.read_bytes())
    rag = Path(sys.executable).with_name("rag")
    env = dict(os.environ, RAG_STORE=str(tmp_path / "store"))
    runs = [subprocess.Popen([str(rag), "index", str(folder), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env, cwd=ROOT) for folder in (first, second)]
    outputs = [run.communicate(timeout=900) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err[-2000:] for _, err in outputs]
    added = [len(json.loads(out)["added"]) for out, _ in outputs]
    assert added == [3, 4]
    store = Store(tmp_path / "store")
    listed = [cid for d in store.manifest.documents.values() for cid in d.chunk_ids]
    assert len(store.manifest.documents) == 7
    assert len(listed) == len(set(listed)) == store.collection().count()
    sentences = store.collection(SENTENCE_COLLECTION).get(include=[])["ids"]
    assert sorted(sentences) == sorted(listed)


# Each opener is its own interpreter, as two ``rag`` commands or the app beside ``rag index`` are:
# it imports everything, says it is ready, and opens the store when the go file appears.
_OPEN_WHEN_TOLD = """
import sys, time
from pathlib import Path
from rag.store import Store
import chromadb  # imported before the go, so the opens really coincide
store, ready, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
ready.touch()
while not go.exists():
    time.sleep(0.002)
Store(store)
print("ok")
"""


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    # Chroma's schema migrations raced ("table collections already exists") about one
    # time in fifteen with three processes; opening is now serialised by a file lock.
    # (Forked children once failed here with "pool timed out while waiting for an open
    # connection": a fork copies a parent whose Chroma and torch threads are gone in the
    # child. Real openers are separate programs, so these are too.)
    failures = []
    for attempt in range(5):
        go = tmp_path / f"go{attempt}"
        ready = [tmp_path / f"ready{attempt}-{i}" for i in range(4)]
        procs = [subprocess.Popen([sys.executable, "-c", _OPEN_WHEN_TOLD, str(tmp_path / f"s{attempt}"), str(r), str(go)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for r in ready]
        deadline = time.monotonic() + 300
        while not all(r.exists() for r in ready) and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            if proc.returncode != 0 or out.strip() != "ok":
                failures.append(err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}")
    assert not failures, failures


def test_a_store_s_first_open_waits_for_another_process_opening_it(tmp_path):
    # CI once failed the test above with "pool timed out while waiting for an open connection":
    # a process's first reads ran while another was still creating the store. The first open, up
    # to the first read, now holds the open lock, taken again inside: it must be reentrant in a
    # thread and still keep other processes out until the outermost hold ends.
    from rag.chroma import opening

    Store(tmp_path)  # created, so the other process's open is quick once the lock is free
    script = "import sys, time; from rag.store import Store; Store(sys.argv[1]); print(time.monotonic())"
    with opening(tmp_path):
        with opening(tmp_path):  # reentrant: no deadlock
            proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, cwd=ROOT)
            time.sleep(5)
            assert proc.poll() is None
            released = time.monotonic()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    assert float(out.split()[-1]) >= released


def test_sentence_vectors_are_one_record_per_chunk_and_the_model_s_own(letters_store, embedder):
    from rag.sentences import split_sentences

    store = Store(letters_store.path)
    chunks = store.chunks_of("kst-32317-995")[:5]
    got = store.sentence_vectors([c.id for c in chunks])
    assert store.collection(SENTENCE_COLLECTION).count() == store.collection().count()
    for chunk in chunks:
        spans = got[chunk.id]
        assert [chunk.text[a:b] for a, b, _ in spans] == [s.text for s in split_sentences(chunk.text)]
        # The model's vector of the sentence on its own (batched with others, so not to the last bit).
        again = embedder.embed_passages([chunk.text[a:b] for a, b, _ in spans[:2]])
        assert all(float(v @ w) > 0.999 for (_, _, v), w in zip(spans, again))
    # Served from the cache the second time: no Chroma read at all.
    col = store._collections.pop(SENTENCE_COLLECTION)
    store._collections[SENTENCE_COLLECTION] = None
    try:
        assert store.sentence_vectors([c.id for c in chunks]).keys() == got.keys()
    finally:
        store._collections[SENTENCE_COLLECTION] = col


def test_a_store_with_one_record_per_sentence_is_read_and_then_migrated(small_corpus, tmp_path, embedder):
    from rag.store import LEGACY_SENTENCE_COLLECTION

    small_corpus = next(small_corpus.glob("pm01*"))  # one short letter is enough
    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([small_corpus])
    ids = [cid for d in store.manifest.documents.values() for cid in d.chunk_ids]
    packed = store.sentence_vectors(ids)
    # Written as stores were before: a record per sentence, "<chunk>:<j>", its vector indexed.
    old = store.client.create_collection(LEGACY_SENTENCE_COLLECTION, embedding_function=None,
                                         metadata={"hnsw:space": "cosine"})
    rows = [(f"{cid}:{j}", {"chunk_id": cid, "doc_id": "x", "start": a, "end": b}, v)
            for cid in ids for j, (a, b, v) in enumerate(packed[cid])]
    old.add(ids=[r[0] for r in rows], metadatas=[r[1] for r in rows], embeddings=[r[2] for r in rows],
            documents=["zin"] * len(rows))
    store.client.delete_collection(SENTENCE_COLLECTION)
    before = Store(tmp_path / "store")
    read = before.sentence_vectors(ids)
    assert all([(a, b) for a, b, _ in read[c]] == [(a, b) for a, b, _ in packed[c]] for c in ids)
    summary = Indexer(before, embedder).run([small_corpus])
    assert summary.embedded_chunks == 0
    after = Store(tmp_path / "store")
    names = {getattr(c, "name", c) for c in after.client.list_collections()}
    assert LEGACY_SENTENCE_COLLECTION not in names
    assert sorted(after.collection(SENTENCE_COLLECTION).get(include=[])["ids"]) == sorted(ids)
    migrated = after.sentence_vectors(ids)
    # Chroma hands back the old collection's vectors to float precision, not bit for bit.
    assert all(all(np.allclose(x[2], y[2], atol=1e-5) for x, y in zip(migrated[c], packed[c])) for c in ids)


def test_sentence_vectors_are_stored_at_half_precision_and_older_records_still_read(small_corpus, tmp_path, embedder):
    import base64

    from rag.records import VECTORS_F16, SentenceVectors
    from rag.sentences import split_sentences

    store = Store(tmp_path / "store")
    Indexer(store, embedder).run([next(small_corpus.glob("pm01*"))])
    ids = [cid for d in store.manifest.documents.values() for cid in d.chunk_ids]
    col = store.collection(SENTENCE_COLLECTION)
    metas = col.get(ids=ids, include=["metadatas"])["metadatas"]
    assert all(VECTORS_F16 in m and "vectors" not in m for m in metas)
    # Packing rounds to float16 and nothing else; a question's cosine moves by < 3e-4.
    chunk = next(c for c in store.chunks_of(metas[0]["doc_id"]) if len(split_sentences(c.text)) > 1)
    spans = [(x.start, x.end) for x in split_sentences(chunk.text)]
    exact = embedder.embed_passages([chunk.text[a:b] for a, b in spans])
    read = SentenceVectors.unpack(SentenceVectors(chunk.id, chunk.doc_id, spans, exact).pack()).vectors
    assert read.dtype == np.float32 and np.array_equal(read, exact.astype(np.float16).astype(np.float32))
    query = embedder.embed_queries(["Wat vraagt de minister aan de Kamer?"])[0]
    assert float(np.abs(read @ query - exact @ query).max()) < 3e-4
    # What the store holds is the model's vector of each sentence (batched differently: not to the last bit).
    stored = store.sentence_vectors([chunk.id])[chunk.id]
    assert [(a, b) for a, b, _ in stored] == spans
    assert all(float(v @ w) > 0.999 for (_, _, v), w in zip(stored, exact))
    # A record written before float16 (float32 under "vectors") reads as it did, at twice the size.
    first = SentenceVectors.unpack(metas[0])
    old = {k: v for k, v in metas[0].items() if k != VECTORS_F16}
    old["vectors"] = base64.b64encode(first.vectors.astype("<f4").tobytes()).decode()
    assert len(old["vectors"]) > 1.9 * len(metas[0][VECTORS_F16])
    # (deleted first: Chroma's upsert merges metadata keys, so the float16 ones would stay)
    col.delete(ids=[first.chunk_id])
    col.add(ids=[first.chunk_id], metadatas=[old], embeddings=[[1.0]])
    again = Store(tmp_path / "store").sentence_vectors([first.chunk_id])[first.chunk_id]
    assert np.array_equal(np.stack([v for _, _, v in again]), first.vectors)
    # An older writer's float32 over a float16 record (metadata merged): the float16 is read,
    # and the vectors under one chunk id are the same ones either way.
    col.upsert(ids=[first.chunk_id], metadatas=[SentenceVectors.unpack(old).pack()], embeddings=[[1.0]])
    col.upsert(ids=[first.chunk_id], metadatas=[old], embeddings=[[1.0]])
    merged = col.get(ids=[first.chunk_id], include=["metadatas"])["metadatas"][0]
    assert VECTORS_F16 in merged and "vectors" in merged
    assert np.array_equal(SentenceVectors.unpack(merged).vectors, first.vectors)


def test_the_keyword_index_counts_what_the_answerer_weighs(letters_store):
    # The answerer weighs a question's words by how many chunks hold them; it reads those
    # counts from the BM25 cache instead of analysing every text again.
    from collections import Counter

    from rag.documents import keyword_text

    chunks = letters_store.all_chunks()
    assert letters_store.bm25.load(letters_store.generation)
    analyze = letters_store.bm25.analyzer
    counted = Counter(token for c in chunks for token in set(analyze(keyword_text(c))))
    assert letters_store.bm25.current.doc_freqs() == dict(counted)
    assert len(letters_store.bm25.ids) == len(chunks) > 600


def test_the_retrievers_chunks_hold_their_text_compressed_and_read_it_unchanged(letters_store, letters_retriever):
    """The retriever's chunks (all of them, in memory) keep their text packed: less than half the
    memory of the strings, and every reader, thread or pickle gets the exact text back."""
    import pickle
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from rag.documents import _TEXT_SLOT, pack_text

    bulk = list(letters_retriever.chunks.values())
    assert all(type(_TEXT_SLOT.__get__(c)) is str for c in letters_store.all_chunks())  # the indexer's read
    one_by_one = {c.id: c for doc_id in letters_store.manifest.documents for c in letters_store.chunks_of(doc_id)}
    assert len(bulk) == len(one_by_one) > 600
    packed = [_TEXT_SLOT.__get__(c) for c in bulk]
    assert all(type(p) is bytes for p in packed)
    assert pack_text(bulk[0]) is bulk[0] and _TEXT_SLOT.__get__(bulk[0]) is packed[0]  # packing twice is a no-op
    assert all(type(_TEXT_SLOT.__get__(c)) is str for c in one_by_one.values())
    # Equality, asdict and pickling read the text through the field: the same chunk either way.
    assert all(c == one_by_one[c.id] for c in bulk)
    assert pickle.loads(pickle.dumps(bulk[:50])) == [one_by_one[c.id] for c in bulk[:50]]
    assert bulk[0].to_dict()["text"] == one_by_one[bulk[0].id].text
    held = sum(sys.getsizeof(p) for p in packed)
    as_strings = sum(sys.getsizeof(c.text) for c in bulk)
    assert held < 0.5 * as_strings
    # The app answers several people at once: every thread unpacks with a context of its own.
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda c: c.text, bulk * 4))
    assert texts == [one_by_one[c.id].text for c in bulk * 4]


def test_a_running_reader_of_an_embedded_store_follows_a_rag_index_in_another_process(tmp_path, embedder):
    """The app on an embedded store, `rag index` beside it: Chroma's vectors as this
    process first read them lack the new chunks ("Error finding id") until it reads afresh."""
    from tests.conftest import LETTERS, SEED

    folder = tmp_path / "store"
    store = Store(folder)
    Indexer(store, embedder).run([SEED])
    retriever = Retriever(store, embedder)
    question = "Wat vraagt de motie Ceder over Rafah?"
    assert {h.chunk.doc_id for h in retriever.search(question, k=5)} == {"kst-32317-995"}
    motie = LETTERS / "pm01_kst-21501-02-3121_motie-ceder.pdf"
    out = subprocess.run([sys.executable, "-m", "rag.cli", "index", str(motie), "--store", str(folder)],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert retriever.refresh_if_stale()
    assert retriever.search(question, k=1)[0].chunk.doc_id == "kst-21501-02-3121"
    # A write from this process after it (an upload) works from a view that has both letters.
    Indexer(Store(folder), embedder).run([LETTERS / "ok01_besluitenlijst_2009-04-02.pdf"])
    assert retriever.refresh_if_stale()
    assert len(store.manifest.documents) == 3 and {"kst-32317-995", "kst-21501-02-3121"} <= set(store.manifest.documents)
    assert len(retriever.chunks) == store.listed_chunk_count() == Store(folder).collection().count()
    assert retriever.search(question, k=1)[0].chunk.doc_id == "kst-21501-02-3121"


def test_a_keyword_index_of_older_texts_is_rebuilt_with_the_letters_titles(small_corpus, tmp_path, embedder):
    """A store indexed before the titles joined the keyword texts (rag.documents.KEYWORD_TEXTS)
    keeps its cache until a reader opens it: that reader rebuilds it, once, instead of
    scoring questions against texts without the titles."""
    from collections import Counter

    from rag.bm25 import BM25Index
    from rag.documents import KEYWORD_TEXTS, keyword_text, searchable_text

    folder = tmp_path / "store"
    store = Store(folder)
    Indexer(store, embedder).run([small_corpus])
    chunks = store.all_chunks()
    # The cache as the version before wrote it: the same generation, the texts without titles, and
    # no "texts" in current.json.
    BM25Index(folder / "bm25", texts=1).build([c.id for c in chunks], [searchable_text(c) for c in chunks], store.generation,
                                              replace=True)
    current = folder / "bm25" / "current.json"
    current.write_text(json.dumps({"generation": store.generation, "folder": f"g{store.generation}"}))
    assert not BM25Index(folder / "bm25", texts=KEYWORD_TEXTS).load(store.generation)

    reader = Retriever(Store(folder), embedder)
    analyze = reader.store.bm25.analyzer
    counted = Counter(t for c in chunks for t in set(analyze(keyword_text(c))))
    assert reader.store.bm25.current.doc_freqs() == dict(counted) != dict(
        Counter(t for c in chunks for t in set(analyze(searchable_text(c)))))
    assert json.loads((folder / "bm25" / "current.json").read_text())["texts"] == KEYWORD_TEXTS
    assert BM25Index(folder / "bm25", texts=KEYWORD_TEXTS).load(store.generation)
    assert [p.name for p in (folder / "bm25").glob("g*")] == [f"g{store.generation}t{KEYWORD_TEXTS}"]
