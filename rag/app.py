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
    >>> from rag.app import build_app
    >>> from rag.chat_service import ChatService
    >>> demo = build_app(ChatService("index"))
    >>> type(demo).__name__  # demo.launch(server_name="127.0.0.1") serves it
    'Blocks'
"""

from __future__ import annotations

import os

# Before gradio is imported: never send usage statistics.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import html  # noqa: E402
import logging  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import gradio as gr  # noqa: E402

from rag.answer import Answer  # noqa: E402
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
    """The ``Filters`` of the filter fields (empty fields filter nothing); a bad date raises ValueError."""
    return Filters(date_from=(date_from or "").strip() or None, date_to=(date_to or "").strip() or None,
                   council=council or None, doc_ids=list(docs or []))


# ----------------------------------------------------------------------------- the components tabs share


@dataclass
class FilterFields:
    """The filter fields beside the chat; the timeline uses the same filters."""

    date_from: gr.Textbox
    date_to: gr.Textbox
    council: gr.Dropdown
    docs: gr.Dropdown

    def all(self) -> list[gr.components.Component]:
        """The four fields, in the order ``make_filters`` takes them."""
        return [self.date_from, self.date_to, self.council, self.docs]


@dataclass
class ChatPanel:
    """The Vragen tab's components."""

    answers: gr.State  # each answer's JSON by its position in the chat, for the feedback on it
    chat: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    comment: gr.Textbox
    feedback_msg: gr.Markdown
    active: gr.Markdown
    filters: FilterFields
    sources: gr.HTML

    @property
    def inputs(self) -> list[gr.components.Component]:
        """What a question is answered from (the handler from ``_responder`` takes these)."""
        return [self.question, self.chat, self.answers, *self.filters.all()]

    @property
    def outputs(self) -> list[gr.components.Component]:
        """What answering a question updates."""
        return [self.chat, self.sources, self.answers, self.question, self.active]


@dataclass
class LettersPanel:
    """The Brieven tab's components that are filled when a page opens."""

    table: gr.Dataframe
    agenda_doc: gr.Dropdown
    agenda_table: gr.Dataframe
    to_remove: gr.Dropdown


# ----------------------------------------------------------------------------- the Vragen tab


class _AnswerJob:
    """One question answered on a worker thread, so that the chat shows the answer as it is written."""

    def __init__(self, service: ChatService, question: str, filters: Filters, asked: list[str]) -> None:
        self.pieces: list[str] = []
        self.answer: Answer | None = None
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._work, args=(service, question, filters, asked))

    def _work(self, service: ChatService, question: str, filters: Filters, asked: list[str]) -> None:
        try:
            self.answer = service.ask(question, filters, on_token=self.pieces.append, history=asked)
        except Exception as exc:  # noqa: BLE001 - the user gets a sentence, the log the traceback
            log.exception("question %r failed", question[:200])
            self.error = exc

    def stream(self) -> Iterator[str]:
        """Start the work and yield the text so far, a few tokens further each time, until it is done."""
        self._thread.start()
        shown = 0
        while self._thread.is_alive() or shown < len(self.pieces):
            if shown < len(self.pieces):
                shown = min(len(self.pieces), shown + 3)
                yield "".join(self.pieces[:shown])
            time.sleep(0.02)
        self._thread.join()


def _with_refusal(history: list[dict] | None, message: str, exc: ValueError) -> list[dict]:
    """The conversation with the question and, as the reply, why it cannot be asked."""
    return list(history or []) + [{"role": "user", "content": message[:300]},
                                  {"role": "assistant", "content": f"{str(exc)[:1].upper()}{str(exc)[1:]}."}]


def _responder(service: ChatService) -> Callable[..., Iterator[tuple]]:
    """The handler that answers a question: it streams the answer into the chat, then shows the sources."""

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
            yield _with_refusal(history, message, exc), gr.update(), answers, "", gr.update()
            return
        # Earlier questions of this conversation, so that "en over Syrië?" is read in their light.
        asked = [m["content"] for m in (history or []) if m.get("role") == "user" and isinstance(m.get("content"), str)]
        history = list(history or []) + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        yield history, sources_html(None), answers, "", filters_text(filters)
        job = _AnswerJob(service, message, filters, asked)
        for text in job.stream():
            history[-1]["content"] = text
            yield history, gr.update(), answers, "", gr.update()
        if job.error is not None:
            history[-1]["content"] = FAILED_ANSWER
            yield history, gr.update(), answers, "", gr.update()
            return
        answer = job.answer
        history[-1]["content"] = read_as_line(answer) + answer.answer + chat_sources(answer) + mode_line(answer)
        answers[str(len(history) - 1)] = answer.to_dict()
        yield history, sources_html(answer), answers, "", gr.update()

    return respond


