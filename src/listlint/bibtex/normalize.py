"""Normalisation for comparing BibTeX with the Markdown around it: titles, names, keys, and year evidence.

Comparison only: the functions here strip LaTeX (commands, braces, accents) one way to get a comparable form. They
never produce text that is written back into a file.
"""


import re
import unicodedata

from listlint.records import Record
from listlint.regex import lazy

# \'e, \"{o}, \c{c}, \v s, \"\i: accent commands whose argument is one letter (not \textbf, whose \t is no accent)
_ACCENT = lazy(
    r"\\(?:[`'^\"~=.]\s*|[uvHtcdbrk](?:\s+|(?=\{)))(?:\{\s*([A-Za-z]|\\[ij])\s*\}|([A-Za-z]|\\[ij](?![A-Za-z])))"
)
_LETTER_COMMANDS = {
    "ss": "ss", "ae": "ae", "AE": "AE", "oe": "oe", "OE": "OE", "aa": "a", "AA": "A", "o": "o", "O": "O",
    "l": "l", "L": "L", "i": "i", "j": "j",
}
_COMMAND = lazy(r"\\([A-Za-z]+)\s*|\\(.)")
_NICKNAME = lazy(r"\s*[(（][^()（）]*[)）]\s*$")
_YEAR = lazy(r"^\s*\{?\s*(\d{4})\s*\}?\s*$")


def strip_latex(value: str) -> str:
    """``{\\'E}tude of {BERT}`` -> ``Étude of BERT``-ish plain text, for comparison (accents become the letter)."""
    if "\\" in value:
        value = _ACCENT.sub(lambda m: m.group(1) or m.group(2) or "", value)
        value = _COMMAND.sub(_command, value)
    return value.replace("{", "").replace("}", "").replace("~", " ")


# The combining mark each LaTeX accent command stands for, and the letter commands' own characters: for text that
# people read (the CSV export), where ``Sch\\"{o}lkopf`` must become ``Schölkopf``, not ``Scholkopf``.
_COMBINING = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306", ".": "\u0307",
    '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "d": "\u0323", "c": "\u0327", "k": "\u0328",
    "b": "\u0331", "t": "",
}
_LETTER_CHARACTERS = {
    "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø", "O": "Ø", "l": "ł",
    "L": "Ł", "i": "ı", "j": "ȷ",
}


def latex_to_text(value: str) -> str:
    """``{\\'E}tude of {BERT} by Sch\\"{o}lkopf`` -> ``Étude of BERT by Schölkopf``: LaTeX accents and letter
    commands as Unicode (composed), other commands dropped, braces removed, ties made spaces. For display only."""
    if "\\" in value:
        value = _ACCENT.sub(_accented, value)
        value = _COMMAND.sub(lambda m: m.group(2) if m.group(1) is None else _LETTER_CHARACTERS.get(m.group(1), " "),
                             value)
        value = unicodedata.normalize("NFC", value)
    return value.replace("{", "").replace("}", "").replace("~", " ")


def _accented(match: re.Match[str]) -> str:
    letter = match.group(1) or match.group(2) or ""
    if letter in ("\\i", "\\j"):
        letter = letter[1]  # the dotless letter under an accent is the plain letter with the accent
    return letter + _COMBINING.get(match.group()[1], "")


