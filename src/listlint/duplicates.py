"""Shared indexes for duplicate detection (LL601-LL604): built once, in one linear pass, and read by four rules.

Each document's facts (:class:`DocumentFacts`: every entry's primary link key, title key, BibTeX keys and
identifiers) are computed once through ``document.memo("duplicates", ...)``. An :class:`Index` maps each key to its
first occurrence over a *scope*: the document itself (``duplicates.scope = "file"``) or every document of the run
(``"project"``), in which case it is built once per run and kept on the first document of the project. Nothing
here compares pairs: a later occurrence finds its first one by a dict lookup, so the work is linear in the number
of entries.

Only the primary link of an entry counts: links in descriptions, badges, fragment-only links and entries of a
table of contents are never compared (awesome-lint's exact-URL check drew complaints for exactly those).
"""


import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence

from listlint import urls
from listlint.bibtex.normalize import title_key  # the one title normaliser, shared with LL503
from listlint.model import BibEntry, BibField, Document, Entry, Link, LinkKind
from listlint.records import Record
from listlint.regex import lazy
from listlint.source import Span

__all__ = [
    "Allow",
    "DocumentFacts",
    "EntryOccurrence",
    "IdentOccurrence",
    "Index",
    "KeyOccurrence",
    "Place",
    "ancestors",
    "bib_identifiers",
    "facts",
    "index_for",
    "parent_entries",
    "section_index",
    "shared_code_link",
    "CODE_HOSTS",
    "title_key",
    "title_is_comparable",
    "NAMED_KEYS",
    "titles_differ",
]

# --------------------------------------------------------------------------------------------------------------
# Title keys (the key itself is :func:`listlint.bibtex.normalize.title_key`)
# --------------------------------------------------------------------------------------------------------------


def _is_wide(ch: str) -> bool:
    """Letters of scripts written without spaces between words (Chinese, Japanese, Thai, Lao); not Korean."""
    if "\u0e00" <= ch <= "\u0eff":
        return True
    if ch < "\u2e80" or "\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f":
        return False
    return unicodedata.east_asian_width(ch) in ("W", "F")


def title_is_comparable(key: str, minimum_words: int = 3) -> bool:
    """Titles shorter than ``minimum_words`` words are not compared ("Introduction", "Survey" repeat legitimately).

    Text in scripts without spaces counts one word per two characters, so a six-character Chinese title counts.
    Only what holds a letter or a digit is a word: a symbol left in the key ('+', '#', '→') is none.
    """
    if key.isascii():
        # called for every title of a list: stop at the minimum, and test a whole word before its characters
        count = 0
        for word in key.split():
            if word.isalnum() or any(ch.isalnum() for ch in word):
                count += 1
                if count >= minimum_words:
                    return True
        return count >= minimum_words
    words = 0.0
    for word in key.split():
        if not any(ch.isalnum() for ch in word):
            continue
        wide = sum(1 for ch in word if _is_wide(ch))
        words += wide / 2 + (1 if wide < len(word) else 0)
        if words >= minimum_words:
            return True
    return False


# --------------------------------------------------------------------------------------------------------------
# Identifiers from BibTeX
# --------------------------------------------------------------------------------------------------------------

_JOURNAL_ARXIV = lazy(
    r"(?:arxiv\s*:?\s*|abs/)(\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[a-z]{2})?/\d{7})(v\d+)?", re.IGNORECASE
)
_URL_COMMAND = lazy(r"^\\url\s*\{(.*)\}$", re.DOTALL)


def field_text(value: str) -> str:
    """A field value without inner braces or a ``\\url{...}`` wrapper."""
    value = value.strip()
    match = _URL_COMMAND.match(value)
    if match:
        value = match.group(1)
    return value.replace("{", "").replace("}", "").strip()


def _ident_of(text: str) -> str | None:
    """``arxiv:ID`` or ``doi:...`` for a link, ``doi:``/``arXiv:`` text or a bare DOI (arXiv DOIs become arXiv)."""
    arxiv = urls.arxiv_id(text)
    if arxiv:
        return "arxiv:" + arxiv
    found = urls.doi(text)
    if found:
        return "doi:" + found
    return None


