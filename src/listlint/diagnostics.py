"""What rules produce: diagnostics, and fixes as data (edits on spans) that only the fixer applies."""


import enum

from listlint.records import Record
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


class Edit(Record):
    """Replace the text at ``span`` with ``content`` (an insertion when the span is empty)."""

    span: Span
    content: str

    @classmethod
    def insert(cls, offset: int, content: str) -> "Edit":
        return cls(Span(offset, offset), content)

    @classmethod
    def delete(cls, span: Span) -> "Edit":
        return cls(span, "")


class Fix(Record):
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


class Diagnostic:
    """One finding of one rule, located by a span; line and column are computed when reported.

    Immutable and compared by everything but ``path``. Written by hand rather than as a frozen dataclass, whose
    class creation alone cost 0.85 ms of every run's start-up."""

    __slots__ = ("code", "name", "category", "severity", "message", "span", "fix", "path")
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None
    path: str

    def __new__(cls, code: str, name: str, category: str, severity: Severity, message: str, span: Span,
                fix: Fix | None = None, path: str = "") -> "Diagnostic":
        diagnostic = _new_object(cls)
        _set_code(diagnostic, code)
        _set_name(diagnostic, name)
        _set_category(diagnostic, category)
        _set_severity(diagnostic, severity)
        _set_message(diagnostic, message)
        _set_span(diagnostic, span)
        _set_fix(diagnostic, fix)
        _set_path(diagnostic, path)
        return diagnostic

    def _key(self) -> tuple[object, ...]:
        return (self.code, self.name, self.category, self.severity, self.message, self.span, self.fix)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Diagnostic({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Diagnostic is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Diagnostic is immutable")

    def __reduce__(self) -> tuple[type["Diagnostic"], tuple[object, ...]]:
        return Diagnostic, tuple(getattr(self, name) for name in self.__slots__)

    @property
    def fixable(self) -> bool:
        """True when plain ``listlint fix`` repairs it (a safe fix); unsafe fixes need --unsafe-fixes."""
        return self.fix is not None and self.fix.applicability is Applicability.SAFE

    @property
    def unsafe_fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is Applicability.UNSAFE


_new_object = object.__new__
# the slots' own setters, past the refusing __setattr__
_set_code, _set_name, _set_category, _set_severity, _set_message, _set_span, _set_fix, _set_path = (
    getattr(Diagnostic, name).__set__ for name in Diagnostic.__slots__)
