"""Heading structure: LL101 heading-increment, LL102 single-title, LL103 heading-style, LL104 duplicate-section,
LL105 empty-section, LL106 toc-sync, LL107 entry-heading-level.

Entry headings of the heading layout (``#### Title [`READ`]`` under ``## Papers``) are leaves of the list, not
sections: the outline rules (LL101, LL102, LL104) skip them, LL107 checks them among themselves.
"""


import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import unquote

from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability, Severity
from listlint.model import Document, Heading, Link, LinkKind, ListItem, Section
from listlint.parser.blocks import html_words
from listlint.parser.status import patterns, tag_key
from listlint.records import Record
from listlint.regex import lazy
from listlint.rules.base import Context, Rule
from listlint.rules.ll4_urls import github_anchor_id, heading_slugs, html_anchors
from listlint.source import Span

# The closing sections most lists leave out of their table of contents (awesome-lint does not expect "License"
# there either), in English and in other languages: expected only when the table links them.
META_SECTION = lazy(
    r"licen[cs]e|contribut(?:e|ing|ors?|ions?|ing guidelines)|how to contribute|footnotes?|acknowledge?ments?|"
    r"code of conduct|star history|stargazers(?: over time)?|sponsors?|sponsorship|backers|supporters?|"
    r"support(?: us| the project| this project)?|donat(?:e|ions?)|funding|(?:special )?thanks|thank you|"
    r"maintainers?|authors?|contact(?: us)?|citation|cite|how to cite|credits|"
    # the same closing sections in the other languages lists are written in: Portuguese, Spanish, French, Italian,
    # German, Dutch, Turkish, Vietnamese, Russian, Korean, Japanese, Chinese
    r"contribuindo|contribuições|contribuição|como contribuir|contribuir|contribuciones|cómo contribuir|"
    r"contribuer|comment contribuer|contribuire|come contribuire|mitwirken|mitmachen|beitragen|bijdragen|"
    r"katkıda bulun(?:ma|mak|un)?|katkı(?: sağlama)?|đóng góp|участие|как помочь|"
    r"licença|licencia|licenza|lizenz|licentie|lisans|giấy phép|лицензия|"
    r"agradecimentos|agradecimientos|remerciements|ringraziamenti|danksagung(?:en)?|teşekkürler|lời cảm ơn|"
    r"благодарности|autores|auteurs|autori|autoren|tác giả|"
    r"기여(?:하기| 방법)?|라이선스|라이센스|감사의 말|貢献|コントリビュート|ライセンス|謝辞|"
    r"贡献(?:指南)?|如何贡献|參與貢獻|贡献者|许可证?|許可證?|开源协议|致谢|鸣谢",
    re.IGNORECASE,
)


def _words(text: str) -> str:
    """The words of a heading (emoji, punctuation and markup dropped), for matching its name."""
    return " ".join(re.sub(r"[^\w\s]+", " ", text).split())


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


def container_lines(document: Document) -> frozenset[int]:
    """0-based lines inside a top-level list or blockquote: blocks there are nested, their indent is structure."""

    def build() -> frozenset[int]:
        lines: set[int] = set()
        for block in document.blocks:
            if block.depth == 0 and block.kind in ("list", "blockquote"):
                lines.update(range(block.line, block.end_line))
        return frozenset(lines)

    return document.memo("ll1.container_lines", build)


def entry_like_lines(document: Document, tags: Sequence[str]) -> frozenset[int]:
    """Lines of section headings that are really entries written at the wrong level.

    The parser takes only leaf headings as entries, so in ``#### A [`READ`]`` / ``##### B [`READ`]`` the first is
    a section holding the second. A section heading is an entry when it carries a status tag (or its own body a
    BibTeX fence), it has no subsections, and everything it holds is heading entries."""

    def build() -> frozenset[int]:
        vocabulary = {tag_key(t) for t in tags}
        forms = patterns(tuple(tags))
        fences = [document.source.line_index(b.span.start) for b in document.bibtex_blocks]  # opening lines
        out: set[int] = set()
        for section in document.sections:
            heading = section.heading
            if heading is None or section.children or not section.entries:
                continue
            if any(e.heading is None for e in section.entries):
                continue
            tagged = any(tag_key(m.group(2)) in vocabulary for m in forms.tag.finditer(heading.text))
            first_entry = section.entries[0].line
            if tagged or any(heading.line < f < first_entry for f in fences):
                out.add(heading.line)
        return frozenset(out)

    return document.memo("ll1.entry_like", build)