def _value_span(f: BibField, text: str, match: re.Match[str] | None = None) -> Span:
    """The span of a field's value without its enclosing braces and surrounding spaces (or of ``match`` in it),
    when the raw value is verbatim in ``text``; else the whole value span."""
    inner = f.value_span.start + (1 if f.enclosing else 0)
    if text[inner : inner + len(f.value)] != f.value:
        return f.value_span
    if match is not None:
        return Span(inner + match.start(1), inner + match.end(2 if match.group(2) else 1))
    lead = len(f.value) - len(f.value.lstrip())
    return Span(inner + lead, inner + len(f.value.rstrip()))


# the fields bib_identifiers reads
_IDENT_FIELDS = frozenset({"doi", "eprint", "journal", "note", "howpublished", "booktitle", "volume", "url"})


def bib_identifiers(entry: BibEntry, text: str = "") -> list[tuple[str, str, Span]]:
    """(identifier, evidence, span of the value in ``text``) for the DOI and arXiv id a BibTeX entry names.

    Read from ``doi``, ``eprint`` (with ``archivePrefix`` arXiv or none), ``journal``/``note``/``booktitle``/
    ``howpublished``/``volume`` (``CoRR, abs/ID``, ``arXiv preprint arXiv:ID``) and ``url``.
    """
    found: list[tuple[str, str, Span]] = []
    prefix = (entry.get("archiveprefix") or entry.get("eprinttype") or "arxiv").strip("{} ").lower()
    for f in entry.fields:
        name = f.name.lower()
        if name not in _IDENT_FIELDS:
            continue  # title, author, pages...: they name no identifier, so their values need no cleaning
        value = field_text(f.value)
        if not value:
            continue
        ident: str | None = None
        match: re.Match[str] | None = None
        if name == "doi":
            ident = _ident_of(value if value.lower().startswith(("10.", "doi:", "http")) else "doi:" + value)
        elif name == "eprint" and prefix == "arxiv":
            arxiv = urls.arxiv_id("arXiv:" + value.removeprefix("arXiv:").removeprefix("arxiv:").strip())
            ident = "arxiv:" + arxiv if arxiv else None
        elif name in ("journal", "note", "howpublished", "booktitle", "volume"):
            match = _JOURNAL_ARXIV.search(f.value)
            if match:
                arxiv = urls.arxiv_id("arXiv:" + match.group(1))
                ident = "arxiv:" + arxiv if arxiv else None
        elif name == "url":
            ident = _ident_of(value)
        if ident:
            found.append((ident, f"{f.name} field", _value_span(f, text, match)))
    return found


# --------------------------------------------------------------------------------------------------------------
# Occurrences
# --------------------------------------------------------------------------------------------------------------


class Place(Record):
    """Where an occurrence is, for messages: the document's path, a 1-based line and the section title."""

    path: str
    line: int
    section: str

    def describe(self, here: str) -> str:
        """``line 14 under 'Training'``, or ``other.md:14 under 'Training'`` when in another file than ``here``."""
        where = f"line {self.line}" if self.path == here else f"{self.path}:{self.line}"
        if self.section:
            section = self.section if len(self.section) <= 60 else self.section[:59] + "…"
            where += f" under '{section}'"
        return where


class EntryOccurrence(Record):
    """An entry outside any table of contents: its primary link's normalised key (LL601, "" when it has no
    comparable link) and its title key (LL602, "" when it has no title). One object serves both indexes."""

    entry: Entry
    link: Link | None
    link_key: str
    title_key: str
    path: str
    order: int = 0  # the entry's position among the document's entries (children included)
    anchor: str = ""  # the named fragment of an absolute primary link ("…/gallery.aspx#SQLServer2012"), else ""
    parent: Entry | None = None  # the entry it is nested under (a course above its "Lecture Notes"), else None
    # the primary link is a labelled code or project link after a plain-text title ("Title [GitHub Link](repo)"),
    # not the title's own link: see :func:`shared_code_link`
    secondary: bool = False

    @property
    def place(self) -> Place:
        return Place(self.path, self.entry.line + 1, self.entry.section)


class KeyOccurrence(Record):
    """A BibTeX entry's key, casefolded (LL603), with its title key ("" when it has no title)."""

    bib: BibEntry
    key: str
    title_key: str
    path: str
    line: int
    section: str

    @property
    def place(self) -> Place:
        return Place(self.path, self.line, self.section)

    @property
    def span(self) -> Span:
        return self.bib.key_span or self.bib.span


