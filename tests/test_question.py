"""What a question asks for, and whether a sentence holds it (Dutch and English, as staff type)."""

from __future__ import annotations

import pytest

from rag.question import (PENDING, analyse, asks_a_finding, tells_a_finding, tells_a_result, asked_years, asks_result, dated_otherwise, has_fact, month_number, named_months,
                          names_actor, office_line, office_span, points_back_to_matter, signature_span, tells_status,
                          undecided, weighed)


@pytest.mark.parametrize(
    "question, answer_type",
    [
        ("ETIAS go-live wanneer?", "date"),
        ("wnr komt COM met vo-voorstel versterking Europol?", "date"),
        ("When will the Commission table the Visa Code proposal?", "date"),
        ("budget terugkeerhubs nl euro", "amount"),
        ("How much EU funding is earmarked for the Global Alliance?", "amount"),
        ("hoeveel ontheemde Oekr. vangt NL op?", "number"),
        ("aantal nl uitreizigers overgeplaatst naar irak", "number"),
        ("Bij welk debat wordt het aantal grenscontroleurs besproken?", "other"),
        ("welke MS zijn tegen uitbreiding mandaat Europol?", "countries"),
        ("Which Member States oppose the general approach?", "countries"),
        ("speciaal gezant oekraiense ontheemden naam", "person"),
        ("Who is the current chair of the ATR?", "person"),
        ("hoe heet de eu contraterrorisme coordinator", "person"),
        ("Hoe heet de man die namens de Unie de antiterreurcoördinatie verzorgt?", "person"),
        ("Who currently chairs the ATR?", "person"),
        ("totaal jaarbudget ATR", "amount"),
        ("What is the annual remuneration of the ATR chair and members?", "amount"),
        ("hoe hoog is de vergoeding van de leden van het ATR?", "amount"),
        ("In welk art. vd Instellingswet ATR is de vergoeding vd collegeleden geregeld?", "article"),
        ("Hoe heet de bijdrage per persoon?", "other"),
        ("What do the cumulative costs of the GDPR amount to?", "amount"),
        # A law has a name too; "amount to" is money only beside money. Who heads a body is a
        # person, or a minister named by office (see test_who_holds_an_office_*).
        ("Hoe heet de wet die het ATR permanent instelt?", "other"),
        ("Wie staat aan het hoofd van de kopgroep terrorismebestrijding?", "person"),
        ("What does the number of advisory bodies amount to?", "other"),
        ("Waarom wil het kabinet het aantal leden vergroten?", "reason"),
        ("nl positie toekomst europol", "position"),
        ("Klopt het dat NL zijn bijdrage aan EuroPris verhoogt?", "yes_no"),
        ("Ziet de regering overlap tussen de toetsen?", "yes_no"),
        ("Does the Netherlands support the sanctions regime?", "yes_no"),
        ("waarvoor gebruikt NOvA de subsidie van JenV?", "other"),
        ("obv welk art. Grondwet moet het college bij wet worden ingesteld?", "article"),
        ("Under which article of the TFEU will the Council decide?", "article"),
        ("rechtsgrondslag raadsbesluit verdrag advocaten", "article"),
        # Naming an article is not asking for one.
        ("Wat regelt artikel 5 van de Kaderwet?", "other"),
        ("Welke artikel 7-procedure loopt er tegen Hongarije?", "other"),
        ("What art is shown in the new building?", "other"),
        # What a day, a loan, a cost, an office holder, a legal ground or other states are asked as.
        ("Op welke dag is de motie over Rafah ingediend?", "date"),
        ("How large is the bilateral loan DNB gives the IMF?", "amount"),
        ("Hoe groot is de begroting van het ATR voor 2025?", "amount"),
        ("Wat gaan de ICT en huisvesting van het nieuwe college kosten?", "amount"),
        ("Wie vervult de functie van EU-contraterrorismecoördinator?", "person"),
        ("grondslag instellingsbesluit ATR kaderwet", "article"),
        ("Welke andere staten hebben het advocatenverdrag ondertekend?", "countries"),
        # A terse question that opens with them lists countries; "hoevaak" is typed as said.
        ("landen lid RegWatchEurope", "countries"),
        ("eu lijst veilige landen", "other"),
        ("hoevaak strenger geimplementeerd dan eu vereist", "number"),
        # A compound of "datum", a share or wage asked by "what", a budget by "wat is", member states
        # of something, an office asked by "which" or named first in a terse question.
        ("einddatum gefaseerde invoering EES", "date"),
        ("What minimum share of GDP does the cabinet want to enshrine in law for defence spending?", "number"),
        ("wat is het totale jaarbudget van het atr in 2025?", "amount"),
        ("What hourly wage rate does the Standard Cost Model prescribe?", "amount"),
        ("Welke RvE-lidstaten hebben naast NL het advocatenverdrag ondertekend?", "countries"),
        ("Met welke nieuwe topman van het IMF in Athene wil de commissie praten?", "person"),
        ("griffier procedurevergadering commissie BZK april 2009", "person"),
        # An office typed in haste: without its article, or "word" for "wordt".
        ("wie was griffier bij de procedurevergadering?", "person"),
        ("wie word de coordinerend bewindspersoon voor de hervorming van de inkomensondersteuning?", "person"),
        ("Welke minister is verantwoordelijk voor het ATR?", "other"),
        # Yes/no in a past tense, as "ja/nee", or terse with the act and a question mark; a count is no yes/no.
        ("Kreeg het verzoek genoeg steun in de commissie?", "yes_no"),
        ("Staan de gemeentekoepels achter het plan?", "yes_no"),
        ("atr adviezen bindend ja/nee", "yes_no"),
        ("motie Ceder Gaza aangenomen?", "yes_no"),
        # Longer and terse, agreed or come about in the end; not without the question mark or with a question word.
        ("CTIVD akkoord met verzoek commissie om onderzoek naar handelen inlichtingendiensten?", "yes_no"),
        ("Taser-stroomstootwapen: debat uiteindelijk gepland na ontvangst brief minister?", "yes_no"),
        ("akkoord verordening terugkeer", "other"),
        # Terse, which article: opening with it; not one it names, nor a newspaper's.
        ("artikel bezoldiging leden ATR", "article"),
        ("art. 34 CW termijn Holland Casino", "date"),
        ("artikel I wijzigingswet ATR", "other"),
        ("Artikel over Hongarije in de Volkskrant?", "other"),
        # "akkoord" as the agreement itself, "cijfers" beside a list, a party, an office or a term.
        ("Inhoud akkoord EU-Turkije?", "other"),
        ("Reactie kabinet op het akkoord met Tunesië?", "other"),
        ("landen met hoogste asielcijfers?", "countries"),
        # A kind of country in one word.
        ("met welke migratielanden wil het kabinet strategische partnerschappen sluiten?", "countries"),
        ("Met welke buurlanden wil NL het mini-Schengen vormgeven?", "countries"),
        ("Welke Waddeneilanden hebben een azc?", "other"),
        ("termijn aanlevering cijfers?", "date"),
        # Terse whether an act was done; a target figure; who chaired ("zat ... voor"), not who sat in it.
        ("ratificatie verdrag Claims Commissie Oekraïne door Nederland al afgerond?", "yes_no"),
        ("streefcijfer maximale asielinstroom per jaar in regeerprogramma?", "number"),
        ("Wie zat de procedurevergadering van de vaste commissie voor BZK van april 2009 voor?", "person"),
        ("Wie zit er in de commissie voor BZK?", "other"),
        ("Wanneer is de CTIVD akkoord gegaan met het verzoek?", "date"),
        ("Door hoeveel lidstaten is het advocatenverdrag ondertekend?", "number"),
        # Not: a reference date, "share" as a verb, a contribution or a tax rate, a noun that is a verb
        # form, a request to look up a fact, a title with "Chair"; "ja/nee" in either language.
        ("Hoeveel Oekraïners verbleven op peildatum 1 januari in Nederland?", "number"),
        ("Which member states share the Dutch position on Europol?", "countries"),
        # One country asked, by any name; not a word that only begins with "land".
        ("Welk LS neemt na het CY-vz het voorzitterschap vd Raad over?", "countries"),
        ("welk derde land bedoelt het kabinet met vijandige acties?", "countries"),
        ("Which EU country will hold the presidency next?", "countries"),
        ("Welk landelijk programma voert het kabinet uit?", "other"),
        # A count or a length of time by its noun: a compound of "aantal" or "getal", a duration.
        ("streefaantal internationale studenten regeerprogramma", "number"),
        ("asielinstroom streefgetal per jaar regeerprogramma", "number"),
        ("What is the maximum duration of the asylum border procedure?", "number"),
        ("maximale duur grensprocedure", "number"),
        ("Wat is de bijdrage van het ATR aan de vermindering van regeldruk?", "other"),
        ("Passen voor Oekraïners: tot wanneer geldig?", "date"),
        ("Zou je kunnen nagaan wanneer het instellingsbesluit ATR vervalt?", "date"),
        ("Chair's conclusions JHA council", "other"),
        ("Publicaties ATR 2025?", "other"),
        ("Motie Ceder ingediend door?", "person"),
        ("indiener motie Gaza humanitaire hulp Rafah", "person"),
        ("ATR advice binding yes/no", "yes_no"),
        ("Ja/nee: is het ATR-advies bindend?", "yes_no"),
        # Parties asked for by name.
        ("Welke fracties stemden tegen het verzoek Karabulut (SP)?", "parties"),
        ("Which parliamentary groups backed Karabulut's request?", "parties"),
        ("fracties tegen motie ceder", "parties"),
        ("Welke fractie stelde een nulmeting van de regeldruk voor?", "parties"),
        ("Which target groups does the ATR advise?", "other"),
        # Other ways of asking a type: abbreviated, written apart, misspelt, in the past tense.
        ("Welke LS lopen achter met de uitvoering van het Pact?", "countries"),
        ("Which Council of Europe member states have signed the Convention?", "countries"),
        ("welke afspraken met landen maakt de EU?", "other"),
        ("In welke bepaling van de Kaderwet adviescolleges is de beloning geregeld?", "article"),
        ("Under which provision is the suspension mechanism laid down?", "article"),
        ("Hoe heet de bewindspersoon die het werkprogramma naar de Kamer stuurde?", "person"),
        ("Hoe heet de stas BZK?", "person"),
        ("Hoe heet het nieuwe adviescollege?", "other"),
        ("hoe veel dossiers kreeg het ATR in 2018?", "number"),
        ("hoe veel subsidie krijgt de NOvA jaarlijks?", "amount"),
        ("wat is het totale jaarbudjet van het atr in 2025", "amount"),
        ("Omvang bilaterale lening DNB aan het IMF?", "amount"),
        ("steunde de vng in de internetconsultatie het permanent maken van het atr?", "yes_no"),
        ("Namen huidige leden ATR-college", "person"),
        # Asked by a noun that names the kind of fact: a Commissioner is named, a founding year is a
        # date, a tariff or rate a figure, an income threshold an amount.
        ("Which European Commissioner presented the visa strategy?", "person"),
        ("welke eurocommissaris gaat over migratie", "person"),
        ("oprichtingsjaar Taskforce NOvA", "date"),
        ("What is the founding year of the taskforce?", "date"),
        ("tarief plasticheffing per kilo regeerprogramma", "number"),
        ("Welk tarief geldt voor de planbatenheffing?", "number"),
        ("Welk tarief overdrachtsbelasting geldt voor beleggers?", "number"),  # a figure: it may be a percentage
        ("What target return rate does the Commission set?", "number"),
        ("Welk minimuminkomen moeten kennismigranten verdienen?", "amount"),
        ("salarisgrens kennismigranten", "amount"),
        ("Wat is het btw-tarief op sport?", "number"),
        ("Welke Europees Commissaris gaat over migratie?", "person"),
        # The same words as a topic, or saying which year is meant, ask no such fact.
        ("Wat doet het kabinet voor lage inkomens?", "other"),
        ("What is the rate of progress on the Pact?", "other"),
        ("What does the rate depend on?", "other"),
        ("Welke commissie behandelt het voorstel?", "other"),
        ("Which Commissioner's proposal was adopted?", "other"),
        ("Hoeveel deelnemers waren er in het startjaar?", "number"),
        ("Wat vindt NL van het voorstel voor een Europees minimuminkomen?", "position"),
        ("Welke landen hanteren een inkomenseis?", "countries"),
        ("Welke lidstaten hanteren een nultarief?", "countries"),
        ("verlaging btw-tarief sport aangenomen?", "yes_no"),
        # "vind" typed for "vindt" before its subject: a yes/no question, not a count for its "aantal";
        # the request "vind de brief ..." is none.
        ("vind nederland met de stijging van het aantal terugkeeroperaties dat terugkeer op orde is", "yes_no"),
        ("Vind de kamerbrief over stikstof", "other"),
    ],
)
def test_answer_type(question, answer_type):
    assert analyse(question).answer_type == answer_type


def test_a_sentence_must_hold_the_fact_asked_for():
    amount = analyse("hoeveel EUR subsidie krijgt NOvA jaarlijks?")
    assert not has_fact(amount, "De NOvA ontvangt jaarlijks subsidie van JenV en de NCTV.")
    assert has_fact(amount, "Het gaat om 2,5 miljoen euro per jaar.")
    count = analyse("Hoeveel adviezen heeft het college in 2024 afgegeven?")
    # The year the question names is no answer to it; nor is an article number.
    assert not has_fact(count, "In 2024 heeft het college geadviseerd op grond van artikel 9.")
    assert has_fact(count, "Het college bracht 131 adviezen uit.")
    when = analyse("wanneer gaat ETIAS van start?")
    assert has_fact(when, "ETIAS staat gepland voor het vierde kwartaal van 2026.")
    assert not has_fact(when, "ETIAS wordt zorgvuldig voorbereid.")
    countries = analyse("Which countries besides the Netherlands are members?")
    assert not has_fact(countries, "Nederland en een aantal andere lidstaten zijn lid.")
    assert has_fact(countries, "Naast Nederland zijn ook Duitsland en Zweden lid.")
    person = analyse("naam voorzitter adviescollege")
    assert has_fact(person, "Het advies is ondertekend door Th.C. de Graaf.")
    assert not has_fact(person, "De voorzitter wordt benoemd door de Koning.")
    basis = analyse("op grond van welk artikel van de Kaderwet adviescolleges wordt het besluit genomen?")
    assert has_fact(basis, "Gelet op artikel 5, eerste lid, van de Kaderwet adviescolleges;")
    assert has_fact(basis, "De Raad besluit conform art. 218 VWEU.")
    assert not has_fact(basis, "Het besluit wordt genomen op grond van de Kaderwet adviescolleges.")
    # An article the question itself names is no answer to it.
    besides = analyse("welk artikel geldt naast artikel 79 van de Grondwet?")
    assert besides.answer_type == "article"
    assert not has_fact(besides, "Artikel 79 van de Grondwet is van toepassing.")
    assert has_fact(besides, "Ook artikel 80 is van toepassing.")
    # Other numbers in the question are no article of it.
    screening = analyse("welk artikel van Verordening 2024/1348 regelt de screening?")
    assert has_fact(screening, "De screening is geregeld in artikel 1348 van de verordening.")


