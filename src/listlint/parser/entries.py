"""From block facts to the entry AST: sections (the heading tree) holding entries in three layouts.

The decisions here are the heart of listlint, so each is a small named function:
- which headings are entry headings (heading layout) rather than sections,
- which list items are entries (list layout: a link leads the item, a paper title precedes its links, or a bold
  title stands alone on the item's first line above authors, venue and links),
- which plain-text lines and paragraphs are references (citation layout: APA, ``Title- Authors-YYYY.MM.DD``; a
  paragraph that cites a quoted title or is a bold title over authors and venue, with its links),
- which sections are tables of contents.

Tables of papers are read in :mod:`listlint.parser.tables`; how a title reads (markup dropped, link labels in
place of links) is :mod:`listlint.parser.text`, shared by every layout.
"""


import html
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import unquote

from listlint.model import BibtexBlock, Entry, Heading, Layout, Link, LinkKind, ListItem, Section, StatusTag
from listlint.parser.blocks import InlineUnit, Walk, html_words
from listlint.parser.html_lines import anchor_description, html_line_entries, leading_anchor
from listlint.parser.status import find_tags, status_of
from listlint.parser.text import (
    LEADING_STRONG,
    PAGE_LINK_KINDS,
    SHORTCODE_WORD,
    as_read,
    clean_title,
    content_link,
    decoration_end,
    without_emphasis,
)
from listlint.records import Record
from listlint.regex import lazy
from listlint.source import SourceText, Span
from listlint.urls import followed, github_anchor

FAKE_BULLETS = "•·●▪◦‣∙"
# What may stand before an entry's title link: a task box, a status tag, a number, then symbols, emoji and emoji
# shortcodes (":star:", ":fire:", common in awesome lists)
# A short label before an entry's title, no part of it: a status tag, a date or nickname in brackets ("[2023/08]",
# "**[SSD]**", "[CVPR' 14]"), a tag in code ("****`GAN`****"); at most three words, and not a link's text
# (the closing marks take all there are, so that a run of marks between two labels is split one way only)
LABEL = (r"[*_]{0,4}(?:\[[ \t]*[*_]{0,2}`?[^\[\]\s`*]+(?:[ \t][^\[\]\s`*]+){0,2}`?[*_]{0,2}[ \t]*\](?![(\[])"
         r"|`[^`\n]{1,40}`)[*_]{0,4}(?![*_])")
LEADING_LABELS = lazy(rf"(?:[ \t]*{LABEL})+[ \t]*")
# emoji before a paragraph's title, as shortcodes (":gem:") or characters ("🔥"), not words or markup
# a link's text that is icons only once its emoji shortcodes are gone: what is left has no letter or digit
ICON_TEXT_WORDS = lazy(SHORTCODE_WORD)
EMOJI_LEAD = lazy(rf"(?:[ \t]*(?:{SHORTCODE_WORD}|[^\w\s\[\]<>*_`\\(\"'“‘]))*[ \t]*")
# a bold title written in HTML ("<b>MeshNet (AAAI 2019)</b>"); group 2 is its words, as in LEADING_STRONG
HTML_BOLD = lazy(r"[ \t]*<(b|strong)>[ \t]*(?=\S)(.+?)[ \t]*</\1>", re.IGNORECASE)
COLUMN_BAR = lazy(r"[ \t]\|")
ORDINAL = lazy(r"[ \t]*\d{1,4}[.)][ \t]+")
# a venue and year written before a title: "(TPAMI 2023) ", "(arXiv preprint 2022) ", "ICRA 2024, ", "arXiv 2024.05, ",
# "(Arxiv 24.01.08) "
# (a venue is written in capitals, as in CITED_VENUE_END: "In 2019, …" opens a sentence, not a reference)
# a word of two capitals or more ("ICLR", "NeurIPS"), written so that a long run of letters is read once, not tried
# at every split (which took seconds on a line holding a 3,000-letter token)
_VENUE = r"(?:arXiv|[a-z]*[A-Z][a-z]*[A-Z][A-Za-z]*)"
_YEAR_MONTH = r"(?:19|20)\d\d(?:[./]\d{1,2})?"
# and a topic tag opened by a symbol ("[💬Vision and language Pre-training (VLP)] "), however many words it has
VENUE_LEAD = lazy(rf"[ \t]*(?:\([^()\n]{{0,40}}?(?:\b(?:{_YEAR_MONTH}|\d\d\.\d\d\.\d\d)|['’]\d\d)\)|{_VENUE}[ \t]+{_YEAR_MONTH}[ \t]*,"
                  rf"|\[[^\w\s\[\]`*_][^\[\]\n]{{0,60}}\](?![(\[]))[ \t]*")
# a year and a venue (and a method's nickname) written as a label before a title link: "2018 IEEE ACCESS ",
# "2015 ICLR FGSM ", "2018 - WWW - ", "2013 -WSDM - ", "CVPR 2019 ", "(CVPR 2019) ", "(GWNN)": the year opens or
# closes a few short words, at least one of them in capitals (a venue); or a word or three in parentheses
_LEAD_SEP = r"(?:[ \t]*[-–—|:,][ \t]*|[ \t]+)"
_LEAD_WORD = r"[^\s\[\]()*_`\"“”<>]{1,20}"
YEAR_VENUE_LEAD = lazy(
    rf"[ \t]*(?:(?:19|20)\d\d{_LEAD_SEP}(?:{_LEAD_WORD}{_LEAD_SEP}?){{1,4}}"
    rf"|(?:{_LEAD_WORD}[ \t]+){{1,2}}(?:19|20)\d\d{_LEAD_SEP}?"
    rf"|\([^()\[\]\n]{{1,30}}\))[ \t]*(?:[-–—|:,][ \t]*)?")
# a GitHub repository's page, or a Markdown file of it, and a fragment: where a contents list may link its own headings
GITHUB_PAGE_FRAGMENT = lazy(
    r"https?://(?:www\.)?github\.com/([^/#?]+/[^/#?]+)(?:/(?:blob|tree)/[^#?]+?(?:\.(?:md|markdown))?)?/?#(.+)",
    re.IGNORECASE)
IMAGE_MARKUP = lazy(r"!\[[^\]\n]*\]\([^)\s]*\)")
QUOTE_AND_STRONG_LEAD = lazy(r"(?:[ \t]*>)*[ \t]*(?:\*\*|__)?")
# what follows a project's link in a paragraph of its own: a separator, a chip or a badge, then its description
# ("- Test library", "<kbd>★ 3.8k</kbd><br>…"); not a sentence running on ("[Our website](url) is where …")
PROJECT_TAIL = lazy(r"[ \t]*(?:[-–—:|·•]|<(?:br|kbd|sub|sup|img|code)\b|\(|!\[)")
WORD = lazy(r"[^\W_]")
# emoji (stars, fire, pins) as a run: the maintainer's marks before a title
EMOJI_RUN = lazy(r"[ \t]*(?:[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff][\ufe0f\u200d]?[ \t]*)+")
# a link whose text is a venue and date ("[arXiv 2026.05](url), Title"): a tag, as a label is
# a venue (or two, or a venue's workshop) and a year closing a title written before its links: ", in *IJCAI* 2023",
# ", in *KDD & WSDM* 2020", ", ICDE'22", ", in IEEE Internet of Things Journal 2019" (", 2020" and ", in 2020" name
# no venue)
VENUE_YEAR_CLOSING = lazy(
    rf",[ \t]*(?:(?:in[ \t]+)?[*_]{{0,2}}{_VENUE}(?:[ \t]*(?:&|and|/)[ \t]*{_VENUE})*(?:[ \t]+[A-Z][a-z]+)?"
    rf"[*_]{{0,2}}[ \t]*(?:'\d\d|(?:19|20)\d\d)"
    rf"|in[ \t]+[*_]{{0,2}}[A-Z][\w&.-]*(?:[ \t]+(?:[A-Z][\w&.-]*|of|and|on|in|the|for|&))*[*_]{{0,2}}[ \t]+(?:19|20)\d\d)"
    rf"[ \t.]*$")
VENUE_DATE_TEXT = lazy(rf"[ \t]*{_VENUE}[ \t]+{_YEAR_MONTH}[ \t]*")
# a title in quotes opening its line, a venue and year perhaps after it: '"Attacking Video Models." AAAI(2022)'
_QUOTED_LINE = r"[*_]{0,2}[\"“](?P<title>[^\"”\n]{6,300}?)[.,;!?]?[\"”]"
QUOTED_LINE_TITLE = lazy(_QUOTED_LINE)
# a nickname and a colon before a bold title ("DLinear: **Are Transformers Effective for …**")
NICKNAME_BEFORE_STRONG = lazy(r"[^\s*_:：\"“\[\]]{1,20}[ \t]*[:：][ \t]*(?=\*\*|__)")
# a quoted title opening an item, perhaps after a nickname and a colon ('KYS: "Know Your Surroundings: …" ECCV.'), and
# a word of prose after it (the quotation only opens the title: '"Why Should I Trust You?" Explaining …')
QUOTED_OPENING = lazy(r"(?:[^\s\"“:：]{1,20}[ \t]*[:：][ \t]*)?" + _QUOTED_LINE)
PROSE_WORD = lazy(r"(?<![\w'’])(?!arXiv\b|preprint\b|in\b)[a-z]")
# a link's whole text a short tag in brackets: "[[2017-NIPS]](url)", "[[pdf]](url)"
BRACKETED_TAG_TEXT = lazy(r"[ \t]*\[[^\[\]\n]{1,40}\][ \t]*")
# a bold title that a long line wraps: "- **SYNAPSE: Leveraging Few-Shot Exemplars for\nHuman-Level Control.** *…*"
WRAPPED_STRONG = lazy(r"[ \t]*(\*\*|__)(?=\S)([^\n]+?(?:\n[^\n]+?)?)(?<=\S)\1")
LEAD_PREFIX = lazy(
    rf"^(?:\[[ xX]\]\s*)?(?:{LABEL}\s*)*(?:\d+(?:\.\d+)*\.?\s*(?:{LABEL}\s*)*)?"
    rf"(?:{SHORTCODE_WORD}|[\W_])*$"
)
APA = lazy(r"\((?:19|20)\d\d[a-z]?(?:,[^)]{0,40})?\)\.")
DASH_DATE = lazy(r"[-–—]\s*(?:19|20)\d\d\.\d{1,2}(?:\.\d{1,2})?\b")
# "14-NSDI-FaRM: Fast Remote Memory", "2018-CoNEXT-The eXpress Data Path": a year, a venue in capitals, then the title,
# joined by dashes (as papers' files are often named), in bold or not
YEAR_VENUE_DASHED = lazy(rf"([*_]{{0,2}})(?:(?:19|20)?\d\d)[-–]{_VENUE}[-–](?=[\w\"“'‘])")
# "Qin et al. (2020) CoSDA-ML: …", "Wu S. and Dredze M. (2019) Beto, …": names, the year in parentheses, the title
_AUTHOR_WORD = r"(?:[A-Z][\w'’\-]*\.?,?|and|&|et|al\.?,?)"
AUTHORS_PAREN_YEAR = lazy(
    rf"^[ \t]*(?P<names>{_AUTHOR_WORD}(?:[ \t]+{_AUTHOR_WORD}){{0,12}})[ \t]*\((?:19|20)\d\d[a-z]?\)[.:,]?[ \t]+"
    rf"(?=[\"“'A-Z0-9])")
# "Shijie Wu and Mark Dredze. 2019. Beto, bentz, becas: …" (ACL): names, a period, the year and a period, the title
AUTHORS_DOT_YEAR = lazy(r"^[ \t]*(?P<names>[A-Z][^\n]{1,200}?)\.[ \t]+(?:19|20)\d\d[a-z]?\.[ \t]+(?=\S)")
# a reference's names and year alone, as some lists write them in bold: "Endsley, M. R. (1995)."
NAMES_AND_YEAR = lazy(r"([^()]{2,200}?)[ \t]*\((?:19|20)\d\d[a-z]?\)\.?$")
# what names hold and a title's words do not: "et al", an initial ("W."), "and" between names, a comma
_NAMES = lazy(r"\bet al\b|(?:^|\s)[A-Z]\.|\sand\s|,")
YEAR = lazy(r"\b(?:19|20)\d\d\b")
# a reference ending with its venue and year or its arXiv id: "Title. Park et al. CVPR 2019", "Title. arXiv:1503.02531"
# (a venue is written in capitals: CVPR, NeurIPS, TPAMI; "Since 2019" is not one)
CITED_VENUE_END = lazy(
    r"(?:\b[A-Z][a-z]*[A-Z][A-Za-z]*(?:'\d\d|[ \t]*(?:19|20)\d\d)|\barXiv:?[ \t]*\d{4}\.\d{4,5}(?:v\d+)?)[\s.)]*$"
)
# A link whose text is a label ("[Paper]", "pdf", "Code"): fewer words than LINK_LABEL below, on purpose: "notes",
# "link", "post" or "review" are labels before a colon but ordinary words as the text of a link in prose
LINK_TEXT_LABEL = lazy(
    r"[\s\[(*_\\]*(?:paper|pdf|(?:official |source )?code|arxiv|html|project(?: page)?|website|home ?page|page|"
    r"video|slides?|poster|blog|github|demo|data(?:set)?|bib(?:tex)?|doi|openreview|abstract|supp(?:lementary)?|"
    r"notebook|colab|论文|代码|代碼|项目|主页)"
    r"[\s\])*_.:\\]*",  # brackets may be escaped: "[\[paper\]](url)"
    re.IGNORECASE,
)
# ", TIST 2023", ", IEEE Access, 2018", ", 2017 arxiv preprint": a venue and a year after a title link, no more;
# or a venue in capitals and its year, then the rest of its name (", NIPS 2018 Visually-Grounded Interaction and
# Language Workshop")
VENUE_YEAR_TAIL = lazy(
    r"[ \t]*,[ \t]*(?:[^\n\[\]]{0,60}?\b(?:19|20)\d\d\b[^\n\[\]]{0,20}"
    rf"|{_VENUE}[ \t]+(?:19|20)\d\d\b[^\n\[\]]{{0,80}})"
)
# What may follow a bold title alone on its line: a hard break (backslash, <br>, spaces)
HARD_BREAK = r"(?:\\|<br[ \t]*/?>)"  # a backslash or <br> ending a line
HARD_BREAK_TAIL = lazy(rf"[ \t]*{HARD_BREAK}?[ \t]*", re.IGNORECASE)
BREAK_AT_END = lazy(rf"[ \t]*{HARD_BREAK}[ \t]*$", re.IGNORECASE)
# MLA / IEEE style: Authors. "Title." Venue, 2015. The quoted title follows the authors' closing punctuation.
QUOTED_TITLE = lazy(r"""(?:^[ \t]*|[.,:;]\s+)[*_]{0,2}["“](?P<title>[^"”\n]{6,300}?)[.,;!?]?["”]""")
# a title both quoted and bold, wherever it stands: 'G. Zweig "**Title**"', 'Raffel et al. **"Title."** JMLR 2020'
BOLD_QUOTED_TITLE = lazy(
    r"""(?:\*\*|__)["“](?P<title>[^"”\n*_]{6,300}?)[.,;!?]?["”](?:\*\*|__)|["“](?:\*\*|__)(?P<inner>[^"”\n*_]{6,300}?)[.,;!?]?(?:\*\*|__)[.,;!?]?["”]"""
)
# images opening a description ("[Tool](url) ![stars](https://img.shields.io/…) - what it does"): badges
_DESTINATION = r"(?:\([^)\s]*\)|\[[^\]\n]*\])"  # "(url)", or "[ref]" of a reference-style image or link
BADGE = rf"(?:\[!\[[^\]\n]*\]{_DESTINATION}\]{_DESTINATION}|!\[[^\]\n]*\]{_DESTINATION})"
LEADING_BADGES = lazy(rf"^(?:[ \t]*{BADGE})+")
# badges opening an item, before its name: "[![Open-Source Software][oss icon]](repo) [Audacity](url) - …"
BADGE_RUN = lazy(rf"(?:[ \t]*{BADGE})+[ \t]*")
# what separates an entry's title from its description ("[T](u) - d", "[T](u)：描述"), stripped from both ends of
# the description (so a closing period goes too)
SEPARATOR_EDGE = " \t-–—:,.：，、"
# what opens around an entry's link, and what closes it: "**[Title](url)**", "[[pdf](url)]"
WRAPPER_CLOSING = {"*": "*", "_": "_", "~": "~", "[": "]"}
TOC_TITLE = lazy(r"^\W*(?:table of contents|contents|toc|目录|目錄)\W*$", re.IGNORECASE)
# "Paper: [arXiv](url)", "代码：[GitHub](url)": a short label, a colon, then the link: a link line of the entry above
# (a heading, or the item it is nested in), not an entry of its own
# what a CJK link label names ("论文", "代码") and how it says "link" ("链接", "地址"): "论文链接：", "项目地址："
_CJK_LABEL_WHAT = "论文|論文|代码|代碼|源码|源碼|项目|項目|主页|主頁|笔记|筆記|视频|視頻|博客|数据集|數據集|幻灯片|原文|官网|官網|演示|コード|논문|코드"
_CJK_LABEL_LINK = "链接|鏈接|地址|网址|網址|主页|主頁|リンク|링크"
LINK_LABEL = lazy(
    r"[ \t]*[*_]*(?:(?:paper|pdf|code|source code|github|project(?: page)?|website|home ?page|page|blog(?: post)?|post|"
    r"video|slides|talk|demo|dataset|data|arxiv|openreview|poster|notes?|review|link|url)s?(?: link)?|"
    rf"(?:{_CJK_LABEL_WHAT})(?:{_CJK_LABEL_LINK})?|{_CJK_LABEL_LINK})[*_]*[ \t]*[:：][*_]*[ \t]*",
    re.IGNORECASE,
)
TASK_BOX = lazy(r"\[[ xX]\][ \t]+")
# a clause that runs into the link: "Text link in the sponsor section of [site](url)", "Read more on [the blog](url)"
PROSE_INTO_LINK = lazy(
    r"\b(?:of|the|a|an|on|at|to|for|by|with|from|and|or|see|via|visit|goto|into|about|this|our|your|its|their|is|are)[ \t]*$"
)
# words going on after a link, as a sentence does around a link it mentions ("has taken [math](url), including …")
# (not "[Title](url) and [code](url)", nor "[Chen, Shangyu][ref] et al. IJCAI 2019")
SENTENCE_GOES_ON = lazy(
    r"[ \t]*,[ \t]*(?!and\b|or\b)[a-z]+[ \t]+[a-z]|[ \t]+(?!and\b|or\b|et al\b)[a-z]+[ \t]+[a-z]+\b(?![ \t]*\[)")
