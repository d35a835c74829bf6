"""File helpers shared by the stages: hashing a file's bytes (to notice when they
change), skipping a re-hash of files unchanged since they were verified, replacing a
JSON file atomically (so a reader in another process never sees half of it), and
reading a safetensors file's index."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes, read in blocks (large PDFs need little memory)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def file_stamp(folder: Path, names: Iterable[str]) -> dict[str, list[int]]:
    """Size and modification time of each named file in ``folder``."""
    return {n: [(folder / n).stat().st_size, (folder / n).stat().st_mtime_ns] for n in names}


def verify_unless_unchanged(folder: Path, names: Iterable[str], stamp: str, verify: Callable[[], None]) -> None:
    """Run ``verify`` (which raises on a mismatch) unless the files ``names`` of ``folder``
    have the size and modification time recorded in ``folder/stamp`` when they last
    passed it; record them after it passes. Keeps a start from re-hashing gigabytes."""
    names = list(names)
    stamp_file = folder / stamp
    try:
        if json.loads(stamp_file.read_text()) == file_stamp(folder, names):
            return
    except (OSError, ValueError):
        pass
    verify()
    try:
        write_json_atomic(stamp_file, file_stamp(folder, names))
    except OSError:
        pass  # a read-only folder: verified again next time


def write_json_atomic(path: Path, data: object) -> None:
    """Write ``data`` as JSON to a temporary file beside ``path``, then put it in its place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def safetensors_header(path: Path) -> tuple[dict[str, Any], int]:
    """The tensor index of a safetensors file, and the byte offset where its data starts."""
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
    header.pop("__metadata__", None)
    return header, 8 + size