@pytest.mark.parametrize("question, counted", [
    ("Hoeveel Brusselse voorstellen heeft het college in 2024 beoordeeld?", ["brusselse", "voorstellen"]),
    ("aantal nl uitreizigers overgeplaatst naar irak", ["uitreizigers"]),
    ("Hoeveel is het aantal irreguliere grensoverschrijdingen gedaald?", ["irreguliere", "grensoverschrijdingen"]),
    ("How many homes per year does the cabinet want to build?", ["homes"]),
    # A unit, or a word any answer may put otherwise, is not checked.
    ("Met hoeveel procent is het aantal terugkeeroperaties gestegen?", []),
    ("binnen hoeveel weken moet ATR adviseren?", []),
    ("Hoeveel mensen zijn zelfstandig vertrokken?", []),
    ("hoeveel extra geld gaat naar de ouderenzorg", []),
    ("hoeveel CO2-reductie in 2030 tov 1990", []),
    ("hoeveel meer dossiers krijgt ATR in 2023", ["dossiers"]),
    ("how many countries signed the treaty", ["countries"]),
    # Staff's short word for the member states is what is counted, not the verb after it.
    ("In hoeveel LS is het EES inmiddels volledig operationeel?", ["lidstaten"]),
    ("hoeveel MS steunen het voorstel", ["lidstaten"]),
    # Other short words modify the noun that is counted.
    ("Hoeveel kab. maatregelen zijn er aangekondigd?", ["maatregelen"]),
])
def test_what_a_count_counts(question, counted):
    assert analyse(question).counted == counted


def test_a_count_must_count_what_was_asked():
    advice = analyse("Hoeveel adviezen heeft het toetsingscollege in 2024 afgegeven?")
    assert not has_fact(advice, "Het aantal aangeboden dossiers groeit van 354 in 2018 tot ruim 700 in 2023.")
    assert has_fact(advice, "In 2024 bracht het college 131 adviezen uit.")
    # Either end of a compound, and an abbreviation, name it too.
    assert has_fact(analyse("samenstelling adviescollege aantal leden"), "Er zijn 150 Kamerleden.")
    displaced = analyse("hoeveel ontheemde Oekr. vangt NL op?")
    assert has_fact(displaced, "Nederland vangt ruim 120.000 Oekraïners op.")
    assert not has_fact(displaced, "Het Pact treedt op 12 juni in werking.")
    # English through the glossary.
    homes = analyse("How many homes per year does the cabinet want to build?")
    assert has_fact(homes, "Samen willen we 100.000 woningen per jaar bouwen.")
    assert not has_fact(homes, "Er zijn 12 wetten aangenomen.")
    # The day of a date counts nothing; a number word does.
    parties = analyse("hoeveel fracties stemden tegen het voorstel?")
    assert not has_fact(parties, "In de e-mailprocedure van 26 maart 2015 hebben de volgende fracties ingestemd: SP, GL.")
    assert has_fact(parties, "Vier fracties stemden tegen.")
    # A synonym (rag/synonyms_nl.tsv) or the head of a compound names it too.
    assert has_fact(analyse("Hoeveel huizen wil het kabinet per jaar bouwen?"), "Samen willen we 100.000 woningen per jaar bouwen.")
    assert has_fact(analyse("hoeveel speerpunten heeft de migratiestrategie"), "De Commissie formuleert vijf prioriteiten.")
    assert has_fact(analyse("hoeveel nieuwbouwwoningen per jaar"), "Het doel is 100.000 woningen per jaar.")
    assert has_fact(analyse("hoeveel zorgmedewerkers tekort in 2033"), "Er is een tekort van bijna 200.000 medewerkers in zorg.")
    # In English the head noun counts, through the glossary: "power" is no plant.
    plants = analyse("How many nuclear power plants will be built?")
    assert not has_fact(plants, "Er zijn drie toetsprioriteiten, waaronder het doenvermogen.")
    assert has_fact(plants, "Het kabinet wil twee extra kerncentrales bouwen.")
    # A date, "ten" and "derde" count nothing.
    assert not has_fact(analyse("hoeveel ministers gaan naar de JBZ-Raad"), "De JBZ-Raad van 5-6 maart wordt door ministers bijgewoond.")
    assert not has_fact(analyse("Hoeveel veilige derde landen staan op de EU-lijst?"),
                        "Op de Raad van 8 en 9 dec. jl. is gesproken ten aanzien van veilige derde landen.")
    # A share is asked for with "procent": any other number is no answer, a share in words is.
    share = analyse("hoeveel procent van de adviespunten wordt opgevolgd?")
    assert not has_fact(share, "ATR gaf 120 adviezen.") and has_fact(share, "Circa 75% van de adviespunten wordt opgevolgd.")
    assert has_fact(share, "De helft van de adviespunten wordt opgevolgd.")
    assert has_fact(share, "Eén op de zeven adviespunten wordt opgevolgd.")
    assert not has_fact(share, "De minister wijst op de noodzaak van opvolging in 2024.")


def test_the_share_of_a_country_not_asked_about_is_no_answer():
    # kst-32317-995: the shares are of the countries of arrival, not of the departures from East Libya.
    told = ("In 2025 kwamen vanuit Libië 72,791 migranten irregulier aan in Europa, de meeste in Italië (77%) "
            "maar ook Griekenland (23%).")
    from_east = analyse("welk percentage van de irreguliere aankomsten uit Libie is vertrokken vanuit Oost-Libie?")
    assert not has_fact(from_east, told)
    # The country asked about, typed in haste, in English or as an adjective, keeps its share.
    for asked in ("hoeveel procent van de migranten uit libie kwam in 2025 in itallie aan",
                  "What percentage of the migrants from Libya arrived in Greece?",
                  "Hoeveel procent van de migranten kwam aan op de Italiaanse kust?"):
        assert has_fact(analyse(asked), told), asked
    # A share of anything but a country stays a share.
    assert has_fact(analyse("Hoeveel procent van de aanvragers is vrouw?"), "Vrouwen (55%) vormen de meerderheid.")
    assert has_fact(analyse("Hoeveel procent van de ATR-adviezen nam het kabinet over?"),
                    "Het kabinet nam 45 van de 60 ATR-adviezen (75%) over.")
    assert has_fact(from_east, "Het aandeel vertrekken vanuit Oost-Libië (45%) nam toe.")


def test_a_yes_no_claim_with_a_figure_needs_a_figure():
    q = analyse("Klopt het dat de korting vanaf 2026 25% bedraagt?")
    assert q.answer_type == "yes_no" and q.checkable
    assert not has_fact(q, "Er komt een korting in de motorrijtuigenbelasting.")
    assert has_fact(q, "De korting bedraagt 30 procent.")


def test_councils_and_months_are_read():
    q = analyse("Wat besprak de Landbouw- en Visserijraad in maart 2026?")
    assert q.councils == ["Landbouw- en Visserijraad"] and q.months == [(3, 2026)]
    assert analyse("IO roadmap wnr door JBZ vastgesteld?").councils == ["JBZ-Raad"]


@pytest.mark.parametrize("question, status", [
    ("Is de motie Ceder over Gaza door de Tweede Kamer aangenomen?", ["aannemen"]),
    ("is de motie ceder over gaza aangenoomen", ["aannemen"]),
    ("Heeft Libië al een migratieovereenkomst met de EU ondertekend?", ["ondertekenen"]),
    ("Has the Netherlands ratified the Hague Convention on adults?", ["ratificeren"]),
    ("Heeft NL toegezegd de kinderen uit de kampen terug te halen?", ["terughalen", "toezeggen"]),
    ("is er al gestemd over de comptabiliteitswet 2016", ["stemmen"]),
    ("motie ceder aangenomen?", ["aannemen"]),
    ("Did the Netherlands ratify the convention?", ["ratificeren"]),
    ("Is de Instellingswet ATR al in werking getreden?", ["in werking treden"]),
    ("Is de inwerkingtredding van de wet al geweest?", ["in werking treden"]),
    ("Heeft de EU al een overnameovereenkomst met Libanon gesloten?", ["sluiten"]),
    ("Has the Netherlands notified the Commission of its opt-out request yet?", ["notificeren"]),
    # Someone else's agreement, asked in the past or tersely, is an act; the Dutch one is a position,
    # and "het akkoord" the agreement itself.
    ("Ging de CTIVD akkoord met het onderzoeksverzoek van de commissie?", ["instemmen"]),
    ("Ging de Commissie akkoord met het verzoek van Nederland?", ["instemmen"]),
    ("CTIVD akkoord met verzoek commissie om onderzoek?", ["instemmen"]),
    ("Heeft de CTIVD al ja gezegd tegen het verzoek?", ["instemmen"]),
    ("Kan Nederland akkoord gaan met de roadmap voor het herziene VIS?", []),
    ("NL akkoord met roadmap VIS?", []),
    ("Is er al een akkoord over de terugkeerverordening?", []),
    ("Ging het akkoord met Turkije ook over terugkeer?", []),
    ("Inhoud akkoord met Tunesië?", []),
    # Closed, not concluded; "in effect" as "in fact".
    ("Is de grens met België gesloten?", []),
    ("Does the cabinet in effect support the proposal?", []),
    # Not about an act done, or the word in another sense: reached, right, closed, assumed,
    # established, "ondertussen" (no typo of "ondertekend").
    ("Gaat NL de 2%-norm halen?", []),
    ("Klopt het dat de korting 25% bedraagt?", []),
    ("Is de technische briefing besloten of openbaar?", []),
    ("Wordt aangenomen dat de regeldruk daalt door de Instellingswet?", []),
    ("Is het ATR al bij wet ingesteld?", []),
    ("Is ondertussen het EES volledig operationeel?", []),
])
def test_which_yes_no_questions_ask_whether_an_act_happened(question, status):
    assert analyse(question).status == status


def test_a_date_of_entry_into_force_keeps_its_plain_date_check():
    # Told as often without the act's words: "het Pact gaat in juni in".
    for question in ("Wanneer treedt het Asiel- en Migratiepact in werking?", "Datum inwerkingtreding Pact?"):
        q = analyse(question)
        assert q.answer_type == "date" and q.status == []
        assert has_fact(q, "Het Pact gaat in juni 2026 in.")


def test_an_agreement_concluded_is_told_by_the_act_not_by_its_other_words():
    q = analyse("Heeft de EU al een overnameovereenkomst met Libanon gesloten?")
    assert tells_status(q, "De EU heeft in 2024 een overeenkomst met Libanon gesloten.")
    assert tells_status(q, "Er wordt nog onderhandeld met Libanon.")  # pending: a state of play too
    assert not tells_status(q, "Dit sluit aan bij de inzet van het kabinet.")
    assert not tells_status(q, "Het kabinet sluit niet uit dat de instroom stijgt.")
    entry = analyse("Is de Instellingswet ATR al in werking getreden?")
    assert tells_status(entry, "De wet treedt op 1 januari 2026 in werking.")
    assert not tells_status(entry, "De Kaderwet adviescolleges is van toepassing op het ATR.")


def test_a_letter_tells_an_act_either_way_or_not_at_all():
    motion = analyse("Is de motie Ceder al aangenomen?")
    assert tells_status(motion, "De motie is met 80 stemmen verworpen.")
    assert tells_status(motion, "De motie is aangenomen.")
    assert not tells_status(motion, "De Kamer verzoekt de regering Israël op te roepen tot toelating van hulp.")
    # Taken note of, likely: other senses and other words.
    assert not tells_status(motion, "Besluit: Voor kennisgeving aangenomen.")
    assert not tells_status(motion, "Het is aannemelijk dat de regeldruk daalt.")
    # Still pending is a state of play too.
    assert tells_status(analyse("Is de Instellingswet ATR al aangenomen?"), "De Instellingswet ligt voor behandeling bij de Tweede Kamer.")
    signed = analyse("Has the Netherlands signed the convention?")
    assert tells_status(signed, "Nederland heeft het verdrag op 13 mei 2025 ondertekend.")
    # A question about no act: any text will do.
    assert tells_status(analyse("Zijn de adviezen van ATR bindend?"), "Het college adviseert.")


def test_a_date_count_or_list_of_an_act_must_tell_the_act_done():
    # The date beside the plenary debate is no date the bill was passed (kst-36450 letters).
    passed = analyse("wanneer is de instellingswet atr door de tweede kamer aangenomen")
    assert passed.status == ["aannemen"]
    assert not has_fact(passed, "Nu de plenaire behandeling van het wetsvoorstel in de Tweede Kamer ingepland staat "
                                "in de week van 3 december 2024, is het niet mogelijk de inwerkingtreding aan te laten sluiten.")
    # A vote asked by its noun: the planned debate is no vote either (llm12).
    vote = analyse("datum stemming Tweede Kamer Instellingswet ATR")
    assert vote.status == ["stemmen"]
    assert not has_fact(vote, "Nu de plenaire behandeling van het wetsvoorstel in de Tweede Kamer ingepland staat "
                              "in de week van 3 december 2024, is het niet mogelijk de inwerkingtreding aan te laten sluiten.")
    assert has_fact(vote, "Noot: Over de Comptabiliteitswet 2016 is gestemd op dinsdag 11 oktober 2016.")
    assert analyse("datum stemmingen Tweede Kamer Instellingswet ATR").status == ["stemmen"]
    assert has_fact(analyse("Hoeveel lidstaten steunden het voorstel tijdens de stemming in de Raad?"),
                    "Een meerderheid van de lidstaten steunt het voorstel; 20 lidstaten stemden voor.")
    roadmap = analyse("wanneer is de routekaart voor revised VIS aangenomen?")
    assert has_fact(roadmap, "Deze routekaart is op 29 januari jl. aangenomen door de Management Board van eu-LISA.")
    # A signature is no ratification (kst-32317-995), in Dutch or English.
    signed = "Vertegenwoordigers van 35 landen en de EU hebben dit verdrag ondertekend."
    assert not has_fact(analyse("How many countries have ratified the Claims Commission treaty?"), signed)
    assert not has_fact(analyse("aantal ratificaties verdrag claimscommissie"), signed)
    assert has_fact(analyse("How many countries signed the Claims Commission treaty?"), signed)
    assert has_fact(analyse("aantal staten dat het verdrag claimscommissie tekende"), signed)  # states are countries
    # Countries named for another reason do not list who signed.
    other_states = analyse("Welke andere staten hebben het advocatenverdrag al ondertekend?")
    assert not has_fact(other_states, "de kopgroep (bestaande uit België, Denemarken, Duitsland, Finland, Frankrijk)")
    assert has_fact(other_states, "Duitsland en Frankrijk hebben het verdrag op 16 mei ondertekend.")
    assert has_fact(other_states, "Duitsland en Frankrijk tekenden het verdrag op 16 mei.")  # the past tense tells it too
    # Published: the date of another document's publication does not serve, its own does.
    published = analyse("datum publicatie besluit verlenging ATR in Staatscourant?")
    assert not has_fact(published, "Het instellingsbesluit vervalt met ingang van 1 december 2024.")
    assert has_fact(published, "Het besluit is op 12 november 2024 gepubliceerd in de Staatscourant.")


