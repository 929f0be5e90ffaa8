"""LL601-LL604: duplicate links, titles, BibTeX keys and identifiers, in one file or across the files of a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from strategies import corpus_mutations, markdown_documents

from listlint import duplicates
from listlint.api import fix_text, lint_text
from listlint.config import Config, ConfigResolver, from_table
from listlint.diagnostics import Alters, Applicability
from listlint.fixer import entry_signature
from listlint.parser import parse
from listlint.runner import Options, Runner
from listlint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "duplicates"
SELECT = ("LL601", "LL602", "LL603", "LL604")


def found(text: str, config: Config | None = None, select: tuple[str, ...] = SELECT) -> list[tuple[str, int, int, str]]:
    """(code, line, column, offending text) of each diagnostic."""
    source = SourceText(text)
    out = []
    for d in lint_text(text, config, select=select):
        line, column = source.position(d.span.start)
        out.append((d.code, line, column, d.span.of(source.text)))
    return out


def messages(text: str, config: Config | None = None, select: tuple[str, ...] = SELECT) -> list[str]:
    return [d.message for d in lint_text(text, config, select=select)]


def config(**duplicates: object) -> Config:
    return from_table({"duplicates": duplicates}, "<test>")


def html(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


# --------------------------------------------------------------------------------------------------------------
# LL601 duplicate-link
# --------------------------------------------------------------------------------------------------------------


def test_link_variants_fixture_reports_every_variant_at_its_url() -> None:
    text = (FIXTURES / "link_variants.md").read_text(encoding="utf-8")
    assert found(text) == [
        ("LL601", 19, 31, "https://arxiv.org/pdf/2010.11929v2.pdf"),
        ("LL601", 20, 32, "http://www.arxiv.org/pdf/1706.03762"),
        ("LL601", 21, 38, "http://dx.doi.org/10.1145/3446776"),
        ("LL601", 22, 34, "https://openreview.net/pdf?id=ffy-h0GKZbK"),
        ("LL601", 23, 19, "http://www.example.com/docs#install"),
        ("LL601", 24, 20, "https://example.org/guide/"),
        ("LL601", 25, 19, "https://example.net/post?a=1&utm_source=feed&b=2"),
        ("LL601", 26, 16, "https://EXAMPLE.io/x/"),
        ("LL601", 27, 16, "https://arxiv.org/pdf/hep-th/9901001v1"),
        ("LL601", 28, 45, "doi:10.1145/3446776"),
    ]


def test_link_message_names_the_first_occurrence_and_the_shared_key() -> None:
    text = (FIXTURES / "link_variants.md").read_text(encoding="utf-8")
    first = messages(text)[0]
    assert first == (
        "duplicate link 'https://arxiv.org/pdf/2010.11929v2.pdf' (arxiv:2010.11929): also listed at line 7 "
        "under 'Originals' as 'https://arxiv.org/abs/2010.11929'"
    )


def test_identical_link_message_and_column() -> None:
    text = "# L\n\n## Training\n\n- [A paper title here](https://a.org/x)\n\n## Other\n\n- [B](https://a.org/x)\n"
    assert found(text) == [("LL601", 9, 7, "https://a.org/x")]
    assert messages(text) == ["duplicate link 'https://a.org/x': also listed at line 5 under 'Training' for 'A paper "
                              "title here', a different title: if they are two works, one of the links is wrong"]
    same = text.replace("[B]", "[A paper title here]")
    assert messages(same) == ["duplicate link 'https://a.org/x': also listed at line 5 under 'Training'"]


def test_a_code_link_shared_by_two_papers_is_no_duplicate() -> None:
    # sweep 19 (LumingSun/ML4DB-paper-list): two papers of one repository, each with a plain-text title and the
    # repository as its "GitHub Link", were reported as one entry listed twice
    text = (
        "# Papers\n\n## Cardinality Estimation\n\n"
        "* Learned Cardinalities: Estimating Correlated Joins with Deep Learning （CIDR2019）"
        "[GitHub Link](https://github.com/andreaskipf/learnedcardinalities)\n"
        "* Estimating Cardinalities with Deep Sketches (SIGMOD 2019) "
        "[GitHub Link](https://github.com/andreaskipf/learnedcardinalities)\n"
        "* Are We Ready For Learned Cardinality Estimation? (VLDB 2021) [GitHub Link](https://github.com/sfu-db/x)\n"
    )
    assert found(text, select=("LL601",)) == []
    # the first paper listed again (its venue written apart) is a repeat; found against the first, not the second
    again = text + "* Learned Cardinalities: Estimating Correlated Joins with Deep Learning (CIDR 2019) " \
        "[Code](https://github.com/andreaskipf/learnedcardinalities/)\n"
    assert [(code, line) for code, line, *_ in found(again, select=("LL601",))] == [("LL601", 8)]
    assert "also listed at line 5" in messages(again, select=("LL601",))[0]
    # the repository as the title link of both, or a link that names the paper: a wrong link, still reported
    titled = text.replace("* Learned Cardinalities: Estimating Correlated Joins with Deep Learning （CIDR2019）"
                          "[GitHub Link]", "* [Learned Cardinalities: Estimating Correlated Joins with Deep Learning]")
    titled = titled.replace("* Estimating Cardinalities with Deep Sketches (SIGMOD 2019) [GitHub Link]",
                            "* [Estimating Cardinalities with Deep Sketches]")
    assert [code for code, *_ in found(titled, select=("LL601",))] == ["LL601"]
    assert [code for code, *_ in found(text.replace("GitHub Link", "PDF"), select=("LL601",))] == ["LL601"]
    # without a venue and year or a paper link, the repository is the item (a list of tools): one tool, two names
    tools = "# Tools\n\n- English spell checker [github](https://github.com/barrust/pyspellchecker)\n" \
        "- Python spelling library [github](https://github.com/barrust/pyspellchecker)\n"
    assert [code for code, *_ in found(tools, select=("LL601",))] == ["LL601"]
    # two papers with their arXiv links: the same paper under two titles is reported, two papers are not
    papers = "# Papers\n\n- Paper one [Code](https://github.com/a/b) [arXiv](https://arxiv.org/abs/2101.00001)\n" \
        "- Another work [Code](https://github.com/a/b) [arXiv](https://arxiv.org/abs/2101.00002)\n"
    assert found(papers, select=("LL601",)) == []
    assert [code for code, *_ in found(papers.replace("00002", "00001"), select=("LL601",))] == ["LL601"]


def test_near_misses_are_not_reported() -> None:
    text = (FIXTURES / "near_misses.md").read_text(encoding="utf-8")
    assert found(text) == []


def test_toc_entries_description_links_and_badges_are_never_compared() -> None:
    # the same links as primary links of real entries would be reported: the exemption is what keeps it silent
    text = (FIXTURES / "near_misses.md").read_text(encoding="utf-8")
    document = parse(text)
    keys = [occ.link_key for occ in duplicates.facts(document).links]
    assert "arxiv:1412.6980" in keys and keys.count("arxiv:1412.6980") == 1  # the ToC copy is not indexed
    control = text.replace("## Contents", "## Reading")
    assert ("LL601", 13, 48, "https://arxiv.org/abs/1412.6980") in found(control)


def test_fragment_only_and_image_primary_links_are_skipped() -> None:
    text = "# L\n\n- [![logo](https://img.example/a.png)](https://x.org/a)\n- [![logo](https://img.example/a.png)](https://x.org/b)\n"
    assert found(text) == []


def test_allow_list_by_url_variant_and_by_regex() -> None:
    text = (
        "# L\n\n- [awesome](https://github.com/sindresorhus/awesome)\n- [x](https://github.com/a/awesome-x)\n\n"
        "## B\n\n- [awesome](http://www.github.com/sindresorhus/awesome/)\n- [x](https://github.com/a/awesome-x)\n"
        "- [ViT](https://arxiv.org/abs/2010.11929)\n- [ViT pdf](https://arxiv.org/pdf/2010.11929)\n"
    )
    assert [c for c, *_ in found(text)] == ["LL601", "LL601", "LL601"]
    allowed = config(allow=["https://github.com/sindresorhus/awesome", r"https://github\.com/[^/]+/awesome-.*"])
    assert found(text, allowed) == [("LL601", 11, 13, "https://arxiv.org/pdf/2010.11929")]
    by_key = config(allow=["arxiv:2010\\.\\d+"])
    assert [line for _, line, _, _ in found(text, by_key)] == [8, 9]


def test_crlf_positions_and_fix() -> None:
    text = "# L\r\n\r\n- [A paper title here](https://a.org/x) - desc\r\n- [B](https://b.org)\r\n" \
           "- [A paper title here](https://a.org/x) - desc\r\n- [C](https://c.org)\r\n"
    assert found(text) == [("LL601", 5, 24, "https://a.org/x")]
    fixed = fix_text(text, unsafe=True, select=("LL601",))
    assert fixed == "# L\r\n\r\n- [A paper title here](https://a.org/x) - desc\r\n- [B](https://b.org)\r\n" \
                    "- [C](https://c.org)\r\n"


def test_chinese_entries() -> None:
    text = "# 论文\n\n## 理论\n\n1. [深度学习的隐式偏差研究](https://arxiv.org/abs/2110.04274)，很好\n\n## 实验\n\n" \
           "1. [深度学习的隐式偏差研究](https://arxiv.org/pdf/2110.04274.pdf)，很好\n"
    assert found(text) == [("LL601", 9, 18, "https://arxiv.org/pdf/2110.04274.pdf")]
    assert "under '理论'" in messages(text)[0]


def test_nested_entries_are_compared() -> None:
    text = "# L\n\n- [A paper title here](https://a.org/x)\n- Group\n  - [A paper title here](https://a.org/x/)\n" \
           "    - [Deeper](https://b.org)\n- [Deeper](https://b.org)\n"
    assert found(text) == [("LL601", 5, 26, "https://a.org/x/"), ("LL601", 7, 12, "https://b.org")]


def test_a_nested_entry_linking_the_page_of_an_entry_it_is_nested_under_is_its_resource() -> None:
    # awesome-courses: 107 of 108 LL601 were a course's own resources nested under it ("Discussion Notes" -> the page)
    text = ("# Courses\n\n## Systems\n\n- [CS 168](https://inst.eecs.berkeley.edu/~cs168/fa14/) **Introduction to the "
            "Internet** *UC Berkeley*\n  - [Lecture Notes](https://inst.eecs.berkeley.edu/~cs168/fa14/class.html)\n"
            "  - [Discussion Notes](https://inst.eecs.berkeley.edu/~cs168/fa14/)\n"
            "  - [Videos](https://inst.eecs.berkeley.edu/~cs168/fa14/#videos)\n"
            "    - [Playlist](https://inst.eecs.berkeley.edu/~cs168/fa14)\n"
            "- [CS 162](https://cs162.eecs.berkeley.edu/) **Operating Systems** *UC Berkeley*\n")
    assert found(text) == []
    # the same page listed again outside the course, or nested under another entry, is still a repeat
    again = text + "- [CS 168 again](https://inst.eecs.berkeley.edu/~cs168/fa14/)\n" \
                   "  - [Notes](https://inst.eecs.berkeley.edu/~cs168/fa14/class.html)\n"
    assert [(code, line) for code, line, *_ in found(again)] == [("LL601", 11), ("LL601", 12)]


def test_resource_labels_nested_under_two_parents_are_not_one_title() -> None:
    # awesome-courses: "Lectures and Assignments" of ten courses were reported as one title (12 LL602)
    text = ("# Courses\n\n- [CS 97SI](http://web.stanford.edu/class/cs97si/) **Competitive Programming**\n"
            "  - [Lectures and Assignments](https://github.com/jaehyunp/stanfordacm)\n"
            "- [CSCI 135](http://compsci.hunter.cuny.edu/~sweiss/courses/csci135.php) **Software Design**\n"
            "  - [Lectures and Assignments](http://compsci.hunter.cuny.edu/~sweiss/course_materials/csci135/)\n")
    assert found(text) == []
    # a title at the top level, or twice under one parent, is compared as before
    top = text + "- [Lectures and Assignments](https://example.org/lectures)\n"
    assert [(code, line) for code, line, *_ in found(top)] == [("LL602", 7)]
    # papers are works wherever they are nested: their titles are compared
    papers = ("# Papers\n\n- [Transformers](https://example.org/transformers)\n"
              "  - [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
              "- [Translation](https://example.org/translation)\n"
              "  - [Attention is all you need](https://doi.org/10.5555/3295222.3295349)\n")
    assert [(code, line) for code, line, *_ in found(papers)] == [("LL602", 6)]
    # a resource nested under its entry, titled alike, is that entry's resource
    book = ("# Books\n\n- [Deep Learning Book](https://www.deeplearningbook.org/)\n"
            "  - [Deep Learning Book](https://github.com/janishar/mit-deep-learning-book-pdf)\n")
    assert found(book) == []


def test_an_identifier_nested_under_the_entry_that_names_it_is_its_resource() -> None:
    text = ("# Papers\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
            "  - [DOI](https://doi.org/10.48550/arXiv.1706.03762)\n")
    assert found(text) == []
    flat = text.replace("  - [DOI]", "- [DOI]")
    assert [code for code, *_ in found(flat)] == ["LL604"]


def test_links_in_code_html_comments_and_tables_are_not_entries() -> None:
    text = "# L\n\n- [A paper title here](https://a.org/x)\n\n```\n- [A paper title here](https://a.org/x)\n```\n\n" \
           "<!--\n- [A paper title here](https://a.org/x)\n-->\n\n| a | b |\n|---|---|\n| [A paper title here](https://a.org/x) | 1 |\n"
    assert found(text) == []


def test_empty_and_linkless_files() -> None:
    assert found("") == []
    assert found("# Title\n\nJust text.\n") == []


def test_heading_layout_duplicates() -> None:
    text = (
        "# P\n\n## A\n\n#### Fast finite width neural tangent kernel [`READ`]\n\npaper link: [here](https://arxiv.org/abs/2206.08720)\n\n"
        "## B\n\n#### Fast finite width neural tangent kernel [`UNREAD`]\n\npaper link: [here](https://arxiv.org/pdf/2206.08720v1)\n"
    )
    assert found(text) == [("LL601", 13, 20, "https://arxiv.org/pdf/2206.08720v1")]
    # the status tags differ, so the later entry is not an exact repeat: no fix
    assert all(d.fix is None for d in lint_text(text, select=("LL601",)))


# --------------------------------------------------------------------------------------------------------------
# LL601's unsafe fix
# --------------------------------------------------------------------------------------------------------------

FIX_CASES = {
    "tight middle": (
        "# L\n\n- [A paper title here](https://a.org/x) - desc\n- [B](https://b.org)\n- [A paper title here](http://a.org/x/)\n- [C](https://c.org)\n",
        "# L\n\n- [A paper title here](https://a.org/x) - desc\n- [B](https://b.org)\n- [C](https://c.org)\n",
    ),
    "loose middle": (
        "# L\n\n- [A paper title here](https://a.org/x) - desc\n\n- [B](https://b.org)\n\n- [A paper title here](https://a.org/x)\n\n- [C](https://c.org)\n",
        "# L\n\n- [A paper title here](https://a.org/x) - desc\n\n- [B](https://b.org)\n\n- [C](https://c.org)\n",
    ),
    "last item before a paragraph": (
        "# L\n\n- [A paper title here](https://a.org/x) - desc\n- [A paper title here](https://a.org/x)\n\nText after.\n",
        "# L\n\n- [A paper title here](https://a.org/x) - desc\n\nText after.\n",
    ),
    "last item at the end of the file": (
        "# L\n\n## B\n\n- [A paper title here](https://a.org/x) - desc\n\n- [A paper title here](https://a.org/x)\n",
        "# L\n\n## B\n\n- [A paper title here](https://a.org/x) - desc\n",
    ),
    "nested": (
        "# L\n\n- [A paper title here](https://a.org/x)\n- Group\n  - [A paper title here](https://a.org/x)\n  - [B](https://b.org)\n",
        "# L\n\n- [A paper title here](https://a.org/x)\n- Group\n  - [B](https://b.org)\n",
    ),
    "heading layout": (
        "# P\n\n## A\n\n#### Fast finite width neural tangent kernel [`READ`]\n\npaper link: [here](https://arxiv.org/abs/2206.08720)\n\n"
        "```bibtex\n@inproceedings{novak2022fast,\n  title={Fast finite width neural tangent kernel}\n}\n```\n\n"
        "#### Fast finite width neural tangent kernel [`READ`]\n\npaper link: [here](https://arxiv.org/pdf/2206.08720v2.pdf)\n\n"
        "#### Other paper [`READ`]\n\npaper link: [here](https://x.org)\n",
        "# P\n\n## A\n\n#### Fast finite width neural tangent kernel [`READ`]\n\npaper link: [here](https://arxiv.org/abs/2206.08720)\n\n"
        "```bibtex\n@inproceedings{novak2022fast,\n  title={Fast finite width neural tangent kernel}\n}\n```\n\n"
        "#### Other paper [`READ`]\n\npaper link: [here](https://x.org)\n",
    ),
    "three copies": (
        "# L\n\n- [A paper title here](https://a.org/x)\n- [A paper title here](https://a.org/x)\n- [A paper title here](https://a.org/x)\n",
        "# L\n\n- [A paper title here](https://a.org/x)\n",
    ),
}


@pytest.mark.parametrize("name", sorted(FIX_CASES))
def test_unsafe_fix_removes_the_later_exact_repeat(name: str) -> None:
    before, after = FIX_CASES[name]
    assert fix_text(before, select=SELECT) == before  # unsafe: never applied by default
    fixed = fix_text(before, unsafe=True, select=SELECT)
    assert fixed == after
    assert found(fixed, select=("LL601",)) == []
    # the other entries are untouched, in order: the fix removes exactly the repeats
    removed = {d.span.start for d in lint_text(before, select=("LL601",))}
    kept = [e for e in parse(before).entries if e.primary_link is None or e.primary_link.span is None
            or e.primary_link.span.start not in removed]
    assert entry_signature(parse(fixed)) == [(e.title, e.primary_link.url if e.primary_link else "") for e in kept]


def test_fix_is_declared_unsafe_and_altering_entries() -> None:
    before, _ = FIX_CASES["tight middle"]
    (diagnostic,) = lint_text(before, select=("LL601",))
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert diagnostic.fix.alters == Alters.ENTRIES


def test_fix_only_removes_one_list_item_from_the_rendered_html() -> None:
    before, after = FIX_CASES["loose middle"]
    rendered = html(before)
    removed = "<li>\n<p><a href=\"https://a.org/x\">A paper title here</a></p>\n</li>\n"
    assert rendered.count(removed) == 1
    assert html(after) == rendered.replace(removed, "", 1)


NO_FIX_CASES = {
    "later carries more text": "# L\n\n- [A paper title here](https://a.org/x)\n- [A paper title here](https://a.org/x) - new words\n",
    "different title": "# L\n\n- [A paper title here](https://a.org/x) - d\n- [A Paper Title Here](https://a.org/x) - d\n",
    "later has a nested entry": "# L\n\n- [A paper title here](https://a.org/x)\n- [A paper title here](https://a.org/x)\n  - [Child](https://c.org)\n",
    "later has a nested note": "# L\n\n- [A paper title here](https://a.org/x)\n- [A paper title here](https://a.org/x)\n  - *a quote the first lacks*\n",
    # a cross-listing, usually on purpose: removing it could empty the section and stale a count in its heading
    "in another section": "# L\n\n- [A paper title here](https://a.org/x) - desc\n\n## B\n\n- [A paper title here](https://a.org/x)\n",
    "in another section of the same title": "# L\n\n## A\n\n### 2023\n\n- [A paper title here](https://a.org/x)\n\n"
                                            "## B\n\n### 2023\n\n- [A paper title here](https://a.org/x)\n",
    "in a blockquote": "# L\n\n> - [A paper title here](https://a.org/x)\n> - [A paper title here](https://a.org/x)\n",
    "first item of an ordered list interrupting a paragraph": "# L\n\n1. [A paper title here](https://a.org/x)\n\nIntro:\n1. [A paper title here](https://a.org/x)\n2. [B](https://b.org)\n",
}


@pytest.mark.parametrize("name", sorted(NO_FIX_CASES))
def test_no_fix_when_not_an_exact_repeat_or_not_certain(name: str) -> None:
    text = NO_FIX_CASES[name]
    diagnostics = lint_text(text, select=("LL601",))
    assert [d.code for d in diagnostics] == ["LL601"]
    assert diagnostics[0].fix is None
    assert fix_text(text, unsafe=True, select=("LL601",)) == text


def test_deep_learning_explained_repeat_has_no_fix(corpus: Path) -> None:
    # the second copy carries a nested quote the first lacks, so it must be merged by hand
    text = (corpus / "seeds" / "deep-learning-explained.md").read_text(encoding="utf-8")
    diagnostics = lint_text(text, select=SELECT)
    assert [(d.code, SourceText(text).position(d.span.start)) for d in diagnostics] == [("LL601", (27, 63))]
    assert diagnostics[0].fix is None
    assert diagnostics[0].message == (
        "duplicate link 'https://arxiv.org/pdf/2110.04274.pdf': also listed at line 15 under "
        "'Training: SGD, learning dynamics, curriculum'"
    )


# --------------------------------------------------------------------------------------------------------------
# LL602 duplicate-title
# --------------------------------------------------------------------------------------------------------------


def test_title_key_normalisation() -> None:
    key = duplicates.title_key
    assert key("  Attention   Is All You Need!! ") == "attention is all you need"
    assert key("{B}ERT: Pre-training of Deep Bidirectional Transformers") == key(
        "BERT: Pre-Training of Deep Bidirectional Transformers"
    ) == "bert pre training of deep bidirectional transformers"
    assert key('Sch\\"{o}lkopf and \\emph{Smola}') == key("Schölkopf and Smola") == "scholkopf and smola"
    assert key("Ｌａｒｇｅ　Ｓｃａｌｅ") == "large scale"
    assert key("Stra\u00dfe") == key("STRASSE")  # casefold, not lower
    assert key("Architecture &amp; Descent") == key("Architecture & Descent") == "architecture descent"
    assert key("🔥 Hot paper here") == "hot paper here"
    assert key("C++ Tricks") == "c++ tricks"
    assert key("and/or") == "and or"
    assert key("深度学习理论与实践！") == "深度学习理论与实践"


def test_titles_shorter_than_three_words_are_not_compared() -> None:
    comparable = duplicates.title_is_comparable
    assert not comparable("survey")
    assert not comparable("deep learning")
    assert comparable("deep learning theory")
    assert not comparable("深度学习")  # four characters: two words
    assert comparable("深度学习理论")


def test_symbols_emoji_and_private_use_glyphs_are_no_words() -> None:
    # open-source-ios-apps: '[` App Store`](…)' under every app starts with Apple's logo, the private-use U+F8FF;
    # counted as a word it made 'App Store' a three-word title, and 395 store links duplicates of each other
    key = duplicates.title_key
    assert key("\uf8ff App Store") == key("App Store") == "app store"
    assert key("\U0001f468\u200d\U0001f3eb Sites \u2b50 para") == "sites para"
    comparable = duplicates.title_is_comparable
    assert not comparable("\uf8ff app store")
    assert not comparable("c + + → tools")  # a symbol the key keeps is no word either
    assert comparable("c++ template tricks")
    text = ("# Apps\n\n## Games\n\n- [Alpha](https://github.com/a/alpha): A puzzle game\n"
            "  - [`\uf8ff App Store`](https://apps.apple.com/app/id1)\n"
            "- [Beta](https://github.com/b/beta): A racing game\n"
            "  - [`\uf8ff App Store`](https://apps.apple.com/app/id2)\n"
            "  - [\U0001f525 \uf8ff App \u2b50 Store](https://apps.apple.com/app/id3)\n")
    assert found(text, select=("LL602",)) == []


def test_titles_fixture() -> None:
    text = (FIXTURES / "titles.md").read_text(encoding="utf-8")
    assert found(text) == [
        ("LL602", 14, 4, "deep residual learning for image recognition."),
        ("LL602", 15, 4, "BERT: Pre-Training of Deep Bidirectional Transformers"),
        ("LL602", 16, 4, "Large Scale GAN Training"),
        ("LL602", 17, 4, "Kernel methods by Schölkopf and Smola"),
        ("LL602", 19, 4, "深度学习理论与实践！"),
        ("LL602", 23, 47, "Deep residual learning for image recognition"),
    ]
    assert messages(text)[0] == (
        "duplicate title 'deep residual learning for image recognition.': also listed at line 5 under 'Preprints' "
        "as 'Deep Residual Learning for Image Recognition' (linked to 'https://arxiv.org/abs/1512.03385')"
    )


def test_same_title_and_same_link_is_left_to_ll601() -> None:
    text = "# L\n\n- [A paper title here](https://a.org/x)\n- [A paper title here](http://a.org/x)\n"
    assert [c for c, *_ in found(text)] == ["LL601"]
    assert found(text, select=("LL602",)) == []


def test_toc_titles_and_allowed_links_are_not_compared() -> None:
    text = "# L\n\n## Contents\n\n- [Deep learning theory notes](https://a.org/x)\n\n## Papers\n\n" \
           "- [Deep learning theory notes](https://b.org/y)\n"
    assert found(text) == []
    text = text.replace("## Contents", "## Reading")
    assert found(text) == [("LL602", 9, 4, "Deep learning theory notes")]
    assert found(text, config(allow=["https://b.org/y"])) == []


# --------------------------------------------------------------------------------------------------------------
# LL603 duplicate-citation-key and LL604 duplicate-identifier
# --------------------------------------------------------------------------------------------------------------


def test_bibtex_fixture() -> None:
    text = (FIXTURES / "bibtex.md").read_text(encoding="utf-8")
    assert found(text) == [
        ("LL603", 23, 16, "Novak2022Fast"),
        ("LL604", 25, 33, "2206.08720"),
        ("LL604", 39, 8, "https://doi.org/10.1145/3446776"),
        ("LL604", 51, 8, "\\url{https://arxiv.org/abs/1706.03762v5}"),
    ]
    assert messages(text) == [
        "duplicate BibTeX key 'Novak2022Fast': also used at line 10 under 'Papers' as 'novak2022fast'",
        "arXiv 2206.08720 (from the journal field) is also listed at line 5 under 'Papers' behind a different "
        "link ('https://arxiv.org/abs/2206.08720')",
        "DOI 10.1145/3446776 (from the doi field) is also listed at line 30 under 'Papers' "
        "('https://dl.acm.org/doi/10.1145/3446776')",
        "arXiv 1706.03762 (from the url field) is also listed at line 44 under 'Citations' (BibTeX key 'vaswani2017')",
    ]


def test_bib_identifiers_from_fields() -> None:
    text = (
        "# C\n\n```bibtex\n@article{a,\n  doi={10.48550/arXiv.2010.11929},\n  eprint={1706.03762},\n"
        "  journal={CoRR, abs/1512.03385},\n  url={https://doi.org/10.1145/3446776},\n}\n```\n"
    )
    document = parse(text)
    (bib,) = document.bibtex_blocks[0].entries
    got = [(ident, evidence, span.of(text)) for ident, evidence, span in duplicates.bib_identifiers(bib, text)]
    assert got == [
        ("arxiv:2010.11929", "doi field", "10.48550/arXiv.2010.11929"),
        ("arxiv:1706.03762", "eprint field", "1706.03762"),
        ("arxiv:1512.03385", "journal field", "1512.03385"),
        ("doi:10.1145/3446776", "url field", "https://doi.org/10.1145/3446776"),
    ]


def test_eprint_of_another_archive_is_not_arxiv() -> None:
    text = "# C\n\n```bibtex\n@article{a,\n  eprint={1706.03762},\n  archivePrefix={HAL},\n}\n```\n"
    (bib,) = parse(text).bibtex_blocks[0].entries
    assert duplicates.bib_identifiers(bib, text) == []


def test_duplicate_key_in_one_block_and_across_blocks() -> None:
    text = "# C\n\n```bibtex\n@article{k1, title={One}}\n```\n\n```bibtex\n@misc{K1, title={Two}}\n```\n"
    assert found(text) == [("LL603", 8, 7, "K1")]


def test_same_identifier_under_the_same_key_is_left_to_ll603() -> None:
    text = "# C\n\n```bibtex\n@article{k1, eprint={2010.11929}}\n```\n\n```bibtex\n@misc{k1, eprint={2010.11929}}\n```\n"
    assert [c for c, *_ in found(text)] == ["LL603"]


def test_identifier_allow_list() -> None:
    text = "# C\n\n```bibtex\n@article{k1, eprint={2010.11929}}\n```\n\n```bibtex\n@misc{k2, eprint={2010.11929}}\n```\n"
    assert [c for c, *_ in found(text)] == ["LL604"]
    assert found(text, config(allow=["https://arxiv.org/abs/2010.11929"])) == []


# --------------------------------------------------------------------------------------------------------------
# Project scope
# --------------------------------------------------------------------------------------------------------------

A_MD = (
    "# A\n\n## Training\n\n- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
    "- [Some paper name here](https://x.org/p)\n\n```bibtex\n@article{k1, title={One title}}\n```\n\n"
    "```bibtex\n@article{same, title={Same paper}}\n```\n"
)
B_MD = (
    "# B\n\n## Vision\n\n- [Other](https://arxiv.org/pdf/1512.03385v3.pdf)\n- [Some paper name here](https://y.org/p)\n\n"
    "```bibtex\n@article{K1, title={Another title}}\n```\n\n```bibtex\n@article{same, title={Same Paper}}\n```\n\n"
    "- [Other again](https://arxiv.org/abs/1512.03385)\n"
)


def _run(tmp_path: Path, scope: str) -> dict[str, list[tuple[str, int, int, str]]]:
    (tmp_path / ".listlint.toml").write_text(f'[duplicates]\nscope = "{scope}"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(A_MD, encoding="utf-8")
    (tmp_path / "b.md").write_text(B_MD, encoding="utf-8")
    runner = Runner(ConfigResolver(), Options(select=SELECT))
    out: dict[str, list[tuple[str, int, int, str]]] = {}
    for outcome in runner.check([str(tmp_path / "a.md"), str(tmp_path / "b.md")]):
        assert outcome.error is None
        assert outcome.source is not None
        out[Path(outcome.path).name] = [
            (d.code, *outcome.source.position(d.span.start), d.message) for d in outcome.diagnostics
        ]
    return out


def test_file_scope_ignores_other_files(tmp_path: Path) -> None:
    result = _run(tmp_path, "file")
    assert result["a.md"] == []
    assert [(c, line) for c, line, _, _ in result["b.md"]] == [("LL601", 16)]
    assert "also listed at line 5 under 'Vision'" in result["b.md"][0][3]


def test_project_scope_names_the_first_files_line(tmp_path: Path) -> None:
    result = _run(tmp_path, "project")
    a = str(tmp_path / "a.md")
    assert result["a.md"] == []
    assert result["b.md"] == [
        ("LL601", 5, 11, f"duplicate link 'https://arxiv.org/pdf/1512.03385v3.pdf' (arxiv:1512.03385): also listed "
                         f"at {a}:5 under 'Training' as 'https://arxiv.org/abs/1512.03385' for 'Deep Residual Learning "
                         "for Image Recognition', a different title: if they are two works, one of the links is wrong"),
        ("LL602", 6, 4, f"duplicate title 'Some paper name here': also listed at {a}:6 under 'Training' "
                        "(linked to 'https://x.org/p')"),
        ("LL603", 9, 10, f"BibTeX key 'K1' is also used at {a}:9 under 'Training' for a different title ('One title')"),
        ("LL601", 16, 17, "duplicate link 'https://arxiv.org/abs/1512.03385' (arxiv:1512.03385): also listed at line 5 "
                          "under 'Vision' as "
                          "'https://arxiv.org/pdf/1512.03385v3.pdf'"),
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_project_scope_across_files(tmp_path: Path, jobs: str) -> None:
    (tmp_path / ".listlint.toml").write_text('[duplicates]\nscope = "project"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(A_MD, encoding="utf-8")
    (tmp_path / "b.md").write_text(B_MD, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "listlint.cli", "check", "-q", "-j", jobs, "--select", "LL6", "a.md", "b.md"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "b.md:5:11: LL601 duplicate link 'https://arxiv.org/pdf/1512.03385v3.pdf' (arxiv:1512.03385): also listed "
        "at a.md:5 under 'Training' as 'https://arxiv.org/abs/1512.03385' for 'Deep Residual Learning for Image "
        "Recognition', a different title: if they are two works, one of the links is wrong (duplicate-link)",
        "b.md:6:4: LL602 duplicate title 'Some paper name here': also listed at a.md:6 under 'Training' "
        "(linked to 'https://x.org/p') (duplicate-title)",
        "b.md:9:10: LL603 BibTeX key 'K1' is also used at a.md:9 under 'Training' for a different title "
        "('One title') (duplicate-citation-key)",
        "b.md:16:17: LL601 duplicate link 'https://arxiv.org/abs/1512.03385' (arxiv:1512.03385): also listed at line 5 "
        "under 'Vision' "
        "as 'https://arxiv.org/pdf/1512.03385v3.pdf' (duplicate-link)",
    ]


def test_project_index_is_built_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    facts_calls: list[str] = []
    real_index, real_facts = duplicates._build_index, duplicates._build_facts

    def counting_index(documents, allow, *rest):  # type: ignore[no-untyped-def]
        calls.append(len(tuple(documents)))
        return real_index(documents, allow, *rest)

    def counting_facts(document):  # type: ignore[no-untyped-def]
        facts_calls.append(document.path)
        return real_facts(document)

    monkeypatch.setattr(duplicates, "_build_index", counting_index)
    monkeypatch.setattr(duplicates, "_build_facts", counting_facts)
    _run(tmp_path, "project")
    assert calls == [2]  # one index over both files, shared by four rules and two documents
    assert sorted(Path(p).name for p in facts_calls) == ["a.md", "b.md"]


def test_file_scope_builds_facts_and_index_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real_index = duplicates._build_index

    def counting_index(documents, allow, *rest):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real_index(documents, allow, *rest)

    monkeypatch.setattr(duplicates, "_build_index", counting_index)
    lint_text(B_MD, select=SELECT)
    assert calls == [1]


def test_project_scope_without_a_project_falls_back_to_the_file() -> None:
    # lint_text passes no project: the rules must still work, on the one file
    assert [c for c, *_ in found(B_MD, config(scope="project"))] == ["LL601"]


# --------------------------------------------------------------------------------------------------------------
# Linear time
# --------------------------------------------------------------------------------------------------------------


def test_many_entries_are_indexed_not_compared_pairwise() -> None:
    lines = ["# L", ""]
    for n in range(3000):
        lines.append(f"- [Paper number {n} on things](https://arxiv.org/abs/2101.{n:05d})")
    lines.append(f"- [Paper number 7 on things](https://arxiv.org/pdf/2101.00007v2.pdf)")
    text = "\n".join(lines) + "\n"
    document = parse(text)
    index = duplicates.index_for(document, (), "file", ())
    assert len(index.by_link) == 3000 and len(index.by_title) == 3000
    assert found(text) == [("LL601", 3003, 30, "https://arxiv.org/pdf/2101.00007v2.pdf")]


# --------------------------------------------------------------------------------------------------------------
# Properties: generated lists with repeated lines
# --------------------------------------------------------------------------------------------------------------


@st.composite
def lists_with_repeats(draw: st.DrawFn) -> str:
    """A generated reading list in which some lines (entries, nested items, headings) are copied elsewhere."""
    text = draw(st.one_of(markdown_documents(), corpus_mutations(max_lines=60)))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        source = draw(st.integers(0, max(0, len(lines) - 1)))
        target = draw(st.integers(0, len(lines)))
        lines.insert(target, lines[source] if lines else "")
    return "\n".join(lines)


@given(lists_with_repeats())
def test_unsafe_fix_only_removes_entries_and_converges(text: str) -> None:
    before = parse(text)
    diagnostics = lint_text(text, select=SELECT)
    for d in diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(before.text)
    fixed = fix_text(text, unsafe=True, select=SELECT)  # raises FixError when fixes do not converge
    assert fix_text(fixed, unsafe=True, select=SELECT) == fixed
    # Entries with links keep their order and content; only reported repeats go. (Link-less headings may be read
    # differently once a list below them is gone: the parser then takes a heading holding a fence for an entry.)
    old = [sig for sig in entry_signature(before) if sig[1]]
    new = [sig for sig in entry_signature(parse(fixed)) if sig[1]]
    it = iter(old)
    assert all(sig in it for sig in new), "the fix changed or reordered an entry it did not remove"
    assert len(old) - len(new) <= sum(1 for d in diagnostics if d.code == "LL601" and d.fix is not None)


# ---- Section scope -------------------------------------------------------------------------------------------------


def test_section_scope_allows_a_link_listed_in_two_sections_and_reports_repeats_within_one() -> None:
    # awesome lists cross-list a resource under each topic it belongs to; a repeat inside one section is still a slip
    text = (
        "# L\n\n## Sequence Modelling\n\n- [Abuse detection at scale](https://example.com/abuse) - LinkedIn.\n"
        "- [Sequence models in production](https://example.com/seq) - a talk.\n\n"
        "## Anomaly Detection\n\n- [Abuse detection at scale](https://example.com/abuse) - LinkedIn.\n"
        "- [Isolation forests, revisited](https://arxiv.org/abs/2001.00001) - a paper.\n"
        "- [Isolation forests, revisited](https://arxiv.org/pdf/2001.00001v2.pdf) - the same paper.\n"
    )
    everywhere = [(code, line) for code, line, _, _ in found(text)]
    per_section = [(code, line) for code, line, _, _ in found(text, config(scope="section"))]
    assert everywhere == [("LL601", 10), ("LL601", 12)]
    assert per_section == [("LL601", 12)]
    titles = text.replace("https://example.com/abuse", "https://example.com/a1", 1)  # same title, another link
    assert [(code, line) for code, line, _, _ in found(titles)] == [("LL602", 10), ("LL601", 12)]
    assert [code for code, *_ in found(titles, config(scope="section"))] == ["LL601"]


def test_section_scope_is_a_valid_setting_and_others_are_not(tmp_path: Path) -> None:
    assert config(scope="section").duplicates.scope == "section"
    with pytest.raises(Exception, match="duplicates.scope"):
        config(scope="chapter")


# ---- Different items on one page, wrong links, cross-listings, works sharing a title --------------------------------


def test_named_fragments_of_one_page_are_different_items() -> None:
    # free-programming-books: two books of one gallery page, each with its own anchor
    page = "http://social.technet.microsoft.com/wiki/11608.e-book-gallery.aspx"
    text = (
        f"# Books\n\n## SQL\n\n- [Introducing SQL Server 2008 R2]({page}#IntroducingSQLServer2008R2)\n"
        f"- [Introducing SQL Server 2012]({page}#IntroducingSQLServer2012)\n"
        f"- [Introducing SQL Server 2012 again]({page}#IntroducingSQLServer2012)\n- [The gallery]({page})\n"
    )
    # the same anchor twice, and the page itself next to an item of it, are still one link
    assert [(c, line) for c, line, *_ in found(text, select=("LL601",))] == [("LL601", 7), ("LL601", 8)]
    assert "also listed at line 6" in messages(text, select=("LL601",))[0]
    # route fragments (#page=2) stay part of the key; arXiv identity ignores fragments as before
    pdf = "# P\n\n- [Paper one title here](https://a.org/p.pdf#page=2)\n- [Paper one title here](https://a.org/p.pdf#page=3)\n"
    assert found(pdf, select=("LL601",)) == []
    arxiv = ("# P\n\n- [Attention is all you need](https://arxiv.org/abs/1706.03762#a)\n"
             "- [Attention is all you need](https://arxiv.org/pdf/1706.03762#b)\n")
    assert [c for c, *_ in found(arxiv, select=("LL601",))] == ["LL601"]


def test_cross_listings_can_be_left_alone_without_hiding_wrong_links() -> None:
    text = (
        "# P\n\n## Generation\n\n- [RainDiffusion: weather removal](https://arxiv.org/abs/2301.09430)\n"
        "- [ADDP: general representations](https://arxiv.org/abs/2306.05423)\n\n## Classification\n\n"
        "- [ADDP: general representations](https://arxiv.org/abs/2306.05423)\n"
        "- [Dif-Fusion: high color fidelity](https://arxiv.org/abs/2301.09430)\n"
        "- [Dif-Fusion: high color fidelity](https://arxiv.org/abs/2301.09430)\n"
    )
    assert [line for _, line, *_ in found(text, select=("LL601",))] == [10, 11, 12]
    quiet = config(**{"cross-listings": False})
    assert [line for _, line, *_ in found(text, quiet, select=("LL601",))] == [11, 12]
    msgs = messages(text, quiet, select=("LL601",))
    assert msgs[0].endswith("under 'Generation' for 'RainDiffusion: weather removal', a different title: if they "
                            "are two works, one of the links is wrong")
    assert msgs[1] == "duplicate link 'https://arxiv.org/abs/2301.09430': also listed at line 11 under 'Classification'"


@pytest.mark.parametrize("text", [
    # editions and versions, in the description or the link
    "- [Django Official Documentation](https://media.readthedocs.org/pdf/django/1.5.x/django.pdf) (PDF) (1.5)\n"
    "- [Django Official Documentation](https://media.readthedocs.org/pdf/django/1.7.x/django.pdf) (PDF) (1.7)\n",
    # two books by different authors, listed side by side
    "- [Programming in C](http://ee.hawaii.edu/~tep/EE160/Book/PDF/) - Bharat Kinariwala & Tep Dobry\n"
    "- [Programming in C](https://www.freetechbooks.com/programming-in-c-t1337.html) - Kishori Mundargi\n",
    # two surveys of different years
    "- [Word Sense Disambiguation: A Survey](https://dl.acm.org/doi/10.1145/1459352.1459355) - ACM Comput. Surv. 2009\n"
    "\n## Other\n\n- [Word sense disambiguation: a survey](https://example.org/wsd.pdf) - IJCTCM 2015\n",
    # a blog post and a talk
    "- [What are Diffusion Models?](https://lilianweng.github.io/posts/2021-07-11-diffusion-models/)\n\n## Other\n\n"
    "- [What are Diffusion Models?](https://www.youtube.com/watch?v=fbLgFrlTnGU)\n",
    # a group's website, its Facebook page and its Twitter account (awesome-datascience: "Bloggers", "Facebook
    # Accounts", "Twitter Accounts")
    "- [Data Science London](https://datasciencelondon.org/) - A non-profit organization\n\n## Facebook\n\n"
    "- [Data Science London](https://www.facebook.com/pages/Data-Science-London/226174337471513)\n\n## Twitter\n\n"
    "| Twitter | Description |\n| --- | --- |\n| [Data Science London](https://twitter.com/ds_ldn) | Data Hacks |\n"
    "| [Quora Data Science](https://x.com/q_datascience) | Q&A |\n\n## Blogs\n\n"
    "- [Quora Data Science](https://www.quora.com/topic/Data-Science) - Questions and answers\n",
])
def test_works_sharing_a_title_are_not_duplicates(text: str) -> None:
    assert found("# L\n\n## S\n\n" + text, select=("LL602",)) == []


def test_a_work_repeated_under_another_link_is_still_a_duplicate_title() -> None:
    text = (
        "# L\n\n## Ruby\n\n- [Ruby Notes for Professionals](https://goalkicker.com/RubyBook) - Compiled from "
        "StackOverflow Documentation (PDF)\n- [Other book](https://o.org)\n\n## More\n\n"
        "- [Ruby Notes for Professionals](https://books.goalkicker.com/RubyBook/) - Compiled from StackOverflow (PDF)\n"
        "- [Django Official Documentation](https://readthedocs.org/django/1.5.x/) (1.5)\n"
        "- [Django Official Documentation](https://readthedocs.org/django/1.7.x/) (1.7)\n"
        "- [Django Official Documentation](https://readthedocs.org/django/1.7.x/django.pdf) (1.7)\n"
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) - arXiv 2017\n- [Other book](https://o.org)\n"
        "- [Attention Is All You Need](https://papers.nips.cc/paper/7181) - NeurIPS 2018\n"
    )
    # far apart with another description: one work twice; a third Django entry repeats the second, not the first;
    # a preprint and its venue a year apart are one work
    assert [(c, line) for c, line, *_ in found(text, select=("LL602",))] == [("LL602", 10), ("LL602", 13), ("LL602", 16)]
    assert "also listed at line 12" in messages(text, select=("LL602",))[1]


def test_two_accounts_of_one_network_with_one_name_are_still_a_duplicate_title() -> None:
    text = ("# L\n\n## Twitter\n\n- [Data Science London](https://twitter.com/ds_ldn)\n\n## People\n\n"
            "- [Data Science London](https://twitter.com/datascience_london)\n")
    assert [(c, line) for c, line, *_ in found(text, select=("LL602",))] == [("LL602", 9)]


def test_a_reworded_title_is_no_sign_of_a_wrong_link() -> None:
    from listlint.duplicates import titles_differ

    assert not titles_differ("machine learning for computer vision winter 2017 2018 uniheidelberg",
                             "machine learning for computer vision class winter 2017 2018 heidelberg university")
    assert titles_differ("raindiffusion weather removal", "dif fusion high color fidelity")
    assert not titles_differ("gpt 4", "gpt 4 technical report")
    text = ("# L\n\n- [Machine Learning for Computer Vision - Winter 2017 - UniHeidelberg](https://y.org/p)\n"
            "- [Machine Learning for Computer Vision class (Winter 2017), Heidelberg University](https://y.org/p)\n")
    assert messages(text, select=("LL601",)) == ["duplicate link 'https://y.org/p': also listed at line 3 under 'L'"]


def test_an_index_line_pointing_at_an_entrys_notes_is_no_second_listing() -> None:
    papers = ("ImageNet Classification with Deep CNNs", "Visualizing and Understanding Convolutional Networks",
              "Very Deep Convolutional Networks")
    text = "# Reading\n\n" + "".join(f"- [x] [{t}](#p{n})\n" for n, t in enumerate(papers))
    text += "- [ ] [Xception: Depthwise Separable Convolutions]()\n- [ ] [Xception: Depthwise Separable Convolutions]()\n"
    text += "\n## Notes\n\n" + "".join(
        f"<div id='p{n}'/>\n\n### [{t}](https://papers.org/{n}.pdf) [`READ`]\n\n**Brief:** words.\n\n"
        for n, t in enumerate(papers))
    document = parse(text)
    assert [e.layout.value for e in document.entries].count("heading") == 3  # the notes are entries too
    assert [line for _, line, *_ in found(text, select=("LL602",))] == [7]  # only the true repeat
