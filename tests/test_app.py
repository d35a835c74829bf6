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
    from rag.app import ChatService

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
