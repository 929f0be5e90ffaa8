"""The library API: lint and fix Markdown text in memory, with the same rules and fixer as the CLI."""

from __future__ import annotations

from collections.abc import Sequence

from listlint.config import DEFAULT, Config
from listlint.diagnostics import Diagnostic
from listlint.fixer import fix_source
from listlint.linter import RuleSet, lint
from listlint.model import Document
from listlint.parser import parse
from listlint.registry import Registry
from listlint.source import SourceText


def _ruleset(config: Config | None, select: Sequence[str], ignore: Sequence[str]) -> RuleSet:
    return RuleSet.build(Registry.load(), config or DEFAULT, select=tuple(select), ignore=tuple(ignore))


def lint_text(
    text: str, config: Config | None = None, *, select: Sequence[str] = (), ignore: Sequence[str] = (),
    path: str = "<text>",
) -> list[Diagnostic]:
    """Diagnostics for Markdown ``text`` (no network: link checks need the CLI's ``--links``)."""
    ruleset = _ruleset(config, select, ignore)
    return lint(parse(text, path, ruleset.config), ruleset)


def fix_text(
    text: str, unsafe: bool = False, config: Config | None = None, *, select: Sequence[str] = (),
    ignore: Sequence[str] = (), path: str = "<text>",
) -> str:
    """``text`` with every safe fix applied (and unsafe ones with ``unsafe=True``)."""
    ruleset = _ruleset(config, select, ignore)

    def parse_it(source: SourceText) -> Document:
        return parse(source, path, ruleset.config)

    def lint_it(document: Document) -> list[Diagnostic]:
        return lint(document, ruleset)

    return fix_source(SourceText(text), parse_it, lint_it, unsafe=unsafe).text
