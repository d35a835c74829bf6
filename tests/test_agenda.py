"""Agenda questions answered from chunk metadata, on the real letters."""

from __future__ import annotations

import json

import pytest

from rag.agenda import agendas
from rag.agenda_question import LetterRef, MeetingRef, meeting_named, read_question
from tests.conftest import ROOT

MARCH_2026 = [
    ("I.1", "Gedachtewisseling"), ("I.2", "Goedkeuring"), ("I.3", "Gedachtewisseling"),
    ("I.4", "Stand van zaken"), ("I.5", "Goedkeuring"), ("I.6", "Gedachtewisseling"),
    ("I.7", "Gedachtewisseling"), ("I.8", "AOB"), ("II.1", "Algemene oriëntatie"),
    ("II.2", "Stand van zaken"), ("II.3", "Gedachtewisseling"), ("II.4", "Gedachtewisseling"),
    ("II.5", "Goedkeuring"),
]


@pytest.fixture(scope="module")
def answerer(letters_retriever):
    from rag.answer import Answerer

    return Answerer(letters_retriever)


def test_the_march_2026_agenda_has_its_13_items_with_their_types(letters_retriever):
    found = {a.doc_id: a for a in agendas(letters_retriever.chunks.values())}
    agenda = found["kst-32317-995"]
    assert [(i.label, i.item_type) for i in agenda.items] == MARCH_2026
    assert agenda.meeting_date == "2026-03-05" and agenda.meeting_end_date == "2026-03-06"
    assert agenda.items[5].title == "Toekomst van Europol" and agenda.items[5].page_start == 13


@pytest.mark.parametrize("question", [
    "Wat staat er op de agenda van de JBZ-Raad?",
    # What the meeting takes up, asked without an agenda word.
    "Wat wordt er besproken op de volgende JBZ-Raad?",
    "Waarover spreekt de JBZ-Raad in maart?",
    "wat komt er aan de orde op de jbz-raad",
])
def test_the_whole_agenda_is_listed_and_each_item_cited(answerer, question):
    answer = answerer.ask(question)
    assert answer.mode == "agenda" and answer.answered
    assert "5–6 maart 2026" in answer.answer and "26 februari 2026" in answer.answer
    assert len(answer.citations) == 13
    assert [(c.chunk.item_no, c.chunk.item_type) for c in answer.citations] == [
        (label.split(".")[1], kind) for label, kind in MARCH_2026]
    for c in answer.citations:
        assert f"[{c.n}]" in answer.answer


@pytest.mark.parametrize("question", [
    "Welke punten staan ter goedkeuring?",
    "welke agendapunten ter goedkeuring jbz maart 2026",
    "Which items are up for approval?",
])
def test_items_for_approval_are_exactly_the_goedkeuring_items(answerer, question):
    answer = answerer.ask(question)
    assert answer.mode == "agenda" and answer.answered
    assert [c.chunk.item_title for c in answer.citations] == [
        "Implementatie van interoperabiliteit: herziene routekaart voor na 2026",
        "Conclusies over het strategisch kader van de EU inzake drugs",
        "Conclusies over de toepassing van het Handvest van de grondrechten van de Europese Unie 2026",
    ]
    assert {c.chunk.item_type for c in answer.citations} == {"Goedkeuring"}
    assert answer.language == ("en" if question.startswith("Which") else "nl")


@pytest.mark.parametrize("question, section", [
    ("JBZ mrt '26: welke pnt onder Justitie?", "II. Justitie"),
    ("wat staat er onder binnenlandse zaken op de agneda van de jbz-raad van 5-6 maart", "I. Binnenlandse Zaken"),
])
def test_terse_misspelt_and_section_questions_read_the_agenda(answerer, question, section):
    answer = answerer.ask(question)
    assert answer.mode == "agenda" and answer.answered
    assert {c.chunk.section for c in answer.citations} == {section}
    assert len(answer.citations) == sum(1 for label, _ in MARCH_2026 if label.startswith(section.split(".")[0] + "."))


def test_a_type_and_a_meeting_alone_ask_for_those_items(answerer):
    answer = answerer.ask("welke agendapnt zijn stand v zaken jbz maart 2026?")
    assert [c.chunk.item_type for c in answer.citations] == ["Stand van zaken", "Stand van zaken"]


def test_a_general_approach_is_expected_on_the_adults_regulation(answerer):
    for question in ("Waar wordt een algemene oriëntatie verwacht?", "Where is a general approach expected?"):
        answer = answerer.ask(question)
        assert [c.chunk.item_title for c in answer.citations] == ["Verordening over de bescherming van volwassenen"]


