"""Answers with citations.

The default answer is extractive: verbatim sentences from the retrieved chunks,
each run of sentences followed by ``[n]``, the sources list built from chunk
metadata. Nothing is generated, so nothing can be invented. When the letters do
not answer the question, it says so (``answered: false``) and still shows the
closest passages as "misschien relevant".

Which sentences are quoted, and whether to answer at all, is decided by two small
logistic models fitted on the train split of the staff eval set
(``eval/fit_answer_model.py``, parameters in ``rag/answer_model.json``; see
:mod:`rag.answer_model` and :mod:`rag.evidence`); which retrieved chunk the quote comes
from, by a third (``eval/fit_chunk_model.py``). A question
that asks for a kind of fact (a date, an amount, a count, a name, countries; see
:mod:`rag.question`) is answered only when the quoted sentences hold one; otherwise
the answer says the topic is there but the fact is not (``reason: fact_missing``).

A question about a meeting's agenda is answered from the agenda's structure instead
(:mod:`rag.agenda`). Optionally an OpenAI-compatible endpoint (``RAG_LLM_BASE_URL``) writes the answer;
:mod:`rag.llm` checks it claim by claim and falls back to the extractive answer.

Example:
    >>> from rag.answer import Answerer
    >>> from rag.retrieve import Retriever
    >>> from rag.store import Store
    >>> answer = Answerer(Retriever(Store("index"))).ask("Wat is de Nederlandse positie over Europol?")
    >>> answer.answered, answer.citations[0].chunk.item_title
    (True, 'Toekomst van Europol')
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from rapidfuzz.distance import Levenshtein

from rag.agenda import Agenda, agendas, letter_scope, meeting_indexed, meeting_scope, of_councils, pick_agenda
from rag.agenda_question import LetterRef, MeetingRef, meeting_named, read_question
from rag.agenda_reply import AgendaReply, answer_question
from rag.answer_model import AnswerModel
from rag.bm25 import DutchAnalyzer
from rag.dates import council_short_name, date_span, letter_label, long_date
from rag.documents import SOURCE_FIELDS, Chunk, searchable_text
from rag.evidence import (Evidence, ExtractiveSettings, ScoredSentence, TopicTerms, Vocabulary, asks_advice, asks_view,
                          asks_dutch_position, choose_chunk, cited_footnotes, holds_stance, names_responder, over_time,
                          responder, score_sentences, select, sentence_before, stance_holder, stance_on_point,
                          stance_sentence, with_stance)
from rag.expand import WORD_RE
from rag.followup import Reading, read_followup
from rag.question import (COUNCIL_PATTERNS, FACT_CHECKS, FOREIGN_COUNTRIES, MONTH_NAMES, PENDING, PLAN_ASKED,
                          STATUS_ACTS, Question, analyse, asked_years, asks_a_finding, asks_result, asks_weighing,
                          capital_initials, check_question, dated_otherwise, has_fact, in_dutch, month_number,
                          named_months, names_actor, office_line, office_span, only_still_to_come,
                          points_back_to_matter, signature_span, tells_a_decision, tells_a_finding, tells_a_result,
                          tells_act, tells_act_done, tells_status, undecided, weighed)
from rag.letter_facts import asked_office, asks_letter_fact, letter_fact
from rag.retrieve import Filters, Hit, Retriever

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
           "parties": "namen van fracties",
           "person": "naam", "article": "artikel", "reference": "kamerstuknummer of kenmerk",
           "position": "standpunt van Nederland of het kabinet", "percent": "percentage", "other": "antwoord op deze vraag",
           "status": "besluit of stand van zaken hierover", "holder": "standpunt van {holder}",
           "status_of": "besluit of stand van zaken van {actor} hierover",
           "outcome": "uitkomst", "finding": "bevinding of conclusie", "matter": "omschrijving van de kwestie zelf",
           "response": "reactie van de {who}",
           "advice": "advies van de {who}"},
    "en": {"date": "date", "amount": "amount", "number": "number or percentage", "countries": "names of countries",
           "parties": "names of parties",
           "person": "name", "article": "article", "reference": "document number or reference",
           "position": "position of the Netherlands or the cabinet", "percent": "percentage", "other": "answer to this question",
           "status": "decision or state of play on it", "holder": "position of {holder}",
           "status_of": "decision or state of play of {actor} on it",
           "outcome": "outcome", "finding": "finding or conclusion", "matter": "description of the matter itself",
           "response": "response by the {who}",
           "advice": "advice by the {who}"},
}
ACTOR_NAMES = {
    "nl": {"Eerste Kamer": "de Eerste Kamer", "Tweede Kamer": "de Tweede Kamer", "Europees Parlement": "het Europees Parlement",
           "Nederland": "Nederland"},
    "en": {"Eerste Kamer": "the Senate", "Tweede Kamer": "the House of Representatives",
           "Europees Parlement": "the European Parliament", "Nederland": "the Netherlands"},
}
NO_AGENDA = {
    "nl": "Er is geen {what} geïndexeerd; hieronder de agenda's die er wel zijn.",
    "en": "No {what} is indexed; below are the agendas that are.",
}
# A meeting's result asked, when every indexed letter about the meeting was written before it.
BEFORE_MEETING = {
    "nl": "De geïndexeerde brieven over de {meeting} zijn van vóór die vergadering (de laatste is van {letter}); "
          "wat er is besloten of uitgekomen, staat er niet in.",
    "en": "The indexed letters about the {meeting} were written before it (the latest on {letter}); "
          "they do not say what was decided or came of it.",
}
NOT_IN_LETTERS = {
    "nl": "Over de {what} staat niets in de geïndexeerde brieven.",
    "en": "The indexed letters say nothing about the {what}.",
}
# A meeting or letter named by its date, when no indexed letter is about it and no passage found names it.
NO_LETTER_ON = {
    "nl": "Er is geen brief over de {what} geïndexeerd, en de passage die het best past noemt die vergadering niet.",
    "en": "No indexed letter is about the {what}, and the passage that fits best does not mention that meeting.",
}
# Asked whether something has happened by now, of what the letters tell only as still to come.
STILL_TO_COME = {
    "nl": "Volgens de brieven moest dit toen nog gebeuren; of het inmiddels is gebeurd, staat er niet in.",
    "en": "The letters only say this was still to come when they were written; whether it has happened since, "
          "they do not say.",
}
NO_LETTER_OF = {
    "nl": "Er is geen {what} geïndexeerd, en de passage die het best past noemt die brief niet.",
    "en": "No {what} is indexed, and the passage that fits best does not mention that letter.",
}

# The least share of a question's topic (by weight: rag.evidence.Evidence.share, of the chunk of the
# best-scored sentence) the best passage must cover for a Dutch stance near it to answer "wat is de
# Nederlandse positie over ...?".
MIN_POSITION_SHARE = 0.15


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
        text = c.text
        return {
            "n": self.n, **c.to_dict(*SOURCE_FIELDS),
            "text": self.marked_text(), "quotes": [text[s:e] for s, e in self.quotes],
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


T = TypeVar("T")


def _councils_in(chunks: dict[str, Chunk]) -> set[str]:
    """The councils some chunk mentions. Chunk by chunk, each council sought until it is found:
    the texts are never joined (at 100k chunks, a string of ~200 MB) and mostly not unpacked."""
    left, found = dict(COUNCIL_PATTERNS), set()
    for chunk in chunks.values():
        if not left:
            break
        text = f"{chunk.title}\n{chunk.council or ''}\n{chunk.text}"
        for name in [n for n, p in left.items() if p.search(text)]:
            found.add(name)
            del left[name]
    return found


def _by_doc(chunks: dict[str, Chunk]) -> dict[str, list[Chunk]]:
    """Each document's chunks in reading order."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks.values():
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    for doc_chunks in by_doc.values():
        doc_chunks.sort(key=lambda c: (c.page_start, c.split_id))
    return by_doc


