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
