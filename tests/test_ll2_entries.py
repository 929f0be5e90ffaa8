"""LL201-LL208: entries and list format. Exact positions on a fixture (fences, HTML comments, tables, Chinese,
nested lists, CRLF), the numbering schemes, and safe fixes that keep the rendered HTML -- checked on the corpus and
on a few thousand random list snippets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from listlint.config import DEFAULT, Config, from_table
from listlint.diagnostics import Applicability, Diagnostic
from listlint.fixer import fix_source
from listlint.linter import RuleSet, lint
from listlint.parser import parse
from listlint.registry import Registry
from listlint.rules import ll2_entries
from listlint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "ll2"
CODES = ("LL201", "LL202", "LL203", "LL204", "LL205", "LL206", "LL207")  # LL208 is off by default
FORMATTING = ("LL202", "LL203", "LL204")  # safe fixes that must not change the HTML


def _registry() -> Registry:
    """The built-in rules, plus this family if it is not registered yet."""
    registry = Registry.load(plugins=False)
    have = {rule.code for rule in registry.rules}
    return Registry(registry.rules + tuple(r for r in ll2_entries.RULES if r.code not in have))


REGISTRY = _registry()


def _config(table: dict | None) -> Config:
    return from_table(table, "<test>") if table else DEFAULT


def lint_text(text: str, *codes: str, config: dict | None = None) -> list[Diagnostic]:
    ruleset = RuleSet.build(REGISTRY, _config(config), select=codes or CODES)
    return lint(parse(text, "<text>", ruleset.config), ruleset)


def fix_text(text: str, *codes: str, unsafe: bool = False, config: dict | None = None) -> str:
    ruleset = RuleSet.build(REGISTRY, _config(config), select=codes or CODES)
    return fix_source(SourceText(text), lambda s: parse(s, "<text>", ruleset.config), lambda d: lint(d, ruleset),
                      unsafe=unsafe).text


def found(text: str, *codes: str, config: dict | None = None) -> list[str]:
    source = SourceText(text)
    out = []
    for d in lint_text(text, *codes, config=config):
        line, col = source.position(d.span.start)
        out.append(f"{line}:{col} {d.code}")
    return out


def messages(text: str, code: str, config: dict | None = None) -> list[str]:
    return [d.message for d in lint_text(text, code, config=config)]


def render(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fixture(newline: str) -> None:
    text = (FIXTURES / "lists.md").read_text(encoding="utf-8").replace("\n", newline)
    expected = (FIXTURES / "lists.expected").read_text(encoding="utf-8").split("\n")[:-1]
    assert found(text) == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fixture_formatting_fixes_keep_html(newline: str) -> None:
    text = (FIXTURES / "lists.md").read_text(encoding="utf-8").replace("\n", newline)
    fixed = fix_text(text, *FORMATTING)
    assert fixed != text
    assert render(fixed) == render(text)
    assert fix_text(fixed, *FORMATTING) == fixed


def test_empty_file() -> None:
    assert found("") == []
    assert found("\n") == []


def test_corpus_formatting_fixes_keep_html(corpus: Path) -> None:
    for path in sorted(corpus.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        fixed = fix_text(text, *FORMATTING)
        assert render(fixed) == render(text), path.name
        assert fix_text(fixed, *FORMATTING) == fixed, path.name


MARKERS = ["-", "*", "+", "1.", "2.", "10.", "1)", "•", "-["]
CONTENTS = ["a", "[t](http://x.y)", "b c", "```", "~~~", "<div>", "---", "# h", "> q", "\tt", "", "x  ",
            "[a](b) - d", "[a](b) – d"]


def _random_snippet(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 9)):
        r = rng.random()
        if r < 0.2:
            lines.append("")
        elif r < 0.75:
            lines.append(" " * rng.choice([0, 0, 0, 1, 2, 3, 4, 5, 6, 8]) + rng.choice(MARKERS)
                         + " " * rng.choice([0, 1, 1, 1, 2, 3, 4, 5]) + rng.choice(CONTENTS))
        else:
            lines.append(" " * rng.choice([0, 0, 2, 3, 4, 6]) + rng.choice(CONTENTS))
    return "x\n\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_random_lists_safe_fixes_keep_html(seed: int) -> None:
    """Random nestings of markers, indents, gaps, fences and lazy lines: every safe formatting fix of LL1xx and
    LL2xx leaves the rendered HTML as it was (the checks that made this pass are in the rules' guards)."""
    rng = random.Random(seed)
    codes = ("LL103", "LL110", "LL111", "LL112", "LL113", "LL115", *FORMATTING)
    for _ in range(150):
        text = _random_snippet(rng)
        fixed = fix_text(text, *codes)
        assert render(fixed) == render(text), repr(text)


# ---- LL201 ---------------------------------------------------------------------------------------------------------


def test_ll201_message_names_the_expected_shape() -> None:
    text = (
        "## Papers\n\n" + "".join(f"- [Paper {n}](https://a.org/{n})\n" for n in range(14)) + "- A paper without link\n"
    )
    assert found(text, "LL201") == ["17:3 LL201"]
    assert messages(text, "LL201") == ["list item has no link; the other 14 entries of 'Papers' start with a link"]


def test_ll201_leaves_sections_of_items_without_links_alone() -> None:
    # instructions, not entries: neither the one that looks like a reference nor a linked item is an outlier
    # (three of four items without a link: enough for a house style, so both used to be reported)
    looks_cited = (
        "# List\n\n## Contributing\n\n1. Open a pull request.\n"
        "2. Papers from 2016, 2017 and later are welcome, one per line.\n3. Sort entries by year.\n"
        "4. Check the links first.\n"
    )
    assert found(looks_cited, "LL201") == []
    linked = (
        "# List\n\n## Notes\n\n- Open a pull request with the paper.\n- Sort the entries by year please.\n"
        "- Check the links before sending.\n- [Deep Learning](https://example.com/dl) - a book.\n"
    )
    assert found(linked, "LL201") == []


def test_ll201_text_title_and_untitled_entries() -> None:
    text = (
        "## Tools\n\n- [a](https://a.org) - x\n- [b](https://b.org) - x\n- [c](https://c.org) - x\n"
        "- [d](https://d.org) - x\n- Tool e: [site](https://e.org)\n- [![logo](https://f.org/logo.png)](https://f.org)\n"
    )
    assert found(text, "LL201") == ["7:3 LL201", "8:4 LL201"]
    msgs = messages(text, "LL201")
    assert "starts with a plain-text title before its link; the other 5 entries" in msgs[0]
    assert "has no title" in msgs[1]


def test_ll201_heading_layout_entry_without_link() -> None:
    entries = "".join(f"#### Paper {n} [`READ`]\n\npaper link: [here](https://a.org/{n})\n\n" for n in range(4))
    text = "## Papers\n\n" + entries + "#### Lost paper [`UNREAD`]\n\nno link yet\n"
    assert found(text, "LL201") == ["19:6 LL201"]
    assert "is a heading without a link line; the other 4 entries of 'Papers' are headings with a link line" in \
        messages(text, "LL201")[0]


@pytest.mark.parametrize("text", [
    "## P\n\n- [a](https://a.org)\n- [b](https://b.org)\n- no link\n",  # too few entries to learn a style
    "## P\n\n- [a](https://a.org)\n- [b](https://b.org)\n- no link\n- neither\n",  # no clear majority
    "## P\n\n- [a](https://a.org)\n- [b](https://b.org)\n- [c](https://c.org)\n- [d](https://d.org)\n- []()\n",
    "## P\n\n- Group\n  - [a](https://a.org)\n  - [b](https://b.org)\n- [c](https://c.org)\n- [d](https://d.org)\n",
    "## Contents\n\n- [A](#a)\n- [B](#b)\n- [C](#c)\n- [D](#d)\n- plain\n",
])
def test_ll201_not_reported(text: str) -> None:
    assert found(text, "LL201") == []


def test_ll201_linkless_details_under_a_linked_entry_are_not_entries() -> None:
    # free-for-dev: a provider's quota bullets sit under its link, beside a few linked sub-entries
    text = (
        "# Free\n\n## Cloud\n\n- [Google Cloud](https://cloud.google.com)\n"
        "  - App Engine - 28 instance hours per day\n  - Cloud Storage - 5GB\n  - Feature 3 - some quota\n"
        + "".join(f"  - [{n}](https://{n}.org) - Notebooks.\n" for n in "pqrs")
        + "".join(f"- [{n}](https://{n}.org) - Free tier.\n" for n in "abcdefghijkl")
    )
    assert found(text, "LL201") == []
    # a linkless item among linked siblings whose parent is a plain label is still an outlier
    grouped = text.replace("- [Google Cloud](https://cloud.google.com)", "- Google Cloud")
    assert found(grouped, "LL201") == ["6:5 LL201", "7:5 LL201", "8:5 LL201"]


def test_ll201_a_link_first_entry_is_not_an_outlier_among_labelled_links() -> None:
    # awesome-flutter: "- Slack [Flutter Brasil](url)" siblings; the link-first entry has its link all the same
    text = (
        "# Community\n\n## Brazil\n\n- Slack [Flutter Brasil](https://flutterbr.slack.com)\n"
        "- Medium [Flutter BR](https://medium.com/flutter-br)\n- Twitter [Flutter BR](https://twitter.com/br_flutter)\n"
        "- Meetup [Sao Paulo](https://www.meetup.com/flutter-sp)\n"
        "- [Flutter para iniciantes](https://www.flutterparainiciantes.com.br)\n"
    )
    assert found(text, "LL201") == []
    # the other way round it is still reported: a plain-text title among link-first entries
    assert found(text.replace("- Slack [Flutter Brasil](https://flutterbr.slack.com)",
                              "- [Flutter Brasil](https://flutterbr.slack.com)")
                 .replace("- Medium [", "- [").replace("- Twitter [", "- ["), "LL201") == ["8:3 LL201"]


def test_ll201_has_no_fix() -> None:
    text = "## P\n\n" + "".join(f"- [p{n}](https://a.org/{n})\n" for n in range(4)) + "- x y\n"
    assert all(d.fix is None for d in lint_text(text, "LL201"))


# ---- LL202 ---------------------------------------------------------------------------------------------------------


def test_ll202_changes_a_whole_list_and_keeps_html() -> None:
    text = "# T\n\n- a\n- b\n\ntext\n\n* c\n* d\n  + e\n"
    # one finding per list, at its first item: a list's items share their marker
    assert found(text, "LL202") == ["8:1 LL202", "10:3 LL202"]
    assert messages(text, "LL202") == [
        "list marker '*' on all 2 items of this list differs from the file's most used marker '-' (2 items)",
        "list marker '+' differs from the file's most used marker '-' (2 items)",
    ]
    fixed = fix_text(text, "LL202")
    assert fixed == "# T\n\n- a\n- b\n\ntext\n\n- c\n- d\n  - e\n"
    assert render(fixed) == render(text)


def test_ll202_merging_lists_is_unsafe_and_rules_get_no_fix() -> None:
    merging = "- a\n- b\n\n* c\n"
    assert [d.fix.applicability for d in lint_text(merging, "LL202") if d.fix] == [Applicability.UNSAFE]
    assert fix_text(merging, "LL202") == merging
    rule = "- a\n- b\n\ntext\n\n* ---\n"  # "- ---" would be a horizontal rule
    assert found(rule, "LL202") == ["6:1 LL202"]
    assert all(d.fix is None for d in lint_text(rule, "LL202"))


def test_ll202_one_marker_for_top_level_lists_another_for_nested_ones_is_a_convention() -> None:
    # jnv/lists: every top-level list uses '*' and every nested list '-' (143 findings, one per nested list): a
    # marker per level is a style of its own, not a patched file. A top-level list with '-' still breaks it.
    text = ("# Lists\n\n## A\n\n* [a](https://github.com/x/a) – A.\n  - https://a.example.org\n"
            "* [b](https://github.com/x/b) – B.\n  - https://b.example.org\n    - deeper\n\n## B\n\n"
            "* [c](https://github.com/x/c) – C.\n  - https://c.example.org\n* [e](https://github.com/x/e) – E.\n\n"
            "## C\n\n- [d](https://github.com/x/d)\n")
    # nested items outnumber top-level ones here: the top level's own marker is wanted there
    assert found(text, "LL202") == ["19:1 LL202"]
    assert messages(text, "LL202") == ["list marker '-' differs from the most used marker of the file's top-level "
                                       "lists '*' (4 items; nested lists use '-')"]
    # with only one nested list, there is no convention to follow: it is reported
    assert found("- a\n- b\n\ntext\n\n- c\n  * d\n", "LL202") == ["7:3 LL202"]
    # nor when nested lists use two markers
    assert found("* a\n  - b\n* c\n  + d\n* e\n  - f\n", "LL202") == ["2:3 LL202", "4:3 LL202", "6:3 LL202"]


def test_ll202_configured_marker() -> None:
    text = "- a\n- b\n"
    assert found(text, "LL202") == []
    assert found(text, "LL202", config={"rules": {"list-marker": {"marker": "*"}}}) == ["1:1 LL202"]
    assert "configured marker '*'" in messages(text, "LL202", config={"rules": {"list-marker": {"marker": "*"}}})[0]


# ---- LL203 ---------------------------------------------------------------------------------------------------------


def test_ll203_siblings_move_with_their_lines() -> None:
    text = "# T\n\n- a\n - b\n   continued\n- c\n"
    assert found(text, "LL203") == ["4:2 LL203"]
    fixed = fix_text(text, "LL203")
    assert fixed == "# T\n\n- a\n- b\n  continued\n- c\n"
    assert render(fixed) == render(text)


def test_ll203_nesting_style_of_the_file() -> None:
    text = "1. x\n    - four\n2. y\n    - four\n3. z\n   - three\n"
    assert found(text, "LL203") == ["6:4 LL203"]
    assert "the file's other 2 nested lists sit 4 columns right of the parent item's marker" in \
        messages(text, "LL203")[0]
    fixed = fix_text(text, "LL203")
    assert fixed.endswith("3. z\n    - three\n")
    assert render(fixed) == render(text)


def test_ll203_no_fix_when_the_item_would_nest_or_swallow() -> None:
    lazy = "- a\n - b\nlazy\n- c\n"  # a lazy continuation line inside the item
    assert found(lazy, "LL203") == ["2:2 LL203"]
    assert fix_text(lazy, "LL203") == lazy


def test_ll203_zh_corpus_is_consistent(corpus: Path) -> None:
    text = (corpus / "seeds" / "deep-learning-theory-notes-zh.md").read_text(encoding="utf-8")
    assert found(text, "LL203") == []


# ---- LL204 ---------------------------------------------------------------------------------------------------------


def test_ll204_one_space_after_the_marker() -> None:
    text = "1.  a\n    continued\n\n    para\n-   b\n"
    assert found(text, "LL204") == ["1:3 LL204", "5:2 LL204"]
    fixed = fix_text(text, "LL204")
    assert fixed == "1. a\n    continued\n\n    para\n- b\n"
    assert render(fixed) == render(text)


@pytest.mark.parametrize("text", [
    "-  a\n\n  not in item\n",  # the paragraph would join the item
    "1.  x\n\n        code\n",  # the code block would gain a space
    "1.  a\n   lazy\n\n   para\n",  # the paragraph after the blank line would join the item
    "-  html\n\n   <div>\n   </div>\n",
])
def test_ll204_no_fix_where_html_would_change(text: str) -> None:
    assert found(text, "LL204")
    assert fix_text(text, "LL204") == text


def test_ll204_ignores_code_items_tabs_and_glued_markers() -> None:
    assert found("-     code\n-\tb\n-[c](https://c.org)\n", "LL204") == []


# ---- LL205 ---------------------------------------------------------------------------------------------------------


def test_ll205_continued_numbering_of_the_zh_corpus(corpus: Path) -> None:
    text = (corpus / "seeds" / "deep-learning-theory-notes-zh.md").read_text(encoding="utf-8")
    assert found(text, "LL205") == [
        "21:1 LL205", "77:1 LL205", "85:1 LL205", "90:1 LL205", "95:1 LL205", "104:1 LL205", "105:1 LL205",
    ]
    msgs = messages(text, "LL205")
    assert msgs[0] == ("list starts at 2; expected 3: the file numbers its lists continuously, and the list in "
                       "'Overview' ends at 2")
    assert msgs[2] == "item number jumps from 11 to 19; expected 12"
    fixed = fix_text(text, "LL205", unsafe=True)
    assert found(fixed, "LL205") == []
    assert fix_text(text, "LL205") == text  # renumbering is unsafe


def test_ll205_per_list_and_all_ones() -> None:
    per_list = "1. a\n2. b\n\n## X\n\n1. c\n3. d\n"
    assert found(per_list, "LL205") == ["7:1 LL205"]
    assert messages(per_list, "LL205") == ["item number jumps from 1 to 3; expected 2"]
    ones = "1. a\n1. b\n1. c\n\n## X\n\n1. d\n1. e\n1. f\n2. g\n"
    assert messages(ones, "LL205") == ["item number 2; the file numbers every item '1.', expected 1"]
    # a list numbered '1.' throughout and a list counting 1, 2 are each consistent: two styles, no break
    assert found("1. a\n1. b\n1. c\n\n## X\n\n1. d\n2. e\n", "LL205") == []
    assert found("1. a\n2. b\n3. c\n\n## X\n\n1. d\n1. e\n\n## Y\n\n1. f\n3. g\n", "LL205") == ["13:1 LL205"]
    assert found("1. a\n2. b\n3. c\n", "LL205") == []


def test_ll205_repeat_and_nested_lists() -> None:
    text = "1. a\n   1. x\n   2. y\n   2. z\n2. b\n2. c\n"
    assert found(text, "LL205") == ["4:4 LL205", "6:1 LL205"]
    fixed = fix_text(text, "LL205", unsafe=True)
    assert fixed == "1. a\n   1. x\n   2. y\n   3. z\n2. b\n3. c\n"


def test_ll205_a_list_cut_by_an_under_indented_line_is_not_renumbered() -> None:
    # HoldenHu/Time-Aware-Recommender-System-Paper-List: "2.  Title" puts its text at column 5, the authors' line
    # under it starts at column 4, which ends the list: "3." opens a new one. Renumbering it 1 would show 1, 2, 1
    text = ("## Surveys\n\n1. **Survey one.** [paper](https://e.org/s1)\n2. **Survey two.** [paper](https://e.org/s2)\n"
            "\n## Sessions\n\n1. **Paper one.** [paper](https://e.org/1)\n\n   *A. Author*\n\n"
            "2.  **Paper two.** [paper](https://e.org/2)\n\n   *B. Author*\n\n3. **Paper three.** [paper](https://e.org/3)\n")
    assert found(text, "LL205") == ["16:1 LL205"]
    assert messages(text, "LL205") == [
        "list starts at 3: line 14 is indented less than the text of item 2 (line 12, column 5), so it ended the "
        "list above; indent it to column 5"]
    fixed = fix_text(text, "LL205", unsafe=True)
    assert "\n2.  **Paper two.** [paper](https://e.org/2)\n\n    *B. Author*\n\n3. **Paper three.**" in fixed
    assert found(fixed, "LL205") == [] and "3. **Paper three.**" in fixed
    assert [len(lst.items) for lst in parse(fixed).lists] == [2, 3]
    # a list that restarts after a paragraph at column 1 is another list: renumbered as before
    other = text.replace("\n   *B. Author*\n", "\nSome text.\n")
    assert messages(other, "LL205") == ["list starts at 3; expected 1 (the file numbers each list from 1)"]


# ---- LL206 ---------------------------------------------------------------------------------------------------------


def test_ll206_bullets_of_the_course_page(corpus: Path) -> None:
    text = (corpus / "seeds" / "dl-theory-course-page.md").read_text(encoding="utf-8")
    hits = found(text, "LL206")
    assert hits[0] == "35:3 LL206" and len(hits) == 84
    fixed = fix_text(text, "LL206")
    assert "\n  - Goodfellow, I., Bengio, Y., & Courville, A. (2016). Deep learning. MIT press.\n" in fixed
    # 15 bullets are followed by an indented description the new item would take in: those only when unsafe
    assert fixed.count("•") == 15
    assert "•" not in fix_text(text, "LL206", unsafe=True)
    assert found(fix_text(text, "LL206", unsafe=True), "LL206") == []
    assert "<li>Goodfellow, I., Bengio, Y., &amp; Courville, A. (2016). Deep learning. MIT press.</li>" in \
        render(fixed)


def test_ll206_glued_markers_and_delimiters_are_unsafe() -> None:
    text = "1. a\n2. b\n3) c\n\n-[Title](https://x.org)\n\n*[emph](https://x.org)* text\n"
    assert found(text, "LL206") == ["3:1 LL206", "5:1 LL206"]
    assert fix_text(text, "LL206") == text
    assert fix_text(text, "LL206", unsafe=True) == (
        "1. a\n2. b\n3. c\n\n- [Title](https://x.org)\n\n*[emph](https://x.org)* text\n"
    )


def test_ll206_dashes_typed_as_bullets_before_a_link() -> None:
    # a Russian list: '— [Asyncio](url) — …' under an item is a lazy continuation line, its entry silently gone
    text = ("## Langs\n\n- [Python](https://python.org) - A language.\n"
            "  — [Asyncio](https://asyncio.org) — Async I/O.\n- [Go](https://go.dev) - Another.\n– [Sass](https://sass-lang.com) – CSS.\n\n"
            "Some prose.\n− [A](https://a.org)\n‒ [B](https://b.org)\n")
    assert found(text, "LL206") == ["4:3 LL206", "6:1 LL206", "9:1 LL206", "10:1 LL206"]
    assert messages(text, "LL206")[0] == \
        "'—' is not a list marker: Markdown runs this line on as text, so the link is no list item"
    assert fix_text(text, "LL206") == text  # a dash can be text: the fix is unsafe
    fixed = fix_text(text, "LL206", unsafe=True)
    assert fixed == ("## Langs\n\n- [Python](https://python.org) - A language.\n  - [Asyncio](https://asyncio.org) — "
                     "Async I/O.\n- [Go](https://go.dev) - Another.\n- [Sass](https://sass-lang.com) – CSS.\n\n"
                     "Some prose.\n- [A](https://a.org)\n- [B](https://b.org)\n")
    assert [e.title for e in parse(fixed).entries] == ["Python", "Asyncio", "Go", "Sass", "A", "B"]


def test_ll206_a_dash_before_words_or_one_quoted_source_is_prose() -> None:
    text = ("- [Python](https://python.org) - A language.\n  — Albert Einstein\n\n"
            "Imagination is more important than knowledge.\n— [Albert Einstein](https://en.wikipedia.org/wiki/AE)\n\n"
            "— a reply, — [not a link] here\n")
    assert found(text, "LL206") == []


def test_ll206_deep_indent_is_dropped_at_the_top_level() -> None:
    text = "Key papers\n    • first\n"
    assert fix_text(text, "LL206") == "Key papers\n- first\n"


# ---- LL207 ---------------------------------------------------------------------------------------------------------


def test_ll207_awesome_separator(corpus: Path) -> None:
    text = (corpus / "real" / "sindresorhus__awesome.md").read_text(encoding="utf-8")
    assert found(text, "LL207") == ["773:68 LL207"]
    assert "' – ' separates the title link from the description; the other 103 entries of 'Miscellaneous' use " \
           "' - '" == messages(text, "LL207")[0]


def test_ll207_sections_without_a_separator_style_are_skipped(corpus: Path) -> None:
    for name in ("deep-learning-theory-notes-zh.md", "deep-learning-explained.md"):
        text = (corpus / "seeds" / name).read_text(encoding="utf-8")
        assert found(text, "LL207") == [], name


def test_ll207_fix_and_exclusions() -> None:
    text = (
        "## P\n\n- [a](https://a.org) - one\n- [b](https://b.org) - two\n- [c](https://c.org) - three\n"
        "- [d](https://d.org)four\n- [e](https://e.org) (2021)\n- [f](https://f.org) [`READ`]\n"
    )
    assert found(text, "LL207") == ["6:21 LL207"]
    assert "nothing separates" in messages(text, "LL207")[0]
    assert fix_text(text, "LL207").split("\n")[5] == "- [d](https://d.org) - four"


def test_ll207_separators_are_compared_modulo_whitespace() -> None:
    # awesome-flutter 'Introduction': two of three entries typed "  - "; the one correct " - " is not the outlier,
    # and the safe fix never spreads the doubled space
    text = "## Intro\n\n- [A](https://a.org)  - First.\n- [B](https://b.org) - Second.\n- [C](https://c.org)  - Third.\n"
    assert found(text, "LL207") == ["3:21 LL207", "5:21 LL207"]
    assert messages(text, "LL207")[0] == \
        "'  - ' separates the title link from the description: ' - ' with extra whitespace"
    assert fix_text(text, "LL207") == text.replace(")  - ", ") - ")
    # every entry mistyped the same way: still each one a typo of ' - '
    typo = text.replace(") - ", ")  - ")
    assert found(typo, "LL207") == ["3:21 LL207", "4:21 LL207", "5:21 LL207"]
    assert fix_text(typo, "LL207") == text.replace(")  - ", ") - ")


def test_ll207_an_emphasised_parenthetical_note_is_not_a_description() -> None:
    # free-programming-books: "*( :card_file_box: archived)*" is a note, like a plain "(archived)"
    text = (
        "## P\n\n- [a](https://a.org) - one\n- [b](https://b.org) - two\n- [c](https://c.org) - three\n"
        "- [Canvassing](https://web.archive.org/c/) *( :card_file_box: archived)*\n"
        "- [d](https://d.org) _(2021)_\n- [e](https://e.org) **[`READ`]**\n- [f](https://f.org) *Emphasised text*\n"
    )
    assert found(text, "LL207") == ["9:21 LL207"]


def test_ll207_emoji_after_the_title_link_decorate_it_and_the_separator_follows_them() -> None:
    # awesome-cpp: '[Boost](url) :zap: - …' had ' :' taken for the separator, and the safe fix wrote ' - zap: - …',
    # so the ⚡ no longer rendered; a Unicode emoji there hid the entry's separator altogether
    entries = "- [ASL](https://a.org) - Adobe libraries.\n- [AUI](https://b.org) - UI toolkit.\n"
    for decoration in (":zap:", "⭐", ":+1: :heavy_check_mark:", "👨\u200d🏫", "❤️"):
        text = f"## A\n\n- [Boost](https://github.com/boostorg) {decoration} - A large collection.\n" + entries
        assert found(text, "LL207") == [], decoration
    text = ("## A\n\n- [Boost](https://github.com/boostorg) :zap: : A large collection.\n"
            "- [X](https://x.org) ⭐– Starred.\n" + entries + "- [C](https://c.org) - C.\n")
    assert found(text, "LL207") == ["3:45 LL207", "4:23 LL207"]
    assert messages(text, "LL207")[0].startswith("' : ' separates the title link")
    assert fix_text(text, "LL207").split("\n")[2:4] == [
        "- [Boost](https://github.com/boostorg) :zap: - A large collection.", "- [X](https://x.org) ⭐ - Starred."]


def test_ll207_a_star_count_glued_to_its_emoji_decorates_the_title_too() -> None:
    # justjavac/awesome-wechat-weapp: '[citySelect ★100+](url) ★42 - 微信小程序城市选择器' had '★' read as the
    # decoration and '42' as the start of the description, and the safe fix wrote '★ - 42 - 微信…'
    entries = "- [ASL](https://a.org) - Adobe libraries.\n- [AUI](https://b.org) - UI toolkit.\n"
    for decoration in ("★42", "⭐1.2k", "🌟 3", "★100+"):
        text = f"## A\n\n- [citySelect](https://github.com/c/s) {decoration} - A city picker.\n" + entries
        assert found(text, "LL207") == [], decoration
        assert fix_text(text, "LL207") == text, decoration
        assert [e.description for e in parse(text).entries][0] == "A city picker", decoration


def test_ll207_a_bare_space_is_replaced_only_by_the_unsafe_fix() -> None:
    # "by ..." continues the title's sentence: putting ' - ' in changes what the line says
    text = (
        "## Books\n\n- [a](https://a.org) - one\n- [b](https://b.org) - two\n- [c](https://c.org) - three\n"
        "- [Deep Learning](https://d.org) by Goodfellow et al.\n"
    )
    assert found(text, "LL207") == ["6:33 LL207"]
    assert "' ' separates" in messages(text, "LL207")[0]
    assert fix_text(text, "LL207") == text
    assert fix_text(text, "LL207", unsafe=True).split("\n")[5] == "- [Deep Learning](https://d.org) - by Goodfellow et al."



def test_ll207_punctuation_glued_to_the_description_word_is_part_of_it() -> None:
    """brabadu/awesome-fonts: "[Picon](url) ~666 Pico-sized icons": the tilde says "about 666", it is no separator;
    the safe fix made it "- 666", losing it. Likewise ".NET" opening the description: only the space separates, and
    only the unsafe fix puts the section's separator before the word."""
    head = "## Icons\n\n- [a](https://a.org) - one\n- [b](https://b.org) - two\n- [c](https://c.org) - three\n"
    for word in ("~666 Pico-sized icons.", ".NET bindings for icons."):
        text = head + f"- [Picon](https://yne.fr/picon) {word}\n"
        assert found(text, "LL207") == ["6:32 LL207"], word
        assert "' ' separates" in messages(text, "LL207")[0], word
        assert fix_text(text, "LL207") == text, word
        assert fix_text(text, "LL207", unsafe=True).split("\n")[5] == f"- [Picon](https://yne.fr/picon) - {word}"
    # a dash glued to the words, or a separator glued to the link, is still a separator mistyped
    text = head + "- [d](https://d.org) -four\n- [e](https://e.org)- five\n"
    assert fix_text(text, "LL207") == head + "- [d](https://d.org) - four\n- [e](https://e.org) - five\n"


# ---- LL208 ---------------------------------------------------------------------------------------------------------


def test_ll208_is_off_by_default() -> None:
    text = "- [b](https://b.org)\n- [a](https://a.org)\n"
    ruleset = RuleSet.build(REGISTRY, DEFAULT)
    assert "LL208" not in ruleset.codes
    assert found(text, "LL208") == ["2:4 LL208"]


def test_ll208_title_order_fix_keeps_numbers_and_bodies() -> None:
    text = "## P\n\n1. [Zeta](https://z.org) - last\n   - nested\n2. [alpha](https://a.org)\n3. [Beta](https://b.org)\n"
    assert found(text, "LL208") == ["5:5 LL208"]
    fixed = fix_text(text, "LL208", unsafe=True)
    assert fixed == (
        "## P\n\n1. [alpha](https://a.org)\n2. [Beta](https://b.org)\n3. [Zeta](https://z.org) - last\n   - nested\n"
    )


def test_ll208_years() -> None:
    config = {"rules": {"entry-order": {"by": "year", "order": "descending"}}}
    text = (
        "## P\n\n- [Adam](https://arxiv.org/abs/1412.6980)\n- [SAM](https://arxiv.org/abs/2010.01412)\n"
        "- [Old](https://example.org/2099/x) (1998)\n- [No year](https://example.org)\n"
    )
    assert found(text, "LL208", config=config) == ["4:4 LL208"]
    assert messages(text, "LL208", config=config)[0].startswith("2020 is out of order: sorted by year (descending)")


def test_ll208_heading_entries() -> None:
    text = (
        "## Papers\n\n#### B paper [`READ`]\n\npaper link: [here](https://b.org)\n\n"
        "#### A paper [`UNREAD`]\n\npaper link: [here](https://a.org)\n"
    )
    assert found(text, "LL208") == ["7:6 LL208"]
    fixed = fix_text(text, "LL208", unsafe=True)
    assert fixed.index("A paper") < fixed.index("B paper")
    assert found(fixed, "LL208") == []


def test_property_bug_b1_fake_bullet_fix_never_takes_in_the_next_block() -> None:
    from listlint.api import fix_text, lint_text

    # the indented block after a "•" line would become part of the new "-" item: only with --unsafe-fixes
    for text in ("• 3\n\n  .\n", "  • React photo\n\n    A declarative library.\n", "• r\n  ```\n```\n"):
        (found,) = lint_text(text, select=("LL206",))
        assert found.fix is not None and found.fix.applicability.value == "unsafe", text
        assert fix_text(text, select=("LL206",)) == text
        assert fix_text(text, select=("LL206",), unsafe=True).lstrip(" ").startswith("- ")
    assert fix_text("• a\n• b\n\nText\n", select=("LL206",)) == "- a\n- b\n\nText\n"


def test_ll207_a_title_link_running_over_two_lines_does_not_crash() -> None:
    from listlint.api import fix_text, lint_text

    # found by the property tests (dev profile): the link's text runs onto the next line; LL207 asserted
    text = "- [\\](#) - Deep \n  0. []]() - Deep \n"
    assert lint_text(text, select=("LL207",)) == []
    text = "- [Deep\n  learning](https://x.org) - a book\n- [B](https://y.org) - b\n- [C](https://z.org) - c\n"
    assert lint_text(text, select=("LL207",)) == []
    assert fix_text(text) == fix_text(fix_text(text))


def test_ll206_is_linear_in_bullets_and_blank_lines_after_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # one paragraph of "•" lines, then as many blank lines: the blank lines after the paragraph are looked at once,
    # not once per bullet (that was quadratic: 8000 bullets took 40 s)
    ruleset = RuleSet.build(REGISTRY, DEFAULT, select=("LL206",))

    def count(n: int) -> int:
        document = parse("• a\n" * n + "\n" * n + "b\n")
        calls = [0]
        line = SourceText.line

        def counted(self: SourceText, index: int) -> str:
            calls[0] += 1
            return line(self, index)

        monkeypatch.setattr(SourceText, "line", counted)
        found = lint(document, ruleset)
        monkeypatch.setattr(SourceText, "line", line)
        assert len(found) == n and all(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in found)
        return calls[0]

    reads = [count(300), count(1200)]
    assert reads[1] < 5 * reads[0], reads


def test_ll207_the_separator_follows_the_emphasis_around_the_title_link() -> None:
    # event-based vision resources: "**[Podcast](url)**, since 09.2023." had the safe fix write ", " inside the
    # bold ("…(url), **, since"), which then rendered literal asterisks
    text = ("## A\n\n- [A](https://a.org), one\n- [B](https://b.org), two\n- [C](https://c.org), three\n"
            "- **[Podcast](https://p.org)**, since 09.2023.\n- **[D](https://d.org)**four\n- *[E](https://e.org)* - five\n")
    assert found(text, "LL207") == ["7:25 LL207", "8:23 LL207"]  # after the closing emphasis
    fixed = fix_text(text, "LL207")
    assert fixed.splitlines()[6:] == ["- **[D](https://d.org)**, four", "- *[E](https://e.org)*, five"]
    rendered = MarkdownIt("commonmark").render(fixed)
    assert "<strong><a href=\"https://p.org\">Podcast</a></strong>, since" in rendered and "**" not in rendered


def test_a_cross_reference_into_the_page_among_entries_is_no_entry_without_a_link() -> None:
    # adbar/German-NLP: "see below" items were reported as having no link
    text = ("# Lists\n\n## Corpora\n\n* [Songkorpus](http://songkorpus.de/)\n"
            "* [Parallel corpora (see below)](#parallel-corpora)\n* [ZAS list](http://www.zas.gwz-berlin.de/k.html)\n"
            "* [Laudatio](https://www.laudatio-repository.org/)\n* Ask on the mailing list\n\n## Parallel corpora\n\n"
            "* [OPUS collection](http://opus.nlpl.eu/)\n")
    found = [(d.code, parse(text).source.position(d.span.start)[0]) for d in lint_text(text, "LL201")]
    assert found == [("LL201", 9)]  # the item without any link still is


def test_ll207_words_after_the_link_that_run_on_to_the_separator_are_not_an_outlier() -> None:
    # goabstract/Awesome-Design-Tools: "[Logo Maker](url) by Designhill — generate …": the separator is there, after
    # the maker's name; the unsafe fix wrote "[Logo Maker](url) — by Designhill — generate …"
    text = ("## Logo design\n\n- [Logojoy](https://logojoy.com/) — uses AI to generate logo ideas.\n"
            "- [Logo Lab](https://logolab.app/home) — put your logo to the test.\n"
            "- [Logo Maker](https://www.ucraft.com/free-logo-maker) — make a free logo.\n"
            "- [Logo Maker](https://www.designhill.com/tools/logo-maker) by Designhill — generate 1000s of logos.\n"
            "- [Looka](https://looka.com) by Looka Inc, a logo maker\n")
    assert found(text, "LL207") == ["7:29 LL207"]  # the last has no separator on its line: still reported


def test_ll201_an_item_with_a_link_but_no_entry_is_not_said_to_have_no_link() -> None:
    # "- Code: [GitHub](url)" among link entries is no entry (a labelled link line), but it has a link: the finding
    # says what is missing, the title, not the link
    text = "# L\n\n## Tools\n\n" + "".join(f"- [{c}](https://{c}.dev) - {c}.\n" for c in "ABCDEF") + \
        "- Code: [GitHub](https://github.com/x/y)\n- just a note without link\n"
    found = [(d.span.start, d.message) for d in lint_text(text) if d.code == "LL201"]
    assert [(text[:start].count("\n") + 1, message.split(";")[0]) for start, message in found] == [
        (11, "list item is not read as an entry: it has a link but no title"),
        (12, "list item has no link"),
    ]
    # C-BJ/awesome-zig: "- ![Star](https://img.shields.io/github/stars/o/r)" whose name and link were never
    # written: a badge image is no link, the item has none
    text = text.replace("- just a note without link\n", "- ![Star](https://img.shields.io/github/stars/o/r)\n")
    found = [(d.span.start, d.message) for d in lint_text(text) if d.code == "LL201"]
    assert [(text[:start].count("\n") + 1, message.split(";")[0]) for start, message in found] == [
        (11, "list item is not read as an entry: it has a link but no title"),
        (12, "list item has no link"),
    ]
