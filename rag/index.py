"""Keep the store in step with a set of letter files.

Unchanged files are not even parsed (their sha256 is in the manifest); a changed
letter is re-chunked and only chunks whose content is new are embedded, since a
chunk id is a hash of its content. New chunks are stored first, then the manifest
that makes them visible, and only then are chunks that disappeared deleted: an
interrupted run never loses what was indexed, and its stored chunks are reused by
the next. One writer at a time holds the store (:meth:`rag.store.Store.writing`).

Example:
    >>> from rag.index import Indexer
    >>> from rag.store import Store
    >>> summary = Indexer(Store("index")).run(["data/letters"])
    >>> summary.embedded_chunks >= 0
    True
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path

from rag.chunk import CHUNK_SCHEMA, chunk_letter
from rag.documents import Chunk, Letter, searchable_text
from rag.embed import Embedder, get_embedder
from rag.files import file_sha256
from rag.parse import SUPPORTED_SUFFIXES, ParseError, parse_file
from rag.sentences import Sentence, split_sentences
from rag.records import DocRecord, SentenceVectors
from rag.store import Store



class Stage(StrEnum):
    """What an index run reports progress on (the value is what the CLI's bar shows)."""

    READ = "lezen"
    EMBED = "embedden"


# progress(stage, done, total); a message with done = total = 0 while waiting for another writer.
Progress = Callable[[str, int, int], None]
log = logging.getLogger(__name__)


@dataclass
class IndexSummary:
    """What an indexing run did, per file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Everything not indexed, with the reason (files that are no letters, too), and of
    # those the letters that could not be read: these make `rag index` exit non-zero.
    skipped: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    embedded_chunks: int = 0
    embedded_sentences: int = 0
    # Of the chunk and sentence vectors stored, those the vector cache already held.
    vectors_from_cache: int = 0
    embed_seconds: float = 0.0

    def fail(self, path: str, reason: str) -> None:
        """A letter that could not be indexed."""
        entry = {"path": path, "reason": reason}
        self.failed.append(entry)
        self.skipped.append(entry)

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": self.skipped,
            "failed": self.failed,
            "embedded_chunks": self.embedded_chunks,
            "embedded_sentences": self.embedded_sentences,
            "vectors_from_cache": self.vectors_from_cache,
            "warnings": self.warnings,
        }


@dataclass
class ToStore:
    """A new or changed letter to store."""

    letter: Letter
    sha256: str  # of the file it was read from
    chunks: list[Chunk]
    existing: DocRecord | None  # its manifest record before this run


@dataclass
class _RunState:
    """What one index run has found so far, file by file."""

    summary: IndexSummary
    to_store: list[ToStore] = field(default_factory=list)
    claimed: dict[str, str] = field(default_factory=dict)  # doc_id -> path that claimed it in this run
    first_with: dict[str, str] = field(default_factory=dict)  # file sha256 -> the first path read with those bytes
    copies: list[tuple[str, str, str]] = field(default_factory=list)  # (copy, its sha256, the path it copies)
    changed: bool = False  # whether the manifest must be saved


def embedded_texts(chunk: Chunk) -> tuple[str, list[Sentence]]:
    """What indexing embeds of ``chunk``: its searchable text (heading and letter context
    included) and each of its sentences on its own.

    The one place that says so: the test suite's stored vectors of the bundled letters
    are made from it too, and would silently stop matching if the two drifted apart.
    """
    return searchable_text(chunk), split_sentences(chunk.text)


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], IndexSummary, list[Path]]:
    """Expand files and folders into letter files.

    Returns:
        (letter files, a summary holding what was skipped and what failed, folders scanned).
        Files in a folder that are no letters (other types, a README) are skipped; a named
        file of another type, a path that does not exist and a folder without letters fail.
    """
    files: list[Path] = []
    summary = IndexSummary()
    folders: list[Path] = []
    for raw in paths:
        p = Path(raw).resolve()
        if p.is_dir():
            folders.append(p)
            found = 0
            for f in sorted(p.rglob("*")):
                if not f.is_file() or f.name.startswith("."):
                    continue
                if f.stem.upper() == "README":
                    # A folder's README describes the letters in it; it is not one of them.
                    summary.skipped.append({"path": str(f), "reason": "a README describes the folder, it is no letter"})
                elif f.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(f)
                    found += 1
                else:
                    summary.skipped.append({"path": str(f), "reason": f"unsupported file type '{f.suffix or f.name}'"})
            if not found:
                summary.fail(str(p), "no letters (.pdf, .txt, .md) in this folder")
        elif p.is_file():
            if p.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(p)
            else:
                summary.fail(str(p), f"unsupported file type '{p.suffix or p.name}' (use .pdf, .txt or .md)")
        else:
            summary.fail(str(p), "no such file or folder")
    return files, summary, folders


class Indexer:
    """Indexes letter files into a :class:`~rag.store.Store`.

    Args:
        store: The store to update.
        embedder: The model; when None, the configured model (``model``), loaded only
            when something must be embedded.
        progress: Called as ``progress(stage, done, total)`` while working.
        model: The model to load when ``embedder`` is None.
        workers: Processes that embed (``rag index --workers``); 1 embeds in this one.
    """

    def __init__(self, store: Store, embedder: Embedder | None = None, progress: Progress | None = None,
                 model: str | None = None, workers: int = 1) -> None:
        self.store = store
        self.workers = workers
        self._embedder = embedder
        self._model = model
        self.progress = progress or (lambda stage, done, total: None)
        if embedder is not None:
            store.check_model(embedder.name, embedder.dim)

    @property
    def embedder(self) -> Embedder:
        """The model, loaded when something must be embedded: a run over unchanged letters
        never waits for it."""
        if self._embedder is None:
            self._embedder = get_embedder(self._model)
            self.store.check_model(self._embedder.name, self._embedder.dim)
        return self._embedder

    def run(self, paths: Iterable[str | Path], prune: bool = False, wait_s: float = 600.0) -> IndexSummary:
        """Index ``paths`` (files and folders); with ``prune``, forget letters whose files are gone.

        Waits up to ``wait_s`` for another writer (a second ``rag index``, an upload in the app).
        """
        with self.store.writing(wait_s, on_wait=lambda said: self.progress(said, 0, 0)):
            if self._embedder is not None:
                self.store.check_model(self._embedder.name, self._embedder.dim)
            return self._run(paths, prune)

    def _run(self, paths: Iterable[str | Path], prune: bool) -> IndexSummary:
        self.store.migrate_sentences()  # a store from before the sentence vectors were packed
        files, summary, folders = collect_files(paths)
        run = _RunState(summary)
        for n, path in enumerate(files):
            self.progress(Stage.READ, n, len(files))
            self._read(path, run)
        stale = self._store_new(run.to_store, summary)
        run.changed = run.changed or bool(run.to_store)
        self._add_copies(run)
        if prune:
            pruned, gone = self._prune(folders, files, summary)
            run.changed, stale = run.changed or pruned, stale + gone
        self._commit(run.changed, stale)
        return summary

    def _read(self, path: Path, run: _RunState) -> None:
        """Take one letter file into the run: unchanged, the same bytes as another file,
        or read and chunked to be stored."""
        spath = str(path)
        try:
            sha = file_sha256(path)
        except OSError as exc:  # gone between listing and reading (a watched folder), or unreadable
            run.summary.fail(spath, f"cannot be read ({exc.strerror or exc})")
            return
        settled, known = self._match_bytes(spath, sha, run)
        if settled:
            return
        letter = self._parse(path, run.summary)
        if letter is not None:
            self._add_letter(letter, spath, sha, known, run)

    def _match_bytes(self, spath: str, sha: str, run: _RunState) -> tuple[bool, DocRecord | None]:
        """Settle a file by its bytes alone where it can be: a copy of a file read earlier in
        this run, unchanged, or an indexed letter under another name.

        Returns:
            Whether that settled it, and the manifest record of this path (if any).
        """
        manifest = self.store.manifest
        if sha in run.first_with and manifest.doc_for_file_hash(sha) is None:
            run.copies.append((spath, sha, run.first_with[sha]))  # the same bytes as a letter read just now
            run.summary.unchanged.append(spath)
            return True, None
        run.first_with.setdefault(sha, spath)
        known = manifest.doc_for_path(spath)
        if known and known.file_sha256.get(spath) == sha and known.chunk_schema >= CHUNK_SCHEMA:
            run.summary.unchanged.append(spath)
            run.claimed.setdefault(known.doc_id, spath)
            return True, known
        twin = manifest.doc_for_file_hash(sha)
        if twin is not None and twin is not known:
            # The same bytes under another name: index once, remember both paths.
            if known is not None:
                self._forget_path(known, spath)
            twin.paths.append(spath)
            twin.file_sha256[spath] = sha
            run.summary.unchanged.append(spath)
            run.changed = True
            return True, known
        return False, known

    def _parse(self, path: Path, summary: IndexSummary) -> Letter | None:
        """The letter in ``path``, or None (and a failure in ``summary``) when it cannot be read."""
        spath = str(path)
        try:
            return parse_file(path)
        except ParseError as exc:
            summary.fail(spath, str(exc).split(": ", 1)[-1])
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop the run
            log.exception("reading %s", spath)
            summary.fail(spath, f"could not be read ({type(exc).__name__}: {exc})")
        return None

    def _add_letter(self, letter: Letter, spath: str, sha: str, known: DocRecord | None, run: _RunState) -> None:
        """Claim a letter's document id for ``spath``, and queue its chunks to be stored
        unless its text is what the store already holds."""
        summary = run.summary
        summary.warnings.extend(letter.warnings)
        if letter.doc_id in run.claimed and run.claimed[letter.doc_id] != spath:
            summary.fail(spath, f"same document id {letter.doc_id} as {run.claimed[letter.doc_id]}")
            return
        run.claimed[letter.doc_id] = spath
        existing = self.store.manifest.documents.get(letter.doc_id)
        if known is not None and known is not existing:
            self._forget_path(known, spath)
        if existing and existing.text_sha256 == letter.text_sha256 and existing.chunk_schema >= CHUNK_SCHEMA:
            existing.file_sha256[spath] = sha
            if spath not in existing.paths:
                existing.paths.append(spath)
            summary.unchanged.append(spath)
            run.changed = True
            return
        chunks = self._chunk(letter, spath, summary)
        if chunks:
            run.to_store.append(ToStore(letter, sha, chunks, existing))
            (summary.updated if existing else summary.added).append(spath)

    def _chunk(self, letter: Letter, spath: str, summary: IndexSummary) -> list[Chunk]:
        """The letter's chunks; none (and a failure in ``summary``) when it cannot be split or has no text."""
        try:
            chunks = chunk_letter(letter)
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop the run
            log.exception("chunking %s", spath)
            summary.fail(spath, f"could not be split into passages ({type(exc).__name__}: {exc})")
            return []
        if not chunks:
            summary.fail(spath, "no text to index")
        return chunks

    def _add_copies(self, run: _RunState) -> None:
        """Record the files found to hold the same bytes as a letter read earlier in this run."""
        for copy, sha, original in run.copies:
            doc = self.store.manifest.doc_for_path(original)
            if doc is None:  # the original failed: so does its copy
                run.summary.unchanged.remove(copy)
                run.summary.fail(copy, f"the same bytes as {original}, which could not be indexed")
                continue
            doc.paths.append(copy)
            doc.file_sha256[copy] = sha
            run.changed = True

    def _commit(self, changed: bool, stale: list[str]) -> None:
        """Save the manifest when it changed, delete the chunks no letter has any more, and
        rebuild the keyword index when it changed or is missing."""
        if changed:
            # The new manifest makes the new chunks visible and the old ones invisible at once,
            # with its keyword index ready; only then are the old ones deleted.
            self.store.publish()
            self.store.delete_chunks(stale)
            self.store.delete_orphans()
        elif not self.store.bm25.load(self.store.generation):
            self.store.rebuild_bm25(self.store.all_chunks())

    def _forget_path(self, doc: DocRecord, path: str) -> None:
        if path in doc.paths:
            doc.paths.remove(path)
        doc.file_sha256.pop(path, None)

    def _store_new(self, todo: list[ToStore], summary: IndexSummary) -> list[str]:
        """Store the chunks of new and changed letters and their manifest records (not yet
        saved); returns the ids of the chunks they no longer have."""
        all_new = [c for item in todo for c in item.chunks]
        present = self.store.existing_ids([c.id for c in all_new])
        to_embed = [c for c in all_new if c.id not in present]
        start = time.perf_counter()
        if to_embed:
            cache = self.embedder.cache
            hits = cache.hits if cache else 0
            with self.embedder.workers(self.workers):
                summary.embedded_sentences = self._embed_and_add(to_embed)
            summary.vectors_from_cache = (cache.hits - hits) if cache else 0
        summary.embed_seconds = time.perf_counter() - start
        summary.embedded_chunks = len(to_embed)
        kept = [c for c in all_new if c.id in present]
        if kept:
            self.store.update_metadata(kept)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        # Only new metadata for chunks the store has: they carry its model, which need not be loaded.
        model = (self.embedder.name if to_embed or not self.store.manifest.model else self.store.manifest.model) \
            if todo else ""
        stale: list[str] = []
        for item in todo:
            letter, sha, chunks, existing = item.letter, item.sha256, item.chunks, item.existing
            new_ids = [c.id for c in chunks]
            if existing is not None:
                keep = set(new_ids)
                stale += [cid for cid in existing.chunk_ids if cid not in keep]
            # The file just read is the letter now; another path stays only if it holds the
            # same bytes (a copy), not when it is an older version.
            paths = [p for p in existing.paths if existing.file_sha256.get(p) == sha] if existing else []
            if letter.path not in paths:
                paths.append(letter.path)
            hashes = {p: sha for p in paths}
            self.store.manifest.documents[letter.doc_id] = DocRecord(
                doc_id=letter.doc_id, title=letter.title, kind=letter.kind, date=letter.date,
                council=letter.council, meeting_date=letter.meeting_date, dossier=letter.dossier,
                paths=paths, file_sha256=hashes, text_sha256=letter.text_sha256, chunk_ids=new_ids,
                indexed_at=now, model=model, page_count=letter.page_count,
                warnings=list(letter.warnings), chunk_schema=CHUNK_SCHEMA,
            )
        return stale

    def _embed_and_add(self, chunks: list[Chunk], batch: int | None = None) -> int:
        """Embed and store chunks and their sentences, ``RAG_INDEX_BATCH`` (64) chunks at a
        time (what an interrupted run has stored is reused); returns the number of sentences."""
        batch = batch or int(os.environ.get("RAG_INDEX_BATCH", "64"))
        sentences = 0
        total = len(chunks)
        for i in range(0, total, batch):
            self.progress(Stage.EMBED, i, total)
            part = chunks[i : i + batch]
            texts = [embedded_texts(c) for c in part]
            vectors = self.embedder.embed_passages([text for text, _ in texts], remember=True)
            split = [found for _, found in texts]
            svectors = self.embedder.embed_passages([s.text for found in split for s in found], remember=True)
            records, at = [], 0
            for c, found in zip(part, split):
                records.append(SentenceVectors(c.id, c.doc_id, [(s.start, s.end) for s in found],
                                               svectors[at : at + len(found)]))
                at += len(found)
            # Sentences first: a chunk is only visible once its sentences are there.
            self.store.add_sentences(records)
            self.store.add_chunks(part, vectors)
            sentences += at
        if total:
            self.progress(Stage.EMBED, total, total)
        return sentences

    def _prune(self, folders: list[Path], files: list[Path], summary: IndexSummary) -> tuple[bool, list[str]]:
        """Forget paths that are gone; returns whether anything changed and the chunks of
        letters left without any file."""
        present = {str(f) for f in files}
        changed = False
        stale: list[str] = []
        for doc_id, doc in list(self.store.manifest.documents.items()):
            gone = [p for p in doc.paths if p not in present and any(Path(p).is_relative_to(d) for d in folders)]
            gone += [p for p in doc.paths if not Path(p).exists() and p not in gone]
            if not gone:
                continue
            for p in gone:
                self._forget_path(doc, p)
            changed = True
            if not doc.paths:
                stale += doc.chunk_ids
                del self.store.manifest.documents[doc_id]
                summary.removed.extend(gone)
        return changed, stale


def remove_document(store: Store, doc_id: str, wait_s: float = 600.0) -> DocRecord:
    """Remove one document and its chunks from the store."""
    with store.writing(wait_s):
        doc = store.manifest.documents.get(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        del store.manifest.documents[doc_id]
        store.publish()
        store.delete_chunks(doc.chunk_ids)
    return doc


# The child's side of index_in_child: the job comes on stdin as JSON, progress and the
# summary go back as JSON lines on the stdout it was started with.
_CHILD = "from rag.index import _child_main; _child_main()"


def index_in_child(store: Store, paths: list[Path], progress: Progress | None = None,
                   model: str | None = None) -> IndexSummary:
    """Index ``paths`` into ``store`` from a child process, with the same progress reports.

    The app answers questions through the model's ONNX export and never loads torch;
    indexing an upload in its own process needs the torch model (about 780 MB), which
    would otherwise stay in the app for the rest of its life. The child costs the model's
    start (5-8 s) per upload. It takes the store's write lock as any writer does, and an
    interrupted child loses nothing already indexed (:class:`Indexer`).

    Args:
        store: The store to write (its folder and server URL are what the child opens).
        paths: Letter files and folders.
        progress: Called as :class:`Indexer` calls it.
        model: The model to embed with; None is the configured one.

    Returns:
        The child's summary; when the child stops without one, every path fails with its
        error (a store built with another model, say), or the last line it wrote to stderr.

    Example:
        >>> from rag.index import index_in_child
        >>> from rag.store import Store
        >>> index_in_child(Store("index"), [Path("data/letters")]).failed
        []
    """
    report = progress or (lambda stage, done, total: None)
    job = {"store": str(Path(store.path).resolve()), "url": store.url, "model": model,
           "paths": [str(Path(p).resolve()) for p in paths]}
    summary: IndexSummary | None = None
    error = ""
    # The child embeds with torch, and only what must be embedded: no question model there.
    env = {**os.environ, "RAG_QUERY_ENGINE": "torch"}
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as err:
        child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=err, text=True, encoding="utf-8", errors="replace", env=env)
        assert child.stdin is not None and child.stdout is not None
        try:
            child.stdin.write(json.dumps(job))
            child.stdin.close()
            for line in child.stdout:
                try:
                    message = json.loads(line)
                except ValueError:  # printed by a library before the child took its stdout over
                    continue
                if "progress" in message:
                    report(*message["progress"])
                elif "summary" in message:
                    summary = IndexSummary(**message["summary"])
                elif "error" in message:
                    error = message["error"]
        finally:
            if child.poll() is None and summary is None:
                child.kill()  # this side failed (the progress callback, say): no writer left behind
            code = child.wait()
        if summary is None:
            err.seek(0)
            said = [line.strip() for line in err.read().splitlines() if line.strip()]
            if error:
                cause = error
            elif code < 0:
                cause = f"stopped by signal {-code}"
            else:
                cause = said[-1] if said else f"exit code {code}"
            summary = IndexSummary()
            for p in job["paths"]:
                summary.fail(p, f"het indexeren stopte onverwacht ({cause})")
    return summary


def _child_main() -> None:
    """Run the job :func:`index_in_child` sends (in the child process)."""
    # Our messages get the real stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    job = json.loads(sys.stdin.read())

    def send(message: dict[str, object]) -> None:
        out.write(json.dumps(message) + "\n")

    try:
        indexer = Indexer(Store(job["store"], job["url"]), model=job["model"],
                          progress=lambda stage, done, total: send({"progress": [str(stage), done, total]}))
        send({"summary": asdict(indexer.run(job["paths"]))})
    except Exception as exc:  # noqa: BLE001 - every failure goes back as one line
        send({"error": str(exc) or type(exc).__name__})
        raise
    finally:
        out.close()
