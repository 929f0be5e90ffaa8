"""Parser regressions found by the property tests (tests/test_properties.py): each test is a shrunk repro."""

from __future__ import annotations

from listlint.api import fix_text, lint_text
from listlint.parser import parse
from listlint.parser.entries import is_citation


def test_lone_cr_keeps_line_maps_in_step_with_the_source() -> None:
    # A bare CR ends a line, for CommonMark and for SourceText alike, so markdown-it's line maps and listlint's lines
    # agree (once, SourceText did not split there and the fence's line map ran past the last line: IndexError).
    text = "```bibtex\rDeep\n@article{k,\n}\n"
    doc = parse(text)
    assert doc.source.line_count == 5
    assert [doc.source.line(i) for i in range(4)] == ["```bibtex", "Deep", "@article{k,", "}"]
    # "```bibtex" opens a fence that is never closed: its content is the three lines after it
    assert [(b.label, b.raw) for b in doc.bibtex_blocks] == [("bibtex", "Deep\n@article{k,\n}")]
    fences = [b for b in doc.blocks if b.kind == "fence"]
    assert [(b.line, b.end_line) for b in fences] == [(0, 4)]
    assert all(0 <= b.span.start <= b.span.end <= len(text) for b in doc.blocks)


def test_lone_cr_link_positions_stay_exact() -> None:
    text = "# A\r- [Title](https://example.com/a)\n- [B](https://example.com/b)\n"
    doc = parse(text)
    # "# A" is a heading of its own line, as GitHub renders it; both list links are exact
    assert [h.text for h in doc.headings] == ["A"]
    assert [(link.url, link.span.of(text) if link.span else None) for link in doc.links] == [
        ("https://example.com/a", "https://example.com/a"), ("https://example.com/b", "https://example.com/b")]
    assert [(e.title, e.line) for e in doc.entries] == [("Title", 1), ("B", 2)]
    assert [d.code for d in lint_text(text)] == ["LL115"]  # no blank line between the heading and the list
    fixed = fix_text(text)
    # the blank line is inserted after the bare CR; CR + LF would be one line ending, so the CR becomes a LF
    assert fixed == "# A\n\n- [Title](https://example.com/a)\n- [B](https://example.com/b)\n"
    assert fix_text(fixed) == fixed


def test_citation_titles_are_cleaned_alike_in_lists_and_bullet_lines() -> None:
    # a "•" reference line and the "-" list item LL206 turns it into must have the same title, or the fixer's entry
    # guard sees a title change ('Gr G' -> 'Gr  G') and refuses the fix
    bullet = parse("• (2018).Gr  G\n").entries
    item = parse("- (2018).Gr  G\n").entries
    assert [e.title for e in bullet] == [e.title for e in item] == ["Gr G"]
    text = "- Smith, J. (2018). Deep   learning\ttheory. Journal.\n"
    (entry,) = parse(text).entries
    assert entry.title == "Deep learning theory"
    assert entry.title_span is not None and entry.title_span.of(text) == "Deep   learning\ttheory"


def test_heading_entry_title_is_the_link_text_not_the_link_syntax() -> None:
    # the title was "[Paper](http://...?utm_source=x)": LL406/LL407/LL408 rewriting the URL changed the title, and
    # the fixer's entry guard refused the whole file
    text = (
        "#### [Paper](http://arxiv.org/abs/1706.03762?utm_source=x) [`READ`]\n\n"
        "paper link: [here](https://arxiv.org/abs/1706.03762)\n"
    )
    (entry,) = parse(text).entries
    assert entry.title == "Paper"
    assert entry.title_span is not None and entry.title_span.of(text).startswith("[Paper](http")
    fixed = fix_text(text)
    assert "[Paper](https://arxiv.org/abs/1706.03762)" in fixed
    assert [e.title for e in parse(fixed).entries] == ["Paper"]


def test_heading_entry_title_keeps_text_around_links() -> None:
    text = "#### On [ResNets](https://a.dev/r) and <https://b.dev> `v2` [`READ`]\n"
    (entry,) = parse(text).entries
    assert entry.title == "On ResNets and https://b.dev v2"


def test_heading_entry_title_leaves_out_inline_html() -> None:
    # '# <a href="http://dl.acm.org">[AD]': the title was the tag itself, so LL407's https fix changed the title
    text = '#### <a href="http://dl.acm.org/x">Deep <b>nets</b></a> [`READ`]\n\npaper link: [here](https://a.dev)\n'
    (entry,) = parse(text).entries
    assert entry.title == "Deep nets"
    fixed = fix_text(text)
    assert 'href="https://dl.acm.org/x"' in fixed
    assert [e.title for e in parse(fixed).entries] == ["Deep nets"]


def test_title_written_with_markup_or_double_spaces_has_a_span() -> None:
    # the span was None, so LL114's mojibake fix in the title was not declared as a title change ('-\tâ€™  @[]()')
    text = "- **Deep  nets**, [pdf](https://a.dev)\n"
    (entry,) = parse(text).entries
    assert entry.title == "Deep nets"
    assert entry.title_span is not None and entry.title_span.of(text) == "**Deep  nets**"
    assert fix_text("-\tâ€™  @[]()\n").endswith(" ’  @[]()\n")  # no FixError: the title change is declared