def _chat_panel(answers: gr.State) -> ChatPanel:
    """Lay out the Vragen tab: the conversation on the left, the filters and sources on the right."""
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
                filters = FilterFields(
                    date_from=gr.Textbox(label="Vanaf datum (JJJJ-MM-DD)"),
                    date_to=gr.Textbox(label="Tot en met datum (JJJJ-MM-DD)"),
                    council=gr.Dropdown(choices=[], label="Raad", value=None, elem_id="filter-raad"),
                    docs=gr.Dropdown(choices=[], label="Documenten", multiselect=True, elem_id="filter-documenten"),
                )
            # Open by default: the sources are part of the answer, not an extra.
            sources = gr.HTML(sources_html(None), elem_id="bronnen")
    return ChatPanel(answers=answers, chat=chat, question=question, send=send, comment=comment,
                     feedback_msg=feedback_msg, active=active, filters=filters, sources=sources)


def _wire_chat(service: ChatService, panel: ChatPanel, respond: Callable[..., Iterator[tuple]]) -> None:
    """Questions are answered on Enter and on the button; a like is recorded; the filter line follows the fields."""

    def on_like(comment: str, answers: dict | None, date_from: str, date_to: str, council, docs, data: gr.LikeData):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer = (answers or {}).get(str(index))
        rating = "up" if data.liked is True else "down"
        settings = {"filters": make_filters(date_from, date_to, council, docs).__dict__}
        return service.record_feedback(rating, comment or "", answer, settings), ""

    panel.question.submit(respond, panel.inputs, panel.outputs, api_visibility="private")
    panel.send.click(respond, panel.inputs, panel.outputs, api_visibility="private")
    panel.chat.like(on_like, [panel.comment, panel.answers, *panel.filters.all()], [panel.feedback_msg, panel.comment],
                    api_visibility="private")
    for f in panel.filters.all():
        f.change(lambda a, b, c, d: filters_text(make_filters(a, b, c, d)),
                 panel.filters.all(), panel.active, api_visibility="private")


# ----------------------------------------------------------------------------- the Tijdlijn tab


def _timeline_tab(service: ChatService, filters: FilterFields) -> None:
    """Lay out and wire the Tijdlijn tab: a topic in, its positions letter by letter out."""
    with gr.Row():
        topic = gr.Textbox(placeholder="Onderwerp, bijvoorbeeld terugkeerhubs", show_label=False,
                           elem_id="tijdlijn-onderwerp", scale=4)
        show = gr.Button("Toon tijdlijn", variant="primary", elem_id="tijdlijn-knop", scale=1)
    timeline_view = gr.HTML(timeline_html(None), elem_id="tijdlijn")

    def do_timeline(t: str, date_from: str, date_to: str, council, docs):
        if not (t or "").strip():
            return timeline_html(None)
        try:
            chosen = make_filters(date_from, date_to, council, docs)
        except ValueError as exc:
            return f"<p class='tijdlijn-leeg'>{html.escape(str(exc))}.</p>"
        return timeline_html(service.timeline(t, chosen))

    tl_inputs = [topic, *filters.all()]
    show.click(do_timeline, tl_inputs, timeline_view, api_visibility="private")
    topic.submit(do_timeline, tl_inputs, timeline_view, api_visibility="private")


# ----------------------------------------------------------------------------- the Brieven tab


def _letter_choices(service: ChatService) -> tuple[dict, dict, dict]:
    """New choices for the document filter, the council filter and the agenda list."""
    return gr.update(choices=service.doc_ids()), gr.update(choices=service.councils()), \
        gr.update(choices=service.agenda_letters())


def _upload_handler(service: ChatService) -> Callable[..., tuple]:
    """The handler that indexes uploaded letters, with Gradio's progress bar, and refreshes every letter list."""

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
        docs_update, councils_update, agenda_update = _letter_choices(service)
        return summary_markdown(summary), service.letters(), gr.update(choices=service.doc_ids()), docs_update, \
            councils_update, agenda_update

    return do_upload


def _remove_handler(service: ChatService) -> Callable[[str | None], tuple]:
    """The handler that removes a letter and refreshes every letter list."""

    def do_remove(doc_id: str | None):
        if not doc_id:
            return "Kies een brief om te verwijderen.", service.letters(), gr.update(), gr.update(), gr.update(), gr.update()
        try:
            msg = service.remove(doc_id)
        except KeyError:
            msg = f"{doc_id} staat niet (meer) in de index."
        docs_update, councils_update, agenda_update = _letter_choices(service)
        return msg, service.letters(), gr.update(choices=service.doc_ids(), value=None), docs_update, \
            councils_update, agenda_update

    return do_remove


def ask_about_item(doc_id: str | None, rows, evt: gr.SelectData):
    """A click on an agenda item: a question about it, limited to its letter, on the Vragen tab."""
    row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
    title = rows.iloc[row, 1] if hasattr(rows, "iloc") else rows[row][1]
    question = f"Wat staat er in de brief over {title}?"
    return question, gr.update(value=[doc_id] if doc_id else []), gr.Tabs(selected="vragen")