class Answerer:
    """Answers questions from a :class:`~rag.retrieve.Retriever`.

    Args:
        retriever: The search over the indexed letters.
        settings: How much an extractive answer may quote.
        llm: An optional LLM client (see :mod:`rag.llm`); None means extractive only.
        model: The fitted sentence, answerability and chunk models; by default those fitted
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
        # What is read off all chunks once per set of them, by name: (the chunks it was read off, what).
        self._of_chunks: dict[str, tuple[dict[str, Chunk], object]] = {}
        # A question -> as the letters spell it (Answerer.as_spelt), with the expander that read it:
        # a refresh brings another expander, and other letters spell other words.
        self._spelt: tuple[object, dict[str, str]] = (None, {})

    @property
    def vocabulary(self) -> Vocabulary:
        # The keyword index counted the same stemmed words, in the chunks' texts with their letter's title
        # (rag.documents.keyword_text): its counts are used. A title word thus counts in every chunk of its
        # letter; weighed with the counts without titles, the same questions were answered right and wrong.
        bm25 = self.retriever.store.bm25.current  # one index: its generation, counts and size agree
        known = self._vocabulary
        if known is None or known[0] != bm25.generation:
            known = self._vocabulary = (bm25.generation, Vocabulary(bm25.doc_freqs(), len(bm25.ids)))
        return known[1]

    def topic(self, q: Question) -> TopicTerms:
        """The question's topic terms; an English question's in Dutch too (the letters are Dutch),
        a Dutch one's typos as the letters spell the word (:meth:`as_spelt`)."""
        return TopicTerms(in_dutch(q.text) if q.language == "en" else self.as_spelt(q.text), self.analyzer,
                          self.vocabulary)

    def as_spelt(self, text: str) -> str:
        """``text`` with each long word no letter has written as the indexed word the keyword search
        reads it as, when one edit away ("miltairen" -> "militairen"), so that a
        typo of the thing asked about is still the thing the passage must be about. Kept per
        question text: the lookup is fuzzy, and the topic is read several times an answer."""
        expander = self.retriever.expander
        held, spelt = self._spelt
        if held is not expander or len(spelt) >= 1024:
            spelt = {}
            self._spelt = (expander, spelt)  # one assignment: a reader sees the old pair or the new
        known = spelt.get(text)
        if known is None:
            # One edit only, of a long word: two edits turn a paraphrase's own word ("Kameruitspraak")
            # into some other word of the letters.
            corrected = {typed: word for typed, word in self.retriever.expand(text, expander).corrected.items()
                         if len(typed) >= 8 and Levenshtein.distance(typed, word) == 1}
            known = WORD_RE.sub(lambda m: corrected.get(m.group(0).lower(), m.group(0)), text) if corrected else text
            spelt[text] = known
        return known

    def _read_off_chunks(self, name: str, read: Callable[[dict[str, Chunk]], T]) -> T:
        """``read(chunks)`` of the retriever's chunks, done once per set of chunks (a refresh
        replaces the dict whole), not per question. The set is held, not its ``id``, which a
        later dict may get again once the old one is freed."""
        chunks = self.retriever.chunks
        cached = self._of_chunks.get(name)
        if cached is None or cached[0] is not chunks:
            cached = self._of_chunks[name] = (chunks, read(chunks))
        return cached[1]

    def _indexed_councils(self) -> set[str]:
        """The councils some indexed letter mentions, found once per set of chunks (not per question)."""
        return self._read_off_chunks("councils", _councils_in)

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
        hits, qvec, unindexed = self.retrieve(question, filters)
        t1 = time.perf_counter()
        told = None if unindexed is not None else self.letterhead(question, hits)
        answer = told or self.extractive(question, hits, qvec)
        if unindexed is not None and not any(unindexed.mentioned_in(c.chunk.text, c.chunk.date) for c in answer.citations):
            # "Wat zei de JBZ-Raad van juni 2025 over Europol?" with no letter on that meeting
            # (or "de brief van 3 februari" with no letter of that date): the passage on Europol
            # of another meeting is no answer to it; one that names that meeting or day is.
            # (Answering from any passage that names the month instead quoted the ATR papers'
            # "december 2024" for "the JHA Council of December 2024 on Europol".)
            q = self.analyse(question)
            said = NO_LETTER_OF if isinstance(unindexed, LetterRef) else NO_LETTER_ON
            answer = self._not_found(q, hits, [], "not_in_letters", said[q.language].format(what=unindexed.label(q.language)))
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "extractive": (t2 - t1) * 1000, "first_token": (t2 - t0) * 1000}
        # Only checked text is shown: the extractive answer at once; an LLM answer
        # replaces it afterwards, and only when it passes the grounding check.
        if on_token is not None:
            for piece in _pieces(answer.answer):
                on_token(piece)
        # A meeting or council the index holds no letter on: no LLM makes the passages about it.
        # Nor does it rewrite what the letterhead says: that is exact.
        if self.llm is not None and hits and answer.reason != "not_in_letters" and told is None:
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
        found = self._agendas_in(filters)
        agenda = pick_agenda(found, q, ref, asked)
        if agenda is None:
            # No agenda of that meeting, but maybe its verslag: the normal path reads that.
            if not found or not ref or meeting_indexed(self.retriever.chunks.values(), ref):
                return None
            # The question names a meeting no indexed agenda is of: say so rather than quote another one.
            return _no_agenda(q, found)
        said = answer_question(asked, agenda, q.language)
        return None if said is None else _agenda_answer(q, agenda, said)

    def _agendas_in(self, filters: Filters | None) -> list[Agenda]:
        """The agendas of the letters ``filters`` lets through; all of them read once per set of chunks."""
        if filters is not None and not filters.is_empty():
            return agendas(c for c in self.retriever.chunks.values() if filters.matches(c))
        return self._read_off_chunks("agendas", lambda chunks: agendas(chunks.values()))

    def letterhead(self, question: str, hits: list[Hit]) -> Answer | None:
        """The answer to when the retrieved letter was sent, who signed it, or who held an office
        one of its signatories held, from its letterhead (:mod:`rag.letter_facts`); None when the
        question asks something else or the letterhead does not say."""
        if asks_letter_fact(question) is None and asked_office(question) is None:
            return None  # most questions: not read again
        q = self.analyse(question)
        told = letter_fact(question, q.language, [h.chunk for h in hits], self._chunks_by_doc())
        if told is None or (told.asked != "date" and (self._signature_line(q, hits) or self._office_line(q, hits))):
            # A signature in the text names the one asked better: "ondertekenaar RvS-advies" is the
            # vice-president under the advice, not the minister of the nader rapport after it.
            return None
        cited = [Citation(n, chunk, score=1.0) for n, chunk in enumerate(told.chunks, start=1)]
        answer = Answer(q.asked, told.text, True, "letterhead", q.language, cited,
                        answer_type={"date": "date", "reference": "reference"}.get(told.asked, "person"))
        answer.hits = hits
        return answer

    # -- extractive
    def retrieve(self, question: str, filters: Filters | None = None) -> tuple[list[Hit], np.ndarray,
                                                                                MeetingRef | LetterRef | None]:
        """The ranked chunks for ``question``, its vector, and the meeting or letter it names
        that no indexed letter is of (None when it names none or one is indexed). A question
        that names an indexed meeting or letter is answered from that letter's chunks."""
        chunks = self.retriever.chunks.values()  # one snapshot: a refresh replaces the dict whole
        filters, unindexed = meeting_scope(question, filters, chunks)
        if unindexed is None:
            filters, unindexed = letter_scope(question, filters, chunks)
        qvec = self.retriever.embed_query(question)
        hits = self.retriever.search(question, k=max(self.settings.top_chunks, 10), filters=filters, qvec=qvec)
        return hits, qvec, unindexed

    def analyse(self, question: str) -> Question:
        """``question`` read for answering (a typo of a key word read as the word, where the letters allow)."""
        return analyse(question, reads_as=self._reads_as)

    def score_sentences(self, q: Question, hits: list[Hit], qvec: np.ndarray,
                        top_chunks: int | None = None) -> list[ScoredSentence]:
        """Every candidate sentence of the top chunks (``top_chunks``, by default the
        settings'), with the sentence model's probability, best first."""
        topic = self.topic(q)
        top = hits[: top_chunks or self.settings.top_chunks]
        vectors = self.retriever.store.sentence_vectors([h.chunk.id for h in top]) if top else {}
        return score_sentences(q, top, qvec, topic, vectors, self.model.sentence)

    def evidence(self, q: Question, scored: list[ScoredSentence]) -> Evidence:
        """The question-level evidence the answerability model judges."""
        return Evidence.of(q, scored, self.topic(q))

    def answer_probability(self, ev: Evidence) -> float:
        return float(self.model.answerable.probability(ev.features()[None, :])[0])

    def extractive(self, question: str, hits: list[Hit], qvec: np.ndarray) -> Answer:
        """The extractive answer (or an honest "not found") from ranked ``hits``."""
        q = self.analyse(question)
        return self.decide(q, hits, self.score_sentences(q, hits, qvec))

    def _reads_as(self, typed: str, word: str) -> bool:
        """May a question's ``typed`` word be read as the key ``word`` one edit away? When it
        stems alike ("regeering", "regering") or no letter has it ("libannon"); not "regeling"."""
        stems = self.analyzer(typed)
        return stems == self.analyzer(word) or all(self.vocabulary.df.get(s, 0) == 0 for s in stems)

    def decide(self, q: Question, hits: list[Hit], scored: list[ScoredSentence]) -> Answer:
        """Answer or refuse, given the scored candidate sentences (best first)."""
        self.unmark_facts_of_other_objects(q, scored)
        settled = self.settled(q, hits, scored)
        if settled is not None:
            return settled
        picked = select(scored, self.settings, self.model, self.home_chunk(q, scored))
        return self._quote(q, hits, scored, picked)

    def unmark_facts_of_other_objects(self, q: Question, scored: list[ScoredSentence]) -> None:
        """For a question of the count or date of an act, a figure of the act on another object
        is no fact of it: its sentence's ``has_fact`` is set False. "Hoeveel landen hebben het
        verdrag voor de Claims Commissie ondertekend?" is not answered by "het advocatenverdrag
        ... zeventien lidstaten"."""
        if q.status and q.answer_type in FACT_CHECKS:
            topic = self.topic(q)
            terms = self._object_terms(q, topic)
            for x in scored:
                if x.has_fact and not _on_object(topic, terms, x, chunk_only=q.language != "nl"):
                    x.has_fact = False

    def home_chunk(self, q: Question, scored: list[ScoredSentence]) -> str | None:
        """The chunk to quote from, by the chunk model (:func:`~rag.evidence.choose_chunk`)."""
        return choose_chunk(q, scored, self.topic(q), self.model)

    def settled(self, q: Question, hits: list[Hit], scored: list[ScoredSentence]) -> Answer | None:
        """The answer when it is settled before a chunk to quote from is chosen: no indexed
        letter is about the meeting asked, nothing to quote, an office or signature line that
        answers, or an answer too unlikely to give. None when sentences are to be chosen."""
        missing = self.missing_meeting(q)
        if missing:
            return self._not_found(q, hits, [], "not_in_letters", missing)
        before_meeting = self.letters_precede_meeting(q)
        if before_meeting:
            # "Wat heeft de JBZ-Raad op 5 maart besloten?" over the agenda sent before that meeting.
            return self._not_found(q, hits, [], "fact_missing", before_meeting)
        if not scored:
            return self._not_found(q, hits, scored, "no_passage")
        line = next((x for x in scored if x.hit_rank == 1 and office_line(x.text, q)), None) \
            or self._office_line(q, hits) or self._signature_line(q, hits)
        if line is not None:
            # "wie was de griffier bij ...?" and the decision list's own "Griffier: T.J.E. van Toor":
            # the line answers it, however short it is for the answer model.
            return self._compose(q, [line], lead=line)
        ev = self.evidence(q, scored)
        floor = self.model.min_answerable_english if q.language == "en" else self.model.min_answerable
        if self.answer_probability(ev) < floor:
            # The best chunk is on the topic, but nothing near its best sentences is the kind of fact asked for.
            on_topic_without_fact = q.checkable and not ev.fact_found and ev.share >= 0.5
            return self._not_found(q, hits, scored, "fact_missing" if on_topic_without_fact else "no_passage")
        return None

    def _quote(self, q: Question, hits: list[Hit], scored: list[ScoredSentence], picked: list[ScoredSentence]) -> Answer:
        """The answer from the ``picked`` sentences, or a refusal when they lack what was asked."""
        if q.checkable and not any(x.has_fact for x in picked):
            with_fact = [x for x in scored if x.has_fact and x.hit_rank <= 2
                         and x.probability >= scored[0].probability * self.model.fact_ratio]
            if with_fact and with_fact[0].hit.chunk.id != picked[0].hit.chunk.id:
                # A fact from another chunk than the one quoted answers only when it is about the question's
                # object: "de lijst van erkende reisdocumenten" is not answered by "artikel 25bis Visumcode"
                # of the paragraph on visa before it.
                topic = self.topic(q)
                terms = self._object_terms(q, topic)
                with_fact = [x for x in with_fact if x.hit.chunk.id == picked[0].hit.chunk.id
                             or _on_object(topic, terms, x, chunk_only=q.language != "nl")]
            if not with_fact:
                return self._not_found(q, hits, scored, "fact_missing")
            picked = [with_fact[0]] + [x for x in picked if x.hit.chunk.id == with_fact[0].hit.chunk.id][:1]
        years = asked_years(q.text) if q.answer_type in ("number", "amount") else set()
        figures = [x for x in picked if x.has_fact]
        if years and figures and all(dated_otherwise(x.text, years) for x in figures):
            # "Aantal fte ATR in 2025?" over "van 11 fte in 2018 naar 17 fte in 2023": a figure of other years.
            joined = {"nl": " of ", "en": " or "}[q.language].join(sorted(years))
            fact = f"{FACT_NAMES[q.language][_fact_kind(q)]} {'voor' if q.language == 'nl' else 'for'} {joined}"
            return self._not_found(q, hits, scored, "fact_missing", FACT_MISSING[q.language].format(fact=fact))
        if not any(tells_status(q, x.hit.chunk.text) for x in picked):
            # "Is de motie al aangenomen?" over the motion's text: on the topic, silent on the act.
            message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language]["status"])
            return self._not_found(q, hits, scored, "fact_missing", message)
        if q.outcome is not None and not self._tells_outcome(q, picked):
            # "uitkomst werklunch JBZ-Raad" over the agenda: "Tijdens de werklunch zal de Raad ...".
            what = "finding" if asks_a_finding(q) else "outcome"
            message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language][what])
            return self._not_found(q, hits, scored, "fact_missing", message)
        if points_back_to_matter(q, " ".join(x.text for x in picked)):
            # "Om welke kwestie ging het bij het CTIVD-onderzoek?" over "... rondom deze kwestie".
            message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language]["matter"])
            return self._not_found(q, hits, scored, "fact_missing", message)
        lead = None
        if q.in_the_end is not None:
            told = self._what_happened(q, picked)
            if told is None:
                # "Did the JHA Council in March actually adopt ...?" over the agenda written before it.
                message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language]["outcome"])
                return self._not_found(q, hits, scored, "fact_missing", message)
            picked, lead = with_stance(picked, told, self.settings), told
        if q.yes_no and q.status:
            # Lead with the sentence that tells the act asked about, where the item has one.
            home = [x for x in scored if x.hit.chunk.id == picked[0].hit.chunk.id]
            near = [x for x in scored if x.hit_rank <= 2 and x.hit.chunk.item_title == picked[0].hit.chunk.item_title]
            acts = [x for x in picked + home + near if tells_act(q, x.text)]
            if q.actors:
                # "Al door de EK aangenomen?" is not answered by the bill lying with the Tweede Kamer.
                acts = [x for x in acts if names_actor(q, f"{sentence_before(x)} {x.text}")]
                if not acts:
                    actors = {"nl": " of ", "en": " or "}[q.language].join(_actor_name(a, q.language) for a in q.actors)
                    who = FACT_NAMES[q.language]["status_of"].format(actor=actors)
                    return self._not_found(q, hits, scored, "fact_missing", FACT_MISSING[q.language].format(fact=who))
            if acts and all(only_still_to_come(q, x.text, x.hit.chunk.date) for x in acts) and self._about_object(q, acts):
                # "Is de Instellingswet ATR inmiddels aangenomen?" over "ligt voor behandeling bij de
                # Tweede Kamer": so it was when the letter was written; whether it has happened since, it cannot say.
                return self._not_found(q, hits, scored, "fact_missing", STILL_TO_COME[q.language])
            # The act told as done, by the one the question names, leads the one still to come.
            done = [x for x in acts if tells_act_done(q, x.text)]
            lead = (done or acts)[0] if acts else lead
            if lead is not None:
                picked = with_stance(picked, lead, self.settings)
        asked_who, who = responder(q)
        naming = [x for x in picked if who and names_responder(who, x.text, sentence_before(x), x.hit.chunk.kind)]
        if who and not naming:
            # "How has the European Commission responded ...?" over the cabinet's own plans;
            # "Wat is het standpunt van Hongarije ...?" over the Dutch one.
            what = "advice" if asks_advice(q) else "holder" if asks_view(q) else "response"
            message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language][what].format(who=asked_who,
                                                                                                holder=asked_who))
            return self._not_found(q, hits, scored, "fact_missing", message)
        if naming and lead is None and asks_view(q):
            # "Wat vinden de leden van de CDA-fractie ...?": their sentence first, not the passage's opening.
            lead = min(naming, key=lambda x: (x.hit_rank, x.start))
            picked = with_stance(picked, lead, self.settings)
        holder = stance_holder(q)
        if holder:
            # "Steunt de VNG ...?": only a sentence in which the VNG takes a side answers it.
            said = next((x for x in picked + scored if holds_stance(x.text, holder, sentence_before(x))), None)
            if said is None:
                who = FACT_NAMES[q.language]["holder"].format(holder=" ".join(_as_asked(w, q.text) for w in holder[0]))
                return self._not_found(q, hits, scored, "fact_missing", FACT_MISSING[q.language].format(fact=who))
            picked, lead = with_stance(picked, said, self.settings), said
        picked, earlier = over_time(q, scored, picked, self.settings, self.model)
        if lead is not None and not any(x is lead for x in picked):
            lead = None  # an earlier letter's answer took its place
        if asks_dutch_position(q):
            ev = self.evidence(q, scored)
            topic = self.topic(q)
            # When the best passage hardly treats the topic, a stance near it is one on something else:
            # "What is the Dutch position on the Common Agricultural Policy?" is not answered by what the
            # Regeerprogramma says of national rules on animal welfare (0.12 of the topic's weight).
            lead = stance_sentence(picked, scored, q.text) \
                if not topic.terms or ev.share >= MIN_POSITION_SHARE else None
            if lead is None:
                # The passage is on the topic at best: the Netherlands takes no stand in it.
                on_topic = ev.share >= 0.5
                message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language]["position"]) if on_topic else None
                return self._not_found(q, hits, scored, "fact_missing" if on_topic else "no_passage", message)
            if q.yes_no:
                # "Steunt NL de overplaatsing naar Irak?": the item's position on something else does not answer it.
                lead = stance_sentence(picked, scored, q.text,
                                       on_point=lambda x: stance_on_point(topic, x.text, sentence_before(x),
                                                                          x.hit.chunk.item_title or ""))
                if lead is None:
                    message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language]["position"])
                    return self._not_found(q, hits, scored, "fact_missing", message)
            picked = with_stance(picked, lead, self.settings)
        if q.yes_no and q.in_the_end is None and not asks_weighing(q.text):
            first = lead or max(picked, key=lambda x: x.probability)
            if weighed(first.text):
                # "Heeft de CTIVD bevestigd dat het onderzoek past ...?" over "... zal bespreken of de wens past":
                # the letter leaves it open.
                message = FACT_MISSING[q.language].format(fact=FACT_NAMES[q.language]["status"])
                return self._not_found(q, hits, scored, "fact_missing", message)
        return self._compose(q, picked, earlier, lead=lead)

    def _about_object(self, q: Question, sentences: list[ScoredSentence]) -> bool:
        """Does one of ``sentences`` itself (or its item's heading) name the rarest thing the
        question asks about, not only the sentences before it ("Hierbij bied ik u het Werkprogramma
        2025 aan. Op dit moment ligt de Instellingswet ATR voor behandeling" is not about the programme)?"""
        topic = self.topic(q)
        terms = self._object_terms(q, topic)
        return any(_on_object(topic, terms, x, chunk_only=False, before=0) for x in sentences)

    def _office_line(self, q: Question, hits: list[Hit]) -> ScoredSentence | None:
        """The line naming the holder of the office asked ("Griffier: G.F.C. van Leiden") in any
        chunk of the first-ranked document. A decision list names its clerk once, at its end,
        for all its items: "wie was de griffier bij de procedurevergadering van 2 april 2009?"
        ranks an item of that list first, not the chunk the line closes."""
        if q.answer_type != "person" or not hits or not _names_its_meeting(q.text, hits[0].chunk):
            return None
        return self._line_in(hits, [hits[0].chunk.doc_id], lambda text: office_span(text, q))

    def _signature_line(self, q: Question, hits: list[Hit]) -> ScoredSentence | None:
        """The signature of the one asked for ("De vice-president van de Raad van State, Th.C. de
        Graaf") in a document of the first three hits: it closes the advice, under the last of its
        points, where no question about who signed it finds it by its words."""
        if q.answer_type != "person" or not hits:
            return None
        years = asked_years(q.text)  # "Wie was de minister van BZ in 2010?": a signature of that year only
        docs = list(dict.fromkeys(h.chunk.doc_id for h in hits[:3]
                                  if not years or (h.chunk.date or "")[:4] in years))
        return self._line_in(hits, docs, lambda text: signature_span(text, q))

    def _chunks_by_doc(self) -> dict[str, list[Chunk]]:
        """Each document's chunks in reading order, made once per set of chunks: a question for a
        person looks through up to three documents, which a pass over every chunk for each would
        make O(all chunks) a question."""
        return self._read_off_chunks("by_doc", _by_doc)

    def _line_in(self, hits: list[Hit], docs: list[str],
                 span_of: Callable[[str], tuple[int, int] | None]) -> ScoredSentence | None:
        """The first span ``span_of`` finds in the chunks of ``docs``, document by document in
        that order, each from its start, as a sentence to quote."""
        ranks = {h.chunk.id: rank for rank, h in enumerate(hits, start=1)}
        by_doc = self._chunks_by_doc()
        for doc in docs:
            for chunk in by_doc.get(doc, []):
                span = span_of(chunk.text)
                if span:
                    hit = next((h for h in hits if h.chunk.id == chunk.id), None) or Hit(chunk, 0.0)
                    return ScoredSentence(ranks.get(chunk.id, len(hits) + 1), hit, *span,
                                          chunk.text[span[0]:span[1]], 0.0, np.zeros(0), True, 1.0)
        return None

    def _tells_outcome(self, q: Question, picked: list[ScoredSentence]) -> bool:
        """Does a quoted sentence tell what came of the thing asked: not as still to come or
        wanted ("zal van gedachten wisselen", "behoefte aan een onderzoek"), and either as a
        decision or result ("heeft niet kunnen rekenen op een meerderheid") or, for a Dutch
        question, about that thing (its word, in the sentence or the one before: "het
        CTIVD-onderzoek"; not the item's heading, under which the rest may be of something else)?
        When the question names no thing, only a result told will do (:func:`tells_a_result`)."""
        finding = asks_a_finding(q)
        # A finding question reads no thing: its word and topic are only worked out for the others.
        head = q.outcome.split("-")[-1] if q.outcome and q.language == "nl" and not finding else ""
        stems = self.analyzer(head) if head else []
        topic = self.topic(q) if stems else None
        for x in picked:
            if PENDING.search(x.text):
                continue
            if finding:
                # "Wat concludeert de AR in het rapport ...?": only a finding told will do, not a decision
                # taken on the report nor a sentence that names it.
                if tells_a_finding(x.text):
                    return True
            elif not stems:
                # Nothing named to be about ("What did the JHA Council conclude?", an English question):
                # only a result will do, not the Dutch view quoted beside the agenda's plan.
                if tells_a_result(x.text):
                    return True
            elif tells_a_decision(x.text) or any(topic.mentions(stem, f"{sentence_before(x)} {x.text}") for stem in stems):
                return True
        return False

    def _what_happened(self, q: Question, picked: list[ScoredSentence]) -> ScoredSentence | None:
        """For a question whether something happened in the end or will: the quoted sentence that
        tells it, not as still to be weighed ("Na ontvangst brief wordt bezien of een debat
        gewenst is") nor, unless a plan is asked, as still to come; as the act asked or, in
        Dutch, as a decision or about the thing asked ("debat"). None when no sentence does."""
        ahead = bool(PLAN_ASKED.search(q.text))  # "komt er een debat?": what will be answers
        said = [x for x in picked if not undecided(x.text) and (ahead or not PENDING.search(x.text))]
        if q.months:
            # "Did the Council adopt it at the March JHA Council?" is not told by what a meeting in
            # another month did ("Tijdens de JBZ-Raad van juni 2025 is er al een algemene oriëntatie bereikt").
            # Nor by one in that month of another year: "the 5-6 March meeting" is this letter's, not
            # "de IO roadmap die de JBZ-Raad in maart 2025 heeft vastgesteld" in the agenda for March 2026.
            years = asked_years(q.text)
            said = [x for x in said if not (told := named_months(x.text)) or _same_month(told, q.months, x.hit.chunk, years)]
        if q.status:
            return next((x for x in said if tells_act(q, x.text)), None)
        stems = self.analyzer(q.in_the_end) if q.in_the_end else []
        if not stems:
            return said[0] if said else None
        topic = self.topic(q)
        return next((x for x in said if tells_a_decision(x.text) or any(topic.mentions(stem, x.text) for stem in stems)),
                    None)

    def _object_terms(self, q: Question, topic: TopicTerms) -> list[str]:
        """The question's words for what was acted on, not the act's own words ("ondertekend",
        "instemming": a letter may say "akkoord gegaan")."""
        acts = " ".join(w for act in q.status for words in STATUS_ACTS[act] for w in words)
        terms = [t for t in topic.terms if not topic.mentions(t, acts)]
        if q.language == "nl" and self.vocabulary is not None:
            return [t for t in terms if self.vocabulary.doc_freq(t) > 0]  # not a typo no letter has
        return terms  # English, read through the glossary: the words the chunk holds

    def missing_meeting(self, q: Question) -> str | None:
        """The council the question names when no indexed letter mentions it, as a sentence."""
        indexed = self._indexed_councils() if q.councils else set()
        for name in q.councils:
            if name not in indexed:
                return NOT_IN_LETTERS[q.language].format(what=name)
        return None

    def letters_precede_meeting(self, q: Question) -> str | None:
        """When ``q`` asks what a meeting it names (council and month) decided or how it went,
        and no indexed letter of that council is dated on or after its first day (the agenda
        sent before it is all there is): a sentence saying so. None otherwise; also when the
        question does not say which council ("de Raad in maart"), unless the days it names are
        those of one indexed council's meeting ("at the 5-6 March meeting")."""
        named = meeting_named(q.text) if asks_result(q) else None
        councils = (named.councils or q.councils or self._council_meeting_on(q.text)) if named else []
        if not councils:
            return None
        letters = [chunks[0] for chunks in self._chunks_by_doc().values()
                   if of_councils(councils, chunks[0].council, chunks[0].title)]
        about = [c for c in letters if c.meeting_date and named.matches(c.meeting_date, c.meeting_end_date, c.date)]
        if not about:
            return None
        # "de JBZ-Raad van maart": the latest March meeting, as staff mean it (and as meeting_scope reads it).
        meeting = max(about, key=lambda c: c.meeting_date)
        if any(c.date is None or c.date >= meeting.meeting_date for c in letters):
            return None  # a letter from after it (a verslag, a later agenda) may tell what came of it
        latest = max(c.date for c in letters)
        name = council_short_name(meeting.council) or meeting.council
        when = date_span(meeting.meeting_date, meeting.meeting_end_date, q.language)
        return BEFORE_MEETING[q.language].format(meeting=f"{name} {'van' if q.language == 'nl' else 'of'} {when}",
                                                 letter=long_date(latest, q.language))

    def _council_meeting_on(self, text: str) -> list[str]:
        """The council whose meeting falls on the days ``text`` names without naming the council
        ("at the 5-6 March meeting"), when the indexed letters know one such meeting; else []."""
        days = [(int(m.group(1) or m.group(3)), month_number(m.group(2) or m.group(4))) for m in _MEETING_DAYS.finditer(text)]
        if not days:
            return []

        def on_them(c: Chunk) -> bool:
            met = [d for d in (c.meeting_date, c.meeting_end_date) if d]
            return any(int(d[8:10]) == day and int(d[5:7]) == month for d in met for day, month in days)

        found = {name for chunks in self._chunks_by_doc().values() if on_them(c := chunks[0])
                 for name in COUNCIL_PATTERNS if of_councils([name], c.council, c.title)}
        return sorted(found) if len(found) == 1 else []

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
        return Answer(q.asked, message, False, "extractive", q.language, [], related,
                      answer_type=q.answer_type, reason=reason)

    def _compose(self, q: Question, picked: list[ScoredSentence], earlier: list[ScoredSentence] | None = None,
                 lead: ScoredSentence | None = None) -> Answer:
        """Quote ``picked``: in document order, except that ``lead`` (the sentence that states
        the Dutch position) leads, or else a yes/no question's most likely sentence (the one
        that confirms or refutes). With ``earlier`` letters, the quote says which letter it is
        from, and each earlier letter follows, dated."""
        def order(x: ScoredSentence) -> tuple:
            c = x.hit.chunk
            return (c.doc_id, c.page_start, c.section or "", int(c.item_no or 0) if str(c.item_no or "0").isdigit() else 0,
                    c.split_id, x.start)

        lead = lead or (max(picked, key=lambda x: x.probability) if q.yes_no else None)
        rest = sorted([x for x in picked if x is not lead], key=order)
        picked = ([lead] if lead else []) + rest
        if q.answer_type == "reference":
            # "kamerstuknummer non-paper detentie": the sentence, then the footnote that gives its number.
            picked = [y for x in picked for y in [x, *_footnotes_of(q, x)]]
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
        return Answer(q.asked, text, True, "extractive", q.language, list(numbers.values()),
                      answer_type=q.answer_type, earlier=older)


