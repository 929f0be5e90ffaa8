"""Which fences hold BibTeX, and where their labels are.

The parser hands over every fence labelled like BibTeX and every fence whose content starts like ``@type{`` or
``@name(`` (a Python decorator does too). A fence counts as BibTeX when its label says so, when it parses into
entries without errors, or when an unlabelled (or plain-text) fence starts with ``@type{``.

It also hands over the ``<pre>`` / ``<pre><code>`` elements of HTML blocks whose text starts like BibTeX
(``BibtexBlock.html``), with an empty label, judged by the same test. They have no opening fence and no label to
write: :func:`label_span` is None for them and :func:`fence_marker` is their opening tag.
"""

from __future__ import annotations


from listlint.model import BibtexBlock, Document
from listlint.source import Span
from listlint.regex import lazy

BIBTEX_LABELS = frozenset({"bibtex", "bib", "biblatex", "tex-bibtex"})
GENERIC_LABELS = frozenset(
    {"", "text", "txt", "plain", "plaintext", "none", "tex", "latex", "bibliography", "citation", "cite", "ref"}
)
_BRACE_START = lazy(r"\s*@[A-Za-z]+\s*\{")
_OPENING = lazy(r"(`{3,}|~{3,})[ \t]*")


def label_word(block: BibtexBlock) -> str:
    """The first word of the fence's info string, lowercase (``bibtex`` for ``bibtex {.numberLines}``)."""
    words = block.label.split()
    return words[0].lower() if words else ""


def is_bibtex(block: BibtexBlock) -> bool:
    if label_word(block) in BIBTEX_LABELS:
        return True
    if block.entries and not any(f.kind == "syntax" for f in block.failures):
        return True
    return label_word(block) in GENERIC_LABELS and _BRACE_START.match(block.raw) is not None


def bibtex_blocks(document: Document) -> tuple[BibtexBlock, ...]:
    """The document's fences that hold BibTeX (shared by every LL5xx rule)."""
    return document.memo("bibtex.blocks", lambda: tuple(b for b in document.bibtex_blocks if is_bibtex(b)))


def opening_line(block: BibtexBlock, text: str) -> Span:
    end = text.find("\n", block.span.start)
    end = len(text) if end < 0 else end
    if end > block.span.start and text[end - 1] == "\r":
        end -= 1
    return Span(block.span.start, end)


def label_span(block: BibtexBlock, text: str) -> Span | None:
    """The span of the label's first word on the opening line (empty, just after the fence, when unlabelled);
    None when it cannot be found, and for an HTML element (it has no label)."""
    if block.html:
        return None
    line = opening_line(block, text)
    m = _OPENING.search(text, line.start, line.end)
    if m is None:
        return None
    start = m.end()
    word = label_word(block)
    if not word:
        return Span(m.end(1), m.end(1))
    stop = start
    while stop < line.end and not text[stop].isspace():
        stop += 1
    return Span(start, stop)


def fence_marker(block: BibtexBlock, text: str) -> Span:
    """The opening fence's backticks or tildes (the whole opening line if they cannot be found); an HTML element's
    opening ``<pre ...>`` tag."""
    if block.html:
        close = text.find(">", block.span.start, block.content_span.start)
        return Span(block.span.start, close + 1 if close >= 0 else block.content_span.start)
    line = opening_line(block, text)
    m = _OPENING.search(text, line.start, line.end)
    return Span(m.start(1), m.end(1)) if m else line

