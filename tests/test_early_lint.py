"""Rules that read no entries (``Rule.needs_entries = False``) start in a forked child while the parser assembles a
large document's entries (linter.EarlyLint); the findings must not depend on it."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from listlint import forking, linter
from listlint.config import DEFAULT
from listlint.diagnostics import Diagnostic
from listlint.errors import RuleError
from listlint.linter import EarlyLint, RuleSet, lint
from listlint.model import Document, NotAssembled, without_entries
from listlint.parser import parse
from listlint.registry import Registry, builtin_rules, validate
from listlint.rules.base import Context, Rule

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the split forks, on Linux only")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PARENT = os.getpid()


@pytest.fixture
def small_split(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Split from the first character on, whatever threads earlier tests left running; count the forks."""
    started: list[int] = []
    real_start = forking.start

    def counting_start(work):  # type: ignore[no-untyped-def]
        started.append(1)
        return real_start(work)

    monkeypatch.setattr(linter, "SPLIT_MIN_CHARS", 0)
    monkeypatch.setattr(forking, "can_fork", lambda: True)
    monkeypatch.setattr(forking, "start", counting_start)
    return started


def _ruleset(*extra: type[Rule]) -> RuleSet:
    registry = Registry(validate([("listlint", rule) for rule in (*builtin_rules(), *extra)]))
    return RuleSet.build(registry, DEFAULT, extend_select=tuple(rule.code for rule in extra))


def _early_check(text: str, rules: RuleSet, workers: int = 2) -> list[Diagnostic]:
    early = EarlyLint(rules)
    document = parse(text, "all.md", before_entries=early.start)
    return lint(document, rules, workers=workers, early=early)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*/*.md")), ids=lambda p: p.name)
def test_rules_that_need_no_entries_find_the_same_without_them(path: Path) -> None:
    # the promise every ``needs_entries = False`` makes, kept on every corpus file: the same findings on the
    # document before its entries and sections exist (they raise if read) as on the whole one
    document = parse(path.read_text(encoding="utf-8"), path.name)
    partial = without_entries(document)
    rules = _ruleset()
    free = [(rule, options) for rule, options in rules.rules if not rule.needs_entries]
    assert len(free) >= 20
    for rule, options in free:
        context = Context(DEFAULT, options, {}, (), rules.known)
        assert list(rule.check(partial, context)) == list(rule.check(document, context)), rule.code


def test_the_document_before_its_entries_refuses_them() -> None:
    partial = without_entries(parse("# T\n\n#### A paper\n\npaper: [here](https://a.org)\n", "a.md"))
    for read in (lambda: partial.entries[0], lambda: len(partial.entries), lambda: list(partial.sections),
                 lambda: partial.root.title, lambda: bool(partial.entries)):
        with pytest.raises(NotAssembled):
            read()
    assert partial.links and partial.headings and not any(h.is_entry for h in partial.headings)
    assert repr(partial) == "Document(path='a.md', entries not assembled)"


def test_early_rules_give_the_same_findings(small_split: list[int]) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.md")))
    rules = _ruleset()
    one = lint(parse(text, "all.md"), rules, workers=1)
    assert not small_split
    two = _early_check(text, rules)
    assert small_split == [1, 1]  # the early rules, then the second half of the others
    assert two == one and len(one) > 100
    early_codes = {rule.code for rule, _ in rules.rules if not rule.needs_entries}
    assert {d.code for d in two} & early_codes and {d.code for d in two} - early_codes


class EarlyPid(Rule):
    """Reports the process it ran in: proves the early child ran it."""

    code = "LL197"
    name = "test-early-pid"
    category = "format"
    summary = "test rule"
    needs_entries = False

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        yield self.report(f"pid {os.getpid()}", document.source.line_span(0))


def test_early_rules_run_in_another_process(small_split: list[int]) -> None:
    (mine,) = [d for d in _early_check("# T\n\n- [a](https://a.org)\n", _ruleset(EarlyPid)) if d.code == "LL197"]
    assert mine.message != f"pid {os.getpid()}"
    (mine,) = [d for d in _early_check("# T\n\n- [a](https://a.org)\n", _ruleset(EarlyPid), workers=1)
               if d.code == "LL197"]
    assert mine.message != f"pid {os.getpid()}"  # the early child does not depend on the split of the rest


class ReadsEntriesAfterAll(Rule):
    """Says it needs no entries, and reads them: must run again on the whole document, never on nothing."""

    code = "LL196"
    name = "test-reads-entries"
    category = "format"
    summary = "test rule"
    needs_entries = False

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        for entry in document.entries:
            yield self.report(f"entry {entry.title} in {os.getpid()}", entry.span)


def test_an_early_rule_that_reads_entries_runs_on_the_whole_document(small_split: list[int]) -> None:
    text = "# T\n\n- [Alpha](https://a.org)\n- [Beta](https://b.org)\n"
    found = [d.message for d in _early_check(text, _ruleset(ReadsEntriesAfterAll)) if d.code == "LL196"]
    assert found == [f"entry Alpha in {PARENT}", f"entry Beta in {PARENT}"]


class CrashesEarly(Rule):
    code = "LL195"
    name = "test-crash-early"
    category = "format"
    summary = "test rule"
    needs_entries = False

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover


def test_an_early_rule_crashing_is_a_rule_error_naming_it(small_split: list[int]) -> None:
    with pytest.raises(RuleError, match=r"rule LL195 \(test-crash-early\) crashed: ZeroDivisionError: boom"):
        _early_check("# T\n", _ruleset(CrashesEarly))


class DiesEarly(Rule):
    """Kills its own process when it is not the test's process: the early child vanishes without a word."""

    code = "LL194"
    name = "test-die-early"
    category = "format"
    summary = "test rule"
    needs_entries = False

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        yield self.report("ran in the parent", document.source.line_span(0))


def test_an_early_child_that_dies_leaves_its_rules_to_the_parent(small_split: list[int]) -> None:
    text = "# T\n\n- [a](https://a.org)  \n"
    rules = _ruleset(DiesEarly)
    found = _early_check(text, rules)
    assert [d.message for d in found if d.code == "LL194"] == ["ran in the parent"]
    assert found == lint(parse(text), rules, workers=1)


def test_small_documents_start_no_early_child() -> None:
    early = EarlyLint(_ruleset())
    document = parse("# T\n\n- [a](https://a.org)\n", before_entries=early.start)
    assert not early.started
    assert lint(document, _ruleset(), workers=2, early=early) == lint(document, _ruleset())


def test_a_large_file_checked_from_the_command_line_is_unchanged_by_the_split(tmp_path: Path) -> None:
    # the whole path through the runner: one process (-j 1) against the early child and the split (-j 2)
    import subprocess

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.md")))
    while len(text) < linter.SPLIT_MIN_CHARS + 1000:
        text += text
    (tmp_path / "big.md").write_text(text, encoding="utf-8")
    runs = [subprocess.run([sys.executable, "-m", "listlint", "check", "--output-format", "json", "-j", jobs,
                            "big.md"], cwd=tmp_path, capture_output=True, text=True) for jobs in ("1", "2")]
    assert [r.returncode for r in runs] == [1, 1], runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and len(runs[0].stdout) > 10_000
