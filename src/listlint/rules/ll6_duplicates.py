"""Duplicates: LL601 duplicate-link, LL602 duplicate-title, LL603 duplicate-citation-key, LL604 duplicate-identifier.

The four rules read one shared index (:mod:`listlint.duplicates`), built once per document, or once per run when
``duplicates.scope = "project"``. Each later occurrence finds its first one by a dict lookup: linear time. Every
report names where the first occurrence is, and only findings located in the current document are reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability
from listlint.duplicates import (
    CODE_HOSTS,
    NAMED_KEYS,
    EntryOccurrence,
    ancestors,
    facts,
    index_for,
    section_index,
    titles_differ,
)
from listlint.model import Document, Entry, Layout, ListBlock
from listlint.rules.base import Context, Rule
from listlint.source import Span
from listlint.regex import lazy

_WORD = lazy(r"\w+")


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DuplicateLink(Rule):
    code = "LL601"
    name = "duplicate-link"
    category = "duplicates"
    summary = "Two entries share a normalised primary link (arXiv abs/pdf/vN, doi.org/dx.doi.org, scheme, www., /)"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        settings = context.config.duplicates
        index = index_for(document, context.project, settings.scope, settings.allow)
        mine = facts(document)
        own = {id(occ) for occ in mine.links}
        link_keys = {id(occ.entry): occ.link_key for occ in mine.links}
        here = document.path
        for occ in mine.links:
            first = index.first_link_of(occ)
            if first is None or first is occ or index.is_allowed(occ.entry):
                continue
            if any(link_keys.get(id(up)) == occ.link_key for up in ancestors(document, occ.entry)):
                continue  # a course's "Discussion Notes" nested under it, linking its page: its resource, not a repeat
            if _parts_of_a_series(document, first.entry, occ.entry):
                continue  # "(part 1)" and "(part 2)", "（上）" and "（下）": two installments about one paper
            retitled = titles_differ(occ.title_key, first.title_key)
            if (not retitled and not settings.cross_listings and first.path == occ.path
                    and first.entry.section != occ.entry.section):
                continue  # a cross-listing: the same item filed under a second topic, on purpose
            link, first_link = occ.link, first.link
            assert link is not None and first_link is not None  # entries in ``links`` have one
            message = f"duplicate link '{_quote(link.url)}'"
            if link.url.strip() != first_link.url.strip():
                if occ.link_key.startswith(NAMED_KEYS):
                    message += f" ({occ.link_key})"
                message += f": also listed at {first.place.describe(here)} as '{_quote(first_link.url)}'"
            else:
                message += f": also listed at {first.place.describe(here)}"
            if retitled:
                message += (f" for '{_quote(first.entry.title, 60)}', a different title: if they are two works, "
                            f"one of the links is wrong")
            fix = None
            if id(first) in own and section_index(document, first.entry) == section_index(document, occ.entry):
                # only a repeat within one section is surely a slip: across sections it is usually a cross-listing
                fix = _removal(document, occ, first)
            yield self.report(message, link.span or link.full_span, fix)


# the installment of a series named after its title: "(part 2)", "Part II", "(1/3)", "（上）", "·下", "第二部分"
_PART = lazy(
    r"\bpart[ \t]*(\d+|[ivx]+)\b|\((\d+)/\d+\)|[（(·][ \t]*([上中下一二三四五六七八九十])[ \t]*[)）]?"
    r"|第([一二三四五六七八九十\d]+)[部讲講集]",
    re.IGNORECASE,
)


def _parts_of_a_series(document: Document, one: Entry, other: Entry) -> bool:
    """Whether the two entries' first lines name different installments of a series."""
    def part(entry: Entry) -> str | None:
        line = document.source.line(entry.line)
        found = _PART.search(line)
        return next((g.lower() for g in found.groups() if g), None) if found else None

    one_part = part(one)
    other_part = part(other)
    return one_part is not None and other_part is not None and one_part != other_part


# --------------------------------------------------------------------------------------------------------------
# LL601's fix: remove a later exact repeat
# --------------------------------------------------------------------------------------------------------------


