"""The chat app, started for real on a free loopback port and driven through its API."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from rag.index import Indexer
from rag.store import Store
from tests.conftest import LETTERS, SEED

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def running_app(tmp_path_factory, embedder):
    from rag.app import launch

    store_dir = tmp_path_factory.mktemp("app-store")
    Indexer(Store(store_dir), embedder).run([SEED, LETTERS / "pm01_kst-21501-02-3121_motie-ceder.pdf"])
    demo, url = launch(store_dir, "127.0.0.1", free_port(), block=False)
    yield url, store_dir
    demo.close()


def test_ask_through_the_api_gives_cited_answer(running_app):
    from gradio_client import Client

    url, _ = running_app
    client = Client(url, verbose=False)
    result = client.predict("Wat is de Nederlandse positie over Europol?", "", "", "", [], api_name="/ask")
    assert result["answered"] is True
    assert "nationale zeggenschap" in result["answer"]
    first = result["citations"][0]
    assert (first["item_title"], first["page_start"], first["page_end"]) == ("Toekomst van Europol", 13, 14)
    assert "«" in first["text"]


def test_upload_through_the_api_indexes_the_letter(running_app):
    from gradio_client import Client, handle_file

    url, store_dir = running_app
    client = Client(url, verbose=False)
    brief = LETTERS / "llm06_kst-29515-496_kamerbrief-werkprogramma-ATR-2025.pdf"
    summary, table, *_ = client.predict([handle_file(str(brief))], api_name="/upload")
    assert "Toegevoegd:** 1" in summary
    assert "kst-29515-496" in json.dumps(table)
    assert "kst-29515-496" in Store(store_dir).manifest.documents
    result = client.predict("Wat is het werkprogramma 2025 van het Adviescollege Toetsing Regeldruk?", "", "", "",
                            ["kst-29515-496"], api_name="/ask")
    assert result["citations"] and result["citations"][0]["doc_id"] == "kst-29515-496"
    # A wrong file type is refused at upload, with its reason; nothing is indexed.
    from gradio_client.exceptions import AppError

    bad = Path(store_dir) / "notitie.docx"
    bad.write_bytes(b"PK\x03\x04")
    before = len(Store(store_dir).manifest.documents)
    with pytest.raises(AppError, match="Invalid file type"):
        client.predict([handle_file(str(bad))], api_name="/upload")
    assert len(Store(store_dir).manifest.documents) == before


def test_app_binds_loopback_and_sends_no_analytics(running_app):
    import os

    url, _ = running_app
    assert url.startswith("http://127.0.0.1:")
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"


def test_feedback_is_recorded_with_question_answer_and_settings(running_app):
    from rag.chat_service import ChatService

    _, store_dir = running_app
    service = ChatService(store_dir)
    answer = service.ask("Wat is de Nederlandse positie over Europol?").to_dict()
    service.record_feedback("down", "Mist de impact assessment", answer, {"filters": {"council": None}})
    line = json.loads((Path(store_dir) / "feedback.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert line["rating"] == "down" and line["comment"] == "Mist de impact assessment"
    assert line["question"].startswith("Wat is de Nederlandse positie") and line["citations"][0]["page_start"] == 13
    assert line["settings"] == {"filters": {"council": None}}


def test_follow_up_and_timeline_through_the_api(running_app):
    from gradio_client import Client

    url, _ = running_app
    client = Client(url, verbose=False)
    result = client.predict("en over Syrië?", "", "", "", [], ["Wat is de Nederlandse positie over Europol?"],
                            api_name="/ask")
    assert result["read_as"] == "Wat is de Nederlandse positie over Syrië?"
    assert "Syrië" in result["citations"][0]["item_title"]
    timeline = client.predict("Europol", "", "", "", api_name="/timeline")
    assert timeline["topic"] == "Europol" and timeline["entries"][0]["doc_id"] == "kst-32317-995"


def test_a_bad_date_or_an_empty_question_through_the_api_is_one_sentence(running_app):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    url, _ = running_app
    client = Client(url, verbose=False)
    with pytest.raises(AppError, match="ongeldige datum '2026-02-31'"):
        client.predict("Europol?", "2026-02-31", "", "", [], api_name="/ask")
    with pytest.raises(AppError, match="lege vraag"):
        client.predict("   ", "", "", "", [], api_name="/ask")


def test_uploads_never_overwrite_each_other_and_a_new_version_replaces_the_old(running_app, tmp_path):
    from gradio_client import Client, handle_file

    from tests.conftest import EXCERPTS

    url, store_dir = running_app
    client = Client(url, verbose=False)
    first, second = EXCERPTS / "jbz_kst-32317-621_GA-informeel_2020-06-04.txt", \
        EXCERPTS / "jbz_kst-32317-736_GA-informeel_2022-02-03.txt"
    for folder, source in (("a", first), ("b", second)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "brief.txt").write_bytes(source.read_bytes())  # two letters, one name
    summary, *_ = client.predict([handle_file(str(tmp_path / "a" / "brief.txt")),
                                  handle_file(str(tmp_path / "b" / "brief.txt"))], api_name="/upload")
    assert "Toegevoegd:** 2" in summary, summary
    docs = Store(store_dir).manifest.documents
    assert {"kst-32317-621", "kst-32317-736"} <= set(docs)
    assert all(Path(docs[d].paths[0]).parent == Path(store_dir) / "uploads" for d in ("kst-32317-621", "kst-32317-736"))

    summary, *_ = client.predict([handle_file(str(tmp_path / "a" / "brief.txt"))], api_name="/upload")
    assert "ongewijzigd:** 1" in summary and "0 chunks ingebed" in summary  # the same bytes again

    # Another upload's file, copied in and still waiting for the write lock: no letter lists it yet.
    waiting = Path(store_dir) / "uploads" / "0000000000000000-wacht.txt"
    waiting.write_bytes(first.read_bytes())
    newer = tmp_path / "c" / "brief.txt"
    newer.parent.mkdir()
    newer.write_text(second.read_text(encoding="utf-8") + "\n\nNederland steunt het proefproject met drones "
                     "boven de Oostzee.\n", encoding="utf-8")
    summary, *_ = client.predict([handle_file(str(newer))], api_name="/upload")
    assert "bijgewerkt:** 1" in summary, summary
    doc = Store(store_dir).manifest.documents["kst-32317-736"]
    assert len(doc.paths) == 1 and "drones" in Path(doc.paths[0]).read_text(encoding="utf-8")
    kept = [f.read_bytes() for f in (Path(store_dir) / "uploads").iterdir()]
    assert second.read_bytes() not in kept  # the old version's file is gone
    assert waiting.exists()  # the waiting upload's is not
    waiting.unlink()
    result = client.predict("Steunt Nederland het proefproject met drones boven de Oostzee?", "", "", "",
                            ["kst-32317-736"], api_name="/ask")
    assert "drones" in result["citations"][0]["text"]


def test_questions_are_answered_while_an_upload_indexes(running_app, embedder, monkeypatch):
    import threading
    import time

    from gradio_client import Client, handle_file

    url, store_dir = running_app
    # The model embeds the upload (no vector cache: an earlier test may have embedded this
    # letter), so the questions below really meet a slow write.
    monkeypatch.setenv("RAG_VECTOR_CACHE", "off")  # for the child process that indexes the upload
    monkeypatch.setattr(embedder, "cache", None)  # for this one, where torch runs the questions (bf16 CPUs)
    big = LETTERS / "llm04_kst-36450-4_advies-rvs-en-nader-rapport.pdf"  # 39 passages: half a minute of embedding
    done: dict[str, float] = {}

    def upload() -> None:
        Client(url, verbose=False).predict([handle_file(str(big))], api_name="/upload")
        done["upload"] = time.monotonic()

    client = Client(url, verbose=False)
    uploading = threading.Thread(target=upload)
    uploading.start()
    answered: list[float] = []
    while uploading.is_alive():
        start = time.monotonic()
        result = client.predict("Wat is de Nederlandse positie over Europol?", "", "", "", [], api_name="/ask")
        assert result["answered"] and result["citations"][0]["doc_id"] == "kst-32317-995"
        if uploading.is_alive():
            answered.append(time.monotonic() - start)
    uploading.join()
    assert "kst-36450-4" in Store(store_dir).manifest.documents
    # Several answers while the upload was indexing, none waiting for it.
    assert len(answered) >= 3, answered
    assert max(answered) < 15, answered


def test_eight_clients_at_once_get_their_answers_without_errors(running_app):
    """The short variant of `bench/load.py` (which runs 2 minutes, also during an upload)."""
    import sys

    from rag.evalset import load_cases, select_split
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from load import run_load

    url, _ = running_app
    questions = [c.question for c in select_split(load_cases(ROOT / "eval" / "staff" / "set.jsonl"), "dev")]
    result = run_load(url, questions, clients=8, seconds=10)
    assert result["errors"] == 0, result["first_errors"]
    assert result["answers"] >= 8, result
