"""Parsing real letters: metadata, page furniture, footnotes, scanned PDFs."""

from __future__ import annotations

import re

import pytest

from rag.chunk import chunk_letter
from rag.dates import parse_dutch_date
from rag.parse import NoTextLayer, ParseError, parse_file
from tests.conftest import FIXTURES, LETTERS


def test_seed_letter_metadata(seed_letter):
    assert seed_letter.doc_id == "kst-32317-995"
    assert seed_letter.dossier == "32317"
    assert seed_letter.doc_number == "995"
    assert seed_letter.kind == "geannoteerde agenda"
    assert seed_letter.date == "2026-02-26"
    assert seed_letter.council == "Raad Justitie en Binnenlandse Zaken"
    assert seed_letter.meeting_date == "2026-03-05"
    assert seed_letter.meeting_end_date == "2026-03-06"
    assert "5 en 6 maart 2026" in seed_letter.title
    assert [(s.name, s.role) for s in seed_letter.senders] == [
        ("D.M. van Weel", "minister van Justitie en Veiligheid"),
        ("G. van den Brink", "minister van Asiel en Migratie"),
        ("K.T. van Bruggen", "staatssecretaris van Justitie en Veiligheid"),
    ]
    assert seed_letter.warnings == []


def test_seed_footnotes_are_lifted_out_of_the_text(seed_letter):
    assert len(seed_letter.footnotes) == 7
    assert seed_letter.footnotes[4][0] == "Verwijzing BNC-fiche"
    assert seed_letter.footnotes[1][0].startswith("Tweede Kamer, vergaderjaar 2025-2025, 32 317, nr. 987")
    # The wrapped footnote 6 is whole, with its "’s-Gravenhage" kept.
    assert seed_letter.footnotes[6][0].endswith("’s-Gravenhage, 13-01-2000.")
    text = "\n".join(x.text for x in seed_letter.lines)
    assert "Verwijzing BNC-fiche" not in text


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Den Haag, 26 februari 2026", "2026-02-26"),
        ("’s-Gravenhage, 8 juni 2023", "2023-06-08"),
        ("Voorgesteld 10 april 2025", "2025-04-10"),
        ("geen datum", None),
    ],
)
def test_parse_dutch_date(text, iso):
    assert parse_dutch_date(text) == iso


def test_kamerbrief_pdf_metadata():
    letter = parse_file(LETTERS / "llm06_kst-29515-496_kamerbrief-werkprogramma-ATR-2025.pdf")
    assert letter.doc_id == "kst-29515-496"
    assert letter.date == "2025-01-28"
    assert letter.kind == "brief"
    assert [(s.name, s.role) for s in letter.senders] == [("D.S. Beljaarts", "minister van Economische Zaken")]


@pytest.mark.parametrize("name, kind", [
    # Memos to the minister: they name the Kamerbrief or the nota van wijziging they send on.
    ("llm11_beslisnota-kamerbrief-werkprogramma-ATR-2025.pdf", "beslisnota"),
    ("llm09_beslisnota-36450-tweede-nota-van-wijziging.pdf", "beslisnota"),
    # Addressed to the King and about a bill ("voorstel van wet"), it is the advice on it.
    ("llm08_advies-rvs-W18.23.00028-IV_36450.pdf", "advies Raad van State"),
    ("llm12_ontwerpbesluit-wijziging-instellingsbesluit-ATR.pdf", "besluit"),
    ("llm06_kst-29515-496_kamerbrief-werkprogramma-ATR-2025.pdf", "brief"),
    ("llm04_kst-36450-4_advies-rvs-en-nader-rapport.pdf", "advies Raad van State"),
])
def test_kind_from_the_form_of_the_first_lines(name, kind):
    assert parse_file(LETTERS / name).kind == kind


KAMERVRAGEN = LETTERS.parent.parent / "eval" / "kamervragen" / "corpus"


@pytest.mark.parametrize("name, kind", [
    # A committee's decision list names itself in a title line ("Document: Besluitenlijst
    # van de procedurevergadering ..."), after the date and the committees.
    ("ok02_besluitenlijst_2016-10-26.pdf", "besluitenlijst"),
    ("ok01_besluitenlijst_2009-04-02.pdf", "besluitenlijst"),
])
def test_kind_from_a_title_line(name, kind):
    assert parse_file(LETTERS / name).kind == kind


