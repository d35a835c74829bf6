"""Which sentences of the retrieved chunks answer a question, and which to quote.

Every sentence of the top chunks is a candidate. :func:`score_sentences` gives each
its features (similarity to the question, how much of the question's topic it and its
chunk cover, whether it holds the kind of fact asked for, ...) and the fitted sentence
model's probability (:mod:`rag.answer_model`). :class:`Evidence` is what the
answerability model judges; :func:`select` picks the sentences to quote, and
:func:`over_time` puts the latest letter first when several dated letters answer.

Example:
    >>> from rag.evidence import TopicTerms
    >>> from rag.bm25 import DutchAnalyzer
    >>> topic = TopicTerms("Wat vindt het kabinet van terugkeerhubs?", DutchAnalyzer())
    >>> topic.coverage("Het kabinet steunt de verkenning van terugkeerhubs.")
    1.0
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from rag.answer_model import CHUNK_FEATURES, SENTENCE_FEATURES, AnswerModel, LogisticModel, pick_chunk
from rag.bm25 import DutchAnalyzer, synonyms
from rag.documents import Chunk, searchable_text
from rag.grounding import INSTRUCTION
from rag.kind import asked_kinds
from rag.language import DUTCH, ENGLISH, WORD_RE
from rag.question import (COUNTRIES, MEMBER_STATE_CODES, MEMBER_STATES, PARTIES, POLARITY, Question, dutch_words,
                          has_fact)
from rag.retrieve import Hit
from rag.sentences import split_sentences

# Words that say what kind of question it is, not what it is about.
GENERIC_WORDS = DUTCH | ENGLISH | set(
    """in door nederlands regering vindt vinden denkt denken kijkt staat steunt steun volgens mening visie
    houding stance think cabinet minister ministers brief brieven letter letters zegt say says wil willen
    want moet moeten neemt nemen gaat gaan maakt maken krijgt krijgen geeft geven komt komen zullen jullie
    onze welk klopt klopte true inmiddels intussen ondertussen reeds already yet""".split()
) | {
    # Entering into force is what a date question asks of its topic, not the topic: any law or decree
    # "treedt in werking", and the rare inflection weighed most ("treedt") drew the ATR decree's
    # "Dit besluit treedt in werking ..." to a question on the return regulation.
    # Not "force": "task force" names a topic.
    "treedt", "treed", "treden", "trad", "traden", "getreden", "werking", "inwerkingtreding", "inwerkingtreden",
    "inwerkingtredingsdatum", "enter", "enters", "entered"}
POSITION_QUESTION = re.compile(
    r"\b(positie|standpunt|inzet|wat vindt|vindt nederland|vindt het kabinet|steunt|onderschrij\w*|onderschrev\w*|staat .* tegenover|"
    r"kijkt .* aan|houding|mening|instemmen|instemt|akkoord(?!\s+(?:bereikt|over|van|tussen|is|werd|wordt|op))|"
    r"position|stance|view|think|support|welcome|endors\w*|"
    r"agree (?:to|with)|go(?:es)? along with|can live with|"
    r"(?:accept|approve|oppose)\w* (?:the |this |that |its )?(?:\w+ ){0,3}?(?:proposal|plan|approach|roadmap|position|"
    r"conclusions|text|compromise|regulation|directive|general approach)|"
    r"meegaan|gaat (?:\w+ ){1,4}mee|stemt (?:\w+ ){0,4}in|kan leven met|"
    # "Kan het kabinet zich vinden in het Raadsstandpunt ...?"
    r"zich (?:\w+ ){0,3}?vinden in|vindt (?:\w+ ){0,3}?zich (?:\w+ ){0,2}?in)\b",
    re.IGNORECASE,
)
POSITION_CUE = re.compile(
    r"\b(Nederland|het kabinet|kabinet|steunt|steunen|verwelkomt|onderschrijft|hecht|hechten|acht|pleit|"
    r"kan (?:hiermee )?instemmen|kan .* steunen|is voorstander|ziet meerwaarde|is positief|is kritisch|wenst|"
    r"zet zich in|blijft zich inzetten|vindt)\b"
)

# The sentence that states the Dutch position, to quote for a question that asks for it:
# the Netherlands, the cabinet or the writing minister ("ik", "wij") as the subject, among
# the first words ("Nederland kan de algemene oriëntatie steunen.", "Voor Nederland is het
# van belang ...", "Tegelijkertijd is het kabinet kritisch ..."), then a word of judgement;
# or the position named as such ("Het Nederlandse standpunt is ..."). Narrower than
# rag.timeline.states_position, which looks for any letter that voices a view on a topic:
# here a passage without such a sentence is no answer, and the wider test (a holder
# anywhere) let off-topic passages through (issue 10's note).
_STANCE_SUBJECT = re.compile(
    r"^(?:\S+\s+){0,5}?(?<!\bin )(?<!\bvolgens )(?<!\bvan )(?<!\baan )(?<!\bnaar )(?<!\buit )(?<!\bmet )"
    r"(?:nederland|het (?:nederlandse )?kabinet|kabinet|de (?:nederlandse )?regering(?! van (?-i:[A-Z]))|nl|ik|wij|we)\b",
    re.IGNORECASE)
_NAMED_POSITION = re.compile(r"^(?:\S+\s+){0,3}?(?:het|de) nederlandse (?:standpunt|positie|inzet|houding)\b",
                             re.IGNORECASE)
_STANCE_WORD = re.compile(
    r"\b(?:steun\w*|ondersteun\w*|verwelkom\w*|onderschrij\w*|hecht\w*|instem\w*|in te stemmen|stemt in|kritisch|positief|"
    r"voorstander|terughoudend|tegenstander|ziet|zien|pleit\w*|wil|willen|zet zich|zetten zich|vindt(?! u\b)|"
    r"vinden|deelt|waardeert|juicht|verzet|wijst|afwijzend|mening|standpunt|prioriteit|belang|belangrijk|essentieel|"
    r"noodzakelijk|kan zich vinden|welwillend|constructief|zorgen|bezwaar|voorbehoud|ambitieus|voorop|streeft|"
    r"wenst|kiest|voornemens|kijkt (?:\w+ ){0,5}?uit naar|kijken (?:\w+ ){0,5}?uit naar|"
    # What a report of the meeting says the Netherlands did: "heeft gewezen op", "gaf aan", "benadrukte".
    r"gewezen op|wees op|wijst op|aangegeven|gaf aan|geeft aan|onderstre\w*|benadruk\w*|gepleit|ingezet|"
    r"uitgesproken|opgeroepen|riep op|roept op)\b", re.IGNORECASE)
# A letter's opening ("Hierbij informeer ik uw Kamer over de inzet van het kabinet") states no
# position; nor does what someone else says of the Netherlands ("Volgens de Commissie ...").
_NO_STANCE = re.compile(r"\b(?:informeer|informeren|bied|bieden|stuur|sturen|ontvangt u|treft u)\b|"
                        r"^\s*(?:volgens|according to) (?!(?:het )?kabinet\b|nederland\b)", re.IGNORECASE)


def takes_stance(sentence: str) -> bool:
    """Does ``sentence`` say what the Netherlands or the cabinet thinks or wants?

    Example:
        >>> takes_stance("Voor Nederland is het van belang dat de uitkomst uitvoerbaar is.")
        True
        >>> takes_stance("Het Voorzitterschap streeft naar een akkoord; Nederland is daarover geïnformeerd.")
        False
    """
    if _NO_STANCE.search(sentence):
        return False
    if _NAMED_POSITION.search(sentence):
        return True
    subject = _STANCE_SUBJECT.search(sentence)
    return bool(subject and _STANCE_WORD.search(sentence, subject.end()))


# Who a question for "the Dutch position" names as holding it: not "de Duitse regering",
# "de regering van Polen" or "the Dutch proposal" (someone else's view of it).
DUTCH_ACTOR = re.compile(
    r"\b(?:nl|nederland|the netherlands|netherlands|kabinet\w*|kab|cabinet|"
    r"(?:nederlandse|dutch) (?:regering|government|positie|standpunt|inzet|houding|appreciatie|position|stance|view|line)|"
    r"(?:de|het) (?:nederlandse )?(?:regering|kabinet)(?! van (?-i:[A-Z]))|the (?:dutch )?government(?! of))\b",
    re.IGNORECASE)


# What members of parliament asked or read, as a reply to them reports it ("De leden van de
# VVD-fractie lezen dat ...", "Tot slot vragen deze leden ...", "3.2 Kerntaken De leden van de
# CDA-fractie ..."): the question restated, not the answer to it, which follows. Bare "de
# leden" only with a verb of asking or judging: a college's members are appointed and serve.
_ASKING = (r"vragen|vroegen|vraagt|lezen|lazen|vernemen|willen|wilden|constateren|constateerden|merken|vinden|"
           r"verzoeken|achten|begrijpen|missen|onderschrijven|delen|hechten|menen|wijzen|betreuren|waarderen|juichen|"
           r"twijfelen|benadrukken|denken|zien|danken|verwijzen|pleiten|herhalen|maken zich|zijn benieuwd|"
           r"hebben (?:met|kennis|vragen|zorgen|behoefte)|zijn (?:\w+ )?van mening")
# Not after a preposition: "Ik deel niet de mening van de leden van de CDA-fractie", "zoals
# voorgesteld door de leden van de NSC-fractie" is the government speaking.
_NOT_AFTER = "".join(f"(?<!\\b{w} )" for w in ("van", "door", "aan", "met", "voor", "bij", "naar", "op", "als"))
MEMBERS_SAY = re.compile(
    rf"{_NOT_AFTER}\b(?:de|deze|die) leden van de (?:[\w-]+-fractie|fracties? van)\b|"
    rf"\b(?:de|deze|die) leden\s+(?:{_ASKING})\b|"
    rf"\b(?:{_ASKING}|zouden)\s+(?:de|deze) leden\b|"
    r"\b(?:volgens|suggestie van|vraag van|vragen van|zorgen van|wens van|opmerking van) deze leden\b", re.I)
# A question in a document that answers questions, or one put to the government anywhere.
REPLY_KINDS = {"nota naar aanleiding van het verslag", "verslag schriftelijk overleg", "verslag"}
_TO_GOVERNMENT = re.compile(r"\b(de regering|het kabinet|de minister|de staatssecretaris|kunt u|bent u|wilt u|"
                            r"heeft u|is u)\b", re.I)
_ABOUT_MEMBERS = re.compile(
    r"\b(fracties?|[\w-]+fractie|kamerleden|kamerlid|partij|partijen|mps|parties|party|parliamentary groups?|"
    rf"members of parliament|{'|'.join(PARTIES)})\b", re.I)
# "Antwoord Circa ...", "Antwoord 3: de ...", not "Antwoord van de regering ...".
_ANSWER_LABEL = re.compile(r"^(Antwoord|Answer)(\s+(op\s+)?(vraag\s+)?\d+)?(?:[:.]\s+(?=\w)|\s+(?=[A-Z0-9À-Þ]))")


def reports_members(sentence: str, kind: str | None = None) -> bool:
    """Does ``sentence`` report what members asked or read, or ask the government a question
    (or any question, in a document of ``kind`` that answers questions)?

    Example:
        >>> reports_members("De leden van de CDA-fractie lezen dat het college drie leden heeft.")
        True
        >>> reports_members("Antwoord Circa 75% van de adviespunten wordt opgevolgd.")
        False
    """
    if "leden" in sentence.lower() and MEMBERS_SAY.search(sentence):  # the cheap test first
        return True
    return sentence.rstrip().endswith("?") and (kind in REPLY_KINDS or bool(_TO_GOVERNMENT.search(sentence)))


def asks_about_members(q: Question) -> bool:
    """Whether the question is about what members or parties said (then their words are the answer)."""
    return bool(_ABOUT_MEMBERS.search(q.text))


def wants_position(q: Question) -> bool:
    """Does ``q`` ask what someone thinks or wants (a position, a stance, support)?"""
    return q.answer_type == "position" or bool(POSITION_QUESTION.search(q.text))


# A question word that asks for something else than the position itself: "kab.appreciatie
# visumstrategie: welke bewindspersoon verantwoordelijk?" names the appreciation as its topic
# and asks for a minister.
OTHER_ASK = re.compile(
    r"\b(?:welke?|which)\s+(?!positie|standpunt|inzet|houding|mening|appreciatie|position|stance|view)\w+|"
    r"\b(?:wie|wanneer|wnr|waar|hoeveel|who|when|where|how many|how much)\b", re.IGNORECASE)


def asks_dutch_position(q: Question) -> bool:
    """Does ``q`` ask what the Netherlands or the cabinet thinks or wants (and nothing else)?"""
    return wants_position(q) and bool(DUTCH_ACTOR.search(q.text)) and not OTHER_ASK.search(q.text)


# A question whether someone other than the Netherlands takes a side ("Steunt de VNG ...?",
# "Staan de gemeentekoepels achter ...?", "Is Frankrijk ervoor om ...?" (not a bare "tegen", as often a
# preposition: "Is het verdrag tegen foltering geratificeerd?"), "Klopt het dat de Commissie kritisch blijft?", "Do
# other member states support ...?"): who it is stands between the verb and the side taken.
_STANCE_ASKED = re.compile(
    r"\b(?:steun\w*|ondersteun\w*|onderschrij\w*|verwelkom\w*|achter|voorstander|tegenstander|positief|negatief|ervoor|"
    r"ertegen|"
    r"kritisch|bezwaar|support\w*|back|backs|backed|oppose\w*|welcome\w*|endorse\w*|favou?r|against|"
    # "agree with/to/that" takes a side; "agreed a general approach", "agree on the text" is an act done.
    r"(?:dis)?agree\w*(?!\s+(?:on\s+|upon\s+)?(?:a|an|the|its|their|any|on|upon)\b)|"
    r"critical)\b", re.I)
# Present and past: "Steunde de VNG ...?".
_STANCE_VERBS = {"steunt", "steunen", "ondersteunt", "ondersteunen", "onderschrijft", "onderschrijven", "verwelkomt",
                 "verwelkomen", "deelt", "delen", "steunde", "steunden", "ondersteunde", "ondersteunden", "onderschreef",
                 "onderschreven", "verwelkomde", "verwelkomden", "deelde", "deelden"}
_FIRST_VERBS = _STANCE_VERBS | {"staat", "staan", "stond", "stonden", "is", "zijn", "was", "waren", "heeft", "hebben",
                                "had", "hadden", "blijft", "blijven", "bleef", "bleven", "wil", "willen", "wilde",
                                "wilden", "do", "does", "did", "will", "would", "are", "were", "has", "have"}
_ADVERBS = {"zich", "er", "al", "nog", "ook", "nu", "wel", "echt", "steeds", "still", "also", "now", "already",
            "really", "fully", "generally"}
# Words that end who takes the side (besides the verbs and adverbs above).
_HOLDER_ENDS = {"die", "which", "who", "van", "dat", "het", "een", "de", "om", "over", "voor", "achter", "tegen", "met",
                "bij", "in", "op", "aan", "niet", "wordt", "kan", "zal", "gaat", "of", "the", "to", "with", "on", "for",
                "that"}
_HOLDER_SKIP = {"de", "het", "een", "the", "a", "an", "andere", "overige", "other", "some", "most", "alle", "all"}
_NOT_A_HOLDER = {"u", "je", "jij", "men", "ze", "zij", "hij", "it", "they", "he", "she", "you", "dit", "this", "we", "wij",
                 "ik", "there"}
_DUTCH_HOLDERS = {"regering", "kabinet", "minister", "ministers", "staatssecretaris", "premier", "minister-president",
                  "bewindspersoon", "bewindspersonen", "government", "cabinet", "nederland", "nl", "netherlands",
                  "ministry", "ministerie", "haag", "hague"}  # "Hoe denkt Den Haag over ...?": the cabinet
_MEMBERS = {"leden", "lid", "members", "member"}
_COUNTRY_NAMES = set(COUNTRIES) - {"Nederland", "Netherlands"}
_ADJECTIVE_ENDINGS = ("se", "ische", "ale", "ele", "ige", "lijke", "bare", "ende", "ieve", "ere", "nieuwe", "oude", "grote",
                      "hoge", "eerste", "tweede", "derde", "andere", "overige", "vele", "meeste")
_STEMMER = DutchAnalyzer().stemmer
# The Netherlands taking the side itself, between the holder and the word of judgement (not "MKB-Nederland").
_DUTCH_BETWEEN = re.compile(r"(?<![-\w])(?:nederland|nl|kabinet|regering|minister|staatssecretaris|ik|wij|we)(?![-\w])")
_BACK_REFERENCES = {"zij", "ze", "hij", "it", "they"}
# Judgement by someone else than the Netherlands: the Dutch stance words, and how advisers
# and others object or agree ("De Afdeling ... heeft een aantal bezwaren").
_SIDE_WORD = re.compile(_STANCE_WORD.pattern + r"|\b(?:bezwaren|kritiek|adviseert|adviseren|eens|oneens|support\w*|"
                        r"oppose\w*|welcome\w*|critical)\b", re.IGNORECASE)
# "NL akkoord met de roadmap?", "gaat akkoord": agreeing, not an agreement reached.
_AGREE = re.compile(r"\bakkoord(?!\s+(?:bereikt|over|van|tussen|is|werd|wordt|op))\b", re.I)


# "How has the European Commission responded to ...?", "Hoe reageerde de commissie op ...?",
# "reactie kamercommissie EZK op ...", "Wat was de reactie van de VNG?": who responded.
_WHO = r"(?P<who>(?!op\b)[\w\s-]{2,60}?)"
_RESPONSE_ASKED = (
    re.compile(rf"\bhow (?:has|have|did|does|do) (?:the )?{_WHO} (?:respond|responded|react|reacted)\b", re.I),
    re.compile(rf"\bhoe (?:reageerde|reageerden|reageert|reageren) (?:de |het )?{_WHO}(?:\s+(?:op|daarop)\b|\s*\?|\s*$)",
               re.I),
    re.compile(rf"\bhoe (?:heeft|hebben) (?:de |het )?{_WHO} (?:(?:daarop|erop|hierop) )?gereageerd\b", re.I),
    re.compile(rf"^\s*(?:(?:wat|welke) (?:is|was|waren) (?:de )?)?reacties? (?:van )?(?:de |het )?{_WHO}(?:\s+op\b|\s*\?|\s*$)",
               re.I),
)
# Advice is a response too: "Heeft de RvS geadviseerd over de tweede NvW?", "advies RvS gevraagd",
# "Has the Council of State given its opinion on ...?": only a sentence naming the adviser answers.
_ADVICE_ASKED = (
    re.compile(rf"\b(?:heeft|hebben|had|hadden) (?:de |het )?{_WHO} (?:(?:al|ook|nog|inmiddels|ooit|zich|daarover|"
               rf"hierover|erover) )*(?:geadviseerd|(?:een |zijn |haar )?advies (?:uitgebracht|gegeven)|"
               rf"(?:een |zijn |haar )?oordeel gegeven)\b", re.I),
    re.compile(rf"\badvies (?:van )?(?:de |het )?{_WHO} (?:gevraagd|aangevraagd|ingewonnen|ontvangen)\b", re.I),
    re.compile(rf"\b(?:has|have|did) (?:the )?{_WHO} (?:(?:already|also|ever|actually) )*(?:advised|advise|"
               rf"(?:given|issued|expressed) (?:its |an |any )?(?:advice|opinion|view))\b", re.I),
)
# Speaking out is a response, not advice: "Heeft de Tweede Kamer zich uitgesproken over ...?"
_RESPONSE_ASKED += _ADVICE_ASKED + (
    re.compile(rf"\b(?:heeft|hebben|had|hadden) (?:de |het )?{_WHO} (?:(?:al|ook|nog|inmiddels|ooit) )*zich "
               rf"(?:(?:daarover|hierover|erover|al|ook) )*uitgesproken\b", re.I),
)


# A view is a response too: "Wat is het standpunt van Hongarije over ...?", "Wat vindt de
# CDA-fractie van ...?", "What position is Hungary expected to take on ...?". Only a sentence
# naming who holds it answers; the Netherlands' own view the position rules answer.
_ON = r"(?:over|inzake|tegenover|ten aanzien van|t\.?a\.?v\.?|m\.?b\.?t\.?|met betrekking tot|bij|op|on|about|regarding|towards|concerning)"
_VIEW = r"(?:standpunt|positie|houding|opvatting|mening|visie|position|stance|view|views|opinion|attitude)"
_VIEW_ASKED = (
    re.compile(rf"\b(?:wat|welk)\s+(?:is|was|zijn|waren)\s+(?:het|de)\s+{_VIEW}\s+van\s+(?:de |het )?{_WHO}"
               rf"(?:\s+{_ON}\b|\s*\?|\s*$)", re.I),
    re.compile(rf"\bwelke?\s+{_VIEW}\s+(?:neemt|nemen|nam|namen|heeft|hebben|had|hadden)\s+(?:de |het )?{_WHO}"
               rf"(?:\s+(?:in|aan)\b|\s+{_ON}\b|\s*\?|\s*$)", re.I),
    re.compile(rf"\b(?:wat|hoe)\s+(?:vindt|vinden|vond|vonden|denkt|denken|dacht|dachten)\s+(?:de |het )?{_WHO}\s+"
               r"(?:van|over)\b", re.I),
    re.compile(rf"\bhoe\s+(?:staat|staan|stond|stonden)\s+(?:de |het )?{_WHO}\s+(?:tegenover|in)\b", re.I),
    re.compile(rf"\bhoe\s+(?:kijkt|kijken|keek|keken|oordeelt|oordelen|oordeelde|oordeelden)\s+(?:de |het )?{_WHO}"
               rf"\s+(?:aan\s+tegen|tegen|naar|over)\b", re.I),
    re.compile(rf"\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?{_WHO}(?:'s|’s|')\s+{_VIEW}\b", re.I),
    re.compile(rf"\bwhat\s+(?:is|was|are|were)\s+the\s+{_VIEW}\s+of\s+(?:the\s+)?{_WHO}(?:\s+{_ON}\b|\s*\?|\s*$)", re.I),
    re.compile(rf"\bwhat\s+{_VIEW}\s+(?:does|do|did|will|would|is|are|was|were|has|have)\s+(?:the\s+)?{_WHO}\s+"
               rf"(?:(?:expected|likely|going|set)\s+to\s+)?(?:take|taking|hold|holding|have|adopt|adopting)\b", re.I),
    re.compile(rf"\bwhat\s+(?:does|do|did)\s+(?:the\s+)?{_WHO}\s+think\s+(?:of|about)\b", re.I),
    re.compile(rf"\bhow\s+(?:does|do|did)\s+(?:the\s+)?{_WHO}\s+(?:view|see|regard|assess|feel\s+about)\b", re.I),
)
# What someone says of it: "Wat zegt Duitsland over binnengrenscontroles?", "What does the
# European Parliament say about ...?" (a short name: "Wat zegt de Commissie in haar mededeling
# over ...?" is left to the rest). The letter's own say is no one else's: see _SOURCE_NAMED.
_SAY_ASKED = (
    re.compile(r"\bwat\s+(?:zegt|zeggen|zei|zeiden|schrijft|schrijven|schreef|stelt|stellen|stelde)\s+(?:de |het )?"
               r"(?P<who>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:over|van|inzake|ten aanzien van|t\.?a\.?v\.?)\s", re.I),
    re.compile(r"\bwhat\s+(?:does|do|did)\s+(?:the\s+)?(?P<who>(?:[\w-]+\s+){0,3}?[\w-]+)\s+say\s+"
               r"(?:about|on|of|regarding)\b", re.I),
)
# Typed tersely, without a verb: "standpunt hongarije over europol", "positie van Polen migratiepact?",
# "Hungary's position on Europol", "position of the VVD on ATR". Only another member state or a party
# is read as the holder here: another word after "standpunt" is as often the topic ("standpunt terugkeerhubs").
_TERSE_VIEW = (
    re.compile(rf"^\s*(?:wat\s+(?:is|was)\s+|what\s+(?:is|was|are)\s+)?(?:(?:het|de|the)\s+)?{_VIEW}\s+(?:van\s+|of\s+)?"
               rf"(?:(?-i:de|het|the|De|Het|The)\s+)?(?P<who>[\w-]+)\b", re.I),  # "DE" is Germany, not "de"
    re.compile(rf"^\s*(?:(?:de|het|the)\s+)?(?P<who>[\w-]+)(?:'s|’s|')\s+{_VIEW}\b", re.I),
)
_VIEW_ASKED += _SAY_ASKED
_RESPONSE_ASKED += _VIEW_ASKED
# A document or the letters themselves, not someone who responds: "Wat zegt de brief over ...?".
_SOURCE_NAMED = re.compile(
    r"\b(?:brief|brieven|kamerbrief|nota|notitie|fiche|stuk|stukken|agenda|document|documenten|tekst|letter|letters|"
    r"\w*programma|\w*programme|wetsvoorstel|wv|wet|voorstel|memorie|mvt|toelichting|advies|rapport|verslag|"
    r"\w*akkoord|besluit|motie|conclusies|strategie|mededeling|bill|report|decree|motion|paper|agreement|"
    r"verordening|richtlijn|artikel|nvw|\w*pact|antwoord|evaluatie|amendement|proposal|regulation|directive|article|"
    r"amendment|communication|text|it|dit|deze|dat|men|ze|zij|they|this)\b", re.I)


def asks_view(q: Question) -> bool:
    """Does ``q`` ask what someone thinks of something ("Wat is het standpunt van Hongarije over ...?")?"""
    return any(p.search(q.text) for p in _VIEW_ASKED) or _terse_holder(q.text) is not None


# The other member states, who hold views in the Council. A third country after "standpunt" is
# as often the topic ("standpunt syrië terugkeer": the Dutch view on returns to Syria).
_MEMBER_STATES = {name.lower() for name in MEMBER_STATES} - {"nederland", "netherlands"}


def _terse_holder(text: str) -> re.Match[str] | None:
    """The match of a terse view question whose holder is another member state or a party
    ("standpunt hongarije over europol"), else None."""
    for pattern in _TERSE_VIEW:
        m = pattern.search(text)
        if m and (m.group("who").lower() in _MEMBER_STATES or m.group("who").lower() in PARTIES
                  or _code_named(m, text)):
            return m
    return None


# After a member state's code, what marks it as the holder when the code is also a word ("IT").
_AFTER_CODE = re.compile(r"\s*(?:$|[?,:]|over\b|inzake\b|m\.?b\.?t\.?|t\.?a\.?v\.?|ten aanzien\b|met betrekking\b|"
                         r"on\b|about\b|regarding\b)", re.I)


def _code_named(m: re.Match[str], text: str) -> bool:
    """Is the holder of a terse view a member state typed as its code, in capitals in a question
    that is not all capitals ("standpunt HU m.b.t. ...", "standpunt DE terugkeerhubs"; "IT" only
    when a topic word does not follow: "standpunt IT beveiliging" asks about IT)?"""
    code = m.group("who")
    if code not in MEMBER_STATE_CODES or text.isupper():
        return False
    return code != "IT" or bool(_AFTER_CODE.match(text[m.end("who"):]))


def asks_advice(q: Question) -> bool:
    """Does ``q`` ask whether or what someone advised ("Heeft de RvS geadviseerd over ...?")?"""
    return any(p.search(q.text) for p in _ADVICE_ASKED)


# Bodies by the names a letter uses for them: the Raad van State's advice speaks as "de Afdeling".
_RESPONDER_ALIASES = {
    "raad van state": ["raad van state", "afdeling"], "rvs": ["raad van state", "afdeling"],
    "council of state": ["raad van state", "afdeling"], "afdeling advisering": ["afdeling", "raad van state"],
    "algemene rekenkamer": ["rekenkamer"], "court of audit": ["rekenkamer"],
    "tweede kamer": ["kamer"], "tk": ["kamer"], "house of representatives": ["kamer"],
    "eerste kamer": ["eerste kamer", "senaat"], "ek": ["eerste kamer", "senaat"], "senate": ["eerste kamer", "senaat"],
    "europese commissie": ["commissie"], "ec": ["commissie"], "european commission": ["commissie"],
    "commission": ["commissie"], "europees parlement": ["parlement"], "ep": ["parlement"],
    "european parliament": ["parlement"], "raad": ["raad"], "council": ["raad"],
}
_DECISION_LINE = re.compile(r"^\s*(?:\d+\.\s*)?(?:Besluit|Voorstel|Noot)\b")


# Words after a name that are not part of it: "Hoe staat de VNG daar tegenover?", "Wat is het
# standpunt van Duitsland hierover?", "Wat vindt Duitsland nu van ...?".
_AFTER_NAME = _ADVERBS | {"daar", "hier", "hierover", "daarover", "erover", "hiervan", "daarvan", "ervan", "hiertegenover",
                          "daartegenover", "precies", "eigenlijk", "zelf", "dan", "toen", "inmiddels", "thans",
                          "momenteel", "tegenwoordig", "exactly", "actually", "then"}
# Bodies whose own name runs on past "van"/"voor" (see _whole_name); not "Raad" or "Commissie",
# whose "van" more often starts the topic ("Wat vindt de Commissie van Europol?").
_BODIES = {"kamer", "vereniging", "college", "hof", "stichting", "federatie", "instituut"}


def _whole_name(who: str, after: str) -> str:
    """``who`` without the adverbs that followed it, and as far as its name goes on past the
    "van" that ended it: "wat vond raad van state van ...", "de Kamer van Koophandel", "Wat vinden
    de leden van de CDA-fractie (de fractie van de VVD) van ...?" (a party's members: the party)."""
    words = who.split()
    while len(words) > 1 and words[-1].lower() in _AFTER_NAME:
        words.pop()
    who = " ".join(words)
    if who.lower() in _MEMBERS:
        party = re.match(r"\s+(?:van|of)\s+(?:de\s+|het\s+|the\s+)?([\wà-ÿ-]+)(?:\s+(?:van|of)\s+(?:de\s+|het\s+|the\s+)?"
                         r"((?-i:[A-Z])[\wà-ÿ-]*))?", after, re.I)
        if party:
            return party.group(2) or party.group(1)  # "de leden van de fractie van de VVD": the VVD
    said = f"{who}{after}".lower()
    longer = [key for key in _RESPONDER_ALIASES if len(key) > len(who) and " " in key
              and re.match(rf"{re.escape(key)}\b", said)]
    if longer:
        return f"{who}{after}"[:len(max(longer, key=len))]
    # The name of a body goes on past "van"/"voor" in capitals: "Kamer van Koophandel", "Vereniging
    # van Nederlandse Gemeenten", "College voor de Rechten"; not "de VNG van Europol".
    name = re.match(r"\s+(?:van|voor)\s+(?:de\s+|het\s+)?(?-i:[A-Z])[\wà-ÿ-]*(?:\s+(?-i:[A-Z])[\wà-ÿ-]*)*", after)
    body = who.split()[-1].lower() in _BODIES
    return f"{who}{name.group(0)}" if body and who[:1].isupper() and name else who