@pytest.mark.parametrize("question, actors", [
    ("instellingswet atr al aangenomen door eerste kamer?", ["Eerste Kamer"]),
    ("Has the Senate already passed the ATR Establishment Act?", ["Eerste Kamer"]),
    ("heeft het europees parlment al ingestemd met de verordening?", ["Europees Parlement"]),  # misspelt
    ("Wanneer heeft de TK de motie aangenomen?", ["Tweede Kamer"]),
    ("Is de Instellingswet ATR al aangenomen?", []),
    ("Wat vindt de Eerste Kamer van het ATR?", []),  # no act asked, so no actor of one
    ("Has the Netherlands itself signed the Claims Commission convention?", ["Nederland"]),
    ("Weten we of de Eerste Kamer de wet al heeft aangenomen?", ["Eerste Kamer"]),
    # Only the one acting: not a foreign government, a proposer, a receiver, a place or an adjective.
    ("Heeft de Duitse regering het advocatenverdrag al ondertekend?", []),
    ("Heeft de Raad het voorstel van Nederland aangenomen?", []),
    ("Is het document naar de EK gestuurd?", []),
    ("Is de wet in Nederland gepubliceerd?", []),
    ("Is de nationale implementatiewet al aangenomen?", []),
    ("Hoeveel landen hebben naast Nederland het verdrag ondertekend?", []),
    ("Has the American Senate ratified the treaty?", []),
    # Another country that acted, by its Dutch name, written in either language or without accent.
    ("Has France signed the Council of Europe Convention on the protection of the profession of lawyer?", ["Frankrijk"]),
    ("Heeft Oekraine het verdrag over de Claims Commissie al geratificeerd?", ["Oekraïne"]),
    ("Wanneer heeft Duitsland het verdrag ondertekend?", ["Duitsland"]),
    ("Is het verdrag in Frankrijk aangenomen?", []),
    ("Heeft de EU het verdrag met Oekraïne ondertekend?", []),
])
def test_which_parliament_an_act_is_asked_of(question, actors):
    assert analyse(question).actors == actors


def test_an_act_of_another_country_is_told_only_where_it_is_named():
    # kst-32317-995: seventeen member states signed the lawyers' convention; it does not say France did.
    signed = analyse("Has France signed the Council of Europe Convention on the protection of the profession of lawyer?")
    told = ("Het Verdrag is inmiddels door zeventien lidstaten van de Raad van Europa, waaronder Nederland, "
            "ondertekend.")
    assert not names_actor(signed, told)
    assert names_actor(signed, "Het Verdrag is door Frankrijk ondertekend.")
    when = analyse("Wanneer heeft Duitsland het verdrag ondertekend?")
    assert not has_fact(when, "Nederland heeft het Verdrag op 13 mei 2025 ondertekend.")
    assert has_fact(when, "Duitsland heeft het Verdrag op 13 mei 2025 ondertekend.")


def test_an_act_of_one_parliament_is_not_told_by_another():
    # kst-29515-496: the bill lies with the Tweede Kamer; that says nothing the Eerste Kamer did.
    pending = "Op dit moment ligt de Instellingswet ATR voor behandeling bij de Tweede Kamer (verwachte behandeling op 6 februari 2025)."
    senate = analyse("Is de Instellingswet ATR al door de EK aangenomen?")
    assert not names_actor(senate, pending) and names_actor(senate, "De Eerste Kamer heeft het wetsvoorstel aangenomen.")
    # "uw Kamer" and "de Kamer" are the Tweede Kamer, to which the letters go; "Eerste en Tweede Kamer" names neither alone.
    house = analyse("Heeft de Tweede Kamer de motie aangenomen?")
    assert names_actor(house, "De motie is door uw Kamer aangenomen.") and names_actor(house, pending)
    assert not names_actor(house, "De Eerste Kamer heeft de wet aangenomen.")
    assert names_actor(analyse("Is de wet al aangenomen?"), "De Eerste Kamer heeft de wet aangenomen.")
    # What 35 countries did is not what the Netherlands did; the cabinet's "nationale" procedure is Dutch.
    dutch = analyse("Heeft Nederland het verdrag al geratificeerd?")
    assert not names_actor(dutch, "Vertegenwoordigers van 35 landen en de EU hebben dit verdrag ondertekend.")
    assert names_actor(dutch, "Op dit moment wordt gewerkt aan de voorbereiding van de nationale goedkeuringsprocedure.")
    assert not names_actor(dutch, "De Oekraïense regering heeft het verdrag ondertekend.")
    # A committee's decision list names no chamber: the Tweede Kamer acts unless another is named (ok02).
    vote = analyse("Heeft de TK gestemd over de Comptabiliteitswet 2016?")
    assert names_actor(vote, "Noot: Over de Comptabiliteitswet 2016 is gestemd op dinsdag 11 oktober 2016.")
    # A date of the cabinet's act is told in the passive (kst-36450): the cabinet need not be named.
    filed = analyse("Wanneer heeft het kabinet het wetsvoorstel ingediend?")
    assert filed.actors == ["Nederland"] and has_fact(filed, "Het wetsvoorstel is op 16 oktober 2023 bij de Tweede Kamer ingediend.")
    # The date of the other chamber's vote is no date of this one's.
    when = analyse("wanneer heeft de eerste kamer de instellingswet atr aangenomen")
    assert not has_fact(when, "De Tweede Kamer heeft het wetsvoorstel op 11 februari 2025 aangenomen.")
    assert has_fact(when, "De Eerste Kamer heeft het wetsvoorstel op 1 juli 2025 aangenomen.")


def test_a_count_of_what_was_done_is_not_a_count_still_required():
    # kst-32317-995: ratification by at least 25 countries is the next step, not how many ratified.
    step = ("De volgende stap is ratificatie door minstens 25 landen en voldoende financiële steun alvorens het verdrag "
            "daadwerkelijk in werking kan treden.")
    assert not has_fact(analyse("How many countries have already ratified the Claims Commission treaty?"), step)
    assert has_fact(analyse("Hoeveel landen moeten het verdrag over de Claims Commissie ratificeren?"), step)
    assert not has_fact(analyse("aantal ratificaties verdrag claimscommissie Oekraïne tot nu toe"), step)
    # A requirement asked in the perfect is still a requirement.
    assert has_fact(analyse("How many countries have to ratify the Claims Commission treaty before it enters into force?"), step)
    assert has_fact(analyse("Hoeveel ratificaties heeft het verdrag voor de Claims Commissie nodig?"), step)
    # A country the question names, typed without its accent, is no answer to which countries.
    signed = analyse("welke landen hebben het oprichtingsverdrag van de claims commissie voor oekraine getekend?")
    assert not has_fact(signed, "Vertegenwoordigers van 35 landen hebben het verdrag voor Oekraïne ondertekend.")
    assert has_fact(signed, "Duitsland en Frankrijk hebben het verdrag voor Oekraïne ondertekend.")
    # A step to come after the act does not undo it.
    assert has_fact(analyse("Wanneer heeft NL het verdrag ondertekend?"),
                    "Nederland heeft het verdrag op 13 mei 2025 ondertekend en zal het daarna ratificeren.")


def test_the_date_of_a_decision_is_told_beside_a_word_of_deciding():
    # kst-32317-995: the conference's date is not when the cabinet decides on the tribunal.
    conference = ("Er zal naar verwachting ook gerefereerd worden aan de diplomatieke conferentie over het "
                  "oprichtingsverdrag voor de Claims Commissie voor Oekraïne, die op 16 december jl. werd gehouden in Den Haag.")
    decision = ("Bij besluit van 17 oktober 2025 heeft de ministerraad ingestemd met vestiging in Nederland van de "
                "voorbereidende fases van het Speciaal Tribunaal.")
    for question in ("Wanneer nam het kabinet een besluit over het huisvesten van het agressietribunaal?",
                     "wanneer heeft de MR besloten over vestiging van het tribunaal in NL?",
                     "When did the cabinet decide on hosting the aggression tribunal?"):
        q = analyse(question)
        assert q.answer_type == "date"
        assert not has_fact(q, conference), question
        assert has_fact(q, decision), question
    # A decision asked to come is not dated by one taken: the letter goes on "over de eventuele
    # vestiging van het operationele tribunaal dient de ministerraad nog te beslissen", with no date.
    pending = decision[:-1] + ("; over de eventuele vestiging van het operationele tribunaal dient de ministerraad "
                               "nog te beslissen.")
    for question in ("Wanneer neemt het kabinet een besluit over het huisvesten van het agressietribunaal?",
                     "wanneer besluit de MR over vestiging operationeel tribunaal in NL?",
                     "When will the cabinet decide on hosting the aggression tribunal?"):
        q = analyse(question)
        assert not has_fact(q, conference) and not has_fact(q, decision) and not has_fact(q, pending), question
        assert has_fact(q, "Het kabinet neemt naar verwachting in juni 2026 een besluit over de vestiging."), question
        assert has_fact(q, "De ministerraad zal op 3 april 2026 besluiten over de vestiging."), question
    # A decree asked by its name is no decision asked: any date of its publication serves.
    assert has_fact(analyse("wanneer is het besluit tot verlenging van het ATR gepubliceerd?"),
                    "Het besluit is op 12 november 2024 gepubliceerd in de Staatscourant.")
    assert has_fact(analyse("Wanneer vindt de diplomatieke conferentie plaats?"), conference)
    assert has_fact(analyse("wanneer besluit tot verlenging ATR gepubliceerd?"),
                    "Het besluit is op 12 november 2024 gepubliceerd in de Staatscourant.")
    assert has_fact(analyse("When was Council Decision 2022/123 published?"), "It was published on 3 May 2022.")
    # A closed meeting asks no decision, and a closed meeting tells none.
    assert has_fact(analyse("Wanneer vindt de besloten technische briefing plaats?"),
                    "De technische briefing vindt plaats op 5 maart 2025.")
    assert not has_fact(analyse("Wanneer besluit het kabinet over de opening?"),
                        "De besloten vergadering over de opening vond plaats op 3 maart 2025.")
    # A decision told as done in other words dates it too (ok02: "is gestemd"; a bill "aangenomen").
    assert has_fact(analyse("Wanneer heeft de Kamer een besluit genomen over de wet?"),
                    "De wet is op 11 oktober 2016 door de Kamer aangenomen.")
    assert has_fact(analyse("When did the Council decide on the roadmap?"),
                    "Deze routekaart is op 29 januari jl. aangenomen door de Management Board van eu-LISA.")


def test_only_a_question_which_matter_asks_the_matter_named():
    pointing = "een onderzoek naar het handelen van de inlichtingendiensten rondom deze kwestie"
    for question in ("Om welke kwestie ging het bij het gewenste CTIVD-onderzoek?", "welk voorval precies?",
                     "What specific intelligence-service affair prompted the committee to ask for an inquiry?"):
        assert points_back_to_matter(analyse(question), pointing), question
    # Named after all: as the subject that goes on to name it, or in a compound.
    assert not points_back_to_matter(analyse("Om welke kwestie ging het?"), "Deze kwestie betreft de export van drones.")
    assert not points_back_to_matter(analyse("Om welke kwestie ging het?"), "Het gaat om de afluisterzaak rondom deze kwestie.")
    # Questions that ask something else about a matter.
    for question in ("welke maatregelen na incident Schiphol?", "What measures after the incident at Schiphol?",
                     "What is the issue with the permits?"):
        assert not points_back_to_matter(analyse(question), "Naar aanleiding van dit incident is beveiliging ingezet."), question


def test_a_list_asked_with_its_size_is_not_told_by_one_name():
    # kst-32317-995: the count of signatories, with the Netherlands among them, lists no seventeen countries.
    signed = ("Het Verdrag is en marge van een ministeriële bijeenkomst van het Comité van Ministers van de Raad van Europa "
              "opengesteld voor ondertekening en is inmiddels door zeventien lidstaten van de Raad van Europa, waaronder "
              "Nederland, ondertekend.")
    for question in ("welke 17 landen advocatenverdrag Raad van Europa getekend?",
                     "Which seventeen Council of Europe member states have signed the convention on lawyers?"):
        assert not has_fact(analyse(question), signed), question
    assert has_fact(analyse("Welke landen hebben het advocatenverdrag ondertekend?"), signed)  # one of them is an answer
    group = "de kopgroep (bestaande uit België, Denemarken, Duitsland, Finland, Frankrijk, Nederland, Oostenrijk, Spanje, Zweden)"
    assert has_fact(analyse("Welke negen landen vormen de kopgroep terrorismebestrijding?"), group)


