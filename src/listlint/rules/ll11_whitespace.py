"""File hygiene: LL110 trailing-whitespace, LL111 blank-lines, LL112 final-newline, LL113 hard-tabs, LL114 mojibake,
LL115 blanks-around-blocks, LL117 markdown-in-html-block.

They work on raw lines, but only on lines the parser says are prose (fenced and indented code, HTML blocks and front
matter are protected), and their safe fixes never change the rendered HTML -- except LL114's and LL117's, whose
purpose is to give back what the author wrote: text garbled by a wrong encoding, Markdown an HTML block swallowed.
"""


import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability
from listlint.errors import ConfigError
from listlint.model import Document
from listlint.records import Record
from listlint.regex import lazy
from listlint.rules.base import Context, Rule
from listlint.rules.ll1_headings import container_lines
from listlint.source import Span


def _blank_ended_lines(document: Document) -> list[int]:
    """0-based lines whose last character is a space or a tab, in order.

    Such a character stands right before a line break (LF, or the CR of CRLF or of a bare CR) or at the end of the
    text: ``str.find`` for those few pairs scans the text in C, instead of a look at the end of each of its lines."""
    source = document.source
    text = source.text
    breaks = "\n\r" if "\r" in text else "\n"
    found = set()
    for pair in (blank + brk for blank in " \t" for brk in breaks):
        at = text.find(pair)
        while at != -1:
            found.add(source.line_index(at))
            at = text.find(pair, at + 2)
    if text.endswith((" ", "\t")):
        found.add(source.line_count - 1)
    return sorted(found)


def _hard_break_lines(document: Document) -> frozenset[int]:
    """Lines ending a paragraph line with 2+ spaces followed by another line of the same paragraph (a <br>).

    A setext heading is a paragraph underlined: its text lines but the last can hold line breaks too."""

    def build() -> frozenset[int]:
        lines: set[int] = set()
        for block in document.blocks:
            if block.kind == "paragraph":
                lines.update(range(block.line, block.end_line - 1))
        for heading in document.headings:
            if heading.style == "setext":
                lines.update(range(heading.line, document.source.line_index(heading.span.end) - 1))
        return frozenset(lines)

    return document.memo("ll11.hard_break_lines", build)


def _in_spans(spans: Sequence[Span], starts: Sequence[int], offset: int) -> bool:
    at = bisect_right(starts, offset) - 1
    return at >= 0 and spans[at].start <= offset < spans[at].end


def _code_spans(document: Document) -> tuple[list[Span], list[int]]:
    """Inline code spans sorted, with their starts (a code span may run over several lines)."""

    def build() -> tuple[list[Span], list[int]]:
        spans = sorted(document.code_spans)
        return spans, [s.start for s in spans]

    return document.memo("ll11.code_spans", build)


def _empty_item_lines(document: Document) -> frozenset[int]:
    """0-based lines of empty list items (a marker and nothing after it): after one, a blank line ends the list or
    the item early (markdown-it). Shared by LL111 and LL115, built when first asked."""
    source = document.source
    return document.memo("ll11.empty_items", lambda: frozenset(
        item.line for item in document.list_items if item.content_start >= source.line_end(item.line)))


def _unclosed_fence_ends(document: Document) -> frozenset[int]:
    """End lines (exclusive) of fences that are never closed: they run on to the end of their container, so a
    line added after them would be code."""

    def build() -> frozenset[int]:
        source = document.source
        out = set()
        for block in document.blocks:
            if block.kind != "fence":
                continue
            fence = re.search(r"`{3,}|~{3,}", source.line(block.line))  # after any list or quote markers
            if fence is None:
                continue
            char, run = fence.group()[0], len(fence.group())
            closing = source.line(block.end_line - 1) if block.end_line - 1 > block.line else ""
            last = closing.strip()
            # a closing fence sits less than four columns right of its container's text column, which is at
            # most three left of the opening fence: a closing line indented no further than the opening is sure
            lead = len(closing) - len(closing.lstrip(" "))
            if "\t" in closing or not (last and set(last) == {char} and len(last) >= run and lead <= fence.start()):
                out.add(block.end_line)
        return frozenset(out)

    return document.memo("ll11.unclosed_fences", build)