def _nationalities(words: list[str]) -> list[str]:
    """The adjectives of another country before the last of ``words`` ("duitse" of "de duitse regering")."""
    return [w for w in words[:-1] if w.endswith(("se", "sche")) and w not in ("nederlandse", "europese")]


def responder(q: Question) -> tuple[str, list[str]]:
    """Who a question asks to have responded, when not the Netherlands or the cabinet (a
    letter is the cabinet's response): as asked, and the Dutch words a sentence must name one
    of; ("", []) for any other question.

    Example:
        >>> from rag.question import analyse
        >>> responder(analyse("How has the European Commission responded to the Dutch request?"))
        ('European Commission', ['commissie'])
        >>> responder(analyse("Hoe heeft de regering gereageerd op de kritiek?"))
        ('', [])
    """
    m = next((m for m in (p.search(q.text) for p in _RESPONSE_ASKED) if m), None) or _terse_holder(q.text)
    if not m:
        return "", []
    who = _whole_name(m.group("who").strip(), q.text[m.end("who"):])
    if m.re in _TERSE_VIEW:
        who = MEMBER_STATE_CODES.get(who, who)  # "standpunt HU": Hungary's
    if DUTCH_ACTOR.search(who) or (m.re in _SAY_ASKED and _SOURCE_NAMED.search(who)):
        return "", []
    words = [w for w in re.findall(r"[\wà-ÿ-]+", who.lower()) if w not in _HOLDER_SKIP]
    # "de Duitse regering", "de Hongaarse minister": a government, but not the Dutch one.
    nationality = _nationalities(words)
    if nationality and words[-1] in _DUTCH_HOLDERS:
        return who, nationality
    if not words or any(w in _DUTCH_HOLDERS for w in words):
        return "", []  # "de minister van Financiën": the cabinet's own
    phrase = " ".join(words)
    if phrase in _RESPONDER_ALIASES:
        return who, _RESPONDER_ALIASES[phrase]
    # A longer name of a body with aliases ("de Afdeling advisering van de Raad van State").
    named = [key for key in _RESPONDER_ALIASES if len(key) > 4 and re.search(rf"\b{re.escape(key)}\b", phrase)]
    if named:
        return who, _RESPONDER_ALIASES[max(named, key=len)]
    if q.language == "en":
        party = [w for w in words if w in PARTIES]
        if party:
            return who, party  # "the VVD group": a party's name is the same in both languages
        dutch = dutch_words(phrase) or (dutch_words(words[-1]) if len(words) <= 2 else [])
        return (who, [d.split()[-1] for d in dutch[:3]]) if dutch else ("", [])
    # The noun, not an adjective before it ("vaste commissie", "Europese Commissie"), nor a name
    # after it ("kamercommissie EZK"): the last word in lower case, or else the last word.
    lower = [w for w in re.findall(r"[\wà-ÿ-]+", who) if w.islower() and w not in _HOLDER_SKIP and w not in ("van", "voor")]
    return who, [lower[-1] if lower else words[-1]]


