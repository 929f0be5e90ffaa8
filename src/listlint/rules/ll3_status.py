"""Status tags: LL301 status-missing, LL302 status-unknown, LL303 status-format, LL304 status-conflict,
LL305 checkbox-style.

The parser records the status markers of an entry's title line (``Entry.tags``), having told status tags from
bracketed labels (``[PDF]``, ``**[R-CNN]**``: see :mod:`listlint.parser.status`); this module takes its word for
that and decides what each marker is against ``[tool.listlint.status]``: a known tag, a misspelt one, or a task box
(a near miss of one counts only in a file that uses task boxes). That decision is shared, through
:func:`status_view`, by the five rules and by ``listlint stats``, so the counts, the findings and the exported
``Entry.status`` never disagree about which entries carry a tag.
"""


import enum
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cached_property

from listlint.config import StatusSettings
from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability
from listlint.errors import ConfigError
from listlint.model import Document, Entry, Layout, Section, StatusTag
from listlint.parser.entries import TASK_BOX, title_line_end
from listlint.parser.status import distance, emphasis_around, misspelling, spelled, tag_key, tolerance, unwritable
from listlint.records import Record
from listlint.regex import lazy
from listlint.rules.base import Context, Rule
from listlint.source import Span

PROPER_BOXES = ("[ ]", "[x]", "[X]")
# Formats the parser finds again as the same tag; fixes are offered only for these (anything else would not
# converge: the rewritten tag would not be recognised as the tag it replaced).
# (Inline-code forms such as ```[{tag}]``` are recognised only at the edges of a line, so they are no canonical form.)
RECOGNISABLE = lazy(r"\[ ?`?\{tag\}`? ?\]")
LEADING = lazy(r"[\W_\d]*")  # what may precede a title link: numbering, emphasis, emoji
CLOSING_MARKUP = "*_~"
EMPHASIS_MARKS = ("*", "_", "~")


class Kind(enum.Enum):
    """What a recorded marker is, for this configuration."""

    KNOWN = "known"  # a tag of the vocabulary (in any spelling)
    UNKNOWN = "unknown"  # a status tag outside the vocabulary (a safe misspelling, or written in the file's tag form)
    BOX = "checkbox"  # a GFM task box (or a near miss of one, in a file that uses task boxes)
    LABEL = "label"  # a near miss of a task box ("[]") in a file without task boxes: text, no status


class Vocabulary:
    """The configured tags, their canonical spellings, and the nearest-tag search; equal when the settings are."""

    def __init__(self, settings: StatusSettings) -> None:
        self.settings = settings
        self._near: dict[str, tuple[str, ...]] = {}

    def __eq__(self, other: object) -> bool:
        return self.settings == other.settings if isinstance(other, Vocabulary) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.settings)

    def __repr__(self) -> str:
        return f"Vocabulary(settings={self.settings!r})"

    @cached_property
    def spellings(self) -> dict[str, str]:
        """The tag's key (:func:`~listlint.parser.status.tag_key`: uppercased) -> the tag as configured."""
        return {tag_key(tag): tag for tag in self.settings.tags}

    def canonical(self, value: str) -> str:
        """The tag as the configured format writes it: ``[`READ`]``."""
        return self.settings.format.replace("{tag}", self.spellings.get(tag_key(value), value))

    @cached_property
    def fixable(self) -> bool:
        """True when a tag written in the configured format is found again by the parser (asked for every finding
        of LL301: computed once)."""
        return RECOGNISABLE.fullmatch(self.settings.format) is not None and all(
            unwritable(tag) is None for tag in self.settings.tags)

    def nearest(self, value: str) -> tuple[str, ...]:
        """Configured tags within tolerance of ``value``, all at the smallest distance (empty when none is near).

        These are suggestions ("did you mean READ?"); whether one may replace the word is :meth:`replacement`'s
        business."""
        found = self._near.get(value)
        if found is None:
            found = self._near[value] = self._nearest(value)
        return found

    def _nearest(self, value: str) -> tuple[str, ...]:
        best: list[str] = []
        best_distance = 0
        if not spelled(value):
            return ()  # 未读 is no misspelling of 已读, nor ✗ of ✓: suggestions only between spelled words
        for upper, spelling in self.spellings.items():
            if not spelled(upper):
                continue
            d = distance(tag_key(value), upper)
            if d > tolerance(upper) or d >= len(value):
                continue
            if not best or d < best_distance:
                best, best_distance = [spelling], d
            elif d == best_distance:
                best.append(spelling)
        return tuple(best)

    def replacement(self, value: str) -> str | None:
        """The one tag that ``value`` safely misspells (:func:`~listlint.parser.status.misspelling`): ``REDA`` ->
        READ, but not ``RED``, a different word one edit from READ. None when no single tag is that close."""
        near = self.nearest(value)
        if len(near) == 1 and misspelling(tag_key(value), tag_key(near[0])):
            return near[0]
        return None

    def box_status(self, tag: StatusTag) -> str:
        """What a task box counts as: ``checkbox_done`` when ticked, ``checkbox_todo`` otherwise."""
        value = self.settings.checkbox_done if tag.value == "X" else self.settings.checkbox_todo
        return self.spellings.get(tag_key(value), value)


