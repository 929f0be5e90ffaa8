"""The parser: entry counts on the seed lists, exact spans, and robustness on awkward Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from listlint.model import Layout, LinkKind
from listlint.parser import parse
from listlint.source import SourceText

# Counting rules (what these numbers mean):
# - entries: every Entry in Document.entries, nested children included;
#   list layout  = a list item whose first line has a link that leads the item (after numbering, emoji or a
#                  checkbox) or that follows a title; a fragment-only link (ToC) is not an entry;
#   heading layout = a leaf heading carrying a status tag or followed by a BibTeX fence (or, at level >= 3, a run
#                  of leaf headings followed by link lines);
#   citation layout = a plain-text reference (APA "(2016)." or "-YYYY.MM.DD"), in a list, or a line starting with
#                  a typed bullet such as "•"; in a list that is mostly references, the odd undated item too;
#   table layout = a body row with a link to a page, in a table where at least two rows and half of them have one.
# - links: every link of the file (inline, reference, autolink, bare URL, HTML href), in entries or not;
# - tags: entries whose title line carries a status tag;
# - bibtex: BibTeX fences (labelled bibtex/bib, or unlabelled fences whose content starts with an @entry).
SEEDS = {
    # 19 "- [Title](url), ..." bullets under ###/#### sections; the repeated paper counts twice.
    "deep-learning-explained.md": dict(entries=19, links=19, tags=0, bibtex=0, layouts={Layout.LIST: 19}),
    # numbered "N. [Title](url)..." items and nested "+ N.M [Sub](url)" items with links (33 + 19 nested);
    # "6. NN Approximation Theory"-style items without a link are groups, not entries; "6. []()" is an (empty) entry.
    "deep-learning-theory-notes-zh.md": dict(entries=52, links=69, tags=0, bibtex=0, layouts={Layout.LIST: 52}),
    # 69 "• Author, A. (Year). Title. Venue." lines under "Key papers"; the 15 "•" menu lines of the scraped page
    # footer (no year) are not references.
    "dl-theory-course-page.md": dict(entries=69, links=0, tags=0, bibtex=0, layouts={Layout.CITATION: 69}),
    # 20 numbered "Title- Authors-YYYY.MM.DD" items (2 without a date, counted because the list is references);
    # the one link is a bare URL in the intro.
    "maths-of-deep-learning-course.md": dict(entries=20, links=1, tags=0, bibtex=0, layouts={Layout.CITATION: 20}),
    # 20 "#### Title [`TAG`]" headings (1 under TextBooks, 19 under Papers), one "paper/book link: [here](url)" each,
    # 19 ```bibtex fences (the book has none).
    "theory-for-deep-learning.md": dict(entries=20, links=20, tags=20, bibtex=19, layouts={Layout.HEADING: 20}),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_counts(corpus: Path, name: str) -> None:
    expected = SEEDS[name]
    doc = parse((corpus / "seeds" / name).read_text(encoding="utf-8"), name)
    assert len(doc.entries) == expected["entries"]
    assert len(doc.links) == expected["links"]
    assert sum(1 for e in doc.entries if e.status is not None) == expected["tags"]
    assert len(doc.bibtex_blocks) == expected["bibtex"]
    layouts: dict[Layout, int] = {}
    for entry in doc.entries:
        layouts[entry.layout] = layouts.get(entry.layout, 0) + 1
    assert layouts == expected["layouts"]


def _all_corpus(corpus: Path) -> list[Path]:
    return sorted((corpus / "seeds").glob("*.md")) + sorted((corpus / "real").glob("*.md"))


def test_spans_are_exact_on_every_corpus_file(corpus: Path) -> None:
    for path in _all_corpus(corpus):
        doc = parse(path.read_text(encoding="utf-8"), path.name)
        text = doc.text
        assert doc.links or path.name == "dl-theory-course-page.md", path.name
        for link in doc.links:
            assert link.span is not None, f"{path.name}: unconfirmed position for {link.url!r}"
            assert text[link.span.start : link.span.end] == link.url
            assert link.full_span.contains(link.span)
            if link.text_span is not None:
                assert text[link.text_span.start : link.text_span.end] == link.text
        for entry in doc.entries:
            assert 0 <= entry.span.start <= entry.span.end <= len(text)
            if entry.title_span is not None and entry.layout is not Layout.LIST:
                assert entry.title in " ".join(text[entry.title_span.start : entry.title_span.end].split()) or \
                    entry.title.replace(" ", "") in text[entry.title_span.start : entry.title_span.end].replace(" ", "")
            if entry.status is not None:
                assert text[entry.status.span.start : entry.status.span.end] == entry.status.raw
        for block in doc.bibtex_blocks:
            assert text[block.content_span.start : block.content_span.end] == block.raw


def test_theory_entry_details(corpus: Path) -> None:
    doc = parse((corpus / "seeds" / "theory-for-deep-learning.md").read_text(encoding="utf-8"))
    first = doc.entries[1]
    assert first.title == "Fast finite width neural tangent kernel"
    assert first.status is not None and first.status.raw == "[`READ`]" and first.status.value == "READ"
    assert first.primary_link is not None
    assert first.primary_link.url == "https://proceedings.mlr.press/v162/novak22a/novak22a.pdf"
    assert first.primary_link.text == "here"
    assert len(first.bibtex) == 1 and first.bibtex[0].raw.startswith("@inproceedings{novak2022fast,")
    assert doc.source.position(first.status.span.start) == (14, 46)
    assert [h.is_entry for h in doc.headings if h.level == 4] == [True] * 20
    assert [s.title for s in doc.sections] == ["", "Theory for Deep Learning", "TextBooks", "Papers"]
    # the heading nickname stays part of the title
    assert any(e.title.endswith("(PReLU / MSRA)") for e in doc.entries)


def test_list_entry_fields() -> None:
    text = (
        "# List\n\n## Tools\n\n"
        "- [Alpha](https://alpha.dev) - The first tool. [`READ`]\n"
        "  - [Alpha plugin](https://alpha.dev/plugin) - extends it.\n"
        "- **[Beta](https://beta.dev)** - Another [docs](https://beta.dev/docs).\n"
    )
    doc = parse(text)
    alpha, plugin, beta = doc.entries
    assert alpha.title == "Alpha" and alpha.children == (plugin,)
    assert alpha.description.startswith("The first tool.")
    assert alpha.status is not None and alpha.status.value == "READ"
    assert beta.title == "Beta" and beta.primary_link is not None and beta.primary_link.url == "https://beta.dev"
    assert [l.url for l in beta.links] == ["https://beta.dev", "https://beta.dev/docs"]
    assert doc.source.position(beta.primary_link.span.start) == (7, 12)  # type: ignore[union-attr]
    assert alpha.section == "Tools"


def test_toc_and_fragment_links_are_not_entries() -> None:
    text = "# A\n\n## Contents\n\n- [Tools](#tools)\n- [Docs](#docs)\n\n## Tools\n\n- [X](https://x.dev)\n"
    doc = parse(text)
    assert [e.title for e in doc.entries] == ["X"]
    assert [s.is_toc for s in doc.sections] == [False, False, True, False]


def test_code_fences_tables_html_and_front_matter() -> None:
    text = (
        "---\ntitle: x\n---\n# List\n\n<!-- a comment with [x](https://c.dev) -->\n\n"
        "```markdown\n- [Not an entry](https://no.dev)\n```\n\n"
        "| name | link |\n|---|---|\n| a | [T](https://t.dev) |\n\n"
        "<div><a href=\"https://h.dev?utm_source=x\">banner</a></div>\n\n"
        "- [Real](https://real.dev)\n"
    )
    doc = parse(text)
    assert [e.title for e in doc.entries] == ["Real"]
    kinds = {l.url: l.kind for l in doc.links}
    assert kinds["https://t.dev"] is LinkKind.INLINE
    assert kinds["https://h.dev?utm_source=x"] is LinkKind.HTML
    assert "https://no.dev" not in kinds and "https://c.dev" not in kinds
    assert doc.blocks[0].kind == "front_matter"
    for link in doc.links:
        assert link.span is not None and text[link.span.start : link.span.end] == link.url


def test_bare_urls_and_autolinks() -> None:
    text = "See https://example.org/a_(b), and <https://auto.dev/x>. `https://code.dev` is code.\n"
    doc = parse(text)
    assert [(l.url, l.kind) for l in doc.links] == [
        ("https://example.org/a_(b)", LinkKind.BARE),
        ("https://auto.dev/x", LinkKind.AUTOLINK),
    ]


def test_crlf_and_bom_keep_positions() -> None:
    text = "\ufeff# List\r\n\r\n- [A](https://a.dev) - x\r\n- [B](https://b.dev)\r\n"
    source = SourceText(text)
    assert source.bom and source.newline == "\r\n"
    doc = parse(source)
    assert [e.title for e in doc.entries] == ["A", "B"]
    b = doc.entries[1].primary_link
    assert b is not None and b.span is not None and doc.text[b.span.start : b.span.end] == "https://b.dev"
    assert doc.source.position(b.span.start) == (4, 7)
    assert source.encode().startswith(b"\xef\xbb\xbf# List\r\n")


def test_chinese_and_wide_text_columns() -> None:
    text = "- 中文 [标题](https://zh.dev/路径) 描述\n"
    doc = parse(text)
    link = doc.links[0]
    assert link.url == "https://zh.dev/路径"
    assert doc.source.position(link.span.start) == (1, 11)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    ["", "\n", "#", "- ", "[", "[]()", "```", "```bibtex\n@article{", "| a |\n|---|\n| [x](", "<!--", "\t\t- [a](b)",
     "> - [q](https://q.dev)\n>   more", "1. a\n   1) b", "* * *", "\r\n\r", "\x00", "# \u200b"],
)
def test_parse_never_raises(text: str) -> None:
    doc = parse(text)
    for link in doc.links:
        if link.span is not None:
            assert doc.text[link.span.start : link.span.end] == link.url


def test_status_tags_on_citations_and_before_a_title_link() -> None:
    text = (
        "# L\n\n- [`READ`] [Title](https://t.dev) - d\n\n## K\n\n"
        "  • Goodfellow, I. (2016). Deep learning. MIT press. [`READ`]\n"
        "  • Ruder, S. (2016). An overview. arXiv. [UNREAD]\n\n"
        "1. Invariant Scattering Networks - Joan Bruna-2012.03.08 [`READ`]\n"
        "2. Other Paper - X Y-2013.01.02\n"
    )
    doc = parse(text)
    got = [(e.layout.value, e.title, e.status.value if e.status else None) for e in doc.entries]
    assert got == [
        ("list", "Title", "READ"),
        ("citation", "Deep learning", "READ"),
        ("citation", "An overview", "UNREAD"),
        ("citation", "Invariant Scattering Networks", "READ"),
        ("citation", "Other Paper", None),
    ]


def test_generic_citation_heading_over_blocks_is_a_section() -> None:
    block = "```bibtex\n@misc{k,\n  title={T},\n  year={2020}\n}\n```\n\n"
    doc = parse("# Lib\n\n## Citations\n\n" + block + block)
    assert doc.entries == () and [s.title for s in doc.sections][-1] == "Citations"
    doc = parse("# Lib\n\n## Citation\n\n" + block)
    assert doc.entries == ()


def test_section_titles_read_as_words_without_badges_links_and_html() -> None:
    text = (
        "# Awesome X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re) <img src=\"logo.png\">\n\n"
        "## [Papers](https://x.org) and *more*\n\n- [a](https://a.org)\n\n"
        "## [![logo](https://x.org/l.png)](https://x.org)\n\n"
        "Setext [with link](https://y.org)\n---\n"
    )
    doc = parse(text)
    assert [s.title for s in doc.sections] == ["", "Awesome X", "Papers and more", "", "Setext with link"]
    assert [e.section for e in doc.entries] == ["Papers and more"]


PAPER_TABLE = """## Papers

