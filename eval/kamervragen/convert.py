"""Turn real Kamervragen (question + the minister's answer) into a retrieval test.

Writes ``corpus/`` (one text file per distinct answer) and ``set.jsonl`` (each
question, with ``doc`` = the id of the file holding its answer). The right answer
must then be found among ~540 others.

Run from the repository root::

    python eval/kamervragen/convert.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rag.evalset import assign_splits

HERE = Path(__file__).resolve().parent


def clean_question(text: str) -> str:
    text = re.sub(r"\[\s*\d+\s*\]", "", text)  # footnote markers such as "[5 ]"
    return re.sub(r"\s+", " ", text).strip()


def convert(source: Path = HERE / "kamervragen-dev.jsonl", out: Path = HERE) -> tuple[int, int]:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for old in corpus.glob("*.txt"):
        old.unlink()
    doc_for_answer: dict[str, str] = {}
    cases = []
    for row in rows:
        answer = row["answer"].strip()
        doc_id = doc_for_answer.get(answer)
        if doc_id is None:
            doc_id = row["id"]
            doc_for_answer[answer] = doc_id
            (corpus / f"{doc_id}.txt").write_text(answer + "\n", encoding="utf-8")
        cases.append({"id": row["id"], "question": clean_question(row["question"]), "evidence": None,
                      "doc": doc_id, "answer_contains": [], "unanswerable": False})
    # Questions that share an answer document share a split, so no answer is seen
    # in train and asked again in test.
    docs = [c["doc"] for c in cases]
    doc_split = dict(zip(sorted(set(docs)), assign_splits(sorted(set(docs)))))
    for case in cases:
        case["split"] = doc_split[case["doc"]]
    with open(out / "set.jsonl", "w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return len(cases), len(doc_for_answer)


if __name__ == "__main__":
    n_cases, n_docs = convert()
    print(f"{n_cases} questions, {n_docs} answer documents in {HERE / 'corpus'}")
