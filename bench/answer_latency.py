"""Latency of `ask`, split into retrieval and answer, over the seed questions.

The extractive answer step (sentence scoring, selection, citations) is measured
separately from retrieval (query embedding, Chroma, BM25, sentence re-ranking),
and set against a baseline measured in the same run: a bare dense Chroma query
with the same query vector.

Run from the repository root after `rag index data/letters --store STORE`::

    .venv/bin/python bench/answer_latency.py STORE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rag.answer import Answerer
from rag.evalset import load_cases
from rag.evaluate import percentile
from rag.retrieve import Retriever
from rag.store import Store

ROOT = Path(__file__).resolve().parent.parent


def main(store_path: str) -> None:
    answerer = Answerer(Retriever(Store(store_path)))
    cases = load_cases(ROOT / "eval" / "seed.jsonl")
    answerer.ask(cases[0].question)  # warm-up
    retrieve, answer, total, bare = [], [], [], []
    for _ in range(3):
        for case in cases:
            a = answerer.ask(case.question)
            retrieve.append(a.timings_ms["retrieve"])
            answer.append(a.timings_ms["answer"])
            total.append(a.timings_ms["total"])
            qvec = answerer.retriever.embed_query(case.question)
            start = time.perf_counter()
            answerer.retriever.store.query_dense(qvec, 10, None)
            bare.append((time.perf_counter() - start) * 1000)
    base = percentile(bare, 50)
    rows = [("bare dense Chroma query (baseline)", bare), ("retrieval (embed + hybrid + sentence re-rank)", retrieve),
            ("extractive answer after retrieval", answer), ("ask, total", total)]
    lines = ["# Answer latency", "", f"{len(cases)} seed questions × 3, store `{Path(store_path).name}` "
             f"({len(answerer.retriever.chunks)} chunks); milliseconds.", "",
             "| step | p50 | p95 | p50 / baseline p50 |", "|---|---|---|---|"]
    for label, values in rows:
        lines.append(f"| {label} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} | "
                     f"{percentile(values, 50) / base:.1f}× |")
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results" / "answer_latency.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "index")
