"""File hygiene: LL110 trailing-whitespace, LL111 blank-lines, LL112 final-newline.

All three work on raw lines, but only on lines the parser says are prose (fenced and indented code, HTML blocks and
front matter are protected), and their fixes never change the rendered HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from listlint.diagnostics import Diagnostic, Edit, Fix, FixAvailability
from listlint.model import Document
from listlint.rules.base import Context, Rule
from listlint.source import Span


def _hard_break_lines(document: Document) -> set[int]:
    """Lines ending a paragraph line with 2+ spaces followed by another line of the same paragraph (a <br>)."""
    lines: set[int] = set()
    for block in document.blocks:
        if block.kind == "paragraph":
            lines.update(range(block.line, block.end_line - 1))
    return lines


@dataclass(frozen=True)
class TrailingWhitespaceOptions:
    allow_hard_breaks: bool = True  # keep exactly-two-or-more spaces that make a Markdown line break


class TrailingWhitespace(Rule):
    code = "LL110"
    name = "trailing-whitespace"
    category = "format"
    summary = "Trailing spaces or tabs (outside code fences and HTML blocks)"
    fix = FixAvailability.SAFE
    Options = TrailingWhitespaceOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        text = source.text
        protected = document.protected_lines
        breaks = _hard_break_lines(document) if context.options.allow_hard_breaks else set()
        for index in range(source.line_count):
            start = source.line_start(index)
            end = source.line_end(index)
            if end == start or text[end - 1] not in " \t" or index in protected:
                continue
            content_end = end
            while content_end > start and text[content_end - 1] in " \t":
                content_end -= 1
            if content_end == start:
                continue  # a whitespace-only line is LL111's business
            trailing = text[content_end:end]
            if index in breaks and trailing.startswith("  ") and "\t" not in trailing:
                continue
            yield self.report(
                f"trailing whitespace ({_describe(trailing)})",
                Span(content_end, end),
                Fix.safe(Edit(Span(content_end, end), ""), title="Remove trailing whitespace"),
            )


def _describe(whitespace: str) -> str:
    spaces, tabs = whitespace.count(" "), whitespace.count("\t")
    parts = []
    if spaces:
        parts.append(f"{spaces} space{'s' if spaces != 1 else ''}")
    if tabs:
        parts.append(f"{tabs} tab{'s' if tabs != 1 else ''}")
    return " and ".join(parts)


@dataclass(frozen=True)
class BlankLinesOptions:
    maximum: int = 1  # consecutive blank lines allowed


class BlankLines(Rule):
    code = "LL111"
    name = "blank-lines"
    category = "format"
    summary = "More than one consecutive blank line, or a line of only whitespace"
    fix = FixAvailability.SAFE
    Options = BlankLinesOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        protected = document.protected_lines
        maximum = max(1, context.options.maximum)
        last_content = source.line_count - 1
        while last_content >= 0 and not source.line(last_content).strip():
            last_content -= 1  # blank lines at the end of the file are LL112's business
        index = 0
        while index <= last_content:
            if index in protected or source.line(index).strip():
                index += 1
                continue
            run_start = index
            while index <= last_content and index not in protected and not source.line(index).strip():
                index += 1
            run = range(run_start, index)
            if len(run) > maximum:
                keep_end = source.line_start(run_start + maximum)
                span = Span(keep_end, source.line_start(index))
                edits = [Edit(span, "")]
                edits += [Edit(source.line_span(i), "") for i in range(run_start, run_start + maximum)
                          if source.line(i)]
                yield self.report(
                    f"{len(run)} consecutive blank lines; at most {maximum} expected",
                    Span(keep_end, keep_end),
                    Fix.safe(*edits, title="Remove extra blank lines"),
                )
            else:
                for i in run:
                    if source.line(i):
                        line_span = source.line_span(i)
                        yield self.report(
                            "line holds only whitespace",
                            line_span,
                            Fix.safe(Edit(line_span, ""), title="Empty the line"),
                        )


class FinalNewline(Rule):
    code = "LL112"
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
            yield self.report("no newline at end of file", Span(len(text), len(text)),
                              Fix.safe(Edit.insert(len(text), newline), title="Add a final newline"))
            return
        first_break = newline if rest.startswith(newline) else rest[: 2 if rest.startswith("\r\n") else 1]
        span = Span(line_end + len(first_break), len(text))
        yield self.report(
            f"{rest.count(chr(10))} line breaks at end of file; exactly one expected",
            span,
            Fix.safe(Edit(span, ""), title="Remove blank lines at end of file"),
        )


RULES = (TrailingWhitespace, BlankLines, FinalNewline)
