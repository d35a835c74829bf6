"""Extractive answers with citations on the bundled letters (real model, real store)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from rag.answer import ACTOR_NAMES, FACT_MISSING, FACT_NAMES, NOT_FOUND, STILL_TO_COME, Answerer
from rag.retrieve import Filters

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def answerer(letters_retriever):
    return Answerer(letters_retriever)


def test_europol_position(answerer):
    a = answerer.ask("Wat is de Nederlandse positie over Europol?")
    assert a.answered and a.mode == "extractive" and a.language == "nl"
    assert "binnen het bestaande mandaat te versterken" in a.answer
    assert "nationale zeggenschap" in a.answer
    assert a.answer.rstrip().endswith("[1]")
    c = a.citations[0].to_dict()
    assert (c["doc_id"], c["section"], c["item_no"], c["item_title"]) == (
        "kst-32317-995", "I. Binnenlandse Zaken", "6", "Toekomst van Europol")
    assert (c["page_start"], c["page_end"]) == (13, 14)
    # The whole chunk is the citation text, with the quoted sentences marked.
    assert "«Nederland ziet in positieve zin volop mogelijkheden" in c["text"]
    for quote in c["quotes"]:
        assert quote in a.answer and quote in a.citations[0].chunk.text
    assert {"retrieve", "extractive", "first_token", "answer", "total"} == set(a.timings_ms)
    assert a.answer_type == "position" and a.reason is None


def test_every_marker_has_a_source_and_every_source_is_cited(answerer):
    for q in ["Wat vindt het kabinet van terugkeerhubs?", "Hoeveel migranten kwamen in 2025 vanuit Libië irregulier aan in Europa?"]:
        a = answerer.ask(q)
        assert a.answered
        numbers = {int(n) for n in re.findall(r"\[(\d+)\]", a.answer)}
        assert numbers == {c.n for c in a.citations}
        # Answer text is verbatim letter text: every sentence stands in a cited chunk.
        body = re.sub(r"\s*\[\d+\]", "", a.answer)
        sources = " ".join(c.chunk.text for c in a.citations)
        for quote in (q for c in a.citations for q in c.to_dict()["quotes"]):
            assert quote in body and quote in sources
    libie = answerer.ask("Hoeveel migranten kwamen in 2025 vanuit Libië irregulier aan in Europa?")
    assert "72,791" in libie.answer


def test_common_agricultural_policy_is_not_answered(answerer):
    # The Regeerprogramma's farm-policy passages are on the topic, but in none does the
    # Netherlands take a stand on the CAP: a question for a position needs one.
    a = answerer.ask("Wat is de Nederlandse positie over het Gemeenschappelijk Landbouwbeleid?")
    assert not a.answered
    assert a.answer == NOT_FOUND["nl"] and a.reason == "no_passage"
    assert a.citations == [] and a.related, "the closest passages are still shown"


def test_common_agricultural_policy_in_english_is_not_answered(answerer):
    en = answerer.ask("What is the Dutch position on the Common Agricultural Policy?")
    assert not en.answered and en.answer == NOT_FOUND["en"]


def test_english_questions_get_answers(answerer):
    a = answerer.ask("What is the Dutch position on the future of Europol?")
    assert a.answered and a.language == "en"
    assert a.citations[0].chunk.item_title == "Toekomst van Europol"


def test_filters_apply_to_answers(answerer):
    a = answerer.ask("Wat is de Nederlandse positie over Europol?", filters=Filters(doc_ids=["kst-21501-02-3121"]))
    assert all(c.chunk.doc_id == "kst-21501-02-3121" for c in a.citations + a.related)


def test_streaming_callback_receives_the_answer(answerer):
    pieces: list[str] = []
    a = answerer.ask("Wat is de Nederlandse positie over Europol?", on_token=pieces.append)
    assert len(pieces) > 5 and "".join(pieces) == a.answer


def test_near_topic_question_for_a_missing_fact_is_refused(answerer):
    # The letter treats return hubs at length but gives no budget; it does give other figures.
    a = answerer.ask("budget terugkeerhubs nl euro")
    assert a.answer_type == "amount"
    assert not a.answered and a.reason in ("fact_missing", "no_passage")
    assert a.related and any(c.chunk.doc_id == "kst-32317-995" for c in a.related)
    d = a.to_dict()
    assert d["answer_type"] == "amount" and d["reason"] == a.reason
    # The ATR bill sets the board's size and term, not its pay; its letters give other sums.
    pay = answerer.ask("What is the annual remuneration of the ATR chair and members?")
    assert pay.answer_type == "amount" and not pay.answered


@pytest.mark.parametrize("question", [
    "Wat vindt Nederland van de algemene oriëntatie over de verordening bescherming volwassenen?",
    "What is the Dutch position on the adults protection regulation?",
])
def test_a_question_for_the_dutch_position_leads_with_the_sentence_that_takes_it(answerer, question):
    # The item opens with what the proposal is; the position comes paragraphs later.
    a = answerer.ask(question)
    assert a.answered and a.answer_type == "position"
    assert a.answer.startswith("Nederland kan de algemene oriëntatie steunen.")
    assert a.citations[0].chunk.item_title == "Verordening over de bescherming van volwassenen"


def test_a_question_for_the_cabinets_view_on_a_motion_it_never_judged_is_refused(answerer):
    # The motion is indexed and found, but it is the Kamer speaking: no letter gives the
    # cabinet's view of it, and quoting the motion would answer a question nobody asked.
    a = answerer.ask("Wat vindt het kabinet van de motie Ceder over Rafah?")
    assert not a.answered and a.answer_type == "position" and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["nl"].format(fact=FACT_NAMES["nl"]["position"])
    assert a.related[0].chunk.doc_id == "kst-21501-02-3121"
    # Where the cabinet does take a stand, a yes/no question about it is answered with it.
    b = answerer.ask("Steunt het kabinet een sanctie-instrument tegen mensensmokkelaars?")
    assert b.answered and b.answer.startswith("Het kabinet kijkt in dat kader ook uit naar het Commissievoorstel voor een "
                                              "sanctie instrument")
    # A stand that points back with "dit" is on the point its sentence before names.
    c = answerer.ask("Steunt het kabinet het benutten van het visumopschortingsmechanisme?")
    assert c.answered and c.answer.startswith("Het kabinet steunt dit ten volle.")


@pytest.mark.parametrize("question", [
    "Does the Netherlands support postponing the 9 April 2026 deadline for the EES roll-out?",
    "Klopt het dat NL het geüpdatete Syria CT Actionplan van de EU CTC al heeft onderschreven?",
])
def test_a_yes_no_question_is_not_answered_by_a_stand_on_another_point(answerer, question):
    # The item takes a stand ("Nederland kan hiermee instemmen", "Nederland is positief over de
    # mogelijkheid om ... van gedachten te wisselen"), but on something else than the point asked.
    a = answerer.ask(question)
    language = "en" if question.startswith("Does") else "nl"
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING[language].format(fact=FACT_NAMES[language]["position"])
    assert a.related[0].chunk.doc_id == "kst-32317-995"


def test_a_papers_number_is_answered_with_the_footnote_that_gives_it(answerer):
    a = answerer.ask("Kamerstuknr vh BNC-fiche over de vo bescherming volwassenen?")
    assert a.answered and a.answer_type == "reference"
    # The sentence that points to the fiche, then the footnote it points to, from one chunk.
    assert a.answer.index("BNC-fiche⁵") < a.answer.index("⁵ Kamerstukken II 2022/23, 22 112, nr. 3739.")
    assert [c.chunk.doc_id for c in a.citations] == ["kst-32317-995"]
    assert "⁵ Kamerstukken II 2022/23, 22 112, nr. 3739." in a.citations[0].to_dict()["quotes"]
    # The drugs item says the Kamer had a BNC-fiche, and its footnote gives no number ("Verwijzing BNC-fiche").
    b = answerer.ask("kamerstuknummer BNC-fiche drugsstrategie")
    assert b.answer_type == "reference" and not b.answered and b.reason == "fact_missing"
    assert b.answer == FACT_MISSING["nl"].format(fact=FACT_NAMES["nl"]["reference"])
    # The Regeerprogramma has no Kamerstuk number; the motion it names beside one is another paper.
    c = answerer.ask("kamerstuknummer regeerprogramma")
    assert c.answer_type == "reference" and "36 471, nr. 91" not in c.answer


def test_a_question_for_the_legal_basis_is_answered_with_the_article(answerer):
    a = answerer.ask("Op grond van welk artikel van het VWEU besluit de Raad over het verdrag inzake advocaten?")
    assert a.answered and a.answer_type == "article" and "artikel 218 VWEU" in a.answer
    assert a.citations[0].chunk.item_title.startswith("De onafhankelijkheid van advocaten")
    # The letter treats the list of travel documents, but names no article for it.
    a = answerer.ask("Op grond van welk artikel stelt de Commissie de lijst van erkende reisdocumenten vast?")
    assert a.answer_type == "article" and not a.answered and a.reason in ("fact_missing", "no_passage")
    said = {"fact_missing": FACT_MISSING["nl"].format(fact=FACT_NAMES["nl"]["article"]), "no_passage": NOT_FOUND["nl"]}
    assert a.answer == said[a.reason] and a.related
    # "verdragsbepaling ... rechtsbasis" asks for an article too; the item on adults' protection gives none.
    b = answerer.ask("Welke verdragsbepaling vormt de rechtsbasis voor de Europese regeling over grensoverschrijdende "
                     "bescherming van kwetsbare meerderjarigen?")
    assert b.answer_type == "article" and not b.answered and b.reason == "fact_missing"
    assert b.related[0].chunk.item_title == "Verordening over de bescherming van volwassenen"


@pytest.mark.parametrize("question", [
    # The ATR letters count dossiers (354 in 2018, ruim 700 in 2023), never advice given in 2024.
    "Hoeveel adviezen heeft het toetsingscollege in 2024 in totaal afgegeven?",
    # The decision list of the e-mail procedure names the parties for, and dates it: no count against.
    "hoeveel fracties stemden tegen het voorstel van Karabulut in de e-mailprocedure?",
    # The decision list treats the customs staff in Rotterdam, and counts no jobs.
    "Hoeveel arbeidsplaatsen bij de controle van goederen in de Rotterdamse haven verdwijnen er precies volgens het bericht?",
])
def test_a_count_of_something_no_letter_counts_is_refused(answerer, question):
    a = answerer.ask(question)
    assert a.answer_type == "number" and not a.answered and a.related


def test_a_figure_from_another_chunk_answers_only_when_it_is_about_the_object(answerer):
    # The quoted passage lacks the share asked for; the 75% of another chunk is of the advice points
    # in general, not of the annual report over 2024 the question names.
    a = answerer.ask("Hoeveel procent van de adviezen van het ATR volgden de ministeries volgens het jaarverslag over 2024?")
    assert a.answer_type == "number" and not a.answered and a.reason == "fact_missing" and a.related
    # Asked without the annual report, the same figure answers.
    b = answerer.ask("Welk percentage van de adviespunten van ATR wordt opgevolgd?")
    assert b.answered and "75%" in b.answer


def test_a_name_the_letter_does_not_give_is_refused(answerer):
    # The agenda says the EU counter-terrorism coordinator will brief the Council, not who that is.
    a = answerer.ask("Hoe heet de EU-contraterrorismecoördinator die de Raad bijpraat over Syrië?")
    assert a.answer_type == "person" and not a.answered and a.related


@pytest.mark.parametrize("question, language", [
    ("Om welke kwestie ging het bij het gewenste CTIVD-onderzoek naar de inlichtingendiensten?", "nl"),
    ("What specific affair prompted the committee to ask the CTIVD for an inquiry?", "en"),
])
def test_a_matter_the_letter_only_points_back_to_is_not_named(answerer, question, language):
    # ok04: the committee wants an inquiry into the services' conduct "rondom deze kwestie"; which
    # matter that is, the decision list does not say.
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing" and a.related
    assert a.answer == FACT_MISSING[language].format(fact=FACT_NAMES[language]["matter"])
    # What the committee wants looked into, it does say.
    b = answerer.ask("Wat wil de commissie door de CTIVD laten onderzoeken?")
    assert b.answered and "handelen van de inlichtingendiensten" in b.answer


@pytest.mark.parametrize("question", [
    # The motion is indexed (its text), but no letter says how the Kamer voted on it.
    "Is de motie Ceder over Gaza en Rafah door de Tweede Kamer aangenomen?",
    # The agenda treats Libya at length, and no agreement signed.
    "Heeft Libië al een migratieovereenkomst met de EU ondertekend?",
    # ... and Lebanon's returns, and no readmission agreement concluded.
    "Heeft de EU al een overnameovereenkomst met Libanon gesloten?",
    # The decision list tells the committee's wish for a CTIVD inquiry, not the CTIVD's answer.
    "Ging de CTIVD akkoord met het onderzoeksverzoek van de vaste commissie?",
    "Heeft de CTIVD al ja gezegd tegen het verzoek van de commissie?",
])
def test_whether_an_act_happened_is_not_answered_from_a_passage_silent_on_it(answerer, question):
    a = answerer.ask(question)
    assert a.answer_type == "yes_no" and not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["nl"].format(fact=FACT_NAMES["nl"]["status"]) and a.related


@pytest.mark.parametrize("question, language, holder", [
    # The ATR letters name the VNG as a user of its advice, never as for or against it.
    ("Steunt de VNG dat het ATR gemeenten adviseert over hun regels?", "nl", "VNG"),
    ("Zijn de lidstaten positief over de visumstrategie?", "nl", "lidstaten"),
    # kst-36450-6 has the BBB group's questions, not its side on a permanent ATR.
    ("Does the BBB group support making the ATR a permanent body?", "en", "BBB"),
    # What another country thinks or says: the JBZ agenda gives the Dutch line on these items and
    # no other member state's; the regeerprogramma's border controls are the cabinet's plan.
    ("Wat is het standpunt van Hongarije over de verordening bescherming volwassenen?", "nl", "Hongarije"),
    ("What position is Hungary expected to take on the general approach on the protection of adults?", "en", "Hungary"),
    ("What is Germany's position on the future of Europol?", "en", "Germany"),
    ("Wat is de positie van Polen over de implementatie van het migratiepact?", "nl", "Polen"),
    ("Wat zegt Duitsland over binnengrenscontroles?", "nl", "Duitsland"),
    ("standpunt hongarije verordening bescherming volwassenen", "nl", "Hongarije"),
    ("wat is standpunt HU m.b.t. raadsconclusies toepassing Handvest?", "nl", "Hongarije"),
    ("Is Frankrijk ervoor om tweezijdige akkoorden die een langer visumvrij verblijf mogelijk maken af te schaffen?",
     "nl", "Frankrijk"),
])
def test_whether_someone_else_takes_a_side_is_answered_only_where_they_take_it(answerer, question, language, holder):
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing" and a.related
    assert a.answer == FACT_MISSING[language].format(fact=FACT_NAMES[language]["holder"].format(holder=holder))
    b = answerer.ask("Klopt het dat de Commissie kritisch blijft over de binnengrenscontroles?")
    assert b.answered and b.answer.startswith("Daarnaast blijft de Commissie kritisch")


def test_what_the_letter_says_is_no_one_elses_view(answerer):
    a = answerer.ask("Wat zegt de brief over Europol?")
    assert a.answered and a.citations[0].chunk.item_title == "Toekomst van Europol"


def test_what_someone_else_thinks_leads_with_the_sentence_that_names_them(answerer):
    # kst-36450-6: the answer on the CDA group's questions opens with the ATR, not with the group.
    a = answerer.ask("Wat vinden de leden van de CDA-fractie van het wetsvoorstel Instellingswet ATR?")
    assert a.answered and a.answer.startswith("De leden van de CDA-fractie constateren")
    b = answerer.ask("Hoe staat de Europese Commissie tegenover terugkeerhubs?")
    assert b.answered and b.answer.startswith("De Commissie")


def test_someone_elses_side_is_quoted_where_they_take_it(answerer):
    # kst-36450-6: the CDA's support is told in the sentence after the one that names the party.
    a = answerer.ask("steunt de cda fractie het permanent maken van het adviescollege toetsing regeldruk")
    assert a.answered and a.answer.startswith("Het terugdringen en voorkomen van regeldruk heeft voor deze leden")
    b = answerer.ask("Is de Raad van State kritisch over het wetsvoorstel instellingswet ATR?")
    assert b.answered and b.answer.startswith("De Afdeling advisering van de Raad van State heeft een aantal bezwaren")
    assert b.citations[0].chunk.doc_id.startswith("llm08")


@pytest.mark.parametrize("question", ["Kan Nederland instemmen met de roadmap voor het revised VIS?",
                                      "nl akkoord met roadmap revised vis?"])
def test_a_question_about_the_dutch_side_leads_with_the_side_asked(answerer, question):
    # The item states two Dutch positions; the question asks about agreeing to the roadmap.
    a = answerer.ask(question)
    assert a.answered and a.answer.startswith("Nederland kan hiermee instemmen.")


def test_whether_an_act_happened_leads_with_the_sentence_that_tells_it(answerer):
    # The item tells the signature in one chunk and the ratification under way in the next.
    a = answerer.ask("Heeft NL het advocatenverdrag van de Raad van Europa al geratificeerd?")
    assert a.answered and a.answer.startswith("Op dit moment wordt gewerkt aan de voorbereiding van de nationale "
                                              "goedkeuringsprocedure voor het Verdrag.")


@pytest.mark.parametrize("question, language, actor", [
    ("Is de Instellingswet ATR al door de EK aangenomen?", "nl", "Eerste Kamer"),
    ("Has the Senate already passed the ATR Establishment Act?", "en", "Eerste Kamer"),
    # kst-32317-995 tells 35 countries signing the Claims Commission convention, not whether NL did.
    ("Heeft Nederland het oprichtingsverdrag van de Claims Commissie voor Oekraïne al ondertekend?", "nl", "Nederland"),
])
def test_whether_one_parliament_acted_is_not_answered_by_another(answerer, question, language, actor):
    # The letters tell the bill lying with the Tweede Kamer, nothing the Eerste Kamer did; others signing, not NL.
    a = answerer.ask(question)
    assert a.answer_type == "yes_no" and not a.answered and a.reason == "fact_missing" and a.related
    who = FACT_NAMES[language]["status_of"].format(actor=ACTOR_NAMES[language][actor])
    assert a.answer == FACT_MISSING[language].format(fact=who)
    # Asked of the Tweede Kamer, the same passage answers.
    b = answerer.ask("Heeft de Tweede Kamer de Instellingswet ATR al aangenomen?")
    assert b.answered and b.answer.startswith("Op dit moment ligt de Instellingswet ATR voor behandeling bij de Tweede Kamer")


def test_whether_another_country_acted_is_not_answered_by_others_acting(answerer):
    # kst-32317-995: seventeen member states of the Council of Europe signed, among them NL; France is not named.
    a = answerer.ask("Has France signed the Council of Europe Convention on the protection of the profession of lawyer?")
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["en"].format(fact=FACT_NAMES["en"]["status_of"].format(actor="France"))


@pytest.mark.parametrize("question", [
    # kst-32317-995 tells the EU drugs strategy published on 3 December 2025, not the action plan.
    "wanneer heeft de commissie het eu actieplan tegen drugshandel gepubliceerd",
    # ... and 35 countries signing the Claims Commission treaty, 25 needed to ratify: none ratified yet.
    "How many countries have already ratified the treaty establishing the Claims Commission for Ukraine?",
])
def test_a_figure_of_another_document_or_of_a_step_to_come_is_no_answer(answerer, question):
    a = answerer.ask(question)
    assert not a.answered and a.related
    # The same passages answer what they do tell (the sentence before "dit verdrag" names the treaty).
    signed = answerer.ask("Hoeveel landen hebben het verdrag voor de Claims Commissie voor Oekraïne ondertekend?")
    assert signed.answered and "35 landen" in signed.answer
    needed = answerer.ask("Hoeveel landen moeten het verdrag over de Claims Commissie ratificeren?")
    assert needed.answered and "minstens 25 landen" in needed.answer


@pytest.mark.parametrize("question", [
    "Wanneer tekende NL het verdrag ter bescherming van de advocatuur?",  # kin of "advocaten" in the item's heading
    "When did the Netherlands sign the convention on the protection of lawyers?",
])
def test_a_date_of_an_act_is_answered_where_its_item_names_the_thing(answerer, question):
    a = answerer.ask(question)
    assert a.answered and "13 mei 2025" in a.answer


def test_the_date_of_one_treatys_signing_is_no_date_of_anothers(answerer):
    # kst-32317-995 gives the day NL signed the lawyers' convention, not the Claims Commission treaty.
    a = answerer.ask("Wanneer heeft Nederland het verdrag over de Claims Commissie ondertekend?")
    assert not a.answered and "13 mei 2025" not in a.answer


def test_a_date_of_an_act_no_letter_dates_is_refused(answerer):
    a = answerer.ask("Wanneer heeft de Eerste Kamer de Instellingswet ATR aangenomen?")
    assert a.answer_type == "date" and not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["nl"].format(fact=FACT_NAMES["nl"]["date"])


@pytest.mark.parametrize("question", [
    # kst-32317-995: "Tijdens de werklunch zal de Raad van gedachten wisselen ..." (still to come).
    "uitkomst werklunch JBZ-Raad Syrië Irak",
    # ok02: the committee waits for the government and wants a CTIVD inquiry; none is reported.
    "wat was de uitkomst van het CTIVD-onderzoek nav de NL militairen in Libië?",
])
def test_what_came_of_something_still_to_come_is_refused(answerer, question):
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["nl"].format(fact=FACT_NAMES["nl"]["outcome"])


@pytest.mark.parametrize("question, language, fact", [
    # kst-32317-995: the working lunch "zal" take place, its angle "nog niet bekend"; beside it
    # stands the Dutch view ("Nederland acht het van groot belang ..."), which is no conclusion.
    ("What did the JHA Council conclude at the working lunch on continued criminal activity from detention?", "en",
     "outcome"),
    # llm13 (September 2024): "Daarom organiseren we eind 2024 een Woontop": a plan, not what came of it.
    ("What concrete agreements came out of the Housing Summit (Woontop) held at the end of 2024?", "en", "outcome"),
    # What a report found: ok02 lists the Rekenkamer's report with the committee's "Besluit: Ter
    # informatie", not its findings; kst-32317-995 has "Naar verwachting zal de discussie voortbouwen
    # op de evaluatie van het huidige mandaat".
    ("Wat concludeert de Algemene Rekenkamer in haar rapport over het vastgoed van de universiteiten?", "nl", "finding"),
    ("What are the key findings of the evaluation of the current Europol mandate?", "en", "finding"),
])
def test_what_came_of_something_named_by_no_thing_needs_a_result_or_a_finding(answerer, question, language, fact):
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING[language].format(fact=FACT_NAMES[language][fact])


@pytest.mark.parametrize("question", [
    # llm13: "Bezien wordt of een wettelijk recht op direct contact met de overheid geïntroduceerd moet worden."
    "Komt er een wettelijk recht op direct contact met de overheid?",
    "Gaat het kabinet een wettelijk recht op direct contact met de overheid invoeren?",
])
def test_a_yes_no_question_on_what_is_still_weighed_is_refused(answerer, question):
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing"


def test_what_a_committee_decided_is_answered_by_its_decision(answerer):
    # ok01: "Besluit: Staatssecretaris BZK verzoeken om nadere brief over mogelijke wijzigingen in het bestuursakkoord".
    a = answerer.ask("What did the committee decide regarding the March 2009 circular on the municipal and provincial funds?")
    assert a.answered and "nadere brief" in a.answer and "bestuursakkoord" in a.answer


@pytest.mark.parametrize("question, told", [
    # llm09: "De wetgevingstoets van J&V is met een akkoord afgerond".
    ("uitkomst wetgevingstoets J&V tweede nota van wijziging atr", "met een akkoord afgerond"),
    # ok03: the vote is told as the decision, without the word 'stemming'.
    ("Wat was de uitslag van de stemming over het voorstel van Karabulut?", "niet kunnen rekenen op een meerderheid"),
])
def test_what_came_of_something_done_is_answered(answerer, question, told):
    a = answerer.ask(question)
    assert a.answered and told in a.answer


@pytest.mark.parametrize("question", ["indiener motie gaza rafah leidende eu-rol",
                                      "wie heeft de motie over een leidende EU-rol in het vredesproces ingediend?"])
def test_who_submitted_a_motion_is_answered_with_its_signers(answerer, question):
    # pm01: the signer's name stands on its own line after "... en gaat over tot de orde van de dag."
    a = answerer.ask(question)
    assert a.answered and a.answer.rstrip(" [1]").endswith("orde van de dag.\nCeder")
    quotes = a.citations[0].to_dict()["quotes"]
    assert any(q.endswith("Ceder") and q in a.citations[0].chunk.text for q in quotes)


def test_a_response_of_someone_the_letters_do_not_name_is_refused(answerer):
    # llm13 tells the cabinet asking Brussels for an opt-out, not how the Commission responded.
    a = answerer.ask("How has the European Commission responded to the Dutch request for an opt-out from EU asylum "
                     "and migration rules?")
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["en"].format(fact=FACT_NAMES["en"]["response"].format(who="European Commission"))
    # ok01: the committee's response is its decision.
    b = answerer.ask("Hoe reageerde de commissie op het aanbod om in Breda langs te komen bij de veiligheidsregio?")
    assert b.answered and "Overlaten aan individuele leden" in b.answer


def test_a_yes_no_question_is_not_answered_by_what_is_still_to_be_weighed(answerer):
    # ok02: the chairs are still to talk it over, so the letter does not say whether it fits.
    a = answerer.ask("Has the CTIVD chair confirmed that the committee's request for an investigation falls within "
                     "the CTIVD's supervisory remit?")
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["en"].format(fact=FACT_NAMES["en"]["status"])
    # Asked whether the weighing will happen, the sentence that says so answers.
    c = answerer.ask("Gaat de voorzitter van de commissie met de voorzitter van de CTIVD bespreken of de wens van de "
                     "commissie past binnen de toezichthoudende taak?")
    assert c.answered and "zal met de voorzitter van de CTIVD bespreken of" in c.answer
    # kst-32317-995: "nog te beslissen" tells that the cabinet has not decided yet, which answers.
    b = answerer.ask("Heeft de ministerraad al besloten dat het operationele agressietribunaal in Nederland komt?")
    assert b.answered and "nog te beslissen" in b.answer


@pytest.mark.parametrize("question", ["wie was de grifier bij de besluitenlijst over het CTIVD-onderzoek?",
                                      "griffier besluitenlijst ctivd onderzoek inlichtingendiensten"])
def test_who_held_an_office_is_answered_by_the_lists_line_for_it(answerer, question):
    # ok04: the decision list's own line, short as it is, typed in haste or not.
    a = answerer.ask(question)
    assert a.answered and a.answer_type == "person"
    assert a.answer.startswith("Griffier: T.J.E. van Toor")
    assert a.citations[0].chunk.doc_id == "ok04_besluitenlijst_2011-03-08"


@pytest.mark.parametrize("question", ["wie was de grifier bij de procedurevergadering van de commissie BZK van "
                                      "2 april 2009?", "griffier procedurevergadering BZK april 2009"])
def test_a_decision_lists_clerk_is_found_in_whichever_chunk_names_him(answerer, question):
    # ok01 names its clerk once, in its last chunk, which is not the one these questions rank first.
    a = answerer.ask(question)
    assert a.answered and a.answer.startswith("Griffier: G.F.C. van Leiden")
    assert [c.chunk.doc_id for c in a.citations] == ["ok01_besluitenlijst_2009-04-02"]
    assert "«Griffier: G.F.C. van Leiden»" in a.citations[0].marked_text()  # the quote is the line, not its sentence


@pytest.mark.parametrize("question", ["wie is de huidige griffier van de commissie BZK?",
                                      "griffier van de commissie Financiën in april 2009"])
def test_a_lists_clerk_answers_only_for_its_own_meeting(answerer, question):
    # ok01 is the BZK committee's list of 2 April 2009: its clerk is not the clerk now, nor Finance's.
    a = answerer.ask(question)
    assert "van Leiden" not in a.answer


@pytest.mark.parametrize("question", ["Who chaired the BZK committee's procedure meeting of 2 April 2009?",
                                      "Wie zat de procedurevergadering van de vaste Kamercommissie voor Binnenlandse "
                                      "Zaken van begin april 2009 voor?"])
def test_who_chaired_a_meeting_is_not_answered_by_who_wrote_to_it(answerer, question):
    # ok01 names the senders of the letters on its list (a state secretary, the Presidium's chair), not its chair.
    assert not answerer.ask(question).answered


@pytest.mark.parametrize("question", ["Is de Instellingswet ATR inmiddels aangenomen door de TK?",
                                      "Instellingswet ATR ondertussen aangenomen door Tweede Kamer?"])
def test_whether_an_act_has_happened_by_now_is_not_answered_by_it_still_to_come(answerer, question):
    # kst-29515-496: "ligt voor behandeling bij de Tweede Kamer". So it was when the letter was
    # written; whether it has happened since, it cannot say.
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing" and a.answer == STILL_TO_COME["nl"]
    assert any("voor behandeling" in c.chunk.text for c in a.related)  # the state it gives, as "misschien relevant"


@pytest.mark.parametrize("question", ["heeft de tweede kamer de instellingswet atr op 6 februari 2025 aangenomen",
                                      "Is de Instellingswet ATR op 6-2-2025 door de TK aangenomen?",
                                      "Heeft de TK de Instellingswet ATR op 6 feb 2025 aangenomen?"])
def test_whether_an_act_happened_on_a_day_after_the_letter_is_not_answered_by_it_expected(answerer, question):
    # kst-29515-496 (28 January 2025): "ligt voor behandeling ... (verwachte behandeling op 6 februari 2025)".
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing" and a.answer == STILL_TO_COME["nl"]


def test_an_act_on_a_day_before_the_letter_is_answered(answerer):
    # kst-32317-995 (26 February 2026) tells the signing of 13 May 2025 as done.
    a = answerer.ask("Heeft NL het RvE-verdrag over de bescherming van advocaten op 13 mei 2025 ondertekend?")
    assert a.answered and "13 mei 2025 ondertekend" in a.answer
    # On the letter's own day it tells how things stood: the approval procedure is being prepared.
    b = answerer.ask("Had NL het RvE-verdrag over de bescherming van advocaten op 26 februari 2026 al geratificeerd?")
    assert b.answered and "goedkeuringsprocedure" in b.answer


def test_an_act_told_done_answers_whether_it_has_happened_by_now(answerer):
    # kst-32317-995: "heeft het verdrag op 13 mei 2025 ondertekend"; "al" asks as of the letter.
    a = answerer.ask("Heeft NL het RvE-verdrag over de bescherming van advocaten inmiddels ondertekend?")
    assert a.answered and "13 mei 2025 ondertekend" in a.answer
    b = answerer.ask("Is de Instellingswet ATR al aangenomen door de TK?")
    assert b.answered and "voor behandeling bij de Tweede Kamer" in b.answer
    # The bill's state is not the work programme's, which the same letter offers.
    c = answerer.ask("Is het werkprogramma ATR 2025 inmiddels vastgesteld?")
    assert c.answer != STILL_TO_COME["nl"]


def test_when_a_decision_to_come_is_taken_is_not_answered_by_the_day_of_one_taken(answerer):
    # kst-32317-995: "Bij besluit van 17 oktober 2025 heeft de ministerraad ingestemd met vestiging in
    # Nederland van de voorbereidende fases ...; over de eventuele vestiging van het operationele
    # tribunaal dient de ministerraad nog te beslissen." No day is given for that decision.
    a = answerer.ask("Wanneer besluit de MR over vestiging van het operationele tribunaal agressie in NL?")
    assert not a.answered and a.reason == "fact_missing"
    b = answerer.ask("Wanneer heeft de MR ingestemd met vestiging van de voorbereidende fases van het "
                     "Speciaal Tribunaal?")
    assert b.answered and "17 oktober 2025" in b.answer


@pytest.mark.parametrize("question", ["wie tekende het RvS-advies over de Instellingswet ATR als vice-president?",
                                      "ondertekenaar advies RvS Instellingswet ATR?",
                                      "Who signed the Council of State's advice on the ATR bill?"])
def test_who_signed_an_advice_is_answered_by_its_signature(answerer, question):
    # kst-36450-4: the advice ends "De vice-president van de Raad van State, Th.C. de Graaf", the
    # last line of the chunk on its seventh point, which no such question finds by its words.
    a = answerer.ask(question)
    assert a.answered and "Th.C. de Graaf" in a.answer
    assert a.citations[0].chunk.doc_id == "kst-36450-4"


def test_a_signature_answers_only_for_the_body_asked(answerer):
    a = answerer.ask("Wie tekende het advies van de Europese Commissie over de Instellingswet ATR?")
    assert "de Graaf" not in a.answer


def test_whether_a_body_advised_is_answered_only_where_it_is_named(answerer):
    # llm09 tells the minister agreeing to the second amendment; no letter has the Raad van State advise on it.
    a = answerer.ask("heeft de RvS geadviseerd over de 2e NvW Instellingswet ATR?")
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["nl"].format(fact=FACT_NAMES["nl"]["advice"].format(who="RvS"))
    # kst-36450-4: its advice on "ervaren regeldruk", in the words of "de Afdeling".
    b = answerer.ask("Heeft de Raad van State geadviseerd over het begrip ervaren regeldruk?")
    assert b.answered and "De Afdeling adviseert" in b.answer


def test_whether_an_act_happened_is_answered_where_the_letter_tells_it(answerer):
    a = answerer.ask("Heeft Nederland het verdrag ter bescherming van het beroep van advocaat al ondertekend?")
    assert a.answer_type == "yes_no" and a.answered and "ondertekend" in a.answer


def test_a_count_of_what_the_letter_counts_is_answered(answerer):
    a = answerer.ask("aantal dossiers atr 2018 vs 2023")
    assert a.answered and a.answer_type == "number" and "354" in a.answer and "700" in a.answer


@pytest.mark.parametrize("question, fact, doc", [
    # The reply to the members (kst-36450-6) restates the bill before it answers; the bill's
    # own explanation (kst-36450-3) says it.
    ("welke doelgroepen adviseerd het adviescolege over", "bedrijven, burgers en professionals", "kst-36450-3"),
    ("Why is the ATR board kept small, at three to five members?", "slagvaardig", "kst-36450-6"),
    pytest.param("Why was the board's size set at three to five members?", "slagvaardig", "kst-36450-6",
                 marks=pytest.mark.xfail(strict=True, reason="a known loss: the chunk model quotes the explanatory "
                                                             "memorandum's article on the board, which gives no reason")),
])
def test_what_members_asked_is_not_quoted_as_the_answer(answerer, question, fact, doc):
    a = answerer.ask(question)
    assert a.answered and fact in a.answer and a.citations[0].chunk.doc_id == doc
    assert "leden van de" not in a.answer and "Deze leden" not in a.answer and "?" not in a.answer
    assert not a.answer.startswith("Antwoord")
    # Asked what a party asked, their question is the answer.
    b = answerer.ask("Wat vroeg de SGP-fractie over het aantal leden van het adviescollege?")
    assert b.answer.startswith("De leden van de SGP-fractie vragen")


def test_question_for_a_fact_the_letter_gives_is_answered_with_it(answerer):
    a = answerer.ask("hoeveel migranten kwamen in 2025 irregulier vanuit libie naar europa?")
    assert a.answered and a.answer_type == "number" and "72,791" in a.answer


def test_a_council_that_is_not_indexed_is_named(answerer):
    a = answerer.ask("Wat staat er op de agenda van de Landbouw- en Visserijraad?")
    assert not a.answered and a.reason == "not_in_letters"
    assert "Landbouw- en Visserijraad" in a.answer and "geïndexeerde brieven" in a.answer
    en = answerer.ask("What will the Agriculture and Fisheries Council discuss?")
    assert not en.answered and en.reason == "not_in_letters" and en.language == "en"


def test_a_meeting_no_letter_is_about_is_named_not_answered_from_another(answerer):
    # The JBZ agenda of March 2026 is indexed, no letter on the June 2025 or December 2024 meeting.
    a = answerer.ask("Wat zei de JBZ-Raad van juni 2025 over Europol?")
    assert not a.answered and a.reason == "not_in_letters" and a.citations == []
    assert a.answer == ("Er is geen brief over de JBZ-Raad van juni 2025 geïndexeerd, en de passage die het best "
                        "past noemt die vergadering niet.")
    assert "Toekomst van Europol" in [c.chunk.item_title for c in a.related]
    en = answerer.ask("What did the Netherlands say at the JHA Council of December 2024 about Europol?")
    assert not en.answered and en.reason == "not_in_letters"
    assert en.answer.startswith("No indexed letter is about the JHA Council of December 2024,")
    # A passage that names that meeting answers: the March agenda recalls what June 2025 agreed.
    named = answerer.ask("Wat is er in de JBZ-Raad van juni 2025 afgesproken over de bescherming van volwassenen?")
    assert named.answered and "juni 2025" in named.citations[0].chunk.text
    # The meeting that is indexed is answered from its letter.
    march = answerer.ask("Wat wil NL met Europol op de JBZ-Raad van maart 2026?")
    assert march.answered and march.citations[0].chunk.item_title == "Toekomst van Europol"
    # A filter that leaves the March letter out does not make the meeting missing.
    left_out = answerer.ask("Wat wil NL met Europol op de JBZ-Raad van maart 2026?", filters=Filters(date_from="2026-03-01"))
    assert left_out.reason != "not_in_letters"
    # The Raad van State is no council meeting: its advice of June 2023 is indexed and answers.
    advice = answerer.ask("Wat adviseerde de Raad van State in juni 2023 over de instellingswet ATR?")
    assert advice.answered and advice.reason is None


def test_the_meetings_set_refuses_every_meeting_no_letter_is_about(answerer):
    """eval/meetings/set.jsonl, written by someone else from the agenda alone: each question about a
    meeting or letter that is not indexed says so; those about the March meeting, or about earlier
    meetings the agenda recalls, are not refused as missing (two still are: see the README)."""
    from rag.evalset import load_cases
    from tests.conftest import ROOT

    cases = load_cases(ROOT / "eval" / "meetings" / "set.jsonl")
    answers = {c.id: answerer.ask(c.question) for c in cases}
    missing = [c for c in cases if c.unanswerable]
    assert len(missing) == 16 and all(answers[c.id].reason == "not_in_letters" for c in missing), [
        (c.id, answers[c.id].answer) for c in missing if answers[c.id].reason != "not_in_letters"]
    refused = [c.id for c in cases if not c.unanswerable and answers[c.id].reason == "not_in_letters"]
    assert len(refused) <= 2, refused


def test_a_letter_named_by_a_date_no_letter_has_is_said_to_be_missing(answerer):
    a = answerer.ask("Wat staat er in de brief van 3 februari 2026 over terugkeer?")
    assert not a.answered and a.reason == "not_in_letters" and a.related
    assert a.answer == ("Er is geen brief van 3 februari 2026 geïndexeerd, en de passage die het best past noemt "
                        "die brief niet.")
    # The agenda is the letter of 26 February 2026: named so, it is answered from.
    dated = answerer.ask("What does the letter of 26 February 2026 say about Europol?")
    assert dated.answered and {c.chunk.doc_id for c in dated.citations} == {"kst-32317-995"}


def test_yes_no_question_leads_with_the_deciding_sentence(answerer):
    a = answerer.ask("Is het EES in Nederland al volledig operationeel?")
    assert a.answered and a.answer_type == "yes_no"
    # Document order would open with the item's introduction; the refuting sentence leads instead.
    first = a.answer.split(". ")[0]
    assert "niet volledig operationeel" in first


def test_the_latest_letter_leads_and_earlier_ones_follow_dated(excerpts_answerer):
    answer = excerpts_answerer.ask("Wat is de Nederlandse positie over terugkeer?")
    assert answer.answered and answer.earlier
    lead = answer.citations[0].chunk
    assert answer.answer.startswith("Volgens de brief van ")
    assert "\n\nEerder:\n- De brief van " in answer.answer
    earlier_dates = [c.chunk.date for c in answer.earlier]
    assert all(d < lead.date for d in earlier_dates) and earlier_dates == sorted(earlier_dates, reverse=True)
    for cit in answer.earlier:
        assert f"[{cit.n}]" in answer.answer and cit in answer.citations
    data = answer.to_dict()["earlier"]
    assert [e["doc_id"] for e in data] == [c.chunk.doc_id for c in answer.earlier] and data[0]["sentences"]


def test_a_date_filter_still_narrows_the_latest_first_answer(excerpts_answerer):
    from rag.retrieve import Filters

    latest = excerpts_answerer.ask("Wat is de Nederlandse positie over terugkeer?").citations[0].chunk.date
    narrowed = excerpts_answerer.ask("Wat is de Nederlandse positie over terugkeer?",
                                     filters=Filters(date_to="2025-10-31"))
    assert narrowed.citations[0].chunk.date <= "2025-10-31" < latest
    assert all(c.chunk.date <= "2025-10-31" for c in narrowed.citations)


def test_a_fact_in_the_second_part_of_a_split_item_is_found(answerer):
    # Regeerprogramma, "Minder ambtenaren en externe inhuur": the item is split in two, and its
    # share stands in the second part while the first part ranks best.
    a = answerer.ask("welk percentage taakstelling hangt aan minder ambtenaren en externe inhuur?")
    assert a.answered and "22%" in a.answer


@pytest.mark.parametrize("question", [
    "wie wordt voorzitter van de ministeriële commissie voor de taakstelling op ambtenaren?",
    "Who will chair the ATR under the new Establishment Act?",
])
def test_who_holds_an_office_the_letters_name_no_holder_of_is_refused(answerer, question):
    a = answerer.ask(question)
    assert not a.answered and a.answer_type == "person"


def test_a_count_of_another_country_is_refused_and_a_footnote_counts_nothing(answerer):
    lebanon = answerer.ask("aantal irreguliere migranten vanuit Libanon naar Europa 2025")
    assert not lebanon.answered, "72,791 came from Libya"
    fiches = answerer.ask("hoeveel BNC-fiches zijn in 2023 opgesteld?")
    assert not fiches.answered, "'31 Leidraad voor de Werkgroep ...' is footnote 31"


def test_a_terse_question_whether_a_motion_passed_is_refused_over_its_text(answerer):
    a = answerer.ask("motie Ceder Gaza EU-rol aangenomen stemmingsuitslag")
    assert not a.answered and a.answer_type == "yes_no"


@pytest.mark.parametrize("question", [
    "is er uiteindelijk een debat gekomen over het gebruik van de taser door de politie",
    "komt er een debat over het gebruik van de taser door de politie?",
    "Taser-stroomstootwapen: debat uiteindelijk gepland na ontvangst brief minister?",
])
def test_what_happened_in_the_end_is_refused_over_what_was_planned(answerer, question):
    # ok04: "Na ontvangst brief wordt bezien of een debat gewenst is."
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING[a.language].format(fact=FACT_NAMES[a.language]["outcome"])


@pytest.mark.parametrize("question", [
    "Did the JHA Council in March actually adopt the general approach on the protection of adults?",
    "wat heeft de jbz raad op 5 maart uiteindelijk besloten over de toekomst van europol",
    "Welke besluiten zijn er op de JBZ-Raad van maart genomen?",
    "Did the Council actually adopt the general approach on the protection of adults regulation at the March JHA Council?",
    # The meeting by its days alone: one indexed council met then. Its "JBZ-Raad in maart 2025" is another year's.
    "Did the Council actually endorse the revised VIS roadmap at the 5-6 March meeting?",
])
def test_what_a_meeting_decided_is_refused_when_its_letters_precede_it(answerer, question):
    # kst-32317-995, of 26 February, is the only letter about the JBZ-Raad of 5-6 March 2026; what it
    # tells done was done at earlier meetings ("Tijdens de JBZ-Raad van juni 2025 is ... bereikt").
    a = answerer.ask(question)
    assert not a.answered and a.reason == "fact_missing"
    assert "26 " in a.answer and ("februari 2026" in a.answer or "February 2026" in a.answer)


@pytest.mark.parametrize("question", [
    "Wat wordt er op de JBZ-Raad van maart besloten over Europol?",
    "Wat heeft de JBZ-Raad in juni 2025 bereikt over de bescherming van volwassenen?",
])
def test_what_a_meeting_will_decide_or_an_earlier_one_did_is_not_refused_as_after_the_letters(answerer, question):
    a = answerer.ask(question)
    assert a.answered and "26 februari 2026" not in a.answer


def test_a_typo_of_the_thing_asked_still_names_what_the_passage_must_be_about(answerer):
    # ok04: the committee waits for the government and wants a CTIVD inquiry; no outcome. Misspelt, the
    # soldiers ("miltairen") were no topic word the passage holds, and "behoefte aan een onderzoek" was
    # quoted as the outcome. A long word one edit from the letters' is read as theirs; a short one
    # ("treed") or two edits away (a paraphrase's own word) is left as typed.
    assert answerer.as_spelt("wat was de uitkomst van het ctivd onderzoek naar de miltairen in libie") == \
        "wat was de uitkomst van het ctivd onderzoek naar de militairen in libie"
    assert answerer.as_spelt("wanneer treed de nieuwe regeling in werking") == "wanneer treed de nieuwe regeling in werking"
    a = answerer.ask("wat was de uitkomst van het ctivd onderzoek naar de miltairen in libie")
    assert not a.answered and a.reason == "fact_missing"


def test_a_typo_is_read_as_the_letters_of_the_current_index_spell_it(letters_retriever):
    # A re-index brings another expander: the spelling read with the old letters is not kept.
    from rag.expand import QueryExpander

    reader = Answerer(letters_retriever)
    typed = "wat was de uitkomst van het ctivd onderzoek naar de miltairen in libie"
    assert "militairen" in reader.as_spelt(typed)
    held = letters_retriever.expander
    try:
        letters_retriever.expander = QueryExpander.from_texts(["Het college adviseert over de regeldruk van voorstellen."])
        assert reader.as_spelt(typed) == typed
    finally:
        letters_retriever.expander = held
    assert "militairen" in reader.as_spelt(typed)


def test_one_country_asked_is_answered_only_by_a_country(answerer):
    # kst-32317-995 names the presidency's plans, not who holds it next.
    a = answerer.ask("Welk LS neemt na het CY-vz het voorzitterschap vd Raad over?")
    assert a.answer_type == "countries" and not a.answered and a.reason == "fact_missing"
    # ok02: "... Verenigde Arabische Emiraten inzake wederzijdse administratieve bijstand in douanezaken".
    a = answerer.ask("met welk land sluit het Koninkrijk het verdrag over wederzijdse administratieve bijstand in douanezaken?")
    assert a.answer_type == "countries" and a.answered and "Arabische Emiraten" in a.answer


def test_a_month_asked_is_not_answered_by_a_year(answerer):
    # kst-32317-995: the evaluation of the AMMR and APR "die aangekondigd is in 2027", no month.
    a = answerer.ask("In welke maand van 2027 wil Brussel de evaluatie van de AMMR en de APR presenteren?")
    assert a.answer_type == "date" and not a.answered and a.reason == "fact_missing"


def test_an_act_an_earlier_meeting_did_answers_whether_it_was_done(answerer):
    # kst-32317-995: "Tijdens de JBZ-Raad van juni 2025 is er al een algemene oriëntatie bereikt op de
    # eerste vijf hoofdstukken": "agreed a general approach" asks that act, not the Council's view.
    a = answerer.ask("Has the JHA Council already agreed a general approach on any part of the regulation "
                     "on the protection of adults?")
    assert a.answered and "juni 2025" in a.answer and "algemene oriëntatie bereikt" in a.answer


def test_what_happened_in_the_end_is_answered_where_the_letter_tells_it_done(answerer):
    a = answerer.ask("Heeft Nederland uiteindelijk het verdrag over de bescherming van advocaten ondertekend?")
    assert a.answered and "13 mei 2025" in a.answer


def test_a_count_of_ratifications_is_not_the_number_still_required(answerer):
    a = answerer.ask("aantal ratificaties verdrag Claims Commissie Oekraïne")
    assert not a.answered, "'ratificatie door minstens 25 landen' is the next step"


@pytest.mark.parametrize("question", [
    "Is het daadwerkelijk zo dat het ATR ook EU-voorstellen toetst?",
    "Is er uiteindelijk een akkoord bereikt over het oprichtingsverdrag voor de Claims Commissie voor Oekraïne?",
    "Is het werkprogramma 2025 van het ATR al klaar?",  # llm11 offers it: "Hierbij bied ik u het Werkprogramma 2025 ... aan"
    "Steunt het kabinet uiteindelijk het voorstel om Frontex te betrekken bij het visumproces?",
])
def test_what_happened_in_the_end_told_as_done_or_as_a_fact_is_answered(answerer, question):
    assert answerer.ask(question).answered


@pytest.mark.parametrize("question", [
    "nl standpunt roadmap revised VIS",
    "Will the Netherlands go along with adopting the revised VIS roadmap?",
])
def test_the_position_now_leads_before_one_held_earlier(answerer, question):
    # kst-32317-995: "Nederland kan hiermee instemmen." and, on the same item, "Nederland heeft
    # eerder gepleit voor een verschuiving van het revised VIS naar het vierde kwartaal van 2028."
    a = answerer.ask(question)
    assert a.answered and a.answer.startswith("Nederland kan hiermee instemmen.")


def test_a_figure_asked_for_a_year_is_not_answered_by_figures_of_other_years(answerer):
    # kst-36450-3: "uitgebreid van 11 fte in 2018 naar 17 fte in 2023"; kst-32317-995: "In 2025 kwamen
    # vanuit Libië 72,791 migranten irregulier aan in Europa".
    fte = answerer.ask("Aantal fte ambtelijke ondersteuning ATR in 2025?")
    assert not fte.answered and fte.reason == "fact_missing"
    assert "aantal of percentage voor 2025" in fte.answer
    assert not answerer.ask("Hoeveel migranten kwamen in 2024 vanuit Libië irregulier aan in Europa?").answered
    same_year = answerer.ask("Hoeveel migranten kwamen in 2025 vanuit Libië irregulier aan in Europa?")
    assert same_year.answered and "72,791" in same_year.answer


def test_a_figure_compared_with_a_year_is_no_figure_of_that_year(answerer):
    # kst-32317-995: "In 2025 kwamen vanuit Libië 72,791 migranten ... de meeste in Italië (77%) ...
    # Het totaal aantal lag fors hoger dan in 2024 (+64%)": no share for 2024.
    a = answerer.ask("What share of the irregular arrivals from Libya in 2024 landed in Italy?")
    assert not a.answered and a.reason == "fact_missing" and "for 2024" in a.answer
    # The year the question compares with is not the year it asks a figure for.
    b = answerer.ask("Hoeveel is het aantal irreguliere grensoverschrijdingen aan de buitengrens gedaald ten "
                     "opzichte van 2024?")
    assert b.answered and "25%" in b.answer


def test_a_terse_question_for_an_article_is_refused_where_no_article_is_given(answerer):
    # kst-36450-3 treats the members' pay (no article for it in the bundled letters); the answer
    # must name an article, which "Voor andere adviescolleges wordt soms een bredere bandbreedte
    # aangehouden" does not.
    a = answerer.ask("artikel bezoldiging leden ATR")
    assert a.answer_type == "article" and not a.answered


def test_a_typo_of_a_country_is_read_as_that_country_and_the_question_kept_as_typed(answerer):
    # kst-32317-995 gives the arrivals from Libya ("Libië"), not from Lebanon: "Libannon" is Libanon.
    typed = "Hoeveel migranten kwamen in 2025 vanuit Libannon irreguliër in Europa aan?"
    a = answerer.ask(typed)
    assert not a.answered and "72,791" not in a.answer
    assert a.question == typed == a.to_dict()["question"]


def test_a_terse_question_whether_an_act_was_done_is_refused_where_the_letter_does_not_tell_it(answerer):
    # kst-32317-995 tells the treaty's signing by 35 countries at the conference, not a Dutch ratification.
    a = answerer.ask("ratificatie verdrag Claims Commissie Oekraïne door Nederland al afgerond?")
    assert a.answer_type == "yes_no" and not a.answered and a.reason == "fact_missing"


def test_an_opt_out_asked_for_is_no_opt_out_notified(answerer):
    # The Regeerprogramma wants an opt-out from the asylum rules; no letter tells it notified.
    a = answerer.ask("Has the Netherlands notified the Commission of its opt-out request yet?")
    assert a.answer_type == "yes_no" and not a.answered and a.reason == "fact_missing"
    assert a.answer == FACT_MISSING["en"].format(fact=FACT_NAMES["en"]["status"])


def test_whether_a_law_enters_into_force_leads_with_the_sentence_that_tells_it(answerer):
    a = answerer.ask("Treedt het Asiel- en Migratiepact in juni in werking?")
    assert a.answered and a.citations[0].chunk.doc_id == "kst-32317-995"
    assert a.answer.startswith("Nederland verwelkomt de reguliere update") and "inwerkingtreding van het Pact in juni" in a.answer


def test_the_act_told_as_done_leads_the_one_still_to_come(answerer):
    # kst-32317-995: "De Raad zal naar verwachting worden gevraagd om de roadmap ... aan te nemen" and
    # "Deze routekaart is op 29 januari jl. aangenomen door de Management Board van eu-LISA".
    a = answerer.ask("roadmap revised VIS al aangenomen door eu-LISA?")
    assert a.answered and a.answer.startswith("Deze routekaart is op 29 januari jl. aangenomen")


@pytest.mark.parametrize("question", ["datum koninklijke boodschap instellingswet ATR",
                                      "Wat staat in de koninklijke boodschap bij het wetsvoorstel ATR?"])
def test_the_chunk_model_quotes_the_document_asked_for_where_another_ranks_first(answerer, question):
    # Another of the bill's papers ranks first, or has the likelier sentence; the chunk model
    # weighs that the question names the royal message (and how much of its topic each chunk covers).
    a = answerer.ask(question)
    assert a.answered and a.citations[0].chunk.doc_id == "kst-36450-1"
    assert "Wij bieden U hiernevens ter overweging aan een voorstel van wet" in a.answer
    # Without the chunk model another paper of the bill is quoted.
    rule = Answerer(answerer.retriever, model=replace(answerer.model, chunk=None))
    by_rule = rule.ask(question)
    assert by_rule.answered and by_rule.citations[0].chunk.doc_id != "kst-36450-1"


def test_what_is_read_off_all_chunks_is_read_again_for_a_new_set_of_them(answerer):
    by_doc = answerer._chunks_by_doc()
    assert answerer._chunks_by_doc() is by_doc and "kst-36450-1" in by_doc  # once per set of chunks
    chunks = answerer.retriever.chunks
    try:  # a refresh replaces the dict whole
        answerer.retriever.chunks = {k: c for k, c in chunks.items() if c.doc_id != "kst-36450-1"}
        assert "kst-36450-1" not in answerer._chunks_by_doc()
    finally:
        answerer.retriever.chunks = chunks
    assert "kst-36450-1" in answerer._chunks_by_doc()


def test_a_chunk_without_the_questions_rarest_word_is_not_preferred_over_the_best_ranked_one_with_it(answerer):
    # ok01 names "dierenrechtenextremisme" and its AO's date; ok02's decision list, which the chunk
    # model preferred for its own planned talk and dates, never names it.
    a = answerer.ask("op welke datum stond het ao over dierenrechtenextremsime gepland")
    assert a.answered and "8 april 2009" in a.answer
    assert a.citations[0].chunk.doc_id == "ok01_besluitenlijst_2009-04-02"


@pytest.mark.parametrize("question, answer_type", [
    # The Regeerprogramma names the plastic levy, not its tariff.
    ("tarief plasticheffing per kilo regeerprogramma", "number"),
    # The JBZ agenda tells that the Commission published its visa strategy on 29 January, not who presented it.
    ("Which European Commissioner presented the visa strategy on 29 January?", "person"),
])
def test_a_fact_asked_by_its_noun_is_refused_where_the_passage_gives_none(answerer, question, answer_type):
    a = answerer.ask(question)
    assert a.answer_type == answer_type and not a.answered


def test_will_it_happen_reads_the_thing_past_who_says_so(answerer):
    # "vlgs het RP" is who says so; the Regeerprogramma tells "Er komt een Europawet".
    a = answerer.ask("Komt er vlgs het RP een Europawet mbt informatievoorziening en procedures bij EU-wetgeving?")
    assert a.answered and "Er komt een Europawet" in a.answer
    assert a.citations[0].chunk.doc_id.startswith("llm13_regeerprogramma")
