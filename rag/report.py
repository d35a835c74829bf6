"""Eval reports: a Markdown page and a PNG plot, and the run history in ``eval/runs/``.

``rag eval --report FOLDER`` calls :func:`write_report` with the metrics of each system
it ran; ``make eval`` writes the reports under ``eval/reports/``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from rag.evaluate import SPLIT_NOTES, EvalResult, timeline_metrics

METRICS = [
    ("retrieval", "recall@1"), ("retrieval", "recall@3"), ("retrieval", "recall@5"), ("retrieval", "recall@10"),
    ("retrieval", "mrr@10"), ("retrieval", "ndcg@10"), ("answer", "fact_accuracy"),
    ("answer", "citation_precision"), ("answer", "unanswerable_accuracy"),
]


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def save_run(set_name: str, metrics: dict[str, dict], runs_dir: Path) -> Path:
    runs_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = runs_dir / f"{stamp}-{set_name}.json"
    path.write_text(json.dumps({"set": set_name, "at": stamp, "metrics": metrics}, indent=1), encoding="utf-8")
    return path


def load_runs(set_name: str, runs_dir: Path) -> list[dict]:
    if not runs_dir.exists():
        return []
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(runs_dir.glob(f"*-{set_name}.json"))]
    return [r for r in runs if r.get("set") == set_name]


def plot(set_name: str, metrics: dict[str, dict], history: list[dict], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [m for _, m in METRICS]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [3, 2]})
    width = 0.8 / max(len(metrics), 1)
    for i, (system, m) in enumerate(metrics.items()):
        values = [m[group][name] or 0.0 for group, name in METRICS]
        left.bar([x + i * width for x in range(len(names))], values, width, label=system)
    left.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(names))])
    left.set_xticklabels(names, rotation=35, ha="right")
    left.set_ylim(0, 1.05)
    left.set_title(f"{set_name}: this run")
    left.legend()
    for key, label in ((("retrieval", "mrr@10"), "MRR@10"), (("answer", "fact_accuracy"), "fact accuracy"),
                       (("answer", "unanswerable_accuracy"), "answered right")):
        ys = [(r["metrics"]["kamerbrief-rag"][key[0]][key[1]] or 0.0) for r in history if "kamerbrief-rag" in r["metrics"]]
        if ys:
            right.plot(range(1, len(ys) + 1), ys, marker="o", label=label)
    right.set_ylim(0, 1.05)
    right.set_xticks(range(1, max(len(history), 1) + 1))
    right.set_xlabel("run")
    right.set_title("kamerbrief-rag over runs")
    right.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def _breakdown(metrics: dict[str, dict], systems: list[str], key: str, title: str, label: str,
               columns: tuple[tuple[str, str], ...]) -> list[str]:
    """A table of the report's ``key`` breakdown (``by_style``, ``by_letter``), or nothing."""
    groups = sorted({g for m in metrics.values() for g in m.get(key, {})})
    if not groups:
        return []
    lines = ["", f"## {title}", "", " / ".join(name for _, name in columns) + ", per system.", "",
             f"| {label} | n | " + " | ".join(systems) + " |", "|---|---|" + "---|" * len(systems)]
    for group in groups:
        cells = []
        for s in systems:
            m = metrics[s].get(key, {}).get(group)
            cells.append("–" if m is None else " / ".join(_fmt(m[k]) for k, _ in columns))
        n = metrics[systems[0]].get(key, {}).get(group, {}).get("n", 0)
        lines.append(f"| {group} | {n} | " + " | ".join(cells) + " |")
    return lines


_STYLE_COLUMNS = (("mrr@10", "MRR@10"), ("recall@5", "recall@5"), ("fact_accuracy", "fact accuracy"),
                  ("unanswerable_accuracy", "answered right"))
_LETTER_COLUMNS = _STYLE_COLUMNS[:3] + (("citation_precision", "citation precision"), _STYLE_COLUMNS[3])


