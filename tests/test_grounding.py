"""The grounding check on generated answers: citation forms, figures, echoes, and a
committed set of faithful and adversarial LLM answers over real letters."""

from __future__ import annotations

import json
import re

import pytest

from rag.claims import parse_citations, split_claims
from rag.facts import claim_numbers, numbers_in, seasons_in
from rag.grounding import ATTRIBUTION, STANCE_AGAINST, STANCE_FOR, GroundingCheck
from tests.conftest import LETTERS, ROOT

SET = ROOT / "eval" / "llm-check" / "answers.jsonl"
SOURCE = ("De implementatie van ETIAS staat gepland voor het vierde kwartaal van 2026. In 2025 kwamen "
          "72,791 migranten vanuit Libië irregulier aan in Europa. Nederland ziet in positieve zin volop "
          "mogelijkheden om de rol van Europol binnen het bestaande mandaat te versterken.")


def test_citation_forms():
    assert parse_citations("1, 2") == [1, 2]
    assert parse_citations("1-3") == [1, 2, 3]
    assert parse_citations("2;4") == [2, 4]
    claims, uncited = split_claims("ETIAS start in het vierde kwartaal van 2026 [1][2]. Dat is later [1-2].")
    assert claims and all(c.cites == [1, 2] for c in claims) and not uncited


def test_numbers_are_read_in_both_notations():
    assert {72791.0, 72.791} <= numbers_in("72,791") and 72791.0 in numbers_in("72.791")
    assert 2.5 in numbers_in("2,5 miljoen") and 17.0 in numbers_in("zeventien lidstaten")
    assert 27.0 in numbers_in("zevenentwintig landen")


@pytest.mark.parametrize(
    "answer, ok",
    [
        ("ETIAS staat gepland voor het vierde kwartaal van 2026 [1].", True),
        ("ETIAS staat gepland voor het vierde kwartaal van 2025 [1].", False),  # year
        ("ETIAS staat gepland voor het derde kwartaal van 2026 [1].", False),  # quarter
        ("In 2025 kwamen 5.000 migranten vanuit Libië irregulier aan in Europa [1].", False),  # number
        ("In 2025 kwamen 72.791 migranten vanuit Libië irregulier aan in Europa [1].", True),  # other notation
        ("In 2025 kwamen 72,791 migranten vanuit Tunesië irregulier aan in Europa [1].", False),  # entity
        ("Nederland ziet geen mogelijkheden om de rol van Europol binnen het mandaat te versterken [1].", False),
        ("ETIAS go-live wanneer? [1]", False),  # echo
        ("ETIAS staat gepland voor het vierde kwartaal van 2026 [2].", False),  # no such source
        ("ETIAS staat gepland voor het vierde kwartaal van 2026.", False),  # no citation
    ],
)
def test_claims_are_compared_on_content(answer, ok):
    verdict = GroundingCheck().check(answer, "ETIAS go-live wanneer?", [SOURCE])
    assert verdict.ok is ok, verdict.reason


def test_a_source_reference_is_no_figure():
    verdict = GroundingCheck().check("Uit bron 1 blijkt dat ETIAS gepland staat voor het vierde kwartaal van 2026 [1].",
                                     "wanneer start ETIAS?", [SOURCE])
    assert verdict.ok, verdict.reason


def test_reworded_not_found_is_read_as_not_found():
    check = GroundingCheck()
    for text in ("De bronnen zeggen niets over het budget.", "The sources do not mention a budget.",
                 "De bron noemt geen bedrag.", "The source gives no date for it.",
                 "The source does not name the municipalities."):
        verdict = check.check(text, "budget?", [SOURCE])
        assert verdict.ok and verdict.not_found, text
    # A claim about what one source says is checked, not waved through as "not found".
    for text in ("Volgens bron 1 ziet Nederland geen mogelijkheden om Europol te versterken [1].",
                 "The letter does not support strengthening the role of Europol within its mandate [1]."):
        verdict = check.check(text, "Europol?", [SOURCE])
        assert not verdict.ok and not verdict.not_found, text


