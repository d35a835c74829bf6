"""Read a letter (PDF, .txt or .md) into a :class:`~rag.documents.Letter`.

Reading is split in two: first every page becomes a list of raw lines, then the
same cleaning runs for every format: running headers and footers, page numbers,
``ISSN`` and ``’s-Gravenhage`` lines go; footnotes are lifted out of the text
flow (they are attached to the chunk that cites them later); and the metadata a
citation needs (id, kind, date, senders, council, meeting date) is read.

Copies of web pages (berthub.eu/tkconv, officielebekendmakingen.nl, tweedekamer.nl)
first lose the site's furniture above the letter; what it says (document number,
date, title, signatories) is kept as metadata, never as text.

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
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rag.documents import Letter, Line, Sender
from rag.dates import MONTH_NAMES_RE, MONTHS, parse_dutch_date
from rag.text import footnote_marker_re, join_lines, join_two

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")

# A page with fewer visible characters than this has no usable text layer.
MIN_PAGE_CHARS = 25

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
# A signature on one line: "De Minister van Justitie en Veiligheid, F.B.J. Grapperhaus"
ONE_LINE_SIGNATURE_RE = re.compile(
    r"(?:^|(?<=\s))De\s+((?:Minister|Staatssecretaris|Minister-[Pp]resident)\b[^,.]{0,80}),\s+"
    r"((?:[A-Z][a-z]?\.){1,4}\s*(?:[a-z]+\s+){0,3}[A-Z][\w’'-]+)"
)

AGENDA_HEADING_RE = re.compile(r"^Geannoteerde agenda\b", re.IGNORECASE)
# The printed heading of a report of a meeting ("Verslag van de bijeenkomst van de Raad ...").
VERSLAG_HEADING_RE = re.compile(r"^Verslag van de\b")

# Councils often go by their abbreviation ("JBZ-Raad"); the parser writes the full name.
COUNCIL_ABBREVIATIONS = {
    "JBZ": "Raad Justitie en Binnenlandse Zaken",
    "RAZ": "Raad Algemene Zaken",
    "RBZ": "Raad Buitenlandse Zaken",
    "ECOFIN": "Raad Economische en Financiële Zaken",
    "EPSCO": "Raad Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken",
    "WSBVC": "Raad Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken",
    "OJCS": "Raad Onderwijs, Jeugd, Cultuur en Sport",
    "TTE": "Raad Vervoer, Telecommunicatie en Energie",
}
_ABBR_RE = "|".join(COUNCIL_ABBREVIATIONS)
# "Raad Justitie en Binnenlandse Zaken", "Raad van Justitie en ..." (sic), "JBZ-Raad",
# "iJBZ-Raad" (informal), "Europese Raad". The Raad van State is no council.
COUNCIL_NAME_RE = (
    rf"(?:\b(?P<informal_abbr>i)?(?P<abbr>(?i:{_ABBR_RE}))[- ]?[Rr]aad\b"
    r"|\bEuropese Raad\b"
    r"|\bRaad\s+(?:van\s+)?(?P<name>(?!State\b|Europa\b)[A-Z][\w’'-]*"
    r"(?:(?:\s+en\s+|,\s+|\s+)(?!Raad\b)[A-Z][\w’'-]*)*))"
)
MEETING_QUALIFIER_RE = r"(?:formele|informele|ingelaste|extra|buitengewone)"
# Meeting days: "13 en 14 oktober 2025", "3 – 4 december 2015", "13 14 oktober 2025",
# "14–16 juli", "30 november en 1 december 2023", "31 augustus a.s.", "11 maart jl.".
MEETING_DAYS_RE = (
    rf"(?P<d1>\d{{1,2}})(?:\s+(?P<m1>(?i:{MONTH_NAMES_RE})))?"
    r"(?:(?:\s*(?:en|t/m|tot en met|-|–|—)\s*|\s+)(?P<d2>\d{1,2}))?"
    rf"\s+(?P<m2>(?i:{MONTH_NAMES_RE}))\b(?:\s+(?P<year>\d{{4}})\b)?(?:\s+(?P<rel>a\.s\.|jl\.))?"
)
# A council named together with its meeting days: "de informele bijeenkomst van de Raad
# Justitie en Binnenlandse Zaken op 3 en 4 februari 2022", "JBZ-Raad 30-31 januari 2025".
MEETING_RE = re.compile(
    rf"(?:(?P<q1>{MEETING_QUALIFIER_RE})\s+)?(?:bijeenkomst\s+van\s+de\s+)?(?:(?P<q2>{MEETING_QUALIFIER_RE})\s+)?"
    rf"(?P<council>{COUNCIL_NAME_RE})"
    r"(?:\s*\([^()]{1,25}\))?"  # "(JBZ-Raad)", "(JBZ)"
    r"(?:\s*,\s*|\s+(?:van|op|d\.d\.)\s+|\s+)"
    + MEETING_DAYS_RE
)
COUNCIL_ONLY_RE = re.compile(COUNCIL_NAME_RE)
# A cover letter that offers a council's agenda or report: "Hierbij bieden wij uw Kamer
# het verslag aan van de Raad ...". The offering verb keeps out letters that only refer
# to one ("vragen voorgelegd over: de geannoteerde agenda van ...").
OFFERED_RE = re.compile(
    r"\b(?:aan|toe|over)?(?:bied|zend|stuur)(?:t|en|e)?\b[^.]{0,240}?"
    r"\b(?:de|het)\s+(?P<what>geannoteerde\s+agenda|verslag)\s+(?:aan\s+)?(?:van|voor|over)\s+(?:de\s+)?"
    rf"(?:{MEETING_QUALIFIER_RE}\s+)?(?:bijeenkomst\s+van\s+de\s+)?(?:{MEETING_QUALIFIER_RE}\s+)?"
    + COUNCIL_NAME_RE
)
# Where a letter's own text begins, after masthead and addressee.
OPENING_MARK_RE = re.compile(r"\b(?:Den Haag,|[’'‘]s-Gravenhage,|Vastgesteld\s+\d)")
# A yearless "a.s."/"jl." date further than this from the letter date is not the meeting
# the letter is about (a copy-paste slip in the letter); better no date than a wrong one.
MAX_MEETING_DISTANCE_DAYS = 183

# BNC-fiches: the cover letter lists "Fiche: <name>" lines; the ones with a Kamerstuk
# reference are other documents, the one without is this one.
FICHE_LINE_RE = re.compile(r"^Fiche:\s+(?P<name>\S.*)$")
FICHE_COUNCIL_RE = re.compile(
    r"^(?:[a-z]\)\s*)?(?:Behandelingstraject(?:\s+in)?\s+(?:de\s+)?Raad\b\s*:?|Raad\s*:)\s*(?P<value>.*)$"
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
    # Before "verslag": at the same position the longer, more specific key wins.
    ("verslag van een schriftelijk overleg", "verslag schriftelijk overleg"),
    ("verslag", "verslag"),
    ("brief", "brief"),
]
# Kinds whose letters are about one council meeting, so council and meeting date are read.
MEETING_KINDS = {"geannoteerde agenda", "verslag", "verslag schriftelijk overleg", "brief"}

# --- copies of web pages: the site's furniture above the letter itself
# berthub.eu/tkconv: navigation, "Nummer: 2015D46360, datum: 2015-11-27, ...", links.
WEB_NAV_RE = re.compile(r"^(?:\[[^\]]*\]\s*)+$")
TK_NUMBER_LINE_RE = re.compile(r"^Nummer:\s*(?P<number>\d{4}D\d{3,6}),\s*datum:\s*(?P<date>\d{4}-\d{2}-\d{2})\b")
WEB_FURNITURE_RE = re.compile(
    r"^(?:Nummer:\s*\d{4}D\d+|Directe link naar document|Bijlage bij:|Preview document\b"
    r"|Gerelateerde personen:|Onderdeel van (?:zaak|kamerstukdossier|activiteiten)\b)"
)
WEB_SIGNER_RE = re.compile(
    r"^(?:Gerelateerde personen:)?\s*-?\s*(?:Eerste|Mede) ondertekenaar:\s*(?P<name>[^,]+),\s*(?P<role>.+?)(?:\s*\([^)]*\))?$"
)
# officielebekendmakingen.nl: a "Datum publicatie | ... | Dossier- en ondernummer" table.
OB_TABLE_HEAD_RE = re.compile(r"Dossier- en ondernummer")
OB_TABLE_ROW_RE = re.compile(r"Staten-Generaal.*?(?P<dossier>\d{5}(?:-\d{1,3})?)\s+nr\.\s*(?P<number>\d+|[A-Z]{1,3})\s*\|?\s*$")
# tweedekamer.nl: the page title above the Kamerstuk, "Brief regering : <title>".
TK_PAGE_TITLE_RE = re.compile(r"^(?P<label>[A-Z][\w ]{2,60}?) : (?P<title>\S.*)$")
# Where the letter proper starts below a web page's furniture.
LETTER_START_RE = re.compile(r"^(?:\d{2}\s?\d{3}\s+[A-Z]|Aan de\b|Den Haag\b)")

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


# --------------------------------------------------------------------------- web page copies


@dataclass
class PageHeader:
    """What a saved web page says about the document printed below it.

    Attributes:
        title: The document's title on the site.
        tk_number: Tweede Kamer document number (``2015D46360``).
        date: ISO registration date of the document.
        kamerstuk: (dossier, number) when the page names the document's Kamerstuk.
        senders: Signatories the page lists.
    """

    title: str | None = None
    tk_number: str | None = None
    date: str | None = None
    kamerstuk: tuple[str, str] | None = None
    senders: list[Sender] = field(default_factory=list)


def _tkconv_header(lines: list[str]) -> tuple[int, PageHeader] | None:
    """berthub.eu/tkconv: navigation, title, "Nummer: ..., datum: ...", links, "Preview document"."""
    head = [x.strip() for x in lines[:80]]
    number = next((m for m in map(TK_NUMBER_LINE_RE.match, head) if m), None)
    if number is None:
        return None
    # Everything up to the last line of site furniture belongs to the page, not the letter.
    end = 1 + max(i for i, x in enumerate(head) if WEB_FURNITURE_RE.match(x) or WEB_NAV_RE.match(x))
    header = PageHeader(tk_number=number["number"], date=number["date"])
    header.title = next((x for x in head[:end] if x and not WEB_NAV_RE.match(x)), None)
    for text in head[:end]:
        kst = re.search(r"officiële HTML versie \(kst-(\d+(?:-\d{1,3})?)-(\d+|[A-Z]{1,3})\)", text) or re.match(
            r"^Onderdeel van kamerstukdossier (\d{5}(?:-\d{1,3})?)\s*-\s*(\d+|[A-Z]{1,3})\b", text
        )
        if kst and header.kamerstuk is None:
            header.kamerstuk = (kst.group(1), kst.group(2))
        signer = WEB_SIGNER_RE.match(text)
        if signer:
            header.senders.append(Sender(signer["name"].strip(), signer["role"].strip()))
    return end, header


def _bekendmakingen_header(lines: list[str]) -> tuple[int, PageHeader] | None:
    """officielebekendmakingen.nl: a metadata table and site links above the letter."""
    table = next((i for i, x in enumerate(lines[:40]) if OB_TABLE_HEAD_RE.search(x)), None)
    if table is None:
        return None
    start = next((i for i in range(table, len(lines)) if LETTER_START_RE.match(lines[i].strip())), None)
    if start is None:
        return None
    header = PageHeader()
    row = next((m for m in (OB_TABLE_ROW_RE.search(x.strip()) for x in lines[table:start]) if m), None)
    if row:
        header.kamerstuk = (row["dossier"], row["number"])
    return start, header


def _page_title_header(lines: list[str]) -> tuple[int, PageHeader] | None:
    """tweedekamer.nl: "Brief regering : <title>" right above the Kamerstuk masthead."""
    content = [(i, x.strip()) for i, x in enumerate(lines[:6]) if x.strip()]
    if len(content) < 2:
        return None
    (i, first), (_, second) = content[0], content[1]
    m = TK_PAGE_TITLE_RE.match(first)
    if m and LETTER_START_RE.match(second):
        return i + 1, PageHeader(title=m["title"])
    return None


def strip_web_header(pages: list[list[str]]) -> tuple[list[list[str]], PageHeader | None]:
    """Split the furniture of a saved web page off the top of the first page.

    The furniture (site navigation, document numbers, links) may feed the metadata
    but is no part of the letter, so it must never reach a chunk.
    """
    if not pages:
        return pages, None
    found = _tkconv_header(pages[0]) or _bekendmakingen_header(pages[0]) or _page_title_header(pages[0])
    if found is None:
        return pages, None
    end, header = found
    first, rest = pages[0][end:], pages[1:]
    if rest and not any(x.strip() for x in first):
        return rest, header  # the header filled the whole first page
    return [first, *rest], header


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
        if not footnote_marker_re(next_no).search(body_above):
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
                notes[-1] = (prev_no, join_two(prev_text, s, set()))
        return lines[:start], notes
    return lines, []


# --------------------------------------------------------------------------- metadata


KST_LINE_RE = re.compile(r"^kst-(\d+(?:-[\dA-Z]+)?)-(\d+|[A-Z]{1,3})$")
DOSSIER_LINE_RE = re.compile(r"^(\d{2}\s?\d{3}(?:-[\dA-Z]+)?)\s+\S")
KAMERSTUK_LINE_RE = re.compile(r"^Kamerstuk\s+(\d{2}\s?\d{3}(?:-\d{1,3})?)(?:,\s*nr\.\s*|-)(\d+|[A-Z]{1,3})$")
# A masthead whose line breaks were lost: "32 317 JBZ-Raad EE BRIEF VAN DE MINISTER ...".
# Eerste Kamer letters are numbered with capitals (EE, KX); those need the capitalised
# document line after them to be told from a word.
INLINE_MASTHEAD_RE = re.compile(
    r"(?<![\d,.])(?P<dossier>\d{2}\s?\d{3}(?:-[\dA-Z]+)?)\s+[A-Z][^\n]{0,150}?\s"
    r"(?:Nr\.\s*(?P<nr>\d+)\s|(?P<code>[A-Z]{1,3})\s+(?=[A-Z]{3,}\s+[A-Z]{2,}\b))"
)


def _footer_kst_id(all_lines: list[str]) -> tuple[str, str] | None:
    """The ``kst-32317-995`` line printed on every Kamerstuk page."""
    for x in all_lines:
        m = KST_LINE_RE.match(x.strip())
        if m:
            return m.group(1), m.group(2)
    return None


def _masthead_id(all_lines: list[str]) -> tuple[str, str] | None:
    """A dossier line ("32 317 JBZ-Raad") followed by the number line ("Nr. 995 ...")."""
    head = [x.strip() for x in all_lines[:40] if x.strip()]
    for i, x in enumerate(head):
        m = DOSSIER_LINE_RE.match(x)
        if not m:
            continue
        for y in head[i + 1 : i + 6]:
            n = re.match(r"^Nr\.\s*(\d+)\b", y)
            if n:
                return m.group(1).replace(" ", ""), n.group(1)
    return None


def _footer_line_id(all_lines: list[str]) -> tuple[str, str] | None:
    for x in all_lines:
        # Only a printed footer line names this document; the same words inside a
        # sentence or footnote cite another one.
        if not DEBRIS_PATTERNS[0].match(x.strip()):
            continue
        m = re.search(r"vergaderjaar \d{4}\s*[–-]\s*\d{4}, (\d{2}\s?\d{3}(?:-[\dA-Z]+)?), nr\. (\d+)", x)
        if m:
            return m.group(1).replace(" ", ""), m.group(2)
    return None


def _kamerstuk_line_id(all_lines: list[str]) -> tuple[str, str] | None:
    """A header line of its own, "Kamerstuk 32317-995" (inside a sentence it cites another)."""
    for x in all_lines[:40]:
        m = KAMERSTUK_LINE_RE.match(x.strip())
        if m:
            return m.group(1).replace(" ", ""), m.group(2)
    return None


def _inline_masthead_id(all_lines: list[str]) -> tuple[str, str] | None:
    """The masthead read across lines, for Eerste Kamer numbers and flattened text."""
    head = " ".join(x.strip() for x in all_lines[:60] if x.strip())[:3000]
    m = INLINE_MASTHEAD_RE.search(head)
    if m:
        return m["dossier"].replace(" ", ""), m["nr"] or m["code"]
    return None


def find_doc_id(
    all_lines: list[str], stem: str, header: PageHeader | None = None
) -> tuple[str, str | None, str | None]:
    """The Kamerstuk id printed on the document (``kst-32317-975``, ``kst-32317-EE``).

    Lacking one, the Kamerstuk a web page names, then the page's Tweede Kamer
    document number (``2015D46360``, a bijlage has no Kamerstuk number of its
    own), then the file stem. Never read from the file name.

    Returns:
        (doc_id, dossier, doc_number).
    """
    found = (
        _footer_kst_id(all_lines)
        or _masthead_id(all_lines)
        or _footer_line_id(all_lines)
        or _kamerstuk_line_id(all_lines)
        or _inline_masthead_id(all_lines)
        or (header.kamerstuk if header else None)
    )
    if found:
        dossier, number = found
        return f"kst-{dossier}-{number}", dossier, number
    if header and header.tk_number:
        return header.tk_number, None, None
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


def _keyword_kind(probe: str) -> str | None:
    """The kind whose keyword is printed first in ``probe``."""
    probe = probe.lower()
    hits = [(probe.find(key), i) for i, (key, _) in enumerate(KIND_KEYWORDS) if key in probe]
    return KIND_KEYWORDS[min(hits)[1]][1] if hits else None


def _offered_kind(opening: str) -> str | None:
    """``geannoteerde agenda`` or ``verslag`` when the cover letter offers one of a council."""
    m = OFFERED_RE.search(opening)
    if not m:
        return None
    return "geannoteerde agenda" if m["what"].lower().startswith("geannoteerde") else "verslag"


def _is_bnc_fiche(lines: list[Line]) -> bool:
    """A letter that carries a BNC-fiche: "Fiche: ..." lines from the BNC working group."""
    head = lines[:80]
    if not any(FICHE_LINE_RE.match(x.text) for x in head):
        return False
    return bool(re.search(r"\bBNC\b|Beoordeling Nieuwe Commissie|Algemene gegevens", join_lines(head)))


def _detect_kind(doc_line: str | None, lines: list[Line], text: str, heading_kind: str | None, opening: str) -> str:
    """What the document is, most specific evidence first.

    A Kamerstuk document line that names a kind other than "brief" ("VERSLAG VAN
    EEN SCHRIFTELIJK OVERLEG", "MOTIE") decides; a cover letter ("BRIEF VAN ...")
    is what it offers (an agenda, a report) or carries (a BNC-fiche); failing all
    that, the keyword printed first.
    """
    if heading_kind == "geannoteerde agenda":
        return heading_kind
    doc_kind = _keyword_kind(doc_line or "")
    if doc_kind and doc_kind != "brief":
        return doc_kind
    described = heading_kind or _offered_kind(opening)
    if described:
        return described
    if _is_bnc_fiche(lines):
        return "BNC-fiche"
    return doc_kind or _keyword_kind(text[:3000]) or "document"


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
    if not senders:
        # Web copies and Eerste Kamer prints put role and name on one line (or everything on one).
        for line in lines:
            for m in ONE_LINE_SIGNATURE_RE.finditer(line.text):
                role = m.group(1)
                senders.append(Sender(name=m.group(2), role=role[0].lower() + role[1:]))
    return senders


def _find_date(lines: list[Line], registered: str | None = None) -> str | None:
    """The letter date: the dated line of the letter, else the date a web page registered."""
    for pattern in (
        r"^(Den Haag|[’'‘]s-Gravenhage)\b.*",
        r"^(Voorgesteld|Ontvangen|Datum|Vastgesteld)\b.*",
        r".*[’'‘]s-Gravenhage, .*",
    ):
        for line in lines[:80]:
            if re.match(pattern, line.text):
                iso = parse_dutch_date(line.text)
                if iso:
                    return iso
    if registered:
        return registered
    for line in lines[:60]:
        iso = parse_dutch_date(line.text)
        if iso:
            return iso
    return None


def _opening_text(lines: list[Line], chars: int = 1000) -> str:
    """The start of the letter's own text (after masthead, addressee and date line)."""
    head = join_lines(lines[:60])
    m = OPENING_MARK_RE.search(head)
    start = m.start() if m else 0
    return head[start : start + chars]


def _document_heading(lines: list[Line]) -> tuple[int | None, str | None]:
    """Index and kind of the printed heading of a council agenda or report, if any."""
    agenda = next((i for i, x in enumerate(lines) if AGENDA_HEADING_RE.match(x.text)), None)
    if agenda is not None:
        return agenda, "geannoteerde agenda"
    for i, line in enumerate(lines[:40]):
        if VERSLAG_HEADING_RE.match(line.text) and MEETING_RE.search(join_lines(lines[i : i + 3])):
            return i, "verslag"
    return None, None


def _heading_title(lines: list[Line], idx: int) -> str:
    """The heading's lines up to the one that completes the meeting days (at most three)."""
    for n in (1, 2, 3):
        text = join_lines(lines[idx : idx + n])
        m = MEETING_RE.search(text)
        if m and (m["year"] or m.end() < len(text)):  # else the year may be on the next line
            return text
    return join_lines(lines[idx : idx + 2])


@dataclass
class Meeting:
    """The council meeting a letter is about."""

    council: str
    start: str | None = None
    end: str | None = None
    qualifier: str = ""  # "informele", "ingelaste", ...; "" for a formal meeting


def _council_name(m: re.Match[str]) -> str:
    """The full council name for a match of :data:`COUNCIL_NAME_RE`."""
    if m["abbr"]:
        return COUNCIL_ABBREVIATIONS[m["abbr"].upper()]
    if m["name"]:
        return "Raad " + re.sub(r"\s+", " ", m["name"])
    return "Europese Raad"


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _place_yearless(month: int, day: int, rel: str | None, letter_date: str | None) -> date | None:
    """The year of "31 augustus a.s." / "11 maart jl." / "12 en 13 juni", from the letter date."""
    if not letter_date:
        return None
    ref = date.fromisoformat(letter_date)
    candidates = [c for y in (ref.year - 1, ref.year, ref.year + 1) if (c := _make_date(y, month, day))]
    if rel == "a.s.":  # aanstaande: the coming one
        candidates = [c for c in candidates if c >= ref]
    elif rel == "jl.":  # jongstleden: the last one
        candidates = [c for c in candidates if c <= ref]
    if not candidates:
        return None
    best = min(candidates, key=lambda c: abs((c - ref).days))
    return best if abs((best - ref).days) <= MAX_MEETING_DISTANCE_DAYS else None


def _meeting_days(m: re.Match[str], letter_date: str | None) -> tuple[str | None, str | None]:
    """ISO first and last meeting day of a :data:`MEETING_RE` match."""
    last_month = MONTHS[m["m2"].lower()]
    first_month = MONTHS[m["m1"].lower()] if m["m1"] else last_month
    crosses_year = first_month > last_month  # "30 december 2025 - 2 januari 2026"
    if m["year"]:
        first = _make_date(int(m["year"]) - crosses_year, first_month, int(m["d1"]))
    else:
        first = _place_yearless(first_month, int(m["d1"]), m["rel"], letter_date)
    if first is None:
        return None, None
    last = _make_date(first.year + crosses_year, last_month, int(m["d2"])) if m["d2"] else None
    if last is not None and last <= first:
        last = None
    return first.isoformat(), last.isoformat() if last else None


def _find_meeting(texts: list[str], letter_date: str | None) -> tuple[Meeting | None, str | None]:
    """The first council-with-days mention in ``texts`` (most telling text first).

    Returns:
        The meeting, and a problem worth a warning (days that cannot be placed).
    """
    for text in texts:
        m = MEETING_RE.search(text)
        if not m:
            continue
        start, end = _meeting_days(m, letter_date)
        qualifier = (m["q1"] or m["q2"] or ("informele" if m["informal_abbr"] else "")).lower()
        meeting = Meeting(_council_name(m), start, end, "" if qualifier == "formele" else qualifier)
        problem = None
        if start is None:
            days = text[m.start("d1") : m.end()]
            problem = f"meeting date '{days}' does not fit the letter date {letter_date}; meeting date left unset"
        return meeting, problem
    return None, None


def _fiche_council(lines: list[Line]) -> str | None:
    """The council of a BNC-fiche's "Behandelingstraject Raad" field (value on the same or next line)."""
    for i, line in enumerate(lines):
        m = FICHE_COUNCIL_RE.match(line.text)
        if not m:
            continue
        value = m["value"].strip() or (lines[i + 1].text if i + 1 < len(lines) else "")
        council = COUNCIL_ONLY_RE.search(value)
        return _council_name(council) if council else None
    return None


def _letter_meeting(
    kind: str, lines: list[Line], heading_idx: int | None, page_title: str | None, letter_date: str | None
) -> tuple[Meeting | None, str | None]:
    """Council and meeting days: from the printed heading, the page title, or the opening.

    Only letters about a meeting get one: a motie or memorie naming a council date is
    not about that meeting, and a fiche names the council that will treat it, no date.
    """
    if kind == "BNC-fiche":
        council = _fiche_council(lines)
        return (Meeting(council) if council else None), None
    if kind not in MEETING_KINDS:
        return None, None
    texts = [join_lines(lines[heading_idx : heading_idx + 3])] if heading_idx is not None else []
    return _find_meeting([*texts, page_title or "", _opening_text(lines)], letter_date)


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


MEETING_TITLE_START = {
    "geannoteerde agenda": "Geannoteerde agenda van de",
    "verslag": "Verslag van de",
    "verslag schriftelijk overleg": "Verslag van een schriftelijk overleg over de",
    "brief": "Brief over de",
}


def _dutch_days(start: str, end: str | None) -> str:
    """``('2025-10-13', '2025-10-14')`` -> ``'13 en 14 oktober 2025'``."""
    names = list(MONTHS)
    a = date.fromisoformat(start)
    if not end:
        return f"{a.day} {names[a.month - 1]} {a.year}"
    b = date.fromisoformat(end)
    joiner = "en" if b - a == timedelta(days=1) else "tot en met"
    if a.month == b.month:
        return f"{a.day} {joiner} {b.day} {names[b.month - 1]} {b.year}"
    first = f"{a.day} {names[a.month - 1]}" + (f" {a.year}" if a.year != b.year else "")
    return f"{first} {joiner} {b.day} {names[b.month - 1]} {b.year}"


def _meeting_title(kind: str, meeting: Meeting) -> str:
    """"Verslag van de informele Raad Justitie en Binnenlandse Zaken van 22 en 23 juli 2025"."""
    words = [MEETING_TITLE_START[kind], meeting.qualifier, meeting.council]
    if meeting.start:
        words += ["van", _dutch_days(meeting.start, meeting.end)]
    return " ".join(w for w in words if w)


def _fiche_title(lines: list[Line]) -> str | None:
    """"Fiche: <name>" of the fiche this document is: the listed one without a Kamerstuk reference."""
    for i, line in enumerate(lines[:60]):
        if not FICHE_LINE_RE.match(line.text):
            continue
        entry = [line.text]
        for nxt in lines[i + 1 : i + 3]:  # a wrapped entry goes on in lower case or digits
            if not (nxt.text[:1].islower() or nxt.text[:1].isdigit()):
                break
            entry.append(nxt.text)
        if "(Kamerstuk" not in " ".join(entry):
            return re.sub(r"\s+", " ", " ".join(entry)).strip()
    return None


def _make_title(
    lines: list[Line],
    heading_idx: int | None,
    page_title: str | None,
    kind: str,
    meeting: Meeting | None,
    stem: str,
) -> str:
    """The printed heading, else the web page's title, else one composed from what was read."""
    dossier_title, doc_line = _kamerstuk_heading(lines)
    fiche = _fiche_title(lines) if kind == "BNC-fiche" else None
    if heading_idx is not None:
        title = _heading_title(lines, heading_idx)
    elif page_title:
        title = page_title
    elif fiche:
        title = fiche
    elif kind in MEETING_TITLE_START and meeting is not None:
        title = _meeting_title(kind, meeting)
    elif dossier_title and doc_line:
        title = f"{_sentence_case(dossier_title)}: {_sentence_case(doc_line)}"
    else:
        title = _first_title_lines(lines) or stem
    return re.sub(r"(?<=[a-z])\d+$", "", title).strip()  # a footnote marker on a title


# --------------------------------------------------------------------------- public API


def _check_text_layer(path: Path, pages: list[list[str]], warnings: list[str]) -> None:
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


def _clean_pages(pages: list[list[str]]) -> tuple[list[Line], dict[int, tuple[str, int]]]:
    """Lines without page furniture, and the footnotes lifted out of them."""
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
    return lines, footnotes


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
    lines, footnotes = _clean_pages(pages)
    if not lines:
        raise ParseError(f"{path}: no text left after removing page furniture")

    heading_idx, heading_kind = _document_heading(lines)
    _, doc_line = _kamerstuk_heading(lines)
    full_text = "\n".join(x.text for x in lines)
    kind = _detect_kind(doc_line, lines, full_text, heading_kind, _opening_text(lines))
    letter_date = _find_date(lines, header.date)
    meeting, problem = _letter_meeting(kind, lines, heading_idx, header.title, letter_date)
    if problem:
        warnings.append(f"{path.name}: {problem}")

    return Letter(
        doc_id=doc_id,
        path=str(path),
        title=_make_title(lines, heading_idx, header.title, kind, meeting, path.stem),
        kind=kind,
        date=letter_date,
        dossier=dossier,
        doc_number=doc_number,
        council=meeting.council if meeting else None,
        meeting_date=meeting.start if meeting else None,
        meeting_end_date=meeting.end if meeting else None,
        senders=_find_senders(lines) or header.senders,
        lines=lines,
        footnotes=footnotes,
        page_count=len(pages),
        warnings=warnings,
        text_sha256=hashlib.sha256(full_text.encode("utf-8")).hexdigest(),
    )
