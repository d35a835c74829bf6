"""Embedding throughput: what `rag index` achieves against the model's raw speed.

Baseline and candidates are measured in the same run on the same chunks:
  raw         SentenceTransformer.encode on the chunk texts alone (what embedding must cost)
  sentences   the same for the chunks' sentences, which `rag index` embeds too, each on
              its own (the profile: with raw, what the index run spends embedding)
  index       a full `Indexer.run` (parse, chunk, embed chunks and their sentences,
              write Chroma, BM25) into a fresh store, counted per chunk, with
              ``--workers 1`` and ``--workers 2``

Run from the repository root; results go to bench/results/embed_throughput.md::

    .venv/bin/python bench/embed_throughput.py
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

from rag.chunk import chunk_letter
from rag.embed import get_embedder
from rag.index import Indexer, embedded_texts
from rag.parse import parse_file
from rag.documents import searchable_text
from rag.store import Store

# The model is what is measured: a vector cache hit would time a lookup instead.
os.environ["RAG_VECTOR_CACHE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
# One agenda (29 chunks): enough for a ratio, short enough for `make bench`.
FILES = ["kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt"]


def main() -> None:
    emb = get_embedder()
    paths = [ROOT / "data" / "letters" / f for f in FILES]
    chunks = [c for p in paths for c in chunk_letter(parse_file(p))]
    texts = [searchable_text(c) for c in chunks]
    tokens = sum(len(emb.model.tokenizer(emb.passage_prompt + t)["input_ids"]) for t in texts)
    emb.embed_passages(texts[:8], remember=True)  # warm-up (through torch, as indexing embeds)

    start = time.perf_counter()
    emb.embed_passages(texts, remember=True)
    raw_s = time.perf_counter() - start
    sentences = [s.text for c in chunks for s in embedded_texts(c)[1]]
    start = time.perf_counter()
    emb.embed_passages(sentences, remember=True)
    sentences_s = time.perf_counter() - start

    def index(workers: int):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "letters"
            folder.mkdir()
            for p in paths:
                (folder / p.name).write_bytes(p.read_bytes())
            start = time.perf_counter()
            summary = Indexer(Store(Path(tmp) / "store"), emb, workers=workers).run([folder])
            return summary, time.perf_counter() - start

    runs = {n: index(n) for n in (1, 2)}
    raw_cps = len(texts) / raw_s
    lines = [
        "# Embedding throughput",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"model {emb.name} ({emb.precision}); {len(texts)} chunks from {len(FILES)} letters, {tokens} tokens "
        f"({tokens / len(texts):.0f} per chunk); batch size {emb.batch_size}. Goal: `rag index` ≥ 0.9× raw.",
        "",
        "| measure | chunks/s | ratio to raw |",
        "|---|---|---|",
        f"| raw encode (chunks only) | {raw_cps:.2f} ({tokens / raw_s:.0f} tokens/s) | 1.00× |",
    ]
    for n, (summary, secs) in runs.items():
        cps = summary.embedded_chunks / secs
        lines.append(f"| `rag index --workers {n}` (chunks + {summary.embedded_sentences} sentence vectors, "
                     f"Chroma, BM25) | {cps:.2f} | {cps / raw_cps:.2f}× |")
    one = runs[1][1]
    lines += [
        "",
        f"Profile of `rag index --workers 1` ({one:.1f} s): the chunks' raw encode {raw_s:.1f} s "
        f"({raw_s / one:.0%}), their {len(sentences)} sentences' raw encode {sentences_s:.1f} s "
        f"({sentences_s / one:.0%}), everything else (parse, chunk, Chroma, BM25) "
        f"{one - raw_s - sentences_s:.1f} s ({(one - raw_s - sentences_s) / one:.0%}). "
        f"Embedding the sentences is what keeps the ratio near "
        f"{raw_s / (raw_s + sentences_s):.2f}× raw, the most it could be with them.",
    ]
    lines.append("")
    out = ROOT / "bench" / "results" / "embed_throughput.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
