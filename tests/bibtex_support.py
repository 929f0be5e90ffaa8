"""Shared helpers of the BibTeX tests: a registry that holds the LL5xx rules, and lint/fix with it."""

from __future__ import annotations

from collections.abc import Sequence

from listlint.config import DEFAULT, Config
from listlint.diagnostics import Diagnostic
from listlint.fixer import fix_source
from listlint.linter import RuleSet, lint
from listlint.model import Document
from listlint.parser import parse
from listlint.registry import Registry, builtin_rules, validate
from listlint.rules import ll5_bibtex
from listlint.source import SourceText


def registry() -> Registry:
    """The built-in rules, plus the LL5xx family when it is not registered yet."""
    rules = tuple(builtin_rules())
    if not any(rule.code.startswith("LL5") for rule in rules):
        rules = rules + tuple(ll5_bibtex.RULES)
    return Registry(validate([("listlint", rule) for rule in rules]))


def ruleset(config: Config | None = None, select: Sequence[str] = ("LL5",)) -> RuleSet:
    return RuleSet.build(registry(), config or DEFAULT, select=tuple(select))


def check(text: str, select: Sequence[str] = ("LL5",), config: Config | None = None) -> list[Diagnostic]:
    rules = ruleset(config, select)
    return lint(parse(text, "<test>", rules.config), rules)


def found(text: str, select: Sequence[str] = ("LL5",), config: Config | None = None) -> list[tuple[str, int, int]]:
    """(code, line, column) of every diagnostic."""
    source = SourceText(text)
    return [(d.code, *source.position(d.span.start)) for d in check(text, select, config)]


def fix(text: str, select: Sequence[str] = ("LL5",), *, unsafe: bool = False, config: Config | None = None) -> str:
    rules = ruleset(config, select)

    def parse_it(source: SourceText) -> Document:
        return parse(source, "<test>", rules.config)

    return fix_source(SourceText(text), parse_it, lambda d: lint(d, rules), unsafe=unsafe).text
