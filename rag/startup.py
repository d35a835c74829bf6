"""Import sentence-transformers without what it imports and never uses here.

sentence-transformers imports scikit-learn's metrics module when it is imported, for one
similarity function (``pairwise_distances``) that no model of ours calls; scikit-learn
in turn imports scipy.stats and more. Here that is ~1.5 s of the app's start to its first
answer (``bench/app_start.py``). While sentence-transformers is imported, a placeholder
stands in for ``sklearn.metrics``: any attribute read from it, and the function when it
is called, import the real module. The placeholder leaves ``sys.modules`` as soon as the
import is done, so later imports of scikit-learn (the eval scripts fit models with it)
get the real one.

Example:
    >>> from rag.startup import import_sentence_transformers
    >>> import_sentence_transformers().__name__
    'sentence_transformers'
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
import types
from importlib.machinery import ModuleSpec
from typing import Any

_METRICS = "sklearn.metrics"
_lock = threading.Lock()


class _MetricsPlaceholder(types.ModuleType):
    """``sklearn.metrics`` until someone reads from it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # import machinery probing (__path__, __spec__, ...)
            raise AttributeError(name)
        return getattr(_real_metrics(self), name)


def _real_metrics(placeholder: types.ModuleType) -> types.ModuleType:
    if sys.modules.get(_METRICS) is placeholder:
        del sys.modules[_METRICS]
    return importlib.import_module(_METRICS)


def import_sentence_transformers() -> types.ModuleType:
    """The ``sentence_transformers`` module, imported without scikit-learn when nothing has
    imported scikit-learn's metrics yet."""
    with _lock:
        if "sentence_transformers" in sys.modules or _METRICS in sys.modules:
            return importlib.import_module("sentence_transformers")
        found = importlib.util.find_spec("sklearn")  # finds the package, imports nothing
        if found is None or not found.submodule_search_locations:
            return importlib.import_module("sentence_transformers")
        placeholder = _MetricsPlaceholder(_METRICS)
        # A package's spec and path, so that find_spec and submodule imports by another
        # thread during the window work as they would on the real module.
        where = [os.path.join(next(iter(found.submodule_search_locations)), "metrics")]
        placeholder.__spec__ = ModuleSpec(_METRICS, None, is_package=True)
        placeholder.__spec__.submodule_search_locations = where
        placeholder.__path__ = where  # type: ignore[attr-defined]

        def pairwise_distances(*args: Any, **kwargs: Any) -> Any:
            return _real_metrics(placeholder).pairwise_distances(*args, **kwargs)

        placeholder.pairwise_distances = pairwise_distances  # type: ignore[attr-defined]
        sys.modules[_METRICS] = placeholder
        try:
            return importlib.import_module("sentence_transformers")
        finally:
            if sys.modules.get(_METRICS) is placeholder:
                del sys.modules[_METRICS]
