"""Nothing leaves the machine: no outbound connections, no telemetry, and a login when asked for."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from rag.store import Store
from tests import conftest


def test_the_guard_refuses_and_remembers_an_outbound_connection():
    before = list(conftest.BLOCKED)
    with socket.socket() as sock, pytest.raises(conftest.OutboundConnection):
        sock.settimeout(1)
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    assert conftest.BLOCKED[len(before):] == ["('192.0.2.1', 80)"]
    del conftest.BLOCKED[len(before):]  # this one was on purpose
    with socket.socket() as sock:  # loopback passes (nothing listens on port 9: refused by the OS)
        assert sock.connect_ex(("127.0.0.1", 9)) != 0
    assert conftest.BLOCKED == before


def test_chroma_telemetry_is_off(tmp_path):
    store = Store(tmp_path / "store")
    assert store.client.get_settings().anonymized_telemetry is False


@pytest.mark.slow
def test_with_rag_auth_the_page_and_the_api_want_a_login(tmp_path, monkeypatch, embedder):
    import json

    from rag.app import launch
    from rag.index import Indexer
    from tests.conftest import EXCERPTS
    from tests.test_app import free_port

    # Dense search through Chroma (as in stores over RAG_EXACT_DENSE chunks), so that deleting
    # its vectors under the running app makes the next answer fail.
    monkeypatch.setattr("rag.retrieve.EXACT_DENSE_CHUNKS", 0)
    Indexer(Store(tmp_path / "store"), embedder).run([EXCERPTS / "jbz_kst-32317-621_GA-informeel_2020-06-04.txt"])
    monkeypatch.setenv("RAG_AUTH", "beleid:geheim-wachtwoord")
    demo, url = launch(tmp_path / "store", "127.0.0.1", free_port(), block=False)
    try:
        # The page is Gradio's shell, told to show its login form; no letter or answer is in it.
        page = urllib.request.urlopen(url, timeout=30).read().decode()
        assert '"auth_required":true' in page and "kst-32317" not in page
        for path in ("/config", "/gradio_api/info"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url + path, timeout=30)
            assert refused.value.code in (401, 403)
        ask = urllib.request.Request(f"{url}/gradio_api/call/ask", method="POST",
                                     data=json.dumps({"data": ["Europol?", "", "", "", [], []]}).encode(),
                                     headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(ask, timeout=30)
        assert refused.value.code in (401, 403)
        # With the password, the same API answers.
        from gradio_client import Client

        client = Client(url, auth=("beleid", "geheim-wachtwoord"), verbose=False)
        assert client.predict("Wat gebeurt er met de JBZ-Raad?", "", "", "", [], api_name="/ask")["question"]
    finally:
        demo.close()


@pytest.mark.slow
def test_a_failure_while_answering_reaches_the_user_as_a_sentence_and_the_log_as_a_traceback(
        tmp_path, embedder, caplog, monkeypatch):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    from rag.app import FAILED_ANSWER, launch
    from rag.index import Indexer
    from rag.store import COLLECTION
    from tests.conftest import EXCERPTS
    from tests.test_app import free_port

    # Dense search through Chroma (as in stores over RAG_EXACT_DENSE chunks), so that deleting
    # its vectors under the running app makes the next answer fail.
    monkeypatch.setattr("rag.retrieve.EXACT_DENSE_CHUNKS", 0)
    Indexer(Store(tmp_path / "store"), embedder).run([EXCERPTS / "jbz_kst-32317-621_GA-informeel_2020-06-04.txt"])
    demo, url = launch(tmp_path / "store", "127.0.0.1", free_port(), block=False)
    try:
        client = Client(url, verbose=False)
        assert client.predict("Wat gebeurt er met de JBZ-Raad?", "", "", "", [], api_name="/ask")["citations"]
        # Someone deletes the index's vectors under the running app.
        Store(tmp_path / "store").client.delete_collection(COLLECTION)
        with pytest.raises(AppError) as failed:
            client.predict("Wat gebeurt er met de JBZ-Raad?", "", "", "", [], api_name="/ask")
        assert FAILED_ANSWER in str(failed.value) and "Traceback" not in str(failed.value)
        assert any(r.name == "rag.app" and r.exc_info for r in caplog.records)
    finally:
        demo.close()
