"""Questions about a council meeting's agenda, answered from chunk metadata.

"Welke punten staan ter goedkeuring?" is not a question text similarity can answer:
no sentence says it, the agenda's structure does. Every chunk of a geannoteerde
agenda carries its section, item number, title and type, the letter's date, the
council, the meeting date and the signatories (see :mod:`rag.chunk`), so the
agenda of a meeting, the items of one type, who signed and when the meeting is
are read from there, exactly, and each item is cited to its own chunk.

A question is an agenda question only when it asks for nothing else: once the
words that name the agenda, an item type, a council, a month or a year are taken
away, no topic word may be left ("Staat Europol op de agenda?" goes to the normal
answer path, which finds the Europol item).

Example:
    >>> from rag.agenda import agendas, read_question
    >>> aq = read_question("Welke punten staan ter goedkeuring?")
    >>> aq.kind, aq.types
    ('type', ['Goedkeuring'])
    >>> read_question("Wat is de positie van het kabinet over Europol?") is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS

from rag.dates import council_short_name, date_span, long_date
from rag.documents import Chunk, page_label
from rag.question import COUNCIL_PATTERNS, MONTHS_EN, MONTHS_NL, Question
from rag.sentences import split_sentences

# Item types as the letters print them (rag.structure.ITEM_TYPES), grouped as staff ask for
# them, with the words that ask for each group in Dutch and English.
TYPE_GROUPS: dict[str, tuple[list[str], str]] = {
    "Goedkeuring": (["goedkeuring", "aanneming", "aanname", "vaststelling"],
                    r"goedkeuring|goedgekeurd|goed te keuren|goedkeuren|vastgesteld|aangenomen|besluit nemen|"
                    r"een besluit|ter besluitvorming|beslissen|"
                    r"approv\w*|adopt\w*|endorse\w*"),
    "Algemene oriëntatie": (["algemene oriëntatie", "gedeeltelijke algemene oriëntatie"],
                            r"algemene ori[eë]ntatie|general approach"),
    "Politiek akkoord": (["politiek akkoord", "akkoord"], r"politiek akkoord|political agreement"),
    "Gedachtewisseling": (["gedachtewisseling", "discussie", "debat", "beleidsdebat", "openbaar debat",
                           "uitwisseling van standpunten"],
                          r"gedachtewisseling\w*|beleidsdebat\w*|discussie\w*|debat\w*|gedebatteerd|"
                          r"exchange of views|discuss\w*|debate\w*"),
    "Stand van zaken": (["stand van zaken", "informatie", "voortgangsrapport", "voortgangsverslag",
                         "terugkoppeling", "toelichting", "presentatie"],
                        r"stand v(?:an|\.)? zaken|voortgang\w*|ter informatie|informatiepunt\w*|state of play|"
                        r"progress|for information|information point\w*|presentati\w*"),
    "AOB": (["aob", "diversen"], r"\baob\b|diversen|any other business|overige punten"),
}
_TYPE_RES = {name: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for name, (_, pattern) in TYPE_GROUPS.items()}
TYPE_NAMES = {
    "nl": {"Goedkeuring": "ter goedkeuring", "Algemene oriëntatie": "voor een algemene oriëntatie",
           "Politiek akkoord": "voor een politiek akkoord", "Gedachtewisseling": "voor een gedachtewisseling",
           "Stand van zaken": "ter informatie (stand van zaken)", "AOB": "onder AOB (diversen)"},
    "en": {"Goedkeuring": "for approval", "Algemene oriëntatie": "for a general approach",
           "Politiek akkoord": "for a political agreement", "Gedachtewisseling": "for an exchange of views",
           "Stand van zaken": "for information (state of play)", "AOB": "under any other business"},
}

_AGENDA_WORD = re.compile(r"\b(agenda|agendapunt\w*|agendapnt\w*|punt(?:en)?|pnt(?:en)?|items?|onderwerpen|topics?|"
                          r"points?)\b", re.I)
_POSITION = re.compile(r"\b(positie|standpunt|inzet|mening|steunt|hecht\w*|position|stance|view|think|support)\b|\bwat vind|"
                       r"\bvind(?:t|en) (?:nederland|nl|het kabinet|de regering|de minister)\b", re.I)
_SENDERS = re.compile(r"\b(afzenders?|ondertekenaars?|signator(?:y|ies)|"
                      r"(?:wie|who)\b.*\b(?:ondertekend|ondertekent|getekend|tekent|signed|sent|stuurt|stuurde|"
                      r"gestuurd|verstuurd|verzonden))\b", re.I)
_ATTENDS = re.compile(r"\b((?:wie|who|welke|which)\b.*\b(?:deel|deelnemen|aanwezig|vertegenwoordig\w*|attend\w*|represent\w*|"
                      r"go(?:es)?|going|went|gaat|gaan|ging|gingen|naartoe)|deelnemers|attendees)\b", re.I)
# How a letter says who goes: "De minister van ... zullen aan de Raad deelnemen."
_ATTENDANCE = re.compile(r"\b(deelnemen|deel(?:nemen|neemt)|deel te nemen|nemen\b.{0,60}\bdeel|neemt\b.{0,60}\bdeel|"
                         r"aanwezig zijn|vertegenwoordigd door|zal .{0,40}bijwonen|zullen .{0,40}bijwonen)\b", re.I)
# Content asked for, even when the agenda is named: why, what is said or wanted, what happens next.
_CONTENT = re.compile(r"\b(waarom|why|hoe|how|wat (?:zegt|staat er in|wil|vindt|beoogt|vraagt)|what (?:does|do|did|is|are) "
                      r"(?:the|nl|nederland|netherlands|dutch|kabinet)|wil nl|wil nederland|wants?|aims?|argu\w*|"
                      r"vind\w*|zegt|says?|said|inhoud|content|conclusie\w*s? van|uitkomst|outcome|resultaat|result|brengt|inbreng\w*|"
                      r"bring\w*|raise\w*|stress\w*|benadruk\w*|zorgen|concern\w*|instem\w*|agree\w*|came out|"
                      r"kwam uit|line)\b",
                      re.IGNORECASE)
# "staat Europol op de agenda?", "komt X aan bod?", "is X on the agenda?", "is X tabled?"
_ON_AGENDA = re.compile(r"\b(op de agenda|on the agenda|geagendeerd|aan bod|aan de orde|agendeerd|tabled|scheduled|"
                        r"slated|on for|in de agenda)\b", re.IGNORECASE)
# "welk agendapunt gaat over X", "onder welk punt valt X", "which item covers X", "is there an item on X"
_YES_NO = re.compile(r"\s*(?:werd|werden|wordt|worden|is|zijn|was|were|staat|staan|stond|stonden|komt|komen|kwam|kwamen|"
                     r"gaat|ging|had|klopt het dat|"
                     r"will|are|does|do|is there|are there)\b", re.IGNORECASE)
# "welke conclusies ...", "which files ...": a question for items, by another name.
_ITEM_NOUNS = (r"(?:agenda\s*)?(?:punt|punten|pnt|pnten|agendapunt|agendapunten|agendapnt|item|items|point|points|onderwerp|"
               r"onderwerpen|dossier|dossiers|file|files|topics?|conclusies|conclusions|"
               r"werklunch|lunch|lunches|ontbijt|breakfast)")
_WHICH_ITEM = re.compile(rf"\b((?:welk|welke|onder welk|bij welk|which|what|hoeveel|how many)\s+(?:\S+\s+){{0,2}}?"
                         rf"{_ITEM_NOUNS}|{_ITEM_NOUNS}\s+(?:over|about|on|betreffende|inzake|concerning))\b", re.IGNORECASE)
# "which member states / countries ...": asks for others than items.
_WHICH_OTHER = re.compile(r"\b(welke|which|what)\s+(?:\S+\s+)?(lidstaten|landen|member states|countries|partijen|parties|"
                          r"fracties|delegaties|delegations)\b", re.IGNORECASE)
_IS_THERE_ITEM = re.compile(rf"\b(is er|zijn er|is there|are there(?: any)?|was er|waren er|was there)\s+(?:\S+\s+){{0,2}}?"
                            rf"{_ITEM_NOUNS}\b", re.IGNORECASE)
# "stond Schengen op de JBZ-Raad van december 2015?"
_ON_MEETING = re.compile(r"\bop de (?:\S+-)?(?:raad|vergadering|agenda)\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(hoeveel|how many|aantal|number of)\b", re.IGNORECASE)
_ORDINALS = {"eerste": "1", "first": "1", "tweede": "2", "second": "2", "derde": "3", "third": "3", "vierde": "4",
             "fourth": "4", "vijfde": "5", "fifth": "5"}
_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+(?:agenda\s*)?(?:punt|pnt|agendapunt|agendapnt|item|point)\b",
                      re.IGNORECASE)
_AGENDA_NAMED = re.compile(r"\b(agenda\w*|agendapnt\w*|geagendeerd)\b", re.IGNORECASE)
_PLACE_WORD = re.compile(r"\b(plaats|locatie|location|venue|stad|city|held|gehouden)\b", re.IGNORECASE)
_MEETING_NOUN = re.compile(r"\b(raad|council|vergader\w*|bijeenkomst|meet\w*|jbz|jha)", re.IGNORECASE)
_WHEN = re.compile(r"\b(wanneer|when|welke datum|what date|op welke dag|on what day|which day|wnr)\b", re.IGNORECASE)
_WHERE = re.compile(r"\b(waar|where|welke stad|which city)\b", re.IGNORECASE)
_LETTER = re.compile(r"\b(brief|brieven|agenda|letter|geannoteerde|afzenders?|ondertekenaars?|signator(?:y|ies))\b", re.I)
_MEETING = re.compile(r"\b(wanneer|when|welke datum|what date|op welke dag|on what day|which day|waar|where|wnr|datum|"
                      r"date|dates|plaats|locatie|location|venue|place|stad|city|held|gehouden)\b", re.I)
# Where the meeting is: the place right after its date ("op 22 en 23 juli 2025 in Kopenhagen",
# "van 5-6 maart a.s. in Brussel").
_PLACE = re.compile(r"(?:\b(?:19|20)\d\d|a\.s\.|jl\.|\b(?:" + "|".join(MONTHS_NL) + r"))\)?\s+(?:in|te)\s+"
                    r"([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b")

# Words that ask about the agenda itself; anything else is a topic, and the question
# goes to the normal answer path.
META_WORDS = set(
    """wat welke welk wie wanneer waar waarover waarbij waarvoor hoe is zijn staat staan stonden stond
    komt komen wordt worden werd op de het een van en in voor bij over er te ter om tot door met aan
    agenda agendapunt agendapunten punt punten onderwerp onderwerpen item items geannoteerde brief
    brieven raad raden bijeenkomst vergadering meeting council councils datum dag plaats vindt vinden
    gehouden volgende eerstvolgende komende aanstaande jl verwacht verwachte gevraagd voorzien gepland
    beoogd lijst overzicht noem geef alle allemaal nog ook eigenlijk precies ondertekend ondertekent
    getekend tekent afzender afzenders ondertekenaar ondertekenaars gestuurd verstuurd verzonden stuurt
    stuurde heeft hebben had minister ministers staatssecretaris the a an of for on at in to is are was
    were be will which what who when where list all items points topics agenda expected planned sought
    due meeting council date day held take takes place next upcoming signed sent signatory signatories
    letter annotated does do did has have please show give me there jbz jbz-raad jha nl nederland
    kabinet up vergadert vergaderen meet meets meeting's zitting deel deelnemen neemt nemen aanwezig
    vertegenwoordigt vertegenwoordigen gaat gaan naartoe attends attend attending represents represent goes go
    deelnemers attendees namens naar ga pnt pnten agendapnt agendapnten onder justitie binnenlandse zaken
    section deel gedeeltelijke partial erop daarop hierop session sessie who's where's when's home jenv aenm
    bzk bewindslieden bewindspersonen locatie""".split()
)
# Function words of both languages, and the words staff use about a meeting rather than
# a topic (who decides, what kind of item, how many), count as asking about the agenda too.
META_WORDS |= set(STOPWORDS_DUTCH) | set(STOPWORDS_EN_PLUS) | set(
    """dossier dossiers besluit besluiten besluitvorming beslissen bewindspersonen bewindspersoon voorzitterschap
    ministers dutch nederlandse informal informele ingelaste extra total totaal hoeveel many aantal iets alleen
    info kennisgeving bod down only decision decisions decide discussion discussed precies wanneer waar exact
    early late begin eind vroeg laat luxemburg luxembourg brussel brussels justice home affairs biza bz jenv
    ministerie ministry day dag dagen days ter what's whats wat's allemaal krijgen horen hoe ervoor staat
    staan moeten moet nog wordt worden zijn what which who whom whose when where how day list bereiken
    nemen""".split())
_ITEM_NUMBER = re.compile(r"\b(?:agenda)?(?:punt|pnt|item|point)\s*(\d{1,2})\b", re.IGNORECASE)
# Sections as staff name them: "BiZa", "Justice day", "onder Justitie".
_SECTION_WORDS = {"justitie": "justitie", "justice": "justitie", "binnenlandse zaken": "binnenlandse zaken",
                  "biza": "binnenlandse zaken", "home affairs": "binnenlandse zaken", "home": "binnenlandse zaken"}

# The words whose typos are read as them: the agenda's own, long enough that one slip leaves them clear.
_TYPO_TARGETS = """agenda agendapunt agendapunten punten onderwerpen ondertekend ondertekenaars afzender
    goedkeuring gedachtewisseling oriëntatie algemene vergadering bijeenkomst deelnemen justitie""".split() + [
    m for m in MONTHS_NL + MONTHS_EN if len(m) >= 6]
# Agenda sections ("I. Binnenlandse Zaken", "II. Justitie"): "welke punten onder Justitie?"
_SECTION = re.compile(r"\b(justitie|justice|binnenlandse zaken|biza|home affairs|home(?=[\s-]*(?:dag|day)))\b",
                      re.IGNORECASE)
_COUNCIL_NAMES = re.compile(r"raad (?:voor )?justitie en binnenlandse zaken|justice and home affairs", re.IGNORECASE)


@dataclass
class AgendaItem:
    """One item of a meeting's agenda, with the chunk that starts it (for the citation)."""

    section: str | None
    item_no: str
    title: str
    item_type: str | None
    page_start: int
    page_end: int
    chunk: Chunk

    @property
    def label(self) -> str:
        """``I.2`` in a sectioned agenda, else ``2``."""
        numeral = (self.section or "").split(".", 1)[0].strip()
        return f"{numeral}.{self.item_no}" if re.fullmatch(r"[IVX]+", numeral) else self.item_no