def _words(document: Document, entry: Entry, url_span: Span | None) -> Counter[str]:
    """The words an entry carries, from after its list marker to its end, without its primary link's URL."""
    text = document.text
    start = entry.span.start
    if entry.list_item is not None:
        start = max(start, document.list_items[entry.list_item].content_start)
    end = entry.span.end
    if url_span is not None and start <= url_span.start and url_span.end <= end:
        body = text[start : url_span.start] + " " + text[url_span.end : end]
    else:
        body = text[start:end]
    return Counter(_WORD.findall(body))


def _is_blank(document: Document, line: int) -> bool:
    return not document.source.line(line).strip()


def _list_of(document: Document, item: int) -> ListBlock | None:
    owners = document.memo("duplicates.list_of_item", lambda: {
        i: block for block in document.lists for i in block.items
    })
    return owners.get(item)


def _removal(document: Document, later: EntryOccurrence, first: EntryOccurrence) -> Fix | None:
    """Remove the later entry's lines when it is an exact repeat (same normalised link, same title) that carries no
    word the first lacks; None when that is not certain or the removal could change the list's structure."""
    entry, original = later.entry, first.entry
    if later.link is None or later.link.span is None or first.link is None:
        return None
    if entry.title != original.title or entry.children or entry.layout not in (Layout.LIST, Layout.HEADING):
        return None
    extra = _words(document, entry, later.link.span) - _words(document, original, first.link.span)
    if extra:
        return None
    source = document.source
    text = document.text
    first_line = source.line_index(entry.span.start)
    last_line = source.line_index(max(entry.span.start, entry.span.end - 1))
    if text[source.line_start(first_line) : entry.span.start].strip():
        return None  # something else (a blockquote marker, another construct) shares its first line
    if text[entry.span.end : source.line_end(last_line)].strip():
        return None
    count = source.line_count
    previous_blank = first_line == 0 or _is_blank(document, first_line - 1)
    if entry.list_item is not None:
        block = _list_of(document, entry.list_item)
        if block is not None and block.items and block.items[0] == entry.list_item and len(block.items) > 1:
            following = document.list_items[block.items[1]]
            if not previous_blank and following.ordered and following.number != 1:
                return None  # "2." would no longer interrupt the paragraph above: it would join it
    start = source.line_start(first_line)
    end = source.line_start(last_line + 1) if last_line + 1 < count else len(text)
    if previous_blank:
        after = last_line + 1
        while after < count and _is_blank(document, after):
            after += 1
        if after < count:
            end = source.line_start(after)  # the blank lines that separated it go with it
        else:
            before = first_line
            while before > 0 and _is_blank(document, before - 1):
                before -= 1
            start = source.line_start(before) if before > 0 else start
    return Fix.unsafe(
        Edit.delete(Span(start, end)),
        title=f"Remove the repeated entry '{_quote(entry.title, 60)}'",
        alters=Alters.ENTRIES,
    )


# --------------------------------------------------------------------------------------------------------------
# LL602-LL604
# --------------------------------------------------------------------------------------------------------------


class DuplicateTitle(Rule):
    code = "LL602"
    name = "duplicate-title"
    category = "duplicates"
    summary = "Two entries share a normalised title (casefold, NFKC, LaTeX braces, punctuation, whitespace)"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        settings = context.config.duplicates
        index = index_for(document, context.project, settings.scope, settings.allow)
        here = document.path

        def same_work(first: EntryOccurrence, later: EntryOccurrence) -> bool:
            if _labels_of_two_parents(first, later):
                return False
            if first.path == later.path and any(up is first.entry for up in ancestors(document, later.entry)):
                return False  # a book's PDF nested under it, with the book's title: its resource
            return _same_work(first, later)

        for occ in facts(document).titles:
            first = index.first_title_of(occ, same_work)
            if first is None or first is occ or index.is_allowed(occ.entry):
                continue
            if occ.link_key and occ.link_key == first.link_key:
                continue  # the same link too: LL601 reports it
            entry = occ.entry
            message = f"duplicate title '{_quote(entry.title)}': also listed at {first.place.describe(here)}"
            if entry.title != first.entry.title:
                message += f" as '{_quote(first.entry.title)}'"
            if first.entry.primary_link is not None and occ.link_key:
                message += f" (linked to '{_quote(first.entry.primary_link.url)}')"
            span = entry.title_span
            if span is None:
                span = _first_line_span(document, entry)
            yield self.report(message, span)


