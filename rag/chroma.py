"""Opening Chroma, where the store keeps everything: embedded in the store folder
(``<store>/chroma``) or on a server (``RAG_CHROMA_URL``), and the error the store
raises when it cannot be used.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from rag.chroma import connect, open_collection
    >>> folder = Path(tempfile.mkdtemp())
    >>> open_collection(connect(folder, None), "kamerbrieven", folder).count()
    0
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Chroma wants a vector with every record; records only ever fetched by id carry this one.
NO_VECTOR = [1.0]


class StoreError(Exception):
    """The store cannot be used as asked (another model, unreachable server, ...)."""


def connect(folder: Path, url: str | None) -> Any:
    """A Chroma client: of the server at ``url``, or embedded in ``<folder>/chroma``.

    Raises:
        StoreError: ``url`` is no URL, or the server cannot be reached.
    """
    # Imported when first connecting: importing chromadb takes seconds, which commands
    # that never open the store (``rag --help``) should not wait for.
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if url:
        parts = urlsplit(url)
        if not parts.hostname:
            raise StoreError(f"RAG_CHROMA_URL {url!r} is not a URL like http://127.0.0.1:8000")
        try:
            return chromadb.HttpClient(
                host=parts.hostname,
                port=parts.port or (443 if parts.scheme == "https" else 8000),
                ssl=parts.scheme == "https",
                settings=settings,
            )
        except Exception as exc:  # noqa: BLE001 - connection errors come in many types
            raise StoreError(f"cannot reach the Chroma server at {url}: {exc}") from exc
    with opening(folder):
        return chromadb.PersistentClient(path=str(folder / "chroma"), settings=settings)


def reopen_embedded(client: Any) -> None:
    """Make the next client of an embedded store read it afresh.

    Chroma keeps one "system" per store folder and process, and each client the system's
    server it was made with. The server holds the vector segments as it first read them:
    after another process wrote (a ``rag index`` beside the app), reading vectors fails
    with "Error finding id", and writing through it would work from a stale view. A new,
    started system takes the folder's place in one assignment; clients made after it use
    it, and clients made before keep working on what they read until they are dropped.
    Chroma offers no public call for this (version 1.5); a server store never needs it.
    """
    from chromadb.api import ServerAPI
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import System
    from chromadb.telemetry.product import ProductTelemetryClient

    identifier = getattr(client, "_identifier", None)
    old = SharedSystemClient._identifier_to_system.get(identifier) if identifier else None
    if old is None:
        return
    fresh = System(old.settings)
    fresh.instance(ProductTelemetryClient)  # as Chroma builds one; telemetry stays off in the settings
    fresh.instance(ServerAPI)
    fresh.start()
    SharedSystemClient._identifier_to_system[identifier] = fresh


def open_collection(client: Any, name: str, folder: Path | None) -> Any:
    """The collection ``name``, created when missing.

    Args:
        client: From :func:`connect`.
        name: The collection.
        folder: The embedded store's folder, whose opening is serialised across
            processes; None for a server.
    """
    # Vectors are always computed by us and passed in; we never let Chroma
    # embed (its default model would try to download English weights).
    with opening(folder):
        return client.get_or_create_collection(name=name, embedding_function=None, metadata={"hnsw:space": "cosine"})


_held = threading.local()  # folders whose open lock this thread already holds


@contextmanager
def opening(folder: Path | None) -> Iterator[None]:
    """Serialise opening the embedded store in ``folder`` across processes.

    Two processes opening a new store at once both run Chroma's schema migrations,
    and the slower one fails ("table collections already exists"); a process whose
    first reads open a database connection while another is still migrating can wait
    past the connection pool's timeout ("pool timed out while waiting for an open
    connection"). A file lock held over the whole first open (client, collections, and
    reading the manifest, a few milliseconds for hundreds of letters) makes the others
    wait and then find a finished store. The lock is
    reentrant within a thread, so the steps inside take it again freely.

    Args:
        folder: The store folder; None (a server) guards nothing.
    """
    if folder is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: no cross-process guard, as before
        yield
        return
    # With the process id: a child forked while the lock is held does not hold it.
    key = (os.getpid(), str(Path(folder).resolve()))
    held: set[tuple[int, str]] = _held.__dict__.setdefault("folders", set())
    if key in held:
        yield
        return
    with open(Path(folder) / "chroma.open.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            fcntl.flock(handle, fcntl.LOCK_UN)