@dataclass
class Agenda:
    """A council letter's agenda, read from its chunks."""

    doc_id: str
    title: str
    kind: str
    date: str | None
    council: str | None
    meeting_date: str | None
    meeting_end_date: str | None
    senders: list[str]
    items: list[AgendaItem]
    chunks: list[Chunk]

    @property
    def first_chunk(self) -> Chunk:
        return self.chunks[0]

    def of_types(self, types: Iterable[str]) -> list[AgendaItem]:
        """The items whose printed type falls in one of the groups ``types``."""
        wanted = {t for name in types for t in TYPE_GROUPS[name][0]}
        return [i for i in self.items if i.item_type and _type_key(i.item_type) in wanted]


@dataclass
class AgendaQuestion:
    """What an agenda question asks for.

    Attributes:
        kind: ``items`` (the whole agenda), ``type`` (items of some types), ``topic``
            (whether and where a topic is on the agenda), ``senders``
            (who signed the letter), ``attendees`` (who takes part) or ``meeting`` (when
            and where the meeting is).
        types: For ``type``: the type groups asked for (keys of :data:`TYPE_GROUPS`).
        section: For ``items``: only the items of this section (``justitie``).
        number: For ``items``: only the item with this number ("agendapunt 4").
        topic: The words of a topic the question asks about ("is Europol on the agenda?"):
            for ``topic`` and ``type``, only the items on it; for ``meeting``, words
            that describe the meeting. The caller matches them against item titles.
        yes_no: The question asks whether the topic is on the agenda ("staat Europol op de agenda?").
        also: Further kinds asked in the same question ("wie ondertekend + waar?").
    """

    kind: str
    types: list[str] = field(default_factory=list)
    section: str | None = None
    number: str | None = None
    topic: str | None = None
    yes_no: bool = False
    also: list[str] = field(default_factory=list)


