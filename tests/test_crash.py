"""`rag index` killed outright (kill -9) at several moments: the store still opens, what it shows
is whole, and the next run finishes the job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
RAG = str(Path(sys.executable).with_name("rag"))


def check_whole(path: Path) -> tuple[int, int]:
    """Every letter in the manifest has all its chunks and their sentences; a reader sees only
    those. Returns (letters, chunks in Chroma that no letter lists: left by the killed run).
    Read in a fresh process, as a reader that starts after the crash."""
    code = f"""
import json
from rag.store import SENTENCE_COLLECTION, Store
store = Store({str(path)!r})
listed = [cid for doc in store.manifest.documents.values() for cid in doc.chunk_ids]
assert len(listed) == len(set(listed))
if listed:
    assert sorted(store.collection().get(ids=listed, include=[])["ids"]) == sorted(listed)
    assert sorted(store.collection(SENTENCE_COLLECTION).get(ids=listed, include=[])["ids"]) == sorted(listed)
assert {{c.id for c in store.all_chunks()}} == set(listed)
print(json.dumps([len(store.manifest.documents), store.collection().count() - len(listed)]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    letters, orphans = json.loads(out.stdout)
    return letters, orphans


def test_kill_9_at_any_moment_loses_nothing_and_the_next_run_finishes(small_corpus, tmp_path):
    store = tmp_path / "store"
    seen_partial = False
    for kill_after in (12.0, 16.0, 20.0, 24.0):
        # Stored 8 passages at a time, so kills land between and inside writes; the model
        # runs (no vector cache), so the writes are spread over the seconds the kills aim at.
        proc = subprocess.Popen([RAG, "index", str(small_corpus), "--store", str(store)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "RAG_INDEX_BATCH": "8", "RAG_VECTOR_CACHE": "off"})
        time.sleep(kill_after)
        finished = proc.poll() is not None
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        letters, orphans = check_whole(store)
        seen_partial = seen_partial or (not finished and (letters < 3 or orphans > 0))
        if finished:
            break
    assert seen_partial, "no kill landed while the index was being written"
    # The killed writer's lock does not block the next one, and work already stored is reused.
    done = subprocess.run([RAG, "index", str(small_corpus), "--store", str(store), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    letters, orphans = check_whole(store)
    assert (letters, orphans) == (3, 0)
    found = subprocess.run([RAG, "search", "Wat is de Nederlandse positie over Europol?", "-k", "1", "--json",
                            "--store", str(store)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["results"][0]["item_title"] == "Toekomst van Europol"
