"""LL110-LL115: file hygiene. Exact positions on a fixture with front matter, fences, HTML, tables, block quotes,
nested lists, Chinese text and CRLF; safe fixes keep the rendered HTML (LL114 changes only the garbled text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from listlint.api import fix_text, lint_text
from listlint.rules.ll11_whitespace import find_mojibake, round_trips
from listlint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "ll1"
CODES = ("LL110", "LL111", "LL112", "LL113", "LL114", "LL115")
FORMATTING = ("LL110", "LL111", "LL112", "LL113", "LL115")  # safe fixes that must not change the HTML


def render(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def found(text: str, *codes: str) -> list[str]:
    source = SourceText(text)
    out = []
    for d in lint_text(text, select=codes or CODES):
        line, col = source.position(d.span.start)
        out.append(f"{line}:{col} {d.code}")
    return out


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fixture_positions(newline: str) -> None:
    text = (FIXTURES / "whitespace.md").read_text(encoding="utf-8").replace("\n", newline)
    expected = (FIXTURES / "whitespace.expected").read_text(encoding="utf-8").split("\n")[:-1]
    assert found(text) == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fixture_safe_formatting_fixes_keep_html(newline: str) -> None:
    text = (FIXTURES / "whitespace.md").read_text(encoding="utf-8").replace("\n", newline)
    fixed = fix_text(text, select=FORMATTING)
    assert fixed != text
    assert render(fixed) == render(text)
    assert fix_text(fixed, select=FORMATTING) == fixed
    assert "\r\n" not in fixed or newline == "\r\n"
    if newline == "\r\n":
        assert fixed.count("\n") == fixed.count("\r\n")  # inserted lines use the file's line ending


def test_empty_file() -> None:
    assert found("") == []


def test_corpus_formatting_fixes_keep_html(corpus: Path) -> None:
    for path in sorted(corpus.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        fixed = fix_text(text, select=FORMATTING)
        assert render(fixed) == render(text), path.name
        assert fix_text(fixed, select=FORMATTING) == fixed, path.name


# ---- LL113 ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    ("- a\n\t- b\n", "- a\n    - b\n"),
    ("-\tfoo\n", "-   foo\n"),
    ("1.\tfoo\n", "1.  foo\n"),
    (">\tquoted\n", ">   quoted\n"),
    ("- a\n\n \tparagraph in item\n", "- a\n\n    paragraph in item\n"),
    ("-\t\tcode in item\n", "-\t\tcode in item\n"),  # the line is an indented code block: protected
    ("text\n\tcontinued\n", "text\n    continued\n"),
])
def test_ll113_indentation_tabs_become_spaces_with_the_same_html(before: str, after: str) -> None:
    fixed = fix_text(before, select=("LL113",))
    assert fixed == after
    assert render(fixed) == render(before)


def test_ll113_text_tabs_are_unsafe_and_code_tabs_unfixable() -> None:
    text = "# T\n\nab\tc `x\ty`\n"
    assert found(text, "LL113") == ["3:3 LL113", "3:8 LL113"]
    assert fix_text(text, select=("LL113",)) == text
    assert fix_text(text, unsafe=True, select=("LL113",)) == "# T\n\nab  c `x\ty`\n"


def test_ll113_leaves_trailing_tabs_to_ll110() -> None:
    assert found("text\t\n", "LL113") == []
    assert found("text\t\n", "LL110") == ["1:5 LL110"]


# ---- LL114 ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("garbled", "decoded"), [
    ("ï¼Œ", "，"),
    ("â€™", "’"),
    ("Ã©", "é"),
    ("ðŸ”¥", "🔥"),
    ("è®ºæ–‡", "论文"),
    ("Ã¼ber", "über"),
    ("â\x80\x99", "’"),  # read as Latin-1 rather than cp1252
])
def test_ll114_detects_and_round_trips(garbled: str, decoded: str) -> None:
    text = f"# T\n\nDon{garbled}t\n"
    assert found(text, "LL114") == ["3:4 LL114"]
    assert fix_text(text, select=("LL114",)) == f"# T\n\nDon{decoded}t\n"


@pytest.mark.parametrize("genuine", [
    "café", "Stéphane Mallat", "Huszár", "Weinan È", "Straße“", "«CAFÉ»", "“CAFÉ”", "Ångström", "naïve", "£5 – 10 €",
    "Ã alone", "ÂÂ",
])
def test_ll114_leaves_genuine_latin1_alone(genuine: str) -> None:
    assert found(f"# T\n\n{genuine}\n", "LL114") == []


def test_ll114_round_trip_is_checked() -> None:
    (garble,) = find_mojibake("â€™")
    assert round_trips("â€™", garble.decoded, garble.codec)
    assert not round_trips("â€™", "'", "cp1252")


def test_ll114_double_mojibake_converges() -> None:
    text = "Doesn\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2t\n"
    assert fix_text(text, select=("LL114",)) == "Doesn’t\n"


def test_ll114_in_titles_declares_the_title_change() -> None:
    text = "# T\n\n- [Ã‰tude de cas](https://example.org/a) - a paper\n- [Other](https://example.org/b)\n"
    (diag,) = lint_text(text, select=("LL114",))
    assert diag.fix is not None and "TITLES" in str(diag.fix.alters)
    assert fix_text(text, select=("LL114",)).startswith("# T\n\n- [Étude de cas]")


def test_ll114_skips_code_and_checks_bibtex() -> None:
    text = "# T\n\n`Ã©`\n\n```\nÃ©\n```\n\n```bibtex\n@article{a, author={Ã©}}\n```\n"
    assert found(text, "LL114") == ["10:21 LL114"]


def test_ll114_corpus_mojibake(corpus: Path) -> None:
    text = (corpus / "seeds" / "deep-learning-explained.md").read_text(encoding="utf-8")
    assert found(text, "LL114") == ["51:115 LL114"]
    fixed = fix_text(text, select=("LL114",))
    assert "UCB，`nips2021` spotlight." in fixed
    assert render(fixed) == render(text).replace("UCBï¼Œ", "UCB，")


# ---- LL115 ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "# T\n\n- a\n  - nested\n- b\n",  # nested list: a blank line would make the item loose
    "# T\n\n- a\n  ```\n  code in item\n  ```\n",
    "# T\n\n- a\nlazy continuation\n",
    "---\ntitle: x\n---\n# T\n",
    "> ## quoted heading\n> text\n",
    "# T\n",
    # a comment next to a heading is a note on it for tools: VS Code's ToC ("omit in toc"), rehype attributes
    "<!-- omit in toc -->\n# T\n\n<!-- omit in toc -->\n## A\n\ntext\n",
    "# T\n\n## A\n<!--rehype:style=color:red;-->\n\ntext\n",
    # uki00a/awesome-fresh: awesome-lint's "<!--lint ignore awesome-list-item-->" above an item and "<!--lint
    # enable …-->" below it, and listlint's own "disable-next-line", belong to the item next to them (a blank line
    # after a disable-next-line directive would move it off its item)
    "# T\n\n- [a](https://a.org) - A.\n<!--lint ignore awesome-list-item-->\n- [b](https://b.org) - b\n"
    "<!--lint enable awesome-list-item-->\n- [c](https://c.org) - C.\n",
    "# T\n\n- [a](https://a.org) - A.\n<!-- listlint-disable-next-line LL601 -->\n- [b](https://a.org) - B.\n",
    "# T\n\n<!-- prettier-ignore -->\n```\ncode\n```\n",
])
def test_ll115_not_reported(text: str) -> None:
    assert found(text, "LL115") == []


def test_ll115_reports_each_junction_once() -> None:
    text = "# T\n## U\n- a\n```\ncode\n```\ntext\n"
    assert found(text, "LL115") == ["2:1 LL115", "3:1 LL115", "4:1 LL115", "6:1 LL115"]
    fixed = fix_text(text, select=("LL115",))
    assert fixed == "# T\n\n## U\n\n- a\n\n```\ncode\n```\n\ntext\n"
    assert render(fixed) == render(text)


# ---- guards found by rendering random lists before and after fixing ---------------------------------------------


@pytest.mark.parametrize("text", [
    "-\n\n\n- b\n",  # after an empty item, two blank lines end the list: collapsing them would merge two lists
    "- > q\n     1) a\n   10.  ```\n    ~~~\n      ~~~\n> q\n",  # an unclosed fence in an item: a blank line is code
    "1.     [a](b)\n  x  \n  y\n---\n",  # a setext heading's text lines keep their hard breaks
    "a `code  \nspan` b\n",  # trailing spaces inside a code span over two lines are code
    " -[    ```\n  \tt\n1.```\n",  # a tab inside a code span over lines
    "```\ncode\n\n\n",  # blank lines at the end of an unclosed fence are code
])
def test_formatting_fixes_keep_html_in_corner_cases(text: str) -> None:
    fixed = fix_text(text, select=FORMATTING)
    assert render(fixed) == render(text)


def test_ll111_collapses_blank_runs() -> None:
    text = "# T\n\n\n\ntext\n   \nmore\n"
    assert found(text, "LL111") == ["3:1 LL111", "6:1 LL111"]
    assert fix_text(text, select=("LL111",)) == "# T\n\ntext\n\nmore\n"


def _sections(blanks: list[int]) -> str:
    return "# T\n" + "".join("\n" * n + f"## S{k}\n\n- [P{k}](https://a.org/{k})\n" for k, n in enumerate(blanks))


def test_ll111_allows_the_files_own_blank_lines_before_headings() -> None:
    # three quarters of the headings have two blank lines above them: the house style, not a defect
    text = _sections([2, 2, 2, 1, 3])
    assert found(text, "LL111") == ["23:1 LL111"]  # only the third blank line above "## S4" (line 24)
    (diagnostic,) = lint_text(text, select=("LL111",))
    assert diagnostic.message == "3 consecutive blank lines; at most 2 expected before a heading"
    assert fix_text(text, select=("LL111",)) == _sections([2, 2, 2, 1, 2])
    # outside headings the maximum holds as before
    assert found(text.replace("- [P0]", "\n\n- [P0]"), "LL111") == ["6:1 LL111", "25:1 LL111"]
    # no house style: half the headings only, or too few headings to tell
    assert len(found(_sections([2, 2, 1, 1]), "LL111")) == 2
    assert len(found(_sections([2, 2, 2]), "LL111")) == 3


def test_ll111_before_headings_option() -> None:
    from listlint.config import Config
    from listlint.errors import ConfigError

    def config(value: object) -> Config:
        return Config(rules={"blank-lines": {"before_headings": value}})

    text = _sections([2, 2, 2, 2])
    assert len(lint_text(text, config(1), select=("LL111",))) == 4
    assert lint_text(_sections([3, 1]), config(3), select=("LL111",)) == []
    with pytest.raises(ConfigError, match="before-headings"):
        lint_text(text, config("many"), select=("LL111",))


def test_ll112_final_newline() -> None:
    assert found("# T", "LL112") == ["1:4 LL112"]
    assert fix_text("# T\n\n\n", select=("LL112",)) == "# T\n"
    assert fix_text("# T\r\n\r\n", select=("LL112",)) == "# T\r\n"


def test_ll110_hard_breaks_are_kept_or_removed_only_unsafely() -> None:
    from listlint.config import from_table

    text = "First line  \nsecond line\n"
    assert found(text, "LL110") == []
    config = from_table({"rules": {"trailing-whitespace": {"allow-hard-breaks": False}}}, "<test>")
    (diag,) = lint_text(text, config, select=("LL110",))
    assert diag.fix is not None and diag.fix.applicability.value == "unsafe"
    assert fix_text(text, config=config, select=("LL110",)) == text
    assert fix_text(text, unsafe=True, config=config, select=("LL110",)) == "First line\nsecond line\n"


def test_ll112_bare_carriage_return_at_end_converges() -> None:
    from listlint.api import fix_text, lint_text

    for text in ("a\r", "a\r\r\n", "`\r"):
        assert [d.code for d in lint_text(text, select=("LL112",))] == ["LL112"]
        fixed = fix_text(text, select=("LL112",))
        assert fixed.endswith("\n") and not fixed.endswith("\r\n\n") and fix_text(fixed, select=("LL112",)) == fixed


def test_property_bugs_b3_b4_b9_stay_fixed() -> None:
    from listlint.api import fix_text, lint_text

    # B9: the space after a line-final backslash keeps the backslash from being a hard line break
    assert lint_text("a\\ \nb\n", select=("LL110",)) == []
    assert fix_text("a\\ \t \nb\n", select=("LL110",)) == "a\\ \nb\n"
    assert fix_text("a\\\\ \nb\n", select=("LL110",)) == "a\\\\\nb\n"  # an escaped backslash needs no space
    # B4: only spaces and tabs make a line blank; a line of NBSP or a vertical tab is a paragraph line
    for text in ("1. a\n\xa0\nb\n", "\x0b\n#\n", "a\n\x0c\n\n\nb\n"):
        assert fix_text(text, select=("LL111",)) == text.replace("\n\n\n", "\n\n")
    # B3: no final newline added inside a fence that is never closed (it would become code)
    (found,) = lint_text("```\nt", select=("LL112",))
    assert found.message == "no newline at end of file" and found.fix is None
    assert fix_text("```\nt\n```", select=("LL112",)) == "```\nt\n```\n"


def test_property_bug_b8_mojibake_fix_on_an_item_line_declares_entry_changes() -> None:
    from listlint.api import fix_text, lint_text

    # re-decoding before a bare URL at the start of a list item makes the item an entry: declared, so it is fixed
    (found,) = lint_text("+ â€™](http://x.org\n", select=("LL114",))
    assert found.fix is not None and "ENTRIES" in str(found.fix.alters)
    assert fix_text("+ â€™](http://x.org\n").startswith("+ ’](")


def test_mojibake_fix_in_a_list_declares_entry_changes() -> None:
    from listlint.api import fix_text

    # found by the property tests (dev profile): re-decoded words on an item's continuation line made it an entry
    text = "- [Deep](#) - Deep\n-[Deep]() - Ð¢ÐµÑ\x81Ñ\x82\n"
    assert fix_text(text, select=("LL114",)) == "- [Deep](#) - Deep\n-[Deep]() - Тест\n"


# ---- LL117 markdown-in-html-block -------------------------------------------------------------------------------

SWALLOWED = (
    "# Tools\n"
    "\n"
    "<h2 id=\"editors\">Editors</h2>\n"
    "- [Helix](https://helix-editor.com) - A modal editor.\n"
    "- [Kakoune](https://kakoune.org) - Selections first.\n"
    "\n"
    "<p align=\"center\">\n"
    "  Hand-picked\n"
    "  ## Picks\n"
    "</p>\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_ll117_positions_and_messages(newline: str) -> None:
    text = SWALLOWED.replace("\n", newline)
    found_ = lint_text(text, select=["LL117"])
    source = SourceText(text)
    assert [(source.position(d.span.start), d.span.of(text)) for d in found_] == [
        ((4, 1), "- [Helix](https://helix-editor.com) - A modal editor."),
        ((9, 3), "## Picks"),
    ]
    assert found_[0].message.startswith("a list item inside the HTML block that starts on line 3")
    assert [d.fix.applicability.value for d in found_ if d.fix] == ["safe", "unsafe"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_ll117_fix_brings_the_entries_back(newline: str) -> None:
    from listlint.parser import parse

    text = SWALLOWED.replace("\n", newline)
    assert [e.title for e in parse(text).entries] == []
    fixed = fix_text(text, select=["LL117"])
    assert fixed == text.replace(f"</h2>{newline}", f"</h2>{newline}{newline}")
    assert [e.title for e in parse(fixed).entries] == ["Helix", "Kakoune"]
    assert lint_text(fixed, select=["LL117"])[0].fix.applicability.value == "unsafe"  # the text-line one is left
    assert fix_text(fixed, select=["LL117"]) == fixed
    unsafe = fix_text(fixed, unsafe=True, select=["LL117"])
    assert lint_text(unsafe, select=["LL117"]) == []


@pytest.mark.parametrize("text", [
    "<pre>\n- [Helix](https://helix-editor.com)\n</pre>\n",  # <pre> keeps its text as written
    "<div>\n<pre><code>\n- [Helix](https://helix-editor.com)\n</code></pre>\n</div>\n",
    "<!-- a note -->\n- [Helix](https://helix-editor.com)\n",  # a comment ends at -->: the list is Markdown
    "<div align=\"center\">\n  <a href=\"https://x.dev\">\n    <img src=\"a.svg\"\n  ></a>\n</div>\n",  # a tag's ">"
    "- item\n  <details><summary>More</summary>\n  - [Helix](https://helix-editor.com)\n  </details>\n",  # nested
    "<h2>Editors</h2>\n\n- [Helix](https://helix-editor.com)\n",
])
def test_ll117_leaves_literal_and_separated_html(text: str) -> None:
    assert lint_text(text, select=["LL117"]) == []
