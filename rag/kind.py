"""What a document is: ``geannoteerde agenda``, ``verslag``, ``motie``, ``BNC-fiche``, ...

Most specific evidence first: the printed heading of a council agenda or report,
the Kamerstuk document line, the form of the first lines (a memo to the minister,
the Council of State's advice, a decree), what a cover letter offers or carries,
and failing all that a title line that opens with a kind ("Besluitenlijst ..."). And
the other way round, which kinds a question names as the document it asks about
(:func:`asked_kinds`), so retrieval can rank that kind first.

Example:
    >>> from rag.documents import Line
    >>> from rag.kind import detect_kind
    >>> detect_kind("MOTIE VAN HET LID CEDER", [], None, "")
    'motie'
"""

from __future__ import annotations

import re

from rag.documents import Line
from rag.language import detect_language
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

# A memo from civil servants to their minister, asking a decision or a signature: it is
# addressed to the minister and says what is asked of them ("TER ONDERTEKENING") or who
# initialled it. It often discusses a Kamerbrief (and names it) without being one.
MEMO_ADDRESS_RE = re.compile(r"^Aan\s+de\s+(?:minister|staatssecretaris|secretaris-generaal|directeur-generaal)\b",
                             re.IGNORECASE)
# The mark stands alone on its line in capitals: "Ter informatie stuur ik u ..." is a sentence.
MEMO_MARK_RE = re.compile(r"^(?:TER\s+(?:ONDERTEKENING|BESLISSING|INFORMATIE|KENNISNAME|ADVIES|VASTSTELLING)\s*$"
                          r"|[Pp]arafenroute\b|[Gg]eadviseerd\s+besluit\b)")
# The Council of State's advice on a bill, addressed to the King, with its W-number.
COUNCIL_OF_STATE_RE = re.compile(r"Afdeling\s+advisering\s+van\s+de\s+Raad\s+van\s+State", re.IGNORECASE)
ADVICE_NUMBER_RE = re.compile(r"\bNo\.\s*W\d{2}\.\d{2}\.\d{4,6}")
# A royal or ministerial decree (an order in council, or its draft): "Besluit van ..., houdende ...".
DECREE_RE = re.compile(r"^Besluit\s+van\b[^\n]{0,80}?\bhoudende\b", re.IGNORECASE)

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


# A line that names the document: its title ("MOTIE VAN HET LID ...", "Besluitenlijst
# procedurevergadering ...") or a field that does ("Document: Besluitenlijst van ...").
# Not a subject line: "Betreft: Motie Van der Plas ..." names another document.
TITLE_LABEL_RE = re.compile(r"^(?:Document|Titel)\s*:\s*", re.IGNORECASE)
TITLE_LINES = 30


def _title_kind(lines: list[Line]) -> str | None:
    """The kind a title line of the first lines opens with. A kind word further on, or
    inside running text ("In mijn brief van ...", "Conform de motie ..."), names another
    document; a bare answer text or an excerpt without a title has no kind of its own."""
    for line in lines[:TITLE_LINES]:
        title = TITLE_LABEL_RE.sub("", line.text)
        if not title[:1].isupper():  # a wrapped line of running text
            continue
        low = title.lower()
        for key, kind in KIND_KEYWORDS:
            if low.startswith(key) and not low[len(key) : len(key) + 1].isalpha():
                return kind
    return None


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


def _letterhead_kind(lines: list[Line]) -> str | None:
    """``beslisnota``, ``advies Raad van State`` or ``besluit`` when the first lines have
    that document's own form (a keyword further on may only name another document)."""
    head = lines[:40]
    if any(MEMO_ADDRESS_RE.match(x.text) for x in head[:5]) and any(MEMO_MARK_RE.match(x.text) for x in head):
        return "beslisnota"
    opening = join_lines(head[:15])
    if ADVICE_NUMBER_RE.search(opening) and COUNCIL_OF_STATE_RE.search(opening):
        return "advies Raad van State"
    if head and DECREE_RE.match(join_lines(head[:2])):
        return "besluit"
    return None


def detect_kind(doc_line: str | None, lines: list[Line], heading_kind: str | None, opening: str) -> str:
    """What the document is, most specific evidence first.

    A Kamerstuk document line that names a kind other than "brief" ("VERSLAG VAN
    EEN SCHRIFTELIJK OVERLEG", "MOTIE") decides; then the form of the first lines (a
    memo to the minister, the Council of State's advice, a decree); a cover letter
    ("BRIEF VAN ...") is what it offers (an agenda, a report) or carries (a BNC-fiche);
    failing all that, the kind a title line opens with, else ``document``.
    """
    if heading_kind == "geannoteerde agenda":
        return heading_kind
    doc_kind = _keyword_kind(doc_line or "")
    if doc_kind and doc_kind != "brief":
        return doc_kind
    own_form = _letterhead_kind(lines)
    if own_form:
        return own_form
    described = heading_kind or _offered_kind(opening)
    if described:
        return described
    if _is_bnc_fiche(lines):
        return "BNC-fiche"
    return doc_kind or _title_kind(lines) or "document"


def document_heading(lines: list[Line]) -> tuple[int | None, str | None]:
    """Index and kind of the printed heading of a council agenda or report, if any."""
    agenda = next((i for i, x in enumerate(lines) if AGENDA_HEADING_RE.match(x.text)), None)
    if agenda is not None:
        return agenda, "geannoteerde agenda"
    for i, line in enumerate(lines[:40]):
        if VERSLAG_HEADING_RE.match(line.text) and MEETING_RE.search(join_lines(lines[i : i + 3])):
            return i, "verslag"
    return None, None


