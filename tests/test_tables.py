"""Tables of papers: their rows are entries for the duplicate, export and stats machinery, and no fix breaks a row."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from listlint.api import fix_text, lint_text
from listlint.parser import parse

LIST = """# Reading list [`READ`]

## Surveys

- [Graph Neural Networks: A Review](https://arxiv.org/abs/1812.08434) [`READ`]
- [A Comprehensive Survey on GNNs](https://arxiv.org/abs/1901.00596)

## Models

| Paper | Venue | Code | Status |
|---|---|---|---|
| [GraphSAGE](https://arxiv.org/abs/1706.02216) | NeurIPS 2017 | [code](https://github.com/w/GraphSAGE) | [`READ`] |
| [GNN review again](http://arxiv.org/abs/1812.08434v2) | AI Open | - |  |
| [GIN](https://arxiv.org/abs/1810.00826)   | ICLR 2019 | - | |
"""


def _render(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_a_paper_in_a_table_and_in_a_list_is_a_duplicate() -> None:
    found = [(d.code, d.span.start) for d in lint_text(LIST, select=("LL601",))]
    assert len(found) == 1
    code, start = found[0]
    line = LIST.count("\n", 0, start) + 1
    assert (code, line) == ("LL601", 13)  # the table row repeats the survey of line 5 (another arXiv URL form)


def test_status_rules_offer_no_fix_that_would_write_past_a_row() -> None:
    for diagnostic in lint_text(LIST, select=("LL3",)):
        if diagnostic.fix is None:
            continue
        for edit in diagnostic.fix.edits:
            line = LIST.count("\n", 0, edit.span.start)
            assert not LIST.splitlines()[line].startswith("|"), diagnostic


def test_fix_keeps_tables_rendering_as_before_and_is_idempotent() -> None:
    fixed = fix_text(LIST, unsafe=True)
    assert fix_text(fixed, unsafe=True) == fixed
    # the same rows and cells (URL rewrites such as http -> https for arXiv are the fixes' purpose)
    cells = lambda html: re.findall(r"<tr>|<t[dh]>[^<]*", html)  # noqa: E731
    assert cells(_render(fixed)) == cells(_render(LIST))
    assert "https://arxiv.org/abs/1812.08434v2" in fixed


def test_export_names_the_table_layout(tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "listlint", "export", "list.md", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    exported = json.dumps(json.loads(done.stdout))
    assert exported.count('"layout": "table"') >= 3  # the three rows (and the section, whose layout is the table's)


def test_entry_layout_does_not_compare_table_rows_with_list_entries() -> None:
    text = "## Papers\n\n" + "".join(f"- [Paper {n}](https://arxiv.org/abs/2101.0000{n})\n" for n in range(1, 9)) + (
        "\n| Paper | Code |\n|---|---|\n| Row one | [code](https://github.com/a/b) |\n"
        "| Row two | [code](https://github.com/c/d) |\n"
    )
    assert [e.layout.value for e in parse(text).entries].count("table") == 2
    assert lint_text(text, select=("LL201",)) == []


def test_the_paper_column_titles_a_row_before_a_model_or_name_column() -> None:
    # a leaderboard: the first column names the model, the "Paper / Source" column the paper the row stands for
    text = (
        "## Results\n\n| Model | F1 | Paper / Source | Code |\n| --- | --- | --- | --- |\n"
        "| Huang et al. (2019) | 97.6 | [Toward Fast and Accurate Neural Segmentation](https://arxiv.org/abs/1903.04190) | - |\n"
        "| Ma et al. (2018) | 98.1 | [State-of-the-art Segmentation with Bi-LSTMs](https://aclweb.org/D18-1529) | - |\n"
    )
    entries = parse(text, "x.md").entries
    assert [e.title for e in entries] == [
        "Toward Fast and Accurate Neural Segmentation", "State-of-the-art Segmentation with Bi-LSTMs"
    ]
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in entries)


def test_an_escaped_pipe_in_a_cell_keeps_the_row_an_entry_with_exact_spans() -> None:
    """GFM writes a `|` of a cell as `\\|`; markdown-it hands over the cell's text without the backslash, so the
    cell is found in its row by its written form (an industry list had 11 such rows dropped and reported LL402)."""
    text = ("# Articles\n\n| Company | Title | Date |\n| --- | --- | --- |\n"
            "| A | [Recall in practice](https://example.com/a) | 2022-01-01 |\n"
            "| B | [SIGIR2022 \\| Debiasing \\| recall](https://example.com/b) | 2022-02-01 |\n"
            "| C | `a\\|b` [Ranking](https://example.com/c) | 2022-03-01 |\n")
    document = parse(text)
    entries = list(document.entries)
    assert [e.title for e in entries] == ["Recall in practice", "SIGIR2022 | Debiasing | recall", "a|b Ranking"]
    for entry in entries:
        [link] = entry.links
        assert link.span is not None and link.span.of(text) == link.url
    assert entries[1].title_span is not None
    assert entries[1].title_span.of(text) == "SIGIR2022 \\| Debiasing \\| recall"
    assert lint_text(text, select=("LL402",)) == []


def test_a_table_that_repeats_its_columns_holds_entries_side_by_side() -> None:
    # iuricode/recursos-gratuitos: "| Link | Idioma | Link | Idioma |", two resources a row (65 were lost)
    text = ("# Recursos\n\n## Imagens\n\n| Link | Idioma | Link | Idioma |\n| ---- | :----: | ---- | :----: |\n"
            "| [Burst](https://burst.shopify.com/) | EN | [Shutterstock](https://www.shutterstock.com/pt/) | PT |\n"
            "| [Fake image](https://fakeimg.pl/) | EN | | |\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url, e.description) for e in doc.entries] == [
        ("Burst", "https://burst.shopify.com/", "EN"), ("Shutterstock", "https://www.shutterstock.com/pt/", "PT"),
        ("Fake image", "https://fakeimg.pl/", "EN")]
    # each entry spans its own cells, from the first cell's content to the last's
    assert [e.span.of(text) for e in doc.entries] == [
        "[Burst](https://burst.shopify.com/) | EN", "[Shutterstock](https://www.shutterstock.com/pt/) | PT",
        "[Fake image](https://fakeimg.pl/) | EN"]
    # a header that does not repeat keeps one entry a row
    single = text.replace("| Link | Idioma | Link | Idioma |", "| Link | Idioma | Mirror | Idioma |")
    assert [e.title for e in parse(single).entries] == ["Burst", "Fake image"]


def test_a_title_cell_is_titled_by_its_first_worded_line_and_a_badge_is_not_its_link() -> None:
    # horseee/Awesome-Efficient-LLM: "[![Star](…stars…)](repo) <br> [Title](arxiv) <br> Authors": the badge's
    # repository was the row's link (two papers of one repository were "one link, two titles" for LL601) and the
    # authors after the second <br> were part of the title (the same paper in a list went unnoticed)
    badge = "[![Star](https://img.shields.io/github/stars/microsoft/LLMLingua.svg?style=social)](https://github.com/microsoft/LLMLingua)"
    text = ("# Efficient LLM\n\n| Title & Authors | Links |\n|:--|:---:|\n"
            f"| {badge} <br> [LLMLingua: Compressing Prompts](https://arxiv.org/abs/2310.05736) <br> Huiqiang Jiang | "
            "[Paper](https://arxiv.org/abs/2310.05736) |\n"
            f"| {badge} <br> [LongLLMLingua: Prompt Compression](https://arxiv.org/abs/2310.06839) | "
            "[Paper](https://arxiv.org/abs/2310.06839) |\n"
            "| [SlimGPT: Layer-wise Structured Pruning for Large Language Models](https://arxiv.org/abs/2412.18110) <br> Gui Ling, Ziyang Wang | "
            "[Paper](https://arxiv.org/abs/2412.18110) |\n\n"
            "- [SlimGPT: Layer-wise Structured Pruning for Large Language Models](https://openreview.net/forum?id=MxF0IKJtKW) - pruning again\n")
    doc = parse(text)
    assert [(e.title, e.title_span.of(text) if e.title_span else None, e.primary_link.url) for e in doc.entries] == [
        ("LLMLingua: Compressing Prompts", "LLMLingua: Compressing Prompts", "https://arxiv.org/abs/2310.05736"),
        ("LongLLMLingua: Prompt Compression", "LongLLMLingua: Prompt Compression", "https://arxiv.org/abs/2310.06839"),
        ("SlimGPT: Layer-wise Structured Pruning for Large Language Models",
         "SlimGPT: Layer-wise Structured Pruning for Large Language Models",
         "https://arxiv.org/abs/2412.18110"),
        ("SlimGPT: Layer-wise Structured Pruning for Large Language Models",
         "SlimGPT: Layer-wise Structured Pruning for Large Language Models",
         "https://openreview.net/forum?id=MxF0IKJtKW")]
    assert lint_text(text, select=["LL601"]) == []  # two papers of one repository, not one link for two titles


def test_identical_links_in_one_row_each_have_their_own_span() -> None:
    # ml4bio/RNA-FM: "| [GitHub](url) | [GitHub](url) |": the same text in two cells was found twice at the first
    # cell, so the second link had no span of its own and LL402 took its text for a broken link
    text = ("# T\n\n| Name | Code | Weights |\n| --- | --- | --- |\n"
            "| [A](https://a.org/x) | [GitHub](https://github.com/b/c) | [GitHub](https://github.com/b/c) |\n"
            "| B \\| C | `x` | [GitHub](https://github.com/b/c) |\n")
    doc = parse(text)
    github = [link for link in doc.links if link.url == "https://github.com/b/c"]
    assert len(github) == 3 and len({link.full_span for link in github}) == 3
    assert all(text[link.full_span.start : link.full_span.end] == "[GitHub](https://github.com/b/c)" for link in github)
    assert [text[: link.full_span.start].count("\n") for link in github] == [4, 4, 5]
    assert not [d for d in lint_text(text) if d.code == "LL402"]


def test_a_named_column_that_repeats_one_value_does_not_title_the_rows() -> None:
    # facebookresearch/esm: "| Shorthand | `esm.pretrained.` | … | Dataset | … | Model URL |", "UR50/D 2021_04" on
    # most rows: "Dataset" names what the rows share; the column of distinct names titles them (no false LL602)
    rows = [("ESM-2", "esm2_t48_15B_UR50D", "UR50/D 2021_04"), ("", "esm2_t36_3B_UR50D", "UR50/D 2021_04"),
            ("", "esm2_t33_650M_UR50D", "UR50/D 2021_04"), ("", "esm2_t30_150M_UR50D", "UR50/D 2021_04"),
            ("ESM-1b", "esm1b_t33_650M_UR50S", "UR50/S 2018_03")]
    text = "# Models\n\n| Shorthand | `esm.pretrained.` | Dataset | Model URL |\n|---|---|---|---|\n" + "".join(
        f"| {short} | `{name}` | {data} | https://dl.example.org/{name}.pt |\n" for short, name, data in rows)
    doc = parse(text)
    assert [e.title for e in doc.entries] == [name for _, name, _ in rows]
    assert not [d for d in lint_text(text) if d.code == "LL602"]


def test_course_names_that_repeat_still_title_their_rows() -> None:
    # kmario23/deep-learning-drizzle: five of eight courses are called "Probabilistic Graphical Models": the rows
    # keep those names, not the "S.No" column ("1.", "2.") nor the instructors after them
    names = ["Probabilistic Graphical Models", "Probabilistic Modeling", "Probabilistic Graphical Models",
             "Structured Data", "Probabilistic Graphical Models", "Probabilistic Graphical Models"]
    for numbered in (True, False):
        head = "| S.No | Course Name | Instructor | Videos |\n|---|---|---|---|\n" if numbered else \
            "| Course Name | Instructor | Videos |\n|---|---|---|\n"
        text = "# Courses\n\n" + head + "".join(
            (f"| {n}. " if numbered else "") + f"| **{name}** | Teacher {n} | [YouTube](https://youtube.com/{n}) |\n"
            for n, name in enumerate(names, 1))
        assert [e.title for e in parse(text).entries] == names