def test_link_on_a_tab_indented_continuation_line_is_found() -> None:
    # markdown-it keeps part of the tab as spaces in the content; the link was dropped (position unconfirmed), so
    # LL113 turning the tab into spaces made it appear and changed the entries ('- -1901.1\n\t](http://g')
    for text in ("- a\n\t[x](http://g.org/a)\n", "- a\n\t\tb [x](http://g.org/a)\n", "> - a\n>\t[x](http://g.org/a)\n"):
        links = parse(text).links
        assert [link.url for link in links] == ["http://g.org/a"], text
        assert links[0].span is not None and links[0].span.of(text) == "http://g.org/a"
    text = "- -1901.1\n\t](http://g"
    # a title line, then a line holding only a link: an entry, before and after the fix alike
    assert len(parse(text).entries) == len(parse(fix_text(text)).entries) == 1


def test_entry_titled_by_a_bare_url_or_autolink_has_the_url_as_title_span() -> None:
    # a URL rewrite in such a title changes the title: rules can only declare it (Alters.TITLES) if the span is known
    for text, url in (("5) www.e.org/x\n", "www.e.org/x"), ("- <http://arxiv.org/abs/1>\n", "http://arxiv.org/abs/1")):
        (entry,) = parse(text).entries
        assert entry.title == url
        assert entry.title_span is not None and entry.title_span.of(text) == url


def test_source_text_ends_lines_at_lf_crlf_and_bare_cr() -> None:
    from listlint.source import SourceText

    source = SourceText("a\rb\r\nc\nd\r")
    assert source.line_count == 5
    assert [source.line(i) for i in range(5)] == ["a", "b", "c", "d", ""]
    assert [source.line_span(i, with_newline=True).of(source.text) for i in range(5)] == ["a\r", "b\r\n", "c\n", "d\r", ""]
    assert source.position(source.text.index("c")) == (3, 1)
    assert source.newline == "\r\n"  # one CRLF, one LF: a tie goes to CRLF; bare CRs never count
    assert SourceText("a\r\nb\r\nc\n").newline == "\r\n"
    assert SourceText("a\rb\rc\r").newline == "\n"  # fixes insert LF in a file of bare CRs
    assert SourceText("a\rb\rc\nd\n").newline == "\n"


def test_bibtex_entry_after_a_failed_block_that_runs_into_it_is_placed_exactly() -> None:
    # B6: bibtexparser's failed block "@s{@" overlaps the "@" of the next entry "@{key}"; the entry was placed one
    # character late, its span past the end of the text
    for text in ("```\n@s{@{xie2021diffusion}", "```bibtex\n@s{@{k}\n```\n"):
        (block,) = parse(text).bibtex_blocks
        assert block.failures
        for entry in block.entries:
            assert entry.span.end <= len(text)
            assert entry.span.of(text) == "@{" + entry.key + "}"


def test_two_stub_sections_among_sections_of_lists_stay_sections() -> None:
    # seen on unseen awesome lists: "### Beta" holding only prose with a link ("Please visit [other list](url)") next
    # to another such stub became two heading-layout entries of the section above, which then swallowed them
    stub = "### {name}\n\n[{name}](https://en.wikipedia.org/wiki/{name}) is a thing.\n\n**See [more](https://o.org/{name})**\n\n"
    listed = "### {name}\n\n- [A{name}](https://a.org/{name}) - First.\n- [B{name}](https://b.org/{name}) - Second.\n\n"
    text = "# List\n\n## Software\n\n" + "".join(
        (stub if name in ("Beta", "Gamma") else listed).format(name=name) for name in ("Alpha", "Beta", "Gamma", "Delta")
    )
    document = parse(text)
    (software,) = document.root.children[0].children
    assert [s.title for s in software.children] == ["Alpha", "Beta", "Gamma", "Delta"]
    assert [e.title for e in document.entries] == ["AAlpha", "BAlpha", "ADelta", "BDelta"]
    # the same two headings among siblings that are mostly such headings are a run of entries, as before
    text = "# List\n\n## Papers\n\n" + "".join(stub.format(name=name) for name in ("Beta", "Gamma", "Epsilon"))
    assert [e.title for e in parse(text).entries] == ["Beta", "Gamma", "Epsilon"]


def test_cjk_link_labels_make_link_lines_of_heading_entries() -> None:
    # "论文链接：" / "代码链接：" (paper link / code link) label the links of the paper above, as "Paper Link:" does
    text = "".join(
        f"#### Paper {n}: A Title\n\n- 论文链接：[https://a.org/{n}](https://a.org/{n})\n"
        f"- 代码链接：[https://github.com/x/{n}](https://github.com/x/{n})\n\n" for n in (1, 2, 3)
    )
    entries = parse(text).entries
    assert [(e.title, [link.url for link in e.links]) for e in entries] == [
        (f"Paper {n}: A Title", [f"https://a.org/{n}", f"https://github.com/x/{n}"]) for n in (1, 2, 3)
    ]


def test_bold_quoted_titles_in_references() -> None:
    items = (
        "1. <u>T5</u>: Colin Raffel et al. **\"Exploring the Limits of Transfer Learning.\"** JMLR 2020. "
        "[[Paper](https://arxiv.org/abs/1910.10683)] [[Checkpoint](https://github.com/t5)]\n"
        "2. <u>GPT-3</u>: Tom Brown et al. **\"Language Models are Few-Shot Learners.\"** NeurIPS 2020. "
        "[[Paper](https://arxiv.org/abs/2005.14165)]\n"
    )
    entries = parse(items).entries
    assert [(e.title, e.description) for e in entries] == [
        ("Exploring the Limits of Transfer Learning", "[[Checkpoint](https://github.com/t5)]"),
        ("Language Models are Few-Shot Learners", ""),  # not "]", the bracket closing around the link
    ]
    for entry in entries:
        assert entry.title_span is not None and entry.title_span.of(items) == entry.title
    paragraph = ('**[13]** W. Xiong, G. Zweig "**Achieving Human Parity in Speech Recognition**." arXiv preprint '
                 "arXiv:1610.05256 (2016). [[pdf]](https://arxiv.org/pdf/1610.05256v1) **(Microsoft)** :star:\n")
    (entry,) = parse(paragraph).entries
    assert entry.title == "Achieving Human Parity in Speech Recognition"


