"""Join an eval set's ``part-*.jsonl`` files into its ``set.jsonl`` with a fixed split.

Each part was written for one group of letters or one kind of question (for
``eval/staff``: ``part-jbz`` the JBZ-Raad agenda, ``part-atr`` the ATR Kamerstukken,
``part-brief`` Kamerbrief 29 515 nr. 496 with its beslisnota and the motie,
``part-besluit`` the besluitenlijsten and the Regeerprogramma; for ``eval/overtime``:
agenda, timeline and follow-up questions). The split is stratified by part and style
(unanswerable cases by part) and fixed by a hash of the case id
(:func:`rag.evalset.assign_splits`), so adding questions never moves old ones.

Run from the repository root::

    python eval/join_parts.py eval/staff eval/overtime
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

from rag.evalset import join_parts

if __name__ == "__main__":
    for folder in map(Path, sys.argv[1:] or ["eval/staff", "eval/overtime"]):
        cases = join_parts(folder, folder / "set.jsonl")
        counts = collections.Counter((c["split"], c["group"]) for c in cases)
        print(folder, ", ".join(f"{split}/{group}: {n}" for (split, group), n in sorted(counts.items())))
