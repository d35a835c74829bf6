"""Start-up: sentence-transformers is imported without scikit-learn, and nothing breaks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CHECK = """
import sys
from rag.startup import import_sentence_transformers
st = import_sentence_transformers()
print("sklearn after the import:", "sklearn" in sys.modules)
print("placeholder left behind:", "sklearn.metrics" in sys.modules)
import numpy as np
from sentence_transformers.util.similarity import pairwise_distances
print("manhattan:", pairwise_distances(np.array([[0.0, 1.0], [2.0, 3.0]]), metric="manhattan").tolist())
from sklearn.metrics import f1_score
from sklearn.linear_model import LogisticRegression
print("real metrics:", f1_score([0, 1, 1], [0, 1, 0]), LogisticRegression.__name__)
"""


def run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_sentence_transformers_is_imported_without_scikit_learn_which_still_works_after():
    out = run(CHECK)
    assert "sklearn after the import: False" in out
    assert "placeholder left behind: False" in out
    # The one function that wanted it loads the real module when called.
    assert "manhattan: [[0.0, 4.0], [4.0, 0.0]]" in out
    assert "real metrics: 0.6666666666666666 LogisticRegression" in out


def test_scikit_learn_imported_first_is_left_as_it_is():
    out = run("import sklearn.metrics as m, sys\n"
              "from rag.startup import import_sentence_transformers\n"
              "import_sentence_transformers()\n"
              "from sentence_transformers.util import similarity\n"
              "print(sys.modules['sklearn.metrics'] is m, similarity.pairwise_distances is m.pairwise_distances)")
    assert out.strip() == "True True"


def test_another_thread_importing_scikit_learn_during_the_import_gets_working_modules():
    out = run("""
import importlib.util, sys, threading, time
from rag.startup import import_sentence_transformers
seen = []
def other():
    deadline = time.time() + 60
    while type(sys.modules.get("sklearn.metrics")).__name__ != "_MetricsPlaceholder" and time.time() < deadline:
        time.sleep(0.001)
    seen.append(type(sys.modules.get("sklearn.metrics")).__name__)
    seen.append(importlib.util.find_spec("sklearn.metrics") is not None)
    from sklearn.metrics.pairwise import euclidean_distances
    from sklearn.metrics import f1_score
    seen.append((float(euclidean_distances([[0, 0]], [[3, 4]])[0][0]), f1_score([1, 0], [1, 0])))
worker = threading.Thread(target=other)
worker.start()
import_sentence_transformers()
worker.join()
print(seen)
""")
    assert out.strip() == "['_MetricsPlaceholder', True, (5.0, 1.0)]"
