"""Entries and list format: LL201 entry-layout, LL202 list-marker, LL203 list-indent, LL204 list-marker-space,
LL205 ordered-numbering, LL206 fake-list-marker, LL207 description-separator, LL208 entry-order.

The formatting rules (LL202-LL205) work on the list items the parser found, with exact marker spans; their safe
fixes are offered only where the rendered HTML provably stays the same (a changed marker that would merge two
lists, a shift that would turn text into code, ... get no safe fix).
"""


import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability
from listlint.model import Document, Entry, Layout, Link, LinkKind, ListBlock, ListItem, Section
from listlint.parser.text import decoration_end
from listlint.records import Record
from listlint.regex import lazy
from listlint.rules.base import Context, Rule
from listlint.rules.ll1_headings import find_toc, short
from listlint.source import Span
from listlint.urls import arxiv_id


def _where(section: Section) -> str:
    return f"'{short(section.title)}'" if section.heading is not None else "the top of the file"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _leading_spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _lists_by_index(document: Document) -> dict[int, ListBlock]:
    return {lst.index: lst for lst in document.lists}


def _shift(document: Document, first: int, stop: int, delta: int) -> list[Edit] | None:
    """Edits moving lines ``first``..``stop`` (0-based, exclusive) right by ``delta`` columns (left when negative).

    None when that is not a pure shift: a tab anywhere in the lines (its width depends on the column), or HTML
    whose text would change. Empty lines are left alone; a line with too little indentation to move left is a lazy
    continuation line and stays put."""
    source = document.source
    if any(line < stop and end_line > first for line, end_line in _html_blocks(document)):
        return None
    edits: list[Edit] = []
    for index in range(first, stop):
        line = source.line(index)
        if "\t" in line:
            return None
        if not line:
            continue  # an empty line is empty at any indentation
        start = source.line_start(index)
        if delta > 0:
            edits.append(Edit.insert(start, " " * delta))
        elif _leading_spaces(line) >= -delta:
            # whitespace-only lines move too: inside a fence, their spaces past the text column are code
            edits.append(Edit.delete(Span(start, start - delta)))
    return edits


def _html_blocks(document: Document) -> list[tuple[int, int]]:
    """(first line, end line) of every HTML block: a few among the thousands of blocks of a long list."""
    return document.memo("ll2.html_blocks",
                         lambda: [(block.line, block.end_line) for block in document.blocks if block.kind == "html"])


def _item_lines(document: Document) -> list[int]:
    """The line of each list item, by index: items are in document order, so the lines are sorted (bisectable)."""
    return document.memo("ll2.item_lines", lambda: [item.line for item in document.list_items])


def _text_col(document: Document, item: ListItem) -> int:
    """The column where the item's content starts (one past the marker when it starts with indented code)."""
    marker_end = _column(document, item.marker_span.end)
    text = _column(document, item.content_start)
    return marker_end + 1 if text - marker_end > 4 or item.content_start >= document.source.line_end(item.line) \
        else text


def _well_indented(document: Document, first: int, stop: int) -> bool:
    """Every non-blank line in ``first``..``stop`` is a list marker line or indented to the text of the innermost
    item holding it: no lazy continuation lines, whose meaning can change when they move."""
    source = document.source
    lines = _item_lines(document)
    items = document.list_items[bisect_left(lines, first) : bisect_left(lines, stop)]
    markers = {i.line for i in items}
    for index in range(first, stop):
        line = source.line(index)
        if index in markers or not line.strip():
            continue
        holder = None
        for item in items:
            if item.line < index < item.end_line and (holder is None or item.line > holder.line):
                holder = item
        if holder is not None and _leading_spaces(line) < _text_col(document, holder):
            return False
    return True


def _gap_pending(document: Document, item: ListItem) -> bool:
    """Whether some item of the same top-level list still has several spaces after its marker (LL204 goes first:
    its fix moves text columns that an indentation fix would rely on)."""

    def build() -> frozenset[int]:
        items = document.list_items
        source = document.source
        out = set()
        for i in items:
            if i.content_start - i.marker_span.end > 1 and i.content_start < source.line_end(i.line):
                top = i
                while top.parent_item is not None:
                    top = items[top.parent_item]
                out.add(top.list_index)
        return frozenset(out)

    items = document.list_items
    top = item
    while top.parent_item is not None:
        top = items[top.parent_item]
    return top.list_index in document.memo("ll2.gap_pending", build)


def _nests_above(document: Document, item: ListItem, column: int) -> bool:
    """Whether a list marker moved to ``column`` would nest inside the item above it (not one of its own
    ancestors): the nearest non-blank line above belongs to an item whose text starts at or left of ``column``."""
    source = document.source
    index = item.line - 1
    while index >= 0 and not source.line(index).strip():
        index -= 1
    if index < 0:
        return False
    items = document.list_items
    ancestors = set()
    parent = item.parent_item
    while parent is not None:
        ancestors.add(parent)
        parent = items[parent].parent_item
    # Item ranges nest or are disjoint, so the items holding line ``index`` are the last item starting at or above
    # it and that item's ancestors: a walk up one chain, not a scan of every item above.
    at = bisect_right(_item_lines(document), index) - 1
    other_index = items[at].index if at >= 0 else None
    while other_index is not None:
        other = items[other_index]
        if other.index not in ancestors and other.line <= index < other.end_line and column >= _text_col(document,
                                                                                                          other):
            return True
        other_index = other.parent_item
    return False


def _absorbs(document: Document, stop: int, low: int, high: int) -> bool:
    """Whether the first non-blank line from ``stop`` on is indented in ``[low, high)``: an item whose text column
    moves from ``high`` to ``low`` would swallow it."""
    line = _next_nonblank_line(document, stop)
    if line is None:
        return False
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))] or low <= _leading_spaces(line) < high


def _next_nonblank_line(document: Document, stop: int) -> str | None:
    """The first line from ``stop`` on that is not blank (a CommonMark blank line: spaces and tabs only)."""
    source = document.source
    for index in range(stop, source.line_count):
        line = source.line(index)
        if line.strip(" \t"):
            return line
    return None


# ---- LL201 -------------------------------------------------------------------------------------------------------