class TrailingWhitespaceOptions(Record):
    """Options of LL110."""
    allow_hard_breaks: bool = True  # keep exactly-two-or-more spaces that make a Markdown line break


class TrailingWhitespace(Rule):
    code = "LL110"
    needs_entries = False
    name = "trailing-whitespace"
    category = "format"
    summary = "Trailing spaces or tabs (outside code fences and HTML blocks)"
    fix = FixAvailability.SAFE
    Options = TrailingWhitespaceOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        text = source.text
        protected = document.protected_lines
        allow_breaks = context.options.allow_hard_breaks
        for index in _blank_ended_lines(document):
            if index in protected:
                continue
            start = source.line_start(index)
            end = source.line_end(index)
            content_end = end
            while content_end > start and text[content_end - 1] in " \t":
                content_end -= 1
            if content_end == start:
                continue  # a whitespace-only line is LL111's business
            trailing = text[content_end:end]
            # (the paragraphs' lines are found on the first line that ends in two spaces or more)
            hard_break = trailing.startswith("  ") and "\t" not in trailing and index in _hard_break_lines(document)
            if hard_break and allow_breaks:
                continue
            spans, starts = _code_spans(document)
            if _in_spans(spans, starts, content_end):
                continue  # inside a code span running over lines, the spaces are code
            edit = Edit(Span(content_end, end), "")
            backslashes = content_end - len(text[start:content_end].rstrip("\\")) - start
            if backslashes % 2:
                # "text\\ " : without the space the backslash would end the line and make a hard line break
                if len(trailing) == 1:
                    continue
                edit = Edit(Span(content_end, end), " ")
            yield self.report(
                f"trailing whitespace ({_describe(trailing)})" + (" making a line break" if hard_break else ""),
                Span(content_end, end),
                # removing a hard line break changes the page: only with --unsafe-fixes
                Fix.unsafe(edit, title="Remove the line break") if hard_break
                else Fix.safe(edit, title="Remove trailing whitespace"),
            )


def _describe(whitespace: str) -> str:
    spaces, tabs = whitespace.count(" "), whitespace.count("\t")
    parts = []
    if spaces:
        parts.append(f"{spaces} space{'s' if spaces != 1 else ''}")
    if tabs:
        parts.append(f"{tabs} tab{'s' if tabs != 1 else ''}")
    return " and ".join(parts)


class BlankLinesOptions(Record):
    """Options of LL111."""
    maximum: int = 1  # consecutive blank lines allowed
    # before a heading: a number, or "auto": the file's own number when three quarters of its headings have as many
    before_headings: int | str = "auto"


class BlankLines(Rule):
    code = "LL111"
    needs_entries = False
    name = "blank-lines"
    category = "format"
    summary = "More than one consecutive blank line, or a line of only whitespace"
    fix = FixAvailability.SAFE
    Options = BlankLinesOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        # only spaces and tabs make a line blank (CommonMark): a line of NBSP or form feed is a paragraph
        source = document.source
        lines = document.source.lines()
        protected = document.protected_lines
        maximum = max(1, context.options.maximum)
        heading_lines = {h.line for h in document.headings}
        before_headings = self._before_headings(document, context, maximum, heading_lines)
        last_content = len(lines) - 1
        while last_content >= 0 and not lines[last_content].strip(" \t"):
            last_content -= 1  # blank lines at the end of the file are LL112's business
        index = 0
        while index <= last_content:
            if index in protected or lines[index].strip(" \t"):
                index += 1
                continue
            run_start = index
            while index <= last_content and index not in protected and not lines[index].strip(" \t"):
                index += 1
            run = range(run_start, index)
            allowed = before_headings if index in heading_lines and run_start > 0 else maximum
            if len(run) > allowed and run_start - 1 in _empty_item_lines(document):
                continue  # after an empty list item, a second blank line ends the list (markdown-it): keep them
            if len(run) > allowed:
                keep_end = source.line_start(run_start + allowed)
                span = Span(keep_end, source.line_start(index))
                edits = [Edit(span, "")]
                edits += [Edit(source.line_span(i), "") for i in range(run_start, run_start + allowed) if lines[i]]
                where = " before a heading" if allowed != maximum else ""
                yield self.report(
                    f"{len(run)} consecutive blank lines; at most {allowed} expected{where}",
                    Span(keep_end, keep_end),
                    Fix.safe(*edits, title="Remove extra blank lines"),
                )
            else:
                for i in run:
                    if lines[i]:
                        line_span = source.line_span(i)
                        yield self.report(
                            "line holds only whitespace",
                            line_span,
                            Fix.safe(Edit(line_span, ""), title="Empty the line"),
                        )


    @staticmethod
    def _before_headings(document: Document, context: Context, maximum: int, heading_lines: set[int]) -> int:
        """Blank lines allowed before a heading: the option's number, or with "auto" the number that three quarters
        of the file's headings have at least, when that is more than ``maximum`` (a house style: "two blank lines
        before every heading", which some lists' generators write), else ``maximum``."""
        option = context.options.before_headings
        if isinstance(option, int):
            return max(maximum, option)
        if option != "auto":
            raise ConfigError(context.config.path or "<config>", "rules.blank-lines.before-headings",
                              f"must be auto or a number, got {option!r}")
        lines = document.source.lines()
        protected = document.protected_lines
        runs = []
        for line in sorted(heading_lines):
            blank = line
            while blank > 0 and not lines[blank - 1].strip(" \t") and blank - 1 not in protected:
                blank -= 1
            if blank > 0:  # a heading on the file's first lines has nothing to be apart from
                runs.append(line - blank)
        if len(runs) < 4:
            return maximum
        # the most blank lines that three quarters of the headings have at least of
        house = max((n for n in set(runs) if sum(1 for r in runs if r >= n) * 4 >= len(runs) * 3), default=0)
        return max(house, maximum)


