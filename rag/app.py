"""The chat app: a Gradio Blocks UI over the same ``Answerer`` the CLI uses.

Dutch first. Answers stream into the chat with inline ``[n]`` markers; the sources
panel shows each source's letter, Kamerstuk id, date, agenda item and pages, with
the quoted sentences highlighted. Filters apply to the next questions. The
Letters tab lists, uploads (indexes) and removes letters. Feedback goes to
``<store>/feedback.jsonl``; ``rag eval --from-feedback`` turns it into eval cases.

Environment: ``RAG_HOST`` (127.0.0.1), ``RAG_PORT`` (7860), ``RAG_AUTH``
(``user:password`` turns on login), ``RAG_STORE``, ``RAG_LLM_*``.

Example:
    >>> from rag.app import ChatService, build_app   # doctest: +SKIP
    >>> demo = build_app(ChatService("index"))
    >>> demo.launch(server_name="127.0.0.1", server_port=7860)
"""

from __future__ import annotations

import os

# Before gradio is imported: never send usage statistics.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import html  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from rag.answer import Answer, Answerer, Citation  # noqa: E402
from rag.index import Indexer, IndexSummary, remove_document  # noqa: E402
from rag.llm import LLMClient  # noqa: E402
from rag.parse import SUPPORTED_SUFFIXES  # noqa: E402
from rag.retrieve import Filters, Retriever  # noqa: E402
from rag.store import Store  # noqa: E402

EXAMPLES = [
    "Wat is de Nederlandse positie over Europol?",
    "Wat vindt het kabinet van terugkeerhubs?",
    "Hoeveel migranten kwamen in 2025 vanuit Libië irregulier aan in Europa?",
    "What is the Dutch position on the future of Europol?",
]
MAX_UPLOAD = "25mb"
MODE_LABEL = {"extractive": "extractief antwoord (letterlijke zinnen uit de brieven)"}

CSS = """
.bron { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
.bron h4 { margin: 0 0 4px 0; font-size: 0.95em; }
.bron .meta { color: #57606a; font-size: 0.85em; margin-bottom: 6px; }
.bron .passage { font-size: 0.9em; line-height: 1.45; max-height: 18em; overflow-y: auto; white-space: pre-wrap; }
.bron mark { background: #fff3b0; padding: 0 2px; }
"""


