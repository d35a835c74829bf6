"""Dates as the letters print them and the answers write them: ``26 februari 2026``, ``5–6 maart 2026``.

Example:
    >>> from rag.dates import date_span, long_date, parse_dutch_date
    >>> long_date("2026-02-26", "nl"), date_span("2026-03-05", "2026-03-06", "en")
    ('26 februari 2026', '5–6 March 2026')
    >>> parse_dutch_date("Den Haag, 26 februari 2026")
    '2026-02-26'
"""

from __future__ import annotations

import datetime
import re

from rag.question import COUNCIL_PATTERNS, MONTHS_EN, MONTHS_NL, month_number

# Dutch month name -> month number, and the names as a regex alternation.
MONTHS = {name: number for number, name in enumerate(MONTHS_NL, start=1)}
MONTH_NAMES_RE = "|".join(MONTHS)
DATE_RE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_NAMES_RE})\s+(\d{{4}})\b", re.IGNORECASE)


def parse_dutch_date(text: str) -> str | None:
    """``'Den Haag, 26 februari 2026'`` -> ``'2026-02-26'``."""
    m = DATE_RE.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), month_number(m.group(2)), int(m.group(3))
    try:
        return datetime.date(year, month, day).isoformat()  # "31 februari" is no date
    except ValueError:
        return None


def long_date(iso: str, language: str = "nl") -> str:
    """An ISO date written out, in Dutch or English."""
    months = MONTHS_NL if language == "nl" else [m.capitalize() for m in MONTHS_EN]
    return f"{int(iso[8:10])} {months[int(iso[5:7]) - 1]} {iso[:4]}"


def date_span(start: str | None, end: str | None, language: str = "nl") -> str:
    """A meeting's days: one date, ``5–6 maart 2026``, or two full dates across months."""
    if not start:
        return ""
    if not end or end == start:
        return long_date(start, language)
    if start[:7] == end[:7]:
        return f"{int(start[8:])}–{long_date(end, language)}"
    return f"{long_date(start, language)} – {long_date(end, language)}"


def council_short_name(council: str | None) -> str | None:
    """The name staff use for a council (``JBZ-Raad`` for ``Raad Justitie en Binnenlandse Zaken``)."""
    if not council:
        return None
    for name, pattern in COUNCIL_PATTERNS.items():
        if pattern.search(council):
            return name
    return council


def letter_label(date: str | None, council: str | None, meeting_date: str | None, meeting_end_date: str | None,
                 language: str = "nl") -> str:
    """``de brief van 26 februari 2026 (JBZ-Raad 5–6 maart 2026)``; parts left out when unknown."""
    label = "de brief" if language == "nl" else "the letter"
    if date:
        label += (" van " if language == "nl" else " of ") + long_date(date, language)
    short = council_short_name(council)
    if short and meeting_date:
        label += f" ({short} {date_span(meeting_date, meeting_end_date, language)})"
    elif short:
        label += f" ({short})"
    return label