# The committee a question names: "commissie (voor) Financiën", "cie BZK", "the BZK committee".
_COMMITTEE_NAMED = re.compile(r"\b(?:commissie|cie)\.?\s+(?:voor\s+|van\s+)?(?:de\s+|het\s+)?([\w-]+)|"
                              r"\b([\w-]+)(?:'s)?\s+committee\b", re.I)


def _names_its_meeting(question: str, chunk: Chunk) -> bool:
    """Does ``question`` name the meeting ``chunk``'s list is of: its month or year, and its
    committee if it names one? A list names its clerk for that meeting; the clerk of the
    committee now, or of another meeting, is not in it. A list is dated the day of its meeting
    or the day after.

    Example:
        >>> from rag.documents import Chunk
        >>> ok01 = Chunk("c", "Griffier: G.F.C. van Leiden", "ok01", "Voortouwcommissie: vaste commissie voor "
        ...              "Binnenlandse Zaken en Koninkrijksrelaties", "2009-04-03", "besluitenlijst", None, None,
        ...              None, None, 5, 5)
        >>> _names_its_meeting("griffier procedurevergadering cie BZK 2 april 2009", ok01)
        True
        >>> [_names_its_meeting(q, ok01) for q in ("wie is de griffier van de commissie BZK?",
        ...  "griffier commissie Financiën april 2009", "griffier cie Financiën voor april 2009",
        ...  "griffier procedurevergadering maart 2011")]
        [False, False, False, False]
    """
    ref = MeetingRef.of(question)
    if not chunk.date or not (ref.months or ref.years):
        return False
    day = date.fromisoformat(chunk.date)
    if not ref.matches((day - timedelta(days=1)).isoformat(), chunk.date, chunk.date):
        return False
    named = _COMMITTEE_NAMED.search(question)
    if named is None:
        return True
    name = named.group(1) or named.group(2)  # its first word: "Financiën", "BZK", "Binnenlandse"
    if name.lower() in ("vaste", "the") or len(name) < 3:
        return True
    title = chunk.title or ""
    return (name.isupper() and name.lower() in capital_initials(title)) or name[:4].lower() in title.lower()


