"""Offline URL hygiene: LL401 empty-link … LL409 link-bibtex-agreement.

The rules read the links the parser found (``document.links``, exact URL spans) and the shared URL facts of
:mod:`listlint.urls`. Malformed links that Markdown does not parse as links at all (``[t] (url)``, ``[t](url``) are
found by :func:`malformed_links`, which scans only the prose lines of paragraph, heading and table blocks and skips
every construct the parser recognised (links, code spans, inline HTML).
"""


import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import partial
from urllib.parse import unquote

from listlint import urls
from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability, Severity
from listlint.model import BibEntry, Block, Document, Entry, Link, LinkKind, reference_label
from listlint.parser.status import distance, tag_key
from listlint.records import Record
from listlint.regex import lazy
from listlint.rules.base import Context, Rule
from listlint.source import Span

CATEGORY = "links"

# --------------------------------------------------------------------------------------------------------------
# Shared views (built once per document through Document.memo)
# --------------------------------------------------------------------------------------------------------------


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Excluded(Record):
    """Sorted, merged spans of recognised constructs: a malformed-link candidate never starts inside one."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covering(self, offset: int) -> int | None:
        """End of the excluded span holding ``offset``, else None."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return self.ends[i]
        return None

    def last_end_before(self, offset: int) -> int:
        """End of the last excluded span that ends at or before ``offset`` (0 when none)."""
        i = bisect_right(self.starts, offset) - 1
        while i >= 0:
            if self.ends[i] <= offset:
                return self.ends[i]
            i -= 1
        return 0


def _excluded(document: Document) -> _Excluded:
    def build() -> _Excluded:
        spans = [link.full_span for link in document.links if link.kind is not LinkKind.BARE]
        spans.extend(document.code_spans)
        spans.extend(document.html_spans)
        # sorted as (start, end) pairs, Span's own order: comparing the dataclasses costs a Python call each
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted((span.start, span.end) for span in spans):
            if ends and start < ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return _Excluded(tuple(starts), tuple(ends))

    return document.memo("ll4.excluded", build)


def prose_lines(document: Document) -> tuple[int, ...]:
    """0-based lines of paragraphs, headings and tables (not code, HTML or front matter), in order."""

    def build() -> tuple[int, ...]:
        lines: set[int] = set()
        for block in document.blocks:
            if block.kind in ("paragraph", "table"):
                lines.update(range(block.line, block.end_line))
        for heading in document.headings:
            first = document.source.line_index(heading.span.start)
            last = document.source.line_index(max(heading.span.start, heading.span.end - 1))
            lines.update(range(first, last + 1))
        return tuple(sorted(lines - document.protected_lines))

    return document.memo("ll4.prose_lines", build)


class MalformedLink(Record):
    """Link-like text that Markdown does not read as a link (LL402)."""

    # "space" ([t] (url)), "unclosed" ([t](url), "parens", "spaces", "no-open" (t](url)), "angle" (<[t]>(url)),
    # "braces" ([t]{url}), "cells" (in a table cell past the header's columns)
    kind: str
    span: Span  # from the ``[`` (or the ``]``) to the end of the destination as far as it goes
    label: str
    destination: str
    fix: Fix | None
    message: str


# schemes markdown-it (like GitHub) refuses to link: the text shows, without the link
REFUSED_SCHEME = lazy(r"(vbscript|javascript|file|data):", re.IGNORECASE)
SAFE_DATA = lazy(r"data:image/(?:gif|png|jpeg|webp);", re.IGNORECASE)
_CANDIDATE = lazy(r"\](>?)([ \t]*)\(")  # ">" for "<[t]>(url)", the link text in angle brackets
_URLISH = lazy(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)\S", re.I)
# A relative destination, as far as it can be told from prose ("[sic] (see above)", "[1] (2019)", "(and/or)",
# "(Node.js)"): it starts like a path or a fragment, or is a path of several segments, a folder, or a file with an
# extension after a '/', or a document's file name on its own
_PATHISH = lazy(
    r"(?:\.{0,2}/|#)\S*"  # ./x, ../x, /x, #x
    r"|(?=\S*[A-Za-z])[^\s/]+(?:/[^\s/]+){2,}/?"  # a/b/c, not a date 1/2/2019
    r"|(?:[^\s/]+/)+(?:[^\s/]*\.[A-Za-z][A-Za-z0-9]{0,4})?/?"  # docs/, docs/guide.md, docs/guide/
    r"|[\w.-]+\.(?:md|markdown|html?|pdf|txt|rst|adoc|org|ipynb|png|jpe?g|gif|svg|webp)",  # guide.md
    re.I,
)


def malformed_links(document: Document) -> tuple[MalformedLink, ...]:
    """Every ``[text](`` / ``[text] (url)`` in prose that the parser did not turn into a link."""
    return document.memo("ll4.malformed", lambda: tuple(_scan_malformed(document)))


