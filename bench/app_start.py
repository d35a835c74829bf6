"""App start to first answer, and where the time goes.

End to end: ``python app.py`` is started on the bundled letters' store (already indexed;
the store the `ask` benchmark builds), the page is requested until it is served, and one
question is sent through the app's ``ask`` API as soon as it is; the clock runs from the
process start. Parts: each step of the start is timed on its own in a fresh process
(imports, model load, store and BM25 load, the first query), so the sum shows what a
start costs when nothing overlaps.

Run from the repository root::

    .venv/bin/python bench/app_start.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import save  # noqa: E402
QUESTION = "Wat is de Nederlandse positie over Europol?"

PARTS = {
    "import gradio": "import gradio",
    "import rag.app (everything the app imports)": "import rag.app",
    "question model: ONNX export and tokenizer (what the app loads)": "from rag.embed import get_embedder; get_embedder()",
    "store, chunks, BM25 and vocabulary": (
        "from rag.store import Store; from rag.retrieve import Retriever; "
        "from rag.embed import get_embedder; e = get_embedder(); t = time.perf_counter(); "
        "Retriever(Store(STORE), embedder=e); t = time.perf_counter() - t"
    ),
    "first query embedding": (
        "from rag.embed import get_embedder; e = get_embedder(); t = time.perf_counter(); "
        "e.embed_queries(['opwarmen']); t = time.perf_counter() - t"
    ),
    # The baseline's start: what RAG_QUERY_ENGINE=torch (and an upload, once) loads instead.
    "torch: import torch + sentence-transformers": "import torch; from rag.startup import import_sentence_transformers as i; i()",
    "torch: imports and model load": "from rag.embed import Embedder; Embedder(fast_queries=False)",
}
# End to end with each way of embedding questions; torch is the baseline.
ENGINES = ("onnx", "torch")


def time_part(code: str, store: Path) -> float:
    """Seconds ``code`` takes in a fresh interpreter (or its own ``t`` when it sets one)."""
    script = (f"import time; STORE = {str(store)!r}; t0 = time.perf_counter(); {code}\n"
              "print(t if 't' in dir() else time.perf_counter() - t0)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask_api(url: str, question: str, timeout: float = 120.0) -> dict:
    """One question through the app's ``ask`` API (Gradio's call-then-stream protocol)."""
    body = json.dumps({"data": [question, "", "", "", [], []]}).encode()
    req = urllib.request.Request(f"{url}/gradio_api/call/ask", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        event = json.loads(resp.read())["event_id"]
    with urllib.request.urlopen(f"{url}/gradio_api/call/ask/{event}", timeout=timeout) as resp:
        kind = None
        for raw in resp:
            line = raw.decode().strip()
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind in ("complete", "error"):
                if kind == "error":
                    raise RuntimeError(f"the app answered with an error: {line}")
                return json.loads(line[5:])[0]
    raise RuntimeError("no answer")


def end_to_end(store: Path, engine: str) -> dict[str, float]:
    """Seconds from process start to the page being served, and to the first answer."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "RAG_STORE": str(store), "RAG_PORT": str(port), "RAG_QUERY_ENGINE": engine}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("the app stopped before serving its page") from None
                time.sleep(0.05)
        page = time.perf_counter() - start
        answer = ask_api(url, QUESTION)
        first = time.perf_counter() - start
        assert answer.get("citations"), f"the first answer has no citations: {answer}"
        return {"page_s": page, "first_answer_s": first}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--label", default="", help="a note for the results file (what was changed)")
    args = parser.parse_args()
    from ask_scale import source_store

    from rag.provision import cache_dir

    store = source_store(cache_dir() / "bench-stores")
    # Alternate the engines, so that a slow spell of the machine hits both alike.
    runs: dict[str, list[dict[str, float]]] = {e: [] for e in ENGINES}
    for _ in range(args.runs):
        for engine in ENGINES:
            runs[engine].append(end_to_end(store, engine))
    parts = {name: min(time_part(code, store) for _ in range(2)) for name, code in PARTS.items()}
    med = {e: {k: sorted(r[k] for r in rs)[len(rs) // 2] for k in rs[0]} for e, rs in runs.items()}
    base = med["torch"]["first_answer_s"]
    lines = ["# App start to first answer", "",
             f"`python app.py` on the bundled letters ({args.runs} starts each, alternating, median; seconds "
             "from process start). Goal: first answer < 10 s. Baseline: questions embedded by "
             "sentence-transformers (`RAG_QUERY_ENGINE=torch`), in the same run." + (f" {args.label}" if args.label else ""),
             "", "| questions embedded by | page served | first answer | first answer / baseline |", "|---|---|---|---|"]
    label = {"onnx": "ONNX export (default)", "torch": "sentence-transformers (baseline)"}
    lines += [f"| {label[e]} | {med[e]['page_s']:.1f} | {med[e]['first_answer_s']:.1f} | "
              f"{med[e]['first_answer_s'] / base:.2f}x |" for e in ENGINES]
    lines += ["",
              # This machine's speed varies from day to day (up to ~2x): a yardstick from the same run.
              f"First answer (default) = {med['onnx']['first_answer_s'] / parts['import gradio']:.1f}x `import gradio` "
              f"({parts['import gradio']:.2f} s) measured in the same run.", "",
              "Each step on its own, in a fresh process (best of 2):", "",
              "| step | s |", "|---|---|"]
    lines += [f"| {name} | {secs:.2f} |" for name, secs in parts.items()]
    text = "\n".join(lines) + "\n"
    save("app_start", text, {"runs": runs, "median": med, "parts": parts})


if __name__ == "__main__":
    main()
