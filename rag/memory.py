"""Hand memory that Python has freed back to the system.

glibc keeps freed blocks for reuse instead of returning them, so one burst of
temporaries stays resident for the life of the process: loading EmbeddingGemma
reads 1.2 GB of float32 weights before they are cast, and a retriever's refresh
builds every chunk's searchable text and word lists (~210 MB at 100k chunks).
Long-lived processes (the app, ``rag watch``) call :func:`return_freed_memory`
after such bursts.

Example:
    >>> from rag.memory import return_freed_memory
    >>> return_freed_memory()
"""

from __future__ import annotations

import ctypes


def return_freed_memory() -> None:
    """Release the free memory at the top and in the middle of the heap (glibc's
    ``malloc_trim``); a no-op where the C library has no such call."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
