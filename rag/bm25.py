"""The keyword side of search: a BM25 index over chunk texts, with the Dutch analyzer
(lower-case, split, drop stop words, Snowball-stem) that the answer and grounding
stages also use to compare words.

The index is a cache in the store folder (``<store>/bm25``), saved per store
generation: :class:`rag.store.Store` rebuilds it from Chroma whenever the generation
it was built at is not Chroma's, or its texts are not the ones the store indexes now.

Example:
    >>> from rag.bm25 import DutchAnalyzer
    >>> DutchAnalyzer()("De Raad van de Europese Unie")
    ['raad', 'europes', 'unie']
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

from rag.files import write_json_atomic
from rag.language import WORD_RE


class DutchAnalyzer:
    """Lower-case, split, drop Dutch stop words, Snowball-stem."""

    def __init__(self) -> None:
        self.stemmer = Stemmer.Stemmer("dutch")
        self.stopwords = set(STOPWORDS_DUTCH)

    def words(self, text: str) -> list[str]:
        """The words that are stemmed: lower-cased, split at hyphens, stop words dropped."""
        return [part for w in WORD_RE.findall(text.lower()) for part in w.split("-")
                if len(part) > 1 and part not in self.stopwords]

    def __call__(self, text: str) -> list[str]:
        return self.stemmer.stemWords(self.words(text))


SYNONYMS_FILE = Path(__file__).with_name("synonyms_nl.tsv")


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Each stemmed word of ``rag/synonyms_nl.tsv`` and the stem of its group's first word
    (the grounding check and the count check read words of one group as one)."""
    analyzer = DutchAnalyzer()
    out: dict[str, str] = {}
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, words = line.split("\t", 1)
        canonical = analyzer(head)[0]
        for word in [head, *words.split("|")]:
            for stem in analyzer(word):
                out.setdefault(stem, canonical)
    return out


class KeywordSnapshot:
    """One built or loaded BM25 index and the chunk ids of its rows; never changed after it
    is made, so a reader that took it scores against ids that belong to it."""

    def __init__(self, ids: list[str], model: bm25s.BM25 | None, generation: int, analyzer: DutchAnalyzer) -> None:
        self.ids = ids
        self.generation = generation
        self._model = model
        self._analyzer = analyzer

    def doc_freqs(self) -> dict[str, int]:
        """How many chunks hold each stemmed word."""
        if self._model is None or not self.ids:
            return {}
        counts = np.diff(self._model.scores["indptr"])
        return {token: int(counts[i]) for token, i in self._model.vocab_dict.items() if token and token != "_"}

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed chunk for ``query`` (in ``self.ids`` order)."""
        tokens = self._analyzer(query)
        if self._model is None or not self.ids or not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        known = [t for t in tokens if t in self._model.vocab_dict]
        if not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)


def _folder_generation(name: str) -> int:
    """The generation of a cache folder's name ("g12", "g12t2"); -1 for another name."""
    digits = name[1:].split("t", 1)[0]
    return int(digits) if digits.isdigit() else -1


class BM25Index:
    """Keyword index over chunk texts, kept beside the vector store.

    What it holds is one :class:`KeywordSnapshot` (``current``), replaced whole by
    :meth:`build` and :meth:`load`: questions score while another thread reloads, and
    none of them meets a half-built index or ids of another generation."""

    def __init__(self, folder: Path, *, texts: int) -> None:
        self.folder = folder
        # Which texts the caller indexes (rag.documents.KEYWORD_TEXTS): a cache of other
        # texts, left by an older version, is not read.
        self.texts = texts
        self.analyzer = DutchAnalyzer()
        self.current = KeywordSnapshot([], None, -1, self.analyzer)

    @property
    def ids(self) -> list[str]:
        return self.current.ids

    @property
    def generation(self) -> int:
        return self.current.generation

    def build(self, ids: list[str], texts: list[str], generation: int = 0, replace: bool = False) -> None:
        """Build the index and save it as the cache of ``generation``.

        Saved into a folder of its own and then pointed to (``current.json``, replaced
        atomically), so a reader in another process never loads a half-written index.
        With ``replace``, a saved cache of that generation is replaced: a writer building
        ahead of its new generation may find one left by a writer that stopped before
        publishing it (readers build what the generation they read holds, as another
        reader of it would: the first saved is kept)."""
        ids = list(ids)
        model = bm25s.BM25()
        if ids:
            model.index([self.analyzer(t) or ["_"] for t in texts], show_progress=False)
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._saved(generation)
        if replace and target.exists():
            aside = Path(tempfile.mkdtemp(dir=self.folder, prefix=".old-"))
            os.rename(target, aside / target.name)
            shutil.rmtree(aside, ignore_errors=True)
        if not target.exists():
            work = Path(tempfile.mkdtemp(dir=self.folder, prefix=".build-"))
            if ids:
                model.save(str(work))
            (work / "ids.json").write_text(json.dumps(ids))
            try:
                os.rename(work, target)
            except OSError:  # another process saved this generation first: theirs is the same
                shutil.rmtree(work, ignore_errors=True)
        write_json_atomic(self.folder / "current.json", {"generation": generation, "folder": target.name, "texts": self.texts})
        self.current = KeywordSnapshot(ids, model, generation, self.analyzer)
        # Not a newer generation's: a reader rebuilding the generation it reads may finish after a
        # writer saved the next one, ahead of publishing it, and that writer's readers load it.
        for old in self.folder.glob("g*"):
            if old != target and old.is_dir() and _folder_generation(old.name) <= generation:
                shutil.rmtree(old, ignore_errors=True)

    def _saved(self, generation: int) -> Path:
        """The folder the cache of ``generation`` is saved in (the texts' version in its name)."""
        return self.folder / (f"g{generation}" if self.texts == 1 else f"g{generation}t{self.texts}")

    def load(self, generation: int | None = None) -> bool:
        """Load the cache of ``generation`` (else the one ``current.json`` points to); False when it
        is missing, unreadable or of other texts. A generation's folder is complete once it
        exists (it is renamed into place), so it is read by name, whatever the pointer says."""
        try:
            if generation is None:
                current = json.loads((self.folder / "current.json").read_text())
                if current.get("texts", 1) != self.texts:
                    return False
                generation = int(current.get("generation", 0))
            folder = self._saved(generation)
            ids = json.loads((folder / "ids.json").read_text())
            model = bm25s.BM25.load(str(folder)) if ids else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False
        self.current = KeywordSnapshot(ids, model, generation, self.analyzer)
        return True