class IdentOccurrence(Record):
    """A DOI or arXiv id (``doi:...``/``arxiv:...``) named by an entry or by a BibTeX entry outside any entry.

    ``evidence`` says where it was read ("link", "eprint field", ...), ``span`` is that text. ``link_key`` and
    ``bib_keys`` identify the owner, so that LL604 leaves to LL601/LL603 what they already report. An owner
    names each identifier once.
    """

    ident: str
    evidence: str
    span: Span
    entry: Entry | None  # the owning entry; None for a BibTeX entry outside any entry
    link: str  # the owner's primary link as written ("" when none)
    link_key: str
    bib_keys: frozenset[str]  # casefolded
    key_names: tuple[str, ...]  # the keys as written, for messages
    path: str
    line: int
    section: str

    @property
    def place(self) -> Place:
        return Place(self.path, self.line, self.section)


class DocumentFacts(Record):
    """Everything duplicate detection needs from one document, in document order, before any allow-list.

    ``links`` holds the entries with a comparable primary link, ``titles`` those with a title key (the same
    objects); a large list has one object per entry here, since allocation (and the garbage collector's work
    that comes with it) is most of the cost of building these facts."""

    links: tuple[EntryOccurrence, ...]
    titles: tuple[EntryOccurrence, ...]
    keys: tuple[KeyOccurrence, ...]
    idents: tuple[IdentOccurrence, ...]


def is_comparable_link(link: Link | None) -> bool:
    """A primary link worth comparing: not fragment-only, not a badge or image, not empty."""
    return (
        link is not None
        and not link.is_fragment
        and not link.in_badge
        and link.kind is not LinkKind.IMAGE
        and bool(link.url.strip())
        and not PLACEHOLDER_URL.fullmatch(link.url)
    )


# what a format template links to ("* **Title**, Authors [[Paper](URL)]" in a contribution guide): no page
PLACEHOLDER_URL = lazy(r"(?:url|link|href|paper[-_ ]?(?:url|link)|\.\.\.|…|todo|tbd|xxx+)", re.IGNORECASE)


def _section_finder(document: Document) -> tuple[list[int], list[str]]:
    """Section start offsets (document order) and titles: the last start at or before an offset is its section."""

    def build() -> tuple[list[int], list[str]]:
        starts: list[int] = []
        titles: list[str] = []
        for section in document.sections:
            if starts and section.span.start < starts[-1]:
                continue  # the root, or a malformed tree: keep the list sorted
            starts.append(section.span.start)
            titles.append(section.title)
        return starts, titles

    return document.memo("duplicates.sections", build)


def section_index(document: Document, entry: Entry) -> int:
    """The position of the innermost section holding ``entry``: two entries are in one section when their indexes
    are equal (two sections with one title, "2023" under "Attacks" and under "Defenses", are told apart)."""

    starts, _ = _section_finder(document)
    return bisect_right(starts, entry.span.start) - 1


def parent_entries(document: Document) -> dict[int, Entry]:
    """The entry each nested entry sits under, by the nested entry's id."""
    return document.memo("duplicates.parents", lambda: {
        id(child): entry for entry in document.entries for child in entry.children
    })


def ancestors(document: Document, entry: Entry) -> Iterator[Entry]:
    """The entries ``entry`` is nested under, innermost first."""
    parents = parent_entries(document)
    parent = parents.get(id(entry))
    while parent is not None:
        yield parent
        parent = parents.get(id(parent))


_NO_KEYS: frozenset[str] = frozenset()


def _link_ident(link: Link, link_key: str) -> str | None:
    """The DOI or arXiv id a primary link names (its key for arXiv links)."""
    if link_key.startswith("arxiv:"):
        return link_key
    if link_key.startswith("doi:"):
        return _ident_of(link.url)  # arXiv's own DOIs (10.48550/arXiv.ID) name the arXiv id
    found = urls.doi(link.url)  # publisher links with the DOI in the path
    return "doi:" + found if found else None


#: Link keys that name a paper by its identifier, whatever the URL's form or fragment
NAMED_KEYS = ("arxiv:", "doi:", "openreview:")