def _letters_tab(service: ChatService, chat: ChatPanel, tabs: gr.Tabs,
                 respond: Callable[..., Iterator[tuple]]) -> LettersPanel:
    """Lay out and wire the Brieven tab: the letters, a letter's agenda, upload and removal."""
    table = gr.Dataframe(value=[], headers=["id", "titel", "datum", "soort", "chunks", "waarschuwingen"],
                         interactive=False, wrap=True)
    with gr.Row():
        agenda_doc = gr.Dropdown(choices=[], label="Agenda van", elem_id="agenda-brief", value=None)
    agenda_table = gr.Dataframe(value=[], headers=["punt", "titel", "soort", "pagina's"], interactive=False, wrap=True,
                                elem_id="agenda", label="Agenda (klik op een punt om ernaar te vragen)")
    files = gr.File(label="Brieven toevoegen (.pdf, .txt, .md)", file_count="multiple",
                    file_types=list(SUPPORTED_SUFFIXES), elem_id="upload")
    index_btn = gr.Button("Indexeer", variant="primary", elem_id="indexeer")
    index_msg = gr.Markdown("", elem_id="index-bericht")
    with gr.Row():
        to_remove = gr.Dropdown(choices=[], label="Brief verwijderen")
        remove_btn = gr.Button("Verwijder", variant="stop")
    remove_msg = gr.Markdown("")

    agenda_doc.change(service.agenda, agenda_doc, agenda_table, api_visibility="private")
    agenda_table.select(ask_about_item, [agenda_doc, agenda_table], [chat.question, chat.filters.docs, tabs],
                        api_visibility="private").then(respond, chat.inputs, chat.outputs, api_visibility="private")
    letter_lists = [chat.filters.docs, chat.filters.council, agenda_doc]
    index_btn.click(_upload_handler(service), files, [index_msg, table, to_remove, *letter_lists], api_name="upload")
    remove_btn.click(_remove_handler(service), to_remove, [remove_msg, table, to_remove, *letter_lists],
                     api_visibility="private")
    return LettersPanel(table=table, agenda_doc=agenda_doc, agenda_table=agenda_table, to_remove=to_remove)


# ----------------------------------------------------------------------------- the page


def _fill_lists_on_load(service: ChatService, demo: gr.Blocks, chat: ChatPanel, letters: LettersPanel) -> None:
    """Fill the letter table and every letter list when a page opens, not when the app is built: the
    page that Gradio serves before a login then holds no letter ids, and every page shows the index as it is now."""

    def fill_lists():
        agenda_letters = service.agenda_letters()
        first = (agenda_letters or [None])[0]
        return (service.letters(), gr.update(choices=service.doc_ids()), gr.update(choices=service.councils()),
                gr.update(choices=agenda_letters, value=first), service.agenda(first),
                gr.update(choices=service.doc_ids()))

    demo.load(fill_lists, None, [letters.table, chat.filters.docs, chat.filters.council, letters.agenda_doc,
                                 letters.agenda_table, letters.to_remove], api_visibility="private")


def _register_api(service: ChatService) -> None:
    """The two API endpoints, ``ask`` and ``timeline``, with the CLI's JSON shapes."""

    def ask(question: str, date_from: str = "", date_to: str = "", council: str = "",
            doc_ids: list[str] | None = None, history: list[str] | None = None) -> dict:
        """Answer a question with citations (the same answer as `rag ask --json`)."""
        return _api_call(lambda: service.ask(question, make_filters(date_from, date_to, council or None, doc_ids),
                                             history=history).to_dict())

    def timeline(topic: str, date_from: str = "", date_to: str = "", council: str = "") -> dict:
        """The letters that state a Dutch position on a topic, oldest first (as `rag timeline --json`)."""
        return _api_call(lambda: service.timeline(topic, make_filters(date_from, date_to, council or None,
                                                                      [])).to_dict())

    gr.api(ask, api_name="ask")
    gr.api(timeline, api_name="timeline")


def build_app(service: ChatService) -> gr.Blocks:
    """The app's page: the Vragen, Tijdlijn and Brieven tabs over ``service``, and its API."""
    respond = _responder(service)
    with gr.Blocks(title="Kamerbrief-RAG", analytics_enabled=False) as demo:
        gr.Markdown("## Kamerbrief-RAG\nVragen over Kamerbrieven en geannoteerde agenda's, met bronvermelding. "
                    "Werkt offline.")
        answers = gr.State({})
        with gr.Tabs() as tabs:
            with gr.Tab("Vragen", id="vragen"):
                chat = _chat_panel(answers)
                _wire_chat(service, chat, respond)
            with gr.Tab("Tijdlijn", id="tijdlijn"):
                _timeline_tab(service, chat.filters)
            with gr.Tab("Brieven", id="brieven"):
                letters = _letters_tab(service, chat, tabs, respond)
        _fill_lists_on_load(service, demo, chat, letters)
        _register_api(service)
    return demo


def launch(store_path: str | Path | None = None, host: str | None = None, port: int | None = None,
           block: bool = True) -> tuple[gr.Blocks, str]:
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
