"""Status-tag candidates on an entry's title line: ``[`READ`]``, ``[READ]``, ``[ `read` ]``, GFM task boxes.

The parser records every candidate; the LL3xx rules decide against the configured vocabulary which are known,
misspelt or misplaced. A bare bracketed word counts only when it is uppercase or in the vocabulary, so ``[pdf]``
labels and footnote-like text stay out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from listlint.model import StatusTag
from listlint.source import Span

TAG = re.compile(r"\[\s*(`?)\s*([A-Za-z][A-Za-z_-]{0,30})\s*(`?)\s*\](?![(\[:])")
BACKTICKED = re.compile(r"`\s*\[\s*([A-Za-z][A-Za-z_-]{0,30})\s*\]\s*`")
CHECKBOX = re.compile(r"\[([ xX])\](?=\s|$)")


def find_tags(
    text: str,
    start: int,
    end: int,
    vocabulary: Iterable[str],
    excluded: Iterable[Span] = (),
    *,
    checkbox_at: int | None = None,
) -> list[StatusTag]:
    """Candidates in ``text[start:end]`` (one title line), skipping ``excluded`` spans (links)."""
    known = {word.upper() for word in vocabulary}
    region = text[start:end]
    tags: list[StatusTag] = []
    if checkbox_at is not None and start <= checkbox_at < end:
        match = CHECKBOX.match(text, checkbox_at)
        if match:
            tags.append(StatusTag(match.group(), match.group(1).upper(), Span(match.start(), match.end()), "checkbox",
                                  at_end=False))
    if "[" not in region:
        return tags
    blocked = [s for s in excluded if s.start < end and start < s.end]
    line_end = len(region.rstrip())
    for match in TAG.finditer(region):
        span = Span(start + match.start(), start + match.end())
        if any(b.start <= span.start < b.end for b in blocked):
            continue
        if tags and tags[0].form == "checkbox" and tags[0].span.start == span.start:
            continue
        word = match.group(2)
        ticks = bool(match.group(1) or match.group(3))
        if not ticks and not (word.isupper() and len(word) >= 2) and word.upper() not in known:
            continue
        tags.append(StatusTag(match.group(), word.upper(), span, "tag", backticks=ticks,
                              at_end=match.end() >= line_end))
    for match in BACKTICKED.finditer(region):
        span = Span(start + match.start(), start + match.end())
        if any(t.span.overlaps(span) for t in tags):
            continue
        word = match.group(1)
        if word.upper() in known or word.isupper():
            tags.append(StatusTag(match.group(), word.upper(), span, "tag", backticks=True,
                                  at_end=match.end() >= line_end))
    tags.sort(key=lambda t: t.span.start)
    return tags