# a citation's authors and year before its title link: "… and Ming Zhou. 2020. ", "Smith, J. (2019). "
AUTHORS_YEAR_LEAD = lazy(r"\w[ \t]?[.,][ \t]+\(?(?:19|20)\d\d[a-z]?\)?(?:[ \t]?[.,:])?[ \t]*$")
# a clause running into a link and on after it: "The idea is basically [Minority Reports](url) with ViT" is a note
# that mentions a paper, not an entry titled "The idea is basically" (two lower-case words before, one after)
CLAUSE_INTO_LINK = lazy(r"\b[a-z]+[ \t]+[a-z]{2,}[ \t]*$")
CLAUSE_AFTER_LINK = lazy(r"[ \t]+[a-z]{2,}\b")
SENTENCE_END = lazy(r"(?<=[^\s.])[.?!](?=\s)|\s[-–—]\s|\s\(\d{4}")
# words whose period ends no sentence: "Univ. Toronto / MIT", "Smith et al. Deep nets"
ABBREVIATION = lazy(r"(?:^|[\s(/])(?:e\.g|i\.e|univ|inst|dept|intl|inc|ltd|corp|dr|prof|st|jr|vs|al|etc|fig|vol|no|pp|ed|eds)$",
                          re.IGNORECASE)


def sentence_end(text: str) -> re.Match[str] | None:
    """The first end of a sentence (or a dash or a year in parentheses) in ``text``, past abbreviations."""
    for match in SENTENCE_END.finditer(text):
        if match.group() == "." and ABBREVIATION.search(text, 0, match.start()):
            continue
        return match
    return None


_SPACED_DASH = r"\s[-–—]|[-–—]\s"
DASH_SPLIT = lazy(_SPACED_DASH)
# "…Convolutional Networks-Matthew D. Zeiler，Rob Fergus-2013.11.28": in the dash form the dash before the authors
# may touch both words; elsewhere ("Zero-Shot Classification. Smith et al. ICCV 2019", "Self-Supervised Learning of
# X, Smith, 2019") such a dash joins a word
GLUED_DASH_SPLIT = lazy(_SPACED_DASH + r"|[-–—](?=[A-Z][a-z]+\.? [A-Z])")
# what follows that glued dash when no date ends the line: two or more names ("Vincent Tjeng, Russ Tedrake", "Matthew
# D. Zeiler and Rob Fergus") or one and "et al", to the end; "Quasi-Recurrent Autoencoders, ICDE'22" and
# "Self-Supervised Learning of X, Smith, 2019" are titles with a hyphenated word
_NAME = r"[A-Z](?:[a-z'’\-]|[^\x00-\x7f\W\d])*\.?(?:[ \t]+[A-Z](?:[a-z'’\-]|[^\x00-\x7f\W\d])*\.?){0,3}"
NAMES_TO_END = lazy(
    rf"{_NAME}(?:(?:[ \t]*[,，、;&][ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+){_NAME})+(?:,?[ \t]*et al\.?)?[.,;]?[ \t]*"
    rf"|{_NAME},?[ \t]*et al\.?[.,;]?[ \t]*"
)
GENERIC_HEADING = lazy(
    r"^\W*(?:citations?|citing|cite|how to cite|bibtex|bibliography|references?|引用|参考文献)\W*$", re.IGNORECASE
)


def is_citation(line: str) -> bool:
    """A plain-text reference: APA ``Author, A. (2019). Title.`` or ``Title- Authors-2017.04.05``. Whitespace around
    the line counts for nothing (a period at the very end, or before trailing spaces, ends the same sentence)."""
    line = line.strip()
    if APA.search(line) or DASH_DATE.search(line) or _authors_year_lead(line) is not None:
        return True
    if (dashed := YEAR_VENUE_DASHED.match(line)) is not None and len(line[dashed.end() :].split()) >= 2:
        return True
    if CITED_VENUE_END.search(line) and len(line.split()) >= 4 and sentence_end(line) is not None:
        return True  # "Title. Authors et al. CVPR 2019"
    return bool(YEAR.search(line)) and line.count(",") >= 2 and len(line.split()) >= 6 and "." in line


def citation_title(line: str) -> str:
    """The title part of a plain-text reference."""
    line = line.strip().lstrip(FAKE_BULLETS).strip()
    if (dashed := YEAR_VENUE_DASHED.match(line)) is not None:  # "14-NSDI-Title - Subtitle": all after the venue
        rest = line[dashed.end() :]
        if dashed.group(1) and rest.endswith(dashed.group(1)):
            rest = rest[: -len(dashed.group(1))]
        return rest.rstrip(".").strip()
    match = APA.search(line)
    if match:
        rest = line[match.end() :].strip()
        end = rest.find(". ")
        return (rest[:end] if end > 0 else rest.rstrip(".")).strip()
    lead = _authors_year_lead(line)
    if lead is not None:
        # the title runs to its first sentence's end: a dash is part of it, and so is a question going on in lower
        # case ("Does BERT make any sense? interpretable word sense disambiguation")
        rest = line[lead:].strip()
        for end in SENTENCE_END.finditer(rest):
            mark = end.group()
            if mark == "." and not ABBREVIATION.search(rest, 0, end.start()):
                return rest[: end.start()].strip()
            if mark in "?!" and not rest[end.end() :].lstrip()[:1].islower():
                return rest[: end.end()].strip()
        return rest.rstrip(".").strip()
    dated = DASH_DATE.search(line) is not None
    for match in GLUED_DASH_SPLIT.finditer(line):
        if match.start() > 0 and (dated or match.group()[:1].isspace() or match.group()[-1:].isspace()
                                  or NAMES_TO_END.fullmatch(line, match.end())):
            return line[: match.start()].strip()
    if CITED_VENUE_END.search(line):  # "Title. Authors et al. CVPR 2019": the first sentence
        end = sentence_end(line)
        if end is not None and end.start() > 0:
            return line[: end.end() if line[end.start()] in "?!" else end.start()].strip()
    return line.rstrip(".").strip()


def _page_anchor(found: re.Match[str]) -> str:
    """The anchor a :data:`GITHUB_PAGE_FRAGMENT` match names, as a browser reads it (escapes, %-escapes, case)."""
    return unquote(followed(found.group(2))).lower()


def _authors_year_lead(line: str) -> int | None:
    """Where the title starts after a reference's names and year (``Qin et al. (2020) ``, ``Ke Tran. 2019. ``), or
    None: the names must read as names (two or more words, or an initial, "et al", "and", a comma)."""
    for pattern in (AUTHORS_PAREN_YEAR, AUTHORS_DOT_YEAR):
        match = pattern.match(line)
        if match is not None:
            names = match.group("names")
            if _NAMES.search(names) or (pattern is AUTHORS_DOT_YEAR and len(names.split()) >= 2):
                return match.end()
    return None


class _Item:
    """Working state for one list item while entries are assembled."""

    __slots__ = ("item", "unit", "entry_kind", "children")

    def __init__(self, item: ListItem, unit: InlineUnit | None) -> None:
        self.item = item
        self.unit = unit  # first paragraph, when it starts on the marker line
        self.entry_kind: Layout | None = None
        self.children: list[int] = []


class _LineIndex(Record):
    """First lines of headings, inline units and BibTeX blocks, for bisecting by line."""
    heading_lines: list[int]
    inline_lines: list[int]  # of walk.inlines, which are in document order
    bibtex_lines: list[int]  # first content line - 1 of walk.bibtex