def test_where_a_claim_says_it_is_from_is_no_part_of_it():
    # A compound that ends in a document word is content: "in de nieuwe digitale onderwijsagenda".
    assert ATTRIBUTION.sub(" ", "Het kabinet investeert in de nieuwe onderwijsagenda.") == (
        "Het kabinet investeert in de nieuwe onderwijsagenda.")
    assert ATTRIBUTION.sub(" ", "Volgens de oppositie ziet Nederland meerwaarde.").strip() == "ziet Nederland meerwaarde."
    for said, rest in [("Volgens de brief borduurt de verordening voort.", "borduurt de verordening voort."),
                       ("volgens het koopkrachthoofdstuk is dat een verlaging", "is dat een verlaging"),
                       ("According to the letter, the ATR gets a permanent status.", "the ATR gets a permanent status."),
                       ("In de brief over het werkprogramma 2025 staat dat", "staat dat")]:
        assert ATTRIBUTION.sub(" ", said).strip() == rest
    # A source named as the speaker is left out of the words too, but as a name it must be there.
    assert ATTRIBUTION.sub(" ", "Volgens de nieuwe Schengenbarometer daalde het aantal.").strip() == "daalde het aantal."
    check = GroundingCheck()
    claim = "{} ziet Nederland volop mogelijkheden om de rol van Europol binnen het mandaat te versterken [1]."
    assert check.check(claim.format("Volgens de brief"), "?", [SOURCE]).ok
    assert check.check(claim.format("Volgens de Commissie"), "?", [SOURCE]).reason == "'Commissie' is not in the cited source"


def test_a_claim_in_the_letters_other_words_is_held():
    # The same facts in other Dutch words: a synonym, a compound's head, a light verb, a word order.
    source = ("In 2025 en 2026 wordt het eigen risico bevroren. Daarna wordt het eigen risico vanaf 2027 fors "
              "verlaagd. Uiterlijk in 2026 ligt er een brede bedrijfsbeëindigingsregeling, maar we dwingen niemand "
              "te stoppen.")
    check = GroundingCheck()
    for answer, ok in [
        ("Volgens het regeerprogramma gaat het eigen risico vanaf 2027 flink omlaag [1].", True),
        ("Volgens het regeerprogramma gaat het eigen risico vanaf 2027 flink omhoog [1].", False),
        ("Uiterlijk in 2026 komt er een brede regeling voor bedrijfsbeëindiging, maar geen boer wordt gedwongen "
         "te stoppen [1].", True),
        ("Uiterlijk in 2026 komt er een brede regeling voor bedrijfsbeëindiging, en boeren worden gedwongen te "
         "stoppen [1].", False),
    ]:
        verdict = check.check(answer, "eigen risico en boeren?", [source])
        assert verdict.ok is ok, (answer, verdict.reason)


def test_fall_is_a_season_only_as_one():
    assert seasons_in("in the fall of 2025") == seasons_in("najaar 2025") == seasons_in("after fall") == {"autumn"}
    assert seasons_in("Other offences should also fall within its scope.") == set()


def test_a_word_is_matched_as_it_was_written_too():
    # The stemmer makes "migreer" of "migratie" but "migratiestroom" of "migratiestromen", and
    # "social" of "sociale" but "sociaal" of "sociaal": the words as written still match.
    check = GroundingCheck()
    for claim, source in [("migratie", "migratiestromen"), ("sociale", "sociaal"), ("gehalveerd", "halveren"),
                          ("omlaag", "verlagen")]:
        assert check._overlap(check._content(claim), check._content(source)) == 1.0, (claim, source)
    # Not a word's tail: "onveilig" is no "veilig", a "tegenvoorstel" no "voorstel" (a second reader's cases).
    for claim, source in [("verhogen", "verlagen"), ("migranten", "migratie"), ("kabel", "kabinet"),
                          ("onveilig", "veilig"), ("tegenvoorstel", "voorstel"), ("onbetaalbare", "betaalbare")]:
        assert check._overlap(check._content(claim), check._content(source)) == 0.0, (claim, source)


