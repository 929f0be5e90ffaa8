"""`fix --diff` output: a unified diff that applies (checked by `git apply` and by a strict applier below), found
without matching every line against every other."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.diffs import NO_NEWLINE, matching_blocks, split_lines, unified_diff

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def apply(old: str, diff: str) -> str:
    """Apply a unified diff strictly: context and removed lines must match, hunk lengths must be right."""
    if not diff:
        return old
    source = split_lines(old)
    lines = diff.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ ")
    out: list[str] = []
    at = 0  # next unread line of `source`
    k = 2
    while k < len(lines):
        match = HUNK.fullmatch(lines[k])
        assert match, lines[k]
        old_start, old_len = int(match[1]), int(match[2] or 1)
        new_len = int(match[4] or 1)
        begin = old_start - 1 if old_len else old_start
        assert begin >= at
        out.extend(source[at:begin])
        at = begin
        k += 1
        seen_old = seen_new = 0
        while k < len(lines) and not lines[k].startswith("@@"):
            kind, text = lines[k][0], lines[k][1:]
            k += 1
            if k < len(lines) and lines[k] == NO_NEWLINE:
                assert text.endswith("\n")
                text = text[:-1]
                k += 1
            if kind in " -":
                assert source[at] == text, (at, source[at], text)
                at += 1
                seen_old += 1
            if kind in " +":
                out.append(text)
                seen_new += 1
        assert (seen_old, seen_new) == (old_len, new_len)
    out.extend(source[at:])
    return "".join(out)


def test_a_fix_diff_applies_with_git(tmp_path: Path) -> None:
    git = shutil.which("git")
    assert git, "git is needed (pre-commit's tests use it too)"
    old = "".join(f"- [Paper {n}](https://a.dev/{n}) - text\n\n---\n\n" for n in range(300))
    new = old.replace("[Paper 7]", "[Paper seven]").replace("- [Paper 150]", "* [Paper 150]") + "- [Last](https://z.dev)"
    (tmp_path / "README.md").write_text(old, encoding="utf-8")
    (tmp_path / "p.diff").write_text(unified_diff(old, new, "a/README.md", "b/README.md"), encoding="utf-8")
    subprocess.run([git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([git, "apply", "p.diff"], cwd=tmp_path, check=True)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == new


def test_hunks_are_those_of_diff_u() -> None:
    old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
    new = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\n"
    assert unified_diff(old, new, "a/x", "b/x") == "--- a/x\n+++ b/x\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n"
    assert unified_diff("a\n", "", "a/x", "b/x") == "--- a/x\n+++ b/x\n@@ -1 +0,0 @@\n-a\n"
    assert unified_diff(old, old, "a/x", "b/x") == ""


def test_a_last_line_without_newline_is_marked() -> None:
    diff = unified_diff("a\nb", "a\nb\n", "a/x", "b/x")
    assert diff == f"--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n{NO_NEWLINE}+b\n"
    assert apply("a\nb", diff) == "a\nb\n"


def test_lines_split_at_newlines_only() -> None:
    text = "one\u2028still one\x0cand\r\ntwo\rthree"
    assert split_lines(text) == ["one\u2028still one\x0cand\r\n", "two\rthree"]
    new = text.replace("two", "2")
    assert apply(text, unified_diff(text, new, "a/x", "b/x")) == new


def test_unique_lines_anchor_the_match(monkeypatch: pytest.MonkeyPatch) -> None:
    # Repeated lines around a few unique ones, with changes at both ends so that no common head or tail helps: the
    # unique lines are matched to each other first, and difflib only ever sees the short runs between them (on the
    # whole file its search takes seconds at a few thousand lines).
    seen: list[int] = []

    class Counting(difflib.SequenceMatcher):
        def __init__(self, isjunk, a, b, autojunk=True):  # type: ignore[no-untyped-def]
            seen.append(len(a) + len(b))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    filler = ["\n", "---\n", "</details>\n"] * 300
    marked = [line for n in range(300) for line in (f"- [Paper {n}](u)\n", "\n")]
    a = ["start\n"] + filler + marked + filler + ["end\n"]
    b = ["START\n"] + filler + marked[:100] + ["added\n"] + marked[100:] + filler + ["END\n"]
    blocks = matching_blocks(a, b)
    assert blocks == [(1, 1, 1000), (1001, 1002, 1400), (2402, 2403, 0)]
    assert seen and max(seen) <= 4
    assert apply("".join(a), unified_diff("".join(a), "".join(b), "a/x", "b/x")) == "".join(b)


lines = st.lists(st.sampled_from(["a\n", "b\n", "\n", "- [x](u)\n", "c", "d\r\n", "é\n"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(lines, lines)
def test_every_diff_applies(old_lines: list[str], new_lines: list[str]) -> None:
    old, new = "".join(old_lines), "".join(new_lines)
    diff = unified_diff(old, new, "a/x", "b/x")
    assert apply(old, diff) == new
    a, b = split_lines(old), split_lines(new)
    blocks = matching_blocks(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    for (i, j, n), (i2, j2, _) in zip(blocks, blocks[1:]):
        assert a[i:i + n] == b[j:j + n] and n > 0
        assert i + n <= i2 and j + n <= j2  # increasing, not overlapping


@pytest.mark.parametrize("seed", range(5))
def test_no_longer_than_difflib_on_small_edits(seed: int) -> None:
    # A fix edits a few lines in place; the anchored match must not make the diff longer than difflib's.
    import random

    rng = random.Random(seed)
    old_lines = [f"- [Paper {rng.randrange(50)}](https://a.dev/{n})\n" if n % 3 else "\n" for n in range(400)]
    new_lines = list(old_lines)
    for index in rng.sample(range(400), 12):
        new_lines[index] = new_lines[index].replace("- [", "* [")
    old, new = "".join(old_lines), "".join(new_lines)
    edited = sum(1 for before, after in zip(old_lines, new_lines) if before != after)

    def changed(diff: str) -> int:
        return sum(1 for line in diff.splitlines()[2:] if line[:1] in "+-")

    ours = unified_diff(old, new, "a/x", "b/x")
    assert changed(ours) == 2 * edited  # each edited line removed and added, nothing else
    assert changed(ours) <= changed("".join(difflib.unified_diff(old_lines, new_lines, "a/x", "b/x")))
    assert apply(old, ours) == new
