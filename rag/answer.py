"""Answers with citations.

The default answer is extractive: verbatim sentences from the retrieved chunks,
each run of sentences followed by ``[n]``, the sources list built from chunk
metadata. Nothing is generated, so nothing can be invented. When the letters do
not answer the question, it says so (``answered: false``) and still shows the
closest passages as "misschien relevant".

Which sentences are quoted, and whether to answer at all, is decided by two small
logistic models fitted on the train split of the staff eval set
(``eval/fit_answer_model.py``, parameters in ``rag/answer_model.json``). A question
that asks for a kind of fact (a date, an amount, a count, a name, countries; see
:mod:`rag.question`) is answered only when the quoted sentences hold one; otherwise
the answer says the topic is there but the fact is not (``reason: fact_missing``).

Optionally an OpenAI-compatible endpoint (``RAG_LLM_BASE_URL``) writes the answer;
:mod:`rag.llm` checks it claim by claim and falls back to the extractive answer.

Example:
    >>> from rag.answer import Answerer
    >>> from rag.retrieve import Retriever
    >>> from rag.store import Store
    >>> answer = Answerer(Retriever(Store("index"))).ask("Wat is de Nederlandse positie over Europol?")
    >>> answer.answered, answer.citations[0].item_title
    (True, 'Toekomst van Europol')
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from rag.agenda import (Agenda, AgendaQuestion, AgendaReply, MeetingRef, agendas, meeting_indexed, meeting_name,
                        meeting_named, of_councils, pick_agenda, read_question, reply, topic_share)
from rag.dates import letter_label, long_date
from rag.followup import Reading, read_followup
from rag.documents import SOURCE_FIELDS, Chunk, searchable_text
from rag.embed import model_family
from rag.grounding import INSTRUCTION
from rag.language import DUTCH, ENGLISH, WORD_RE
from rag.question import COUNCIL_PATTERNS, FACT_CHECKS, POLARITY, Question, analyse, check_question, has_fact, in_dutch
from rag.retrieve import Filters, Hit, Retriever
from rag.sentences import split_sentences
from rag.bm25 import DutchAnalyzer

if TYPE_CHECKING:  # rag.llm builds on this module
    from rag.llm import LLMClient

NOT_FOUND = {
    "nl": "Ik heb hierover geen duidelijk antwoord gevonden in de brieven.",
    "en": "I did not find a clear answer to this in the letters.",
}
# The topic is there, the asked-for fact is not: say which fact is missing.
FACT_MISSING = {
    "nl": "De brieven gaan wel over dit onderwerp, maar ik vond er geen {fact} in.",
    "en": "The letters discuss this topic, but I found no {fact} in them.",
}
FACT_NAMES = {
    "nl": {"date": "datum", "amount": "bedrag", "number": "aantal of percentage", "countries": "namen van landen",
           "person": "naam", "percent": "percentage", "other": "antwoord op deze vraag"},
    "en": {"date": "date", "amount": "amount", "number": "number or percentage", "countries": "names of countries",
           "person": "name", "percent": "percentage", "other": "answer to this question"},
}
NO_AGENDA = {
    "nl": "Er is geen {what} geïndexeerd; hieronder de agenda's die er wel zijn.",
    "en": "No {what} is indexed; below are the agendas that are.",
}
NOT_IN_LETTERS = {
    "nl": "Over de {what} staat niets in de geïndexeerde brieven.",
    "en": "The indexed letters say nothing about the {what}.",
}

# Words that say what kind of question it is, not what it is about.
GENERIC_WORDS = DUTCH | ENGLISH | set(
    """in door nederlands regering vindt vinden denkt denken kijkt staat steunt steun volgens mening visie
    houding stance think cabinet minister ministers brief brieven letter letters zegt say says wil willen
    want moet moeten neemt nemen gaat gaan maakt maken krijgt krijgen geeft geven komt komen zullen jullie
    onze welk""".split()
)
POSITION_QUESTION = re.compile(
    r"\b(positie|standpunt|inzet|wat vindt|vindt nederland|vindt het kabinet|steunt|staat .* tegenover|"
    r"kijkt .* aan|houding|mening|position|stance|view|think|support|welcome)\b",
    re.IGNORECASE,
)
POSITION_CUE = re.compile(
    r"\b(Nederland|het kabinet|kabinet|steunt|steunen|verwelkomt|onderschrijft|hecht|hechten|acht|pleit|"
    r"kan (?:hiermee )?instemmen|kan .* steunen|is voorstander|ziet meerwaarde|is positief|is kritisch|wenst|"
    r"zet zich in|blijft zich inzetten|vindt)\b"
)


@dataclass
class Citation:
    """One numbered source of an answer: a chunk, and the sentences quoted from it."""

    n: int
    chunk: Chunk
    quotes: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0

    def marked_text(self, open_mark: str = "«", close_mark: str = "»",
                    escape: Callable[[str], str] = lambda text: text) -> str:
        """The chunk text with the quoted sentences between ``open_mark`` and
        ``close_mark``; ``escape`` is applied to the text, not to the marks (for HTML)."""
        text = self.chunk.text
        out, last = [], 0
        for start, end in sorted(self.quotes):
            out += [escape(text[last:start]), open_mark, escape(text[start:end]), close_mark]
            last = end
        out.append(escape(text[last:]))
        return "".join(out)

    def to_dict(self) -> dict[str, object]:
        c = self.chunk
        return {
            "n": self.n, **c.to_dict(*SOURCE_FIELDS),
            "text": self.marked_text(), "quotes": [c.text[s:e] for s, e in self.quotes],
            "score": round(self.score, 4), "chunk_id": c.id,
        }


@dataclass
class Answer:
    """What ``ask`` returns, for the CLI, the app and the eval alike."""

    question: str
    answer: str
    answered: bool
    mode: str
    language: str
    citations: list[Citation]
    related: list[Citation] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    fallback_reason: str | None = None
    # What kind of fact was asked for (rag.question), and why nothing was found.
    answer_type: str = "other"
    reason: str | None = None
    # When several letters answer: what the earlier ones said (the answer leads with the latest).
    earlier: list[Citation] = field(default_factory=list)
    # How a follow-up question was read (rag.followup), shown as "ik lees dit als: ..."; None when as asked.
    read_as: str | None = None
    # The ranked chunks the answer was drawn from (for evaluation and the app; not serialised).
    hits: list[Hit] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "answer": self.answer,
            "answered": self.answered,
            "mode": self.mode,
            "language": self.language,
            "fallback_reason": self.fallback_reason,
            "answer_type": self.answer_type,
            "reason": self.reason,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "read_as": self.read_as,
            "earlier": [{"date": c.chunk.date, "doc_id": c.chunk.doc_id, "title": c.chunk.title,
                         "council": c.chunk.council, "meeting_date": c.chunk.meeting_date,
                         "sentences": [c.chunk.text[s:e] for s, e in c.quotes], "citation": c.n}
                        for c in self.earlier],
        }


# ----------------------------------------------------------------------------- scoring


@dataclass
class ExtractiveSettings:
    """How much an extractive answer may quote."""

    top_chunks: int = 5
    max_words: int = 120
    max_sentences: int = 4


# What the sentence model sees of a sentence, in this order (see :func:`sentence_features`).
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
MODEL_FILE = Path(__file__).with_name("answer_model.json")


@dataclass
class LogisticModel:
    """A fitted logistic regression, applied with numpy (fitted by ``eval/fit_answer_model.py``)."""

    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_dict(cls, data: dict) -> LogisticModel:
        return cls(list(data["features"]), np.asarray(data["mean"], dtype=np.float64),
                   np.asarray(data["scale"], dtype=np.float64), np.asarray(data["coef"], dtype=np.float64),
                   float(data["intercept"]))

    def to_dict(self) -> dict:
        return {"features": self.features, "mean": self.mean.round(6).tolist(), "scale": self.scale.round(6).tolist(),
                "coef": self.coef.round(6).tolist(), "intercept": round(self.intercept, 6)}

    def probability(self, rows: np.ndarray) -> np.ndarray:
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@dataclass
class AnswerModel:
    """The fitted parts of the extractive answerer, for one embedding model.

    Attributes:
        sentence: P(a sentence holds the answer | its features).
        answerable: P(the letters answer the question | the best evidence).
        min_answerable: Answer when ``answerable`` says at least this (Dutch questions) ...
        min_answerable_english: ... and English ones (they share no words with the letters).
        keep_ratio: Quote sentences whose probability is at least this share of the best one ...
        other_chunk_ratio: ... and from another chunk than the quoted one only this close to it.
        switch_ratio: Quote from another chunk than the best-ranked one only when its best
            sentence is this many times as likely as the best-ranked chunk's.
        fact_ratio: When the quoted sentences lack the asked-for fact, a sentence that has it
            may lead instead if its probability is at least this share of the best one.
        letter_ratio: Another dated letter on the same council answers too when its best
            sentence is at least this share as likely as the quoted one; the latest such
            letter then leads and the others are listed under "Eerder".
    """

    sentence: LogisticModel
    answerable: LogisticModel
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
        return cls(LogisticModel.from_dict(entry["sentence"]), LogisticModel.from_dict(entry["answerable"]),
                   **{k: entry[k] for k in ("min_answerable", "min_answerable_english", "keep_ratio",
                                                    "other_chunk_ratio", "switch_ratio", "fact_ratio", "letter_ratio") if k in entry},
                   fitted=entry.get("fitted", {}))


@dataclass
class ScoredSentence:
    """A candidate sentence of a retrieved chunk, its features and the model's probability."""

    hit_rank: int
    hit: Hit
    start: int
    end: int
    text: str
    similarity: float
    features: np.ndarray
    has_fact: bool
    probability: float = 0.0


