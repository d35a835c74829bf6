"""A letter's structure: its agenda items and headed sections, as :class:`Block` objects.

A geannoteerde agenda has a cover letter (its headed sections) and the agenda:
Roman-numbered sections ("I. Binnenlandse Zaken") with numbered items, each with
a title, an item type ("Gedachtewisseling") and sub-items. Other documents are cut
at their headings, small neighbouring sections packed together. Masthead,
addressee and signatures are left out. :mod:`rag.chunk` then cuts the blocks into
chunks.

Example:
    >>> from rag.parse import parse_file
    >>> from rag.structure import letter_blocks
    >>> letter = parse_file("data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt")
    >>> [(b.item_no, b.item_title, b.item_type) for b in letter_blocks(letter, 250) if b.item_no == "6"]
    [('6', 'Toekomst van Europol', 'Gedachtewisseling')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.documents import Letter, Line
from rag.kind import AGENDA_HEADING_RE
from rag.letterhead import NAME_RE, SIGNATURE_ROLE_RE
from rag.text import is_short, join_two, line_width

ITEM_TYPES = [
    "Gedeeltelijke algemene oriëntatie", "Algemene oriëntatie", "Gedachtewisseling",
    "Goedkeuring", "Stand van zaken", "Beleidsdebat", "Politiek akkoord", "Akkoord",
    "Presentatie", "Informatie", "Aanneming", "Aanname", "Besluitvorming",
    "Voortgangsrapport", "Voortgangsverslag", "Discussie", "Debat", "Vaststelling",
    "Terugkoppeling", "Toelichting", "Uitwisseling van standpunten", "Openbaar debat",
    "Lunchbespreking", "Ondertekening",
]
_TYPES_RE = "|".join(re.escape(t) for t in sorted(ITEM_TYPES, key=len, reverse=True))
_TYPE_TAIL = r"(?:\s+(?:van|door)\s+(?:het|de)\s+[\wë-]+)?"
TYPE_LINE_RE = re.compile(rf"^\(?(?:mogelijke?\)?\s+|\(mogelijke?\)\s+)?(?:{_TYPES_RE}){_TYPE_TAIL}$", re.IGNORECASE)
TYPE_AT_END_RE = re.compile(rf"^(?P<title>.+?)\s+(?P<type>(?:{_TYPES_RE}){_TYPE_TAIL})$")
SECTION_RE = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s+(\S.{1,80})$")
ITEM_RE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
SUBITEM_RE = re.compile(r"^[a-z]\.\s+\S")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
NUMBERED_HEADING_RE = re.compile(r"^(\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.|§\s*\d+\.?|Artikel\s+\d+\w?)\s+\S")


@dataclass
class Block:
    """Lines that belong together under one heading, before any splitting."""

    section: str | None
    item_no: str | None
    item_title: str | None
    item_type: str | None
    lines: list[Line] = field(default_factory=list)
    page: int = 1


def _canonical_type(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:]


# --------------------------------------------------------------------------- agenda


def _parse_agenda_item(lines: list[Line], i: int, stop: int) -> tuple[str, str | None, list[str], int]:
    """Read an item's title block starting at line ``i``.

    Returns (title, item_type, sub_item_lines, index of the first body line).
    """
    m = ITEM_RE.match(lines[i].text)
    assert m
    first = m.group(2)
    title_parts = [first]
    subs: list[str] = []
    j = i + 1
    found_type: str | None = None
    limit = min(stop, i + 9)
    while j < limit:
        t = lines[j].text
        if TYPE_LINE_RE.match(t):
            found_type = _canonical_type(t)
            j += 1
            break
        if re.search(r"[.!?]$|\.\s", t) and not SUBITEM_RE.match(t):
            break
        if lines[j].blank_before and not subs and not SUBITEM_RE.match(t):
            break
        if SUBITEM_RE.match(t):
            subs.append(t)
        elif subs:
            subs[-1] = f"{subs[-1]} {t}"
        else:
            title_parts.append(t)
        j += 1
    if found_type is None:
        # No type line: the title is the item line plus lower-case continuations.
        title_parts = [first]
        subs = []
        j = i + 1
        while j < stop and not lines[j].blank_before and lines[j].text[:1].islower() and j < i + 3:
            title_parts.append(lines[j].text)
            j += 1
    title = re.sub(r"\s+", " ", " ".join(title_parts)).strip()
    if found_type is None:
        m2 = TYPE_AT_END_RE.match(title)
        if m2:
            title, found_type = m2.group("title"), _canonical_type(m2.group("type"))
        elif re.match(r"^(AOB|Diversen)\b", title):
            found_type = "AOB"
    return title, found_type, subs, j


def _agenda_blocks(lines: list[Line], start: int) -> list[Block]:
    """Blocks for the agenda part, ``lines[start]`` being its heading."""
    blocks: list[Block] = []
    section: str | None = None
    next_roman = 0
    next_item = 1
    i = start + 1
    # Skip the rest of the heading (meeting place and dates).
    while i < len(lines) and not (SECTION_RE.match(lines[i].text) or ITEM_RE.match(lines[i].text)):
        i += 1
    current: Block | None = None
    while i < len(lines):
        text = lines[i].text
        sm = SECTION_RE.match(text)
        if sm and next_roman < len(ROMAN) and sm.group(1) == ROMAN[next_roman]:
            section = f"{sm.group(1)}. {sm.group(2).strip()}"
            next_roman += 1
            next_item = 1
            current = None
            i += 1
            continue
        im = ITEM_RE.match(text)
        if im and int(im.group(1)) == next_item:
            stop = _next_boundary(lines, i + 1, next_item + 1, next_roman)
            title, item_type, subs, body = _parse_agenda_item(lines, i, stop)
            current = Block(section, im.group(1), title, item_type, page=lines[i].page)
            current.lines = [Line(s, lines[i].page, True) for s in subs] + lines[body:stop]
            blocks.append(current)
            next_item += 1
            i = stop
            continue
        if current is None:
            # Text under a section before any numbered item (copies of web pages lose
            # the item numbers): keep it in a block of the section instead of dropping it.
            current = Block(section, None, None, None, page=lines[i].page)
            blocks.append(current)
        current.lines.append(lines[i])
        i += 1
    # A section block of headings only ("Raad wetgevende besprekingen") carries no content.
    return [b for b in blocks if b.item_no is not None or any(re.search(r"[.!?]$", x.text) for x in b.lines)]


def _next_boundary(lines: list[Line], i: int, next_item: int, next_roman: int) -> int:
    while i < len(lines):
        t = lines[i].text
        im = ITEM_RE.match(t)
        if im and int(im.group(1)) == next_item:
            return i
        sm = SECTION_RE.match(t)
        if sm and next_roman < len(ROMAN) and sm.group(1) == ROMAN[next_roman]:
            return i
        i += 1
    return i


# --------------------------------------------------------------------------- headed text


def _heading_at(lines: list[Line], i: int, width: int) -> tuple[str, int] | None:
    """If a heading starts at ``lines[i]``, return (heading text, index after it)."""
    first = lines[i].text
    if not (first[:1].isupper() or first[:1].isdigit() or first[:1] == "§"):
        return None
    if i > 0 and not lines[i].blank_before:
        prev = lines[i - 1].text
        if not (re.search(r"[.!?:;]$", prev) or is_short(prev, first, width)):
            return None
    numbered = bool(NUMBERED_HEADING_RE.match(first))
    parts: list[str] = []
    j = i
    while True:
        if j >= len(lines) or j >= i + 3:
            return None  # three full lines without an end: a paragraph, not a heading
        t = lines[j].text
        if j > i and lines[j].blank_before:
            break
        if re.search(r"[.!?;,:]$", t) and not re.match(r"^(\d+(?:\.\d+)*\.?|[IVX]+\.)$", t):
            return None
        parts.append(t)
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        j += 1
        if nxt is None or nxt.blank_before:
            break
        if nxt.text[:1].islower():  # the heading goes on
            continue
        if is_short(t, nxt.text, width) or numbered:
            break
        # A full line followed by a capital: a wrapped heading or a paragraph; the
        # next line decides.
    heading = parts[0]
    for part in parts[1:]:
        heading = join_two(heading, part, set())
    if len(heading) > 160 or len(heading) < 3 or re.search(r"\.\s", heading.rstrip(".")) and not numbered:
        return None
    if j >= len(lines):
        return None
    body_first = lines[j].text
    if SIGNATURE_ROLE_RE.match(first) or NAME_RE.match(first):
        return None
    if not (body_first[:1].isupper() or body_first[:1].isdigit() or body_first[:1] in "•-–(‘'\"“"):
        return None
    return heading, j


def _headed_blocks(lines: list[Line], section: str | None, width: int, intro_title: str | None) -> list[Block]:
    blocks: list[Block] = []
    current = Block(section, None, intro_title, None, page=lines[0].page if lines else 1)
    i = 0
    while i < len(lines):
        h = _heading_at(lines, i, width)
        if h:
            heading, body = h
            if current.lines:
                blocks.append(current)
            current = Block(section, None, heading.rstrip(":"), None, page=lines[i].page)
            i = body
            continue
        current.lines.append(lines[i])
        i += 1
    if current.lines:
        blocks.append(current)
    return blocks


def _signature_start(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:-1]):
        if SIGNATURE_ROLE_RE.match(line.text) and NAME_RE.match(lines[i + 1].text):
            return i
    return None


def _preamble_end(lines: list[Line]) -> int:
    """Index of the first content line after the masthead, addressee and date."""
    end = 0
    for i, line in enumerate(lines[:40]):
        t = line.text
        if i >= end and re.search(r"[.!?]$", t) and not re.match(r"^(Nr\.|Aan de|Den Haag)", t):
            break  # body text has begun; a later date line is a signature, not a preamble
        if re.match(r"^(Den Haag|[’'‘]s-Gravenhage|Voorgesteld|Ontvangen)\b", t) or re.match(r"^Aan de\b", t):
            end = i + 1
        elif re.match(r"^Nr\.\s*\d+", t):
            end = i + 1
            # the document line may wrap
            k = i + 1
            while k < len(lines) and k < i + 4 and not re.match(r"^(Aan|Den Haag|Voorgesteld|Ontvangen)\b", lines[k].text):
                if lines[k].text.isupper() or lines[k].text[:1].islower():
                    k += 1
                else:
                    break
            end = k
    return end


# --------------------------------------------------------------------------- public API


def letter_blocks(letter: Letter, pack_words: int) -> list[Block]:
    """The letter's structure: agenda items and headed sections, before splitting.

    Args:
        letter: The parsed letter.
        pack_words: Neighbouring small sections of a document without an agenda are
            packed together up to about this many words.
    """
    lines = letter.lines
    width = line_width(lines)
    agenda_idx = next((i for i, x in enumerate(lines) if AGENDA_HEADING_RE.match(x.text)), None)
    body_start = _preamble_end(lines[: agenda_idx] if agenda_idx is not None else lines)
    cover = lines[body_start:agenda_idx] if agenda_idx is not None else lines[body_start:]
    sig = _signature_start(cover)
    if sig is not None:
        after = cover[sig:]
        # Skip the signatures themselves: role lines and name lines.
        k = 0
        while k < len(after) and (SIGNATURE_ROLE_RE.match(after[k].text) or NAME_RE.match(after[k].text)):
            k += 1
        tail = after[k:] if agenda_idx is None else []
        cover = cover[:sig] + tail
    blocks: list[Block] = []
    if agenda_idx is not None:
        if cover:
            blocks += _headed_blocks(cover, "Aanbiedingsbrief", width, "Inleiding")
        blocks += _agenda_blocks(lines, agenda_idx)
    elif cover:
        blocks += _pack_small(_headed_blocks(cover, None, width, None), pack_words)
    return [b for b in blocks if b.lines or b.item_title]


def _words(block: Block) -> int:
    return sum(len(x.text.split()) for x in block.lines)


# A heading that opens an article of a bill or decree ("Artikel 6 Samenstelling", "ARTIKEL II"),
# not a reference to a part of one ("Artikel 3, lid 1, onderdeel b", a cell of a comparison table).
ARTICLE_HEADING_RE = re.compile(r"(?i:artikel)\s+(?:\d+[a-z]?|[IVXLC]+[A-Z]?)(?=\s+[A-Z(]|$)")


def _is_article(block: Block) -> bool:
    return bool(ARTICLE_HEADING_RE.match(block.item_title or ""))


def _pack_small(blocks: list[Block], max_words: int) -> list[Block]:
    """Merge neighbouring small sections so chunks have a useful size; the inner
    headings stay in the text as their own lines. Two articles of a law never share a
    chunk: an article is what is cited and asked for ("artikel 6", "which article
    holds the evaluation clause"), and a one-sentence article packed under its
    neighbour's heading was found neither by its words nor by its meaning."""
    packed: list[Block] = []
    holds_article: list[bool] = []  # per packed block: whether an article is in it
    for block in blocks:
        article = _is_article(block)
        if packed and not (article and holds_article[-1]):
            prev = packed[-1]
            a, b = _words(prev), _words(block)
            if a + b <= max_words and (a < 120 or b < 40):
                head = [Line(block.item_title, block.page, True)] if block.item_title else []
                prev.lines = prev.lines + head + block.lines
                holds_article[-1] = holds_article[-1] or article
                continue
        packed.append(block)
        holds_article.append(article)
    return packed
