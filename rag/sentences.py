"""Dutch-aware sentence splitting with character offsets.

syntok knows Dutch abbreviations ("a.s.", "o.a.", "t.a.v.", "art."); what it still
cuts wrongly (``jl. – voor de eerste keer –``) is glued back: a piece that does not
open like a sentence belongs to the one before it.

Example:
    >>> from rag.sentences import split_sentences
    >>> [s.text for s in split_sentences("Op 29 januari jl. – voor het eerst – publiceerde zij. Het kabinet steunt dit.")]
    ['Op 29 januari jl. – voor het eerst – publiceerde zij.', 'Het kabinet steunt dit.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import syntok.segmenter as segmenter

_OPENS_SENTENCE = re.compile(r"^[\"'‘“(\[]?[A-ZÀ-Þ0-9•·–-]")
_DASH_THEN_LOWER = re.compile(r"^[–-]\s*[a-zà-ÿ]")


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it stands in the text it came from."""

    start: int
    end: int
    text: str


def _opens_sentence(text: str) -> bool:
    return bool(_OPENS_SENTENCE.match(text)) and not _DASH_THEN_LOWER.match(text)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; each line of ``text`` is a paragraph."""
    out: list[Sentence] = []
    offset = 0
    for paragraph in text.split("\n"):
        pieces: list[tuple[int, int]] = []
        if paragraph.strip():
            for para in segmenter.analyze(paragraph):
                for sent in para:
                    tokens = list(sent)
                    if not tokens:
                        continue
                    start = tokens[0].offset
                    end = tokens[-1].offset + len(tokens[-1].value)
                    if pieces and not _opens_sentence(paragraph[start:end]):
                        pieces[-1] = (pieces[-1][0], end)
                    else:
                        pieces.append((start, end))
        for start, end in pieces:
            out.append(Sentence(offset + start, offset + end, paragraph[start:end]))
        offset += len(paragraph) + 1
    return out
