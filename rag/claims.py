"""The claims of a generated answer, each with the sources it cites.

An LLM answer cites its sources with ``[n]`` markers (``[1]``, ``[1, 2]``, ``[1-3]``).
:func:`split_claims` cuts it into sentences, each with the source numbers it cites,
for :mod:`rag.grounding` to check one by one.

Example:
    >>> from rag.claims import split_claims
    >>> claims, uncited = split_claims("ETIAS start eind 2026 [1]. Dat is later dan gepland [1-2].")
    >>> [c.cites for c in claims], uncited
    ([[1], [1, 2]], [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.sentences import split_sentences

# [1], [1, 2], [1;2], [1-2], [1–3]; "[1][2]" is two markers.
CITATION = re.compile(r"\[(\d{1,2}(?:\s*[,;–-]\s*\d{1,2})*)\]")


@dataclass
class Claim:
    """A sentence of a generated answer and the source numbers it cites."""

    text: str
    cites: list[int]
    # Its citations are those of the sentence after it (it carried none of its own).
    borrowed: bool = False


def parse_citations(marker: str) -> list[int]:
    """``"1, 2"`` -> [1, 2]; ``"1-3"`` -> [1, 2, 3]."""
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", marker):
        if re.fullmatch(r"\d{1,2}\s*[–-]\s*\d{1,2}", part):
            a, b = (int(x) for x in re.split(r"\s*[–-]\s*", part))
            out += list(range(min(a, b), max(a, b) + 1)) if b - a < 10 else [a, b]
        elif part.strip().isdigit():
            out.append(int(part))
    return out


def split_claims(text: str) -> tuple[list[Claim], list[str]]:
    """Sentences with the citations they carry; a citation at the end of a run of
    uncited sentences covers the run. Returns (claims, trailing uncited sentences)."""
    # "... omlaag [1][2]. In 2025 ...": a citation closes its sentence, even where the splitter missed it.
    text = re.sub(r"(\]\s*[.;!?])\s+(?=\S)", "\\1\n", text)
    sentences: list[str] = []
    for s in split_sentences(text):
        if sentences and not CITATION.sub("", s.text).strip(" .,;:"):
            sentences[-1] = f"{sentences[-1]} {s.text}"  # "... versterken. [1]"
        else:
            sentences.append(s.text)
    claims: list[Claim] = []
    pending: list[str] = []
    for sent in sentences:
        cites = list(dict.fromkeys(n for m in CITATION.finditer(sent) for n in parse_citations(m.group(1))))
        if not cites:
            pending.append(sent)
            continue
        for p in pending:
            claims.append(Claim(p.strip(" .,;"), cites, borrowed=True))
        pending = []
        # A sentence may cite twice ("A [1] en B [2]."): each part is its own claim.
        last = 0
        parts = []
        for m in CITATION.finditer(sent):
            parts.append((sent[last:m.start()], parse_citations(m.group(1))))
            last = m.end()
        tail = sent[last:].strip(" .,;")
        if len(parts) > 1 and all(len(p[0].split()) >= 4 for p in parts):
            claims += [Claim(part.strip(" ,;"), part_cites) for part, part_cites in parts]
        else:
            claims.append(Claim(CITATION.sub("", sent).strip(), cites))
        if tail and len(tail.split()) >= 4:
            pending.append(tail)
    return claims, pending
