"""File helpers shared by the stages: hashing a file's bytes (to notice when they
change), replacing a JSON file atomically (so a reader in another process never
sees half of it), and reading a safetensors file's index."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from pathlib import Path
from typing import Any


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes, read in blocks (large PDFs need little memory)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


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
