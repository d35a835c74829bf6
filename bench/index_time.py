"""A fresh `rag index data/letters`, per embedding model, in the same run.

Each model indexes the bundled letters into an empty store in a process of its
own (`rag index`, as a user runs it); wall time and the child's peak memory are
recorded, and each is set against multilingual-e5-small measured in the same run.

Run from the repository root; results go to bench/results/index_time.md::

    .venv/bin/python bench/index_time.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The model is what is measured: a vector cache hit would time a lookup instead.
os.environ["RAG_VECTOR_CACHE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
MODELS = ["multilingual-e5-small", "embeddinggemma-300m"]


def index_once(model: str) -> dict:
    with tempfile.TemporaryDirectory() as store:
        env = {**os.environ, "RAG_EMBED_MODEL": model}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([str(Path(sys.executable).parent / "rag"), "index", str(ROOT / "data" / "letters"),
                               "--store", store, "--json"], env=env, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        summary = json.loads(done.stdout)
    return {"wall_s": wall, "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "peak_rss_mb": after.ru_maxrss / 1024, "chunks": summary["embedded_chunks"],
            "sentences": summary["embedded_sentences"]}


def main() -> None:
    results = {}
    for model in MODELS:
        print(f"{model} ...", file=sys.stderr)
        results[model] = index_once(model)
    base = results[MODELS[0]]
    lines = ["# Fresh index of data/letters", "",
             "One `rag index data/letters` into an empty store per model, same run; the ratio is against "
             "multilingual-e5-small. Peak RSS is the largest child process so far (so it only grows down the table).",
             "", "| model | chunks | sentences | wall s | wall / e5 | CPU s | peak RSS MB |", "|---|---|---|---|---|---|---|"]
    for model, r in results.items():
        lines.append(f"| {model} | {r['chunks']} | {r['sentences']} | {r['wall_s']:.0f} | "
                     f"{r['wall_s'] / base['wall_s']:.2f}× | {r['cpu_s']:.0f} | {r['peak_rss_mb']:.0f} |")
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results" / "index_time.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
