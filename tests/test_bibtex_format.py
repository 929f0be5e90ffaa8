"""The canonical BibTeX layout (LL509's formatter): dominant style, what changes, what never changes, idempotency."""

from __future__ import annotations

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.bibtex.format import Style, canonical_block, document_style, format_entry, unformattable
from listlint.api import fix_text, lint_text
from listlint.config import BibtexSettings, from_table
from listlint.errors import ConfigError
from listlint.model import Document
from listlint.parser import parse


def doc(body: str, label: str = "bibtex") -> Document:
    return parse(f"# T\n\n```{label}\n{body}\n```\n")


def canonical(body: str, settings: BibtexSettings | None = None, **kw: object) -> str | None:
    d = doc(body)
    style = document_style(d, settings or BibtexSettings(), **kw)  # type: ignore[arg-type]
    return canonical_block(d.bibtex_blocks[0], d.text, style, d.source.newline)


SCHOLAR = """@inproceedings{novak2022fast,
  title={Fast finite width neural tangent kernel},
  author={Novak, Roman and Sohl-Dickstein, Jascha and Schoenholz, Samuel S},
  booktitle={International Conference on Machine Learning},
  pages={17018--17044},
  year={2022},
  organization={PMLR}
}"""


def test_scholar_block_is_already_canonical() -> None:
    assert canonical(SCHOLAR) == SCHOLAR


def test_dominant_style_is_kept() -> None:
    spaced = "@misc{k,\n  title = {T},\n  year = {2020},\n}"
    assert canonical(spaced) == spaced  # spaced and a trailing comma: the file's habit
    d = doc(spaced)
    assert document_style(d, BibtexSettings()) == Style("spaced", True, "  ", ())


def test_everything_that_changes() -> None:
    body = (
        "@Article{k,\n"
        "    Title = {A  {B} \\'e},\n"  # value kept byte for byte, inner spaces included
        "  author={X}, journal={J},\n"
        "  pages = {1-43},\n"
        "  note = {},\n"
        "  volume = \"18\",\n"
        "  year = 2018}"
    )
    assert canonical(body, layout="spaced") == (
        "@article{k,\n"
        "  title = {A  {B} \\'e},\n"
        "  author = {X},\n"
        "  journal = {J},\n"
        "  pages = {1--43},\n"
        '  volume = "18",\n'
        "  year = 2018\n"
        "}"
    )


def test_page_ranges() -> None:
    for written, expected in [("{1-43}", "{1--43}"), ("{1 -- 43}", "{1--43}"), ("{e1\u2013e5}", "{e1--e5}"),
                              ('"5---9"', '"5--9"'), ("{12}", "{12}"), ("{1-3, 5-7}", "{1-3, 5-7}")]:
        got = canonical(f"@misc{{k,\n  pages={written}\n}}")
        assert got == f"@misc{{k,\n  pages={expected}\n}}", written


def test_trailing_comma_and_field_order_settings() -> None:
    body = "@misc{k,\n  year={2020},\n  url={u},\n  title={T}\n}"
    settings = BibtexSettings(trailing_comma="always", field_order=("title", "Author", "year"))
    assert canonical(body, settings) == "@misc{k,\n  title={T},\n  year={2020},\n  url={u},\n}"
    assert canonical("@misc{k,\n  title={T},\n}", BibtexSettings(trailing_comma="never")) == "@misc{k,\n  title={T}\n}"


def test_aligned_layout_and_indent() -> None:
    body = "@misc{k,\n    title   = {T},\n    author  = {A},\n    eprint  = {1}\n}"
    # the file's own indent (4) by default; a configured one wins
    assert canonical(body) == "@misc{k,\n    title  = {T},\n    author = {A},\n    eprint = {1}\n}"
    assert canonical(body, indent=2) == "@misc{k,\n  title  = {T},\n  author = {A},\n  eprint = {1}\n}"
    assert canonical("@misc{k, title={T}}") == "@misc{k,\n  title={T}\n}"  # nothing tells: 2 spaces


