"""Which embedding setting to ship: quality on dev, speed and memory, in one run.

Each variant runs in a process of its own (so its peak memory is its own):
EmbeddingGemma-300M in float32, bfloat16 and with torch's dynamic int8
quantisation of the linear layers, and multilingual-e5-small (the light choice)
as the baseline. For each: dense-only MRR@10 on the **dev** splits (Kamervragen:
its 540 answer documents; staff questions: every chunk of the bundled letters),
at Matryoshka widths 768/512/256/128 for EmbeddingGemma; single-query latency
(p50 over 60 staff questions); passage throughput on the letters' first 120 chunks; and
peak resident memory. Speed figures are also given as ratios to e5-small measured
in the same run.

Run from the repository root; results go to bench/results/embedding_choice.md::

    .venv/bin/python bench/embedding_choice.py
    .venv/bin/python bench/embedding_choice.py --only "multilingual-e5-small fp32"   # one variant again
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {
    "embeddinggemma-300m bf16": ("embeddinggemma-300m", "bf16"),
    "embeddinggemma-300m int8": ("embeddinggemma-300m", "int8"),
    # Speed only: bf16 gives the same vectors (cosine > 0.999, tests/test_gemma.py), so
    # its quality is fp32's; embedding both corpora in fp32 takes a quarter of an hour here.
    "embeddinggemma-300m fp32": ("embeddinggemma-300m", "fp32"),
    "multilingual-e5-small fp32": ("multilingual-e5-small", "fp32"),
}
SPEED_ONLY = {"embeddinggemma-300m fp32"}
SPEED_CHUNKS = 120
WIDTHS = (768, 512, 256, 128)


def _mrr(qv: np.ndarray, dv: np.ndarray, gold: list[set[int]], width: int) -> float:
    q = qv[:, :width] / np.linalg.norm(qv[:, :width], axis=1, keepdims=True)
    d = dv[:, :width] / np.linalg.norm(dv[:, :width], axis=1, keepdims=True)
    order = np.argsort(-(q @ d.T), axis=1)[:, :10]
    total = 0.0
    for row, rel in zip(order, gold):
        total += next((1.0 / (i + 1) for i, j in enumerate(row) if int(j) in rel), 0.0)
    return total / len(gold)


def run_variant(model: str, precision: str, speed_only: bool = False) -> dict:
    from rag.chunk import chunk_letter
    from rag.embed import Embedder
    from rag.evalset import load_cases, select_split
    from rag.evaluate import is_relevant
    from rag.parse import ParseError, parse_file
    from rag.documents import searchable_text

    start = time.perf_counter()
    emb = Embedder(model, precision=precision)
    load_s = time.perf_counter() - start
    out: dict = {"load_s": load_s, "name": emb.name}

    chunks = []
    for f in sorted((ROOT / "data" / "letters").iterdir()):
        try:
            chunks += chunk_letter(parse_file(f))
        except ParseError:
            continue
    # Throughput on the same first chunks for every variant.
    texts = [searchable_text(c) for c in chunks]
    start = time.perf_counter()
    head = emb.embed_passages(texts[:SPEED_CHUNKS])
    out["chunks_per_s"] = SPEED_CHUNKS / (time.perf_counter() - start)
    out["n_chunks"] = len(chunks)
    if speed_only:
        out["mrr"] = {}
        return _latency(emb, out)
    chunk_vecs = np.vstack([head, emb.embed_passages(texts[SPEED_CHUNKS:])])

    staff = [c for c in select_split(load_cases(ROOT / "eval" / "staff" / "set.jsonl"), "dev") if not c.unanswerable]
    staff_gold = [{i for i, ch in enumerate(chunks) if is_relevant(case, ch)} for case in staff]
    staff_q = emb.embed_queries([c.question for c in staff])

    kv_cases = select_split(load_cases(ROOT / "eval" / "kamervragen" / "set.jsonl"), "dev")
    corpus = sorted((ROOT / "eval" / "kamervragen" / "corpus").glob("*.txt"))
    kv_docs = emb.embed_passages([p.read_text(encoding="utf-8") for p in corpus])
    index = {p.stem: i for i, p in enumerate(corpus)}
    kv_gold = [{index[c.doc]} for c in kv_cases]
    kv_q = emb.embed_queries([c.question for c in kv_cases])

    widths = [emb.dim] + [w for w in WIDTHS if w < emb.dim]
    out["mrr"] = {str(w): {"staff": _mrr(staff_q, chunk_vecs, staff_gold, w),
                           "kamervragen": _mrr(kv_q, kv_docs, kv_gold, w)} for w in widths}
    out["n_dev"] = {"staff": len(staff), "kamervragen": len(kv_cases)}
    return _latency(emb, out)


def _latency(emb, out: dict) -> dict:
    from rag.evalset import load_cases

    questions = [c.question for c in load_cases(ROOT / "eval" / "staff" / "set.jsonl")][:60]
    emb.embed_queries(questions[:2])  # warm-up
    times = []
    for q in questions:
        t = time.perf_counter()
        emb.embed_queries([q])
        times.append((time.perf_counter() - t) * 1000)
    out["query_ms_p50"] = float(np.median(times))
    out["query_ms_p95"] = float(np.percentile(times, 95))
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main(only: list[str] | None = None) -> None:
    """Run every variant (or, with ``only``, those and keep the others' last results)."""
    stored = ROOT / "bench" / "results" / "embedding_choice.json"
    results = json.loads(stored.read_text()) if only and stored.exists() else {}
    for label, (model, precision) in VARIANTS.items():
        if only and label not in only:
            continue
        print(f"{label} ...", file=sys.stderr)
        done = subprocess.run([sys.executable, __file__, "--variant", model, precision]
                              + (["--speed-only"] if label in SPEED_ONLY else []),
                              capture_output=True, text=True, check=True)
        results[label] = json.loads(done.stdout.strip().splitlines()[-1])
    results = {label: results[label] for label in VARIANTS if label in results}
    base = results["multilingual-e5-small fp32"]
    lines = ["# Embedding setting", "",
             "Dense retrieval only, MRR@10 on the **dev** splits (the split settings are chosen on; test is "
             "reported elsewhere). Speed on this machine, same run; ratios against multilingual-e5-small.", "",
             "| variant | width | staff dev MRR@10 | Kamervragen dev MRR@10 | query p50 ms | query / e5 | "
             "chunks/s | chunks/s / e5 | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|---|"]
    for label, r in results.items():
        for width, m in (r["mrr"] or {"768": {"staff": float("nan"), "kamervragen": float("nan")}}).items():
            lines.append(
                f"| {label} | {width} | {m['staff']:.3f} | {m['kamervragen']:.3f} | {r['query_ms_p50']:.1f} | "
                f"{r['query_ms_p50'] / base['query_ms_p50']:.2f}× | {r['chunks_per_s']:.2f} | "
                f"{r['chunks_per_s'] / base['chunks_per_s']:.2f}× | {r['peak_rss_mb']:.0f} |")
    n = results["multilingual-e5-small fp32"]["n_dev"]
    lines += ["", f"Dev questions: {n['staff']} staff-style (answerable), {n['kamervragen']} Kamervragen; "
              f"{next(iter(results.values()))['n_chunks']} chunks of the bundled letters.", ""]
    if only:
        lines += [f"Re-run alone later than the rest: {', '.join(only)} (its ratios are against a separate run).", ""]
    text = "\n".join(lines).replace(" nan ", " – ")
    out = ROOT / "bench" / "results" / "embedding_choice.md"
    out.write_text(text, encoding="utf-8")
    stored.write_text(json.dumps(results, indent=1))
    print(text)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--variant":
        print(json.dumps(run_variant(sys.argv[2], sys.argv[3], "--speed-only" in sys.argv)))
    else:
        main(sys.argv[sys.argv.index("--only") + 1:] if "--only" in sys.argv else None)
