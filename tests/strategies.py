"""Hypothesis strategies for reading-list Markdown: generated documents and mutated real lists.

The generator aims at the places where a linter for awesome lists breaks: nested and renumbered lists, links that
almost parse, status tags next to code spans and comments, BibTeX fences that do not parse, tables, HTML, CRLF,
tabs, non-ASCII text and mojibake. Pieces are drawn from small pools so that hypothesis spends its budget on
combining constructs (which is where bugs are) rather than on random characters, and shrinks to readable repros.

``corpus_mutations`` takes a window of a real list from ../shared/corpus and deletes, duplicates, swaps and
corrupts lines and bytes in it (the result is always valid UTF-8), which reaches shapes nobody would write by hand.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

# ----------------------------------------------------------------------------------------------------------------
# inline pieces

WORDS = st.sampled_from([
    "Deep", "learning", "theory", "Attention", "is", "all", "you", "need", "paper", "notes", "(2016).", "NeurIPS",
    "ICML", "2021", "v2", "-", "--", "—", ":", ",", ".", "*", "_", "~~", "**bold**", "*em*", "`code`", "``a`b``",
    "&amp;", "&", "<", ">", "\\", "\\[", "!", "#", "|", "[", "]", "(", ")", "{", "}", "@", "%", "+", "=",
    # non-ASCII and mojibake
    "深度学习", "理论", "综述", "注意力", "café", "naïve", "Ünïcödé", "Straße", "日本語", "한국어", "עברית", "العربية",
    "🚀", "👍🏽", "e\u0301", "\u00a0", "\u200b", "\u2003", "Ã©", "â€™", "Ã¼ber", "ï»¿", "\ufffd", "Ð¢ÐµÑ\u0081Ñ\u0082",
    "\t", "  ", "\u2028", "\x0c", "\x00",
])

SCHEMES = st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "//", "", "www.", "mailto:", "javascript:"])
HOSTS = st.sampled_from([
    "arxiv.org", "www.arxiv.org", "github.com", "example.com", "dl.acm.org", "openreview.net", "doi.org",
    "papers.nips.cc", "例子.测试", "xn--fsq.com", "127.0.0.1", "[::1]", "localhost:8080", "", "exa mple.com",
])
PATHS = st.sampled_from([
    "", "/", "/abs/1706.03762", "/abs/1706.03762v2", "/pdf/1706.03762.pdf", "/owner/repo", "/owner/repo/",
    "/forum?id=abc", "/page?utm_source=x&utm_medium=y", "/a_(b)", "/a(b", "/a)b", "/%E4%B8%AD", "/中文",
    "/10.1145/3065386", "#section", "/path with space", "/x\"y", "/x'y", "/<x>", "/a\\b", "/trailing.",
    "/trailing,", "/a*b_c~d",
])


@st.composite
def urls(draw: st.DrawFn) -> str:
    """URLs that are mostly well-formed, sometimes broken (no host, spaces, odd schemes, unbalanced parens)."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(["#", "#contents", "#deep-learning", "", " ", "<>", "../README.md", "paper.pdf"]))
    return draw(SCHEMES) + draw(HOSTS) + draw(PATHS)


@st.composite
def phrases(draw: st.DrawFn, min_size: int = 1, max_size: int = 6) -> str:
    return " ".join(draw(st.lists(WORDS, min_size=min_size, max_size=max_size)))


TAG_WORDS = st.sampled_from(["READ", "TO READ", "TO-READ", "TODO", "WIP", "read", "Reading", "DONE", "SKIM", "REED",
                             "SKIMMED", "pdf", "x", "X", " ", ""])


@st.composite
def status_tags(draw: st.DrawFn) -> str:
    word = draw(TAG_WORDS)
    return draw(st.sampled_from([
        f"[`{word}`]", f"[{word}]", f"[ `{word}` ]", f"`{word}`", f"`[{word}]`", f"[`{word}`", f"{word}]",
        f"<!-- [`{word}`] -->", f"[{word}](#)",
    ]))


@st.composite
def links(draw: st.DrawFn) -> str:
    """Inline, reference, autolink, bare, HTML and image links, and near misses that do not parse as links."""
    title = draw(phrases(max_size=4))
    url = draw(urls())
    form = draw(st.integers(0, 16))
    return [
        f"[{title}]({url})",
        f"[{title}]({url})",
        f'[{title}]({url} "{draw(phrases(max_size=2))}")',
        f"[{title}](<{url}>)",
        f"[{title}][{draw(st.sampled_from(['ref', 'Ref', '1', title]))}]",
        f"<{url}>",
        url,
        f'<a href="{url}">{title}</a>',
        f"![{title}]({url})",
        f"[![{title}]({url})]({url})",
        f"[{title}] ({url})",  # space between: not a link
        f"[{title}]({url}",  # unclosed
        f"[{title}({url})",
        f"[]({url})",
        f"[{title}]()",
        f"[{title}](({url}))",
        f"[`{title}`]({url})",
    ][form]