def test_eight_is_a_number_and_acht_a_verb():
    assert claim_numbers("acht lidstaten steunen het voorstel") == [{8.0}]
    assert claim_numbers("het gaat om acht.") == [{8.0}]
    assert claim_numbers("Nederland is blij en acht nauwere samenwerking waardevol") == []
    assert claim_numbers("het kabinet acht het van belang") == []
    # Before a plural it is eight, whoever stands before it: "steunde Nederland acht hoofdstukken".
    assert claim_numbers("In juni steunde Nederland acht hoofdstukken") == [{8.0}]


def test_a_count_of_the_claims_own_list_is_no_figure_the_source_must_give():
    # kst-32317-995 lists the three members of the cabinet without counting them.
    assert claim_numbers("Er schuiven drie bewindspersonen aan: de minister van Justitie en Veiligheid, de minister "
                         "van Asiel en Migratie en de staatssecretaris van Justitie en Veiligheid.") == []
    assert claim_numbers("The Council has two options (a delay and a phased start).") == []
    # A count that its list does not bear out, and amounts after a colon, stay figures.
    assert claim_numbers("Er schuiven vier bewindspersonen aan: de minister van JenV en de staatssecretaris.") == [{4.0}]
    assert len(claim_numbers("Nederland betaalt 3 miljoen euro: 1 miljoen voor A en 2 miljoen voor B.")) == 3
    # An amount is no count, whatever its list: an invented total stays to be checked.
    assert claim_numbers("Het kabinet trekt € 3 miljoen uit: voor A, B en C.") != []
    assert len(claim_numbers("Het budget bedraagt 3 miljoen euro: 1 miljoen voor handhaving, 1 miljoen voor preventie "
                             "en 1 miljoen voor onderzoek.")) == 4


# Two sentences about different years and figures, a sentence between them (a second reader's cases).
TWO_YEARS = ("In 2024 kwamen 100 migranten irregulier aan. Dat blijkt uit cijfers van het agentschap. In 2025 "
             "kwamen 200 migranten irregulier aan in Italië via Libië, vooral uit Egypte en Bangladesh.")
TWO_PERCENTAGES = ("Het aantal succesvolle terugkeeroperaties is in 2025 gestegen met 13%. Het aantal irreguliere "
                   "grensoverschrijdingen van migranten is in 2025 met 25% gedaald.")


@pytest.mark.parametrize(
    "source, answer, ok",
    [
        (TWO_YEARS, "In 2025 kwamen 200 migranten irregulier aan in Italië via Libië, vooral uit Egypte en Bangladesh [1].", True),
        # The year of one sentence with the figures of the other.
        (TWO_YEARS, "In 2024 kwamen 200 migranten irregulier aan in Italië via Libië, vooral uit Egypte en Bangladesh [1].", False),
        (TWO_PERCENTAGES, "Het aantal succesvolle terugkeeroperaties is in 2025 met 13% gestegen [1].", True),
        # The percentage of the sentence that shares fewer of the claim's words.
        (TWO_PERCENTAGES, "Het aantal succesvolle terugkeeroperaties van irreguliere migranten is in 2025 met 25% "
                          "gestegen [1].", False),
    ],
)
def test_a_figure_is_not_taken_from_the_neighbouring_sentence(source, answer, ok):
    verdict = GroundingCheck().check(answer, "?", [source])
    assert verdict.ok is ok, verdict.reason


@pytest.mark.parametrize(
    "entity, held",
    [("Raadsconclusies", True), ("Commissievoorstel", True), ("JHA", True),
     # Parts from anywhere in the text, or an acronym through the glossary's ordinary words.
     ("Europolverordening", False), ("Tegenvoorstel", False), ("USA", False), ("COA", False)],
)
def test_which_entities_the_source_holds(entity, held):
    text = ("De JBZ-Raad neemt conclusies aan. Europol krijgt een rol bij de uitvoering van de verordening. "
            "Nederland is tegen het voorstel van de Commissie over de Verenigde Staten en de opvang.")
    tokens = {t.lower() for t in re.findall(r"[\wÀ-ÿ]+", text)}
    assert GroundingCheck._entity_in(entity, tokens, text) is held