def is_entry_heading(document: Document, heading: Heading, tags: Sequence[str]) -> bool:
    return heading.is_entry or heading.line in entry_like_lines(document, tags)


def section_headings(document: Document, tags: Sequence[str] = ()) -> list[Heading]:
    """Headings that open sections (entry headings of the heading layout excluded)."""
    return [h for h in document.headings if not h.nested and not is_entry_heading(document, h, tags)]


def is_banner(heading: Heading) -> bool:
    """Whether the heading shows only an image: ``# [<img src="cover.png">](…)`` and ``# ![logo](…)`` render no
    letter or digit (GitHub ignores an image's alt text); such a heading is a banner, it names no title or part. A
    heading that shows nothing at all (``#### &nbsp;``, a spacer) is no banner."""
    if any(ch.isalnum() for ch in heading.rendered):
        return False
    written = heading.text
    return "![" in written or "<img" in written.lower()


def norm_title(text: str) -> str:
    return " ".join(text.casefold().split())


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(heading: Heading) -> str:
    """A heading as messages name it: its rendered words ('Software Engineering' for ``**Software
    Engineering**``, without an ``<a name="x"></a>`` anchor), shortened."""
    return short(heading.rendered if heading.rendered.strip() else heading.text)


def _line_no(document: Document, offset: int) -> int:
    return document.source.line_index(offset) + 1


# ---- LL101 -------------------------------------------------------------------------------------------------------

def _among_entry_headings(document: Document) -> set[int]:
    """Ids of section headings written at the level of the entry headings beside them: a series heading over the
    list of its books, among novels that are entry headings, is one of that run, not a skipped level."""
    found: set[int] = set()
    for section in document.root.walk():
        levels = {entry.heading.level for entry in section.entries if entry.heading is not None}
        if levels:
            found.update(id(child.heading) for child in section.children
                         if child.heading is not None and child.heading.level in levels)
    return found


class HeadingIncrement(Rule):
    code = "LL101"
    name = "heading-increment"
    category = "headings"
    summary = "Section headings rise one level at a time; entry headings of the heading layout are exempt"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        previous: int | None = None
        among_entries = _among_entry_headings(document)
        # entry headings (a `#### Title` entry under `## Papers`) are leaves, not skipped levels
        for heading in section_headings(document, context.config.status.tags):
            if previous is not None and heading.level > previous + 1 and id(heading) not in among_entries:
                expected = previous + 1
                marker = atx_marker_span(document, heading)
                fix = None
                edits = self._raise_run(document, heading, expected)
                if edits:
                    # re-levelling a heading can change which headings are entry headings (leaves, runs)
                    fix = Fix.unsafe(*edits, title=f"Make it a level-{expected} heading, and what follows it alike",
                                     alters=Alters.ENTRIES)
                span = marker or heading.text_span
                yield self.report(
                    f"heading level {heading.level} follows level {previous}; expected level {expected} "
                    f"('{heading.text.strip()[:60]}')",
                    span,
                    fix,
                )
            previous = heading.level

    @staticmethod
    def _raise_run(document: Document, heading: Heading, expected: int) -> list[Edit]:
        """Edits raising ``heading`` to ``expected`` and the run that belongs with it, each by the same amount: the
        headings after it at its own wrong level (its siblings: raising the first alone made them its children)
        and those deeper under them. The run ends at the first heading at ``expected`` or above: that one is
        rightly placed under the parent ('## Attacks' after '#### Why?' under '#'), and neither it nor what
        follows it is moved. A heading between the two ('#### A' then '### B' under '#') skips levels under the
        same parent: it is raised to ``expected`` too, rather than becoming a child of the raised heading, and
        the headings under it by as many levels as it. None when one of them is not ATX."""
        order = document.memo("ll101.order", lambda: {id(h): n for n, h in enumerate(document.headings)})
        top, delta = heading.level, heading.level - expected  # the shallowest level of the run so far, its shift
        edits = []
        for other in document.headings[order[id(heading)]:]:
            if other.level <= expected:
                break
            if other.level < top:
                top, delta = other.level, other.level - expected
            level = other.level - delta
            if level == other.level:
                continue
            marker = atx_marker_span(document, other)
            if marker is None:
                return []
            edits.append(Edit(marker, "#" * level))
        return edits


# ---- LL102 -------------------------------------------------------------------------------------------------------