class Mark(Record):
    """A status marker of an entry, classified."""

    tag: StatusTag
    kind: Kind
    status: str | None  # the configured tag it stands for (None for unknown tags)
    suggestions: tuple[str, ...] = ()  # nearest known tags (unknown tags only)


class EntryStatus(Record):
    """An entry and its classified status marks."""
    entry: Entry
    marks: tuple[Mark, ...]  # known, unknown and box marks in line order (labels left out)

    @property
    def status(self) -> str | None:
        """The status that counts: the last mark's (as the parser's ``Entry.status``); None when untagged or when
        that mark is an unknown tag."""
        return self.marks[-1].status if self.marks else None

    @property
    def unknown(self) -> bool:
        return bool(self.marks) and self.marks[-1].kind is Kind.UNKNOWN


class StatusView(Record):
    """Every entry's classified marks, and whether the file uses tags and task boxes at all."""

    vocabulary: Vocabulary
    entries: tuple[EntryStatus, ...]  # aligned with Document.entries
    tagged: int  # entries with a known tag
    boxed: int  # entries with a well-formed GFM task box
    marked: int  # entries with a known tag or a task box (near misses included)

    @property
    def uses_status(self) -> bool:
        """The file marks reading status (a known tag or a task box on some entry): LL301's "auto"."""
        return self.tagged > 0 or self.boxed > 0

    @property
    def uses_boxes(self) -> bool:
        return self.boxed > 0


def status_view(document: Document, settings: StatusSettings) -> StatusView:
    """The shared classification, built once per document and configuration."""
    return document.memo(f"ll3.status_view:{settings!r}", lambda: _build_view(document, settings))


def _build_view(document: Document, settings: StatusSettings) -> StatusView:
    vocabulary = Vocabulary(settings)
    known = vocabulary.spellings
    # the counts look only at entries with a marker: in most lists, most entries have none; and only at those that
    # tell how the list's entries are kept (see _reads_status)
    with_markers = [e for e in document.entries if e.tags]
    if with_markers:
        linked = sum(1 for e in document.entries if e.primary_link is not None)
        with_markers = [e for e in with_markers if _reads_status(e, 2 * linked > len(document.entries))]
        if _boxes_are_tasks(document):
            with_markers = [e for e in with_markers if not any(t.form == "checkbox" for t in e.tags)]
    tagged = sum(1 for e in with_markers if any(t.form == "tag" and t.value in known for t in e.tags))
    boxed = sum(1 for e in with_markers if any(t.form == "checkbox" and t.raw in PROPER_BOXES for t in e.tags))
    boxes = boxed > 0
    out = []
    for entry in document.entries:
        marks = []
        for tag in entry.tags:
            mark = _classify(tag, vocabulary, boxes)
            if mark.kind is not Kind.LABEL:
                marks.append(mark)
        out.append(EntryStatus(entry, tuple(marks)))
    counted = {id(e) for e in with_markers}
    marked = sum(1 for es in out if es.marks and id(es.entry) in counted
                 and any(m.kind in (Kind.KNOWN, Kind.BOX) for m in es.marks))
    return StatusView(vocabulary, tuple(out), tagged, boxed, marked)


def _reads_status(entry: Entry, mostly_linked: bool) -> bool:
    """Whether a marker on ``entry`` says the list keeps reading status. Task boxes in a table of contents
    (``- [x] [Datasets](#datasets)``) track the maintainer's progress through the sections, and boxed items without
    a link in a list of links (``- [ ] Add useful shell functions`` under "ToDo") are a to-do list: neither asks
    for a status on every paper."""
    return not (_contents_item(entry) or mostly_linked and _to_do(entry))


