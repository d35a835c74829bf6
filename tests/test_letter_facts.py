"""When a letter was sent and who signed it, from its letterhead (real letters, real model, real store)."""

from __future__ import annotations

import pytest

from rag.answer import Answerer
from rag.letter_facts import asked_office, asks_letter_fact


@pytest.mark.parametrize("question, asked", [
    ("op welke datum is de kamerbrief over het werkprogamma 2025 van atr naar de kamer gestuurd", "date"),
    ("On what date was the ATR's 2025 work programme sent to the House?", "date"),
    ("wanneer is de motie ceder over gaza ingedient", "date"),
    ("datum kamerbrief werkprogramma ATR", "date"),
    ("ondertekenaar aanbiedingsbrief werkprogramma ATR 2025?", "signatories"),
    ("Welke min. heeft de TK-brief over het ATR-werkprogramma 2025 ondertekend?", "signatories"),
    ("Who signed the letter on the ATR work programme?", "signatories"),
    # Not the letter's own acts: a treaty's signing, a letter still to come, a vote, what a meeting decides.
    ("Welke lidstaten hebben het verdrag ondertekend volgens de brief?", None),
    ("Heeft Libië al een migratieovereenkomst met de EU ondertekend?", None),
    ("wanneer wordt de brief over het werkprogramma verstuurd?", None),
    ("Wanneer stuurt de staatssecretaris de halfjaarsrapportage naar de Kamer?", None),
    ("wanneer is de motie Ceder aangenomen?", None),
    ("datum inwerkingtreding Instellingswet ATR", None),
    # Another's letter, a letter as the source, a letter due: not the letterhead of the one retrieved.
    ("Wie heeft de brief aan de Commissie ondertekend?", None),
    ("wanneer is het rapport van de Commissie naar de Kamer gestuurd?", None),
    ("Wanneer heeft de Commissie het voorstel ingediend volgens de brief?", None),
    ("When is the letter to be sent?", None),
    ("Which member states signed the joint letter?", None),
    # Who and when: the signatories, with the letter's date.
    ("Who signed the letter and when?", "signatories"),
    # A paper's own number; not that of a paper it cites ("het nonpaper", "het BNC-fiche" are no indexed kind).
    ("kamerstuknummer MvT Instellingswet ATR", "reference"),
    ("welk nummer heeft de motie Ceder", "reference"),
    ("What is the document number of the explanatory memorandum to the ATR bill?", "reference"),
    ("kamerstuknummer non-paper voortgezet crimineel handelen detentie", None),
    # A paper the letter cites, a sender's own reference, a question that gives the number itself.
    ("What is the document number of the BNC fiche on vulnerable adults?", None),
    ("Welk kenmerk heeft het advies van de Raad van State?", None),
    ("Wanneer is de motie met kamerstuknummer 21501-02 nr 3121 ingediend?", "date"),
    ("Wie heeft de MvT (kamerstuknr 36450-3) ondertekend?", "signatories"),
])
def test_what_a_question_asks_of_the_letterhead(question, asked):
    assert asks_letter_fact(question) == asked



@pytest.fixture(scope="module")
def answerer(letters_retriever):
    return Answerer(letters_retriever)


@pytest.mark.slow
@pytest.mark.parametrize("question, said, doc", [
    # kst-29515-496 opens "Den Haag, 28 januari 2025"; parsing lifts that line out of the text.
    ("op welke datum is de kamerbrief over het werkprogramma 2025 van ATR naar de Kamer gestuurd?",
     "28 januari 2025", "kst-29515-496"),
    ("On what date did the Economic Affairs minister send the ATR's 2025 work programme to the House?",
     "28 January 2025", "kst-29515-496"),
    ("Welke minister heeft de aanbiedingsbrief bij het werkprogramma ATR 2025 ondertekend?", "D.S. Beljaarts",
     "kst-29515-496"),
    ("Welke MinEZK heeft de MvT bij de Instellingswet ATR getekend (naam)?", "M.A.M. Adriaansens", "kst-36450-3"),
    ("wanneer is de motie ceder over gaza ingediend", "10 april 2025", "kst-21501-02-3121"),
    # Misspelt past what the kinds read, still the nota naar aanleiding van het verslag, not a beslisnota.
    ("wanneer is de nota naar aanleidng van het verslag instelingswet atr ontvangen", "27 maart 2024", "kst-36450-6"),
])
def test_the_letterhead_answers_when_and_by_whom_a_letter_was_sent(answerer, question, said, doc):
    a = answerer.ask(question)
    assert a.answered and a.mode == "letterhead" and said in a.answer
    assert [c.chunk.doc_id for c in a.citations] == [doc] and a.answer.endswith("[1]")


