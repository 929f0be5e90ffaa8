"""The BibTeX layer of the parser: entries, fields, failures and stray text with exact spans in the Markdown file."""

from __future__ import annotations


import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.model import BibtexBlock
from listlint.parser import parse
from listlint.parser.bibtex import parse_bib, parse_block, parse_blocks
from listlint.source import SourceText, Span

SCHOLAR = """\
# Papers

#### Fast finite width neural tangent kernel [`READ`]

citation:
```bibtex
@inproceedings{novak2022fast,
  title={Fast finite width neural tangent kernel},
  author={Novak, Roman and Sohl-Dickstein, Jascha},
  pages={17018--17044},
  year={2022}
}
```
"""


def blocks(text: str) -> tuple[BibtexBlock, ...]:
    return parse(text).bibtex_blocks


def at(text: str, span: Span | None) -> tuple[int, int]:
    assert span is not None
    return SourceText(text).position(span.start)


def test_scholar_block_spans_are_exact() -> None:
    (block,) = blocks(SCHOLAR)
    assert block.parsed and block.failures == ()
    (entry,) = block.entries
    assert entry.entry_type == "inproceedings" and entry.key == "novak2022fast"
    assert at(SCHOLAR, entry.span) == (7, 1)
    assert entry.span.of(SCHOLAR).startswith("@inproceedings{") and entry.span.of(SCHOLAR).endswith("}")
    assert entry.type_span is not None and entry.type_span.of(SCHOLAR) == "inproceedings"
    assert entry.key_span is not None and entry.key_span.of(SCHOLAR) == "novak2022fast"
    assert at(SCHOLAR, entry.key_span) == (7, 16)
    names = [f.name for f in entry.fields]
    assert names == ["title", "author", "pages", "year"]
    title = entry.fields[0]
    assert title.value == "Fast finite width neural tangent kernel"
    assert title.span.of(SCHOLAR) == "title={Fast finite width neural tangent kernel}"
    assert title.name_span.of(SCHOLAR) == "title"
    assert title.value_span.of(SCHOLAR) == "{Fast finite width neural tangent kernel}"
    assert at(SCHOLAR, title.span) == (8, 3)
    assert at(SCHOLAR, title.value_span) == (8, 9)
    year = entry.fields[3]
    assert at(SCHOLAR, year.span) == (11, 3) and year.value == "2022" and year.enclosing == "{"
    assert entry.get("TITLE") == title.value


def test_values_are_raw_never_decoded() -> None:
    text = """```bibtex
@article{k,
  author = {Hongler, Cl{\\'e}ment},
  title = "Quoted {T}itle",
  year = 2018,
  month = jan,
  note = "a" # {b},
  abstract = {},
  journal={深度学习 {研究}}
}
```
"""
    (entry,) = blocks(text)[0].entries
    got = {f.name: (f.value, f.enclosing, f.value_span.of(text)) for f in entry.fields}
    assert got["author"] == ("Hongler, Cl{\\'e}ment", "{", "{Hongler, Cl{\\'e}ment}")
    assert got["title"] == ("Quoted {T}itle", '"', '"Quoted {T}itle"')
    assert got["year"] == ("2018", "", "2018")
    assert got["month"] == ("jan", "", "jan")
    assert got["note"] == ('"a" # {b}', "", '"a" # {b}')
    assert got["abstract"] == ("", "{", "{}")
    assert got["journal"] == ("深度学习 {研究}", "{", "{深度学习 {研究}}")
    journal = entry.fields[-1]
    assert at(text, journal.value_span) == (9, 11)  # columns count characters, not bytes


def test_missing_comma_glued_field_is_split_back_out() -> None:
    text = """```bibtex
@article{k,
  title={A}
  author={B},
  year=2018
  pages = {1--2}
}
```
"""
    (block,) = blocks(text)
    (entry,) = block.entries
    assert [(f.name, f.value, f.missing_comma) for f in entry.fields] == [
        ("title", "A", False),
        ("author", "B", True),
        ("year", "2018", False),
        ("pages", "1--2", True),
    ]
    title, author, year, pages = entry.fields
    assert title.span.of(text) == "title={A}" and at(text, title.span) == (3, 3)
    assert author.span.of(text) == "author={B}" and at(text, author.name_span) == (4, 3)
    assert year.span.of(text) == "year=2018"
    assert pages.span.of(text) == "pages = {1--2}" and at(text, pages.span) == (6, 3)
    # bibtexparser itself glues them: the split is ours
    library = bibtexparser.parse_string(block.raw, parse_stack=[])
    assert [f.key for f in library.entries[0].fields] == ["title", "year"]


