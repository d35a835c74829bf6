"""Shared fixtures: paths to the real letters bundled with the repository."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from tests.letter_vectors import seed_cache


# ----------------------------------------------------------------------------- no outbound connections
# Every connect of this test process goes through this guard: loopback and local sockets
# pass, anything else is refused and remembered, and the run fails at its end if there was
# any (a library that swallows the refusal cannot hide it).

BLOCKED: list[str] = []


class OutboundConnection(ConnectionRefusedError):
    """A connection to somewhere other than this machine, refused by the test guard."""


def _is_local(address: object) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX paths and the like
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name: resolving it is already leaving the machine


def _guard(original):
    def connect(sock: socket.socket, address: object, *args, **kwargs):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address):
            BLOCKED.append(repr(address))
            raise OutboundConnection(f"test guard: no outbound connections ({address!r})")
        return original(sock, address, *args, **kwargs)

    return connect


socket.socket.connect = _guard(socket.socket.connect)
socket.socket.connect_ex = _guard(socket.socket.connect_ex)


# ----------------------------------------------------------------------------- one vector cache per run
# Many tests index the same letters into fresh stores; the product's vector cache lets the
# model embed each text once per run. It starts empty every run (CI measures the cold
# path too, on every text but the bundled letters), unless RAG_TEST_VECTOR_CACHE names a
# folder to keep between local runs.
# The bundled letters' own vectors are filled in from tests/fixtures (tests/letter_vectors.py):
# embedding them is 6 (bfloat16) to 14 (float32) minutes of a CI run, and gives the same vectors every time.
_VECTORS = os.environ.get("RAG_TEST_VECTOR_CACHE") or tempfile.mkdtemp(prefix="rag-test-vectors-")
os.environ["RAG_VECTOR_CACHE"] = _VECTORS
seed_cache()


def pytest_sessionfinish(session, exitstatus):
    if not os.environ.get("RAG_TEST_VECTOR_CACHE"):
        shutil.rmtree(_VECTORS, ignore_errors=True)
    if BLOCKED:
        print(f"\nOutbound connections were attempted during the tests: {sorted(set(BLOCKED))}")
        session.exitstatus = 1

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "data" / "letters"
EXCERPTS = ROOT / "data" / "excerpts"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = LETTERS / "kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_letter():
    from rag.parse import parse_file

    return parse_file(SEED)


@pytest.fixture(scope="session")
def seed_chunks(seed_letter):
    from rag.chunk import chunk_letter

    return chunk_letter(seed_letter)


SMALL_CORPUS = [
    SEED,
    LETTERS / "llm06_kst-29515-496_kamerbrief-werkprogramma-ATR-2025.pdf",
    LETTERS / "pm01_kst-21501-02-3121_motie-ceder.pdf",
]


@pytest.fixture(scope="session")
def embedder():
    from rag.embed import get_embedder

    return get_embedder()


@pytest.fixture(scope="session")
def letters_store(tmp_path_factory, embedder):
    """All bundled letters indexed once per test session (real model, real Chroma)."""
    from rag.index import Indexer
    from rag.store import Store

    store = Store(tmp_path_factory.mktemp("letters-store"))
    summary = Indexer(store, embedder).run([LETTERS])
    store.first_summary = summary  # what the first run did, for the tests that check it
    return store


@pytest.fixture(scope="session")
def excerpts_answerer(tmp_path_factory, embedder):
    """The 35 council excerpts (2014-2026) indexed once per session: many letters over time."""
    from rag.answer import Answerer
    from rag.index import Indexer
    from rag.retrieve import Retriever
    from rag.store import Store

    store = Store(tmp_path_factory.mktemp("excerpts-store"))
    Indexer(store, embedder).run([EXCERPTS])
    return Answerer(Retriever(store, embedder))


@pytest.fixture(scope="session")
def letters_retriever(letters_store, embedder):
    from rag.retrieve import Retriever

    return Retriever(letters_store, embedder)


@pytest.fixture
def small_corpus(tmp_path):
    """A writable copy of three real letters."""
    import shutil

    folder = tmp_path / "brieven"
    folder.mkdir()
    for f in SMALL_CORPUS:
        shutil.copy(f, folder / f.name)
    return folder