def test_who_signed_and_when_and_where_the_meeting_is(answerer):
    signed = answerer.ask("Wie heeft de brief ondertekend?")
    assert signed.mode == "agenda"
    for name in ("D.M. van Weel", "G. van den Brink", "K.T. van Bruggen"):
        assert name in signed.answer
    meeting = answerer.ask("When does the JHA Council meet?")
    assert "5–6 March 2026" in meeting.answer and "Brussel" in meeting.answer
    assert meeting.citations[0].chunk.doc_id == "kst-32317-995"


def test_who_takes_part_is_the_letters_own_sentence(answerer):
    for question in ("Wie gaan er naar de JBZ-Raad?", "Who attends the JHA Council?"):
        answer = answerer.ask(question)
        assert answer.mode == "agenda" and answer.answered
        assert answer.answer.startswith("De minister van Justitie en Veiligheid, de minister van Asiel en Migratie")
        assert "zullen aan de Raad deelnemen. [1]" in answer.answer
        quoted = answer.citations[0]
        assert quoted.chunk.doc_id == "kst-32317-995" and "deelnemen" in quoted.chunk.text


def test_a_meeting_without_an_indexed_agenda_is_said_not_quoted_from_another(answerer):
    answer = answerer.ask("Welke punten staan ter goedkeuring in de JBZ-Raad van december 2025?")
    assert not answer.answered and answer.reason == "not_in_letters"
    assert answer.citations == [] and answer.related[0].chunk.doc_id == "kst-32317-995"


@pytest.mark.parametrize("question", ["Staat Europol op de agenda?", "Komt Europol nog aan bod op de JBZ-Raad van maart?",
                                      "is there an item on Europol at the March JHA Council?",
                                      "welk agendapunt gaat over europol"])
def test_whether_a_topic_is_on_the_agenda_is_answered_with_its_item(answerer, question):
    answer = answerer.ask(question)
    assert answer.mode == "agenda" and answer.answered
    assert [c.chunk.item_title for c in answer.citations] == ["Toekomst van Europol"]
    assert "I.6 Toekomst van Europol (Gedachtewisseling), p. 13–14 [1]" in answer.answer
    if question.startswith("welk"):
        assert "staat 1 punt over dit onderwerp:" in answer.answer
    else:
        assert answer.answer.startswith("Ja, " if answer.language == "nl" else "Yes, ")


def test_a_topic_of_no_item_and_not_in_the_letter_is_said_to_be_absent(answerer):
    answer = answerer.ask("Staat e-evidence op de JBZ-agenda van maart 2026?")
    assert answer.mode == "agenda" and not answer.answered and answer.citations == []
    assert answer.answer == ("Op de agenda van de JBZ-Raad van 5–6 maart 2026 (brief van 26 februari 2026) "
                             "staat geen punt over e-evidence.")
    assert answerer.ask("Is AI on the agenda of the March 2026 JHA Council?").answer == (
        "The agenda of the JBZ-Raad of 5–6 March 2026 (letter of 26 February 2026) has no item on AI.")


def test_a_topic_the_letter_mentions_but_no_item_is_on_is_said_so_with_the_letters_sentence(answerer):
    # The cover letter informs the Kamer about the EU-visumstrategie; no agenda item is on it.
    answer = answerer.ask("Staat de EU-visumstrategie op de agenda van de JBZ-Raad van maart?")
    assert answer.mode == "agenda" and answer.answered
    assert answer.answer.startswith("Op de agenda van de JBZ-Raad van 5–6 maart 2026 (brief van 26 februari 2026) "
                                    "staat hierover geen apart punt; de brief noemt het wel")
    cited = answer.citations[0]
    start, end = cited.quotes[0]
    assert "visumstrategie" in cited.chunk.text[start:end] and cited.chunk.item_no is None
    # A question for the items, not yes/no, goes to the normal path, which reads the letter's text.
    assert answerer.ask("Welke punten gaan over de EU-visumstrategie?").mode == "extractive"


def test_a_type_asked_of_a_topic_says_whether_the_item_is_of_that_type(answerer):
    no = answerer.ask("Wordt er in maart een algemene oriëntatie over Europol verwacht op de JBZ-Raad?")
    assert no.mode == "agenda" and no.answer.startswith("Nee, ")
    assert "I.6 Toekomst van Europol (Gedachtewisseling)" in no.answer
    yes = answerer.ask("Which Council conclusions are up for adoption at the March 2026 JHA Council?")
    assert yes.mode == "agenda"
    assert [c.chunk.item_title for c in yes.citations] == [
        "Conclusies over het strategisch kader van de EU inzake drugs",
        "Conclusies over de toepassing van het Handvest van de grondrechten van de Europese Unie 2026"]


