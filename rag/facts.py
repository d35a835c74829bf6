"""The facts a sentence states: numbers, dates and names.

A generated claim must not state a figure, a date or a name its source lacks
(:mod:`rag.grounding`). These functions read them from text in both languages:
numbers as digits or words (``72.791``, ``72,791``, ``1,8 miljoen``, ``drie``,
``three``), months, quarters, seasons and whole dates, and the capitalised words
and acronyms that name a country, body, person or instrument.

Example:
    >>> from rag.facts import numbers_in
    >>> sorted(numbers_in("72.791 migranten, 2,5 miljoen en drie landen"))
    [2.5, 3.0, 72.791, 72791.0]
"""

from __future__ import annotations

import re

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

from rag.claims import CITATION
from rag.question import MONTHS_EN, MONTHS_NL, month_number, regex_fold

_NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "twintig": 20, "dertig": 30,
    "veertig": 40, "vijftig": 50, "honderd": 100, "duizend": 1000, "tweemaal": 2, "driemaal": 3,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000, "twice": 2, "thrice": 3,
}
_UNITS_NL = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TENS_NL = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
            "negentig": 90}
_NUMBER_WORDS.update({"zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "zestig": 60, "zeventig": 70,
                      "tachtig": 80, "negentig": 90, "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17,
                      "eighteen": 18, "nineteen": 19, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
for _i, _unit in enumerate(_UNITS_NL, start=1):
    for _word, _ten in _TENS_NL.items():
        _NUMBER_WORDS[f"{_unit}{'ën' if _unit.endswith('e') else 'en'}{_word}"] = _ten + _i
# "een"/"one" are articles far more often than numbers: a claim may use them freely.
_FREE_NUMBERS = {"een", "één", "one"}
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
             "1e": 1, "2e": 2, "3e": 3, "4e": 4, "laatste": 4, "last": 4, "final": 4}
_QUARTER = re.compile(r"\b(eerste|tweede|derde|vierde|laatste|first|second|third|fourth|last|final|1e|2e|3e|4e)\s+"
                      r"(kwartaal|quarter)\b|"
                      r"\bQ([1-4])\b", re.I)

# Words around a figure that say nothing of what it counts.
_GRAMMAR = set(STOPWORDS_DUTCH) | set(STOPWORDS_EN) | {"per", "circa", "ongeveer", "about", "around", "than", "dan"}

# Capitalised for grammar, not because they name something.
_NOT_ENTITIES = set(
    """de het een dit dat deze die er in op volgens voor met ook daarnaast verder bovendien wel niet nee ja
    zo als bij na om over uit tot naar aan door hierbij hiermee daarmee daarbij dan maar en of want zij hij
    wij ze we u ik men the a an this that these those in on according for with also yes no not it its they
    there as at by after to from of and or but if so while however moreover furthermore both
    north south east west northern southern eastern western counter core central general national
    international january february march april may june july august september october november december
    coordinator commissioner president presidency chair chairman director secretary representative envoy
    agency authority office committee""".split()
)


# "acht" is eight, and also the verb "achten": "Nederland acht nauwere samenwerking waardevol",
# "het kabinet acht het van belang". Eight when a plural noun ("acht (nieuwe) lidstaten"), a
# unit or "van" follows, or nothing does; the verb otherwise. (A verb before a plural, "acht
# innovatieve oplossingen belangrijk", is read as eight: a figure to find, the safe side.)
_EIGHT = re.compile(r"\bacht\b(?=\s*(?:[.,;:)]|$|(?:van|tot|of|en|à|op|uit|procent|jaar|keer|maal|uur|miljoen|miljard|"
                    r"duizend|honderd|(?:\w+e\s+)?\w+(?:en|s))\b))", re.I)


def _says_number(word: str, text: str) -> bool:
    """Does ``text`` use the number word ``word`` as a number?"""
    if word == "acht":
        return _EIGHT.search(text) is not None
    return re.search(rf"\b{word}\b", text, re.I) is not None


def year_beside_figure(claim: str, near: int = 6) -> bool:
    """Does the claim give a year within ``near`` words of another figure ("64% meer dan in 2024")?"""
    words = claim.split()
    years = [i for i, w in enumerate(words) if re.fullmatch(r"\W*(?:19|20)\d\d\W*", w)]
    figures = [i for i, w in enumerate(words) if re.search(r"\d", w) and i not in years]
    return any(abs(i - j) <= near for i in years for j in figures)


def numbers_in(text: str) -> set[float]:
    """Every value a number in ``text`` may stand for (``72,791`` is 72791 or 72.791)."""
    values: set[float] = set()
    cleaned = re.sub(r"(?<=[A-Za-zÀ-ÿ)])[⁰¹²³⁴⁵⁶⁷⁸⁹]+", " ", text)
    for m in re.finditer(r"(?<![\w])\d+(?:[.,]\d+)*", cleaned):
        raw = m.group(0)
        parts = re.split(r"[.,]", raw)
        if len(parts) == 1:
            values.add(float(raw))
            continue
        if all(len(p) == 3 for p in parts[1:]):
            values.add(float("".join(parts)))  # thousands separators
        if len(parts) == 2:
            values.add(float(f"{parts[0]}.{parts[1]}"))  # a decimal
    for word, value in _NUMBER_WORDS.items():
        if _says_number(word, text):
            values.add(float(value))
    return values


_SOURCE_REFERENCE = re.compile(r"\b(bron(nen)?|source|sources|passage|fragment)\s+\d{1,2}(\s*(en|and|,)\s*\d{1,2})*\b", re.I)


# A count of the claim's own list: "drie bewindspersonen: de minister van JenV, de minister van
# AenM en de staatssecretaris van JenV", "two steps (a and b)". The items are checked as the
# claim's words; their number is no figure the source must give.
_OWN_LIST = re.compile(r"(?<![\w.,€$])(?<!€ )(\d{1,2}|" + "|".join(w for w in _NUMBER_WORDS if not w.endswith("maal")) +
                       r")\s+(?!(?:miljoen|miljard|duizend|euro|eur|mln|mld|procent|percent|million|billion|thousand|"
                       r"keer|maal|jaar|jaren|maanden|weken|dagen|uur|years|months|weeks|days|hours)\b)"
                       r"(?:[\w-]+\s+){0,3}?[\w-]+\s*(?::|\(|,?\s*(?:namelijk|te weten|namely))\s*([^.;()]+)", re.I)


def _counts_own_list(text: str) -> str:
    """``text`` without each number that counts the list following it."""
    def drop(m: re.Match[str]) -> str:
        word = m.group(1).lower()
        value = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
        # Commas part the items, and the last "en"/"and": before an article when there is one
        # ("... van Asiel en Migratie en de staatssecretaris"), for a name may hold one too.
        *first, last = [x for x in re.split(r",\s*", m.group(2).strip()) if x.strip()] or [""]
        ends = re.split(r"\s+(?:en|and|&)\s+(?=(?:de|het|een|the|a|an)\b)", last, flags=re.I)
        if len(ends) == 1:
            ends = re.split(r"\s+(?:en|and|&)\s+(?!.*\s(?:en|and|&)\s)", last, flags=re.I)
        items = first + [x for x in ends if x.strip()]
        return m.group(0)[len(m.group(1)):] if value is not None and value > 1 and len(items) == value else m.group(0)
    return _OWN_LIST.sub(drop, text)


def claim_numbers(text: str) -> list[set[float]]:
    """Each number the claim states, as the set of values it may stand for ("bron 1" is no figure,
    nor "drie" in "drie bewindspersonen: A, B en C")."""
    out = []
    text = _counts_own_list(_SOURCE_REFERENCE.sub(" ", text))
    cleaned = re.sub(r"(?<=[A-Za-zÀ-ÿ)])[⁰¹²³⁴⁵⁶⁷⁸⁹]+", " ", text)
    for m in re.finditer(r"(?<![\w])\d+(?:[.,]\d+)*", cleaned):
        out.append(numbers_in(m.group(0)))
    for word, value in _NUMBER_WORDS.items():
        if word not in _FREE_NUMBERS and _says_number(word, text):
            out.append({float(value)})
    return out


# "25%", "2 procent", "+64%", "10-15%", "10 tot 15 procent", "3 procentpunt", "2 percentage points".
_PERCENT_RE = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?:\s*(?:-|–|tot|to)\s*(\d+(?:[.,]\d+)?))?\s*"
    r"(?:%|procent|percent|per\s+cent|procentpunt|percentage\s+point)", re.I)