def test_emoji_shortcodes_at_the_edges_of_a_title_are_not_words_of_it() -> None:
    from listlint.parser.text import clean_title

    assert clean_title("**:fast_forward: DiffusionFastForward: 01-Diffusion-Theory**") == \
        "DiffusionFastForward: 01-Diffusion-Theory"
    assert clean_title("Title :star::star:") == "Title"
    assert clean_title("C++: the language") == "C++: the language"
    assert clean_title("🔥🔥[PagedAttention] Efficient Memory Management") == "[PagedAttention] Efficient Memory Management"
    # inline HTML renders as no text; a line break inside a link's text is a space
    assert clean_title("형태소 분석기 사용을 배제한<br />음절 단위의 한국어 품사 태깅") == "형태소 분석기 사용을 배제한 음절 단위의 한국어 품사 태깅"
    assert clean_title("<u>T5</u>: Text-to-Text") == "T5: Text-to-Text" and clean_title("a < b") == "a < b"
    assert clean_title("✅ Attention Is All You Need") == "Attention Is All You Need"
    assert clean_title("数学形式主义") == "数学形式主义" and clean_title("⭐️") == "⭐️"  # words stay; emoji alone stays


def test_table_title_cells_that_hold_a_description_are_titled_by_the_title() -> None:
    description = " ".join(["words"] * 20)
    text = (
        "| **Paper** | **Links** |\n| --- | --- |\n"
        f"| 1) **PaLM-E: An Embodied Multimodal Language Model** - incorporates {description} | [Paper](https://a.org/1) |\n"
        f"| 2) MEM1  This work introduces MEM1, {description} | [Paper](https://a.org/2), [Tweet](https://t.org/2) |\n"
        f"| 3) LongNet: Scaling Transformers  Introduces {description} | [Paper](https://a.org/3) |\n"
        "| 4) A Short Title | [Paper](https://a.org/4) |\n"
    )
    entries = parse(text).entries
    assert [e.title for e in entries] == [
        "PaLM-E: An Embodied Multimodal Language Model", "MEM1", "LongNet: Scaling Transformers", "A Short Title"
    ]
    for entry in entries:
        assert entry.title_span is not None and entry.title_span.of(text) == entry.title

    # a title cell with a badge and a link is read as rendered (the badge's image contributes nothing)
    badge = ("| Title | Venue |\n| --- | --- |\n"
             "| ![Star](https://img.shields.io/x.svg) <br> [OmniVideo-100K: A Dataset for Audio-Visual Reasoning through "
             "Structured Scripts and Evidence Chains](https://a.org/c) | arXiv |\n"
             "| ![Star](https://img.shields.io/y.svg) <br> [Video-MME: A Benchmark](https://a.org/v) | arXiv |\n")
    assert [e.title for e in parse(badge).entries] == [
        "OmniVideo-100K: A Dataset for Audio-Visual Reasoning through Structured Scripts and Evidence Chains",
        "Video-MME: A Benchmark",
    ]


def test_numbered_references_without_links_are_citation_entries() -> None:
    # "Title. Authors et al. VENUE YEAR" and "Title. arXiv:id": a reading list written without links
    text = (
        "### Knowledge from logits\n\n"
        "1. Distilling the knowledge in a neural network. Hinton et al. arXiv:1503.02531\n"
        "2. Learning from Noisy Labels with Distillation. Li, Yuncheng et al. ICCV 2017\n"
        "3. Do Deep Nets Really Need to be Deep? Ba and Caruana. NeurIPS 2014\n"
        "4. Ensemble Distribution Distillation. ICLR 2020\n"
    )
    entries = parse(text).entries
    assert [(e.layout.value, e.title) for e in entries] == [
        ("citation", "Distilling the knowledge in a neural network"),
        ("citation", "Learning from Noisy Labels with Distillation"),
        ("citation", "Do Deep Nets Really Need to be Deep?"),
        ("citation", "Ensemble Distribution Distillation"),
    ]
    for entry in entries:
        assert entry.title_span is not None and entry.title_span.of(text) == entry.title
    # a tool list is no reference list: no venue in capitals at the end
    assert parse("- Foo. A library for bar. Since 2019\n- Baz. Another one. Since 2020\n").entries == ()


def test_table_title_column_named_by_a_title_word_within_its_header() -> None:
    # "资源名（Name）" (resource name): the titles are there, not in the link column's "github" / "blog" texts
    text = ("| 资源名（Name） | 描述（Description） | 链接 |\n| --- | --- | --- |\n"
            "| Chatbot Arena | 基准测试 | [截止2023年5月3日](https://lmsys.org/blog/arena/) |\n"
            "| OpenCompass 大模型评测 | 评测 | [github](https://github.com/internLM/OpenCompass/) |\n")
    assert [e.title for e in parse(text).entries] == ["Chatbot Arena", "OpenCompass 大模型评测"]


