"""When a letter was written, who signed it and its Kamerstuk number: its letterhead, which parsing
lifts into the metadata of every chunk (``date``, ``senders``, the id) and out of the text that is quoted.

"Wanneer is de brief over het werkprogramma ATR verstuurd?" is answered by the date of the
letter the question's topic retrieves, cited to that letter: its sentences never say it. Only a
question about the document itself is read so. "Wanneer is het verdrag ondertekend?" asks about
a treaty, and the text answers that, or nothing does; "wanneer stuurt de minister het rapport?"
asks about a letter still to come.

Example:
    >>> asks_letter_fact("wanneer is de kamerbrief over het werkprogramma ATR verstuurd?")
    'date'
    >>> asks_letter_fact("Wie heeft de MvT bij de Instellingswet ATR ondertekend?")
    'signatories'
    >>> asks_letter_fact("wanneer is het verdrag over advocaten ondertekend?") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.dates import long_date
from rag.documents import Chunk
from rag.kind import LETTER_KINDS, asked_kinds
from rag.language import DUTCH, ENGLISH, detect_language
from rag.question import MONTH_NAMES, asked_years, asks_reference, dutch_words, month_number

# The document's own acts, done: sent, signed, dated, tabled, received, with the commonest slips
# ("ingedient", "verstuurt"). Not "aangenomen" (a vote, which the text may tell) nor "uitgebracht"
# (an advice's content, asked as often as its date).
_DONE = (r"verstuur[dt]|gestuur[dt]|toegestuur[dt]|verzonden|aangeboden|ondertekend|getekend|getekent|gedateerd|"
         r"ingedien[dt]|ontvangen|voorgesteld|sent|signed|dated|submitted|received|tabled")
_SENT_OR_SIGNED = re.compile(rf"\b(?:{_DONE})\b|\bdid\b[^?]*\b(?:send|sign|submit|table)\b", re.IGNORECASE)
_WHEN = re.compile(r"\b(?:wanneer|wnr|welke datum|op welke dag|when|what date|which date|on what day)\b", re.IGNORECASE)
# Terse: "datum kamerbrief werkprogramma ATR", "date of the letter on ...", "dagtekening MvT".
_DATE_OF = re.compile(r"\b(?:datum|dagtekening|date)\s+(?:of\s+|van\s+)?(?:de\s+|het\s+|the\s+|this\s+|deze\s+)?(\S+)",
                      re.IGNORECASE)
_WHO = re.compile(r"\b(?:wie|who|naam|name|welke\s+(?:min\w*|staatssecretaris|stas|bewinds\w+)|"
                  r"which\s+(?:minister|secretary|state secretary))\b", re.IGNORECASE)
# What else is signed or sent, whose signing the text tells: "wie heeft het verdrag ondertekend
# volgens de brief?" asks about the treaty.
_SIGNED_OTHER = re.compile(r"\b\w*(?:verdrag|conventie|overeenkomst|verklaring|akkoord)\w*|\b(?:treat(?:y|ies)|"
                           r"convention\w*|agreements?|declarations?|memorandum of understanding|mou)\b", re.IGNORECASE)
_SIGNER = re.compile(r"\b(?:ondertekenaars?|ondertekening|signator(?:y|ies)|afzenders?)\b", re.IGNORECASE)
_SIGNED = re.compile(r"\b(?:ondertekend|ondertekent|getekend|getekent|signed|verstuur[dt]|gestuur[dt]|sent)\b|"
                     r"\bdid\b[^?]*\b(?:sign|send)\b", re.IGNORECASE)
# What is still to come is no letterhead: "wanneer wordt de brief verstuurd?", "when will ... be sent?"
_TO_COME = re.compile(r"\b(?:wordt|worden|zal|zullen|gaat|gaan|komt|moet|moeten|dient|dienen|uiterlijk|will|shall|"
                      r"going to|should|must|to be|verwacht\w*|expected)\b", re.IGNORECASE)
# A letter of someone else, to someone else, or a source only: "de brief aan de Commissie", "the letter
# from the Commission", "de gezamenlijke brief", "volgens de brief", "according to the letter".
_OTHER_LETTER = re.compile(r"\b(?:brief|letter)\s+(?:aan|to|from|namens|on behalf|of intent)\b|"
                           r"\b(?:brief|letter|rapport|report|voorstel|proposal)\s+(?:van|of|from|by)\s+(?:de\s+|het\s+|the\s+)?"
                           r"(?:europese\s+|european\s+)?(?:commissie|commission|eurocommissaris|commissaris|commissioner|"
                           r"lidstaten|member states|raad|council|parlement|parliament)\b|"
                           r"\b(?:gezamenlijke|joint)\s+(?:brief|letter)\b|"
                           r"\b(?:volgens|according\s+to|in|uit|from)\s+(?:de|het|dit|deze|the|this)\s+(?:\w+\s+){0,2}?"
                           r"(?:\w*brief|letter|nota|mvt|memorie|memorandum|agenda|document|stuk)\b", re.IGNORECASE)
# A letter named by its day: "de brief van 3 februari", "the letter of 25 June 2021", "d.d. 8 juni 2023".
_LETTER_DAY = re.compile(rf"\b(?:(?:\w*brief|letter|nota|motie|motion)\s+(?:van|of|dated)|d\.d\.|dated|gedateerd)\s+"
                         rf"(\d{{1,2}})\s+({MONTH_NAMES})\b\.?(?:\s+(\d{{4}}))?", re.IGNORECASE)
# A document, named by its kind, also misspelt or as the kinds rag.kind does not ask for (a bill, a
# decree). Not "rapport" or "verslag": those are as often a report the letter only mentions.
_DOCUMENT_NOUN = re.compile(r"\b(?:\w*brief|nota|motie|mvt|memorie|beslisnota|besluitenlijst|wetsvoorstel|wv|"
                            r"voorstel van wet|\w*besluit|boodschap|nvw|letter|memorandum|motion|bill|"
                            r"decree|document|stuk)\b", re.IGNORECASE)
# "dit document", "het stuk": a document named without its kind.
_GENERIC_DOCUMENT = re.compile(r"\b(?:dit|deze|het|this|the)\s+(?:document|stuk)\b", re.IGNORECASE)
_NADER_RAPPORT = re.compile(r"\bnader\s+rapport\b", re.IGNORECASE)
# A draft decree carries no date of its own: the one its metadata has is read from its text.
_UNSIGNED_KINDS = {"besluit"}
# A memo to the minister is dated by its authors: the minister signs it later, on a day it does not give.
_MEMO_KINDS = {"beslisnota"}
_SIGNING = re.compile(r"\b(?:ondertekend|getekend|getekent|signed)\b|\bdid\b[^?]*\bsign\b", re.IGNORECASE)
# "Welke staatssecretaris heeft ... ondertekend?" of a letter a minister signed: not its signatory.
_JUNIOR = re.compile(r"\b(?:staats?secretaris\w*|stas|state secretary|secretary of state)\b", re.IGNORECASE)
# "wie is de minister van Asiel en Migratie?", "naam stas JenV": the office, and the first word of
# its portfolio (a minister's typo, and the departments' short names, read too).
_OFFICE_WORDS = r"minister|minsiter|mininster|ministre|staats?secretaris|stas|state secretary|secretary of state"
# The office as what is asked: at the start after "wie is/was (de)", "who is/was (the)", "naam", or
# followed by "die"/"who" ("de staatssecretaris die de brief ondertekent").
_OFFICE_ASKED = re.compile(
    rf"^\s*(?:(?:wie|who)\s+(?:is|was|zijn|waren|are|were)\s+(?:de|het|the)?\s*|(?:naam|name)\s+(?:van\s+|of\s+)?(?:de\s+|the\s+)?)"
    rf"(?:(?:nederlandse|dutch)\s+)?(?P<office>{_OFFICE_WORDS})(?:\s+(?:van|voor|for|of))?(?:\s+(?:de|het|the))?"
    rf"(?:\s+(?P<word>[\wà-ÿ&-]+))?", re.IGNORECASE)
_OTHER_HOLDER = re.compile(r"\b(?:opvolg\w*|voorganger\w*|successor\w*|predecessor\w*|vervang\w*|replac\w*)\b", re.I)
_OFFICE = re.compile(rf"\b({_OFFICE_WORDS})(?:\s+(?:van|voor|for|of))?(?:\s+(?:de|het|the))?\s+([\wà-ÿ&-]+)", re.IGNORECASE)
_DEPARTMENTS = {"jenv": "justitie", "j&v": "justitie", "jv": "justitie", "ezk": "economische", "ez": "economische",
                "aenm": "asiel", "a&m": "asiel", "bzk": "binnenlandse", "bz": "buitenlandse", "buza": "buitenlandse",
                "fin": "financiën", "vws": "volksgezondheid", "ocw": "onderwijs", "szw": "sociale", "def": "defensie",
                "lnv": "landbouw", "ienw": "infrastructuur", "vro": "volkshuisvesting"}
_NOT_PORTFOLIO = set("die dat de het een en of is was zijn heeft who that which is was has and the a an "
                     "ondertekend ondertekent getekend signed".split())
_PERSON_ASKED = re.compile(r"^\s*(?:wie|who)\b|\b(?:wie is|wie zijn|wie was|who is|who was|naam|name)\b|"
                           r"\b(?:welke|which)\s+(?:min\w*|staats?secretaris|stas|bewinds\w+|state secretary|secretary)\b",
                           re.IGNORECASE)
# The kinds of the documents rag.kind does not name as asked: a decree, a bill, a misspelt nota.
_NOUN_KINDS = [(re.compile(r"\b(?:\w*besluit|decree)\b", re.IGNORECASE), ("besluit",)),
               (re.compile(r"\b(?:wetsvoorstel|wv|voorstel van wet|bill)\b", re.IGNORECASE), ("wetsvoorstel",)),
               # "de nota naar aanleidng van het verslag", misspelt past what rag.kind reads.
               (re.compile(r"\bnota\b[^?]{0,30}\bverslag\b", re.IGNORECASE), ("nota naar aanleiding van het verslag",))]
# Sending something to parliament is done by a letter: "when was the work programme sent to the House?"
_TO_PARLIAMENT = re.compile(r"\b(?:naar|aan)\s+(?:de\s+)?(?:tweede\s+)?(?:kamer|tk)\b|"
                            r"\bto\s+(?:the\s+)?(?:house|parliament|tweede kamer)\b", re.IGNORECASE)


def _names_document(question: str, language: str) -> bool:
    return bool(asked_kinds(question, language) or _DOCUMENT_NOUN.search(question) or _TO_PARLIAMENT.search(question))


def asks_letter_fact(question: str) -> str | None:
    """``date`` when ``question`` asks when a document was sent, signed or tabled, ``signatories``
    when it asks who signed or sent it, ``reference`` when it asks its number; None otherwise.

    Example:
        >>> asks_letter_fact("On what date was the ATR's 2025 work programme sent to the House?")
        'date'
        >>> asks_letter_fact("wanneer wordt de brief over het werkprogramma verstuurd?") is None
        True
    """
    language = detect_language(question)
    if _TO_COME.search(question) or _SIGNED_OTHER.search(question) or _OTHER_LETTER.search(question) \
            or not _names_document(question, language):
        return None
    if _SIGNER.search(question) or (_WHO.search(question) and _SIGNED.search(question)):
        return "signatories"  # "Wie heeft de brief ondertekend en wanneer?": who, and its letter's date with it
    if _WHEN.search(question):
        return "date" if _SENT_OR_SIGNED.search(question) else None
    m = _DATE_OF.search(question)
    if m and (asked_kinds(m.group(1), language) or _DOCUMENT_NOUN.fullmatch(m.group(1))):
        return "date"
    if asks_reference(question) and not _CITED_PAPER.search(question) and not _KENMERK.search(question):
        return "reference"  # "kamerstuknummer MvT Instellingswet ATR": the paper's own number
    return None


def asked_office(question: str) -> tuple[bool, str] | None:
    """The office a question asks the holder of, as (junior, first word of its portfolio in Dutch,
    "" for any), or None: "wie is de minister van Asiel en Migratie?" gives ``(False, "asiel")``.
    Only where the office is what is asked: "wie is/was de minister van ...", "naam minister ...",
    "de staatssecretaris die (de brief ondertekent)", not "wie voert volgens de minister ... uit?".

    Example:
        >>> asked_office("Naam minister Asiel en Migratie JBZ-Raad 5-6 maart")
        (False, 'asiel')
        >>> asked_office("Who is the state secretary for Justice?")
        (True, 'justitie')
        >>> [asked_office(q) for q in ("wat vindt de minister van Justitie van Europol?",
        ...  "Wie voert volgens de minister van EZ de toets uit?", "Wie was de voorganger van de minister van EZ?")]
        [None, None, None]
    """
    if _TO_COME.search(question) or _OTHER_HOLDER.search(question):
        return None
    m = _OFFICE_ASKED.search(question)
    if m is None:
        return None
    return bool(_JUNIOR.fullmatch(m.group("office"))), _portfolio(m.group("word") or "", question)


def _holds(sender: str, junior: bool, word: str) -> bool:
    """Whether a sender, "G. van den Brink (minister van Asiel en Migratie)", holds the office asked."""
    role = sender.rpartition("(")[2].rstrip(")").lower()
    office, _, portfolio = role.partition(" van ")
    if not office.startswith("staatssecretaris" if junior else "minister"):
        return False
    return not word or (len(word) >= 4 and portfolio.split()[:1] != [] and portfolio.split()[0][:5] == word[:5])


# How the answer names the document, by its kind (rag.kind); the title is in the citation.
_NAMES = {
    "nl": {"brief": "De brief", "geannoteerde agenda": "De geannoteerde agenda", "motie": "De motie",
           "memorie van toelichting": "De memorie van toelichting", "beslisnota": "De beslisnota",
           "nota naar aanleiding van het verslag": "De nota naar aanleiding van het verslag",
           "advies Raad van State": "Het advies van de Raad van State", "besluitenlijst": "De besluitenlijst",
           "koninklijke boodschap": "De koninklijke boodschap", "verslag": "Het verslag", "besluit": "Het besluit",
           "BNC-fiche": "Het BNC-fiche"},
    "en": {"brief": "The letter", "geannoteerde agenda": "The annotated agenda", "motie": "The motion",
           "memorie van toelichting": "The explanatory memorandum", "beslisnota": "The decision memo",
           "nota naar aanleiding van het verslag": "The memorandum in reply to the report",
           "advies Raad van State": "The Council of State's advice", "besluitenlijst": "The list of decisions",
           "koninklijke boodschap": "The royal message", "verslag": "The report", "besluit": "The decree",
           "BNC-fiche": "The BNC fiche"},
}
_DOCUMENT = {"nl": "Het document", "en": "The document"}


@dataclass
class LetterFact:
    """What a question asks of a letter's letterhead (``date``, ``signatories``, its ``reference`` or the
    holder of an ``office``), as said with citation markers, and the chunks the markers cite, [1] first."""

    asked: str
    text: str
    chunks: list[Chunk]


def _office_named(question: str) -> tuple[bool, str] | None:
    """The office a question about who signed names anywhere ("Welke staatssecretaris heeft de
    brief ondertekend?", "naam minister EZ ondertekening tweede NvW"), as :func:`asked_office` gives it."""
    if not _PERSON_ASKED.search(question):
        return None
    m = _OFFICE.search(question)
    if m is None:
        return None
    return bool(_JUNIOR.fullmatch(m.group(1))), _portfolio(m.group(2), question)


def _portfolio(word: str, question: str) -> str:
    """The first word of a portfolio as a role writes it in Dutch ("JenV" and "Justice" are "justitie");
    "" for a word that names none ("de staatssecretaris die ...": the office, any portfolio)."""
    word = _DEPARTMENTS.get(word.lower(), word.lower())
    if word in _NOT_PORTFOLIO:
        return ""
    if detect_language(question) == "en":
        return next(iter(dutch_words(word)), word).split()[0]
    return word


def _kinds_named(question: str) -> frozenset[str] | None:
    """The document kinds the question names, in either language's words ("date of the MvT"); an
    empty set for a document named without a kind ("dit document"); None when a document is named
    whose kind is not known (then no letter is picked for it)."""
    kinds = asked_kinds(question, "nl") | asked_kinds(question, "en") | frozenset(
        k for pattern, named in _NOUN_KINDS if pattern.search(question) for k in named)
    if kinds:
        return kinds
    if _TO_PARLIAMENT.search(question):
        return frozenset(LETTER_KINDS)  # what is sent to parliament goes with a letter, not a memo
    if _GENERIC_DOCUMENT.search(question):
        return frozenset()
    return None


def _dated(chunk: Chunk, day: int, month: int, year: int | None) -> bool:
    d = chunk.date or ""
    return bool(d) and int(d[8:10]) == day and int(d[5:7]) == month and (year is None or int(d[:4]) == year)


def letter_fact(question: str, language: str, ranked: list[Chunk], by_doc: dict[str, list[Chunk]]) -> LetterFact | None:
    """The date, signatories or Kamerstuk number ``question`` asks of the letter it is about, or who
    held the office it asks, read off the metadata of its chunks; None when it asks none of these, or
    the letterhead does not give it (the normal answer path then reads the text).

    Args:
        question: As typed.
        language: ``nl`` or ``en``, the language to answer in.
        ranked: The retrieved chunks, best first: the letter is the best-ranked of the first three of
            a kind the question names ("de MvT", "the motion"; any kind for "dit document"), or the
            one of the day it names ("de brief van 3 februari").
        by_doc: Every chunk by letter, in reading order: the letter is cited by its first chunk.
    """
    asked = asks_letter_fact(question)
    if asked is None:
        office = asked_office(question)
        return _office_holder(office, language, ranked, by_doc, question) if office and office[1] else None
    kinds = _kinds_named(question)
    if kinds is None:
        return None
    m = _LETTER_DAY.search(question)
    if m:
        day, month, year = int(m.group(1)), month_number(m.group(2)), int(m.group(3)) if m.group(3) else None
        best = next((c for c in ranked if _dated(c, day, month, year)), None)
    else:
        best = next((c for c in ranked[:3] if not kinds or c.kind in kinds), None)
    if best is None or (best.kind == "advies Raad van State" and _NADER_RAPPORT.search(question)):
        # No letter of the kind or day named among the best ranked: not another letter's date or
        # signatories. The nader rapport has a date of its own, which its text gives.
        return None
    if asked == "reference":
        number = kamerstuk_number(best.doc_id)
        if number is None or not kinds or not _names_all_in(question, language, by_doc.get(best.doc_id) or [best]):
            # A paper not named by its number, a paper named by no kind ("the document number of ..."),
            # or not the one the question names: what the text says is read instead.
            return None
        name = _NAMES[language].get(best.kind or "", _DOCUMENT[language])
        said = (f"{name} is Kamerstuk {number[0]}, nr. {number[1]}." if language == "nl"
                else f"{name} is Kamerstuk {number[0]}, no. {number[1]}.")
        return LetterFact(asked, f"{said} [1]", [_first_chunk(best, by_doc)])
    if asked == "date":
        if not best.date or best.kind in _UNSIGNED_KINDS or "…" in (best.title or "") \
                or (best.kind in _MEMO_KINDS and _SIGNING.search(question)):
            return None
        name = _NAMES[language].get(best.kind or "", _DOCUMENT[language])
        said = (f"{name} is gedateerd {long_date(best.date, 'nl')}." if language == "nl"
                else f"{name} is dated {long_date(best.date, 'en')} (“{long_date(best.date, 'nl')}”).")
        return LetterFact(asked, f"{said} [1]", [_first_chunk(best, by_doc)])
    senders = [s for s in (best.senders or "").split("; ") if s]
    office = _office_named(question)
    if office:
        # "Welke staatssecretaris heeft de brief ondertekend?", "naam minister EZ ondertekening ...":
        # only a signatory in that office, and none when no one held it.
        senders = [s for s in senders if _holds(s, *office)]
    if not senders:
        return None
    return LetterFact(asked, f"{_signed_by(best, language, ', '.join(senders))} [1]", [_first_chunk(best, by_doc)])


# The name a Kamerstuk has on officielebekendmakingen.nl: "kst-32317-995", "kst-21501-02-3121", "kst-36200-VI-5".
_KAMERSTUK_ID = re.compile(r"^kst-(\d{2})(\d{3})(?:-(\d{1,4}|[A-Z]{1,6}))?-(\d+)$", re.IGNORECASE)
# Papers a letter cites but is not: their numbers stand in its text or footnotes, not in its letterhead.
_CITED_PAPER = re.compile(r"\b(?:\w*fiche|non-?paper|nonpaper|voorstel|proposal|mededeling|communication|com|"
                          r"rapport|report|verordening|regulation|richtlijn|directive)\b", re.IGNORECASE)
# A letter's "kenmerk" is its sender's reference, which its text gives, not its Kamerstuk number.
_KENMERK = re.compile(r"\b(?:kenmerk|referentie|reference)\b", re.IGNORECASE)
# Words of a question that say which paper, not what is asked of it ("kenmerk" and "reference" need
# no place: a question with them asks no Kamerstuk number, see _KENMERK).
_NOT_A_NAME = re.compile(r"^(?:kamerstuk\w*|kst|nummer|nr|welk|welke|heeft|hebben|wat|what|which|number|document|"
                         r"paper|vindplaats|dossier\w*|the|het|van|over|does|have|has)$",
                         re.IGNORECASE)


def kamerstuk_number(doc_id: str) -> tuple[str, str] | None:
    """The dossier and number of the Kamerstuk ``doc_id`` names, as the papers write them; None
    for a letter not named so.

    Example:
        >>> kamerstuk_number("kst-21501-02-3121"), kamerstuk_number("kst-36200-VI-5")
        (('21 501-02', '3121'), ('36 200 VI', '5'))
        >>> kamerstuk_number("llm13_regeerprogramma-2024") is None
        True
    """
    m = _KAMERSTUK_ID.match(doc_id)
    if not m:
        return None
    part = m.group(3) or ""
    dossier = f"{m.group(1)} {m.group(2)}" + (f"-{part}" if part.isdigit() else f" {part.upper()}" if part else "")
    return dossier, m.group(4)


def _names_all_in(question: str, language: str, chunks: list[Chunk]) -> bool:
    """Does the letter of ``chunks`` hold every word ``question`` names it by, other than its kind
    ("welk nummer heeft de motie Paternotte?" is not the motion Ceder)? An English question's
    words are read only where capitalised (a name, "ATR"): the letter is Dutch."""
    text = " ".join([chunks[0].title or "", chunks[0].senders or ""] + [c.text for c in chunks]).lower()
    words = [w for w in re.findall(r"[^\W\d_][\w-]{2,}", question)
             if not _NOT_A_NAME.match(w) and not asked_kinds(w, language) and not _DOCUMENT_NOUN.fullmatch(w)
             and (language == "nl" or w[0].isupper()) and w.lower() not in DUTCH and w.lower() not in ENGLISH]
    return all(w.lower() in text for w in words)


def _office_holder(office: tuple[bool, str], language: str, ranked: list[Chunk],
                   by_doc: dict[str, list[Chunk]], question: str) -> LetterFact | None:
    """Who held the office asked, by the signatories of the best-ranked letter who held it then,
    with the letter and its date: the office changes hands, and the answer says as of when. Only
    that letter: "the Minister for Asylum and Migration under the government programme" of 2024 is
    not the one who signed the agenda of 2026 that ranks third."""
    if not ranked:
        return None
    chunk = ranked[0]
    years = asked_years(question)
    if years and (chunk.date or "")[:4] not in years:
        return None  # "Wie was de minister van Justitie in 2010?" is not told by a letter of 2026
    held = [s for s in (chunk.senders or "").split("; ") if s and _holds(s, *office)]
    if not held:
        return None
    who = ", ".join(f"{s.partition(' (')[0]}, {s.rpartition('(')[2].rstrip(')')}" for s in held)
    return LetterFact("office", f"{_signed_by(chunk, language, who)} [1]", [_first_chunk(chunk, by_doc)])


def _first_chunk(chunk: Chunk, by_doc: dict[str, list[Chunk]]) -> Chunk:
    """The first chunk of ``chunk``'s letter, where its letterhead stands (``by_doc`` is in reading order)."""
    return (by_doc.get(chunk.doc_id) or [chunk])[0]


def _signed_by(chunk: Chunk, language: str, who: str) -> str:
    """"De brief van 28 januari 2025 is ondertekend door ...": the letter by its kind and date."""
    name = _NAMES[language].get(chunk.kind or "", _DOCUMENT[language])
    if language == "nl":
        return f"{name}{f' van {long_date(chunk.date, language)}' if chunk.date else ''} is ondertekend door {who}."
    return f"{name}{f' of {long_date(chunk.date, language)}' if chunk.date else ''} is signed by {who}."
