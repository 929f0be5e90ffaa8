"""Benchmark: 10,000 BibTeX blocks, listlint's BibTeX parse + every LL5xx rule vs bibtexparser alone.

Builds a reading list of ``--blocks`` heading entries (default 10,000), each with a link line and a ```` ```bibtex ````
fence. The BibTeX comes from the corpus (the Google Scholar blocks of theory-for-deep-learning.md and the
121 blocks of lucidrains__x-transformers.md) with a unique key per copy and the heading set to the BibTeX title;
every 100th block carries a defect (a missing comma, a repeated field, an unclosed brace) so the rules have work.

Timed in this process, median of ``--runs``:

- bibtexparser alone: ``bibtexparser.parse_string`` on each block (default middleware), and on all blocks
  joined into one string;
- listlint's BibTeX layer: :func:`listlint.parser.bibtex.parse_blocks` on the same blocks (bibtexparser plus
  exact spans, glued-field splitting, failure diagnosis, stray text);
- the eleven LL5xx rules (LL511 included) on the parsed document;
- for reference, the whole :func:`listlint.parser.parse` (markdown-it-py + BibTeX layer) and markdown-it-py alone;

and, as a whole process, ``listlint check --select LL5,LL511`` on the file. The issue's target is
``BibTeX layer + LL5xx rules - bibtexparser alone (per block) <= 2 s``.

    python bench/bibtex.py                 # 10,000 blocks, median of 3
    python bench/bibtex.py --blocks 2000 --runs 5

Not a test: run it by hand and paste the table into bench/bibtex-README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = HERE / ".data"
CORPUS = ROOT.parent / "shared" / "corpus"

import bibtexparser  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

from listlint.config import DEFAULT  # noqa: E402
from listlint.linter import RuleSet, lint  # noqa: E402
from listlint.parser import parse  # noqa: E402
from listlint.parser.bibtex import parse_blocks  # noqa: E402
from listlint.registry import Registry  # noqa: E402

_FENCE = re.compile(r"```bibtex\n(.*?)\n```", re.S)
_KEY = re.compile(r"^(@\w+\{)([^,\n]*),", re.M)
_TITLE = re.compile(r"^\s*title\s*=\s*[{\"](.*?)[}\"],?\s*$", re.M | re.I)


def templates() -> list[str]:
    blocks = []
    for name in ("seeds/theory-for-deep-learning.md", "real/lucidrains__x-transformers.md"):
        for block in _FENCE.findall((CORPUS / name).read_text(encoding="utf-8")):
            if block.count("@") == 1 and _KEY.search(block) and _TITLE.search(block):
                blocks.append(block)
    return blocks


def defect(block: str, n: int) -> str:
    kind = (n // 100) % 3
    if kind == 0:  # a missing comma after the title (LL505)
        return re.sub(r"(title\s*=\s*\{[^\n]*\}),", r"\1", block, count=1, flags=re.I)
    if kind == 1:  # a repeated field, other case (LL506)
        return block.replace("\n}", ",\n  Year={1999}\n}", 1)
    return block.replace("}\n}", "\n}", 1) if block.endswith("}\n}") else block[:-1]  # unclosed (LL501)


def build(blocks: int, layout: str = "list") -> str:
    """The list: ``#### Title`` entries (heading layout) or ``- [Title](url)`` items with an indented fence."""
    base = templates()
    out = ["# Papers with BibTeX\n"]
    for n in range(blocks):
        block = base[n % len(base)]
        block = _KEY.sub(lambda m: f"{m.group(1)}{m.group(2).strip()}x{n},", block, count=1)
        if n % 100 == 99:
            block = defect(block, n)
        title = _TITLE.search(block)
        heading = title.group(1) if title else f"Paper {n}"
        arxiv = f"https://arxiv.org/abs/{1500 + n % 900:04d}.{n % 100000:05d}"
        if layout == "heading":
            out.append(f"\n#### {heading} [`READ`]\n\npaper link: [here]({arxiv})\n\n```bibtex\n{block}\n```\n")
        else:
            indented = "\n".join("  " + line if line else line for line in block.split("\n"))
            out.append(f"\n- [{heading}]({arxiv}) [`READ`]\n\n  ```bibtex\n{indented}\n  ```\n")
    return "".join(out)


