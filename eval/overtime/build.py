"""Join the over-time question parts into ``set.jsonl`` with a fixed split.

``part-agenda``: questions about a meeting's agenda (items, types, signatories,
date and place); ``part-timeline``: a topic and the letters that state a Dutch
position on it, in date order; ``part-followup``: questions that lean on the one
before (``history``). They are asked of ``data/letters`` and ``data/excerpts``
indexed together. The split is stratified by part and style and fixed by a hash
of the case id (:func:`rag.evaluate.assign_splits`), so new cases never move old ones.

Run from the repository root::

    python eval/overtime/build.py
"""

from __future__ import annotations

import collections
from pathlib import Path

from rag.evaluate import join_parts

HERE = Path(__file__).resolve().parent


def build(out: Path = HERE / "set.jsonl") -> collections.Counter:
    cases = join_parts(HERE, out)
    return collections.Counter((c["split"], c["group"]) for c in cases)


if __name__ == "__main__":
    for (split, group), n in sorted(build().items()):
        print(f"{split:5} {group:9} {n}")
