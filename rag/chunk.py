"""Cut a :class:`~rag.documents.Letter` into citable :class:`~rag.documents.Chunk` objects.

A geannoteerde agenda becomes one chunk per agenda item ("I. Binnenlandse Zaken ›
6. Toekomst van Europol") plus one per headed section of the cover letter. Other
documents are cut at their headings and paragraphs (the blocks of
:mod:`rag.structure`). An over-long item or section is split on sentence
boundaries into parts that keep its metadata and never run into the next item.

Example:
    >>> from rag.parse import parse_file
    >>> from rag.chunk import chunk_letter
    >>> letter = parse_file("data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt")
    >>> [c.heading for c in chunk_letter(letter) if c.item_no == "6"]
    ['I. Binnenlandse Zaken › 6. Toekomst van Europol']
"""

from __future__ import annotations

import hashlib

from rag.documents import Chunk, Letter
from rag.structure import Block, letter_blocks
from rag.text import footnote_marker_re, hyphenated_vocabulary, line_width, unwrap

# Bumped when chunks gain metadata, or the parser reads more of it (3: one-line signatures;
# 4: a memo to the minister, the Council of State's advice and a decree told by their form;
# 5: a kind word in running text no longer gives a bare text that kind; 6: each article of
# a law its own chunk; 7: not a part of one, "Artikel 3, lid 1"; 8: a running header that names
# the chapter after a bar is furniture): the indexer then chunks unchanged letters again (a
# chunk with the same text and heading keeps its id, and so its vector).
CHUNK_SCHEMA = 8
MAX_WORDS = 250
MIN_PART_WORDS = 60

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# --------------------------------------------------------------------------- splitting and ids


def _page_at(marks: list[tuple[int, int]], offset: int) -> int:
    page = marks[0][1]
    for off, p in marks:
        if off > offset:
            break
        page = p
    return page


def split_words(text: str, max_words: int = MAX_WORDS) -> list[tuple[int, str]]:
    """Split ``text`` into parts of at most about ``max_words`` words.

    Paragraph breaks are preferred, then sentence ends, then clause marks. A
    short remainder is folded into its neighbour rather than left as a stub.

    Returns:
        (character offset in ``text``, part) pairs in order.
    """
    if len(text.split()) <= max_words:
        return [(0, text)]
    # Imported only for a long text: it takes half a second, and most letters' items fit.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=max_words,
        chunk_overlap=0,
        length_function=lambda s: len(s.split()),
        separators=[r"\n", r"(?<=[.!?])\s+(?=[A-Z0-9(‘“'\"])", r"(?<=;)\s+", r"(?<=,)\s+", r"\s+"],
        is_separator_regex=True,
        keep_separator="end",  # with False, langchain would join parts with the regex text
        strip_whitespace=True,
        add_start_index=True,
    )
    parts = [(d.metadata["start_index"], d.page_content) for d in splitter.create_documents([text])
             if d.page_content.strip()]
    merged: list[tuple[int, str]] = []
    for start, part in parts:
        n = len(part.split())
        if merged and (n < MIN_PART_WORDS or len(merged[-1][1].split()) < MIN_PART_WORDS) and (
            len(merged[-1][1].split()) + n <= max_words * 1.3
        ):
            sep = "\n" if start > 0 and text[start - 1] == "\n" else " "
            merged[-1] = (merged[-1][0], f"{merged[-1][1]}{sep}{part}")
        else:
            merged.append((start, part))
    return merged


def _chunk_id(letter: Letter, block: Block, split_id: int, text: str) -> str:
    key = "\x1f".join(
        [letter.doc_id, block.section or "", block.item_no or "", block.item_title or "", str(split_id), text]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _attach_footnotes(text: str, letter: Letter, page_start: int, page_end: int, used: set[int]) -> str:
    notes = []
    for no, (note, page) in sorted(letter.footnotes.items()):
        marker = footnote_marker_re(no)
        if not (page_start <= page <= page_end) and no in used:
            continue
        m = marker.search(text)
        if not m:
            continue
        text = text[: m.start()] + str(no).translate(SUPERSCRIPT) + text[m.end() :]
        notes.append(f"{str(no).translate(SUPERSCRIPT)} {note}")
        used.add(no)
    if notes:
        text = text + "\n\nVoetnoten:\n" + "\n".join(notes)
    return text


# --------------------------------------------------------------------------- public API


def chunk_letter(letter: Letter, max_words: int = MAX_WORDS) -> list[Chunk]:
    """Cut a letter into chunks.

    Args:
        letter: The parsed letter.
        max_words: Items longer than this are split into parts.

    Returns:
        Chunks in document order.
    """
    width = line_width(letter.lines)
    vocab = hyphenated_vocabulary(letter.lines)
    chunks: list[Chunk] = []
    used_notes: set[int] = set()
    # Small sections are packed to the default size whatever max_words is: max_words
    # only caps the parts an item is split into.
    for block in letter_blocks(letter, MAX_WORDS):
        if not block.lines:
            continue
        text, marks = unwrap(block.lines, width, vocab)
        parts = split_words(text, max_words)
        for split_id, (offset, part) in enumerate(parts):
            page_start = _page_at(marks, offset)
            page_end = _page_at(marks, offset + max(len(part) - 1, 0))
            body = _attach_footnotes(part, letter, page_start, page_end, used_notes)
            chunks.append(
                Chunk(
                    id=_chunk_id(letter, block, split_id, body),
                    text=body,
                    doc_id=letter.doc_id,
                    title=letter.title,
                    date=letter.date,
                    kind=letter.kind,
                    section=block.section,
                    item_no=block.item_no,
                    item_title=block.item_title,
                    item_type=block.item_type,
                    page_start=page_start,
                    page_end=page_end,
                    split_id=split_id,
                    n_splits=len(parts),
                    council=letter.council,
                    dossier=letter.dossier,
                    meeting_date=letter.meeting_date,
                    meeting_end_date=letter.meeting_end_date,
                    senders="; ".join(f"{s.name} ({s.role})" for s in letter.senders) or None,
                )
            )
    return chunks