def _command(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:  # \&, \%, \_ and the like
        return match.group(2)
    return _LETTER_COMMANDS.get(name, " ")


# --- title keys ----------------------------------------------------------------------------------------------------

# Punctuation separates words, so it becomes a space, like a LaTeX tie "~": "semi-supervised", "and/or", but also
# "Learning(draft)" and "BERT:Pre-training", which are the same titles as "Learning (draft)" and "BERT: Pre-training".
# Only what sits inside a word just goes: apostrophes and dots ("Don't" -> "dont", "e.g." -> "eg", "Vue.js" ->
# "vuejs"), LaTeX braces and math dollars ("{B}ERT" -> "bert", "$k$-means" -> "k means"). Emoji, modifier symbols
# and zero-width format characters go too; math symbols and "#" stay ("C++" and "C#" are not "C").
_JOINERS = frozenset("/\\~")
_IN_WORD = frozenset("'\u2019\u02bc.{}$")
_KEPT = frozenset("#")
# Symbols, emoji, format and private-use characters carry no words: '🔥', a zero-width joiner, Apple's logo U+F8FF
# (a private-use glyph, '\uf8ff App Store') and code points the Unicode tables do not know yet (newer emoji) go.
_DROP_SYMBOLS = frozenset({"So", "Sk", "Cf", "Co", "Cn", "Cs"})
# Diacritics of the Latin, Greek and Cyrillic scripts (combining diacritical marks and their extensions) are folded
# away; other combining marks stay: a Japanese voicing mark or a Devanagari vowel sign is part of the letter.
_DIACRITIC_RANGES = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
# Latin letters that have no decomposition but are written without their stroke in ASCII titles ("Soren", "Lodz").
_LETTER_FOLDS = {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}


class _FoldTable(dict[int, "str | None"]):
    """``str.translate`` table for title keys, filled per code point on first use (most titles repeat a few dozen
    characters, so the category lookups are paid once per run, not once per character)."""

    def __missing__(self, cp: int) -> str | None:
        ch = chr(cp)
        category = unicodedata.category(ch)
        value: str | None = ch
        if ch in _LETTER_FOLDS:
            value = _LETTER_FOLDS[ch]
        elif ch in _KEPT:
            value = ch
        elif ch in _IN_WORD or category in _DROP_SYMBOLS:
            value = None
        elif category[0] == "P" or ch in _JOINERS:
            value = " "
        elif category == "Mn" and any(lo <= cp <= hi for lo, hi in _DIACRITIC_RANGES):
            value = None
        self[cp] = value
        return value


_FOLD = _FoldTable()
# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao): a space between two of their
# letters carries nothing ("深度学习：理论" is also written "深度学习理论"), so it goes.
# letters of scripts written without spaces between words: Thai, Lao, kana, CJK ideographs, half-width katakana
_UNSPACED = (("\u0e00", "\u0eff"), ("\u3040", "\u30ff"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"),
             ("\uf900", "\ufaff"), ("\uff66", "\uff9f"))


def _unspaced(ch: str) -> bool:
    return any(low <= ch <= high for low, high in _UNSPACED)


def _close_unspaced_gaps(text: str) -> str:
    """``text`` (single spaces) without the spaces between two letters of :data:`_UNSPACED`. Not a regex: a
    character class of these ranges takes 2 ms to compile, more than a list's titles then spend here."""
    words = text.split(" ")
    joined = [words[0]]
    for word in words[1:]:
        if joined[-1] and word and _unspaced(joined[-1][-1]) and _unspaced(word[0]):
            joined[-1] += word
        else:
            joined.append(word)
    return " ".join(joined)


def title_key(title: str) -> str:
    """The comparable form of a title, for LL602 (same title twice) and LL503 (entry title vs BibTeX title).

    HTML entities decoded (``&amp;``); LaTeX accents, commands and braces stripped (``Sch\\"{o}lkopf``,
    ``\\emph{...}``, ``{B}ERT``); Unicode compatibility forms folded (full-width letters) and casefolded; Latin,
    Greek and Cyrillic diacritics removed (``Schölkopf`` = ``Scholkopf``); punctuation made a space, except
    apostrophes, dots, braces and ``$``, which go (``Learning(draft)`` = ``Learning (draft)``, ``Don't`` =
    ``Dont``); emoji, other symbols and private-use glyphs dropped; whitespace collapsed, and dropped between letters
    of scripts written without spaces (Chinese).
    Comparison only: never written back into a file.
    """
    text = title
    if "&" in text:
        import html  # only titles with an ampersand need it; saves the import for every run without one

        text = html.unescape(text)
    if "\\" in text:
        text = strip_latex(text)
    if text.isascii():
        return " ".join(text.lower().translate(_FOLD).split())
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)
    if not text.isascii():  # recompose what is left (Hangul syllables, kana with voicing marks)
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    return _close_unspaced_gaps(text) if " " in text and not text.isascii() else text


def strip_nickname(title: str) -> str:
    """``Delving deep ... classification (PReLU / MSRA)`` -> the title without its trailing parenthetical."""
    return _NICKNAME.sub("", title)


# a coined name, one word with a capital or digit inside ("BiBench", "GPT-3", "ResNet"), not a word ("Attention")
_COINED_NAME = lazy(r"[^\s\d]\S*(?:[A-Z]|\d)\S*")
# what ends the short name opening a title: "BiBench: …", "MQBench — …", "FracBits - …"
_NAME_BEFORE_TITLE = lazy(r"\s*(?::|—|–|\s-\s)\s*")


def title_similarity(entry_title: str, bibtex_title: str) -> float:
    """1.0 when the titles agree after normalisation; otherwise a ratio in [0, 1).

    A trailing parenthetical nickname on the entry's title, like ``(Xavier)``, is ignored.
    """
    b = title_key(bibtex_title)
    a = title_key(entry_title)
    if a == b:
        return 1.0
    bare = title_key(strip_nickname(entry_title))
    if bare == b:
        return 1.0
    name = entry_title.strip()
    if _COINED_NAME.fullmatch(name) and a == title_key(_NAME_BEFORE_TITLE.split(bibtex_title, 1)[0]):
        return 1.0  # the entry is named by the short name the title opens with: "BiBench" for "BiBench: Benchmarking …"
    from difflib import SequenceMatcher  # only titles that differ get here

    best = SequenceMatcher(None, a, b, autojunk=False).ratio()
    if bare != a:
        best = max(best, SequenceMatcher(None, bare, b, autojunk=False).ratio())
    return best


def parse_year(value: str | None) -> int | None:
    """The year of a ``year`` value written as four digits (optionally braced), else None."""
    if value is None:
        return None
    m = _YEAR.match(value)
    return int(m.group(1)) if m else None


# --- names and keys ----------------------------------------------------------------------------------------------

_AND = lazy(r"\s+and\s+", re.IGNORECASE)
_STOPWORDS = frozenset(
    "a an the on of to in for and how what why when where which who with is".split()
)


def split_authors(value: str, limit: int = 0) -> list[str]:
    """Authors of an ``author`` value, split on `` and `` outside braces (the first ``limit`` when given)."""
    out: list[str] = []
    start = 0
    depth = 0
    counted = 0  # braces are counted up to here
    for m in _AND.finditer(value):
        depth += value.count("{", counted, m.start()) - value.count("}", counted, m.start())
        counted = m.start()
        if depth:
            continue  # inside braces: {Barnes and Noble}
        out.append(value[start : m.start()].strip())
        start = m.end()
        if limit and len(out) >= limit:
            return [a for a in out if a]
    out.append(value[start:].strip())
    return [a for a in out if a]


_NOT_ASCII_ALNUM = lazy(r"[^a-z0-9]+")
_WORD_SPLIT = lazy(r"(?:\s|[-–—/:])+")  # not one class mixing \s with dashes: that compiles 30x slower


def ascii_word(text: str) -> str:
    """Lowercase ASCII letters and digits of ``text`` (accents folded, LaTeX stripped)."""
    return _fold(strip_latex(text))


def _fold(plain: str) -> str:
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain)
    return _NOT_ASCII_ALNUM.sub("", plain.lower())