CITED = ["kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt", "llm13_regeerprogramma-2024.pdf",
         "llm03_kst-36450-3_memorie-van-toelichting.pdf", "llm06_kst-29515-496_kamerbrief-werkprogramma-ATR-2025.pdf"]


@pytest.fixture(scope="module")
def committed(embedder):
    from rag.evaluate import chunk_texts, evaluate_grounding

    return evaluate_grounding(SET, chunk_texts(LETTERS / n for n in CITED), GroundingCheck(embedder.embed_passages, embed_sources=embedder.embed_letter_text))


@pytest.mark.slow
def test_committed_set_is_large_enough_and_mostly_held():
    items = [json.loads(x) for x in SET.read_text(encoding="utf-8").splitlines()]
    assert sum(i["faithful"] for i in items) >= 50 and sum(not i["faithful"] for i in items) >= 50
    kinds = {i["kind"] for i in items if not i["faithful"]}
    assert {"wrong_number", "wrong_date", "negation", "echo", "invented_entity", "wrong_source"} <= kinds


@pytest.mark.slow
def test_committed_set_target(committed):
    # The target, on the set the check was developed against (eval/llm-check/answers.jsonl);
    # the sets written later, and held out, still show false accepts (eval/reports/llm-check.md).
    assert not committed.false_accepts, committed.false_accepts
    assert committed.faithful_accepted >= 0.95, committed.false_rejects


@pytest.mark.slow
def test_a_source_cited_again_is_not_embedded_again_and_dutch_claims_need_no_window_vectors(embedder):
    """The model sees each source passage once per process (the next answer usually cites
    the same chunks); a Dutch claim over a Dutch letter is held by its words alone; claims
    and questions never go where letter text goes (the vector cache may keep that)."""
    from rag.chunk import chunk_letter
    from rag.parse import parse_file
    from rag.sentences import split_sentences

    europol = next(c.text for c in chunk_letter(parse_file(LETTERS / CITED[0])) if c.item_title == "Toekomst van Europol")
    sentences = {s.text for s in split_sentences(europol)}
    claims: list[str] = []
    sources: list[str] = []

    def embed(texts: list[str]):  # the real model, noting what it is given
        claims.extend(texts)
        return embedder.embed_passages(texts)

    def embed_sources(texts: list[str]):
        sources.extend(texts)
        return embedder.embed_passages(texts)

    check = GroundingCheck(embed, embed_sources=embed_sources)
    english = "The Netherlands sees many opportunities to strengthen Europol's role within its current mandate [1]."
    question = "What does NL think about Europol?"
    assert check.check(english, question, [europol], "en").ok
    assert question in claims and not [t for t in claims if t in europol]
    assert sources and all(t in europol for t in sources)
    # An English claim is held by meaning: its sentences and two-sentence windows were embedded.
    assert set(sources) & sentences and set(sources) - sentences
    before = len(sources)
    assert check.check(english, "Dutch view on Europol?", [europol], "en").ok
    assert len(sources) == before  # cited again: no letter text embedded again

    sources.clear()
    dutch = "Nederland ziet volop mogelijkheden om de rol van Europol binnen het bestaande mandaat te versterken [1]."
    assert GroundingCheck(embed, embed_sources=embed_sources).check(dutch, "Wat vindt NL van Europol?", [europol]).ok
    assert sources and set(sources) <= sentences  # no window embedded
    assert not [t for t in claims if t in europol]  # letter text goes only where it may be cached


@pytest.fixture(scope="module")
def agenda_chunks() -> list[str]:
    from rag.chunk import chunk_letter
    from rag.parse import parse_file

    return [c.text for c in chunk_letter(parse_file(LETTERS / CITED[0]))]


@pytest.fixture(scope="module")
def model_check(embedder) -> GroundingCheck:
    return GroundingCheck(embedder.embed_passages, embed_sources=embedder.embed_letter_text)


