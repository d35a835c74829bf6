"""Evaluation: eval-set cases, relevance rules and metrics.

A case is one JSON line::

    {"id": "q01", "question": "...", "evidence": "phrase a correct source contains" | null,
     "doc": "kst-32317-995" | null, "answer_contains": ["fact", ...], "unanswerable": false}

A chunk is relevant when its text contains ``evidence`` (both folded: case,
whitespace, hyphens, footnote markers), or, when only ``doc`` is given, when it
comes from that document.

Example:
    >>> from rag.evaluate import fold, mrr_at_k
    >>> fold("het EU-\\ndrugsbeleid") == fold("Het EU-drugsbeleid")
    True
    >>> mrr_at_k([3, None, 1], 10)
    0.4444444444444444
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.documents import Chunk

_HYPHEN_BREAK = re.compile(r"[-\u00ad\u2010\u2011]\s*")
_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?:\D|$))")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass
class Case:
    """One eval question."""

    id: str
    question: str
    evidence: str | None = None
    doc: str | None = None
    answer_contains: list[str] = field(default_factory=list)
    unanswerable: bool = False


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
        if cases[-1].answer_contains is None:
            cases[-1].answer_contains = []
    return cases


def fold(text: str) -> str:
    """Fold for comparison: case, whitespace, hyphens at line breaks (all hyphens,
    symmetrically), footnote markers, typographic quotes and thousands separators."""
    text = _SUPERSCRIPT.sub("", text.translate(_QUOTES).lower())
    text = _HYPHEN_BREAK.sub("", text)
    text = _THOUSANDS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def is_relevant(case: Case, chunk: Chunk) -> bool:
    if case.evidence:
        return fold(case.evidence) in fold(chunk.text)
    if case.doc:
        return chunk.doc_id == case.doc
    return False


def contains_fact(answer: str, fact: str) -> bool:
    return fold(fact) in fold(answer)


def first_relevant_rank(case: Case, ranked: Sequence[Chunk]) -> int | None:
    for rank, chunk in enumerate(ranked, start=1):
        if is_relevant(case, chunk):
            return rank
    return None


def recall_at_k(ranks: Iterable[int | None], k: int) -> float:
    ranks = list(ranks)
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr_at_k(ranks: Iterable[int | None], k: int = 10) -> float:
    ranks = list(ranks)
    return sum(1.0 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def ndcg_at_k(relevance: Sequence[bool], n_relevant: int, k: int = 10) -> float:
    """Binary-relevance nDCG of one ranking; ``n_relevant`` is how many relevant
    chunks exist in the whole index (the ideal ranking puts them all first)."""
    dcg = sum(1.0 / math.log2(i + 2) for i, rel in enumerate(relevance[:k]) if rel)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(n_relevant, k)))
    return dcg / ideal if ideal else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[idx]
