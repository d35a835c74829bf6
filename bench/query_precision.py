"""Question embedding at lower precision: is a faster query vector still a good one?

The query embedding is most of an answer's time on a CPU without bfloat16 instructions
(fp32 EmbeddingGemma). This measures, in one run, the question vectors of the same
model at fp32 (the baseline) and with its linear layers quantised to int8 (and bf16 where
the CPU has it), all searched against the fp32 chunk vectors of the bundled letters:
dense MRR@10 on the staff set's train and dev questions (nothing is fitted here; test stays
unread), p50 time per question, and the cosine of each vector to its fp32 twin.

Run from the repository root; results go to bench/results/query_precision.md::

    .venv/bin/python bench/query_precision.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import save  # noqa: E402

from rag.embed import Embedder, cpu_has_bf16  # noqa: E402
from rag.evalset import load_cases  # noqa: E402
from rag.evaluate import first_relevant_rank, is_relevant, mrr_at_k  # noqa: E402
from rag.index import Indexer  # noqa: E402
from rag.store import Store  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        Indexer(store).run([ROOT / "data" / "letters"])
        chunks, matrix = store.all_chunks_and_vectors()
    cases = [c for c in load_cases(ROOT / "eval" / "staff" / "set.jsonl")
             if c.split in ("train", "dev") and not c.unanswerable]
    # Relevance by the rule `rag eval` uses; unlike `rag eval`, a question with no relevant
    # chunk in the store is left out rather than counted as a miss.
    cases = [c for c in cases if any(is_relevant(c, ch) for ch in chunks)]
    questions = [c.question for c in cases]
    precisions = ["fp32", "int8"] + (["bf16"] if cpu_has_bf16() else [])
    rows, vectors = {}, {}
    for precision in precisions:
        emb = Embedder(precision=precision)
        emb.embed_queries(["opwarmen"])
        times, vecs = [], []
        for q in questions:
            t = time.perf_counter()
            vecs.append(emb.embed_queries([q])[0])
            times.append((time.perf_counter() - t) * 1000)
        vectors[precision] = np.stack(vecs)
        ranks = [first_relevant_rank(case, [chunks[i] for i in np.argsort(-(matrix @ vec), kind="stable")[:10]])
                 for case, vec in zip(cases, vectors[precision])]
        rows[precision] = {"mrr10": mrr_at_k(ranks, 10), "p50_ms": statistics.median(times)}
        del emb
    base = rows["fp32"]
    for precision, row in rows.items():
        cos = (vectors[precision] * vectors["fp32"]).sum(axis=1)
        row.update(cos_mean=float(cos.mean()), cos_min=float(cos.min()),
                   speed=base["p50_ms"] / row["p50_ms"], mrr_delta=row["mrr10"] - base["mrr10"])
    lines = ["# Question embedding precision", "",
             f"EmbeddingGemma question vectors at each precision, searched against the fp32 chunk vectors of the "
             f"bundled letters ({len(chunks)} chunks); {len(questions)} staff questions (train and dev splits; "
             "nothing is fitted). Same run; speed-up against fp32. This CPU has bfloat16 instructions: "
             f"{'yes' if cpu_has_bf16() else 'no'}.", "",
             "| question vectors | dense MRR@10 | vs fp32 | p50 ms | speed-up | cosine to fp32 (mean / min) |",
             "|---|---|---|---|---|---|"]
    for precision, row in rows.items():
        lines.append(f"| {precision} | {row['mrr10']:.3f} | {row['mrr_delta']:+.3f} | {row['p50_ms']:.1f} | "
                     f"{row['speed']:.2f}× | {row['cos_mean']:.4f} / {row['cos_min']:.4f} |")
    save("query_precision", "\n".join(lines) + "\n", {"questions": len(questions), "chunks": len(chunks), "rows": rows})


if __name__ == "__main__":
    main()
