"""The chat app's work without its interface: answering (with follow-ups), timelines,
letter agendas, uploading and removing letters, and recording feedback, over one store.

``rag.app`` puts a Gradio interface on it; tests and other front ends use it directly.
Questions never wait for an upload's indexing: the upload writes through a store of its
own and the retriever swaps in the new state in one step.

Example:
    >>> from rag.chat_service import ChatService
    >>> service = ChatService("index")
    >>> answer = service.ask("Wat is de Nederlandse positie over Europol?")
    >>> answer.answered, answer.citations[0].chunk.item_title
    (True, 'Toekomst van Europol')
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rag.agenda import agendas
from rag.answer import Answer, Answerer
from rag.documents import page_label
from rag.files import file_sha256
from rag.index import Indexer, IndexSummary, Progress, index_in_child, remove_document
from rag.llm import LLMClient
from rag.parse import SUPPORTED_SUFFIXES, size_problem
from rag.retrieve import Filters, Retriever
from rag.store import Store
from rag.timeline import Timeline, build_timeline


class ChatService:
    """Everything the app does, without the UI (so it can be tested and reused).

    Args:
        store_path: The store to search and to index uploads into.
        index_in_child: Index uploads in a child process (:func:`rag.index.index_in_child`),
            so this process never loads the torch model; None does so when questions go
            through the ONNX export (then nothing else here needs torch).
    """

    def __init__(self, store_path: str | Path | None = None, index_in_child: bool | None = None) -> None:
        self.store = Store(store_path)
        self._index_in_child = index_in_child
        # `lock` is held only while the answerer is created, `_refreshing` by the one thread that
        # reloads it: questions never wait for an upload's indexing, an LLM call or each other.
        self.lock = threading.RLock()
        self._refreshing = threading.Lock()
        self._answerer: Answerer | None = None
        self.uploads = self.store.path / "uploads"
        self.feedback_file = self.store.path / "feedback.jsonl"

    @property
    def answerer(self) -> Answerer:
        """Loaded on first use: the model and index take seconds, the interface need not wait."""
        with self.lock:
            if self._answerer is None:
                retriever = Retriever(self.store)
                embedder = retriever.embedder
                llm = LLMClient.from_env(embed=embedder.embed_passages, embed_sources=embedder.embed_letter_text)
                self._answerer = Answerer(retriever, llm=llm)
            return self._answerer

    @property
    def retriever(self) -> Retriever:
        return self.answerer.retriever

    def warm_up(self) -> None:
        """Load the model and index and run one query, so the first question is fast."""
        self.answerer.retriever.embed_query("opwarmen")

    # -- questions
    def follow_writers(self) -> None:
        """Reload when another app instance or a `rag index` wrote since (one small read tells).
        One thread reloads; the others answer meanwhile from the state before, which the
        retriever swaps out in one step."""
        if self._refreshing.acquire(blocking=False):
            try:
                self.retriever.refresh_if_stale()
            finally:
                self._refreshing.release()

    def _refresh(self) -> None:
        """Reload after this process wrote; a question that finds another thread reloading
        answers from the state before (:meth:`follow_writers`), this one waits for it."""
        with self._refreshing:
            self.retriever.refresh()

    def ask(self, question: str, filters: Filters | None = None, on_token: Callable[[str], None] | None = None,
            history: list[str] | None = None) -> Answer:
        answerer = self.answerer
        self.follow_writers()
        return answerer.ask(question, filters=filters, on_token=on_token, history=history)

    def timeline(self, topic: str, filters: Filters | None = None) -> Timeline:
        answerer = self.answerer
        self.follow_writers()
        return build_timeline(answerer, topic, filters)

    def agenda(self, doc_id: str | None) -> list[list[Any]]:
        """A letter's agenda as table rows: number, title, type, pages."""
        if not doc_id:
            return []
        # Read from the store, not the retriever: the Letters tab must not wait for the model.
        found = agendas(self.store.chunks_of(doc_id))
        if not found or not found[0].items:
            return []
        return [[i.label, i.title, i.item_type or "", page_label(i.page_start, i.page_end, prefix="")]
                for i in found[0].items]

    def agenda_letters(self) -> list[str]:
        """The letters with an agenda (numbered items), latest first."""
        return [d.doc_id for d in sorted(self.store.manifest.documents.values(), key=lambda d: d.date or "", reverse=True)
                if "agenda" in d.kind]

    # -- letters
    def letters(self) -> list[list[Any]]:
        docs = sorted(self.store.manifest.documents.values(), key=lambda d: (d.date or "", d.doc_id), reverse=True)
        return [[d.doc_id, d.title, d.date or "", d.kind, len(d.chunk_ids), "; ".join(d.warnings)] for d in docs]

    def councils(self) -> list[str]:
        return sorted({d.council for d in self.store.manifest.documents.values() if d.council})

    def doc_ids(self) -> list[str]:
        return sorted(self.store.manifest.documents)

    def upload(self, paths: list[str | Path], progress: Progress | None = None) -> IndexSummary:
        """Check uploaded files, store them in ``<store>/uploads`` under a name made from
        their content (two uploads never overwrite each other; the same bytes twice are
        one file), and index them. A new version of a letter replaces the old one."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        kept: list[Path] = []
        summary = IndexSummary()
        for p in paths:
            p = Path(p)
            name = Path(getattr(p, "orig_name", "") or p.name).name
            problem = upload_problem(p, name)
            if problem:
                summary.fail(name, problem)
                continue
            target = self.uploads / stored_name(p, name)
            if not target.exists():
                shutil.copyfile(p, target)
            kept.append(target)
        if kept:
            # The writer has a store of its own and takes the store's write lock; questions
            # are answered meanwhile from what was indexed before, until the swap below.
            writer = Store(self.store.path, self.store.url)
            listed_before = _listed_paths(writer)
            embedder = self.retriever.embedder
            in_child = self._index_in_child
            if in_child is None:
                in_child = embedder.query_model is not None
            if in_child:
                done = index_in_child(writer, kept, progress, model=embedder.requested)
                writer.reload()  # the manifest the child left
            else:
                done = Indexer(writer, embedder, progress=progress).run(kept)
            self._forget_unlisted_uploads(writer, listed_before)
            self._refresh()
            done.failed, done.skipped = summary.failed + done.failed, summary.skipped + done.skipped
            summary = done
        return summary

    def _forget_unlisted_uploads(self, store: Store, listed_before: set[str]) -> None:
        """Delete uploaded files a letter listed before this upload and none lists now (an
        older version of a letter). A file another upload copied in meanwhile, still waiting
        for the write lock, was never listed and stays."""
        listed = _listed_paths(store)
        for f in self.uploads.iterdir():
            names = {str(f), str(f.resolve())}
            if f.is_file() and names & listed_before and not names & listed:
                f.unlink(missing_ok=True)

    def remove(self, doc_id: str) -> str:
        doc = remove_document(Store(self.store.path, self.store.url), doc_id)
        self._refresh()
        return f"Verwijderd: {doc.doc_id} ({len(doc.chunk_ids)} chunks)."

    # -- feedback
    def record_feedback(self, rating: str, comment: str, answer: dict[str, Any] | None, settings: dict[str, Any]) -> str:
        if not answer:
            return "Stel eerst een vraag; feedback hoort bij een antwoord."
        record = {
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "rating": rating,
            "comment": comment.strip(),
            "question": answer.get("question"),
            "answer": answer.get("answer"),
            "answered": answer.get("answered"),
            "mode": answer.get("mode"),
            "citations": [{k: c.get(k) for k in ("n", "doc_id", "item_title", "page_start", "page_end")}
                          for c in answer.get("citations", [])],
            "settings": settings,
        }
        with open(self.feedback_file, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "Dank je, je feedback is opgeslagen." if rating == "up" else "Dank je, we kijken ernaar."


def _listed_paths(store: Store) -> set[str]:
    """Every file path the store's letters list."""
    return {p for d in store.manifest.documents.values() for p in d.paths}


def upload_problem(path: Path, name: str) -> str | None:
    """Why an uploaded file is refused before it is parsed, or None."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES and Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"unsupported file type '{Path(name).suffix or name}' (use .pdf, .txt or .md)"
    return size_problem(path)


def stored_name(path: Path, name: str) -> str:
    """``<first 16 hex of the sha256>-<the name, safe>``: no path, no collision, the same
    bytes always the same name."""
    stem = re.sub(r"[^\w.-]+", "_", unicodedata.normalize("NFKC", Path(name).stem)).strip("._")[:80] or "brief"
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in SUPPORTED_SUFFIXES else path.suffix.lower()
    return f"{file_sha256(path)[:16]}-{stem}{suffix}"
