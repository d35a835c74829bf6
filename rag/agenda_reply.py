"""Replies to agenda questions: a lead sentence and one cited line per item.

What a question asks (:mod:`rag.agenda_question`) is answered from the agenda read
from the letter's chunks (:mod:`rag.agenda`): the items, those of some types or on a
topic, who signed, who attends, and when and where the meeting is.

Example:
    >>> from rag.agenda import agendas
    >>> from rag.agenda_question import read_question
    >>> from rag.agenda_reply import reply
    >>> from rag.chunk import chunk_letter
    >>> from rag.parse import parse_file
    >>> agenda = agendas(chunk_letter(parse_file("data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt")))[0]
    >>> reply(read_question("Welke punten staan ter goedkeuring?"), agenda, "nl").lead
    'Op de agenda van de JBZ-Raad van 5–6 maart 2026 (brief van 26 februari 2026) staan 3 punten ter goedkeuring:'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rag.agenda import Agenda, AgendaItem, attendance, place_of, signed_in
from rag.agenda_question import AgendaQuestion, topic_share
from rag.dates import council_short_name, date_span, long_date
from rag.documents import Chunk, page_label
from rag.sentences import split_sentences

# How the replies name each group of item types (keys of rag.agenda_question.TYPE_GROUPS).
TYPE_NAMES = {
    "nl": {"Goedkeuring": "ter goedkeuring", "Algemene oriëntatie": "voor een algemene oriëntatie",
           "Politiek akkoord": "voor een politiek akkoord", "Gedachtewisseling": "voor een gedachtewisseling",
           "Stand van zaken": "ter informatie (stand van zaken)", "AOB": "onder AOB (diversen)"},
    "en": {"Goedkeuring": "for approval", "Algemene oriëntatie": "for a general approach",
           "Politiek akkoord": "for a political agreement", "Gedachtewisseling": "for an exchange of views",
           "Stand van zaken": "for information (state of play)", "AOB": "under any other business"},
}


@dataclass
class AgendaReply:
    """The answer to an agenda question: a lead sentence and one line per cited chunk."""

    lead: str
    lines: list[tuple[str, Chunk]]
    answered: bool = True
    # Where a quoted lead stands in the first line's chunk (start, end).
    quote: tuple[int, int] | None = None

    def render(self) -> tuple[str, list[Chunk]]:
        """The reply as text, and the chunks it cites: ``[n]`` cites the n-th.

        Each line is a bullet with its citation; lines without text are a citation
        after the lead, and a chunk cited that way twice is cited once.
        """
        numbers: dict[str, int] = {}
        cited: list[Chunk] = []
        lines = []
        for text, chunk in self.lines:
            if not text and chunk.id in numbers:
                continue  # a second part of the answer from the same place: cited once
            if chunk.id not in numbers:
                numbers[chunk.id] = len(numbers) + 1
                cited.append(chunk)
            n = numbers[chunk.id]
            lines.append(f"- {text} [{n}]" if text else f"[{n}]")
        if self.lines and not self.lines[0][0]:
            return f"{self.lead} {' '.join(lines)}", cited
        return "\n".join([self.lead, *lines]), cited


def answer_question(asked: AgendaQuestion, agenda: Agenda, language: str) -> AgendaReply | None:
    """The reply to ``asked`` from ``agenda``, with the further kinds it asks (``asked.also``).

    None when the question is for the normal answer path: its topic is on no item but the
    letter speaks of it (unless it asks whether the topic is on the agenda), or it asks which
    item is on a topic that neither an item nor the letter names.
    """
    only = None
    if asked.topic and asked.kind in ("topic", "items", "type"):
        # The topic's items; a topic on no item but in the letter's text is for the normal
        # path to read; words in neither are a topic the agenda lacks (yes/no) or noise.
        english = language == "en"
        only = [i for i in agenda.items if topic_share(asked.topic, i.title, english) >= 0.5]
        if not only:
            if topic_share(asked.topic, " ".join(c.text for c in agenda.chunks), english) >= 0.5:
                # Not an item, but the letter speaks of it: say so, with its own sentence.
                return _mentioned_not_on_agenda(asked, agenda, language) if asked.yes_no else None
            if asked.kind == "topic" and not asked.yes_no:
                return None
            only = [] if asked.yes_no else None
    said = reply(asked, agenda, language, only)
    for kind in asked.also:
        more = reply(AgendaQuestion(kind), agenda, language)
        said = AgendaReply(f"{said.lead} {more.lead}", said.lines + more.lines, said.answered or more.answered,
                           said.quote or more.quote)
    return said


def _mentioned_not_on_agenda(asked: AgendaQuestion, agenda: Agenda, language: str) -> AgendaReply | None:
    """"Staat de EU-visumstrategie op de agenda?": no item is on it, but the letter's sentence
    about it is quoted and cited; None when no one sentence mentions the topic."""
    english = language == "en"
    best: tuple[float, Chunk, tuple[int, int]] | None = None
    for chunk in agenda.chunks:
        text = chunk.text
        for span in split_sentences(text):
            share = topic_share(asked.topic, text[span.start:span.end], english)
            if share >= 0.5 and (best is None or share > best[0]):
                best = (share, chunk, (span.start, span.end))
    if best is None:
        return None
    _, chunk, span = best
    meeting = meeting_name(agenda, language)
    sentence = " ".join(chunk.text[span[0]:span[1]].split())
    where = f"{chunk.heading}, " if chunk.heading else ""
    lead = (f"Op de agenda van {meeting} staat hierover geen apart punt; de brief noemt het wel ({where}"
            f"p. {chunk.page_start}): “{sentence}”" if language == "nl" else
            f"The agenda of {meeting} has no item of its own on this; the letter does mention it ({where}"
            f"p. {chunk.page_start}): “{sentence}”")
    return AgendaReply(lead, [("", chunk)], quote=span)


def reply(aq: AgendaQuestion, agenda: Agenda, language: str, only: list[AgendaItem] | None = None) -> AgendaReply:
    """Answer ``aq`` from ``agenda``, in ``language`` (``nl`` or ``en``).

    ``only``: for a question about a topic, the items on that topic (matched by the caller)."""
    if aq.kind == "senders":
        return _senders_reply(agenda, language)
    if aq.kind == "attendees":
        return _attendees_reply(agenda, language)
    if aq.kind == "meeting":
        return _meeting_reply(agenda, language)
    if aq.kind == "topic" or (aq.kind == "type" and only is not None):
        return _topic_reply(aq, agenda, language, only or [])
    return _items_reply(aq, agenda, language, only)


def _senders_reply(agenda: Agenda, language: str) -> AgendaReply:
    """Who signed the letter, cited to where the first name stands."""
    who = ", ".join(agenda.senders)
    if not who:
        meeting = meeting_name(agenda, language)
        lead = (f"In de brief over {meeting} vond ik geen ondertekenaars." if language == "nl"
                else f"I found no signatories in the letter on {meeting}.")
        return AgendaReply(lead, [], answered=False)
    about = meeting_name(agenda, language, letter_date=False)
    dated = f" van {long_date(agenda.date, language)}" if agenda.date and language == "nl" else \
        (f" of {long_date(agenda.date, language)}" if agenda.date else "")
    lead = (f"De brief{dated} over {about} is ondertekend door {who}." if language == "nl"
            else f"The letter{dated} on {about} is signed by {who}.")
    return AgendaReply(lead, [("", signed_in(agenda))])


def _attendees_reply(agenda: Agenda, language: str) -> AgendaReply:
    """The letter's own sentence on who takes part, quoted."""
    found = attendance(agenda)
    if found is None:
        meeting = meeting_name(agenda, language)
        lead = (f"De brief over {meeting} zegt niet wie aan de Raad deelneemt." if language == "nl"
                else f"The letter on {meeting} does not say who attends.")
        return AgendaReply(lead, [], answered=False)
    chunk, sentence, span = found
    return AgendaReply(sentence, [("", chunk)], quote=span)


