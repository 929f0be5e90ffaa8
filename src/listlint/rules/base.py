"""The Rule base class and the per-run Context rules receive.

A rule is small: class attributes describe it, ``check`` yields diagnostics. Rules read the frozen Document and
never import markdown-it-py, bibtexparser or httpx, never do I/O, and never mutate anything.
"""


from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from listlint.config import Config
from listlint.diagnostics import Diagnostic, Fix, FixAvailability, Severity
from listlint.model import Document
from listlint.records import Record
from listlint.source import Span


class NoOptions(Record):
    """Options of a rule that has none."""


class Context(Record):
    """What a rule may read besides the document: configuration, its options, and run-wide results."""

    config: Config
    options: Any = NoOptions()
    link_results: Mapping[str, Any] = MappingProxyType({})  # URL as written -> listlint.links result
    project: tuple[Document, ...] = ()  # every document of the run, when duplicates.scope = "project"
    known_rules: tuple[tuple[str, str], ...] = ()  # (code, name) of every rule of the run, selected or not


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]  # "LL101"
    name: ClassVar[str]  # "heading-increment": names the bad pattern
    category: ClassVar[str]  # "headings", "format", "entries", "status", "links", "bibtex", "duplicates"
    summary: ClassVar[str]  # one line, shown by ``listlint rules``
    fix: ClassVar[FixAvailability] = FixAvailability.NONE
    default_enabled: ClassVar[bool] = True
    severity: ClassVar[Severity] = Severity.ERROR
    Options: ClassVar[type] = NoOptions
    # False when check() reads neither the document's entries nor its sections (root), nor Heading.is_entry: a
    # large file's rule may then run in a second process while the parser still assembles them
    # (listlint.linter.EarlyLint); if it reads them after all, it raises NotAssembled there and simply runs again
    # on the whole document
    needs_entries: ClassVar[bool] = True

    def check(self, document: Document, context: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def report(
        self,
        message: str,
        span: Span,
        fix: Fix | None = None,
        *,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A diagnostic of this rule; the path is filled in by the linter."""
        return Diagnostic(
            code=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.severity,
            message=message,
            span=span,
            fix=fix,
        )
