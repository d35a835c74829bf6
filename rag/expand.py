"""Read a question typed in a hurry in the letters' own words: shorthand and typos.

Staff type "rtb verlenging?" or "eurpol inzet nl". Two kinds of knowledge turn that
into something both the dense and the keyword ranking can match:

- **Abbreviations the letters define themselves**, collected at index time from
  every chunk: "Richtlijn Tijdelijke Bescherming (RTB)", "ETIAS (European Travel
  Information and Authorisation System)", "(hierna: ATR)". The long form is found
  by matching the letters of the short form to the initials of the words before it
  (the Schwartz-Hearst rule), so only real definitions are kept.
- **Common officialese** (NL, kab., Cie, vo, mbt, wnr, ...): a short fixed list.
- **Typos**: a word of the question that is not in the indexed vocabulary is
  matched against it with rapidfuzz (edit distance 1 for words of 5-7 letters,
  2 for longer ones) and the indexed spelling is used.

Expansions are appended, never substituted for what the person typed, so a
wrong expansion costs little.

Example:
    >>> from rag.expand import find_definitions
    >>> find_definitions("de Richtlijn Tijdelijke Bescherming (RTB) loopt af")
    {'RTB': 'Richtlijn Tijdelijke Bescherming'}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

# Officialese as staff write it in notes and chat; keys are matched case-insensitively
# as whole words (a trailing dot is optional).
COMMON = {
    "nl": "Nederland", "kab": "kabinet", "cie": "Commissie", "com": "Europese Commissie",
    "ec": "Europese Commissie", "ep": "Europees Parlement", "ms": "lidstaten", "ls": "lidstaten", "lsn": "lidstaten",
    "vo": "verordening", "rl": "richtlijn", "ao": "algemeen overleg", "so": "schriftelijk overleg",
    "mbt": "met betrekking tot", "m.b.t": "met betrekking tot", "ivm": "in verband met",
    "i.v.m": "in verband met", "wnr": "wanneer", "obv": "op basis van", "tav": "ten aanzien van",
    "t.a.v": "ten aanzien van", "mn": "met name", "oa": "onder andere", "o.a": "onder andere",
    "tk": "Tweede Kamer", "ek": "Eerste Kamer", "rvs": "Raad van State", "mvt": "memorie van toelichting",
    "nvw": "nota van wijziging", "amvb": "algemene maatregel van bestuur", "zbo": "zelfstandig bestuursorgaan",
    "wv": "wetsvoorstel", "min": "minister", "stas": "staatssecretaris", "bewinds": "bewindspersoon",
    "jbz": "Justitie en Binnenlandse Zaken", "bzk": "Binnenlandse Zaken en Koninkrijksrelaties",
    "j&v": "Justitie en Veiligheid", "jenv": "Justitie en Veiligheid", "ez": "Economische Zaken",
    "ezk": "Economische Zaken en Klimaat", "vws": "Volksgezondheid, Welzijn en Sport", "bz": "Buitenlandse Zaken",
    "ga": "geannoteerde agenda", "bnc": "Beoordeling Nieuwe Commissievoorstellen", "aob": "any other business",
    "pv": "procedurevergadering", "wgo": "wetgevingsoverleg", "nav": "naar aanleiding van",
    "n.a.v": "naar aanleiding van", "wrt": "with regard to", "govt": "government", "gov": "government",
}

_ACRONYM = r"[A-Z][A-Za-z0-9&]{1,9}"
# "Long Form (SF)" and "Long Form (hierna: SF)"
_PAREN_SHORT = re.compile(rf"\((?:hierna(?: te noemen)?:?\s*(?:de |het )?)?({_ACRONYM})\)")
# "SF (Long Form)"
_SHORT_PAREN = re.compile(rf"\b({_ACRONYM})\s+\(([^()]{{6,120}})\)")
WORD_RE = re.compile(r"[0-9A-Za-zÀ-ÿ]+(?:[-'][0-9A-Za-zÀ-ÿ]+)*")


def _is_acronym(short: str) -> bool:
    return sum(ch.isupper() for ch in short) >= 2 and not short.isdigit()


def _initials_match(short: str, words: list[str]) -> bool:
    """Schwartz-Hearst: the short form's letters appear in order in the words, from
    the end backwards, its first letter at the start of the first word."""
    letters = [ch.lower() for ch in short if ch.isalnum()]
    text = " ".join(words).lower()
    if not words or not letters or not text.startswith(letters[0]):
        return False
    pos = len(text)
    for ch in reversed(letters[1:]):
        pos = text.rfind(ch, 0, pos)
        if pos <= 0:
            return False
    return True


def _plausible(words: list[str]) -> bool:
    """A long form is words, not numbers or initials ("P H Omtzigt")."""
    return all(len(w) > 1 and not any(ch.isdigit() for ch in w) for w in words)


def _long_form_before(short: str, before: str) -> str | None:
    words = WORD_RE.findall(before.split("\n")[-1] if "\n" in before[-200:] else before)[-(len(short) + 5):]
    n_letters = sum(ch.isalnum() for ch in short)
    # Fewest words first: "Europese Unie (EU)" not "de Europese Unie (EU)".
    for n in range(max(1, n_letters - 2), min(len(words), n_letters + 3) + 1):
        candidate = words[-n:]
        if candidate[0][0].lower() == short[0].lower() and _initials_match(short, candidate) and _plausible(candidate):
            return " ".join(candidate)
    return None


def find_definitions(text: str) -> dict[str, str]:
    """Abbreviations a text defines, short form -> long form."""
    found: dict[str, str] = {}
    for m in _PAREN_SHORT.finditer(text):
        short = m.group(1)
        if not _is_acronym(short):
            continue
        long = _long_form_before(short, text[max(0, m.start() - 200) : m.start()])
        if long:
            found.setdefault(short, long)
    for m in _SHORT_PAREN.finditer(text):
        short, inside = m.group(1), m.group(2)
        words = WORD_RE.findall(inside)
        if (_is_acronym(short) and short not in found and words and _plausible(words)
                and _initials_match(short, words[: len(short) + 4])):
            found[short] = inside.strip()
    return found


def collect_definitions(texts: Iterable[str]) -> dict[str, str]:
    """The most frequent long form of each short form over many texts."""
    votes: dict[str, Counter] = {}
    for text in texts:
        for short, long in find_definitions(text).items():
            votes.setdefault(short, Counter())[long] += 1
    return {short: counts.most_common(1)[0][0] for short, counts in sorted(votes.items())}


@dataclass
class Expansion:
    """A question and what was added to it."""

    query: str
    added: list[str] = field(default_factory=list)
    corrected: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The question with its expansions, for embedding and keyword search."""
        extra = self.added + [w for w in self.corrected.values() if w not in self.added]
        return f"{self.query} ({'; '.join(extra)})" if extra else self.query