def _contents_item(entry: Entry) -> bool:
    """An item of a table of contents: every link points into this page."""
    return bool(entry.links) and all(link.is_fragment for link in entry.links)


def _to_do(entry: Entry) -> bool:
    """A list item that names a task rather than links to something to read."""
    return entry.primary_link is None and entry.layout is Layout.LIST and not entry.bibtex


def _boxes_are_tasks(document: Document) -> bool:
    """Whether the file's task boxes make a checklist beside its links, not the reading status of its entries: most
    boxed items name a task without a link ("- [ ] **Doctype:** The Doctype is HTML5."), while most items without a
    box are the links (the references under each task). A box on one of those few linked tasks is no status either."""
    boxed = [e for e in document.entries if any(t.form == "checkbox" and t.raw in PROPER_BOXES for t in e.tags)
             and not _contents_item(e)]
    if not boxed or 2 * sum(1 for e in boxed if _to_do(e)) <= len(boxed):
        return False
    plain = [e for e in document.entries if not e.tags]
    return 2 * sum(1 for e in plain if e.primary_link is not None) > len(plain)


def _classify(tag: StatusTag, vocabulary: Vocabulary, uses_boxes: bool) -> Mark:
    if tag.form == "checkbox":
        if tag.raw in PROPER_BOXES or uses_boxes:
            return Mark(tag, Kind.BOX, vocabulary.box_status(tag))
        return Mark(tag, Kind.LABEL, None)
    spellings = vocabulary.spellings
    if tag.value in spellings:
        return Mark(tag, Kind.KNOWN, spellings[tag.value])
    # the parser has told tags from labels (parser/status.py): a word it kept is a status tag, misspelt or new
    return Mark(tag, Kind.UNKNOWN, None, vocabulary.nearest(tag.value))


def entry_key(entry: Entry) -> tuple[int, int]:
    """Identifies an entry within its document (entries are values; two could compare equal)."""
    return entry.span.start, entry.line


def section_of(document: Document) -> dict[tuple[int, int], int]:
    """Entry key -> index (in ``document.sections``) of the section whose heading the entry sits under."""

    def build() -> dict[tuple[int, int], int]:
        out: dict[tuple[int, int], int] = {}
        for index, section in enumerate(document.sections):
            for top in section.entries:
                for entry in top.walk():
                    out[entry_key(entry)] = index
        return out

    return document.memo("ll3.section_of", build)


# ---- where a tag belongs ---------------------------------------------------------------------------------------
class TitleLine(Record):
    """The part of an entry's first line where status tags live, and where the canonical tag goes."""

    start: int  # first character after the list marker (or of the heading text)
    end: int  # end of the line's content (or of the heading text), trailing whitespace excluded
    insert_at: int | None  # where a missing or misplaced tag is put; None when that is not certain
    after_title: int | None  # end of the title link (plus closing emphasis) for list entries led by a link


def title_line(document: Document, entry: Entry) -> TitleLine | None:
    """The entry's title line (computed once per entry and document)."""
    lines: dict[tuple[int, int], TitleLine | None] = document.memo("ll3.title_lines", dict)
    key = entry_key(entry)
    if key not in lines:
        lines[key] = _title_line(document, entry)
    return lines[key]


def _title_line(document: Document, entry: Entry) -> TitleLine | None:
    if entry.layout is Layout.TABLE:
        return None  # a tag belongs in one of the row's cells, not at the end of the row: no place is certain
    text = document.text
    source = document.source
    if entry.heading is not None:
        span = entry.heading.text_span
        if not len(span) or "\n" in entry.heading.text:
            return None
        end = span.end
        while end > span.start and text[end - 1] in " \t":
            end -= 1
        return TitleLine(span.start, end, end, None)
    if entry.list_item is not None:
        start = document.list_items[entry.list_item].content_start
    elif entry.title_span is not None:
        start = entry.span.start
    else:
        return None
    line_end = title_line_end(source, source.line_index(start), entry.primary_link)
    end = line_end
    while end > start and text[end - 1] in " \t":
        end -= 1
    if end > start and text[end - 1] == "\\":  # a backslash hard break: the tag would land after it
        return TitleLine(start, end, None, None)
    after_title = _after_title_link(document, entry, start, end)
    insert_at: int | None = after_title if after_title is not None else end
    if any(link.full_span.start < insert_at < link.full_span.end for link in entry.links):
        insert_at = None  # inside a link (its text wraps onto the next line): no place on this line is certain
    return TitleLine(start, end, insert_at, after_title)


