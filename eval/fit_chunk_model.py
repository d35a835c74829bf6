"""Fit the chunk model: which of the retrieved chunks an extractive answer quotes from.

The answerer reads candidate sentences from the five best-ranked chunks. Which chunk it
quotes decides the citation. Without this model it quotes the best-ranked chunk unless
another chunk's best sentence is 1.25 times as likely. With it, a conditional logit over
each chunk's features (``rag.answer_model.CHUNK_FEATURES``: the retrieval scores beside
the other chunks', how much of the question's topic the chunk covers, its best sentence's
probability and fact) picks the chunk. A chunk is right when it holds the case's evidence
(``rag.evaluate.is_relevant``, as citation precision counts it).

The model is fitted on the **train** sets, and its regularisation and margin are chosen
on the **dev** sets: how often the chosen chunk is right. The **test** sets are reported,
never used to choose. Run it after ``eval/fit_answer_model.py``: the features hold the
sentence model's probabilities. The parameters go into ``rag/answer_model.json`` under the
embedding model's family, beside the sentence and answerability models; the figures go to
a Markdown report.

Run from the repository root, with a store of the letters the sets ask about::

    python eval/fit_chunk_model.py --store STORE \\
        --train eval/staff/set.jsonl:train --train eval/unseen/set-1.jsonl ... \\
        --dev eval/staff/set.jsonl:dev --dev eval/unseen/set-14.jsonl ... \\
        --test eval/staff/set.jsonl:test --test eval/unseen/set-18.jsonl ... \\
        --out eval/reports/chunk-model.md
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from tqdm import tqdm

from rag.answer import Answerer
from rag.answer_model import CHUNK_FEATURES, MODEL_FILE, AnswerModel, LogisticModel
from rag.embed import model_family
from rag.evalset import Case, load_cases, select_split
from rag.evaluate import is_relevant
from rag.evidence import chunk_features, select
from rag.retrieve import Retriever
from rag.store import Store

L2_GRID = [0.3, 1.0, 3.0, 10.0, 30.0]
MARGIN_GRID = [0.0, 0.5, 1.0]


@dataclass
class Question:
    """One answerable question's candidate chunks: their features, which are right, and
    which one the rule without a chunk model quotes."""

    features: np.ndarray
    right: np.ndarray
    rule: int


def _cases(spec: str) -> list[Case]:
    """The cases of ``PATH`` or ``PATH:SPLIT``."""
    path, _, split = spec.partition(":")
    cases = load_cases(Path(path))
    return select_split(cases, split) if split else cases


def collect(answerer: Answerer, cases: list[Case], desc: str) -> list[Question]:
    out = []
    for case in tqdm(cases, desc=desc, unit="vraag"):
        if case.unanswerable or case.timeline or case.history:
            continue
        hits, qvec, _ = answerer.retrieve(case.question)
        q = answerer.analyse(case.question)
        scored = answerer.score_sentences(q, hits, qvec)
        if not scored:
            continue
        chunks, rows = chunk_features(q, scored, answerer.topic(q))
        quoted = select(scored, answerer.settings, answerer.model)[0].hit.chunk.id
        out.append(Question(rows, np.array([is_relevant(case, h.chunk) for h in chunks], dtype=float),
                            [h.chunk.id for h in chunks].index(quoted)))
    return out


def fit(questions: list[Question], l2: float) -> LogisticModel:
    """A conditional logit: for each question, the softmax over its chunks of the model's
    scores should put its weight on the right ones (L2-regularised, on standardised features)."""
    usable = [q for q in questions if q.right.any()]  # no right chunk: nothing to choose between
    stacked = np.vstack([q.features for q in usable])
    mean, scale = stacked.mean(axis=0), stacked.std(axis=0)
    scale[scale == 0] = 1.0
    xs = [(q.features - mean) / scale for q in usable]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * w @ w, 2 * l2 * w
        for x, q in zip(xs, usable):
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            right = p * q.right
            total -= np.log(right.sum())
            grad -= x.T @ (right / right.sum() - p)
        return total, grad

    w = minimize(loss, np.zeros(len(CHUNK_FEATURES)), jac=True, method="L-BFGS-B").x
    return LogisticModel(list(CHUNK_FEATURES), mean, scale, w, 0.0)


def chosen(model: LogisticModel, q: Question, margin: float) -> int:
    z = ((q.features - model.mean) / model.scale) @ model.coef
    best = int(np.argmax(z))
    return best if z[best] >= z[0] + margin else 0


def right_share(questions: list[Question], pick) -> float:
    return sum(q.right[pick(q)] for q in questions) / max(len(questions), 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True, help="store of the letters the sets ask about")
    for name in ("train", "dev", "test"):
        ap.add_argument(f"--{name}", action="append", default=[], metavar="SET[:SPLIT]",
                        help=f"a labelled set (JSONL), or one split of it, for {name} (repeatable)")
    ap.add_argument("--model-file", type=Path, default=MODEL_FILE)
    ap.add_argument("--out", type=Path, help="Markdown report")
    args = ap.parse_args(argv)
    if not args.train or not args.dev:
        ap.error("give at least one --train and one --dev set")

    retriever = Retriever(Store(args.store))
    shipped = AnswerModel.load(retriever.embedder.name, args.model_file)
    shipped.chunk = None  # the features and the rule to beat are those without a chunk model
    answerer = Answerer(retriever, model=shipped)
    data = {name: [q for spec in getattr(args, name) for q in collect(answerer, _cases(spec), f"{name} {spec}")]
            for name in ("train", "dev", "test")}

    grid = []
    for l2 in L2_GRID:
        model = fit(data["train"], l2)
        for margin in MARGIN_GRID:
            grid.append((right_share(data["dev"], lambda q: chosen(model, q, margin)), l2, margin, model))
    # Ties go to the stronger regularisation and the larger margin: the smaller change.
    dev_right, l2, margin, model = max(grid, key=lambda t: (t[0], t[1], t[2]))
    results = {name: {"questions": len(qs), "rule": right_share(qs, lambda q: q.rule),
                      "best_ranked": right_share(qs, lambda q: 0),
                      "model": right_share(qs, lambda q: chosen(model, q, margin)),
                      "any": right_share(qs, lambda q: int(np.argmax(q.right)))}
               for name, qs in data.items() if qs}

    family = model_family(retriever.embedder.name)
    stored = json.loads(args.model_file.read_text(encoding="utf-8"))
    entry = stored["models"][family]
    entry["chunk"] = model.to_dict()
    entry["chunk_margin"] = margin
    entry.setdefault("fitted", {})["chunk"] = {
        "on": "train", "chosen_on": "dev", "l2": l2, "margin": margin,
        **{f"{name}_sets": getattr(args, name) for name in ("train", "dev", "test")},
        "train_questions": len(data["train"]), "train_with_a_right_chunk": int(sum(q.right.any() for q in data["train"])),
    }
    args.model_file.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    lines = ["# Chunk model: which retrieved chunk an extractive answer quotes", "",
             f"Embedding model family: `{family}`. Fitted on train, L2 {l2} and margin {margin} chosen on dev "
             f"(right on dev: {dev_right:.3f}); test is reported only.", "",
             "Share of answerable questions whose quoted chunk holds the evidence (as citation precision counts it):", "",
             "| split | questions | best-ranked chunk | rule (switch ratio) | chunk model | any of the five |",
             "|---|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['questions']} | {r['best_ranked']:.3f} | {r['rule']:.3f} | **{r['model']:.3f}** "
                     f"| {r['any']:.3f} |")
    lines += ["", "Sets: " + "; ".join(f"{name}: {', '.join(getattr(args, name)) or '-'}" for name in results), "",
              "Weights (standardised features):", "", "| feature | weight |", "|---|---|"]
    lines += [f"| {f} | {w:+.2f} |" for f, w in zip(CHUNK_FEATURES, model.coef)]
    report = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
