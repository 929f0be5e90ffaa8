"""listlint.regex.lazy: a pattern compiled on first use behaves as the compiled pattern."""

from __future__ import annotations

import re

from listlint import regex
from listlint.parser import entries


def test_lazy_pattern_is_compiled_on_first_use_and_answers_as_re() -> None:
    source, flags = r"(?P<num>\d+)-(\w+)", re.IGNORECASE
    lazy, compiled = regex.lazy(source, flags), re.compile(source, flags)
    assert type(lazy).__name__ == "_Uncompiled"
    text = "12-AB, 3-c; x-1"
    assert lazy.match(text).groups() == compiled.match(text).groups()  # type: ignore[union-attr]
    assert type(lazy).__name__ == "_Pattern"  # compiled now: no __getattr__ hook left on the way
    assert lazy.fullmatch("7-z").group("num") == "7"  # type: ignore[union-attr]
    assert lazy.search(text).span() == compiled.search(text).span()  # type: ignore[union-attr]
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("#", text) == compiled.sub("#", text)
    assert lazy.subn("#", text) == compiled.subn("#", text)
    assert lazy.split(text) == compiled.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groups, dict(lazy.groupindex)) == (
        compiled.pattern, compiled.flags, compiled.groups, dict(compiled.groupindex))


def test_attributes_before_any_call_compile_too() -> None:
    lazy = regex.lazy("a(b)")
    assert lazy.groups == 1
    assert lazy.search("xab").start() == 1  # type: ignore[union-attr]


def test_module_patterns_are_lazy_and_work() -> None:
    """The parser's patterns are declared lazily; parsing uses them as compiled patterns."""
    lazies = [v for v in vars(entries).values() if isinstance(v, regex._Pattern)]
    assert len(lazies) > 10
    from listlint import parse

    assert [e.title for e in parse("# L\n\n- [Paper](https://a.org) - x\n").entries] == ["Paper"]
