"""Reading an agenda question: what it asks of a council meeting's agenda.

"Welke punten staan ter goedkeuring?" is not a question text similarity can answer:
no sentence says it, the agenda's structure does (:mod:`rag.agenda`). This module
reads what such a question asks for: the whole agenda, the items of some types,
whether a topic is on it, who signed the letter, who attends, or when and where the
meeting is, and which meeting it names.

A question is an agenda question only when it asks for nothing else: once the
words that name the agenda, an item type, a council, a month or a year are taken
away, no topic word may be left ("Staat Europol op de agenda?" goes to the normal
answer path, which finds the Europol item).

Example:
    >>> from rag.agenda_question import read_question
    >>> aq = read_question("Welke punten staan ter goedkeuring?")
    >>> aq.kind, aq.types
    ('type', ['Goedkeuring'])
    >>> read_question("Wat is de positie van het kabinet over Europol?") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS
from rapidfuzz import process
from rapidfuzz.distance import OSA

from rag.question import (COUNCIL_PATTERNS, COUNCILS, MONTH_NAMES, MONTH_WORDS, MONTHS_EN, MONTHS_NL, dutch_words, month_number,
                          regex_fold, strip_accents)

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

_AGENDA_WORD = re.compile(r"\b(agenda|agendapunt\w*|agendapnt\w*|punt(?:en)?|pnt(?:en)?|items?|onderwerpen|topics?|"
                          r"points?)\b", re.I)
# What a meeting will take up, asked in Dutch without an agenda word: "Wat wordt er besproken op de
# JBZ-Raad?", "Waarover spreekt de Raad?", "Wat komt er aan de orde?" (with the meeting named).
# Not who speaks ("Met wie spreekt de minister tijdens de JBZ-Raad?"): bare "spreekt" is left out.
_TAKEN_UP = re.compile(r"\b(?:besproken|bespreekt|bespreken|aan de orde|aan bod|op tafel)\b|"
                       r"\bwaarover\s+(?:spreekt|spreken|sprak|spraken)\b|\b(?:wordt|werd|is)\s+er\s+gesproken\b", re.I)
_WHO_ASKED = re.compile(r"\b(?:wie|who|whom)\b", re.I)
_POSITION = re.compile(r"\b(positie|standpunt|inzet|mening|steunt|hecht\w*|position|stance|view|think|support)\b|\bwat vind|"
                       r"\bvind(?:t|en) (?:nederland|nl|het kabinet|de regering|de minister)\b", re.I)
_SENDERS = re.compile(r"\b(afzenders?|ondertekenaars?|signator(?:y|ies)|"
                      r"(?:wie|who)\b.*\b(?:ondertekend|ondertekent|getekend|tekent|signed|sent|stuurt|stuurde|"
                      r"gestuurd|verstuurd|verzonden))\b", re.I)
_ATTENDS = re.compile(r"\b((?:wie|who|welke|which)\b.*\b(?:deel|deelnemen|aanwezig|vertegenwoordig\w*|attend\w*|represent\w*|"
                      r"go(?:es)?|going|went|gaat|gaan|ging|gingen|naartoe)|deelnemers|attendees)\b", re.I)
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
# "raad" and "council", but not the Raad van State and the Council of Europe: bodies, not council meetings.
_RAAD_OR_COUNCIL = r"raad(?! van (?:state|europa))|council(?! of europe)"
_MEETING_NOUN = re.compile(rf"\b({_RAAD_OR_COUNCIL}|vergader\w*|bijeenkomst|meet\w*|jbz|jha)", re.IGNORECASE)
_WHEN = re.compile(r"\b(wanneer|when|welke datum|what date|op welke dag|on what day|which day|wnr)\b", re.IGNORECASE)
_WHERE = re.compile(r"\b(waar|where|welke stad|which city)\b", re.IGNORECASE)
_LETTER = re.compile(r"\b(brief|brieven|agenda|letter|geannoteerde|afzenders?|ondertekenaars?|signator(?:y|ies))\b", re.I)
_MEETING = re.compile(r"\b(wanneer|when|welke datum|what date|op welke dag|on what day|which day|waar|where|wnr|datum|"
                      r"date|dates|plaats|locatie|location|venue|place|stad|city|held|gehouden)\b", re.I)

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
    nemen besproken bespreekt bespreken spreekt spreken gesproken orde bod tafel tijdens volgende komende
    aanstaande""".split())
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
    if topic and _TAKEN_UP.search(text) and not _AGENDA_WORD.search(text) and not _YES_NO.match(text):
        return None  # "Wat wordt er op de Raad besproken over terugkeerhubs?": what is said of them
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
    section_name = _SECTION_WORDS[" ".join(regex_fold(section.group(1)).split())] if section else None
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
        which = number.group(1) if number else _ORDINALS[regex_fold(ordinal.group(1))]
        return AgendaQuestion("items", section=section_name, number=which)
    types = [name for name, pattern in _TYPE_RES.items() if pattern.search(text)]
    if types:
        # Nothing but a type and a meeting ("ter goedkeuring jbz maart 2026") asks for those items too.
        return AgendaQuestion("type", types, section=section_name)
    taken_up = (_TAKEN_UP.search(text) and _MEETING_NOUN.search(text) and not _CONTENT.search(text)
                and not _WHO_ASKED.search(text))
    if _AGENDA_WORD.search(text) or section_name or taken_up:
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
    words = {strip_accents(w) for w in re.findall(r"[a-zà-ÿ]{3,}", text.lower())}
    asked = [w for w in re.findall(r"[a-zà-ÿ]{3,}", topic.lower())]
    if not asked:
        return 0.0

    def found(word: str) -> bool:
        forms = [word, *(dutch_words(word) if english else [])]
        return any(_same_stem(strip_accents(f), w) for f in forms for f in f.split() for w in words)

    return sum(found(w) for w in asked) / len(asked)


