"""Calibrate when an extractive answer is given and when "not found" is said.

For every question the best sentence's similarity to the question and its share
of the question's topic (IDF-weighted) are computed with the product's own
scoring; then thresholds are searched that get the ``answered`` flag right: a
set's unanswerable cases must get "not found", its answerable cases an answer.
Sets without unanswerable cases (Kamervragen) count only the questions whose
best sentence comes from a relevant chunk, so retrieval misses do not pull the
threshold down.

Run from the repository root (stores indexed first), e.g.::

    python eval/calibrate_answers.py seed=eval/seed.jsonl@/tmp/idx-letters \\
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
from rag.evaluate import is_relevant, load_cases
from rag.language import detect_language
from rag.retrieve import Retriever
from rag.store import Store

GRID = {
    "min_similarity": [0.78, 0.80, 0.82, 0.84],
    "min_share": [0.35, 0.4, 0.45, 0.5],
    "min_mass": [4.0, 5.0, 6.0, 7.0],
    "sure_similarity": [0.88, 0.9, 0.92, 0.95],
    "min_similarity_english": [0.82, 0.825, 0.83, 0.835, 0.84],
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
        data[name] = (answerer, features(answerer, cases), any(c.unanswerable for c in cases))

    base = ExtractiveSettings()
    results = []
    for values in itertools.product(*GRID.values()):
        s = replace(base, **dict(zip(GRID, values)))
        per = {n: accuracy(a, rows, s, neg) for n, (a, rows, neg) in data.items()}
        results.append((sum(per.values()) / len(per), per, s))
    # Among equally good settings prefer the strictest: saying "not found" is the honest error.
    results.sort(key=lambda r: (round(r[0], 4), r[2].min_similarity, r[2].min_share, r[2].min_mass,
                                r[2].sure_similarity, r[2].min_similarity_english), reverse=True)
    lines = ["# Answer calibration", "",
             "Share of questions whose `answered` flag is right, per set.", "",
             "| min_similarity | min_share | min_mass | sure_similarity | min_similarity_english | " +
             " | ".join(data) + " | mean |", "|" + "---|" * (6 + len(data))]
    for mean, per, s in results[:10]:
        lines.append(f"| {s.min_similarity} | {s.min_share} | {s.min_mass} | {s.sure_similarity} | {s.min_similarity_english} | "
                     + " | ".join(f"{v:.3f}" for v in per.values()) + f" | {mean:.3f} |")
    cur = {n: accuracy(a, rows, base, neg) for n, (a, rows, neg) in data.items()}
    lines += ["", "Current defaults: " + ", ".join(f"{n} {v:.3f}" for n, v in cur.items()), ""]
    best = results[0][2]
    lines.append(f"Best: min_similarity={best.min_similarity}, min_share={best.min_share}, min_mass={best.min_mass}, "
                 f"sure_similarity={best.sure_similarity}, min_similarity_english={best.min_similarity_english}")
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