def test_two_missing_commas_and_same_line() -> None:
    text = "```bib\n@misc{k, title={A} author={B}\n  year={2020}}\n```\n"
    (entry,) = blocks(text)[0].entries
    assert [(f.name, f.span.of(text), f.missing_comma) for f in entry.fields] == [
        ("title", "title={A}", False),
        ("author", "author={B}", True),
        ("year", "year={2020}", True),
    ]


def test_equals_inside_a_value_is_not_a_missing_comma() -> None:
    text = '```bibtex\n@misc{k,\n  url={https://x.org/?a=b\n  c=d},\n  note = "x = y"\n}\n```\n'
    (entry,) = blocks(text)[0].entries
    assert [(f.name, f.missing_comma) for f in entry.fields] == [("url", False), ("note", False)]
    assert entry.fields[0].value == "https://x.org/?a=b\n  c=d"


def test_case_duplicates_and_exact_duplicates_are_kept() -> None:
    text = "```bibtex\n@article{k,\n  title={A},\n  Title={B},\n  title={C}\n}\n```\n"
    (block,) = blocks(text)
    assert block.failures == ()  # bibtexparser reports exact duplicates as a failed block; we keep the entry
    (entry,) = block.entries
    assert [(f.name, f.value) for f in entry.fields] == [("title", "A"), ("Title", "B"), ("title", "C")]
    assert [at(text, f.name_span) for f in entry.fields] == [(3, 3), (4, 3), (5, 3)]


def test_two_entries_and_a_reused_key_in_one_block() -> None:
    text = "```bibtex\n@misc{a, title={x}}\n\n@MISC{a, title={y}}\n@misc{A, title={z}}\n```\n"
    (block,) = blocks(text)
    assert block.failures == ()
    assert [(e.entry_type, e.key, at(text, e.span)) for e in block.entries] == [
        ("misc", "a", (2, 1)),
        ("MISC", "a", (4, 1)),  # type as written
        ("misc", "A", (5, 1)),
    ]


def test_paren_delimited_entry() -> None:
    text = "```bibtex\n@article(k,\n  title = {T}\n)\n```\n"
    (entry,) = blocks(text)[0].entries
    assert entry.span.of(text) == "@article(k,\n  title = {T}\n)"
    assert entry.fields[0].span.of(text) == "title = {T}"


def test_unclosed_value_brace_points_at_the_brace() -> None:
    text = """```bibtex
@inproceedings{b,
  title={Unbalanced,
  year={2019}
}
```
"""
    (block,) = blocks(text)
    assert block.entries == ()
    (failure,) = block.failures
    assert failure.kind == "syntax"
    assert failure.message == "`{` of field `title` is not closed before the field `year`"
    assert at(text, failure.at) == (3, 9)
    assert failure.span.of(text).startswith("@inproceedings{b,")
    assert at(text, failure.span) == (2, 1)


def test_unclosed_entry_brace() -> None:
    text = "```bibtex\n@article{k,\n  title={T},\n  year={2019}\n```\n"
    (failure,) = blocks(text)[0].failures
    assert failure.message == "`@article{` is never closed: no matching `}`"
    assert failure.at is not None and failure.at.of(text) == "@article{" and at(text, failure.at) == (2, 1)


def test_unclosed_entry_before_next_entry_keeps_the_next_one() -> None:
    text = "```bibtex\n@article{a,\n  title={T\n\n@article{b,\n  title={U}\n}\n```\n"
    (block,) = blocks(text)
    assert [e.key for e in block.entries] == ["b"]
    (failure,) = block.failures
    assert failure.message == "`{` of field `title` is never closed"
    assert at(text, failure.at) == (3, 9)


def test_unclosed_quote() -> None:
    text = '```bibtex\n@article{a,\n  title = "T,\n  year = {2019}}\n```\n'
    (failure,) = blocks(text)[0].failures
    assert failure.message == '`"` of field `title` is never closed'
    assert at(text, failure.at) == (3, 11)


@pytest.mark.parametrize(
    ("body", "message", "culprit", "position"),
    [
        ("@article{title={x}, year={2019}}", "`@article{` has no citation key: it is followed by the field `title =`",
         "title", (2, 10)),
        ("@article{key\n  title={x}}", "missing comma after the citation key `key`", "key", (2, 10)),
        ("@article{k,\n  title {x}}", "field `title` has no `=` and value", "title", (3, 3)),
        ("@article{k,\n  title={x},\n  year\n}", "field `year` has no `=` and value", "year", (4, 3)),
    ],
)
def test_syntax_failures(body: str, message: str, culprit: str, position: tuple[int, int]) -> None:
    text = f"```bibtex\n{body}\n```\n"
    (block,) = blocks(text)
    assert block.entries == ()
    (failure,) = block.failures
    assert (failure.kind, failure.message) == ("syntax", message)
    assert failure.at is not None and failure.at.of(text) == culprit
    assert at(text, failure.at) == position


