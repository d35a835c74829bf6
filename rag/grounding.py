"""Does a cited source say what a generated sentence claims?

An LLM answer is read claim by claim. A claim is accepted only when its cited
sources hold everything it states:

* every **number** (``72.791``, ``72,791``, ``1,8 miljoen``, ``drie``, ``three``),
* every **date** part (months, quarters; days and years are numbers),
* every **named entity** (a country, body, person or instrument), across Dutch and
  English spellings (``Commission`` ~ ``Commissie``, ``Ukraine`` ~ ``Oekraïne``),
* the **polarity**: a claim that says "niet", "geen", "not", "is kritisch" needs a
  source sentence that does too, and the other way round; a claim that takes a
  side ("steunt", "supports") needs a source sentence that takes one,
* and the **content**: enough of its words, or its meaning (embedding similarity,
  for English answers over Dutch letters), in one source sentence and its neighbour.

A sentence that only restates the question is no answer (an echo), whatever it cites.
Similarity alone is never enough: a fluent sentence with one wrong figure is close
to its source in meaning and still wrong.

The answer is cut into claims by :mod:`rag.claims`; figures, dates and names are read
by :mod:`rag.facts`.

Example:
    >>> from rag.grounding import GroundingCheck
    >>> source = "In 2024 kwamen 72.791 migranten aan."
    >>> GroundingCheck().check("In 2024 kwamen 72.791 migranten aan [1].", "Hoeveel migranten kwamen er?", [source]).ok
    True
    >>> wrong = GroundingCheck().check("In 2024 kwamen 82.791 migranten aan [1].", "Hoeveel migranten kwamen er?", [source])
    >>> wrong.ok, wrong.reason.startswith("a number")
    (False, True)
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from rag.claims import CITATION, split_claims
from rag.facts import (claim_numbers, entities_in, figures_held, is_year, months_in, numbers_in, percentages_in, quarters_in,
                       seasons_in, swapped_figure, year_beside_figure)
from rag.language import detect_language
from rag.question import dutch_words
from rag.sentences import Sentence, split_sentences
from rag.bm25 import DutchAnalyzer, synonyms

# Source-sentence vectors kept across checks: ~25 MB at EmbeddingGemma's 768 dimensions.
KEPT_VECTORS = 8192

# "Niet uitsluitend X, maar breder" and "not only X but also Y" add to X, they do not deny it.
NEGATIVE = re.compile(
    r"\b(niet(?!(?:\s+\w+)?\s+(?:alleen|uitsluitend|enkel|slechts)\b)|geen|nooit|noch|niemand|niets|nergens|zonder|geenszins|"
    r"onvoldoende|not(?!(?:\s+\w+)?\s+(?:only|solely|just|merely|exclusively)\b)|no|never|none|nobody|"
    r"nothing|neither|nor|cannot|without|insufficient|insufficiently)\b|n't\b", re.I)
STANCE_FOR = re.compile(
    r"\b(steunt|steunen|ondersteunt|verwelkomt|onderschrijft|kan\s+(zich\s+)?(\w+\s+)?(vinden|instemmen|steunen)|"
    r"stemt\s+in|(?<!geen\s)voorstander|is\s+positief|positief|(?<!not\s)in\s+favou?r|hecht|pleit|zet\s+zich\s+in|vindt(?!\s+plaats)|acht|"
    r"ziet\s+(?:\w+\s+){0,4}?(?:meerwaarde|mogelijkheden|kansen|nut)|waardeert|blij|verheugd|juicht\s+\w*\s*toe|"
    r"sees?\s+(?:\w+\s+){0,2}?(?:value|merit|opportunities)|"
    r"is\s+van\s+mening|supports|supported|welcomes?|backs?|endorses?|favours?|favors?|agrees?|positive|believes?|considers?|"
    # "support" as a verb or someone's support, not "sufficient financial support" for a treaty.
    r"(netherlands|cabinet|government|nl|it|we|they|also|fully|will|would|to|does|do|can|cannot|not|'s|its|their)"
    r"\s+support)\b",
    re.I)
STANCE_AGAINST = re.compile(
    r"\b(geen\s+voorstander|not\s+in\s+favou?r|is\s+kritisch|kritisch|verzet\s+zich|wijst\s+\w*\s*af|is\s+tegen|terughoudend|maakt\s+zich\s+zorgen|"
    r"zorgen(?!\s+(?:voor|dat|ervoor|we|wij|ze)\b)|bezorgd|opposes?|is\s+critical|critical|rejects?|reluctant|concerned|"
    # "concerns" as worry, not as "it only concerns proposals for regulations"
    r"(?<!\bit\s)(?<!\bthat\s)(?<!\bwhich\s)(?<!\bthis\s)(?<!\bonly\s)(?<!\balso\s)concerns|"
    # "the Netherlands is against X", not "set against the background of", "directed against"
    r"(?:netherlands|cabinet|government|nl|it|we|they)\s+(?:is|are|was|were|remains?)\s+"
    r"(?:firmly\s+|strongly\s+|still\s+|also\s+)?against)\b", re.I)
# Which way a figure or trend goes: "het eigen risico gaat omhoog" over a source that lowers it
# says the opposite, though every other word is the source's. Comparatives ("hoger dan",
# "minder", "more") are left out: they compare ("in 2024 lag het lager dan in 2025"), or are
# names ("hoger onderwijs").
FALL = re.compile(
    r"\b(daal\w*|dalen|gedaald|daling\w*|afname|afnam\w*|afgenomen|neemt\s+af|nam(?:en)?\s+af|omlaag|verlag\w*|"
    r"verlaagd|krimp\w*|gekrompen|halver\w*|fell|falls?|fallen|falling|decreas\w*|declin\w*|drop\w*|"
    r"reduc\w*|shr[ai]nk\w*)\b", re.I)
RISE = re.compile(
    r"\b(stijg\w*|steeg|stegen|gestegen|toename|toenam\w*|toegenomen|neemt\s+toe|nam(?:en)?\s+toe|omhoog|verhog\w*|"
    r"verhoogd|groei\w*|gegroeid|verdubbel\w*|rose|rises?|risen|rising|increas\w*|grew|grow\w*|doubl\w*)\b", re.I)
# Whether a measure goes on or is undone: "de verhoging wordt doorgezet" over a source where
# it "wordt teruggedraaid" says the opposite, in the source's own words. ("handhaven" is left
# out: it is to enforce as often as to keep.)
UNDO = re.compile(
    r"\b(teruggedraaid|terugdraai\w*|draai(?:t|en)\s+\w*\s*terug|geschrapt|schrap\w*|afgeschaft|afschaff\w*|"
    r"schaf(?:t|fen)\s+\w*\s*af|ingetrokken|intrekk\w*|stopgezet|stopt|stoppen|gestopt|beëindig\w*|"
    r"revers\w*|scrap\w*|abolish\w*|withdr[ae]w\w*|cancel\w*|discontinu\w*|rolled\s+back|undone|stops?|stopped)\b",
    re.I)
KEEP = re.compile(
    # "zet de verhoging van het tarief door": the particle, not "door" as a preposition.
    r"\b(doorgezet|doorzet\w*|voortgezet|voortzet\w*|"
    r"zet(?:ten)?(?:\s+[\w-]+){0,12}?\s+(?:door(?=\s*(?:[.,;:\[]|$|\s+(?:om|en|maar|omdat|zodat)\b))|voort\b)|"
    r"gaat\s+door|gaan\s+door|doorgaan|gehandhaafd|behouden|behoudt|"
    r"blijf[t]?(?:\s+[\w-]+){0,6}?\s+(?:bestaan|gelden|ongewijzigd|in\s+stand|staan)|"
    r"continu(?:e|es|ed|ing)|maintain\w*|retain\w*|kept|upheld|remains?\s+in\s+(?:place|force))\b", re.I)
# Who holds a view: a claim that the cabinet takes a side needs a source where it does.
HOLDER = re.compile(r"\b(kabinet|nederland|regering|minister|cabinet|netherlands|dutch|government)\b", re.I)


# English names of things the letters write in Dutch: the entity check looks for both.
EN_NL = {
    "netherlands": "nederland", "dutch": "nederland", "commission": "commissie", "council": "raad",
    "european": "europ", "europe": "europ", "union": "unie", "parliament": "parlement", "ukraine": "oekraïne",
    "ukrainian": "oekraïn", "ukrainians": "oekraïn", "russia": "rusland", "russian": "russisch", "syria": "syrië",
    "syrian": "syri", "libya": "libië", "lebanon": "libanon", "tunisia": "tunesië", "cabinet": "kabinet",
    "house": "kamer", "representatives": "tweede kamer", "senate": "eerste kamer", "state": "staat",
    "states": "staten", "member": "lidsta", "regulation": "verordening", "directive": "richtlijn",
    "strategy": "strategie", "pact": "pact", "code": "code", "visa": "visum", "tribunal": "tribunaal",
    "special": "speciaal", "court": "hof", "justice": "justitie", "home": "binnenlandse", "affairs": "zaken",
    "ministers": "ministerraad", "minister": "minister", "march": "maart", "june": "juni", "may": "mei",
    "october": "oktober", "august": "augustus", "charter": "handvest", "fundamental": "grondrecht",
    "rights": "recht", "migration": "migratie", "asylum": "asiel", "return": "terugkeer", "agenda": "agenda",
    "convention": "verdrag", "claims": "claim", "schengen": "schengen", "greece": "griekenland",
    "germany": "duitsland", "france": "frankrijk", "poland": "polen", "italy": "italië", "spain": "spanje",
    "belgium": "belgi", "hungary": "hongarije", "iraq": "irak", "turkey": "turkije", "egypt": "egypte",
    "morocco": "marokko", "denmark": "denemarken", "austria": "oostenrijk", "sweden": "zweden",
    "finland": "finland", "estonia": "estland", "latvia": "letland", "lithuania": "litouwen", "croatia": "kroatië",
    "czechia": "tsjechië", "slovakia": "slowakije", "slovenia": "slovenië", "romania": "roemenië",
    "bulgaria": "bulgarije", "cyprus": "cyprus", "ireland": "ierland", "portugal": "portugal", "article": "artikel", "government": "regering", "board": "college",
    "advisory": "advies", "regulatory": "regeldruk", "burden": "regeldruk", "king": "koning", "gdp": "bbp",
}


# Institutions that head compounds naming their own documents and acts ("Raadsconclusies").
# A document's acronym names it, not a fact: it is there when the source names the document.
DOCUMENT_ACRONYMS = {"mvt": "memorie van toelichting", "nvw": "nota van wijziging"}
COMPOUND_HEADS = ("raad", "commissie", "kamer", "kabinet", "parlement", "voorzitterschap")


class Words(frozenset):
    """A text's content words (stemmed, synonyms as one), each with the words it was written as:
    the stemmer cuts "migratie" to "migreer", which "migratiestromen" no longer starts with."""

    def __new__(cls, raw: dict[str, set[str]]) -> Words:
        words = super().__new__(cls, raw)
        words.raw = raw
        return words


def _alike(a: str, b: str, least: int = 5) -> bool:
    """Do two words of five letters or more name the same thing? One a prefix of the other, or
    the two sharing nearly all of the shorter one ("social", "sociaal"; "halveer", "halver").
    Not the head a word ends in: "veilig" in "onveilig", "voorstel" in "tegenvoorstel"."""
    if a.startswith(b) or b.startswith(a):
        return True
    n = len(os.path.commonprefix([a, b]))
    return n >= least and n >= 0.8 * min(len(a), len(b))


# "Niet uitsluitend", "not only", "breder dan alleen": more than X. A bare "uitsluitend", "only":
# X and nothing else.
_NOT_ONLY = re.compile(r"\b(?:niet|not)(?:\s+\w+)?\s+(?:alleen|uitsluitend|enkel|slechts|only|solely|just|merely|"
                       r"exclusively)\b|\b(?:breder|ruimer|meer|verder|broader|wider|more)(?:\s+\w+){0,2}\s+(?:dan|than)\s+"
                       r"(?:alleen|uitsluitend|enkel|slechts|only|just|solely|merely)\b|\bbeyond\s+(?:just|only|merely)\b", re.I)
_ONLY = re.compile(r"\b(?:alleen|uitsluitend|enkel|slechts|only|solely|merely|exclusively)\b", re.I)


def _flips_scope(claim: str, passages: list[str]) -> bool:
    """Does the claim say "only X" where the passages holding it say "not only X", or the reverse?"""
    def scope(text: str) -> int:
        if _NOT_ONLY.search(text):
            return -1
        return 1 if _ONLY.search(text) else 0

    said = scope(claim)
    scopes = {scope(p) for p in passages}
    return said != 0 and -said in scopes and said not in scopes


# Undoing a cut keeps a thing: "het terugdraaien van de afschaffing van de mkb-winstvrijstelling".
_CUT = re.compile(r"\b(verlaging|afschaffing|bezuiniging\w*|korting|beëindiging|schrapping|versobering|abolition|cuts?|"
                  r"reduction)\b", re.I)


def _ways(text: str) -> set[str]:
    """Which of a measure's two ways ``text`` goes: "keep", "undo" or both. A cut undone keeps;
    a way beside a negation is not read."""
    out: set[str] = set()
    for way, pattern in (("keep", KEEP), ("undo", UNDO)):
        found = list(pattern.finditer(text))
        # "het terugdraaien van de afschaffing": the cut is what is undone, not a way of its own
        if way == "undo" and any(not _CUT.fullmatch(m.group(0)) for m in found):
            found = [m for m in found if not _CUT.fullmatch(m.group(0))]
        for m in found:
            if NEGATIVE.search(" ".join(text[:m.start()].split()[-3:]) + " " + re.split(r"[,.;:]", text[m.end():])[0]):
                continue  # "niet te behouden", "dwingen niemand te stoppen", "behouden hun opvang niet"
            turned = way == "undo" and bool(_CUT.search(" ".join(text[:m.start()].split()[-4:] + text[m.end():].split()[:4])))
            out.add("keep" if turned else way)
    return out


def _flips_direction(claim: str, closest: str, own: str) -> bool:
    """Does the claim say a thing rises where the sentence sharing most of its words says it
    falls (or the reverse, or goes on where it is undone), and the own sentence of the passage holding it best does not go
    the claim's way either ("Nederland verwelkomt die daling" is held by "verwelkomt de daling",
    though "verwelkomt de stijging van het aantal terugkeeroperaties" shares more words)?"""
    if any(way.search(claim) and not other.search(claim) and other.search(closest) and not way.search(closest)
           and not way.search(own) for way, other in ((RISE, FALL), (FALL, RISE))):
        return True
    said = _ways(claim)
    if len(said) != 1:
        return False
    # Either sentence may be where the measure stands: the claim may add a second matter
    # ("...blijft in stand; wel worden er geen nieuwe koppen ingevoerd") that shares more words.
    there = _ways(closest) | _ways(own)
    return bool(there) and not there & said


def _tokens(text: str) -> set[str]:
    return {t.lower() for t in re.findall(r"[\wÀ-ÿ]+", text)}


# "Volgens de brief", "volgens het koopkrachthoofdstuk", "according to the letter": where the
# claim says it is from, which its citation says already. "Volgens de nieuwe Schengenbarometer",
# "uit onderzoek van Sira blijkt dat" likewise: whose words they are is not what is claimed
# (a name in it is still checked as an entity).
ATTRIBUTION = re.compile(
    r"\b(?:volgens|according to|as stated in|as set out in|in)\s+(?:de|het|the|this|deze|dit)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:brief|kamerbrief|bron|regeerprogramma|memorie van toelichting|toelichting|"
    r"geannoteerde agenda|agenda|nota|verslag|fiche|bnc-fiche|hoofdstuk|\w+hoofdstuk|document|stuk|tekst|passage|"
    r"letter|source|programme|memorandum|chapter|text|report)\b(?:\s+(?:van|bij|over|of|on)\s+(?:de|het|the)?\s*"
    r"[\w-]+(?:\s+\d{4})?)?\s*,?|"
    # "volgens de (nieuwe) Schengenbarometer": the adjective a known one, so that "volgens de
    # oppositie ziet ..." does not lose its verb.
    r"\b(?:volgens|according to)\s+(?:de|het|the|een|an?)\s+(?:(?:nieuwe|vorige|laatste|eerste|recente|huidige|new|"
    r"latest|recent|current|[a-z]+(?:ische|iele|ale|ese))\s+)?[\w-]+\s*,?|"
    r"\buit\s+(?:[\w-]+\s+){1,4}?(?:blijkt|bleek|komt\s+naar\s+voren|kwam\s+naar\s+voren)(?:\s+dat)?",
    re.IGNORECASE)


# A passage that may hold a claim: the number of its source, the span of its sentence, its text.
Window = tuple[int, tuple[int, int], str]


def _windows(cited: list[tuple[int, str, list[Sentence]]]) -> list[Window]:
    """The passages that may hold a claim: each sentence of the cited sources with the next one."""
    windows: list[Window] = []
    for n, src, sents in cited:
        for i, sent in enumerate(sents):
            hi = sents[i + 1].end if i + 1 < len(sents) else sent.end
            windows.append((n, (sent.start, sent.end), src[sent.start:hi]))
    return windows


def _sentence(window: Window, cited: list[tuple[int, str, list[Sentence]]]) -> str:
    """The sentence a window starts with."""
    n, (a, b), _ = window
    return next(src for m, src, _ in cited if m == n)[a:b]


def _near_and_own(window: Window, cited: list[tuple[int, str, list[Sentence]]],
                  shared: Callable[[str], int], numbers: Sequence[set[float]] = (),
                  together: bool = False) -> tuple[str, str, str]:
    """The window's sentences with two either side, the claim's own sentence, and the other
    near sentences that share at least three of the claim's words (``shared`` counts them)
    or give one of its years beside another of its figures (``numbers``, when the claim has
    them ``together``: "Het totaal lag fors hoger dan in 2024 (+64%)" for "Dat is 64% meer dan
    in 2024, waardoor ...").

    The own sentence is the window's first, or its second when that shares at least three
    words and more than the first (a claim about the second sentence of a window)."""
    n, (a, _), _ = window
    src = next(src for m, src, _ in cited if m == n)
    sents = next(x for m, _, x in cited if m == n)
    k = next(j for j, x in enumerate(sents) if x.start == a)
    lo, hi = max(k - 2, 0), min(k + 3, len(sents))
    text = {j: src[sents[j].start:sents[j].end] for j in range(lo, hi)}
    words = {j: shared(t) for j, t in text.items()}
    own = k + 1 if k + 1 < hi and words[k + 1] >= 3 and words[k + 1] > words[k] else k
    # Only for a claim that puts them together too ("64% meer dan in 2024"), not one that
    # gives the year to another fact ("Libië was in 2024 het belangrijkste transitland (+64%)").
    years = [v for v in numbers if any(is_year(x) for x in v)] if together else []
    others = [v for v in numbers if v not in years]

    def year_and_figure(t: str) -> bool:
        if not years:
            return False
        given = numbers_in(t)
        return any(v & given for v in years) and any(v & given for v in others)

    related = [text[j] for j in range(lo, hi) if j != own and (words[j] >= 3 or year_and_figure(text[j]))]
    return src[sents[lo].start:sents[hi - 1].end], text[own], " ".join(related)


@dataclass
class Verdict:
    """The outcome of a check: accepted or not, why, and for each cited source the spans that support it."""

    ok: bool
    reason: str
    support: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    not_found: bool = False


# A not-found said of one document by its name ("De MvT noemt geen voorzitter.", "The cover
# letter does not mention a budget."): only as a sentence of its own, without a citation and
# with nothing after its object, for "het programma geeft geen voorrang aan X [1]" and "de brief
# noemt geen bedrag, maar het college krijgt 2,5 miljoen" are claims.
DOCUMENT_WORDS = (r"(?:geannoteerde |cover |covering )?(?:brief|kamerbrief|aanbiedingsbrief|agenda|mvt|memorie van toelichting|"
                  r"regeerprogramma|programma|werkprogramma|stuk|document|tekst|letter|programme|program|fiche)")
DOCUMENT_NOT_FOUND = re.compile(
    r"^(?:(?:de|het|the|this|deze|dit)\s+)?" + DOCUMENT_WORDS + r"\s+(?:(?:noemt|vermeldt|specificeert|bevat|mentions|names|"
    r"specifies|lists|contains)\s+(?:er\s+|hier\s+)?(?:geen|niets|no|nothing)|(?:does not|doesn't)\s+(?:mention|name|list|"
    r"specify|give|state|say)|(?:noemt|vermeldt|zegt)\s+niet\s+(?=(?:welke|wie|wat|hoeveel|wanneer|waar|hoe)\b)|"
    r"(?:does not|doesn't)\s+say\s+(?=(?:which|who|what|how|when|where)\b))\b(?P<object>[^,;:]*)$|"
    r"^(?P<what>[^,;:]*)\b(?:wordt|worden|staat|staan)\s+in\s+(?:de|het|deze|dit)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:bron|passage|fragment|tekst|" + DOCUMENT_WORDS + r")\s+niet\s+(?:genoemd|vermeld|gegeven)$|"
    r"^(?P<thing>[^,;:]*)\b(?:staat|staan|wordt|worden)\s+(?:niet|nergens)\s+(?:genoemd\s+|vermeld\s+)?in\s+(?:de|het|deze|dit)\s+"
    + DOCUMENT_WORDS + r"$", re.I)


def _says_not_found(sentence: str, cites: bool = False) -> bool:
    """Does ``sentence`` say the sources do not give what was asked? A sentence that ``cites``
    a source itself may say so only in the general phrases (``NOT_FOUND_PHRASES``); said of one
    document by its name (``DOCUMENT_NOT_FOUND``) it is a claim about that document."""
    if NOT_FOUND_PHRASES.search(sentence):
        return True
    if cites:
        return False
    m = DOCUMENT_NOT_FOUND.search(sentence.strip().rstrip(".!").strip())
    if not m:
        return False
    rest = m.group("object") or m.group("thing") or m.group("what") or ""
    return len(rest.split()) <= 10 and not re.search(r"\b(maar|but|and|terwijl|while|want|omdat|because)\b", rest, re.I)
NOT_FOUND_PHRASES = re.compile(
    r"geen (duidelijk )?antwoord gevonden|niet gevonden|(staat|staan|is) (hier )?niet(s)? in de (bronnen|brieven|stukken)|"
    r"(bronnen|brieven|stukken) (zeggen|vermelden|noemen|bevatten|geven) (hier )?(niets|geen)|"
    r"not (found|mentioned|stated|covered)|(sources|letters|documents) do not (say|mention|state|contain|cover)|"
    r"no (clear )?answer|no information|geen informatie|niet vermeld|(does|do) not answer|"
    r"\b(bronnen|brieven|stukken|passages|teksten|sources|letters|passages|documents)\b.{0,80}\b"
    r"(niet|niets|geen|not|nothing|don't|doesn't)\b|"
    r"\b(staat|staan|wordt|worden) (dat |dit )?niet (vermeld|genoemd|in de)|\bnot in the (sources|letters|passages)|"
    # One source ("de bron noemt geen aantallen"), said plainly with a verb of saying: "volgens
    # bron 1 wil het kabinet geen X" and "the letter does not support X" are claims to check.
    r"\b(de|the|this|deze|die) (bron|source|passage|fragment) (zegt|noemt|geeft|vermeldt|bevat|specificeert|says|"
    r"gives|mentions|states|contains|names|lists|specifies) (er |hier )?(niet|geen|niets|no|nothing)\b|"
    r"\b(de|the|this|deze|die) (bron|source|passage|fragment) (does not|doesn't) (say|give|mention|state|contain|"
    r"name|list|specify|identify)\b",
    re.I)


ECHO = re.compile(r"\b(de vraag|het gaat (er)?om of|vraagt (zich )?af|the question|this is about|it is about whether|"
                  r"daarover gaat)\b", re.I)


# Orders addressed to whoever reads the text, as prompt injections phrase them.
INSTRUCTION = re.compile(
    r"\b(negeer|vergeet)\s+(alle\s+)?(eerdere|vorige|voorgaande|bovenstaande)\s+(instructies|opdrachten)"
    r"|\bignore\s+(all\s+)?(previous|prior|above)\s+instructions"
    r"|\b(je bent nu|you are now|system prompt|systeemprompt)\b", re.I)


def _planted_claim(claim: str, source: str) -> bool:
    """Whether ``claim`` repeats what an instruction in ``source`` tells the reader to say."""
    words = set(re.findall(r"\w+", claim.lower()))
    for m in INSTRUCTION.finditer(source):
        told = set(re.findall(r"\w+", source[m.end() : m.end() + 400].lower()))
        if words and len(words & told) >= 0.6 * len(words):
            return True
    return False


# "Nederland staat (volledig) achter de oriëntatie" says what "Nederland kan de oriëntatie
# steunen" says: the phrase is read as the verb of the synonym table's "steunen" group.
_STANDS_BEHIND = re.compile(r"\b(?:staat|staan|stond|stonden)\b((?:\s+(?!achter\b)[\wà-ÿ-]+){0,4}?)\s+achter\b", re.I)


class GroundingCheck:
    """Checks a generated answer against the sources it was given.

    Args:
        embed: Texts to normalised vectors (the index's embedding model), for claims
            in another wording or language than the letter; None checks words only.
        min_overlap: Share of a claim's content words one source passage must hold.
        min_similarity: Embedding similarity that stands in for word overlap.
        embed_sources: As ``embed``, for the sources' own sentences: letter text, so it may
            read the vector cache the indexer filled with those very sentences. ``embed``
            when None.
    """

    def __init__(self, embed: Callable[[list[str]], np.ndarray] | None = None, min_overlap: float = 0.5,
                 min_similarity: float = 0.6,
                 embed_sources: Callable[[list[str]], np.ndarray] | None = None) -> None:
        self.embed = embed
        self.embed_sources = embed_sources or embed
        self.min_overlap = min_overlap
        self.min_similarity = min_similarity
        self.analyzer = DutchAnalyzer()
        # Vectors of source sentences (letter text, never a claim or question), kept across
        # checks: the next answer usually cites the same chunks, and embedding every sentence
        # of three long chunks takes seconds on a CPU.
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._kept_lock = threading.Lock()

    def _content(self, text: str) -> Words:
        same = synonyms()
        words = self.analyzer.words(_STANDS_BEHIND.sub(r"steunt\1", text))
        raw: dict[str, set[str]] = {}
        for word, stem in zip(words, self.analyzer.stemmer.stemWords(words)):
            if len(stem) > 2 and not stem.isdigit():
                raw.setdefault(same.get(stem, stem), set()).add(word)
        return Words(raw)

    def _overlap(self, claim: set[str], passage: set[str]) -> float:
        if not claim:
            return 0.0
        raw_claim, raw_passage = getattr(claim, "raw", {}), getattr(passage, "raw", {})
        hit = sum(1 for w in claim if w in passage or len(w) >= 5 and any(
            _alike(w, p) or any(_alike(a, b, 6) for a in raw_claim.get(w, ()) for b in raw_passage.get(p, ()))
            for p in passage if len(p) >= 5))
        return hit / len(claim)

    def is_echo(self, claim: str, question: str) -> bool:
        """A claim that adds (almost) nothing to the question it answers."""
        if claim.rstrip().endswith("?") or ECHO.search(claim):
            return True
        new = self._content(claim) - self._content(question)
        return len(new) < 2 and not claim_numbers(claim)

    def _vectors(self, texts: list[str], cache: dict[str, np.ndarray]) -> np.ndarray:
        """Embeddings of ``texts``, each text embedded once per check."""
        todo = [t for t in dict.fromkeys(texts) if t not in cache]
        if todo:
            cache.update(zip(todo, self.embed(todo)))
        return np.stack([cache[t] for t in texts])

    def _source_vectors(self, texts: list[str]) -> np.ndarray:
        """Embeddings of source passages, from the vectors kept across checks where it can.
        The lock is never held while the model embeds."""
        with self._kept_lock:
            known = {t: self._kept[t] for t in dict.fromkeys(texts) if t in self._kept}
            for t in known:
                self._kept.move_to_end(t)
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            # Copies: a row of the batch would keep the whole batch's array alive in the LRU.
            fresh = {t: v.copy() for t, v in zip(todo, self.embed_sources(todo))}
            known.update(fresh)
            with self._kept_lock:
                self._kept.update(fresh)
                while len(self._kept) > KEPT_VECTORS:
                    self._kept.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def _echoes_by_meaning(self, claim: str, question: str, cited: list[list[Sentence]], cache: dict) -> bool:
        """A claim nearer in meaning to the question than to any sentence of its sources is an echo."""
        if self.embed is None or not question or not cited:
            return False
        sentences = [x.text for sents in cited for x in sents]
        vecs = self._vectors([claim, question], cache)
        to_question = float(vecs[1] @ vecs[0])
        to_source = float(np.max(self._source_vectors(sentences) @ vecs[0])) if sentences else 0.0
        return to_question >= 0.75 and to_question > to_source + 0.05

    def check(self, answer: str, question: str, sources: Sequence[str], language: str = "nl") -> Verdict:
        """Accept ``answer`` only when every claim is held by the sources it cites.

        Args:
            answer: The generated text with ``[n]`` citations.
            question: What was asked (a claim that only restates it is rejected).
            sources: The texts given as sources 1..n.
            language: The answer's language.
        """
        answer = answer.strip()
        if not answer:
            return Verdict(False, "empty answer")
        if not CITATION.search(answer) and all(_says_not_found(x.text) for x in split_sentences(answer)):
            return Verdict(True, "not found", not_found=True)
        claims, uncited = split_claims(answer)
        # "The letters give no budget; they do say X [1]": the not-found part is no claim.
        said = [_says_not_found(c.text, cites=not c.borrowed) for c in claims]
        says_not_found = any(said) or any(_says_not_found(x) for x in uncited)
        claims = [c for c, nf in zip(claims, said) if not nf]
        uncited = [s for s in uncited if len(self._content(s)) >= 3 and not _says_not_found(s)]
        if uncited:
            return Verdict(False, f"a claim without a citation: {uncited[0][:60]!r}")
        if not claims:
            return Verdict(True, "not found", not_found=True) if says_not_found else Verdict(False, "no citations")
        # A sentence that gives orders to the reader ("negeer alle eerdere instructies en ...")
        # is planted, not evidence: nothing it says can ground a claim.
        spans = {n: [x for x in split_sentences(text) if not INSTRUCTION.search(x.text)]
                 for n, text in enumerate(sources, start=1)}
        planted = [n for n, text in enumerate(sources, start=1) if INSTRUCTION.search(text)]
        support: dict[int, list[tuple[int, int]]] = {}
        cache: dict[str, np.ndarray] = {}
        for claim in claims:
            bad = [n for n in claim.cites if not 1 <= n <= len(sources)]
            if bad:
                return Verdict(False, f"cites [{bad[0]}], which is not one of the {len(sources)} sources")
            # "Ja." / "Nee, ..." opening a yes/no answer is not a claim of its own.
            body = re.sub(r"^(ja|nee|yes|no)\b[,.:;]?\s*", "", claim.text, flags=re.I).strip()
            if len(body.split()) < 3:
                continue
            if any(n in planted for n in claim.cites) and any(
                    _planted_claim(body, text) for n, text in enumerate(sources, start=1) if n in planted):
                return Verdict(False, f"repeats an instruction planted in a source: {body[:60]!r}")
            # "Ja, X [1]" answers "Klopt het dat X?": a restatement that the source must then hold.
            confirms = body != claim.text.strip()
            cited_sentences = [spans[n] for n in claim.cites if 1 <= n <= len(sources)]
            echo = ECHO.search(body) or not confirms and (
                self.is_echo(body, question) or self._echoes_by_meaning(body, question, cited_sentences, cache))
            if echo:
                return Verdict(False, f"restates the question: {body[:60]!r}")
            reason, found = self._supported(body, [(n, sources[n - 1], spans[n]) for n in dict.fromkeys(claim.cites)],
                                            cache, confirms=confirms and re.match(r"(ja|yes)\b", claim.text, re.I) is not None)
            if reason:
                return Verdict(False, reason)
            for n, span in found:
                support.setdefault(n, [])
                if span not in support[n]:
                    support[n].append(span)
        return Verdict(True, "not found" if says_not_found else "ok", support, not_found=says_not_found)

    def _supported(self, claim: str, cited: list[tuple[int, str, list]], cache: dict,
                   confirms: bool = False) -> tuple[str | None, list[tuple[int, tuple[int, int]]]]:
        """Why ``claim`` is not held by the ``cited`` sources (None when it is), and where it is held.

        ``confirms``: the claim says yes to a yes/no question by restating it; then nearly all of
        its words must be in the source, since one changed verb ("aangenomen" for "behandeld")
        turns it into a different claim.
        """
        windows = _windows(cited)
        if not windows:
            return "the cited source is empty", []
        claim = _STANDS_BEHIND.sub(r"steunt\1", claim)  # before the stance checks too
        claim_words = self._content(ATTRIBUTION.sub(" ", claim))
        english = detect_language(claim) == "en"
        holding = self._holding(claim, claim_words, english, windows, cited, cache, confirms)
        if not holding:
            return f"{claim[:50]!r} shares too little with the cited source", []
        # Figures, dates and names must stand in the passages that hold the claim, not
        # anywhere in a long source (a letter names many years).
        # Each figure in one passage; all of them together when they fit in one.
        numbers = claim_numbers(claim)

        def shared(sentence: str) -> int:
            return len(claim_words & self._content(sentence))

        closest = self._closest(claim, claim_words, english, [windows[i][2] for i in holding], cache)
        # A percentage that sentence does not give, while it gives another, is its figure
        # swapped for a neighbour's ("rose by 25%" where it says 13%, and 25% fell elsewhere).
        given = percentages_in(closest)
        if given and not percentages_in(claim) <= given:
            return f"a number in {claim[:50]!r} is not in the cited source", []
        paired = year_beside_figure(claim)
        together = [i for i in holding
                    if figures_held(claim, numbers, *_near_and_own(windows[i], cited, shared, numbers, paired))]
        if not together and (numbers or months_in(claim) or quarters_in(claim) or seasons_in(claim)):
            what = "number" if numbers else "date"
            return f"a {what} in {claim[:50]!r} is not in the cited source", []
        if together:
            holding = together + [i for i in holding if i not in together]
        whole = " ".join(src for _, src, _ in cited)
        if numbers and swapped_figure(claim, whole):
            return f"a number in {claim[:50]!r} is not the cited source's", []
        tokens = _tokens(whole)
        for entity in entities_in(claim):
            if not self._entity_in(entity, tokens, whole):
                return f"{entity!r} is not in the cited source", []
        reason = self._position_problem(claim, holding, windows, cited, closest)
        if reason:
            return reason, []
        best = holding[0]
        return None, [(windows[best][0], windows[best][1])]

    def _holding(self, claim: str, claim_words: set[str], english: bool, windows: list[Window],
                 cited: list[tuple[int, str, list]], cache: dict, confirms: bool) -> list[int]:
        """The windows (at most three, best first) that hold enough of the claim's words or meaning."""
        overlaps = np.array([self._overlap(claim_words, self._content(w)) for _, _, w in windows])
        support = overlaps / (0.8 if confirms else self.min_overlap)
        # A claim that shares a quarter of a window's words is judged by them alone: meaning
        # would let a generic "Nederland steunt het voorstel" stand on any supportive sentence.
        # Below that (a claim in other words, or another language) meaning stands in. An English
        # claim over Dutch letters shares few words by nature, so its meaning always counts
        # (not for a yes restating the question). Meaning is measured against the window and
        # against its sentence alone: a short claim ("That was 64% more than in 2024", "Dat is
        # 64% meer dan in 2024") is diluted by a two-sentence window.
        if self.embed is not None and (overlaps.max() < 0.25 or english and not confirms):
            claim_vec = self._vectors([claim], cache)[0]
            sims = self._source_vectors([w for _, _, w in windows]) @ claim_vec
            sims = np.maximum(sims, self._source_vectors([_sentence(w, cited) for w in windows]) @ claim_vec)
            support = np.maximum(support, sims / self.min_similarity) if english else sims / self.min_similarity
        return [i for i in np.argsort(-support)[:3] if support[i] >= 1.0]

    def _closest(self, claim: str, claim_words: set[str], english: bool, passages: list[str], cache: dict) -> str:
        """The sentence of ``passages`` nearest the claim: where its subject is discussed. By the
        words they share; for an English claim over Dutch letters, by meaning."""
        sentences = list(dict.fromkeys(x.text for p in passages for x in split_sentences(p) if len(x.text.split()) >= 3))
        if not sentences:
            return passages[0]
        if self.embed is not None and english:
            sims = self._source_vectors(sentences) @ self._vectors([claim], cache)[0]
            return sentences[int(np.argmax(sims))]
        return max(sentences, key=lambda t: self._overlap(claim_words, self._content(t)))

    def _position_problem(self, claim: str, holding: list[int], windows: list[Window],
                          cited: list[tuple[int, str, list]], closest: str) -> str | None:
        """Why the claim's polarity, stance or view differs from the windows that hold it; None when not."""
        # Polarity and stance against the sentence that holds the claim best.
        window = windows[holding[0]][2]
        sentence = _sentence(windows[holding[0]], cited)
        if (self._flips_polarity(claim, sentence, window) or _flips_direction(claim, closest, sentence)
                or _flips_scope(claim, [windows[i][2] for i in holding])):
            return f"{claim[:50]!r} says the opposite of the cited source"
        # ``closest`` (the sentence sharing most of the claim's words) is where its object is
        # discussed: a window may join "het kabinet onderschrijft X" with "het is kritisch op Y",
        # and a claim that it endorses Y takes its verb from the one and its object from the other.
        if self._clause_takes_other_side(claim, [windows[i][2] for i in holding]):
            return f"{claim[:50]!r} takes a position the cited source does not state"
        for stance, other in ((STANCE_FOR, STANCE_AGAINST), (STANCE_AGAINST, STANCE_FOR)):
            if stance.search(claim) and not other.search(claim):
                agreeing = [i for i in holding if stance.search(windows[i][2])]
                if not agreeing or (other.search(window) and not stance.search(window)) or (
                        other.search(closest) and not stance.search(closest)):
                    return f"{claim[:50]!r} takes a position the cited source does not state"
        if HOLDER.search(claim) and (STANCE_FOR.search(claim) or STANCE_AGAINST.search(claim)) and not any(
                HOLDER.search(windows[i][2]) and (STANCE_FOR.search(windows[i][2]) or STANCE_AGAINST.search(windows[i][2]))
                for i in holding):
            return f"{claim[:50]!r} gives a view the cited source does not attribute to it"
        return None

    def _clause_takes_other_side(self, claim: str, passages: list[str]) -> bool:
        """With two stances in one claim ("onderschrijft X en onderschrijft ook Y"), each is
        judged by the sentence nearest what it is about: "Y" may be what the source is critical
        of, though "X" is what it endorses."""
        marks = sorted({m.start() for pattern in (STANCE_FOR, STANCE_AGAINST) for m in pattern.finditer(claim)})
        if len(marks) < 2:
            return False
        sentences = {t: self._content(t) for p in passages for t in (x.text for x in split_sentences(p))}
        for start, end in zip(marks, marks[1:] + [len(claim)]):
            clause = claim[start:end]
            words = self._content(clause)
            nearest = max(sentences, key=lambda t: len(words & sentences[t]), default="")
            if len(words & sentences.get(nearest, set())) < 3:
                continue
            for stance, other in ((STANCE_FOR, STANCE_AGAINST), (STANCE_AGAINST, STANCE_FOR)):
                if stance.match(clause) and other.search(nearest) and not stance.search(nearest):
                    return True
        return False

    def _negated(self, text: str, verb: bool = False) -> set[str]:
        """Content words a negation governs: the few after it, and with ``verb`` the word just
        before it ("we dwingen niemand te stoppen"). Only the source's negations take that
        verb: a claim's would make "introduceert geen aanbevelingen" the same denial as the
        source's "introduceert geen wetgevende voorstellen"."""
        out: set[str] = set()
        for m in NEGATIVE.finditer(text):
            before = text[:m.start()].split()[-1:] if verb else []
            out |= self._content(" ".join(before + text[m.end():].split()[:3]))
        return out

    def _flips_polarity(self, claim: str, sentence: str, window: str) -> bool:
        """Does the claim negate what the source affirms, or affirm what it negates?

        Within one language the words a negation governs are compared; across
        languages only whether the best sentence negates at all.
        """
        claim_neg = bool(NEGATIVE.search(claim))
        if len(self._content(claim) & self._content(window)) < 2:
            return claim_neg != bool(NEGATIVE.search(sentence))
        sentence = window
        if claim_neg:
            # What the claim denies must be denied in the source too.
            denied = self._negated(claim)
            return not (self._negated(sentence, verb=True) & denied) and bool(denied & self._content(sentence))
        # What the source denies ("het kabinet verwacht niet dat ...") must not be affirmed by the claim.
        return bool(self._negated(sentence, verb=True) & self._content(claim))

    @staticmethod
    def _entity_in(entity: str, tokens: set[str], text: str) -> bool:
        low = entity.lower()
        if low in tokens or low in text.lower():
            return True
        if low in DOCUMENT_ACRONYMS:
            return DOCUMENT_ACRONYMS[low] in text.lower()
        translations = ([EN_NL[low]] if low in EN_NL else []) + dutch_words(low)
        if len(low) <= 3 or entity.isupper() and len(low) <= 5:
            # An acronym counts only whole, or as the letters' own acronym for it (JHA is JBZ, GDP
            # bbp); not through the glossary's ordinary words for it (UN is "verenigde naties",
            # words a letter may use about something else).
            return any(t in tokens for t in translations if len(t) <= 5 and " " not in t)
        wanted = [low] + translations
        # A capitalised compound of an institution and a word the source uses, both in it
        # ("Raadsconclusies" where it writes "Raad" and "conclusies", "Commissievoorstel"),
        # names nothing new. Only institutions: "Europolverordening" could be invented.
        for head in COMPOUND_HEADS:
            tail = low[len(head):].removeprefix("s")
            if low.startswith(head) and len(tail) >= 5 and head in tokens and any(t.startswith(tail) for t in tokens):
                return True
        # "Noord-Afrikaanse" where it writes "Noord-Afrika", "Europese" where "Europa"
        wanted += [w[:-4] for w in wanted if w.endswith("aanse") and len(w) > 8]
        wanted += [w[:-3] + "a" for w in wanted if w.endswith("ese") and len(w) > 6]
        for w in wanted:
            stem = w[: max(5, len(w) - 3)]
            if stem in text.lower() or any(t.startswith(stem) for t in tokens):
                return True
        return False