def names_responder(words: list[str], text: str, before: str, kind: str | None) -> bool:
    """Does ``text`` (or the sentence ``before`` it) name who responded, as a word or the end of
    a compound ("commissie" in "kamercommissie", not "raad" in "JBZ-Raad")? A committee's decision
    list tells its committee's response without naming it ("Besluit: Overlaten aan individuele leden"),
    and the Raad van State's advice is its response throughout."""
    if kind and any(w in kind.lower() for w in words if len(w) > 4):
        return True
    around = f"{before} {text}".lower()
    for w in words:
        if re.search(rf"(?<![\w-])\w*{re.escape(w)}(?![\w-])", around):
            return True
        if w.endswith("commissie") and kind == "besluitenlijst" and _DECISION_LINE.search(text):
            return True
    return False


def stance_holder(q: Question) -> list[list[str]]:
    """Who a yes/no question asks takes a side, when it is not the Netherlands or the
    cabinet: ways of naming them, each a list of Dutch words a sentence must all hold ("cda
    fractie"; "lidstaten" or "staten" for "other member states"); [] for any other question.

    Example:
        >>> from rag.question import analyse
        >>> stance_holder(analyse("Steunt de VNG dat het ATR gemeenten adviseert?"))
        [['vng']]
        >>> stance_holder(analyse("Steunt het kabinet een sanctie-instrument?"))
        []
    """
    if not (q.yes_no or q.text.rstrip().endswith("?")) or not _STANCE_ASKED.search(q.text):
        return []
    words = re.findall(r"[\wà-ÿ]+(?:-[\wà-ÿ]+)*", q.text.lower())
    if words[:3] == ["klopt", "het", "dat"]:
        rest = words[3:]
    elif words and words[0] in _FIRST_VERBS:
        rest = words[1:]
    else:
        return []
    while rest and rest[0] in _HOLDER_SKIP:
        rest = rest[1:]
    # Who: adjectives, the noun, and what follows "van"/"of" ("de leden van de SGP-fractie", "de
    # Raad van State", "the government of Poland"); the noun ends it ("Steunt de Europese
    # Commissie terugkeerhubs?").
    head: list[str] = []
    of: list[str] = []
    in_of = False
    end = len(rest)
    for i, w in enumerate(rest):
        if w in ("van", "of") and head and not in_of:
            in_of = True
            continue
        if in_of and w in _HOLDER_SKIP:
            continue
        if _STANCE_ASKED.fullmatch(w) or w in _FIRST_VERBS or w in _ADVERBS or w in _HOLDER_ENDS:
            end = i
            break
        if w not in _HOLDER_SKIP:
            (of if in_of else head).append(w)
            if in_of and q.language != "en" and not _adjective(w):
                end = i + 1
                break  # "van de SGP-fractie": its noun ends it, not the object after it
    nationality = _nationalities(head)
    if q.language != "en":
        # A name in capitals is whole ("Algemene Rekenkamer", "Eerste Kamer", "Europees Parlement");
        # otherwise the first noun says who: not the adjectives before it, nor an object the
        # question runs on into ("Steunt de Europese Commissie terugkeerhubs?"); "cda" of "de cda fractie".
        capitals = {w.lower() for w in re.findall(r"\b[A-ZÀ-Þ][\wà-ÿ-]*", q.text)}
        name = []
        for w in head:
            if w not in capitals:
                break
            name.append(w)
        name = [w for w in name if not (w.endswith(("se", "sche")) and len(name) > 1)]
        head = name if len(name) > 1 else next(([w] for w in head if not _adjective(w)), head[-1:])
    # The side is taken by the first verb ("Steunt de VNG dat ...") or right after who takes
    # it ("Staan de koepels (er) achter", "Do member states support"), not in a clause about
    # someone else ("Blijven de mensen die het college ondersteunen ...", "Have the rules been endorsed").
    after = [w for w in rest[end:] if w not in _ADVERBS][:1]
    claim = words[0] == "klopt"  # "Klopt het dat de leden van de CDA-fractie het voorstel steunen?": the verb comes last
    if words[0] not in _STANCE_VERBS and not (after and _STANCE_ASKED.fullmatch(after[0])) \
            and not (claim and any(_STANCE_ASKED.fullmatch(w) for w in rest[end:])):
        return []
    if not head or head[0] in _NOT_A_HOLDER:
        return []
    noun = head[-1]
    if noun in _DUTCH_HOLDERS or DUTCH_ACTOR.fullmatch(" ".join(head)):
        if nationality:
            return [[w] for w in nationality]  # "de Duitse regering": Germany's
        country = [w for w in of if w.capitalize() in _COUNTRY_NAMES]
        if not country or noun not in ("regering", "government", "minister", "ministers"):
            return []  # the Netherlands' own side, or its minister of something: the position rules answer it
        head, of = country, []  # "de regering van Polen": Poland's
    if noun in _MEMBERS and of:
        head, of = of, []  # "de leden van de SGP-fractie": the party's
    who = [part for w in head + [w for w in of if not _adjective(w)] for part in w.split("-")]
    if q.language == "en":
        party = [w for w in head if w in PARTIES]
        if party:
            return [[p] for p in party]  # "the BBB group", "the VVD and CDA groups": a party's
        dutch = dutch_words(" ".join(head)) or dutch_words(head[-1])
        if dutch:
            return [[d] + [w for w in who if w not in head] for d in dutch]
        # An acronym the glossary does not know is a name in any language ("Does the VNG support ...?").
        return [who] if re.search(rf"\b{re.escape(head[-1].upper())}\b", q.text) else []
    return [who]


