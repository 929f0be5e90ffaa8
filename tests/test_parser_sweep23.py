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

