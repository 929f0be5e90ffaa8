"""Regressions from the twenty-third sweep of unseen lists: each test is a reduced repro of what the parser (or a
rule) read wrong (the real list named in the docstring)."""

from __future__ import annotations

from listlint.model import Layout
from listlint.parser import parse
from listlint.parser.entries import citation_title, is_citation


def _read(doc):
    return [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries]


def test_trailing_spaces_do_not_make_a_plain_item_a_reference() -> None:
    """qingsongedu/awesome-AI-for-time-series-papers: "* Learning Evolvable Time-series Shapelets, ICDE'22.  " (two
    trailing spaces) read as a plain-text reference, the same item without them as no entry at all: removing
    trailing whitespace (LL110's safe fix) changed the number of entries, so `listlint fix` refused to write the
    file. Trailing whitespace is invisible and changes nothing a reader sees."""
    body = ("# Papers\n\n## Anomaly Detection\n\n"
            "* Robust and Explainable Autoencoders, ICDE'22. [\\[paper\\]](https://arxiv.org/abs/2204.03341)\n"
            "* Anomaly Detection in Time Series with Robust Variational Quasi-Recurrent Autoencoders, ICDE'22.{ws}\n"
            "* Learning Evolvable Time-series Shapelets, ICDE'22.{ws}\n")
    assert _read(parse(body.format(ws="  "))) == _read(parse(body.format(ws="")))
    line = "Learning Evolvable Time-series Shapelets, ICDE'22."
    assert is_citation(line + "  ") == is_citation(line)


def test_a_capitalised_hyphenated_word_does_not_end_a_references_title() -> None:
    """qingsongedu/awesome-AI-for-time-series-papers: a reference without a sentence break ("Title, Authors, 2019")
    had its title cut at the first hyphen before a capital ("Quasi-Recurrent Autoencoders" -> "Quasi",
    "Self-Supervised Learning …" -> "Self"): a dash glued to both words parts title and authors only in the dash form
    that ends in a date ("Title-Matthew D. Zeiler，Rob Fergus-2013.11.28")."""
    assert citation_title("Self-Supervised Learning of Things, Smith, Jones, 2019.") == \
        "Self-Supervised Learning of Things, Smith, Jones, 2019"
    assert citation_title("Robust Variational Quasi-Recurrent Autoencoders, ICDE'22.") == \
        "Robust Variational Quasi-Recurrent Autoencoders, ICDE'22"
    # the dash form keeps its glued dash: title, authors, date
    assert citation_title("Visualizing and Understanding Convolutional Networks-Matthew D. Zeiler，Rob Fergus-2013.11.28") \
        == "Visualizing and Understanding Convolutional Networks"
    doc = parse("# Papers\n\n## Self-supervised\n\n"
                "- Self-Supervised Learning of Pretext-Invariant Representations, Misra, van der Maaten, 2019.\n"
                "- Multi-Scale Context Aggregation by Dilated Convolutions, Fisher Yu, Vladlen Koltun, 2016.\n")
    assert [e.title for e in doc.entries] == [
        "Self-Supervised Learning of Pretext-Invariant Representations, Misra, van der Maaten, 2019",
        "Multi-Scale Context Aggregation by Dilated Convolutions, Fisher Yu, Vladlen Koltun, 2016",
    ]


def test_a_name_of_one_word_after_a_tag_link_is_the_title() -> None:
    """yinyunie/3D-Shape-Analysis-Paper-List: "- [[Arxiv](url)] ControlNet", "- [[Arxiv](url)] D3GA - Drivable 3D
    Gaussian Avatars [[Project](url)]": the words after the bracketed tag link are the title even when they are one
    capitalised name (or a name before a dash); the tag "Arxiv" was read as the title instead. A lower-case note
    after the tag ("draft") still is no title."""
    doc = parse("# Papers\n\n## Human Body\n\n"
                "- [[Arxiv](https://arxiv.org/abs/2311.16096)] Animatable Gaussians: Learning Pose-dependent Maps\n"
                "- [[Arxiv](https://arxiv.org/abs/2311.08581)] D3GA - Drivable 3D Gaussian Avatars"
                " [[Project](https://zielon.github.io/d3ga/)]\n"
                "- [[Arxiv](https://github.com/lllyasviel/ControlNet)] ControlNet\n"
                "- [[pdf](https://a.example/draft.pdf)] draft\n")
    assert [e.title for e in doc.entries] == [
        "Animatable Gaussians: Learning Pose-dependent Maps", "D3GA", "ControlNet", "pdf"]
    assert all(e.title_span is not None and e.title_span.of(doc.text) == e.title for e in doc.entries)


