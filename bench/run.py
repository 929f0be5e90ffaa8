"""Whole-process speed of `listlint check`, side by side with markdownlint-cli2, mdformat --check and the floor
(a bare `python -c` markdown-it-py parse of the same file). Not a test: run it by hand, paste the table into
bench/README.md.

    python bench/run.py [--runs 5] [--sizes 10k,1m,10m] [--no-peers] [--instructions]

Peers are installed on first use into bench/.tools/ (npm for markdownlint-cli2, a venv for mdformat).
``--instructions`` also counts the instructions the floor and listlint execute (valgrind's callgrind, hash seed
fixed): the same on every run, where a shared VM's wall times drift by tens of per cent from one minute to the next.
"""

from __future__ import annotations

import argparse
import os
import random
import re
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


# listlint's runs keep their compiled-regex cache in the benchmark's own folder, except those of NO_CACHE, which
# have none: each of them compiles its patterns as a first run on a new machine does.
NO_CACHE = "listlint, no cache"


def timed(cmd: list[str], cwd: Path, cache: str = str(DATA / "cache")) -> tuple[float, float, float]:
    """Wall time, peak RSS (MB) and CPU time (user + system, the process and the children it waited for: a process
    that uses two CPUs shows it here) of one run, read from that process's own resource usage (``wait4``)."""
    env = {**os.environ, "LISTLINT_CACHE_DIR": cache}
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = 0  # reaped above; keeps Popen from waiting again
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def interleaved(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, tuple[float, float, float]]:
    """Median wall time, largest peak RSS and median CPU time of each command over ``runs`` rounds. Each round runs
    every command once, in turn, so a machine that speeds up or slows down during the benchmark (a shared VM does)
    moves all of them alike and the ratios stay fair."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = {name: 0.0 for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, peak, cpu = timed(cmd, cwd, "" if name == NO_CACHE else str(DATA / "cache"))
            walls[name].append(wall)
            cpus[name].append(cpu)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(walls[name]), peaks[name], statistics.median(cpus[name])) for name in commands}


def instructions(cmd: list[str], cwd: Path) -> int | None:
    """Instructions one run of ``cmd`` executes in user space, by valgrind's callgrind; None without valgrind.
    ``PYTHONHASHSEED`` is fixed, so two runs of the same code count alike."""
    if not shutil.which("valgrind"):
        return None
    env = {**os.environ, "LISTLINT_CACHE_DIR": str(DATA / "cache"), "PYTHONHASHSEED": "0"}
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], cwd=cwd, env=env,
                          capture_output=True, text=True)
    found = re.search(r"Collected : ([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) if found else None


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
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
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
        commands = {
            "floor": floor_cmd,
            "listlint": [listlint, "check", "--exit-zero", "-q", str(path)],
            "listlint --jobs 1": [listlint, "check", "--exit-zero", "-q", "--jobs", "1", str(path)],
            NO_CACHE: [listlint, "check", "--exit-zero", "-q", str(path)],
            **{name: [*cmd, str(path)] for name, cmd in peers.items()},
        }
        timed(commands["listlint"], DATA)  # fills the regex cache, as any earlier run on this machine would have
        measured = interleaved(commands, args.runs, DATA)
        row = {"file": label, "bytes": size, "listlint CPU": measured["listlint"][2],
               "listlint_mem": measured["listlint"][1], **{name: m[0] for name, m in measured.items()}}
        if args.instructions:
            # one process (--jobs 1), so that one count holds all the work; the console script runs under the
            # interpreter valgrind starts (through its #! line it would be a child process)
            floor_ir = instructions(floor_cmd, DATA)
            listlint_ir = instructions([sys.executable, listlint, *commands["listlint --jobs 1"][1:]], DATA)
            if floor_ir and listlint_ir:
                row["instructions"] = (floor_ir, listlint_ir)
        rows.append(row)
        print(row, file=sys.stderr)
    names = ["floor", "listlint", "listlint --jobs 1", NO_CACHE, "listlint CPU", *peers]
    print(f"| file | bytes | {' | '.join(names)} | listlint / floor | --jobs 1 / floor | no cache / floor "
          "| listlint peak RSS |")
    print("|---|---:|" + "---:|" * len(names) + "---:|---:|---:|---:|")
    for row in rows:
        cells = " | ".join(f"{row[n]:.3f} s" for n in names)
        print(f"| {row['file']} | {row['bytes']:,} | {cells} | {row['listlint'] / row['floor']:.2f}x | "
              f"{row['listlint --jobs 1'] / row['floor']:.2f}x | {row[NO_CACHE] / row['floor']:.2f}x | "
              f"{row['listlint_mem']:.0f} MB |")
    print(f"\nmedian of {args.runs} runs; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    counted = [row for row in rows if "instructions" in row]
    if counted:
        print("\n| file | floor instructions | listlint --jobs 1 instructions | listlint / floor |\n|---|---:|---:|---:|")
        for row in counted:
            floor_ir, listlint_ir = row["instructions"]
            print(f"| {row['file']} | {floor_ir / 1e6:,.1f} M | {listlint_ir / 1e6:,.1f} M | "
                  f"{listlint_ir / floor_ir:.3f}x |")


if __name__ == "__main__":
    main()
