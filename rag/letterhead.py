"""What a letter's masthead, date line and signature say.

The Kamerstuk id printed on the document (``kst-32317-995``), its dossier title and
document line ("Brief van de ministers ..."), the letter date, the signatories, and
where the letter's own text begins after masthead and addressee.

Example:
    >>> from rag.documents import Line
    >>> from rag.letterhead import find_date, find_doc_id
    >>> find_doc_id(["32 317 JBZ-Raad", "Nr. 995 BRIEF VAN DE MINISTER"], "file-stem")
    ('kst-32317-995', '32317', '995')
    >>> find_date([Line("Den Haag, 26 februari 2026", 1)])
    '2026-02-26'
"""

from __future__ import annotations

import re

from rag.dates import parse_dutch_date
from rag.documents import Line, Sender
from rag.pages import KAMERSTUK_FOOTER_RE
from rag.text import join_lines
from rag.webpage import PageHeader

# Where a Kamerstuk prints its own id: page footer, masthead, a header line.
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

# A signature: the role ("De Minister van ...,") on one line, the name on the next.
SIGNATURE_ROLE_RE = re.compile(
    r"^(De|de)\s+((?:[Mm]inister|[Ss]taatssecretaris|Minister-[Pp]resident)\b[^,]{0,80}),\s*$"
)
NAME_RE = re.compile(r"^(?:[A-Z][a-z]?\.){1,4}\s*(?:[a-z]+\s+){0,3}[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*$")
# A signature on one line: "De Minister van Justitie en Veiligheid, F.B.J. Grapperhaus"
ONE_LINE_SIGNATURE_RE = re.compile(
    r"(?:^|(?<=\s))De\s+((?:Minister|Staatssecretaris|Minister-[Pp]resident)\b[^,.]{0,80}),\s+"
    r"((?:[A-Z][a-z]?\.){1,4}\s*(?:[a-z]+\s+){0,3}[A-Z][\w’'-]+)"
)

# Where a letter's own text begins, after masthead and addressee.
OPENING_MARK_RE = re.compile(r"\b(?:Den Haag,|[’'‘]s-Gravenhage,|Vastgesteld\s+\d)")


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
        if not KAMERSTUK_FOOTER_RE.match(x.strip()):
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


def kamerstuk_heading(lines: list[Line]) -> tuple[str | None, str | None]:
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


def find_senders(lines: list[Line]) -> list[Sender]:
    """The signatories: a role line with the name on the next, else role and name on one line."""
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


def find_date(lines: list[Line], registered: str | None = None) -> str | None:
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


def opening_text(lines: list[Line], chars: int = 1000) -> str:
    """The start of the letter's own text (after masthead, addressee and date line)."""
    head = join_lines(lines[:60])
    m = OPENING_MARK_RE.search(head)
    start = m.start() if m else 0
    return head[start : start + chars]
