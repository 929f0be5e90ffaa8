"""The LL1xx and LL2xx findings on every seed list, reviewed by hand and pinned (file:line:col code).

Regenerate after a reviewed change with ``LISTLINT_UPDATE_SNAPSHOT=1 pytest tests/test_snapshot_ll12.py``, then
read the diff of tests/fixtures/ll12-seeds.snapshot line by line: every new finding must be one you would defend to
the list's maintainer.

Review notes (what the findings are, per file):
- deep-learning-explained.md: a trailing space (LL110), the mojibake `ï¼Œ` (LL114); its doubled blank lines all stand
  before headings, seven of nine, which is the file's own style (LL111 allows it).
- deep-learning-theory-notes-zh.md: one numbering continued across sections, broken where a section repeats or
  restarts a number or the count jumps (LL205); two spaces after `+` / `21.` (LL204); headings and lists without
  a blank line between them (LL115); trailing spaces, blank runs, no final newline.
- dl-theory-course-page.md: 84 `•` bullets that Markdown renders as run-on paragraphs (LL206); no final newline.
- maths-of-deep-learning-course.md: trailing tabs and spaces (LL110), blank lines at the end (LL112).
- theory-for-deep-learning.md: the `##` -> `####` entry headings are NOT reported (entries are leaves); `citation:`
  directly above each BibTeX fence and entry headings directly above their text (LL115), trailing spaces,
  whitespace-only and doubled blank lines.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from listlint.config import DEFAULT
from listlint.diagnostics import Diagnostic
from listlint.fixer import fix_source
from listlint.linter import RuleSet, lint
from listlint.parser import parse
from listlint.registry import Registry
from listlint.rules import ll2_entries
from listlint.source import SourceText

SNAPSHOT = Path(__file__).parent / "fixtures" / "ll12-seeds.snapshot"
SELECT = ("LL1", "LL2")  # every rule of the two families that is on by default
# safe fixes that keep the rendered HTML; LL114 (mojibake) and LL206 (fake bullets) change text on purpose
FORMATTING = ("LL103", "LL110", "LL111", "LL112", "LL113", "LL115", "LL202", "LL203", "LL204")


def _registry() -> Registry:
    registry = Registry.load(plugins=False)
    have = {rule.code for rule in registry.rules}
    return Registry(registry.rules + tuple(r for r in ll2_entries.RULES if r.code not in have))


REGISTRY = _registry()


def _ruleset(select: tuple[str, ...]) -> RuleSet:
    return RuleSet.build(REGISTRY, DEFAULT, select=select)


def _lint(text: str, select: tuple[str, ...] = SELECT) -> list[Diagnostic]:
    ruleset = _ruleset(select)
    return lint(parse(text, "<seed>", ruleset.config), ruleset)


def _fix(text: str, select: tuple[str, ...] = SELECT) -> str:
    ruleset = _ruleset(select)
    return fix_source(SourceText(text), lambda s: parse(s, "<seed>", ruleset.config), lambda d: lint(d, ruleset)).text


def _render(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def _seeds(corpus: Path) -> list[Path]:
    return sorted((corpus / "seeds").glob("*.md"))


def _findings(corpus: Path) -> list[str]:
    out = []
    for path in _seeds(corpus):
        text = path.read_text(encoding="utf-8")
        source = SourceText(text)
        for d in _lint(text):
            line, col = source.position(d.span.start)
            out.append(f"{path.name}:{line}:{col} {d.code}")
    return out


def test_snapshot(corpus: Path) -> None:
    current = _findings(corpus)
    if os.environ.get("LISTLINT_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text("\n".join(current) + "\n", encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    diff = "\n".join(difflib.unified_diff(expected, current, "snapshot", "now", lineterm=""))
    assert current == expected, diff


def _codes_at(name: str, corpus: Path) -> list[tuple[int, str]]:
    return [(int(line), code) for f, line, _, code in
            (re.split(r"[: ]", item) for item in _findings(corpus)) if f == name]


def test_issue_expectations(corpus: Path) -> None:
    theory = _codes_at("theory-for-deep-learning.md", corpus)
    assert not [c for _, c in theory if c in ("LL101", "LL107")]  # `##` -> `####` entry headings are leaves
    zh = [line for line, code in _codes_at("deep-learning-theory-notes-zh.md", corpus) if code == "LL205"]
    assert zh == [21, 77, 85, 90, 95, 104, 105]  # 1, 2 | 2 .. | 9 | 9 .. 11, 19 | 21 .. | 1 .. | 4, 12
    bullets = [line for line, code in _codes_at("dl-theory-course-page.md", corpus) if code == "LL206"]
    assert len(bullets) == 84 and bullets[0] == 35
    assert (51, "LL114") in _codes_at("deep-learning-explained.md", corpus)


@pytest.mark.parametrize("name", [
    "deep-learning-explained.md", "deep-learning-theory-notes-zh.md", "dl-theory-course-page.md",
    "maths-of-deep-learning-course.md", "theory-for-deep-learning.md",
])
def test_fix_is_idempotent_keeps_entries_and_changes_only_what_it_promises(name: str, corpus: Path) -> None:
    text = (corpus / "seeds" / name).read_text(encoding="utf-8")
    fixed = _fix(text)
    assert _fix(fixed) == fixed  # a second run changes nothing
    assert not [d for d in _lint(fixed) if d.fix is not None and d.fix.applicability.value == "safe"]
    # formatting fixes alone keep the rendered page
    assert _render(_fix(text, FORMATTING)) == _render(text)
    # no entry is lost: every link and title survives (titles as re-decoded by LL114)
    before, after = parse(text), parse(fixed)
    assert len(after.entries) >= len(before.entries)
    urls_after = {e.primary_link.url for e in after.entries if e.primary_link}
    assert {e.primary_link.url for e in before.entries if e.primary_link} <= urls_after
    titles_after = {e.title for e in after.entries}
    assert {e.title.replace("ï¼Œ", "，") for e in before.entries} <= titles_after
    # the diff is whitespace, blank lines, bullets turned into `-`, and re-decoded mojibake -- nothing else
    def words(s: str) -> list[str]:
        s = s.replace("ï¼Œ", "，")
        lines = (re.sub(r"\s+", "", re.sub(r"^\s*[•·●▪◦‣∙]", "-", line)) for line in s.splitlines())
        return [line for line in lines if line]
    assert words(fixed) == words(text)
