"""Bad input: one clear line naming the file and the cause, the rest still indexed, nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.dates import parse_dutch_date
from rag.parse import ParseError, parse_file
from rag.store import Store
from tests.conftest import EXCERPTS, LETTERS, ROOT

RAG = str(Path(sys.executable).with_name("rag"))
MOTIE = LETTERS / "pm01_kst-21501-02-3121_motie-ceder.pdf"
A, B, C, D = (EXCERPTS / n for n in ("jbz_kst-32317-621_GA-informeel_2020-06-04.txt",
                                    "jbz_kst-32317-703_verslag-informeel_2021-07-14.txt",
                                    "jbz_kst-32317-736_GA-informeel_2022-02-03.txt",
                                    "jbz_kst-32317-704_brief-ingelaste-JBZ_2021-08-31.txt"))


def rag(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([RAG, *args], capture_output=True, text=True, cwd=ROOT, timeout=900,
                          env={**os.environ, **(env or {})})


def encrypted(source: Path, target: Path, user_password: str) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=user_password, owner_password="eigenaar-wachtwoord")
    with open(target, "wb") as fh:
        writer.write(fh)
    return target


def test_a_folder_of_bad_files_indexes_the_good_ones_and_fails_loudly(tmp_path):
    store = tmp_path / "store"
    keep = tmp_path / "eerder"
    keep.mkdir()
    (keep / D.name).write_bytes(D.read_bytes())
    assert rag("index", str(keep), "--store", str(store)).returncode == 0

    bad = tmp_path / "binnengekomen"
    bad.mkdir()
    (bad / "afgebroken.pdf").write_bytes(MOTIE.read_bytes()[: MOTIE.stat().st_size * 2 // 5])
    encrypted(MOTIE, bad / "wachtwoord.pdf", "geheim")
    encrypted(MOTIE, bad / "leeg-wachtwoord.pdf", "")
    (bad / "leeg.txt").write_bytes(b"")
    (bad / "foto.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (bad / "windows.txt").write_bytes(A.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    (bad / "utf16.txt").write_bytes(B.read_text(encoding="utf-8").encode("utf-16"))
    (bad / "groot.txt").write_text(C.read_text(encoding="utf-8") * 400, encoding="utf-8")
    odd = bad / "brief ë – №1 (kopie).txt"
    odd.write_bytes(C.read_bytes())
    (bad / "nog-een-kopie.txt").write_bytes(C.read_bytes())  # the same letter under two names

    done = rag("index", str(bad), "--store", str(store), "--json", env={"RAG_MAX_FILE_MB": "0.5"})
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    failed = {Path(f["path"]).name: f["reason"] for f in summary["failed"]}
    assert set(failed) == {"afgebroken.pdf", "wachtwoord.pdf", "leeg.txt", "foto.pdf", "groot.txt"}
    assert "password" in failed["wachtwoord.pdf"]
    assert "not a readable PDF" in failed["afgebroken.pdf"] and "not a readable PDF" in failed["foto.pdf"]
    assert "empty" in failed["leeg.txt"] and "limit" in failed["groot.txt"]
    assert all(f in summary["skipped"] for f in summary["failed"])  # the contract's key keeps them too
    assert sorted(Path(p).name for p in summary["added"]) == sorted(
        ["leeg-wachtwoord.pdf", "windows.txt", "utf16.txt", odd.name])
    assert [Path(p).name for p in summary["unchanged"]] == ["nog-een-kopie.txt"]
    # One line on stderr that says how many, and no traceback.
    assert done.stderr.strip().splitlines()[-1].startswith("rag: 5 bestanden konden niet")
    assert "Traceback" not in done.stderr

    docs = Store(store).manifest.documents
    assert {"kst-32317-704", "kst-32317-621", "kst-32317-703", "kst-32317-736", "kst-21501-02-3121"} <= set(docs)
    assert len(docs["kst-32317-736"].paths) == 2
    # UTF-16 and Windows-1252 text read as the letters they are: the same passages as the UTF-8 originals.
    from rag.chunk import chunk_letter

    for doc_id, original in (("kst-32317-703", B), ("kst-32317-621", A)):
        stored = Store(store).collection().get(where={"doc_id": doc_id}, include=["documents"])["documents"]
        assert sorted(stored) == sorted(c.text for c in chunk_letter(parse_file(original)))


def test_paths_that_are_not_letters_fail_in_one_line(tmp_path):
    empty = tmp_path / "leeg"
    empty.mkdir()
    for args, expect in (
        (["index", str(empty)], "no letters"),
        (["index", str(tmp_path / "bestaat-niet")], "no such file or folder"),
        (["inspect", str(empty)], "a folder, not a file"),
        (["search", "Europol", "--from", "2026-02-31"], "ongeldige datum '2026-02-31'"),
        (["ask", "Europol?", "--to", "31 februari"], "ongeldige datum '31 februari'"),
        (["ask", "   "], "lege vraag"),
        (["ask", "Europol " * 1500], "hoogstens 2.000 tekens"),
    ):
        done = rag(*args, env={"RAG_STORE": str(tmp_path / "store")})
        lines = done.stderr.strip().splitlines()
        assert done.returncode != 0 and len(lines) == 1 and expect in lines[0], (args, done.stderr)


def test_dates_that_do_not_exist_are_not_read():
    assert parse_dutch_date("Den Haag, 31 februari 2026") is None
    assert parse_dutch_date("Den Haag, 29 februari 2024") == "2024-02-29"


def test_utf16_without_a_byte_order_mark_is_text(tmp_path):
    plain = tmp_path / "zonder-bom.txt"
    plain.write_bytes(A.read_text(encoding="utf-8").encode("utf-16-le"))
    assert parse_file(plain).doc_id == parse_file(A).doc_id
    with pytest.raises(ParseError, match="binary file"):
        junk = tmp_path / "rommel.txt"
        junk.write_bytes(bytes(range(256)) * 20)
        parse_file(junk)


def test_an_upload_is_stored_under_a_name_of_its_own(tmp_path):
    from rag.chat_service import stored_name, upload_problem

    letter = tmp_path / "x.txt"
    letter.write_bytes(A.read_bytes())
    for given in ("../../etc/passwd.txt", "..\\..\\boot.ini.txt", "brief ë – №1.txt", ".verborgen.txt"):
        name = stored_name(letter, given)
        assert "/" not in name and "\\" not in name and not name.startswith(".") and name.endswith(".txt")
        assert (tmp_path / "uploads" / name).resolve().parent == (tmp_path / "uploads").resolve()
    assert stored_name(letter, "a.txt")[:16] == stored_name(letter, "b.txt")[:16]  # the same bytes
    other = tmp_path / "y.txt"
    other.write_bytes(C.read_bytes())
    assert stored_name(other, "a.txt") != stored_name(letter, "a.txt")  # one name, two letters
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    assert "empty" in upload_problem(empty, "leeg.pdf")
    docx = tmp_path / "notities.docx"
    docx.write_bytes(b"PK\x03\x04")
    assert "unsupported" in upload_problem(docx, "notities.docx")
    assert upload_problem(letter, "brief.txt") is None
