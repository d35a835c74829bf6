"""Is a question Dutch or English?

Questions are short, so a word list beats a statistical model: count words that
only occur in one of the two languages' function-word lists.

Example:
    >>> from rag.language import detect_language
    >>> detect_language("What is the Dutch position on Europol?"), detect_language("Wat vindt het kabinet?")
    ('en', 'nl')
"""

from __future__ import annotations

import re

# A word of lower-cased text: letters and digits, joined by inner hyphens or apostrophes.
WORD_RE = re.compile(r"[0-9a-zà-ÿ]+(?:[-'][0-9a-zà-ÿ]+)*")

# Function words that are frequent in one language and not words of the other.
ENGLISH = set(
    "the a an of to and is are was were be been what which who whom whose when where why how does do did "
    "on about with for from this that these those there their its it they he she we you your our not "
    "will would should could can may might has have had government dutch netherlands position view "
    "regarding than then into".split()
)
DUTCH = set(
    "de het een van en is zijn was waren wat welke wie wanneer waar waarom hoe hoeveel doet doen deed "
    "over met voor uit dit dat deze die er hun zij wij jij u uw ons niet wordt worden werd zal zou "
    "kan kunnen mag heeft hebben had kabinet nederland nederlandse standpunt positie inzet naar bij "
    "ook nog al dan om te tot op aan".split()
)


def detect_language(text: str) -> str:
    """``'en'`` when the text reads as English, else ``'nl'`` (our default)."""
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    en = sum(1 for w in words if w in ENGLISH and w not in DUTCH)
    nl = sum(1 for w in words if w in DUTCH and w not in ENGLISH)
    return "en" if en > nl else "nl"