class Builder:
    def __init__(self, walk: Walk, source: SourceText, vocabulary: Iterable[str]) -> None:
        self.walk = walk
        self.source = source
        self.text = source.text
        self.vocabulary = tuple(vocabulary)
        self._index: _LineIndex | None = None
        self._tags: dict[tuple[int, int, int | None], list[StatusTag]] = {}
        self._papers: dict[int, tuple[str, int, int, tuple[Link, ...]] | None] = {}
        self._top_items: dict[int, ListItem] | None = None
        self._link_paragraphs: set[int] | None = None
        self._led_urls: dict[int, str] = {}  # id of a paragraph with a project's link alone on its first line -> URL
        self._lists: dict[int, list[ListItem]] | None = None
        self._next_units: dict[int, InlineUnit] | None = None  # id of an item's paragraph -> its next paragraph
        self._html_link_starts: list[int] | None = None  # of walk.html_links, in document order
        self._anchors: frozenset[str] = frozenset()  # this page's heading anchors, once _own_repos is known
        self._own_repos: frozenset[str] | None = None
        # items under an entry heading that restate its title before its links ("##### Maxout Networks" /
        # "- Maxout Networks [[arXiv]](url)"): the heading entry's link lines, not entries (set by entry_headings)
        self.heading_items: set[int] = set()

    def link_paragraphs(self) -> set[int]:
        """Ids of paragraphs that are one link titled by words, three or more of them between two headings: papers
        listed as paragraphs (``[Federated Optimization: Distributed ML](url)``, a blank line, the next). One
        such paragraph alone ("[Read the guidelines first](CONTRIBUTING.md)"), or two ("Follow us on Twitter", "Join
        our Discord"), are notes, unless the file has five or more and three of them under one heading."""
        if self._link_paragraphs is None:
            runs: list[list[int]] = [[]]
            led: list[list[int]] = [[]]  # "**[ArchUnit](url)** <kbd>★ 3.8k</kbd><br>Test library …": a link, then words
            for unit in self.walk.stream:
                if unit[0] == "heading":
                    runs.append([])
                    led.append([])
                elif unit[0] == "inline" and unit[1].item is None and unit[1].kind == "paragraph":
                    if self._whole_link(unit[1]) is not None:
                        runs[-1].append(id(unit[1]))
                    elif (url := self._leading_link(unit[1])) is not None:
                        led[-1].append(id(unit[1]))
                        if unit[1].end_line - unit[1].line > 1:
                            self._led_urls[id(unit[1])] = url
            # three under one heading are a list; a file of many (five or more, three of them under one heading)
            # takes in a section's one or two as well
            many = sum(len(run) for run in runs) >= 5 and any(len(run) >= 3 for run in runs)
            self._link_paragraphs = {key for run in runs if len(run) >= 3 or many for key in run}
            self._link_paragraphs.update(key for run in led if len(run) >= 3 for key in run)
            # ... and so does a section's one or two projects written as the link alone on a hard-broken first line,
            # its words below ("[**Lambda3**](url) \" / "Conteúdo sobre: …"), when it links out of the repository
            # ("[Read the rules](CONTRIBUTING.md) \" / "before you contribute." is a note); not one-line paragraphs
            # ("[Contributing](url) - read it first.")
            if sum(len(run) for run in led) >= 5 and any(len(run) >= 3 for run in led):
                self._link_paragraphs.update(key for run in led if len(run) < 3 for key in run
                                             if (url := self._led_urls.get(key)) and not _repository_page(url))
        return self._link_paragraphs

    def _leading_link(self, unit: InlineUnit) -> str | None:
        """A one-line paragraph (a quote's too) that opens with a link to a page, in bold or not, and goes on with
        words: a project written as a paragraph (``> **[ArchUnit](url)** <kbd>★</kbd><br>Test library …``); or a
        paragraph whose hard-broken first line is that link and its badges alone, its words on the lines below. The
        link's URL when it is, None when not."""
        line = self.source.line(unit.line)
        broken = BREAK_AT_END.search(line)
        if unit.end_line - unit.line != 1 and broken is None:
            return None
        links = [link for link in unit.facts.links if content_link(link) and not link.in_badge]
        if not links or links[0].text_span is None or _label_link(links[0]) or not clean_title(links[0].text) \
                or links[0].text.startswith(("<img", "![")):
            return None
        lead = QUOTE_AND_STRONG_LEAD.match(line)
        start = self.source.line_start(unit.line) + (lead.end() if lead else 0)
        if links[0].full_span.start != start:
            return None
        line_end = self.source.line_end(unit.line)
        if unit.end_line - unit.line != 1:
            # "[**Curso em Vídeo**](url) [<img src="badge.svg">](url) \" / "Conteúdo sobre: …": the name's link and
            # its badges (images, or links around one) alone on a hard-broken first line, the description below
            assert broken is not None
            at = links[0].full_span.end
            for link in links[1:]:
                if link.full_span.start >= line_end:
                    break
                if not link.text.lstrip().startswith(("<img", "![")) \
                        or self.text[at : link.full_span.start].strip(" \t*_"):
                    return None
                at = link.full_span.end
            if self.text[at : line_end - len(broken.group())].strip(" \t*_") \
                    or WORD.search(self.text, line_end, self.source.line_end(unit.end_line - 1)) is None:
                return None
            return links[0].url
        rest = self.text[links[0].full_span.end : line_end].lstrip("*_")
        return links[0].url if PROJECT_TAIL.match(rest) is not None and WORD.search(rest) is not None else None

    def _whole_link(self, unit: InlineUnit) -> Link | None:
        links = [link for link in unit.facts.links if content_link(link)]
        if len(links) != 1 or links[0].text_span is None or len(clean_title(links[0].text).split()) < 3:
            return None
        line_start = self.source.line_start(unit.line)
        written = self.text[line_start : self.source.line_end(unit.end_line - 1)].strip()
        return links[0] if written == links[0].full_span.of(self.text) else None

    def top_items_by_line(self) -> dict[int, ListItem]:
        """Top-level list items by the line of their marker (built once)."""
        if self._top_items is None:
            self._top_items = {item.line: item for item in self.walk.items if item.depth == 0}
        return self._top_items

    def top_items_of_list(self, list_index: int) -> list[ListItem]:
        if self._lists is None:
            self._lists = {}
            for item in self.top_items_by_line().values():
                self._lists.setdefault(item.list_index, []).append(item)
        return self._lists.get(list_index, [])

    def paper_paragraph(self, unit: InlineUnit) -> tuple[str, int, int, tuple[Link, ...]] | None:
        """:func:`paper_paragraph`, once per paragraph (heading detection asks too)."""
        key = id(unit)
        if key not in self._papers:
            self._papers[key] = paper_paragraph(self, unit)
        return self._papers[key]

    def line_index(self) -> _LineIndex:
        if self._index is None:
            w = self.walk
            self._index = _LineIndex(sorted(h.line for h in w.headings if not h.nested), [u.line for u in w.inlines],
                                     [b.first_line - 1 for b in w.bibtex])
        return self._index

    # ---- tags -------------------------------------------------------------------------------------------------
    def tags_in(self, start: int, end: int, links: Iterable[Link], checkbox_at: int | None = None) -> list[StatusTag]:
        key = (start, end, checkbox_at)
        cached = self._tags.get(key)
        if cached is None:
            excluded = [link.full_span for link in links]
            cached = self._tags[key] = find_tags(self.text, start, end, self.vocabulary, excluded,
                                                 checkbox_at=checkbox_at)
        return cached

    # ---- headings ---------------------------------------------------------------------------------------------
    def entry_headings(self) -> set[int]:
        """Indices (into walk.headings) of headings that are entries of the heading layout.

        A leaf heading is an entry when its body (up to the next heading) holds no list entries and either its
        text carries a status tag or its body a BibTeX fence (strong evidence), or its body has link lines and a
        neighbouring heading of the same level qualifies too (a run of entry headings); so is a heading with no
        body at all between two entry headings of its run."""
        headings = self.walk.headings
        items_with_links = set()
        labelled = set()  # items that are a label and a link ("Paper: [arXiv](url)"): link lines of a heading entry
        lead: dict[int, str] = {}  # a top-level item's text before its first link, as written
        first_links: dict[int, Link] = {}  # an item with links -> the first of them

        def note(index: int) -> bool:
            """An item that only mentions a link in a clause ("1. The idea is basically [Minority Reports](url) with
            ViT"): a heading entry's note, which leaves the heading an entry. Asked only of items under a leaf
            heading, and only until one of them is an entry."""
            item, link = self.walk.items[index], first_links[index]
            line_end = self.source.line_end(item.line)
            return link.full_span.start < line_end and _mentioned_in_a_clause(
                self.text[item.content_start : link.full_span.start], link, self.text[link.full_span.end : line_end])

        for u in self.walk.inlines:
            if u.item is not None and u.line == self.walk.items[u.item].line and self._link_line(u):
                item = self.walk.items[u.item]
                link = min((l for l in u.facts.links if content_link(l)), key=lambda l: l.full_span.start)
                written = self.text[item.content_start : link.full_span.start]
                if LINK_LABEL.fullmatch(written):
                    if item.parent_item is None:  # nested, it labels the link of the item above, not the heading's
                        labelled.add(u.item)
                else:
                    items_with_links.add(u.item)
                    first_links[u.item] = link
                    if item.parent_item is None:
                        lead[u.item] = written
        body: dict[int, list[tuple]] = {}
        head_units: dict[int, InlineUnit] = {}
        current: int | None = None
        count = 0
        for unit in self.walk.stream:
            if unit[0] == "heading" and not unit[1].nested:
                current = count
                count += 1
                body[current] = []
                head_units[current] = unit[2]
            elif unit[0] == "heading":
                count += 1  # a heading of an item's notes: part of the body it is in (it is never a candidate)
                if current is not None:
                    body[current].append(unit)
            elif current is not None:
                body[current].append(unit)
        candidates: dict[int, bool] = {}  # heading -> strong evidence (status tag or bibtex)
        restating: dict[int, set[int]] = {}  # heading -> its items that restate it
        # an empty heading ("####" alone) holds nothing: it does not make the heading above it a section
        worded = [n for n, h in enumerate(headings) if h.text.strip() and not h.nested]
        next_worded = {a: b for a, b in zip(worded, worded[1:])}
        for n, heading in enumerate(headings):
            if heading.nested:
                continue
            following = next_worded.get(n)
            is_leaf = following is None or headings[following].level <= heading.level
            if not is_leaf:
                continue
            units = body.get(n, [])
            # an item with a link makes the heading a section over entries, unless it restates the heading's title
            # ("- Maxout Networks [[arXiv]](url)": the heading entry's link line) or only mentions a link in a note
            heading_title: str | None = None
            own: set[int] = set()
            over_entries = False
            for u in units:
                if u[0] != "item" or u[1].index not in items_with_links:
                    continue
                if heading_title is None:
                    heading_title = clean_title(heading.rendered or heading.text).strip("[] ").casefold()
                if heading_title and _restated(lead.get(u[1].index), heading_title):
                    own.add(u[1].index)
                elif not note(u[1].index):
                    over_entries = True
                    break
            if over_entries:
                continue
            if any(u[0] == "inline" and u[1].item is None and u[1].kind == "paragraph" and u[1].facts.links
                   and (paper := self.paper_paragraph(u[1])) is not None
                   and not _restates(heading, paper[0]) for u in units):
                continue  # a heading over papers written as paragraphs is their section (not over its own paper)
            if len({u[1].line for u in units if u[0] == "inline" and u[1].kind == "cell" and self._link_line(u[1])}) > 1:
                continue  # a heading over a table whose rows link (papers, tools) is their section
            bib_count = sum(1 for u in units if u[0] == "fence" and u[2] is not None)
            if GENERIC_HEADING.match(heading.text) or bib_count > 1:
                continue  # "## Citation(s)" over one or many BibTeX blocks is a section, not a paper
            has_bib = bib_count == 1
            has_link = any(u[0] == "inline" and u[1].item is None
                           and (self._links_paragraph(u[1]) or self.opening_link(u[1]) is not None) for u in units) \
                or self._link_line(head_units[n]) or bool(own) \
                or any(u[0] == "item" and u[1].index in labelled for u in units)  # "- Paper: [arXiv](url)"
            tags = self.tags_in(heading.text_span.start, heading.text_span.end, head_units[n].facts.links)
            if has_bib or tags:
                candidates[n] = True
            elif has_link:
                candidates[n] = False
            if own:
                restating[n] = own
        # siblings: the headings of one level under the same parent heading
        siblings: dict[tuple[int, int], list[int]] = {}
        parents: list[int] = []  # a stack of heading indices, shallowest first
        for n, heading in enumerate(headings):
            while parents and headings[parents[-1]].level >= heading.level:
                parents.pop()
            siblings.setdefault((parents[-1] if parents else -1, heading.level), []).append(n)
            parents.append(n)
        group_of = {n: group for group in siblings.values() for n in group}
        chosen: set[int] = set()
        for n, strong in candidates.items():
            # weak evidence (link lines only) needs more such headings below a section (level 3 or deeper), most of
            # its siblings: two "### Beta: see [this](url)" stubs among sections of lists stay sections, and a
            # series heading over a list of its books does not make the novels beside it sections
            alike = sum(1 for m in group_of[n] if m in candidates)
            if strong or (headings[n].level >= 3 and alike >= 2 and 2 * alike > len(group_of[n])):
                chosen.add(n)
                self.heading_items |= restating.get(n, set())
        # a heading with nothing under it between two entry headings of its run: a paper without notes yet
        for group in siblings.values():
            for before, n, after in zip(group, group[1:], group[2:]):
                if before in chosen and after in chosen and n not in chosen and not body.get(n) \
                        and next_worded.get(n) == after and headings[n].text.strip():
                    chosen.add(n)
        return chosen

    def _link_line(self, unit: InlineUnit) -> bool:
        return any(content_link(link) for link in unit.facts.links)

    def _links_paragraph(self, unit: InlineUnit) -> bool:
        """A paragraph of links with labels ("paper link: [here](url)", "[[pdf]](url) [[code]](url)"), not prose
        that mentions a link: at most four words besides the links per line, on average."""
        links = [l.full_span for l in unit.facts.links if content_link(l)]
        return bool(links) and self._words_besides(unit, links, self.source.line_start(unit.line)) <= 4 * max(
            1, unit.end_line - unit.line)

    def opening_link(self, unit: InlineUnit) -> Link | None:
        """The link that opens a paragraph, after a label at most (``[Visual Instruction Tuning](url). A large …``,
        ``**Paper:** [Title](url)  \\n**Note:** …``): a paper's link line, whatever prose follows it."""
        if unit.kind != "paragraph":
            return None
        first = next((link for link in unit.facts.links if content_link(link)), None)
        if first is None or first.text_span is None or _label_link(first):
            return None
        line_start = self.source.line_start(unit.line)
        if first.full_span.start > self.source.line_end(unit.line):
            return None
        prefix = self.text[line_start : first.full_span.start].lstrip(" \t>")
        return first if not prefix.strip("*_") or LINK_LABEL.fullmatch(prefix) else None

    def _words_besides(self, unit: InlineUnit, links: list[Span], start: int) -> int:
        """How many words the paragraph ``unit`` holds from ``start`` on outside the spans ``links``."""
        text = self.text
        end = self.source.line_end(min(unit.end_line, self.source.line_count) - 1)
        rest, at = [], start
        for span in sorted(links, key=lambda span: span.start):
            rest.append(text[at : span.start])
            at = max(at, span.end)
        rest.append(text[at:end])
        return sum(1 for w in re.split(r"[\W_]+", "".join(rest)) if w)

    def into_this_page(self, link: Link) -> bool:
        """A link to a heading of this page written as a whole GitHub URL (a contents list's
        ``https://github.com/o/r/blob/master/README.md#deep-active-inference``): a fragment link, as ``#…`` is."""
        if "github.com/" not in link.url or "#" not in link.url:
            return False
        found = GITHUB_PAGE_FRAGMENT.fullmatch(link.url)
        if found is None:
            return False
        if self._own_repos is None:
            self._own_repos = self._repos_linking_here()
        return found.group(1).lower() in self._own_repos and _page_anchor(found) in self._anchors

    def _repos_linking_here(self) -> frozenset[str]:
        """The repositories (``owner/name``) that at least three of the page's links name with a fragment that is a
        heading of this page: this page's own repository, as its contents list writes it. One or two such links may
        be another project's sections that happen to share a heading's name (``meeseeks#html`` under "HTML")."""
        candidates = [found for unit in self.walk.inlines for link in unit.facts.links
                      if "github.com/" in link.url and "#" in link.url
                      and (found := GITHUB_PAGE_FRAGMENT.fullmatch(link.url)) is not None]
        if len(candidates) < 3:
            return frozenset()
        seen: dict[str, int] = {}
        self._anchors = frozenset(github_anchor(h.rendered or h.text, seen) for h in self.walk.headings)
        counts = Counter(found.group(1).lower() for found in candidates
                         if _page_anchor(found) in self._anchors)
        return frozenset(repo for repo, count in counts.items() if count >= 3)

    # ---- list items -------------------------------------------------------------------------------------------
    def list_entry(self, work: _Item) -> tuple[Layout, str, Span | None, Link | None] | None:
        """(layout, title, title span, primary link) when the item is an entry."""
        item, unit = work.item, work.unit
        line_end = self.source.line_end(item.line)
        if unit is None:
            return None
        if item.parent_item is not None and _italic_names_line(self.text[item.content_start : line_end]):
            return None  # "  - *[Hongwei Wang], Fuzheng Zhang, Xing Xie*": the authors of the paper above
        # (a "#" in the URL first: most links have none, and this runs for every link of every item)
        links = [l for l in unit.facts.links if content_link(l) and not ("#" in l.url and self.into_this_page(l))]
        first_line_links = [l for l in links if l.full_span.start < line_end]
        fragment_only = [l for l in unit.facts.links if l.kind is LinkKind.INLINE and "#" in l.url
                         and (l.is_fragment or self.into_this_page(l))]
        start = item.content_start
        if not first_line_links and unit.end_line - unit.line >= 2 and item.line + 1 < unit.end_line \
                and (alone := BADGE_RUN.match(self.text, start, line_end)) is not None and alone.end() == line_end:
            # "- ![Star](https://img.shields.io/…)" / "  [zls](url) - …": badges alone on the first line, the name's
            # link wrapped onto the next (one paragraph, read as if on one line): the badges are decoration
            next_end = self.source.line_end(item.line + 1)
            wrapped = [l for l in links if l.full_span.start < next_end]
            if wrapped:
                start = self.source.line_start(item.line + 1)
                while start < next_end and self.text[start] in " \t":
                    start += 1
                line_end, first_line_links = next_end, wrapped
        if first_line_links:
            lead = start
            badges = BADGE_RUN.match(self.text, lead, line_end)
            if badges is not None and any(l.full_span.start >= badges.end() for l in first_line_links):
                lead = badges.end()  # icons before the name ("![Non Free][money] [Bitwig](url)"): decoration
            # "[🤖](#icons) [Aegis](url) - …": an icon linking to the list's legend of icons is decoration too
            while (icon := self._icon_link_at(unit, lead, line_end)) is not None \
                    and any(l.full_span.start >= icon.full_span.end for l in first_line_links):
                lead = icon.full_span.end
                while lead < line_end and self.text[lead] in " \t":
                    lead += 1
            first = next(l for l in first_line_links if l.full_span.start >= lead)
            prefix = self.text[lead : first.full_span.start]
            if LINK_LABEL.fullmatch(prefix):
                return None  # "Code: [GitHub](url)": a link line, not an entry
            if _labels_title_link(prefix, first) \
                    and not SENTENCE_AFTER_LINK.match(self.text, first.full_span.end, line_end):
                # "**Monday** - [mHC: Manifold-Constrained …](url)"; not "**DropBox** - [Bad privacy policy](url). The
                # app has …", where the link opens the name's description and the sentence goes on after it
                return Layout.LIST, clean_title(first.text), first.text_span, first
            if LEAD_LABEL.fullmatch(prefix.rstrip()) and not _label_link(first) and first.text_span is not None \
                    and (_word_count(first.text) >= 3 or _numbered_label_link(prefix, first, self.text)):
                # "SALMon: [A Suite for Acoustic LM Evaluation](url)", "第 407 期：[国家为什么需要开源软件？](url)": a
                # label, a colon, then the titled link; after a numbered label ("第 1 期：[创刊号](url)", "Issue 12:
                # [Brain rot](url)") the link names the issue however short
                return Layout.LIST, clean_title(first.text), first.text_span, first
            if AUTHORS_YEAR_LEAD.search(prefix) and first.kind is LinkKind.INLINE and not _label_link(first) \
                    and first.text_span is not None and (len(first.text.split()) > 1 or first.text[:1].isupper()) \
                    and not first.text.startswith(("[", "!")) and "**" not in prefix and "__" not in prefix:
                # "Jian Yang and Ming Zhou. 2020. [Title](url). In *ACL*.": authors and year, then the titled link
                return Layout.LIST, clean_title(first.text), first.text_span, first
            if _year_venue_label(prefix, first, self.text[first.full_span.end : line_end]):
                # "2018 IEEE ACCESS [Threat of Adversarial Attacks …](url)", "2018 - WWW - [DKN: …](url)",
                # "(GWNN)[Graph Wavelet Neural Network](url)": a year and venue, or a nickname, label the titled link
                return Layout.LIST, clean_title(first.text), first.text_span, first
            labelled = LEADING_LABELS.search(prefix) and (_label_link(first) or first.kind is LinkKind.BARE)
            if LEAD_PREFIX.match(prefix) and not labelled:  # "[SSD] [pdf](url)", "[Adam] (https://…)": not titles
                tagged = self._title_after_tag_link(first, line_end, first_line_links)
                if tagged is not None:
                    return Layout.LIST, tagged[0], tagged[1], first
                title = clean_title(first.text)
                if "![" in first.text or first.text.startswith("<img"):
                    title = ""
                return Layout.LIST, title, first.text_span, first
            after = self.text[first.full_span.end : line_end]
            if prefix.rstrip().endswith(('"', "“")) and after.startswith(('"', "”")) and not _label_link(first) \
                    and first.text_span is not None and len(first.text.split()) >= 2:
                # '2024-01-03, we release the paper "[A Comprehensive Study of …](url)"': the quoted link is the title
                return Layout.LIST, clean_title(first.text), first.text_span, first
            # "Title. In *Venue*. [[pdf](url)]"; "AdRoll http://tech.adroll.com/blog/" when not nested under another
            # item (a nested "Full list - https://…" is a resource of the item above) and not in brackets
            # ("[Adam] (https://…)" is a broken link, LL402's) or parentheses ("Adam (https://…)"); a name may
            # hold parentheses of its own ("Foliate(PDF): https://…")
            named = prefix
            if (box := TASK_BOX.match(prefix)) is not None and not prefix[box.end():].lstrip()[:1].islower():
                named = prefix[box.end():]  # "[x] Title https://…"; "[x] use attention upsampling https://…" is a to-do
            # ... nor in an open quotation ('Copy the link, something like "https://…"', '"git clone https://…"')
            bare_name = item.parent_item is None and "[" not in named and "]" not in named \
                and named.count("(") == named.count(")") and named.count('"') % 2 == 0 \
                and named.count("“") == named.count("”")
            if not _inside_a_sentence(prefix) \
                    and not (item.parent_item is not None and _clause_into_link(prefix, first, after)) \
                    and not (item.parent_item is None and _sentence_through_link(prefix, after)) \
                    and not SENTENCE_GOES_ON.match(after) \
                    and not _mentioned_in_a_clause(prefix, first, after) \
                    and (first.kind is not LinkKind.BARE or bare_name):
                title, span = self._leading_text_title(start, first.full_span.start)
                if title:
                    return Layout.LIST, title, span, first
        if not links:
            boxed = self._boxed_item(item.content_start, line_end, unit)
            if boxed is not None:
                return boxed
        if fragment_only and not links:
            return None  # a table-of-contents item
        if links:
            # links only on later lines: a title line followed by lines of links ("Title.\n  [[pdf]](url)
            # [[code]](url)") is an entry; a note that mentions a link further on is not
            if self._link_lines_only(unit, line_end):
                # a first line that stops mid-phrase (on a lower-case letter) wrapped its title, which ends before
                # the link ("Weighted Finite-State Transducers in\nSpeech Recognition <url>"); "Title.\n[[pdf]](url)"
                # and "**Title**\narXiv 2025 [paper](url)" end at their line
                first_start = min(l.full_span.start for l in links)
                last = self.text[item.content_start : line_end].rstrip()[-1:]
                wrapped = last.islower() and WORD.search(self.text, line_end, first_start) is not None
                title, span = self._leading_text_title(item.content_start, first_start if wrapped else line_end)
                if title:
                    return Layout.LIST, title, span, primary_of(self.text, links)
            # "Benchmarking Data Curation Systems," / "IEEE Data Eng. Bull. 2016 [[Paper]](url)": a title that the
            # comma after it carries on to its venue, year and links on the next line (links named by labels: a line
            # of authors ending with a comma goes on to the title's own link, "Gallego, G.,  " / "*[Title](url)*,")
            if self.text[item.content_start : line_end].rstrip().endswith(",") and all(map(_label_link, links)) \
                    and not any(l.full_span.start < line_end for l in unit.facts.links) \
                    and _paper_marks(self.text[line_end : self.source.line_end(unit.end_line - 1)], links):
                title, span = self._leading_text_title(item.content_start, line_end)
                if title:
                    return Layout.LIST, title, span, primary_of(self.text, links)
            # "Generative Adversarial Network-based Postfilter" / "for STFT Spectrograms [pdf](url)": a title that
            # wraps mid-phrase (its first line ends on a letter, or on the colon before a subtitle) onto a second line
            # ending in its labelled or bare links
            first_start = min(l.full_span.start for l in links)
            last = self.text[item.content_start : line_end].rstrip()[-1:]
            if unit.end_line - unit.line == 2 and all(_label_link(l) or l.kind is LinkKind.BARE for l in links) \
                    and (last.isalpha() or last == ":") \
                    and ". " not in self.text[line_end:first_start] \
                    and self._words_besides(unit, [l.full_span for l in unit.facts.links], first_start) <= 2:
                title, span = self._leading_text_title(item.content_start, first_start)
                if title:
                    return Layout.LIST, title, span, primary_of(self.text, links)
            # "**Title** <br>" / "*Authors* <br>" / "CoRL, 2020. [[Paper]](url)", or "**Title**. *Authors,\n
            # more authors*. ICLR 2019. [[pdf](url)]": a bold title opens the item, its links come on later lines
            bold = bold_title_line(self.text, item.content_start, self.source.line_end(unit.end_line - 1),
                                   alone=False, wrapped=True)
            if bold is not None:
                if _paper_marks(self.text[line_end : self.source.line_end(unit.end_line - 1)], links):
                    title, at = bold
                    span = Span(at, at + len(title)) if at >= 0 else None
                    return Layout.LIST, title, span, primary_of(self.text, links)
            return None
        if (later := self._next_paragraph(unit)) is not None:
            # "1. **Title.** Preprint." / (blank line) / "   *Authors.* [[pdf](url)], 2021.7": a loose item whose
            # first paragraph is the bold title and whose next one holds the paper's links
            later_links = [l for l in later.facts.links if content_link(l) and not l.is_fragment]
            bold = bold_title_line(self.text, item.content_start, self.source.line_end(unit.end_line - 1),
                                   alone=False, wrapped=True)
            if later_links and bold is not None and _paper_marks(later.content, later_links):
                title, at = bold
                return Layout.LIST, title, Span(at, at + len(title)) if at >= 0 else None, \
                    primary_of(self.text, later_links)
        if not links and (paper := self._authors_title_over_link_paragraphs(item, unit)) is not None:
            return paper
        first_line = self.text[item.content_start : line_end]
        if is_citation(first_line):
            tags = self.tags_in(item.content_start, line_end, (), checkbox_at=item.content_start)
            words = [t for t in tags if t.form == "tag"]
            if words:
                first_line = self.text[item.content_start : words[0].span.start]
            title = citation_title(first_line)
            at = self.text.find(title, item.content_start, line_end) if title else -1
            # cleaned like every other title, so a "•" line and the list item it becomes have the same title
            return Layout.CITATION, clean_title(title), Span(at, at + len(title)) if at >= 0 else None, None
        return None

    def anchor_item(self, item: ListItem,
                    unit: InlineUnit | None) -> tuple[Layout, str, Span | None, Link | None] | None:
        """``- <a href="url">DocVQA</a> contains …``, ``- <p><a href="url">Name</a> …</p>``: an item opened by an
        HTML anchor is an entry titled by the anchor's words. Its link is the anchor's, given those words as its
        text, so that the entry reads as one led by a Markdown link does. Not an anchor to this page's headings (a
        contents line), nor one nested in another item (``<a href="shot.png">Screenshot 1</a>`` under an app)."""
        if item.parent_item is not None or not self.text.startswith("<", item.content_start):
            return None
        line_end = self.source.line_end(item.line)
        anchor = leading_anchor(self.text, item.content_start, line_end)
        if anchor is None:
            return None
        href = anchor.start("href")
        candidates = unit.facts.links if unit is not None else self._html_links_within(item.content_start, line_end)
        link = next((l for l in candidates
                     if l.kind is LinkKind.HTML and l.full_span.start <= href < l.full_span.end), None)
        title = clean_title(html_words(anchor.group("inner")))
        if link is None or not title or link.is_fragment or ("#" in link.url and self.into_this_page(link)):
            return None
        at = self.text.find(title, anchor.start("inner"), anchor.end("inner"))
        span = Span(at, at + len(title)) if at >= 0 else None
        return Layout.LIST, title, span, link._replace(text=title, text_span=span)

    def _html_links_within(self, start: int, end: int) -> list[Link]:
        """The links of HTML blocks that start between ``start`` and ``end``."""
        if self._html_link_starts is None:
            self._html_link_starts = [link.full_span.start for link in self.walk.html_links]
        starts = self._html_link_starts
        return self.walk.html_links[bisect_left(starts, start) : bisect_left(starts, end)]

    def _authors_title_over_link_paragraphs(self, item: ListItem,
                                            unit: InlineUnit) -> tuple[Layout, str, Span | None, Link | None] | None:
        """A loose item of a paper: a line of authors (after a bold nickname: "**BSC-Attack:** Kai Chen, Zhipeng Wei.
        <br />", or ending in a colon: "Kartik Gupta, Thalaiyasingam Ajanthan:"), the title on the next line or in
        the next paragraph (quoted or not, a venue after the quotes), then paragraphs of labelled links only
        ("[[paper](url)]", "[[code](url)]"): the title names the entry, the first link is its link."""
        paragraphs = [unit]
        while len(paragraphs) < 3 and (later := self._next_paragraph(paragraphs[-1])) is not None:
            paragraphs.append(later)
            if any(content_link(l) for l in later.facts.links):
                break
        links_at = paragraphs[-1]
        links = [l for l in links_at.facts.links if content_link(l) and not l.is_fragment]
        if links_at is unit or not links or not all(_label_link(l) for l in links) \
                or self._words_besides(links_at, [l.full_span for l in links_at.facts.links],
                                       self.source.line_start(links_at.line)) > 0:
            return None
        lines = [(item.content_start, self.source.line_end(unit.line))]
        lines += [(self.source.line_start(i), self.source.line_end(i))
                  for p in paragraphs[:-1] for i in range(p.line, p.end_line) if (p, i) != (unit, unit.line)]
        if len(lines) != 2:
            return None
        authors = self.text[lines[0][0] : lines[0][1]]
        label = BOLD_LABEL.match(authors)
        if label is not None and ":" in label.group(0):  # "**BSC-Attack:** ", "**TT**: "
            authors = authors[label.end():]
        authors = BREAK_AT_END.sub("", authors.strip())
        ended_by_colon = authors.endswith((":", "："))
        authors = authors.rstrip(":.：").strip()
        names = [part.strip() for part in authors.split(",")]
        one = len(names) == 1 and len(names[0].split()) >= 2 and ended_by_colon  # "Kwang In Kim:"
        if (len(names) < 2 and not one) or not all(_PERSON.fullmatch(name) for name in names):
            return None
        start, end = lines[1]
        while start < end and self.text[start] in " \t":
            start += 1
        quoted = QUOTED_LINE_TITLE.match(self.text, start, end)
        if quoted is not None:
            start, end = quoted.span("title")
        else:
            while end > start and self.text[end - 1] in " \t.":
                end -= 1
        title = self.text[start:end]
        if len(title.split()) < 2 or "[" in title or "](" in title:
            return None
        return Layout.LIST, clean_title(title), Span(start, end), links[0]

    def _next_paragraph(self, unit: InlineUnit) -> InlineUnit | None:
        """The paragraph of the same list item right after ``unit`` (its item's second paragraph), if any."""
        if self._next_units is None:
            self._next_units = {}
            previous: InlineUnit | None = None
            for other in self.walk.inlines:
                if previous is not None and other.item is not None and other.item == previous.item \
                        and other.kind == "paragraph":
                    self._next_units[id(previous)] = other
                previous = other
        return self._next_units.get(id(unit))

    def _link_lines_only(self, unit: InlineUnit, first_line_end: int) -> bool:
        """Whether every later line of the item's first paragraph is links and punctuation (at most a word or
        two besides): the lines of links of a "title line, then links" entry."""
        links = [l.full_span for l in unit.facts.links if l.full_span.start >= first_line_end]
        return bool(links) and self._words_besides(unit, links, first_line_end) <= 2

    def _icon_link_at(self, unit: InlineUnit, at: int, end: int) -> Link | None:
        """The link starting at ``at`` (past spaces) when it leads into this page and its text is an icon, emoji or
        shortcodes without words: ``[🤖](#icons)``, ``[:robot:](#legend)``."""
        while at < end and self.text[at] in " \t":
            at += 1
        for link in unit.facts.links:
            if link.full_span.start == at:
                if link.kind is LinkKind.INLINE and "#" in link.url and (link.is_fragment or self.into_this_page(link)) \
                        and link.text and not any(ch.isalnum() for ch in ICON_TEXT_WORDS.sub("", link.text)):
                    return link
                return None
        return None

    def _title_after_tag_link(self, first: Link, line_end: int, links: list[Link]) -> tuple[str, Span | None] | None:
        """``[[AAAI](url)] FracBits: Mixed Precision Quantization. [qnn]``: a link in brackets whose text is a short
        tag (a venue, a year, "pdf") and a sentence of words after it: the words are the title, the link stays the
        entry's link."""
        end = first.full_span.end
        bracketed = None
        if self.text.startswith("]", end) and self.text[first.full_span.start - 1 : first.full_span.start] == "[":
            end += 1
        elif self.text.startswith("\\]", end) \
                and self.text[first.full_span.start - 2 : first.full_span.start] == "\\[":
            end += 2  # "\[[ACM MM 2023](url)\] Title": the brackets escaped, as some lists write them
        elif bracketed := BRACKETED_TAG_TEXT.fullmatch(first.text) and (YEAR.search(first.text) or _label_link(first)):
            pass  # "[[2017-NIPS]](url) **Title**": the brackets inside the link, around a venue and year
        elif not (self.text.startswith(",", end) and (_label_link(first) or VENUE_DATE_TEXT.fullmatch(first.text))):
            return None  # "[website](url), Title", "[arXiv 2026.05](url), Title": a tag link, a comma, the title
        if len(first.text.split()) > (4 if bracketed else 3):  # "[[2021-nature machine intelligence]](url)"
            return None
        stop = min((l.full_span.start for l in links if l.full_span.start > end), default=line_end)
        title, span = self._leading_text_title(end + (self.text[end] == ","), stop)
        if len(title.split()) < 2 and not any(ch.isupper() for ch in title):
            # "Deep Sets" is a title, and so is one name ("[[Arxiv](url)] ControlNet", "D3GA - Drivable …"); one
            # lower-case word may be a note ("[[pdf](url)] draft")
            return None
        return title, span

    def _boxed_item(self, start: int, end: int, unit: InlineUnit) -> tuple[Layout, str, Span | None, None] | None:
        """An item opened by a task box and holding no link to another page is an entry of a reading (or study)
        plan: ``- [x] [AlexNet](#alexnet)`` (its notes further down the page), ``- [ ] Implement a vector``. The
        box is its status; without it, such an item is a table-of-contents line or a note."""
        box = TASK_BOX.match(self.text, start, end)
        if box is None:
            return None
        rest = Span(box.end(), end)
        inside = [link for link in unit.facts.links if rest.contains(link.full_span)]
        title = clean_title(as_read(self.text, rest, inside, unit.facts.html_spans, images=False)).rstrip(":")
        if len(title) < 2 or not any(ch.isalnum() for ch in title):
            return None
        whole = [link for link in inside if link.text_span is not None
                 and self.text[rest.start : rest.end].strip() == link.full_span.of(self.text)]
        if whole:  # the box and one link: the link's text is the title
            span = whole[0].text_span
        else:
            at = self.text.find(title, rest.start, rest.end)
            span = Span(at, at + len(title)) if at >= 0 else None
        return Layout.LIST, title, span, None

    def _leading_text_title(self, start: int, end: int) -> tuple[str, Span | None]:
        box = TASK_BOX.match(self.text, start, end)
        if box:  # "[ ] Title [pdf](url)": the task box is a checkbox, not part of the title
            start = box.end()
        start = title_start(self.text, start, end)
        raw = self.text[start:end]
        strong = LEADING_STRONG.match(raw)
        if strong is None and (nick := NICKNAME_BEFORE_STRONG.match(raw)) is not None:
            # "DLinear: **Are Transformers Effective …**, _Zeng et al._": a nickname and a colon, then the bold title
            strong = LEADING_STRONG.match(raw, nick.end())
        if strong and raw.startswith(":", strong.end()) and _opens_with_title(raw[strong.end() + 1 :]):
            # "**PIGLeT**: "PIGLeT: Language Grounding …", *ACL 2021*": a name, then the title
            start += strong.end() + 1
            raw = self.text[start:end]
            strong = LEADING_STRONG.match(raw)
        if strong and (names := NAMES_AND_YEAR.match(strong.group(2).strip())) and _NAMES.search(names.group(1)):
            # "**Endsley, M. R. (1995).** Toward a Theory of … *Human Factors*": the bold words are the reference's
            # names and year, the title follows them
            start = title_start(self.text, start + strong.end(), end)
            raw = self.text[start:end]
            strong = None
        if strong:  # "**Title** Authors. Venue. [[pdf]](url)": the bold words are the title, whatever they end with
            title = clean_title(strong.group(2)).rstrip(".").strip()
            at = self.text.find(title, start + strong.start(2), start + strong.end(2)) if title else -1
            if at >= 0 and any(ch.isalnum() for ch in title):
                return title, Span(at, at + len(title))
        quoted = quoted_title(raw)  # 'J. Zhu and A. Efros, "Title", ECCV 2016. [[Paper](url)]'
        if quoted is None and (opening := QUOTED_OPENING.match(raw)) is not None \
                and len(opening.group("title").split()) >= 2 and not PROSE_WORD.search(raw, opening.end()):
            # '"D3S - A Discriminative … Tracker" CVPR.', 'KYS: "Know Your Surroundings: …" ECCV.': a quoted title
            # opening the item (after a nickname), nothing but a venue after it
            quoted = opening.group("title"), opening.start("title")
        if quoted is not None:
            title = clean_title(quoted[0])
            if title:
                at = self.text.find(title, start + quoted[1], start + quoted[1] + len(quoted[0]))
                return title, (Span(at, at + len(title)) if at >= 0 else None)
        match = sentence_end(raw)
        cut = len(raw.rstrip())  # trailing blanks are no part of the title: removing them must not change it
        if match:  # keep a question or exclamation mark: it belongs to the title
            cut = match.end() if raw[match.start()] in "?!" else match.start()
        elif raw[:cut].endswith(".") and not raw[:cut].endswith("..") and not ABBREVIATION.search(raw[: cut - 1]):
            cut -= 1  # the sentence's own period, as when more follows it ("Title. Authors")
        bar = COLUMN_BAR.search(raw, 0, cut)
        if bar is not None and bar.start() > 0:  # "Title | **[ECCV' 16]** |": a cell-like column after the title
            cut = bar.start()
        piece = raw[:cut]
        closing = VENUE_YEAR_CLOSING.search(piece)
        if closing is not None and closing.start() > 0:  # "Title, in *IJCAI* 2023", "Title, ICDE'22": not the title's
            piece = piece[: closing.start()]
        title = clean_title(piece)
        if len(title) < 2 or not any(ch.isalnum() for ch in title):
            return "", None
        at = self.text.find(title, start, start + cut + 1)
        if at >= 0:
            return title, Span(at, at + len(title))
        # written with markup or runs of spaces ("Deep  nets", "`Title`"): the span covers the title as written
        first = len(piece) - len(piece.lstrip(" \t,;:"))
        last = len(piece.rstrip(" \t,;:"))
        return title, (Span(start + first, start + last) if last > first else None)


