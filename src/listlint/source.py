"""Source text: exact offsets, line/column mapping, and the facts needed to write a file back byte-exact.

All spans in listlint are half-open offsets into ``SourceText.text`` (the decoded text without a BOM, with its
original line endings). Lines and columns are 1-based and counted in characters, computed only when reporting.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import total_ordering

from listlint.errors import InputError
from listlint.regex import lazy

BOM = "\ufeff"
LINE_ENDING = lazy(r"\r\n?|\n")


@total_ordering  # <=, > and >= from < and ==
class Span:
    """A half-open range ``[start, end)`` of character offsets into a document's text. Immutable, hashable,
    ordered by (start, end); ``len()`` is its width, so an empty span is falsy.

    Written by hand rather than as a frozen dataclass: a run makes ~65,000 of them for a 1 MB list, and a frozen
    dataclass's ``__init__`` (``object.__setattr__`` per field) took 0.58 us a span against 0.25 us for this
    ``__new__``, which fills the slots through their descriptors (``_set_start``), past the refusing ``__setattr__``.
    """

    __slots__ = ("start", "end")
    start: int
    end: int

    def __new__(cls, start: int, end: int) -> "Span":
        span = _new_object(cls)
        _set_start(span, start)
        _set_end(span, end)
        return span

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Span is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Span is immutable")

    def __reduce__(self) -> tuple[type["Span"], tuple[int, int]]:
        return Span, (self.start, self.end)

    def __repr__(self) -> str:
        return f"Span(start={self.start!r}, end={self.end!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is Span:
            return self.start == other.start and self.end == other.end  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __lt__(self, other: "Span") -> bool:
        if other.__class__ is Span:
            return (self.start, self.end) < (other.start, other.end)
        return NotImplemented

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The text this span covers."""
        return text[self.start : self.end]

    def shift(self, delta: int) -> "Span":
        return Span(self.start + delta, self.end + delta)

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        """True when the ranges share a character, or when an insertion point falls strictly inside."""
        if self.start == self.end or other.start == other.end:
            return self.start < other.end and other.start < self.end
        return self.start < other.end and other.start < self.end


_new_object = object.__new__
_set_start = Span.start.__set__  # type: ignore[attr-defined]
_set_end = Span.end.__set__  # type: ignore[attr-defined]


class SourceText:
    """Decoded text plus its BOM and newline style; maps offsets to (line, column)."""

    __slots__ = ("text", "bom", "newline", "_line_starts", "_line_ends", "_lines")

    def __init__(self, text: str, *, bom: bool = False) -> None:
        if text.startswith(BOM):
            text = text[1:]
            bom = True
        self.text = text
        self.bom = bom
        crlf = text.count("\r\n")
        lf = text.count("\n") - crlf
        cr = text.count("\r") - crlf
        # the line ending fixes insert: CRLF where it is at least as frequent as LF, else LF (also in a file of bare
        # CRs, which are left as they are: a bare CR is a line ending in CommonMark but not in git or editors)
        self.newline = "\r\n" if crlf and crlf >= lf else "\n"
        starts = [0]
        if cr:  # a CR alone ends a line too, as in CommonMark (and old Mac files)
            starts.extend(match.end() for match in LINE_ENDING.finditer(text))
        else:
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
        self._line_starts = starts
        self._line_ends: list[int] | None = None  # built on first use: rules ask for line ends tens of thousands of times
        self._lines: list[str] | None = None

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<input>") -> SourceText:
        """Decode UTF-8 (with or without BOM); binary or invalid input raises InputError naming the byte."""
        nul = data.find(b"\x00", 0, 8192)
        if nul != -1:
            raise InputError(path, f"binary file (NUL byte at offset {nul})")
        bom = data.startswith(b"\xef\xbb\xbf")
        try:
            text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
        except UnicodeDecodeError as exc:
            offset = exc.start + (3 if bom else 0)
            raise InputError(path, f"not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})") from None
        return cls(text, bom=bom)

    def encode(self, text: str | None = None) -> bytes:
        """Bytes to write for ``text`` (default: this text), restoring the BOM."""
        body = self.text if text is None else text
        return ((BOM if self.bom else "") + body).encode("utf-8")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_start(self, index: int) -> int:
        """Offset of the first character of 0-based line ``index``."""
        return self._line_starts[index]

    def line_end(self, index: int) -> int:
        """Offset just past the content of line ``index``, before its ``\\n``, ``\\r\\n`` or ``\\r``."""
        ends = self._line_ends
        if ends is None:
            ends = self._line_ends = self._ends()
        return ends[index]

    def _ends(self) -> list[int]:
        starts, text = self._line_starts, self.text
        ends = [start - 1 for start in starts[1:]]  # the line ending's last character
        if "\r" in text:  # a CRLF ends one character earlier
            ends = [end - 1 if end > start and text[end - 1] == "\r" else end for start, end in zip(starts, ends)]
        ends.append(len(text))
        return ends

    def line_span(self, index: int, *, with_newline: bool = False) -> Span:
        start = self._line_starts[index]
        if with_newline:
            starts = self._line_starts
            return Span(start, starts[index + 1] if index + 1 < len(starts) else len(self.text))
        return Span(start, self.line_end(index))

    def line(self, index: int) -> str:
        """Content of 0-based line ``index`` without its line ending."""
        return self.text[self._line_starts[index] : self.line_end(index)]

    def lines(self) -> list[str]:
        """Every line's content without its line ending (``line(i)`` for each ``i``), listed once: rules that read all
        of a file's lines would otherwise make tens of thousands of calls. Without a CR in the text, the lines are
        exactly the pieces between its LFs."""
        if self._lines is None:
            text = self.text
            self._lines = text.split("\n") if "\r" not in text else [self.line(i) for i in range(self.line_count)]
        return self._lines

    def lines_span(self, first: int, stop: int) -> Span:
        """Span of lines ``first`` (inclusive) to ``stop`` (exclusive), without the last line ending."""
        stop = min(stop, self.line_count)
        if stop <= first:
            start = self._line_starts[min(first, self.line_count - 1)]
            return Span(start, start)
        return Span(self._line_starts[first], self.line_end(stop - 1))

    def line_index(self, offset: int) -> int:
        """0-based line holding ``offset``."""
        return bisect_right(self._line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; columns count characters."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span_positions(self, spans: Iterable[Span]) -> list[tuple[int, int, int, int]]:
        """(line, column, end line, end column) of each span, as :meth:`position` gives them for its two ends: for
        a large list's thousands of findings at once (one lookup for a span that ends on the line it starts on)."""
        starts = self._line_starts
        last = len(starts) - 1
        found = []
        for span in spans:
            start, end = span.start, span.end
            index = bisect_right(starts, start) - 1
            line_start = starts[index]
            if index < last and end >= starts[index + 1]:
                end_index = bisect_right(starts, end) - 1
                found.append((index + 1, start - line_start + 1, end_index + 1, end - starts[end_index] + 1))
            else:
                found.append((index + 1, start - line_start + 1, index + 1, end - line_start + 1))
        return found

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self._line_starts[line - 1] + column - 1
