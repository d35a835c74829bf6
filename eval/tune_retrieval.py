"""Fit the retrieval settings on train, choose on dev, report test.

Settings: how the dense and BM25 rankings are fused (weights, the English BM25
weight, the best-sentence step) and how much query expansion each ranking gets
(none; the letters' abbreviations and officialese; those plus typo correction).
Every question is retrieved once per expansion level (dense and BM25 candidate
lists, best-sentence scores); each setting is then replayed through
:func:`rag.retrieve.fuse`, the function search uses, so the numbers are the
product's.

1. **fit** on the train split of every set: all settings, ranked by their gain in
   MRR@10 over dense alone on the set where that gain is smallest (a setting must
   help every kind of question, not one set at the cost of another);
2. **choose** on dev: of the best train settings, the one with the largest such
   gain on dev;
3. **report** test for that setting beside dense alone and BM25 alone.

``--vary kind`` keeps the shipped setting and replays only that weight (the boost of
chunks of the document kind a question names), fitted and chosen the same way; of the
values as good on dev, the smallest.

Run from the repository root (stores indexed first with the shipped model)::

    rag index data/letters --store /tmp/idx-letters
    rag index eval/kamervragen/corpus --store /tmp/idx-kv
    python eval/tune_retrieval.py staff=eval/staff/set.jsonl@/tmp/idx-letters \\
        kamervragen=eval/kamervragen/set.jsonl@/tmp/idx-kv --out eval/reports/retrieval-tuning.md
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from rag.evalset import Case, load_cases, select_split
from rag.evaluate import first_relevant_rank, mrr_at_k, recall_at_k
from rag.kind import asked_kinds
from rag.language import detect_language
from rag.retrieve import FusionWeights, Hit, Retriever, fuse
from rag.store import Store

LEVELS = ("none", "abbreviations", "abbreviations+typos")
# Weights per fusion rule: RRF weights are relative to the dense ranking's 1.0;
# linear weights scale a BM25 score relative to the best (0..1) and a cosine.
GRID = {
    "rrf": {
        "bm25": [0.0, 0.1, 0.25, 0.5, 1.0],
        "bm25_english": [0.0, 0.25],
        "sentence": [0.0, 0.25, 0.5, 1.0, 1.5],
        "rescore_top": [10, 20, 30],
    },
    "linear": {
        "bm25": [0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3],
        "bm25_english": [0.0, 0.05],
        "sentence": [0.0, 0.1, 0.25, 0.5, 0.75, 1.0],
        "rescore_top": [10, 20, 30],
    },
}
SHORTLIST = 15
# One weight tuned with the shipped setting fixed (--vary).
VARY = {"kind": [0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5]}
VARY_SHORTLIST = 3


@dataclass
class Retrieved:
    """One question's candidate lists at every expansion level."""

    case: Case
    dense: list[list[tuple[str, float]]]
    bm25: list[list[tuple[str, float]]]
    best: list[dict[str, float]]  # best-sentence score per candidate, per dense level


def _query(retriever: Retriever, question: str, level: int) -> str:
    if level == 0:
        return question
    expander = retriever.expander
    expander.correct_typos = level == 2
    return expander.expand(question, english=detect_language(question) == "en").text


def collect(retriever: Retriever, cases: list[Case]) -> list[Retrieved]:
    rows = []
    plain = replace(retriever.weights, expand_dense=False, expand_bm25=False)
    retriever.weights = plain
    for case in tqdm(cases, desc="ophalen", unit="vraag"):
        dense, bm25, best = [], [], []
        for level in range(len(LEVELS)):
            d, b, qvec = retriever.candidates(_query(retriever, case.question, level))
            ids = list(dict.fromkeys([c for c, _ in d] + [c for c, _ in b]))
            spans = retriever.store.sentence_vectors(ids)
            dense.append(d)
            bm25.append(b)
            best.append({cid: max((float(v @ qvec) for _, _, v in spans.get(cid, [])), default=0.0) for cid in ids})
        rows.append(Retrieved(case, dense, bm25, best))
    return rows