# a short bold label and a separator before an item's link: "**Monday** - ", "__New__: "
BOLD_LABEL = lazy(r"[ \t]*(\*\*|__)(?=\S)([^*_\n]{1,30}?)(?<=\S)\1[ \t]*(?:[-–—:|·•][ \t]*)?")


# a sentence that ends right after a link and goes on with another: "[Bad privacy policy](url). The app has …"
SENTENCE_AFTER_LINK = lazy(r"[.;][ \t]+[\w*_]")


def _toc_line(b: Builder, unit: InlineUnit) -> bool:
    """Whether an item's first paragraph links only into this page: a line of a table of contents."""
    links = [l for l in unit.facts.links if l.kind in PAGE_LINK_KINDS]
    return bool(links) and all(l.is_fragment or ("#" in l.url and b.into_this_page(l)) for l in links)


def _repository_page(url: str) -> bool:
    """Whether ``url`` is a path to a file or folder of this repository ("/docs/README.md", "cloud/"), not a page
    elsewhere (a scheme, "//host", "www.…") nor a fragment of this page."""
    return bool(url) and not url.startswith(("#", "//", "www.")) and not REPOSITORY_PAGE_NOT.match(url)


# what makes a destination more than a path of this repository: a scheme ("https:", "mailto:")
REPOSITORY_PAGE_NOT = lazy(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _labels_title_link(prefix: str, link: Link) -> bool:
    """Whether ``prefix`` is a bold label of a word or two (a day, a tag) before a link titled by three words or
    more: the link's text is the entry's title. A bold title before a link named by a label (``**A Paper Title** -
    [GitHub](url)``) is the title itself."""
    label = BOLD_LABEL.fullmatch(prefix)
    return label is not None and len(label.group(2).split()) <= 2 and link.text_span is not None \
        and len(link.text.split()) >= 3 and not _label_link(link) and not link.text.startswith(("[", "!"))


# one person's name in a line of authors: capitalised words, initials, a mark after it ("Yao Ma*"), or "et al"
_PERSON = lazy(r"(?:and[ \t]+)?(?:[A-Z][\w'’.\-]*[*†‡]?(?:[ \t]+(?:(?:de|da|del|der|den|van|von|le|la|di|dos)[ \t]+)?"
               r"(?:[A-Z][\w'’.\-]*|\([A-Z][\w'’.\-]*\))[*†‡]?){0,4}(?:[ \t]+et[ \t]+al\.?)?|et[ \t]+al\.?)")
_LINK_IN_NAMES = lazy(r"\[([^\[\]\n]+)\](?:\([^()\s]*\)|\[[^\[\]\n]*\])?")


def _italic_names_line(line: str) -> bool:
    """Whether ``line`` is a line of authors in italics, some linked to their pages: ``*[Hongwei Wang], Fuzheng
    Zhang, Xing Xie*``, ``*[Chong Chen](url), Min Zhang, et al*``, ``*Houye Ji, [Chuan Shi], [Peng Cui] et al*``: two
    names or more between commas."""
    line = BREAK_AT_END.sub("", line.strip())
    if len(line) < 3 or line[0] not in "*_" or line[1] == line[0] or line[-1] != line[0]:
        return False
    names = [part.strip() for part in _LINK_IN_NAMES.sub(r"\1", line[1:-1]).split(",")]
    return len(names) >= 2 and all(_PERSON.fullmatch(name) for name in names)


def _year_venue_label(prefix: str, link: Link, after: str) -> bool:
    """Whether ``prefix`` is a year and a venue (or a nickname in parentheses) labelling the titled ``link`` after
    it: the words have a capital (a venue, "CVPR", a nickname, "GWNN"), end in no word leading into the link ("of",
    "see"), and
    the link is named by words ("2 words", or a capitalised one), not a label, and no sentence goes on after it."""
    found = YEAR_VENUE_LEAD.fullmatch(prefix)
    if found is None or link.text_span is None or link.kind is LinkKind.BARE or _label_link(link):
        return False
    if not any(ch.isupper() for ch in prefix) or _inside_a_sentence(prefix):
        return False
    text = link.text.strip()
    return not text.startswith(("[", "!", "<")) and (len(text.split()) >= 2 or text[:1].isupper()) \
        and not SENTENCE_GOES_ON.match(after)


def _restates(heading: Heading, title: str) -> bool:
    """Whether a paper paragraph under ``heading`` names the heading's own paper (``### [ReActNet](url)`` over
    ``[[ECCV](url)] ReActNet``): it is the heading entry's body, not a paper of a section."""
    return clean_title(heading.rendered or heading.text).casefold() == clean_title(title).casefold()


def _opens_with_title(text: str) -> bool:
    """Whether ``text`` opens with a title set apart, quoted or bold: after ``**PIGLeT**:`` the name is a label; after
    ``**Scikit-learn**: Machine learning in Python`` the words are a description."""
    quoted = quoted_title(text)
    return (quoted is not None and not text[: quoted[1]].strip(" \t\"“*_")) or LEADING_STRONG.match(text) is not None


def _restated(written: str | None, title: str) -> bool:
    """Whether the words ``written`` before an item's first link are the heading ``title`` (case-folded, as read)."""
    if not written or len(written) < len(title) or len(written) > 2 * len(title) + 16:
        return False  # cannot be the title, markup and separators included: no need to read it
    return clean_title(written).strip(" \t-–—:|,").casefold() == title


def _mentioned_in_a_clause(prefix: str, link: Link, after: str) -> bool:
    """Whether a link named by words (not a label such as "pdf") sits inside one clause: lower-case words run into
    it and on after it."""
    return bool(CLAUSE_INTO_LINK.search(prefix)) and bool(CLAUSE_AFTER_LINK.match(after)) and not _label_link(link)


def _inside_a_sentence(prefix: str) -> bool:
    """Whether the text before an item's first link is one unfinished clause that the link completes: prose that
    mentions a link, not a title followed by its link (a title ends before its link, or a sentence does)."""
    return bool(PROSE_INTO_LINK.search(prefix)) and not sentence_end(prefix)


def _clause_into_link(prefix: str, link: Link, after: str) -> bool:
    """Text in a script written without spaces that runs straight into a link of words in it: one clause
    ("訓練済みモデルが[公開されている](url)": "the trained model is [published](url)"), not a title and its link,
    which a space, a colon or a bracket parts ("机器学习实战 [代码](url)"), nor a title and a label ("实战[代码](url)").
    The same when the sentence goes on right after the link ("元データは、[iNaturalist](url)という…"). Asked of
    nested items only: a note under an entry; a top-level "统计学习方法[链接](url)" is a title and its link."""
    if not prefix.strip() or not any(_unspaced_letter(ch) for ch in prefix):
        return False
    following = after.lstrip()[:1]
    if following and (_unspaced_letter(following) or following in "、，。；）)"):
        return True  # "…は、[Places2](url) というデータベース", "…に、[ISPRS](url)、[MOT](url)…"
    if prefix.rstrip()[-1:] in ("、", "，", "（", "(") or "。" in prefix:
        return True  # "…も公開されている([niessner/Matterport](url))", "…公開されている。[sketch-rnn](url)"
    return _unspaced_letter(prefix[-1]) and bool(link.text) and _unspaced_letter(link.text[0]) and not _label_link(link)


def _sentence_through_link(prefix: str, after: str) -> bool:
    """A sentence in a script written without spaces that runs into a link and on after it, in a top-level item:
    "DNSサーバーは、[少数の組織](url)に管理されている", "…を導入すると(例: [フェイルオーバー](url)) 複雑性は増します。":
    prose that mentions a link, not an entry. The text must run on right after the link (a letter, or a comma of
    the script), or a sentence must end before the link and a parenthesis close after it: a title and its link
    ("统计学习方法 [链接](url)", "书名（[PDF](url)）") stop there."""
    if not any(_unspaced_letter(ch) for ch in prefix):
        return False
    following = after.lstrip()[:1]
    if not following:
        return False
    body = prefix.rstrip()
    if body[-1:] in ("。", "！", "？"):
        return False  # "Nutz：另一个SSH。[官网](url)，[Github](url)": the sentence ended; the links follow it
    if _unspaced_letter(following) or following in "、，。；":
        # "名称：[链接](url)，…", "书名 [PDF](url)，…", "国会議案データベース([衆議院](url)、[参議院](url))": a title and
        # its links, after a colon, a space or an opening bracket
        return body[-1:] not in (":", "：", "(", "（", "[", "【") and prefix == body
    return following in ")）" and "。" in body[:-1]


def _unspaced_letter(ch: str) -> bool:
    """A letter of Chinese or Japanese (kana, ideographs), which run on without spaces."""
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff"


def title_line_end(source: SourceText, line: int, primary: Link | None) -> int:
    """End of an entry's title line: its first line, or the line where a title link that starts on the first line
    ends ("- [Attention Is All\n  You Need](url) [`READ`]": the tag and the description follow the wrapped link)."""
    end = source.line_end(line)
    if primary is not None and primary.full_span is not None and primary.full_span.start < end < primary.full_span.end:
        end = source.line_end(source.line_index(primary.full_span.end - 1))
    return end


class _Sec:
    """A section while the tree is built (mutable); frozen into a Section at the end."""

    __slots__ = ("heading", "level", "entries", "children", "line", "end_line")

    def __init__(self, heading: Heading | None, level: int, line: int = 0, end_line: int = 0) -> None:
        self.heading = heading
        self.level = level
        self.entries: list[Entry] = []
        self.children: list[_Sec] = []
        self.line = line
        self.end_line = end_line


def build(walk: Walk, source: SourceText, vocabulary: Iterable[str]) -> tuple[Section, tuple[Entry, ...], set[int]]:
    """The root section (with the heading tree below it) and every entry in document order."""
    b = Builder(walk, source, vocabulary)
    text = source.text
    entry_heads = b.entry_headings()
    headings = walk.headings
    head_index = {id(h): n for n, h in enumerate(headings)}

    # ---- list item entries ------------------------------------------------------------------------------------
    first_unit: dict[int, InlineUnit] = {}
    for unit in walk.inlines:
        if unit.item is not None and unit.item not in first_unit and unit.line == walk.items[unit.item].line:
            first_unit[unit.item] = unit
    works = [_Item(item, first_unit.get(item.index)) for item in walk.items]
    item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]] = {}
    toc_lines: set[int] = set()  # items of a table of contents: only links into this page, or nested under one
    for work in works:
        found = b.list_entry(work)
        if found is None:
            if work.unit is not None and _toc_line(b, work.unit):
                toc_lines.add(work.item.index)
                parent = work.item.parent_item
                if parent is not None and walk.items[parent].line == work.item.line:
                    toc_lines.add(parent)  # "* 2. [Liens](#liens)": a numbered line, an item inside the bullet
        elif work.item.parent_item in toc_lines and found[3] is not None and _repository_page(found[3].url):
            # "2. [Liens](#liens)" / "  2.1. [Administration](/admin-serveurs/README.md)": under a line of the table
            # of contents, a page of the repository is listed as the table lists sections, not as an entry
            toc_lines.add(work.item.index)
        else:
            item_entries[work.item.index] = found
    _learn_venue_year_lists(b, works, walk, item_entries)
    _learn_citation_lists(b, works, walk, item_entries)
    _learn_bold_title_lists(b, works, walk, item_entries)
    _learn_labelled_title_links(b, works, walk, item_entries)
    _learn_anchor_items(b, works, item_entries)
    adopted = _labelled_link_children(b, works, first_unit, item_entries)
    # a reference line without a link nested under an entry with one ("- Title [pdf](url)\n  - Authors. Venue
    # 2015") describes that entry: it is not a paper of its own
    for index in [i for i, found in item_entries.items() if found[0] is Layout.CITATION]:
        parent = walk.items[index].parent_item
        while parent is not None and parent not in item_entries:
            parent = walk.items[parent].parent_item
        if parent is not None and item_entries[parent][0] is Layout.LIST and item_entries[parent][3] is not None:
            del item_entries[index]

    # links of each item's own paragraphs (not those of nested items)
    item_links: dict[int, list[Link]] = {}
    item_text: dict[int, list[str]] = {}
    for unit in walk.inlines:
        if unit.item is not None:
            item_links.setdefault(unit.item, []).extend(unit.facts.links)
            item_text.setdefault(unit.item, []).append(unit.content)
    for index, links in adopted.items():  # "* DoctorGLM：" over "* 地址：https://…": those links are the entry's
        item_links.setdefault(index, []).extend(links)
    item_fences: dict[int, list[BibtexBlock]] = {}
    for unit in walk.stream:
        if unit[0] == "fence" and unit[2] is not None and unit[3] is not None:
            item_fences.setdefault(unit[3], []).append(unit[2])

    # ---- sections ---------------------------------------------------------------------------------------------
    root, section_for = _section_tree(headings, entry_heads, source.line_count, walk.html_headings)

    titles: dict[int, str] = {}
    heading_facts = {id(unit[1]): unit[2].facts for unit in walk.stream if unit[0] == "heading"}

    def sec_title(sec: _Sec) -> str:
        key = id(sec)
        if key not in titles:
            titles[key] = _section_title(text, sec.heading, heading_facts.get(id(sec.heading))) if sec.heading else ""
        return titles[key]

    # ---- entries in stream order ------------------------------------------------------------------------------
    entries_flat: list[Entry] = []
    items = walk.items

    def make_item_entry(index: int) -> Entry:
        layout, title, title_span, primary = item_entries[index]
        item = items[index]
        links = tuple(item_links.get(index, ()))
        if primary is not None and primary.kind is LinkKind.HTML:  # the anchor's link, with its words as text
            links = (primary, *(l for l in links if l.full_span != primary.full_span))
        line_end = title_line_end(source, item.line, primary)
        tags = b.tags_in(item.content_start, line_end, links, checkbox_at=item.content_start)
        child_entries = tuple(make_item_entry(c) for c in entry_children.get(index, ()))
        description = ""
        if primary is not None and primary.kind is LinkKind.HTML:
            description = _anchor_item_description(source, item, first_unit.get(index))
        elif work_units := item_text.get(index):
            description = work_units[0]
            if primary is not None and primary.full_span is not None:
                tail_start = primary.full_span.end
                # "**[Title](url)** - text", "Title [[pdf](url)] text": the emphasis or bracket closing around the
                # link is not part of the description
                link_start = opened = primary.full_span.start
                while opened > item.content_start and text[opened - 1] in WRAPPER_CLOSING:
                    opened -= 1
                closing = "".join(WRAPPER_CLOSING[mark] for mark in reversed(text[opened:link_start]))
                unclosed = ""  # "**[PhoneInfoga](url) (5mo)** (11d)": the bold closes further on
                if closing and text.startswith(closing, tail_start):
                    tail_start += len(closing)
                elif closing and not closing.strip("*_"):
                    unclosed = closing
                if title_span is not None and title_span.start >= tail_start:
                    tail_start = max(tail_start, title_span.end)  # "[[AAAI](url)] Title. desc": after the title
                # an emoji after the title link decorates it ("[Boost](url) :zap: - …"): the words follow it
                # "- [CodeNewbie](url) - Stories from people on their" / "  coding journey": the paragraph's wrapped
                # lines go on with the description
                unit = first_unit.get(index)
                end = line_end
                if unit is not None and unit.end_line - 1 > source.line_index(line_end):
                    end = source.line_end(unit.end_line - 1)
                description = text[decoration_end(text, tail_start, line_end) : end].strip(SEPARATOR_EDGE)
                if end != line_end:
                    description = " ".join(description.split())
                if description.startswith(("!", "[![")):  # badges between the link and the words: not words
                    description = LEADING_BADGES.sub("", description).strip(SEPARATOR_EDGE)
                if unclosed:
                    description = description.replace(unclosed, "", 1).strip(SEPARATOR_EDGE)
            if len(work_units) > 1:
                description = (description + "\n" + "\n".join(work_units[1:])).strip()
            description = without_emphasis(description)
        own_links = tuple(l for l in links if not any(c.span.contains(l.full_span) for c in child_entries))
        return Entry(
            layout=layout,
            title=title,
            title_span=title_span,
            links=own_links,
            primary_link=primary,
            status=status_of(tags),
            tags=tuple(tags),
            bibtex=tuple(item_fences.get(index, ())),
            description=description,
            children=child_entries,
            span=item.span,
            line=item.line,
            section=sec_title(section_for(item.line)),
            list_item=index,
        )

    # nearest entry ancestor of each entry item
    entry_children: dict[int, list[int]] = {}
    top_items: list[int] = []
    for index in sorted(item_entries):
        parent = items[index].parent_item
        while parent is not None and parent not in item_entries:
            parent = items[parent].parent_item
        if parent is None:
            top_items.append(index)
        else:
            entry_children.setdefault(parent, []).append(index)

    top_set = set(top_items)
    claimed_until = -1  # the items of a link list under a bold title are that paper's links, not entries
    # the paper paragraph last added, while only BibTeX has followed it, or up to two paragraphs that are no entry
    # (its authors, a picture): "[[ECCV](url)] Title" then its BibTeX in a <details> block or a fence belongs to
    # that paper
    open_paper: tuple[_Sec, int] | None = None
    between = 0  # paragraphs since the open paper
    last_item: tuple[_Sec, int, int] | None = None  # the item entry just read: section, index, its item's last line
    in_entry_heading = False  # paragraphs under an entry heading are its body
    for unit in walk.stream:
        kind = unit[0]
        if kind == "fence" and unit[2] is not None and unit[3] is None and open_paper is None \
                and last_item is not None and _follows(source, last_item[2], unit[1].line) \
                and _cites(last_item[0].entries[last_item[1]], unit[2]):
            # "- [Title](url) - …" then, unindented, "```bibtex" of that paper: the list ended, the item's BibTeX
            # did not (lerobot cites each model so)
            open_paper = last_item[:2]
        if not (kind == "inline" and unit[1].item is not None):  # the item's own lines keep it the last read
            last_item = None
        if kind == "fence" and unit[2] is not None and unit[3] is None and open_paper is not None:
            sec, at = open_paper
            sec.entries[at] = sec.entries[at]._replace(bibtex=(*sec.entries[at].bibtex, unit[2]))
            continue
        still_open, open_paper = open_paper, None
        if kind == "item" and unit[1].index in top_set and unit[1].line >= claimed_until \
                and unit[1].index not in b.heading_items:
            entry = make_item_entry(unit[1].index)
            sec = section_for(entry.line)
            sec.entries.append(entry)
            if not entry.bibtex:
                last_item = (sec, len(sec.entries) - 1, unit[1].end_line - 1)
        elif kind == "heading" and head_index[id(unit[1])] in entry_heads:
            entry = _heading_entry(b, unit[1], unit[2], walk, source, sec_title(section_for(unit[1].line)))
            section_for(unit[1].line).entries.append(entry)
            in_entry_heading = True
        elif kind == "heading":
            in_entry_heading = False
        elif kind == "inline" and unit[1].item is None and unit[1].kind == "paragraph" and not in_entry_heading:
            if unit[1].facts.links:
                entries = []
                paper = b.paper_paragraph(unit[1])
                if paper is not None:
                    title, at, end_line, links = paper
                    line = unit[1].line
                    tags = b.tags_in(source.line_start(line), source.line_end(end_line - 1), links)
                    entries.append(_citation_entry(source, line, title, tags, links,
                                                   sec_title(section_for(line)), at=at, end_line=end_line))
            else:
                entries = _citation_lines(b, unit[1], source, sec_title(section_for(unit[1].line)))
                if not entries and (over := _bold_title_over_link_list(b, unit[1], first_unit)) is not None:
                    title, at, end_line, links = over
                    entries = [_citation_entry(source, unit[1].line, title, [], links,
                                               sec_title(section_for(unit[1].line)), at=at, end_line=end_line)]
                    claimed_until = end_line
            for entry in entries:
                section_for(entry.line).entries.append(entry)
            if len(entries) == 1 and entries[0].layout is Layout.CITATION and entries[0].links:
                sec = section_for(entries[0].line)
                open_paper, between = (sec, len(sec.entries) - 1), 0
            elif not entries and still_open is not None and between < 2:
                open_paper, between = still_open, between + 1

    table_rows: list[Entry] = []
    if any(block.kind == "table" for block in walk.blocks):
        from listlint.parser.tables import table_entries  # most lists have no table: they skip its import

        table_rows = table_entries(b, walk, source, lambda line: sec_title(section_for(line)), section_for)
    table_rows += html_line_entries(walk, source, lambda line: sec_title(section_for(line)))
    if table_rows:
        grown: dict[int, _Sec] = {}
        for entry in table_rows:
            sec = section_for(entry.line)
            sec.entries.append(entry)
            grown[id(sec)] = sec
        for sec in grown.values():
            sec.entries.sort(key=lambda e: e.span.start)

    def freeze(sec: _Sec) -> Section:
        children = tuple(freeze(c) for c in sec.children)
        entries = tuple(sec.entries)
        layouts = Counter(e.layout for e in entries)
        layout = layouts.most_common(1)[0][0] if layouts else None
        end_line = sec.end_line
        span = source.lines_span(sec.line, max(end_line, sec.line + 1)) if source.line_count else Span(0, 0)
        title = sec_title(sec)
        return Section(sec.heading, sec.level, title, span, entries, children, layout, _is_toc(title, sec, walk))

    root_section = freeze(root)
    for sec in root_section.walk():
        for entry in sec.entries:
            entries_flat.extend(entry.walk())
    entries_flat.sort(key=lambda e: e.span.start)
    # the recursive helpers reach themselves through their closures: a cycle that would keep this whole frame (the
    # walk, every token-derived list) alive until a collector pass; emptying the cells frees it by reference count
    del make_item_entry, freeze, section_for, sec_title
    return root_section, tuple(entries_flat), entry_heads


