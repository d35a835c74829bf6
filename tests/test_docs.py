"""Every module's docstring examples run, from a folder laid out as the README sets it up
(`data/` and an indexed `index/`), so an example cannot silently go stale."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import rag
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
MODULES = sorted(m.name for m in pkgutil.iter_modules(rag.__path__))


@pytest.fixture(scope="module")
def project_folder(tmp_path_factory, letters_store):
    """A working folder like a fresh checkout after `make run`: the bundled data, the eval
    sets and an index."""
    folder = tmp_path_factory.mktemp("checkout")
    for name in ("data", "eval"):
        (folder / name).symlink_to(ROOT / name)
    (folder / "index").symlink_to(letters_store.path)
    return folder


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, project_folder, monkeypatch):
    monkeypatch.chdir(project_folder)
    monkeypatch.delenv("RAG_STORE", raising=False)
    monkeypatch.delenv("RAG_LLM_BASE_URL", raising=False)
    module = importlib.import_module(f"rag.{name}")
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = [t for t in finder.find(module) if t.examples]
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in rag/{name}.py failed (output above)"
    if module.__doc__ and ">>>" in module.__doc__:
        assert result.attempted > 0


def test_no_example_is_skipped():
    # An example that cannot run is removed, not skipped: a skipped one rots unseen.
    skipped = [name for name in MODULES if "doctest: +SKIP" in (ROOT / "rag" / f"{name}.py").read_text()]
    assert not skipped, skipped
