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
    from rag.store import StoreError

    store = Store(tmp_path / "s", url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        store.collection()