def test_a_one_word_bold_title_over_an_italic_authors_line_is_a_paper() -> None:
    text = ("## Videos\n\n**DiffusionFastForward** \\\n*Mikolaj Czerkawski (@mikonvergence)* \\\n"
            "[[Video](https://www.youtube.com/playlist?list=PL5)] \\\n4 Mar 2023\n\n"
            "**Tools** \\\nSee [this](https://x.org) and that.\n\n"
            "**Notebooks on diffusion** \\\n*A. B* \\\n[[Notebook](https://colab.research.google.com/x)]\n")
    assert [e.title for e in parse(text).entries] == ["DiffusionFastForward", "Notebooks on diffusion"]


def test_badges_between_an_entrys_link_and_its_words_are_not_its_description() -> None:
    text = ("- [AIDE](https://github.com/WecoAI/aideml) ![](https://img.shields.io/github/stars/x.svg?c=1) - An agent.\n"
            "- [B](https://b.org) [![s](https://img.shields.io/y.svg)](https://b.org/s) ![x](https://i.org/z.svg) B does\n"
            "- [C](https://c.org) - plain ![inline](https://i.org/q.png) image kept\n")
    assert [e.description for e in parse(text).entries] == [
        "An agent", "B does", "plain ![inline](https://i.org/q.png) image kept"
    ]


def test_an_item_opened_by_a_task_box_is_an_entry_even_without_a_link_to_another_page() -> None:
    # a reading plan: its papers link to their notes further down the page, or not at all; the box is the status
    text = ("# Reading\n\n- [x] [ImageNet Classification with Deep CNNs](#alexnet)\n"
            "- [ ] [Very Deep Convolutional Networks](#vgg)\n- [ ] Implement a vector (with automatic resizing):\n\n"
            "## Contents\n\n- [Reading](#reading)\n- [Notes](#notes)\n")
    entries = parse(text).entries
    assert [(e.title, e.status.value if e.status else None) for e in entries] == [
        ("ImageNet Classification with Deep CNNs", "X"), ("Very Deep Convolutional Networks", " "),
        ("Implement a vector (with automatic resizing)", " "),
    ]  # the contents list without boxes stays a table of contents
    for entry in entries:
        assert entry.title_span is not None and entry.title_span.of(text) == entry.title


def test_counter_examples_of_the_table_and_citation_readings() -> None:
    # a long title holds a colon or a dash: it is not cut there
    long = ("Not what you've signed up for: Compromising Real-World LLM-Integrated Applications with Indirect Prompt "
            "Injection")
    text = ("| Title | Venue | Paper |\n| --- | --- | --- |\n"
            f"| {long} | AISec 2023 | [pdf](https://arxiv.org/abs/2302.12173) |\n"
            "| Do Anything Now - Characterizing and Evaluating In-The-Wild Jailbreak Prompts on Large Language "
            "Models | CCS 2024 | [pdf](https://arxiv.org/abs/2308.03825) |\n")
    assert [e.title for e in parse(text).entries] == [
        long, "Do Anything Now - Characterizing and Evaluating In-The-Wild Jailbreak Prompts on Large Language Models"
    ]
    # without a row number, two spaces inside a long title are a typo, not the end of the title
    typo = "[FlexGen] High-Throughput Generative Inference of Large Language Models  with a Single GPU (@Stanford)"
    text = f"| Date | Title | Paper |\n| --- | --- | --- |\n| 2023.03 | {typo} | [pdf](https://a.org/1) |\n" * 2
    assert [e.title for e in parse(text).entries][0] == " ".join(typo.split())
    # a person's name is not the work's title, whatever the header calls it
    text = ("| Link | Author name | Year |\n| --- | --- | --- |\n"
            "| [Deep Residual Learning](https://arxiv.org/abs/1512.03385) | Kaiming He | 2016 |\n"
            "| [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | Ashish Vaswani | 2017 |\n")
    assert [e.title for e in parse(text).entries] == ["Deep Residual Learning", "Attention Is All You Need"]
    # a version number is no venue year: tool notes stay notes
    assert is_citation("Unreal-like engine written in C++. Supports DirectX 12") is False
    assert is_citation("Compatible with many databases. Compatible with PostgreSQL 14") is False
    assert is_citation("Relational Knowledge Distillation. Park, Wonpyo et al. CVPR 2019") is True
    assert is_citation("Born-Again Neural Networks. Furlanello et al. ICML'18") is True



def test_a_table_that_describes_the_sections_listed_entries_adds_no_entries() -> None:
    text = ("### Morphology\n\n * [Janome](https://github.com/mocobeta/janome) - pure Python\n"
            " * [fugashi](https://github.com/polm/fugashi) - a Cython MeCab wrapper\n\n"
            "|Name|downloads/week|stars|\n-|-|-\n| 🔗 [Janome](https://github.com/mocobeta/janome) | 📥 77k | ⭐ 913 |\n"
            "| 🔗 [fugashi](https://github.com/polm/fugashi) | 📥 144k | ⭐ 522 |\n")
    assert [(e.layout.value, e.title) for e in parse(text).entries] == [("list", "Janome"), ("list", "fugashi")]
    # a table of other links in the same section is a table of entries, as before
    other = text.replace("| 🔗 [Janome](https://github.com/mocobeta/janome)", "| [SudachiPy](https://s.org/py)")
    other = other.replace("| 🔗 [fugashi](https://github.com/polm/fugashi)", "| [nagisa](https://n.org/x)")
    assert [e.title for e in parse(other).entries] == ["Janome", "fugashi", "SudachiPy", "nagisa"]


