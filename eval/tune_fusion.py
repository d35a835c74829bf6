"""Tune the hybrid fusion weights on our dev sets, and show dense, BM25 and hybrid
side by side.

Each question is retrieved once (dense and BM25 candidate lists, best-sentence
scores of every candidate); each weight setting is then replayed through
:func:`rag.retrieve.fuse`, the function search uses, so the numbers are those of
the product. The chosen setting must be no worse than dense alone on any set.

Run from the repository root (stores must be indexed first)::

    rag index data/letters --store /tmp/idx-letters
    rag index eval/kamervragen/corpus --store /tmp/idx-kv
    python eval/tune_fusion.py seed=eval/seed.jsonl@/tmp/idx-letters \\
        kamervragen=eval/kamervragen/set.jsonl@/tmp/idx-kv --out eval/reports/fusion-tuning.md
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from rag.language import detect_language
from rag.evaluate import Case, first_relevant_rank, load_cases, mrr_at_k, recall_at_k
from rag.retrieve import FusionWeights, Hit, Retriever, fuse
from rag.store import Store

GRID = {
    "bm25": [0.0, 0.25, 0.5, 0.75, 1.0],
    "bm25_english": [0.0, 0.25, 0.5],
    "sentence": [0.0, 0.5, 1.0, 1.5, 2.0],
    "rescore_top": [10, 20, 30],
}


def collect(retriever: Retriever, cases: list[Case]):
    rows = []
    for case in tqdm(cases, desc="ophalen", unit="vraag"):
        dense, bm25, qvec = retriever.candidates(case.question)
        ids = list(dict.fromkeys([c for c, _ in dense] + [c for c, _ in bm25]))
        spans = retriever.store.sentence_vectors(ids)
        best = {cid: max((float(v @ qvec) for _, _, v in spans.get(cid, [])), default=0.0) for cid in ids}
        rows.append((case, dense, bm25, best))
    return rows


def ranks(retriever: Retriever, rows, weights: FusionWeights, mode: str) -> list[int | None]:
    out = []
    for case, dense, bm25, best in rows:
        def rescore(hits: list[Hit], best=best) -> None:
            for h in hits:
                h.sentence_score = best.get(h.chunk.id, 0.0)

        if mode == "dense":
            hits = fuse(retriever.chunks, dense, [], weights)
        elif mode == "bm25":
            hits = fuse(retriever.chunks, [], bm25, weights)
        else:
            hits = fuse(retriever.chunks, dense, bm25, weights, rescore, detect_language(case.question))
        out.append(first_relevant_rank(case, [h.chunk for h in hits[:10]]))
    return out


def metrics(r: list[int | None]) -> dict[str, float]:
    return {"r@1": recall_at_k(r, 1), "r@5": recall_at_k(r, 5), "mrr": mrr_at_k(r, 10)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", help="name=SET.jsonl@STORE")
    ap.add_argument("--out", type=Path, help="write a Markdown report here")
    args = ap.parse_args(argv)

    data = {}
    retrievers = {}
    for spec in args.sets:
        name, rest = spec.split("=", 1)
        set_path, store_path = rest.split("@", 1)
        retrievers[name] = Retriever(Store(store_path))
        cases = [c for c in load_cases(set_path) if not c.unanswerable]
        data[name] = collect(retrievers[name], cases)

    base = FusionWeights()
    lines = ["# Fusion tuning", "", "MRR@10 / recall@1 / recall@5 per dev set.", ""]
    header = "| setting | " + " | ".join(f"{n} MRR | {n} R@1 | {n} R@5" for n in data) + " |"
    lines += [header, "|" + "---|" * (1 + 3 * len(data))]

    def row(label: str, per_set: dict[str, dict[str, float]]) -> str:
        cells = " | ".join(f"{m['mrr']:.3f} | {m['r@1']:.3f} | {m['r@5']:.3f}" for m in per_set.values())
        return f"| {label} | {cells} |"

    dense = {n: metrics(ranks(retrievers[n], data[n], base, "dense")) for n in data}
    bm25 = {n: metrics(ranks(retrievers[n], data[n], base, "bm25")) for n in data}
    lines += [row("dense only", dense), row("BM25 only", bm25)]

    results = []
    for b, be, s, top in itertools.product(GRID["bm25"], GRID["bm25_english"], GRID["sentence"], GRID["rescore_top"]):
        w = replace(base, bm25=b, bm25_english=be, sentence=s, rescore_top=top)
        per = {n: metrics(ranks(retrievers[n], data[n], w, "hybrid")) for n in data}
        never_worse = all(per[n]["mrr"] >= dense[n]["mrr"] for n in data)
        mean = sum(m["mrr"] for m in per.values()) / len(per)
        results.append((never_worse, mean, w, per))
    results.sort(key=lambda x: (x[0], x[1]), reverse=True)
    for never_worse, mean, w, per in results[:12]:
        flag = "" if never_worse else " (worse than dense somewhere)"
        lines.append(row(f"hybrid bm25={w.bm25} bm25_en={w.bm25_english} sentence={w.sentence} top={w.rescore_top}{flag}", per))
    eq = replace(base, bm25=1.0, bm25_english=1.0, sentence=0.0)
    lines.append(row("hybrid, equal-weight RRF, no sentence step", {n: metrics(ranks(retrievers[n], data[n], eq, "hybrid")) for n in data}))
    best = results[0][2]
    lines += ["", f"Chosen: bm25={best.bm25}, bm25_english={best.bm25_english}, sentence={best.sentence}, "
              f"rescore_top={best.rescore_top} "
              f"(highest mean MRR among settings never worse than dense alone).", ""]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