@pytest.mark.slow
@pytest.mark.parametrize("question, said, doc", [
    ("kamerstuknummer MvT Instellingswet ATR", "De memorie van toelichting is Kamerstuk 36 450, nr. 3.", "kst-36450-3"),
    ("welk nummer heeft de motie Ceder over Gaza", "De motie is Kamerstuk 21 501-02, nr. 3121.", "kst-21501-02-3121"),
    ("Wat is het kamerstuknummer van de geannoteerde agenda JBZ-Raad maart 2026?",
     "De geannoteerde agenda is Kamerstuk 32 317, nr. 995.", "kst-32317-995"),
    ("What is the document number of the explanatory memorandum to the ATR bill?",
     "The explanatory memorandum is Kamerstuk 36 450, no. 3.", "kst-36450-3"),
])
def test_a_papers_own_number_is_read_off_its_name(answerer, question, said, doc):
    a = answerer.ask(question)
    assert a.answered and a.mode == "letterhead" and a.answer_type == "reference"
    assert a.answer == f"{said} [1]" and [c.chunk.doc_id for c in a.citations] == [doc]


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    # No indexed motion is Paternotte's: the motion Ceder's number is no answer to it.
    "Welk nummer heeft de motie Paternotte?",
    # The fiche is only cited by the agenda: the agenda's own number is no answer to it.
    "Welk kamerstuknummer heeft het BNC-fiche waarnaar de geannoteerde agenda verwijst?",
    "What is the document number of the BNC fiche on vulnerable adults?",
])
def test_a_paper_the_letters_only_cite_or_do_not_hold_is_not_given_their_number(answerer, question):
    a = answerer.ask(question)
    assert a.mode != "letterhead" and a.answer_type == "reference"
    assert "32 317, nr. 995" not in a.answer and "3121" not in a.answer


@pytest.mark.slow
def test_a_signature_in_the_text_names_the_signatory_asked_before_the_letterhead(answerer):
    # kst-36450-4 is the Council of State's advice and the minister's nader rapport: its letterhead
    # names the minister, the advice closes with "De vice-president van de Raad van State, Th.C. de Graaf".
    a = answerer.ask("ondertekenaar advies RvS Instellingswet ATR?")
    assert a.answered and "de Graaf" in a.answer and "Adriaansens" not in a.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    # A memo to the minister is dated by its authors, not signed on that day.
    "op welke datum heeft de minister de beslisnota over het werkprogramma 2025 van ATR getekend?",
    # The letter was signed by a minister, not a state secretary.
    "Welke staatssecretaris heeft de brief over het werkprogramma ATR 2025 ondertekend?",
    # The decree named is a draft no one signed: not the explanatory memorandum's signatory.
    "naam minister EZ ondertekenaar verlengingsbesluit ATR?",
    # A letter of a day no indexed letter is of.
    "Who was the minister who signed the letter of 25 June 2021 on the quality of legislation?",
])
def test_the_letterhead_does_not_answer_what_it_does_not_say(answerer, question):
    a = answerer.ask(question)
    assert a.mode != "letterhead"
    assert not any(said in a.answer for said in ("30 oktober 2024", "Beljaarts", "Adriaansens", "van Weel"))


@pytest.mark.parametrize("question, office", [
    ("wie is de minsiter van asiel en migratie die namens nederland aan de jbz raad deelneemt?", (False, "asiel")),
    ("Naam minister Asiel en Migratie JBZ-Raad 5-6 maart", (False, "asiel")),
    ("naam stas JenV", (True, "justitie")),
    ("Who is the state secretary for Justice?", (True, "justitie")),
    ("wat vindt de minister van Justitie van Europol?", None),
    # The office is not what is asked: who did something according to the minister, an earlier holder.
    ("Wie voert volgens de minister van EZ de toets uit?", None),
    ("Wie was de voorganger van de minister van Asiel en Migratie?", None),
])
def test_the_office_a_question_asks_the_holder_of(question, office):
    assert asked_office(question) == office


@pytest.mark.slow
def test_the_holder_of_an_office_is_the_signatory_who_held_it_with_the_letter_and_its_date(answerer):
    # kst-32317-995 is signed "De minister van Asiel en Migratie, G. van den Brink": the chunker
    # keeps the signature out of the text, the letterhead holds it.
    a = answerer.ask("wie is de minsiter van asiel en migratie die namens nederland aan de jbz raad deelneemt?")
    assert a.answered and a.mode == "letterhead"
    assert "G. van den Brink" in a.answer and "26 februari 2026" in a.answer and "van Weel" not in a.answer
    assert [c.chunk.doc_id for c in a.citations] == ["kst-32317-995"]
    # No signatory held the office: the letterhead has nothing to say.
    assert answerer.ask("wie is de minister van Volksgezondheid?").mode != "letterhead"