def test_a_figure_in_a_clause_about_another_body_is_not_the_asked_bodys():
    # kst-36450-3: the four weeks are ACTAL's, in a clause apart from the ATR's.
    mvt = ("Ook wordt er door ATR in een vroegere fase dan door ACTAL getoetst (ATR doet dit gelijktijdig met de "
           "consultatie, ACTAL deed dit vier weken voor besluitvorming).")
    for question in ("binnen hoeveel weken moet ATR adviseren over een wv?",
                     "Within how many weeks must the ATR deliver its advice on a draft bill?"):
        assert not has_fact(analyse(question), mvt), question
    assert has_fact(analyse("hoeveel weken voor besluitvorming toetste ACTAL?"), mvt)
    # A sentence that names only the asked body, or both in the clause of the figure, still answers.
    assert has_fact(analyse("Hoeveel extra budget kreeg het ATR?"),
                    "Het ATR ontvangt structureel € 1,8 miljoen extra, meer dan ACTAL ooit had.")
    # Initials that are no body, or a body that heads no clause of the figure, leave the figure to the asked one.
    assert has_fact(analyse("Hoeveel kost het ATR per jaar?"), "Het ATR, opgericht in 2017, kost jaarlijks EUR 3 miljoen.")
    assert has_fact(analyse("binnen hoeveel weken adviseert het ATR?"),
                    "Het ATR, dat in 2017 is opgericht, adviseert binnen vier weken na een verzoek van EZK.")
    # The unit once, in the other body's clause: the asked body's clause still holds its figure.
    assert has_fact(analyse("Binnen hoeveel weken adviseert het ATR?"), "Het ATR adviseert binnen vier, ACTAL binnen zes weken.")


@pytest.mark.parametrize("question", ["Hoeveel fte heeft het ATR-secretariaat in 2025?", "aantal fte ATR 2025",
                                      "How many FTEs does the ATR secretariat have?"])
def test_a_count_of_fte_is_answered_in_fte(question):
    # kst-36450-3, p. 18: the fte sentence answers; the dossiers and the euros beside it do not.
    q = analyse(question)
    assert has_fact(q, "De ambtelijke ondersteuning van ATR is daarom uitgebreid van 11 fte in 2018 naar 17 fte in 2023.")
    assert not has_fact(q, "Het kabinet heeft structureel extra geld ter beschikking gesteld, ter grootte van € 1,8 miljoen.")
    assert not has_fact(q, "Het aantal dossiers zal groeien van 354 in 2018 tot geraamd ruim 700 in 2023.")


def test_the_act_of_a_date_is_read_in_its_own_words_and_clause():
    # The same act in other words and forms: voting, publishing, approving (ok02, kst-32317-995).
    assert has_fact(analyse("Wanneer is er gestemd over de Comptabiliteitswet 2016?"),
                    "Noot: Over de Comptabiliteitswet 2016 is gestemd op dinsdag 11 oktober 2016.")
    assert has_fact(analyse("wanneer is de migratiestrategie gepubliceerd"),
                    "Op 29 januari jl. publiceerde de Commissie de vijfjaarlijkse strategie voor asiel- en migratiebeheer.")
    assert has_fact(analyse("When was the IO roadmap approved by the JHA Council?"),
                    "Deze routekaart maakt onderdeel uit van de IO roadmap die de JBZ-Raad in maart 2025 heeft vastgesteld.")
    # An act in a side clause is not what the date is of (llm12).
    extended = analyse("Tot wanneer loopt het ATR nu de instellingswet niet op tijd is aangenomen?")
    assert extended.status == [] and has_fact(extended, "In artikel 12 wordt ‘1 december 2024’ vervangen door ‘1 december 2026’.")
    # "als wet" is no side clause.
    assert analyse("Wanneer is de Instellingswet ATR als wet aangenomen?").status == ["aannemen"]


def test_parties_asked_are_named_in_capitals_and_not_the_one_asked_about():
    # ok03: the request is Karabulut's (SP); a party that is not hers answers, as a letter writes it.
    q = analyse("Welke fracties stemden tegen het verzoek Karabulut (SP)?")
    assert not has_fact(q, "Verzoek van het lid Karabulut (SP) om de minister-president uit te nodigen.")
    assert has_fact(q, "De leden van de fracties van de VVD en het CDA steunen het verzoek niet.")
    assert not has_fact(analyse("Welke politieke partijen steunen het plan?"), "Ik denk dat volt een eenheid is.")
    assert analyse("Welke partijen hebben het verdrag ondertekend?").answer_type != "parties"  # treaty parties


def test_a_decision_lists_surname_with_initials_is_a_person_and_a_company_is_not():
    # ok01: "Nationale ombudsman, Brenninkmeijer A.F.M. - 18 maart 2009".
    who = analyse("Wie bood namens de Nationale ombudsman het jaarverslag aan?")
    assert has_fact(who, "Nationale ombudsman - Nationale ombudsman, Brenninkmeijer A.F.M. - 18 maart 2009 Aanbieding")
    assert not has_fact(analyse("Wie is de directeur van Gasunie?"), "De directie van Gasunie N.V. heeft besloten.")


def test_a_majority_is_a_count_of_votes_or_unanimity():
    # llm13: "in de unaniem aangenomen motie Bikker/ Eerdmans".
    q = analyse("Met welke meerderheid is de motie Bikker/Eerdmans aangenomen?")
    assert q.answer_type == "number" and q.status == ["aannemen"]
    assert has_fact(q, "De Tweede Kamer heeft in de unaniem aangenomen motie Bikker/ Eerdmans gevraagd om een uitwerking.")
    assert has_fact(q, "De motie is met 80 tegen 70 stemmen aangenomen.")
    assert not has_fact(q, "De motie Bikker/Eerdmans vraagt om een eerste richtinggevende uitwerking.")
    # ok03: a request rejected for want of a majority tells the vote.
    assert has_fact(analyse("Met welke meerderheid is het voorstel van Karabulut verworpen?"),
                    "Het verzoek heeft niet kunnen rekenen op een meerderheid.")
    assert analyse("With what majority was the motion adopted?").answer_type == "number"


def test_a_total_is_not_answered_by_a_sum_added_to_it():
    # kst-36450-6: the extra budget reserved for strengthening the ATR is no total annual budget.
    total = analyse("totaal jaarbudget ATR")
    assert not has_fact(total, "Het ATR verwacht de werkzaamheden te kunnen uitvoeren binnen het uitgebreide budget dat in "
                               "het Coalitieakkoord voor de versterking van het ATR is gereserveerd: € 1,8 miljoen.")
    assert has_fact(total, "Het totale budget van het ATR bedraagt € 4,2 miljoen per jaar.")
    assert has_fact(analyse("Hoeveel extra budget kreeg het ATR structureel?"),
                    "In het Coalitieakkoord is voor het ATR structureel € 1.8 miljoen extra budget toegewezen.")
    # The question asks the total of the extra itself; a budget line is named "Aanvullende Post" (llm13).
    assert has_fact(analyse("Wat is het totale extra budget voor het ATR?"),
                    "In het Coalitieakkoord is voor het ATR structureel € 1.8 miljoen extra budget toegewezen.")
    assert has_fact(analyse("Hoeveel geld was in totaal gereserveerd voor het Transitiefonds?"),
                    "Op de Aanvullende Post is voor het Transitiefonds € 20,5 miljard gereserveerd.")


def test_numbers_that_count_nothing_asked():
    # An item's number in a list (llm13, llm11) and a reference number.
    heads = analyse("hoeveel nationale koppen wil het kabinet schrappen")
    assert not has_fact(heads, "2. nationale koppen in de bestaande regelgeving waar mogelijk te schrappen")
    assert has_fact(heads, "Het kabinet schrapt 12 nationale koppen.")
    budget = analyse("Hoe groot is het budget van het ATR voor 2025?")
    assert not has_fact(budget, "DGBI-O / 89581779 - Inzake de taakopdracht heeft ATR het voornemen: 5. Vereenvoudigen "
                                "instrumentarium voor verduurzaming")
    # A count of operations is no share of them; a change in them may be (kst-32317-995).
    operations = analyse("aantal succesvolle terugkeeroperaties EU 2025")
    rise = "Ook is het aantal succesvolle terugkeeroperaties gestegen met 13%."
    assert not has_fact(operations, rise)
    assert has_fact(analyse("hoeveel is het aantal succesvolle terugkeeroperaties gestegen?"), rise)
    # A share of what is counted does answer (kst-36450-3).
    assert has_fact(analyse("Hoeveel adviespunten van ATR worden opgevolgd?"),
                    "Gebleken is dat circa 75% van de adviespunten wordt opgevolgd.")
    # A count in weeks is answered in weeks (kst-36450-3).
    weeks = analyse("binnen hoeveel weken adviseert het college?")
    assert not has_fact(weeks, "In 2017 is het ATR ingesteld, voor 5 jaar.")
    assert has_fact(weeks, "ACTAL deed dit vier weken voor besluitvorming.")
    assert has_fact(analyse("hoeveel keer was de implementatie strenger"), "In ruim vier jaar was 16 keer sprake van strengere implementatie.")
    # "Hoe vaak" asks for a number of times, not any figure (kst-36450-3).
    often = analyse("hoe vaak is preconsultatie bij ATR gebruikt?")
    assert not has_fact(often, "Het ATR is in 2017 ingesteld en heeft 3 leden.")
    assert has_fact(often, "Er is 40 keer gebruikgemaakt van preconsultatie.")
    assert has_fact(often, "Er is tweemaal gebruikgemaakt van preconsultatie.")
    # How often a thing happens counts no things (llm11: the reports ATR publishes), but does answer "hoe vaak".
    advice = analyse("aantal adviezen ATR 2024")
    reports = ("ATR publiceert tweemaal per jaar een rapport waarin het aantal uitgebrachte adviezen, scores en "
               "dergelijke worden opgenomen.")
    assert not has_fact(advice, reports)
    assert not has_fact(analyse("How many opinions did ATR issue in 2024?"), "ATR issues a report twice a year on its opinions.")
    assert has_fact(advice, "ATR brengt twee keer per jaar een rapport uit; in 2024 waren het 120 adviezen.")
    assert has_fact(analyse("hoe vaak per jaar publiceert ATR een rapport?"), reports)
    # A count per period asks for the rate a frequency gives.
    assert has_fact(analyse("Hoeveel rapporten per jaar publiceert het ATR?"), reports)
    assert has_fact(analyse("How many meetings a year does the JHA Council hold?"), "The JHA Council meets four times a year.")
    for often in ("2x per jaar", "één keer per jaar", "eens per jaar", "twaalf keer per jaar", "ten times a year"):
        assert not has_fact(advice, f"ATR publiceert {often} een rapport over de adviezen.")
    assert has_fact(advice, "ATR gaf vier keer in het jaar 2024 adviezen.")  # may count that year's
    # "in het jaar 2024" names the year counted, not a rate.
    assert not has_fact(analyse("hoeveel adviezen gaf ATR in het jaar 2024?"), reports)
    # A number that labels an item counts nothing (kst-32317-995: "actie 11 van het actieplan").
    actions = analyse("hoeveel acties bevat het eu-actieplan tegen drugshandel 2026-2030")
    assert not has_fact(actions, "Met actie 11 van het actieplan wordt voor het eerst expliciet ingezet op een EU-brede aanpak.")
    assert has_fact(actions, "Het actieplan bevat 40 acties.")
    # "Met hoeveel procent ... verlagen" asks the change, not a level something goes to (llm13).
    cut = analyse("met hoeveel procent wil het kabinet de regeldruk voor ondernemers verlagen?")
    assert not has_fact(cut, "de verlaging van de renteaftrekbeperking vpb naar 25%, het terugdraaien van de CO2-heffing")
    assert has_fact(cut, "Het kabinet wil de regeldruk met 25% verlagen.")
    assert has_fact(cut, "Het tarief daalt van 30% naar 25%.")  # from and to: the change is told
    assert has_fact(analyse("hoeveel procent van de adviespunten wordt opgevolgd?"), "Circa 75% van de adviespunten wordt opgevolgd.")


@pytest.mark.parametrize("question, outcome", [
    ("uitkomst werklunch JBZ-Raad Syrië Irak", "werklunch"),
    ("wat was de uitkomst van het CTIVD-onderzoek nav de NL militairen in Libië?", "ctivd-onderzoek"),
    ("Wat bleek uit het onderzoek van de CTIVD?", "onderzoek"),
    ("Wat is het resultaat?", ""),
    ("What came out of the meeting?", "meeting"),
    ("What concrete agreements came out of the summit?", "summit"),
    ("Which agreements came out of the Housing Summit?", ""),  # a name: what came of it, whatever it is called
    ("Which people came out of detention?", None),
    # An adjective before the word, a long name before the verb, a finding asked in the present.
    ("What were the main findings of the evaluation of Europol's current mandate?", "evaluation"),
    ("Wat zijn de belangrijkste conclusies van het rapport?", "rapport"),
    ("What did the IOB evaluation 'Tactisch en praktisch' (2021), cited by the Council of State, conclude?", ""),
    ("Wat concludeert de AR in het rapport over het financieel toezicht op de universiteiten?", ""),
    ("Wat constateerde de commissie?", ""),
    # Not what came of something: a wish, an advice asked of its content, a date.
    ("What did the government want to achieve with the bill?", None),
    ("Wat adviseert de Raad van State over het wetsvoorstel?", None),
    ("Wat adviseerde de Raad van State in juni 2023 over de instellingswet ATR?", None),
    ("What did the 2021 evaluation of the frameworks for advisory bodies recommend?", None),
    ("Wanneer zijn de conclusies van de evaluatie bekend?", None),
    # A fact of its own type, or no outcome asked at all.
    ("Wanneer moeten de resultaten van de evaluatie beschikbaar zijn?", None),
    ("Wat vindt het kabinet van de werklunch?", None),
])
def test_a_question_what_came_of_something_names_it(question, outcome):
    assert analyse(question).outcome == outcome


def test_what_is_still_to_come_or_wanted_is_pending():
    for pending in ["Tijdens de werklunch zal de Raad van gedachten wisselen over Syrië.",
                    "de commissie wacht informatie van de kant van de regering af",
                    "de commissie stelt vast dat zij behoefte heeft aan een onderzoek van de CTIVD"]:
        assert PENDING.search(pending), pending
    assert not PENDING.search("De wetgevingstoets van J&V is met een akkoord afgerond.")


