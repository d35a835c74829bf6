"""The fitted answer models: stored parameters read back and applied by feature name."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rag.answer_model import ANSWER_FEATURES, CHUNK_FEATURES, MODEL_FILE, SENTENCE_FEATURES, AnswerModel, LogisticModel


def test_a_model_fitted_on_fewer_features_reads_its_own_columns_by_name():
    rng = np.random.default_rng(3)
    fitted_on = [f for f in SENTENCE_FEATURES if f != "coverage"]
    stored = {"features": fitted_on, "mean": rng.normal(size=len(fitted_on)).tolist(),
              "scale": rng.uniform(0.5, 2, size=len(fitted_on)).tolist(),
              "coef": rng.normal(size=len(fitted_on)).tolist(), "intercept": 0.3}
    rows = rng.normal(size=(5, len(SENTENCE_FEATURES)))
    model = LogisticModel.from_dict(stored, SENTENCE_FEATURES)
    alone = LogisticModel.from_dict(stored)  # rows holding exactly its features
    own = rows[:, [SENTENCE_FEATURES.index(f) for f in fitted_on]]
    assert np.allclose(model.probability(rows), alone.probability(own))
    # The column it does not read changes nothing; one it reads does.
    changed = rows.copy()
    changed[:, SENTENCE_FEATURES.index("coverage")] += 5
    assert np.allclose(model.probability(changed), model.probability(rows))
    changed[:, SENTENCE_FEATURES.index("similarity")] += 5
    assert not np.allclose(model.probability(changed), model.probability(rows))


def test_a_model_that_reads_a_feature_no_longer_computed_is_refused():
    stored = {"features": ["similarity", "vanished"], "mean": [0, 0], "scale": [1, 1], "coef": [1, 1], "intercept": 0}
    with pytest.raises(ValueError, match="vanished"):
        LogisticModel.from_dict(stored, SENTENCE_FEATURES)


def test_a_model_file_naming_a_feature_no_longer_computed_is_refused_with_its_path(tmp_path):
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    entry = data["models"][data["default"]]
    entry["sentence"]["features"] = entry["sentence"]["features"][:-1] + ["vanished"]
    path = tmp_path / "answer_model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=f"{path}: .*vanished"):
        AnswerModel.load(data["default"], path)


def test_every_shipped_model_loads_and_reads_only_computed_features():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    for family in data["models"]:
        model = AnswerModel.load(family)
        assert set(model.sentence.features) <= set(SENTENCE_FEATURES)
        assert model.answerable.features == ANSWER_FEATURES
        p = model.sentence.probability(np.zeros((2, len(SENTENCE_FEATURES))))
        assert p.shape == (2,) and np.all((p > 0) & (p < 1))


def test_the_shipped_chunk_model_scores_linearly_and_a_file_without_one_quotes_by_rank(tmp_path):
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model = AnswerModel.load(data["default"])
    assert model.chunk is not None and model.chunk_margin >= 0 and "chunk" in model.fitted
    rng = np.random.default_rng(5)
    rows = rng.normal(size=(4, len(CHUNK_FEATURES)))
    # Only the order of the scores counts: each is linear in the features, as fitted.
    base = model.chunk.score(rows)
    read = model.chunk.features[0]  # a feature the shipped model reads
    step = np.zeros(len(CHUNK_FEATURES))
    step[CHUNK_FEATURES.index(read)] = 1.0
    assert np.allclose(model.chunk.score(rows + step) - base, model.chunk.coef[0] / model.chunk.scale[0])
    for key in ("chunk", "chunk_margin"):
        data["models"][data["default"]].pop(key)
    path = tmp_path / "answer_model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert AnswerModel.load(data["default"], path).chunk is None
