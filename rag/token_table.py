"""A model's token-embedding table read from its weight file on demand, not held in memory.

Multilingual models spend most of their weights on the vocabulary: EmbeddingGemma's
table is 262,144 tokens x 768 (201M of its 308M parameters, 403 MB in bfloat16),
multilingual-e5-small's 250,037 x 384 (96 MB in float32). A question or a chunk
touches a few hundred of those rows. :func:`map_token_tables` swaps each large
``nn.Embedding`` for a :class:`MappedTable` that reads just the rows a batch needs
from the (sha256-verified) safetensors file through a read-only memory map. The
vectors are bit-identical: a row cast to bfloat16 after the lookup equals the same
row of a table cast before it. The operating system keeps the rows in use in its
page cache, shared by every process that maps the file, and can drop them under
memory pressure; none of it is the process's own memory.

Example:
    >>> from sentence_transformers import SentenceTransformer
    >>> from rag.provision import provision_e5
    >>> folder = provision_e5()
    >>> model = SentenceTransformer(str(folder), device="cpu")
    >>> before = model.encode(["query: Europol"])
    >>> map_token_tables(model[0].auto_model, folder / "model.safetensors") > 90_000_000
    True
    >>> bool((model.encode(["query: Europol"]) == before).all())
    True
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from rag.files import safetensors_header

# Tables smaller than this (positions, token types) are not worth a file read per batch.
MIN_ROWS = 32_768
_CHECK_ROWS = 64


class MappedTable(nn.Module):
    """Looks rows up in a float32 table in a file; the output takes the model's dtype.

    Args:
        path: The safetensors file.
        offset: Byte offset of the table in it.
        shape: (rows, columns).
        scale: Multiplier of every row (Gemma scales its embeddings by sqrt(width)), or None.
    """

    def __init__(self, path: Path, offset: int, shape: tuple[int, int], scale: torch.Tensor | None = None) -> None:
        super().__init__()
        self.path, self.offset, self.shape, self.scaled = str(path), offset, shape, scale is not None
        # A buffer, so model.to(torch.bfloat16) casts it; its dtype is the output's, as
        # the table's own dtype was before the swap.
        self.register_buffer("embed_scale", (scale if scale is not None else torch.tensor(1.0)).clone(),
                             persistent=False)
        self.table = self._open()

    def _open(self) -> np.memmap:
        return np.memmap(self.path, dtype="<f4", mode="r", offset=self.offset, shape=self.shape)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        rows = np.asarray(self.table[input_ids.reshape(-1).cpu().numpy()])
        out = torch.from_numpy(rows).to(self.embed_scale.dtype).view(*input_ids.shape, self.shape[1])
        return out * self.embed_scale if self.scaled else out

    # sentence-transformers' worker pool pickles the model: send where the table is, not the table.
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("table", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.table = self._open()


def _file_key(header: dict[str, Any], name: str) -> str | None:
    want = f"{name}.weight"
    return next((k for k in header if k == want or k.endswith("." + want) or want.endswith("." + k)), None)


def table_in_file(model: nn.Module, module: nn.Module, weights: Path) -> tuple[int, tuple[int, int]] | None:
    """Byte offset and shape of ``module``'s table (an ``nn.Embedding`` of ``model``) in the
    safetensors file ``weights``, when the file holds it unchanged in float32; else None.

    The entry must have the table's shape, and a sample of its rows must equal what the
    model loaded.
    """
    try:
        header, data_start = safetensors_header(weights)
    except (OSError, ValueError, struct.error):
        return None
    name = next((n for n, m in model.named_modules() if m is module), None)
    key = _file_key(header, name) if name is not None else None
    entry = header.get(key) if key else None
    shape = tuple(module.weight.shape)
    if (not entry or entry.get("dtype") != "F32" or tuple(entry.get("shape", ())) != shape
            or module.weight.dtype != torch.float32):
        return None
    offset = data_start + entry["data_offsets"][0]
    table = np.memmap(weights, dtype="<f4", mode="r", offset=offset, shape=shape)
    sample = np.linspace(0, shape[0] - 1, _CHECK_ROWS).astype(np.int64)
    if not np.array_equal(table[sample], module.weight.detach()[torch.from_numpy(sample)].numpy()):
        return None
    return offset, shape


def map_token_tables(model: nn.Module, weights: Path) -> int:
    """Replace each large embedding table of ``model`` that ``weights`` holds unchanged in
    float32 by a :class:`MappedTable`. Call it before casting the model to another dtype.

    A table is only swapped when :func:`table_in_file` finds it in the file; anything
    else is left as it is.

    Args:
        model: The transformer (``SentenceTransformer(...)[0].auto_model``).
        weights: The safetensors file the model was loaded from.

    Returns:
        Bytes of table memory the model no longer holds.
    """
    freed = 0
    for name, module in list(model.named_modules()):
        if not isinstance(module, nn.Embedding) or module.num_embeddings < MIN_ROWS:
            continue
        found = table_in_file(model, module, weights)
        if found is None:
            continue
        scale = getattr(module, "embed_scale", None)
        mapped = MappedTable(weights, found[0], found[1], scale if isinstance(scale, torch.Tensor) else None)
        parent_name, _, attr = name.rpartition(".")
        setattr(model.get_submodule(parent_name) if parent_name else model, attr, mapped)
        freed += module.weight.numel() * module.weight.element_size()
    return freed
