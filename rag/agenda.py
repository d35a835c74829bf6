"""Council meetings' agendas, read from chunk metadata.

Every chunk of a geannoteerde agenda carries its section, item number, title and
type, the letter's date, the council, the meeting date and the signatories (see
:mod:`rag.chunk`), so the agenda of a meeting, the items of one type, who signed
and when the meeting is are read from there, exactly, and each item is cited to
its own chunk. What a question asks is read by :mod:`rag.agenda_question`, the
reply is written by :mod:`rag.agenda_reply`.

Example:
    >>> from rag.agenda import agendas
    >>> from rag.chunk import chunk_letter
    >>> from rag.parse import parse_file
    >>> agenda = agendas(chunk_letter(parse_file("data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt")))[0]
    >>> agenda.meeting_date, len(agenda.items), agenda.items[5].label, agenda.items[5].title
    ('2026-03-05', 13, 'I.6', 'Toekomst van Europol')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rag.agenda_question import TYPE_GROUPS, AgendaQuestion, LetterRef, MeetingRef, meeting_named
from rag.documents import Chunk
from rag.question import COUNCIL_PATTERNS, MONTHS_NL, Question, analyse
from rag.retrieve import Filters
from rag.sentences import split_sentences

# How a letter says who goes: "De minister van ... zullen aan de Raad deelnemen."
_ATTENDANCE = re.compile(r"\b(deelnemen|deel(?:nemen|neemt)|deel te nemen|nemen\b.{0,60}\bdeel|neemt\b.{0,60}\bdeel|"
                         r"aanwezig zijn|vertegenwoordigd door|zal .{0,40}bijwonen|zullen .{0,40}bijwonen)\b", re.I)
# Where the meeting is: the place right after its date ("op 22 en 23 juli 2025 in Kopenhagen",
# "van 5-6 maart a.s. in Brussel").
_PLACE = re.compile(r"(?:\b(?:19|20)\d\d|a\.s\.|jl\.|\b(?:" + "|".join(MONTHS_NL) + r"))\)?\s+(?:in|te)\s+"
                    r"([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b")


@dataclass
class AgendaItem:
    """One item of a meeting's agenda, with the chunk that starts it (for the citation)."""

    section: str | None
    item_no: str
    title: str
    item_type: str | None
    page_start: int
    page_end: int
    chunk: Chunk

    @property
    def label(self) -> str:
        """``I.2`` in a sectioned agenda, else ``2``."""
        numeral = (self.section or "").split(".", 1)[0].strip()
        return f"{numeral}.{self.item_no}" if re.fullmatch(r"[IVX]+", numeral) else self.item_no


@dataclass
class Agenda:
    """A council letter's agenda, read from its chunks."""

    doc_id: str
    title: str
    kind: str
    date: str | None
    council: str | None
    meeting_date: str | None
    meeting_end_date: str | None
    senders: list[str]
    items: list[AgendaItem]
    chunks: list[Chunk]

    @property
    def first_chunk(self) -> Chunk:
        return self.chunks[0]

    def of_types(self, types: Iterable[str]) -> list[AgendaItem]:
        """The items whose printed type falls in one of the groups ``types``."""
        wanted = {t for name in types for t in TYPE_GROUPS[name][0]}
        return [i for i in self.items if i.item_type and _type_key(i.item_type) in wanted]


def _type_key(printed: str) -> str:
    """``(Mogelijke) algemene oriëntatie`` -> ``algemene oriëntatie``."""
    key = re.sub(r"^\(?mogelijke?\)?\s*", "", printed.strip().lower())
    return re.sub(r"\s+(?:van|door)\s+(?:het|de)\s+\S+$", "", key)


