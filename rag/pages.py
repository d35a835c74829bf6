"""A letter's raw page lines into its clean lines: page furniture off, footnotes out.

Every format goes through the same cleaning: running headers and footers (lines
repeated at the edges of many pages), page numbers, ``ISSN`` and ``’s-Gravenhage``
lines and other print debris go; footnotes are lifted off the bottom of their page
(they are attached to the chunk that cites them later); a page break is not a
paragraph break.

Example:
    >>> from rag.pages import clean_pages
    >>> pages = [["Den Haag, 26 februari 2026", "", "Het kabinet steunt dit voorstel1.", "1 Kamerstuk 32317, nr. 995"], ["2", "Het gaat verder."]]
    >>> lines, footnotes = clean_pages(pages)
    >>> [x.text for x in lines], footnotes
    (['Den Haag, 26 februari 2026', 'Het kabinet steunt dit voorstel1.', 'Het gaat verder.'], {1: ('Kamerstuk 32317, nr. 995', 1)})
"""

from __future__ import annotations

import re
from collections import Counter

from rag.documents import Line
from rag.text import footnote_marker_re, join_two

# The footer printed on every page of a Kamerstuk; it also names the document (rag.letterhead).
KAMERSTUK_FOOTER_RE = re.compile(
    r"^Tweede Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, [\d\s]+(-[\dA-Z]+)?, nr\. \d+(\s+\d+)?$"
)

# Lines that are print furniture, never content.
DEBRIS_PATTERNS = [
    KAMERSTUK_FOOTER_RE,
    re.compile(r"^kst-[\dA-Za-z-]+$"),
    re.compile(r"^ISSN \d{4}\s*-\s*\d{3}[\dX]$"),
    re.compile(r"^[’'‘]s-Gravenhage \d{4}\b.*$"),
    re.compile(r"^Pagina \d+ van \d+$", re.IGNORECASE),
    re.compile(r"^\d{1,3}$"),
    re.compile(r"^Tweede Kamer der Staten-Generaal$"),
    re.compile(r"^Vergaderjaar \d{4}\s*[–-]\s*\d{4}$"),
    re.compile(r"^(\.\s*){8,}$"),
]


def _norm_furniture(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


# A running header that carries the chapter after a bar: "Regeerprogramma | 7. Goed bestuur
# en sterke rechtsstaat83". Each chapter's variant repeats on a few pages only, too few to
# count as furniture; the part before the bar repeats on them all. Only one bar, not first on
# its line: a table row ("| Frankrijk | ... |") is no header.
_HEADER_BAR = " | "


def _edge(lines: list[str]) -> list[str]:
    """A page's first and last three lines with text, where running headers and footers stand."""
    content = [x for x in lines if x.strip()]
    return content[:3] + content[-3:]


def _header_key(line: str) -> str | None:
    """The part of a page-edge line before a header's bar, as furniture is compared."""
    norm = _norm_furniture(line)
    if norm.count("|") != 1 or _HEADER_BAR not in norm:
        return None
    head = norm.split(_HEADER_BAR, 1)[0].strip()
    return head + _HEADER_BAR if len(head) >= 3 else None


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines repeated at the top or bottom of many pages: running headers and footers,
    and the part before the bar of a header whose part after it changes by chapter."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = _edge(lines)
        keys = {_norm_furniture(x) for x in edge} | {k for x in edge if (k := _header_key(x))}
        counts.update(keys)
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


def clean_pages(pages: list[list[str]]) -> tuple[list[Line], dict[int, tuple[str, int]]]:
    """Lines without page furniture, and the footnotes lifted out of them."""
    running = _running_lines(pages)
    lines: list[Line] = []
    footnotes: dict[int, tuple[str, int]] = {}
    text_so_far = ""
    for page_no, page in enumerate(pages, start=1):
        edge = set(_edge(page))
        kept = [
            x for x in page
            if not any(p.match(x.strip()) for p in DEBRIS_PATTERNS)
            and not (x.strip() and _norm_furniture(x) in running)
            and not (x in edge and _header_key(x) in running)
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