def _adjective(word: str) -> bool:
    """A Dutch adjective before its noun ("Europese", "nationale", "andere"), by its ending."""
    return word.endswith(_ADJECTIVE_ENDINGS) and len(word) > 3


def holds_stance(sentence: str, holder: list[list[str]], before: str = "") -> bool:
    """Does the holder (:func:`stance_holder`) take a side in ``sentence``: named one way (each
    word as itself or by stem; "CDA-fractie" holds "cda" and "fractie"), or named in ``before``
    (the sentence before) and referred to ("deze leden", "zij"), then, within ten words and
    with no Dutch actor between, a word of judgement ("Daarnaast blijft de Commissie kritisch",
    not "acht het kabinet het van belang dat de Commissie ...")?

    Example:
        >>> holds_stance("Daarom steunen zij de permanente instelling.", [["cda", "fractie"]],
        ...              before="De leden van de CDA-fractie hebben kennisgenomen van het wetsvoorstel.")
        True
    """
    tokens = [(m.start(), m.group(0)) for m in re.finditer(r"[\wà-ÿ]+", sentence.lower())]
    sides = [sum(1 for start, _ in tokens if start < m.start()) for m in _SIDE_WORD.finditer(sentence)]
    if not sides:
        return False
    for way in holder:
        at = _named(tokens, way)
        if at is None and before and _named([(0, t) for t in re.findall(r"[\wà-ÿ]+", before.lower())], way) is not None:
            # "zij", "deze leden": members only for a party.
            back = _BACK_REFERENCES | ({"leden"} if "fractie" in way or way[0] in PARTIES else set())
            at = [i for i, (_, t) in enumerate(tokens) if t in back]
        for side in sides:
            # "Daarom steunen zij", "Dit wil de Commissie versterken": who right after the verb.
            if any(side < i <= side + 2 for i in at or []):
                return True
            named = [i for i in at or [] if i < side <= i + 10]
            if not named:
                continue
            between = sentence.lower()[tokens[max(named)][0]:tokens[side][0] if side < len(tokens) else None]
            # Not another's side in a clause of its own ("De leden ... constateren dat ATR pleit").
            if not _DUTCH_BETWEEN.search(between) and not re.search(r"\b(dat|die|omdat|that)\b", between):
                return True
    return False


