"""The compiled-regex cache (listlint.regex): stored code makes patterns equal to ``re.compile``'s, and a missing,
foreign, corrupt or unwritable cache only costs time."""

from __future__ import annotations

import importlib
import marshal
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import listlint
from listlint import regex
from listlint.regex import CodeCache, cache_dir


def declared_patterns() -> list[tuple[str, int]]:
    """Every pattern listlint declares with ``lazy`` in any of its modules."""
    found = {}
    for module in pkgutil.walk_packages(listlint.__path__, "listlint."):
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, regex._Pattern):
                found[value._source] = None
    return list(found)


def test_stored_code_makes_the_same_patterns(tmp_path: Path) -> None:
    patterns = declared_patterns()
    assert len(patterns) > 100
    first = CodeCache(tmp_path)
    for pattern, flags in patterns:
        first.compile(pattern, flags)
    assert first.hits == 0
    first.save()
    assert first.path is not None and first.path.exists()

    second = CodeCache(tmp_path)
    for pattern, flags in patterns:
        compiled = second.compile(pattern, flags)
        assert compiled == re.compile(pattern, flags), pattern  # same flags, same code
        assert (compiled.groups, compiled.groupindex) == (re.compile(pattern, flags).groups,
                                                          re.compile(pattern, flags).groupindex)
    assert second.hits == len(patterns)
    assert not second.fresh  # nothing new to store


def test_a_hit_matches_like_re_compile(tmp_path: Path) -> None:
    pattern = r"(?P<year>(?:19|20)\d\d)[a-z]?(?i:\s*arxiv)?"
    first = CodeCache(tmp_path)
    first.compile(pattern, re.IGNORECASE)
    first.save()
    second = CodeCache(tmp_path)
    cached = second.compile(pattern, re.IGNORECASE)  # a RegexFlag, stored and found as its int
    assert second.hits == 1
    match = cached.search("Title, 2019b ArXiv")
    assert match is not None and match.group("year") == "2019" and match.group(0) == "2019b ArXiv"
    assert cached.flags == re.compile(pattern, re.IGNORECASE).flags


def test_saves_merge_with_the_file(tmp_path: Path) -> None:
    one, two = CodeCache(tmp_path), CodeCache(tmp_path)
    one.compile("a+b", 0)
    two.compile("c+d", 0)
    one.save()
    two.save()  # written after one's save: keeps one's pattern
    third = CodeCache(tmp_path)
    third.compile("a+b", 0)
    third.compile("c+d", 0)
    assert third.hits == 2


def test_the_file_keeps_at_most_max_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex, "MAX_STORED", 2)
    old = CodeCache(tmp_path)
    for pattern in ("x1", "x2"):
        old.compile(pattern, 0)
    old.save()
    new = CodeCache(tmp_path)
    new.compile("y1", 0)
    new.save()  # three would be too many: only this run's pattern stays
    _, stored = marshal.loads(new.path.read_bytes())  # type: ignore[union-attr]
    assert set(stored) == {("y1", 0)}


def test_corrupt_file_is_ignored_and_rewritten(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path)
    assert cache.path is not None
    cache.path.write_bytes(b"\x00not marshal at all")
    assert cache.compile("[a-z]+", 0) == re.compile("[a-z]+")
    assert cache.hits == 0
    cache.save()
    again = CodeCache(tmp_path)
    again.compile("[a-z]+", 0)
    assert again.hits == 1


def test_another_pythons_file_is_not_read(tmp_path: Path) -> None:
    donor = CodeCache(tmp_path / "donor")
    donor.compile("[a-z]+", 0)
    donor.save()
    assert donor.path is not None
    _, stored = marshal.loads(donor.path.read_bytes())
    cache = CodeCache(tmp_path)
    assert cache.path is not None
    cache.path.write_bytes(marshal.dumps(("3.99.0 (another build)|1|4", stored)))
    cache.compile("[a-z]+", 0)
    assert cache.hits == 0


def test_code_the_engine_rejects_falls_back_to_re_compile(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path)
    assert cache.path is not None
    cache.path.write_bytes(marshal.dumps((cache.key, {("[a-z]+", 0): (32, [1, 2, 3], 0, {}, (None,))})))
    compiled = cache.compile("[a-z]+", 0)
    assert compiled == re.compile("[a-z]+")
    assert compiled.fullmatch("abc") and cache.hits == 0


def test_an_unwritable_directory_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = CodeCache(blocker / "cache")
    assert cache.compile("a|b", 0).fullmatch("b")
    cache.save()  # cannot create the directory: no error
    assert not (blocker / "cache").exists()


def test_cache_dir_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LISTLINT_CACHE_DIR", str(tmp_path / "here"))
    assert cache_dir() == tmp_path / "here"
    monkeypatch.setenv("LISTLINT_CACHE_DIR", "")
    assert cache_dir() is None
    assert CodeCache(None).path is None
    monkeypatch.delenv("LISTLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "listlint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "listlint"


def test_the_command_line_writes_the_cache_once_then_reads_it(tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_text("# Papers\n\n- [A paper](https://arxiv.org/abs/1706.03762) - attention.\n"
                       "- [Another paper](https://example.org/b) - more.\n"
                       "- [A paper](https://arxiv.org/abs/1706.03762)\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def check(directory: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "LISTLINT_CACHE_DIR": directory}
        return subprocess.run([sys.executable, "-m", "listlint", "check", "--color", "never", str(listing)],
                              capture_output=True, text=True, env=env, check=False)

    cold = check(str(cache))
    stored = list(cache.glob("regex-*.marshal"))
    assert len(stored) == 1
    written = stored[0].stat().st_mtime_ns
    warm = check(str(cache))
    assert stored[0].stat().st_mtime_ns == written  # every pattern came from the file: nothing to store
    without = check("")
    assert cold.returncode == warm.returncode == without.returncode == 1
    assert cold.stdout == warm.stdout == without.stdout
    assert "LL601" in warm.stdout


def test_a_hit_runs_the_stored_code_without_compiling(tmp_path: Path) -> None:
    """The file is trusted (it is written only after the equality check): code stored for a pattern is what runs.
    Here the code of ``b+`` is stored under ``a+``, which a run that compiled the text would not match ``bbb`` with."""
    cache = CodeCache(tmp_path)
    assert cache.path is not None
    parts = regex._compiled_parts("b+", 0)
    cache.path.write_bytes(marshal.dumps((cache.key, {("a+", 0): parts})))
    compiled = cache.compile("a+", 0)
    assert cache.hits == 1 and compiled.fullmatch("bbb") and not compiled.fullmatch("aaa")