def _anchor_item_description(source: SourceText, item: ListItem, unit: InlineUnit | None) -> str:
    """The words after the HTML anchor that opens an item, to the end of its paragraph (its line in a ``<p>``)."""
    line_end = source.line_end(item.line)
    anchor = leading_anchor(source.text, item.content_start, line_end)
    if anchor is None:
        return ""
    end = source.line_end(unit.end_line - 1) if unit is not None else line_end
    return anchor_description(source.text, anchor.end(), end)


def _follows(source: SourceText, last_line: int, line: int) -> bool:
    """Whether only blank lines lie between ``last_line`` and ``line``."""
    return all(not source.line(k).strip() for k in range(last_line + 1, line)) and line > last_line


def _cites(entry: Entry, block: BibtexBlock) -> bool:
    """Whether the BibTeX block cites the entry's work: one of its entries has the entry's title."""
    from listlint.bibtex.normalize import title_similarity

    for bib in block.entries:
        title = next((f.value for f in bib.fields if f.name.lower() == "title"), "")
        if title and entry.title and title_similarity(entry.title, title) >= 0.9:
            return True
    return False


# a venue and year in parentheses closing a paper's title: "(SIGMOD 2018)", "（VLDB 2020）", "(2019)",
# "(DEEM@SIGMOD2018)", "(SIGMOD-Companion ’23)", "(ICDE 2022, best demo award)"
VENUE_YEAR_PAREN = lazy(r"[(（][^()（）\n]{0,60}?(?<!\d)(?:(?:19|20)\d\d|['’]\d\d)(?!\d)[^()（）\n]{0,40}[)）]")
# the parentheses closing a line of words ("(TKDE)", "(VLDB 2011) （有调度策略）"), and a period after them
CLOSING_PARENS = lazy(r"(?:[ \t]*[(（][^()（）\n]{1,80}[)）])+[ \t.]*$")
# a period that ends a sentence inside a line: "Title. Authors (2019)" is a reference of several parts
INNER_PERIOD = lazy(r"(?<=[^\s.])\.(?=\s)")


