"""The entry AST: immutable records the parser builds once and every rule reads.

A Document holds the heading tree (``root`` Section and its children), the entries found in each section, and
block-level facts (list items, fences, HTML blocks) that formatting rules need, all with exact spans. Rules never
see markdown-it-py tokens. Shared views that several rules want (entries by normalised URL, slugs, ...) are built
lazily through :meth:`Document.memo`, once per document.

The records are :class:`~listlint.records.Record` classes, tuples with named fields as ``typing.NamedTuple``
makes them (whose classes cost five times as much to create at every start, and frozen dataclasses ten times), and
they build their instances twice as fast as frozen dataclasses. Use ``record._replace(...)`` to derive a changed
copy.
"""


import enum
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from listlint.records import Record
from listlint.source import SourceText, Span

T = TypeVar("T")


class Layout(enum.Enum):
    """How a section writes its entries."""

    LIST = "list"  # - [Title](url) - description
    HEADING = "heading"  # #### Title [`READ`] then link lines and a bibtex fence
    CITATION = "citation"  # plain-text references without links
    TABLE = "table"  # | [Title](url) | Venue | [code](url) |: a row of a table of papers or links


class LinkKind(enum.Enum):
    INLINE = "inline"  # [text](url)
    REFERENCE = "reference"  # [text][ref]: a use; its URL is written at the definition (span None)
    DEFINITION = "definition"  # [ref]: https://... (the URL as written, with its span)
    AUTOLINK = "autolink"  # <https://...>
    BARE = "bare"  # https://... in prose
    HTML = "html"  # <a href="..."> in an HTML block or inline HTML
    IMAGE = "image"  # ![alt](src)


def reference_label(text: str) -> str:
    """A link reference label as CommonMark matches it (and markdown-it keys ``env["references"]``): spaces
    collapsed, case folded: ``[Foo  Bar]`` and ``[foo bar]`` name one definition."""
    return " ".join(text.split()).lower().upper()


class Link(Record):
    """A link as written. ``span`` covers exactly the URL as written (``url == span.of(text)``), or is None
    when the position could not be confirmed (then rules report on ``full_span`` and offer no fix)."""

    text: str
    url: str
    kind: LinkKind
    full_span: Span  # the whole construct, e.g. ``[text](url "title")``
    span: Span | None
    text_span: Span | None = None
    in_html: bool = False
    in_badge: bool = False  # an image inside a link, e.g. a CI badge

    @property
    def fragment(self) -> str | None:
        """The anchor of a link within this page, as written (``#x`` -> ``x``); ``./#x`` counts too: lists write
        their table of contents that way, and on GitHub a README's ``./`` is the page itself."""
        url = self.url
        if url.startswith("#"):
            return url[1:]
        if url.startswith("./#"):
            return url[3:]
        return None

    @property
    def is_fragment(self) -> bool:
        return self.url.startswith(("#", "./#"))  # as ``fragment is not None``, without the copy (asked ~10^5 times)


class StatusTag(Record):
    """A reading-status marker: ``[`READ`]``, ``[read]``, or a GFM task box ``[ ]``/``[x]``.

    ``value`` is the word inside, uppercased (``"READ"``); for checkboxes it is ``"X"`` or ``" "``.
    ``at_end`` says whether only whitespace follows it on the title line.
    """

    raw: str
    value: str
    span: Span
    form: str  # "tag" or "checkbox"
    backticks: bool = False
    brackets: bool = True
    at_end: bool = True


class BibField(Record):
    """One ``name = {value}`` field of a BibTeX entry, with the spans a fix needs."""
    name: str  # as written (case kept)
    value: str  # the raw value text without the outer braces or quotes
    span: Span  # ``name = {value}``
    name_span: Span
    value_span: Span  # including the outer braces or quotes
    # "{" or '"' when one group encloses the whole value; "" for numbers, macros and ``#`` concatenations, whose
    # ``value`` is then the text as written
    enclosing: str = "{"
    # True when no comma separates this field from the previous one: bibtexparser glued ``name = {...}`` into the
    # previous value; the parser splits it back out (LL505 reports it, the comma belongs at the previous span's end)
    missing_comma: bool = False


class BibEntry(Record):
    """One ``@type{key, ...}`` entry parsed from a BibTeX block."""
    entry_type: str  # as written, without the @
    key: str
    fields: tuple[BibField, ...]
    span: Span
    key_span: Span | None = None
    type_span: Span | None = None

    def get(self, name: str) -> str | None:
        """Value of the first field called ``name`` (case-insensitive)."""
        lname = name.lower()
        for f in self.fields:
            if f.name.lower() == lname:
                return f.value
        return None