def last_name(author: str) -> str:
    """``Novak, Roman`` -> ``novak``; ``Roman Novak`` -> ``novak``; ``{Google Brain}`` -> ``googlebrain``."""
    author = author.strip()
    if author.startswith("{") and author.endswith("}"):
        return ascii_word(author)
    if "," in author:
        last = author.split(",", 1)[0]
    else:
        parts = author.split()
        last = parts[-1] if parts else ""
    # drop a "von" part written lowercase before the last name
    words = [w for w in last.split() if not w[:1].islower()] or last.split()
    return ascii_word("".join(words))


def title_words(title: str, *, skip_stopwords: bool = True) -> list[str]:
    words = [_fold(w) for w in _WORD_SPLIT.split(strip_latex(title))]
    words = [w for w in words if w]
    if skip_stopwords:
        kept = [w for w in words if w not in _STOPWORDS]
        return kept or words
    return words


def scholar_key(author: str | None, year: int | str | None, title: str | None) -> str:
    """Google Scholar's key: first author's last name, year, first title word (``lee2019wide``)."""
    name = ""
    if author:
        authors = split_authors(author, limit=1)
        name = last_name(authors[0]) if authors else ""
    words = title_words(title or "")
    return f"{name}{year or ''}{words[0] if words else ''}"


