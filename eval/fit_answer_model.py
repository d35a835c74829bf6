"""Fit the extractive answerer's two models and choose its thresholds.

1. The **sentence model**: a logistic regression over each candidate sentence's
   features (``rag.answer_model.SENTENCE_FEATURES``); a sentence is positive when it holds
   one of the case's expected facts (``answer_contains``) or its evidence phrase.
2. The **answerability model**: a logistic regression over the best evidence of a
   question (``rag.answer_model.ANSWER_FEATURES``); positive when the question is
   answerable and the best sentence comes from a relevant chunk, negative when the
   letters do not answer it. Off-topic Kamervragen (their train split, asked of the
   bundled letters) add negatives of the "nothing on this topic" kind.

Both are fitted on the **train** split only. The regularisation strength and the
thresholds (when to answer, how many sentences to quote, when another chunk may
be quoted) are chosen on **dev**. **test** is reported, never used to choose.
The parameters are written to ``rag/answer_model.json`` under the embedding
model's family, the figures to a Markdown report. The third model, which chunk to quote
from, reads the sentence model's probabilities: fit it afterwards with
``eval/fit_chunk_model.py`` (a refit here drops the one fitted on the old sentence model).

Run from the repository root, with the stores of ``rag eval`` (``--corpus``)::

    python eval/fit_answer_model.py --set eval/staff/set.jsonl --store STAFF_STORE \\
        --negatives eval/kamervragen/set.jsonl --out eval/reports/answer-model.md
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from tqdm import tqdm

from rag.answer import Answerer
from rag.answer_model import ANSWER_FEATURES, MODEL_FILE, SENTENCE_FEATURES, AnswerModel, LogisticModel, feature_columns
from rag.embed import model_family
from rag.evalset import Case, load_cases, select_split
from rag.evaluate import contains_fact, fold, is_relevant
from rag.evidence import ScoredSentence
from rag.question import Question, analyse
from rag.retrieve import Retriever
from rag.store import Store

C_GRID = [0.03, 0.1, 0.3, 1.0, 3.0]
THRESHOLD_GRID = {
    "min_answerable": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
    "min_answerable_english": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
    "keep_ratio": [0.2, 0.3, 0.4, 0.5, 0.6, 0.8],
    "other_chunk_ratio": [1.0, 1.2, 100.0],
    "switch_ratio": [1.0, 1.1, 1.25, 1.5],
    "fact_ratio": [0.2, 0.35, 0.5],
}


@dataclass
class Row:
    """One question, retrieved once: its hits, query vector and candidate sentences."""

    case: Case
    hits: list
    qvec: np.ndarray
    scored: list[ScoredSentence]
    q: Question
    negative_only: bool = False  # an off-topic question from another set


def _placeholder() -> AnswerModel:
    zero = lambda names: LogisticModel(names, np.zeros(len(names)), np.ones(len(names)), np.zeros(len(names)), 0.0)  # noqa: E731
    return AnswerModel(zero(SENTENCE_FEATURES), zero(ANSWER_FEATURES))


def collect(answerer: Answerer, cases: list[Case], negative_only: bool = False) -> list[Row]:
    rows = []
    for case in tqdm(cases, desc="kenmerken", unit="vraag"):
        qvec = answerer.retriever.embed_query(case.question)
        hits = answerer.retriever.search(case.question, k=10, qvec=qvec)
        q = analyse(case.question)
        rows.append(Row(case, hits, qvec, answerer.score_sentences(q, hits, qvec), q, negative_only))
    return rows


def sentence_label(case: Case, text: str) -> bool:
    if any(contains_fact(text, f) for f in case.answer_contains):
        return True
    return bool(case.evidence) and fold(case.evidence) in fold(text)


def fit_logistic(x: np.ndarray, y: np.ndarray, names: list[str], c: float) -> LogisticModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return LogisticModel(names, mean, scale, lr.coef_[0].astype(np.float64), float(lr.intercept_[0]))


def rescore(answerer: Answerer, rows: list[Row]) -> None:
    """Apply the current sentence model to the cached features."""
    for row in rows:
        if not row.scored:
            continue
        probs = answerer.model.sentence.probability(np.stack([s.features for s in row.scored]))
        for s, p in zip(row.scored, probs):
            s.probability = float(p)
        row.scored.sort(key=lambda x: (-x.probability, x.hit_rank, x.start))


def top1_hits(rows: list[Row]) -> float:
    """Share of answerable questions whose most likely sentence holds an expected fact."""
    useful = [r for r in rows if not r.case.unanswerable and r.case.answer_contains and r.scored]
    return sum(sentence_label(r.case, r.scored[0].text) for r in useful) / max(len(useful), 1)


def answer_rows(answerer: Answerer, rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    x, y = [], []
    for r in rows:
        if not r.scored:
            continue
        ev = answerer.evidence(r.q, r.scored)
        if r.case.unanswerable or r.negative_only:
            label = 0
        elif is_relevant(r.case, ev.best.hit.chunk):
            label = 1
        else:
            continue  # a retrieval miss says nothing about when to answer
        x.append(ev.features())
        y.append(label)
    return np.asarray(x), np.asarray(y)


def answer_metrics(answerer: Answerer, rows: list[Row]) -> dict[str, float | int]:
    """The eval's answer metrics (rag.evaluate) on cached retrieval, plus near-topic refusals."""
    facts_ok = facts_n = cites_ok = cites_n = flag_ok = refused = unans = 0
    for r in rows:
        if r.negative_only:
            continue
        a = answerer.decide(r.q, r.hits, r.scored)
        flag_ok += a.answered != r.case.unanswerable
        if r.case.unanswerable:
            unans += 1
            refused += not a.answered
            continue
        if r.case.answer_contains:
            facts_n += 1
            facts_ok += a.answered and all(contains_fact(a.answer, f) for f in r.case.answer_contains)
        for c in a.citations:
            cites_n += 1
            cites_ok += is_relevant(r.case, c.chunk)
    n = len([r for r in rows if not r.negative_only])
    return {"n": n, "fact_accuracy": facts_ok / max(facts_n, 1), "citation_precision": cites_ok / max(cites_n, 1),
            "answered_right": flag_ok / max(n, 1), "unanswerable_refused": refused, "unanswerable": unans}


