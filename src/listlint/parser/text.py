"""How an entry's words read: its title without markup and decoration, link labels in place of links.

Titles are compared (duplicates), reported and written back, so every layout reads them the same way here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from listlint.model import Link, LinkKind
from listlint.source import Span
from listlint.regex import lazy

MARKUP = lazy(r"\*+|~~|`+|(?<!\w)_+|_+(?!\w)")
# A backslash escape of a Markdown mark: the character stands for itself. Not \" \' \^ \~ \= \. \{: titles
# pasted from BibTeX write accents that way (Sch\"{o}lkopf), and the title key reads them as LaTeX.
ESCAPED = lazy(r"\\([*_\[\]`#|&<>])")
# an inline HTML tag, as CommonMark reads one (a letter after "<"); group 1 is its name
INLINE_TAG = lazy(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
# an emoji shortcode GitHub renders: ":zap:", ":+1:", ":heavy_check_mark:"
SHORTCODE_WORD = r":[a-z0-9_+-]+:"
# ":fast_forward:" at either end of a title: an emoji GitHub draws, not words of the title
EMOJI_SHORTCODE_EDGE = lazy(rf"^(?:{SHORTCODE_WORD}\s*)+|(?:\s*{SHORTCODE_WORD})+$")
# a bold run opening a line or cell ("**Title** - what it does"); group 2 is its words
LEADING_STRONG = lazy(r"[ \t]*(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
PAGE_LINK_KINDS = (LinkKind.INLINE, LinkKind.REFERENCE, LinkKind.AUTOLINK, LinkKind.BARE)


def content_link(link: Link) -> bool:
    """A link to a page, as an entry's own links are: not an image, a definition, an HTML link or an anchor in
    this page."""
    return link.kind in PAGE_LINK_KINDS and not link.is_fragment


def clean_title(raw: str) -> str:
    """The title as read: emphasis and code marks dropped, escapes resolved (``Q\\*`` is ``Q*``), spaces collapsed,
    quotes around the whole title and a bracket left open before a link (``Title [[code](url)]``, ``书名（[PDF](url)）``)
    dropped."""
    if "\\" in raw:  # text, escaped character, text, ...: markup is removed from the text parts only
        parts = ESCAPED.split(raw)
        title = "".join(MARKUP.sub("", part) if k % 2 == 0 else part for k, part in enumerate(parts))
    else:
        title = MARKUP.sub("", raw)
    if "<" in title:  # inline HTML renders as no text: "<u>T5</u>", a "<br />" inside a link's text
        title = INLINE_TAG.sub(lambda m: " " if m.group(1).lower() == "br" else "", title)
    title = " ".join(title.split())
    if ":" in title:
        title = EMOJI_SHORTCODE_EDGE.sub("", title)
    if title and not title[0].isascii():  # "🔥🔥 [PagedAttention] Efficient …": decoration, not words
        start = 0
        while start < len(title) and (unicodedata.category(title[start]) in ("So", "Sk", "Cf", "Mn")
                                      or title[start] in " \ufe0f"):
            start += 1
        if start < len(title):
            title = title[start:]
    title = title.strip(" ,;:，；：、")  # the full-width forms too: "统计学习方法：[链接](url)"
    if title.endswith(("[", "(", "（", "【")):  # "深度学习（[PDF](url)）": the bracket opens around the link
        title = title.rstrip(" [(（【").rstrip(" ,;:，；：、")
    if len(title) > 2 and title[0] in "\"“" and title[-1] in "\"”" and not any(q in title[1:-1] for q in "\"“”"):
        title = title[1:-1].strip()
    return title


# emphasis in a description ("**Input:** Company ID", "*fast* and small"); "__" and "*" only where they can open
# and close emphasis: not "__init__", "5 * 3" or "*.md"
STRONG_PAIR = lazy(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*|(?<!\w)__(?=[^\s_])(.+?)(?<=[^\s_])__(?!\w)")
EMPHASIS_PAIR = lazy(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")


def without_emphasis(text: str) -> str:
    """``text`` with its bold and italic marks dropped, outside code spans: a description reads "Input: Company ID",
    not "**Input:** Company ID"."""
    if "*" not in text and "__" not in text:
        return text
    parts = text.split("`")
    for k in range(0, len(parts), 2):  # the even parts lie outside code spans
        if "*" in parts[k] or "__" in parts[k]:
            plain = STRONG_PAIR.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), parts[k])
            parts[k] = EMPHASIS_PAIR.sub(r"\1", plain)
    return "`".join(parts)


def as_read(text: str, span: Span, links: Iterable[Link], html: Iterable[Span] = (), *, images: bool = True) -> str:
    """The text at ``span`` with every link written in it replaced by its label and inline HTML tags left out: a
    heading ``[Title](url)`` or ``<a href="url">Title</a>`` is titled "Title", so rewriting the URL (LL402,
    LL406-LL408) does not change the entry's title."""
    kinds = (LinkKind.INLINE, LinkKind.REFERENCE, LinkKind.AUTOLINK)
    links = tuple(links)
    # without images, a link labelled by an image (a badge) reads as its other words, and images go
    pieces = [(link.full_span, link.text if images else _without_images(text, link, links))
              for link in links if link.kind in kinds]
    if not images:
        pieces.extend((link.full_span, "") for link in links if link.kind is LinkKind.IMAGE)
    pieces.extend((tag, "") for tag in html)
    out: list[str] = []
    pos = span.start
    for full, label in sorted(pieces, key=lambda p: (p[0].start, -p[0].end)):
        if full.start < pos or full.end > span.end:
            continue
        out.append(text[pos : full.start])
        out.append(label)
        pos = full.end
    out.append(text[pos : span.end])
    return "".join(out)


