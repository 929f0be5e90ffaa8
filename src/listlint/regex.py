"""Regular expressions compiled on first use, from a cache of their compiled code when there is one.

listlint declares its ~150 patterns at module level, next to the code that reads them. Compiling them all at
import took 15-16 ms of a 10 KB check's ~140 ms (CPython's ``re`` compiler is written in Python), and a list uses
about half of them: the BibTeX patterns only matter to lists with BibTeX, the arXiv forms to lists of papers.

Even the half a list uses cost 9-13 ms of a 10 KB check's ~115 ms (60 patterns, measured). So the command line
keeps what CPython's compiler made of each pattern in one file per Python build, as CPython keeps bytecode in
``__pycache__``: a later run hands the stored code to ``_sre.compile`` (what ``re.compile`` ends with) and skips the
compiler (~0.02 ms a pattern instead of ~0.2). Code is stored only when the pattern it makes compares equal to
``re.compile``'s (a pattern's ``==`` compares its flags and its compiled code), and a file written by another Python
is not read. Anything unexpected (no ``_sre``, an unreadable file, code ``_sre`` rejects) falls back to
``re.compile``. The file is ``regex-<python build>.marshal`` in ``$LISTLINT_CACHE_DIR`` (default
``$XDG_CACHE_HOME/listlint``, else ``~/.cache/listlint``); an empty ``LISTLINT_CACHE_DIR`` turns it off.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
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
        compiled = CODE_CACHE.compile(*self._source)
        for attribute in _READ:
            setattr(self, attribute, getattr(compiled, attribute))
        self.__class__ = _Pattern  # type: ignore[assignment]
        return getattr(self, name)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Uncompiled(pattern, int(flags)))


# A stored pattern: (flags, code, groups, groupindex, indexgroup), the arguments of ``_sre.compile`` after the text.
Parts = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]

# Patterns kept in the file at most: others than this version of listlint declares (an older version's, or those of
# modules a run did not import) stay until the file would grow past this.
MAX_STORED = 1000


def cache_dir() -> Path | None:
    """listlint's user-level cache directory, or None when turned off (``LISTLINT_CACHE_DIR=""``)."""
    chosen = os.environ.get("LISTLINT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return Path(base) / "listlint" if base else Path.home() / ".cache" / "listlint"
    except RuntimeError:  # no home directory to be found
        return None


def _build_key() -> str | None:
    """What the stored code depends on: the interpreter's exact version and its regex engine's. None where no
    ``_sre.compile`` can be trusted with it (another implementation than CPython)."""
    try:
        import _sre
    except ImportError:
        return None
    if sys.implementation.name != "cpython" or not hasattr(_sre, "compile"):
        return None
    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"


def _compiled_parts(pattern: str, flags: int) -> Parts | None:
    """What ``re.compile`` hands to ``_sre.compile`` for ``pattern``: the same steps as CPython's
    ``re._compiler.compile`` (alike from 3.10 to 3.13). None if this Python's compiler is laid out otherwise."""
    try:
        try:
            from re import _compiler, _parser  # type: ignore[attr-defined]
        except ImportError:  # Python 3.10
            import sre_compile as _compiler
            import sre_parse as _parser
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Any] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        code_ints = [int(op) for op in code]  # its opcodes are int subclasses, which marshal does not store
        return flags | parsed.state.flags, code_ints, parsed.state.groups - 1, groupindex, tuple(indexgroup)
    except Exception:  # noqa: BLE001 - not this Python's layout: the pattern is simply not stored
        return None


class CodeCache:
    """The compiled code of patterns by (pattern, flags), read from one file on first use and written back, with
    what this process had to compile, by :meth:`save`."""

    def __init__(self, directory: Path | None) -> None:
        key = _build_key()
        self.key = key
        self.path = directory / f"regex-{sys.implementation.cache_tag}.marshal" if directory and key else None
        self.stored: dict[tuple[str, int], Parts] | None = None
        self.fresh: dict[tuple[str, int], re.Pattern[str]] = {}
        self.hits = 0

    def _read(self) -> dict[tuple[str, int], Parts]:
        if self.path is None:
            return {}
        import marshal

        try:
            key, stored = marshal.loads(self.path.read_bytes())
        except Exception:  # noqa: BLE001 - missing, unreadable or not ours: compile as if there were no file
            return {}
        return stored if key == self.key and isinstance(stored, dict) else {}

    def compile(self, pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the stored code when there is some."""
        flags = int(flags)  # a RegexFlag is no key marshal can store
        if self.stored is None:
            self.stored = self._read()
        parts = self.stored.get((pattern, flags))
        if parts is not None:
            try:
                import _sre

                compiled: re.Pattern[str] = _sre.compile(pattern, *parts)
            except Exception:  # noqa: BLE001 - code this engine rejects: compile it afresh
                pass
            else:
                self.hits += 1
                return compiled
        compiled = re.compile(pattern, flags)
        if self.path is not None:
            self.fresh[(pattern, flags)] = compiled
        return compiled

    def save(self) -> None:
        """Store the code of the patterns this process compiled, merged with what the file holds now (another run
        may have written it meanwhile). Written through a temporary file and ``os.replace``; never raises."""
        if self.path is None or not self.fresh:
            return
        try:
            import _sre
            import marshal
            import tempfile

            stored = self._read()
            for (pattern, flags), compiled in self.fresh.items():
                parts = _compiled_parts(pattern, flags)
                if parts is not None and _sre.compile(pattern, *parts) == compiled:
                    stored[(pattern, flags)] = parts
            if len(stored) > MAX_STORED:
                stored = {key: stored[key] for key in self.fresh if key in stored}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".regex-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps((self.key, stored)))
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs the next run time
            return
        self.fresh.clear()


CODE_CACHE = CodeCache(cache_dir())


def compile_cached(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile`` for patterns built at run time (from the configuration), through the same cache."""
    return CODE_CACHE.compile(pattern, flags)


def save_cache() -> None:
    """Store what this process compiled (the command line calls this on its way out)."""
    CODE_CACHE.save()