def test_several_entries_get_one_blank_line() -> None:
    body = "@misc{a, title={A}}\n\n\n@misc{b, title={B}}"
    assert canonical(body) == "@misc{a,\n  title={A}\n}\n\n@misc{b,\n  title={B}\n}"


def test_multiline_values_are_copied() -> None:
    body = "@misc{k,\n  abstract={line one\n     line two},\n  title={T}\n}"
    assert canonical(body) == body


def test_list_item_fence_keeps_its_indent_and_crlf() -> None:
    text = "# T\r\n\r\n- [P](https://x.org)\r\n\r\n  ```bibtex\r\n  @misc{k,\r\n      title={T}}\r\n  ```\r\n"
    d = parse(text)
    block = d.bibtex_blocks[0]
    style = document_style(d, BibtexSettings(), 2)
    assert canonical_block(block, d.text, style, d.source.newline) == "  @misc{k,\r\n    title={T}\r\n  }"
    # by default the indent is the file's, counted from the `@` (4 here), not from the line start (6)
    style = document_style(d, BibtexSettings())
    assert canonical_block(block, d.text, style, d.source.newline) == "  @misc{k,\r\n      title={T}\r\n  }"


def test_blocks_left_alone() -> None:
    cases = {
        "@misc{k,\n  title={A}\n  year={2020}\n}": "a comma is missing",
        "@misc{k,\n  title={A},\n  Title={B}\n}": "a field is repeated",
        "% comment\n@misc{k, title={A}}": "it holds comments or @string/@preamble blocks",
        "@string{j = {J}}\n@misc{k, journal=j}": "it holds comments or @string/@preamble blocks",
        "@misc{k, title={A}\n": "it does not parse cleanly",
        "see below\n@misc{k, title={A}}": "it does not parse cleanly",
        "@misc{k, title={A}}\ntrailing words": "it does not parse cleanly",
        "@misc{k,\n  title = ,\n  year={1}}": "it does not parse cleanly",
    }
    for body, reason in cases.items():
        d = doc(body)
        assert unformattable(d.bibtex_blocks[0], d.text) == reason, body
        assert canonical(body) is None
    quoted = parse("> ```bibtex\n> @Misc{k, title={A}}\n> ```\n")
    assert canonical_block(quoted.bibtex_blocks[0], quoted.text, Style(), "\n") is None


def test_entry_without_fields() -> None:
    assert canonical("@misc{k}") == "@misc{k,\n}"
    assert canonical("@misc{k,\n}") == "@misc{k,\n}"


# --- idempotency and meaning, on generated blocks -----------------------------------------------------------------

NAMES = st.sampled_from(["title", "Title", "AUTHOR", "year", "journal", "pages", "note", "url", "archivePrefix"])
VALUES = st.sampled_from(["{A}", "{}", "{Cl{\\'e}ment and {IBM}}", '"quoted"', "2018", "jan", "{1-2}", "{1--2}",
                          "{x = y}", "{深度}", '"a" # {b}', "{multi\n   line}"])
SPACES = st.sampled_from(["", " ", "   ", "\t", "\n    "])


@st.composite
def blocks(draw: st.DrawFn) -> str:
    entries = []
    used: set[str] = set()
    for n in range(draw(st.integers(1, 3))):
        names = draw(st.lists(NAMES, max_size=5, unique_by=str.lower))
        fields = [f"{draw(SPACES)}{name}{draw(SPACES)}={draw(SPACES)}{draw(VALUES)}" for name in names]
        kind = draw(st.sampled_from(["article", "Misc", "INPROCEEDINGS"]))
        key = f"key{n}"
        used.add(key)
        sep = draw(st.sampled_from([",\n", ", ", ","]))
        tail = draw(st.sampled_from(["", ",", ",\n", "\n"]))
        entries.append(f"@{kind}{{{key},{draw(SPACES)}" + sep.join(fields) + tail + "}")
    return draw(st.sampled_from(["\n", "\n\n", "\n\n\n"])).join(entries)


