"""The evaluation verbs of ``rag``: ``eval`` (metrics on an eval set, optionally
against a baseline and other embedding models, with a report) and ``feedback``
(thumbs-down answers from the chat app as draft eval cases).

``rag.cli`` adds these commands to its group. The evaluation modules are imported
inside the functions: they pull in numpy and the store, which ``rag --help`` does not need.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from rag.cli_common import echo_json, fail, index_paths, open_answerer, store_option
from rag.evalset import cases_from_feedback, load_cases, select_split


def _eval_store(corpus: tuple[Path, ...], store_path: Path | None,
                model: str | None = None) -> tuple[Path, list[Path]]:
    """The store for an eval corpus (one or more folders): reused when the same letters were indexed before."""
    # lazy: these pull in numpy and the store
    from rag.embed import get_embedder
    from rag.evaluate import corpus_key
    from rag.index import collect_files
    from rag.provision import cache_dir

    files, _, _ = collect_files(list(corpus))
    if not files:
        fail(f"{', '.join(map(str, corpus))}: no letters (.pdf, .txt, .md) in these folders")
    key = corpus_key(files, get_embedder(model).name)
    path = store_path or cache_dir() / "eval-stores" / key
    index_paths(list(corpus), path, prune=True, model=model)
    return path, files


@click.command(name="eval")
@click.argument("set_path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False, exists=True), multiple=True,
              help="Evaluate against this folder of letters (repeatable; the store is built once and reused).")
@store_option
@click.option("--baseline", type=click.Choice(["naive"]), help="Also run a plain RAG pipeline, side by side.")
@click.option("--report", "report_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Write report.md and metrics.png here.")
@click.option("--runs", "runs_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("eval/runs"),
              show_default=True, help="Where run histories are kept (for the plot).")
@click.option("--from-feedback", "feedback", type=click.Path(path_type=Path, dir_okay=False), is_flag=False,
              flag_value="index/feedback.jsonl", default=None, hidden=True,
              help="Kept for old scripts: what `rag feedback` does.")
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False), hidden=True,
              help="With --from-feedback: as `rag feedback --out`.")
@click.option("--split", type=click.Choice(["train", "dev", "test", "all"]), default="all", show_default=True,
              help="Which part of the set: report on test; train is what settings are fitted on.")
@click.option("--compare-model", "compare_model", multiple=True,
              help="Also run the whole pipeline with this embedding model (e.g. multilingual-e5-small).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def evaluate(set_path: Path | None, corpus: tuple[Path, ...], store_path: Path | None, baseline: str | None,
             report_dir: Path | None, runs_dir: Path, feedback: Path | None, out_path: Path | None, split: str,
             compare_model: tuple[str, ...], as_json: bool) -> None:
    """Measure retrieval and answer quality on an eval set (JSONL).

    Metrics come per style of question too (``by_style``) when the set labels them, and per
    letter (``by_letter``) for each letter at least three of its questions are about.

    \b
    Examples:
      rag eval eval/staff/set.jsonl --corpus data/letters --split test --baseline naive \\
          --compare-model multilingual-e5-small --report eval/reports/staff
      rag eval eval/seed.jsonl --corpus data/letters --baseline naive --report eval/reports/seed
      rag eval eval/kamervragen/set.jsonl --corpus eval/kamervragen/corpus --split test --json
    """
    from rag.evaluate import SPLIT_NOTES  # lazy: pulls in numpy

    if feedback is not None:
        _feedback_cases(feedback, out_path, as_json)
        return
    if set_path is None:
        fail("give an eval set (JSONL); `rag feedback` turns chat feedback into cases")
    try:
        cases = select_split(load_cases(set_path), split)
    except (OSError, ValueError) as exc:
        fail(str(exc))
    if not cases:
        fail(f"{set_path}: no cases in split {split!r} (cases carry a 'split' field)")
    results, model = _run_systems(cases, corpus, store_path, baseline, compare_model)
    metrics = results["kamerbrief-rag"].metrics()
    # Per question: which path answered and why it fell back or found nothing.
    metrics["questions"] = [{"id": r.id, "answered": r.answered, "answered_right": r.answered_ok, "mode": r.mode,
                             "fallback_reason": r.fallback_reason, "reason": r.reason, "answer_type": r.answer_type,
                             "facts_ok": r.facts_ok, "rank": r.rank} for r in results["kamerbrief-rag"].rows]
    metrics["split"] = split
    metrics["split_note"] = SPLIT_NOTES[split] if any(c.split for c in cases) else "the set has no train/dev/test split"
    metrics["model"] = model
    if "naive" in results:
        metrics["baseline"] = results["naive"].metrics()
    for name, result in results.items():
        if name.startswith("kamerbrief-rag ("):
            metrics.setdefault("compared", {})[name] = result.metrics()
    if report_dir:
        from rag.report import write_report  # lazy: only with --report

        set_name = set_path.stem if set_path.stem != "set" else set_path.parent.name
        path = write_report(set_name if split == "all" else f"{set_name}-{split}", results, report_dir, runs_dir,
                            split=split, model=model, split_note=metrics["split_note"])
        click.echo(f"rapport: {path}", err=True)
    if as_json:
        echo_json(metrics)
    else:
        _print_metrics(metrics)


def _run_systems(cases: list, corpus: tuple[Path, ...], store_path: Path | None, baseline: str | None,
                 compare_model: tuple[str, ...]) -> tuple[dict, str]:
    """Answer ``cases`` with our pipeline, each compared model and the baseline; the results
    by system name, and our model's name."""
    # lazy: tqdm and the evaluation (numpy) only load when an eval runs
    from tqdm import tqdm

    from rag.evaluate import evaluate_answerer, evaluate_naive

    files = None
    if corpus:
        store_path, files = _eval_store(corpus, store_path)
    answerer = open_answerer(store_path)
    progress = lambda xs: tqdm(xs, desc="vragen", unit="vraag", file=sys.stderr, disable=None)  # noqa: E731
    results = {"kamerbrief-rag": evaluate_answerer(cases, answerer, progress)}
    for other in compare_model:
        if not corpus:
            fail("--compare-model needs --corpus (the other model gets a store of its own)")
        # lazy: only with --compare-model
        from rag.answer import Answerer
        from rag.embed import get_embedder
        from rag.retrieve import Retriever
        from rag.store import Store

        other_path, _ = _eval_store(corpus, None, other)
        retriever = Retriever(Store(other_path), get_embedder(other))
        results[f"kamerbrief-rag ({other})"] = evaluate_answerer(cases, Answerer(retriever), progress)
    if baseline == "naive":
        # lazy: only with --baseline
        from rag.evaluate import NaivePipeline
        from rag.provision import cache_dir

        if files is None:
            files = [Path(p) for d in answerer.retriever.store.manifest.documents.values() for p in d.paths[:1]]
        naive = NaivePipeline(files, answerer.retriever.embedder, cache=cache_dir() / "eval-naive")
        results["naive"] = evaluate_naive(cases, naive, progress)
    return results, answerer.retriever.embedder.name