def _without_images(text: str, link: Link, links: tuple[Link, ...]) -> str:
    span = link.text_span
    if span is None or span.of(text) != link.text:
        return link.text
    inner = [other for other in links if other is not link and span.contains(other.full_span)]
    if not inner:
        return link.text
    return as_read(text, span, inner, images=False)


# a shortcode after blanks (its case is not checked)
SHORTCODE = lazy(rf"[ \t]*{SHORTCODE_WORD}", re.IGNORECASE)
# What an emoji is made of besides its symbol: the variation selector, the zero-width joiner, the keycap
EMOJI_PARTS = frozenset("\ufe0f\u200d\u20e3")


def is_emoji(ch: str) -> bool:
    """A pictograph or a piece of one: a symbol (So) or modifier (Sk: skin tones) past the Latin-1 signs (©, °)."""
    return ch in EMOJI_PARTS or (ch >= "\u2000" and unicodedata.category(ch) in ("So", "Sk"))


def decoration_end(text: str, start: int, end: int) -> int:
    """Where the emoji right after a title link end ('[Boost](url) :zap: - …', '[Alpha](url) ⭐ - …', with a count
    of stars after one: '[Alpha](url) ★42 - …'): they decorate the title, and the separator comes after them.
    ``start`` when there are none."""
    at = start
    while at < end:
        match = SHORTCODE.match(text, at, end)
        if match is not None:
            at = match.end()
            continue
        first = at
        while first < end and text[first] in " \t":
            first += 1
        last = first
        while last < end and is_emoji(text[last]):
            last += 1
        if last == first:
            break
        count = STAR_COUNT.match(text, last, end)
        at = count.end() if count is not None else last  # "★42", "⭐ 1.2k": the emoji counts the project's stars
    return at


# a count right after an emoji ("★42", "⭐ 1.2k", "★100+"), ended by a blank or the line's end: part of the decoration
STAR_COUNT = lazy(r" ?\d[\d,.]*[kKmMwW万]?\+?(?=[ \t]|$)", re.MULTILINE)
