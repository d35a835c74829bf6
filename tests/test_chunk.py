"""Chunking the seed agenda by agenda item, and other documents by heading."""

from __future__ import annotations

import re

import pytest

from rag.chunk import MAX_WORDS, chunk_letter, split_words
from rag.documents import Line
from rag.parse import parse_file
from rag.structure import Block, _pack_small
from tests.conftest import FIXTURES, LETTERS, SEED

BIZA = [
    ("1", "Algemene staat van het Schengengebied", "Gedachtewisseling"),
    ("2", "Implementatie van interoperabiliteit: herziene routekaart voor na 2026", "Goedkeuring"),
    ("3", "Externe dimensie van migratie", "Gedachtewisseling"),
    ("4", "Implementatie van het Asiel- en Migratiepact", "Stand van zaken"),
    ("5", "Conclusies over het strategisch kader van de EU inzake drugs", "Goedkeuring"),
    ("6", "Toekomst van Europol", "Gedachtewisseling"),
    ("7", "Werklunch: Impact van de huidige geopolitieke situatie op de interne veiligheid van de EU: situatie in Syrië", "Gedachtewisseling"),
    ("8", "AOB Richtlijn Tijdelijke Bescherming Oekraïne", "AOB"),
]
JUSTITIE = [
    ("1", "Verordening over de bescherming van volwassenen", "Algemene oriëntatie"),
    ("2", "De Russische agressieoorlog tegen Oekraïne: strijd tegen straffeloosheid", "Stand van zaken"),
    ("3", "Werklunch: voortgezet crimineel handelen in detentie", "Gedachtewisseling"),
    ("4", "De onafhankelijkheid van advocaten in Europa: de rol van de EU en het Verdrag van de Raad van Europa", "Gedachtewisseling"),
    ("5", "Conclusies over de toepassing van het Handvest van de grondrechten van de Europese Unie 2026", "Goedkeuring"),
]


def _items(chunks, section):
    seen = []
    for c in chunks:
        key = (c.item_no, c.item_title, c.item_type)
        if c.section == section and key not in seen:
            seen.append(key)
    return seen


def test_all_thirteen_agenda_items_with_titles_and_types(seed_chunks):
    assert _items(seed_chunks, "I. Binnenlandse Zaken") == BIZA
    assert _items(seed_chunks, "II. Justitie") == JUSTITIE
    sections = {c.section for c in seed_chunks}
    assert sections == {"Aanbiedingsbrief", "I. Binnenlandse Zaken", "II. Justitie"}


def test_cover_letter_sections_are_chunks(seed_chunks):
    cover = []
    for c in seed_chunks:
        if c.section == "Aanbiedingsbrief" and c.item_title not in cover:
            cover.append(c.item_title)
    assert cover == [
        "Inleiding",
        "Kopgroep contraterrorisme ontbijt",
        "Mededeling van de Commissie aan het Europees Parlement en de Raad over de EU-visumstrategie",
        "Mededeling van de Commissie aan het Europees Parlement en de Raad: Europese asiel- en migratiebeheerstrategie",
        "Formeel akkoord inzake voorstellen herziening veilig-derde-land-concept en EU-lijst veilige landen van herkomst",
    ]
    # Signatures are metadata, not content.
    assert not any("D.M. van Weel" in c.text for c in seed_chunks)


def test_europol_item_content_and_pages(seed_chunks):
    europol = [c for c in seed_chunks if c.item_title == "Toekomst van Europol"]
    assert len(europol) == 1
    c = europol[0]
    assert c.heading == "I. Binnenlandse Zaken › 6. Toekomst van Europol"
    assert "nationale zeggenschap" in c.text
    assert "binnen het bestaande mandaat te versterken" in c.text
    assert c.text.startswith("Tijdens de Raad zal worden gesproken over de toekomst van Europol")
    assert (c.page_start, c.page_end) == (13, 14)
    assert c.doc_id == "kst-32317-995" and c.date == "2026-02-26"


def test_page_crossing_sentence_is_whole(seed_chunks):
    text = " ".join(c.text for c in seed_chunks)
    assert (
        "in aanloop naar maart 2027 als de toepassing van de Richtlijn Tijdelijke Bescherming afloopt" in text
    )
    aob = next(c for c in seed_chunks if c.item_no == "8")
    assert (aob.page_start, aob.page_end) == (14, 15)


def test_footnotes_attach_to_the_citing_item_without_breaking_sentences(seed_chunks):
    drugs = [c for c in seed_chunks if c.item_title == "Conclusies over het strategisch kader van de EU inzake drugs"]
    joined = "\n".join(c.text for c in drugs)
    assert "de grondbeginselen van de EU. Deze principes" in joined
    assert "Voetnoten:\n⁴ Verwijzing BNC-fiche" in joined
    assert "geïnformeerd.⁴" in joined
    assert sum(c.text.count("Verwijzing BNC-fiche") for c in seed_chunks) == 1