def ranks(chunks, rows: list[Retrieved], w: FusionWeights, dl: int, bl: int, mode: str) -> list[int | None]:
    out = []
    for row in rows:
        # Sentence scores exist for candidates of the dense level's query; BM25-only
        # candidates of another level get theirs from that level's lookup.
        best = {**row.best[bl], **row.best[dl]}

        def rescore(hits: list[Hit], best=best) -> None:
            for h in hits:
                h.sentence_score = best.get(h.chunk.id, 0.0)

        if mode == "dense":
            hits = fuse(chunks, row.dense[dl], [], w)
        elif mode == "bm25":
            hits = fuse(chunks, [], row.bm25[bl], w)
        else:
            q = row.case.question
            language = detect_language(q)
            hits = fuse(chunks, row.dense[dl], row.bm25[bl], w, rescore, language, asked_kinds(q, language))
        out.append(first_relevant_rank(row.case, [h.chunk for h in hits[:10]]))
    return out


def table(rows: list[tuple[str, dict[str, dict]]], sets: list[str], first: str = "setting") -> list[str]:
    """A Markdown table: one row per (name, metrics per set)."""
    out = [f"| {first} | " + " | ".join(f"{n} MRR@10 | {n} R@1 | {n} R@5" for n in sets) + " |",
           "|" + "---|" * (1 + 3 * len(sets))]
    for name, per in rows:
        out.append(f"| {name} | " + " | ".join(f"{m['mrr']:.3f} | {m['r@1']:.3f} | {m['r@5']:.3f}"
                                              for m in per.values()) + " |")
    return out


def emit(text: str, out: Path | None) -> None:
    """Print the report, and write it to ``out`` when given."""
    print(text)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")


