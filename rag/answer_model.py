"""The fitted models of the extractive answerer, and the features they read.

Two small logistic regressions, fitted on the train split of the staff eval set by
``eval/fit_answer_model.py`` and stored in ``rag/answer_model.json`` (one entry per
embedding model family): the sentence model (does this sentence hold the answer?)
and the answerability model (do the letters answer the question at all?). A third,
the chunk model (which of the retrieved chunks to quote from?), is a conditional logit
fitted on the train sets by ``eval/fit_chunk_model.py``: its scores count, not a probability.
They are applied here with numpy; the features are computed by :mod:`rag.evidence`.

Example:
    >>> from rag.answer_model import SENTENCE_FEATURES, AnswerModel
    >>> model = AnswerModel.load("intfloat/multilingual-e5-small")
    >>> set(model.sentence.features) <= set(SENTENCE_FEATURES)  # read by name
    True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.embed import model_family

# What the sentence model sees of a sentence, in this order (see :func:`rag.evidence.score_sentences`).
SENTENCE_FEATURES = [
    "similarity", "similarity_gap", "coverage", "chunk_share", "heading_on_topic", "rank_reciprocal",
    "top_chunk", "hit_score_ratio", "position_cue", "fact_match", "fact_missing", "after_best", "english",
    "english_similarity", "first_in_chunk", "log_words", "yes_no_polarity", "similarity_rank", "coverage_gap",
]
# What the answerability model sees of a question's best evidence.
ANSWER_FEATURES = [
    "best_probability", "best_similarity", "chunk_share", "topic_mass", "english", "has_topic",
    "top_hit_score", "fact_checkable", "fact_found", "english_similarity", "english_probability",
]
# What the chunk model sees of each chunk a quote may come from (see :func:`rag.evidence.chunk_features`).
CHUNK_FEATURES = [
    "dense_gap", "dense_rank_reciprocal", "bm25_share", "bm25_rank_reciprocal", "sentence_gap", "fused_gap",
    "kind_asked", "chunk_share", "heading_on_topic", "title_on_topic", "best_probability", "best_probability_ratio",
    "fact_match", "log_length", "rank_reciprocal", "top_chunk",
]
MODEL_FILE = Path(__file__).with_name("answer_model.json")


def feature_columns(features: list[str], computed: list[str]) -> np.ndarray:
    """Where each of ``features`` sits among the ``computed`` columns.

    Raises:
        ValueError: A feature is not among ``computed``.

    Example:
        >>> feature_columns(["b", "c"], ["a", "b", "c"]).tolist()
        [1, 2]
    """
    unknown = [f for f in features if f not in computed]
    if unknown:
        raise ValueError(f"the fitted model reads features no longer computed: {', '.join(unknown)}")
    return np.array([computed.index(f) for f in features])


@dataclass
class LogisticModel:
    """A fitted logistic regression, applied with numpy (fitted by ``eval/fit_answer_model.py``
    and, as a conditional logit whose :meth:`score` alone counts, ``eval/fit_chunk_model.py``)."""

    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    # Which columns of the rows it is given it reads, when it was fitted on fewer features
    # than are computed now (an older entry keeps working as it was fitted).
    columns: np.ndarray | None = None

    @classmethod
    def from_dict(cls, data: dict, computed: list[str] | None = None) -> LogisticModel:
        """The model stored as ``data``, reading its features by name from rows whose columns are ``computed``."""
        model = cls(list(data["features"]), np.asarray(data["mean"], dtype=np.float64),
                    np.asarray(data["scale"], dtype=np.float64), np.asarray(data["coef"], dtype=np.float64),
                    float(data["intercept"]))
        return model.reading(computed) if computed is not None else model

    def reading(self, computed: list[str]) -> LogisticModel:
        """This model, set to pick its own features by name out of rows whose columns are ``computed``.

        Raises:
            ValueError: A feature the model was fitted on is not among ``computed``.
        """
        self.columns = None if computed == self.features else feature_columns(self.features, computed)
        return self

    def to_dict(self) -> dict:
        return {"features": self.features, "mean": self.mean.round(6).tolist(), "scale": self.scale.round(6).tolist(),
                "coef": self.coef.round(6).tolist(), "intercept": round(self.intercept, 6)}

    def score(self, rows: np.ndarray) -> np.ndarray:
        """The linear score (log-odds) of each row."""
        if self.columns is not None:
            rows = rows[:, self.columns]
        return ((rows - self.mean) / self.scale) @ self.coef + self.intercept

    def probability(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.score(rows)))


@dataclass
class AnswerModel:
    """The fitted parts of the extractive answerer, for one embedding model.

    Attributes:
        sentence: P(a sentence holds the answer | its features).
        answerable: P(the letters answer the question | the best evidence).
        chunk: Which chunk to quote from: the one it scores highest among those with candidate
            sentences (fitted by ``eval/fit_chunk_model.py``); None quotes by ``switch_ratio``.
        chunk_margin: Quote from another chunk than the best-ranked one only when ``chunk``
            scores it this much above the best-ranked one (see :func:`pick_chunk`).
        min_answerable: Answer when ``answerable`` says at least this (Dutch questions) ...
        min_answerable_english: ... and English ones (they share no words with the letters).
        keep_ratio: Quote sentences whose probability is at least this share of the best one ...
        other_chunk_ratio: ... and, without ``chunk``, from another chunk than the quoted one only
            this close to it.
        switch_ratio: Without ``chunk``: quote from another chunk than the best-ranked one only
            when its best sentence is this many times as likely as the best-ranked chunk's.
        fact_ratio: When the quoted sentences lack the asked-for fact, a sentence that has it
            may lead instead if its probability is at least this share of the best one.
        letter_ratio: Another dated letter on the same council answers too when its best
            sentence is at least this share as likely as the quoted one; the latest such
            letter then leads and the others are listed under "Eerder".
    """

    sentence: LogisticModel
    answerable: LogisticModel
    chunk: LogisticModel | None = None
    chunk_margin: float = 0.0
    min_answerable: float = 0.5
    min_answerable_english: float = 0.5
    keep_ratio: float = 0.6
    other_chunk_ratio: float = 1.0
    switch_ratio: float = 1.25
    fact_ratio: float = 0.3
    letter_ratio: float = 0.7
    fitted: dict = field(default_factory=dict)

    @classmethod
    def load(cls, model: str, path: Path = MODEL_FILE) -> AnswerModel:
        """The parameters fitted for ``model`` (by family; EmbeddingGemma's when it has none)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        family = model_family(model)
        entry = data["models"].get(family) or data["models"][data["default"]]
        try:
            sentence = LogisticModel.from_dict(entry["sentence"], SENTENCE_FEATURES)
            answerable = LogisticModel.from_dict(entry["answerable"], ANSWER_FEATURES)
            chunk = LogisticModel.from_dict(entry["chunk"], CHUNK_FEATURES) if "chunk" in entry else None
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
        return cls(sentence, answerable, chunk,
                   **{k: entry[k] for k in ("chunk_margin", "min_answerable", "min_answerable_english", "keep_ratio",
                                            "other_chunk_ratio", "switch_ratio", "fact_ratio", "letter_ratio")
                      if k in entry},
                   fitted=entry.get("fitted", {}))


def pick_chunk(scores: np.ndarray, margin: float) -> int:
    """Which of the chunks, best-ranked first, the chunk model's ``scores`` choose: the
    highest-scored one when it is at least ``margin`` above the best-ranked one, else that one.

    Example:
        >>> pick_chunk(np.array([0.2, 1.0, 0.4]), 0.5), pick_chunk(np.array([0.2, 1.0, 0.4]), 1.0)
        (1, 0)
    """
    best = int(np.argmax(scores))
    return best if scores[best] >= scores[0] + margin else 0
