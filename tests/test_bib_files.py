""".bib files: `listlint check/fix refs.bib`, and `.bib` files named by `bibtex.files` in the configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from listlint.api import lint_text
from listlint.bibtex.bibfile import applies_to_bib_file, is_bib_path
from listlint.config import DEFAULT
from listlint.linter import RuleSet, lint
from listlint.parser.bibtex import parse_bib
from listlint.registry import Registry

REFS = """\
% references of the list

@Article{he2016deep,
  title = {Deep Residual Learning for Image Recognition},
  author = {He, Kaiming and Zhang, Xiangyu},
  journal={CVPR},
  year = {2016}
}

@inproceedings{vaswani2017attention,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish}
  year = {2017},
}

@misc{he2016deep,
  title = {Duplicate key},
  year = {2016},
}
"""
REFS_FINDINGS = [
    "refs.bib:10:1: LL502 `@inproceedings{vaswani2017attention}` lacks `booktitle` (required for @inproceedings in "
    "the bibtex profile) (bibtex-required-fields)",
    "refs.bib:13:3: LL505 missing comma after `author = {Vaswani, Ashish}`: BibTeX reads `year = …` as part of the "
    "`author` value (bibtex-missing-comma)",
    "refs.bib:16:7: LL603 duplicate BibTeX key 'he2016deep': also used at line 3 (duplicate-citation-key)",
]
CANONICAL = """\
@article{he2016deep,
  title = {Deep Residual Learning for Image Recognition},
  author = {He, Kaiming and Zhang, Xiangyu},
  journal = {CVPR},
  year = {2016},
}
"""
README = "# Papers\n\n- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "listlint.cli", *args], cwd=cwd, input=stdin, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}, timeout=60,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def findings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": LL" in line]


def bib_lint(text: str, select: tuple[str, ...] = ()) -> list[tuple[str, int, int, str]]:
    """(code, line, column, text at the span) of every diagnostic on ``text`` read as a .bib file."""
    full = RuleSet.build(Registry.load(), DEFAULT, select=select)
    ruleset = RuleSet(full.config, tuple((r, o) for r, o in full.rules if applies_to_bib_file(r)))
    document = parse_bib(text, "refs.bib")
    out = []
    for d in lint(document, ruleset):
        line, column = document.source.position(d.span.start)
        out.append((d.code, line, column, d.span.of(document.text)))
    return out


# --- the Document of a .bib file --------------------------------------------------------------------------------


def test_parse_bib_is_one_block_whose_entries_show_their_own_text() -> None:
    document = parse_bib(REFS, "refs.bib")
    (block,) = document.bibtex_blocks
    assert block.content_span.of(REFS) == block.raw == REFS.strip()
    assert block.first_line == 1
    assert [e.key for e in block.entries] == ["he2016deep", "vaswani2017attention", "he2016deep"]
    starts = [REFS.index("@Article"), REFS.index("@inproceedings"), REFS.index("@misc")]
    assert [e.span.of(REFS) for e in block.entries] == [REFS[s : REFS.index("\n}\n", s) + 2] for s in starts]
    assert [e.key_span.of(REFS) for e in block.entries] == [e.key for e in block.entries]
    assert not document.entries and not document.headings and not document.links and not document.blocks


@pytest.mark.parametrize("text", ["", "\n\n", "   \r\n"])
def test_a_blank_bib_file_has_no_block_and_no_findings(text: str) -> None:
    assert parse_bib(text, "refs.bib").bibtex_blocks == ()
    assert bib_lint(text) == []


def test_blank_lines_around_the_entries_are_outside_the_block() -> None:
    text = "\n\n@misc{k,\n  title = {T},\n}\n\n"
    (block,) = parse_bib(text, "refs.bib").bibtex_blocks
    assert block.first_line == 3 and block.raw == "@misc{k,\n  title = {T},\n}"


def test_only_bibliography_rules_apply() -> None:
    codes = {rule.code for rule in Registry.load().rules if applies_to_bib_file(rule)}
    assert {"LL501", "LL502", "LL505", "LL509", "LL603", "LL604"} <= codes
    assert not {"LL508", "LL601", "LL602"} & codes  # fences; entries of a list
    assert not any(code[:3] in ("LL1", "LL2", "LL3", "LL4") for code in codes)
    assert is_bib_path("refs.BIB") and not is_bib_path("refs.bib.md")


def test_rules_report_exact_positions_in_a_crlf_file_with_chinese_text() -> None:
    text = (
        "@article{li2020,\r\n  title = {深度学习：理论与实践},\r\n  author = {Li, Wei}\r\n  year = {2020},\r\n}\r\n"
        "\r\n@book{li2020,\r\n  title = {深度学习},\r\n}\r\n"
    )
    assert bib_lint(text, select=("LL502", "LL505", "LL603")) == [
        ("LL502", 1, 1, "@article{li2020"),
        ("LL505", 4, 3, "year"),
        ("LL502", 7, 1, "@book{li2020"),
        ("LL603", 7, 7, "li2020"),
    ]


def test_text_between_entries_is_legal_in_a_bib_file() -> None:
    text = "Notes, not BibTeX.\n\n@string{cvpr = {CVPR}}\n\n@misc{a,\n  title = {A},\n}\n@misc{b,\n  title = {B},\n}\n"
    # no LL508 (stray text, several entries): a .bib file is not a fence; LL509 keeps the notes and the @string
    assert bib_lint(text) == [("LL509", 8, 1, "@misc{b")]


MESSY = """\
% refs
@Article{a2020,
  title={A},
  year={2020}
}
@misc{b2020,
  title={B},
}



