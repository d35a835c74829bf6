"""Metric functions on hand-computed examples, relevance folding, and `rag eval` end to end."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from rag.documents import Chunk
from rag.evalset import SPLITS, Case, assign_splits, cases_from_feedback, join_parts, load_cases, select_split
from rag.evaluate import contains_fact, fold, is_relevant, mrr_at_k, ndcg_at_k, percentile, recall_at_k
from tests.conftest import ROOT, SEED


def chunk(text: str, doc_id: str = "kst-1-1") -> Chunk:
    return Chunk("id", text, doc_id, "t", None, "brief", None, None, None, None, 1, 1)


def test_recall_and_mrr_by_hand():
    ranks = [1, 3, None, 2, 11]
    assert recall_at_k(ranks, 1) == pytest.approx(1 / 5)
    assert recall_at_k(ranks, 3) == pytest.approx(3 / 5)
    assert recall_at_k(ranks, 10) == pytest.approx(3 / 5)
    # (1 + 1/3 + 0 + 1/2 + 0) / 5; rank 11 is beyond the cut-off.
    assert mrr_at_k(ranks, 10) == pytest.approx((1 + 1 / 3 + 1 / 2) / 5)
    assert recall_at_k([], 5) == 0.0


def test_ndcg_by_hand():
    # Relevant at ranks 2 and 3, three relevant chunks exist.
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    idcg = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at_k([False, True, True, False], 3) == pytest.approx(dcg / idcg)
    assert ndcg_at_k([True], 1) == 1.0
    assert ndcg_at_k([False, False], 0) == 0.0


def test_percentile_nearest_rank():
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 100
    assert percentile([7], 95) == 7


@pytest.mark.parametrize(
    "a, b",
    [
        ("Het EU-\ndrugsbeleid", "het EU-drugsbeleid"),
        ("het  EU-\ndrugsbeleid", "het EUdrugsbeleid"),
        ("NATIONALE   zeggenschap", "nationale zeggenschap"),
        ("geïnformeerd.⁴ De strategie", "geïnformeerd. De strategie"),
        ("‘revised’ VIS", "'revised' VIS"),
        ("het voorgaande «ervaren regeldruk» als", "het voorgaande ‘ervaren regeldruk’ als"),
    ],
)
def test_fold_rules(a, b):
    assert fold(a) == fold(b)


def test_numbers_fold_thousands_separators():
    for form in ("72,791", "72.791", "72791"):
        assert contains_fact("Er kwamen 72,791 migranten", form)
    assert not contains_fact("Er kwamen 72,791 migranten", "72.792")
    assert contains_fact("een daling van 25% is", "25%")
    # kst-36450-4 writes the decimal comma as a point: the same sum.
    assert contains_fact("structureel € 1.8 miljoen extra budget", "€ 1,8 miljoen")
    assert not contains_fact("structureel € 1.8 miljoen extra budget", "€ 1,9 miljoen")


def test_relevance_by_evidence_or_document():
    c = chunk("Nederland hecht aan nationale\nzeggenschap over de onderzoeken.")
    assert is_relevant(Case("q", "?", evidence="Nationale zeggenschap"), c)
    assert not is_relevant(Case("q", "?", evidence="impact assessment"), c)
    assert is_relevant(Case("q", "?", doc="kst-1-1"), c)
    assert not is_relevant(Case("q", "?", doc="kst-2-2"), c)
    assert not is_relevant(Case("q", "?", unanswerable=True), c)
    # An article's heading is its chunk's, not its text's: evidence running from one into the other stands in it.
    article = Chunk("id", "Onze Minister zendt binnen vier jaar een verslag.", "kst-36450-2", "t", None, "wetsvoorstel",
                    None, None, "Artikel 10 Evaluatieverplichting", None, 4, 4)
    assert is_relevant(Case("q", "?", evidence="Artikel 10 Evaluatieverplichting Onze Minister zendt"), article)


def test_seed_set_is_well_formed():
    cases = load_cases(ROOT / "eval" / "seed.jsonl")
    assert len(cases) >= 60
    assert sum(c.unanswerable for c in cases) >= 10
    assert len({c.id for c in cases}) == len(cases)
    assert sum(1 for c in cases if c.question.startswith(("What", "When", "Which"))) >= 5


def test_bad_eval_line_names_file_and_line(tmp_path):
    bad = tmp_path / "set.jsonl"
    bad.write_text('{"id": "a", "question": "x"}\nnot json\n')
    with pytest.raises(ValueError, match=r"set\.jsonl:2"):
        load_cases(bad)


def test_feedback_becomes_draft_cases(tmp_path):
    fb = tmp_path / "feedback.jsonl"
    rows = [
        {"rating": "down", "comment": "Mist de impact assessment", "question": "Wat vindt NL van Europol?",
         "answer": "…", "citations": [{"doc_id": "kst-32317-995"}]},
        {"rating": "up", "comment": "", "question": "Goed", "answer": "…", "citations": []},
        {"rating": "down", "comment": "Dit staat er niet in", "question": "Visquota 2026?", "answer": "…", "citations": []},
    ]
    fb.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    drafts = cases_from_feedback(fb)
    assert [d["question"] for d in drafts] == ["Wat vindt NL van Europol?", "Visquota 2026?"]
    assert drafts[0]["unanswerable"] is False and drafts[0]["comment"] == "Mist de impact assessment"
    assert drafts[1]["unanswerable"] is True
    assert drafts[0]["cited"] == ["kst-32317-995"]


@pytest.mark.slow
def test_rag_eval_end_to_end_with_naive_baseline_and_report(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEED.name).write_bytes(SEED.read_bytes())
    picked = ("q38", "q39", "q30", "u01", "u03", "q01")
    cases = [c for c in load_cases(ROOT / "eval" / "seed.jsonl") if c.id in picked]
    for c in cases:  # five in the test split with a style each; q01 in train, so left out
        c.split = "train" if c.id == "q01" else "test"
        c.style = "english" if c.question.startswith("What") else "paraphrase"
    set_file = tmp_path / "mini.jsonl"
    set_file.write_text("\n".join(json.dumps(c.__dict__, ensure_ascii=False) for c in cases) + "\n", encoding="utf-8")
    env_store = tmp_path / "store"
    out = subprocess.run(
        [sys.executable, "-m", "rag.cli", "eval", str(set_file), "--corpus", str(corpus), "--store", str(env_store),
         "--split", "test", "--baseline", "naive", "--report", str(tmp_path / "report"), "--runs",
         str(tmp_path / "runs"), "--json"],
        capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["n"] == 5
    assert data["split"] == "test" and "held out" in data["split_note"]
    assert sum(m["n"] for style, m in data["by_style"].items() if style != "unanswerable") == 5
    assert data["by_style"]["unanswerable"]["n"] == 2
    assert set(data["retrieval"]) == {"recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "ndcg@10"}
    assert set(data["answer"]) == {"fact_accuracy", "citation_precision", "unanswerable_accuracy"}
    assert set(data["latency_ms"]) == {"p50", "p95"}
    assert data["retrieval"]["recall@5"] == 1.0
    assert data["answer"]["unanswerable_accuracy"] == 1.0
    # The naive pipeline never says "not found": it gets the two unanswerable cases wrong.
    assert data["baseline"]["answer"]["unanswerable_accuracy"] == pytest.approx(3 / 5)
    report = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "| mrr@10 |" in report and "naive" in report and "q39" in report and "q01" not in report
    assert "**Split: test** (held out" in report and "## Per style" in report
    assert (tmp_path / "report" / "metrics.png").stat().st_size > 5000
    assert len(list((tmp_path / "runs").glob("*-mini-test.json"))) == 1


def test_staff_set_is_well_formed_and_its_split_is_fixed(tmp_path):
    import collections

    cases = load_cases(ROOT / "eval" / "staff" / "set.jsonl")
    assert len(cases) >= 250 and len({c.id for c in cases}) == len(cases)
    assert sum(c.unanswerable for c in cases) >= 40
    assert len({c.doc for c in cases}) >= 5
    styles = collections.Counter(c.style for c in cases)
    assert set(styles) == {"terse", "abbreviation", "typo", "paraphrase", "english", "yesno"}
    assert min(styles.values()) >= 30
    for c in cases:
        assert c.split in SPLITS
        assert c.unanswerable == (c.evidence is None) and (c.unanswerable or c.answer_contains)
    # Every style appears in every split.
    for split in SPLITS:
        assert {c.style for c in select_split(cases, split)} == set(styles)
    # Rebuilding from the parts gives the committed file: the split is fixed.
    for name in ("staff", "overtime"):
        join_parts(ROOT / "eval" / name, tmp_path / f"{name}.jsonl")
        assert (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8") == \
            (ROOT / "eval" / name / "set.jsonl").read_text(encoding="utf-8")


def test_every_unseen_sets_labels_stand_in_the_bundled_letters():
    # A label that no chunk holds would count a right answer wrong: each answerable case's
    # evidence stands in a chunk of its letter, and its facts in that chunk.
    # The evidence may run from an article's heading into its text (kst-36450-2's "Artikel 10
    # Evaluatieverplichting Onze Minister zendt ..."): the heading is the chunk's, and is_relevant reads it.
    # Or it is the letterhead, which parse lifts out of the text into the letter's date and
    # signatories ("Den Haag, 28 januari 2025", "De Minister van Economische Zaken, D.S. Beljaarts"):
    # then the case says so (is_relevant counts a chunk on the letter's first page) and its facts are there.
    from rag.chunk import chunk_letter
    from rag.dates import long_date
    from rag.documents import searchable_text
    from rag.parse import parse_file

    chunks: dict[str, list[str]] = {}
    heads: dict[str, str] = {}
    for f in sorted((ROOT / "data" / "letters").iterdir()):
        letter = parse_file(f)
        heads[letter.doc_id] = fold(" ".join([long_date(letter.date) if letter.date else "",
                                              *(s.name for s in letter.senders)]))
        for chunk in chunk_letter(letter):
            chunks.setdefault(chunk.doc_id, []).append(searchable_text(chunk))
    sets = sorted((ROOT / "eval" / "unseen").glob("set-*.jsonl"))
    assert len(sets) >= 10
    for path in sets:
        cases = load_cases(path)
        assert len(cases) == 60 and len({c.id for c in cases}) == 60, path.name
        assert sum(c.unanswerable for c in cases) >= 25, path.name
        for c in cases:
            if c.unanswerable:
                continue
            docs = [d for d in chunks if d == c.doc or d.startswith(c.doc)]
            assert len(docs) == 1, (path.name, c.id)
            if c.letterhead:
                assert c.answer_contains and all(fold(f) in heads[docs[0]] for f in c.answer_contains), (path.name, c.id)
                continue
            holding = [fold(t) for t in chunks[docs[0]] if fold(c.evidence) in fold(t)]
            assert holding, (path.name, c.id)
            assert any(all(fold(f) in t for f in c.answer_contains) for t in holding), (path.name, c.id)


def test_kamervragen_split_keeps_an_answer_in_one_split():
    cases = load_cases(ROOT / "eval" / "kamervragen" / "set.jsonl")
    split_of_doc: dict[str, set[str]] = {}
    for c in cases:
        split_of_doc.setdefault(c.doc, set()).add(c.split)
    assert all(len(s) == 1 for s in split_of_doc.values())
    shares = {s: sum(c.split == s for c in cases) / len(cases) for s in SPLITS}
    assert 0.45 < shares["train"] < 0.6 and 0.15 < shares["dev"] < 0.25 and 0.25 < shares["test"] < 0.35


def test_assign_splits_is_stable_and_stratified():
    keys = [f"k{i}" for i in range(40)]
    groups = ["a"] * 20 + ["b"] * 20
    first = assign_splits(keys, groups)
    assert first == assign_splits(keys, groups)
    for g in ("a", "b"):
        part = [s for s, gg in zip(first, groups) if gg == g]
        assert (part.count("train"), part.count("dev"), part.count("test")) == (10, 4, 6)
    # Adding a case never moves an old one.
    assert assign_splits(keys + ["new"], groups + ["c"])[:40] == first
    with pytest.raises(ValueError, match="unknown split"):
        select_split([], "validation")


def test_the_over_time_set_has_agenda_timeline_and_follow_up_cases_with_a_split():
    from rag.evalset import load_cases
    from tests.conftest import ROOT

    cases = load_cases(ROOT / "eval/overtime/set.jsonl")
    assert len(cases) >= 40 and all(c.split in ("train", "dev", "test") for c in cases)
    timelines = [c for c in cases if c.timeline]
    followups = [c for c in cases if c.history]
    assert len(timelines) >= 10 and len(followups) >= 15
    for c in timelines:
        assert c.expected_docs and set(c.expected_docs) <= set(c.evidence)
    # Every letter a case names is bundled (data/letters or data/excerpts).
    bundled = " ".join(p.name for folder in ("data/letters", "data/excerpts") for p in (ROOT / folder).iterdir())
    for c in cases:
        for doc in c.expected_docs + ([c.doc] if c.doc else []):
            assert doc.replace("kst-", "") in bundled.replace("kst-", "") or doc.split("_")[0] in bundled, (c.id, doc)


def test_timeline_results_score_letters_and_their_order():
    from rag.evaluate import TimelineResult, timeline_metrics

    exact = TimelineResult("a", "t", ["x", "y", "z"], ["x", "y", "z"])
    swapped = TimelineResult("b", "t", ["x", "y"], ["y", "x", "w"])
    assert (exact.precision, exact.recall, exact.in_order) == (1.0, 1.0, True)
    assert (swapped.precision, swapped.recall, swapped.in_order) == (2 / 3, 1.0, False)
    m = timeline_metrics([exact, swapped])
    assert m["exact"] == 0.5 and m["in_order"] == 0.5 and m["n"] == 2


def test_the_report_lists_each_timeline_beside_the_expected_letters(tmp_path):
    from rag.evaluate import CaseResult, EvalResult, TimelineResult
    from rag.report import write_report

    row = CaseResult("q1", "Wat is de positie over Europol?", False, 1, 1.0, "Nederland steunt dit. [1]", True,
                     [("steunt", True)], [("kst-32317-995 p.13", True)], 80.0, "terse")
    timeline = TimelineResult("tl-1", "terugkeer", ["kst-32317-948", "kst-32317-975"], ["kst-32317-948"], "terse")
    path = write_report("mini-timeline", {"kamerbrief-rag": EvalResult("kamerbrief-rag", [row], [timeline])},
                        tmp_path / "report", tmp_path / "runs", split="test")
    text = path.read_text(encoding="utf-8")
    assert "## Timelines" in text and "1 topics: letter precision 1.000, recall 0.500" in text
    assert "| tl-1 | terugkeer | kst-32317-948, kst-32317-975 | kst-32317-948 | 1.00 | 0.50 | ✓ |" in text


def test_the_report_breaks_results_down_per_letter(tmp_path):
    from rag.evaluate import CaseResult, EvalResult
    from rag.report import write_report

    def row(i: str, doc: str | None, rank: int | None, cited_right: bool, unanswerable: bool = False) -> CaseResult:
        # Every question answered, with one citation.
        return CaseResult(i, "?", unanswerable, None if unanswerable else rank, 1.0, "x [1]", True,
                          [] if unanswerable else [("x", cited_right)], [(f"{doc} p.1", cited_right)],
                          50.0, "terse", doc=doc)

    agenda = [row(f"a{i}", "kst-32317-995", 1, True) for i in range(3)]
    # The bill's near-topic question was answered: wrong, and its (right) citation is not counted.
    bill = [row("b1", "kst-36450-2", 3, False), row("b2", "kst-36450-2", None, False),
            row("b3", "kst-36450-2", None, True, unanswerable=True)]
    rows = agenda + bill + [row("c1", "kst-36450-3", 1, True), row("u1", None, None, False, unanswerable=True)]
    by_letter = EvalResult("kamerbrief-rag", rows).metrics()["by_letter"]
    # A letter with fewer than three questions, and a question of no letter, get no line.
    assert set(by_letter) == {"kst-32317-995", "kst-36450-2"}
    assert (by_letter["kst-32317-995"]["n"], by_letter["kst-32317-995"]["citation_precision"]) == (3, 1.0)
    the_bill = by_letter["kst-36450-2"]
    assert (the_bill["n"], the_bill["citation_precision"], the_bill["unanswerable_accuracy"]) == (3, 0.0, 2 / 3)
    assert the_bill["mrr@10"] == pytest.approx(1 / 6)
    # One letter only: nothing to break down.
    assert "by_letter" not in EvalResult("kamerbrief-rag", agenda + bill[:2]).metrics()
    text = write_report("mini-letters", {"kamerbrief-rag": EvalResult("kamerbrief-rag", rows)},
                        tmp_path / "report", tmp_path / "runs", split="test").read_text(encoding="utf-8")
    assert "## Per letter" in text and "citation precision" in text
    assert "| kst-36450-2 | 3 | 0.167 / 0.500 / 0.000 / 0.000 / 0.667 |" in text