| Year | Paper | Venue | Links |
|---|---|---|---|
| 2017 | **Attention Is All You Need** | NeurIPS | [pdf](https://arxiv.org/abs/1706.03762) [code](https://github.com/t/t) |
| 2018 | [BERT](https://arxiv.org/abs/1810.04805) | NAACL [`READ`] | - |
| 2019 | No link here | ICML | - |
"""


def test_rows_of_a_table_of_papers_are_entries() -> None:
    doc = parse(PAPER_TABLE)
    assert [(e.layout, e.title, e.line, e.section) for e in doc.entries] == [
        (Layout.TABLE, "Attention Is All You Need", 4, "Papers"),
        (Layout.TABLE, "BERT", 5, "Papers"),
    ]
    first, second = doc.entries
    # the "Paper" column is the title; the row's first page link is the primary link, spans exact
    assert first.primary_link is not None and first.primary_link.url == "https://arxiv.org/abs/1706.03762"
    assert first.title_span is not None and first.title_span.of(PAPER_TABLE) == "Attention Is All You Need"  # inside the bold
    assert [link.url for link in first.links] == ["https://arxiv.org/abs/1706.03762", "https://github.com/t/t"]
    assert all(link.span is not None and link.span.of(PAPER_TABLE) == link.url for link in first.links)
    assert first.span.of(PAPER_TABLE).startswith("| 2017 |") and first.span.of(PAPER_TABLE).endswith("|")
    assert first.description == "2017 | NeurIPS | [pdf](https://arxiv.org/abs/1706.03762) [code](https://github.com/t/t)"
    # a title cell that is one link: its text, with the link text's span; a status tag anywhere in the row counts
    assert second.title_span is not None and second.title_span.of(PAPER_TABLE) == "BERT"
    assert second.status is not None and second.status.value == "READ"


@pytest.mark.parametrize(
    "table",
    [
        # no page links: badges and anchors only
        "| A | B |\n|---|---|\n| [x](#x) | ![b](https://img.shields.io/b.svg) |\n| [y](#y) | z |\n",
        # one linked row of three: not a table of entries
        "| A | B |\n|---|---|\n| [x](https://x.org) | 1 |\n| y | 2 |\n| z | 3 |\n",
        # a table inside a list item belongs to the item
        "- item\n\n  | A | B |\n  |---|---|\n  | [x](https://x.org) | 1 |\n  | [y](https://y.org) | 2 |\n",
    ],
)
def test_other_tables_give_no_entries(table: str) -> None:
    assert [e.layout for e in parse(table).entries if e.layout is Layout.TABLE] == []


def test_without_a_title_header_the_first_linked_column_is_the_title() -> None:
    text = "| # | Name | Repo |\n|---|---|---|\n| 1 | Alpha | [alpha](https://a.org) |\n| 2 | Beta | [beta](https://b.org) |\n"
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in parse(text).entries] == [
        ("Alpha", "https://a.org"), ("Beta", "https://b.org")]  # "Name" is a title header
    text = "| Year | Venue | Repo |\n|---|---|---|\n| 1 | X | [alpha](https://a.org) |\n| 2 | Y | [beta](https://b.org) |\n"
    assert [e.title for e in parse(text).entries] == ["alpha", "beta"]


def test_a_bold_lead_is_the_title_of_a_list_entry() -> None:
    text = (
        "1) **How Powerful are Graph Neural Networks?** Xu et al. ICLR 2019. [[pdf]](https://arxiv.org/abs/1810.00826)\n"
        "2) __Graph Attention Networks.__ Velickovic et al. [[pdf]](https://arxiv.org/abs/1710.10903)\n"
        "3) Plain Title. Authors. [[pdf]](https://arxiv.org/abs/1609.02907)\n"
    )
    entries = parse(text).entries
    assert [e.title for e in entries] == ["How Powerful are Graph Neural Networks?", "Graph Attention Networks",
                                          "Plain Title"]
    assert [e.title_span.of(text) if e.title_span else None for e in entries] == [e.title for e in entries]


def test_a_title_line_followed_by_lines_of_links_is_an_entry() -> None:
    text = (
        "- Self-supervised Visual Feature Learning: A Survey.\n"
        "  [[pdf]](https://arxiv.org/pdf/1902.06162.pdf) [[code]](https://github.com/x/y)\n"
        "  - Longlong Jing, Yingli Tian, et al. *TPAMI 2020*, pages 1-20.\n"
        "- A note that mentions a link further on,\n"
        "  as written in [this blog post](https://blog.example.org/post) by someone.\n"
    )
    entries = parse(text).entries
    # the authors line below the entry describes it (no entry of its own); the note is no entry either
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in entries] == [
        ("Self-supervised Visual Feature Learning: A Survey", "https://arxiv.org/pdf/1902.06162.pdf")]
    assert entries[0].title_span is not None and entries[0].title_span.of(text) == entries[0].title
    assert [link.url for link in entries[0].links] == ["https://arxiv.org/pdf/1902.06162.pdf", "https://github.com/x/y"]


def test_a_heading_that_is_a_link_is_an_entry_titled_and_linked_by_it() -> None:
    text = (
        "## 2022\n\n"
        "### [Chain-of-Thought Prompting](https://arxiv.org/abs/2201.11903)\n\n**Authors**: Jason Wei et al.\n\n"
        "### [Training language models to follow instructions](https://arxiv.org/abs/2203.02155)\n\n"
        "**Authors**: Long Ouyang et al.\n"
    )
    entries = parse(text).entries
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in entries] == [
        (Layout.HEADING, "Chain-of-Thought Prompting", "https://arxiv.org/abs/2201.11903"),
        (Layout.HEADING, "Training language models to follow instructions", "https://arxiv.org/abs/2203.02155"),
    ]
    # one such heading alone under a section is a section heading with a link, not a run of entries
    assert parse("## 2022\n\n### [Chain-of-Thought Prompting](https://arxiv.org/abs/2201.11903)\n\nText.\n").entries == ()


def test_the_emphasis_closing_around_a_title_link_is_not_in_the_description() -> None:
    text = "- **[Title](https://a.org)** - Ho et al, 2020\n- [Other](https://b.org) - *emphasised* text\n"
    assert [e.description for e in parse(text).entries] == ["Ho et al, 2020", "emphasised text"]


def test_labelled_link_lines_belong_to_the_heading_above() -> None:
    text = (
        "## 一、预训练\n\n### Attention Is All You Need\n\n- 论文：[arXiv](https://arxiv.org/abs/1706.03762)\n"
        "- Code: [GitHub](https://github.com/t/t)\n\n### BERT\n\n- Paper: [arXiv](https://arxiv.org/abs/1810.04805)\n"
    )
    entries = parse(text).entries
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in entries] == [
        (Layout.HEADING, "Attention Is All You Need", "https://arxiv.org/abs/1706.03762"),
        (Layout.HEADING, "BERT", "https://arxiv.org/abs/1810.04805"),
    ]
    # a short title before a colon is still a title when it is not a link label
    assert [e.title for e in parse("- GPT-3: [paper](https://arxiv.org/abs/2005.14165)\n").entries] == ["GPT-3"]


def test_a_paragraph_citing_a_quoted_title_with_its_links_is_an_entry() -> None:
    # the reading-roadmap layout: one paragraph per paper, a full reference, then its links
    text = (
        "# Roadmap\n\n## 1.1 Survey\n\n"
        '**[1]** LeCun, Yann, and Geoffrey Hinton. "**Deep learning for vision**." Nature 521 (2015). '
        "[[pdf]](https://a.org/dl.pdf) **(Survey)** :star::star:\n\n"
        '**[2]** Smith, J. (2019). Adaptive methods for sparse data. JMLR. [[pdf]](https://b.org/x.pdf) [[code]](https://c.org)\n\n'
        "This list was started in 2016, by two students, and is hosted at [GitHub](https://github.com/x).\n\n"
        'See "**Deep learning**." for an overview [here](https://d.org).\n'
    )
    document = parse(text, "x.md")
    entries = document.entries
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in entries] == [
        (Layout.CITATION, "Deep learning for vision", "https://a.org/dl.pdf"),
        (Layout.CITATION, "Adaptive methods for sparse data", "https://b.org/x.pdf"),
    ]
    first, second = entries
    assert first.title_span is not None and first.title_span.of(text) == "Deep learning for vision"  # inside the bold
    assert [link.url for link in second.links] == ["https://b.org/x.pdf", "https://c.org"]
    assert first.span.of(text).startswith("**[1]** LeCun") and first.line == 4
    assert first.section == "1.1 Survey"


def test_a_bold_title_over_authors_venue_and_links_is_an_entry_in_paragraphs_and_items() -> None:
    # a paragraph per paper, lines joined by hard breaks; and the same in list items with <br>
    text = (
        "# Diffusion\n\n## Vision\n\n### Generation\n\n"
        "**DiffEnc: Variational Diffusion with a Learned Encoder** \\\n"
        "*Beatrix M. G. Nielsen, Anders Christensen* \\\n"
        "arXiv 2023. [[Paper](https://arxiv.org/abs/2310.19789)] \\\n"
        "30 Oct 2023\n\n"
        "**Upgrading VAE Training With Unlimited Data** \\\n*Tim Z. Xiao* \\\n"
        "ICLR 2024. [[Paper](https://arxiv.org/abs/2310.19653)] [[Code](https://github.com/x/y)]\n\n"
        "### Navigation\n\n"
        "* **Auxiliary Tasks Speed Up Learning PointGoal Navigation** <br>\n"
        "*Joel Ye, Dhruv Batra* <br>\n"
        "CoRL, 2020. [[Paper]](https://arxiv.org/abs/2007.04561) [[Code]](https://github.com/joel99/aux)\n"
    )
    document = parse(text, "x.md")
    got = [(e.layout, e.title, e.primary_link.url if e.primary_link else None, e.section) for e in document.entries]
    assert got == [
        (Layout.CITATION, "DiffEnc: Variational Diffusion with a Learned Encoder", "https://arxiv.org/abs/2310.19789",
         "Generation"),
        (Layout.CITATION, "Upgrading VAE Training With Unlimited Data", "https://arxiv.org/abs/2310.19653", "Generation"),
        (Layout.LIST, "Auxiliary Tasks Speed Up Learning PointGoal Navigation", "https://arxiv.org/abs/2007.04561",
         "Navigation"),
    ]
    first, second, third = document.entries
    assert first.span.of(text).startswith("**DiffEnc") and first.span.of(text).endswith("30 Oct 2023")
    assert first.title_span is not None and first.title_span.of(text) == first.title
    assert [link.text for link in second.links] == ["Paper", "Code"]
    assert third.title_span is not None and third.title_span.of(text) == third.title
    # the headings above them are sections, not papers of the heading layout
    assert not any(heading.is_entry for heading in document.headings)


def test_a_bold_label_over_a_link_stays_prose() -> None:
    text = (
        "# L\n\n## About\n\n**Note:**\nSee [the guide](https://example.com/guide).\n\n"
        "**Related work**\nSee [the survey](https://example.com/survey) for more, and the [notes](https://n.org).\n\n"
        "* **Maintainers wanted** <br>\nWrite to [us](https://example.com/contact) or open an issue on the tracker.\n"
    )
    assert parse(text, "x.md").entries == ()


@pytest.mark.parametrize(
    ("line", "title"),
    [
        # an escaped character stands for itself; emphasis marks still go
        ("- [Q\\*: Improving **multi-step** Reasoning](https://a.org)\n", "Q*: Improving multi-step Reasoning"),
        ("- [A\\_B \\[x\\] Model](https://a.org)\n", "A_B [x] Model"),
        # the bracket that opens a [[code](url)] group is not part of the title before it
        ("- CLIP Guided Diffusion [[code](https://a.org)]\n", "CLIP Guided Diffusion"),
        # an abbreviation's period ends no title
        ("- Univ. Toronto / MIT [[Paper](https://a.org)]\n", "Univ. Toronto / MIT"),
        ("- Deep nets, Smith et al. Cambridge. [[pdf](https://a.org)]\n", "Deep nets, Smith et al. Cambridge"),
        # quotes around the whole title are not part of it
        ('- **"Consistency Analysis of ChatGPT"** Author. arXiv 2023. [[Paper](https://a.org)]\n',
         "Consistency Analysis of ChatGPT"),
        # authors, then the quoted title, then the venue: the quoted part is the title
        ('- Jun-Yan Zhu and Alexei A. Efros, "Generative Visual Manipulation", ECCV 2016. [[Paper](https://a.org)]\n',
         "Generative Visual Manipulation"),
    ],
)
def test_titles_are_read_as_a_reader_sees_them(line: str, title: str) -> None:
    (entry,) = parse(line).entries
    assert entry.title == title


def test_headings_over_prose_that_mentions_a_link_are_sections_not_papers() -> None:
    # a leaderboard: each dataset heading has a paragraph of prose with a link, then a table of results
    prose = (
        "The [{0} dataset](https://example.com/{0}) is a question answering benchmark with genuine grade-school\n"
        "questions; models are evaluated on accuracy.\n\n| Model | Score |\n| --- | --- |\n| A | 1 |\n"
    )
    text = "# QA\n\n## Datasets\n\n" + "".join(f"### {name}\n\n" + prose.format(name) + "\n" for name in ("ARC", "ShARC"))
    assert not any(heading.is_entry for heading in parse(text, "x.md").headings)
    # a run of headings over lines of labelled links stays a run of papers
    links = "".join(f"### Paper {n}\n\npaper link: [here](https://a.org/{n}) code: [here](https://c.org/{n})\n\n"
                    for n in range(2))
    assert [e.title for e in parse("# L\n\n## Papers\n\n" + links, "x.md").entries] == ["Paper 0", "Paper 1"]


def test_a_paragraph_of_a_title_link_then_venue_and_year_is_an_entry() -> None:
    text = (
        "# XAI\n\n## Surveys\n\n"
        "[Explainability for Large Language Models: A Survey](https://dl.acm.org/doi/10.1145/3639372), TIST 2023\n\n"
        "[A survey of methods for explaining black box models](http://arxiv.org/abs/1802.01933), ACM Computing Surveys, 2018\n\n"
        "[Our website](https://example.com) is where the list started, years ago.\n"
    )
    document = parse(text, "x.md")
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in document.entries] == [
        (Layout.CITATION, "Explainability for Large Language Models: A Survey", "https://dl.acm.org/doi/10.1145/3639372"),
        (Layout.CITATION, "A survey of methods for explaining black box models", "http://arxiv.org/abs/1802.01933"),
    ]
    first = document.entries[0]
    assert first.title_span is not None and first.title_span.of(text) == first.title


def test_an_item_opening_with_a_bold_title_whose_links_wrap_to_the_next_line_is_an_entry() -> None:
    text = (
        "## Papers\n\n1. **Alpha Paper**. *A. Author*. ICLR 2019. [[pdf](https://a.org/1.pdf)]\n"
        "2. **Beta Paper**. *B. Author, C. Author,\nD. Author*. ICLR 2019. [[pdf](https://a.org/2.pdf)]\n"
        "3. **Note:** see the [contributing guide](https://a.org/guide) first.\n"
    )
    entries = parse(text, "x.md").entries
    assert [(e.title, e.line) for e in entries] == [("Alpha Paper", 2), ("Beta Paper", 3)]
    assert entries[1].primary_link is not None and entries[1].primary_link.url == "https://a.org/2.pdf"


def test_a_bold_title_over_a_list_of_labelled_links_is_one_paper() -> None:
    text = (
        "# CVPR\n\n## 3DGS\n\n**OneLLM: One Framework to Align All Modalities with Language**\n\n"
        "- Paper: https://arxiv.org/abs/2312.03700\n- Code: https://github.com/csuhan/OneLLM\n\n"
        "**Related reading lists**\n\n- [Awesome NeRF](https://github.com/a/nerf)\n- [Awesome 3DGS](https://github.com/a/3dgs)\n"
    )
    entries = parse(text, "x.md").entries
    assert [(e.layout, e.title) for e in entries] == [
        (Layout.CITATION, "OneLLM: One Framework to Align All Modalities with Language"),
        (Layout.LIST, "Awesome NeRF"), (Layout.LIST, "Awesome 3DGS"),
    ]
    first = entries[0]
    assert [link.url for link in first.links] == ["https://arxiv.org/abs/2312.03700", "https://github.com/csuhan/OneLLM"]
    assert first.span.of(text).endswith("- Code: https://github.com/csuhan/OneLLM")


def test_heading_rendered_text_drops_markup_and_keeps_what_renders() -> None:
    from listlint.parser import parse

    text = (
        "# **Bold** _em_ ~~gone~~ snake_case \\_x\\_ `a_b` [link [t]](#x) ![img](i.png) <sup>s</sup> &amp; <https://x.org/a_b>\n"
        "## [ref][r] [undefined][nope]\n\n[r]: https://r.org\n"
    )
    assert [h.rendered for h in parse(text).headings] == [
        "Bold em gone snake_case _x_ a_b link [t]  s & https://x.org/a_b",
        "ref [undefined][nope]",
    ]