EES = "De gefaseerde implementatie duurt 180 dagen"
LIBYA = "In 2025 kwamen vanuit Libië 72,791 migranten irregulier"
LIBYA_EN = "In 2025, 72,791 migrants arrived irregularly in Europe from Libya [1]. "
RETURNS = "succesvolle terugkeeroperaties gestegen met 13%"
LABOUR = "kritisch op het directe verband tussen arbeidsmigratie"
CHARTER = "over het jaarverslag 2025 van de Europese Commissie"
BREAKFAST = "ontbijtbijeenkomst van de kopgroep"
SECONDARY = "Ook zijn secundaire migratiestromen met 25% gedaald"
PARTNERS = "Nederland ziet meerwaarde in een nauwere samenwerking"
DETENTION = "niet uitsluitend wordt benaderd vanuit de drugscriminaliteit"
NO_BILLS = "De Commissie introduceert geen wetgevende voorstellen"
CLAIMS = "Vertegenwoordigers van 35 landen en de EU hebben dit verdrag ondertekend"
EUROPOL = "De Commissie heeft aangekondigd om in het"
LINK = "Zo is Nederland voorstander van een"
EES_CLAIM = ("Het EES is op 12 oktober {} geleidelijk in gebruik genomen en wordt op alle grensdoorlaatposten in "
             "Nederland gebruikt, maar is door technische problemen met de nationale ICT-systemen nog niet volledig "
             "operationeel [1].")
CHARTER_CLAIM = ("De {} wijzen op de samenhang tussen naleving van de rechtsstaat, toepassing van het Handvest en "
                 "ontvangst van EU-financiering [1].")