def test_a_dossier_number_counts_nothing_and_a_year_in_a_name_dates_nothing():
    # ok02: the decision list names each letter by its dossier number ("33532-64").
    answers = analyse("hoeveel antwoorden op vragen over SNS Bank stuurde de minister?")
    line = ("Antwoord op vragen van de commissie over de toekomst van SNS Bank - 33532-64 Besluit: Voor kennisgeving "
            "aangenomen. 9. Agendapunt: Nederlandse bilaterale lening IMF")
    assert not has_fact(answers, line)
    assert has_fact(answers, "De minister stuurde 64 antwoorden op vragen over SNS Bank.")
    # llm13: "Vreemdelingenwet 2000" is the act's name, no date it takes effect.
    start = analyse("inwerkingtreding tijdelijke asielcrisiswet datum")
    assert not has_fact(start, "waarbij het kabinet eveneens maatregelen treft die buiten de bepalingen van de "
                               "Vreemdelingenwet 2000 vallen")
    assert has_fact(start, "De asielcrisiswet treedt op 1 juli 2025 in werking.")


def test_a_year_naming_a_report_in_lower_case_dates_nothing():
    # kst-32317-995: "het jaarverslag 2025" names the report; the year the Charter strategy started is not told.
    year = analyse("In welk jaar is de strategie ter versterking van de toepassing van het Handvest gelanceerd?")
    assert not has_fact(year, "De JBZ-Raad zal naar verwachting conclusies aannemen over het jaarverslag 2025 van de "
                              "Europese Commissie inzake de toepassing van het Handvest.")
    assert not has_fact(year, "Het kabinet stuurt het werkprogramma 2025 van ATR naar de Kamer.")
    assert not has_fact(year, "Het werkprogramma 2024-2025 noemt de strategie.")
    assert not has_fact(year, "Het Werkprogramma 2024-2025 noemt de strategie.")
    assert has_fact(year, "De strategie is in 2020 gelanceerd.")
    english = analyse("When was the strategy launched?")
    assert not has_fact(english, "The Commission's annual report 2025 mentions the strategy.")
    assert has_fact(english, "The strategy was launched in 2020.")


def test_a_year_in_a_name_or_a_reports_period_and_a_lists_own_date_date_nothing_else():
    # ok01 and ok03: decision lists run several items into one sentence.
    when = analyse("wanneer vindt het rondetafelgesprek met VNG en IPO plaats?")
    for line in ["Agendapunt: Aanbieding van het Verslag van de Nationale ombudsman over 2008",
                 "7. Agendapunt: Voortgangsrapportage programma Vernieuwing Toezicht 2008",
                 "Document: Besluitenlijst van de e-mailprocedure van donderdag 26 maart 2015 Agendapunt: Verzoek van het "
                 "lid Karabulut (SP) om de minister-president uit te nodigen voor het AO discriminatieonderwerpen"]:
        assert not has_fact(when, line), line
    for line in ["Eind 2025 vindt het rondetafelgesprek plaats.", "Het rondetafelgesprek is in Q1 2026.",
                 "Het rondetafelgesprek is in March 2026.", "Het rondetafelgesprek is op 12 januari 2017."]:
        assert has_fact(when, line), line
    # The list's date is the date of its meeting or procedure.
    assert has_fact(analyse("wanneer was de e-mailprocedure over het verzoek Karabulut?"),
                    "Document: Besluitenlijst van de e-mailprocedure van donderdag 26 maart 2015 Agendapunt: Verzoek")


def test_a_letter_date_in_a_decision_list_dates_only_the_letter():
    line = ("Agendapunt: Voorstel Aukje de Vries (VVD) voor een rondetafelgesprek over het tegengaan van "
            "terrorismefinanciering Zaak: Stafnotitie - griffier, R.F. Berck - 22 september 2016")
    assert not has_fact(analyse("rondetafelgesprek terrorismefinanciering datum"), line)
    assert has_fact(analyse("van wanneer is de stafnotitie over het rondetafelgesprek?"), line)
    assert has_fact(analyse("rondetafelgesprek terrorismefinanciering datum"), "Het rondetafelgesprek is op 12 januari 2017.")


def test_the_holder_of_an_office_asked_is_not_one_of_another_office():
    # ok02: the decision list names the state secretary and the members of a committee, not its chair.
    chair = analyse("voorzitter commissie Financiën procedurevergadering 26 oktober 2016")
    assert not has_fact(chair, "Zaak: Brief regering - staatssecretaris van Financiën, E.D. Wiebes - 14 oktober 2016")
    assert not has_fact(analyse("Who chairs the CTIVD?"), "Agendapunt: Voorstel om een gesprek te organiseren met "
                        "Dennis Botman, de nieuwe hoge vertegenwoordiger van het IMF in Griekenland")
    assert has_fact(chair, "Voorzitter: A.H. Duisenberg")
    # The office asked, before or after the name; no office asked, any name.
    assert has_fact(analyse("Wie is de minister van Financiën?"),
                    "Zaak: Brief regering - minister van Financiën, J.R.V.A. Dijsselbloem - 10 oktober 2016")
    assert has_fact(analyse("griffier procedurevergadering commissie BZK april 2009"),
                    "het programma vast te stellen Griffier: G.F.C. van Leiden")
    assert has_fact(analyse("Wie diende het verzoek in?"), "Zaak: Brief regering - minister van Financiën, J.R.V.A. Dijsselbloem")


def test_a_decision_lists_case_line_names_who_sent_a_document_not_who_chaired_the_meeting():
    # ok01: the Presidium's chair wrote to the committee; she did not chair its procedure meeting.
    line = ("Agendapunt: Reactie Presidium op voorstel Halsema (GroenLinks) over serie hoorzittingen Zaak: Brief "
            "van lid/fractie/commissie - voorzitter van het Presidium, Verbeet G.A. (PvdA) - 13 maart 2009")
    assert not has_fact(analyse("Who chaired the BZK committee's procedure meeting of 2 April 2009?"), line)
    assert not has_fact(analyse("Wie zat de procedurevergadering van de commissie BZK van april 2009 voor?"), line)
    # Her own office, of the body she writes for; or who sent it.
    assert has_fact(analyse("Voorzitter Presidium maart 2009"), line)
    assert has_fact(analyse("Van wie kwam de reactie op het voorstel Halsema over hoorzittingen?"), line)
    assert has_fact(analyse("Wie is de minister van Financiën?"),
                    "Zaak: Brief regering - minister van Financiën, J.R.V.A. Dijsselbloem - 10 oktober 2016")


@pytest.mark.parametrize("text, holder", [
    # The ends of the four decision lists: the clerk's label runs on in a sentence or a line.
    ("het programma vast te stellen Griffier: G.F.C. van Leiden\nActiviteitnummer: 2008A02139", "G.F.C. van Leiden"),
    ("2016Z19410\nNoot: - Griffier: R.F. Berck Activiteitnummer: 2016A02272", "R.F. Berck"),
    ("groep Kuzu/Öztürk.\nGriffier: Drs. M.J. van der Leeden Activiteitnummer: 2015A01320",
     "Drs. M.J. van der Leeden"),
    ("Griffier: T.J.E. van Toor, Adjunct-griffier: A. Jansen", "T.J.E. van Toor"),
])
def test_a_lists_label_for_the_office_asked_is_found_inside_running_text(text, holder):
    start, end = office_span(text, analyse("wie was griffier bij de procedurevergadering?"))
    assert text[start:end] == f"Griffier: {holder}"
    assert office_span(text, analyse("wie was de voorzitter bij de procedurevergadering?")) is None
    assert office_span(text, analyse("wanneer was de procedurevergadering?")) is None


def test_a_full_name_is_a_name_where_an_office_or_party_follows_it():
    imf = analyse("naam nieuwe hoge vertegenwoordiger IMF Griekenland")
    # ok02 (decision list of the finance committee, 26 October 2016).
    assert has_fact(imf, "Agendapunt: Voorstel om een gesprek te organiseren met Dennis Botman, de nieuwe hoge "
                         "vertegenwoordiger van het Internationaal Monetair Fonds (IMF) in Griekenland")
    assert has_fact(analyse("naam indiener voorstel rondetafelgesprek"),
                    "Agendapunt: Voorstel Aukje de Vries (VVD) voor een rondetafelgesprek over terrorismefinanciering")
    # Two capitals are no name by themselves, nor before another kind of apposition.
    assert not has_fact(imf, "De Raad van State, de hoogste adviseur van de regering, heeft geadviseerd.")
    assert not has_fact(imf, "Het Internationaal Monetair Fonds steunt Griekenland.")


# A second reader's probes of this stop's rules: what they must leave alone.
@pytest.mark.parametrize("question, answer_type", [
    ("looptijd lening IMF", "other"),
    ("What provision has the cabinet made for refugees?", "other"),
    ("welke overgangsbepaling geldt voor het huidige ATR?", "article"),
    ("welke bepalingen regelen de beloning?", "article"),
    ("Hoeveel subsidie-aanvragen kwamen binnen?", "number"),
    ("hoe heet het actieprogramma van de staatssecretaris?", "other"),
    ("Hoe heet de nieuwe EU-coördinator voor terrorismebestrijding?", "person"),
    ("welke Raad van Europa-landen hebben het verdrag getekend?", "countries"),
])
def test_new_type_patterns_leave_near_phrasings_alone(question, answer_type):
    assert analyse(question).answer_type == answer_type


@pytest.mark.parametrize("question, sentence, expected", [
    ("Wie is de voorzitter van de Eurogroep?", "De Ierse minister van Financiën, P. Donohoe, is voorzitter van de Eurogroep.", True),
    ("Wie is de voorzitter?", "De minister heeft A. Jansen benoemd tot voorzitter.", True),
    ("Wie is de voorzitter van de Raad van Bestuur?", "A. Jansen, voorzitter van de Raad van Bestuur, sprak.", True),
    ("Wie is de voorzitter van de Tweede Kamer?", "Kamervoorzitter M. Bosma opende het debat.", True),
    ("Wie is de rapporteur AO informatievoorziening?", "Brief van lid/fractie/commissie - Tweede Kamerlid, P.H. Omtzigt - "
     "20 oktober 2016 Voorstel rapporteur AO informatievoorziening", True),
    ("Who chairs the CTIVD?", "De voorzitter van de commissie zal met de voorzitter van de CTIVD bespreken. "
     "Griffier: T.J.E. van Toor", False),
    # Years that do date something, and figures that do cover the year asked.
    ("wanneer komt het kabinet met het plan?", "Kernpunten • Sinds 2017 adviseert ATR het kabinet.", True),
    ("wanneer komt het kabinet met het plan?", "Planning: Eind 2025 komt het plan.", True),
    ("wanneer komt het kabinet met het plan?", "Het plan is voorzien bij Voorjaarsnota 2025.", True),
    ("wanneer komt het kabinet met het plan?", "Het plan komt op Prinsjesdag 2025.", True),
    ("When will the plan come?", "The plan is scheduled for 2026.", True),
    ("hoe groot is het budget van het ATR in 2025?", "In het Coalitieakkoord is met ingang van 1 januari 2023 "
     "structureel € 1.8 miljoen extra budget toegewezen.", True),
    ("hoe groot is het budget van het ATR in 2025?", "Het budget is t/m 2029 € 3 miljoen.", True),
    ("hoe groot is het budget van het ATR in 2025?", "In 2024-2027 is het budget € 3 miljoen.", True),
    ("hoeveel asielzoekers komen er?", "Er komen 12000-15000 asielzoekers.", True),
    # The list's own date is the date of what the list decided.
    ("Wanneer is besloten over het voorstel van Karabulut?", "Document: Besluitenlijst van de e-mailprocedure van "
     "donderdag 26 maart 2015 Agendapunt: Verzoek van het lid Karabulut (SP)", True),
    # The Netherlands among the signatories counts when the question does not set it apart.
    ("Which Council of Europe member states have signed the convention?", "Het Verdrag is inmiddels door zeventien "
     "lidstaten van de Raad van Europa, waaronder Nederland, ondertekend.", True),
    ("Which Council of Europe member states besides the Netherlands have signed the convention?", "Het Verdrag is "
     "inmiddels door zeventien lidstaten van de Raad van Europa, waaronder Nederland, ondertekend.", False),
])
def test_new_fact_checks_leave_right_answers_alone(question, sentence, expected):
    assert has_fact(analyse(question), sentence) == expected


def test_outcome_asked_only_as_the_thing_wanted_and_not_of_a_document_or_a_name():
    assert analyse("Wat blijkt uit de brief over de toekomst van Europol?").outcome is None
    assert analyse("Wat doet het kabinet met de uitkomst van de evaluatie?").outcome is None
    assert analyse("verwachte uitkomst onderhandelingen").outcome is None
    assert analyse("Wat zijn de bevindingen van de Algemene Rekenkamer?").outcome == ""
    assert analyse("Wat heeft het overleg met de VNG opgeleverd?").outcome == "overleg"
    assert analyse("Wat was de uitslag van de stemming over het voorstel van Karabulut?").outcome == "stemming"
    assert not PENDING.search("De wachttijden bij de IND nemen af.")
    assert not PENDING.search("Het verzoek van de commissie is ingewilligd.")


def test_a_finding_asked_needs_a_finding_told_not_a_decision_on_the_report():
    ar = analyse("Wat concludeert de AR in het rapport over het financieel toezicht op de universiteiten?")
    assert asks_a_finding(ar) and not asks_a_finding(analyse("uitkomst werklunch JBZ-Raad Syrië Irak"))
    # A meeting's conclusions are what it decided; the Raad van State advises.
    assert not asks_a_finding(analyse("What did the JHA Council conclude at the working lunch?"))
    assert asks_a_finding(analyse("Wat concludeert de Raad van State?"))
    # ok02 names the report and the committee's decision on it, not what the Rekenkamer found.
    assert not tells_a_finding("Deel 1: Financieel toezicht op de sector - 33495-100 Besluit: Ter informatie.")
    assert tells_a_result("Deel 1: Financieel toezicht op de sector - 33495-100 Besluit: Ter informatie.")
    # kst-36450-6 tells what Sira found; kst-32317-995 only that the talk builds on the evaluation.
    assert tells_a_finding("Ook bleek uit een studie van Sira dat 67% van de ATR-adviespunten wordt opgevolgd.")
    assert not tells_a_finding("Naar verwachting zal de discussie voortbouwen op de evaluatie van het huidige mandaat "
                               "van Europol.")
    assert not tells_a_finding("Deze conclusies zijn opgesteld naar aanleiding van de mededeling van de Commissie.")
    assert tells_a_finding("De conclusie is dat de adviezen vaker worden opgevolgd.")


