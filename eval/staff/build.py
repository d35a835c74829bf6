"""Join the staff-style question parts into ``set.jsonl`` with a fixed split.

Each part file was written for one group of letters (``part-jbz``: the JBZ-Raad
agenda; ``part-atr``: the ATR Kamerstukken; ``part-brief``: Kamerbrief 29 515 nr. 496,
its beslisnota and the motie; ``part-besluit``: besluitenlijsten and the
Regeerprogramma). The split is stratified by part and style (the unanswerable cases by part), and
fixed by a hash of the case id (:func:`rag.evaluate.assign_splits`), so adding
questions never moves old ones.

Run from the repository root::

    python eval/staff/build.py
"""

from __future__ import annotations

import collections
from pathlib import Path

from rag.evaluate import join_parts

HERE = Path(__file__).resolve().parent


def build(out: Path = HERE / "set.jsonl") -> collections.Counter:
    cases = join_parts(HERE, out)
    return collections.Counter((c["split"], c["unanswerable"]) for c in cases)


if __name__ == "__main__":
    for (split, unanswerable), n in sorted(build().items()):
        print(f"{split:5} {'unanswerable' if unanswerable else 'answerable':12} {n}")