def test_a_venue_and_short_year_in_parentheses_before_a_bold_title() -> None:
    """FumiyukiKato/tee-db-papers: "- (USENIX '19) **SPEICHER: Securing …** [[link]](url)": a venue and a year
    written '19 in parentheses open the item like "(TPAMI 2023)" does; the bold words after them are the title."""
    doc = parse("# Papers\n\n## KVS\n\n"
                "- 2019\n"
                "  - (USENIX '19) **SPEICHER: Securing LSM-based Key-Value Stores** [[link]](https://a.example/1)\n"
                "  - (International Middleware Conference '19) **EnclaveCache: A Secure Key-value Cache**"
                " [[link]](https://a.example/2)\n"
                "  - (preprint arXiv '19)Enjoy the Untrusted Cloud: A Secure Query Framework [[link]](https://a.example/3)\n")
    assert [e.title for e in doc.entries] == [
        "SPEICHER: Securing LSM-based Key-Value Stores", "EnclaveCache: A Secure Key-value Cache",
        "Enjoy the Untrusted Cloud: A Secure Query Framework"]


def test_a_quoted_title_opening_an_item_before_its_venue() -> None:
    """hexdjx/Visual-Tracking-Paper-List: '* "D3S - A Discriminative Single Shot Segmentation Tracker" CVPR.
    [[Paper]](url)' was titled '"D3S' (cut at the dash, the quote kept), and 'KYS: "Know Your Surroundings: …" ECCV'
    kept its quotes and venue: a quoted title opening the item (after a short nickname and a colon), followed by
    nothing but a venue, is the title. A title that merely starts with a quotation goes on as before."""
    doc = parse("# Tracking\n\n## CVPR 2020\n\n"
                '* "D3S - A Discriminative Single Shot Segmentation Tracker" CVPR. [[Paper]](https://a.example/1)\n'
                '* KYS: "Know Your Surroundings: Exploiting Scene Information for Object Tracking" ECCV.'
                " [[Paper]](https://a.example/2)\n"
                '* "Why Should I Trust You?" Explaining the Predictions of Any Classifier [[Paper]](https://a.example/3)\n')
    assert [e.title for e in doc.entries] == [
        "D3S - A Discriminative Single Shot Segmentation Tracker",
        "Know Your Surroundings: Exploiting Scene Information for Object Tracking",
        '"Why Should I Trust You?" Explaining the Predictions of Any Classifier']
    assert all(e.title_span is not None and e.title_span.of(doc.text) == e.title for e in doc.entries)


def test_paragraphs_of_a_venue_and_year_then_the_title_link() -> None:
    """RuifMaxx/Paper-List-of-cloud-resource-management: a paragraph per paper, "SIGCOMM 2019, [Learning Scheduling
    Algorithms for Data Processing Clusters](url)---Notes:[zhihu](url)": the venue and year label the titled link,
    labelled links of notes may follow; the file had no entries at all. Prose that mentions a link stays prose."""
    doc = parse("# Papers\n\n## Learning Base:\n\n"
                "SIGCOMM 2019, [Learning Scheduling Algorithms for Data Processing Clusters](https://web.mit.edu/decima/)"
                "---Notes:[zhihu](https://zhuanlan.zhihu.com/p/410761376)\n\n"
                "Usenix ICAC 2014, [Adaptive, Model-driven Autoscaling for Cloud Applications](https://a.example/2)\n\n"
                "SOCC 2021,[Parslo: A Gradient Descent-based Approach](https://a.example/3)---Notes:[PPTX](https://a.example/p)\n\n"
                "Information Systems Frontiers 2014, [A cost-aware auto-scaling approach](https://a.example/4)\n\n"
                "ACM Comput. Surv. 2018, [Auto-Scaling Web Applications in Clouds](https://a.example/5)\n\n"
                "Since early 2019, [our new lab](https://a.example/lab2)\n\n"
                "In 2019, [our lab](https://a.example/lab) moved to a new building downtown.\n")
    assert _read(doc) == [
        (Layout.CITATION, "Learning Scheduling Algorithms for Data Processing Clusters", "https://web.mit.edu/decima/"),
        (Layout.CITATION, "Adaptive, Model-driven Autoscaling for Cloud Applications", "https://a.example/2"),
        (Layout.CITATION, "Parslo: A Gradient Descent-based Approach", "https://a.example/3"),
        (Layout.CITATION, "A cost-aware auto-scaling approach", "https://a.example/4"),
        (Layout.CITATION, "Auto-Scaling Web Applications in Clouds", "https://a.example/5"),
    ]
    assert all(e.title_span is not None and e.title_span.of(doc.text) == e.title for e in doc.entries)