@st.composite
def inline_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(phrases(), links(), status_tags(),
                                    st.sampled_from(["<!-- note -->", "<br>", "<b>x</b>", "`[READ]`", "$x^2$"])),
                          min_size=1, max_size=5))
    return " ".join(parts)


@st.composite
def entry_lines(draw: st.DrawFn) -> str:
    """The content of one list item as reading lists write it."""
    shape = draw(st.integers(0, 9))
    title, url = draw(phrases(max_size=5)), draw(urls())
    tag = draw(status_tags()) if draw(st.booleans()) else ""
    desc = draw(phrases(max_size=6))
    if shape == 0:
        return f"[{title}]({url}) - {desc} {tag}"
    if shape == 1:
        return f"{tag} [{title}]({url}), {desc}, `NeurIPS 2021`."
    if shape == 2:
        return f"[{draw(st.sampled_from([' ', 'x', 'X', '', ' x ']))}] [{title}]({url}) {desc}"
    if shape == 3:
        return f"{desc} ({draw(st.integers(1900, 2100))}). {title}. {desc}."
    if shape == 4:
        return f"{title}- {desc}-{draw(st.integers(1990, 2030))}.0{draw(st.integers(1, 9))}.1{draw(st.integers(0, 9))}"
    if shape == 5:
        return f"**[{title}]({url})** {tag}"
    if shape == 6:
        return f"{url} {desc}"
    if shape == 7:
        return f"[{title}]({url}){desc}"
    return draw(inline_text())


# ----------------------------------------------------------------------------------------------------------------
# blocks (each a list of lines, joined with "\n"; newline style is applied to the whole document at the end)

@st.composite
def headings(draw: st.DrawFn) -> str:
    level = draw(st.integers(1, 7))
    text = draw(st.one_of(phrases(max_size=4), inline_text()))
    tag = f" {draw(status_tags())}" if draw(st.integers(0, 3)) == 0 else ""
    style = draw(st.integers(0, 5))
    if style == 0 and level <= 2:
        return f"{text}{tag}\n{'=' if level == 1 else '-' * draw(st.integers(1, 5))}"
    closing = " " + "#" * draw(st.integers(1, 3)) if style == 1 else ""
    lead = " " * draw(st.integers(0, 3)) if style == 2 else ""
    return f"{lead}{'#' * level} {text}{tag}{closing}"


@st.composite
def lists(draw: st.DrawFn, depth: int = 0) -> str:
    """A bullet or ordered list, items possibly nested (mixed markers, odd numbering, tabs, lazy lines)."""
    ordered = draw(st.booleans())
    marker = draw(st.sampled_from(["-", "*", "+", "•"])) if not ordered else ""
    start = draw(st.sampled_from([0, 1, 1, 2, 9, 10, 99]))
    indent = draw(st.sampled_from(["", "  ", "    ", "\t", "   "])) * depth
    lines: list[str] = []
    for k in range(draw(st.integers(1, 5))):
        if ordered:
            number = start + k if draw(st.integers(0, 5)) else draw(st.integers(0, 12))
            mark = f"{number}{draw(st.sampled_from(['.', '.', ')']))}"
        else:
            mark = marker if draw(st.integers(0, 6)) else draw(st.sampled_from(["-", "*", "+"]))
        gap = draw(st.sampled_from([" ", " ", "  ", "\t", ""]))
        lines.append(f"{indent}{mark}{gap}{draw(entry_lines())}")
        extra = draw(st.integers(0, 8))
        if extra == 0 and depth < 3:
            lines.append(draw(lists(depth=depth + 1)))
        elif extra == 1:
            lines.append(f"{indent}  {draw(phrases())}")  # continuation / lazy line
        elif extra == 2:
            lines.append("")  # loose list
        elif extra == 3 and depth < 2:
            lines.append(f"{indent}  ```bibtex\n{indent}  {draw(bibtex_entries())}\n{indent}  ```")
    return "\n".join(lines)


@st.composite
def bibtex_fields(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(["title", "author", "year", "journal", "booktitle", "url", "doi", "eprint",
                                 "Title", "pages", "note", "publisher"]))
    value = draw(st.sampled_from([
        "Attention Is All You Need", "{Deep} learning", "Vaswani, Ashish and Shazeer, Noam", "2017", "20l7",
        "https://arxiv.org/abs/1706.03762", "10.1145/3065386", "1706.03762", "arXiv preprint arXiv:1706.03762",
        "", "深度学习理论", "M{\\\"u}ller", "a {nested {deep}} value", "x \\& y", "1--10", "Ã©tude",
    ]))
    enclose = draw(st.sampled_from(["{}", "{}", '""', "", "{", "}"]))
    written = value if enclose == "" and value.isdigit() else f"{enclose[:1]}{value}{enclose[1:]}"
    return f"{name} = {written}"