def objective(m: dict) -> float:
    """Each answer target counts once (refusals are in answered_right); refusing fewer
    than 3 in 4 near-topic unanswerable questions costs the shortfall on top."""
    refused = m["unanswerable_refused"] / m["unanswerable"] if m["unanswerable"] else 1.0
    return m["fact_accuracy"] + m["citation_precision"] + m["answered_right"] - max(0.0, 0.75 - refused)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, required=True, help="labelled eval set (JSONL with splits)")
    ap.add_argument("--store", type=Path, required=True, help="store of the set's corpus")
    ap.add_argument("--negatives", type=Path, help="an eval set on other letters: its train questions become off-topic negatives")
    ap.add_argument("--n-negatives", type=int, default=60)
    ap.add_argument("--train-set", type=Path, action="append", default=[],
                    help="another labelled set on the same letters, all of it added to train (repeatable)")
    ap.add_argument("--dev-set", type=Path, action="append", default=[],
                    help="another labelled set on the same letters, all of it added to dev (repeatable)")
    ap.add_argument("--model-file", type=Path, default=MODEL_FILE)
    ap.add_argument("--out", type=Path, help="Markdown report")
    ap.add_argument("--floors-only", action="store_true",
                    help="choose on dev only when to answer (min_answerable, min_answerable_english); how much to "
                         "quote stays as the model file has it (the full grid over a large dev set takes hours)")
    ap.add_argument("--drop", action="append", default=[], choices=SENTENCE_FEATURES, metavar="FEATURE",
                    help="fit the sentence model without this feature (an ablation; repeatable)")
    args = ap.parse_args(argv)
    names = [f for f in SENTENCE_FEATURES if f not in args.drop]

    retriever = Retriever(Store(args.store))
    answerer = Answerer(retriever, model=_placeholder())
    cases = load_cases(args.set)
    data = {split: collect(answerer, select_split(cases, split)) for split in ("train", "dev", "test")}
    for split, extra in (("train", args.train_set), ("dev", args.dev_set)):
        for path in extra:
            data[split] += collect(answerer, load_cases(path))
    if args.negatives:
        negatives = [c for c in select_split(load_cases(args.negatives), "train")][: args.n_negatives]
        data["train"] += collect(answerer, negatives, negative_only=True)

    # 1. Sentence model: fit on train for each C, choose the C whose most likely sentence holds the fact on dev.
    x, y = [], []
    for r in data["train"]:
        if r.negative_only or r.case.unanswerable or not r.case.answer_contains:
            continue
        for s in r.scored:
            x.append(s.features)
            y.append(sentence_label(r.case, s.text))
    x, y = np.asarray(x)[:, feature_columns(names, SENTENCE_FEATURES)], np.asarray(y, dtype=int)

    def fit_sentence(c: float) -> LogisticModel:
        # Scored rows hold every computed feature; the model reads only the ones it was fitted on.
        return fit_logistic(x, y, names, c).reading(SENTENCE_FEATURES)

    sentence_choice = []
    for c in C_GRID:
        answerer.model.sentence = fit_sentence(c)
        for split in ("train", "dev"):
            rescore(answerer, data[split])
        sentence_choice.append((top1_hits(data["dev"]), c, top1_hits(data["train"])))
    dev_top1, c_sentence, train_top1 = max(sentence_choice, key=lambda t: (t[0], -abs(np.log10(t[1]))))
    answerer.model.sentence = fit_sentence(c_sentence)
    for split in data:
        rescore(answerer, data[split])

    # 2. Answerability model on train; its C and every threshold chosen on dev.
    xa, ya = answer_rows(answerer, data["train"])
    xd, yd = answer_rows(answerer, data["dev"])
    # C by dev log-loss (it does not depend on the thresholds), then every threshold on dev.
    def dev_loss(c: float) -> float:
        p = np.clip(fit_logistic(xa, ya, ANSWER_FEATURES, c).probability(xd), 1e-6, 1 - 1e-6)
        return float(-np.mean(yd * np.log(p) + (1 - yd) * np.log(1 - p)))

    c_answer = min(C_GRID, key=dev_loss)
    answerer.model.answerable = fit_logistic(xa, ya, ANSWER_FEATURES, c_answer)
    grid = dict(THRESHOLD_GRID)
    if args.floors_only:
        known = json.loads(args.model_file.read_text(encoding="utf-8"))["models"] if args.model_file.exists() else {}
        if model_family(retriever.embedder.name) not in known:  # load() would give another model's thresholds
            ap.error(f"--floors-only: {args.model_file} has no model for {retriever.embedder.name} "
                     "whose thresholds to keep")
        shipped = AnswerModel.load(retriever.embedder.name, args.model_file)
        grid.update({k: [getattr(shipped, k)] for k in grid if not k.startswith("min_answerable")})
    best = None
    for values in itertools.product(*grid.values()):
        for k, v in zip(grid, values):
            setattr(answerer.model, k, v)
        score = objective(answer_metrics(answerer, data["dev"]))
        if best is None or score > best[0] + 1e-9:
            best = (score, dict(zip(grid, values)))
    thresholds = best[1]
    for k, v in thresholds.items():
        setattr(answerer.model, k, v)
    results = {split: answer_metrics(answerer, data[split]) for split in ("train", "dev", "test")}

    family = model_family(retriever.embedder.name)
    stored = json.loads(args.model_file.read_text(encoding="utf-8")) if args.model_file.exists() else {
        "default": family, "models": {}}
    if "floors_chosen_on" in stored["models"].get(family, {}).get("fitted", {}):
        # The floors this fit writes are chosen on its own dev split, not on the sets choose_floors asked.
        print(f"{args.model_file}: the floors chosen by eval/choose_floors.py are replaced; choose them again "
              "after this fit: python eval/choose_floors.py ... --write", file=sys.stderr)
    if "chunk" in stored["models"].get(family, {}):
        # Its features hold the sentence model's probabilities: fitted on the old one, it is dropped.
        print(f"{args.model_file}: the chunk model of {family} is dropped with the sentence model it read; "
              "fit it again: python eval/fit_chunk_model.py", file=sys.stderr)
    stored["models"][family] = {
        "sentence": answerer.model.sentence.to_dict(),
        "answerable": answerer.model.answerable.to_dict(),
        **{k: float(v) for k, v in thresholds.items()},
        "fitted": {"set": str(args.set), "on": "train", "chosen_on": "dev", "c_sentence": c_sentence,
                   "train_sets": [str(p) for p in args.train_set], "dev_sets": [str(p) for p in args.dev_set],
                   "c_answerable": c_answer, "floors_only": args.floors_only,
                   "sentences": int(len(y)), "sentence_positives": int(y.sum()),
                   "questions": int(len(ya)), "answerable_positives": int(ya.sum())},
    }
    args.model_file.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    lines = [
        f"# Answer model ({family})", "",
        f"Fitted on the **train** split of `{args.set}`"
        + "".join(f" and all of `{p}`" for p in args.train_set) + "; C and thresholds chosen on **dev**"
        + "".join(f" (with all of `{p}`)" for p in args.dev_set) + f"; **test** (of `{args.set}`) is the result.",
        "", f"Sentence model: {len(y)} sentences ({int(y.sum())} hold an expected fact), C = {c_sentence}; "
        f"its most likely sentence holds a fact for {train_top1:.3f} of train, {dev_top1:.3f} of dev questions.",
        f"Answerability model: {len(ya)} questions ({int(ya.sum())} answerable), C = {c_answer}.",
        "Thresholds: " + ", ".join(f"{k} = {v}" for k, v in thresholds.items())
        + (" (only the two floors chosen; the rest as shipped)." if args.floors_only else "."), "",
        "| split | n | fact accuracy | citation precision | answered right | unanswerable refused |",
        "|---|---|---|---|---|---|",
    ]
    for split, m in results.items():
        lines.append(f"| {split} | {m['n']} | {m['fact_accuracy']:.3f} | {m['citation_precision']:.3f} | "
                     f"{m['answered_right']:.3f} | {m['unanswerable_refused']}/{m['unanswerable']} |")
    lines += ["", "Weights (standardised features):", "", "| sentence feature | weight |", "|---|---|"]
    lines += [f"| {n} | {w:+.3f} |" for n, w in zip(answerer.model.sentence.features, answerer.model.sentence.coef)]
    lines += ["", "| answerability feature | weight |", "|---|---|"]
    lines += [f"| {n} | {w:+.3f} |" for n, w in zip(ANSWER_FEATURES, answerer.model.answerable.coef)]
    report = "\n".join(lines) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
