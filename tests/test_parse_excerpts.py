"""The excerpt corpus: metadata of 35 real JBZ-Raad letters, checked against MANIFEST.tsv."""

from __future__ import annotations

import csv
import re

import pytest

from rag.chunk import chunk_letter
from rag.parse import parse_file
from tests.conftest import ROOT

EXCERPTS = ROOT / "data" / "excerpts"
JBZ = "Raad Justitie en Binnenlandse Zaken"

with (EXCERPTS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
    MANIFEST = list(csv.DictReader(f, delimiter="\t"))

# The id printed in each document: its Kamerstuk number, or for a document without
# one (bijlagen, and a letter known only by its web page) the Tweede Kamer number.
EXPECTED_DOC_IDS = {
    "jbz_2015D46360_GA-bijlage_2015-12-03.txt": "2015D46360",
    "jbz_2018D47208_GA-bijlage_2018-10-11.txt": "2018D47208",
    "jbz_2022D21903_GA-bijlage_2022-06-09.txt": "2022D21903",
    "jbz_2025D45355_verslag-bijlage_2025-10-13.txt": "2025D45355",
    "jbz_2025D47955_GA-bijlage_2025-12-08.txt": "2025D47955",
    "jbz_2026D08805_GA_2026-03-05.txt": "2026D08805",
    "jbz_kst-32317-525_GA_2018-10-11.txt": "kst-32317-525",
    "jbz_kst-32317-529_verslag_2018-10-11.txt": "kst-32317-529",
    "jbz_kst-32317-567_SO-verslag_GA-informeel_2019-07-18.txt": "kst-32317-567",
    "jbz_kst-32317-621_GA-informeel_2020-06-04.txt": "kst-32317-621",
    "jbz_kst-32317-703_verslag-informeel_2021-07-14.txt": "kst-32317-703",
    "jbz_kst-32317-704_brief-ingelaste-JBZ_2021-08-31.txt": "kst-32317-704",
    "jbz_kst-32317-723_GA_2021-12-09.txt": "kst-32317-723",
    "jbz_kst-32317-736_GA-informeel_2022-02-03.txt": "kst-32317-736",
    "jbz_kst-32317-749_SO-verslag_GA_2022-03-03.txt": "kst-32317-749",
    "jbz_kst-32317-760_GA_2022-06-09.txt": "kst-32317-760",
    "jbz_kst-32317-862_GA_2023-12-04.txt": "kst-32317-862",
    "jbz_kst-32317-866_verslag_2023-12-04.txt": "kst-32317-866",
    "jbz_kst-32317-874_verslag_2024-03-04.txt": "kst-32317-874",
    "jbz_kst-32317-929_SO-verslag_GA-informeel_2025-01-30.txt": "kst-32317-929",
    "jbz_kst-32317-948_GA_2025-06-12.txt": "kst-32317-948",
    "jbz_kst-32317-964_verslag_2025-06-12.txt": "kst-32317-964",
    "jbz_kst-32317-967_GA-informeel_2025-07-22.txt": "kst-32317-967",
    "jbz_kst-32317-970_verslag-informeel_2025-07-22.txt": "kst-32317-970",
    "jbz_kst-32317-973_GA_2025-10-13.txt": "kst-32317-973",
    "jbz_kst-32317-974_SO-verslag_GA_2025-10-13.txt": "kst-32317-974",
    "jbz_kst-32317-975_verslag_2025-10-13.txt": "kst-32317-975",
    "jbz_kst-32317-978_GA_2025-12-08.txt": "kst-32317-978",
    "jbz_kst-32317-987_verslag_2025-12-08.txt": "kst-32317-987",
    "jbz_kst-32317-EE_EK_GA_2014-12-04.txt": "kst-32317-EE",
    "jbz_kst-32317-KX_EK_verslag_2020-03-13.txt": "kst-32317-KX",
    "jbz_kst-32317-OO_EK_verslag_2024-03-04.txt": "kst-32317-OO",
    "rel_kst-22112-3008_fiche-Europolverordening_2021-01-15.txt": "kst-22112-3008",
    "rel_kst-22112-3162_fiche-Schengenstrategie_2021-07-09.txt": "kst-22112-3162",
    "rel_kst-22112-4031_fiche-terugkeerverordening_2025-04-17.txt": "kst-22112-4031",
}

# kst-32317-978 is the agenda of 8-9 December 2025, but its own text (as published)
# says "13-14 oktober a.s.": a date that cannot be placed after the letter date.
# The parser leaves the meeting date unset and warns, rather than guess.
WRONG_DATE_IN_TEXT = {"jbz_kst-32317-978_GA_2025-12-08.txt"}

# Lines of saved web pages (berthub.eu/tkconv, officielebekendmakingen.nl) that are
# site furniture, never letter text.
WEB_FURNITURE = [
    "[overzicht]", "[wat is dit?]", "Nummer: ", "bijgewerkt:", "Directe link naar document",
    "Preview document", "Bijlage bij:", "Gerelateerde personen", "Onderdeel van zaak",
    "Onderdeel van kamerstukdossier", "Dossier- en ondernummer", "U bent hier:", "Brief regering :",
]

KINDS = ["verslag schriftelijk overleg", "geannoteerde agenda", "verslag", "BNC-fiche"]


def _row_id(row: dict[str, str]) -> str:
    return row["file"][:40]


def _expected_kind(manifest_kind: str) -> str:
    """The kind a manifest description starts with; "brief" when none fits."""
    return next((k for k in KINDS if manifest_kind.startswith(k)), "brief")


def _meeting_days(manifest_meeting: str) -> tuple[str | None, str | None]:
    """``'2015-12-03/04 (Brussel)'`` -> ``('2015-12-03', '2015-12-04')``; ``'n/a'`` -> (None, None)."""
    m = re.match(r"^(\d{4}-\d{2})-(\d{2})(?:/(\d{2}))?", manifest_meeting)
    if not m:
        return None, None
    month, first, last = m.groups()
    return f"{month}-{first}", f"{month}-{last}" if last else None


def _expected_council(row: dict[str, str], text: str) -> str | None:
    council = row["council"]
    if row["kind"].startswith("BNC-fiche") and "Behandelingstraject" not in text:
        return None  # the excerpt stops before the fiche's council field
    return JBZ if council.startswith("JBZ-Raad") else council


def test_manifest_lists_every_excerpt():
    assert sorted(r["file"] for r in MANIFEST) == sorted(p.name for p in EXCERPTS.glob("*.txt"))
    assert set(EXPECTED_DOC_IDS) == {r["file"] for r in MANIFEST}


@pytest.mark.parametrize("row", MANIFEST, ids=_row_id)
def test_excerpt_metadata_matches_manifest(row):
    path = EXCERPTS / row["file"]
    letter = parse_file(path)
    assert letter.doc_id == EXPECTED_DOC_IDS[row["file"]]
    assert letter.date == row["letter_date"]
    assert letter.kind == _expected_kind(row["kind"])
    assert letter.council == _expected_council(row, path.read_text(encoding="utf-8"))
    first, last = _meeting_days(row["meeting_date"])
    if row["file"] in WRONG_DATE_IN_TEXT:
        assert (letter.meeting_date, letter.meeting_end_date) == (None, None)
        assert any("does not fit the letter date" in w for w in letter.warnings)
    else:
        assert (letter.meeting_date, letter.meeting_end_date) == (first, last)
    assert letter.title and letter.title != path.stem


@pytest.mark.parametrize("row", MANIFEST, ids=_row_id)
def test_no_chunk_carries_web_page_furniture(row):
    letter = parse_file(EXCERPTS / row["file"])
    chunks = chunk_letter(letter)
    assert chunks, "every excerpt must yield text to retrieve"
    for text in [c.text for c in chunks] + [x.text for x in letter.lines]:
        for furniture in WEB_FURNITURE:
            assert furniture not in text, f"{furniture!r} in {text[:80]!r}"


def test_titles_name_the_meeting():
    titles = {r["file"]: parse_file(EXCERPTS / r["file"]).title for r in MANIFEST}
    assert titles["jbz_kst-32317-975_verslag_2025-10-13.txt"] == (
        "Verslag van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken van 13 en 14 oktober 2025"
    )
    assert titles["jbz_kst-32317-703_verslag-informeel_2021-07-14.txt"] == (
        "Verslag van de informele Raad Justitie en Binnenlandse Zaken van 14 tot en met 16 juli 2021"
    )
    assert titles["jbz_2015D46360_GA-bijlage_2015-12-03.txt"] == (
        "Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken, "
        "3 – 4 december 2015 te Brussel"
    )
    assert titles["rel_kst-22112-3008_fiche-Europolverordening_2021-01-15.txt"] == (
        "Fiche: Voorstel tot wijziging Europolverordening"
    )


def test_signatures_on_one_line_are_read():
    from rag.parse import parse_file

    letter = parse_file(EXCERPTS / "jbz_kst-32317-525_GA_2018-10-11.txt")
    assert [(x.name, x.role) for x in letter.senders][:2] == [
        ("F.B.J. Grapperhaus", "minister van Justitie en Veiligheid"), ("S. Dekker", "minister voor Rechtsbescherming")]
    # The Eerste Kamer print lost its line breaks: role and name still come out.
    assert [x.name for x in parse_file(EXCERPTS / "jbz_kst-32317-EE_EK_GA_2014-12-04.txt").senders] == [
        "I.W. Opstelten", "F. Teeven"]
