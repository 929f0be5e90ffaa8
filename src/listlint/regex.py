"""Regular expressions compiled on first use.

listlint declares its ~150 patterns at module level, next to the code that reads them. Compiling them all at
import took 15-16 ms of a 10 KB check's ~140 ms (CPython's ``re`` compiler is written in Python), and a list uses
about half of them: the BibTeX patterns only matter to lists with BibTeX, the arXiv forms to lists of papers.
"""

from __future__ import annotations

import re
from typing import Any, cast

# What listlint reads from patterns: once compiled, each is an attribute of the pattern object itself.
_READ = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
         "pattern", "flags", "groups", "groupindex")


class _Pattern:
    """A compiled pattern's methods and attributes, held as plain slots."""

    __slots__ = ("_source", *_READ)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r}, {self._source[1]!r})"


class _Uncompiled(_Pattern):
    """Not compiled yet. Its ``__getattr__`` compiles on the first use and then makes the object a plain
    :class:`_Pattern`: a class with ``__getattr__`` reads every attribute more slowly (~50 ns a call)."""

    __slots__ = ()

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._source)
        for attribute in _READ:
            setattr(self, attribute, getattr(compiled, attribute))
        self.__class__ = _Pattern  # type: ignore[assignment]
        return getattr(self, name)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Uncompiled(pattern, int(flags)))
