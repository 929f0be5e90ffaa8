"""LL3xx findings on the corpus, reviewed by hand and pinned; `listlint fix` for these rules is idempotent and loses
no entry on every corpus file.

Review notes (seeds, default configuration):
- theory-for-deep-learning.md: 20 heading entries, each with a canonical ``[`READ`]``/``[`UNREAD`]`` at the end of
  its heading, one space after the title: nothing to report. The 20 tags are pinned below with their positions.
- the four other seeds carry no status tag and no task box, so ``required = "auto"`` asks for none, and no
  bracketed word there looks like a tag: nothing to report.
With ``required = "always"`` every top-level entry without a tag is reported on its title: the plain-text references
of dl-theory-course-page.md (``•`` lines outside any list) are exempt, the 5 nested ``+ 6.x`` items of
deep-learning-theory-notes-zh.md too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import listlint.registry as registry_module
from listlint.api import lint_text
from listlint.cli import main
from listlint.config import from_table
from listlint.diagnostics import Diagnostic
from listlint.fixer import fix_source
from listlint.linter import RuleSet, lint
from listlint.model import Document, Layout
from listlint.parser import parse
from listlint.registry import Registry
from listlint.rules import ll3_status
from listlint.source import SourceText

SEEDS = {
    "deep-learning-explained.md": [],
    "deep-learning-theory-notes-zh.md": [],
    "dl-theory-course-page.md": [],
    "maths-of-deep-learning-course.md": [],
    "theory-for-deep-learning.md": [],
}
REAL = ("lucidrains__x-transformers.md", "sindresorhus__awesome.md", "vinta__awesome-python.md",
        "zeke-xie__deep-learning-dynamics-paper-list.md")

THEORY_TAGS = [
    (7, 34, "READ"), (14, 46, "READ"), (31, 77, "UNREAD"), (49, 87, "UNREAD"), (64, 79, "READ"),
    (79, 54, "UNREAD"), (95, 53, "READ"), (109, 62, "UNREAD"), (126, 56, "UNREAD"), (144, 72, "UNREAD"),
    (161, 49, "UNREAD"), (176, 47, "READ"), (192, 87, "READ"), (207, 57, "UNREAD"), (223, 113, "UNREAD"),
    (238, 99, "UNREAD"), (255, 72, "UNREAD"), (273, 85, "READ"), (291, 51, "UNREAD"), (310, 89, "UNREAD"),
]

# required = "always": (number of LL301 findings, the first three positions)
ALWAYS = {
    "deep-learning-explained.md": (19, [(12, 4), (13, 4), (14, 4)]),
    "deep-learning-theory-notes-zh.md": (47, [(4, 5), (18, 7), (21, 5)]),
    "dl-theory-course-page.md": (0, []),
    "maths-of-deep-learning-course.md": (20, [(7, 4), (9, 4), (11, 4)]),
    "theory-for-deep-learning.md": (0, []),
}
ALWAYS_CONFIG = from_table({"status": {"required": "always"}}, "<snapshot>")


@pytest.fixture(autouse=True)
def _registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run with the LL3xx rules even before the lead adds them to BUILTIN_RULES (a no-op afterwards)."""
    builtin = registry_module.builtin_rules
    if ll3_status.StatusMissing not in builtin():
        monkeypatch.setattr(registry_module, "builtin_rules", lambda: (*builtin(), *ll3_status.RULES))


def positions(text: str, **kwargs: object) -> list[tuple[int, int, str]]:
    found = lint_text(text, select=("LL3",), **kwargs)  # type: ignore[arg-type]
    if not found:
        return []
    doc = parse(text)
    return [(*doc.source.position(d.span.start), d.code) for d in found]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_findings(corpus: Path, name: str) -> None:
    text = (corpus / "seeds" / name).read_text(encoding="utf-8")
    assert positions(text) == SEEDS[name]


@pytest.mark.parametrize("name", REAL)
def test_real_lists_have_no_status_findings(corpus: Path, name: str) -> None:
    assert positions((corpus / "real" / name).read_text(encoding="utf-8")) == []