def agendas(chunks: Iterable[Chunk]) -> list[Agenda]:
    """The agendas among ``chunks``: every letter with numbered agenda items or a meeting date,
    latest meeting first."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    out = []
    for doc_chunks in by_doc.values():
        doc_chunks.sort(key=_document_order)
        items: dict[tuple[str, str], AgendaItem] = {}
        for c in doc_chunks:
            if c.item_no and (c.section, c.item_no) not in items:
                items[(c.section, c.item_no)] = AgendaItem(c.section, c.item_no, c.item_title or "", c.item_type,
                                                           c.page_start, c.page_end, c)
            elif c.item_no:
                items[(c.section, c.item_no)].page_end = max(items[(c.section, c.item_no)].page_end, c.page_end)
        first = doc_chunks[0]
        # A council letter without numbered items still says who signed and when the meeting is.
        if not items and not first.meeting_date:
            continue
        senders = [s for s in (first.senders or "").split("; ") if s]
        out.append(Agenda(first.doc_id, first.title, first.kind, first.date, first.council, first.meeting_date,
                          first.meeting_end_date, senders, list(items.values()), doc_chunks))
    out.sort(key=lambda a: (a.meeting_date or a.date or "", a.doc_id), reverse=True)
    return out


def _document_order(c: Chunk) -> tuple:
    return (c.page_start, _roman((c.section or "").split(".", 1)[0]), int(c.item_no) if (c.item_no or "").isdigit() else 0,
            c.split_id)


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values.get(a, 0)
        total += -v if values.get(b, 0) > v else v
    return total


def pick_agenda(found: list[Agenda], q: Question, ref: MeetingRef | None = None,
                asked: AgendaQuestion | None = None) -> Agenda | None:
    """The agenda the question means: of the council and meeting it (or ``ref``) names, else the latest."""
    ref = ref or MeetingRef.of(q.text)
    if asked is not None and asked.kind in ("items", "type", "topic"):
        found = [a for a in found if a.items]
    councils = q.councils or ref.councils
    if councils:
        found = [a for a in found if of_councils(councils, a.council, a.title)]
    candidates = [a for a in found if ref.matches(a.meeting_date, a.meeting_end_date, a.date)]
    agendas_of_it = [a for a in candidates if "agenda" in a.kind]
    if asked is not None and asked.kind == "meeting":
        # When and where a meeting is, any letter on it says: best one that names the place.
        candidates.sort(key=lambda a: (place_of(a) is None, "agenda" not in a.kind))
    else:
        # Who signed or attends, and the items, are the agenda's.
        candidates = agendas_of_it
    return candidates[0] if candidates else None


def of_councils(councils: list[str], council: str | None, title: str) -> bool:
    """Whether a letter (its council field and title) is about one of ``councils``."""
    return any(COUNCIL_PATTERNS[name].search(f"{council or ''} {title}") for name in councils)


def meeting_indexed(chunks: Iterable[Chunk], ref: MeetingRef) -> bool:
    """Whether any indexed letter (an agenda, a verslag, ...) is about the meeting ``ref`` names."""
    return any(c.meeting_date and ref.matches(c.meeting_date, c.meeting_end_date, c.date) for c in chunks)


def meeting_scope(question: str, filters: Filters | None,
                  chunks: Iterable[Chunk]) -> tuple[Filters | None, MeetingRef | None]:
    """A question that names a meeting ("de JBZ-Raad van 13 maart 2020", "jbz dec 2025") is
    answered from the letters about that meeting, when any is indexed: over many years
    of letters, the same topic otherwise pulls in another meeting's letter.

    Returns:
        ``filters`` narrowed to those letters (among ``chunks``), else ``filters`` as given;
        and the meeting named when no indexed letter is about it (else None), so that the
        answer can say so rather than quote another meeting's letter. Whether a letter is
        indexed is judged over all ``chunks``: a filter that leaves it out does not make
        it missing.
    """
    if filters is not None and filters.doc_ids:
        return filters, None
    named = meeting_named(question)
    if named is None:
        return filters, None
    q = analyse(question)
    councils = named.councils or q.councils
    indexed = [c for c in chunks
               if c.meeting_date and named.matches(c.meeting_date, c.meeting_end_date, c.date)
               and (not councils or of_councils(councils, c.council, c.title))]
    if not indexed:
        return filters, named
    about = [c for c in indexed if filters is None or filters.matches(c)]
    if about and not named.years and all(year is None for _, year in named.months):
        # "de JBZ-Raad van maart": the latest March meeting, as staff mean it.
        latest = max(c.meeting_date for c in about)
        about = [c for c in about if c.meeting_date == latest]
    return _narrowed(filters, about), None


def letter_scope(question: str, filters: Filters | None,
                 chunks: Iterable[Chunk]) -> tuple[Filters | None, LetterRef | None]:
    """A question that names a letter by its date ("de brief van 26 februari") is answered
    from the letters of that date, when any is indexed.

    Returns:
        ``filters`` narrowed to those letters, else as given; and the letter named when no
        indexed letter has that date (else None), judged over all ``chunks``.
    """
    if filters is not None and filters.doc_ids:
        return filters, None
    named = LetterRef.of(question)
    if named is None:
        return filters, None
    dated = [c for c in chunks if named.dated(c.date)]
    if not dated:
        return filters, named
    return _narrowed(filters, [c for c in dated if filters is None or filters.matches(c)]), None


def _narrowed(filters: Filters | None, chunks: list[Chunk]) -> Filters | None:
    """``filters`` restricted to the letters of ``chunks``; as given when there are none."""
    docs = sorted({c.doc_id for c in chunks})
    return replace(filters or Filters(), doc_ids=docs) if docs else filters


def place_of(agenda: Agenda) -> tuple[str, str, tuple[int, int]] | None:
    """Where the meeting is, the sentence of the letter's first chunk that says so, and its span."""
    text = agenda.first_chunk.text  # read once: a stored chunk unpacks its text on each read
    place = _PLACE.search(text)
    if place is None:
        return None
    start, end = place.start(), place.end()
    for span in split_sentences(text):
        if span.start <= place.start() < span.end:
            start, end = span.start, span.end
            break
    if end - start > 240:
        # A run-on "sentence" (a PDF without line breaks): the words around the date and place.
        start = max(start, text.rfind(" ", 0, max(start, place.start() - 120)) + 1)
        end = place.end()
    return place.group(1), " ".join(text[start:end].split()), (start, end)


def attendance(agenda: Agenda) -> tuple[Chunk, str, tuple[int, int]] | None:
    """The sentence of the cover letter that says who takes part, verbatim, its chunk and where it stands."""
    for chunk in agenda.chunks[:3]:
        text = chunk.text
        for span in split_sentences(text):
            sentence = text[span.start:span.end]
            if _ATTENDANCE.search(sentence):
                return chunk, " ".join(sentence.split()), (span.start, span.end)
    return None


def signed_in(agenda: Agenda) -> Chunk:
    """The chunk where the first signatory's name stands, else the letter's first chunk."""
    name = agenda.senders[0].split(" (")[0] if agenda.senders else ""
    surname = name.split(".")[-1].strip()
    return next((c for c in agenda.chunks if surname and surname in c.text), agenda.first_chunk)