def _same_stem(asked: str, word: str) -> bool:
    """``word`` begins with ``asked`` but for a short ending, the longer ``asked`` the longer
    the ending ("europol" is not "europa"; "beschermen" is "bescherming")."""
    n = 0
    while n < min(len(asked), len(word)) and asked[n] == word[n]:
        n += 1
    return n >= len(asked) - (2 if len(asked) >= 8 else 1 if len(asked) >= 6 else 0)


def _normalise(text: str) -> str:
    """Typos of the agenda's own words ("agnda", "agendapnt") read as those words."""
    def fix(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < 5 or low in META_WORDS or low in MONTH_WORDS:
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
        return (part not in META_WORDS and part not in months and part not in MONTH_WORDS
                and part not in council_words and part not in type_words and len(part) > 1)

    return [word.strip("-'") for word in re.findall(r"[a-zà-ÿ][a-zà-ÿ'-]*", text.lower())
            if any(topical(part) for part in word.split("-"))]


# A month as staff type it ("mrt '26", "dec 2014", "5-6 maart"), with its year ("2026", "'26").
_MONTH_RE = re.compile(rf"\b({MONTH_NAMES})\b\.?(?:\s+(?:(20\d\d)|'(\d\d)))?", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?:\b(20\d\d)\b|'(\d\d)\b)")


def _month_of(m: re.Match[str]) -> tuple[int, int | None]:
    """The month and year (None when not written) of a :data:`_MONTH_RE` match."""
    year = int(m.group(2)) if m.group(2) else (2000 + int(m.group(3)) if m.group(3) else None)
    return month_number(m.group(1)), year


@dataclass
class MeetingRef:
    """The meeting a question names: councils, months (with their year, if given) and years."""

    councils: list[str] = field(default_factory=list)
    months: list[tuple[int, int | None]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> MeetingRef:
        # In the order the question names them: the first is the one a reply names.
        found = {name: m.start() for name, pattern in COUNCIL_PATTERNS.items() if (m := pattern.search(text))}
        councils = sorted(found, key=found.__getitem__)
        months = [_month_of(m) for m in _MONTH_RE.finditer(text)]
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

    def mentioned_in(self, text: str, letter_date: str | None) -> bool:
        """Whether ``text`` (of a letter dated ``letter_date``) names one of the months asked
        for: "december 2025", or a month without a year placed by the letter's date
        (:func:`month_year`).

        Example:
            >>> MeetingRef.of("JBZ-Raad van juni 2025").mentioned_in("Tijdens de JBZ-Raad van 12 juni jl. ...", "2025-07-01")
            True
        """
        for m in _MONTH_RE.finditer(text):
            month, year = _month_of(m)
            for asked, asked_year in self.months:
                if month != asked:
                    continue
                if asked_year is None or (year or month_year(month, text[m.end():], letter_date)) == asked_year:
                    return True
        return False

    def label(self, language: str) -> str:
        """The meeting as a reply names it: "JBZ-Raad van juni 2025", "JHA Council of June 2025"."""
        if self.councils:
            council = self.councils[0] if language == "nl" else COUNCILS_EN.get(self.councils[0], self.councils[0])
        else:
            council = "Raad" if language == "nl" else "Council"
        names = MONTHS_NL if language == "nl" else [m.capitalize() for m in MONTHS_EN]
        when = (" en " if language == "nl" else " and ").join(f"{names[m - 1]}{f' {y}' if y else ''}" for m, y in self.months)
        return f"{council} {'van' if language == 'nl' else 'of'} {when}"


# What an English reply calls a council (rag.question.COUNCILS names them in Dutch).
COUNCILS_EN = {
    "JBZ-Raad": "JHA Council", "Landbouw- en Visserijraad": "Agriculture and Fisheries Council",
    "Raad Buitenlandse Zaken": "Foreign Affairs Council", "Raad Algemene Zaken": "General Affairs Council",
    "Ecofin-Raad": "Ecofin Council", "Milieuraad": "Environment Council", "Energieraad": "Energy Council",
    "Transportraad": "Transport Council", "Telecomraad": "Telecom Council",
    "Concurrentievermogenraad": "Competitiveness Council", "EPSCO-Raad": "EPSCO Council",
    "OJCS-Raad": "Education Council", "Gezondheidsraad (EU)": "Health Council", "Europese Raad": "European Council",
}
_JONGSTLEDEN = re.compile(r"\s*(?:jl\b\.?|j\.l\.|jongstleden\b)", re.IGNORECASE)
_AANSTAANDE = re.compile(r"\s*(?:a\.s\.|aanstaande\b)", re.IGNORECASE)


def month_year(month: int, after: str, letter_date: str | None) -> int | None:
    """The year of a month a letter writes without one, from the letter's date: "december jl."
    is the last December before it, "juni a.s." the next June, a bare "juni" the letter's year.

    Example:
        >>> month_year(12, " jl. is besloten", "2026-01-20"), month_year(6, " jl.", "2026-08-10"), month_year(6, "", "2026-02-26")
        (2025, 2026, 2026)
    """
    if not letter_date:
        return None
    year, letter_month = int(letter_date[:4]), int(letter_date[5:7])
    if _JONGSTLEDEN.match(after):
        return year if month <= letter_month else year - 1
    if _AANSTAANDE.match(after):
        return year if month >= letter_month else year + 1
    return year


_DAY_MONTH = rf"(\d{{1,2}})\s+({MONTH_NAMES})\b\.?(?:\s+(20\d\d)\b)?"
# Only a letter asked about as the source ("in de brief van 3 februari", "volgens de brief van",
# "what does the letter of 26 February say"), not one named as context ("sinds de Kamerbrief
# van 12 juli 2021", "in aanvulling op uw brief van 4 mei"): that one need not be indexed.
_SOURCE = r"\b(?:in|volgens|uit|zegt|schreef|schrijft|meldt|noemt|according to|from|does|did)\s+(?:de|het|the)\s+"
# Typed tersely, the letter comes first: "brief 12 sept 2025 syrie ...", "Kamerbrief 28 aug. 2025: ...".
_LETTER_RE = re.compile(rf"{_SOURCE}(?:kamer)?brief\s+(?:van|d\.d\.|gedateerd)\s+{_DAY_MONTH}|"
                        rf"{_SOURCE}letter\s+(?:of|dated)\s+{_DAY_MONTH}|"
                        rf"^\s*(?:kamer)?brief\s+(?:van\s+|d\.d\.\s+)?{_DAY_MONTH}", re.IGNORECASE)


@dataclass
class LetterRef:
    """A letter a question names by its date: "de brief van 3 februari 2026", "the letter of 26 February"."""

    day: int
    month: int
    year: int | None = None

    @classmethod
    def of(cls, text: str) -> LetterRef | None:
        """The letter ``text`` names by its date, else None.

        Example:
            >>> LetterRef.of("Wat staat er in de brief van 3 februari 2026 over terugkeer?")
            LetterRef(day=3, month=2, year=2026)
        """
        m = _LETTER_RE.search(text)
        if m is None:
            return None
        day, month, year = next(m.groups()[i : i + 3] for i in (0, 3, 6) if m.group(i + 1))
        return cls(int(day), month_number(month), int(year) if year else None)

    def dated(self, letter_date: str | None) -> bool:
        """Whether a letter of ``letter_date`` (ISO) is the one named."""
        return bool(letter_date) and int(letter_date[8:10]) == self.day and int(letter_date[5:7]) == self.month and (
            self.year is None or int(letter_date[:4]) == self.year)

    def mentioned_in(self, text: str, letter_date: str | None) -> bool:
        """Whether ``text`` (of a letter dated ``letter_date``) names the day ("de brief van 3
        februari jl."), so it may say what that letter said; a day without a year is placed
        by the letter's date (:func:`month_year`)."""
        for m in re.finditer(_DAY_MONTH, text, re.IGNORECASE):
            if int(m.group(1)) != self.day or month_number(m.group(2)) != self.month:
                continue
            year = int(m.group(3)) if m.group(3) else month_year(self.month, text[m.end():], letter_date)
            if self.year is None or year == self.year:
                return True
        return False

    def label(self, language: str) -> str:
        """The letter as a reply names it: "brief van 3 februari 2026", "letter of 3 February 2026"."""
        month = MONTHS_NL[self.month - 1] if language == "nl" else MONTHS_EN[self.month - 1].capitalize()
        year = f" {self.year}" if self.year else ""
        return f"brief van {self.day} {month}{year}" if language == "nl" else f"letter of {self.day} {month}{year}"


# A council or meeting with its month close by, either way round: "de JBZ-Raad van 13 maart 2020",
# "ingelaste JBZ-Raad eind augustus 2021", "jbz dec 2025", "the June 2023 JHA Council".
_NEAR = r"(?:[\w'’.,/-]+\s+){0,4}?"


# A council meeting by name ("JBZ-Raad", "landbouwraad", "the JHA Council", "the June 2022 JHA"),
# or a bare "raad", "council", "vergadering": not the Raad van State, the Council of Europe, an adviesraad or the
# ministerraad, whose dates no council letter is about.
_COUNCIL_NOUN = (r"(?:" + "|".join(sorted({re.escape(a) for aliases in COUNCILS.values() for a in aliases}, key=len, reverse=True))
                 + rf"|{_RAAD_OR_COUNCIL}|jha|vergadering|bijeenkomst|meeting)")
_MEETING_NAMED = re.compile(rf"\b{_COUNCIL_NOUN}\b\s+{_NEAR}(?:\d{{1,2}}\S*\s+)?(?:{MONTH_NAMES})\b|"
                            rf"\b(?:{MONTH_NAMES})\b\.?\s+{_NEAR}{_COUNCIL_NOUN}\b", re.IGNORECASE)


def meeting_named(text: str) -> MeetingRef | None:
    """The meeting a question names by council (or "vergadering") and month, else None.

    Example:
        >>> meeting_named("Waarover ging die extra ingelaste JBZ-Raad eind augustus 2021?").months
        [(8, 2021)]
        >>> meeting_named("Wat is in juni 2025 afgesproken over volwassenen?") is None
        True
    """
    if not _MEETING_NAMED.search(text):
        return None
    ref = MeetingRef.of(text)
    return ref if ref.months else None
