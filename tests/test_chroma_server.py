"""The scale-out path: the same search against a real `chroma run` server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from rag.index import Indexer
from rag.retrieve import Retriever
from rag.store import Store

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_server_store_ranks_like_the_embedded_store(chroma_server, small_corpus, tmp_path, embedder):
    embedded = Store(tmp_path / "embedded")
    served = Store(tmp_path / "served", url=chroma_server)
    for store in (embedded, served):
        summary = Indexer(store, embedder).run([small_corpus])
        assert len(summary.added) == 3
    assert served.collection().count() == embedded.collection().count()
    for question in ("Wat is de Nederlandse positie over Europol?", "Werkprogramma van het Adviescollege Toetsing Regeldruk"):
        a = [h.chunk.id for h in Retriever(embedded, embedder).search(question, k=5)]
        b = [h.chunk.id for h in Retriever(served, embedder).search(question, k=5)]
        assert a == b
    top = Retriever(served, embedder).search("Wat is de Nederlandse positie over Europol?", k=1)[0]
    assert top.chunk.item_title == "Toekomst van Europol"


def test_unreachable_server_is_a_clear_error(tmp_path):
    from rag.chroma import StoreError

    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        Store(tmp_path / "s", url=f"http://127.0.0.1:{_free_port()}")


def test_two_app_instances_on_one_server_see_each_others_uploads_and_removals(chroma_server, tmp_path, monkeypatch):
    """One app instance in this process, the other in its own: an upload through the other
    is answered from here at the next question, and so is its removal."""
    from rag.chat_service import ChatService
    from tests.conftest import EXCERPTS, SEED

    monkeypatch.setenv("RAG_CHROMA_URL", chroma_server)
    here = ChatService(tmp_path / "instance-a")
    here.upload([SEED])
    europol = "Wat is de Nederlandse positie over Europol?"
    assert here.ask(europol).citations[0].chunk.doc_id == "kst-32317-995"
    letter = next(EXCERPTS.glob("jbz_kst-32317-704_*"))  # the extra JBZ-Raad on Afghanistan, August 2021
    question = "Waarover ging de ingelaste JBZ-Raad van 31 augustus 2021?"
    assert "kst-32317-704" not in {c.chunk.doc_id for c in here.ask(question).citations}

    other = ("import sys; from rag.chat_service import ChatService; s = ChatService(sys.argv[1]); "
             "print(s.upload([sys.argv[2]]).added) if sys.argv[3] == 'upload' else print(s.remove(sys.argv[2]))")
    env = dict(os.environ, RAG_CHROMA_URL=chroma_server)
    done = subprocess.run([sys.executable, "-c", other, str(tmp_path / "instance-b"), str(letter), "upload"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    start = time.monotonic()
    answer = here.ask(question)
    assert answer.citations[0].chunk.doc_id == "kst-32317-704"
    assert "kst-32317-704" in here.doc_ids() and time.monotonic() - start < 10

    gone = subprocess.run([sys.executable, "-c", other, str(tmp_path / "instance-b"), "kst-32317-704", "remove"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert gone.returncode == 0, gone.stderr[-2000:]
    assert "kst-32317-704" not in {c.chunk.doc_id for c in here.ask(question).citations}
    assert "kst-32317-704" not in here.doc_ids()