def _learn_venue_year_lists(b: Builder, works: list[_Item], walk: Walk,
                            item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]]) -> None:
    """A list of paper titles in plain words, each closed by its venue and year in parentheses (``* The Case for
    Learned Index Structures (SIGMOD 2018)``), some followed by labelled links (``(VLDB 2024) [Source code](url)``):
    each item is an entry titled by its words before the parentheses, whatever a question mark or a hyphen in them
    ("Black or White? How to …", "Self-Driving …") made of it alone. Two or more items closed by a year, two
    thirds of the list, make it a list of papers (then its plain items without a year are papers too): a note
    ending with a date among sentences does not. Once one list is, a section's single paper so written is one too."""
    learned = False
    lone: list[dict[int, tuple[str, Span | None, Link | None]]] = []
    for lst in walk.lists:
        if not _enough_dated(b, lst.items, works):
            continue  # most lists: no item is read further
        read: dict[int, tuple[str, Span | None, Link | None]] = {}
        dated = 0
        for i in lst.items:
            found = _venue_closed_item(b, works[i])
            if found is None:
                continue
            title, span, primary, has_year = found
            dated += has_year
            read[i] = (title, span, primary)
        if dated == len(lst.items) == 1:
            lone.append(read)
            continue
        if dated < 2 or 3 * dated < 2 * len(lst.items):
            continue
        learned = True
        _enter_venue_closed(read, item_entries)
    if learned:
        for read in lone:
            _enter_venue_closed(read, item_entries)


def _enough_dated(b: Builder, items: Sequence[int], works: list[_Item]) -> bool:
    """Whether enough items close their words (before any link) with a year in parentheses for the list to be one of
    papers closed by their venue and year (a bound: :func:`_venue_closed_item` reads those items closer). Stops at
    the first undated item too many."""
    text, source = b.text, b.source
    undated_allowed = len(items) // 3  # two thirds dated: a third undated at most
    dated = 0
    for i in items:
        item, unit = works[i].item, works[i].unit
        links = unit.facts.links if unit is not None else ()
        if links and links[0].full_span.start < item.content_start + 4:
            words = ""  # "[Title](url) …", "**[Title](url)**": led by a link, as most lists' items are
        else:
            end = source.line_end(item.line)
            words = text[item.content_start : min(end, links[0].full_span.start) if links else end].rstrip(" \t.*_[(")
        if words.endswith((")", "）")) and VENUE_YEAR_PAREN.search(words):
            dated += 1
        elif undated_allowed == 0:
            return False
        else:
            undated_allowed -= 1
    return dated >= 2 or dated == len(items) == 1


def _enter_venue_closed(read: dict[int, tuple[str, Span | None, Link | None]],
                        item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]]) -> None:
    for i, (title, span, primary) in read.items():
        item_entries[i] = (Layout.CITATION if primary is None else Layout.LIST, title, span, primary)


def _venue_closed_item(b: Builder, work: _Item) -> tuple[str, Span | None, Link | None, bool] | None:
    """(title, its span, the first link, whether a year closes it) for an item of plain words that may end with
    parentheses (``Title (SIGMOD 2018)``) and then links named by labels on its first line (``[Source code](url)``,
    two words at most); None for any other item (links on later lines, to this page's headings, a title's link), one
    whose words are a sentence of several parts ("Title. Authors (2019)") or a label ("Papers:")."""
    item, unit = work.item, work.unit
    if unit is None:
        return None
    text = b.text
    line_end = b.source.line_end(item.line)
    links = unit.facts.links
    if not all(content_link(link) and link.full_span.start < line_end
               and (_label_link(link) or len(link.text.split()) <= 2) for link in links):
        return None  # "[Source code](url)", "[GitHub Link](url)": labels; "[Title of a paper](url)": a title
    start = item.content_start
    box = TASK_BOX.match(text, start, line_end)
    start = title_start(text, box.end() if box else start, line_end)
    end = links[0].full_span.start if links else line_end
    tags = [t for t in b.tags_in(item.content_start, line_end, links, checkbox_at=item.content_start)
            if t.form == "tag" and t.span.start >= start]
    if tags:
        end = min(end, tags[0].span.start)
    while end > start and text[end - 1] in " \t[(":
        end -= 1
    shown = clean_title(text[start:end])
    closing = CLOSING_PARENS.search(shown)
    title = (shown[: closing.start()] if closing is not None else shown).rstrip(" \t.,;:-–—")
    if not title or not any(ch.isalnum() for ch in title) or shown.endswith((":", "：")):
        return None
    if closing is None and (links or len(title.split()) < 3):
        return None
    if any(not ABBREVIATION.search(title, 0, period.start()) for period in INNER_PERIOD.finditer(title)):
        return None
    at = text.find(title, start, end)
    has_year = closing is not None and VENUE_YEAR_PAREN.search(shown, closing.start()) is not None
    return title, Span(at, at + len(title)) if at >= 0 else None, links[0] if links else None, has_year


def _learn_citation_lists(b: Builder, works: list[_Item], walk: Walk,
                          item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]]) -> None:
    """In a list whose items are mostly plain-text references, the odd item without a date is a reference too."""
    for lst in walk.lists:
        plain = [i for i in lst.items if works[i].unit is not None and not works[i].unit.facts.links]
        cited = [i for i in plain if i in item_entries and item_entries[i][0] is Layout.CITATION]
        if len(cited) < 2 or len(cited) * 2 < len(plain):
            continue
        for i in plain:
            if i in item_entries:
                continue
            item = works[i].item
            line_end = b.source.line_end(item.line)
            first_line = b.text[item.content_start : line_end].strip()
            if len(first_line.split()) < 3:
                continue
            title = citation_title(first_line)
            at = b.text.find(title, item.content_start, line_end) if title else -1
            item_entries[i] = (Layout.CITATION, clean_title(title), Span(at, at + len(title)) if at >= 0 else None,
                               None)