SHAPES = {
    "link": ("starts with a link", "start with a link"),
    "text": ("starts with a plain-text title before its link", "start with a plain-text title before their link"),
    "citation": ("is a plain-text reference without a link", "are plain-text references without a link"),
    "none": ("has no link", "have no link"),  # as an outlier only: a section of them is not measured
    "heading": ("is a heading with a link line", "are headings with a link line"),
    "heading-bare": ("is a heading without a link line", "are headings with a link line"),
}


class Candidate(Record):
    """An entry or list item and the shape it has, compared with its section's."""
    shape: str
    span: Span
    what: str  # "entry" or "list item"
    untitled: bool = False
    linked: bool = False  # a list item that is no entry though its line holds a link


def _item_span(document: Document, item: ListItem) -> Span:
    end = document.source.line_end(item.line)
    start = min(item.content_start, end)
    return Span(start, end) if end > start else item.marker_span


def _entry_shape(entry: Entry) -> str:
    if entry.layout is Layout.HEADING:
        return "heading" if entry.primary_link is not None else "heading-bare"
    if entry.layout is Layout.CITATION or entry.primary_link is None:
        return "citation"
    link = entry.primary_link
    return "link" if entry.title_span is None or entry.title_span == link.text_span else "text"


def _empty_link_starts(document: Document) -> list[int]:
    """Where the ``[]()`` / ``[x]()`` / ``[](url)`` links start (LL401 empty-link reports those), in order.

    LL201 asks for every list item whether one is on its line: the document's empty links (few, most often none)
    are listed once, and each question is one bisection among them (:func:`_starts_within`)."""
    return document.memo("ll2.empty_link_starts", lambda: [
        link.full_span.start for link in document.links  # in document order: sorted by start
        if link.kind is LinkKind.INLINE and (not link.url.strip() or link.url == "#" or not link.text.strip())
    ])