def _meeting_reply(agenda: Agenda, language: str) -> AgendaReply:
    """When (and, if the letter says, where) the meeting is."""
    place = place_of(agenda)
    where = f" in {place[0]}" if place else ""
    if not agenda.meeting_date:
        lead = ("De brief noemt geen datum van de vergadering." if language == "nl"
                else "The letter gives no meeting date.")
        return AgendaReply(lead, [], answered=False)
    council = council_name(agenda, language)
    past = (agenda.meeting_end_date or agenda.meeting_date) < date.today().isoformat()
    verb = ("vergaderde" if past else "vergadert") if language == "nl" else ("met" if past else "meets")
    lead = (f"De {council} {verb} op {_span(agenda, language)}{where}."
            if language == "nl" else f"The {council} {verb} on {_span(agenda, language)}{where}.")
    if place is None:
        return AgendaReply(lead, [("", agenda.first_chunk)])
    # The letter's own words, quoted, so the date and place can be checked at a glance.
    _, sentence, span = place
    return AgendaReply(f'{lead} {"De brief" if language == "nl" else "The letter"}: “{sentence}”',
                       [("", agenda.first_chunk)], quote=span)


def _items_reply(aq: AgendaQuestion, agenda: Agenda, language: str, only: list[AgendaItem] | None) -> AgendaReply:
    """The agenda's items (kind ``items``) or those of the asked types (``type``), one line each."""
    meeting = meeting_name(agenda, language)
    items = agenda.items if aq.kind == "items" else agenda.of_types(aq.types)
    if only is not None:
        items = [i for i in items if i in only]
    if aq.section:
        items = [i for i in items if aq.section in (i.section or "").lower()]
    if aq.number:
        items = [i for i in items if i.item_no == aq.number] or items
        if aq.section:
            meeting = f"{meeting}, {'onderdeel' if language == 'nl' else 'part'} {aq.section.title()}"
    if aq.kind == "items":
        on_topic = ("" if only is None else " over dit onderwerp" if language == "nl" else " on this topic")
        lead = (f"Op de agenda van {meeting} {_count(len(items), language)}{on_topic}:" if language == "nl"
                else f"The agenda of {meeting} has {_count(len(items), language)}{on_topic}:")
    else:
        what = " of ".join(TYPE_NAMES[language][t] for t in aq.types) if language == "nl" else \
            " or ".join(TYPE_NAMES[language][t] for t in aq.types)
        if not items and not any(i.item_type for i in agenda.items):
            # The letter (or its excerpt) prints no type at all: that is not "none of that type".
            lead = (f"De brief over {meeting} zegt bij geen enkel punt wat de Raad ermee doet." if language == "nl"
                    else f"The letter on {meeting} does not say for any item what the Council will do with it.")
            return AgendaReply(lead, [], answered=False)
        if not items:
            lead = (f"Op de agenda van {meeting} staat geen punt {what}." if language == "nl"
                    else f"No item on the agenda of {meeting} is {what}.")
            return AgendaReply(lead, [], answered=False)
        lead = (f"Op de agenda van {meeting} {_count(len(items), language)} {what}:" if language == "nl"
                else f"On the agenda of {meeting}, {_count(len(items), language)} {'is' if len(items) == 1 else 'are'} {what}:")
    return AgendaReply(lead, _item_lines(items, with_type=aq.kind == "items"))