def _after_title_link(document: Document, entry: Entry, start: int, end: int) -> int | None:
    """End of the link that leads a list entry's title line (with closing emphasis), or None.

    The link leads when only numbering, emphasis, emoji, a task box or status tags precede it."""
    link = entry.primary_link
    if entry.layout is not Layout.LIST or link is None or not start <= link.full_span.start < link.full_span.end <= end:
        return None
    text = document.text
    prefix = text[start : link.full_span.start]
    for tag in entry.tags:
        if start <= tag.span.start and tag.span.end <= link.full_span.start:
            prefix = prefix.replace(tag.raw, "", 1)
    if not LEADING.fullmatch(prefix):
        return None
    after = link.full_span.end
    while after < end and text[after] in CLOSING_MARKUP:
        after += 1
    return after


def list_placement(document: Document, view: StatusView) -> str:
    """Where this file puts tags of list entries that have a description: "end" of the line or right "after" the
    title link (the default). A missing or misplaced tag goes where the file's other tags are."""

    def build() -> str:
        votes: Counter[str] = Counter()
        text = document.text
        for es in view.entries:
            if len(es.marks) != 1 or es.marks[0].kind is not Kind.KNOWN or es.entry.layout is not Layout.LIST:
                continue
            line = title_line(document, es.entry)
            tag = es.marks[0].tag
            if line is None or line.after_title is None or tag.span.start < line.after_title:
                continue
            at_end = _only_markup(text[tag.span.end : line.end])
            right_after = not text[line.after_title : _wrapped(document, line, tag).start].strip(" \t")
            if at_end and not right_after:
                votes["end"] += 1
            elif right_after and not at_end:
                votes["after"] += 1
        return "end" if votes["end"] > votes["after"] else "after"

    return document.memo(f"ll3.placement:{id(view)}", build)  # the view is memoised: its id is stable


def destination(document: Document, view: StatusView, line: TitleLine) -> int | None:
    """Where a missing or misplaced tag is written on this title line."""
    if line.after_title is not None and list_placement(document, view) == "end":
        return line.end
    return line.insert_at


def _only_markup(text: str) -> bool:
    return not text.strip(" \t" + CLOSING_MARKUP)


def _wrapped(document: Document, line: TitleLine, tag: StatusTag) -> Span:
    """The tag with the emphasis that wraps exactly it (``**[`READ`]**``): what moves, and what a space precedes."""
    return emphasis_around(document.text, tag.span.start, tag.span.end, line.start, line.end)


def well_placed(document: Document, line: TitleLine, tag: StatusTag) -> bool:
    """A tag at the end of the title line (closing emphasis aside) or right after a leading title link."""
    text = document.text
    start = _wrapped(document, line, tag).start
    if tag.span.end <= line.end and _only_markup(text[tag.span.end : line.end]):
        return start > line.start or line.after_title is not None and start >= line.after_title
    return line.after_title is not None and start >= line.after_title and \
        not text[line.after_title : start].strip(" \t")


def _space_before(document: Document, line: TitleLine, tag: StatusTag) -> Span:
    """The whitespace run between the tag (with the emphasis wrapping it) and what precedes it on the title line."""
    text = document.text
    start = end = _wrapped(document, line, tag).start
    while start > line.start and text[start - 1] in " \t":
        start -= 1
    return Span(start, end)


def _removal(document: Document, line: TitleLine, tag: StatusTag) -> Edit:
    """Take the tag out of its line, leaving one space where it separated two words and none before punctuation.

    Emphasis that wraps only the tag goes with it: ``**[`READ`]** Title`` must not become ``**** Title``, which
    renders the four asterisks."""
    text = document.text
    wrapped = _wrapped(document, line, tag)
    before = _space_before(document, line, tag)
    end = wrapped.end
    while end < line.end and text[end] in " \t":
        end += 1
    words_before = before.start > line.start
    words_after = end < line.end
    if not words_before or not words_after:  # at an edge of the line: take the tag and the space inside
        return Edit.delete(Span(wrapped.start, end) if not words_before else Span(before.start, wrapped.end))
    joined = "" if text[end] in ",.;:!?)]}" or not (len(before) or end > wrapped.end) else " "
    return Edit(Span(before.start, end), joined)


