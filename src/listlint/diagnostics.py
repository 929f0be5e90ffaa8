"""What rules produce: diagnostics, and fixes as data (edits on spans) that only the fixer applies."""


import enum
from dataclasses import dataclass, field
from typing import NamedTuple

from listlint.source import Span


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(enum.Enum):
    """How far a fix may be trusted: safe fixes run by default, unsafe ones with --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class FixAvailability(enum.Enum):
    """What a rule class promises about fixes (shown by ``listlint rules``)."""

    NONE = "no"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES = "sometimes"


class Alters(enum.Flag):
    """What a fix is declared to change in the entry list; the fixer's guard accepts only these differences."""

    NOTHING = 0
    TITLES = enum.auto()
    URLS = enum.auto()
    ENTRIES = enum.auto()  # entries may be added or removed


class Edit(NamedTuple):
    """Replace the text at ``span`` with ``content`` (an insertion when the span is empty)."""

    span: Span
    content: str

    @classmethod
    def insert(cls, offset: int, content: str) -> "Edit":
        return cls(Span(offset, offset), content)

    @classmethod
    def delete(cls, span: Span) -> "Edit":
        return cls(span, "")


class Fix(NamedTuple):
    """Edits that repair one finding, applied together or not at all."""
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    title: str = ""
    alters: Alters = Alters.NOTHING

    @classmethod
    def safe(cls, *edits: Edit, title: str = "", alters: Alters = Alters.NOTHING) -> "Fix":
        return cls(tuple(edits), Applicability.SAFE, title, alters)

    @classmethod
    def unsafe(cls, *edits: Edit, title: str = "", alters: Alters = Alters.NOTHING) -> "Fix":
        return cls(tuple(edits), Applicability.UNSAFE, title, alters)

    @property
    def span(self) -> Span:
        """The smallest span covering every edit."""
        return Span(min(e.span.start for e in self.edits), max(e.span.end for e in self.edits))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of one rule, located by a span; line and column are computed when reported."""
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    path: str = field(default="", compare=False)

    @property
    def fixable(self) -> bool:
        """True when plain ``listlint fix`` repairs it (a safe fix); unsafe fixes need --unsafe-fixes."""
        return self.fix is not None and self.fix.applicability is Applicability.SAFE

    @property
    def unsafe_fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is Applicability.UNSAFE
