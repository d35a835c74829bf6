"""Answers with citations.

The default answer is extractive: verbatim sentences from the retrieved chunks,
each run of sentences followed by ``[n]``, the sources list built from chunk
metadata. Nothing is generated, so nothing can be invented. When the letters do
not answer the question, it says so (``answered: false``) and still shows the
closest passages as "misschien relevant".

Optionally an OpenAI-compatible endpoint (``RAG_LLM_BASE_URL``) writes the answer;
it is checked (every ``[n]`` must exist, and the sentence citing it must share
content with that source) and replaced by the extractive answer when it fails.

Example:
    >>> from rag.answer import Answerer
    >>> from rag.retrieve import Retriever
    >>> from rag.store import Store
    >>> answer = Answerer(Retriever(Store("index"))).ask("Wat is de Nederlandse positie over Europol?")
    >>> answer.answered, answer.citations[0].item_title
    (True, 'Toekomst van Europol')
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from rag.documents import Chunk
from rag.language import detect_language
from rag.embed import model_family
from rag.retrieve import Filters, Hit, Retriever
from rag.sentences import split_sentences
from rag.store import DutchAnalyzer

NOT_FOUND = {
    "nl": "Ik heb hierover geen duidelijk antwoord gevonden in de brieven.",
    "en": "I did not find a clear answer to this in the letters.",
}

# Words that say what kind of question it is, not what it is about.
GENERIC_WORDS = set(
    """wat welke wie wanneer waar waarom hoe hoeveel is zijn was wordt worden de het een van en in op over
    voor met om naar bij door dat die dit deze er nederland nederlandse nederlands kabinet regering positie
    standpunt inzet vindt vinden denkt denken kijkt staat steunt steun volgens mening visie houding the a an
    of to and is are what which who when where why how does do did dutch netherlands government position
    view stance think about on regarding cabinet its their minister ministers brief brieven letter letters
    zegt say says wil willen want kan kunnen moet moeten neemt nemen gaat gaan doet doen maakt maken krijgt
    krijgen geeft geven komt komen zal zullen heeft hebben u uw jullie wij we ons onze er nog ook al welk""".split()
)
POSITION_QUESTION = re.compile(
    r"\b(positie|standpunt|inzet|wat vindt|vindt nederland|vindt het kabinet|steunt|staat .* tegenover|"
    r"kijkt .* aan|houding|mening|position|stance|view|think|support|welcome)\b",
    re.IGNORECASE,
)
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
ANSWER_TYPES = [
    # (question pattern, what a sentence that answers it contains)
    (re.compile(r"^\s*(vanaf |tot )?wanneer\b|^\s*when\b|\bop welke datum\b|\bin welk jaar\b", re.I),
     re.compile(rf"\b(\d{{1,2}} ({_MONTHS})|({_MONTHS})( \d{{4}}| dit jaar| jl\.| a\.s\.)|\b(19|20)\d\d\b|"
                rf"\bQ[1-4]\b|kwartaal|dit jaar|volgend jaar|jaarlijks)", re.I)),
    (re.compile(r"^\s*hoeveel\b|^\s*how (many|much)\b|\bhoe(veel)? (groot|hoog)\b|\bpercent|procent", re.I),
     re.compile(r"\d|\b(een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|"
                r"zestien|zeventien|achttien|negentien|twintig|honderd|duizend|miljoen|miljard)\b", re.I)),
    (re.compile(r"^\s*wie\b|^\s*who\b", re.I),
     re.compile(r"\b(minister|staatssecretaris|commissaris|voorzitter|coördinator|[A-Z]\.[A-Z]?\.? ?[A-Z][a-z]+)\b")),
]
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

    @property
    def marked_text(self) -> str:
        """The chunk text with the quoted sentences between ``«`` and ``»``."""
        text = self.chunk.text
        out, last = [], 0
        for start, end in sorted(self.quotes):
            out += [text[last:start], "«", text[start:end], "»"]
            last = end
        out.append(text[last:])
        return "".join(out)

    def to_dict(self) -> dict[str, object]:
        c = self.chunk
        return {
            "n": self.n, "doc_id": c.doc_id, "title": c.title, "date": c.date,
            "section": c.section, "item_no": c.item_no, "item_title": c.item_title,
            "item_type": c.item_type, "page_start": c.page_start, "page_end": c.page_end,
            "text": self.marked_text, "quotes": [c.text[s:e] for s, e in self.quotes],
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
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }


# ----------------------------------------------------------------------------- scoring


@dataclass
class ScoredSentence:
    hit_rank: int
    hit: Hit
    start: int
    end: int
    text: str
    similarity: float
    coverage: float
    score: float


@dataclass
class ExtractiveSettings:
    """Weights of the sentence score and the answer thresholds (per model: :meth:`for_model`)."""

    top_chunks: int = 5
    max_words: int = 120
    max_sentences: int = 4
    w_similarity: float = 1.0
    w_coverage: float = 0.35
    w_heading: float = 0.08
    w_position: float = 0.12
    w_rank: float = 0.06
    w_answer_type: float = 0.08
    # The sentence after the best one continues it ("X is voorgesteld. Nederland steunt dit.").
    w_next: float = 0.1
    # Quote sentences scoring at least this share of the best one (fitted on train fact accuracy) ...
    keep_ratio: float = 0.6
    # ... and from another chunk than the best one only this close to the best.
    other_chunk_ratio: float = 0.9
    # The thresholds below are EmbeddingGemma's, fitted on the train splits and chosen
    # on dev (eval/calibrate_answers.py, eval/reports/answer-calibration.md).
    # Dutch questions: answer when the best sentence is this similar to the question ...
    min_similarity: float = 0.3
    # ... and its chunk mentions this share of the question's topic (IDF-weighted) ...
    min_share: float = 0.65
    # ... or this much IDF mass of it (long questions have many terms; a few rare ones suffice).
    min_mass: float = 4.0
    # A sentence this similar answers even without shared words.
    sure_similarity: float = 0.5
    # English questions share no words with Dutch letters: similarity alone decides.
    min_similarity_english: float = 0.4

    @classmethod
    def for_model(cls, model: str) -> ExtractiveSettings:
        """The thresholds calibrated for ``model``: similarity scales differ per model."""
        return cls(**MODEL_SETTINGS.get(model_family(model), {}))


# Where a model's calibrated values differ from the defaults above.
MODEL_SETTINGS: dict[str, dict[str, float]] = {
    # Calibrated on the earlier dev sets; E5's cosines run much higher than EmbeddingGemma's.
    "multilingual-e5-small": {"min_similarity": 0.80, "min_share": 0.45, "min_mass": 5.0, "sure_similarity": 0.88,
                              "min_similarity_english": 0.83, "keep_ratio": 0.85, "other_chunk_ratio": 0.98},
}


@dataclass
class Evidence:
    """Why an answer is (not) given: the best sentence and how much of the topic its chunk covers."""

    best: ScoredSentence
    share: float
    mass: float
    has_topic: bool


class Vocabulary:
    """Document frequencies of stemmed words in the indexed chunks, so that rare,
    specific words weigh more than common ones when a question's topic is matched."""

    def __init__(self, texts: list[str], analyzer: DutchAnalyzer) -> None:
        self.n_docs = max(len(texts), 1)
        self.df: dict[str, int] = {}
        for text in texts:
            for token in set(analyzer(text)):
                self.df[token] = self.df.get(token, 0) + 1
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
        words = [w for w in re.findall(r"[0-9a-zà-ÿ]+(?:-[0-9a-zà-ÿ]+)*", question.lower()) if w not in GENERIC_WORDS]
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
        settings: Extractive weights and threshold.
        llm: An optional LLM client (see :mod:`rag.llm`); None means extractive only.
    """

    def __init__(self, retriever: Retriever, settings: ExtractiveSettings | None = None, llm=None) -> None:
        self.retriever = retriever
        self.settings = settings or ExtractiveSettings.for_model(retriever.embedder.name)
        self.llm = llm
        self.analyzer = DutchAnalyzer()
        self._vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None or self._vocabulary.n_docs != max(len(self.retriever.chunks), 1):
            from rag.store import searchable_text

            self._vocabulary = Vocabulary([searchable_text(c) for c in self.retriever.chunks.values()], self.analyzer)
        return self._vocabulary

    # -- the one entry point
    def ask(
        self, question: str, filters: Filters | None = None, on_token: Callable[[str], None] | None = None
    ) -> Answer:
        """Answer ``question`` with citations.

        Args:
            question: Dutch or English.
            filters: Restrict the letters searched.
            on_token: Called with each piece of text as the answer is produced (streaming).
        """
        t0 = time.perf_counter()
        question = question.strip()
        language = detect_language(question)
        qvec = self.retriever.embed_query(question)
        hits = self.retriever.search(question, k=max(self.settings.top_chunks, 10), filters=filters, qvec=qvec)
        t1 = time.perf_counter()
        answer = self._extractive(question, language, hits, qvec)
        if self.llm is not None and hits:
            answer = self.llm.answer(question, language, hits, answer, on_token=on_token)
        elif on_token is not None:
            for piece in _pieces(answer.answer):
                on_token(piece)
        t2 = time.perf_counter()
        answer.hits = hits
        answer.timings_ms = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        return answer

    # -- extractive
    def score_sentences(self, question: str, hits: list[Hit], qvec: np.ndarray) -> list[ScoredSentence]:
        s = self.settings
        topic = TopicTerms(question, self.analyzer, self.vocabulary)
        wants_position = bool(POSITION_QUESTION.search(question))
        wants = [cue for pattern, cue in ANSWER_TYPES if pattern.search(question)]
        top = hits[: s.top_chunks]
        vectors = self.retriever.store.sentence_vectors([h.chunk.id for h in top])
        scored: list[ScoredSentence] = []
        for rank, hit in enumerate(top, start=1):
            heading_on_topic = topic.coverage(hit.chunk.heading) > 0
            spans = vectors.get(hit.chunk.id) or []
            if not spans:  # sentences missing from the store: split, no similarity
                spans = [(x.start, x.end, None) for x in split_sentences(hit.chunk.text)]
            footnotes_at = hit.chunk.text.find("\n\nVoetnoten:")
            for start, end, vec in spans:
                if footnotes_at >= 0 and start >= footnotes_at:
                    continue
                text = hit.chunk.text[start:end]
                if len(text.split()) < 4:
                    continue
                sim = float(vec @ qvec) if vec is not None else 0.0
                cov = topic.coverage(text)
                score = (
                    s.w_similarity * sim
                    + s.w_coverage * cov
                    + s.w_heading * heading_on_topic
                    + s.w_position * (wants_position and bool(POSITION_CUE.search(text)))
                    + s.w_answer_type * any(cue.search(text) for cue in wants)
                    + s.w_rank / rank
                )
                scored.append(ScoredSentence(rank, hit, start, end, text, sim, cov, score))
        self._continuations(scored, wants_position, wants)
        scored.sort(key=lambda x: -x.score)
        return scored

    def _continuations(self, scored: list[ScoredSentence], wants_position: bool, wants: list) -> None:
        """Lift the sentence after the best one when it carries what the question asks for."""
        if not scored:
            return
        best = max(scored, key=lambda x: x.score)
        following = [x for x in scored if x.hit.chunk.id == best.hit.chunk.id and x.start > best.start]
        if not following:
            return
        nxt = min(following, key=lambda x: x.start)
        carries = (wants_position and POSITION_CUE.search(nxt.text)) or any(c.search(nxt.text) for c in wants)
        if carries:
            nxt.score += self.settings.w_next + self.settings.w_coverage * best.coverage * 0.5

    def evidence(self, question: str, scored: list[ScoredSentence]) -> Evidence:
        from rag.store import searchable_text

        topic = TopicTerms(question, self.analyzer, self.vocabulary)
        best = scored[0]
        share = topic.coverage(searchable_text(best.hit.chunk))
        return Evidence(best, share, share * sum(topic.weights.values()), bool(topic.terms))

    def is_answerable(self, ev: Evidence, language: str) -> bool:
        s = self.settings
        sim = ev.best.similarity
        if sim >= s.sure_similarity:
            return True
        if language == "en" or not ev.has_topic:
            return sim >= s.min_similarity_english
        return sim >= s.min_similarity and (ev.share >= s.min_share or ev.mass >= s.min_mass)

    def _extractive(self, question: str, language: str, hits: list[Hit], qvec: np.ndarray) -> Answer:
        s = self.settings
        scored = self.score_sentences(question, hits, qvec)
        if not scored or not self.is_answerable(self.evidence(question, scored), language):
            related = [Citation(i, h.chunk, score=h.score) for i, h in enumerate(hits[:3], start=1)]
            if scored:
                for cit in related:
                    best = next((x for x in scored if x.hit.chunk.id == cit.chunk.id), None)
                    if best:
                        cit.quotes = [(best.start, best.end)]
            return Answer(question, NOT_FOUND[language], False, "extractive", language, [], related)

        picked: list[ScoredSentence] = []
        words = 0
        floor = scored[0].score * s.keep_ratio
        home = scored[0].hit.chunk.id
        for cand in scored:
            if cand.score < floor or len(picked) >= s.max_sentences:
                break
            if cand.hit.chunk.id != home and cand.score < scored[0].score * s.other_chunk_ratio:
                continue
            n = len(cand.text.split())
            if picked and words + n > s.max_words:
                continue
            if any(_near_duplicate(cand.text, p.text) for p in picked):
                continue
            picked.append(cand)
            words += n
        return self._compose(question, language, picked)

    def _compose(self, question: str, language: str, picked: list[ScoredSentence]) -> Answer:
        # Document order: by letter, then place in the letter.
        def order(x: ScoredSentence):
            c = x.hit.chunk
            return (c.doc_id, c.page_start, c.section or "", int(c.item_no or 0), c.split_id, x.start)

        picked = sorted(picked, key=order)
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
        return Answer(question, " ".join(parts), True, "extractive", language, list(numbers.values()))


def _near_duplicate(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > 0.6


def _pieces(text: str) -> Iterator[str]:
    """Word-sized pieces, so extractive answers stream like generated ones."""
    for m in re.finditer(r"\S+\s*", text):
        yield m.group(0)