def _anchor(url: str) -> str:
    """The fragment of an absolute URL when it names a place in the page (``#IntroducingSQLServer2012``), else "".

    Two links to one page with different named fragments name different items of it (a gallery of books); route
    fragments (``#/x``, ``#page=2``) are part of the link key already, and a relative link's fragment too."""
    text = url.strip()
    fragment = text.partition("#")[2]  # what split() takes for the fragment: all after the first '#'
    if not fragment or urls.is_route_fragment(fragment):
        return ""  # decided without splitting the URL
    return fragment if urls.split(text).authority is not None else ""


# the text of a link to an entry's code or project rather than to the work itself: "GitHub Link", "[Code]", "代码"
_CODE_LABEL = lazy(
    r"[\s\[(*_`]*(?:(?:official |source |unofficial )?code|github|gitlab|repo(?:sitory)?|implementation|"
    r"project(?: ?page)?|demo|代码|代碼|源码|项目|項目)(?: link)?[\s\])*_`.:]*",
    re.IGNORECASE,
)
# link text that names the work itself: such a link names the paper whatever its host
_WORK_LABEL = lazy(r"[\s\[(*_`]*(?:paper|pdf|arxiv|doi|openreview|article|论文|論文)\b", re.IGNORECASE)
# hosts of code repositories and model hubs, as link keys start (``urls.normalize``: no scheme, no "www.")
CODE_HOSTS = ("github.com/", "gitlab.com/", "bitbucket.org/", "codeberg.org/", "huggingface.co/")
# a venue in capitals and its year, as a paper's reference gives them: "(SIGMOD 2019)", "（CIDR2019）", "ICML'20"
_VENUE_YEAR = lazy(r"\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|arXiv)(?:'\d\d|[ \t]*(?:19|20)\d\d)\b")


def _paper_keys(entry: Entry) -> set[str]:
    """The papers (arXiv, DOI, OpenReview keys) the entry's links other than its primary one name."""
    keys: set[str] = set()
    primary = entry.primary_link.full_span if entry.primary_link is not None else None
    for link in entry.links:
        if link.full_span != primary and not link.is_fragment:
            key = urls.normalize(link.url)
            if key.startswith(NAMED_KEYS):
                keys.add(key)
    return keys


def _is_secondary(entry: Entry, link: Link, link_key: str, text: str) -> bool:
    """Whether an entry's primary link is the code or project link of a paper with a plain-text title: the link
    does not overlap the title; its text says code or project ("GitHub Link", "[Code]"), or it leads to a
    repository's root on a code host and its text does not name the work ("[PDF]"); and the entry names a paper,
    by a venue and year ("(SIGMOD 2019)", in its title, after it or in its description; the parser leaves it out
    of a title it reads as a citation) or by another link to an arXiv, DOI or OpenReview page. In a list of tools
    or resources ("中文拼写检查库 | [github](repo)") the repository is the item itself: not secondary."""
    title = entry.title_span
    if title is None or not len(title) or (link.full_span.start < title.end and title.start < link.full_span.end):
        return False  # no title, or the title is the link's text: the link is the work's own
    if not (_CODE_LABEL.fullmatch(link.text) or link_key.startswith(CODE_HOSTS) and link_key.count("/") == 2
            and not _WORK_LABEL.match(link.text)):
        return False
    between = text[title.end:link.full_span.start] if title.end <= link.full_span.start else ""
    return bool(_VENUE_YEAR.search(entry.title) or _VENUE_YEAR.search(between) or _VENUE_YEAR.search(entry.description)
                or _paper_keys(entry))