def percentages_in(text: str) -> set[float]:
    """The percentages ``text`` states, as numbers (both ends of a range)."""
    return {float(g.replace(",", ".")) for m in _PERCENT_RE.finditer(text) for g in m.groups() if g}


_MONTH_RE = re.compile(
    r"\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|"
    r"february|march|june|july|august|october|jan|feb|mrt|apr|aug|sept?|okt|oct|nov|dec)\b", re.I)


def months_in(text: str) -> set[int]:
    """Months named in ``text`` (Dutch, English, abbreviated; not the English verb "may")."""
    return {month_number(m.group(1)) for m in _MONTH_RE.finditer(text)}


_MONTH_NAMES = "|".join(dict.fromkeys(MONTHS_NL + MONTHS_EN))
_DATE_UNIT = re.compile(
    rf"\b(\d{{1,2}})\s+({_MONTH_NAMES})\s+(\d{{4}})\b|\b({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\b|"
    rf"\b({_MONTH_NAMES})\s+(?:van\s+|of\s+)?(\d{{4}})\b|"
    rf"\b(eerste|tweede|derde|vierde|first|second|third|fourth|1e|2e|3e|4e)\s+(?:kwartaal|quarter)\s+(?:van\s+|of\s+)?(\d{{4}})\b|"
    rf"\bQ([1-4])\s+(\d{{4}})\b", re.I)


