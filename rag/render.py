"""The app's rendering: an answer, its sources, a timeline, an index run and the
active filters as the HTML or Markdown the chat app shows. No Gradio here: these are
plain functions of the results, so they can be tested without a browser.

Example:
    >>> from rag.render import filters_text
    >>> from rag.retrieve import Filters
    >>> filters_text(Filters(council="Raad Justitie en Binnenlandse Zaken"))
    'Actieve filters: raad: Raad Justitie en Binnenlandse Zaken'
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from rag.dates import letter_label

if TYPE_CHECKING:  # only for the hints: the app has these loaded, this module needs none of them to run
    from rag.answer import Answer, Citation
    from rag.index import IndexSummary
    from rag.retrieve import Filters
    from rag.timeline import Timeline

MODE_LABEL = {"extractive": "extractief antwoord (letterlijke zinnen uit de brieven)",
              "agenda": "antwoord uit de agenda van de brief",
              "letterhead": "antwoord uit het briefhoofd (datum en ondertekening)"}


def _highlight(c: Citation) -> str:
    """The citation's passage, HTML-escaped, with its quoted sentences in ``<mark>``."""
    return c.marked_text("<mark>", "</mark>", html.escape)


def sources_html(answer: Answer | None) -> str:
    """The sources panel beside the chat: each cited (or else related) passage with its letter,
    Kamerstuk id, date and pages; a placeholder before the first answer."""
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
            f"{html.escape(c.date or 'datum onbekend')} · {cit.chunk.pages}</div>"
            f'<div class="passage">{_highlight(cit)}</div></div>'
        )
    return "\n".join(parts)


def chat_sources(answer: Answer) -> str:
    """The sources under the answer in the chat itself, so they are seen without a click."""
    items = answer.citations or answer.related
    if not items:
        return ""
    head = "Bronnen" if answer.citations else "Misschien relevant"
    lines = [f"[{c.n}] {c.chunk.title} ({c.chunk.date or 'datum onbekend'})"
             + (f", {c.chunk.heading}" if c.chunk.heading else "") + f", {c.chunk.pages}" for c in items]
    return f"\n\n**{head}:**\n" + "\n".join(f"- {line}" for line in lines)


def read_as_line(answer: Answer) -> str:
    """How a follow-up question was read, in italics above the answer, or nothing."""
    if not answer.read_as:
        return ""
    return f"*{'Ik lees dit als' if answer.language == 'nl' else 'I read this as'}: {answer.read_as}*\n\n"


def timeline_html(timeline: Timeline | None) -> str:
    """The Timeline tab: each letter's position sentences, oldest first; a hint before a topic is chosen."""
    if timeline is None:
        return "<p><em>Kies een onderwerp, bijvoorbeeld terugkeerhubs of Europol.</em></p>"
    if not timeline.entries:
        return f"<p>Geen brief met een standpunt over <strong>{html.escape(timeline.topic)}</strong> gevonden.</p>"
    parts = [f"<h3>Standpunten over {html.escape(timeline.topic)}, van oud naar nieuw</h3>"]
    for entry in timeline.entries:
        cit = entry.citation
        c = cit.chunk
        label = letter_label(c.date, c.council, c.meeting_date, c.meeting_end_date)
        quotes = "".join(f"<li>{html.escape(q)}</li>" for q in entry.sentences)
        parts.append(
            f'<div class="bron"><h4>{html.escape(c.date or "")} · {html.escape(label[0].upper() + label[1:])} [{cit.n}]</h4>'
            f'<div class="meta">{html.escape(c.title)} · <code>{html.escape(c.doc_id)}</code> · '
            f"{html.escape(c.heading or '')} · {cit.chunk.pages}</div><ul>{quotes}</ul></div>"
        )
    return "\n".join(parts)


def mode_line(answer: Answer) -> str:
    """The small line under an answer: what wrote it (and why the LLM fell back) and how long it took."""
    if answer.mode.startswith("llm:"):
        label = f"antwoord van het taalmodel {answer.mode[4:]}, bronverwijzingen gecontroleerd"
    else:
        label = MODE_LABEL.get(answer.mode, MODE_LABEL["extractive"])
        if answer.fallback_reason:
            label += f"; het taalmodel viel af ({answer.fallback_reason})"
    return f"\n\n<sub>{label} · {answer.timings_ms.get('total', 0):.0f} ms</sub>"


def summary_markdown(s: IndexSummary) -> str:
    """An upload's index run: counts, then each file that failed or was skipped, and the warnings."""
    lines = [f"**Toegevoegd:** {len(s.added)} · **bijgewerkt:** {len(s.updated)} · **ongewijzigd:** "
             f"{len(s.unchanged)} · **niet gelukt:** {len(s.failed)} · {s.embedded_chunks} chunks ingebed"]
    for item in s.skipped:
        label = "niet gelukt" if item in s.failed else "overgeslagen"
        shown = re.sub(r"^[0-9a-f]{16}-", "", Path(item["path"]).name)  # the name it was uploaded under
        lines.append(f"- {label}: `{shown}`: {item['reason']}")
    for w in s.warnings:
        lines.append(f"- waarschuwing: {w}")
    return "\n".join(lines)


def filters_text(f: Filters) -> str:
    """The line that says which filters apply to the next questions."""
    parts = []
    if f.date_from or f.date_to:
        parts.append(f"datum {f.date_from or '…'} t/m {f.date_to or '…'}")
    if f.council:
        parts.append(f"raad: {f.council}")
    if f.doc_ids:
        parts.append("documenten: " + ", ".join(f.doc_ids))
    return "Actieve filters: " + ("; ".join(parts) if parts else "geen")
