"""An unchanged re-index of 1,000 letters: what `rag index` costs when nothing changed.

The 1,000 letters are generated from the 35 real council letters in ``data/excerpts``:
each is one of them with another Kamerstuk number (or Tweede Kamer document number) and
its years moved back, so every letter has an id and dates of its own. The store is built
once (cached between runs) with vectors that are a hash of the text, named as the real
model: an unchanged run embeds nothing, so what the vectors are does not matter here,
and embedding 1,000 letters for real would take an hour. Then ``rag index FOLDER`` runs
as a user runs it, in a fresh process; the wall time counts everything (interpreter,
imports, Chroma, hashing the files). Baseline in the same run: a process that only
starts Python and imports the CLI.

Run from the repository root::

    .venv/bin/python bench/reindex.py
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import save  # noqa: E402
LETTERS = 1000


class HashVectors:
    """Unit vectors from a text's hash, under the real model's name (builds the store fast)."""

    cache = None  # nothing to keep: hashing is as fast as a lookup

    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, dim

    def workers(self, n: int):
        return contextlib.nullcontext()

    def embed_passages(self, texts: list[str], progress: bool = False, remember: bool = False) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            out[i] = v / np.linalg.norm(v)
        return out


def generate(folder: Path) -> None:
    """Write the 1,000 letters (once)."""
    from rag.parse import parse_file

    sources = sorted(p for p in (ROOT / "data" / "excerpts").glob("*.txt") if p.stem.upper() != "README")
    parsed = [(p, parse_file(p)) for p in sources]
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    k = 0
    while len(seen) < LETTERS:
        path, letter = parsed[k % len(parsed)]
        text = path.read_text(encoding="utf-8")
        new_no = str(5000 + k)
        if letter.doc_number and letter.doc_id.startswith("kst-"):
            text = text.replace(letter.doc_id, f"kst-{letter.dossier}-{new_no}")
            text = re.sub(rf"(?<![\w.]){re.escape(letter.doc_number)}(?!\w)", new_no, text)
        elif re.fullmatch(r"\d{4}D\d{5}", letter.doc_id):
            text = text.replace(letter.doc_id, f"{letter.doc_id[:5]}{90000 + k}")
        back = 1 + (k // len(parsed)) % 12
        text = re.sub(r"\b(20[12]\d)\b", lambda m: str(int(m.group(1)) - back), text)
        target = folder / f"gen-{k:04d}-{path.name}"
        target.write_text(text, encoding="utf-8")
        doc_id = parse_file(target).doc_id
        if doc_id in seen:  # this letter's id did not change with its number: leave it out
            target.unlink()
        seen.add(doc_id)
        k += 1


def build(folder: Path, store_path: Path) -> int:
    """Index the letters with hash vectors (once); returns how many letters the store holds."""
    from rag.embed import GEMMA_MODEL
    from rag.index import Indexer
    from rag.store import Store

    store = Store(store_path)
    if len(store.manifest.documents) < LETTERS:
        Indexer(store, HashVectors(GEMMA_MODEL, 768)).run([folder])
    return len(Store(store_path).manifest.documents)


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    from rag.provision import cache_dir

    cache = cache_dir() / "bench-stores"
    folder, store = cache / "reindex-letters", cache / "reindex-store"
    if len(list(folder.glob("*.txt"))) < LETTERS or not (store / "chroma").exists():
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
        generate(folder)
    docs = build(folder, store)
    env = {**os.environ, "RAG_EMBED_MODEL": "embeddinggemma-300m"}
    rag = str(Path(sys.executable).parent / "rag")
    runs = [timed([rag, "index", str(folder), "--store", str(store), "--json"], env) for _ in range(5)]
    bases = [timed([sys.executable, "-c", "import rag.cli"], env) for _ in range(5)]
    run, base = sorted(runs)[2], sorted(bases)[2]
    out = subprocess.run([rag, "index", str(folder), "--store", str(store), "--json"], check=True,
                         capture_output=True, text=True, env=env, cwd=ROOT)
    summary = json.loads(out.stdout)
    assert len(summary["unchanged"]) == LETTERS and summary["embedded_chunks"] == 0, (
        f"{len(summary['unchanged'])} unchanged, {summary['embedded_chunks']} embedded, {summary['skipped'][:3]}")
    text = "\n".join([
        "# Unchanged re-index of 1,000 letters", "",
        f"`rag index` over {LETTERS} generated letters ({docs} in the store, all unchanged); median of 5 fresh "
        "processes, wall seconds. Goal: < 2 s.", "",
        "| run | s | ratio |", "|---|---|---|",
        f"| `python -c 'import rag.cli'` (baseline) | {base:.2f} | 1.00× |",
        f"| `rag index` (1,000 unchanged letters) | {run:.2f} | {run / base:.2f}× |",
    ]) + "\n"
    save("reindex", text, {"runs_s": runs, "baseline_s": bases, "letters": docs})


if __name__ == "__main__":
    main()