def read_question(text: str) -> AgendaQuestion | None:
    """The agenda question ``text`` asks, or None when it asks about a topic.

    A question with topic words is an agenda question only in the forms that ask
    whether (or where) a topic is on the agenda ("Komt Europol nog aan bod?", "which
    item covers Schengen?", "werd er een algemene oriëntatie over X verwacht?"), or
    when it asks when and where a named meeting is and the topic only describes it
    ("ingelaste jbz afghanistan aug 2021 wanneer + waar"). Its ``topic`` then holds
    those words, and the caller answers only if they match an item (or the meeting).
    """
    text = _normalise(text)
    if _POSITION.search(text):
        return None
    topic = _topic_words(text)
    if topic and _CONTENT.search(text):
        return None
    asked = _structure(text)
    if not topic:
        return asked
    # As typed ("AI", "EU-visumstrategie"): the answer names the topic back.
    typed = [m.group(0) if (m := re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.IGNORECASE)) else w
             for w in topic]
    return _with_topic(text, " ".join(typed), asked)


def _structure(text: str) -> AgendaQuestion | None:
    """What a question asks of the agenda, if it asks for any part of it (topic words aside)."""
    section = _SECTION.search(_COUNCIL_NAMES.sub(" ", text))
    section_name = _SECTION_WORDS[section.group(1).lower()] if section else None
    meeting = bool(_MEETING.search(text) and _MEETING_NOUN.search(text))
    if _SENDERS.search(text) and (_LETTER.search(text) or re.search(r"\bGA\b", text)):
        # "GA JBZ dec 2014: wie ondertekend + waar?" asks both.
        return AgendaQuestion("senders", also=["meeting"] if meeting and _WHERE.search(text) else [])
    if _ATTENDS.search(text):
        return AgendaQuestion("attendees")
    number = _ITEM_NUMBER.search(text)
    ordinal = _ORDINAL.search(text)
    if number or ordinal:
        # "Wat is agendapunt 4 (en is het ter besluitvorming)?": that item, with its type.
        which = number.group(1) if number else _ORDINALS[ordinal.group(1).lower()]
        return AgendaQuestion("items", section=section_name, number=which)
    types = [name for name, pattern in _TYPE_RES.items() if pattern.search(text)]
    if types:
        # Nothing but a type and a meeting ("ter goedkeuring jbz maart 2026") asks for those items too.
        return AgendaQuestion("type", types, section=section_name)
    if _AGENDA_WORD.search(text) or section_name:
        return AgendaQuestion("items", section=section_name)
    if meeting:
        return AgendaQuestion("meeting")
    return None


