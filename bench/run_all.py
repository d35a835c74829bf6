"""What `make bench` runs, each benchmark timed as a whole: the table says where the
minutes go and whether the synthetic stores were built in this run or reused.

The stores `bench/ask_scale.py` and `bench/reindex.py` derive from the bundled letters are
kept in ``<RAG_CACHE_DIR>/bench-stores`` between runs, like the model: ask_scale's synthetic
stores are built again when their recipe changed (see ``ask_scale.recipe``), reindex's when
incomplete. ``--cold`` removes them first, to time a run on a machine that never ran the
benchmarks.

Run from the repository root (``make bench`` does)::

    .venv/bin/python bench/run_all.py
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import save  # noqa: E402

STEPS = [
    ["ask_scale.py", "--sizes", "1000,10000,100000"],
    ["memory.py", "--size", "100000"],
    ["embed_throughput.py"],
    ["reindex.py"],
    ["vector_cache.py", "--letters", "3"],
    ["app_start.py", "--runs", "3"],
    ["load.py", "--clients", "8", "--seconds", "60"],
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", action="store_true", help="remove the cached synthetic stores first")
    args = parser.parse_args()
    from rag.provision import cache_dir

    stores = cache_dir() / "bench-stores"
    if args.cold:
        shutil.rmtree(stores, ignore_errors=True)
    cached = sorted(p.name for p in stores.iterdir()) if stores.is_dir() else []
    rows: list[tuple[str, float]] = []
    start = time.perf_counter()
    for step in STEPS:
        t = time.perf_counter()
        print(f"== {' '.join(step)}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / step[0]), *step[1:]], check=True, cwd=ROOT)
        rows.append((" ".join(step), time.perf_counter() - t))
    total = time.perf_counter() - start
    lines = ["# `make bench`: where the time goes", "",
             f"Wall time of each benchmark in this run, minutes. Store folders found in the cache at the "
             f"start (each reused only if still current): {', '.join(cached) if cached else 'none (all built in this run)'}. "
             "Goal: < 20 minutes "
             "from a fresh clone (set-up, which `make bench` also runs, is not in this table).", "",
             "| benchmark | min | share |", "|---|---|---|"]
    lines += [f"| `{name}` | {s / 60:.1f} | {s / total:.0%} |" for name, s in rows]
    lines.append(f"| all | {total / 60:.1f} | 100% |")
    save("make_bench", "\n".join(lines) + "\n", {"steps": dict(rows), "total_s": total, "cached_stores": cached})


if __name__ == "__main__":
    main()
