"""``listlint stats``: counts per file and section, share read, aligned text, stable JSON, the CLI command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from listlint.cli import main
from listlint.config import DEFAULT, Config, from_table
from listlint.parser import parse
from listlint.stats import file_stats, render, width

THEORY = "seeds/theory-for-deep-learning.md"


def stats_json(text: str, config: Config = DEFAULT, path: str = "list.md") -> dict:
    return json.loads(render([(parse(text, path, config), config)], "json"))


def test_theory_for_deep_learning_counts(corpus: Path) -> None:
    """Counted by hand: 20 `#### Title [`TAG`]` headings, READ on lines 7, 14, 64, 95, 176, 192 and 273."""
    text = (corpus / THEORY).read_text(encoding="utf-8")
    doc = parse(text, "theory.md")
    stats = file_stats(doc, DEFAULT)
    assert stats.total.tags == {"READ": 7, "UNREAD": 13}
    assert stats.total.entries == 20 and stats.total.untagged == 0 and stats.total.unknown == 0
    assert [(s.title, s.line, s.counts.tags, s.counts.entries) for s in stats.sections] == [
        ("TextBooks", 5, {"READ": 1, "UNREAD": 0}, 1),
        ("Papers", 12, {"READ": 6, "UNREAD": 13}, 19),
    ]
    read_lines = [e.line + 1 for e in doc.entries if e.status is not None and e.status.value == "READ"]
    assert read_lines == [7, 14, 64, 95, 176, 192, 273]
    data = stats_json(text)
    assert data["total"] == {"entries": 20, "tags": {"READ": 7, "UNREAD": 13}, "unknown": 0, "untagged": 0,
                             "read": 7, "read_share": 0.35}


def test_text_table(corpus: Path) -> None:
    text = (corpus / THEORY).read_text(encoding="utf-8")
    out = render([(parse(text, "theory.md"), DEFAULT)], "text")
    assert out == (
        "theory.md\n"
        "  section       entries  READ  UNREAD  untagged    read\n"
        "  ## TextBooks        1     1       0         0  100.0%\n"
        "  ## Papers          19     6      13         0   31.6%\n"
        "  total              20     7      13         0   35.0%"
    )


def test_json_shape_is_stable() -> None:
    text = (
        "# L\n\nIntro [x](https://x.org) - [A](https://a.org)\n\n## Read\n\n- [A](https://a.org) [`READ`]\n"
        "  - [Code](https://a.org/code)\n- [B](https://b.org) [`AREAD`]\n\n## Queue\n\n### Soon\n\n"
        "- [ ] [C](https://c.org)\n- [x] [D](https://d.org)\n\n## Empty\n"
    )
    data = stats_json(text)
    assert list(data) == ["version", "files", "total"]
    assert data["version"] == 1
    [entry] = data["files"]
    assert list(entry) == ["path", "tags", "read_tag", "total", "sections"]
    assert entry["path"] == "list.md" and entry["tags"] == ["READ", "UNREAD"] and entry["read_tag"] == "READ"
    assert entry["sections"] == [
        {"title": "Read", "level": 2, "line": 5, "entries": 3, "tags": {"READ": 1, "UNREAD": 0}, "unknown": 1,
         "untagged": 1, "read": 1, "read_share": 0.3333},
        {"title": "Soon", "level": 3, "line": 13, "entries": 2, "tags": {"READ": 1, "UNREAD": 1}, "unknown": 0,
         "untagged": 0, "read": 1, "read_share": 0.5},
    ]
    assert entry["total"] == {"entries": 5, "tags": {"READ": 2, "UNREAD": 1}, "unknown": 1, "untagged": 1,
                              "read": 2, "read_share": 0.4}
    assert render([(parse(text, "list.md"), DEFAULT)], "json") == render([(parse(text, "list.md"), DEFAULT)], "json")


def test_unknown_column_and_nested_sections_in_text() -> None:
    text = "# L\n\n## A\n\n### B\n\n- [A](https://a.org) [`AREAD`]\n- [B](https://b.org) [`READ`]\n"
    out = render([(parse(text, "l.md"), DEFAULT)], "text")
    assert out.splitlines()[1].split() == ["section", "entries", "READ", "UNREAD", "unknown", "untagged", "read"]
    assert out.splitlines()[2].split() == ["###", "B", "2", "1", "0", "1", "0", "50.0%"]
    assert out.splitlines()[2].startswith("    ### B")  # indented under its level


def test_custom_vocabulary_and_box_mapping() -> None:
    config = from_table({"status": {"tags": ["TODO", "DOING", "DONE"], "checkbox-done": "DONE",
                                    "checkbox-todo": "TODO", "default": "TODO"}}, "<t>")
    text = "# L\n\n- [x] [A](https://a.org)\n- [ ] [B](https://b.org)\n- [C](https://c.org) [`DOING`]\n"
    data = stats_json(text, config)
    assert data["files"][0]["tags"] == ["TODO", "DOING", "DONE"]
    assert data["total"]["tags"] == {"TODO": 1, "DOING": 1, "DONE": 1}
    assert data["total"]["read_share"] == pytest.approx(0.3333)
    assert data["files"][0]["read_tag"] == "DONE"


def test_empty_inputs() -> None:
    assert render([], "text") == "No files."
    assert json.loads(render([], "json")) == {"version": 1, "files": [], "total": {
        "entries": 0, "tags": {}, "unknown": 0, "untagged": 0, "read": 0, "read_share": None}}
    assert render([(parse("", "empty.md"), DEFAULT)], "text") == "empty.md\n  no entries"
    assert stats_json("")["files"][0]["sections"] == []
    with pytest.raises(ValueError, match="csv"):
        render([], "csv")


def test_wide_characters_stay_aligned() -> None:
    text = "# 论文\n\n## 深度学习理论\n\n- [A](https://a.org) [`READ`]\n\n## Optimisation\n\n- [B](https://b.org)\n"
    lines = render([(parse(text, "zh.md"), DEFAULT)], "text").splitlines()[1:]
    assert width("深度") == 4
    assert len({width(line[: line.index(" entries") + 8]) for line in lines[:1]}) == 1
    ends = {width(line) for line in lines}
    assert len(ends) == 1, lines  # every row, CJK or not, ends in the same column


def test_several_files_get_a_summary(corpus: Path) -> None:
    pairs = [(parse(p.read_text(encoding="utf-8"), p.name), DEFAULT) for p in sorted((corpus / "seeds").glob("*.md"))]
    out = render(pairs, "text")
    assert out.endswith("all 5 files\n         entries  READ  UNREAD  untagged  read\n  total      180     7      13       160  3.9%")
    assert "all 5 files" in out


def test_every_corpus_file(corpus: Path) -> None:
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        doc = parse(text, path.name)
        data = json.loads(render([(doc, DEFAULT)], "json"))
        total = data["files"][0]["total"]
        assert total["entries"] == len(doc.entries), path.name
        assert sum(s["entries"] for s in data["files"][0]["sections"]) == len(doc.entries)
        out = render([(doc, DEFAULT)], "text")
        assert out.startswith(path.name)
        if doc.entries:
            assert out.splitlines()[-1].split()[:2] == ["total", str(len(doc.entries))]


def test_cli(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    source = corpus / THEORY
    result = runner.invoke(main, ["stats", str(source)])
    assert result.exit_code == 0, result.output
    assert "  total              20     7      13         0   35.0%" in result.output
    result = runner.invoke(main, ["stats", "--format", "json", str(source)])
    assert result.exit_code == 0
    assert json.loads(result.output)["total"]["tags"] == {"READ": 7, "UNREAD": 13}
    (tmp_path / ".listlint.toml").write_text('[status]\ntags = ["READ", "UNREAD", "SKIMMED"]\n', encoding="utf-8")
    page = tmp_path / "list.md"
    page.write_text("# L\n\n- [A](https://a.org) [`SKIMMED`]\n", encoding="utf-8")
    result = runner.invoke(main, ["stats", "--format", "json", str(page)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"]["tags"] == {"READ": 0, "UNREAD": 0, "SKIMMED": 1}


@pytest.mark.parametrize(
    ("name", "tags", "unknown", "untagged"),
    [
        # misspelt tags count as unknown; with two marks the last one counts ([`UNREAD`] [`READ`] is READ)
        ("headings", {"READ": 6, "UNREAD": 3}, 4, 1),
        # a nested entry without a tag is untagged; `[READ]` inside a description is prose
        ("list", {"READ": 4, "UNREAD": 2}, 0, 5),
        # boxes count through checkbox-done/-todo, near misses too; [x] then [`UNREAD`] counts as UNREAD
        ("checkboxes", {"READ": 4, "UNREAD": 4}, 0, 1),
    ],
)
def test_fixture_counts(name: str, tags: dict[str, int], unknown: int, untagged: int) -> None:
    text = (Path(__file__).parent / "fixtures" / "status" / f"{name}.md").read_text(encoding="utf-8")
    total = stats_json(text)["total"]
    assert (total["tags"], total["unknown"], total["untagged"]) == (tags, unknown, untagged)
