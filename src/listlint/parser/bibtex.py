"""BibTeX fences: parse each block once with bibtexparser v2 and map everything to exact spans in the Markdown file.

bibtexparser's splitter finds entries, fields (with their raw values) and failed blocks, with line numbers but no
character offsets, and it silently accepts what BibTeX rejects: a missing comma glues ``author = {...}`` into the
previous value. This module walks the raw text guided by bibtexparser's results, so every span is exact, splits
glued fields back out (flagged ``missing_comma``), explains failures in words and finds stray text. It is the only
module that imports bibtexparser, lazily, so ``import listlint`` stays fast for files without BibTeX.
"""

from __future__ import annotations

import gc
import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any

from listlint.model import BibEntry, BibFailure, BibField, BibtexBlock, Document, Section
from listlint.source import SourceText, Span
from listlint.regex import lazy

__all__ = ["parse_bib", "parse_block", "parse_blocks"]

_TYPE = lazy(r"@(\w*)[ \t]*([{(])")
_WS = lazy(r"\s*")
_BRACES = lazy(r"(?<!\\)[{}]")
_QUOTE = lazy(r'(?<!\\)"')
_BARE = lazy(r'[^\s#{}"=]+')
_NAME_EQ = lazy(r"\s*([^\s=]+)\s*=\s*")
_FIELD_START = lazy(r"([A-Za-z_][\w.:+/-]*)\s*=")
_FIELD_LINE = lazy(r"^[ \t]*,?[ \t]*([A-Za-z_][\w.:+/-]*)[ \t]*=", re.M)
_QUOTE_PREFIX = lazy(r"[ \t]*(?:>[ \t]?)+")
_NAME_BEFORE = lazy(r"([A-Za-z_][\w.:+/-]*)\s*=\s*$")

_Mapper = Callable[[int, int], Span]
_quieted = False


