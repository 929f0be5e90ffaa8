"""`listlint check` over a directory of many small lists: --jobs 1 against the default (one worker per CPU).

    python bench/jobs.py [--files 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "seeds"


def make_tree(root: Path, count: int) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))]
    if root.exists():
        shutil.rmtree(root)
    for i in range(count):
        folder = root / f"group{i % 20:02}"
        folder.mkdir(parents=True, exist_ok=True)
        text = seeds[i % len(seeds)].replace("](https://", f"](https://v{i}.")
        (folder / f"list{i:04}.md").write_text(text, encoding="utf-8")


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = HERE / ".data" / f"many-{args.files}"
    make_tree(root, args.files)
    listlint = shutil.which("listlint") or str(Path(sys.executable).parent / "listlint")
    base = [listlint, "check", "--exit-zero", "-q", str(root)]
    one = timed([*base, "--jobs", "1"], args.runs)
    default = timed(base, args.runs)
    cpus = os.cpu_count() or 1
    print("| files | --jobs 1 | default (--jobs " + str(cpus) + ") | speed-up |")
    print("|---:|---:|---:|---:|")
    print(f"| {args.files} | {one:.2f} s | {default:.2f} s | {one / default:.2f}x |")
    print(f"\nmedian of {args.runs} runs; {cpus} CPUs; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
