"""Title normalisation, nicknames, year evidence and Scholar keys."""

from __future__ import annotations

import pytest

from listlint.bibtex.normalize import (
    arxiv_year_in_text,
    last_name,
    parse_year,
    scholar_key,
    split_authors,
    strip_latex,
    strip_nickname,
    title_key,
    title_similarity,
    year_evidence,
)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Grad-{CAM}: Visual Explanations", "grad cam visual explanations"),
        ("Hongler, Cl{\\'e}ment", "hongler clement"),
        ('{\\"O}zg{\\"u}r \\emph{is} here', "ozgur is here"),
        ("Herv{\\'{e}} J{\\'{e}}gou", "herve jegou"),
        ("A \\& B: 100\\% \\textbf{bold}", "a b 100 bold"),
        ("Caf\u00e9 na\u00efve", "cafe naive"),
        ("深度学习：理论", "深度学习理论"),  # punctuation goes in every script, as "深度学习理论" is written too
        ("  Spaces\tand\nlines ", "spaces and lines"),
    ],
)
def test_title_key(written: str, normal: str) -> None:
    assert title_key(written) == normal


def test_strip_latex_keeps_plain_text() -> None:
    assert strip_latex("Plain title") == "Plain title"
    assert strip_latex("{\\ss}tra{\\ss}e") == "sstrasse"


@pytest.mark.parametrize(
    ("heading", "bare"),
    [
        ("Understanding the difficulty of training deep feedforward neural networks (Xavier)",
         "Understanding the difficulty of training deep feedforward neural networks"),
        ("Delving deep into rectifiers (PReLU / MSRA)", "Delving deep into rectifiers"),
        ("Deep Learning (Flower Book)", "Deep Learning"),
        ("深度学习（花书）", "深度学习"),
        ("Understanding deep learning (still) requires it", "Understanding deep learning (still) requires it"),
    ],
)
def test_strip_nickname(heading: str, bare: str) -> None:
    assert strip_nickname(heading) == bare


def test_title_similarity() -> None:
    assert title_similarity("Delving deep into rectifiers: Surpassing human-level performance on imagenet "
                            "classification (PReLU / MSRA)",
                            "Delving deep into rectifiers: Surpassing human-level performance on imagenet "
                            "classification") == 1.0
    assert title_similarity("Grad-cam: Visual explanations", "Grad-{CAM}: {V}isual Explanations.") == 1.0
    # the parenthetical inside a real title is kept
    assert title_similarity("Understanding deep learning (still) requires rethinking generalization",
                            "Understanding deep learning requires rethinking generalization") > 0.85
    assert title_similarity("Batch normalization", "How does batch normalization help optimization?") < 0.6


@pytest.mark.parametrize(
    ("url", "years", "reason"),
    [
        ("https://arxiv.org/pdf/1211.5063v1.pdf", {2012, 2013}, "arXiv id 1211.5063 in the link"),
        ("https://arxiv.org/abs/2012.10931", {2020, 2021}, "arXiv id 2012.10931 in the link"),
        # a January id allows December of the year before: arXiv numbers papers of 29-31 December in January
        ("http://arxiv.org/abs/hep-th/9901001", {1998, 1999, 2000}, "arXiv id hep-th/9901001 in the link"),
        ("http://arxiv.org/abs/hep-th/9902001", {1999, 2000}, "arXiv id hep-th/9902001 in the link"),
        ("https://proceedings.mlr.press/v162/novak22a/novak22a.pdf", {2022},
         "the paper name `novak22a` in the PMLR/JMLR link"),
        ("http://proceedings.mlr.press/v37/ioffe15.pdf", {2015}, "the paper name `ioffe15` in the PMLR/JMLR link"),
        ("https://www.jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf?utm_source=x", {2014},
         "the paper name `srivastava14a` in the PMLR/JMLR link"),
        ("http://openaccess.thecvf.com/content_ICCV_2017/papers/Selvaraju_ICCV_2017_paper.pdf", {2017},
         "`content_ICCV_2017` in the proceedings link"),
        ("https://proceedings.neurips.cc/paper/2018/file/5a4be1fa-Paper.pdf", {2018},
         "`2018` in the proceedings link"),
        ("https://aclanthology.org/2020.acl-main.1.pdf", {2020}, "`2020.acl-main.1.pdf` in the proceedings link"),
    ],
)
def test_year_evidence(url: str, years: set[int], reason: str) -> None:
    found = year_evidence(url)
    assert found is not None and found.years == years and found.reason == reason


