"""The `rag inspect` command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import FIXTURES, SEED


def rag(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_inspect_json_shape():
    out = rag("inspect", str(SEED), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in ("doc_id", "title", "kind", "date", "council", "meeting_date", "warnings", "chunks"):
        assert key in data
    assert data["doc_id"] == "kst-32317-995"
    assert data["meeting_date"] == "2026-03-05"
    chunk = data["chunks"][0]
    for key in ("id", "section", "item_no", "item_title", "item_type", "page_start", "page_end", "text"):
        assert key in chunk
    titles = {c["item_title"] for c in data["chunks"]}
    assert "Toekomst van Europol" in titles


def test_inspect_human_output_lists_items():
    out = rag("inspect", str(SEED))
    assert out.returncode == 0
    assert "I. Binnenlandse Zaken › 6. Toekomst van Europol (Gedachtewisseling)" in out.stdout


def test_inspect_unreadable_file_exits_1_with_one_line(tmp_path):
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"not a pdf at all")
    out = rag("inspect", str(bad))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "kapot.pdf" in lines[0] and "not a readable PDF" in lines[0]


def test_inspect_scanned_pdf_warns_about_ocr():
    out = rag("inspect", str(FIXTURES / "scanned-page-only.pdf"), "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["chunks"] == []
    assert "OCR" in data["warnings"][0]
