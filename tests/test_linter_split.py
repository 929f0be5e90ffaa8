"""The rules of a large document run in two processes (linter._run_split, through forking.start); the result must
not depend on it."""

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
from listlint.linter import RuleSet, lint
from listlint.model import Document
from listlint.parser import parse
from listlint.registry import Registry, builtin_rules, validate
from listlint.rules.base import Context, Rule

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the split forks, on Linux only")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PARENT = os.getpid()


def _corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.md")))


@pytest.fixture
def small_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split from the first character on, so the tests need no megabyte files; and whatever threads earlier tests
    left running (servers of the link tests), so the split itself is what is tested here."""
    monkeypatch.setattr(linter, "SPLIT_MIN_CHARS", 0)
    monkeypatch.setattr(forking, "can_fork", lambda: True)


def _ruleset(*extra: type[Rule]) -> RuleSet:
    registry = Registry(validate([("listlint", rule) for rule in (*builtin_rules(), *extra)]))
    return RuleSet.build(registry, DEFAULT, extend_select=tuple(rule.code for rule in extra))


def test_split_gives_the_same_diagnostics_as_one_process(small_split: None) -> None:
    # the corpus keeps status in one of its many parts, which LL301 leaves alone: a reading list gives LL3 its share
    text = _corpus_text() + "\n# Reading\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org)\n"
    rules = _ruleset()
    assert any(rule.code.startswith(linter.SECOND_PROCESS_FAMILIES) for rule, _ in rules.rules)
    one = lint(parse(text, "all.md"), rules, workers=1)
    two = lint(parse(text, "all.md"), rules, workers=2)
    assert len(one) > 100
    assert two == one
    assert {d.path for d in two} == {"all.md"}
    assert {d.code[:3] for d in two} >= {"LL1", "LL2", "LL3", "LL5", "LL6"}  # both halves contributed


class ChildOnly(Rule):
    """Reports the process it ran in: proves the split really ran this family in another process."""

    code = "LL598"
    name = "test-child-pid"
    category = "status"
    summary = "test rule"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        yield self.report(f"pid {os.getpid()}", document.source.line_span(0))


def test_the_test_rules_belong_to_the_second_process() -> None:
    # so that the tests below exercise the child, whichever families it takes
    from listlint.linter import SECOND_PROCESS_FAMILIES

    assert all(rule.code.startswith(SECOND_PROCESS_FAMILIES) for rule in (ChildOnly, CrashesInChild, DiesInChild))


def test_second_family_runs_in_another_process(small_split: None) -> None:
    found = lint(parse("# T\n\n- [a](https://a.org)\n"), _ruleset(ChildOnly), workers=2)
    (mine,) = [d for d in found if d.code == "LL598"]
    assert mine.message != f"pid {os.getpid()}"
    found = lint(parse("# T\n\n- [a](https://a.org)\n"), _ruleset(ChildOnly), workers=1)
    (mine,) = [d for d in found if d.code == "LL598"]
    assert mine.message == f"pid {os.getpid()}"


class CrashesInChild(Rule):
    code = "LL597"
    name = "test-crash"
    category = "status"
    summary = "test rule"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover


def test_a_rule_crashing_in_the_child_is_a_rule_error_naming_it(small_split: None) -> None:
    with pytest.raises(RuleError, match=r"rule LL597 \(test-crash\) crashed: ZeroDivisionError: boom"):
        lint(parse("# T\n"), _ruleset(CrashesInChild), workers=2)


class DiesInChild(Rule):
    """Kills its own process when it is not the test's process: the child vanishes without a word."""

    code = "LL596"
    name = "test-die"
    category = "duplicates"
    summary = "test rule"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        yield self.report("ran in the parent", document.source.line_span(0))


def test_a_child_that_dies_leaves_its_rules_to_the_parent(small_split: None) -> None:
    text = "# T\n\n- [a](https://a.org)  \n"
    rules = _ruleset(DiesInChild)
    two = lint(parse(text), rules, workers=2)
    assert [d.message for d in two if d.code == "LL596"] == ["ran in the parent"]
    assert two == lint(parse(text), rules, workers=1)


def test_no_fork_while_another_thread_runs() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forking.can_fork()
    finally:
        stop.set()
        thread.join()


def test_small_documents_are_not_split() -> None:
    found = lint(parse("# T\n\n- [a](https://a.org)\n"), _ruleset(ChildOnly), workers=2)
    (mine,) = [d for d in found if d.code == "LL598"]
    assert mine.message == f"pid {os.getpid()}"


def test_findings_cross_the_pipe_unchanged() -> None:
    """The child's findings travel as plain tuples; every field, the fix's edits and its flags come back equal."""
    from listlint.diagnostics import Alters, Edit, Fix, Severity
    from listlint.source import Span

    sent = [
        Diagnostic("LL601", "duplicate-link", "duplicates", Severity.WARNING, "twice", Span(3, 9), None, "a.md"),
        Diagnostic("LL407", "insecure-url", "urls", Severity.ERROR, "http", Span(0, 4),
                   Fix.unsafe(Edit(Span(0, 4), "https"), Edit.insert(9, "x"), title="use https",
                              alters=Alters.TITLES | Alters.URLS), "b.md"),
        Diagnostic("LL509", "bibtex-format", "bibtex", Severity.INFO, "ws", Span(5, 5),
                   Fix.safe(Edit.delete(Span(5, 7))), ""),
    ]
    back = linter._unpack(forking._loads(forking._dumps(linter._pack(sent))))
    assert forking._dumps(linter._pack(sent))[:1] == b"M"  # plain data: marshal, no pickle
    assert back == sent
    assert [d.path for d in back] == ["a.md", "b.md", ""]  # path is not part of equality: check it apart


def test_results_marshal_cannot_write_are_pickled() -> None:
    from listlint.source import Span

    plain = ("ok", [(1, (2, 3), None, "t", True)], {"k": [1.5]})
    assert forking._dumps(plain)[:1] == b"M" and forking._loads(forking._dumps(plain)) == plain
    objects = ("ok", [Span(1, 2)])  # a class instance: marshal refuses it
    assert forking._dumps(objects)[:1] == b"P" and forking._loads(forking._dumps(objects)) == objects


def test_an_untagged_result_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        forking._loads(b"X123")
    wait = forking.start(lambda: ("ok", [1, 2]))
    assert wait() == ("ok", [1, 2])