class SingleTitle(Rule):
    code = "LL102"
    name = "single-title"
    category = "headings"
    summary = "One level-1 heading (the title), and it is the first heading"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        # a banner (a heading that renders only an image) is neither a title nor a part
        headings = [h for h in section_headings(document, context.config.status.tags) if not is_banner(h)]
        titles = [h for h in headings if h.level == 1]
        if not titles:
            return  # a file without a title (a fragment, or a title in HTML) is not this rule's business
        first, title = headings[0], titles[0]
        html_title = _html_title(document, first.line)
        if html_title is not None:
            # an HTML <h1> above every Markdown heading is the page's first title: each `#` heading is another
            words, line = html_title
            first_title, extras = f"an HTML <h1>, '{short(words)}', comes first on line {line + 1}", titles
        else:
            if first is not title:
                yield self.report(
                    f"the title '{shown(title)}' is not the first heading: the level-{first.level} heading "
                    f"'{shown(first)}' on line {first.line + 1} comes before it",
                    _marker_or_text(document, title),
                )
            # neutral about which one is the title: lists that use level-1 headings as parts have none
            first_title, extras = f"the first is '{shown(title)}' on line {title.line + 1}", titles[1:]
        for extra in extras:
            yield self.report(
                f"another level-1 heading '{shown(extra)}' ({first_title}): a file has one title, and its parts are "
                "level-2 headings",
                _marker_or_text(document, extra),
            )