def _no_agenda(q: Question, found: list[Agenda]) -> Answer:
    """No indexed agenda is of the meeting the question names: say so, and list the agendas that are."""
    what = ("geannoteerde agenda van die vergadering" if q.language == "nl" else "annotated agenda of that meeting")
    answer = Answer(q.asked, NO_AGENDA[q.language].format(what=what), False, "agenda", q.language, [],
                    related=[Citation(i, a.first_chunk, score=1.0) for i, a in enumerate(found[:3], start=1)],
                    answer_type="agenda", reason="not_in_letters")
    answer.hits = [Hit(a.first_chunk, 1.0) for a in found[:3]]
    return answer


def _agenda_answer(q: Question, agenda: Agenda, said: AgendaReply) -> Answer:
    """The answer an agenda reply gives: its lead, then each line with the citation of its chunk."""
    body, chunks = said.render()
    cited = [Citation(n, chunk, score=1.0) for n, chunk in enumerate(chunks, start=1)]
    if said.quote and cited:
        cited[0].quotes = [said.quote]
    answer = Answer(q.asked, body, said.answered, "agenda", q.language, cited if said.answered else [],
                    related=[] if said.answered else [Citation(1, agenda.first_chunk, score=1.0)],
                    answer_type="agenda", reason=None if said.answered else "fact_missing")
    answer.hits = [Hit(c.chunk, 1.0) for c in cited] or [Hit(agenda.first_chunk, 1.0)]
    return answer