def test_a_bracketed_tag_link_before_the_title_is_the_link_not_the_title() -> None:
    text = ("- [[AAAI](https://arxiv.org/pdf/2002.09049)] Post-training Quantization with Multiple Points. "
            "[__`qnn`__]\n- [[pdf](https://a.org/x.pdf)] [code](https://github.com/x)\n")
    first, second = parse(text).entries
    assert (first.title, first.primary_link.url, first.description) == (
        "Post-training Quantization with Multiple Points", "https://arxiv.org/pdf/2002.09049", "[__`qnn`__]")
    assert first.title_span is not None and first.title_span.of(text) == first.title
    assert second.title == "pdf"  # no words after the tag: the link's text, as before


def test_an_item_naming_a_project_over_labelled_link_lines_is_the_entry() -> None:
    text = ("##### 医疗\n\n* DoctorGLM：\n  * 地址：https://github.com/xionghonglin/DoctorGLM\n"
            "  * 简介：基于 ChatGLM-6B的中文问诊模型\n\n* BenTsao：\n  * 地址：https://github.com/SCIR-HI/Huatuo\n\n"
            "* Notes:\n  * first point about things\n  * second: with a [link](https://x.org)\n")
    entries = parse(text).entries
    assert [(e.title, e.primary_link.url if e.primary_link else None, [l.url for l in e.links]) for e in entries] == [
        ("DoctorGLM", "https://github.com/xionghonglin/DoctorGLM", ["https://github.com/xionghonglin/DoctorGLM"]),
        ("BenTsao", "https://github.com/SCIR-HI/Huatuo", ["https://github.com/SCIR-HI/Huatuo"]),
    ]
    for entry in entries:
        assert entry.title_span is not None and entry.title_span.of(text) == entry.title
    # under numbered headings, the labelled sub-items belong to their project, not to the heading above
    numbered = "".join(f"#### 1.{n} Models {n}\n\n* P{n}：\n  * 地址：https://github.com/x/p{n}\n\n" for n in (1, 2))
    document = parse(numbered)
    assert [e.title for e in document.entries] == ["P1", "P2"]
    assert not any(h.is_entry for h in document.headings)


def test_a_title_read_from_words_ends_before_the_sentence_period_and_ignores_trailing_blanks() -> None:
    # found by running fix on unseen lists: removing the trailing space (LL110) turned "models" into "models.",
    # so the fixer's entry guard refused the whole file. The period ends the sentence either way.
    line = "- [[arXiv](https://arxiv.org/abs/2306.02272)] OWQ: Lessons learned from outliers in language models."
    titles = {parse(line + tail + "\n").entries[0].title for tail in ("", " ", "  \t")}
    assert titles == {"OWQ: Lessons learned from outliers in language models"}
    text = line + " \n"
    assert fix_text(text) == line + "\n"
    # an abbreviation's period and an ellipsis stay
    assert parse("- [[pdf](https://a.org/x.pdf)] Learning to learn, by Smith et al.\n").entries[0].title.endswith("al.")
    assert parse("- [[pdf](https://a.org/x.pdf)] Wait for it, and then...\n").entries[0].title.endswith("...")


def test_a_full_width_separator_is_no_part_of_the_description() -> None:
    # Chinese and Japanese lists separate title and description with "：" (855 entries of one list kept it)
    text = "- [foo](https://foo.org)：一个库。\n- [bar](https://bar.org)， 另一个库\n- [baz](https://baz.org) - a library.\n"
    assert [e.description for e in parse(text).entries] == ["一个库。", "另一个库", "a library"]


def test_short_labels_before_a_title_are_no_part_of_it() -> None:
    # from unseen paper lists: a date, a nickname in bold brackets, a topic in code before the title (or its link);
    # before, ~800 entries of five lists were titled "[2023/08] …", "[SSD]" or "OBJECT DETECTION"
    text = (
        "- [2023/08] **A Multitask Evaluation of ChatGPT?** *Yejin Bang et al. arXiv.* "
        "[[paper](https://arxiv.org/abs/2302.04023)]\n"
        "- **[SSD]** SSD: Single Shot MultiBox Detector\t| **[ECCV' 16]** |[`[pdf]`](https://arxiv.org/pdf/1512.02325.pdf)\n"
        "- **[FPN]** [Feature Pyramid Networks for Object Detection](https://arxiv.org/abs/1612.03144)\n"
        "  * ****`OBJECT DETECTION`**** [CornerNet: Detecting Objects as Paired Keypoints](nets/CornerNet.md)\n"
        "- [[NeurIPS](https://papers.nips.cc/paper/6931-deep-sets)] Deep Sets. [[pytorch](https://github.com/m/DeepSets)]\n"
    )
    entries = parse(text).entries  # children included
    assert [e.title for e in entries] == [
        "A Multitask Evaluation of ChatGPT?", "SSD: Single Shot MultiBox Detector",
        "Feature Pyramid Networks for Object Detection", "CornerNet: Detecting Objects as Paired Keypoints",
        "Deep Sets"]
    assert [e.title_span.of(text) for e in entries] == [e.title for e in entries]
    # a label before a link named "pdf", or before a bare URL, does not make the link's text a title
    assert [e.title for e in parse("- [Adam] (https://arxiv.org/abs/1412.6980)\n- [ResNet] [pdf](https://a.org/r.pdf)\n"
                                   ).entries] == ["[ResNet]"]