def _build_facts(document: Document) -> DocumentFacts:

    path = document.path
    text = document.text
    line_index = document.source.line_index
    in_toc: set[int] = set()
    for section in document.sections:
        if section.is_toc:
            for top in section.entries:
                in_toc.update(id(e) for e in top.walk())
    links: list[EntryOccurrence] = []
    titles: list[EntryOccurrence] = []
    keys: list[KeyOccurrence] = []
    idents: list[IdentOccurrence] = []
    owned_blocks: set[Span] = set()
    normalize = urls.normalize
    parents = parent_entries(document)
    for order, entry in enumerate(document.entries):
        if in_toc and id(entry) in in_toc:
            continue
        link = entry.primary_link
        link_key = normalize(link.url) if is_comparable_link(link) else ""
        title = title_key(entry.title) if entry.title else ""
        if not link_key and not title and not entry.bibtex:
            continue
        anchor = _anchor(link.url) if link_key and link is not None and "#" in link.url \
            and not link_key.startswith(NAMED_KEYS) else ""  # an identifier names the paper whatever the fragment
        secondary = bool(link_key) and link is not None and _is_secondary(entry, link, link_key, document.text)
        occ = EntryOccurrence(entry, link, link_key, title, path, order, anchor, parents.get(id(entry)), secondary)
        if link_key:
            links.append(occ)
        if title:
            titles.append(occ)
        ident = _link_ident(link, link_key) if link_key and link is not None else None
        if not entry.bibtex:
            if ident and link is not None:
                idents.append(IdentOccurrence(ident, "link", link.span or link.full_span, entry, link.url, link_key,
                                              _NO_KEYS, (), path, entry.line + 1, entry.section))
            continue
        # With BibTeX: the link speaks for all the entry's keys, a BibTeX entry for its own key, so two keys of one
        # entry naming one DOI are still found.
        bib_keys: dict[str, str] = {}
        for block in entry.bibtex:
            owned_blocks.add(block.span)
            for bib in block.entries:
                bib_keys.setdefault(bib.key.casefold(), bib.key)
        all_keys = frozenset(bib_keys)
        written = link.url if link_key and link is not None else ""
        seen: set[tuple[str, frozenset[str]]] = set()
        if ident and link is not None:
            seen.add((ident, all_keys))
            idents.append(IdentOccurrence(ident, "link", link.span or link.full_span, entry, written, link_key,
                                          all_keys, tuple(bib_keys.values()), path, entry.line + 1, entry.section))
        for block in entry.bibtex:
            for bib in block.entries:
                folded = frozenset((bib.key.casefold(),))
                for found, evidence, span in bib_identifiers(bib, text):
                    if (found, folded) in seen or (found, all_keys) in seen:
                        continue  # named already, for this key or (by the link) for every key of the entry
                    seen.add((found, folded))
                    idents.append(IdentOccurrence(found, evidence, span, entry, written, link_key, folded,
                                                  (bib.key,), path, line_index(bib.span.start) + 1, entry.section))
    starts: list[int] | None = None
    section_titles: list[str] = []
    for block in document.bibtex_blocks:
        loose = block.span not in owned_blocks
        for bib in block.entries:
            if not bib.key or bib.entry_type.lower() in ("string", "preamble", "comment"):
                continue
            line = line_index(bib.span.start) + 1
            if loose:
                if starts is None:
                    starts, section_titles = _section_finder(document)
                section = section_titles[bisect_right(starts, bib.span.start) - 1] if starts else ""
            else:
                section = _owner_section(document, block.span)
            bib_title = bib.get("title")
            keys.append(KeyOccurrence(bib, bib.key.casefold(), title_key(bib_title) if bib_title else "", path,
                                      line, section))
            if loose:
                named: set[str] = set()
                for found, evidence, span in bib_identifiers(bib, text):
                    if found not in named:
                        named.add(found)
                        idents.append(IdentOccurrence(found, evidence, span, None, "", "",
                                                      frozenset((bib.key.casefold(),)), (bib.key,), path, line,
                                                      section))
    idents.sort(key=lambda o: o.span.start)
    return DocumentFacts(tuple(links), tuple(titles), tuple(keys), tuple(idents))


def _owner_section(document: Document, block_span: Span) -> str:
    """The section title of the entry that owns a BibTeX block (the block lies inside the entry's span)."""
    owners = document.memo("duplicates.bib_owner", lambda: {
        b.span: e.section for e in document.entries for b in e.bibtex
    })
    return owners.get(block_span, "")


def facts(document: Document) -> DocumentFacts:
    """The document's duplicate facts, computed once and shared by LL601-LL604."""
    return document.memo("duplicates", lambda: _build_facts(document))


# --------------------------------------------------------------------------------------------------------------
# Allow-list
# --------------------------------------------------------------------------------------------------------------


