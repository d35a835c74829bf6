"""Which kind of document a question names as the document it asks about (rag.kind.asked_kinds)."""

from __future__ import annotations

import pytest

from rag.kind import asked_kinds

LETTER = {"brief", "geannoteerde agenda", "verslag", "BNC-fiche"}


@pytest.mark.parametrize("question, expected", [
    ("volgens de brief bij het werkprogramma: wanneer is de behandeling?", LETTER),
    ("wat meldt de voortgangsbrief over de uitvoering?", LETTER),
    ("According to the letter, who does the ATR advise?", LETTER),
    ("wat staat in de mvt over de termijn", {"memorie van toelichting"}),
    ("nota nav verslag: antwoord op vraag 72", {"nota naar aanleiding van het verslag"}),
    ("wat is na RvS-advies gebeurd met de uitzondering?", {"advies Raad van State"}),
    ("What did the Council of State's advice say about the scope?", {"advies Raad van State"}),
    ("motie Ceder: wat moet het kabinet doen?", {"motie"}),
    ("What does the motion by Ceder ask of the government?", {"motie"}),
    ("wat staat er in de tweede nota van wijziging over de termijn?", {"nota van wijziging"}),
    ("volgens het BNC-fiche: welke Raad behandelt het voorstel?", {"BNC-fiche"}),
    ("grondslag ontwerpbesluit verlenging ATR", {"besluit"}),
    ("datum koninklijke boodschap Instellingswet ATR", {"koninklijke boodschap"}),
    ("op welke datum is de koninklijke bodschap bij het wetsvoorstel getekend", {"koninklijke boodschap"}),
    ("On what date was the ATR bill submitted by royal message?", {"koninklijke boodschap"}),
    ("Adviseert de RvS het wv Instellingswet ATR ongewijzigd in te dienen?", {"advies Raad van State"}),
    ("vice-president Raad van State advies instellingswet regeldruk naam", {"advies Raad van State"}),
    ("Van welke datum is het nader rapport over de Instellingswet ATR?", {"advies Raad van State"}),
    ("When did the Council of State issue its advisory opinion on the ATR bill?", {"advies Raad van State"}),
    ("Did the Council of State advise sending the ATR bill to the House as it stood?", {"advies Raad van State"}),

    # Said of a bill's whole file and of any decision: no kind of document.
    ("internetconsulatie wetsvoorstel atr periode", set()),
    ("wat is het doel van het wetsvoorstel Instellingswet ATR?", set()),
    # Said of the bill's whole file as a source too: the memorandum explains what the text says.
    ("Hoe lang is de benoemingstermijn van de leden volgens het wetsvoorstel?", set()),
    ("Waarom is in het wetsvoorstel gekozen voor een adviescollege zonder zbo-status?", set()),
    ("Why was the evaluation period changed in the bill?", set()),
    ("Heeft de Raad van State zich uitgesproken over de tweede nota van wijziging?", set()),
    ("Rekenkamer verzoek gesprek besluit", set()),
    ("Wat is de Nederlandse positie over Europol?", set()),
    # Kinds named as the topic, not as the document asked about.
    ("hoeveel BNC-fiches heeft ATR in de pilot beoordeeld?", set()),
    ("akkoord minister bzk tweede nota van wijziging datum", set()),
    # Words that only look like a kind's name.
    ("briefing over de briefwisseling met Brussel", set()),
    ("wat zegt artikel 3, letter b, over de termijn?", set()),
    ("Who will brief the ministers on the outcome?", set()),
    ("Give a brief overview of the Dutch position on Europol.", set()),
    ("Which reform did the Commission set in motion?", set()),
    ("geeft de motivering letterlijk weer wat de emotie was?", set()),
])
def test_asked_kinds(question, expected):
    assert asked_kinds(question) == expected
