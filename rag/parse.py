"""Read a letter (PDF, .txt or .md) into a :class:`~rag.documents.Letter`.

Reading is split in two: first every page becomes a list of raw lines (here), then
the same steps run for every format:

- :mod:`rag.webpage`: a saved web page (berthub.eu/tkconv, officielebekendmakingen.nl,
  tweedekamer.nl) loses the site's furniture above the letter; what it says is kept
  as metadata, never as text;
- :mod:`rag.pages`: running headers and footers, page numbers and print debris go,
  footnotes are lifted out of the text flow;
- the metadata a citation needs is read: id, date and senders (:mod:`rag.letterhead`),
  kind (:mod:`rag.kind`), council and meeting date (:mod:`rag.meeting`), title
  (:mod:`rag.title`).

Example:
    >>> from rag.parse import parse_file
    >>> letter = parse_file("data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt")
    >>> letter.doc_id, letter.date, letter.council
    ('kst-32317-995', '2026-02-26', 'Raad Justitie en Binnenlandse Zaken')
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from rag.documents import Letter
from rag.kind import detect_kind, document_heading
from rag.letterhead import find_date, find_doc_id, find_senders, kamerstuk_heading, opening_text
from rag.meeting import letter_meeting
from rag.pages import clean_pages
from rag.title import make_title
from rag.webpage import PageHeader, strip_web_header

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")

# A page with fewer visible characters than this has no usable text layer.
MIN_PAGE_CHARS = 25


class ParseError(Exception):
    """A file cannot be read as a letter; the message names the file and the cause."""


class NoTextLayer(ParseError):
    """A PDF whose pages carry no text (a scan): it needs OCR before it can be indexed."""


# --------------------------------------------------------------------------- reading


def _read_pdf_pages(path: Path) -> list[list[str]]:
    # pypdf logs a warning per undecodable glyph; fonttools (a dependency) lets it
    # decode the CFF fonts of Kamerstuk PDFs, the rest is noise for our users.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        # Imported only when a PDF is read: it takes a fifth of a second, and text files
        # and the commands that never read a letter do without it.
        import pypdf

        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            # Many official PDFs are encrypted with an empty user password (printing rights
            # only): those open. A real password does not, and we never guess one.
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - any failure means: cannot open
                raise ParseError(f"{path}: PDF is encrypted and cannot be opened ({exc})") from exc
            if not opened:
                raise ParseError(f"{path}: PDF is protected with a password; index an unprotected copy")
        pages = []
        for page in reader.pages:
            pages.append((page.extract_text() or "").split("\n"))
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise ParseError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    return pages


def _decode_text(raw: bytes, path: Path, warnings: list[str]) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(f"{path}: starts as UTF-16 text but is not ({exc.reason})") from exc
    if b"\x00" in raw[:4096]:
        # UTF-16 without its byte-order mark: every other byte of Latin text is zero.
        head = raw[:4096]
        for zeros, encoding in ((head[1::2], "utf-16-le"), (head[0::2], "utf-16-be")):
            if len(raw) % 2 == 0 and zeros.count(0) > 0.9 * len(zeros):
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    break
        raise ParseError(f"{path}: binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{path.name}: not valid UTF-8, read as Windows-1252")
        return raw.decode("cp1252", errors="replace")


def _split_text_pages(text: str) -> list[list[str]]:
    """Text extractions keep page breaks as runs of three or more empty lines."""
    pages: list[list[str]] = [[]]
    blank_run = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n").split("\n"):
        if line.strip():
            if blank_run >= 3 and any(x.strip() for x in pages[-1]):
                pages.append([])
            elif blank_run:
                pages[-1].extend([""] * blank_run)
            blank_run = 0
            pages[-1].append(line)
        else:
            blank_run += 1
    return pages


def max_file_bytes() -> int:
    """The largest file we read (``RAG_MAX_FILE_MB``, 50 MB): the longest Kamerstuk PDFs are a few MB."""
    return int(float(os.environ.get("RAG_MAX_FILE_MB", "50")) * 1_000_000)


def size_problem(path: Path) -> str | None:
    """Why a file is too small or too large to read as a letter, or None."""
    size = path.stat().st_size
    if size == 0:
        return "file is empty (0 bytes)"
    if size > max_file_bytes():
        return f"{size / 1e6:.0f} MB is over the limit of {max_file_bytes() / 1e6:.0f} MB (RAG_MAX_FILE_MB)"
    return None


def read_pages(path: Path, warnings: list[str]) -> list[list[str]]:
    """Return the raw lines of every page of ``path``."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ParseError(f"{path}: a folder, not a file (give one letter, or index the folder with rag index)")
    if not path.is_file():
        raise ParseError(f"{path}: no such file")
    if suffix not in SUPPORTED_SUFFIXES:
        raise ParseError(f"{path}: unsupported file type '{suffix or path.name}' (use .pdf, .txt or .md)")
    problem = size_problem(path)
    if problem:
        raise ParseError(f"{path}: {problem}")
    if suffix == ".pdf":
        return _read_pdf_pages(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path}: cannot read ({exc.strerror})") from exc
    return _split_text_pages(_decode_text(raw, path, warnings))


