"""A one-line progress bar on stderr, redrawn at most ten times a second, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from listlint.links._result import Verdict

_WARNINGS = frozenset({Verdict.REDIRECTED, Verdict.UNREACHABLE, Verdict.BLOCKED})


class Progress:
    def __init__(self, total: int, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0 and _is_tty(self.stream)
        self.total = total
        self.done = 0
        self.dead = 0
        self.warnings = 0
        self._drawn = 0.0

    def advance(self, verdict: Verdict) -> None:
        self.done += 1
        self.dead += verdict is Verdict.DEAD
        self.warnings += verdict in _WARNINGS
        if self.enabled:
            now = time.monotonic()
            if now - self._drawn >= 0.1 or self.done == self.total:
                self._drawn = now
                self._draw()

    def _draw(self) -> None:
        width = 24
        filled = width * self.done // self.total if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        line = f"\rlinks [{bar}] {self.done}/{self.total} checked, {self.dead} dead, {self.warnings} warnings"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
