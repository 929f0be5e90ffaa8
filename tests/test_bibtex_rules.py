"""LL501-LL511 on fixtures (expected diagnostics next to each file), fixes, options, and the Scholar seed list."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from bibtex_support import check, fix, found

from listlint.config import from_table
from listlint.diagnostics import Applicability
from listlint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "bibtex"
CASES = sorted(FIXTURES.glob("*.md"))


def described(text: str, select: tuple[str, ...] = ("LL5",), config: object = None) -> list[str]:
    source = SourceText(text)
    out = []
    for d in check(text, select, config):  # type: ignore[arg-type]
        line, column = source.position(d.span.start)
        out.append(f"{d.code} {line}:{column} {d.message}")
    return out


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_fixture(path: Path, newline: str) -> None:
    text = path.read_text(encoding="utf-8").replace("\n", newline)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert described(text) == expected


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_fixes_converge(path: Path, unsafe: bool, newline: str) -> None:
    text = path.read_text(encoding="utf-8").replace("\n", newline)
    once = fix(text, unsafe=unsafe)
    assert fix(once, unsafe=unsafe) == once
    left = [d for d in check(once) if d.fix is not None
            and (unsafe or d.fix.applicability is Applicability.SAFE)]
    assert left == []
    if newline == "\r\n":
        assert once.count("\r\n") == once.count("\n")  # no bare LF introduced


def test_fixed_fixtures() -> None:
    fences = fix((FIXTURES / "fences.md").read_text(encoding="utf-8"))
    assert "  ```bibtex\n  @inproceedings{xie2021diffusion," in fences
    assert "  ```bibtex\n  @misc{a,\n    title={Two papers}\n  }\n\n  @misc{b," in fences
    fields = fix((FIXTURES / "fields.md").read_text(encoding="utf-8"), unsafe=True)
    # the comma inserted, then the block reformatted in the file's dominant `name={value}` style
    assert "  year={2022},\n  volume={162},\n  pages={24430--24459}\n}" in fields
    assert "TITLE=" not in fields and "Year=" not in fields
    assert "doi={10.1145/3446776},\n  url={https://dl.acm.org/doi/10.1145/3446776}\n}" in fields
    fmt = fix((FIXTURES / "format.md").read_text(encoding="utf-8"))
    assert ("    ```bibtex\n    @misc{shazeer2020glu,\n      title={GLU Variants Improve Transformer},\n"
            "      year={2020}\n    }\n    ```") in fmt


def test_only_non_canonical_blocks_are_rewritten() -> None:
    text = (FIXTURES / "format.md").read_text(encoding="utf-8")
    fixed = fix(text, ("LL509",))
    canonical_block = text[text.index("@inproceedings{novak2022fast") : text.index("year={2022}\n}") + 13]
    assert canonical_block in fixed
    edits = [d.fix for d in check(text, ("LL509",)) if d.fix]
    assert len(edits) == 2
    assert all(len(f.edits) == 1 for f in edits)  # one edit per block: its content, nothing around it


# --- each rule's own cases ----------------------------------------------------------------------------------------


def fence(body: str, label: str = "bibtex") -> str:
    return f"# T\n\n```{label}\n{body}\n```\n"


def test_ll501_positions_inside_markdown() -> None:
    text = "# T\n\n- item\n\n  ```bibtex\n  @misc{k,\n    title={open\n    year={2020}\n  }\n  ```\n"
    assert found(text, ("LL501",)) == [("LL501", 7, 11)]


def test_ll502_profiles_and_crossref() -> None:
    body = "@article{k,\n  title={T},\n  author={A},\n  year={2020}\n}"
    assert described(fence(body), ("LL502",)) == [
        "LL502 4:1 `@article{k}` lacks `journal` (required for @article in the bibtex profile)"]
    biblatex = from_table({"bibtex": {"profile": "biblatex"}}, "<test>")
    assert described(fence(body.replace("year={2020}", "date={2020-01}").replace("journal", "x")), ("LL502",),
                     biblatex) == [
        "LL502 4:1 `@article{k}` lacks `journaltitle` or `journal` (required for @article in the biblatex profile)"]
    assert described(fence(body.replace("}\n}", "},\n  crossref={c}\n}")), ("LL502",)) == []
    assert described(fence("@book{k, title={T}, editor={E}, publisher={P}, year={1}}"), ("LL502",)) == []
    assert described(fence("@misc{k}"), ("LL502",)) == []


def test_ll503_nickname_and_threshold() -> None:
    text = ("# T\n\n#### Deep Residual Learning for Image Recognition (ResNet) [`READ`]\n\n```bibtex\n"
            "@inproceedings{he2016deep,\n  title={Deep Residual Learning for Image Recognition}\n}\n```\n")
    assert found(text, ("LL503",)) == []
    wrong = text.replace("Deep Residual Learning for Image Recognition}",
                         "Identity Mappings in Deep Residual Networks}")
    assert found(wrong, ("LL503",)) == [("LL503", 7, 9)]
    loose = from_table({"bibtex": {"title-threshold": 0.3}}, "<test>")
    assert found(wrong, ("LL503",), loose) == []
    # a README's "## Citation" heading introduces the BibTeX, it does not name the paper
    readme = "# Project\n\n## Citation\n\n```bibtex\n@misc{k,\n  title={Attention Is All You Need}\n}\n```\n"
    assert found(readme, ("LL503",)) == []
    # a list entry's title is its link text
    listed = ("# T\n\n- [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980)\n\n"
              "  ```bibtex\n  @article{kingma2014adam,\n    title={{Adam}: A Method for Stochastic Optimization}\n  }\n"
              "  ```\n")
    assert found(listed, ("LL503",)) == []


def test_ll504_evidence_from_bibtex_itself() -> None:
    body = "@misc{vaswani2017attention,\n  title={Attention Is All You Need},\n  eprint={1706.03762},\n  year={2015}\n}"
    assert described(fence(body), ("LL504",)) == [
        "LL504 7:8 year 2015 disagrees with arXiv id 1706.03762 in the BibTeX (2017 or 2018)"]
    assert described(fence(body.replace("2015", "2018")), ("LL504",)) == []
    assert described(fence(body.replace("2015", "{n.d.}")), ("LL504",)) == []


def test_ll505_fix_is_unsafe_and_exact() -> None:
    text = fence("@misc{k,\n  title={A}\n  year={2020}\n}")
    (diagnostic,) = check(text, ("LL505",))
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert SourceText(text).position(diagnostic.span.start) == (6, 3)
    assert fix(text, ("LL505",)) == text
    assert fix(text, ("LL505",), unsafe=True) == fence("@misc{k,\n  title={A},\n  year={2020}\n}")


def test_ll506_keeps_the_first() -> None:
    text = fence("@misc{k, title={A}, Title={B}, year={1}}")
    assert fix(text, ("LL506",), unsafe=True) == fence("@misc{k, title={A}, year={1}}")
    last = fence("@misc{k,\n  title={A},\n  TITLE={A}\n}")
    assert described(last, ("LL506",)) == ["LL506 6:3 field `TITLE` repeats `title` of line 5 (the same value)"]
    assert fix(last, ("LL506",), unsafe=True) == fence("@misc{k,\n  title={A}\n}")


def test_ll507_types() -> None:
    assert described(fence("@Misc{k, title={T}}"), ("LL507",)) == []
    assert described(fence("@string{j = {J}}\n@misc{k, journal=j}"), ("LL507",)) == []
    assert described(fence("@paper{k, title={T}}"), ("LL507",)) == [
        "LL507 4:2 `@paper` is not an entry type of the bibtex profile"]
    biblatex = from_table({"bibtex": {"profile": "biblatex"}}, "<test>")
    assert described(fence("@online{k, title={T}}"), ("LL507",), biblatex) == []


def test_ll508_labels_and_options() -> None:
    assert described(fence("@misc{k, title={T}}", "bib"), ("LL508",)) == []
    assert described(fence("@misc{k, title={T}}", "BibTeX"), ("LL508",)) == []
    assert described(fence("@misc{k, title={T}}", "latex"), ("LL508",)) == [
        "LL508 3:4 BibTeX in a fence labelled `latex`: label it `bibtex`"]
    assert fix(fence("@misc{k, title={T}}", "latex {.x}"), ("LL508",)) == fence("@misc{k, title={T}}", "bibtex {.x}")
    assert fix("# T\n\n~~~\n@misc{k, title={T}}\n~~~\n", ("LL508",)) == "# T\n\n~~~bibtex\n@misc{k, title={T}}\n~~~\n"
    strict = from_table({"rules": {"bibtex-fence": {"labels": ["bib"]}}}, "<test>")
    assert fix(fence("@misc{k, title={T}}"), ("LL508",), config=strict) == fence("@misc{k, title={T}}", "bib")
    # a fence of Python that starts with a decorator, or of broken text, is not BibTeX
    assert described(fence("@dataclass(frozen=True)\nclass A: ...", "python"), ("LL5",)) == []
    assert described(fence("@app.route('/')", ""), ("LL5",)) == []


def test_ll509_options() -> None:
    body = "@misc{k,\n  title={T},\n  year={2020}\n}"
    assert described(fence(body), ("LL509",)) == []
    spaced = from_table({"rules": {"bibtex-format": {"layout": "spaced", "indent": 4}}}, "<test>")
    assert fix(fence(body), ("LL509",), config=spaced) == fence("@misc{k,\n    title = {T},\n    year = {2020}\n}")
    comma = from_table({"bibtex": {"trailing-comma": "always"}}, "<test>")
    assert fix(fence(body), ("LL509",), config=comma) == fence("@misc{k,\n  title={T},\n  year={2020},\n}")
    order = from_table({"bibtex": {"field-order": ["year"]}}, "<test>")
    assert fix(fence(body), ("LL509",), config=order) == fence("@misc{k,\n  year={2020},\n  title={T}\n}")


def test_ll509_dominant_style_across_the_file() -> None:
    text = (fence("@misc{a,\n  title = {A}\n}") + "\n" + fence("@misc{b,\n  title = {B}\n}")[5:] + "\n"
            + fence("@misc{c,\n  title={C}\n}")[5:])
    assert described(text, ("LL509",)) == [
        "LL509 17:1 BibTeX not in canonical layout: `title=` is not written `title = ` as in the rest of the file"]


def test_ll510_years_and_options() -> None:
    assert described(fence("@misc{k, year={1750}}"), ("LL510",)) == [
        "LL510 4:15 year 1750 is out of range (1800–" + str(__import__("datetime").date.today().year + 1) + ")"]
    assert described(fence("@misc{k, year=jan}"), ("LL510",)) == []  # a macro
    assert described(fence("@misc{k, pages={1--3}, doi={10.1/x}, url={https://x.org}}"), ("LL510",)) == []
    assert fix(fence('@misc{k, doi="doi:10.1/x"}'), ("LL510",)) == fence('@misc{k, doi="10.1/x"}')


def test_ll511_off_by_default_and_scholar_seed(corpus: Path) -> None:
    text = fence("@misc{Zoph2022STMoEDS, author={Barret Zoph}, title={ST-MoE: Designing}, year={2022}}")
    assert "LL511" not in [code for code, _, _ in found(text)]
    assert found(text, ("LL511",)) == [("LL511", 4, 7)]
    seed = (corpus / "seeds" / "theory-for-deep-learning.md").read_text(encoding="utf-8")
    assert found(seed, ("LL511",)) == []  # every Scholar key follows the pattern
    bad_regex = from_table({"bibtex": {"key-pattern": "("}}, "<test>")
    with pytest.raises(Exception, match="key-pattern"):
        check(text, ("LL511",), bad_regex)


# --- the Scholar seed list, reviewed by hand ----------------------------------------------------------------------

SEED_SNAPSHOT = [
    "LL510 300:11 Google Scholar's CoRR citation: journal `CoRR, abs/1211.5063` with volume `2`, number `417` is "
    "not a journal article; cite the arXiv preprint (e.g. journal = {arXiv preprint arXiv:…}) instead",
    "LL510 303:9 `pages={1}` is a placeholder Google Scholar writes, not a page range",
]


def test_theory_for_deep_learning_snapshot(corpus: Path) -> None:
    """Reviewed by hand: 19 Scholar blocks, all canonical in their own `title={...}` style; the nicknamed headings
    "(Xavier)" and "(PReLU / MSRA)" match their BibTeX titles; every year agrees with its PMLR/JMLR name, arXiv id
    or proceedings path; the only findings are Scholar's CoRR citation of arXiv:1211.5063 and its `pages={1}`."""
    text = (corpus / "seeds" / "theory-for-deep-learning.md").read_text(encoding="utf-8")
    assert described(text) == SEED_SNAPSHOT
    assert fix(text) == text  # nothing is rewritten: every block is canonical
    # make one block non-canonical: fix rewrites that block only, and a second fix changes nothing
    broken = text.replace("@article{zhang2021understanding,\n  title=", "@Article{zhang2021understanding,\n    Title=")
    fixed = fix(broken)
    assert fixed == text
    assert fix(fixed) == fixed
    assert [d.code for d in check(broken, ("LL509",))] == ["LL509"]


def test_rules_never_import_bibtexparser() -> None:
    import listlint.bibtex
    import listlint.rules.ll5_bibtex as module

    sources = [Path(module.__file__)] + sorted(Path(listlint.bibtex.__file__).parent.glob("*.py"))
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(("bibtexparser", "markdown_it", "httpx", "listlint.parser")), (
                    f"{source.name} imports {name}")