@dataclass
class Evidence:
    """What the answerability model sees: the best sentence and how much of the topic its chunk covers."""

    best: ScoredSentence
    share: float
    mass: float
    has_topic: bool
    fact_found: bool
    question: Question

    def features(self) -> np.ndarray:
        q = self.question
        return np.array([
            self.best.probability, self.best.similarity, self.share, self.mass, q.language == "en",
            self.has_topic, self.best.hit.score, q.checkable, self.fact_found,
            self.best.similarity * (q.language == "en"), self.best.probability * (q.language == "en"),
        ], dtype=np.float64)



class Vocabulary:
    """Document frequencies of stemmed words in the indexed chunks, so that rare,
    specific words weigh more than common ones when a question's topic is matched."""

    def __init__(self, df: dict[str, int], n_docs: int) -> None:
        self.n_docs = max(n_docs, 1)
        self.df = df
        self.sorted_tokens = sorted(self.df)

    def doc_freq(self, term: str) -> int:
        """Chunks containing the term, a word it is a prefix of, or a prefix of it."""
        import bisect

        best = self.df.get(term, 0)
        if len(term) >= 5:
            i = bisect.bisect_left(self.sorted_tokens, term)
            while i < len(self.sorted_tokens) and self.sorted_tokens[i].startswith(term):
                best = max(best, self.df[self.sorted_tokens[i]])
                i += 1
        for cut in range(5, len(term)):
            best = max(best, self.df.get(term[:cut], 0))
        return best

    def idf(self, term: str) -> float:
        df = self.doc_freq(term)
        return float(np.log((self.n_docs - df + 0.5) / (df + 0.5) + 1.0))