def sentence_before(x: ScoredSentence, n: int = 1) -> str:
    """The ``n`` sentences before ``x`` in its chunk ("" for the first, and for ``n`` of 0), for
    what ``x`` refers back to."""
    if n <= 0:
        return ""  # a slice [-0:] would give every one
    before = [(start, end) for start, end in _sentence_spans(x.hit.chunk.text) if end <= x.start][-n:]
    return x.hit.chunk.text[before[0][0]:before[-1][1]] if before else ""


@lru_cache(maxsize=512)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # As the sentences were split for scoring: "16 december jl. werd gehouden" is one sentence.
    return tuple((s.start, s.end) for s in split_sentences(text))


def _named(tokens: list[tuple[int, str]], way: list[str]) -> list[int] | None:
    """Where ``tokens`` name the holder by all words of ``way`` (as themselves or by stem); None if not all are there."""
    stems = [_STEMMER.stemWord(t) for _, t in tokens]
    wanted = [(w, _STEMMER.stemWord(w)) for w in way]
    at = [i for i, (_, t) in enumerate(tokens) if any(t == w or stems[i] == st for w, st in wanted)]
    if not all(any(tokens[i][1] == w or stems[i] == st for i in at) for w, st in wanted):
        return None
    return at


@dataclass
class ExtractiveSettings:
    """How much an extractive answer may quote."""

    top_chunks: int = 5
    max_words: int = 120
    max_sentences: int = 4