def _starts_within(starts: Sequence[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``starts`` lies in ``start``..``end`` (end excluded)."""
    at = bisect_left(starts, start)
    return at < len(starts) and starts[at] < end


def _under_an_entry(items: Sequence[ListItem], index: int, entry_of_item: dict[int, Entry]) -> bool:
    """Whether one of the items that ``items[index]`` is nested in is an entry."""
    parent = items[index].parent_item
    while parent is not None:
        if parent in entry_of_item:
            return True
        parent = items[parent].parent_item
    return False


class EntryLayout(Rule):
    code = "LL201"
    name = "entry-layout"
    category = "entries"
    summary = "Each entry has the shape of its section's entries (title, link); outliers show the expected shape"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        toc = find_toc(document)
        toc_section = toc.section if toc is not None else None
        items = document.list_items
        lists = _lists_by_index(document)
        entry_of_item = {e.list_item: e for e in document.entries if e.list_item is not None}
        has_entry_below: set[int] = set()
        for entry in document.entries:
            if entry.list_item is None:
                continue
            parent = items[entry.list_item].parent_item
            while parent is not None:
                has_entry_below.add(parent)
                parent = items[parent].parent_item
        for section in document.sections:
            if section.is_toc or section is toc_section or not section.entries:
                continue
            candidates = self._candidates(document, section, entry_of_item, has_entry_below, lists)
            if len(candidates) < 4:
                continue
            counts = Counter(c.shape for c in candidates)
            dominant, top = counts.most_common(1)[0]
            if top * 4 < len(candidates) * 3:
                continue  # no clear house style: nothing to measure against
            if dominant == "none":
                continue  # mostly items without a link (notes, instructions): not a section of entries to shape
            described = SHAPES[dominant][1]
            for c in candidates:
                # a reference without a link and an item without one are alike: neither is an outlier to the other;
                # an entry that starts with its link has the link the others have, whatever label they put first
                # a reference with a link (its title's, or a trailing "[[code]](url)") among references without
                # one is a reference still, and a better one
                if c.shape != dominant and {c.shape, dominant} != {"none", "citation"} and not (
                    c.shape == "link" and dominant == "text"
                ) and not (dominant == "citation" and c.shape in ("link", "text")):
                    shape = "is not read as an entry: it has a link but no title" if c.linked else SHAPES[c.shape][0]
                    yield self.report(f"{c.what} {shape}; the other {top} entries of {_where(section)} {described}",
                                      c.span)
                elif c.untitled and counts[dominant] > 1:
                    yield self.report(
                        f"{c.what} has no title (its link holds only an image or nothing readable); the other "
                        f"entries of {_where(section)} have one",
                        c.span,
                    )

    def _candidates(self, document: Document, section: Section, entry_of_item: dict[int, Entry],
                    has_entry_below: set[int], lists: dict[int, ListBlock]) -> list[Candidate]:
        items = document.list_items
        source = document.source
        out: list[Candidate] = []
        seen_lists: set[int] = set()
        empty_links = _empty_link_starts(document)

        def in_page_links() -> list[int]:
            return document.memo("ll2.in_page_links",
                                 lambda: [link.full_span.start for link in document.links if link.is_fragment])

        def link_starts() -> list[int]:
            # (not images: "- ![Star](https://img.shields.io/…)" alone has no link, only a badge)
            return document.memo("ll2.link_starts", lambda: [link.full_span.start for link in document.links
                                                             if link.kind is not LinkKind.IMAGE])
        for entry in section.entries:
            for e in entry.walk():
                if e.heading is not None and e.heading.level <= section.level:
                    continue  # a heading as high as the section's own cannot be one of its entries
                if e.layout is Layout.TABLE:
                    continue  # a table's rows have the table's shape: columns, not the order of title and link
                if e.list_item is None:
                    shape = _entry_shape(e)
                    span = e.title_span or (e.heading.text_span if e.heading else e.span)
                    out.append(Candidate(shape, span, "entry", untitled=not e.title and shape != "citation"))
                    continue
                list_index = items[e.list_item].list_index
                if list_index in seen_lists:
                    continue
                seen_lists.add(list_index)
                owner = lists[list_index].parent_item
                if owner is not None and owner not in entry_of_item and _under_an_entry(items, owner, entry_of_item):
                    continue  # details two levels under an entry ("* Compute" over "- 2 AMD VMs"): the entry's
                for index in lists[list_index].items:
                    item = items[index]
                    line_end = source.line_end(item.line)
                    if empty_links and _starts_within(empty_links, item.content_start, line_end):
                        continue  # an empty link on the line: LL401 empty-link reports it
                    found = entry_of_item.get(index)
                    if index in has_entry_below:
                        continue  # a group ("MySQL - [awesome-mysql](url)" above its drivers) has its own shape
                    if found is not None:
                        shape = _entry_shape(found)
                        span = found.title_span or _item_span(document, item)
                        out.append(Candidate(shape, span, "entry",
                                             untitled=not found.title and shape != "citation"))
                    elif item.content_start < line_end:
                        if item.parent_item is not None and item.parent_item in entry_of_item:
                            continue  # a detail of the entry above it ("App Engine - 28 hours per day"), not an entry
                        if _starts_within(in_page_links(), item.content_start, line_end):
                            continue  # "[Parallel corpora (see below)](#parallel-corpora)": a cross-reference
                        linked = _starts_within(link_starts(), item.content_start, line_end)
                        out.append(Candidate("none", _item_span(document, item), "list item", linked=linked))
        return out


# ---- LL202 -------------------------------------------------------------------------------------------------------

THEMATIC_BREAK = lazy(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")


class ListMarkerOptions(Record):
    """Options of LL202."""
    marker: str = "auto"  # "auto" (the file's most used), "-", "*" or "+"


def _adjacent_lists(document: Document) -> dict[int, list[int]]:
    """List index -> indices of lists in the same container separated from it only by blank lines (built once:
    LL202 and LL206 both ask)."""

    def build() -> dict[int, list[int]]:
        source = document.source
        by_container: dict[tuple[int | None, int], list[ListBlock]] = {}
        for lst in document.lists:
            by_container.setdefault((lst.parent_item, lst.depth), []).append(lst)
        out: dict[int, list[int]] = {}
        for group in by_container.values():
            group.sort(key=lambda b: b.line)
            for a, b in zip(group, group[1:]):
                if all(not source.line(i).strip() for i in range(a.end_line, b.line)):
                    out.setdefault(a.index, []).append(b.index)
                    out.setdefault(b.index, []).append(a.index)
        return out

    return document.memo("ll2.adjacent_lists", build)


class ListMarker(Rule):
    code = "LL202"
    needs_entries = False
    name = "list-marker"
    category = "format"
    summary = "One unordered list marker per file (the most used one, or the configured one)"
    fix = FixAvailability.SAFE
    Options = ListMarkerOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        bullets = [i for i in document.list_items if not i.ordered and i.marker in ("-", "*", "+")]
        if not bullets:
            return
        counts = Counter(i.marker for i in bullets)
        wanted = context.options.marker
        nested = None
        if wanted not in ("-", "*", "+"):
            nested = _nested_marker(document)
            top_level = [document.list_items[k] for lst in document.lists if lst.depth == 0 and not lst.ordered
                         for k in lst.items] if nested is not None else []
            top_level = [i for i in top_level if i.marker in ("-", "*", "+")]
            top_counts = Counter(i.marker for i in top_level)
            # the most used, the first written on a tie
            top_wanted = next((i.marker for i in top_level if top_counts[i.marker] == max(top_counts.values())), None)
            if top_wanted is not None and top_wanted != nested:
                # a marker per level: the top level's own most used marker is wanted there
                counts, wanted = top_counts, top_wanted
                reason = (f"the most used marker of the file's top-level lists '{wanted}' "
                          f"({_plural(counts[wanted], 'item')}; nested lists use '{nested}')")
            else:
                nested = None  # one marker at every level, or no top-level list: the file's most used is wanted
                top = max(counts.values())
                wanted = next(i.marker for i in bullets if counts[i.marker] == top)
                reason = f"the file's most used marker '{wanted}' ({_plural(counts[wanted], 'item')})"
        else:
            reason = f"the configured marker '{wanted}'"
        if nested is None and counts[wanted] == len(bullets):
            return
        source = document.source
        items = document.list_items
        lists = _lists_by_index(document)
        adjacent = _adjacent_lists(document)
        for lst in document.lists:
            members = [items[i] for i in lst.items]
            if lst.ordered or all(m.marker == wanted for m in members):
                continue
            if nested is not None and lst.depth > 0 and all(m.marker == nested for m in members):
                continue  # '*' at the top level and '-' in every nested list: a marker per level, kept throughout
            # a list whose neighbour uses the wanted marker would merge with it: the HTML would change
            merges = any(any(items[i].marker == wanted or not items[i].ordered for i in lists[other].items)
                         and not lists[other].ordered for other in adjacent.get(lst.index, ()))
            changes = []
            for item in members:
                if item.marker == wanted:
                    continue
                line = source.line(item.line)
                col = item.marker_span.start - source.line_start(item.line)
                rest = line[col + 1 :]
                # "+ ---" as "- ---" would be a horizontal rule (also once LL204 leaves one space)
                breaks = any(THEMATIC_BREAK.match(wanted + r) for r in (rest, " " + rest.lstrip(" \t")))
                changes.append((item, breaks))
            # all items of a list change together, or the list would split where one stays behind
            fix = None
            if changes and not any(breaks for _, breaks in changes):
                edits = [Edit(item.marker_span, wanted) for item, _ in changes]
                fix = (Fix.unsafe(*edits, title=f"Use '{wanted}' (merges this list with the one next to it)")
                       if merges else Fix.safe(*edits, title=f"Use '{wanted}' in this list"))
            if changes:  # one finding per list: its items share their marker (another marker starts a new list)
                first = changes[0][0]
                many = f" on all {len(changes)} items of this list" if len(changes) > 1 else ""
                yield self.report(f"list marker '{first.marker}'{many} differs from {reason}", first.marker_span, fix)


def _nested_marker(document: Document) -> str | None:
    """The one marker of every nested unordered list, when there are two or more and they all share it: a file
    that writes '*' at the top level and '-' in nested lists keeps a marker per level, a style of its own."""
    items = document.list_items
    markers: set[str] = set()
    count = 0
    for lst in document.lists:
        if lst.depth == 0 or lst.ordered:
            continue
        markers.update(items[i].marker for i in lst.items)
        count += 1
        if len(markers) > 1:
            return None
    return next(iter(markers)) if count >= 2 and len(markers) == 1 else None


# ---- LL203 -------------------------------------------------------------------------------------------------------


def _column(document: Document, offset: int) -> int:
    source = document.source
    return offset - source.line_start(source.line_index(offset))


def _marker_column(document: Document, item: ListItem) -> int:
    """The column of the item's marker, which the parser finds on the item's first line: no search for the line
    (LL203 asks for every item of every list)."""
    return item.marker_span.start - document.source.line_start(item.line)


class ListIndent(Rule):
    code = "LL203"
    needs_entries = False
    name = "list-indent"
    category = "format"
    summary = "Sibling list items share an indent; nested lists are indented the same way throughout the file"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        yield from self._siblings(document)
        yield from self._nesting(document)

    def _own_line(self, document: Document, item: ListItem) -> bool:
        """Whether the item's marker starts its line (not ``- - nested`` on the parent's line) without tabs."""
        items = document.list_items
        if item.parent_item is not None and items[item.parent_item].line == item.line:
            return False
        source = document.source
        return "\t" not in source.text[source.line_start(item.line) : item.marker_span.start]

    def _siblings(self, document: Document) -> Iterator[Diagnostic]:
        items = document.list_items
        for lst in document.lists:
            members = [items[i] for i in lst.items if self._own_line(document, items[i])]
            if len(members) < 2:
                continue
            cols = [_marker_column(document, m) for m in members]
            counts = Counter(cols)
            if len(counts) == 1:
                continue
            top = max(counts.values())
            dominant = next(c for c in cols if counts[c] == top)
            for n, (item, col) in enumerate(zip(members, cols)):
                if col == dominant:
                    continue
                fix = None
                delta = dominant - col
                text_col = _text_col(document, item)
                nests = _nests_above(document, item, dominant)
                if not nests and not _gap_pending(document, item) \
                        and _well_indented(document, item.line, item.end_line) \
                        and not (delta < 0 and _absorbs(document, item.end_line, text_col + delta, text_col)):
                    edits = _shift(document, item.line, item.end_line, delta)
                    fix = Fix.safe(*edits, title=f"Indent the item by {dominant}") if edits else None
                yield self.report(
                    f"list item is indented {_plural(col, 'space')}; its {_plural(top, 'sibling')} "
                    f"{'is' if top == 1 else 'are'} indented {dominant}",
                    item.marker_span,
                    fix,
                )

    def _nesting(self, document: Document) -> Iterator[Diagnostic]:
        items = document.list_items
        source = document.source
        samples: list[tuple[ListBlock, ListItem, ListItem, frozenset[str]]] = []
        for lst in document.lists:
            if lst.parent_item is None or not lst.items:
                continue
            first, parent = items[lst.items[0]], items[lst.parent_item]
            if not self._own_line(document, first) or not self._own_line(document, parent):
                continue
            if parent.content_start >= source.line_end(parent.line):
                continue  # an empty parent item: no text to align with
            samples.append((lst, first, parent, self._styles(document, first, parent)))
        counts = Counter(style for *_, styles in samples for style in styles)
        if not counts:
            return
        top = max(counts.values())
        leaders = sorted(style for style, n in counts.items() if n == top)
        dominant = "aligned" if "aligned" in leaders else leaders[0] if len(leaders) == 1 else None
        if dominant is None or top < 2:
            return
        for lst, first, parent, styles in samples:
            if dominant in styles:
                continue
            col = _marker_column(document, first)
            parent_col = _marker_column(document, parent)
            text_col = _text_col(document, parent)
            target = text_col if dominant == "aligned" else parent_col + int(dominant[1:])
            fix = None
            first_text = _text_col(document, first)
            delta = target - col
            if text_col <= target <= text_col + 3 and delta and not _gap_pending(document, first) \
                    and not _nests_above(document, first, target) \
                    and _well_indented(document, lst.line, lst.end_line) and not (
                delta < 0 and _absorbs(document, lst.end_line, first_text + delta, first_text)
            ):
                edits = _shift(document, lst.line, lst.end_line, delta)
                if edits:
                    fix = Fix.safe(*edits, title=f"Indent the nested list to column {target + 1}")
            offset = col - parent_col
            yield self.report(
                f"nested list sits {_plural(offset, 'column')} right of its parent item's marker; the file's other "
                f"{_plural(top, 'nested list')} {self._describe(dominant, plural=top != 1)}",
                first.marker_span,
                fix,
            )

    @staticmethod
    def _styles(document: Document, first: ListItem, parent: ListItem) -> frozenset[str]:
        """How a nested list sits under its parent: aligned with the parent's text, and/or +k from its marker."""
        col = _marker_column(document, first)
        styles = {f"+{col - _marker_column(document, parent)}"}
        if col == _text_col(document, parent):
            styles.add("aligned")
        return frozenset(styles)

    @staticmethod
    def _describe(style: str, plural: bool = False) -> str:
        if style == "aligned":
            return f"align{'' if plural else 's'} with the text of the parent item"
        return f"sit{'' if plural else 's'} {_plural(int(style[1:]), 'column')} right of the parent item's marker"


# ---- LL204 -------------------------------------------------------------------------------------------------------


class ListMarkerSpace(Rule):
    code = "LL204"
    needs_entries = False
    name = "list-marker-space"
    category = "format"
    summary = "One space between a list marker and the item's text"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        text = source.text
        protected = document.protected_lines
        for item in document.list_items:
            gap = Span(item.marker_span.end, item.content_start)
            between = gap.of(text)
            if len(between) <= 1 or "\t" in between or item.content_start >= source.line_end(item.line):
                continue  # tabs are LL113's; an empty item has no text to space
            if len(between) > 4 or item.line in protected:
                continue  # five spaces or more: the item starts with indented code, which is not this rule's case
            fix = None
            if self._shift_is_safe(document, item, len(between) - 1):
                fix = Fix.safe(Edit(gap, " "), title="Keep one space after the marker")
            yield self.report(
                f"{_plural(len(between), 'space')} after the list marker '{item.marker}'; use one",
                Span(item.marker_span.end, item.content_start),
                fix,
            )

    @staticmethod
    def _shift_is_safe(document: Document, item: ListItem, delta: int) -> bool:
        """Whether moving the item's text column left by ``delta`` keeps every line where it belongs."""
        source = document.source
        old = _column(document, item.content_start)
        new = old - delta
        line = source.line(item.line)
        col = item.marker_span.end - source.line_start(item.line)
        if THEMATIC_BREAK.match(line[col - len(item.marker) :col] + " " + line[old:]):
            return False  # "-  ---" would become "- ---", a horizontal rule
        starts = _code_and_html_starts(document)
        at = bisect_left(starts, item.line)
        if at < len(starts) and starts[at] < item.end_line:
            return False  # indented code and HTML keep the indentation past the text column: it would change
        if _wrapped_code_span(document, item.span):
            return False  # markdown-it keeps a continuation line's indentation past the text column inside `code`
        for index in range(item.line, item.end_line):
            line = source.line(index)
            if "\t" in line:
                return False
            if index == item.line or not line.strip():
                continue
            lead = _leading_spaces(line)
            if new <= lead < old or new + 4 <= lead < old + 4:
                return False  # a lazy line that would join the item, or text that would become indented code
        return not _absorbs(document, item.end_line, new, old)


def _code_and_html_starts(document: Document) -> list[int]:
    """First lines of the indented code and HTML blocks, sorted: is one inside an item? is one bisection."""
    return document.memo("ll2.code_html_starts", lambda: sorted(
        block.line for block in document.blocks if block.kind in ("code", "html")))


def _wrapped_code_span(document: Document, span: Span) -> bool:
    """Whether a code span inside ``span`` runs over a line break."""
    spans = document.code_spans
    starts = document.memo("ll2.code_span_starts", lambda: [s.start for s in spans])
    for index in range(bisect_left(starts, span.start), bisect_left(starts, span.end)):
        code = spans[index].of(document.text)
        if "\n" in code or "\r" in code:
            return True
    return False


# ---- LL205 -------------------------------------------------------------------------------------------------------


class Break(Record):
    """A list item whose number breaks the numbering scheme, and the number expected."""
    item: ListItem
    expected: int
    previous: ListItem | None


class Scheme(Record):
    """A numbering scheme and the breaks of it; the scheme with fewest breaks is the author's."""
    name: str  # "per-list", "continued", "all-ones"
    breaks: tuple[Break, ...]


def _numbered(document: Document, lst: ListBlock) -> list[ListItem]:
    items = document.list_items
    return [items[i] for i in lst.items if items[i].number is not None]


def _evaluate(name: str, groups: Sequence[Sequence[ListItem]]) -> Scheme:
    breaks: list[Break] = []
    previous: ListItem | None = None
    for g, group in enumerate(groups):
        if name == "per-list" and len(group) > 1 and all(item.number == 1 for item in group):
            previous = group[-1]  # a list numbered "1." throughout is a style of its own, as markdownlint allows
            continue
        for i, item in enumerate(group):
            assert item.number is not None
            if name == "all-ones":
                expected = 1
                # a list interrupted (by <details>, a paragraph) and resumed at the number a reader saw next: "1."
                # items render as start, start + 1, ..., so a resumed list starts where the last one left off
                if i == 0 and g and item.number == _shown_last(groups[g - 1]) + 1:
                    expected = item.number
            elif i == 0 and (name == "per-list" or g == 0):
                expected = 1
                if g == 0 and item.number == 0:
                    expected = 0  # a list may count from zero
            else:
                assert previous is not None and previous.number is not None
                expected = previous.number + 1
            if item.number != expected:
                breaks.append(Break(item, expected, previous if (i or name == "continued") else None))
            previous = item
    return Scheme(name, tuple(breaks))


def _shown_last(group: Sequence[ListItem]) -> int:
    """The number a reader sees on a list's last item: Markdown numbers items from the first item's number on."""
    assert group[0].number is not None
    return group[0].number + len(group) - 1


class OrderedNumbering(Rule):
    code = "LL205"
    name = "ordered-numbering"
    category = "format"
    summary = "Ordered lists follow one numbering scheme (1..n per list, all 1., or continued across the file)"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        top = [n for lst in document.lists if lst.ordered and lst.depth == 0 if (n := _numbered(document, lst))]
        nested = [n for lst in document.lists if lst.ordered and lst.depth > 0 if (n := _numbered(document, lst))]
        if sum(map(len, top)) >= 2:
            yield from self._report(document, top, ("per-list", "continued", "all-ones"))
        if sum(map(len, nested)) >= 2:
            yield from self._report(document, nested, ("per-list", "all-ones"))

    def _report(self, document: Document, groups: list[list[ListItem]], names: Sequence[str]) -> Iterator[Diagnostic]:
        schemes = [_evaluate(name, groups) for name in names]
        best = min(schemes, key=lambda s: len(s.breaks))  # ties keep the earlier (simpler) scheme
        if not best.breaks:
            return
        section_of = _section_titles(document)
        first_items = {id(g[0]) for g in groups}
        group_of = {id(item): g for g, group in enumerate(groups) for item in group}
        for brk in best.breaks:
            item, prev = brk.item, brk.previous
            number = item.number
            assert number is not None
            cut = _cut_by_indent(document, groups, group_of[id(item)]) if id(item) in first_items else None
            if cut is not None:
                # "2.  Title" / "" / "   Authors" / "3. Title": the authors' line is indented less than item 2's
                # text, so it ended the list and "3." starts another; renumbering would show 1, 2, 1
                above, lines, column = cut
                yield self.report(
                    f"list starts at {number}: line {lines[0] + 1} is indented less than the text of item "
                    f"{above.number} (line {above.line + 1}, column {column + 1}), so it ended the list above; "
                    f"indent it to column {column + 1}",
                    item.marker_span,
                    _indent_to(document, lines, column),
                )
                continue
            if best.name == "all-ones":
                message = f"item number {number}; the file numbers every item '1.', expected 1"
            elif id(item) in first_items and prev is None:
                message = f"list starts at {number}; expected {brk.expected} (the file numbers each list from 1)"
            elif id(item) in first_items:
                assert prev is not None
                where = section_of(prev.line)
                message = (f"list starts at {number}; expected {brk.expected}: the file numbers its lists "
                           f"continuously, and the list {where} ends at {prev.number}")
            else:
                assert prev is not None and prev.number is not None
                if number == prev.number:
                    what = f"repeats the number {number}"
                elif number < prev.number:
                    what = f"goes back from {prev.number} to {number}"
                else:
                    what = f"jumps from {prev.number} to {number}"
                message = f"item number {what}; expected {brk.expected}"
            fix = self._renumber(document, groups, best.name, item, group_of[id(item)])
            yield self.report(message, item.marker_span, fix)

    @staticmethod
    def _renumber(document: Document, groups: list[list[ListItem]], scheme: str, start: ListItem,
                  first_group: int) -> Fix | None:
        """Renumber from ``start`` (in ``groups[first_group]``) to the end of its list (or of the file, when numbering
        continues). The lists before ``start``'s are not walked again for each break."""
        edits: list[Edit] = []
        expected: int | None = None
        started = False
        for group in groups[first_group:]:
            if started and scheme != "continued":
                break
            for i, item in enumerate(group):
                if item is start:
                    started = True
                    expected = 1 if scheme == "all-ones" or (scheme == "per-list" and i == 0) else None
                    if expected is None:
                        prev = group[i - 1] if i else None
                        expected = (prev.number + 1) if prev is not None and prev.number is not None else 1
                        if i == 0 and scheme == "continued":
                            expected = _expected_after(groups, group)
                elif not started:
                    continue
                elif scheme == "all-ones":
                    expected = 1
                elif scheme == "per-list" and i == 0:
                    expected = 1
                assert expected is not None and item.number is not None
                if item.number != expected:
                    digits = Span(item.marker_span.start, item.marker_span.end - 1)
                    if len(str(expected)) > len(str(item.number)) and not _room_to_grow(document, item):
                        return None
                    edits.append(Edit(digits, str(expected)))
                if scheme != "all-ones":
                    expected += 1
        return Fix.unsafe(*edits, title="Renumber the list") if edits else None


def _cut_by_indent(document: Document, groups: list[list[ListItem]], at: int
                   ) -> tuple[ListItem, list[int], int] | None:
    """(the last item above, the lines that ended its list, that item's text column) when the list ``groups[at]``
    goes on with the number after the list above it, and only blank lines and lines indented less than that item's
    text stand between them: lines meant as the item's continuation, whose indent fell short."""
    if at == 0:
        return None
    above, first = groups[at - 1][-1], groups[at][0]
    if above.number is None or first.number != above.number + 1 or above.depth != first.depth:
        return None
    source = document.source
    column = _column(document, above.content_start)
    short: list[int] = []
    for index in range(above.end_line, first.line):
        line = source.line(index)
        if not line.strip():
            continue
        spaces = _leading_spaces(line)
        if not 0 < spaces < column or "\t" in line[: spaces + 1]:
            return None
        short.append(index)
    return (above, short, column) if short else None


def _indent_to(document: Document, lines: list[int], column: int) -> Fix:
    """Indent each of ``lines`` to ``column`` (they join the item above: unsafe, the page changes)."""
    source = document.source
    edits = [Edit.insert(source.line_start(i), " " * (column - _leading_spaces(source.line(i)))) for i in lines]
    return Fix.unsafe(*edits, title="Indent the lines to the item's text", alters=Alters.ENTRIES)


def _expected_after(groups: list[list[ListItem]], group: list[ListItem]) -> int:
    at = next(n for n, g in enumerate(groups) if g is group)
    if at == 0:
        return 1
    last = groups[at - 1][-1].number
    return (last or 0) + 1


def _room_to_grow(document: Document, item: ListItem) -> bool:
    """A longer number moves the item's text right: lines indented only to the old text column would fall out."""
    source = document.source
    old = _column(document, item.content_start)
    for index in range(item.line + 1, item.end_line):
        line = source.line(index)
        if line.strip() and _leading_spaces(line) <= old:
            return False
    return True


def _section_titles(document: Document) -> Callable[[int], str]:
    heads = [(s.heading.line, s.title) for s in document.sections if s.heading is not None]
    heads.sort()
    lines = [line for line, _ in heads]

    def where(line: int) -> str:
        at = bisect_left(lines, line + 1) - 1
        return f"in '{short(heads[at][1])}'" if at >= 0 else "above"

    return where


# ---- LL206 -------------------------------------------------------------------------------------------------------

UNICODE_BULLETS = "•·●▪◦‣∙"
FAKE_BULLET = lazy(r"^([ \t]*)([" + UNICODE_BULLETS + r"])([ \t]+)(?=\S)")
FAKE_ALTERS = Alters.ENTRIES | Alters.TITLES
# A dash (em, en, figure, minus) typed as a bullet: '— [Asyncio](url) — Async I/O.' Only before a link: a dash
# before words is prose (a quotation's '— Albert Einstein', a line of dialogue)
TYPED_DASHES = "—–‒−"
DASH_BULLET = lazy(r"^([ \t]*)([" + TYPED_DASHES + r"])([ \t]+)(?=!?\[)")
GLUED_MARKER = lazy(r"^([ \t]*)([-+*]|\d{1,9}[.)])(?=\[[^\]]*\]\()")


def _next_indent(document: Document, stop: int) -> int | None:
    """Columns of indentation of the first non-blank line from ``stop`` on (None: only blank lines follow). A list
    item whose text starts at that column or left of it would take that block (a paragraph, a fence, indented code)
    in as its own."""
    line = _next_nonblank_line(document, stop)
    if line is None:
        return None
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))


