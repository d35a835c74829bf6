"""The data that flows between the pipeline stages.

parse  -> :class:`Letter` (metadata + cleaned lines with their page numbers)
chunk  -> :class:`Chunk`  (one agenda item or section, or a part of one)

Every chunk carries the metadata a citation needs (letter, agenda item, pages),
so later stages never have to look back at the letter.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

import zstandard


@dataclass(frozen=True)
class Line:
    """One cleaned line of a letter.

    Attributes:
        text: The line without surrounding whitespace.
        page: 1-based page number the line was printed on.
        blank_before: True when an empty line separated it from the previous one.
    """

    text: str
    page: int
    blank_before: bool = False


@dataclass
class Sender:
    """A signatory of a letter, e.g. ``Sender("D.M. van Weel", "minister van Justitie en Veiligheid")``."""

    name: str
    role: str


@dataclass
class Letter:
    """A parsed letter or Kamerstuk.

    Attributes:
        doc_id: Official identifier (``kst-32317-995``) or, lacking one, the file stem.
        path: The file it was read from.
        title: Human-readable title.
        kind: ``geannoteerde agenda``, ``brief``, ``motie``, ``nota``, ...
        date: ISO date (``2026-02-26``) or None.
        dossier: Kamerstuk dossier number without spaces (``32317``, ``21501-02``).
        doc_number: Number within the dossier (``995``).
        council: For council agendas, the council (``Raad Justitie en Binnenlandse Zaken``).
        meeting_date: ISO date of the (first) meeting day.
        meeting_end_date: ISO date of the last meeting day, when the meeting spans days.
        senders: Signatories.
        lines: Cleaned text lines, running headers, footers and footnotes removed.
        footnotes: Footnote number -> (text, page).
        page_count: Number of pages in the source.
        warnings: Problems worth telling a person about (pages without text, ...).
        text_sha256: Hash of the extracted text, to notice real content changes.
    """

    doc_id: str
    path: str
    title: str
    kind: str
    date: str | None = None
    dossier: str | None = None
    doc_number: str | None = None
    council: str | None = None
    meeting_date: str | None = None
    meeting_end_date: str | None = None
    senders: list[Sender] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    footnotes: dict[int, tuple[str, int]] = field(default_factory=dict)
    page_count: int = 0
    warnings: list[str] = field(default_factory=list)
    text_sha256: str = ""


@dataclass(slots=True)  # a store holds one per chunk: at 100k, no per-instance dict saves ~60 MB
class Chunk:
    """A retrievable, citable piece of a letter.

    Attributes:
        id: Stable id: the same letter text always yields the same ids.
        text: The chunk's text (footnotes it references appended).
        doc_id: Id of the letter.
        title: Title of the letter.
        date: Letter date (ISO) or None.
        kind: Letter kind.
        section: Agenda section (``I. Binnenlandse Zaken``), or ``Brief`` for the cover letter.
        item_no: Agenda item number as printed (``6``), or None.
        item_title: Agenda item title or section heading.
        item_type: ``Gedachtewisseling``, ``Goedkeuring``, ``AOB``, ... or None.
        page_start: First page the text stands on.
        page_end: Last page the text stands on.
        split_id: Position of this part within its item (0 when the item is whole).
        n_splits: How many parts the item was split into.
        council: Council of the letter's meeting, if any.
        dossier: Dossier number of the letter, if any.
        meeting_date: ISO date of the (first) meeting day, for council letters.
        meeting_end_date: ISO date of the last meeting day, when the meeting spans days.
        senders: The letter's signatories as ``name (role)``, joined by ``; ``.
    """

    id: str
    text: str
    doc_id: str
    title: str
    date: str | None
    kind: str
    section: str | None
    item_no: str | None
    item_title: str | None
    item_type: str | None
    page_start: int
    page_end: int
    split_id: int = 0
    n_splits: int = 1
    council: str | None = None
    dossier: str | None = None
    meeting_date: str | None = None
    meeting_end_date: str | None = None
    senders: str | None = None

    @property
    def heading(self) -> str:
        """Breadcrumb such as ``I. Binnenlandse Zaken › 6. Toekomst van Europol``."""
        parts = []
        if self.section:
            parts.append(self.section)
        if self.item_title:
            parts.append(f"{self.item_no}. {self.item_title}" if self.item_no else self.item_title)
        return " › ".join(parts)

    @property
    def pages(self) -> str:
        """Where it stands, as cited: ``p. 13`` or ``p. 13–14``."""
        return page_label(self.page_start, self.page_end)

    def to_dict(self, *keys: str) -> dict[str, Any]:
        """The chunk as a dict: every field, or only ``keys`` in that order.

        Example:
            >>> Chunk("c1", "tekst", "kst-1", "Brief", None, "brief", None, None, None, None, 2, 3).to_dict("id", "page_end")
            {'id': 'c1', 'page_end': 3}
        """
        return {k: getattr(self, k) for k in keys} if keys else asdict(self)


# A store of 100k chunks holds ~200 MB of chunk text as Python strings, most of them two
# bytes a character (one typographic quote makes a whole string UCS-2). The retriever's
# chunks keep their text zstd-compressed, a third of that, and unpack it when it is read: a
# question reads the text of ten chunks, not of all. Contexts are per thread: a zstd
# context must not be shared by threads, and the app answers several people at once.
_TEXT_SLOT = Chunk.text  # the slot the dataclass made for the field
_zstd = threading.local()


def _zstd_context(kind: str) -> Any:
    """This thread's ``packer`` (a compressor) or ``unpacker``, made on first use."""
    context = getattr(_zstd, kind, None)
    if context is None:
        context = zstandard.ZstdCompressor(level=1) if kind == "packer" else zstandard.ZstdDecompressor()
        setattr(_zstd, kind, context)
    return context