def test_going_ahead_is_asked_in_the_end_when_asked_what_happened():
    assert analyse("Did Israel go ahead with evacuating Rafah?").in_the_end == ""
    assert analyse("Is the summit going ahead?").in_the_end == ""
    assert analyse("Did the Council give the go-ahead for the pact?").in_the_end == ""
    # What may or should happen is not what did.
    assert analyse("Can the Netherlands go ahead with ratification before the Senate votes?").in_the_end is None
    assert analyse("Did Israel evacuate Rafah?").in_the_end is None
    # A want inside what is told is no plan: a finding, a decision on what someone wants.
    assert not PENDING.search("Uit het onderzoek blijkt dat burgers vaker direct contact met de overheid willen.")
    assert not PENDING.search("Nederland heeft ingestemd met het voorstel dat de Commissie wil doorvoeren.")


def test_a_finding_is_asked_by_the_words_that_ask_the_outcome_and_of_an_adviser():
    # The finding word names what was decided on, not what is asked.
    for question in ("What did the cabinet decide about the recommendations of the IOB?",
                     "Wat heeft het kabinet besloten naar aanleiding van de conclusies van de commissie?",
                     "Wat was de uitslag van de stemming over de motie die de conclusies van het rapport onderschrijft?",
                     "What was the outcome of the talks to find a compromise on the pact?",
                     # A committee's conclusion is its decision (ok01: "Besluit: Staatssecretaris BZK verzoeken ...").
                     "What did the committee conclude regarding the March 2009 circular on the municipal funds?"):
        assert not asks_a_finding(analyse(question)), question
    # Advisers are no meetings, and a meeting named after the asker does not make it one.
    for question in ("Wat concludeert de Onderzoeksraad voor Veiligheid in zijn rapport?",
                     "Wat concludeert de Raad voor het Openbaar Bestuur?",
                     "What did the Advisory Council on International Affairs conclude?",
                     "Wat concludeert de Raad v. State?",
                     "What did the evaluation conclude about meeting the targets?",
                     "Wat concludeert de AR in haar rapport over het vastgoed, besproken in de procedurevergadering?",
                     "What did the review of the ATR, sent to the House in 2024, conclude?",
                     "What did the evaluation find out about the costs?", "What does the evaluation conclude?",
                     "What was the main finding of the evaluation?", "Wat was de belangrijkste bevinding van het onderzoek?",
                     "Welke conclusie trekt de AR?", "Wat zijn de drie belangrijkste conclusies van het rapport?",
                     "Wat heeft de AR geconstateerd?", "Wat concludeerd de Algemene Rekenkamer in haar rapport?"):
        assert asks_a_finding(analyse(question)), question
    assert analyse("What did the government plan to conclude?").outcome is None


def test_a_finding_is_told_in_many_words_and_not_only_named():
    # llm13: "De Parlementaire enquêtecommissie ... heeft in haar rapport 'Blind voor mens en recht' geconcludeerd dat ...".
    for told in ("De enquêtecommissie heeft in haar rapport geconcludeerd dat grondrechten zijn geschonden.",
                 "De Raad van State heeft geadviseerd het voorstel aan te passen.", "Het onderzoek laat zien dat de lasten dalen.",
                 "Daarnaast stelt de Rekenkamer vast dat het toezicht tekortschiet.", "De hoofdconclusie is dat het werkt.",
                 "Uit de evaluatie komt duidelijk naar voren dat het college zijn taak vervult.",
                 "De Afdeling merkt op dat de toelichting ontbreekt.", "Het rapport doet drie aanbevelingen: a, b en c."):
        assert tells_a_finding(told), told
    for named in ("Hierbij stuur ik u het rapport met de bevindingen en aanbevelingen van de commissie.",
                  "De reactie op de aanbevelingen volgt na de zomer.", "De Raad heeft de verordening vastgesteld.",
                  "Kabinetsreactie op de aanbevelingen van de Algemene Rekenkamer - 33495-101 Besluit: Ter informatie."):
        assert not tells_a_finding(named), named


def test_another_country_is_named_by_its_adjective_and_not_by_a_compound():
    assert names_actor(analyse("Has France signed the convention?"), "De Franse regering heeft het verdrag ondertekend.")
    assert analyse("Is de Oekraïne-faciliteit door de Raad aangenomen?").actors == []


@pytest.mark.parametrize("question", [
    "Wie stond in maart 2011 aan het hoofd van het toezichtsorgaan op de geheime diensten?",
    "wie word voorziter van de ministeriele commissie die de taakstelling bewaakt",
    "wie is op dit moment voorziter van het adviescollege toetsing regeldruk",
    "Who will chair the Regulatory Burden Advisory Board once the act enters into force?",
    "Wie is vz van het ontbijt vd CT-kopgroep?",
    "Who heads the CTIVD?",
])
def test_who_holds_an_office_asks_for_a_person(question):
    assert analyse(question).answer_type == "person"


def test_who_holds_an_office_is_answered_by_a_name_in_that_office_or_a_minister_holding_it():
    chair = analyse("Wie is vz van het ontbijt vd CT-kopgroep dat NL voor de JBZ-Raad organiseert?")
    # kst-32317-995: the minister is named by office, and holds the chair.
    assert has_fact(chair, "Voorafgaand aan de JBZ-Raad op 5 maart a.s. organiseert Nederland een ontbijtbijeenkomst "
                           "van de kopgroep terrorismebestrijding, die de minister van Justitie en Veiligheid zal voorzitten.")
    # ok02: a state secretary named beside a letter holds no chair.
    assert not has_fact(chair, "Zaak: Brief regering - staatssecretaris van Financiën, E.D. Wiebes - 14 oktober 2016 "
                               "Voorhangbrief Holland Casino NV - 34576-1")
    head = analyse("Wie stond in maart 2011 aan het hoofd van het toezichtsorgaan op de geheime diensten?")
    # ok04: the committee's clerk is no head of the CTIVD, and "beleid" is no "leiding".
    assert not has_fact(head, "Griffier: T.J.E. van Toor")
    assert not has_fact(head, "Het beleid wordt uitgevoerd door de minister van BZK.")
    assert has_fact(head, "De voorzitter van de CTIVD, mr. A.H. van Delden, zal de commissie informeren.")


def test_a_figure_of_another_country_does_not_answer_for_the_one_asked():
    asked = analyse("aantal irreguliere migranten vanuit Libanon naar Europa 2025")
    libya = ("In 2025 kwamen vanuit Libië 72,791 migranten irregulier aan in Europa, de meeste in Italië (77%) "
             "maar ook Griekenland (23%).")  # kst-32317-995
    assert not has_fact(asked, libya)
    assert has_fact(analyse("How many migrants arrived irregularly from Libya in 2025?"), libya)
    # A sentence that names no country may be of any; a list of countries is asked as such.
    assert has_fact(asked, "In 2025 kwamen 1.200 migranten irregulier aan.")
    assert has_fact(analyse("Welke landen naast Libanon ontvangen steun?"), "Ook Jordanië en Egypte ontvangen steun.")


@pytest.mark.parametrize("question, answer_type", [
    ("Which seventeen Council of Europe member states have signed the convention?", "countries"),
    ("welke grote lidstaten steunen het voorstel?", "countries"),
    ("Welke rol spelen de lidstaten?", "other"),
    ("What is the date of the Council of State's advisory opinion?", "date"),
    ("Instellingswet ATR aangenomen Tweede Kamer stemming", "yes_no"),
    ("aangenomen moties ATR", "other"),
])
def test_types_asked_with_a_word_between_or_without_a_question_mark(question, answer_type):
    assert analyse(question).answer_type == answer_type


def test_files_offered_to_a_body_were_submitted_to_it():
    q = analyse("How many files were submitted to the ATR in 2018?")
    # kst-36450-3
    assert has_fact(q, "Door de intensivering van het werk zal het aantal aan het ATR aangeboden dossiers groeien "
                       "van 354 in 2018 tot geraamd ruim 700 in 2023.")


def test_a_footnote_number_counts_nothing():
    q = analyse("hoeveel BNC-fiches zijn er in 2023 opgesteld?")
    # kst-36450-3's footnote 31
    assert not has_fact(q, "31 Leidraad voor de Werkgroep Beoordeling Nieuwe Commissievoorstellen, 2022, p. 4: «In de "
                           "informatieafspraken met de Kamer is opgenomen dat BNC-fiches worden geschreven.")
    assert has_fact(q, "In 2023 zijn 31 BNC-fiches opgesteld.")


def test_the_chair_of_another_body_does_not_answer():
    q = analyse("wie wordt voorzitter van de ministeriële commissie voor de taakstelling op ambtenaren?")
    # ok02: the chair of another committee, named in the decision list
    line = "Zaak: Overig - voorzitter van de tijdelijke gemengde commissie subsidiariteitstoets, Dijk J.J. van (Jan Jacob) (CDA)"
    assert not has_fact(q, line)
    assert has_fact(analyse("Wie is voorzitter van de commissie subsidiariteitstoets?"), line)


@pytest.mark.parametrize("question, thing", [
    ("is er uiteindelijk een debat gekomen over de taser", "debat"),
    ("Taser: debat uiteindelijk gepland na ontvangst brief minister?", "debat"),  # terse: the noun before it
    ("Stemde Nederland uiteindelijk tegen?", ""),  # a verb first: no noun before it
    ("Is er in maart daadwerkelijk overeenstemming bereikt over de regeling?", "overeenstemming"),
    ("Did the JHA Council actually adopt the general approach?", ""),
    ("Is de motie al aangenomen?", None),
    ("Wat is er uiteindelijk besloten?", None),  # no yes/no
])
def test_what_happened_in_the_end_and_the_thing_it_is_asked_of(question, thing):
    assert analyse(question).in_the_end == thing


def test_a_step_still_to_come_is_no_count_of_what_was_done():
    step = ("De volgende stap is ratificatie door minstens 25 landen en voldoende financiële steun alvorens het "
            "verdrag daadwerkelijk in werking kan treden.")  # kst-32317-995
    assert not has_fact(analyse("aantal ratificaties verdrag Claims Commissie Oekraïne"), step)
    assert has_fact(analyse("Hoeveel ratificaties heeft het verdrag nodig?"), step)


def test_an_office_named_as_an_object_is_not_the_office_asked():
    assert analyse("Who is going to sound out the CTIVD chair on the committee's wish?").answer_type == "other"
    assert analyse("Wie gaat met de voorzitter van de CTIVD overleggen?").answer_type == "other"


@pytest.mark.parametrize("question, sentence, answers", [
    # A minister chairs the breakfast, not the JBZ-Raad (kst-32317-995).
    ("Wie is voorzitter van de JBZ-Raad in maart 2026?",
     "Voorafgaand aan de JBZ-Raad op 5 maart a.s. organiseert Nederland een ontbijtbijeenkomst van de kopgroep "
     "terrorismebestrijding, die de minister van Justitie en Veiligheid zal voorzitten.", False),
    # A country holds the Council's presidency.
    ("Wie wordt voorzitter van de Raad?", "Vanaf 1 januari 2026 neemt Cyprus het voorzitterschap van de Raad over.", True),
    # Who leads is no office: a minister or an institution may.
    ("Wie leidt de Nederlandse delegatie?", "De Nederlandse delegatie wordt geleid door de minister van Buitenlandse Zaken.",
     True),
    # An English or abbreviated name of a body is not compared word by word.
    ("Who is the president of the Court of Audit?",
     "Zaak: Brief - president van de Algemene Rekenkamer, A.P. Visser - 1 mei 2016", True),
    ("Wie is voorzitter van de CTIVD?", "De voorzitter van de Commissie van Toezicht op de Inlichtingen- en "
     "Veiligheidsdiensten, A. Jansen, sprak.", True),
    # Another country in another role: the war's aggressor, a fellow donor.
    ("Hoeveel steun geeft Nederland aan Oekraïne?",
     "Sinds de inval van Rusland heeft Nederland 3 miljard euro aan militaire steun gegeven.", True),
    ("How much does the Netherlands contribute to the Ukraine Facility?",
     "Nederland draagt 500 miljoen euro bij aan de Oekraïne-faciliteit, net als Duitsland.", True),
    # A count at the start of a sentence is one; a footnote's number is not.
    ("hoeveel Nederlanders zijn geëvacueerd?", "120 Nederlanders zijn geëvacueerd.", True),
    # The bill offered to the King is not submitted to the House.
    ("Wanneer is het wetsvoorstel ingediend?", "10 oktober 2023, aangeboden aan de Koning door de Minister van EZK.", False),
    # A question in the present about a step to come is answered by that step.
    ("When does the Council adopt the regulation?",
     "De verordening moet nog formeel worden aangenomen door de Raad; dit is voorzien in juni 2026.", True),
    ("Hoeveel landen ratificeren het verdrag voor de Claims Commissie?",
     "De volgende stap is ratificatie door minstens 25 landen en voldoende financiële steun alvorens het verdrag "
     "daadwerkelijk in werking kan treden.", True),
    # A date asked as such is no bare year.
    ("On what date is Lelystad Airport scheduled to open?",
     "Daarnaast zal het kabinet in 2025 duidelijkheid geven over de opening van Lelystad Airport.", False),
    ("wanneer opent Lelystad Airport?",
     "Daarnaast zal het kabinet in 2025 duidelijkheid geven over de opening van Lelystad Airport.", True),
    # A decision list's case line: its sender holds the office of the body asked, by abbreviation, full
    # name or in English; any name when no office is asked; not the chair of a meeting.
    ("Wie was de staatssecretaris van BZK in maart 2009?", "Zaak: Brief regering - staatssecretaris van "
     "Binnenlandse Zaken en Koninkrijksrelaties, Bijleveld-Schouten A.Th.B. - 1 april 2009", True),
    ("Wie was de voorzitter van de commissie BZK in april 2009?", "Zaak: Brief regering - staatssecretaris van "
     "Binnenlandse Zaken en Koninkrijksrelaties, Bijleveld-Schouten A.Th.B. - 1 april 2009", False),
    ("Wie was de president van de Rekenkamer in oktober 2016?",
     "Zaak: Brief - president van de Algemene Rekenkamer, A.P. Visser - 1 mei 2016", True),
    ("Who was the Minister of Finance in October 2016?",
     "Zaak: Brief regering - minister van Financiën, J.R.V.A. Dijsselbloem - 10 oktober 2016", True),
    ("Wie was de Nationale ombudsman in 2009?",
     "Zaak: Brief derden - Nationale ombudsman, A.F.M. Brenninkmeijer - 1 april 2009", True),
])
def test_after_a_second_reader(question, sentence, answers):
    assert has_fact(analyse(question), sentence) is answers