def _per_question(system: str, result: EvalResult) -> list[str]:
    """The report's per-question table of one system."""
    lines = [f"## Per question ({system})", "",
             "| id | question | asks for | first relevant rank | answered | mode | facts | relevant citations | answer |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in result.rows:
        answered = ("✓ " if r.answered_ok else "✗ ") + ("answered" if r.answered else f"not found ({r.reason or '–'})")
        mode = r.mode + (f", fell back: {r.fallback_reason}" if r.fallback_reason else "")
        facts = "–" if not r.facts else ("✓" if r.facts_ok else "✗ " + ", ".join(f for f, ok in r.facts if not ok))
        cites = f"{sum(ok for _, ok in r.citations)}/{len(r.citations)}" if r.citations else "–"
        answer = r.answer.replace("|", "/").replace("\n", " ")
        answer = answer[:220] + ("…" if len(answer) > 220 else "")
        rank = "–" if r.unanswerable else (str(r.rank) if r.rank else "> 10")
        lines.append(f"| {r.id} | {r.question.replace('|', '/')} | {r.answer_type or '–'} | {rank} | {answered} | "
                     f"{mode.replace('|', '/')} | {facts} | {cites} | {answer} |")
    return lines


def write_report(set_name: str, results: dict[str, EvalResult], out_dir: Path, runs_dir: Path,
                 split: str = "all", model: str | None = None, split_note: str | None = None) -> Path:
    """Write ``report.md`` and ``metrics.png`` into ``out_dir``; append this run to ``runs_dir``.

    The report says which split it covers and whether anything was fitted on it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    metrics = {name: r.metrics() for name, r in results.items()}
    save_run(set_name, metrics, runs_dir)
    history = load_runs(set_name, runs_dir)
    plot(set_name, metrics, history, out_dir / "metrics.png")

    systems = list(metrics)
    lines = [f"# Eval: {set_name}", "",
             f"{next(iter(metrics.values()))['n']} questions; run at {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.", "",
             f"**Split: {split}** ({split_note or SPLIT_NOTES[split]})." + (f" Embedding model: `{model}`." if model else ""), "",
             "| metric | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for group, name in METRICS:
        lines.append(f"| {name} | " + " | ".join(_fmt(metrics[s][group][name]) for s in systems) + " |")
    for q in ("p50", "p95"):
        lines.append(f"| latency {q} (ms) | " + " | ".join(f"{metrics[s]['latency_ms'][q]:.0f}" for s in systems) + " |")
    lines += _breakdown(metrics, systems, "by_style", "Per style", "style", _STYLE_COLUMNS)
    lines += _breakdown(metrics, systems, "by_letter", "Per letter", "letter", _LETTER_COLUMNS)
    timelines = results[systems[0]].timelines
    if timelines:
        t = timeline_metrics(timelines)
        lines += ["", "## Timelines", "",
                  f"{t['n']} topics: letter precision {t['precision']:.3f}, recall {t['recall']:.3f}; "
                  f"in date order {t['in_order']:.3f}; exactly the expected letters {t['exact']:.3f}.", "",
                  "| id | topic | expected letters, in date order | listed | precision | recall | in order |",
                  "|---|---|---|---|---|---|---|"]
        for r in timelines:
            lines.append(f"| {r.id} | {r.topic} | {', '.join(r.expected)} | {', '.join(r.got) or '–'} | "
                         f"{r.precision:.2f} | {r.recall:.2f} | {'✓' if r.in_order else '✗'} |")
    lines += ["", "![metrics](metrics.png)", ""]
    if "naive" in results:
        lines += ["The naive pipeline: raw page text, RecursiveCharacterTextSplitter(1000, 200), dense retrieval "
                  "only; its answer is the top chunk, its sources the top 5; it always answers.", ""]
    lines += _per_question(systems[0], results[systems[0]])
    path = out_dir / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
