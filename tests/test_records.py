"""Diagnostic and Document are written by hand for start-up time; they keep what the frozen dataclasses gave."""

from __future__ import annotations

import copy
import pickle

import pytest

from listlint import parse
from listlint.diagnostics import Diagnostic, Edit, Fix, Severity
from listlint.source import SourceText, Span


def _diagnostic(path: str = "", message: str = "trailing whitespace") -> Diagnostic:
    fix = Fix.safe(Edit.delete(Span(4, 5)), title="remove it")
    return Diagnostic("LL110", "trailing-whitespace", "whitespace", Severity.WARNING, message, Span(4, 5), fix, path)


def test_diagnostic_fields_and_defaults() -> None:
    d = Diagnostic("LL101", "heading-increment", "headings", Severity.ERROR, "skip", Span(0, 3))
    assert (d.code, d.name, d.category, d.severity, d.message, d.span) == (
        "LL101", "heading-increment", "headings", Severity.ERROR, "skip", Span(0, 3))
    assert d.fix is None and d.path == "" and not d.fixable and not d.unsafe_fixable
    assert _diagnostic().fixable


def test_diagnostic_equality_ignores_the_path() -> None:
    assert _diagnostic("a.md") == _diagnostic("b.md") and hash(_diagnostic("a.md")) == hash(_diagnostic("b.md"))
    assert _diagnostic(message="other") != _diagnostic()
    assert len({_diagnostic("a.md"), _diagnostic("b.md"), _diagnostic(message="other")}) == 2
    assert _diagnostic() != ("LL110",)


def test_diagnostic_is_immutable_and_pickles() -> None:
    d = _diagnostic("a.md")
    with pytest.raises(AttributeError):
        d.message = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del d.code  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.extra = 1  # type: ignore[attr-defined]
    for copied in (pickle.loads(pickle.dumps(d)), copy.copy(d), copy.deepcopy(d)):
        assert copied == d and copied.path == "a.md" and copied.fix == d.fix
    assert repr(d).startswith("Diagnostic(code='LL110', name='trailing-whitespace'") and "path='a.md'" in repr(d)


def test_document_is_read_only_and_compared_by_value() -> None:
    source = SourceText("# List\n\n- [A](https://a.dev) - A tool.\n")
    one, two = parse(source, "a.md"), parse(source, "a.md")
    assert one == two and one is not two and one != parse(source, "b.md")
    assert one != parse(SourceText(source.text + "- [B](https://b.dev)\n"), "a.md")
    one.memo("x", lambda: 1)  # a shared view does not take part in equality
    assert one == two
    with pytest.raises(AttributeError):
        one.entries = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(one)
    assert one.references == {} and repr(one) == "Document(path='a.md', sections=2, entries=1)"
