"""A letter's title: the printed heading, else the web page's, else one composed from what was read.

Example:
    >>> from rag.documents import Line
    >>> from rag.meeting import Meeting
    >>> from rag.title import make_title
    >>> make_title([], None, None, "verslag", Meeting("Raad Justitie en Binnenlandse Zaken", "2025-07-22", "2025-07-23", "informele"), "stem")
    'Verslag van de informele Raad Justitie en Binnenlandse Zaken van 22 en 23 juli 2025'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from rag.dates import MONTHS, parse_dutch_date
from rag.documents import Line
from rag.kind import FICHE_LINE_RE
from rag.letterhead import kamerstuk_heading
from rag.meeting import MEETING_RE, Meeting
from rag.text import join_lines


def _sentence_case(text: str) -> str:
    if text.isupper():
        text = text.capitalize()
    return re.sub(r"\s+", " ", text).strip()


def _heading_title(lines: list[Line], idx: int) -> str:
    """The heading's lines up to the one that completes the meeting days (at most three)."""
    for n in (1, 2, 3):
        text = join_lines(lines[idx : idx + n])
        m = MEETING_RE.search(text)
        if m and (m["year"] or m.end() < len(text)):  # else the year may be on the next line
            return text
    return join_lines(lines[idx : idx + 2])


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


def make_title(
    lines: list[Line],
    heading_idx: int | None,
    page_title: str | None,
    kind: str,
    meeting: Meeting | None,
    stem: str,
) -> str:
    """The printed heading, else the web page's title, else one composed from what was read."""
    dossier_title, doc_line = kamerstuk_heading(lines)
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
