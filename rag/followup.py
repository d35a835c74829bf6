"""Follow-up questions: "en over Syrië?" read in the light of the question before it.

In a chat, staff lean on what they asked before. Three kinds are read here, in
Dutch and English, with plain rules (no generative model is available offline):

- **another topic, the same ask**: "en over Syrië?", "and Schengen?", "wat betreft
  Europol?" after "Wat is de Nederlandse positie over Europol?" becomes "Wat is de
  Nederlandse positie over Syrië?";
- **the same topic, another ask**: "wat vindt de Commissie daarvan?", "wanneer wordt
  daarover besloten?", "what does the Commission think of it?" put the earlier topic
  where the pointer word stands; a question with no topic of its own ("wanneer komt
  de cie met een voorstel?") gets the earlier topic added;
- **an earlier meeting**: "en in de vorige raad?", "and last time?" asks the earlier
  question again of the letters before the one that answered it (the caller knows
  which letter that was).

Whatever the reading, it is shown ("ik lees dit als: …"), so a wrong one can be
corrected by asking in full. A question that stands on its own is left alone.

Example:
    >>> read_followup("en over Syrië?", ["Wat is de Nederlandse positie over Europol?"]).text
    'Wat is de Nederlandse positie over Syrië?'
    >>> read_followup("wat vindt de Commissie daarvan?", ["Wat is de positie over terugkeerhubs?"]).text
    'wat vindt de Commissie van terugkeerhubs?'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.language import detect_language
from rag.question import MONTH_NAMES

# The topic of a question: what follows its last "about"-like preposition.
_TOPIC = re.compile(
    r"\b(?:over|omtrent|inzake|betreffende|m\.b\.t\.|met betrekking tot|aangaande|wat betreft|van|rond|"
    r"on|about|regarding|concerning|of)\s+(?P<topic>[^?]+?)\s*\??\s*$",
    re.IGNORECASE,
)
# "en over X?", "and on X?", "wat betreft X?", "what about X?", "en X?"
_NEW_TOPIC = re.compile(
    r"^\s*(?:(?:en|and|ook|also)\s+(?:(?:over|wat betreft|m\.b\.t\.|met betrekking tot|inzake|voor|bij|on|about|"
    r"regarding|for|with)\s+)?|wat betreft\s+|what about\s+|how about\s+|idem\s+(?:voor|over)\s+)"
    r"(?P<topic>[^?]+?)\s*\??\s*$",
    re.IGNORECASE,
)
# Pointer words that stand for the earlier topic, and the preposition they hold.
_POINTERS = [
    (re.compile(r"\b(?:daar|hier)(van|over|bij|mee|in|aan|op|tegen|voor|uit|door|naar)\b", re.I), None),
    (re.compile(r"\b(of|about|on|to|with|against|for)\s+(?:it|this|that|them)\b", re.I), None),
    # "dit voorstel", but not "dit voorstel over X" (that names its own topic).
    (re.compile(r"\b(?:dit|dat|deze|die) (?:voorstel|onderwerp|punt|dossier)\b(?!\s+(?:over|van|voor|inzake)\b)", re.I),
     "het voorstel"),
    (re.compile(r"\b(?:this|that) (?:proposal|topic|item|file)\b(?!\s+(?:on|of|for|about)\b)", re.I), "the proposal"),
]
_DUTCH_PREPOSITION = {"mee": "met"}
# "en de Commissie?" after a question about the Dutch position asks for another party's view.
_PARTY = re.compile(
    r"^(?:de |het |the )?(?:europese )?(commissie|commission|europees parlement|european parliament|ep|raad|council|"
    r"voorzitterschap|presidency|andere lidstaten|lidstaten|other member states|member states)$", re.IGNORECASE)
_POSITION_ASK = re.compile(r"\b(positie|standpunt|inzet|vindt|mening|position|stance|view|think)\b", re.I)
_PREVIOUS_MEETING = re.compile(
    r"\b(vorige|voorgaande|eerdere|laatste keer|vorige keer|previous|last time|earlier|before that|daarvoor|toen)\b",
    re.IGNORECASE,
)
# "5 en 6 maart 2026", "maart 2026", "October 2025", "dec '25"
_MONTH_PHRASE = re.compile(
    rf"(?:\b\d{{1,2}}(?:\s*(?:-|–|en|and|tot)\s*\d{{1,2}})?\s+)?\b(?:{MONTH_NAMES})\b\.?(?:\s+(?:20\d\d|'\d\d))?",
    re.IGNORECASE)
_MEETING_WORD = re.compile(r"\b(raad|raden|vergadering|bijeenkomst|keer|council|meeting|time|brief|letter)\b", re.I)


@dataclass
class Reading:
    """How a question is read.

    Attributes:
        text: The question as it will be answered.
        kind: ``as_asked`` (it stands on its own), ``new_topic``, ``same_topic``, ``other_meeting``
            (the earlier question, of the meeting this one names) or ``earlier_meeting``.
        based_on: The earlier question it leans on, if any.
    """

    text: str
    kind: str = "as_asked"
    based_on: str | None = None

    @property
    def changed(self) -> bool:
        return self.kind != "as_asked"


def topic_of(question: str) -> str | None:
    """What ``question`` is about: the words after its last "over"/"about"."""
    found = None
    for m in _TOPIC.finditer(question):
        found = m
    if found is None:
        return None
    # "positie van Nederland over Europol": the topic is after the last preposition.
    tail = found.group("topic")
    inner = list(_TOPIC.finditer(tail))
    return (inner[-1].group("topic") if inner else tail).strip() or None


def read_followup(question: str, history: list[str] | None) -> Reading:
    """Read ``question`` in the light of ``history`` (earlier questions, oldest first)."""
    question = question.strip()
    previous = next((h.strip() for h in reversed(history or []) if h.strip()), None)
    if not previous:
        return Reading(question)
    words = re.findall(r"\w+", question)
    if _PREVIOUS_MEETING.search(question) and _MEETING_WORD.search(question) and len(words) <= 8:
        # Asked again of the letters before: without the meeting the earlier question named.
        return Reading(_without_meeting(previous), "earlier_meeting", previous)
    named = _MONTH_PHRASE.search(question)
    if named and len(words) <= 7 and _MONTH_PHRASE.search(previous) and re.match(r"\s*(en|and|wat|what|idem)\b", question, re.I):
        # "and the October 2025 one?": the earlier question, of another meeting.
        text = _MONTH_PHRASE.sub(named.group(0), previous, count=1)
        return Reading(text, "other_meeting", previous)
    topic = topic_of(previous)
    new = _NEW_TOPIC.match(question)
    if new and len(words) <= 7 and not _pointer(question):
        subject = new.group("topic").strip()
        if topic and _PARTY.match(subject) and _POSITION_ASK.search(previous):
            english = bool(re.search(r"\b(what|which|how|does|the)\b", previous, re.I))
            text = f"What does {subject} think of {topic}?" if english else f"Wat vindt {subject} van {topic}?"
            return Reading(text, "same_topic", previous)
        if topic:
            start = previous.rfind(topic)
            text = previous[:start] + subject + previous[start + len(topic):]
        else:
            english = bool(re.search(r"\b(what|which|how|does|is|the)\b", previous, re.I))
            text = f"What do the letters say about {subject}?" if english else f"Wat staat er in de brieven over {subject}?"
        return Reading(text, "new_topic", previous)
    if topic and not _pointer(question) and not _has_topic(question):
        # "wanneer komt de cie met een voorstel?": no topic of its own, so the earlier one.
        english = detect_language(question) == "en"
        text = re.sub(r"\s*\?*\s*$", "", question) + (f" on {topic}?" if english else f" over {topic}?")
        return Reading(text, "same_topic", previous)
    hit = _pointer(question)
    if hit and topic:
        m, fixed = hit
        if fixed:
            text = question[: m.start()] + topic + question[m.end():]
        else:
            prep = m.group(1).lower()
            text = question[: m.start()] + f"{_DUTCH_PREPOSITION.get(prep, prep)} {topic}" + question[m.end():]
        return Reading(text, "same_topic", previous)
    return Reading(question)


def _has_topic(question: str) -> bool:
    """Whether a question names anything beyond who acts and what is asked."""
    from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS

    ignored = _NO_TOPIC | set(STOPWORDS_DUTCH) | set(STOPWORDS_EN_PLUS)
    return any(w not in ignored for w in re.findall(r"[a-zà-ÿ]+", question.lower()) if len(w) > 1)


# Who acts and what is asked: no topic in them.
_NO_TOPIC = set("""wat welke welk wie wanneer waar waarom hoe hoeveel wnr what which who when where why how many much
    commissie cie ec commission raad council lidstaten member states voorzitterschap presidency kabinet regering
    nederland nl netherlands dutch minister ministers parlement ep parliament kamer
    voorstel voorstellen proposal proposals besluit besluiten decision decide decided besloten akkoord agreement
    komt komen kwam come comes coming verwacht verwachting expected expect gepland planned volgt follow follows
    standpunt positie inzet position stance view vindt vinden think thinks steunt support supports
    stemt stemmen vote votes eigenlijk precies nou dan nu straks ooit dus daarna next then now exactly
    stap stappen steps step vervolg vervolgstappen table tables tabled present presents publish publishes put forward
    indienen dient ingediend presenteren presenteert publiceren publiceert""".split())


def _without_meeting(question: str) -> str:
    """``… op de JBZ-Raad van maart 2026?`` -> ``… op de JBZ-Raad?``"""
    text = re.sub(r"\s+(?:van|of|in)\s+" + _MONTH_PHRASE.pattern, "", question, flags=re.IGNORECASE)
    text = _MONTH_PHRASE.sub("", text)
    return re.sub(r"\s+([?.!,])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def _pointer(question: str):
    for pattern, fixed in _POINTERS:
        m = pattern.search(question)
        if m:
            return m, fixed
    return None
