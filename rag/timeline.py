"""A topic over time: for each letter that states a Dutch position on it, in date
order, the sentences that state it, cited.

Staff re-index after every council, so the index holds several letters on the same
topic. A timeline shows how the position moved. A letter counts only when one of its
sentences is on the topic *and* states a position (the kabinet or Nederland
supports, wants, rejects, ...; :data:`rag.evidence.POSITION_CUE`): letters that only
mention the topic in passing are left out, and so are undated ones.

Example:
    >>> from rag.answer import Answerer
    >>> from rag.retrieve import Retriever
    >>> from rag.store import Store
    >>> timeline = build_timeline(Answerer(Retriever(Store("index"))), "terugkeerhubs")
    >>> [entry.date for entry in timeline.entries] == sorted(entry.date for entry in timeline.entries)
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.answer import Answerer, Citation
from rag.evidence import GENERIC_WORDS
from rag.question import analyse, in_dutch
from rag.retrieve import Filters


@dataclass
class TimelineEntry:
    """One letter's position on the topic."""

    citation: Citation

    @property
    def date(self) -> str | None:
        return self.citation.chunk.date

    @property
    def sentences(self) -> list[str]:
        return [self.citation.chunk.text[s:e] for s, e in self.citation.quotes]

    def to_dict(self) -> dict[str, object]:
        c = self.citation.chunk
        return {"date": c.date, "doc_id": c.doc_id, "title": c.title, "council": c.council,
                "meeting_date": c.meeting_date, "sentences": self.sentences, "citation": self.citation.to_dict()}


@dataclass
class Timeline:
    """The letters that state a position on ``topic``, oldest first."""

    topic: str
    entries: list[TimelineEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"topic": self.topic, "entries": [e.to_dict() for e in self.entries]}


# A position needs someone who holds it and a word that states it ("het kabinet steunt",
# "voor Nederland is het van belang", "volgens het kabinet"); "het kabinet informeert u"
# is no position, and what parliament's parties or committees ask is not the kabinet's.
HOLDER = re.compile(r"\b(Nederland|NL|[Hh]et kabinet|kabinet|regering)\b")
STANCE = re.compile(
    r"\b(steun\w*|verwelkom\w*|onderschrij\w*|hecht\w*|pleit\w*|voorstander|tegenstander|kritisch\w*|positie[fv]\w*|"
    r"terughoudend|wenst|wil|willen|inzet|zet zich|zetten zich|belang|prioriteit|instemmen|stemt in|verzet\w*|"
    r"wijst af|voorop|gewezen op|benadrukt|benadrukken|onderstre\w*|waardering|meerwaarde|mogelijkheden|noodzaak|"
    r"acht|vindt|volgens|zorgen|bezwaar|bezwaren|voorbehoud|ambitie|ambitieus|aandacht|uit te werken|uitwerk\w*|"
    r"verken\w*|in gesprek|oproep\w*|roept op|essentieel|cruciaal|noodzakelijk)\b", re.IGNORECASE)
NOT_HOLDER = re.compile(r"\b(fracties?|leden van de|vaste commissie|[Kk]amerleden|[Kk]amerlid)\b")


def states_position(sentence: str) -> bool:
    """Whether ``sentence`` states a Dutch position: a holder and a stance word, and not
    a question or remark of parliament's parties."""
    return bool(HOLDER.search(sentence) and STANCE.search(sentence) and not NOT_HOLDER.search(sentence))


GENERAL_TAILS = ("beleid", "strategie", "aanpak", "kwestie", "dossier", "vraagstuk", "problematiek")


class TopicMention:
    """Whether a sentence names the topic itself: a word of the text starts with a topic
    word or its stem (``terugkeerhubs`` names ``terugkeerhub``; ``terugkeer`` does not),
    for words that make up at least half the topic's weight by rarity."""

    def __init__(self, topic: str, answerer: Answerer) -> None:
        words = {w for w in re.findall(r"[0-9a-zà-ÿ]+", topic.lower()) if w not in GENERIC_WORDS and len(w) >= 3}
        vocabulary = answerer.vocabulary
        self.keys: dict[tuple[str, ...], float] = {}
        for w in words:
            stems = answerer.analyzer(w)
            # "visumbeleid" is about visa: a general tail word leaves the compound's head.
            head = next((w[: -len(t)] for t in GENERAL_TAILS if w.endswith(t) and len(w) - len(t) >= 4), None)
            keys = tuple({w.rstrip("s") if len(w) > 4 else w, *stems, *([head] if head else [])})
            if any(vocabulary.doc_freq(k) for k in stems):
                self.keys[keys] = vocabulary.idf(stems[0]) if stems else 1.0
        self.total = sum(self.keys.values())

    def __call__(self, text: str) -> bool:
        if not self.total:
            return False
        tokens = re.findall(r"[0-9a-zà-ÿ]+", text.lower())
        hit = sum(weight for keys, weight in self.keys.items() if any(t.startswith(k) for t in tokens for k in keys))
        return hit / self.total >= 0.5


def build_timeline(answerer: Answerer, topic: str, filters: Filters | None = None, candidates: int = 30,
                   per_letter: int = 3) -> Timeline:
    """The timeline of ``topic`` in the letters ``answerer`` searches.

    Args:
        answerer: Its retriever finds the passages, its sentence model ranks their sentences.
        topic: A few words (``terugkeerhubs``, ``Europol``), Dutch or English.
        filters: Restrict the letters (dates, council, ...).
        candidates: How many retrieved chunks to read.
        per_letter: At most this many sentences per letter.
    """
    topic = topic.strip()
    question = f"Wat is de positie van Nederland over {in_dutch(topic) if analyse(topic).language == 'en' else topic}?"
    q = analyse(question)
    retriever = answerer.retriever
    qvec = retriever.embed_query(question)
    hits = retriever.search(question, k=candidates, filters=filters, qvec=qvec)
    mentions = TopicMention(in_dutch(topic), answerer)
    chosen: dict[str, list] = {}
    for sent in answerer.score_sentences(q, hits, qvec, top_chunks=candidates):
        chunk = sent.hit.chunk
        # Inside an agenda item on the topic, a position need not repeat the topic's name.
        on_topic = mentions(sent.text) or mentions(chunk.item_title or "")
        if not chunk.date or not on_topic or not states_position(sent.text):
            continue
        mine = chosen.setdefault(chunk.doc_id, [])
        # One citation per letter: its sentences from the chunk that states the position best.
        if len(mine) < per_letter and (not mine or mine[0].hit.chunk.id == chunk.id):
            mine.append(sent)
    entries = []
    for sents in chosen.values():
        cit = Citation(0, sents[0].hit.chunk, sorted((s.start, s.end) for s in sents), score=sents[0].hit.score)
        entries.append(TimelineEntry(cit))
    entries.sort(key=lambda e: (e.date or "", e.citation.chunk.doc_id))
    for n, entry in enumerate(entries, start=1):
        entry.citation.n = n
    return Timeline(topic, entries)