def _title_alters(entry: Entry, *spans: Span) -> Alters:
    """``Alters.TITLES`` when an edit may change what the parser takes for the entry's title: the edit touches
    the title (a tag the parser read as part of a leading-text title) or the title's position is unknown."""
    title = entry.title_span
    if title is None or any(span.start <= title.end and title.start <= span.end for span in spans):
        return Alters.TITLES
    return Alters.NOTHING


def _insertion(document: Document, at: int, tag: str) -> str:
    """``tag`` with a space before it, and one after when text follows the insertion point."""
    follower = document.text[at : at + 1]
    return " " + tag + ("" if follower in ("", " ", "\t", "\r", "\n") else " ")


def _show(tag: StatusTag) -> str:
    return tag.raw


def _column(document: Document, offset: int) -> int:
    return document.source.position(offset)[1]


def _carry(count: int, where: str) -> str:
    return f"1 entry of {where} carries one" if count == 1 else f"{count} entries of {where} carry one"


def _title(entry: Entry) -> str:
    title = entry.title if len(entry.title) <= 60 else entry.title[:57] + "..."
    return f"'{title}'" if title else f"on line {entry.line + 1}"


# ---- LL301 -----------------------------------------------------------------------------------------------------
class StatusMissingOptions(Record):
    """Options of LL301."""
    # "part": per top-level part of the file, when status is kept in at most half of them; "file": everywhere once
    # the file uses a tag; "section": per section
    scope: str = "part"
    nested: bool = False  # also require a tag on entries nested under another entry


def _under_a_ticked_item(document: Document, entry: Entry) -> bool:
    """Whether the entry sits in a list item below one that has a task box ("- [ ] Has a logo" over "  - see
    [Example](url)"): the box above is the status of both, as nesting under an entry is."""
    if entry.list_item is None:
        return False
    items = document.list_items
    parent = items[entry.list_item].parent_item
    while parent is not None:
        if TASK_BOX.match(document.text, items[parent].content_start):
            return True
        parent = items[parent].parent_item
    return False


# Section titles that state a reading status, besides the configured tags themselves: a list kept as "## Read" and
# "## Want to read" gives each entry its status by where it is filed
STATUS_SECTION_TITLES = frozenset({
    "read", "unread", "to read", "want to read", "currently reading", "not read", "not read yet", "not yet read",
    "read later", "done", "to do", "todo",
})


def _status_title(title: str, tags: Sequence[str]) -> bool:
    """Whether a section's title is a reading status: a configured tag or one of :data:`STATUS_SECTION_TITLES`,
    compared without case, emoji, punctuation or a count ("## ✅ Read (12)", "## To-read")."""
    words = "".join(c if c.isalnum() else " " for c in title.casefold()).split()
    while words and words[-1].isdigit():
        words.pop()
    phrase = " ".join(words)
    if not phrase:
        return False
    return phrase in STATUS_SECTION_TITLES or any(
        phrase == " ".join("".join(c if c.isalnum() else " " for c in tag.casefold()).split()) for tag in tags)


def _filed_by_status(document: Document, tags: Sequence[str]) -> set[tuple[int, int]]:
    """Keys of the entries under a section (at any depth) whose title is a reading status."""
    filed: set[tuple[int, int]] = set()
    stack: list[tuple[Section, bool]] = [(document.root, False)]
    while stack:
        section, under = stack.pop()
        under = under or (section.heading is not None and _status_title(section.title, tags))
        if under:
            filed.update(entry_key(entry) for top in section.entries for entry in top.walk())
        stack.extend((child, under) for child in section.children)
    return filed


def _parts(document: Document) -> dict[int, int]:
    """Section index (in ``document.sections``) -> the top-level part it belongs to.

    The parts are the sections under the file's title (the root, or the one heading that holds everything, such as
    an H1 over the whole list), each with its subsections; the entries written under the title before its first
    section are a part of their own (0)."""
    top = document.root
    while len(top.children) == 1 and not top.entries:
        top = top.children[0]
    index = {id(section): n for n, section in enumerate(document.sections)}
    part_of: dict[int, int] = {}
    for number, child in enumerate(top.children, 1):
        for section in child.walk():
            part_of[index[id(section)]] = number
    return part_of