def test_a_bold_title_that_the_line_wraps_is_read_whole() -> None:
    text = ("- [2023/06] **SYNAPSE: Leveraging Few-Shot Exemplars for\n"
            "Human-Level Computer Control.** *Longtao Zheng et al. arXiv.* [[paper](https://arxiv.org/abs/2306.07863)]\n"
            "- [2023/06] **Mind2Web: Towards a Generalist Agent for the Web.** *Xiang Deng et al.* "
            "[[paper](https://arxiv.org/abs/2306.06070)]\n")
    assert [(e.title, e.primary_link.url) for e in parse(text).entries] == [
        ("SYNAPSE: Leveraging Few-Shot Exemplars for Human-Level Computer Control", "https://arxiv.org/abs/2306.07863"),
        ("Mind2Web: Towards a Generalist Agent for the Web", "https://arxiv.org/abs/2306.06070")]


def test_an_entry_heading_is_titled_by_its_words_and_linked_by_its_own_link() -> None:
    text = (
        "# Papers\n\n## Tabular\n\n"
        "#### 1. Why do tree-based models still outperform deep learning? | [`[g2022.pdf]`](https://a.org/g.pdf)\n\n"
        "| [Summary](https://github.com/o/r/issues/1) |\n\n"
        "#### 2. [Survey] A Survey on Video Diffusion Models | [`[x2024]`](https://b.org/x.pdf)\n\n"
        "| [Summary](https://github.com/o/r/issues/2) |\n\n"
        "## Novels\n\n"
        "#### [Solaris](https://www.goodreads.com/book/show/95558) (1961) [3.9]\n\nA classic. - [@alice](https://github.com/alice)\n\n"
        "#### [Babel-17](https://www.goodreads.com/book/show/1199688) (1966) [3.8]\n\nGreat. - [@alice](https://github.com/alice)\n"
    )
    entries = parse(text).entries
    assert [(e.title, e.primary_link.url) for e in entries] == [
        ("Why do tree-based models still outperform deep learning?", "https://a.org/g.pdf"),
        ("A Survey on Video Diffusion Models", "https://b.org/x.pdf"),
        ("Solaris (1961) [3.9]", "https://www.goodreads.com/book/show/95558"),
        ("Babel-17 (1966) [3.8]", "https://www.goodreads.com/book/show/1199688")]
    assert [e.title_span.of(text) for e in entries[:2]] == [e.title for e in entries[:2]]
    # the two novels share a recommender's link below them, not their own: no duplicate link
    assert not lint_text(text, select=("LL601",))


def test_a_series_heading_over_a_list_does_not_take_in_the_entry_headings_beside_it() -> None:
    # awesome-scifi: "#### [Aurora Cycle](url) (2019)" holds a list of its books; the novels before and after it are
    # entries of "Novels" (before, they became empty sections and the ones after were filed under the series)
    text = ("# Books\n\n## Novels\n\n#### [Armor](https://example.org/armor) (1984)\n\nA soldier story.\n\n"
            "#### [Aurora Cycle](https://example.org/aurora) (2019)\n\nBooks:\n- [Aurora Rising](https://example.org/r)\n"
            "- [Aurora Burning](https://example.org/b)\n\n#### [Solaris](https://example.org/solaris) (1961)\n\nA classic.\n")
    document = parse(text)
    assert [(e.title, e.section) for e in document.entries] == [
        ("Armor (1984)", "Novels"), ("Aurora Rising", "Aurora Cycle (2019)"), ("Aurora Burning", "Aurora Cycle (2019)"),
        ("Solaris (1961)", "Novels")]
    assert not lint_text(text, select=("LL101",))


def test_links_on_an_italic_authors_line_are_not_the_papers_link() -> None:
    # weihaox's 3D-aware synthesis list: 51 entries took an author's homepage as their link, and two papers by one
    # author were reported as the same link under two titles (LL601)
    text = ("* **NeRF: Representing Scenes as Neural Radiance Fields.**<br>\n"
            "*[Ben Mildenhall](http://people.eecs.berkeley.edu/~bmild/), Pratul P. Srinivasan.*<br>\n"
            "ECCV 2020. [[PDF](https://arxiv.org/abs/2003.08934)]\n\n"
            "* **LLFF: Local Light Field Fusion.**<br>\n"
            "*[Ben Mildenhall](http://people.eecs.berkeley.edu/~bmild/), Ravi Ramamoorthi.*<br>\n"
            "SIGGRAPH 2019. [[PDF](https://arxiv.org/abs/1905.00889)]\n")
    assert [e.primary_link.url for e in parse(text).entries] == [
        "https://arxiv.org/abs/2003.08934", "https://arxiv.org/abs/1905.00889"]
    assert not lint_text(text, select=("LL601",))
    # a venue named in a link before the code is still the paper's link
    text = ("- Human-level control through deep reinforcement\nlearning [[Nature](https://a.org/dqn.pdf)] "
            "[[code](https://github.com/deepmind/dqn)]\n")
    assert parse(text).entries[0].primary_link.url == "https://a.org/dqn.pdf"


