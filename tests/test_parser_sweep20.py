"""Regressions from the twentieth sweep of unseen lists: each test is a reduced repro of what the parser read
wrong (the real list named in the docstring)."""

from __future__ import annotations

from listlint.model import Layout
from listlint.parser import parse


def test_a_cjk_label_and_full_width_colon_before_a_link_leave_the_link_its_title() -> None:
    """ruanyf/weekly: "- 第 407 期：[国家为什么需要开源软件？](docs/issue-407.md)": the issue number is a label, the
    link's words are the title, as for "Issue 407: [Why …](url)"."""
    doc = parse("# 周刊\n\n## 2026\n\n"
                "- 第 407 期：[国家为什么需要开源软件？](docs/issue-407.md)\n"
                "- 第 406 期：[道可，道非，常道](docs/issue-406.md)\n"
                "- 第 400 期：[rsync 的争论](docs/issue-400.md)\n"
                "- 第399期：[中国 AI 大厂访问记](docs/issue-399.md)\n"
                "- 第 393 期：[脑腐状态](docs/issue-393.md)\n"
                "- 第 1 期：[创刊号](docs/issue-1.md)\n")
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        (Layout.LIST, "国家为什么需要开源软件？", "docs/issue-407.md"),
        (Layout.LIST, "道可，道非，常道", "docs/issue-406.md"),
        (Layout.LIST, "rsync 的争论", "docs/issue-400.md"),
        (Layout.LIST, "中国 AI 大厂访问记", "docs/issue-399.md"),
        (Layout.LIST, "脑腐状态", "docs/issue-393.md"),
        (Layout.LIST, "创刊号", "docs/issue-1.md"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_a_short_cjk_link_after_a_label_is_still_a_label_line() -> None:
    """A label before a link named by a word or two ("作者：[张三](url)", Geeks-Z/Class-Incremental-Learning's
    "**论文阅读笔记**：[论文阅读](url)") is the item's name: the link's few words are no title, unless the label
    is numbered (an issue, a week). The full-width colon is no part of the title."""
    doc = parse("# 列表\n\n## 工具\n\n"
                "- 作者：[张三](https://a.example/2)\n"
                "- **论文阅读笔记**：[论文阅读](https://a.example/4)\n"
                "- Paper notes: [Paper reading](https://a.example/5)\n"
                "- 第 3 期：[短](https://a.example/3)\n"
                "- Issue 12: [Brain rot](https://a.example/6)\n")
    assert [e.title for e in doc.entries] == ["作者", "论文阅读笔记", "Paper notes", "短", "Brain rot"]


def test_a_title_column_whose_links_all_say_the_same_label_gives_way_to_the_column_of_names() -> None:
    """mlabonne/llm-course: "| Notebook | Description | Article | Notebook |" with "[Article](url)" on every row:
    the header "Article" looks like a column of papers' titles, but its cells are one label; the rows are named
    by the first column's words."""
    doc = parse("# Course\n\n## Notebooks\n\n"
                "| Notebook | Description | Article |\n|---|---|---|\n"
                "| Fine-tune Llama 3.1 with Unsloth | Ultra-efficient fine-tuning. | [Article](https://b.example/1) |\n"
                "| Fine-tune Llama 3 with ORPO | Cheaper and faster fine-tuning. | [Article](https://b.example/2) |\n"
                "| Introduction to Quantization | 8-bit quantization. | [Article](https://b.example/3) |\n")
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        (Layout.TABLE, "Fine-tune Llama 3.1 with Unsloth", "https://b.example/1"),
        (Layout.TABLE, "Fine-tune Llama 3 with ORPO", "https://b.example/2"),
        (Layout.TABLE, "Introduction to Quantization", "https://b.example/3"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_a_paper_column_of_titled_links_still_titles_the_rows() -> None:
    doc = parse("# Papers\n\n| Model | Paper | Code |\n|---|---|---|\n"
                "| BERT | [Pre-training of Deep Bidirectional Transformers](https://arxiv.org/abs/1810.04805) "
                "| [code](https://g.example/1) |\n"
                "| GPT | [Improving Language Understanding](https://o.example/gpt) | [code](https://g.example/2) |\n")
    assert [e.title for e in doc.entries] == ["Pre-training of Deep Bidirectional Transformers",
                                              "Improving Language Understanding"]



def test_a_full_width_colon_or_bracket_left_at_the_end_of_a_title_is_dropped() -> None:
    """Titles read before a link kept a full-width colon or an opening bracket ("深度学习（[PDF](url)）" was titled
    "深度学习（"), where the ASCII ones are dropped."""
    doc = parse("# 书单\n\n## 机器学习\n\n"
                "- 深度学习（[PDF](https://example.com/2)）\n"
                "- 机器学习实战：[代码](https://example.com/3)\n"
                "- 强化学习【[PDF](https://example.com/5)】\n")
    assert [e.title for e in doc.entries] == ["深度学习", "机器学习实战", "强化学习"]


def test_a_japanese_sentence_running_through_a_link_is_no_entry() -> None:
    """donnemartin/system-design-primer (README-ja): top-level bullets of prose that mention a link mid-sentence
    ("DNSサーバーは、[少数の組織](url)に管理されている") were entries titled by the words before the link."""
    doc = parse("# 入門\n\n## 欠点: DNS\n\n"
                "* DNSサーバーは、[少数の組織](https://example.com/a)に管理されているが、それらの管理は複雑である。\n"
                "* 単一のリバースプロキシは単一障害点になりえます。一方で、複数のリバースプロキシを導入すると"
                "(例: [フェイルオーバー](https://example.com/b)) 複雑性はより増します。\n")
    assert list(doc.entries) == []


def test_a_cjk_title_and_its_link_are_still_an_entry() -> None:
    doc = parse("# 书单\n\n## 机器学习\n\n"
                "- 统计学习方法 [链接](https://example.com/1)\n"
                "- 深度学习（[PDF](https://example.com/2)）\n"
                "- 机器学习实战：[代码](https://example.com/3)，附数据集\n"
                "- 统计学习方法[链接](https://example.com/4)\n"
                "- 国会議案データベース([衆議院](https://example.com/5)、[参議院](https://example.com/6))\n")
    assert [e.title for e in doc.entries] == ["统计学习方法", "深度学习", "机器学习实战", "统计学习方法",
                                              "国会議案データベース"]


def test_a_grid_of_links_under_a_header_of_no_words_is_an_entry_per_cell() -> None:
    """521xueweihan/HelloGitHub: "| :card_index: | :beer: | … |" over rows of "[第 124 期](url)" cells, five to a
    row: each cell is an issue, not the first cell titling a row that the others describe."""
    doc = parse("# HelloGitHub\n\n## 内容\n\n"
                "| :card_index: | :beer: | :octocat: |\n| --- | --- | --- |\n"
                "| [第 9 期](/content/9.md) | [第 8 期](/content/8.md) |\n"
                "| [第 7 期](/content/7.md) | [第 6 期](/content/6.md) | [第 5 期](/content/5.md) |\n")
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None, e.line) for e in doc.entries] == [
        (Layout.TABLE, "第 9 期", "/content/9.md", 6), (Layout.TABLE, "第 8 期", "/content/8.md", 6),
        (Layout.TABLE, "第 7 期", "/content/7.md", 7), (Layout.TABLE, "第 6 期", "/content/6.md", 7),
        (Layout.TABLE, "第 5 期", "/content/5.md", 7),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)
    assert all(e.span.of(text).startswith("[") and e.span.of(text).endswith(")") for e in doc.entries)


