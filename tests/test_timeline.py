"""Timelines of a topic over the real council excerpts (2014-2026)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rag.retrieve import Filters
from rag.timeline import build_timeline, states_position

pytestmark = pytest.mark.slow


def test_terugkeer_timeline_is_dated_in_order_and_only_letters_that_state_a_position(excerpts_answerer):
    timeline = build_timeline(excerpts_answerer, "terugkeer")
    docs = [e.citation.chunk.doc_id for e in timeline.entries]
    dates = [e.date for e in timeline.entries]
    assert dates == sorted(dates) and len(docs) == len(set(docs)) >= 3
    assert {"kst-32317-948", "kst-32317-975"} <= set(docs)
    # The 2018 verslag mentions terugkeer only as what the presidency saw, the 2025 fiche's
    # opening only describes the proposal: neither states a Dutch position.
    assert "kst-32317-529" not in docs and "kst-22112-4031" not in docs
    for entry in timeline.entries:
        assert entry.sentences and all(states_position(s) for s in entry.sentences)
        assert any("terugkeer" in s.lower() for s in entry.sentences)
        assert entry.citation.n == timeline.entries.index(entry) + 1


def test_a_date_filter_narrows_the_timeline(excerpts_answerer):
    all_dates = [e.date for e in build_timeline(excerpts_answerer, "terugkeer").entries]
    narrowed = build_timeline(excerpts_answerer, "terugkeer", Filters(date_to="2025-10-31")).entries
    assert [e.date for e in narrowed] == [d for d in all_dates if d <= "2025-10-31"]


def test_the_timeline_verb_prints_the_json_contract(excerpts_answerer):
    from rag.cli import cli

    store = excerpts_answerer.retriever.store
    result = CliRunner().invoke(cli, ["timeline", "terugkeerhubs", "--store", str(store.path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["topic"] == "terugkeerhubs" and data["entries"]
    for entry in data["entries"]:
        assert set(entry) >= {"date", "doc_id", "title", "council", "meeting_date", "sentences", "citation"}
        assert any("terugkeerhub" in s.lower() for s in entry["sentences"])
        assert entry["citation"]["doc_id"] == entry["doc_id"]