@st.composite
def bibtex_entries(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["article", "inproceedings", "misc", "book", "ARTICLE", "online", "string",
                                 "comment", "preamble", "unknowntype"]))
    key = draw(st.sampled_from(["vaswani2017attention", "key", "Key", "a b", "", "x:1", "中文2020", "dup", "dup"]))
    fields = draw(st.lists(bibtex_fields(), max_size=5))
    sep = draw(st.sampled_from([",\n  ", ",\n  ", "\n  ", ", ", ",\n\t"]))
    close = draw(st.sampled_from(["}", "}", "}", "", "}}", ",\n}"]))
    opener = draw(st.sampled_from(["{", "{", "("]))
    body = sep.join(fields)
    return f"@{kind}{opener}{key},\n  {body}\n{close}"


@st.composite
def bibtex_fences(draw: st.DrawFn) -> str:
    label = draw(st.sampled_from(["bibtex", "bibtex", "bib", "BibTeX", "", "latex", "bibtex {.x}"]))
    fence = draw(st.sampled_from(["```", "```", "~~~", "````"]))
    body = "\n".join(draw(st.lists(st.one_of(bibtex_entries(), phrases()), min_size=0, max_size=3)))
    closing = fence if draw(st.integers(0, 9)) else ""  # sometimes unclosed
    return f"{fence}{label}\n{body}\n{closing}"


@st.composite
def code_fences(draw: st.DrawFn) -> str:
    fence = draw(st.sampled_from(["```", "~~~", "````", "```` ", "    "]))
    info = draw(st.sampled_from(["", "python", "markdown", "bash", "js title=x"]))
    body = draw(st.lists(st.one_of(inline_text(), headings(), st.sampled_from(["- [x](y)", "#### T [`READ`]"])),
                         max_size=3))
    if fence == "    ":
        return "\n".join("    " + line for line in body or ["code"])
    closing = fence.strip() if draw(st.integers(0, 7)) else draw(st.sampled_from(["", "``", "~~~~"]))
    return "\n".join([fence + info, *body, closing])


@st.composite
def html_blocks(draw: st.DrawFn) -> str:
    return draw(st.sampled_from([
        "<!-- a comment -->",
        "<!--\n- [Hidden](https://example.com/hidden)\n-->",
        "<!-- unclosed comment\n- [Item](https://example.com)",
        '<p align="center">\n<a href="https://github.com/sponsors"><img src="logo.png"></a>\n</p>',
        "<div>\n\n- [Inside](https://example.com/inside)\n\n</div>",
        "<details><summary>More</summary>\n\n* [Deep](https://arxiv.org/abs/1) [`READ`]\n\n</details>",
        "<!-- listlint-disable LL110 -->",
        "<!-- listlint-disable-next-line -->",
        "<!-- listlint-enable -->",
        "<br/>",
        "<table><tr><td>[x](y)</td></tr></table>",
        "<a name=\"anchor\"></a>",
    ]))


@st.composite
def tables(draw: st.DrawFn) -> str:
    cols = draw(st.integers(1, 4))
    header = "| " + " | ".join(draw(phrases(max_size=2)) for _ in range(cols)) + " |"
    sep = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"])) for _ in range(cols)) + "|"
    rows = [
        "| " + " | ".join(draw(st.one_of(phrases(max_size=3), links(), status_tags())) for _ in range(cols)) + " |"
        for _ in range(draw(st.integers(0, 3)))
    ]
    if draw(st.integers(0, 5)) == 0:
        rows.append("| " + " | ".join(["x"] * (cols + 1)) + " |")  # ragged row
    return "\n".join([header, sep, *rows])


@st.composite
def heading_entries(draw: st.DrawFn) -> str:
    """The heading layout: ``#### Title [`READ`]``, a link line, a citation fence."""
    level = draw(st.integers(2, 5))
    lines = [f"{'#' * level} {draw(phrases(max_size=5))} {draw(status_tags())}"]
    label = draw(st.sampled_from(["paper link", "book link", "link", "code"]))
    lines.append(f"{label}: [here]({draw(urls())})")
    if draw(st.booleans()):
        lines.append("citation:")
        lines.append(draw(bibtex_fences()))
    return "\n\n".join(lines) if draw(st.booleans()) else "\n".join(lines)


