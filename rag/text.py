"""Typeset lines back into running text: wrapped lines joined into paragraphs,
line-break hyphens undone only where Dutch spelling allows, footnote markers found.

Shared by the parser (footnotes) and the chunker (items' text).

Example:
    >>> from rag.text import join_two
    >>> join_two("een struc-", "tureel karakter", set()), join_two("het EU-", "drugsbeleid", set())
    ('een structureel karakter', 'het EU-drugsbeleid')
"""

from __future__ import annotations

import re

from rag.documents import Line


def footnote_marker_re(n: int) -> re.Pattern[str]:
    """The marker of footnote ``n`` in the running text."""
    # A footnote marker is a number glued to the end of a word or punctuation:
    # "operationaliseren1", "c.s.2", "BNC-fiche5,", "HVV).6".
    return re.compile(rf"(?<=[a-zà-ÿ\)\.,;:’”]){n}(?=[\s.,;:)]|$)")


SUSPENDED_HYPHEN_NEXT = {"en", "of", "tot", "als", "noch", "dan", "maar", "and", "or"}


def join_two(left: str, right: str, hyphenated_words: set[str]) -> str:
    """Join two wrapped lines, undoing line-break hyphenation only where it is safe.

    ``EU-`` + ``drugsbeleid`` keeps its hyphen (capital before it); ``veilig-`` +
    ``derde-land-concept`` keeps it (part of a hyphenated compound); ``asiel-`` +
    ``en migratie`` is a suspended hyphen and keeps its space; ``struc-`` +
    ``tureel`` becomes ``structureel``.
    """
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and not left.endswith(" -"):
        first_word = right.split()[0]
        last_word = left.split()[-1]
        if first_word.lower() in SUSPENDED_HYPHEN_NEXT:
            return f"{left} {right}"
        before = left[-2] if len(left) >= 2 else ""
        # A capitalised first part is a name or abbreviation ("Eurodac-systeem"):
        # Dutch spelling keeps that hyphen.
        if before.islower() and right[0].islower() and not last_word[:1].isupper():
            compound = "-" in last_word[:-1] or "-" in first_word
            seen_hyphenated = f"{last_word}{first_word.rstrip('.,;:')}".lower() in hyphenated_words
            if compound or seen_hyphenated:
                return left + right
            return left[:-1] + right
        return left + right
    if left.endswith(" -") and len(left) > 2 and left[-3].islower() and right[0].islower():
        return left[:-2] + right  # "struc -" / "tureel": a PDF extraction artefact
    return f"{left} {right}"


def unwrap(lines: list[Line], width: int, hyphenated_words: set[str] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Join wrapped lines into paragraphs (``\\n`` between paragraphs).

    A paragraph ends at an empty line, or at a line that ends a sentence while the
    next word would still have fitted on it.

    Returns:
        The text, and a (character offset, page) mark for every line start, so a
        part of the text can be traced back to its pages.
    """
    hyphenated_words = hyphenated_words or set()
    out = ""
    marks: list[tuple[int, int]] = []
    prev: Line | None = None
    for line in lines:
        if prev is None:
            out = line.text
            marks.append((0, line.page))
        elif line.blank_before or ends_paragraph(prev.text, line.text, width):
            marks.append((len(out) + 1, line.page))
            out = f"{out}\n{line.text}"
        else:
            marks.append((len(out), line.page))
            out = join_two(out, line.text, hyphenated_words)
        prev = line
    return out, marks


def ends_paragraph(line: str, next_line: str, width: int) -> bool:
    if not re.search(r"[.!?:;]\s*$", line):
        return False
    return is_short(line, next_line, width)


def is_short(line: str, next_line: str, width: int) -> bool:
    """True when the next line's first word would have fitted: the break was deliberate."""
    nxt = next_line.split()[0] if next_line.split() else ""
    return len(line) + 1 + len(nxt) < 0.9 * width


def line_width(lines: list[Line]) -> int:
    """The typeset line width in characters (a high percentile of line lengths)."""
    lengths = sorted(len(x.text) for x in lines if len(x.text) > 15)
    if not lengths:
        return 80
    return lengths[int(0.9 * (len(lengths) - 1))]


def hyphenated_vocabulary(lines: list[Line]) -> set[str]:
    """Words printed with a hyphen inside a line, lower-cased and without the hyphen."""
    words: set[str] = set()
    for line in lines:
        for w in re.findall(r"\b[\wà-ÿ]+-[\wà-ÿ]+\b", line.text):
            words.add(w.replace("-", "").lower())
    return words


def join_lines(lines: list[Line]) -> str:
    """The lines' text as one line, runs of whitespace made one space."""
    return re.sub(r"\s+", " ", " ".join(x.text for x in lines)).strip()