@pytest.mark.slow
@pytest.mark.parametrize(
    "passage, answer, ok",
    [
        # The JBZ-Raad is the JHA Council: an acronym counts as the letters' own acronym for it.
        (BREAKFAST, "The Netherlands hosts a breakfast of the counter-terrorism core group before the JHA Council "
                    "on 5 March [1].", True),
        (BREAKFAST, "The Netherlands hosts a breakfast of the counter-terrorism core group before the EPSCO Council "
                    "on 5 March [1].", False),
        # A percentage the sentence does not give, while it gives another: 25% is the fall in
        # crossings two sentences away, swapped in.
        (RETURNS, "Het aantal succesvolle terugkeeroperaties is met 13% gestegen [1].", True),
        (RETURNS, "Het aantal succesvolle terugkeeroperaties is met 25% gestegen [1].", False),
        (RETURNS, "The number of successful return operations rose by 25% [1].", False),
        # One claim joining two sentences takes its year from the one that shares its words.
        (EES, EES_CLAIM.format(2025), True),
        (EES, EES_CLAIM.format(2024), False),
        # A two-sentence window dilutes a five-word English claim (0.52 against 0.82 for its sentence).
        (LIBYA, LIBYA_EN + "That was 64% more than in 2024 [1].", True),
        (LIBYA, LIBYA_EN + "That was 46% more than in 2024 [1].", False),
        # The window joins "onderschrijft ... kennismigratie" with "kritisch op het directe verband":
        # the verb of one sentence must not be given the object of the next.
        (LABOUR, "Het kabinet is kritisch op het directe verband tussen arbeidsmigratie en tekorten op de "
                 "arbeidsmarkt [1].", True),
        (LABOUR, "Het kabinet onderschrijft het directe verband tussen arbeidsmigratie en tekorten op de "
                 "arbeidsmarkt [1].", False),
        # "Support" as a noun ("sufficient financial support") takes no side; as a verb it does.
        (CLAIMS, "Before it can enter into force it needs ratification by at least 25 countries and sufficient "
                 "financial support [1].", True),
        (CLAIMS, "The Netherlands will support ratification by at least 25 countries [1].", False),
        # A capitalised compound of two words the source uses names nothing new; an invented one does.
        (CHARTER, CHARTER_CLAIM.format("Raadsconclusies"), True),
        (CHARTER, CHARTER_CLAIM.format("Eurojustconclusies"), False),
        # A fall told in other words is held; told as a rise it says the opposite.
        (SECONDARY, "De secundaire migratiestromen zijn met 25% afgenomen ten opzichte van het jaar ervoor [1].", True),
        (SECONDARY, "De secundaire migratiestromen zijn met 25% toegenomen ten opzichte van het jaar ervoor [1].", False),
        # "acht ... waardevol" is a verb and a judgement the source gives as "ziet meerwaarde in".
        (PARTNERS, "Nederland acht nauwere samenwerking met Libië en Libanon op het gebied van migratie waardevol [1].", True),
        (PARTNERS, "Nederland ziet meerwaarde in een nauwere samenwerking met acht landen op het gebied van migratie [1].", False),
        # A year may stand beside another of the claim's figures: "hoger dan in 2024 (+64%)".
        (LIBYA, "Dat is 64% meer dan in 2024, waardoor Libië het belangrijkste transitland vanuit Noord-Afrika naar "
                "Europa was [1].", True),
        (LIBYA, "Dat is 64% meer dan in 2023, waardoor Libië het belangrijkste transitland vanuit Noord-Afrika naar "
                "Europa was [1].", False),
        # "Niet uitsluitend X, maar breder" is no negation; "only X" says the opposite of it.
        (DETENTION, "The Netherlands considers it important that continued criminal activity from detention is not "
                    "approached solely from the angle of drug crime but interpreted more broadly [1].", True),
        (DETENTION, "The Netherlands considers it important that continued criminal activity from detention is "
                    "approached solely from the angle of drug crime [1].", False),
        (DETENTION, "Nederland vindt dat voortgezet crimineel handelen vanuit detentie uitsluitend vanuit de "
                    "drugscriminaliteit moet worden benaderd [1].", False),
        # A second reader's cases: the year given to another fact than the figure beside it; the
        # verb before a negation shared, its object not; a fall where the sentence has a rise.
        (LIBYA, "Libië was in 2024 het belangrijkste transitland vanuit Noord-Afrika naar Europa (+64%) [1].", False),
        (NO_BILLS, "De Commissie introduceert geen aanbevelingen om het bestaande EU-acquis beter te benutten [1].", False),
        (RETURNS, "Het aantal succesvolle terugkeeroperaties is met 13% gedaald [1].", False),
        # A figure the source gives between the same words, but another one: 35 signed, 25 must ratify.
        (CLAIMS, "Het verdrag treedt pas in werking na ratificatie door minstens 25 landen [1].", True),
        (CLAIMS, "Het verdrag treedt pas in werking na ratificatie door minstens 35 landen [1].", False),
        # "Het laatste kwartaal" is the fourth, not the second the letter gives.
        (EUROPOL, "De Commissie wil in het tweede kwartaal van 2026 een voorstel ter versterking van Europol "
                  "publiceren [1].", True),
        (EUROPOL, "De Commissie wil in het laatste kwartaal van 2026 een voorstel ter versterking van Europol "
                  "publiceren [1].", False),
        # "Is against" takes the other side of "voorstander van".
        (LINK, "The Netherlands supports linking the receipt of EU funds to respect for the rule of law [1].", True),
        (LINK, "The Netherlands is against linking the receipt of EU funds to respect for the rule of law [1].", False),
        # A place's adjective names the place the letter names, and no other.
        (LIBYA, "Dat was 64% meer dan in 2024, waarmee Libië het belangrijkste Noord-Afrikaanse transitland richting "
                "Europa was [1].", True),
        (LIBYA, "Dat was 64% meer dan in 2024, waarmee Libië het belangrijkste transitland richting de Italiaanse "
                "kust was [1].", False),
        # Two stances in one claim: each is judged by the sentence about its own object.
        (LABOUR, "Het kabinet onderschrijft dat kennismigratie nodig blijft voor het concurrentievermogen van de Unie, "
                 "maar is kritisch op het directe verband tussen arbeidsmigratie en tekorten op de arbeidsmarkt [1].", True),
        (LABOUR, "Het kabinet onderschrijft dat kennismigratie nodig blijft voor het concurrentievermogen van de Unie en "
                 "onderschrijft ook het directe verband tussen arbeidsmigratie en tekorten op de arbeidsmarkt [1].", False),
        # A not-found said of one document by its name, then what it does say.
        (EUROPOL, "De geannoteerde agenda noemt geen bedrag voor het Europol-voorstel. Wel heeft de "
                  "Commissie aangekondigd in het tweede kwartaal van 2026 een voorstel te publiceren [1].", True),
    ],
    ids=["acronym", "other-acronym", "percentage", "neighbour-percentage", "neighbour-percentage-en",
         "year-of-joined-sentence", "wrong-year-of-joined-sentence", "short-english", "short-english-wrong",
         "stance-of-its-sentence", "stance-of-the-sentence-before", "support-as-a-noun", "support-as-a-verb",
         "compound", "invented-compound", "fall-in-other-words", "fall-told-as-rise", "acht-as-verb", "acht-as-number",
         "year-beside-figure", "wrong-year-beside-figure", "not-only", "only-en", "only-nl",
         "year-given-to-another-fact", "other-object-denied", "rise-told-as-fall", "same-words-figure",
         "figure-of-the-words-beside", "quarter", "last-quarter", "in-favour", "against", "place-adjective",
         "other-place-adjective", "two-stances",
         "second-stance-flipped", "not-found-in-named-document"],
)
def test_claims_on_real_passages(model_check, agenda_chunks, passage, answer, ok):
    source = next(c for c in agenda_chunks if passage in c)
    verdict = model_check.check(answer, "?", [source])
    assert verdict.ok is ok, verdict.reason


