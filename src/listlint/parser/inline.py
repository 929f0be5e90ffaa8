"""Exact source positions for inline constructs.

markdown-it-py gives block line maps only. We wrap its own inline rules (link, image, autolink, backticks,
html_inline) so that every construct it recognises records where it started and ended in the inline content; an
:class:`OffsetMap` then turns content offsets into offsets of the source text. Links are therefore exactly the links
Markdown renders, and ``link.span.of(text) == link.url`` holds by construction (checked, never assumed).
"""


import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel

from listlint.model import Link, LinkKind
from listlint.parser.destination import faster_helpers
from listlint.records import Record
from listlint.regex import lazy
from listlint.source import SourceText, Span

RECORDS = "listlint_records"
CURRENT = "listlint_current"  # index of the block token whose inline content is being parsed
CURRENT_SRC = "listlint_current_src"
DEFER_INLINE = "listlint_defer_inline"

# A GFM-style literal URL in prose. Trailing punctuation is trimmed by ``_trim_bare``.
BARE_URL = lazy(r"(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
HTML_HREF = lazy(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
# an image's source: a page's logo or picture, checked like a Markdown image (LL413 beside the file, LL410 online)
HTML_IMG_SRC = lazy(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def _wrap(md: MarkdownIt, name: str) -> None:
    """Replace inline rule ``name`` by one that records (name, start, end, label end) per inline token."""
    original = next(rule.fn for rule in md.inline.ruler.__rules__ if rule.name == name)

    def recording_rule(state: Any, silent: bool) -> bool:
        start = state.pos
        matched: bool = original(state, silent)
        if matched and not silent:
            records = state.env.get(RECORDS)
            if records is not None and state.src is state.env.get(CURRENT_SRC):
                label_end = -1
                if name in ("link", "image"):
                    label_end = _label_end(state, start, name)
                records.setdefault(state.env[CURRENT], []).append((name, start, state.pos, label_end))
        return matched

    md.inline.ruler.at(name, recording_rule)


DESTINATION = lazy(
    r"""\(\s*(?:<([^<>\n]*)>|(\S*?))(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)""", re.DOTALL
)


def _label_end(state: Any, start: int, name: str) -> int:
    """Offset of the ``]`` closing the label of the link or image that spans ``state.src[start:state.pos]``."""
    src: str = state.src
    end: int = state.pos
    if src[end - 1] == ")":
        at = src.rfind("](", start, end)
        # the last "](" closes the label unless the label's brackets or the destination's parentheses are left
        # unbalanced by it: "[![C](badge.svg)]([https://a.org/x](https://b.org/y))" closes after the image, its
        # destination a pasted "[url](url)"; then (or with escapes in the label) Markdown's own reading decides
        if at != -1 and DESTINATION.fullmatch(src, at + 1, end) \
                and src.count("[", start + 1, at) == src.count("]", start + 1, at) \
                and src.count("(", at + 2, end - 1) == src.count(")", at + 2, end - 1):
            return at
    return int(parseLinkLabel(state, start + (0 if name == "link" else 1), False))


def rendered_text(token: Any, env: dict[str, Any]) -> str:
    """The text an inline token renders to, as GitHub reads a heading for its anchor: the text of links (not their
    URLs), code without backticks, entities and backslash escapes resolved; HTML tags and images (alt text
    included: GitHub ignores it) contribute nothing.

    Our parser leaves emphasis and strikethrough unparsed, so a text token may still hold ``_``, ``*`` or ``~``
    markers (a slug would keep ``_``): only then is the content parsed again, with the full grammar."""
    children = token.children or ()
    if any(child.type == "text" and any(c in child.content for c in "_*~") for child in children):
        again = _emphasis_markdown().parseInline(token.content, {"references": env.get("references", {})})
        children = again[0].children or () if again else ()
    parts = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


@lru_cache(maxsize=1)
def _emphasis_markdown() -> MarkdownIt:
    return make_markdown().enable(["emphasis", "strikethrough", "text_join"])


def _as_written(url: str) -> str:
    return url


def _core_inline(state: Any) -> None:
    """markdown-it's core inline step, telling the recording rules which block token they are in; skipped when the
    caller parses the inline tokens itself (``DEFER_INLINE`` in the env, see :func:`read_inline`)."""
    env = state.env
    if env.get(DEFER_INLINE):
        return
    for index, token in enumerate(state.tokens):
        if token.type == "inline":
            _parse_inline(state.md, token, index, env)


def _parse_inline(md: MarkdownIt, token: Any, index: int, env: dict[str, Any]) -> None:
    if token.children is None:
        token.children = []
    env[CURRENT] = index
    env[CURRENT_SRC] = token.content
    md.inline.parse(token.content, md, env, token.children)


def read_inline(md: MarkdownIt, tokens: list[Any], index: int, env: dict[str, Any], source: SourceText
                ) -> "tuple[InlineFacts, str | None]":
    """The facts of inline token ``index`` and, for a heading's, its rendered text; markdown-it's inline step for
    the token runs here, deferred from ``md.parse``, so that the tokens of a large document can be read in two
    processes (``listlint.parser``)."""
    token = tokens[index]
    _parse_inline(md, token, index, env)
    heading = index > 0 and tokens[index - 1].type == "heading_open"
    line0 = token.map[0] if token.map else 0
    cell = _cell_number(tokens, index)
    facts = scan_inline(token, index, env, source, line0, heading=heading,
                        column=0 if cell is None else cell_start(source.line(line0), cell))
    return facts, rendered_text(token, env) if heading else None


def _cell_number(tokens: list[Any], index: int) -> int | None:
    """Which cell of its table row inline token ``index`` is (0 the first), or None outside a table."""
    if index == 0 or tokens[index - 1].type not in ("td_open", "th_open"):
        return None
    number = 0
    for k in range(index - 2, -1, -1):
        kind = tokens[k].type
        if kind == "tr_open":
            return number
        if kind in ("td_open", "th_open"):
            number += 1
    return number


def cell_start(line: str, cell: int) -> int:
    """Where cell ``cell`` of the table row ``line`` begins: after that many unescaped ``|`` past the leading one.
    Two cells may hold the same text ("| [link](url) | [link](url) |"): each is looked for from its own start."""
    at = len(line) - len(line.lstrip(" \t"))
    if line.startswith("|", at):
        at += 1
    while cell > 0:
        bar = _UNESCAPED_BAR.search(line, at)
        if bar is None:
            return at
        at = bar.end()
        cell -= 1
    return at


_UNESCAPED_BAR = lazy(r"(?<!\\)(?:\\\\)*\|")


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Emphasis and strikethrough only make presentational tokens that nothing here reads; they cannot change what
    # is a link, code span or HTML (those bind tighter, and in silent mode, used to skip constructs inside a link
    # label, the emphasis rules match nothing). Joining text tokens is presentational too. Together: 15% of the parse.
    md.disable(["emphasis", "strikethrough", "text_join"])
    md.core.ruler.at("inline", _core_inline)
    # We read URLs as written from the source; markdown-it's percent-encoding of every href is wasted work here.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign]
    md.helpers = faster_helpers()  # type: ignore[assignment]
    for name in ("link", "image", "autolink", "backticks", "html_inline"):
        _wrap(md, name)
    return md


_BAR = lazy(r"\|")


class OffsetMap:
    """Maps offsets in an inline token's content to offsets in the source text.

    Each content line is the tail of its source line (markdown-it strips container prefixes and indentation),
    so it is located from the right end of the source line; when that fails (tabs expanded, heading closers) we
    search for it, and when that fails too the line is marked unknown.
    """

    __slots__ = ("line_content_starts", "line_source_starts", "content")

    def __init__(self, content: str, source: SourceText, first_line: int, *, heading: bool = False,
                 column: int = 0) -> None:
        self.content = content
        if "\n" not in content and not heading and first_line < source.line_count:
            line_start = source.line_start(first_line)
            line_end = source.line_end(first_line)
            stripped = content.rstrip()
            candidate = len(source.text[line_start:line_end].rstrip()) - len(stripped)
            if candidate >= 0 and source.text.startswith(content, line_start + candidate):
                self.line_content_starts = [0]
                self.line_source_starts = [line_start + candidate]
                return
        content_starts: list[int] = []
        source_starts: list[int | None] = []
        pos = 0
        for k, piece in enumerate(content.split("\n")):
            piece_start = pos
            content_starts.append(pos)
            pos += len(piece) + 1
            index = first_line + k
            if index >= source.line_count:
                source_starts.append(None)
                continue
            line = source.line(index)
            base = source.line_start(index)
            found: int | None = None
            stripped = piece.rstrip()
            if stripped and not heading:
                candidate = len(line.rstrip()) - len(stripped)
                if candidate >= 0 and line.startswith(piece, candidate):
                    found = candidate
            if found is None:
                # (a table cell's text is looked for from where its cell begins: two cells may hold the same)
                at = line.find(piece, column if k == 0 else 0) if piece else len(line)
                found = at if at >= 0 else None
            if found is None and "|" in piece:
                # a table cell: markdown-it reads `\|` as a `|` of the cell's text. Each `|` starts a part of the
                # map of its own, one more character to the right in the source for each backslash before it
                at = line.find(piece.replace("|", "\\|"), column if k == 0 else 0)
                if at >= 0:
                    source_starts.append(base + at)
                    for shift, bar in enumerate(_BAR.finditer(piece), 1):
                        content_starts.append(piece_start + bar.start())
                        source_starts.append(base + at + bar.start() + shift)
                    continue
            if found is None and stripped and not heading:
                # a continuation line indented with a tab: markdown-it keeps the columns the tab stands for beyond
                # the indentation it removed as spaces, which the source does not have. Locate the text after them;
                # offsets inside those virtual spaces map nowhere useful, but no construct starts there.
                core = stripped.lstrip(" ")
                lead = len(stripped) - len(core)
                at = len(line.rstrip()) - len(core)
                if lead and at >= 0 and line.startswith(core, at) and not line[:at].strip(" \t>"):
                    found = at - lead
            source_starts.append(None if found is None else base + found)
        self.line_content_starts = content_starts
        self.line_source_starts = source_starts

    def to_source(self, offset: int) -> int | None:
        starts = self.line_content_starts
        if len(starts) == 1:
            base0 = self.line_source_starts[0]
            return None if base0 is None else base0 + offset
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # last line start <= offset
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        base = self.line_source_starts[lo]
        return None if base is None else base + offset - starts[lo]

    def span(self, start: int, end: int) -> Span | None:
        s = self.to_source(start)
        e = self.to_source(end - 1) if end > start else s
        if s is None or e is None:
            return None
        return Span(s, e + 1 if end > start else s)


class InlineFacts(Record):
    """What an inline unit holds besides its text: links, code spans and HTML, with spans."""
    links: list[Link]
    code_spans: list[Span]
    html_spans: list[Span]
    text_ranges: list[tuple[int, int]]  # content ranges covered by constructs (to skip when looking for bare URLs)


def _span_row(span: Span | None) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def _row_span(row: tuple[int, int] | None) -> Span | None:
    return None if row is None else Span(*row)


def pack_facts(facts: InlineFacts) -> tuple[Any, ...]:
    """``facts`` as plain tuples, to cross a process boundary cheaply (see :mod:`listlint.forking`)."""
    links = [(link.text, link.url, link.kind.value, _span_row(link.full_span), _span_row(link.span),
              _span_row(link.text_span), link.in_html, link.in_badge) for link in facts.links]
    return (links, [_span_row(s) for s in facts.code_spans], [_span_row(s) for s in facts.html_spans],
            facts.text_ranges)


def unpack_facts(row: tuple[Any, ...]) -> InlineFacts:
    links, code_spans, html_spans, text_ranges = row
    return InlineFacts(
        [Link(text, url, LinkKind(kind), Span(*full), _row_span(span), _row_span(text_span), in_html, in_badge)
         for text, url, kind, full, span, text_span, in_html, in_badge in links],
        [Span(*s) for s in code_spans], [Span(*s) for s in html_spans], text_ranges,
    )


def _destination(content: str, pos: int, end: int) -> tuple[int, int] | None:
    """Content range of the destination of an inline link whose ``(`` is at ``pos`` and which ends at ``end``."""
    if pos >= end or content[pos] != "(":
        return None
    match = DESTINATION.fullmatch(content, pos, end)
    if match is None:
        return None
    group = 1 if match.group(1) is not None else 2
    return match.start(group), match.end(group)


def _trim_bare(url: str) -> str:
    """GFM extended-autolink trimming: trailing punctuation and unbalanced closing parentheses."""
    while url:
        last = url[-1]
        if last in "?!.,:*_~;'\"":
            url = url[:-1]
        elif last == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        else:
            break
    return url


def scan_inline(
    token: Any, index: int, env: dict[str, Any], source: SourceText, first_line: int, *, heading: bool = False,
    column: int = 0,
) -> InlineFacts:
    """Links, code spans and inline HTML of one inline token, with source spans."""
    content: str = token.content
    text = source.text
    records = env[RECORDS].get(index, ())
    facts = InlineFacts([], [], [], [])
    if not records and "://" not in content and "www." not in content:
        return facts
    omap = OffsetMap(content, source, first_line, heading=heading, column=column)
    # The n-th recorded link is the n-th link_open token (links do not nest; an image inside a link's label is
    # recorded before the link that holds it, and its token also comes first). Token indices would not do: inline
    # post-processing (fragments_join) merges text tokens and shifts them.
    children = token.children or ()
    link_tokens = [child for child in children if child.type == "link_open"]
    image_tokens = [child for child in children if child.type == "image"]
    seen = {"link": 0, "image": 0}
    in_link_label: list[tuple[int, int]] = []
    for name, start, end, label_end in records:
        facts.text_ranges.append((start, end))
        full = omap.span(start, end)
        if full is None:
            continue
        if name == "backticks":
            facts.code_spans.append(full)
        elif name == "html_inline":
            facts.html_spans.append(full)
            raw = content[start:end]
            for match, kind in _html_urls(raw):
                group = 1 if match.group(1) is not None else 2 if match.group(2) is not None else 3
                url_span = omap.span(start + match.start(group), start + match.end(group))
                facts.links.append(
                    Link("", match.group(group), kind, full, _checked(url_span, text, match.group(group)),
                         None, in_html=True)
                )
        elif name == "autolink":
            url = content[start + 1 : end - 1]
            url_span = _checked(omap.span(start + 1, end - 1), text, url)
            # the text shown is the URL itself: an entry titled by it has the URL's span as its title span
            facts.links.append(Link(url, url, LinkKind.AUTOLINK, full, url_span, url_span))
        elif name in ("link", "image"):
            opening = 1 if name == "link" else 2
            label = content[start + opening : label_end] if label_end > 0 else ""
            text_span = omap.span(start + opening, label_end) if label_end > 0 else None
            tokens_of_kind = link_tokens if name == "link" else image_tokens
            token_at = tokens_of_kind[seen[name]] if seen[name] < len(tokens_of_kind) else None
            seen[name] += 1
            dest = _destination(content, label_end + 1, end) if label_end > 0 else None
            if dest is not None:
                url = content[dest[0] : dest[1]]
                url_span = _checked(omap.span(dest[0], dest[1]) if dest[1] > dest[0] else omap.span(dest[0], dest[0]),
                                    text, url)
                kind = LinkKind.INLINE if name == "link" else LinkKind.IMAGE
            else:
                attr = "href" if name == "link" else "src"
                url = str(token_at.attrGet(attr) or "") if token_at is not None else ""
                url_span = None
                kind = LinkKind.REFERENCE if name == "link" else LinkKind.IMAGE
            if kind is LinkKind.REFERENCE and label.startswith("^"):
                continue  # "[^3]": a footnote on GitHub, which markdown-it (without footnotes) takes for a link
            badge = name == "image" and any(s <= start and end <= e for s, e in in_link_label)
            if name == "link":
                in_link_label.append((start + 1, label_end if label_end > 0 else end))
            facts.links.append(Link(label, url, kind, full, url_span, text_span, in_badge=badge))
    if "://" in content or "www." in content:
        _bare_urls(content, omap, facts, text)
    facts.links.sort(key=lambda link: link.full_span.start)
    return facts


def _bare_urls(content: str, omap: OffsetMap, facts: InlineFacts, text: str) -> None:
    covered = facts.text_ranges
    for match in BARE_URL.finditer(content):
        start = match.start()
        if any(s <= start < e for s, e in covered):
            continue
        if start > 0 and (content[start - 1].isalnum() or content[start - 1] in "/@"):
            continue  # inside a word or a longer URL
        url = _trim_bare(match.group())
        if not url or url.lower() in ("http://", "https://", "www."):
            continue
        span = omap.span(start, start + len(url))
        if span is None:
            continue
        url_span = _checked(span, text, url)
        facts.links.append(Link(url, url, LinkKind.BARE, span, url_span, url_span))


def _checked(span: Span | None, text: str, url: str) -> Span | None:
    """The span if the source text there is exactly ``url``; otherwise None (position unconfirmed)."""
    if span is not None and text[span.start : span.end] == url:
        return span
    return None


def html_block_links(raw_start: int, raw: str) -> list[Link]:
    """``href`` attributes (kind HTML) and ``<img src>`` (kind IMAGE) of an HTML block (sponsor banners, centred
    headers, logos), in order; spans are exact."""
    links = []
    for match, kind in _html_urls(raw):
        group = 1 if match.group(1) is not None else 2 if match.group(2) is not None else 3
        s, e = raw_start + match.start(group), raw_start + match.end(group)
        full = Span(raw_start + match.start(), raw_start + match.end())
        links.append(Link("", match.group(group), kind, full, Span(s, e), None, in_html=True))
    return links


def _html_urls(raw: str) -> list[tuple[re.Match[str], LinkKind]]:
    """The ``href`` and ``<img src>`` URLs of HTML, in order of their URL."""
    found = [(m, LinkKind.HTML) for m in HTML_HREF.finditer(raw)]
    if "src" in raw:
        found += [(m, LinkKind.IMAGE) for m in HTML_IMG_SRC.finditer(raw)]
        found.sort(key=lambda pair: pair[0].start(pair[0].lastindex or 0))
    return found