def _quiet_parts(marked: list[int], asked: list[int]) -> set[int]:
    """The parts (given per entry: those with a status, those that would be asked for one) left alone: a part with
    no status when at most half of the parts with entries keep one. A list that tracks reading in one part ("Papers
    I have read") beside parts of datasets and tools keeps no status there; when most parts keep one, a part without
    any is a part not yet tagged, and is asked."""
    keeping = set(marked)
    holding = keeping | set(asked)
    if not keeping or 2 * len(keeping) > len(holding):
        return set()
    return holding - keeping


class StatusMissing(Rule):
    code = "LL301"
    name = "status-missing"
    category = "status"
    summary = "An entry without a status tag in a file that uses status tags"
    fix = FixAvailability.UNSAFE
    Options = StatusMissingOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        settings = context.config.status
        if settings.required == "never":
            return
        view = status_view(document, settings)
        always = settings.required == "always"
        if not always and not view.uses_status:
            return
        options: StatusMissingOptions = context.options
        if options.scope not in ("part", "file", "section"):
            raise ConfigError(context.config.path or "<config>", f"rules.{self.name}.scope",
                              f"must be part, file or section, got {options.scope!r}")
        filed = _filed_by_status(document, settings.tags)
        nested = {id(child) for es in view.entries for child in es.entry.children}
        nested.update(id(es.entry) for es in view.entries if _under_a_ticked_item(document, es.entry))
        by_section: Counter[int] = Counter()
        per_section = options.scope == "section" and not always
        # which section holds an entry matters only per section: the default scope does without the index
        sections = section_of(document) if per_section else {}
        if per_section:
            for es in view.entries:
                if any(m.kind in (Kind.KNOWN, Kind.BOX) for m in es.marks):
                    by_section[sections[entry_key(es.entry)]] += 1
        # a file that marks status mostly with task boxes gets a box; any other file the default tag
        boxes_only = view.boxed > view.tagged
        default = "[ ]" if boxes_only else view.vocabulary.canonical(settings.default)
        asked: list[Entry] = []
        kept: list[Entry] = []  # entries with a status: a tag, a box, or a status heading they are filed under
        for es in view.entries:
            entry = es.entry
            if any(m.kind in (Kind.KNOWN, Kind.BOX) for m in es.marks) and not _contents_item(entry):
                kept.append(entry)
            if es.marks or (id(entry) in nested and not options.nested):
                continue
            if filed and entry_key(entry) in filed:
                kept.append(entry)
                continue  # "## Read" / "## Want to read": its heading is the status of what is filed under it
            if entry.heading is None and entry.list_item is None:
                continue  # a reference written as a prose line: the parser does not look for tags there
            section = sections[entry_key(entry)] if per_section else 0
            if per_section and not by_section[section]:
                continue
            asked.append(entry)
        quiet: set[int] = set()
        part_of: dict[int, int] = {}
        if options.scope == "part" and not always and asked:
            part_of = _parts(document)
            sections = section_of(document)
            quiet = _quiet_parts([part_of.get(sections[entry_key(e)], 0) for e in kept],
                                 [part_of.get(sections[entry_key(e)], 0) for e in asked])
        for entry in asked:
            if quiet and part_of.get(sections[entry_key(entry)], 0) in quiet:
                continue  # a part of the file that keeps no status, beside one that does
            section = sections[entry_key(entry)] if per_section else 0
            line = title_line(document, entry)
            span = entry.title_span if entry.title_span is not None and len(entry.title_span) else None
            if span is None:
                span = Span(line.start, line.end) if line is not None else document.source.line_span(entry.line)
            if always:
                evidence = 'status.required = "always"'
            elif options.scope == "section":
                evidence = _carry(by_section[section], "this section")
            else:
                evidence = _carry(view.marked, "this file")
            fix = None
            if boxes_only:
                if entry.list_item is not None and line is not None:
                    fix = Fix.unsafe(Edit.insert(line.start, "[ ] "), title="Add an unticked task box",
                                     alters=_title_alters(entry, Span(line.start, line.start)))
            elif line is not None and (at := destination(document, view, line)) is not None \
                    and view.vocabulary.fixable:
                # a plain-text reference's title runs to the end of its line, so the tag joins the title
                alters = Alters.TITLES if entry.layout is Layout.CITATION else _title_alters(entry, Span(at, at))
                fix = Fix.unsafe(Edit.insert(at, _insertion(document, at, default)), title=f"Add {default}",
                                 alters=alters)
            yield self.report(f"entry {_title(entry)} has no status {'box' if boxes_only else 'tag'} ({evidence})",
                              span, fix)


