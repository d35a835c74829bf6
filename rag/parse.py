"""Read a letter (PDF, .txt or .md) into a :class:`~rag.documents.Letter`.

Reading is split in two: first every page becomes a list of raw lines, then the
same cleaning runs for every format: running headers and footers, page numbers,
``ISSN`` and ``’s-Gravenhage`` lines go; footnotes are lifted out of the text
flow (they are attached to the chunk that cites them later); and the metadata a
citation needs (id, kind, date, senders, council, meeting date) is read.

Example:
    >>> from rag.parse import parse_file
    >>> letter = parse_file("data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt")
    >>> letter.doc_id, letter.date, letter.council
    ('kst-32317-995', '2026-02-26', 'Raad Justitie en Binnenlandse Zaken')
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from pathlib import Path

from rag.documents import Letter, Line, Sender

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")

# A page with fewer visible characters than this has no usable text layer.
MIN_PAGE_CHARS = 25

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_MONTH_RE = "|".join(MONTHS)
DATE_RE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)

# Lines that are print furniture, never content.
DEBRIS_PATTERNS = [
    re.compile(r"^Tweede Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, [\d\s]+(-[\dA-Z]+)?, nr\. \d+(\s+\d+)?$"),
    re.compile(r"^kst-[\dA-Za-z-]+$"),
    re.compile(r"^ISSN \d{4}\s*-\s*\d{3}[\dX]$"),
    re.compile(r"^[’'‘]s-Gravenhage \d{4}\b.*$"),
    re.compile(r"^Pagina \d+ van \d+$", re.IGNORECASE),
    re.compile(r"^\d{1,3}$"),
    re.compile(r"^Tweede Kamer der Staten-Generaal$"),
    re.compile(r"^Vergaderjaar \d{4}\s*[–-]\s*\d{4}$"),
    re.compile(r"^(\.\s*){8,}$"),
]

SIGNATURE_ROLE_RE = re.compile(
    r"^(De|de)\s+((?:[Mm]inister|[Ss]taatssecretaris|Minister-[Pp]resident)\b[^,]{0,80}),\s*$"
)
NAME_RE = re.compile(r"^(?:[A-Z][a-z]?\.){1,4}\s*(?:[a-z]+\s+){0,3}[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*$")

AGENDA_HEADING_RE = re.compile(r"^Geannoteerde agenda\b", re.IGNORECASE)
COUNCIL_RE = re.compile(
    rf"(?:bijeenkomst van de |vergadering van de |agenda (?:van |voor )?(?:de )?)"
    rf"(?P<council>(?:Europese\s+)?Raad\b[^,]*?)\s*(?:,|van|op)\s*"
    rf"(?P<d1>\d{{1,2}})(?:\s*(?:en|-|–|t/m)\s*(?P<d2>\d{{1,2}}))?\s+(?P<month>{_MONTH_RE})\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)

KIND_KEYWORDS = [
    ("geannoteerde agenda", "geannoteerde agenda"),
    ("motie", "motie"),
    ("memorie van toelichting", "memorie van toelichting"),
    ("voorstel van wet", "wetsvoorstel"),
    ("nota naar aanleiding van het verslag", "nota naar aanleiding van het verslag"),
    ("nota van wijziging", "nota van wijziging"),
    ("advies afdeling advisering raad van state", "advies Raad van State"),
    ("koninklijke boodschap", "koninklijke boodschap"),
    ("besluitenlijst", "besluitenlijst"),
    ("beslisnota", "beslisnota"),
    ("verslag", "verslag"),
    ("brief", "brief"),
]

log = logging.getLogger(__name__)


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
        import pypdf

        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - any failure means: cannot open
                raise ParseError(f"{path}: PDF is encrypted ({exc})") from exc
        pages = []
        for page in reader.pages:
            pages.append((page.extract_text() or "").split("\n"))
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise ParseError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    return pages


def _decode_text(raw: bytes, path: Path, warnings: list[str]) -> str:
    if b"\x00" in raw[:4096]:
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


def read_pages(path: Path, warnings: list[str]) -> list[list[str]]:
    """Return the raw lines of every page of ``path``."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ParseError(f"{path}: unsupported file type '{suffix}' (use .pdf, .txt or .md)")
    if not path.is_file():
        raise ParseError(f"{path}: no such file")
    if suffix == ".pdf":
        return _read_pdf_pages(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path}: cannot read ({exc.strerror})") from exc
    return _split_text_pages(_decode_text(raw, path, warnings))


# --------------------------------------------------------------------------- cleaning


