"""A large document's inline tokens are read in two processes (parser._read_inlines); the result must not depend on
it."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from listlint import forking, parser
from listlint.parser import inline
from listlint.source import SourceText

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the split forks, on Linux only")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PARENT = os.getpid()


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Split from the first character on, whatever threads earlier tests left running; count the forks."""
    started: list[int] = []
    real_start = forking.start

    def counting_start(work: Callable[[], Any]) -> Callable[[], Any]:
        started.append(1)
        return real_start(work)

    monkeypatch.setattr(parser, "SPLIT_MIN_CHARS", 0)
    monkeypatch.setattr(forking, "can_fork", lambda: True)
    monkeypatch.setattr(forking, "start", counting_start)
    return started


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*/*.md")), ids=lambda p: p.name)
def test_split_reads_the_same_document_as_one_process(forks: list[int], path: Path) -> None:
    source = SourceText(path.read_text(encoding="utf-8"))
    one = parser.parse(source, path.name)
    two = parser.parse(source, path.name, workers=2)
    assert forks == [1]
    assert two == one  # every entry, link, span, heading (rendered text too) and block
    assert one.links or one.entries  # something to compare (a README of code has no entries)


def test_a_child_that_dies_leaves_its_half_to_the_parent(forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    real_read = parser.read_inline

    def dies_in_child(*args: Any) -> Any:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_read(*args)

    text = "# T\n\n- [a](https://a.org) `x`\n\n## U\n\n- [b](https://b.org) <https://c.org>\n"
    source = SourceText(text)
    one = parser.parse(source)
    monkeypatch.setattr(parser, "read_inline", dies_in_child)
    two = parser.parse(source, workers=2)
    assert forks == [1]
    assert two == one
    assert [link.url for link in two.links] == ["https://a.org", "https://b.org", "https://c.org"]


def test_small_documents_and_one_worker_are_not_split(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    monkeypatch.setattr(forking, "start", lambda work: started.append(1))
    parser.parse("# T\n\n- [a](https://a.org)\n" * 10, workers=2)  # far below SPLIT_MIN_CHARS
    monkeypatch.setattr(parser, "SPLIT_MIN_CHARS", 0)
    parser.parse("# T\n\n- [a](https://a.org)\n" * 10)  # workers=1
    assert started == []


def test_facts_cross_the_pipe_unchanged() -> None:
    """Every kind of link and span comes back equal from its plain-tuple form."""
    text = (
        "# T\n\n[![ci](https://img.example/b.svg)](https://ci.example) `code` <b>x</b> <https://auto.example>\n"
        "[ref][r] https://bare.example/p. <a href='https://html.example'>h</a> [](<>)\n\n[r]: https://ref.example\n"
    )
    md = parser._markdown()
    env: dict[str, Any] = {inline.RECORDS: {}, inline.DEFER_INLINE: True}
    tokens = md.parse(text, env)
    source = SourceText(text)
    read = [inline.read_inline(md, tokens, i, env, source) for i, t in enumerate(tokens) if t.type == "inline"]
    facts = [f for f, _ in read]
    kinds = {link.kind.value for f in facts for link in f.links}
    assert kinds >= {"inline", "image", "autolink", "bare", "html", "reference"}
    assert any(f.code_spans for f in facts) and any(f.html_spans for f in facts)
    assert [inline.unpack_facts(inline.pack_facts(f)) for f in facts] == facts
