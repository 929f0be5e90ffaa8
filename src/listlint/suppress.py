"""Inline suppression comments.

    <!-- listlint-disable LL110 trailing-whitespace -->   ... until listlint-enable (or end of file)
    <!-- listlint-enable LL110 -->
    <!-- listlint-disable-next-line LL601 -->
    <!-- listlint-disable-file LL2 -->

Selectors are codes, code prefixes or rule names; none means every rule. Only real HTML comments count (HTML
blocks and inline HTML), so a comment shown inside a code fence suppresses nothing.
"""


import re
from collections.abc import Iterable

from listlint.diagnostics import Diagnostic
from listlint.model import Document
from listlint.records import Record
from listlint.regex import lazy

# any ``listlint-<word>`` comment: the known directives act; LL116 reports the others and unknown selectors
DIRECTIVE = lazy(r"<!--\s*listlint-([A-Za-z][\w-]*)(.*?)-->", re.IGNORECASE | re.DOTALL)
KINDS = ("disable", "enable", "disable-next-line", "disable-file")
ALL = "*"
_WORD = lazy(r"[^\s,]+")


def normalise_selector(word: str) -> str:
    """Codes and prefixes upper case, names lower case."""
    return word.upper() if re.match(r"^[A-Za-z]+\d", word) else word.lower()


class Directive(Record):
    """One ``<!-- listlint-... -->`` comment."""
    start: int  # offset of ``<!--``
    end: int  # offset after ``-->``
    kind: str  # lower case: one of KINDS, or a word that is none of them
    kind_start: int  # offset of ``listlint-``
    words: tuple[tuple[int, str], ...]  # each selector as written, with its offset

    @property
    def selectors(self) -> frozenset[str]:
        """The selectors; none written means every rule."""
        return frozenset(normalise_selector(word) for _, word in self.words) or frozenset({ALL})


def directives(document: Document) -> list[Directive]:
    """The ``listlint-`` comments of a document, in order. Only real HTML comments count (HTML blocks and inline
    HTML), so one shown inside a code fence or code span is not a directive. Read once per document: the linter
    applies them, LL116 checks them."""
    if "listlint-" not in document.text:
        return []
    return document.memo("suppress.directives", lambda: _directives(document))


def _directives(document: Document) -> list[Directive]:
    text = document.text
    spans = [b.span for b in document.blocks if b.kind == "html"] + list(document.html_spans)
    found = []
    for span in spans:
        chunk = text[span.start : span.end]
        if "listlint-" not in chunk:
            continue
        for match in DIRECTIVE.finditer(chunk):
            at = span.start + match.start(2)
            words = tuple((at + word.start(), word.group()) for word in _WORD.finditer(match.group(2)))
            found.append(Directive(span.start + match.start(), span.start + match.end(), match.group(1).lower(),
                                   span.start + match.start(1) - len("listlint-"), words))
    found.sort()
    return found


def matches(selectors: frozenset[str], code: str, name: str) -> bool:
    if ALL in selectors or name in selectors:
        return True
    return any(code.startswith(s) for s in selectors if s[:1].isupper())


class Suppressions(Record):
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
    found = [d for d in directives(document) if d.kind in KINDS]
    if not found:
        return NONE
    text = document.text
    file: set[str] = set()
    next_line: dict[int, frozenset[str]] = {}
    regions: list[tuple[int, int, frozenset[str]]] = []
    open_regions: list[tuple[int, frozenset[str]]] = []
    for directive in found:
        start, end, kind, selectors = directive.start, directive.end, directive.kind, directive.selectors
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
