"""Lists written in HTML: a block of lines that each link one named thing and describe it.

``&nbsp;&nbsp; <a href="https://www.zsh.org/"><b>Zsh</b></a> - is a shell designed for interactive use.<br>``:
the-book-of-secret-knowledge writes its ~900 entries so, inside ``<p>`` blocks, and a reader sees a list. Each such
line is an entry titled by its link's text; a block counts when at least two of its lines, and at least half of
those with words, have this shape, and most of them describe their link (a row of navigation links, a centred
banner, is no list).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from listlint.model import Entry, Layout, Link
from listlint.parser.blocks import HTML_TAG, Walk, html_words
from listlint.regex import lazy
from listlint.source import SourceText, Span

HTML_LINE = lazy(
    r"[ \t]*(?:(?:&nbsp;|&emsp;|&ensp;)[ \t]*)*(?:[-*•·][ \t]+)?"
    r"<a\s[^>]*?\b(?P<href>href)\s*=\s*(?:\"[^\"]*\"|'[^']*')[^>]*>(?P<inner>.+?)</a>(?P<rest>.*)",
    re.IGNORECASE,
)
ALIGNED = lazy(r"\balign\s*=", re.IGNORECASE)
# what opens a description after the link, and a line break or paragraph end closing it
DESCRIPTION_EDGES = " \t-–—:,"
LINE_BREAK = lazy(r"(?:[ \t]*<br\s*/?>|[ \t]*</?p>)+[ \t]*$", re.IGNORECASE)


# an HTML anchor opening a list item, in a paragraph or a ``<p>`` block: ``- <p><a href="url">Name</a> words</p>``
ITEM_ANCHOR = lazy(
    r"[ \t]*(?:<p\b[^>]*>[ \t]*)?<a\s[^>]*?\b(?P<href>href)\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+)[^>]*>"
    r"(?P<inner>.+?)</a>",
    re.IGNORECASE,
)


def leading_anchor(text: str, start: int, end: int) -> re.Match[str] | None:
    """The HTML anchor ``<a href="url">Name</a>`` that opens ``text[start:end]`` (after a ``<p>``), when it names
    something (its words are not empty)."""
    match = ITEM_ANCHOR.match(text, start, end)
    return match if match is not None and html_words(match.group("inner")) else None


def anchor_description(text: str, start: int, end: int) -> str:
    """The words after an item's HTML anchor (``</a> is a dataset of …</p>``), as a browser shows them."""
    return html_words(LINE_BREAK.sub("", text[start:end])).strip(DESCRIPTION_EDGES + ".")


def html_line_entries(walk: Walk, source: SourceText, section_title: Callable[[int], str]) -> list[Entry]:
    """The entries of the document's top-level HTML blocks written as lines of links (see the module)."""
    text = source.text
    out: list[Entry] = []
    links_by_start: dict[int, Link] | None = None
    for block in walk.blocks:
        if block.kind != "html" or block.depth != 0 or "href" not in text[block.span.start : block.span.end]:
            continue
        found: list[tuple[int, re.Match[str]]] = []
        worded = 0
        for line in range(block.line, block.end_line):
            start, end = source.line_start(line), source.line_end(line)
            if not HTML_TAG.sub("", text[start:end]).replace("&nbsp;", "").strip():
                continue  # "<p>", "</p>", a line of markup only
            worded += 1
            match = HTML_LINE.fullmatch(text, start, end)
            if match is not None and html_words(match.group("inner")):
                found.append((line, match))
        described = sum(1 for _, match in found if _description(match))
        if len(found) < 2 or 2 * len(found) < worded or 2 * described < len(found) or ALIGNED.search(
                text, block.span.start, source.line_end(block.line)):
            continue  # a row of navigation links, a centred banner: no description, no list
        if links_by_start is None:
            links_by_start = {link.full_span.start: link for link in walk.html_links}
        for line, match in found:
            link = links_by_start.get(match.start("href"))  # the block's links start at their href
            if link is not None:
                out.append(_entry(text, line, match, link, section_title(line)))
    return out


def _description(match: re.Match[str]) -> str:
    return html_words(LINE_BREAK.sub("", match.group("rest"))).strip(DESCRIPTION_EDGES)


def _entry(text: str, line: int, match: re.Match[str], link: Link, section: str) -> Entry:
    title = html_words(match.group("inner"))
    inner_start = match.start("inner")
    at = text.find(title, inner_start, match.end("inner"))
    return Entry(
        layout=Layout.CITATION,
        title=title,
        title_span=Span(at, at + len(title)) if at >= 0 else None,
        links=(link,),
        primary_link=link,
        status=None,
        tags=(),
        bibtex=(),
        description=_description(match),
        children=(),
        span=Span(match.start(), match.end()),
        line=line,
        section=section,
    )
