"""The fixer: non-overlapping edits, fixed point, entry guard, convergence guard, crash-safe atomic writes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from listlint.config import DEFAULT
from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability
from listlint.errors import FixError, InputError
from listlint.fixer import apply_edits, choose, fix_source, write_atomic
from listlint.linter import RuleSet, lint
from listlint.model import Document
from listlint.parser import parse
from listlint.registry import Registry
from listlint.rules.base import Context, Rule
from listlint.source import SourceText, Span

RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _fix(text: str, rules: tuple[type[Rule], ...], *, unsafe: bool = False) -> str:
    ruleset = RuleSet(DEFAULT, tuple((rule(), rule.Options()) for rule in rules))
    return fix_source(SourceText(text), lambda s: parse(s, "t.md"), lambda d: lint(d, ruleset), unsafe=unsafe).text


def test_choose_skips_overlapping_fixes_for_the_next_pass() -> None:
    a = Fix.safe(Edit(Span(0, 5), "x"))
    b = Fix.safe(Edit(Span(3, 8), "y"))
    c = Fix.safe(Edit(Span(8, 9), "z"))
    assert choose([b, c, a]) == [a, c]
    assert apply_edits("0123456789", [e for f in (a, c) for e in f.edits]) == "x567z9"


def test_insertions_at_the_same_point_do_not_both_apply() -> None:
    a = Fix.safe(Edit.insert(4, "a"))
    b = Fix.safe(Edit.insert(4, "b"))
    assert len(choose([a, b])) == 1


def test_builtin_safe_fixes_reach_a_fixed_point_and_keep_html() -> None:
    text = "# T  \n\n\n\n- [A](https://a.dev)   \n   \n- [B](https://b.dev)\n\n\n"
    rules = Registry.load(plugins=False).select()
    fixed = _fix(text, rules)
    assert fixed == "# T\n\n- [A](https://a.dev)\n\n- [B](https://b.dev)\n"
    assert _fix(fixed, rules) == fixed
    assert RENDER.render(fixed) == RENDER.render(text)


def _conflict(a: Span, b: Span) -> bool:
    """The definition: ranges sharing a character, an insertion point strictly inside a range, or one point twice."""
    return a == b if a.start == a.end == b.start == b.end else a.start < b.end and b.start < a.end


@settings(max_examples=600)  # cheap; the profile's 40 examples miss rare shapes (two insertions at one point)
@given(
    st.lists(
        st.lists(
            st.tuples(st.integers(0, 20), st.sampled_from([0, 0, 1, 2, 3, 6])).map(lambda p: Span(p[0], p[0] + p[1])),
            min_size=1,
            max_size=3,
        ),
        max_size=10,
    )
)
def test_choose_takes_fixes_in_order_that_conflict_with_nothing_taken(spans: list[list[Span]]) -> None:
    """choose (bisection, O(n log n)) agrees with the all-pairs definition on every input."""
    fixes = [Fix.safe(*(Edit(span, "x") for span in group)) for group in spans]
    expected: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: (f.span.start, f.span.end)):
        mine = [e.span for e in fix.edits]
        taken = [e.span for f in expected for e in f.edits]
        inner = any(a.start < b.end and b.start < a.end for i, a in enumerate(mine) for b in mine[i + 1 :])
        if not inner and not any(_conflict(a, b) for a in mine for b in taken):
            expected.append(fix)
    assert choose(fixes) == expected


class _Looping(Rule):
    code = "ZZ001"
    name = "looping"
    category = "test"
    summary = "a fix that never converges"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        text = document.text
        swapped = text.replace("a", "\0").replace("b", "a").replace("\0", "b")
        yield self.report("swap", Span(0, len(text)), Fix.safe(Edit(Span(0, len(text)), swapped)))


def test_non_converging_fix_is_refused() -> None:
    with pytest.raises(FixError, match="ZZ001 do not converge"):
        _fix("ab\n", (_Looping,))


class _DropEntry(Rule):
    code = "ZZ002"
    name = "drop-entry"
    category = "test"
    summary = "a buggy fix that deletes an entry without declaring it"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        if len(document.entries) > 1:
            span = document.source.line_span(document.entries[-1].line, with_newline=True)
            yield self.report("drop", span, Fix.safe(Edit(span, "")))


class _RenameTitle(_DropEntry):
    code = "ZZ003"
    name = "rename-title"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        entry = document.entries[0]
        if entry.title_span is not None and entry.title != "Z":
            yield self.report("rename", entry.title_span,
                              Fix(((Edit(entry.title_span, "Z")),), alters=self.alters))

    alters = Alters.NOTHING


class _DeclaredRename(_RenameTitle):
    code = "ZZ004"
    name = "declared-rename"
    alters = Alters.TITLES


def test_undeclared_entry_loss_aborts() -> None:
    with pytest.raises(FixError, match="number of entries from 2 to 1"):
        _fix("- [A](https://a.dev)\n- [B](https://b.dev)\n", (_DropEntry,))


def test_undeclared_title_change_aborts_but_declared_one_applies() -> None:
    text = "- [A](https://a.dev)\n"
    with pytest.raises(FixError, match="title 'A' to 'Z'"):
        _fix(text, (_RenameTitle,))
    assert _fix(text, (_DeclaredRename,)) == "- [Z](https://a.dev)\n"


class _AddEntry(Rule):
    code = "ZZ005"
    name = "add-entry"
    category = "test"
    summary = "a fix that adds an entry and says so"
    fix = FixAvailability.SAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        if "[New]" not in document.text:
            at = Span(len(document.text), len(document.text))
            yield self.report("add", at, Fix.safe(Edit(at, "- [New](https://new.dev)\n"), alters=Alters.ENTRIES))


def test_a_fix_that_may_change_entries_does_not_hide_another_fix_losing_one() -> None:
    # checked against the union of what all applied fixes declare, ZZ005's ENTRIES once let ZZ002 drop an entry
    text = "- [A](https://a.dev)\n- [B](https://b.dev)\n"
    assert _fix(text, (_AddEntry,)) == text + "- [New](https://new.dev)\n"
    with pytest.raises(FixError, match=r"number of entries from 2 to 1 \(ZZ002\)"):
        _fix(text, (_DropEntry, _AddEntry))


def test_write_atomic_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("old\n")
    path.chmod(0o604)
    write_atomic(str(path), b"new\n")
    assert path.read_bytes() == b"new\n"
    assert path.stat().st_mode & 0o777 == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_interrupted_write_leaves_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_text("original\n")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(str(path), b"new\n")
    assert path.read_text() == "original\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_symlinks_and_special_files_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "target.md"
    target.write_text("x\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with pytest.raises(InputError, match="symbolic link"):
        write_atomic(str(link), b"y\n")
    assert target.read_text() == "x\n"
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        write_atomic(str(fifo), b"y\n")


def test_apply_edits_is_exact_for_many_edits_in_any_order() -> None:
    text = "abcdefghij" * 3
    edits = [Edit(Span(i, i + 1), c.upper()) for i, c in enumerate(text) if c in "aei"]
    edits.append(Edit(Span(5, 5), "+"))
    expected = "".join(c.upper() if c in "aei" else c for c in text)
    expected = expected[:5] + "+" + expected[5:]
    assert apply_edits(text, reversed(edits)) == expected


def test_an_edit_never_merges_a_bare_cr_and_a_lf_into_one_line_ending() -> None:
    # "a\r  \n" is three lines for CommonMark (bare CR, then a blank line); without the spaces "\r\n" would be one
    assert apply_edits("a\r  \nb", [Edit(Span(2, 4), "")]) == "a\n\nb"
    assert apply_edits("a\r- b", [Edit(Span(2, 2), "\n")]) == "a\n\n- b"
    # a CRLF stays a CRLF, and a bare CR not touched by an edit stays
    assert apply_edits("a\r\n  \nb", [Edit(Span(3, 5), "")]) == "a\r\n\nb"
    assert apply_edits("a\rb  \nc", [Edit(Span(3, 5), "")]) == "a\rb\nc"


def test_fix_keeps_the_blank_line_after_a_bare_cr() -> None:
    from listlint.api import fix_text

    # found by the property tests: the whitespace of the line after a bare CR was removed and the blank line with it,
    # so the next line ("-[Deep]", a paragraph) became a lazy continuation of the list item
    text = "- [Deep](#) - Deep \r  \t\n-[Deep](#) - Deep\n"
    fixed = fix_text(text)
    assert fixed == "- [Deep](#) - Deep\n\n-[Deep](#) - Deep\n"
