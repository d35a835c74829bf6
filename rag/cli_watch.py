"""``rag watch``: keep the index in step with a folder as the file system reports
changes, waiting out copies in progress.

``rag.cli`` adds the command to its group.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from rag.cli_common import index_paths, print_summary, store_option


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


@click.command()
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
    from watchfiles import watch as changes_in  # lazy: only this verb watches the file system

    click.echo(f"rag: volgt {folder} (Ctrl-C stopt)", err=True)
    summary = index_paths([folder], store_path, prune=True)
    if summary.added or summary.updated or summary.removed:
        print_summary(summary)
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
            summary = index_paths([folder], store_path, prune=True)
            retry_at = _hold_young_failures(summary, hold, retry_at)
            print_summary(summary)
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass

