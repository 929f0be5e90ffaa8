"""One run over many files: find files, read, parse once, lint, and (for ``fix``) rewrite.

Errors with one file (missing, binary, invalid UTF-8, bad config) are collected as one-line messages and the run
goes on with the other files. Network link checking, when enabled, runs once for the distinct URLs of all files.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint import files
from listlint.config import Config, ConfigResolver
from listlint.diagnostics import Diagnostic
from listlint.errors import ListlintError
from listlint.fixer import FixResult, fix_source
from listlint.linter import RuleSet, lint
from listlint.model import Document
from listlint.parser import parse
from listlint.registry import Registry
from listlint.source import SourceText


@dataclass
class FileOutcome:
    path: str
    source: SourceText | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    fixed: FixResult | None = None
    stdin: bool = False


@dataclass
class Options:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    links: bool = False
    use_cache: bool = True
    progress: bool = False
    quiet: bool = False
    stdin_filename: str | None = None


class Runner:
    def __init__(self, resolver: ConfigResolver, options: Options, registry: Registry | None = None) -> None:
        self.resolver = resolver
        self.options = options
        self.registry = registry or Registry.load()
        self._rulesets: dict[int, RuleSet] = {}

    def ruleset(self, config: Config) -> RuleSet:
        key = id(config)
        if key not in self._rulesets:
            o = self.options
            self._rulesets[key] = RuleSet.build(
                self.registry, config, select=o.select, extend_select=o.extend_select, ignore=o.ignore, links=o.links
            )
        return self._rulesets[key]

    def _load(self, path: str) -> tuple[Config, SourceText, str]:
        if path == "-":
            label = self.options.stdin_filename or "<stdin>"
            config = self.resolver.for_path(Path(label) if self.options.stdin_filename else None)
            data = sys.stdin.buffer.read()
            return config, SourceText.from_bytes(data, label), label
        config = self.resolver.for_path(Path(path))
        return config, files.read(path, config.max_file_size), path

    def collect(self, paths: Sequence[str]) -> tuple[list[tuple[str, Config, SourceText]], list[FileOutcome]]:
        """(label, config, source) of every readable file; one FileOutcome with an error for each other path."""
        loaded: list[tuple[str, Config, SourceText]] = []
        failed: list[FileOutcome] = []
        exclude: tuple[str, ...] = ()
        try:
            exclude = self.resolver.for_path(None).exclude
        except ListlintError:
            pass
        for item in files.discover(paths, exclude):
            if isinstance(item, ListlintError):
                failed.append(FileOutcome(getattr(item, "path", "?"), error=str(item)))
                continue
            try:
                config, source, label = self._load(item)
                self.ruleset(config)  # validate selectors and rule options early, naming the config file
            except ListlintError as exc:
                failed.append(FileOutcome(item, error=str(exc)))
                continue
            loaded.append((label, config, source))
        return loaded, failed

    def check(self, paths: Sequence[str]) -> list[FileOutcome]:
        loaded, outcomes = self.collect(paths)
        documents = [(label, config, source, parse(source, label, config)) for label, config, source in loaded]
        link_results = self._check_links(documents)
        project = tuple(doc for *_, doc in documents)
        for label, config, source, document in documents:
            outcome = FileOutcome(label, source)
            try:
                scope = project if config.duplicates.scope == "project" else ()
                outcome.diagnostics = lint(document, self.ruleset(config), link_results=link_results, project=scope)
            except ListlintError as exc:
                outcome.error = str(exc)
            outcomes.append(outcome)
        return sorted(outcomes, key=lambda o: o.path)

    def _check_links(self, documents: list[tuple[str, Config, SourceText, Document]]) -> dict[str, Any]:
        wanted = [(config, doc) for _, config, _, doc in documents
                  if any(rule.category == "links-network" for rule, _ in self.ruleset(config).rules)]
        if not wanted:
            return {}
        from listlint.links import check_links  # httpx is imported only when links are checked

        urls: dict[str, None] = {}
        for _, doc in wanted:
            for link in doc.links:
                if link.url.lower().startswith(("http://", "https://")):
                    urls.setdefault(link.url, None)
        config = wanted[0][0]
        base = Path(config.path).parent if config.path else Path.cwd()
        return dict(check_links(urls, config.links, base_dir=base, use_cache=self.options.use_cache,
                                progress=self.options.progress, quiet=self.options.quiet))

    def _is_stdin(self, label: str, paths: Sequence[str]) -> bool:
        return "-" in paths and label == (self.options.stdin_filename or "<stdin>")

    def fix(self, paths: Sequence[str], *, unsafe: bool = False) -> list[FileOutcome]:
        loaded, outcomes = self.collect(paths)
        for label, config, source in loaded:
            outcome = FileOutcome(label, source, stdin=self._is_stdin(label, paths))
            ruleset = self.ruleset(config)

            def parse_it(src: SourceText, label: str = label, config: Config = config) -> Document:
                return parse(src, label, config)

            def lint_it(doc: Document, ruleset: RuleSet = ruleset) -> list[Diagnostic]:
                return lint(doc, ruleset)

            try:
                outcome.fixed = fix_source(source, parse_it, lint_it, unsafe=unsafe)
                outcome.diagnostics = outcome.fixed.remaining
            except ListlintError as exc:
                outcome.error = str(exc)
            outcomes.append(outcome)
        return sorted(outcomes, key=lambda o: o.path)
