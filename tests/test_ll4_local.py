"""LL413 dead-local-link against real files: relative links and images are looked up beside the list on disk."""

from __future__ import annotations

from pathlib import Path

from listlint.api import fix_text, lint_text
from listlint.parser import parse

LIST = """# Papers

- [Guide](docs/guide.md) - how to contribute
- [Missing guide](docs/gone.md#setup) - moved away
- [Notes](docs/my%20notes.md?plain=1) - escaped
- [Folder](docs/) - a folder
- [Repo](github.com/user/repo) - no scheme
- [Datasets](image-datasets) - a heading without '#'
- [License](LICENSE) - a file, or the heading?
- [Adam](https://arxiv.org/abs/1412.6980) - a web link
- [Root](/docs/guide.md) - absolute
- [Mail](mailto:a@b.org) - not a file
- [Site](www.example.org) - LL403's

![logo](media/logo.svg)

<p align="center"><a href="contributing.md">Contribute</a></p>

[ref]: ./refs/none.bib

## Image datasets

- [ImageNet](https://image-net.org)
"""


def _write(folder: Path, *, repository: bool) -> Path:
    if repository:
        (folder / ".git").mkdir()
    (folder / "docs").mkdir()
    (folder / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (folder / "docs" / "my notes.md").write_text("# Notes\n", encoding="utf-8")
    page = folder / "README.md"
    page.write_text(LIST, encoding="utf-8")
    return page


def _found(page: Path) -> list[tuple[int, int, str]]:
    text = page.read_text(encoding="utf-8")
    source = parse(text).source
    return [(*source.position(d.span.start), d.message)
            for d in lint_text(text, select=("LL413",), path=str(page))]


def test_missing_files_in_a_repository_are_reported_at_the_url(tmp_path: Path) -> None:
    page = _write(tmp_path, repository=True)
    found = lint_text(LIST, select=("LL413",), path=str(page))
    assert [d.span.of(LIST) for d in found] == [
        "docs/gone.md#setup", "github.com/user/repo", "image-datasets", "LICENSE", "media/logo.svg",
        "contributing.md", "./refs/none.bib"]
    source = parse(LIST).source
    assert [source.position(d.span.start) for d in found] == [(4, 19), (7, 10), (8, 14), (9, 13), (15, 9), (17, 28), (19, 8)]
    assert found[0].message == "'docs/gone.md#setup' does not exist beside README.md"
    assert found[1].message.endswith("(a web address needs its 'https://')")
    assert found[2].message == ("'image-datasets' does not exist beside README.md (did you mean '#image-datasets'? a "
                                "link to a heading of this page starts with '#')")
    assert found[3].message == "'LICENSE' does not exist beside README.md"


def test_outside_a_repository_only_certain_mistakes_are_reported(tmp_path: Path) -> None:
    """A README copied on its own: its logo, guides and LICENSE are elsewhere, but a heading link without '#' and a
    web address without a scheme are wrong wherever the file is."""
    page = _write(tmp_path, repository=False)
    assert [(line, column) for line, column, _ in _found(page)] == [(7, 10), (8, 14)]


def test_a_subfolder_of_a_repository_is_in_it(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")  # a worktree's .git is a file
    nested = tmp_path / "lists" / "vision"
    nested.mkdir(parents=True)
    page = nested / "README.md"
    page.write_text("# L\n\n- [Up](../../README.md)\n- [Gone](../gone.md)\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Top\n", encoding="utf-8")
    assert [(line, col) for line, col, _ in _found(page)] == [(4, 10)]


def test_a_link_starting_with_a_slash_is_looked_up_from_the_repository_root(tmp_path: Path) -> None:
    # GitHub: "Links starting with / will be relative to the repository root" (the README of a list in a subfolder
    # included); the root is the nearest folder holding .git
    (tmp_path / ".git").mkdir()
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "papers.bib").write_text("", encoding="utf-8")
    nested = tmp_path / "lists"
    nested.mkdir()
    page = nested / "README.md"
    page.write_text("# L\n\n- [Bib](/bib/papers.bib)\n- [Gone](/bib/gone%20now.bib#x)\n- [Beside](/README.md)\n"
                    "- [Root](/)\n- [CDN](//cdn.example.org/x.png)\n\n![logo](/media/logo.png)\n",
                    encoding="utf-8")
    assert _found(page) == [
        (4, 10, "'/bib/gone%20now.bib#x' does not exist in this repository (a link that starts with '/' starts at "
                "the repository's root)"),
        (5, 12, "'/README.md' does not exist in this repository (a link that starts with '/' starts at the "
                "repository's root)"),
        (9, 9, "'/media/logo.png' does not exist in this repository (a link that starts with '/' starts at the "
                "repository's root)"),
    ]
    (tmp_path / "README.md").write_text("# Top\n", encoding="utf-8")
    assert [line for line, _, _ in _found(page)] == [4, 9]
    # an HTML image is looked up as a Markdown one is, from the root or beside the list
    page.write_text('# L\n\n<p align="center"><img src="/media/logo.png" width=80><img src="bib/x.png"></p>\n\n'
                    'Our <img src="/bib/papers.bib"> logo.\n', encoding="utf-8")
    assert [(line, column) for line, column, _ in _found(page)] == [(3, 29), (3, 65)]
    (tmp_path / ".git").rmdir()  # a list copied on its own: where its root was is unknown
    from listlint.rules import ll4_local

    ll4_local._WORK_TREES.clear()
    assert _found(page) == []


def test_escapes_and_character_references_are_read_as_markdown_reads_them(tmp_path: Path) -> None:
    # "docs/my\\_guide.md" is docs/my_guide.md once rendered (a CommonMark backslash escape), "a&amp;b.md" is
    # a&b.md; what is missing is still reported, quoted as written
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "my_guide.md").write_text("# G\n", encoding="utf-8")
    (tmp_path / "docs" / "a&b.md").write_text("# AB\n", encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text("# L\n\n- [Guide](docs/my\\_guide.md) - a guide\n- [AB](docs/a&amp;b.md) - another\n"
                    "- [Root](/docs/my\\_guide.md) - from the root\n- [Gone](docs/gone\\_now.md) - moved\n"
                    '\n<a href="docs/a&amp;b.md">AB</a> <a href="docs/a&amp;c.md">AC</a>\n', encoding="utf-8")
    assert _found(page) == [(6, 10, "'docs/gone\\_now.md' does not exist beside README.md"),
                            (8, 43, "'docs/a&amp;c.md' does not exist beside README.md")]


def test_without_a_file_nothing_is_looked_up() -> None:
    assert lint_text(LIST, select=("LL413",)) == []  # the library API's default path names no file
    assert lint_text(LIST, select=("LL413",), path="<stdin>") == []


def test_the_fix_points_a_heading_link_at_its_anchor_and_is_unsafe(tmp_path: Path) -> None:
    page = _write(tmp_path, repository=False)
    assert fix_text(LIST, select=("LL413",), path=str(page)) == LIST  # no safe fix
    fixed = fix_text(LIST, unsafe=True, select=("LL413",), path=str(page))
    assert fixed == LIST.replace("[Datasets](image-datasets)", "[Datasets](#image-datasets)")


def test_only_a_host_with_a_path_or_several_labels_counts_as_a_web_address() -> None:
    from listlint.rules.ll4_local import HOST_FIRST

    web = ["github.com/a/b", "arxiv.org/abs/2304.11062", "bozon.nlp.wo.tc/", "docs.python.org"]
    files = ["ohmyz.sh", "jemdoc.css", "paper.v2.pdf", "guide.md", "example.org", "img/logo.png", "jquery.min.js"]
    assert [p for p in web + files if HOST_FIRST.match(p)] == web