def _item_lines(items: list[AgendaItem], with_type: bool) -> list[tuple[str, Chunk]]:
    lines = []
    for item in items:
        kind = f" ({item.item_type})" if item.item_type and with_type else ""
        pages = page_label(item.page_start, item.page_end)
        lines.append((f"{item.label} {item.title}{kind}, {pages}", item.chunk))
    return lines


def _topic_reply(aq: AgendaQuestion, agenda: Agenda, language: str, items: list[AgendaItem]) -> AgendaReply:
    """Whether the topic is on the agenda (and, if a type was asked, as that type), with its items."""
    meeting = meeting_name(agenda, language)
    if not items:
        lead = (f"Op de agenda van {meeting} staat geen punt over {aq.topic}." if language == "nl"
                else f"The agenda of {meeting} has no item on {aq.topic}.")
        return AgendaReply(lead, [], answered=False)
    if not aq.types:
        lead = (f"Ja, op de agenda van {meeting} {_count(len(items), language)} over dit onderwerp:" if language == "nl"
                else f"Yes, the agenda of {meeting} has {_count(len(items), language)} on this topic:")
        return AgendaReply(lead, _item_lines(items, with_type=True))
    of_type = [i for i in items if i in agenda.of_types(aq.types)]
    what = (" of " if language == "nl" else " or ").join(TYPE_NAMES[language][t] for t in aq.types)
    if of_type:
        lead = (f"Ja, op de agenda van {meeting} {_count(len(of_type), language)} over dit onderwerp {what}:"
                if language == "nl" else
                f"Yes, on the agenda of {meeting}, {_count(len(of_type), language)} on this topic "
                f"{'is' if len(of_type) == 1 else 'are'} {what}:")
        return AgendaReply(lead, _item_lines(of_type, with_type=False))
    lead = (f"Nee, op de agenda van {meeting} staat dit onderwerp niet {what}, wel zo:" if language == "nl"
            else f"No, on the agenda of {meeting} this topic is not {what}; it is there as:")
    return AgendaReply(lead, _item_lines(items, with_type=True))


def _count(n: int, language: str) -> str:
    if language == "nl":
        return "staat 1 punt" if n == 1 else f"staan {n} punten"
    return "1 item" if n == 1 else f"{n} items"


def meeting_name(agenda: Agenda, language: str, letter_date: bool = True) -> str:
    """``de JBZ-Raad van 5–6 maart 2026 (brief van 26 februari 2026)``."""
    name = ("de " if language == "nl" else "the ") + council_name(agenda, language)
    if agenda.meeting_date:
        name += (" van " if language == "nl" else " of ") + _span(agenda, language)
    if agenda.date and letter_date:
        name += (f" (brief van {long_date(agenda.date, language)})" if language == "nl"
                 else f" (letter of {long_date(agenda.date, language)})")
    return name


def council_name(agenda: Agenda, language: str) -> str:
    """The council's short name (``JBZ-Raad``), as staff write it."""
    return council_short_name(agenda.council) or ("Raad" if language == "nl" else "Council")


def _span(agenda: Agenda, language: str) -> str:
    return date_span(agenda.meeting_date, agenda.meeting_end_date, language)