class TopicTerms:
    """The words a question is about, stemmed, matched by prefix so that Dutch
    compounds match (``terugkeer`` ~ ``terugkeerhubs``), weighted by rarity."""

    def __init__(self, question: str, analyzer: DutchAnalyzer, vocabulary: Vocabulary | None = None) -> None:
        words = [w for w in WORD_RE.findall(question.lower()) if w not in GENERIC_WORDS]
        self.terms = sorted({t for t in analyzer(" ".join(words)) if len(t) >= 3})
        self.analyzer = analyzer
        self.weights = {t: (vocabulary.idf(t) if vocabulary else 1.0) for t in self.terms}

    def coverage(self, text: str) -> float:
        """Share of the topic (by weight) that ``text`` mentions."""
        if not self.terms:
            return 0.0
        tokens = set(self.analyzer(text))
        total = sum(self.weights.values())
        hit = 0.0
        for term in self.terms:
            if term in tokens or any(
                (len(term) >= 5 and tok.startswith(term)) or (len(tok) >= 5 and term.startswith(tok)) for tok in tokens
            ):
                hit += self.weights[term]
        return hit / total if total else 0.0


class Answerer:
    """Answers questions from a :class:`~rag.retrieve.Retriever`.

    Args:
        retriever: The search over the indexed letters.
        settings: How much an extractive answer may quote.
        llm: An optional LLM client (see :mod:`rag.llm`); None means extractive only.
        model: The fitted sentence and answerability models; by default those fitted
            for the retriever's embedding model.
    """

    def __init__(self, retriever: Retriever, settings: ExtractiveSettings | None = None, llm: LLMClient | None = None,
                 model: AnswerModel | None = None) -> None:
        self.retriever = retriever
        self.settings = settings or ExtractiveSettings()
        self.model = model or AnswerModel.load(retriever.embedder.name)
        self.llm = llm
        self.analyzer = DutchAnalyzer()
        self._vocabulary: tuple[int, Vocabulary] | None = None  # (BM25 generation, counts)
        self._councils: tuple[int, set[str]] | None = None
        self._agendas: tuple[int, list[Agenda]] | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        # The keyword index counted the same stemmed words in the same texts: its counts are used.
        bm25 = self.retriever.store.bm25
        known = self._vocabulary
        if known is None or known[0] != bm25.generation:
            known = self._vocabulary = (bm25.generation, Vocabulary(bm25.doc_freqs(), len(bm25.ids)))
        return known[1]

    def topic(self, q: Question) -> TopicTerms:
        """The question's topic terms; an English question's in Dutch too (the letters are Dutch)."""
        return TopicTerms(in_dutch(q.text) if q.language == "en" else q.text, self.analyzer, self.vocabulary)

    def _indexed_councils(self) -> set[str]:
        """The councils some indexed letter mentions, found once per set of chunks (not per question)."""
        chunks = self.retriever.chunks
        cached = self._councils
        if cached is None or cached[0] != id(chunks):
            text = "\n".join(f"{c.title}\n{c.council or ''}\n{c.text}" for c in chunks.values())
            cached = self._councils = (id(chunks), {n for n, p in COUNCIL_PATTERNS.items() if p.search(text)})
        return cached[1]

    # -- the one entry point
    def ask(
        self, question: str, filters: Filters | None = None, on_token: Callable[[str], None] | None = None,
        history: list[str] | None = None,
    ) -> Answer:
        """Answer ``question`` with citations.

        Args:
            question: Dutch or English.
            filters: Restrict the letters searched.
            on_token: Called with each piece of text as the answer is produced (streaming).
            history: Earlier questions of the conversation, oldest first: a follow-up
                ("en over Syrië?") is read in their light (:mod:`rag.followup`).
        """
        question = check_question(question)
        reading = read_followup(question, history)
        if reading.changed:
            filters, read_as = self._reading_filters(reading, filters)
            answer = self.ask(reading.text, filters, on_token)
            answer.read_as = read_as
            return answer
        t0 = time.perf_counter()
        question = question.strip()
        answer = self.agenda(question, filters, history)
        if answer is not None:
            # Read from the agenda's structure: exact, so no LLM rewrites it.
            if on_token is not None:
                for piece in _pieces(answer.answer):
                    on_token(piece)
            took = (time.perf_counter() - t0) * 1000
            answer.timings_ms = {"retrieve": 0.0, "extractive": took, "first_token": took, "answer": took, "total": took}
            return answer
        filters = self._meeting_scope(question, filters)
        qvec = self.retriever.embed_query(question)
        hits = self.retriever.search(question, k=max(self.settings.top_chunks, 10), filters=filters, qvec=qvec)
        t1 = time.perf_counter()
        answer = self.extractive(question, hits, qvec)
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "extractive": (t2 - t1) * 1000, "first_token": (t2 - t0) * 1000}
        # Only checked text is shown: the extractive answer at once; an LLM answer
        # replaces it afterwards, and only when it passes the grounding check.
        if on_token is not None:
            for piece in _pieces(answer.answer):
                on_token(piece)
        if self.llm is not None and hits:
            answer = self.llm.answer(question, answer.language, hits, answer)
            timings.update(answer.timings_ms)
            if "llm_first_token" in timings:
                timings["first_token"] = (t2 - t0) * 1000 + timings["llm_first_token"]
        t3 = time.perf_counter()
        answer.hits = hits
        timings.update({"answer": (t3 - t1) * 1000, "total": (t3 - t0) * 1000})
        answer.timings_ms = timings
        return answer

    def _reading_filters(self, reading: Reading, filters: Filters | None) -> tuple[Filters | None, str]:
        """The filters a follow-up is answered with, and how to say the reading.

        "en in de vorige raad?" asks the earlier question of the letters dated before
        the one that answered it, on the same council."""
        if reading.kind != "earlier_meeting":
            return filters, reading.text
        previous = self.ask(reading.text, filters)
        cited = (previous.citations or [None])[0]
        if cited is None or not cited.chunk.date:
            return filters, reading.text
        before = (date.fromisoformat(cited.chunk.date) - timedelta(days=1)).isoformat()
        narrowed = replace(filters or Filters(), date_to=min(before, (filters.date_to if filters else None) or before))
        if cited.chunk.council and not narrowed.council:
            narrowed.council = cited.chunk.council
        language = analyse(reading.text).language
        said = (f"{reading.text} (in de brieven van vóór {long_date(cited.chunk.date, 'nl')})" if language == "nl"
                else f"{reading.text} (in the letters before {long_date(cited.chunk.date, 'en')})")
        return narrowed, said

    def _meeting_scope(self, question: str, filters: Filters | None) -> Filters | None:
        """A question that names a meeting ("de JBZ-Raad van 13 maart 2020", "jbz dec 2025") is
        answered from the letters about that meeting, when any is indexed: over many years
        of letters, the same topic otherwise pulls in another meeting's letter."""
        if filters is not None and filters.doc_ids:
            return filters
        named = meeting_named(question)
        if named is None:
            return filters
        q = analyse(question)
        councils = named.councils or q.councils
        about = [c for c in self.retriever.chunks.values()
                 if c.meeting_date and named.matches(c.meeting_date, c.meeting_end_date, c.date)
                 and (not councils or of_councils(councils, c.council, c.title))
                 and (filters is None or filters.matches(c))]
        if about and not named.years and all(year is None for _, year in named.months):
            # "de JBZ-Raad van maart": the latest March meeting, as staff mean it.
            latest = max(c.meeting_date for c in about)
            about = [c for c in about if c.meeting_date == latest]
        docs = sorted({c.doc_id for c in about})
        return replace(filters or Filters(), doc_ids=docs) if docs else filters

    # -- agenda questions
    def agenda(self, question: str, filters: Filters | None = None, history: list[str] | None = None) -> Answer | None:
        """The answer to a question about a meeting's agenda (:mod:`rag.agenda`), read from
        chunk metadata; None when the question is about a topic or no indexed agenda fits.
        A question that names no meeting ("wie heeft de brief ondertekend?") means the
        meeting the conversation was about, if an earlier question named one."""
        asked = read_question(question)
        if asked is None:
            return None
        q = analyse(question)
        ref = MeetingRef.of(question)
        if not ref and not q.councils:
            named = (MeetingRef.of(h) for h in reversed(history or []))
            ref = next((r for r in named if r), ref)
        if filters is not None and not filters.is_empty():
            found = agendas(c for c in self.retriever.chunks.values() if filters.matches(c))
        else:
            chunks = self.retriever.chunks
            if self._agendas is None or self._agendas[0] != id(chunks):
                self._agendas = (id(chunks), agendas(chunks.values()))
            found = self._agendas[1]
        agenda = pick_agenda(found, q, ref, asked)
        if agenda is None:
            # No agenda of that meeting, but maybe its verslag: the normal path reads that.
            if not found or not ref or meeting_indexed(self.retriever.chunks.values(), ref):
                return None
            # The question names a meeting no indexed agenda is of: say so rather than quote another one.
            what = ("geannoteerde agenda van die vergadering" if q.language == "nl" else "annotated agenda of that meeting")
            answer = Answer(q.text, NO_AGENDA[q.language].format(what=what), False, "agenda", q.language, [],
                            related=[Citation(i, a.first_chunk, score=1.0) for i, a in enumerate(found[:3], start=1)],
                            answer_type="agenda", reason="not_in_letters")
            answer.hits = [Hit(a.first_chunk, 1.0) for a in found[:3]]
            return answer
        only = None
        if asked.topic and asked.kind in ("topic", "items", "type"):
            # The topic's items; a topic on no item but in the letter's text is for the normal
            # path to read; words in neither are a topic the agenda lacks (yes/no) or noise.
            english = q.language == "en"
            only = [i for i in agenda.items if topic_share(asked.topic, i.title, english) >= 0.5]
            if not only:
                if topic_share(asked.topic, " ".join(c.text for c in agenda.chunks), english) >= 0.5:
                    # Not an item, but the letter speaks of it: say so, with its own sentence.
                    return self._mentioned_not_on_agenda(asked, agenda, q) if asked.yes_no else None
                if asked.kind == "topic" and not asked.yes_no:
                    return None
                only = [] if asked.yes_no else None
        said = reply(asked, agenda, q.language, only)
        for kind in asked.also:
            more = reply(AgendaQuestion(kind), agenda, q.language)
            said = AgendaReply(f"{said.lead} {more.lead}", said.lines + more.lines, said.answered or more.answered,
                               said.quote or more.quote)
        citations: dict[str, Citation] = {}
        lines = []
        for text, chunk in said.lines:
            if not text and chunk.id in citations:
                continue  # a second part of the answer from the same place: cited once
            cit = citations.setdefault(chunk.id, Citation(len(citations) + 1, chunk, score=1.0))
            lines.append(f"- {text} [{cit.n}]" if text else f"[{cit.n}]")
        if said.lines and not said.lines[0][0]:
            body = f"{said.lead} {' '.join(lines)}"
        else:
            body = "\n".join([said.lead, *lines])
        cited = list(citations.values())
        if said.quote and cited:
            cited[0].quotes = [said.quote]
        answer = Answer(q.text, body, said.answered, "agenda", q.language, cited if said.answered else [],
                        related=[] if said.answered else [Citation(1, agenda.first_chunk, score=1.0)],
                        answer_type="agenda", reason=None if said.answered else "fact_missing")
        answer.hits = [Hit(c.chunk, 1.0) for c in cited] or [Hit(agenda.first_chunk, 1.0)]
        return answer

    def _mentioned_not_on_agenda(self, asked: AgendaQuestion, agenda: Agenda, q: Question) -> Answer | None:
        """"Staat de EU-visumstrategie op de agenda?": no item is on it, but the letter's sentence
        about it is quoted and cited; None when no one sentence mentions the topic."""
        english = q.language == "en"
        best: tuple[float, Chunk, tuple[int, int]] | None = None
        for chunk in agenda.chunks:
            for span in split_sentences(chunk.text):
                share = topic_share(asked.topic, chunk.text[span.start:span.end], english)
                if share >= 0.5 and (best is None or share > best[0]):
                    best = (share, chunk, (span.start, span.end))
        if best is None:
            return None
        _, chunk, span = best
        meeting = meeting_name(agenda, q.language)
        sentence = " ".join(chunk.text[span[0]:span[1]].split())
        where = f"{chunk.heading}, " if chunk.heading else ""
        lead = (f"Op de agenda van {meeting} staat hierover geen apart punt; de brief noemt het wel ({where}"
                f"p. {chunk.page_start}): “{sentence}” [1]" if q.language == "nl" else
                f"The agenda of {meeting} has no item of its own on this; the letter does mention it ({where}"
                f"p. {chunk.page_start}): “{sentence}” [1]")
        citation = Citation(1, chunk, score=1.0)
        citation.quotes = [span]
        answer = Answer(q.text, lead, True, "agenda", q.language, [citation], answer_type="agenda")
        answer.hits = [Hit(chunk, 1.0)]
        return answer

    # -- extractive
    def score_sentences(self, q: Question, hits: list[Hit], qvec: np.ndarray,
                        top_chunks: int | None = None) -> list[ScoredSentence]:
        """Every candidate sentence of the top chunks (``top_chunks``, by default the
        settings'), with the sentence model's probability, best first."""
        topic = self.topic(q)
        wants_position = q.answer_type == "position" or bool(POSITION_QUESTION.search(q.text))
        top = hits[: top_chunks or self.settings.top_chunks]
        if not top:
            return []
        vectors = self.retriever.store.sentence_vectors([h.chunk.id for h in top])
        rows: list[ScoredSentence] = []
        raw: list[list[float]] = []
        top_score = top[0].score or 1.0
        for rank, hit in enumerate(top, start=1):
            chunk = hit.chunk
            heading_on_topic = topic.coverage(chunk.heading) > 0
            share = topic.coverage(searchable_text(chunk))
            spans = vectors.get(chunk.id) or [(x.start, x.end, None) for x in split_sentences(chunk.text)]
            footnotes_at = chunk.text.find("\n\nVoetnoten:")
            first = True
            best_sim_start, best_sim = None, -1.0
            chunk_rows: list[tuple[int, int, str, float, list[float], bool]] = []
            for start, end, vec in spans:
                if footnotes_at >= 0 and start >= footnotes_at:
                    continue
                text = chunk.text[start:end]
                n_words = len(text.split())
                if n_words < 4 or INSTRUCTION.search(text):  # never quote a planted order as an answer
                    continue
                sim = float(vec @ qvec) if vec is not None else 0.0
                if sim > best_sim:
                    best_sim, best_sim_start = sim, start
                fact = has_fact(q, text)
                feats = [
                    sim, 0.0, topic.coverage(text), share, float(heading_on_topic), 1.0 / rank, float(rank == 1),
                    hit.score / top_score if top_score else 0.0,
                    float(wants_position and bool(POSITION_CUE.search(text))),
                    float(q.checkable and fact), float(q.checkable and not fact), 0.0, float(q.language == "en"),
                    sim * (q.language == "en"), float(first), float(np.log1p(n_words)),
                    float(q.yes_no and bool(POLARITY.search(text))), 0.0, 0.0,
                ]
                first = False
                chunk_rows.append((start, end, text, sim, feats, fact))
            # The sentence after the most similar one often carries the answer ("X is voorgesteld. NL steunt dit.").
            after = min((r[0] for r in chunk_rows if best_sim_start is not None and r[0] > best_sim_start), default=None)
            for start, end, text, sim, feats, fact in chunk_rows:
                feats[11] = float(start == after)
                rows.append(ScoredSentence(rank, hit, start, end, text, sim, np.zeros(0), fact))
                raw.append(feats)
        if not rows:
            return []
        matrix = np.asarray(raw, dtype=np.float64)
        # Features relative to the other candidates of the same question.
        matrix[:, 1] = matrix[:, 0] - matrix[:, 0].max()
        matrix[:, 17] = 1.0 / (1.0 + np.argsort(np.argsort(-matrix[:, 0])))
        matrix[:, 18] = matrix[:, 2] - matrix[:, 2].max()
        probs = self.model.sentence.probability(matrix)
        for row, feats, p in zip(rows, matrix, probs):
            row.features = feats
            row.probability = float(p)
        rows.sort(key=lambda x: (-x.probability, x.hit_rank, x.start))
        return rows

    def evidence(self, q: Question, scored: list[ScoredSentence]) -> Evidence:
        """The question-level evidence the answerability model judges."""
        topic = self.topic(q)
        best = scored[0]
        share = topic.coverage(searchable_text(best.hit.chunk))
        home = [x for x in scored if x.hit.chunk.id == best.hit.chunk.id][:3]
        fact_found = any(x.has_fact for x in home)
        return Evidence(best, share, share * sum(topic.weights.values()), bool(topic.terms), fact_found, q)

    def answer_probability(self, ev: Evidence) -> float:
        return float(self.model.answerable.probability(ev.features()[None, :])[0])

    def extractive(self, question: str, hits: list[Hit], qvec: np.ndarray) -> Answer:
        """The extractive answer (or an honest "not found") from ranked ``hits``."""
        q = analyse(question)
        return self.decide(q, hits, self.score_sentences(q, hits, qvec))

    def decide(self, q: Question, hits: list[Hit], scored: list[ScoredSentence]) -> Answer:
        """Answer or refuse, given the scored candidate sentences (best first)."""
        missing = self.missing_meeting(q)
        if missing:
            return self._not_found(q, hits, [], "not_in_letters", missing)
        if not scored:
            return self._not_found(q, hits, scored, "no_passage")
        ev = self.evidence(q, scored)
        floor = self.model.min_answerable_english if q.language == "en" else self.model.min_answerable
        if self.answer_probability(ev) < floor:
            # The best chunk is on the topic, but nothing near its best sentences is the kind of fact asked for.
            on_topic_without_fact = q.checkable and not ev.fact_found and ev.share >= 0.5
            return self._not_found(q, hits, scored, "fact_missing" if on_topic_without_fact else "no_passage")
        picked = self.select(scored)
        if q.checkable and not any(x.has_fact for x in picked):
            with_fact = [x for x in scored if x.has_fact and x.hit_rank <= 2
                         and x.probability >= scored[0].probability * self.model.fact_ratio]
            if not with_fact:
                return self._not_found(q, hits, scored, "fact_missing")
            picked = [with_fact[0]] + [x for x in picked if x.hit.chunk.id == with_fact[0].hit.chunk.id][:1]
        picked, earlier = self.over_time(q, scored, picked)
        return self._compose(q, picked, earlier)

    def select(self, scored: list[ScoredSentence]) -> list[ScoredSentence]:
        """The sentences to quote: from the best-ranked chunk unless another chunk is clearly
        better, the best one and those nearly as likely; another chunk's only when as likely."""
        s, m = self.settings, self.model
        top_rank = min(x.hit_rank for x in scored)
        home_best = next(x for x in scored if x.hit_rank == top_rank)
        if scored[0].probability >= home_best.probability * m.switch_ratio:
            home_best = scored[0]
        home = home_best.hit.chunk.id
        picked: list[ScoredSentence] = [home_best]
        words = len(home_best.text.split())
        for cand in scored:
            if len(picked) >= s.max_sentences:
                break
            if cand is home_best or cand.probability < home_best.probability * m.keep_ratio:
                continue
            if cand.hit.chunk.id != home and cand.probability < home_best.probability * m.other_chunk_ratio:
                continue
            n = len(cand.text.split())
            if words + n > s.max_words or any(_near_duplicate(cand.text, p.text) for p in picked):
                continue
            picked.append(cand)
            words += n
        return picked

    def over_time(self, q: Question, scored: list[ScoredSentence],
                  picked: list[ScoredSentence]) -> tuple[list[ScoredSentence], list[ScoredSentence]]:
        """When other dated letters answer the question too, the latest letter's sentences
        lead and each earlier letter's best sentence follows, newest first; else ``picked``."""
        m = self.model
        lead = picked[0]
        council = lead.hit.chunk.council
        # Council letters only: a series of letters on one council's meetings, where a later
        # position replaces an earlier one (not, say, a bill's successive documents).
        if not council or not lead.hit.chunk.date:
            return picked, []
        per_letter: dict[str, ScoredSentence] = {lead.hit.chunk.doc_id: lead}
        for x in scored:
            c = x.hit.chunk
            if c.doc_id in per_letter or not c.date or c.council != council:
                continue
            if x.probability >= lead.probability * m.letter_ratio and (not q.checkable or x.has_fact):
                per_letter[c.doc_id] = x
        if len(per_letter) < 2:
            return picked, []
        latest = max(per_letter.values(), key=lambda x: (x.hit.chunk.date or "", x.probability))
        if latest is not lead:
            same_chunk = [x for x in scored if x.hit.chunk.id == latest.hit.chunk.id and x is not latest
                          and x.probability >= latest.probability * m.keep_ratio]
            picked = [latest] + same_chunk[: self.settings.max_sentences - 1]
        # A letter of the same date is no earlier position (an annex, a second copy).
        earlier = [x for x in per_letter.values() if (x.hit.chunk.date or "") < (latest.hit.chunk.date or "")]
        earlier.sort(key=lambda x: (x.hit.chunk.date or "", x.probability), reverse=True)
        return picked, earlier

    def missing_meeting(self, q: Question) -> str | None:
        """The council the question names when no indexed letter mentions it, as a sentence."""
        indexed = self._indexed_councils() if q.councils else set()
        for name in q.councils:
            if name not in indexed:
                return NOT_IN_LETTERS[q.language].format(what=name)
        return None

    def _not_found(self, q: Question, hits: list[Hit], scored: list[ScoredSentence], reason: str,
                   message: str | None = None) -> Answer:
        if message is None:
            message = (FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language].get(_fact_kind(q), ""))
                       if reason == "fact_missing" else NOT_FOUND[q.language])
        related = [Citation(i, h.chunk, score=h.score) for i, h in enumerate(hits[:3], start=1)]
        for cit in related:
            best = next((x for x in scored if x.hit.chunk.id == cit.chunk.id), None)
            if best:
                cit.quotes = [(best.start, best.end)]
        return Answer(q.text, message, False, "extractive", q.language, [], related,
                      answer_type=q.answer_type, reason=reason)

    def _compose(self, q: Question, picked: list[ScoredSentence], earlier: list[ScoredSentence] | None = None) -> Answer:
        """Quote ``picked``: in document order, except that a yes/no question's most likely
        sentence (the one that confirms or refutes) leads. With ``earlier`` letters, the
        quote says which letter it is from, and each earlier letter follows, dated."""
        def order(x: ScoredSentence):
            c = x.hit.chunk
            return (c.doc_id, c.page_start, c.section or "", int(c.item_no or 0) if str(c.item_no or "0").isdigit() else 0,
                    c.split_id, x.start)

        lead = max(picked, key=lambda x: x.probability) if q.yes_no else None
        rest = sorted([x for x in picked if x is not lead], key=order)
        picked = ([lead] if lead else []) + rest
        numbers: dict[str, Citation] = {}
        parts: list[str] = []
        for i, sent in enumerate(picked):
            cid = sent.hit.chunk.id
            if cid not in numbers:
                numbers[cid] = Citation(len(numbers) + 1, sent.hit.chunk, score=sent.hit.score)
            numbers[cid].quotes.append((sent.start, sent.end))
            parts.append(sent.text)
            last_of_run = i + 1 == len(picked) or picked[i + 1].hit.chunk.id != cid
            if last_of_run:
                parts[-1] = f"{parts[-1]} [{numbers[cid].n}]"
        text = " ".join(parts)
        older: list[Citation] = []
        if earlier:
            c = picked[0].hit.chunk
            said = letter_label(c.date, c.council, c.meeting_date, c.meeting_end_date, q.language)
            text = f"{'Volgens' if q.language == 'nl' else 'According to'} {said}: {text}"
            lines = ["Eerder:" if q.language == "nl" else "Earlier:"]
            for sent in earlier:
                c = sent.hit.chunk
                cit = numbers.get(c.id) or Citation(len(numbers) + 1, c, score=sent.hit.score)
                numbers[c.id] = cit
                cit.quotes.append((sent.start, sent.end))
                older.append(cit)
                label = letter_label(c.date, c.council, c.meeting_date, c.meeting_end_date, q.language)
                lines.append(f"- {label[0].upper()}{label[1:]}: {sent.text} [{cit.n}]")
            text = text + "\n\n" + "\n".join(lines)
        for cit in numbers.values():
            cit.quotes.sort()
        return Answer(q.text, text, True, "extractive", q.language, list(numbers.values()),
                      answer_type=q.answer_type, earlier=older)


def _fact_kind(q: Question) -> str:
    if q.answer_type in FACT_CHECKS:
        return q.answer_type
    return (q.claim_kinds or ["other"])[0]


def _near_duplicate(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > 0.6


def _pieces(text: str) -> Iterator[str]:
    """Word-sized pieces, so extractive answers stream like generated ones."""
    for m in re.finditer(r"\S+\s*", text):
        yield m.group(0)