def test_field_without_value_is_a_failure_but_the_entry_is_kept() -> None:
    text = "```bibtex\n@misc{k,\n  title = ,\n  year={2020}}\n```\n"
    (block,) = blocks(text)
    assert [f.name for f in block.entries[0].fields] == ["title", "year"]
    (failure,) = block.failures
    assert failure.message == "field `title` has no value after `=`"
    assert failure.at is not None and failure.at.of(text) == "title" and at(text, failure.at) == (3, 3)


def test_empty_key_is_a_failure_but_the_entry_is_kept() -> None:
    text = "```bibtex\n@misc{,\n  title={x}}\n```\n"
    (block,) = blocks(text)
    assert [e.key for e in block.entries] == [""]
    (failure,) = block.failures
    assert failure.message == "`@misc{` has no citation key" and at(text, failure.at) == (2, 1)


def test_rest_of_a_failed_entry_is_not_stray_text() -> None:
    text = "```bibtex\n@article{key title={x},\n  year={2019}}\n```\n"
    (failure,) = blocks(text)[0].failures
    assert failure.kind == "syntax"
    assert failure.span.of(text) == "@article{key title={x},\n  year={2019}}"


def test_extra_closing_brace_is_a_syntax_failure() -> None:
    text = "```bibtex\n@article{k,\n  title={T}},\n  year={2019}\n}\n```\n"
    (block,) = blocks(text)
    assert [f.name for f in block.entries[0].fields] == ["title"]
    (failure,) = block.failures
    assert failure.kind == "syntax"
    assert failure.message == "text after the entry's closing brace: an extra `}` closed the entry early"
    assert at(text, failure.at) == (3, 12)
    assert failure.span.of(text) == ",\n  year={2019}\n}"


def test_stray_text_and_comments() -> None:
    text = """```bibtex
citation:
% a BibTeX comment is fine
@misc{k, title={x}}

Please cite our paper.
and this line too
@string{jmlr = "JMLR"}
@comment{also fine}
@preamble{"\\newcommand{\\x}{x}"}
```
"""
    (block,) = blocks(text)
    assert [e.key for e in block.entries] == ["k"]
    assert [(f.kind, f.message, at(text, f.span), f.span.of(text)) for f in block.failures] == [
        ("stray", "text outside any BibTeX entry: `citation:`", (2, 1), "citation:"),
        (
            "stray",
            "text outside any BibTeX entry: `Please cite our paper.`",
            (6, 1),
            "Please cite our paper.\nand this line too",
        ),
    ]


def test_fence_without_any_entry() -> None:
    text = "```bibtex\nnot bibtex at all\n```\n"
    (block,) = blocks(text)
    assert block.entries == ()
    assert [f.kind for f in block.failures] == ["stray"]


def test_empty_fence() -> None:
    (block,) = blocks("```bibtex\n```\n")
    assert block.parsed and block.entries == () and block.failures == ()


def test_crlf_file() -> None:
    text = SCHOLAR.replace("\n", "\r\n")
    (entry,) = blocks(text)[0].entries
    assert entry.fields[1].span.of(text) == "author={Novak, Roman and Sohl-Dickstein, Jascha}"
    assert at(text, entry.fields[1].span) == (9, 3)
    assert entry.span.of(text).endswith("}")


def test_indented_fence_in_list_item() -> None:
    text = "# T\n\n- [Paper](https://x.org)\n\n  ```bibtex\n  @article{a,\n    title={X}\n  }\n  ```\n"
    (block,) = blocks(text)
    (entry,) = block.entries
    assert at(text, entry.span) == (6, 3)
    assert entry.fields[0].span.of(text) == "title={X}" and at(text, entry.fields[0].span) == (7, 5)


def test_fence_in_blockquote() -> None:
    text = "# T\n\n> ```bib\n> @misc{b, title={Y},\n>   year = 2020}\n> ```\n"
    (block,) = blocks(text)
    assert block.failures == ()
    (entry,) = block.entries
    assert [(f.span.of(text), at(text, f.span)) for f in entry.fields] == [
        ("title={Y}", (4, 12)),
        ("year = 2020", (5, 5)),
    ]


