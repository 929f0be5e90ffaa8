"""LL101 heading-increment: section headings rise one level at a time (entry headings are exempt)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.diagnostics import Diagnostic, Edit, Fix, FixAvailability
from listlint.model import Document, Heading
from listlint.rules.base import Context, Rule
from listlint.source import Span


def atx_marker_span(document: Document, heading: Heading) -> Span | None:
    """The span of the ``#`` run of an ATX heading (None for setext headings)."""
    if heading.style != "atx":
        return None
    line = document.source.line(heading.line)
    start = line.find("#")
    if start < 0:
        return None
    end = start
    while end < len(line) and line[end] == "#":
        end += 1
    base = document.source.line_start(heading.line)
    return Span(base + start, base + end)


class HeadingIncrement(Rule):
    code = "LL101"
    name = "heading-increment"
    category = "headings"
    summary = "Section headings rise one level at a time; entry headings of the heading layout are exempt"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        previous: int | None = None
        for heading in document.headings:
            if heading.is_entry:
                continue  # a `#### Title` entry under `## Papers` is a leaf, not a skipped level
            if previous is not None and heading.level > previous + 1:
                expected = previous + 1
                marker = atx_marker_span(document, heading)
                fix = None
                if marker is not None:
                    fix = Fix.unsafe(Edit(marker, "#" * expected), title=f"Make it a level-{expected} heading")
                span = marker or heading.text_span
                yield self.report(
                    f"heading level {heading.level} follows level {previous}; expected level {expected} "
                    f"('{heading.text.strip()[:60]}')",
                    span,
                    fix,
                )
            previous = heading.level


RULES = (HeadingIncrement,)
