"""Whole-process speed of `listlint check`, side by side with markdownlint-cli2, mdformat --check and the floor
(a bare `python -c` markdown-it-py parse of the same file). Not a test: run it by hand, paste the table into
bench/README.md.

    python bench/run.py [--runs 5] [--sizes 10k,1m,10m] [--no-peers]

Peers are installed on first use into bench/.tools/ (npm for markdownlint-cli2, a venv for mdformat).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE / ".tools"
DATA = HERE / ".data"
CORPUS = HERE.parent.parent / "shared" / "corpus"
SIZES = {"10k": 10_000, "1m": 1_000_000, "10m": 10_000_000}


def build_list(size: int, seed: int = 7) -> str:
    """A list of about ``size`` bytes made of corpus files, with titles and URLs varied per copy."""
    rng = random.Random(seed)
    parts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "seeds").glob("*.md"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "real").glob("*.md"))]
    out = ["# Benchmark list\n\n"]
    total = 0
    copy = 0
    while total < size:
        part = parts[copy % len(parts)]
        copy += 1
        tag = f"{copy}-{rng.randrange(10**6)}"
        varied = re.sub(r"\]\((https?://[^)\s]+)\)", lambda m: f"]({m.group(1)}?v={tag})", part)
        varied = re.sub(r"^(#{1,6} )(.+)$", lambda m: f"{m.group(1)}{m.group(2)} {copy}", varied, flags=re.MULTILINE)
        varied = re.sub(r"\[([^\]\n]{3,80})\]\(", lambda m: f"[{m.group(1)} {copy}](", varied)
        if total + len(varied) > size and total > 0:
            varied = varied[: max(0, size - total)]
            varied = varied[: varied.rfind("\n") + 1]
        out.append(varied + "\n")
        total += len(varied) + 1
    return "".join(out)


def timed(cmd: list[str], runs: int, cwd: Path) -> tuple[float, float, float]:
    """Median wall time over ``runs``, the peak RSS (MB) of the runs, and the median CPU time (user + system, the
    process and its children: a process that uses two CPUs shows it here)."""
    times, cpus = [], []
    peak = 0.0
    for _ in range(runs):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime)
        peak = max(peak, after.ru_maxrss / 1024, usage.ru_maxrss / 1024)
    return statistics.median(times), peak, statistics.median(cpus)


def ensure_peers() -> dict[str, list[str]]:
    peers: dict[str, list[str]] = {}
    TOOLS.mkdir(exist_ok=True)
    cli2 = TOOLS / "node_modules" / ".bin" / "markdownlint-cli2"
    if not cli2.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--silent", "--prefix", str(TOOLS), "markdownlint-cli2"], check=False)
    if cli2.exists():
        peers["markdownlint-cli2"] = [str(cli2)]
    venv = TOOLS / "mdformat-venv"
    mdformat = venv / "bin" / "mdformat"
    if not mdformat.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "mdformat"], check=False)
    if mdformat.exists():
        peers["mdformat --check"] = [str(mdformat), "--check"]
    return peers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10k,1m,10m")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    listlint = shutil.which("listlint") or str(Path(sys.executable).parent / "listlint")
    peers = {} if args.no_peers else ensure_peers()
    rows = []
    for label in args.sizes.split(","):
        path = DATA / f"list-{label}.md"
        if not path.exists():
            path.write_text(build_list(SIZES[label]), encoding="utf-8")
        size = path.stat().st_size
        floor_cmd = [sys.executable, "-c",
                     "import sys; from markdown_it import MarkdownIt; "
                     "MarkdownIt('commonmark').enable(['table','strikethrough']).parse(open(sys.argv[1], encoding='utf-8').read())",
                     str(path)]
        floor, _, _ = timed(floor_cmd, args.runs, DATA)
        ours, ours_mem, ours_cpu = timed([listlint, "check", "--exit-zero", "-q", str(path)], args.runs, DATA)
        one, _, _ = timed([listlint, "check", "--exit-zero", "-q", "--jobs", "1", str(path)], args.runs, DATA)
        row = {"file": label, "bytes": size, "floor": floor, "listlint": ours, "listlint --jobs 1": one,
               "listlint CPU": ours_cpu, "listlint_mem": ours_mem}
        for name, cmd in peers.items():
            row[name], _, _ = timed([*cmd, str(path)], args.runs, DATA)
        rows.append(row)
        print(row, file=sys.stderr)
    names = ["floor", "listlint", "listlint --jobs 1", "listlint CPU", *peers]
    print(f"| file | bytes | {' | '.join(names)} | listlint / floor | --jobs 1 / floor | listlint peak RSS |")
    print("|---|---:|" + "---:|" * len(names) + "---:|---:|---:|")
    for row in rows:
        cells = " | ".join(f"{row[n]:.3f} s" for n in names)
        print(f"| {row['file']} | {row['bytes']:,} | {cells} | {row['listlint'] / row['floor']:.2f}x | "
              f"{row['listlint --jobs 1'] / row['floor']:.2f}x | {row['listlint_mem']:.0f} MB |")
    print(f"\nmedian of {args.runs} runs; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