@st.composite
def misc_blocks(draw: st.DrawFn) -> str:
    return draw(st.one_of(
        inline_text(),
        st.sampled_from(["---", "***", "___", "> quote", "> - [Quoted](https://example.com/q)", "[ref]: https://example.com/ref",
                         "[Ref]: <https://example.com/r> \"title\"", "[1]: http://", "", " ", "\t", "    indented code",
                         "## Contents\n- [Deep](#deep)\n- [Theory](#theory)", "\\", "|", "#", "-", "1.", "[`READ`]"]),
    ))


BLOCK = st.one_of(
    headings(), lists(), lists(), bibtex_fences(), code_fences(), html_blocks(), tables(), heading_entries(),
    misc_blocks(),
)

NEWLINES = st.sampled_from(["lf", "lf", "crlf", "mixed", "cr-some"])


def apply_newlines(text: str, style: str, picks: list[bool]) -> str:
    """Rewrite ``\\n`` line endings: all CRLF, or a mix of LF and CRLF (and, rarely, a bare CR)."""
    if style == "lf":
        return text
    if style == "crlf":
        return text.replace("\n", "\r\n")
    pieces = text.split("\n")
    out = []
    for k, piece in enumerate(pieces[:-1]):
        pick = picks[k % len(picks)] if picks else False
        out.append(piece + ("\r\n" if pick else ("\r" if style == "cr-some" and k % 7 == 3 else "\n")))
    out.append(pieces[-1])
    return "".join(out)


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    """A whole reading-list file: blocks separated by zero to two blank lines, a newline style, maybe front matter,
    a BOM, a missing final newline or trailing blank lines."""
    blocks = draw(st.lists(BLOCK, min_size=0, max_size=10))
    parts: list[str] = []
    if draw(st.integers(0, 15)) == 0:
        parts.append("---\ntitle: A list\n---")
    for block in blocks:
        parts.append(block)
        parts.append(draw(st.sampled_from(["", "", "\n", "\n\n"])))
    text = "\n".join(parts)
    text = draw(st.sampled_from(["", "\n", "\n\n", "   "]))[: 0 if not text else None] + text
    text += draw(st.sampled_from(["\n", "\n", "", "\n\n\n", " \n"]))
    if draw(st.integers(0, 20)) == 0:
        text = "\ufeff" + text
    style = draw(NEWLINES)
    picks = draw(st.lists(st.booleans(), min_size=1, max_size=8)) if style in ("mixed", "cr-some") else []
    return apply_newlines(text, style, picks)


# ----------------------------------------------------------------------------------------------------------------
# mutations of the real lists

def _corpus_root() -> Path | None:
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "shared" / "corpus", here.parents[1].parent / "shared" / "corpus"):
        if candidate.is_dir():
            return candidate
    return None


@lru_cache(maxsize=1)
def corpus_files() -> tuple[tuple[str, tuple[bytes, ...]], ...]:
    """(name, lines as bytes with their endings) of every corpus list, read once."""
    root = _corpus_root()
    if root is None:
        return ()
    out = []
    for path in sorted(root.glob("*/*.md")):
        out.append((path.name, tuple(path.read_bytes().splitlines(keepends=True))))
    return tuple(out)


MUTATIONS = ("delete", "duplicate", "swap", "flip", "insert", "indent", "truncate", "crlf", "join")


@st.composite
def corpus_mutations(draw: st.DrawFn, max_lines: int = 120) -> str:
    """A window of up to ``max_lines`` lines of a corpus list with a few random mutations (always valid UTF-8)."""
    files = corpus_files()
    if not files:
        return draw(markdown_documents())
    name, all_lines = draw(st.sampled_from(files))
    count = draw(st.integers(1, min(max_lines, len(all_lines))))
    first = draw(st.integers(0, len(all_lines) - count))
    lines = list(all_lines[first : first + count])
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        op = draw(st.sampled_from(MUTATIONS))
        at = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[at])
        elif op == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif op == "flip" and lines[at]:
            lines[at] = _flip(lines[at], draw(st.integers(0, len(lines[at]) - 1)), draw(st.integers(1, 255)))
        elif op == "insert":
            lines.insert(at, draw(BLOCK).encode("utf-8") + b"\n")
        elif op == "indent":
            lines[at] = draw(st.sampled_from([b" ", b"  ", b"    ", b"\t"])) + lines[at]
        elif op == "truncate" and lines[at]:
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif op == "crlf":
            lines[at] = lines[at].rstrip(b"\r\n") + b"\r\n"
        elif op == "join" and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at].rstrip(b"\r\n") + lines[at + 1]]
    return b"".join(lines).decode("utf-8", errors="replace")


def _flip(line: bytes, index: int, mask: int) -> bytes:
    """``line`` with one byte XOR-ed by ``mask``; invalid UTF-8 that results is replaced (U+FFFD) by the caller."""
    data = bytearray(line)
    data[index] ^= mask
    return bytes(data)


documents = st.one_of(markdown_documents(), corpus_mutations())