def test_a_table_of_two_linked_columns_under_named_headers_is_an_entry_per_row() -> None:
    doc = parse("# Papers\n\n| Model | Paper |\n| --- | --- |\n"
                "| [BERT](https://g.example/bert) | [Pre-training of Deep Transformers](https://a.example/1) |\n"
                "| [GPT](https://g.example/gpt) | [Improving Language Understanding](https://a.example/2) |\n")
    assert len(doc.entries) == 2


def test_a_name_holding_a_digit_is_no_numbered_label() -> None:
    """WangRongsheng/awesome-LLM-resourses ("Mini-R1: https://…", "o1 roadmap：https://…") and
    prakhar1989/awesome-courses ("3 Assignments: [Lab1](url), [Lab2](url)"): a name with a digit before a bare URL,
    and a count before a set of links, keep their words for the title."""
    doc = parse("# T\n\n## A\n\n1. Mini-R1: https://www.philschmid.de/mini-deepseek-r1\n"
                "2. LLaVA-o1: https://arxiv.org/abs/2411.10440\n3. o1 roadmap：https://arxiv.org/abs/2412.14135\n\n"
                "## B\n\n- 3 Assignments: [Lab1](http://a.org/1), [Lab2](http://a.org/2)\n")
    assert [e.title for e in doc.entries] == ["Mini-R1", "LLaVA-o1", "o1 roadmap", "3 Assignments"]


def test_cjk_sentence_ended_before_its_links_keeps_the_item_an_entry() -> None:
    """jobbole/awesome-java-cn: "* Nutz：另一个SSH。[官网](url)，[Github](url)": the sentence ends before the links,
    so no sentence runs through them (as in "DNSサーバーは、[…](url)に管理されている"): the item stays an entry."""
    doc = parse("# J\n\n## ORM\n\n"
                "* Nutz：另一个SSH。[官网](http://nutzam.com/)，[Github](https://github.com/nutzam/nutz)\n"
                "* JFinal：JAVA WEB + ORM框架。[官网](http://www.jfinal.com)，[Github](https://github.com/jfinal/jfinal)\n")
    assert [e.primary_link.url for e in doc.entries if e.primary_link] == ["http://nutzam.com/",
                                                                          "http://www.jfinal.com"]