def test_escaped_brackets_around_a_label_link_still_make_it_a_label() -> None:
    """qingsongedu/awesome-AI-for-time-series-papers: "[\\[paper\\]](url)", "[\\[official code\\]](url)": a label link
    whose brackets are escaped is a label link all the same, so a title that wraps onto the line of its links
    ("… with an Application to" / "Electricity Smart Meter Data [\\[paper\\]](url)") is read as an entry, as it is
    with "[[paper]](url)"."""
    body = ("# Papers\n\n## Forecasting\n\n"
            "* PrEF: Probabilistic Electricity Forecasting {o}paper{c}(https://a.example/1)\n"
            "* LIMREF: Local Rule-Based Explanations for Forecasting, with an Application to\n"
            "Electricity Smart Meter Data {o}paper{c}(https://a.example/2) {o}official code{c}(https://github.com/a/b)\n"
            "* CausalGNN: Causal-Based Graph Neural Networks {o}paper{c}(https://a.example/3)\n")
    plain = parse(body.format(o="[[", c="]]"))
    escaped = parse(body.format(o="[\\[", c="\\]]"))
    assert [e.title for e in escaped.entries] == [e.title for e in plain.entries] == [
        "PrEF: Probabilistic Electricity Forecasting",
        "LIMREF: Local Rule-Based Explanations for Forecasting, with an Application to Electricity Smart Meter Data",
        "CausalGNN: Causal-Based Graph Neural Networks"]
    assert [e.primary_link.url for e in escaped.entries] == ["https://a.example/1", "https://a.example/2",
                                                            "https://a.example/3"]


def test_a_nickname_and_colon_before_a_bold_title() -> None:
    """songqiang321/Time-Series-Papers: "- DLinear: **Are Transformers Effective for Time Series Forecasting**,
    _Zeng et al._, AAAI 2023. \\[[paper](url)\\]" was titled with its authors and venue ("DLinear: Are Transformers
    …, Zeng et al., AAAI 2023"): a short nickname and a colon before the bold words are a label, as a nickname is
    before a quoted title; the bold words are the title."""
    doc = parse("# Papers\n\n## Linear\n\n"
                "- **N-BEATS: Neural basis expansion analysis**, _Oreshkin et al._, ICLR 2020."
                " \\[[paper](https://arxiv.org/abs/1905.10437)\\]\n"
                "- DLinear: **Are Transformers Effective for Time Series Forecasting**, _Zeng et al._, AAAI 2023."
                " \\[[paper](https://arxiv.org/abs/2205.13504)\\]\\[[code](https://github.com/cure-lab/LTSF-Linear)\\]\n"
                "- Time-LLM: **Time Series Forecasting by Reprogramming LLMs**, _Jin et al._, ICLR 2024."
                " \\[[paper](https://arxiv.org/abs/2310.01728)\\]\n")
    assert _read(doc) == [
        (Layout.LIST, "N-BEATS: Neural basis expansion analysis", "https://arxiv.org/abs/1905.10437"),
        (Layout.LIST, "Are Transformers Effective for Time Series Forecasting", "https://arxiv.org/abs/2205.13504"),
        (Layout.LIST, "Time Series Forecasting by Reprogramming LLMs", "https://arxiv.org/abs/2310.01728"),
    ]
    assert all(e.title_span is not None and e.title_span.of(doc.text) == e.title for e in doc.entries)


