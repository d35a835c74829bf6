"""Measure the LLM grounding check on the labelled answer sets.

Nine sets, each written by a different writer over the same passages, none of whom
saw the check:

* ``answers.jsonl`` (70 adversarial, 67 faithful): the check was developed against it;
* ``answers-2.jsonl`` (42 adversarial, 40 faithful): written next, first measured as a
  held-out set (8 false accepts, 62% faithful accepted), then its failures were read and
  the check generalised; it is development data now;
* ``heldout.jsonl`` (35 adversarial, 35 faithful): written next and only measured, though
  its refusals have been listed in the report since;
* ``heldout-2.jsonl`` (40 adversarial, 40 faithful, with a kind of its own: positions the
  source does not state): written last, by a writer who saw neither code nor reports. First
  measured at 4 false accepts and 50% of faithful ones accepted, then at 4 and 65% after
  five rules developed on the development sets; its refusals were read after that.
* ``heldout-3.jsonl`` (40 adversarial, 40 faithful): written in the same way by a fifth
  writer, who saw neither code, reports nor the other sets. First measured at 2 false
  accepts and 57.5% of faithful answers accepted, both with the code before and after the
  rules written that stop (synonyms, a compound's head, attribution, a trend's direction).
  Its refusals were read after that, so it is development data now.
* ``heldout-4.jsonl`` (40 adversarial, 40 faithful): a sixth writer, the same brief. First
  measured at 8 false accepts and 70% accepted with the code before that stop, and at 9 and
  80% with its rules; the one new false accept (a claim saying nothing, held through
  "programma" as the tail of "werkprogramma") and a second reader's cases then removed the
  tail match and tightened other rules: 8 and 80%.
* ``heldout-5.jsonl`` (40 adversarial, 40 faithful): a seventh writer, the same brief. First
  measured at 7 false accepts and 72.5% accepted, both with the code before and after that
  stop's first rules (a figure between the same words, "het laatste kwartaal", a measure
  kept where the source undoes it, "is against"). Its failures were then read: a not-found
  said of a named document ("de MvT noemt geen ..."), "concerns" as a verb, two stances in one
  claim and "zet ... door" took it to 5 and 87.5%, so it is development data now (85% after
  a second reader's review made "MvT" count only where the source names the memorie van
  toelichting).
* ``heldout-6.jsonl`` (40 adversarial, 40 faithful): an eighth writer, the same brief. First
  measured at 5 false accepts and 77.5% accepted with the code before that stop, and at 5
  and 80% with its rules; its failures and the second reader's cases were then read (4 and
  82.5%), so it is development data now.
* ``heldout-7.jsonl`` (40 adversarial, 40 faithful): a ninth writer, the same brief. First
  measured at 6 false accepts and 75% accepted with the code before that stop, and at 6 and
  77.5% with all its rules above; its failures were then read (a measure kept beside a second
  matter, "noemt niet welke", "wordt in de passage niet genoemd", "Noord-Afrikaanse"): 5 and 85%.

Run from the repository root::

    python eval/llm_check.py --out eval/reports/llm-check.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rag.embed import get_embedder
from rag.evaluate import chunk_texts, evaluate_grounding
from rag.grounding import GroundingCheck

LETTERS = Path("data/letters")
CITED = ["kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt", "llm13_regeerprogramma-2024.pdf",
         "llm03_kst-36450-3_memorie-van-toelichting.pdf", "llm06_kst-29515-496_kamerbrief-werkprogramma-ATR-2025.pdf"]
SETS = {"development": Path("eval/llm-check/answers.jsonl"), "development 2": Path("eval/llm-check/answers-2.jsonl"),
        "held out": Path("eval/llm-check/heldout.jsonl"), "held out 2": Path("eval/llm-check/heldout-2.jsonl"),
        "held out 3": Path("eval/llm-check/heldout-3.jsonl"), "held out 4": Path("eval/llm-check/heldout-4.jsonl"),
        "held out 5": Path("eval/llm-check/heldout-5.jsonl"), "held out 6": Path("eval/llm-check/heldout-6.jsonl"),
        "held out 7": Path("eval/llm-check/heldout-7.jsonl")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    sources = chunk_texts(LETTERS / n for n in CITED)
    embedder = get_embedder()  # as the app checks: the sources' sentences through the vector cache
    check = GroundingCheck(embedder.embed_passages, embed_sources=embedder.embed_letter_text)
    lines = ["# The LLM grounding check", "",
             "| set | adversarial | accepted (false accepts) | faithful | accepted |", "|---|---|---|---|---|"]
    details = []
    for name, path in SETS.items():
        r = evaluate_grounding(path, sources, check)
        lines.append(f"| {name} (`{path}`) | {r.n_adversarial} | {len(r.false_accepts)} | {r.n_faithful} | "
                     f"{r.faithful_accepted:.3f} |")
        details += ["", f"## {name}: adversarial answers that passed", ""]
        details += [f"- {i} ({kind})" for i, kind in r.false_accepts] or ["- none"]
        details += ["", f"## {name}: faithful answers refused", ""]
        details += [f"- {i} ({kind}): {reason}" for i, kind, reason in r.false_rejects] or ["- none"]
    report = "\n".join(lines + details) + "\n"
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
