"""eval/choose_floors.py: one run with the floors at zero tells what every floor would answer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
import choose_floors as cf  # noqa: E402

from rag.answer import Answerer  # noqa: E402
from rag.evalset import Case, load_cases, select_split  # noqa: E402
from rag.evaluate import evaluate_answerer  # noqa: E402

STAFF = Path(__file__).resolve().parent.parent / "eval" / "staff" / "set.jsonl"


@pytest.fixture(scope="module")
def dev_cases():
    return [c for c in select_split(load_cases(STAFF), "dev") if not c.timeline]


@pytest.fixture(scope="module")
def asked(letters_retriever, dev_cases):
    return cf.ask_all(Answerer(letters_retriever), dev_cases, progress=False)


@pytest.mark.parametrize("floors", [(0.2, 0.1), (0.2, 0.4), (0.5, 0.5), (0.7, 0.3)])
def test_the_floors_swept_answer_as_the_answerer_does_with_them(letters_retriever, dev_cases, asked, floors):
    answerer = Answerer(letters_retriever)
    answerer.model.min_answerable, answerer.model.min_answerable_english = floors
    real = evaluate_answerer(dev_cases, answerer)
    assert [a.answered_at(*floors) for a in asked] == [r.answered for r in real.rows]
    swept, shown = cf.metrics(asked, *floors), real.metrics()["answer"]
    assert swept["fact_accuracy"] == pytest.approx(shown["fact_accuracy"])
    assert swept["citation_precision"] == pytest.approx(shown["citation_precision"])
    assert swept["answered_right"] == pytest.approx(shown["unanswerable_accuracy"])


def test_a_higher_floor_refuses_what_the_probability_puts_below_it(asked):
    recorded = [a for a in asked if a.probability is not None and a.result.answered]
    assert recorded, "the dev questions reach the floor"
    low, high = (0.2, 0.1), (0.7, 0.6)
    refused = [a for a in recorded if not a.answered_at(*high)]
    assert refused and all(a.probability < 0.7 for a in refused)
    assert all(a.answered_at(*low) for a in recorded if a.probability >= 0.2)


def test_choose_keeps_the_shipped_floors_unless_another_is_better(letters_retriever, asked):
    model = Answerer(letters_retriever).model
    shipped = (model.min_answerable, model.min_answerable_english)
    chosen = cf.choose(asked, shipped)
    best = cf.objective(cf.metrics(asked, *chosen))
    assert best >= cf.objective(cf.metrics(asked, *shipped))
    if chosen != shipped:
        assert best > cf.objective(cf.metrics(asked, *shipped)) + 1e-9


def test_a_follow_up_is_not_swept(letters_retriever):
    # ask may answer a follow-up twice, the first answer's citations narrowing the second's search.
    follow_up = Case("f1", "en de Europol-verordening?", history=["Wat is de positie over Europol?"])
    with pytest.raises(ValueError, match="follow-up"):
        cf.ask_all(Answerer(letters_retriever), [follow_up], progress=False)
