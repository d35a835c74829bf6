"""Follow-up questions read in the light of the question before."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rag.followup import read_followup, topic_of

EUROPOL = "Wat is de Nederlandse positie over Europol?"


@pytest.mark.parametrize("question, history, kind, read", [
    ("en over Syrië?", [EUROPOL], "new_topic", "Wat is de Nederlandse positie over Syrië?"),
    ("and Schengen?", ["What is the Dutch position on Europol?"], "new_topic", "What is the Dutch position on Schengen?"),
    ("wat betreft terugkeerhubs?", [EUROPOL], "new_topic", "Wat is de Nederlandse positie over terugkeerhubs?"),
    ("wat vindt de Commissie daarvan?", ["Wat vindt het kabinet van de terugkeerverordening?"], "same_topic",
     "wat vindt de Commissie van de terugkeerverordening?"),
    ("en de Commissie?", [EUROPOL], "same_topic", "Wat vindt de Commissie van Europol?"),
    ("wanneer wordt daarover besloten?", [EUROPOL], "same_topic", "wanneer wordt over Europol besloten?"),
    ("what does the Commission think of it?", ["What is the Dutch position on return hubs?"], "same_topic",
     "what does the Commission think of return hubs?"),
    ("en in de vorige raad?", [EUROPOL], "earlier_meeting", EUROPOL),
    ("en in de vorige raad?", ["Wat wil NL met de terugkeerverordening op de JBZ-Raad van maart 2026?"],
     "earlier_meeting", "Wat wil NL met de terugkeerverordening op de JBZ-Raad?"),
    ("and the October 2025 one?", ["Where is the March 2026 JHA Council held?"], "other_meeting",
     "Where is the October 2025 JHA Council held?"),
    # Months as staff abbreviate them (the table rag.question.MONTH_WORDS): "sept", "mar".
    ("en die van sept. 2025?", ["Wat wil NL met Europol op de JBZ-Raad van maart 2026?"], "other_meeting",
     "Wat wil NL met Europol op de JBZ-Raad van sept. 2025?"),
    ("and the Mar 2026 one?", ["Where is the October 2025 JHA Council held?"], "other_meeting",
     "Where is the Mar 2026 JHA Council held?"),
    # No topic of its own: the earlier one is added.
    ("wanneer komt de cie met een voorstel?", ["Wat is de NL inzet op de toekomst van Europol?"], "same_topic",
     "wanneer komt de cie met een voorstel over Europol?"),
    ("when will the Commission table a proposal?", ["What is the Dutch position on Europol?"], "same_topic",
     "when will the Commission table a proposal on Europol?"),
    # Questions that stand on their own are left alone, history or not.
    ("Welke punten staan ter goedkeuring?", [EUROPOL], "as_asked", "Welke punten staan ter goedkeuring?"),
    ("Wie heeft de brief ondertekend?", [EUROPOL], "as_asked", "Wie heeft de brief ondertekend?"),
    ("Wat is de positie over Syrië?", [EUROPOL], "as_asked", "Wat is de positie over Syrië?"),
    ("en over Syrië?", [], "as_asked", "en over Syrië?"),
])
def test_followups_are_read_in_the_light_of_the_last_question(question, history, kind, read):
    reading = read_followup(question, history)
    assert (reading.kind, reading.text) == (kind, read)


def test_the_topic_is_what_follows_the_last_about():
    assert topic_of("Wat is de positie van Nederland over Europol?") == "Europol"
    assert topic_of("What is the Dutch view on the future of Europol?") == "Europol"
    assert topic_of("nl standpunt terugkeer") is None


def test_no_labelled_question_is_changed_by_a_history_it_does_not_lean_on():
    from tests.conftest import ROOT

    for line in (ROOT / "eval/seed.jsonl").read_text(encoding="utf-8").splitlines():
        question = json.loads(line)["question"]
        assert not read_followup(question, [EUROPOL]).changed, question


@pytest.mark.slow
def test_en_over_syrie_after_europol_answers_from_the_syria_item_and_says_how_it_read_it(letters_retriever):
    from rag.answer import Answerer

    answerer = Answerer(letters_retriever)
    first = answerer.ask(EUROPOL)
    assert first.citations[0].chunk.item_title == "Toekomst van Europol" and first.read_as is None
    answer = answerer.ask("en over Syrië?", history=[EUROPOL])
    assert answer.read_as == "Wat is de Nederlandse positie over Syrië?"
    assert "Syrië" in answer.citations[0].chunk.item_title
    assert answer.to_dict()["read_as"] == answer.read_as


@pytest.mark.slow
def test_the_previous_meeting_is_asked_of_the_letters_before_the_one_that_answered(excerpts_answerer):
    from rag.cli import cli

    store = excerpts_answerer.retriever.store
    question = "Wat is de Nederlandse positie over terugkeer?"
    latest = excerpts_answerer.ask(question).citations[0].chunk
    result = CliRunner().invoke(cli, ["ask", "en in de vorige raad?", "--history", question, "--store", str(store.path),
                                      "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["read_as"].startswith(question) and "vóór" in data["read_as"]
    assert data["answered"] and all(c["date"] < latest.date for c in data["citations"])
