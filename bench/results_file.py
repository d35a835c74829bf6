"""Where every benchmark leaves its table and its figures: ``bench/results/<name>.md`` and ``.json``."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def save(name: str, table: str, figures: object) -> None:
    """Write the table (markdown) and the figures behind it, and print the table."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.md").write_text(table, encoding="utf-8")
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(table)