def test_a_bullet_of_prose_around_a_link_is_no_entry() -> None:
    # ossu, zsh-plugins, a survey's news: the sentence goes on after the link, or leads into it past "e.g."
    text = ("## Prerequisites\n\n"
            "- [Core CS](#core-cs) assumes the student has already taken [high school math](https://a.org/m), "
            "including algebra.\n"
            "- Join a local developer meetup (e.g. via [meetup.com](https://www.meetup.com/)).\n"
            "- Explore the actor model through [Elixir](https://elixir-lang.org/), a new functional language.\n"
            "- Our survey is released! See [The Rise of Agents](https://arxiv.org/abs/2309.07864) for the paper!\n")
    assert parse(text).entries == ()
    # entries whose link is followed by a description, another link or authors stay entries
    text = ("- Deep Residual Learning [pdf](https://a.org/r.pdf) and [code](https://github.com/r/r)\n"
            "- Cooperative Pruning in Cross-Domain Compression. [Chen, Shangyu](https://b.org/c) et al. IJCAI 2019\n"
            "- A Tool [GitHub](https://github.com/t/t) - does things with data\n")
    assert [e.title for e in parse(text).entries] == [
        "Deep Residual Learning", "Cooperative Pruning in Cross-Domain Compression", "A Tool"]


def test_icons_before_an_items_name_are_decoration() -> None:
    # Awesome-Linux-Software: 1,165 of 1,329 entries were titled "" or "![Non Free][money icon]"
    text = ("- [![Open-Source Software][oss icon]](https://github.com/audacity/audacity) "
            "[Audacity](https://www.audacityteam.org/) - Free, open source audio software.\n"
            "- ![Non Free][money icon] [Bitwig](https://www.bitwig.com/) - DAW for music production.\n\n"
            "[oss icon]: ./img/oss.svg\n[money icon]: ./img/money.svg\n")
    entries = parse(text).entries
    assert [(e.title, e.primary_link.url, e.description) for e in entries] == [
        ("Audacity", "https://www.audacityteam.org/", "Free, open source audio software"),
        ("Bitwig", "https://www.bitwig.com/", "DAW for music production")]


def test_a_name_then_a_bare_url_is_an_entry_as_with_an_autolink() -> None:
    # engineering-blogs: 448 entries, found only after LL404's safe fix wrapped the URLs in <>
    bare = "* AdRoll http://tech.adroll.com/blog/\n* Airbnb https://medium.com/airbnb-engineering\n"
    wrapped = "* AdRoll <http://tech.adroll.com/blog/>\n* Airbnb <https://medium.com/airbnb-engineering>\n"
    assert [e.title for e in parse(bare).entries] == [e.title for e in parse(wrapped).entries] == ["AdRoll", "Airbnb"]
    # nested under an entry, a labelled bare URL is a resource of that entry
    nested = "- [Google Cloud](https://cloud.google.com)\n  * Full, detailed list - https://cloud.google.com/free\n"
    assert [e.title for e in parse(nested).entries] == ["Google Cloud"]


def test_link_lines_under_a_bold_title_may_carry_any_short_label() -> None:
    # amusi's CVPR list: a typo in one label ("Homeoage:") lost the paper and made an entry titled "Homeoage"
    text = ("**VMC: Video Motion Customization using Temporal Attention**\n\n"
            "- Homeoage: https://video-motion-customization.github.io/\n- Paper: https://arxiv.org/abs/2312.00845\n")
    entries = parse(text).entries
    assert [(e.title, e.primary_link.url) for e in entries] == [
        ("VMC: Video Motion Customization using Temporal Attention", "https://video-motion-customization.github.io/")]


def test_a_paragraph_opened_by_a_venue_link_is_a_paper_with_the_bibtex_below_it() -> None:
    # a binary-networks list: 0 entries and no BibTeX checked before; the BibTeX sits in <details><pre><code>
    text = ("## BNN\n\n"
            "[[ECCV_2020](https://arxiv.org/abs/2003.03488)] [__`BNN`__] ReActNet: Towards Precise Binary Networks\n\n"
            "<details><summary>Bibtex</summary><pre><code>@inproceedings{liu2020reactnet,\n"
            "  title={ReActNet: Towards Precise Binary Networks},\n  year={2020}\n}</code></pre></details>\n\n"
            "[[BMVC_2019](https://arxiv.org/abs/1909.13863)] [__`BNN`__] XNOR-Net++: Improved Binary Neural Networks\n\n"
            "```bibtex\n@inproceedings{bulat2019xnor,\n  title={XNOR-Net++},\n  year={2019}\n}\n```\n")
    entries = parse(text).entries
    assert [(e.title, e.primary_link.url, [b.raw.split(",")[0] for b in e.bibtex]) for e in entries] == [
        ("ReActNet: Towards Precise Binary Networks", "https://arxiv.org/abs/2003.03488",
         ["@inproceedings{liu2020reactnet"]),
        ("XNOR-Net++: Improved Binary Neural Networks", "https://arxiv.org/abs/1909.13863",
         ["@inproceedings{bulat2019xnor"])]


def test_a_name_before_the_title_is_no_title() -> None:
    # GT-RIPL's robotics list (169 of 181 titles were the nickname) and a speech-LM list
    text = ('* **PIGLeT**: "PIGLeT: Language Grounding Through Neuro-Symbolic Interaction", *ACL, Jun 2021*. '
            "[[Paper](https://arxiv.org/abs/2106.00188)]\n"
            '* "Neural Scaling Laws for Embodied AI", *arXiv, May 2024*. [[Paper](https://arxiv.org/abs/2405.14005)]\n'
            "- SALMon: [A Suite for Acoustic Language Model Evaluation](https://arxiv.org/abs/2409.07437) - `arXiv 2024`\n")
    entries = parse(text).entries
    assert [e.title for e in entries] == [
        "PIGLeT: Language Grounding Through Neuro-Symbolic Interaction", "Neural Scaling Laws for Embodied AI",
        "A Suite for Acoustic Language Model Evaluation"]
    assert [e.title_span.of(text) for e in entries] == [e.title for e in entries]


