from __future__ import annotations

import json

from rag.bm25 import BM25Index

IDS = ["europol", "visum"]
TEXTS = ["De toekomst van Europol en de politiesamenwerking", "De EU-visumstrategie en de Visumcode"]


def test_a_reader_rebuilding_its_generation_keeps_the_next_one_a_writer_saved_ahead(tmp_path):
    # A writer saves generation 2's keyword index before publishing 2; a reader still on 1
    # (rebuilding it, say after an upgrade changed the texts) finishes after it. The writer's
    # cache survives, and a reader of 2 loads it instead of rebuilding it.
    writer = BM25Index(tmp_path, texts=2)
    writer.build(IDS, TEXTS, generation=2, replace=True)
    slow_reader = BM25Index(tmp_path, texts=2)
    slow_reader.build(IDS, TEXTS, generation=1)
    assert sorted(p.name for p in tmp_path.glob("g*")) == ["g1t2", "g2t2"]
    fresh = BM25Index(tmp_path, texts=2)
    assert fresh.load(2) and fresh.generation == 2 and fresh.ids == IDS
    assert fresh.current.scores("Europol").argmax() == 0
    # Building 2 itself clears what is older, of any texts.
    BM25Index(tmp_path, texts=1).build(IDS, TEXTS, generation=1)
    writer.build(IDS, TEXTS, generation=2)
    assert [p.name for p in tmp_path.glob("g*")] == ["g2t2"]


def test_a_cache_of_other_texts_is_not_read(tmp_path):
    BM25Index(tmp_path, texts=1).build(IDS, TEXTS, generation=3)
    assert json.loads((tmp_path / "current.json").read_text())["texts"] == 1
    assert not BM25Index(tmp_path, texts=2).load(3)
    assert not BM25Index(tmp_path, texts=2).load()  # the pointer names the other texts
    assert BM25Index(tmp_path, texts=1).load(3) and BM25Index(tmp_path, texts=1).load()