def _prose_runs(document: Document) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of each run of consecutive prose lines, from the start of its first line to the end of
    its last (before the line break)."""
    source = document.source
    first = previous = -2
    for index in prose_lines(document):
        if index != previous + 1:
            if first >= 0:
                yield source.line_start(first), source.line_end(previous)
            first = index
        previous = index
    if first >= 0:
        yield source.line_start(first), source.line_end(previous)


def _scan_malformed(document: Document) -> Iterator[MalformedLink]:
    source = document.source
    text = source.text
    excluded = _excluded(document)
    # A candidate never spans a line break, so a run of prose lines is searched at once: most candidates are the
    # '](' of links the parser found, and only the few left need their line's bounds
    for run_start, run_end in _prose_runs(document):
        for m in _CANDIDATE.finditer(text, run_start, run_end):
            close = m.start()
            if excluded.covering(close) is not None or _escaped(text, close):
                continue
            index = source.line_index(close)
            start, end = source.line_start(index), source.line_end(index)
            found = _malformed_at(document, excluded, start, end, close, m.group(2), m.end() - 1, bool(m.group(1)))
            if found is not None:
                yield found
        if text.find("]{", run_start, run_end) >= 0:
            yield from _braced(document, excluded, run_start, run_end)


# "[TeCoPhy: A Text Corpus]{https://zenodo.org/records/8316079}": braces typed for the parentheses (LaTeX habit);
# GitHub shows the brackets and links the URL with its '}'
_BRACED = lazy(r"\]\{[ \t]*([^\s{}]+)[ \t]*\}")


def _braced(document: Document, excluded: _Excluded, run_start: int, run_end: int) -> Iterator[MalformedLink]:
    text = document.text
    source = document.source
    for m in _BRACED.finditer(text, run_start, run_end):
        close = m.start()
        if excluded.covering(close) is not None or _escaped(text, close):
            continue
        destination = m.group(1)
        if not (_URLISH.match(destination) or _PATHISH.fullmatch(destination)):
            continue  # "[0,1]{x}": maths
        line_start = source.line_start(source.line_index(close))
        opening = _open_bracket(text, max(line_start, excluded.last_end_before(close)), close)
        if opening is None:
            continue
        label = text[opening + 1 : close]
        span = Span(opening, m.end())
        fix = None
        if _plain_label(label):
            fix = Fix.safe(Edit(Span(close + 1, close + 2), "("), Edit(Span(m.end() - 1, m.end()), ")"),
                           title="Write the link's '{…}' as '(…)'", alters=Alters.URLS | Alters.TITLES | Alters.ENTRIES)
        yield MalformedLink("braces", span, label, destination, fix,
                            f"'{shorten(text[span.start : span.end], 80)}' is not a link: a link's URL goes in "
                            "'(…)', not '{…}'")


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos - backslashes - 1 >= 0 and text[pos - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _plain_label(label: str) -> bool:
    """Link text a fix can keep as it is: words without brackets of their own (which would leave the repaired link
    nested or unbalanced)."""
    return bool(label.strip()) and "[" not in label and "]" not in label


def _open_bracket(text: str, floor: int, close: int) -> int | None:
    """Offset of the ``[`` matching the ``]`` at ``close`` on the same line, not before ``floor``."""
    depth = 0
    pos = close - 1
    while pos >= floor:
        ch = text[pos]
        if ch in "[]" and not _escaped(text, pos):
            if ch == "]":
                depth += 1
            elif depth == 0:
                return pos
            else:
                depth -= 1
        pos -= 1
    return None


def _destination(text: str, paren: int, end: int) -> tuple[int, int, int | None]:
    """(dest start, dest end, offset of the closing ``)`` or None) for a ``(`` at ``paren`` on a line ending at
    ``end``. The destination is the first run of non-space characters, with parentheses balanced."""
    pos = paren + 1
    while pos < end and text[pos] in " \t":
        pos += 1
    dest_start = pos
    depth = 0
    while pos < end and not text[pos].isspace():
        ch = text[pos]
        if ch == "(" and not _escaped(text, pos):
            depth += 1
        elif ch == ")" and not _escaped(text, pos):
            if depth == 0:
                return dest_start, pos, pos
            depth -= 1
        pos += 1
    dest_end = pos
    while pos < end and text[pos] in " \t":
        pos += 1
    if pos < end and text[pos] == ")" and dest_end > dest_start:
        return dest_start, dest_end, pos
    return dest_start, dest_end, None


def _malformed_at(
    document: Document, excluded: _Excluded, line_start: int, line_end: int, close: int, gap: str, paren: int,
    angle: bool = False,
) -> MalformedLink | None:
    text = document.text
    floor = max(line_start, excluded.last_end_before(close))
    opening = _open_bracket(text, floor, close)
    dest_start, dest_end, dest_close = _destination(text, paren, line_end)
    destination = text[dest_start:dest_end]
    label = text[opening + 1 : close] if opening is not None else ""
    begin = opening if opening is not None else close
    finish = dest_close + 1 if dest_close is not None else dest_end
    span = Span(begin, max(finish, paren + 1))
    shown = shorten(text[span.start : span.end], 80)
    urlish = bool(_URLISH.match(destination))
    if angle:
        # "<[Title]>(url)": the link text in angle brackets, which part the '[…]' from its '(url)'
        if (opening is None or opening == line_start or text[opening - 1] != "<" or dest_close is None
                or not (urlish or _PATHISH.fullmatch(destination))):
            return None
        span = Span(opening - 1, dest_close + 1)
        fix = None
        if _plain_label(label):
            fix = Fix.safe(Edit.delete(Span(opening - 1, opening)), Edit.delete(Span(close + 1, paren)),
                           title="Remove the angle brackets around the link text",
                           alters=Alters.URLS | Alters.TITLES | Alters.ENTRIES)
        return MalformedLink(
            "angle", span, label, destination, fix,
            f"'{shorten(text[span.start : span.end], 80)}' is not a link: '<…>' around the link text breaks it "
            "(write [text](url))",
        )
    if gap:
        # ``[t] (url)``: only when the parenthesis holds a URL or a path ("[1] (2019)" is prose)
        if (opening is None or dest_close is None or text[dest_end:dest_close].strip()
                or not (urlish or _PATHISH.fullmatch(destination))):
            return None
        fix = None
        if _plain_label(label):
            fix = Fix.safe(
                Edit.delete(Span(close + 1, paren)),
                title="Remove the space between ']' and '('",
                alters=Alters.URLS | Alters.TITLES | Alters.ENTRIES,
            )
        return MalformedLink(
            "space", span, label, destination, fix,
            f"'{shown}' is not a link: Markdown reads no space between ']' and '('",
        )
    if destination.startswith("(") and dest_close is None and opening is not None:
        # "[Sijing Wu]((https://…), Yunhao Li": a second '(' opened and closed around the URL, the link's own left
        # open; deleting the extra one leaves [t](url)
        inner_start, inner_end, inner_close = _destination(text, dest_start, line_end)
        inner = text[inner_start:inner_end]
        if inner_close is not None and _URLISH.match(inner) and _plain_label(label):
            return MalformedLink(
                "doubled-open", Span(begin, inner_close + 1), label, inner,
                Fix.safe(Edit.delete(Span(dest_start, dest_start + 1)), title="Remove the extra '('",
                         alters=Alters.URLS | Alters.TITLES | Alters.ENTRIES),
                f"'{shorten(text[begin : inner_close + 1], 80)}' is not a link: a second '(' before the URL "
                "leaves the link's own '(' unclosed",
            )
    if not urlish and not destination.startswith(("/", "#", "./", "../")):
        return None  # "interval [0,1](x" is maths, not a link attempt
    if opening is None:
        return MalformedLink(
            "no-open", span, label, destination, None, f"'{shown}' is not a link: the ']' has no matching '['"
        )
    if dest_close is None:
        rest = text[dest_end:line_end].strip()
        fix = None
        # "[[PDF](https://arxiv.org/abs/2503.01448]": the ']' that closes the outer bracket is not the URL's
        close_at = dest_end
        while close_at > dest_start and text[close_at - 1] == "]" \
                and text.count("[", dest_start, close_at) < text.count("]", dest_start, close_at):
            close_at -= 1
        if close_at > dest_start and "(" not in destination and not rest.startswith(")") and "[" not in label:
            fix = Fix.safe(
                Edit.insert(close_at, ")"),
                title="Close the link's parenthesis",
                alters=Alters.URLS | Alters.TITLES | Alters.ENTRIES,
            )
        if "(" in destination or ")" in destination:
            return MalformedLink(
                "parens", span, label, destination, None,
                f"'{shown}' is not a link: the parentheses in the URL leave the link's '(' unclosed",
            )
        before_close = rest[: rest.find(")")] if ")" in rest else ""
        if before_close and not any(c in before_close for c in "[]()"):
            return MalformedLink(
                "spaces", span, label, destination, None,
                f"'{shown}' is not a link: the URL contains spaces (write it as <…> or encode them as %20)",
            )
        return MalformedLink(
            "unclosed", span, label, destination, fix, f"'{shown}' is not a link: the '(' is never closed"
        )
    # ``[t](url)`` closed, yet not parsed: a scheme CommonMark renderers refuse to link, the label's brackets do not
    # balance, or the whole is inside something
    refused = REFUSED_SCHEME.match(destination.strip("<> \t"))
    if refused is not None and not SAFE_DATA.match(destination.strip("<> \t")):
        return MalformedLink(
            "scheme", span, label, destination, None,
            f"'{shown}' is not a link: Markdown does not link '{refused.group(1).lower()}:' URLs (only the text shows)",
        )
    table = _table_at(document, close)
    if table is not None and "|" in label:
        return MalformedLink(
            "cells", span, label, destination, None,
            f"'{shown}' is not a link: the '|' in its text ends the table cell (write it '\\|')",
        )
    if table is not None and label.count("[") == label.count("]") and _past_the_header(document, table, close):
        return MalformedLink(
            "cells", span, label, destination, None,
            f"'{shown}' is not shown: it is in a cell past the table header's columns, which Markdown drops",
        )
    return MalformedLink(
        "brackets", span, label, destination, None,
        f"'{shown}' is not a link: unbalanced brackets in the link text",
    )


def _table_at(document: Document, offset: int) -> Block | None:
    """The table whose lines hold ``offset``, if any."""
    line = document.source.line_index(offset)
    return next((b for b in document.blocks if b.kind == "table" and b.line <= line < b.end_line), None)


def _past_the_header(document: Document, table: Block, offset: int) -> bool:
    """Whether ``offset`` lies in a cell of a body row of ``table`` past the columns its header has (GitHub drops
    those cells)."""
    source = document.source
    line = source.line_index(offset)
    return line > table.line and _cell_index(source.line(line), offset - source.line_start(line)) >= \
        _cell_index(source.line(table.line), None) + 1


def _cell_index(row: str, column: int | None) -> int:
    """The index of the cell at ``column`` of a table row (None: of its last cell), counting unescaped '|'."""
    stripped = row.lstrip()
    lead = len(row) - len(stripped)
    if stripped.startswith("|"):
        lead += 1
    end = len(row.rstrip().removesuffix("|")) if column is None else column
    index = 0
    for at in range(lead, max(lead, end)):
        if row[at] == "|" and not _escaped(row, at):
            index += 1
    return index


def reported_malformed(document: Document, context: Context) -> list[MalformedLink]:
    """The malformed links LL402 reports: a task box ``[ ] (url)`` or a status tag ``[READ] (url)`` is none."""
    tags = {tag_key(t) for t in context.config.status.tags}
    source = document.source
    out = []
    for found in malformed_links(document):
        if found.kind == "space":
            word = tag_key(found.label.strip(" `*_"))
            if word in tags:
                continue
            if found.label in (" ", "x", "X", ""):
                before = document.text[source.line_start(source.line_index(found.span.start)) : found.span.start]
                if _ITEM_PREFIX.fullmatch(before):
                    continue
        out.append(found)
    return out


_ITEM_PREFIX = lazy(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+")


def _double_parens(link: Link) -> bool:
    """``[t]((url))``: a destination wrapped in its own parentheses."""
    url = link.url
    return (
        link.kind in (LinkKind.INLINE, LinkKind.IMAGE)
        and len(url) > 2
        and url[0] == "("
        and url[-1] == ")"
        and bool(_URLISH.match(url[1:]))
    )


def url_span(link: Link) -> Span:
    return link.span if link.span is not None else link.full_span


def _checkable(link: Link) -> bool:
    """Links whose URL the URL rules look at: not fragments, not empty, not ``[t]((url))`` (LL402's)."""
    url = link.url
    if link.kind is LinkKind.REFERENCE:
        return False  # a use of [text][ref]: the URL is checked once, at its definition
    return bool(url) and not url.startswith("#") and not _double_parens(link)


def _checkable_links(document: Document) -> tuple[Link, ...]:
    """The links :func:`_checkable` accepts, in document order: read by LL403, LL406 and LL408, tested once."""
    return document.memo("ll4.checkable", lambda: tuple(link for link in document.links if _checkable(link)))


# --------------------------------------------------------------------------------------------------------------
# LL401 empty-link
# --------------------------------------------------------------------------------------------------------------


# Destinations that point nowhere: an empty link's ("[x]()", "[x](#)"), and a comment's ('[//]: # (…)')
NOWHERE = frozenset({"#", "", "<>"})


class EmptyLink(Rule):
    code = "LL401"
    needs_entries = False
    name = "empty-link"
    category = CATEGORY
    summary = "A link with no text or no destination: [x](), [x](#), [](url)"
    fix = FixAvailability.NONE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        text = document.text
        for link in document.links:
            if link.kind not in (LinkKind.INLINE, LinkKind.IMAGE):
                continue  # a reference link exists only when its definition does
            url = link.url.strip()
            no_url = url in NOWHERE
            no_text = link.kind is not LinkKind.IMAGE and not link.text.strip()
            if not (no_url or no_text):
                continue
            written = shorten(link.full_span.of(text))  # for the message: only for the few links reported
            if no_url and no_text:
                yield self.report(f"empty link '{written}': no text and no destination", link.full_span)
            elif no_url:
                what = "'#'" if url == "#" else "nothing"
                yield self.report(f"link '{written}' points to {what}", link.full_span)
            elif no_text:
                yield self.report(f"link '{written}' has no text: readers see nothing to click", link.full_span)


# --------------------------------------------------------------------------------------------------------------
# LL414 duplicate-definition
# --------------------------------------------------------------------------------------------------------------


class DuplicateDefinition(Rule):
    code = "LL414"
    needs_entries = False
    name = "duplicate-definition"
    category = CATEGORY
    summary = "A link reference label defined twice: Markdown uses the first definition, the later URL is never linked"
    fix = FixAvailability.NONE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        first: dict[str, Link] = {}
        for link in document.links:
            if link.kind is not LinkKind.DEFINITION:
                continue
            earlier = first.setdefault(reference_label(link.text), link)
            if earlier is link:
                continue
            if link.url.strip() in NOWHERE:
                continue  # '[//]: # (a comment)': Markdown's comment idiom, a definition that points nowhere
            line = document.source.line_index(earlier.full_span.start) + 1
            span = link.text_span or link.full_span
            if link.url == earlier.url:
                yield self.report(f"reference '[{shorten(link.text)}]' is defined again with the same URL as on line "
                                  f"{line}: this definition can go", span, severity=Severity.WARNING)
            else:
                yield self.report(
                    f"reference '[{shorten(link.text)}]' is already defined on line {line} as '{shorten(earlier.url)}':"
                    f" Markdown uses that one, so '{shorten(link.url)}' is never linked (give this one its own label)",
                    span,
                )


# --------------------------------------------------------------------------------------------------------------
# LL402 malformed-link
# --------------------------------------------------------------------------------------------------------------


class MalformedLinkRule(Rule):
    code = "LL402"
    name = "malformed-link"
    category = CATEGORY
    summary = "Link syntax Markdown does not read as intended: [t]((url)), [t] (url), unbalanced brackets"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        text = document.text
        for link in document.links:
            if not _double_parens(link):
                continue
            inner = link.url[1:-1]
            fix = None
            if link.span is not None and inner.count("(") == inner.count(")") and not any(c.isspace() for c in inner):
                fix = Fix.safe(Edit(link.span, inner), title="Remove the extra parentheses",
                               alters=_url_alters(document, link.span))
            yield self.report(
                f"'{shorten(link.full_span.of(text), 80)}' wraps its URL in a second pair of parentheses: "
                f"the link points to '{shorten(link.url)}'",
                link.full_span,
                fix,
            )
        for found in reported_malformed(document, context):
            yield self.report(found.message, found.span, found.fix)


# --------------------------------------------------------------------------------------------------------------
# LL403 malformed-url
# --------------------------------------------------------------------------------------------------------------


class MalformedUrl(Rule):
    code = "LL403"
    name = "malformed-url"
    category = CATEGORY
    summary = "A URL with a bad scheme or host, spaces, unbalanced parentheses or brackets, or a second URL glued on"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        for link in _checkable_links(document):
            problems = urls.url_problems(link.url)
            for problem in problems:
                if link.kind is LinkKind.BARE and problem.kind == "no-scheme":
                    continue  # GitHub links a bare www. itself; LL404 reports the bare URL
                if link.in_html and problem.kind == "space":
                    continue  # a quoted HTML attribute may hold spaces: the browser encodes them
                span = url_span(link)
                fix = None
                if link.span is not None:
                    span = Span(link.span.start + problem.start, link.span.start + max(problem.end, problem.start))
                    if problem.kind == "glued":
                        fix = Fix.unsafe(
                            Edit.delete(span),
                            title=f"Remove the glued tail '{shorten(link.url[problem.start:], 40)}'",
                            alters=_url_alters(document, span),
                        )
                    if span.start == span.end:
                        span = link.span
                yield self.report(f"URL '{shorten(link.url, 80)}' {problem.message}", span, fix)


# --------------------------------------------------------------------------------------------------------------
# LL404 bare-url
# --------------------------------------------------------------------------------------------------------------


class BareUrl(Rule):
    code = "LL404"
    needs_entries = False
    name = "bare-url"
    category = CATEGORY
    summary = "A URL in prose outside link syntax"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        malformed = [m.span for m in reported_malformed(document, context)]
        for link in document.links:
            if link.kind is not LinkKind.BARE or link.in_html:
                continue
            if any(s.start <= link.full_span.start < s.end for s in malformed):
                continue  # part of a link that LL402 reports
            if _in_bibtex_field(document.text, link.full_span.start):
                continue  # 'url = {https://…}' of BibTeX written as text: a field value, not prose
            shown = shorten(link.url, 80)
            if "://" not in link.url[:12]:
                # <www.…> is no autolink: only a link with a scheme is
                yield self.report(f"bare URL '{shown}': write it as a link with a scheme, <https://{shown}>",
                                  link.full_span)
                continue
            fix = None
            # no fix for a URL LL403 finds malformed ("[[Paper(https://a.org/1)]" reads "https://a.org/1)]"):
            # wrapping it would make the broken URL look deliberate
            problems = urls.url_problems(link.url)
            if problems:
                yield self.report(f"bare URL '{shown}': write it as a link; the URL {problems[0].message}, so check "
                                  "where it really ends", link.full_span)
                continue
            if link.span is not None and AUTOLINK_URL.fullmatch(link.url):
                # The parser counts an autolink, not a bare URL, as a link line, so wrapping may turn a heading or
                # list item into an entry: the fix says so, the rendered page does not change.
                fix = Fix.safe(
                    Edit.insert(link.span.start, "<"),
                    Edit.insert(link.span.end, ">"),
                    title="Wrap the URL in <…>",
                    alters=Alters.URLS | Alters.TITLES | Alters.ENTRIES,
                )
            yield self.report(f"bare URL '{shown}': write it as <{shown}> or a link", link.full_span, fix)


# What opens a BibTeX field's value just before a URL: 'url = {', 'note="', 'howpublished = {\\url{'
_BIBTEX_FIELD_OPENING = lazy(r"(?:\b[A-Za-z][\w-]*\s*=\s*[{\"]|\\(?:url|href)\{)\s*$")


def _in_bibtex_field(text: str, at: int) -> bool:
    """Whether the URL at ``at`` is the value of a BibTeX field written as text (BibTeX pasted without a fence, or
    inside an inline ``<pre>``), which GitHub shows as it is and where ``<…>`` would change the value."""
    line_start = text.rfind("\n", 0, at) + 1
    return bool(_BIBTEX_FIELD_OPENING.search(text, line_start, at))


def _url_alters(document: Document, span: Span) -> Alters:
    """What rewriting the URL at ``span`` changes in the entry list: the URL, and the title too when the URL is
    the entry's title (a bare URL or an autolink entry)."""
    spans = document.memo("ll4.title_spans", lambda: sorted(
        e.title_span for e in document.entries if e.title_span is not None and len(e.title_span)))
    starts = document.memo("ll4.title_starts", lambda: [s.start for s in spans])
    at = bisect_right(starts, span.end)
    if any(spans[k].overlaps(span) or span.contains(spans[k]) for k in range(max(0, at - 3), at)):
        return Alters.URLS | Alters.TITLES
    return Alters.URLS


# What CommonMark takes between < and > for an autolink: a scheme, then no space, control character, < or >.
AUTOLINK_URL = lazy(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20\x7f]*")

# --------------------------------------------------------------------------------------------------------------
# LL405 link-fragment
# --------------------------------------------------------------------------------------------------------------

_ANCHOR_ATTR = lazy(r"""\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


def heading_slugs(document: Document) -> tuple[str, ...]:
    """GitHub's anchor for every heading of the document, in order: the one slug computation, shared with LL106.

    Taken from the heading's rendered text (link text, not link syntax; no HTML tags or images; entities
    decoded), as GitHub does."""

    def build() -> tuple[str, ...]:
        seen: dict[str, int] = {}
        return tuple(urls.github_anchor(h.rendered, seen) for h in document.headings)

    return document.memo("ll4.slugs", build)


def html_anchors(document: Document) -> tuple[tuple[int, str], ...]:
    """(offset, name) of every ``id=`` / ``name=`` in the document's HTML (``<a name="x"></a>``), in order (shared
    with LL106)."""

    def build() -> tuple[tuple[int, str], ...]:
        text = document.text
        spans = list(document.html_spans)
        spans.extend(b.span for b in document.blocks if b.kind == "html")
        found = []
        for span in sorted(spans, key=lambda s: s.start):
            for m in _ANCHOR_ATTR.finditer(text, span.start, span.end):
                found.append((m.start(), next(g for g in m.groups() if g is not None)))
        return tuple(found)

    return document.memo("ll4.html_anchors", build)


def page_anchors(document: Document) -> frozenset[str]:
    """Every anchor of the page: heading slugs and HTML ``id``/``name`` attributes (shared with LL413)."""
    return document.memo("ll4.anchors", lambda: frozenset(heading_slugs(document))
                         | frozenset(name for _, name in html_anchors(document)))


MAX_HINTS = 50

# GitHub prefixes the ids it renders (headings' anchors, HTML id and name attributes) with "user-content-", and
# its page resolves '#x' to that id: '#user-content-x' is the element's own id, and a link to it works too.
GITHUB_ID_PREFIX = "user-content-"


def github_anchor_id(fragment: str) -> str:
    """``fragment`` without GitHub's ``user-content-`` id prefix (any case), or ``fragment`` as it is."""
    if fragment[:len(GITHUB_ID_PREFIX)].lower() == GITHUB_ID_PREFIX and len(fragment) > len(GITHUB_ID_PREFIX):
        return fragment[len(GITHUB_ID_PREFIX):]
    return fragment


# Anchors every GitHub page has, whatever the file's headings: '#top' scrolls to the top of the page, and the
# rendered README sits in an element with id "readme" ('[back to top](#readme)').
PAGE_ANCHORS = frozenset({"top", "readme"})


def _close_slug(fragment: str, document: Document) -> list[str]:
    """The nearest heading slug, compared only with slugs of similar length and first letter (keeps it linear).

    A broken fragment is often written again ('[back to top](#contents)' under every section): each is matched once
    per document."""
    found: dict[str, list[str]] = document.memo("ll4.close-slugs", dict)
    if fragment not in found:
        found[fragment] = _nearest_slug(fragment, document)
    return found[fragment]


def _nearest_slug(fragment: str, document: Document) -> list[str]:
    by_key = document.memo("ll4.slugs-by-key", lambda: _slugs_by_key(heading_slugs(document)))
    candidates = [s for delta in range(-3, 4) for s in by_key.get((fragment[:1], len(fragment) + delta), ())]
    if not candidates:
        return []
    import difflib  # a broken fragment is rare; difflib is not worth importing at start-up

    return difflib.get_close_matches(fragment, candidates, n=1, cutoff=0.6)


def _core(anchor: str) -> str:
    """An anchor as compared for a fix: lowercase letters and digits, no separators or punctuation."""
    return "".join(ch for ch in anchor.lower() if ch.isalnum())


def _safe_guess(fragment: str, slug: str) -> bool:
    """Whether pointing a link at ``slug`` instead of ``fragment`` is a correction, not a change of target.

    It is when the two differ only in case, separators and punctuation ('#Set_up' -> '#set-up'), or, once those are
    dropped, by at most one edit (a letter changed, added, removed, or two swapped) for every six characters of the
    shorter one, and with the same numbers. So 'optimization' (12) may become 'optimisation' and 'transformer'
    'transformers', but no anchor under six characters is guessed at: with three or four letters one edit makes
    another word, an acronym another acronym ('#GNN' is not '#gan', '#NVS' not '#nas'). A number is never a typo:
    '#week-3' is not '#week-2'."""
    a, b = _core(fragment), _core(slug)
    if a == b:
        return True
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    return distance(a, b) <= min(len(a), len(b)) // 6


def _slugs_by_key(slugs: Iterable[str]) -> dict[tuple[str, int], list[str]]:
    out: dict[tuple[str, int], list[str]] = {}
    for slug in slugs:
        out.setdefault((slug[:1], len(slug)), []).append(slug)
    return out


def _slugs_by_first_words(slugs: Iterable[str]) -> dict[str, list[str]]:
    """Each slug under every run of its first words ('dataset--language-modeling' under 'dataset' and
    'dataset--language'): the headings a shortened fragment may stand for."""
    out: dict[str, list[str]] = {}
    for slug in slugs:
        seen: set[str] = set()
        for at, ch in enumerate(slug):
            if ch == "-" and at:
                prefix = slug[:at].rstrip("-")
                if prefix and prefix not in seen:
                    seen.add(prefix)
                    out.setdefault(prefix, []).append(slug)
    return out


class _Candidate(Record):
    """A heading anchor a broken fragment may have meant, and how: its letters and digits equal (3), its first
    whole words (2), or a typo of it (1) at ``distance`` edits."""
    slug: str
    match: int
    distance: int


def _candidates(fragment: str, document: Document) -> list[_Candidate]:
    """The heading anchors a fix may link ``fragment`` to: typos of it (see :func:`_safe_guess`) among slugs of
    similar length and first letter, and slugs that start with it as whole words ('#tutorial' and
    'tutorial-for-beginners'); computed once per fragment and document."""
    found: dict[str, list[_Candidate]] = document.memo("ll4.fragment-candidates", dict)
    if fragment in found:
        return found[fragment]
    by_key = document.memo("ll4.slugs-by-key", lambda: _slugs_by_key(heading_slugs(document)))
    out: dict[str, _Candidate] = {}
    core = _core(fragment)
    for delta in range(-3, 4):
        for slug in by_key.get((fragment[:1], len(fragment) + delta), ()):
            if _safe_guess(fragment, slug):
                other = _core(slug)
                out[slug] = _Candidate(slug, 3, 0) if other == core else _Candidate(slug, 1, distance(core, other))
    if len(core) >= 3:
        by_words = document.memo("ll4.slugs-by-words", lambda: _slugs_by_first_words(heading_slugs(document)))
        for slug in by_words.get(fragment.rstrip("-"), ()):
            if slug not in out:
                out[slug] = _Candidate(slug, 2, 0)
    found[fragment] = list(out.values())
    return found[fragment]


class _Outline(Record):
    """What a table of contents' nesting says of its links: the fragment link each list item opens with, the item
    of each such link, and the headings they lead to."""
    heading_of: dict[str, int]  # slug -> index in document.headings (the first heading with that slug)
    link_of: dict[int, Link]  # list item index -> the fragment link its content opens with
    item_of: dict[int, int]  # offset of such a link -> its list item
    listed: set[int]  # the headings those links lead to


def _outline(document: Document) -> _Outline:
    def build() -> _Outline:
        heading_of: dict[str, int] = {}
        for n, slug in enumerate(heading_slugs(document)):
            heading_of.setdefault(slug, n)
        starts = [item.content_start for item in document.list_items]  # in document order
        text = document.text
        link_of: dict[int, Link] = {}
        item_of: dict[int, int] = {}
        for link in document.links:
            if not link.is_fragment:
                continue
            at = bisect_right(starts, link.full_span.start) - 1
            # the item's content opens with the link, after emphasis or a task box at most ("**[A](#a)**")
            if at >= 0 and at not in link_of and not text[starts[at]:link.full_span.start].strip("*_ [xX]"):
                link_of[at] = link
                item_of[link.full_span.start] = at
        outline = _Outline(heading_of, link_of, item_of, set())
        outline.listed.update(n for n in map(partial(_target, outline), link_of) if n is not None)
        return outline

    return document.memo("ll4.outline", build)


def _target(outline: _Outline, item: int | None) -> int | None:
    """The heading the fragment link a list item opens with leads to, if it leads to one."""
    link = outline.link_of.get(item) if item is not None else None
    if link is None:
        return None
    return outline.heading_of.get(unquote(urls.followed(link.fragment or "")).lower())


def _subtree(document: Document, at: int) -> range:
    """The headings under heading ``at``: those after it up to the next heading of its level or above."""
    headings = document.headings
    level = headings[at].level
    end = at + 1
    while end < len(headings) and (headings[end].nested or headings[end].level > level):
        end += 1
    return range(at + 1, end)


class _Ranked(Record):
    """A candidate anchor as the table of contents sees it, in the order of plausibility."""
    score: int
    closeness: int  # -distance
    order: int  # -heading index
    slug: str
    astray: bool  # outside the headings under the one the table's parent item leads to


def _ranked(document: Document, link: Link, candidates: list[_Candidate]) -> list[_Ranked]:
    """The candidates, best first (then in document order). Besides how the anchor matches, a table of contents
    says where its link leads: under the heading its parent item leads to (+2; when that heading has headings
    under it, one elsewhere is astray), and at the level of the headings its sibling items lead to (+1); a heading
    another item leads to has an entry already, and is not guessed as the first words of this one."""
    outline = _outline(document)
    at_item = outline.item_of.get(link.full_span.start)
    under: range = range(0)
    level = 0
    if at_item is not None:
        item = document.list_items[at_item]
        parent = _target(outline, item.parent_item)
        if parent is not None:
            under = _subtree(document, parent)
        levels = {document.headings[n].level for n in map(partial(_target, outline),
                                                          document.lists[item.list_index].items) if n is not None}
        if len(levels) == 1:
            level = levels.pop()
    ranked: list[_Ranked] = []
    for c in candidates:
        at = outline.heading_of.get(c.slug, 0)
        if c.match == 2 and at in outline.listed:
            continue  # '#image' beside '[Image processing](#image-processing)': that heading has its own entry
        score = c.match + (2 if at in under else 0) + (1 if level and document.headings[at].level == level else 0)
        ranked.append(_Ranked(score, -c.distance, -at, c.slug, bool(under) and at not in under))
    ranked.sort(reverse=True)
    return ranked


class LinkFragment(Rule):
    code = "LL405"
    needs_entries = False
    name = "link-fragment"
    category = CATEGORY
    summary = "A #fragment link that matches no heading (GitHub slug) or anchor of the file"
    fix = FixAvailability.SOMETIMES

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        anchors: frozenset[str] | None = None
        lowered: frozenset[str] = frozenset()
        misses = 0
        for link in document.links:
            if not link.fragment:
                continue
            if anchors is None:
                anchors = page_anchors(document)
                lowered = frozenset(a.lower() for a in anchors)
            # "#agn&#x00F3;sticos", "#prediction-\-methods": the rendered link has the character, not the escape
            fragment = unquote(urls.followed(link.fragment))
            if fragment in anchors or fragment.lower() in lowered or fragment.lower() in PAGE_ANCHORS:
                continue
            bare = github_anchor_id(fragment)
            if bare != fragment and (bare in anchors or bare.lower() in lowered):
                continue  # '#user-content-arcade': the id GitHub gives the anchor '#arcade'
            misses += 1
            message = f"link fragment '{shorten(link.url)}' matches no heading or anchor of this file"
            fix = None
            # a suggestion costs a fuzzy match over similar slugs: offer it for the first misses only
            ranked = _ranked(document, link, _candidates(fragment.lower(), document)) if misses <= MAX_HINTS else []
            if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
                # two anchors as likely as each other: named, and the reader picks
                message += f" (did you mean '#{ranked[0].slug}' or '#{ranked[1].slug}'?)"
            elif ranked and ranked[0].astray:
                # the table files the link under a heading, and the anchor is elsewhere: named, not fixed
                message += f" (the nearest heading anchor is '#{ranked[0].slug}', in another part of the file)"
            elif ranked:
                slug = ranked[0].slug
                message += f" (did you mean '#{slug}'?)"
                written = link.span.of(document.text) if link.span is not None else ""
                if link.span is not None and written == link.url and written.endswith("#" + link.fragment):
                    # a guess (a renamed heading, a typo): the reader decides, so the fix is unsafe
                    at = link.span.end - len(link.fragment)
                    fix = Fix.unsafe(Edit(Span(at, link.span.end), slug), title=f"Link to '#{slug}'",
                                     alters=Alters.URLS)
            elif misses <= MAX_HINTS and (hint := _close_slug(fragment.lower(), document)):
                # too far from the fragment to be its typo ('#GNN' and '#gan'): named, not offered as a fix
                message += f" (the nearest heading anchor is '#{hint[0]}')"
            yield self.report(message, url_span(link), fix)


# --------------------------------------------------------------------------------------------------------------
# LL406 tracking-params
# --------------------------------------------------------------------------------------------------------------


def _host_matches(host: str, patterns: tuple[str, ...]) -> bool:
    """``host`` equals a pattern or is a subdomain of one (``*.`` and a leading dot are allowed)."""
    for pattern in patterns:
        p = pattern.lower().lstrip("*").lstrip(".")
        if p.startswith("www."):
            p = p[4:]
        if host == p or host.endswith("." + p):
            return True
    return False


# "utm_medium=Referral", "utm_medium=sponsorship": campaign parameters a sponsor or affiliate asked for
SPONSORED_MEDIUM = lazy(r"[?&](utm_medium=(?:referral|sponsor(?:ed|ship)?|affiliate|partner(?:ship)?))(?:[&#]|$)",
                        re.IGNORECASE)


class TrackingParams(Rule):
    code = "LL406"
    name = "tracking-params"
    category = CATEGORY
    summary = "Tracking parameters in a URL: utm_*, fbclid, gclid, mc_cid, spm, scisig, ..."
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        extra = tuple(context.config.tracking.params)
        allow = tuple(context.config.tracking.allow_hosts)
        for link in _checkable_links(document):
            if link.in_html or "?" not in link.url:
                continue  # HTML blocks (sponsor banners) carry deliberate campaign parameters
            if allow and _host_matches(urls.host_of(link.url), allow):
                continue
            target = urls.redirect_target(link.url)
            if target is not None:
                # the redirect's signature covers its parameters: only the page it leads to is a clean link
                fix = None
                if link.span is not None and link.span.of(document.text) == link.url and "<" not in target \
                        and ">" not in target and target.count("(") == target.count(")"):
                    fix = Fix.safe(Edit(link.span, target), title="Link to the page the redirect leads to",
                                   alters=_url_alters(document, link.span))
                yield self.report(f"a Google click-tracking redirect to '{shorten(target)}': link to that page",
                                  url_span(link), fix)
                continue
            found = urls.tracking_params(link.url, extra)
            if not found:
                continue
            names = ", ".join(dict.fromkeys(name for name, _, _ in found))
            span = url_span(link)
            fix = None
            message = f"tracking parameters in URL: {names}"
            medium = SPONSORED_MEDIUM.search(link.url)
            if medium is not None:  # a sponsor's link may be paid for by its attribution: the maintainer decides
                message += f" ({medium.group(1)}: if this is a sponsor's link, the parameters may be agreed)"
            if link.span is not None:
                span = Span(link.span.start + found[0][1], link.span.start + found[-1][2])
                stripped = urls.strip_tracking(link.url, extra)
                fix = (Fix.unsafe if medium else Fix.safe)(Edit(link.span, stripped),
                                                           title="Remove the tracking parameters",
                                                           alters=_url_alters(document, link.span))
            yield self.report(message, span, fix)


# --------------------------------------------------------------------------------------------------------------
# LL407 insecure-url
# --------------------------------------------------------------------------------------------------------------


class InsecureUrl(Rule):
    code = "LL407"
    name = "insecure-url"
    category = CATEGORY
    summary = "http:// for a host known to serve HTTPS"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        extra = tuple(context.config.urls.https_hosts)
        for link in document.links:
            if link.kind is LinkKind.REFERENCE:
                continue  # checked at its definition
            url = link.url
            if url[:7].lower() != "http://":
                continue
            parts = urls.split(url)
            host = parts.host
            if parts.port or not urls.is_https_host(host, extra):
                continue  # an explicit port would not follow the scheme change
            fix = None
            span = url_span(link)
            if link.span is not None:
                span = Span(link.span.start, link.span.start + 4)
                fix = Fix.safe(Edit(span, url[:4] + "s"), title="Use https://", alters=_url_alters(document, span))
            yield self.report(f"'{shorten(url, 80)}' uses http:// but {host} serves HTTPS", span, fix)


# --------------------------------------------------------------------------------------------------------------
# LL408 canonical-url
# --------------------------------------------------------------------------------------------------------------


class CanonicalUrlOptions(Record):
    """Options of LL408."""
    arxiv_form: str = "abs"  # "abs" (the paper's page) or "pdf"
    keep_version: bool = False  # keep an arXiv version suffix (v2) as written


class CanonicalUrl(Rule):
    code = "LL408"
    name = "canonical-url"
    category = CATEGORY
    summary = "Not the preferred form of equivalent URLs (arXiv abs vs pdf and vN, dx.doi.org, OpenReview pdf)"
    fix = FixAvailability.SAFE
    default_enabled = False
    Options = CanonicalUrlOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        options: CanonicalUrlOptions = context.options
        form = "pdf" if options.arxiv_form == "pdf" else "abs"
        for link in _checkable_links(document):
            if link.in_html or urls.glued_tail(link.url) is not None:
                continue
            canon = urls.canonical_url(link.url, arxiv_form=form, keep_version=options.keep_version)
            if canon == link.url:
                continue
            fix = None
            if link.span is not None:
                fix = Fix.safe(Edit(link.span, canon), title=f"Use {canon}", alters=_url_alters(document, link.span))
            yield self.report(f"'{shorten(link.url, 80)}' is preferably written {canon}", url_span(link), fix)


# --------------------------------------------------------------------------------------------------------------
# LL409 link-bibtex-agreement
# --------------------------------------------------------------------------------------------------------------

_BIB_ARXIV = lazy(r"arxiv[\s:{}]*((?:\d{4}\.\d{4,5})|(?:[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}))", re.I)
_BIB_CORR = lazy(r"\babs/((?:\d{4}\.\d{4,5})|(?:[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}))", re.I)
_BIB_URL_CMD = lazy(r"^\\url\{(.*)\}$")


class _BibIds(Record):
    """The arXiv ids, DOIs and OpenReview ids a BibTeX entry names."""
    arxiv: dict[str, str]  # id -> field name that names it
    doi: dict[str, str]
    openreview: dict[str, str]


def _bib_ids(entries: tuple[BibEntry, ...]) -> tuple[_BibIds, dict[str, Span]]:
    arxiv: dict[str, str] = {}
    doi: dict[str, str] = {}
    openreview: dict[str, str] = {}
    where: dict[str, Span] = {}
    for entry in entries:
        for f in entry.fields:
            name = f.name.lower()
            value = f.value.strip().strip("{}").strip()
            if name == "url":
                m = _BIB_URL_CMD.match(value)
                value = m.group(1) if m else value
                for key, table, ident in (
                    ("arxiv", arxiv, urls.arxiv_id(value)),
                    ("doi", doi, urls.doi(value)),
                    ("openreview", openreview, urls.openreview_id(value)),
                ):
                    if ident and ident not in table:
                        table[ident] = f.name
                        where[f"{key}:{ident}"] = f.span
            elif name == "doi":
                ident = urls.doi(value) or urls.doi("doi:" + value)
                if ident and ident not in doi:
                    doi[ident] = f.name
                    where[f"doi:{ident}"] = f.span
                aid = urls.arxiv_id("doi:" + value) if ident else None
                if aid and aid not in arxiv:
                    arxiv[aid] = f.name
                    where[f"arxiv:{aid}"] = f.span
            elif name in ("eprint", "journal", "volume", "note", "booktitle", "howpublished", "number"):
                candidates: list[str] = []
                if name == "eprint":
                    bare = urls.arxiv_id("arXiv:" + value) or urls.arxiv_id(value)
                    if bare:
                        candidates.append(bare)
                candidates += [m.group(1) for m in _BIB_ARXIV.finditer(value)]
                candidates += [m.group(1) for m in _BIB_CORR.finditer(value)]
                for ident in candidates:
                    if ident not in arxiv:
                        arxiv[ident] = f.name
                        where[f"arxiv:{ident}"] = f.span
    return _BibIds(arxiv, doi, openreview), where


class LinkBibtexAgreement(Rule):
    code = "LL409"
    name = "link-bibtex-agreement"
    category = CATEGORY
    summary = "The entry's link and its BibTeX name different papers (arXiv id, DOI, OpenReview id)"
    fix = FixAvailability.NONE
    severity = Severity.WARNING

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        for entry in document.entries:
            if entry.primary_link is None or not entry.bibtex:
                continue
            bib_entries = tuple(e for block in entry.bibtex if block.parsed for e in block.entries)
            if not bib_entries:
                continue  # unparsed blocks are LL501's business
            yield from self._compare(document, entry, bib_entries)

    def _compare(self, document: Document, entry: Entry, bib_entries: tuple[BibEntry, ...]) -> Iterator[Diagnostic]:
        link = entry.primary_link
        assert link is not None
        ids, where = _bib_ids(bib_entries)
        url = link.url
        link_ids = (
            ("arXiv", "arxiv", urls.arxiv_id(url), ids.arxiv),
            ("DOI", "doi", urls.doi(url), ids.doi),
            ("OpenReview", "openreview", urls.openreview_id(url), ids.openreview),
        )
        for label, key, ident, table in link_ids:
            if not ident or not table or ident in table:
                continue
            other, field_name = next(iter(table.items()))
            line = document.source.position(where[f"{key}:{other}"].start)[0]
            yield self.report(
                f"the link names {label} {ident} but the BibTeX {field_name} (line {line}) names {label} {other}",
                url_span(link),
            )


RULES = (
    EmptyLink,
    MalformedLinkRule,
    MalformedUrl,
    BareUrl,
    LinkFragment,
    TrackingParams,
    InsecureUrl,
    CanonicalUrl,
    LinkBibtexAgreement,
    DuplicateDefinition,
)

__all__ = ["RULES", "heading_slugs", "malformed_links", "page_anchors", "prose_lines", "shorten", "url_span"]