def median(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus)


def process(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall time and CPU time (user + system) of a child process."""
    walls, cpus = [], []
    for _ in range(runs):
        before = os.times()
        wall = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=False)
        walls.append(time.perf_counter() - wall)
        after = os.times()
        cpus.append(after.children_user - before.children_user + after.children_system - before.children_system)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--layout", choices=("list", "heading"), default="list")
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process `listlint check` row")
    args = parser.parse_args()
    logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
    logging.getLogger("bibtexparser").propagate = False

    text = build(args.blocks, args.layout)
    DATA.mkdir(exist_ok=True)
    path = DATA / f"bibtex-{args.layout}-{args.blocks}.md"
    path.write_text(text, encoding="utf-8")
    document = parse(text, str(path))
    raw_blocks = [b.raw for b in document.bibtex_blocks]
    unparsed = [dataclasses.replace(b, entries=(), failures=(), parsed=False) for b in document.bibtex_blocks]
    joined = "\n\n".join(raw_blocks)
    ruleset = RuleSet.build(Registry.load(plugins=False), DEFAULT, select=("LL5", "LL511"))
    found = lint(document, ruleset)
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")

    def fresh() -> object:  # the rules memoise shared views on the document: time them on a fresh copy
        return dataclasses.replace(document, _memo={})

    rows: list[tuple[str, tuple[float, float]]] = []
    per_block = median(lambda: [bibtexparser.parse_string(b) for b in raw_blocks], args.runs)
    rows.append(("bibtexparser.parse_string, per block (default middleware)", per_block))
    rows.append(("bibtexparser.parse_string, all blocks joined in one call",
                 median(lambda: bibtexparser.parse_string(joined), args.runs)))
    rows.append(("bibtexparser.parse_string, per block, parse_stack=[] (what listlint calls)",
                 median(lambda: [bibtexparser.parse_string(b, parse_stack=[]) for b in raw_blocks], args.runs)))
    layer = median(lambda: parse_blocks(unparsed, text), args.runs)
    rows.append(("listlint BibTeX layer (parse_blocks: bibtexparser + spans + diagnosis)", layer))
    rules = median(lambda: lint(fresh(), ruleset), args.runs)  # type: ignore[arg-type]
    rows.append(("LL501-LL511 rules on the parsed document", rules))
    rows.append(("listlint.parser.parse (markdown-it-py + entries + BibTeX layer)",
                 median(lambda: parse(text, str(path)), args.runs)))
    rows.append(("markdown-it-py alone (same file)", median(lambda: md.parse(text), args.runs)))
    if not args.no_process:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        cmd = [sys.executable, "-m", "listlint.cli", "check", "--quiet", "--select", "LL5,LL511", str(path)]
        rows.append(("`listlint check --select LL5,LL511` (whole process)", process(cmd, env, args.runs)))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.blocks} blocks ({args.layout} layout), {len(text) / 1e6:.1f} MB of Markdown, {len(found)} LL5xx "
          f"diagnostics; Python {platform.python_version()}, bibtexparser {bibtexparser.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load:.1f}; median of {args.runs}\n")
    print("| step | wall s | CPU s |\n|---|---|---|")
    for name, (wall, cpu) in rows:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    over_wall = layer[0] + rules[0] - per_block[0]
    over_cpu = layer[1] + rules[1] - per_block[1]
    print(f"\nBibTeX layer + LL5xx rules - bibtexparser per block = {over_wall:.2f} s wall, {over_cpu:.2f} s CPU "
          "(target <= 2 s)")


if __name__ == "__main__":
    main()