class FakeListMarker(Rule):
    code = "LL206"
    needs_entries = False
    name = "fake-list-marker"
    category = "format"
    summary = "Lines that look like list items but are not (`•` bullets, `-[Title](url)`, `1)` in a `1.` list)"
    fix = FixAvailability.SOMETIMES

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        yield from self._in_paragraphs(document)
        yield from self._delimiters(document)

    def _in_paragraphs(self, document: Document) -> Iterator[Diagnostic]:
        source = document.source
        lines = document.source.lines()
        link_starts: frozenset[int] | None = None
        for block in document.blocks:
            if block.kind != "paragraph":
                continue
            after: list[int | None] = []  # indent of the block after this paragraph, found once per paragraph
            dashes: list[Diagnostic] = []
            for index in range(block.line, block.end_line):
                line = lines[index]
                # the first character after the indentation tells which of the three patterns may match: each is
                # tried only where it can (most lines start with a word, or with the "- " of a real list item)
                lead = line.lstrip(" \t")[:1]
                if not lead:
                    continue
                base = source.line_start(index)
                match = DASH_BULLET.match(line) if lead in TYPED_DASHES else None
                if match is not None:
                    if link_starts is None:
                        link_starts = frozenset(link.full_span.start for link in document.links if not link.in_html)
                    if base + match.end() in link_starts:
                        dashes.append(self._dash(match, base, block.depth))
                    continue
                match = FAKE_BULLET.match(line) if lead in UNICODE_BULLETS else None
                if match is not None:
                    indent, bullet, gap = match.groups()
                    keep = indent if block.depth or len(indent.expandtabs(4)) < 4 else ""
                    span = Span(base, base + match.end())
                    # Markdown then sees the list item the reader saw: it may become an entry. When the next block is
                    # indented to the item's text it becomes part of the item (often what the author meant, but the
                    # page changes beyond this line): then only with --unsafe-fixes
                    if not after:
                        after.append(_next_indent(document, block.end_line))
                    joins = after[0] is not None and after[0] >= len(keep.expandtabs(4)) + 2
                    fix = (Fix.unsafe if joins else Fix.safe)(Edit(span, keep + "- "), title="Make it a '-' list item",
                                                             alters=FAKE_ALTERS)
                    yield self.report(
                        f"'{bullet}' is not a list marker: Markdown shows this line as text, not as a list item",
                        Span(base + len(indent), base + len(indent) + 1),
                        fix,
                    )
                    continue
                match = GLUED_MARKER.match(line) if lead in "-+*" or lead.isdigit() else None
                if match is None:
                    continue
                marker = match.group(2)
                if marker == "*" and "*" in line[match.end() :]:
                    continue  # *[Title](url)* is emphasis
                at = base + match.end()
                yield self.report(
                    f"'{marker}[' is not a list item: Markdown needs a space after the marker '{marker}'",
                    Span(base + match.start(2), at),
                    Fix.unsafe(Edit.insert(at, " "), title="Insert a space to make it a list item", alters=FAKE_ALTERS),
                )
            # inside a list item (where Markdown runs the line on as the item's text), or two or more in one paragraph:
            # a list the author typed; one dashed link line in a paragraph of prose may be a quotation's source
            if block.depth or len(dashes) > 1:
                yield from dashes

    def _dash(self, match: re.Match[str], base: int, depth: int) -> Diagnostic:
        """A link line that starts with a dash: the reader sees a list item, Markdown a line of the paragraph."""
        indent, dash = match.group(1), match.group(2)
        keep = indent if depth or len(indent.expandtabs(4)) < 4 else ""
        # unsafe: unlike a bullet, a dash at the start of a line can be text (a source, a reply)
        fix = Fix.unsafe(Edit(Span(base, base + match.end()), keep + "- "), title="Make it a '-' list item",
                         alters=FAKE_ALTERS)
        return self.report(
            f"'{dash}' is not a list marker: Markdown runs this line on as text, so the link is no list item",
            Span(base + len(indent), base + len(indent) + 1),
            fix,
        )

    def _delimiters(self, document: Document) -> Iterator[Diagnostic]:
        """``1)`` right after a ``1.`` list starts a new list: the reader sees one list, Markdown two."""
        items = document.list_items
        lists = _lists_by_index(document)
        adjacent = _adjacent_lists(document)
        for lst in document.lists:
            if not lst.ordered:
                continue
            earlier = [lists[o] for o in adjacent.get(lst.index, ()) if lists[o].line < lst.line]
            if not earlier or not earlier[-1].ordered:
                continue
            mine = items[lst.items[0]].marker[-1:]
            theirs = items[earlier[-1].items[0]].marker[-1:]
            if mine == theirs:
                continue
            edits = [Edit(Span(items[i].marker_span.end - 1, items[i].marker_span.end), theirs) for i in lst.items
                     if items[i].marker.endswith(mine)]
            first = items[lst.items[0]]
            yield self.report(
                f"'{first.marker}' starts a new list: the list above uses '{theirs}', so Markdown numbers this one "
                "separately",
                first.marker_span,
                Fix.unsafe(*edits, title=f"Use '{theirs}' to continue the list above"),
            )