def test_content_not_verbatim_is_mapped_line_by_line() -> None:
    # a caller that strips the indentation (as markdown-it does) still gets file offsets
    text = "- x\n\n  ```bibtex\n  @misc{k,\r\n    title={T}}\r\n  ```\n"
    start = text.index("@")
    block = BibtexBlock(
        raw="@misc{k,\n  title={T}}",
        span=Span(0, len(text)),
        content_span=Span(start, start + 10),
        label="bibtex",
        first_line=4,
    )
    (entry,) = parse_block(block, text).entries
    assert entry.key_span is not None and entry.key_span.of(text) == "k"
    assert entry.fields[0].span.of(text) == "title={T}"
    assert at(text, entry.fields[0].span) == (5, 5)


def test_parse_block_returns_a_copy() -> None:
    text = "```bibtex\n@misc{k, title={x}}\n```\n"
    raw_block = blocks(text)[0]._replace(entries=(), parsed=False)
    parsed = parse_block(raw_block, text)
    assert raw_block.entries == () and not raw_block.parsed
    assert parsed.parsed and len(parsed.entries) == 1


def test_parse_blocks_restores_the_garbage_collector() -> None:
    import gc

    text = "```bibtex\n@misc{k, title={x}}\n```\n"
    block = blocks(text)[0]._replace(entries=(), parsed=False)
    assert gc.isenabled()
    assert parse_blocks([block], text)[0].entries[0].key == "k"
    assert gc.isenabled()
    gc.disable()
    try:
        parse_blocks([block], text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_entries_link_to_their_blocks() -> None:
    document = parse(SCHOLAR)
    (entry,) = document.entries
    assert entry.bibtex == document.bibtex_blocks
    assert entry.bibtex[0].entries[0].key == "novak2022fast"


# --- property: spans always cover what they name -----------------------------------------------------------------

NAMES = st.sampled_from(["title", "Title", "author", "year", "journal", "booktitle", "pages", "url", "doi", "note"])


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:
        depth += 1 if c == "{" else -1 if c == "}" else 0
        if depth < 0:
            return False
    return depth == 0


VALUES = st.one_of(
    st.text(st.sampled_from("ab Cé深 -:/.=,\\'"), max_size=12).map(lambda s: "{" + s.rstrip("\\") + "}"),
    st.text(st.sampled_from("ab C{}é,"), max_size=10).filter(_balanced).map(lambda s: "{" + s + "}"),
    st.text(st.sampled_from("ab C,="), max_size=8).map(lambda s: '"' + s + '"'),
    st.integers(1900, 2100).map(str),
    st.sampled_from(["jan", '"a" # {b}', "{A}#{B}"]),
)
SPACE = st.sampled_from(["", " ", "  ", "\n  ", "\t"])


@st.composite
def bib_blocks(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, bool]]]:
    fields = draw(st.lists(st.tuples(NAMES, VALUES, SPACE, SPACE, st.booleans()), min_size=0, max_size=6))
    key = draw(st.sampled_from(["k", "lee2019wide", "a:b-c_1"]))
    kind = draw(st.sampled_from(["article", "Misc", "inproceedings"]))
    parts = [f"@{kind}{{{key},\n"]
    expected: list[tuple[str, str, bool]] = []
    missing = False
    for index, (name, value, before, after, comma) in enumerate(fields):
        parts.append(f"  {name}{before}={after}{value}")
        if index < len(fields) - 1:
            parts.append(",\n" if comma else "\n")  # no comma: the next field is glued into this value
        expected.append((name, value, missing))
        missing = not comma
    if fields and draw(st.booleans()):
        parts.append(",")
    parts.append("\n}")
    return "".join(parts), expected


