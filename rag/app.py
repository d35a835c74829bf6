"""The chat app: a Gradio Blocks UI over the same ``Answerer`` the CLI uses.

Dutch first. Answers stream into the chat with inline ``[n]`` markers and their
sources listed under them; the sources panel beside the chat shows each source's
letter, Kamerstuk id, date, agenda item and pages, with the quoted sentences
highlighted. A follow-up ("en over Syrië?") is read in the light of the earlier
questions and the reading is shown. Filters apply to the next questions. The
Timeline tab shows a topic's positions letter by letter; the Letters tab shows a
letter's agenda (a click on an item asks about it) and uploads (indexes) and
removes letters, and every filter list follows at once. Feedback is Gradio's
like/dislike on each answer, with an optional comment, in ``<store>/feedback.jsonl``;
``rag feedback`` turns it into eval cases.

What the app does lives in ``rag.chat_service`` and how results look in ``rag.render``;
this module lays out the tabs and wires their events.

Environment: ``RAG_HOST`` (127.0.0.1), ``RAG_PORT`` (7860), ``RAG_AUTH``
(``user:password`` turns on login), ``RAG_STORE``, ``RAG_LLM_*``.

Example:
    >>> from rag.app import build_app   # doctest: +SKIP
    >>> from rag.chat_service import ChatService
    >>> demo = build_app(ChatService("index"))
    >>> demo.launch(server_name="127.0.0.1", server_port=7860)
"""

from __future__ import annotations

import os

# Before gradio is imported: never send usage statistics.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import html  # noqa: E402
import logging  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402

from rag.chat_service import ChatService  # noqa: E402
from rag.index import Stage  # noqa: E402
from rag.parse import SUPPORTED_SUFFIXES  # noqa: E402
from rag.question import check_question  # noqa: E402
from rag.render import (chat_sources, filters_text, mode_line, read_as_line, sources_html,  # noqa: E402
                        summary_markdown, timeline_html)
from rag.retrieve import Filters  # noqa: E402

EXAMPLES = [
    "Wat is de Nederlandse positie over Europol?",
    "Wat vindt het kabinet van terugkeerhubs?",
    "Hoeveel migranten kwamen in 2025 vanuit Libië irregulier aan in Europa?",
    "What is the Dutch position on the future of Europol?",
]
MAX_UPLOAD = "25mb"

CSS = """
.bron { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
.bron h4 { margin: 0 0 4px 0; font-size: 0.95em; }
.bron .meta { color: #57606a; font-size: 0.85em; margin-bottom: 6px; }
.bron .passage { font-size: 0.9em; line-height: 1.45; max-height: 18em; overflow-y: auto; white-space: pre-wrap; }
.bron mark { background: #fff3b0; padding: 0 2px; }
"""


# ----------------------------------------------------------------------------- errors

log = logging.getLogger("rag.app")
FAILED_ANSWER = ("Er ging iets mis bij het beantwoorden van deze vraag; de fout staat in het logboek van de app. "
                 "Probeer het nog eens, of stel de vraag anders.")


def _api_call(work: Callable[[], dict]) -> dict:
    """Run an API call; a bad input or a failure reaches the caller as one sentence."""
    try:
        return work()
    except ValueError as exc:
        raise gr.Error(str(exc)) from None
    except Exception:
        log.exception("API call failed")
        raise gr.Error(FAILED_ANSWER) from None


def make_filters(date_from: str, date_to: str, council: str | None, docs: list[str] | None) -> Filters:
    return Filters(date_from=(date_from or "").strip() or None, date_to=(date_to or "").strip() or None,
                   council=council or None, doc_ids=list(docs or []))


# ----------------------------------------------------------------------------- UI