def date_units(text: str) -> set[tuple]:
    """Dates as units, so that a right year beside a wrong month (or the reverse) is caught:
    ``("m", 4, 2026)`` for "april 2026" and "9 april 2026", ``("q", 4, 2026)`` for "Q4 2026"."""
    out: set[tuple] = set()
    for m in _DATE_UNIT.finditer(text):
        g = m.groups()
        if g[0] or g[3]:  # "9 april 2026", or "April 9, 2026"
            day, name, year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
            month = month_number(name)
            out |= {("d", int(day), month, int(year)), ("m", month, int(year))}
        elif g[6]:
            out.add(("m", month_number(g[6]), int(g[7])))
        elif g[8]:
            out.add(("q", _ORDINALS[regex_fold(g[8])], int(g[9])))
        else:
            out.add(("q", int(g[10]), int(g[11])))
    return out


_SEASONS = {"voorjaar": "spring", "lente": "spring", "spring": "spring", "zomer": "summer", "summer": "summer",
            "najaar": "autumn", "herfst": "autumn", "autumn": "autumn", "fall": "autumn", "winter": "winter"}


# "Fall" is a season only as one ("in the fall", "fall 2025"), not the verb ("should fall within its scope").
_FALL_SEASON = re.compile(r"\b(?:in|the|this|next|last|late|early|by|until|after|before|around|during|since|"
                          r"coming|upcoming)\s+fall\b|\bfall\s+(?:of\s+)?(?:19|20)\d\d\b", re.I)


def seasons_in(text: str) -> set[str]:
    """Seasons named in ``text``, in English (``najaar`` is ``autumn``)."""
    out = set()
    for m in re.finditer(r"\b(" + "|".join(_SEASONS) + r")\b", text, re.I):
        if m.group(1).lower() == "fall" and not _FALL_SEASON.search(text):
            continue
        out.add(_SEASONS[regex_fold(m.group(1))])
    return out