def test_topic_questions_take_the_normal_path(answerer):
    for question in ("Wat is de positie van het kabinet over Europol?",
                     "Wanneer heeft Nederland het verdrag ter bescherming van advocaten ondertekend?",
                     "Hoeveel landen hebben het verdrag ondertekend?",
                     "Which Member States are expected to oppose the general approach on the protection of adults "
                     "regulation?",
                     "wat brengt NL in bij de lunch over criminelen die vanuit de bajes doorgaan?",
                     "waar maakt NL zich zorgen over bij de Syrië-lunch van de JBZ in maart?",
                     "Hecht Nederland waarde aan een impact assessment bij het voorstel over Europol?",
                     # What is said of a topic, or what the Netherlands wants, is content, not the agenda.
                     "Wat wordt er op de JBZ-Raad besproken over terugkeerhubs?",
                     "Wat bespreekt de JBZ-Raad over Europol?",
                     "Wat wil NL bespreken op de JBZ-Raad?",
                     # Who speaks is no question for the agenda.
                     "Met wie spreekt de minister tijdens de JBZ-Raad?"):
        assert read_question(question) is None, question
    answer = answerer.ask("Wat wil Nederland bij het agendapunt over Europol?")
    assert answer.mode == "extractive" and answer.citations[0].chunk.item_title == "Toekomst van Europol"


@pytest.mark.parametrize("question, kind", [
    ("welke bewindspersonen JenV/AenM gaan naar JBZ mrt?", "attendees"),
    ("jbz maart 2026 datum plaats", "meeting"),
    ("Hoeveel onderwerpen moeten de ministers op 5-6 maart in totaal afwerken?", "items"),
    ("wat is agendapnut 4 bij justite in maart", "items"),
    ("Stond Schengen op de JBZ-Raad van december 2015?", "topic"),
    ("BiZa-deel JBZ 5-6 mrt, welke pnt staan erop?", "items"),
])
def test_agenda_questions_as_staff_type_them_are_read(question, kind):
    assert read_question(question).kind == kind


def test_no_labelled_content_question_is_read_as_an_agenda_question():
    # Every labelled question but four asks about a topic; those four ask who takes part, and when and where.
    agenda_like = []
    for path in ("eval/seed.jsonl", "eval/staff/set.jsonl", "eval/kamervragen/set.jsonl"):
        for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if read_question(case["question"]):
                agenda_like.append(case["id"])
    assert agenda_like == ["q01", "q02", "jbz-001", "jbz-061"]


def test_when_and_where_quotes_the_letter_that_names_the_place(excerpts_answerer):
    # The December 2025 agenda's excerpt names no place; the verslag of that meeting does.
    answer = excerpts_answerer.ask("Waar vond de JBZ-Raad van december 2025 plaats?")
    assert answer.mode == "agenda" and answer.answered
    assert answer.answer.startswith("De JBZ-Raad vergaderde op 8–9 december 2025 in Brussel. De brief: “")
    cited = answer.citations[0]
    start, end = cited.quotes[0]
    assert "8 en 9 december 2025 in Brussel" in cited.chunk.text[start:end]
    assert " ".join(cited.chunk.text[start:end].split()) in answer.answer


@pytest.mark.parametrize("question, doc_id", [
    ("Waar ging de ingelaste JBZ-Raad van augustus 2021 over?", "kst-32317-704"),
    ("Welke punten stonden op de JBZ-Raad van 13 maart 2020?", "kst-32317-KX"),
    ("wat werd er besproken op de jbz van okt 2018", "kst-32317-529"),
])
def test_a_question_that_names_a_meeting_is_answered_from_the_letters_on_it(excerpts_answerer, question, doc_id):
    answer = excerpts_answerer.ask(question)
    assert answer.citations and {c.chunk.doc_id for c in answer.citations} <= {doc_id, *_same_meeting(doc_id)}


def _same_meeting(doc_id: str) -> set[str]:
    # The October 2018 agenda and its bijlage are about the same meeting as its verslag.
    return {"kst-32317-525", "2018D47208"} if doc_id == "kst-32317-529" else set()


@pytest.mark.parametrize("question, labels", [
    ("Wat is agendapunt 4?", ["I.4", "II.4"]),
    ("wat is agendapunt 4 onder justitie", ["II.4"]),
])
def test_an_item_number_with_or_without_a_section_is_answered(answerer, question, labels):
    # Without a section, item 4 of each section is meant; asking that once crashed the answerer.
    answer = answerer.ask(question)
    assert answer.mode == "agenda" and answer.answered
    cited = [f"{'I' if c.chunk.section.startswith('I.') else 'II'}.{c.chunk.item_no}" for c in answer.citations]
    assert cited == labels