def metrics(r: list[int | None]) -> dict[str, float]:
    return {"mrr": mrr_at_k(r, 10), "r@1": recall_at_k(r, 1), "r@5": recall_at_k(r, 5)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", help="name=SET.jsonl@STORE")
    ap.add_argument("--out", type=Path, help="write a Markdown report here")
    ap.add_argument("--vary", choices=sorted(VARY), help="keep the shipped setting and tune only this weight")
    args = ap.parse_args(argv)

    data: dict[str, dict[str, list[Retrieved]]] = {}
    chunks = {}
    for spec in args.sets:
        name, rest = spec.split("=", 1)
        set_path, store_path = rest.split("@", 1)
        retriever = Retriever(Store(store_path))
        chunks[name] = retriever.chunks
        cases = [c for c in load_cases(set_path) if not c.unanswerable]
        data[name] = {split: collect(retriever, select_split(cases, split)) for split in ("train", "dev", "test")}
    model = retriever.embedder.name
    base = FusionWeights()
    if args.vary:
        return vary(args.vary, data, chunks, model, args.out)

    def evaluate(split: str, w: FusionWeights, dl: int, bl: int, mode: str = "hybrid") -> dict[str, dict]:
        return {n: metrics(ranks(chunks[n], data[n][split], w, dl, bl, mode)) for n in data}

    settings = []
    for fusion, grid in GRID.items():
        for b, be, s, top, dl, bl in itertools.product(*grid.values(), range(len(LEVELS)), range(len(LEVELS))):
            settings.append((replace(base, fusion=fusion, bm25=b, bm25_english=be, sentence=s, rescore_top=top), dl, bl))

    def rank_settings(split: str, candidates):
        dense = evaluate(split, base, 0, 0, "dense")
        scored = []
        for w, dl, bl in tqdm(candidates, desc=f"instellingen ({split})", unit="inst"):
            per = evaluate(split, w, dl, bl)
            # The gain over dense alone on the set where it is smallest: a setting must
            # help every kind of question, not one set at the cost of another.
            worst_gain = min(per[n]["mrr"] - dense[n]["mrr"] for n in data)
            scored.append((worst_gain >= 0, worst_gain, (w, dl, bl), per))
        scored.sort(key=lambda x: (x[0], round(x[1], 4), sum(m["mrr"] for m in x[3].values())), reverse=True)
        return scored, dense

    fitted, dense_train = rank_settings("train", settings)
    chosen_on_dev, dense_dev = rank_settings("dev", [s for _, _, s, _ in fitted[:SHORTLIST]])
    w, dl, bl = chosen_on_dev[0][2]

    def label(w: FusionWeights, dl: int, bl: int) -> str:
        return (f"{w.fusion} bm25={w.bm25} bm25_en={w.bm25_english} sentence={w.sentence} top={w.rescore_top} kind={w.kind} "
                f"dense:{LEVELS[dl]} bm25:{LEVELS[bl]}")

    sizes = ", ".join(f"{n}: {len(d['train'])}/{len(d['dev'])}/{len(d['test'])}" for n, d in data.items())
    lines = ["# Retrieval tuning", "", f"Model `{model}`. Answerable questions per split (train/dev/test): {sizes}.",
             "Fitted on train, chosen on dev, reported on test; only the test table is a result.", "",
             "## Test (held out)", ""]
    lines += table([
        ("dense only", evaluate("test", base, 0, 0, "dense")),
        ("BM25 only", evaluate("test", base, 0, 0, "bm25")),
        ("dense only, expanded query", evaluate("test", base, dl, 0, "dense")),
        ("hybrid, equal-weight RRF, no expansion, no sentence step",
         evaluate("test", replace(base, bm25=1.0, bm25_english=1.0, sentence=0.0), 0, 0)),
        (f"**chosen**: {label(w, dl, bl)}", evaluate("test", w, dl, bl)),
    ], list(data))
    lines += ["", "## Dev (choosing among the best train settings)", ""]
    lines += table([("dense only", dense_dev)] + [(label(*s), per) for _, _, s, per in chosen_on_dev[:8]], list(data))
    lines += ["", "## Train (fitting)", ""]
    lines += table([("dense only", dense_train)] + [(label(*s), per) for _, _, s, per in fitted[:8]], list(data))
    lines += ["", f"Chosen: {label(w, dl, bl)}.", ""]
    text = "\n".join(lines)
    emit(text, args.out)
    return 0


def vary(name: str, data: dict[str, dict[str, list[Retrieved]]], chunks: dict, model: str, out: Path | None) -> int:
    """Tune one weight of the shipped setting: fit on train, choose on dev, report test."""
    shipped = FusionWeights.for_model(model)
    dl = (2 if shipped.correct_typos else 1) if shipped.expand_dense else 0
    bl = (2 if shipped.correct_typos else 1) if shipped.expand_bm25 else 0

    def per_set(split: str, value: float) -> dict[str, dict]:
        w = replace(shipped, **{name: value})
        return {n: metrics(ranks(chunks[n], data[n][split], w, dl, bl, "hybrid")) for n in data}

    rows = {split: {v: per_set(split, v) for v in VARY[name]} for split in ("train", "dev", "test")}

    def worst_gain(split: str, v: float) -> float:
        """MRR@10 gain over the weight at 0 on the set where it is smallest."""
        return round(min(rows[split][v][n]["mrr"] - rows[split][0.0][n]["mrr"] for n in data), 4)

    fitted = sorted(VARY[name], key=lambda v: (-worst_gain("train", v), v))[:VARY_SHORTLIST]
    chosen = min(fitted, key=lambda v: (-worst_gain("dev", v), v))
    lines = [f"# Retrieval tuning: `{name}`", "",
             f"Model `{model}`; every other weight as shipped. Fitted on train (shortlist: the "
             f"{VARY_SHORTLIST} values with the largest gain in MRR@10 over {name}=0 on the set where it is "
             "smallest), chosen on dev (of those, the best; ties to the smallest value). Only the test table is a result.",
             "Answerable questions per split (train/dev/test): "
             + ", ".join(f"{n}: {len(d['train'])}/{len(d['dev'])}/{len(d['test'])}" for n, d in data.items()) + ".", ""]
    for split, title in (("test", "Test (held out)"), ("dev", "Dev (choosing)"), ("train", "Train (fitting)")):
        lines += [f"## {title}", ""]
        lines += table([(f"{v}{' **chosen**' if v == chosen else ''}", rows[split][v]) for v in VARY[name]],
                       list(data), first=name)
        lines.append("")
    lines.append(f"Chosen: {name}={chosen}.")
    text = "\n".join(lines)
    emit(text, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