class FinalNewline(Rule):
    code = "LL112"
    needs_entries = False
    name = "final-newline"
    category = "format"
    summary = "The file ends with exactly one newline"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        text = document.text
        if not text:
            return
        newline = document.source.newline
        content_end = len(text.rstrip(" \t\r\n"))
        if content_end == 0:
            yield self.report("file holds only whitespace", Span(0, len(text)),
                              Fix.safe(Edit(Span(0, len(text)), ""), title="Empty the file"))
            return
        tail = text[content_end:]
        if tail == "\n" or tail == "\r\n":
            return
        # keep trailing spaces of the last line to LL110; only the line breaks after it matter here
        line_end = content_end
        while line_end < len(text) and text[line_end] in " \t":
            line_end += 1
        rest = text[line_end:]
        if rest in ("\n", "\r\n"):
            return
        if not rest:
            last = document.source.line_count - 1
            # inside a fence never closed the newline would become part of the code
            in_open_fence = last in document.protected_lines and any(
                end > last for end in _unclosed_fence_ends(document))
            fix = None if in_open_fence else Fix.safe(Edit.insert(len(text), newline), title="Add a final newline")
            yield self.report("no newline at end of file", Span(len(text), len(text)), fix)
            return
        if not rest.startswith(("\n", "\r\n")):  # a bare carriage return: not a line break to keep
            span = Span(line_end, len(text))
            yield self.report("the file ends with a bare carriage return, not a newline", span,
                              Fix.safe(Edit(span, newline), title="End the file with one newline"))
            return
        first_break = newline if rest.startswith(newline) else rest[: 2 if rest.startswith("\r\n") else 1]
        span = Span(line_end + len(first_break), len(text))
        if document.source.line_index(span.start) in document.protected_lines:
            return  # the blank lines belong to a fence that is never closed: they are code
        yield self.report(
            f"{rest.count(chr(10))} line breaks at end of file; exactly one expected",
            span,
            Fix.safe(Edit(span, ""), title="Remove blank lines at end of file"),
        )


# ---- LL113 -------------------------------------------------------------------------------------------------------


def _expand(text: str, column: int) -> str:
    """``text`` with tabs replaced by spaces up to the next multiple-of-4 column (CommonMark's tab stops)."""
    out = []
    for ch in text:
        if ch == "\t":
            width = 4 - column % 4
            out.append(" " * width)
            column += width
        else:
            out.append(ch)
            column += 1
    return "".join(out)


def _structure_end(document: Document, index: int, items_by_line: dict[int, int]) -> int:
    """Offset where the line's content starts: after indentation, ``>`` markers and list markers."""
    source = document.source
    text = source.text
    start, end = source.line_start(index), source.line_end(index)
    pos = start
    while pos < end and text[pos] in " \t>":
        pos += 1
    content = items_by_line.get(index)
    if content is not None and content > pos:
        pos = content
        while pos > start and text[pos - 1] not in " \t" and pos < end and text[pos] in " \t":
            pos += 1
    return pos