# ---- LL207 -------------------------------------------------------------------------------------------------------

SEPARATOR = lazy(r"[ \t]*[-–—:|,;~.，：、]*[ \t]*")
WHITESPACE_RUN = lazy(r"[ \t]+")
# punctuation that may open a description's first word when glued to it: "~666" (about 666), ".NET"
WORD_OPENING = "~."
EMPHASIS_CLOSE = lazy(r"\*\*\*|___|\*\*|__|\*|_")
# a second link joined to the title link: "[Array Explorer](url) and [Object Explorer](url) - Resources …"
JOINED_LINK = lazy(r"(?:and|or|&|\+|vs\.?)[ \t]+!?\[", re.IGNORECASE)

class Described(Record):
    """An entry with a description, and the separator between its title and description."""
    entry: Entry
    separator: Span


def _described(document: Document, entry: Entry) -> Described | None:
    """The separator between a leading title link and the description on the same line."""
    link: Link | None = entry.primary_link
    if entry.layout is not Layout.LIST or link is None or entry.title_span != link.text_span:
        return None
    source = document.source
    text = source.text
    line_end = source.line_end(source.line_index(link.full_span.end))  # the line the link ends on (may be the next)
    start = link.full_span.end
    # "**[Title](url)**, …": the emphasis around the title link closes after it, and the separator follows that
    line_start = source.line_start(source.line_index(link.full_span.start))
    wrapped = EMPHASIS_CLOSE.match(text, start, line_end)
    if wrapped is not None and text[line_start:link.full_span.start].rstrip().endswith(wrapped.group()):
        start = wrapped.end()
    start = decoration_end(text, start, line_end)
    match = SEPARATOR.match(text, start, line_end) if start <= line_end else None
    if match is None:
        return None
    end = match.end()
    if end < line_end and text[end].isalnum() and text[end - 1] in WORD_OPENING and text[start] in " \t":
        # "[Picon](url) ~666 icons", "[x](url) .NET bindings": punctuation glued to the word after a space opens
        # that word ("about 666", a name): only the space separates
        return Described(entry, Span(start, WHITESPACE_RUN.match(text, start).end()))  # type: ignore[union-attr]
    rest = text[end : line_end]
    if not rest.strip() or rest.lstrip("*_")[:1] in ("", *"([{<`!\\") or not (rest[0].isalnum() or rest[0] in "*_\"'“‘"):
        return None  # no description, or metadata such as a year in parentheses (emphasised or not) or a status tag
    if JOINED_LINK.match(rest):
        return None  # two links name the entry: whatever separates them is no description separator
    return Described(entry, Span(start, end))


