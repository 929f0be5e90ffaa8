"""Finding Markdown files and reading them safely (bytes in, exact text out)."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from listlint.errors import InputError
from listlint.source import SourceText

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".listlint_cache", "site-packages"})


def discover(paths: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[str | InputError]:
    """Files to check, in a stable order, each once however it is named (``a.md ./a.md``, a file inside a directory
    also given); problems are yielded as InputError so the run goes on."""
    if not paths:
        paths = ("README.md",)
    seen: set[str] = set()

    def first_time(name: str) -> bool:
        key = os.path.normcase(os.path.abspath(name))
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path, exclude))
            if not found:
                yield InputError(raw, "directory holds no Markdown files")
            yield from (name for name in found if first_time(name))
        elif path.exists() or path.is_symlink():
            if first_time(raw):
                yield raw
        else:
            yield InputError(raw, "no such file or directory")


def _walk(root: Path, exclude: Sequence[str]) -> Iterator[str]:
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in filenames:
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                full = os.path.join(directory, name)
                if not any(fnmatch.fnmatch(full, pattern) or fnmatch.fnmatch(name, pattern) for pattern in exclude):
                    yield full


def read(path: str, max_size: int) -> SourceText:
    """Read a Markdown file as exact text; refuse directories, devices, huge, binary and non-UTF-8 files."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "not a regular file")
    if info.st_size > max_size:
        raise InputError(path, f"file is {info.st_size} bytes, over max-file-size ({max_size})")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    return SourceText.from_bytes(data, path)