# --------------------------------------------------------------------------- public API


def _check_text_layer(path: Path, pages: list[list[str]], warnings: list[str]) -> None:
    """Refuse a file without any text; warn about PDF pages without a text layer."""
    if not any(x.strip() for page in pages for x in page):
        if path.suffix.lower() == ".pdf":
            raise NoTextLayer(f"{path}: PDF has no text layer (scanned?); it needs OCR first, skipped")
        raise ParseError(f"{path}: file is empty")

    textless = [i + 1 for i, p in enumerate(pages) if len("".join(p).replace(" ", "")) < MIN_PAGE_CHARS]
    if path.suffix.lower() == ".pdf" and textless:
        if len(textless) == len(pages):
            raise NoTextLayer(f"{path}: PDF has no text layer (scanned?); it needs OCR first, skipped")
        pages_txt = ", ".join(map(str, textless))
        warnings.append(f"{path.name}: page(s) {pages_txt} have no text layer (scanned?) and need OCR; not indexed")


def parse_file(path: str | Path) -> Letter:
    """Parse one letter.

    Args:
        path: A ``.pdf``, ``.txt`` or ``.md`` file.

    Returns:
        The letter with metadata, cleaned lines and footnotes.

    Raises:
        ParseError: The file cannot be read; the message names the file and the cause.
        NoTextLayer: A PDF without any text on any page (it needs OCR).
    """
    path = Path(path)
    warnings: list[str] = []
    pages = read_pages(path, warnings)
    _check_text_layer(path, pages, warnings)
    pages, header = strip_web_header(pages)
    header = header or PageHeader()

    doc_id, dossier, doc_number = find_doc_id([x for page in pages for x in page], path.stem, header)
    lines, footnotes = clean_pages(pages)
    if not lines:
        raise ParseError(f"{path}: no text left after removing page furniture")

    heading_idx, heading_kind = document_heading(lines)
    _, doc_line = kamerstuk_heading(lines)
    full_text = "\n".join(x.text for x in lines)
    kind = detect_kind(doc_line, lines, heading_kind, opening_text(lines))
    letter_date = find_date(lines, header.date)
    meeting, problem = letter_meeting(kind, lines, heading_idx, header.title, letter_date)
    if problem:
        warnings.append(f"{path.name}: {problem}")

    return Letter(
        doc_id=doc_id,
        path=str(path),
        title=make_title(lines, heading_idx, header.title, kind, meeting, path.stem),
        kind=kind,
        date=letter_date,
        dossier=dossier,
        doc_number=doc_number,
        council=meeting.council if meeting else None,
        meeting_date=meeting.start if meeting else None,
        meeting_end_date=meeting.end if meeting else None,
        senders=find_senders(lines) or header.senders,
        lines=lines,
        footnotes=footnotes,
        page_count=len(pages),
        warnings=warnings,
        text_sha256=hashlib.sha256(full_text.encode("utf-8")).hexdigest(),
    )
