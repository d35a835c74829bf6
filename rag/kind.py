"""What a document is: ``geannoteerde agenda``, ``verslag``, ``motie``, ``BNC-fiche``, ...

Most specific evidence first: the printed heading of a council agenda or report,
the Kamerstuk document line, what a cover letter offers or carries, and failing
all that the kind keyword printed first.

Example:
    >>> from rag.documents import Line
    >>> from rag.kind import detect_kind
    >>> detect_kind("MOTIE VAN HET LID CEDER", [], "", None, "")
    'motie'
"""

from __future__ import annotations

import re

from rag.documents import Line
from rag.meeting import COUNCIL_NAME_RE, MEETING_QUALIFIER_RE, MEETING_RE
from rag.text import join_lines

# The printed heading of a council agenda; its numbered items follow (rag.structure).
AGENDA_HEADING_RE = re.compile(r"^Geannoteerde agenda\b", re.IGNORECASE)
# The printed heading of a report of a meeting ("Verslag van de bijeenkomst van de Raad ...").
VERSLAG_HEADING_RE = re.compile(r"^Verslag van de\b")
# A cover letter that offers a council's agenda or report: "Hierbij bieden wij uw Kamer
# het verslag aan van de Raad ...". The offering verb keeps out letters that only refer
# to one ("vragen voorgelegd over: de geannoteerde agenda van ...").
OFFERED_RE = re.compile(
    r"\b(?:aan|toe|over)?(?:bied|zend|stuur)(?:t|en|e)?\b[^.]{0,240}?"
    r"\b(?:de|het)\s+(?P<what>geannoteerde\s+agenda|verslag)\s+(?:aan\s+)?(?:van|voor|over)\s+(?:de\s+)?"
    rf"(?:{MEETING_QUALIFIER_RE}\s+)?(?:bijeenkomst\s+van\s+de\s+)?(?:{MEETING_QUALIFIER_RE}\s+)?"
    + COUNCIL_NAME_RE
)

# BNC-fiches: the cover letter lists "Fiche: <name>" lines; the ones with a Kamerstuk
# reference are other documents, the one without is this one.
FICHE_LINE_RE = re.compile(r"^Fiche:\s+(?P<name>\S.*)$")

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


def detect_kind(doc_line: str | None, lines: list[Line], text: str, heading_kind: str | None, opening: str) -> str:
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


def document_heading(lines: list[Line]) -> tuple[int | None, str | None]:
    """Index and kind of the printed heading of a council agenda or report, if any."""
    agenda = next((i for i, x in enumerate(lines) if AGENDA_HEADING_RE.match(x.text)), None)
    if agenda is not None:
        return agenda, "geannoteerde agenda"
    for i, line in enumerate(lines[:40]):
        if VERSLAG_HEADING_RE.match(line.text) and MEETING_RE.search(join_lines(lines[i : i + 3])):
            return i, "verslag"
    return None, None