@pytest.mark.parametrize("question, answer_type", [
    ("uitvoering aangenomen motie Ceder", "other"),
    ("overzicht aangenomen moties Gaza", "other"),
    ("What did EU countries agree on migration?", "other"),
    ("What do member states have to do for the revised VIS?", "other"),
    ("Wie leidt de Nederlandse delegatie?", "other"),
])
def test_types_after_a_second_reader(question, answer_type):
    assert analyse(question).answer_type == answer_type


@pytest.mark.parametrize("question, thing", [
    # Not a participle nor a grammar word: the subject's noun then.
    ("Is het verdrag uiteindelijk afgesloten?", "verdrag"),
    ("is het gesprek met Dennis Botman van het IMF uiteindlijk doorgegaan?", "gesprek"),
    ("Is het tweede wijzigingsvoorstel uiteindelijk samen met het actieplan gepresenteerd?", "wijzigingsvoorstel"),
    ("Is het daadwerkelijk zo dat het ATR ook EU-voorstellen toetst?", ""),
    # Whether it will happen at all (a sentence of what will be answers it, one still weighing it does not).
    ("komt er een debat over de taser bij de politie?", "debat"),
    ("Komt er een evaluatie van de Woo?", "evaluatie"),  # a noun in -e
    # Who says so, or an adverb, may stand before the thing.
    ("Komt er vlgs het RP een Europawet mbt EU-wetgeving?", "europawet"),
    ("komt er volgens de brief nog een evaluatie?", "evaluatie"),
    ("komt er nu echt een debat over de taser?", "debat"),
    ("Komt er volgens de minister van JenV een noodwet?", "noodwet"),
    ("komt er eindelijk een evaluatie?", "evaluatie"),
    ("Is Rutte uiteindelijk naar Kyiv gegaan?", "rutte"),  # not the preposition
    # A plan asked with "daadwerkelijk" is answered by what will be, as any plan.
    ("Gaat Nederland daadwerkelijk bijdragen aan de missie?", None),
    ("Will the Netherlands actually contribute to the mission?", None),
])
def test_what_happened_in_the_end_is_no_grammar_word(question, thing):
    assert analyse(question).in_the_end == thing


@pytest.mark.parametrize("question, act", [
    ("publicatiedatum Staatscourant verlengingsbesluit instellingsbesluit ATR", ["publiceren"]),
    ("op welke datum is het besluit in de Staatscourant verschenen", ["publiceren"]),
    ("Datum aanneming Instellingswet ATR door de Tweede Kamer?", ["aannemen"]),
    ("verzenddatum tweede nota van wijziging", ["versturen"]),
    ("startdatum ETIAS", []),
])
def test_the_date_of_an_act_named_by_its_noun(question, act):
    assert analyse(question).status == act


def test_whether_a_thing_is_finished_is_asked_as_yes_or_no():
    q = analyse("Is het gevraagde rekenkameronderzoek naar de investeringsplannen al klaar?")
    assert q.status == ["afronden"]
    # ok02: the request for the study tells nothing of its being finished.
    assert not tells_status(q, "Noot: De Algemene Rekenkamer heeft verzocht om op korte termijn een gesprek te voeren "
                               "met de commissie Financiën naar aanleiding van het verzoek van de staatssecretaris.")
    assert tells_status(q, "Het onderzoek is op 1 maart afgerond en aan de Kamer aangeboden.")
    assert analyse("Is NL klaar voor de invoering van het EES?").status == []  # readiness
    assert analyse("per wanneer moet de ingebruikname afgerond zijn?").status == []  # a deadline


@pytest.mark.parametrize("question, thing", [
    ("Stemmingsuitslag motie Ceder Gaza", "motie"),
    ("Wat was de stemmingsuitslag over de motie?", "motie"),
    ("Wat is de uitkomst van het onderzoek?", "onderzoek"),
])
def test_an_outcome_asked_by_a_compound_and_of_what(question, thing):
    assert analyse(question).outcome == thing


@pytest.mark.parametrize("question, answer_type", [
    ("Welke andere Europese staten hebben, naast ons, het verdrag getekend?", "countries"),
    ("What is the size of the Dutch bilateral loan to the IMF that the State guarantees?", "amount"),
    ("What is the size of the problem?", "other"),
])
def test_countries_after_a_capital_adjective_and_the_size_of_a_loan(question, answer_type):
    assert analyse(question).answer_type == answer_type


@pytest.mark.parametrize("question, answer_type", [
    # A count between "welke" and "landen" still asks which countries.
    ("welke 17 landen advocatenverdrag Raad van Europa getekend?", "countries"),
    # A treaty provision and the legal basis by another word ask for an article.
    ("Welke verdragsbepaling vormt de rechtsbasis voor de Europese regeling over bescherming van volwassenen?",
     "article"),
    # Who signed, a signatory, a member of a body: a person.
    ("wie tekende het RvS-advies over de Instellingswet ATR als vice-president?", "person"),
    ("ondertekenaar aanbiedingsbrief werkprogramma ATR 2025?", "person"),
    ("Welk lid van de Afdeling advisering bereidde als rapporteur het advies voor?", "person"),
    ("Welk lid van artikel 3 regelt de termijn?", "other"),
    # The costs asked as such; a terse noun first is no verb ("budget" ends in -t).
    ("What is the estimated annual cost for ministries of having the ATR check BNC-fiches?", "amount"),
    ("Wat zijn de kosten van het ATR?", "amount"),
    ("budget ATR 2025?", "amount"),
    ("Kosten de maatregelen meer dan gepland?", "yes_no"),
    # A member state is no member of a body: a country; not the costs' effect or drivers.
    ("Which member state holds the Council presidency?", "countries"),
    ("Wat is het effect op de kosten?", "other"),
    ("What are the cost drivers of the new system?", "other"),
    # The budget asked in English as in Dutch; the year asked without "in".
    ("What is the budget of Frontex?", "amount"),
    ("What is the annual budget of Europol?", "amount"),
    ("What were the budget negotiations about?", "other"),
    ("what's the budget of Frontex?", "amount"),
    ("What is the EU budget position of the Netherlands?", "position"),
    ("What are the budget implications?", "other"),
    ("Which year group is affected?", "other"),
    ("Which year was ATR founded?", "date"),
    ("What year did the Netherlands sign the convention?", "date"),
])
def test_counts_signers_members_provisions_and_costs_asked_in_other_words(question, answer_type):
    assert analyse(question).answer_type == answer_type


def test_by_which_percentage_asks_for_the_change_not_a_level():
    q = analyse("Met welk percentage wil het kabinet de lasten van regels voor bedrijven terugdringen?")
    # llm13: a rate cut to 25% is a level
    assert not has_fact(q, "Het kabinet voert lastenverlichtingen door, zoals de verlaging van de "
                           "renteaftrekbeperking vpb naar 25%.")
    assert has_fact(q, "Het kabinet wil de regeldruk met 10% verminderen.")
    # "percentage" asks for a share as much as "procent" does: llm13's "top-5" is no answer.
    english = analyse("By what percentage does the cabinet aim to cut the regulatory burden for businesses?")
    assert not has_fact(english, "Dit kabinet heeft ambitie om weer tot de top-5 van meest concurrerende landen "
                                 "wereldwijd te horen.")
    assert has_fact(english, "Het kabinet wil de regeldruk met 10% verminderen.")


def test_weighing_whether_in_a_side_clause_leaves_the_main_clause_said():
    assert undecided("Na ontvangst brief wordt bezien of een debat gewenst is.")  # ok04
    assert not undecided("Daarom is het onverminderd voortzetten van de aanpak een prioriteit voor dit kabinet en "
                         "wordt bezien of er extra stappen gezet kunnen worden.")  # llm13
    assert not undecided("Het kabinet ziet meerwaarde in het voorstel om Frontex te betrekken.")


def test_weighing_is_read_with_the_participle_first():
    # llm13: "Bezien wordt of een wettelijk recht op direct contact met de overheid geïntroduceerd moet worden."
    assert undecided("Bezien wordt of een wettelijk recht op direct contact met de overheid geïntroduceerd moet worden.")
    assert weighed("Onderzocht wordt nog of de termijn volstaat.")
    assert weighed("Er wordt onderzocht of de termijn volstaat.") and weighed("Bezien wordt in dat kader of er meer nodig is.")
    assert PENDING.search("Bezien wordt of er een debat komt.")
    assert not undecided("Bezien vanuit de burger wordt de overheid beter bereikbaar.")
    # "of" as "or": nothing is weighed.
    assert not weighed("Alles wat onderzocht wordt of al is besloten, staat in de bijlage.")


def test_still_to_be_weighed_is_not_the_same_as_not_decided_yet():
    # ok02: a talk still to come on whether the request fits the CTIVD's task leaves it open.
    ctivd = ("De voorzitter van de commissie zal met de voorzitter van de CTIVD bespreken of de wens van de commissie "
             "past binnen de toezichthoudende taak van de CTIVD.")
    assert weighed(ctivd) and undecided(ctivd)
    assert weighed("Na ontvangst brief wordt bezien of een debat gewenst is.")  # ok04
    # kst-32317-995: "nog te beslissen" says no decision was taken, which answers "al besloten?".
    tribunal = ("Bij besluit van 17 oktober 2025 heeft de ministerraad ingestemd met vestiging in Nederland van de "
                "voorbereidende fases van het Speciaal Tribunaal; over de eventuele vestiging van het operationele "
                "tribunaal dient de ministerraad nog te beslissen.")
    assert undecided(tribunal) and not weighed(tribunal)
    assert not weighed("De commissie zal het verslag bespreken in de procedurevergadering.")
    # Not across a clause of its own: the stand is taken, only a detail is still to be weighed.
    assert not weighed("Het kabinet zal het voorstel steunen en met de Commissie bespreken of de termijn haalbaar is.")


@pytest.mark.parametrize("question", ["Welke sancties Verenigde Staten tegen Rusland?",
                                      "Which United States agencies are involved?"])
def test_the_united_states_is_no_list_of_states(question):
    assert analyse(question).answer_type != "countries"


def test_a_finished_document_handed_over_tells_it_finished():
    q = analyse("Is het werkprogramma 2025 van het ATR al klaar?")
    assert tells_status(q, "Hierbij bied ik u het Werkprogramma 2025 van het Adviescollege Toetsing Regeldruk (ATR) aan.")


def test_a_lists_line_for_the_office_asked_names_its_holder():
    asked = analyse("wie was de grifier bij de procedurevergadering van de commissie BZK?")
    assert office_line("Griffier: G.F.C. van Leiden", asked)  # ok01
    assert not office_line("Voorzitter: J.A. Koopmans", asked)  # another office
    assert not office_line("Griffier: zie de bijlage", asked)  # no name after it
    assert not office_line("Adjunct-griffier: G.F.C. van Leiden", asked)  # another office, compounded
    # The name the question already gives is not who it asks for.
    assert not office_line("Griffier: T.J.E. van Toor", analyse("Wie is de opvolger van griffier Van Toor?"))
    assert not office_line("Griffier: G.F.C. van Leiden", analyse("wanneer vergaderde de commissie BZK?"))


@pytest.mark.parametrize("sentence, years, otherwise", [
    ("De ambtelijke ondersteuning is uitgebreid van 11 fte in 2018 naar 17 fte in 2023.", {"2025"}, True),
    ("In 2025 kwamen vanuit Libië 72,791 migranten irregulier aan in Europa.", {"2025"}, False),
    ("Het college bestaat uit ten minste drie en ten hoogste vijf leden.", {"2025"}, False),  # undated
    # kst-32317-995: a change against the year asked is no figure of that year.
    ("Het totaal aantal lag fors hoger dan in 2024 (+64%).", {"2024"}, True),
    ("Het totaal aantal lag fors hoger dan in 2024 (+64%).", {"2025"}, False),
    ("Opvallend is het feit dat er ten opzichte van 2024 een daling van 25% is van het aantal irreguliere "
     "grensoverschrijdingen aan de buitengrens.", {"2024"}, True),
    ("Er kwamen 1995 aanvragen binnen.", {"2025"}, False),  # a count, no year
    ("Zoals in de brief van 3 februari 2023 gemeld, zijn er 500 plekken.", {"2025"}, False),  # the letter's date
])
def test_a_sentence_dated_to_other_years_than_asked(sentence, years, otherwise):
    assert dated_otherwise(sentence, years) is otherwise


def test_the_year_of_a_document_named_is_no_year_asked():
    assert asked_years("Hoeveel woningen per jaar volgens het regeerprogramma 2024?") == set()
    assert asked_years("How many FTE in 2025 under the 2024 government programme?") == {"2025"}
    # The start of a span, a law's name, a count: no year the figure is asked for.
    assert asked_years("Hoeveel migranten kwamen sinds 2024 vanuit Libië?") == set()
    assert asked_years("Kosten Wet inburgering 2021?") == set()
    assert asked_years("Kosten van 2000 extra opvangplekken?") == set()
    assert asked_years("aantal fte ambtelijke ondersteuning ATR 2025") == {"2025"}


def test_a_typo_of_a_key_word_is_read_as_it_only_where_the_answerer_allows():
    # The answerer allows it when the letters do not know the typed word or stem both alike.
    assert analyse("Deelt de regeering deze mening?", reads_as=lambda typed, key: True).asked == "Deelt de regeering deze mening?"
    assert "regering" in analyse("Deelt de regeering deze mening?", reads_as=lambda typed, key: True).text
    assert analyse("Deelt de regeering deze mening?").text == "Deelt de regeering deze mening?"
    assert analyse("Hoeveel migranten uit Libannon?", reads_as=lambda typed, key: True).places == {"Libanon"}


@pytest.mark.parametrize("question, day", [
    ("Heeft de TK de wet op 6 sept. 2025 aangenomen?", "2025-09-06"),
    ("Did the Senate pass it on June 6th, 2025?", "2025-06-06"),
    ("aangenomen op 6 febr. 2025?", "2025-02-06"),
    ("Is de wet op 6 ſept 2025 aangenomen?", "2025-09-06"),  # a long s, as re.I reads it: no KeyError
    ("Is de wet in september 2025 aangenomen?", None),  # a month is no day
    ("Is de wet op 31 februari 2025 aangenomen?", None),
])
def test_the_day_a_question_names_is_read_once(question, day):
    assert analyse(question).day == day


