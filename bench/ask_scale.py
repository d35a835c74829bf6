"""`ask` latency and memory as the index grows: 1k, 10k and 100k chunks, each part timed.

Embedding 100k chunks here would take hours, so the larger stores are built from the
real letters: each synthetic chunk is a real chunk's text with one sentence of another
chunk of the same store appended (real sentences, recombined), and its vectors are the
real ones plus small noise, renormalised. Synthetic letters have 50 chunks each and
dates spread over 2014-2026. Questions are the staff set's dev questions, embedded by the
real model. Each size is measured in a fresh process, so memory figures are its own.

Parts of one question: query embedding, dense search (Chroma), BM25, fusion, the
sentence fetch and re-rank, and the extractive answer; then `ask` as a whole, with the
sentence cache emptied first (so each question is timed as if asked for the first time). Ratios
are against the 1k store, measured in the same run.

Run from the repository root (``make bench`` does)::

    .venv/bin/python bench/ask_scale.py --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LETTERS_PER_DOC = 50


def source_store(cache: Path) -> Path:
    """The bundled letters, indexed once with the real model (reused between runs)."""
    from rag.index import Indexer
    from rag.store import Store

    path = cache / "source"
    Indexer(Store(path)).run([ROOT / "data" / "letters"])
    return path


def recipe(size: int, source: Path, seed: int) -> str:
    """What a synthetic store is made of: the source store's chunks, the size and seed, this
    file's builder and how the store writes its records. A cached store is reused only when
    its recipe is this one, so a change to any of them builds it again."""
    import hashlib
    import inspect

    from rag import records
    from rag.store import Store

    src = Store(source)
    made_of = [size, seed, LETTERS_PER_DOC, src.manifest.model,
               sorted([d.doc_id, d.chunk_schema, d.chunk_ids] for d in src.manifest.documents.values()),
               inspect.getsource(build), inspect.getsource(records), inspect.getsource(Store.add_chunks),
               inspect.getsource(Store.add_sentences)]
    return hashlib.sha256(json.dumps(made_of).encode("utf-8")).hexdigest()


def build(size: int, source: Path, cache: Path, seed: int = 7) -> Path:
    """A store of ``size`` chunks derived from the source store (reused while its recipe holds)."""
    from tqdm import tqdm

    from rag.documents import Chunk
    import shutil

    from rag.records import DocRecord, SentenceVectors, chunk_from_record
    from rag.store import Store

    path = cache / f"scale-{size}"
    stamp = path / "recipe.json"
    wanted = recipe(size, source, seed)
    store = Store(path)
    try:
        reusable = json.loads(stamp.read_text(encoding="utf-8"))["recipe"] == wanted
    except (OSError, ValueError, KeyError):
        reusable = False
    if reusable and sum(len(d.chunk_ids) for d in store.manifest.documents.values()) == size:
        return path
    # Chroma keeps one client per folder in this process: empty it through that client.
    stamp.unlink(missing_ok=True)
    for col in store.client.list_collections():
        store.client.delete_collection(getattr(col, "name", col))
    shutil.rmtree(path / "bm25", ignore_errors=True)
    store = Store(path)
    src = Store(source)
    got = src.collection().get(include=["documents", "metadatas", "embeddings"])
    chunks = {cid: (text, meta, np.asarray(vec, dtype=np.float32))
              for cid, text, meta, vec in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])}
    sentences: dict[str, list[tuple[int, int, str, np.ndarray]]] = {
        cid: [(a, b, chunks[cid][0][a:b], v) for a, b, v in spans]
        for cid, spans in src.sentence_vectors(list(chunks)).items()}
    ids = sorted(cid for cid in chunks if sentences.get(cid))
    rng = np.random.default_rng(seed)

    def noisy(vec: np.ndarray) -> np.ndarray:
        out = vec + rng.normal(0.0, 0.02, vec.shape).astype(np.float32)
        return out / np.linalg.norm(out)

    store.manifest.model, store.manifest.dim = src.manifest.model, src.manifest.dim
    store.manifest.documents.clear()
    start = date(2014, 1, 1)
    batch_chunks: list[Chunk] = []
    batch_vectors: list[np.ndarray] = []
    batch_sentences: list[SentenceVectors] = []

    def flush() -> None:
        if batch_chunks:
            store.add_sentences(list(batch_sentences))
            store.add_chunks(list(batch_chunks), np.stack(batch_vectors))
        for part in (batch_chunks, batch_vectors, batch_sentences):
            part.clear()

    for n in tqdm(range(size), desc=f"{size} chunks", file=sys.stderr):
        base = ids[n % len(ids)]
        donor = ids[int(rng.integers(len(ids)))]
        text, meta, vec = chunks[base]
        extra = sentences[donor][0]
        doc_no = n // LETTERS_PER_DOC
        doc_id = f"syn-{size}-{doc_no:05d}"
        day = (start + timedelta(days=int(doc_no * 4391 / max(size // LETTERS_PER_DOC, 1)))).isoformat()
        cid = f"syn{size}-{n:06d}"
        full = f"{text}\n{extra[2]}"
        spans = [(s, e, t, v) for s, e, t, v in sentences[base]] + [(len(text) + 1, len(full), extra[2], extra[3])]
        chunk = chunk_from_record(cid, full, {**meta, "doc_id": doc_id, "date": day, "title": f"Synthetische brief {doc_no}"})
        batch_chunks.append(chunk)
        batch_vectors.append(noisy(vec))
        batch_sentences.append(SentenceVectors(cid, doc_id, [(a, b) for a, b, _, _ in spans],
                                               np.stack([noisy(v) for _, _, _, v in spans])))
        record = store.manifest.documents.get(doc_id)
        if record is None:
            record = store.manifest.documents[doc_id] = DocRecord(
                doc_id=doc_id, title=f"Synthetische brief {doc_no}", kind=meta.get("kind", "brief"), date=day,
                council=meta.get("council"), meeting_date=None, dossier=None, paths=[], file_sha256={},
                text_sha256="", chunk_ids=[], indexed_at="", model=src.manifest.model or "", chunk_schema=99)
        record.chunk_ids.append(cid)
        if len(batch_chunks) >= 512:
            flush()
    flush()
    store.publish()
    stamp.write_text(json.dumps({"recipe": wanted}), encoding="utf-8")
    return path


def measure(path: Path, url: str | None = None) -> dict:
    """Load the store as the app does and time each part of a question (run in its own
    process); with ``url``, Chroma is that server instead of embedded."""
    from rag.answer import Answerer
    from rag.evalset import load_cases, select_split
    from rag.evaluate import percentile
    from rag.retrieve import Filters, Retriever, fuse
    from rag.language import detect_language
    from rag.store import Store

    t0 = time.perf_counter()
    answerer = Answerer(Retriever(Store(path, url=url)))
    retriever = answerer.retriever
    retriever.embed_query("opwarmen")
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    questions = [c.question for c in select_split(load_cases(ROOT / "eval" / "staff" / "set.jsonl"), "dev")]
    parts: dict[str, list[float]] = {k: [] for k in ("embed", "dense", "bm25", "fusion", "sentences", "answer", "ask")}
    empty = Filters()
    for question in questions:
        t = time.perf_counter()
        qvec = retriever.embed_query(question)
        t_embed = time.perf_counter()
        dense = [(cid, sim) for cid, sim in retriever._dense(qvec, empty) if cid in retriever.chunks]
        t_dense = time.perf_counter()
        expanded = retriever.expand(question).text if retriever.weights.expand_bm25 else question
        bm25 = retriever._bm25(expanded, empty)
        t_bm25 = time.perf_counter()
        hits = fuse(retriever.chunks, dense, bm25, retriever.weights, None, detect_language(question))
        t_fuse = time.perf_counter()
        top = hits[: retriever.weights.rescore_top]
        retriever._sentence_rescore(top, qvec)
        t_sent = time.perf_counter()
        full = retriever.search(question, k=max(answerer.settings.top_chunks, 10), qvec=qvec)
        t_full = time.perf_counter()
        answerer.extractive(question, full, qvec)
        t_answer = time.perf_counter()
        for name, a, b in (("embed", t, t_embed), ("dense", t_embed, t_dense), ("bm25", t_dense, t_bm25),
                           ("fusion", t_bm25, t_fuse), ("sentences", t_fuse, t_sent), ("answer", t_full, t_answer)):
            parts[name].append((b - a) * 1000)
        retriever.store._sentence_cache.clear()  # the whole ask, as the first time this question is asked
        t = time.perf_counter()
        answerer.ask(question)
        parts["ask"].append((time.perf_counter() - t) * 1000)
    return {
        "chunks": len(retriever.chunks),
        "load_s": load_s,
        "rss_loaded_mb": rss_loaded,
        # VmHWM, not ru_maxrss: Linux carries a process's ru_maxrss over from the parent
        # it was forked from, and this parent may just have built a 100k store.
        "rss_peak_mb": _rss_mb("VmHWM"),
        "questions": len(questions),
        "p50": {k: percentile(v, 50) for k, v in parts.items()},
        "p95": {k: percentile(v, 95) for k, v in parts.items()},
    }


def measure_on_server(path: Path) -> dict:
    """The same measurement with the store's Chroma folder served by ``chroma run`` on loopback."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen([str(chroma), "run", "--path", str(path / "chroma"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        done = subprocess.run([sys.executable, __file__, "--measure", str(path), "--url", url],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=60)