@pytest.mark.parametrize("name", [
    "kv16321.txt",  # "In mijn brief van 24 januari 2022 heb ik ..."
    "kv16152.txt",  # "Conform de motie Boucke (D66) en Kröger ..."
    "kv14595.txt",  # "... de motie Westerveld ... via de\nKamerbrief met de visie ..."
    "kv16887.txt",  # "... Verslagen zijn ..."
])
def test_a_kind_word_in_running_text_is_no_kind(name):
    # Bare answers to Kamervragen: they mention letters, motions and reports without being one.
    assert parse_file(KAMERVRAGEN / name).kind == "document"


def test_motie_pdf_metadata():
    letter = parse_file(LETTERS / "pm01_kst-21501-02-3121_motie-ceder.pdf")
    assert letter.doc_id == "kst-21501-02-3121"
    assert letter.dossier == "21501-02"
    assert letter.kind == "motie"
    assert letter.date == "2025-04-10"


ALL_PDFS = sorted(LETTERS.glob("*.pdf")) + sorted(FIXTURES.glob("llm*.pdf"))


@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name[:24])
def test_every_corpus_pdf_parses_or_is_flagged(path):
    letter = parse_file(path)
    assert letter.lines, "a parsed PDF must have text"
    text = " ".join(x.text for x in letter.lines)
    assert len(text) > 200
    # No print furniture left in the lines.
    for line in letter.lines:
        assert not re.fullmatch(r"\d{1,3}", line.text)
        assert not line.text.startswith("ISSN ")
        assert not re.match(r"^kst-\d", line.text)


def test_a_running_header_that_names_the_chapter_is_furniture():
    # The Regeerprogramma heads 103 of its 138 pages "Regeerprogramma | <chapter><page>"; each
    # chapter's variant is on a few pages only, and was left in the text mid-sentence.
    letter = parse_file(LETTERS / "llm13_regeerprogramma-2024.pdf")
    assert not [x.text for x in letter.lines if "Regeerprogramma |" in x.text]
    # The sentence the header stood in reads whole, and the chapters' own headings stay.
    text = "\n".join(c.text for c in chunk_letter(letter))
    assert "De onafhankelijkheid van de Kiesraad wordt verstevigd." in text
    assert "Goed bestuur en sterke rechtsstaat" in "\n".join(x.text for x in letter.lines)


@pytest.mark.parametrize("name", ["llm07_werkprogramma-ATR-2025_bijlage.pdf", "llm10_beslisnota-kamerbrief-nota-nav-verslag-36450.pdf"])
def test_scanned_pages_are_flagged_not_silently_indexed(name):
    letter = parse_file(FIXTURES / name)
    assert any("page(s) 1" in w and "OCR" in w and name in w for w in letter.warnings)
    assert all(line.page != 1 for line in letter.lines)


def test_pdf_without_any_text_layer_is_refused():
    path = FIXTURES / "scanned-page-only.pdf"
    with pytest.raises(NoTextLayer, match=r"scanned-page-only\.pdf: .*needs OCR"):
        parse_file(path)


def test_bad_input_names_the_file_and_the_cause(tmp_path):
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(ParseError, match=r"kapot\.pdf: not a readable PDF"):
        parse_file(broken)
    empty = tmp_path / "leeg.txt"
    empty.write_text("  \n\n")
    with pytest.raises(ParseError, match=r"leeg\.txt: file is empty"):
        parse_file(empty)
    (tmp_path / "brief.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(ParseError, match=r"brief\.docx: unsupported file type"):
        parse_file(tmp_path / "brief.docx")
    with pytest.raises(ParseError, match=r"weg\.txt: no such file"):
        parse_file(tmp_path / "weg.txt")


def test_cp1252_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "oud.txt"
    path.write_bytes("Den Haag, 3 maart 2025\n\nDe Raad bespreekt Oekraïne.\n".encode("cp1252"))
    letter = parse_file(path)
    assert "Oekraïne" in " ".join(x.text for x in letter.lines)
    assert any("Windows-1252" in w for w in letter.warnings)