# Letters re.IGNORECASE reads as ASCII ones: a long s, a dotted capital and a dotless small i.
# Each reader of a month name once looked it up by .lower() and raised on them.
@pytest.mark.parametrize("text, month", [("6 ſeptember 2025", 9), ("5 aprİl 2026", 4), ("3 junı 2025", 6), ("12 MAART 2026", 3)])
def test_every_reader_of_a_month_name_reads_it_as_the_regex_does(text, month):
    from rag.agenda_question import LetterRef, MeetingRef
    from rag.dates import parse_dutch_date
    from rag.facts import date_units, months_in

    year = int(text[-4:])
    day = int(text.split()[0])
    assert month_number(text.split()[1]) == month
    assert analyse(f"Is de wet op {text} aangenomen?").day == f"{year}-{month:02d}-{day:02d}"
    assert MeetingRef.of(f"JBZ-Raad van {text}").months == [(month, year)]
    assert LetterRef.of(f"Wat staat er in de brief van {text} over terugkeer?") == LetterRef(day, month, year)
    assert LetterRef(day, month, year).mentioned_in(f"in de brief van {text} staat", "2026-10-01")
    assert months_in(text) == {month}
    assert ("d", day, month, year) in date_units(text)
    assert parse_dutch_date(f"Den Haag, {text}") == f"{year}-{month:02d}-{day:02d}"


def test_every_table_a_case_blind_regex_reads_is_looked_up_as_it_matched():
    # The same four letters as above, in the other words read through tables: quarters, seasons,
    # units, agenda ordinals and sections.
    from rag.agenda_question import _structure
    from rag.facts import date_units, quarters_in, seasons_in

    assert ("q", 1, 2025) in date_units("fırst quarter 2025") and quarters_in("fırst quarter") == {1}
    assert seasons_in("ſpring 2025") == {"spring"}
    assert has_fact(analyse("How many dayſ did it take?"), "It took 5 days.")
    asked = _structure("wat is het fırst agendapunt over justıtie")
    assert (asked.number, asked.section) == ("1", "justitie")


def test_a_decision_to_come_is_read_in_the_questions_main_clause():
    pending = ("Bij besluit van 17 oktober 2025 heeft de ministerraad ingestemd met vestiging in Nederland van de "
               "voorbereidende fases van het Speciaal Tribunaal; over de eventuele vestiging van het operationele "
               "tribunaal dient de ministerraad nog te beslissen.")
    for question in ("Wanneer wordt het besluit over het operationele tribunaal genomen?",
                     "Wanneer moet er besloten worden over het tribunaal?",
                     "Wanneer neemt het kabinet een besluit over het tribunaal, nu de Kamer heeft gevraagd om "
                     "duidelijkheid?",
                     "When will the minister who was appointed decide on the tribunal?",
                     "Wanneer zou het kabinet een besluit nemen over het tribunaal?"):
        assert not has_fact(analyse(question), pending), question
    # Asked of a decision by its noun only, or in the past: the day it was taken answers.
    for question in ("What is the date of the cabinet's decision on the preparatory phases?",
                     "datum beslissing MR voorbereidende fases tribunaal",
                     "Wanneer is de beslissing over de voorbereidende fases gevallen?"):
        assert has_fact(analyse(question), pending), question


def test_the_clause_a_date_stands_in_says_whether_its_decision_was_taken():
    q = analyse("Wanneer neemt het kabinet een besluit over het operationele tribunaal?")
    # A decision to come, though the sentence also tells one taken or a request.
    for sentence in ("Nadat de ministerraad op 17 oktober 2025 had ingestemd met de voorbereidende fases, zal hij in "
                     "juni 2026 een besluit nemen over het operationele tribunaal.",
                     "De ministerraad heeft besloten dat het besluit over het tribunaal in juni 2026 wordt genomen.",
                     "De Kamer heeft een motie aangenomen die verzoekt uiterlijk 1 juni 2026 een besluit te nemen."):
        assert has_fact(q, sentence), sentence
    # A decision taken, whatever abbreviation ends in a full stop after its date.
    for sentence in ("Het kabinet heeft op 17 oktober 2025 besloten over de voorbereidende fases, maar over het "
                     "operationele tribunaal is nog niet besloten.",
                     "De ministerraad heeft op 17 oktober jl. ingestemd met de vestiging van de voorbereidende fases.",
                     "Op 17 oktober 2025 heeft de MR i.o.m. de minister van BZ ingestemd met de voorbereidende fases."):
        assert not has_fact(q, sentence), sentence


def test_a_signature_is_of_the_body_the_question_names_by_whole_words_or_capitals():
    text = "\n".join(["De Minister van Economische Zaken en Klimaat, M.A.M. Adriaansens",
                      "De Minister van Volksgezondheid, Welzijn en Sport, mr. E.J. Agema",
                      "De voorzitter van de commissie, Tielen",
                      "Het hoofd van het Openbaar Ministerie, R.J. Bos",
                      "De vice-president van de Raad van State, Th.C. de Graaf.",
                      "De Minister van Buitenlandse Zaken, TOELICHTING"])

    def signer(question):
        span = signature_span(text, analyse(question))
        return text[span[0]:span[1]] if span else None

    assert signer("wie is de minister van EZK?") == "De Minister van Economische Zaken en Klimaat, M.A.M. Adriaansens"
    assert signer("Wie ondertekende namens VWS?") == "De Minister van Volksgezondheid, Welzijn en Sport, mr. E.J. Agema"
    assert signer("Wie tekende het RvS-advies bij paragraaf 3?") == \
        "De vice-president van de Raad van State, Th.C. de Graaf."
    for question in ("Wie ondertekende de brief met het verzoek om uitstel?",  # "om" is no OM
                     "Wie is de griffier van de vaste commissie voor Digitale Zaken?",  # any committee is no body
                     "Wie is de vice-voorzitter van de commissie?",
                     "Wie ondertekende de brief van de Raad aan de Staten-Generaal?",
                     "Who signed the statement of the Council on the tribunal?",
                     "naam minister BZ ondertekening besluit?"):  # an unsigned decree, its next heading on the line
        assert signer(question) is None, question


@pytest.mark.parametrize("question, asked", [
    # What a meeting decided or how it went, in the past, the meeting its subject.
    ("wat heeft de jbz raad op 5 maart uiteindelijk besloten over de toekomst van europol", True),
    ("Welke besluiten zijn er op de JBZ-Raad van maart genomen?", True),
    ("What did the March JHA Council decide on the Commission's plans for Europol?", True),
    ("Hoe is de JBZ-Raad van maart verlopen?", True),
    ("What was agreed at the March JHA Council on returns?", True),
    ("Did the Council actually adopt the general approach in March?", True),
    # What will be, or someone else's act beside the meeting.
    ("Wat wordt er besloten over Europol?", False),
    ("Gaat de JBZ-Raad in maart de verordening aannemen?", False),
    ("Wat is de Nederlandse inzet voor de JBZ-Raad van maart over het besluit dat in december is genomen?", False),
    ("Heeft Nederland besloten om op de JBZ-Raad van maart in te stemmen?", False),
    ("Welk initiatief heeft de Commissie genomen voor de JBZ-Raad van maart?", False),
    ("Has the Commission concluded its evaluation ahead of the March JHA Council?", False),
])
def test_whether_a_question_asks_what_came_of_a_meeting(question, asked):
    assert asks_result(analyse(question)) is asked


def test_may_the_verb_is_no_month():
    assert named_months("Did the Council in the end adopt it, or may member states still block it?") == []
    assert named_months("op 12 mei 2025 en in May") == [(5, 2025), (5, None)]


def test_a_length_of_time_is_told_in_a_unit_of_time_or_by_its_end():
    # kst-32317-995: the Schengen item gives a stay's length in days; its other sentences count other things.
    stay = analyse("Hoe lang mag een kort verblijf in het Schengengebied duren?")
    assert has_fact(stay, "Om het kader van kort verblijf (90 dagen binnen een periode van 180 dagen) beter te "
                          "waarborgen, stuurt de Commissie aan op het uitfaseren van bilaterale verdragen.")
    procedure = analyse("What is the maximum duration of the asylum border procedure under the Pact?")
    assert not has_fact(procedure, "Het revised VIS zal nu in twee fasen, Q4 2028 en Q3 2029, worden geïmplementeerd.")
    assert has_fact(procedure, "De grensprocedure duurt ten hoogste twaalf weken.")
    assert has_fact(analyse("hoe lang loopt de garantie nog"), "welke zal lopen t/m 31 december 2020")
    # An end the question gave itself is no answer; a word that begins with "eind" is no end.
    assert not has_fact(analyse("Hoe lang blijft de tijdelijke bescherming na maart 2026 gelden?"),
                        "De bescherming geldt tot maart 2026.")
    assert not has_fact(analyse("Hoe lang duurt de procedure?"), "Dat gaat tot de eindstemming in de Raad door.")
    assert not has_fact(analyse("Hoe lang mag een kort verblijf duren?"), "Sinds 2015 wordt elk jaar gemeten.")
    # The length of a thing is no length of time.
    assert has_fact(analyse("Hoe lang is de lijst van veilige landen?"), "De lijst telt 12 landen.")
    # A count that is no length keeps the plain check.
    assert has_fact(analyse("In hoeveel fasen wordt het revised VIS ingevoerd?"),
                    "Het revised VIS zal nu in twee fasen, Q4 2028 en Q3 2029, worden geïmplementeerd.")


def test_what_was_concluded_is_asked_as_an_outcome_and_told_as_a_result():
    for question in ("What did the JHA Council conclude at the working lunch?", "Wat concludeerde het onderzoek?",
                     "Wat heeft de commissie besloten over het verzoek?"):
        assert analyse(question).outcome == ""
    # A view, a wish or a plan is not asked as an outcome.
    for question in ("What did the Netherlands find important about Europol?",
                     "What did the government want to achieve with the Housing Summit?",
                     "What did the minister agree to send to the House?", "Wat heeft de minister besloten te doen?"):
        assert analyse(question).outcome is None
    assert tells_a_result("Besluit: Staatssecretaris BZK verzoeken om nadere brief.")
    assert tells_a_result("Uit het onderzoek blijkt dat de regeldruk is gestegen.")
    assert tells_a_result("Tijdens de JBZ-Raad van juni 2025 is er al een algemene oriëntatie bereikt.")
    assert not tells_a_result("Nederland acht het van groot belang dat detentie leidt tot het onderbreken van criminele "
                              "activiteiten.")
    assert not tells_a_result("Daarom organiseren we eind 2024 een Woontop waar we concrete afspraken maken.")
    assert tells_a_result("De lidstaten hebben afgesproken dat de regels vanaf juni gelden.")
    # A goal is no result.
    assert not tells_a_result("Het is de ambitie om in 2025 resultaten te behalen.")
    assert not tells_a_result("Dat doel moet worden bereikt.")


@pytest.mark.parametrize("question, answer_type", [
    ("kamerstuknummer non-paper voortgezet crimineel handelen detentie 2024", "reference"),
    ("Kamerstuknr vh BNC-fiche over de vo bescherming volwassenen?", "reference"),
    ("kamerstuk verwijzing terugkeerhubs", "reference"),
    ("Welk nr. heeft het ontwerpbesluit tot wijz. vh Instellingsbesluit ATR?", "reference"),
    ("In welk kamerstuk staat het nonpaper over detentie?", "reference"),
    ("vindplaats BNC-fiche bescherming volwassenen", "reference"),
    ("What is the document number of the BNC fiche on vulnerable adults?", "reference"),
    ("nummer motie ceder?", "reference"),
    ("Wat is het nummer van de motie Ceder?", "reference"),
    ("What number does the motion have?", "reference"),
    ("Welk kenmerk heeft de brief?", "reference"),
    # A paper the question cites itself, a count, another number, "kenmerk" as a trait, "reference"
    # as an adjective: no paper's number asked.
    ("Van welke datum is de koninklijke boodschap bij het wetsvoorstel (TK 36450, nr. 1)?", "date"),
    ("Wanneer is de motie met kamerstuknummer 21501-02 nr 3121 ingediend?", "date"),
    ("What number of member states signed the convention?", "other"),
    ("Hoeveel kamerstukken zijn er over de Instellingswet ATR?", "number"),
    ("Onder welk nummer staat de verordening op de agenda?", "other"),
    ("Welk nummer heeft artikel 5?", "other"),
    ("Welk belangrijk kenmerk heeft de nieuwe verordening?", "other"),
    ("What reference date is used for the return figures?", "other"),
])
def test_a_papers_number_is_asked_as_a_reference(question, answer_type):
    assert analyse(question).answer_type == answer_type


def test_a_reference_is_a_papers_number_not_any_figure():
    q = analyse("kamerstuknummer BNC-fiche bescherming volwassenen")
    assert has_fact(q, "Kamerstukken II 2022/23, 22 112, nr. 3739.")
    nonpaper = analyse("kamerstuknummer non-paper voortgezet crimineel handelen")
    assert has_fact(nonpaper, "Non-paper, bijlage bij de Geannoteerde Agenda, Kamerstuk 32 317, nr. 872.")
    # ... which is the non-paper's number, not the fiche's.
    assert not has_fact(q, "Non-paper, bijlage bij de Geannoteerde Agenda, Kamerstuk 32 317, nr. 872.")
    assert has_fact(q, "EU-begroting 2016: Aanvullende begroting vier en vijf - 21501-03-99")
    assert has_fact(q, "in verband met de verlenging van de termijn van het adviescollege, nr. WJZ/87203799")
    assert not has_fact(q, "Uw Kamer is via een BNC-fiche over deze mededeling geïnformeerd.")
    assert not has_fact(q, "In 2025 kwamen 72,791 migranten aan; 3 december 2025 is de mededeling gepubliceerd.")
    for form in ("Kamerstuk 36 450 nr. 3", "32 317, Nr. 872", "36 600 XVIII, nrs. 5 en 6", "Stb. 2024, 123",
                 "COM(2025) 101", "2024Z01234", "Ons kenmerk 2024-0000012345", "No. W18.23.00028/IV"):
        assert has_fact(q, form), form
    for figure in ("tussen 12000-15 000 euro", "Het budget is € 21501-02 miljoen",
                   "32 317 aanvragen, nr. 3 op de lijst"):
        assert not has_fact(q, figure), figure
    # The number of another paper named just before it: "kamerstuknummer regeerprogramma" is not the motion's.
    program = analyse("kamerstuknummer regeerprogramma")
    assert not has_fact(program, "De Tweede Kamer heeft per motie van het lid Dassen (Kamerstuk 36 471, nr. 91) "
                                 "verzocht")