class QueryExpander:
    """Expands questions with the letters' abbreviations, common officialese and
    corrected spellings.

    Args:
        definitions: Short form -> long form, as :func:`collect_definitions` makes them.
        vocabulary: Word -> count over the indexed chunks (lower case).
        common: Officialese; :data:`COMMON` when None.
        correct_typos: Match unknown words against ``vocabulary``.
    """

    def __init__(self, definitions: dict[str, str], vocabulary: Counter | dict[str, int],
                 common: dict[str, str] | None = None, correct_typos: bool = True) -> None:
        self.definitions = {k.lower(): v for k, v in definitions.items()}
        self.common = COMMON if common is None else common
        self.vocabulary = vocabulary
        self.correct_typos = correct_typos
        # Typo candidates: indexed words long enough to be worth correcting to.
        self._candidates = [w for w, n in vocabulary.items() if len(w) >= 5 and not w.isdigit()]

    @classmethod
    def from_texts(cls, texts: Iterable[str], definitions: dict[str, str] | None = None, **kwargs) -> QueryExpander:
        """An expander over ``texts``: their vocabulary, and their definitions unless
        ``definitions`` (e.g. the ones kept with the index) are given. With definitions,
        ``texts`` is read once and may be a generator (no list of every text at once)."""
        if definitions is None:
            texts = list(texts)
        vocab = Counter(w.lower() for t in texts for w in WORD_RE.findall(t))
        return cls(collect_definitions(texts) if definitions is None else definitions, vocab, **kwargs)

    def expand(self, query: str, english: bool = False) -> Expansion:
        out = Expansion(query)
        lowered = query.lower()
        for raw in re.findall(r"[0-9A-Za-zÀ-ÿ&.]+", query):
            word = raw.lower().rstrip(".")
            long = self.definitions.get(word) or self.common.get(word)
            # An abbreviation that is also an ordinary indexed word (e.g. "com") is
            # only expanded when written in capitals.
            if long and (raw.rstrip(".").isupper() or self.vocabulary.get(word, 0) < 3 or word in self.definitions):
                if long.lower() not in lowered and long not in out.added:
                    out.added.append(long)
        if self.correct_typos and not english:
            self._correct(query, out)
        return out

    def _correct(self, query: str, out: Expansion) -> None:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        for word in {w.lower() for w in WORD_RE.findall(query)}:
            if len(word) < 5 or word.isdigit() or word in self.vocabulary or word in self.common:
                continue
            limit = 1 if len(word) <= 7 else 2
            best = process.extractOne(word, self._candidates, scorer=Levenshtein.distance, score_cutoff=limit)
            if best is not None:
                out.corrected[word] = best[0]
