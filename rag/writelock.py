"""The writers' lock: one writer at a time per store, across processes and machines.

The lock is a record (``__lock__``) in the store's meta collection, added only if
absent (Chroma keeps the first of two adds of one id), so it works on a shared server
as well as embedded. It is a lease that writes renew; a writer killed outright frees
it after ``RAG_LOCK_LEASE_S``, or at once when it ran on this machine.
:meth:`rag.store.Store.writing` holds it.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rag.chroma import NO_VECTOR, StoreError

LOCK_RECORD = "__lock__"
# How long a writer's lock holds without renewal: a writer killed outright frees it after this.
LOCK_LEASE_S = float(os.environ.get("RAG_LOCK_LEASE_S", "120"))


class WriteLock:
    """The lock record of one store.

    Args:
        records: Opens the collection the lock record lives in.
    """

    def __init__(self, records: Callable[[], Any]) -> None:
        self._records = records
        self._token: str | None = None
        self._renewed = 0.0

    @property
    def held(self) -> bool:
        """Whether this process holds the lock now."""
        return self._token is not None

    @contextmanager
    def hold(self, wait_s: float, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Take the lock, waiting for another writer to finish; release it afterwards.

        Args:
            wait_s: How long to wait for another writer before giving up.
            on_wait: Called once with a sentence saying who holds the lock.

        Raises:
            StoreError: Another writer still held it after ``wait_s``.
        """
        meta = self._records()
        token = self._take(meta, wait_s, on_wait)
        self._token, self._renewed = token, time.monotonic()
        try:
            yield
        finally:
            self._token = None
            meta.delete(ids=[LOCK_RECORD], where={"owner": token})

    def _take(self, meta: Any, wait_s: float, on_wait: Callable[[str], None] | None) -> str:
        """Add the lock record until it is ours (freeing a lapsed or dead writer's); returns our token."""
        token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            now = time.time()
            meta.add(ids=[LOCK_RECORD], embeddings=[NO_VECTOR], documents=[""],
                     metadatas=[{"kind": "lock", "owner": token, "since": now, "expires": now + LOCK_LEASE_S}])
            got = meta.get(ids=[LOCK_RECORD], include=["metadatas"])
            held = got["metadatas"][0] if got["ids"] else None
            if held and held.get("owner") == token:
                return token
            if held and (held.get("expires", 0) < now or _dead_here(held.get("owner", ""))):
                meta.delete(ids=[LOCK_RECORD], where={"owner": held["owner"]})
                continue
            if time.monotonic() > deadline:
                raise StoreError(f"another writer ({_who(held)}) is still indexing into this store; try again later")
            if on_wait and not told:
                on_wait(f"wacht op een andere schrijver ({_who(held)})…")
                told = True
            time.sleep(0.25)

    def renew(self) -> None:
        """Extend the lease during long writes (called by every write).

        Raises:
            StoreError: The lock is no longer ours (this writer stalled past its lease).
        """
        if self._token is None or time.monotonic() - self._renewed < LOCK_LEASE_S / 4:
            return
        now = time.time()
        meta = self._records()
        got = meta.get(ids=[LOCK_RECORD], include=["metadatas"])
        if not got["ids"] or got["metadatas"][0].get("owner") != self._token:
            raise StoreError("the store's write lock was lost (this writer stalled past its lease); re-run the index")
        meta.update(ids=[LOCK_RECORD], metadatas=[{**got["metadatas"][0], "expires": now + LOCK_LEASE_S}])
        self._renewed = time.monotonic()


def _who(held: dict[str, Any] | None) -> str:
    """The lock's holder, as the waiting writer is told: ``proces 123 op host, sinds 14:02:11``."""
    if not held:
        return "onbekend"
    host, pid = (held.get("owner", "?").split(":") + ["?"])[:2]
    since = time.strftime("%H:%M:%S", time.localtime(held.get("since", 0)))
    return f"proces {pid} op {host}, sinds {since}"


def _dead_here(owner: str) -> bool:
    """Whether the lock's owner ran on this machine and its process is gone."""
    parts = owner.split(":")
    if len(parts) < 2 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