# --- year evidence from links ------------------------------------------------------------------------------------


class YearEvidence(Record):
    """Years that ``source`` allows for the paper, and how we know."""

    years: frozenset[int]
    reason: str  # "arXiv id 1711.00165 in the link"


_ARXIV_NEW = lazy(r"arxiv\.org/(?:abs|pdf|html)/((\d{2})(\d{2})\.\d{4,5})", re.IGNORECASE)
_ARXIV_OLD = lazy(r"arxiv\.org/(?:abs|pdf)/([a-z.-]+/(\d{2})(\d{2})\d{3})", re.IGNORECASE)
_ARXIV_TEXT = lazy(r"(?:arxiv[:\s/]*|abs/|^\s*)((\d{2})(\d{2})\.\d{4,5})", re.IGNORECASE)
# PMLR and JMLR name papers ``<author><yy><letter>``: proceedings.mlr.press/v162/novak22a/novak22a.pdf
_PMLR = lazy(
    r"(?:proceedings\.mlr\.press/v\d+|jmlr\.org/papers/v(?:olume)?\d+)/([a-z][a-z-]*?(\d{2})[a-z]?)(?:[/.]|$)",
    re.IGNORECASE,
)
# a year in the path of a proceedings site: content_ICCV_2017, /paper/2018/, aclanthology.org/2020.acl-main.1
_PROCEEDINGS_HOSTS = (
    "thecvf.com", "neurips.cc", "nips.cc", "aclanthology.org", "ecva.net", "ijcai.org", "isca-speech.org",
)
_PATH_YEAR = lazy(r"(?:/|_|(?<=[a-z]))((?:19|20)\d{2})(?=[/_.]|$)", re.IGNORECASE)


def _century(yy: int) -> int:
    return 1900 + yy if yy >= 91 else 2000 + yy


def year_evidence(url: str) -> YearEvidence | None:
    """What ``url`` proves about the publication year, if anything.

    An arXiv id ``YYMM.NNNNN`` allows its year and the next (papers are often published after the preprint); a
    PMLR/JMLR paper name or a year in a proceedings path allows exactly that year.
    """
    m = _ARXIV_NEW.search(url) or _ARXIV_OLD.search(url)
    if m and 1 <= int(m.group(3)) <= 12:
        return YearEvidence(_arxiv_years(m), f"arXiv id {m.group(1)} in the link")
    m = _PMLR.search(url)
    if m:
        year = _century(int(m.group(2)))
        return YearEvidence(frozenset((year,)), f"the paper name `{m.group(1)}` in the PMLR/JMLR link")
    lower = url.lower()
    host_end = lower.find("/", lower.find("//") + 2) if "//" in lower else -1
    host = lower[: host_end if host_end > 0 else len(lower)]
    if any(h in host for h in _PROCEEDINGS_HOSTS) and host_end > 0:
        path = url[host_end:].split("?", 1)[0]
        m = _PATH_YEAR.search(path)
        if m:
            year = int(m.group(1))
            start = path.rfind("/", 0, m.start(1)) + 1
            stop = path.find("/", m.end(1))
            shown = path[start : stop if stop > 0 else len(path)]
            return YearEvidence(frozenset((year,)), f"`{shown}` in the proceedings link")
    return None


def arxiv_year_in_text(value: str) -> YearEvidence | None:
    """An arXiv id written inside a BibTeX value (``arXiv preprint arXiv:1802.01528``, ``eprint = {1802.01528}``)."""
    m = _ARXIV_TEXT.search(value)
    if not m or not 1 <= int(m.group(3)) <= 12:
        return None
    return YearEvidence(_arxiv_years(m), f"arXiv id {m.group(1)} in the BibTeX")


def _arxiv_years(m: re.Match[str]) -> frozenset[int]:
    """The years an arXiv id allows: its own and the next (the venue's); for a January id the year before too, as
    arXiv numbers a paper submitted on 29-31 December in January and its own BibTeX gives the December year."""
    year = _century(int(m.group(2)))
    return frozenset((year - 1, year, year + 1) if int(m.group(3)) == 1 else (year, year + 1))
