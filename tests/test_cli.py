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


def test_index_search_list_remove(small_corpus, tmp_path):
    store = str(tmp_path / "store")
    out = rag("index", str(small_corpus), "--store", store, "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    for key in ("added", "updated", "unchanged", "removed", "skipped", "embedded_chunks"):
        assert key in summary
    assert len(summary["added"]) == 3 and summary["embedded_chunks"] > 20

    again = json.loads(rag("index", str(small_corpus), "--store", store, "--json").stdout)
    assert again["embedded_chunks"] == 0 and len(again["unchanged"]) == 3

    found = rag("search", "Wat is de Nederlandse positie over Europol?", "--store", store, "--json", "-k", "3")
    assert found.returncode == 0, found.stderr
    results = json.loads(found.stdout)["results"]
    assert results[0]["item_title"] == "Toekomst van Europol"
    for key in ("doc_id", "item_title", "page_start", "page_end", "score"):
        assert key in results[0]

    listed = json.loads(rag("list", "--store", store, "--json").stdout)
    assert {d["doc_id"] for d in listed} == {"kst-32317-995", "kst-29515-496", "kst-21501-02-3121"}

    removed = rag("remove", "kst-29515-496", "--store", store)
    assert removed.returncode == 0 and "kst-29515-496" in removed.stdout
    missing = rag("remove", "kst-29515-496", "--store", store)
    assert missing.returncode == 1 and "not in the index" in missing.stderr


def test_search_on_an_empty_store_says_what_to_do(tmp_path):
    out = rag("search", "Europol", "--store", str(tmp_path / "leeg"))
    assert out.returncode == 1
    assert "rag index" in out.stderr


def test_watch_indexes_a_new_letter(tmp_path):
    import time

    folder = tmp_path / "inbox"
    folder.mkdir()
    store = str(tmp_path / "store")
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "watch", str(folder), "--store", store, "--interval", "0.5"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    def wait_for(text: str) -> list[str]:
        seen: list[str] = []
        deadline = time.time() + 180
        while time.time() < deadline:
            seen.append(proc.stdout.readline())
            if text in seen[-1]:
                return seen
        raise AssertionError(f"no {text!r} in {seen}")

    try:
        time.sleep(2)
        # Copied slowly, in two halves with a pause longer than the settle wait: the half
        # file may be read, but its failure is held back and the whole file is indexed.
        data = (FIXTURES.parent.parent / "data" / "letters" / "pm01_kst-21501-02-3121_motie-ceder.pdf").read_bytes()
        target = folder / "motie.pdf"
        with open(target, "wb") as fh:
            fh.write(data[: len(data) // 2])
            fh.flush()
            time.sleep(2.0)
            fh.write(data[len(data) // 2 :])
        seen = wait_for("toegevoegd: 1")
        assert not any("mislukt" in line for line in seen), seen
        # A file that stays broken is named once it has been quiet a while.
        (folder / "kapot.pdf").write_bytes(data[: len(data) // 3])
        seen = wait_for("mislukt")
        assert "kapot.pdf" in seen[-1], seen
        (folder / "kapot.pdf").unlink()
        listed = json.loads(rag("list", "--store", store, "--json").stdout)
        assert [d["doc_id"] for d in listed] == ["kst-21501-02-3121"]
        target.unlink()  # gone from the folder: gone from the index
        wait_for("verwijderd: 1")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert json.loads(rag("list", "--store", store, "--json").stdout) == []


def test_feedback_verb_turns_thumbs_down_into_draft_cases(tmp_path):
    log = tmp_path / "feedback.jsonl"
    rows = [{"rating": "down", "comment": "Dit staat er niet in", "question": "Visquota 2026?", "answer": "…",
             "citations": []},
            {"rating": "up", "comment": "", "question": "Goed", "answer": "…", "citations": []}]
    log.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "cases.jsonl"
    done = rag("feedback", "--file", str(log), "--out", str(out))
    assert done.returncode == 0 and "1 conceptvragen" in done.stdout
    assert [json.loads(line)["question"] for line in out.read_text().splitlines()] == ["Visquota 2026?"]
    # The old spelling still works for scripts that use it.
    old = rag("eval", "--from-feedback", str(log))
    assert [d["question"] for d in json.loads(old.stdout)] == ["Visquota 2026?"]
    missing = rag("feedback", "--file", str(tmp_path / "geen.jsonl"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "geen.jsonl" in missing.stderr
