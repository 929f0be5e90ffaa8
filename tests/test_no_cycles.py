"""Parsing, linting and fixing make no reference cycles, so the command can run without the cyclic collector.

``listlint`` switches the collector off (src/listlint/__main__.py): its objects live until the process exits, and a
collector pass over a large document's heap is pure cost. That is only safe while everything a run creates is freed
by reference counting; these tests find any cycle (a recursive closure, a cache that points back at its document,
an exception that keeps its own traceback) on every corpus list and on the shapes the corpus lacks.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import corpus_dir

from listlint.config import DEFAULT
from listlint.fixer import fix_source
from listlint.linter import RuleSet, lint
from listlint.parser import parse
from listlint.registry import Registry
from listlint.source import SourceText

RULES = RuleSet.build(Registry.load(plugins=False), DEFAULT)

SHAPES = {
    "broken-bibtex": "# L\n\n## P\n\n#### A paper [`READ`]\n\npaper link: [here](https://a.org/1)\n\n```bibtex\n"
                     "@article{a,\n  title = {A {paper},\n  year = 2020\n}\n@misc{b title={B}}\n```\n",
    "duplicates": "# L\n\n- [A](https://arxiv.org/abs/2101.00001) - x\n- [A](https://arxiv.org/pdf/2101.00001.pdf)\n"
                  "  - [Sub](https://b.org) y\n\n| Paper | Link |\n|---|---|\n| T | [x](https://c.org) |\n",
    "citations": "# L\n\n• Smith, J. (2019). A title of a paper. Venue.\n• Doe- Other paper -2017.04.05\n\n"
                 "1. [X](https://x.org)\n3. [Y](https://y.org)\n",
}


def _documents() -> Iterator[tuple[str, str]]:
    root = corpus_dir()
    for path in sorted(root.glob("*/*.md")):
        yield path.name, path.read_text(encoding="utf-8")
    yield from SHAPES.items()


def _cyclic_garbage(work: Callable[[], object]) -> Counter[str]:
    """Types of the objects that ``work`` left in reference cycles (found by a collection, kept for the report)."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        work()
        gc.collect()
        found = Counter(type(o).__qualname__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()
    return found


@pytest.mark.parametrize(("name", "text"), list(_documents()), ids=[name for name, _ in _documents()])
def test_parse_lint_and_fix_leave_no_cycles(name: str, text: str) -> None:
    lint(parse(SourceText(text), name), RULES)  # warm caches and lazy imports outside the measurement
    assert _cyclic_garbage(lambda: lint(parse(SourceText(text), name), RULES)) == Counter()
    assert _cyclic_garbage(lambda: fix_source(SourceText(text), lambda s: parse(s, name), lambda d: lint(d, RULES),
                                              unsafe=True)) == Counter()


def test_the_detector_sees_a_cycle() -> None:
    def make() -> None:
        def again() -> object:
            return again  # a recursive closure: the function and its cell hold each other

        again()

    assert _cyclic_garbage(make)["function"] == 1


def test_the_command_runs_without_the_collector(tmp_path: Path) -> None:
    probe = (
        "import gc, sys, listlint.cli\n"
        "listlint.cli.run = lambda: print('collector', gc.isenabled())\n"
        "from listlint.__main__ import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "collector False", result.stderr