# The days of a meeting, named beside a word for it but not its council (the first day, and the
# month): "the 5-6 March meeting", "de Raad van 5 en 6 maart".
_MEETING_DAYS = re.compile(rf"\b(?:raad|council|meeting|vergadering|bijeenkomst|jbz|jha)\w*\s+(?:van|of|on|op)\s+(?:de\s+|the\s+)?"
                           rf"(\d{{1,2}})(?:\s*(?:-|–|en|and|&)\s*\d{{1,2}})?\s+({MONTH_NAMES})\b|"
                           rf"\b(\d{{1,2}})(?:\s*(?:-|–|en|and|&)\s*\d{{1,2}})?\s+({MONTH_NAMES})\s+"
                           rf"(?:\d{{4}}\s+)?(?:raad|council|meeting|vergadering|bijeenkomst|jbz|jha)", re.IGNORECASE)


def _same_month(told: list[tuple[int, int | None]], asked: list[tuple[int, int | None]], chunk: Chunk,
                years: set[str]) -> bool:
    """Whether a sentence that names the months ``told`` names one ``asked``. A month asked without
    its year is in the one year the question names elsewhere ("at the March meeting in 2025"), else
    the latest such month up to the meeting the chunk's letter is about ("de JBZ-Raad van december"
    in the letter on March 2026 is December 2025); a month the sentence names without a year may be any."""
    dated = chunk.meeting_date or chunk.date or ""

    def year_of(month: int) -> int | None:
        if len(years) == 1:
            return int(next(iter(years)))
        if not dated[:4].isdigit():
            return None
        return int(dated[:4]) - (1 if month > int(dated[5:7]) else 0)

    return any(month == m and (year is None or (y or year_of(m)) is None or year == (y or year_of(m)))
               for month, year in told for m, y in asked)