def _meaning(bib: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    library = bibtexparser.parse_string(bib, parse_stack=[])
    assert not library.failed_blocks
    return [(e.entry_type, e.key, [(f.key.lower(), f.value) for f in e.fields if f.value.strip("{}\" ")])
            for e in library.entries]


def _pages(meaning: list[tuple[str, str, list[tuple[str, str]]]]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(t, k, [(n, v.replace("{1-2}", "{1--2}") if n == "pages" else v) for n, v in fields])
            for t, k, fields in meaning]


@settings(max_examples=200, deadline=None)
@given(blocks(), st.sampled_from([("auto", 2), ("compact", 2), ("spaced", 4), ("aligned", 2)]),
       st.sampled_from(["auto", "always", "never"]))
def test_canonical_is_idempotent_and_keeps_meaning(body: str, layout: tuple[str, int], comma: str) -> None:
    settings_ = BibtexSettings(trailing_comma=comma)
    once = canonical(body, settings_, layout=layout[0], indent=layout[1])
    if once is None:
        return
    assert canonical(once, settings_, layout=layout[0], indent=layout[1]) == once
    assert _meaning(once) == _pages(_meaning(body))


def test_format_entry_is_pure() -> None:
    d = doc(SCHOLAR)
    entry = d.bibtex_blocks[0].entries[0]
    assert format_entry(entry, Style("compact", False, "  ")) == SCHOLAR
    crlf = format_entry(entry, Style("compact", False, "  "), "\r\n", "  ")
    assert crlf.startswith("  @inproceedings{novak2022fast,\r\n    title=")


def test_ll509_follows_the_indent_most_of_the_file_s_entries_use() -> None:
    # vit-pytorch: 61 blocks, all indented by 4 spaces, were each reported "not indented by 2 spaces"
    four = "```bibtex\n@misc{{k{n},\n    title = {{T{n}}},\n    year = {{2020}}\n}}\n```\n"
    two = "```bibtex\n@misc{k9,\n  title = {T9},\n  year = {2020}\n}\n```\n"
    text = "# Refs\n\n" + "\n".join(four.format(n=n) for n in range(3)) + "\n" + two
    found = lint_text(text, select=("LL509",))
    assert [(d.code, parse(text).source.position(d.span.start)[0]) for d in found] == [("LL509", 26)]
    assert "is not indented by 4 spaces" in found[0].message
    assert fix_text(text, select=("LL509",)) == text.replace("  title = {T9},\n  year", "    title = {T9},\n    year")
    config = from_table({"rules": {"bibtex-format": {"indent": 2}}}, "<test>")
    assert len(lint_text(text, config, select=("LL509",))) == 3
    with pytest.raises(ConfigError, match=r"rules.bibtex-format.indent: must be a number of spaces \(0-16\) or auto"):
        lint_text(text, from_table({"rules": {"bibtex-format": {"indent": "wide"}}}, "<test>"), select=("LL509",))


def test_ll509_message_shows_the_expected_line_with_its_spaces() -> None:
    # the message collapsed spaces and read "expected `title = {Paper C},`" while the fix wrote "title  = …"
    aligned = "```bibtex\n@article{{k{n},\n    title   = {{T}},\n    journal = {{J}}\n}}\n```\n"
    off = "```bibtex\n@misc{c,\n    title   = {Paper C},\n    author  = {Carl}\n}\n```\n"
    text = "# Refs\n\n" + aligned.format(n=1) + "\n" + aligned.format(n=2) + "\n" + off
    [finding] = lint_text(text, select=("LL509",))
    assert finding.message == "BibTeX not in canonical layout: expected `title  = {Paper C},` here"
    assert "    title  = {Paper C},\n    author = {Carl}\n" in fix_text(text, select=("LL509",))
