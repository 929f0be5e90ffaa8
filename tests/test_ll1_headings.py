"""LL101-LL107: heading structure. Exact positions, fixture edge cases (CRLF, fences, comments, tables, Chinese,
nested lists, empty file), and fixes that keep the rendered HTML (or, for LL106, change only the marked ToC)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from listlint.api import fix_text, lint_text
from listlint.config import from_table
from listlint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "ll1"
CODES = ("LL101", "LL102", "LL103", "LL104", "LL105", "LL106", "LL107")


def render(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def found(text: str, *codes: str, config: dict | None = None) -> list[str]:
    cfg = from_table(config, "<test>") if config else None
    source = SourceText(text)
    out = []
    for d in lint_text(text, cfg, select=codes or CODES):
        line, col = source.position(d.span.start)
        out.append(f"{line}:{col} {d.code}")
    return out


def messages(text: str, code: str) -> list[str]:
    return [d.message for d in lint_text(text, select=(code,))]


def expected(name: str) -> list[str]:
    return (FIXTURES / f"{name}.expected").read_text(encoding="utf-8").split("\n")[:-1]


@pytest.mark.parametrize("name", ["headings", "toc"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fixture(name: str, newline: str) -> None:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8").replace("\n", newline)
    assert found(text) == expected(name)


def test_empty_and_blank_files() -> None:
    assert found("") == []
    assert found("\n\n") == []


# ---- LL101 ---------------------------------------------------------------------------------------------------------


def test_ll101_entry_headings_are_leaves_but_section_skips_are_reported() -> None:
    text = (
        "# List\n\n## Papers\n\n#### Adam [`READ`]\n\npaper link: [here](https://arxiv.org/abs/1412.6980)\n\n"
        "#### ResNet [`UNREAD`]\n\npaper link: [here](https://arxiv.org/abs/1512.03385)\n\n"
        "## Notes\n\n#### Real subsection\n\nSome text.\n"
    )
    assert found(text, "LL101") == ["15:1 LL101"]
    fixed = fix_text(text, unsafe=True, select=("LL101",))
    assert "### Real subsection" in fixed
    assert fix_text(text, select=("LL101",)) == text  # unsafe only


def test_ll101_fix_raises_the_whole_run_so_siblings_stay_siblings() -> None:
    text = "# T\n\n## A\n\n#### B\n\ntext\n\n##### B1\n\n#### C\n\n### D\n\n## E\n"
    assert found(text, "LL101") == ["5:1 LL101"]
    fixed = fix_text(text, unsafe=True, select=("LL101",))
    assert fixed == "# T\n\n## A\n\n### B\n\ntext\n\n#### B1\n\n### C\n\n### D\n\n## E\n"
    assert found(fixed, "LL101") == []
    # a shallower heading after the run, still too deep, is raised too rather than becoming the run's child
    text = "# Title\n\n#### A\n\n### B\n\n## C\n"
    assert fix_text(text, unsafe=True, select=("LL101",)) == "# Title\n\n## A\n\n## B\n\n## C\n"


def test_ll101_fix_stops_at_the_first_rightly_placed_heading_and_keeps_the_outline_below() -> None:
    # backdoor-learning-resources: "#### Why?" under "#" made the fix rewrite every "###" and "####" after it to "##"
    text = ("# T\n\n#### Why?\n\n##### Details\n\n## Attacks\n\n### Poisoning\n\n#### 2023\n\n"
            "- [A](https://arxiv.org/abs/2301.00001)\n")
    assert found(text, "LL101") == ["3:1 LL101"]
    fixed = fix_text(text, unsafe=True, select=("LL101",))
    assert fixed == text.replace("#### Why?", "## Why?").replace("##### Details", "### Details")
    # a heading between the reported one and its parent's child level is raised with the headings under it alike
    text = "# T\n\n#### A\n\n### B\n\n#### B1\n\n## C\n\n### C1\n"
    assert fix_text(text, unsafe=True, select=("LL101",)) == "# T\n\n## A\n\n## B\n\n### B1\n\n## C\n\n### C1\n"


def test_ll101_entry_heading_at_a_wrong_level_is_not_a_skip() -> None:
    text = (
        "# List\n\n## Papers\n\n#### Adam [`READ`]\n\npaper link: [here](https://arxiv.org/abs/1412.6980)\n\n"
        "##### ResNet [`UNREAD`]\n\npaper link: [here](https://arxiv.org/abs/1512.03385)\n"
    )
    # "#### Adam" holds "##### ResNet", so the parser takes it for a section; its status tag says it is an entry
    assert found(text, "LL101") == []
    assert found(text, "LL107") == ["9:1 LL107"]


# ---- LL102 ---------------------------------------------------------------------------------------------------------


def test_ll102_no_title_is_not_reported() -> None:
    assert found("## A\n\ntext\n\n## B\n\ntext\n", "LL102") == []


def test_ll102_title_after_a_section_and_a_second_title() -> None:
    text = "## Intro\n\nx\n\n# Title\n\ny\n\nOther\n=====\n"
    assert found(text, "LL102") == ["5:1 LL102", "9:1 LL102"]
    msgs = messages(text, "LL102")
    assert "'Intro' on line 1 comes before it" in msgs[0]
    assert msgs[1] == ("another level-1 heading 'Other' (the first is 'Title' on line 5): a file has one title, and "
                       "its parts are level-2 headings")


def test_ll102_an_html_title_comes_first() -> None:
    text = ("<div align=\"center\">\n  <h1 id=\"top\">Awesome <em>Datasets</em> &amp; more</h1>\n</div>\n\n"
            "## Help\n\nx\n\n# Table of Content\n\n# Audio\n")
    assert found(text, "LL102") == ["9:1 LL102", "11:1 LL102"]
    assert messages(text, "LL102")[0] == (
        "another level-1 heading 'Table of Content' (an HTML <h1>, 'Awesome Datasets & more', comes first on line 2): "
        "a file has one title, and its parts are level-2 headings")
    # an <h1> below the first Markdown heading, or in a list item, is not the page's first title
    assert found("# Title\n\n<h1>Later</h1>\n\n## A\n", "LL102") == []
    assert found("- <h1>Item</h1>\n\n# Title\n", "LL102") == []


# ---- LL103 ---------------------------------------------------------------------------------------------------------

SAFE_HEADINGS = [
    ("Title\n=====\n\ntext\n", "# Title\n\ntext\n"),
    ("Sub\n---\n", "## Sub\n"),
    ("   ## Indented\n", "## Indented\n"),
    ("##\tTab\n", "## Tab\n"),
    ("###   Spaces ###   \n", "### Spaces   \n"),
    ("## C# ##\n", "## C#\n"),
    ("## *Emph* and `code` ##\n", "## *Emph* and `code`\n"),
    ("## 中文标题 ##\r\n\r\n正文\r\n", "## 中文标题\r\n\r\n正文\r\n"),
    ("# \\#1 ##\n", "# \\#1\n"),
]


@pytest.mark.parametrize(("before", "after"), SAFE_HEADINGS)
def test_ll103_safe_fix_keeps_html(before: str, after: str) -> None:
    assert found(before, "LL103")
    fixed = fix_text(before, select=("LL103",))
    assert fixed == after
    assert render(fixed) == render(before)
    assert found(fixed, "LL103") == []


@pytest.mark.parametrize("text", [
    "## foo ## ##\n",  # the text itself ends in a closing sequence
    "Two\nlines\n===\n",  # a setext heading over two lines
])
def test_ll103_no_fix_when_the_heading_would_change(text: str) -> None:
    assert found(text, "LL103")
    assert fix_text(text, select=("LL103",)) == text


@pytest.mark.parametrize("text", [
    "## Fine\n",
    "#\n",
    "- item\n\n  ## Heading inside a list item\n",
    "> ## Quoted heading\n",
    "```\n#not a heading\n```\n",
    "#1 is an issue number\n",
    "#ml #ai hashtags\n",
    "text\n#continued paragraph line\n",
])
def test_ll103_not_reported(text: str) -> None:
    assert found(text, "LL103") == []


def test_ll103_missing_space_is_unsafe() -> None:
    text = "# List\n\n#Papers\n"
    assert found(text, "LL103") == ["3:1 LL103"]
    assert fix_text(text, select=("LL103",)) == text
    assert fix_text(text, unsafe=True, select=("LL103",)) == "# List\n\n# Papers\n"


# ---- LL104 / LL105 ---------------------------------------------------------------------------------------------------


def test_ll104_same_title_under_different_parents_is_fine() -> None:
    text = "# L\n\n## A\n\n### Surveys\n\nx\n\n## B\n\n### Surveys\n\ny\n"
    assert found(text, "LL104") == []


def test_ll104_an_html_heading_starts_a_new_parent() -> None:
    # '<h2>Technique</h2>' is a heading to the reader, though not to Markdown: the years below it are its own
    text = "# L\n\n## Analysis\n\n### 2025\n\nx\n\n<h2 id=\"technique\">Technique</h2>\n\n### 2025\n\ny\n\n### 2025\n\nz\n"
    assert found(text, "LL104") == ["15:5 LL104"]
    assert "line 11" in messages(text, "LL104")[0]


def test_ll104_compares_case_and_markup_insensitively() -> None:
    text = "# L\n\n## **Papers**\n\nx\n\n## papers\n\ny\n"
    assert found(text, "LL104") == ["7:4 LL104"]
    assert "line 3" in messages(text, "LL104")[0]


def test_ll102_ll105_a_wordless_heading_is_a_banner_not_a_title() -> None:
    # awesome-creative-coding: the title, then its cover image as a level-1 heading; the image renders no words,
    # so it is neither a second title nor a part, and the title's section is not empty
    text = ("# Awesome Creative Coding [![Awesome](https://awesome.re/badge.svg)](https://github.com/s/awesome)\n\n"
            "# [<img src=\"https://example.org/cover.png\">](https://github.com/t/acc)\n\n> A curated list.\n\n"
            "## Books\n\n- [Generative Design](https://example.org/gd)\n\n# ![logo](logo.png)\n\n# More\n\nx\n")
    assert found(text, "LL102", "LL105") == ["13:1 LL102"]
    # a banner above the title does not make the title a later heading
    assert found("# ![logo](logo.png)\n\n# Awesome X\n\ntext\n", "LL102", "LL105") == []


def test_ll105_counts_entries_text_and_subsections() -> None:
    text = (
        "# L\n\n## Only sub\n\n### Child\n\ntext\n\n## Rule only\n\n---\n\n## Entries\n\n"
        "#### Adam [`READ`]\n\npaper link: [here](https://arxiv.org/abs/1412.6980)\n\n## Table\n\n| a |\n|---|\n"
    )
    assert found(text, "LL105") == ["9:4 LL105"]
    assert lint_text(text, select=("LL105",))[0].severity.value == "warning"


def test_ll105_a_heading_that_is_one_link_into_the_page_is_a_contents_line() -> None:
    # Huangxy-Minel/Paper-List-of-Host-Networking: a "Catalog" written as headings that link to the parts below
    # ("#### [3 Open-Source Projects](#3)"): such a heading is a line of the contents, empty on purpose; the part it
    # links to ('<h2 id="3">') is the section, and an empty one of those is still reported
    text = ("# L\n\n## Catalog\n\n#### [1 Readings](#1)\n- [1.1 Basic](#1.1)\n\n#### [2 Projects](#2)\n\n"
            "#### [3 People](#3)\n\n<h2 id=\"1\">1 Readings</h2>\n\n- [Paper](https://a.example/1)\n\n"
            "<h2 id=\"2\">2 Projects</h2>\n\n- [Tool](https://a.example/2)\n\n<h2 id=\"3\">3 People</h2>\n\n"
            "## Empty\n\n## [Site](https://a.example/site)\n")
    assert found(text, "LL105") == ["20:12 LL105", "22:4 LL105", "24:4 LL105"]


# ---- LL106 ---------------------------------------------------------------------------------------------------------


def test_ll106_no_toc_no_report() -> None:
    assert found("# L\n\n## A\n\n- [x](#a)\n\n## B\n\ntext\n", "LL106") == []


def test_ll106_fixture_fix_regenerates_only_between_markers() -> None:
    text = (FIXTURES / "toc.md").read_text(encoding="utf-8")
    fixed = fix_text(text, select=("LL106",))
    before, after = text.split("<!-- tocstop -->"), fixed.split("<!-- tocstop -->")
    assert before[1] == after[1]  # nothing after the markers changes
    assert after[0].split("<!-- toc -->")[1] == (
        "\n\n- [Optimisation](#optimisation)\n  - [Adaptive methods](#adaptive-methods)\n"
        "  - [Second-order methods](#second-order-methods)\n- [Generalisation](#generalisation)\n"
        "- [泛化](#泛化)\n- [Generalisation](#generalisation-1)\n\n"
    )
    assert found(fixed, "LL106") == []
    assert fix_text(fixed, select=("LL106",)) == fixed


def test_ll106_toc_section_without_markers_has_no_fix() -> None:
    text = "# L\n\n## Contents\n\n- [B](#b)\n- [A](#a)\n\n## A\n\nx\n\n## B\n\ny\n\n## C\n\nz\n"
    assert found(text, "LL106") == ["5:7 LL106", "16:4 LL106"]
    assert all(d.fix is None for d in lint_text(text, select=("LL106",)))


def test_ll106_covers_only_the_parents_it_lists() -> None:
    # the ToC lists the subsections of "Projects"; those of "Resources" are not expected
    text = (
        "# L\n\n## Categories\n\n- [Web](#web)\n- [Data](#data)\n- [CLI](#cli)\n\n## Projects\n\n"
        "### Web\n\nx\n\n### Data\n\nx\n\n### CLI\n\nx\n\n### GUI\n\nx\n\n## Resources\n\n### Podcasts\n\nx\n"
    )
    assert found(text, "LL106") == ["23:5 LL106"]


def test_ll106_slugs_follow_github() -> None:
    text = (
        "# L\n\n## Contents\n\n- [a](#data-ingestion--etl)\n- [b](#c-and-c)\n- [c](#whats-new-2024)\n"
        "- [d](#深度学习)\n- [e](#awesome-python)\n\n"
        "## Data Ingestion / ETL\n\nx\n\n## C++ and C#\n\nx\n\n## What's new? (2024)\n\nx\n\n## 深度学习\n\nx\n\n"
        "## [Awesome Python](https://awesome-python.com/)\n\nx\n"
    )
    assert found(text, "LL106") == []


def test_ll106_reads_dot_slash_fragments_as_links_to_this_page() -> None:
    # `./#week-1` is how some lists write their contents (a README's `./` is the page itself on GitHub)
    text = "# L\n\n## Contents\n\n- [Tools](#tools)\n- [Week 1](./#week-1)\n\n## Tools\n\nx\n\n## Week 1\n\ny\n\n## Week 2\n\nz\n"
    assert [d.message for d in lint_text(text, select=("LL106",))] == [
        "section 'Week 2' is missing from the table of contents on line 5"
    ]
    assert found(text.replace("\n\n## Week 2\n\nz", ""), "LL106") == []


def test_ll106_follows_html_anchors_set_on_or_just_above_a_heading() -> None:
    text = (
        "# L\n\n## Contents\n\n- [3DGS(Gaussian Splatting)](#3DGS)\n- [NeRF](#nerf-x)\n- [Other](#other-stuff)\n\n"
        '<a name="3DGS"></a>\n## 3DGS(Gaussian Splatting)\n\nx\n\n## <a id="nerf-x"></a>NeRF\n\ny\n\n'
        '<a id="other-stuff"></a>\n\nSome text between.\n\n## Other\n\nz\n'
    )
    # the first two name their heading; the third names a paragraph, not the heading below it, but the link works
    # (LL405) and leads to the section it was meant for, which is then not missing
    assert found(text, "LL106", "LL405") == []
    assert found(text.replace("## Other", "## Others"), "LL106") == []
    assert found(text.replace("## Other", "## Zebra"), "LL106") == ["22:4 LL106"]


def test_a_broken_toc_link_is_reported_once_by_ll405_not_by_ll106() -> None:
    # LL405 owns "this anchor points nowhere" for every link, the table's included; LL106 what is about the table
    text = "# L\n\n## Contents\n\n- [A](#a)\n- [Old](#old)\n- [B](#b)\n\n## A\n\nx\n\n## B\n\ny\n\n## C\n\nz\n"
    assert found(text, "LL106", "LL405") == ["6:9 LL405", "17:4 LL106"]
    marked = text.replace("## Contents\n\n", "<!-- toc -->\n").replace("- [B](#b)\n", "- [B](#b)\n<!-- tocstop -->\n")
    assert found(marked, "LL106", "LL405") == ["5:9 LL405", "17:4 LL106"]
    # between markers, the regeneration that LL106's findings carry drops the stale entry too
    assert "- [Old]" not in fix_text(marked, select=("LL106",))


def test_ll106_one_link_to_a_deeper_heading_does_not_make_the_table_cover_its_level() -> None:
    # '### Web' is a featured link among '##' sections: the other '###' headings are not expected, and a featured
    # link has no place in the table's order; a '##' section left out is still reported
    text = (
        "# L\n\n## Contents\n\n- [A](#a)\n- [B](#b)\n- [Web](#web)\n- [C](#c)\n\n## A\n\n### A1\n\nx\n\n"
        "### A2\n\ny\n\n## B\n\n### Web\n\nz\n\n### Mobile\n\nz\n\n## C\n\nw\n\n## D\n\nv\n"
    )
    assert [d.message for d in lint_text(text, select=("LL106",))] == [
        "section 'D' is missing from the table of contents on line 5"]
    # a table that links half of the '###' headings or more covers them: the others are missing
    nested = text.replace("- [A](#a)\n", "- [A](#a)\n  - [A1](#a1)\n")
    assert found(nested, "LL106") == ["17:5 LL106", "27:5 LL106", "35:4 LL106"]


def test_ll106_featured_links_survive_the_regeneration() -> None:
    text = (
        "# L\n\n<!-- toc -->\n- [A](#a)\n- [Web](#web)\n<!-- tocstop -->\n\n## A\n\n### Web\n\nx\n\n"
        "### Mobile\n\ny\n\n### Desktop\n\ny\n\n## B\n\nz\n"
    )
    assert found(text, "LL106") == ["22:4 LL106"]
    assert "- [A](#a)\n  - [Web](#web)\n- [B](#b)\n" in fix_text(text, select=("LL106",))


def test_ll106_a_table_split_over_consecutive_sections_is_one_table() -> None:
    # the contents by year: every part is read, and the parts' own headings are not expected in the table
    weeks = "".join(f"## Week {n} - {2025 - n // 4}\n\nx\n\n" for n in range(12))
    years = "".join(
        f"## {year}\n\n" + "".join(f"- [Week {n}](./#week-{n}---{year})\n" for n in range(12) if 2025 - n // 4 == year)
        + "\n" for year in (2025, 2024, 2023))
    text = "# L\n\n" + years + weeks
    assert found(text, "LL106") == []
    dropped = text.replace("- [Week 5](./#week-5---2024)\n", "")
    assert [d.message for d in lint_text(dropped, select=("LL106",))] == [
        "section 'Week 5 - 2024' is missing from the table of contents on line 5"]
    # a section in between that is not a list of anchors ends the table: it, '## 2023' and the weeks that only
    # '## 2023' lists are missing from it
    prose = text.replace("## 2023\n\n", "## Notes\n\nSome words.\n\n## 2023\n\n")
    assert len(found(prose, "LL106")) == 6


def test_ll106_a_short_list_of_anchors_before_the_table_of_contents_is_not_the_table() -> None:
    # donnemartin/system-design-primer (README-ja): a section's list of five links to later sections, then the
    # whole table in a section of its own: the larger table is the file's, and it lists every section
    names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta"]
    body = "".join(f"## {name}\n\nx\n\n" for name in names)
    teaser = "".join(f"* [{name}](#{name.lower()})\n" for name in names[4:])
    table = "".join(f"* [{name}](#{name.lower()})\n" for name in names)
    text = (f"# L\n\n## Motivation\n\nOther topics:\n\n{teaser}\n## Flash cards\n\nSome words.\n\n"
            f"## Index of topics\n\n{table}\n{body}")
    assert found(text, "LL106") == []
    dropped = text.replace("* [Beta](#beta)\n", "")
    assert [d.message for d in lint_text(dropped, select=("LL106",))] == [
        "section 'Beta' is missing from the table of contents on line 17"]
    # a section called the table of contents is the table, however short
    named = text.replace("## Motivation", "## Contents")
    assert len(found(named, "LL106")) == 6


def test_ll106_a_longer_index_of_entry_headings_is_not_the_table_of_contents() -> None:
    # maziyank/awesome-indonesia: "## Daftar Isi" lists the sections; "## Indeks Proyek" after it lists the projects,
    # each an entry heading: the index is longer, but the table of the file's sections is the first
    projects = [f"owner{n}/repo{n}" for n in range(6)]
    index = "".join(f"- [{p}](#{p.replace('/', '')})\n" for p in projects)
    entries = "".join(f"### [{p}](https://github.com/{p})\n\nA project.\n\n" for p in projects)
    toc = "- [About](#about)\n- [Project index](#project-index)\n- [Projects](#projects)\n- [License](#license)\n"
    text = (f"# L\n\n## Daftar Isi\n\n{toc}\n## About\n\nWords.\n\n## Project index\n\n{index}\n"
            f"## Projects\n\n{entries}## License\n\nMIT.\n")
    assert found(text, "LL106") == []


def test_ll106_a_subsection_name_every_section_repeats_is_not_expected() -> None:
    # system-design-primer: "### Disadvantage(s): <topic>" and "### Source(s) and further reading" close every
    # topic; the table lists each topic's own subsections, never those recurring parts
    topics = ["Caching", "Databases", "Queues"]
    body = "".join(f"## {t}\n\nx\n\n### {t} basics\n\nx\n\n### {t} usage\n\nx\n\n"
                   f"### Disadvantages: {t.lower()}\n\nx\n\n### Further reading\n\nx\n\n" for t in topics)
    toc = "".join(f"- [{t}](#{t.lower()})\n  - [{t} basics](#{t.lower()}-basics)\n"
                  f"  - [{t} usage](#{t.lower()}-usage)\n" for t in topics)
    text = f"# L\n\n## Contents\n\n{toc}\n{body}"
    assert found(text, "LL106") == []
    # a name two sections share is no recurring part: each is expected
    two = text.replace("### Disadvantages: queues\n\nx\n\n### Further reading\n\nx\n\n", "")
    assert [m.split(" is missing")[0] for m in messages(two, "LL106")] == [
        "section 'Disadvantages: caching'", "section 'Further reading'",
        "section 'Disadvantages: databases'", "section 'Further reading'"]
    # linked once, it is a subsection the table lists: each is expected (taishi-i/awesome-japanese-nlp-resources
    # links six of its seven "Others")
    linked = text.replace("  - [Caching usage](#caching-usage)\n",
                          "  - [Caching usage](#caching-usage)\n  - [Further reading](#further-reading)\n")
    assert [m.split(" is missing")[0] for m in messages(linked, "LL106")] == [
        "section 'Further reading'", "section 'Further reading'"]


def test_ll106_an_alphabetical_table_is_not_out_of_order() -> None:
    names = ["Delta", "Alpha", "Gamma", "Beta", "Epsilon"]
    body = "".join(f"## {name}\n\n- [x](https://x.org/{name})\n\n" for name in names)
    toc = "".join(f"- [{name}](#{name.lower()})\n" for name in sorted(names))
    assert found(f"# L\n\n## Contents\n\n{toc}\n{body}", "LL106") == []
    # one name out of alphabetical order does not make it a document-order table either
    swapped = toc.replace("- [Alpha](#alpha)\n- [Beta](#beta)\n", "- [Beta](#beta)\n- [Alpha](#alpha)\n")
    assert found(f"# L\n\n## Contents\n\n{swapped}\n{body}", "LL106") == []
    # a table in neither order is reported, one finding per entry to move
    shuffled = "".join(f"- [{name}](#{name.lower()})\n" for name in ["Gamma", "Epsilon", "Alpha", "Delta", "Beta"])
    assert len(found(f"# L\n\n## Contents\n\n{shuffled}\n{body}", "LL106")) == 3


def test_a_section_a_broken_toc_link_was_meant_for_is_not_also_missing() -> None:
    # the link's fragment is close to the slug: one defect (a renamed heading), reported once, by LL405
    text = "# L\n\n## Contents\n\n- [A](#a)\n- [(New) Prompts](#new-prompts)\n- [Week](#week-7---13)\n\n" \
        "## A\n\nx\n\n## Prompts\n\ny\n\n## Week 6 - 13\n\nz\n\n## Zebra\n\nw\n"
    assert [d.message for d in lint_text(text, select=("LL106", "LL405"))] == [
        "link fragment '#new-prompts' matches no heading or anchor of this file",
        "link fragment '#week-7---13' matches no heading or anchor of this file (the nearest heading anchor is "
            "'#week-6---13')",
        "section 'Zebra' is missing from the table of contents on line 5",
    ]


def test_a_section_a_shortened_toc_link_was_meant_for_is_not_also_missing() -> None:
    # sweep 19: '[Dataset](#dataset)' is LL405's (did you mean '#dataset--language-modeling'?), not also a missing
    # section
    text = "# L\n\n## Contents\n\n- [A](#a)\n- [Dataset](#dataset)\n\n## A\n\nx\n\n" \
        "## Dataset & Language modeling\n\ny\n"
    assert found(text, "LL106", "LL405") == ["6:13 LL405"]


def test_ll106_options() -> None:
    text = "# L\n\n## Contents\n\n- [A](#a)\n- [B](#b)\n- [C](#c)\n\n## A\n\n### A1\n\nx\n\n## B\n\ny\n\n## C\n\nz\n"
    assert found(text, "LL106") == []
    assert found(text, "LL106", config={"rules": {"toc-sync": {"max-level": 3}}}) == ["11:5 LL106"]


# ---- LL107 ---------------------------------------------------------------------------------------------------------


def test_ll107_reports_the_outlier_with_the_majority_level() -> None:
    text = (
        "## Papers\n\n#### A [`READ`]\n\npaper link: [here](https://a.org/1)\n\n"
        "#### B [`READ`]\n\npaper link: [here](https://a.org/2)\n\n"
        "### C [`UNREAD`]\n\npaper link: [here](https://a.org/3)\n"
    )
    assert found(text, "LL107") == ["11:1 LL107"]
    assert "the other 2 entry headings of 'Papers' are level 4" in messages(text, "LL107")[0]
    fixed = fix_text(text, unsafe=True, select=("LL107",))
    assert "#### C [`UNREAD`]" in fixed
    assert found(fixed, "LL107") == []


def test_ll107_single_entry_or_list_layout_is_not_checked() -> None:
    assert found("## P\n\n#### A [`READ`]\n\npaper link: [here](https://a.org/1)\n", "LL107") == []
    assert found("## P\n\n- [A](https://a.org/1)\n- [B](https://a.org/2)\n", "LL107") == []


def test_theory_corpus_entry_headings_are_not_reported(corpus: Path) -> None:
    text = (corpus / "seeds" / "theory-for-deep-learning.md").read_text(encoding="utf-8")
    assert found(text, "LL101", "LL107") == []


def test_toc_sync_expects_closing_sections_only_when_the_table_links_them() -> None:
    from listlint.api import fix_text, lint_text

    body = "## Optimisation\n\n- [Adam](https://arxiv.org/abs/1412.6980)\n\n## Kernels\n\n- [NTK](https://arxiv.org/abs/1806.07572)\n\n## License\n\nCC0\n"
    unlisted = "# L\n\n<!-- toc -->\n- [Optimisation](#optimisation)\n<!-- tocstop -->\n\n" + body
    assert [d.message for d in lint_text(unlisted, select=("LL106",))] == [
        "section 'Kernels' is missing from the table of contents on line 4"]
    assert "- [Optimisation](#optimisation)\n- [Kernels](#kernels)\n\n<!-- tocstop -->" in fix_text(unlisted, select=("LL106",))
    listed = "# L\n\n<!-- toc -->\n- [Optimisation](#optimisation)\n- [License](#license)\n<!-- tocstop -->\n\n" + body
    assert "- [Kernels](#kernels)\n- [License](#license)\n\n<!-- tocstop -->" in fix_text(listed, select=("LL106",))


@pytest.mark.parametrize("closing", [
    "Đóng góp", "Giấy phép", "Contribuindo", "Licença", "Como contribuir", "Contribuir", "Licencia",
    "Contribuer", "Licence", "Remerciements", "Mitwirken", "Lizenz", "Katkıda Bulunma", "Lisans", "기여하기",
    "라이선스", "贡献", "许可证", "Лицензия",
])
def test_toc_sync_expects_closing_sections_in_other_languages_only_when_linked(closing: str) -> None:
    """leduykhuong-daniel/awesome-vietnam: a table of contents that leaves out the closing "## Đóng góp"
    (Contributing) and "## License", as lists in English leave out "Contributing": not reported in any language."""
    text = ("# L\n\n- [Một](#một)\n- [Hai](#hai)\n- [Ba](#ba)\n\n## Một\n\n- [A](https://a.org)\n\n"
            "## Hai\n\n- [B](https://b.org)\n\n## Ba\n\n- [C](https://c.org)\n\n"
            f"## {closing}\n\nMời đóng góp theo [CONTRIBUTING.md](CONTRIBUTING.md).\n")
    assert found(text, "LL106") == []
    assert found(text.replace(f"## {closing}", "## Bốn"), "LL106") == ["19:4 LL106"]

def test_messages_name_headings_by_their_rendered_words() -> None:
    text = ("# T\n\n- [A](#a)\n- [B](#b)\n- [C](#c)\n\n## A\n\n## B\n\n## C\n\n## **Software Engineering**\n\n"
            "## <a name=\"eqa\"></a> Question Answering\n")
    msgs = [m for m in messages(text, "LL106")]
    assert any("section 'Software Engineering' is missing" in m for m in msgs), msgs
    assert any("section 'Question Answering' is missing" in m for m in msgs), msgs


def test_ll106_expects_subsections_only_where_the_table_goes_that_deep() -> None:
    text = ("# T\n\n- [A](#a)\n  - [A1](#a1)\n  - [A2](#a2)\n- [B](#b)\n- [C](#c)\n  - [C1](#c1)\n\n## A\n\n### A1\n\n"
            "### A2\n\n### A3\n\n## B\n\n### B1\n\n### B2\n\n## C\n\n### C1\n")
    # A's subsections are listed, so its A3 is missing; B's are not listed at all: the table stops at B
    assert messages(text, "LL106") == ["section 'A3' is missing from the table of contents on line 3"]


@pytest.mark.parametrize("closing", ["Backers", "Support", "Support the project", "Donate", "Special thanks",
                                     "Maintainers", "Contact us", "Sponsors"])
def test_toc_sync_leaves_out_every_kind_of_closing_section(closing: str) -> None:
    # thedaviddias/Front-End-Checklist: 'Support' and 'Backers' were expected in the table, 'Sponsors' not
    from listlint.api import lint_text

    text = (f"# L\n\n## Contents\n\n- [Head](#head)\n\n## Head\n\n- [Doctype](https://example.org/doctype)\n\n"
            f"## {closing}\n\nThank you.\n\n## Body\n\n- [Main](https://example.org/main)\n")
    assert [d.message for d in lint_text(text, select=("LL106",))] == [
        "section 'Body' is missing from the table of contents on line 5"]


def test_ll106_reads_github_user_content_ids_as_their_anchors() -> None:
    # "#user-content-arcade" is the id GitHub gives the heading "Arcade" (LL405 accepts it): the table links it
    toc = "".join(f"- [{name}](#user-content-{name.lower()})\n" for name in ("Arcade", "Puzzle", "Strategy"))
    text = "# Games\n\n## Contents\n\n" + toc + "".join(
        f"\n## {name}\n\n- [{name} game](https://{name.lower()}.dev)\n" for name in ("Arcade", "Puzzle", "Strategy"))
    assert [d.message for d in lint_text(text) if d.code in ("LL106", "LL405")] == []
    missing = text.replace("- [Puzzle](#user-content-puzzle)\n", "")
    assert [d.code for d in lint_text(missing) if d.code == "LL106"] == ["LL106"]
