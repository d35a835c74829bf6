"""Wrapped, hyphenated lines back into running text."""

from __future__ import annotations

import pytest

from rag.documents import Line
from rag.text import footnote_marker_re, unwrap


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["het EU-", "drugsbeleid"], "het EU-drugsbeleid"),
        (["het vernieuwde Eurodac-", "systeem"], "het vernieuwde Eurodac-systeem"),
        (["het veilig-", "derde-land-concept"], "het veilig-derde-land-concept"),
        (["herziening veilig-derde-land-", "concept"], "herziening veilig-derde-land-concept"),
        (["de asiel-", "en migratieagenda"], "de asiel- en migratieagenda"),
        (["een struc-", "tureel karakter"], "een structureel karakter"),
    ],
)
def test_unwrap_undoes_hyphenation_only_where_safe(lines, joined):
    text, _ = unwrap([Line(t, 1) for t in lines], width=66)
    assert text == joined


def test_a_footnote_marker_is_a_number_glued_to_a_word():
    marker = footnote_marker_re(5)
    assert marker.search("zie het BNC-fiche5, dat")
    assert marker.search("operationaliseren5 en")
    assert not marker.search("in 2025 is")
    assert not marker.search("artikel 5 van")
