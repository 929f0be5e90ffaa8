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
                "- 第399期：[中国 AI 大厂访问记](docs/issue-399.md)\n")
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        (Layout.LIST, "国家为什么需要开源软件？", "docs/issue-407.md"),
        (Layout.LIST, "道可，道非，常道", "docs/issue-406.md"),
        (Layout.LIST, "rsync 的争论", "docs/issue-400.md"),
        (Layout.LIST, "中国 AI 大厂访问记", "docs/issue-399.md"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_a_short_cjk_link_after_a_label_is_still_a_label_line() -> None:
    """A label before a link named by a character or two ("作者：[张三](url)") is not read as a label and a title:
    two characters are a word, not the three a title needs."""
    doc = parse("# 列表\n\n## 工具\n\n"
                "- 作者：[张三](https://a.example/2)\n"
                "- 第 3 期：[短](https://a.example/3)\n")
    assert [e.title for e in doc.entries] == ["作者：", "第 3 期："]
