"""Shared fixtures: paths to the real letters bundled with the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "data" / "letters"
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