def _on_object(topic: TopicTerms, terms: list[str], x: ScoredSentence, chunk_only: bool, before: int = 2) -> bool:
    """Is ``x`` about what the question is about: does it, one of the ``before`` sentences before
    it ("dit verdrag", "de volgende stap") or the heading of its item hold the rarest of the
    question's object ``terms`` (with ``chunk_only``, of those its chunk holds: an English
    question's words come through the glossary and may be written otherwise)? No terms: True."""
    if chunk_only:
        text = searchable_text(x.hit.chunk)
        terms = [t for t in terms if topic.mentions(t, text)]
    if not terms:
        return True
    return topic.mentions(topic.rarest(terms), f"{x.hit.chunk.heading or ''} {sentence_before(x, before)} {x.text}")


def _as_asked(word: str, question: str) -> str:
    """``word`` as the question writes it ("BBB", not "bbb"), else as it is."""
    m = re.search(rf"\b{re.escape(word)}\b", question, re.I)
    return m.group(0) if m else word


def _actor_name(actor: str, language: str) -> str:
    """How a message names one asked to have acted: "de Eerste Kamer", "France"."""
    if actor in ACTOR_NAMES[language]:
        return ACTOR_NAMES[language][actor]
    return FOREIGN_COUNTRIES[actor] if language == "en" else actor


def _footnotes_of(q: Question, x: ScoredSentence) -> list[ScoredSentence]:
    """The footnotes ``x`` points to that hold the fact ``q`` asks for, as sentences of its chunk."""
    text = x.hit.chunk.text
    return [ScoredSentence(x.hit_rank, x.hit, a, b, text[a:b], x.similarity, x.features, True, x.probability)
            for a, b in cited_footnotes(text, x.text) if has_fact(q, text[a:b])]


def _fact_kind(q: Question) -> str:
    if q.answer_type in FACT_CHECKS:
        return q.answer_type
    return (q.claim_kinds or ["other"])[0]


def _pieces(text: str) -> Iterator[str]:
    """Word-sized pieces, so extractive answers stream like generated ones."""
    for m in re.finditer(r"\S+\s*", text):
        yield m.group(0)