class ChatService:
    """Everything the app does, without the UI (so it can be tested and reused).

    Args:
        store_path: The store to search and to index uploads into.
    """

    def __init__(self, store_path: str | Path | None = None) -> None:
        self.store = Store(store_path)
        self.lock = threading.RLock()  # indexing and answering share the store
        self._answerer: Answerer | None = None
        self.uploads = self.store.path / "uploads"
        self.feedback_file = self.store.path / "feedback.jsonl"

    @property
    def answerer(self) -> Answerer:
        """Loaded on first use: the model and index take seconds, the interface need not wait."""
        with self.lock:
            if self._answerer is None:
                retriever = Retriever(self.store)
                llm = LLMClient.from_env(embed=retriever.embedder.embed_passages)
                self._answerer = Answerer(retriever, llm=llm)
            return self._answerer

    @property
    def retriever(self) -> Retriever:
        return self.answerer.retriever

    def warm_up(self) -> None:
        """Load the model and index and run one query, so the first question is fast."""
        self.answerer.retriever.embed_query("opwarmen")

    # -- questions
    def ask(self, question: str, filters: Filters | None = None, on_token=None) -> Answer:
        with self.lock:
            return self.answerer.ask(question, filters=filters, on_token=on_token)

    # -- letters
    def letters(self) -> list[list[Any]]:
        docs = sorted(self.store.manifest.documents.values(), key=lambda d: (d.date or "", d.doc_id), reverse=True)
        return [[d.doc_id, d.title, d.date or "", d.kind, len(d.chunk_ids), "; ".join(d.warnings)] for d in docs]

    def councils(self) -> list[str]:
        return sorted({d.council for d in self.store.manifest.documents.values() if d.council})

    def doc_ids(self) -> list[str]:
        return sorted(self.store.manifest.documents)

    def upload(self, paths: list[str | Path], progress=None) -> IndexSummary:
        """Copy uploaded files into ``<store>/uploads`` and index them."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        kept: list[Path] = []
        summary = IndexSummary()
        for p in paths:
            p = Path(p)
            name = Path(getattr(p, "orig_name", "") or p.name).name
            if p.suffix.lower() not in SUPPORTED_SUFFIXES:
                summary.skipped.append({"path": name, "reason": f"unsupported file type '{p.suffix}' (use .pdf, .txt or .md)"})
                continue
            target = self.uploads / name
            shutil.copyfile(p, target)
            kept.append(target)
        if kept:
            with self.lock:
                done = Indexer(self.store, self.retriever.embedder, progress=progress).run(kept)
                self.retriever.refresh()
            done.skipped = summary.skipped + done.skipped
            summary = done
        return summary

    def remove(self, doc_id: str) -> str:
        with self.lock:
            doc = remove_document(self.store, doc_id)
            self.retriever.refresh()
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


# ----------------------------------------------------------------------------- rendering


def _pages(c: Citation) -> str:
    start, end = c.chunk.page_start, c.chunk.page_end
    return f"p. {start}" + (f"–{end}" if end != start else "")


def _highlight(c: Citation) -> str:
    text = c.chunk.text
    out, last = [], 0
    for start, end in sorted(c.quotes):
        out += [html.escape(text[last:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def sources_html(answer: Answer | None) -> str:
    if answer is None:
        return "<p><em>De bronnen van het antwoord verschijnen hier.</em></p>"
    items = answer.citations or answer.related
    if not items:
        return "<p><em>Geen bronnen.</em></p>"
    head = "Bronnen" if answer.citations else "Misschien relevant"
    parts = [f"<h3>{head}</h3>"]
    for cit in items:
        c = cit.chunk
        kind = f" ({html.escape(c.item_type)})" if c.item_type else ""
        parts.append(
            f'<div class="bron"><h4>[{cit.n}] {html.escape(c.heading or c.title)}{kind}</h4>'
            f'<div class="meta">{html.escape(c.title)} · Kamerstuk <code>{html.escape(c.doc_id)}</code> · '
            f"{html.escape(c.date or 'datum onbekend')} · {_pages(cit)}</div>"
            f'<div class="passage">{_highlight(cit)}</div></div>'
        )
    return "\n".join(parts)


def mode_line(answer: Answer) -> str:
    if answer.mode.startswith("llm:"):
        label = f"antwoord van het taalmodel {answer.mode[4:]}, bronverwijzingen gecontroleerd"
    else:
        label = MODE_LABEL["extractive"]
        if answer.fallback_reason:
            label += f"; het taalmodel viel af ({answer.fallback_reason})"
    return f"\n\n<sub>{label} · {answer.timings_ms.get('total', 0):.0f} ms</sub>"


def summary_markdown(s: IndexSummary) -> str:
    lines = [f"**Toegevoegd:** {len(s.added)} · **bijgewerkt:** {len(s.updated)} · **ongewijzigd:** "
             f"{len(s.unchanged)} · **overgeslagen:** {len(s.skipped)} · {s.embedded_chunks} chunks ingebed"]
    for item in s.skipped:
        lines.append(f"- overgeslagen: `{Path(item['path']).name}`: {item['reason']}")
    for w in s.warnings:
        lines.append(f"- waarschuwing: {w}")
    return "\n".join(lines)


def make_filters(date_from: str, date_to: str, council: str | None, docs: list[str] | None) -> Filters:
    return Filters(date_from=(date_from or "").strip() or None, date_to=(date_to or "").strip() or None,
                   council=council or None, doc_ids=list(docs or []))


def filters_text(f: Filters) -> str:
    parts = []
    if f.date_from or f.date_to:
        parts.append(f"datum {f.date_from or '…'} t/m {f.date_to or '…'}")
    if f.council:
        parts.append(f"raad: {f.council}")
    if f.doc_ids:
        parts.append("documenten: " + ", ".join(f.doc_ids))
    return "Actieve filters: " + ("; ".join(parts) if parts else "geen")


# ----------------------------------------------------------------------------- UI


def build_app(service: ChatService):
    import gradio as gr

    def respond(message: str, history: list[dict], date_from: str, date_to: str, council: str | None,
                docs: list[str] | None):
        message = (message or "").strip()
        if not message:
            yield history, gr.update(), None, "", gr.update()
            return
        filters = make_filters(date_from, date_to, council, docs)
        history = list(history or []) + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        yield history, sources_html(None), None, "", filters_text(filters)
        pieces: list[str] = []
        result: dict[str, Answer] = {}

        def work() -> None:
            result["a"] = service.ask(message, filters, on_token=pieces.append)

        worker = threading.Thread(target=work)
        worker.start()
        shown = 0
        while worker.is_alive() or shown < len(pieces):
            if shown < len(pieces):
                shown = min(len(pieces), shown + 3)
                history[-1]["content"] = "".join(pieces[:shown])
                yield history, gr.update(), None, "", gr.update()
            time.sleep(0.02)
        worker.join()
        answer = result["a"]
        history[-1]["content"] = answer.answer + mode_line(answer)
        yield history, sources_html(answer), answer.to_dict(), "", gr.update()

    def do_upload(files, progress=gr.Progress()):
        if not files:
            return "Kies eerst een of meer bestanden (.pdf, .txt, .md).", service.letters(), gr.update()
        paths = [getattr(f, "name", f) for f in files]

        def report(stage: str, done: int, total: int) -> None:
            if total:
                progress(done / total, desc="Lezen" if stage == "lezen" else "Inbedden")

        summary = service.upload(paths, progress=report)
        return summary_markdown(summary), service.letters(), gr.update(choices=service.doc_ids())

    def do_remove(doc_id: str | None):
        if not doc_id:
            return "Kies een brief om te verwijderen.", service.letters(), gr.update()
        try:
            msg = service.remove(doc_id)
        except KeyError:
            msg = f"{doc_id} staat niet (meer) in de index."
        return msg, service.letters(), gr.update(choices=service.doc_ids(), value=None)

    def feedback(rating: str):
        def handler(comment: str, last: dict | None, date_from: str, date_to: str, council, docs):
            settings = {"filters": make_filters(date_from, date_to, council, docs).__dict__}
            return service.record_feedback(rating, comment or "", last, settings), ""
        return handler

    with gr.Blocks(title="Kamerbrief-RAG", analytics_enabled=False) as demo:
        gr.Markdown("## Kamerbrief-RAG\nVragen over Kamerbrieven en geannoteerde agenda's, met bronvermelding. "
                    "Werkt offline.")
        last_answer = gr.State(None)
        with gr.Tab("Vragen"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="Gesprek", height=480, elem_id="chat", buttons=["copy"])
                    question = gr.Textbox(placeholder="Stel een vraag over de brieven…", show_label=False,
                                          elem_id="vraag", autofocus=True)
                    with gr.Row():
                        send = gr.Button("Vraag", variant="primary", elem_id="verstuur")
                        gr.ClearButton([chat, question], value="Wis gesprek")
                    gr.Examples(EXAMPLES, inputs=question, label="Voorbeeldvragen")
                    with gr.Row():
                        comment = gr.Textbox(placeholder="Opmerking bij het laatste antwoord (optioneel)",
                                             show_label=False, scale=4)
                        up = gr.Button("👍 Nuttig", scale=0, min_width=110, elem_id="duim-op")
                        down = gr.Button("👎 Niet nuttig", scale=0, min_width=130, elem_id="duim-neer")
                    feedback_msg = gr.Markdown("")
                with gr.Column(scale=2):
                    active = gr.Markdown(filters_text(Filters()), elem_id="actieve-filters")
                    with gr.Accordion("Filters", open=False):
                        date_from = gr.Textbox(label="Vanaf datum (JJJJ-MM-DD)")
                        date_to = gr.Textbox(label="Tot en met datum (JJJJ-MM-DD)")
                        council = gr.Dropdown(choices=service.councils(), label="Raad", value=None)
                        docs = gr.Dropdown(choices=service.doc_ids(), label="Documenten", multiselect=True)
                    with gr.Accordion("Bronnen", open=False, elem_id="bronnen-paneel"):
                        sources = gr.HTML(sources_html(None), elem_id="bronnen")
            inputs = [question, chat, date_from, date_to, council, docs]
            outputs = [chat, sources, last_answer, question, active]
            question.submit(respond, inputs, outputs, api_visibility="private")
            send.click(respond, inputs, outputs, api_visibility="private")
            fb_inputs = [comment, last_answer, date_from, date_to, council, docs]
            up.click(feedback("up"), fb_inputs, [feedback_msg, comment], api_visibility="private")
            down.click(feedback("down"), fb_inputs, [feedback_msg, comment], api_visibility="private")
            for f in (date_from, date_to, council, docs):
                f.change(lambda a, b, c, d: filters_text(make_filters(a, b, c, d)),
                         [date_from, date_to, council, docs], active, api_visibility="private")

        with gr.Tab("Brieven"):
            table = gr.Dataframe(value=service.letters(), headers=["id", "titel", "datum", "soort", "chunks",
                                                                   "waarschuwingen"], interactive=False, wrap=True)
            files = gr.File(label="Brieven toevoegen (.pdf, .txt, .md)", file_count="multiple",
                            file_types=list(SUPPORTED_SUFFIXES))
            index_btn = gr.Button("Indexeer", variant="primary")
            index_msg = gr.Markdown("")
            with gr.Row():
                to_remove = gr.Dropdown(choices=service.doc_ids(), label="Brief verwijderen")
                remove_btn = gr.Button("Verwijder", variant="stop")
            remove_msg = gr.Markdown("")
            index_btn.click(do_upload, files, [index_msg, table, to_remove], api_name="upload")
            remove_btn.click(do_remove, to_remove, [remove_msg, table, to_remove], api_visibility="private")

        def ask(question: str, date_from: str = "", date_to: str = "", council: str = "",
                doc_ids: list[str] | None = None) -> dict:
            """Answer a question with citations (the same answer as `rag ask --json`)."""
            return service.ask(question, make_filters(date_from, date_to, council or None, doc_ids)).to_dict()

        gr.api(ask, api_name="ask")
    return demo


def launch(store_path: str | Path | None = None, host: str | None = None, port: int | None = None,
           block: bool = True):
    """Start the app; returns (demo, url)."""
    start = time.perf_counter()
    service = ChatService(store_path)
    demo = build_app(service)
    host = host or os.environ.get("RAG_HOST", "127.0.0.1")
    port = int(port or os.environ.get("RAG_PORT", "7860"))
    auth = None
    if os.environ.get("RAG_AUTH"):
        user, _, password = os.environ["RAG_AUTH"].partition(":")
        auth = (user, password)
    demo.queue(default_concurrency_limit=4)
    demo.launch(server_name=host, server_port=port, auth=auth, max_file_size=MAX_UPLOAD, prevent_thread_lock=True,
                quiet=True, ssr_mode=False, css=CSS, footer_links=[], show_error=True)
    url = f"http://{host}:{port}"
    print(f"Kamerbrief-RAG draait op {url} (interface klaar in {time.perf_counter() - start:.1f} s; "
          "model en index worden geladen)", flush=True)

    def warm() -> None:
        service.warm_up()
        print(f"Klaar voor vragen ({time.perf_counter() - start:.1f} s na de start)", flush=True)

    threading.Thread(target=warm, daemon=True).start()
    if block:
        try:
            demo.block_thread()
        except KeyboardInterrupt:
            demo.close()
    return demo, url