HTML_H1 = lazy(r"<h1(?:\s[^>]*)?>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)


def _html_title(document: Document, before_line: int) -> tuple[str, int] | None:
    """(words, 0-based line) of the first HTML ``<h1>`` in a top-level HTML block above ``before_line`` (a centred
    logo and title, ``<div align="center"><h1>Awesome X</h1></div>``, is how many lists open), or None."""
    text = document.text
    for block in document.blocks:
        if block.line >= before_line:
            break
        if block.kind != "html" or block.depth:
            continue
        match = HTML_H1.search(text, block.span.start, block.span.end)
        if match is not None:
            words = html_words(match.group(1))
            if words:
                return words, document.source.line_index(match.start())
    return None


def _marker_or_text(document: Document, heading: Heading) -> Span:
    return atx_marker_span(document, heading) or heading.text_span


# ---- LL103 -------------------------------------------------------------------------------------------------------

CLOSING = lazy(r"(?:^|[ \t])#+[ \t]*$")
ATX_LINE = lazy(r"^( {0,3})(#{1,6})([ \t]*)(.*?)$")
NO_SPACE_ATX = lazy(r"^ {0,3}(#{1,6})(?=[^\s#])")


class HeadingStyle(Rule):
    code = "LL103"
    needs_entries = False
    name = "heading-style"
    category = "headings"
    summary = "Headings are ATX (`## Title`) with one space after the `#`s, no closing `#`s and no indent"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        source = document.source
        nested = container_lines(document)
        for heading in document.headings:
            if heading.line in nested:
                continue  # inside a list item or quote, indentation is structure
            canonical = _canonical_atx(heading)
            span = heading.span if heading.style == "setext" else source.line_span(heading.line)
            if heading.style == "setext":
                fix = None
                if canonical is not None:
                    fix = Fix.safe(Edit(span, canonical), title="Rewrite as an ATX heading")
                yield self.report(
                    f"setext heading ('{short(heading.text)}' underlined with "
                    f"'{'=' if heading.level == 1 else '-'}'); use '{'#' * heading.level} Title'",
                    heading.span if fix else heading.text_span,
                    fix,
                )
                continue
            line = source.line(heading.line)
            match = ATX_LINE.match(line)
            if match is None:
                continue
            indent, hashes, gap, rest = match.groups()
            problems = []
            if indent:
                problems.append(f"an indent of {len(indent)} space{'s' if len(indent) > 1 else ''}")
            if rest and gap != " ":
                problems.append("a tab after the '#'s" if "\t" in gap else f"{len(gap)} spaces after the '#'s")
            body = rest.rstrip(" \t")
            if body != heading.text and body.endswith("#"):
                problems.append("closing '#'s")
            if not problems:
                continue
            fix = None
            if canonical is not None:
                base = source.line_start(heading.line)
                end = base + len(indent) + len(hashes) + len(gap) + len(body)  # trailing blanks are LL110's
                new = canonical
                if Span(base, end).of(source.text) != new:
                    fix = Fix.safe(Edit(Span(base, end), new), title="Normalise the heading markers")
            yield self.report(
                f"heading '{short(heading.text)}' has {' and '.join(problems)}; write '{hashes} Title'",
                atx_marker_span(document, heading) or heading.text_span,
                fix,
            )
        yield from self._missing_space(document, nested)

    def _missing_space(self, document: Document, nested: frozenset[int]) -> Iterator[Diagnostic]:
        """``#Title`` at the start of a paragraph: a reader sees a heading, Markdown sees text."""
        source = document.source
        for block in document.blocks:
            if block.kind != "paragraph" or block.depth != 0 or block.line in nested or block.end_line - block.line != 1:
                continue
            line = source.line(block.line)
            match = NO_SPACE_ATX.match(line)
            if match is None or not line[match.end(1)].isalpha():
                continue
            rest = line[match.end(1) :]
            if rest.isdigit() or re.search(r"\s#\w", rest):
                continue  # "#1" is an issue number, "#ml #ai" are hashtags: not headings
            base = source.line_start(block.line)
            hashes = Span(base + match.start(1), base + match.end(1))
            yield self.report(
                f"'{short(line.strip(), 40)}' is not a heading: Markdown needs a space after the '#'s",
                hashes,
                # a new heading ends a section and may join or split a run of entry headings: entries may change
                Fix.unsafe(Edit.insert(hashes.end, " "), title="Insert a space to make it a heading",
                           alters=Alters.ENTRIES),
            )


def _canonical_atx(heading: Heading) -> str | None:
    """``## Text`` for the heading, or None when that would not render the same heading."""
    text = heading.text
    if "\n" in text or "\r" in text or CLOSING.search(text):
        return None
    return "#" * heading.level + (" " + text if text else "")


# ---- LL104 -------------------------------------------------------------------------------------------------------


HTML_HEADING = lazy(r"\s*<h([1-6])\b", re.IGNORECASE)


class DuplicateSection(Rule):
    code = "LL104"
    name = "duplicate-section"
    category = "headings"
    summary = "Two sibling sections with the same heading text"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        html_headings = [(b.span.start, int(m.group(1))) for b in document.blocks
                         if b.kind == "html" and (m := HTML_HEADING.match(b.span.of(document.text)))]
        for parent in document.sections:
            seen: dict[str, Section] = {}
            for child in parent.children:
                if child.heading is None:
                    continue
                key = f"{child.level}:{norm_title(child.title)}"
                if not child.title.strip():
                    continue
                first = seen.get(key)
                if first is not None and first.heading is not None and any(
                    first.heading.span.start < at < child.heading.span.start and level < child.level
                    for at, level in html_headings
                ):
                    first = None  # an HTML heading (<h2>Technique</h2>) above this one starts a new parent
                if first is None:
                    seen[key] = child
                    continue
                assert first.heading is not None
                where = f"under '{short(parent.title)}'" if parent.heading else "at the top level"
                yield self.report(
                    f"section '{short(child.title)}' repeats the sibling section on line {first.heading.line + 1} "
                    f"({where}); merge them or rename one",
                    child.heading.text_span if len(child.heading.text_span) else child.heading.span,
                )


# ---- LL105 -------------------------------------------------------------------------------------------------------

COMMENT_ONLY = lazy(r"^\s*(?:<!--.*?-->\s*)+$", re.DOTALL)
# a heading whose words are one link into this page, "#### [3 Open-Source Projects](#3)": a line of a contents
# written as headings, empty on purpose
CONTENTS_HEADING = lazy(r"[ \t]*([*_]{0,2})\[[^\[\]\n]+\]\(#[^()\s]*\)\1[ \t]*")


class EmptySection(Rule):
    code = "LL105"
    name = "empty-section"
    category = "headings"
    summary = "A section with no entries, no text and no subsections"
    severity = Severity.WARNING

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        blocks = document.blocks
        starts = [b.line for b in blocks]
        source = document.source
        text = document.text
        banners = {id(h) for h in document.headings if is_banner(h)}
        following: dict[int, Heading] = {}
        if banners:
            opened = section_headings(document, context.config.status.tags)
            following = {id(h): nxt for h, nxt in zip(opened, opened[1:])}
        for section in document.sections:
            heading = section.heading
            if heading is None or section.children or section.entries or CONTENTS_HEADING.fullmatch(heading.text):
                continue
            if banners and (id(heading) in banners or id(following.get(id(heading))) in banners):
                continue  # a banner's own section, or the title a banner follows (its cover image): decoration
            first = source.line_index(heading.span.end) + 1
            last = source.line_index(section.span.end) + 1 if len(section.span) else first
            content = False
            for block in blocks[bisect_left(starts, first) :]:
                if block.line >= last:
                    break
                if block.kind == "hr" or (block.kind == "html" and COMMENT_ONLY.match(block.span.of(text))):
                    continue
                content = True
                break
            if not content:
                yield self.report(
                    f"section '{short(section.title or heading.text.strip())}' is empty: no entries, no text and no "
                    "subsections",
                    heading.text_span if len(heading.text_span) else heading.span,
                )


# ---- LL106 -------------------------------------------------------------------------------------------------------

TOC_START = lazy(r"^\s*<!--\s*toc\s*-->\s*$", re.IGNORECASE)
TOC_STOP = lazy(r"^\s*<!--\s*(?:tocstop|/toc)\s*-->\s*$", re.IGNORECASE)


class TocLink(Record):
    """One link of a table of contents and the heading slug it points to."""
    link: Link
    item: ListItem
    target: str  # the fragment, decoded and lowercased


class Toc(Record):
    """A table of contents: its links and the lines it covers."""
    links: tuple[TocLink, ...]
    first_line: int  # 0-based, first line of the ToC list
    end_line: int  # 0-based, exclusive: headings from here on are what it lists
    markers: tuple[int, int] | None = None  # 0-based lines of <!-- toc --> and <!-- tocstop -->
    section: Section | None = None


def slugs(document: Document) -> list[tuple[str, Heading]]:
    """GitHub's anchor of every heading (LL405's :func:`heading_slugs`), with the heading, in document order."""
    return document.memo("ll1.slugs", lambda: list(zip(heading_slugs(document), document.headings)))


def _with_first_links(document: Document, items: Iterable[ListItem]) -> list[tuple[ListItem, Link]]:
    """The items that have a link on their marker line, each with the first such link.

    Asked for the items of the sections :func:`find_toc` reads, which end with the table of contents: on a long list
    that is a small part of its items."""
    links = document.links
    starts = document.memo("ll1.link_starts", lambda: [link.full_span.start for link in links])  # sorted
    source = document.source
    out = []
    taken: set[int] = set()
    for item in items:
        at = bisect_left(starts, item.content_start)
        # "* - [ ] [Title](#a)": the outer item's first link is its nested item's; it is listed once
        if at < len(links) and links[at].full_span.start < source.line_end(item.line) and at not in taken:
            taken.add(at)
            out.append((item, links[at]))
    return out


def find_toc(document: Document) -> Toc | None:
    """The table of contents: a ``<!-- toc -->`` region, or a list of fragment links in a section of its own."""
    return document.memo("ll1.toc", lambda: _find_toc(document))


def _is_fragment(link: Link) -> bool:
    return link.kind in (LinkKind.INLINE, LinkKind.REFERENCE) and bool(link.fragment)


def _toc_links(with_links: Sequence[tuple[ListItem, Link]]) -> tuple[TocLink, ...]:
    out = []
    for item, link in with_links:
        if _is_fragment(link):
            # "#user-content-x" is the id GitHub gives the anchor "#x" (see github_anchor_id)
            out.append(TocLink(link, item, github_anchor_id(unquote(link.fragment or "")).lower()))
    return tuple(out)


def _find_toc(document: Document) -> Toc | None:
    source = document.source
    text = document.text
    items = document.list_items
    start_marker: int | None = None
    for block in document.blocks:
        if block.kind != "html" or block.depth != 0:
            continue
        body = block.span.of(text)
        if start_marker is None and TOC_START.match(body):
            start_marker = block.line
        elif start_marker is not None and TOC_STOP.match(body):
            inside = [i for i in items if start_marker < i.line < block.line]
            return Toc(_toc_links(_with_first_links(document, inside)), block.line if not inside else inside[0].line,
                       block.line, (start_marker, block.line))
    item_lines = [i.line for i in items]
    # where the fragment links start: a section without one among its own lines is no table (most sections)
    fragments = [link.full_span.start for link in document.links if "#" in link.url and _is_fragment(link)]

    def part(section: Section) -> tuple[tuple[TocLink, ...], list[ListItem], bool]:
        """The ToC links of the section's own list items (before its first subsection), those items, and whether
        they make a table of contents: a section called so, or one of almost nothing but ``#anchor`` links."""
        begin = source.line_index(section.heading.span.end) + 1 if section.heading else 0
        end = section.children[0].heading.line if section.children and section.children[0].heading \
            else source.line_index(section.span.end) + 1
        at = bisect_left(fragments, source.line_start(begin) if begin < source.line_count else len(text))
        if at == len(fragments) or (end < source.line_count and fragments[at] >= source.line_start(end)):
            return (), [], False
        own = list(items[bisect_left(item_lines, begin) : bisect_left(item_lines, end)])
        with_links = _with_first_links(document, own)
        toc = _toc_links(with_links)
        return toc, own, bool(toc) and (section.is_toc or (len(toc) >= 3 and len(toc) * 5 >= len(with_links) * 4))

    sections = document.sections
    found: list[Toc] = []
    n = 0
    while n < len(sections):
        section = sections[n]
        links, own, is_toc = part(section)
        if not is_toc:
            n += 1
            continue
        # A table split over consecutive sibling sections (## 2025, ## 2024, ... each a list of anchor links) is
        # one table: the links of every part, covering what follows the last part.
        last = n
        for after in sections[n + 1 :]:
            if section.children or after.level != section.level:
                break
            more, more_own, more_is_toc = part(after)
            if not more_is_toc:
                break
            links, own, section = links + more, own + more_own, after
            last += 1
        toc = Toc(links, links[0].item.line, max(i.end_line for i in own), None, sections[n])
        if sections[n].is_toc:
            return toc  # a section called the table of contents is the table
        found.append(toc)
        n = last + 1
    # else the list of the most links to sections: a section's few links to later sections ("Other topics: …")
    # come before the table of the whole file in some lists. Links to entry headings (an index of the projects
    # written as headings) make no table of sections.
    if len(found) < 2:
        return found[0] if found else None
    sections_by_slug = {slug: h for slug, h in slugs(document) if not h.is_entry}
    return max(found, key=lambda toc: sum(1 for t in toc.links if t.target in sections_by_slug))


def _anchored_headings(document: Document) -> dict[str, Heading]:
    """HTML anchors that name a heading (lowercased, as ToC targets are compared): one inside the heading, or on the
    line just above it (``<a name="3DGS"></a>`` then ``## 3DGS``), with at most a blank line between."""
    source = document.source
    headings = document.headings
    starts = [h.span.start for h in headings]
    out: dict[str, Heading] = {}
    for offset, name in html_anchors(document):
        k = bisect_left(starts, offset)
        if k > 0 and headings[k - 1].span.start <= offset < headings[k - 1].span.end:
            out.setdefault(name.lower(), headings[k - 1])
        elif k < len(headings) and headings[k].line - source.line_index(offset) <= 2 \
                and not source.text[source.line_end(source.line_index(offset)) : headings[k].span.start].strip():
            out.setdefault(name.lower(), headings[k])
    return out


class TocOptions(Record):
    """Options of LL106."""
    min_level: int = 0  # 0: the shallowest level the ToC links to
    max_level: int = 0  # 0: the deepest level the ToC links to


class TocSync(Rule):
    code = "LL106"
    name = "toc-sync"
    category = "headings"
    summary = "The table of contents lists every section it covers, once and in order (GitHub slugs)"
    fix = FixAvailability.SAFE
    Options = TocOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        toc = find_toc(document)
        if toc is None:
            return
        anchors = slugs(document)
        by_slug = {slug: heading for slug, heading in anchors}
        for name, heading in _anchored_headings(document).items():  # <a name="x"></a> set just above a heading
            by_slug.setdefault(name, heading)
        position = {id(h): n for n, (_, h) in enumerate(anchors)}
        resolved = [(t, by_slug.get(t.target)) for t in toc.links]
        levels = [h.level for _, h in resolved if h is not None and not h.is_entry]
        options = context.options
        lo = options.min_level or (min(levels) if levels else 2)
        parents = _parents_above(anchors, lo)
        covered = {parents.get(id(h)) for _, h in resolved if h is not None and h.level == lo and not h.is_entry}
        linked = {id(h) for _, h in resolved if h is not None}
        region = [(slug, h) for slug, h in anchors
                  if not h.is_entry and not h.nested and h.line >= toc.end_line and h.level >= lo
                  and (not covered or parents[id(h)] in covered)]
        # a subsection name that three sections or more repeat ("Further reading", "Examples", "Disadvantage(s):
        # caching") and the table never links is a recurring part of the sections, which the table leaves out: not
        # expected, and no measure of how deep the table goes. A table that links some of them ("Others" under
        # each topic) lists them all.
        names = Counter(_recurring_name(h.text) for _, h in region if h.level > lo)
        listed_names = {_recurring_name(h.text) for _, h in region if id(h) in linked}
        region = [(slug, h) for slug, h in region
                  if h.level == lo or names[(name := _recurring_name(h.text))] < 3 or name in listed_names]
        hi = options.max_level or _deepest_covered(region, linked, lo)
        # A link to a level the table does not cover (a featured '### Web' among '##' sections) is kept and
        # expects nothing: neither the other headings of its level nor a place in the table's order. A learned
        # deeper level is expected where the table goes that deep: under a section of which it lists a subsection
        # (a table may list the subsections of some sections only); a configured max-level means everywhere.
        parent_of = _parent_headings(anchors)
        opened = {parent_of.get(id(h)) for _, h in resolved if h is not None and h.level > lo}
        expected = [(slug, h) for slug, h in region
                    if (h.level <= hi or id(h) in linked)
                    and (h.level == lo or id(h) in linked or options.max_level or parent_of.get(id(h)) in opened)
                    and (id(h) in linked or not META_SECTION.fullmatch(_words(h.text)))]
        fix = self._regenerate(document, toc, expected, lo) if toc.markers else None
        out: list[Diagnostic] = []
        listed: dict[int, TocLink] = {}
        order: list[tuple[int, TocLink, Heading]] = []
        for entry, heading in resolved:
            span = entry.link.span or entry.link.full_span
            if heading is None:
                continue  # a link that points nowhere is LL405's, for the table's links as for every other link
            if id(heading) in listed:
                first = listed[id(heading)]
                out.append(self.report(
                    f"the table of contents lists '{shown(heading)}' twice (first on line "
                    f"{first.item.line + 1})", span, fix))
                continue
            listed[id(heading)] = entry
            if lo <= heading.level <= hi:
                order.append((position[id(heading)], entry, heading))
        misplaced = _out_of_order([p for p, _, _ in order])
        if misplaced and _sorted_by_name([(e.item, e.link.text) for _, e, _ in order]) < len(misplaced):
            misplaced = []  # the table is in alphabetical order, deliberately not the page's
        for n in misplaced:
            _, entry, heading = order[n]
            out.append(self.report(
                f"the table of contents lists '{shown(heading)}' out of order: the section is on line "
                f"{heading.line + 1}", entry.link.span or entry.link.full_span, fix))
        toc_line = toc.links[0].item.line + 1 if toc.links else toc.first_line + 1
        missing = _unless_meant(dict((slug, h) for slug, h in expected if id(h) not in listed),
                                [entry for entry, heading in resolved if heading is None])
        for heading in missing:
            out.append(self.report(
                f"section '{shown(heading)}' is missing from the table of contents on line {toc_line}",
                heading.text_span if len(heading.text_span) else heading.span, fix))
        out.sort(key=lambda d: d.span.start)
        yield from out

    def _regenerate(self, document: Document, toc: Toc, expected: list[tuple[str, Heading]], lo: int) -> Fix | None:
        assert toc.markers is not None
        source = document.source
        nl = source.newline
        items = [t.item for t in toc.links]
        marker = items[0].marker if items and not items[0].ordered else "-"
        unit = 2
        for t in toc.links:
            if t.item.parent_item is not None:
                parent = document.list_items[t.item.parent_item]
                if t.item.indent > parent.indent:
                    unit = t.item.indent - parent.indent
                    break
        wording = {t.target: t.link.text for t in toc.links}
        lines = []
        for slug, heading in expected:
            label = wording.get(slug) or _escape(heading.rendered.strip())
            lines.append(" " * (unit * (heading.level - lo)) + f"{marker} [{label}](#{slug})")
        start, stop = toc.markers
        span = Span(source.line_end(start), source.line_start(stop))
        body = nl + nl + nl.join(lines) + nl + nl if lines else nl
        if span.of(document.text) == body:
            return None
        return Fix.safe(Edit(span, body), title="Regenerate the table of contents between its markers")


def _recurring_name(text: str) -> str:
    """What a subsection is called, compared across sections: its words, or those before a colon ("Disadvantage(s):
    load balancer", "欠点: CDN" name the same part of two topics)."""
    head = re.split(r"[:：]", text, maxsplit=1)[0]
    return _words(head if head.strip() else text).casefold()


def _parents_above(anchors: list[tuple[str, Heading]], level: int) -> dict[int, int | None]:
    """id(heading) -> line of its nearest section heading shallower than ``level`` (None: the top of the file).

    A ToC that lists the subsections of 'Projects' is expected to list all of them, not those of 'Resources'."""
    out: dict[int, int | None] = {}
    current: int | None = None
    for _, heading in anchors:
        if heading.is_entry:
            continue
        if heading.level < level:
            current = heading.line
        out[id(heading)] = current
    return out


def _unless_meant(missing: dict[str, Heading], broken: list[TocLink]) -> list[Heading]:
    """The missing headings, less those a broken link of the table was meant for (its fragment is close to their
    slug, or is their slug's first words): LL405 reports that link; one defect, one finding. Compared with the
    missing slugs only, so closer than LL405's own suggestion, which looks among every heading of similar length."""
    if broken and missing:
        import difflib  # a broken link is rare; difflib is not worth importing at start-up

        for entry in broken:
            # its first whole words ('#dataset' for 'dataset--language-modeling'), when they name one heading
            target = entry.target.rstrip("-") + "-"
            meant = [slug for slug in missing if slug.startswith(target)] if len(target) > 3 else []
            if len(meant) != 1:
                meant = difflib.get_close_matches(entry.target, list(missing), n=1, cutoff=0.6)
            if meant:
                del missing[meant[0]]
    return list(missing.values())


def _parent_headings(anchors: list[tuple[str, Heading]]) -> dict[int, int]:
    """id of each heading -> id of the nearest heading above it at a shallower level (entry headings skipped)."""
    out: dict[int, int] = {}
    stack: list[Heading] = []
    for _, heading in anchors:
        if heading.is_entry:
            continue
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        if stack:
            out[id(heading)] = id(stack[-1])
        stack.append(heading)
    return out


def _deepest_covered(region: list[tuple[str, Heading]], linked: set[int], lo: int) -> int:
    """The deepest heading level the table covers: ``lo``, and each deeper level of which it links at least half
    the headings (one or two links to '###' headings do not make it a table of '###' headings)."""
    total: Counter[int] = Counter(h.level for _, h in region)
    hits: Counter[int] = Counter(h.level for _, h in region if id(h) in linked)
    hi = lo
    while total[hi + 1] and hits[hi + 1] * 2 >= total[hi + 1]:
        hi += 1
    return hi


def _sorted_by_name(entries: list[tuple[ListItem, str]]) -> int:
    """How many entries must move to put each run of sibling entries of the table in alphabetical order;
    ``len(entries)`` when the table is too short to tell (under four entries) or not mostly sorted (more than a
    quarter would have to move)."""
    groups: dict[int | None, list[str]] = {}
    for item, label in entries:
        groups.setdefault(item.parent_item, []).append(_words(label).casefold())
    moves = 0
    for names in groups.values():
        ranks = {name: n for n, name in enumerate(sorted(set(names)))}
        moves += len(_out_of_order([ranks[name] for name in names]))
    return moves if len(entries) >= 4 and moves * 4 <= len(entries) else len(entries)


def _escape(label: str) -> str:
    return label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _out_of_order(positions: list[int]) -> list[int]:
    """Indices not on a longest increasing subsequence: the fewest entries that must move."""
    tails: list[int] = []  # index into positions of the smallest tail of each length
    prev = [-1] * len(positions)
    for i, p in enumerate(positions):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if positions[tails[mid]] < p:
                lo = mid + 1
            else:
                hi = mid
        if lo > 0:
            prev[i] = tails[lo - 1]
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    keep = set()
    at = tails[-1] if tails else -1
    while at != -1:
        keep.add(at)
        at = prev[at]
    return [i for i in range(len(positions)) if i not in keep]


# ---- LL107 -------------------------------------------------------------------------------------------------------


class EntryHeadingLevel(Rule):
    code = "LL107"
    name = "entry-heading-level"
    category = "headings"
    summary = "In the heading layout, all entry headings of a section share one level"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        like = entry_like_lines(document, context.config.status.tags)
        for section in document.sections:
            heads = [e.heading for e in section.entries if e.heading is not None]
            for child in section.children:
                if child.heading is not None and child.heading.line in like:
                    heads.append(child.heading)
                    heads.extend(e.heading for e in child.entries if e.heading is not None)
            if section.heading is not None and section.heading.line in like:
                continue  # counted with its parent's entries
            heads.sort(key=lambda h: h.line)
            if len(heads) < 2:
                continue
            counts = Counter(h.level for h in heads)
            top = max(counts.values())
            dominant = next(h.level for h in heads if counts[h.level] == top)
            others = counts[dominant]
            where = f"'{short(section.title)}'" if section.heading else "the top of the file"
            for heading in heads:
                if heading.level == dominant:
                    continue
                marker = atx_marker_span(document, heading)
                fix = None
                if marker is not None:
                    # the parser takes only leaf headings as entries: re-levelling one changes which are entries
                    fix = Fix.unsafe(Edit(marker, "#" * dominant), title=f"Make it a level-{dominant} heading",
                                     alters=Alters.ENTRIES)
                yield self.report(
                    f"entry heading '{shown(heading)}' is level {heading.level}; the other {others} entry "
                    f"heading{'s' if others != 1 else ''} of {where} {'are' if others != 1 else 'is'} "
                    f"level {dominant}",
                    marker or heading.text_span,
                    fix,
                )


RULES = (HeadingIncrement, SingleTitle, HeadingStyle, DuplicateSection, EmptySection, TocSync, EntryHeadingLevel)
