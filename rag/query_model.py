"""Questions embedded by ONNX Runtime, without torch: EmbeddingGemma exported once.

Answering a question needs one short forward pass of the embedding model. Through
sentence-transformers that costs importing torch, transformers and
sentence-transformers (~4.5 s of the app's start to its first answer) and ~85 ms per
question here; the same graph run by ONNX Runtime imports in a fraction of a second
and embeds a question in about half the time (``bench/app_start.py``,
``bench/ask_scale.py``).

``rag provision`` exports the verified model once (:func:`export_query_model`, ~1-2
minutes, needs torch): the transformer, mean pooling, both dense layers and the
normalisation become one ONNX graph from token vectors to the sentence vector. The
token-embedding table (201M of the 308M parameters) is left out of the graph: it is
read from the sha256-verified weight file through a memory map, as the torch path
does (:mod:`rag.token_table`). Before the export is kept, its vectors are compared
with sentence-transformers' own on questions, passages longer than the model's
512-token attention window and a padded batch; anything below cosine 0.9999 is refused.
The export's files are pinned by sha256 in its ``query-model.json`` and checked again
before each load, as the model's own files are.

What is indexed is still embedded by sentence-transformers. Questions take this path, and
so do the passages that are never stored (the LLM grounding check's claims, sentences
missing from the vector cache).

Example:
    >>> from rag.query_model import QueryModel, export_dir
    >>> from rag.gemma import model_dir, pinned_sha256
    >>> qm = QueryModel.load(model_dir(), export_dir(model_dir()), pinned_sha256())
    >>> qm.encode([qm.query_prompt + "Wat is de Nederlandse positie over Europol?"]).shape
    (1, 768)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.files import (file_sha256, file_stamp, safetensors_header, verify_unless_unchanged,
                       write_json_atomic)
from rag.provision import ProvisionError

META = "query-model.json"
STAMP = ".verified.json"
GRAPH = "model.onnx"
FORMAT = 2
# The source files the export depends on; their sha256 at export is recorded and must be
# the pinned sha256 the model folder was verified against.
SOURCE_FILES = ("model.safetensors", "tokenizer.json")
STALE_S = 3600
MIN_COSINE = 0.9999
BATCH = 16

# What the export is checked on: questions as staff type them, and passages in and
# beyond the model's 512-token sliding attention window.
CHECK_QUESTIONS = (
    "Wat is de Nederlandse positie over Europol?",
    "NL inzet JBZ-Raad maart 2026 migratiepact",
    "Does the Netherlands support the return regulation?",
    "klopt het dat de Commissie een voorstel doet over ETIAS?",
    "x",
)
_PARAGRAPH = (
    "De Raad zal naar verwachting een algemene oriëntatie bereiken over het voorstel voor een "
    "verordening betreffende terugkeer. Het kabinet steunt de inzet van het voorzitterschap en "
    "hecht eraan dat de lidstaten voldoende ruimte houden voor nationale procedures. "
)
CHECK_PASSAGES = (
    "Nederland kan de algemene oriëntatie steunen.",
    _PARAGRAPH * 3,
    _PARAGRAPH * 14,  # ~1,000 tokens: beyond the sliding window
)

Log = Callable[[str], None]


def export_dir(source: Path) -> Path:
    """Where the export of the model folder ``source`` lives: beside it."""
    return source.parent / f"{source.name}-onnx"


def _table_entry(source: Path, model: Any) -> dict[str, Any]:
    """Where the input-embedding table lies in the weight file, and its scale."""
    from rag.token_table import table_in_file

    weights = source / "model.safetensors"
    module = model.get_input_embeddings()
    found = table_in_file(model, module, weights)
    if found is None:
        raise ProvisionError(f"{weights}: the token-embedding table is not stored there as float32; no export")
    offset, shape = found
    scale = getattr(module, "embed_scale", None)
    return {"file": "model.safetensors", "offset": offset, "shape": list(shape),
            "scale": float(scale) if scale is not None else None}


class QueryModel:
    """A model's exported graph run by ONNX Runtime, its table read from the weight file.

    Args:
        source: The verified model folder (tokenizer and weight file).
        folder: The export (graph, weights, ``query-model.json``).

    Attributes:
        dim: Vector size.
        query_prompt: Text put before each question.
        passage_prompt: Text put before each passage (for the export's check).
    """

    def __init__(self, source: Path, folder: Path, meta: dict[str, Any]) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.source, self.folder, self.meta = source, folder, meta
        self.dim = int(meta["dim"])
        self.query_prompt = meta["query_prompt"]
        self.passage_prompt = meta["passage_prompt"]
        self.tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(int(meta["max_seq_length"]))
        self.pad_id = int(meta["pad_id"])
        table = meta["table"]
        self.table = np.memmap(source / table["file"], dtype="<f4", mode="r", offset=int(table["offset"]),
                               shape=tuple(table["shape"]))
        self.scale = np.float32(table["scale"]) if table["scale"] is not None else None
        options = ort.SessionOptions()
        options.log_severity_level = 3  # warnings about unused initialisers mean nothing to users
        self.session = ort.InferenceSession(str(folder / GRAPH), options, providers=["CPUExecutionProvider"])

    @classmethod
    def load(cls, source: Path, folder: Path, pinned: Mapping[str, str]) -> QueryModel | None:
        """The export in ``folder`` of the model in ``source``, checked; None when there is
        none (or one of an older format, which ``rag provision`` replaces).

        Args:
            source: The model folder, already verified.
            folder: The export.
            pinned: sha256 by file name that ``source`` was verified against.

        Raises:
            ProvisionError: the export exists but cannot be used: a file changed since it
                was checked, it was made from other weights, or ONNX Runtime refuses it.
        """
        meta_file = folder / META
        if not meta_file.is_file():
            return None
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                return None
            made_from = meta["source"]["sha256"]
            if any(made_from.get(name) != pinned.get(name) for name in SOURCE_FILES):
                raise ProvisionError(f"{folder}: exported from other weights than {source}; "
                                     "run rag provision --force")
            verify_export(folder, meta)
            _check_table(source, meta)
            return cls(source, folder, meta)
        except ProvisionError:
            raise
        except Exception as exc:  # a broken file or an ONNX Runtime that refuses the graph
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise ProvisionError(f"{folder}: the question model cannot be loaded ({type(exc).__name__}: {first}); "
                                 "run rag provision --force") from exc

    def _batch(self, ids: list[list[int]]) -> np.ndarray:
        width = max(len(i) for i in ids)
        tokens = np.full((len(ids), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, seq in enumerate(ids):
            tokens[row, :len(seq)] = seq
            mask[row, :len(seq)] = 1
        embeds = np.asarray(self.table[tokens.reshape(-1)]).reshape(len(ids), width, -1)
        if self.scale is not None:
            embeds = embeds * self.scale
        return self.session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Unit vectors for ``texts`` (prompts already in them), in their order; a progress
        bar over the batches when ``progress``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # alike lengths pad little
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        starts: Any = range(0, len(order), BATCH)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="Vectoren", unit="batch")
        for start in starts:
            part = order[start:start + BATCH]
            out[part] = self._batch([ids[i] for i in part])
        return out


def verify_export(folder: Path, meta: dict[str, Any]) -> None:
    """Re-hash the export's files unless they, and ``query-model.json``, are as they were
    when last checked (same size and modification time)."""

    def rehash() -> None:
        for name, (size, sha) in meta["files"].items():
            path = folder / name
            if not path.is_file():
                raise ProvisionError(f"{path}: missing from the question model; run rag provision --force")
            if path.stat().st_size != size or file_sha256(path) != sha:
                raise ProvisionError(f"{path}: not the file that was exported and checked; "
                                     "run rag provision --force")

    verify_unless_unchanged(folder, sorted(meta["files"]) + [META], STAMP, rehash)


def _check_table(source: Path, meta: dict[str, Any]) -> None:
    """The table ``query-model.json`` points at must be a float32 tensor of that shape
    where it says, in the weight file."""
    table = meta["table"]
    header, start = safetensors_header(source / table["file"])
    if not any(entry.get("dtype") == "F32" and entry.get("shape") == table["shape"]
               and start + entry["data_offsets"][0] == table["offset"] for entry in header.values()):
        raise ProvisionError(f"{source / table['file']}: holds no token table where {META} says; "
                             "run rag provision --force")


def _max_seq_length(st: Any) -> int:
    return int(getattr(st, "max_seq_length", None) or 2048)


def export_query_model(source: Path, target: Path | None = None, log: Log = print) -> Path:
    """Export the sentence-transformers model in ``source`` for :class:`QueryModel`.

    The graph maps token vectors and the attention mask to the normalised sentence
    vector. It is kept only when its vectors equal sentence-transformers' own
    (cosine >= 0.9999) on :data:`CHECK_QUESTIONS` and :data:`CHECK_PASSAGES`, one by
    one and as one padded batch.

    Args:
        source: The verified model folder.
        target: Where the export goes; :func:`export_dir` of ``source`` when None.
        log: Where progress messages go.

    Raises:
        ProvisionError: the model cannot be exported or its export gives other vectors.
    """
    import torch

    from rag.startup import import_sentence_transformers

    import logging

    target = target or export_dir(source)
    log("vraagmodel: exporteren voor ONNX Runtime (eenmalig, 1-2 minuten)")
    # The exporter's notices (torchvision is absent, axis names) mean nothing to users.
    for name in ("torch.onnx", "torch.export", "transformers"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    except ImportError:
        pass
    st = import_sentence_transformers().SentenceTransformer(str(source), device="cpu")
    st.eval()
    body = st[0].auto_model
    table = _table_entry(source, body)
    rest = list(st)[1:]

    class Graph(torch.nn.Module):
        """Token vectors to sentence vector: the model minus its table lookup."""

        def __init__(self) -> None:
            super().__init__()
            self.body = body
            self.rest = torch.nn.ModuleList(rest)

        def forward(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.body(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state
            features = {"token_embeddings": hidden, "attention_mask": attention_mask}
            for module in self.rest:
                features = module(features)
            return features["sentence_embedding"]

    prompts = getattr(st, "prompts", {}) or {}
    tokenizer = st.tokenizer
    sample = tokenizer(["Europol", "Wat is de Nederlandse positie?"], padding=True, return_tensors="pt")
    embeds = body.get_input_embeddings()(sample["input_ids"]).detach()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(".export-*"):  # left by an export that was killed
        if time.time() - stale.stat().st_mtime > STALE_S:
            shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq")
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the exporter's notes on axis names and deprecations
            torch.onnx.export(
                Graph().eval(), (embeds, sample["attention_mask"]), str(tmp / GRAPH), dynamo=True,
                input_names=["inputs_embeds", "attention_mask"], output_names=["sentence_vector"],
                dynamic_shapes={"inputs_embeds": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
                external_data=True, verbose=False,
            )
        files = sorted(p.name for p in tmp.iterdir() if p.is_file())
        meta = {
            "format": FORMAT,
            "source": {"sha256": {name: file_sha256(source / name) for name in SOURCE_FILES}},
            "table": table,
            "dim": int(st.get_embedding_dimension() if hasattr(st, "get_embedding_dimension")
                       else st.get_sentence_embedding_dimension()),
            "query_prompt": prompts.get("query", ""),
            "passage_prompt": prompts.get("document") or prompts.get("passage", ""),
            "max_seq_length": _max_seq_length(st),
            "pad_id": int(tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0),
            "files": {n: [(tmp / n).stat().st_size, file_sha256(tmp / n)] for n in files},
            "exported_with": {"torch": torch.__version__},
        }
        log("vraagmodel: vergelijken met sentence-transformers")
        meta["min_cosine"] = _compare(st, QueryModel(source, tmp, meta), meta)
        if meta["min_cosine"] < MIN_COSINE:
            raise ProvisionError(f"{tmp / GRAPH}: its vectors differ from sentence-transformers' "
                                 f"(cosine {meta['min_cosine']:.6f} < {MIN_COSINE}); refused")
        write_json_atomic(tmp / META, meta)
        write_json_atomic(tmp / STAMP, file_stamp(tmp, files + [META]))
        # Readable by the user the app runs as, who need not be the one who provisioned.
        for path in tmp.iterdir():
            path.chmod(0o644)
        tmp.chmod(0o755)
        # The old export is moved aside, not deleted first: a reader finds one or the other.
        aside = tmp.with_name(tmp.name + "-old")
        if target.exists():
            os.replace(target, aside)
        os.replace(tmp, target)
        shutil.rmtree(aside, ignore_errors=True)
    except ProvisionError:
        raise
    except Exception as exc:  # torch.export raises many kinds; the user needs one line
        raise ProvisionError(f"{source}: the question model could not be exported ({type(exc).__name__}: "
                             f"{str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r})") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log(f"vraagmodel: {target} (cosinus met sentence-transformers >= {meta['min_cosine']:.7f})")
    return target


def _compare(st: Any, model: QueryModel, meta: dict[str, Any]) -> float:
    """The lowest cosine between the export's vectors and sentence-transformers' own."""
    texts = [meta["query_prompt"] + q for q in CHECK_QUESTIONS] + [meta["passage_prompt"] + p for p in CHECK_PASSAGES]
    reference = st.encode(texts, batch_size=1, normalize_embeddings=True, convert_to_numpy=True)
    one_by_one = np.concatenate([model.encode([t]) for t in texts])
    batched = model.encode(texts)  # one padded batch
    return float(min((reference * one_by_one).sum(1).min(), (reference * batched).sum(1).min()))

