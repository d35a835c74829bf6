"""Fit the chunk model: which of the retrieved chunks an extractive answer quotes from.

The answerer reads candidate sentences from the five best-ranked chunks. Which chunk it
quotes from mostly decides the citation (a later step may still lead with a sentence of
another chunk that holds the fact asked for, or of a later letter). Without this model it
quotes the best-ranked chunk unless another chunk's best sentence is ``switch_ratio`` times
as likely. With it, a conditional logit over each chunk's features
(``rag.answer_model.CHUNK_FEATURES``: the retrieval scores beside the other chunks', how
much of the question's topic the chunk covers, whether it is the kind of document the
question names, its best sentence's probability, whether any of its sentences holds the
fact asked for) picks the chunk. A chunk is right when it holds the case's evidence
(``rag.evaluate.is_relevant``, as citation precision counts it). Only questions whose
answer comes to a chunk choice count: not those answered from an agenda's structure or
answered or refused before a chunk is chosen (``Answerer.settled``: an office or signature
line, nothing to quote, too unlikely an answer), nor those that name a meeting or letter no
indexed letter is of (``ask`` refuses those).

The model is fitted on the **train** sets, and its regularisation and margin are chosen
on the **dev** sets by the answer model's objective (``eval/fit_answer_model.py``: fact
accuracy, citation precision and answered right, less any shortfall of refusals), with the
rule competing. The **test** sets are reported,
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
from rag.answer_model import CHUNK_FEATURES, MODEL_FILE, AnswerModel, LogisticModel, pick_chunk
from rag.embed import model_family
from rag.evalset import Case, load_cases, select_split
from rag.evaluate import is_relevant
from rag.evidence import chunk_features, select
from rag.retrieve import Retriever
from rag.store import Store

# The answer model's dev objective, from the script beside this one (a script's folder is on its path).
from fit_answer_model import Row, answer_metrics, objective  # noqa: E402

L2_GRID = [0.3, 1.0, 3.0, 10.0, 30.0]
MARGIN_GRID = [0.0, 0.5, 1.0]


@dataclass
class ChunkChoice:
    """One answerable question's candidate chunks, best-ranked first: their features, which
    are right, and which one the rule without a chunk model quotes."""

    features: np.ndarray
    right: np.ndarray
    rule: int


def _cases(spec: str) -> list[Case]:
    """The cases of ``PATH`` or ``PATH:SPLIT``."""
    path, _, split = spec.partition(":")
    cases = load_cases(Path(path))
    return select_split(cases, split) if split else cases


def collect(answerer: Answerer, cases: list[Case], desc: str) -> tuple[list[ChunkChoice], list[Row]]:
    """Each of ``cases`` retrieved once on the path :meth:`Answerer.ask` takes: as a row to
    answer, and, for an answerable one whose answer comes to a chunk choice (not settled
    before, :meth:`Answerer.settled`), as that choice. Timeline cases and follow-ups are not
    single questions; questions answered from an agenda's structure, or naming a meeting or
    letter no indexed letter is of, never come to a chunk choice."""
    choices, rows = [], []
    for case in tqdm(cases, desc=desc, unit="vraag"):
        if case.timeline or case.history or answerer.agenda(case.question) is not None:
            continue
        hits, qvec, unindexed = answerer.retrieve(case.question)
        if unindexed is not None:
            continue
        q = answerer.analyse(case.question)
        scored = answerer.score_sentences(q, hits, qvec)
        rows.append(Row(case, hits, qvec, scored, q))
        answerer.unmark_facts_of_other_objects(q, scored)
        if case.unanswerable or answerer.settled(q, hits, scored) is not None:
            continue
        candidates, features = chunk_features(q, scored, answerer.topic(q))
        quoted = select(scored, answerer.settings, answerer.model)[0].hit.chunk.id
        choices.append(ChunkChoice(features, np.array([is_relevant(case, h.chunk) for h in candidates], dtype=float),
                                   [h.chunk.id for h in candidates].index(quoted)))
    return choices, rows


def fit(choices: list[ChunkChoice], l2: float, features: list[str]) -> LogisticModel:
    """A conditional logit: for each question, the softmax over its chunks of the model's
    scores should put its weight on the right ones (L2-regularised, on standardised features)."""
    usable = [c for c in choices if c.right.any()]  # no right chunk: nothing to choose between
    columns = [CHUNK_FEATURES.index(f) for f in features]
    if not usable:
        raise SystemExit("no train question has a chunk that holds its evidence among its candidates")
    stacked = np.vstack([c.features[:, columns] for c in usable])
    mean, scale = stacked.mean(axis=0), stacked.std(axis=0)
    scale[scale == 0] = 1.0
    xs = [(c.features[:, columns] - mean) / scale for c in usable]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * w @ w, 2 * l2 * w
        for x, c in zip(xs, usable):
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            right = p * c.right
            total -= np.log(right.sum())
            grad -= x.T @ (right / right.sum() - p)
        return total, grad

    result = minimize(loss, np.zeros(len(features)), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    if not result.success:  # the line search may stop short at the optimum too: say so, keep the result
        print(f"chunk model, L2 {l2}: {result.message}", file=sys.stderr)
    return LogisticModel(list(features), mean, scale, result.x, 0.0).reading(CHUNK_FEATURES)


def best_on_dev(grid: list[tuple]) -> tuple:
    """The best of ``grid``'s (objective, right, L2, margin, model) entries: by objective (to
    1e-9), a tie to the rule (model None), then to the chunk more often right, the stronger
    regularisation and the larger margin: the smaller change."""
    return max(grid, key=lambda t: (round(t[0], 9), t[4] is None, *t[1:4]))


def right_share(choices: list[ChunkChoice], pick) -> float:
    """The share of ``choices`` in which the chunk ``pick`` chooses is right."""
    return sum(c.right[pick(c)] for c in choices) / max(len(choices), 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True, help="store of the letters the sets ask about")
    for name in ("train", "dev", "test"):
        ap.add_argument(f"--{name}", action="append", default=[], metavar="SET[:SPLIT]",
                        help=f"a labelled set (JSONL), or one split of it, for {name} (repeatable)")
    ap.add_argument("--model-file", type=Path, default=MODEL_FILE)
    ap.add_argument("--out", type=Path, help="Markdown report")
    ap.add_argument("--drop", action="append", default=[], choices=CHUNK_FEATURES, metavar="FEATURE",
                    help="fit without this feature (an ablation; repeatable)")
    args = ap.parse_args(argv)
    if not args.train or not args.dev:
        ap.error("give at least one --train and one --dev set")
    features = [f for f in CHUNK_FEATURES if f not in args.drop]
    if not args.model_file.exists():
        ap.error(f"{args.model_file} does not exist: fit the sentence model first (eval/fit_answer_model.py)")

    retriever = Retriever(Store(args.store))
    family = model_family(retriever.embedder.name)
    stored = json.loads(args.model_file.read_text(encoding="utf-8"))
    if family not in stored["models"]:  # load() would read another model's sentence model
        ap.error(f"{args.model_file} has no models for {retriever.embedder.name}: fit them first "
                 "(eval/fit_answer_model.py)")
    answerer = Answerer(retriever, model=AnswerModel.load(retriever.embedder.name, args.model_file))
    answerer.model.chunk = None  # the features and the rule to beat are those without a chunk model
    choices, rows = {}, {}
    for name in ("train", "dev", "test"):
        collected = [collect(answerer, _cases(spec), f"{name} {spec}") for spec in getattr(args, name)]
        choices[name] = [c for cs, _ in collected for c in cs]
        rows[name] = [r for _, rs in collected for r in rs]

    def answers(model: LogisticModel | None, margin: float, split: str) -> dict:
        answerer.model.chunk, answerer.model.chunk_margin = model, margin
        return answer_metrics(answerer, rows[split])

    def right(model: LogisticModel | None, margin: float, split: str) -> float:
        if model is None:
            return right_share(choices[split], lambda c: c.rule)
        return right_share(choices[split], lambda c: pick_chunk(model.score(c.features), margin))

    # Chosen on dev by the answer model's objective (fact accuracy + citation precision +
    # answered right, less any shortfall of refusals): a chunk with the fact asked for can
    # turn a refusal into an answer, so the quoted chunk being right is not all that counts.
    # The rule without a chunk model competes (best_on_dev says how ties go).
    grid = [(objective(answers(None, 0.0, "dev")), right(None, 0.0, "dev"), np.inf, np.inf, None)]
    for l2 in L2_GRID:
        model = fit(choices["train"], l2, features)
        for margin in MARGIN_GRID:
            grid.append((objective(answers(model, margin, "dev")), right(model, margin, "dev"), l2, margin, model))
    dev_objective, dev_right, l2, margin, model = best_on_dev(grid)
    results = {name: {"questions": len(choices[name]), "answered questions": len(rows[name]),
                      "best_ranked": right_share(choices[name], lambda c: 0), "rule": right(None, 0.0, name),
                      "model": right(model, margin, name), "any": right_share(choices[name], lambda c: int(np.argmax(c.right))),
                      "rule answers": answers(None, 0.0, name), "model answers": answers(model, margin, name)}
               for name in ("train", "dev", "test") if choices[name]}

    entry = stored["models"][family]
    for key in ("chunk", "chunk_margin"):
        entry.pop(key, None)
    if model is not None:
        entry["chunk"] = model.to_dict()
        entry["chunk_margin"] = margin
    entry.setdefault("fitted", {})["chunk"] = {
        "on": "train", "chosen_on": "dev", "l2": None if model is None else l2, "margin": None if model is None else margin,
        "dropped": args.drop, **{f"{name}_sets": getattr(args, name) for name in ("train", "dev", "test")},
        "train_questions": len(choices["train"]),
        "train_with_a_right_chunk": int(sum(c.right.any() for c in choices["train"])),
    }
    args.model_file.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    chosen = ("no chunk model: the rule did as well on dev" if model is None
              else f"L2 {l2} and margin {margin} chosen on dev")
    lines = ["# Chunk model: which retrieved chunk an extractive answer quotes", "",
             f"Embedding model family: `{family}`. Fitted on train; {chosen} (objective {dev_objective:.3f}, "
             f"quoted chunk right {dev_right:.3f}); test is reported only."
             + (f" Fitted without: {', '.join(args.drop)}." if args.drop else ""), "",
             "Share of the answerable questions that come to a chunk choice whose chosen chunk holds the evidence "
             "(as citation precision counts it):", "",
             "| split | questions | best-ranked chunk | rule (switch ratio) | chunk model | any of the five |",
             "|---|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['questions']} | {r['best_ranked']:.3f} | {r['rule']:.3f} | **{r['model']:.3f}** "
                     f"| {r['any']:.3f} |")
    lines += ["", "The answers of all questions (not those answered from an agenda's structure, nor those naming a "
                   "meeting or letter not indexed), rule → chunk model:", "",
              "| split | questions | fact accuracy | citation precision | answered right | unanswerable refused |",
              "|---|---|---|---|---|---|"]
    for name, r in results.items():
        a, b = r["rule answers"], r["model answers"]
        lines.append(f"| {name} | {r['answered questions']} | {a['fact_accuracy']:.3f} → {b['fact_accuracy']:.3f} "
                     f"| {a['citation_precision']:.3f} → {b['citation_precision']:.3f} "
                     f"| {a['answered_right']:.3f} → {b['answered_right']:.3f} "
                     f"| {a['unanswerable_refused']} → {b['unanswerable_refused']} of {b['unanswerable']} |")
    lines += ["", "Dev, per choice (objective, quoted chunk right):", "", "| L2 | margin | objective | right |", "|---|---|---|---|"]
    lines += [f"| {'rule' if m is None else g_l2} | {'' if m is None else g_margin} | {obj:.3f} | {r:.3f} |"
              for obj, r, g_l2, g_margin, m in grid]
    lines += ["", "Sets: " + "; ".join(f"{name}: {', '.join(getattr(args, name)) or '-'}" for name in results)]
    if model is not None:
        lines += ["", "Weights (standardised features):", "", "| feature | weight |", "|---|---|"]
        lines += [f"| {f} | {w:+.2f} |" for f, w in zip(model.features, model.coef)]
    report = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