def _learn_bold_title_lists(b: Builder, works: list[_Item], walk: Walk,
                            item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]]) -> None:
    """A list of works named by bold titles, the links missing from most (``- **Loihi: A Neuromorphic Manycore
    Processor**``, notes nested under some): each such item is an entry without a link, when three or more of them
    and the list's entries make most of the list. A bold label over nested links (``- **Frameworks**`` /
    ``  - [Keras](url)``) stays a label, and so does a short one (``**Tools**``, fewer than three words)."""
    with_links: set[int] = set()
    for work in works:
        if work.item.parent_item is not None and work.unit is not None \
                and any(content_link(l) for l in work.unit.facts.links):
            with_links.add(work.item.parent_item)
    for lst in walk.lists:
        titled: dict[int, tuple[str, int]] = {}
        for i in lst.items:
            unit = works[i].unit
            if i in item_entries or unit is None or i in with_links or unit.facts.links:
                continue
            item = works[i].item
            bold = bold_title_line(b.text, item.content_start, b.source.line_end(item.line), min_words=3)
            if bold is not None:
                titled[i] = bold
        entries = sum(1 for i in lst.items if i in item_entries)
        if len(titled) < 3 or 3 * (len(titled) + entries) < 2 * len(lst.items):
            continue
        for i, (title, at) in titled.items():
            item_entries[i] = (Layout.CITATION, title, Span(at, at + len(title)) if at >= 0 else None, None)


def _learn_anchor_items(b: Builder, works: list[_Item],
                        item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]]) -> None:
    """Items opened by an HTML anchor (``- <a href="url">DocVQA</a> contains …``) are entries of a list whose other
    entries lead with Markdown links, at least twice as many: the odd item written in HTML. In a README of
    ``<a href="…">Name</a> for the fixes`` lines with no such entries, they are thanks, not a list."""
    anchored: dict[int, tuple[Layout, str, Span | None, Link | None]] = {}
    for work in works:
        index = work.item.index
        if index not in item_entries and (found := b.anchor_item(work.item, work.unit)) is not None:
            anchored[index] = found
    if not anchored:
        return
    linked = sum(1 for found in item_entries.values() if found[3] is not None and found[3].kind is LinkKind.INLINE)
    if linked >= 2 * len(anchored):
        item_entries.update(anchored)


def _learn_labelled_title_links(b: Builder, works: list[_Item], walk: Walk,
                                item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]]) -> None:
    """``- Paper: [Attention Is All You Need](url)`` among entries that start with their title links: a paper under
    a label, titled by its link's words (three or more). Alone, or among other labelled lines (``- Code:
    [BERT](url)``), such an item is a link line of the heading or item above, not an entry."""
    for lst in walk.lists:
        if lst.parent_item is not None:
            continue
        entries = sum(1 for i in lst.items if i in item_entries)
        if entries < 2 or 2 * entries < len(lst.items):
            continue
        for i in lst.items:
            unit = works[i].unit
            if i in item_entries or unit is None:
                continue
            item = works[i].item
            first = next((link for link in unit.facts.links if content_link(link)), None)
            if first is None or first.text_span is None or _label_link(first) or len(first.text.split()) < 3 \
                    or not LINK_LABEL.fullmatch(b.text, item.content_start, first.full_span.start):
                continue
            item_entries[i] = (Layout.LIST, clean_title(first.text), first.text_span, first)


# "简介：…", "Stars: 1.2k": a short label and a colon opening a nested line that describes the item above
LABELLED_LINE = lazy(r"[ \t]*[*_]*[^\s:：*_]{1,12}(?: [^\s:：*_]{1,12})?[*_]*[ \t]*[:：]")
# a label and a colon before an item's titled link: a word or two ("SALMon: ", "Issue 407: "), or three around a
# number ("第 407 期：", "Week 3 recap: "); three words alone may name the item ("NAND To Tetris: [course](url)")
LEAD_LABEL = lazy(r"[ \t]*[*_]*(?:[^\s:：*_]{1,12}(?: [^\s:：*_]{1,12})?|(?=[^:：\n]*\d)[^\s:：*_]{1,12}"
                  r"(?: [^\s:：*_]{1,12}){2})[*_]*[ \t]*[:：]")
