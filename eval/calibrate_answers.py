"""Calibrate when an extractive answer is given and when "not found" is said.

For every question the best sentence's similarity to the question and its share
of the question's topic (IDF-weighted) are computed with the product's own
scoring; then thresholds are searched that get the ``answered`` flag right: a
set's unanswerable cases must get "not found", its answerable cases an answer.
Sets without unanswerable cases (Kamervragen) count only the questions whose
best sentence comes from a relevant chunk, so retrieval misses do not pull the
threshold down.

Thresholds are fitted on the train split of each set only; the report shows the
dev split beside it (choose there) and the test split (the result).

Run from the repository root (stores indexed first), e.g.::

    python eval/calibrate_answers.py staff=eval/staff/set.jsonl@/tmp/idx-letters \\
        kamervragen=eval/kamervragen/set.jsonl@/tmp/idx-kv --out eval/reports/answer-calibration.md
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from rag.answer import Answerer, ExtractiveSettings
from rag.evaluate import contains_fact, is_relevant, load_cases, select_split
from rag.language import detect_language
from rag.retrieve import Retriever
from rag.store import Store

# Wide enough for both models' similarity scales (EmbeddingGemma's cosines run lower than E5's).
GRID = {
    "min_similarity": [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.82],
    "min_share": [0.35, 0.45, 0.55, 0.65],
    "min_mass": [4.0, 5.0, 6.0, 8.0],
    "sure_similarity": [0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9],
    "min_similarity_english": [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.83],
}


def features(answerer: Answerer, cases):
    out = []
    for case in tqdm(cases, desc="kenmerken", unit="vraag"):
        qvec = answerer.retriever.embed_query(case.question)
        hits = answerer.retriever.search(case.question, k=8, qvec=qvec)
        scored = answerer.score_sentences(case.question, hits, qvec)
        if not scored:
            continue
        ev = answerer.evidence(case.question, scored)
        relevant = (not case.unanswerable) and is_relevant(case, ev.best.hit.chunk)
        out.append((case, detect_language(case.question), ev, relevant))
    return out


SELECTION_GRID = {
    "keep_ratio": [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9],
    "other_chunk_ratio": [0.9, 0.95, 0.98, 1.0],
}


def retrieved(answerer: Answerer, cases):
    """Each answerable question's hits and query vector, retrieved once."""
    out = []
    for case in tqdm([c for c in cases if not c.unanswerable and c.answer_contains], desc="ophalen", unit="vraag"):
        qvec = answerer.retriever.embed_query(case.question)
        out.append((case, detect_language(case.question), answerer.retriever.search(case.question, k=10, qvec=qvec), qvec))
    return out


def fact_accuracy(answerer: Answerer, rows, settings: ExtractiveSettings) -> float:
    """Share of answerable questions whose answer holds every expected fact."""
    answerer.settings = settings
    right = 0
    for case, lang, hits, qvec in rows:
        a = answerer._extractive(case.question, lang, hits, qvec)
        right += a.answered and all(contains_fact(a.answer, f) for f in case.answer_contains)
    return right / len(rows) if rows else 0.0


