"""Status-tag candidates on an entry's title line: ``[`READ`]``, ``[READ]``, ``[ `read` ]``, GFM task boxes.

What is a status tag is decided here, once, against the configured vocabulary; ``Entry.status``/``Entry.tags``
and the LL3xx rules (which tell known tags from misspelt or misplaced ones) rest on that one decision. A bracketed
word is a status tag when it is

- a word of the vocabulary, in any case (``[read]``, ``**[`READ`]**``);
- written in backticks (``[`WIP`]``), the canonical tag form, in a file that writes tags of the vocabulary
  (:func:`writes_tags`);
- or, unless emphasis wraps it, a safe misspelling of a tag of the vocabulary (:func:`misspelling`): ``[UNRAED]``.

Anything else is a label: an acronym or nickname (``[SSD]``, ``[R-CNN]``, ``[MIT]``), and any bracketed word that
is the whole of an emphasis span (``**[RED]**``, ``__[FPN]__``), however close to a tag. Only uppercase bare words
are looked at, so ``[pdf]`` labels and footnote-like text stay out. Brackets inside inline code (other than a code
span that is the tag itself, ``[`READ`]`` or ```[READ]```) and inside HTML comments are not tags: they are text
about tags, not tags.

A vocabulary word in backticks without brackets (`` `READ` ``) is a tag too (``brackets=False``). Tags written as
inline code (```[READ]```, `` `READ` ``) count only at the end of the line or before everything else on it.

A task box is looked for only at the start of a list item's content (``checkbox_at``). Besides the GFM shapes
``[ ]``, ``[x]`` and ``[X]``, near misses (``[]``, ``[ x ]``, ``[x]Title``) are recorded too so that LL305 can
report them; rules tell them apart by ``raw``.
"""


import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from listlint.model import StatusTag
from listlint.records import Record
from listlint.regex import compile_cached, lazy
from listlint.source import Span

# a tag word: a letter of any script (READ, GELESEN, ПРОЧИТАНО, LU, 已读), then letters, "_" or "-"; no digits
WORD = r"[^\W\d_](?:[^\W\d]|-){0,30}"
# the tag forms, around ``{word}`` (a word, or a configured tag that is none: see :func:`_patterns`)
TAG_FORM = r"\[\s*(?:(`)\s*)?({word})\s*(?:(`)\s*)?\](?![(\[:])"  # no run of blanks split two ways
BACKTICKED_FORM = r"`\s*\[\s*({word})\s*\]\s*`"
# a vocabulary word in backticks without brackets: `` `READ` ``
TICKED_FORM = r"`\s*({word})\s*`"
# a word written as a tag anywhere in the file: in brackets (``[READ]``, ``[`read`]``) or as inline code
# (```[READ]```, `` `READ` ``); never a link's text
WRITTEN_FORM = (r"\[[ \t]*(?:`[ \t]*)?({word})[ \t]*(?:`[ \t]*)?\](?![(\[:])"
                r"|(?<!\[)`[ \t]*(?:\[[ \t]*)?({word})[ \t]*(?:\][ \t]*)?`")
# a configured symbol (``✅``) written bare, neither glued to other symbols or text nor inside brackets or code
BARE_FORM = r"(?<![^\s*_~])({symbols})(?![^\s*_~])"
TAG_WORD = lazy(WORD)
# ``[``, up to three spaces, an optional x, up to three spaces, ``]``; never the label of a link or a definition
CHECKBOX = lazy(r"\[( {0,3}[xX]? {0,3})\](?![(:])")
# what a configured tag may not contain: it could never be found in brackets or backticks
UNWRITABLE = lazy(r"[\[\]`\x00-\x1f\x7f]")
VARIATION_SELECTORS = "\ufe0e\ufe0f"
BACKTICK_RUN = lazy(r"`+")
COMMENT = lazy(r"<!--.*?(?:-->|$)")
EMPHASIS = "*_"


def tag_key(word: str) -> str:
    """What a tag is compared by: uppercased (where its script has case), in NFC, with emoji variation selectors
    and runs of whitespace dropped: ``read``, ``READ`` -> READ; ``☑️``, ``☑`` -> ☑; ``à  lire`` -> À LIRE."""
    word = unicodedata.normalize("NFC", word)
    for selector in VARIATION_SELECTORS:
        word = word.replace(selector, "")
    return " ".join(word.split()).upper()