@pytest.mark.parametrize(
    "url",
    [
        "https://www.jmlr.org/papers/volume18/17-468/17-468.pdf",  # a submission number, not a year
        "https://dl.acm.org/doi/pdf/10.1145/3446776",
        "https://github.com/user/repo/tree/2018/",  # not a proceedings site
        "https://arxiv.org/abs/1713.00001",  # month 13
        "https://openreview.net/forum?id=2018abc",
    ],
)
def test_no_year_evidence(url: str) -> None:
    assert year_evidence(url) is None


def test_arxiv_year_in_bibtex_values() -> None:
    found = arxiv_year_in_text("arXiv preprint arXiv:1802.01528")
    assert found is not None and found.years == {2018, 2019}
    assert arxiv_year_in_text("CoRR, abs/1211.5063") is not None
    assert arxiv_year_in_text("1706.03762") is not None
    assert arxiv_year_in_text("Advances in neural information processing systems") is None


def test_parse_year() -> None:
    assert parse_year("2018") == 2018 and parse_year(" {2018} ") == 2018
    assert parse_year("18") is None and parse_year("2018a") is None and parse_year(None) is None


def test_authors_and_keys() -> None:
    assert split_authors("Novak, Roman and Sohl-Dickstein, Jascha AND {Google Brain and DeepMind}") == [
        "Novak, Roman", "Sohl-Dickstein, Jascha", "{Google Brain and DeepMind}"]
    assert last_name("Novak, Roman") == "novak"
    assert last_name("Ashish Vaswani") == "vaswani"
    assert last_name("Ludwig van Beethoven") == "beethoven"
    assert last_name("Hongler, Cl{\\'e}ment") == "hongler"
    assert last_name("{\\'E}mile Zola") == "zola"
    assert scholar_key("Santurkar, Shibani and Tsipras, Dimitris", 2018,
                       "How does batch normalization help optimization?") == "santurkar2018does"
    assert scholar_key("Selvaraju, Ramprasaath R", 2017, "Grad-cam: Visual explanations") == "selvaraju2017grad"
    assert scholar_key("Parr, Terence", 2018, "The matrix calculus you need") == "parr2018matrix"
    assert scholar_key(None, None, "Deep Learning") == "deep"


def test_word_split_matches_the_same_characters_as_the_plain_class() -> None:
    import re

    from listlint.bibtex import normalize

    plain = re.compile(r"[\s\-–—/:]+")  # the readable spelling, slow to compile; the module's must split alike
    assert all(bool(plain.fullmatch(chr(c))) == bool(normalize._WORD_SPLIT.fullmatch(chr(c))) for c in range(0x110000))
    assert normalize._WORD_SPLIT.split("Deep\u00a0nets — a/b: c-d") == plain.split("Deep\u00a0nets — a/b: c-d")


def test_an_entry_named_by_the_short_name_its_bibtex_title_opens_with_matches_it() -> None:
    # htqin's list: "## BiBench" over the BibTeX of "BiBench: Benchmarking and Analyzing Network Binarization"
    assert title_similarity("BiBench", "{BiBench}: Benchmarking and Analyzing Network Binarization") == 1.0
    assert title_similarity("MQBench", "MQBench — Towards Reproducible Quantization") == 1.0
    # a different name, or a title that merely opens with the same word, is no match
    assert title_similarity("BiBench", "QBench: Benchmarking Quantization") < 0.9
    assert title_similarity("Deep", "Deep Residual Learning for Image Recognition") < 0.9
    assert title_similarity("Attention", "Attention: A Survey of Mechanisms") < 0.9  # a word, not a coined name
