"""How rag.retrieve.fuse adds the rankings up, and the boost of an asked kind of document.

fuse is a pure function of the candidate lists; these tests give it lists whose order
and scores are known, so each rule can be seen to act (the retrieval tests run it on the
bundled letters with the real model).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.documents import Chunk
from rag.retrieve import FusionWeights, Hit, fuse


def _chunks(n: int, memo_at: int) -> dict[str, Chunk]:
    """``n`` chunks; all memos ("beslisnota") but the one at ``memo_at``, which is a letter."""
    return {f"c{i:02d}": Chunk(f"c{i:02d}", f"tekst {i}", f"doc{i}", "t", None,
                               "brief" if i == memo_at else "beslisnota", None, None, None, None, 1, 1)
            for i in range(n)}


def _lists(n: int) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """Dense cosines falling by 0.01 a rank; BM25 in the same order."""
    dense = [(f"c{i:02d}", 0.80 - 0.01 * i) for i in range(n)]
    bm25 = [(f"c{i:02d}", 10.0 - 0.5 * i) for i in range(n)]
    return dense, bm25


def _rescored(seen: list[str]):
    def rescore(hits: list[Hit]) -> None:
        for h in hits:
            seen.append(h.chunk.id)
            h.sentence_score = 0.5
    return rescore


def test_the_asked_kind_enters_the_sentence_step_and_leads():
    chunks = _chunks(20, memo_at=12)
    dense, bm25 = _lists(20)
    w = FusionWeights(kind=0.2, rescore_top=10)
    seen: list[str] = []
    plain = fuse(chunks, dense, bm25, w, _rescored(seen), "nl")
    assert "c12" not in seen and [h.chunk.id for h in plain].index("c12") == 12
    seen.clear()
    boosted = fuse(chunks, dense, bm25, w, _rescored(seen), "nl", frozenset({"brief"}))
    assert "c12" in seen  # boosted before the top is cut for the sentence step
    assert boosted[0].chunk.id == "c12"
    plain_score = next(h.score for h in plain if h.chunk.id == "c12")
    # Its own score gains the boost and the sentence step it now takes part in.
    assert boosted[0].score == pytest.approx(plain_score + 0.2 + w.sentence * 0.5)


def test_under_reciprocal_rank_fusion_the_boost_is_kind_over_rrf_k_plus_one():
    chunks = _chunks(20, memo_at=12)
    dense, bm25 = _lists(20)
    w = FusionWeights(fusion="rrf", bm25=1.0, kind=0.2, sentence=0.0)
    plain = {h.chunk.id: h.score for h in fuse(chunks, dense, bm25, w, None, "nl")}
    boosted = {h.chunk.id: h.score for h in fuse(chunks, dense, bm25, w, None, "nl", frozenset({"brief"}))}
    assert boosted["c12"] - plain["c12"] == pytest.approx(0.2 / (w.rrf_k + 1))
    assert all(boosted[c] == plain[c] for c in plain if c != "c12")


@pytest.mark.parametrize("which", ["dense", "bm25"])
def test_one_list_keeps_its_order_whatever_the_kind(which):
    chunks = _chunks(20, memo_at=12)
    dense, bm25 = _lists(20)
    lists = (dense, []) if which == "dense" else ([], bm25)
    hits = fuse(chunks, *lists, FusionWeights(kind=0.2), None, "nl", frozenset({"brief"}))
    assert [h.chunk.id for h in hits] == [c for c, _ in (dense if which == "dense" else bm25)]


def test_no_asked_kind_or_no_weight_changes_nothing():
    chunks = _chunks(20, memo_at=12)
    dense, bm25 = _lists(20)
    w = FusionWeights(kind=0.2)
    base = [(h.chunk.id, h.score) for h in fuse(chunks, dense, bm25, w, _rescored([]), "nl")]
    assert base == [(h.chunk.id, h.score) for h in fuse(chunks, dense, bm25, replace(w, kind=0.0), _rescored([]), "nl",
                                                        frozenset({"brief"}))]
    assert base == [(h.chunk.id, h.score) for h in fuse(chunks, dense, bm25, w, _rescored([]), "nl",
                                                        frozenset({"motie"}))]