def test_items_of_a_year_a_venue_and_a_title_joined_by_dashes_are_references() -> None:
    """Huangxy-Minel/Paper-List-of-Host-Networking: its papers are link-less items "14-NSDI-FaRM: Fast Remote Memory",
    "**23-NSDI-SRNIC- A Scalable Architecture for RDMA NICs**", "22-SIGCOMM-Towards us Tail Latency and Terabit Ethernet - Disaggregating the Host Network Stack": a year (two
    or four digits), a venue in capitals and the title, joined by dashes. They were no entries at all; they are
    plain-text references titled by what follows the venue, dashes inside the title kept."""
    doc = parse("# Host Networking\n\n## 1.3 Shorten or Simplify Data Path\n\n"
                "- 14-NSDI-FaRM: Fast Remote Memory\n"
                "- 18-CoNEXT-The eXpress Data Path: Fast Programmable Packet Processing in the Operating System Kernel\n"
                "- 22-SIGCOMM-Towards us Tail Latency and Terabit Ethernet - Disaggregating the Host Network Stack\n"
                "- 2014-NSDI-mTCP-a Highly Scalable User-level TCP Stack for Multicore Systems\n"
                "- **23-NSDI-SRNIC- A Scalable Architecture for RDMA NICs**\n")
    assert _read(doc) == [
        (Layout.CITATION, "FaRM: Fast Remote Memory", None),
        (Layout.CITATION, "The eXpress Data Path: Fast Programmable Packet Processing in the Operating System Kernel",
         None),
        (Layout.CITATION, "Towards us Tail Latency and Terabit Ethernet - Disaggregating the Host Network Stack", None),
        (Layout.CITATION, "mTCP-a Highly Scalable User-level TCP Stack for Multicore Systems", None),
        (Layout.CITATION, "SRNIC- A Scalable Architecture for RDMA NICs", None),
    ]
    assert all(e.title_span is not None and e.title_span.of(doc.text) == e.title for e in doc.entries)
    # a number and dashes opening words are no year and venue
    assert not is_citation("3-step plan for the reading group") and not is_citation("12-bit-Quantised models")


def test_a_venue_and_year_after_a_plain_title_are_no_part_of_it() -> None:
    """qingsongedu/awesome-AI-for-time-series-papers: "* Transformers in Time Series: A Survey, in *IJCAI* 2023.
    [\\[paper\\]](url)", "* Robust and Explainable Autoencoders …, ICDE'22. [\\[paper\\]](url)": the venue and year
    after the comma were kept in the title (", in IJCAI 2023"), so the same paper listed with another venue read as
    another title. A comma, "in", a venue in capitals and a year closing the title are cut off; a title ending in
    other words with a year keeps them."""
    doc = parse("# Papers\n\n## Surveys\n\n"
                "* Transformers in Time Series: A Survey, in *IJCAI* 2023. [\\[paper\\]](https://arxiv.org/abs/2202.07125)\n"
                "* Deep Learning for Anomaly Detection, in *KDD & WSDM* 2020. [\\[Link1\\]](https://a.example/1)\n"
                "* A Survey on Learning from Irregularly Sampled Time Series, in NeurIPS Workshop 2020."
                " [\\[paper\\]](https://a.example/2)\n"
                "* Robust and Explainable Autoencoders for Time Series Outlier Detection, ICDE'22."
                " [\\[paper\\]](https://arxiv.org/abs/2204.03341)\n"
                "* Efficient temporal pattern mining, VLDB'22. [\\[paper\\]](https://arxiv.org/abs/2010.03653)\n"
                "* Deep Learning for Time Series Classification: a Review, in *Data Mining and Knowledge Discovery* 2019."
                " [\\[paper\\]](https://a.example/5)\n"
                "* COVID-19 Forecasting in the United States, 2020 [\\[paper\\]](https://a.example/3)\n"
                "* Lessons from the M4 Competition, in 2020 [\\[paper\\]](https://a.example/4)\n")
    assert [e.title for e in doc.entries] == [
        "Transformers in Time Series: A Survey",
        "Deep Learning for Anomaly Detection",
        "A Survey on Learning from Irregularly Sampled Time Series",
        "Robust and Explainable Autoencoders for Time Series Outlier Detection",
        "Efficient temporal pattern mining",
        "Deep Learning for Time Series Classification: a Review",
        "COVID-19 Forecasting in the United States, 2020",
        "Lessons from the M4 Competition, in 2020",
    ]
    assert all(e.title_span is not None and e.title_span.of(doc.text) == e.title for e in doc.entries)


def test_a_long_run_of_letters_after_a_title_parses_in_linear_time() -> None:
    # found by review: the venue word ("two capitals or more") could split a run of letters every way, and the
    # closing ", in VENUE YEAR" search tried them all: one 3,000-letter token took 0.8 s, 6,000 letters ~6 s
    import time

    start = time.perf_counter()
    parse("- Some title, in " + "aB" * 3000 + " x [pdf](https://a.org)\n- " + "aB" * 3000 + " 2019, T [p](https://b.org)\n")
    assert time.perf_counter() - start < 1.0