# What a question calls the document it asks about, and the kinds that name fits. A
# council's agenda and report reach the Kamer as letters, so "the letter" fits them too;
# a memo to the minister, a bill's explanatory memorandum or the Council of State's advice
# does not. "Wetsvoorstel" and "besluit" are left out: staff say them of a bill's whole
# file and of any decision, even as a source ("volgens het wetsvoorstel" asks what the
# explanatory memorandum explains as often as what the bill's text says). Kinds that are as
# often the topic as the source ("hoeveel BNC-fiches ...", "de tweede nota van wijziging is
# ...") count only as a source: "in", "volgens" or "uit" the document, "according to" or "in" it.
# What "the letter" may be: a letter, or what reaches the Kamer as one.
LETTER_KINDS = ("brief", "geannoteerde agenda", "verslag", "BNC-fiche")
_SOURCE = r"(?:volgens|in|uit|according\s+to|from)\s+(?:de|het|dit|deze|the|this)\s+(?:\w+\s+){0,2}?"
ASKED_KINDS_BY_LANGUAGE: dict[str, list[tuple[re.Pattern[str], tuple[str, ...]]]] = {
    language: [(re.compile(p, re.IGNORECASE), kinds) for p, kinds in table] for language, table in {
        "nl": [
            # "brief", "kamerbrief", "aanbiedingsbrief", "voortgangsbrief"; not "briefing".
            (r"\b\w*brief\b", LETTER_KINDS),
            (r"\bbeslisnota\b", ("beslisnota",)),
            (r"\bmoties?\b", ("motie",)),
            (r"\bmvt\b|\bmemorie\s+van\s+toelichting\b", ("memorie van toelichting",)),
            (r"\bnota\s+(?:n\.?\s?a\.?\s?v\.?|naar\s+aanleiding\s+van)\s+(?:het\s+)?verslag\b|\bnnav\b",
             ("nota naar aanleiding van het verslag",)),
            # "RvS-advies", "advies van de Raad van State", "Raad van State advies", "adviseert de RvS",
            # "de RvS adviseerde"; the government's answer to it, the "nader rapport", comes with it.
            (r"\brvs[-\s]?advies\b|\badvies\s+(?:van\s+)?(?:de\s+)?(?:raad\s+van\s+state|rvs)\b"
             r"|\b(?:raad\s+van\s+state|rvs)\s+(?:advies|advise\w*)\b|\badvise\w*\s+(?:de\s+)?(?:raad\s+van\s+state|rvs)\b"
             r"|\bnader\s+rapport\b", ("advies Raad van State",)),
            (r"\bkoninklijke\s+bo\w*schap\b", ("koninklijke boodschap",)),
            (r"\bbesluitenlijst(?:en)?\b", ("besluitenlijst",)),
            (r"\bgeannoteerde\s+agenda\b", ("geannoteerde agenda",)),
            (_SOURCE + r"(?:nota\s+van\s+wijziging|nvw)\b", ("nota van wijziging",)),
            (r"\bontwerpbesluit\b", ("besluit",)),
            (_SOURCE + r"bnc[-\s]?fiche\b", ("BNC-fiche",)),
        ],
        "en": [
            # Not "letter b" of an article, which a Dutch question may name.
            (r"\bletters?\b(?!\s+[a-z]\b)", LETTER_KINDS),
            (r"\bthe\s+motions?\b|\bmotions?\s+(?:by|of|from)\b", ("motie",)),
            (r"\bexplanatory\s+memorandum\b", ("memorie van toelichting",)),
            (r"\b(?:advice|opinion)\s+of\s+the\s+council\s+of\s+state\b"
             r"|\bcouncil\s+of\s+state(?:'s)?\s+(?:\w+\s+){0,2}?(?:advice|advisory\s+opinion|opinion)\b"
             r"|\bcouncil\s+of\s+state\s+(?:advise|recommend)\w*\b", ("advies Raad van State",)),
            (r"\broyal\s+message\b", ("koninklijke boodschap",)),
            (r"\blists?\s+of\s+decisions\b", ("besluitenlijst",)),
            (r"\bannotated\s+agenda\b", ("geannoteerde agenda",)),
            (_SOURCE + r"memorandum\s+of\s+amendment\b", ("nota van wijziging",)),
            (r"\bdraft\s+decree\b", ("besluit",)),
            (_SOURCE + r"bnc[-\s]?fiche\b", ("BNC-fiche",)),
        ],
    }.items()
}


def asked_kinds(question: str, language: str | None = None) -> frozenset[str]:
    """The document kinds a question names as the document it asks about
    ("volgens de brief", "in de MvT", "according to the letter"), read with the words of
    its ``language`` (detected when not given).

    Example:
        >>> sorted(asked_kinds("wat staat er in de MvT over de termijn?"))
        ['memorie van toelichting']
        >>> asked_kinds("wat is de Nederlandse positie over Europol?")
        frozenset()
    """
    table = ASKED_KINDS_BY_LANGUAGE[language or detect_language(question)]
    return frozenset(k for pattern, kinds in table if pattern.search(question) for k in kinds)
