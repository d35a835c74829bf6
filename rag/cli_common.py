"""What the ``rag`` verbs share: failing in one line, JSON output, the ``--store`` and
filter options, opening a store, retriever or answerer, and indexing with progress bars.

The verbs live in ``rag.cli`` (the group and the everyday verbs), ``rag.cli_eval``
(``eval``, ``feedback``) and ``rag.cli_watch`` (``watch``); all import from here and
never from each other, so there is no import cycle.

Modules that pull in numpy, the store or the embedding model are imported inside the
functions that need them: ``rag --help`` and an unchanged re-index stay fast and never
import torch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

if TYPE_CHECKING:  # only for the hints: importing these at run time would slow every start
    from rag.answer import Answerer
    from rag.index import IndexSummary
    from rag.retrieve import Filters, Retriever
    from rag.store import Store

F = TypeVar("F", bound=Callable[..., object])


def fail(message: str) -> NoReturn:
    """One line on stderr, exit code 1."""
    click.echo(f"rag: {message}", err=True)
    sys.exit(1)


def echo_json(data: object) -> None:
    """Print ``data`` as indented JSON, non-ASCII kept as is (the verbs' ``--json`` output)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


store_option = click.option(
    "--store", "store_path", type=click.Path(path_type=Path), default=None,
    help="Store folder (default: $RAG_STORE or index/).",
)


def filter_options(f: F) -> F:
    """Add the filter options (``--from``, ``--to``, ``--doc``, ``--dossier``, ``--council``,
    ``--kind``) to a verb, in that order in its help."""
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


def filters_from_options(date_from: str | None, date_to: str | None, doc: tuple[str, ...], dossier: str | None,
                         council: str | None, kind: str | None) -> Filters:
    """The ``Filters`` the filter options ask for; a bad date fails the verb in one line."""
    from rag.retrieve import Filters  # lazy: pulls in numpy and the store

    try:
        return Filters(date_from=date_from, date_to=date_to, doc_ids=list(doc), dossier=dossier, council=council,
                       kind=kind)
    except ValueError as exc:
        fail(str(exc))


def open_store(store_path: Path | None) -> Store:
    """The store at ``store_path`` (default: ``$RAG_STORE`` or ``index/``), or fail in one line."""
    from rag.chroma import StoreError  # lazy: pulls in numpy and the store
    from rag.store import Store

    try:
        return Store(store_path)
    except StoreError as exc:
        fail(str(exc))


def open_retriever(store_path: Path | None) -> Retriever:
    """A retriever over a store that has letters, or fail in one line."""
    # lazy: pulls in numpy, the store and the embedder
    from rag.retrieve import Retriever
    from rag.chroma import StoreError

    store = open_store(store_path)
    if not store.manifest.documents:
        fail(f"the store {store.path} is empty; index letters first with: rag index data/letters")
    try:
        return Retriever(store)
    except StoreError as exc:
        fail(str(exc))


def open_answerer(store_path: Path | None, use_llm: bool = True) -> Answerer:
    """An answerer over the store; with ``use_llm`` it uses the LLM that ``RAG_LLM_*`` configures."""
    # lazy: the answerer pulls in the retriever, BM25 and the LLM client
    from rag.answer import Answerer
    from rag.llm import LLMClient

    retriever = open_retriever(store_path)
    embedder = retriever.embedder
    llm = LLMClient.from_env(embed=embedder.embed_passages, embed_sources=embedder.embed_letter_text) if use_llm else None
    return Answerer(retriever, llm=llm)


class ProgressBars:
    """A tqdm progress bar per stage, on stderr, only on a terminal."""

    def __init__(self) -> None:
        self.bars: dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        # lazy: tqdm costs start-up time and is only needed once indexing runs
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
        """Close every bar (they are left off the terminal once done)."""
        for bar in self.bars.values():
            bar.close()


def index_paths(paths: list[Path], store_path: Path | None, prune: bool, model: str | None = None,
                workers: int = 1) -> IndexSummary:
    """Index ``paths`` into the store with progress bars; a store error fails in one line."""
    # lazy: the indexer pulls in numpy and the store
    from rag.index import Indexer
    from rag.chroma import StoreError

    store = open_store(store_path)
    bar = ProgressBars()
    try:
        summary = Indexer(store, progress=bar, model=model, workers=workers).run(paths, prune=prune)
    except StoreError as exc:
        bar.close()
        fail(str(exc))
    bar.close()
    return summary


def print_summary(summary: IndexSummary) -> None:
    """The readable report of an index run: counts, then each skipped file and warning."""
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