def build_app(service: ChatService):
    def respond(message: str, history: list[dict], answers: dict | None, date_from: str, date_to: str,
                council: str | None, docs: list[str] | None):
        message = (message or "").strip()
        answers = dict(answers or {})
        if not message:
            yield history, gr.update(), answers, "", gr.update()
            return
        try:
            filters = make_filters(date_from, date_to, council, docs)
            check_question(message)
        except ValueError as exc:  # a bad date, an overlong question: say so, in the chat
            history = list(history or []) + [{"role": "user", "content": message[:300]},
                                             {"role": "assistant", "content": f"{str(exc)[:1].upper()}{str(exc)[1:]}."}]
            yield history, gr.update(), answers, "", gr.update()
            return
        # Earlier questions of this conversation, so that "en over Syrië?" is read in their light.
        asked = [m["content"] for m in (history or []) if m.get("role") == "user" and isinstance(m.get("content"), str)]
        history = list(history or []) + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        yield history, sources_html(None), answers, "", filters_text(filters)
        pieces: list[str] = []
        result: dict[str, Any] = {}

        def work() -> None:
            try:
                result["a"] = service.ask(message, filters, on_token=pieces.append, history=asked)
            except Exception as exc:  # noqa: BLE001 - the user gets a sentence, the log the traceback
                log.exception("question %r failed", message[:200])
                result["error"] = exc

        worker = threading.Thread(target=work)
        worker.start()
        shown = 0
        while worker.is_alive() or shown < len(pieces):
            if shown < len(pieces):
                shown = min(len(pieces), shown + 3)
                history[-1]["content"] = "".join(pieces[:shown])
                yield history, gr.update(), answers, "", gr.update()
            time.sleep(0.02)
        worker.join()
        if "error" in result:
            history[-1]["content"] = FAILED_ANSWER
            yield history, gr.update(), answers, "", gr.update()
            return
        answer = result["a"]
        history[-1]["content"] = read_as_line(answer) + answer.answer + chat_sources(answer) + mode_line(answer)
        answers[str(len(history) - 1)] = answer.to_dict()
        yield history, sources_html(answer), answers, "", gr.update()

    def letter_choices():
        return gr.update(choices=service.doc_ids()), gr.update(choices=service.councils()), \
            gr.update(choices=service.agenda_letters())

    def do_upload(files, progress=gr.Progress()):
        if not files:
            return ("Kies eerst een of meer bestanden (.pdf, .txt, .md).", service.letters(), gr.update(),
                    gr.update(), gr.update(), gr.update())
        paths = [getattr(f, "name", f) for f in files]

        def report(stage: str, done: int, total: int) -> None:
            if total:
                progress(done / total, desc="Lezen" if stage == Stage.READ else "Inbedden")
            else:  # waiting for another writer: say so
                progress(0, desc=stage)

        summary = service.upload(paths, progress=report)
        docs_update, councils_update, agenda_update = letter_choices()
        return summary_markdown(summary), service.letters(), gr.update(choices=service.doc_ids()), docs_update, \
            councils_update, agenda_update

    def do_remove(doc_id: str | None):
        if not doc_id:
            return "Kies een brief om te verwijderen.", service.letters(), gr.update(), gr.update(), gr.update(), gr.update()
        try:
            msg = service.remove(doc_id)
        except KeyError:
            msg = f"{doc_id} staat niet (meer) in de index."
        docs_update, councils_update, agenda_update = letter_choices()
        return msg, service.letters(), gr.update(choices=service.doc_ids(), value=None), docs_update, \
            councils_update, agenda_update

    def on_like(comment: str, answers: dict | None, date_from: str, date_to: str, council, docs, data: gr.LikeData):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer = (answers or {}).get(str(index))
        rating = "up" if data.liked is True else "down"
        settings = {"filters": make_filters(date_from, date_to, council, docs).__dict__}
        return service.record_feedback(rating, comment or "", answer, settings), ""

    def ask_about_item(doc_id: str | None, rows, evt: gr.SelectData):
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        title = rows.iloc[row, 1] if hasattr(rows, "iloc") else rows[row][1]
        question = f"Wat staat er in de brief over {title}?"
        return question, gr.update(value=[doc_id] if doc_id else []), gr.Tabs(selected="vragen")

    with gr.Blocks(title="Kamerbrief-RAG", analytics_enabled=False) as demo:
        gr.Markdown("## Kamerbrief-RAG\nVragen over Kamerbrieven en geannoteerde agenda's, met bronvermelding. "
                    "Werkt offline.")
        answers = gr.State({})
        with gr.Tabs() as tabs:
            with gr.Tab("Vragen", id="vragen"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(label="Gesprek", height=520, elem_id="chat", buttons=["copy"])
                        question = gr.Textbox(placeholder="Stel een vraag over de brieven…", show_label=False,
                                              elem_id="vraag", autofocus=True)
                        with gr.Row():
                            send = gr.Button("Vraag", variant="primary", elem_id="verstuur")
                            gr.ClearButton([chat, question], value="Wis gesprek")
                        gr.Examples(EXAMPLES, inputs=question, label="Voorbeeldvragen")
                        comment = gr.Textbox(placeholder="Opmerking bij je beoordeling (optioneel); beoordeel een "
                                             "antwoord met de duimpjes eronder", show_label=False, elem_id="opmerking")
                        feedback_msg = gr.Markdown("", elem_id="feedback-bericht")
                    with gr.Column(scale=2):
                        active = gr.Markdown(filters_text(Filters()), elem_id="actieve-filters")
                        with gr.Accordion("Filters", open=False):
                            date_from = gr.Textbox(label="Vanaf datum (JJJJ-MM-DD)")
                            date_to = gr.Textbox(label="Tot en met datum (JJJJ-MM-DD)")
                            council = gr.Dropdown(choices=[], label="Raad", value=None,
                                                  elem_id="filter-raad")
                            docs = gr.Dropdown(choices=[], label="Documenten", multiselect=True,
                                               elem_id="filter-documenten")
                        # Open by default: the sources are part of the answer, not an extra.
                        sources = gr.HTML(sources_html(None), elem_id="bronnen")
                inputs = [question, chat, answers, date_from, date_to, council, docs]
                outputs = [chat, sources, answers, question, active]
                question.submit(respond, inputs, outputs, api_visibility="private")
                send.click(respond, inputs, outputs, api_visibility="private")
                chat.like(on_like, [comment, answers, date_from, date_to, council, docs], [feedback_msg, comment],
                          api_visibility="private")
                for f in (date_from, date_to, council, docs):
                    f.change(lambda a, b, c, d: filters_text(make_filters(a, b, c, d)),
                             [date_from, date_to, council, docs], active, api_visibility="private")

            with gr.Tab("Tijdlijn", id="tijdlijn"):
                with gr.Row():
                    topic = gr.Textbox(placeholder="Onderwerp, bijvoorbeeld terugkeerhubs", show_label=False,
                                       elem_id="tijdlijn-onderwerp", scale=4)
                    show = gr.Button("Toon tijdlijn", variant="primary", elem_id="tijdlijn-knop", scale=1)
                timeline_view = gr.HTML(timeline_html(None), elem_id="tijdlijn")

                def do_timeline(t: str, date_from: str, date_to: str, council, docs):
                    if not (t or "").strip():
                        return timeline_html(None)
                    try:
                        filters = make_filters(date_from, date_to, council, docs)
                    except ValueError as exc:
                        return f"<p class='tijdlijn-leeg'>{html.escape(str(exc))}.</p>"
                    return timeline_html(service.timeline(t, filters))

                tl_inputs = [topic, date_from, date_to, council, docs]
                show.click(do_timeline, tl_inputs, timeline_view, api_visibility="private")
                topic.submit(do_timeline, tl_inputs, timeline_view, api_visibility="private")

            with gr.Tab("Brieven", id="brieven"):
                table = gr.Dataframe(value=[], headers=["id", "titel", "datum", "soort", "chunks",
                                                                       "waarschuwingen"], interactive=False, wrap=True)
                with gr.Row():
                    agenda_doc = gr.Dropdown(choices=[], label="Agenda van", elem_id="agenda-brief", value=None)
                agenda_table = gr.Dataframe(value=[],
                                            headers=["punt", "titel", "soort", "pagina's"], interactive=False, wrap=True,
                                            elem_id="agenda", label="Agenda (klik op een punt om ernaar te vragen)")
                agenda_doc.change(service.agenda, agenda_doc, agenda_table, api_visibility="private")
                agenda_table.select(ask_about_item, [agenda_doc, agenda_table], [question, docs, tabs],
                                    api_visibility="private").then(respond, inputs, outputs, api_visibility="private")
                files = gr.File(label="Brieven toevoegen (.pdf, .txt, .md)", file_count="multiple",
                                file_types=list(SUPPORTED_SUFFIXES), elem_id="upload")
                index_btn = gr.Button("Indexeer", variant="primary", elem_id="indexeer")
                index_msg = gr.Markdown("", elem_id="index-bericht")
                with gr.Row():
                    to_remove = gr.Dropdown(choices=[], label="Brief verwijderen")
                    remove_btn = gr.Button("Verwijder", variant="stop")
                remove_msg = gr.Markdown("")
                letter_lists = [docs, council, agenda_doc]
                index_btn.click(do_upload, files, [index_msg, table, to_remove, *letter_lists], api_name="upload")
                remove_btn.click(do_remove, to_remove, [remove_msg, table, to_remove, *letter_lists],
                                 api_visibility="private")

        def ask(question: str, date_from: str = "", date_to: str = "", council: str = "",
                doc_ids: list[str] | None = None, history: list[str] | None = None) -> dict:
            """Answer a question with citations (the same answer as `rag ask --json`)."""
            return _api_call(lambda: service.ask(question, make_filters(date_from, date_to, council or None, doc_ids),
                                                 history=history).to_dict())

        def timeline(topic: str, date_from: str = "", date_to: str = "", council: str = "") -> dict:
            """The letters that state a Dutch position on a topic, oldest first (as `rag timeline --json`)."""
            return _api_call(lambda: service.timeline(topic, make_filters(date_from, date_to, council or None,
                                                                          [])).to_dict())

        def fill_lists():
            # Filled when a page opens, not when the app is built: the page that Gradio serves
            # before a login then holds no letter ids, and every page shows the index as it is now.
            agenda_letters = service.agenda_letters()
            first = (agenda_letters or [None])[0]
            return (service.letters(), gr.update(choices=service.doc_ids()), gr.update(choices=service.councils()),
                    gr.update(choices=agenda_letters, value=first), service.agenda(first),
                    gr.update(choices=service.doc_ids()))

        demo.load(fill_lists, None, [table, docs, council, agenda_doc, agenda_table, to_remove],
                  api_visibility="private")
        gr.api(ask, api_name="ask")
        gr.api(timeline, api_name="timeline")
    return demo


def launch(store_path: str | Path | None = None, host: str | None = None, port: int | None = None,
           block: bool = True):
    """Start the app; returns (demo, url)."""
    start = time.perf_counter()
    service = ChatService(store_path)

    def warm() -> None:
        service.warm_up()
        print(f"Klaar voor vragen ({time.perf_counter() - start:.1f} s na de start)", flush=True)

    # Model, chunks and BM25 load while the interface is built and served.
    threading.Thread(target=warm, name="warm-up", daemon=True).start()
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
    print(f"Kamerbrief-RAG draait op {url} (interface klaar in {time.perf_counter() - start:.1f} s)", flush=True)
    if block:
        try:
            demo.block_thread()
        except KeyboardInterrupt:
            demo.close()
    return demo, url