@pytest.fixture(scope="module")
def programme_chunks() -> list[str]:
    from rag.chunk import chunk_letter
    from rag.parse import parse_file

    return [c.text for c in chunk_letter(parse_file(LETTERS / CITED[1]))]


CO2 = "De verhoging van het tarief van de CO2-heffing industrie wordt teruggedraaid"


@pytest.mark.slow
@pytest.mark.parametrize("passage, answer, ok", [
    # A measure kept where the source undoes it
    (CO2, "De verhoging van het tarief van de CO2-heffing industrie wordt teruggedraaid, voor een gelijker speelveld "
          "[1].", True),
    (CO2, "De verhoging van het tarief van de CO2-heffing industrie wordt doorgezet, voor een gelijker speelveld [1].",
     False),
    (CO2, "The increase in the industry CO2 levy rate is maintained to level the playing field [1].", False),
    # "zet ... door" with the whole object between verb and particle
    (CO2, "Het kabinet zet de verhoging van het tarief van de CO2-heffing industrie door om een gelijker speelveld te "
          "creëren [1].", False),
    # a second matter in the claim shares more words with the next sentence
    (CO2, "De verhoging van het tarief van de CO2-heffing industrie blijft in stand; wel worden er geen nieuwe "
          "nationale koppen op Europees beleid ingevoerd [1].", False),
    # A second reader's cases. "terugdraaien van de verlaging": a cut undone keeps the exemption
    ("terugdraaien van de verlaging van de mkb-winstvrijstelling",
     "Het kabinet behoudt de mkb-winstvrijstelling als lastenverlichting voor het bedrijfsleven [1].", True),
    ("salderingsregeling voor kleinverbruikers wordt met ingang",
     "De salderingsregeling voor kleinverbruikers blijft na 1 januari 2027 gewoon bestaan [1].", False),
    # "van 165 euro" says nothing by "van": the letter gives "van 385 euro" for another year
    ("verlagen tot 165 euro", "Vanaf 2027 geldt een eigen risico van 165 euro [1].", True),
], ids=["undone", "kept-where-undone", "kept-where-undone-en", "separable-verb", "kept-beside-a-second-matter",
        "cut-undone-keeps", "kept-where-ended", "figure-after-grammar-word"])
def test_claims_on_the_government_programme(model_check, programme_chunks, passage, answer, ok):
    source = next(c for c in programme_chunks if passage in c)
    verdict = model_check.check(answer, "?", [source])
    assert verdict.ok is ok, verdict.reason


