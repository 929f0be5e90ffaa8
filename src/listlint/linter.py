"""Lint one document with the selected rules. A rule that raises becomes a RuleError naming it, never a traceback."""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from listlint import suppress
from listlint.config import DEFAULT, Config, build_dataclass
from listlint.diagnostics import Diagnostic
from listlint.errors import ConfigError, RuleError
from listlint.model import Document
from listlint.registry import Registry
from listlint.rules.base import Context, Rule


@dataclass
class RuleSet:
    """The rules selected for one configuration, instantiated once, with their options built and validated."""

    config: Config
    rules: tuple[tuple[Rule, Any], ...]

    @classmethod
    def build(
        cls,
        registry: Registry,
        config: Config,
        *,
        select: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        links: bool = False,
    ) -> RuleSet:
        where = config.path or "<config>"
        registry.check_selectors(config.select, where, "select")
        registry.check_selectors(config.extend_select, where, "extend-select")
        registry.check_selectors(config.ignore, where, "ignore")
        for key in config.rules:
            if registry.find(key) is None:
                raise ConfigError(where, f"rules.{key}", "unknown rule")
        # an explicit --select replaces the configured selection (its select, extend-select and ignore)
        chosen = registry.select(
            tuple(select) or config.select,
            tuple(extend_select) if select else (*config.extend_select, *extend_select),
            tuple(ignore) if select else (*config.ignore, *ignore),
            links=links or config.links.enabled,
        )
        instances = []
        raw_by_rule = {}
        for key, raw in config.rules.items():
            rule = registry.find(key)
            assert rule is not None
            raw_by_rule[rule.code] = (key, raw)
        for rule_cls in registry.rules:
            key, raw = raw_by_rule.get(rule_cls.code, (rule_cls.name, {}))
            options = build_dataclass(rule_cls.Options, raw, where, f"rules.{key}")
            if rule_cls in chosen:
                instances.append((rule_cls(), options))
        return cls(config, tuple(instances))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule, _ in self.rules)


@dataclass
class LintResult:
    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)


def lint(
    document: Document,
    ruleset: RuleSet,
    *,
    link_results: Mapping[str, Any] | None = None,
    project: tuple[Document, ...] = (),
) -> list[Diagnostic]:
    """Diagnostics of every selected rule, suppressions applied, sorted by position then code."""
    collecting = gc.isenabled()
    gc.disable()  # as in parse: many short-lived objects, no cycles worth a collector pass
    try:
        return _lint(document, ruleset, link_results, project)
    finally:
        if collecting:
            gc.enable()


def _lint(
    document: Document, ruleset: RuleSet, link_results: Mapping[str, Any] | None, project: tuple[Document, ...]
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule, options in ruleset.rules:
        context = Context(ruleset.config, options, link_results or {}, project)
        try:
            found = list(rule.check(document, context))
        except Exception as exc:  # noqa: BLE001 - a rule must never crash the run
            raise RuleError(
                f"{document.path}: rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}"
            ) from exc
        out.extend(found)
    out = suppress.apply(document, out)
    out.sort(key=lambda d: (d.span.start, d.code, d.span.end))
    return [_with_path(d, document.path) for d in out]


def _with_path(diagnostic: Diagnostic, path: str) -> Diagnostic:
    if diagnostic.path == path:
        return diagnostic
    object.__setattr__(diagnostic, "path", path)
    return diagnostic


def default_ruleset(config: Config | None = None) -> RuleSet:
    return RuleSet.build(Registry.load(), config or DEFAULT)