def test_a_named_month_is_found_in_a_letters_text():
    june = MeetingRef.of("Wat zei de JBZ-Raad van juni 2025 over Europol?")
    assert june.mentioned_in("Tijdens de JBZ-Raad van juni 2025 is er al een algemene oriëntatie bereikt.", "2026-02-26")
    # Without a year a month is the letter's own year; of the year before only when "jl.".
    assert not june.mentioned_in("De nieuwe regels gaan in op 12 juni dit jaar.", "2026-02-26")
    assert june.mentioned_in("Op de Raad van 12 juni jl. is gesproken over Europol.", "2026-02-26")
    assert june.mentioned_in("Op de Raad van 12 juni is gesproken over Europol.", "2025-05-20")
    assert not june.mentioned_in("Het systeem treedt in juni 2026 in werking.", "2026-02-26")
    # "jl." is the last such month before the letter: in August 2026 that is June 2026.
    assert not june.mentioned_in("Op de Raad van 12 juni jl. is gesproken over Europol.", "2026-08-10")
    assert MeetingRef.of("JBZ-Raad van december 2025").mentioned_in("De Raad van december jongstleden besloot.", "2026-01-20")
    assert june.label("nl") == "JBZ-Raad van juni 2025" and june.label("en") == "JHA Council of June 2025"
    assert MeetingRef.of("JBZ-Raad juni en juli 2025").label("en") == "JHA Council of June and July 2025"
    # Bodies are no council meetings; the ministerraad's dates no council letter is about.
    for body in ("Wat zei de Raad van State in juni 2025?", "Council of Europe convention of May 2025",
                 "ministerraad 17 okt 2025 tribunaal", "Wat adviseerde de adviesraad in april 2025?"):
        assert meeting_named(body) is None, body
    assert meeting_named("the June 2024 JHA Council on Europol").months == [(6, 2024)]
    assert meeting_named("e-evidence at the June 2022 JHA - what's the Dutch ask?").months == [(6, 2022)]
    assert MeetingRef.of("de Raad van maart").label("nl") == "Raad van maart"


def test_a_letter_named_by_its_date_is_read():
    assert LetterRef.of("Wat staat er in de brief van 3 februari 2026 over terugkeer?") == LetterRef(3, 2, 2026)
    assert LetterRef.of("What does the letter of 26 February say about Europol?") == LetterRef(26, 2, None)
    assert LetterRef.of("Wat gebeurt er op 3 februari 2026?") is None  # a date, no letter
    assert LetterRef.of("Kamerbrief 28 aug. 2025: stand v. zaken Migratiepact?") == LetterRef(28, 8, 2025)
    assert LetterRef.of("brief 12 sept 2025 syrie uitreizigers") == LetterRef(12, 9, 2025)
    # A letter named as context, not as the source asked about (two Kamervragen of the eval set).
    assert LetterRef.of("Wat is er sinds de Kamerbrief van 12 juli 2021 concreet gedaan?") is None
    assert LetterRef.of("Kunt u een overzicht geven in aanvulling op uw brief van 4 mei jongstleden?") is None
    ref = LetterRef(26, 2, None)
    assert ref.dated("2026-02-26") and ref.dated("2025-02-26") and not ref.dated("2026-02-25")
    assert LetterRef(3, 2, 2026).mentioned_in("In de brief van 3 februari jl. is de Kamer geïnformeerd.", "2026-02-26")
    assert not LetterRef(3, 2, 2026).mentioned_in("Op 3 februari 2025 is het besluit genomen.", "2026-02-26")
    # A day without a year is of the letter's own year.
    assert not LetterRef(3, 2, 2026).mentioned_in("De brief van 3 februari kwam laat.", "2024-05-01")
    assert LetterRef(3, 2, 2026).label("nl") == "brief van 3 februari 2026"
    assert ref.label("en") == "letter of 26 February"


def test_the_council_of_europe_is_no_meeting():
    # A convention of the Council of Europe, asked "when" of a dated letter: a topic, not the meeting's date.
    assert read_question("According to the letter of 26 February 2026, when did the Netherlands sign the "
                         "Council of Europe convention on the protection of lawyers?") is None
    assert read_question("Wanneer is het advies van de Raad van State over de instellingswet gegeven?") is None
    assert read_question("When is the JHA Council?").kind == "meeting"
