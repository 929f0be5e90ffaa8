"""Apply fixes: non-overlapping edits in one pass, re-parse, repeat to a fixed point; guard entries; write atomically.

The fixer is the only code that changes files. It refuses to write when the entries after fixing differ from those
before in a way the applied fixes did not declare (``Fix.alters``), and when a rule's fixes do not converge.
"""

from __future__ import annotations

import os
import stat
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable

from listlint.diagnostics import Alters, Applicability, Diagnostic, Edit, Fix
from listlint.errors import FixError, InputError
from listlint.model import Document
from listlint.source import SourceText

MAX_PASSES = 12

Linter = Callable[[Document], list[Diagnostic]]
Parser = Callable[[SourceText], Document]


class FixResult:
    """The fixed text of one file and which findings were fixed and which remain."""

    __slots__ = ("source", "text", "applied", "remaining", "passes")

    def __init__(self, source: SourceText, text: str, applied: list[Diagnostic] | None = None,
                 remaining: list[Diagnostic] | None = None, passes: int = 0) -> None:
        self.source = source
        self.text = text  # the fixed text
        self.applied = [] if applied is None else applied
        self.remaining = [] if remaining is None else remaining
        self.passes = passes

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def choose(fixes: Iterable[Fix]) -> list[Fix]:
    """Fixes whose edits overlap no earlier chosen edit (in document order); the rest wait for the next pass.

    Two edits conflict when their ranges share a character, when an insertion point falls strictly inside the
    other's range, or when both insert at the same point. The chosen edits never conflict, so sorted by start their
    ends never decrease: an edit conflicts with some chosen edit exactly when the last chosen edit that starts before
    its end reaches past its start. A bisection finds that edit, so choosing is O(n log n), not O(n²)."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []  # (start, end) of the chosen edits, sorted
    points: set[int] = set()  # offsets where a chosen edit inserts
    for fix in sorted(fixes, key=lambda f: (f.span.start, f.span.end)):
        if _self_overlapping(fix) or any(_conflicts(e.span.start, e.span.end, taken, points) for e in fix.edits):
            continue
        chosen.append(fix)
        for e in fix.edits:
            insort(taken, (e.span.start, e.span.end))
            if e.span.start == e.span.end:
                points.add(e.span.start)
    return chosen


def _conflicts(start: int, end: int, taken: list[tuple[int, int]], points: set[int]) -> bool:
    if start == end and start in points:
        return True
    before = bisect_left(taken, (end, -1))  # the chosen edits that start before this one ends
    return before > 0 and taken[before - 1][1] > start


def _self_overlapping(fix: Fix) -> bool:
    edits = sorted(fix.edits, key=lambda e: (e.span.start, e.span.end))
    return any(a.span.end > b.span.start for a, b in zip(edits, edits[1:]))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits in one pass over the text (linear in its size, however many edits).

    A bare CR ends a line (CommonMark), and CR followed by LF is one line ending: an edit that deletes what stood
    between a bare CR and a LF (``"a\\r  \\n"`` minus the spaces) would merge two line endings into one and join
    two blocks. Such a CR becomes a LF, so every line ending stays a line ending."""
    pieces: list[str] = []
    at = 0
    joints: list[int] = []  # output offsets where an edit starts right after a bare CR of the text
    length = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        start = edit.span.start
        if start > at:
            pieces.append(text[at:start])
            length += start - at
        if start > at and text[start - 1] == "\r" and text[start : start + 1] != "\n":
            joints.append(length)
        pieces.append(edit.content)
        length += len(edit.content)
        at = max(at, edit.span.end)
    pieces.append(text[at:])
    out = "".join(pieces)
    merged = [p for p in joints if out[p : p + 1] == "\n"]
    if not merged:
        return out
    chars = list(out)
    for p in merged:
        chars[p - 1] = "\n"
    return "".join(chars)


def entry_signature(document: Document) -> list[tuple[str, str]]:
    return [(e.title, e.primary_link.url if e.primary_link else "") for e in document.entries]


def check_entries(before: Document, after: Document, alters: Alters) -> str | None:
    """A description of an undeclared change to the entries, or None when the change is declared."""
    old, new = entry_signature(before), entry_signature(after)
    if Alters.ENTRIES in alters:
        return None
    if len(old) != len(new):
        return f"the fix would change the number of entries from {len(old)} to {len(new)}"
    for (t0, u0), (t1, u1) in zip(old, new):
        if t0 != t1 and Alters.TITLES not in alters:
            return f"the fix would change the entry title {t0!r} to {t1!r}"
        if u0 != u1 and Alters.URLS not in alters:
            return f"the fix would change the entry link {u0!r} to {u1!r}"
    return None


def fix_source(
    source: SourceText,
    parse: Parser,
    lint: Linter,
    *,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    original = parse(source)
    document = original
    text = source.text
    applied: list[Diagnostic] = []
    seen: set[str] = set()
    for passes in range(1, max_passes + 1):
        diagnostics = lint(document)
        candidates = {id(d.fix): d for d in diagnostics if d.fix is not None and d.fix.applicability in allowed}
        chosen = choose(d.fix for d in candidates.values() if d.fix is not None)
        if not chosen:
            return FixResult(source, text, applied, diagnostics, passes - 1)
        # The guard checks each pass against what that pass's fixes declare. Fixes that may change titles or URLs,
        # or add and remove entries, wait for a pass of their own: one such fix never hides an undeclared change
        # made by another.
        least = min(_breadth(fix.alters) for fix in chosen)
        chosen = [fix for fix in chosen if _breadth(fix.alters) == least]
        alters = Alters.NOTHING
        by_fix = {id(d.fix): d for d in candidates.values()}
        for fix in chosen:
            applied.append(by_fix[id(fix)])
            alters |= fix.alters
        new_text = apply_edits(text, (e for fix in chosen for e in fix.edits))
        if new_text in seen or new_text == text:
            codes = sorted({by_fix[id(f)].code for f in chosen})
            raise FixError(f"{source_path(original)}: fixes of {', '.join(codes)} do not converge; nothing written")
        seen.add(text)
        text = new_text
        before, document = document, parse(_same_style(source, text))
        problem = check_entries(before, document, alters)
        if problem:
            codes = ", ".join(sorted({by_fix[id(f)].code for f in chosen}))
            raise FixError(f"{source_path(original)}: not written: {problem} ({codes})")
    codes = sorted({d.code for d in applied[-20:]})
    raise FixError(
        f"{source_path(original)}: fixes did not converge after {max_passes} passes ({', '.join(codes)}); "
        "nothing written"
    )


def _breadth(alters: Alters) -> int:
    """How much of the entry list a fix may change: nothing, titles or URLs, or the entries themselves."""
    if Alters.ENTRIES in alters:
        return 2
    return 1 if alters else 0


def source_path(document: Document) -> str:
    return document.path


def _same_style(source: SourceText, text: str) -> SourceText:
    return SourceText(text, bom=source.bom)


def write_atomic(path: str, data: bytes) -> None:
    """Write through a temporary file in the same directory and ``os.replace``, keeping the mode bits.

    Symlinks and non-regular files are refused: replacing them would break the link or the device.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError(path, "is a symbolic link; refusing to replace it (fix the target file instead)")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "not a regular file; refusing to write")
    directory = os.path.dirname(os.path.abspath(path))
    import tempfile  # only when writing: its import (random, shutil) costs start-up of every check

    fd, temp = tempfile.mkstemp(prefix=".listlint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