def test_no_debris_and_hyphens_kept(seed_chunks):
    text = "\n".join(c.text for c in seed_chunks)
    for line in text.split("\n"):
        assert not re.fullmatch(r"\s*\d{1,3}\s*", line), f"bare page number: {line!r}"
    assert "EU-drugsbeleid" in text and "EUdrugsbeleid" not in text
    assert "Eurodac-systeem" in text
    assert "veilig-derde-land-concept" in text


def test_long_items_split_within_the_item(seed_chunks):
    for c in seed_chunks:
        body = c.text.split("\n\nVoetnoten:")[0]
        assert len(body.split()) <= MAX_WORDS * 1.3
    first = [c for c in seed_chunks if c.section == "I. Binnenlandse Zaken" and c.item_no == "1"]
    assert len(first) > 1
    assert [c.split_id for c in first] == list(range(len(first)))
    assert all(c.n_splits == len(first) for c in first)
    # Parts never run into the next item.
    assert not any("Tijdens dit agendapunt zal het Voorzitterschap" in c.text for c in first)


def test_ids_are_stable_and_unique(seed_chunks):
    again = chunk_letter(parse_file(SEED))
    assert [c.id for c in again] == [c.id for c in seed_chunks]
    assert len({c.id for c in seed_chunks}) == len(seed_chunks)


def test_split_words_keeps_sentences_whole():
    sentences = [f"Zin nummer {i} gaat over het onderwerp van de Raad en eindigt hier." for i in range(80)]
    text = " ".join(sentences)
    parts = split_words(text, 100)
    assert len(parts) >= 7
    for offset, part in parts:
        assert text[offset : offset + 20] == part[:20]
        assert part.endswith(".")
        assert len(part.split()) <= 130


@pytest.mark.parametrize(
    "path", sorted(LETTERS.glob("*.pdf")) + sorted(FIXTURES.glob("llm*.pdf")), ids=lambda p: p.name[:24]
)
def test_other_documents_chunk_by_heading_with_pages(path):
    letter = parse_file(path)
    chunks = chunk_letter(letter)
    assert chunks
    for c in chunks:
        assert 1 <= c.page_start <= c.page_end <= letter.page_count
        assert c.text.strip()
        assert len(c.text.split("\n\nVoetnoten:")[0].split()) <= MAX_WORDS * 1.4


def test_each_article_of_a_bill_is_a_chunk_of_its_own_and_small_sections_still_pack():
    bill = chunk_letter(parse_file(LETTERS / "llm02_kst-36450-2_voorstel-van-wet.pdf"))
    articles = [c.item_title for c in bill if c.item_title and c.item_title.startswith("Artikel")]
    assert articles == [f"Artikel {n} {name}" for n, name in [
        (1, "Begripsbepalingen"), (2, "Instelling"), (3, "Kerntaken"), (4, "Overige bevoegdheden"),
        (5, "Aard regeldruktoets"), (6, "Samenstelling"), (7, "Onafhankelijkheid"),
        (8, "Voorleggen stukken"), (9, "Termijnen"), (10, "Evaluatieverplichting"),
        (11, "Inwerkingtreding"), (12, "Citeertitel")]]
    six = next(c for c in bill if c.item_title == "Artikel 6 Samenstelling")
    assert six.text.startswith("Het adviescollege bestaat uit een voorzitter en ten minste twee")
    assert "Onafhankelijkheid" not in six.text and six.page_start == six.page_end == 3
    # A reference to a part of an article is no article: the comparison table in the reply to
    # the members ("Artikel 3, lid 1, onderdeel b" in a cell) stays packed as before.
    nota = chunk_letter(parse_file(LETTERS / "llm05_kst-36450-6_nota-nav-verslag.pdf"))
    cells = [c for c in nota if c.item_title and c.item_title.startswith("Artikel 3,")]
    assert cells and all(len(c.text.split()) >= 90 for c in cells)
    assert len(nota) == 79


def test_a_run_packed_under_another_heading_takes_one_article_only():
    # A chapter heading packs the article after it, not the next one too.
    def block(title, words):
        return Block(None, None, title, None, [Line(" ".join(["woord"] * words) + ".", 1, False)])

    packed = _pack_small([block("Hoofdstuk 2 Taken", 3), block("Artikel 6 Samenstelling", 16),
                          block("Artikel 7 Onafhankelijkheid", 30), block("Toelichting", 10),
                          block("Artikel 3, lid 1, onderdeel b", 10)], MAX_WORDS)
    assert [b.item_title for b in packed] == ["Hoofdstuk 2 Taken", "Artikel 7 Onafhankelijkheid"]
    assert [x.text for x in packed[1].lines[1:]] == ["Toelichting", "woord " * 9 + "woord.",
                                                     "Artikel 3, lid 1, onderdeel b", "woord " * 9 + "woord."]