def _item_content_starts(document: Document) -> dict[int, int]:
    """0-based line -> where the content of the innermost list item whose marker is on it starts (built once a tab
    outside code is found: most files have none)."""

    def build() -> dict[int, int]:
        out: dict[int, int] = {}
        for item in document.list_items:
            out[item.line] = max(out.get(item.line, 0), item.content_start)
        return out

    return document.memo("ll11.item_content_starts", build)


def _tab_positions(text: str, start: int, end: int) -> list[int]:
    """Offsets of the tabs in ``text[start:end]``, found with ``str.find`` rather than by testing each character."""
    out = []
    at = text.find("\t", start, end)
    while at != -1:
        out.append(at)
        at = text.find("\t", at + 1, end)
    return out


class HardTabs(Rule):
    code = "LL113"
    needs_entries = False
    name = "hard-tabs"
    category = "format"
    summary = "Tab characters outside code fences (trailing tabs are LL110's)"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        text = source.text
        if "\t" not in text:
            return
        protected = document.protected_lines
        code_spans, code_starts = _code_spans(document)
        pos = text.find("\t")
        while pos != -1:
            index = source.line_index(pos)
            start, end = source.line_start(index), source.line_end(index)
            next_line = end + 1
            if index in protected:
                pos = text.find("\t", next_line)
                continue
            content_end = end
            while content_end > start and text[content_end - 1] in " \t":
                content_end -= 1
            prefix_end = _structure_end(document, index, _item_content_starts(document))
            tabs = _tab_positions(text, pos, content_end)  # ``pos`` is the line's first tab
            lead = [p for p in tabs if p < prefix_end]
            spans, starts = _code_spans(document)
            if lead and any(_in_spans(spans, starts, p) for p in lead):
                prefix_end = start  # a code span running over lines holds them: report them as code below
                lead = []
            if lead:
                span = Span(start, max(prefix_end, lead[-1] + 1))
                yield self.report(
                    f"hard tab{'s' if len(lead) > 1 else ''} in the indentation; indent with spaces",
                    Span(lead[0], lead[0] + 1),
                    Fix.safe(Edit(span, _expand(span.of(text), 0)), title="Replace tabs by spaces"),
                )
            for p in tabs:
                if p < prefix_end:
                    continue
                at = bisect_right(code_starts, p) - 1
                in_code = at >= 0 and code_spans[at].start <= p < code_spans[at].end
                fix = None
                if not in_code:
                    column = len(_expand(text[start:p], 0))
                    fix = Fix.unsafe(Edit(Span(p, p + 1), _expand("\t", column)), title="Replace the tab by spaces")
                yield self.report(
                    "hard tab in " + ("inline code" if in_code else "the text; use spaces"),
                    Span(p, p + 1),
                    fix,
                )
            pos = text.find("\t", next_line)


# ---- LL114 -------------------------------------------------------------------------------------------------------