def _with_topic(text: str, topic: str, asked: AgendaQuestion | None) -> AgendaQuestion | None:
    """The agenda question a question with topic words asks, if it is one of the forms above.

    Yes/no ("staat Europol op de agenda?", "is there an item on Schengen?") asks whether the
    topic is on the agenda (kind ``topic``); "which items/conclusions/files ..." asks for
    items, the topic words perhaps narrowing them; who attends or signs, and when and
    where a named meeting is, may carry words that only describe it."""
    if not (_AGENDA_NAMED.search(text) or _MEETING_NOUN.search(text) or re.search(r"\bGA\b", text)
            or (_AGENDA_WORD.search(text) and MeetingRef.of(text).months)):
        return None  # names neither an agenda nor a meeting: a question about the topic
    yes_no = bool(_YES_NO.match(text))
    on_agenda = bool(_ON_AGENDA.search(text) or _ON_MEETING.search(text))
    if yes_no and (on_agenda or _IS_THERE_ITEM.search(text)):
        types = asked.types if asked and asked.kind == "type" else []
        return AgendaQuestion("type" if types else "topic", types, topic=topic, yes_no=True)
    if asked is None:
        return AgendaQuestion("topic", topic=topic) if _WHICH_ITEM.search(text) else None
    if asked.kind in ("items", "type"):
        if (_WHICH_ITEM.search(text) or on_agenda or _COUNT.search(text)) and not _WHICH_OTHER.search(text):
            asked.topic = topic
            return asked
        return None
    if asked.kind == "meeting" and not (_WHEN.search(text) or _PLACE_WORD.search(text)):
        return None  # "waar" alone is also "waar maakt NL zich zorgen over?"
    if asked.kind in ("attendees", "senders", "meeting") and MeetingRef.of(text):
        asked.topic = topic
        return asked
    return None


