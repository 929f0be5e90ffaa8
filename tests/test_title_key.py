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
