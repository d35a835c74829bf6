"""Which kind of document a question names as its source (rag.kind.asked_kinds)."""

from __future__ import annotations

import pytest

from rag.kind import asked_kinds


@pytest.mark.parametrize("question, expected", [
    ("volgens de brief bij het werkprogramma: wanneer is de behandeling?", {"brief", "geannoteerde agenda", "verslag", "BNC-fiche"}),
    ("According to the letter, who does the ATR advise?", {"brief", "geannoteerde agenda", "verslag", "BNC-fiche"}),
    ("wat staat in de mvt over de termijn", {"memorie van toelichting"}),
    ("nota nav verslag: antwoord op vraag 72", {"nota naar aanleiding van het verslag"}),
    ("wat is na RvS-advies gebeurd met de uitzondering?", {"advies Raad van State"}),
    ("What did the Council of State say about the scope?", {"advies Raad van State"}),
    ("motie Ceder: wat moet het kabinet doen?", {"motie"}),
    ("tweede NvW: wanneer naar de Kamer?", {"nota van wijziging"}),
    ("grondslag ontwerpbesluit verlenging ATR", {"besluit"}),
    # Said of a bill's whole file and of any decision: no kind of document.
    ("internetconsulatie wetsvoorstel atr periode", set()),
    ("Rekenkamer verzoek gesprek besluit", set()),
    ("Wat is de Nederlandse positie over Europol?", set()),
    # Words that only contain a kind's name.
    ("briefing over de briefwisseling met Brussel", set()),
])
def test_asked_kinds(question, expected):
    assert asked_kinds(question) == expected