def is_symbol(tag: str) -> bool:
    """A tag without a letter or digit: an emoji or a mark such as ``✅``, ``☑️``, ``★``. Such a tag is found bare
    too, at an edge of the title line (``Title ✅``); an emoji that is not configured is never a tag."""
    return bool(tag.strip()) and not any(c.isalnum() or c.isspace() for c in tag)


def spelled(word: str) -> bool:
    """Whether ``word`` is spelled with letters that have case (Latin, Cyrillic, Greek, ...): only such words can be
    misspelt by a letter or two. Edit distance means nothing in scripts where one character is a word or a
    syllable: 已读 (read) and 未读 (unread) differ by one character."""
    return any(c.isalpha() for c in word) and all(not c.isalpha() or c.upper() != c.lower() for c in word)


def unwritable(tag: str) -> str | None:
    """Why the parser could never find the configured ``tag`` (None when it can): the config loader rejects it."""
    if not tag.strip():
        return "is empty"
    if tag != tag.strip():
        return "has spaces around it"
    if UNWRITABLE.search(tag):
        return "contains a bracket, a backtick or a control character, which no tag form can hold"
    if len(tag) > 40:
        return "is longer than 40 characters"
    return None


def _literal(tag: str) -> str:
    """A pattern for one configured tag: its NFC and NFD spellings, any run of spaces between its words, a
    variation selector after any symbol, any case."""
    forms = []
    for spelling in dict.fromkeys(unicodedata.normalize(n, tag) for n in ("NFC", "NFD")):
        parts = []
        for char in spelling:
            if char in VARIATION_SELECTORS:
                continue
            if char.isspace():
                if parts and parts[-1] != r"[ \t]+":
                    parts.append(r"[ \t]+")
                continue
            parts.append(re.escape(char) + ("" if char.isalnum() else "[\ufe0e\ufe0f]?"))
        forms.append("".join(parts))
    return "|".join(forms)


class Patterns(Record):
    """The tag forms for one vocabulary: tag words, and the configured tags that are no word (``✅``,
    ``À LIRE``, ``อ่านแล้ว``, a tag with a digit) as literals."""
    tag: re.Pattern[str]
    backticked: re.Pattern[str]
    ticked: re.Pattern[str]
    written: re.Pattern[str]
    bare: re.Pattern[str] | None  # configured symbols written bare; None without any


def status_of(tags: list[StatusTag]) -> StatusTag | None:
    """An entry's status: its last tag (a box, then a tag, reads as the tag)."""
    return tags[-1] if tags else None


@lru_cache(maxsize=16)
def known_keys(vocabulary: tuple[str, ...]) -> frozenset[str]:
    """The tags of ``vocabulary`` as they are compared (:func:`tag_key`), computed once per vocabulary."""
    return frozenset(tag_key(word) for word in vocabulary)


@lru_cache(maxsize=16)
def patterns(vocabulary: tuple[str, ...] = ()) -> Patterns:
    """The tag forms that find every tag of ``vocabulary``: a configured tag that :data:`WORD` does not read is
    matched literally, before any word, in each form the parser accepts for words."""
    extras = sorted({t for t in vocabulary if not TAG_WORD.fullmatch(t) and unwritable(t) is None},
                    key=lambda t: (-len(t), t))
    word = f"(?i:{'|'.join(_literal(t) for t in extras)})|{WORD}" if extras else WORD
    symbols = [t for t in extras if is_symbol(t)]
    return Patterns(
        compile_cached(TAG_FORM.format(word=word)),
        compile_cached(BACKTICKED_FORM.format(word=word)),
        compile_cached(TICKED_FORM.format(word=word)),
        compile_cached(WRITTEN_FORM.format(word=word)),
        compile_cached(BARE_FORM.format(symbols="|".join(_literal(t) for t in symbols))) if symbols else None,
    )


def distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: edits and adjacent transpositions (UNRAED -> UNREAD is one)."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def tolerance(tag: str) -> int:
    """How many edits may still suggest ``tag`` ("did you mean"): 1 for short tags, a third of longer ones."""
    return max(1, len(tag) // 3)


def misspelling(word: str, tag: str) -> bool:
    """Whether ``word`` is safely a misspelling of ``tag`` (both uppercased): at most one edit per four letters of
    the shorter of the two. ``REDA``, ``AREAD`` and ``UNRAED`` are; ``RED`` is not (a 3-letter word one edit from
    READ is another word), nor is anything of three letters or fewer, nor a word of a script without case
    (:func:`spelled`): 已读 is no misspelling of 未读."""
    if not (spelled(word) and spelled(tag)):
        return False
    return distance(word, tag) * 4 <= min(len(word), len(tag))


@lru_cache(maxsize=8)
def writes_tags(text: str, known: frozenset[str], vocabulary: tuple[str, ...] = ()) -> bool:
    """Whether the file writes a tag of the vocabulary, or a safe misspelling of one, in any tag form: then a word
    in backticks and brackets (``[`TODO`]``) is a status tag too, known or not. (Computed once per text.)

    Every form counts, not only the file's present one: a fix rewrites ``[READ]`` as ``[`READ`]`` and ``[`REDA`]``
    as ``[`READ`]``, and what is a tag elsewhere in the file must not change with it."""
    if not known:
        return False
    for match in patterns(vocabulary).written.finditer(text):
        word = tag_key(match.group(1) or match.group(2))
        if word in known or any(misspelling(word, tag) for tag in known):
            return True
    return False


def emphasis_around(text: str, start: int, end: int, lower: int = 0, upper: int | None = None) -> Span:
    """``text[start:end]`` with the emphasis delimiters that wrap exactly it (``**[R-CNN]**``, ``__[X]__``,
    ``*[`READ`]*``), within ``text[lower:upper]``; the span itself when none does.

    The runs before and after must mirror each other, open after a space or punctuation and close before one, as
    CommonMark's flanking rules want of an emphasis span: in ``a*[X]*b`` or ``*a*[X]*b*`` they wrap nothing."""
    upper = len(text) if upper is None else upper
    opening = start
    while opening > lower and text[opening - 1] in EMPHASIS:
        opening -= 1
    closing = end
    while closing < upper and text[closing] in EMPHASIS:
        closing += 1
    if opening == start or text[opening:start] != text[end:closing][::-1]:
        return Span(start, end)
    before = text[opening - 1] if opening > 0 else " "
    after = text[closing] if closing < len(text) else " "
    if before.isalnum() or after.isalnum():
        return Span(start, end)
    return Span(opening, closing)


def _is_status(text: str, word: str, start: int, end: int, ticked: bool, known: frozenset[str],
               vocabulary: tuple[str, ...] = ()) -> bool:
    """The decision of the module docstring, for one bracketed word at ``text[start:end]``."""
    upper = tag_key(word)
    if upper in known:
        return True
    if ticked and writes_tags(text, known, vocabulary):
        return True
    if len(emphasis_around(text, start, end)) > end - start:
        return False
    return any(misspelling(upper, tag) for tag in known)


def _code_and_comments(region: str) -> list[tuple[int, int]]:
    """Inline code spans and HTML comments of one title line, as offsets into ``region``.

    A backtick run opens a code span closed by the next run of the same length (CommonMark); an unmatched run is
    literal text. Good enough for one line, which is all a title line is."""
    spans: list[tuple[int, int]] = []
    if "`" in region:
        runs = [(m.start(), m.end()) for m in BACKTICK_RUN.finditer(region)]
        index = 0
        while index < len(runs):
            start, end = runs[index]
            width = end - start
            close = next((k for k in range(index + 1, len(runs)) if runs[k][1] - runs[k][0] == width), None)
            if close is None:
                index += 1
                continue
            spans.append((start, runs[close][1]))
            index = close + 1
    if "<!--" in region:
        spans.extend((m.start(), m.end()) for m in COMMENT.finditer(region))
    return spans


def _inside_text(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when the match ``[start, end)`` begins inside a code span or comment it does not enclose:
    ``[`READ`]`` encloses its code span and ```[READ]``` is one, but ``the `[READ]` tag`` inside a longer code span
    or ``<!-- [READ] -->`` is text."""
    return any(s <= start < e and not (start <= s and e <= end) for s, e in spans)


def _edge(region: str, start: int, end: int, line_end: int) -> bool:
    """A tag written as inline code counts only at the end of the title line or before anything else on it: in
    the middle of a description (``see `[READ]` below``) it is more likely prose about tags."""
    return end >= len(region[:line_end].rstrip(" \t*_~")) or not region[:start].strip(" \t*_~")


def find_tags(
    text: str,
    start: int,
    end: int,
    vocabulary: Iterable[str],
    excluded: Iterable[Span] = (),
    *,
    checkbox_at: int | None = None,
) -> list[StatusTag]:
    """Candidates in ``text[start:end]`` (one title line), skipping ``excluded`` spans (links)."""
    vocabulary = tuple(vocabulary)
    known = known_keys(vocabulary)
    forms = patterns(vocabulary)
    region = text[start:end]
    tags: list[StatusTag] = []
    blocked = [s for s in excluded if s.start < end and start < s.end]
    line_end = len(region.rstrip())
    if checkbox_at is not None and start <= checkbox_at < end:
        match = CHECKBOX.match(text, checkbox_at, end)
        if match and not any(b.start <= match.start() < b.end for b in blocked):
            follower = text[match.end() : match.end() + 1]
            inner = match.group(1)
            proper = inner in (" ", "x", "X")
            # a near miss needs a following space to be a box rather than text ("[]" alone, "[x]y" in prose);
            # a proper box glued to its text ("[x]Title") is recorded for LL305 to put the space back
            if (follower in ("", " ", "\t") or (proper and follower not in ("]", "`"))):
                value = "X" if "x" in inner.lower() else " "
                tags.append(StatusTag(match.group(), value, Span(match.start(), match.end()), "checkbox",
                                      at_end=match.end() - start >= line_end))
    if "[" not in region and "`" not in region and forms.bare is None:
        return tags
    opaque = _code_and_comments(region)
    for match in forms.tag.finditer(region):
        span = Span(start + match.start(), start + match.end())
        if any(b.start <= span.start < b.end for b in blocked):
            continue
        if tags and tags[0].form == "checkbox" and tags[0].span.overlaps(span):
            continue
        if opaque and _inside_text(opaque, match.start(), match.end()):
            continue
        word = match.group(2)
        ticks = bool(match.group(1) or match.group(3))
        if not ticks and not (word.isupper() and len(word) >= 2) and tag_key(word) not in known:
            continue
        if not _is_status(text, word, span.start, span.end, ticks, known, vocabulary):
            continue  # a label: [SSD], **[R-CNN]**
        tags.append(StatusTag(match.group(), tag_key(word), span, "tag", backticks=ticks,
                              at_end=match.end() >= line_end))
    for match in forms.backticked.finditer(region):
        span = Span(start + match.start(), start + match.end())
        if any(t.span.overlaps(span) for t in tags):
            continue
        if any(b.start <= span.start < b.end for b in blocked):
            continue
        if opaque and _inside_text(opaque, match.start(), match.end()):
            continue
        word = match.group(1)
        if not _edge(region, match.start(), match.end(), line_end):
            continue
        if (tag_key(word) in known or word.isupper()) and \
                _is_status(text, word, span.start, span.end, True, known, vocabulary):
            tags.append(StatusTag(match.group(), tag_key(word), span, "tag", backticks=True,
                                  at_end=match.end() >= line_end))
    if "`" in region and known:
        for match in forms.ticked.finditer(region):
            word = match.group(1)
            # only a word of the vocabulary, only as a code span of its own (`` `code` `` labels stay out), and in
            # lower or mixed case only at the end of the line (`` `read` `` in a description is prose); a word of
            # a script without case (`` `已读` ``) is written as configured
            if tag_key(word) not in known or (match.start(), match.end()) not in opaque:
                continue
            if not _edge(region, match.start(), match.end(), line_end) or (
                    word != word.upper() and match.end() < line_end):
                continue
            span = Span(start + match.start(), start + match.end())
            if any(t.span.overlaps(span) for t in tags) or any(b.start <= span.start < b.end for b in blocked):
                continue
            tags.append(StatusTag(match.group(), tag_key(word), span, "tag", backticks=True, brackets=False,
                                  at_end=match.end() >= line_end))
    if forms.bare is not None:
        for match in forms.bare.finditer(region):
            # a configured symbol written bare (``Title ✅``): only at an edge of the line, as inline-code tags
            if not _edge(region, match.start(), match.end(), line_end):
                continue
            if opaque and _inside_text(opaque, match.start(), match.end()):
                continue
            span = Span(start + match.start(), start + match.end())
            if any(t.span.overlaps(span) for t in tags) or any(b.start <= span.start < b.end for b in blocked):
                continue
            tags.append(StatusTag(match.group(), tag_key(match.group()), span, "tag", brackets=False,
                                  at_end=match.end() >= line_end))
    tags.sort(key=lambda t: t.span.start)
    return tags