@dataclass
class ScoredSentence:
    """A candidate sentence of a retrieved chunk, its features and the model's probability."""

    hit_rank: int
    hit: Hit
    start: int
    end: int
    text: str
    similarity: float
    features: np.ndarray
    has_fact: bool
    probability: float = 0.0


def same_item(a: Chunk, b: Chunk) -> bool:
    """Are ``a`` and ``b`` the same chunk or parts of one split item?"""
    return a.id == b.id or (a.n_splits > 1 and a.doc_id == b.doc_id and a.section == b.section
                            and a.item_no == b.item_no and a.item_title == b.item_title)


@dataclass
class Evidence:
    """What the answerability model sees: the best sentence and how much of the topic its chunk covers."""

    best: ScoredSentence
    share: float
    mass: float
    has_topic: bool
    fact_found: bool
    question: Question

    def features(self) -> np.ndarray:
        q = self.question
        return np.array([
            self.best.probability, self.best.similarity, self.share, self.mass, q.language == "en",
            self.has_topic, self.best.hit.score, q.checkable, self.fact_found,
            self.best.similarity * (q.language == "en"), self.best.probability * (q.language == "en"),
        ], dtype=np.float64)

    @classmethod
    def of(cls, q: Question, scored: list[ScoredSentence], topic: TopicTerms) -> Evidence:
        """The question-level evidence in ``scored`` (best first) on ``topic``."""
        best = scored[0]
        share = topic.coverage(searchable_text(best.hit.chunk))
        # The best chunk, and the rest of its item when that ranks next: an over-long item is split
        # where the text runs long, not where its facts end ("Minder ambtenaren": the 22% stands in
        # the second part). As where a fact is looked for when the quote has none (hit rank <= 2).
        home = [x for x in scored if x.hit.chunk.id == best.hit.chunk.id
                or (x.hit_rank <= 2 and same_item(x.hit.chunk, best.hit.chunk))][:3]
        fact_found = any(x.has_fact for x in home)
        return cls(best, share, share * sum(topic.weights.values()), bool(topic.terms), fact_found, q)


class Vocabulary:
    """Document frequencies of stemmed words in the indexed chunks, so that rare,
    specific words weigh more than common ones when a question's topic is matched."""

    def __init__(self, df: dict[str, int], n_docs: int) -> None:
        self.n_docs = max(n_docs, 1)
        self.df = df
        self.sorted_tokens = sorted(self.df)

    def doc_freq(self, term: str) -> int:
        """Chunks containing the term, a word it is a prefix of, or a prefix of it."""
        best = self.df.get(term, 0)
        if len(term) >= 5:
            i = bisect.bisect_left(self.sorted_tokens, term)
            while i < len(self.sorted_tokens) and self.sorted_tokens[i].startswith(term):
                best = max(best, self.df[self.sorted_tokens[i]])
                i += 1
        for cut in range(5, len(term)):
            best = max(best, self.df.get(term[:cut], 0))
        return best

    def idf(self, term: str) -> float:
        df = self.doc_freq(term)
        return float(np.log((self.n_docs - df + 0.5) / (df + 0.5) + 1.0))


class TopicTerms:
    """The words a question is about, stemmed, matched by prefix so that Dutch
    compounds match (``terugkeer`` ~ ``terugkeerhubs``), weighted by rarity."""

    def __init__(self, question: str, analyzer: DutchAnalyzer, vocabulary: Vocabulary | None = None) -> None:
        words = [w for w in WORD_RE.findall(question.lower()) if w not in GENERIC_WORDS]
        self.terms = sorted({t for t in analyzer(" ".join(words)) if len(t) >= 3})
        self.analyzer = analyzer
        self.weights = {t: (vocabulary.idf(t) if vocabulary else 1.0) for t in self.terms}

    def coverage(self, text: str) -> float:
        """Share of the topic (by weight) that ``text`` mentions."""
        if not self.terms:
            return 0.0
        tokens = set(self.analyzer(text))
        total = sum(self.weights.values())
        hit = sum(self.weights[term] for term in self.terms if _term_in(term, tokens))
        return hit / total if total else 0.0

    def rarest(self, terms: list[str] | None = None) -> str:
        """The rarest (highest-idf) of ``terms``, or of the topic's own terms; the first on a tie."""
        return max(self.terms if terms is None else terms, key=lambda t: self.weights[t])

    def mentions(self, term: str, text: str) -> bool:
        """Does ``text`` mention the topic term ``term``: itself, a compound it starts or ends
        ("migratiestrategie" in "strategie"), or a word it starts?"""
        tokens = set(self.analyzer(text))
        return _term_in(term, tokens) or any((len(tok) >= 6 and term.endswith(tok)) or (len(term) >= 5 and tok.endswith(term))
                                             or _near_stem(term, tok) for tok in tokens)


def _near_stem(a: str, b: str) -> bool:
    """Stems of one word or its kin that the stemmer keeps apart ("advocaat", "advocatuur"):
    at least six letters and three quarters of the shorter shared from the start."""
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return n >= 6 and n >= 0.75 * min(len(a), len(b))


def _term_in(term: str, tokens: set[str]) -> bool:
    return term in tokens or any(
        (len(term) >= 5 and tok.startswith(term)) or (len(tok) >= 5 and term.startswith(tok)) for tok in tokens)

# ----------------------------------------------------------------------------- scoring


def score_sentences(q: Question, top: list[Hit], qvec: np.ndarray, topic: TopicTerms,
                    vectors: dict[str, list[tuple[int, int, np.ndarray]]], model: LogisticModel) -> list[ScoredSentence]:
    """Every candidate sentence of the ranked chunks ``top``, with ``model``'s probability, best first.

    Args:
        q: The analysed question.
        top: The chunks to read, best-ranked first.
        qvec: The question's embedding.
        topic: The question's topic terms.
        vectors: Each chunk's sentence spans and vectors, by chunk id; a chunk without is
            split into sentences here, and their similarity is 0.
        model: The sentence model.
    """
    if not top:
        return []
    position = wants_position(q)
    about_members = asks_about_members(q)
    top_score = top[0].score or 1.0
    rows: list[ScoredSentence] = []
    raw: list[list[float]] = []
    for rank, hit in enumerate(top, start=1):
        spans = vectors.get(hit.chunk.id) or [(x.start, x.end, None) for x in split_sentences(hit.chunk.text)]
        for row, feats in _chunk_candidates(q, rank, hit, spans, qvec, topic, position, about_members, top_score):
            rows.append(row)
            raw.append(feats)
    if not rows:
        return []
    matrix = np.asarray(raw, dtype=np.float64)
    # Features relative to the other candidates of the same question.
    matrix[:, 1] = matrix[:, 0] - matrix[:, 0].max()
    matrix[:, 17] = 1.0 / (1.0 + np.argsort(np.argsort(-matrix[:, 0])))
    matrix[:, 18] = matrix[:, 2] - matrix[:, 2].max()
    probs = model.probability(matrix)
    for row, feats, p in zip(rows, matrix, probs):
        row.features = feats
        row.probability = float(p)
    rows.sort(key=lambda x: (-x.probability, x.hit_rank, x.start))
    return rows