class Allow:
    """``duplicates.allow``: each item is a URL (compared by its normalised key, so any variant matches) or a
    regular expression that must match the whole URL as written or its key (``arxiv:2010.11929``)."""

    __slots__ = ("items", "keys", "patterns")

    def __init__(self, items: Sequence[str]) -> None:
        self.items = tuple(items)
        self.keys = frozenset(urls.normalize(item) for item in self.items if item.strip())
        patterns = []
        for item in self.items:
            try:
                patterns.append(re.compile(item))
            except re.error:
                continue  # a plain URL that is not a valid regex: matched by its key only
        self.patterns = tuple(patterns)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __call__(self, url: str, key: str) -> bool:
        if key in self.keys:
            return True
        return any(p.fullmatch(url) or p.fullmatch(key) for p in self.patterns)


# --------------------------------------------------------------------------------------------------------------
# The index over a scope
# --------------------------------------------------------------------------------------------------------------


class Index:
    """First occurrences of each key over the documents of a scope, in document order."""

    __slots__ = ("allow", "by_link", "by_title", "first_ident", "first_key", "first_key_in", "position",
                 "allowed_links", "by_section")

    def __init__(self, allow: Allow, by_section: bool = False) -> None:
        self.allow = allow
        self.by_link: dict[str, list[EntryOccurrence]] = {}  # every occurrence, in order
        self.by_title: dict[str, list[EntryOccurrence]] = {}  # every occurrence, in order
        self.first_ident: dict[str, IdentOccurrence] = {}
        self.first_key: dict[str, KeyOccurrence] = {}
        self.first_key_in: dict[tuple[int, str], KeyOccurrence] = {}
        self.position: dict[int, int] = {}  # id(document) -> its position in the scope
        self.allowed_links: set[int] = set()  # id(entry) of entries exempted by the allow-list
        # ``duplicates.scope = "section"``: links, titles and identifiers repeat per section
        self.by_section = by_section

    def _scoped(self, section: str, key: str) -> str:
        return f"{section}\x1f{key}" if self.by_section else key

    def first_link_of(self, occ: EntryOccurrence) -> EntryOccurrence | None:
        """The earlier entry ``occ`` repeats the link of: the first one with the same title if any, else the first
        one; links to one page with different named fragments (two books of one gallery page) do not count."""
        fallback: EntryOccurrence | None = None
        for other in _earlier(self.by_link.get(self._scoped(occ.entry.section, occ.link_key)), occ):
            if other.anchor and occ.anchor and other.anchor != occ.anchor:
                continue
            if shared_code_link(other, occ):
                continue
            if not titles_differ(other.title_key, occ.title_key):
                return other
            fallback = fallback or other
        return fallback

    def first_title_of(self, occ: EntryOccurrence, same_work: Callable[[EntryOccurrence, EntryOccurrence], bool]
                       = lambda first, later: True) -> EntryOccurrence | None:
        """The first earlier entry with ``occ``'s title that ``same_work`` accepts as the same work."""
        for other in _earlier(self.by_title.get(self._scoped(occ.entry.section, occ.title_key)), occ):
            if same_work(other, occ):
                return other
        return None

    def first_ident_of(self, occ: IdentOccurrence) -> IdentOccurrence | None:
        return self.first_ident.get(self._scoped(occ.section, occ.ident))

    def is_allowed(self, entry: Entry) -> bool:
        """True when the entry's primary link is exempted by ``duplicates.allow``."""
        return id(entry) in self.allowed_links

    def ident_allowed(self, occ: IdentOccurrence) -> bool:
        """True when the identifier or its owning entry is exempted by ``duplicates.allow``."""
        if occ.entry is not None and id(occ.entry) in self.allowed_links:
            return True
        return bool(self.allow) and self.allow(occ.ident, occ.ident)


def titles_differ(one: str, other: str) -> bool:
    """Two title keys that name different things: both present, neither contains the other ("GPT-4" and "GPT-4
    Technical Report" may be one paper), and they share fewer than half the words of the shorter one (a course
    renamed "… Computer Vision - Winter 2017" / "… Computer Vision class (Winter 2017)" is still one course;
    "RainDiffusion" and "Dif-Fusion" are not one paper)."""
    if not one or not other or one in other or other in one:
        return False
    if "".join(ch for ch in one if ch.isalnum()) == "".join(ch for ch in other if ch.isalnum()):
        return False  # "Exchangerate Host" and "Exchangerate.host": one name, written apart or with a dot
    words, others = set(one.split()), set(other.split())
    return 2 * len(words & others) < min(len(words), len(others))