# a run of CJK characters (ideographs, kana, hangul): words written without spaces
CJK_RUN = lazy(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


# a number standing as a word of a label ("Issue 12", "第 393 期", "第399期"), not a name's ("Mini-R1", "o1", "TTS2")
LABEL_NUMBER = lazy(r"(?<![A-Za-z\-.])\d+(?![A-Za-z\-.])")
# another link right after the first, past a comma: "3 Assignments: [Lab1](url), [Lab2](url)" labels a set of links
NEXT_LINK = lazy(r"[ \t]*[,，、;；][ \t]*!?\[")


def _numbered_label_link(prefix: str, link: Link, text: str) -> bool:
    """Whether a label with a number of its own ("第 393 期：", "Issue 12:") leads one link written with words
    (not a bare URL, not the first of a set of links): the link names the numbered issue, however short."""
    return link.kind is not LinkKind.BARE and not link.text.startswith(("http://", "https://")) \
        and LABEL_NUMBER.search(prefix) is not None and NEXT_LINK.match(text, link.full_span.end) is None


def _word_count(text: str) -> int:
    """How many words ``text`` holds, a run of CJK characters counting one word per two characters (rounded up):
    "国家为什么需要开源软件" is a title of several words though no space parts them; "论文阅读" is two words."""
    count = 0
    for piece in text.split():
        runs = CJK_RUN.findall(piece)
        rest = CJK_RUN.sub(" ", piece).split()
        count += sum((len(run) + 1) // 2 for run in runs) + sum(1 for word in rest if any(ch.isalnum() for ch in word))
    return count


def _labelled_link_children(b: Builder, works: list[_Item], first_unit: dict[int, InlineUnit],
                            item_entries: dict[int, tuple[Layout, str, Span | None, Link | None]]) -> dict[int, list[Link]]:
    """Items that name a project or paper and hold its links in labelled sub-items, one per line:
    ``* DoctorGLM：`` / ``  * 地址：https://github.com/…`` / ``  * 简介：基于 ChatGLM-6B 的中文问诊模型``. The item is
    the entry (titled by its words), its sub-items' links are its links; returns them by item index."""
    children: dict[int, list[int]] = {}
    for work in works:
        if work.item.parent_item is not None:
            children.setdefault(work.item.parent_item, []).append(work.item.index)
    adopted: dict[int, list[Link]] = {}
    for parent, kids in children.items():
        work = works[parent]
        if parent in item_entries or work.unit is None or any(content_link(l) for l in work.unit.facts.links):
            continue
        words = work.unit.content.strip()
        if "\n" in words or not 1 <= len(words.split()) <= 12:
            continue
        links: list[Link] = []
        for kid in kids:
            unit = first_unit.get(kid)
            if unit is None or kid in item_entries:
                break
            own = [l for l in unit.facts.links if content_link(l)]
            start = works[kid].item.content_start
            if own and LINK_LABEL.fullmatch(b.text[start : own[0].full_span.start]):
                links.extend(own)
            elif not LABELLED_LINE.match(b.text, start, b.source.line_end(works[kid].item.line)):
                break
        else:
            if links:
                title = clean_title(words).rstrip(":：").strip()
                at = b.text.find(title, work.item.content_start, b.source.line_end(work.item.line)) if title else -1
                if title:
                    item_entries[parent] = (Layout.LIST, title, Span(at, at + len(title)) if at >= 0 else None,
                                            links[0])
                    adopted[parent] = links
    return adopted


def _section_tree(headings: Sequence[Heading], entry_heads: set[int], line_count: int,
                  html_headings: Sequence[Heading] = ()) -> tuple[_Sec, Callable[[int], _Sec]]:
    """The root of the heading tree, and the section that holds a given line.

    Every non-entry heading opens a section, an HTML one (``<h2 id="surveys">Surveys</h2>``) too; entry headings are
    entries of the open section above their level: an entry heading ends a section of its own level or deeper
    before it (a series heading over its books does not take in the novels after it)."""
    root = _Sec(None, 0, line=0, end_line=line_count)
    stack = [root]
    sec_at_line: list[tuple[int, _Sec]] = [(0, root)]
    ordered: Iterable[tuple[int, Heading]] = enumerate(headings)
    if html_headings:  # -1: no index among the Markdown headings, so never an entry heading
        ordered = sorted([*enumerate(headings), *((-1, h) for h in html_headings)], key=lambda pair: pair[1].line)
    for n, heading in ordered:
        if heading.nested:
            continue  # a heading of a list item's notes: no section
        closes = stack[-1].level >= heading.level
        while stack[-1].level >= heading.level:
            stack[-1].end_line = heading.line
            stack.pop()
        if n in entry_heads:
            if closes:  # from here on, lines belong to the section the entry heading is in
                sec_at_line.append((heading.line, stack[-1]))
            continue
        sec = _Sec(heading, heading.level, line=heading.line)
        stack[-1].children.append(sec)
        stack.append(sec)
        sec_at_line.append((heading.line, sec))
    for sec in stack:
        sec.end_line = line_count
    section_lines = [line for line, _ in sec_at_line]

    def section_for(line: int) -> _Sec:
        return sec_at_line[bisect_right(section_lines, line) - 1][1]

    return root, section_for


def _is_toc(title: str, sec: object, walk: Walk) -> bool:
    return bool(TOC_TITLE.match(title))


def _heading_entry(b: Builder, heading: Heading, unit: InlineUnit, walk: Walk, source: SourceText,
                   section: str) -> Entry:
    text = source.text
    # body: everything until the next heading (found by bisection: a list can hold thousands of entry headings)
    index = b.line_index()
    at = bisect_right(index.heading_lines, heading.line)
    end_line = index.heading_lines[at] if at < len(index.heading_lines) else source.line_count
    links: list[Link] = list(unit.facts.links)
    bib: list[BibtexBlock] = []
    description: list[str] = []
    inlines = walk.inlines
    for k in range(bisect_right(index.inline_lines, heading.line), bisect_left(index.inline_lines, end_line)):
        inline = inlines[k]
        links.extend(inline.facts.links)
        if not any(content_link(l) for l in inline.facts.links):
            description.append(inline.content)
        elif inline.item is None and inline.kind == "paragraph" and not b._links_paragraph(inline):
            description.append(_words_after_opening_link(b, inline))
    blocks = walk.bibtex
    for k in range(bisect_right(index.bibtex_lines, heading.line), bisect_left(index.bibtex_lines, end_line)):
        bib.append(blocks[k])
    last = end_line
    while last > heading.line + 1 and not source.line(last - 1).strip():
        last -= 1
    tags = b.tags_in(heading.text_span.start, heading.text_span.end, unit.facts.links)
    title_text = heading.text
    title_span: Span | None = heading.text_span
    if tags:
        first_tag = tags[0].span.start
        raw_title = text[heading.text_span.start : first_tag]
        if not raw_title.strip():  # a tag before the title: take the text after the last tag
            raw_title = text[tags[-1].span.end : heading.text_span.end]
            offset = tags[-1].span.end
        else:
            offset = heading.text_span.start
        stripped = raw_title.strip()
        at = text.find(stripped, offset) if stripped else -1
        title_text = stripped
        title_span = Span(at, at + len(stripped)) if at >= 0 else None
    if title_span is not None and (unit.facts.links or unit.facts.html_spans) and title_span.of(text) == title_text:
        title_text = as_read(text, title_span, unit.facts.links, unit.facts.html_spans)
    words = _heading_words(title_text)
    if words != title_text:  # "#### 1. [Adam] Title | [pdf](url)": the words between the number and the links
        at = text.find(words, title_span.start, title_span.end) if title_span is not None else -1
        title_text, title_span = words, (Span(at, at + len(words)) if at >= 0 else None)
    # "### [Solaris](url) (1961)", "#### Title | [pdf](url)": a link written in the heading is the entry's own; the
    # first link below it only when the heading has none (a link labelled by a badge image is no entry's link)
    own = [l for l in unit.facts.links if content_link(l) and not l.text.lstrip().startswith("![")]
    primary: Link | None = own[0] if own else next(
        (l for l in links if content_link(l) and l.full_span.start > heading.span.end), None)
    return Entry(
        layout=Layout.HEADING,
        title=clean_title(title_text),
        title_span=title_span,
        links=tuple(links),
        primary_link=primary,
        status=status_of(tags),
        tags=tuple(tags),
        bibtex=tuple(bib),
        description="\n".join(description).strip(),
        children=(),
        span=source.lines_span(heading.line, last),
        line=heading.line,
        section=section,
        heading=heading,
    )


def _words_after_opening_link(b: Builder, unit: InlineUnit) -> str:
    """What a paragraph of prose under an entry heading says: after the link that opens it, the rest
    (``[Visual Instruction Tuning](url). A large multimodal model …``); a paragraph that mentions a link further on
    (``A large model, see [the code](url).``) as it is."""
    link = b.opening_link(unit)
    if link is None:
        return unit.content
    text = b.text
    start = link.full_span.end
    while start < len(text) and text[start] in "*_" and text[link.full_span.start - 1] == text[start]:
        start += 1  # "**[Title](url)**. …": the emphasis around the link closes
    end = b.source.line_end(unit.end_line - 1)
    return " ".join(text[start:end].lstrip(SEPARATOR_EDGE).split())


def title_start(text: str, start: int, end: int) -> int:
    """Where the words of a title begin in ``text[start:end]``, past the short labels and the number written before
    them, in either order ("[2023/08] **Title.**", "**[SSD]** SSD: …", "[`READ`] 1. Title", "4. [ISP] Title"), and
    past a venue and year ("(TPAMI 2023) ", "ICRA 2024, "); ``start`` when nothing but those would be left."""
    while True:
        labels = LEADING_LABELS.match(text, start, end)
        if labels is not None and labels.end() > start and any(ch.isalnum() for ch in text[labels.end() : end]):
            start = labels.end()
            continue
        counter = ORDINAL.match(text, start, end)
        if counter is not None and any(ch.isalpha() for ch in text[counter.end() : end]):
            start = counter.end()
            continue
        venue = VENUE_LEAD.match(text, start, end)
        if venue is None:  # "⭐⭐(arXiv preprint 2023) **Title**": the maintainer's marks, then the venue
            emoji = EMOJI_RUN.match(text, start, end)
            venue = VENUE_LEAD.match(text, emoji.end(), end) if emoji is not None else None
        if venue is not None and len(text[venue.end() : end].split()) >= 2:
            start = venue.end()
            continue
        return start


def _heading_words(title: str) -> str:
    """An entry heading's title without the number and short labels before it (``4. [Adam]``) or a column of
    links after a bar (``| [pdf]``); the heading as it is when that would leave fewer than two words."""
    start = title_start(title, 0, len(title))
    end = len(title)
    bar = COLUMN_BAR.search(title, start)
    if bar is not None:
        end = bar.start()
    words = title[start:end].strip()
    return words if len(words.split()) >= 2 else title


def _section_title(text: str, heading: Heading, facts: Any) -> str:
    """A section's title as a reader sees it: "Awesome Graph Learning" for
    ``# Awesome Graph Learning [![Awesome](badge.svg)](https://awesome.re)`` (links by their text, images and
    inline HTML left out), so messages and duplicate-section checks read the words, not the markup."""
    span = heading.text_span
    if facts is None or not (facts.links or facts.html_spans) or span.of(text) != heading.text:
        shown = heading.text
    else:
        shown = as_read(text, span, facts.links, facts.html_spans, images=False)
    if "&" in shown:  # "## C/C&#43;&#43;" reads "C/C++" (a character reference is one character)
        shown = html.unescape(shown)
    return clean_title(shown)


def quoted_title(text: str) -> tuple[str, int] | None:
    """A title in quotes in a reference that names a year (title as written, where it starts): one both quoted and
    bold anywhere, else one quoted after a period or comma."""
    if not YEAR.search(text):
        return None
    found = BOLD_QUOTED_TITLE.search(text)
    if found is not None:
        group = "title" if found.group("title") is not None else "inner"
        return found.group(group), found.start(group)
    found = QUOTED_TITLE.search(text)
    return (found.group("title"), found.start("title")) if found is not None else None


# a line of authors in italics, hard-broken: "*Mikolaj Czerkawski (@mikonvergence)* \\", "_A. Smith, B. Jones_<br>"
AUTHORS_LINE = lazy(rf"[ \t]*([*_])(?![*_\s])[^*_\n]+(?<!\s)\1[ \t]*{HARD_BREAK}?[ \t]*", re.IGNORECASE)


def bold_title_line(text: str, start: int, end: int, *, alone: bool = True, min_words: int = 2,
                    wrapped: bool = False) -> tuple[str, int] | None:
    """``**Title**`` opening the line from ``start``, after labels such as ``[2023/06]`` (with ``alone``: the whole
    line, a hard break after it allowed; with ``wrapped``, the bold words may go on to the next line): (title,
    where it starts in ``text``, -1 when it is written over two lines)."""
    labels = LEADING_LABELS.match(text, start, end)
    if labels is not None:
        start = labels.end()
    raw = text[start:end]
    strong = (WRAPPED_STRONG if wrapped else LEADING_STRONG).match(raw)
    if strong is None or (alone and not HARD_BREAK_TAIL.fullmatch(raw, strong.end())):
        return None
    title = clean_title(strong.group(2)).rstrip(".").strip()
    if len(title.split()) < min_words or title.endswith(":"):
        return None  # "**Note:**", "**Tools**": a label over what follows, not a paper
    at = text.find(title, start + strong.start(2), start + strong.end(2))
    return title, at


def primary_of(text: str, links: Sequence[Link]) -> Link | None:
    """The link an entry whose title is no link stands for: the first that is not on a line of authors written
    in italics (``*[Ben Mildenhall](home), Pratul Srinivasan.*<br>``: their pages, not the paper's); else the
    first."""
    return next((link for link in links if not _on_authors_line(text, link)), links[0] if links else None)


def _on_authors_line(text: str, link: Link) -> bool:
    start = text.rfind("\n", 0, link.full_span.start) + 1
    end = text.find("\n", link.full_span.end)
    line = BREAK_AT_END.sub("", text[start : len(text) if end < 0 else end].strip())
    return len(line) > 2 and line[0] in "*_" and line[1] != line[0] and line[-1] == line[0]


def _label_link(link: Link) -> bool:
    """A link named by a label ("[Paper]", "pdf", "Code", "Project Page"), as papers' links are, not by words."""
    return bool(LINK_TEXT_LABEL.fullmatch(link.text))


def _paper_marks(below_title: str, links: Iterable[Link]) -> bool:
    """What makes the lines under a bold title a paper's, not prose: a year, or a link named by a label."""
    return bool(YEAR.search(below_title)) or any(_label_link(link) for link in links)


def paper_paragraph(b: Builder, unit: InlineUnit) -> tuple[str, int, int, tuple[Link, ...]] | None:
    """A paragraph that is one paper: (title, where the title starts or -1, last line + 1, its links).

    Six shapes, each needing a paper's marks (or, for the last two, others like it) so that prose with a link
    stays prose:
    - a bold title alone on the first line, then authors, venue and links on the next (hard-broken) lines:
      ``**DiffEnc: Variational Diffusion** \\`` / ``*B. Nielsen, A. Christensen* \\`` / ``arXiv 2023. [[Paper](url)]``
      (a year, or a link named by a label);
    - one line that is a full reference, then its links, as reading roadmaps write them:
      ``**[4]** Krizhevsky, Alex, et al. "**ImageNet classification**." NIPS. 2012. [[pdf]](url)`` (a quoted title
      and a year, an APA ``(2019).``, a ``- 2017.04.05`` date);
    - one line that starts with the title link and ends with a short venue and year:
      ``[Explainability for LLMs: A Survey](url), TIST 2023``;
    - one line that opens with a venue link in brackets, then the title: ``[[CVPR](url)] Title``;
    - a link titled by words and nothing else, among others like it (:meth:`Builder.link_paragraphs`);
    - a link that opens a one-line paragraph (a quote's too), then a separator or a chip and its description,
      three or more such under one heading: projects written as paragraphs (``> **[ArchUnit](url)** <kbd>★</kbd>
      <br>Test library …``, generated by akullpp/awesome-java).
    """
    links = tuple(link for link in unit.facts.links if content_link(link) and not link.in_badge)
    if not links:
        return None
    source = b.source
    index = unit.line
    first_end = source.line_end(index)
    if unit.end_line - index > 1 and id(unit) in b.link_paragraphs() and links[0].text_span is not None:
        # "[**Name**](url) [<img src="badge.svg">](url) \" / "Conteúdo sobre: …" / "Playlists …": a project
        # written as a paragraph, its link alone on the first line, among others like it
        raw = links[0].text
        lead, trail = len(raw) - len(raw.lstrip("*_")), len(raw) - len(raw.rstrip("*_"))
        if lead + trail < len(raw):  # "[**Curso em Vídeo**](url)": the title inside the emphasis
            return raw[lead : len(raw) - trail], links[0].text_span.start + lead, unit.end_line, links
        return raw, links[0].text_span.start, unit.end_line, links
    if unit.end_line - index > 1:
        # a one-word title ("**DiffusionFastForward**") counts when an italic line of authors follows it
        authors = AUTHORS_LINE.fullmatch(source.line(index + 1))
        bold = bold_title_line(b.text, source.line_start(index), first_end, min_words=1 if authors else 2)
        if bold is None or links[0].full_span.start < first_end:
            return None
        if not _paper_marks(b.text[first_end : source.line_end(unit.end_line - 1)], links):
            return None
        return bold[0], bold[1], unit.end_line, links
    first = links[0]
    line_start = source.line_start(index)
    if first.kind is LinkKind.INLINE and not _label_link(first) and first.text_span is not None \
            and LEAD_PREFIX.match(b.text[line_start : first.full_span.start]):
        # the venue may be followed by links named by labels: ", ICLR 2023 [[code]](url)"
        tail_end = first_end
        later = [link for link in links[1:] if link.full_span.start < first_end]
        if later and all(_label_link(link) for link in later) \
                and not LINKS_ONLY.fullmatch(_without(b.text, later, later[0].full_span.start, first_end)):
            later = []
        if later:
            tail_end = later[0].full_span.start
            while tail_end > first.full_span.end and b.text[tail_end - 1] in " \t[(":
                tail_end -= 1
        if VENUE_YEAR_TAIL.fullmatch(b.text, first.full_span.end, tail_end) and clean_title(first.text):
            return first.text, first.text_span.start, index + 1, links
    if first.kind is LinkKind.INLINE:
        # "SIGCOMM 2019, [Title](url)---Notes:[zhihu](url)": a venue and year label the titled link, and nothing but
        # links named by labels or a word ("Notes:[zhihu](url)") follow it
        later = [link for link in links[1:] if link.full_span.start < first_end]
        if all(_label_link(link) or len(link.text.split()) == 1 for link in later) \
                and LABELLED_LINKS_ONLY.fullmatch(_without(b.text, later, first.full_span.end, first_end)) \
                and PARAGRAPH_VENUE_LEAD.fullmatch(b.text, line_start, first.full_span.start) \
                and not _label_link(first) and not first.text.lstrip().startswith(("[", "!", "<")) \
                and (len(first.text.split()) >= 2 or first.text.lstrip()[:1].isupper()) \
                and first.text_span is not None and clean_title(first.text):
            return first.text, first.text_span.start, index + 1, links
    if id(unit) in b.link_paragraphs():  # "[Federated Optimization: Distributed ML](url)" alone, among others
        return first.text, first.text_span.start if first.text_span else -1, index + 1, links
    if b.text.startswith("[", line_start) and first.full_span.start == line_start + 1:
        # "[[ECCV_2020](url)] [__`BNN`__] ReActNet: Towards …": a venue link in brackets, then the title
        tagged = b._title_after_tag_link(first, first_end, list(links))
        if tagged is not None:
            return tagged[0], tagged[1].start if tagged[1] is not None else -1, index + 1, links
    bold = _bold_title_then_label_links(b.text, line_start, first_end, links)
    if bold is not None:
        return bold[0], bold[1], index + 1, links
    dated = _dated_title_then_label_links(b.text, line_start, first_end, links)
    if dated is not None:
        return dated[0], dated[1], index + 1, links
    body = source.line(index).strip()
    quoted = quoted_title(body)
    if quoted is not None:
        title = quoted[0]
    elif APA.search(body) or DASH_DATE.search(body):
        title = citation_title(body)
    else:
        return None
    if not clean_title(title):
        return None
    at = source.line(index).find(title)
    return title, source.line_start(index) + at if at >= 0 else -1, index + 1, links


# a venue of capitalised words, its year and a comma opening a paragraph before a title link: "SIGCOMM 2019, ",
# "Information Systems Frontiers 2014, ", "ACM Comput. Surv. 2018," ("Since early 2019, " is prose)
PARAGRAPH_VENUE_LEAD = lazy(r"[ \t]*(?:[A-Z][^\s\[\]()*_`\"“”<>]{0,19}[ \t]+){1,4}(?:19|20)\d\d[ \t]*,[ \t]*")
# what is left of a run of links once their text is taken out: brackets, parentheses, separators and spaces
LINKS_ONLY = lazy(r"[\s\[\](),;|/·•-]*")
# ... and the label words before them ("---Notes:[zhihu](url)", " Code: [GitHub](url)")
LABELLED_LINKS_ONLY = lazy(r"(?:[\s\[\](),;|/·•\-–—]|\w{1,12}[ \t]?[:：])*")


def _without(text: str, links: Sequence[Link], start: int, end: int) -> str:
    """``text[start:end]`` without the links in it."""
    out, at = [], start
    for link in links:
        out.append(text[at : link.full_span.start])
        at = max(at, link.full_span.end)
    out.append(text[at:end])
    return "".join(out)


def _dated_title_then_label_links(text: str, start: int, end: int, links: Sequence[Link]) -> tuple[str, int] | None:
    """``(Arxiv 24.01.08) MoE-Mamba: Efficient Selective State Space Models [Paper](url) [Code](url)``: a venue and
    date, the title in plain words, then only links named by labels. (title, where it starts)."""
    venue = VENUE_LEAD.match(text, start, end)
    on_line = [link for link in links if link.full_span.start < end]
    if venue is None or venue.end() == start or not on_line or not all(_label_link(link) for link in on_line):
        return None
    first = on_line[0].full_span.start
    if not LINKS_ONLY.fullmatch(IMAGE_MARKUP.sub("", _without(text, on_line, first, end))):
        return None  # "[Paper](url) [Code](url) ![Stars](badge)": labelled links, and a badge at most
    raw = text[venue.end() : first]
    title = clean_title(raw).rstrip(" .,:;-–—")
    if len(title.split()) < 2:
        return None
    at = text.find(title, venue.end(), first)
    return title, at


def _bold_title_then_label_links(text: str, start: int, end: int, links: Sequence[Link]) -> tuple[str, int] | None:
    """``**PointNet (2017)** [[Paper]](url) [[Code]](url)``, ``:gem: <b>MeshNet (AAAI 2019)</b> [[Paper]](url)``: a
    line opened by a bold title (after emoji), then only links named by labels, as paper lists write a paper
    whose picture or notes follow. (title, where it starts)."""
    if not links or not all(_label_link(link) and link.full_span.start < end for link in links):
        return None
    lead = EMOJI_LEAD.match(text, start, end)
    at = lead.end() if lead is not None else start
    tagged = HTML_BOLD.match(text, at, end)
    if tagged is not None:
        title = clean_title(tagged.group(2)).rstrip(".").strip()
        if len(title.split()) < 2 or title.endswith(":"):
            return None
        bold: tuple[str, int] | None = (title, text.find(title, tagged.start(2), tagged.end(2)))
        bold_end = tagged.end()
    else:
        bold = bold_title_line(text, at, end, alone=False)
        strong = LEADING_STRONG.match(text, at, end)
        bold_end = strong.end() if strong is not None else end
    if bold is None or links[0].full_span.start < bold_end:
        return None
    return bold


def _bold_title_over_link_list(
    b: Builder, unit: InlineUnit, first_unit: dict[int, InlineUnit]
) -> tuple[str, int, int, tuple[Link, ...]] | None:
    """A bold title alone in its paragraph, then a list whose items are all labelled links, one paper:
    ``**OneLLM: One Framework to Align All Modalities**`` / ``- Paper: https://arxiv.org/abs/2312.03700`` /
    ``- Code: https://github.com/csuhan/OneLLM``. (title, where it starts, last line + 1, the items' links)."""
    source = b.source
    if unit.end_line - unit.line != 1:
        return None
    bold = bold_title_line(b.text, source.line_start(unit.line), source.line_end(unit.line))
    if bold is None:
        return None
    line = unit.end_line
    while line < source.line_count and not source.line(line).strip():
        line += 1
    first = b.top_items_by_line().get(line)
    if first is None or first.ordered:
        return None
    items = b.top_items_of_list(first.list_index)
    links: list[Link] = []
    known = 0  # items labelled by a word we know ("Paper:"); the others by any short label ("Homeoage:", a typo)
    for item in items:
        item_unit = first_unit.get(item.index)
        found = [link for link in item_unit.facts.links if content_link(link)] if item_unit else []
        label = b.text[item.content_start : found[0].full_span.start] if found else ""
        if not found or not (LINK_LABEL.fullmatch(label) or LABELLED_LINE.fullmatch(label.rstrip())):
            return None
        known += bool(LINK_LABEL.fullmatch(label))
        links.extend(found)
    if not known:
        return None
    return bold[0], bold[1], items[-1].end_line, tuple(links)


def _citation_entry(source: SourceText, index: int, title: str, tags: list[StatusTag], links: tuple[Link, ...],
                    section: str, *, at: int | None = None, end_line: int | None = None) -> Entry:
    """The citation-layout entry starting on source line ``index`` (to ``end_line``, by default that line alone),
    titled by ``title``: text as written at offset ``at``, by default found on that line."""
    line = source.line(index)
    base = source.line_start(index)
    if at is None:
        found = line.find(title) if title else -1
        at = base + found if found >= 0 else -1
    last = (end_line if end_line is not None else index + 1) - 1
    return Entry(
        layout=Layout.CITATION,
        title=clean_title(title),
        title_span=Span(at, at + len(title)) if at >= 0 else None,
        links=links,
        primary_link=primary_of(source.text, links),
        status=status_of(tags),
        tags=tuple(tags),
        bibtex=(),
        description="",
        children=(),
        span=Span(base + len(line) - len(line.lstrip()), source.line_end(last)),
        line=index,
        section=section,
    )


def _citation_lines(b: Builder, unit: InlineUnit, source: SourceText, section: str) -> list[Entry]:
    """References written as prose lines: ``• Author (2019). Title.`` bullets, or a paragraph holding one."""
    out: list[Entry] = []
    lines = range(unit.line, unit.end_line)
    bullets = [i for i in lines if source.line(i).lstrip()[:1] in FAKE_BULLETS and source.line(i).strip()]
    candidates = bullets if bullets else ([unit.line] if unit.end_line - unit.line == 1 else [])
    for index in candidates:
        line = source.line(index)
        body = line.strip()
        strong = APA.search(body) or DASH_DATE.search(body)
        if not (strong if not bullets else is_citation(body)):
            continue
        base = source.line_start(index)
        lead = len(line) - len(line.lstrip())
        tags = b.tags_in(base + lead, source.line_end(index), ())
        if tags:  # a status tag ends the reference, it is not part of its title
            body = source.text[base + lead : tags[0].span.start].strip() or body
        out.append(_citation_entry(source, index, citation_title(body), tags, (), section))
    return out
