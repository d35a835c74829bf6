"""What a question asks for, and whether a sentence holds that kind of fact.

Staff ask for a date, an amount, a count, a name or a list of countries far more
often than they say so in full ("budget terugkeerhubs nl euro", "ETIAS go-live
wanneer?", "Which Member States oppose ...?"). A passage on the right topic that
holds no such fact does not answer the question, however similar it is: the
answerer uses :func:`has_fact` to refuse it instead of quoting the topic's
introduction with confidence.

The rules read Dutch and English; they are regular expressions on purpose (fast,
explainable, the same on every machine).

Example:
    >>> from rag.question import analyse, has_fact
    >>> q = analyse("hoeveel EUR subsidie krijgt NOvA jaarlijks?")
    >>> q.answer_type
    'amount'
    >>> has_fact(q, "De NOvA ontvangt jaarlijks een subsidie."), has_fact(q, "Het gaat om 2,5 miljoen euro.")
    (False, True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA

from rag.expand import COMMON
from rag.language import detect_language

MONTHS_NL = "januari februari maart april mei juni juli augustus september oktober november december".split()
MONTHS_EN = "january february march april may june july august september october november december".split()
_MONTH = "|".join(MONTHS_NL + MONTHS_EN)
# Months as staff type them, names and abbreviations ("mrt '26", "6 febr. 2025", "Sept 2014"), to their number.
MONTH_WORDS = {**{m: i for i, m in enumerate(MONTHS_NL, start=1)}, **{m: i for i, m in enumerate(MONTHS_EN, start=1)},
               "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "mar": 3, "maa": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12}
MONTH_NAMES = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))  # longest first: "maart" before "maa"


@lru_cache(maxsize=1024)
def _ascii_letter(char: str) -> str:
    """The ASCII letter that ``re.IGNORECASE`` matches ``char`` to ("ſ" is "s", "İ" and "ı" are
    "i", the Kelvin sign is "k"), else ``char`` lowercased."""
    if not char.isascii():
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if re.fullmatch(letter, char, re.IGNORECASE):
                return letter
    return char.lower()


def regex_fold(word: str) -> str:
    """``word`` as a key of a lowercase table that a case-blind regex matched it against: ASCII
    letters lowercased, and the four other letters ``re.IGNORECASE`` reads as ASCII ones ("ſ", "İ",
    "ı", the Kelvin sign) as those. ``.lower()`` keeps "ſpring" and raises KeyError on the lookup.

    Example:
        >>> regex_fold("ſpring"), regex_fold("Fırst"), regex_fold("Één")
        ('spring', 'first', 'één')
    """
    return "".join(map(_ascii_letter, word))


def month_number(name: str) -> int:
    """The month (1-12) that ``name`` names, read the way a case-blind regex over
    :data:`MONTH_NAMES` reads it, so any such match has a number; a word that is no month
    raises KeyError.

    Example:
        >>> month_number("Maart"), month_number("sept"), month_number("ſept"), month_number("junı")
        (3, 9, 9, 6)
    """
    return MONTH_WORDS[regex_fold(name)]


def named_months(text: str) -> list[tuple[int, int | None]]:
    """The ``(month, year)`` pairs ``text`` names, the year None where it gives none.

    Example:
        >>> named_months("Tijdens de JBZ-Raad van juni 2025 is er een oriëntatie bereikt; in maart volgt meer.")
        [(6, 2025), (3, None)]
        >>> named_months("Did the Council adopt it in May, or may member states still block it?")
        [(5, None)]
    """
    return [(month_number(m.group(1)), int(m.group(2)) if m.group(2) else None)
            for m in re.finditer(rf"\b({_MONTH})\b(?:\s+(\d{{4}}))?", text, re.I)
            if m.group(1) != "may" or m.group(2) or re.search(r"\d\s*$", text[:m.start()])]  # "may" the verb: no month


NUMBER_WORDS = (
    "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien "
    "achttien negentien twintig dertig veertig vijftig zestig zeventig tachtig negentig honderd duizend miljoen "
    "miljard tweemaal driemaal viermaal eenmaal tweehonderd driehonderd helft derde kwart dubbel "
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion twice half"
).split()

# A word between "which" and "member states" that is a count or an adjective ("Which seventeen
# ... member states"), not a verb ("What do member states have to do?").
# The English auxiliaries are read on their own too: no verb stands before an asked "rate".
_AUXILIARIES = "do|did|does|are|were|is|was|can|could|should|must|will|would|have|has|had|may"
_NOT_AUX = (r"(?!(?:" + _AUXILIARIES + r"|zijn|waren|moeten|"
            r"kunnen|hebben|gaan|zullen|mogen|willen|doen|deden)\b)")

# What kind of fact a question asks for, tried in this order; the first that matches wins.
# Strong patterns hold in any question; weak ones are topic words ("budget", "aantal")
# that say what is asked only in terse questions without a question word.
_STRONG_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("reason", re.compile(r"^\s*(waarom|why)\b|\bom welke reden\b|\bfor what reason\b", re.I)),
    ("amount", re.compile(
        r"\bhoe ?veel (geld|euro|eur|kost|kosten|bedraagt|subsidie|budget|financiering)(?![\w-])|\b(omvang|hoogte) (van )?(de |het )?(\w+ ){0,3}(lening|krediet|subsidie|bijdrage|budget)\b|\bwat kost\b|\bwat (gaat|gaan|zal|zullen)\b.*\bkosten\s*\??\s*$|"
        r"\bhoe (groot|hoog) (is|zijn|was|waren|wordt) (de|het) (\w+ ){0,3}(\w*begroting|\w*budget|\w*bedrag|kosten|subsidie|bijdrage|lening|krediet)\b|"
        r"\bhow (large|big|high) (is|was|are|were|will be) (the|its|their) (\w+ ){0,3}(budget|amount|contribution|subsidy|grant|loan|credit|costs?|funding)\b|"
        r"\bhow much (\w+ )?(money|funding|does .* cost|is .* worth)\b|"
        r"\bwhat (is|was|are|were) the (size|amount|value|level) of (the |its |their )?(\w+ ){0,4}?(budget|contribution|subsidy|"
        r"grant|loan|credit|costs?|funding|guarantee|fund|facility)\b|"
        r"\b(welk|what) (vast |totaal )?(bedrag|budget|amount)\b|\bsalaris\b|\bsalary\b|€|"
        # What someone is paid: "What is the annual remuneration of the ATR chair?", "hoe hoog is de vergoeding
        # van de leden?" (not "welk artikel regelt de vergoeding", which asks the article).
        r"\bwhat (is|was|are|were|will be) the ((annual|yearly|monthly|hourly) )?(remuneration|pay|fees?|allowances?)"
        r"\s+(of|for|paid|to)\b|"
        r"\b(wat|hoe hoog) (is|was|zijn|waren|wordt) de ((jaarlijkse|maandelijkse) )?(vergoeding|bezoldiging)(en)?"
        r"\s+(van|voor)\b|"
        # "wat is het totale jaarbudget", "What hourly wage rate does the model prescribe?"
        r"\bwat (is|zijn|was|waren|wordt|worden) (de|het) (\w+ ){0,2}(\w*budg?j?et|\w*bedrag|\w*begroting)\b|"
        r"\bwhat(?:'s|’s| is| was| are| were| will be) (the|its|their) (\w+ ){0,2}budgets?\s*(?:of|for|in|\?|$)|"
        r"\bwat (zijn|waren|worden) de ((geraamde|verwachte|jaarlijkse|totale|structurele|extra|eenmalige) ){0,2}kosten\b|"
        r"\bwhat (is|are|was|were|will be) the ((estimated|expected|annual|yearly|total|overall|projected|extra|additional|"
        r"one-off) ){0,3}(costs?|expenditure|spending)\b(?!\s+(?:drivers?|of living))|"
        r"\b(what|which) (\w+ ){0,2}(wage|fee|price)s?\b|\b(welk|welke|wat) (\w+ ){0,2}(uurtarief|uurloon|prijs)\b|"
        r"\b(costs?|funding|money|budget|spending|expenditure|price)\b.*\bamount(s|ed)? to\b|"
        # A threshold in money, asked as the thing wanted: "welk minimuminkomen moeten ze verdienen",
        # "salarisgrens kennismigranten", "What is the income requirement ...?" (not a topic: "Wat vindt NL
        # van een Europees minimuminkomen?", "Welke landen hanteren een inkomenseis?").
        r"(?:^\s*|\b(?:welk|welke|wat is het|wat is de|wat wordt het|wat wordt de|hoe hoog is het|hoe hoog is de)\s+)"
        r"(?:\w+\s+)?(minimum(inkomen|salaris)|(inkomens|salaris|loon)(grens|eis|norm|criterium))\b|"
        r"(?:^\s*|\b(?:what|which)(?:'s|’s| is| was| will be)?(?: the)?\s+)(?:\w+\s+)?(?:(?:income|salary|wage|earnings) "
        r"(?:threshold|requirement|criterion|floor)|minimum (?:income|salary))\b(?!\s+(?:scheme|recommendation)s?\b)", re.I)),
    ("date", re.compile(
        r"^\s*(vanaf |tot |per |sinds |uiterlijk )?(wanneer|wnr)\b|\b(wanneer|wnr)\b|^\s*(since |until |by )?when\b|"
        r"\b(op|per) welke datum\b|\bwelke (datum|dag|maand)\b|\b(what|which) month\b|\b(what|which) day\b|\bin welk jaar\b|\bwhat date\b|\bwhich date\b|\b(in )?(what|which) year(?![-\w]|\s+(?:groups?|plans?|reports?|programmes?|budgets?|cohorts?)\b)|"
        r"\b(?!peil)\w*datum\b|"
        # A year asked by its noun, as the thing wanted: "oprichtingsjaar Taskforce", "wat is het startjaar",
        # "What is the founding year ...?" (not which year is meant: "Hoeveel deelnemers in het startjaar?").
        r"(?:^\s*|\b(?:welk|wat is het|wat was het|wat wordt het)\s+)((oprichtings|start|begin|eind|aanvangs|invoerings|"
        r"instellings)jaar|jaartal)\b|(?:^\s*|\b(?:what|which)(?:'s|’s| is| was| will be)?(?: the| its)?\s+)"
        r"((founding|starting|start|launch) year|year of (its )?(foundation|founding|establishment))\b|"
        r"\b(the|its) date (of|on)\b|\bdeadline\b|\bgo-live\b|\bstartdatum\b|\bingangsdatum\b|\binwerkingtreding\b|\bwhen\b", re.I)),
    ("number", re.compile(
        r"\b(met welke meerderheid|(by|with) what majority|hoe groot was de meerderheid|hoeveel|hoe veel|how many|how much|percentage|procent|hoe (groot|hoog|vaak|lang)|hoevaak|how (large|high|often|long)|"
        r"welk (\w+ )?(deel|aandeel|percentage)|(what|which) (\w+ ){0,2}(share|proportion|percentage) of|"
        # A length of time asked by its noun, as "how long" asks it: "What is the maximum duration of ...?"
        r"(maximum|maximale|minimum|minimale) (duration|duur|looptijd)|(what|wat) (is|was|are) (the|de|het) (\w+ )?"
        r"(duration|length|duur) (of|van))\b|%|"
        # A rate or tariff, in euros or as a percentage, asked as the thing wanted: "welk tarief geldt", "Wat is
        # het btw-tarief op sport?", "What target return rate ...?" (not "Welke lidstaten hanteren een nultarief?",
        # "What does the rate depend on?": no verb, and no plural that may be a verb, before it).
        r"\b(welk|welke|wat is het|wat zijn de|wat wordt het|wat was het)\s+(\w+\s+)?[\w-]*tarie(f|ven)\b|"
        r"\b(what|which)(?:'s|’s| is| was| are| were| will be)?(?: the| its| their)?\s+"
        r"(?:(?!(?:" + _AUXILIARIES + r"|shall)\b)[\w-]+(?<!s)\s+){0,2}"
        r"(rates?|tariffs?)\b(?!\s+of\s+(?:progress|change|implementation|inflation|ratification)\b)", re.I)),
    ("countries", re.compile(
        r"\b(welke|which|what) (andere |other )?(" + _NOT_AUX + r"(?-i:[a-z])+ |\d+ )?([\w]+-)?(lidstaten|landen|staten|ms|ls|member states|countries|states)\b|"
        # A kind of country in one word: "welke migratielanden", "welke buurlanden", "welke herkomstlanden".
        r"\b(welke|which) \w{3,}(?<!ei)(?<!neder)landen\b|"
        # A name before them: "Which Council of Europe member states", "welke Raad van Europa-landen",
        # after a count: "Which seventeen Council of Europe member states".
        r"\b(welke|which|what) (?:" + _NOT_AUX + r"(?-i:[a-z])+\s+)?(?:(?-i:[A-Z][\w-]*)\s+(?:(?:of|van|the|de)\s+)?){0,3}(?:(?-i:[A-Z])\w*-)?(lidstaten|landen|(?<!verenigde )staten|member states|countries|(?<!united )states)\b", re.I)),
    # "Welke fracties stemden tegen?", "Which parliamentary groups support the motion?"
    ("parties", re.compile(r"\b(welke|which|what) (\w+ )?(fracties?|kamerfracties?|politieke partijen|parties|"
                           r"political parties|parliamentary groups|political groups)\b", re.I)),
    # The legal basis: "obv welk art. Grondwet", "welk art. VWEU", "under which article".
    ("article", re.compile(
        r"\b(welke?|which|what)\s+(art\.|artikel(?:en|lid)?\b|wetsartikel\b|verdragsartikel\b|articles?\b|"
        r"rechtsgrondslag\b|legal basis\b|treaty article\b|(?:wets|verdrags|overgangs|slot|straf|uitvoerings|delegatie)?bepaling(?:en)?\b|provisions?\b(?!\s+(?:has|have|had|was|were|made|for|to)\b))(?!\s*\d)|\b(rechtsgrondslag|wettelijke grondslag|(?<!ten )grondslag|legal basis|rechtsbasis|juridische basis)\b", re.I)),
    ("person", re.compile(
        r"\b(naam|namen|name|names)\b|^\s*wie (is|was|wordt|word|werd|zijn|waren) (de|het)\b|^\s*wie (vervult|bekleedt) (momenteel |nu |thans )?(de|het) (functie|rol|positie|ambt)\b|"
        r"\bhoe (heet|heten) (de|het) (\S+ ){0,2}([\w-]*co[oö]rdinator|voorzitter|minister|staatssecretaris|commissaris|gezant|"
        r"bewindspersoon|bewindsman|bewindsvrouw|stas|vice-president|ondertekenaar|directeur|griffier|rapporteur|ambassadeur|president|premier|woordvoerder|secretaris|hoofd|leider)\b|"
        # "Hoe heet de man die ...": a person right after the article, not "de bijdrage per persoon".
        r"\bhoe (heet|heten) (de|die|deze) (man|vrouw|persoon|functionaris|ambtenaar)\b|"
        r"^\s*who (is|was|will be|are|were) (the|its|their)\b|\bwho (currently |now )?chairs\b|"
        # An office typed without its article: "wie was griffier bij ...", "wie word voorzitter".
        r"^\s*wie (is|was|wordt|word|werd) (grif+ie?r|griffer|voorzit+er|rapporteur|secretaris|woordvoerder|"
        r"minister|staatssecretaris|directeur)\b|"
        # Who signed: "wie tekende het advies", "Who signed the letter?", "door wie is de brief ondertekend".
        r"^\s*(wie|who)\s+(tekende|tekenden|ondertekende|ondertekenden|signed|co-signed)\b|"
        r"^\s*(door wie|by whom)\b.*\b(ondertekend|getekend|signed)\b|"
        # Who holds, held or will hold the chair or the lead, however said: "wie word voorziter van ...",
        # "Wie stond aan het hoofd van ...", "Who will chair ...?", "wie leidt ...".
        # The office is the one asked about, not an object: not "Who is going to sound out the CTIVD chair?".
        # (Not who leads: a delegation or the negotiations are led by a minister or the Commission.)
        r"^\s*(wie|who)\s+(?:chairs|chaired|heads|headed)\b|^\s*wie\s+(?:zat|zit|zaten|zitten)\b.*\bvoor\s*\??\s*$|"
        r"^\s*(wie|who)\b(?=(?:\s+[\w-]+){0,6}?\s+(?:(?:aan|at)\s+(?:het|the)\s+(?:hoofd|head)|"
        r"(?:is|was|are|were|be|will|shall|would|wordt|werd|word|worden|zal|zou|nu|now|thans|momenteel|"
        r"currently|moment|straks|dan|then)\s+(?:voorzit\w*|voorziter|vz|chair\w*|heads?|headed)\b))|"
        # An office asked by "which": "Met welke nieuwe topman van het IMF ...?" (not "welke minister":
        # that is answered by the ministry, "de minister van JenV").
        r"\b(welke|which|what) (nieuwe |new |huidige |current )?(topman|topvrouw|voorzitter|directeur|griffier|rapporteur|"
        r"ambassadeur|woordvoerder|chair|chairman|chairperson|director|ambassador|spokesperson|ondertekenaar|signatory)\b|"
        # A member of the Commission, who is named ("Eurocommissaris Brunner"), unlike a minister (by ministry).
        r"\b(welke|which|what) (europese |europees |european |eu[- ]?)?(euro-?)?(comm?iss?aris(sen)?|commissioners?)\b(?!['’]s)|"
        # "Welk lid van de Afdeling ...", "Which member of the Commission ...", not a paragraph of an article.
        r"\b(welk|which) (lid|member)\b(?!\s+(?:van\s+|of\s+)?(?:het\s+|the\s+|de\s+)?(?:art\.|artikel|article|lid\b|eu\b|unie\b|union\b))"
        r"(?!\s+(?:states?|countr\w*|lidsta\w*)\b)", re.I)),
    # One country, after who or which office or article is asked ("Wie is de voorzitter van welk land?"):
    # "welk LS neemt het voorzitterschap over", "welk derde land", "Which EU country will hold ...". Not a
    # country's nationals, authorities or report, nor English "land" ("What land use rules ...").
    ("countries", re.compile(
        r"\b(welk|welke) (ander |andere )?(eu[- ])?(" + _NOT_AUX + r"(?-i:[a-z])+ )?(land|lidstaat|ls)\b(?![-'’])|"
        r"\b(which|what) (other )?((?:non-)?eu )?(" + _NOT_AUX + r"(?-i:[a-z])+ )?(member state|country|ms)\b(?![-'’])"
        r"(?!\s+(?:nationals?|citizens?|authorit\w*|level|competences?|obligations?|reports?|rules?|specific|"
        r"programmes?|strateg\w*|plans?|teams?|offices?|delegations?|representatives?)\b)", re.I)),
    ("position", re.compile(
        r"\b(positie|standpunt|inzet|wat vindt|vindt nederland|vindt het kabinet|staat .* tegenover|kijkt .* aan|"
        r"houding|mening|appreciatie|kab\.?appreciatie|kabinetsappreciatie|position|stance|view on|think of|"
        r"(netherlands|nl|dutch|cabinet|government) (support|welcome|back)s?)\b", re.I)),
    ("reason", re.compile(r"\breden\b|\breason\b", re.I)),
]
_WEAK_TYPES: list[tuple[str, re.Pattern[str]]] = [
    # "jaarbudget", "subsidiebedrag": the compound names an amount too.
    ("amount", re.compile(r"\b(kosten|\w*budg?j?et|begroting|\w*bedrag|subsidie|financiering|opbrengst|euro|eur|funding|costs?|"
                          r"revenue)\b", re.I)),
    # "streefaantal internationale studenten", "maximumaantal leden", "streefgetal asielinstroom": the
    # compound names a count too.
    ("number", re.compile(r"\b(\w*aantal|\w*getal|hoogte|omvang|number)\b", re.I)),
    # "landen lid RegWatchEurope", "lidstaten kopgroep": a terse question that opens with them lists them.
    ("countries", re.compile(r"^\s*(landen|lidstaten|eu-landen|countries|member states)\b", re.I)),
    ("parties", re.compile(r"^\s*(fracties|partijen)\b", re.I)),
    # "artikel bezoldiging leden ATR": which article (not "art. 34 CW termijn ...", "artikel I", which
    # name one, nor "Artikel over Hongarije in de Volkskrant?").
    ("article", re.compile(r"^\s*(artikel|art\.?|wetsartikel|article)\s+(?![\d.]|[IVXL]+\b|(?:over|in|uit|van|about|"
                           r"from|on|of)\b)", re.I)),
    ("date", re.compile(r"\b(termijn|periode)\b", re.I)),
    # "griffier procedurevergadering BZK", "voorzitter commissie Financiën": who holds the office.
    # "indiener motie Gaza Rafah", "Motie ingediend door?": who submitted it.
    ("person", re.compile(r"^\s*(griffier|voorzitter|rapporteur|woordvoerder|indieners?|initiatiefnemers?|ondertekenaars?)\b(?!')|"
                          r"\bingediend door\s*\??\s*$", re.I)),
    # "streefcijfer maximale asielinstroom per jaar?": a figure, when no list, date or office is asked.
    ("number", re.compile(r"\b\w*cijfers?\b", re.I)),
    # "tarief plasticheffing per kilo", "btw-tarief sport": a terse question that opens with a rate (not
    # "verlaging btw-tarief sport aangenomen?", which asks whether it was done).
    ("number", re.compile(r"^\s*[\w-]*tarie(f|ven)\b", re.I)),
]
_QUESTION_WORD = re.compile(
    r"\b(wat|welke?|wie|waar|waarom|waarvoor|waarmee|hoe|wanneer|wnr|what|which|who|where|why|how|when)\b", re.I)
_VERB_FIRST_SUBJECT = {"de", "het", "een", "er", "nl", "nederland", "men", "u", "ze", "zij", "hij", "dit", "dat",
                       "deze", "die", "het kabinet", "atr", "eu", "europa", "iedereen"}
_YES_NO_NL = re.compile(
    r"^\s*(is|zijn|was|waren|heeft|hebben|had|wordt|worden|werd|kan|kunnen|zal|zullen|wil|willen|moet|moeten|"
    r"mag|mogen|gaat|gaan|klopt|steunt|steunen|komt|komen|krijgt|krijgen|blijft|geldt|gelden|valt|ligt|staat|"
    r"beoordeelt|stemt|doet|neemt|maakt|vindt|heeft|bestaat|verhoogt|verlaagt|verandert|treedt|stuurt|"
    r"zet|spreekt|verwacht|ondersteunt|deelt|verzet|pleit|ziet|zien|blijven|hoort|weet|kent|geeft|geven|staan|past|"
    r"werden|zou|zouden|kon|konden|wilde|wilden|moest|moesten|mocht|mochten|kreeg|kregen|stond|stonden|ging|"
    r"gingen|bleef|bleven|lag|kwam|kwamen|zag|zagen|vond|vonden|gaf|gaven|stemde|stemden|hield|hielden|deed|deden|"
    r"steunde|steunden|ondersteunde|ondersteunden|deelde|deelden|pleitte|pleitten|sprak|spraken|stuurde|stuurden|"
    r"nam|maakte|maakten|wist|wisten|kende|kenden|gold|golden|viel|vielen|verzette|verzetten|bestond|"
    r"stelde|stelden|verwachtte|verwachtten|beoordeelde|beoordeelden|trad|traden|hoorde|hoorden|paste|pasten)\b|"
    r"\bklopt het\b|\bis het (zo|waar) dat\b|"
    # "vind" typed for "vindt", before its subject (not the request "vind de brief over stikstof").
    r"^\s*vind\s+(nl|nederland|ons land|(het )?kabinet|(de )?regering|je|jij|u|men|(de )?(minister|staatssecretaris|"
    r"commissie|ec|raad)|het ministerie)\b", re.I)
_YES_NO_EN = re.compile(
    r"^\s*(is|are|was|were|does|do|did|will|would|can|could|has|have|had|should|shall|may|must)\b|"
    r"\bis it (true|correct) that\b", re.I)
# "atr adviezen bindend ja/nee", "Ja/nee: is het ...?", in either language.
_YES_OR_NO = re.compile(r"\b(ja ?/ ?nee|ja of nee|ja nee|yes ?/ ?no|yes or no)\s*\??\s*$|^\s*(ja ?/ ?nee|yes ?/ ?no)\b", re.I)
# "Zou je kunnen nagaan wanneer ...?", "Can you tell me how many ...?": a request for the fact, no yes/no.
_ASKS_TO_FIND = re.compile(r"\b(nagaan|aangeven|zeggen|vertellen|uitzoeken|opzoeken|checken|tell( me| us)?|find out|"
                           r"let (me|us) know|say)\b.*?\b(wanneer|wnr|hoeveel|welke?|wie|waarom|hoe|wat|when|how|which|who|"
                           r"why|what)\b", re.I)

# A council (or other meeting) a question can name: canonical name -> the ways it is written.
COUNCILS: dict[str, list[str]] = {
    "JBZ-Raad": ["jbz-raad", "jbz raad", "jbz", "raad justitie en binnenlandse zaken", "justice and home affairs council", "jha council"],
    "Landbouw- en Visserijraad": ["landbouw- en visserijraad", "landbouw en visserijraad", "lv-raad", "landbouwraad",
                                  "agrifish", "agriculture and fisheries council", "visserijraad"],
    "Raad Buitenlandse Zaken": ["raad buitenlandse zaken", "rbz", "foreign affairs council"],
    "Raad Algemene Zaken": ["raad algemene zaken", "raz", "general affairs council"],
    "Ecofin-Raad": ["ecofin", "ecofin-raad", "raad economische en financiële zaken"],
    "Milieuraad": ["milieuraad", "environment council"],
    "Energieraad": ["energieraad", "energy council"],
    "Transportraad": ["transportraad", "vervoersraad", "transport council"],
    "Telecomraad": ["telecomraad", "telecom council"],
    "Concurrentievermogenraad": ["concurrentievermogenraad", "raad concurrentievermogen", "competitiveness council", "rvc"],
    "EPSCO-Raad": ["epsco", "epsco-raad", "raad werkgelegenheid en sociaal beleid"],
    "OJCS-Raad": ["ojcs", "ojcs-raad", "onderwijsraad", "education council"],
    "Gezondheidsraad (EU)": ["eu-gezondheidsraad", "health council"],
    "Europese Raad": ["europese raad", "european council", "eu-top", "eu top"],
}
COUNCIL_PATTERNS = {name: re.compile(r"\b(" + "|".join(re.escape(a) for a in aliases) + r")\b", re.I)
               for name, aliases in COUNCILS.items()}

# The EU's member states, Nederland among them, by Dutch and English name (Cyprus, Malta, Portugal
# and Finland are written the same in both), and other countries the letters name (China, Iran,
# Belarus and Venezuela too). In COUNTRIES the Dutch names come first (see _DUTCH_COUNTRIES).
_MEMBER_STATES_NL = (
    "België Bulgarije Cyprus Denemarken Duitsland Estland Finland Frankrijk Griekenland Hongarije Ierland Italië "
    "Kroatië Letland Litouwen Luxemburg Malta Nederland Oostenrijk Polen Portugal Roemenië Slovenië Slowakije "
    "Spanje Tsjechië Zweden").split()
_MEMBER_STATES_EN = (
    "Belgium Bulgaria Denmark Germany Estonia France Greece Hungary Ireland Italy Croatia Latvia Lithuania Luxembourg "
    "Netherlands Austria Poland Romania Slovenia Slovakia Spain Czechia Sweden").split()
MEMBER_STATES = _MEMBER_STATES_NL + _MEMBER_STATES_EN
COUNTRIES = _MEMBER_STATES_NL + (
    "Noorwegen Zwitserland IJsland Oekraïne Rusland Turkije Marokko Tunesië Libië Egypte Jordanië Libanon Syrië "
    "Irak Afghanistan Albanië Servië Moldavië Georgië Israël China Iran Belarus Armenië Venezuela").split() + [
    "Verenigde Arabische Emiraten", "Arabische Emiraten", "Caymaneilanden", "Verenigde Staten", "Verenigd Koninkrijk"] + \
    _MEMBER_STATES_EN + (
    "Norway Switzerland Iceland Ukraine Russia Turkey Morocco Tunisia Libya Egypt Jordan Lebanon Syria Iraq Israel "
    "Armenia").split() + ["United Arab Emirates", "Cayman Islands", "United States", "United Kingdom"]
# The codes staff type for them ("standpunt HU", "DE en FR steunen"), read in capitals only.
MEMBER_STATE_CODES = dict(pair.split(":") for pair in (
    "BE:België BG:Bulgarije CY:Cyprus DK:Denemarken DE:Duitsland EE:Estland FI:Finland FR:Frankrijk EL:Griekenland "
    "GR:Griekenland HU:Hongarije IE:Ierland IT:Italië HR:Kroatië LV:Letland LT:Litouwen LU:Luxemburg MT:Malta "
    "AT:Oostenrijk PL:Polen PT:Portugal RO:Roemenië SI:Slovenië SK:Slowakije ES:Spanje CZ:Tsjechië SE:Zweden").split())
_COUNTRY_RE = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")
# The parties in the Tweede Kamer, lower-case; a letter writes them in capitals ("VVD", "GroenLinks").
PARTIES = ("vvd", "pvv", "nsc", "bbb", "cda", "d66", "gl", "groenlinks", "pvda", "sp", "sgp", "christenunie", "cu", "pvdd",
           "denk", "ja21", "fvd", "volt", "50plus", "bij1")
_PARTY_RE = re.compile(r"(?<![\w-])(" + "|".join(PARTIES) + r")(?![\w])", re.I)

_DATE_RE = re.compile(
    rf"\b\d{{1,2}} ({_MONTH})\b|\b({_MONTH})( \d{{4}}|,? \d{{4}})\b|\b({_MONTH}) (jl|a\.s|aanstaande|dit jaar)\b|"
    rf"\b(19|20)\d\d\b|\bQ[1-4]\b|\b(eerste|tweede|derde|vierde|1e|2e|3e|4e) kwartaal\b|\bkwartaal\b|"
    rf"\b(dit|volgend|komend|vorig) jaar\b|\b(voorjaar|najaar|zomer|winter|eind|begin|medio) (van )?(dit jaar|\d{{4}})\b|"
    rf"\b\d{{1,2}}[-/]\d{{1,2}}[-/]\d{{2,4}}\b|\b(maandag|dinsdag|woensdag|donderdag|vrijdag)\b", re.I)
# A decision list names each letter it handles by type, sender and date ("Zaak: Brief regering -
# minister van Financiën, J.R.V.A. Dijsselbloem - 10 oktober 2016 Toekomst SNS Bank"): that
# date is the letter's, no answer to when the round table or the briefing is.
_LETTER_DATE = re.compile(rf"(?<= - )\d{{1,2}} ({_MONTH})( \d{{4}})?(?= [A-Z(]| [-–]|\s*$)")
_ABOUT_A_LETTER = re.compile(r"\b(\w*(brief|brieven|notitie|nota|fiche|stuk|stukken|rapport|rapportage|antwoorden|verslag)|"
                             r"letters?|verzoek|petitie|request|report)\b", re.I)
_MONEY_RE = re.compile(
    r"€\s?\d|\b\d[\d.,]*\s?(euro|eur|mln|miljoen|miljard|mld|bn|million|billion|k€)\b|\beuro\b.*\d|\bEUR\b", re.I)
_PERCENT_FIGURE = re.compile(r"\b(\d[\d.,]*|" + "|".join(NUMBER_WORDS[1:]) + r")\s?(%|procent\b|percent\b|procentpunt\w*)", re.I)
# A sentence that tells a change ("is gestegen met 13%", "een daling van 25%"): its share is of the change.
_CHANGE_TOLD = re.compile(
    r"\b(gedaald|gestegen|gegroeid|toegenomen|afgenomen|verminderd|verhoogd|verlaagd|daling|stijging|groei|toename|"
    r"afname|daalt|daalde|stijgt|steeg|groeit|groeide|rose|fell|increased|decreased|grew|declined)\b", re.I)
_CHANGE_ASKED = re.compile(
    r"\bhoeveel (meer|minder)\b|\bhow (many|much) (more|fewer|less)\b|"
    r"\b(gedaald|gestegen|gegroeid|toegenomen|afgenomen|verminderd|verhoogd|verlaagd|gekrompen|daling|stijging|groei|daalde|steeg|"
    r"toename|afname|fell|fallen|rose|risen|increased|decreased|dropped|grown|grew|declined|shrunk)\b", re.I)
_PERCENT_RE = re.compile(r"\d\s?%|\bprocent\b|\bpercent\b|\bprocentpunt", re.I)
# A share asked for by name ("welk percentage", "By what percentage"): in a sentence the word alone gives none.
_PERCENT_ASKED = re.compile(_PERCENT_RE.pattern + r"|\bpercentages?\b", re.I)
_NUMBER_RE = re.compile(r"(?<![\w.])\d[\d.,]*\b|\b(" + "|".join(NUMBER_WORDS[1:]) + r")\b", re.I)
_YEAR_RE = re.compile(r"^(19|20)\d\d$")
_SMALL_NUMBER = r"(\d+|een|één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|honderd|one|two|three|four|five|ten|hundred)"
# A share written out: "de helft", "twee derde", "een kwart", "één op de zeven", "one in five".
_SHARE_IN_WORDS = re.compile(
    rf"\b(helft|half)\b|\b(een|één|eén|twee|drie|vier|one|two|three) (derde|vierde|vijfde|kwart|thirds?|quarters?|fifths?)\b|"
    rf"\b{_SMALL_NUMBER} (op de|in|out of) {_SMALL_NUMBER}\b", re.I)
_MONTH_ABBR = "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
# Numbers that count nothing: the day of a date ("op 26 maart", "5-6 maart", "8 en 9 dec."),
# "ten" (Dutch "ten minste", "ten aanzien"), the ordinal "derde" ("derde landen") and the
# number of an item in a list ("2. nationale koppen ... schrappen", "5. Vereenvoudigen") and
# a reference number ("DGBI-O / 89581779": a count that large is written 1.200.000).
_NOT_A_COUNT = re.compile(
    rf"\b\d{{1,2}}(\s*[-–]\s*\d{{1,2}}|\s+en\s+\d{{1,2}})?\s+({_MONTH}|(?:{_MONTH_ABBR})\b\.?)|"
    r"\b\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b|\bten\b|\bderde\b|\b\d{7,}\b|"
    # A dossier's number: "33532-64", "21501-07-1398".
    r"\b\d{5}(?:-[A-Z]{0,3}\d{1,4})+\b|(?:^|(?<=[\s:;•]))\d{1,2}[.)]\s+(?=[a-zA-Zà-ÿ])|"
    # A footnote's number before its text: "31 Leidraad voor de Werkgroep ...", "9 Wet van 3 juli 1996".
    r"^\d{1,3}\s+(?=(?:Kamerstukken|Kamerstuk|Zie|Wet|Toelichting|Leidraad|Verordening|Richtlijn|Besluit|Brief|"
    r"Kamerbrief|Stb|Staatsblad|Staatscourant|Stcrt|Handelingen|Rapport|Advies|Motie|Artikel|Idem|Ibid|Voorgesteld|"
    r"See|Cf|https?|www)\b)", re.I)
# A number that labels a thing rather than counts ("artikel 79", "actie 11 van het actieplan", "fase 2").
_ARTICLE_NUMBER = re.compile(r"\b(artikel|art\.|lid|onderdeel|nr\.|nummer|kamerstuk|kamerstukken|bijlage|pagina|p\.|"
                             r"actie|maatregel|aanbeveling|hoofdstuk|paragraaf|punt|stap|fase|categorie|pijler|agendapunt|"
                             r"tabel|figuur|action|measure|recommendation|chapter|section|step|phase|annex|table|figure)"
                             r"\s*\d[\w.]*", re.I)
# An article, written out: "artikel 79", "art. 218 VWEU", "Article 5(1)", "artikelen 5 en 6".
_ARTICLE_RE = re.compile(r"\b(artikel(?:en)?|art\.|articles?)\s*(\d+[a-z]?)", re.I)
_PERSON_RE = re.compile(
    r"\b[A-Z]\.(?:\s?[A-Z][a-z]?\.)*\s?(?:(?:van|de|der|den|ter|ten|te|in 't|van der|van den)\s)*[A-Z][a-zà-ÿ]+|"
    r"\b(?:mr|dr|drs|prof|ir|ing)\.\s?[A-Z]|"
    # A motion's signers, after its closing formula: "... en gaat over tot de orde van de dag.\nCeder".
    r"(?<=orde van de dag\.)\s*(?:(?:van|der|den|de|ter|ten|te)\s)*[A-Z][a-zà-ÿ]+(?:(?:,\s|\sen\s|\s)(?:(?:van|der|den|de|ter|ten|te)\s)*[A-Z][a-zà-ÿ]+)*(?=\s*$)|"
    # A decision list's "surname initials": "Brenninkmeijer A.F.M.", "Bijleveld-Schouten A.Th.B.".
    r"\b[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?\s(?!N\.V\.|B\.V\.|V\.O\.F\.|C\.V\.)[A-Z][a-z]?\.(?:\s?[A-Z][a-z]?\.)+|\b(?:de heer|mevrouw|mevr\.|dhr\.|Mr\.|Ms\.|Mrs\.)\s[A-Z]|"
    r"\b(?:Eurocommissaris|commissaris|minister|staatssecretaris|voorzitter|premier|president|gezant)\s[A-Z][a-zà-ÿ]+(?:\s[A-Z][a-zà-ÿ]+)?\b|"
    # A full name without initials, as the person's office or party follows it: "Dennis Botman, de
    # nieuwe hoge vertegenwoordiger van het IMF", "Aukje de Vries (VVD)".
    r"\b[A-Z][a-zà-ÿ]+(?:\s(?:van|de|der|den|ter|ten)){0,2}\s[A-Z][a-zà-ÿ]+(?=,\s(?:de|het|die)\s(?:[\w-]+\s){0,3}?"
    r"(?:[\w-]*co[oö]rdinator|voorzitter|minister|staatssecretaris|commissaris|gezant|directeur|griffier|rapporteur|"
    r"ambassadeur|president|premier|woordvoerder|secretaris|vertegenwoordiger|hoofd|leider)\b|"
    r"\s\((?:VVD|PVV|NSC|BBB|CDA|D66|GL|GroenLinks|PvdA|SP|SGP|CU|ChristenUnie|PvdD|DENK|JA21|FvD|Volt|50PLUS|BIJ1)\))")


@dataclass
class Question:
    """What :func:`analyse` makes of a question.

    Attributes:
        text: The question as asked.
        language: ``nl`` or ``en``.
        answer_type: ``date``, ``amount``, ``number``, ``countries``, ``parties``, ``person``,
            ``article`` (a legal basis), ``reference`` (a parliamentary paper's number), ``reason``,
            ``position``, ``yes_no`` or ``other``.
        yes_no: Whether it asks for a yes or a no (it may still ask for a type of fact).
        numbers: Numbers written in the question (they are no answer to it).
        councils: Canonical names of councils the question names.
        months: ``(month, year)`` pairs the question names (year may be None).
        counted: For a count ("hoeveel Brusselse voorstellen", "how many homes"): the
            words naming what is counted, as asked (empty when it is a unit or unnamed).
        status: For a yes/no question whether something was decided or done ("Is de motie
            al aangenomen?", "Has NL ratified ...?"), and for a date or count of such an act
            ("wanneer is de wet aangenomen", "how many countries ratified"): the kinds of
            act asked about (keys of :data:`STATUS_ACTS`).
        actors: For such an act, who the question says did it: parliaments and the
            Netherlands ("door de EK aangenomen", "Has the Senate passed": keys of
            :data:`ACTORS`), or else another country by its Dutch name ("Has France signed").
        places: The countries other than the Netherlands the question names (Dutch names): a
            figure of another country does not answer it.
        in_the_end: For a yes/no question what happened in the end ("is er uiteindelijk een debat
            gekomen", "Did the Council actually adopt ..."): the word after the marker ("debat"),
            "" when it is a verb or English; None for any other question.
        outcome: For a question what came of something ("uitkomst werklunch", "Wat bleek uit
            het onderzoek?"): the word for that thing as asked ("werklunch", "onderzoek"), ""
            when it names none ("What was the outcome?"); None for any other question.
        day: The first real day the question names in full ("op 6 februari 2025", "on
            2025-02-06"), as an ISO date (:func:`asked_day`); None when it names none.
    """

    text: str
    language: str
    answer_type: str
    yes_no: bool = False
    numbers: set[str] = field(default_factory=set)
    councils: list[str] = field(default_factory=list)
    months: list[tuple[int, int | None]] = field(default_factory=list)
    counted: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    outcome: str | None = None
    places: set[str] = field(default_factory=set)
    in_the_end: str | None = None
    # As typed, when ``text`` reads a typo of a key word as the word (:func:`respell`).
    typed: str | None = None
    day: str | None = None

    @property
    def asked(self) -> str:
        """The question as it was typed."""
        return self.typed or self.text

    @property
    def checkable(self) -> bool:
        """Whether :func:`has_fact` can tell a sentence that answers it from one that does not."""
        return self.answer_type in FACT_CHECKS or bool(self.yes_no and self.claim_kinds)

    @property
    def claim_kinds(self) -> list[str]:
        """For yes/no questions: the kinds of figure the claim states (an answer must state one too)."""
        kinds = []
        if _MONEY_RE.search(self.text):
            kinds.append("amount")
        elif _PERCENT_RE.search(self.text):
            kinds.append("percent")
        return kinds


def _is_yes_no(text: str, language: str) -> bool:
    if _YES_OR_NO.search(text):
        return True
    if _ASKS_TO_FIND.search(text):
        return False
    if (_YES_NO_EN if language == "en" else _YES_NO_NL).search(text):
        return True
    # "Ziet de regering ...?", "Blijft NL ...?": a finite verb first, then its subject.
    words = text.lower().split()
    return (language == "nl" and text.endswith("?") and len(words) > 2 and re.fullmatch(r"[a-z]+(t|en)", words[0]) is not None
            and words[1] in _VERB_FIRST_SUBJECT and not _QUESTION_WORD.match(words[0])
            # "budget ATR 2025?" asks the amount ("Kosten de maatregelen meer?" is still a verb first)
            and not (words[1] not in ("de", "het", "een") and any(p.fullmatch(words[0]) for _, p in _WEAK_TYPES)))


# A terse question that ends in the act's participle: "motie Ceder aangenomen?", "wet al gestemd?"
# (not "Publicaties ATR 2025?", nor "Motie ingediend door?", which asks who).
_TERSE_ACT = re.compile(r"\b(ge|aan|in|onder|ver|toe|be|over|goed)\w+(d|t|en)\s*\?\s*$|\b\w+ed\s*\?\s*$", re.I)
# Or, without a question mark, a participle after the first word: "motie Ceder Gaza aangenomen
# stemmingsuitslag", "Instellingswet ATR aangenomen Tweede Kamer" (not "aangenomen moties ATR").
_OVERVIEW = re.compile(r"\s*(overzicht|uitvoering|stand|voortgang|verzamelbrief|lijst|list|overview|status)\b", re.I)
# "aangenomen moties", "ingediende amendementen": the participle describes what is asked for.
_BEFORE_A_NOUN = re.compile(r"\s+(moties?|amendementen?|wetten|wetsvoorstellen|voorstellen|toezeggingen|besluiten|"
                            r"verdragen|motions?|bills|amendments)\b", re.I)
_TERSE_ACT_INSIDE = re.compile(r"(?<=\w)\s+((?:ge|aan|in|onder|ver|toe|be|over|goed)\w+(?:d|t|en))\b", re.I)


def _terse_act(text: str) -> bool:
    """Is ``text`` a terse question whether an act was done: no question word, few words, the act's participle?"""
    if _QUESTION_WORD.search(text) or len(text.split()) > 8:
        return False
    if _TERSE_ACT.search(text):
        return bool(_status_asked(text))
    if "?" in text or _OVERVIEW.match(text):
        return False  # "overzicht aangenomen moties Gaza" asks for a list
    return any(_status_asked(m.group(1)) and not _BEFORE_A_NOUN.match(text, m.end())
               for m in _TERSE_ACT_INSIDE.finditer(text))


# Before "akkoord" as someone's agreeing, not the agreement itself ("het akkoord met Turkije").
_NOT_THE_AGREEMENT = r"(?<!\bhet )(?<!\been )(?<!\bdit )(?<!\bdat )"
# Agreed or come about in the end, in a longer terse question: "CTIVD akkoord met verzoek commissie
# om onderzoek naar handelen inlichtingendiensten?", "debat uiteindelijk gepland na ontvangst brief?".
_AGREED = re.compile(_NOT_THE_AGREEMENT + r"(?<!\bthe )\bakkoord(?!\s+(?-i:[A-Z])|\s+\w+-)\b|"
                     r"\b(ingestemd|goedgekeurd|doorgegaan)\b", re.I)


def _terse_yes_no(text: str) -> bool:
    """Is ``text`` a terse question, with a question mark and no question word, whether something was
    agreed, came about in the end, or an act was done ("ratificatie verdrag ... door NL al afgerond?")?
    (A short one that ends in the act is :func:`_terse_act`'s.)"""
    return (text.rstrip().endswith("?") and not _QUESTION_WORD.search(text) and len(text.split()) <= 16
            and (_AGREED.search(text) is not None or _IN_THE_END.search(text) is not None
                 # the act, asked as done ("al afgerond?") or by its participle; not "Publicaties ATR 2025?"
                 or (bool(_status_asked(text)) and (_DONE_ASKED.search(text) is not None or any(
                     _status_asked(m.group(1)) for m in _TERSE_ACT_INSIDE.finditer(text))))))


# A year as the time of the figure asked: "in 2025", "per 2024", "voor 2025", or the last word of a
# terse question ("aantal fte ATR 2025"). Not the start of a span ("sinds 2024", "vanaf 2023"), the
# name of a law or document ("Vreemdelingenwet 2000", "regeerprogramma 2024", "the 2024 programme")
# nor a count ("2000 extra opvangplekken").
_YEAR = r"(?:19[5-9]|20[0-4])\d"
_ASKED_YEAR = re.compile(rf"\b(?:in|per|over|voor|for|during|jaar|year)\s+({_YEAR})\b(?!\s*[-–/]\s*\d)|\b({_YEAR})\s*\??\s*$",
                         re.I)
_DOCUMENT_YEAR = re.compile(r"(?:programma|programme|verslag|rapport|report|brief|nota|fiche|akkoord|agreement|agenda|plan|"
                            r"letter|evaluatie|evaluation|wet|besluit|verordening|richtlijn|act|law)\b(?:\s+[\w-]+){0,2}?"
                            r"\s+(?:van\s+)?$|\b(?:the|sinds|vanaf|tot|na|since|from|after|until)\s+$", re.I)
# A year a letter's sentence dates something to: after a word of time or a month ("in 2018", "tot
# 2023", "9 april 2026"), not a count ("1995 aanvragen") nor the date of a letter it cites.
_TOLD_YEAR = re.compile(rf"\b(?:in|per|over|sinds|vanaf|tot|t/m|en|of|van|naar|jaar|eind|begin|medio|voorjaar|najaar|zomer|"
                        rf"winter|{_MONTH})\s+({_YEAR})\b", re.I)
_CITED_LETTER = re.compile(r"\b(?:brief|kamerbrief|letter|nota)\s+(?:van|of)\s+(?:\d{1,2}\s+)?\w*\s*$", re.I)


# A year a figure is compared with: "fors hoger dan in 2024 (+64%)", "ten opzichte van 2024 een daling
# van 25%", "2025 vs 2024". Not "dan" for "then" ("het budget bedraagt dan in 2027"): a comparative before it.
_COMPARED_YEAR = re.compile(rf"(?:\b(?:\w+er|meer|minder|anders)\s+dan|\bthan|\bten opzichte van|\bt\.o\.v\.|"
                            rf"\bvergeleken met|\bin vergelijking met|\bcompared (?:with|to)|\bvs\.?|\bversus)\s+"
                            rf"(?:(?:in|het jaar|the year)\s+)?({_YEAR})\b", re.I)


def asked_years(text: str) -> set[str]:
    """The years ``text`` asks a figure for, not those of a document it names.

    Example:
        >>> sorted(asked_years("Aantal fte ATR in 2025 volgens werkprogramma 2025?"))
        ['2025']
        >>> asked_years("budget volgens regeerprogramma 2024"), asked_years("Hoeveel migranten sinds 2024?")
        (set(), set())
        >>> asked_years("Hoeveel is het aantal gedaald ten opzichte van 2024?")
        set()
        >>> [sorted(asked_years(q)) for q in ("rise in 2024 compared with 2023?", "aankomsten in 2025 vs 2024",
        ...                                   "Hoeveel fte heeft het ATR dan in 2026?")]
        [['2024'], ['2025'], ['2026']]
    """
    years = set()
    compared = {m.start(1) for m in _COMPARED_YEAR.finditer(text)}
    for m in _ASKED_YEAR.finditer(text):
        if m.start(m.lastindex) in compared:
            continue  # "gedaald ten opzichte van 2024?": the year compared with, not the one asked
        if m.group(1):
            years.add(m.group(1))
        elif not _DOCUMENT_YEAR.search(text[:m.start(2)]):
            years.add(m.group(2))
    return years


def dated_otherwise(sentence: str, years: set[str]) -> bool:
    """Does ``sentence`` date what it says to years, none of them one of ``years``? ("11 fte in 2018
    naar 17 fte in 2023" is no figure for 2025; an undated figure is not dated otherwise.) A year
    the figure is compared with dates it otherwise: "hoger dan in 2024 (+64%)" is no figure for 2024.

    Example:
        >>> dated_otherwise("Het totaal aantal lag fors hoger dan in 2024 (+64%).", {"2024"})
        True
        >>> dated_otherwise("Het totaal aantal lag fors hoger dan in 2024 (+64%).", {"2025"})
        False
        >>> dated_otherwise("Het budget bedraagt dan in 2027 EUR 3 miljoen.", {"2027"})
        False
    """
    compared_at = {m.start(1): m.group(1) for m in _COMPARED_YEAR.finditer(sentence)}
    named = {m.group(1) for m in _TOLD_YEAR.finditer(sentence)
             if m.start(1) not in compared_at and not _CITED_LETTER.search(sentence[:m.start(1)][-60:])}
    compared = set(compared_at.values())
    if named:
        return not named & years
    return bool(compared & years)


# The words a Dutch question is read by: who takes a side, and which country. A typo of one
# ("regeering", "kabniet", "Libannon", "Oekraine") would leave the Dutch position or the place
# asked unread. A country only by its letters (accents and doubled letters aside): one edit from
# a country's name is often another word ("zweren", "spande").
_ACTOR_WORDS = ("regering", "kabinet", "nederland", "nederlandse", "minister", "staatssecretaris", "ministerie")
_DUTCH_COUNTRIES = [c for c in COUNTRIES[:COUNTRIES.index("Belgium")] if c != "Nederland"]  # the Dutch names come first
_LONG_WORD = re.compile(r"(?<![\w-])[^\W\d_]{6,}(?![\w-])")


def strip_accents(text: str) -> str:
    """``text`` without its accents ("Oekraïne" -> "Oekraine"), as staff often type it.

    Example:
        >>> strip_accents("geïnformeerd, Oekraïne")
        'geinformeerd, Oekraine'
    """
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _letters(word: str) -> str:
    """``word`` in lower case without accents and with doubled letters single: "Libannon" -> "libanon"."""
    return re.sub(r"(.)\1", r"\1", strip_accents(word.lower()))


_COUNTRY_BY_LETTERS = {_letters(c): c for c in _DUTCH_COUNTRIES}


def respell(text: str, reads_as: Callable[[str, str], bool]) -> str:
    """``text`` with a typo of a key word written as that word: one edit from exactly one of
    :data:`_ACTOR_WORDS`, or a country's name but for accents and doubled letters; each only when
    ``reads_as(typed, key)`` allows it (the letters do not know the typed word, or stem both alike).
    Words under six letters are left, and so are English questions (the letters are Dutch).

    Example:
        >>> respell("Deelt de regeering de mening van het CDA?", lambda typed, key: True)
        'Deelt de regering de mening van het CDA?'
        >>> respell("Hoeveel migranten kwamen vanuit Libannon?", lambda typed, key: True)
        'Hoeveel migranten kwamen vanuit Libanon?'
        >>> respell("Wat regelt de regeling?", lambda typed, key: typed != "regeling")  # a word of its own
        'Wat regelt de regeling?'
        >>> respell("Moeten rechters een eed zweren?", lambda typed, key: True)  # no country
        'Moeten rechters een eed zweren?'
    """
    text = unicodedata.normalize("NFC", text)
    if detect_language(text) != "nl":
        return text

    def fix(m: re.Match) -> str:
        word = m.group(0)
        lower = word.lower()
        if lower in _ACTOR_WORDS or word in _DUTCH_COUNTRIES:
            return word
        country = _COUNTRY_BY_LETTERS.get(_letters(word))
        # One the start of the other is a word made from it ("ministers", "Nederlands"), no typo.
        near = {key for key in _ACTOR_WORDS if abs(len(key) - len(lower)) <= 1 and OSA.distance(lower, key) == 1
                and not (lower.startswith(key) or key.startswith(lower))}
        key = country or (near.pop() if len(near) == 1 else None)
        if key is None or not reads_as(lower, key.lower()):
            return word
        return key[0].upper() + key[1:] if word[0].isupper() else key

    return _LONG_WORD.sub(fix, text)


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", m.group(0)).lower() for m in _NUMBER_RE.finditer(text)}


def analyse(question: str, reads_as: Callable[[str, str], bool] | None = None) -> Question:
    """Read what a question asks for.

    Args:
        question: As typed.
        reads_as: Given, a typo of a word the question is read by ("regeering") is read as that
            word where ``reads_as(typed, word)`` allows it (:func:`respell`).

    Example:
        >>> analyse("Klopt het dat NL zijn bijdrage aan EuroPris verhoogt?").answer_type
        'yes_no'
        >>> analyse("Which Member States oppose the general approach?").answer_type
        'countries'
    """
    typed = question.strip()
    text = respell(typed, reads_as) if reads_as is not None else typed
    language = detect_language(text)
    yes_no = _is_yes_no(text, language)
    answer_type = "yes_no" if yes_no else "other"
    terse = False  # a yes/no question without a verb first
    if not yes_no:
        weak = [] if _QUESTION_WORD.search(text) else _WEAK_TYPES
        answer_type = "reference" if asks_reference(text) else \
            next((name for name, pattern in _STRONG_TYPES + weak if pattern.search(text)), "other")
        if answer_type == "other" and (_terse_act(text) or _terse_yes_no(text)):
            answer_type, yes_no = "yes_no", True  # terse: "motie Ceder Gaza aangenomen?", "wet al gestemd?"
            terse = True
    councils = [name for name, pattern in COUNCIL_PATTERNS.items() if pattern.search(text)]
    months = named_months(text)
    counted = _counted(text, language) if answer_type == "number" else []
    status: list[str] = []
    if yes_no or (text.endswith("?") and not _QUESTION_WORD.search(text)):  # also a terse "motie ceder aangenomen?"
        status = _status_asked(text)
        if _SOMEONE_AGREED.search(text) and "instemmen" not in status:
            status.append("instemmen")
    elif answer_type in ("date", "number", "countries", "parties"):
        # The act of the main clause: not "Tot wanneer loopt het ATR nu de wet niet op tijd is aangenomen?"
        status = _status_asked(_SIDE_CLAUSE.split(text, maxsplit=1)[0])
    if not yes_no:
        # Whether a thing is finished is asked as yes or no ("per wanneer moet het afgerond zijn" asks a
        # deadline); a date of entry into force is told as often without the act's words ("het Pact
        # gaat in juni in") as with them: both keep the plain check of their type.
        status = [act for act in status if act not in _ASKED_ONLY_YES_NO]
    actors = [name for name, pattern in ACTORS.items() if pattern.search(text)] if status else []
    if status and not actors:
        actors = [name for name, pattern in _COUNTRY_ASKED.items() if pattern.search(text)]
    outcome = None
    if answer_type == "other" and not yes_no:
        m = _outcome_asked(text)
        of = next((v for v in m.groupdict().values() if v), "") if m else ""
        if m and not _SOURCE.fullmatch(of):  # "Wat blijkt uit de brief?" asks what it says
            # A name is who found it ("de bevindingen van de Algemene Rekenkamer"), not what was done.
            outcome = "" if of[:1].isupper() and "-" not in of else of.lower()
    in_the_end = None
    happens = _WILL_IT_HAPPEN.search(text)
    if yes_no and (m := happens or (None if PLAN_ASKED.search(text) else _IN_THE_END.search(text))):
        # The word after the marker ("uiteindelijk een debat", "komt er een debat"), else the
        # subject's noun ("is het gesprek met Botman uiteindelijk doorgegaan"); not a participle
        # or a grammar word ("uiteindelijk afgesloten", "daadwerkelijk zo dat").
        subject = _SUBJECT.match(text)
        # A terse question has no verb first: its noun stands before the marker ("debat uiteindelijk gepland?").
        before = re.findall(r"[\wà-ÿ-]+", text[:m.start()].lower())[-2:][::-1] if terse and not subject else []
        groups = [[(m.group(1) or "").lower()], subject.group(1).lower().split() if subject else before]
        things = [w for words in groups for i, w in enumerate(words)
                  if _is_thing(w) and not (w.endswith("e") and i + 1 < len(words) and _is_thing(words[i + 1]))]
        in_the_end = things[0] if things and language == "nl" else ""
    return Question(text, language, answer_type, yes_no, _numbers(text), councils, months, counted, status, actors, outcome,
                    places(text), in_the_end, typed if text != typed else None, day=asked_day(text))


# A yes/no question whether something really happened or will: "Is er uiteindelijk een debat
# gekomen?", "Is er daadwerkelijk overeenstemming bereikt?", "Did the Council actually adopt ...?",
# "komt er een debat over de taser?" (typed "uiteindlijk" too).
_IN_THE_END = re.compile(r"\b(?:uitein\w{0,3}lijk|daadwerke?lijk|actually|eventually|ultimately|in the end|finally)\b"
                         r"(?:\s+(?:ook\s+)?(?:(?:een|de|het|the|a|an)\s+)?([\wà-ÿ-]+))?", re.I)
# Who says so and adverbs may stand before the thing: "Komt er vlgs het RP een Europawet?",
# "komt er nu echt een debat?".
_WILL_IT_HAPPEN = re.compile(r"^\s*(?:komt|kwam|komen|kwamen)\s+er\s+"
                             r"(?:(?:volgens|vlgs\.?|vlgns|volg\.|vlg\.?)\s+"
                             r"(?:[\wà-ÿ.-]+\s+){1,5}?(?=(?:een|de|het|nog|ook|nu)\s))?"
                             r"(?:(?:nu|dan|ook|nog|toch|wel|straks|echt|binnenkort|alsnog|eindelijk|snel|spoedig|weer|"
                             r"opnieuw|nou)\s+)*"
                             r"(?:(?:een|de|het)\s+)?([\wà-ÿ-]+)|"
                             r"\b(?:doorgaan|doorgegaan|doorgaat|doorging)\b()|"
                             # Asked of what happened or will, not what may or should: "Did Israel go ahead
                             # with ...?", "Is the summit going ahead?"; not "Can the Netherlands go ahead ...?".
                             r"^\s*(?:did|does|do|has|have|had|is|are|was|were|will)\b[^?]{0,80}?"
                             r"\b(?:go|goes|went|gone|going)\s+ahead\b()|\bgo-ahead\b()", re.I)
_SUBJECT = re.compile(r"^\s*(?:is|zijn|was|waren|heeft|hebben|wordt|werd|komt|kwam|gaat|ging)\s+(?:er\s+)?"
                      r"(?:(?:het|de|een)\s+)?((?:[\wà-ÿ-]+\s+){0,3})", re.I)
# Asked of a plan: a sentence of what will be answers it, one of what is yet to be weighed does not
# ("Gaat Nederland daadwerkelijk bijdragen?" by "Nederland zal bijdragen", not by "wordt bezien of").
PLAN_ASKED = re.compile(r"\b(zal|zullen|gaat|gaan|komt|komen|will|shall|going to|van plan|plans?)\b", re.I)
# What a meeting decided or how it went, asked in the past with the meeting as its subject: "wat
# heeft de JBZ-Raad op 5 maart besloten over ...", "Welke besluiten zijn er op de JBZ-Raad van maart
# genomen?", "What did the March JHA Council decide ...?", "Hoe is de JBZ-Raad verlopen?". Not what
# will be ("Wat wordt er besloten"), nor someone else's act named beside it ("Heeft Nederland besloten om
# op de JBZ-Raad ...", "Welk initiatief heeft de Commissie genomen voor de JBZ-Raad", "... het besluit dat
# in december is genomen").
_COUNCIL_WORD = r"(?:[\w-]*raad|council|jbz|jha)"
_WAS_DECIDED = re.compile(
    r"\b(?:heeft|hebben|had|hadden|is|zijn|was|waren)\s+(?:(?!dat\b|die\b)[\wà-ÿ-]+\s+){0,6}?" + _COUNCIL_WORD
    + r"\b(?:\s+(?!dat\b|die\b|om\b)[\wà-ÿ-]+){0,6}?\s+(?:besloten|beslist|afgesproken|overeengekomen|vastgesteld|"
    r"aangenomen|bereikt|genomen|verlopen)\b|"
    r"\b(?:did|has|have|had)\s+(?:[\w-]+\s+){0,5}?" + _COUNCIL_WORD + r"\b(?:\s+[\w-]+){0,6}?\s+(?:decide|decided|"
    r"agree|agreed|adopt|adopted|conclude|concluded|reach|reached|go)\b|"
    r"\b(?:was|were)\s+(?:\w+\s+){0,3}?(?:decided|agreed|adopted|reached)\s+(?:at|by|in)\s+(?:[\w-]+\s+){0,4}?"
    + _COUNCIL_WORD + r"\b", re.I)


def asks_result(q: Question) -> bool:
    """Does ``q`` ask what came of something: its outcome, what happened in the end, or what
    was decided ("wat heeft de Raad besloten over ...", "Did the Council adopt ... in March?"),
    not what is planned?

    Example:
        >>> [asks_result(analyse(t)) for t in ("wat heeft de jbz raad op 5 maart besloten over europol",
        ...  "Did the Council actually adopt the general approach in March?", "Wat wordt er besloten over Europol?",
        ...  "Wat is de inzet van Nederland voor de JBZ-Raad van maart?",
        ...  "Heeft Nederland besloten om op de JBZ-Raad van maart in te stemmen?")]
        [True, True, False, False, False]
    """
    if _WAS_DECIDED.search(q.text):
        return True  # "What did the Council decide on the Commission's plans?": past, whatever it is about
    return not PLAN_ASKED.search(q.text) and (q.outcome is not None or q.in_the_end is not None)


# Still to be weighed: "wordt bezien of", "zal met de voorzitter van de CTIVD bespreken of".
_WEIGHING = r"(?:bezien|bekeken|overwogen|nagegaan|afgewogen|beoordeeld|onderzocht|verkend)"
# "of" that opens what is weighed, not "or" ("wat onderzocht wordt of al is besloten").
_WHETHER = r"\s+(?:(?!(?:en|maar|of)\b)[\wà-ÿ-]+\s+){0,3}?of\b(?!\s+(?:al|reeds|niet)\b)"
_WEIGHED = re.compile(r"\b(?:wordt|worden|zal worden|zullen worden)\s+(?:nog\s+)?" + _WEIGHING + _WHETHER + r"|\bwhether\b|"
                      # The participle first: "Bezien wordt of een wettelijk recht ... geïntroduceerd moet worden."
                      r"\b" + _WEIGHING + r"\s+(?:wordt|worden)" + _WHETHER + r"|"
                      r"\b(?:zal|zullen)\s+(?:(?!(?:en|maar|of)\b)[\wà-ÿ-]+\s+){0,10}?(?:bespreken|bekijken|nagaan|onderzoeken|bezien|"
                      r"verkennen|afwegen|beoordelen)\s+of\b", re.I)
# Said not to be decided yet: "dient de ministerraad nog te beslissen" (which answers "al besloten?" with no).
_NOT_YET_DECIDED = re.compile(r"\bnog\s+(?:niet\s+)?(?:besloten|beslist|bekend)\b|\bnog te beslissen\b", re.I)
# "..., waarbij wordt bezien of", "een prioriteit en wordt bezien of er extra stappen ...": weighed beside what is said.
_SIDE_OF = re.compile(r"(?:\b(?:waarbij|en|terwijl|daarnaast|ook)|,)\s*(?:(?:onder andere|nog|ook)\s+)?$", re.I)


def undecided(sentence: str) -> bool:
    """Does ``sentence`` leave the thing still to be weighed ("Na ontvangst brief wordt bezien of
    een debat gewenst is"), in its main clause (not "..., waarbij wordt bezien of ...")?"""
    return weighed(sentence) or _in_main_clause(_NOT_YET_DECIDED, sentence)


def weighed(sentence: str) -> bool:
    """Does ``sentence`` leave the thing still to be weighed, in its main clause ("wordt bezien of",
    "zal ... bespreken of"), rather than say it is not decided yet ("nog te beslissen")?"""
    return _in_main_clause(_WEIGHED, sentence)


# Which matter a thing is about ("Om welke kwestie ging het?", "What specific affair prompted ...?")
# is not told by a sentence that only points back to it: "een onderzoek naar het handelen van de
# inlichtingendiensten rondom deze kwestie" names none.
_MATTER = r"kwestie|kwesties|zaak|voorval|affaire|incident|incidenten|affair|matter|issue"
# Only a word of precision or a hyphened modifier may stand between ("What specific intelligence-service
# affair"): not "welke maatregelen na het incident", "What is the issue with".
_MATTER_ASKED = re.compile(rf"\b(?:welke?|which|what|om wat voor)(?:\s+(?:specifieke?|precieze?|concrete?|bewuste|"
                           rf"specific|exact|particular|precise|concrete|\w+-[\w-]+)){{0,2}}\s+(?:\w+-)?(?:{_MATTER})\b", re.I)
# Pointing back: after a preposition and a demonstrative ("rondom deze kwestie", "in this matter"); the
# subject "Deze kwestie betreft ..." goes on to name it, as a compound does ("de afluisterzaak").
_MATTER_TOLD = re.compile(rf"(\b(?:rondom|rond|omtrent|inzake|over|naar|in|bij|van|around|about|on|regarding|into)\s+"
                          rf"(?:deze|die|dit|dat|this|that)\s+)?(?:{_MATTER})\b", re.I)


def points_back_to_matter(question: Question, text: str) -> bool:
    """For a question which matter something is about: does ``text`` name the matter only by
    pointing back to it ("rondom deze kwestie")?

    Example:
        >>> q = analyse("Om welke kwestie ging het bij het gewenste CTIVD-onderzoek?")
        >>> points_back_to_matter(q, "een onderzoek naar het handelen van de diensten rondom deze kwestie")
        True
        >>> points_back_to_matter(q, "Deze kwestie betreft de afluisterzaak rond de ambassade.")
        False
    """
    if not _MATTER_ASKED.search(question.text):
        return False
    told = list(_MATTER_TOLD.finditer(text))
    return bool(told) and all(m.group(1) for m in told)


# A question about the weighing itself ("Gaat de voorzitter met de CTIVD bespreken of ...?"): the
# sentence that says it will be weighed answers it. The question's present forms beside _WEIGHED's future.
_WEIGHING_ASKED = re.compile(r"\b(?:bespreken|bespreekt|bezien|bekijken|bekijkt|nagaan|onderzoeken|onderzoekt|"
                             r"verkennen|afwegen|beoordelen|beoordeelt)\s+of\b|\bwhether\b", re.I)


def asks_weighing(question: str) -> bool:
    """Does ``question`` ask about the weighing itself ("... bespreken of ...?")?"""
    return _WEIGHING_ASKED.search(question) is not None


def _in_main_clause(pattern: re.Pattern, sentence: str) -> bool:
    m = pattern.search(sentence)
    return m is not None and not _SIDE_OF.search(sentence[:m.start()])
_PARTICIPLE = re.compile(r"(?:ge|aan|af|in|op|over|uit|door|toe|ver|be|ont|her|vast|mee|terug)\w*(?:d|t|en|aan)", re.I)
_NOT_A_THING = {"ook", "wel", "niet", "nog", "al", "door", "in", "op", "aan", "met", "bij", "voor", "over", "is", "zijn",
                "wordt", "worden", "heeft", "hebben", "zo", "als", "geen", "iets", "per", "er", "dan", "toch", "echt",
                "samen", "wel", "ooit", "nu", "inmiddels", "intussen", "het", "de", "een", "dat", "dit", "ons", "nederland",
                "nl", "kabinet", "minister", "regering", "kamer", "van", "naar", "met", "tot", "uit", "tegen", "om", "onder",
                "na", "sprake", "eigenlijk", "wellicht", "misschien", "toch", "zich", "hun", "zijn", "haar"}


def _is_thing(word: str) -> bool:
    """Could ``word`` name the thing asked about (not a grammar word, a participle)? An adjective
    in -e before its noun is left out where it is read."""
    return (len(word) > 2 and word not in _NOT_A_THING and not _PARTICIPLE.fullmatch(word)
            and not word.isdigit() and not _IN_THE_END.fullmatch(word))


# "uitkomst werklunch JBZ-Raad", "Wat bleek uit het CTIVD-onderzoek?", "What was the outcome of the
# lunch?": what came of something, with the word for it.
def _thing(group: str, lead: str = r"(?:\s+(?:van|of|uit|over|on|bij|voor))?") -> str:
    """The word for the thing an outcome is asked of, as the named group ``group``."""
    return lead + r"(?:\s+(?:de|het|die|dat|dit|deze|the|this|that))?\s+(?P<" + group + r">[\w-]+)"


# Asked for as the thing wanted (first, or after "wat was de"), not as something else's object
# ("Wat doet het kabinet met de uitkomst ...", "de verwachte uitkomst").
_OUTCOME_ASKED = (
    re.compile(r"(?:^\s*|\b(?:wat|welke|what)\s+(?:is|was|zijn|waren|are|were)\s+(?:er\s+)?(?:de|het|the)\s+"
               r"(?:(?:main|key|principal|major|most important|belangrijkste|voornaamste|centrale|belangrijke|"
               r"twee|drie|vier|vijf|two|three|four|five|\d+)\s+){0,2}|"
               r"\b(?:welke|which|what)\s+(?=(?:resultaten|uitkomsten|bevindingen|conclusies|results|outcomes|findings)\b))"
               r"(?:\w*uitkomst(?:en)?|\w*uitslag|(?:eind)?resultaat|resultaten|bevinding(?:en)?|conclusies?|"
               r"outcomes?|results?|findings?|conclusions?)\b(?:" + _thing("of") + ")?", re.I),
    # "What came out of ...", "What concrete agreements came out of the Housing Summit?"
    re.compile(r"\b(?:bleek|blijkt|gebleken|kwam|komt)\s+(?:er\s+)?uit" + _thing("of")
               + r"|\b(?:what|which)\s+(?:(?:[\w-]+\s+)?(?:agreements?|results?|conclusions?|decisions?|deals?)\s+)?"
                 r"(?:came|has come|have come) out of" + _thing("of2", "")
               + r"|\bwat heeft" + _thing("of3", "") + r"\b.*\bopgeleverd\b", re.I),
    # What someone concluded or decided, asked in the past: "What did the JHA Council conclude at the
    # working lunch?", "Wat concludeerde het onderzoek?". An agenda's "zal van gedachten wisselen" is no answer.
    # Not a wish or a plan ("What did the government want to achieve", "agree to send", "besloten te doen").
    # What an inquiry found, in any tense: "What did the IOB evaluation (2021), cited by the Council of
    # State, conclude?", "Wat concludeert de AR in het rapport ...?". What an adviser advises is asked of
    # the advice's content ("Wat adviseerde de Raad van State?"), which the quote gives as it is.
    re.compile(r"\b(?:what|which\s+\w+)\s+did\s+(?!(?:\S+\s+){0,14}?(?:want|wanted|wish|plan|intend|hope|try|need|have)"
               r"\s+to\b)(?:\S+\s+){1,14}?(?:(?:conclude|decide|agree|achieve|yield)\b(?!\s+to\b)|"
               # Found, not found important: "What did the Netherlands find important about Europol?"
               r"find(?=\s*(?:[?,.]|$|(?:about|on|regarding|concerning|in|when|that|out|with respect to)\b))\b)|"
               # What an inquiry finds, asked in the present: "What does the evaluation conclude?"
               r"\b(?:what|which\s+\w+)\s+(?:does|do)\s+(?:\S+\s+){1,14}?conclude\b|"
               r"\bwat\s+(?:heeft|hebben)\s+(?:(?!te\b)[\w-]+\s+){1,8}?"
               r"(?:besloten|geconcludeerd|afgesproken|bereikt|geconstateerd)\b(?!\s+te\b)|"
               r"\bwat\s+(?:concludeert|concludeerd|concluderen|concludeerde|concludeerden|constateert|constateren|"
               r"constateerde|constateerden|besloot|besloten)\b(?!\s+te\b)|"
               r"\b(?:welke|tot welke)\s+conclusies?\s+(?:trekt|trekken|trok|trokken|kwam|kwamen|komt|komen)\b", re.I))


def _outcome_asked(text: str) -> re.Match[str] | None:
    """Where ``text`` asks what came of something (the first of :data:`_OUTCOME_ASKED` to match), or None."""
    return next((m for m in (pattern.search(text) for pattern in _OUTCOME_ASKED) if m), None)


# A document is where it is said, not what came of something.
_SOURCE = re.compile(r"brief|brieven|nota|notitie|fiche|stuk|stukken|agenda|document|tekst|letter|kamerbrief|beslisnota",
                     re.I)
# A thing still to come or only wanted, as a letter written before it tells it: "Tijdens de
# werklunch zal de Raad van gedachten wisselen", "de commissie wacht informatie af", "behoefte
# aan een onderzoek". What came of it is not there.
PENDING = re.compile(r"\b(zal|zullen|naar verwachting|wordt verwacht|worden verwacht|"
                     r"(?:wacht|wachten|wachtte|wachtten)\b[^.]{0,60}?\baf|afwacht\w*|afgewacht|"
                     r"behoefte\s+(?:\w+\s+){0,2}aan|voornemen\w*|is van plan|will|shall|"
                     r"(?:wordt|worden)\s+(?:nog\s+)?(?:bezien|bekeken|overwogen)|(?:bezien|bekeken|overwogen)\s+(?:wordt|worden)|"
                     r"(?:is|are) expected|plans? to|intends? to|awaits?)\b", re.I)


# Acts whose having happened a yes/no question can ask about, each with the words that ask
# (a participle or verb, in Dutch or English) and the words or phrases a letter tells it with,
# either way or as still pending ("aangenomen", "verworpen", "aangehouden", "aan te nemen").
# A letter that has none of the latter does not say. Not "besloten": a decision is told as
# the policy itself ("we draaien de verhoging terug").
STATUS_ACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "aannemen": (("aangenomen", "aanneming", "verworpen", "vastgesteld", "adopted", "adopt", "rejected", "reject", "passed"),
                 ("aangenomen", "aanneemt", "aannemen", "aan te nemen", "aanvaard", "verworpen", "verwerpt", "verwerpen",
                  "goedgekeurd", "goedkeuring", "gestemd", "stemming", "ingestemd", "instemming", "vastgesteld",
                  "vast te stellen", "bekrachtigd", "bekrachtiging", "aangehouden", "meerderheid", "plenaire behandeling",
                  "voor behandeling", "in behandeling", "wordt behandeld", "akkoord bereikt", "oriëntatie bereikt",
                  "overeenstemming bereikt", "adopted", "adoption", "approved", "rejected", "voted")),
    "ondertekenen": (("ondertekend", "ondertekent", "ondertekenen", "getekend", "tekende", "tekenden", "signed", "sign"),
                     ("ondertekend", "ondertekent", "ondertekenen", "ondertekening", "ondertekende", "ondertekenden",
                      "te ondertekenen", "getekend", "tekende", "tekenden", "signed", "signature")),
    "ratificeren": (("geratificeerd", "ratificeert", "ratificeren", "ratificatie", "ratified", "ratify", "ratification"),
                    ("geratificeerd", "ratificeert", "ratificeren", "ratificatie", "bekrachtigd", "bekrachtiging",
                     "goedkeuring", "goedkeuringsprocedure", "goedkeuringswet", "ondertekend", "ratified", "ratification")),
    "terughalen": (("teruggehaald", "terughalen", "terug te halen", "gerepatrieerd", "repatriëren", "repatriated",
                    "repatriate"),
                   ("teruggehaald", "terughalen", "terug te halen", "gerepatrieerd", "repatriëren", "repatriëring",
                    "repatriated", "repatriation", "overgebracht", "overbrengen")),
    "instemmen": (("ingestemd", "goedgekeurd", "akkoord gegaan", "ja gezegd", "agreed", "agree", "approved", "approve",
                   "consented"),
                  ("ingestemd", "instemmen", "in te stemmen", "instemming", "stemt in", "stemde in", "akkoord gegaan",
                   "akkoord gegeven", "gaat akkoord", "ging akkoord", "gingen akkoord", "kan akkoord", "kunnen akkoord",
                   "ja gezegd", "consented",
                   "akkoord bereikt", "geen akkoord", "goedgekeurd", "goedkeuring", "afgewezen", "wijst af", "bereikt",
                   "vastgesteld", "aangenomen", "aanvaard", "bekrachtigd", "agreed", "approved", "adopted", "rejected")),
    "stemmen": (("gestemd", "stemming", "stemmingen", "voted", "vote"),
                ("gestemd", "stemming", "stemmingen", "stemmen", "stemde", "stemden", "verworpen", "voted", "vote")),
    "publiceren": (("gepubliceerd", "publiceert", "publiceren", "publicatie", "verschenen", "published", "publish",
                    "publication"),
                   ("gepubliceerd", "publiceert", "publiceren", "publiceerde", "publiceerden", "publicatie", "verschenen",
                    "verschijnt", "verscheen", "published", "publication")),
    "indienen": (("ingediend", "indient", "indienen", "submitted", "tabled"),
                 ("ingediend", "indient", "indienen", "indiening", "dient in", "diende in", "dienden in", "in te dienen",
                  "aangeboden dossiers", "aangeboden voorstellen",  # "aan het ATR aangeboden dossiers"
                  "wordt gestuurd", "worden gestuurd", "submitted", "tabled")),
    "versturen": (("gestuurd", "verstuurd", "verzonden", "toegestuurd", "verzending", "verzend", "sent"),
                  ("gestuurd", "verstuurd", "verzonden", "toegestuurd", "toegezonden", "stuurde", "stuurden", "zond",
                   "zonden", "te sturen", "aangeboden", "aanbieding", "verzending", "sent")),
    "toezeggen": (("toegezegd", "promised", "promise", "pledged", "pledge"),
                  ("toegezegd", "toezegging", "toezeggen", "zeg toe", "zegt toe", "ontvangt uw kamer", "zal uw kamer",
                   "promised", "pledged")),
    "in werking treden": (("in werking", "inwerkingtreding", "van kracht", "into force", "in force",
                           "take effect", "took effect", "taken effect"),
                          ("in werking", "inwerkingtreding", "inwerkingtredingsdatum", "van kracht",
                           "van toepassing worden", "into force", "in force", "take effect", "takes effect",
                           "took effect", "apply from", "applies from")),
    # An agreement concluded (asked only with its noun, :data:`_ASKED_ONLY_WITH`): "Heeft de EU al een
    # terugname-overeenkomst met Libanon afgesloten?". Not "sluit" ("sluit aan bij", "sluit niet uit").
    "sluiten": (("afgesloten", "gesloten", "concluded", "conclude"),
                ("gesloten", "afgesloten", "sluiten", "te sluiten", "af te sluiten", "ondertekend", "onderhandelingen",
                 "onderhandelen", "onderhandeld", "concluded", "conclude", "conclusion", "signed", "negotiations",
                 "negotiating", "negotiated")),
    "notificeren": (("genotificeerd", "notificeren", "notificatie", "notified", "notify", "notification"),
                    ("genotificeerd", "notificeert", "notificeren", "te notificeren", "notificatie", "notified",
                     "notifies", "notification")),
    # Whether a study, report or plan is finished: "Is het rekenkameronderzoek al klaar?".
    "afronden": (("klaar", "afgerond", "voltooid", "gereed", "finished", "completed", "ready"),
                 ("afgerond", "afronding", "afronden", "af te ronden", "voltooid", "gereed", "klaar", "opgeleverd",
                  "verschenen", "gepubliceerd", "aangeboden", "uitgebracht", "loopt nog", "lopende", "finished",
                  "completed", "published",
                  # the finished thing itself, as it is sent or given: "Hierbij bied ik u het Werkprogramma 2025 aan"
                  "bied ik u", "bieden wij u", "bied ik uw", "bieden wij uw", "biedt", "hierbij ontvangt u",
                  "treft u aan", "vastgesteld", "adviseert", "advies uitgebracht")),
}
# Words of those lists in another sense: "voor kennisgeving aangenomen" (taken note of),
# "aangenomen dat" (assumed), a "besloten" (closed) meeting.
_OTHER_SENSE = re.compile(r"\bvoor kennisgeving aangenomen\b|\baangenomen\s+(dat|wordt|mag)\b|"
                          r"\b(klaar|gereed|ready)\s+(voor|om|met|for|to)\b|"  # readiness, not a thing finished
                          r"\bbesloten\s+(of\b|([\w-]+\s+)?(\w*vergadering|\w*gesprek|deel|\w*overleg|bijeenkomst|karakter|"
                          r"zitting|briefing|sessie))\b|"
                          r"\b(of|en)\s+besloten\b", re.I)


def _like(word: str, known: str) -> bool:
    """The same word, or, for a long one, a word typed one letter off ("aangenoomen")."""
    if word == known:
        return True
    from rapidfuzz.distance import Levenshtein  # as the query expander's typo correction

    return len(known) >= 10 and Levenshtein.distance(word, known, score_cutoff=1) <= 1


def _mentions(text: str, words: tuple[str, ...], typos: bool) -> bool:
    low = _OTHER_SENSE.sub(" ", text.lower())
    tokens = set(re.findall(r"[\wà-ÿ]+", low))
    for w in words:
        if " " in w:
            if re.search(rf"\b{re.escape(w)}\b", low):
                return True
        elif w in tokens or (typos and any(_like(t, w) for t in tokens)):
            return True
    return False


_SIDE_CLAUSE = re.compile(r"(?<=\w)\s+(?:nu|als|nadat|omdat|zodra|doordat|terwijl|tenzij|voordat|since|because|if|after|"
                          r"once|unless|before)\s+(?=(?:de|het|een|er|zij|hij|ze|we|wij|men|nl|nederland|the|it|they|"
                          r"this|that|dit|dat|die|deze)\b)", re.I)  # a conjunction before a subject, not "als wet"


# Whether a body agreed, asked in the past ("Ging de CTIVD akkoord met ...?") or tersely after
# its name ("CTIVD akkoord met verzoek commissie?"): an act a letter tells as "akkoord gegaan" or
# "ingestemd". Not the agreement itself ("Ging het akkoord met Turkije ook over terugkeer?",
# "Inhoud akkoord met Tunesië?"), nor whether the Netherlands can agree ("NL akkoord met ...?"),
# which asks its position.
_SOMEONE_AGREED = re.compile(
    r"^\s*(?:ging|gingen)\b.*" + _NOT_THE_AGREEMENT + r"\bakkoord\b|"
    r"(?:\b(?-i:(?!NL\b)[A-Z][A-Za-z]*[A-Z]\w*)|\b(?:commissie|raad|kamer|rekenkamer|lidstaten|parlement|"
    r"ministerraad|toezichthouder))\s+akkoord met\b", re.I)


# Acts asked only in a yes/no question; a date, count or list of them keeps the plain check of
# its type (see analyse()).
_ASKED_ONLY_YES_NO = {"afronden", "in werking treden"}
# Acts asked only beside what they are done to: "gesloten" asks whether an agreement was
# concluded, not "Is de grens gesloten?".
_ASKED_ONLY_WITH = {
    "sluiten": re.compile(r"\w*(?:overeenkomst|akkoord|verdrag|memorandum|partnerschap|agreement|deal|treaty)\w*", re.I),
}


def _status_asked(text: str) -> list[str]:
    """The acts (keys of :data:`STATUS_ACTS`) a yes/no question asks whether they happened."""
    text = _ACT_DATE.sub(r"\1 datum", text)  # "publicatiedatum": the date of the publication
    return [act for act, (asking, _) in STATUS_ACTS.items() if _mentions(text, asking, typos=True)
            and (act not in _ASKED_ONLY_WITH or _ASKED_ONLY_WITH[act].search(text))]


_ACT_DATE = re.compile(r"\b(\w{5,}?)s?datum\b", re.I)


# Words of STATUS_ACTS that tell another act: a signature is no ratification.
_ANOTHER_ACT = {"ratificeren": {"ondertekend"}}
# Words of STATUS_ACTS that tell an act pending or a step on the way to it, per act: a date or
# a figure beside them is of that step ("plenaire behandeling in de week van 3 december" is
# no day the bill was passed).
_ON_THE_WAY = {
    "aannemen": {"aan te nemen", "vast te stellen", "aangehouden", "meerderheid", "plenaire behandeling",
                 "voor behandeling", "in behandeling", "wordt behandeld", "stemming", "gestemd"},
    "ondertekenen": {"te ondertekenen"},
    "ratificeren": {"goedkeuringsprocedure", "goedkeuringswet"} | _ANOTHER_ACT["ratificeren"],
    "instemmen": {"in te stemmen"},
    "indienen": {"in te dienen", "wordt gestuurd", "worden gestuurd"},
    "toezeggen": {"ontvangt uw kamer", "zal uw kamer"},
    "afronden": {"af te ronden", "afronden", "loopt nog", "lopende"},
    "sluiten": {"te sluiten", "af te sluiten", "sluiten", "onderhandelingen", "onderhandelen", "onderhandeld",
                "negotiations", "negotiating", "negotiated"},
    "notificeren": {"te notificeren", "notificeren"},
}
# Words of _ON_THE_WAY that tell the act still to come, as the letter was written ("ligt voor
# behandeling bij de Tweede Kamer", "zal naar de Kamer worden gestuurd"); not a step that was
# itself taken ("aangehouden", "gestemd").
_STILL_TO_COME = {w for words in _ON_THE_WAY.values() for w in words} - {"aangehouden", "meerderheid", "stemming", "gestemd",
                                                                        "ondertekend"}
# Asked as of now, not as of a letter: "Is de wet inmiddels aangenomen?".
_BY_NOW = re.compile(r"\b(inmiddels|intussen|ondertussen|by now|in the meantime)\b", re.I)
_DONE_WORDS = {act: tuple(w for w in told if w not in _ON_THE_WAY.get(act, ())) for act, (_, told) in STATUS_ACTS.items()}


# The words that tell the act itself, done or pending: what a yes/no answer leads with ("Has NL
# ratified ...?" -> "Op dit moment wordt gewerkt aan de nationale goedkeuringsprocedure", not
# the sentence on its signature).
_OWN_WORDS = {act: tuple(w for w in told if w not in _ANOTHER_ACT.get(act, ())) for act, (_, told) in STATUS_ACTS.items()}


# Who may be asked to have done an act: how a question names them, and how a sentence does.
# A question names the one acting right after its verb ("Heeft de EK ...", "Has the Senate ...",
# "Wanneer heeft NL ..."), as the agent ("door de EK aangenomen") or first in a terse question
# ("EK wet aangenomen?"); not as a receiver ("naar de EK gestuurd") or a place ("in Nederland").
_ACTOR_ASKED = {
    "Eerste Kamer": r"eerste kamer|eerste-kamer|1e kamer|ek|senaat|senate",
    "Tweede Kamer": r"tweede kamer|tweede-kamer|2e kamer|tk|house of representatives|lower house",
    "Europees Parlement": r"europe\w* parl\w*|europarlement|ep",
    "Nederland": r"nederland|nl|the netherlands|netherlands|het kabinet|the cabinet|de regering|the government|ons land|wij|we",
}
_AS_SUBJECT = (r"^\s*(?:(?:klopt het|is het (?:zo|waar)|is it true) dat\s+|(?:sinds |tot )?(?:wanneer|wnr|when)\s+)?"
               r"(?:(?:heeft|hebben|had|hadden|is|zijn|was|waren|has|have|did|does|do|will)\s+)?(?:de |het |the )?(?:{names})\b|"
               r"\b(?:door|by) (?:de |het |the )?(?:{names})\b|\bof (?:de |het )(?:{names})\b")  # "Weten we of de EK ..."
ACTORS: dict[str, re.Pattern[str]] = {
    name: re.compile(_AS_SUBJECT.format(names=names), re.I) for name, names in _ACTOR_ASKED.items()}
# How a sentence names them. The letters go to the Tweede Kamer ("uw Kamer", "de Kamer"); a
# decision list of its committees names it not at all: it is the one acting unless another is named.
_ACTOR_TOLD = {
    # Not "de Eerste en Tweede Kamer": both are named so as receivers ("wordt toegestuurd aan", "adviseert").
    "Eerste Kamer": re.compile(r"\b(eerste kamer|senaat|beide kamers|staten-generaal|door de eerste en tweede kamer)\b", re.I),
    "Tweede Kamer": re.compile(r"\b(tweede kamer|tk|uw kamer|beide kamers|staten-generaal)\b|"
                               r"\bde kamer\b(?! van koophandel)", re.I),
    "Europees Parlement": re.compile(r"\b(europe\w* parl\w*|europarlement|ep|het parlement|raad en (het )?parlement|"
                                     r"parlement en (de )?raad)\b", re.I),
    # The cabinet writes of itself as the Netherlands, "het kabinet", "wij" or its national procedure.
    "Nederland": re.compile(r"\b(nederland|nl|netherlands|ons land|wij|we|koninkrijk der nederlanden|"
                            r"(het|dit) kabinet|de regering|nederlandse (regering|ambassadeur|delegatie|vertegenwoordiger)|"
                            r"nationale (goedkeurings|ratificatie|implementatie|wetgevings)\w*)\b", re.I),
}
# Another country can be asked to have acted too ("Has France signed ...?", "Heeft Duitsland ...
# geratificeerd?"): its Dutch name, its English name, and its government's adjective, by which a
# sentence may name it ("De Franse regering").
_FOREIGN = """
België Belgium Belgische; Bulgarije Bulgaria Bulgaarse; Denemarken Denmark Deense; Duitsland Germany Duitse;
Estland Estonia Estse; Frankrijk France Franse; Griekenland Greece Griekse; Hongarije Hungary Hongaarse;
Ierland Ireland Ierse; Italië Italy Italiaanse; Kroatië Croatia Kroatische; Letland Latvia Letse;
Litouwen Lithuania Litouwse; Luxemburg Luxembourg Luxemburgse; Oostenrijk Austria Oostenrijkse; Polen Poland Poolse;
Roemenië Romania Roemeense; Slovenië Slovenia Sloveense; Slowakije Slovakia Slowaakse; Spanje Spain Spaanse;
Tsjechië Czechia Tsjechische; Zweden Sweden Zweedse; Noorwegen Norway Noorse; Zwitserland Switzerland Zwitserse;
IJsland Iceland IJslandse; Oekraïne Ukraine Oekraïense; Rusland Russia Russische; Turkije Turkey Turkse;
Cyprus Cyprus Cypriotische; Malta Malta Maltese; Portugal Portugal Portugese; Finland Finland Finse"""
_FOREIGN_NAMES = [row.split() for row in _FOREIGN.replace("\n", " ").split(";")]
FOREIGN_COUNTRIES = {dutch: english for dutch, english, _ in _FOREIGN_NAMES}  # Dutch name -> English name
_COUNTRY_ASKED = {  # the country itself, not "de Oekraïne-faciliteit"
    dutch: re.compile(_AS_SUBJECT.format(names=f"(?:{strip_accents(dutch)}|{dutch}|{english})(?![\\w-])"), re.I)
    for dutch, english, _ in _FOREIGN_NAMES}
_COUNTRY_TOLD = {dutch: re.compile(rf"\b({dutch}|{english}|{adjective})\b", re.I)
                 for dutch, english, adjective in _FOREIGN_NAMES}


# Countries a figure may be of, by Dutch and English name (a name, not an adjective: "de Franse
# taalversie" is of no country; nor "de Oekraïne-faciliteit").
_PLACES = [(dutch, english) for dutch, english, _ in _FOREIGN_NAMES] + [tuple(row.split()) for row in (
    "Marokko Morocco; Tunesië Tunisia; Libië Libya; Egypte Egypt; Jordanië Jordan; Libanon Lebanon; Syrië Syria; "
    "Irak Iraq; Afghanistan Afghanistan; Albanië Albania; Servië Serbia; Moldavië Moldova; Georgië Georgia; "
    "Israël Israel; Iran Iran; China China; India India").split("; ")]
_PLACE_RE = {dutch: re.compile(rf"(?<![\w-])({strip_accents(dutch)}|{dutch}|{english})(?![\w-])", re.I)
             for dutch, english in _PLACES}


# A country named only to point at another: "het Noord-Afrikaanse land ten westen van Egypte".
_LANDMARK = re.compile(r"\b(?:ten|to the) (?:noorden|oosten|zuiden|westen|north|east|south|west) (?:van|of)\s+\w+|"
                       r"\b(?:buurlanden?|neighbou?ring|neighbou?rs? of|grenzend aan|grenst aan|bordering)\s+\w+", re.I)


def places(text: str) -> set[str]:
    """The countries other than the Netherlands that ``text`` names, by their Dutch names (not
    one that only points at another: "het land ten westen van Egypte")."""
    text = _LANDMARK.sub(" ", text)
    return {dutch for dutch, pattern in _PLACE_RE.items() if pattern.search(text)}


def names_actor(question: Question, text: str, without_cabinet: bool = False) -> bool:
    """Does ``text`` name one the question asks to have done the act (:data:`ACTORS`)? True
    when it asks about none: "ligt voor behandeling bij de Tweede Kamer" tells nothing the
    Eerste Kamer did. ``without_cabinet`` leaves the Netherlands out (a date or count of the
    cabinet's act is told in the passive: "wordt in 2025 bij de Tweede Kamer ingediend").

    Example:
        >>> q = analyse("Is de Instellingswet ATR al door de EK aangenomen?")
        >>> names_actor(q, "De wet ligt voor behandeling bij de Tweede Kamer."), names_actor(q, "De Eerste Kamer stemde in.")
        (False, True)
    """
    actors = [a for a in question.actors if a != "Nederland"] if without_cabinet else question.actors
    if not actors:
        return True
    for actor in actors:
        if (_ACTOR_TOLD.get(actor) or _COUNTRY_TOLD[actor]).search(text):
            return True
        if actor == "Tweede Kamer" and not any(_ACTOR_TOLD[a].search(text) for a in ("Eerste Kamer", "Europees Parlement")):
            return True
    return False


def tells_act(question: Question, sentence: str) -> bool:
    """Does ``sentence`` tell the act ``question`` asks about, done or pending? False when it asks about none."""
    return any(_mentions(sentence, _OWN_WORDS[act], typos=False) for act in question.status)


# A question asked in the perfect or past ("How many countries have already ratified ...?"), and
# a step still to come just before the act's word ("De volgende stap is ratificatie door minstens
# 25 landen"): that figure is of a requirement, not of what was done.
_DONE_ASKED = re.compile(r"\b(heeft|hebben|had|hadden|werd|werden|has|have|did|already|inmiddels|reeds|al|tot nu toe|"
                         r"tot dusver|so far|to date)\b", re.I)
_NOT_YET = re.compile(r"\b(volgende stap|moet|moeten|zal|zullen|nog niet|alvorens|vereist|next step|must|will|yet to|"
                      r"needs? to|required)\b(?:\W+\w+){0,4}\W*$", re.I)


_FUTURE_ASKED = re.compile(r"\b(zal|zullen|wordt|worden|gaat|gaan|will|shall|verwacht\w*|expected)\b", re.I)
# "How many countries have to ratify ...", "Hoeveel ratificaties heeft het verdrag nodig?": a requirement.
_REQUIRED_ASKED = re.compile(r"\b(moet|moeten|nodig|vereist|minimaal|minstens|have to|has to|must|needs?|needed|"
                             r"required|at least)\b", re.I)


def _tells_act_done(sentence: str, question: Question) -> bool:
    """For a date or count of an act: does ``sentence`` tell the act done (the date beside
    "plenaire behandeling" is not the day a bill was passed), by whom the question asks?"""
    if not question.status:
        return True
    if not names_actor(question, sentence, without_cabinet=True):
        return False
    low = _OTHER_SENSE.sub(" ", sentence.lower())
    # Asked as done, or terse in no tense ("aantal ratificaties verdrag Claims Commissie"): not as
    # still to come ("Wanneer ratificeert NL ...?") nor as a requirement.
    terse = not _QUESTION_WORD.search(question.text) and not question.yes_no \
        and not re.search(r"\bhoe ?veel\b|\bhow (many|much)\b", question.text, re.I)
    done_asked = (bool(_DONE_ASKED.search(question.text)) or (terse and not _FUTURE_ASKED.search(question.text))) \
        and not _REQUIRED_ASKED.search(question.text)
    for act in question.status:
        for word in _DONE_WORDS[act]:
            for m in re.finditer(rf"\b{re.escape(word)}\b", low):
                if not (done_asked and _NOT_YET.search(low[:m.start()])):
                    return True
    return False


def only_still_to_come(question: Question, sentence: str, letter_date: str | None = None) -> bool:
    """For a question whether an act has happened by now ("Is de Instellingswet ATR inmiddels
    aangenomen?") or on a day after ``letter_date``, the date of the letter ``sentence`` is
    from ("Heeft de TK de wet op 6 februari 2025 aangenomen?"): does ``sentence`` tell the act only
    as still to come when the letter was written ("Op dit moment ligt de Instellingswet ATR voor
    behandeling bij de Tweede Kamer (verwachte behandeling op 6 februari 2025)")? That was so
    then; whether it has happened since, the letter cannot say.

    Example:
        >>> q = analyse("Is de Instellingswet ATR inmiddels aangenomen door de TK?")
        >>> only_still_to_come(q, "Op dit moment ligt de Instellingswet ATR voor behandeling bij de Tweede Kamer.")
        True
        >>> only_still_to_come(q, "De Tweede Kamer heeft de Instellingswet ATR op 6 februari aangenomen.")
        False
        >>> only_still_to_come(analyse("Is de wet al aangenomen?"), "De wet ligt voor behandeling bij de Kamer.")
        False
        >>> only_still_to_come(q, "De Tweede Kamer zal het wetsvoorstel naar verwachting in maart aannemen.")
        True
        >>> dated = analyse("heeft de TK de wet ATR op 6 februari 2025 aangenomen")
        >>> told = "Op dit moment ligt de wet ATR voor behandeling bij de Tweede Kamer (verwachte behandeling op 6 februari 2025)."
        >>> [only_still_to_come(dated, told, day) for day in ("2025-01-20", "2025-02-06", "2025-03-01", None)]
        [True, False, False, False]
    """
    if not question.status:
        return False
    day = question.day
    # On the letter's own day the letter tells how things stood: "Had NL het verdrag op 26 februari
    # 2026 al geratificeerd?" is answered by a letter of that day.
    if not _BY_NOW.search(question.text) and not (day and letter_date and day > letter_date):
        return False
    done = tuple(w for act in question.status for w in _OWN_WORDS[act] if w not in _STILL_TO_COME)
    coming = tuple(w for act in question.status for w in _OWN_WORDS[act] if w in _STILL_TO_COME)
    # Clause by clause: "heeft ingestemd met de voorbereidende fases; over het tribunaal zal nog
    # worden besloten" tells it done; "zal het wetsvoorstel in maart aannemen" tells it to come.
    clauses = re.split(r"[;:,]\s|\s(?:maar|terwijl|en)\s", sentence)
    if any(_mentions(c, done, typos=False) and not PENDING.search(c) for c in clauses):
        return False
    return _mentions(sentence, coming + done, typos=False)


_ASKED_DAY = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th|e)?\s+(?P<m1>{MONTH_NAMES})\b\.?,?\s+(?P<y1>\d{{4}})\b"  # 6 feb. 2025
    rf"|\b(?P<m2>{MONTH_NAMES})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b"  # February 6, 2025
    r"|\b(?P<y3>\d{4})-(?P<n3>\d{1,2})-(?P<d3>\d{1,2})\b"  # 2025-02-06
    r"|\b(?P<d4>\d{1,2})[-/](?P<n4>\d{1,2})[-/](?P<y4>\d{4})\b", re.I)  # 6-2-2025, 6/2/2025


def asked_day(text: str) -> str | None:
    """The first real day ``text`` names in full, as an ISO date: "6 februari 2025", "6 feb.
    2025", "6 February 2025", "February 6, 2025", "2025-02-06", "6-2-2025", "6/2/2025"; None
    when it names none.

    Example:
        >>> asked_day("Heeft de TK de wet op 6 februari 2025 aangenomen?"), asked_day("voted on 6-2-2025?")
        ('2025-02-06', '2025-02-06')
        >>> [asked_day(t) for t in ("op 6 feb 2025", "on February 6, 2025", "op 31-2-2025 of 6/2/2025")]
        ['2025-02-06', '2025-02-06', '2025-02-06']
        >>> [asked_day(t) for t in ("on 6 March 2026", "op 6 mrt 2026", "op 6 maart 2026", "op 6 febr. 2025")]
        ['2026-03-06', '2026-03-06', '2026-03-06', '2025-02-06']
        >>> asked_day("aangenomen in februari 2025?") is None
        True
    """
    for m in _ASKED_DAY.finditer(text):
        g = m.groupdict()
        if g["y1"] or g["y2"]:
            day, month, year = (g["d1"] or g["d2"]), month_number(g["m1"] or g["m2"]), (g["y1"] or g["y2"])
        else:
            day, month, year = (g["d3"] or g["d4"]), int(g["n3"] or g["n4"]), (g["y3"] or g["y4"])
        try:
            return date(int(year), month, int(day)).isoformat()
        except ValueError:
            continue  # "31-2-2025" is no day
    return None


# Who the question says did the act, by name: "door eu-LISA", "by the Senate".
_AGENT = re.compile(r"\b(?:door|by)\s+(?:de\s+|het\s+|the\s+)?([\w-]{2,})", re.I)


def tells_act_done(question: Question, sentence: str) -> bool:
    """Does ``sentence`` tell the act ``question`` asks about as done ("Deze routekaart is op 29
    januari aangenomen door de Management Board van eu-LISA"), not as still to come ("gevraagd om
    de roadmap aan te nemen"), by the one the question names after "door" or "by" ("al aangenomen
    door eu-LISA?")? False when it asks about no act or names no one who did it: the Management
    Board's adoption does not tell whether the JBZ-Raad adopted it."""
    agent = _AGENT.search(question.text)
    return (bool(question.status) and agent is not None and agent.group(1).lower() in sentence.lower()
            and _tells_act_done(sentence, question))


# What came of a vote, a procedure or an inquiry, told as done.
_DECISION_TOLD = re.compile(
    r"\b(aangenomen|verworpen|vastgesteld|goedgekeurd|ingestemd|aanvaard|bekrachtigd|ondertekend|geratificeerd|"
    r"afgewezen|afgerond|besloten|geconcludeerd|gebleken|meerderheid|unaniem|adopted|rejected|approved|agreed|"
    r"concluded|decided|majority|unanimous(?:ly)?)\b", re.I)


def tells_a_decision(text: str) -> bool:
    """Does ``text`` tell a decision or result as done ("heeft niet kunnen rekenen op een
    meerderheid", "is met een akkoord afgerond")? What came of a vote or a procedure."""
    return bool(_DECISION_TOLD.search(_OTHER_SENSE.sub(" ", text)))


# What came of something, told without a decision's words: a decision list's "Besluit:", what an
# inquiry found ("Uit het onderzoek blijkt ...").
# Not a goal's words ("resultaten te behalen", "moet worden bereikt"): no bare "resultaat" or "results".
_RESULT_TOLD = re.compile(r"\bBesluit:|\b(?:blijkt|bleek|gebleken|concludeert|concludeerde|bevindingen|opgeleverd|"
                          r"geleid tot|afgesproken|overeengekomen|overeenstemming|gesloten|stemde in|stemden in|found|finds|"
                          r"concludes|reached|led to)\b|(?<!worden )(?<!word )\bbereikte?n?\b", re.I)


# What an inquiry or a report found or concluded, asked for by its words ("the main findings of the
# evaluation", "Wat concludeert de AR in het rapport ...?", "What did the evaluation find?").
_FINDING_ASKED = re.compile(r"\b(?:bevinding(?:en)?|conclusies?|conclu(?:deer|dee|de)\w*|geconcludeerd|constate\w+|geconstateerd|"
                            r"findings?|find|conclusions?)\b", re.I)
# A meeting's or a committee's conclusions are what it decided, not findings: "What did the JHA Council
# conclude at the working lunch?", "Wat concludeerde de commissie over de brief?" (its decision list's
# "Besluit:"). Advisers are not meetings: the Raad van State, an Onderzoeksraad, a "raad voor ...".
_MEETING_CONCLUDES = re.compile(
    r"\b(?!(?:raad\s+(?:van|v\.)\s*state|council of state|raad voor|advisory council)\b)(?!\w*(?:onderzoeks|advies)raad\b)"
    r"(?:[\w-]*raad|(?<!advisory )council|jbz|jha|[\w-]*vergadering|meeting|[\w-]*lunch|[\w-]*(?<!s)top|summit|commissie|committee)\b",
    re.I)
# Where the asker ends: "Wat concludeert de AR | in het rapport ...?", "What did the committee conclude | regarding".
_SUBJECT_END = re.compile(r"\s(?:over|in|inzake|omtrent|about|on|regarding|concerning|at)\s|[,?]")
# A finding told as one: not a decision list's "Besluit: Ter informatie" beside the report's title, nor
# "Naar verwachting zal de discussie voortbouwen op de evaluatie", nor the findings only named ("Hierbij
# stuur ik u het rapport met de bevindingen en aanbevelingen").
_FINDING_TOLD = re.compile(
    r"\b(?:blijkt|bleek|gebleken|concludeert|concludeerde|concluderen|concludeerden|geconcludeerd|constateert|"
    r"constateerde|constateren|constateerden|geconstateerd|adviseert|adviseerde|adviseren|adviseerden|geadviseerd|"
    r"beveelt|aanbevolen|toont aan|toonde aan|tonen aan|laat zien|laten zien|liet zien|merkt op|signaleert|oordeelt|"
    r"is van oordeel|wijst uit|wees uit|found|finds|concludes|concluded|recommends|recommended|shows|showed)\b|"
    r"\b(?:stelt|stelde|stellen|stelden)\s+(?:[\w-]+\s+){0,3}?vast\b|\bvastgesteld dat\b|"
    r"\b(?:komt|kwam)\s+(?:[\w-]+\s+){0,2}?naar voren\b|\braadt\b[^.]{0,40}\baan\b|"
    r"\b(?:doet|deed)\s+(?:[\w-]+\s+){0,2}?aanbeveling|"
    r"\b\w*(?:conclusie|bevinding|aanbeveling)(?:en|s)?\s+(?:[^.]{0,60}\s)?(?:is|was|zijn|waren|luidt|luidde|luiden)\s+"
    r"(?:dat\b|om\b|:)", re.I)


def asks_a_finding(question: Question) -> bool:
    """Does ``question`` ask what came of something as what was found (its findings or
    conclusions), rather than as any outcome ("uitkomst werklunch") or what a
    meeting or committee concluded? Only the words that ask the outcome and who is asked count:
    "What did the cabinet decide about the recommendations of the IOB?" asks a decision."""
    if question.outcome is None:
        return False
    m = _outcome_asked(question.text)
    if m is None or not _FINDING_ASKED.search(m.group(0)):
        return False
    after = question.text[m.end():]
    asker = m.group(0) + after[:end.start()] if (end := _SUBJECT_END.search(after)) else m.group(0) + after
    return not _MEETING_CONCLUDES.search(asker)


def tells_a_finding(text: str) -> bool:
    """Does ``text`` tell what someone found, concluded or, as its conclusion, advised ("Uit het
    onderzoek blijkt ...", "De Afdeling adviseert ...")? A decision taken on a report is none of its findings."""
    return bool(_FINDING_TOLD.search(text))


def tells_a_result(text: str) -> bool:
    """Does ``text`` tell what came of something: a decision ("is aangenomen"), a decision
    list's "Besluit:" or a finding ("Uit het onderzoek blijkt")? What an outcome question
    that names no thing asks for; a view or a plan beside it ("Nederland acht het van groot
    belang ...", "Daarom organiseren we eind 2024 een Woontop") is none."""
    return tells_a_decision(text) or bool(_RESULT_TOLD.search(text))


def tells_status(question: Question, text: str) -> bool:
    """Does ``text`` tell whether the act ``question`` asks about happened (in any words of
    that act, either way)? True when the question asks about no such act.

    Example:
        >>> q = analyse("Is de motie Ceder al aangenomen?")
        >>> tells_status(q, "De motie is met 80 stemmen verworpen."), tells_status(q, "De motie verzoekt de regering ...")
        (True, False)
    """
    if not question.status:
        return True
    return any(_mentions(text, STATUS_ACTS[act][1], typos=False) for act in question.status)


# What a count counts: the noun after "hoeveel", "aantal", "how many", "number of".
_COUNT_OF = re.compile(r"\b(hoeveel|aantal|how many|number of)\s+(.*)", re.I)
# Words after the count word that are no part of what is counted.
_NOT_COUNTED = {
    "is", "zijn", "was", "waren", "het", "de", "een", "er", "keer", "maal", "procent", "percent", "procentpunt",
    "jaar", "jaren", "maanden", "weken", "dagen", "uur", "uren", "minuten", "years", "months", "weeks", "days",
    "hours", "times", "have", "has", "are", "were", "did", "does", "do", "will", "the", "of", "in", "per", "van",
    "op", "aan", "met", "voor", "bij", "over", "die", "dat", "wordt", "worden", "heeft", "hebben", "gaat", "gaan",
}
# Counted words too general to check: an answer may name the same people by what they are,
# and time or money by its unit.
_GENERAL_COUNTED = {"mensen", "personen", "people", "persons", "individuals", "stuks", "items", "things", "zaken",
                    "tijd", "geld", "middelen", "budget", "time", "money", "funds", "funding",
                    # a change is told as a share or a figure of what changes ("55% lager")
                    "reductie", "daling", "stijging", "groei", "toename", "afname", "verlaging", "verhoging",
                    "besparing", "vermindering", "reduction", "increase", "decrease", "growth", "cut"}
# Staff's short words for the member states (the expander's), which are counted ("hoeveel MS steunen
# ..."); other short words before a noun modify it ("aantal NL uitreizigers", "hoeveel kab. maatregelen").
_MEMBER_STATES_SHORT = frozenset(short for short, long in COMMON.items() if long == "lidstaten")
# Words that say how the count is taken, not what is counted: "hoeveel extra woningen".
_COUNT_MODIFIERS = {"meer", "minder", "extra", "nieuwe", "totaal", "andere", "overige", "verschillende", "more",
                    "fewer", "additional", "new", "other", "different", "total"}


def _counted(text: str, language: str) -> list[str]:
    """The words naming what a count question counts: Dutch modifiers ending in -e and
    the noun after them ("Brusselse voorstellen"; a short word such as "NL", and "extra"
    or "meer", are skipped, save "MS" or "LS" for the member states), or up to three
    English words before a grammar word or a verb ("advisory boards"). Empty for a unit
    ("hoeveel procent", "hoeveel weken") or a word too general to check ("hoeveel mensen",
    "hoeveel tijd").

    Example:
        >>> _counted("hoeveel ontheemde Oekr. vangt NL op?", "nl")
        ['ontheemde', 'oekr']
    """
    m = _COUNT_OF.search(text)
    if not m:
        return []
    rest = re.findall(r"[\wà-ÿ]+", m.group(2).lower())
    if rest and rest[0] in ("het", "is") and "aantal" in rest[:3]:
        return _counted(" ".join(rest[rest.index("aantal"):]), language)  # "hoeveel is het aantal X"
    out: list[str] = []
    for word in rest[:5]:
        if word in _NOT_COUNTED or word.isdigit() or (language == "en" and out and word.endswith("ed")):
            break  # "how many countries signed": a verb ends what is counted
        if language == "nl" and word in _MEMBER_STATES_SHORT:
            out.append("lidstaten")  # "in hoeveel LS", "hoeveel MS steunen": what is counted, not a modifier
            break
        if (language == "nl" and len(word) <= 3) or word in _COUNT_MODIFIERS:
            continue  # "aantal NL uitreizigers", "hoeveel extra geld": not what is counted
        out.append(word)
        if language == "nl" and not word.endswith("e"):
            break
        if language == "en" and len(out) == 3:
            break
    if any(w in _GENERAL_COUNTED for w in out):
        return []
    return out


def _new_numbers(sentence: str, question: Question, years: bool) -> bool:
    """Does ``sentence`` state a number the question did not (article and page numbers aside,
    and what counts nothing: :data:`_NOT_A_COUNT`)?"""
    cleaned = _ARTICLE_NUMBER.sub(" ", sentence)
    cleaned = _NOT_A_COUNT.sub(" ", cleaned)
    cleaned = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", " ", cleaned)
    cleaned = re.sub(r"(?<=[a-zà-ÿ.,;:)])\d{1,2}\b", " ", cleaned)  # footnote markers glued to a word
    for m in _NUMBER_RE.finditer(cleaned):
        raw = m.group(0)
        norm = re.sub(r"[.,]", "", raw).lower()
        if norm in question.numbers or norm == "een" or norm == "one":
            continue
        if not years and _YEAR_RE.match(norm):
            continue
        return True
    return False


# A year that is part of a name ("Vreemdelingenwet 2000", "Actieplan Polarisatie en Radicalisering
# 2009", "programma Vernieuwing Toezicht 2008": after a word in capitals within the sentence) dates
# nothing; a month, a quarter or a time of year does ("Eind 2025", "Prinsjesdag 2025", "bij de
# Voorjaarsnota 2025", also after a bullet or a colon).
_MONTH_NAMES_EN = "|".join(m.capitalize() for m in MONTHS_EN)
_TIME_WORDS = (r"Q[1-4]|Sinds|Vanaf|Per|Tot|Eind|Einde|Begin|Medio|Half|Voorjaar|Najaar|Zomer|Winter|Prinsjesdag|"
               r"\w*nota|Kerst|Pasen|Since|From|Until|End|Early|Late|Mid|Spring|Summer|Autumn|Fall|Winter")
# A year, or a span of years ("2024-2025", "2024/25"), as a name ends with it.
_NAME_YEAR = r"(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?"
_YEAR_IN_NAME = re.compile(rf"(?<=\S )(?!(?:{_MONTH_NAMES_EN}|{_TIME_WORDS})\b)[A-Z][\wà-ÿ-]*\s{_NAME_YEAR}\b|"
                           # A report or plan named by its year, lower case mid-sentence: "het jaarverslag 2025".
                           rf"\b[\wà-ÿ-]*(?:verslag|rapport|rapportage|overzicht|programma|plan)\s{_NAME_YEAR}\b|"
                           rf"\b(?:[Rr]eport|[Pp]rogramme|[Pp]rogram|[Pp]lan)\s{_NAME_YEAR}\b")
_NAMED_YEAR = re.compile(_NAME_YEAR + "$")
# The period a report covers ("Verslag van de Nationale ombudsman over 2008") dates no event.
_REPORT_PERIOD = re.compile(r"\bover (?:het jaar )?(19|20)\d\d\b", re.I)
# A decision list's own date ("Document: Besluitenlijst van de e-mailprocedure van donderdag 26
# maart 2015") is the meeting's or the procedure's, no date of what it decides on.
_LIST_DATE = re.compile(rf"\bBesluitenlijst van (?:de |het )?[\w-]+ (?:van )?(?:\w+dag )?\d{{1,2}} ({_MONTH}) \d{{4}}", re.I)
_ABOUT_A_MEETING = re.compile(r"\b(\w*vergadering|\w*procedure|besluitenlijst|meeting|besloten|besluit|beslist|"
                              r"decided|decision)\b", re.I)


def _has_date(sentence: str, question: Question) -> bool:
    if _ABOUT_A_LETTER.search(question.text):
        if _LETTER_DATE.search(sentence):
            return True  # the date a letter was sent, as its registry line gives it
    else:
        sentence = _LETTER_DATE.sub(" ", sentence)
    if not _ABOUT_A_MEETING.search(question.text):
        sentence = _LIST_DATE.sub(" ", sentence)
    if not _tells_act_done(sentence, question):
        return False
    decision_asked, decision_to_come = _decision_question(question.text)
    if decision_asked and not tells_a_decision(sentence) and not _DECIDING.search(_OTHER_SENSE.sub(" ", sentence)):
        return False
    sentence = _REPORT_PERIOD.sub(" ", _YEAR_IN_NAME.sub(lambda m: _NAMED_YEAR.sub("", m.group(0)), sentence))
    day_asked = bool(_DAY_ASKED.search(question.text))
    month_asked = bool(_MONTH_ASKED.search(question.text))
    for m in _DATE_RE.finditer(sentence):
        if re.sub(r"\D", "", m.group(0)) and re.sub(r"\D", "", m.group(0)) in question.numbers \
                and not re.search(_MONTH, m.group(0), re.I):
            continue  # the year the question already gave
        if (day_asked or month_asked) and _YEAR_RE.match(m.group(0)):
            continue  # "in 2025" is no date, nor a month
        if decision_to_come and _decided_at(sentence, m.start()):
            continue  # the day of a decision taken, not of the one asked to come
        return True
    return False


def _decided_at(sentence: str, at: int) -> bool:
    """Is the date at ``at`` that of a decision taken: in a clause telling one done ("Bij besluit
    van 17 oktober 2025 heeft de ministerraad ingestemd met ...; over de operationele fase dient de
    ministerraad nog te beslissen")? Clauses end at a semicolon or colon, a contrast or time
    conjunction or a subordinate clause ("..., zal hij in juni 2026 een besluit nemen", "heeft besloten
    dat het besluit in juni 2026 wordt genomen"); not at a full stop, which inside one sentence ends an
    abbreviation ("17 oktober jl.", "i.o.m.").
    """
    bounds = [(m.start(), m.end()) for m in _DECISION_CLAUSE_MARK.finditer(sentence)]
    start = max((end for s, end in bounds if end <= at), default=0)
    end = min((s for s, _ in bounds if s >= at), default=len(sentence))
    clause = sentence[start:end]
    return bool(_DECISION_TAKEN.search(clause)) or tells_a_decision(clause) and not _NOT_YET_DECIDED.search(clause)


@lru_cache(maxsize=256)
def _decision_question(question: str) -> tuple[bool, bool]:
    """Does ``question`` ask about a decision, and about one to come? Read once per question,
    not again for each sentence whose date is weighed."""
    asked = bool(_DECISION_ASKED.search(_OTHER_SENSE.sub(" ", question)))
    return asked, asked and _asks_decision_to_come(question)


def _asks_decision_to_come(question: str) -> bool:
    """Does a question about a decision ask when one to come is taken ("Wanneer neemt het kabinet een
    besluit?", "wanneer besluit de MR?", "When will the cabinet decide?", "Wanneer wordt het besluit
    genomen?"), not when one was ("Wanneer besloot/nam/heeft ...", "When did ...") nor, naming it by its
    noun only, either ("datum beslissing MR")? Read in the main clause, before a side clause ("...,
    dat heeft aangekondigd"; "the minister who was appointed").

    Example:
        >>> [_asks_decision_to_come(q) for q in ("Wanneer neemt het kabinet een besluit?", "wanneer besluit de MR?",
        ...  "When will the minister who was appointed decide?", "Wanneer wordt het besluit genomen?",
        ...  "Wanneer is het kabinet van plan een besluit te nemen?")]
        [True, True, True, True, True]
        >>> [_asks_decision_to_come(q) for q in ("Wanneer nam het kabinet een besluit?", "When did the cabinet decide?",
        ...  "Wanneer is de beslissing gevallen?", "datum beslissing MR voorbereidende fases")]
        [False, False, False, False]
    """
    main = _SIDE_OF_QUESTION.split(question, maxsplit=1)[0]
    if _TO_COME_ASKED.search(main):
        return True
    if _DECIDED_ASKED.search(main):
        return False
    return bool(_DECIDING_NOW.search(main))


# The date of a decision ("Wanneer neemt het kabinet een besluit over ...?", "wanneer besluit de MR
# ...?", "When will the cabinet decide ...?") is told beside a word of deciding: "de conferentie die op
# 16 december jl. werd gehouden" dates another event. Not a decree asked by its name ("het besluit tot
# verlenging", "beslisnota") nor a closed meeting ("besloten overleg").
_DECISION_ASKED = re.compile(
    r"\b(?:neemt|nemen|neem|nam|namen|genomen)\b(?:\s+[\w-]+){0,4}?\s+(?:een\s+|het\s+)?besluit\b|"
    r"\bbesluit\s+(?:te\s+)?(?:nemen|neemt)\b|"
    r"\bbesluit\b(?:\s+[\w-]+){0,5}?\s+genomen\b|\b(?:wanneer|wnr|when)\s+besluit(?:en|t)?\b(?!\s+(?:tot|van|houdende)\b)|"
    r"\b(?:beslist|beslissen|beslissing|besloten|besluitvorming|decide[sd]?)\b|\bdecision\b(?!\s+(?:\(eu\)\s*)?\d)", re.I)
# A decision asked as taken ("Wanneer besloot de MR ...?", "Wanneer is het besluit genomen?", "When did the
# cabinet decide ...?"); else one to come ("Wanneer neemt het kabinet een besluit over ...?", "wanneer besluit
# de MR ...?"), whose date is not that of an earlier decision the letter tells.
_TO_COME_ASKED = re.compile(r"\b(?:wordt|worden|zal|zullen|gaat|gaan|moet|moeten|van plan|voornemens|will|shall|does|"
                            r"do|is expected|plans?|intends?|verwacht\w*)\b", re.I)
_DECIDED_ASKED = re.compile(r"\b(?:besloot|besliste|beslisten|besloten|genomen|nam|namen|gevallen|heeft|hebben|had|"
                            r"hadden|is|was|werd|werden|decided|did|taken|were)\b", re.I)
_DECIDING_NOW = re.compile(r"\b(?:besluit|besluiten|beslist|beslissen|neemt|nemen|decides?)\b", re.I)
# Where a question's main clause ends: a comma, or a relative or subordinate clause.
_SIDE_OF_QUESTION = re.compile(r",\s|\s(?:dat|die|waar\w*|nu|omdat|nadat|who|that|which|as|since|after)\s", re.I)
# Where a clause of a letter's sentence ends, for the decision a date is of (_decided_at).
_DECISION_CLAUSE_MARK = re.compile(r"[;:]\s*|,?\s(?:maar|terwijl|nadat|zodra|waarna|dat|die|but|while|after)\s|"
                                   r",\s(?=(?:zal|zullen|wordt|worden|en|will)\b)", re.I)
_DECISION_TAKEN = re.compile(r"\b(?:bij|met)\s+(?:koninklijk\s+)?besluit\s+van\b", re.I)
# Besides a decision told as done (tells_a_decision: "aangenomen", "adopted"), one told by its noun or
# to come: "Bij besluit van 17 oktober 2025", "neemt in maart een besluit".
_DECIDING = re.compile(r"\b(?:besluit\w*|beslis\w*|beslot\w*|akkoord|instemming|gekozen|kiest|keuze|decision\w*|"
                       r"decide[sd]?)\b", re.I)


# A date asked as such ("op welke datum", "datum koninklijke boodschap", "On what date ..."): a
# year alone does not give it ("Daarnaast zal het kabinet in 2025 duidelijkheid geven over de opening").
_DAY_ASKED = re.compile(r"\b(?!peil)\w*datum\b|\b(what|which|the|its|exact) (date|day)\b|\bwelke dag\b", re.I)
# "In welke maand van 2027 ...?": a year alone does not say.
_MONTH_ASKED = re.compile(r"\b(?:welke|what|which) (?:maand|month)\b", re.I)


# A budget told as a share of the economy: "2% van het bbp".
_SHARE_OF_GDP = re.compile(r"\d[\d,.]*\s?(%|procent)\s+(van\s+(het\s+)?)?(bbp|bnp|bni|gdp|gni)\b", re.I)


# "totaal jaarbudget ATR" asks the whole; a sum added to it ("het uitgebreide budget ... voor de
# versterking van het ATR: € 1,8 miljoen", "structureel € 1,8 miljoen extra") is a part.
_TOTAL_ASKED = re.compile(r"\b(totaal|totale|total|overall|in totaal|alles bij elkaar)\b", re.I)
_PART_TOLD = re.compile(r"\b(extra|(?-i:aanvullend\w*)|additional|uitgebreide|uitbreiding|versterking|ophoging|verhoging|"
                        r"increase[ds]?)\b", re.I)  # not the budget line "Aanvullende Post"


def _has_amount(sentence: str, question: Question) -> bool:
    if (_TOTAL_ASKED.search(question.text) and _PART_TOLD.search(sentence) and not _TOTAL_ASKED.search(sentence)
            and not _PART_TOLD.search(question.text)):  # "het totale bedrag voor de twee extra kerncentrales"
        return False
    return bool(_MONEY_RE.search(sentence) or _SHARE_OF_GDP.search(sentence)) and _new_numbers(sentence, question, years=False)


# "Met hoeveel procent wil het kabinet de regeldruk verlagen?" asks for the change, which a level
# it changes to ("de renteaftrekbeperking naar 25%") is not.
_PERCENT_CHANGE_ASKED = re.compile(r"\b(met|by) (hoeveel|welk|what|which|how many|how much) (procent|percentage|percent)\b|"
                                   r"\bby how much\b", re.I)
_LEVEL_PERCENT = re.compile(r"\b(naar|tot|to)\s+(?:ca\.\s|circa\s|about\s)?" + _PERCENT_FIGURE.pattern, re.I)


# "Met welke meerderheid is de motie aangenomen?" is answered by a count of votes or by "unaniem".
_MAJORITY_ASKED = re.compile(r"\b(met welke meerderheid|(by|with) what majority|hoe groot was de meerderheid|"
                             r"met hoeveel stemmen|how many votes)\b", re.I)
_UNANIMOUS = re.compile(r"\b(unaniem|met algemene stemmen|zonder stemming|unanimous(ly)?|meerderheid|majority)\b", re.I)


# A share given to a name in brackets: "Italië (77%)", "Griekenland (ca. 23 procent)".
_NAMED_SHARE = re.compile(r"(?<![\w'’-])([A-ZÀ-Ý][\wà-ÿ'’-]*)\s*\(\s*(?:ca\.\s*|circa\s+)?\d[\d.,]*\s?"
                          r"(?:%|procent)\s*\)")


def _unasked_country(name: str, question: Question) -> bool:
    """Is ``name`` a country the question does not name, in Dutch or English, as an adjective
    ("de Italiaanse kust") or typed in haste ("itallie")? Any other name is not known to be
    one: "Vrouwen (55%)", "ATR-adviezen (75%)", "Oost-Libië (40%)"."""
    told = places(name)
    if not told or told & question.places:
        return False
    typed = {_letters(w) for w in re.findall(r"[\w'’-]+", question.text)}
    for country in told:
        known = _letters(country)
        if known in typed or any(len(w) >= 5 and OSA.distance(w, known) <= 1 for w in typed):
            return False
        if country in _COUNTRY_TOLD and _COUNTRY_TOLD[country].search(question.text):
            return False
    return True


def _has_number(sentence: str, question: Question) -> bool:
    if _DURATION_ASKED.search(question.text):
        for m in _DURATION_UNTIL.finditer(sentence):
            # An end the question did not give itself: "tot maart 2026" does not answer "na maart 2026".
            digits = set(re.findall(r"\d+", m.group(1)))
            if (digits - question.numbers) if digits else not question.months:
                return True
        if not _DURATION_IN_UNITS.search(sentence):
            return False
    if _MAJORITY_ASKED.search(question.text) and _UNANIMOUS.search(sentence) and names_actor(question, sentence, without_cabinet=True):
        return True  # "heeft niet kunnen rekenen op een meerderheid" tells the vote too
    if _PERCENT_CHANGE_ASKED.search(question.text) and not re.search(r"\bvan\s+\d[\d.,]*\s?(%|procent)", sentence, re.I):
        sentence = _LEVEL_PERCENT.sub(" ", sentence)
    if _PERCENT_ASKED.search(question.text):
        # "hoeveel procent" is answered by a share ("75%", "de helft", "één op de zeven"), not by any number;
        # nor by the share of a country the question does not name: "de meeste in Italië (77%)" is
        # not the share "vertrokken vanuit Oost-Libië".
        sentence = _NAMED_SHARE.sub(lambda m: " " if _unasked_country(m.group(1), question) else m.group(0), sentence)
        return bool(_PERCENT_RE.search(sentence) or _SHARE_IN_WORDS.search(sentence))
    if question.counted and _CHANGE_TOLD.search(sentence) and not _CHANGE_ASKED.search(question.text):
        # "aantal succesvolle terugkeeroperaties": a count of things, which "met 13% gestegen" is
        # not ("75% van de adviespunten" is); "hoeveel is het aantal ... gedaald" asks for the
        # change, which a share tells.
        sentence = _PERCENT_FIGURE.sub(" ", sentence)
    if question.counted and not _UNIT_ASKED.search(question.text) and not _RATE_ASKED.search(question.text):
        # "Aantal ATR-adviezen 2024" is a count of things, which "tweemaal per jaar een rapport" is not;
        # "hoeveel rapporten per jaar" asks for the rate it is.
        sentence = _FREQUENCY.sub(" ", sentence)
    return (_new_numbers(sentence, question, years=False) and _names_counted(sentence, question)
            and _tells_act_done(sentence, question) and _in_unit(sentence, question))


# How often a thing happens: "tweemaal per jaar", "drie keer per week", "twice a year", "4 times per month".
# Not "vier keer in het jaar 2024", which may count that year's.
_FREQUENCY = re.compile(
    r"(?<![\w-])(?:(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|\d{1,2})\s*(?:maal|keer|x)|eens|"
    r"eenmaal|tweemaal|driemaal|viermaal|once|twice|(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+times)"
    r"\s+(?:per|in\s+het|in\s+de|a|an|each|every)\s+(?:jaar|maand|week|dag|kwartaal|halfjaar|year|month|day|quarter)\b"
    r"(?!\s+\d{4})", re.I)
# A count per period ("hoeveel rapporten per jaar", "how many meetings a year"): a frequency answers it.
# Not "in het jaar 2024", which names the year counted.
_RATE_ASKED = re.compile(r"\b(?:per|a|each|every|in\s+het|in\s+de)\s+(?:jaar|maand|week|dag|kwartaal|year|month|day|"
                         r"quarter)\b(?!\s+\d{4})|\b(?:jaarlijks|maandelijks|wekelijks|annually|yearly|monthly|weekly)\b", re.I)


# Units a count may ask in ("hoeveel weken", "aantal dagen", "how many years"): the figure must
# be in that unit ("binnen vier weken"), not any number of the passage.
_UNITS = {"week": "week|weken|weeks?", "weken": "week|weken|weeks?", "weeks": "week|weken|weeks?",
          "dagen": "dag|dagen|werkdagen|days?", "days": "dag|dagen|werkdagen|days?",
          "maanden": "maand|maanden|months?", "months": "maand|maanden|months?",
          "jaar": "jaar|jaren|years?", "jaren": "jaar|jaren|years?", "years": "jaar|jaren|years?",
          "uur": "uur|uren|hours?", "uren": "uur|uren|hours?", "hours": "uur|uren|hours?",
          "keer": "keer|maal|times", "maal": "keer|maal|times", "times": "keer|maal|times",
          # Staff: "hoeveel fte heeft het ATR in 2025?" is answered by "17 fte", not by the dossiers or euros beside it.
          "fte": "fte|fte's|voltijdbanen|full-time equivalents?", "ftes": "fte|fte's|voltijdbanen|full-time equivalents?"}
_A_NUMBER = r"(?:\d[\d.,]*|" + "|".join(NUMBER_WORDS[1:]) + ")"
# A length of time asked ("hoe lang duurt", "the maximum duration of"): told as a figure in a unit
# of time ("90 dagen", "twee jaar"; not a year, "sinds 2015 elk jaar") or as an end ("t/m 31
# december 2020", "tot eind 2027"), not by any number of the passage. Not a length of a thing
# ("hoe lang is de lijst"), nor a wait that a date answers ("hoe lang duurt het nog voordat ...").
_DURATION_ASKED = re.compile(
    r"\b(?:hoe ?lang|how long)\b(?!\s+(?:is|zijn|was|waren)\s+(?:de|het|een)\s+(?!looptijd|duur|termijn|periode)\w)"
    r"(?!\s+duurt\s+het\s+(?:nog\s+)?(?:voor|voordat|tot|eer)\b)(?!\s+until\b)|"
    r"\b(?:maximum|maximale|minimum|minimale) (?:duration|duur|looptijd)\b|\b(?:duration|duur|looptijd) (?:of|van)\b", re.I)
_DURATION_IN_UNITS = re.compile(
    rf"\b(?!(?:19|20)\d\d\b){_A_NUMBER}\s+(?:\w+\s+)?(?:dag|dagen|werkdagen|week|weken|maand|maanden|jaar|jaren|uur|"
    rf"uren|kwartalen|days?|weeks?|months?|years?|hours?)\b", re.I)
_DURATION_UNTIL = re.compile(rf"\b(?:tot en met|tot|t/m|until|through|till)\s+(?:(?:het|de|the)\s+)?"
                             rf"((?:\d{{1,2}}\s+)?(?:{_MONTH})\b(?:\s+\d{{4}})?|(?:eind|begin|medio|end)\s+\d{{4}}|\d{{4}}\b)",
                             re.I)
_UNIT_ASKED = re.compile(r"\b(?:hoeveel|aantal|how many)\s+(" + "|".join(_UNITS) + r")\b|\b(hoe ?vaak|how often)\b", re.I)


def _in_unit(sentence: str, question: Question) -> bool:
    """For "hoeveel weken" and the like: does ``sentence`` give a figure in that unit?"""
    m = _UNIT_ASKED.search(question.text)
    if not m:
        return True
    unit = _UNITS[regex_fold(m.group(1) or "keer")]  # "hoe vaak": a number of times
    if re.search(rf"\b{_A_NUMBER}\s+(?:\w+\s+)?(?:{unit})\b", sentence, re.I):
        return True
    return "keer" in unit and bool(re.search(r"\b(een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)(maal|keer)\b", sentence, re.I))


def _names_counted(sentence: str, question: Question) -> bool:
    """Does ``sentence`` name what the question counts, as the same word, the same stem, a
    synonym (``rag/synonyms_nl.tsv``: "huizen", "woningen"), or either end of a compound
    ("leden" in "Kamerleden", "Oekr." in "Oekraïners", "woningen" for "nieuwbouwwoningen")? True
    when the question names nothing countable, or, in English, nothing the glossary can
    put into Dutch."""
    if not question.counted:
        return True
    analyzer = _analyzer()
    words = list(question.counted)
    if "staten" in words:
        words.append("landen")  # states are countries; not in the synonym table, where "staat" is also a verb
    if question.language == "en":
        # The head noun says what is counted ("nuclear power plants"); its modifiers only
        # when the glossary does not know the head.
        dutch = dutch_words(words[-1]) or [d for w in words for d in dutch_words(w)]
        if not dutch:
            return True
        words += dutch
    same = _synonyms()
    wanted = [(w, stem) for w in words for stem in analyzer(w)]
    groups = {same[stem] for _, stem in wanted if stem in same}
    for word in analyzer.words(sentence):
        token = analyzer.stemmer.stemWord(word)
        if same.get(token) in groups:
            return True
        for asked, stem in wanted:
            if token == stem or word == asked or (len(asked) >= 4 and word.endswith(asked)) \
                    or (len(word) >= 5 and asked.endswith(word)) \
                    or (len(stem) >= 4 and (token.startswith(stem) or token.endswith(stem))) \
                    or (len(token) >= 5 and (stem.startswith(token) or stem.endswith(token))):
                return True
    return False


@lru_cache(maxsize=1)
def _analyzer():
    from rag.bm25 import DutchAnalyzer  # stemming for the count check only; bm25s loads with it

    return DutchAnalyzer()


def _synonyms() -> dict[str, str]:
    from rag.bm25 import synonyms  # as _analyzer: the table is read with the Dutch stemmer

    return synonyms()


def _has_countries(sentence: str, question: Question) -> bool:
    if not _tells_act_done(sentence, question):
        return False  # "welke landen hebben ... ondertekend": not the countries of another step
    named = {m.group(0) for m in _COUNTRY_RE.finditer(sentence)}
    if re.search(r"\b(nederland|netherlands|nl|ons land|andere|overige|other|naast|besides|behalve|except)\b",
                 question.text, re.I) or not re.search(
            r"\b(ondertekend|getekend|geratificeerd|ratificeren|ondertekenen|signed|sign|ratified|ratify|"
            r"ondertekenaars|signatories)\b", question.text, re.I):
        named -= {"Nederland", "Netherlands"}  # the Netherlands counts only among the parties to a treaty
    asked = strip_accents(question.text.lower())  # "oekraine" typed for "Oekraïne"
    named -= {c for c in named if strip_accents(c.lower()) in asked}
    if _LIST_SIZE_ASKED.search(question.text):
        # "welke 17 landen ... getekend?" is not told by "zeventien lidstaten, waaronder Nederland".
        return len(named) >= 2
    return bool(named)


# A list asked with its size: "welke 17 landen", "Which seventeen ... member states".
_LIST_SIZE_ASKED = re.compile(
    r"\b(?:welke|which|what)\s+(?:\d*[2-9]|\d{2,}|" + "|".join(
        w for w in NUMBER_WORDS if w not in ("een", "one", "half", "helft", "derde", "kwart", "dubbel", "twice")
        and not w.endswith("maal")) + r")\b", re.I)


def _has_parties(sentence: str, question: Question) -> bool:
    """A party the question does not name, written as a letter writes it (capitals: not "denk", "volt")."""
    if not _tells_act_done(sentence, question):
        return False  # "welke fracties hebben ingestemd": not the parties of another step
    asked = {m.group(0).lower() for m in _PARTY_RE.finditer(question.text)}
    return any(m.group(0)[0].isupper() or m.group(0)[0].isdigit() for m in _PARTY_RE.finditer(sentence)
               if m.group(0).lower() not in asked)


# Offices a question may ask the holder of, each with the ways it is written (Dutch and English).
_OFFICES = {
    # Who leads or heads a body holds its chair: "Wie stond aan het hoofd van de CTIVD?".
    "voorzitter": r"voorzitter|voorzit\w*|voorziter|chair\w*|president|vice-president|hoofd",
    "griffier": r"grif+ie?r|clerk",  # typed in haste: "grifier"
    "minister": r"minister|minister-president|premier|prime minister",
    "staatssecretaris": r"staatssecretaris|stas|state secretary",
    "commissaris": r"commissaris|commissioner",
    "coördinator": r"co[oö]rdinator",
    "directeur": r"directeur|director",
    "rapporteur": r"rapporteur",
    "ambassadeur": r"ambassadeur|ambassador",
    "woordvoerder": r"woordvoerder|spokesperson",
    "vertegenwoordiger": r"vertegenwoordiger|representative|gezant|envoy",
    "secretaris": r"secretaris|secretary|secretaris-generaal|secretary-general",
    "lid": r"lid|leden|members?",
}
# Compounds too, for offices no other office ends in: "Kamervoorzitter", "commissiegriffier", "Eurocommissaris"
# (not "staatssecretaris" as a "secretaris").
_COMPOUNDS = {"voorzitter", "griffier", "commissaris", "rapporteur", "woordvoerder", "coördinator", "vertegenwoordiger"}
# Words for an office that are never the end of a compound: who heads a body holds its chair
# ("Who heads the CTIVD?").
_OFFICE_VERBS = {"voorzitter": r"vz|heads?|headed"}
_OFFICE_RE = {office: re.compile((r"\b\w*?(" if office in _COMPOUNDS else r"\b(") + words + r")\b"
                                 + (rf"|\b({_OFFICE_VERBS[office]})\b" if office in _OFFICE_VERBS else ""), re.I)
              for office, words in _OFFICES.items()}
# An office that is the name's own after it: "P. Donohoe, is voorzitter", "A. Jansen benoemd tot voorzitter",
# "Dennis Botman, de nieuwe hoge vertegenwoordiger" (not "Wiebes heeft de voorzitter ... een brief gestuurd").
_APPOSITION = re.compile(r"^[\s,]*(?:(?:is|was|wordt|werd|als|tot|benoemd|gekozen|de|het|die|the|a|an|nieuwe|nieuw|"
                         r"huidige|new|current|hoge|high|waarnemend|acting)\s+)*", re.I)


def _offices(text: str) -> set[str]:
    return {office for office, pattern in _OFFICE_RE.items() if pattern.search(text)}


def office_line(sentence: str, question: Question) -> bool:
    """Is ``sentence`` a list's line for the office the question asks the holder of, with a
    name ("Griffier: T.J.E. van Toor" for "wie was de griffier bij ...?"): :func:`office_span`
    at the sentence's start?

    Example:
        >>> office_line("Griffier: T.J.E. van Toor", analyse("wie was de grifier bij de procedurevergadering?"))
        True
        >>> office_line("Griffier: T.J.E. van Toor", analyse("Wie was de voorzitter van de commissie?"))
        False
        >>> office_line("griffier: T.J.E. van Toor", analyse("wie was de griffier?"))
        True
    """
    line = sentence.lstrip()
    # A label that opens its line may be in lower case ("griffier: T.J.E. van Toor"); inside
    # running text only a capital marks one.
    span = office_span(line[:1].upper() + line[1:], question)
    return span is not None and span[0] == 0


# A list's label ("Griffier:", "Activiteitnummer:") inside running text, as a decision list's
# last lines run together: "... het programma vast te stellen Griffier: G.F.C. van Leiden".
_HONORIFIC = re.compile(r"(?:Drs|Dr|Mr|Prof|Ir|Ing)\.\s*")
_LIST_LABEL = re.compile(r"(?<!\S)([A-Z][\w-]*)\s*:\s*")


def office_span(text: str, question: Question) -> tuple[int, int] | None:
    """Where ``text`` names the holder of the office the question asks about in a list's label,
    wherever the label stands: the label and the name, up to the line's end or the next label.

    Example:
        >>> text = "het programma vast te stellen Griffier: G.F.C. van Leiden\\nActiviteitnummer: 2008A02139"
        >>> start, end = office_span(text, analyse("griffier procedurevergadering BZK april 2009"))
        >>> text[start:end]
        'Griffier: G.F.C. van Leiden'
    """
    if question.answer_type != "person":
        return None
    asked = _offices(question.text) - {"lid"}
    for m in _LIST_LABEL.finditer(text):
        # The office itself, not a compound of it ("Adjunct-griffier: ..." for "wie was de griffier?").
        if not any(re.fullmatch(_OFFICES[office], m.group(1), re.I) for office in asked):
            continue
        title = _HONORIFIC.match(text, m.end())  # "Griffier: Drs. M.J. van der Leeden"
        name = _PERSON_RE.match(text, title.end() if title else m.end())
        if name is None or name.group(0).split()[-1].lower() in question.text.lower():
            continue  # "Wie is de opvolger van griffier Van Toor?" is not answered by Van Toor
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        after = _LIST_LABEL.search(text, name.end(), line_end)
        end = after.start() if after else line_end
        return m.start(1), len(text[:end].rstrip(" ,;"))
    return None


# A signature on a line of its own: "De vice-president van de Raad van State, Th.C. de Graaf", "De
# Minister van Volksgezondheid, Welzijn en Sport, mr. E.J. Agema", "De voorzitter van de commissie, Tielen".
_SIGNATURE_LINE = re.compile(
    r"^(?:De|Het)\s+(?P<office>[\w-]+(?: [\w-]+)?)\s+(?:van|voor)\s+(?P<body>[^\n]{2,80}?),\s*"
    r"(?P<name>(?:(?i:mr|dr|drs|prof|ir|ing)\.\s*)*(?:(?:[A-Z][a-z]?\.){1,4}\s*)?(?:[a-z]+\s+){0,3}[A-Z][\w’'-]+"
    r"(?:\s+[A-Z][\w’'-]+)*)\.?\s*$", re.M)
_SIGN_ASKED = re.compile(r"\b(?:(?:onder)?(?:getekend|tekende|tekenden|tekent)|ondertekend\w*|ondertekenaar\w*|"
                         r"signed|signs?|signator\w*|signature)\b", re.I)
# Asked of another holder than the signer: "Wie was de opvolger van de vice-president?"
_OTHER_HOLDER = re.compile(r"\b(?:opvolg\w*|voorganger\w*|successor\w*|predecessor\w*)\b", re.I)
_BODY_ARTICLES = {"de", "het", "the"}
_BODY_LINKS = {"van", "voor", "der", "den", "de"}


def body_initials(body: str) -> set[str]:
    """What ``body`` may be abbreviated to: its capitals ("EZK" of "Economische Zaken en Klimaat"),
    the first letter of each word ("RvS" of "Raad van State", "Rvdr"), with "en" whole ("IenW").

    Example:
        >>> sorted(body_initials("de Raad van State")), sorted(body_initials("Infrastructuur en Waterstaat"))
        (['RS', 'RvS'], ['IW', 'IenW'])
        >>> sorted(body_initials("Raad voor de rechtspraak"))
        ['Rvdr']
    """
    words = re.findall(r"[\wà-ÿ]+", body)
    if words and words[0].lower() in _BODY_ARTICLES:
        words = words[1:]  # "de Raad van State"; an inner "de" links: "Raad voor de rechtspraak"
    caps = "".join(w[0] for w in words if w[0].isupper())
    linked = "".join(w[0] for w in words if w.lower() != "en")
    with_en = "".join(w if w.lower() == "en" else w[0] for w in words)
    return {x for x in (caps, linked, with_en) if len(x) >= 2}


def _names_body(question: str, body: str) -> bool:
    """Does ``question`` name ``body`` ("de Raad van State"): each of its words as a whole word, one
    of them no generic one ("Council of State", read through the glossary, has "raad" and "State";
    "de commissie" alone names no body), or an abbreviation of it in capitals ("RvS", "EZK", "J&V")?"""
    words = [w for w in re.findall(r"[\wà-ÿ]+", body) if w.lower() not in _BODY_ARTICLES | _BODY_LINKS | {"en"}]
    if words and any(w.lower() not in _GENERIC_BODY for w in words) \
            and all(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in words):
        return True
    typed = {t.replace("&", "en") for t in re.findall(r"\b[A-Z][\w&]*[A-Z]\w*\b", question)}
    return bool(typed & body_initials(body))


def signature_span(text: str, question: Question) -> tuple[int, int] | None:
    """Where ``text`` has the signature of the one the question asks for: a line "De <office> van
    <body>, <name>" whose body the question names, and whose office it asks ("vice-" on both sides
    or neither) or whose signing it asks ("wie tekende het RvS-advies als vice-president?",
    "ondertekenaar advies RvS"). Not for another holder of the office (an "opvolger").

    Example:
        >>> text = "... tenzij het is aangepast.\\nDe vice-president van de Raad van State, Th.C. de Graaf"
        >>> start, end = signature_span(text, analyse("wie tekende het RvS-advies als vice-president?"))
        >>> text[start:end]
        'De vice-president van de Raad van State, Th.C. de Graaf'
        >>> [signature_span(text, analyse(q)) is not None for q in ("ondertekenaar advies Raad van State?",
        ...                                                          "Who signed the Council of State's advice?")]
        [True, True]
        >>> [signature_span(text, analyse(q)) for q in ("wie is de vice-president van de Europese Commissie?",
        ...  "wie is de voorzitter van de Raad van State?", "Wie was de opvolger van de vice-president van de RvS?",
        ...  "Who signed the European Council's statement on the tribunal?")]
        [None, None, None, None]
    """
    if question.answer_type != "person" or _OTHER_HOLDER.search(question.text):
        return None
    lines = list(_SIGNATURE_LINE.finditer(text))
    if not lines:
        return None  # most chunks: the question is not read again for each (in_dutch looks words up)
    asked = _offices(question.text)
    signing = bool(_SIGN_ASKED.search(question.text))
    vice = bool(re.search(r"\bvice[- ]?\w", question.text, re.I))
    named = in_dutch(question.text) if question.language == "en" else question.text  # "Council of State"
    for m in lines:
        if not _names_body(named, m.group("body")):
            continue
        office = m.group("office")
        if m.group("name").isupper():
            continue  # an unsigned decree's line runs into its next heading: "De Minister van ..., TOELICHTING"
        if signing or (vice == office.lower().startswith("vice")
                       and any(_OFFICE_RE[o].fullmatch(office) for o in asked)):
            surname = m.group("name").split()[-1]
            if not re.search(rf"\b{re.escape(surname)}\b", question.text, re.I):
                return m.start(), m.end()
    return None


# A decision list's case line: the kind of document on the list, who sent it and its date
# ("Zaak: Brief regering - minister van Justitie, Hirsch Ballin E.M.H. - 11 maart 2009").
_CASE_SENDER = re.compile(rf"\bZaak:\s*[^\n]{{2,60}}?\s[-–]\s[^\n]{{2,160}}?\s[-–]\s\d{{1,2}} ({_MONTH})")
# Asked who sent, submitted or signed a document, or of a letter: a case line's sender answers that.
_SENDER_ASKED = re.compile(r"\b(indien\w*|afzender\w*|ingediend|ingestuurd|stuurde\w*|gestuurd|verstuurd\w*|schreef|"
                           r"geschreven|van wie|door wie|from whom|by whom|sent|sender|wrote|written|submitted|"
                           r"ondertekend\w*|signed)\b", re.I)


def _has_person(sentence: str, question: Question) -> bool:
    """A name the question does not give; where the question asks who holds an office, not a
    name the sentence gives only another office ("voorzitter commissie Financiën" is not
    answered by "staatssecretaris van Financiën, E.D. Wiebes", "Who chairs the CTIVD?" not by
    "Dennis Botman, de nieuwe hoge vertegenwoordiger"); a name with the office asked near it
    ("De minister heeft A. Jansen benoemd tot voorzitter") or with no office at all is one.
    Not the sender a decision list's case line names, unless a sender or a letter is asked:
    who chaired the meeting is not who wrote to it."""
    if not (_SENDER_ASKED.search(question.text) or _ABOUT_A_LETTER.search(question.text)):
        sentence = _CASE_SENDER.sub(lambda m: m.group(0) if _office_of_asked_body(m.group(0), question) else " ",
                                    sentence)
    asked = _offices(question.text)
    for m in _PERSON_RE.finditer(sentence):
        if m.group(0).split()[-1].lower() in question.text.lower():
            continue
        if not asked:
            return True
        # The name's own clause ("Griffier: T.J.E. van Toor" is not the chair the sentence before
        # names), and its apposition after it.
        before = re.split(r"[.;]\s|\bZaak\b|\bBesluit\b", sentence[max(0, m.start() - 80):m.start()])[-1]
        rest = sentence[m.end():m.end() + 80]
        own = rest[_APPOSITION.match(rest).end():]
        own = own.split(None, 1)[0] if own.strip() else ""
        told = _offices(f"{before} {m.group(0)} {own}")
        if told & asked and not _same_body(question, f"{before} {m.group(0)} {rest}"):
            continue  # the chair of another body
        if told & asked or not told - {"lid"}:  # a member may hold any office ("Kamerlid ... rapporteur")
            return True
    return _holder_by_title(sentence, asked, question)


# The body an office is of: "voorzitter van de ministeriële commissie voor de taakstelling".
_BODY = re.compile(r"\b(?:voorzitter|voorzit\w*|vz|chair\w*|president|hoofd|head|griffier|clerk|directeur|director)\s+"
                   r"(?:van|vd|of)\s+((?:[\w-]+\s*){1,6})", re.I)
_GENERIC_BODY = {"commissie", "committee", "raad", "council", "college", "board", "de", "het", "the", "van", "voor", "of",
                 "for", "tijdelijke", "vaste", "nieuwe", "huidige", "temporary", "new", "current", "op", "on", "en", "and"}


def _body_words(text: str, specific: bool = True) -> set[str]:
    """The words of ``text`` by their first six letters (compounds and endings aside), without
    the generic ones ("commissie", "tijdelijke") unless ``specific`` is False."""
    return {w[:6] for w in re.findall(r"[\wà-ÿ]+", text.lower())
            if not specific or (w not in _GENERIC_BODY and len(w) > 2)}


def capital_initials(name: str) -> str:
    """The first letters of ``name``'s capitalised words, lower case: what its abbreviation may be.

    Example:
        >>> capital_initials("vaste commissie voor Binnenlandse Zaken en Koninkrijksrelaties")
        'bzk'
    """
    return "".join(w[0] for w in re.findall(r"\b[A-Z][\w-]*", name)).lower()


# "Wie zat de procedurevergadering ... voor?": who chaired it.
_SAT_IN_THE_CHAIR = re.compile(r"\bzat\b.*\bvoor\s*\??\s*$", re.I)


def _office_of_asked_body(told: str, question: Question) -> bool:
    """May ``told`` (a case line's sender) be the holder the question asks for: an office it asks
    about, of a body it names ("voorzitter van het Presidium, Verbeet G.A." for "Voorzitter Presidium
    maart 2009", "staatssecretaris van Binnenlandse Zaken" for "staatssecretaris van BZK"), or any
    name where it asks no office ("Wie was de Nationale ombudsman in 2009?")? An English question
    is read through the glossary ("Minister of Finance")."""
    asked = _offices(question.text) or ({"voorzitter"} if _SAT_IN_THE_CHAIR.search(question.text) else set())
    if not asked:
        return True
    if question.language == "en" and _BODY.search(question.text) and not re.search(r"\b[A-Z]{2,}\b", question.text):
        return bool(_offices(told) & asked)  # "the president of the Court of Audit": no word in common
    text = in_dutch(question.text) if question.language == "en" else question.text
    words = _body_words(text)
    abbreviations = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", question.text)}
    for m in re.finditer(r"([\w-]+)\s+(?:van|voor|of)\s+(?:het\s+|de\s+|the\s+)?((?:[\w-]+,?\s*){1,5})", told):
        if not _offices(m.group(1)) & asked:
            continue
        body = re.split(r",", m.group(2))[0]
        if _body_words(body) & words or any(a in capital_initials(body) for a in abbreviations) \
                or any(len(w) >= 3 and re.search(rf"\b{re.escape(w)}", body, re.I) for w in re.findall(r"[\w-]+", text)
                       if w.lower() not in _GENERIC_BODY):
            return True
    return False


def _same_body(question: Question, told: str) -> bool:
    """May the office told be of the body asked? False only when both name a body and they
    share no specific word ("de ministeriële commissie voor de taakstelling" is not "de
    tijdelijke gemengde commissie subsidiariteitstoets")."""
    asked, said = _BODY.search(question.text), _BODY.search(told)
    if not asked or not said or question.language != "nl":
        return True  # an English name of a Dutch body shares no word with it ("Court of Audit")
    if re.search(r"\b[A-Z]{2,}\b", asked.group(1) + said.group(1)):
        return True  # an abbreviation ("CTIVD", "JBZ-Raad") is not compared word by word
    a, b = _body_words(asked.group(1)), _body_words(said.group(1))
    return not a or not b or bool(a & b)


# A member of the cabinet named by office ("de minister van Justitie en Veiligheid"), who may hold
# another office too: the chair of a meeting, the lead of a delegation.
_TITLE = re.compile(r"\b(minister-president|premier|minister|staatssecretaris)\s+(?:van|voor)\s+[A-Z]", re.I)


_PRESIDENCY = re.compile(r"\b(voorzitterschap|presidency|presidentschap)\b", re.I)


def _holder_by_title(sentence: str, asked: set[str], question: Question) -> bool:
    """Does a cabinet member named by office, or for a chair a country, hold the office asked
    in ``sentence``, of the body asked ("een ontbijtbijeenkomst ..., die de minister van Justitie en
    Veiligheid zal voorzitten" answers who chairs it, not who chairs the JBZ-Raad; "staatssecretaris
    van Financiën, E.D. Wiebes" is no chair)?"""
    if not asked or asked & {"minister", "staatssecretaris"}:
        return False  # the name of a minister is asked, not the office
    holders = [m for m in _TITLE.finditer(sentence)]
    if "voorzitter" in asked and _PRESIDENCY.search(sentence):
        # A country holds the presidency of the Council: "neemt Cyprus het voorzitterschap over".
        holders += [m for m in _COUNTRY_RE.finditer(sentence)]
        holders += [m for pattern in _COUNTRY_TOLD.values() for m in pattern.finditer(sentence)]
    for m in holders:
        near = _TITLE.sub(" ", sentence[max(0, m.start() - 60):m.end() + 60])  # not another member's title
        if _offices(near) & asked and _body_near(question, near):
            return True
    return False


def _body_near(question: Question, near: str) -> bool:
    """Is the body whose office a Dutch question asks about ("vz van het ontbijt vd CT-kopgroep")
    named near the holder ("een ontbijtbijeenkomst ..., die de minister ... zal voorzitten"), by a
    word's first six letters? Not "voorzitter van de JBZ-Raad" there."""
    asked = _BODY.search(question.text)
    if not asked or question.language != "nl":
        return True
    words = _body_words(asked.group(1))
    return not words or bool(words & _body_words(near, specific=False))


def _has_article(sentence: str, question: Question) -> bool:
    named = {m.group(2).lower() for m in _ARTICLE_RE.finditer(question.text)}
    return any(m.group(2).lower() not in named for m in _ARTICLE_RE.finditer(sentence))


def _has_claim_figure(sentence: str, question: Question) -> bool:
    kinds = question.claim_kinds
    if "amount" in kinds:
        return bool(_MONEY_RE.search(sentence))
    if "percent" in kinds:
        return bool(_PERCENT_RE.search(sentence))
    return True


# A parliamentary paper's reference: "Kamerstuk 32 317, nr. 872", "Kamerstukken II 2022/23, 22 112, nr. 3739",
# "36 600 XVIII, nrs. 5 en 6", "Kamerstuk 22 112-4030", "21501-02, nr. 3121", "nr. WJZ/87203799", "Ons kenmerk
# 2024-0000012345", "2024Z01234", "Stb. 2024, 123", "COM(2025) 101", "No. W18.23.00028/IV", a decision list's
# "- 21501-03-99". Not a range or an amount: "12000-15 000", "€ 21501-02 miljoen".
_REFERENCE = re.compile(
    r"\b\d{2}\s?\d{3}(?:-[\dA-Z]{1,5}|\s[IVXL]{1,6}\b){0,2},?\s*nrs?\b\.?\s*\d+|\bkamerstuk(?:ken)?\s+(?:I{1,2}\s+)?"
    r"(?:\d{4}/\d{2},?\s*)?\d{2}\s?\d{3}\b|\bnrs?\.\s*[A-Z]{2,}[\w/.-]*\d{3,}|\bkenmerk:?\s+[\w/.-]*\d{3,}[\w/.-]*|"
    r"\b(?:Stb|Stcrt)\.\s*\d{4},?\s*(?:nr\.\s*)?\d+|\b(?:COM|SWD|JOIN|C)\s?\(\d{4}\)\s?\d+|\b\d{4}Z\d{5}\b|"
    r"\bW\d{2}\.\d{2}\.\d{4,5}/[IVX]+\b|"  # the Raad van State's number: "No. W18.23.00028/IV"
    r"(?<![\w.,/€-])(?<!€ )\d{5}(?:-[\dA-Z]{1,4}){1,2}(?![\w,/-]|\s\d)", re.I)
# The papers whose number is asked, and the ways staff ask it: "kamerstuknummer non-paper detentie", "Welk nr.
# heeft het ontwerpbesluit?", "nummer motie ceder?", "vindplaats BNC-fiche", "What is the document number of
# ...?". Not another number ("Onder welk nummer staat de verordening op de agenda?", "welk nummer artikel 5"),
# "kenmerk" as a trait ("Welk belangrijk kenmerk heeft de verordening?"), nor "reference" as an adjective.
_PAPER = (r"(?:kamerstuk\w*|kst|moties?|amendement\w*|\w*brief|\w*fiche|\w*besluit|nota|nvw|mvt|memorie|wetsvoorstel|"
          r"wv|advies|stuk|non-?paper|paper|motions?|amendments?|letter|bill|decree|memorandum|document)")
_REFERENCE_ASKED = re.compile(
    r"\bkamerstuk[- ]?(?:nummer|nr\b\.?)|\bkst[- ]?(?:nummer|nr\b\.?)|\b(?:dossier|document|zaak)nummer\b|"
    r"\bvindplaats\b|\bkamerstuk\s*verwijzing\b|\bwelk\s+kamerstuk\b|"
    rf"\b(?:welk|welke|wat is het|wat is de)\s+(?:nummer|nr\b\.?|kenmerk|referentie)\b(?=.*\b{_PAPER}\b)|"
    rf"\b(?:nummer|nr\b\.?|kenmerk)\s+(?:van\s+)?(?:(?:de|het|dit|deze|die)\s+)?{_PAPER}\b|"
    r"\b(?:document|reference|paper|file|dossier|kamerstuk)\s+(?:number|no\b\.?)|"
    rf"\bwhat\s+number\s+(?:does|did|has|is)\s+(?:the|this|that)\s+{_PAPER}\b", re.I)


def asks_reference(text: str) -> bool:
    """Does a question ask for a paper's number? Not when it gives one itself ("Wie heeft de MvT
    (kamerstuknr 36450-3) ondertekend?") or asks why.

    Example:
        >>> [asks_reference(q) for q in ("nummer motie ceder?", "kamerstuknr vh BNC-fiche volwassenen",
        ...  "Welk kenmerk heeft de brief?", "Welk belangrijk kenmerk heeft de verordening?",
        ...  "Wanneer is de motie met kamerstuknummer 21501-02 nr 3121 ingediend?")]
        [True, True, True, False, False]
    """
    return bool(_REFERENCE_ASKED.search(text)) and not _REFERENCE.search(text) \
        and not re.search(r"\b\d{2}\s?\d{3}\b", text) and not re.match(r"\s*(waarom|why)\b", text, re.I)


def _has_reference(sentence: str, question: Question) -> bool:
    """Does ``sentence`` give a paper's reference, other than one the question gives itself?

    Example:
        >>> _has_reference("Kamerstuk 32 317, nr. 872.", analyse("kamerstuknummer non-paper detentie"))
        True
        >>> _has_reference("In 2024 zijn 32 317 meldingen gedaan.", analyse("kamerstuknummer non-paper detentie"))
        False
    """
    asked = re.sub(r"\s", "", question.text)
    return any(re.sub(r"\s", "", m.group(0)) not in asked and not _of_another_paper(sentence[:m.start()], question)
               for m in _REFERENCE.finditer(sentence))


_PAPER_RE = re.compile(rf"\b{_PAPER}\b", re.I)


def _of_another_paper(before: str, question: Question) -> bool:
    """Is a reference the number of a paper named just before it that the question does not name?
    "kamerstuknummer regeerprogramma" is not answered by "per motie van het lid Dassen (Kamerstuk
    36 471, nr. 91)"."""
    named = _PAPER_RE.findall(before[-60:])
    asked = question.text.lower()
    return bool(named) and not any(n.lower()[:5] in asked for n in named)


FACT_CHECKS = {
    "date": _has_date,
    "amount": _has_amount,
    "number": _has_number,
    "countries": _has_countries,
    "parties": _has_parties,
    "person": _has_person,
    "article": _has_article,
    "reference": _has_reference,
}


# The role a country has in a question or sentence, by the preposition before it.
_ROLE_OF = {"vanuit": "from", "uit": "from", "from": "from", "naar": "to", "to": "to", "into": "to", "aan": "to",
            "in": "in"}
_ROLE_RE = re.compile(r"\b(" + "|".join(_ROLE_OF) + r")\s+(?:het\s+|de\s+|the\s+)?([\wÀ-ÿ]+)", re.I)


def _roles(text: str, other_than: set[str] = frozenset()) -> set[tuple[str, str]]:
    """``(role, country)`` for each country ``text`` names after a preposition ("vanuit Libië")."""
    out = set()
    for m in _ROLE_RE.finditer(text):
        named = places(m.group(2))
        if named and not named & other_than:
            out |= {(_ROLE_OF[regex_fold(m.group(1))], country) for country in named}
    return out


def _of_another_country(sentence: str, question: Question) -> bool:
    """Is ``sentence`` about another country than the one asked, in the same role ("aantal
    migranten vanuit Libanon" is not answered by "In 2025 kwamen vanuit Libië 72,791 migranten";
    "steun aan Oekraïne" is by "sinds de inval van Rusland ... 3 miljard euro")? A list of
    countries is asked for as such; a sentence that names no country may be of any."""
    if not question.places or question.answer_type == "countries":
        return False
    asked = {role for role, _ in _roles(question.text)}
    if not asked or places(sentence) & question.places:
        return False
    return any(role in asked for role, _ in _roles(sentence, other_than=question.places))


# A body named by its initials at the head of a clause ("ACTAL deed dit", "het ATR adviseert"), and
# the marks that part a sentence's clauses (not a dash between figures: "4–6 weken"). Initials that
# are a unit, a currency or a term, not a body, do not count.
_HEADED_BY_INITIALS = re.compile(r"^\s*(?:de\s+|het\s+|the\s+)?([A-Z]{3,5})\b")
_NOT_A_BODY = {"EUR", "USD", "FTE", "MKB", "BBP", "BNP", "BNI", "BTW", "CEO", "EIB", "COVID", "OESO", "OECD", "II",
               "III", "IV", "VI", "VII", "VIII", "XII"}
_CLAUSE_MARK = re.compile(r",\s|[;:()]|(?<!\d)[–—](?!\d)")  # not the decimal comma of "€ 1,8 miljoen"


def _of_another_body(sentence: str, question: Question) -> bool:
    """For a count or amount of a body the question names by its initials (ATR): is every figure in
    ``sentence`` in a clause headed by other initials, while another clause is headed by the asked
    ones? "(ATR doet dit gelijktijdig met de consultatie, ACTAL deed dit vier weken voor
    besluitvorming)" gives no term of the ATR."""
    if question.answer_type not in ("number", "amount"):
        return False
    asked = set(re.findall(r"\b[A-Z]{3,5}\b", question.text)) - _NOT_A_BODY
    if not asked:
        return False
    heads = []
    for clause in _CLAUSE_MARK.split(sentence):
        m = _HEADED_BY_INITIALS.match(clause)
        heads.append((m.group(1) if m and m.group(1) not in _NOT_A_BODY else None, clause))
    if not any(head in asked for head, _ in heads):
        return False  # the asked body heads no clause of its own: the sentence may be of it throughout
    # Any new number will do here: a unit or the counted noun may stand once, in the other clause.
    figures = [head for head, clause in heads if _new_numbers(clause, question, years=False)]
    return bool(figures) and all(head is not None and head not in asked for head in figures)


def has_fact(question: Question, sentence: str) -> bool:
    """Does ``sentence`` hold the kind of fact ``question`` asks for?

    True for questions whose type has no such test (a position, a reason): the
    similarity model decides those alone.
    """
    check = FACT_CHECKS.get(question.answer_type)
    if check is not None:
        return check(sentence, question) and not _of_another_country(sentence, question) \
            and not _of_another_body(sentence, question)
    if question.yes_no and question.claim_kinds:
        return _has_claim_figure(sentence, question)
    return True


# Words that say a sentence takes a side: what a yes/no question should lead with.
POLARITY = re.compile(
    r"\b(niet|geen|nooit|wel|steunt|steunen|verwelkomt|onderschrijft|kan instemmen|stemt in|is voorstander|"
    r"is tegen|wijst af|verzet zich|is kritisch|terughoudend|positief|negatief|akkoord|aangenomen|verworpen|"
    r"ja|nee|inderdaad|not|no|does|supports|opposes|agrees)\b", re.I)


GLOSSARY_FILE = Path(__file__).with_name("glossary_en_nl.tsv")


@lru_cache(maxsize=1)
def glossary() -> dict[str, list[str]]:
    """English policy words and the Dutch words letters use for them (``rag/glossary_en_nl.tsv``)."""
    out: dict[str, list[str]] = {}
    for line in GLOSSARY_FILE.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            english, dutch = line.split("\t", 1)
            out[english] = dutch.split("|")
    return out


def dutch_words(word: str) -> list[str]:
    """The Dutch words for an English word (plurals and -ing/-ed forms reduced), or []."""
    table = glossary()
    word = word.lower()
    for form in (word, word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None,
                 word[:-3] + "y" if word.endswith("ies") else None, word[:-3] if word.endswith("ing") else None,
                 word[:-2] if word.endswith("ed") else None, word[:-1] if word.endswith("d") else None):
        if form and form in table:
            return table[form]
    return []


def in_dutch(text: str) -> str:
    """An English question's words with their Dutch equivalents added, so that its topic
    can be matched against Dutch letters.

    Example:
        >>> "terugkeer" in in_dutch("What is the Dutch line on voluntary return?")
        True
    """
    extra = [d for w in re.findall(r"[a-z]+", text.lower()) for d in dutch_words(w)[:2]]
    return f"{text} {' '.join(extra)}" if extra else text


# Longer than any question staff type; a pasted letter is no question, and its cost (regexes,
# embedding up to the model's limit) is not worth paying.
MAX_QUESTION_CHARS = 2000


def check_question(question: str) -> str:
    """The question without surrounding whitespace; a ValueError with a sentence to show
    when it is empty or too long.

    Example:
        >>> check_question("  Europol?  ")
        'Europol?'
    """
    text = (question or "").strip()
    if not text:
        raise ValueError("lege vraag: typ een vraag over de brieven")
    if len(text) > MAX_QUESTION_CHARS:
        raise ValueError(f"de vraag is {len(text):,} tekens lang; stel een vraag van hoogstens "
                         f"{MAX_QUESTION_CHARS:,} tekens".replace(",", "."))
    return text