def quarters_in(text: str) -> set[int]:
    """Quarters named in ``text`` (``derde kwartaal``, ``Q3``: 3)."""
    out = set()
    for m in _QUARTER.finditer(text):
        out.add(int(m.group(3)) if m.group(3) else _ORDINALS[regex_fold(m.group(1))])
    return out


def entities_in(text: str) -> list[str]:
    """Capitalised words and acronyms after the first word: the names a claim states.

    The first word is capitalised for grammar and counts only as an acronym
    ("EES", "ATR"); in "EU-acquis" only "EU" is a name.
    """
    out = []
    for i, m in enumerate(re.finditer(r"[\wÀ-ÿ'’-]+", text)):
        for part in m.group(0).split("-"):
            word = re.sub(r"['’]s?$", "", part)
            if len(word) < 2 or not word[0].isupper() or word.lower() in _NOT_ENTITIES or word.lower() in _NUMBER_WORDS:
                continue
            if i == 0 and not (word.isupper() or any(c.isupper() for c in word[1:])):
                continue
            out.append(word)
    return out


def is_year(x: float) -> bool:
    return 1900 <= x <= 2100 and x == int(x)


def figures_held(claim: str, numbers: list[set[float]], near: str, own: str, related: str = "") -> bool:
    """Whether the passage holds every figure of ``claim`` (``numbers``: its :func:`claim_numbers`).

    ``own`` is the sentence that holds the claim, ``near`` that sentence with two on either
    side, ``related`` the near sentences that share the claim's words. Years must stand in
    ``own`` or ``related`` (a letter names many years; a claim joining two sentences, "het
    EES is op 12 oktober 2025 in gebruik genomen en wordt op alle grensdoorlaatposten
    gebruikt", takes its year from the one that has it); other figures, months and quarters
    within ``near``.
    """
    years = [v for v in numbers if any(is_year(x) for x in v)]
    own_years = {x for x in numbers_in(own) if is_year(x)}
    # When the own sentence gives a year, one of the claim's years must be it: the others may
    # stand in related sentences ("in 2008 verlengd tot 2011 en daarna tot 2015"), but a claim
    # whose only year is a related sentence's took that year from the wrong sentence.
    if own_years and years and not any(v & own_years for v in years):
        return False
    dated = f"{own} {related}"
    return (all(v & numbers_in(near) for v in numbers) and all(v & numbers_in(dated) for v in years)
            and months_in(claim) <= months_in(near) and quarters_in(claim) <= quarters_in(near)
            and date_units(claim) <= date_units(near) and seasons_in(claim) <= seasons_in(own))


_SLOT_TOKENS = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+")


def _slots(text: str) -> list[tuple[tuple[str, str, bool], set[float]]]:
    """Each figure of ``text`` with the words on either side of it and whether it is a
    percentage: ``(("minstens", "landen", False), {25.0})``. Only figures between two content
    words: "een korting van 1,2 miljard" and "een eigen risico van 165 euro" say nothing by
    "van", and the letter may give the same slot another figure for another year."""
    tokens = [t.lower() for t in _SLOT_TOKENS.findall(CITATION.sub(" ", text))]
    out = []
    for i, t in enumerate(tokens):
        if not t[0].isdigit() or i == 0 or i == len(tokens) - 1:
            continue
        before, after = tokens[i - 1], tokens[i + 1]
        if before[0].isdigit() or after[0].isdigit() or before in _GRAMMAR or after in _GRAMMAR:
            continue
        out.append(((before, after, t.endswith("%")), numbers_in(t.rstrip("%"))))
    return out


def swapped_figure(claim: str, source: str) -> bool:
    """Whether ``source`` gives one of ``claim``'s figures another value between the same two
    words, and never this one: "ratificatie door minstens 35 landen" where it says "minstens
    25 landen" (and 35 signed). A figure found elsewhere in the source is not enough when the
    very words around it carry another."""
    given: dict[tuple[str, str, bool], set[float]] = {}
    for slot, values in _slots(source):
        given.setdefault(slot, set()).update(values)
    return any(slot in given and not values & given[slot] for slot, values in _slots(claim))
