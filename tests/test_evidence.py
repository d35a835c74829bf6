"""Which sentence states the Dutch position, and which questions ask for it (sentences from the bundled letters)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.bm25 import DutchAnalyzer
from rag.evidence import (TopicTerms, asks_about_members, asks_advice, asks_dutch_position, holds_stance, names_responder, reports_members,
                          responder, stance_holder, stance_on_point, takes_stance)
from rag.question import analyse


@pytest.mark.parametrize("sentence", [
    # data/letters/kst-32317-995 (JBZ-Raad, March 2026)
    "Nederland kan de algemene oriëntatie steunen.",
    "Nederland ziet in positieve zin volop mogelijkheden om de rol van Europol binnen het bestaande mandaat te versterken.",
    "Tegelijkertijd is het kabinet kritisch op het directe verband tussen arbeidsmigratie en tekorten op de arbeidsmarkt.",
    "Het kabinet ondersteunt de inzet van de Commissie om (terugkeer)samenwerking met visumplichtige landen meer af te "
    "kunnen dwingen.",
    # data/excerpts: a report of the meeting, in the past tense
    "Daarbij heeft het kabinet in lijn met het BNC-fiche gewezen op de opschortende werking van terugkeerbesluiten.",
    "Voor Nederland is het van belang dat de uitkomst voldoende recht doet aan de uitvoering.",
    # The position named as such, and an intention.
    "Het Nederlandse standpunt is dat de termijn te kort is.",
    "Het kabinet is voornemens in te stemmen met het voorstel.",
    "De Nederlandse inzet is gericht op een snelle afronding van de onderhandelingen.",
    # Looking forward to a proposal (kst-32317-995, the migration strategy).
    "Het kabinet kijkt in dat kader ook uit naar het Commissievoorstel voor een sanctie instrument tegen mensensmokkelaars.",
])
def test_a_sentence_in_which_the_netherlands_takes_a_stand(sentence):
    assert takes_stance(sentence)


@pytest.mark.parametrize("sentence", [
    # The item's introduction, the presidency's plan, and other holders.
    "Het Cypriotische voorzitterschap is voornemens tijdens de JBZ-Raad een algemene oriëntatie aan te nemen over de "
    "gehele verordening.",
    "Het Voorzitterschap streeft ernaar de Raad te vragen in te stemmen met een (gedeeltelijke) algemene oriëntatie.",
    "Posities van lidstaten lopen uiteen over het al dan niet verplicht maken van de toepassing van deze concepten.",
    # The Netherlands named, far from the subject, or no judgement.
    "In 2025 kwamen vanuit Libië 72,791 migranten irregulier aan in Europa, de meeste in Italië maar ook in Nederland.",
    "Ook informeren wij uw Kamer graag hieronder over een aantal onderwerpen en vindt u in de bijlage het verslag.",
    "Hierbij informeer ik uw Kamer over de inzet van het kabinet tijdens de JBZ-Raad.",
    # "acht" the number, Nederland the place, another government, another's view of the Netherlands.
    "Nederland heeft acht projecten ingediend.",
    "In Nederland zijn de kosten een belangrijk deel van het budget.",
    "De regering van Polen steunt het voorstel.",
    "Volgens de Commissie heeft Nederland een achterstand, wat zorgen baart.",
    # "inzet" the noun: the Regeerprogramma's agenda for Europe, no stand on the farm policy asked about.
    "We werken aan een stevige agenda om in Europa resultaten te boeken op de inzet uit het Hoofdlijnenakkoord.",
])
def test_a_sentence_that_takes_no_dutch_stand(sentence):
    assert not takes_stance(sentence)


@pytest.mark.parametrize("question, asks", [
    ("Will NL go along with adopting the revised VIS roadmap?", True),
    ("Gaat NL mee met de roadmap?", True),
    ("Is NL back to the table?", False),
    ("Did the Dutch government accept the recommendations of the Council of State?", False),
    ("Is the Dutch government going to bring back the proposal?", False),
    ("Gaat het kabinet in gesprek met de VNG en neemt het hun zorgen mee?", False),
    ("Does NL accept the general approach?", True),
    ("Wat is de Nederlandse positie over Europol?", True),
    ("nl positie toekomst europol", True),
    ("What is the Dutch position on the Common Agricultural Policy?", True),
    ("Welke positie neemt Nederland in over de terugkeerverordening?", True),
    ("kabinetsappreciatie motie ceder gaza", True),
    # The appreciation is the topic; a minister is asked for.
    ("kab.appreciatie EU-visumstrategie: welke bewindspersoon primair verantwoordelijk?", False),
    # Someone else's view.
    ("Wat vindt de regering van terugkeerhubs?", True),
    ("What is the government's view on return hubs?", True),
    ("Wat vindt het Europees Parlement van het voorstel?", False),
    ("Wat vindt de Duitse regering van het migratiepact?", False),
    ("Wat vindt de regering van Polen van het migratiepact?", False),
    ("What does the Commission think of the Dutch proposal?", False),
    ("Hoeveel migranten kwamen in 2025 vanuit Libië?", False),
    # Endorsing is taking a side.
    ("Klopt het dat NL het Syria CT Actionplan al heeft onderschreven?", True),
    ("Has the Netherlands endorsed the action plan?", True),
    # Finding oneself in it is agreeing; where something takes place is not.
    ("Kan het kabinet zich vinden in het Raadsstandpunt over kwetsbare meerderjarigen?", True),
    ("Waar vinden de onderhandelingen van het kabinet plaats?", False),
])
def test_which_questions_ask_for_the_dutch_position(question, asks):
    assert asks_dutch_position(analyse(question)) is asks


@pytest.mark.parametrize("sentence, reports", [
    # data/letters/kst-36450-6, the reply to the members' questions on the ATR bill
    ("De leden van de CDA-fractie lezen in de toelichting dat het Adviescollege zich nu richt op de doelgroepen "
     "bedrijven, burgers en professionals.", True),
    ("Deze leden vragen of dit klopt.", True),
    ("De leden van de fracties van VVD en NSC willen weten hoe het college wordt samengesteld.", True),
    ("Kan de regering uitleggen wat het nut is van het Adviescollege als het ministerie adviezen naast zich neer kan "
     "leggen?", True),
    ("Tot slot vragen de leden van de VVD-fractie waarom het college geen eigen budget krijgt.", True),
    ("3.2 Kerntaken De leden van de VVD-fractie lezen dat het college drie taken krijgt.", True),
    ("Deze leden zijn echter van mening dat een mkb-toets niets zegt over de kwaliteit.", True),
    # The reply, members as the subject of what the government says, and a college's members.
    ("Circa 75% van de adviespunten wordt opgevolgd.", False),
    ("De leden van de Staten-Generaal kunnen dus ook vragen stellen over de wijze waarop het advies is verwerkt.", False),
    ("Ik deel niet de mening van de leden van de CDA-fractie dat de MKB-toets vaak nog niet goed wordt uitgevoerd.", False),
    ("Een nulmeting zoals voorgesteld door de leden van de NSC-fractie zou weinig meerwaarde bieden.", False),
    ("Het college bestaat uit ten minste drie en ten hoogste vijf leden.", False),
    ("De leden kunnen eenmaal worden herbenoemd.", False),
])
def test_a_sentence_that_reports_what_members_asked(sentence, reports):
    assert reports_members(sentence) is reports


def test_a_question_is_no_answer_where_questions_are_answered():
    # data/letters/kst-36450-3 (the MvT) defines by asking; the reply to the members asks back.
    defining = "Bij ervaren regeldruk gaat het om de vraag: hoe wordt de regeldruk beleefd door de doelgroep?"
    assert not reports_members(defining, "memorie van toelichting")
    assert reports_members(defining, "nota naar aanleiding van het verslag")
    assert reports_members("Kan de regering uitleggen wat het nut is van het Adviescollege?", "memorie van toelichting")


@pytest.mark.parametrize("question, about", [
    ("Wat vroeg de SGP-fractie over de omvang van het college?", True),
    ("Which parties asked about the size of the board?", True),
    ("Wat vroeg de VVD over het mandaat?", True),
    ("Why was the board's size set at three to five members?", False),
    ("samenstelling adviescollege aantal leden", False),
])
def test_which_questions_are_about_what_members_said(question, about):
    assert asks_about_members(analyse(question)) is about


@pytest.mark.parametrize("question, holder", [
    ("Steunt de VNG dat het ATR gemeenten adviseert?", [["vng"]]),
    ("Staan de gemeentekoepels achter de sobere opvang?", [["gemeentekoepels"]]),
    ("Heeft de beroepsorganisatie van advocaten zich achter het verdrag geschaard?", [["beroepsorganisatie", "advocaten"]]),
    ("steunt de cda fractie een permanent college", [["cda"]]),
    # Whose members, which council; the noun ends who, not the object after it.
    ("Steunen de leden van de SGP-fractie het wetsvoorstel?", [["sgp", "fractie"]]),
    ("Klopt het dat de leden van de CDA-fractie het voorstel steunen?", [["cda", "fractie"]]),
    ("Is de Raad van State kritisch over het wetsvoorstel?", [["raad", "state"]]),
    ("Steunt de Europese Commissie terugkeerhubs?", [["commissie"]]),
    ("Is de Afdeling advisering kritisch over ervaren regeldruk?", [["afdeling"]]),
    ("Does the VNG support the bill?", [["vng"]]),
    ("steunde de vng in de internetconsultatie het permanent maken van het atr?", [["vng"]]),
    ("Stond de Raad van State achter het wetsvoorstel?", [["raad", "state"]]),
    # For or against, said plainly: "Is Frankrijk ervoor om ...?".
    ("Is Frankrijk ervoor om bilaterale visumakkoorden af te schaffen?", [["frankrijk"]]),
    ("Is het kabinet ertegen?", []),
    # "tegen" is as often a preposition: no side taken.
    ("Is het verdrag tegen foltering geratificeerd?", []),
    ("Zijn de sancties tegen Rusland verlengd?", []),
    ("Is de motie tegen antisemitisme aangenomen?", []),
    ("Klopt het dat de politie optreedt tegen demonstranten?", []),
    ("Klopt het dat de motie Ceder de regering vraagt sancties tegen Israël in te stellen?", []),
    # A name in capitals is whole; a foreign government is its country's; a Dutch minister of something is Dutch.
    ("Is de Algemene Rekenkamer kritisch over de investeringsagenda?", [["algemene", "rekenkamer"]]),
    ("Steunt de Eerste Kamer de instellingswet?", [["eerste", "kamer"]]),
    ("Steunt de Duitse regering terugkeerhubs?", [["duitse"]]),
    ("Is de regering van Polen positief over het plan?", [["polen"]]),
    ("Steunt de minister van Justitie en Veiligheid de terugkeerverordening?", []),
    ("Klopt het dat de Europese Commissie kritisch blijft over binnengrenscontroles?", [["commissie"]]),
    ("Do other member states support the Dutch non-paper?", [["staten"], ["lidstaten"]]),
    # The Netherlands, a passive, a clause about someone else, no side asked: not someone else's view.
    ("Steunt het kabinet een sanctie-instrument?", []),
    ("Steunt de regering het voorstel?", []),
    ("Is de staatssecretaris positief over de pilot?", []),
    ("Does the government support the visa strategy?", []),
    ("Does the Netherlands support postponing the EES?", []),
    ("Have the new rules on safe countries been endorsed by the Council?", []),
    ("Blijven de mensen die het college ondersteunen ook voor de opvolger werken?", []),
    ("Is er steun voor het voorstel?", []),
    # Agreeing a text is an act done, not a side taken: "agree with" takes one.
    ("Has the JHA Council already agreed a general approach on the regulation?", []),
    ("Do the member states agree with the Dutch position on Europol?", [["staten"], ["lidstaten"]]),
    ("Wat vindt de VNG van het ATR?", []),
    # A party by its name, in English too ("the BBB group").
    ("Does the BBB group support making the ATR a permanent body?", [["bbb"]]),
    ("Do the VVD and CDA groups support the bill?", [["vvd"], ["cda"]]),
])
def test_who_a_question_asks_takes_a_side(question, holder):
    assert stance_holder(analyse(question)) == holder


def test_a_sentence_holds_a_side_only_where_the_holder_takes_it():
    assert holds_stance("De leden van de CDA-fractie steunen het voorstel.", [["cda", "fractie"]])
    assert not holds_stance("De leden van de VVD-fractie steunen het voorstel.", [["cda", "fractie"]])
    # Named, but taking no side (kst-36450-3).
    assert not holds_stance("Ook heeft ATR adviezen uitgebracht die de VNG kan gebruiken voor modelverordeningen.", [["vng"]])
    assert holds_stance("Daarnaast blijft de Commissie kritisch ten aanzien van de binnengrenscontroles.", [["commissie"]])
    assert holds_stance("Een meerderheid van de lidstaten steunt de inzet.", [["staten"], ["lidstaten"]])
    # Named in the sentence before and referred back to (kst-36450-6).
    assert holds_stance("Het terugdringen en voorkomen van regeldruk heeft voor deze leden hoge prioriteit en daarom steunen zij "
                        "de permanente instelling van het Adviescollege toetsing regeldruk.", [["cda", "fractie"]],
                        before="De leden van de CDA-fractie hebben met interesse kennisgenomen van het wetsvoorstel.")
    # The side must follow who takes it, with no Dutch actor between; objections count (llm08).
    assert not holds_stance("De Commissie stelt dit voor, en het kabinet steunt dat.", [["commissie"]])
    assert holds_stance("De Afdeling advisering van de Raad van State heeft een aantal bezwaren bij het voorstel.",
                        [["raad", "state"]])
    assert holds_stance("VNO-NCW en MKB-Nederland maken zich zorgen over nationale koppen.", [["vno", "ncw"]])
    # Who right after the verb; not another's side in a clause of its own (kst-36450-6, kst-32317-995).
    assert holds_stance("Dit wil de Commissie versterken door een uniforme lijst.", [["commissie"]])
    assert not holds_stance("De leden van de SGP-fractie constateren dat ATR pleit voor werkbaarheid.", [["sgp", "fractie"]])
    assert not holds_stance("Deze leden vinden dat een logische gedachte.", [["atr"]], before="ATR adviseert over regeldruk.")


@pytest.mark.parametrize("question, words", [
    ("How has the European Commission responded to the Dutch request for an opt-out?", ["commissie"]),
    ("reactie kamercommissie EZK op werkprogramma ATR 2025", ["kamercommissie"]),
    ("Hoe reageerde de commissie op het aanbod om in Breda langs te komen?", ["commissie"]),
    ("Hoe reageerde de VNG op het wetsvoorstel?", ["vng"]),
    # The cabinet's own response is what its letters are; a name the glossary cannot translate is not checked.
    ("reactie kab. op UHT-punt ATR over toets op complexiteit", []),
    ("Hoe heeft de regering gereageerd op de kritiek van de Raad van State?", []),
    ("Hoe heeft de Commissie ingezet op terugkeer?", []),
    ("Reactie op het advies van de RvS op artikel 3", []),
    ("Reactie van de minister van Financiën op de motie", []),
    # The noun, not an adjective; a body by the name its own texts use ("de Afdeling").
    ("Hoe reageerde de vaste commissie op het verzoek?", ["commissie"]),
    ("Hoe reageerde de Raad van State op het begrip ervaren regeldruk?", ["raad van state"]),
    ("How did the Council of State react to the bill?", ["raad van state"]),
    ("Wat was de reactie van de VNG?", ["vng"]),
    # Advice is a response: whether or what a body advised, by its short or long name.
    ("heeft de RvS geadviseerd over de 2e NvW Instellingswet ATR?", ["raad van state"]),
    ("tweede NvW ATR advies RvS gevraagd", ["raad van state"]),
    ("Heeft de Afdeling advisering van de Raad van State geadviseerd om het begrip te schrappen?", ["afdeling"]),
    ("Has the Council of State given its opinion on the second memorandum of amendment?", ["raad van state"]),
    ("Heeft het ATR zich uitgesproken over het voorstel?", ["atr"]),
    ("Heeft de Tweede Kamer zich daarover uitgesproken?", ["kamer"]),
    ("Heeft de minister geadviseerd over het besluit?", []),
    # A view is a response: the holder as far as the name goes ("raad van state", a party for its members).
    ("Wat vindt de VNG van het wetsvoorstel?", ["vng"]),
    ("Wat is het standpunt van Hongarije over de verordening?", ["hongarije"]),
    ("What position is Hungary expected to take on the general approach?", ["hongarije"]),
    ("What is Germany's position on the future of Europol?", ["duitsland"]),
    ("wat vond raad van state van begrip ervaren regledruk", ["raad van state"]),
    ("Wat vinden de leden van de CDA-fractie van het wetsvoorstel?", ["cda-fractie"]),
    ("Hoe kijkt de Eerste Kamer aan tegen het ATR?", ["eerste kamer"]),
    ("Wat is de positie van andere lidstaten over Europol?", ["lidstaten"]),
    ("Hoe denken andere lidstaten over terugkeerhubs?", ["lidstaten"]),
    ("Hoe denkt Den Haag over de versterking van het Europese politieagentschap?", []),
    # Adverbs after the name are no part of it; a body's name goes on past "van"; a response told
    # "in zijn advies" keeps its responder; another country's government is not the Dutch one.
    ("Hoe staat de VNG daar tegenover?", ["vng"]),
    ("Wat is het standpunt van Duitsland hierover?", ["duitsland"]),
    ("Wat vindt Duitsland nu van terugkeerhubs?", ["duitsland"]),
    ("Wat vindt de VNG van Europol?", ["vng"]),
    ("Wat zegt de Kamer van Koophandel over regeldruk?", ["koophandel"]),
    ("Wat vinden de leden van de fractie van de VVD van het wetsvoorstel?", ["vvd"]),
    ("Hoe heeft de Raad van State in zijn advies gereageerd?", ["raad van state"]),
    ("Hoe reageerde de Tweede Kamer via een motie?", ["kamer"]),
    ("Wat is het standpunt van de Duitse regering over terugkeerhubs?", ["duitse"]),
    ("Wat zegt de verordening over de bescherming van volwassenen?", []),
    # Typed tersely: another member state or a party; a third country is as often the topic.
    ("standpunt hongarije over europol", ["hongarije"]),
    ("Hungary's position on Europol", ["hongarije"]),
    ("position of the VVD on ATR", ["vvd"]),
    ("standpunt syrië terugkeer", []),
    ("standpunt terugkeerhubs", []),
    ("standpunt NL europol", []),
    # A member state by the code staff type for it, in capitals; "de" in lower case is an article.
    ("wat is standpunt HU m.b.t. raadsconclusies toepassing Handvest?", ["hongarije"]),
    ("standpunt DE terugkeerhubs", ["duitsland"]),
    ("standpunt de commissie terugkeer", []),
    ("standpunt IT beveiliging Schengen", []),
    ("standpunt IT over de nieuwe systemen", ["italië"]),
    ("Wat zegt IT over de nieuwe systemen?", []),
    ("STANDPUNT DE COMMISSIE", []),
    # What someone says is their view too; what a letter or a bill says is the letters' own.
    ("Wat zegt Duitsland over binnengrenscontroles?", ["duitsland"]),
    ("What does the European Parliament say about the return regulation?", ["parlement"]),
    ("Wat zegt de Raad van State over het begrip ervaren regeldruk?", ["raad van state"]),
    ("Wat zegt de brief over Europol?", []),
    ("What does the letter say about Europol?", []),
    ("Wat zegt het regeerprogramma over woningbouw?", []),
    ("Wat schrijft de MvT over de evaluatie?", []),
    # The Dutch view is the position rules' to answer.
    ("Wat is het standpunt van het kabinet over Europol?", []),
    ("Hoe staat Nederland tegenover terugkeerhubs?", []),
    ("What is the Dutch government's position on Europol?", []),
    ("Wat vindt de minister van Justitie van het voorstel?", []),
])
def test_who_a_question_asks_to_have_responded(question, words):
    assert responder(analyse(question))[1][:1] == words


def test_a_response_is_told_where_the_responder_is_named_or_its_decision_list_decides():
    assert names_responder(["commissie"], "De Europese Commissie heeft afwijzend gereageerd.", "", "brief")
    assert not names_responder(["commissie"], "Het kabinet maakt zo snel mogelijk in Brussel kenbaar dat Nederland een "
                               "opt-out wil.", "", "regeerprogramma")
    # ok01: the committee's decision on an invitation, in its own decision list.
    assert names_responder(["commissie"], "Besluit: Overlaten aan individuele leden / fracties.", "", "besluitenlijst")
    assert names_responder(["raad van state", "afdeling"], "De Afdeling adviseert het begrip te schrappen.", "", "advies")
    assert names_responder(["raad van state", "afdeling"], "Het wetsvoorstel stelt een adviescollege in.", "",
                           "advies Raad van State")
    assert not names_responder(["raad"], "De JBZ-Raad sprak over terugkeer.", "", "geannoteerde agenda")
    assert not names_responder(["commissie"], "Europese samenwerking is nodig.", "", "regeerprogramma")


# kst-32317-995, the working lunch on Syria: the item's one stand is on talking it over with other
# member states, not on the transfers it mentions just before.
_SYRIA_BEFORE = ("Daarnaast ten aanzien van de vrouwen en kinderen met een Nederlandse link die zich in opvangkampen in "
                 "Syrië bevinden.")
_SYRIA_STANCE = ("Nederland is positief over de mogelijkheid om met andere EU-lidstaten van gedachten te wisselen over de "
                 "ontwikkelingen in de regio en de mogelijke gevolgen die dit kan hebben voor de interne veiligheid van de EU.")


@pytest.mark.parametrize("question, stance, before, on_point", [
    ("Steunt NL de overplaatsing van uitreizigers van Syrië naar Irak?", _SYRIA_STANCE, _SYRIA_BEFORE, False),
    ("Klopt het dat NL het Syria CT actionplan van de CTC heeft onderschreven?", _SYRIA_STANCE, _SYRIA_BEFORE, False),
    ("Is NL positief over gedachtewisseling met andere lidstaten over de regio?", _SYRIA_STANCE, _SYRIA_BEFORE, True),
    # A stand on what the sentence before names ("hiermee") is on that point.
    ("Kan NL instemmen met het opnemen van visumplichtige landen in de lijst?", "Nederland kan hiermee instemmen.",
     "Het voorzitterschap stelt voor visumplichtige landen op te nemen in de lijst.", True),
    ("Steunt het kabinet een sanctie-instrument tegen mensensmokkelaars?",
     "Het kabinet kijkt in dat kader ook uit naar het Commissievoorstel voor een sanctie instrument tegen "
     "mensensmokkelaars.", "", True),
    # "steunt dit", "is hier voorstander van": the sentence before names the point (kst-32317-995).
    ("Steunt het kabinet het benutten van het visumopschortingsmechanisme?", "Het kabinet steunt dit ten volle.",
     "De Commissie wil het visumopschortingsmechanisme vaker benutten.", True),
    ("Is NL voorstander van het visumopschortingsmechanisme?", "Nederland is hier voorstander van.",
     "De Commissie wil het visumopschortingsmechanisme vaker benutten.", True),
    # Who takes the side and how are no point: "staat positief tegenover", "the cabinet".
    ("Staat Nederland positief tegenover uitstel van de EES-deadline?",
     "Het kabinet staat positief tegenover de routekaart.", "", False),
    ("Is the cabinet in favour of postponing the EES deadline?", "De ministerraad steunt de routekaart.", "", False),
])
def test_a_stand_answers_a_yes_no_question_only_on_its_point(question, stance, before, on_point):
    topic = TopicTerms(question, DutchAnalyzer())
    assert stance_on_point(topic, stance, before) is on_point


def test_a_stand_that_points_back_is_on_the_point_its_item_is_about():
    # kst-32317-995: "Nederland kan hiermee instemmen" under the revised VIS roadmap item; the
    # question paraphrases the roadmap, its heading names it ("herziene routekaart voor na 2026").
    title = "Implementatie van interoperabiliteit: herziene routekaart voor na 2026"
    before = "De Raad zal naar verwachting worden gevraagd om de roadmap voor revised VIS aan te nemen."
    vis = TopicTerms("Kan Nederland akkoord gaan met het voorgestelde tijdpad in twee stappen voor het herziene "
                     "Europese visumgegevenssysteem?", DutchAnalyzer())
    assert stance_on_point(vis, "Nederland kan hiermee instemmen.", before, title)
    # A year in the heading names no topic: the EES deadline of 9 April 2026 is another point.
    ees = TopicTerms("Steunt Nederland uitstel van de EES-deadline van 9 april 2026?", DutchAnalyzer())
    assert not stance_on_point(ees, "Nederland kan hiermee instemmen.", before, title)
    # The item's heading holds the point a shorthand question names ("AO" for the general approach).
    adults = TopicTerms("Kan NL instemmen met de AO over de verordening bescherming van kwetsbare volwassenen?",
                        DutchAnalyzer())
    stance = "Nederland kan de algemene oriëntatie steunen."
    assert stance_on_point(adults, stance, "", "Verordening over de bescherming van volwassenen")
    assert not stance_on_point(adults, stance, "", "Implementatie van interoperabiliteit")


def test_advice_is_asked_of_an_adviser_and_speaking_out_is_a_response():
    assert asks_advice(analyse("heeft de RvS geadviseerd over de 2e NvW Instellingswet ATR?"))
    assert not asks_advice(analyse("Heeft de Tweede Kamer zich uitgesproken over het voorstel?"))


@pytest.mark.parametrize("question", ["Klopt het dat de Commissie kritisch blijft over binnengrenscontroles?",
                                      "Is de Instellingswet ATR inmiddels aangenomen?",
                                      "Is it true that the Commission has already proposed new rules?"])
def test_how_a_yes_no_question_is_framed_is_no_part_of_its_topic(question):
    # "klopt het dat", "inmiddels", "is it true": no letter's sentence covers them, and a topic
    # that counts them looks less covered than the same question asked plainly.
    stems = TopicTerms(question, DutchAnalyzer()).terms
    assert not {"klop", "inmiddel", "true", "already", "alreadi"} & set(stems)
    assert stems  # the topic itself stays


def test_entering_into_force_is_what_is_asked_of_a_topic_not_the_topic():
    # "Dit besluit treedt in werking ..." (the ATR decree) covers none of a question on the return regulation.
    topic = TopicTerms("wanneer treed de nieuwe terugkeerverordening in werking", DutchAnalyzer())
    assert topic.coverage("Dit besluit treedt in werking met ingang van de dag na de datum van uitgifte van de "
                          "Staatscourant waarin het wordt geplaatst.") == 0.0
    assert topic.coverage("Het is daarom van belang dat de onderhandelingen over de terugkeerverordening op "
                          "korte termijn voortgezet worden.") >= 0.5
    assert TopicTerms("inwerkingtreding vernieuwd Eurodac", DutchAnalyzer()).terms == ["eurodac", "vernieuwd"]


def test_the_sentences_before_one_are_those_of_its_own_chunk(seed_chunks):
    from rag.evidence import ScoredSentence, sentence_before
    from rag.retrieve import Hit
    from rag.sentences import split_sentences

    chunk = next(c for c in seed_chunks if "Europol" in (c.heading or "") and len(split_sentences(c.text)) >= 4)
    spans = split_sentences(chunk.text)
    third = spans[2]
    x = ScoredSentence(1, Hit(chunk, 1.0), third.start, third.end, chunk.text[third.start:third.end], 0.0, np.zeros(0), False)
    assert sentence_before(x) == chunk.text[spans[1].start:spans[1].end]
    assert sentence_before(x, 2) == chunk.text[spans[0].start:spans[1].end]
    assert sentence_before(x, 0) == ""  # not every sentence before it
    first = ScoredSentence(1, Hit(chunk, 1.0), spans[0].start, spans[0].end, "", 0.0, np.zeros(0), False)
    assert sentence_before(first, 3) == ""


def _scored_of(chunks, probabilities, facts=()):
    """Each chunk's first two sentences as candidates, chunk i ranked i + 1, with the given
    probabilities; the sentences in ``facts`` ((chunk index, sentence index)) hold the fact asked."""
    from rag.answer_model import SENTENCE_FEATURES
    from rag.evidence import ScoredSentence
    from rag.retrieve import Hit
    from rag.sentences import split_sentences

    out = []
    for rank, (chunk, probs) in enumerate(zip(chunks, probabilities), start=1):
        hit = Hit(chunk, 1.0 / rank, dense_rank=rank, bm25_rank=rank, dense_score=0.8 - rank / 10, bm25_score=5.0 / rank)
        features = np.zeros(len(SENTENCE_FEATURES))
        features[SENTENCE_FEATURES.index("chunk_share")] = rank / 10  # as score_sentences gives it, per chunk
        for i, (span, p) in enumerate(zip(split_sentences(chunk.text), probs)):
            out.append(ScoredSentence(rank, hit, span.start, span.end, chunk.text[span.start:span.end], 0.0,
                                      features, (rank - 1, i) in facts, p))
    return sorted(out, key=lambda x: -x.probability)


def test_the_chosen_chunk_alone_is_quoted_and_without_a_choice_a_far_likelier_chunk_wins(seed_chunks):
    from rag.answer_model import AnswerModel
    from rag.evidence import ExtractiveSettings, select

    first, second = [c for c in seed_chunks if len(c.text) > 400][:2]
    scored = _scored_of([first, second], [[0.5, 0.1], [0.9, 0.6]])
    model = AnswerModel.load("embeddinggemma-300m")
    chosen = select(scored, ExtractiveSettings(), model, home=first.id)
    assert {x.hit.chunk.id for x in chosen} == {first.id}  # not the likelier sentences of the chunk passed over
    assert chosen[0].probability == 0.5
    assert 0.9 >= 0.5 * model.switch_ratio
    by_rule = select(scored, ExtractiveSettings(), model)  # the rule: a far likelier sentence elsewhere wins
    assert by_rule[0].hit.chunk.id == second.id
    with pytest.raises(ValueError, match="no candidate sentence"):
        select(scored, ExtractiveSettings(), model, home="not-a-chunk")


def _seed_question(seed_chunks, n, question="Wat staat in de geannoteerde agenda over Europol?"):
    chunks = [c for c in seed_chunks if len(c.text) > 400][:n]
    q = analyse(question)
    return chunks, q, TopicTerms(q.text, DutchAnalyzer())


def test_the_chunk_features_compare_each_chunk_with_the_best_ranked(seed_chunks):
    from rag.answer_model import CHUNK_FEATURES
    from rag.evidence import chunk_features

    chunks, q, topic = _seed_question(seed_chunks, 3, "Hoeveel migranten kwamen in 2025 volgens de geannoteerde agenda aan?")
    scored = _scored_of(chunks, [[0.5, 0.1], [0.9, 0.6], [0.2, 0.1]], facts={(2, 1)})
    hits, rows = chunk_features(q, scored, topic)
    assert [h.chunk.id for h in hits] == [c.id for c in chunks] and rows.shape == (3, len(CHUNK_FEATURES))
    col = {f: rows[:, i] for i, f in enumerate(CHUNK_FEATURES)}
    assert col["top_chunk"].tolist() == [1.0, 0.0, 0.0] and col["rank_reciprocal"][1] == 0.5
    assert col["dense_gap"][0] == 0.0 and col["dense_gap"][2] < col["dense_gap"][1] < 0
    assert col["best_probability"].tolist() == [0.5, 0.9, 0.2] and col["best_probability_ratio"][1] == 1.0
    assert col["fused_gap"][0] == 0.0 and col["fused_gap"][1] < 0
    assert col["bm25_share"].tolist() == [1.0, 0.5, pytest.approx(1 / 3)]
    assert col["fact_match"].tolist() == [0.0, 0.0, 1.0]  # a fact in any sentence of the chunk, not only its best
    # The question names the kind of document: chunks of a geannoteerde agenda.
    assert col["kind_asked"].tolist() == [float(c.kind == "geannoteerde agenda") for c in chunks] and col["kind_asked"].any()
    assert col["chunk_share"].tolist() == [0.1, 0.2, 0.3]  # read from the sentence model's features


def test_a_chunk_only_the_keyword_search_found_is_as_similar_as_the_least_similar_one_found(seed_chunks):
    from rag.answer_model import CHUNK_FEATURES
    from rag.evidence import chunk_features

    chunks, q, topic = _seed_question(seed_chunks, 3)
    scored = _scored_of(chunks, [[0.5], [0.4], [0.3]])
    keyword_only = scored[-1].hit
    keyword_only.dense_rank, keyword_only.dense_score = None, 0.0  # what fuse() leaves for it
    _, rows = chunk_features(q, scored, topic)
    gap = rows[:, CHUNK_FEATURES.index("dense_gap")]
    assert gap[2] == gap[1] < 0  # not 0.7 below the best, which the model would read as far out of range
    assert rows[2, CHUNK_FEATURES.index("dense_rank_reciprocal")] == 0.0


def test_the_chunk_model_quotes_another_chunk_only_by_its_margin(seed_chunks):
    from rag.answer_model import CHUNK_FEATURES, AnswerModel, LogisticModel
    from rag.evidence import choose_chunk

    chunks, q, _ = _seed_question(seed_chunks, 3)
    topic = TopicTerms("", DutchAnalyzer())  # no topic words: the rarest-word rule below stays out of it
    scored = _scored_of(chunks, [[0.5, 0.1], [0.9, 0.6], [0.2, 0.1]])
    n = len(CHUNK_FEATURES)
    only = np.eye(n)[CHUNK_FEATURES.index("best_probability")]  # a model that reads nothing else
    model = AnswerModel.load("embeddinggemma-300m")
    model.chunk = LogisticModel(list(CHUNK_FEATURES), np.zeros(n), np.ones(n), only, 0.0)
    model.chunk_margin = 0.4  # 0.9 - 0.5, exactly
    assert choose_chunk(q, scored, topic, model) == chunks[1].id
    model.chunk_margin = 0.41
    assert choose_chunk(q, scored, topic, model) == chunks[0].id
    model.chunk = None
    assert choose_chunk(q, scored, topic, model) is None


def test_the_chunk_model_does_not_prefer_a_chunk_without_the_questions_rarest_word(seed_chunks):
    from rag.answer_model import CHUNK_FEATURES, AnswerModel, LogisticModel
    from rag.evidence import choose_chunk

    q = analyse("Wat zegt de agenda over Europol?")
    topic = TopicTerms("Europol", DutchAnalyzer())  # one word, so the rarest
    with_it = next(c for c in seed_chunks if "Europol" in c.text and len(c.text) > 400)
    without = next(c for c in seed_chunks if "europol" not in c.text.lower() and len(c.text) > 400)
    scored = _scored_of([with_it, without], [[0.5, 0.1], [0.9, 0.6]])
    n = len(CHUNK_FEATURES)
    model = AnswerModel.load("embeddinggemma-300m")
    model.chunk = LogisticModel(list(CHUNK_FEATURES), np.zeros(n), np.ones(n),
                                np.eye(n)[CHUNK_FEATURES.index("best_probability")], 0.0)
    model.chunk_margin = 0.1  # the model prefers the second chunk by more than its margin
    assert choose_chunk(q, scored, TopicTerms("", DutchAnalyzer()), model) == without.id
    assert choose_chunk(q, scored, topic, model) == with_it.id
    # Ranked the other way round, the best-ranked chunk lacks the word: the model's choice stands.
    scored = _scored_of([without, with_it], [[0.5, 0.1], [0.9, 0.6]])
    assert choose_chunk(q, scored, topic, model) == with_it.id