def _rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(results: dict[int, dict], server: dict[int, dict] | None = None,
           torch_rows: dict[int, dict] | None = None) -> str:
    base = results[min(results)]
    parts = ("embed", "dense", "bm25", "fusion", "sentences", "answer", "ask")
    lines = ["# `ask` at scale", "",
             "Synthetic stores from the bundled letters (real sentences recombined, real vectors plus noise); "
             f"{base['questions']} staff dev questions each, embedded by the real model; milliseconds. "
             "Ratios against the 1k store in the same run. Goal at 100k: ask p50 < 100 ms, p95 < 250 ms, "
             "resident memory < 1.5 GB.", "",
             "| chunks | " + " | ".join(f"{p} p50" for p in parts) + " | ask p95 | ask p50 / 1k | load s | RSS MB | peak RSS MB |",
             "|---" * (len(parts) + 6) + "|"]
    rows = [(str(r["chunks"]), r) for _, r in sorted(results.items())]
    rows += [(f"{r['chunks']}, `chroma run`", r) for _, r in sorted((server or {}).items())]
    rows += [(f"{r['chunks']}, questions by torch", r) for _, r in sorted((torch_rows or {}).items())]
    for label, r in rows:
        cells = [f"{r['p50'][p]:.1f}" for p in parts]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {r['p95']['ask']:.1f} | "
                     f"{r['p50']['ask'] / base['p50']['ask']:.2f}× | {r['load_s']:.1f} | {r['rss_loaded_mb']:.0f} | "
                     f"{r['rss_peak_mb']:.0f} |")
    if server:
        lines += ["", "Rows marked `chroma run`: the same store served by a Chroma server on loopback (the app's "
                  "memory then excludes Chroma's, which lives in the server process)."]
    if torch_rows:
        lines += ["", "Rows marked `questions by torch`: the baseline, the same store with questions embedded by "
                  "sentence-transformers (`RAG_QUERY_ENGINE=torch`) instead of the ONNX export; "
                  + "; ".join(f"at {size}: ask p50 {results[size]['p50']['ask'] / r['p50']['ask']:.2f}x, "
                              f"question embedding p50 {results[size]['p50']['embed'] / r['p50']['embed']:.2f}x, "
                              f"resident memory {results[size]['rss_loaded_mb'] / r['rss_loaded_mb']:.2f}x the baseline's"
                              for size, r in sorted(torch_rows.items()) if size in results) + "."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--server-sizes", default="100000",
                        help="sizes measured again against a `chroma run` server on loopback ('' for none)")
    parser.add_argument("--torch-sizes", default="100000",
                        help="sizes measured again with questions embedded by torch, the baseline ('' for none)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: measure one store in this process
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.url)))
        return
    from rag.provision import cache_dir

    cache = cache_dir() / "bench-stores"
    source = source_store(cache)
    results, server, torch_rows, paths = {}, {}, {}, {}
    for size in (int(s) for s in args.sizes.split(",")):
        t = time.perf_counter()
        path = build(size, source, cache)
        print(f"{size}: store ready in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        done = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True,
                              check=True)
        results[size] = json.loads(done.stdout.strip().splitlines()[-1])
        paths[size] = path
    for size in (int(s) for s in args.server_sizes.split(",") if s):
        if size in paths:
            server[size] = measure_on_server(paths[size])
    for size in (int(s) for s in args.torch_sizes.split(",") if s):
        if size in paths:
            done = subprocess.run([sys.executable, __file__, "--measure", str(paths[size])], capture_output=True,
                                  text=True, check=True, env={**os.environ, "RAG_QUERY_ENGINE": "torch"})
            torch_rows[size] = json.loads(done.stdout.strip().splitlines()[-1])
    text = report(results, server, torch_rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ask_scale.md").write_text(text, encoding="utf-8")
    (RESULTS / "ask_scale.json").write_text(json.dumps({"embedded": results, "server": server, "torch": torch_rows}, indent=1),
                                            encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
