"""Sentence vectors pooled from the chunk's own forward pass: faster indexing, worse sentences.

`rag index` embeds every chunk and then every sentence of it on its own, which is why
it runs at about half the model's raw speed on the chunks alone. The alternative measured
here takes each sentence's vector from the chunk's forward pass: the mean of the
token states that fall inside the sentence, through the model's own dense layers,
normalised (EmbeddingGemma pools by mean, so the chunk's vector is the same mean over
all its tokens). One forward pass gives both, so indexing would run nearer raw speed.

Measured in one run:
  speed    on one agenda's chunks: raw encode of the chunks (the baseline), chunks and
           then their sentences separately (what `rag index` does), and one pooled pass.
  quality  on the staff set's train and dev questions (never test: this chooses): for each
           chunk that holds a question's expected fact, is the sentence most similar to the
           question one that holds it? Separately embedded against pooled sentence vectors.

Not part of `make bench` (the quality half embeds ~200 chunks twice, ~10 minutes here).
Run from the repository root; results go to bench/results/sentence_pooling.md::

    .venv/bin/python bench/sentence_pooling.py
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ["RAG_VECTOR_CACHE"] = "off"  # time the model, not a cache lookup

from results_file import save  # noqa: E402

from rag.chunk import chunk_letter  # noqa: E402
from rag.documents import Chunk, searchable_text  # noqa: E402
from rag.embed import Embedder, get_embedder  # noqa: E402
from rag.evalset import load_cases  # noqa: E402
from rag.evaluate import contains_fact  # noqa: E402
from rag.parse import parse_file  # noqa: E402
from rag.sentences import split_sentences  # noqa: E402

AGENDA = "kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt"


def pooled_vectors(emb: Embedder, chunks: list[Chunk], batch_size: int = 16) -> tuple[np.ndarray, list[np.ndarray]]:
    """Each chunk's vector and its sentences' vectors from one forward pass per batch."""
    import torch

    model, prompt = emb.model, emb.passage_prompt or ""
    texts = [prompt + searchable_text(c) for c in chunks]
    # A sentence's place in the embedded text: after the prompt and the heading line.
    spans = [[(len(t) - len(c.text) + s.start, len(t) - len(c.text) + s.end) for s in split_sentences(c.text)]
             for t, c in zip(texts, chunks)]
    chunk_vecs: list[np.ndarray | None] = [None] * len(chunks)
    sent_vecs: list[np.ndarray | None] = [None] * len(chunks)
    order = np.argsort([-len(t) for t in texts])  # like encode: little padding per batch
    for at in range(0, len(texts), batch_size):
        batch = order[at : at + batch_size]
        enc = model.tokenizer([texts[i] for i in batch], padding=True, truncation="longest_first",
                              max_length=model.max_seq_length, return_tensors="pt", return_offsets_mapping=True)
        offsets = enc.pop("offset_mapping")
        with torch.inference_mode():
            states = model[0](dict(enc))["token_embeddings"]
            mask = enc["attention_mask"].to(states.dtype)
            means, sizes = [], []
            for j, i in enumerate(batch):
                rows = [mask[j]] + [((offsets[j][:, 0] < e) & (offsets[j][:, 1] > s)).to(states.dtype) * mask[j]
                                    for s, e in spans[i]]
                m = torch.stack(rows)
                means.append((m @ states[j]) / m.sum(1, keepdim=True).clamp(min=1e-9))
                sizes.append(len(rows))
            out = {"sentence_embedding": torch.cat(means)}
            for module in list(model)[2:]:  # the dense layers and the normalisation after pooling
                out = module(out)
        vecs = out["sentence_embedding"].float().numpy()[:, : emb.dim]
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        start = 0
        for i, n in zip(batch, sizes):
            chunk_vecs[i], sent_vecs[i] = vecs[start], vecs[start + 1 : start + n]
            start += n
    return np.stack(chunk_vecs), sent_vecs  # type: ignore[arg-type]


def separate_vectors(emb: Embedder, chunks: list[Chunk]) -> tuple[np.ndarray, list[np.ndarray]]:
    """What `rag index` does: the chunks, then all their sentences, each on its own."""
    found = [split_sentences(c.text) for c in chunks]
    chunk_vecs = emb.embed_passages([searchable_text(c) for c in chunks])
    flat = emb.embed_passages([s.text for f in found for s in f])
    out, at = [], 0
    for f in found:
        out.append(flat[at : at + len(f)])
        at += len(f)
    return chunk_vecs, out


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def fact_sentence_first(emb: Embedder, all_chunks: list[Chunk], how) -> tuple[float, int]:
    """Share of (question, chunk holding its fact) pairs whose most similar sentence holds the fact."""
    cases = [c for c in load_cases(ROOT / "eval" / "staff" / "set.jsonl")
             if c.split in ("train", "dev") and not c.unanswerable and c.answer_contains]
    pairs = [(case, ch) for case in cases for ch in all_chunks if any(contains_fact(ch.text, f) for f in case.answer_contains)]
    needed = list({ch.id: ch for _, ch in pairs}.values())
    _, sentence_vecs = how(emb, needed)
    by_id = {ch.id: v for ch, v in zip(needed, sentence_vecs)}
    qvecs = emb.embed_queries([case.question for case in cases])
    qvec = {case.id: v for case, v in zip(cases, qvecs)}
    hits = []
    for case, ch in pairs:
        sents = split_sentences(ch.text)
        labels = [any(contains_fact(s.text, f) for f in case.answer_contains) for s in sents]
        if not any(labels):  # the fact spans two sentences
            continue
        hits.append(labels[int(np.argmax(by_id[ch.id] @ qvec[case.id]))])
    return float(np.mean(hits)), len(hits)


def main() -> None:
    emb = get_embedder()
    agenda = chunk_letter(parse_file(ROOT / "data" / "letters" / AGENDA))
    emb.embed_passages([searchable_text(c) for c in agenda[:4]])  # warm-up
    raw_s, raw = timed(emb.embed_passages, [searchable_text(c) for c in agenda])
    sep_s, (_, sep_sents) = timed(separate_vectors, emb, agenda)
    pool_s, (pool_chunks, pool_sents) = timed(pooled_vectors, emb, agenda)
    n_sent = sum(len(s) for s in sep_sents)
    same_chunk = float(np.min(np.sum(pool_chunks * raw, axis=1)))
    cos = np.concatenate([np.sum(a * b, axis=1) for a, b in zip(sep_sents, pool_sents) if len(a)])

    letters = sorted(p for p in (ROOT / "data" / "letters").iterdir() if p.suffix in (".txt", ".md", ".pdf"))
    everything = [c for p in letters for c in chunk_letter(parse_file(p))]
    sep_q, n_pairs = fact_sentence_first(emb, everything, separate_vectors)
    pool_q, _ = fact_sentence_first(emb, everything, pooled_vectors)

    table = (
        "# Sentence vectors pooled from the chunk's forward pass\n\n"
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; model {emb.name} ({emb.precision}).\n\n"
        f"Speed, on the {len(agenda)} chunks ({n_sent} sentences) of `{AGENDA}`, one run:\n\n"
        "| how | s | chunks/s | ratio to raw |\n|---|---|---|---|\n"
        f"| raw encode of the chunks (baseline) | {raw_s:.1f} | {len(agenda) / raw_s:.2f} | 1.00x |\n"
        f"| chunks, then sentences on their own (`rag index` today) | {sep_s:.1f} | {len(agenda) / sep_s:.2f} | {raw_s / sep_s:.2f}x |\n"
        f"| one pass, sentences pooled from it | {pool_s:.1f} | {len(agenda) / pool_s:.2f} | {raw_s / pool_s:.2f}x |\n\n"
        f"The pooled pass's chunk vectors equal encode's (lowest cosine {same_chunk:.6f}); its sentence vectors "
        f"differ from separately embedded ones (cosine mean {cos.mean():.3f}, lowest {cos.min():.3f}).\n\n"
        f"Quality, staff set train + dev ({n_pairs} question-chunk pairs where one sentence of the chunk holds "
        "the expected fact):\n\n"
        "| sentence vectors | the sentence most similar to the question holds the fact |\n|---|---|\n"
        f"| embedded on their own (shipped) | {sep_q:.3f} |\n| pooled from the chunk | {pool_q:.3f} |\n"
    )
    save("sentence_pooling", table, {
        "model": emb.name, "precision": emb.precision, "chunks": len(agenda), "sentences": n_sent,
        "raw_s": raw_s, "separate_s": sep_s, "pooled_s": pool_s, "chunk_cosine_min": same_chunk,
        "sentence_cosine_mean": float(cos.mean()), "sentence_cosine_min": float(cos.min()),
        "pairs": n_pairs, "fact_first_separate": sep_q, "fact_first_pooled": pool_q,
    })


if __name__ == "__main__":
    main()