class DescriptionSeparator(Rule):
    code = "LL207"
    name = "description-separator"
    category = "entries"
    summary = "Title link and description are separated by the section's usual separator (` - ` in awesome lists)"
    fix = FixAvailability.SOMETIMES  # safe, but unsafe where only a space separates (see the doc)

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        text = document.text
        for section in document.sections:
            found = [d for e in section.entries for x in e.walk() if (d := _described(document, x)) is not None]
            if len(found) < 3:
                continue
            # separators are compared with their whitespace collapsed: a doubled space is a typo of the separator,
            # never a style of its own, so "  - " used twice does not make the one " - " the outlier
            counts = Counter(_collapsed(d.separator.of(text)) for d in found)
            dominant, top = counts.most_common(1)[0]
            if not dominant.strip() or top * 5 < len(found) * 3:
                continue  # no separator in use, or no clear majority
            for d in found:
                sep = d.separator.of(text)
                if sep == dominant:
                    continue
                if sep and not sep.strip() and dominant in text[d.separator.end : document.source.line_end(
                        document.source.line_index(d.separator.end))]:
                    continue  # "[Logo Maker](url) by Designhill — generate logos": the title's words go on to it
                shown = f"'{sep}'" if sep else "nothing"
                # swapping one separator for another is safe; putting one where there was only a space is not:
                # the text may continue the title's sentence ("[Deep Learning](url) by Goodfellow et al.")
                make = Fix.unsafe if sep and not sep.strip() else Fix.safe
                if _collapsed(sep) == dominant:
                    message = (f"{shown} separates the title link from the description: '{dominant}' with extra "
                               f"whitespace")
                else:
                    message = (f"{shown} separates the title link from the description; the other {top} entries of "
                               f"{_where(section)} use '{dominant}'")
                yield self.report(
                    message,
                    d.separator if len(d.separator) else Span(d.separator.start, d.separator.start + 1),
                    make(Edit(d.separator, dominant), title=f"Use '{dominant}'"),
                )