def test_papers_written_as_link_paragraphs_are_entries() -> None:
    # Awesome-Federated-Learning: 542 papers written as paragraphs of one link each; 12 entries were found
    text = ("## Distributed optimization\n\n"
            "[Federated Optimization: Distributed Optimization Beyond the Datacenter](https://arxiv.org/pdf/1511.03575.pdf)\n\n"
            "[Federated Optimization: Distributed Machine Learning for On-Device Intelligence](https://arxiv.org/pdf/1610.02527)\n\n"
            "[Stochastic, Distributed and Federated Optimization for Machine Learning](https://arxiv.org/pdf/1707.01155)\n")
    assert [e.title for e in parse(text).entries] == [
        "Federated Optimization: Distributed Optimization Beyond the Datacenter",
        "Federated Optimization: Distributed Machine Learning for On-Device Intelligence",
        "Stochastic, Distributed and Federated Optimization for Machine Learning"]
    # one or two such paragraphs are notes: "Follow us on Twitter", "Join our Discord"
    notes = "[Follow us on Twitter](https://twitter.com/x)\n\n[Join our Discord server](https://discord.gg/x)\n"
    assert parse(notes).entries == ()


def test_a_table_of_one_row_is_read_when_its_header_names_the_titles_among_tables_of_entries() -> None:
    # a Turkish list writes one table per section: 11 of its 23 entries sat in tables of one row
    text = ("## Communities\n\n| Project | Description |\n| :--- | :--- |\n"
            "| **[Devnot](https://github.com/devnotcom)** | Turkish software developer community. |\n\n"
            "## Podcasts\n\n| Project | Description |\n| :--- | :--- |\n"
            "| **[Codefiction](https://github.com/codefiction)** | A technology podcast. |\n"
            "| **[Yazilimci](https://example.org/y)** | Another podcast. |\n\n"
            "## Badges\n\n| Build | Coverage |\n| --- | --- |\n| [passing](https://ci.example.org) | 90% |\n")
    assert [e.title for e in parse(text).entries] == ["Devnot", "Codefiction", "Yazilimci"]
    # alone in its file, a table of one row is not a list of entries
    assert parse(text.split("## Podcasts")[0]).entries == ()


def test_an_emoji_after_the_title_link_is_no_part_of_the_description() -> None:
    # awesome-cpp: "[Boost](url) :zap: - …" was described as "zap: - A large collection" (29 entries)
    text = ("- [Boost](https://github.com/boostorg) :zap: - A large collection.\n"
            "- [ASL](https://stlab.adobe.com/) ⭐️ - Adobe libraries.\n- [AUI](https://github.com/aui/aui) - UI toolkit.\n")
    assert [e.description for e in parse(text).entries] == ["A large collection", "Adobe libraries", "UI toolkit"]


def test_runs_of_labels_and_marks_parse_in_linear_time() -> None:
    # found by review: a label's closing marks and the next one's opening marks could split a run of "*" many
    # ways, and every failing match tried them all (one 70-character item took 4.7 s)
    import time

    start = time.perf_counter()
    parse("- " + "**[a]**" * 12 + " x [pdf](https://a.org)\n- " + "[ab] " * 2000 + "x [pdf](https://b.org)\n"
          "- `UNREAD` [`FOO`] [x](https://c.org)\n\n[" + " " * 10000 + "\n")
    assert time.perf_counter() - start < 1.0


def test_a_bold_name_then_a_colon_is_a_label_only_before_a_title_set_apart() -> None:
    text = ("- **Scikit-learn**: Machine learning in Python. [GitHub](https://github.com/scikit-learn/scikit-learn)\n"
            "- **Deep Learning**: Goodfellow, Bengio, Courville. MIT Press 2016. [pdf](https://a.org/dl.pdf)\n")
    assert [e.title for e in parse(text).entries] == ["Scikit-learn", "Deep Learning"]


def test_the_title_span_of_a_link_paragraph_covers_the_title_as_written() -> None:
    text = "".join(f"[**Federated Optimization Paper {n}**](https://a.org/{n})\n\n" for n in range(3))
    entries = parse(text).entries
    assert [e.title for e in entries] == [f"Federated Optimization Paper {n}" for n in range(3)]
    assert [e.title_span.of(text) for e in entries] == [f"**Federated Optimization Paper {n}**" for n in range(3)]


def test_a_paper_paragraph_restating_its_entry_heading_is_that_entrys_body() -> None:
    text = ("## BNN\n\n### [ReActNet: Towards Precise Binary Networks](https://arxiv.org/abs/2003.03488)\n\n"
            "[[ECCV_2020](https://eccv.org)] ReActNet: Towards Precise Binary Networks\n\n"
            "### [XNOR-Net++: Improved Binary Networks](https://arxiv.org/abs/1909.13863)\n\n"
            "[[ECCV_2020](https://eccv.org)] XNOR-Net++: Improved Binary Networks\n")
    entries = parse(text).entries
    assert [(e.layout.value, e.primary_link.url) for e in entries] == [
        ("heading", "https://arxiv.org/abs/2003.03488"), ("heading", "https://arxiv.org/abs/1909.13863")]
    assert not lint_text(text, select=("LL601",))
