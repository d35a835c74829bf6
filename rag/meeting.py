"""The council meeting a letter is about: the council and its meeting days.

Read from the printed heading, the web page's title or the letter's opening
("de informele bijeenkomst van de Raad Justitie en Binnenlandse Zaken op 3 en 4
februari 2022", "JBZ-Raad 30-31 januari 2025"). A yearless date ("31 augustus
a.s.") is placed by the letter date. A BNC-fiche names only the council that will
treat it.

Example:
    >>> from rag.documents import Line
    >>> from rag.meeting import letter_meeting
    >>> letter_meeting("brief", [Line("Hierbij de agenda van de JBZ-Raad van 5 en 6 maart 2026.", 1)], None, None, "2026-02-26")
    (Meeting(council='Raad Justitie en Binnenlandse Zaken', start='2026-03-05', end='2026-03-06', qualifier=''), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rag.dates import MONTH_NAMES_RE
from rag.documents import Line
from rag.letterhead import opening_text
from rag.question import month_number
from rag.text import join_lines

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
# A yearless "a.s."/"jl." date further than this from the letter date is not the meeting
# the letter is about (a copy-paste slip in the letter); better no date than a wrong one.
MAX_MEETING_DISTANCE_DAYS = 183

# A BNC-fiche's "Behandelingstraject Raad" field: the council that will treat it.
FICHE_COUNCIL_RE = re.compile(
    r"^(?:[a-z]\)\s*)?(?:Behandelingstraject(?:\s+in)?\s+(?:de\s+)?Raad\b\s*:?|Raad\s*:)\s*(?P<value>.*)$"
)

# Kinds whose letters are about one council meeting, so council and meeting date are read
# (a memo to the minister may send on a council's agenda, as a letter may).
MEETING_KINDS = {"geannoteerde agenda", "verslag", "verslag schriftelijk overleg", "brief", "beslisnota"}


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
    last_month = month_number(m["m2"])
    first_month = month_number(m["m1"]) if m["m1"] else last_month
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


def letter_meeting(
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
    return _find_meeting([*texts, page_title or "", opening_text(lines)], letter_date)