def _print_metrics(metrics: dict) -> None:
    systems = {"kamerbrief-rag": metrics, **({"naive": metrics["baseline"]} if "baseline" in metrics else {})}
    click.echo(f"{metrics['n']} vragen")
    for group in ("retrieval", "answer", "latency_ms"):
        for name in metrics[group]:
            vals = "  ".join(f"{s}: {m[group][name]:.3f}" if isinstance(m[group][name], float) else f"{s}: {m[group][name]}"
                             for s, m in systems.items())
            click.echo(f"  {name:22} {vals}")


@click.command()
@click.option("--file", "feedback", type=click.Path(path_type=Path, dir_okay=False), default=Path("index/feedback.jsonl"),
              show_default=True, help="The chat app's feedback log.")
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Append the draft cases to this JSONL file (an eval set).")
@click.option("--json", "as_json", is_flag=True, help="Print the draft cases as JSON (the default without --out).")
def feedback(feedback: Path, out_path: Path | None, as_json: bool) -> None:
    """Turn thumbs-down answers from the chat app into draft eval cases.

    \b
    Examples:
      rag feedback
      rag feedback --out eval/feedback-cases.jsonl
    """
    _feedback_cases(feedback, out_path, as_json)


def _feedback_cases(feedback: Path, out_path: Path | None, as_json: bool) -> None:

    if not feedback.exists():
        fail(f"{feedback}: no feedback file yet (the chat app writes it)")
    drafts = cases_from_feedback(feedback)
    if out_path:
        with open(out_path, "a", encoding="utf-8") as fh:
            for d in drafts:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    if as_json or not out_path:
        echo_json(drafts)
    else:
        click.echo(f"{len(drafts)} conceptvragen toegevoegd aan {out_path}; vul bij elke 'evidence' in")

