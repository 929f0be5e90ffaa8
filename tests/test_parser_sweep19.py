"""Regressions from the nineteenth sweep of unseen lists: each test is a reduced repro of what the parser read
wrong (the real list named in the docstring)."""

from __future__ import annotations

from listlint.model import Layout
from listlint.parser import parse


def _read(text: str) -> list[tuple[str, str, str]]:
    return [(e.layout.value, e.title, e.description) for e in parse(text).entries]


def test_plain_paper_titles_with_a_venue_and_year_are_citations() -> None:
    """LumingSun/ML4DB-paper-list: bullets of titles, each with its venue and year in parentheses, no links."""
    doc = parse("# Papers\n\n## Indexes\n\n* The Case for Learned Index Structures (SIGMOD 2018)\n"
                "* Why Are Learned Indexes So Effective? (ICML 2020)\n"
                "* Updatable Learned Indexes Meet Disk-Resident DBMS (SIGMOD 2024)\n"
                "* Learned Indexes for Dynamic Workloads (2019)\n")
    assert [(e.layout, e.title) for e in doc.entries] == [
        (Layout.CITATION, "The Case for Learned Index Structures"),
        (Layout.CITATION, "Why Are Learned Indexes So Effective?"),
        (Layout.CITATION, "Updatable Learned Indexes Meet Disk-Resident DBMS"),
        (Layout.CITATION, "Learned Indexes for Dynamic Workloads"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_a_question_or_a_hyphen_does_not_cut_a_plain_paper_title() -> None:
    doc = parse("# Papers\n\n## Tuning\n\n"
                "* Black or White? How to Develop an AutoTuner for Memory-based Analytics (SIGMOD 2020)\n"
                "* Too Many Knobs to Tune? Towards Faster Database Tuning (SIGMOD 2022)\n"
                "* Self-Driving Database Management Systems (CIDR 2017)\n"
                "* START — Self-Tuning Adaptive Radix Tree （ICDEW 2020）\n"
                "* ***SageDB: A Learned Database System (CIDR 2019)***\n"
                "* External vs. Internal : An Essay on Machine Learning Agents\n"
                "* Query2Vec (ArXiv)\n")
    assert [e.title for e in doc.entries] == [
        "Black or White? How to Develop an AutoTuner for Memory-based Analytics",
        "Too Many Knobs to Tune? Towards Faster Database Tuning",
        "Self-Driving Database Management Systems",
        "START — Self-Tuning Adaptive Radix Tree",
        "SageDB: A Learned Database System",
        "External vs. Internal : An Essay on Machine Learning Agents",
        "Query2Vec",
    ]


def test_paper_titles_before_labelled_links_lose_the_venue_too() -> None:
    doc = parse("# Papers\n\n"
                "* The Case for Learned Index Structures (SIGMOD 2018)\n"
                "* How Good are Learned Cost Models, Really? Insights from Query Optimization (SIGMOD 2025)"
                " [GitHub Link](https://github.com/a/b)\n"
                "* PilotScope: Steering Databases with ML Drivers (VLDB 2024) [Source code](https://github.com/c/d)\n")
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        (Layout.CITATION, "The Case for Learned Index Structures", None),
        (Layout.LIST, "How Good are Learned Cost Models, Really? Insights from Query Optimization",
         "https://github.com/a/b"),
        (Layout.LIST, "PilotScope: Steering Databases with ML Drivers", "https://github.com/c/d"),
    ]


def test_prose_bullets_are_not_read_as_plain_paper_titles() -> None:
    doc = parse("# Notes\n\n* Read the contributing guide first (updated 2021)\n"
                "* Pull requests are welcome\n* Be kind to each other\n* Keep titles short\n")
    assert doc.entries == ()


def test_an_item_led_by_an_html_anchor_is_an_entry() -> None:
    """kili-technology/awesome-datasets: ``<a href="url">Name</a> description``, in a paragraph or a ``<p>``."""
    doc = parse("# Datasets\n\n"
                "- [Break](https://allenai.github.io/Break/) is a question understanding dataset.\n"
                '- <a href="https://www.docvqa.org/">DocVQA</a> contains 50K questions on 12K document images.\n'
                '- <p><a href="https://rrc.cvc.uab.es/?ch=17">InfographicVQA</a> contains 30K questions.</p>\n'
                "- [TextVQA](https://textvqa.org/) requires reading text in images.\n\n## More\n\n"
                "- [VQA v2](https://visualqa.org/) holds open-ended questions about images.\n"
                "- [OK-VQA](https://okvqa.allenai.org/) needs outside knowledge.\n")
    assert [(e.title, e.primary_link.url if e.primary_link else None, e.description) for e in doc.entries] == [
        ("Break", "https://allenai.github.io/Break/", "is a question understanding dataset"),
        ("DocVQA", "https://www.docvqa.org/", "contains 50K questions on 12K document images"),
        ("InfographicVQA", "https://rrc.cvc.uab.es/?ch=17", "contains 30K questions"),
        ("TextVQA", "https://textvqa.org/", "requires reading text in images"),
        ("VQA v2", "https://visualqa.org/", "holds open-ended questions about images"),
        ("OK-VQA", "https://okvqa.allenai.org/", "needs outside knowledge"),
    ]
    for entry in doc.entries:
        assert entry.title_span is not None and entry.title_span.of(doc.text) == entry.title
        assert entry.primary_link in entry.links


def test_html_anchor_lines_of_thanks_are_not_entries() -> None:
    """lucidrains' READMEs: ``- <a href="https://github.com/user">Name</a> for the fixes``, no list of links."""
    doc = parse("# Model\n\n## Appreciation\n\n"
                '- <a href="https://github.com/joseph-c-kim">Joseph</a> for contributing the loss!\n'
                '- <a href="https://github.com/engelberger">Felipe</a> for contributing the alignment!\n')
    assert doc.entries == ()


def test_html_anchor_items_are_no_outliers_of_their_section() -> None:
    from listlint.api import lint_text

    text = ("# Datasets\n\n- [Break](https://allenai.github.io/Break/) is a question understanding dataset.\n"
            "- [DuReader](https://github.com/baidu/DuReader) is a Chinese reading comprehension dataset.\n"
            '- <a href="https://www.docvqa.org/">DocVQA</a> contains 50K questions.\n'
            '- <p><a href="https://rrc.cvc.uab.es/?ch=17">InfographicVQA</a> contains 30K questions.</p>\n'
            "- [TextVQA](https://textvqa.org/) requires reading text in images.\n"
            "- [VQA v2](https://visualqa.org/) holds open-ended questions about images.\n"
            "- [GQA](https://cs.stanford.edu/people/dorarad/gqa/) asks questions about scene graphs.\n"
            "- [OK-VQA](https://okvqa.allenai.org/) needs outside knowledge.\n")
    assert [d.code for d in lint_text(text, select=["LL201"])] == []


def test_the_words_after_a_line_break_in_a_title_cell_describe_the_row() -> None:
    """maziyank/awesome-indonesia: ``[OpenSID](url)<br>Village information system`` names and describes a project."""
    text = ("# Projects\n\n| No | Project | Author |\n| - | - | - |\n"
            "| 1 | [OpenSID](https://github.com/OpenSID/OpenSID)<br>Village information system |"
            " [@OpenSID](https://github.com/OpenSID) |\n"
            "| 2 | [kasirgratisan](https://github.com/jipraks/kasirgratisan) <br> Offline point of sales app |"
            " [@jipraks](https://github.com/jipraks) |\n")
    doc = parse(text)
    assert [(e.title, e.description) for e in doc.entries] == [
        ("OpenSID", "Village information system | 1 | [@OpenSID](https://github.com/OpenSID)"),
        ("kasirgratisan", "Offline point of sales app | 2 | [@jipraks](https://github.com/jipraks)"),
    ]
    assert [e.title_span.of(text) for e in doc.entries if e.title_span] == ["OpenSID", "kasirgratisan"]


def test_a_line_break_inside_a_title_link_does_not_cut_the_title() -> None:
    """rtzr/Awesome-Korean-Speech-Recognition: ``[한국어 음성 (KsponSpeech<br>eval clean)](url) (v1.0)``."""
    text = ("# Data\n\n| Name | Hours |\n| - | - |\n"
            "| [Speech (KsponSpeech<br>eval clean)](https://aihub.or.kr/a) (v1.0) | 3.17 |\n"
            "| [Speech (KsponSpeech<br>eval other)](https://aihub.or.kr/b) (v1.0) | 4.56 |\n")
    assert [(e.title, e.description) for e in parse(text).entries] == [
        ("Speech (KsponSpeech eval clean) (v1.0)", "3.17"), ("Speech (KsponSpeech eval other) (v1.0)", "4.56")]


def test_emphasis_marks_stay_out_of_a_description() -> None:
    """ninyawee/awesome-thai-osint: the bold around the title link closes after a note on its age."""
    text = ("# OSINT\n\n* **[PhoneInfoga](https://github.com/sundowndev/PhoneInfoga) (5mo)** (11d)\n"
            "  International phone number OSINT.\n\n"
            "* **[RD Vat Check](https://vsreg.rd.go.th/)**\n  Check if a VAT company is still operating.\n"
            "  **Input:** Company ID, `__init__` and *.md files\n")
    assert [(e.title, e.description) for e in parse(text).entries] == [
        ("PhoneInfoga", "(5mo) (11d) International phone number OSINT"),
        ("RD Vat Check", "Check if a VAT company is still operating. Input: Company ID, `__init__` and *.md files"),
    ]


HEADED_PAPERS = (
    "# Models\n\n## Vision\n\n### LLaVA\n\n"
    "[Visual Instruction Tuning](https://arxiv.org/abs/2304.08485). A large multimodal model trained end to end on"
    " GPT-4 data.\n\n### MiniGPT-4\n\n"
    "[MiniGPT-4: Enhancing Vision-Language Understanding](https://arxiv.org/abs/2304.10592).\n\n### InstructBLIP\n\n"
    "[InstructBLIP: General-purpose Vision-Language Models](https://arxiv.org/abs/2305.06500).\n")


def test_a_heading_over_its_paper_link_and_a_sentence_is_an_entry() -> None:
    """friedrichor/Deep-Learning-Paper-List: ``### LLaVA`` over ``[Title](url). A sentence about it.``"""
    doc = parse(HEADED_PAPERS)
    assert [(e.layout, e.title, e.description, e.primary_link.url if e.primary_link else None)
            for e in doc.entries] == [
        (Layout.HEADING, "LLaVA", "A large multimodal model trained end to end on GPT-4 data.",
         "https://arxiv.org/abs/2304.08485"),
        (Layout.HEADING, "MiniGPT-4", "", "https://arxiv.org/abs/2304.10592"),
        (Layout.HEADING, "InstructBLIP", "", "https://arxiv.org/abs/2305.06500"),
    ]


def test_a_heading_over_labelled_lines_and_a_note_is_an_entry() -> None:
    doc = parse("# Models\n\n## Vision\n\n### LLaVA\n\n"
                "**Paper:** [Visual Instruction Tuning](https://arxiv.org/abs/2304.08485)  \n"
                "**Note:** a large multimodal model trained end to end on GPT-4 data that follows instructions\n\n"
                "### MiniGPT-4\n\n**Paper:** [MiniGPT-4](https://arxiv.org/abs/2304.10592)  \n\n"
                "### InstructBLIP\n\n**Paper:** [InstructBLIP](https://arxiv.org/abs/2305.06500)  \n")
    assert [e.title for e in doc.entries] == ["LLaVA", "MiniGPT-4", "InstructBLIP"]


def test_a_paragraph_that_mentions_a_link_describes_its_heading_entry() -> None:
    doc = parse("# Models\n\n## Vision\n\n### [LLaVA](https://arxiv.org/abs/2304.08485)\n\n"
                "A large multimodal model, see [the code](https://github.com/haotian-liu/LLaVA).\n\n"
                "### [MiniGPT-4](https://arxiv.org/abs/2304.10592)\n\n"
                "Aligns a frozen visual encoder with a frozen LLM.\n")
    assert [(e.title, e.description) for e in doc.entries] == [
        ("LLaVA", "A large multimodal model, see [the code](https://github.com/haotian-liu/LLaVA)."),
        ("MiniGPT-4", "Aligns a frozen visual encoder with a frozen LLM."),
    ]


def test_a_bold_label_before_a_title_link_is_not_the_title() -> None:
    """``- **Monday** - [mHC: Manifold-Constrained Hyper-Connections](url) - desc``: a day, then the paper."""
    doc = parse("# Reads\n\n"
                "- **Monday** - [mHC: Manifold-Constrained Hyper-Connections](https://arxiv.org/abs/2512.24880)"
                " - Stabilizes residual connections.\n"
                "- **Tuesday** - [VL-JEPA: World Model Architecture](https://arxiv.org/abs/2512.10942) - Joint"
                " embedding predictive architecture.\n"
                "- **A Paper Title** - [GitHub](https://github.com/a/b) - its code.\n")
    assert [(e.title, e.description) for e in doc.entries] == [
        ("mHC: Manifold-Constrained Hyper-Connections", "Stabilizes residual connections"),
        ("VL-JEPA: World Model Architecture", "Joint embedding predictive architecture"),
        ("A Paper Title", "its code"),
    ]
    assert all(e.title_span == e.primary_link.text_span for e in doc.entries[:2] if e.primary_link)


def test_a_labelled_title_link_among_entries_is_an_entry() -> None:
    doc = parse("# Reads\n\n"
                "- [mHC: Manifold-Constrained Hyper-Connections](https://arxiv.org/abs/2512.24880) - Residuals.\n"
                "- [VL-JEPA: World Model Architecture](https://arxiv.org/abs/2512.10942) - Embeddings.\n"
                "- [Close the Loop: Infinite Tool-Use Data](https://arxiv.org/abs/2512.23611) - Tool use.\n"
                "- Paper: [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
                "- Code: [BERT](https://github.com/google-research/bert)\n")
    assert [e.title for e in doc.entries] == [
        "mHC: Manifold-Constrained Hyper-Connections", "VL-JEPA: World Model Architecture",
        "Close the Loop: Infinite Tool-Use Data", "Attention Is All You Need"]


def test_labelled_link_lines_under_an_entry_heading_stay_its_links() -> None:
    doc = parse("# Papers\n\n### Attention Is All You Need\n\n"
                "- Paper: [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
                "- Code: [tensor2tensor](https://github.com/tensorflow/tensor2tensor)\n\n"
                "### BERT\n\n"
                "- Paper: [BERT: Pre-training of Deep Bidirectional Transformers](https://arxiv.org/abs/1810.04805)\n"
                "- Code: [bert](https://github.com/google-research/bert)\n")
    assert [(e.layout, e.title) for e in doc.entries] == [
        (Layout.HEADING, "Attention Is All You Need"), (Layout.HEADING, "BERT")]