class BibFailure(Record):
    """A part of a block that does not parse as BibTeX, with the span of the offending text."""

    message: str
    span: Span  # the text that failed (from its ``@`` to where parsing stopped), or the stray text
    kind: str = "syntax"  # "syntax" (LL501) or "stray" (non-BibTeX text in the fence, LL508)
    at: Span | None = None  # the exact culprit when known (the unclosed ``{``, the missing ``=``)


class BibtexBlock(Record):
    """A ```` ```bibtex ```` fence, or a ``<pre>`` element of an HTML block holding BibTeX (``html``): its raw text,
    where it is, and what parsed out of it."""
    raw: str  # the fence's content (an element's text as written, between its tags)
    span: Span  # the whole fence, opening to closing line (an element: from ``<pre`` to the end of ``</pre>``)
    content_span: Span
    label: str  # the fence's info string as written ("bibtex", "bib", "", ...); "" for an element
    first_line: int  # 1-based line of the first content line (an element: of its first character)
    entries: tuple[BibEntry, ...] = ()
    failures: tuple[BibFailure, ...] = ()
    parsed: bool = False  # False until the BibTeX parser has run on it
    html: bool = False  # a ``<pre>`` / ``<pre><code>`` element of an HTML block, not a fence
    strings: tuple[str, ...] = ()  # its ``@string{name = "..."}`` definitions as written: macros its entries use
    # an element's: the indentation markdown-it strips from its HTML block's lines (the list item's content column,
    # "" outside a list); the element's own lines start after it
    container_indent: str = ""


class Heading(Record):
    """A heading as written: level, text and spans."""
    level: int
    text: str  # inline content as written, without the markers
    span: Span  # the whole heading line(s)
    text_span: Span
    style: str  # "atx", "setext", or "html" (a section's `<h2>` element; not in Document.headings)
    line: int  # 0-based first line
    is_entry: bool = False  # a heading-layout entry heading (a leaf, exempt from structure rules)
    # inside a list item after its first line, or in a block quote: a heading of that item's notes ("1. **Paper**"
    # / "   #### Citation"), not of the document's outline (no section, no structure rule; it keeps its anchor).
    # A heading that opens an item ("- ### Arrays") is the outline's
    nested: bool = False
    # the text GitHub renders and takes the anchor from: link text, code, decoded entities; no images, no HTML tags
    rendered: str = ""


class ListItem(Record):
    """One list item as Markdown sees it (entries or not)."""

    index: int
    list_index: int
    marker: str  # "-", "*", "+", "1.", "3)"
    marker_span: Span
    ordered: bool
    number: int | None
    indent: int  # columns before the marker
    content_start: int  # offset of the first content character (after marker and spaces)
    line: int  # 0-based line of the marker
    end_line: int  # 0-based, exclusive
    depth: int  # 0 for a top-level list
    parent_item: int | None
    span: Span


class ListBlock(Record):
    """One Markdown list: its items, depth and the item it is nested in."""
    index: int
    ordered: bool
    items: tuple[int, ...]  # ListItem indices
    depth: int
    parent_item: int | None
    span: Span
    line: int
    end_line: int
    loose: bool = False


class Block(Record):
    """A block-level construct with its line range (0-based, end exclusive)."""

    kind: str  # paragraph, list, fence, code, html, table, blockquote, hr, front_matter (headings: Document.headings)
    span: Span
    line: int
    end_line: int
    depth: int = 0  # nesting inside lists/blockquotes
    info: str = ""  # fence info string


class Entry(Record):
    """A paper or link of the list, in one of the layouts."""

    layout: Layout
    title: str
    title_span: Span | None
    links: tuple[Link, ...]
    primary_link: Link | None
    status: StatusTag | None  # the tag that counts (the last one on the title line)
    tags: tuple[StatusTag, ...]  # every status-like marker found on the title line
    bibtex: tuple[BibtexBlock, ...]
    description: str
    children: "tuple[Entry, ...]"
    span: Span
    line: int  # 0-based first line
    section: str  # title of the enclosing section ("" at top level)
    heading: Heading | None = None
    list_item: int | None = None  # ListItem index for list entries

    def walk(self) -> "Iterator[Entry]":
        yield self
        for child in self.children:
            yield from child.walk()


class Section(Record):
    """A heading and everything under it up to the next heading of its level or above."""
    heading: Heading | None  # None for the root
    level: int  # 0 for the root
    title: str
    span: Span
    entries: tuple[Entry, ...]
    children: "tuple[Section, ...]"
    layout: Layout | None  # None when the section holds no entries
    is_toc: bool = False  # a table of contents section

    def walk(self) -> "Iterator[Section]":
        yield self
        for child in self.children:
            yield from child.walk()


class NotAssembled(Exception):
    """A rule read the entries or sections of a document whose entries are not assembled yet."""


