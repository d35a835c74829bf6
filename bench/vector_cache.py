"""What the vector cache saves: indexing the same letters into a new store, with the model
running (cache off, the baseline), filling an empty cache, and from a full cache.

Each run indexes the same folder into a fresh store in this process, with the model
already loaded, so the figures are the indexing itself (parsing, embedding, Chroma, BM25).
The cache is a temporary folder, removed at the end.

Run from the repository root::

    .venv/bin/python bench/vector_cache.py --letters 3
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import save  # noqa: E402 - bench/ is not a package

from rag.embed import get_embedder  # noqa: E402
from rag.index import Indexer  # noqa: E402
from rag.store import Store  # noqa: E402
from rag.vectorcache import VectorCache  # noqa: E402


def index_once(folder: Path, embedder, cache: VectorCache | None, work: Path, name: str) -> dict:
    embedder.cache = cache
    start = time.perf_counter()
    done = Indexer(Store(work / name), embedder).run([folder])
    return {"seconds": time.perf_counter() - start, "chunks": done.embedded_chunks,
            "sentences": done.embedded_sentences, "from_cache": done.vectors_from_cache}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=3, help="how many of data/letters to index")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-vectors-"))
    try:
        folder = work / "letters"
        folder.mkdir()
        for f in sorted((ROOT / "data" / "letters").iterdir())[: args.letters]:
            shutil.copy(f, folder / f.name)
        embedder = get_embedder()
        cache = VectorCache(work / "cache" / "vectors.sqlite", embedder.dim)
        runs = {
            "model, no cache (baseline)": index_once(folder, embedder, None, work, "off"),
            "model, filling an empty cache": index_once(folder, embedder, cache, work, "cold"),
            "all vectors from the cache": index_once(folder, embedder, cache, work, "warm"),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = runs["model, no cache (baseline)"]["seconds"]
    rows = [f"| {name} | {r['seconds']:.1f} | {r['seconds'] / base:.2f}× | {r['from_cache']} |" for name, r in runs.items()]
    first = next(iter(runs.values()))
    table = "\n".join([
        "# Vector cache",
        "",
        f"{args.letters} letters of data/letters into a new store each time: {first['chunks']} chunks, "
        f"{first['sentences']} sentences; model {embedder.name} ({embedder.precision}), already loaded.",
        "",
        "| run | seconds | ratio to baseline | vectors from cache |",
        "|---|---|---|---|",
        *rows,
        "",
    ])
    save("vector_cache", table, {"letters": args.letters, "model": embedder.name, "runs": runs})


if __name__ == "__main__":
    main()