def test_words_that_take_a_side_only_when_they_do():
    assert not STANCE_AGAINST.search("It only concerns proposals for regulations and directives")
    assert not STANCE_AGAINST.search("The discussion is set against the background of EU drug policy")
    assert not STANCE_AGAINST.search("Nederland wil zorgen dat ontheemden bijdragen aan hun opvang")
    assert STANCE_AGAINST.search("The cabinet has serious concerns about the proposal")
    assert STANCE_AGAINST.search("There are concerns in the cabinet about the proposal")
    assert STANCE_AGAINST.search("The Netherlands is concerned regarding the proposal")
    assert STANCE_AGAINST.search("Het kabinet heeft zorgen over de uitvoerbaarheid")
    assert STANCE_AGAINST.search("Het kabinet is geen voorstander van gemeenschappelijke schulden")
    assert not STANCE_FOR.search("Het kabinet is geen voorstander van gemeenschappelijke schulden")
    assert STANCE_FOR.search("The cabinet is in favour of common debt")


def test_a_document_that_names_nothing_is_a_not_found():
    check = GroundingCheck()
    source = ["Het werkprogramma 2025 beschrijft de taakopdracht."]
    for answer in ("The cover letter does not mention a budget for ATR.", "De MvT noemt geen voorzitter.",
                   "Het regeerprogramma noemt geen aantal studenten.",
                   "Een openingsdatum voor Lelystad Airport staat niet in het regeerprogramma.",
                   "De MvT noemt geen voorzitter. Wel beschrijft het werkprogramma 2025 de taakopdracht [1].",
                   "De geannoteerde agenda noemt niet welke landen het verdrag hebben ondertekend.",
                   "Het totale jaarbudget van ATR wordt in de aangehaalde passage niet genoemd."):
        verdict = check.check(answer, "?", source)
        assert verdict.ok and verdict.not_found, answer
    # A claim about what a letter supports or gives, one with more after it, and one that
    # cites a source itself are checked, not read as "not found".
    for answer in ("The letter does not support the proposal.", "Het programma geeft geen voorrang aan scholen [1].",
                   "De brief noemt geen bedrag, maar het college krijgt 2,5 miljoen.",
                   "De MvT noemt geen extra budget voor het adviescollege [1].",
                   "De brief noemt niet dat het kabinet het voorstel steunt."):
        assert not check.check(answer, "?", source).not_found, answer


def test_a_document_acronym_is_there_when_the_source_names_the_document():
    claim = "Volgens de MvT is de ervaren regeldruk niet kwantificeerbaar [1]."
    held = "In deze memorie van toelichting staat: de ervaren regeldruk is niet kwantificeerbaar."
    assert GroundingCheck().check(claim, "?", [held]).ok
    assert not GroundingCheck().check(claim, "?", ["De ervaren regeldruk is niet kwantificeerbaar."]).ok


ADULTS = ("Op 31 mei 2023 heeft de Commissie een voorstel gepubliceerd. Nederland kan de algemene oriëntatie steunen. "
          "De verordening bouwt evenwichtig voort op het HVV en het EU acquis.")
@pytest.mark.parametrize("answer, source, ok", [
    # "staat achter" says "steunen" (kst-32317-995), its negation does not.
    ("Ja, Nederland staat achter de algemene oriëntatie [1].", ADULTS, True),
    ("Nederland staat niet achter de algemene oriëntatie [1].", ADULTS, False),
    # Read as "steunt" before the stance check too: support where the source is critical fails.
    ("Het kabinet staat achter het directe verband tussen arbeidsmigratie en tekorten [1].",
     "Tegelijkertijd is het kabinet kritisch op het directe verband dat de Commissie legt tussen arbeidsmigratie en "
     "tekorten op de arbeidsmarkt.", False),
])
def test_stands_behind_is_read_as_support(answer, source, ok):
    verdict = GroundingCheck().check(answer, "Steunt Nederland de algemene oriëntatie?", [source])
    assert verdict.ok is ok, verdict.reason
