"""Evaluation: relevance rules, metrics, and running a system over eval cases
(:mod:`rag.evalset` reads the cases and their splits).

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

import hashlib
import json
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.documents import Chunk, searchable_text
from rag.evalset import Case
from rag.files import file_sha256

if TYPE_CHECKING:  # only for the hints: an eval of retrieval alone loads no answerer
    from rag.answer import Answerer
    from rag.embed import Embedder

_HYPHEN_BREAK = re.compile(r"[-\u00ad\u2010\u2011]\s*")
_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?:\D|$))")
# A decimal point where Dutch writes a comma ("€ 1.8 miljoen" in kst-36450-4 for "€ 1,8 miljoen").
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d{1,2}(?:\D|$))")
# One quote for all: kst-36450-4 prints the Council of State's «ervaren regeldruk» that its own
# advice (llm08) writes ‘ervaren regeldruk’, and a label copied from either must find both.
_QUOTES = str.maketrans({q: '"' for q in "'’‘“”«»„‚"})


def fold(text: str) -> str:
    """Fold for comparison: case, whitespace, hyphens at line breaks (all hyphens,
    symmetrically), footnote markers, every quote mark and apostrophe to one, thousands
    separators and a decimal point for the decimal comma."""
    text = _SUPERSCRIPT.sub("", text.translate(_QUOTES).lower())
    text = _HYPHEN_BREAK.sub("", text)
    text = _THOUSANDS.sub("", text)
    text = _DECIMAL_POINT.sub(",", text)
    return re.sub(r"\s+", " ", text).strip()


def is_relevant(case: Case, chunk: Chunk) -> bool:
    """Does ``chunk`` hold the case's evidence: in its text or its heading, which a citation
    shows with it ("Artikel 10 Evaluatieverplichting" heads the article's own chunk)? A letterhead
    fact (the letter's date, its signatories) is held by the letter's first page."""
    if case.letterhead:
        return chunk.doc_id == case.doc and chunk.page_start <= 1
    if isinstance(case.evidence, dict):
        phrase = case.evidence.get(chunk.doc_id)
        return bool(phrase) and fold(phrase) in fold(searchable_text(chunk))
    if case.evidence:
        return fold(case.evidence) in fold(searchable_text(chunk))
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


# ----------------------------------------------------------------------------- running an eval



@dataclass
class CaseResult:
    """What one question produced, and the verdicts on it."""

    id: str
    question: str
    unanswerable: bool
    rank: int | None
    ndcg: float
    answer: str
    answered: bool
    facts: list[tuple[str, bool]]
    citations: list[tuple[str, bool]]  # (where, relevant)
    latency_ms: float
    style: str | None = None
    # Which path answered (extractive, llm:<model>), why an LLM answer fell back, and
    # for "not found" why (no_passage, fact_missing, not_in_letters).
    mode: str = "extractive"
    fallback_reason: str | None = None
    reason: str | None = None
    answer_type: str | None = None
    doc: str | None = None  # the letter the question is about, as labelled

    @property
    def facts_ok(self) -> bool | None:
        return all(ok for _, ok in self.facts) if self.facts else None

    @property
    def answered_ok(self) -> bool:
        return self.answered != self.unanswerable


SPLIT_NOTES = {
    "train": "the split everything is fitted on: not a result",
    "dev": "the split settings are chosen on: not a result",
    "test": "held out: never fitted or chosen on",
    "all": "all cases, train and dev included: not a clean result",
}


@dataclass
class TimelineResult:
    """What ``rag timeline`` listed for a timeline case, against the labelled letters."""

    id: str
    topic: str
    expected: list[str]
    got: list[str]
    style: str | None = None

    @property
    def precision(self) -> float:
        return len(set(self.got) & set(self.expected)) / len(self.got) if self.got else 0.0

    @property
    def recall(self) -> float:
        return len(set(self.got) & set(self.expected)) / len(self.expected) if self.expected else 1.0

    @property
    def in_order(self) -> bool:
        """The letters both list stand in the same order."""
        both = set(self.got) & set(self.expected)
        return [d for d in self.got if d in both] == [d for d in self.expected if d in both]


def timeline_metrics(rows: list[TimelineResult]) -> dict[str, object]:
    """Mean letter precision and recall of the timelines, and how many were in order and exact."""
    n = len(rows)
    return {"n": n, "precision": sum(r.precision for r in rows) / n, "recall": sum(r.recall for r in rows) / n,
            "in_order": sum(r.in_order for r in rows) / n, "exact": sum(r.got == r.expected for r in rows) / n}


# A letter gets its own line in the per-letter breakdown from this many questions on.
LETTER_MIN_QUESTIONS = 3


@dataclass
class EvalResult:
    name: str
    rows: list[CaseResult]
    timelines: list[TimelineResult] = field(default_factory=list)

    def metrics(self) -> dict[str, object]:
        out = _metrics(self.rows)
        if self.timelines:
            out["timeline"] = timeline_metrics(self.timelines)
        styles = sorted({r.style for r in self.rows if r.style})
        if styles:
            out["by_style"] = {s: _metrics([r for r in self.rows if r.style == s], brief=True) for s in styles}
            unanswerable = [r for r in self.rows if r.unanswerable]
            if unanswerable:
                out["by_style"]["unanswerable"] = _metrics(unanswerable, brief=True)
        # Which letters answer well: the JBZ agenda's items are told apart, a bill's articles much less.
        # Only letters with a few questions each: the Kamervragen ask one question of nearly every letter.
        asked = Counter(r.doc for r in self.rows if r.doc)
        docs = sorted(d for d, n in asked.items() if n >= LETTER_MIN_QUESTIONS)
        if len(docs) > 1:
            out["by_letter"] = {d: _metrics([r for r in self.rows if r.doc == d], brief=True) for d in docs}
        return out


def _metrics(rows: list[CaseResult], brief: bool = False) -> dict[str, object]:
    """Retrieval and answer metrics over ``rows``; ``brief`` drops latency and the
    finer recall cut-offs (for the per-style and per-letter breakdowns)."""
    answerable = [r for r in rows if not r.unanswerable]
    ranks = [r.rank for r in answerable]
    with_facts = [r for r in answerable if r.facts]
    cites = [ok for r in rows if not r.unanswerable for _, ok in r.citations]
    lat = [r.latency_ms for r in rows]
    answer = {
        "fact_accuracy": sum(1 for r in with_facts if r.facts_ok) / len(with_facts) if with_facts else None,
        "citation_precision": sum(cites) / len(cites) if cites else None,
        "unanswerable_accuracy": sum(r.answered_ok for r in rows) / len(rows) if rows else 0.0,
    }
    if brief:
        return {"n": len(rows), "mrr@10": mrr_at_k(ranks, 10) if ranks else None,
                "recall@5": recall_at_k(ranks, 5) if ranks else None, **answer}
    return {
        "n": len(rows),
        "retrieval": {
            "recall@1": recall_at_k(ranks, 1), "recall@3": recall_at_k(ranks, 3),
            "recall@5": recall_at_k(ranks, 5), "recall@10": recall_at_k(ranks, 10),
            "mrr@10": mrr_at_k(ranks, 10),
            "ndcg@10": sum(r.ndcg for r in answerable) / len(answerable) if answerable else 0.0,
        },
        "answer": answer,
        "latency_ms": {"p50": percentile(lat, 50), "p95": percentile(lat, 95)},
    }


def _judge(case: Case, ranked: list[Chunk], n_relevant: int, answer: str, answered: bool,
           cited: list[Chunk], latency_ms: float) -> CaseResult:
    relevance = [is_relevant(case, c) for c in ranked[:10]]
    rank = next((i for i, rel in enumerate(relevance, start=1) if rel), None)
    facts = [(f, contains_fact(answer, f)) for f in case.answer_contains] if answered else [(f, False) for f in case.answer_contains]
    citations = [(f"{c.doc_id} p.{c.page_start}", is_relevant(case, c)) for c in cited]
    return CaseResult(case.id, case.question, case.unanswerable, None if case.unanswerable else rank,
                      0.0 if case.unanswerable else ndcg_at_k(relevance, n_relevant),
                      answer, answered, facts, citations, latency_ms, case.style, doc=case.doc)


def evaluate_answerer(cases: list[Case], answerer: Answerer, progress: Callable | None = None, name: str = "kamerbrief-rag") -> EvalResult:
    """Run every case through ``answerer.ask`` (the function the app and CLI use), with
    its conversation history; timeline cases through :func:`rag.timeline.build_timeline`."""
    from rag.timeline import build_timeline

    chunks = list(answerer.retriever.chunks.values())
    rows, timelines = [], []
    iterator = progress(cases) if progress else cases
    for case in iterator:
        if case.timeline:
            got = [e.citation.chunk.doc_id for e in build_timeline(answerer, case.timeline).entries]
            timelines.append(TimelineResult(case.id, case.timeline, case.expected_docs, got, case.style))
            continue
        start = time.perf_counter()
        a = answerer.ask(case.question, history=case.history)
        latency = (time.perf_counter() - start) * 1000
        n_rel = sum(1 for c in chunks if is_relevant(case, c))
        cited = [c.chunk for c in a.citations]
        row = _judge(case, [h.chunk for h in a.hits], n_rel, a.answer, a.answered, cited, latency)
        row.mode, row.fallback_reason, row.reason, row.answer_type = a.mode, a.fallback_reason, a.reason, a.answer_type
        rows.append(row)
    return EvalResult(name, rows, timelines)


# ----------------------------------------------------------------------------- the naive baseline


class NaivePipeline:
    """What a plain RAG pipeline does: raw page text, RecursiveCharacterTextSplitter
    (1000 characters, 200 overlap), dense retrieval only, the top 5 chunks as the
    answer's sources and the top chunk as its answer. It never says "not found".
    Built in the same run, from the same files and the same model."""

    def __init__(self, files: list[Path], embedder: Embedder, cache: Path | None = None) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from rag.letterhead import find_doc_id
        from rag.parse import ParseError, read_pages

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        self.embedder = embedder
        self.chunks: list[Chunk] = []
        for f in files:
            try:
                pages = read_pages(f, [])
            except ParseError:
                continue
            doc_id = find_doc_id([x for p in pages for x in p], f.stem)[0]
            for page_no, page in enumerate(pages, start=1):
                for i, part in enumerate(splitter.split_text("\n".join(page))):
                    self.chunks.append(Chunk(f"{doc_id}:{page_no}:{i}", part, doc_id, f.name, None, "", None,
                                             None, None, None, page_no, page_no))
        key = hashlib.sha256("".join(c.id + c.text for c in self.chunks).encode() + embedder.name.encode()).hexdigest()[:16]
        cached = cache / f"naive-{key}.npy" if cache else None
        if cached and cached.exists():
            self.vectors = np.load(cached)
        else:
            self.vectors = embedder.embed_passages([c.text for c in self.chunks], progress=True)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                np.save(cached, self.vectors)

    def search(self, question: str, k: int = 10) -> list[Chunk]:
        q = self.embedder.embed_queries([question])[0]
        order = np.argsort(-(self.vectors @ q))[:k]
        return [self.chunks[i] for i in order]


def evaluate_naive(cases: list[Case], naive: NaivePipeline, progress: Callable | None = None) -> EvalResult:
    rows = []
    iterator = progress(cases) if progress else cases
    for case in iterator:
        if case.timeline:  # a plain pipeline has no timeline
            continue
        start = time.perf_counter()
        ranked = naive.search(case.question, k=10)
        latency = (time.perf_counter() - start) * 1000
        n_rel = sum(1 for c in naive.chunks if is_relevant(case, c))
        rows.append(_judge(case, ranked, n_rel, ranked[0].text if ranked else "", True, ranked[:5], latency))
    return EvalResult("naive", rows)


# ----------------------------------------------------------------------------- corpora and feedback


def corpus_key(files: list[Path], model: str) -> str:
    """Content hash of a corpus folder and the model: the same letters reuse one store."""
    h = hashlib.sha256(model.encode())
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode())
        h.update(file_sha256(f).encode())
    return h.hexdigest()[:16]


# ----------------------------------------------------------------------------- the LLM grounding check


@dataclass
class GroundingResult:
    """How the grounding check fared on a labelled set of LLM answers."""

    n_faithful: int
    n_adversarial: int
    false_accepts: list[tuple[str, str]]  # (id, kind) of adversarial answers that passed
    false_rejects: list[tuple[str, str, str]]  # (id, kind, reason) of faithful answers refused

    @property
    def faithful_accepted(self) -> float:
        return 1 - len(self.false_rejects) / self.n_faithful if self.n_faithful else 0.0


def evaluate_grounding(path: str | Path, sources: dict[str, list[str]], check) -> GroundingResult:
    """Run ``check`` (a :class:`rag.grounding.GroundingCheck`) on a JSONL set of labelled LLM
    answers. Each item names its sources by ``doc`` and a phrase the chunk ``contains``;
    ``sources`` maps a doc id to its chunk texts."""
    faithful = adversarial = 0
    accepts: list[tuple[str, str]] = []
    rejects: list[tuple[str, str, str]] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        item = json.loads(line)
        texts = []
        for src in item["sources"]:
            found = [t for t in sources.get(src["doc"], []) if src["contains"] in t]
            if not found:
                raise ValueError(f"{path}:{n}: no chunk of {src['doc']} contains {src['contains']!r}")
            texts.append(found[0])
        verdict = check.check(item["answer"], item["question"], texts, item["language"])
        if item["faithful"]:
            faithful += 1
            if not verdict.ok:
                rejects.append((item["id"], item["kind"], verdict.reason))
        else:
            adversarial += 1
            if verdict.ok:
                accepts.append((item["id"], item["kind"]))
    return GroundingResult(faithful, adversarial, accepts, rejects)


def chunk_texts(files: Iterable[Path]) -> dict[str, list[str]]:
    """Chunk texts of ``files`` by document id, chunked as the index chunks them (no store needed)."""
    from rag.chunk import chunk_letter
    from rag.parse import parse_file

    out: dict[str, list[str]] = {}
    for f in files:
        for chunk in chunk_letter(parse_file(f)):
            out.setdefault(chunk.doc_id, []).append(chunk.text)
    return out