def accuracy(answerer: Answerer, rows, settings: ExtractiveSettings, has_negatives: bool) -> float:
    answerer.settings = settings
    right = total = 0
    for case, lang, ev, relevant in rows:
        if not has_negatives and not relevant:
            continue
        answered = answerer.is_answerable(ev, lang)
        right += answered != case.unanswerable
        total += 1
    return right / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", help="name=SET.jsonl@STORE")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    data = {}
    for spec in args.sets:
        name, rest = spec.split("=", 1)
        set_path, store_path = rest.split("@", 1)
        answerer = Answerer(Retriever(Store(store_path)))
        cases = load_cases(set_path)
        neg = any(c.unanswerable for c in cases)
        data[name] = {split: (answerer, features(answerer, select_split(cases, split)), neg)
                      for split in ("train", "dev", "test")}

    base = ExtractiveSettings()
    results = []
    for values in itertools.product(*GRID.values()):
        s = replace(base, **dict(zip(GRID, values)))
        per = {n: accuracy(a, rows, s, neg) for n, (a, rows, neg) in ((n, d["train"]) for n, d in data.items())}
        per_dev = {n: accuracy(a, rows, s, neg) for n, (a, rows, neg) in ((n, d["dev"]) for n, d in data.items())}
        results.append((sum(per.values()) / len(per), per, s, sum(per_dev.values()) / len(per_dev), per_dev))
    # Among equally good settings prefer the strictest: saying "not found" is the honest error.
    results.sort(key=lambda r: (round(r[0], 4), r[2].min_similarity, r[2].min_share, r[2].min_mass,
                                r[2].sure_similarity, r[2].min_similarity_english), reverse=True)
    # Choose on dev among the 20 best train settings (ties: the strictest, as above).
    shortlist = results[:20]
    chosen = max(shortlist, key=lambda r: round(r[3], 4))
    model = next(iter(data.values()))["train"][0].retriever.embedder.name
    lines = ["# Answer calibration", "", f"Model `{model}`. Thresholds fitted on train, chosen on dev.",
             "Share of questions whose `answered` flag is right, per set (train | dev).", "",
             "| min_similarity | min_share | min_mass | sure_similarity | min_similarity_english | " +
             " | ".join(f"{n} train | {n} dev" for n in data) + " |", "|" + "---|" * (5 + 2 * len(data))]
    for mean, per, s, _, per_dev in shortlist:
        lines.append(f"| {s.min_similarity} | {s.min_share} | {s.min_mass} | {s.sure_similarity} | {s.min_similarity_english} | "
                     + " | ".join(f"{per[n]:.3f} | {per_dev[n]:.3f}" for n in data) + " |")
    best = chosen[2]
    test = {n: accuracy(a, rows, best, neg) for n, (a, rows, neg) in ((n, d["test"]) for n, d in data.items())}
    cur = {n: accuracy(a, rows, base, neg) for n, (a, rows, neg) in ((n, d["test"]) for n, d in data.items())}
    lines += ["", "Test (held out), chosen setting: " + ", ".join(f"{n} {v:.3f}" for n, v in test.items()),
              "Test, settings before this run: " + ", ".join(f"{n} {v:.3f}" for n, v in cur.items()), ""]
    lines.append(f"Best: min_similarity={best.min_similarity}, min_share={best.min_share}, min_mass={best.min_mass}, "
                 f"sure_similarity={best.sure_similarity}, min_similarity_english={best.min_similarity_english}")
    # Second stage: how many sentences to quote, fitted on train fact accuracy of the
    # sets that have expected facts, with the thresholds just chosen.
    with_facts = {}
    for spec in args.sets:
        name, rest = spec.split("=", 1)
        set_path = rest.split("@", 1)[0]
        cases = load_cases(set_path)
        if any(c.answer_contains for c in cases):
            answerer = data[name]["train"][0]
            with_facts[name] = {split: (answerer, retrieved(answerer, select_split(cases, split)))
                                for split in ("train", "dev", "test")}
    if with_facts:
        scores = []
        for values in itertools.product(*SELECTION_GRID.values()):
            s = replace(best, **dict(zip(SELECTION_GRID, values)))
            train = sum(fact_accuracy(a, rows, s) for a, rows in (d["train"] for d in with_facts.values()))
            scores.append((round(train, 4), s))
        scores.sort(key=lambda x: x[0], reverse=True)
        shortlist = [s for _, s in scores[:5]]
        dev = [(sum(fact_accuracy(a, rows, s) for a, rows in (d["dev"] for d in with_facts.values())), s) for s in shortlist]
        picked = max(dev, key=lambda x: round(x[0], 4))[1]
        lines += ["", "## Quoting: fact accuracy (answers holding every expected fact)", "",
                  "| keep_ratio | other_chunk_ratio | " + " | ".join(f"{n} train | {n} dev" for n in with_facts) + " |",
                  "|---|---|" + "---|" * (2 * len(with_facts))]
        for s in shortlist:
            lines.append(f"| {s.keep_ratio} | {s.other_chunk_ratio} | " + " | ".join(
                f"{fact_accuracy(d['train'][0], d['train'][1], s):.3f} | {fact_accuracy(d['dev'][0], d['dev'][1], s):.3f}"
                for d in with_facts.values()) + " |")
        test = {n: fact_accuracy(d["test"][0], d["test"][1], picked) for n, d in with_facts.items()}
        lines += ["", f"Chosen on dev: keep_ratio={picked.keep_ratio}, other_chunk_ratio={picked.other_chunk_ratio}; "
                  "test (held out): " + ", ".join(f"{n} {v:.3f}" for n, v in test.items())]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
