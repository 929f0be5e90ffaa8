"""Inline suppression comments.

    <!-- listlint-disable LL110 trailing-whitespace -->   ... until listlint-enable (or end of file)
    <!-- listlint-enable LL110 -->
    <!-- listlint-disable-next-line LL601 -->
    <!-- listlint-disable-file LL2 -->

Selectors are codes, code prefixes or rule names; none means every rule. Only real HTML comments count (HTML
blocks and inline HTML), so a comment shown inside a code fence suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from listlint.diagnostics import Diagnostic
from listlint.model import Document
from listlint.regex import lazy

DIRECTIVE = lazy(
    r"<!--\s*listlint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.IGNORECASE | re.DOTALL
)
ALL = "*"


def _selectors(raw: str) -> frozenset[str]:
    words = [w for w in re.split(r"[\s,]+", raw.strip()) if w]
    return frozenset(w.upper() if re.match(r"^[A-Za-z]+\d", w) else w.lower() for w in words) or frozenset({ALL})


def matches(selectors: frozenset[str], code: str, name: str) -> bool:
    if ALL in selectors or name in selectors:
        return True
    return any(code.startswith(s) for s in selectors if s[:1].isupper())


class Suppressions(NamedTuple):
    """The ``listlint-disable`` comments of a document, as regions, lines and file-wide codes."""
    file: frozenset[str]
    next_line: dict[int, frozenset[str]]  # 0-based line -> selectors
    regions: tuple[tuple[int, int, frozenset[str]], ...]  # [start, end) offsets

    def suppressed(self, diagnostic: Diagnostic, line: int) -> bool:
        code, name = diagnostic.code, diagnostic.name
        if self.file and matches(self.file, code, name):
            return True
        selectors = self.next_line.get(line)
        if selectors and matches(selectors, code, name):
            return True
        offset = diagnostic.span.start
        return any(start <= offset < end and matches(sel, code, name) for start, end, sel in self.regions)


NONE = Suppressions(frozenset(), {}, ())


def find(document: Document) -> Suppressions:
    text = document.text
    if "listlint-" not in text:
        return NONE
    spans = [b.span for b in document.blocks if b.kind == "html"] + list(document.html_spans)
    directives: list[tuple[int, int, str, frozenset[str]]] = []
    for span in spans:
        chunk = text[span.start : span.end]
        if "listlint-" not in chunk:
            continue
        for match in DIRECTIVE.finditer(chunk):
            directives.append((span.start + match.start(), span.start + match.end(), match.group(1).lower(),
                               _selectors(match.group(2))))
    directives.sort()
    file: set[str] = set()
    next_line: dict[int, frozenset[str]] = {}
    regions: list[tuple[int, int, frozenset[str]]] = []
    open_regions: list[tuple[int, frozenset[str]]] = []
    for start, end, kind, selectors in directives:
        if kind == "disable-file":
            file |= selectors
        elif kind == "disable-next-line":
            line = document.source.line_index(end) + 1
            next_line[line] = next_line.get(line, frozenset()) | selectors
        elif kind == "disable":
            open_regions.append((end, selectors))
        else:  # enable: closes the open regions it names (all of them when it names none)
            still_open = []
            for region_start, region_sel in open_regions:
                if ALL in selectors or region_sel <= selectors or (ALL not in region_sel and region_sel & selectors):
                    regions.append((region_start, start, region_sel))
                else:
                    still_open.append((region_start, region_sel))
            open_regions = still_open
    regions.extend((s, len(text) + 1, sel) for s, sel in open_regions)
    return Suppressions(frozenset(file), next_line, tuple(regions))


def apply(document: Document, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    suppressions = find(document)
    if suppressions is NONE:
        return list(diagnostics)
    line_of = document.source.line_index
    return [d for d in diagnostics if not suppressions.suppressed(d, line_of(d.span.start))]