class _NotAssembled:
    """Stands for the entries and the section tree in the document a rule that reads neither
    (``Rule.needs_entries = False``) may see before the parser has assembled them: any use raises
    :class:`NotAssembled`, so a rule that reads them after all fails loudly and is run again on the whole
    document, never on an empty tuple. (The headings are there, but which of them are entries, ``is_entry``, is
    not known yet.)"""

    __slots__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what

    def _refuse(self, *args: object) -> Any:
        raise NotAssembled(f"the document's {self.what} are not assembled yet")

    __iter__ = __len__ = __bool__ = __getitem__ = __contains__ = __eq__ = _refuse
    __hash__ = None  # type: ignore[assignment]

    def __getattr__(self, name: str) -> Any:
        self._refuse()


class Document:
    """Everything rules may read about one file. Built only by :func:`listlint.parser.parse`; read-only.

    A plain class with slots rather than a frozen dataclass, whose class creation cost ~1 ms of every start."""

    __slots__ = ("path", "source", "root", "headings", "entries", "links", "blocks", "list_items", "lists",
                 "bibtex_blocks", "code_spans", "html_spans", "references", "_memo")
    path: str
    source: SourceText
    root: Section
    headings: tuple[Heading, ...]
    entries: tuple[Entry, ...]  # every entry, children included, in document order
    links: tuple[Link, ...]  # every link in the file, in or out of entries
    blocks: tuple[Block, ...]
    list_items: tuple[ListItem, ...]
    lists: tuple[ListBlock, ...]
    bibtex_blocks: tuple[BibtexBlock, ...]
    code_spans: tuple[Span, ...]  # inline code spans
    html_spans: tuple[Span, ...]  # inline HTML and HTML comments
    references: dict[str, str]  # link reference definitions: label -> URL
    _memo: dict[str, Any]

    def __init__(self, *, path: str, source: SourceText, root: Section, headings: tuple[Heading, ...],
                 entries: tuple[Entry, ...], links: tuple[Link, ...], blocks: tuple[Block, ...],
                 list_items: tuple[ListItem, ...], lists: tuple[ListBlock, ...],
                 bibtex_blocks: tuple[BibtexBlock, ...], code_spans: tuple[Span, ...],
                 html_spans: tuple[Span, ...], references: dict[str, str] | None = None) -> None:
        values = locals()
        for name in self.__slots__[:-2]:
            object.__setattr__(self, name, values[name])
        object.__setattr__(self, "references", {} if references is None else references)
        object.__setattr__(self, "_memo", {})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Document is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Document is read-only")

    def __eq__(self, other: object) -> bool:
        """Field by field, the shared views of :meth:`memo` aside (the split parser's test compares two parses)."""
        if other.__class__ is not Document:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__[:-1])

    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable views inside: no hash

    def __repr__(self) -> str:
        if isinstance(self.entries, _NotAssembled):
            return f"Document(path={self.path!r}, entries not assembled)"
        return f"Document(path={self.path!r}, sections={len(self.sections)}, entries={len(self.entries)})"



    @property
    def text(self) -> str:
        return self.source.text

    @property
    def sections(self) -> tuple[Section, ...]:
        """Every section in document order, the root first."""
        return self.memo("sections", lambda: tuple(self.root.walk()))

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A view shared by every rule of a run, built on first use (e.g. entries by normalised URL)."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = build()
            return value

    @property
    def protected_lines(self) -> frozenset[int]:
        """0-based lines whose content is not prose: fenced/indented code, HTML blocks, front matter."""

        def build() -> frozenset[int]:
            lines: set[int] = set()
            for block in self.blocks:
                if block.kind in ("fence", "code", "html", "front_matter"):
                    lines.update(range(block.line, block.end_line))
            return frozenset(lines)

        return self.memo("protected_lines", build)

    def in_code(self, offset: int) -> bool:
        """True when ``offset`` lies inside a code fence, code block or inline code span."""
        if self.source.line_index(offset) in self.protected_lines:
            return True
        return any(s.start <= offset < s.end for s in self.code_spans)


# What a document lacks before its entries are assembled (see _NotAssembled); ``Document(**UNASSEMBLED, ...)``
UNASSEMBLED: dict[str, Any] = {"root": _NotAssembled("sections"), "entries": _NotAssembled("entries")}


def without_entries(document: Document) -> Document:
    """``document`` as a rule that reads no entries sees it when it runs before they are assembled: no entries or
    sections, and headings whose ``is_entry`` is not set yet."""
    fields = {name: getattr(document, name) for name in Document.__slots__[:-1]}
    fields["headings"] = tuple(h._replace(is_entry=False) if h.is_entry else h for h in document.headings)
    return Document(**{**fields, **UNASSEMBLED})