def parse_blocks(blocks: Iterable[BibtexBlock], text: str) -> tuple[BibtexBlock, ...]:
    """Every block of a document parsed (one bibtexparser call per block: measured faster than one joined call).

    The cyclic garbage collector is paused meanwhile: parsing creates many small objects and no reference cycles
    (everything is freed by reference counting), and the collector's passes over a large document's heap cost
    more than the parsing itself (measured: 0.6 s of 1.4 s for 10,000 blocks).
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return tuple(parse_block(block, text) for block in blocks)
    finally:
        if paused:
            gc.enable()


def parse_block(block: BibtexBlock, text: str) -> BibtexBlock:
    """A copy of ``block`` with ``entries``, ``failures`` and ``parsed=True``; every span points into ``text``."""
    global _quieted
    from bibtexparser import parse_string  # lazy: only files with BibTeX fences pay for the import
    from bibtexparser.model import (
        DuplicateBlockKeyBlock,
        DuplicateFieldKeyBlock,
        Entry,
        ImplicitComment,
        ParsingFailedBlock,
        String,
    )

    if not _quieted:  # bibtexparser logs every failed block; listlint reports them itself
        logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
        _quieted = True

    raw = block.raw
    content = _unquote(raw) or raw
    library = parse_string(content, parse_stack=[])
    for failed in library.failed_blocks:
        if isinstance(failed.error, BaseException):
            # the error's traceback holds the splitter's frames, which hold the error: a cycle per failed block
            failed.error.__traceback__ = None
    # Scan the file's text itself when the fence content is a verbatim slice of it (offsets are then final);
    # otherwise scan the content and map each offset back (line by line when the slice is not verbatim).
    base = block.content_span.start
    verbatim = text.startswith(raw, base)
    src: str
    span: _Mapper
    if verbatim and content is raw:
        src, shift, span = text, base, Span
    else:
        src, shift = content, 0
        span = (lambda a, b: Span(base + a, base + b)) if verbatim else _mapper(block, text)
    limit = shift + len(raw)
    bib_file = block.span == block.content_span  # a .bib file's block: no fence around it (see parse_bib)
    line_starts: list[int] | None = None
    entries: list[BibEntry] = []
    failures: list[BibFailure] = []
    strings: list[str] = []
    cursor = shift  # offset past the last block located
    after: str = ""  # kind of the previous block: "entry", "failed" or ""
    last_close = 0  # raw offset of the previous entry's closing delimiter
    failed_at: int | None = None  # where the last failed block starts
    overlap: tuple[int, int] | None = None  # the previous block's [start, end) when it failed

    for item in library.blocks:
        start_line = item.start_line or 0
        if start_line:
            if line_starts is None:
                line_starts = _line_starts(raw)
            origin = max(cursor, shift + line_starts[min(start_line, len(line_starts) - 1)])
        else:
            origin = cursor
        if isinstance(item, (DuplicateFieldKeyBlock, DuplicateBlockKeyBlock)):
            item = item.ignore_error_block
        overlap = (failed_at, cursor) if after == "failed" and failed_at is not None else None
        if isinstance(item, Entry):
            pos = _locate(src, item.raw, origin, limit, failed_at, shift, overlap)
            entry, extra = _entry(item, src, pos, span, limit)
            entries.append(entry)
            failures.extend(extra)
            cursor = pos + len(item.raw)
            last_close = cursor - 1
            after = "entry"
        elif isinstance(item, ParsingFailedBlock):
            failed_raw = item.raw or ""
            if failed_raw:
                pos = _locate(src, failed_raw, origin, limit, failed_at, shift, overlap)
            else:
                pos = min(origin, limit)
            failed_at = pos
            end = min(pos + len(failed_raw), limit)
            failures.append(_failure(item.error, src, pos, end, shift, limit, span))
            cursor = end
            after = "failed"
        elif isinstance(item, ImplicitComment):
            comment = item.raw or ""
            pos = _find(src, comment, origin, limit, failed_at, overlap)
            if pos < 0:
                continue
            end = pos + len(comment)
            if after == "failed" and failures:
                # the rest of a failed entry: bibtexparser resumes right after the point where it gave up
                last = failures[-1]
                failures[-1] = last._replace(span=Span(last.span.start, span(end, end).start))
            else:
                failures.extend(_stray(src, pos, end, span, last_close if after == "entry" else None, bib_file))
            cursor = end
            after = ""
        else:  # @string, @preamble, @comment: valid BibTeX that is not an entry
            item_raw = item.raw or ""
            pos = _find(src, item_raw, origin, limit, failed_at, overlap)
            if pos >= 0:
                cursor = pos + len(item_raw)
            if isinstance(item, String) and item_raw.strip():
                strings.append(item_raw.strip())
            after = ""
    return block._replace(entries=tuple(entries), failures=tuple(failures), parsed=True, strings=tuple(strings))


def _find(src: str, raw: str, origin: int, limit: int, failed_at: int | None,
          overlap: tuple[int, int] | None) -> int:
    """Where the splitter's block ``raw`` starts in ``src[:limit]``, or -1.

    The splitter gives up on a block when it meets the next ``@``, and the failed block's raw text ends with that
    mark (``@s{@`` before ``@{key}``, ``@a{@article`` before ``@article{k,...}``): so a block right after a failed
    one (``overlap``: the failed block's [start, end)) starts at the failed text's last ``@`` when its raw text is
    there; otherwise it lies past the last block (``origin``); failing that, past the last failed block's start.
    """
    if overlap is not None and raw.startswith("@"):
        mark = src.rfind("@", overlap[0] + 1, overlap[1])
        if mark >= 0 and mark + len(raw) <= limit and src.startswith(raw, mark):
            return mark
    pos = src.find(raw, origin, limit)
    if pos < 0 and failed_at is not None:
        pos = src.find(raw, failed_at + 1, limit)
    return pos


def _locate(src: str, raw: str, origin: int, limit: int, failed_at: int | None, shift: int,
            overlap: tuple[int, int] | None = None) -> int:
    """:func:`_find`, then anywhere in the block. The splitter's raw is a slice of its input, so the last fallback
    (``origin`` clamped to the block's end; spans are clamped too) is only a guard."""
    pos = _find(src, raw, origin, limit, failed_at, overlap)
    if pos < 0:
        pos = src.find(raw, shift, limit)
    return pos if pos >= 0 else min(origin, limit)


def _unquote(raw: str) -> str | None:
    """The content of a fence inside a blockquote with its ``>`` markers blanked (offsets unchanged), else None."""
    if ">" not in raw:
        return None
    lines = raw.split("\n")
    for index, line in enumerate(lines):
        m = _QUOTE_PREFIX.match(line)
        if m is None:
            if line.strip():
                return None
            continue
        lines[index] = " " * m.end() + line[m.end() :]
    return "\n".join(lines)


# --- offsets -----------------------------------------------------------------------------------------------------


def _line_starts(raw: str) -> list[int]:
    starts = [0]
    find = raw.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def _mapper(block: BibtexBlock, text: str) -> _Mapper:
    """A function turning a raw [start, end) into a Span of ``text``.

    Usually the fence content is a verbatim slice of the file. When it is not (CRLF line endings, a fence indented
    inside a list item or quoted with ``>``), each raw line is matched to the end of its file line.
    """
    raw = block.raw
    base = block.content_span.start
    if text.startswith(raw, base):
        return lambda a, b: Span(base + a, base + b)
    raw_starts = _line_starts(raw)
    line_begin = text.rfind("\n", 0, base) + 1
    content_starts: list[int] = []
    next_raw = raw_starts[1:] + [len(raw) + 1]
    for index, raw_start in enumerate(raw_starts):
        raw_len = next_raw[index] - 1 - raw_start
        if index == 0:
            content_starts.append(base)
        else:
            newline = text.find("\n", line_begin)
            line_end = len(text) if newline < 0 else newline
            if line_end > line_begin and text[line_end - 1] == "\r":
                line_end -= 1
            content_starts.append(max(line_begin, line_end - raw_len))
        newline = text.find("\n", content_starts[-1])
        line_begin = len(text) if newline < 0 else newline + 1

    def offset(i: int) -> int:
        k = bisect_right(raw_starts, i) - 1
        return min(content_starts[k] + i - raw_starts[k], len(text))

    return lambda a, b: Span(offset(a), max(offset(a), offset(b)))


def _skip_ws(raw: str, i: int, end: int | None = None) -> int:
    if i < len(raw) and not raw[i].isspace():
        return i
    m = _WS.match(raw, i, len(raw) if end is None else end)
    return m.end() if m else i


# --- entries ------------------------------------------------------------------------------------------------------


def _entry(item: Any, raw: str, pos: int, span: _Mapper, limit: int) -> tuple[BibEntry, list[BibFailure]]:
    """The entry starting at raw offset ``pos``, walked field by field in step with bibtexparser's fields."""
    failures: list[BibFailure] = []
    end = min(pos + len(item.raw), limit)
    head = _TYPE.match(raw, pos, limit)
    if head is None:  # cannot happen: the splitter matched the same pattern
        whole = span(pos, end)
        return BibEntry(item.entry_type, item.key, (), whole), failures
    type_span = span(pos + 1, head.end(1))
    key = item.key
    key_start = _skip_ws(raw, head.end())
    if not raw.startswith(key, key_start):
        key_start = raw.find(key, head.end())
    key_end = key_start + len(key)
    if not key:
        failures.append(
            BibFailure(
                f"`{head.group(0)}` has no citation key",
                span(pos, head.end()),
                "syntax",
                span(pos, head.end()),
            )
        )
    fields: list[BibField] = []
    cur = _skip_ws(raw, key_end)
    if cur < len(raw) and raw[cur] == ",":
        cur += 1
        name_eq = _NAME_EQ.match
        for field in item.fields:
            m = name_eq(raw, cur)
            if m is None or raw[m.end(1) - 1] == "\\":  # an escaped `\=` in the name: slow path
                eq = raw.find("=", cur)
                while eq > 0 and raw[eq - 1] == "\\":
                    eq = raw.find("=", eq + 1)
                segment = raw[cur:eq]
                name_start = cur + len(segment) - len(segment.lstrip())
                name_end = name_start + len(segment.strip())
                value_start = _skip_ws(raw, eq + 1)
            else:
                name_start, name_end = m.span(1)
                eq = value_start = m.end()
                eq = raw.rfind("=", name_end, value_start)
            value = field.value
            if not value:
                value_start = eq + 1
            elif not raw.startswith(value, value_start):
                value_start = raw.find(value, eq + 1)
            value_end = value_start + len(value)
            if name_start == name_end:
                at = span(eq, eq + 1)
                failures.append(BibFailure("a field has no name before `=`", at, "syntax", at))
            elif not value:  # `title = ,`: BibTeX stops here, bibtexparser reads an empty value
                at = span(name_start, name_end)
                failures.append(BibFailure(f"field `{raw[name_start:name_end]}` has no value after `=`",
                                           span(name_start, eq + 1), "syntax", at))
            if raw.find("=", value_start, value_end) < 0:  # common case: nothing glued into the value
                enclosing = _enclosing(raw, value_start, value_end)
                fields.append(
                    BibField(
                        raw[name_start:name_end],
                        value[1:-1] if enclosing else value,
                        span(name_start, value_end),
                        span(name_start, name_end),
                        span(value_start, value_end),
                        enclosing,
                    )
                )
            else:
                fields.extend(_fields(raw, name_start, name_end, value_start, value_end, span))
            cur = value_end + 1 if raw.startswith(",", value_end) else _skip_ws(raw, value_end) + 1
    entry = BibEntry(
        entry_type=raw[pos + 1 : head.end(1)],
        key=key,
        fields=tuple(fields),
        span=span(pos, end),
        key_span=span(key_start, key_end),
        type_span=type_span,
    )
    return entry, failures


def _fields(raw: str, name_start: int, name_end: int, vs: int, ve: int, span: _Mapper) -> list[BibField]:
    """One field, or several when missing commas glued later ``name = {...}`` into this value."""
    out: list[BibField] = []
    missing = False
    while True:
        cut = _glued(raw, vs, ve) if raw.find("=", vs, ve) >= 0 else None
        end = ve if cut is None else cut[0]
        enclosing = _enclosing(raw, vs, end)
        value = raw[vs + 1 : end - 1] if enclosing else raw[vs:end]
        out.append(
            BibField(
                name=raw[name_start:name_end],
                value=value,
                span=span(name_start, end),
                name_span=span(name_start, name_end),
                value_span=span(vs, end),
                enclosing=enclosing,
                missing_comma=missing,
            )
        )
        if cut is None:
            return out
        _, name_start, name_end, vs = cut
        missing = True


def _glued(raw: str, vs: int, ve: int) -> tuple[int, int, int, int] | None:
    """Where a value swallowed a following field: (end of the real value, name start, name end, next value start).

    Walks the value's top-level parts (braced groups, quoted strings, bare words, ``#``); a ``name =`` where a part
    should follow (not after ``#``) means the comma before it is missing.
    """
    i = vs
    prev_end = -1
    after_hash = False
    while i < ve:
        c = raw[i]
        if c.isspace():
            i = _skip_ws(raw, i, ve)
            continue
        if c == "#":
            after_hash = True
            i += 1
            continue
        if prev_end >= 0 and not after_hash:
            m = _FIELD_START.match(raw, i, ve)
            if m:
                return prev_end, i, m.end(1), _skip_ws(raw, m.end(), ve)
        after_hash = False
        if c == "{":
            j = _close_brace(raw, i, ve)
        elif c == '"':
            j = _close_quote(raw, i, ve)
        else:
            bare = _BARE.match(raw, i, ve)
            j = bare.end() if bare else i + 1
        prev_end = i = j
    return None


def _close_brace(raw: str, i: int, end: int) -> int:
    """Offset just past the ``}`` matching the ``{`` at ``i`` (or ``end`` when unbalanced)."""
    depth = 0
    for m in _BRACES.finditer(raw, i, end):
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return end


def _close_quote(raw: str, i: int, end: int) -> int:
    """Offset just past the ``"`` closing the one at ``i``, as bibtexparser reads it (``{"}`` is a literal)."""
    for m in _QUOTE.finditer(raw, i + 1, end):
        p = m.start()
        if raw[p - 1] == "{" and p + 1 < len(raw) and raw[p + 1] == "}":
            continue
        return p + 1
    return end


def _enclosing(raw: str, vs: int, ve: int) -> str:
    if ve - vs >= 2:
        first = raw[vs]
        if first == "{" and raw[ve - 1] == "}":
            if raw.count("{", vs, ve) == 1 and raw.count("}", vs, ve) == 1 and raw[ve - 2] != "\\":
                return "{"
            return "{" if _close_brace(raw, vs, ve) == ve else ""
        if first == '"' and raw[ve - 1] == '"' and _close_quote(raw, vs, ve) == ve:
            return '"'
    return ""


# --- failures -----------------------------------------------------------------------------------------------------


def _failure(error: Exception, raw: str, pos: int, end: int, base: int, limit: int, span: _Mapper) -> BibFailure:
    """A failed block explained in words, with the culprit's span when it can be pinned down."""
    reason = str(getattr(error, "abort_reason", error))
    end_index = getattr(error, "end_index", None)
    # the splitter's offsets count one extra leading newline, and some point just past the unexpected mark
    past_mark = reason.startswith("Expected comma after entry key") or "but found the end" in reason
    back = 2 if past_mark else 1
    err = min(max(pos, base + end_index - back), limit) if isinstance(end_index, int) else end
    head = _TYPE.match(raw, pos)
    what = f"`{head.group(0)}`" if head else "the block"
    whole = span(pos, end)
    if reason.startswith(("Unexpectedly reached end", "Unexpected block start")):
        message, at = _unclosed(raw, pos, end, head)
        return BibFailure(message, whole, "syntax", span(*at) if at else None)
    if reason.startswith("Expected comma after entry key") and head:
        segment = raw[head.end() : err]
        words = segment.split()
        found = raw[err : err + 1]
        if found == "=" and len(words) == 1:
            start = head.end() + segment.index(words[0])
            return BibFailure(
                f"{what} has no citation key: it is followed by the field `{words[0]} =`",
                whole,
                "syntax",
                span(start, start + len(words[0])),
            )
        if found == "=" and len(words) >= 2:
            start = head.end() + segment.index(words[0])
            return BibFailure(
                f"missing comma after the citation key `{words[0]}`",
                whole,
                "syntax",
                span(start, start + len(words[0])),
            )
        return BibFailure(f"expected `,` after the citation key of {what}, found `{found}`", whole, "syntax",
                          span(err, err + 1))
    if reason.startswith("Expected a `=` after entry key"):
        comma = raw.rfind(",", pos, err)
        segment = raw[comma + 1 : err] if comma >= 0 else ""
        name = segment.strip()
        if name:
            start = comma + 1 + len(segment) - len(segment.lstrip())
            return BibFailure(f"field `{name}` has no `=` and value", whole, "syntax", span(start, start + len(name)))
        return BibFailure("expected a field name and `=` here", whole, "syntax", span(err, min(err + 1, end)))
    return BibFailure(f"{what} does not parse: {reason}", whole, "syntax", span(err, min(err + 1, limit)))


def _unclosed(raw: str, pos: int, end: int, head: re.Match[str] | None) -> tuple[str, tuple[int, int] | None]:
    """Explain an entry that never closes: the ``{`` or ``"`` left open, named by its field."""
    value_depth = 2 if head and head.group(2) == "{" else 1
    lines = [(m.start(), m.group(1)) for m in _FIELD_LINE.finditer(raw, pos, end)]
    stack: list[int] = []
    li = 0
    for m in _BRACES.finditer(raw, pos, end):
        p = m.start()
        while li < len(lines) and lines[li][0] < p:
            if len(stack) >= value_depth:
                open_at = stack[value_depth - 1]
                return (
                    f"`{{` of field `{_field_name(raw, pos, open_at)}` is not closed before "
                    f"the field `{lines[li][1]}`",
                    (open_at, open_at + 1),
                )
            li += 1
        if m.group() == "{":
            stack.append(p)
        elif stack:
            stack.pop()
    while li < len(lines):
        if len(stack) >= value_depth:
            open_at = stack[value_depth - 1]
            return (
                f"`{{` of field `{_field_name(raw, pos, open_at)}` is not closed before the field `{lines[li][1]}`",
                (open_at, open_at + 1),
            )
        li += 1
    if len(stack) >= value_depth:
        open_at = stack[value_depth - 1]
        return f"`{{` of field `{_field_name(raw, pos, open_at)}` is never closed", (open_at, open_at + 1)
    # an open quote: `name = "...` with no closing quote before the next field
    for m in re.finditer(r'=\s*(")', raw[pos:end]):
        q = pos + m.start(1)
        close = _close_quote(raw, q, end)
        if close == end and not raw[end - 1 : end] == '"':
            return f"`\"` of field `{_field_name(raw, pos, q)}` is never closed", (q, q + 1)
    if head:
        what = f"`{head.group(0)}`"
        closing = "}" if head.group(2) == "{" else ")"
        return f"{what} is never closed: no matching `{closing}`", (pos, head.end())
    return "the block is never closed", None


def _field_name(raw: str, pos: int, at: int) -> str:
    line = max(pos, raw.rfind("\n", 0, at) + 1)
    m = _NAME_BEFORE.search(raw, line, at)
    return m.group(1) if m else "?"


def _stray(
    raw: str, pos: int, end: int, span: _Mapper, last_close: int | None, bib_file: bool = False
) -> list[BibFailure]:
    """Non-BibTeX text between entries: each run of lines that are neither blank nor ``%`` comments."""
    out: list[BibFailure] = []
    runs: list[tuple[int, int]] = []
    i = pos
    while i < end:
        nl = raw.find("\n", i, end)
        stop = end if nl < 0 else nl
        line = raw[i:stop]
        body = line.strip()
        if body and not body.startswith("%"):
            a = i + len(line) - len(line.lstrip())
            b = i + len(line.rstrip())
            if runs and raw.count("\n", runs[-1][1], a) <= 1:
                runs[-1] = (runs[-1][0], b)
            else:
                runs.append((a, b))
        i = stop + 1
    for a, b in runs:
        text = raw[a:b]
        # after an entry, field lines or a `}` mean the entry was closed early; in a .bib file (``bib_file``), where
        # notes between entries are legal, text that merely ends with a braced word ("see {BERT}") is not evidence
        ends_early = text.endswith("}") and (not bib_file or not text.rstrip("}").strip())
        if last_close is not None and (_FIELD_LINE.search(text) or ends_early):
            out.append(
                BibFailure(
                    "text after the entry's closing brace: an extra `}` closed the entry early",
                    span(a, b),
                    "syntax",
                    span(last_close, last_close + 1),
                )
            )
        else:
            first = text.split("\n", 1)[0].strip()
            shown = first if len(first) <= 40 else first[:37] + "..."
            out.append(BibFailure(f"text outside any BibTeX entry: `{shown}`", span(a, b), "stray"))
        last_close = None
    return out


# --- .bib files --------------------------------------------------------------------------------------------------


def parse_bib(text: str | SourceText, path: str = "<bib>", config: object = None) -> Document:
    """The Document of a ``.bib`` file: no headings, entries or links; one BibTeX block over the whole file.

    The block is the file without its leading and trailing blank lines, and has no fence: its ``span`` is its
    ``content_span`` (see :mod:`listlint.bibtex.bibfile`). ``config`` is accepted for symmetry with
    :func:`listlint.parser.parse`; nothing in it changes how BibTeX is read.
    """
    source = text if isinstance(text, SourceText) else SourceText(text)
    body = source.text
    start = len(body) - len(body.lstrip())
    end = len(body.rstrip())
    if end < start:  # a blank file
        start = end = 0
    whole = Span(start, end)
    block = BibtexBlock(raw=body[start:end], span=whole, content_span=whole, label="bibtex",
                        first_line=source.line_index(start) + 1)
    blocks = parse_blocks((block,), body) if end > start else ()
    root = Section(heading=None, level=0, title="", span=Span(0, len(body)), entries=(), children=(), layout=None)
    return Document(path=path, source=source, root=root, headings=(), entries=(), links=(), blocks=(), list_items=(),
                    lists=(), bibtex_blocks=blocks, code_spans=(), html_spans=())
