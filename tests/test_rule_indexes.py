"""The shortcuts the LL1xx-LL3xx rules take for speed find exactly what the plain scans they replace found.

Each helper below answers a question the rules used to answer by looking at every line, character or block; these
tests compare the helper with that plain scan on awkward texts (CR, CRLF, tabs, runs of mojibake across the helper's
block boundaries) and on the corpus lists.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from conftest import corpus_dir

from listlint.parser import parse
from listlint.rules.ll11_whitespace import ASCII_BLOCK, MOJIBAKE_RUN, _blank_ended_lines, _mojibake_runs
from listlint.source import SourceText

PIECES = ["a", "b c", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "- [x](u)", "Ã©", "â€™", "é", "深度", "🚀"]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _corpus_texts() -> list[str]:
    return [path.read_bytes().decode("utf-8") for path in sorted(corpus_dir().rglob("*.md"))]


class _Doc:
    """Just enough of a Document for the source-level helpers."""

    def __init__(self, text: str) -> None:
        self.source = SourceText(text)
        self._memo: dict[str, object] = {}

    @property
    def text(self) -> str:
        return self.source.text

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


def test_lines_as_source_gives_them() -> None:
    texts = ["", "\n", "\r", " ", "\t\r\n", "a \r\rb\t", *_texts(3000, 1), *_corpus_texts()]
    for text in texts:
        doc: Any = _Doc(text)
        source = doc.source
        lines = [source.line(i) for i in range(source.line_count)]
        assert source.lines() == lines, repr(text)
        assert _blank_ended_lines(doc) == [i for i, line in enumerate(lines) if line[-1:] in (" ", "\t")], repr(text)


def _runs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _mojibake_runs(text)]


@pytest.mark.parametrize("offset", [0, 1, ASCII_BLOCK - 3, ASCII_BLOCK - 1, ASCII_BLOCK, 2 * ASCII_BLOCK - 2])
def test_mojibake_runs_across_blocks(offset: int) -> None:
    garbled = "â€™Ã©"  # a run of four characters of the pattern
    for tail in ("", "x", "ü" * 3, "x" * ASCII_BLOCK + "Ã©"):
        text = "x" * offset + garbled + tail + "y" * 10
        assert _runs(text) == [m.span() for m in MOJIBAKE_RUN.finditer(text)]
    long = "Ã©" * ASCII_BLOCK  # a run over several blocks
    text = "x" * offset + long
    assert _runs(text) == [m.span() for m in MOJIBAKE_RUN.finditer(text)] == [(offset, offset + len(long))]


def test_mojibake_runs_of_random_and_corpus_texts() -> None:
    rng = random.Random(2)
    texts = _corpus_texts()
    for _ in range(300):  # mostly-ASCII texts with a few garbled runs anywhere
        chars = ["x"] * rng.randint(0, 4 * ASCII_BLOCK)
        for _ in range(rng.randint(0, 6)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(["Ã©", "â€™", "é", "Ã", "深", "ïŒŒ"]))
        texts.append("".join(chars))
    for text in texts:
        assert _runs(text) == [m.span() for m in MOJIBAKE_RUN.finditer(text)]


def test_items_and_links_are_in_document_order() -> None:
    """The bisections of LL201, LL203 and find_toc rely on it, and LL203 on each marker being on its item's line."""
    for text in _corpus_texts():
        document = parse(text)
        lines = [item.line for item in document.list_items]
        assert lines == sorted(lines)
        assert all(document.source.line_index(item.marker_span.start) == item.line for item in document.list_items)
        starts = [link.full_span.start for link in document.links]
        assert starts == sorted(starts)
