"""Where an app process's memory goes at 100k chunks: resident memory after each load step.

Measured in a fresh process on the 100k store that `bench/ask_scale.py` builds (run that
first): open the store, read every chunk (texts compressed as read), load BM25, build the
typo vocabulary, one dense query, one sentence fetch, load the question model, index an
upload as the app does (in a child process, into a scratch store: the 100k store stays as
built), and last, for comparison, the torch model in this process, which indexing an upload
here would keep. Each step's growth is its cost; the first row (the interpreter and our
imports) is the baseline.

Run from the repository root (``make bench`` does)::

    .venv/bin/python bench/memory.py --size 100000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import save  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def profile(path: Path) -> list[tuple[str, float, float]]:
    """(step, resident MB after it, peak MB so far), in this process."""
    import numpy as np

    import rag.answer  # noqa: F401 - what the app imports before it loads anything
    from rag.embed import get_embedder
    from rag.expand import QueryExpander
    from rag.documents import searchable_text
    from rag.memory import return_freed_memory
    from rag.store import Store

    rows = []

    def mark(step: str) -> None:
        rows.append((step, _rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))

    mark("interpreter and imports")
    store = Store(path)
    mark("open the store (Chroma)")
    chunks, _ = store.all_chunks_and_vectors(vectors=False, pack=True)
    mark(f"every chunk's metadata and compressed text ({len(chunks)})")
    store.bm25.load(store.generation)
    mark("BM25 index")
    QueryExpander.from_texts((searchable_text(c) for c in chunks), store.abbreviations(chunks), correct_typos=True)
    return_freed_memory()
    mark("typo and abbreviation vocabulary; freed temporaries handed back (as the retriever's refresh does)")
    vector = np.ones(store.manifest.dim or 768, dtype=np.float32)
    store.query_dense(vector / np.linalg.norm(vector), 50, None)
    mark("one dense query (Chroma's vector index)")
    store.sentence_vectors([c.id for c in chunks[:30]])
    mark("one sentence fetch (30 chunks)")
    embedder = get_embedder()
    embedder.embed_queries(["opwarmen"])
    mark("the question model (ONNX export; token table read from its file)" if embedder.query_model is not None
         else "the embedding model (token table read from its file)")
    if embedder.query_model is not None:
        import tempfile

        from rag.index import index_in_child

        with tempfile.TemporaryDirectory() as scratch:
            index_in_child(Store(scratch), [ROOT / "data" / "letters" / "pm01_kst-21501-02-3121_motie-ceder.pdf"])
        mark("an upload indexed, as the app does it (in a child process)")
        embedder.model.encode(["opwarmen"])  # the model indexing uses (not the vector cache, which may hold this)
        mark("for comparison: the torch model in this process (what indexing the upload here would keep)")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(profile(Path(args.measure))))
        return
    from rag.provision import cache_dir

    path = cache_dir() / "bench-stores" / f"scale-{args.size}"
    if not (path / "chroma").exists():
        sys.exit(f"{path} is missing: run bench/ask_scale.py first")
    out = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True,
                         check=True)
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    lines = [f"# Memory of one app process at {args.size:,} chunks", "",
             "Resident memory after each load step, in one fresh process; growth is the step's cost. "
             "Goal: < 1,500 MB in all. The last row is not part of the app: it shows what indexing an "
             "upload in the app's own process would add for the rest of its life.", "",
             "| step | RSS MB | growth MB | peak MB |", "|---|---|---|---|"]
    before = None
    for step, rss, peak in rows:
        lines.append(f"| {step} | {rss:.0f} | {'' if before is None else f'{rss - before:+.0f}'} | {peak:.0f} |")
        before = rss
    save("memory", "\n".join(lines) + "\n", rows)


if __name__ == "__main__":
    main()
