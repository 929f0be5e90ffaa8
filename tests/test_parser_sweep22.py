"""Regressions from the twenty-second sweep of unseen lists: each test is a reduced repro of what the parser read
wrong (the real list named in the docstring)."""

from __future__ import annotations

from listlint.model import Layout
from listlint.parser import parse


def _read(doc):
    return [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries]


def test_a_year_and_venue_before_a_title_link_are_a_label() -> None:
    """AdamtayZzz/AI-security-related-paper-list: "- 2018 IEEE ACCESS [Threat of …](url)"; ConanCui/Paper-List:
    "- 2018 - WWW - [DKN: …](url)"; Eilene/spatio-temporal-paper-list: "- (GWNN)[Graph Wavelet …](url)": the year,
    the venue (and a method's nickname) before the link are a label; the link's words are the title."""
    doc = parse("# Papers\n\n## Attacks\n\n"
                "- 2018 IEEE ACCESS [Threat of Adversarial Attacks on Deep Learning](https://arxiv.org/abs/1801.00553)\n"
                "- 2015 ICLR FGSM [Explaining and harnessing adversarial examples](https://arxiv.org/abs/1412.6572)\n"
                "- 2018 IEEE TECV One-pixel attack [One pixel attack for fooling deep neural networks](https://arxiv.org/abs/1710.08864)\n"
                "- 2018 ICLR PGD[Towards Deep Learning Models Resistant to Adversarial Attacks](https://arxiv.org/abs/1706.06083)\n"
                "- 2018 - WWW - [DKN: Deep Knowledge-Aware Network for News Recommendation](https://github.com/hwwang55/DKN)\n"
                "- 2013 -WSDM - [News Recommendation via Hypergraph Learning](https://a.example/1)\n"
                "- CVPR 2019 [Some Paper Title Here](https://arxiv.org/abs/1)\n"
                "- (CVPR 2019) [Other Paper Title Here](https://arxiv.org/abs/2)\n"
                "- (GWNN)[Graph Wavelet Neural Network (ICLR2019)](https://openreview.net/forum?id=H1ewdiR5tQ)\n")
    assert _read(doc) == [
        (Layout.LIST, "Threat of Adversarial Attacks on Deep Learning", "https://arxiv.org/abs/1801.00553"),
        (Layout.LIST, "Explaining and harnessing adversarial examples", "https://arxiv.org/abs/1412.6572"),
        (Layout.LIST, "One pixel attack for fooling deep neural networks", "https://arxiv.org/abs/1710.08864"),
        (Layout.LIST, "Towards Deep Learning Models Resistant to Adversarial Attacks", "https://arxiv.org/abs/1706.06083"),
        (Layout.LIST, "DKN: Deep Knowledge-Aware Network for News Recommendation", "https://github.com/hwwang55/DKN"),
        (Layout.LIST, "News Recommendation via Hypergraph Learning", "https://a.example/1"),
        (Layout.LIST, "Some Paper Title Here", "https://arxiv.org/abs/1"),
        (Layout.LIST, "Other Paper Title Here", "https://arxiv.org/abs/2"),
        (Layout.LIST, "Graph Wavelet Neural Network (ICLR2019)", "https://openreview.net/forum?id=H1ewdiR5tQ"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_words_before_a_link_that_are_no_year_and_venue_stay_the_title() -> None:
    """A name before a link that names a resource of it ("Tool - [docs](url)"), prose into a link, and a year with a
    sentence after it keep reading as before."""
    doc = parse("# Tools\n\n## A\n\n"
                "- Awesome Tool - [Documentation Site](https://a.example/1)\n"
                "- In 2019 we wrote about [the new release](https://a.example/2)\n")
    assert [e.title for e in doc.entries] == ["Awesome Tool"]


def test_a_bracketed_venue_and_year_as_a_links_text_tags_the_bold_title_after_it() -> None:
    """JSLiam94/Paper-List-for-Prototypical-Learning: "- [[2017-NIPS]](pdf) **Prototypical networks for few-shot
    learning** [:octocat:](code)": the link's text is a venue and year in brackets, a tag; the bold words after it
    are the title, the tagged link stays the entry's link."""
    doc = parse("# Papers\n\n## Classification\n\n"
                "- [[2017-NIPS]](https://proceedings.neurips.cc/x.pdf) **Prototypical networks for few-shot learning**"
                " [:octocat:](https://github.com/jakesnell/prototypical-networks)\n"
                "- [[2025-TPAMI]](https://ieeexplore.ieee.org/document/1) **Mixture of prototypes**\n"
                "- [[2021-nature machine intelligence]](https://arxiv.org/pdf/2) **A case-based model**\n"
                "- [[Deep Sets]](https://a.example/3) a paper about sets and more\n")
    assert _read(doc)[:3] == [
        (Layout.LIST, "Prototypical networks for few-shot learning", "https://proceedings.neurips.cc/x.pdf"),
        (Layout.LIST, "Mixture of prototypes", "https://ieeexplore.ieee.org/document/1"),
        (Layout.LIST, "A case-based model", "https://arxiv.org/pdf/2"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries[:3])
    # a title in double brackets, no year or label in it, stays the title: the words after it are a description
    assert "Deep Sets" in doc.entries[3].title


def test_a_nested_italic_line_of_authors_is_no_entry_of_its_own() -> None:
    """ConanCui/Paper-List: "- 2018 - WWW - [DKN …](url)" / "  - *[Hongwei Wang], Fuzheng Zhang, Xing Xie*": the
    nested italic line names the paper's authors (one linked to a home page); it is no child entry titled by an
    author's name."""
    doc = parse("# Papers\n\n## News\n\n"
                "- 2018 - WWW - [DKN: Deep Knowledge-Aware Network](https://github.com/hwwang55/DKN)\n"
                "  - *[Hongwei Wang], Fuzheng Zhang, Xing Xie, Minyi Guo*\n"
                "  - *news recommendation; knowledge graph*\n"
                "- 2019 - WSDM - [Social Attentional Memory Network](https://github.com/chenchongthu/SAMN)\n"
                "  - *[Chong Chen](https://github.com/chenchongthu/), Min Zhang, et al*\n"
                "- 2019 - WWW - [Heterogeneous Graph Attention Network](https://github.com/Jhy1993/HAN)\n"
                "  - *Houye Ji, [Chuan Shi](https://a.example/cs), [Peng Cui](https://a.example/pc) et al*\n"
                "- [Tool](https://a.example/t)\n"
                "  - [Plugin One](https://a.example/p1), a plugin for it\n\n"
                "[Hongwei Wang]: https://cs.stanford.edu/~hongweiw/\n")
    assert [(e.title, [c.title for c in e.children]) for e in doc.entries if e.title != "Plugin One"] == [
        ("DKN: Deep Knowledge-Aware Network", []),
        ("Social Attentional Memory Network", []),
        ("Heterogeneous Graph Attention Network", []),
        ("Tool", ["Plugin One"]),
    ]


def test_a_loose_item_of_authors_then_title_then_paragraphs_of_links_is_a_paper() -> None:
    """Airscope/adv-attacks-defense-paper-list: "- Authors:" / "" / "  Title." / "" / "  [[paper](url)]" / "" /
    "  [[code](url)]", or "- **Name:** Authors.<br />" / '  "Title." AAAI(2022)' then the link paragraphs: a loose
    item whose first line names the authors, its next the title, and whose later paragraphs are its links."""
    doc = parse("# Papers\n\n## Attack\n\n"
                "- **BSC-Attack:** Kai Chen, Zhipeng Wei, Jingjing Chen, Zuxuan Wu, Yu-Gang Jiang.<br />\n\n"
                "  \"Attacking Video Recognition Models with Bullet-Screen Comments.\" AAAI(2022)\n\n"
                "  [[paper](https://arxiv.org/pdf/2110.15629.pdf)]\n\n"
                "  [[code](https://github.com/kay-ck/BSC-attack)]\n\n"
                "- **AT-BMC:** Dongfang Li, Baotian Hu, Qingcai Chen.\n"
                "  \"Unifying Model Explainability and Robustness.\"\n\n"
                "  [[paper](https://arxiv.org/abs/2112.10424)]\n\n"
                "* Nariki Tanaka, Hiroshi Kera, Kazuhiko Kawamoto:\n\n"
                "  Adversarial Bone Length Attack on Action Recognition.\n\n"
                "  [[paper](https://arxiv.org/abs/2109.05830)]\n\n"
                "  [[code]()]\n\n"
                "* Kartik Gupta, Thalaiyasingam Ajanthan:\n"
                "  Improved Gradient-Based Adversarial Attacks for Quantized Networks.\n\n"
                "  [[paper](https://arxiv.org/abs/2003.13511)]\n\n"
                "- Kwang In Kim:\n\n  Robust Learning of Things.\n\n  [[paper](https://arxiv.org/abs/1)]\n\n"
                "- Pau de Jorge Aranda, Duen Horng (Polo) Chau:\n  Make Some Noise.\n\n"
                "  [[paper](https://arxiv.org/abs/2)]\n\n"
                "- Note:\n\n  Read the paper first.\n\n  [[paper](https://arxiv.org/abs/3)]\n")
    assert _read(doc) == [
        (Layout.LIST, "Attacking Video Recognition Models with Bullet-Screen Comments",
         "https://arxiv.org/pdf/2110.15629.pdf"),
        (Layout.LIST, "Unifying Model Explainability and Robustness", "https://arxiv.org/abs/2112.10424"),
        (Layout.LIST, "Adversarial Bone Length Attack on Action Recognition", "https://arxiv.org/abs/2109.05830"),
        (Layout.LIST, "Improved Gradient-Based Adversarial Attacks for Quantized Networks",
         "https://arxiv.org/abs/2003.13511"),
        (Layout.LIST, "Robust Learning of Things", "https://arxiv.org/abs/1"),
        (Layout.LIST, "Make Some Noise", "https://arxiv.org/abs/2"),
    ]


def test_a_loose_item_of_prose_then_a_link_stays_no_paper() -> None:
    """A note over a link in a loose item ("Install it:" / "" / "  Then run the tool." / "" / "  [docs](url)") has
    no line of authors: no entry."""
    doc = parse("# Tools\n\n## Setup\n\n"
                "- Install it with pip:\n\n"
                "  Then run the tool.\n\n"
                "  [[docs](https://a.example/docs)]\n")
    assert doc.entries == ()