def _chunk_candidates(q: Question, rank: int, hit: Hit, spans: list[tuple[int, int, np.ndarray | None]],
                      qvec: np.ndarray, topic: TopicTerms, position: bool, about_members: bool,
                      top_score: float) -> list[tuple[ScoredSentence, list[float]]]:
    """The candidate sentences of one chunk (not its footnotes, not short ones), each with
    its features in :data:`~rag.answer_model.SENTENCE_FEATURES` order; those relative to
    the other candidates are left 0 for :func:`score_sentences`."""
    chunk = hit.chunk
    heading_on_topic = topic.coverage(chunk.heading) > 0
    share = topic.coverage(searchable_text(chunk))
    footnotes_at = chunk.text.find("\n\nVoetnoten:")
    first = True
    best_sim_start, best_sim = None, -1.0
    chunk_rows: list[tuple[int, int, str, float, list[float], bool]] = []
    for start, end, vec in spans:
        if footnotes_at >= 0 and start >= footnotes_at:
            continue
        if chunk.kind == "motie":
            end = _with_signers(chunk.text, end)
        text = chunk.text[start:end]
        label = _ANSWER_LABEL.match(text)
        if label:  # "Antwoord Circa 75% ...": the reply's label is no part of what it says
            start += label.end()
            text = chunk.text[start:end]
        n_words = len(text.split())
        if n_words < 4 or INSTRUCTION.search(text):  # never quote a planted order as an answer
            continue
        if not about_members and reports_members(text, chunk.kind):
            continue
        sim = float(vec @ qvec) if vec is not None else 0.0
        if sim > best_sim:
            best_sim, best_sim_start = sim, start
        fact = has_fact(q, text)
        if not fact and q.answer_type == "reference":
            # "In lijn met het eerdere nonpaper⁷ ...": the paper's number stands in the footnote it points to.
            fact = any(has_fact(q, chunk.text[a:b]) for a, b in cited_footnotes(chunk.text, text))
        feats = [
            sim, 0.0, topic.coverage(text), share, float(heading_on_topic), 1.0 / rank, float(rank == 1),
            hit.score / top_score if top_score else 0.0,
            float(position and bool(POSITION_CUE.search(text))),
            float(q.checkable and fact), float(q.checkable and not fact), 0.0, float(q.language == "en"),
            sim * (q.language == "en"), float(first), float(np.log1p(n_words)),
            float(q.yes_no and bool(POLARITY.search(text))), 0.0, 0.0,
        ]
        first = False
        chunk_rows.append((start, end, text, sim, feats, fact))
    # The sentence after the most similar one often carries the answer ("X is voorgesteld. NL steunt dit.").
    after = min((r[0] for r in chunk_rows if best_sim_start is not None and r[0] > best_sim_start), default=None)
    out = []
    for start, end, text, sim, feats, fact in chunk_rows:
        feats[11] = float(start == after)
        out.append((ScoredSentence(rank, hit, start, end, text, sim, np.zeros(0), fact), feats))
    return out


_FOOTNOTE_MARK = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_FOOTNOTE_LINE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+) .+$", re.M)


def cited_footnotes(chunk_text: str, sentence: str) -> list[tuple[int, int]]:
    r"""Where the footnotes ``sentence`` points to stand in ``chunk_text``: a chunk keeps the
    notes of its own markers under "Voetnoten:" (:mod:`rag.chunk`).

    Example:
        >>> text = "Nederland steunt het nonpaper⁷.\n\nVoetnoten:\n⁷ Kamerstuk 32 317, nr. 872."
        >>> [text[a:b] for a, b in cited_footnotes(text, "Nederland steunt het nonpaper⁷.")]
        ['⁷ Kamerstuk 32 317, nr. 872.']
    """
    at = chunk_text.find("\n\nVoetnoten:")
    marks = set(_FOOTNOTE_MARK.findall(sentence))
    if at < 0 or not marks:
        return []
    return [(at + m.start(), at + m.end()) for m in _FOOTNOTE_LINE.finditer(chunk_text[at:]) if m.group(1) in marks]


# A motion closes with a fixed formula, then its signers' names on a line of their own, too
# short to quote alone: they go with the closing sentence ("... orde van de dag.\nCeder").
_SIGNERS = re.compile(r"\n([A-Z][\wà-ÿ-]+(?:(?:,\s*|\s+en\s+|\s+)[A-Z][\wà-ÿ-]+){0,5})[ \t]*(?=\n|$)")


def _with_signers(text: str, end: int) -> int:
    """Where a motion's closing sentence ends, its signers included."""
    if not text[:end].rstrip().endswith("orde van de dag."):
        return end
    m = _SIGNERS.match(text, end)
    return m.end(1) if m else end


# ----------------------------------------------------------------------------- quoting


def chunk_features(q: Question, scored: list[ScoredSentence], topic: TopicTerms) -> tuple[list[Hit], np.ndarray]:
    """The hits of the chunks ``scored`` has candidate sentences of, best-ranked first, and
    the features the chunk model reads of each (:data:`~rag.answer_model.CHUNK_FEATURES`):
    how the retrieval scored it beside the others, how much of the question's topic its
    text, heading and item title cover, whether it is of the kind of document the question
    names, its best sentence's probability, and whether any of its sentences holds the fact
    asked for. ``top_chunk`` marks the best-ranked of these chunks."""
    best: dict[str, ScoredSentence] = {}
    facts: set[str] = set()
    for x in scored:  # best first: the first of a chunk is its best
        best.setdefault(x.hit.chunk.id, x)
        if x.has_fact:
            facts.add(x.hit.chunk.id)
    firsts = sorted(best.values(), key=lambda x: x.hit_rank)
    hits = [x.hit for x in firsts]
    kinds = asked_kinds(q.text, q.language)
    # A chunk only the keyword search found has no similarity of its own (0.0 stands for
    # none): it is given that of the least similar candidate the dense search did find (fuse()
    # gives it the last dense candidate's, lower still: the same bound, not the same value).
    dense = [h.dense_score for h in hits if h.dense_rank is not None] or [0.0]
    similarity = [h.dense_score if h.dense_rank is not None else min(dense) for h in hits]
    top_bm25 = max(h.bm25_score for h in hits) or 1.0
    top_sentence = max(h.sentence_score for h in hits)
    top_probability = scored[0].probability or 1.0
    share = SENTENCE_FEATURES.index("chunk_share")
    rows = []
    for x, h, sim in zip(firsts, hits, similarity):
        row = {
            "dense_gap": sim - max(similarity), "dense_rank_reciprocal": 1.0 / h.dense_rank if h.dense_rank else 0.0,
            "bm25_share": h.bm25_score / top_bm25, "bm25_rank_reciprocal": 1.0 / h.bm25_rank if h.bm25_rank else 0.0,
            "sentence_gap": h.sentence_score - top_sentence, "fused_gap": h.score - hits[0].score,
            "kind_asked": float(h.chunk.kind in kinds),
            "chunk_share": float(x.features[share]),  # the chunk's share of the topic, as the sentence model read it
            "heading_on_topic": topic.coverage(h.chunk.heading or ""),
            "title_on_topic": topic.coverage(h.chunk.item_title or ""),
            "best_probability": x.probability, "best_probability_ratio": x.probability / top_probability,
            "fact_match": float(q.checkable and h.chunk.id in facts), "log_length": float(np.log1p(len(h.chunk.text))),
            "rank_reciprocal": 1.0 / x.hit_rank, "top_chunk": float(x.hit_rank == firsts[0].hit_rank),
        }
        rows.append([row[f] for f in CHUNK_FEATURES])
    return hits, np.asarray(rows, dtype=np.float64).reshape(len(rows), len(CHUNK_FEATURES))


def choose_chunk(q: Question, scored: list[ScoredSentence], topic: TopicTerms, model: AnswerModel) -> str | None:
    """The id of the chunk to quote from: the best-ranked one, unless the chunk model scores
    another ``model.chunk_margin`` higher (:func:`~rag.answer_model.pick_chunk`). None
    without a chunk model."""
    if model.chunk is None or not scored:
        return None
    hits, rows = chunk_features(q, scored, topic)
    chosen = pick_chunk(model.chunk.score(rows), model.chunk_margin)
    if chosen and topic.terms:
        # The best-ranked chunk names the question's rarest word and the one the model prefers does
        # not: its fact is of something else ("ao over dierenrechtenextremisme": ok01 has it and its
        # date; ok02's planned talk has dates of its own).
        rarest = topic.rarest()
        if topic.mentions(rarest, searchable_text(hits[0].chunk)) and \
                not topic.mentions(rarest, searchable_text(hits[chosen].chunk)):
            chosen = 0
    return hits[chosen].chunk.id