@misc{c2020,
  title={C},
}

@string{x = {y}}

@misc{d2020,
    title={D},
}
"""


def test_each_entry_of_a_bib_file_is_reported_and_fixed_on_its_own(tmp_path: Path) -> None:
    path = write(tmp_path / "f.bib", MESSY)
    result = run("check", "--select", "LL509", "f.bib", cwd=tmp_path)
    assert findings(result) == [
        "f.bib:2:1: LL509 [*] BibTeX not in canonical layout: entry type `@Article` is not lowercase; no trailing "
        "comma after the last field (bibtex-format)",
        "f.bib:6:1: LL509 [*] BibTeX not in canonical layout: no blank line before `@misc{b2020` (bibtex-format)",
        "f.bib:12:1: LL509 [*] BibTeX not in canonical layout: more than one blank line before `@misc{c2020` "
        "(bibtex-format)",
        "f.bib:19:1: LL509 [*] BibTeX not in canonical layout: `title` is not indented by 2 spaces (bibtex-format)",
    ]
    assert run("fix", "f.bib", cwd=tmp_path).stdout.strip() == "Fixed f.bib: 4 fixes (LL509)"
    assert path.read_text(encoding="utf-8") == (
        "% refs\n@article{a2020,\n  title={A},\n  year={2020},\n}\n\n@misc{b2020,\n  title={B},\n}\n\n"
        "@misc{c2020,\n  title={C},\n}\n\n@string{x = {y}}\n\n@misc{d2020,\n  title={D},\n}\n"
    )
    assert findings(run("check", "--select", "LL509", "f.bib", cwd=tmp_path)) == []


# --- listlint check / fix FILE.bib --------------------------------------------------------------------------------


def test_check_a_bib_file(tmp_path: Path) -> None:
    write(tmp_path / "refs.bib", REFS)
    result = run("check", "refs.bib", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert findings(result) == REFS_FINDINGS


def test_markdown_rules_never_report_on_a_bib_file(tmp_path: Path) -> None:
    text = "# Not a heading   \n\n\t* not a list [`READ`]\n@misc{k,\n\ttitle = {T},\n}"  # no final newline either
    write(tmp_path / "refs.bib", text)
    result = run("check", "--select", "ALL", "refs.bib", cwd=tmp_path)
    assert findings(result) == [  # no LL1xx-LL4xx (trailing space, tab, final newline, list, status), no LL508
        "refs.bib:5:1: LL509 [*] BibTeX not in canonical layout: `title` is not indented by 2 spaces (bibtex-format)"
    ]


def test_fix_a_bib_file_safe_then_unsafe(tmp_path: Path) -> None:
    path = write(tmp_path / "refs.bib", REFS.replace("  author = {Vaswani, Ashish}\n", "  author = {Vaswani, Ashish},\n"))
    result = run("fix", "refs.bib", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Fixed refs.bib: 1 fixes (LL509)"
    fixed = path.read_text(encoding="utf-8")
    assert fixed.startswith("% references of the list\n\n" + CANONICAL + "\n@inproceedings{vaswani2017attention,\n")
    assert fixed.endswith("@misc{he2016deep,\n  title = {Duplicate key},\n  year = {2016},\n}\n")
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]  # written atomically: no temporary file left
    assert findings(run("check", "--select", "LL509", "refs.bib", cwd=tmp_path)) == []

    write(tmp_path / "refs.bib", REFS)
    assert run("fix", "refs.bib", cwd=tmp_path).stdout.strip() == "Nothing to fix."  # LL505 is unsafe
    assert path.read_text(encoding="utf-8") == REFS
    result = run("fix", "--unsafe-fixes", "refs.bib", cwd=tmp_path)
    assert result.stdout.strip() == "Fixed refs.bib: 2 fixes (LL505, LL509)"
    assert "  author = {Vaswani, Ashish},\n  year = {2017},\n" in path.read_text(encoding="utf-8")


def test_fix_check_and_crlf_bib(tmp_path: Path) -> None:
    comma = REFS.replace("  author = {Vaswani, Ashish}\n", "  author = {Vaswani, Ashish},\n")
    path = write(tmp_path / "refs.bib", comma.replace("\n", "\r\n"))
    result = run("fix", "--check", "refs.bib", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.strip() == "Would fix refs.bib (1 fixes)"
    run("fix", "refs.bib", cwd=tmp_path)
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert CANONICAL.replace("\n", "\r\n").encode() in data


def test_stdin_named_bib_is_read_as_bibtex(tmp_path: Path) -> None:
    result = run("check", "--stdin-filename", "refs.bib", "-", cwd=tmp_path, stdin=REFS)
    assert findings(result) == REFS_FINDINGS


# --- bibtex.files in the configuration ----------------------------------------------------------------------------


def test_configured_bib_files_are_checked_with_the_markdown(tmp_path: Path) -> None:
    write(tmp_path / "README.md", README)
    write(tmp_path / "refs.bib", REFS)
    write(tmp_path / "pyproject.toml", '[tool.listlint.bibtex]\nfiles = ["refs.bib"]\n')
    result = run("check", "README.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert findings(result) == REFS_FINDINGS
    assert "in 2 files" in result.stdout
    # named on the command line as well: checked once
    assert findings(run("check", "README.md", "refs.bib", cwd=tmp_path)) == REFS_FINDINGS
    # a directory of Markdown files brings the configured .bib file too
    assert findings(run("check", ".", cwd=tmp_path)) == REFS_FINDINGS
    # in parallel, the same
    assert findings(run("check", "--jobs", "2", "README.md", cwd=tmp_path)) == REFS_FINDINGS


def test_paths_are_relative_to_the_config_file_and_its_settings_apply(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(project / "docs" / "list.md", README)
    write(tmp_path / "shared" / "refs.bib", "@online{site2020,\n  title = {Site},\n  author = {A},\n  date = {2020},\n"
                                            "  url = {https://example.org},\n}\n")
    write(project / ".listlint.toml", '[bibtex]\nfiles = ["../shared/refs.bib"]\nprofile = "biblatex"\n')
    result = run("check", "docs/list.md", cwd=project)
    # @online is a biblatex type: the naming configuration's profile applies, though the file lies outside it
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stdout.strip() == "All checks passed! (2 files checked)"
    write(project / ".listlint.toml", '[bibtex]\nfiles = ["../shared/refs.bib"]\n')
    result = run("check", "list.md", cwd=project / "docs")
    assert [line.split(": LL")[0] for line in findings(result)] == [f"{tmp_path.as_posix()}/shared/refs.bib:1:2"]
    assert "LL507" in result.stdout


def test_a_missing_configured_bib_file_is_one_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    write(tmp_path / "README.md", README + "- [Another paper on the subject](https://example.org/x)   \n")
    write(tmp_path / "refs.bib", REFS)
    write(tmp_path / ".listlint.toml", '[bibtex]\nfiles = ["missing.bib", "refs.bib"]\n')
    result = run("check", "README.md", cwd=tmp_path)
    assert result.returncode == 2
    config = (tmp_path / ".listlint.toml").resolve()
    assert result.stderr.strip().splitlines() == [
        f"listlint: missing.bib: no such file (named in bibtex.files of {config})"
    ]
    assert any(line.startswith("README.md:4:") and "LL110" in line for line in findings(result))
    assert [line for line in findings(result) if line.startswith("refs.bib")] == REFS_FINDINGS


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[bibtex]\nfiles = "refs.bib"\n', "bibtex.files: expected a list, got str 'refs.bib'"),
        ("[bibtex]\nfiles = [1]\n", "bibtex.files[0]: expected str, got int 1"),
        ('[bibtex]\nfile = ["refs.bib"]\n', "bibtex.file: unknown key"),
    ],
)
def test_bad_bib_files_setting_exits_2_naming_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    write(tmp_path / "README.md", README)
    write(tmp_path / ".listlint.toml", body)
    result = run("check", "README.md", cwd=tmp_path)
    assert result.returncode == 2
    assert f".listlint.toml: {message}" in result.stderr


def test_fix_applies_to_configured_bib_files(tmp_path: Path) -> None:
    write(tmp_path / "README.md", README)
    bib = write(tmp_path / "refs.bib", CANONICAL.replace("journal = {CVPR}", "journal={CVPR}"))
    write(tmp_path / ".listlint.toml", '[bibtex]\nfiles = ["refs.bib"]\n')
    result = run("fix", "README.md", cwd=tmp_path)
    assert result.stdout.strip() == "Fixed refs.bib: 1 fixes (LL509)"
    assert bib.read_text(encoding="utf-8") == CANONICAL


def test_project_duplicates_span_markdown_fences_and_bib_files(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "# Papers\n\n```bibtex\n@misc{he2016deep,\n  title = {ResNet},\n}\n```\n")
    write(tmp_path / "refs.bib", CANONICAL)
    write(tmp_path / ".listlint.toml",
          '[bibtex]\nfiles = ["refs.bib"]\n[duplicates]\nscope = "project"\n')
    result = run("check", "--select", "LL603", "README.md", cwd=tmp_path)
    assert findings(result) == [
        "refs.bib:1:10: LL603 BibTeX key 'he2016deep' is also used at README.md:4 for a different title ('ResNet') "
        "(duplicate-citation-key)"
    ]


def test_notes_that_end_with_a_braced_word_are_legal_between_entries() -> None:
    # BibTeX ignores text outside entries; a note that ends with `}` is no evidence of an entry closed early
    text = "@misc{a,\n  title = {A},\n}\nSee also {BERT}\n\n@misc{b,\n  title = {B},\n}\n"
    assert bib_lint(text, select=("LL501",)) == []
    # field lines after an entry, or a lone `}`, still are: an extra `}` closed the entry early
    early = "@misc{a,\n  title = {A}},\n  year = {2020},\n}\n"
    assert bib_lint(early, select=("LL501",)) == [("LL501", 2, 14, "}")]  # at the `}` that closed it
    lone = "@misc{a,\n  title = {A},\n}\n}\n"
    assert bib_lint(lone, select=("LL501",)) == [("LL501", 3, 1, "}")]
    # in a fence, text ending with `}` after an entry stays a syntax error (unchanged)
    fenced = "# L\n\n```bibtex\n" + text + "```\n"
    assert [d.code for d in lint_text(fenced, select=("LL501",))] == ["LL501"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_configured_file_is_bibtex_whatever_its_suffix(tmp_path: Path, jobs: str) -> None:
    write(tmp_path / ".listlint.toml", '[bibtex]\nfiles = ["refs.bibtex"]\n')
    write(tmp_path / "README.md", README)
    write(tmp_path / "other.md", README)
    write(tmp_path / "refs.bibtex", REFS)
    result = run("check", "README.md", "other.md", "-j", jobs, "--select", "LL5,LL603", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert findings(result) == [line.replace("refs.bib:", "refs.bibtex:") for line in REFS_FINDINGS]


# --- export and stats read a .bib file as BibTeX ------------------------------------------------------------------

EXPORT_BIB = (
    "@article{lecun2015,\n  title = {Deep Learning},\n  year = {2015},\n  journal = {Nature}\n}\n\n"
    "@misc{devlin, title={{BERT}: Pre-training of {D}eep Bidirectional}, doi={10.18653/v1/N19-1423}, year=2019}\n"
    "@misc{vaswani, title = {Attention Is All You Need}, eprint = {1706.03762}, archivePrefix = {arXiv}}\n"
)


def test_export_bibtex_of_a_bib_file_writes_its_entries(tmp_path: Path) -> None:
    write(tmp_path / "refs.bib", EXPORT_BIB)
    result = run("export", "refs.bib", "--format", "bibtex", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("@")] == [
        "@article{lecun2015,", "@misc{devlin,", "@misc{vaswani,"
    ]
    assert "  title = {Attention Is All You Need}," in result.stdout


def test_export_csv_has_a_row_per_bibtex_entry_no_list_entry_holds(tmp_path: Path) -> None:
    write(tmp_path / "refs.bib", EXPORT_BIB)
    write(tmp_path / "list.md", "# L\n\n- [A paper](https://a.org/x) - text\n\n"
                                "```bibtex\n@misc{free, title={Free block}, url={https://f.org}, year={2020}}\n```\n")
    result = run("export", "refs.bib", "list.md", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "title,url,status,year,section,file",
        "Deep Learning,,,2015,,refs.bib",
        "BERT: Pre-training of Deep Bidirectional,https://doi.org/10.18653/v1/N19-1423,,2019,,refs.bib",
        "Attention Is All You Need,https://arxiv.org/abs/1706.03762,,,,refs.bib",
        "A paper,https://a.org/x,,,L,list.md",
        "Free block,https://f.org,,2020,,list.md",
    ]