# a venue and year closing a title ("(SIGMOD 2019)", "（CIDR2019）", "[ICML'20]"): one paper's two listings may differ
_VENUE_TAIL = lazy(r"(?:\s*[(（\[][^()（）\[\]]{1,40}[)）\]])+\s*$")


def shared_code_link(one: EntryOccurrence, other: EntryOccurrence) -> bool:
    """Two papers whose one link is the code or project link of both, with titles that name two works and no
    paper link in common: two papers of one repository ("Learned Cardinalities (CIDR 2019)" and "… Deep Sketches
    (SIGMOD 2019)", both with "[GitHub Link](…/learnedcardinalities)"), not one entry listed twice.

    Titles that share many words are common here (the same authors, one topic), so they count as one work only
    when, without a closing venue, they are equal, one contains the other, or they differ by a few characters."""
    if not (one.secondary and other.secondary):
        return False
    if _paper_keys(one.entry) & _paper_keys(other.entry):
        return False  # one paper, under two titles
    a = title_key(_VENUE_TAIL.sub("", one.entry.title)) or one.title_key
    b = title_key(_VENUE_TAIL.sub("", other.entry.title)) or other.title_key
    if not a or not b or a in b or b in a:
        return False
    import difflib  # asked only for entries sharing a code link

    return difflib.SequenceMatcher(None, a, b).ratio() < 0.85


_SCAN = 64  # earlier occurrences looked at: a key repeated hundreds of times must not make the work quadratic


def _earlier(occurrences: list[EntryOccurrence] | None, occ: EntryOccurrence) -> list[EntryOccurrence]:
    """The occurrences before ``occ`` (all of them when ``occ`` is not indexed), at most ``_SCAN`` of them."""
    if not occurrences:
        return []
    out = []
    for other in occurrences:
        if other is occ or len(out) == _SCAN:
            break
        out.append(other)
    return out


def _build_index(documents: Iterable[Document], allow_items: tuple[str, ...], by_section: bool = False) -> Index:
    docs = tuple(documents)
    allow = Allow(allow_items)
    index = Index(allow, by_section=by_section)
    scoped = index._scoped
    for position, document in enumerate(docs):
        index.position[id(document)] = position
        f = facts(document)
        for occ in f.links:
            if allow and occ.link is not None and allow(occ.link.url, occ.link_key):
                index.allowed_links.add(id(occ.entry))
                continue
            index.by_link.setdefault(scoped(occ.entry.section, occ.link_key), []).append(occ)
        for occ in f.titles:
            if id(occ.entry) in index.allowed_links or not title_is_comparable(occ.title_key):
                continue
            index.by_title.setdefault(scoped(occ.entry.section, occ.title_key), []).append(occ)
        for k in f.keys:
            index.first_key.setdefault(k.key, k)
            index.first_key_in.setdefault((position, k.key), k)
        for i in f.idents:
            if not index.ident_allowed(i):
                index.first_ident.setdefault(scoped(i.section, i.ident), i)
    return index


def index_for(document: Document, project: tuple[Document, ...], scope: str, allow: tuple[str, ...]) -> Index:
    """The index for ``document``'s scope: the document alone, each of its sections, or the whole project (built
    once per run and kept on the project's first document, so every document of the run shares it)."""
    if scope == "project" and project:
        # The index keeps a reference to ``project``, so while it is cached no other tuple can take its id.
        cache: dict[tuple[int, tuple[str, ...]], Index] = project[0].memo("duplicates.project", dict)
        key = (id(project), allow)
        found = cache.get(key)
        if found is None:
            found = cache[key] = _build_index(project, allow)
        if id(document) in found.position:
            return found
    by_section = scope == "section"
    files: dict[tuple[bool, tuple[str, ...]], Index] = document.memo("duplicates.file", dict)
    found = files.get((by_section, allow))
    if found is None:
        found = files[by_section, allow] = _build_index((document,), allow, by_section)
    return found