# ---- LL302 -----------------------------------------------------------------------------------------------------
class StatusUnknown(Rule):
    code = "LL302"
    name = "status-unknown"
    category = "status"
    summary = "A status tag outside the configured vocabulary; suggests the nearest known tag"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        view = status_view(document, context.config.status)
        vocabulary = view.vocabulary
        known = ", ".join(vocabulary.settings.tags)
        for es in view.entries:
            for mark in es.marks:
                if mark.kind is not Kind.UNKNOWN:
                    continue
                tag = mark.tag
                fix = None
                if len(mark.suggestions) == 1:
                    hint = f"did you mean {mark.suggestions[0]}?"
                    # only a safe misspelling is replaced: [`RED`] may mean READ, or a paper called RED
                    if vocabulary.fixable and vocabulary.replacement(tag.value) is not None:
                        canonical = vocabulary.canonical(mark.suggestions[0])
                        fix = Fix.unsafe(Edit(tag.span, canonical), title=f"Replace with {canonical}",
                                         alters=_title_alters(es.entry, tag.span))
                elif mark.suggestions:
                    hint = f"equally close to {' and '.join(mark.suggestions)}; known tags: {known}"
                else:
                    hint = f"known tags: {known}"
                yield self.report(f"unknown status tag {_show(tag)} ({hint})", tag.span, fix)


# ---- LL303 -----------------------------------------------------------------------------------------------------
class StatusFormat(Rule):
    code = "LL303"
    name = "status-format"
    category = "status"
    summary = "A status tag not in the canonical spelling, case, backticks, position or spacing"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        settings = context.config.status
        view = status_view(document, settings)
        vocabulary = view.vocabulary
        if not vocabulary.fixable:
            return  # a format the parser cannot find again: nothing to compare tags with
        text = document.text
        for es in view.entries:
            single = len(es.marks) == 1
            line = title_line(document, es.entry) if single else None
            for mark in es.marks:
                if mark.kind is not Kind.KNOWN:
                    continue
                tag = mark.tag
                canonical = vocabulary.canonical(tag.value)
                problems = []
                if tag.raw != canonical:
                    problems.append(f"written {tag.raw}, expected {canonical}")
                misplaced = False
                space: Span | None = None
                if line is not None and tag.span.start >= line.start and tag.span.end <= line.end:
                    if settings.position == "end" and not well_placed(document, line, tag):
                        misplaced = True
                        problems.append("in the middle of the title; expected at its end")
                    else:
                        space = _space_before(document, line, tag)
                        if space.start > line.start and space.of(text) != " ":
                            problems.append("not separated from the title by exactly one space")
                        else:
                            space = None
                if not problems:
                    continue
                fix = None
                if misplaced:
                    assert line is not None
                    # a code span in the middle of a description may be prose about tags: report, do not move
                    prose = tag.raw.startswith("`") and line.after_title is not None and \
                        tag.span.start > line.after_title
                    at = destination(document, view, line)
                    removal = _removal(document, line, tag)
                    exposed = removal.span.start <= line.start and _starts_a_block(
                        text[removal.span.end : line.end], es.entry)
                    # "**[`READ`]**Title" is no emphasis (the "**" is glued to a word): taking the tag out would leave
                    # "****Title"; report, do not move
                    glued = text[removal.span.start - 1 : removal.span.start] in EMPHASIS_MARKS and \
                        text[removal.span.end : removal.span.end + 1] in EMPHASIS_MARKS and not removal.content
                    if at is not None and not prose and not exposed and not glued and \
                            not removal.span.start <= at <= removal.span.end:
                        fix = Fix.safe(
                            removal,
                            Edit.insert(at, _insertion(document, at, canonical)),
                            title=f"Move {canonical} to the end of the title",
                            alters=Alters.TITLES,
                        )
                elif space is not None:
                    opening = text[space.end : tag.span.start]  # emphasis wrapping the tag stays around it
                    fix = Fix.safe(Edit(Span(space.start, tag.span.end), " " + opening + canonical),
                                   title=f"Write {canonical} after one space",
                                   alters=_title_alters(es.entry, Span(space.start, tag.span.end)))
                else:
                    fix = Fix.safe(Edit(tag.span, canonical), title=f"Write {canonical}",
                                   alters=_title_alters(es.entry, tag.span))
                yield self.report(f"status tag {_show(tag)}: {'; '.join(problems)}", tag.span, fix)