# Details that tell two works with one title apart: years, version numbers, identifiers, the kind of work
_YEAR = lazy(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_VERSION = lazy(r"(?<![\w.])v?\d{1,2}(?:\.(?:\d{1,3}|x))+(?![\w])", re.IGNORECASE)
_VIDEO_HOSTS = ("youtube.com/", "youtu.be/", "vimeo.com/", "bilibili.com/", "b23.tv/")
# Social networks (by the hosts of their links): a link there is an account or a page of the one named, not the
# thing itself (its website)
_SOCIAL_HOSTS = {"twitter.com/": "twitter", "mobile.twitter.com/": "twitter", "x.com/": "twitter",
                 "facebook.com/": "facebook", "m.facebook.com/": "facebook", "fb.com/": "facebook",
                 "instagram.com/": "instagram", "linkedin.com/": "linkedin", "t.me/": "telegram",
                 "telegram.me/": "telegram", "threads.net/": "threads", "bsky.app/": "bluesky",
                 "mastodon.social/": "mastodon", "weibo.com/": "weibo", "vk.com/": "vk"}
_SOCIAL_PREFIXES = tuple(_SOCIAL_HOSTS)


def _kind(link_key: str) -> str:
    """What a link key names: a paper (arXiv, DOI, OpenReview), a video, a code repository, an account on one
    social network ("social:twitter"), or "" (anything)."""
    if link_key.startswith(NAMED_KEYS):
        return "paper"
    if link_key.startswith(_VIDEO_HOSTS):
        return "video"
    if link_key.startswith(_SOCIAL_PREFIXES):
        return "social:" + _SOCIAL_HOSTS[link_key[:link_key.index("/") + 1]]
    if link_key.startswith(CODE_HOSTS) and link_key.count("/") >= 2:
        return "code"
    return ""


def _differ(one: set[str], other: set[str]) -> bool:
    return bool(one) and bool(other) and one.isdisjoint(other)


def _same_work(first: EntryOccurrence, later: EntryOccurrence) -> bool:
    """False when two entries with one title are not two listings of one work: one is an index line pointing into
    the page (at the other's notes), or they carry details that tell two works apart: different years or version
    numbers (in the description, or in the link for versions), links to different kinds of work (a paper, a video,
    a repository, an account on a social network), or -- listed next to each other, as lists write editions and
    variants -- different non-empty descriptions. A repeat far from the first with another description is still
    the same work listed twice."""
    one, other = first.entry, later.entry
    if _points_into_page(one) or _points_into_page(other):
        return False  # "- [x] [AlexNet](#alexnet)" and the "### AlexNet" notes it points to: one paper, indexed
    if _local_page(one) and _local_page(other) and _url(one) != _url(other):
        return False  # "[Spanish](books/…-es.md)" and "[Spanish](courses/…-es.md)": two pages of the repository
    years_one = {int(y) for y in _YEAR.findall(one.description)}
    years_other = {int(y) for y in _YEAR.findall(other.description)}
    if years_one and years_other and min(abs(a - b) for a in years_one for b in years_other) > 1:
        return False  # a preprint and its venue are a year apart at most: further apart, two works
    versions_one = {v.lower().lstrip("v") for v in _VERSION.findall(one.description + " " + first.link_key)}
    versions_other = {v.lower().lstrip("v") for v in _VERSION.findall(other.description + " " + later.link_key)}
    if _kind(first.link_key) != "paper" and _kind(later.link_key) != "paper" and _differ(versions_one, versions_other):
        return False
    kinds = {_kind(first.link_key), _kind(later.link_key)}
    if first.link_key and later.link_key:
        social = any(k.startswith("social:") for k in kinds)
        if len(kinds) == 2 and ("" not in kinds or "video" in kinds or social):
            return False  # a paper and its code, a talk and an article, a group's website and its Twitter account
    if first.path == later.path and later.order - first.order == 1 and one.section == other.section:
        described = _description_words(one.description), _description_words(other.description)
        if all(described) and described[0] != described[1]:
            return False
    return True


def _labels_of_two_parents(first: EntryOccurrence, later: EntryOccurrence) -> bool:
    """Two nested entries under different parents: their titles are labels of their parents' resources ("Lectures
    and Assignments" under two courses, "Must Watch Talks" under JavaScript and CSS), read with the parent's name,
    not the names of two works. Links that name a paper (arXiv, DOI, OpenReview) name a work wherever they are."""
    if first.parent is None or later.parent is None or first.parent is later.parent:
        return False
    return not (first.link_key.startswith(NAMED_KEYS) and later.link_key.startswith(NAMED_KEYS))


def _points_into_page(entry: Entry) -> bool:
    """An entry whose only links are #fragments into the page: an index line (a reading plan's item pointing at its
    notes further down), which names the entry it points to rather than listing a second one."""
    return bool(entry.links) and all(link.is_fragment for link in entry.links)


def _url(entry: Entry) -> str:
    return entry.primary_link.url if entry.primary_link is not None else ""


def _local_page(entry: Entry) -> bool:
    """An entry that links a file of its own repository (``books/free-books-es.md``): a navigation label, which
    names that page, not a work."""
    link = entry.primary_link
    return link is not None and not link.is_fragment and ":" not in link.url and not link.url.startswith("//")


def _description_words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


def _first_line_span(document: Document, entry: Entry) -> Span:
    """The entry's first line from its start: where to report when no finer position is known."""
    line = document.source.line_index(entry.span.start)
    return Span(entry.span.start, max(entry.span.start, document.source.line_end(line)))


class DuplicateCitationKey(Rule):
    code = "LL603"
    name = "duplicate-citation-key"
    category = "duplicates"
    summary = "A BibTeX key used twice (case-insensitive) in a file; across files only when the titles differ"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        settings = context.config.duplicates
        index = index_for(document, context.project, settings.scope, settings.allow)
        position = index.position[id(document)]
        here = document.path
        for occ in facts(document).keys:
            first_here = index.first_key_in[(position, occ.key)]
            if first_here is not occ:
                message = f"duplicate BibTeX key '{occ.bib.key}': also used at {first_here.place.describe(here)}"
                if first_here.bib.key != occ.bib.key:
                    message += f" as '{first_here.bib.key}'"
                yield self.report(message, occ.span)
                continue
            first = index.first_key[occ.key]
            if first is occ or not occ.title_key or not first.title_key or occ.title_key == first.title_key:
                continue  # the same paper cited in two files under the same key is fine
            title = first.bib.get("title") or ""
            yield self.report(
                f"BibTeX key '{occ.bib.key}' is also used at {first.place.describe(here)} for a different title "
                f"('{_quote(title.replace('{', '').replace('}', ''), 60)}')",
                occ.span,
            )


_LABELS = {"arxiv:": "arXiv", "doi:": "DOI"}


class DuplicateIdentifier(Rule):
    code = "LL604"
    name = "duplicate-identifier"
    category = "duplicates"
    summary = "The same DOI or arXiv id behind different links or BibTeX keys"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        settings = context.config.duplicates
        index = index_for(document, context.project, settings.scope, settings.allow)
        here = document.path
        mine = facts(document).idents
        named: dict[int, set[str]] = {}
        for occ in mine:
            if occ.entry is not None:
                named.setdefault(id(occ.entry), set()).add(occ.ident)
        for occ in mine:
            first = index.first_ident_of(occ)
            if first is None or first is occ or index.ident_allowed(occ):
                continue
            if occ.entry is not None and any(occ.ident in named.get(id(up), ())
                                             for up in ancestors(document, occ.entry)):
                continue  # the DOI of a paper nested under its arXiv entry: that entry's resource
            if occ.link_key and first.link_key:
                if occ.link_key == first.link_key:
                    continue  # the same link: LL601 reports it
                detail = f" behind a different link ('{_quote(first.link)}')"
            else:
                if occ.bib_keys & first.bib_keys:
                    continue  # the same BibTeX key: LL603's business
                if first.link:
                    detail = f" ('{_quote(first.link)}')"
                elif first.key_names:
                    detail = f" (BibTeX key '{first.key_names[0]}')"
                else:
                    detail = ""
            prefix, value = occ.ident.split(":", 1)
            label = f"{_LABELS[prefix + ':']} {value}"
            yield self.report(
                f"{label} (from the {occ.evidence}) is also listed at {first.place.describe(here)}{detail}",
                occ.span,
            )


RULES = (DuplicateLink, DuplicateTitle, DuplicateCitationKey, DuplicateIdentifier)
