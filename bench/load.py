"""Load: N clients asking through the app's `ask` API at once, for a fixed time, on loopback.

Each client asks the staff set's dev questions in turn, as fast as answers come; every
answer must come back without error and with the question it was asked. Reported: answers,
errors, latency p50/p95, answers per second. Run once on a quiet app, and once more while
an upload (a 68-passage letter) indexes in the same app. The baseline, in the same run:
one client alone on the quiet app; the ratios are against its answers per second and p50.

Run from the repository root (``make bench`` does)::

    .venv/bin/python bench/load.py --clients 8 --seconds 60
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import save  # noqa: E402

from app_start import ask_api, free_port  # noqa: E402


def run_load(url: str, questions: list[str], clients: int = 8, seconds: float = 120.0) -> dict:
    """Ask from ``clients`` threads for ``seconds``; returns counts and latencies (ms)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        n = k
        while time.monotonic() < stop:
            question = questions[n % len(questions)]
            n += clients
            start = time.perf_counter()
            try:
                answer = ask_api(url, question, timeout=120)
                ok = answer.get("question") == question
            except Exception as exc:  # noqa: BLE001 - every failure counts
                ok, answer = False, {"error": repr(exc)}
            took = (time.perf_counter() - start) * 1000
            with lock:
                if ok:
                    latencies.append(took)
                else:
                    errors.append(str(answer)[:200])

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")

    return {"clients": clients, "seconds": seconds, "answers": len(latencies), "errors": len(errors),
            "first_errors": errors[:3], "p50_ms": pct(50), "p95_ms": pct(95), "per_s": len(latencies) / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    import shutil
    import tempfile

    from ask_scale import source_store

    from rag.app import launch
    from rag.evalset import load_cases, select_split
    from rag.provision import cache_dir

    questions = [c.question for c in select_split(load_cases(ROOT / "eval" / "staff" / "set.jsonl"), "dev")]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        shutil.copytree(source_store(cache_dir() / "bench-stores"), store)
        demo, url = launch(store, "127.0.0.1", free_port(), block=False)
        ask_api(url, questions[0])  # the model and index are loaded
        alone = run_load(url, questions, 1, max(args.seconds / 4, 10.0))
        quiet = run_load(url, questions, args.clients, args.seconds)
        big = ROOT / "data" / "letters" / "llm03_kst-36450-3_memorie-van-toelichting.pdf"
        from gradio_client import Client, handle_file

        uploading = threading.Thread(target=lambda: Client(url, verbose=False).predict(
            [handle_file(str(big))], api_name="/upload"))
        start = time.monotonic()
        uploading.start()
        during = run_load(url, questions, args.clients, args.seconds)
        uploading.join()
        upload_s = time.monotonic() - start
        demo.close()
    lines = ["# Load: concurrent clients through the app's API", "",
             f"{args.clients} clients asking the staff dev questions through `/gradio_api/call/ask` on loopback, "
             f"{args.seconds:.0f} s each run; latency per answer in ms. Baseline in the same run: one client "
             f"alone ({alone['seconds']:.0f} s); this machine's speed varies by up to 2x between days.", "",
             "| run | answers | errors | p50 ms | p95 ms | answers/s | answers/s / 1 client | p50 / 1 client |",
             "|---|---|---|---|---|---|---|---|"]
    base_per_s = alone["per_s"] or float("nan")  # a baseline without answers: no ratio, but the table is written
    for label, r in (("1 client (baseline)", alone), (f"{args.clients} clients, quiet app", quiet),
                     (f"{args.clients} clients while an upload indexes ({upload_s:.0f} s upload)", during)):
        lines.append(f"| {label} | {r['answers']} | {r['errors']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | "
                     f"{r['per_s']:.1f} | {r['per_s'] / base_per_s:.2f}x | {r['p50_ms'] / alone['p50_ms']:.2f}x |")
    text = "\n".join(lines) + "\n"
    save("load", text, {"alone": alone, "quiet": quiet, "during_upload": during, "upload_s": upload_s})


if __name__ == "__main__":
    main()
