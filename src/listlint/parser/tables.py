"""Tables of papers: rows that hold links to pages are entries (table layout), titled from the title column.

Kept apart from the list and heading layouts because a table is read cell by cell: which column titles the row,
where a cell that describes as well as names its work stops being the title.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from listlint.model import Block, Entry, Layout, Link
from listlint.parser.blocks import InlineUnit, Walk
from listlint.parser.status import status_of
from listlint.parser.text import LEADING_STRONG, as_read, clean_title, content_link
from listlint.source import SourceText, Span
from listlint.regex import lazy

if TYPE_CHECKING:
    from listlint.parser.entries import Builder

# "1)", "12.", "(3)", "#4" opening a table cell: the row's number, not words of its title
ROW_COUNTER = lazy(r"[ \t]*(?:\d{1,4}[.)]|\(\d{1,4}\)|#\d{1,4})[ \t]+")
PAPER_HEADER = lazy(r"(?:title|paper|article|publication|论文|标题)s?\b(?:\s*[/&(,]|$)", re.IGNORECASE)
TITLE_HEADER = lazy(
    r"(?:title|paper|name|model|method|project|resource|tool|library|repo(?:sitory)?|work|article|book|course|"
    r"dataset|论文|标题|名称)s?",
    re.IGNORECASE,
)


# a header that is just "Name" or "Title", in the languages lists are written in: the row's name, before "Paper"
NAME_HEADER = lazy(
    r"(?:name|title)s?|名称|名字|标题|題名|이름|제목|名前|タイトル|nombre|nome|nom|t[íi]tulo|titre|titel|название|имя",
    re.IGNORECASE,
)
TITLE_WORD = lazy(r"\b(?:name|title)s?\b|名称|名字|资源名|项目名|标题|題名", re.IGNORECASE)
# "Author name", "Venue name", "File name", "作者名字": names, but not of the row's work
NOT_A_TITLE = lazy(
    r"\b(?:author|speaker|presenter|venue|conference|journal|file|user|host|company|organi[sz]ation)s?\b|"
    r"作者|会议|期刊|文件|用户|机构", re.IGNORECASE)


def table_entries(b: Builder, walk: Walk, source: SourceText, section_of: Any, section_for: Any) -> list[Entry]:
    """Rows of tables of papers (``| [Title](url) | Venue | [code](url) |``) as entries.

    A table is a table of entries when at least two of its body rows, and at least half of them, hold a link to a
    page (not a badge or an anchor), or a single row does, its header names the titles' column and the file has
    such tables of more linked rows; only the linked rows become entries. Tables inside list items or quotes are left to
    their item, and so is a table whose rows mostly link what a list of its section already lists (a table of
    downloads and stars beside the list of libraries): it describes those entries, it adds none. The title is the
    cell of the column headed like a title ("Paper", "Title", "Name", ...), else of the first column whose cells
    mostly hold a link."""
    tables = [block for block in walk.blocks if block.kind == "table" and block.depth == 0]
    if not tables:
        return []
    cells_by_line: dict[int, list[InlineUnit]] = {}
    listed: dict[int, set[str]] = {}  # id of a section -> URLs linked from its list items
    for unit in walk.inlines:
        if unit.kind == "cell" and unit.item is None and not unit.in_quote:
            cells_by_line.setdefault(unit.line, []).append(unit)
        elif unit.item is not None and unit.facts.links:
            listed.setdefault(id(section_for(unit.line)), set()).update(link.url for link in unit.facts.links)
    out: list[Entry] = []
    found: list[tuple[Block, list[tuple[int, list[InlineUnit]]]]] = []
    for table in tables:
        rows = [(line, cells_by_line[line]) for line in range(table.line + 2, table.end_line) if line in cells_by_line]
        linked = [(line, cells) for line, cells in rows if any(_row_links(cells))]
        if linked and len(linked) * 2 >= len(rows):
            found.append((table, linked))
    # one row is a table of entries too when its header names the column of titles ("| Project | … |") and the file
    # has tables of entries of more rows: a list written as one table per section
    several = any(len(linked) >= 2 for _, linked in found)
    for table, linked in found:
        header = cells_by_line.get(table.line, [])
        if len(linked) == 1 and not (several and _named_title_column(header) is not None):
            continue
        known = listed.get(id(section_for(table.line)), set())
        if known and 2 * sum(1 for _, cells in linked if _row_links(cells)[0].url in known) >= len(linked):
            continue
        width = _repeated_columns(header) or (1 if _link_grid(source.text, header, linked) else None)
        if width:
            # "| Link | Idioma | Link | Idioma |": each row holds len(header) / width entries side by side
            groups = [(g, g + width) for g in range(0, len(header), width)]
            column = _title_column(header[:width], [(line, cells[:width]) for line, cells in linked])
            cited = frozenset(k for k, cell in enumerate(header[:width])
                              if k != column and PAPER_HEADER.match(clean_title(cell.content)))
            for line, cells in linked:
                spans = _cell_spans(source.text, source.line_span(line), cells)
                for start, end in groups:
                    part = cells[start:end]
                    if _row_links(part):
                        out.append(_table_row_entry(b, source, line, part, column, section_of(line), cited,
                                                    _joined(spans[start:end]) or source.line_span(line)))
            continue
        column = _title_column(header, linked)
        # "| Name | Paper |": a dataset's row may cite its paper by title; its own link is another ("[Link]")
        cited = frozenset(k for k, cell in enumerate(header)
                          if k != column and PAPER_HEADER.match(clean_title(cell.content)))
        for line, cells in linked:
            out.append(_table_row_entry(b, source, line, cells, column, section_of(line), cited))
    return out


def _repeated_columns(header: list[InlineUnit]) -> int | None:
    """The width of a group of columns that the header repeats ("Link | Language | Link | Language": 2), when a
    table sets its entries side by side; None for a table of one entry a row."""
    names = [clean_title(cell.content).casefold() for cell in header]
    for width in range(1, len(names) // 2 + 1):
        if len(names) % width == 0 and any(names[:width]) and names == names[:width] * (len(names) // width):
            return width
    return None


# a header cell that names nothing: empty, punctuation, emoji or their shortcodes ("| :card_index: | :beer: |")
_SHORTCODES = lazy(r":[a-z0-9_+-]+:")


def _link_grid(text: str, header: list[InlineUnit], linked: list[tuple[int, list[InlineUnit]]]) -> bool:
    """Whether the table is a grid of links, one entry a cell (HelloGitHub's "| [第 124 期](url) | [第 123 期](url) |
    …" under a header of emoji): two columns or more, a header that names no column, and every filled cell of
    the linked rows just one link to a page. A header that names its columns ("Model | Paper") makes a row one
    entry, however many of its cells are links."""
    if len(header) < 2 or any(any(ch.isalnum() for ch in _SHORTCODES.sub("", cell.content)) for cell in header):
        return False
    for _, cells in linked:
        for cell in cells:
            content = cell.content.strip()
            if not content:
                continue
            links = [link for link in cell.facts.links if content_link(link)]
            if len(links) != 1 or links[0].full_span.of(text).strip() != content:
                return False
    return True


def _joined(spans: list[Span | None]) -> Span | None:
    """From the first cell's content to the last's, when both are known."""
    if not spans or spans[0] is None or spans[-1] is None:
        return None
    return Span(spans[0].start, spans[-1].end)


def _row_links(cells: list[InlineUnit]) -> list[Link]:
    return [link for cell in cells for link in cell.facts.links if content_link(link)]


def _named_title_column(header: list[InlineUnit]) -> int | None:
    """The column whose header names the titles, if one does."""
    names = [clean_title(cell.content) for cell in header]
    for index, name in enumerate(names):  # "| Name | Paper |": a dataset, a club, a tool, citing its paper
        if NAME_HEADER.fullmatch(name):
            return index
    for index, name in enumerate(names):  # "Paper / Source" beside "Model": the paper names the row
        if PAPER_HEADER.match(name):
            return index
    for index, name in enumerate(names):
        if TITLE_HEADER.fullmatch(name):
            return index
    for index, name in enumerate(names):  # "资源名（Name）", "Project name": a title word within the header
        if TITLE_WORD.search(name) and not NOT_A_TITLE.search(name):
            return index
    return None


def _title_column(header: list[InlineUnit], rows: list[tuple[int, list[InlineUnit]]]) -> int:
    named = _named_title_column(header)
    width = max(len(cells) for _, cells in rows)
    if named is not None:
        if _labels(rows, named, at_least=2):  # "| Notebook | Description | Article |", "[Article](url)" on every
            plain = _plain_names(rows, width)  # row: the header names what the link leads to; the names are words
            if plain is not None:
                return plain
        if _repeats(rows, named):  # "| Model | … | Dataset |" with "UR50/D 2021_04" on most rows: what the rows
            plain = _plain_names(rows, named)  # share, not what names each; a column of distinct words before it
            if plain is not None and not _numbering(rows, plain):  # does (not "| S.No |": "1.", "2.", …)
                return plain
        return named
    for index in range(width):
        with_link = sum(1 for _, cells in rows if index < len(cells) and _row_links([cells[index]]))
        if with_link * 2 >= len(rows):
            if _labels(rows, index):  # "[Homepage](…), [instagram](…)" on every row: the name is in a cell before
                named = _plain_names(rows, index)
                if named is not None:
                    return named
            return index
    return 0


# a link that shows its target's identifier ("arXiv:2311.09735", "doi:10.1145/…"): a label, as "Paper" is
IDENTIFIER_TEXT = lazy(r"[\s\[(]*(?:arxiv[:\s]*\d{4}\.\d{4,5}(?:v\d+)?|doi:?\s*10\.\d{4,9}/\S+|10\.\d{4,9}/\S+)[\s\])]*",
                       re.IGNORECASE)


def _labels(rows: list[tuple[int, list[InlineUnit]]], column: int, at_least: int = 1) -> bool:
    """Whether the links of ``column`` say the same words on most rows ("Homepage", "Link"): labels, not names;
    on ``at_least`` rows, when two different names on two rows must not count as one label."""
    texts = Counter(
        "identifier" if IDENTIFIER_TEXT.fullmatch(links[0].text) else links[0].text.strip().casefold()
        for _, cells in rows if column < len(cells) and (links := _row_links([cells[column]]))
    )
    return len(rows) >= 2 and bool(texts) and texts.most_common(1)[0][1] * 2 >= len(rows) \
        and texts.most_common(1)[0][1] >= at_least


def _repeats(rows: list[tuple[int, list[InlineUnit]]], column: int) -> bool:
    """Whether the filled cells of ``column`` say the same things over and over: at most half of them differ."""
    values = [cells[column].content.strip().casefold() for _, cells in rows
              if column < len(cells) and cells[column].content.strip()]
    return len(values) >= 4 and len(set(values)) * 2 <= len(values)


def _numbering(rows: list[tuple[int, list[InlineUnit]]], column: int) -> bool:
    """Whether ``column`` numbers the rows ("1.", "2", "#3")."""
    return all(ROW_NUMBER.fullmatch(cells[column].content.strip()) for _, cells in rows
               if column < len(cells) and cells[column].content.strip())


ROW_NUMBER = lazy(r"#?\d+[.)]?")


def _plain_names(rows: list[tuple[int, list[InlineUnit]]], before: int) -> int | None:
    """The first column left of ``before`` whose cells are words without links, different on most rows."""
    for column in range(before):
        words = [cells[column].content.strip() for _, cells in rows
                 if column < len(cells) and not cells[column].facts.links and cells[column].content.strip()]
        if len(words) * 4 >= len(rows) * 3 and len(set(words)) * 4 >= len(words) * 3:
            return column
    return None


def _table_row_entry(b: Builder, source: SourceText, line: int, cells: list[InlineUnit], column: int,
                     section: str, cited: frozenset[int] = frozenset(), row: Span | None = None) -> Entry:
    """The entry of a row, or of the group of its cells at ``row`` (a table of entries side by side)."""
    text = source.text
    row = row or source.line_span(line)
    spans = _cell_spans(text, row, cells)
    cell = cells[column] if column < len(cells) else cells[0]
    cell_span = spans[column] if column < len(spans) else None
    whole_cell = cell_span
    own = [link for link in cell.facts.links if content_link(link)]
    links = tuple(link for c in cells for link in c.facts.links)
    # a link around a picture ("[![Star](…/stars/microsoft/LLMLingua.svg)](github…) <br> [Title](arxiv…)") is a
    # badge: the row's own link is the one that names it in words
    worded = [link for link in own if not link.text.lstrip().startswith(("![", "<img"))]
    primary = (worded or own)[0] if own else _own_link(cells, cited)
    title, title_span = "", None
    if len(own) == 1 and own[0].full_span is not None and cell_span is not None \
            and own[0].full_span.of(text) == cell_span.of(text) and own[0].text_span is not None:
        title, title_span = clean_title(own[0].text), own[0].text_span  # the cell is the link
    elif cell_span is not None:
        title, title_span = "", None
        if not cell.facts.links:  # words alone (links and images are read below, by as_read)
            title, title_span = _written_cell_title(text, cell_span)
        if not title:
            counter = ROW_COUNTER.match(text, cell_span.start, cell_span.end)
            if counter is not None:  # "4) A Short Title": the row's number is no part of the title
                cell_span = Span(counter.end(), cell_span.end)
            cell_span = _first_worded_line(text, cell_span, cell)
            title, title_span = clean_title(as_read(text, cell_span, cell.facts.links, cell.facts.html_spans,
                                                     images=False)), cell_span
            alone = [link for link in own if link.full_span == cell_span and link.text_span is not None]
            if alone and title == clean_title(alone[0].text):  # that line is the link: titled by its text
                title_span = alone[0].text_span
    else:
        title = clean_title(cell.content)
    if not title and primary.text_span is not None:
        title, title_span = clean_title(primary.text), primary.text_span
    tags = b.tags_in(row.start, row.end, links)
    description = " | ".join(c.content.strip() for k, c in enumerate(cells) if k != column and c.content.strip())
    if whole_cell is not None and cell_span is not None and cell_span != whole_cell:
        below = _below_title_line(text, Span(cell_span.end, whole_cell.end), cell)
        if below:  # "[OpenSID](url)<br>Village information system": the cell describes what its first line names
            description = f"{below} | {description}" if description else below
    return Entry(
        layout=Layout.TABLE,
        title=title,
        title_span=title_span if title else None,
        links=links,
        primary_link=primary,
        status=status_of(tags),
        tags=tuple(tags),
        bibtex=(),
        description=description,
        children=(),
        span=row,
        line=line,
        section=section,
    )


LINE_BREAK_TAG = lazy(r"<br\s*/?>", re.IGNORECASE)


def _first_worded_line(text: str, cell: Span, unit: InlineUnit) -> Span:
    """The part of a title cell before its first ``<br>`` that holds words: ``[Title](url) <br> Authors`` is titled
    by the link, ``[![Stars](badge)](repo) <br> [Title](url)`` by the line after the badge. A ``<br>`` inside a
    link's text (``[Korean speech (KsponSpeech<br>eval clean)](url)``) breaks the title's line, not the title."""
    cuts = [m.start() for m in LINE_BREAK_TAG.finditer(text, cell.start, cell.end)
            if not any(link.full_span.start < m.start() < link.full_span.end for link in unit.facts.links)]
    if not cuts:
        return cell
    start = cell.start
    for end in [*cuts, cell.end]:
        part = Span(start, end)
        if any(ch.isalnum() for ch in as_read(text, part, unit.facts.links, unit.facts.html_spans, images=False)):
            while part.start < part.end and text[part.start].isspace():
                part = Span(part.start + 1, part.end)
            while part.end > part.start and text[part.end - 1].isspace():
                part = Span(part.start, part.end - 1)
            return part
        found = LINE_BREAK_TAG.match(text, end)
        start = found.end() if found is not None else end
    return cell


def _below_title_line(text: str, rest: Span, unit: InlineUnit) -> str:
    """The words of a title cell after the line that titles it (``<br> Village information system``), as read:
    links by their text, tags and images left out; "" when the title's line ends the cell."""
    start = rest.start
    while start < rest.end and text[start] in " \t":
        start += 1
    if LINE_BREAK_TAG.match(text, start, rest.end) is None:
        return ""  # the title is cut short of its cell some other way (a bold title before its description)
    words = as_read(text, rest, unit.facts.links, unit.facts.html_spans, images=False)
    return " ".join(words.split()).strip(" \t-–—:,|")


def _own_link(cells: list[InlineUnit], cited: frozenset[int]) -> Link:
    """The link of a row whose title cell has none: the first, unless it is a work named by its title in a "Paper"
    column (a dataset's paper, cited) and the row has another link ("[Link]", "GitHub"), the named thing's own.
    A "[pdf]" in the Paper column of a table of papers is the row's own paper."""
    links = _row_links(cells)
    own = [link for k, cell in enumerate(cells) for link in _row_links([cell])
           if not (k in cited and len(link.text.split()) >= 4)]
    return own[0] if own else links[0]


def _written_cell_title(text: str, cell: Span) -> tuple[str, Span | None]:
    """The title of a title cell that is more than a link: ``1) **PaLM-E: An Embodied LM** - incorporates …`` is
    titled by its bold words, ``2) MEM1  This work introduces …`` by the words before the description; ("", None)
    when the cell is just a title (or nothing tells where the title ends)."""
    raw = text[cell.start : cell.end]
    counter = ROW_COUNTER.match(raw)
    skip = counter.end() if counter else 0
    strong = LEADING_STRONG.match(raw, skip)
    if strong is not None:
        title = clean_title(strong.group(2)).rstrip(".").strip()
        at = text.find(title, cell.start + strong.start(2), cell.start + strong.end(2)) if title else -1
        if any(ch.isalnum() for ch in title):  # no span when written with escapes ("Q\\&A")
            return title, (Span(at, at + len(title)) if at >= 0 else None)
    rest = raw[skip:]
    if len(rest.split()) <= 12:  # short enough to be a title as it stands
        return "", None
    # after a row number, two spaces or " - " end the title ("2) MEM1  This work introduces …", "1) Title -
    # presents …"). A colon cuts nothing: titles hold them ("Not what you've signed up for: Compromising …")
    if counter is None:
        return "", None  # without a row number a double space may be a typo inside the title: nothing cuts
    cut = re.search(r"\S(?: {2,}| [-–—] )", rest)
    if cut is None or len(rest[: cut.start() + 1].split()) > 20:
        return "", None
    title = clean_title(rest[: cut.start() + 1])
    at = text.find(title, cell.start + skip, cell.start + skip + cut.start() + 1) if title else -1
    return title, (Span(at, at + len(title)) if at >= 0 else None)


def _cell_spans(text: str, row: Span, cells: list[InlineUnit]) -> list[Span | None]:
    """Where each cell's content is written in its row (None when it cannot be confirmed). A `|` of a cell's
    content is written `\\|` (markdown-it drops the backslash)."""
    spans: list[Span | None] = []
    at = row.start
    for cell in cells:
        content = cell.content.strip()
        if "|" in content:
            content = content.replace("|", "\\|")
        found = text.find(content, at, row.end) if content else -1
        if found < 0:
            spans.append(None)
            continue
        spans.append(Span(found, found + len(content)))
        at = found + len(content)
    return spans