# What a line may not start with once a leading tag is taken away: it would open another block (an HTML comment,
# a nested list, a quote, a fence, a rule) and the entry would be lost.
BLOCK_START = lazy(
    r"[ \t]*(?:<[A-Za-z!/?]|>|#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3}|~{3}|"
    r"(?:[-*_][ \t]*){3,}$)"
)


def _starts_a_block(rest: str, entry: Entry) -> bool:
    if entry.heading is not None and entry.heading.style == "atx":
        return False  # after "# " any text stays the heading's
    return BLOCK_START.match(rest) is not None


# ---- LL304 -----------------------------------------------------------------------------------------------------
class StatusConflict(Rule):
    code = "LL304"
    name = "status-conflict"
    category = "status"
    summary = "More than one status on one entry (two tags, or a tag and a task box)"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        view = status_view(document, context.config.status)
        for es in view.entries:
            if len(es.marks) < 2:
                continue
            first = es.marks[0]
            for mark in es.marks[1:]:
                agreement = (
                    "repeating it" if mark.status is not None and mark.status == first.status
                    else "a different status" if mark.status is not None and first.status is not None
                    else "which counts?"
                )
                yield self.report(
                    f"second status mark {_describe(mark)} on entry {_title(es.entry)}, which already has "
                    f"{_describe(first)} at column {_column(document, first.tag.span.start)} ({agreement})",
                    mark.tag.span,
                )


def _describe(mark: Mark) -> str:
    if mark.kind is Kind.BOX:
        return f"task box {mark.tag.raw} ({mark.status})"
    return mark.tag.raw


# ---- LL305 -----------------------------------------------------------------------------------------------------
class CheckboxStyleOptions(Record):
    """Options of LL305."""
    done: str = "auto"  # the ticked box: "auto" (the file's dominant case, "x" on a tie), "x" or "X"


class CheckboxStyle(Rule):
    code = "LL305"
    name = "checkbox-style"
    category = "status"
    summary = "Task boxes written [ ] and [x] (one case per file) with one space after"
    fix = FixAvailability.SAFE
    Options = CheckboxStyleOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        view = status_view(document, context.config.status)
        if not view.uses_boxes:
            return
        option = context.options.done
        if option not in ("auto", "x", "X"):
            raise ConfigError(context.config.path or "<config>", f"rules.{self.name}.done",
                              f"must be auto, x or X, got {option!r}")
        boxes = [(es.entry, m.tag) for es in view.entries for m in es.marks if m.kind is Kind.BOX]
        done = _done_marker([tag for _, tag in boxes], option)
        text = document.text
        for entry, tag in boxes:
            ticked = tag.value == "X"
            canonical = f"[{done}]" if ticked else "[ ]"
            problems = []
            if tag.raw not in PROPER_BOXES:
                problems.append(f"written {tag.raw}, expected {canonical}")
            elif tag.raw != canonical:
                problems.append(f"ticked with {tag.raw[1]!r}; this file uses {canonical}")
            line_end = document.source.line_end(document.source.line_index(tag.span.start))
            end = tag.span.end
            while end < line_end and text[end] in " \t":
                end += 1
            gap = text[tag.span.end : end]
            followed = end < line_end
            if followed and gap != " ":
                problems.append("no space after the box" if not gap else f"{_gap(gap)} after the box; expected one")
            if not problems:
                continue
            replacement = canonical + (" " if followed else gap)
            # the parser reads a near miss ("[ x ]") as part of the title: declare that the title changes
            alters = _title_alters(entry, Span(tag.span.start, end)) if tag.raw in PROPER_BOXES else Alters.TITLES
            yield self.report(f"task box {tag.raw}: {'; '.join(problems)}", tag.span,
                              Fix.safe(Edit(Span(tag.span.start, end), replacement), title=f"Write {canonical}",
                                       alters=alters))


def _gap(gap: str) -> str:
    if "\t" in gap:
        return "a tab" if gap == "\t" else "tabs and spaces"
    return f"{len(gap)} spaces"


def _done_marker(boxes: Sequence[StatusTag], option: str) -> str:
    if option in ("x", "X"):
        return option
    counts = Counter(t.raw[1] for t in boxes if t.raw in ("[x]", "[X]"))
    return "X" if counts["X"] > counts["x"] else "x"


RULES = (StatusMissing, StatusUnknown, StatusFormat, StatusConflict, CheckboxStyle)