def test_theory_tags_are_recognised(corpus: Path) -> None:
    text = (corpus / "seeds" / "theory-for-deep-learning.md").read_text(encoding="utf-8")
    doc = parse(text)
    tags = [(*doc.source.position(e.status.span.start), e.status.value) for e in doc.entries if e.status]
    assert tags == THEORY_TAGS
    assert all(e.layout is Layout.HEADING and len(e.tags) == 1 and e.tags[0].raw == f"[`{e.tags[0].value}`]"
               for e in doc.entries)
    view = ll3_status.status_view(doc, ALWAYS_CONFIG.status)
    assert [es.status for es in view.entries] == [tag for _, _, tag in THEORY_TAGS]


@pytest.mark.parametrize("name", sorted(ALWAYS))
def test_seed_findings_when_tags_are_always_required(corpus: Path, name: str) -> None:
    text = (corpus / "seeds" / name).read_text(encoding="utf-8")
    found = positions(text, config=ALWAYS_CONFIG)
    count, first = ALWAYS[name]
    assert {code for _, _, code in found} <= {"LL301"}
    assert len(found) == count
    assert [(line, col) for line, col, _ in found[:3]] == first


def _corpus(corpus: Path) -> list[Path]:
    return sorted((corpus / "seeds").glob("*.md")) + sorted((corpus / "real").glob("*.md"))


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_is_idempotent_and_keeps_every_entry(corpus: Path, unsafe: bool) -> None:
    """With tags required everywhere (so that LL301 has something to do on every file)."""
    ruleset = RuleSet.build(Registry.load(), ALWAYS_CONFIG, select=("LL3",))
    parsed: list[Document] = []

    def parse_it(source: SourceText) -> Document:
        parsed.append(parse(source, "<corpus>", ALWAYS_CONFIG))
        return parsed[-1]

    def lint_it(document: Document) -> list[Diagnostic]:
        return lint(document, ruleset)

    for path in _corpus(corpus):
        text = path.read_text(encoding="utf-8")
        result = fix_source(SourceText(text), parse_it, lint_it, unsafe=unsafe)
        before = parsed[0]
        if not unsafe:
            assert result.text == text, path.name  # LL301's fix is unsafe; nothing else applies here
            parsed.clear()
            continue
        again = fix_source(SourceText(result.text), parse_it, lint_it, unsafe=True)
        assert again.text == result.text, path.name
        assert not again.remaining, path.name
        after = parsed[-1]
        assert len(after.entries) == len(before.entries), path.name
        for old, new in zip(before.entries, after.entries):
            assert (new.primary_link.url if new.primary_link else "") == (
                old.primary_link.url if old.primary_link else ""), path.name
            if old.layout is not Layout.CITATION:  # a plain reference's title runs to the end of its line
                assert new.title == old.title, path.name
        assert sum(1 for e in after.entries if e.status is not None) >= sum(1 for e in before.entries if e.status)
        parsed.clear()


def test_cli_fix_on_copies(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / ".listlint.toml").write_text('[status]\nrequired = "always"\n', encoding="utf-8")
    names = ["theory-for-deep-learning.md", "deep-learning-explained.md", "maths-of-deep-learning-course.md"]
    for name in names:
        (tmp_path / name).write_bytes((corpus / "seeds" / name).read_bytes())
    runner = CliRunner()
    paths = [str(tmp_path / name) for name in names]
    result = runner.invoke(main, ["fix", "--select", "LL3", "--unsafe-fixes", *paths])
    assert result.exit_code == 0, result.output
    assert "Fixed" in result.output and "theory-for-deep-learning.md" not in result.output
    first = {name: (tmp_path / name).read_bytes() for name in names}
    result = runner.invoke(main, ["fix", "--select", "LL3", "--unsafe-fixes", *paths])
    assert result.exit_code == 0 and "Nothing to fix." in result.output
    assert {name: (tmp_path / name).read_bytes() for name in names} == first
    assert first["theory-for-deep-learning.md"] == (corpus / "seeds" / "theory-for-deep-learning.md").read_bytes()
    explained = first["deep-learning-explained.md"].decode("utf-8")
    assert explained.count("[`UNREAD`]") == 19
    result = runner.invoke(main, ["check", "--select", "LL3", *paths])
    assert result.exit_code == 0, result.output
