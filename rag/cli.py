"""The ``rag`` command: one verb per job.

Every verb that reports prints readable text by default and a stable JSON shape
with ``--json``; those shapes are a contract for other tools.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from rag.chunk import chunk_letter
from rag.parse import NoTextLayer, ParseError, parse_file


def _fail(message: str) -> None:
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
    """


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
                "chunks": [
                    {
                        "id": c.id,
                        "section": c.section,
                        "item_no": c.item_no,
                        "item_title": c.item_title,
                        "item_type": c.item_type,
                        "page_start": c.page_start,
                        "page_end": c.page_end,
                        "split_id": c.split_id,
                        "n_splits": c.n_splits,
                        "text": c.text,
                    }
                    for c in chunks
                ],
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
        pages = f"p. {c.page_start}" + (f"-{c.page_end}" if c.page_end != c.page_start else "")
        click.echo(f"  - {c.heading or '(zonder kop)'}{kind}{part}  {pages}  {len(c.text.split())} woorden")
        body = c.text if full else c.text.split("\n")[0][:110]
        click.echo(f"      {body}")


def main() -> None:  # pragma: no cover - console entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
