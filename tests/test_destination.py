"""listlint's link destination parser (parser/destination.py) must return exactly what markdown-it-py's own
``parseLinkDestination`` returns, for any input: the parser swaps it in for speed, not to change what a link is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.helpers import parseLinkDestination

from listlint.parser import parse
from listlint.parser.destination import parse_link_destination
from listlint.parser.inline import make_markdown

# runs of the characters CommonMark treats specially in a destination, between ordinary ones
PIECES = st.sampled_from(["(", ")", "((", "))", "<", ">", "\\", "\\ ", "\\(", "\\)", "\\>", "\\\n", " ", "\n", "\t",
                          "\x00", "\x1f", "\x7f", "&amp;", "&#40;", "&bogus;", "a", "url", "é", "论文", "https://x.org/"])
SOURCES = st.lists(PIECES, max_size=30).map("".join)


def _same(string: str, pos: int, maximum: int) -> None:
    theirs, ours = parseLinkDestination(string, pos, maximum), parse_link_destination(string, pos, maximum)
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str), (string, pos, maximum)


@settings(max_examples=3000, deadline=None)
@given(SOURCES, st.data())
def test_same_as_markdown_it_on_generated_input(string: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(string)))
    maximum = data.draw(st.integers(pos, len(string)))
    _same(string, pos, maximum)


@pytest.mark.parametrize("string", [
    "", "<", "<>", "<a b>", "<a\nb>", "<a<b>", "<a\\>b>", "<a\\", "a\\", "a\\ b", "a\\\nb", "(a)", "(a", "a)",
    "a(b)c) d", "(" * 32 + ")" * 32, "(" * 33 + ")" * 33, "a\x7fb", "a&amp;b\\*c", "https://x.org/a_(b)?q=1#f z",
])
def test_same_as_markdown_it_on_edge_cases(string: str) -> None:
    for pos in range(len(string) + 1):
        for maximum in range(pos, len(string) + 1):
            _same(string, pos, maximum)


def test_the_parser_uses_it_and_links_keep_their_urls() -> None:
    assert make_markdown().helpers.parseLinkDestination is parse_link_destination
    text = "- [A](<a b.pdf>) [B](https://x.org/f_(1)) [C](https://y.org/\\(x) ![D](img.png)\n"
    assert [link.url for link in parse(text).links] == ["a b.pdf", "https://x.org/f_(1)", "https://y.org/\\(x",
                                                        "img.png"]
