"""The one LaTeX-aware title normaliser (bibtex/normalize.title_key), shared by LL602 and LL503."""

from __future__ import annotations

import subprocess
import sys

import pytest

from listlint import duplicates
from listlint.api import lint_text
from listlint.bibtex import normalize
from listlint.bibtex.normalize import title_key, title_similarity
from listlint.source import SourceText


def test_both_families_use_the_same_function() -> None:
    assert duplicates.title_key is normalize.title_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ('Kernel methods by Sch\\"{o}lkopf', "Kernel Methods by Schölkopf"),
        ("Kernel methods by Schölkopf", "Kernel methods by Scholkopf"),  # diacritics fold
        ("S{\\o}ren and {\\L}{\\'o}d{\\'z}", "Søren and Łódź"),
        ("Søren and Łódź", "Soren and Lodz"),  # letters without a decomposition fold too
        ("Na{\\\"\\i}ve Bayes", "Naïve Bayes"),  # accent on a dotless i
        ("Deep~Learning of {R}epresentations", "Deep Learning of Representations"),  # a LaTeX tie is a space
        ("Ｌａｒｇｅ　Ｓｃａｌｅ", "Large Scale"),
        ("Stra\u00dfe", "STRASSE"),
        ("Architecture &amp; Descent", "Architecture \\& Descent"),
        ("Семантическая сегментация", "СЕМАНТИЧЕСКАЯ СЕГМЕНТАЦИЯ"),
        ("Cafe\u0301", "Café"),  # decomposed and composed
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ガイド入門", "カイド入門"),  # a Japanese voicing mark is part of the letter, not a diacritic
        ("C++ Tricks", "C Tricks"),  # math symbols stay
        ("딥러닝 입문", "딥러닝 입믄"),
    ],
)
def test_different_key(a: str, b: str) -> None:
    assert title_key(a) != title_key(b)


def test_keys_are_composed_text() -> None:
    assert title_key("ガイド入門") == "ガイド入門"  # recomposed after the diacritics are folded
    assert title_key("딥러닝 입문") == "딥러닝 입문"
    assert title_key("\\emph{Deep} \\textbf{Learning}: a {S}urvey!") == "deep learning a survey"
    assert title_key("🔥 Hot paper\u200b here") == "hot paper here"
    assert title_key("semi-supervised and/or self–supervised") == "semi supervised and or self supervised"
    assert title_key("") == ""


def test_ll602_finds_a_title_repeated_without_its_diacritics() -> None:
    text = (
        "# Papers\n\n"
        "- [Kernel methods by Schölkopf and Smola](https://example.org/a)\n"
        "- [Kernel Methods by Scholkopf and Smola](https://example.org/b)\n"
    )
    source = SourceText(text)
    found = [(d.code, *source.position(d.span.start), d.span.of(text)) for d in lint_text(text, select=("LL602",))]
    assert found == [("LL602", 4, 4, "Kernel Methods by Scholkopf and Smola")]


def test_ll503_accepts_the_same_title_written_in_latex() -> None:
    text = (
        "# Papers\n\n"
        "## Kernel Methods by Schölkopf and Smola\n\n"
        "```bibtex\n"
        "@book{scholkopf2002learning,\n"
        "  title={Kernel~Methods by Sch{\\\"o}lkopf and {S}mola},\n"
        "  year={2002}\n"
        "}\n"
        "```\n"
    )
    assert title_similarity("Kernel Methods by Schölkopf and Smola",
                            "Kernel~Methods by Sch{\\\"o}lkopf and {S}mola") == 1.0
    assert [d.code for d in lint_text(text, select=("LL503",))] == []
    worse = text.replace("Kernel~Methods by", "Gaussian Processes for")
    assert [d.code for d in lint_text(worse, select=("LL503",))] == ["LL503"]


def test_the_normaliser_imports_neither_bibtexparser_nor_html() -> None:
    code = (
        "import sys; import listlint.bibtex.normalize as n; n.title_key('A \\\\\"{o} title');"
        "print(sorted(m for m in ('bibtexparser', 'html') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("a", "b", "key"),
    [
        # punctuation separates words: the same title written with and without a space after it
        ("Theory of Deep Learning(draft)", "Theory of deep learning (draft)", "theory of deep learning draft"),
        ("BERT:Pre-training of Deep Transformers", "BERT: Pre-training of deep transformers",
         "bert pre training of deep transformers"),
        ("redunet_paper code", "ReduNet paper code", "redunet paper code"),
        ('"Why Should I Trust You?" Explaining', "Why should I trust you: explaining",
         "why should i trust you explaining"),
        # what sits inside a word goes: apostrophes, dots, LaTeX braces and math dollars
        ("Don't Stop Pretraining", "Dont stop pretraining", "dont stop pretraining"),
        ("Cybenko’s theorem, e.g. Vue.js", "Cybenkos theorem eg vuejs", "cybenkos theorem eg vuejs"),
        ("{B}ERT and $k$-means", "BERT and k means", "bert and k means"),
        # an accent on a dotless i written as a command (the quote once stayed behind)
        ('Na\\"\\i ve Bayes Classifiers', "Naïve Bayes classifiers", "naive bayes classifiers"),
        # no spaces between words in Chinese: the colon, a space or nothing are one title
        ("深度学习：理论与实践（第二版）", "深度学习 理论与实践 第二版", "深度学习理论与实践第二版"),
    ],
)
def test_punctuation_separates_words(a: str, b: str, key: str) -> None:
    assert title_key(a) == title_key(b) == key


def test_hash_and_plus_stay_and_korean_keeps_its_spaces() -> None:
    assert title_key("C# in Depth") == "c# in depth" != title_key("C in Depth")
    assert title_key("C++: the language") == "c++ the language"
    assert title_key("딥러닝: 입문") == "딥러닝 입문"  # Korean is written with spaces between words
    assert title_key("ガイド BERT 入門") == "ガイド bert 入門"  # a space next to a Latin word stays


def test_ll602_finds_a_title_repeated_with_other_spacing_around_punctuation() -> None:
    text = (
        "# Papers\n\n"
        "- [Theory of Deep Learning (draft)](https://example.org/a)\n"
        "- [Theory of deep learning(draft)](https://example.org/b)\n"
    )
    source = SourceText(text)
    found = [(d.code, *source.position(d.span.start), d.span.of(text)) for d in lint_text(text, select=("LL602",))]
    assert found == [("LL602", 4, 4, "Theory of deep learning(draft)")]
