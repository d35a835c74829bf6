"""eval/fit_chunk_model.py: the conditional logit it fits and how it chooses on dev."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
import fit_chunk_model as fcm  # noqa: E402

from rag.answer_model import CHUNK_FEATURES, pick_chunk  # noqa: E402


def _choices(n: int, seed: int) -> list:
    """Questions of five chunks whose right one is the only one of the kind of document asked
    (the other features noise), and whose rule quotes the best-ranked one."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        features = rng.normal(size=(5, len(CHUNK_FEATURES)))
        right = np.zeros(5)
        right[rng.integers(5)] = 1.0
        features[:, CHUNK_FEATURES.index("kind_asked")] = right
        out.append(fcm.ChunkChoice(features, right, 0))
    return out


def test_the_fitted_chunk_model_learns_what_tells_the_right_chunk():
    model = fcm.fit(_choices(200, 1), 1.0, CHUNK_FEATURES)
    weights = dict(zip(model.features, model.coef))
    assert weights["kind_asked"] == max(weights.values()) > 0
    held = _choices(100, 2)
    assert fcm.right_share(held, lambda c: pick_chunk(model.score(c.features), 0.0)) > 0.9
    assert fcm.right_share(held, lambda c: c.rule) < 0.4  # the best-ranked chunk: right one time in five
    # Without the feature that tells it, it can only guess.
    blind = fcm.fit(_choices(200, 1), 1.0, [f for f in CHUNK_FEATURES if f != "kind_asked"])
    assert fcm.right_share(held, lambda c: pick_chunk(blind.score(c.features), 0.0)) < 0.5


def test_a_tie_on_dev_goes_to_the_rule_then_to_the_smaller_change():
    model = object()
    rule = (2.5, 0.80, np.inf, np.inf, None)
    assert fcm.best_on_dev([rule, (2.5 + 1e-12, 0.85, 1.0, 0.0, model)])[4] is None
    assert fcm.best_on_dev([rule, (2.51, 0.80, 1.0, 0.0, model)])[4] is model
    tied = [(2.51, 0.8, 1.0, 0.0, model), (2.51, 0.8, 3.0, 0.5, model)]
    assert fcm.best_on_dev(tied)[2:4] == (3.0, 0.5)