def _norm_furniture(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines repeated at the top or bottom of many pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [x for x in lines if x.strip()]
        edge = {_norm_furniture(x) for x in content[:3] + content[-3:]}
        counts.update(edge)
    threshold = max(3, int(0.4 * len(pages)))
    return {line for line, n in counts.items() if n >= threshold and len(line) < 90}


FOOTNOTE_START_RE = re.compile(r"^(\d{1,3})\s*(?=[^\d\s.)\],:;%-])(.+)$")


def _footnote_marker_re(n: int) -> re.Pattern[str]:
    # A footnote marker is a number glued to the end of a word or punctuation:
    # "operationaliseren1", "c.s.2", "BNC-fiche5,", "HVV).6".
    return re.compile(rf"(?<=[a-zà-ÿ\)\.,;:’”]){n}(?=[\s.,;:)]|$)")


def _split_footnotes(
    lines: list[str], next_no: int, text_so_far: str
) -> tuple[list[str], list[tuple[int, str]]]:
    """Lift the footnote block off the bottom of one page.

    Footnotes are numbered through the whole document, so the block must start
    with the next expected number, and its marker must occur in the text above.
    """
    content_idx = [i for i, x in enumerate(lines) if x.strip()]
    for start in content_idx[-14:]:
        m = FOOTNOTE_START_RE.match(lines[start].strip())
        if not m or int(m.group(1)) != next_no:
            continue
        body_above = text_so_far + "\n" + "\n".join(lines[:start])
        if not _footnote_marker_re(next_no).search(body_above):
            continue
        notes: list[tuple[int, str]] = []
        expected = next_no
        for x in lines[start:]:
            s = x.strip()
            if not s:
                continue
            m2 = FOOTNOTE_START_RE.match(s)
            if m2 and int(m2.group(1)) == expected:
                notes.append((expected, m2.group(2).strip()))
                expected += 1
            elif notes:
                prev_no, prev_text = notes[-1]
                notes[-1] = (prev_no, _join_two(prev_text, s, set()))
        return lines[:start], notes
    return lines, []


# --------------------------------------------------------------------------- unwrapping

SUSPENDED_HYPHEN_NEXT = {"en", "of", "tot", "als", "noch", "dan", "maar", "and", "or"}


def _join_two(left: str, right: str, hyphenated_words: set[str]) -> str:
    """Join two wrapped lines, undoing line-break hyphenation only where it is safe.

    ``EU-`` + ``drugsbeleid`` keeps its hyphen (capital before it); ``veilig-`` +
    ``derde-land-concept`` keeps it (part of a hyphenated compound); ``asiel-`` +
    ``en migratie`` is a suspended hyphen and keeps its space; ``struc-`` +
    ``tureel`` becomes ``structureel``.
    """
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and not left.endswith(" -"):
        first_word = right.split()[0]
        last_word = left.split()[-1]
        if first_word.lower() in SUSPENDED_HYPHEN_NEXT:
            return f"{left} {right}"
        before = left[-2] if len(left) >= 2 else ""
        # A capitalised first part is a name or abbreviation ("Eurodac-systeem"):
        # Dutch spelling keeps that hyphen.
        if before.islower() and right[0].islower() and not last_word[:1].isupper():
            compound = "-" in last_word[:-1] or "-" in first_word
            seen_hyphenated = f"{last_word}{first_word.rstrip('.,;:')}".lower() in hyphenated_words
            if compound or seen_hyphenated:
                return left + right
            return left[:-1] + right
        return left + right
    if left.endswith(" -") and len(left) > 2 and left[-3].islower() and right[0].islower():
        return left[:-2] + right  # "struc -" / "tureel": a PDF extraction artefact
    return f"{left} {right}"


def unwrap(lines: list[Line], width: int, hyphenated_words: set[str] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Join wrapped lines into paragraphs (``\\n`` between paragraphs).

    A paragraph ends at an empty line, or at a line that ends a sentence while the
    next word would still have fitted on it.

    Returns:
        The text, and a (character offset, page) mark for every line start, so a
        part of the text can be traced back to its pages.
    """
    hyphenated_words = hyphenated_words or set()
    out = ""
    marks: list[tuple[int, int]] = []
    prev: Line | None = None
    for line in lines:
        if prev is None:
            out = line.text
            marks.append((0, line.page))
        elif line.blank_before or ends_paragraph(prev.text, line.text, width):
            marks.append((len(out) + 1, line.page))
            out = f"{out}\n{line.text}"
        else:
            marks.append((len(out), line.page))
            out = _join_two(out, line.text, hyphenated_words)
        prev = line
    return out, marks


def ends_paragraph(line: str, next_line: str, width: int) -> bool:
    if not re.search(r"[.!?:;]\s*$", line):
        return False
    return is_short(line, next_line, width)


def is_short(line: str, next_line: str, width: int) -> bool:
    """True when the next line's first word would have fitted: the break was deliberate."""
    nxt = next_line.split()[0] if next_line.split() else ""
    return len(line) + 1 + len(nxt) < 0.9 * width


def line_width(lines: list[Line]) -> int:
    """The typeset line width in characters (a high percentile of line lengths)."""
    lengths = sorted(len(x.text) for x in lines if len(x.text) > 15)
    if not lengths:
        return 80
    return lengths[int(0.9 * (len(lengths) - 1))]


def hyphenated_vocabulary(lines: list[Line]) -> set[str]:
    """Words printed with a hyphen inside a line, lower-cased and without the hyphen."""
    words: set[str] = set()
    for line in lines:
        for w in re.findall(r"\b[\wà-ÿ]+-[\wà-ÿ]+\b", line.text):
            words.add(w.replace("-", "").lower())
    return words


# --------------------------------------------------------------------------- metadata


def parse_dutch_date(text: str) -> str | None:
    """``'Den Haag, 26 februari 2026'`` -> ``'2026-02-26'``."""
    m = DATE_RE.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _find_doc_id(all_lines: list[str], stem: str) -> tuple[str, str | None, str | None]:
    for x in all_lines:
        m = re.match(r"^kst-(\d+(?:-[\dA-Z]+)?)-(\d+)$", x.strip())
        if m:
            return f"kst-{m.group(1)}-{m.group(2)}", m.group(1), m.group(2)
    head = [x.strip() for x in all_lines[:40] if x.strip()]
    for i, x in enumerate(head):
        m = re.match(r"^(\d{2}\s?\d{3}(?:-[\dA-Z]+)?)\s+\S", x)
        if not m:
            continue
        for y in head[i + 1 : i + 6]:
            n = re.match(r"^Nr\.\s*(\d+)\b", y)
            if n:
                dossier = m.group(1).replace(" ", "")
                return f"kst-{dossier}-{n.group(1)}", dossier, n.group(1)
    for x in all_lines:
        # Only a printed footer line names this document; the same words inside a
        # sentence or footnote cite another one.
        if not DEBRIS_PATTERNS[0].match(x.strip()):
            continue
        m = re.search(r"vergaderjaar \d{4}\s*[–-]\s*\d{4}, (\d{2}\s?\d{3}(?:-[\dA-Z]+)?), nr\. (\d+)", x)
        if m:
            dossier = m.group(1).replace(" ", "")
            return f"kst-{dossier}-{m.group(2)}", dossier, m.group(2)
    return stem, None, None


def _kamerstuk_heading(lines: list[Line]) -> tuple[str | None, str | None]:
    """The dossier title and the document line ("Brief van de ministers ...") of a Kamerstuk."""
    head = lines[:30]
    for i, line in enumerate(head):
        m = re.match(r"^\d{2}\s?\d{3}(?:-[\dA-Z]+)?\s+(.+)$", line.text)
        if not m:
            continue
        dossier_title = [m.group(1)]
        j = i + 1
        while j < len(head) and not re.match(r"^Nr\.\s*\d+", head[j].text):
            dossier_title.append(head[j].text)
            j += 1
        if j >= len(head):
            return None, None
        doc_line = [re.sub(r"^Nr\.\s*\d+\s*", "", head[j].text)]
        k = j + 1
        while k < len(head) and not re.match(
            r"^(Aan |Den Haag|Voorgesteld|Ontvangen|Hieronder|Wij |De Kamer|[IVX]+\. |\d+\. )", head[k].text
        ):
            doc_line.append(head[k].text)
            k += 1
            if k - j > 4:
                break
        return " ".join(dossier_title), " ".join(doc_line)
    return None, None


def _sentence_case(text: str) -> str:
    if text.isupper():
        text = text.capitalize()
    return re.sub(r"\s+", " ", text).strip()


def _detect_kind(doc_line: str | None, text: str, is_agenda: bool) -> str:
    if is_agenda:
        return "geannoteerde agenda"
    # The Kamerstuk document line decides; otherwise the keyword printed first.
    for probe in ((doc_line or "").lower(), text[:3000].lower()):
        hits = [(probe.find(key), i) for i, (key, _) in enumerate(KIND_KEYWORDS) if key in probe]
        if hits:
            return KIND_KEYWORDS[min(hits)[1]][1]
    return "document"


def _find_senders(lines: list[Line]) -> list[Sender]:
    senders = []
    for i, line in enumerate(lines[:-1]):
        m = SIGNATURE_ROLE_RE.match(line.text)
        if not m:
            continue
        name = lines[i + 1].text.strip()
        if NAME_RE.match(name) and len(name) < 50:
            role = m.group(2)
            role = role[0].lower() + role[1:]
            senders.append(Sender(name=name, role=role))
    return senders


def _find_date(lines: list[Line]) -> str | None:
    for pattern in (
        r"^(Den Haag|[’'‘]s-Gravenhage)\b.*",
        r"^(Voorgesteld|Ontvangen|Datum)\b.*",
        r".*[’'‘]s-Gravenhage, .*",
    ):
        for line in lines[:80]:
            if re.match(pattern, line.text):
                iso = parse_dutch_date(line.text)
                if iso:
                    return iso
    for line in lines[:60]:
        iso = parse_dutch_date(line.text)
        if iso:
            return iso
    return None


def _find_council(lines: list[Line]) -> tuple[str | None, str | None, str | None, int | None]:
    """Council and meeting dates from the agenda heading; also the heading's line index."""
    for i, line in enumerate(lines):
        if not AGENDA_HEADING_RE.match(line.text):
            continue
        heading = " ".join(x.text for x in lines[i : i + 3])
        m = COUNCIL_RE.search(heading)
        if not m:
            return None, None, None, i
        month = MONTHS[m.group("month").lower()]
        year = int(m.group("year"))
        start = f"{year:04d}-{month:02d}-{int(m.group('d1')):02d}"
        end = f"{year:04d}-{month:02d}-{int(m.group('d2')):02d}" if m.group("d2") else None
        council = re.sub(r"\s+", " ", m.group("council")).strip()
        return council, start, end, i
    return None, None, None, None


def _first_title_lines(lines: list[Line]) -> str | None:
    """For documents without a Kamerstuk heading: the first heading-like lines."""
    picked: list[str] = []
    for line in lines[:12]:
        t = line.text
        if parse_dutch_date(t) or re.match(r"^(Aan |Den Haag|Datum|Kenmerk|Pagina)", t):
            if picked:
                break
            continue
        if len(t) < 4 or t.endswith("."):
            if picked:
                break
            continue
        picked.append(t)
        if len(picked) == 3 or len(" ".join(picked)) > 140:
            break
    return " ".join(picked) if picked else None


# --------------------------------------------------------------------------- public API


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

    raw_all = [x for page in pages for x in page]
    doc_id, dossier, doc_number = _find_doc_id(raw_all, path.stem)

    running = _running_lines(pages)
    lines: list[Line] = []
    footnotes: dict[int, tuple[str, int]] = {}
    text_so_far = ""
    for page_no, page in enumerate(pages, start=1):
        kept = [
            x for x in page
            if not any(p.match(x.strip()) for p in DEBRIS_PATTERNS)
            and not (x.strip() and _norm_furniture(x) in running)
        ]
        kept, notes = _split_footnotes(kept, len(footnotes) + 1, text_so_far)
        for no, text in notes:
            footnotes[no] = (text, page_no)
        blank = False
        for x in kept:
            if not x.strip():
                blank = True
                continue
            # A page break is not a paragraph break: text flows on.
            lines.append(Line(re.sub(r"\s+", " ", x.strip()), page_no, blank and bool(lines) and lines[-1].page == page_no))
            blank = False
        text_so_far += "\n".join(kept)

    if not lines:
        raise ParseError(f"{path}: no text left after removing page furniture")

    council, meeting_date, meeting_end, agenda_idx = _find_council(lines)
    is_agenda = agenda_idx is not None
    dossier_title, doc_line = _kamerstuk_heading(lines)
    full_text = "\n".join(x.text for x in lines)
    kind = _detect_kind(doc_line, full_text, is_agenda)

    if is_agenda:
        title = " ".join(x.text for x in lines[agenda_idx : agenda_idx + 2]).strip()
        title = re.sub(r"\s+", " ", title)
    elif dossier_title and doc_line:
        title = f"{_sentence_case(dossier_title)}: {_sentence_case(doc_line)}"
    else:
        title = _first_title_lines(lines) or path.stem
    title = re.sub(r"(?<=[a-z])\d+$", "", title).strip()  # a footnote marker on a title

    letter = Letter(
        doc_id=doc_id,
        path=str(path),
        title=title,
        kind=kind,
        date=_find_date(lines),
        dossier=dossier,
        doc_number=doc_number,
        council=council,
        meeting_date=meeting_date,
        meeting_end_date=meeting_end,
        senders=_find_senders(lines),
        lines=lines,
        footnotes=footnotes,
        page_count=len(pages),
        warnings=warnings,
        text_sha256=hashlib.sha256(full_text.encode("utf-8")).hexdigest(),
    )
    return letter