def select(scored: list[ScoredSentence], settings: ExtractiveSettings, model: AnswerModel,
           home: str | None = None) -> list[ScoredSentence]:
    """The sentences to quote: from chunk ``home`` (see :func:`choose_chunk`) or, without it,
    from the best-ranked chunk unless another chunk's best sentence is clearly more likely;
    the best one and those nearly as likely; another chunk's only when as likely."""
    s, m = settings, model
    chosen = home is not None
    if chosen:
        home_best = next((x for x in scored if x.hit.chunk.id == home), None)
        if home_best is None:
            raise ValueError(f"chunk {home} has no candidate sentence among those scored")
    else:
        top_rank = min(x.hit_rank for x in scored)
        home_best = next(x for x in scored if x.hit_rank == top_rank)
        if scored[0].probability >= home_best.probability * m.switch_ratio:
            home_best = scored[0]
    home = home_best.hit.chunk.id
    picked: list[ScoredSentence] = [home_best]
    words = len(home_best.text.split())
    for cand in scored:
        if len(picked) >= s.max_sentences:
            break
        if cand is home_best or cand.probability < home_best.probability * m.keep_ratio:
            continue
        if cand.hit.chunk.id != home and (chosen or cand.probability < home_best.probability * m.other_chunk_ratio):
            continue  # a chunk the chunk model passed over is not quoted beside the one it chose
        n = len(cand.text.split())
        if words + n > s.max_words or any(_near_duplicate(cand.text, p.text) for p in picked):
            continue
        picked.append(cand)
        words += n
    return picked


def _sides(text: str) -> set[str]:
    """The sides ``text`` takes or asks about, as stems of one synonym group ("steunt",
    "kan instemmen" and a terse "NL akkoord ...?" are one side)."""
    same = synonyms()
    words = [m.group(0).lower() for m in _STANCE_WORD.finditer(text)]
    words += ["instemmen"] * len(_AGREE.findall(text))
    return {same.get(stem, stem) for stem in _STEMMER.stemWords(words)}


def stance_sentence(picked: list[ScoredSentence], scored: list[ScoredSentence],
                    question: str = "", on_point: Callable[[ScoredSentence], bool] | None = None) -> ScoredSentence | None:
    """The sentence of the quoted chunk (``picked[0]``'s) that states the Dutch position
    (:func:`takes_stance`): one that takes the side the question names ("Kan NL instemmen
    ...?" and "Nederland kan hiermee instemmen."), else the first (of ``picked``, then of the
    chunk's candidates) that states the position now rather than one held earlier ("heeft
    eerder gepleit"), else the first that states one; None when none of its sentences does.
    With ``on_point``, only the sentences it accepts count (:func:`stance_on_point`)."""
    home = picked[0].hit.chunk.id
    asked = _sides(question)

    def stances(sentences: list[ScoredSentence]) -> Iterator[ScoredSentence]:
        return (x for x in sentences if x.hit.chunk.id == home and takes_stance(x.text)
                and (on_point is None or on_point(x)))

    if asked:
        found = next((x for x in stances(picked + scored) if asked & _sides(x.text)), None)
        if found is not None:
            return found
    # The position now before the one held earlier ("Nederland kan hiermee instemmen." before
    # "Nederland heeft eerder gepleit voor een verschuiving ...").
    now = next((x for x in stances(picked + scored) if not _EARLIER.search(x.text)), None)
    return now or next(stances(picked), None) or next(stances(scored), None)


def stance_on_point(topic: TopicTerms, stance: str, before: str = "", title: str = "") -> bool:
    """Is ``stance`` (the Dutch position a yes/no question is answered with) about what the
    question asks: it, its item's ``title`` (not by a year in it), or, when it points back
    ("Nederland kan hiermee instemmen"), the sentence before names one of the question's words?
    Not a stance the same item takes on something else: "Steunt NL de overplaatsing van
    uitreizigers naar Irak?" is not answered by "Nederland is positief over de mogelijkheid om
    ... van gedachten te wisselen".

    Example:
        >>> from rag.bm25 import DutchAnalyzer
        >>> topic = TopicTerms("Steunt NL de overplaatsing van uitreizigers naar Irak?", DutchAnalyzer())
        >>> stance_on_point(topic, "Nederland is positief over de mogelijkheid om van gedachten te wisselen.")
        False
        >>> stance_on_point(topic, "Nederland kan hiermee instemmen.", before="De Raad besluit over de overplaatsing.")
        True
    """
    terms = [t for t in topic.terms if not _STANCE_ASKED.search(t) and not POSITION_QUESTION.search(t)
             and not _STANCE_WORD.search(t) and not DUTCH_ACTOR.fullmatch(t) and t not in _NOT_THE_POINT]
    if not terms:
        return True
    around = f"{before} {stance}" if _POINTS_BACK.search(stance) else stance
    return (any(topic.mentions(t, around) for t in terms)
            or any(topic.mentions(t, title) for t in terms if not t.isdigit()))


# Who takes the side and how, as stems (English questions read in Dutch too): no point of its own.
_NOT_THE_POINT = {"kabinet", "ministerraad", "regering", "minister", "nederland", "cabinet", "government", "tegenover",
                  "tenover", "staat", "staan", "favour", "favor"}
# A position on what the sentence before named: "hiermee", "daarover", "dit voorstel", "this proposal".
_POINTS_BACK = re.compile(r"\b(?:(?:hier|daar)(?:mee|voor|in|over|bij|aan|tegen|op|achter|van|toe|om|naar)?|"
                          # right after the side taken: "Het kabinet steunt dit ten volle."
                          r"(?:steun\w*|ondersteun\w*|onderschrij\w*|verwelkom\w*|deelt|delen|support\w*|welcome\w*|"
                          r"endorse\w*|back\w*)\s+(?:dit|dat|deze|die|this|that|it)|"
                          r"(?:dit|deze|dat|die|dergelijke|this|that|these|such) (?:\w+ )?(?:voorstel\w*|akkoord|initiatief|"
                          r"plan\w*|aanpak|besluit|verordening|richtlijn|tekst|compromis|document|conclusies|punt|"
                          r"proposal|approach|plan|text|compromise))\b", re.I)


# Not "Zoals eerder aangegeven steunt Nederland ...": the position now, said before too.
_EARLIER = re.compile(r"(?<!zoals )\b(eerder|destijds|voorheen|aanvankelijk|in het verleden|previously|earlier|initially|"
                      r"formerly)\b(?!\s+(?:aangegeven|gemeld|vermeld|gezegd|toegezegd|aangekondigd|stated|indicated|"
                      r"mentioned|said))", re.I)


def with_stance(picked: list[ScoredSentence], stance: ScoredSentence,
                settings: ExtractiveSettings) -> list[ScoredSentence]:
    """``picked`` led by ``stance`` (see :func:`stance_sentence`): added when it is not among
    them, in place of the least likely others (those that hold the kind of fact asked for
    last) when the answer would grow too long."""
    rest = [x for x in picked if x is not stance]
    words = len(stance.text.split())
    kept: list[ScoredSentence] = []
    for x in sorted(rest, key=lambda x: (not x.has_fact, -x.probability)):
        n = len(x.text.split())
        if len(kept) + 1 < settings.max_sentences and words + n <= settings.max_words:
            kept.append(x)
            words += n
    return [stance] + [x for x in rest if any(x is k for k in kept)]


def over_time(q: Question, scored: list[ScoredSentence], picked: list[ScoredSentence], settings: ExtractiveSettings,
              model: AnswerModel) -> tuple[list[ScoredSentence], list[ScoredSentence]]:
    """When other dated letters answer the question too, the latest letter's sentences
    lead and each earlier letter's best sentence follows, newest first; else ``picked``."""
    m = model
    lead = picked[0]
    council = lead.hit.chunk.council
    # Council letters only: a series of letters on one council's meetings, where a later
    # position replaces an earlier one (not, say, a bill's successive documents).
    if not council or not lead.hit.chunk.date:
        return picked, []
    per_letter: dict[str, ScoredSentence] = {lead.hit.chunk.doc_id: lead}
    for x in scored:
        c = x.hit.chunk
        if c.doc_id in per_letter or not c.date or c.council != council:
            continue
        if x.probability >= lead.probability * m.letter_ratio and (not q.checkable or x.has_fact):
            per_letter[c.doc_id] = x
    if len(per_letter) < 2:
        return picked, []
    latest = max(per_letter.values(), key=lambda x: (x.hit.chunk.date or "", x.probability))
    if latest is not lead:
        same_chunk = [x for x in scored if x.hit.chunk.id == latest.hit.chunk.id and x is not latest
                      and x.probability >= latest.probability * m.keep_ratio]
        picked = [latest] + same_chunk[: settings.max_sentences - 1]
    # A letter of the same date is no earlier position (an annex, a second copy).
    earlier = [x for x in per_letter.values() if (x.hit.chunk.date or "") < (latest.hit.chunk.date or "")]
    earlier.sort(key=lambda x: (x.hit.chunk.date or "", x.probability), reverse=True)
    return picked, earlier


def _near_duplicate(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > 0.6

