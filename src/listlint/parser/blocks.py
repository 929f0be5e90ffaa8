"""Walk markdown-it-py block tokens once and collect block-level facts with line ranges and exact spans."""


import re
from collections.abc import Mapping
from typing import Any

from listlint.model import BibtexBlock, Block, Heading, Link, ListBlock, ListItem
from listlint.parser.inline import InlineFacts, html_block_links
from listlint.records import Record
from listlint.regex import lazy
from listlint.source import SourceText, Span

ORDERED_MARKER = lazy(r"(\d{1,9})([.)])")
BIBTEX_LABELS = frozenset({"bibtex", "bib", "biblatex", "tex-bibtex"})
BIBTEX_START = lazy(r"\s*@[A-Za-z]+\s*[{(]")
FRONT_MATTER_FENCE = lazy(r"^(---|\+\+\+)[ \t]*$")
# BibTeX in HTML blocks: ``<pre>`` or ``<pre><code>`` elements (see _html_bibtex_blocks)
PRE_HINT = lazy(r"<pre[\s>]", re.IGNORECASE)
PRE_OPEN = lazy(r"<pre(?=[\s>])[^>]*>", re.IGNORECASE)
PRE_CLOSE = lazy(r"</pre\s*>", re.IGNORECASE)
CODE_OPEN = lazy(r"\s*<code(?=[\s>])[^>]*>", re.IGNORECASE)
CODE_CLOSE_AT_END = lazy(r"</code\s*>\s*\Z", re.IGNORECASE)
CODE_CLOSE_AFTER = lazy(r"\s*</code\s*>", re.IGNORECASE)
HTML_COMMENT = lazy(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# a tag, or a character reference (``&amp;``, ``&#38;``, ``&#x26;``): text a browser does not show as written
HTML_MARKUP = lazy(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


class InlineUnit(Record):
    """One inline-bearing block (heading text, paragraph, table cell) and what it contains."""

    kind: str  # "heading", "paragraph", "cell"
    line: int
    end_line: int
    item: int | None  # innermost list item holding it
    content: str
    facts: InlineFacts
    in_quote: bool = False


class Walk:
    """What one pass over markdown-it's tokens collects; the entry builder reads it."""

    __slots__ = ("blocks", "headings", "items", "lists", "inlines", "bibtex", "html_links", "html_headings", "stream")

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.headings: list[Heading] = []
        self.items: list[ListItem] = []
        self.lists: list[ListBlock] = []
        self.inlines: list[InlineUnit] = []
        self.bibtex: list[BibtexBlock] = []
        self.html_links: list[Link] = []
        # ``<h2 id="surveys">Tutorials and Surveys</h2>`` alone in an HTML block: sections, not headings of the
        # page's Markdown outline (GitHub gives them no anchor; the heading rules leave them)
        self.html_headings: list[Heading] = []
        # ordered stream of ("heading", Heading) / ("inline", InlineUnit) / ("item", ListItem) /
        # ("fence", Block, BibtexBlock|None, item index|None): a fence, or an HTML block's ``<pre>`` of BibTeX
        self.stream: list[tuple[Any, ...]] = []


def front_matter_end(source: SourceText) -> int:
    """Number of lines of a leading YAML/TOML front matter block (0 when there is none)."""
    if source.line_count < 2 or not FRONT_MATTER_FENCE.match(source.line(0)):
        return 0
    fence = source.line(0).strip()
    for index in range(1, min(source.line_count, 500)):
        line = source.line(index).rstrip()  # the closing fence starts the line, like the opening one
        if line == fence or (fence == "---" and line == "..."):
            return index + 1
    return 0


def _trim_end(source: SourceText, start: int, end: int) -> int:
    """``end`` moved back over trailing blank lines (markdown-it maps often include them)."""
    while end > start + 1 and not source.line(end - 1).strip():
        end -= 1
    return end


def bibtex_blocks(tokens: list[Any], source: SourceText) -> dict[int, list[BibtexBlock]]:
    """The BibTeX blocks of the document, not yet parsed, by the index of the token holding them: a fence whose label
    or content says BibTeX, or the ``<pre>`` elements of an HTML block outside blockquotes."""
    found: dict[int, list[BibtexBlock]] = {}
    quote_depth = 0
    for i, token in enumerate(tokens):
        ttype = token.type
        if ttype == "fence":
            bib = _bibtex_block(token, source, *token.map)
            if bib is not None:
                found[i] = [bib]
        elif ttype == "html_block":
            if not quote_depth and PRE_HINT.search(token.content):
                elements = _html_bibtex_blocks(source, source.lines_span(*token.map), _stripped(token, source))
                if elements:
                    found[i] = elements
        elif ttype == "blockquote_open":
            quote_depth += 1
        elif ttype == "blockquote_close":
            quote_depth -= 1
    return found


def walk(tokens: list[Any], read: Mapping[int, tuple[InlineFacts, str | None]],
         bibtex: Mapping[int, list[BibtexBlock]], source: SourceText, front_lines: int) -> Walk:
    """One pass over the block tokens; ``read`` holds what each inline token holds (:func:`.inline.read_inline`),
    ``bibtex`` the BibTeX blocks by token (:func:`bibtex_blocks`, parsed)."""
    w = Walk()
    text = source.text
    if front_lines:
        w.blocks.append(Block("front_matter", source.lines_span(0, front_lines), 0, front_lines))
    item_stack: list[int] = []
    list_stack: list[tuple[int, list[int], Any]] = []  # (list index, item indices, open token)
    quote_depth = 0
    table_line: int | None = None
    pending_heading: Any = None
    heading_count = 0
    for i, token in enumerate(tokens):
        ttype = token.type
        if ttype == "inline":
            line0 = token.map[0] if token.map else 0
            line1 = token.map[1] if token.map else line0 + 1
            facts, rendered = read[i]
            if pending_heading is not None:
                # a heading that opens a list item ("- ### Arrays") is the outline's, the item its section; one
                # further into an item ("1. **Paper**" ... "    #### Citation") heads a part of the item's notes
                in_item_body = bool(item_stack) and w.items[item_stack[-1]].line != line0
                w.headings.append(_heading(pending_heading, token, source, facts, rendered or "",
                                           nested=in_item_body or quote_depth > 0))
                unit = InlineUnit("heading", line0, line1, item_stack[-1] if item_stack else None, token.content, facts,
                                  quote_depth > 0)
                w.stream.append(("heading", w.headings[-1], unit))
                w.inlines.append(unit)
                heading_count += 1
                continue
            kind = "cell" if table_line is not None else "paragraph"
            unit = InlineUnit(kind, line0, line1, item_stack[-1] if item_stack else None, token.content, facts,
                              quote_depth > 0)
            w.inlines.append(unit)
            w.stream.append(("inline", unit))
        elif ttype == "heading_open":
            pending_heading = token
        elif ttype == "heading_close":
            pending_heading = None
        elif ttype == "paragraph_open":
            if token.map:
                l0, l1 = token.map
                w.blocks.append(Block("paragraph", source.lines_span(l0, l1), l0, l1, len(list_stack) + quote_depth))
        elif ttype in ("bullet_list_open", "ordered_list_open"):
            index = len(w.lists)
            list_stack.append((index, [], token))
            w.lists.append(None)  # type: ignore[arg-type]  # placeholder, filled on close
        elif ttype in ("bullet_list_close", "ordered_list_close"):
            index, members, open_token = list_stack.pop()
            l0, l1 = open_token.map
            l1 = _trim_end(source, l0, l1)
            w.lists[index] = ListBlock(
                index=index,
                ordered=ttype == "ordered_list_close",
                items=tuple(members),
                depth=len(list_stack),
                parent_item=item_stack[-1] if item_stack else None,
                span=source.lines_span(l0, l1),
                line=l0,
                end_line=l1,
            )
            w.blocks.append(Block("list", source.lines_span(l0, l1), l0, l1, len(list_stack) + quote_depth))
        elif ttype == "list_item_open":
            list_index, members, open_token = list_stack[-1]
            item = _list_item(token, len(w.items), list_index, len(list_stack) - 1,
                              item_stack[-1] if item_stack else None, w.items, source)
            w.items.append(item)
            members.append(item.index)
            item_stack.append(item.index)
            w.stream.append(("item", item))
        elif ttype == "list_item_close":
            item_stack.pop()
        elif ttype in ("fence", "code_block"):
            l0, l1 = token.map
            kind = "fence" if ttype == "fence" else "code"
            block = Block(kind, source.lines_span(l0, l1), l0, l1, len(list_stack) + quote_depth, token.info.strip())
            w.blocks.append(block)
            bib = bibtex[i][0] if i in bibtex else None
            if bib is not None:
                w.bibtex.append(bib)
            w.stream.append(("fence", block, bib, item_stack[-1] if item_stack else None))
        elif ttype == "html_block":
            l0, l1 = token.map
            span = source.lines_span(l0, l1)
            block = Block("html", span, l0, l1, len(list_stack) + quote_depth)
            w.blocks.append(block)
            if "href" in (lowered := token.content.lower()) or "src" in lowered:
                w.html_links.extend(html_block_links(span.start, text[span.start : span.end]))
            if not list_stack and not quote_depth and token.content.lstrip().startswith(("<h", "<H")):
                heading = _html_heading(text, span, l0)
                if heading is not None:
                    w.html_headings.append(heading)
            for bib in bibtex.get(i, ()):
                w.bibtex.append(bib)
                w.stream.append(("fence", block, bib, item_stack[-1] if item_stack else None))
        elif ttype == "table_open":
            l0, l1 = token.map
            table_line = l0
            w.blocks.append(Block("table", source.lines_span(l0, l1), l0, l1, len(list_stack) + quote_depth))
        elif ttype == "table_close":
            table_line = None
        elif ttype == "blockquote_open":
            quote_depth += 1
            l0, l1 = token.map
            w.blocks.append(Block("blockquote", source.lines_span(l0, l1), l0, l1, len(list_stack) + quote_depth - 1))
        elif ttype == "blockquote_close":
            quote_depth -= 1
        elif ttype == "hr":
            l0, l1 = token.map
            w.blocks.append(Block("hr", source.lines_span(l0, l1), l0, l1, len(list_stack) + quote_depth))
    return w


def _heading(open_token: Any, inline: Any, source: SourceText, facts: InlineFacts, rendered: str, *,
             nested: bool = False) -> Heading:
    l0, l1 = open_token.map
    level = int(open_token.tag[1])
    style = "setext" if open_token.markup in ("=", "-") else "atx"
    content: str = inline.content
    line_text = source.line(l0)
    base = source.line_start(l0)
    if style == "atx":
        hashes = line_text.find("#")
        at = line_text.find(content, hashes + level) if content else -1
    else:
        at = line_text.find(content.split("\n")[0]) if content else -1
    if at < 0:  # an empty heading or text we cannot confirm: point at the end of the markers
        at = len(line_text.rstrip())
        text_span = Span(base + at, base + at)
    else:
        first_line = content.split("\n")[0]
        text_span = Span(base + at, base + at + len(first_line))
    return Heading(level, content, source.lines_span(l0, l1), text_span, style, l0, rendered=rendered, nested=nested)


# one heading element and nothing else; an `align` attribute makes a centred banner ("<h1 align="center">", "<h5
# align=center>Star us!</h5>"), decoration rather than a part of the list
HTML_HEADING = lazy(r"[ \t]*<h([1-6])(\s[^>]*)?>(.*?)</h\1[ \t]*>\s*", re.IGNORECASE | re.DOTALL)
HTML_TAG = lazy(r"<[^>]*>")


def html_words(fragment: str) -> str:
    """The words a browser shows for an HTML fragment: tags dropped (a ``<br>`` parts words), character references
    decoded, spaces collapsed."""
    import html  # markdown-it imported it already; here for the few files with HTML headings or lists

    shown = HTML_TAG.sub(lambda tag: " " if tag.group().lower().startswith("<br") else "", fragment)
    return " ".join(html.unescape(shown).split())


def _html_heading(text: str, span: Span, line: int) -> Heading | None:
    """The heading of an HTML block that is one ``<hN>`` element and nothing else, with its words as the text."""
    found = HTML_HEADING.fullmatch(text, span.start, span.end)
    if found is None or (found.group(2) and "align" in found.group(2).lower()):
        return None
    inner = found.group(3)
    words = html_words(inner)
    if not words:
        return None
    lead = len(inner) - len(inner.lstrip())
    text_span = Span(found.start(3) + lead, found.start(3) + len(inner.rstrip()))
    return Heading(int(found.group(1)), words, span, text_span, "html", line, rendered=words)


def _list_item(token: Any, index: int, list_index: int, depth: int, parent: int | None, items: list[ListItem],
               source: SourceText) -> ListItem:
    l0, l1 = token.map
    line = source.line(l0)
    base = source.line_start(l0)
    search_from = 0
    if parent is not None and items[parent].line == l0:
        search_from = items[parent].content_start - base
    ordered = token.markup in (".", ")")
    pos = search_from
    # skip indentation and blockquote markers before the list marker
    while pos < len(line) and line[pos] in " \t>":
        pos += 1
    number: int | None = None
    if ordered:
        match = ORDERED_MARKER.match(line, pos)
        if match:
            number = int(match.group(1))
            marker_end = match.end()
        else:  # cannot confirm: treat the rest of the line start as the marker
            marker_end = pos + 1
    else:
        marker_end = pos + 1
    marker = line[pos:marker_end]
    content = marker_end
    while content < len(line) and line[content] in " \t":
        content += 1
    if content >= len(line):
        content = len(line)
    l1 = _trim_end(source, l0, l1)
    indent = len(line[:pos].expandtabs(4)) if "\t" in line[:pos] else pos
    return ListItem(
        index=index,
        list_index=list_index,
        marker=marker,
        marker_span=Span(base + pos, base + marker_end),
        ordered=ordered,
        number=number if number is not None else (int(token.info) if token.info.isdigit() else None),
        indent=indent - search_from if search_from else indent,
        content_start=base + content,
        line=l0,
        end_line=l1,
        depth=depth,
        parent_item=parent,
        span=Span(base + pos, source.line_end(l1 - 1)),
    )


def _bibtex_block(token: Any, source: SourceText, l0: int, l1: int) -> BibtexBlock | None:
    label = token.info.strip()
    first_word = label.split()[0].lower() if label else ""
    if first_word not in BIBTEX_LABELS and not BIBTEX_START.match(token.content):
        return None
    opening = source.line(l0).strip()[:3]
    closed = l1 - 1 > l0 and source.line(l1 - 1).strip().startswith(opening)
    content_end = l1 - 1 if closed else l1
    if content_end <= l0 + 1:
        start = source.line_end(l0) if content_end <= l0 + 1 else source.line_start(l0 + 1)
        content_span = Span(start, start)
    else:
        content_span = Span(source.line_start(l0 + 1), source.line_end(content_end - 1))
    return BibtexBlock(
        raw=content_span.of(source.text),
        span=source.lines_span(l0, l1),
        content_span=content_span,
        label=label,
        first_line=l0 + 2,
    )


def _stripped(token: Any, source: SourceText) -> str:
    """What markdown-it stripped from the start of an HTML block's lines: its container's indentation (a list
    marker counts as spaces)."""
    line = source.line(token.map[0])
    first = token.content.split("\n", 1)[0]
    written = line[: len(line) - len(first)] if first and line.endswith(first) else ""
    return written if not written.strip() else " " * len(written.expandtabs(4))


def _html_bibtex_blocks(source: SourceText, span: Span, container_indent: str = "") -> list[BibtexBlock]:
    """The ``<pre>`` and ``<pre><code>`` elements of the HTML block at ``span`` whose text starts like BibTeX
    (``@type{`` or ``@type(``), as blocks marked ``html``: the BibTeX pasted in ``<details>`` by paper lists.

    The block's ``content_span`` is exactly the text between ``<pre>`` (or ``<code>``) and ``</code>`` (or
    ``</pre>``) as written, so ``raw == content_span.of(text)`` and fixes edit only BibTeX text inside the element;
    its ``span`` is the element, from ``<pre`` to the end of ``</pre>``. Left alone (no block):

    - an element whose text holds a tag or a character reference (``&amp;``, ``&lt;``, ``&#38;``): a browser shows,
      and a reader copies, other text than the source holds. Read as written, the rules would quote and compare
      the escaped text and a ``&quot;`` could fail to parse where the shown BibTeX is fine; decoded, the text
      would no longer be a slice of the file, and no span or fix could be exact. A bare ``&`` (``Smith & Jones``)
      is shown as written and is read;
    - an element not closed within the HTML block (markdown-it ends a ``<details>`` block at a blank line: the
      rest is Markdown), a ``<code>`` not closed right before ``</pre>`` (or right after it: ``</pre></code>``,
      which browsers show alike, is read), and elements inside HTML comments;
    - HTML blocks in a blockquote (the caller's test): their lines carry ``>`` markers inside the element's text.

    Code that merely starts like BibTeX (``@dataclass(frozen=True)``) is dropped once parsed, see
    :func:`listlint.parser._drop_html_non_bibtex`.
    """
    text = source.text
    comments: list[tuple[int, int]] = []
    if text.find("<!--", span.start, span.end) >= 0:
        comments = [m.span() for m in HTML_COMMENT.finditer(text, span.start, span.end)]
    found: list[BibtexBlock] = []
    position = span.start
    while True:
        opening = PRE_OPEN.search(text, position, span.end)
        if opening is None:
            return found
        closing = PRE_CLOSE.search(text, opening.end(), span.end)
        if closing is None:
            return found
        position = closing.end()
        if any(a <= opening.start() < b for a, b in comments):
            continue
        start, end = opening.end(), closing.start()
        element_end = closing.end()
        code = CODE_OPEN.match(text, start, end)
        if code is not None:
            close_code = CODE_CLOSE_AT_END.search(text, code.end(), end)
            if close_code is not None:
                start, end = code.end(), close_code.start()
            elif (misnested := CODE_CLOSE_AFTER.match(text, closing.end(), span.end)) is not None:
                start, element_end = code.end(), misnested.end()  # "<pre><code>@…</pre></code>": browsers show it
            else:
                continue
        content = text[start:end]
        if not BIBTEX_START.match(content) or HTML_MARKUP.search(content):
            continue
        found.append(BibtexBlock(
            raw=content,
            span=Span(opening.start(), element_end),
            content_span=Span(start, end),
            label="",
            first_line=source.line_index(start) + 1,
            html=True,
            container_indent=container_indent,
        ))
