"""Copies of web pages: the site's furniture above the letter itself.

Saved pages of berthub.eu/tkconv, officielebekendmakingen.nl and tweedekamer.nl
carry navigation, document numbers and links above the letter. What they say
(document number, date, title, signatories) is kept as metadata in a
:class:`PageHeader`, never as text: the furniture must not reach a chunk.

Example:
    >>> from rag.webpage import strip_web_header
    >>> pages, header = strip_web_header([["Brief regering : Geannoteerde agenda JBZ-Raad", "32 317 JBZ-Raad", "Nr. 995"]])
    >>> pages, header.title
    ([['32 317 JBZ-Raad', 'Nr. 995']], 'Geannoteerde agenda JBZ-Raad')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.documents import Sender

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