def _byte_maps() -> tuple[dict[str, int], dict[str, int]]:
    """Character -> byte for text that was decoded as cp1252 (undefined bytes kept as C1 controls) or Latin-1."""
    cp1252: dict[str, int] = {}
    latin1: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        latin1[chr(byte)] = byte
        try:
            cp1252[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            cp1252[chr(byte)] = byte  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: Windows passes them through
    return cp1252, latin1


CP1252, LATIN1 = _byte_maps()
CODECS = (("cp1252", CP1252), ("Latin-1", LATIN1))
MOJIBAKE_RUN = lazy("[" + re.escape("".join(sorted(set(CP1252) | set(LATIN1)))) + "]{2,}")
# What text that went through UTF-8 -> cp1252 usually was: letters of European scripts, punctuation and symbols,
# CJK, fullwidth forms, emoji. A "decoding" into IPA, combining marks, NKo, private use or controls is a
# coincidence of genuine Latin-1 text (``ß“`` would decode to U+07D3), so it is left alone.
PLAUSIBLE = (
    (0x00A0, 0x024F), (0x0370, 0x052F), (0x0590, 0x06FF), (0x0900, 0x0E7F), (0x1E00, 0x1EFF), (0x2000, 0x2BFF),
    (0x3000, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x1F000, 0x1FAFF),
    (0x20000, 0x2FFFF),
)


def _plausible(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in PLAUSIBLE)


def _sequence_length(byte: int) -> int:
    if 0xC2 <= byte <= 0xDF:
        return 2
    if 0xE0 <= byte <= 0xEF:
        return 3
    if 0xF0 <= byte <= 0xF4:
        return 4
    return 0


class Garble(Record):
    """A run of mojibake and the text it decodes to."""
    start: int  # index into the run
    end: int
    decoded: str
    codec: str


def find_mojibake(run: str) -> list[Garble]:
    """Maximal stretches of ``run`` that are UTF-8 bytes shown as cp1252 (or Latin-1) characters."""
    for codec, table in CODECS:
        found: list[Garble] = []
        values = [table.get(ch) for ch in run]
        i = 0
        current: tuple[int, list[str]] | None = None
        while i < len(run):
            lead = values[i]
            n = _sequence_length(lead) if lead is not None else 0
            chunk = values[i : i + n]
            decoded = None
            if n and len(chunk) == n and all(b is not None and 0x80 <= b <= 0xBF for b in chunk[1:]):
                try:
                    decoded = bytes(chunk).decode("utf-8")  # type: ignore[arg-type]
                except UnicodeDecodeError:
                    decoded = None
            if decoded is not None and _plausible(decoded):
                if current is None:
                    current = (i, [])
                current[1].append(decoded)
                i += n
                continue
            if current is not None:
                found.append(Garble(current[0], i, "".join(current[1]), codec))
                current = None
            i += 1
        if current is not None:
            found.append(Garble(current[0], len(run), "".join(current[1]), codec))
        if found:
            return found
    return []


def round_trips(garbled: str, decoded: str, codec: str) -> bool:
    """True when encoding ``decoded`` as UTF-8 and reading the bytes as ``codec`` gives back exactly ``garbled``."""
    table = CP1252 if codec == "cp1252" else LATIN1
    back = {byte: ch for ch, byte in table.items()}
    data = decoded.encode("utf-8")
    return "".join(back.get(b, chr(b)) for b in data) == garbled


class Mojibake(Rule):
    code = "LL114"
    name = "mojibake"
    category = "format"
    summary = "UTF-8 text that was decoded as cp1252/Latin-1 and saved again (`ï¼Œ`, `â€™`, `Ã©`)"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        # The indexes below are built on the first run of mojibake that needs them: most files have none.
        text = document.text
        if text.isascii():
            return
        source = document.source
        protected = document.protected_lines
        code_spans, code_starts = _code_spans(document)
        for match in _mojibake_runs(text):
            line = source.line_index(match.start())
            if line in protected and line not in _bibtex_lines(document):  # names in BibTeX are text too
                continue
            if _in_spans(code_spans, code_starts, match.start()):
                continue
            for garble in find_mojibake(match.group()):
                span = Span(match.start() + garble.start, match.start() + garble.end)
                garbled = span.of(text)
                fix = None
                if round_trips(garbled, garble.decoded, garble.codec):
                    alters = Alters.NOTHING
                    titles, title_starts = _sorted_spans(document, "titles")
                    if _overlaps_any(titles, title_starts, span):
                        alters |= Alters.TITLES
                    urls, url_starts = _sorted_spans(document, "urls")
                    if _overlaps_any(urls, url_starts, span):
                        alters |= Alters.URLS
                    line = source.line_index(span.start)
                    at_line_start = not text[source.line_start(line) : span.start].strip(" \t")
                    if line in _top_list_lines(document) or at_line_start:
                        # a re-decoded line start may be a bullet ("â€¢" -> "•": a citation line of its own)
                        alters |= Alters.TITLES | Alters.ENTRIES
                    fix = Fix.safe(Edit(span, garble.decoded), title=f"Re-decode as UTF-8: '{garble.decoded}'",
                                   alters=alters)
                yield self.report(
                    f"mojibake '{_visible(garbled)}': UTF-8 text that was read as {garble.codec}; it reads '{garble.decoded}'",
                    span,
                    fix,
                )


# MOJIBAKE_RUN is searched for only in stretches of blocks of this many characters that hold a non-ASCII one
ASCII_BLOCK = 1024


def _mojibake_runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of MOJIBAKE_RUN in ``text``, searched for only where there can be one.

    The regex engine tests its character class at every position (~8 ms on a 1 MB list); ``str.isascii`` rules out a
    block of ASCII text far faster, and most of a list is ASCII. Every character of the class is non-ASCII, so no
    run crosses an ASCII block: searching each stretch of non-ASCII blocks on its own finds the runs a search of the
    whole text finds."""
    size = len(text)
    at = 0
    while at < size:
        if text[at : at + ASCII_BLOCK].isascii():
            at += ASCII_BLOCK
            continue
        end = at + ASCII_BLOCK
        while end < size and not text[end : end + ASCII_BLOCK].isascii():
            end += ASCII_BLOCK
        yield from MOJIBAKE_RUN.finditer(text, at, min(end, size))
        at = end


def _bibtex_lines(document: Document) -> frozenset[int]:
    """0-based lines of BibTeX blocks, from the opening line to the closing one."""

    def build() -> frozenset[int]:
        index = document.source.line_index
        return frozenset(line for block in document.bibtex_blocks
                         for line in range(index(block.span.start), index(block.span.end) + 1))

    return document.memo("ll11.bibtex_lines", build)


def _top_list_lines(document: Document) -> frozenset[int]:
    """0-based lines of top-level lists: the words of a list item decide whether it is an entry (its title line, the
    lines of links after a title line), so a re-decoded item may become one."""
    return document.memo("ll11.top_list_lines", lambda: frozenset(
        line for lst in document.lists if lst.depth == 0 for line in range(lst.line, lst.end_line)))


def _sorted_spans(document: Document, what: str) -> tuple[list[Span], list[int]]:
    """The spans of entry titles (``what`` = "titles") or of URLs ("urls") in order, with their starts."""

    def build() -> tuple[list[Span], list[int]]:
        if what == "titles":
            found = [e.title_span for e in document.entries if e.title_span is not None]
        else:
            found = [link.span for link in document.links if link.span is not None]
        spans = sorted(found, key=lambda span: (span.start, span.end))  # Span's own order, without its __lt__ calls
        return spans, [span.start for span in spans]

    return document.memo(f"ll11.sorted_{what}", build)


def _visible(text: str) -> str:
    """C1 control characters (what Latin-1 makes of some bytes) written as ``\\x80``."""
    return "".join(f"\\x{ord(ch):02x}" if 0x80 <= ord(ch) < 0xA0 else ch for ch in text)


def _overlaps_any(spans: Sequence[Span], starts: Sequence[int], span: Span) -> bool:
    """Whether ``span`` overlaps one of ``spans`` (sorted, not nested)."""
    at = bisect_right(starts, span.end - 1) - 1
    return at >= 0 and spans[at].end > span.start


# ---- LL115 -------------------------------------------------------------------------------------------------------


# a line that is one HTML comment: next to a heading, list or fence, tools read it as a note on that block
HTML_COMMENT_LINE = lazy(r"[ \t]*<!--(?:(?!-->).)*-->[ \t]*")


class BlanksAroundBlocks(Rule):
    code = "LL115"
    needs_entries = False
    name = "blanks-around-blocks"
    category = "format"
    summary = "A blank line before and after headings, lists and code fences"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        lines = document.source.lines()
        nested = container_lines(document)
        front = set()
        subjects: list[tuple[int, int, str]] = []  # (first line, end line exclusive, what)
        for block in document.blocks:
            if block.kind == "front_matter":
                front.update(range(block.line, block.end_line))
            elif block.depth == 0 and block.kind in ("list", "fence"):
                subjects.append((block.line, block.end_line, "list" if block.kind == "list" else "code fence"))
        for heading in document.headings:
            if heading.line not in nested:
                last = source.line_index(heading.span.end)
                subjects.append((heading.line, last + 1, "heading"))
        subjects.sort()
        starts = {first: what for first, _, what in subjects}
        reported: set[int] = set(_unclosed_fence_ends(document))  # a blank line there would be code
        for first, end, what in subjects:
            for junction, before in ((first, True), (end, False)):
                if junction in reported or junction <= 0 or junction >= source.line_count:
                    continue
                above, below = junction - 1, junction
                if not lines[above].strip() or not lines[below].strip():
                    continue
                if above in front or below in front or above in _empty_item_lines(document):
                    continue  # after an empty list item, a blank line ends the item early (markdown-it)
                if HTML_COMMENT_LINE.fullmatch(lines[above if before else below]):
                    # "<!-- omit in toc -->", "<!--rehype:…-->" by a heading; "<!--lint ignore awesome-list-item-->"
                    # or "<!-- listlint-disable-next-line LL601 -->" above a list item: a note on the block for tools,
                    # kept next to it (a blank line would move a disable-next-line directive off its line)
                    continue
                reported.add(junction)
                if before:
                    message = f"no blank line before the {what}"
                    at = below
                elif junction in starts:
                    message = f"no blank line before the {starts[junction]}"
                    at = below
                else:
                    message = f"no blank line after the {what}"
                    at = above
                line = source.line_span(at)
                indent = len(lines[at]) - len(lines[at].lstrip())
                yield self.report(
                    message,
                    Span(line.start + indent, line.end),
                    Fix.safe(Edit.insert(source.line_start(junction), source.newline), title="Insert a blank line"),
                )


# ---- LL117 -------------------------------------------------------------------------------------------------------

# What keeps its text as written: <pre>, <code>, <textarea>, <script>, <style>, comments (<!--), declarations and
# processing instructions. Markdown-looking lines from there on are code or examples, not lost Markdown
LITERAL_ELEMENT = lazy(r"<(?:(?:pre|code|textarea|script|style)(?=[\s>]|$)|[!?])", re.IGNORECASE)
# a line that starts a Markdown block or a link: a list item, a heading, an image or link, bold text (not a quote:
# a line starting with ">" in HTML is most often the end of a tag written over two lines)
MARKDOWN_LINE = lazy(
    r"[ \t]{0,3}(?:(?P<item>(?:[-*+]|\d{1,9}[.)])[ \t]+\S)|(?P<heading>#{1,6}[ \t]+\S)"
    r"|(?P<link>!?\[[^\]\n]+\]\()|(?P<bold>\*\*\S))"
)
_WRITTEN_AS = {"item": "a list item", "heading": "a heading", "link": "a link", "bold": "bold text"}


class MarkdownInHtmlBlock(Rule):
    code = "LL117"
    needs_entries = False
    name = "markdown-in-html-block"
    category = "format"
    summary = "Markdown right under HTML without a blank line: it belongs to the HTML block and shows as text"
    fix = FixAvailability.SOMETIMES

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        lines = source.lines()
        for block in document.blocks:
            if block.kind != "html" or block.depth:
                continue
            for index in range(block.line + 1, min(block.end_line, source.line_count)):
                if LITERAL_ELEMENT.search(lines[index - 1]):
                    break  # from here on the block may hold code shown as written
                match = MARKDOWN_LINE.match(lines[index])
                if match is None:
                    continue
                yield self._report(document, block.line, index, _WRITTEN_AS[match.lastgroup or "item"])
                break

    def _report(self, document: Document, first: int, index: int, what: str) -> Diagnostic:
        """The blank line ends the HTML block where it should have ended. Safe when the line above closes a tag
        (``</h2>``, ``</p>``, ``<br>``): the HTML keeps all it held. Above a line of text inside the element, the
        element is cut in two by Markdown, so the fix waits for a review."""
        source = document.source
        start = source.line_start(index)
        above = source.line(index - 1).rstrip()
        edit = Edit(Span(start, start), source.newline)
        title = "Insert a blank line after the HTML"
        if above.endswith(">"):
            fix = Fix.safe(edit, title=title, alters=Alters.ENTRIES)
        else:
            fix = Fix.unsafe(edit, title=title, alters=Alters.ENTRIES)
        line = source.line(index)
        text_start = start + len(line) - len(line.lstrip(" \t"))
        return self.report(
            f"{what} inside the HTML block that starts on line {first + 1}: without a blank line after the HTML, "
            f"Markdown shows it as text",
            Span(text_start, source.line_end(index)),
            fix,
        )


RULES = (TrailingWhitespace, BlankLines, FinalNewline, HardTabs, Mojibake, BlanksAroundBlocks, MarkdownInHtmlBlock)