def _collapsed(separator: str) -> str:
    """A separator with each run of spaces and tabs made one space: ')  - ' and ') -  ' are ' - ' mistyped."""
    if "\t" not in separator and "  " not in separator:
        return separator  # the usual separator, asked for every entry: nothing to collapse, no regex to run
    return WHITESPACE_RUN.sub(" ", separator)


# ---- LL208 -------------------------------------------------------------------------------------------------------

YEAR = lazy(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class EntryOrderOptions(Record):
    """Options of LL208."""
    by: str = "title"  # "title" or "year"
    order: str = "ascending"  # "ascending" or "descending"


def entry_year(document: Document, entry: Entry) -> int | None:
    """The entry's year: its BibTeX ``year``, a year on its title line, or the YYMM of its arXiv id."""
    for block in entry.bibtex:
        for bib in block.entries:
            value = bib.get("year")
            if value and (m := YEAR.search(value)):
                return int(m.group())
    source = document.source
    line = source.line_span(entry.line)
    chars = list(line.of(source.text))
    for link in entry.links:  # years inside URLs are identifiers, not years
        if link.span is not None and line.start <= link.span.start < line.end:
            for p in range(link.span.start, min(link.span.end, line.end)):
                chars[p - line.start] = " "
    masked = "".join(chars)
    link = entry.primary_link
    if m := YEAR.search(masked):
        return int(m.group())
    if link is not None and (arxiv := arxiv_id(link.url)) and re.match(r"\d{4}\.", arxiv):
        return 2000 + int(arxiv[:2])
    return None


def _title_key(entry: Entry) -> str:
    return " ".join(re.sub(r"^[\W_]+", "", entry.title).casefold().split())


class EntryOrder(Rule):
    code = "LL208"
    name = "entry-order"
    category = "entries"
    summary = "Entries of a section are sorted by title or year (when configured)"
    fix = FixAvailability.UNSAFE
    default_enabled = False
    Options = EntryOrderOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        options = context.options
        by_year = options.by == "year"
        descending = options.order == "descending"
        for section in document.sections:
            entries = list(section.entries)
            if len(entries) < 2:
                continue
            keys: list[object] = [entry_year(document, e) if by_year else _title_key(e) for e in entries]
            ranked = [(k, e) for k, e in zip(keys, entries) if k not in (None, "")]
            fix = None
            if len(ranked) == len(entries):
                fix = self._reorder(document, entries, keys, descending)
            previous: tuple[object, Entry] | None = None
            for key, entry in ranked:
                if previous is not None:
                    before = previous[0] < key if descending else key < previous[0]  # type: ignore[operator]
                    if before:
                        what = f"{key}" if by_year else f"'{short(entry.title)}'"
                        yield self.report(
                            f"{what} is out of order: sorted by {options.by} "
                            f"({options.order}) it comes before '{short(previous[1].title)}' on line "
                            f"{previous[1].line + 1}",
                            entry.title_span or entry.span,
                            fix,
                        )
                previous = (key, entry)

    @staticmethod
    def _reorder(document: Document, entries: list[Entry], keys: list[object], descending: bool) -> Fix | None:
        """Move the entries' bodies into sorted order; each slot keeps its marker (``3.``) or heading hashes."""
        source = document.source
        text = source.text
        items = document.list_items
        chunks: list[tuple[Span, Span]] = []  # (slot prefix: marker or hashes, body)
        if all(e.list_item is not None for e in entries):
            list_index = {items[e.list_item].list_index for e in entries if e.list_item is not None}
            if len(list_index) != 1:
                return None
            lst = document.lists[list_index.pop()]
            if len(lst.items) != len(entries):
                return None  # other items sit between the entries
            for entry in entries:
                assert entry.list_item is not None
                item = items[entry.list_item]
                chunks.append((Span(source.line_start(item.line), item.marker_span.end),
                               Span(item.marker_span.end, source.line_end(item.end_line - 1))))
        elif all(e.heading is not None for e in entries):
            for entry in entries:
                assert entry.heading is not None
                hashes = re.match(r" {0,3}#+", source.line(entry.line))
                if hashes is None or entry.heading.style != "atx":
                    return None
                start = source.line_start(entry.line)
                chunks.append((Span(start, start + hashes.end()), Span(start + hashes.end(), entry.span.end)))
        else:
            return None
        order = sorted(range(len(entries)), key=lambda i: keys[i], reverse=descending)  # type: ignore[arg-type,return-value]
        edits = [Edit(chunks[slot][1], chunks[i][1].of(text)) for slot, i in enumerate(order) if slot != i]
        return Fix.unsafe(*edits, title="Sort the section's entries", alters=Alters.ENTRIES) if edits else None


RULES = (EntryLayout, ListMarker, ListIndent, ListMarkerSpace, OrderedNumbering, FakeListMarker,
         DescriptionSeparator, EntryOrder)
