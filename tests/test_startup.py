"""Start-up cost guards: what listlint does at import time is paid by every run, a pre-commit hook's included."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import listlint

PACKAGE = Path(listlint.__file__).parent


def _dataclasses_without_docstring() -> list[str]:
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            if any("dataclass" in ast.unparse(d) for d in node.decorator_list) and ast.get_docstring(node) is None:
                missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    return missing


def test_every_dataclass_has_a_docstring() -> None:
    # Without one, @dataclass writes ``__doc__`` from inspect.signature() of the new class at import time: for
    # the 55 classes that had none, about 3 ms of every run's start-up (41 ms instead of 44 ms creating all of
    # them, measured on the installed package). Small, but free, and the docstring says why the class exists.
    assert _dataclasses_without_docstring() == []


def test_the_guard_sees_a_dataclass_without_docstring(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mod.py").write_text("from dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass A:\n    x: int\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    assert _dataclasses_without_docstring() == ["mod.py:4 A"]


def test_start_up_defines_no_new_dataclass() -> None:
    # CPython 3.11 compiles each dataclass's ~6 generated methods at every start: ~0.5-1 ms a class, against
    # ~0.07 ms for a NamedTuple and ~0.01 ms for a class with slots. Turning 43 of them into NamedTuples took
    # listlint's imports from 45 to 29 ms, and the last nine (working state, Diagnostic, Document) into classes
    # with slots saved 5 ms more. An immutable record is a listlint.records.Record, working state a class with slots.
    import subprocess

    code = (
        "import dataclasses\n"
        "made = []\n"
        "original = dataclasses._process_class\n"
        "def counting(cls, *args):\n"
        "    made.append(cls.__module__ + '.' + cls.__qualname__)\n"
        "    return original(cls, *args)\n"
        "dataclasses._process_class = counting\n"
        "import listlint.cli\n"
        "print('\\n'.join(name for name in made if name.startswith('listlint')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


@pytest.mark.parametrize(("args", "loaded"), [
    (["a.md"], ""),
    (["-q", "a.md"], ""),  # a short option costs no NoSuchOption error, whose suggestions import difflib
    (["t.md"], "listlint.parser.tables"),
])
def test_a_check_imports_only_what_the_list_needs(tmp_path: Path, args: list[str], loaded: str) -> None:
    # A list without BibTeX, checked offline, needs neither bibtexparser nor httpx; difflib only serves suggestions
    # for mistakes and `fix --diff`; the fixer serves `fix`; the table reader, lists with tables; locale, click's
    # translations, which listlint's own --help, --version and file type skip. (The command exits through
    # os._exit, so the modules are read there.)
    import subprocess

    (tmp_path / "a.md").write_text("# List\n\n- [A](https://a.dev) - A tool.\n- [B](https://b.dev) - Another.\n")
    (tmp_path / "t.md").write_text("# List\n\n| Paper | Code |\n|---|---|\n| [A](https://a.dev) | [c](https://c.dev) |\n")
    code = (
        "import os, sys\n"
        "_exit = os._exit\n"
        "def report(status=0):\n"
        "    heavy = ('httpx', 'bibtexparser', 'difflib', 'asyncio', 'tomllib', 'listlint.fixer',\n"
        "             'listlint.parser.tables', 'locale')\n"
        "    sys.stderr.write('loaded: ' + ' '.join(m for m in heavy if m in sys.modules) + '\\n')\n"
        "    _exit(status)\n"
        "os._exit = report\n"
        f"sys.argv = ['listlint', 'check', *{args!r}]\n"
        "from listlint.__main__ import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr.splitlines()[-1] == f"loaded: {loaded}"


def _namedtuples_made_by(statement: str, cwd: Path | None = None) -> list[str]:
    """The modules whose NamedTuple classes running ``statement`` created (typing.NamedTuple calls namedtuple)."""
    import subprocess

    code = (
        "import collections\n"
        "made = []\n"
        "original = collections.namedtuple\n"
        "def counting(name, fields, **kwargs):\n"
        "    made.append(kwargs.get('module') or '?')\n"
        "    return original(name, fields, **kwargs)\n"
        "collections.namedtuple = counting\n"
        f"{statement}\n"
        "print(' '.join(made))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd)
    return done.stdout.split()


def test_start_up_defines_no_namedtuple() -> None:
    # typing.NamedTuple compiles a __new__ for each class (eval) and checks each annotation: the 73 records cost
    # ~6 ms of every run (13 ms on a slow VM, against 3 ms as Records). Records derive from listlint.records.Record.
    made = _namedtuples_made_by("import listlint.cli, listlint.fixer")
    assert [module for module in made if module.startswith("listlint")] == []


def test_the_namedtuple_guard_sees_one(tmp_path: Path) -> None:
    (tmp_path / "listlint_probe.py").write_text("from typing import NamedTuple\n\nclass A(NamedTuple):\n    x: int\n")
    assert "listlint_probe" in _namedtuples_made_by("import listlint_probe", cwd=tmp_path)