@settings(max_examples=300, deadline=None)
@given(bib_blocks(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_spans_cover_names_and_values(case: tuple[str, list[tuple[str, str, bool]]], newline: str,
                                      indented: bool) -> None:
    body, expected = case
    prefix = "  " if indented else ""
    fence = f"{prefix}```bibtex\n" + "".join(f"{prefix}{line}\n" for line in body.split("\n")) + f"{prefix}```\n"
    text = ("# T\n\n- item\n\n" + fence if indented else "# T\n\n" + fence).replace("\n", newline)
    (block,) = blocks(text)
    assert not [f for f in block.failures if f.kind == "syntax"], block.failures
    (entry,) = block.entries
    assert entry.key_span is not None and entry.key_span.of(text) == entry.key
    assert entry.type_span is not None and entry.type_span.of(text) == entry.entry_type
    assert [(f.name, f.missing_comma) for f in entry.fields] == [(name, missing) for name, _, missing in expected]
    for field, (name, value, _) in zip(entry.fields, expected):
        assert field.name_span.of(text) == field.name == name
        written = field.value_span.of(text)
        assert written.replace("\r\n", "\n").replace("\n" + prefix, "\n") == value
        if field.enclosing:
            assert written[0] == field.enclosing and written[1:-1] == field.value
        else:
            assert written == field.value
        assert field.span.start == field.name_span.start and field.span.end == field.value_span.end
        assert block.content_span.contains(field.span)


# --- B6: blocks after a failed block that runs into them (notes/property-bugs.md) --------------------------------


def _entry_raws(raw: str) -> list[str]:
    """bibtexparser's own raw text of each entry of ``raw``, in order."""
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry

    out = []
    for item in bibtexparser.parse_string(raw, parse_stack=[]).blocks:
        if isinstance(item, DuplicateBlockKeyBlock):
            item = item.ignore_error_block
        if isinstance(item, Entry):
            out.append(item.raw)
    return out


@pytest.mark.parametrize(
    "body",
    [
        "@s{@{xie2021diffusion}",  # the failed block "@s{@" takes the "@" of the entry
        "@{a@article{(k@article{ @article{title={x}a@article{}",  # failed blocks that overlap each other
        'title={x}"s@article{k@article{@article{)a@article{}\ta"',
        "@a{@article{k,\n  title={T}\n}\n@b{@misc{m, year={2020}}",
    ],
)
@pytest.mark.parametrize("wrap", ["fence", "open", "list", "quote", "crlf"])
def test_entries_after_overlapping_failed_blocks_are_placed_exactly(body: str, wrap: str) -> None:
    text = {
        "fence": "```bibtex\n" + body + "\n```\n",
        "open": "```bibtex\n" + body,  # never closed: the block ends with the text
        "list": "- a\n\n  ```bibtex\n  " + body.replace("\n", "\n  ") + "\n  ```\n",
        "quote": "> ```bibtex\n> " + body.replace("\n", "\n> ") + "\n",
        "crlf": ("```bibtex\n" + body + "\n```\n").replace("\n", "\r\n"),
    }[wrap]
    (block,) = blocks(text)
    assert block.failures
    raws = _entry_raws(body)
    assert raws and len(block.entries) == len(raws)
    for entry, raw in zip(block.entries, raws):
        lo, hi = block.content_span.start, block.content_span.end
        for span in (entry.span, entry.key_span, entry.type_span):
            assert span is not None and lo <= span.start <= span.end <= hi <= len(text)
        shown = entry.span.of(text)
        if wrap in ("fence", "open"):
            assert shown == raw  # the fence content is a verbatim slice: the span shows the entry's raw text exactly
        elif wrap == "crlf":
            assert shown == raw.replace("\n", "\r\n")
        else:  # indented or quoted: the same text with each line's prefix
            assert shown == raw.replace("\n", "\n  " if wrap == "list" else "\n> ")
        assert entry.key_span.of(text) == entry.key
        assert entry.type_span.of(text) == entry.entry_type
    for failure in block.failures:
        assert 0 <= failure.span.start <= failure.span.end <= len(text)


def test_failed_blocks_that_overlap_are_each_placed_at_their_own_start() -> None:
    text = "```bibtex\n@a{@b{@article{k,\n  title={T}\n}\n```\n"
    (block,) = blocks(text)
    assert [(e.key, e.span.of(text)) for e in block.entries] == [("k", "@article{k,\n  title={T}\n}")]
    # "@a{@b" and "@b{@article" fail; each failure starts at its own "@", the second inside the first's raw text
    assert [f.span.of(text)[:3] for f in block.failures] == ["@a{", "@b{"]


def test_a_failed_block_that_runs_into_an_identical_failed_block_is_placed_at_the_overlap() -> None:
    # bibtexparser: "@article{%%@s" fails on the "@s" that starts the next failed block "@s{@,", which is followed by
    # a second "@s{@,"; the first copy starts inside the first failed block's text, not at the second copy
    # (which once placed the third failure before the second, its culprit span running backwards)
    body = "@article{%%@s{@,@s{@,@{k}"
    for text in (body, "```bibtex\n" + body + "\n```\n"):
        (block,) = blocks(text) if text.startswith("`") else parse_bib(text).bibtex_blocks
        starts = [f.span.start for f in block.failures]
        assert starts == sorted(starts)
        assert [f.span.of(text) for f in block.failures] == ["@article{%%@s", "@s{@,", "@s{@,"]
        assert [f.span.start - text.index("@") for f in block.failures] == [0, 11, 16]
        for failure in block.failures:
            assert failure.at is not None and failure.at.start <= failure.at.end
        assert [e.span.of(text) for e in block.entries] == ["@{k}"]