class _ChunkText:
    """``Chunk.text``: the field's slot, read through zstd when it holds packed bytes."""

    def __get__(self, chunk: Chunk | None, owner: type | None = None) -> Any:
        if chunk is None:
            return self
        value = _TEXT_SLOT.__get__(chunk, owner)
        if type(value) is not bytes:
            return value
        return _zstd_context("unpacker").decompress(value).decode("utf-8")

    def __set__(self, chunk: Chunk, value: str) -> None:
        _TEXT_SLOT.__set__(chunk, value)


Chunk.text = _ChunkText()  # type: ignore[assignment, misc]


def pack_text(chunk: Chunk) -> Chunk:
    """Keep ``chunk``'s text compressed; ``chunk.text`` still reads the same string.

    Example:
        >>> c = pack_text(Chunk("c1", "“Europol” " * 50, "kst-1", "Brief", None, "brief", None, None, None, None, 1, 1))
        >>> c.text == "“Europol” " * 50
        True
    """
    text = _TEXT_SLOT.__get__(chunk, Chunk)
    if type(text) is bytes:  # packed already
        return chunk
    _TEXT_SLOT.__set__(chunk, _zstd_context("packer").compress(text.encode("utf-8")))
    return chunk


def searchable_text(chunk: Chunk) -> str:
    """What gets embedded (and, with the letter's title, keyword-indexed: :func:`keyword_text`): the
    item's heading, then its text."""
    head = chunk.heading
    if chunk.item_type:
        head = f"{head} ({chunk.item_type})"
    return f"{head}\n{chunk.text}" if head else chunk.text


# Which texts the keyword index holds (:func:`keyword_text`): a store's BM25 cache made from
# other texts is rebuilt, not read (rag.bm25.BM25Index). 2: the letter's title joined in.
KEYWORD_TEXTS = 2


def keyword_text(chunk: Chunk) -> str:
    """What the keyword (BM25) index holds of a chunk: its letter's title, then
    :func:`searchable_text`. The title names what no item repeats: the kind of document
    ("Koninklijke boodschap", "Memorie van toelichting"), the bill, the meeting and its days.
    A title the text already holds (a letter without one of its own is titled by its
    first lines) is not added again, so that its words do not count twice.

    Example:
        >>> c = Chunk(id="c1", text="Hierbij zenden Wij u een voorstel van wet.", doc_id="kst-36450-1",
        ...           title="Instellingswet ATR: Koninklijke boodschap", date=None, kind="wetgeving", section=None,
        ...           item_no=None, item_title=None, item_type=None, page_start=1, page_end=1)
        >>> print(keyword_text(c))
        Instellingswet ATR: Koninklijke boodschap
        Hierbij zenden Wij u een voorstel van wet.
        >>> from dataclasses import replace
        >>> keyword_text(replace(c, title="Hierbij zenden Wij u"))
        'Hierbij zenden Wij u een voorstel van wet.'
        >>> print(keyword_text(replace(c, title="Voorstel", text="Hierbij het voorstellenpakket.")))
        Voorstel
        Hierbij het voorstellenpakket.
    """
    text = searchable_text(chunk)
    title = chunk.title or ""
    # As whole words: a letter titled "Motie" still gets its title beside a text on "promotie".
    if not title or re.search(rf"(?<!\w){re.escape(_flat(title))}(?!\w)", _flat(text)):
        return text
    return f"{title}\n{text}"


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


# What a citation names of its chunk, in the JSON of ``search`` and ``ask``.
SOURCE_FIELDS = ("doc_id", "title", "date", "section", "item_no", "item_title", "item_type", "page_start", "page_end")


def page_label(start: int, end: int, prefix: str = "p. ") -> str:
    """A page range as cited everywhere: ``p. 13``, ``p. 13–14`` (en dash).

    Example:
        >>> page_label(13, 14)
        'p. 13–14'
    """
    return f"{prefix}{start}" + (f"–{end}" if end != start else "")
