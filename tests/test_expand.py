"""Shorthand and typos: abbreviations the letters define, officialese, and spelling against the index."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rag.expand import QueryExpander, collect_definitions, find_definitions
from rag.parse import parse_file
from rag.chunk import chunk_letter

from tests.conftest import SEED


def test_definitions_in_the_jbz_letter():
    found = collect_definitions(c.text for c in chunk_letter(parse_file(SEED)))
    # The letter spells ETIAS out in English and in Dutch; either is a right reading.
    assert found["ETIAS"].startswith(("European Travel Information", "Europese systeem voor reisinformatie"))
    assert found["EES"] == "Entry Exit System"
    assert found["NOvA"] == "Nederlandse orde van advocaten"


def test_definition_forms():
    assert find_definitions("het Adviescollege toetsing regeldruk (hierna: ATR) adviseert") == {
        "ATR": "Adviescollege toetsing regeldruk"}
    assert find_definitions("ETIAS (European Travel Information and Authorisation System) start") == {
        "ETIAS": "European Travel Information and Authorisation System"}
    # Brackets that are no definition, and initials that do not spell the short form.
    assert find_definitions("de Kamer (TK) besprak het") == {}
    assert find_definitions("zoals eerder gemeld (zie bijlage) en (2024)") == {}


def test_officialese_and_typos():
    vocab = Counter({"europol": 40, "terugkeerverordening": 12, "schengengrenscode": 3, "kabinet": 90})
    qe = QueryExpander({}, vocab)
    e = qe.expand("eurpol inzet kab. mbt terugkeerverodening")
    assert e.corrected == {"eurpol": "europol", "terugkeerverodening": "terugkeerverordening"}
    assert "kabinet" in e.text and "met betrekking tot" in e.text
    assert e.text.startswith("eurpol inzet kab. mbt terugkeerverodening (")  # what was typed stays
    # English questions are not "corrected" into Dutch words.
    assert qe.expand("eurpol position", english=True).corrected == {}


def test_an_abbreviation_defined_in_one_letter_finds_a_passage_in_another(letters_retriever):
    # The Regeerprogramma defines "Richtlijn Tijdelijke Bescherming (RTB)"; the JBZ agenda's item on it
    # never uses the abbreviation.
    assert letters_retriever.expander.definitions["rtb"] == "Richtlijn Tijdelijke Bescherming"
    question = "wat is de stand van de rtb?"

    item = "AOB Richtlijn Tijdelijke Bescherming Oekraïne"

    def titles(expand: bool, mode: str, k: int) -> list[str]:
        original = letters_retriever.weights
        letters_retriever.weights = replace(original, expand_bm25=expand)
        try:
            return [h.chunk.item_title or "" for h in letters_retriever.search(question, k=k, mode=mode)]
        finally:
            letters_retriever.weights = original

    assert letters_retriever.weights.expand_bm25, "the shipped setting expands the keyword query"
    # The keyword ranking finds the item only through the expansion ...
    assert item in titles(True, "bm25", 3)
    assert item not in titles(False, "bm25", 10)
    # ... and so the shipped hybrid ranking brings it into view, where it was missing.
    assert item in titles(True, "hybrid", 10)
    assert item not in titles(False, "hybrid", 10)


def test_abbreviations_are_kept_with_the_index(letters_store):
    import json

    cached = json.loads((letters_store.path / "abbreviations.json").read_text(encoding="utf-8"))
    assert cached["generation"] == letters_store.generation
    kept = cached["abbreviations"]
    assert kept["ETIAS"].startswith(("European Travel", "Europese systeem"))
    assert not [k for k in kept if k.isdigit()]