def topic_share(topic: str, text: str, english: bool = False) -> float:
    """The share of the topic's words that ``text`` mentions, by prefix so that Dutch compounds
    and inflections match ("schengen" ~ "Schengengebied", "beschermen" ~ "bescherming"); an
    English word also matches through its Dutch equivalents.

    Example:
        >>> topic_share("schengen", "Algemene staat van het Schengengebied")
        1.0
    """
    from rag.question import dutch_words

    words = {_fold(w) for w in re.findall(r"[a-zà-ÿ]{3,}", text.lower())}
    asked = [w for w in re.findall(r"[a-zà-ÿ]{3,}", topic.lower())]
    if not asked:
        return 0.0

    def found(word: str) -> bool:
        forms = [word, *(dutch_words(word) if english else [])]
        return any(_same_stem(_fold(f), w) for f in forms for f in f.split() for w in words)

    return sum(found(w) for w in asked) / len(asked)


def _fold(word: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _same_stem(asked: str, word: str) -> bool:
    """``word`` begins with ``asked`` but for a short ending, the longer ``asked`` the longer
    the ending ("europol" is not "europa"; "beschermen" is "bescherming")."""
    n = 0
    while n < min(len(asked), len(word)) and asked[n] == word[n]:
        n += 1
    return n >= len(asked) - (2 if len(asked) >= 8 else 1 if len(asked) >= 6 else 0)


def _normalise(text: str) -> str:
    """Typos of the agenda's own words ("agnda", "agendapnt") read as those words."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    def fix(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < 5 or low in META_WORDS or low in _MONTH_WORDS:
            return word
        best = process.extractOne(low, _TYPO_TARGETS, scorer=OSA.distance, score_cutoff=1)  # a typo or a swap
        return best[0] if best else word

    return re.sub(r"[A-Za-zÀ-ÿ]+", fix, text)


def _topic_words(text: str) -> list[str]:
    """The words that name a topic; a compound keeps its hyphen ("e-evidence", "Syrië-lunch")."""
    months = set(MONTHS_NL + MONTHS_EN)
    council_words = {w for p in COUNCIL_PATTERNS.values() for m in p.finditer(text) for w in m.group(0).lower().split()}
    type_words = {w for p in _TYPE_RES.values() for m in p.finditer(text) for w in m.group(0).lower().split()}

    def topical(part: str) -> bool:
        return (part not in META_WORDS and part not in months and part not in _MONTH_WORDS
                and part not in council_words and part not in type_words and len(part) > 1)

    return [word.strip("-'") for word in re.findall(r"[a-zà-ÿ][a-zà-ÿ'-]*", text.lower())
            if any(topical(part) for part in word.split("-"))]


def _type_key(printed: str) -> str:
    """``(Mogelijke) algemene oriëntatie`` -> ``algemene oriëntatie``."""
    key = re.sub(r"^\(?mogelijke?\)?\s*", "", printed.strip().lower())
    return re.sub(r"\s+(?:van|door)\s+(?:het|de)\s+\S+$", "", key)


def agendas(chunks: Iterable[Chunk]) -> list[Agenda]:
    """The agendas among ``chunks``: every letter with numbered agenda items or a meeting date,
    latest meeting first."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    out = []
    for doc_chunks in by_doc.values():
        doc_chunks.sort(key=_document_order)
        items: dict[tuple[str, str], AgendaItem] = {}
        for c in doc_chunks:
            if c.item_no and (c.section, c.item_no) not in items:
                items[(c.section, c.item_no)] = AgendaItem(c.section, c.item_no, c.item_title or "", c.item_type,
                                                           c.page_start, c.page_end, c)
            elif c.item_no:
                items[(c.section, c.item_no)].page_end = max(items[(c.section, c.item_no)].page_end, c.page_end)
        first = doc_chunks[0]
        # A council letter without numbered items still says who signed and when the meeting is.
        if not items and not first.meeting_date:
            continue
        senders = [s for s in (first.senders or "").split("; ") if s]
        out.append(Agenda(first.doc_id, first.title, first.kind, first.date, first.council, first.meeting_date,
                          first.meeting_end_date, senders, list(items.values()), doc_chunks))
    out.sort(key=lambda a: (a.meeting_date or a.date or "", a.doc_id), reverse=True)
    return out


def _document_order(c: Chunk) -> tuple:
    return (c.page_start, _roman((c.section or "").split(".", 1)[0]), int(c.item_no) if (c.item_no or "").isdigit() else 0,
            c.split_id)


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values.get(a, 0)
        total += -v if values.get(b, 0) > v else v
    return total


# Months as staff type them ("mrt '26", "dec 2014", "5-6 maart"), and years ("2026", "'26").
_MONTH_WORDS = {**{m: i for i, m in enumerate(MONTHS_NL, start=1)}, **{m: i for i, m in enumerate(MONTHS_EN, start=1)},
                "jan": 1, "feb": 2, "mrt": 3, "mar": 3, "maa": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\b\.?(?:\s+(?:(20\d\d)|'(\d\d)))?",
                       re.IGNORECASE)
_YEAR_RE = re.compile(r"(?:\b(20\d\d)\b|'(\d\d)\b)")


@dataclass
class MeetingRef:
    """The meeting a question names: councils, months (with their year, if given) and years."""

    councils: list[str] = field(default_factory=list)
    months: list[tuple[int, int | None]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> MeetingRef:
        councils = [name for name, pattern in COUNCIL_PATTERNS.items() if pattern.search(text)]
        months = []
        for m in _MONTH_RE.finditer(text):
            year = int(m.group(2)) if m.group(2) else (2000 + int(m.group(3)) if m.group(3) else None)
            months.append((_MONTH_WORDS[m.group(1).lower()], year))
        years = [int(a) if a else 2000 + int(b) for a, b in _YEAR_RE.findall(text)]
        return cls(councils, months, years)

    def __bool__(self) -> bool:
        return bool(self.months or self.years)

    def matches(self, meeting_date: str | None, meeting_end_date: str | None, fallback_date: str | None) -> bool:
        """Whether a meeting on these days is the one named (councils are checked apart)."""
        days = [d for d in (meeting_date, meeting_end_date) if d]
        for month, year in self.months:
            if not any(int(d[5:7]) == month and (year is None or int(d[:4]) == year) for d in days):
                return False
        if self.years and not any(str(y) in (meeting_date or fallback_date or "") for y in self.years):
            return False
        return True


def pick_agenda(found: list[Agenda], q: Question, ref: MeetingRef | None = None,
                asked: AgendaQuestion | None = None) -> Agenda | None:
    """The agenda the question means: of the council and meeting it (or ``ref``) names, else the latest."""
    ref = ref or MeetingRef.of(q.text)
    if asked is not None and asked.kind in ("items", "type", "topic"):
        found = [a for a in found if a.items]
    councils = q.councils or ref.councils
    if councils:
        found = [a for a in found if of_councils(councils, a.council, a.title)]
    candidates = [a for a in found if ref.matches(a.meeting_date, a.meeting_end_date, a.date)]
    agendas_of_it = [a for a in candidates if "agenda" in a.kind]
    if asked is not None and asked.kind == "meeting":
        # When and where a meeting is, any letter on it says: best one that names the place.
        candidates.sort(key=lambda a: (_place_of(a) is None, "agenda" not in a.kind))
    else:
        # Who signed or attends, and the items, are the agenda's.
        candidates = agendas_of_it
    return candidates[0] if candidates else None


# A council or meeting with its month close by, either way round: "de JBZ-Raad van 13 maart 2020",
# "ingelaste JBZ-Raad eind augustus 2021", "jbz dec 2025", "the June 2023 JHA Council".
_NEAR = r"(?:[\w'’.,/-]+\s+){0,4}?"


def meeting_named(text: str) -> MeetingRef | None:
    """The meeting a question names by council (or "vergadering") and month, else None.

    Example:
        >>> meeting_named("Waarover ging die extra ingelaste JBZ-Raad eind augustus 2021?").months
        [(8, 2021)]
        >>> meeting_named("Wat is in juni 2025 afgesproken over volwassenen?") is None
        True
    """
    months = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
    noun = r"(?:[\w-]*raad|council|jbz|jha|vergadering|bijeenkomst|meeting)"
    pattern = rf"\b{noun}\b\s+{_NEAR}(?:\d{{1,2}}\S*\s+)?(?:{months})\b|\b(?:{months})\b\.?\s+{_NEAR}{noun}\b"
    if not re.search(pattern, text, re.IGNORECASE):
        return None
    ref = MeetingRef.of(text)
    return ref if ref.months else None


def of_councils(councils: list[str], council: str | None, title: str) -> bool:
    """Whether a letter (its council field and title) is about one of ``councils``."""
    return any(COUNCIL_PATTERNS[name].search(f"{council or ''} {title}") for name in councils)


def meeting_indexed(chunks: Iterable[Chunk], ref: MeetingRef) -> bool:
    """Whether any indexed letter (an agenda, a verslag, ...) is about the meeting ``ref`` names."""
    return any(c.meeting_date and ref.matches(c.meeting_date, c.meeting_end_date, c.date) for c in chunks)


# ----------------------------------------------------------------------------- replies


@dataclass
class AgendaReply:
    """The answer to an agenda question: a lead sentence and one line per cited chunk."""

    lead: str
    lines: list[tuple[str, Chunk]]
    answered: bool = True
    # Where a quoted lead stands in the first line's chunk (start, end).
    quote: tuple[int, int] | None = None


def reply(aq: AgendaQuestion, agenda: Agenda, language: str, only: list[AgendaItem] | None = None) -> AgendaReply:
    """Answer ``aq`` from ``agenda``, in ``language`` (``nl`` or ``en``).

    ``only``: for a question about a topic, the items on that topic (matched by the caller)."""
    meeting = meeting_name(agenda, language)
    if aq.kind == "senders":
        who = ", ".join(agenda.senders)
        if not who:
            lead = (f"In de brief over {meeting} vond ik geen ondertekenaars." if language == "nl"
                    else f"I found no signatories in the letter on {meeting}.")
            return AgendaReply(lead, [], answered=False)
        about = meeting_name(agenda, language, letter_date=False)
        dated = f" van {long_date(agenda.date, language)}" if agenda.date and language == "nl" else \
            (f" of {long_date(agenda.date, language)}" if agenda.date else "")
        lead = (f"De brief{dated} over {about} is ondertekend door {who}." if language == "nl"
                else f"The letter{dated} on {about} is signed by {who}.")
        return AgendaReply(lead, [("", _signed_in(agenda))])
    if aq.kind == "attendees":
        found = _attendance(agenda)
        if found is None:
            lead = (f"De brief over {meeting} zegt niet wie aan de Raad deelneemt." if language == "nl"
                    else f"The letter on {meeting} does not say who attends.")
            return AgendaReply(lead, [], answered=False)
        chunk, sentence, span = found
        return AgendaReply(sentence, [("", chunk)], quote=span)
    if aq.kind == "meeting":
        place = _place_of(agenda)
        where = f" in {place[0]}" if place else ""
        if not agenda.meeting_date:
            lead = ("De brief noemt geen datum van de vergadering." if language == "nl"
                    else "The letter gives no meeting date.")
            return AgendaReply(lead, [], answered=False)
        council = council_name(agenda, language)
        past = (agenda.meeting_end_date or agenda.meeting_date) < date.today().isoformat()
        verb = ("vergaderde" if past else "vergadert") if language == "nl" else ("met" if past else "meets")
        lead = (f"De {council} {verb} op {_span(agenda, language)}{where}."
                if language == "nl" else f"The {council} {verb} on {_span(agenda, language)}{where}.")
        if place is None:
            return AgendaReply(lead, [("", agenda.first_chunk)])
        # The letter's own words, quoted, so the date and place can be checked at a glance.
        _, sentence, span = place
        return AgendaReply(f'{lead} {"De brief" if language == "nl" else "The letter"}: “{sentence}”',
                           [("", agenda.first_chunk)], quote=span)
    if aq.kind == "topic" or (aq.kind == "type" and only is not None):
        return _topic_reply(aq, agenda, language, only or [])
    items = agenda.items if aq.kind == "items" else agenda.of_types(aq.types)
    if only is not None:
        items = [i for i in items if i in only]
    if aq.section:
        items = [i for i in items if aq.section in (i.section or "").lower()]
    if aq.number:
        items = [i for i in items if i.item_no == aq.number] or items
        meeting = f"{meeting}, {'onderdeel' if language == 'nl' else 'part'} {aq.section.title()}"
    if aq.kind == "items":
        on_topic = ("" if only is None else " over dit onderwerp" if language == "nl" else " on this topic")
        lead = (f"Op de agenda van {meeting} {_count(len(items), language)}{on_topic}:" if language == "nl"
                else f"The agenda of {meeting} has {_count(len(items), language)}{on_topic}:")
    else:
        what = " of ".join(TYPE_NAMES[language][t] for t in aq.types) if language == "nl" else \
            " or ".join(TYPE_NAMES[language][t] for t in aq.types)
        if not items and not any(i.item_type for i in agenda.items):
            # The letter (or its excerpt) prints no type at all: that is not "none of that type".
            lead = (f"De brief over {meeting} zegt bij geen enkel punt wat de Raad ermee doet." if language == "nl"
                    else f"The letter on {meeting} does not say for any item what the Council will do with it.")
            return AgendaReply(lead, [], answered=False)
        if not items:
            lead = (f"Op de agenda van {meeting} staat geen punt {what}." if language == "nl"
                    else f"No item on the agenda of {meeting} is {what}.")
            return AgendaReply(lead, [], answered=False)
        lead = (f"Op de agenda van {meeting} {_count(len(items), language)} {what}:" if language == "nl"
                else f"On the agenda of {meeting}, {_count(len(items), language)} {'is' if len(items) == 1 else 'are'} {what}:")
    return AgendaReply(lead, _item_lines(items, with_type=aq.kind == "items"))


def _item_lines(items: list[AgendaItem], with_type: bool) -> list[tuple[str, Chunk]]:
    lines = []
    for item in items:
        kind = f" ({item.item_type})" if item.item_type and with_type else ""
        pages = page_label(item.page_start, item.page_end)
        lines.append((f"{item.label} {item.title}{kind}, {pages}", item.chunk))
    return lines


def _topic_reply(aq: AgendaQuestion, agenda: Agenda, language: str, items: list[AgendaItem]) -> AgendaReply:
    """Whether the topic is on the agenda (and, if a type was asked, as that type), with its items."""
    meeting = meeting_name(agenda, language)
    if not items:
        lead = (f"Op de agenda van {meeting} staat geen punt over {aq.topic}." if language == "nl"
                else f"The agenda of {meeting} has no item on {aq.topic}.")
        return AgendaReply(lead, [], answered=False)
    if not aq.types:
        lead = (f"Ja, op de agenda van {meeting} {_count(len(items), language)} over dit onderwerp:" if language == "nl"
                else f"Yes, the agenda of {meeting} has {_count(len(items), language)} on this topic:")
        return AgendaReply(lead, _item_lines(items, with_type=True))
    of_type = [i for i in items if i in agenda.of_types(aq.types)]
    what = (" of " if language == "nl" else " or ").join(TYPE_NAMES[language][t] for t in aq.types)
    if of_type:
        lead = (f"Ja, op de agenda van {meeting} {_count(len(of_type), language)} over dit onderwerp {what}:"
                if language == "nl" else
                f"Yes, on the agenda of {meeting}, {_count(len(of_type), language)} on this topic "
                f"{'is' if len(of_type) == 1 else 'are'} {what}:")
        return AgendaReply(lead, _item_lines(of_type, with_type=False))
    lead = (f"Nee, op de agenda van {meeting} staat dit onderwerp niet {what}, wel zo:" if language == "nl"
            else f"No, on the agenda of {meeting} this topic is not {what}; it is there as:")
    return AgendaReply(lead, _item_lines(items, with_type=True))


def _count(n: int, language: str) -> str:
    if language == "nl":
        return "staat 1 punt" if n == 1 else f"staan {n} punten"
    return "1 item" if n == 1 else f"{n} items"


def meeting_name(agenda: Agenda, language: str, letter_date: bool = True) -> str:
    """``de JBZ-Raad van 5–6 maart 2026 (brief van 26 februari 2026)``."""
    name = ("de " if language == "nl" else "the ") + council_name(agenda, language)
    if agenda.meeting_date:
        name += (" van " if language == "nl" else " of ") + _span(agenda, language)
    if agenda.date and letter_date:
        name += (f" (brief van {long_date(agenda.date, language)})" if language == "nl"
                 else f" (letter of {long_date(agenda.date, language)})")
    return name


def council_name(agenda: Agenda, language: str) -> str:
    """The council's short name (``JBZ-Raad``), as staff write it."""
    return council_short_name(agenda.council) or ("Raad" if language == "nl" else "Council")


def _span(agenda: Agenda, language: str) -> str:
    return date_span(agenda.meeting_date, agenda.meeting_end_date, language)


def _place_of(agenda: Agenda) -> tuple[str, str, tuple[int, int]] | None:
    """Where the meeting is, the sentence of the letter's first chunk that says so, and its span."""
    chunk = agenda.first_chunk
    place = _PLACE.search(chunk.text)
    if place is None:
        return None
    start, end = place.start(), place.end()
    for span in split_sentences(chunk.text):
        if span.start <= place.start() < span.end:
            start, end = span.start, span.end
            break
    if end - start > 240:
        # A run-on "sentence" (a PDF without line breaks): the words around the date and place.
        start = max(start, chunk.text.rfind(" ", 0, max(start, place.start() - 120)) + 1)
        end = place.end()
    return place.group(1), " ".join(chunk.text[start:end].split()), (start, end)


def _attendance(agenda: Agenda) -> tuple[Chunk, str, tuple[int, int]] | None:
    """The sentence of the cover letter that says who takes part, verbatim, its chunk and where it stands."""
    for chunk in agenda.chunks[:3]:
        for span in split_sentences(chunk.text):
            sentence = chunk.text[span.start:span.end]
            if _ATTENDANCE.search(sentence):
                return chunk, " ".join(sentence.split()), (span.start, span.end)
    return None


def _signed_in(agenda: Agenda) -> Chunk:
    """The chunk where the first signatory's name stands, else the letter's first chunk."""
    name = agenda.senders[0].split(" (")[0] if agenda.senders else ""
    surname = name.split(".")[-1].strip()
    return next((c for c in agenda.chunks if surname and surname in c.text), agenda.first_chunk)
