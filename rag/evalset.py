"""Eval sets: the cases, their fixed train/dev/test split, and draft cases from feedback.

A case is one JSON line::

    {"id": "q01", "question": "...", "evidence": "phrase a correct source contains" | null,
     "doc": "kst-32317-995" | null, "answer_contains": ["fact", ...], "unanswerable": false}

``"letterhead": true`` marks evidence that stands in the letterhead (the date line, the
signature), which parsing lifts out of the text: a chunk on the first page of ``doc`` then counts as holding it.

Everything fitted is fitted on train and chosen on dev; only test figures are results.
:mod:`rag.evaluate` runs the cases and computes the metrics.

Example:
    >>> from rag.evalset import load_cases, select_split
    >>> cases = load_cases("eval/staff/set.jsonl")
    >>> sorted({c.split for c in cases})
    ['dev', 'test', 'train']
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Case:
    """One eval question."""

    id: str
    question: str
    # A phrase the relevant passage contains; for a timeline case, one per expected letter.
    evidence: str | dict[str, str] | None = None
    doc: str | None = None
    answer_contains: list[str] = field(default_factory=list)
    unanswerable: bool = False
    style: str | None = None
    split: str | None = None
    # Earlier questions of the conversation, oldest first (a follow-up case).
    history: list[str] = field(default_factory=list)
    # A timeline case: the topic, and the letters that state a position on it, in date order.
    timeline: str | None = None
    expected_docs: list[str] = field(default_factory=list)
    # The evidence stands in the letterhead (its date line, its signature), which parsing lifts out of
    # the text into every chunk's metadata: a chunk on the first page of ``doc`` holds it.
    letterhead: bool = False


SPLITS = ("train", "dev", "test")
SPLIT_SHARES = (0.5, 0.2, 0.3)


def assign_splits(keys: Sequence[str], groups: Sequence[str] | None = None) -> list[str]:
    """A fixed train/dev/test split (50/20/30), stratified by group.

    Within each group the keys are ordered by a hash of the key, so the split does
    not depend on file order and a new case never moves an old one; the first half
    goes to train, the next fifth to dev, the rest to test. Everything fitted
    (weights, thresholds, lexicons) is fitted on train and chosen on dev; only test
    figures are results.

    Example:
        >>> assign_splits(["a", "b", "c", "d", "e"], ["x"] * 5).count("train")
        2
    """
    groups = list(groups) if groups is not None else [""] * len(keys)
    out = [""] * len(keys)
    members: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    for idx in members.values():
        idx.sort(key=lambda i: hashlib.sha256(keys[i].encode()).hexdigest())
        n = len(idx)
        n_train = int(n * SPLIT_SHARES[0])
        n_dev = int(round(n * SPLIT_SHARES[1]))
        for pos, i in enumerate(idx):
            out[i] = "train" if pos < n_train else "dev" if pos < n_train + n_dev else "test"
    return out


def join_parts(folder: Path, out: Path) -> list[dict]:
    """Join a set's ``part-*.jsonl`` files into ``out`` with a fixed split.

    Each case gets ``group`` (the part's name) and ``split``, stratified by part and
    style; unanswerable cases are few per style, so they are stratified by part alone.
    Returns the cases written.
    """
    cases = []
    for part in sorted(Path(folder).glob("part-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                case["group"] = part.stem.removeprefix("part-")
                case.setdefault("unanswerable", False)
                cases.append(case)
    groups = [f"{c['group']}/{'unanswerable' if c['unanswerable'] else c.get('style')}" for c in cases]
    for case, split in zip(cases, assign_splits([c["id"] for c in cases], groups)):
        case["split"] = split
    with open(out, "w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return cases


def select_split(cases: list[Case], split: str | None) -> list[Case]:
    """The cases of one split (all of them for None or ``all``)."""
    if split in (None, "all"):
        return cases
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)} or all")
    return [c for c in cases if c.split == split]


def load_cases(path: str | Path) -> list[Case]:
    """Read a JSONL eval set; a bad line is an error naming the file and line."""
    cases: list[Case] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            cases.append(Case(**{k: data.get(k) for k in Case.__dataclass_fields__ if k in data}))
        except (json.JSONDecodeError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not an eval case ({exc})") from exc
        for name in ("answer_contains", "history", "expected_docs"):
            if getattr(cases[-1], name) is None:
                setattr(cases[-1], name, [])
    return cases


def cases_from_feedback(feedback_file: Path) -> list[dict[str, object]]:
    """Turn thumbs-down feedback from the chat into draft eval cases.

    The person's comment is kept; ``evidence`` stays empty for the team to fill in
    (a phrase the right source contains), unless the comment says the letters do
    not cover it, which makes it an unanswerable case.
    """
    out = []
    seen = set()
    for line in feedback_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        fb = json.loads(line)
        if fb.get("rating") != "down" or fb.get("question") in seen:
            continue
        seen.add(fb["question"])
        comment = (fb.get("comment") or "").strip()
        not_covered = bool(re.search(r"niet in de brieven|staat er niet in|not in the letters", comment, re.I))
        out.append({
            "id": "fb-" + hashlib.sha256(fb["question"].encode()).hexdigest()[:8],
            "question": fb["question"],
            "evidence": None,
            "doc": None,
            "answer_contains": [],
            "unanswerable": not_covered,
            "comment": comment,
            "given_answer": fb.get("answer"),
            "cited": [c.get("doc_id") for c in fb.get("citations", [])],
        })
    return out
